#ifndef ACCT_GITCONFIG_H
#define ACCT_GITCONFIG_H

struct acct_book;
struct acct_buf;
struct acct_error;

/*
 * The book's git set-up that acct keeps in place (lib/gitconfig.c): what
 * lets plain git merge cards as acct sync does.
 */

/**
 * Make sure the repository's config names the card merge driver for
 * plain git (merge.acct-card.driver = "acct merge-card %O %A %B %P"), so
 * that `git pull` merges cards as acct sync does. Returns 0 (also when it
 * was there).
 */
int acct_merge_driver_configure(struct acct_book *book, struct acct_error *err);

/**
 * 1 when git's `core.fsync` in the book's config comes to nothing (`none`,
 * and no component added after it), else 0 (unset, unreadable, or any
 * component): then acct syncs no file either (book->nosync). The
 * components are git's; acct syncs the book's files and its journal
 * whenever git would sync anything, and never the index (as git by
 * default does not).
 */
int acct_fsync_none(struct acct_book *book);

/**
 * Into `out`: the book's .gitattributes (under `root`) as it is, with the
 * line that sends cards to the merge driver added unless present.
 */
int acct_gitattributes(struct acct_buf *out, const char *root,
		       struct acct_error *err);

#endif
