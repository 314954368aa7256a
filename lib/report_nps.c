/*
 * The NPS of a report, one client's or the portfolio's: the period's
 * counts, score and CSAT, the trend by quarter (with its chart), and for
 * a client its answers (when names are shown) and the fee's payout. The
 * portfolio's comes from the facts of every client's answers (the cache,
 * lib/facts_cache.c), not from the answer files.
 */
#include "report_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/facts.h"
#include "acct/format.h"
#include "acct/nps.h"
#include "acct/banned.h"

/* A fee's period in the locale's words: month, месяц ... */
static const char *period_word(const char *period, const char *locale)
{
	static const char *const ru[][2] = {
		{ "month", "месяц" }, { "quarter", "квартал" },
		{ "year", "год" }, { "once", "разово" },
	};
	size_t i;

	if (!period || strcmp(locale, "ru"))
		return period;
	for (i = 0; i < sizeof(ru) / sizeof(*ru); i++)
		if (!strcmp(ru[i][0], period))
			return ru[i][1];
	return period;
}

/* "2026-Q4" as the locale writes it: "Q4 2026", "IV кв. 2026". */
static json_t *quarter_text(const char *label, const char *locale)
{
	struct acct_buf t = ACCT_BUF_INIT;
	int year, q;
	json_t *v;

	if (sscanf(label, "%4d-Q%1d", &year, &q) != 2)
		return json_string(label);
	acct_format_quarter(&t, year, q, locale);
	v = json_string(t.buf);
	acct_buf_release(&t);
	return v;
}

/* The period's counts, score and CSAT, and the trend with its chart. */
static void figures(json_t *o, json_t *charts, struct build *b,
		    const struct acct_nps_stats *s,
		    const struct acct_nps_quarter *trend, size_t ntrend)
{
	json_t *list, *c;
	char csat[16];
	size_t i;
	int nps;

	set(o, "responses", json_integer(s->responses));
	set(o, "promoters", json_integer(s->promoters));
	set(o, "passives", json_integer(s->passives));
	set(o, "detractors", json_integer(s->detractors));
	set(o, "nps", acct_nps_score(s, &nps) ? json_integer(nps)
					      : json_null());
	set(o, "csat", acct_nps_csat(s, csat, sizeof(csat)) ?
	    json_real(strtod(csat, NULL)) : json_null());
	/* As shown: two decimals, "4.00" ("4,00" in Russian). */
	if (s->csat_n) {
		struct acct_buf t = ACCT_BUF_INIT;

		acct_format_number(&t, csat, b->locale);
		set(o, "csat_text", json_string(t.buf));
		acct_buf_release(&t);
	} else {
		set(o, "csat_text", json_null());
	}
	list = json_array();
	c = chart(word(b->locale, "NPS by quarter", "NPS по кварталам"),
		  "NPS", 1);
	for (i = 0; i < ntrend; i++) {
		json_t *q = json_object(), *qt;
		int has = acct_nps_score(&trend[i].stats, &nps);

		qt = quarter_text(trend[i].label, b->locale);
		set(q, "quarter", json_string(trend[i].label));
		set(q, "quarter_text", json_incref(qt));
		set(q, "nps", has ? json_integer(nps) : json_null());
		set(q, "responses", json_integer(trend[i].stats.responses));
		json_array_append_new(list, q);
		chart_point(c, json_string_value(qt), has ? json_integer(nps)
							  : json_null());
		json_decref(qt);
	}
	set(o, "trend", list);
	set(charts, "nps", c);
}

json_t *report_nps_json(struct build *b, const char *slug, json_t *charts)
{
	struct acct_nps_summary sum;
	struct acct_error err = ACCT_ERROR_INIT;
	const struct acct_period *p = &b->o->period;
	json_t *o = json_object(), *list;
	size_t i;
	int rc;

	rc = acct_nps_summary(&sum, b->book, slug, p, b->o->bad, b->o->data,
			      &err);
	if (rc < 0) {
		report_bad(b, &err);
		set(o, "nps", json_null());
		return o;
	}
	if (rc)
		b->bad = 1;
	figures(o, charts, b, &sum.stats, sum.trend, sum.ntrend);
	list = json_array();
	if (slug && sum.n == 1) {
		const struct acct_nps_client *cl = &sum.clients[0];

		/* Who said what stays inside the agency unless asked. */
		for (i = 0; b->names && i < cl->nanswers; i++) {
			const struct acct_nps_answer *a = cl->answers[i];
			json_t *x;

			if (!acct_period_has(p, &a->date))
				continue;
			x = json_object();
			set(x, "day", day(&a->date));
			set(x, "day_text", day_text(&a->date, b->locale));
			set(x, "respondent", str(a->respondent));
			set(x, "role", str(a->role));
			set(x, "score", json_integer(a->score));
			set(x, "csat", a->csat ? json_integer(a->csat) : json_null());
			set(x, "comment", str(a->comment));
			set(x, "survey", str(a->survey));
			json_array_append_new(list, x);
		}
		if (cl->has_payout) {
			const struct acct_payout *pay = &cl->payout;
			const struct acct_money *fee = &cl->card->fee;
			json_t *f = json_object();

			set(f, "amount", number(fee->amount));
			set(f, "currency", str(fee->currency));
			set(f, "period", str(fee->period));
			set(f, "period_name", str(period_word(fee->period,
							      b->locale)));
			set(f, "floating", json_integer(pay->floating));
			set(f, "fixed_amount", number(pay->fixed));
			set(f, "floating_amount", number(pay->floating_amount));
			set(f, "band_min", pay->band_min >= -100 ?
			    json_integer(pay->band_min) : json_null());
			set(f, "pay", json_integer(pay->pay));
			set(f, "payout", number(pay->payout));
			set(f, "total", number(pay->total));
			set(f, "amount_text", amount_text(fee->amount,
							  fee->currency, b->locale));
			set(f, "fixed_amount_text", amount_text(pay->fixed,
					fee->currency, b->locale));
			set(f, "floating_amount_text", amount_text(
					pay->floating_amount, fee->currency,
					b->locale));
			set(f, "payout_text", amount_text(pay->payout,
					fee->currency, b->locale));
			set(f, "total_text", amount_text(pay->total,
					fee->currency, b->locale));
			set(o, "payout", f);
		}
	}
	if (!json_object_get(o, "payout"))
		set(o, "payout", json_null());
	set(o, "answers", list);
	acct_nps_summary_release(&sum);
	return o;
}

