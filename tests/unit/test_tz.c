#include "acct/tz.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/date.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * lib/tz.c never touches the process's zone; the test does, to ask glibc
 * what the same TZif file or TZ string says, and compares.
 */

#define ZONEINFO "/usr/share/zoneinfo"
#define HOUR 3600
#define DAY 86400

/* Seconds since the epoch of an ISO moment with an offset ("...Z"). */
static int64_t at(const char *iso)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_time t = { 0, 0 };

	CHECK_MSG(acct_time_parse(&t, iso, &err) == 0, "'%s': %s", iso,
		  err.msg);
	return t.sec;
}

/* The same, for years before 1970 too: midnight UTC of a date. */
static int64_t day_at(int year, int month, int day)
{
	struct acct_date d = { year, month, day };

	return acct_date_to_days(&d) * DAY;
}

static void set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* What one side says at a moment: the offset and the abbreviation. */
struct lt {
	long off;
	char abbr[ACCT_TZ_ABBRLEN];
};

static void glibc_at(struct lt *out, int64_t sec)
{
	time_t t = (time_t)sec;
	struct tm tm;

	if (!localtime_r(&t, &tm)) {
		out->off = LONG_MIN;
		out->abbr[0] = '\0';
		return;
	}
	out->off = tm.tm_gmtoff;
	/* Not snprintf(): this runs a million times. */
	strncpy(out->abbr, tm.tm_zone ? tm.tm_zone : "", sizeof(out->abbr));
	out->abbr[sizeof(out->abbr) - 1] = '\0';
}

/*
 * Ours: a loaded zone, or the TZ string `spec` when `tz` is NULL (and
 * glibc's when both are NULL).
 */
struct side {
	const struct acct_tz *tz;
	const char *spec;
};

static void side_at(struct lt *out, const struct side *s, int64_t sec)
{
	int off = 0;

	if (s->tz) {
		out->off = acct_tz_offset_at(s->tz, sec, out->abbr);
	} else if (s->spec) {
		if (acct_tz_posix_offset(&off, out->abbr, s->spec, sec,
					 NULL) < 0) {
			out->off = LONG_MIN;
			out->abbr[0] = '\0';
		} else {
			out->off = off;
		}
	} else {
		glibc_at(out, sec);
	}
}

static int lt_eq(const struct lt *a, const struct lt *b)
{
	return a->off == b->off && !strcmp(a->abbr, b->abbr);
}

/*
 * The first second in (lo, hi] where side `s` says something else than
 * at `lo`, given that it does at `hi`: a transition, found to the second.
 */
