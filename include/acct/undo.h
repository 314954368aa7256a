#ifndef ACCT_UNDO_H
#define ACCT_UNDO_H

#include <stddef.h>

#include "acct/history.h"

struct acct_book;
struct acct_error;

/* One commit acct_undo() reverted. */
struct acct_undone {
	char id[ACCT_OID_STRLEN];
	char *subject;
};

/* What acct_undo() did. */
struct acct_undo_result {
	char undone[ACCT_OID_STRLEN];	/* the newest commit reverted */
	char commit[ACCT_OID_STRLEN];	/* the new commit */
	char *subject;			/* the newest reverted commit's subject */
	struct acct_undone *commits;	/* all reverted, newest first */
	size_t ncommits;
	char **files;			/* the paths changed, in git's order */
	size_t nfiles;
};

#define ACCT_UNDO_RESULT_INIT { "", "", NULL, NULL, 0, NULL, 0 }

/* The most commits one undo reverts. */
#define ACCT_UNDO_MAX 1000

/**
 * Revert the last `n` commits (1 to ACCT_UNDO_MAX) on the first-parent
 * line from HEAD as one new commit: files they changed get the version of
 * the commit before them back, files they added are removed, files they
 * removed come back. Each must be an acct commit (its message carries the
 * ACCT_TRAILER trailer) with exactly one parent. The subject is "undo:
 * <subject>" for one commit, "undo: 3 commits (<subject>; <subject>;
 * <subject>)", newest first, for several. An undo is an acct commit too,
 * so undoing it redoes the change.
 *
 * Refuses with ACCT_ESTATE, changing nothing, when one of them is not
 * acct's, is the first commit or a merge, when they change something
 * other than plain files or nothing at all, or when a file they touched
 * has changes not committed (the message names the file); ACCT_EUSAGE for
 * an `n` out of range; ACCT_ELOCKED when another process holds the index.
 * Fills `out`; release it with acct_undo_result_release().
 */
int acct_undo(struct acct_undo_result *out, struct acct_book *book, size_t n,
	      struct acct_error *err);

void acct_undo_result_release(struct acct_undo_result *r);

#endif
