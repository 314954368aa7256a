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

/** Parse "md", "html", "man", "latex", "json", "eml"; -1 for anything else. */
int acct_report_format_parse(const char *s);
/** The file name extension of a format: "md", "html", "7", "tex", "json",
 * "eml". */
const char *acct_report_format_ext(enum acct_report_format f);

/**
 * Render `data` with template `name` (looked up in the book's templates/,
 * then the built-ins for `data`'s locale) into `out` in `format`. The
 * Markdown is parsed with cmark (never CMARK_OPT_UNSAFE); fenced blocks
 * with the info string "acct-chart NAME" or "acct-table NAME" become the
 * chart or table data.charts.NAME / data.tables.NAME: SVG and an HTML
 * table in HTML, readable text elsewhere. Returns 0 or an error (a bad
 * template: ACCT_EDATA with its file, line and column; an unknown one:
 * ACCT_EUSAGE); `out` is left as it was on error. ACCT_FORMAT_EML is
 * acct_report_message()'s.
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

/* A client's report as an e-mail message (lib/report_mail.c). */
struct acct_report_message {
	struct acct_buf *eml;		/* the message, RFC 5322 and MIME */
	struct acct_buf *subject;	/* its subject, UTF-8 */
	struct acct_buf *to;		/* "Name <addr>", as in To: */
	struct acct_buf *message_id;	/* "<...>" */
};

/**
 * Render a client's report (`data` of acct_report_data(), template
 * `name`) as an e-mail message, appending to the buffers of `out`:
 * text/plain the Markdown, text/html the page of ACCT_FORMAT_HTML, byte
 * for byte. The subject is the template's first heading and the period
 * ("Сводка за неделю: ООО «Ромашка», неделя 48 (23–29 ноября 2026)").
 * To: the card's primary contact's e-mail, else the card's `email:`;
 * From: the card's manager, else git's identity; Date: book->now. No
 * address to send to or from is ACCT_EDATA naming what to set; nothing
 * is appended on error.
 */
int acct_report_message(const struct acct_report_message *out,
			struct acct_book *book, const struct json_t *data,
			const char *name, struct acct_error *err);

/* How a message goes out (acct_report_send()). */
struct acct_report_send_spec {
	const char *slug;
	const char *what;		/* "2026-W48 weekly": the commit's */
	const char *eml;		/* the message */
	size_t eml_len;
	const char *subject, *to;	/* of the message */
	const char *message_id;
	/* The mail command: mail.command, run with `env` (NAME=value,
	 * NULL-terminated), the message on its standard input. */
	const char *const *command;
	const char *const *env;
	/* Also save the message (format ACCT_FORMAT_EML); NULL: do not. */
	const struct acct_report_save_spec *save;
};

/**
 * Hand the message to the mail command and, only when it exits 0, record
 * it in one commit ("report <slug>: mailed <what>"): an entry of kind
 * report, channel email, direction out, the subject its summary, and the
 * saved message when `s->save`. Appends the entry's path to `entry_path`
 * and the saved file's to `saved_path`. Errors: the command not found
 * (naming mail.command and PATH) or failing (its exit status and the end
 * of its standard error): ACCT_ERROR, nothing sent as far as acct knows,
 * nothing recorded. A commit that fails after the message went out says
 * the message WAS sent and, as a hint, the `acct log` command that
 * records it.
 */
int acct_report_send(struct acct_buf *entry_path, struct acct_buf *saved_path,
		     struct acct_book *book,
		     const struct acct_report_send_spec *s,
		     struct acct_error *err);

struct acct_agenda_item;
struct acct_config;

/**
 * The report an agenda item of kind ACCT_DUE_REPORT asks for
 * (lib/report_due.c): a weekly cadence the week of its due day (its
 * report day) with "weekly", a monthly one that day's month with
 * "monthly", a duration the days it spans up to the due day (1m: that
 * month, 3m: that quarter, 12m: that year) with the template
 * acct_report_default_template() gives. Sets `*template` to a static
 * string. ACCT_EUSAGE for an item of another kind or without a due day.
 */
int acct_report_due_period(struct acct_period *out, const char **template,
			   const struct acct_agenda_item *it,
			   const struct acct_config *cfg,
			   struct acct_error *err);

#endif
