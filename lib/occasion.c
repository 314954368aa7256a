/*
 * Birthdays and anniversaries: the trade's "write first" advice and its
 * corporate gifts call for a word on a contact's birthday and on the day
 * the partnership began, so the agenda lists them on the day and, asked
 * to, the days ahead.
 */
#include "acct/occasion.h"

#include <stdlib.h>
#include <string.h>

#include "acct/client.h"
#include "acct/error.h"
#include "acct/banned.h"

/*
 * The first time `y` falls on or after `from`, if that is at most `days`
 * days after it and after the year it began (a first birthday, a first
 * anniversary).
 */
static int next_time(struct acct_date *on, int *years,
		     const struct acct_yearly *y, const struct acct_date *from,
		     int days)
{
	int64_t start = acct_date_to_days(from);

	acct_yearly_in(on, y, from->year);
	if (acct_date_cmp(on, from) < 0)
		acct_yearly_in(on, y, from->year + 1);
	if (acct_date_to_days(on) - start > days)
		return 0;
	*years = y->year ? on->year - y->year : 0;
	return !y->year || *years >= 1;
}

static void add(struct acct_occasion **out, size_t *n, size_t *alloc,
		const struct acct_occasion *o)
{
	if (*n == *alloc) {
		*alloc = *alloc ? 2 * *alloc : 8;
		*out = acct_realloc(*out, *alloc * sizeof(**out));
	}
	(*out)[(*n)++] = *o;
}

static int occasion_cmp(const void *a, const void *b)
{
	const struct acct_occasion *x = a, *y = b;
	int c = acct_date_cmp(&x->on, &y->on);

	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	/* The card's order: contacts are borrowed from its array. */
	return x->contact < y->contact ? -1 : x->contact > y->contact;
}

void acct_occasions(struct acct_occasion **out, size_t *n,
		    const struct acct_client *c, const struct acct_date *from,
		    int days)
{
	struct acct_occasion o;
	struct acct_yearly y;
	size_t alloc = 0, i;

	*out = NULL;
	*n = 0;
	for (i = 0; i < c->ncontacts; i++) {
		const struct acct_contact *k = &c->contacts[i];

		if (!k->birthday || acct_yearly_parse(&y, k->birthday, NULL) < 0)
			continue;
		memset(&o, 0, sizeof(o));
		o.kind = ACCT_OCCASION_BIRTHDAY;
		o.contact = k;
		if (next_time(&o.on, &o.years, &y, from, days))
			add(out, n, &alloc, &o);
	}
	if (c->has_since) {
		y.year = c->since.year;
		y.month = c->since.month;
		y.day = c->since.day;
		memset(&o, 0, sizeof(o));
		o.kind = ACCT_OCCASION_ANNIVERSARY;
		if (next_time(&o.on, &o.years, &y, from, days))
			add(out, n, &alloc, &o);
	}
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), occasion_cmp);
}
