/*
 * lib/metric_import.c: an ad platform's export as rows of numbers. The
 * shapes come from tests/fixtures/metrics/ (made up, in the platforms'
 * shapes) and from small texts here; each refusal is checked with its
 * exact place and message.
 */
#include "acct/metric_import.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "harness.h"
#include "acct/banned.h"

#define FIXTURES "tests/fixtures/metrics/"

static const char *const grains[] = { "day", "week", "month" };

/*
 * The export as text: a line of what it is, then a line a row,
 * "client|campaign|period|metric|value|currency|line:col", "-" for NULL.
 */
static void render(struct acct_buf *out, const struct acct_metric_export *x)
{
	char v[ACCT_DEC_STRLEN], a[ACCT_DATE_STRLEN], z[ACCT_DATE_STRLEN];
	size_t i;

	acct_date_format(a, &x->first);
	acct_date_format(z, &x->last);
	acct_buf_addf(out, "%s%s %s %s..%s totals %zu no data %zu\n",
		      x->source, x->detected ? "" : " (given)",
		      grains[x->grain], a, z, x->totals, x->no_data);
	for (i = 0; i < x->nrows; i++) {
		const struct acct_metric_row *r = &x->rows[i];

		acct_buf_addf(out, "%s|%s|%s|%s|%s|%s|%zu:%zu\n",
			      r->client ? r->client : "-",
			      r->campaign ? r->campaign : "-", r->period,
			      r->metric, acct_dec_format(v, r->value),
			      r->currency ? r->currency : "-", r->line, r->col);
	}
}

static void check_parse(const char *data, size_t len, const char *source,
			const char *period, const char *want,
			const char *file, int line)
{
	struct acct_metric_export x;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf b = ACCT_BUF_INIT;
	int rc = acct_metric_export_parse(&x, "in.csv", data, len, source,
					  period, &err);

	if (rc == 0)
		render(&b, &x);
	check_(rc == 0 && !strcmp(b.buf, want), file, line,
	       "parse == %d (%s:%zu:%zu: %s)\n%s\nwant\n%s", rc, err.file,
	       err.line, err.col, err.msg, b.buf, want);
	acct_metric_export_release(&x);
	acct_buf_release(&b);
}

#define CHECK_PARSE(data, source, period, want) \
	check_parse((data), sizeof(data) - 1, (source), (period), (want), \
		    __FILE__, __LINE__)

static void check_file(const char *name, const char *source,
		       const char *want, const char *file, int line)
{
	struct acct_buf path = ACCT_BUF_INIT, data = ACCT_BUF_INIT;

	acct_buf_addf(&path, FIXTURES "%s", name);
	if (acct_buf_read_file(&data, path.buf) < 0)
		check_(0, file, line, "cannot read %s", path.buf);
	else
		check_parse(data.buf, data.len, source, NULL, want, file, line);
	acct_buf_release(&path);
	acct_buf_release(&data);
}

#define CHECK_FILE(name, source, want) \
	check_file((name), (source), (want), __FILE__, __LINE__)

/* A refusal: its code, and "line:col: message" in in.csv. */
static void check_refused(const char *data, size_t len, const char *source,
			  const char *period, int code, const char *want,
			  const char *file, int line)
{
	struct acct_metric_export x;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf b = ACCT_BUF_INIT;
	int rc = acct_metric_export_parse(&x, "in.csv", data, len, source,
					  period, &err);

	if (code == ACCT_EDATA)
		acct_buf_addf(&b, "%zu:%zu: ", err.line, err.col);
	acct_buf_addstr(&b, err.msg);
	check_(rc == code && err.code == code && !strcmp(b.buf, want) &&
	       err.hint[0] && (code != ACCT_EDATA ||
			       !strcmp(err.file, "in.csv")) &&
	       !x.rows && !x.nrows && !x.columns && !x.text_, file, line,
	       "parse == %d: %s\nwant %d: %s", rc, b.buf, code, want);
	acct_metric_export_release(&x);
	acct_buf_release(&b);
}

#define CHECK_REFUSED(data, want) \
	check_refused((data), sizeof(data) - 1, NULL, NULL, ACCT_EDATA, \
		      (want), __FILE__, __LINE__)

/* UTF-8 as UTF-16 with a byte order mark (the test's text is valid). */
static void to_utf16(struct acct_buf *out, const char *s, size_t len, int big)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	acct_buf_add(out, big ? "\xfe\xff" : "\xff\xfe", 2);
	while (i < len) {
		unsigned cp, n, k, units[2], nu = 1;

		if (u[i] < 0x80)
			cp = u[i], n = 1;
		else if (u[i] < 0xe0)
			cp = u[i] & 0x1f, n = 2;
		else if (u[i] < 0xf0)
			cp = u[i] & 0x0f, n = 3;
		else
			cp = u[i] & 0x07, n = 4;
		for (k = 1; k < n; k++)
			cp = cp << 6 | (u[i + k] & 0x3f);
		i += n;
		units[0] = cp;
		if (cp >= 0x10000) {
			units[0] = 0xd800 + ((cp - 0x10000) >> 10);
			units[1] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
			nu = 2;
		}
		for (k = 0; k < nu; k++) {
			acct_buf_addch(out, big ? units[k] >> 8 : units[k] & 0xff);
			acct_buf_addch(out, big ? units[k] & 0xff : units[k] >> 8);
		}
	}
}

/* --- the shapes --------------------------------------------------------- */

