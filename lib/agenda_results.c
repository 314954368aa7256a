/*
 * The agenda's results: a KPI missed when a month or quarter closes,
 * metrics missing by the report day, and a client at risk by its health
 * score now and a month ago (lib/agenda.c builds the rest).
 */
#include "acct/agenda.h"
#include "agenda_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "acct/book.h"
#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/config.h"
#include "acct/entered.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/facts.h"
#include "acct/health.h"
#include "acct/kpi.h"
#include "acct/metric.h"
#include "acct/nps.h"
#include "acct/person.h"
#include "acct/occasion.h"
#include "acct/past.h"
#include "acct/tz.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/* --- results: last month's numbers against the KPIs ----------------------- */

/* The first `report_day` on or after `from`. */
static void report_day_from(struct acct_date *out, const struct acct_date *from,
			    int report_day)
{
	agenda_add_days(out, from, (report_day - acct_date_weekday(from) + 7) % 7);
}

/* A KPI's figure with its percent sign: "1020.5", "1.2%". */
static char *figure(const struct acct_kpi_figure *x, int percent)
{
	char buf[ACCT_DEC_STRLEN];

	return agenda_fmt("%s%s", acct_kpi_figure_format(buf, x), percent ? "%" : "");
}

/*
 * The KPIs of `list` missed in the closed period `p`: one item each,
 * dated the day it closed (`closed`, the day after it).
 */
static void missed_items(struct build *b, const struct acct_client *c,
			 const struct acct_kpi_list *list,
			 const struct acct_metric_totals *t,
			 const struct acct_metric_period *p,
			 const struct acct_date *closed, int quarter)
{
	const struct acct_date *today = &b->o->today;
	struct acct_metric_totals none = ACCT_METRIC_TOTALS_INIT;
	size_t i;

	for (i = 0; i < list->n; i++) {
		const struct acct_kpi_item *k = &list->items[i];
		struct acct_agenda_item *it;
		struct acct_kpi_result r;

		if (!k->measurable)
			continue;
		acct_kpi_measure(&r, &k->kpi, t, &none, p, today);
		if (r.status != ACCT_KPI_MISSED)
			continue;
		it = agenda_add(b, ACCT_DUE_KPI, c);
		agenda_set_due(it, closed, today);
		it->kpi = acct_strdup(k->text);
		it->actual = figure(&r.actual, k->kpi.percent);
		it->target = figure(&r.target, k->kpi.percent);
		agenda_detail(it, "%s: %s in %s (target %s)", k->text,
			      it->actual, p->label, it->target);
		it->ref = acct_strdup(p->label);
		it->command = quarter ?
			agenda_command("log", c->slug, "--channel meeting --kind review") :
			agenda_command("log", c->slug, "--kind report");
	}
}

/*
 * Last month's numbers against the client's measurable KPIs: "metrics
 * missing" when it has none by the first report day of this month (the
 * monthly report needs them); else "KPI missed" for each KPI the month
 * missed, and at a quarter's end for each the quarter missed, until an
 * entry that reports on it is logged (a report for the month, a review
 * for the quarter).
 */
void agenda_result_items(struct build *b, const struct acct_client *c,
			 struct facts *f)
{
	const struct acct_date *today = &b->o->today;
	struct acct_kpi_list list = ACCT_KPI_LIST_INIT;
	struct acct_metric_totals month = ACCT_METRIC_TOTALS_INIT;
	struct acct_metric_totals quarter = ACCT_METRIC_TOTALS_INIT;
	struct acct_metric_period now, last, q;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_agenda_item *it;
	struct acct_date due;
	size_t i, measurable = 0;

