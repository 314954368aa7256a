/*
 * git's index read in place and spliced (lib/index.c).
 *
 * Input: a byte of which change to make (its low two bits: insert, remove
 * or replace; the rest picks the path), then the index file, written to a
 * folder made once in $TMPDIR and opened with acct_index_open().
 *
 * Checked: an index that opens answers lookups; the spliced index written
 * from it opens again with as many entries as the change makes, and,
 * when the entries were in order (git does not check it when reading,
 * and neither does acct), has the changed path with its new blob or not
 * at all; a refusal is 1 (left to libgit2), never a crash.
 */
#include "acct/index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "fuzz.h"

#include "acct/banned.h"

static struct acct_buf dir = ACCT_BUF_INIT, in = ACCT_BUF_INIT,
		       out = ACCT_BUF_INIT;

static void dir_drop(void)
{
	if (dir.len) {
		unlink(in.buf);
		unlink(out.buf);
		rmdir(dir.buf);
	}
	acct_buf_release(&dir);
	acct_buf_release(&in);
	acct_buf_release(&out);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	git_libgit2_init();
	acct_buf_addf(&dir, "%s/acct-fuzz-index.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.buf)) {
		perror(dir.buf);
		exit(2);
	}
	acct_buf_addf(&in, "%s/index", dir.buf);
	acct_buf_addf(&out, "%s/index.out", dir.buf);
	atexit(dir_drop);
	return 0;
}

/* Whether the entries are in git's order: by path, then by stage. */
static int sorted(const struct acct_index *ix)
{
	size_t i;

	for (i = 1; i < acct_index_count(ix); i++) {
		int a, b, c = strcmp(acct_index_path(ix, i - 1, &a),
				     acct_index_path(ix, i, &b));

		if (c > 0 || (!c && a >= b))
			return 0;
	}
	return 1;
}

static const char *const paths[] = {
	"", "a", "a/b", "b", "clients/acme/client.yaml",
	"clients/acme/log/2026/2026-11-20T1000-call.md", "z", "zzzz/zz",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in fin = { data, size };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_index *ix = NULL, *again = NULL;
	unsigned op = fuzz_byte(&fin);
	const char *path = paths[(op >> 2) % (sizeof(paths) / sizeof(paths[0]))];
	git_oid id, got;
	struct stat st;
	size_t n, want;
	int had, s, rc;
	FILE *f;

	if (!*path)
		path = "new";
	if (!(f = fopen(in.buf, "wb")) ||
	    fwrite(fin.p, 1, fin.n, f) != fin.n || fclose(f) != 0) {
		perror(in.buf);
		exit(2);
	}
	rc = acct_index_open(&ix, in.buf, &err);
	FUZZ_CHECK(rc == 0 || rc == 1, "open: %d %s", rc, err.msg);
	if (rc)
		return 0;
	n = acct_index_count(ix);
	for (s = 0; s < 4; s++)
		acct_index_find(ix, path, s, NULL);
	had = acct_index_find(ix, path, 0, NULL);
	memset(&id, 0xab, sizeof(id));
	memset(&st, 0, sizeof(st));
	st.st_size = 42;
	st.st_mtim.tv_sec = 1;
	switch (op & 3) {
	case 0:
	case 3:
		acct_index_add(ix, path, &id, &st);
		want = n + !had;
		break;
	case 1:
		acct_index_remove(ix, path);
		want = n - (size_t)had;
		break;
	default:
		acct_index_add(ix, path, &id, &st);
		acct_index_remove(ix, path);
		want = n - (size_t)had;
		break;
	}
	unlink(out.buf);
	rc = acct_index_write(ix, out.buf, dir.buf, &err);
	FUZZ_CHECK(rc == 0 || rc == 1, "write: %d %s", rc, err.msg);
	if (rc == 0) {
		rc = acct_index_open(&again, out.buf, &err);
		FUZZ_CHECK(rc == 0, "the spliced index does not open: %d", rc);
		FUZZ_CHECK(acct_index_count(again) == want, "%zu entries, want "
			   "%zu", acct_index_count(again), want);
		/* Unordered entries: binary search may miss; no claim then. */
		if (!sorted(ix))
			goto out;
		if ((op & 3) == 0 || (op & 3) == 3)
			FUZZ_CHECK(acct_index_find(again, path, 0, &got) &&
				   git_oid_equal(&got, &id), "'%s' not added",
				   path);
		else
			FUZZ_CHECK(!acct_index_find(again, path, 0, NULL),
				   "'%s' not removed", path);
	}
out:
	acct_index_free(again);
	acct_index_free(ix);
	return 0;
}
