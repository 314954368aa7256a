#include "acct/nps.h"

#include <stdio.h>
#include <string.h>

#include "acct/client.h"
#include "acct/config.h"
#include "acct/error.h"
#include "acct/period.h"
#include "harness.h"

#include "acct/banned.h"

static void test_nps__value_parse(void)
{
	static const char *const bad[] = {
		"11", "-1", "+9", "nine", "9.5", " 9", "9 ", "09", "0x9",
		"10abc", "", "\xef\xbc\x99" /* fullwidth 9 */,
		"\xd9\xa9" /* Arabic-Indic 9 */, "99999999999999999999", "00",
		"9.0", "1e1", "\t9", NULL,
	};
	int v = -7, i;

	for (i = 0; bad[i]; i++) {
		v = -7;
		CHECK_MSG(acct_nps_value_parse(&v, bad[i], 0, 10) < 0 && v == -7,
			  "'%s' accepted as %d", bad[i], v);
	}
	CHECK(acct_nps_value_parse(&v, NULL, 0, 10) < 0);
	for (i = 0; i <= 10; i++) {
		char s[16];

		snprintf(s, sizeof(s), "%d", i);
		CHECK(acct_nps_value_parse(&v, s, 0, 10) == 0 && v == i);
	}
	CHECK(acct_nps_value_parse(&v, "0", 1, 5) < 0);
	CHECK(acct_nps_value_parse(&v, "6", 1, 5) < 0);
	CHECK(acct_nps_value_parse(&v, "5", 1, 5) == 0 && v == 5);
}

static int nps_of(int p, int pa, int d, int *out)
{
	struct acct_nps_stats s = { 0 };
	int i;

	for (i = 0; i < p; i++)
		acct_nps_stats_add(&s, 9 + i % 2, 0);
	for (i = 0; i < pa; i++)
		acct_nps_stats_add(&s, 7 + i % 2, 0);
	for (i = 0; i < d; i++)
		acct_nps_stats_add(&s, i % 7, 0);
	return acct_nps_score(&s, out);
}

static void test_nps__score(void)
{
	struct acct_nps_stats s = { 0 };
	int nps = 12345;

	/* No responses: no data, never 0. */
	CHECK(acct_nps_score(&s, &nps) == 0 && nps == 12345);
	CHECK(nps_of(1, 0, 0, &nps) == 1 && nps == 100);
	CHECK(nps_of(0, 0, 1, &nps) == 1 && nps == -100);
	CHECK(nps_of(0, 3, 0, &nps) == 1 && nps == 0);
	/* 2 promoters, 1 detractor of 3: 33.33 -> 33. */
	CHECK(nps_of(2, 0, 1, &nps) && nps == 33);
	/* 1 of 3: 66.67 -> 67 and -66.67 -> -67. */
	CHECK(nps_of(2, 1, 0, &nps) && nps == 67);
	CHECK(nps_of(0, 1, 2, &nps) && nps == -67);
	/* Exactly half: 1 of 8 is 12.5 -> 13, away from zero both ways. */
	CHECK(nps_of(1, 7, 0, &nps) && nps == 13);
	CHECK(nps_of(0, 7, 1, &nps) && nps == -13);
	/* 3 of 8 is 37.5 -> 38; -37.5 -> -38. */
	CHECK(nps_of(3, 5, 0, &nps) && nps == 38);
	CHECK(nps_of(0, 5, 3, &nps) && nps == -38);
	/* 1 of 200: 0.5 -> 1; -0.5 -> -1. */
	CHECK(nps_of(1, 199, 0, &nps) && nps == 1);
	CHECK(nps_of(0, 199, 1, &nps) && nps == -1);
	/* Classes at their edges: 6 detractor, 7 and 8 passive, 9 promoter. */
	memset(&s, 0, sizeof(s));
	acct_nps_stats_add(&s, 6, 0);
	acct_nps_stats_add(&s, 7, 0);
	acct_nps_stats_add(&s, 8, 0);
	acct_nps_stats_add(&s, 9, 0);
	acct_nps_stats_add(&s, 0, 0);
	acct_nps_stats_add(&s, 10, 0);
	CHECK(s.detractors == 2 && s.passives == 2 && s.promoters == 2 &&
	      s.responses == 6);
	CHECK(acct_nps_score(&s, &nps) && nps == 0);
}

