#include "acct/kpi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

/* A KPI as "metric op target [%] [currency] [/per]", or the reason. */
static void show(struct acct_buf *out, const char *text)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_kpi k;
	char num[ACCT_DEC_STRLEN];

	acct_buf_reset(out);
	if (acct_kpi_parse(&k, text, &err) < 0) {
		CHECK_INT(err.code, ACCT_EUSAGE);
		acct_buf_addf(out, "no: %s", err.msg);
		return;
	}
	acct_buf_addf(out, "%s %s %s", k.metric, acct_kpi_op_text(k.op),
		      acct_dec_format(num, k.target));
	if (k.percent)
		acct_buf_addstr(out, " %");
	if (k.currency[0])
		acct_buf_addf(out, " %s", k.currency);
	if (k.has_per)
		acct_buf_addf(out, " /%s", acct_metric_grain_name(k.per));
}

static void test_kpi__grammar(void)
{
	static const char *const cases[][2] = {
		{ "CPL <= 900 RUB", "cpl <= 900 RUB" },
		{ "leads >= 200 /month", "leads >= 200 /month" },
		{ "заявки >= 200 в месяц", "leads >= 200 /month" },
		{ "Заявки ≥ 200 в мес.", "leads >= 200 /month" },
		{ "ROAS >= 4", "roas >= 4" },
		{ "CTR >= 1.5%", "ctr >= 1.5 %" },
		{ "ДРР <= 15%", "drr <= 15 %" },
		{ "cr = 2,5 %", "cr = 2.5 %" },
		{ "CPC ≤ 35,50 ₽", "cpc <= 35.50 RUB" },
		{ "spend < 1 200 000 RUB per month", "spend < 1200000 RUB /month" },
		{ "расход < 1\xc2\xa0" "200\xc2\xa0" "000 руб. / мес",
		  "spend < 1200000 RUB /month" },
		{ "**CPL** <= `900` RUB.", "cpl <= 900 RUB" },
		{ "Выручка >= 1 000 000 руб. за квартал",
		  "revenue >= 1000000 RUB /quarter" },
		{ "CAC <= $50", "cac <= 50 USD" },
		{ "CAC <= 50 kzt", "cac <= 50 KZT" },
		{ "installs > 500 a week", "installs > 500 /week" },
		{ "CPL <= 900 RUB/month", "cpl <= 900 RUB /month" },
		{ "звонки >= 30 ежемесячно;", "calls >= 30 /month" },
		{ "визиты >= 10000 в неделю", "sessions >= 10000 /week" },
		{ "показы > 1000 в день", "impressions > 1000 /day" },
		{ "продажи >= 12 в год", "sales >= 12 /year" },
		{ "клики>=5", "clicks >= 5" },
		{ "CPI <= 80 RUB", "cpi <= 80 RUB" },
		{ "CPL: <= 900 RUB", "cpl <= 900 RUB" },
		/* what does not parse, and why */
		{ "Grow brand awareness", "no: no comparison (<=, >=, <, >, =)" },
		{ "Охват >= 100000", "no: 'Охват' is not a metric acct knows "
		  "(spend, leads, cpl, ctr, заявки ...)" },
		{ "Cost per lead <= 900", "no: 'Cost per lead' is not a metric "
		  "acct knows (spend, leads, cpl, ctr, заявки ...)" },
		{ "CPL <= cheap", "no: no number after '<=' (cheap)" },
		{ "CPL <=", "no: no number after '<='" },
		{ ">= 5", "no: no metric before '>='" },
		{ "leads >= 15%", "no: a percent needs a ratio (ctr, cr, roas, "
		  "drr), not leads" },
		{ "leads >= 200 RUB", "no: leads is not an amount of money, so "
		  "not in RUB" },
		{ "CTR >= 2 RUB", "no: ctr is not an amount of money, so not in "
		  "RUB" },
		{ "CPL <= 900 bananas!", "no: 'bananas!' after the number is not "
		  "a unit (%, RUB) or a period (/month, в месяц)" },
		{ "CPL <= 900 RUB USD", "no: 'usd' after the number is not a "
		  "unit (%, RUB) or a period (/month, в месяц)" },
		{ "leads >= 200 /month /week", "no: '/week' after the number is "
		  "not a unit (%, RUB) or a period (/month, в месяц)" },
		{ "CPL <= 1,234.5", "no: '1,234.5' is not a number: both a comma "
		  "and a point" },
		{ "", "no: no comparison (<=, >=, <, >, =)" },
	};
	struct acct_buf b = ACCT_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		show(&b, cases[i][0]);
		CHECK_MSG(!strcmp(b.buf, cases[i][1]), "'%s' reads '%s', not "
			  "'%s'", cases[i][0], b.buf, cases[i][1]);
	}
	acct_buf_release(&b);
}

