#include "acct/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

/* The process's zone, for the local-time cases; lib/ never sets it. */
static void set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static struct acct_date mkdate(int y, int m, int d)
{
	struct acct_date date = { y, m, d };

	return date;
}

/* Format a date so that a failed check shows it. */
static const char *fmt_date(char *buf, const struct acct_date *d)
{
	acct_date_format(buf, d);
	return buf;
}

/* Parse a date that must be good and give it back formatted (or why not). */
static const char *date_ok(char *buf, size_t n, const char *s)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_date d;

	if (acct_date_parse(&d, s, &err) < 0)
		snprintf(buf, n, "%s", err.msg);
	else
		acct_date_format(buf, &d);
	return buf;
}

/* Parse a date that must be bad; the message, or "" if it parsed. */
static const char *date_bad(struct acct_error *err, const char *s)
{
	struct acct_date d;
	int rc = acct_date_parse(&d, s, err);

	CHECK_MSG(rc == ACCT_EUSAGE, "'%s' gave %d", s, rc);
	CHECK_INT(err->code, rc < 0 ? ACCT_EUSAGE : 0);
	return rc < 0 ? err->msg : "";
}

/* Parse a time and give it back formatted, or the error message. */
static const char *time_fmt(char *buf, const char *s, int git)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_time t;
	int rc = git ? acct_time_parse_git(&t, s, &err) :
		       acct_time_parse(&t, s, &err);

	if (rc < 0) {
		snprintf(buf, ACCT_TIME_STRLEN, "error");
		return buf;
	}
	acct_time_format(buf, &t);
	return buf;
}

/* Parse a time that must be bad; the message, or "" if it parsed. */
static const char *time_bad(struct acct_error *err, const char *s, int git)
{
	struct acct_time t;
	int rc = git ? acct_time_parse_git(&t, s, err) :
		       acct_time_parse(&t, s, err);

	CHECK_MSG(rc == ACCT_EUSAGE, "'%s' gave %d", s, rc);
	return rc < 0 ? err->msg : "";
}

static void check_time(const char *s, int git, int64_t sec, int off)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_time t = { 0, 0 };
	int rc = git ? acct_time_parse_git(&t, s, &err) :
		       acct_time_parse(&t, s, &err);

	CHECK_MSG(rc == 0, "'%s': %s", s, err.msg);
	CHECK_MSG(t.sec == sec, "'%s': sec %lld, want %lld", s,
		  (long long)t.sec, (long long)sec);
	CHECK_MSG(t.off == off, "'%s': off %d, want %d", s, t.off, off);
}

static void test_date__leap_years(void)
{
	CHECK_INT(acct_days_in_month(2024, 2), 29);
	CHECK_INT(acct_days_in_month(2026, 2), 28);
	CHECK_INT(acct_days_in_month(2100, 2), 28);
	CHECK_INT(acct_days_in_month(2000, 2), 29);
	CHECK_INT(acct_days_in_month(1900, 2), 28);
	CHECK_INT(acct_days_in_month(2026, 1), 31);
	CHECK_INT(acct_days_in_month(2026, 4), 30);
	CHECK_INT(acct_days_in_month(2026, 12), 31);
	CHECK_INT(acct_days_in_month(2026, 0), 0);
	CHECK_INT(acct_days_in_month(2026, 13), 0);
}

static void test_date__parse(void)
{
	char buf[1024];	/* an error message fits */

	CHECK_STR(date_ok(buf, sizeof(buf), "2026-11-22"), "2026-11-22");
	CHECK_STR(date_ok(buf, sizeof(buf), "2024-02-29"), "2024-02-29");
	CHECK_STR(date_ok(buf, sizeof(buf), "2000-02-29"), "2000-02-29");
	CHECK_STR(date_ok(buf, sizeof(buf), "1970-01-01"), "1970-01-01");
	CHECK_STR(date_ok(buf, sizeof(buf), "9999-12-31"), "9999-12-31");
	CHECK_STR(date_ok(buf, sizeof(buf), "2026-01-31"), "2026-01-31");
	CHECK_STR(date_ok(buf, sizeof(buf), "2026-04-30"), "2026-04-30");
}

