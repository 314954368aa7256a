#include "acct/metric.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/init.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/period.h"
#include "harness.h"

#include "acct/banned.h"

static const struct acct_date today = { 2026, 11, 23 };

static struct acct_metric_period period(const char *s)
{
	struct acct_metric_period p;
	struct acct_error err = ACCT_ERROR_INIT;

	memset(&p, 0, sizeof(p));
	CHECK_MSG(acct_metric_period_parse(&p, s, &today, &err) == 0,
		  "%s: %s", s, err.msg);
	return p;
}

static void test_metric__periods(void)
{
	struct acct_metric_period p, q;
	struct acct_error err = ACCT_ERROR_INIT;

	p = period("2026-11-20");
	CHECK_INT(p.grain, ACCT_METRIC_DAY);
	CHECK_STR(p.label, "2026-11-20");
	acct_metric_period_prev(&q, &p);
	CHECK_STR(q.label, "2026-11-19");
	p = period("2026-W47");
	CHECK_INT(p.grain, ACCT_METRIC_WEEK);
	CHECK(p.since.day == 16 && p.until.day == 22);
	p = period("last-month");
	CHECK_STR(p.label, "2026-10");
	CHECK_INT(p.grain, ACCT_METRIC_MONTH);
	acct_metric_period_prev(&q, &p);
	CHECK_STR(q.label, "2026-09");
	p = period("2026-Q1");
	acct_metric_period_prev(&q, &p);
	CHECK_STR(q.label, "2025-Q4");
	CHECK_INT(q.grain, ACCT_METRIC_QUARTER);
	p = period("2026");
	CHECK_INT(p.grain, ACCT_METRIC_YEAR);
	p = period("2026-01-01");
	acct_metric_period_prev(&q, &p);
	CHECK_STR(q.label, "2025-12-31");
	CHECK_INT(acct_metric_period_parse(&p, "2026-02-30", &today, &err),
		  ACCT_EUSAGE);
	CHECK(strstr(err.msg, "February 2026 has 28 days") != NULL);
	CHECK_INT(acct_metric_period_parse(&p, "2026-13", &today, &err),
		  ACCT_EUSAGE);
	CHECK(strstr(err.hint, "a day 2026-11-20") != NULL);
	CHECK_INT(acct_metric_period_parse(&p, "all", &today, &err),
		  ACCT_EUSAGE);
	CHECK_INT(acct_metric_period_parse(&p, "soon", &today, &err),
		  ACCT_EUSAGE);
}

/* The months and quarters of a report's KPI charts. */
static void test_metric__series(void)
{
	struct acct_metric_period s[6];
	struct acct_date d = { 2026, 2, 10 };

	acct_metric_period_series(s, 6, ACCT_METRIC_MONTH, &d);
	CHECK_STR(s[0].label, "2025-09");
	CHECK_STR(s[4].label, "2026-01");
	CHECK_STR(s[5].label, "2026-02");
	CHECK_INT(s[5].grain, ACCT_METRIC_MONTH);
	CHECK(s[5].since.day == 1 && s[5].until.day == 28);
	acct_metric_period_series(s, 4, ACCT_METRIC_QUARTER, &d);
	CHECK_STR(s[0].label, "2025-Q2");
	CHECK_STR(s[3].label, "2026-Q1");
	CHECK(s[0].since.month == 4 && s[3].until.month == 3);
	/* One is the period itself; none leaves `out` alone. */
	acct_metric_period_series(s, 1, ACCT_METRIC_MONTH, &d);
	CHECK_STR(s[0].label, "2026-02");
	acct_metric_period_series(s, 0, ACCT_METRIC_QUARTER, &d);
	CHECK_STR(s[0].label, "2026-02");
}