static void test_metric_import__yandex_direct(void)
{
	/*
	 * A title with the dates, tabs, no-break-space thousands, decimal
	 * commas, '--' for no data, CTR and the cost per click left out,
	 * both date forms, a closing Итого; the span is the title's.
	 */
	CHECK_FILE("yandex-direct.tsv", NULL,
		   "yandex-direct day 2026-11-01..2026-11-30 totals 1 no data 3\n"
		   "-|Поиск — бренд|2026-11-20|impressions|1234|-|3:26\n"
		   "-|Поиск — бренд|2026-11-20|clicks|56|-|3:32\n"
		   "-|Поиск — бренд|2026-11-20|spend|3456.78|RUB|3:40\n"
		   "-|Поиск — бренд|2026-11-20|leads|7|-|3:55\n"
		   "-|РСЯ — ретаргетинг|2026-11-20|impressions|12000|-|4:30\n"
		   "-|Поиск — бренд|2026-11-21|impressions|1100|-|5:26\n"
		   "-|Поиск — бренд|2026-11-21|clicks|50|-|5:32\n"
		   "-|Поиск — бренд|2026-11-21|spend|3000.50|RUB|5:40\n"
		   "-|Поиск — бренд|2026-11-21|leads|5|-|5:55\n");
	/*
	 * ';', months in words and as 11.2026, tenge, a goal's own column
	 * ("Конверсии (Цель 1)") left out: it is part of Конверсии.
	 */
	CHECK_FILE("yandex-direct-month.csv", NULL,
		   "yandex-direct month 2026-10-01..2026-11-30 totals 1 no data 0\n"
		   "-|Поиск|2026-10|impressions|10000|-|3:20\n"
		   "-|Поиск|2026-10|clicks|300|-|3:27\n"
		   "-|Поиск|2026-10|spend|150000.00|KZT|3:31\n"
		   "-|Поиск|2026-10|leads|12|-|3:42\n"
		   "-|Поиск|2026-11|impressions|12500|-|4:15\n"
		   "-|Поиск|2026-11|clicks|410|-|4:22\n"
		   "-|Поиск|2026-11|spend|175250.5|KZT|4:26\n"
		   "-|Поиск|2026-11|leads|15|-|4:36\n");
	/* USD in the header; a report for the whole period takes the title's. */
	CHECK_PARSE("\"Отчет по кампаниям (01.11.2026 - 30.11.2026)\"\n"
		    "Кампания;Показы;Клики;Расход (USD);CTR (%)\n"
		    "Бренд;1 000;10;12,5;1,00\n"
		    "Итого;1 000;10;12,5;1,00\n", NULL, NULL,
		    "yandex-direct month 2026-11-01..2026-11-30 totals 1 no data 0\n"
		    "-|Бренд|2026-11|impressions|1000|-|3:7\n"
		    "-|Бренд|2026-11|clicks|10|-|3:13\n"
		    "-|Бренд|2026-11|spend|12.5|USD|3:16\n");
}

static const char google_rows[] =
	"-|Brand search|2026-11-20|clicks|1234|-|4:29\n"
	"-|Brand search|2026-11-20|impressions|10500|-|4:37\n"
	"-|Brand search|2026-11-20|spend|2345.67|USD|4:53\n"
	"-|Brand search|2026-11-20|leads|12.50|-|4:64\n"
	"-|Brand search|2026-11-20|revenue|4000.00|USD|4:70\n"
	"-|Brand search|2026-11-21|clicks|980|-|5:33\n"
	"-|Brand search|2026-11-21|impressions|9870|-|5:37\n"
	"-|Brand search|2026-11-21|spend|1900.10|USD|5:51\n"
	"-|Brand search|2026-11-21|leads|10.00|-|5:62\n"
	"-|Brand search|2026-11-21|revenue|3100.00|USD|5:68\n"
	"-|Display|2026-11-21|clicks|15|-|6:24\n"
	"-|Display|2026-11-21|impressions|20000|-|6:27\n"
	"-|Display|2026-11-21|spend|45.00|USD|6:42\n";

static void test_metric_import__google_ads(void)
{
	struct acct_buf want = ACCT_BUF_INIT;

	/*
	 * Two title lines, "1,234" thousands, "12.34%" CTR left out, days
	 * as 2026-11-20 and "Nov 21, 2026", " --" for no data, the Total:
	 * rows left out; currency from "Currency code", for money only.
	 */
	acct_buf_addstr(&want, "google-ads day 2026-11-01..2026-11-30 "
			"totals 2 no data 2\n");
	acct_buf_addstr(&want, google_rows);
	CHECK_FILE("google-ads.csv", NULL, want.buf);
	acct_buf_release(&want);

	/* "CSV for Excel": UTF-16LE with a BOM, tabs, a month column. */
	CHECK_FILE("google-ads-excel.csv", NULL,
		   "google-ads month 2026-10-01..2026-11-30 totals 1 no data 0\n"
		   "-|Brand \xf0\x9f\x9a\x80|2026-10|clicks|1000|-|4:22\n"
		   "-|Brand \xf0\x9f\x9a\x80|2026-10|impressions|8000|-|4:28\n"
		   "-|Brand \xf0\x9f\x9a\x80|2026-10|spend|1500.00|EUR|4:34\n"
		   "-|Brand \xf0\x9f\x9a\x80|2026-10|leads|9.00|-|4:43\n"
		   "-|Brand \xf0\x9f\x9a\x80|2026-11|clicks|1100|-|5:20\n"
		   "-|Brand \xf0\x9f\x9a\x80|2026-11|impressions|8800|-|5:26\n"
		   "-|Brand \xf0\x9f\x9a\x80|2026-11|spend|1650.25|EUR|5:32\n"
		   "-|Brand \xf0\x9f\x9a\x80|2026-11|leads|10.00|-|5:41\n");
	/* A week column: its Monday is the week. */
	CHECK_PARSE("Week,Campaign,Clicks,Impr.\n"
		    "2026-11-16,A,1,10\n2026-11-23,A,2,20\n", NULL, NULL,
		    "google-ads week 2026-11-16..2026-11-29 totals 0 no data 0\n"
		    "-|A|2026-W47|clicks|1|-|2:14\n"
		    "-|A|2026-W47|impressions|10|-|2:16\n"
		    "-|A|2026-W48|clicks|2|-|3:14\n"
		    "-|A|2026-W48|impressions|20|-|3:16\n");
}