static void test_date__parse_errors(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_date d;

	CHECK_STR(date_bad(&err, "2026-02-30"),
		  "2026-02-30 is not a date (February 2026 has 28 days)");
	CHECK_STR(date_bad(&err, "2026-02-29"),
		  "2026-02-29 is not a date (February 2026 has 28 days)");
	CHECK_STR(date_bad(&err, "2100-02-29"),
		  "2100-02-29 is not a date (February 2100 has 28 days)");
	CHECK_STR(date_bad(&err, "2024-02-30"),
		  "2024-02-30 is not a date (February 2024 has 29 days)");
	CHECK_STR(date_bad(&err, "2026-04-31"),
		  "2026-04-31 is not a date (April 2026 has 30 days)");
	CHECK_STR(date_bad(&err, "2026-01-32"),
		  "2026-01-32 is not a date (January 2026 has 31 days)");
	CHECK_STR(date_bad(&err, "2026-01-00"),
		  "2026-01-00 is not a date (there is no day 0)");
	CHECK_STR(date_bad(&err, "2026-13-01"),
		  "2026-13-01 is not a date (there is no month 13)");
	CHECK_STR(date_bad(&err, "2026-00-10"),
		  "2026-00-10 is not a date (there is no month 0)");
	CHECK_STR(date_bad(&err, "1969-12-31"),
		  "'1969-12-31' is out of range; years 1970 to 9999");
	CHECK_STR(date_bad(&err, "0000-01-01"),
		  "'0000-01-01' is out of range; years 1970 to 9999");
	CHECK_STR(date_bad(&err, "2026-1-5"),
		  "'2026-1-5' is not a date; use YYYY-MM-DD");
	CHECK_STR(date_bad(&err, "26-1-1"),
		  "'26-1-1' is not a date; use YYYY-MM-DD");
	CHECK_STR(date_bad(&err, "10000-01-01"),
		  "'10000-01-01' is not a date; use YYYY-MM-DD");
	CHECK_STR(date_bad(&err, "2026-11-22x"),
		  "'2026-11-22x' is not a date; use YYYY-MM-DD");
	CHECK_STR(date_bad(&err, "2026-11-22 "),
		  "'2026-11-22 ' is not a date; use YYYY-MM-DD");
	CHECK_STR(date_bad(&err, " 2026-11-22"),
		  "' 2026-11-22' is not a date; use YYYY-MM-DD");
	CHECK_STR(date_bad(&err, "2026-11-22T10:00"),
		  "'2026-11-22T10:00' is not a date; use YYYY-MM-DD");
	CHECK_STR(date_bad(&err, "2026/11/22"),
		  "'2026/11/22' is not a date; use YYYY-MM-DD");
	CHECK_STR(date_bad(&err, "2026-11-2"),
		  "'2026-11-2' is not a date; use YYYY-MM-DD");
	CHECK_STR(date_bad(&err, "+026-11-22"),
		  "'+026-11-22' is not a date; use YYYY-MM-DD");
	CHECK_STR(date_bad(&err, "2026-+1-22"),
		  "'2026-+1-22' is not a date; use YYYY-MM-DD");
	CHECK_STR(date_bad(&err, ""), "'' is not a date; use YYYY-MM-DD");
	CHECK_STR(date_bad(&err, NULL), "'' is not a date; use YYYY-MM-DD");
	/* A NULL error is allowed: the code alone comes back. */
	CHECK_INT(acct_date_parse(&d, "2026-02-30", NULL), ACCT_EUSAGE);
}

static void test_date__round_trip_every_day(void)
{
	struct acct_date want = { 1970, 1, 1 }, got;
	int64_t days, last = 0, bad_from = 0, bad_to = 0, bad_wd = 0;
	int wd = 3;	/* 1970-01-01 was a Thursday */

	/*
	 * Walk every day from 1970-01-01 to 9999-12-31 by hand, with
	 * acct_days_in_month() alone, and compare with the arithmetic.
	 */
	for (days = 0;; days++) {
		acct_date_from_days(&got, days);
		if (acct_date_cmp(&got, &want))
			bad_from++;
		if (acct_date_to_days(&want) != days)
			bad_to++;
		if (acct_date_weekday(&want) != wd)
			bad_wd++;
		last = days;
		if (want.year == 9999 && want.month == 12 && want.day == 31)
			break;
		wd = (wd + 1) % 7;
		if (++want.day > acct_days_in_month(want.year, want.month)) {
			want.day = 1;
			if (++want.month > 12) {
				want.month = 1;
				want.year++;
			}
		}
	}
	CHECK_INT(bad_from, 0);
	CHECK_INT(bad_to, 0);
	CHECK_INT(bad_wd, 0);
	CHECK_INT(last, 2932896);
	want = mkdate(2026, 11, 22);
	CHECK_INT(acct_date_to_days(&want), 20779);
}

