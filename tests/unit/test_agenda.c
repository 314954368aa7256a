#include "acct/agenda.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/config.h"
#include "acct/date.h"
#include "acct/error.h"
#include "acct/init.h"
#include "acct/txn.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * The agenda (lib/agenda.c): what is due on a day, worked out from the
 * cards, the log, the NPS answers and the briefs.
 */

static void due_is(int monthly, int rday, struct acct_date today,
		   const char *want_due, const char *want_prev,
		   const struct acct_date *hol, size_t nhol)
{
	struct acct_date due, prev;
	char a[ACCT_DATE_STRLEN], b[ACCT_DATE_STRLEN];

	acct_report_due(&due, &prev, monthly, rday, &today, hol, nhol);
	acct_date_format(a, &due);
	acct_date_format(b, &prev);
	CHECK_MSG(!strcmp(a, want_due) && !strcmp(b, want_prev),
		  "%04d-%02d-%02d: due %s prev %s, want %s %s", today.year,
		  today.month, today.day, a, b, want_due, want_prev);
}

static void test_agenda__report_due(void)
{
	struct acct_date hol[] = { { 2026, 12, 31 }, { 2026, 4, 30 } };

	/* Weekly on Friday (4). Monday 2026-11-23: last Friday. */
	due_is(0, 4, (struct acct_date){ 2026, 11, 23 }, "2026-11-20",
	       "2026-11-13", NULL, 0);
	/* On the Friday itself it is due that day. */
	due_is(0, 4, (struct acct_date){ 2026, 11, 27 }, "2026-11-27",
	       "2026-11-20", NULL, 0);
	/* Thursday: still last week's. */
	due_is(0, 4, (struct acct_date){ 2026, 11, 26 }, "2026-11-20",
	       "2026-11-13", NULL, 0);
	/* Monday as the report day. */
	due_is(0, 0, (struct acct_date){ 2026, 11, 23 }, "2026-11-23",
	       "2026-11-16", NULL, 0);
	/* Monthly: the last working day. November 2026 ends on a Monday. */
	due_is(1, 4, (struct acct_date){ 2026, 11, 30 }, "2026-11-30",
	       "2026-10-30", NULL, 0);
	due_is(1, 4, (struct acct_date){ 2026, 11, 29 }, "2026-10-30",
	       "2026-09-30", NULL, 0);
	/* February of a leap year ends on Thursday the 29th (2024). */
	due_is(1, 4, (struct acct_date){ 2024, 3, 1 }, "2024-02-29",
	       "2024-01-31", NULL, 0);
	/* A holiday on the last working day moves it back. */
	due_is(1, 4, (struct acct_date){ 2026, 12, 31 }, "2026-12-30",
	       "2026-11-30", hol, 2);
	/* January looks back to December of the year before. */
	due_is(1, 4, (struct acct_date){ 2027, 1, 15 }, "2026-12-30",
	       "2026-11-30", hol, 2);
	/* 2026-05-01 is a Friday; April's last day 30 is a holiday: 29th. */
	due_is(1, 4, (struct acct_date){ 2026, 5, 1 }, "2026-04-29",
	       "2026-03-31", hol, 2);
}

/* The last working day of a month: weekends and holidays skipped. */
static void test_agenda__last_workday(void)
{
	static const struct {
		int year, month;
		const char *want;
	} cases[] = {
		{ 2026, 5, "2026-05-29" },	/* the 31st is a Sunday */
		{ 2026, 1, "2026-01-30" },	/* the 31st is a Saturday */
		{ 2026, 11, "2026-11-30" },	/* a Monday */
		{ 2026, 2, "2026-02-27" },	/* the 28th is a Saturday */
		{ 2024, 2, "2024-02-29" },	/* leap, a Thursday */
		{ 2026, 12, "2026-12-30" },	/* the 31st a holiday below */
		{ 2026, 4, "2026-04-29" },	/* the 30th a holiday below */
	};
	struct acct_date hol[] = { { 2026, 12, 31 }, { 2026, 4, 30 } };
	char got[ACCT_DATE_STRLEN];
	struct acct_date d;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		acct_last_workday(&d, cases[i].year, cases[i].month, hol, 2);
		acct_date_format(got, &d);
		CHECK_MSG(!strcmp(got, cases[i].want), "%d-%02d: %s, want %s",
			  cases[i].year, cases[i].month, got, cases[i].want);
	}
	/* Without the holidays the 31st of December is the day. */
	acct_last_workday(&d, 2026, 12, NULL, 0);
	acct_date_format(got, &d);
	CHECK_STR(got, "2026-12-31");
}

static void test_agenda__kind_names(void)
{
	static const char *const want[ACCT_DUE_KINDS] = {
		"detractor", "action", "contact", "call", "report", "review",
		"nps", "today", "brief", "overload", "birthday", "anniversary",
		"kpi", "metrics", "risk",
	};
	int k;

	for (k = 0; k < ACCT_DUE_KINDS; k++)
		CHECK_STR(acct_agenda_kind_name((enum acct_agenda_kind)k),
			  want[k]);
	CHECK_STR(acct_agenda_kind_name(ACCT_DUE_KINDS), "?");
	CHECK_STR(acct_agenda_kind_name((enum acct_agenda_kind)-1), "?");
}

/* --- a book --------------------------------------------------------------- */