static void test_metric_import__utf16(void)
{
	struct acct_buf data = ACCT_BUF_INIT, u16 = ACCT_BUF_INIT;
	struct acct_buf want = ACCT_BUF_INIT;

	/* The UTF-8 file as UTF-16, either byte order: the same rows. */
	acct_buf_addstr(&want, "google-ads day 2026-11-01..2026-11-30 "
			"totals 2 no data 2\n");
	acct_buf_addstr(&want, google_rows);
	if (!CHECK(acct_buf_read_file(&data, FIXTURES "google-ads.csv") == 0))
		return;
	to_utf16(&u16, data.buf, data.len, 0);
	check_parse(u16.buf, u16.len, NULL, NULL, want.buf, __FILE__, __LINE__);
	acct_buf_reset(&u16);
	to_utf16(&u16, data.buf, data.len, 1);
	check_parse(u16.buf, u16.len, NULL, NULL, want.buf, __FILE__, __LINE__);

	/* Refusals at the character, lines counted as in UTF-8. */
	CHECK_REFUSED("\xff\xfe" "d\0a\0t\0e\0\r\0\n\0x\0\x3d\xd8\n\0",
		      "2:2: UTF-16 high surrogate U+D83D is not followed by a "
		      "low surrogate");
	CHECK_REFUSED("\xff\xfe" "d\0" "\x3d\xd8",
		      "1:2: UTF-16 high surrogate U+D83D is not followed by a "
		      "low surrogate");
	CHECK_REFUSED("\xff\xfe" "d\0\r\0\r\0\x00\xdc",
		      "3:1: UTF-16 low surrogate U+DC00 has no high surrogate "
		      "before it");
	CHECK_REFUSED("\xfe\xff" "\0d\0a\0",
		      "1:3: the file ends inside a UTF-16 character (an odd "
		      "number of bytes)");
	CHECK_REFUSED("\xff\xfe" "d\0\0\0",
		      "1:2: NUL character in the file; it must be text");
	CHECK_REFUSED("d\0a\0t\0e\0", "1:1: the file looks like UTF-16 "
		      "without a byte order mark");
	CHECK_REFUSED("\0d\0a\0t\0e", "1:1: the file looks like UTF-16 "
		      "without a byte order mark");
	/* Not UTF-8 either: lib/csv.c's refusal, at its place. */
	CHECK_REFUSED("date,clicks\n2026-11-20,1\xe9\n",
		      "2:13: byte 0xe9 is not UTF-8; the file must be UTF-8 "
		      "text");
	acct_buf_release(&data);
	acct_buf_release(&u16);
	acct_buf_release(&want);
}

static void test_metric_import__vk_metrica_ga4(void)
{
	/* "Потрачено, ₽": the currency after a comma; "Результаты" left out. */
	CHECK_FILE("vk-ads.csv", NULL,
		   "vk-ads day 2026-11-20..2026-11-21 totals 0 no data 0\n"
		   "-|Охват ноябрь|2026-11-20|impressions|50000|-|2:25\n"
		   "-|Охват ноябрь|2026-11-20|clicks|400|-|2:32\n"
		   "-|Охват ноябрь|2026-11-20|spend|12345.60|RUB|2:36\n"
		   "-|Охват ноябрь|2026-11-21|impressions|48000|-|3:25\n"
		   "-|Охват ноябрь|2026-11-21|clicks|380|-|3:32\n"
		   "-|Охват ноябрь|2026-11-21|spend|11900|RUB|3:36\n");
	/* The totals right under the header, "Итого и средние", left out. */
	CHECK_FILE("metrica.csv", NULL,
		   "metrica day 2026-11-20..2026-11-21 totals 1 no data 0\n"
		   "-|-|2026-11-20|sessions|800|-|3:12\n"
		   "-|-|2026-11-20|leads|25|-|3:20\n"
		   "-|-|2026-11-20|revenue|70000.00|-|3:23\n"
		   "-|-|2026-11-21|sessions|700|-|4:12\n"
		   "-|-|2026-11-21|leads|20|-|4:20\n"
		   "-|-|2026-11-21|revenue|53456.78|-|4:23\n");
	/* '#' lines with the dates before the header; 20261120 days. */
	CHECK_FILE("ga4.csv", NULL,
		   "ga4 day 2026-11-01..2026-11-30 totals 0 no data 0\n"
		   "-|-|2026-11-20|sessions|1234|-|10:10\n"
		   "-|-|2026-11-20|leads|12|-|10:15\n"
		   "-|-|2026-11-20|revenue|1500.50|-|10:18\n"
		   "-|-|2026-11-20|sales|3|-|10:26\n"
		   "-|-|2026-11-21|sessions|1100|-|11:10\n"
		   "-|-|2026-11-21|leads|10|-|11:18\n"
		   "-|-|2026-11-21|revenue|1200|-|11:21\n"
		   "-|-|2026-11-21|sales|2|-|11:26\n");
}

