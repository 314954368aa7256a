#ifndef ACCT_RECOVER_H
#define ACCT_RECOVER_H

struct acct_book;
struct acct_error;
struct git_index;

/**
 * Finish the change a killed acct left, if its journal is there: call
 * holding .git/index.lock, with `index` a copy of the index to update.
 * Every path the journal names is made as the journal's branch has it
 * now (so a change whose branch moved is completed and one whose branch
 * did not is taken back), unless its content is neither the old nor the
 * new one (a change by hand since, left alone); stale locks, backups and
 * the branch's lock holding the journal's commit go. Sets `*found` when
 * there was a journal; the caller then writes the index and calls
 * acct_journal_remove(). Returns 0, ACCT_ESTATE (HEAD is on another branch
 * now), ACCT_EDATA (a damaged journal) or ACCT_ERROR.
 */
int acct_journal_recover(struct acct_book *book, struct git_index *index,
			 int *found, struct acct_error *err);

#endif