static void test_date__weekday(void)
{
	struct acct_date d;

	d = mkdate(2026, 11, 23);
	CHECK_INT(acct_date_weekday(&d), 0);	/* Monday */
	d = mkdate(2026, 11, 22);
	CHECK_INT(acct_date_weekday(&d), 6);	/* Sunday */
	d = mkdate(2026, 11, 27);
	CHECK_INT(acct_date_weekday(&d), 4);	/* Friday */
	d = mkdate(1970, 1, 1);
	CHECK_INT(acct_date_weekday(&d), 3);	/* Thursday */
	d = mkdate(2000, 1, 1);
	CHECK_INT(acct_date_weekday(&d), 5);	/* Saturday */
	d = mkdate(2024, 2, 29);
	CHECK_INT(acct_date_weekday(&d), 3);	/* Thursday */
	d = mkdate(9999, 12, 31);
	CHECK_INT(acct_date_weekday(&d), 4);	/* Friday */
}

static void test_date__cmp_and_format(void)
{
	struct acct_date a = { 2026, 11, 22 }, b = { 2026, 11, 23 };
	struct acct_date c = { 2026, 12, 1 }, e = { 2027, 1, 1 };
	char buf[ACCT_DATE_STRLEN];

	CHECK(acct_date_cmp(&a, &b) < 0);
	CHECK(acct_date_cmp(&b, &a) > 0);
	CHECK(acct_date_cmp(&a, &a) == 0);
	CHECK(acct_date_cmp(&b, &c) < 0);
	CHECK(acct_date_cmp(&c, &e) < 0);
	CHECK(acct_date_cmp(&e, &a) > 0);
	a = mkdate(1970, 1, 1);
	CHECK_STR(fmt_date(buf, &a), "1970-01-01");
	a = mkdate(9999, 12, 31);
	CHECK_STR(fmt_date(buf, &a), "9999-12-31");
	/* Out of range it is cut short, never overrun. */
	a = mkdate(10000, 1, 1);
	CHECK_STR(fmt_date(buf, &a), "10000-01-0");
}

static void test_date__time_with_offset(void)
{
	set_tz("Europe/Moscow");
	check_time("2026-11-22T14:30+03:00", 0, 1795347000, 180);
	check_time("2026-11-22T14:30:05+03:00", 0, 1795347005, 180);
	check_time("2026-11-22 14:30+03:00", 0, 1795347000, 180);
	check_time("2026-11-22T14:30+0300", 0, 1795347000, 180);
	check_time("2026-11-22T14:30+03", 0, 1795347000, 180);
	check_time("2026-11-22T11:30Z", 0, 1795347000, 0);
	check_time("2026-11-22T11:30+00:00", 0, 1795347000, 0);
	check_time("2026-11-22T11:30-00:00", 0, 1795347000, 0);
	check_time("2026-11-22T06:30-05:00", 0, 1795347000, -300);
	check_time("2026-11-22T06:00-0530", 0, 1795347000, -330);
	check_time("2026-11-22T23:30-05:00", 0, 1795408200, -300);
	check_time("2026-11-22+03:00", 0, 1795294800, 180);
	check_time("2026-11-22Z", 0, 1795305600, 0);
	check_time("2026-11-22T00:00+23:59", 0,
		   1795305600 - (23 * 60 + 59) * 60, 1439);
	check_time("2026-11-22T00:00-23:59", 0,
		   1795305600 + (23 * 60 + 59) * 60, -1439);
	check_time("1970-01-01T00:00+03:00", 0, -10800, 180);
	check_time("1970-01-01T00:00Z", 0, 0, 0);
	check_time("9999-12-31T23:59:59Z", 0, INT64_C(253402300799), 0);
	check_time("2024-02-29T12:00Z", 0, 1709208000, 0);
}

static void test_date__time_local(void)
{
	struct acct_date d;
	struct acct_time t;
	char buf[ACCT_TIME_STRLEN];

	set_tz("Europe/Moscow");
	check_time("2026-11-22T14:30", 0, 1795347000, 180);
	check_time("2026-11-22 14:30", 0, 1795347000, 180);
	check_time("2026-11-22T14:30:05", 0, 1795347005, 180);
	/* A date alone is midnight, local. */
	check_time("2026-11-22", 0, 1795294800, 180);
	/* Moscow had summer time in 2010 and +04:00 all year in 2012. */
	check_time("2010-07-01T12:00", 0, 1277971200, 240);
	check_time("2012-01-01T00:00", 0, 1325361600, 240);
	check_time("1970-01-01T00:00", 0, -10800, 180);
	CHECK_INT(acct_time_local_offset(1700000000), 180);
	CHECK_INT(acct_time_local_offset(1277971200), 240);

	set_tz("America/New_York");
	check_time("2026-01-15T09:00", 0, 1768485600, -300);
	check_time("2026-07-15T09:00", 0, 1784120400, -240);
	CHECK_STR(time_fmt(buf, "2026-01-15T09:00", 0),
		  "2026-01-15T09:00-05:00");
	CHECK_STR(time_fmt(buf, "2026-07-15T09:00", 0),
		  "2026-07-15T09:00-04:00");
	/* An offset given wins over the zone. */
	check_time("2026-01-15T09:00+03:00", 0, 1768456800, 180);
	/*
	 * 02:30 on 2026-03-08 does not exist in New York; whatever mktime
	 * makes of it, it is accepted, in summer or winter time.
	 */
	CHECK_INT(acct_time_parse(&t, "2026-03-08T02:30", NULL), 0);
	CHECK(t.off == -240 || t.off == -300);
	acct_time_date(&d, &t);
	CHECK_INT(d.day, 8);
	/* Far ends of the range in local time. */
	check_time("9999-12-31T23:59:59", 0,
		   INT64_C(253402300799) + 5 * 3600, -300);

	set_tz("UTC");
	check_time("2026-11-22", 0, 1795305600, 0);
	CHECK_STR(time_fmt(buf, "2026-11-22T14:30", 0),
		  "2026-11-22T14:30+00:00");
	set_tz("Europe/Moscow");
}