static int64_t bisect(const struct side *s, int64_t lo, int64_t hi)
{
	struct lt a, m;

	side_at(&a, s, lo);
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;

		side_at(&m, s, mid);
		if (lt_eq(&m, &a))
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

struct tally {
	long moments, bad, transitions, bad_transitions;
};

/* Count a difference; show the first few. */
static void differ(long *bad, const char *what, int64_t sec,
		   const struct lt *m, const struct lt *g)
{
	if (++*bad <= 3)
		fprintf(stderr, "  %s at %lld: ours %ld %s, glibc %ld %s\n",
			what, (long long)sec, m->off, m->abbr, g->off, g->abbr);
}

/* Compare ours with glibc at `sec`. */
static void same_at(const char *what, const struct side *ours, int64_t sec,
		    long *bad)
{
	static const struct side glibc = { NULL, NULL };
	struct lt g, m;

	side_at(&g, &glibc, sec);
	side_at(&m, ours, sec);
	if (!lt_eq(&g, &m))
		differ(bad, what, sec, &m, &g);
}

/*
 * Walk from `from` to `to` in steps of `step` seconds, comparing ours
 * with glibc (TZ already set); wherever either changes between two steps,
 * find the transition to the second and compare one second before it
 * and at it.
 */
static void compare_range(struct tally *t, const char *what,
			  const struct side *ours, int64_t from, int64_t to,
			  int64_t step)
{
	static const struct side glibc = { NULL, NULL };
	struct lt g, m, gprev = { 0, "" }, mprev = { 0, "" };
	int64_t sec, prev = 0, x;
	int first = 1;

	for (sec = from; sec < to; sec += step) {
		side_at(&g, &glibc, sec);
		side_at(&m, ours, sec);
		t->moments++;
		if (!lt_eq(&g, &m))
			differ(&t->bad, what, sec, &m, &g);
		if (!first && !lt_eq(&g, &gprev)) {
			x = bisect(&glibc, prev, sec);
			t->transitions++;
			same_at(what, ours, x - 1, &t->bad_transitions);
			same_at(what, ours, x, &t->bad_transitions);
		}
		if (!first && !lt_eq(&m, &mprev)) {
			x = bisect(ours, prev, sec);
			same_at(what, ours, x - 1, &t->bad_transitions);
			same_at(what, ours, x, &t->bad_transitions);
		}
		first = 0;
		prev = sec;
		gprev = g;
		mprev = m;
	}
}

static int have_zone(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", ZONEINFO, name);
	if (access(path, R_OK) == 0)
		return 1;
	printf("note: %s not found; its checks are skipped\n", path);
	return 0;
}

static void test_tz__name_ok(void)
{
	char longname[ACCT_TZ_NAMEMAX + 2];

	CHECK(acct_tz_name_ok("UTC"));
	CHECK(acct_tz_name_ok("Europe/Moscow"));
	CHECK(acct_tz_name_ok("America/Argentina/Buenos_Aires"));
	CHECK(acct_tz_name_ok("Etc/GMT+3"));
	CHECK(acct_tz_name_ok("Etc/GMT-14"));
	CHECK(acct_tz_name_ok("America/Port-au-Prince"));
	CHECK(acct_tz_name_ok("right/UTC"));
	CHECK(acct_tz_name_ok("EST5EDT"));

	CHECK(!acct_tz_name_ok(NULL));
	CHECK(!acct_tz_name_ok(""));
	CHECK(!acct_tz_name_ok("../etc/passwd"));
	CHECK(!acct_tz_name_ok("/etc/localtime"));
	CHECK(!acct_tz_name_ok("Europe/../../x"));
	CHECK(!acct_tz_name_ok("Europe//Moscow"));
	CHECK(!acct_tz_name_ok(".hidden"));
	CHECK(!acct_tz_name_ok("."));
	CHECK(!acct_tz_name_ok(".."));
	CHECK(!acct_tz_name_ok("Europe/./Moscow"));
	CHECK(!acct_tz_name_ok("Europe/"));
	CHECK(!acct_tz_name_ok("/"));
	CHECK(!acct_tz_name_ok("zone.tab"));
	CHECK(!acct_tz_name_ok("Europe/Mos cow"));
	CHECK(!acct_tz_name_ok("Europe\\Moscow"));
	CHECK(!acct_tz_name_ok("Europe/Moscow\n"));
	CHECK(!acct_tz_name_ok(":Europe/Moscow"));
	CHECK(!acct_tz_name_ok("Europe/M\xc3\xb6scow"));

	memset(longname, 'a', ACCT_TZ_NAMEMAX);
	longname[ACCT_TZ_NAMEMAX] = '\0';
	CHECK(acct_tz_name_ok(longname));
	longname[ACCT_TZ_NAMEMAX] = 'a';
	longname[ACCT_TZ_NAMEMAX + 1] = '\0';
	CHECK(!acct_tz_name_ok(longname));
}

/* Ours for a TZ string at an ISO moment: "<offset> <abbr>" or the error. */
static const char *posix_at(char *buf, size_t n, const char *spec,
			    const char *iso)
{
	struct acct_error err = ACCT_ERROR_INIT;
	char abbr[ACCT_TZ_ABBRLEN];
	int off = 0;

	if (acct_tz_posix_offset(&off, abbr, spec, at(iso), &err) < 0)
		snprintf(buf, n, "%s", err.msg);
	else
		snprintf(buf, n, "%d %s", off, abbr);
	return buf;
}

static void test_tz__posix_by_hand(void)
{
	char b[1100];

#define P(spec, iso) posix_at(b, sizeof(b), spec, iso)
	CHECK_STR(P("MSK-3", "2026-01-01T00:00Z"), "10800 MSK");
	CHECK_STR(P("<+05>-5", "2026-07-01T00:00Z"), "18000 +05");
	CHECK_STR(P("<-03>3", "2026-07-01T00:00Z"), "-10800 -03");
	CHECK_STR(P("UTC0", "2026-07-01T00:00Z"), "0 UTC");
	CHECK_STR(P("IST-5:30", "2026-07-01T00:00Z"), "19800 IST");
	CHECK_STR(P("<+0545>-5:45", "2026-07-01T00:00Z"), "20700 +0545");
	CHECK_STR(P("<-0930>9:30", "2026-07-01T00:00Z"), "-34200 -0930");
	CHECK_STR(P("XXX+1:02:03", "2026-07-01T00:00Z"), "-3723 XXX");

	/* Berlin 2026: last Sundays of March and October, 01:00 UTC. */
	CHECK_STR(P("CET-1CEST,M3.5.0,M10.5.0/3", "2026-03-29T00:59:59Z"),
		  "3600 CET");
	CHECK_STR(P("CET-1CEST,M3.5.0,M10.5.0/3", "2026-03-29T01:00:00Z"),
		  "7200 CEST");
	CHECK_STR(P("CET-1CEST,M3.5.0,M10.5.0/3", "2026-10-25T00:59:59Z"),
		  "7200 CEST");
	CHECK_STR(P("CET-1CEST,M3.5.0,M10.5.0/3", "2026-10-25T01:00:00Z"),
		  "3600 CET");
	/* New York 2026: March 8 02:00 EST, November 1 02:00 EDT. */
	CHECK_STR(P("EST5EDT,M3.2.0,M11.1.0", "2026-03-08T06:59:59Z"),
		  "-18000 EST");
	CHECK_STR(P("EST5EDT,M3.2.0,M11.1.0", "2026-03-08T07:00:00Z"),
		  "-14400 EDT");
	CHECK_STR(P("EST5EDT,M3.2.0,M11.1.0", "2026-11-01T05:59:59Z"),
		  "-14400 EDT");
	CHECK_STR(P("EST5EDT,M3.2.0,M11.1.0", "2026-11-01T06:00:00Z"),
		  "-18000 EST");
	/* The same with no rules: the US rules, as glibc has them. */
	CHECK_STR(P("EST5EDT", "2026-03-08T07:00:00Z"), "-14400 EDT");
	CHECK_STR(P("EST5EDT4", "2026-11-01T06:00:00Z"), "-18000 EST");
	CHECK_STR(P("EST5EDT3", "2026-07-01T00:00Z"), "-10800 EDT");

	/* Sydney, summer time over New Year: October 4 to April 5, 2026. */
	CHECK_STR(P("AEST-10AEDT,M10.1.0,M4.1.0/3", "2026-01-01T00:00Z"),
		  "39600 AEDT");
	CHECK_STR(P("AEST-10AEDT,M10.1.0,M4.1.0/3", "2025-12-31T13:00Z"),
		  "39600 AEDT");
	CHECK_STR(P("AEST-10AEDT,M10.1.0,M4.1.0/3", "2026-04-04T15:59:59Z"),
		  "39600 AEDT");
	CHECK_STR(P("AEST-10AEDT,M10.1.0,M4.1.0/3", "2026-04-04T16:00:00Z"),
		  "36000 AEST");
	CHECK_STR(P("AEST-10AEDT,M10.1.0,M4.1.0/3", "2026-07-01T00:00Z"),
		  "36000 AEST");
	CHECK_STR(P("AEST-10AEDT,M10.1.0,M4.1.0/3", "2026-10-03T15:59:59Z"),
		  "36000 AEST");
	CHECK_STR(P("AEST-10AEDT,M10.1.0,M4.1.0/3", "2026-10-03T16:00:00Z"),
		  "39600 AEDT");
	/* Dublin: "summer" (GMT) is in winter, one hour behind standard. */
	CHECK_STR(P("IST-1GMT0,M10.5.0,M3.5.0/1", "2026-01-15T12:00Z"),
		  "0 GMT");
	CHECK_STR(P("IST-1GMT0,M10.5.0,M3.5.0/1", "2026-07-15T12:00Z"),
		  "3600 IST");

	/* Jn never counts February 29; n does. */
	CHECK_STR(P("AAA3BBB,J60/0,J300/0", "2024-03-01T02:59:59Z"),
		  "-10800 AAA");
	CHECK_STR(P("AAA3BBB,J60/0,J300/0", "2024-03-01T03:00:00Z"),
		  "-7200 BBB");
	CHECK_STR(P("AAA3BBB,J60/0,J300/0", "2026-03-01T03:00:00Z"),
		  "-7200 BBB");
	CHECK_STR(P("AAA3BBB,59/0,299/0", "2024-02-29T02:59:59Z"),
		  "-10800 AAA");
	CHECK_STR(P("AAA3BBB,59/0,299/0", "2024-02-29T03:00:00Z"),
		  "-7200 BBB");
	CHECK_STR(P("AAA3BBB,59/0,299/0", "2026-03-01T03:00:00Z"),
		  "-7200 BBB");
	CHECK_STR(P("AAA3BBB,J1/0,J365/23", "2026-12-31T23:00Z"),
		  "-7200 BBB");
	CHECK_STR(P("AAA3BBB,J1/0,J365/23", "2027-01-01T01:00Z"),
		  "-10800 AAA");
	CHECK_STR(P("AAA3BBB,0/0,365/0", "2024-12-31T01:59:59Z"),
		  "-7200 BBB");
	CHECK_STR(P("AAA3BBB,0/0,365/0", "2024-12-31T02:00:00Z"),
		  "-10800 AAA");
	/*
	 * Summer time from 01:00 on January 1 (+3, so 22:00 UTC the day
	 * before) to 22:00 on December 31 (+4:30, so 17:30 UTC): standard
	 * time for four and a half hours a year. glibc, which looks at the
	 * rules of the UTC year alone, misses the start.
	 */
	CHECK_STR(P("AAA-3BBB-4:30,J1/1,J365/22", "1973-12-31T17:29:59Z"),
		  "16200 BBB");
	CHECK_STR(P("AAA-3BBB-4:30,J1/1,J365/22", "1973-12-31T17:30:00Z"),
		  "10800 AAA");
	CHECK_STR(P("AAA-3BBB-4:30,J1/1,J365/22", "1973-12-31T21:59:59Z"),
		  "10800 AAA");
	CHECK_STR(P("AAA-3BBB-4:30,J1/1,J365/22", "1973-12-31T22:00:00Z"),
		  "16200 BBB");

	/*
	 * Version 3 times: negative, and past 24 hours. Nuuk: -1:00 on
	 * Sunday March 29 2026 is 23:00 on the 28th at -2, 01:00 UTC.
	 */
	CHECK_STR(P("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "2026-03-29T00:59:59Z"),
		  "-7200 -02");
	CHECK_STR(P("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "2026-03-29T01:00:00Z"),
		  "-3600 -01");
	/* Thursday March 26 2026 + 50 hours: Saturday 02:00 EET. */
	CHECK_STR(P("EET-2EEST,M3.4.4/50,M10.4.4/50", "2026-03-28T00:00:00Z"),
		  "10800 EEST");
	CHECK_STR(P("EET-2EEST,M3.4.4/50,M10.4.4/50", "2026-03-27T23:59:59Z"),
		  "7200 EET");
	CHECK_STR(P("AAA3BBB,M12.5.6/167,M6.1.0", "2027-01-01T00:00Z"),
		  "-10800 AAA");
	/* Saturday December 26 2026 + 167 hours: January 1 2027 23:00. */
	CHECK_STR(P("AAA3BBB,M12.5.6/167,M6.1.0", "2027-01-02T01:59:59Z"),
		  "-10800 AAA");
	CHECK_STR(P("AAA3BBB,M12.5.6/167,M6.1.0", "2027-01-02T02:00:00Z"),
		  "-7200 BBB");
	/* All-year summer time: one year's end is the next year's start. */
	CHECK_STR(P("EST5EDT,0/0,J365/25", "2026-01-01T04:59:59Z"),
		  "-14400 EDT");
	CHECK_STR(P("EST5EDT,0/0,J365/25", "2026-01-01T05:00:00Z"),
		  "-14400 EDT");
	CHECK_STR(P("EST5EDT,0/0,J365/25", "2026-07-01T00:00Z"),
		  "-14400 EDT");
	CHECK_STR(P("EST5EDT,0/0,J365/25", "2024-12-31T23:00Z"),
		  "-14400 EDT");

	/* A long name is cut short, never overrun. */
	CHECK_STR(P("<ABCDEFGHIJKLMNOPQRSTUVWXYZ>-1", "2026-01-01T00:00Z"),
		  "3600 ABCDEFGHIJKLMNO");
#undef P
}

static void test_tz__posix_extremes(void)
{
	static const int64_t secs[] = {
		INT64_MIN, INT64_MIN + 1, -INT64_C(62135596800), -1, 0,
		INT64_C(253402300799), INT64_MAX - 1, INT64_MAX,
	};
	char abbr[ACCT_TZ_ABBRLEN];
	size_t i;
	int off;

	for (i = 0; i < sizeof(secs) / sizeof(secs[0]); i++) {
		off = 0;
		CHECK_INT(acct_tz_posix_offset(&off, abbr,
					       "AEST-10AEDT,M10.1.0,M4.1.0/3",
					       secs[i], NULL), 0);
		CHECK_MSG(off == 36000 || off == 39600, "%lld: %d",
			  (long long)secs[i], off);
	}
	/* 400 years on, the same calendar and the same answer. */
	CHECK_INT(acct_tz_posix_offset(&off, abbr, "CET-1CEST,M3.5.0,M10.5.0/3",
				       at("2426-03-29T01:00Z") - 1, NULL), 0);
	CHECK_STR(abbr, "CET");
	CHECK_INT(acct_tz_posix_offset(&off, abbr, "CET-1CEST,M3.5.0,M10.5.0/3",
				       at("2426-03-29T01:00Z"), NULL), 0);
	CHECK_STR(abbr, "CEST");
	CHECK_INT(acct_tz_posix_offset(&off, abbr, "CET-1CEST,M3.5.0,M10.5.0/3",
				       day_at(1626, 3, 29) + HOUR, NULL), 0);
	CHECK_STR(abbr, "CEST");
}

static void test_tz__posix_bad(void)
{
	static const char *const bad[] = {
		"", ":Europe/Moscow", "M", "MS-3", "MSK", "MSK-", "MSK-3X",
		"MSK-25", "MSK-3:60", "MSK-3:00:60", "MSK-3:", "MSK+-3",
		"MSK-0003", "<+05-5", "<+05>", "<>0", "<+5>-5", "<+0 5>-5",
		"CET-1CEST,M3.5.0", "CET-1CEST,M3.5.0,", "CET-1CEST,",
		"CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M0.5.0,M10.5.0",
		"CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,M3.0.0,M10.5.0",
		"CET-1CEST,M3.5.7,M10.5.0", "CET-1CEST,M3.5,M10.5.0",
		"CET-1CEST,M3.5.0/,M10.5.0", "CET-1CEST,M3.5.0/168,M10.5.0",
		"CET-1CEST,M3.5.0/-168,M10.5.0", "CET-1CEST,J0,J300",
		"CET-1CEST,J366,J300", "CET-1CEST,366,3", "CET-1CEST,X,Y",
		"CET-1CEST,M3.5.0,M10.5.0,M1.1.1", "CET-1CEST-25",
		"CET-1CEST,M3.5.0,M10.5.0/3 ", " CET-1", "CET-1 ",
		"CET-1CE", "\xc3\xa9\xc3\xa9\xc3\xa9-1",
	};
	struct acct_error err = ACCT_ERROR_INIT;
	char abbr[ACCT_TZ_ABBRLEN] = "unset";
	size_t i;
	int off = 12345;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_MSG(acct_tz_posix_offset(&off, abbr, bad[i], 0, &err) ==
			  ACCT_EUSAGE, "'%s' was taken", bad[i]);
	CHECK_INT(off, 12345);
	CHECK_STR(abbr, "unset");
	CHECK_INT(acct_tz_posix_offset(&off, abbr, NULL, 0, &err), ACCT_EUSAGE);
	acct_tz_posix_offset(&off, abbr, "MSK", 0, &err);
	CHECK_STR(err.msg, "'MSK' is not a POSIX TZ string");
}

/*
 * TZ strings, ours against glibc's from 1970 to 2100, every 5 days and a
 * bit, each transition to the second. None without rules: glibc takes
 * those from a file ("posixrules").
 */
static void test_tz__posix_vs_glibc(void)
{
	static const char *const specs[] = {
		"MSK-3", "<+05>-5", "<-03>3", "UTC0", "IST-5:30",
		"<+0545>-5:45",
		"CET-1CEST,M3.5.0,M10.5.0/3",
		"EST5EDT,M3.2.0,M11.1.0",
		"AEST-10AEDT,M10.1.0,M4.1.0/3",
		"NST3:30NDT,M3.2.0,M11.1.0",
		"<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45",
		"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
		"IST-1GMT0,M10.5.0,M3.5.0/1",
		"<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
		"EET-2EEST,M3.4.4/50,M10.4.4/50",
		"<-04>4<-03>,M9.1.6/24,M4.1.6/24",
		"WET0WEST,M3.5.0/1,M10.5.0",
		"AAA3BBB,J60/0,J300/0",
		"AAA3BBB,59/0,299/0",
		"AAA-3BBB-4:30,J60/1,J300/22",
	};
	int64_t from = at("1970-01-01T00:00Z"), to = at("2100-01-01T00:00Z");
	size_t i;

	for (i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		struct side ours = { NULL, specs[i] };
		struct tally t = { 0, 0, 0, 0 };

		set_tz(specs[i]);
		compare_range(&t, specs[i], &ours, from, to, 5 * DAY + 4321);
		CHECK_MSG(t.bad == 0, "%s: %ld of %ld moments differ",
			  specs[i], t.bad, t.moments);
		CHECK_MSG(t.bad_transitions == 0,
			  "%s: %ld of %ld transitions differ", specs[i],
			  t.bad_transitions, t.transitions);
		CHECK_MSG(strchr(specs[i], ',') ? t.transitions > 200 :
						  t.transitions == 0,
			  "%s: %ld transitions", specs[i], t.transitions);
	}
	set_tz("UTC");
}

/*
 * Real zones, ours against glibc's reading of the same file: every six
 * hours and a bit from 1970 to 2040 (every two days for the zones that
 * are there for their TZ strings), every month from 1800 to 2200, and
 * each transition found to the second.
 */
static void test_tz__zones_vs_glibc(void)
{
	static const struct {
		const char *name;
		long min_transitions;	/* 1970-2040 */
		int64_t step;
	} zones[] = {
		{ "UTC", 0, 6 * HOUR + 1234 },
		{ "Europe/Moscow", 20, 6 * HOUR + 1234 },
		{ "Europe/Berlin", 100, 6 * HOUR + 1234 },
		{ "America/New_York", 130, 6 * HOUR + 1234 },
		{ "Australia/Sydney", 100, 6 * HOUR + 1234 },
		{ "Asia/Kolkata", 0, 6 * HOUR + 1234 },
		{ "Asia/Kathmandu", 1, 6 * HOUR + 1234 },
		{ "America/St_Johns", 130, 6 * HOUR + 1234 },
		{ "Pacific/Chatham", 100, 6 * HOUR + 1234 },
		{ "Asia/Almaty", 10, 6 * HOUR + 1234 },
		{ "America/Sao_Paulo", 50, 6 * HOUR + 1234 },
		{ "Africa/Casablanca", 50, 6 * HOUR + 1234 },
		{ "Etc/GMT+3", 0, 6 * HOUR + 1234 },
		/* Negative summer time; "/-1", "/24" and "/50"; +-30 min. */
		{ "Europe/Dublin", 100, 2 * DAY + 1234 },
		{ "America/Nuuk", 100, 2 * DAY + 1234 },
		{ "America/Santiago", 100, 2 * DAY + 1234 },
		{ "Asia/Gaza", 100, 2 * DAY + 1234 },
		{ "Australia/Lord_Howe", 100, 2 * DAY + 1234 },
	};
	int64_t from = at("1970-01-01T00:00Z"), to = at("2040-01-01T00:00Z");
	size_t i;

	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		struct acct_error err = ACCT_ERROR_INIT;
		struct acct_tz *tz = NULL;
		struct tally t = { 0, 0, 0, 0 }, far = { 0, 0, 0, 0 };
		char spec[512];
		struct side ours;

		if (!have_zone(zones[i].name))
			continue;
		if (!CHECK_MSG(acct_tz_load(&tz, NULL, zones[i].name,
					    &err) == 0,
			       "%s: %s", zones[i].name, err.msg))
			continue;
		ours.tz = tz;
		ours.spec = NULL;
		snprintf(spec, sizeof(spec), ":%s/%s", ZONEINFO,
			 zones[i].name);
		set_tz(spec);
		compare_range(&t, zones[i].name, &ours, from, to,
			      zones[i].step);
		compare_range(&far, zones[i].name, &ours,
			      day_at(1800, 1, 1), day_at(2200, 1, 1),
			      30 * DAY + 5678);
		CHECK_MSG(t.bad + far.bad == 0,
			  "%s: %ld of %ld moments differ from glibc",
			  zones[i].name, t.bad + far.bad,
			  t.moments + far.moments);
		CHECK_MSG(t.bad_transitions + far.bad_transitions == 0,
			  "%s: %ld of %ld transitions differ from glibc",
			  zones[i].name,
			  t.bad_transitions + far.bad_transitions,
			  t.transitions + far.transitions);
		CHECK_MSG(t.transitions >= zones[i].min_transitions,
			  "%s: %ld transitions from 1970 to 2040",
			  zones[i].name, t.transitions);
		acct_tz_free(tz);
	}
	set_tz("UTC");
}

static void test_tz__offset(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	char abbr[ACCT_TZ_ABBRLEN] = "";
	int off = 0;

	if (have_zone("Asia/Almaty")) {
		/* Almaty moved from +06 to +05 on 2024-03-01. */
		CHECK_INT(acct_tz_offset(&off, abbr, NULL, "Asia/Almaty",
					 at("2026-11-22T09:00Z"), &err), 0);
		CHECK_INT(off, 5 * HOUR);
		CHECK_STR(abbr, "+05");
		CHECK_INT(acct_tz_offset(&off, abbr, NULL, "Asia/Almaty",
					 at("2023-11-22T09:00Z"), &err), 0);
		CHECK_INT(off, 6 * HOUR);
		CHECK_STR(abbr, "+06");
	}
	if (have_zone("Asia/Kathmandu")) {
		CHECK_INT(acct_tz_offset(&off, NULL, ZONEINFO,
					 "Asia/Kathmandu",
					 at("2026-11-22T09:00Z"), &err), 0);
		CHECK_INT(off, 5 * HOUR + 45 * 60);
	}
	if (have_zone("Europe/Moscow")) {
		CHECK_INT(acct_tz_offset(&off, abbr, NULL, "Europe/Moscow",
					 at("2026-07-01T00:00Z"), &err), 0);
		CHECK_INT(off, 3 * HOUR);
		CHECK_STR(abbr, "MSK");
		/* Far past the last transition: the footer, "MSK-3". */
		CHECK_INT(acct_tz_offset(&off, abbr, NULL, "Europe/Moscow",
					 INT64_MAX, &err), 0);
		CHECK_INT(off, 3 * HOUR);
		/* Before the first: local mean time, +2:30:17. */
		CHECK_INT(acct_tz_offset(&off, abbr, NULL, "Europe/Moscow",
					 INT64_MIN, &err), 0);
		CHECK_INT(off, 2 * HOUR + 30 * 60 + 17);
		CHECK_STR(abbr, "LMT");
	}

	off = 777;
	CHECK_INT(acct_tz_offset(&off, abbr, NULL, "Mars/Base", 0, &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg, "'Mars/Base' is not a time zone (no such file in "
		  "/usr/share/zoneinfo)");
	CHECK(err.hint[0] != '\0');
	CHECK_INT(off, 777);
	CHECK_INT(acct_tz_offset(&off, abbr, "/nonexistent", "UTC", 0, &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg,
		  "'UTC' is not a time zone (no such file in /nonexistent)");
	CHECK_INT(acct_tz_offset(&off, abbr, NULL, "Europe", 0, &err),
		  ACCT_EUSAGE);
	CHECK_INT(acct_tz_offset(&off, abbr, NULL, "Europe/Moscow/x", 0, &err),
		  ACCT_EUSAGE);
	CHECK_INT(acct_tz_offset(&off, abbr, NULL, "../../../etc/passwd", 0,
				 &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "'../../../etc/passwd' is not a time zone (no such "
		  "file in /usr/share/zoneinfo)");
	CHECK_INT(acct_tz_offset(&off, abbr, NULL, "/etc/localtime", 0, &err),
		  ACCT_EUSAGE);
	CHECK_INT(acct_tz_offset(&off, abbr, NULL, "Europe/../../x", 0, &err),
		  ACCT_EUSAGE);
	CHECK_INT(acct_tz_offset(&off, abbr, NULL, "", 0, &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "'' is not a time zone (no such file in "
		  "/usr/share/zoneinfo)");
	CHECK_INT(acct_tz_offset(&off, abbr, NULL, NULL, 0, &err),
		  ACCT_EUSAGE);
	CHECK_INT(acct_tz_offset(&off, abbr, NULL, "Europe//Moscow", 0, &err),
		  ACCT_EUSAGE);
	CHECK_INT(acct_tz_offset(&off, abbr, NULL, ".hidden", 0, &err),
		  ACCT_EUSAGE);
	CHECK_INT(acct_tz_offset(&off, abbr, NULL, "zone1970.tab", 0, &err),
		  ACCT_EUSAGE);
	CHECK_INT(off, 777);
	/* A NULL error is allowed: the code alone comes back. */
	CHECK_INT(acct_tz_offset(&off, abbr, NULL, "Mars/Base", 0, NULL),
		  ACCT_EUSAGE);
}

/* Crafted files, in a directory of the test's own. */

static char tmpdir[64];

static void put_file(const char *name, const void *data, size_t len)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	/*
	 * A new file each time: ext4 writes a file truncated and written
	 * again out to disk on close (auto_da_alloc), thousands of times
	 * here.
	 */
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		CHECK_MSG(0, "%s: %s", path, strerror(errno));
		return;
	}
	if (len && write(fd, data, len) != (ssize_t)len)
		CHECK_MSG(0, "%s: short write", path);
	close(fd);
}

static void put_be32(struct acct_buf *b, uint32_t v)
{
	unsigned char c[4] = { v >> 24, v >> 16, v >> 8, v };

	acct_buf_add(b, c, 4);
}

static void put_be64(struct acct_buf *b, int64_t v)
{
	uint64_t u = (uint64_t)v;

	put_be32(b, (uint32_t)(u >> 32));
	put_be32(b, (uint32_t)u);
}

/*
 * A header: the version byte and the six counts (isut, isstd, leap,
 * time, type, char).
 */
static void put_header(struct acct_buf *b, char version, uint32_t isut,
		       uint32_t isstd, uint32_t leap, uint32_t time,
		       uint32_t type, uint32_t chars)
{
	static const char zero[15];

	acct_buf_add(b, "TZif", 4);
	acct_buf_addch(b, version);
	acct_buf_add(b, zero, sizeof(zero));
	put_be32(b, isut);
	put_be32(b, isstd);
	put_be32(b, leap);
	put_be32(b, time);
	put_be32(b, type);
	put_be32(b, chars);
}

static void put_type(struct acct_buf *b, int32_t utoff, int isdst, int idx)
{
	put_be32(b, (uint32_t)utoff);
	acct_buf_addch(b, isdst);
	acct_buf_addch(b, idx);
}

/*
 * A version 2 file: an empty version 1 block (one type, as zic's -b slim
 * writes it), then two transitions at 1000 (to XST, +1h) and 2000 (to
 * XDT, +2h) after a first type YYY of -1h that is summer time, and the
 * footer `footer` (no newlines added).
 */
static void put_v2(struct acct_buf *b, const char *footer)
{
	acct_buf_reset(b);
	put_header(b, '2', 0, 0, 0, 0, 1, 1);
	put_type(b, 0, 0, 0);
	acct_buf_addch(b, '\0');
	put_header(b, '2', 3, 3, 0, 2, 3, 12);
	put_be64(b, 1000);
	put_be64(b, 2000);
	acct_buf_addch(b, 1);
	acct_buf_addch(b, 2);
	put_type(b, -3600, 1, 0);
	put_type(b, 3600, 0, 4);
	put_type(b, 7200, 1, 8);
	acct_buf_add(b, "YYY\0XST\0XDT\0", 12);
	acct_buf_add(b, "\0\0\0\0\0\0", 6);	/* isstd, isut */
	acct_buf_addstr(b, footer);
}

/* Load the crafted "z" and give "<offset> <abbr>" at `sec`, or the error. */
static const char *crafted_at(char *buf, size_t n, int64_t sec)
{
	struct acct_error err = ACCT_ERROR_INIT;
	char abbr[ACCT_TZ_ABBRLEN];
	int off;

	if (acct_tz_offset(&off, abbr, tmpdir, "z", sec, &err) < 0)
		snprintf(buf, n, "%d %s", err.code, err.msg);
	else
		snprintf(buf, n, "%d %s", off, abbr);
	return buf;
}

static const char *crafted(char *buf, size_t n, const struct acct_buf *b,
			   int64_t sec)
{
	put_file("z", b->buf, b->len);
	return crafted_at(buf, n, sec);
}

static void test_tz__crafted(void)
{
	struct acct_buf b = ACCT_BUF_INIT;
	char r[1200], want[1200];

#define Z(sec) crafted(r, sizeof(r), &b, sec)
	put_v2(&b, "\nAAA-5\n");
	/* Before the first transition: time type 0, summer time or not. */
	CHECK_STR(Z(INT64_MIN), "-3600 YYY");
	CHECK_STR(Z(999), "-3600 YYY");
	CHECK_STR(Z(1000), "3600 XST");
	CHECK_STR(Z(1999), "3600 XST");
	/* From the last transition on: the footer. */
	CHECK_STR(Z(2000), "18000 AAA");
	CHECK_STR(Z(INT64_MAX), "18000 AAA");
	/* An empty footer: the last transition's type. */
	put_v2(&b, "\n\n");
	CHECK_STR(Z(2000), "7200 XDT");
	CHECK_STR(Z(INT64_MAX), "7200 XDT");
	/* An empty version 1 block, not even the one type RFC 8536 asks. */
	put_v2(&b, "\nAAA-5\n");
	memmove(b.buf + 44, b.buf + 51, b.len - 51);
	acct_buf_setlen(&b, b.len - 7);
	memset(b.buf + 20, 0, 24);
	CHECK_STR(Z(1000), "3600 XST");
	/* Anything after the footer is no business of ours. */
	put_v2(&b, "\nAAA-5\nmore");
	CHECK_STR(Z(3000), "18000 AAA");

	/* No transitions: the footer for all time, if there is one. */
	acct_buf_reset(&b);
	put_header(&b, '3', 0, 0, 0, 0, 1, 1);
	put_type(&b, 0, 0, 0);
	acct_buf_addch(&b, '\0');
	put_header(&b, '3', 0, 0, 0, 0, 1, 4);
	put_type(&b, 3600, 0, 0);
	acct_buf_add(&b, "CET\0", 4);
	acct_buf_addstr(&b, "\nCET-1CEST,M3.5.0,M10.5.0/3\n");
	CHECK_STR(Z(at("2026-07-01T00:00Z")), "7200 CEST");
	CHECK_STR(Z(at("2026-01-01T00:00Z")), "3600 CET");
	CHECK_STR(Z(day_at(1800, 7, 1)), "7200 CEST");
	acct_buf_setlen(&b, b.len - 28);
	acct_buf_addstr(&b, "\n\n");
	CHECK_STR(Z(at("2026-07-01T00:00Z")), "3600 CET");

	/* Version 1: the 32-bit block, no footer needed. */
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 2, 2, 8);
	put_be32(&b, (uint32_t)-100);
	put_be32(&b, 100);
	acct_buf_addch(&b, 1);
	acct_buf_addch(&b, 0);
	put_type(&b, 0, 0, 0);
	put_type(&b, -7200, 0, 4);
	acct_buf_add(&b, "AAA\0BBB\0", 8);
	CHECK_STR(Z(-101), "0 AAA");
	CHECK_STR(Z(-100), "-7200 BBB");
	CHECK_STR(Z(99), "-7200 BBB");
	CHECK_STR(Z(100), "0 AAA");
	CHECK_STR(Z(INT64_MAX), "0 AAA");
	/* Leap second records and indicators are skipped. */
	acct_buf_reset(&b);
	put_header(&b, '\0', 1, 1, 2, 1, 1, 4);
	put_be32(&b, 0);
	acct_buf_addch(&b, 0);
	put_type(&b, 600, 0, 0);
	acct_buf_add(&b, "TEN\0", 4);
	acct_buf_add(&b, "\0\0\0\0\0\0\0\1\0\0\0\0\0\0\0\2", 16);
	acct_buf_add(&b, "\0\0", 2);
	CHECK_STR(Z(5), "600 TEN");

	/* Broken files: each an error, the reason in the message. */
#define BAD(why) do { \
	Z(0); \
	snprintf(want, sizeof(want), "%d not a TZif file (%s)", ACCT_EDATA, \
		 why); \
	CHECK_STR(r, want); \
} while (0)
	acct_buf_reset(&b);
	BAD("no TZif magic");
	acct_buf_addstr(&b, "TZjf2");
	BAD("no TZif magic");
	acct_buf_reset(&b);
	put_header(&b, '2', 0, 0, 0, 0, 1, 1);
	acct_buf_setlen(&b, 43);
	BAD("truncated");
	acct_buf_reset(&b);
	put_header(&b, '1', 0, 0, 0, 0, 1, 1);
	put_type(&b, 0, 0, 0);
	acct_buf_addch(&b, '\0');
	BAD("unknown version");
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 0xffffffffu, 1, 1);
	BAD("truncated");
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 0x20000000u, 1, 1);
	BAD("truncated");
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0xffffffffu, 0, 1, 1);
	BAD("truncated");
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 0, 0, 1);
	acct_buf_addch(&b, '\0');
	BAD("bad counts");
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 0, 1, 0);
	put_type(&b, 0, 0, 0);
	BAD("bad counts");
	acct_buf_reset(&b);
	put_header(&b, '\0', 2, 0, 0, 0, 1, 1);
	put_type(&b, 0, 0, 0);
	acct_buf_add(&b, "\0\0\0", 3);
	BAD("bad counts");
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 0, 1, 1);
	put_type(&b, 0, 0, 0);
	BAD("truncated");
	acct_buf_addch(&b, '\0');
	CHECK_STR(Z(0), "0 ");
	/* Transitions out of order, or to a type that is not there. */
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 2, 1, 1);
	put_be32(&b, 100);
	put_be32(&b, 100);
	acct_buf_add(&b, "\0\0", 2);
	put_type(&b, 0, 0, 0);
	acct_buf_addch(&b, '\0');
	BAD("transitions out of order");
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 1, 1, 1);
	put_be32(&b, 100);
	acct_buf_addch(&b, 1);
	put_type(&b, 0, 0, 0);
	acct_buf_addch(&b, '\0');
	BAD("bad time type index");
	/* Types: offset, summer time flag, abbreviation. */
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 0, 1, 1);
	put_type(&b, INT32_MIN, 0, 0);
	acct_buf_addch(&b, '\0');
	BAD("bad time type");
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 0, 1, 1);
	put_type(&b, 93600, 0, 0);
	acct_buf_addch(&b, '\0');
	BAD("bad time type");
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 0, 1, 1);
	put_type(&b, 0, 2, 0);
	acct_buf_addch(&b, '\0');
	BAD("bad time type");
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 0, 1, 1);
	put_type(&b, 0, 0, 1);
	acct_buf_addch(&b, '\0');
	BAD("bad abbreviation index");
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 0, 1, 3);
	put_type(&b, 0, 0, 0);
	acct_buf_add(&b, "UTC\0", 4);	/* the NUL is outside charcnt */
	BAD("unterminated abbreviation");
	acct_buf_reset(&b);
	put_header(&b, '\0', 0, 0, 0, 0, 1, 4);
	put_type(&b, 0, 0, 0);
	acct_buf_add(&b, "U\nC\0", 4);
	BAD("bad abbreviation");
	/* The footer of version 2. */
	put_v2(&b, "");
	BAD("no footer");
	put_v2(&b, "x");
	BAD("no footer");
	put_v2(&b, "\nAAA-5");
	BAD("no footer");
	put_v2(&b, "\nAAA-25\n");
	BAD("bad TZ string");
	put_v2(&b, "\n:Europe/Moscow\n");
	BAD("bad TZ string");
	put_v2(&b, "\nAAA-5");
	acct_buf_add(&b, "\0\n", 2);
	BAD("bad TZ string");
	put_v2(&b, "\n");
	acct_buf_addf(&b, "<%0300d>-1\n", 0);
	BAD("bad TZ string");
	/* A second header that is not there, or cut short. */
	put_v2(&b, "\n\n");
	acct_buf_setlen(&b, 51);
	BAD("no TZif magic");
	acct_buf_addstr(&b, "TZif2");
	BAD("truncated");