static void test_metric_import__generic(void)
{
	/* Long form: names known or of their own; ctr is derived, left out. */
	CHECK_FILE("generic-long.csv", NULL,
		   "csv month 2026-11-01..2026-11-30 totals 0 no data 0\n"
		   "acme|-|2026-11|spend|148200.50|-|2:20\n"
		   "acme|-|2026-11|leads|160|-|3:20\n"
		   "acme|-|2026-11|bounce_rate|0.42|-|5:26\n"
		   "beta|-|2026-11|leads|12|-|6:21\n");
	/* A column per metric; cpc is derived, left out. */
	CHECK_FILE("generic-wide.csv", NULL,
		   "csv day 2026-11-20..2026-11-21 totals 0 no data 2\n"
		   "acme|-|2026-11-20|spend|1200.50|-|2:17\n"
		   "acme|-|2026-11-20|clicks|30|-|2:25\n"
		   "acme|-|2026-11-20|calls|2|-|2:28\n"
		   "acme|-|2026-11-21|clicks|25|-|3:18\n"
		   "beta|-|2026-11-21|spend|1000.5|-|4:17\n"
		   "beta|-|2026-11-21|clicks|7|-|4:27\n"
		   "beta|-|2026-11-21|calls|1|-|4:29\n");
	CHECK_FILE("generic-week.csv", NULL,
		   "csv week 2026-11-16..2026-11-29 totals 0 no data 1\n"
		   "-|-|2026-W47|leads|12|-|2:10\n"
		   "-|-|2026-W47|calls|3|-|2:13\n"
		   "-|-|2026-W48|leads|9|-|3:10\n");
	/* A day whose every value is no data is in the span all the same. */
	CHECK_PARSE("date,clicks,leads\n2026-11-19,--,--\n2026-11-20,5,\n"
		    "2026-11-22,--,--\n", NULL, NULL,
		    "csv day 2026-11-19..2026-11-22 totals 0 no data 5\n"
		    "-|-|2026-11-20|clicks|5|-|3:12\n");
	/* Own names made lowercase; a currency column goes with money. */
	CHECK_PARSE("Client,Period,Spend,Bounce_Rate,Currency\n"
		    "acme,2026-11,100,0.5,rub\n", NULL, NULL,
		    "csv month 2026-11-01..2026-11-30 totals 0 no data 0\n"
		    "acme|-|2026-11|spend|100|RUB|2:14\n"
		    "acme|-|2026-11|bounce_rate|0.5|-|2:18\n");
	/* Long form with a currency and a campaign. */
	CHECK_PARSE("period,campaign,metric,value,currency\n"
		    "2026-W47,Brand,Расход,\"1 200,50\",KZT\n"
		    "2026-W47,Brand,Показы,900,KZT\n", NULL, NULL,
		    "csv week 2026-11-16..2026-11-22 totals 0 no data 0\n"
		    "-|Brand|2026-W47|spend|1200.50|KZT|2:23\n"
		    "-|Brand|2026-W47|impressions|900|-|3:23\n");
	/* A platform's header as a name: its currency is the column's. */
	CHECK_PARSE("period,metric,value\n2026-11,Расход (руб.),5\n", NULL,
		    NULL, "csv month 2026-11-01..2026-11-30 totals 0 no data 0\n"
		    "-|-|2026-11|spend|5|-|2:23\n");
}

/* --- detection ---------------------------------------------------------- */

static void check_source(const char *data, const char *given,
			 const char *want, const char *file, int line)
{
	struct acct_metric_export x;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc = acct_metric_export_parse(&x, "in.csv", data, strlen(data),
					  given, NULL, &err);

	check_(rc == 0 && !strcmp(x.source, want) && x.detected == !given,
	       file, line, "source of %s == %d %s (%s), want %s", data, rc,
	       rc ? "-" : x.source, err.msg, want);
	acct_metric_export_release(&x);
}

#define CHECK_SOURCE(data, given, want) \
	check_source((data), (given), (want), __FILE__, __LINE__)

