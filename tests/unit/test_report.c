#include "acct/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/error.h"
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

static json_t *data_for(const char *label, const char *tpl)
{
	struct acct_report_opts o = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	json_t *d = NULL;

	acct_date_parse(&o.today, "2026-11-23", NULL);
	acct_period_parse(&o.period, label, &o.today, 0, NULL);
	o.slug = strcmp(tpl, "portfolio") ? "acme" : NULL;
	o.template = tpl;
	o.locale = "en";
	CHECK_MSG(acct_report_data(&d, book, &o, &err) == 0, "%s", err.msg);
	return d;
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
	/* Done in the week: one; open: two, by due date, tags stripped. */
	CHECK_INT(json_array_size(json_object_get(d, "actions_done")), 1);
	CHECK_STR(jstr(d, "actions_done.0.text"), "Approve");
	CHECK_INT(json_array_size(json_object_get(d, "actions_open")), 2);
	CHECK_STR(jstr(d, "actions_open.0.text"), "Send plan");
	CHECK_STR(jstr(d, "actions_open.0.owner"), "anna");
	CHECK_STR(jstr(d, "actions_open.0.due"), "2026-11-25");
	CHECK_STR(jstr(d, "actions_open.1.due"), "2026-11-30");
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

static void test_render__blocks(void)
{
	json_t *d = json_loads("{\"charts\": {\"n\": {\"title\": \"NPS <by> q\", "
			       "\"unit\": \"NPS\", \"signed\": true, \"points\": "
			       "[{\"label\": \"Q1\", \"value\": null}, {\"label\": "
			       "\"Q2\", \"value\": -20}, {\"label\": \"Q3\", "
			       "\"value\": 50}]}}, \"tables\": {\"t\": {\"title\": "
			       "\"T\", \"columns\": [\"A\", \"B\"], \"rows\": "
			       "[[\"<script>x</script>\", 5]]}}}", 0, NULL);
	static const char md[] = "# Title\n\n```acct-chart n\n```\n\n"
				 "```acct-table t\n```\n\n```acct-chart missing\n```\n";
	struct acct_buf out = ACCT_BUF_INIT;

	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_HTML, "X & Y",
			     "en", "2026-11-23");
	CHECK(strstr(out.buf, "<title>X &amp; Y</title>") != NULL);
	CHECK(strstr(out.buf, "<svg") != NULL);
	CHECK(strstr(out.buf, "<title id=\"chart1-t\">NPS &lt;by&gt; q</title>") != NULL);
	CHECK(strstr(out.buf, "<figcaption>NPS &lt;by&gt; q: Q1 no data, Q2 -20, "
		     "Q3 50</figcaption>") != NULL);
	CHECK(strstr(out.buf, "<td>&lt;script&gt;x&lt;/script&gt;</td>") != NULL);
	CHECK(strstr(out.buf, "<td class=\"num\">5</td>") != NULL);
	CHECK(!strstr(out.buf, "<script"));
	CHECK(strstr(out.buf, "(no chart &#39;missing&#39;)") ||
	      strstr(out.buf, "(no chart 'missing')"));
	acct_buf_reset(&out);
	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_MD, "X", "en",
			     "2026-11-23");
	CHECK(strstr(out.buf, "```\nNPS <by> q\nQ1  no data\nQ2    -20 ------------\n"
		     "Q3     50 ##############################\n```\n") != NULL);
	CHECK(strstr(out.buf, "T\nA                   B\n------------------  -\n<script>x</script>  5\n") != NULL);
	CHECK(strstr(out.buf, "(no chart 'missing')\n") != NULL);
	acct_buf_reset(&out);
	/*
	 * A lone CR ends a line for cmark: the block cmark found is the one
	 * replaced, and the text around it is kept byte for byte.
	 */
	{
		static const char cr[] = "Intro\rmore\n\n```acct-table t\n```\n"
					 "after\rend\n";

		acct_render_markdown(&out, cr, strlen(cr), d, ACCT_FORMAT_MD,
				     "X", "en", "2026-11-23");
		CHECK(!strncmp(out.buf, "Intro\rmore\n\n```\nT\nA ", 20));
		CHECK(strstr(out.buf, "```\nafter\rend\n") != NULL);
		CHECK(!strstr(out.buf, "acct-table"));
		acct_buf_reset(&out);
	}
	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_MAN, "Ü \"q\"",
			     "en", "2026-11-23");
	CHECK(!strncmp(out.buf, ".TH \"\\[u00DC] \\(dqq\\(dq\" 7 \"2026-11-23\"", 38));
	acct_buf_reset(&out);
	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_LATEX, "A_B 😀",
			     "ru", "2026-11-23");
	CHECK(strstr(out.buf, "\\title{A\\_B ?}") != NULL);
	CHECK(strstr(out.buf, "\\usepackage[english,russian]{babel}") != NULL);
	acct_buf_release(&out);
	json_decref(d);
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
	}
	test_report__default_template();
	test_render__blocks();
	acct_book_free(book);
	if (dir[sizeof(dir) - 7] != 'X') {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_report("report");
}