static void test_date__time_errors(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	static const char *const shapes[] = {
		"", "2026-11-22T", "2026-11-22T14", "2026-11-22T14:3",
		"2026-11-22T1:30", "2026-11-22T14:30x", "2026-11-22t14:30",
		"2026-11-22T14:30z", "2026-11-22T14:30:05.123",
		"2026-11-22T14:30:5", "2026-11-22T14:30+3", "2026-11-22T14:30+03:0",
		"2026-11-22T14:30+03:00:00", "2026-11-22T14:30+030",
		"2026-11-22T14:30 +03:00", "2026-11-22T14:30+03:00 ",
		"2026-11-22  14:30", "2026-11-22 ", "2026-1-5", "26-11-22",
		"2026-11-22T14:30:+3", "1700000000 +0300", "@1700000000",
		"2026-11-22T14.30", "2026-11-22T14:30+ 3:00",
	};
	size_t i;

	set_tz("Europe/Moscow");
	for (i = 0; i < sizeof(shapes) / sizeof(*shapes); i++) {
		char want[256];

		snprintf(want, sizeof(want),
			 "'%s' is not a time; use YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, optionally followed by Z or an offset such as +03:00",
			 shapes[i]);
		CHECK_STR(time_bad(&err, shapes[i], 0), want);
	}
	CHECK_STR(time_bad(&err, NULL, 0),
		  "'' is not a time; use YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, optionally followed by Z or an offset such as +03:00");
	CHECK_STR(time_bad(&err, "2026-02-30T10:00", 0),
		  "2026-02-30 is not a date (February 2026 has 28 days)");
	CHECK_STR(time_bad(&err, "2026-13-01T10:00+03:00", 0),
		  "2026-13-01 is not a date (there is no month 13)");
	CHECK_STR(time_bad(&err, "1969-12-31T23:00Z", 0),
		  "'1969-12-31' is out of range; years 1970 to 9999");
	CHECK_STR(time_bad(&err, "2026-11-22T24:00", 0),
		  "2026-11-22T24:00 is not a time (there is no hour 24)");
	CHECK_STR(time_bad(&err, "2026-11-22T23:60", 0),
		  "2026-11-22T23:60 is not a time (there is no minute 60)");
	CHECK_STR(time_bad(&err, "2026-11-22T23:59:60Z", 0),
		  "2026-11-22T23:59:60Z is not a time (there is no second 60)");
	CHECK_STR(time_bad(&err, "2026-11-22T14:30+24:00", 0),
		  "2026-11-22T14:30+24:00 is not a time (UTC offset '+24:00' is out of range; -23:59 to +23:59)");
	CHECK_STR(time_bad(&err, "2026-11-22T14:30-2360", 0),
		  "2026-11-22T14:30-2360 is not a time (UTC offset '-2360' is out of range; -23:59 to +23:59)");
	CHECK_STR(time_bad(&err, "2026-11-22T14:30+99", 0),
		  "2026-11-22T14:30+99 is not a time (UTC offset '+99' is out of range; -23:59 to +23:59)");
}

