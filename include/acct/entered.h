#ifndef ACCT_ENTERED_H
#define ACCT_ENTERED_H

#include <stddef.h>

#include "acct/date.h"

struct acct_book;
struct acct_error;

/**
 * The day each client's card entered the book, for `n` slugs at once:
 * the author date, as a local date, of the oldest commit on HEAD's
 * first-parent line from which `clients/<slug>/client.yaml` is in every
 * commit up to HEAD, following `client rename --slug` back to the old
 * folder. A card that HEAD lacks (not committed yet) entered today (the
 * date of book->now). One walk of history serves every slug, and it
 * stops as soon as every card is placed: its cost grows with the age of
 * the oldest card asked for, not with the number of cards.
 *
 * Fills out[0..n-1]. Returns 0, or ACCT_ERROR when git cannot read a
 * commit or a tree.
 */
int acct_cards_entered(struct acct_date *out, struct acct_book *book,
		       const char *const *slugs, size_t n,
		       struct acct_error *err);

/**
 * Bring what acct_cards_entered() reads up to HEAD now (after a `git
 * pull`, a walk of the new commits), so that a command that is about to
 * load much else (the agenda, its facts) does not hold both at once. An
 * error is not told here: acct_cards_entered() tells it.
 */
void acct_cards_entered_prepare(struct acct_book *book);

#endif
