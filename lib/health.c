/*
 * A client's health: a score 0-100 from factors anyone can check (see
 * acct/health.h for the formula). The facts are gathered from the book
 * (the work tree, or a past commit's tree for the score a month ago), then
 * scored by acct_health_score(), which reads nothing else, so that the
 * unit tests can feed it facts by hand.
 */
#include "acct/health.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/facts.h"
#include "acct/kpi.h"
#include "acct/metric.h"
#include "acct/nps.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/* How far back the factors look. */
#define CADENCE_DAYS 90		/* cadence kept: the last 90 days */
#define NPS_DAYS 180		/* NPS: the last 180 days, and those before */
#define ACTION_POINTS 25	/* lost per overdue action item */

const char *acct_health_factor_unit(enum acct_health_kind k)
{
	switch (k) {
	case ACCT_HEALTH_RECENCY:
		return "days";
	case ACCT_HEALTH_NPS:
		return "NPS";
	case ACCT_HEALTH_NPS_TREND:
		return "points";
	case ACCT_HEALTH_ACTIONS:
		return "items";
	default:
		return "%";
	}
}

/* --- the formula ----------------------------------------------------------- */

static int day_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static int64_t days_of(const struct acct_date *d)
{
	return acct_date_to_days(d);
}

static void add_days(struct acct_date *out, const struct acct_date *d,
		     int64_t n)
{
	acct_date_from_days(out, days_of(d) + n);
}

/* a / b as a whole percent, rounded half up; b > 0. */
static int percent(size_t a, size_t b)
{
	return (int)((200 * a + b) / (2 * b));
}

static void duration_text(char *out, size_t size, const struct acct_duration *d)
{
	static const char *const units[] = { "d", "w", "m", "wd" };

	snprintf(out, size, "%d%s", d->n, units[d->unit]);
}

/*
 * The note twice from one format and its arguments: English for --json,
 * and translated for people (`text`, the format in the messages'
 * language: _() or Q_() of `fmt`).
 */
static void notes(struct acct_health_factor *x, const char *fmt,
		  const char *text, va_list ap)
{
	va_list ap2;

	va_copy(ap2, ap);
	vsnprintf(x->note, sizeof(x->note), fmt, ap);
	vsnprintf(x->note_text, sizeof(x->note_text), text, ap2);
	va_end(ap2);
}