static void test_date__time_git(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	static const char *const shapes[] = {
		"1700000000", "@", "@ 1700000000", "@-1", "@+1700000000",
		"-1700000000 +0300", "+1700000000 +0300", "1700000000 ",
		"1700000000 +03:00", "1700000000 +03", "1700000000 Z",
		"1700000000  +0300", "1700000000 +0300 ", "@1700000000 ",
		"@1700000000+0300", "1700000000+0300", "0x10 +0000",
		"@1700000000.5", "yesterday", "", "2026", "2026-11-22 +0300",
		"2026-11-22T14:30 +03:00 ", "2026-11-22 14:30 Z",
		"2026-11-22 14:30 +03:00x", "2026-11-22 14:30  +0300",
	};
	size_t i;

	set_tz("Europe/Moscow");
	check_time("1700000000 +0300", 1, 1700000000, 180);
	check_time("1700000000 -0700", 1, 1700000000, -420);
	check_time("1700000000 +0000", 1, 1700000000, 0);
	check_time("@1700000000", 1, 1700000000, 180);
	check_time("@1700000000 +0300", 1, 1700000000, 180);
	check_time("@1700000000 -0130", 1, 1700000000, -90);
	check_time("0 +0000", 1, 0, 0);
	check_time("@0", 1, 0, 180);
	check_time("0001700000000 +0300", 1, 1700000000, 180);
	check_time("253402300799 +0000", 1, INT64_C(253402300799), 0);
	check_time("253402300799 -0100", 1, INT64_C(253402300799), -60);
	/* git's test_tick */
	check_time("1112911993 -0700", 1, 1112911993, -420);
	/* ISO 8601, as acct_time_parse(), and as `git log --date=iso`. */
	check_time("2005-04-07T22:13:13+02:00", 1, 1112904793, 120);
	check_time("2005-04-07 22:13:13 +0200", 1, 1112904793, 120);
	check_time("2005-04-07 22:13 +0200", 1, 1112904793 - 13, 120);
	check_time("2005-04-07T22:13:13 -07:00", 1, 1112904793 + 9 * 3600,
		   -420);
	check_time("2026-11-22T14:30", 1, 1795347000, 180);
	check_time("2026-11-22", 1, 1795294800, 180);
	check_time("2026-11-22Z", 1, 1795305600, 0);

	for (i = 0; i < sizeof(shapes) / sizeof(*shapes); i++) {
		char want[256];

		snprintf(want, sizeof(want),
			 "'%s' is not a date git accepts; use '<epoch> +hhmm', '@<epoch>' or ISO 8601 (YYYY-MM-DDTHH:MM:SS+hh:mm)",
			 shapes[i]);
		CHECK_STR(time_bad(&err, shapes[i], 1), want);
	}
	CHECK_STR(time_bad(&err, "1700000000 +2400", 1),
		  "1700000000 +2400 is not a date (UTC offset '+2400' is out of range; -2359 to +2359)");
	CHECK_STR(time_bad(&err, "1700000000 +0060", 1),
		  "1700000000 +0060 is not a date (UTC offset '+0060' is out of range; -2359 to +2359)");
	CHECK_STR(time_bad(&err, "253402300800 +0000", 1),
		  "'253402300800 +0000' is out of range; years 1970 to 9999");
	CHECK_STR(time_bad(&err, "@253402300800", 1),
		  "'@253402300800' is out of range; years 1970 to 9999");
	/* In range as a moment, but its own date would be 10000-01-01. */
	CHECK_STR(time_bad(&err, "253402300799 +0100", 1),
		  "'253402300799 +0100' is out of range; years 1970 to 9999");
	CHECK_STR(time_bad(&err, "0 -0100", 1),
		  "'0 -0100' is out of range; years 1970 to 9999");
	CHECK_STR(time_bad(&err, "99999999999999999999999999 +0000", 1),
		  "'99999999999999999999999999 +0000' is out of range; years 1970 to 9999");
	CHECK_STR(time_bad(&err, "2026-02-30 10:00 +0300", 1),
		  "2026-02-30 is not a date (February 2026 has 28 days)");
}

static void test_date__format(void)
{
	struct acct_time t;
	struct acct_date d;
	char buf[ACCT_TIME_STRLEN], dbuf[ACCT_DATE_STRLEN];
	static const char *const round[] = {
		"2026-11-22T14:30+03:00", "2026-11-22T14:30:05+03:00",
		"2026-11-22T14:30+00:00", "2026-11-22T14:30-05:00",
		"2026-11-22T00:00-05:30", "1970-01-01T00:00+03:00",
		"1970-01-01T00:00+00:00", "9999-12-31T23:59:59+00:00",
		"9999-12-31T23:59:59+23:59", "1970-01-01T00:00-23:59",
		"2024-02-29T23:59:59-00:01",
	};
	size_t i;

	set_tz("Europe/Moscow");
	for (i = 0; i < sizeof(round) / sizeof(*round); i++)
		CHECK_STR(time_fmt(buf, round[i], 0), round[i]);
	CHECK_STR(time_fmt(buf, "2026-11-22T14:30Z", 0),
		  "2026-11-22T14:30+00:00");
	CHECK_STR(time_fmt(buf, "2026-11-22T14:30:00+0300", 0),
		  "2026-11-22T14:30+03:00");
	CHECK_STR(time_fmt(buf, "2026-11-22", 0), "2026-11-22T00:00+03:00");
	CHECK_STR(time_fmt(buf, "1700000000 +0300", 1),
		  "2023-11-15T01:13:20+03:00");
	CHECK_STR(time_fmt(buf, "1700000000 -0700", 1),
		  "2023-11-14T15:13:20-07:00");
	CHECK_STR(time_fmt(buf, "@1700000000", 1),
		  "2023-11-15T01:13:20+03:00");

	/* The date is the one in the moment's own offset. */
	t.sec = 1795408200;	/* 2026-11-23T04:30Z */
	t.off = -300;
	acct_time_date(&d, &t);
	CHECK_STR(fmt_date(dbuf, &d), "2026-11-22");
	t.off = 0;
	acct_time_date(&d, &t);
	CHECK_STR(fmt_date(dbuf, &d), "2026-11-23");
	t.sec = -10800;
	t.off = 180;
	acct_time_date(&d, &t);
	CHECK_STR(fmt_date(dbuf, &d), "1970-01-01");
	acct_time_format(buf, &t);
	CHECK_STR(buf, "1970-01-01T00:00+03:00");
	t.sec = -1;
	t.off = 0;
	acct_time_format(buf, &t);
	CHECK_STR(buf, "1969-12-31T23:59:59+00:00");
}

