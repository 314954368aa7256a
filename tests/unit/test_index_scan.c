#include "acct/index_scan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acct/buf.h"
#include "harness.h"
#include "acct/banned.h"

/*
 * lib/index_scan.c against git itself: the paths it reads from .git/index
 * are the ones `git ls-files` lists, in versions 2, 3 and 4, and an entry's
 * stamp changes exactly when git records something new of the file.
 */

static char dir[] = "/tmp/acct-test-index-scan.XXXXXX";

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int sh(const char *fmt, ...)
{
	struct acct_buf cmd = ACCT_BUF_INIT;
	va_list ap;
	int rc;

	acct_buf_addf(&cmd, "cd '%s' && { ", dir);
	va_start(ap, fmt);
	acct_buf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	acct_buf_addstr(&cmd, "; } >/dev/null 2>&1");
	rc = system(cmd.buf);
	acct_buf_release(&cmd);
	return rc;
}

static int scan(struct acct_index_scan *s, const char *prefix)
{
	struct acct_buf path = ACCT_BUF_INIT;
	int rc;

	acct_buf_addf(&path, "%s/.git/index", dir);
	rc = acct_index_scan(s, path.buf, prefix);
	acct_buf_release(&path);
	return rc;
}

/* The paths git lists under `prefix`, one a line, as acct reads them. */
static void check_paths(const char *prefix, const char *what)
{
	struct acct_index_scan s = ACCT_INDEX_SCAN_INIT;
	struct acct_buf want = ACCT_BUF_INIT, got = ACCT_BUF_INIT,
			path = ACCT_BUF_INIT;
	size_t i;

	acct_buf_addf(&path, "%s/ls.out", dir);
	CHECK(sh("git ls-files %s%s%s >ls.out", *prefix ? "-- '" : "",
		 prefix, *prefix ? "'" : "") == 0);
	CHECK(acct_buf_read_file(&want, path.buf) == 0);
	CHECK_MSG(scan(&s, prefix) == 0, "%s: the index did not read", what);
	for (i = 0; i < s.n; i++) {
		acct_buf_add(&got, s.v[i].path, s.v[i].len);
		acct_buf_addch(&got, '\n');
		CHECK(s.v[i].stamp != 0);
		CHECK(strlen(s.v[i].path) == s.v[i].len);
	}
	CHECK_MSG(!strcmp(got.buf, want.buf), "%s: read\n%s\ngit lists\n%s",
		  what, got.buf, want.buf);
	acct_index_scan_release(&s);
	acct_buf_release(&want);
	acct_buf_release(&got);
	acct_buf_release(&path);
}

static uint64_t stamp_of(const char *path)
{
	struct acct_index_scan s = ACCT_INDEX_SCAN_INIT;
	size_t lo, hi;
	uint64_t st = 0;

	if (scan(&s, "") == 0) {
		acct_index_scan_range(&s, "", 0, &lo, &hi);
		st = acct_index_scan_stamp(&s, lo, hi, path);
	}
	acct_index_scan_release(&s);
	return st;
}

static void test_index_scan__versions(void)
{
	CHECK(sh("git init -q . && mkdir -p clients/acme/log/2026 "
		 "clients/acme-corp clients/beta/nps/2026 other && "
		 "for f in clients/acme/client.yaml "
		 "clients/acme/log/2026/2026-11-20T1430-call.md "
		 "clients/acme/log/2026/2026-11-21T0900-a-much-longer-name-"
		 "for-the-prefix-compression-of-version-four.md "
		 "clients/acme-corp/client.yaml clients/beta/nps/2026/x.yaml "
		 "other/file README; do echo $f >$f; done && "
		 "git add -A && git -c user.name=a -c user.email=a@b commit "
		 "-q -m x") == 0);
	check_paths("clients/", "version 2");
	check_paths("", "version 2, every path");
	check_paths("clients/acme/", "version 2, one client");
	CHECK(sh("git update-index --index-version 3 && "
		 "git update-index --skip-worktree other/file") == 0);
	check_paths("", "version 3 with an extended flag");
	CHECK(sh("git update-index --no-skip-worktree other/file && "
		 "git update-index --index-version 4") == 0);
	check_paths("clients/", "version 4");
	check_paths("", "version 4, every path");
	CHECK(sh("git update-index --index-version 2") == 0);
}

