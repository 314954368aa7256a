/*
 * The index side of a change: .git/index read in place and spliced
 * (lib/index.c), or, for what the splice leaves to it, libgit2's git_index
 * on a private copy. Either way the new index replaces the content of
 * .git/index.lock, held from the change's start, and committing that lock
 * puts it in place.
 */
#include "txn_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/index.h"
#include "acct/lock.h"
#include "acct/worktree.h"
#include "acct/banned.h"

/* `.git/<name>` of the book, into `out`. */
static void git_path(struct acct_buf *out, struct acct_txn *t,
		     const char *name)
{
	acct_buf_reset(out);
	acct_buf_addf(out, "%s%s", git_repository_path(t->repo), name);
}

/*
 * Open a private copy of the index: a hard link to .git/index (or a copy
 * where links fail) that libgit2 may rewrite by its own lock and rename
 * without touching the real one, which only our rename of index.lock
 * replaces. It has one name: we hold .git/index.lock, so a copy found
 * there is one a killed acct left.
 */
int acct_txn_git_index(struct acct_txn *t, struct acct_error *err)
{
	struct acct_buf real = ACCT_BUF_INIT, tmp = ACCT_BUF_INIT;
	int rc = 0;

	if (t->index)
		return 0;
	acct_index_free(t->fast);
	t->fast = NULL;
	t->mirror = 0;
	git_path(&real, t, "index");
	git_path(&tmp, t, "acct-index.lock");
	unlink(tmp.buf);
	t->index_tmp_lock = acct_tempfile_register(tmp.buf, 0);
	acct_buf_setlen(&tmp, tmp.len - strlen(".lock"));
	unlink(tmp.buf);
	t->index_tmp = acct_tempfile_register(tmp.buf, 0);
	if (link(real.buf, tmp.buf) < 0 && errno != ENOENT) {
		struct acct_buf data = ACCT_BUF_INIT;
		int fd = -1;

		if (acct_buf_read_file(&data, real.buf) < 0 ||
		    (fd = open(tmp.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			       0666)) < 0 ||
		    write(fd, data.buf, data.len) != (ssize_t)data.len)
			rc = acct_error_set(err, ACCT_ERROR,
					    "cannot copy the index: %s",
					    strerror(errno));
		if (fd >= 0 && close(fd) < 0 && !rc)
			rc = acct_error_set(err, ACCT_ERROR,
					    "cannot copy the index: %s",
					    strerror(errno));
		acct_buf_release(&data);
	}
	if (!rc && git_index_open(&t->index, tmp.buf) < 0)
		rc = acct_git_error(err, ACCT_ERROR, "cannot read the index");
	acct_buf_release(&real);
	acct_buf_release(&tmp);
	return rc;
}

int acct_txn_open_index(struct acct_txn *t, int journal,
			struct acct_error *err)
{
	struct acct_buf real = ACCT_BUF_INIT;
	int rc = 1;

	if (!journal) {
		git_oid root;

		git_path(&real, t, "index");
		rc = acct_index_open(&t->fast, real.buf, err);
		acct_buf_release(&real);
		/* An index whose cache tree is HEAD's tree: HEAD, entry by entry. */
		t->mirror = rc == 0 && t->head_tree &&
			    acct_index_tree_id(t->fast, "", &root) &&
			    git_oid_equal(&root, git_tree_id(t->head_tree));
	}
	return rc <= 0 ? rc : acct_txn_git_index(t, err);
}

int acct_txn_indexed(struct acct_txn *t, const char *path, int stage,
		     git_oid *id)
{
	const git_index_entry *ie;

	if (t->fast)
		return acct_index_find(t->fast, path, stage, id);
	if (!(ie = git_index_get_bypath(t->index, path, stage)))
		return 0;
	if (id)
		git_oid_cpy(id, &ie->id);
	return 1;
}

