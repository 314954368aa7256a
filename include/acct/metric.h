#ifndef ACCT_METRIC_H
#define ACCT_METRIC_H

#include <stddef.h>

#include "acct/date.h"
#include "acct/decimal.h"

struct acct_book;
struct acct_buf;
struct acct_error;
struct acct_period;

/*
 * Results in the book (lib/metric.c): one YAML file per client, period
 * and source,
 *
 *	clients/<slug>/metrics/<YYYY>/<period>-<source>.yaml
 *
 *	period: 2026-11            # a day 2026-11-20, an ISO week 2026-W47
 *	source: yandex-direct      # or a month 2026-11
 *	currency: RUB              # optional
 *	values:
 *	  spend: 148200.50         # plain decimals, at most 4 places
 *	  clicks: 2400
 *
 * <YYYY> is the first four characters of the period (an ISO week's year).
 * Numbers are exact (acct_dec): nothing here goes through binary floating
 * point but the derived ratios, which are computed once from the exact
 * sums.
 */

/* How long a period is. Files hold a day, a week or a month. */
enum acct_metric_grain {
	ACCT_METRIC_DAY,
	ACCT_METRIC_WEEK,
	ACCT_METRIC_MONTH,
	ACCT_METRIC_QUARTER,
	ACCT_METRIC_YEAR,
};

#define ACCT_METRIC_LABELLEN 24		/* as ACCT_PERIOD_LABELLEN */

struct acct_metric_period {
	enum acct_metric_grain grain;
	struct acct_date since, until;		/* both days included */
	char label[ACCT_METRIC_LABELLEN];	/* 2026-11-20, 2026-W47, 2026-11,
						 * 2026-Q4, 2026 */
};

/**
 * Parse a period as the command line gives it, relative to `today`: a day
 * "2026-11-20", and everything acct_period_parse() takes ("2026-W47",
 * "2026-11", "2026-Q4", "2026", "last-month", "this-week" ...). Returns 0
 * or ACCT_EUSAGE naming the value and the forms there are.
 */
int acct_metric_period_parse(struct acct_metric_period *out, const char *s,
			     const struct acct_date *today,
			     struct acct_error *err);

/** The period of `grain` that holds `d`. */
void acct_metric_period_of(struct acct_metric_period *out,
			   enum acct_metric_grain grain,
			   const struct acct_date *d);

/** The period of the same grain just before `p`. */
void acct_metric_period_prev(struct acct_metric_period *out,
			     const struct acct_metric_period *p);

/**
 * The `n` periods of `grain` that end with the one holding `d`, oldest
 * first, in `out[0]` to `out[n - 1]`: the six months or four quarters of
 * a report's KPI charts.
 */
void acct_metric_period_series(struct acct_metric_period *out, size_t n,
			       enum acct_metric_grain grain,
			       const struct acct_date *d);

/**
 * The metric period for a report's period (a week, month, quarter or
 * year). Returns 0, or -1 for a range or "all", which are no such period.
 */
int acct_metric_period_from(struct acct_metric_period *out,
			    const struct acct_period *p);

/** "day", "week", "month", "quarter" or "year". */
const char *acct_metric_grain_name(enum acct_metric_grain g);

/* --- names -------------------------------------------------------------- */

/* The sources a file may come from, NULL-terminated; "manual" is first. */
#define ACCT_METRIC_NSOURCES 7
extern const char *const acct_metric_sources[ACCT_METRIC_NSOURCES + 1];
#define ACCT_METRIC_MANUAL "manual"
#define ACCT_METRIC_SOURCELEN 16

/** 1 if `s` is one of acct_metric_sources. */
int acct_metric_source_ok(const char *s);

/*
 * The base metrics, in the order acct lists them, NULL-terminated:
 * spend, impressions, clicks, leads, sales, revenue, sessions, calls.
 * Any other name (a lowercase word) is kept and shown too, after them.
 */