/*
 * The book's history starts on Monday 2026-01-05 (every card entered the
 * book then); "now" is Monday 2026-11-23, 09:00 UTC.
 */
static const struct acct_ident ident = {
	"Anna", "anna@agency.example", "1767571200 +0000",
	"Anna", "anna@agency.example", "1767571200 +0000",
};

#define ANNA "Anna <anna@agency.example>"
#define BORIS "Boris <boris@agency.example>"

/* Every cadence but the one a card sets is ten years. */
#define QUIET(contact, call, report, nps, review) \
	"cadence: {contact: " contact ", call: " call ", report: " report \
	", nps: " nps ", review: " review "}\n"
#define LONG "3660d"

static const char config_text[] =
	"locale: en\ncurrency: RUB\nreport_day: friday\n"
	"cadence: {contact: 3wd, call: 14d, report: weekly, nps: 90d, "
	"review: 90d}\n"
	"max_clients_per_manager: 3\n";

/* A log entry's file: front matter and body. */
#define ENTRY(date, channel, direction, kind, summary, body) \
	"---\ndate: " date "\nchannel: " channel "\ndirection: " direction \
	"\nkind: " kind "\nsummary: " summary "\nby: Anna\n---\n" body

static const char *const files[] = {
	/* Write first: 3 working days after the last outgoing contact. */
	"clients/wren/client.yaml",
	"name: Wren\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	"channels: {fast: email}\n"
	QUIET("3wd", LONG, LONG, LONG, LONG),
	"clients/wren/log/2026/2026-11-18T1000-sent.md",
	ENTRY("2026-11-18T10:00+00:00", "email", "out", "message", "Sent", ""),
	"clients/wren/log/2026/2026-11-21T1000-they-wrote.md",
	ENTRY("2026-11-21T10:00+00:00", "chat", "in", "message", "They wrote",
	      ""),

	/* A call every 14 days; an e-mail is no call. In Tokyo. */
	"clients/cole/client.yaml",
	"name: Cole\nstatus: active\nsince: 2026-01-01\nmanager: " BORIS "\n"
	"timezone: Asia/Tokyo\nhours: 09:00-18:00\n"
	QUIET(LONG, "14d", LONG, LONG, LONG),
	"clients/cole/log/2026/2026-11-01T1000-sync.md",
	ENTRY("2026-11-01T10:00+00:00", "call", "out", "postmeet", "Sync", ""),
	"clients/cole/log/2026/2026-11-10T1000-mail.md",
	ENTRY("2026-11-10T10:00+00:00", "email", "out", "message", "Mail", ""),

	/* Weekly reports: the last on the Friday before the deadline's
	 * week is not this week's; one after it is. */
	"clients/wendy/client.yaml",
	"name: Wendy\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	QUIET(LONG, LONG, "weekly", LONG, LONG),
	"clients/wendy/log/2026/2026-11-13T1000-week.md",
	ENTRY("2026-11-13T10:00+00:00", "email", "out", "report", "Week", ""),
	"clients/wally/client.yaml",
	"name: Wally\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	QUIET(LONG, LONG, "weekly", LONG, LONG),
	"clients/wally/log/2026/2026-11-14T1000-week.md",
	ENTRY("2026-11-14T10:00+00:00", "email", "out", "report", "Week", ""),
	/* Monthly, due on the last working day; and every 10 days. */
	"clients/mona/client.yaml",
	"name: Mona\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	QUIET(LONG, LONG, "monthly", LONG, LONG),
	"clients/mona/log/2026/2026-09-30T1000-month.md",
	ENTRY("2026-09-30T10:00+00:00", "email", "out", "report", "Month", ""),
	"clients/eve/client.yaml",
	"name: Eve\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	QUIET(LONG, LONG, "10d", LONG, LONG),
	"clients/eve/log/2026/2026-11-10T1000-report.md",
	ENTRY("2026-11-10T10:00+00:00", "email", "out", "report", "Report", ""),
	/* A client since Saturday: last Friday's report is not owed. */
	"clients/newt/client.yaml",
	"name: Newt\nstatus: active\nsince: 2026-11-21\nmanager: " ANNA "\n"
	QUIET(LONG, LONG, "weekly", LONG, LONG),

	/* NPS every 90 days: since the last answer, or the start. */
	"clients/nina/client.yaml",
	"name: Nina\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	"contacts:\n  - {name: Bob}\n  - {name: \"Ann O'Neil\", primary: true}\n"
	QUIET(LONG, LONG, LONG, "90d", LONG),
	"clients/nina/nps/2026/2026-08-01-ann.yaml",
	"date: 2026-08-01\nrespondent: Ann O'Neil\nscore: 9\n",
	"clients/nick/client.yaml",
	"name: Nick\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	QUIET(LONG, LONG, LONG, "90d", LONG),

	/* The quarterly review: since the last, or the start. */
	"clients/rita/client.yaml",
	"name: Rita\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	QUIET(LONG, LONG, LONG, LONG, "90d"),
	"clients/rita/log/2026/2026-08-01T1000-review.md",
	ENTRY("2026-08-01T10:00+00:00", "meeting", "out", "review", "Review",
	      ""),
	"clients/ruth/client.yaml",
	"name: Ruth\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	QUIET(LONG, LONG, LONG, LONG, "90d"),

	/* Detractors: nobody talked to since (a note is no talk). */
	"clients/dora/client.yaml",
	"name: Dora\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	QUIET(LONG, LONG, LONG, LONG, LONG),
	"clients/dora/nps/2026/2026-11-10-ivan.yaml",
	"date: 2026-11-10\nrespondent: Ivan\nscore: 4\n"
	"comment: \"slow\\nreplies\"\n",
	"clients/dora/nps/2026/2026-11-11-petr.yaml",
	"date: 2026-11-11\nrespondent: Petr\nscore: 7\n",	/* passive */
	"clients/dora/log/2026/2026-11-12T1000-note.md",
	ENTRY("2026-11-12T10:00+00:00", "other", "out", "note", "Note", ""),
	"clients/dan/client.yaml",
	"name: Dan\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	QUIET(LONG, LONG, LONG, LONG, LONG),
	"clients/dan/nps/2026/2026-11-10-a.yaml", "date: 2026-11-10\nscore: 3\n",
	"clients/dan/log/2026/2026-11-12T1000-call.md",
	ENTRY("2026-11-12T10:00+00:00", "call", "out", "postmeet", "Call", ""),
	"clients/dan/nps/2026/2026-11-15-b.yaml", "date: 2026-11-15\nscore: 6\n",

	/* Action items: overdue, due today, done, later, without a date. */
	"clients/ava/client.yaml",
	"name: Ava\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	QUIET(LONG, LONG, LONG, LONG, LONG),
	"clients/ava/log/2026/2026-11-16T1000-plan.md",
	ENTRY("2026-11-16T10:00+00:00", "email", "out", "message", "Plan",
	      "## Actions\n"
	      "- [ ] Send plan @anna due:2026-11-20 <!-- id:a1b2c3d -->\n"
	      "- [ ] Call back due:2026-11-23 <!-- id:b2c3d4e -->\n"
	      "- [x] Done due:2026-11-01 <!-- id:c3d4e5f -->\n"
	      "- [ ] Later due:2026-12-01 <!-- id:d4e5f60 -->\n"
	      "- [ ] Whenever <!-- id:e5f6071 -->\n"),

	/* Birthdays (with and without a year) and an anniversary. */
	"clients/otto/client.yaml",
	"name: Otto\nstatus: active\nsince: 2020-11-23\nmanager: " ANNA "\n"
	"contacts:\n"
	"  - {name: Ivan Petrov, role: CEO, birthday: 1980-11-25}\n"
	"  - {name: Olga, birthday: 11-23}\n"
	"  - {name: Later, birthday: 12-25}\n"
	QUIET(LONG, LONG, LONG, LONG, LONG),

	/* Not active, or archived: nothing is due, whatever is late. */
	"clients/paul/client.yaml",
	"name: Paul\nstatus: paused\nsince: 2026-01-01\nmanager: " BORIS "\n",
	"clients/paul/log/2026/2026-11-02T1000-x.md",
	ENTRY("2026-11-02T10:00+00:00", "email", "out", "message", "X",
	      "## Actions\n- [ ] Late due:2026-11-03 <!-- id:f6071a2 -->\n"),
	"clients/arch/client.yaml",
	"name: Arch\nstatus: active\nsince: 2026-01-01\nmanager: " ANNA "\n"
	"archived: 2026-10-01\n",
};

static char dir[] = "/tmp/acct-test-agenda.XXXXXX";
static struct acct_book *book;

/* Commit `n` (path, text) pairs in one change. */
static int commit(const char *const *pairs, size_t n, const char *msg)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_txn *t = NULL;
	size_t i;
	int rc;

	if ((rc = acct_txn_begin(&t, book, &err)) < 0)
		goto out;
	for (i = 0; i < n && !rc; i++)
		rc = acct_txn_put(t, pairs[2 * i], pairs[2 * i + 1],
				  strlen(pairs[2 * i + 1]), 0, &err);
	if (!rc)
		rc = acct_txn_commit(t, msg, &err);
out:
	acct_txn_free(t);
	CHECK_MSG(rc == 0, "%s: %s", msg, err.msg);
	return rc;
}

