#include "acct/health.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct/book.h"
#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/config.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/init.h"
#include "harness.h"

#include "acct/banned.h"

#define D(y, m, d) ((struct acct_date){ (y), (m), (d) })

static struct acct_config cfg;

/* Monday 2026-11-23, write first every 3 working days, nothing else. */
static void facts_init(struct acct_health_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->today = D(2026, 11, 23);
	f->cadence = (struct acct_duration){ 3, ACCT_DUR_WORKDAYS };
	f->sections = 13;
	snprintf(f->kpi_period, sizeof(f->kpi_period), "2026-10");
}

static const struct acct_health_factor *score(struct acct_health *h,
					      const struct acct_health_facts *f,
					      enum acct_health_kind k)
{
	memset(h, 0, sizeof(*h));
	acct_health_score(h, f, &cfg.health);
	return &h->factors[k];
}

#define CHECK_FACTOR(x, want_value, want_points) do { \
	CHECK_MSG((x)->has, "left out: %s", (x)->note); \
	CHECK_INT((x)->value, (want_value)); \
	CHECK_INT((x)->points, (want_points)); \
} while (0)

static void test_health__recency(void)
{
	struct acct_health_facts f;
	struct acct_health h;
	const struct acct_health_factor *x;
	struct acct_date c[1];

	facts_init(&f);
	f.contacts = c;
	f.ncontacts = 1;
	/* Friday: the next falls due on Wednesday, after today. */
	c[0] = D(2026, 11, 20);
	x = score(&h, &f, ACCT_HEALTH_RECENCY);
	CHECK_FACTOR(x, 3, 100);
	CHECK(strstr(x->note, "last contact 2026-11-20, 3 days ago") != NULL);
	CHECK(strstr(x->note, "next due 2026-11-25") != NULL);
	/* The Friday before: due Wednesday 18th, one more cadence is today. */
	c[0] = D(2026, 11, 13);
	CHECK_FACTOR(score(&h, &f, ACCT_HEALTH_RECENCY), 10, 0);
	/* Monday 16th: due Thursday, 0 on Tuesday 24th: 1 day of 5 left. */
	c[0] = D(2026, 11, 16);
	CHECK_FACTOR(score(&h, &f, ACCT_HEALTH_RECENCY), 7, 20);
	/* 7d: due the 20th, 0 on the 27th: 4 days of 7 left, 57.1. */
	f.cadence = (struct acct_duration){ 7, ACCT_DUR_DAYS };
	c[0] = D(2026, 11, 13);
	CHECK_FACTOR(score(&h, &f, ACCT_HEALTH_RECENCY), 10, 57);
	/* A contact after today (--date in the past) does not count. */
	c[0] = D(2026, 11, 24);
	x = score(&h, &f, ACCT_HEALTH_RECENCY);
	CHECK(!x->has && !strcmp(x->note, "no contact in the log yet"));
	CHECK(!h.factors[ACCT_HEALTH_CADENCE].has);
	/* No contact at all: left out, not 0. */
	f.ncontacts = 0;
	x = score(&h, &f, ACCT_HEALTH_RECENCY);
	CHECK(!x->has && x->points == 0);
	CHECK_STR(x->note, "no contact in the log yet");
}