extern const char *const acct_metric_base[];
#define ACCT_METRIC_NAMELEN 64		/* the longest name, in bytes */

/* A derived metric: num / den of two base metrics, computed, never stored. */
struct acct_metric_derived {
	const char *name, *num, *den;
	int money;		/* cpc, cpl, cac: an amount per unit */
};

/*
 * ctr = clicks / impressions, cpc = spend / clicks, cpl = spend / leads,
 * cr = leads / clicks, roas = revenue / spend, cac = spend / sales,
 * drr = spend / revenue; ends with a NULL name.
 */
extern const struct acct_metric_derived acct_metric_derived[];

/** The derived metric called `name`, or NULL. */
const struct acct_metric_derived *acct_metric_derived_find(const char *name);

/** 1 for a metric that is an amount of money (spend, revenue, cpc ...). */
int acct_metric_is_money(const char *name);

/** 1 for a ratio people read as percent (ctr, cr, drr). */
int acct_metric_is_percent(const char *name);

/**
 * 1 if `s` may name a recorded metric in a file: a lowercase ASCII word,
 * [a-z][a-z0-9_]*, at most ACCT_METRIC_NAMELEN bytes.
 */
int acct_metric_name_ok(const char *s);

/**
 * The name a metric goes by in the book, for a name as people write it
 * on the command line or in a KPI: a Russian base name, any case
 * (заявки leads, расход spend, клики clicks, показы impressions, продажи
 * sales, выручка revenue, визиты sessions, звонки calls, ДРР drr); with
 * `fold`, any ASCII case too ("CPL", "Leads"). A lowercase word is
 * itself. Writes the name into `out` (ACCT_METRIC_NAMELEN + 1 bytes) and
 * returns 0, or -1 when `s` is none of these.
 */
int acct_metric_name(char *out, const char *s, int fold);

/* --- one file ----------------------------------------------------------- */

struct acct_metric_value {
	char *name;
	struct acct_dec value;
	size_t line, col;	/* where its value stands in the file; 0: made */
};

struct acct_metric_file {
	char *slug;
	char *path;		/* relative to the book */
	struct acct_metric_period period;
	char source[ACCT_METRIC_SOURCELEN];
	char currency[4];	/* "RUB", or "" when the file names none */
	size_t currency_line, currency_col;
	struct acct_metric_value *values;	/* in the file's order */
	size_t n, alloc;
};

/**
 * A file made in memory, to be written with acct_metric_write(): client
 * `slug`, a period of a day, a week or a month, a source of
 * acct_metric_sources, and `currency` (three letters, or NULL). Nothing
 * is checked until it is written. Free with acct_metric_free().
 */
struct acct_metric_file *acct_metric_file_new(const char *slug,
					      const struct acct_metric_period *p,
					      const char *source,
					      const char *currency);

/** Set metric `name` of `f` to `v`, replacing the value it had. */
void acct_metric_file_set(struct acct_metric_file *f, const char *name,
			  struct acct_dec v);

/**
 * Add `v` to metric `name` of `f` (which starts at nothing): the sum of an
 * export's rows. Returns 0, or -1 when the sum would be too large.
 */
int acct_metric_file_add(struct acct_metric_file *f, const char *name,
			 struct acct_dec v);

/** Metric `name` of `f`, or NULL. */
const struct acct_metric_value *acct_metric_file_get(
	const struct acct_metric_file *f, const char *name);

/** Append "clients/<slug>/metrics/<YYYY>/<period>-<source>.yaml" to `out`. */
void acct_metric_path(struct acct_buf *out, const char *slug,
		      const struct acct_metric_period *p, const char *source);

/**
 * Append the file as acct writes a new one: period, source, currency (if
 * any) and values, the base metrics first in their order, then the
 * others by name, each number with exactly its places.
 */
void acct_metric_text(struct acct_buf *out, const struct acct_metric_file *f);

