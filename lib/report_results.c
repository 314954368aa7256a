/*
 * The Results of a client's report: each KPI of the card and the brief
 * measured for the report's period against the period before (as `acct
 * metric` measures it), the metrics with their change, and for each
 * measurable KPI its actuals over the last six months (a weekly or
 * monthly report) or four quarters (a quarterly or yearly one) against
 * its target, as a chart. The portfolio takes the KPI status from here.
 *
 * Figures are exact decimals in the data (acct/json.h): the template
 * sees "148200.60", --format json prints 148200.60. Each has a "_text"
 * twin in the report's language for people.
 */
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/format.h"
#include "acct/json.h"
#include "acct/kpi.h"
#include "acct/metric.h"
#include "acct/banned.h"

/* A KPI's chart: this many months (a week or a month) or quarters. */
#define CHART_MONTHS 6
#define CHART_QUARTERS 4
#define CHART_MAX 6

static const char *const status_ru[] = {
	[ACCT_KPI_NO_DATA] = "нет данных", [ACCT_KPI_MET] = "выполнен",
	[ACCT_KPI_MISSED] = "не выполнен", [ACCT_KPI_ON_TRACK] = "в графике",
	[ACCT_KPI_BEHIND] = "отстаёт",
	[ACCT_KPI_NOT_MEASURABLE] = "не измеряется",
};

static const char *status_text(enum acct_kpi_status s, const char *locale)
{
	if (!strcmp(locale, "ru") && s <= ACCT_KPI_NOT_MEASURABLE)
		return status_ru[s];
	return acct_kpi_status_text(s);
}

/* The metrics' names for people. */
static const char *const metric_names[][3] = {
	{ "spend", "Spend", "Расход" },
	{ "impressions", "Impressions", "Показы" },
	{ "clicks", "Clicks", "Клики" },
	{ "leads", "Leads", "Заявки" },
	{ "sales", "Sales", "Продажи" },
	{ "revenue", "Revenue", "Выручка" },
	{ "sessions", "Sessions", "Визиты" },
	{ "calls", "Calls", "Звонки" },
	{ "ctr", "CTR", "CTR" },
	{ "cpc", "CPC", "CPC" },
	{ "cpl", "CPL", "CPL" },
	{ "cr", "CR", "CR" },
	{ "roas", "ROAS", "ROAS" },
	{ "cac", "CAC", "CAC" },
	{ "drr", "DRR", "ДРР" },
};

static const char *metric_title(const char *name, const char *locale)
{
	size_t i;

	for (i = 0; i < sizeof(metric_names) / sizeof(*metric_names); i++)
		if (!strcmp(metric_names[i][0], name))
			return metric_names[i][strcmp(locale, "ru") ? 1 : 2];
	return name;
}

/*
 * How a figure is shown: an amount, a count, a percent (the number is in
 * percent already), a fraction (a ratio read as percent, here not: a KPI
 * "CTR >= 0.015"), or another ratio (ROAS).
 */
enum shape { AMOUNT, COUNT, PERCENT, FRACTION, RATIO };

/*
 * `digits` (a plain number) for people: "RUB 148,200.60", "148 200,60 ₽",
 * "212", "1.55%", "1,55 %"; with `sign`, a change: "+32", "-73.16",
 * "+0.12 pp", "+0,12 п. п." (no currency: the figures beside it say it).
 */
static void shaped(struct acct_buf *out, const char *digits, enum shape s,
		   const char *currency, const char *locale, int sign)
{
	int ru = !strcmp(locale, "ru");

	if (sign && digits[0] != '-' && strspn(digits, "0.") != strlen(digits))
		acct_buf_addch(out, '+');
	if (s == AMOUNT && !sign && currency && *currency)
		acct_format_amount(out, digits, currency, locale);
	else
		acct_format_number(out, digits, locale);
	if (s == PERCENT)
		acct_buf_addstr(out, sign ? (ru ? ACCT_NBSP "п." ACCT_NBSP "п."
					     : " pp")
				     : (ru ? ACCT_NBSP "%" : "%"));
}