static void test_health__cadence(void)
{
	struct acct_health_facts f;
	struct acct_health h;
	const struct acct_health_factor *x;
	struct acct_date c[4] = {
		D(2026, 1, 1), D(2026, 8, 26), D(2026, 9, 10), D(2026, 11, 20),
	};

	facts_init(&f);
	f.cadence = (struct acct_duration){ 7, ACCT_DUR_DAYS };
	f.contacts = c;
	/*
	 * From 2026-08-26 (89 days ago): 12 whole weeks, the 1st and 3rd
	 * with a contact, and the 13th running, with one: 3 of 13.
	 */
	f.ncontacts = 4;
	x = score(&h, &f, ACCT_HEALTH_CADENCE);
	CHECK_FACTOR(x, 23, 23);
	CHECK_STR(x->note, "3 of 13 windows of 7d since 2026-08-26 had a contact");
	/* Without the running week's contact it does not count: 2 of 12. */
	f.ncontacts = 3;
	CHECK_FACTOR(score(&h, &f, ACCT_HEALTH_CADENCE), 17, 17);
	/* Counted from the card's since: 3 weeks, 1 with a contact. */
	f.ncontacts = 4;
	f.has_since = 1;
	f.since = D(2026, 11, 2);
	x = score(&h, &f, ACCT_HEALTH_CADENCE);
	CHECK_FACTOR(x, 33, 33);
	CHECK(strstr(x->note, "1 of 3 windows of 7d since 2026-11-02") != NULL);
	/* From the first contact, if later: the running week only. */
	f.has_since = 0;
	f.contacts = &c[3];
	f.ncontacts = 1;
	CHECK_FACTOR(score(&h, &f, ACCT_HEALTH_CADENCE), 100, 100);
	/* A since of today and no contact since: not one window yet. */
	f.contacts = c;
	f.ncontacts = 2;
	f.has_since = 1;
	f.since = D(2026, 11, 23);
	x = score(&h, &f, ACCT_HEALTH_CADENCE);
	CHECK(!x->has);
	CHECK_STR(x->note, "less than one cadence (7d) since 2026-11-23");
	/* Working days: Monday to Monday is 5wd, holidays skipped. */
	f.has_since = 1;
	f.since = D(2026, 11, 9);
	f.cadence = (struct acct_duration){ 5, ACCT_DUR_WORKDAYS };
	f.contacts = &c[3];
	f.ncontacts = 1;
	x = score(&h, &f, ACCT_HEALTH_CADENCE);
	CHECK_FACTOR(x, 100, 100);
	CHECK(strstr(x->note, "1 of 1 windows of 5wd") != NULL);
}

static void test_health__nps(void)
{
	struct acct_health_facts f;
	struct acct_health h;
	const struct acct_health_factor *x;
	struct acct_health_answer a[4];

	facts_init(&f);
	f.answers = a;
	/* 2026-05-28 is the first day of the last 180, 05-27 the day before. */
	a[0] = (struct acct_health_answer){ D(2026, 5, 28), 10 };
	a[1] = (struct acct_health_answer){ D(2026, 5, 27), 0 };
	a[2] = (struct acct_health_answer){ D(2026, 11, 1), 6 };
	f.nanswers = 3;
	x = score(&h, &f, ACCT_HEALTH_NPS);
	CHECK_FACTOR(x, 0, 50);
	CHECK_STR(x->note, "NPS 0 from 2 answers since 2026-05-28");
	/* -100 before, 0 now: it rose. */
	x = &h.factors[ACCT_HEALTH_NPS_TREND];
	CHECK_FACTOR(x, 100, 100);
	/* 9, 9, 7: NPS 67 (66.7), (67 + 100) / 2 = 83.5, so 84; 10 before:
	 * down 33, 2 points a point. */
	a[0] = (struct acct_health_answer){ D(2026, 11, 1), 9 };
	a[1] = (struct acct_health_answer){ D(2026, 11, 2), 9 };
	a[2] = (struct acct_health_answer){ D(2026, 11, 3), 7 };
	a[3] = (struct acct_health_answer){ D(2025, 11, 29), 10 };
	f.nanswers = 4;
	CHECK_FACTOR(score(&h, &f, ACCT_HEALTH_NPS), 67, 84);
	CHECK_FACTOR(&h.factors[ACCT_HEALTH_NPS_TREND], -33, 34);
	/* 360 days ago is too old to compare with. */
	a[3].date = D(2025, 11, 28);
	score(&h, &f, ACCT_HEALTH_NPS);
	CHECK(!h.factors[ACCT_HEALTH_NPS_TREND].has);
	CHECK_STR(h.factors[ACCT_HEALTH_NPS_TREND].note, "no NPS answer from "
		  "2025-11-29 to 2026-05-28 to compare with");
	/* From 100 to -100: the points stop at 0. */
	a[0].score = a[1].score = a[2].score = 0;
	a[3].date = D(2026, 1, 1);
	CHECK_FACTOR(score(&h, &f, ACCT_HEALTH_NPS), -100, 0);
	CHECK_FACTOR(&h.factors[ACCT_HEALTH_NPS_TREND], -200, 0);
	/* An answer after today and none before: both left out. */
	a[0].date = D(2026, 11, 24);
	f.nanswers = 1;
	x = score(&h, &f, ACCT_HEALTH_NPS);
	CHECK(!x->has && !h.factors[ACCT_HEALTH_NPS_TREND].has);
	CHECK_STR(x->note, "no NPS answer since 2026-05-28");
}

