#include "acct/cachefile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/git.h"
#include "harness.h"
#include "acct/banned.h"

/* A stand-in git dir: "<tmp>/" as git_repository_path() ends. */
static char dir[] = "/tmp/acct-test-cachefile.XXXXXX";
static char gitdir[64];

static void path_of(struct acct_buf *out, const char *name)
{
	acct_buf_reset(out);
	acct_buf_addf(out, "%sacct/%s", gitdir, name);
}

static void put_file(const char *name, const void *data, size_t len)
{
	struct acct_buf p = ACCT_BUF_INIT;
	FILE *fp;

	path_of(&p, name);
	fp = fopen(p.buf, "wb");
	CHECK(fp != NULL);
	if (fp) {
		CHECK(fwrite(data, 1, len, fp) == len);
		fclose(fp);
	}
	acct_buf_release(&p);
}

static void get_file(struct acct_buf *out, const char *name)
{
	struct acct_buf p = ACCT_BUF_INIT;

	acct_buf_reset(out);
	path_of(&p, name);
	CHECK(acct_buf_read_file(out, p.buf) == 0);
	acct_buf_release(&p);
}

static int exists(const char *name)
{
	struct acct_buf p = ACCT_BUF_INIT;
	struct stat st;
	int there;

	path_of(&p, name);
	there = lstat(p.buf, &st) == 0;
	acct_buf_release(&p);
	return there;
}