static void test_metric__names(void)
{
	char out[ACCT_METRIC_NAMELEN + 1];
	static const char *const pairs[][2] = {
		{ "заявки", "leads" }, { "Заявки", "leads" },
		{ "расход", "spend" }, { "клики", "clicks" },
		{ "показы", "impressions" }, { "продажи", "sales" },
		{ "выручка", "revenue" }, { "визиты", "sessions" },
		{ "звонки", "calls" }, { "ДРР", "drr" }, { "leads", "leads" },
		{ "my_metric2", "my_metric2" },
	};
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(*pairs); i++) {
		CHECK_MSG(acct_metric_name(out, pairs[i][0], 0) == 0,
			  "%s", pairs[i][0]);
		CHECK_STR(out, pairs[i][1]);
	}
	CHECK_INT(acct_metric_name(out, "Leads", 0), -1);
	CHECK_INT(acct_metric_name(out, "Leads", 1), 0);
	CHECK_STR(out, "leads");
	CHECK_INT(acct_metric_name(out, "CPL", 1), 0);
	CHECK_STR(out, "cpl");
	CHECK_INT(acct_metric_name(out, "охват", 1), -1);
	CHECK_INT(acct_metric_name(out, "1x", 0), -1);
	CHECK_INT(acct_metric_name(out, "a-b", 0), -1);
	CHECK_INT(acct_metric_name(out, "", 0), -1);
	CHECK(!acct_metric_name_ok("_x"));
	CHECK(acct_metric_name_ok("x_1"));
	CHECK(!acct_metric_name_ok("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
				   "aaaaaaaaaaaaaaaaaaaa"));
	CHECK(acct_metric_source_ok("yandex-direct"));
	CHECK(!acct_metric_source_ok("direct"));
	CHECK(acct_metric_derived_find("drr") != NULL);
	CHECK_STR(acct_metric_derived_find("drr")->num, "spend");
	CHECK(acct_metric_derived_find("spend") == NULL);
}

static struct acct_metric_file *parse(const char *path, const char *text,
				      struct acct_error *err)
{
	struct acct_metric_file *f = NULL;

	acct_error_clear(err);
	acct_metric_parse(&f, "acme", path, text, strlen(text), err);
	return f;
}

#define P "clients/acme/metrics/2026/"

static void test_metric__parse(void)
{
	static const struct {
		const char *text, *msg;
		size_t line, col;
	} bad[] = {
		{ "period: 2026-11\nsource: manual\nvalues:\n  spend: 1 200\n",
		  "spend must be a plain number with at most 4 decimal places "
		  "(12, 148200.50), not '1 200'", 4, 10 },
		{ "period: 2026-11\nsource: manual\nvalues:\n  spend: \"12\"\n",
		  "spend must be a plain number with at most 4 decimal places "
		  "(12, 148200.50), not '12' in quotes", 4, 10 },
		{ "period: 2026-11\nsource: manual\nvalues:\n  spend: 12,5\n",
		  NULL, 4, 10 },
		{ "period: 2026-11\nsource: manual\nvalues:\n  spend: 1.23456\n",
		  NULL, 4, 10 },
		{ "period: 2026-11\nsource: manual\nvalues:\n  spend: -3\n",
		  NULL, 4, 10 },
		{ "period: 2026-11\nsource: manual\nvalues:\n  spend: 1e3\n",
		  NULL, 4, 10 },
		{ "period: 2026-11\nsource: manual\nvalues:\n  spend: 012\n",
		  NULL, 4, 10 },
		{ "period: 2026-11\nsource: manual\nvalues:\n  spend:\n",
		  "spend must be a plain number with at most 4 decimal places "
		  "(12, 148200.50), not empty", 4, 9 },
		{ "period: 2026-11\nsource: manual\nvalues:\n  spend: [1]\n",
		  NULL, 4, 10 },
		{ "period: 2026-11\nsource: manual\nvalues:\n  spend: !!float 1\n",
		  NULL, 4, 10 },
		{ "period: 2026-11\nsource: manual\nvalues:\n  ctr: 1\n",
		  "ctr is computed (clicks / impressions), never stored; record "
		  "clicks and impressions", 4, 3 },
		{ "period: 2026-11\nsource: manual\nvalues:\n  Leads: 1\n",
		  NULL, 4, 3 },
		{ "period: 2026-11\nsource: manual\nvalues: [1]\n",
		  "values must be a mapping of metric name to number", 3, 9 },
		{ "period: 2026-11\nsource: manual\n",
		  "the file has no values (values: a mapping of metric name to "
		  "number)", 1, 1 },
		{ "period: 2026-10\nsource: manual\nvalues: {}\n",
		  "period 2026-10 does not match the file's name (2026-11)", 1, 9 },
		{ "period: 2026-11\nsource: google-ads\nvalues: {}\n",
		  "source google-ads does not match the file's name (manual)",
		  2, 9 },
		{ "period: 2026-Q4\nsource: manual\nvalues: {}\n", NULL, 1, 9 },
		{ "period: 2026-11\nsource: bing\nvalues: {}\n", NULL, 2, 9 },
		{ "period: 2026-11\nsource: manual\ncurrency: rub\nvalues: {}\n",
		  "currency must be three capital letters (RUB, USD), not 'rub'",
		  3, 11 },
		{ "source: manual\nvalues: {}\n", "the file has no period", 1, 1 },
		{ "- 1\n", NULL, 1, 1 },
		{ "period: 2026-11\nsource: manual\nvalues:\n  a: 1\n  a: 2\n",
		  NULL, 5, 3 },
		{ "period: [2026-11\n", NULL, 0, 0 },
	};
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_metric_file *f;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		f = parse(P "2026-11-manual.yaml", bad[i].text, &err);
		CHECK_MSG(!f && err.code == ACCT_EDATA, "bad[%zu] accepted", i);
		acct_metric_free(f);
		CHECK_STR(err.file, P "2026-11-manual.yaml");
		if (bad[i].msg)
			CHECK_STR(err.msg, bad[i].msg);
		if (bad[i].line)
			CHECK_MSG(err.line == bad[i].line && err.col == bad[i].col,
				  "bad[%zu] at %zu:%zu, not %zu:%zu (%s)", i,
				  err.line, err.col, bad[i].line, bad[i].col,
				  err.msg);
	}
	f = parse(P "2026-11-yandex-direct.yaml",
		  "# an import\nperiod: 2026-11\nsource: yandex-direct\n"
		  "currency: RUB\nnote: kept, not read\nvalues:\n"
		  "  spend: 148200.50\n  clicks: 2400\n  installs: 7\n", &err);
	if (CHECK_MSG(f != NULL, "%s", err.msg)) {
		char num[ACCT_DEC_STRLEN];

		CHECK_INT(f->period.grain, ACCT_METRIC_MONTH);
		CHECK_STR(f->source, "yandex-direct");
		CHECK_STR(f->currency, "RUB");
		CHECK_INT(f->n, 3);
		CHECK_STR(acct_dec_format(num, acct_metric_file_get(f, "spend")->value),
			  "148200.50");
		CHECK_INT(acct_metric_file_get(f, "installs")->line, 9);
	}
	acct_metric_free(f);
	/* A name that is no metric file's: only the keys are read. */
	f = parse("elsewhere.yaml", "period: 2026-W47\nsource: ga4\nvalues: {}\n",
		  &err);
	CHECK(f && f->period.grain == ACCT_METRIC_WEEK);
	acct_metric_free(f);
	f = parse(P "2026-11-20-metrica.yaml",
		  "period: 2026-11-20\nsource: metrica\nvalues:\n", &err);
	CHECK(f && f->n == 0 && f->period.grain == ACCT_METRIC_DAY);
	acct_metric_free(f);
}