/*
 * A figure's digits for people: an exact one as it is, a ratio with two
 * decimals (699.06, 1.55 percent, as acct metric shows them), a fraction
 * rounded (0.0155).
 */
static void figure_digits(char *buf, const struct acct_kpi_figure *f,
			  enum shape s)
{
	if (f->exact)
		acct_kpi_figure_format(buf, f);
	else if (s == FRACTION)
		acct_metric_round(buf, f->x);
	else
		snprintf(buf, ACCT_DEC_STRLEN, "%.2f", f->x);
	if (!strcmp(buf, "-0.00"))
		snprintf(buf, ACCT_DEC_STRLEN, "0.00");
}

enum {
	SIGNED = 1 << 0,	/* a change: "+32" */
	SCALED = 1 << 1,	/* a target or a projection: 2 places at most */
};

static json_t *figure_text(const struct acct_kpi_figure *f, enum shape s,
			   const char *currency, const char *locale,
			   unsigned flags)
{
	struct acct_buf b = ACCT_BUF_INIT;
	char num[ACCT_DEC_STRLEN], *dot;
	json_t *v;

	if (!f->known)
		return json_null();
	figure_digits(num, f, s);
	/* 200 leads a month is 45.1613 for a week: 45.16 to read. */
	if ((flags & SCALED) && (dot = strchr(num, '.')) && strlen(dot) > 3)
		snprintf(num, sizeof(num), "%.2f",
			 (double)f->dec.v / ACCT_DEC_ONE);
	shaped(&b, num, s, currency, locale, flags & SIGNED);
	v = str(b.buf);
	acct_buf_release(&b);
	return v;
}

/* A figure in the data: exact, or a ratio rounded; null when unknown. */
static json_t *figure_json(const struct acct_kpi_figure *f)
{
	char num[ACCT_DEC_STRLEN];

	return f->known ? acct_json_decimal(acct_kpi_figure_format(num, f))
			: json_null();
}

/* A period, short, as a column or a chart's bar is labelled. */
static void short_period(struct acct_buf *out,
			 const struct acct_metric_period *p, const char *locale)
{
	switch (p->grain) {
	case ACCT_METRIC_MONTH:
		acct_format_month(out, p->since.year, p->since.month, locale,
				  ACCT_FORMAT_SHORT);
		break;
	case ACCT_METRIC_QUARTER:
		acct_format_quarter(out, p->since.year,
				    ACCT_QUARTER(p->since.month), locale);
		break;
	case ACCT_METRIC_YEAR:
		acct_buf_addf(out, "%d", p->since.year);
		break;
	default:
		acct_format_days(out, &p->since, &p->until, locale,
				 ACCT_FORMAT_SHORT);
		break;
	}
}

/* A period in words, as the report's own: "October 2026", "Q3 2026". */
static json_t *period_words(const struct acct_metric_period *p,
			    const char *locale)
{
	static const enum acct_period_kind kinds[] = {
		[ACCT_METRIC_WEEK] = ACCT_PERIOD_WEEK,
		[ACCT_METRIC_MONTH] = ACCT_PERIOD_MONTH,
		[ACCT_METRIC_QUARTER] = ACCT_PERIOD_QUARTER,
		[ACCT_METRIC_YEAR] = ACCT_PERIOD_YEAR,
	};
	struct acct_period rp;
	struct acct_buf t = ACCT_BUF_INIT;
	json_t *v;

	memset(&rp, 0, sizeof(rp));
	rp.kind = p->grain == ACCT_METRIC_DAY ? ACCT_PERIOD_RANGE
					      : kinds[p->grain];
	rp.since = p->since;
	rp.until = p->until;
	snprintf(rp.label, sizeof(rp.label), "%s", p->label);
	acct_format_period(&t, &rp, locale);
	v = str(t.buf);
	acct_buf_release(&t);
	return v;
}