int acct_txn_head_entry(struct acct_txn *t, const char *path, git_oid *id)
{
	struct acct_buf below = ACCT_BUF_INIT;
	git_tree_entry *te = NULL;
	size_t lo, hi;
	int stage, kind = 0;

	if (!t->fast || !t->mirror) {
		if (t->head_tree &&
		    git_tree_entry_bypath(&te, t->head_tree, path) == 0) {
			kind = git_tree_entry_type(te) == GIT_OBJECT_BLOB ? 1 : 2;
			git_oid_cpy(id, git_tree_entry_id(te));
		}
		git_tree_entry_free(te);
		git_error_clear();
		return kind;
	}
	acct_index_range(t->fast, path, &lo, &hi);
	if (lo < hi && !strcmp(acct_index_path(t->fast, lo, &stage), path) &&
	    !stage) {
		const unsigned char *raw = acct_index_entry_raw(t->fast, lo);
		uint32_t mode = (uint32_t)raw[24] << 24 | (uint32_t)raw[25] << 16 |
				(uint32_t)raw[26] << 8 | raw[27];

		git_oid_fromraw(id, raw + 40);
		/* A submodule is a commit in HEAD's tree, not a file. */
		return (mode & 0170000) == 0160000 ? 2 : 1;
	}
	acct_buf_addf(&below, "%s/", path);
	acct_index_range(t->fast, below.buf, &lo, &hi);
	acct_buf_release(&below);
	return lo < hi ? 2 : 0;
}

size_t acct_txn_indexed_below(struct acct_txn *t, const char *prefix)
{
	size_t at, n = 0, len = strlen(prefix);
	const git_index_entry *ie;

	if (git_index_find_prefix(&at, t->index, prefix) < 0) {
		git_error_clear();
		return 0;
	}
	while ((ie = git_index_get_byindex(t->index, at + n)) &&
	       !strncmp(ie->path, prefix, len))
		n++;
	return n;
}

/* The private copy, written, takes the place of index.lock's content. */
static int put_tmp(struct acct_txn *t, struct acct_error *err)
{
	if (rename(acct_tempfile_path(t->index_tmp),
		   acct_lock_file(&t->index_lock)) < 0)
		return acct_error_set(err, ACCT_ERROR, "cannot write "
				      "'.git/index.lock': %s", strerror(errno));
	acct_tempfile_forget(&t->index_tmp);
	return 0;
}

int acct_txn_put_index(struct acct_txn *t, struct acct_error *err)
{
	if (git_index_write(t->index) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot write the index");
	return put_tmp(t, err);
}

/*
 * The change spliced into .git/index, written to the private copy's
 * name. Returns 0, 1 when the splice cannot do it (nothing written), or
 * an error code.
 */
static int splice(struct acct_txn *t, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT, tmp = ACCT_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < t->nchanges; i++) {
		const struct change *c = &t->changes[i];
		struct stat st;

		if (c->remove) {
			acct_index_remove(t->fast, c->path);
			continue;
		}
		/* The stat data of the file in place, as git add records it. */
		acct_book_path(&abs, t->book, c->path);
		if (lstat(abs.buf, &st) < 0) {
			rc = acct_error_set(err, ACCT_ERROR, "cannot read '%s': %s",
					    c->path, strerror(errno));
			goto out;
		}
		acct_index_add(t->fast, c->path, &c->blob, &st);
	}
	git_path(&tmp, t, "acct-index");
	unlink(tmp.buf);	/* a killed acct's: we hold .git/index.lock */
	t->index_tmp = acct_tempfile_register(tmp.buf, 0);
	rc = acct_index_write(t->fast, tmp.buf, t->book->root, err);
	if (rc)
		acct_tempfile_delete(&t->index_tmp);
	else
		rc = put_tmp(t, err);
out:
	acct_buf_release(&abs);
	acct_buf_release(&tmp);
	return rc;
}

int acct_txn_update_index(struct acct_txn *t, struct acct_error *err)
{
	size_t i;
	int rc = 0;

	if (t->fast && (rc = splice(t, err)) <= 0)
		return rc;
	/* Not spliced: libgit2 reads the index whole and writes it back. */
	if ((rc = acct_txn_git_index(t, err)) < 0)
		return rc;
	for (i = 0; i < t->nmoves && !rc; i++)
		rc = acct_wt_index_move(t->index, t->moves[i].from,
					t->moves[i].to, err);
	for (i = 0; i < t->nchanges && !rc; i++) {
		struct change *c = &t->changes[i];

		if (!c->remove)
			rc = acct_wt_index_add(t->index, t->book, c->path,
					       &c->blob, err);
		else if (git_index_remove(t->index, c->path, 0) < 0)
			rc = acct_git_error(err, ACCT_ERROR,
					    "cannot update the index");
	}
	return rc ? rc : acct_txn_put_index(t, err);
}
