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

/* A day of the year, and maybe the year it began. */
struct acct_yearly {
	int year;		/* 0 when not known */
	int month, day;		/* 02-29 may be */
};

/**
 * Parse "MM-DD" or "YYYY-MM-DD" (a year from 1900 to 9999, the day real in
 * that year; "02-29" alone is fine). Returns 0 or ACCT_EUSAGE with a
 * message such as "'5/17' is not a birthday; use MM-DD or YYYY-MM-DD" or
 * "02-30 is not a day (February has 29 days at most)".
 */
int acct_yearly_parse(struct acct_yearly *out, const char *s,
		      struct acct_error *err);

/**
 * The day `y` falls on in `year`. 29 February falls on 28 February in a
 * year without one: the same month, as `1m` after 31 January is the last
 * day of February.
 */
void acct_yearly_in(struct acct_date *out, const struct acct_yearly *y,
		    int year);

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
