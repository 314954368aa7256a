#ifndef ACCT_METRIC_IMPORT_H
#define ACCT_METRIC_IMPORT_H

#include <stddef.h>

#include "acct/date.h"
#include "acct/decimal.h"
#include "acct/metric.h"

struct acct_book;
struct acct_error;

/*
 * An ad platform's or analytics tool's export read into rows of numbers
 * (lib/metric_import.c), for `acct metric import`. The parsing is pure:
 * no book, no output. The shapes read, the header names mapped and the rules of
 * detection are in the README, "Imported exports".
 *
 * Each row is one number: one metric of one period (of one client or
 * campaign when the export names them), where it stands in the file. Rows
 * are not summed: a per-campaign export gives a row per campaign, and the
 * caller sums per client and period. Totals rows are left out.
 *
 * acct_metric_import_plan() (lib/metric_assign.c) then gives the rows to
 * clients and makes the metric files to write; that part reads the book.
 */

/*
 * How fine the periods of an export are, one per export: a day
 * ("2026-11-20"), an ISO week ("2026-W47") or a month ("2026-11"), as
 * acct/metric.h's acct_metric_grain names them (never a quarter or year).
 */

/* Enough for "2026-11-20", "2026-W47" or "2026-11" plus NUL. */
#define ACCT_METRIC_PERIODLEN 16

/* The most numbers one export may hold (a year of 200 campaigns a day). */
#define ACCT_METRIC_ROWS_MAX 1000000

/* The longest metric name, in bytes. */
#define ACCT_METRIC_NAME_MAX 64

/*
 * One number. The strings are borrowed from the export that holds the row
 * and live as long as it does.
 */
struct acct_metric_row {
	const char *client;	/* the client column's text, or NULL */
	const char *campaign;	/* the campaign column's text, or NULL */
	const char *metric;	/* spend impressions clicks leads sales revenue
				 * sessions calls, or another name made of
				 * [a-z0-9_] (a generic CSV's) */
	const char *currency;	/* "RUB", "USD" ...: for money (spend,
				 * revenue, or a column whose header names
				 * a currency) when the export says; or NULL */
	struct acct_dec value;
	char period[ACCT_METRIC_PERIODLEN];	/* as acct_metric_grain says */
	struct acct_date since, until;	/* the period's first and last day */
	size_t line, col;	/* the value in the file, 1-based, col in
				 * characters (as in struct acct_csv_field) */
	size_t client_line, client_col;		/* where the client's and */
	size_t campaign_line, campaign_col;	/* the campaign's cells are,
						 * or 0 */
};

/* What a column of the header was taken for. */
enum acct_metric_col_role {
	ACCT_METRIC_COL_IGNORED,	/* derived (CTR, CPC ...) or unknown */
	ACCT_METRIC_COL_PERIOD,		/* Дата, Day, Month, period ... */
	ACCT_METRIC_COL_CLIENT,
	ACCT_METRIC_COL_CAMPAIGN,
	ACCT_METRIC_COL_CURRENCY,	/* Currency code, Валюта */
	ACCT_METRIC_COL_NAME,		/* long form: the metric's name */
	ACCT_METRIC_COL_VALUE,		/* long form: its value */
	ACCT_METRIC_COL_METRIC,		/* a metric: `metric` says which */
};

struct acct_metric_column {
	const char *header;	/* as written, spaces around it trimmed */
	enum acct_metric_col_role role;
	const char *metric;	/* ACCT_METRIC_COL_METRIC: its name */
	char currency[4];	/* from the header ("Расход (руб.)"), or "" */
	size_t col;		/* 1-based */
};

/* Where the periods came from. */
enum acct_metric_dated {
	ACCT_METRIC_DATED_COLUMN,	/* a date, week or month column */
	ACCT_METRIC_DATED_TITLE,	/* the dates in the title lines */
	ACCT_METRIC_DATED_GIVEN,	/* the caller's `period` */
};

/*
 * A parsed export. `first` and `last` are the first and last day it
 * covers: the span of the periods of its records (one whose every value
 * is no data counts, though it gives no row), widened to the dates in its
 * title lines ("Отчет ... (01.11.2026 - 30.11.2026)", "November 1, 2026 -
 * November 30, 2026", GA4's "# Start date:"/"# End date:") when it states
 * them, so that a re-import replaces exactly those periods, days that had
 * no numbers this time included.
 */