static json_t *short_period_json(const struct acct_metric_period *p,
				 const char *locale)
{
	struct acct_buf t = ACCT_BUF_INIT;
	json_t *v;

	short_period(&t, p, locale);
	v = str(t.buf);
	acct_buf_release(&t);
	return v;
}

/* --- the numbers ----------------------------------------------------------- */

/* The client's metric files of a span of days, loaded once. */
struct files {
	struct acct_metric_file **f;
	size_t n;
};

static void files_release(struct files *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		acct_metric_free(fs->f[i]);
	free(fs->f);
	fs->f = NULL;
	fs->n = 0;
}

static int files_load(struct files *fs, struct acct_book *book,
		      const char *slug, const struct acct_date *since,
		      const struct acct_date *until, struct acct_error *err)
{
	struct acct_metric_list list = ACCT_METRIC_LIST_INIT;
	size_t i;
	int rc;

	memset(fs, 0, sizeof(*fs));
	if ((rc = acct_metric_list(&list, book, slug, NULL, since, until,
				   err)) < 0) {
		acct_metric_list_release(&list);
		return rc;
	}
	fs->f = acct_calloc(list.n + 1, sizeof(*fs->f));
	for (i = 0; i < list.n && !rc; i++)
		if ((rc = acct_metric_load(&fs->f[fs->n], book, slug,
					   list.refs[i].path, err)) == 0)
			fs->n++;
	acct_metric_list_release(&list);
	return rc;
}

/* The kind of figure a KPI's metric gives. */
static enum shape kpi_shape(const struct acct_kpi *k)
{
	if (k->percent)
		return PERCENT;
	if (k->currency[0] || acct_metric_is_money(k->metric))
		return AMOUNT;
	if (acct_metric_is_percent(k->metric))
		return FRACTION;
	return acct_metric_derived_find(k->metric) ? RATIO : COUNT;
}

/*
 * The currency of a KPI's target: its own, else that of the numbers; and
 * of its figures: that of the numbers, else its own (a KPI in RUB is no
 * data for numbers in USD, whose figures are still in USD).
 */
static const char *target_currency(const struct acct_kpi *k,
				   const struct acct_metric_totals *t)
{
	return k->currency[0] ? k->currency : t->currency[0] ? t->currency
							     : NULL;
}

static const char *figure_currency(const struct acct_kpi *k,
				   const struct acct_metric_totals *t)
{
	return t->currency[0] ? t->currency : k->currency[0] ? k->currency
							     : NULL;
}

/* --- one KPI ----------------------------------------------------------- */

struct tally {
	long measurable, met, missed, no_data;
	int running;
	json_t *missed_kpis;
};

static void tally_add(struct tally *t, const char *text,
		      enum acct_kpi_status s)
{
	if (s == ACCT_KPI_NOT_MEASURABLE)
		return;
	t->measurable++;
	if (s == ACCT_KPI_MET || s == ACCT_KPI_ON_TRACK) {
		t->met++;
	} else if (s == ACCT_KPI_MISSED || s == ACCT_KPI_BEHIND) {
		t->missed++;
		json_array_append_new(t->missed_kpis, str(text));
	} else {
		t->no_data++;
	}
}

/* "Q", "QQ": the texts of `list` joined by ", ". */
static void join(struct acct_buf *out, const json_t *list)
{
	const json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		acct_buf_addf(out, "%s%s", i ? ", " : "", json_string_value(v));
}

/*
 * The KPI status in words, the missed ones named: "2 of 3 KPIs met;
 * missed: CPL <= 900 RUB", "Выполнено 2 из 3 KPI; не выполнен: ...";
 * a running period "on track" and "behind"; those without numbers
 * counted ("; 1 with no data"), or, when none has any, "No data for 2
 * KPIs". Null without a measurable KPI.
 */