/* --- the portfolio's, from the facts ------------------------------------- */

/* An answer counted: what the figures need of it. */
struct counted {
	struct acct_date date;
	int score, csat;
};

struct tally {
	struct counted *v;
	size_t n, alloc;
};

static void tally_add(struct tally *t, const struct acct_date *date,
		      int score, int csat)
{
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 256;
		t->v = acct_realloc(t->v, t->alloc * sizeof(*t->v));
	}
	t->v[t->n].date = *date;
	t->v[t->n].score = score;
	t->v[t->n++].csat = csat;
}

/*
 * A client whose answers could not be listed: listed again, within the
 * summary's dates, from the files (its error, or its answers read). -1
 * when the listing fails, as it fails the summary.
 */
static int listed_again(struct build *b, struct tally *t, const char *slug,
			const struct acct_date *since, int told)
{
	struct acct_nps_list list = ACCT_NPS_LIST_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	size_t i;
	int rc;

	rc = acct_nps_list(&list, b->book, slug, since, &b->o->period.until,
			   &err);
	if (rc < 0) {
		if (told)
			b->bad = 1;
		else
			report_bad(b, &err);
		acct_error_clear(&err);
	}
	for (i = 0; rc >= 0 && i < list.n; i++) {
		struct acct_nps_answer *a = NULL;

		if (acct_nps_load(&a, b->book, slug, list.refs[i].path,
				  &err) < 0) {
			report_bad(b, &err);
			acct_error_clear(&err);
			continue;
		}
		tally_add(t, &a->date, a->score, a->csat);
		acct_nps_free(a);
	}
	acct_nps_list_release(&list);
	return rc < 0 ? -1 : 0;
}

json_t *report_nps_portfolio_json(struct build *b,
				  const struct acct_facts *facts,
				  json_t *charts)
{
	const struct acct_period *p = &b->o->period;
	const struct acct_date *today = &b->o->today;
	struct acct_nps_stats all = { 0 };
	struct acct_nps_quarter *trend;
	struct tally t = { NULL, 0, 0 };
	struct acct_date since;
	json_t *o = json_object();
	size_t i, j;
	int first, last;

	acct_nps_trend_bounds(&first, &last, p);
	acct_nps_summary_since(&since, p);
	for (i = 0; i < acct_facts_count(facts); i++) {
		const struct acct_client_facts *cf = acct_facts_at(facts, i);
		const struct acct_client *c = cf->card;
		int active;

		/* A card that does not load: the agenda told it. */
		if (!c || c->has_archived)
			continue;
		/* What the agenda reads, and tells when it does not load. */
		active = !strcmp(c->status, "active");
		if (cf->nps_bad) {
			if (listed_again(b, &t, cf->slug, &since, active) < 0) {
				free(t.v);
				set(o, "nps", json_null());
				return o;
			}
			continue;
		}
		for (j = 0; j < cf->nanswers; j++) {
			const struct acct_fact_answer *a = &cf->answers[j];
			struct acct_error err = ACCT_ERROR_INIT;
			struct acct_nps_answer *x = NULL;

			if (acct_date_cmp(&a->named, &since) < 0 ||
			    acct_date_cmp(&a->named, &p->until) > 0)
				continue;
			if (!a->bad) {
				tally_add(&t, &a->date, a->score, a->csat);
				continue;
			}
			if (active && acct_date_cmp(&a->named, today) <= 0) {
				b->bad = 1;
				continue;
			}
			/* Loaded again for its error. */
			if (acct_nps_load(&x, b->book, cf->slug, a->path,
					  &err) < 0)
				report_bad(b, &err);
			else
				tally_add(&t, &x->date, x->score, x->csat);
			acct_nps_free(x);
			acct_error_clear(&err);
		}
	}
	if (p->kind == ACCT_PERIOD_ALL) {
		first = INT_MAX;
		last = INT_MIN;
		for (i = 0; i < t.n; i++) {
			int q = acct_nps_quarter_of(&t.v[i].date);

			first = q < first ? q : first;
			last = q > last ? q : last;
		}
		if (first > last)	/* no answers at all: no trend */
			first = 1, last = 0;
	}
	trend = acct_nps_trend_new(first, last);
	for (i = 0; i < t.n; i++) {
		int q = acct_nps_quarter_of(&t.v[i].date) - first;

		if (q >= 0 && q <= last - first)
			acct_nps_stats_add(&trend[q].stats, t.v[i].score,
					   t.v[i].csat);
		if (acct_period_has(p, &t.v[i].date))
			acct_nps_stats_add(&all, t.v[i].score, t.v[i].csat);
	}
	figures(o, charts, b, &all, trend, (size_t)(last - first + 1));
	set(o, "payout", json_null());
	set(o, "answers", json_array());
	free(trend);
	free(t.v);
	return o;
}