static void test_kpi__list(void)
{
	struct acct_kpi_list l = ACCT_KPI_LIST_INIT;
	char *a = acct_kpi_key("CPI <= 80 RUB"), *b = acct_kpi_key("CPI ≤ 80 rub.");

	CHECK_STR(a, b);
	free(a);
	free(b);
	acct_kpi_list_add(&l, "CPL <= 900 RUB", ACCT_KPI_CARD);
	acct_kpi_list_add(&l, "Brand awareness", ACCT_KPI_CARD);
	acct_kpi_list_add(&l, "cpl ≤ 900 rub.", ACCT_KPI_BRIEF);
	acct_kpi_list_add(&l, "**Brand awareness**", ACCT_KPI_BRIEF);
	acct_kpi_list_add(&l, "leads >= 200 /month", ACCT_KPI_BRIEF);
	acct_kpi_list_add(&l, "", ACCT_KPI_BRIEF);
	acct_kpi_list_add(&l, "LEADS >= 200/month", ACCT_KPI_CARD);
	CHECK_INT(l.n, 3);
	CHECK_STR(l.items[0].text, "CPL <= 900 RUB");
	CHECK_INT(l.items[0].sources, ACCT_KPI_CARD | ACCT_KPI_BRIEF);
	CHECK(l.items[0].measurable && !strcmp(l.items[0].kpi.metric, "cpl"));
	CHECK(!l.items[1].measurable);
	CHECK_STR(l.items[1].why, "no comparison (<=, >=, <, >, =)");
	CHECK_INT(l.items[2].source, ACCT_KPI_BRIEF);
	CHECK(l.items[2].norder == 2 && l.items[2].order[0] == ACCT_KPI_BRIEF &&
	      l.items[2].order[1] == ACCT_KPI_CARD);
	CHECK_STR(acct_kpi_source_name(l.items[2].order[1]), "card");
	acct_kpi_list_release(&l);
}

/* Numbers "name=value ..." for period `label`. */
static void numbers(struct acct_metric_totals *t, const char *label,
		    const char *currency, const char *values)
{
	static const struct acct_date today = { 2026, 11, 23 };
	struct acct_metric_period p;
	struct acct_metric_file *f;
	struct acct_error err = ACCT_ERROR_INIT;
	char buf[256], *tok, *save = NULL;

	acct_metric_period_parse(&p, label, &today, &err);
	{
		/* A quarter's or a year's numbers: in its first month. */
		struct acct_metric_period m = p;

		if (p.grain > ACCT_METRIC_MONTH)
			acct_metric_period_of(&m, ACCT_METRIC_MONTH, &p.since);
		f = acct_metric_file_new("acme", &m, "manual", currency);
	}
	snprintf(buf, sizeof(buf), "%s", values);
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		struct acct_dec d;
		const char *why;

		*eq = '\0';
		CHECK(acct_dec_parse(&d, eq + 1, strlen(eq + 1), 0, &why) == 0);
		acct_metric_file_set(f, tok, d);
	}
	CHECK(acct_metric_sum(t, &f, 1, &p, &err) == 0);
	acct_metric_free(f);
}