/* A file of `source` for `label` with "name=value" pairs. */
static struct acct_metric_file *mk(const char *label, const char *source,
				   const char *currency, const char *values)
{
	struct acct_metric_period p = period(label);
	struct acct_metric_file *f = acct_metric_file_new("acme", &p, source,
							  currency);
	char buf[256], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", values);
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		struct acct_dec d;
		const char *why;

		*eq = '\0';
		CHECK(acct_dec_parse(&d, eq + 1, strlen(eq + 1), 0, &why) == 0);
		acct_metric_file_set(f, tok, d);
	}
	return f;
}

/* The totals of `label` as "name=value ..." and the sources. */
static void totals(struct acct_buf *out, struct acct_metric_file **files,
		   size_t n, const char *label)
{
	struct acct_metric_period p = period(label);
	struct acct_metric_totals t;
	struct acct_error err = ACCT_ERROR_INIT;
	char num[ACCT_DEC_STRLEN];
	size_t i;

	acct_buf_reset(out);
	if (acct_metric_sum(&t, files, n, &p, &err) < 0) {
		acct_buf_addf(out, "error: %s", err.msg);
		return;
	}
	for (i = 0; i < t.n; i++)
		acct_buf_addf(out, "%s%s=%s", i ? " " : "", t.values[i].name,
			      acct_dec_format(num, t.values[i].value));
	acct_buf_addstr(out, " |");
	for (i = 0; i < t.nsources; i++)
		acct_buf_addf(out, " %s", t.sources[i]);
	acct_buf_addf(out, " | %zu", t.nfiles);
	acct_metric_totals_release(&t);
}

static void free_all(struct acct_metric_file **f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		acct_metric_free(f[i]);
}

