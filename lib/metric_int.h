/*
 * What lib/metric.c (files, periods, names), lib/metric_sum.c (a period's
 * numbers) and lib/metric_write.c (one commit) share. Private to lib/.
 */
#ifndef ACCT_METRIC_INT_H
#define ACCT_METRIC_INT_H

#include "acct/date.h"

struct acct_book;
struct acct_buf;
struct acct_error;
struct acct_metric_period;

/** 1 if `a` and `b` are one period: the same grain and first day. */
int metric_same_period(const struct acct_metric_period *a,
		       const struct acct_metric_period *b);

/** 1 if `p` lies wholly within [since, until]. */
int metric_inside(const struct acct_metric_period *p,
		  const struct acct_date *since, const struct acct_date *until);

/** qsort() order of struct acct_metric_value: base metrics first, by name. */
int metric_value_cmp(const void *a, const void *b);

/** Append the sources a file may have, "manual, yandex-direct, ...". */
void metric_sources_text(struct acct_buf *b);

/*
 * Append the text of `path` (relative to the book) as the work tree has
 * it: 0, ACCT_ENOTFOUND when there is none, or an error (a link, not a
 * regular file, larger than the input limit, unreadable).
 */
int metric_read_file(struct acct_buf *out, struct acct_book *book,
		     const char *path, struct acct_error *err);

#endif