static void test_health__actions_kpi_brief(void)
{
	static const char *const missing[] = { "competitors" };
	static const char *const empty[] = { "kpi" };
	struct acct_health_facts f;
	struct acct_health h;
	const struct acct_health_factor *x;

	facts_init(&f);
	x = score(&h, &f, ACCT_HEALTH_ACTIONS);
	CHECK(!x->has);
	CHECK_STR(x->note, "no action item with a due date");
	f.actions = 1;
	CHECK_FACTOR(score(&h, &f, ACCT_HEALTH_ACTIONS), 0, 100);
	f.actions = 4, f.open = 3, f.overdue = 2;
	x = score(&h, &f, ACCT_HEALTH_ACTIONS);
	CHECK_FACTOR(x, 2, 50);
	CHECK_STR(x->note, "2 of 3 open action items with a due date overdue");
	f.actions = f.open = f.overdue = 5;
	CHECK_FACTOR(score(&h, &f, ACCT_HEALTH_ACTIONS), 5, 0);

	x = score(&h, &f, ACCT_HEALTH_KPI);
	CHECK(!x->has);
	CHECK_STR(x->note, "no measurable KPI");
	f.kpis = 3;
	x = score(&h, &f, ACCT_HEALTH_KPI);
	CHECK(!x->has);
	CHECK_STR(x->note, "no numbers for the KPIs in 2026-10");
	f.kpi_met = 2, f.kpi_missed = 1;
	x = score(&h, &f, ACCT_HEALTH_KPI);
	CHECK_FACTOR(x, 67, 67);
	CHECK_STR(x->note, "2 of 3 KPIs met in 2026-10");
	f.kpi_met = 1, f.kpi_missed = 0;
	x = score(&h, &f, ACCT_HEALTH_KPI);
	CHECK_FACTOR(x, 100, 100);
	CHECK_STR(x->note, "1 of 1 KPIs met in 2026-10 (2 without numbers)");
	f.kpi_bad = 1;
	CHECK(!score(&h, &f, ACCT_HEALTH_KPI)->has);

	x = score(&h, &f, ACCT_HEALTH_BRIEF);
	CHECK(!x->has);
	CHECK_STR(x->note, "no brief yet");
	f.has_brief = 1;
	CHECK_FACTOR(score(&h, &f, ACCT_HEALTH_BRIEF), 100, 100);
	f.missing = missing, f.nmissing = 1;
	f.empty = empty, f.nempty = 1;
	x = score(&h, &f, ACCT_HEALTH_BRIEF);
	CHECK_FACTOR(x, 85, 85);
	CHECK_STR(x->note, "11 of 13 sections written; missing: competitors; "
		  "empty: kpi");
	f.brief_bad = 1;
	CHECK(!score(&h, &f, ACCT_HEALTH_BRIEF)->has);
}

/* acct_health_points(): the same score and points, no note. */
static void test_health__points(void)
{
	static const char *const missing[] = { "competitors" };
	static const struct acct_date contacts[] = {
		D(2026, 11, 2), D(2026, 10, 20), D(2026, 9, 1),
	};
	static const struct acct_health_answer answers[] = {
		{ { 2026, 11, 1 }, 9 }, { { 2026, 7, 1 }, 3 },
	};
	struct acct_health_facts f;
	struct acct_health a, b;
	size_t k;
	int round;

	for (round = 0; round < 2; round++) {
		facts_init(&f);
		if (round) {
			f.contacts = contacts, f.ncontacts = 3;
			f.answers = answers, f.nanswers = 2;
			f.actions = 4, f.open = 3, f.overdue = 1;
			f.kpis = 2, f.kpi_met = 1, f.kpi_missed = 1;
			f.has_brief = 1, f.missing = missing, f.nmissing = 1;
		}
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		acct_health_score(&a, &f, &cfg.health);
		acct_health_points(&b, &f, &cfg.health);
		CHECK_INT(b.has_score, a.has_score);
		CHECK_INT(b.score, a.score);
		for (k = 0; k < ACCT_HEALTH_NFACTORS; k++) {
			CHECK_INT(b.factors[k].has, a.factors[k].has);
			CHECK_INT(b.factors[k].value, a.factors[k].value);
			CHECK_INT(b.factors[k].points, a.factors[k].points);
			CHECK_INT(b.factors[k].weight, a.factors[k].weight);
			CHECK_STR(b.factors[k].note, "");
			CHECK_STR(b.factors[k].note_text, "");
			CHECK(a.factors[k].note[0]);
		}
		/* Scoring again with the notes writes them again. */
		acct_health_score(&b, &f, &cfg.health);
		for (k = 0; k < ACCT_HEALTH_NFACTORS; k++)
			CHECK_STR(b.factors[k].note, a.factors[k].note);
	}
}

