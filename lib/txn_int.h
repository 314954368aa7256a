#ifndef ACCT_TXN_INT_H
#define ACCT_TXN_INT_H

/* Shared by lib/txn.c and lib/txn_index.c; not part of lib/'s API. */

#include <stddef.h>

#include <git2.h>

#include "acct/lock.h"
#include "acct/txn.h"

struct acct_index;
struct acct_wt;

struct change {
	char *path;		/* relative to the book's root */
	char *data;
	size_t len;
	git_oid blob;
	int had_old;		/* the path is in HEAD's tree */
	git_oid old;		/* and this is its blob there */
	int remove;		/* the file goes (acct_txn_remove) */
};

/* A folder moved whole (client rename --slug). */
struct move {
	char *from, *to;	/* relative folders */
	git_oid tree;		/* the folder's tree in HEAD */
};

struct acct_txn {
	struct acct_book *book;
	git_repository *repo;
	struct acct_lock index_lock;	/* .git/index.lock */
	/*
	 * The index: read in place and spliced (`fast`), or, for what the
	 * splice does not do (moves, a recovery, an index of another kind),
	 * libgit2's `index` on a private copy.
	 */
	struct acct_index *fast;
	int mirror;			/* fast's cache tree is HEAD's tree */
	struct acct_tempfile *index_tmp;	/* our copy of the index */
	struct acct_tempfile *index_tmp_lock;	/* libgit2's lock of it */
	git_index *index;
	char *branch;			/* refs/heads/<name> */
	int unborn;
	git_oid head;
	git_commit *head_commit;
	git_tree *head_tree;
	int seen_moved;			/* HEAD moved since the book opened */
	git_tree *seen_tree;		/* and this was its tree then */
	struct change *changes;
	size_t nchanges, alloc;
	size_t *slots;			/* changes by path: index + 1, or 0 */
	size_t nslots;
	struct move *moves;
	size_t nmoves;
	struct acct_wt *wt;		/* the files, once committing */
	git_oid commit;			/* the commit made */
	int committed;
};

/*
 * Open the index, holding .git/index.lock: in place when it can be
 * spliced and `journal` (a change to recover) is not set, else by
 * libgit2 (acct_txn_git_index()). Returns 0 or an error code.
 */
int acct_txn_open_index(struct acct_txn *t, int journal,
			struct acct_error *err);

/*
 * Make sure `t->index` is libgit2's (a private copy of .git/index), for
 * what only it does: moves, recovery. Returns 0 or ACCT_ERROR.
 */
int acct_txn_git_index(struct acct_txn *t, struct acct_error *err);

/* Whether the index has `path` at `stage`; its blob into `id` if wanted. */
int acct_txn_indexed(struct acct_txn *t, const char *path, int stage,
		     git_oid *id);

/*
 * What HEAD has at `path`: 0 nothing, 1 a file (its blob into `id`), 2
 * something else (a folder, a submodule). Read from the index when its
 * cache tree says that it is HEAD's tree (no tree of HEAD read), else
 * from HEAD's trees.
 */
int acct_txn_head_entry(struct acct_txn *t, const char *path, git_oid *id);

/*
 * The number of stage-0 entries of the index below folder `prefix`
 * (ending in '/'), by binary search; libgit2's index only.
 */
size_t acct_txn_indexed_below(struct acct_txn *t, const char *prefix);

/*
 * Put libgit2's index in place of .git/index.lock's content (still held;
 * committing the lock puts it in place). Returns 0 or ACCT_ERROR.
 */
int acct_txn_put_index(struct acct_txn *t, struct acct_error *err);

/*
 * Update the index for the change (its files in place in the work tree)
 * and put it in .git/index.lock: spliced, or by libgit2. Returns 0 or an
 * error code.
 */
int acct_txn_update_index(struct acct_txn *t, struct acct_error *err);

#endif