static json_t *tally_text(const struct tally *t, const char *locale)
{
	struct acct_buf b = ACCT_BUF_INIT;
	int ru = !strcmp(locale, "ru");
	json_t *v;

	if (!t->measurable)
		return json_null();
	if (t->no_data == t->measurable) {
		if (ru)
			acct_buf_addf(&b, "Нет данных по %ld KPI", t->no_data);
		else
			acct_buf_addf(&b, "No data for %ld %s", t->no_data,
				      t->no_data == 1 ? "KPI" : "KPIs");
		goto done;
	}
	if (ru)
		acct_buf_addf(&b, "%s %ld из %ld KPI",
			      t->running ? "В графике" : "Выполнено",
			      t->met, t->measurable);
	else
		acct_buf_addf(&b, "%ld of %ld %s %s", t->met, t->measurable,
			      t->measurable == 1 ? "KPI" : "KPIs",
			      t->running ? "on track" : "met");
	if (t->missed) {
		acct_buf_addstr(&b, "; ");
		if (ru)
			acct_buf_addstr(&b, t->running ?
					(t->missed == 1 ? "отстаёт: " : "отстают: ") :
					(t->missed == 1 ? "не выполнен: " :
					 "не выполнены: "));
		else
			acct_buf_addstr(&b, t->running ? "behind: " : "missed: ");
		join(&b, t->missed_kpis);
	}
	if (t->no_data && ru)
		acct_buf_addf(&b, "; без данных: %ld", t->no_data);
	else if (t->no_data)
		acct_buf_addf(&b, "; %ld with no data", t->no_data);
done:
	v = str(b.buf);
	acct_buf_release(&b);
	return v;
}

/* The fields `acct metric --json` gives a KPI, then their words. */
static json_t *kpi_json(const struct acct_kpi_item *it,
			const struct acct_kpi_result *r,
			const struct acct_metric_totals *cur,
			const char *locale)
{
	static const char *const texts[] = {
		"target_text", "actual_text", "previous_text", "change_text",
		"projected_text", NULL,
	};
	const struct acct_kpi *k = &it->kpi;
	json_t *o = json_object(), *found = json_array();
	enum acct_kpi_status s = it->measurable ? r->status
						: ACCT_KPI_NOT_MEASURABLE;
	enum shape sh = kpi_shape(k);
	const char *tcode = target_currency(k, cur);
	const char *code = figure_currency(k, cur);
	size_t j;

	set(o, "text", str(it->text));
	if (!it->measurable) {
		static const char *const keys[] = {
			"metric", "op", "target", "unit", "per", "actual",
			"previous", "change", "projected", NULL,
		};

		for (j = 0; keys[j]; j++)
			set(o, keys[j], json_null());
		set(o, "status", json_string(acct_kpi_status_text(s)));
		set(o, "reason", str(it->why));
	} else {
		set(o, "metric", json_string(k->metric));
		set(o, "op", json_string(acct_kpi_op_text(k->op)));
		set(o, "target", figure_json(&r->target));
		set(o, "unit", k->percent ? json_string("%") : k->currency[0] ?
		    json_string(k->currency) : json_null());
		set(o, "per", k->has_per ?
		    json_string(acct_metric_grain_name(k->per)) : json_null());
		set(o, "actual", figure_json(&r->actual));
		set(o, "previous", figure_json(&r->previous));
		set(o, "change", figure_json(&r->change));
		set(o, "projected", figure_json(&r->projected));
		set(o, "status", json_string(acct_kpi_status_text(s)));
		set(o, "reason", r->why[0] ? str(r->why) : json_null());
	}
	for (j = 0; j < it->norder; j++)
		json_array_append_new(found, json_string(
			acct_kpi_source_name(it->order[j])));
	set(o, "found_in", found);
	set(o, "status_text", json_string(status_text(s, locale)));
	if (!it->measurable) {
		for (j = 0; texts[j]; j++)
			set(o, texts[j], json_null());
		return o;
	}
	set(o, texts[0], figure_text(&r->target, sh, tcode, locale, SCALED));
	set(o, texts[1], figure_text(&r->actual, sh, code, locale, 0));
	set(o, texts[2], figure_text(&r->previous, sh, code, locale, 0));
	set(o, texts[3], figure_text(&r->change, sh, code, locale, SIGNED));
	set(o, texts[4], figure_text(&r->projected, sh, code, locale,
				     SCALED));
	return o;
}

