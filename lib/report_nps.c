/*
 * The NPS of a report, one client's or the portfolio's: the period's
 * counts, score and CSAT, the trend by quarter (with its chart), and for
 * a client its answers (when names are shown) and the fee's payout.
 */
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
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

json_t *report_nps_json(struct build *b, const char *slug, json_t *charts)
{
	struct acct_nps_summary sum;
	struct acct_error err = ACCT_ERROR_INIT;
	const struct acct_period *p = &b->o->period;
	json_t *o = json_object(), *list, *c;
	char csat[16];
	size_t i;
	int nps, rc;

	rc = acct_nps_summary(&sum, b->book, slug, p, b->o->bad, b->o->data,
			      &err);
	if (rc < 0) {
		report_bad(b, &err);
		set(o, "nps", json_null());
		return o;
	}
	if (rc)
		b->bad = 1;
	{
		const struct acct_nps_stats *s = &sum.stats;

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
	}
	list = json_array();
	c = chart(word(b->locale, "NPS by quarter", "NPS по кварталам"),
		  "NPS", 1);
	for (i = 0; i < sum.ntrend; i++) {
		json_t *q = json_object(), *qt;
		int has = acct_nps_score(&sum.trend[i].stats, &nps);

		qt = quarter_text(sum.trend[i].label, b->locale);
		set(q, "quarter", json_string(sum.trend[i].label));
		set(q, "quarter_text", json_incref(qt));
		set(q, "nps", has ? json_integer(nps) : json_null());
		set(q, "responses", json_integer(sum.trend[i].stats.responses));
		json_array_append_new(list, q);
		chart_point(c, json_string_value(qt), has ? json_integer(nps)
							  : json_null());
		json_decref(qt);
	}
	set(o, "trend", list);
	set(charts, "nps", c);
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
