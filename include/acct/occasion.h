#ifndef ACCT_OCCASION_H
#define ACCT_OCCASION_H

#include <stddef.h>

#include "acct/date.h"

struct acct_client;
struct acct_contact;
struct acct_error;

/*
 * Days that come back every year (lib/occasion.c): a contact's birthday
 * (`birthday: MM-DD` or `YYYY-MM-DD` on the contact) and the anniversary
 * of the partnership (the card's `since`).
 */

enum acct_occasion_kind {
	ACCT_OCCASION_BIRTHDAY,		/* a contact's */
	ACCT_OCCASION_ANNIVERSARY,	/* of the card's since */
};

struct acct_occasion {
	enum acct_occasion_kind kind;
	const struct acct_contact *contact;	/* the birthday's; borrowed */
	struct acct_date on;	/* the day it falls on */
	int years;		/* turns N, or N years together; 0: unknown */
};

/**
 * The occasions of card `c` from `from` to `days` days after it (0: that
 * day only), by date, then birthdays before the anniversary, then in the
 * card's order. Only full years count: the day a card's since names is no
 * anniversary, nor a birthday before the first. Contacts were
 * checked when the card was read; one whose birthday does not parse is
 * left out. Free `*out` with free().
 */
void acct_occasions(struct acct_occasion **out, size_t *n,
		    const struct acct_client *c, const struct acct_date *from,
		    int days);

#endif
