#ifndef ACCT_KPI_H
#define ACCT_KPI_H

#include <stddef.h>

#include "acct/decimal.h"
#include "acct/metric.h"

struct acct_book;
struct acct_brief;
struct acct_client;
struct acct_error;

/*
 * KPIs (lib/kpi.c): the texts of a card's goals.kpi and of the brief's KPI
 * section, and those of them that can be measured against the metrics.
 * A measurable KPI reads
 *
 *	<metric> <op> <number> [unit] [/period]
 *
 * CPL <= 900 RUB, leads >= 200 /month, заявки >= 200 в месяц, ROAS >= 4,
 * CTR >= 1.5%, ДРР <= 15%: a metric (acct_metric_name(), any case, a
 * base, derived or recorded name), an operator (<=, >=, <, >, =, ≤, ≥),
 * a number (a decimal point or comma, space thousands), then optionally
 * "%" (the ratio compared as percent: ctr, cr, roas, drr), a currency
 * (RUB, ₽, руб., USD, $, EUR, € or any three letters: cpc, cpl, cac,
 * spend, revenue and other recorded names) and a period ("/month", "per
 * week", "a day", "monthly", "в месяц", "за квартал", "/мес", "в год" ...).
 * `*` and `` ` `` (Markdown emphasis) and a closing ".", ";" or "," are
 * ignored.
 */

enum acct_kpi_op {
	ACCT_KPI_LE,
	ACCT_KPI_GE,
	ACCT_KPI_LT,
	ACCT_KPI_GT,
	ACCT_KPI_EQ,
};

struct acct_kpi {
	char metric[ACCT_METRIC_NAMELEN + 1];	/* "cpl", "leads", "drr" */
	enum acct_kpi_op op;
	struct acct_dec target;		/* as written: 900, 1.5 (percent) */
	int percent;			/* "%": the ratio times 100 */
	char currency[4];		/* "RUB", or "" */
	int has_per;			/* a period was written */
	enum acct_metric_grain per;	/* and this is it */
};

/**
 * Parse a KPI's text. Returns 0, or ACCT_EUSAGE with the reason it is not
 * measurable in `err` ("no comparison: <=, >=, <, >, = ...", "'охват' is
 * not a metric acct knows", "a percent needs a ratio: ctr, cr, roas, drr").
 */
int acct_kpi_parse(struct acct_kpi *out, const char *text,
		   struct acct_error *err);

/** "<=", ">=", "<", ">" or "=". */
const char *acct_kpi_op_text(enum acct_kpi_op op);

/**
 * A KPI's text for comparing, newly allocated: case folded, without
 * spaces, `*`, `_`, `` ` `` and a closing ".", ";" or ",", with ≤ and ≥
 * as <= and >=, so that "CPI <= 80 RUB" on the card and "CPI ≤ 80 rub."
 * in the brief are one KPI. Free it with free().
 */
char *acct_kpi_key(const char *text);

/* --- a client's KPIs ---------------------------------------------------- */

enum acct_kpi_source {
	ACCT_KPI_CARD = 1 << 0,		/* the card's goals.kpi */
	ACCT_KPI_BRIEF = 1 << 1,	/* a line of the brief's KPI section */
};

struct acct_kpi_item {
	char *text;		/* the first spelling found */
	unsigned source;	/* where it was found first */
	unsigned sources;	/* everywhere it was found */
	unsigned order[2];	/* those sources, in the order they came */
	size_t norder;
	int measurable;
	struct acct_kpi kpi;	/* when measurable */
	char why[256];		/* when not: the reason */
};

struct acct_kpi_list {
	struct acct_kpi_item *items;
	size_t n, alloc;
};
#define ACCT_KPI_LIST_INIT { NULL, 0, 0 }

/** "card" or "brief". */
const char *acct_kpi_source_name(unsigned source);

/**
 * Add the KPI `text` found in `source` to `list`, or, when the list has
 * it already (acct_kpi_key()), add the source to that one: one item per
 * KPI. Empty texts are skipped. The text is parsed (acct_kpi_parse()).
 */
void acct_kpi_list_add(struct acct_kpi_list *list, const char *text,
		       unsigned source);

/**
 * Add the KPIs of client `card`: its goals.kpi, then the lines of the
 * brief's KPI section (acct_brief_lines()). A brief that does not load is
 * its error (the card's KPIs are in the list); none at all is fine.
 */
int acct_kpi_list_load(struct acct_kpi_list *list, struct acct_book *book,
		       const struct acct_client *card, struct acct_error *err);
void acct_kpi_list_release(struct acct_kpi_list *list);

/* --- measuring ---------------------------------------------------------- */

enum acct_kpi_status {
	ACCT_KPI_NO_DATA,	/* no number for the period (or no way to compare) */
	ACCT_KPI_MET,		/* a closed period: the target was met */
	ACCT_KPI_MISSED,	/* a closed period: it was not */
	ACCT_KPI_ON_TRACK,	/* a running period: met if it goes on so */
	ACCT_KPI_BEHIND,	/* a running period: missed so far */
	ACCT_KPI_NOT_MEASURABLE,	/* the text does not parse */
};

/** "no data", "met", "missed", "on track", "behind", "not measurable". */
const char *acct_kpi_status_text(enum acct_kpi_status s);

/*
 * A figure of a KPI: exact for a recorded metric (a sum), a double for a
 * derived ratio (in percent when the KPI is).
 */
struct acct_kpi_figure {
	int known;
	int exact;
	struct acct_dec dec;	/* exact */
	double x;		/* not exact */
};

struct acct_kpi_result {
	enum acct_kpi_status status;
	struct acct_kpi_figure target;		/* for the period: see below */
	struct acct_kpi_figure actual, previous;
	struct acct_kpi_figure change;		/* actual - previous */
	struct acct_kpi_figure projected;	/* a running period, a sum */
	char why[160];				/* for no data: the reason */
};

/**
 * Measure `k` for period `p` with its numbers `cur` and those of the
 * period before, `prev`, on `today`.
 *
 * The target of a recorded metric (a sum: leads, spend ...) written with
 * a period is scaled to `p`: "leads >= 200 /month" is 600 for a quarter,
 * by whole months when both are months, quarters or years, else by days
 * (a week of a 30-day month: 200 x 7 / 30). Without a period the target
 * is for whatever period is measured. A ratio's target is never scaled.
 *
 * A closed period (`today` after it) is met or missed; a running one is
 * on track or behind: a sum projected linearly over the days elapsed
 * (today counted), a ratio as it stands. No number, a division by zero,
 * a period not begun, or a currency other than the KPI's is no data,
 * with the reason in `why` ("no leads", "leads is 0", "2026-12 has not
 * begun", "the numbers are in USD").
 */
void acct_kpi_measure(struct acct_kpi_result *out, const struct acct_kpi *k,
		      const struct acct_metric_totals *cur,
		      const struct acct_metric_totals *prev,
		      const struct acct_metric_period *p,
		      const struct acct_date *today);

/**
 * Write `f`: an exact figure with its places, a ratio rounded
 * (acct_metric_round()); "" when not known. `buf` holds ACCT_DEC_STRLEN.
 */
char *acct_kpi_figure_format(char *buf, const struct acct_kpi_figure *f);

#endif