static void test_metric_import__detection(void)
{
	CHECK_SOURCE("Day,Clicks,Impr.\n2026-11-20,1,2\n", NULL, "google-ads");
	CHECK_SOURCE("Day,Cost,Currency code\n2026-11-20,1,USD\n", NULL,
		     "google-ads");
	CHECK_SOURCE("Day,Cost,Conv. value\n2026-11-20,1,2\n", NULL,
		     "google-ads");
	CHECK_SOURCE("Дата;Расход (руб.)\n20.11.2026;1\n", NULL,
		     "yandex-direct");
	CHECK_SOURCE("Дата;Показы;CTR (%)\n20.11.2026;1;2\n", NULL,
		     "yandex-direct");
	CHECK_SOURCE("Дата;Потрачено, ₽;Показы\n20.11.2026;1;2\n", NULL,
		     "vk-ads");
	CHECK_SOURCE("Date,Spent,Impressions\n2026-11-20,1,2\n", NULL,
		     "vk-ads");
	CHECK_SOURCE("Дата визита,Визиты\n2026-11-20,1\n", NULL, "metrica");
	CHECK_SOURCE("Date,Visits,Goal reaches\n2026-11-20,1,2\n", NULL,
		     "metrica");
	/* Metrica's totals under the header say so even without its marks. */
	CHECK_SOURCE("Дата,Доход\nИтого и средние,5\n2026-11-20,5\n", NULL,
		     "metrica");
	CHECK_SOURCE("Date,Sessions,Key events\n20261120,1,2\n", NULL, "ga4");
	CHECK_SOURCE("# GA4\nDate,Transactions\n20261120,1\n", NULL, "ga4");
	/* A generic CSV's lowercase names are no platform's. */
	CHECK_SOURCE("date,sessions,spent\n2026-11-20,1,2\n", NULL, "csv");
	CHECK_SOURCE("Дата;Показы;Клики\n20.11.2026;1;2\n", NULL, "csv");
	/* Where two meet, the first of the list wins. */
	CHECK_SOURCE("Day,Impr.,Визиты\n2026-11-20,1,2\n", NULL, "google-ads");
	/* Given, the source is not detected. */
	CHECK_SOURCE("Day,Clicks,Impr.\n2026-11-20,1,2\n", "csv", "csv");
	CHECK_SOURCE("date,clicks\n2026-11-20,1\n", "vk-ads", "vk-ads");

	/* The source's convention decides what either could mean. */
	CHECK_PARSE("Day,Clicks,Impr.\n2026-11-20,\"1,234\",2\n", NULL, NULL,
		    "google-ads day 2026-11-20..2026-11-20 totals 0 no data 0\n"
		    "-|-|2026-11-20|clicks|1234|-|2:12\n"
		    "-|-|2026-11-20|impressions|2|-|2:20\n");
	CHECK_PARSE("Day,Clicks,Impr.\n2026-11-20,\"1,234\",2\n", "csv", NULL,
		    "csv (given) day 2026-11-20..2026-11-20 totals 0 no data 0\n"
		    "-|-|2026-11-20|clicks|1.234|-|2:12\n"
		    "-|-|2026-11-20|impressions|2|-|2:20\n");
	check_refused("date,clicks\n2026-11-20,1\n", 24, "adwords", NULL,
		      ACCT_EUSAGE, "unknown source 'adwords'", __FILE__,
		      __LINE__);
}

static void test_metric_import__separators(void)
{
	/* ';' although the rows hold more commas (decimal ones). */
	CHECK_PARSE("Дата;Расход;Доход\n20.11.2026;1,5;2,5\n"
		    "21.11.2026;3,5;4,5\n", NULL, NULL,
		    "csv day 2026-11-20..2026-11-21 totals 0 no data 0\n"
		    "-|-|2026-11-20|spend|1.5|-|2:12\n"
		    "-|-|2026-11-20|revenue|2.5|-|2:16\n"
		    "-|-|2026-11-21|spend|3.5|-|3:12\n"
		    "-|-|2026-11-21|revenue|4.5|-|3:16\n");
	/* Tabs under a title line with commas. */
	CHECK_PARSE("Report, all campaigns\nDate\tClicks\n2026-11-20\t1,5\n",
		    NULL, NULL,
		    "csv day 2026-11-20..2026-11-20 totals 0 no data 0\n"
		    "-|-|2026-11-20|clicks|1.5|-|3:12\n");
	/* A UTF-8 BOM and CRLF. */
	CHECK_PARSE("\xef\xbb\xbf" "date,leads\r\n2026-11-20,3\r\n", NULL,
		    NULL, "csv day 2026-11-20..2026-11-20 totals 0 no data 0\n"
		    "-|-|2026-11-20|leads|3|-|2:12\n");
}

/* --- rows ---------------------------------------------------------------- */

static void test_metric_import__totals(void)
{
	CHECK_PARSE("Дата;Кампания;Клики\n"
		    "Итого;;9\n"
		    "20.11.2026;Total brand;1\n"
		    "20.11.2026;Всего:;2\n"
		    "20.11.2026;A;3\n"
		    "Grand total;;4\n"
		    "TOTAL;;5\n"
		    "Итого по кампаниям;;6\n"
		    "20.11.2026;Итоговая распродажа;8\n"
		    "20.11.2026;Всего понемногу;9\n"
		    ";;7\n", NULL, NULL,
		    "csv day 2026-11-20..2026-11-20 totals 6 no data 0\n"
		    "-|Total brand|2026-11-20|clicks|1|-|3:24\n"
		    "-|A|2026-11-20|clicks|3|-|5:14\n"
		    "-|Итоговая распродажа|2026-11-20|clicks|8|-|9:32\n"
		    "-|Всего понемногу|2026-11-20|clicks|9|-|10:28\n");
	/* A row without a date in the middle is not a total: refused. */
	CHECK_REFUSED("date,clicks\n2026-11-20,1\n,2\n2026-11-21,3\n",
		      "3:1: no date in column 'date'");
	/* A row shorter than the header has no data past its end. */
	CHECK_PARSE("date,clicks,leads,calls\n2026-11-20,1\n", NULL, NULL,
		    "csv day 2026-11-20..2026-11-20 totals 0 no data 0\n"
		    "-|-|2026-11-20|clicks|1|-|2:12\n");
	/* Empty rows are nothing. */
	CHECK_PARSE("date;clicks\n;\n2026-11-20;1\n;;\n", NULL, NULL,
		    "csv day 2026-11-20..2026-11-20 totals 0 no data 0\n"
		    "-|-|2026-11-20|clicks|1|-|3:12\n");
}

