#ifndef ACCT_WORKTREE_H
#define ACCT_WORKTREE_H

#include <stddef.h>

struct acct_book;
struct acct_buf;
struct acct_error;
struct git_index;
struct git_oid;

/*
 * The work-tree side of a commit (lib/txn.c does the git side): the files
 * of a change put in place so that whatever happens, the book ends either
 * as it was or with the whole change.
 *
 * acct_wt_prepare() first writes a journal (lib/journal.c) naming the
 * branch, the commit before and after and every path; then it moves the
 * folders, links each file about to be replaced or removed to a backup in
 * .git/acct/ (so putting it back needs no disk space), and writes every
 * `<path>.lock`, synced and closed. All of it is registered with lib/lock.c,
 * so an error or a signal up to here takes it all back. acct_wt_apply()
 * then renames and removes, with the signals held back by the caller;
 * acct_wt_undo() puts every file back. Only SIGKILL (or a crash) can stop
 * a change halfway: the journal stays, and the next change of the book,
 * holding .git/index.lock, finds it and puts the work tree and the index
 * in step with the branch (acct_journal_recover()).
 */
struct acct_wt;

/** A change of the work tree of `book`; free with acct_wt_free(). */
struct acct_wt *acct_wt_new(struct acct_book *book);

/**
 * Stage `len` bytes of `data` (borrowed until acct_wt_free()) as the new
 * content of `path`, whose blob is `blob`; `old` is the blob it replaces
 * (NULL for a new file). With `data` NULL the file is removed.
 */
void acct_wt_put(struct acct_wt *w, const char *path, const void *data,
		 size_t len, const struct git_oid *blob,
		 const struct git_oid *old);

/** Stage the move of folder `from` (whose tree is `tree`) to `to`. */
void acct_wt_move(struct acct_wt *w, const char *from, const char *to,
		  const struct git_oid *tree);

/**
 * Write the journal (the change will move `branch` from `old`, NULL when
 * unborn, to `commit`), move the folders, make the backups and the
 * folders, and write every lock file. Returns 0 or ACCT_ERROR; on an
 * error acct_wt_free() takes it all back.
 */
int acct_wt_prepare(struct acct_wt *w, const char *branch,
		    const struct git_oid *old, const struct git_oid *commit,
		    struct acct_error *err);

/**
 * Rename every lock over its file and remove the files that go. Call
 * with the signals held back (acct_signals_defer()). Returns 0 or
 * ACCT_ERROR; then call acct_wt_undo().
 */
int acct_wt_apply(struct acct_wt *w, struct acct_error *err);

/**
 * Put back every file acct_wt_apply() replaced or removed (from its
 * backup, else from git) and remove the new ones; acct_wt_free() then
 * removes what is left. Returns 0, or ACCT_ERROR naming what could not be
 * put back (in `*first` the first such path, borrowed): then the journal
 * is kept (acct_wt_keep()) for the next change to finish the work.
 */
int acct_wt_undo(struct acct_wt *w, const char **first,
		 struct acct_error *err);

/** The change is committed: drop the backups and the journal. */
void acct_wt_done(struct acct_wt *w);

/**
 * Leave everything as it is, journal included, for acct_journal_recover()
 * in the next change (when neither the change nor its undo could finish).
 */
void acct_wt_keep(struct acct_wt *w);

/** Take back what is not done or kept (locks, folders, moves); free. */
void acct_wt_free(struct acct_wt *w);

/**
 * Put the blob `id` at `path` (relative to the book): by renaming `backup`
 * (absolute, or NULL) when it has that content, else written from git by a
 * lock of its own. The folders on the way are made. Returns 0 or
 * ACCT_ERROR.
 */
int acct_wt_restore(struct acct_book *book, const char *path,
		    const struct git_oid *id, const char *backup,
		    struct acct_error *err);

/** Create the folders on the way to `abs` (absolute). */
void acct_wt_make_parents(const char *abs);

/** Remove the folders above `path` (relative) left empty, up to the root. */
void acct_wt_prune(struct acct_book *book, const char *path);

/**
 * Set the entry of `path` in `index` to `blob` with the stat data of the
 * work-tree file, which must have that content. Returns 0 or ACCT_ERROR.
 */
int acct_wt_index_add(struct git_index *index, struct acct_book *book,
		      const char *path, const struct git_oid *blob,
		      struct acct_error *err);

/**
 * Whether `path` is one acct may write: relative, inside the book, not
 * under .git, no "." or ".." or empty part, no control character (the
 * journal is line-based).
 */
int acct_wt_path_ok(const char *path);

/**
 * Refuse (ACCT_ESTATE) a symbolic link on the way to `rel` or at it:
 * acct never writes through one. ACCT_ERROR when a folder cannot be read.
 */
int acct_wt_check_links(struct acct_book *book, const char *rel,
			struct acct_error *err);

/**
 * The first file below folder `rel` of the work tree that `index` does
 * not have (untracked), into `out`; links are not followed. Returns 1
 * when one is found, 0 when none, -1 when the folder cannot be read.
 */
int acct_wt_untracked(struct acct_buf *out, struct acct_book *book,
		      struct git_index *index, const char *rel);

/**
 * Move the entries of folder `from` in `index` to `to`, stat data and
 * all (the files moved with their folder). Returns 0 or ACCT_ERROR.
 */
int acct_wt_index_move(struct git_index *index, const char *from,
		       const char *to, struct acct_error *err);

#endif
