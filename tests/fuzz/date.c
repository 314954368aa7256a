/*
 * Dates, moments, durations and periods (lib/date.c, lib/period.c): one
 * string through every parser, with a "today" and a start date for the
 * arithmetic.
 *
 * Input: 4 bytes of "today" and 4 of a start date (days after 1970-01-01,
 * taken modulo the valid range), a byte with the number of holidays (up
 * to 8) and a byte of period flags, 2 bytes per holiday (days after the
 * start), then the string (up to a NUL).
 *
 * Checked, for what each parser accepts: a date formats back to the same
 * string and survives days and back; a moment formats to a string that
 * parses to the same moment and offset, its date in 1970-9999 for git's
 * forms; a duration is written back as it was, and adding it gives what
 * the calendar says (N days, N weeks, N months clamped to the month's
 * end, the Nth working day not a holiday); a period is a non-empty run of
 * days holding its ends, its label parses back to it, the period before
 * it ends the day before it starts. Every refusal is ACCT_EUSAGE with a
 * message.
 */
#include "acct/date.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct/error.h"
#include "acct/period.h"
#include "fuzz.h"

#include "acct/banned.h"

#define MAX_DAYS 2932897	/* 1970-01-01 to 9999-12-31 */
#define MAX_HOLIDAYS 8

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Local time with summer time, the same everywhere. */
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	return 0;
}

static void refused(int rc, const struct acct_error *err, const char *what)
{
	FUZZ_CHECK(rc == ACCT_EUSAGE && err->msg[0], "%s refused with %d: %s",
		   what, rc, err->msg);
}

static void check_date(const char *s)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_date d, back;
	char out[ACCT_DATE_STRLEN];
	int rc = acct_date_parse(&d, s, &err);

	if (rc < 0) {
		refused(rc, &err, "date");
		return;
	}
	acct_date_format(out, &d);
	FUZZ_CHECK(!strcmp(out, s), "date '%s' formats as '%s'", s, out);
	acct_date_from_days(&back, acct_date_to_days(&d));
	FUZZ_CHECK(!acct_date_cmp(&back, &d) && acct_date_weekday(&d) >= 0 &&
		   acct_date_weekday(&d) < 7, "date '%s' does not survive days",
		   s);
}

static void check_time(const char *s, int git)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_time t, again;
	struct acct_date d;
	char out[ACCT_TIME_STRLEN];
	int rc = git ? acct_time_parse_git(&t, s, &err) :
		       acct_time_parse(&t, s, &err);

	if (rc < 0) {
		refused(rc, &err, git ? "git date" : "moment");
		return;
	}
	FUZZ_CHECK(t.off > -1440 && t.off < 1440, "'%s': offset %d", s, t.off);
	acct_time_date(&d, &t);
	if (git)
		FUZZ_CHECK(d.year >= 1970 && d.year <= 9999, "git date '%s' "
			   "is in year %d", s, d.year);
	acct_time_format(out, &t);
	rc = acct_time_parse(&again, out, &err);
	FUZZ_CHECK(rc == 0 && again.sec == t.sec && again.off == t.off,
		   "'%s' formats as '%s', which reads back as %lld%+d (not "
		   "%lld%+d): %s", s, out, (long long)again.sec, again.off,
		   (long long)t.sec, t.off, rc ? err.msg : "");
}

/* Monday 0 ... Sunday 6 of a day number (1970-01-01 was a Thursday). */
static int weekday_of(int64_t days)
{
	return (int)(((days + 3) % 7 + 7) % 7);
}