static void test_health__weights(void)
{
	struct acct_health_facts f;
	struct acct_health h;
	struct acct_date c[4] = {
		D(2026, 1, 1), D(2026, 8, 26), D(2026, 9, 10), D(2026, 11, 20),
	};
	struct acct_health_answer a[3] = {
		{ D(2026, 5, 28), 10 }, { D(2026, 5, 27), 0 }, { D(2026, 11, 1), 6 },
	};
	size_t k;

	/* Nothing known: no score, every factor left out. */
	facts_init(&f);
	score(&h, &f, ACCT_HEALTH_RECENCY);
	CHECK(!h.has_score);
	for (k = 0; k < ACCT_HEALTH_NFACTORS; k++)
		CHECK(!h.factors[k].has &&
		      h.factors[k].weight == cfg.health.weights[k]);
	/*
	 * Every factor: recency 100 x 25, cadence 23 x 15, NPS 50 x 15,
	 * trend 100 x 10, actions 50 x 10, KPIs 67 x 15, brief 100 x 10:
	 * 7100 / 100 = 71.
	 */
	f.cadence = (struct acct_duration){ 7, ACCT_DUR_DAYS };
	f.contacts = c, f.ncontacts = 4;
	f.answers = a, f.nanswers = 3;
	f.actions = 3, f.open = 2, f.overdue = 2;
	f.kpis = 3, f.kpi_met = 2, f.kpi_missed = 1;
	f.has_brief = 1;
	score(&h, &f, ACCT_HEALTH_RECENCY);
	CHECK(h.has_score);
	CHECK_INT(h.score, 71);
	/*
	 * Renormalised over what is there: recency 100 x 25, cadence 100 x
	 * 15 (the running window has the contact) and the brief 0 x 10 (all
	 * 13 sections empty): 4000 / 50 = 80.
	 */
	facts_init(&f);
	f.contacts = &c[3], f.ncontacts = 1;
	f.has_brief = 1, f.empty = acct_brief_keys, f.nempty = 13;
	score(&h, &f, ACCT_HEALTH_RECENCY);
	CHECK_INT(h.factors[ACCT_HEALTH_BRIEF].points, 0);
	CHECK_INT(h.factors[ACCT_HEALTH_CADENCE].points, 100);
	CHECK_INT(h.score, 80);
	/* The config's weights: 4000 / 65 = 61.5 with the brief's at 25 ... */
	cfg.health.weights[ACCT_HEALTH_BRIEF] = 25;
	score(&h, &f, ACCT_HEALTH_RECENCY);
	CHECK_INT(h.score, 62);
	/* ... and (100 x 25 + 0 x 15 + 100 x 0) / 40 = 62.5 is 63, half up:
	 * the cadence's 100 weighs nothing. */
	cfg.health.weights[ACCT_HEALTH_BRIEF] = 15;
	cfg.health.weights[ACCT_HEALTH_CADENCE] = 0;
	score(&h, &f, ACCT_HEALTH_RECENCY);
	CHECK(h.factors[ACCT_HEALTH_CADENCE].has &&
	      h.factors[ACCT_HEALTH_CADENCE].weight == 0);
	CHECK_INT(h.score, 63);
	/* Only factors of weight 0: no score. */
	cfg.health.weights[ACCT_HEALTH_RECENCY] = 0;
	cfg.health.weights[ACCT_HEALTH_BRIEF] = 0;
	score(&h, &f, ACCT_HEALTH_RECENCY);
	CHECK(!h.has_score);
	acct_config_release(&cfg);
	acct_config_defaults(&cfg);
}

