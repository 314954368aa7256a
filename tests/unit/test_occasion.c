#include "acct/occasion.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

static void test_occasion__parse(void)
{
	static const char *const bad[] = {
		"", "5-17", "05/17", "0517", "17.05", "05-17 ", " 05-17",
		"1980-5-17", "80-05-17", "13-01", "00-10", "05-00", "05-32",
		"02-30", "04-31", "1981-02-29", "1899-12-31", "1980-02-30",
		"1980-13-01", "+980-01-01", "05-1x", "x5-17", "1980_05-17",
		"1980-05-17T10:00", NULL,
	};
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_yearly y = { 7, 7, 7 };
	int i;

	for (i = 0; bad[i]; i++)
		CHECK_MSG(acct_yearly_parse(&y, bad[i], &err) == ACCT_EUSAGE &&
			  y.year == 7, "'%s' accepted", bad[i]);
	CHECK(acct_yearly_parse(&y, NULL, NULL) < 0);
	CHECK(acct_yearly_parse(&y, "05-17", NULL) == 0 && y.year == 0 &&
	      y.month == 5 && y.day == 17);
	CHECK(acct_yearly_parse(&y, "02-29", NULL) == 0 && y.month == 2 &&
	      y.day == 29);
	CHECK(acct_yearly_parse(&y, "1980-02-29", NULL) == 0 && y.year == 1980);
	CHECK(acct_yearly_parse(&y, "1900-01-01", NULL) == 0 && y.year == 1900);
	CHECK(acct_yearly_parse(&y, "12-31", NULL) == 0 && y.day == 31);
	/* The messages say what is wrong. */
	acct_yearly_parse(&y, "02-30", &err);
	CHECK_STR(err.msg, "02-30 is not a day (February has 29 days at most)");
	acct_yearly_parse(&y, "1981-02-29", &err);
	CHECK_STR(err.msg, "1981-02-29 is not a day (February 1981 has 28 days)");
	acct_yearly_parse(&y, "17.05", &err);
	CHECK_STR(err.msg, "'17.05' is not a birthday; use MM-DD or YYYY-MM-DD, "
		  "such as 05-17");
}

static void test_occasion__leap_day(void)
{
	struct acct_yearly y = { 0, 2, 29 };
	struct acct_date d;

	acct_yearly_in(&d, &y, 2028);
	CHECK(d.year == 2028 && d.month == 2 && d.day == 29);
	/* Not a leap year: the last day of February, as 1m after 31 Jan. */
	acct_yearly_in(&d, &y, 2027);
	CHECK(d.year == 2027 && d.month == 2 && d.day == 28);
	acct_yearly_in(&d, &y, 2100);
	CHECK(d.month == 2 && d.day == 28);
	acct_yearly_in(&d, &y, 2000);
	CHECK(d.month == 2 && d.day == 29);
}

/* The occasions of a card as "YYYY-MM-DD kind who years; ...". */
static void occasions(struct acct_buf *out, const char *card, const char *from,
		      int days)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *c = NULL;
	struct acct_occasion *v = NULL;
	struct acct_date d;
	char day[ACCT_DATE_STRLEN];
	size_t n = 0, i;

	acct_buf_reset(out);
	if (!CHECK_MSG(acct_client_parse(&c, "acme", "clients/acme/client.yaml",
					 card, strlen(card), &err) == 0, "%s",
		       err.msg))
		return;
	acct_date_parse(&d, from, NULL);
	acct_occasions(&v, &n, c, &d, days);
	for (i = 0; i < n; i++) {
		acct_date_format(day, &v[i].on);
		acct_buf_addf(out, "%s%s %s %s %d", i ? "; " : "", day,
			      v[i].kind == ACCT_OCCASION_BIRTHDAY ? "birthday"
			      : "anniversary",
			      v[i].contact ? v[i].contact->name : "-", v[i].years);
	}
	free(v);
	acct_client_free(c);
}

#define OCCASIONS(card, from, days, want) do { \
	struct acct_buf got_ = ACCT_BUF_INIT; \
	occasions(&got_, (card), (from), (days)); \
	CHECK_STR(got_.buf, (want)); \
	acct_buf_release(&got_); \
} while (0)

static void test_occasion__window(void)
{
	const char *card =
		"name: Acme\n"
		"since: 2023-11-26\n"
		"contacts:\n"
		"  - {name: Ivan, birthday: 1980-11-23}\n"
		"  - {name: Olga, birthday: 11-25}\n"
		"  - {name: Petr, birthday: 2000-02-29}\n"
		"  - {name: Anna}\n";

	/* The day itself only. */
	OCCASIONS(card, "2026-11-23", 0, "2026-11-23 birthday Ivan 46");
	OCCASIONS(card, "2026-11-24", 0, "");
	/* A week ahead: by date, the anniversary in its third year. */
	OCCASIONS(card, "2026-11-23", 7,
		  "2026-11-23 birthday Ivan 46; 2026-11-25 birthday Olga 0; "
		  "2026-11-26 anniversary - 3");
	OCCASIONS(card, "2026-11-24", 2, "2026-11-25 birthday Olga 0; "
		  "2026-11-26 anniversary - 3");
	/* Across the year's end: next year's. */
	OCCASIONS(card, "2026-12-30", 330, "2027-02-28 birthday Petr 27; "
		  "2027-11-23 birthday Ivan 47; 2027-11-25 birthday Olga 0");
	/* 29 February: on the 28th in a year without it, never twice. */
	OCCASIONS(card, "2027-02-28", 0, "2027-02-28 birthday Petr 27");
	OCCASIONS(card, "2027-03-01", 0, "");
	OCCASIONS(card, "2028-02-28", 1, "2028-02-29 birthday Petr 28");
}

static void test_occasion__first_year(void)
{
	/* The day a card's since names is no anniversary; a year on is. */
	const char *card = "name: New\nsince: 2026-11-23\n"
			   "contacts: [{name: Baby, birthday: 2026-11-23}]\n";

	OCCASIONS(card, "2026-11-23", 0, "");
	OCCASIONS(card, "2027-11-23", 0, "2027-11-23 birthday Baby 1; "
		  "2027-11-23 anniversary - 1");
	/* A birthday or a since before 1970 is fine. */
	OCCASIONS("name: Old\ncontacts: [{name: Elder, birthday: 1950-01-02}]\n",
		  "2026-01-01", 1, "2026-01-02 birthday Elder 76");
	/* Without since, no anniversary. */
	OCCASIONS("name: X\n", "2026-11-23", 366, "");
}

static void test_occasion__card_checks(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *c = NULL;
	const char *bad = "name: Acme\ncontacts:\n  - {name: Ivan, birthday: 17.05}\n";

	CHECK(acct_client_parse(&c, "acme", "clients/acme/client.yaml", bad,
				strlen(bad), &err) == ACCT_EDATA);
	CHECK_STR(err.msg, "birthday: '17.05' is not a birthday; use MM-DD or "
		  "YYYY-MM-DD, such as 05-17");
	CHECK_INT(err.line, 3);
	CHECK_INT(err.col, 28);
	acct_client_free(c);
}

int main(void)
{
	test_occasion__parse();
	test_occasion__leap_day();
	test_occasion__window();
	test_occasion__first_year();
	test_occasion__card_checks();
	return test_report("occasion");
}