static const char *dur_bad(struct acct_error *err, const char *s)
{
	struct acct_duration dur;
	int rc = acct_duration_parse(&dur, s, err);

	CHECK_MSG(rc == ACCT_EUSAGE, "'%s' gave %d", s, rc);
	return rc < 0 ? err->msg : "";
}

static void check_dur(const char *s, int n, enum acct_dur_unit unit)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_duration dur = { 0, ACCT_DUR_DAYS };

	CHECK_MSG(acct_duration_parse(&dur, s, &err) == 0, "'%s': %s", s,
		  err.msg);
	CHECK_MSG(dur.n == n && dur.unit == unit, "'%s': %d/%d, want %d/%d",
		  s, dur.n, (int)dur.unit, n, (int)unit);
}

static void test_date__durations(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	static const char *const shapes[] = {
		"3x", "", "d", "wd", "3", "3 d", " 3d", "3d ", "+3d", "-3d",
		"3D", "3W", "3WD", "3dw", "3wdx", "3md", "3.5d", "3y", "3h",
		"1e3d", "0x3d", "99999999999999999999x",
	};
	size_t i;

	check_dur("3d", 3, ACCT_DUR_DAYS);
	check_dur("2w", 2, ACCT_DUR_WEEKS);
	check_dur("1m", 1, ACCT_DUR_MONTHS);
	check_dur("3wd", 3, ACCT_DUR_WORKDAYS);
	check_dur("14d", 14, ACCT_DUR_DAYS);
	check_dur("90d", 90, ACCT_DUR_DAYS);
	check_dur("1d", 1, ACCT_DUR_DAYS);
	check_dur("3660d", 3660, ACCT_DUR_DAYS);
	check_dur("3660wd", 3660, ACCT_DUR_WORKDAYS);
	check_dur("120m", 120, ACCT_DUR_MONTHS);

	for (i = 0; i < sizeof(shapes) / sizeof(*shapes); i++) {
		char want[256];

		snprintf(want, sizeof(want),
			 "'%s' is not a duration; use Nd, Nw, Nm or Nwd (days, weeks, months, working days)",
			 shapes[i]);
		CHECK_STR(dur_bad(&err, shapes[i]), want);
	}
	CHECK_STR(dur_bad(&err, NULL),
		  "'' is not a duration; use Nd, Nw, Nm or Nwd (days, weeks, months, working days)");
	CHECK_STR(dur_bad(&err, "07d"),
		  "'07d' is not a duration; write the number without leading zeros");
	CHECK_STR(dur_bad(&err, "00wd"),
		  "'00wd' is not a duration; write the number without leading zeros");
	CHECK_STR(dur_bad(&err, "0d"), "'0d' is out of range; N is 1 to 3660");
	CHECK_STR(dur_bad(&err, "3661d"),
		  "'3661d' is out of range; N is 1 to 3660");
	CHECK_STR(dur_bad(&err, "99999999999999999999m"),
		  "'99999999999999999999m' is out of range; N is 1 to 3660");
}

static const char *add(char *buf, struct acct_date from, const char *dur_s,
		       const struct acct_date *hol, size_t nhol)
{
	struct acct_duration dur;
	struct acct_date out;

	if (acct_duration_parse(&dur, dur_s, NULL) < 0)
		return "bad duration";
	acct_date_add(&out, &from, &dur, hol, nhol);
	return fmt_date(buf, &out);
}