/**
 * Parse a metric file (`path` names it in messages and, when its base
 * name has the shape <period>-<source>.yaml, must agree with its keys).
 * Errors are ACCT_EDATA at `path`:line:col: no or a bad period (a day,
 * week or month), an unknown source, a currency that is not three
 * capital letters, `values` not a mapping, a name that is not a
 * lowercase word or is derived ("ctr is computed ..."), a value that is
 * not a plain decimal number with at most 4 places and no sign (12,
 * 148200.50; not "12", 1e3, 1 200, 12,5, -3, ~). Other keys are ignored.
 * Free with acct_metric_free().
 */
int acct_metric_parse(struct acct_metric_file **out, const char *slug,
		      const char *path, const char *text, size_t len,
		      struct acct_error *err);

/** Read and parse the file at `path` (relative to the book). */
int acct_metric_load(struct acct_metric_file **out, struct acct_book *book,
		     const char *slug, const char *path,
		     struct acct_error *err);

void acct_metric_free(struct acct_metric_file *f);

/* --- listing ------------------------------------------------------------ */

/* A metric file found by its name, not read. */
struct acct_metric_ref {
	char *path;
	struct acct_metric_period period;
	char source[ACCT_METRIC_SOURCELEN];
};

struct acct_metric_list {
	struct acct_metric_ref *refs;
	size_t n, alloc;
};
#define ACCT_METRIC_LIST_INIT { NULL, 0, 0 }

/**
 * Add the metric files of client `slug` whose period lies wholly within
 * [since, until], of `source` only unless it is NULL, sorted by path.
 * Only the year folders of the range are read; files not ending ".yaml"
 * are skipped. A ".yaml" file whose name is not <period>-<source>.yaml
 * is ACCT_EDATA naming it.
 */
int acct_metric_list(struct acct_metric_list *list, struct acct_book *book,
		     const char *slug, const char *source,
		     const struct acct_date *since,
		     const struct acct_date *until, struct acct_error *err);
void acct_metric_list_release(struct acct_metric_list *list);

/* --- the numbers of a period -------------------------------------------- */

/*
 * A client's numbers for a period: each source contributes its file for
 * exactly that period if there is one, else the sum of its files of the
 * days inside (a week or a month); a quarter or a year is summed month
 * by month, each month as above. A week file is used for that week only:
 * never split across months, never summed into one. So a source never
 * counts the same days twice.
 *
 * Sources add up per metric, except "manual", which overrides the
 * metrics it names: within each month (or the week or day asked for), a
 * manual file for the whole of it replaces the other sources' number;
 * manual day files replace the numbers of those days of the sources that
 * have day files, and the whole number of a source that has only the
 * month (it cannot be split).
 */
struct acct_metric_totals {
	struct acct_metric_value *values;	/* base first, then by name;
						 * line and col are 0 */
	size_t n;
	char **sources;				/* the sources used, sorted */
	size_t nsources;
	char currency[4];			/* of the files used, or "" */
	size_t nfiles;				/* files used */
};

#define ACCT_METRIC_TOTALS_INIT { NULL, 0, NULL, 0, "", 0 }

/**
 * The numbers of period `p` from `files` (the client's files; those
 * outside `p` are left out). Two files used that name different
 * currencies are ACCT_EDATA at the second one's currency ("acct does not
 * convert"); a sum too large is ACCT_EDATA too. Release with
 * acct_metric_totals_release().
 */
int acct_metric_sum(struct acct_metric_totals *out,
		    struct acct_metric_file *const *files, size_t n,
		    const struct acct_metric_period *p, struct acct_error *err);

/**
 * The numbers of client `slug` for `p`, from its files in the book. A
 * file that does not load is its error (ACCT_EDATA with its place).
 */
int acct_metric_totals(struct acct_metric_totals *out, struct acct_book *book,
		       const char *slug, const struct acct_metric_period *p,
		       struct acct_error *err);
