#include "acct/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/book.h"
#include "acct/init.h"
#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/format.h"
#include "acct/json.h"
#include "acct/metric.h"
#include "acct/period.h"
#include "harness.h"

#include "acct/banned.h"

static const struct acct_ident ident = {
	"Anna", "anna@agency.example", "1795424400 +0000",
	"Anna", "anna@agency.example", "1795424400 +0000",
};

static struct acct_book *book;
static char dir[] = "/tmp/acct-test-report.XXXXXX";

static void add_entry(const char *when_s, const char *channel,
		      const char *kind, const char *summary, const char *body)
{
	struct acct_buf path = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_time when;
	struct acct_log_spec s = { 0 };

	acct_time_parse(&when, when_s, NULL);
	s.slug = "acme";
	s.summary = summary;
	s.channel = channel;
	s.kind = kind;
	s.when = &when;
	s.body = body;
	s.body_len = body ? strlen(body) : 0;
	CHECK_MSG(acct_log_add(&path, book, &s, &err) == 0, "%s", err.msg);
	acct_buf_release(&path);
}

static int setup(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_time now;
	struct acct_client_spec spec = { 0 };
	struct acct_buf slug = ACCT_BUF_INIT;

	if (!mkdtemp(dir)) {
		CHECK_MSG(0, "mkdtemp: %s", strerror(errno));
		return -1;
	}
	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	if (!CHECK_MSG(acct_book_init(dir, &now, &ident, &err) == 0, "%s",
		       err.msg) ||
	    !CHECK_MSG(acct_book_open(&book, dir, &now, &ident, &err) == 0,
		       "%s", err.msg))
		return -1;
	spec.name = "Acme <b>Corp</b>";
	spec.slug = "acme";
	spec.since = "2026-01-01";
	CHECK_MSG(acct_client_add(&slug, book, &spec, &err) == 0, "%s", err.msg);
	acct_buf_release(&slug);
	add_entry("2026-11-17T10:00+00:00", "call", NULL, "Budget call",
		  "## Decisions\n- Raise bids\n\n## Actions\n"
		  "- [ ] Send plan @anna due:2026-11-25\n- [x] Approve @client\n"
		  "- [ ] Sign the act @client due:2026-11-30\n");
	add_entry("2026-11-18T10:00+00:00", "email", NULL, "Sent creatives", NULL);
	add_entry("2026-11-18T11:00+00:00", "other", "note", "Internal", 
		  "## Actions\n- [ ] Internal task\n");
	add_entry("2026-11-09T10:00+00:00", "chat", NULL, "Last week", NULL);
	add_entry("2025-06-01T10:00+00:00", "chat", NULL, "Long ago",
		  "## Actions\n- [ ] Ancient task\n");
	return 0;
}

static json_t *data_of(const char *slug, const char *label, const char *tpl)
{
	struct acct_report_opts o = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	json_t *d = NULL;

	acct_date_parse(&o.today, "2026-11-23", NULL);
	acct_period_parse(&o.period, label, &o.today, 0, NULL);
	o.slug = slug;
	o.template = tpl;
	o.locale = "en";
	CHECK_MSG(acct_report_data(&d, book, &o, &err) == 0, "%s", err.msg);
	return d;
}

static json_t *data_for(const char *label, const char *tpl)
{
	return data_of(strcmp(tpl, "portfolio") ? "acme" : NULL, label, tpl);
}

static const char *jstr(json_t *d, const char *path)
{
	char buf[256], *p, *save = NULL;
	json_t *v = d;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = strtok_r(buf, ".", &save); p && v; p = strtok_r(NULL, ".", &save))
		v = json_is_array(v) ? json_array_get(v, (size_t)strtol(p, NULL, 10))
				     : json_object_get(v, p);
	return json_string_value(v);
}

static long long jint(json_t *d, const char *path)
{
	char buf[256], *p, *save = NULL;
	json_t *v = d;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = strtok_r(buf, ".", &save); p && v; p = strtok_r(NULL, ".", &save))
		v = json_is_array(v) ? json_array_get(v, (size_t)strtol(p, NULL, 10))
				     : json_object_get(v, p);
	return v ? json_integer_value(v) : -1;
}