struct acct_metric_export {
	const char *source;	/* yandex-direct google-ads vk-ads metrica
				 * ga4 csv: given, or detected */
	int detected;		/* 1 when `source` was detected */
	enum acct_metric_grain grain;
	enum acct_metric_dated dated;
	struct acct_metric_row *rows;
	size_t nrows;
	struct acct_date first, last;
	struct acct_metric_column *columns;	/* the header's columns */
	size_t ncolumns;
	size_t header_line;	/* the header's line, 1-based */
	int long_form;		/* 1: a generic client,period,metric,value */
	size_t totals;		/* totals rows left out */
	size_t no_data;		/* values left out: "--", "-", empty */
	char *text_;		/* private: the text the strings point into */
};

#define ACCT_METRIC_EXPORT_INIT { NULL, 0, ACCT_METRIC_DAY, \
	ACCT_METRIC_DATED_COLUMN, NULL, 0, { 0, 0, 0 }, { 0, 0, 0 }, NULL, \
	0, 0, 0, 0, 0, NULL }

/*
 * The sources an export may come from, as `source` names them, NULL
 * last: yandex-direct, google-ads, vk-ads, metrica, ga4, csv.
 */
extern const char *const acct_metric_export_sources[];

/**
 * Read the export `data` (`len` bytes, a whole file, which the caller has
 * read with its limit) into `out`, which is overwritten: release it first
 * if it holds one. `name` names the file in messages ("standard input" for
 * -). The text is UTF-8 (a BOM is skipped) or UTF-16 with a BOM, little
 * or big endian ("CSV for Excel"); the separator is a tab when at least
 * half the lines with a tab, ';' or ',' have a tab, else ';' when at
 * least half of those with ';' or ',' have a ';', else ','; title lines
 * before the header (and GA4's '#' lines) are read for the dates they
 * state and otherwise skipped.
 *
 * `source` is one of acct_metric_export_sources, or NULL to detect it from the
 * header. `period` ("2026-11-20", "2026-W47" or "2026-11", or NULL) is
 * the period of an export without a date column (a report over a whole
 * month); it is not used when the export has one, and without it such an
 * export takes its period from the title when that is one day, ISO week
 * or month.
 *
 * Returns 0, and the caller frees `out` with acct_metric_export_release();
 * there is at least one row. ACCT_EUSAGE for an unknown `source` or a bad
 * `period`. ACCT_EDATA, with `name`, the line and column and a hint, when
 * the file is not UTF-8 or UTF-16 (a lone surrogate, an odd length), is
 * not CSV, is empty or has no numbers, has no header acct knows (the
 * message lists the headers it read), names one metric or the date in two
 * columns, has a row longer than its header, a value that is not a
 * number, a date that is not a date, a currency code that is not three
 * letters, periods of two grains (days and months), or more than
 * ACCT_METRIC_ROWS_MAX numbers. On error `out` is left empty.
 */
int acct_metric_export_parse(struct acct_metric_export *out, const char *name,
			     const char *data, size_t len, const char *source,
			     const char *period, struct acct_error *err);

/** Free what acct_metric_export_parse() made; `x` may be NULL. */
void acct_metric_export_release(struct acct_metric_export *x);

/* --- into the book (lib/metric_assign.c) -------------------------------- */

/*
 * An export's numbers as the book's metric files, ready for ONE
 * acct_metric_write(): each row given to a client, the rows summed per
 * client, period and metric, one file per client and period of the
 * export's source and grain (a per-day export writes days), and, for
 * each client, the range its write replaces: that source's files from
 * the export's first to its last day.
 */
struct acct_metric_import {
	struct acct_metric_file **files;	/* sorted by path */
	size_t nfiles;
	struct acct_metric_replace *replace;	/* a client each; the slugs
						 * are the files' */
	size_t nreplace;
	size_t nperiods;			/* the export's periods */
};

#define ACCT_METRIC_IMPORT_INIT { NULL, 0, NULL, 0, 0 }

/**
 * Make the files of export `x` (read from `name`) into `out`. A row's
 * client is `client` (a slug the caller has resolved) when it is not
 * NULL; else its client cell, a slug, a unique slug prefix or a card's
 * name (any case); else its campaign cell, which one card's `campaigns:`
 * list names (any case, runs of spaces as one).
 *
 * ACCT_EUSAGE at `name`:line:col, nothing made: a row with no client to
 * give it to (the hint says what to give), a client cell that names no
 * client, a campaign no card or two cards name, a metric name that
 * cannot be recorded, a negative number, numbers of one file in two
 * currencies, a sum too large. A card that does not load when the cards
 * are read (to match names and campaigns) is its error (ACCT_EDATA).
 * Release `out` with acct_metric_import_release().
 */
int acct_metric_import_plan(struct acct_metric_import *out,
			    struct acct_book *book,
			    const struct acct_metric_export *x,
			    const char *name, const char *client,
			    struct acct_error *err);

/** Free what acct_metric_import_plan() made; `im` may be NULL. */
void acct_metric_import_release(struct acct_metric_import *im);

#endif