static void test_index_scan__range(void)
{
	struct acct_index_scan s = ACCT_INDEX_SCAN_INIT;
	size_t lo, hi;

	CHECK(scan(&s, "clients/") == 0);
	/* "acme/" is not "acme-corp/": the range ends at the prefix. */
	acct_index_scan_range(&s, "clients/acme/", 13, &lo, &hi);
	CHECK_INT(hi - lo, 3);
	CHECK(acct_index_scan_stamp(&s, lo, hi,
				    "clients/acme/client.yaml") != 0);
	CHECK(acct_index_scan_stamp(&s, lo, hi,
				    "clients/acme-corp/client.yaml") == 0);
	CHECK(acct_index_scan_stamp(&s, lo, hi, "clients/acme/nope") == 0);
	acct_index_scan_range(&s, "clients/zeta/", 13, &lo, &hi);
	CHECK_INT(hi - lo, 0);
	acct_index_scan_release(&s);
}

/* A range is looked for from the last one: in any order, the same. */
static void test_index_scan__range_order(void)
{
	static const char *const order[] = {
		"clients/acme/", "clients/acme-corp/", "clients/", "clients/b",
		"clients/acme/", "clients/zeta/", "clients/acme-corp/",
		"clients/acme-corp/client.yaml", "clients/a", "", "other/",
		"clients/acme/", "clients/acme/", "clients/acme-corp/", NULL
	};
	struct acct_index_scan s = ACCT_INDEX_SCAN_INIT;
	size_t i, j, lo, hi, want_lo, want_hi;

	CHECK(scan(&s, "clients/") == 0);
	CHECK(s.n >= 5);
	for (i = 0; order[i]; i++) {
		size_t n = strlen(order[i]);

		/* As a reader going through every entry would find it. */
		for (j = 0; j < s.n && strncmp(s.v[j].path, order[i], n) < 0;
		     j++)
			;
		want_lo = j;
		while (j < s.n && !strncmp(s.v[j].path, order[i], n))
			j++;
		want_hi = j;
		acct_index_scan_range(&s, order[i], n, &lo, &hi);
		if (!CHECK(lo == want_lo && hi == want_hi))
			fprintf(stderr, "  range of '%s': %zu-%zu, want %zu-%zu\n",
				order[i], lo, hi, want_lo, want_hi);
	}
	acct_index_scan_release(&s);
}

static void test_index_scan__stamps(void)
{
	const char *card = "clients/acme/client.yaml";
	uint64_t a = stamp_of(card), b, c;

	CHECK(a != 0);
	/* Nothing new of the file: the same stamp. */
	CHECK(sh("git status --porcelain") == 0);
	CHECK(stamp_of(card) == a);
	/* New content staged: another stamp. */
	CHECK(sh("echo more >>%s && git add %s", card, card) == 0);
	b = stamp_of(card);
	CHECK(b != 0 && b != a);
	/* The file written again by git (checkout): another stamp. */
	CHECK(sh("sleep 0.01 && rm %s && git checkout -- %s", card, card) == 0);
	c = stamp_of(card);
	CHECK(c != 0 && c != b);
	CHECK(stamp_of("clients/acme-corp/client.yaml") != 0);
}

static void test_index_scan__not_understood(void)
{
	struct acct_index_scan s = ACCT_INDEX_SCAN_INIT;
	struct acct_buf path = ACCT_BUF_INIT;
	FILE *fp;

	/* A split index keeps its entries elsewhere: unknown. */
	CHECK(sh("git update-index --split-index") == 0);
	CHECK(scan(&s, "") < 0);
	CHECK_INT(s.n, 0);
	CHECK(sh("git update-index --no-split-index") == 0);
	CHECK(scan(&s, "") == 0);
	acct_index_scan_release(&s);
	/* Garbage, a short file, no index at all. */
	acct_buf_addf(&path, "%s/.git/index", dir);
	fp = fopen(path.buf, "wb");
	if (CHECK(fp != NULL)) {
		fputs("DIRC\0\0\0\2\0\0\0\5 and then nothing much", fp);
		fclose(fp);
	}
	CHECK(scan(&s, "") < 0);
	fp = fopen(path.buf, "wb");
	if (CHECK(fp != NULL)) {
		fputs("not an index at all, not at all, not at all", fp);
		fclose(fp);
	}
	CHECK(scan(&s, "") < 0);
	CHECK(unlink(path.buf) == 0);
	CHECK(scan(&s, "") < 0);
	CHECK_INT(s.n, 0);
	acct_buf_release(&path);
}

int main(void)
{
	int rc;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("HOME", dir, 1);
	test_index_scan__versions();
	test_index_scan__range();
	test_index_scan__range_order();
	test_index_scan__stamps();
	test_index_scan__not_understood();
	rc = test_report("index_scan");
	{
		char cmd[sizeof(dir) + 16];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			rc = 1;
	}
	return rc;
}