static void test_nps__pooling(void)
{
	struct acct_nps_stats a = { 0 }, b = { 0 }, all = { 0 };
	int na, nb, n, i;

	/* Pooling counts answers, not clients: 1/1 and 0/3 pool to 25. */
	acct_nps_stats_add(&a, 10, 0);
	for (i = 0; i < 3; i++)
		acct_nps_stats_add(&b, 7, 0);
	acct_nps_stats_add(&all, 10, 0);
	for (i = 0; i < 3; i++)
		acct_nps_stats_add(&all, 7, 0);
	CHECK(acct_nps_score(&a, &na) && na == 100);
	CHECK(acct_nps_score(&b, &nb) && nb == 0);
	CHECK(acct_nps_score(&all, &n) && n == 25);
}

static void test_nps__csat(void)
{
	struct acct_nps_stats s = { 0 };
	char out[16] = "x";

	CHECK(acct_nps_csat(&s, out, sizeof(out)) == 0 && !*out);
	acct_nps_stats_add(&s, 9, 5);
	acct_nps_stats_add(&s, 9, 4);
	acct_nps_stats_add(&s, 9, 4);
	acct_nps_stats_add(&s, 9, 0);	/* no csat: not counted */
	CHECK(acct_nps_csat(&s, out, sizeof(out)) == 1);
	CHECK_STR(out, "4.33");
	acct_nps_stats_add(&s, 9, 4);
	acct_nps_csat(&s, out, sizeof(out));
	CHECK_STR(out, "4.25");
	memset(&s, 0, sizeof(s));
	acct_nps_stats_add(&s, 1, 2);
	acct_nps_stats_add(&s, 1, 1);
	acct_nps_stats_add(&s, 1, 1);
	acct_nps_csat(&s, out, sizeof(out));
	/* 1.3333 -> 1.33; 5/3 = 1.6667 -> 1.67 */
	CHECK_STR(out, "1.33");
	acct_nps_stats_add(&s, 1, 1);
	acct_nps_stats_add(&s, 1, 3);
	acct_nps_stats_add(&s, 1, 1);
	acct_nps_csat(&s, out, sizeof(out));
	CHECK_STR(out, "1.50");
}

static void test_nps__payout(void)
{
	struct acct_config cfg;
	struct acct_money fee = { "90000", "RUB", "month", "30" };
	struct acct_payout p;

	acct_config_defaults(&cfg);
	/* The README's example: 90000 with 30% floating, NPS 45. */
	CHECK(acct_nps_payout(&p, &fee, 45, &cfg) == 1);
	CHECK_INT(p.floating, 30);
	CHECK_INT(p.band_min, 30);
	CHECK_INT(p.pay, 70);
	CHECK_STR(p.floating_amount, "27000");
	CHECK_STR(p.fixed, "63000");
	CHECK_STR(p.payout, "18900");
	CHECK_STR(p.total, "81900");
	/* Band edges: 50 is in the top band, 49 is not. */
	acct_nps_payout(&p, &fee, 50, &cfg);
	CHECK(p.pay == 100 && !strcmp(p.payout, "27000") &&
	      !strcmp(p.total, "90000"));
	acct_nps_payout(&p, &fee, 49, &cfg);
	CHECK(p.pay == 70 && p.band_min == 30);
	acct_nps_payout(&p, &fee, 0, &cfg);
	CHECK(p.pay == 40 && !strcmp(p.payout, "10800"));
	acct_nps_payout(&p, &fee, -1, &cfg);
	CHECK(p.pay == 0 && p.band_min == -100 && !strcmp(p.payout, "0") &&
	      !strcmp(p.total, "63000"));
	acct_nps_payout(&p, &fee, 100, &cfg);
	CHECK(p.pay == 100);
	/* Cents: 999.99 x 33% = 329.9967 -> 330.00; x 70% = 230.99769 -> 231.00. */
	fee.amount = "999.99";
	fee.floating = "33";
	acct_nps_payout(&p, &fee, 45, &cfg);
	CHECK_STR(p.floating_amount, "330");
	CHECK_STR(p.payout, "231");
	CHECK_STR(p.fixed, "669.99");
	CHECK_STR(p.total, "900.99");
	fee.amount = "100.5";
	fee.floating = "25";
	acct_nps_payout(&p, &fee, 45, &cfg);
	/* 25.125 -> 25.13 (half up), payout 17.5875 -> 17.59 */
	CHECK_STR(p.floating_amount, "25.13");
	CHECK_STR(p.payout, "17.59");
	/* The largest amount a card may hold does not overflow. */
	fee.amount = "999999999999999.99";
	fee.floating = "100";
	acct_nps_payout(&p, &fee, 100, &cfg);
	CHECK_STR(p.payout, "999999999999999.99");
	/* ... and rounds there as in small ones, in 64 bits (no __int128). */
	fee.floating = "33";
	acct_nps_payout(&p, &fee, 45, &cfg);
	CHECK_STR(p.floating_amount, "330000000000000");
	CHECK_STR(p.payout, "231000000000000");
	CHECK_STR(p.fixed, "669999999999999.99");
	CHECK_STR(p.total, "900999999999999.99");
	fee.floating = "100";
	/* No floating part, no amount: no payout. */
	fee.floating = NULL;
	CHECK(acct_nps_payout(&p, &fee, 45, &cfg) == 0);
	fee.floating = "30";
	fee.amount = NULL;
	CHECK(acct_nps_payout(&p, &fee, 45, &cfg) == 0);
	/* No band for the NPS: pays nothing. */
	cfg.npayout = 1;	/* only {50, 100} */
	fee.amount = "1000";
	CHECK(acct_nps_payout(&p, &fee, 10, &cfg) == 1);
	CHECK(p.pay == 0 && p.band_min < -100 && !strcmp(p.payout, "0"));
	cfg.npayout = 4;
	acct_config_release(&cfg);
}