void acct_metric_totals_release(struct acct_metric_totals *t);

/** Recorded metric `name` of `t`: 1 with `*out` set, or 0 (no data). */
int acct_metric_get(struct acct_dec *out, const struct acct_metric_totals *t,
		    const char *name);

/**
 * Derived metric `name` (acct_metric_derived) of `t`: 1 with `*out` set,
 * or 0 for no data: a number missing, or a division by zero (never 0,
 * inf or NaN).
 */
int acct_metric_ratio(double *out, const struct acct_metric_totals *t,
		      const char *name);

/**
 * Write `x` rounded for people and JSON: to 4 decimal places, or to 4
 * significant digits when that takes more places (0.00001235), without
 * trailing zeros ("4.2", "0.0153", "12"). `buf` holds ACCT_DEC_STRLEN.
 */
char *acct_metric_round(char *buf, double x);

/* --- writing ------------------------------------------------------------ */

/*
 * What a write replaces: client `slug`'s files of `source` whose period
 * lies wholly within [since, until] and which the write does not rewrite
 * are removed. An import passes the first and last date its export
 * covers, so that re-importing a newer export replaces exactly those
 * periods and nothing else.
 */
struct acct_metric_replace {
	const char *slug;
	const char *source;
	struct acct_date since, until;
};

enum acct_metric_write_flags {
	/*
	 * A file that exists is merged into: the metrics given change (in
	 * place, comments and order kept), the others stay. Without it, a
	 * file that exists is replaced by the one given.
	 */
	ACCT_METRIC_MERGE = 1 << 0,
	/* Plan and report the changes, write nothing. */
	ACCT_METRIC_DRY_RUN = 1 << 1,
};

enum acct_metric_action {
	ACCT_METRIC_ADDED,	/* a new file */
	ACCT_METRIC_CHANGED,	/* a file rewritten with other numbers */
	ACCT_METRIC_UNCHANGED,	/* the file has these numbers already */
	ACCT_METRIC_REMOVED,	/* a file of a replaced range */
};

struct acct_metric_change {
	char *path;
	enum acct_metric_action action;
};

struct acct_metric_changes {
	struct acct_metric_change *items;	/* the files given, in order,
						 * then the removed ones */
	size_t n, alloc;
};
#define ACCT_METRIC_CHANGES_INIT { NULL, 0, 0 }

/**
 * Write `n` metric files (made with acct_metric_file_new()) and remove
 * what `replace` (`nreplace` ranges, may be NULL) says, all in ONE commit
 * with `subject` ("metric import: 30 days from direct.csv"), all or
 * nothing. Numbers equal to a file's (by value: 5.50 is 5.5) leave that
 * file as it is, so writing the same numbers again makes no commit.
 *
 * Checked first, nothing written on a refusal: ACCT_EUSAGE for a period
 * that is not a day, week or month, an unknown source, a currency that is
 * not three letters, a bad or derived metric name, a negative value, the
 * same file twice; ACCT_ENOTFOUND for a client without a card. With
 * ACCT_METRIC_MERGE a file that exists must load (ACCT_EDATA at its
 * place) and name the same currency, if it names one (ACCT_EUSAGE).
 *
 * `out` (may be NULL) receives what happened to each file. Returns 0
 * when a commit was made (or, with ACCT_METRIC_DRY_RUN, would be), 1
 * when nothing changed (no commit), or an error: the codes above, and
 * those of acct_txn_*() (ACCT_ELOCKED, ACCT_ESTATE for hand changes).
 * Release `out` with acct_metric_changes_release().
 */
int acct_metric_write(struct acct_metric_changes *out, struct acct_book *book,
		      struct acct_metric_file *const *files, size_t n,
		      const struct acct_metric_replace *replace,
		      size_t nreplace, unsigned flags, const char *subject,
		      struct acct_error *err);
void acct_metric_changes_release(struct acct_metric_changes *c);

#endif