/* The book opened again (to read a changed config). */
static int reopen(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_time now;

	acct_book_free(book);
	book = NULL;
	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	return CHECK_MSG(acct_book_open(&book, dir, &now, &ident, &err) == 0,
			 "%s", err.msg) ? 0 : -1;
}

static int setup(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_time now;
	const char *cfg[] = { ACCT_CONFIG_PATH, config_text };

	if (!CHECK_MSG(mkdtemp(dir), "mkdtemp: %s", strerror(errno)))
		return -1;
	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	if (!CHECK_MSG(acct_book_init(dir, &now, &ident, &err) == 0, "%s",
		       err.msg) ||
	    reopen() < 0 ||
	    commit(cfg, 1, "test: config") < 0 ||
	    commit(files, sizeof(files) / sizeof(*files) / 2,
		   "test: clients") < 0)
		return -1;
	return reopen();
}

struct bad_records {
	int n;
	struct acct_error first;
};

static void on_bad(void *data, const struct acct_error *err)
{
	struct bad_records *b = data;

	if (!b->n++)
		b->first = *err;
}

/* The agenda of Monday 2026-11-23 (or `day`) with `o`'s other fields. */
static int build(struct acct_agenda *a, const char *day,
		 struct acct_agenda_opts *o, struct bad_records *bad)
{
	struct acct_error err = ACCT_ERROR_INIT;
	int rc;