/* "status target actual previous change projected (why)" of a KPI. */
static void measure(struct acct_buf *out, const char *kpi, const char *label,
		    const char *cur, const char *prev, const char *today_s)
{
	struct acct_date today, d;
	struct acct_metric_period p;
	struct acct_metric_totals tc, tp;
	struct acct_kpi_result r;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_kpi k;
	char n1[ACCT_DEC_STRLEN], n2[ACCT_DEC_STRLEN], n3[ACCT_DEC_STRLEN];
	char n4[ACCT_DEC_STRLEN], n5[ACCT_DEC_STRLEN];

	acct_buf_reset(out);
	acct_date_parse(&today, today_s, NULL);
	acct_date_parse(&d, "2026-11-23", NULL);
	CHECK(acct_kpi_parse(&k, kpi, &err) == 0);
	CHECK(acct_metric_period_parse(&p, label, &d, &err) == 0);
	numbers(&tc, label, strncmp(cur, "USD ", 4) ? "RUB" : "USD",
		strncmp(cur, "USD ", 4) ? cur : cur + 4);
	{
		struct acct_metric_period pp;

		acct_metric_period_prev(&pp, &p);
		numbers(&tp, pp.label, "RUB", prev);
	}
	acct_kpi_measure(&r, &k, &tc, &tp, &p, &today);
	acct_buf_addf(out, "%s %s %s %s %s %s", acct_kpi_status_text(r.status),
		      acct_kpi_figure_format(n1, &r.target),
		      acct_kpi_figure_format(n2, &r.actual),
		      acct_kpi_figure_format(n3, &r.previous),
		      acct_kpi_figure_format(n4, &r.change),
		      acct_kpi_figure_format(n5, &r.projected));
	if (r.why[0])
		acct_buf_addf(out, " (%s)", r.why);
	acct_metric_totals_release(&tc);
	acct_metric_totals_release(&tp);
}