static void test_metric__sum(void)
{
	struct acct_buf b = ACCT_BUF_INIT;
	struct acct_metric_file *f[16];
	size_t n = 0;

	/* Exact sums: 148200.50 + 0.10 is 148200.60. */
	f[n++] = mk("2026-11-02", "yandex-direct", "RUB", "spend=148200.50 clicks=10");
	f[n++] = mk("2026-11-03", "yandex-direct", "RUB", "spend=0.10 clicks=5");
	totals(&b, f, n, "2026-11");
	CHECK_STR(b.buf, "spend=148200.60 clicks=15 | yandex-direct | 2");
	/* A day alone; a week from its days; a day outside is left out. */
	totals(&b, f, n, "2026-11-03");
	CHECK_STR(b.buf, "spend=0.10 clicks=5 | yandex-direct | 1");
	totals(&b, f, n, "2026-W45");
	CHECK_STR(b.buf, "spend=148200.60 clicks=15 | yandex-direct | 2");
	totals(&b, f, n, "2026-W44");
	CHECK_STR(b.buf, " | | 0");
	totals(&b, f, n, "2026-10");
	CHECK_STR(b.buf, " | | 0");
	/* The month's own file wins over its days: never both. */
	f[n++] = mk("2026-11", "yandex-direct", "RUB", "spend=200000 clicks=20");
	totals(&b, f, n, "2026-11");
	CHECK_STR(b.buf, "spend=200000 clicks=20 | yandex-direct | 1");
	/* Another source adds up per metric; names in acct's order. */
	f[n++] = mk("2026-11", "google-ads", "RUB", "clicks=7 leads=3 zz=1 aa=2");
	totals(&b, f, n, "2026-11");
	CHECK_STR(b.buf, "spend=200000 clicks=27 leads=3 aa=2 zz=1 | "
		  "google-ads yandex-direct | 2");
	/* Manual overrides what it names, and only that. */
	f[n++] = mk("2026-11", "manual", NULL, "leads=40 calls=9");
	totals(&b, f, n, "2026-11");
	CHECK_STR(b.buf, "spend=200000 clicks=27 leads=40 calls=9 aa=2 zz=1 | "
		  "google-ads manual yandex-direct | 3");
	free_all(f, n);

	/* A week file is for its week only: never split into months. */
	n = 0;
	f[n++] = mk("2026-W44", "google-ads", NULL, "clicks=100");	/* Oct 26 - Nov 1 */
	f[n++] = mk("2026-10-27", "google-ads", NULL, "clicks=1");
	f[n++] = mk("2026-11-01", "google-ads", NULL, "clicks=2");
	totals(&b, f, n, "2026-W44");
	CHECK_STR(b.buf, "clicks=100 | google-ads | 1");
	totals(&b, f, n, "2026-11");
	CHECK_STR(b.buf, "clicks=2 | google-ads | 1");
	totals(&b, f, n, "2026-10");
	CHECK_STR(b.buf, "clicks=1 | google-ads | 1");
	totals(&b, f, n, "2026-Q4");
	CHECK_STR(b.buf, "clicks=3 | google-ads | 2");
	free_all(f, n);

	/* A quarter: month by month, a month's file else its days. */
	n = 0;
	f[n++] = mk("2026-10", "vk-ads", NULL, "spend=100 leads=1");
	f[n++] = mk("2026-10-05", "vk-ads", NULL, "spend=999");	/* not used */
	f[n++] = mk("2026-11", "vk-ads", NULL, "spend=200 leads=2");
	f[n++] = mk("2026-12-01", "vk-ads", NULL, "spend=0.5");
	f[n++] = mk("2026-12-31", "vk-ads", NULL, "spend=0.25 leads=4");
	f[n++] = mk("2027-01-01", "vk-ads", NULL, "spend=1000");
	totals(&b, f, n, "2026-Q4");
	CHECK_STR(b.buf, "spend=300.75 leads=7 | vk-ads | 4");
	totals(&b, f, n, "2026");
	CHECK_STR(b.buf, "spend=300.75 leads=7 | vk-ads | 4");
	totals(&b, f, n, "2026-12");
	CHECK_STR(b.buf, "spend=0.75 leads=4 | vk-ads | 2");
	free_all(f, n);

	/* Manual by day: those days of daily sources, all of a monthly one. */
	n = 0;
	f[n++] = mk("2026-11-02", "metrica", NULL, "sessions=10 leads=1");
	f[n++] = mk("2026-11-03", "metrica", NULL, "sessions=20 leads=2");
	f[n++] = mk("2026-11", "csv", NULL, "leads=50 sales=5");
	f[n++] = mk("2026-11-03", "manual", NULL, "leads=7");
	totals(&b, f, n, "2026-11");
	CHECK_STR(b.buf, "leads=8 sales=5 sessions=30 | csv manual metrica | 4");
	totals(&b, f, n, "2026-11-03");
	CHECK_STR(b.buf, "leads=7 sessions=20 | manual metrica | 2");
	/*
	 * A manual month file overrides the month whole, and then manual's
	 * days are not used for the month: one granularity at a time.
	 */
	f[n++] = mk("2026-11", "manual", NULL, "sessions=1");
	totals(&b, f, n, "2026-11");
	CHECK_STR(b.buf, "leads=53 sales=5 sessions=1 | csv manual metrica | 4");
	free_all(f, n);

	/* Two currencies for one period: an error at the second one. */
	n = 0;
	f[n++] = mk("2026-11", "google-ads", "USD", "spend=10");
	f[n++] = mk("2026-11", "yandex-direct", "RUB", "spend=10");
	f[n++] = mk("2026-11", "manual", NULL, "spend=10");
	totals(&b, f, n, "2026-11");
	CHECK(strstr(b.buf, "error: currency RUB, but clients/acme/metrics/2026/"
		     "2026-11-google-ads.yaml has USD for 2026-11") == b.buf);
	free_all(f, n);

	/* A sum too large is an error, not a wrap. */
	n = 0;
	f[n++] = mk("2026-11-01", "csv", NULL, "spend=900000000000000");
	f[n++] = mk("2026-11-02", "csv", NULL, "spend=1");
	totals(&b, f, n, "2026-11");
	CHECK_STR(b.buf, "error: the sum of spend is too large");
	free_all(f, n);
	acct_buf_release(&b);
}