	acct_date_parse(&o->today, day, NULL);
	o->bad = on_bad;
	o->data = bad;
	rc = acct_agenda_build(a, book, o, &err);
	CHECK_MSG(rc >= 0, "agenda: %d %s", rc, err.msg);
	return rc;
}

/* The items of `kind` for `slug` (NULL: any): how many, the first. */
static const struct acct_agenda_item *item(const struct acct_agenda *a,
					   enum acct_agenda_kind kind,
					   const char *slug, size_t *n)
{
	const struct acct_agenda_item *first = NULL;
	size_t i;

	*n = 0;
	for (i = 0; i < a->n; i++) {
		const struct acct_agenda_item *it = &a->items[i];

		if (it->kind != kind ||
		    (slug && (!it->slug || strcmp(it->slug, slug))))
			continue;
		if (!first)
			first = it;
		(*n)++;
	}
	return first;
}

static int date_is(const struct acct_date *d, const char *want)
{
	char got[ACCT_DATE_STRLEN];

	acct_date_format(got, d);
	return !strcmp(got, want);
}

/*
 * The one item of `kind` for `slug`: due on `due` (NULL: no date),
 * `overdue` days late, last on `last` (NULL: never), with `detail` and
 * `command` when not NULL. Returns it.
 */
static const struct acct_agenda_item *expect(int at, const struct acct_agenda *a,
					     enum acct_agenda_kind kind,
					     const char *slug, const char *due,
					     int overdue, const char *last,
					     const char *detail,
					     const char *command)
{
	size_t n;
	const struct acct_agenda_item *it = item(a, kind, slug, &n);

	if (!check_(n == 1, __FILE__, at, "%zu %s items for %s, want 1", n,
		    acct_agenda_kind_name(kind), slug))
		return NULL;
	check_(due ? it->has_due && date_is(&it->due, due) : !it->has_due,
	       __FILE__, at, "%s %s: due %04d-%02d-%02d, want %s", slug,
	       acct_agenda_kind_name(kind), it->due.year, it->due.month,
	       it->due.day, due ? due : "none");
	check_(it->overdue == overdue, __FILE__, at, "%s %s: overdue %d, "
	       "want %d", slug, acct_agenda_kind_name(kind), it->overdue,
	       overdue);
	check_(last ? it->has_last && date_is(&it->last, last) : !it->has_last,
	       __FILE__, at, "%s %s: last %04d-%02d-%02d, want %s", slug,
	       acct_agenda_kind_name(kind), it->last.year, it->last.month,
	       it->last.day, last ? last : "none");
	if (detail)
		check_(it->detail && !strcmp(it->detail, detail), __FILE__, at,
		       "%s: detail '%s', want '%s'", slug,
		       it->detail ? it->detail : "(null)", detail);
	if (command)
		check_(it->command && !strcmp(it->command, command), __FILE__,
		       at, "%s: command '%s', want '%s'", slug,
		       it->command ? it->command : "(null)", command);
	return it;
}

#define EXPECT(a, kind, slug, due, overdue, last, detail, command) \
	expect(__LINE__, a, kind, slug, due, overdue, last, detail, command)

/* No item of `kind` for `slug` (NULL: for anyone). */
#define NONE(a, kind, slug) do { \
	size_t n_; \
	item(a, kind, slug, &n_); \
	CHECK_MSG(n_ == 0, "%zu %s items for %s, want none", n_, \
		  acct_agenda_kind_name(kind), (slug) ? (slug) : "anyone"); \
} while (0)

/* The order of urgency, as the header lists it. */
static int rank(enum acct_agenda_kind k)
{
	static const enum acct_agenda_kind order[] = {
		ACCT_DUE_DETRACTOR, ACCT_DUE_RISK, ACCT_DUE_ACTION,
		ACCT_DUE_CONTACT, ACCT_DUE_CALL, ACCT_DUE_METRICS,
		ACCT_DUE_REPORT, ACCT_DUE_REVIEW, ACCT_DUE_NPS, ACCT_DUE_KPI,
		ACCT_DUE_TODAY, ACCT_DUE_BIRTHDAY, ACCT_DUE_ANNIVERSARY,
		ACCT_DUE_BRIEF, ACCT_DUE_OVERLOAD,
	};
	int i;

	for (i = 0; i < (int)(sizeof(order) / sizeof(*order)); i++)
		if (order[i] == k)
			return i;
	return -1;
}