static void test_date__add_days_weeks_months(void)
{
	char b[ACCT_DATE_STRLEN];

	CHECK_STR(add(b, mkdate(2026, 11, 22), "3d", NULL, 0), "2026-11-25");
	CHECK_STR(add(b, mkdate(2026, 12, 30), "3d", NULL, 0), "2027-01-02");
	CHECK_STR(add(b, mkdate(2024, 2, 28), "1d", NULL, 0), "2024-02-29");
	CHECK_STR(add(b, mkdate(2026, 2, 28), "1d", NULL, 0), "2026-03-01");
	CHECK_STR(add(b, mkdate(2026, 11, 22), "2w", NULL, 0), "2026-12-06");
	CHECK_STR(add(b, mkdate(2026, 11, 22), "90d", NULL, 0), "2027-02-20");
	CHECK_STR(add(b, mkdate(2026, 1, 15), "1m", NULL, 0), "2026-02-15");
	CHECK_STR(add(b, mkdate(2026, 1, 31), "1m", NULL, 0), "2026-02-28");
	CHECK_STR(add(b, mkdate(2024, 1, 31), "1m", NULL, 0), "2024-02-29");
	CHECK_STR(add(b, mkdate(2026, 3, 31), "1m", NULL, 0), "2026-04-30");
	CHECK_STR(add(b, mkdate(2026, 12, 15), "1m", NULL, 0), "2027-01-15");
	CHECK_STR(add(b, mkdate(2026, 11, 30), "3m", NULL, 0), "2027-02-28");
	CHECK_STR(add(b, mkdate(2026, 1, 31), "12m", NULL, 0), "2027-01-31");
	CHECK_STR(add(b, mkdate(2024, 2, 29), "12m", NULL, 0), "2025-02-28");
	CHECK_STR(add(b, mkdate(2024, 2, 29), "48m", NULL, 0), "2028-02-29");
	CHECK_STR(add(b, mkdate(2026, 1, 31), "3660m", NULL, 0),
		  "2331-01-31");
	/* Months clamp each time from the start, not step by step. */
	CHECK_STR(add(b, mkdate(2026, 1, 31), "2m", NULL, 0), "2026-03-31");
}

static void test_date__add_workdays(void)
{
	char b[ACCT_DATE_STRLEN];
	/* Unsorted, with one on a Sunday that changes nothing. */
	const struct acct_date hol[] = {
		{ 2027, 1, 8 }, { 2027, 1, 1 }, { 2027, 1, 7 }, { 2027, 1, 5 },
		{ 2027, 1, 4 }, { 2027, 1, 6 }, { 2026, 11, 30 },
		{ 2026, 11, 29 },
	};
	size_t n = sizeof(hol) / sizeof(*hol);

	/* 2026-11-23 is a Monday, 11-27 a Friday. */
	CHECK_STR(add(b, mkdate(2026, 11, 23), "1wd", NULL, 0), "2026-11-24");
	CHECK_STR(add(b, mkdate(2026, 11, 23), "3wd", NULL, 0), "2026-11-26");
	CHECK_STR(add(b, mkdate(2026, 11, 23), "4wd", NULL, 0), "2026-11-27");
	CHECK_STR(add(b, mkdate(2026, 11, 23), "5wd", NULL, 0), "2026-11-30");
	CHECK_STR(add(b, mkdate(2026, 11, 26), "3wd", NULL, 0), "2026-12-01");
	CHECK_STR(add(b, mkdate(2026, 11, 27), "1wd", NULL, 0), "2026-11-30");
	CHECK_STR(add(b, mkdate(2026, 11, 28), "1wd", NULL, 0), "2026-11-30");
	CHECK_STR(add(b, mkdate(2026, 11, 29), "1wd", NULL, 0), "2026-11-30");
	CHECK_STR(add(b, mkdate(2026, 11, 29), "5wd", NULL, 0), "2026-12-04");
	CHECK_STR(add(b, mkdate(2026, 11, 23), "10wd", NULL, 0), "2026-12-07");
	/* With holidays. */
	CHECK_STR(add(b, mkdate(2026, 11, 27), "1wd", hol, n), "2026-12-01");
	CHECK_STR(add(b, mkdate(2026, 11, 28), "1wd", hol, n), "2026-12-01");
	CHECK_STR(add(b, mkdate(2026, 11, 23), "5wd", hol, n), "2026-12-01");
	/* The Russian New Year holidays: Thursday to the next Monday. */
	CHECK_STR(add(b, mkdate(2026, 12, 31), "1wd", hol, n), "2027-01-11");
	CHECK_STR(add(b, mkdate(2026, 12, 30), "2wd", hol, n), "2027-01-11");
	CHECK_STR(add(b, mkdate(2026, 12, 30), "3wd", hol, n), "2027-01-12");
	/* A holiday as the start counts for nothing: strictly after. */
	CHECK_STR(add(b, mkdate(2026, 11, 30), "1wd", hol, n), "2026-12-01");
	/* 3660 working days: 732 weeks of five. */
	CHECK_STR(add(b, mkdate(2026, 11, 23), "3660wd", NULL, 0),
		  "2040-12-03");
}

