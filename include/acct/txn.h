#ifndef ACCT_TXN_H
#define ACCT_TXN_H

#include <stddef.h>

/* The commit message and identity helpers go with every change. */
#include "acct/commit.h"

struct acct_book;
struct acct_buf;
struct acct_error;
struct acct_index;
struct acct_txn;

/* How acct_txn_put() treats the path. */
enum acct_txn_put_flags {
	ACCT_TXN_NEW = 1 << 0,	/* a new record: the path must not exist */
};

/**
 * Start a change of the book: refuse a detached HEAD and a merge, rebase,
 * cherry-pick or revert in progress (ACCT_ESTATE), then take
 * `.git/index.lock` (waiting up to 2 s; ACCT_ELOCKED) and hold it until
 * the change is committed or rolled back. Free with acct_txn_free().
 */
int acct_txn_begin(struct acct_txn **out, struct acct_book *book,
		   struct acct_error *err);

/**
 * Stage `len` bytes of `data` as the new content of `path` (relative to
 * the book's root). Refuses (ACCT_ESTATE) a path whose folder or file is a
 * symbolic link and a path with changes not committed (in the work tree
 * or the index). With ACCT_TXN_NEW a path HEAD has is ACCT_EEXISTS (the
 * caller may take another name); one only in the index or the work tree
 * is someone's work not committed, ACCT_ESTATE as above. A path staged
 * twice in one change is ACCT_EEXISTS. Nothing is written yet.
 */
int acct_txn_put(struct acct_txn *t, const char *path, const void *data,
		 size_t len, unsigned flags, struct acct_error *err);

/**
 * Stage the removal of `path`, which must be committed and unchanged
 * (ACCT_ENOTFOUND when git does not have it, ACCT_ESTATE for changes by
 * hand). Folders left empty in the work tree go too.
 */
int acct_txn_remove(struct acct_txn *t, const char *path,
		    struct acct_error *err);

/**
 * Move the committed folder `from` to `to` (which must not exist) with
 * everything in it, in git and in the work tree. Every file below `from`
 * must be as HEAD has it (ACCT_ESTATE otherwise). Call before putting
 * files under `to`: those then replace the moved ones.
 */
int acct_txn_move(struct acct_txn *t, const char *from, const char *to,
		  struct acct_error *err);

/**
 * Make the change one commit on the current branch with `message`: the
 * tree built from HEAD's along the changed paths, the files written
 * (`<path>.lock`, renamed), the index updated for those paths, the branch
 * moved if it still points where it did. Any failure before the branch
 * moves puts every file back. Returns 0; 1 when the tree would not change
 * (no commit is made); or an error code.
 */
int acct_txn_commit(struct acct_txn *t, const char *message,
		    struct acct_error *err);

struct git_oid;
/**
 * As acct_txn_commit(), with `other` as the commit's second parent: the
 * merge of a sync. A merge commit is made even when the tree is HEAD's.
 */
int acct_txn_commit_merge(struct acct_txn *t, const char *message,
			  const struct git_oid *other, struct acct_error *err);
/**
 * Move the branch to `target`, a descendant of HEAD, making no commit:
 * the staged changes must turn HEAD's tree into `target`'s (ACCT_ERROR
 * otherwise, with nothing written). `message` goes into the reflog.
 */
int acct_txn_fast_forward(struct acct_txn *t, const struct git_oid *target,
			  const char *message, struct acct_error *err);
/** The commit HEAD was at when the change began, or NULL (unborn). */
const struct git_oid *acct_txn_head(const struct acct_txn *t);

/**
 * The index as the change began, read in place (include/acct/index.h),
 * or NULL when the change goes through libgit2's (an index acct does not
 * splice, a recovery): borrowed while `t` lives, changes staged unseen.
 */
const struct acct_index *acct_txn_index(const struct acct_txn *t);

/** The commit acct_txn_commit() made, or NULL when it made none. */
const struct git_oid *acct_txn_commit_id(const struct acct_txn *t);

/** Roll back whatever was not committed and release the index lock. */
void acct_txn_free(struct acct_txn *t);

#endif