static void test_kpi__measure(void)
{
	static const char *const cases[][6] = {
		/* kpi, period, numbers, previous, today, result */
		{ "leads >= 200 /month", "2026-10", "leads=210", "leads=150",
		  "2026-11-23", "met 200 210 150 60 " },
		{ "leads >= 200 /month", "2026-10", "leads=190", "", "2026-11-23",
		  "missed 200 190   " },
		{ "leads >= 200", "2026-10", "", "leads=1", "2026-11-23",
		  "no data 200  1   (no leads)" },
		/* a target per month, scaled to the period */
		{ "leads >= 200 /month", "2026-Q3", "leads=610", "", "2026-11-23",
		  "met 600 610   " },
		{ "leads >= 200 /month", "2026", "leads=2300", "", "2027-01-02",
		  "missed 2400 2300   " },
		{ "leads >= 200 /month", "2026-W45", "leads=50", "", "2026-11-23",
		  "met 46.6667 50   " },
		{ "leads >= 10 /day", "2026-10", "leads=300", "", "2026-11-23",
		  "missed 310 300   " },
		{ "spend <= 1 000 000 в квартал", "2026-10", "spend=340000.10", "",
		  "2026-11-23", "missed 333333.3333 340000.10   " },
		{ "leads >= 200", "2026-Q3", "leads=300", "", "2026-11-23",
		  "met 200 300   " },
		/* ratios: never scaled; a zero denominator is no data */
		{ "CPL <= 900 RUB /month", "2026-10", "spend=85050 leads=100",
		  "spend=91000 leads=100", "2026-11-23",
		  "met 900 850.5 910 -59.5 " },
		{ "CPL <= 900 RUB", "2026-10", "spend=85050 leads=0", "",
		  "2026-11-23", "no data 900     (leads is 0)" },
		{ "CPL <= 900 RUB", "2026-10", "spend=85050", "", "2026-11-23",
		  "no data 900     (no leads)" },
		{ "CTR >= 1.5%", "2026-10", "clicks=153 impressions=10000",
		  "clicks=100 impressions=10000", "2026-11-23",
		  "met 1.5 1.53 1 0.53 " },
		{ "CTR >= 0.02", "2026-10", "clicks=153 impressions=10000", "",
		  "2026-11-23", "missed 0.02 0.0153   " },
		{ "ДРР <= 15%", "2026-10", "spend=150 revenue=1000", "",
		  "2026-11-23", "met 15 15   " },
		{ "ДРР < 15%", "2026-10", "spend=150 revenue=1000", "",
		  "2026-11-23", "missed 15 15   " },
		{ "ROAS = 4.2", "2026-10", "spend=1000 revenue=4200.4", "",
		  "2026-11-23", "met 4.2 4.2004   " },
		{ "ROAS = 4.2", "2026-10", "spend=1000 revenue=4260", "",
		  "2026-11-23", "missed 4.2 4.26   " },
		/* a running month: a sum projected over the days so far */
		{ "leads >= 200 /month", "2026-11", "leads=150", "leads=180",
		  "2026-11-23", "behind 200 150 180 -30 195.6522" },
		{ "leads >= 200 /month", "2026-11", "leads=160", "",
		  "2026-11-23", "on track 200 160   208.6957" },
		{ "spend <= 300000", "2026-11", "spend=240000", "",
		  "2026-11-23", "behind 300000 240000   313043.4783" },
		{ "CPL <= 900", "2026-11", "spend=95000 leads=100", "",
		  "2026-11-23", "behind 900 950   " },
		{ "leads >= 200", "2026-11", "", "", "2026-11-23",
		  "no data 200     (no leads)" },
		{ "leads >= 200", "2026-12", "leads=5", "", "2026-11-23",
		  "no data 200 5    (2026-12 has not begun)" },
		/* a currency other than the KPI's */
		{ "CPL <= 900 RUB", "2026-10", "USD spend=85050 leads=100", "",
		  "2026-11-23", "no data 900 850.5    (the numbers are in USD)" },
		{ "CPL <= 900", "2026-10", "USD spend=85050 leads=100", "",
		  "2026-11-23", "met 900 850.5   " },
	};
	struct acct_buf b = ACCT_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		measure(&b, cases[i][0], cases[i][1], cases[i][2], cases[i][3],
			cases[i][4]);
		CHECK_MSG(!strcmp(b.buf, cases[i][5]), "%s for %s: '%s', not "
			  "'%s'", cases[i][0], cases[i][1], b.buf, cases[i][5]);
	}
	CHECK_STR(acct_kpi_status_text(ACCT_KPI_NOT_MEASURABLE),
		  "not measurable");
	acct_buf_release(&b);
}

/*
 * An ASCII text's key (worked out without utf8proc) is the key of the
 * same text with a no-break space, which utf8proc's path drops: every
 * ASCII byte, between letters and at the end.
 */
static void test_kpi__key_ascii(void)
{
	static const char *const texts[] = {
		"CPL <= 900 RUB", "**Brand awareness**.", "  `ROAS` >= 4;,",
		"Leads_per_MONTH\t>= 120", "", ".",
	};
	char text[16], nbsp[80];
	size_t i;
	int c;

	for (i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		char *a, *b;

		snprintf(nbsp, sizeof(nbsp), "%s\xc2\xa0", texts[i]);
		a = acct_kpi_key(texts[i]);
		b = acct_kpi_key(nbsp);
		CHECK_STR(a, b);
		free(a);
		free(b);
	}
	for (c = 1; c < 128; c++) {
		char *a, *b;

		snprintf(text, sizeof(text), "Ab%cZ%c", c, c);
		snprintf(nbsp, sizeof(nbsp), "\xc2\xa0%s", text);
		a = acct_kpi_key(text);
		b = acct_kpi_key(nbsp);
		CHECK_STR(a, b);
		free(a);
		free(b);
	}
}

int main(void)
{
	test_kpi__grammar();
	test_kpi__key_ascii();
	test_kpi__list();
	test_kpi__measure();
	return test_report("kpi");
}