#undef BAD
#undef Z
	acct_buf_release(&b);
}

static void test_tz__not_files(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	char path[128], abbr[ACCT_TZ_ABBRLEN];
	int off = 0, fd;

	/* A directory, a FIFO (reading would block) and a symlink loop. */
	snprintf(path, sizeof(path), "%s/dir", tmpdir);
	CHECK(mkdir(path, 0755) == 0);
	CHECK_INT(acct_tz_offset(&off, abbr, tmpdir, "dir", 0, &err),
		  ACCT_EUSAGE);
	snprintf(path, sizeof(path), "%s/fifo", tmpdir);
	CHECK(mkfifo(path, 0644) == 0);
	CHECK_INT(acct_tz_offset(&off, abbr, tmpdir, "fifo", 0, &err),
		  ACCT_EUSAGE);
	snprintf(path, sizeof(path), "%s/loop", tmpdir);
	CHECK(symlink("loop", path) == 0);
	CHECK_INT(acct_tz_offset(&off, abbr, tmpdir, "loop", 0, &err),
		  ACCT_EUSAGE);
	/* Empty, and one byte over 1 MiB (a sparse file). */
	put_file("z", "", 0);
	CHECK_INT(acct_tz_offset(&off, abbr, tmpdir, "z", 0, &err),
		  ACCT_EDATA);
	snprintf(path, sizeof(path), "%s/big", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	CHECK(fd >= 0 && ftruncate(fd, 1024 * 1024 + 1) == 0);
	if (fd >= 0)
		close(fd);
	CHECK_INT(acct_tz_offset(&off, abbr, tmpdir, "big", 0, &err),
		  ACCT_EDATA);
	CHECK_STR(err.msg, "not a TZif file (larger than 1 MiB)");
	CHECK_STR(err.file, path);
}

/* Load "z" of the test's directory; check that the answers are sane. */
static int load_damaged(long *insane)
{
	static const int64_t secs[] = {
		INT64_MIN, -INT64_C(5000000000), 0, 1774746000, 1774746001,
		INT64_C(4102444800), INT64_MAX,
	};
	struct acct_error err = ACCT_ERROR_INIT;
	char abbr[ACCT_TZ_ABBRLEN + 1];
	struct acct_tz *tz;
	size_t k;
	int rc, off;

	if ((rc = acct_tz_load(&tz, tmpdir, "z", &err)) < 0)
		return rc;
	for (k = 0; k < sizeof(secs) / sizeof(secs[0]); k++) {
		abbr[ACCT_TZ_ABBRLEN] = 'x';
		off = acct_tz_offset_at(tz, secs[k], abbr);
		if (off < -25 * HOUR || off > 26 * HOUR ||
		    strlen(abbr) >= ACCT_TZ_ABBRLEN ||
		    abbr[ACCT_TZ_ABBRLEN] != 'x')
			++*insane;
	}
	acct_tz_free(tz);
	return 0;
}

/*
 * A real file changed a byte at a time (if `flips`), then cut short at
 * every length (every `step`-th, and the last few): an error or a sane
 * answer, never a crash or a read out of
 * bounds (the ASan run). A byte is flipped whole at even offsets and in
 * its lowest bit at odd ones, so that a count (four bytes, big-endian)
 * becomes huge or one off. The file is changed in place, which is
 * quicker than writing it anew thousands of times.
 */
static void test_tz__damaged(const char *name, int flips, size_t step)
{
	struct acct_buf file = ACCT_BUF_INIT;
	char path[512];
	long not_edata = 0, insane = 0, loaded = 0, edata = 0, other = 0;
	size_t i, len;
	int fd, rc;

	snprintf(path, sizeof(path), "%s/%s", ZONEINFO, name);
	if (!have_zone(name) ||
	    !CHECK_MSG(acct_buf_read_file(&file, path) == 0, "%s", path))
		return;
	put_file("z", file.buf, file.len);
	snprintf(path, sizeof(path), "%s/z", tmpdir);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (!CHECK_MSG(fd >= 0, "%s: %s", path, strerror(errno))) {
		acct_buf_release(&file);
		return;
	}
	CHECK_INT(load_damaged(&insane), 0);
	for (i = 0; flips && i < file.len; i++) {
		char c = (char)(file.buf[i] ^ (i % 2 ? 0x01 : 0xff));

		if (pwrite(fd, &c, 1, (off_t)i) != 1)
			other++;
		rc = load_damaged(&insane);
		if (rc == ACCT_EDATA)
			edata++;
		else if (rc < 0)
			other++;
		else
			loaded++;
		if (pwrite(fd, &file.buf[i], 1, (off_t)i) != 1)
			other++;
	}
	for (len = file.len; len-- > 0;) {
		if (len % step && len + 64 < file.len)
			continue;
		if (ftruncate(fd, (off_t)len) < 0)
			other++;
		if (load_damaged(&insane) != ACCT_EDATA && ++not_edata <= 3)
			fprintf(stderr, "  %s cut at %zu: loaded\n", name, len);
	}
	close(fd);
	CHECK_MSG(not_edata == 0, "%s: %ld of %zu truncations loaded", name,
		  not_edata, file.len);
	CHECK_MSG(insane == 0, "%s: %ld insane answers", name, insane);
	CHECK_MSG(other == 0, "%s: %ld other errors", name, other);
	/* Some changes leave a valid file (an offset a second off). */
	if (flips)
		CHECK_MSG(loaded > 0 && edata > 0,
			  "%s: %ld loaded, %ld refused", name, loaded, edata);
	acct_buf_release(&file);
}

/* The 32-bit block of a real file read as version 1 agrees with the rest. */
static void test_tz__v1_block(const char *name)
{
	struct acct_buf file = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_tz *v1 = NULL, *all = NULL;
	char path[512], a1[ACCT_TZ_ABBRLEN], a2[ACCT_TZ_ABBRLEN];
	int64_t sec, from = -INT64_C(2147483648), to = INT64_C(2147483647);
	long bad = 0, n = 0;

	snprintf(path, sizeof(path), "%s/%s", ZONEINFO, name);
	if (!have_zone(name) ||
	    !CHECK_MSG(acct_buf_read_file(&file, path) == 0, "%s", path))
		return;
	if (file.len > 4 && file.buf[4] != '\0') {
		file.buf[4] = '\0';
		put_file("z", file.buf, file.len);
		CHECK_INT(acct_tz_load(&v1, tmpdir, "z", &err), 0);
		CHECK_INT(acct_tz_load(&all, NULL, name, &err), 0);
	}
	if (v1 && all) {
		/*
		 * Only where the 32-bit data reach: zic -b fat writes them
		 * from 1901 to 2037, -b slim next to nothing.
		 */
		for (sec = from + 1; sec < to; sec += 7 * DAY + 333, n++)
			if (acct_tz_offset_at(v1, sec, a1) !=
			    acct_tz_offset_at(all, sec, a2) || strcmp(a1, a2))
				bad++;
		if (acct_tz_offset_at(v1, from + DAY, a1) ==
		    acct_tz_offset_at(all, from + DAY, a2))
			CHECK_MSG(bad == 0, "%s: %ld of %ld differ", name, bad,
				  n);
		else
			printf("note: %s has a slim version 1 block\n", name);
	}
	acct_tz_free(v1);
	acct_tz_free(all);
	acct_buf_release(&file);
}

static void cleanup(void)
{
	static const char *const files[] = { "z", "fifo", "loop", "big" };
	char path[128];
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, files[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/dir", tmpdir);
	rmdir(path);
	rmdir(tmpdir);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/acct-tz-XXXXXX",
		 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror(tmpdir);
		return 1;
	}
	set_tz("UTC");
	test_tz__name_ok();
	test_tz__posix_by_hand();
	test_tz__posix_extremes();
	test_tz__posix_bad();
	test_tz__posix_vs_glibc();
	test_tz__zones_vs_glibc();
	test_tz__offset();
	test_tz__crafted();
	test_tz__not_files();
	test_tz__damaged("Europe/Berlin", 1, 1);
	test_tz__damaged("Australia/Sydney", 0, 5);
	test_tz__v1_block("Europe/Berlin");
	test_tz__v1_block("America/Sao_Paulo");
	cleanup();
	return test_report("tz");
}