static void parse_fails(const char *text, size_t line, size_t col,
			const char *needle)
{
	struct acct_nps_answer *a = NULL;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc = acct_nps_parse(&a, "acme", "a.yaml", text, strlen(text), &err);

	CHECK_MSG(rc == ACCT_EDATA && !a && err.line == line && err.col == col &&
		  strstr(err.msg, needle) && !strcmp(err.file, "a.yaml"),
		  "%s: rc %d at %zu:%zu '%s'", text, rc, err.line, err.col,
		  err.msg);
	acct_nps_free(a);
}

static void test_nps__parse(void)
{
	static const char good[] =
		"date: 2026-11-20\nrespondent: Иван Иванов\nrole: CMO\n"
		"score: 9\ncsat: 5\nsurvey: Q4\ncomment: \"line one\\nline two\"\n";
	struct acct_nps_answer *a = NULL;
	struct acct_error err = ACCT_ERROR_INIT;

	CHECK(acct_nps_parse(&a, "acme", "a.yaml", good, strlen(good), &err) == 0);
	if (a) {
		CHECK(a->score == 9 && a->csat == 5 && a->date.day == 20);
		CHECK_STR(a->respondent, "Иван Иванов");
		CHECK_STR(a->comment, "line one\nline two");
	}
	acct_nps_free(a);
	parse_fails("date: 2026-11-20\nscore: 11\n", 2, 8, "from 0 to 10");
	parse_fails("date: 2026-11-20\nscore: nine\n", 2, 8, "'nine'");
	parse_fails("date: 2026-11-20\nscore: 9.0\n", 2, 8, "'9.0'");
	parse_fails("date: 2026-11-20\nscore: ~\n", 2, 8, "empty");
	parse_fails("date: 2026-11-20\nscore:\n", 2, 7, "empty");
	parse_fails("date: 2026-11-20\nscore: [9]\n", 2, 8, "a list");
	parse_fails("date: 2026-11-20\nscore: {a: 9}\n", 2, 8, "a mapping");
	parse_fails("date: 2026-11-20\nscore: \"9\"\n", 2, 8, "in quotes");
	parse_fails("date: 2026-11-20\nscore: -1\n", 2, 8, "'-1'");
	parse_fails("date: 2026-11-20\nscore: 09\n", 2, 8, "'09'");
	parse_fails("date: 2026-11-20\nscore: !!int 9\n", 2, 8, "from 0 to 10");
	parse_fails("date: 2026-11-20\nscore: 9\ncsat: 6\n", 3, 7, "from 1 to 5");
	parse_fails("date: 2026-11-20\nscore: 9\ncsat: 0\n", 3, 7, "from 1 to 5");
	parse_fails("date: 2026-11-20\n", 1, 1, "no score");
	parse_fails("score: 9\n", 1, 1, "no date");
	parse_fails("date: 2026-02-30\nscore: 9\n", 1, 7, "not a date");
	parse_fails("- 9\n", 1, 1, "mapping");
	parse_fails("date: 2026-11-20\nscore: 9\nrespondent: [a]\n", 3, 13,
		    "respondent");
	parse_fails("date: 2026-11-20\nscore: 9\nscore: 8\n", 3, 1, "score");
}