static void test_report__week(void)
{
	json_t *d = data_for("2026-W47", "weekly");

	if (!d)
		return;
	CHECK_STR(jstr(d, "period.label"), "2026-W47");
	CHECK_STR(jstr(d, "next_period.label"), "2026-W48");
	CHECK_STR(jstr(d, "client.name"), "Acme <b>Corp</b>");
	/* Two entries in the week; the note is left out. */
	CHECK_INT(json_array_size(json_object_get(d, "entries")), 2);
	CHECK_STR(jstr(d, "entries.0.summary"), "Budget call");
	CHECK_STR(jstr(d, "entries.1.channel"), "email");
	CHECK_INT(json_array_size(json_object_get(d, "decisions")), 1);
	CHECK_STR(jstr(d, "decisions.0.text"), "Raise bids");
	/*
	 * Done in the week: one; open: three, by due date, tags stripped,
	 * the note's item too (without the note's summary).
	 */
	CHECK_INT(json_array_size(json_object_get(d, "actions_done")), 1);
	CHECK_STR(jstr(d, "actions_done.0.text"), "Approve");
	CHECK_INT(json_array_size(json_object_get(d, "actions_open")), 3);
	CHECK_STR(jstr(d, "actions_open.0.text"), "Send plan");
	/* @anna is the agency's: a client's report does not name her. */
	CHECK(json_is_null(json_object_get(json_array_get(json_object_get(d,
		"actions_open"), 0), "owner")));
	CHECK_STR(jstr(d, "actions_open.0.due"), "2026-11-25");
	CHECK_STR(jstr(d, "actions_open.0.entry"), "Budget call");
	CHECK_STR(jstr(d, "actions_open.1.due"), "2026-11-30");
	CHECK_STR(jstr(d, "actions_open.2.text"), "Internal task");
	CHECK(json_is_null(json_object_get(json_array_get(
		json_object_get(d, "actions_open"), 2), "entry")));
	/* The ancient entry is outside the look-back: not read. */
	CHECK_INT(json_array_size(json_object_get(d, "questions")), 1);
	CHECK_STR(jstr(d, "questions.0.text"), "Sign the act");
	CHECK_INT(jint(d, "contacts.total"), 2);
	CHECK_INT(jint(d, "contacts.outgoing"), 2);
	CHECK_STR(jstr(d, "contacts.channels.0.channel"), "call");
	CHECK_INT(jint(d, "contacts.channels.0.count"), 1);
	CHECK_INT(jint(d, "contacts.channels.2.count"), 1);	/* email */
	CHECK_INT(json_array_size(json_object_get(json_object_get(d, "contacts"),
						  "weeks")), 1);
	CHECK(json_is_null(json_object_get(json_object_get(d, "nps"), "nps")));
	CHECK(json_is_object(json_object_get(json_object_get(d, "charts"), "nps")));
	CHECK(json_is_object(json_object_get(json_object_get(d, "tables"),
					     "contacts")));
	json_decref(d);
}

static void test_report__month_and_year(void)
{
	json_t *d = data_for("2026-11", "monthly");

	if (!d)
		return;
	CHECK_INT(json_array_size(json_object_get(d, "entries")), 3);
	/* Weeks 44 to 49 touch November 2026. */
	CHECK_INT(json_array_size(json_object_get(json_object_get(d, "contacts"),
						  "weeks")), 6);
	CHECK_STR(jstr(d, "contacts.weeks.2.week"), "2026-W46");
	CHECK_INT(jint(d, "contacts.weeks.1.count"), 0);
	CHECK_INT(jint(d, "contacts.weeks.2.count"), 1);	/* 2026-11-09 */
	CHECK_INT(jint(d, "contacts.weeks.3.count"), 2);
	json_decref(d);
	d = data_for("2025", "quarterly");
	if (!d)
		return;
	CHECK_INT(json_array_size(json_object_get(d, "entries")), 1);
	CHECK_INT(json_array_size(json_object_get(d, "actions_open")), 1);
	CHECK_STR(jstr(d, "actions_open.0.text"), "Ancient task");
	json_decref(d);
}

static void test_report__portfolio(void)
{
	json_t *d = data_for("2026-Q4", "portfolio");

	if (!d)
		return;
	CHECK(json_is_true(json_object_get(d, "portfolio")));
	CHECK_INT(json_array_size(json_object_get(d, "clients")), 1);
	CHECK_STR(jstr(d, "clients.0.slug"), "acme");
	CHECK_STR(jstr(d, "clients.0.last_contact"), "2026-11-18");
	CHECK_INT(json_array_size(json_object_get(d, "managers")), 1);
	CHECK_INT(jint(d, "managers.0.clients"), 1);
	json_decref(d);
}

/* fmt_*: one call of lib/format.c into a fresh buffer, for CHECK_STR. */
static struct acct_buf fmt_out = ACCT_BUF_INIT;

static const char *fmt_date(const char *iso, const char *locale)
{
	struct acct_date d;

	acct_date_parse(&d, iso, NULL);
	acct_buf_reset(&fmt_out);
	acct_format_date(&fmt_out, &d, locale);
	return fmt_out.buf;
}

static const char *fmt_days(const char *a, const char *b, const char *locale,
			    unsigned flags)
{
	struct acct_date x, y;

	acct_date_parse(&x, a, NULL);
	acct_date_parse(&y, b, NULL);
	acct_buf_reset(&fmt_out);
	acct_format_days(&fmt_out, &x, &y, locale, flags);
	return fmt_out.buf;
}

static const char *fmt_period(const char *label, const char *locale)
{
	struct acct_date today = { 2026, 11, 23 };
	struct acct_period p;

	acct_period_parse(&p, label, &today, ACCT_PERIOD_ALLOW_ALL, NULL);
	acct_buf_reset(&fmt_out);
	acct_format_period(&fmt_out, &p, locale);
	return fmt_out.buf;
}