static void test_metric_import__numbers(void)
{
	CHECK_PARSE("date;spend;clicks;leads;revenue;calls;impressions;sales\n"
		    "20.11.2026;1\xc2\xa0" "234,56;1\xe2\x80\xaf" "000;--;-;"
		    "\xe2\x80\x94;;12\n", NULL, NULL,
		    "csv day 2026-11-20..2026-11-20 totals 0 no data 4\n"
		    "-|-|2026-11-20|spend|1234.56|-|2:12\n"
		    "-|-|2026-11-20|clicks|1000|-|2:21\n"
		    "-|-|2026-11-20|sales|12|-|2:35\n");
	/* The other convention when the source's cannot read it. */
	CHECK_PARSE("Дата;Расход (руб.)\n20.11.2026;\"1,234.56\"\n", NULL, NULL,
		    "yandex-direct day 2026-11-20..2026-11-20 totals 0 no data 0\n"
		    "-|-|2026-11-20|spend|1234.56|RUB|2:12\n");
	CHECK_PARSE("Day\tCost\tImpr.\n2026-11-20\t1 234,5\t7\n", NULL, NULL,
		    "google-ads day 2026-11-20..2026-11-20 totals 0 no data 0\n"
		    "-|-|2026-11-20|spend|1234.5|-|2:12\n"
		    "-|-|2026-11-20|impressions|7|-|2:20\n");
	/* Signs; rounding past 4 places, half to even; a minus. */
	CHECK_PARSE("date;spend;revenue;leads;clicks\n"
		    "20.11.2026;12 345 ₽;$1,5;3,333333;-2\n", NULL, NULL,
		    "csv day 2026-11-20..2026-11-20 totals 0 no data 0\n"
		    "-|-|2026-11-20|spend|12345|RUB|2:12\n"
		    "-|-|2026-11-20|revenue|1.5|USD|2:21\n"
		    "-|-|2026-11-20|leads|3.3333|-|2:26\n"
		    "-|-|2026-11-20|clicks|-2|-|2:35\n");
}

static void test_metric_import__dates(void)
{
	static const struct {
		const char *column, *value, *period;
	} cases[] = {
		{ "date", "2026-11-20", "2026-11-20" },
		{ "date", "20.11.2026", "2026-11-20" },
		{ "date", "20261120", "2026-11-20" },
		{ "date", "2026-11-20 14:33:00", "2026-11-20" },
		{ "date", "Nov 20, 2026", "2026-11-20" },
		{ "date", "November 20, 2026", "2026-11-20" },
		{ "date", "20 ноября 2026", "2026-11-20" },
		{ "date", "20 ноября 2026 г.", "2026-11-20" },
		{ "date", "20 Nov 2026", "2026-11-20" },
		{ "date", "2026-11", "2026-11" },
		{ "date", "2026-W47", "2026-W47" },
		{ "month", "ноябрь 2026", "2026-11" },
		{ "Месяц", "Ноябрь 2026 г.", "2026-11" },
		{ "month", "November 2026", "2026-11" },
		{ "month", "Sept 2026", "2026-09" },
		{ "month", "нояб. 2026", "2026-11" },
		{ "month", "11.2026", "2026-11" },
		{ "month", "202611", "2026-11" },
		{ "month", "2026-11-01", "2026-11" },
		{ "month", "2026-11-17", "2026-11" },
		{ "month", "01.11.2026 - 30.11.2026", "2026-11" },
		{ "week", "2026-11-18", "2026-W47" },
		{ "Неделя", "16.11.2026 - 22.11.2026", "2026-W47" },
		{ "week", "2026-w47", "2026-W47" },
		{ "week", "2026-12-31", "2026-W53" },
		{ "week", "2027-01-03", "2026-W53" },
		{ "period", "2026-11-20", "2026-11-20" },
		{ "период", "11.2026", "2026-11" },
	};
	static const struct {
		const char *column, *value;
	} bad[] = {
		{ "date", "2026-11-31" }, { "date", "31.11.2026" },
		{ "date", "20/11/2026" }, { "date", "2026-W54" },
		{ "date", "2026-13" }, { "date", "13.2026" },
		{ "date", "1969-12-31" }, { "date", "Novembr 2026" },
		{ "date", "20 ноябрь 2026 2027" }, { "date", "tomorrow" },
		{ "date", "01.11.2026 - 15.11.2026" },
		{ "month", "2026-W47" }, { "week", "2026-11" },
		{ "week", "November 2026" }, { "date", "202613" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct acct_metric_export x;
		struct acct_error err = ACCT_ERROR_INIT;
		struct acct_buf data = ACCT_BUF_INIT;
		int rc;

		acct_buf_addf(&data, "%s;clicks\n%s;1\n", cases[i].column,
			      cases[i].value);
		rc = acct_metric_export_parse(&x, "in.csv", data.buf, data.len,
					      NULL, NULL, &err);
		CHECK_MSG(rc == 0 && x.nrows == 1 &&
			  !strcmp(x.rows[0].period, cases[i].period),
			  "%s '%s' == %d %s (%s), want %s", cases[i].column,
			  cases[i].value, rc, rc ? "-" : x.rows[0].period,
			  err.msg, cases[i].period);
		acct_metric_export_release(&x);
		acct_buf_release(&data);
	}
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct acct_metric_export x;
		struct acct_error err = ACCT_ERROR_INIT;
		struct acct_buf data = ACCT_BUF_INIT, want = ACCT_BUF_INIT;
		int rc;

		acct_buf_addf(&data, "%s;clicks\n%s;1\n", bad[i].column,
			      bad[i].value);
		acct_buf_addf(&want, "'%s' in column '%s' is not a date",
			      bad[i].value, bad[i].column);
		rc = acct_metric_export_parse(&x, "in.csv", data.buf, data.len,
					      NULL, NULL, &err);
		CHECK_MSG(rc == ACCT_EDATA && err.line == 2 && err.col == 1 &&
			  !strcmp(err.msg, want.buf),
			  "%s '%s' == %d %zu:%zu: %s", bad[i].column,
			  bad[i].value, rc, err.line, err.col, err.msg);
		acct_metric_export_release(&x);
		acct_buf_release(&data);
		acct_buf_release(&want);
	}
	/* The week's label is its ISO year's: 2027-01-03 is in 2026-W53. */
	CHECK_PARSE("week,clicks\n2027-01-03,1\n", NULL, NULL,
		    "csv week 2026-12-28..2027-01-03 totals 0 no data 0\n"
		    "-|-|2026-W53|clicks|1|-|2:12\n");
}