/* --- charts ---------------------------------------------------------------- */

struct span {
	struct acct_metric_period cells[CHART_MAX];
	size_t n;
	struct acct_metric_totals totals[CHART_MAX];
};

/*
 * The chart's periods for report period `p`: the six months up to the
 * one that holds a week's Thursday (as ISO weeks belong to years) or
 * that is the month, or the four quarters up to a quarter or a year's
 * last.
 */
static void span_cells(struct span *sp, const struct acct_metric_period *p)
{
	struct acct_date d = p->until;

	if (p->grain == ACCT_METRIC_QUARTER || p->grain == ACCT_METRIC_YEAR) {
		sp->n = CHART_QUARTERS;
		acct_metric_period_series(sp->cells, sp->n, ACCT_METRIC_QUARTER,
					  &d);
		return;
	}
	if (p->grain == ACCT_METRIC_WEEK)
		acct_date_from_days(&d, acct_date_to_days(&p->since) + 3);
	sp->n = CHART_MONTHS;
	acct_metric_period_series(sp->cells, sp->n, ACCT_METRIC_MONTH, &d);
}

/*
 * The chart of KPI `it` over the span: a bar per period with its actual,
 * the target for that period as a dashed line; and the same as the KPI's
 * "series" in the data.
 */
static json_t *kpi_chart(json_t **series_out, const struct build *b,
			 const struct acct_kpi_item *it, const struct span *sp)
{
	const struct acct_kpi *k = &it->kpi;
	enum shape sh = kpi_shape(k);
	struct acct_buf title = ACCT_BUF_INIT;
	json_t *c, *series = json_array();
	size_t i;

	acct_buf_addf(&title, "%s, %s", it->text,
		      sp->cells[0].grain == ACCT_METRIC_QUARTER ?
		      word(b->locale, "by quarter", "по кварталам") :
		      word(b->locale, "by month", "по месяцам"));
	c = chart(title.buf, k->percent ? "%" : k->currency, 0);
	acct_buf_release(&title);
	for (i = 0; i < sp->n; i++) {
		const struct acct_metric_totals *t = &sp->totals[i];
		const char *code = figure_currency(k, t);
		const char *tcode = target_currency(k, t);
		struct acct_kpi_result r;
		json_t *p = json_object(), *x = json_object(), *label;

		acct_kpi_measure(&r, k, t, NULL, &sp->cells[i], &b->o->today);
		label = short_period_json(&sp->cells[i], b->locale);
		set(x, "period", json_string(sp->cells[i].label));
		set(x, "period_text", json_incref(label));
		set(x, "actual", figure_json(&r.actual));
		set(x, "target", figure_json(&r.target));
		set(x, "status", json_string(acct_kpi_status_text(r.status)));
		set(x, "actual_text", figure_text(&r.actual, sh, code,
						  b->locale, 0));
		set(x, "target_text", figure_text(&r.target, sh, tcode,
						  b->locale, SCALED));
		json_array_append_new(series, x);

		set(p, "label", label);
		set(p, "value", figure_json(&r.actual));
		set(p, "text", figure_text(&r.actual, sh, code, b->locale, 0));
		set(p, "target", figure_json(&r.target));
		set(p, "target_text", figure_text(&r.target, sh, tcode,
						  b->locale, SCALED));
		if (r.status == ACCT_KPI_MET || r.status == ACCT_KPI_ON_TRACK)
			set(p, "ok", json_true());
		else if (r.status == ACCT_KPI_MISSED ||
			 r.status == ACCT_KPI_BEHIND)
			set(p, "ok", json_false());
		json_array_append_new(json_object_get(c, "points"), p);
	}
	*series_out = series;
	return c;
}