static void leave_out(struct acct_health_factor *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void leave_out(struct acct_health_factor *x, const char *fmt, ...)
{
	va_list ap;

	x->has = 0;
	x->value = x->points = 0;
	va_start(ap, fmt);
	if (!x->quiet)
		notes(x, fmt, _(fmt), ap);
	va_end(ap);
}

static void note_set(struct acct_health_factor *x, int value, int points,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void note_set(struct acct_health_factor *x, int value, int points,
		     const char *fmt, ...)
{
	va_list ap;

	x->has = 1;
	x->value = value;
	x->points = points < 0 ? 0 : points > 100 ? 100 : points;
	va_start(ap, fmt);
	if (!x->quiet)
		notes(x, fmt, _(fmt), ap);
	va_end(ap);
}

/* note_set() with a count `n`: `one` or `many` as English chooses. */
static void note_set_n(struct acct_health_factor *x, int value, int points,
		       unsigned long n, const char *one, const char *many, ...)
	__attribute__((format(printf, 5, 7)));

static void note_set_n(struct acct_health_factor *x, int value, int points,
		       unsigned long n, const char *one, const char *many, ...)
{
	va_list ap;

	x->has = 1;
	x->value = value;
	x->points = points < 0 ? 0 : points > 100 ? 100 : points;
	va_start(ap, many);
	if (!x->quiet)
		notes(x, n == 1 ? one : many, Q_(one, many, n), ap);
	va_end(ap);
}

/* The newest and the oldest contact up to today; 0 when there is none. */
static int contact_range(struct acct_date *newest, struct acct_date *oldest,
			 const struct acct_health_facts *f)
{
	size_t i;
	int any = 0;

	for (i = 0; i < f->ncontacts; i++) {
		const struct acct_date *d = &f->contacts[i];

		if (acct_date_cmp(d, &f->today) > 0)
			continue;
		if (!any || acct_date_cmp(d, newest) > 0)
			*newest = *d;
		if (!any || acct_date_cmp(d, oldest) < 0)
			*oldest = *d;
		any = 1;
	}
	return any;
}

/*
 * Recency: 100 until the cadence after the last contact has passed, then
 * down in a straight line to 0 when one more cadence has.
 */
static void recency(struct acct_health_factor *x,
		    const struct acct_health_facts *f,
		    const struct acct_date *last)
{
	struct acct_date due, late;
	char when[ACCT_DATE_STRLEN], on[ACCT_DATE_STRLEN], cad[16];
	int64_t ago = days_of(&f->today) - days_of(last), span, left;
	int points;

	acct_date_add(&due, last, &f->cadence, f->holidays, f->nholidays);
	acct_date_add(&late, &due, &f->cadence, f->holidays, f->nholidays);
	span = days_of(&late) - days_of(&due);
	left = days_of(&late) - days_of(&f->today);
	if (acct_date_cmp(&f->today, &due) <= 0)
		points = 100;
	else if (left <= 0 || span <= 0)
		points = 0;
	else
		points = (int)((200 * left + span) / (2 * span));
	acct_date_format(when, last);
	acct_date_format(on, &due);
	duration_text(cad, sizeof(cad), &f->cadence);
	note_set_n(x, (int)ago, points, (unsigned long)ago,
		   "last contact %s, %lld day ago; cadence %s: next due %s",
		   "last contact %s, %lld days ago; cadence %s: next due %s",
		   when, (long long)ago, cad, on);
}

/*
 * Cadence kept: the windows of one cadence each from the start (the later
 * of 89 days ago, the card's since and the first contact) that had a
 * contact. A window still running counts once it has one.
 */
static void cadence_kept(struct acct_health_factor *x,
			 const struct acct_health_facts *f,
			 const struct acct_date *first)
{
	struct acct_date start, w, next, tomorrow;
	char from[ACCT_DATE_STRLEN], cad[16];
	size_t kept = 0, total = 0, i, n = 0, j = 0;
	int64_t *days, from_day, to_day;

	add_days(&start, &f->today, -(CADENCE_DAYS - 1));
	if (f->has_since && acct_date_cmp(&f->since, &start) > 0)
		start = f->since;
	if (acct_date_cmp(first, &start) > 0)
		start = *first;
	add_days(&tomorrow, &f->today, 1);
	/*
	 * The days of the contacts from the start to today, in order: the
	 * windows follow one another, so one pass over them finds whether
	 * each window had one (a book's client has hundreds of contacts).
	 */
	from_day = days_of(&start);
	to_day = days_of(&f->today);
	days = acct_calloc(f->ncontacts + 1, sizeof(*days));
	for (i = 0; i < f->ncontacts; i++) {
		int64_t d = days_of(&f->contacts[i]);

		if (d >= from_day && d <= to_day)
			days[n++] = d;
	}
	if (n > 1)
		qsort(days, n, sizeof(*days), day_cmp);
	from[0] = cad[0] = '\0';
	if (!x->quiet) {
		duration_text(cad, sizeof(cad), &f->cadence);
		acct_date_format(from, &start);
	}
	for (w = start; acct_date_cmp(&w, &f->today) <= 0; w = next) {
		int64_t lo, hi;
		int has;

		acct_date_add(&next, &w, &f->cadence, f->holidays,
			      f->nholidays);
		if (acct_date_cmp(&next, &w) <= 0)
			break;		/* past year 9999 */
		lo = days_of(&w);
		hi = days_of(&next);
		while (j < n && days[j] < lo)
			j++;
		has = j < n && days[j] < hi;
		if (has || acct_date_cmp(&next, &tomorrow) <= 0) {
			total++;
			kept += has;
		}
	}
	free(days);
	if (!total) {
		leave_out(x, "less than one cadence (%s) since %s", cad, from);
		return;
	}
	note_set(x, percent(kept, total), percent(kept, total), "%zu of %zu "
		 "windows of %s since %s had a contact", kept, total, cad, from);
}

/* NPS of the answers dated from `since` to `until`; 0 when none. */
static int nps_of(int *nps, size_t *n, const struct acct_health_facts *f,
		  const struct acct_date *since, const struct acct_date *until)
{
	struct acct_nps_stats s = { 0 };
	size_t i;

	for (i = 0; i < f->nanswers; i++)
		if (acct_date_cmp(&f->answers[i].date, since) >= 0 &&
		    acct_date_cmp(&f->answers[i].date, until) <= 0)
			acct_nps_stats_add(&s, f->answers[i].score, 0);
	*n = (size_t)s.responses;
	return acct_nps_score(&s, nps);
}

static void nps_factors(struct acct_health_factor *level,
			struct acct_health_factor *trend,
			const struct acct_health_facts *f)
{
	struct acct_date since, before, until_before;
	char from[ACCT_DATE_STRLEN], from_before[ACCT_DATE_STRLEN];
	size_t n, n_before;
	int nps, nps_before, change;

	add_days(&since, &f->today, -(NPS_DAYS - 1));
	add_days(&until_before, &since, -1);
	add_days(&before, &since, -NPS_DAYS);
	acct_date_format(from, &since);
	acct_date_format(from_before, &before);
	if (!nps_of(&nps, &n, f, &since, &f->today)) {
		leave_out(level, "no NPS answer since %s", from);
		leave_out(trend, "no NPS answer since %s", from);
		return;
	}
	/* (NPS + 100) / 2, half up: NPS + 100 is never below 0. */
	note_set_n(level, nps, (nps + 101) / 2, n,
		   "NPS %d from %zu answer since %s",
		   "NPS %d from %zu answers since %s", nps, n, from);
	if (!nps_of(&nps_before, &n_before, f, &before, &until_before)) {
		leave_out(trend, "no NPS answer from %s to %s to compare with",
			  from_before, from);
		return;
	}
	change = nps - nps_before;
	note_set(trend, change, change >= 0 ? 100 : 100 + 2 * change,
		 "NPS %d since %s, %d in the %d days before: %+d", nps, from,
		 nps_before, NPS_DAYS, change);
}

static void actions(struct acct_health_factor *x,
		    const struct acct_health_facts *f)
{
	if (!f->actions) {
		leave_out(x, "no action item with a due date");
		return;
	}
	note_set_n(x, (int)f->overdue, 100 - ACTION_POINTS *
		   (int)(f->overdue > 4 ? 4 : f->overdue), f->open,
		   "%zu of %zu open action item with a due date overdue",
		   "%zu of %zu open action items with a due date overdue",
		   f->overdue, f->open);
}

static void kpis(struct acct_health_factor *x,
		 const struct acct_health_facts *f)
{
	size_t known = f->kpi_met + f->kpi_missed;

	if (!f->kpis) {
		leave_out(x, "no measurable KPI");
		return;
	}
	if (f->kpi_bad) {
		leave_out(x, "the numbers of %s cannot be read", f->kpi_period);
		return;
	}
	if (!known) {
		leave_out(x, "no numbers for the KPIs in %s", f->kpi_period);
		return;
	}
	if (known < f->kpis)
		note_set(x, percent(f->kpi_met, known),
			 percent(f->kpi_met, known),
			 "%zu of %zu KPIs met in %s (%zu without numbers)",
			 f->kpi_met, known, f->kpi_period, f->kpis - known);
	else
		note_set_n(x, percent(f->kpi_met, known),
			   percent(f->kpi_met, known), known,
			   "%zu of %zu KPI met in %s", "%zu of %zu KPIs met in %s",
			   f->kpi_met, known, f->kpi_period);
}

static void brief(struct acct_health_factor *x,
		  const struct acct_health_facts *f)
{
	struct acct_buf note = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	size_t done, i;

	if (f->brief_bad) {
		leave_out(x, "the brief cannot be read");
		return;
	}
	if (!f->has_brief || !f->sections) {
		leave_out(x, "no brief yet");
		return;
	}
	done = f->nmissing + f->nempty > f->sections ? 0 :
	       f->sections - f->nmissing - f->nempty;
	if (x->quiet) {
		note_set(x, percent(done, f->sections),
			 percent(done, f->sections), "%s", "");
		return;
	}
	acct_buf_addf(&note, "%zu of %zu sections written", done, f->sections);
	acct_buf_addf(&text, _("%zu of %zu sections written"), done,
		      f->sections);
	for (i = 0; i < f->nmissing; i++) {
		acct_buf_addf(&note, "%s%s", i ? ", " : "; missing: ",
			      f->missing[i]);
		acct_buf_addf(&text, "%s%s", i ? ", " : _("; missing: "),
			      f->missing[i]);
	}
	for (i = 0; i < f->nempty; i++) {
		acct_buf_addf(&note, "%s%s", i ? ", " : "; empty: ",
			      f->empty[i]);
		acct_buf_addf(&text, "%s%s", i ? ", " : _("; empty: "),
			      f->empty[i]);
	}
	note_set(x, percent(done, f->sections), percent(done, f->sections),
		 "%s", note.buf);
	snprintf(x->note_text, sizeof(x->note_text), "%s", text.buf);
	acct_buf_release(&note);
	acct_buf_release(&text);
}

static void score(struct acct_health *out, const struct acct_health_facts *f,
		  const struct acct_health_config *cfg, int quiet)
{
	struct acct_health_factor *x = out->factors;
	struct acct_date newest, oldest;
	long sum = 0, weights = 0;
	size_t k;

	memset(out->factors, 0, sizeof(out->factors));
	for (k = 0; k < ACCT_HEALTH_NFACTORS; k++)
		x[k].quiet = quiet;
	if (contact_range(&newest, &oldest, f)) {
		recency(&x[ACCT_HEALTH_RECENCY], f, &newest);
		cadence_kept(&x[ACCT_HEALTH_CADENCE], f, &oldest);
	} else {
		leave_out(&x[ACCT_HEALTH_RECENCY], "no contact in the log yet");
		leave_out(&x[ACCT_HEALTH_CADENCE], "no contact in the log yet");
	}
	nps_factors(&x[ACCT_HEALTH_NPS], &x[ACCT_HEALTH_NPS_TREND], f);
	actions(&x[ACCT_HEALTH_ACTIONS], f);
	kpis(&x[ACCT_HEALTH_KPI], f);
	brief(&x[ACCT_HEALTH_BRIEF], f);
	for (k = 0; k < ACCT_HEALTH_NFACTORS; k++) {
		x[k].weight = cfg->weights[k];
		if (!x[k].has || x[k].weight <= 0)
			continue;
		sum += (long)x[k].weight * x[k].points;
		weights += x[k].weight;
	}
	out->has_score = weights > 0;
	/* Half up: every term is at least 0. */
	out->score = weights ? (int)((2 * sum + weights) / (2 * weights)) : 0;
	for (k = 0; k < ACCT_HEALTH_NFACTORS; k++)
		x[k].quiet = 0;
}

void acct_health_score(struct acct_health *out,
		       const struct acct_health_facts *f,
		       const struct acct_health_config *cfg)
{
	score(out, f, cfg, 0);
}

void acct_health_points(struct acct_health *out,
			const struct acct_health_facts *f,
			const struct acct_health_config *cfg)
{
	score(out, f, cfg, 1);
}

/* --- gathering the facts ---------------------------------------------------- */

void acct_health_gather_init(struct acct_health_gather *g,
			     const struct acct_config *cfg,
			     const struct acct_client *card,
			     const struct acct_date *today)
{
	struct acct_health_facts *f = &g->facts;

	memset(g, 0, sizeof(*g));
	f->today = *today;
	f->cadence = cfg->cadence.contact;
	/* The card was checked when it was read: this parses. */
	if (card->cadence.contact)
		acct_duration_parse(&f->cadence, card->cadence.contact, NULL);
	f->holidays = cfg->holidays;
	f->nholidays = cfg->nholidays;
	f->has_since = card->has_since;
	f->since = card->since;
	for (f->sections = 0; acct_brief_keys[f->sections]; f->sections++)
		;
}

void acct_health_gather_entry(struct acct_health_gather *g,
			      const struct acct_entry *e,
			      const struct acct_date *day)
{
	struct acct_health_facts *f = &g->facts;
	size_t j;

	if (acct_date_cmp(day, &f->today) > 0)
		return;
	if (strcmp(e->kind, "note")) {
		if (f->ncontacts == g->acontacts) {
			g->acontacts = g->acontacts ? 2 * g->acontacts : 64;
			g->contacts = acct_realloc(g->contacts, g->acontacts *
						   sizeof(*g->contacts));
			f->contacts = g->contacts;
		}
		g->contacts[f->ncontacts++] = *day;
	}
	for (j = 0; j < e->nactions; j++) {
		const struct acct_action *a = &e->actions[j];

		if (!a->has_due)
			continue;
		f->actions++;
		if (a->done)
			continue;
		f->open++;
		if (acct_date_cmp(&a->due, &f->today) < 0)
			f->overdue++;
	}
}

void acct_health_gather_fact(struct acct_health_gather *g,
			     const struct acct_fact_entry *e)
{
	struct acct_health_facts *f = &g->facts;
	size_t j;

	if (acct_date_cmp(&e->day, &f->today) > 0)
		return;
	if (strcmp(e->kind, "note")) {
		if (f->ncontacts == g->acontacts) {
			g->acontacts = g->acontacts ? 2 * g->acontacts : 64;
			g->contacts = acct_realloc(g->contacts, g->acontacts *
						   sizeof(*g->contacts));
			f->contacts = g->contacts;
		}
		g->contacts[f->ncontacts++] = e->day;
	}
	f->actions += e->ndue;
	f->open += e->nopen;
	for (j = 0; j < e->nopen; j++)
		if (acct_date_cmp(&e->open[j].due, &f->today) < 0)
			f->overdue++;
}

void acct_health_gather_answer(struct acct_health_gather *g,
			       const struct acct_date *date, int score)
{
	struct acct_health_facts *f = &g->facts;
	struct acct_date since;

	/* Only the two windows of the NPS factors count. */
	add_days(&since, &f->today, -(2 * NPS_DAYS - 1));
	if (acct_date_cmp(date, &since) < 0 ||
	    acct_date_cmp(date, &f->today) > 0)
		return;
	if (f->nanswers == g->aanswers) {
		g->aanswers = g->aanswers ? 2 * g->aanswers : 16;
		g->answers = acct_realloc(g->answers, g->aanswers *
					  sizeof(*g->answers));
		f->answers = g->answers;
	}
	g->answers[f->nanswers].date = *date;
	g->answers[f->nanswers++].score = score;
}

/* The keys are acct_brief_keys' own: they outlive any brief. */
static void gather_findings(struct acct_health_gather *g,
			    const char *const *missing, size_t nmissing,
			    const char *const *empty, size_t nempty)
{
	struct acct_health_facts *f = &g->facts;

	free(g->missing);
	free(g->empty);
	g->missing = acct_calloc(nmissing + 1, sizeof(*g->missing));
	g->empty = acct_calloc(nempty + 1, sizeof(*g->empty));
	if (nmissing)
		memcpy(g->missing, missing, nmissing * sizeof(*g->missing));
	if (nempty)
		memcpy(g->empty, empty, nempty * sizeof(*g->empty));
	f->missing = g->missing;
	f->nmissing = nmissing;
	f->empty = g->empty;
	f->nempty = nempty;
}

void acct_health_gather_brief(struct acct_health_gather *g,
			      const struct acct_brief *b, int bad)
{
	struct acct_health_facts *f = &g->facts;
	struct acct_brief_findings found = ACCT_BRIEF_FINDINGS_INIT;

	f->brief_bad = bad;
	f->has_brief = !bad && b;
	if (!f->has_brief)
		return;
	acct_brief_find(&found, b);
	gather_findings(g, found.missing, found.nmissing, found.empty,
			found.nempty);
	acct_brief_findings_release(&found);
}

void acct_health_gather_fact_brief(struct acct_health_gather *g,
				   const struct acct_fact_brief *b)
{
	struct acct_health_facts *f = &g->facts;

	f->brief_bad = b->state == ACCT_FACT_BAD;
	f->has_brief = b->state == ACCT_FACT_OK;
	if (f->has_brief)
		gather_findings(g, b->missing, b->nmissing, b->empty,
				b->nempty);
}

void acct_health_gather_kpis(struct acct_health_gather *g,
			     const struct acct_kpi_list *list,
			     const struct acct_metric_totals *last, int bad)
{
	struct acct_health_facts *f = &g->facts;
	struct acct_metric_totals none = ACCT_METRIC_TOTALS_INIT;
	struct acct_metric_period p, now;
	size_t i;

	acct_metric_period_of(&now, ACCT_METRIC_MONTH, &f->today);
	acct_metric_period_prev(&p, &now);
	snprintf(f->kpi_period, sizeof(f->kpi_period), "%s", p.label);
	f->kpis = f->kpi_met = f->kpi_missed = 0;
	for (i = 0; i < list->n; i++)
		f->kpis += list->items[i].measurable;
	f->kpi_bad = f->kpis && bad;
	if (!f->kpis || bad || !last)
		return;
	for (i = 0; i < list->n; i++) {
		struct acct_kpi_result r;

		if (!list->items[i].measurable)
			continue;
		acct_kpi_measure(&r, &list->items[i].kpi, last, &none, &p,
				 &f->today);
		f->kpi_met += r.status == ACCT_KPI_MET;
		f->kpi_missed += r.status == ACCT_KPI_MISSED;
	}
}

void acct_health_gather_release(struct acct_health_gather *g)
{
	free(g->contacts);
	free(g->answers);
	free(g->missing);
	free(g->empty);
	memset(g, 0, sizeof(*g));
}

static void bad_record(void (*bad)(void *, const struct acct_error *),
		       void *data, struct acct_error *e)
{
	if (bad)
		bad(data, e);
	acct_error_clear(e);
}

/* The day of an entry: from its file name, as the agenda reads it. */
static void key_day(struct acct_date *d, const char *key)
{
	char day[ACCT_DATE_STRLEN];

	memcpy(day, key, 10);
	day[10] = '\0';
	if (acct_date_parse(d, day, NULL) < 0)
		*d = (struct acct_date){ 1970, 1, 1 };
}

static int read_log(struct acct_health_gather *g, struct acct_book *book,
		    const char *slug,
		    void (*bad)(void *, const struct acct_error *), void *data,
		    struct acct_error *err)
{
	struct acct_entry_list list = ACCT_ENTRY_LIST_INIT;
	struct acct_error e = ACCT_ERROR_INIT;
	struct acct_date day;
	size_t i;
	int rc;

	if ((rc = acct_entry_list(&list, book, slug, NULL, &g->facts.today,
				  err)) < 0)
		return rc;
	for (i = 0; i < list.n; i++) {
		struct acct_entry *en = NULL;

		if (acct_entry_load(&en, book, slug, list.refs[i].path, &e) < 0) {
			bad_record(bad, data, &e);
			continue;
		}
		key_day(&day, list.refs[i].key);
		acct_health_gather_entry(g, en, &day);
		acct_entry_free(en);
	}
	acct_entry_list_release(&list);
	return 0;
}

static int read_answers(struct acct_health_gather *g, struct acct_book *book,
			const char *slug,
			void (*bad)(void *, const struct acct_error *),
			void *data, struct acct_error *err)
{
	struct acct_nps_list list = ACCT_NPS_LIST_INIT;
	struct acct_error e = ACCT_ERROR_INIT;
	struct acct_date since;
	size_t i;
	int rc;

	add_days(&since, &g->facts.today, -(2 * NPS_DAYS - 1));
	if ((rc = acct_nps_list(&list, book, slug, &since, &g->facts.today,
				err)) < 0)
		return rc;
	for (i = 0; i < list.n; i++) {
		struct acct_nps_answer *a = NULL;

		if (acct_nps_load(&a, book, slug, list.refs[i].path, &e) < 0) {
			bad_record(bad, data, &e);
			continue;
		}
		acct_health_gather_answer(g, &a->date, a->score);
		acct_nps_free(a);
	}
	acct_nps_list_release(&list);
	return 0;
}

/* The KPIs of card and brief, measured for last month. */
static void read_kpis(struct acct_health_gather *g, struct acct_book *book,
		      const struct acct_client *card,
		      void (*bad)(void *, const struct acct_error *),
		      void *data)
{
	struct acct_kpi_list list = ACCT_KPI_LIST_INIT;
	struct acct_metric_totals last = ACCT_METRIC_TOTALS_INIT;
	struct acct_metric_period p, now;
	struct acct_error e = ACCT_ERROR_INIT;
	size_t i, measurable = 0;
	int rc = 0;

	/* A brief that does not load leaves the card's KPIs. */
	if (acct_kpi_list_load(&list, book, card, &e) < 0)
		bad_record(bad, data, &e);
	for (i = 0; i < list.n; i++)
		measurable += list.items[i].measurable;
	if (measurable) {
		acct_metric_period_of(&now, ACCT_METRIC_MONTH, &g->facts.today);
		acct_metric_period_prev(&p, &now);
		if ((rc = acct_metric_totals(&last, book, card->slug, &p,
					     &e)) < 0)
			bad_record(bad, data, &e);
	}
	acct_health_gather_kpis(g, &list, &last, rc < 0);
	acct_metric_totals_release(&last);
	acct_kpi_list_release(&list);
}

static void read_brief(struct acct_health_gather *g, struct acct_book *book,
		       const char *slug,
		       void (*bad)(void *, const struct acct_error *),
		       void *data)
{
	struct acct_error e = ACCT_ERROR_INIT;
	struct acct_brief *b = NULL;
	int rc = acct_brief_load(&b, book, slug, &e);

	if (rc == ACCT_ENOTFOUND)
		acct_error_clear(&e);
	else if (rc < 0)
		bad_record(bad, data, &e);
	acct_health_gather_brief(g, rc < 0 ? NULL : b,
				 rc < 0 && rc != ACCT_ENOTFOUND);
	acct_brief_free(b);
}

int acct_health_client(struct acct_health *out, struct acct_book *book,
		       const struct acct_client *card,
		       const struct acct_date *today,
		       void (*bad)(void *data, const struct acct_error *err),
		       void *data, struct acct_error *err)
{
	struct acct_health_gather g;
	int rc;

	memset(out, 0, sizeof(*out));
	acct_health_gather_init(&g, &book->config, card, today);
	if ((rc = read_log(&g, book, card->slug, bad, data, err)) < 0 ||
	    (rc = read_answers(&g, book, card->slug, bad, data, err)) < 0)
		goto out;
	read_kpis(&g, book, card, bad, data);
	read_brief(&g, book, card->slug, bad, data);
	out->slug = acct_strdup(card->slug);
	out->name = acct_strdup(card->name);
	acct_health_score(out, &g.facts, &book->config.health);
out:
	acct_health_gather_release(&g);
	return rc;
}

void acct_health_release(struct acct_health *h)
{
	if (!h)
		return;
	free(h->slug);
	free(h->name);
	memset(h, 0, sizeof(*h));
}

/* --- every client ------------------------------------------------------------ */

static int worst_first(const void *x, const void *y)
{
	const struct acct_health *a = x, *b = y;

	if (a->has_score != b->has_score)
		return a->has_score ? -1 : 1;
	if (a->has_score && a->score != b->score)
		return a->score < b->score ? -1 : 1;
	return strcmp(a->slug, b->slug);
}

/* A bad record is told to the caller, and remembered for the return. */
struct told {
	const struct acct_health_opts *o;
	int bad;
};

static void tell_bad(void *data, const struct acct_error *err)
{
	struct told *t = data;

	t->bad = 1;
	if (t->o->bad)
		t->o->bad(t->o->data, err);
}

int acct_health_build(struct acct_health_list *out, struct acct_book *book,
		      const struct acct_health_opts *o,
		      struct acct_error *err)
{
	struct told told = { o, 0 };
	char **slugs = NULL;
	size_t nslugs = 0, i;
	int rc;

	memset(out, 0, sizeof(*out));
	if (o->slug) {
		slugs = acct_calloc(2, sizeof(*slugs));
		slugs[0] = acct_strdup(o->slug);
		nslugs = 1;
	} else if ((rc = acct_client_slugs(&slugs, &nslugs, book, err)) < 0) {
		return rc;
	}
	out->items = acct_calloc(nslugs + 1, sizeof(*out->items));
	for (i = 0; i < nslugs; i++) {
		struct acct_error e = ACCT_ERROR_INIT;
		struct acct_client *c = NULL;

		if ((rc = acct_client_load(&c, book, slugs[i], &e)) < 0) {
			if (o->slug) {
				*err = e;
				goto fail;
			}
			tell_bad(&told, &e);
			continue;
		}
		if (!o->slug && (strcmp(c->status, "active") ||
				 c->has_archived)) {
			acct_client_free(c);
			continue;
		}
		rc = acct_health_client(&out->items[out->n], book, c, &o->today,
					tell_bad, &told, err);
		acct_client_free(c);
		if (rc < 0)
			goto fail;
		out->n++;
	}
	if (out->n)
		qsort(out->items, out->n, sizeof(*out->items), worst_first);
	acct_slugs_free(slugs, nslugs);
	return told.bad;
fail:
	acct_slugs_free(slugs, nslugs);
	acct_health_list_release(out);
	return rc;
}

void acct_health_list_release(struct acct_health_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		acct_health_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

unsigned acct_health_risk(const struct acct_health_config *cfg, int score,
			  int has_was, int was)
{
	return (score < cfg->at_risk ? ACCT_HEALTH_LOW : 0) |
	       (has_was && was - score > cfg->drop ? ACCT_HEALTH_FELL : 0);
}

void acct_health_month_before(struct acct_date *out,
			      const struct acct_date *today)
{
	int y = today->year, m = today->month - 1, dim;

	if (m == 0)
		m = 12, y--;
	dim = acct_days_in_month(y, m);
	*out = (struct acct_date){ y, m, today->day > dim ? dim : today->day };
}

int acct_health_of_facts(struct acct_health *out, struct acct_book *book,
			 const struct acct_client_facts *cf,
			 const struct acct_date *today)
{
	struct acct_kpi_list list = ACCT_KPI_LIST_INIT;
	struct acct_metric_totals last = ACCT_METRIC_TOTALS_INIT;
	struct acct_error e = ACCT_ERROR_INIT;
	struct acct_metric_period p, now;
	struct acct_health_gather g;
	struct acct_date since;
	uint32_t t = acct_facts_keyday(today);
	size_t i, measurable = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	/* What acct_health_client() reads, and leaves out, the same way. */
	if (!cf->card || cf->log_bad || cf->nps_bad)
		return -1;
	acct_health_gather_init(&g, &book->config, cf->card, today);
	for (i = 0; i < cf->nentries; i++)
		if (cf->entries[i].keyday <= t && !cf->entries[i].bad)
			acct_health_gather_fact(&g, &cf->entries[i]);
	add_days(&since, today, -(2 * NPS_DAYS - 1));
	for (i = 0; i < cf->nanswers; i++) {
		const struct acct_fact_answer *a = &cf->answers[i];

		if (!a->bad && acct_date_cmp(&a->named, &since) >= 0 &&
		    acct_date_cmp(&a->named, today) <= 0)
			acct_health_gather_answer(&g, &a->date, a->score);
	}
	if (acct_facts_kpi_list(&list, book, cf, &e) < 0)
		acct_error_clear(&e);
	for (i = 0; i < list.n; i++)
		measurable += list.items[i].measurable;
	if (measurable) {
		acct_metric_period_of(&now, ACCT_METRIC_MONTH, today);
		acct_metric_period_prev(&p, &now);
		if ((rc = acct_metric_totals(&last, book, cf->slug, &p, &e)) < 0)
			acct_error_clear(&e);
	}
	acct_health_gather_kpis(&g, &list, &last, rc < 0);
	acct_health_gather_fact_brief(&g, &cf->brief);
	out->slug = acct_strdup(cf->slug);
	out->name = acct_strdup(cf->card->name);
	acct_health_score(out, &g.facts, &book->config.health);
	acct_metric_totals_release(&last);
	acct_kpi_list_release(&list);
	acct_health_gather_release(&g);
	return 0;
}

int acct_health_past(int *score, struct acct_book *past, const char *slug,
		     const struct acct_date *day,
		     const struct acct_client_facts *now)
{
	struct acct_health h = ACCT_HEALTH_INIT;
	struct acct_client_facts *cf = NULL;
	int has = 0;

	/* What could not be read then is no score, not an error now. */
	acct_client_facts_read_past(&cf, past, slug, now, NULL);
	if (acct_health_of_facts(&h, past, cf, day) == 0) {
		has = h.has_score;
		*score = h.score;
	}
	acct_health_release(&h);
	acct_client_facts_free(cf);
	return has;
}
