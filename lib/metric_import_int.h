/*
 * What lib/metric_import.c and lib/metric_when.c share: a period as an
 * export writes it, and the text helpers both use. Private to lib/.
 */
#ifndef ACCT_METRIC_IMPORT_INT_H
#define ACCT_METRIC_IMPORT_INT_H

#include <stddef.h>

#include "acct/date.h"
#include "acct/metric_import.h"

struct acct_buf;

/* A period as read: its grain and days. */
struct metric_when {
	enum acct_metric_grain grain;
	struct acct_date since, until;
};

/* The kind of period a column holds, when its name says (Month, Неделя). */
enum metric_hint {
	METRIC_HINT_ANY = -1,
	METRIC_HINT_WEEK = ACCT_METRIC_WEEK,
	METRIC_HINT_MONTH = ACCT_METRIC_MONTH,
};

/* The first and last of the dates seen; `any` is 0 until there is one. */
struct metric_span {
	struct acct_date since, until;
	int any;
};

/*
 * A period as an export writes it: a day ("2026-11-20", "2026-11-20
 * 14:33", "20.11.2026", "20261120", "Nov 20, 2026", "20 ноября 2026"), an
 * ISO week ("2026-W47"), a month ("2026-11", "11.2026", "202611",
 * "November 2026", "ноябрь 2026 г."), or a range "A - B" that is one day,
 * ISO week or month. In a column named for months or weeks a day stands
 * for its month or week (Google Ads writes a month as its first day and
 * a week as its Monday); a month in a week column and a week in a month
 * column are refused. Returns 0 or -1.
 */
int metric_when_parse(struct metric_when *out, const char *s,
		      enum metric_hint hint);

/* A range of days as a period: one day, ISO week or month; else -1. */
int metric_when_of_range(struct metric_when *out, const struct acct_date *since,
			 const struct acct_date *until);

/* Write the period's name ("2026-11-20", "2026-W47", "2026-11") into `out`. */
void metric_when_label(char out[ACCT_METRIC_PERIODLEN],
		       const struct metric_when *w);

/* "a day", "a week", "a month"; with `plural`, "days" ... */
const char *metric_grain_name(enum acct_metric_grain g, int plural);

/*
 * Widen `span` to every date that `len` bytes of a title line state:
 * 01.11.2026, 2026-11-01, 20261101 (GA4's "# Start date: 20261101"),
 * "November 1, 2026", "1 ноября 2026". Digits that run on are something
 * else.
 */
void metric_title_dates(struct metric_span *span, const char *s, size_t len);

/* `s` case folded, runs of white space one space, none at the ends. */
void metric_norm(struct acct_buf *out, const char *s, size_t len);

/* A field without the white space around it (no-break spaces too), in place. */
char *metric_trim(char *s);

#endif