static const char *fmt_month(int year, int month, const char *locale,
			     unsigned flags)
{
	acct_buf_reset(&fmt_out);
	acct_format_month(&fmt_out, year, month, locale, flags);
	return fmt_out.buf;
}

static const char *fmt_amount(const char *digits, const char *currency,
			      const char *locale)
{
	acct_buf_reset(&fmt_out);
	acct_format_amount(&fmt_out, digits, currency, locale);
	return fmt_out.buf;
}

#define NBSP "\xc2\xa0"

static void test_format__dates(void)
{
	CHECK_STR(fmt_date("2026-11-23", "ru"), "23 ноября 2026");
	CHECK_STR(fmt_date("2026-05-01", "ru"), "1 мая 2026");
	CHECK_STR(fmt_date("2026-11-23", "en"), "23 Nov 2026");
	CHECK_STR(fmt_date("2026-09-02", "en"), "2 Sep 2026");
	CHECK_STR(fmt_days("2026-11-23", "2026-11-29", "ru", 0),
		  "23–29 ноября 2026");
	CHECK_STR(fmt_days("2026-11-30", "2026-12-06", "ru", 0),
		  "30 ноября – 6 декабря 2026");
	CHECK_STR(fmt_days("2026-12-28", "2027-01-03", "en", 0),
		  "28 Dec 2026 – 3 Jan 2027");
	CHECK_STR(fmt_days("2026-11-30", "2026-12-06", "ru", ACCT_FORMAT_SHORT),
		  "30 нояб. – 6 дек.");
	CHECK_STR(fmt_days("2026-11-16", "2026-11-22", "en", ACCT_FORMAT_SHORT),
		  "16–22 Nov");
	CHECK_STR(fmt_days("2026-11-16", "2026-11-16", "en", 0), "16 Nov 2026");
	CHECK_STR(fmt_period("2026-W48", "ru"), "неделя 48 (23–29 ноября 2026)");
	CHECK_STR(fmt_period("2026-W48", "en"), "week 48 (23–29 Nov 2026)");
	CHECK_STR(fmt_period("2026-11", "ru"), "ноябрь 2026");
	CHECK_STR(fmt_period("2026-11", "en"), "November 2026");
	CHECK_STR(fmt_period("2026-Q4", "ru"), "IV квартал 2026");
	CHECK_STR(fmt_period("2026-Q4", "en"), "Q4 2026");
	CHECK_STR(fmt_period("2026", "ru"), "2026 год");
	CHECK_STR(fmt_period("all", "en"), "all time");
	CHECK_STR(fmt_month(2026, 11, "en", 0), "November 2026");
	CHECK_STR(fmt_month(2026, 11, "en", ACCT_FORMAT_SHORT), "Nov 2026");
	CHECK_STR(fmt_month(2026, 11, "ru", 0), "ноябрь 2026");
	CHECK_STR(fmt_month(2026, 11, "ru", ACCT_FORMAT_SHORT), "нояб. 2026");
	/* The nominative, not the genitive of "1 мая". */
	CHECK_STR(fmt_month(2026, 5, "ru", ACCT_FORMAT_SHORT), "май 2026");
	CHECK_STR(fmt_month(2026, 3, "ru", ACCT_FORMAT_SHORT), "март 2026");
	CHECK_STR(fmt_month(2026, 13, "en", 0), "2026");
}

static void test_format__amounts(void)
{
	CHECK_STR(fmt_amount("90000", "RUB", "ru"), "90" NBSP "000" NBSP "₽");
	CHECK_STR(fmt_amount("90000", "RUB", "en"), "RUB" NBSP "90,000");
	CHECK_STR(fmt_amount("90000", "USD", "en"), "$90,000");
	CHECK_STR(fmt_amount("1234567.50", "EUR", "en"), "€1,234,567.50");
	CHECK_STR(fmt_amount("1234567.50", "EUR", "ru"),
		  "1" NBSP "234" NBSP "567,50" NBSP "€");
	CHECK_STR(fmt_amount("5000", "GBP", "ru"), "5000" NBSP "£");
	CHECK_STR(fmt_amount("5000", "GBP", "en"), "£5,000");
	CHECK_STR(fmt_amount("18900", "KZT", "ru"), "18" NBSP "900" NBSP "KZT");
	CHECK_STR(fmt_amount("999", NULL, "en"), "999");
	CHECK_STR(fmt_amount("12abc", "RUB", "en"), "RUB" NBSP "12abc");
	CHECK_STR(acct_plural(1, "ru", "задача", "задачи", "задач"), "задача");
	CHECK_STR(acct_plural(3, "ru", "задача", "задачи", "задач"), "задачи");
	CHECK_STR(acct_plural(5, "ru", "задача", "задачи", "задач"), "задач");
	CHECK_STR(acct_plural(11, "ru", "задача", "задачи", "задач"), "задач");
	CHECK_STR(acct_plural(21, "ru", "задача", "задачи", "задач"), "задача");
	CHECK_STR(acct_plural(112, "ru", "задача", "задачи", "задач"), "задач");
	CHECK_STR(acct_plural(1, "en", "action", NULL, "actions"), "action");
	CHECK_STR(acct_plural(0, "en", "action", NULL, "actions"), "actions");
	acct_buf_release(&fmt_out);
}