	if (acct_facts_kpi_list(&list, b->book, f->cf, &err) < 0)
		agenda_report_bad(b, &err);	/* the card's KPIs are in the list */
	for (i = 0; i < list.n; i++)
		measurable += list.items[i].measurable;
	if (!measurable) {
		acct_health_gather_kpis(&f->health, &list, NULL, 0);
		goto out;
	}
	acct_metric_period_of(&now, ACCT_METRIC_MONTH, today);
	acct_metric_period_prev(&last, &now);
	if (acct_metric_totals(&month, b->book, c->slug, &last, &err) < 0) {
		acct_health_gather_kpis(&f->health, &list, NULL, 1);
		agenda_report_bad(b, &err);
		goto out;
	}
	acct_health_gather_kpis(&f->health, &list, &month, 0);
	if (!month.nfiles) {
		report_day_from(&due, &now.since, b->book->config.report_day);
		if (acct_date_cmp(&due, today) > 0)
			goto out;
		it = agenda_add(b, ACCT_DUE_METRICS, c);
		agenda_set_due(it, &due, today);
		agenda_detail(it, "no numbers for %s, which the monthly report "
			      "needs", last.label);
		it->ref = acct_strdup(last.label);
		it->command = agenda_fmt("acct metric %s NAME=VALUE --period %s",
				  c->slug, last.label);
		goto out;
	}
	if (!(f->has_report && acct_date_cmp(&f->report, &now.since) >= 0))
		missed_items(b, c, &list, &month, &last, &now.since, 0);
	if (last.until.month % 3 ||
	    (f->has_review && acct_date_cmp(&f->review, &now.since) >= 0))
		goto out;
	acct_metric_period_of(&q, ACCT_METRIC_QUARTER, &last.since);
	if (acct_metric_totals(&quarter, b->book, c->slug, &q, &err) < 0) {
		agenda_report_bad(b, &err);
		goto out;
	}
	missed_items(b, c, &list, &quarter, &q, &now.since, 1);
out:
	acct_metric_totals_release(&month);
	acct_metric_totals_release(&quarter);
	acct_kpi_list_release(&list);
}

/* --- at risk: the health score ----------------------------------------- */

/* The scores a month ago, opened the first time one is needed. */
static struct acct_past *past_of(struct build *b)
{
	struct acct_error err = ACCT_ERROR_INIT;
	int rc;

	if (!b->past_tried) {
		b->past_tried = 1;
		acct_health_month_before(&b->past_day, &b->o->today);
		rc = acct_past_open(&b->past, b->book, &b->past_day, b->facts,
				    &err);
		/* A book younger than a month has no score to fall from. */
		if (rc < 0 && rc != ACCT_ENOTFOUND)
			agenda_report_bad(b, &err);
	}
	return b->past;
}

/* The score a month ago, from the book as it stood then; 0: none. */
static int score_then(int *was, struct build *b, const char *slug,
		      const struct acct_client_facts *cf)
{
	return past_of(b) && acct_past_score(was, b->past, slug, cf);
}

/* The health score now and its points (not the notes), worked out once. */
static void score_now(struct facts *f, const struct acct_health_config *cfg)
{
	struct acct_health h = ACCT_HEALTH_INIT;
	size_t k;

	if (f->scored)
		return;
	acct_health_points(&h, &f->health.facts, cfg);
	f->scored = 1;
	f->has_score = h.has_score;
	f->score = h.score;
	for (k = 0; k < ACCT_HEALTH_NFACTORS; k++) {
		f->factor[k].has = h.factors[k].has;
		f->factor[k].weight = h.factors[k].weight;
		f->factor[k].points = h.factors[k].points;
	}
	acct_health_release(&h);
}

void agenda_risk_prefetch(struct build *b, const struct acct_client *const *cards,
			  struct facts *facts, size_t n)
{
	const struct acct_health_config *cfg = &b->book->config.health;
	const struct acct_client_facts **now;
	const char **slugs;
	size_t i, k = 0;

	slugs = acct_calloc(n + 1, sizeof(*slugs));
	now = acct_calloc(n + 1, sizeof(*now));
	for (i = 0; i < n; i++) {
		if (!cards[i])
			continue;
		/* As agenda_risk_item() asks: a score not below the line. */
		score_now(&facts[i], cfg);
		if (!facts[i].has_score ||
		    (acct_health_risk(cfg, facts[i].score, 0, 0) &
		     ACCT_HEALTH_LOW) ||
		    !past_of(b) || acct_past_known(b->past, cards[i]->slug))
			continue;
		slugs[k] = cards[i]->slug;
		now[k++] = facts[i].cf;
	}
	if (b->past && k)
		acct_past_prefetch(b->past, slugs, now, k);
	free(slugs);
	free(now);
}

