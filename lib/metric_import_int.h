/*
 * What lib/metric_import.c and lib/metric_when.c share: a period as an
 * export writes it, and the text helpers both use. Private to lib/.
 */
#ifndef ACCT_METRIC_IMPORT_INT_H
#define ACCT_METRIC_IMPORT_INT_H

#include <stddef.h>

#include "acct/buf.h"
#include "acct/csv.h"
#include "acct/date.h"
#include "acct/decimal.h"
#include "acct/error.h"
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


/* --- the export up to its header (lib/metric_header.c) --------------------- */

enum source { S_DIRECT, S_GOOGLE, S_VK, S_METRICA, S_GA4, S_CSV };

/* How many of the first records may come before the header. */
#define HEADER_SEARCH 50

#define HINT_HEADERS N_("name the columns as the README's 'Imported exports' " \
	"lists them (Дата/Day, Показы/Impressions, Клики/Clicks, " \
	"Расход/Cost ...), or give the source")
#define HINT_NUMBER N_("write a number as 1234.56, 1 234,56 or 1,234.56; an " \
	"empty cell or '--' is no data")
#define HINT_DATE N_("write a day as 2026-11-20, 20.11.2026, 20261120 or " \
	"Nov 20, 2026; a week as 2026-W47; a month as 2026-11, 11.2026, " \
	"ноябрь 2026 or November 2026")
#define HINT_UTF N_("download the report again: 'CSV' is UTF-8, 'CSV for " \
	"Excel' UTF-16 with a byte order mark; or convert it, as in " \
	"'iconv -f WINDOWS-1251 -t UTF-8'")

/* What a column of the header is, before the source is known. */
struct guess {
	enum acct_metric_col_role role;
	const char *metric;
	const char *currency;	/* the header's, static, or NULL */
	enum metric_hint hint;
	int derived;		/* a derived metric or a '%' column */
};

struct reader {
	const char *name;
	struct acct_error *err;
	struct acct_metric_export *out;
	struct acct_csv csv;
	size_t line_off;	/* lines before what lib/csv.c was given */
	size_t header;		/* the header's record */
	enum source source;
	struct guess *guesses;	/* a column each */
	int period_col, client_col, campaign_col, currency_col;
	int name_col, value_col;
	struct metric_when fixed;	/* of an export without dates */
	struct metric_span title;	/* the dates the title lines state */
	struct metric_span dated;	/* the periods of the dated records,
					 * those without numbers too */
	int has_grain;
	size_t rows_alloc;
	struct acct_buf tmp;
};

/* `s` for a message: quoted, controls made visible, long ones cut. */
const char *metric_quote(struct acct_buf *q, const char *s);

/* An ACCT_EDATA error at `line`:`col` of the export. */
int metric_fail_at(struct reader *rd, size_t line, size_t col,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The line of field `f` in the file (lines before the CSV counted). */
size_t metric_line_of(const struct reader *rd, const struct acct_csv_field *f);

/* The separator: tab, ';' or ',', from the lines that have one. */
char metric_sniff(const char *s, size_t len);

/* The ISO code a header's or cell's currency word names, or NULL. */
const char *metric_currency_of(const char *folded, char code[4]);

/* What header `h` names, into `g`. */
void metric_classify(struct guess *g, struct acct_buf *tmp, const char *h,
		     char code[4]);

/* `h` is a metric name a generic CSV may use as its own. */
int metric_own_name(char *h);

/* `rec` reads as the header. */
int metric_is_header(struct reader *rd, const struct acct_csv_record *rec);

/* Find and read the header (and the source, when asked to detect it). */
int metric_read_header(struct reader *rd, int detect_source, int comments);

/* The error for an export in which no header was found. */
int metric_no_header(struct reader *rd);

#endif
