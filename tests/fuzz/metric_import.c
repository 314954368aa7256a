/*
 * Exports of ad platforms (lib/metric_import.c), as `acct metric import`
 * reads them.
 *
 * Input: a byte that picks the source (0: detected; 1-6: given, in the
 * order of acct_metric_export_sources; 7: an unknown one), a byte that picks the
 * period given for an export without dates (0: none; 1 a day, 2 a week,
 * 3 a month; 4 one that is not a period), then the file.
 *
 * Checked: an unknown source or a bad period is ACCT_EUSAGE; any other
 * refusal is ACCT_EDATA at a line of the file, with a message and a hint,
 * and leaves the result empty. An export that parses has from one to
 * ACCT_METRIC_ROWS_MAX rows; its source is the one given or one of the
 * list; every row's metric is a base name or [a-z][a-z0-9_]*, its period
 * has the export's grain and names exactly its first and last day, which
 * lie within the export's span; its value prints and reads back the same;
 * its currency is three capital letters; its text is UTF-8; its place
 * lies below the header.
 */
#include "acct/metric_import.h"

#include <stdlib.h>
#include <string.h>

#include "acct/error.h"
#include "acct/period.h"
#include "fuzz.h"

#include "acct/banned.h"

#define PATH "export.csv"

static void check_text(const char *s, const char *what, size_t i)
{
	if (s)
		FUZZ_CHECK(fuzz_utf8_ok(s, strlen(s)), "row %zu: %s is not "
			   "UTF-8", i, what);
}

static void check_name(const char *m, size_t i)
{
	size_t k, n = strlen(m);

	FUZZ_CHECK(n >= 1 && n <= ACCT_METRIC_NAME_MAX && m[0] >= 'a' &&
		   m[0] <= 'z', "row %zu: metric '%s'", i, m);
	for (k = 0; k < n; k++)
		FUZZ_CHECK((m[k] >= 'a' && m[k] <= 'z') ||
			   (m[k] >= '0' && m[k] <= '9') || m[k] == '_',
			   "row %zu: metric '%s'", i, m);
}

/* The period's name says the row's grain and days. */
static void check_period(const struct acct_metric_row *r,
			 enum acct_metric_grain grain, size_t i)
{
	struct acct_date today = { 2026, 1, 1 }, d;
	struct acct_period p;

	if (grain == ACCT_METRIC_DAY) {
		FUZZ_CHECK(acct_date_parse(&d, r->period, NULL) == 0 &&
			   !acct_date_cmp(&d, &r->since) &&
			   !acct_date_cmp(&d, &r->until),
			   "row %zu: day '%s'", i, r->period);
		return;
	}
	FUZZ_CHECK(acct_period_parse(&p, r->period, &today, 0, NULL) == 0 &&
		   p.kind == (grain == ACCT_METRIC_WEEK ? ACCT_PERIOD_WEEK :
			      ACCT_PERIOD_MONTH) &&
		   !acct_date_cmp(&p.since, &r->since) &&
		   !acct_date_cmp(&p.until, &r->until),
		   "row %zu: %s '%s'", i, grain == ACCT_METRIC_WEEK ? "week" :
		   "month", r->period);
}

static void check_export(const struct acct_metric_export *x,
			 const char *given)
{
	size_t i, k;

	FUZZ_CHECK(x->nrows >= 1 && x->nrows <= ACCT_METRIC_ROWS_MAX &&
		   x->rows && x->text_, "%zu rows", x->nrows);
	FUZZ_CHECK(given ? !strcmp(x->source, given) && !x->detected :
		   x->detected, "source %s, given %s", x->source,
		   given ? given : "none");
	for (k = 0; acct_metric_export_sources[k]; k++)
		if (!strcmp(x->source, acct_metric_export_sources[k]))
			break;
	FUZZ_CHECK(acct_metric_export_sources[k], "source %s", x->source);
	FUZZ_CHECK(x->ncolumns >= 1 && x->header_line >= 1 &&
		   acct_date_cmp(&x->first, &x->last) <= 0,
		   "%zu columns, header on line %zu", x->ncolumns,
		   x->header_line);
	for (i = 0; i < x->ncolumns; i++)
		FUZZ_CHECK(x->columns[i].col == i + 1 && x->columns[i].header &&
			   (x->columns[i].role != ACCT_METRIC_COL_METRIC ||
			    x->columns[i].metric), "column %zu", i);
	for (i = 0; i < x->nrows; i++) {
		const struct acct_metric_row *r = &x->rows[i];
		char text[ACCT_DEC_STRLEN];
		struct acct_dec back;
		const char *why;

		check_name(r->metric, i);
		check_period(r, x->grain, i);
		FUZZ_CHECK(acct_date_cmp(&x->first, &r->since) <= 0 &&
			   acct_date_cmp(&r->until, &x->last) <= 0,
			   "row %zu: %s outside the span", i, r->period);
		acct_dec_format(text, r->value);
		FUZZ_CHECK(acct_dec_parse(&back, text, strlen(text), 0,
					  &why) == 0 &&
			   back.v == r->value.v && back.places == r->value.places,
			   "row %zu: value %s does not read back", i, text);
		FUZZ_CHECK(!r->currency || (strlen(r->currency) == 3 &&
					    r->currency[0] >= 'A' &&
					    r->currency[0] <= 'Z' &&
					    r->currency[1] >= 'A' &&
					    r->currency[1] <= 'Z' &&
					    r->currency[2] >= 'A' &&
					    r->currency[2] <= 'Z'),
			   "row %zu: currency '%s'", i, r->currency);
		check_text(r->client, "the client", i);
		check_text(r->campaign, "the campaign", i);
		FUZZ_CHECK(r->line > x->header_line && r->col >= 1,
			   "row %zu at %zu:%zu, the header on line %zu", i,
			   r->line, r->col, x->header_line);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const periods[] = {
		NULL, "2026-11-20", "2026-W47", "2026-11", "2026-Q4",
	};
	struct fuzz_in in = { data, size };
	struct acct_metric_export x;
	struct acct_error err = ACCT_ERROR_INIT;
	unsigned s = fuzz_byte(&in) % 8, p = fuzz_byte(&in) % 5;
	const char *source = !s ? NULL : s == 7 ? "adwords" :
			     acct_metric_export_sources[s - 1];
	size_t len, i, lines = 1;
	char *file = fuzz_rest(&in, &len);
	int rc;

	rc = acct_metric_export_parse(&x, PATH, file, len, source, periods[p],
				      &err);
	if (s == 7 || p == 4) {
		FUZZ_CHECK(rc == ACCT_EUSAGE && err.msg[0] && !x.rows,
			   "source %s, period %s gave %d", source ? source :
			   "none", periods[p] ? periods[p] : "none", rc);
		goto out;
	}
	if (rc < 0) {
		/* UTF-16 has a line break in 2 bytes at the least. */
		for (i = 0; i < len; i++)
			lines += file[i] == '\n' || file[i] == '\r';
		FUZZ_CHECK(rc == ACCT_EDATA && err.code == ACCT_EDATA &&
			   err.msg[0] && err.hint[0] &&
			   !strcmp(err.file, PATH) && err.line >= 1 &&
			   err.line <= lines && err.col >= 1 && !x.rows &&
			   !x.nrows && !x.columns && !x.text_,
			   "refusal %d at %zu:%zu of %zu lines: %s", rc,
			   err.line, err.col, lines, err.msg);
		goto out;
	}
	FUZZ_CHECK(rc == 0, "parse gave %d", rc);
	check_export(&x, source);
out:
	acct_metric_export_release(&x);
	free(file);
	return 0;
}