static void check_duration(const char *s, const struct acct_date *from,
			   const int64_t *hdays, const struct acct_date *hol,
			   size_t nhol)
{
	static const char *const units[] = { "d", "w", "m", "wd" };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_duration dur;
	struct acct_date to;
	char out[32];
	int64_t f, t, day;
	size_t i;
	int rc = acct_duration_parse(&dur, s, &err), n;

	if (rc < 0) {
		refused(rc, &err, "duration");
		return;
	}
	FUZZ_CHECK(dur.n >= 1 && dur.n <= 3660 && dur.unit >= ACCT_DUR_DAYS &&
		   dur.unit <= ACCT_DUR_WORKDAYS, "'%s' is %d of unit %d", s,
		   dur.n, (int)dur.unit);
	snprintf(out, sizeof(out), "%d%s", dur.n, units[dur.unit]);
	FUZZ_CHECK(!strcmp(out, s), "duration '%s' reads as %s", s, out);

	acct_date_add(&to, from, &dur, hol, nhol);
	if (to.year > 9999)
		return;
	f = acct_date_to_days(from);
	t = acct_date_to_days(&to);
	switch (dur.unit) {
	case ACCT_DUR_DAYS:
	case ACCT_DUR_WEEKS:
		FUZZ_CHECK(t - f == (int64_t)dur.n * (dur.unit == ACCT_DUR_WEEKS ? 7 : 1),
			   "'%s' after day %lld is day %lld", s, (long long)f,
			   (long long)t);
		break;
	case ACCT_DUR_MONTHS: {
		int months = (to.year - from->year) * 12 + to.month - from->month;
		int dim = acct_days_in_month(to.year, to.month);

		FUZZ_CHECK(months == dur.n && to.day == (from->day < dim ?
							 from->day : dim),
			   "'%s' after %d-%d-%d is %d-%d-%d", s, from->year,
			   from->month, from->day, to.year, to.month, to.day);
		break;
	}
	case ACCT_DUR_WORKDAYS:
		for (n = 0, day = f + 1; day <= t; day++) {
			int work = weekday_of(day) < 5;

			for (i = 0; i < nhol; i++)
				if (hdays[i] == day)
					work = 0;
			n += work;
			if (day == t)
				FUZZ_CHECK(work, "'%s' ends on a day off", s);
		}
		FUZZ_CHECK(n == dur.n && t > f, "'%s' after day %lld is day %lld, "
			   "%d working days", s, (long long)f, (long long)t, n);
		break;
	}
}

static void check_period(const char *s, const struct acct_date *today,
			 unsigned flags)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_period p, again, prev, of;
	int rc = acct_period_parse(&p, s, today, flags, &err);
	int64_t since, until;

	if (rc < 0) {
		refused(rc, &err, "period");
		return;
	}
	since = acct_date_to_days(&p.since);
	until = acct_date_to_days(&p.until);
	FUZZ_CHECK(since <= until && p.label[0] &&
		   memchr(p.label, '\0', sizeof(p.label)) &&
		   acct_period_has(&p, &p.since) && acct_period_has(&p, &p.until),
		   "period '%s' (%s) is not a run of days", s, p.label);
	acct_period_prev(&prev, &p);
	FUZZ_CHECK(acct_date_to_days(&prev.until) + 1 == since &&
		   prev.kind == (p.kind == ACCT_PERIOD_ALL ? ACCT_PERIOD_RANGE :
				 p.kind), "the period before '%s' (%s) is %s",
		   s, p.label, prev.label);
	if (p.kind <= ACCT_PERIOD_YEAR) {
		acct_period_of(&of, p.kind, &p.until);
		FUZZ_CHECK(!acct_date_cmp(&of.since, &p.since) &&
			   !acct_date_cmp(&of.until, &p.until) &&
			   !strcmp(of.label, p.label), "the %d period of %s's "
			   "end is %s", (int)p.kind, p.label, of.label);
	}
	/* Labels name periods within the years acct reads (9999's weeks not). */
	if (p.since.year < 1970 || p.until.year > 9999 ||
	    (p.kind == ACCT_PERIOD_WEEK && !strncmp(p.label, "9999", 4)))
		return;
	rc = acct_period_parse(&again, p.label, today, flags, &err);
	FUZZ_CHECK(rc == 0 && again.kind == p.kind &&
		   !acct_date_cmp(&again.since, &p.since) &&
		   !acct_date_cmp(&again.until, &p.until),
		   "period '%s' is labelled '%s', which reads %s", s, p.label,
		   rc ? err.msg : again.label);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct acct_date today, from, hol[MAX_HOLIDAYS];
	int64_t hdays[MAX_HOLIDAYS], t, f;
	size_t nhol, i;
	unsigned flags;
	char *s;

	t = fuzz_u32(&in) % MAX_DAYS;
	f = fuzz_u32(&in) % MAX_DAYS;
	nhol = fuzz_byte(&in) % (MAX_HOLIDAYS + 1);
	flags = fuzz_byte(&in);
	acct_date_from_days(&today, t);
	acct_date_from_days(&from, f);
	for (i = 0; i < nhol; i++) {
		hdays[i] = f + (int64_t)(fuzz_byte(&in) << 8 | fuzz_byte(&in));
		acct_date_from_days(&hol[i], hdays[i]);
	}
	s = fuzz_part(&in, NULL);

	check_date(s);
	check_time(s, 0);
	check_time(s, 1);
	check_duration(s, &from, hdays, hol, nhol);
	check_period(s, &today, flags & ACCT_PERIOD_ALLOW_ALL);
	free(s);
	return 0;
}
