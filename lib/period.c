/* Periods of days: ISO weeks, months, quarters, years and ranges. */
#include <stdio.h>
#include <string.h>

#include "acct/error.h"
#include "acct/period.h"
#include "acct/text.h"
#include "acct/buf.h"
#include "acct/banned.h"

static void from_days(struct acct_date *out, int64_t days)
{
	acct_date_from_days(out, days);
}

/* Monday of ISO week 1 of `year`: the week that holds January 4. */
static int64_t week1_monday(int year)
{
	struct acct_date jan4 = { year, 1, 4 };

	return acct_date_to_days(&jan4) - acct_date_weekday(&jan4);
}

static int weeks_in_year(int year)
{
	return (int)((week1_monday(year + 1) - week1_monday(year)) / 7);
}

static void set_week(struct acct_period *out, int year, int week)
{
	int64_t mon = week1_monday(year) + 7 * (int64_t)(week - 1);

	out->kind = ACCT_PERIOD_WEEK;
	from_days(&out->since, mon);
	from_days(&out->until, mon + 6);
	snprintf(out->label, sizeof(out->label), "%04d-W%02d", year, week);
}

static void set_month(struct acct_period *out, int year, int month)
{
	out->kind = ACCT_PERIOD_MONTH;
	out->since = (struct acct_date){ year, month, 1 };
	out->until = (struct acct_date){ year, month,
					 acct_days_in_month(year, month) };
	snprintf(out->label, sizeof(out->label), "%04d-%02d", year, month);
}

static void set_quarter(struct acct_period *out, int year, int q)
{
	out->kind = ACCT_PERIOD_QUARTER;
	out->since = (struct acct_date){ year, 3 * q - 2, 1 };
	out->until = (struct acct_date){ year, 3 * q,
					 acct_days_in_month(year, 3 * q) };
	snprintf(out->label, sizeof(out->label), "%04d-Q%d", year, q);
}

static void set_year(struct acct_period *out, int year)
{
	out->kind = ACCT_PERIOD_YEAR;
	out->since = (struct acct_date){ year, 1, 1 };
	out->until = (struct acct_date){ year, 12, 31 };
	snprintf(out->label, sizeof(out->label), "%04d", year);
}

void acct_period_range(struct acct_period *out, const struct acct_date *since,
		       const struct acct_date *until)
{
	char a[ACCT_DATE_STRLEN], b[ACCT_DATE_STRLEN];

	out->kind = ACCT_PERIOD_RANGE;
	out->since = *since;
	out->until = *until;
	acct_date_format(a, since);
	acct_date_format(b, until);
	snprintf(out->label, sizeof(out->label), "%s..%s", a, b);
}

void acct_period_of(struct acct_period *out, enum acct_period_kind kind,
		    const struct acct_date *d)
{
	int64_t days = acct_date_to_days(d);
	struct acct_date thu;

	switch (kind) {
	case ACCT_PERIOD_WEEK:
		/* The ISO year is the year of the week's Thursday. */
		from_days(&thu, days - acct_date_weekday(d) + 3);
		set_week(out, thu.year,
			 (int)((days - week1_monday(thu.year)) / 7) + 1);
		break;
	case ACCT_PERIOD_MONTH:
		set_month(out, d->year, d->month);
		break;
	case ACCT_PERIOD_QUARTER:
		set_quarter(out, d->year, ACCT_QUARTER(d->month));
		break;
	case ACCT_PERIOD_YEAR:
	default:
		set_year(out, d->year);
		break;
	}
}

void acct_period_prev(struct acct_period *out, const struct acct_period *p)
{
	int64_t since = acct_date_to_days(&p->since);
	int64_t until = acct_date_to_days(&p->until);
	struct acct_date d, e;

	if (p->kind == ACCT_PERIOD_RANGE || p->kind == ACCT_PERIOD_ALL) {
		from_days(&d, since - (until - since + 1));
		from_days(&e, since - 1);
		acct_period_range(out, &d, &e);
		return;
	}
	from_days(&d, since - 1);
	acct_period_of(out, p->kind, &d);
}

int acct_period_has(const struct acct_period *p, const struct acct_date *d)
{
	return acct_date_cmp(d, &p->since) >= 0 &&
	       acct_date_cmp(d, &p->until) <= 0;
}

