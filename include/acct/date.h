#ifndef ACCT_DATE_H
#define ACCT_DATE_H

#include <stddef.h>
#include <stdint.h>

struct acct_error;

/* A calendar date. Valid years are 1970 to 9999. */
struct acct_date {
	int year, month, day;	/* month 1-12, day 1-31 */
};

/* A moment: seconds since the epoch (UTC) and the UTC offset it was given in. */
struct acct_time {
	int64_t sec;
	int off;		/* minutes east of UTC, -1439..1439 */
};

/* The length of an ISO date "YYYY-MM-DD" plus NUL. */
#define ACCT_DATE_STRLEN 11
/* Enough for "YYYY-MM-DDTHH:MM:SS+hh:mm" plus NUL. */
#define ACCT_TIME_STRLEN 32

/** Days in `month` (1-12) of `year`; 0 for a month out of range. */
int acct_days_in_month(int year, int month);

/**
 * Parse a strict ISO date "YYYY-MM-DD": exactly that shape, year 1970-9999,
 * no roll-over. Returns 0 or ACCT_EUSAGE with a message such as
 * "2026-02-30 is not a date (February 2026 has 28 days)" or
 * "'26-1-1' is not a date; use YYYY-MM-DD".
 */
int acct_date_parse(struct acct_date *out, const char *s,
		    struct acct_error *err);

/** Days since 1970-01-01 of a valid date (0 to 2932896 for 9999-12-31). */
int64_t acct_date_to_days(const struct acct_date *d);
/**
 * The date `days` days after 1970-01-01. Outside 0..2932896 the result is
 * the proleptic Gregorian date, which is not a valid acct date.
 */
void acct_date_from_days(struct acct_date *out, int64_t days);
/** Day of the week: 0 Monday ... 6 Sunday. */
int acct_date_weekday(const struct acct_date *d);
/** Compare: <0, 0, >0. */
int acct_date_cmp(const struct acct_date *a, const struct acct_date *b);
/**
 * Refuse a record dated more than one day after `today`: a log entry or
 * an NPS answer records what happened. One day of slack is for time
 * zones (a client ahead of us may already live tomorrow). `what` names
 * the value in the message: "--date 2026-11-25 is in the future (today is
 * 2026-11-23)", with a hint. Returns 0 or ACCT_EUSAGE.
 */
int acct_date_check_not_ahead(const struct acct_date *d,
			      const struct acct_date *today, const char *what,
			      struct acct_error *err);

/**
 * Write "YYYY-MM-DD" into `out` (ACCT_DATE_STRLEN bytes). A date outside
 * the valid years is cut short, never written past the end.
 */
void acct_date_format(char *out, const struct acct_date *d);

/**
 * Parse an ISO 8601 moment as the command line and the book write it:
 * "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS", each optionally
 * followed by "Z", "+hh:mm", "+hhmm" or "+hh" (or '-'); ' ' is accepted for
 * 'T'. Without an offset the moment is local time of the process (the C
 * library's zone, TZ), resolved with mktime. The date part is as strict as
 * acct_date_parse(); hours 0-23, minutes and seconds 0-59; offsets up to
 * 23:59 either way. `out->off` is the offset given, or the local one at
 * that moment. A local time skipped by a clock change is taken as mktime
 * normalises it (usually an hour later).
 * Returns 0 or ACCT_EUSAGE naming the value and the accepted forms, or
 * the date's own message ("2026-02-30 is not a date (...)").
 */
int acct_time_parse(struct acct_time *out, const char *s,
		    struct acct_error *err);

/**
 * Parse a date as spreadsheets and exports write it (`acct nps import`,
 * `acct metric import`): "2026-11-20"; "2026-11-20 14:33", with seconds or
 * an offset as acct_time_parse() takes them, or with 'T' for the space
 * (the time is checked, then dropped: the date is the one written); or
 * "20.11.2026". Returns 0, or -1 when `s` is none of these or not a date.
 */
int acct_date_parse_export(struct acct_date *out, const char *s);