static void test_report__display_fields(void)
{
	json_t *d = data_for("2026-W47", "weekly");

	if (!d)
		return;
	/* JSON keeps ISO dates; the _text fields are for people. */
	CHECK_STR(jstr(d, "today"), "2026-11-23");
	CHECK_STR(jstr(d, "today_text"), "23 Nov 2026");
	CHECK_STR(jstr(d, "period.text"), "week 47 (16–22 Nov 2026)");
	CHECK_STR(jstr(d, "entries.0.day"), "2026-11-17");
	CHECK_STR(jstr(d, "entries.0.day_text"), "17 Nov 2026");
	CHECK_STR(jstr(d, "actions_open.0.due_text"), "25 Nov 2026");
	CHECK_STR(jstr(d, "contacts.weeks.0.text"), "16–22 Nov");
	CHECK_STR(jstr(d, "charts.contacts.points.0.label"), "16–22 Nov");
	json_decref(d);
}

/* A client's report names none of the agency's people unless asked. */
static void test_report__names(void)
{
	json_t *d = data_for("2026-W47", "weekly");

	if (!d)
		return;
	CHECK(json_is_false(json_object_get(d, "show_names")));
	/* "Send plan @anna": the text without the handle, no owner. */
	CHECK_STR(jstr(d, "actions_open.0.text"), "Send plan");
	CHECK(json_is_null(json_object_get(json_array_get(json_object_get(d,
		"actions_open"), 0), "owner")));
	CHECK(json_is_null(json_object_get(json_array_get(json_object_get(d,
		"actions_open"), 0), "owner_text")));
	CHECK_STR(jstr(d, "actions_open.1.owner"), "client");
	CHECK_STR(jstr(d, "actions_open.1.owner_text"), "your side");
	CHECK(json_is_null(json_object_get(json_array_get(json_object_get(d,
		"entries"), 0), "by")));
	json_decref(d);

	book->config.report_show_names = 1;
	d = data_for("2026-W47", "weekly");
	book->config.report_show_names = 0;
	if (!d)
		return;
	CHECK(json_is_true(json_object_get(d, "show_names")));
	CHECK_STR(jstr(d, "actions_open.0.owner"), "anna");
	CHECK_STR(jstr(d, "actions_open.0.owner_text"), "@anna");
	CHECK_STR(jstr(d, "entries.0.by"), "Anna");
	json_decref(d);
	/* The portfolio is the agency's own: it always names people. */
	d = data_for("2026-Q4", "portfolio");
	if (!d)
		return;
	CHECK(json_is_true(json_object_get(d, "show_names")));
	json_decref(d);
}

/* A KPI on the card and in the brief is one row, whatever its spelling. */
static void test_report__kpi_once(void)
{
	static const char card[] =
		"name: Kpi Ltd\nstatus: lead\nsince: 2026-01-01\n"
		"goals: {kpi: [\"CPI <= 80 RUB\", \"Leads >= 200\", \"leads >= 200\"]}\n";
	static const char brief[] =
		"# Brief\n\n## KPIs\n\n- CPI ≤ 80 rub.\n- **CPC** <= 30 RUB\n"
		"- Leads>=200\n";
	struct acct_client_spec spec = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf slug = ACCT_BUF_INIT;
	json_t *d, *rows;

	spec.name = "Kpi Ltd";
	spec.slug = "kpi";
	spec.since = "2026-01-01";
	if (!CHECK_MSG(acct_client_add(&slug, book, &spec, &err) == 0 &&
		       acct_client_replace(book, "kpi", card, strlen(card),
					   &err) == 0 &&
		       acct_brief_save(book, "kpi", brief, strlen(brief),
				       &err) == 0, "%s", err.msg))
		return;
	acct_buf_release(&slug);
	d = data_of("kpi", "2026-Q4", "quarterly");
	if (!d)
		return;
	CHECK_INT(json_array_size(json_object_get(d, "kpi")), 3);
	CHECK_STR(jstr(d, "kpi.0.text"), "CPI <= 80 RUB");
	CHECK_STR(jstr(d, "kpi.0.source"), "card");
	CHECK_STR(jstr(d, "kpi.0.sources.0"), "card");
	CHECK_STR(jstr(d, "kpi.0.sources.1"), "brief");
	CHECK_STR(jstr(d, "kpi.1.text"), "Leads >= 200");
	CHECK_STR(jstr(d, "kpi.1.sources.1"), "brief");
	CHECK_STR(jstr(d, "kpi.2.text"), "**CPC** <= 30 RUB");
	CHECK_STR(jstr(d, "kpi.2.source"), "brief");
	rows = json_object_get(json_object_get(json_object_get(d, "tables"),
					       "kpi"), "rows");
	CHECK_INT(json_array_size(rows), 3);
	CHECK_STR(jstr(rows, "0.1"), "card, brief");
	CHECK_STR(jstr(rows, "2.1"), "brief");
	json_decref(d);
}