static void test_health__bounds(void)
{
	struct acct_health_facts f;
	struct acct_health h;
	struct acct_date c[1] = { D(2026, 11, 23) };
	struct acct_health_answer best[2] = {
		{ D(2026, 11, 1), 10 }, { D(2026, 1, 1), 10 },
	};
	struct acct_health_answer worst[2] = {
		{ D(2026, 11, 1), 0 }, { D(2026, 1, 1), 10 },
	};
	struct acct_date old[1] = { D(2025, 1, 1) };

	facts_init(&f);
	f.contacts = c, f.ncontacts = 1;
	f.answers = best, f.nanswers = 2;
	f.actions = 1;
	f.kpis = 1, f.kpi_met = 1;
	f.has_brief = 1;
	score(&h, &f, ACCT_HEALTH_RECENCY);
	CHECK(h.has_score && h.score == 100);

	f.contacts = old;
	f.answers = worst;
	f.actions = f.open = f.overdue = 9;
	f.kpi_met = 0, f.kpi_missed = 1;
	f.empty = acct_brief_keys, f.nempty = 13;
	score(&h, &f, ACCT_HEALTH_RECENCY);
	CHECK(h.has_score && h.score == 0);
	CHECK_INT(h.factors[ACCT_HEALTH_ACTIONS].points, 0);
	CHECK_INT(h.factors[ACCT_HEALTH_NPS_TREND].points, 0);
}

static void test_health__thresholds(void)
{
	struct acct_health_config c = cfg.health;

	/* Defaults: below 50, or down more than 15. */
	CHECK_INT(acct_health_risk(&c, 49, 0, 0), ACCT_HEALTH_LOW);
	CHECK_INT(acct_health_risk(&c, 50, 0, 0), 0);
	CHECK_INT(acct_health_risk(&c, 60, 1, 76), ACCT_HEALTH_FELL);
	CHECK_INT(acct_health_risk(&c, 60, 1, 75), 0);
	CHECK_INT(acct_health_risk(&c, 60, 0, 99), 0);
	CHECK_INT(acct_health_risk(&c, 40, 1, 90),
		  ACCT_HEALTH_LOW | ACCT_HEALTH_FELL);
	/* A rise is no risk. */
	CHECK_INT(acct_health_risk(&c, 80, 1, 20), 0);
	/* The config's: never low at 0; any fall at drop 0. */
	c.at_risk = 0;
	c.drop = 0;
	CHECK_INT(acct_health_risk(&c, 0, 0, 0), 0);
	CHECK_INT(acct_health_risk(&c, 79, 1, 80), ACCT_HEALTH_FELL);
	CHECK_INT(acct_health_risk(&c, 80, 1, 80), 0);
}

static void test_health__month_before(void)
{
	struct acct_date d;

	acct_health_month_before(&d, &D(2026, 11, 23));
	CHECK(acct_date_cmp(&d, &D(2026, 10, 23)) == 0);
	acct_health_month_before(&d, &D(2026, 3, 31));
	CHECK(acct_date_cmp(&d, &D(2026, 2, 28)) == 0);
	acct_health_month_before(&d, &D(2024, 3, 30));
	CHECK(acct_date_cmp(&d, &D(2024, 2, 29)) == 0);
	acct_health_month_before(&d, &D(2026, 1, 15));
	CHECK(acct_date_cmp(&d, &D(2025, 12, 15)) == 0);
}

/* --- the score a month ago, from the book's history ---------------------- */

static struct acct_ident ident = {
	"Anna", "anna@agency.example", "2026-01-10T09:00+00:00",
	"Anna", "anna@agency.example", "2026-01-10T09:00+00:00",
};
static char dir[] = "/tmp/acct-test-health.XXXXXX";

static void at(struct acct_book *book, const char *when)
{
	ident.author_date = when;
	ident.committer_date = when;
	if (book)
		book->ident = ident;
}

static void log_on(struct acct_book *book, const char *slug,
		   const char *summary, const char *when)
{
	struct acct_buf path = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_log_spec s = { 0 };
	struct acct_time t;

	acct_time_parse(&t, when, NULL);
	s.slug = slug;
	s.summary = summary;
	s.channel = "call";
	s.when = &t;
	at(book, when);
	CHECK_MSG(acct_log_add(&path, book, &s, &err) == 0, "%s", err.msg);
	acct_buf_release(&path);
}