/* Each cadence against its last time, on Monday 2026-11-23. */
static void test_agenda__cadences(void)
{
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_agenda_opts o = { 0 };
	struct bad_records bad = { 0, ACCT_ERROR_INIT };
	const struct acct_agenda_item *it;

	CHECK_INT(build(&a, "2026-11-23", &o, &bad), 0);
	CHECK_MSG(bad.n == 0, "%s: %s", bad.first.file, bad.first.msg);
	CHECK_INT(a.clients, 15);
	CHECK(!a.everyone);

	/* Write first: Wed + 3 working days is Monday; incoming is no
	 * outgoing contact; the card's fast channel. */
	EXPECT(&a, ACCT_DUE_CONTACT, "wren", "2026-11-23", 0, "2026-11-18",
	       "no outgoing contact since the last one",
	       "acct log wren --channel email");
	NONE(&a, ACCT_DUE_CONTACT, "cole");

	/* A call 14 days after the last call, not after the e-mail; the
	 * client's time: 18:00 in Tokyo, just out of hours. */
	it = EXPECT(&a, ACCT_DUE_CALL, "cole", "2026-11-15", 8, "2026-11-01",
		    "no call or meeting since the last one",
		    "acct log cole --channel call");
	if (it) {
		struct stat st;

		if (stat("/usr/share/zoneinfo/Asia/Tokyo", &st) == 0) {
			CHECK(it->has_local);
			CHECK_STR(it->local_time, "18:00");
			CHECK_INT(it->in_hours, 0);
		}
	}

	/* Reports: weekly due last Friday, covered by one after the
	 * Friday before; monthly on October's last working day; every
	 * 10 days; none before the client's start. */
	it = EXPECT(&a, ACCT_DUE_REPORT, "wendy", "2026-11-20", 3, "2026-11-13",
		    "the weekly summary", "acct log wendy --kind report");
	if (it)
		CHECK_STR(it->ref, "weekly");
	NONE(&a, ACCT_DUE_REPORT, "wally");
	it = EXPECT(&a, ACCT_DUE_REPORT, "mona", "2026-10-30", 24, "2026-09-30",
		    "the monthly report", NULL);
	if (it)
		CHECK_STR(it->ref, "monthly");
	it = EXPECT(&a, ACCT_DUE_REPORT, "eve", "2026-11-20", 3, "2026-11-10",
		    "the periodic report", NULL);
	if (it)
		CHECK_STR(it->ref, "10d");
	NONE(&a, ACCT_DUE_REPORT, "newt");

	/* NPS: 90 days after the last answer (the primary contact asked,
	 * quoted for a shell); never answered: from the day the card
	 * entered the book (Monday 2026-01-05, after its since). */
	EXPECT(&a, ACCT_DUE_NPS, "nina", "2026-10-30", 24, "2026-08-01",
	       "no NPS answer since the last one",
	       "acct nps nina SCORE --respondent 'Ann O'\\''Neil'");
	EXPECT(&a, ACCT_DUE_NPS, "nick", "2026-04-05", 232, NULL,
	       "no NPS answer yet", "acct nps nick SCORE");

	/* Reviews: 90 days after the last; the first from the start. */
	EXPECT(&a, ACCT_DUE_REVIEW, "rita", "2026-10-30", 24, "2026-08-01",
	       "the quarterly review",
	       "acct log rita --channel meeting --kind review");
	EXPECT(&a, ACCT_DUE_REVIEW, "ruth", "2026-04-05", 232, NULL,
	       "the first quarterly review", NULL);
	NONE(&a, ACCT_DUE_REVIEW, "wren");

	/*
	 * Detractors (0 to 6; 7 is passive): a note since is no talk, a
	 * call since is.
	 */
	it = EXPECT(&a, ACCT_DUE_DETRACTOR, "dora", "2026-11-10", 13, NULL,
		    "Ivan scored 4: slow replies",
		    "acct log dora --channel call");
	if (it)
		CHECK_STR(it->ref, "clients/dora/nps/2026/2026-11-10-ivan.yaml");
	EXPECT(&a, ACCT_DUE_DETRACTOR, "dan", "2026-11-15", 8, NULL,
	       "an anonymous respondent scored 6", NULL);

	/* Action items: overdue and due today; done, later, undated not. */
	it = EXPECT(&a, ACCT_DUE_ACTION, "ava", "2026-11-20", 3, NULL,
		    "Send plan @anna due:2026-11-20", "acct todo done a1b2c3d");
	if (it)
		CHECK_STR(it->ref, "a1b2c3d");
	EXPECT(&a, ACCT_DUE_TODAY, "ava", "2026-11-23", 0, NULL,
	       "Call back due:2026-11-23", "acct todo done b2c3d4e");

	/* A client that is not active, or archived, owes nothing. */
	CHECK(!item(&a, ACCT_DUE_ACTION, "paul", &(size_t){ 0 }));
	{
		size_t i;

		for (i = 0; i < a.n; i++)
			CHECK_MSG(!a.items[i].slug ||
				  (strcmp(a.items[i].slug, "paul") &&
				   strcmp(a.items[i].slug, "arch")),
				  "%s for %s", acct_agenda_kind_name(
				  a.items[i].kind), a.items[i].slug);
	}
	/* No brief anywhere: each active client is asked for one. */
	EXPECT(&a, ACCT_DUE_BRIEF, "wren", NULL, 0, NULL, "no brief yet",
	       "acct brief wren");
	/* Anna has 14 active clients, the limit is 3; Boris one. */
	it = EXPECT(&a, ACCT_DUE_OVERLOAD, NULL, NULL, 0, NULL,
		    ANNA " has 14 active clients; the limit is 3",
		    "acct client list --status active --manager "
		    "anna@agency.example");
	if (it)
		CHECK_STR(it->name, ANNA);
	/* Occasions only when asked for. */
	NONE(&a, ACCT_DUE_BIRTHDAY, NULL);
	NONE(&a, ACCT_DUE_ANNIVERSARY, NULL);
	acct_agenda_release(&a);
	CHECK(a.n == 0 && a.items == NULL);

	/* Two days on, the same things are later; today's item overdue. */
	CHECK_INT(build(&a, "2026-11-25", &o, &bad), 0);
	EXPECT(&a, ACCT_DUE_CONTACT, "wren", "2026-11-23", 2, "2026-11-18",
	       NULL, NULL);
	{
		size_t n;

		it = item(&a, ACCT_DUE_ACTION, "ava", &n);
		CHECK_INT(n, 2);
		if (n == 2) {
			CHECK_STR(it[0].detail, "Send plan @anna due:2026-11-20");
			CHECK_INT(it[0].overdue, 5);
			CHECK_STR(it[1].detail, "Call back due:2026-11-23");
			CHECK_INT(it[1].overdue, 2);
		}
	}
	NONE(&a, ACCT_DUE_TODAY, "ava");
	acct_agenda_release(&a);

	/* The Friday before: write first not yet due (Wed + 3wd). */
	CHECK_INT(build(&a, "2026-11-20", &o, &bad), 0);
	NONE(&a, ACCT_DUE_CONTACT, "wren");
	EXPECT(&a, ACCT_DUE_TODAY, "ava", "2026-11-20", 0, NULL,
	       "Send plan @anna due:2026-11-20", NULL);
	acct_agenda_release(&a);
}