static int has_actual(const json_t *series)
{
	const json_t *x;
	size_t i;

	json_array_foreach(series, i, x)
		if (!json_is_null(json_object_get(x, "actual")))
			return 1;
	return 0;
}

/* --- the metrics ----------------------------------------------------------- */

static json_t *metric_row(const char *name, const struct acct_kpi_figure *v,
			  const struct acct_kpi_figure *prev,
			  const char *currency, const char *locale)
{
	const struct acct_metric_derived *d = acct_metric_derived_find(name);
	enum shape sh = acct_metric_is_percent(name) ? PERCENT : acct_metric_is_money(name) ? AMOUNT :
			d ? RATIO : COUNT;
	struct acct_kpi_figure change = { 0 }, pv = *v, pp = *prev;
	json_t *o = json_object();

	if (v->known && prev->known) {
		change.known = 1;
		change.exact = v->exact;
		if (v->exact)
			change.known = acct_dec_sub(&change.dec, v->dec,
						    prev->dec) == 0;
		else
			change.x = v->x - prev->x;
	}
	set(o, "name", json_string(name));
	set(o, "name_text", json_string(metric_title(name, locale)));
	set(o, "value", figure_json(v));
	set(o, "previous", figure_json(prev));
	set(o, "change", figure_json(&change));
	/* Percent for people: the data keeps the ratio, as acct metric. */
	if (sh == PERCENT) {
		pv.x *= 100;
		pp.x *= 100;
		change.x *= 100;
	}
	set(o, "value_text", figure_text(&pv, sh, currency, locale, 0));
	set(o, "previous_text", figure_text(&pp, sh, currency, locale, 0));
	set(o, "change_text", figure_text(&change, sh, currency, locale,
					     SIGNED));
	set(o, "known", json_boolean(v->known || prev->known));
	return o;
}

static void recorded(struct acct_kpi_figure *f,
		     const struct acct_metric_totals *t, const char *name)
{
	memset(f, 0, sizeof(*f));
	f->known = f->exact = acct_metric_get(&f->dec, t, name);
}

static int is_base(const char *name)
{
	size_t k;

	for (k = 0; acct_metric_base[k]; k++)
		if (!strcmp(acct_metric_base[k], name))
			return 1;
	return 0;
}

/* The base metrics, the others recorded in either period, the derived. */
static json_t *metrics_json(const struct acct_metric_totals *cur,
			    const struct acct_metric_totals *prev,
			    const char *locale)
{
	const char *currency = cur->currency[0] ? cur->currency :
			       prev->currency[0] ? prev->currency : NULL;
	json_t *list = json_array();
	struct acct_kpi_figure v, p;
	size_t i, j;

	for (i = 0; acct_metric_base[i]; i++) {
		recorded(&v, cur, acct_metric_base[i]);
		recorded(&p, prev, acct_metric_base[i]);
		json_array_append_new(list, metric_row(acct_metric_base[i], &v,
						       &p, currency, locale));
	}
	for (j = 0; j < 2; j++) {
		const struct acct_metric_totals *t = j ? prev : cur;

		for (i = 0; i < t->n; i++) {
			const char *name = t->values[i].name;
			struct acct_dec dummy;

			if (is_base(name) || (j && acct_metric_get(&dummy, cur,
								    name)))
				continue;
			recorded(&v, cur, name);
			recorded(&p, prev, name);
			json_array_append_new(list, metric_row(name, &v, &p,
							       currency, locale));
		}
	}
	for (i = 0; acct_metric_derived[i].name; i++) {
		const char *name = acct_metric_derived[i].name;

		memset(&v, 0, sizeof(v));
		memset(&p, 0, sizeof(p));
		v.known = acct_metric_ratio(&v.x, cur, name);
		p.known = acct_metric_ratio(&p.x, prev, name);
		json_array_append_new(list, metric_row(name, &v, &p, currency,
						       locale));
	}
	return list;
}