/* What is due, in the portfolio: counted by kind, each named, "due today". */
static void test_report__portfolio_due(void)
{
	json_t *d, *row, *item;
	const char *cell;
	size_t i;
	int today = 0, overdue = 0;

	add_entry("2026-11-02T10:00+00:00", "chat", NULL, "Chased",
		  "## Actions\n- [ ] One due:2026-11-10\n- [ ] Two due:2026-11-12\n"
		  "- [ ] Three @boris due:2026-11-20\n- [ ] Now due:2026-11-23\n");
	d = data_for("2026-Q4", "portfolio");
	if (!d)
		return;
	row = json_array_get(json_object_get(json_object_get(json_object_get(d,
		"tables"), "clients"), "rows"), 0);
	cell = json_string_value(json_array_get(row, 3));
	CHECK_MSG(cell && strstr(cell, "3 overdue actions") &&
		  strstr(cell, "action due today") && !strstr(cell, "overdue action,"),
		  "%s", cell ? cell : "(null)");
	json_array_foreach(json_object_get(json_array_get(json_object_get(d,
		"clients"), 0), "due"), i, item) {
		const char *what = json_string_value(json_object_get(item, "what"));
		const char *detail = json_string_value(json_object_get(item,
								   "detail"));

		if (!strcmp(what, "action due today")) {
			today++;
			CHECK_STR(detail, "Now");
			CHECK_STR(json_string_value(json_object_get(item,
					"overdue_text")), "due today");
		} else if (!strcmp(what, "overdue action") &&
			   !strcmp(detail, "Three @boris")) {
			overdue++;
			CHECK_STR(json_string_value(json_object_get(item,
					"overdue_text")), "3 days overdue");
		}
	}
	CHECK_INT(today, 1);
	CHECK_INT(overdue, 1);
	CHECK_INT(json_integer_value(json_array_get(json_object_get(
		json_object_get(json_object_get(d, "tables"), "clients"),
		"date_columns"), 0)), 2);
	json_decref(d);

	{
		struct acct_report_opts o = { 0 };
		struct acct_error err = ACCT_ERROR_INIT;

		acct_date_parse(&o.today, "2026-11-23", NULL);
		acct_period_parse(&o.period, "2026-Q4", &o.today, 0, NULL);
		o.template = "portfolio";
		o.locale = "ru";
		d = NULL;
		CHECK_MSG(acct_report_data(&d, book, &o, &err) == 0, "%s", err.msg);
	}
	if (!d)
		return;
	row = json_array_get(json_object_get(json_object_get(json_object_get(d,
		"tables"), "clients"), "rows"), 0);
	cell = json_string_value(json_array_get(row, 3));
	CHECK_MSG(cell && strstr(cell, "3 просроченные задачи") &&
		  strstr(cell, "задача на сегодня"), "%s", cell ? cell : "(null)");
	json_array_foreach(json_object_get(json_array_get(json_object_get(d,
		"clients"), 0), "due"), i, item)
		if (!strcmp(json_string_value(json_object_get(item, "detail")),
			    "One"))
			CHECK_STR(json_string_value(json_object_get(item,
					"overdue_text")), "просрочено на 13 дней");
	json_decref(d);
}

static void test_report__default_template(void)
{
	struct acct_period p;
	struct acct_date today = { 2026, 11, 23 }, a = { 2026, 11, 1 },
			 b = { 2026, 11, 7 }, c = { 2026, 11, 30 };

	acct_period_parse(&p, "2026-W47", &today, 0, NULL);
	CHECK_STR(acct_report_default_template(&p), "weekly");
	acct_period_parse(&p, "2026-11", &today, 0, NULL);
	CHECK_STR(acct_report_default_template(&p), "monthly");
	acct_period_parse(&p, "2026-Q4", &today, 0, NULL);
	CHECK_STR(acct_report_default_template(&p), "quarterly");
	acct_period_parse(&p, "2026", &today, 0, NULL);
	CHECK_STR(acct_report_default_template(&p), "quarterly");
	acct_period_range(&p, &a, &b);
	CHECK_STR(acct_report_default_template(&p), "weekly");
	acct_period_range(&p, &a, &c);
	CHECK_STR(acct_report_default_template(&p), "monthly");
	CHECK_INT(acct_report_format_parse("html"), ACCT_FORMAT_HTML);
	CHECK_INT(acct_report_format_parse("pdf"), -1);
	CHECK_STR(acct_report_format_ext(ACCT_FORMAT_MAN), "7");
}

static json_t *jget(json_t *d, const char *path)
{
	char buf[256], *p, *save = NULL;
	json_t *v = d;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = strtok_r(buf, ".", &save); p && v; p = strtok_r(NULL, ".", &save))
		v = json_is_array(v) ? json_array_get(v, (size_t)strtol(p, NULL, 10))
				     : json_object_get(v, p);
	return v;
}

/* The digits of an exact decimal at `path`, or NULL. */
static const char *jdec(json_t *d, const char *path)
{
	const char *digits;

	return acct_json_decimal_digits(jget(d, path), &digits) ? digits : NULL;
}

