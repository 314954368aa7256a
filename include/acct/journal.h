#ifndef ACCT_JOURNAL_H
#define ACCT_JOURNAL_H

#include <stddef.h>

struct acct_book;
struct acct_buf;
struct acct_error;
struct acct_tempfile;
struct git_index;
struct git_oid;

/*
 * The journal of a change being put in place, .git/acct/journal: the
 * branch, the commit before and after, the folders moved and every file
 * with its blob before and after. lib/worktree.c writes it before it
 * touches the work tree and removes it once the change is whole or undone,
 * so a journal found while holding .git/index.lock is one a killed acct
 * left (SIGKILL, a crash, a power cut), and the next change of the book
 * puts the work tree and the index in step with the branch before its own.
 *
 *	acct journal 1
 *	branch refs/heads/main
 *	old <commit before, or "-" for an unborn branch>
 *	new <commit after>
 *	move <tree> <from>\t<to>
 *	file <blob before, or "-"> <blob after, or "-" when it goes> <path>
 *
 * The nth file's backup, a second link to the text it replaces, is
 * .git/acct/orig-<n> (acct_journal_backup()).
 */

/** Start a journal's text in `out`: the branch moves from `old` to `new`. */
void acct_journal_start(struct acct_buf *out, const char *branch,
			const struct git_oid *old, const struct git_oid *new);
/** Add a folder moved from `from` to `to`, whose tree is `tree`. */
void acct_journal_move(struct acct_buf *out, const char *from, const char *to,
		       const struct git_oid *tree);
/** Add a file: its blob `old` before (NULL: new), `new` after (NULL: goes). */
void acct_journal_file(struct acct_buf *out, const char *path,
		       const struct git_oid *old, const struct git_oid *new);

/**
 * Write `text` as the journal, synced, and register it (lib/lock.c) in
 * `*out`, so that a signal before the renames removes it with the rest.
 * Returns 0 or ACCT_ERROR.
 */
int acct_journal_write(struct acct_tempfile **out, struct acct_book *book,
		       const struct acct_buf *text, struct acct_error *err);

/** The path of the backup of the journal's `n`th file (0-based). */
void acct_journal_backup(struct acct_buf *out, const struct acct_book *book,
			 size_t n);


/** Remove the journal. */
void acct_journal_remove(struct acct_book *book);

/* The journal's first line. */
#define ACCT_JOURNAL_HEADER "acct journal 1\n"

/** `.git/acct/<name>` of the book (`.git/acct` for ""), into `out`. */
void acct_journal_path(struct acct_buf *out, const struct acct_book *book,
		       const char *name);

#endif