static void test_metric__derived(void)
{
	struct acct_metric_file *f[2];
	struct acct_metric_period p = period("2026-11");
	struct acct_metric_totals t;
	struct acct_error err = ACCT_ERROR_INIT;
	char num[ACCT_DEC_STRLEN];
	double x = -1;

	f[0] = mk("2026-11", "manual", NULL, "spend=1000 impressions=40000 "
		  "clicks=800 leads=0 revenue=4200.50");
	CHECK(acct_metric_sum(&t, f, 1, &p, &err) == 0);
	CHECK(acct_metric_ratio(&x, &t, "ctr") && x == 0.02);
	CHECK(acct_metric_ratio(&x, &t, "cpc") && x == 1.25);
	CHECK(acct_metric_ratio(&x, &t, "cr") && x == 0);
	CHECK(acct_metric_ratio(&x, &t, "roas") && x == 4.2005);
	CHECK(acct_metric_ratio(&x, &t, "drr"));
	CHECK_STR(acct_metric_round(num, x), "0.2381");
	/* leads 0: no CPL, never 0 or inf; no sales: no CAC. */
	x = -1;
	CHECK(!acct_metric_ratio(&x, &t, "cpl") && x == -1);
	CHECK(!acct_metric_ratio(&x, &t, "cac") && x == -1);
	CHECK(!acct_metric_ratio(&x, &t, "spend"));
	acct_metric_totals_release(&t);
	acct_metric_free(f[0]);

	CHECK_STR(acct_metric_round(num, 0.0153), "0.0153");
	CHECK_STR(acct_metric_round(num, 0.01534567), "0.01535");
	CHECK_STR(acct_metric_round(num, 0.000012346), "0.00001235");
	CHECK_STR(acct_metric_round(num, 1234.56789), "1234.5679");
	CHECK_STR(acct_metric_round(num, 4.0), "4");
	CHECK_STR(acct_metric_round(num, 0.1 + 0.2), "0.3");
	CHECK_STR(acct_metric_round(num, 0), "0");
	CHECK_STR(acct_metric_round(num, -0.00001), "-0.00001");
	CHECK_STR(acct_metric_round(num, -0.00000000000000001), "0");
}