/*
 * Record `n` "name=value" numbers of client `slug` for `label` from
 * `source`, in `currency`.
 */
static void record(const char *slug, const char *label, const char *source,
		   const char *currency, const char *const *values, size_t n)
{
	struct acct_date today = { 2026, 11, 23 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_metric_period p;
	struct acct_metric_file *f;
	size_t i;

	CHECK(acct_metric_period_parse(&p, label, &today, &err) == 0);
	f = acct_metric_file_new(slug, &p, source, currency);
	for (i = 0; i < n; i++) {
		const char *eq = strchr(values[i], '=');
		char name[32];
		struct acct_dec v;
		const char *why;

		snprintf(name, sizeof(name), "%.*s", (int)(eq - values[i]),
			 values[i]);
		CHECK(acct_dec_parse(&v, eq + 1, strlen(eq + 1), 0, &why) == 0);
		acct_metric_file_set(f, name, v);
	}
	CHECK_MSG(acct_metric_write(NULL, book, &f, 1, NULL, 0, 0, "metric",
				    &err) == 0, "%s", err.msg);
	acct_metric_free(f);
}

static json_t *find_metric(json_t *d, const char *name)
{
	json_t *m;
	size_t i;

	json_array_foreach(jget(d, "results.metrics"), i, m)
		if (!strcmp(json_string_value(json_object_get(m, "name")), name))
			return m;
	return NULL;
}

/*
 * The Results of a report: the KPIs of card and brief measured for the
 * period against the one before, the metrics exact with their change, a
 * chart per measurable KPI over six months or four quarters, the tally.
 */
static void test_report__results(void)
{
	static const char card[] =
		"name: Res Ltd\nstatus: active\nsince: 2026-01-01\n"
		"goals: {kpi: [\"CPL <= 900 RUB\", \"leads >= 200 /month\", "
		"\"Brand awareness\"]}\n";
	static const char brief[] = "# Brief\n\n## KPIs\n\n- ROAS >= 4\n";
	static const char *const sep[] = {
		"spend=120000", "leads=150", "revenue=400000",
	};
	static const char *const oct[] = {
		"spend=139000", "leads=180", "revenue=540000", "clicks=4500",
	};
	static const char *const nov[] = {
		"spend=148200.50", "leads=212", "revenue=690000",
	};
	static const char *const nov2[] = { "spend=0.10" };
	struct acct_client_spec spec = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf slug = ACCT_BUF_INIT;
	json_t *d, *m;

	spec.name = "Res Ltd";
	spec.slug = "res";
	spec.since = "2026-01-01";
	if (!CHECK_MSG(acct_client_add(&slug, book, &spec, &err) == 0 &&
		       acct_client_replace(book, "res", card, strlen(card),
					   &err) == 0 &&
		       acct_brief_save(book, "res", brief, strlen(brief),
				       &err) == 0, "%s", err.msg))
		return;
	acct_buf_release(&slug);
	record("res", "2026-09", "manual", "RUB", sep, 3);
	record("res", "2026-10", "manual", "RUB", oct, 4);
	record("res", "2026-11", "yandex-direct", "RUB", nov, 3);
	record("res", "2026-11", "google-ads", "RUB", nov2, 1);

	/* A closed month. */
	d = data_of("res", "2026-10", "monthly");
	if (!d)
		return;
	CHECK_STR(jstr(d, "results.period"), "2026-10");
	CHECK_STR(jstr(d, "results.previous"), "2026-09");
	CHECK_STR(jstr(d, "results.previous_text"), "September 2026");
	CHECK(json_is_false(jget(d, "results.running")));
	CHECK(json_is_true(jget(d, "results.any")));
	CHECK_STR(jstr(d, "results.kpis.0.status"), "met");
	CHECK_STR(jdec(d, "results.kpis.0.actual"), "772.2222");
	CHECK_STR(jstr(d, "results.kpis.0.actual_text"), "RUB" NBSP "772.22");
	CHECK_STR(jstr(d, "results.kpis.0.previous_text"), "RUB" NBSP "800.00");
	CHECK_STR(jstr(d, "results.kpis.1.status"), "missed");
	CHECK_STR(jdec(d, "results.kpis.1.target"), "200");
	CHECK_STR(jdec(d, "results.kpis.1.change"), "30");
	CHECK_STR(jstr(d, "results.kpis.1.change_text"), "+30");
	CHECK_STR(jstr(d, "results.kpis.2.status"), "not measurable");
	CHECK(jstr(d, "results.kpis.2.reason") != NULL);
	CHECK(json_is_null(jget(d, "results.kpis.2.chart")));
	CHECK_STR(jstr(d, "results.kpis.3.text"), "ROAS >= 4");
	CHECK_STR(jstr(d, "results.kpis.3.found_in.0"), "brief");
	CHECK_STR(jstr(d, "results.summary.text"),
		  "1 of 3 KPIs met; missed: leads >= 200 /month, ROAS >= 4");
	CHECK_INT(jint(d, "results.summary.missed"), 2);
	/* Charts: six months up to this one, the target per month. */
	CHECK_STR(jstr(d, "results.kpis.1.chart"), "kpi2");
	CHECK_INT(json_array_size(jget(d, "charts.kpi2.points")), 6);
	CHECK_STR(jstr(d, "charts.kpi2.points.0.label"), "May 2026");
	CHECK_STR(jstr(d, "charts.kpi2.points.5.label"), "Oct 2026");
	CHECK_STR(jdec(d, "charts.kpi2.points.5.value"), "180");
	CHECK_STR(jdec(d, "charts.kpi2.points.5.target"), "200");
	CHECK(json_is_false(jget(d, "charts.kpi2.points.5.ok")));
	CHECK(json_is_null(jget(d, "charts.kpi2.points.3.value")));
	CHECK_STR(jstr(d, "results.kpis.1.series.4.status"), "missed");
	CHECK(!jget(d, "charts.kpi3"));
	/* The metrics: exact, the change, null where there is none. */
	m = find_metric(d, "spend");
	CHECK_STR(jdec(m, "value"), "139000");
	CHECK_STR(jdec(m, "change"), "19000");
	CHECK_STR(jstr(m, "change_text"), "+19,000");
	m = find_metric(d, "clicks");
	CHECK(json_is_null(jget(m, "previous")) && json_is_true(jget(m, "known")));
	m = find_metric(d, "sales");
	CHECK(json_is_null(jget(m, "value")) && json_is_false(jget(m, "known")));
	m = find_metric(d, "cpl");
	CHECK_STR(jdec(m, "value"), "772.2222");
	CHECK_INT(json_array_size(jget(d, "tables.results.rows")), 4);
	CHECK_STR(jstr(d, "tables.results.columns.2"), "Oct 2026");
	CHECK_STR(jstr(d, "tables.results.rows.2.4"), "not measurable");
	/* Metrics with a number: four recorded, five derived; not sales. */
	CHECK_INT(json_array_size(jget(d, "tables.metrics.rows")), 9);
	json_decref(d);

	/* The running month: projected; two sources summed exactly. */
	d = data_of("res", "2026-11", "monthly");
	if (!d)
		return;
	CHECK(json_is_true(jget(d, "results.running")));
	CHECK_STR(jdec(find_metric(d, "spend"), "value"), "148200.60");
	CHECK_STR(jstr(find_metric(d, "spend"), "value_text"),
		  "RUB" NBSP "148,200.60");
	CHECK_STR(jstr(d, "results.kpis.1.status"), "on track");
	CHECK_STR(jdec(d, "results.kpis.1.projected"), "276.5217");
	CHECK_STR(jstr(d, "results.summary.text"), "3 of 3 KPIs on track");
	CHECK_STR(jstr(d, "results.sources.0"), "google-ads");
	json_decref(d);

	/* A quarter: four quarters, the monthly target times three. */
	d = data_of("res", "2026-Q4", "quarterly");
	if (!d)
		return;
	CHECK_STR(jdec(d, "results.kpis.1.target"), "600");
	CHECK_STR(jdec(d, "results.kpis.1.actual"), "392");
	CHECK_STR(jdec(d, "results.kpis.1.previous"), "150");
	CHECK_STR(jstr(d, "charts.kpi2.points.0.label"), "Q1 2026");
	CHECK_STR(jstr(d, "charts.kpi2.points.3.label"), "Q4 2026");
	json_decref(d);

	/* A week: the months up to the one of its Thursday. */
	d = data_of("res", "2026-W44", "weekly");
	if (!d)
		return;
	CHECK_STR(jstr(d, "results.previous"), "2026-W43");
	CHECK_STR(jstr(d, "charts.kpi2.points.5.label"), "Oct 2026");
	CHECK_STR(jstr(d, "results.kpis.1.status"), "no data");
	json_decref(d);

	/* No numbers, no KPI: nothing to show, said so. */
	d = data_of("acme", "2026-11", "monthly");
	if (d) {
		CHECK(json_is_false(jget(d, "results.any")));
		CHECK(json_is_false(jget(d, "results.numbers")));
		CHECK(json_is_null(jget(d, "results.summary.text")));
		json_decref(d);
	}
	/* A range is no period metrics are summed for. */
	{
		struct acct_report_opts o = { 0 };
		struct acct_date a = { 2026, 11, 3 }, b = { 2026, 11, 12 };

		acct_date_parse(&o.today, "2026-11-23", NULL);
		acct_period_range(&o.period, &a, &b);
		o.slug = "res";
		o.template = "monthly";
		o.locale = "en";
		d = NULL;
		CHECK(acct_report_data(&d, book, &o, &err) == 0);
		CHECK(d && json_is_null(jget(d, "results")));
		json_decref(d);
	}
	/* Russian words. */
	{
		struct acct_report_opts o = { 0 };

		acct_date_parse(&o.today, "2026-11-23", NULL);
		acct_period_parse(&o.period, "2026-10", &o.today, 0, NULL);
		o.slug = "res";
		o.template = "monthly";
		o.locale = "ru";
		d = NULL;
		CHECK(acct_report_data(&d, book, &o, &err) == 0);
		CHECK_STR(jstr(d, "results.kpis.0.status_text"), "выполнен");
		CHECK_STR(jstr(d, "results.kpis.1.status_text"), "не выполнен");
		CHECK_STR(jstr(d, "results.kpis.2.status_text"), "не измеряется");
		CHECK_STR(jstr(d, "results.kpis.0.actual_text"),
			  "772,22" NBSP "₽");
		CHECK_STR(jstr(d, "results.summary.text"), "Выполнено 1 из 3 KPI; "
			  "не выполнены: leads >= 200 /month, ROAS >= 4");
		CHECK_STR(jstr(d, "charts.kpi2.points.5.label"), "окт. 2026");
		json_decref(d);
	}
	/* Numbers in another currency than the KPI's: no data, in theirs. */
	{
		static const char usd_card[] =
			"name: Usd Inc\nstatus: lead\nsince: 2026-01-01\n"
			"goals: {kpi: [\"CPL <= 900 RUB\"]}\n";
		static const char *const usd[] = { "spend=1000", "leads=2" };

		spec.name = "Usd Inc";
		spec.slug = "usd";
		CHECK_MSG(acct_client_add(&slug, book, &spec, &err) == 0 &&
			  acct_client_replace(book, "usd", usd_card,
					      strlen(usd_card), &err) == 0,
			  "%s", err.msg);
		acct_buf_release(&slug);
		record("usd", "2026-10", "manual", "USD", usd, 2);
		d = data_of("usd", "2026-10", "monthly");
		if (d) {
			CHECK_STR(jstr(d, "results.kpis.0.status"), "no data");
			CHECK_STR(jstr(d, "results.kpis.0.reason"),
				  "the numbers are in USD");
			CHECK_STR(jstr(d, "results.kpis.0.target_text"),
				  "RUB" NBSP "900");
			CHECK_STR(jstr(d, "results.kpis.0.actual_text"), "$500.00");
			json_decref(d);
		}
	}
	/* The portfolio: each client's KPI status. */
	d = data_for("2026-10", "portfolio");
	if (d) {
		json_t *c;
		size_t i;
		int seen = 0;

		json_array_foreach(jget(d, "clients"), i, c) {
			if (strcmp(json_string_value(json_object_get(c, "slug")),
				   "res"))
				continue;
			seen = 1;
			CHECK_STR(jstr(c, "kpi_status.text"), "1 of 3 KPIs met; "
				  "missed: leads >= 200 /month, ROAS >= 4");
			CHECK_INT(jint(c, "kpi_status.met"), 1);
			CHECK_STR(jstr(c, "kpis.1.status"), "missed");
		}
		CHECK(seen);
		json_decref(d);
	}
}

#define CHECK_SAVE_PATH(slug, label, tpl, locale, home, fmt, want) do { \
	struct acct_report_save_spec s_ = { (slug), (label), (tpl), (locale), \
					    (home), (fmt) }; \
	struct acct_buf b_ = ACCT_BUF_INIT; \
	acct_report_save_path(&b_, &s_); \
	CHECK_STR(b_.buf, (want)); \
	acct_buf_release(&b_); \
} while (0)

