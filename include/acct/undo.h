#ifndef ACCT_UNDO_H
#define ACCT_UNDO_H

#include <stddef.h>

#include "acct/history.h"

struct acct_book;
struct acct_error;

/* What acct_undo() did. */
struct acct_undo_result {
	char undone[ACCT_OID_STRLEN];	/* the commit reverted */
	char commit[ACCT_OID_STRLEN];	/* the new commit */
	char *subject;			/* the reverted commit's subject */
	char **files;			/* the paths changed, in git's order */
	size_t nfiles;
};

#define ACCT_UNDO_RESULT_INIT { "", "", NULL, NULL, 0 }

/**
 * Revert HEAD, which must be an acct commit (its message carries the
 * ACCT_TRAILER trailer) with exactly one parent, as one new commit
 * "undo: <its subject>": files it changed get their parent's version
 * back, files it added are removed, files it removed come back. An undo
 * is an acct commit too, so undoing it redoes the change.
 *
 * Refuses with ACCT_ESTATE, changing nothing, when HEAD is not acct's, is
 * the first commit or a merge, changes something other than plain files,
 * or when a file it touched has changes not committed (the message names
 * the file); ACCT_ELOCKED when another process holds the index. Fills
 * `out`; release it with acct_undo_result_release().
 */
int acct_undo(struct acct_undo_result *out, struct acct_book *book,
	      struct acct_error *err);

void acct_undo_result_release(struct acct_undo_result *r);

#endif
