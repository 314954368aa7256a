#ifndef ACCT_PERIOD_H
#define ACCT_PERIOD_H

#include "acct/date.h"

struct acct_buf;
struct acct_error;

/*
 * A period of days, as reports and NPS figures name them: an ISO week
 * ("2026-W47"), a month ("2026-11"), a quarter ("2026-Q4"), a year
 * ("2026"), the words relative to today (last-week, this-week, last-month,
 * this-month, last-quarter, this-quarter), or a range of dates.
 */
enum acct_period_kind {
	ACCT_PERIOD_WEEK,
	ACCT_PERIOD_MONTH,
	ACCT_PERIOD_QUARTER,
	ACCT_PERIOD_YEAR,
	ACCT_PERIOD_RANGE,
	ACCT_PERIOD_ALL,
};

/* Enough for "YYYY-MM-DD..YYYY-MM-DD" plus NUL. */
#define ACCT_PERIOD_LABELLEN 24

struct acct_period {
	enum acct_period_kind kind;
	struct acct_date since, until;	/* both days included */
	char label[ACCT_PERIOD_LABELLEN];	/* "2026-W47", "2026-Q4", "all" */
};

/* Which forms acct_period_parse() accepts besides the named periods. */
enum acct_period_flags {
	ACCT_PERIOD_ALLOW_ALL = 1 << 0,	/* "all": every day there is */
};

/**
 * Parse `s` relative to `today`. The words resolve to the named period
 * they stand for (last-week on 2026-11-23 is 2026-W47). Returns 0 or
 * ACCT_EUSAGE naming the value and the forms that exist; a week 53 in a
 * year of 52 weeks, a month 13 or a quarter 5 are refused.
 */
int acct_period_parse(struct acct_period *out, const char *s,
		      const struct acct_date *today, unsigned flags,
		      struct acct_error *err);

/** The period of `kind` (week, month, quarter or year) holding `d`. */
void acct_period_of(struct acct_period *out, enum acct_period_kind kind,
		    const struct acct_date *d);

/**
 * The period of the same kind just before `p` (a week, month, quarter or
 * year; for a range, the range of the same length ending the day before).
 */
void acct_period_prev(struct acct_period *out, const struct acct_period *p);

/** A range of days [since, until], labelled "since..until". */
void acct_period_range(struct acct_period *out, const struct acct_date *since,
		       const struct acct_date *until);

/** 1 if `d` lies within `p`. */
int acct_period_has(const struct acct_period *p, const struct acct_date *d);

/**
 * The periods to offer where one is typed (completion), a line each in
 * `out`: the words acct_period_parse() knows (this-week, last-week, ...),
 * then the labels of today's week, month, quarter and year and of those
 * before them (5 weeks, 13 months, 5 quarters, 2 years), newest first.
 */
void acct_period_suggest(struct acct_buf *out, const struct acct_date *today);

/** The quarter (1-4) of a month (1-12). */
#define ACCT_QUARTER(month) (((month) - 1) / 3 + 1)

#endif