static void test_report__save_path(void)
{
	CHECK_SAVE_PATH("acme", "2026-W47", "weekly", "en", "en",
			ACCT_FORMAT_MD, "clients/acme/reports/2026-W47-weekly.md");
	/* Another language than the client's: its own file. */
	CHECK_SAVE_PATH("acme", "2026-W47", "weekly", "ru", "en",
			ACCT_FORMAT_MD,
			"clients/acme/reports/2026-W47-weekly.ru.md");
	CHECK_SAVE_PATH("acme", "2026-11", "monthly", "en", "ru",
			ACCT_FORMAT_HTML,
			"clients/acme/reports/2026-11-monthly.en.html");
	CHECK_SAVE_PATH("acme", "2026-Q4", "quarterly", "ru", "ru",
			ACCT_FORMAT_MAN, "clients/acme/reports/2026-Q4-quarterly.7");
	CHECK_SAVE_PATH(NULL, "2026-Q4", "portfolio", "ru", "en",
			ACCT_FORMAT_LATEX, "reports/2026-Q4-portfolio.ru.tex");
	CHECK_SAVE_PATH("acme", "2026-11-01..2026-11-15", "mine", "en", "en",
			ACCT_FORMAT_JSON,
			"clients/acme/reports/2026-11-01_2026-11-15-mine.json");
}

int main(void)
{
	test_report__save_path();
	if (setup() == 0) {
		test_report__week();
		test_report__month_and_year();
		test_report__portfolio();
		test_report__display_fields();
		test_report__kpi_once();
		test_report__names();
		test_report__portfolio_due();
		test_report__results();
	}
	test_format__dates();
	test_format__amounts();
	test_report__default_template();
	acct_book_free(book);
	if (dir[sizeof(dir) - 7] != 'X') {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_report("report");
}