/* The `k`th item (from 0) of `kind` for `slug`, due on `due`, `overdue`. */
static int nth_is(int at, const struct acct_agenda *a, enum acct_agenda_kind kind,
		  const char *slug, size_t k, const char *due, int overdue)
{
	size_t i, seen = 0;

	for (i = 0; i < a->n; i++) {
		const struct acct_agenda_item *it = &a->items[i];

		if (it->kind != kind || !it->slug || strcmp(it->slug, slug) ||
		    seen++ != k)
			continue;
		return check_(date_is(&it->due, due) && it->overdue == overdue,
			      __FILE__, at, "%s %s #%zu: due %04d-%02d-%02d "
			      "(%d), want %s (%d)", slug,
			      acct_agenda_kind_name(kind), k, it->due.year,
			      it->due.month, it->due.day, it->overdue, due,
			      overdue);
	}
	return check_(0, __FILE__, at, "%s %s: no item #%zu", slug,
		      acct_agenda_kind_name(kind), k);
}

#define NTH_IS(a, kind, slug, k, due, overdue) \
	nth_is(__LINE__, a, kind, slug, k, due, overdue)

/*
 * A calendar's view: the next time each cadence falls due, however far
 * overdue or up to `days` ahead; each report deadline up to then; every
 * open action item with a due date; the client's zone and hours on the
 * cadence items; no findings without a day (brief, KPIs, risk).
 */
static void test_agenda__calendar(void)
{
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_agenda_opts o = { 0 };
	struct bad_records bad = { 0, ACCT_ERROR_INIT };
	const struct acct_agenda_item *it;
	struct stat st;
	size_t n;

	o.calendar = 1;
	o.days = 14;	/* Monday 2026-11-23 to Monday 2026-12-07 */
	CHECK_INT(build(&a, "2026-11-23", &o, &bad), 0);
	CHECK_MSG(bad.n == 0, "%s: %s", bad.first.file, bad.first.msg);

	/* Weekly: last Friday's (not covered), then the two Fridays ahead. */
	item(&a, ACCT_DUE_REPORT, "wendy", &n);
	CHECK_INT(n, 3);
	NTH_IS(&a, ACCT_DUE_REPORT, "wendy", 0, "2026-11-20", 3);
	NTH_IS(&a, ACCT_DUE_REPORT, "wendy", 1, "2026-11-27", -4);
	NTH_IS(&a, ACCT_DUE_REPORT, "wendy", 2, "2026-12-04", -11);
	/* Covered this week: only the ones ahead; none before the start. */
	item(&a, ACCT_DUE_REPORT, "wally", &n);
	CHECK_INT(n, 2);
	NTH_IS(&a, ACCT_DUE_REPORT, "wally", 0, "2026-11-27", -4);
	item(&a, ACCT_DUE_REPORT, "newt", &n);
	CHECK_INT(n, 2);
	NTH_IS(&a, ACCT_DUE_REPORT, "newt", 1, "2026-12-04", -11);
	/* Monthly: October's, overdue, and November's last working day. */
	item(&a, ACCT_DUE_REPORT, "mona", &n);
	CHECK_INT(n, 2);
	NTH_IS(&a, ACCT_DUE_REPORT, "mona", 0, "2026-10-30", 24);
	NTH_IS(&a, ACCT_DUE_REPORT, "mona", 1, "2026-11-30", -7);
	/* Every 10 days: the next one only. */
	EXPECT(&a, ACCT_DUE_REPORT, "eve", "2026-11-20", 3, "2026-11-10",
	       NULL, NULL);

	/* A call overdue since the 15th, once, in Tokyo 09:00-18:00; no
	 * local time now (a calendar is not read at one moment). */
	it = EXPECT(&a, ACCT_DUE_CALL, "cole", "2026-11-15", 8, "2026-11-01",
		    NULL, NULL);
	if (it) {
		CHECK(!it->has_local);
		if (stat("/usr/share/zoneinfo/Asia/Tokyo", &st) == 0)
			CHECK_STR(it->timezone, "Asia/Tokyo");
		CHECK_INT(it->hours_from, 9 * 60);
		CHECK_INT(it->hours_to, 18 * 60);
	}
	it = EXPECT(&a, ACCT_DUE_REVIEW, "rita", "2026-10-30", 24,
		    "2026-08-01", NULL, NULL);
	if (it) {
		CHECK(!it->timezone);
		CHECK_INT(it->hours_from, -1);
	}
	EXPECT(&a, ACCT_DUE_NPS, "nick", "2026-04-05", 232, NULL, NULL, NULL);
	EXPECT(&a, ACCT_DUE_CONTACT, "wren", "2026-11-23", 0, "2026-11-18",
	       NULL, NULL);

	/* Actions: overdue, today, and the one on December 1st. */
	EXPECT(&a, ACCT_DUE_ACTION, "ava", "2026-11-20", 3, NULL, NULL, NULL);
	item(&a, ACCT_DUE_TODAY, "ava", &n);
	CHECK_INT(n, 2);
	NTH_IS(&a, ACCT_DUE_TODAY, "ava", 0, "2026-11-23", 0);
	NTH_IS(&a, ACCT_DUE_TODAY, "ava", 1, "2026-12-01", -8);
	/* No findings without a day. */
	NONE(&a, ACCT_DUE_BRIEF, NULL);
	NONE(&a, ACCT_DUE_RISK, NULL);
	acct_agenda_release(&a);

	/* No days ahead: today's deadline only, and every action still. */
	o.days = 0;
	CHECK_INT(build(&a, "2026-11-23", &o, &bad), 0);
	item(&a, ACCT_DUE_REPORT, "wendy", &n);
	CHECK_INT(n, 1);
	NONE(&a, ACCT_DUE_REPORT, "wally");
	item(&a, ACCT_DUE_TODAY, "ava", &n);
	CHECK_INT(n, 2);
	acct_agenda_release(&a);
}