static void test_metric_import__span(void)
{
	/* No title: the rows' span. */
	CHECK_PARSE("date,clicks\n2026-11-21,1\n2026-11-19,2\n", NULL, NULL,
		    "csv day 2026-11-19..2026-11-21 totals 0 no data 0\n"
		    "-|-|2026-11-21|clicks|1|-|2:12\n"
		    "-|-|2026-11-19|clicks|2|-|3:12\n");
	/* A title widens it, to days without numbers. */
	CHECK_PARSE("Report 1 November 2026 - 30 November 2026\n"
		    "date,clicks\n2026-11-21,1\n", NULL, NULL,
		    "csv day 2026-11-01..2026-11-30 totals 0 no data 0\n"
		    "-|-|2026-11-21|clicks|1|-|3:12\n");
	CHECK_PARSE("Отчет с 1 ноября 2026 по 30 ноября 2026 г.\n"
		    "date,clicks\n2026-11-21,1\n", NULL, NULL,
		    "csv day 2026-11-01..2026-11-30 totals 0 no data 0\n"
		    "-|-|2026-11-21|clicks|1|-|3:12\n");
	/* ... and rows outside the title still count. */
	CHECK_PARSE("\"01.11.2026 - 15.11.2026\"\n"
		    "date,clicks\n2026-11-21,1\n", NULL, NULL,
		    "csv day 2026-11-01..2026-11-21 totals 0 no data 0\n"
		    "-|-|2026-11-21|clicks|1|-|3:12\n");
	/* Digits that run on are not a date. */
	CHECK_PARSE("Account 120261101999\ndate,clicks\n2026-11-21,1\n", NULL,
		    NULL, "csv day 2026-11-21..2026-11-21 totals 0 no data 0\n"
		    "-|-|2026-11-21|clicks|1|-|3:12\n");
	/* Without a date column: the period given, then the title's. */
	CHECK_PARSE("Кампания;Показы;Клики\nA;1;2\n", NULL, "2026-W47",
		    "csv week 2026-11-16..2026-11-22 totals 0 no data 0\n"
		    "-|A|2026-W47|impressions|1|-|2:3\n"
		    "-|A|2026-W47|clicks|2|-|2:5\n");
	CHECK_PARSE("Кампания;Показы;Клики\nA;1;2\n", NULL, "2026-11-20",
		    "csv day 2026-11-20..2026-11-20 totals 0 no data 0\n"
		    "-|A|2026-11-20|impressions|1|-|2:3\n"
		    "-|A|2026-11-20|clicks|2|-|2:5\n");
	CHECK_PARSE("Campaign report\n\"November 16, 2026 - November 22, "
		    "2026\"\nCampaign,Clicks,Impr.\nA,1,2\n", NULL, NULL,
		    "google-ads week 2026-11-16..2026-11-22 totals 0 no data 0\n"
		    "-|A|2026-W47|clicks|1|-|4:3\n"
		    "-|A|2026-W47|impressions|2|-|4:5\n");
	/* With a date column the given period is not used. */
	CHECK_PARSE("date,clicks\n2026-11-21,1\n", NULL, "2026-10",
		    "csv day 2026-11-21..2026-11-21 totals 0 no data 0\n"
		    "-|-|2026-11-21|clicks|1|-|2:12\n");
	check_refused("Кампания;Показы;Клики\nA;1;2\n", 39, NULL, "2026-13",
		      ACCT_EUSAGE, "'2026-13' is not a period for an import",
		      __FILE__, __LINE__);
	check_refused("Кампания;Показы;Клики\nA;1;2\n", 39, NULL,
		      "20.11.2026", ACCT_EUSAGE, "'20.11.2026' is not a period "
		      "for an import", __FILE__, __LINE__);
}

/* --- refusals ------------------------------------------------------------ */