static void test_date__not_ahead(void)
{
	const struct acct_date today = { 2026, 11, 23 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_date d;

	CHECK_INT(acct_date_check_not_ahead(&today, &today, "--date", &err), 0);
	d = (struct acct_date){ 2026, 11, 24 };	/* a day of slack */
	CHECK_INT(acct_date_check_not_ahead(&d, &today, "--date", &err), 0);
	d = (struct acct_date){ 1970, 1, 1 };
	CHECK_INT(acct_date_check_not_ahead(&d, &today, "--date", &err), 0);
	d = (struct acct_date){ 2026, 11, 25 };
	CHECK_INT(acct_date_check_not_ahead(&d, &today, "--date", &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg, "--date 2026-11-25 is in the future (today is "
		  "2026-11-23)");
	CHECK(err.hint[0] != '\0');
	/* Across the end of a month and of a year. */
	d = (struct acct_date){ 2027, 1, 1 };
	CHECK_INT(acct_date_check_not_ahead(&d, &(struct acct_date){ 2026, 12, 31 },
					    "the answer's date", &err), 0);
	d = (struct acct_date){ 2027, 1, 2 };
	CHECK_INT(acct_date_check_not_ahead(&d, &(struct acct_date){ 2026, 12, 31 },
					    "the answer's date", &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg, "the answer's date 2027-01-02 is in the future "
		  "(today is 2026-12-31)");
}

/* The forms exports write, moved here from cmd/nps.c's CSV import. */
static void test_date__parse_export(void)
{
	static const struct {
		const char *s;
		int ok;
		struct acct_date want;
	} cases[] = {
		{ "2026-11-20", 1, { 2026, 11, 20 } },
		{ "20.11.2026", 1, { 2026, 11, 20 } },
		{ "2026-11-20 14:33", 1, { 2026, 11, 20 } },
		{ "2026-11-20 14:33:05", 1, { 2026, 11, 20 } },
		{ "2026-11-20T23:59+05:00", 1, { 2026, 11, 20 } },
		{ "31.11.2026", 0, { 0, 0, 0 } },
		{ "2026-11-20 25:00", 0, { 0, 0, 0 } },
		{ "20/11/2026", 0, { 0, 0, 0 } },
		{ "2026-11-20x", 0, { 0, 0, 0 } },
		{ "20.11.26", 0, { 0, 0, 0 } },
		{ "", 0, { 0, 0, 0 } },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct acct_date d = { 0, 0, 0 };
		int rc = acct_date_parse_export(&d, cases[i].s);

		CHECK_MSG(cases[i].ok ? rc == 0 && !acct_date_cmp(&d, &cases[i].want)
			  : rc == -1, "acct_date_parse_export(\"%s\") == %d, "
			  "%d-%d-%d", cases[i].s, rc, d.year, d.month, d.day);
	}
}

/* The digits written by hand are printf's, in range and out of it. */
static void test_date__format_digits(void)
{
	static const int years[] = { 0, 7, 999, 1970, 2026, 9999, 10000, -1,
				     123456 };
	static const int parts[] = { 0, 1, 9, 10, 12, 31, 99, 100, -1 };
	char mine[ACCT_DATE_STRLEN], want[ACCT_DATE_STRLEN];
	size_t y, m, d;

	for (y = 0; y < sizeof(years) / sizeof(*years); y++)
		for (m = 0; m < sizeof(parts) / sizeof(*parts); m++)
			for (d = 0; d < sizeof(parts) / sizeof(*parts); d++) {
				struct acct_date x = { years[y], parts[m],
						       parts[d] };

				acct_date_format(mine, &x);
				snprintf(want, sizeof(want), "%04d-%02d-%02d",
					 x.year, x.month, x.day);
				CHECK_STR(mine, want);
			}
}

int main(void)
{
	test_date__format_digits();
	test_date__leap_years();
	test_date__parse();
	test_date__parse_errors();
	test_date__parse_export();
	test_date__round_trip_every_day();
	test_date__weekday();
	test_date__cmp_and_format();
	test_date__time_with_offset();
	test_date__time_local();
	test_date__time_errors();
	test_date__time_git();
	test_date__format();
	test_date__durations();
	test_date__add_days_weeks_months();
	test_date__add_workdays();
	test_date__not_ahead();
	return test_report("date");
}