/* --- the whole ----------------------------------------------------------- */

static void cell(json_t *row, json_t *v)
{
	json_array_append_new(row, json_is_null(v) ? json_string("-")
						    : json_incref(v));
}

/* The tables "results" (the KPIs) and "metrics" of the report. */
static void results_tables(json_t *tables, const json_t *res,
			   const struct acct_metric_period *p,
			   const struct acct_metric_period *prev,
			   const char *locale)
{
	struct acct_buf now = ACCT_BUF_INIT, before = ACCT_BUF_INIT;
	const char *kcols[6], *mcols[5];
	const json_t *x;
	json_t *t;
	size_t i;
	int ru = !strcmp(locale, "ru");

	short_period(&now, p, locale);
	short_period(&before, prev, locale);
	kcols[0] = "KPI";
	kcols[1] = ru ? "Цель" : "Target";
	kcols[2] = now.buf;
	kcols[3] = before.buf;
	kcols[4] = ru ? "Статус" : "Status";
	kcols[5] = NULL;
	t = table(ru ? "Цели и факт" : "Targets and actuals", kcols);
	json_array_foreach(json_object_get(res, "kpis"), i, x) {
		json_t *row = json_array();

		json_array_append_new(row, json_incref(json_object_get(x, "text")));
		cell(row, json_object_get(x, "target_text"));
		cell(row, json_object_get(x, "actual_text"));
		cell(row, json_object_get(x, "previous_text"));
		json_array_append_new(row, json_incref(json_object_get(x,
							"status_text")));
		table_row(t, row);
	}
	set(t, "number_columns", json_pack("[i,i,i]", 1, 2, 3));
	set(tables, "results", t);

	mcols[0] = ru ? "Показатель" : "Metric";
	mcols[1] = now.buf;
	mcols[2] = before.buf;
	mcols[3] = ru ? "Изменение" : "Change";
	mcols[4] = NULL;
	t = table(ru ? "Показатели" : "Metrics", mcols);
	json_array_foreach(json_object_get(res, "metrics"), i, x) {
		json_t *row;

		if (!json_is_true(json_object_get(x, "known")))
			continue;
		row = json_array();
		json_array_append_new(row, json_incref(json_object_get(x,
							"name_text")));
		cell(row, json_object_get(x, "value_text"));
		cell(row, json_object_get(x, "previous_text"));
		cell(row, json_object_get(x, "change_text"));
		table_row(t, row);
	}
	set(t, "number_columns", json_pack("[i,i,i]", 1, 2, 3));
	set(tables, "metrics", t);
	acct_buf_release(&now);
	acct_buf_release(&before);
}