/* The recency factor of `slug` on `day` in `book`: its value, or -1. */
static int days_since(struct acct_book *book, const char *slug,
		      const struct acct_date *day)
{
	struct acct_health h = ACCT_HEALTH_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *c = NULL;
	int v = -1;

	if (!CHECK_MSG(acct_client_load(&c, book, slug, &err) == 0, "%s",
		       err.msg))
		return -1;
	if (CHECK_MSG(acct_health_client(&h, book, c, day, NULL, NULL,
					 &err) == 0, "%s", err.msg) &&
	    h.factors[ACCT_HEALTH_RECENCY].has)
		v = h.factors[ACCT_HEALTH_RECENCY].value;
	acct_health_release(&h);
	acct_client_free(c);
	return v;
}

static void test_health__past(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client_spec spec = { 0 };
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_book *book = NULL, *past = NULL;
	struct acct_time now;
	char **slugs = NULL;
	size_t n = 0;
	int was = -1, rc;

	if (!mkdtemp(dir)) {
		CHECK_MSG(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	if (!CHECK_MSG(acct_book_init(dir, &now, &ident, &err) == 0, "%s",
		       err.msg) ||
	    !CHECK_MSG(acct_book_open(&book, dir, &now, &ident, &err) == 0,
		       "%s", err.msg))
		return;
	at(book, "2026-09-01T09:00+00:00");
	spec.name = "Acme";
	spec.since = "2026-09-01";
	CHECK_MSG(acct_client_add(&out, book, &spec, &err) == 0, "%s", err.msg);
	log_on(book, "acme", "Kick-off", "2026-09-01T10:00+00:00");
	log_on(book, "acme", "Sync", "2026-11-20T10:00+00:00");
	spec.name = "Beta";
	at(book, "2026-11-20T11:00+00:00");
	spec.since = "2026-11-20";
	CHECK_MSG(acct_client_add(&out, book, &spec, &err) == 0, "%s", err.msg);

	/* Now: the last contact three days ago. */
	CHECK_INT(days_since(book, "acme", &D(2026, 11, 23)), 3);
	/* A month ago the book stood at 2026-09-01: 52 days since. */
	rc = acct_book_at(&past, book, &D(2026, 10, 23), &err);
	if (CHECK_MSG(rc == 0, "%d %s", rc, err.msg)) {
		CHECK_INT(days_since(past, "acme", &D(2026, 10, 23)), 52);
		CHECK(acct_client_slugs(&slugs, &n, past, &err) == 0);
		CHECK(n == 1 && !strcmp(slugs[0], "acme"));
		acct_slugs_free(slugs, n);
		CHECK(acct_health_past(&was, past, "acme", &D(2026, 10, 23), NULL));
		/* Beta had no card then: no score. */
		CHECK(!acct_health_past(&was, past, "beta", &D(2026, 10, 23), NULL));
		acct_book_free(past);
	}
	/* The day of the last commit includes it. */
	if (CHECK(acct_book_at(&past, book, &D(2026, 11, 20), &err) == 0)) {
		CHECK_INT(days_since(past, "beta", &D(2026, 11, 20)), -1);
		CHECK(acct_client_slugs(&slugs, &n, past, &err) == 0 && n == 2);
		acct_slugs_free(slugs, n);
		acct_book_free(past);
	}
	/* Before the first commit there is no book. */
	past = NULL;
	CHECK_INT(acct_book_at(&past, book, &D(2026, 1, 9), &err),
		  ACCT_ENOTFOUND);
	CHECK(past == NULL);
	acct_buf_release(&out);
	acct_book_free(book);
}

int main(void)
{
	tzset();
	acct_config_defaults(&cfg);
	test_health__recency();
	test_health__cadence();
	test_health__nps();
	test_health__actions_kpi_brief();
	test_health__points();
	test_health__weights();
	test_health__bounds();
	test_health__thresholds();
	test_health__month_before();
	test_health__past();
	acct_config_release(&cfg);
	if (dir[sizeof(dir) - 7] != 'X') {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_report("health");
}