/* Birthdays and anniversaries: today and the days ahead, in order. */
static void test_agenda__occasions(void)
{
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_agenda_opts o = { 0 };
	struct bad_records bad = { 0, ACCT_ERROR_INIT };
	const struct acct_agenda_item *it;
	size_t i, n, first_birthday = 0;

	o.occasions = 1;
	o.days = 7;
	CHECK_INT(build(&a, "2026-11-23", &o, &bad), 0);
	item(&a, ACCT_DUE_BIRTHDAY, "otto", &n);
	CHECK_INT(n, 2);	/* not Christmas's: past the 7 days */
	for (i = 0; i < a.n && a.items[i].kind != ACCT_DUE_BIRTHDAY; i++)
		;
	first_birthday = i;
	if (CHECK(n == 2 && first_birthday + 1 < a.n)) {
		/* Today's first, then the one in two days. */
		it = &a.items[first_birthday];
		CHECK_STR(it->detail, "Olga");
		CHECK_STR(it->contact, "Olga");
		CHECK(date_is(&it->due, "2026-11-23") && it->overdue == 0);
		CHECK_INT(it->years, 0);	/* no year: no age */
		it++;
		CHECK_STR(it->detail, "Ivan Petrov (CEO) turns 46");
		CHECK(date_is(&it->due, "2026-11-25") && it->overdue == -2);
		CHECK_INT(it->years, 46);
		CHECK_STR(it->command, "acct log otto --channel chat");
	}
	it = EXPECT(&a, ACCT_DUE_ANNIVERSARY, "otto", "2026-11-23", 0, NULL,
		    "6 years together (since 2020-11-23)", NULL);
	if (it)
		CHECK_INT(it->years, 6);
	acct_agenda_release(&a);

	/* No days ahead: today's only. */
	o.days = 0;
	CHECK_INT(build(&a, "2026-11-23", &o, &bad), 0);
	item(&a, ACCT_DUE_BIRTHDAY, "otto", &n);
	CHECK_INT(n, 1);
	acct_agenda_release(&a);
}

/*
 * The items in order of urgency (occasions after the actions due today,
 * the brief and the overload last), the most overdue first within a
 * kind, then by client.
 */
static void test_agenda__order(void)
{
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_agenda_opts o = { 0 };
	struct bad_records bad = { 0, ACCT_ERROR_INIT };
	size_t i;

	o.occasions = 1;
	o.days = 7;
	CHECK_INT(build(&a, "2026-11-23", &o, &bad), 0);
	CHECK(a.n > 20);
	for (i = 0; i + 1 < a.n; i++) {
		const struct acct_agenda_item *x = &a.items[i], *y = x + 1;
		int rx = rank(x->kind), ry = rank(y->kind);

		CHECK_MSG(rx <= ry, "%s before %s",
			  acct_agenda_kind_name(x->kind),
			  acct_agenda_kind_name(y->kind));
		if (rx == ry && x->has_due && y->has_due)
			CHECK_MSG(x->overdue > y->overdue ||
				  (x->overdue == y->overdue &&
				   strcmp(x->slug ? x->slug : "",
					  y->slug ? y->slug : "") <= 0),
				  "%s: %s %d before %s %d",
				  acct_agenda_kind_name(x->kind), x->slug,
				  x->overdue, y->slug, y->overdue);
	}
	/* The two reports three days late: by client. */
	for (i = 0; i < a.n && a.items[i].kind != ACCT_DUE_REPORT; i++)
		;
	if (CHECK(i + 2 < a.n)) {
		CHECK_STR(a.items[i].slug, "mona");
		CHECK_STR(a.items[i + 1].slug, "eve");
		CHECK_STR(a.items[i + 2].slug, "wendy");
	}
	CHECK(a.n && a.items[a.n - 1].kind == ACCT_DUE_OVERLOAD);
	acct_agenda_release(&a);
}