/* Entries of .git/acct/ (and its one level of folders) named *.lock. */
static int count_locks(const char *sub)
{
	struct acct_buf p = ACCT_BUF_INIT;
	struct dirent *de;
	DIR *d;
	int n = 0;

	path_of(&p, sub);
	d = opendir(p.buf);
	while (d && (de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (len > 5 && !strcmp(de->d_name + len - 5, ".lock"))
			n++;
	}
	if (d)
		closedir(d);
	acct_buf_release(&p);
	return n;
}

static int reads(const char *name, const char *tag, const char *want)
{
	struct acct_buf out = ACCT_BUF_INIT;
	int rc = acct_cachefile_read_in(&out, gitdir, name, tag, NULL);
	int ok = want ? rc == 1 && out.len == strlen(want) &&
			!memcmp(out.buf, want, out.len)
		      : rc == 0 && out.len == 0;

	acct_buf_release(&out);
	return ok;
}

static void test_cachefile__round_trip(void)
{
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_cachefile_info info = { -1 };
	struct stat st;
	struct acct_buf p = ACCT_BUF_INIT;

	CHECK(reads("facts", "facts 1", NULL));		/* no folder yet */
	CHECK_INT(acct_cachefile_write_in(gitdir, "facts", "facts 1",
					  "hello\nworld", 11), 1);
	CHECK_INT(acct_cachefile_read_in(&out, gitdir, "facts", "facts 1",
					 &info), 1);
	CHECK_INT(out.len, 11);
	CHECK_STR(out.buf, "hello\nworld");
	path_of(&p, "facts");
	CHECK(stat(p.buf, &st) == 0);
	CHECK(info.mtime_ns == (int64_t)st.st_mtim.tv_sec * 1000000000 +
			       st.st_mtim.tv_nsec);
	CHECK_INT(count_locks(""), 0);

	/* Replaced whole by the next write; an empty payload is one too. */
	CHECK_INT(acct_cachefile_write_in(gitdir, "facts", "facts 1", "", 0), 1);
	CHECK(reads("facts", "facts 1", ""));
	/* Binary data, NULs and all. */
	CHECK_INT(acct_cachefile_write_in(gitdir, "facts", "facts 1",
					  "a\0b\0\n", 5), 1);
	CHECK_INT(acct_cachefile_read_in(&out, gitdir, "facts", "facts 1",
					 NULL), 1);
	CHECK(out.len == 5 && !memcmp(out.buf, "a\0b\0\n", 5));
	acct_buf_release(&out);
	acct_buf_release(&p);
}

static void test_cachefile__header(void)
{
	struct acct_buf text = ACCT_BUF_INIT, other = ACCT_BUF_INIT;
	const char *payload = "payload";

	CHECK_INT(acct_cachefile_write_in(gitdir, "h", "facts 1", payload, 7), 1);
	get_file(&text, "h");
	acct_buf_addf(&other, "acct cache\nfacts 1\n%s\n7 %016llx\npayload",
		      ACCT_VERSION, (unsigned long long)
		      acct_cachefile_checksum(payload, 7));
	CHECK_STR(text.buf, other.buf);

	/* Another tag, another format version: no cache. */
	CHECK(reads("h", "facts 2", NULL));
	CHECK(reads("h", "facts", NULL));
	CHECK(reads("h", "facts 1", "payload"));

	/* Another acct version, checksum and all right: no cache. */
	acct_buf_reset(&other);
	acct_buf_addf(&other, "acct cache\nfacts 1\n%s.1\n7 %016llx\npayload",
		      ACCT_VERSION, (unsigned long long)
		      acct_cachefile_checksum(payload, 7));
	put_file("h", other.buf, other.len);
	CHECK(reads("h", "facts 1", NULL));

	/* Another magic. */
	put_file("h", text.buf + 1, text.len - 1);
	CHECK(reads("h", "facts 1", NULL));
	acct_buf_release(&text);
	acct_buf_release(&other);
}

static void test_cachefile__damage(void)
{
	struct acct_buf text = ACCT_BUF_INIT, bad = ACCT_BUF_INIT;
	size_t i;

	CHECK_INT(acct_cachefile_write_in(gitdir, "d", "t 1", "0123456789abcdef"
					  "ghij", 20), 1);
	get_file(&text, "d");

	/* Truncated anywhere, header or payload: no cache. */
	for (i = 0; i < text.len; i++) {
		put_file("d", text.buf, i);
		CHECK_MSG(reads("d", "t 1", NULL), "truncated to %zu", i);
	}
	/* Longer than it says. */
	acct_buf_reset(&bad);
	acct_buf_add(&bad, text.buf, text.len);
	acct_buf_addch(&bad, 'x');
	put_file("d", bad.buf, bad.len);
	CHECK(reads("d", "t 1", NULL));
	/* Any one byte changed. */
	for (i = 0; i < text.len; i++) {
		acct_buf_reset(&bad);
		acct_buf_add(&bad, text.buf, text.len);
		bad.buf[i] ^= 0x20;
		put_file("d", bad.buf, bad.len);
		CHECK_MSG(reads("d", "t 1", NULL), "byte %zu changed", i);
	}
	/* Not a file. */
	put_file("d", text.buf, text.len);
	CHECK(reads("d", "t 1", "0123456789abcdefghij"));
	acct_buf_reset(&bad);
	path_of(&bad, "dir");
	CHECK(mkdir(bad.buf, 0777) == 0);
	CHECK(reads("dir", "t 1", NULL));
	acct_buf_release(&text);
	acct_buf_release(&bad);
}

static void test_cachefile__checksum(void)
{
	char a[100];
	uint64_t base;
	size_t i;
	int bit;

	memset(a, 'q', sizeof(a));
	base = acct_cachefile_checksum(a, sizeof(a));
	CHECK(base == acct_cachefile_checksum(a, sizeof(a)));
	for (i = 0; i < sizeof(a); i++)
		for (bit = 0; bit < 8; bit++) {
			a[i] ^= (char)(1 << bit);
			CHECK_MSG(acct_cachefile_checksum(a, sizeof(a)) != base,
				  "bit %d of byte %zu", bit, i);
			a[i] ^= (char)(1 << bit);
		}
	/* The length counts: the same bytes shorter, or moved, differ. */
	CHECK(acct_cachefile_checksum(a, 99) != base);
	CHECK(acct_cachefile_checksum("", 0) != acct_cachefile_checksum("\0", 1));
	CHECK(acct_cachefile_checksum("ab", 2) != acct_cachefile_checksum("ba", 2));
	/* The same on every machine: it is read as little-endian words. */
	CHECK(acct_cachefile_checksum("0123456789", 10) ==
	      acct_cachefile_checksum("0123456789", 10));
}

static void test_cachefile__names(void)
{
	CHECK_INT(acct_cachefile_write_in(gitdir, "", "t 1", "x", 1), 0);
	CHECK_INT(acct_cachefile_write_in(gitdir, "../escape", "t 1", "x", 1), 0);
	CHECK_INT(acct_cachefile_write_in(gitdir, "a/../../b", "t 1", "x", 1), 0);
	CHECK_INT(acct_cachefile_write_in(gitdir, "/abs", "t 1", "x", 1), 0);
	CHECK_INT(acct_cachefile_write_in(gitdir, "sub/", "t 1", "x", 1), 0);
	CHECK_INT(acct_cachefile_write_in(gitdir, "a b", "t 1", "x", 1), 0);
	CHECK_INT(acct_cachefile_write_in(gitdir, "ok", "two\nlines", "x", 1), 0);
	CHECK_INT(acct_cachefile_write_in(gitdir, "ok", "", "x", 1), 0);
	CHECK(reads("../escape", "t 1", NULL));
	/* A folder below .git/acct/ is made as needed. */
	CHECK_INT(acct_cachefile_write_in(gitdir, "sub/acme-corp.1", "t 1",
					  "x", 1), 1);
	CHECK(reads("sub/acme-corp.1", "t 1", "x"));
	CHECK_INT(count_locks("sub"), 0);
}

static void test_cachefile__locked(void)
{
	struct acct_buf p = ACCT_BUF_INIT;
	struct timeval old[2];

	CHECK_INT(acct_cachefile_write_in(gitdir, "l", "t 1", "one", 3), 1);
	/* Another process writing it now: this one leaves it alone. */
	put_file("l.lock", "partial", 7);
	CHECK_INT(acct_cachefile_write_in(gitdir, "l", "t 1", "two", 3), 0);
	CHECK(reads("l", "t 1", "one"));
	CHECK(exists("l.lock"));

	/* A lock two minutes old was left by a killed process. */
	path_of(&p, "l.lock");
	gettimeofday(&old[0], NULL);
	old[0].tv_sec -= 120;
	old[1] = old[0];
	CHECK(utimes(p.buf, old) == 0);
	CHECK_INT(acct_cachefile_write_in(gitdir, "l", "t 1", "two", 3), 1);
	CHECK(reads("l", "t 1", "two"));
	CHECK(!exists("l.lock"));
	acct_buf_release(&p);
}

static void test_cachefile__cannot_write(void)
{
	struct acct_buf p = ACCT_BUF_INIT, bad = ACCT_BUF_INIT;
	struct rlimit rl, low;
	char other[sizeof(dir) + 16];

	/* No descriptor left (EMFILE): not written, nothing left behind. */
	CHECK_INT(acct_cachefile_write_in(gitdir, "m", "t 1", "one", 3), 1);
	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	low = rl;
	low.rlim_cur = 3;
	CHECK(setrlimit(RLIMIT_NOFILE, &low) == 0);
	CHECK_INT(acct_cachefile_write_in(gitdir, "m", "t 1", "two", 3), 0);
	CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);
	CHECK(reads("m", "t 1", "one"));
	CHECK_INT(count_locks(""), 0);

	/* .git/acct is not a folder (as good as a read-only .git). */
	snprintf(other, sizeof(other), "%s/ro/", dir);
	CHECK(mkdir(other, 0777) == 0);
	acct_buf_addf(&p, "%sacct", other);
	CHECK(close(open(p.buf, O_WRONLY | O_CREAT, 0666)) == 0);
	CHECK_INT(acct_cachefile_write_in(other, "m", "t 1", "x", 1), 0);
	CHECK_INT(acct_cachefile_read_in(&bad, other, "m", "t 1", NULL), 0);

	/* A read-only .git, where permissions apply (not to root). */
	if (geteuid() != 0) {
		CHECK(unlink(p.buf) == 0);
		CHECK(chmod(other, 0555) == 0);
		CHECK_INT(acct_cachefile_write_in(other, "m", "t 1", "x", 1), 0);
		CHECK(chmod(other, 0777) == 0);
	}
	acct_buf_release(&p);
	acct_buf_release(&bad);
}