static void test_metric__text(void)
{
	struct acct_metric_file *f = mk("2026-W47", "ga4", "EUR",
					"zz=1 leads=2.50 spend=3");
	struct acct_metric_file *g = NULL;
	struct acct_buf b = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;

	CHECK_STR(f->path, "clients/acme/metrics/2026/2026-W47-ga4.yaml");
	acct_metric_text(&b, f);
	CHECK_STR(b.buf, "period: 2026-W47\nsource: ga4\ncurrency: EUR\n"
		  "values:\n  spend: 3\n  leads: 2.50\n  zz: 1\n");
	/* What acct writes, it reads back. */
	CHECK_INT(acct_metric_parse(&g, "acme", f->path, b.buf, b.len, &err), 0);
	CHECK(g && g->n == 3 && !strcmp(g->currency, "EUR"));
	acct_metric_free(g);
	CHECK_INT(acct_metric_file_add(f, "leads", acct_dec_int(1)), 0);
	CHECK_INT(acct_metric_file_get(f, "leads")->value.v, 35000);
	CHECK_INT(acct_metric_file_add(f, "new", acct_dec_int(1)), 0);
	CHECK_INT(f->n, 4);
	acct_metric_free(f);
	f = mk("2026-12-01", "manual", NULL, "");
	acct_buf_reset(&b);
	acct_metric_text(&b, f);
	CHECK_STR(b.buf, "period: 2026-12-01\nsource: manual\nvalues: {}\n");
	CHECK_STR(f->path, "clients/acme/metrics/2026/2026-12-01-manual.yaml");
	acct_metric_free(f);
	acct_buf_release(&b);
}