static void test_metric_import__refusals(void)
{
	CHECK_REFUSED("", "1:1: the export is empty");
	CHECK_REFUSED("\xef\xbb\xbf\r\n\r\n", "1:1: the export is empty");
	CHECK_REFUSED("foo,bar\n1,2\n", "1:1: not an export acct knows: no "
		      "header names a date and metrics; read 'foo', 'bar'");
	CHECK_REFUSED("Title\nКампания;Бюджет;Статус\nA;1;2\n",
		      "2:1: not an export acct knows: no header names a date "
		      "and metrics; read 'Кампания', 'Бюджет', 'Статус'");
	CHECK_REFUSED("date,clicks\n2026-11-20,12abc\n",
		      "2:12: '12abc' in column 'clicks' is not a number");
	CHECK_REFUSED("date,clicks\n2026-11-20,12.5%\n",
		      "2:12: '12.5%' in column 'clicks' is not a number");
	CHECK_REFUSED("date;clicks\n20.11.2026;1,234.5,6\n",
		      "2:12: '1,234.5,6' in column 'clicks' is not a number "
		      "(both a comma and a point)");
	CHECK_REFUSED("date;clicks\n20.11.2026;99999999999999999\n",
		      "2:12: '99999999999999999' in column 'clicks' is not a "
		      "number (too large)");
	CHECK_REFUSED("date,clicks\n2026-11-31,1\n",
		      "2:1: '2026-11-31' in column 'date' is not a date");
	CHECK_REFUSED("date,clicks\n2026-11-20,1\n2026-11,2\n",
		      "3:1: '2026-11' is a month, but the rows above are days");
	CHECK_REFUSED("date,clicks\n2026-11-20,1,234\n",
		      "2:14: line 2 has 3 fields but the header 2");
	CHECK_REFUSED("date,Cost,Spend\n2026-11-20,1,2\n",
		      "1:11: column 'Spend' is spend again (column 2, 'Cost', "
		      "is too)");
	CHECK_REFUSED("date,day,clicks\n2026-11-20,2026-11-20,1\n",
		      "1:6: column 'day' is a date again (column 1, 'date', is "
		      "too)");
	CHECK_REFUSED("date,Bounce Rate\n2026-11-20,1\n",
		      "1:6: column 'Bounce Rate' is neither a metric acct knows "
		      "nor a metric name");
	CHECK_REFUSED("date,currency,spend\n2026-11-20,rubles,1\n",
		      "2:12: 'rubles' in column 'currency' is not a currency "
		      "code");
	CHECK_REFUSED("client,period,metric,value\na,2026-11,Bounce Rate,1\n",
		      "2:11: 'Bounce Rate' is not a metric's name");
	CHECK_REFUSED("client,period,metric,value\na,2026-11,,1\n",
		      "2:11: a value with no metric's name beside it");
	CHECK_REFUSED("period,metric,clicks\n2026-11,x,1\n",
		      "1:8: a column names the metric but none holds its "
		      "value");
	CHECK_REFUSED("date,clicks\n2026-11-20,--\n2026-11-21,\n",
		      "1:1: no numbers below the header");
	CHECK_REFUSED("date,clicks\n", "1:1: no numbers below the header");
	CHECK_REFUSED("Кампания;Показы;Клики\nA;1;2\n",
		      "1:1: no date column, and no title that states the dates");
	CHECK_REFUSED("\"Отчет (01.11.2026 - 15.11.2026)\"\n"
		      "Кампания;Показы;Клики\nA;1;2\n",
		      "2:1: no date column, and the dates the title states, "
		      "2026-11-01 to 2026-11-15, are not one day, week or "
		      "month");
	/* lib/csv.c's refusals keep their place under skipped '#' lines. */
	CHECK_REFUSED("# GA4\n# x\nDate,Sessions\n20261120,\"1\n",
		      "4:10: quoted field opened here is never closed");
	CHECK_REFUSED("date,clicks\n\"2026-11-20\"x,1\n",
		      "2:13: unexpected 'x' after a closing quote; double a "
		      "quote inside a quoted field");
	/* A value quoted in a message is made safe and short. */
	CHECK_REFUSED("date,clicks\n2026-11-20,\"\x1b[31mred and a long, long, "
		      "long tail\"\n",
		      "2:12: '\\x1b[31mred and a long, long, long tail' in "
		      "column 'clicks' is not a number");
	CHECK_REFUSED("date,clicks\n2026-11-20,\"x0123456789012345678901234567"
		      "890123456789xyz\"\n",
		      "2:12: 'x012345678901234567890123456789012345678...' in "
		      "column 'clicks' is not a number");
}

static void test_metric_import__release(void)
{
	struct acct_metric_export x = ACCT_METRIC_EXPORT_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	size_t i;

	acct_metric_export_release(&x);
	acct_metric_export_release(NULL);
	CHECK_INT(acct_metric_export_parse(&x, "in.csv", NULL, 0, NULL, NULL,
					   &err), ACCT_EDATA);
	CHECK_INT(acct_metric_export_parse(&x, "in.csv", "date,clicks\n"
					   "2026-11-20,1\n", 25, NULL, NULL,
					   NULL), 0);
	CHECK_INT(x.header_line, 1);
	CHECK_INT(x.ncolumns, 2);
	CHECK_STR(x.columns[1].header, "clicks");
	CHECK_INT(x.columns[1].role, ACCT_METRIC_COL_METRIC);
	acct_metric_export_release(&x);
	acct_metric_export_release(&x);
	CHECK(!x.rows && !x.nrows && !x.columns && !x.text_);
	for (i = 0; acct_metric_export_sources[i]; i++)
		;
	CHECK_INT(i, 6);
}

int main(void)
{
	test_metric_import__yandex_direct();
	test_metric_import__google_ads();
	test_metric_import__utf16();
	test_metric_import__vk_metrica_ga4();
	test_metric_import__generic();
	test_metric_import__detection();
	test_metric_import__separators();
	test_metric_import__totals();
	test_metric_import__numbers();
	test_metric_import__dates();
	test_metric_import__span();
	test_metric_import__refusals();
	test_metric_import__release();
	return test_report("metric_import");
}
