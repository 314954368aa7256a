/*
 * What lib/report.c and its report_*.c files share: small helpers that
 * build the report's JSON, and the state of one build. Private to lib/.
 */
#ifndef ACCT_REPORT_INT_H
#define ACCT_REPORT_INT_H

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/date.h"
#include "acct/format.h"
#include "acct/json.h"
#include "acct/report.h"

struct acct_book;
struct acct_client;
struct acct_error;
struct acct_kpi_list;

struct build {
	struct acct_book *book;
	const struct acct_report_opts *o;
	const char *locale;
	int bad;
	/* Name people: the agency's (@anna, an entry's author) and the NPS
	 * respondents. The portfolio is internal and always does; a
	 * client's report only with the config's reports.show_names. */
	int names;
};

/* A record that could not be read: remembered, and told to o->bad. */
void report_bad(struct build *b, const struct acct_error *err);

/*
 * NPS of one client (`slug`) or of every client (NULL) over the period
 * (lib/report_nps.c): counts, trend, answers and payout; adds charts.nps.
 */
json_t *report_nps_json(struct build *b, const char *slug, json_t *charts);

/*
 * The same of every client (report_nps_json(b, NULL, charts)) from
 * `facts`, loaded with ACCT_FACTS_ACTIVE for the agenda built from them:
 * what that agenda told (a card that does not load, an answer of an
 * active client named up to today) is not told again.
 */
struct acct_facts;
json_t *report_nps_portfolio_json(struct build *b,
				  const struct acct_facts *facts,
				  json_t *charts);

/*
 * The "results" of client `c` for the report's period (lib/report_results.c):
 * its KPIs `kl` measured, its metrics, the KPI status in words; with
 * `charts` and `tables`, a chart per measurable KPI ("kpi1" ...) and the
 * tables "results" and "metrics" (with neither, no "metrics": the
 * portfolio reads only the KPIs and their summary). Null for a period
 * that is no week, month, quarter or year, or when a metric file cannot
 * be read (told to report_bad()).
 */
json_t *report_results_json(struct build *b, const struct acct_client *c,
			    const struct acct_kpi_list *kl, json_t *charts,
			    json_t *tables);

/*
 * The fields of the report data for client `c` (lib/report_client.c):
 * its card, the log's entries, decisions and actions, contacts, NPS, the
 * brief, KPIs and Results. Returns 0, or an error listing the log.
 */
int report_client_data(json_t *root, struct build *b,
		       struct acct_client *c);

/* The portfolio's fields of the report data. */
int report_portfolio_data(json_t *root, struct build *b,
			  struct acct_error *fail);

static inline json_t *str(const char *s)
{
	json_t *v;

	if (!s)
		return json_null();
	/* jansson refuses text that is not UTF-8; the book's is checked. */
	v = json_string(s);
	return v ? v : json_string("\xef\xbf\xbd");
}

static inline json_t *day(const struct acct_date *d)
{
	char s[ACCT_DATE_STRLEN];

	acct_date_format(s, d);
	return json_string(s);
}

/* A date as the locale writes it: "23 Nov 2026", "23 ноября 2026". */
static inline json_t *day_text(const struct acct_date *d, const char *locale)
{
	struct acct_buf b = ACCT_BUF_INIT;
	json_t *v;

	acct_format_date(&b, d, locale);
	v = json_string(b.buf);
	acct_buf_release(&b);
	return v;
}

/* An amount with its currency as the locale writes it, or null. */
static inline json_t *amount_text(const char *digits, const char *currency,
				  const char *locale)
{
	struct acct_buf b = ACCT_BUF_INIT;
	json_t *v;

	if (!digits)
		return json_null();
	acct_format_amount(&b, digits, currency, locale);
	v = str(b.buf);
	acct_buf_release(&b);
	return v;
}

static inline void set(json_t *o, const char *key, json_t *v)
{
	json_object_set_new(o, key, v);
}

/*
 * A number as written ("150000", "99.50"): exact (acct/json.h), so the
 * template shows 99.50 and the JSON has 99.50; null for NULL.
 */
static inline json_t *number(const char *digits)
{
	return acct_json_decimal(digits);
}

static inline const char *word(const char *locale, const char *en, const char *ru)
{
	return strcmp(locale, "ru") ? en : ru;
}

/* --- charts and tables ------------------------------------------------- */


/* {"title", "unit", "points": [{"label", "value"}]}, value may be null. */
static inline json_t *chart(const char *title, const char *unit, int signed_scale)
{
	json_t *c = json_object();

	set(c, "title", json_string(title));
	set(c, "unit", json_string(unit));
	set(c, "signed", json_boolean(signed_scale));
	set(c, "points", json_array());
	return c;
}

static inline void chart_point(json_t *c, const char *label, json_t *value)
{
	json_t *p = json_object();

	set(p, "label", json_string(label));
	set(p, "value", value);
	json_array_append_new(json_object_get(c, "points"), p);
}

/* {"title", "columns": [...], "rows": [[...], ...]} */
static inline json_t *table(const char *title, const char *const *columns)
{
	json_t *t = json_object(), *cols = json_array();

	while (*columns)
		json_array_append_new(cols, json_string(*columns++));
	set(t, "title", json_string(title));
	set(t, "columns", cols);
	set(t, "rows", json_array());
	return t;
}

static inline void table_row(json_t *t, json_t *row)
{
	json_array_append_new(json_object_get(t, "rows"), row);
}

#endif