/**
 * Parse a date as git accepts it in GIT_AUTHOR_DATE / GIT_COMMITTER_DATE:
 * "<epoch> <+hhmm>", "@<epoch>" (optionally followed by " <+hhmm>"), or
 * ISO 8601 as acct_time_parse(), where a space may also come before the
 * offset ("2005-04-07 22:13:13 +0200", as `git log --date=iso` writes it).
 * The epoch is digits only, at most 253402300799; "@<epoch>" alone is in
 * local time. The moment's date in its offset must lie in 1970 to 9999.
 * Returns 0 or ACCT_EUSAGE.
 */
int acct_time_parse_git(struct acct_time *out, const char *s,
			struct acct_error *err);

/**
 * The offset, in minutes east of UTC, of local time at `sec` (seconds of
 * an offset truncated; 0 if the C library cannot tell).
 */
int acct_time_local_offset(int64_t sec);

/** The calendar date of `t` in its own offset. */
void acct_time_date(struct acct_date *out, const struct acct_time *t);

/**
 * Write `t` in its own offset as "YYYY-MM-DDTHH:MM+hh:mm" (seconds added
 * only when not zero; "Z" is never used) into `out` (ACCT_TIME_STRLEN).
 */
void acct_time_format(char *out, const struct acct_time *t);

/* A cadence: Nd days, Nw weeks, Nm calendar months, Nwd working days. */
enum acct_dur_unit {
	ACCT_DUR_DAYS,
	ACCT_DUR_WEEKS,
	ACCT_DUR_MONTHS,
	ACCT_DUR_WORKDAYS,
};

struct acct_duration {
	int n;			/* 1 to 3660 */
	enum acct_dur_unit unit;
};

/**
 * Parse a duration "3d", "2w", "1m", "3wd" (N from 1 to 3660, no sign, no
 * space, no leading zero). Returns 0 or ACCT_EUSAGE "'3x' is not a
 * duration; use Nd, Nw, Nm or Nwd (days, weeks, months, working days)",
 * or "'0d' is out of range; N is 1 to 3660".
 */
int acct_duration_parse(struct acct_duration *out, const char *s,
			struct acct_error *err);

/**
 * The date `dur` after `from`: days and weeks add days; months add calendar
 * months, clamping to the month's last day (Jan 31 + 1m = Feb 28/29);
 * working days count Monday-Friday that are not in `holidays` (sorted or
 * not, `nholidays` of them; NULL when 0): N working days after a date is
 * the Nth working day strictly after it, so Friday + 1wd is the next
 * working Monday. Near 9999-12-31 the result may lie past year 9999; the
 * caller checks if it matters.
 */
void acct_date_add(struct acct_date *out, const struct acct_date *from,
		   const struct acct_duration *dur,
		   const struct acct_date *holidays, size_t nholidays);

/** 1 if `d` is Monday to Friday and not one of the `holidays`. */
int acct_date_is_workday(const struct acct_date *d,
			 const struct acct_date *holidays, size_t nholidays);

/* Days that come back every year (lib/yearly.c). */

/* A day of the year, and maybe the year it began. */
struct acct_yearly {
	int year;		/* 0 when not known */
	int month, day;		/* 02-29 may be */
};

/**
 * Parse "MM-DD" or "YYYY-MM-DD" (a year from 1900 to 9999, the day real in
 * that year; "02-29" alone is fine). Returns 0 or ACCT_EUSAGE with a
 * message such as "'5/17' is not a birthday; use MM-DD or YYYY-MM-DD" or
 * "02-30 is not a day (February has 29 days at most)".
 */
int acct_yearly_parse(struct acct_yearly *out, const char *s,
		      struct acct_error *err);

/**
 * The day `y` falls on in `year`. 29 February falls on 28 February in a
 * year without one: the same month, as `1m` after 31 January is the last
 * day of February.
 */
void acct_yearly_in(struct acct_date *out, const struct acct_yearly *y,
		    int year);

#endif