/*
 * "at risk": the score is below health.at_risk, or fell by more than
 * health.drop points since a month ago. The score is made of the records
 * the other items read (any bad one named there); the one a month ago is
 * read from the history.
 */
void agenda_risk_item(struct build *b, const struct acct_client *c,
		      struct facts *f)
{
	const struct acct_health_config *cfg = &b->book->config.health;
	struct acct_agenda *a = b->a;
	struct acct_agenda_item *it;
	struct acct_buf d = ACCT_BUF_INIT, t = ACCT_BUF_INIT;
	char on[ACCT_DATE_STRLEN];
	int low, fell = 0, was = 0, has_was = 0;
	size_t k, lowest[2] = { ACCT_HEALTH_NFACTORS, ACCT_HEALTH_NFACTORS };

	score_now(f, cfg);
	a->scores = acct_realloc(a->scores, (a->nscores + 1) *
				 sizeof(*a->scores));
	a->scores[a->nscores].slug = acct_strdup(c->slug);
	a->scores[a->nscores].has_score = f->has_score;
	a->scores[a->nscores++].score = f->score;
	if (!f->has_score)
		goto out;
	low = acct_health_risk(cfg, f->score, 0, 0) & ACCT_HEALTH_LOW;
	/* Below the line already: the history is not read for it. */
	if (!low && (has_was = score_then(&was, b, c->slug, f->cf)))
		fell = acct_health_risk(cfg, f->score, has_was, was) &
		       ACCT_HEALTH_FELL;
	if (!low && !fell)
		goto out;
	acct_buf_addf(&d, "health %d", f->score);
	acct_buf_addf(&t, _("health %d"), f->score);
	if (low) {
		acct_buf_addf(&d, ", below %d", cfg->at_risk);
		acct_buf_addf(&t, _(", below %d"), cfg->at_risk);
	}
	if (fell) {
		acct_date_format(on, &b->past_day);
		acct_buf_addf(&d, ", down %d from %d on %s", was - f->score, was,
			      on);
		acct_buf_addf(&t, _(", down %d from %d on %s"), was - f->score,
			      was, on);
	}
	/* The two weakest factors that count, below half marks. */
	for (k = 0; k < ACCT_HEALTH_NFACTORS; k++) {
		int points = f->factor[k].points;

		if (!f->factor[k].has || f->factor[k].weight <= 0 ||
		    points >= 50)
			continue;
		if (lowest[0] == ACCT_HEALTH_NFACTORS ||
		    points < f->factor[lowest[0]].points) {
			lowest[1] = lowest[0];
			lowest[0] = k;
		} else if (lowest[1] == ACCT_HEALTH_NFACTORS ||
			   points < f->factor[lowest[1]].points) {
			lowest[1] = k;
		}
	}
	for (k = 0; k < 2 && lowest[k] < ACCT_HEALTH_NFACTORS; k++) {
		acct_buf_addf(&d, "%s%s %d", k ? ", " : "; weakest: ",
			      acct_health_names[lowest[k]],
			      f->factor[lowest[k]].points);
		acct_buf_addf(&t, "%s%s %d", k ? ", " : _("; weakest: "),
			      acct_health_names[lowest[k]],
			      f->factor[lowest[k]].points);
	}
	it = agenda_add(b, ACCT_DUE_RISK, c);
	it->detail = acct_buf_detach(&d, NULL);
	it->detail_text = acct_buf_detach(&t, NULL);
	it->score = f->score;
	it->has_was = fell;
	it->was = was;
	it->was_on = b->past_day;
	it->command = agenda_command("health", c->slug, "--explain");
out:
	acct_buf_release(&d);
	acct_buf_release(&t);
}