/* One manager's clients; a name that matches none; git's identity. */
static void test_agenda__manager(void)
{
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_agenda_opts o = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct bad_records bad = { 0, ACCT_ERROR_INIT };
	size_t i;

	o.manager = "boris";
	CHECK_INT(build(&a, "2026-11-23", &o, &bad), 0);
	CHECK_INT(a.clients, 1);
	for (i = 0; i < a.n; i++)
		CHECK_MSG(a.items[i].slug && !strcmp(a.items[i].slug, "cole"),
			  "%s for %s", acct_agenda_kind_name(a.items[i].kind),
			  a.items[i].slug ? a.items[i].slug : "(none)");
	/* Anna's overload is not Boris's business. */
	NONE(&a, ACCT_DUE_OVERLOAD, NULL);
	EXPECT(&a, ACCT_DUE_CALL, "cole", "2026-11-15", 8, "2026-11-01", NULL,
	       NULL);
	acct_agenda_release(&a);

	/* A name that is no card's manager: a usage error, not "nothing". */
	o.manager = "zed";
	acct_date_parse(&o.today, "2026-11-23", NULL);
	CHECK_INT(acct_agenda_build(&a, book, &o, &err), ACCT_EUSAGE);
	CHECK_MSG(strstr(err.msg, "zed") != NULL, "%s", err.msg);
	CHECK(a.n == 0);

	/* git's identity, matched whole: Anna's; nobody's: everyone's. */
	o.fallback = 1;
	o.manager = ANNA;
	CHECK_INT(build(&a, "2026-11-23", &o, &bad), 0);
	CHECK_INT(a.clients, 14);
	CHECK(!a.everyone);
	NONE(&a, ACCT_DUE_CALL, "cole");
	acct_agenda_release(&a);
	o.manager = "Zed <zed@agency.example>";
	CHECK_INT(build(&a, "2026-11-23", &o, &bad), 0);
	CHECK(a.everyone);
	CHECK_INT(a.clients, 15);
	acct_agenda_release(&a);
	/* "ann" is part of Anna's name, not all of it: no card's. */
	o.manager = "ann";
	CHECK_INT(build(&a, "2026-11-23", &o, &bad), 0);
	CHECK(a.everyone);
	acct_agenda_release(&a);
}

/*
 * Holidays move working days and monthly deadlines (never the weekly
 * report day); a record that cannot be read goes to o->bad, and the rest
 * is still worked out (1).
 */
static void test_agenda__holidays_and_bad(void)
{
	static const char *const later[] = {
		ACCT_CONFIG_PATH,
		"locale: en\nreport_day: friday\nmax_clients_per_manager: 30\n"
		"cadence: {contact: 3wd, call: 14d, report: weekly, nps: 90d, "
		"review: 90d}\n"
		"holidays: [2026-11-20, 2026-10-30]\n",
		"clients/bert/client.yaml",
		"name: Bert\nstatus: active\nsince: 2026-01-01\n"
		"manager: " BORIS "\n",
		"clients/bert/log/2026/2026-11-02T1000-broken.md",
		"---\ndate: never\n---\n",
		"clients/broken/client.yaml", "name: [\n",
	};
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_agenda_opts o = { 0 };
	struct bad_records bad = { 0, ACCT_ERROR_INIT };

	if (commit(later, 4, "test: holidays") < 0 || reopen() < 0)
		return;
	CHECK_INT(build(&a, "2026-11-23", &o, &bad), 1);
	CHECK_INT(bad.n, 2);
	CHECK_MSG(!strncmp(bad.first.file, "clients/b", 9), "%s: %s",
		  bad.first.file, bad.first.msg);
	/* Wed 18 + 3 working days, Friday a holiday: Tuesday. */
	NONE(&a, ACCT_DUE_CONTACT, "wren");
	/* October's last working day is now Thursday the 29th. */
	EXPECT(&a, ACCT_DUE_REPORT, "mona", "2026-10-29", 25, "2026-09-30",
	       NULL, NULL);
	/* The weekly report stays on its day. */
	EXPECT(&a, ACCT_DUE_REPORT, "wendy", "2026-11-20", 3, "2026-11-13",
	       NULL, NULL);
	/* The limit is 30 now: nobody is overloaded. */
	NONE(&a, ACCT_DUE_OVERLOAD, NULL);
	/* Bert's broken entry aside, his card still counts. */
	CHECK_INT(a.clients, 16);
	acct_agenda_release(&a);
	CHECK_INT(build(&a, "2026-11-24", &o, &bad), 1);
	EXPECT(&a, ACCT_DUE_CONTACT, "wren", "2026-11-24", 0, "2026-11-18",
	       NULL, NULL);
	acct_agenda_release(&a);
}

int main(void)
{
	test_agenda__report_due();
	test_agenda__last_workday();
	test_agenda__kind_names();
	if (setup() == 0) {
		test_agenda__cadences();
		test_agenda__occasions();
		test_agenda__calendar();
		test_agenda__order();
		test_agenda__manager();
		test_agenda__holidays_and_bad();
	}
	acct_book_free(book);
	if (dir[sizeof(dir) - 2] != 'X') {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		CHECK(system(cmd) == 0);
	}
	return test_report("agenda");
}