json_t *report_results_json(struct build *b, const struct acct_client *c,
			    const struct acct_kpi_list *kl, json_t *charts,
			    json_t *tables)
{
	const struct acct_date *today = &b->o->today;
	struct acct_metric_totals cur = ACCT_METRIC_TOTALS_INIT,
				  prev = ACCT_METRIC_TOTALS_INIT;
	struct acct_metric_period p, pp;
	struct acct_error err = ACCT_ERROR_INIT;
	struct tally tl = { 0 };
	struct files fs = { NULL, 0 };
	struct span sp;
	struct acct_date since, until;
	json_t *res, *kpis, *sources;
	size_t i;
	int rc, any;

	if (acct_metric_period_from(&p, &b->o->period) < 0)
		return json_null();
	acct_metric_period_prev(&pp, &p);
	memset(&sp, 0, sizeof(sp));
	since = pp.since;
	until = p.until;
	if (charts) {
		span_cells(&sp, &p);
		if (acct_date_cmp(&sp.cells[0].since, &since) < 0)
			since = sp.cells[0].since;
		if (acct_date_cmp(&sp.cells[sp.n - 1].until, &until) > 0)
			until = sp.cells[sp.n - 1].until;
	}
	/* Every file of the span once; each period summed from them. */
	rc = files_load(&fs, b->book, c->slug, &since, &until, &err);
	if (!rc)
		rc = acct_metric_sum(&cur, fs.f, fs.n, &p, &err);
	if (!rc)
		rc = acct_metric_sum(&prev, fs.f, fs.n, &pp, &err);
	for (i = 0; !rc && i < sp.n; i++)
		rc = acct_metric_sum(&sp.totals[i], fs.f, fs.n, &sp.cells[i],
				     &err);
	any = cur.nfiles || prev.nfiles;
	for (i = 0; i < sp.n; i++)
		any |= sp.totals[i].nfiles > 0;
	files_release(&fs);
	if (rc < 0) {
		report_bad(b, &err);
		res = json_null();
		goto out;
	}

	res = json_object();
	set(res, "period", json_string(p.label));
	set(res, "period_text", period_words(&p, b->locale));
	set(res, "previous", json_string(pp.label));
	set(res, "previous_text", period_words(&pp, b->locale));
	tl.running = acct_date_cmp(today, &p.since) >= 0 &&
		     acct_date_cmp(today, &p.until) <= 0;
	set(res, "running", json_boolean(tl.running));
	set(res, "currency", cur.currency[0] ? json_string(cur.currency)
					     : json_null());
	sources = json_array();
	for (i = 0; i < cur.nsources; i++)
		json_array_append_new(sources, json_string(cur.sources[i]));
	set(res, "sources", sources);
	set(res, "numbers", json_boolean(cur.nfiles || prev.nfiles));

	tl.missed_kpis = json_array();
	kpis = json_array();
	for (i = 0; i < kl->n; i++) {
		const struct acct_kpi_item *it = &kl->items[i];
		struct acct_kpi_result r;
		json_t *k, *series = NULL;

		memset(&r, 0, sizeof(r));
		if (it->measurable)
			acct_kpi_measure(&r, &it->kpi, &cur, &prev, &p, today);
		k = kpi_json(it, &r, &cur, b->locale);
		tally_add(&tl, it->text, it->measurable ? r.status
					 : ACCT_KPI_NOT_MEASURABLE);
		any |= it->measurable;
		if (it->measurable && charts) {
			json_t *kc = kpi_chart(&series, b, it, &sp);
			char name[32];

			/* A chart of nothing but "no data" says nothing. */
			snprintf(name, sizeof(name), "kpi%zu", i + 1);
			if (has_actual(series)) {
				set(charts, name, kc);
				set(k, "chart", json_string(name));
			} else {
				json_decref(kc);
				set(k, "chart", json_null());
			}
			set(k, "series", series);
		} else if (charts) {
			set(k, "chart", json_null());
			set(k, "series", json_array());
		}
		json_array_append_new(kpis, k);
	}
	set(res, "any", json_boolean(any));
	set(res, "kpis", kpis);
	{
		json_t *sum = json_object();

		set(sum, "measurable", json_integer(tl.measurable));
		set(sum, "met", json_integer(tl.met));
		set(sum, "missed", json_integer(tl.missed));
		set(sum, "no_data", json_integer(tl.no_data));
		set(sum, "missed_kpis", json_incref(tl.missed_kpis));
		set(sum, "text", tally_text(&tl, b->locale));
		set(res, "summary", sum);
	}
	/* The portfolio (no charts, no tables) reads the KPIs only. */
	if (charts || tables)
		set(res, "metrics", metrics_json(&cur, &prev, b->locale));
	if (tables)
		results_tables(tables, res, &p, &pp, b->locale);
	json_decref(tl.missed_kpis);
out:
	acct_metric_totals_release(&cur);
	acct_metric_totals_release(&prev);
	for (i = 0; i < sp.n; i++)
		acct_metric_totals_release(&sp.totals[i]);
	return res;
}
