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

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* `n` digits of `s` as a number, or -1. */
static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int acct_yearly_parse(struct acct_yearly *out, const char *s,
		      struct acct_error *err)
{
	const char *md = s;
	int year = 0, month, day, most;

	if (!s)
		s = md = "";
	if (strlen(s) == 10 && s[4] == '-') {
		year = digits(s, 4);
		md = s + 5;
	} else if (strlen(s) != 5) {
		year = -1;
	}
	if (year < 0 || md[2] != '-' || (month = digits(md, 2)) < 0 ||
	    (day = digits(md + 3, 2)) < 0)
		return acct_error_set(err, ACCT_EUSAGE, "'%s' is not a birthday; "
				      "use MM-DD or YYYY-MM-DD, such as 05-17",
				      s);
	if (year && (year < 1900 || year > 9999))
		return acct_error_set(err, ACCT_EUSAGE, "'%s' is out of range; "
				      "years 1900 to 9999", s);
	if (month < 1 || month > 12)
		return acct_error_set(err, ACCT_EUSAGE, "%s is not a day (there "
				      "is no month %d)", s, month);
	/* Without a year, 29 February is a day: it comes every fourth. */
	most = acct_days_in_month(year ? year : 2000, month);
	if (day < 1 || day > most) {
		if (day < 1)
			return acct_error_set(err, ACCT_EUSAGE, "%s is not a day "
					      "(there is no day 0)", s);
		if (year)
			return acct_error_set(err, ACCT_EUSAGE, "%s is not a day "
					      "(%s %d has %d days)", s,
					      month_names[month - 1], year, most);
		return acct_error_set(err, ACCT_EUSAGE, "%s is not a day (%s has "
				      "%d days%s)", s, month_names[month - 1], most,
				      month == 2 ? " at most" : "");
	}
	out->year = year;
	out->month = month;
	out->day = day;
	return 0;
}

void acct_yearly_in(struct acct_date *out, const struct acct_yearly *y,
		    int year)
{
	int most = acct_days_in_month(year, y->month);

	out->year = year;
	out->month = y->month;
	out->day = y->day <= most ? y->day : most;
}

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