static void test_period__parse(void)
{
	struct acct_date today = { 2026, 11, 23 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_period p;
	char a[ACCT_DATE_STRLEN], b[ACCT_DATE_STRLEN];
	static const struct {
		const char *in, *label, *since, *until;
	} ok[] = {
		{ "2026-W47", "2026-W47", "2026-11-16", "2026-11-22" },
		{ "2026-W01", "2026-W01", "2025-12-29", "2026-01-04" },
		{ "2026-W53", "2026-W53", "2026-12-28", "2027-01-03" },
		{ "2021-W01", "2021-W01", "2021-01-04", "2021-01-10" },
		{ "2026-11", "2026-11", "2026-11-01", "2026-11-30" },
		{ "2024-02", "2024-02", "2024-02-01", "2024-02-29" },
		{ "2026-Q4", "2026-Q4", "2026-10-01", "2026-12-31" },
		{ "2026-Q1", "2026-Q1", "2026-01-01", "2026-03-31" },
		{ "2026", "2026", "2026-01-01", "2026-12-31" },
		{ "this-week", "2026-W48", "2026-11-23", "2026-11-29" },
		{ "last-week", "2026-W47", "2026-11-16", "2026-11-22" },
		{ "this-month", "2026-11", "2026-11-01", "2026-11-30" },
		{ "last-month", "2026-10", "2026-10-01", "2026-10-31" },
		{ "this-quarter", "2026-Q4", "2026-10-01", "2026-12-31" },
		{ "last-quarter", "2026-Q3", "2026-07-01", "2026-09-30" },
		{ "last-year", "2025", "2025-01-01", "2025-12-31" },
	};
	static const char *const bad[] = {
		"2025-W53", "2026-W54", "2026-W00", "2026-13", "2026-00",
		"2026-Q0", "2026-Q5", "26-Q4", "2026-q4", "all", "", "next-week",
		"2026-11-01", "1969", "2026-W4", "2026-1", NULL,
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(*ok); i++) {
		int rc = acct_period_parse(&p, ok[i].in, &today, 0, &err);

		acct_date_format(a, &p.since);
		acct_date_format(b, &p.until);
		CHECK_MSG(rc == 0 && !strcmp(p.label, ok[i].label) &&
			  !strcmp(a, ok[i].since) && !strcmp(b, ok[i].until),
			  "%s: %d %s %s..%s", ok[i].in, rc, p.label, a, b);
	}
	for (i = 0; bad[i]; i++) {
		acct_error_clear(&err);
		CHECK_MSG(acct_period_parse(&p, bad[i], &today, 0, &err) ==
			  ACCT_EUSAGE && strstr(err.msg, "is not a period") &&
			  strstr(err.hint, "2026-Q4"), "'%s' accepted", bad[i]);
	}
	CHECK(acct_period_parse(&p, "all", &today, ACCT_PERIOD_ALLOW_ALL,
				&err) == 0 && p.kind == ACCT_PERIOD_ALL);
	/* January: last-month is December of the year before. */
	today = (struct acct_date){ 2027, 1, 1 };
	acct_period_parse(&p, "last-month", &today, 0, &err);
	CHECK_STR(p.label, "2026-12");
	acct_period_parse(&p, "last-quarter", &today, 0, &err);
	CHECK_STR(p.label, "2026-Q4");
	/* 2027-01-01 is a Friday of 2026-W53. */
	acct_period_parse(&p, "this-week", &today, 0, &err);
	CHECK_STR(p.label, "2026-W53");
}

/* Every period offered parses, to itself; the year's turn included. */
static void test_period__suggest(void)
{
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_date today = { 2027, 1, 1 };
	struct acct_period p;
	char *line, *save = NULL;
	size_t n = 0;

	acct_period_suggest(&out, &today);
	CHECK(!strncmp(out.buf, "this-week\nlast-week\n", 20));
	CHECK(strstr(out.buf, "\nlast-quarter\n") != NULL);
	/* Today's of each kind and the ones before, across the new year. */
	CHECK(strstr(out.buf, "\n2026-W53\n2026-W52\n") != NULL);
	CHECK(strstr(out.buf, "\n2027-01\n2026-12\n") != NULL);
	CHECK(strstr(out.buf, "\n2026-01\n2026-Q4") == NULL);
	CHECK(strstr(out.buf, "\n2026-01\n2027-Q1\n2026-Q4\n") != NULL);
	CHECK(strstr(out.buf, "\n2026-Q1\n2027\n2026\n") != NULL);
	for (line = strtok_r(out.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), n++) {
		acct_error_clear(&err);
		CHECK_MSG(acct_period_parse(&p, line, &today, 0, &err) == 0,
			  "'%s' offered, not a period: %s", line, err.msg);
		CHECK_MSG(line[0] > '9' || !strcmp(p.label, line),
			  "'%s' is %s", line, p.label);
	}
	CHECK_INT(n, 8 + 5 + 13 + 5 + 2);
	acct_buf_release(&out);
}

int main(void)
{
	test_nps__value_parse();
	test_nps__score();
	test_nps__pooling();
	test_nps__csat();
	test_nps__payout();
	test_nps__parse();
	test_period__parse();
	test_period__suggest();
	return test_report("nps");
}