/* acct_metric_write() in a real book: one commit, replace ranges, merge. */
static void test_metric__write(void)
{
	static const struct acct_ident ident = {
		"Anna", "anna@agency.example", "1795424400 +0000",
		"Anna", "anna@agency.example", "1795424400 +0000",
	};
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client_spec spec = { 0 };
	struct acct_buf slug = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	struct acct_metric_changes ch = ACCT_METRIC_CHANGES_INIT;
	struct acct_metric_replace rep;
	struct acct_metric_list list = ACCT_METRIC_LIST_INIT;
	struct acct_metric_file *f[4];
	struct acct_book *book = NULL;
	char dir[] = "/tmp/acct-test-metric.XXXXXX", cmd[96];
	struct acct_time now;

	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	if (!CHECK(mkdtemp(dir) != NULL) ||
	    !CHECK_MSG(acct_book_init(dir, &now, &ident, &err) == 0 &&
		       acct_book_open(&book, dir, &now, &ident, &err) == 0,
		       "%s", err.msg))
		return;
	spec.name = "Acme";
	CHECK_MSG(acct_client_add(&slug, book, &spec, &err) == 0, "%s", err.msg);

	/* An import of three days. */
	f[0] = mk("2026-11-01", "google-ads", "RUB", "clicks=1");
	f[1] = mk("2026-11-02", "google-ads", "RUB", "clicks=2");
	f[2] = mk("2026-11-03", "google-ads", "RUB", "clicks=3");
	rep = (struct acct_metric_replace){ "acme", "google-ads",
					    { 2026, 11, 1 }, { 2026, 11, 3 } };
	CHECK_MSG(acct_metric_write(&ch, book, f, 3, &rep, 1, 0,
				    "metric import: 3 days", &err) == 0,
		  "%s", err.msg);
	CHECK(ch.n == 3 && ch.items[0].action == ACCT_METRIC_ADDED);
	acct_metric_changes_release(&ch);
	/* The same again: nothing changes, no commit. */
	CHECK_INT(acct_metric_write(&ch, book, f, 3, &rep, 1, 0, "again", &err), 1);
	CHECK(ch.n == 3 && ch.items[2].action == ACCT_METRIC_UNCHANGED);
	acct_metric_changes_release(&ch);
	free_all(f, 3);

	/* A newer export of days 2 and 3 only: day 1 stays, 3 changes. */
	f[0] = mk("2026-11-02", "google-ads", "RUB", "clicks=2.0");
	f[1] = mk("2026-11-03", "google-ads", "RUB", "clicks=30");
	rep.since.day = 2;
	CHECK_INT(acct_metric_write(&ch, book, f, 2, &rep, 1, 0, "x", &err), 0);
	CHECK(ch.n == 2 && ch.items[0].action == ACCT_METRIC_UNCHANGED &&
	      ch.items[1].action == ACCT_METRIC_CHANGED);
	acct_metric_changes_release(&ch);
	free_all(f, 2);

	/* An export of day 1 and 3 over days 1-3: day 2 goes. */
	f[0] = mk("2026-11-01", "google-ads", "RUB", "clicks=1");
	f[1] = mk("2026-11-03", "google-ads", "RUB", "clicks=30");
	rep.since.day = 1;
	CHECK_INT(acct_metric_write(&ch, book, f, 2, &rep, 1,
				    ACCT_METRIC_DRY_RUN, "x", &err), 0);
	CHECK(ch.n == 3 && ch.items[2].action == ACCT_METRIC_REMOVED &&
	      !strcmp(ch.items[2].path,
		      "clients/acme/metrics/2026/2026-11-02-google-ads.yaml"));
	acct_metric_changes_release(&ch);
	CHECK_INT(acct_metric_list(&list, book, "acme", NULL, &rep.since,
				   &rep.until, &err), 0);
	CHECK_INT(list.n, 3);		/* a dry run wrote nothing */
	acct_metric_list_release(&list);
	CHECK_INT(acct_metric_write(NULL, book, f, 2, &rep, 1, 0, "x", &err), 0);
	CHECK_INT(acct_metric_list(&list, book, "acme", "google-ads", &rep.since,
				   &rep.until, &err), 0);
	CHECK_INT(list.n, 2);
	acct_metric_list_release(&list);
	free_all(f, 2);

	/* Refusals, nothing written: a quarter, an unknown client, a twice. */
	f[0] = mk("2026-Q4", "manual", NULL, "leads=1");
	CHECK_INT(acct_metric_write(NULL, book, f, 1, NULL, 0, 0, "x", &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg, "a metric file holds a day, a week or a month, not "
		  "quarter 2026-Q4");
	acct_metric_free(f[0]);
	f[0] = mk("2026-11", "manual", NULL, "ctr=1");
	CHECK_INT(acct_metric_write(NULL, book, f, 1, NULL, 0, 0, "x", &err),
		  ACCT_EUSAGE);
	acct_metric_free(f[0]);
	f[0] = mk("2026-11", "manual", NULL, "leads=1");
	f[1] = mk("2026-11", "manual", NULL, "leads=2");
	CHECK_INT(acct_metric_write(NULL, book, f, 2, NULL, 0, 0, "x", &err),
		  ACCT_EUSAGE);
	free(f[0]->slug);
	f[0]->slug = acct_strdup("nobody");
	CHECK_INT(acct_metric_write(NULL, book, f, 1, NULL, 0, 0, "x", &err),
		  ACCT_ENOTFOUND);
	free_all(f, 2);

	/* Merge: the named metrics change in place, others and comments stay. */
	f[0] = mk("2026-11", "manual", NULL, "leads=5 calls=2");
	CHECK_INT(acct_metric_write(NULL, book, f, 1, NULL, 0, ACCT_METRIC_MERGE,
				    "x", &err), 0);
	acct_metric_free(f[0]);
	f[0] = mk("2026-11", "manual", "RUB", "leads=6");
	CHECK_INT(acct_metric_write(NULL, book, f, 1, NULL, 0, ACCT_METRIC_MERGE,
				    "x", &err), 0);
	acct_metric_free(f[0]);
	snprintf(cmd, sizeof(cmd), "%s/%s", dir,
		 "clients/acme/metrics/2026/2026-11-manual.yaml");
	CHECK(acct_buf_read_file(&text, cmd) == 0);
	CHECK_STR(text.buf, "period: 2026-11\nsource: manual\ncurrency: RUB\n"
		  "values:\n  leads: 6\n  calls: 2\n");
	f[0] = mk("2026-11", "manual", "USD", "leads=6");
	CHECK_INT(acct_metric_write(NULL, book, f, 1, NULL, 0, ACCT_METRIC_MERGE,
				    "x", &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "the numbers here are in RUB, not USD");
	acct_metric_free(f[0]);
	f[0] = mk("2026-11", "manual", NULL, "leads=6.00");
	CHECK_INT(acct_metric_write(NULL, book, f, 1, NULL, 0, ACCT_METRIC_MERGE,
				    "x", &err), 1);
	acct_metric_free(f[0]);

	acct_book_free(book);
	acct_buf_release(&slug);
	acct_buf_release(&text);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

int main(void)
{
	test_metric__periods();
	test_metric__series();
	test_metric__names();
	test_metric__parse();
	test_metric__sum();
	test_metric__derived();
	test_metric__text();
	test_metric__write();
	return test_report("metric");
}
