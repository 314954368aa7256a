#ifndef ACCT_REPORT_H
#define ACCT_REPORT_H

#include <stddef.h>

#include "acct/date.h"
#include "acct/period.h"
#include "acct/render.h"

struct acct_book;
struct acct_buf;
struct acct_error;
struct json_t;

/*
 * Reports: the data a template sees (lib/report.c), the template rendered
 * to Markdown, and the Markdown rendered by cmark to the output format
 * with acct's own charts and tables (lib/render.c).
 */

/* Open action items are looked for in entries this many days before the
 * period: a report never reads the whole log. */
#define ACCT_REPORT_LOOKBACK 92

struct acct_report_opts {
	const char *slug;		/* the client; NULL: the portfolio */
	struct acct_period period;
	const char *template;		/* "weekly", "monthly", ... */
	const char *locale;		/* "en" or "ru" */
	struct acct_date today;
	/* Records that cannot be read; the report goes on without them. */
	void (*bad)(void *data, const struct acct_error *err);
	void *data;
};

/**
 * Build the data the template sees: a jansson object with "format": 1
 * (the README lists its fields). Reads only the log entries and answers
 * the period needs. Returns 0, 1 when some record was bad (reported to
 * o->bad), or an error. The caller frees `*out` with json_decref().
 */
int acct_report_data(struct json_t **out, struct acct_book *book,
		     const struct acct_report_opts *o, struct acct_error *err);

/** The built-in template a period calls for: weekly, monthly, quarterly. */
const char *acct_report_default_template(const struct acct_period *p);

/** Parse "md", "html", "man", "latex", "json"; -1 for anything else. */
int acct_report_format_parse(const char *s);
/** The file name extension of a format: "md", "html", "7", "tex", "json". */
const char *acct_report_format_ext(enum acct_report_format f);

/**
 * Render `data` with template `name` (looked up in the book's templates/,
 * then the built-ins for `data`'s locale) into `out` in `format`. The
 * Markdown is parsed with cmark (never CMARK_OPT_UNSAFE); fenced blocks
 * with the info string "acct-chart NAME" or "acct-table NAME" become the
 * chart or table data.charts.NAME / data.tables.NAME: SVG and an HTML
 * table in HTML, readable text elsewhere. Returns 0 or an error (a bad
 * template: ACCT_EDATA with its file, line and column; an unknown one:
 * ACCT_EUSAGE); `out` is left as it was on error.
 */
int acct_report_render(struct acct_buf *out, struct acct_book *book,
		       const struct json_t *data, const char *name,
		       enum acct_report_format format, struct acct_error *err);

/* Where and how a rendered report is saved (lib/report_save.c). */
struct acct_report_save_spec {
	const char *slug;		/* the client; NULL: the portfolio */
	const char *label;		/* the period's label: "2026-W47" */
	const char *template;		/* "weekly", "monthly", ... */
	const char *locale;		/* the report's language */
	const char *home_locale;	/* the client's language (the book's) */
	enum acct_report_format format;
};

/**
 * Append the book path of a saved report to `out`:
 * clients/<slug>/reports/<label>-<template>.<ext> (reports/... for the
 * portfolio; a range "a..b" as "a_b"), in the client's language;
 * <label>-<template>.<locale>.<ext> in any other, so that saving one
 * language never overwrites another.
 */
void acct_report_save_path(struct acct_buf *out,
			   const struct acct_report_save_spec *s);

/**
 * Write `text` (`len` bytes) at acct_report_save_path() and commit it
 * ("report <slug>: 2026-W47 weekly (md)", "(ru, md)" in another language).
 * Appends the path to `path_out`. Returns 0, 1 when the file held that
 * text already (no commit), or an error.
 */
int acct_report_save(struct acct_buf *path_out, struct acct_book *book,
		     const struct acct_report_save_spec *s, const char *text,
		     size_t len, struct acct_error *err);

#endif