/* The words for periods relative to today. */
static const struct {
	const char *word;
	enum acct_period_kind kind;
	int back;
} words[] = {
	{ "this-week", ACCT_PERIOD_WEEK, 0 },
	{ "last-week", ACCT_PERIOD_WEEK, 1 },
	{ "this-month", ACCT_PERIOD_MONTH, 0 },
	{ "last-month", ACCT_PERIOD_MONTH, 1 },
	{ "this-quarter", ACCT_PERIOD_QUARTER, 0 },
	{ "last-quarter", ACCT_PERIOD_QUARTER, 1 },
	{ "this-year", ACCT_PERIOD_YEAR, 0 },
	{ "last-year", ACCT_PERIOD_YEAR, 1 },
};

void acct_period_suggest(struct acct_buf *out, const struct acct_date *today)
{
	/* How many of each kind, today's first: a year back and a bit. */
	static const struct {
		enum acct_period_kind kind;
		int n;
	} recent[] = {
		{ ACCT_PERIOD_WEEK, 5 },
		{ ACCT_PERIOD_MONTH, 13 },
		{ ACCT_PERIOD_QUARTER, 5 },
		{ ACCT_PERIOD_YEAR, 2 },
	};
	struct acct_period p, prev;
	size_t i;
	int k;

	for (i = 0; i < sizeof(words) / sizeof(*words); i++)
		acct_buf_addf(out, "%s\n", words[i].word);
	for (i = 0; i < sizeof(recent) / sizeof(*recent); i++) {
		acct_period_of(&p, recent[i].kind, today);
		for (k = 0; k < recent[i].n && p.since.year >= 1970; k++) {
			acct_buf_addf(out, "%s\n", p.label);
			prev = p;
			acct_period_prev(&p, &prev);
		}
	}
}

static int num(const char *s, size_t n, int *out)
{
	int v = 0;

	while (n--) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s++ - '0');
	}
	*out = v;
	return 1;
}

static int bad(struct acct_error *err, const char *s, const char *why)
{
	struct acct_buf q = ACCT_BUF_INIT;
	int rc;

	acct_text_escape_terminal(&q, s, strlen(s) > 40 ? 40 : strlen(s));
	rc = acct_error_set(err, ACCT_EUSAGE, "'%s%s' is not a period%s%s",
			    q.buf, strlen(s) > 40 ? "..." : "",
			    why ? ": " : "", why ? why : "");
	acct_error_hint(err, "use 2026-W47, 2026-11, 2026-Q4, 2026, last-week, "
			"this-week, last-month, this-month, last-quarter or "
			"this-quarter");
	acct_buf_release(&q);
	return rc;
}

int acct_period_parse(struct acct_period *out, const char *s,
		      const struct acct_date *today, unsigned flags,
		      struct acct_error *err)
{
	size_t len = strlen(s), i;
	int year, v;

	for (i = 0; i < sizeof(words) / sizeof(*words); i++) {
		if (strcmp(s, words[i].word))
			continue;
		acct_period_of(out, words[i].kind, today);
		if (words[i].back) {
			struct acct_period p = *out;

			acct_period_prev(out, &p);
		}
		return 0;
	}
	if ((flags & ACCT_PERIOD_ALLOW_ALL) && !strcmp(s, "all")) {
		out->kind = ACCT_PERIOD_ALL;
		out->since = (struct acct_date){ 1970, 1, 1 };
		out->until = (struct acct_date){ 9999, 12, 31 };
		snprintf(out->label, sizeof(out->label), "all");
		return 0;
	}
	if (len < 4 || !num(s, 4, &year) || year < 1970 || year > 9999)
		return bad(err, s, NULL);
	if (len == 4) {
		set_year(out, year);
		return 0;
	}
	if (s[4] != '-')
		return bad(err, s, NULL);
	if (len == 7 && s[5] == 'Q' && num(s + 6, 1, &v)) {
		if (v < 1 || v > 4)
			return bad(err, s, "a quarter is Q1 to Q4");
		set_quarter(out, year, v);
		return 0;
	}
	if (len == 8 && s[5] == 'W' && num(s + 6, 2, &v)) {
		if (v < 1 || v > weeks_in_year(year) || year == 9999) {
			char why[64];

			snprintf(why, sizeof(why), "%d has weeks 01 to %d", year,
				 weeks_in_year(year));
			return bad(err, s, why);
		}
		set_week(out, year, v);
		return 0;
	}
	if (len == 7 && num(s + 5, 2, &v)) {
		if (v < 1 || v > 12)
			return bad(err, s, "a month is 01 to 12");
		set_month(out, year, v);
		return 0;
	}
	return bad(err, s, NULL);
}