static void test_cachefile__book(void)
{
	struct acct_buf out = ACCT_BUF_INIT, p = ACCT_BUF_INIT;
	struct acct_book book;
	git_repository *repo = NULL;
	struct stat st;

	memset(&book, 0, sizeof(book));
	acct_buf_addf(&p, "%s/book", dir);
	CHECK(git_repository_init(&repo, p.buf, 0) == 0);
	book.repo = repo;

	CHECK_INT(acct_cachefile_write(&book, "b", "t 1", "abc", 3), 1);
	CHECK_INT(acct_cachefile_read(&out, &book, "b", "t 1", NULL), 1);
	CHECK_STR(out.buf, "abc");
	acct_buf_reset(&p);
	acct_buf_addf(&p, "%s/book/.git/acct/b", dir);
	CHECK(stat(p.buf, &st) == 0);

	/* ACCT_NO_CACHE: nothing read, nothing written. */
	book.no_cache = 1;
	CHECK_INT(acct_cachefile_read(&out, &book, "b", "t 1", NULL), 0);
	CHECK_INT(out.len, 0);
	CHECK_INT(acct_cachefile_write(&book, "c", "t 1", "abc", 3), 0);
	acct_buf_reset(&p);
	acct_buf_addf(&p, "%s/book/.git/acct/c", dir);
	CHECK(stat(p.buf, &st) < 0 && errno == ENOENT);
	git_repository_free(repo);
	acct_buf_release(&out);
	acct_buf_release(&p);
}

int main(void)
{
	int rc;

	acct_git_init();
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(gitdir, sizeof(gitdir), "%s/", dir);
	test_cachefile__round_trip();
	test_cachefile__header();
	test_cachefile__damage();
	test_cachefile__checksum();
	test_cachefile__names();
	test_cachefile__locked();
	test_cachefile__cannot_write();
	test_cachefile__book();
	rc = test_report("cachefile");
	{
		char cmd[sizeof(dir) + 16];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			rc = 1;
	}
	return rc;
}
