#include "acct/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "acct/error.h"

#include "acct/banned.h"

/*
 * Dates are counted in days since 1970-01-01 with int64_t, never through
 * time_t or struct tm, so that 9999-12-31 is as easy as today. The one
 * place the C library is asked is local time (mktime, localtime_r), which
 * only it knows: "no offset" means the process's zone, as in git.
 */

#define SECS_PER_DAY 86400
#define MAX_OFFSET (23 * 60 + 59)
#define DAYS_MIN 0		/* 1970-01-01 */
#define DAYS_MAX 2932896	/* 9999-12-31 */
#define EPOCH_MAX INT64_C(253402300799)	/* 9999-12-31T23:59:59Z */
#define DUR_MAX 3660

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static int is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int acct_days_in_month(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

/* a / b rounded towards minus infinity, for b > 0. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if (a % b < 0)
		q--;
	return q;
}

static int is_digit(char c)
{
	/* Not isdigit(): no locale, no sign extension of a UTF-8 byte. */
	return c >= '0' && c <= '9';
}

/*
 * Read exactly `n` digits at `p` into `*out`; 0 if any is not a digit. A
 * NUL is not a digit, so this never reads past the end of a string.
 */
static int read_digits(const char *p, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (!is_digit(p[i]))
			return 0;
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	return 1;
}

/* Whether `s` starts with the shape "DDDD-DD-DD"; fills the three numbers. */
static int date_shape(const char *s, int *y, int *m, int *d)
{
	return read_digits(s, 4, y) && s[4] == '-' &&
	       read_digits(s + 5, 2, m) && s[7] == '-' &&
	       read_digits(s + 8, 2, d);
}

/*
 * Check the numbers of a well-shaped date whose text is the first ten
 * characters of `s`, and fill `out`. The text is not quoted in the messages
 * when it is a well-formed date that does not exist, as in
 * "2026-02-30 is not a date (February 2026 has 28 days)".
 */
static int date_check(struct acct_date *out, int y, int m, int d,
		      const char *s, struct acct_error *err)
{
	int dim;

	if (y < 1970)
		return acct_error_set(err, ACCT_EUSAGE,
				      "'%.10s' is out of range; years 1970 to 9999",
				      s);
	if (m < 1 || m > 12)
		return acct_error_set(err, ACCT_EUSAGE,
				      "%.10s is not a date (there is no month %d)",
				      s, m);
	dim = acct_days_in_month(y, m);
	if (d < 1)
		return acct_error_set(err, ACCT_EUSAGE,
				      "%.10s is not a date (there is no day 0)",
				      s);
	if (d > dim)
		return acct_error_set(err, ACCT_EUSAGE,
				      "%.10s is not a date (%s %d has %d days)",
				      s, month_names[m - 1], y, dim);
	out->year = y;
	out->month = m;
	out->day = d;
	return 0;
}

int acct_date_parse(struct acct_date *out, const char *s,
		    struct acct_error *err)
{
	int y, m, d;

	if (!s)
		s = "";
	if (!date_shape(s, &y, &m, &d) || s[10] != '\0')
		return acct_error_set(err, ACCT_EUSAGE,
				      "'%s' is not a date; use YYYY-MM-DD", s);
	return date_check(out, y, m, d, s, err);
}

/*
 * Howard Hinnant's days_from_civil() and civil_from_days()
 * (http://howardhinnant.github.io/date_algorithms.html): the proleptic
 * Gregorian calendar in eras of 400 years that start on March 1, so that
 * February, with its leap day, is the last month of a year.
 */
int64_t acct_date_to_days(const struct acct_date *d)
{
	int64_t y = d->year - (d->month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;				/* 0-399 */
	int64_t mp = d->month > 2 ? d->month - 3 : d->month + 9;	/* 0-11 */
	int64_t doy = (153 * mp + 2) / 5 + d->day - 1;		/* 0-365 */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* 0-146096 */

	return era * 146097 + doe - 719468;
}

void acct_date_from_days(struct acct_date *out, int64_t days)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);

	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->month = m;
	out->year = (int)(yoe + era * 400 + (m <= 2));
}

int acct_date_weekday(const struct acct_date *d)
{
	/* 1970-01-01 was a Thursday, 3 counting from Monday. */
	int64_t w = (acct_date_to_days(d) + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int acct_date_cmp(const struct acct_date *a, const struct acct_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

int acct_date_check_not_ahead(const struct acct_date *d,
			      const struct acct_date *today, const char *what,
			      struct acct_error *err)
{
	char day[ACCT_DATE_STRLEN], now[ACCT_DATE_STRLEN];

	if (acct_date_to_days(d) <= acct_date_to_days(today) + 1)
		return 0;
	acct_date_format(day, d);
	acct_date_format(now, today);
	acct_error_set(err, ACCT_EUSAGE, "%s %s is in the future (today is %s)",
		       what, day, now);
	acct_error_hint(err, "record what has happened, dated the day it "
			"happened; one day ahead is allowed, for time zones");
	return ACCT_EUSAGE;
}

void acct_date_format(char *out, const struct acct_date *d)
{
	int y = d->year;

	/* The digits by hand: the agenda writes thousands of dates. */
	if (y >= 0 && y <= 9999 && d->month >= 0 && d->month <= 99 &&
	    d->day >= 0 && d->day <= 99) {
		out[0] = (char)('0' + y / 1000);
		out[1] = (char)('0' + y / 100 % 10);
		out[2] = (char)('0' + y / 10 % 10);
		out[3] = (char)('0' + y % 10);
		out[4] = '-';
		out[5] = (char)('0' + d->month / 10);
		out[6] = (char)('0' + d->month % 10);
		out[7] = '-';
		out[8] = (char)('0' + d->day / 10);
		out[9] = (char)('0' + d->day % 10);
		out[10] = '\0';
		return;
	}
	/* snprintf bounds a date out of range rather than overrun `out`. */
	snprintf(out, ACCT_DATE_STRLEN, "%04d-%02d-%02d",
		 d->year, d->month, d->day);
}

enum offset_result { OFFSET_OK, OFFSET_SHAPE, OFFSET_RANGE };

/*
 * Parse the whole of `p` as "Z" or a sign and "hh:mm", "hhmm" or "hh"
 * into minutes east of UTC. With `hhmm_only`, only a sign and "hhmm", as
 * git writes it.
 */
static enum offset_result offset_parse(int *out, const char *p, int hhmm_only)
{
	int sign, h, m = 0;

	if (!hhmm_only && p[0] == 'Z' && p[1] == '\0') {
		*out = 0;
		return OFFSET_OK;
	}
	if (p[0] != '+' && p[0] != '-')
		return OFFSET_SHAPE;
	sign = p[0] == '-' ? -1 : 1;
	if (!read_digits(p + 1, 2, &h))
		return OFFSET_SHAPE;
	p += 3;
	if (*p == ':' && !hhmm_only) {
		if (!read_digits(p + 1, 2, &m))
			return OFFSET_SHAPE;
		p += 3;
	} else if (*p) {
		if (!read_digits(p, 2, &m))
			return OFFSET_SHAPE;
		p += 2;
	} else if (hhmm_only) {
		return OFFSET_SHAPE;
	}
	if (*p)
		return OFFSET_SHAPE;
	if (h > 23 || m > 59)
		return OFFSET_RANGE;
	*out = sign * (h * 60 + m);
	return OFFSET_OK;
}

int acct_time_local_offset(int64_t sec)
{
	time_t t = (time_t)sec;
	struct tm tm;
	long off;

	if (!localtime_r(&t, &tm))
		return 0;
	/*
	 * Whole minutes: the few zones whose offset had seconds (Monrovia's
	 * -0:44:30 until 1972) are truncated towards zero.
	 */
	off = tm.tm_gmtoff / 60;
	if (off > MAX_OFFSET)
		off = MAX_OFFSET;
	if (off < -MAX_OFFSET)
		off = -MAX_OFFSET;
	return (int)off;
}

/*
 * Resolve a local wall-clock time with mktime. tm_isdst = -1 lets the C
 * library decide whether summer time applies; a time skipped by a clock
 * change (02:30 on a spring-forward night) comes out as mktime normalises
 * it, usually an hour later.
 */
static int local_resolve(int64_t *out, const struct acct_date *d,
			 int hh, int mm, int ss)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = d->year - 1900;
	tm.tm_mon = d->month - 1;
	tm.tm_mday = d->day;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	tm.tm_isdst = -1;
	/* mktime leaves tm_wday alone on failure; -1 is also a valid time. */
	tm.tm_wday = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 && tm.tm_wday == -1)
		return -1;
	*out = (int64_t)t;
	return 0;
}

static int git_shape_error(const char *s, struct acct_error *err)
{
	return acct_error_set(err, ACCT_EUSAGE,
			      "'%s' is not a date git accepts; use '<epoch> +hhmm', '@<epoch>' or ISO 8601 (YYYY-MM-DDTHH:MM:SS+hh:mm)",
			      s);
}

/*
 * The ISO 8601 forms of acct_time_parse(). With `git`, also a space
 * before a numeric offset after a time ("2005-04-07 22:13:13 +0200", as
 * `git log --date=iso` writes it), which git accepts.
 */
static int iso_parse(struct acct_time *out, const char *s, int git,
		     struct acct_error *err)
{
	struct acct_date date = { 0, 0, 0 };
	const char *p;
	int y, m, d, hh = 0, mm = 0, ss = 0, off = 0, has_time = 0;
	int has_off = 0, rc;
	enum offset_result orc = OFFSET_OK;

	if (!date_shape(s, &y, &m, &d))
		goto shape;
	p = s + 10;
	if (*p == 'T' || *p == ' ') {
		if (!read_digits(p + 1, 2, &hh) || p[3] != ':' ||
		    !read_digits(p + 4, 2, &mm))
			goto shape;
		p += 6;
		if (*p == ':') {
			if (!read_digits(p + 1, 2, &ss))
				goto shape;
			p += 3;
		}
		has_time = 1;
	}
	if (git && has_time && p[0] == ' ' && (p[1] == '+' || p[1] == '-'))
		p++;
	if (*p) {
		orc = offset_parse(&off, p, 0);
		if (orc == OFFSET_SHAPE)
			goto shape;
		has_off = 1;
	}

	if ((rc = date_check(&date, y, m, d, s, err)) < 0)
		return rc;
	if (hh > 23)
		return acct_error_set(err, ACCT_EUSAGE,
				      "%s is not a time (there is no hour %d)",
				      s, hh);
	if (mm > 59)
		return acct_error_set(err, ACCT_EUSAGE,
				      "%s is not a time (there is no minute %d)",
				      s, mm);
	if (ss > 59)
		return acct_error_set(err, ACCT_EUSAGE,
				      "%s is not a time (there is no second %d)",
				      s, ss);
	if (orc == OFFSET_RANGE)
		return acct_error_set(err, ACCT_EUSAGE,
				      "%s is not a time (UTC offset '%s' is out of range; -23:59 to +23:59)",
				      s, p);

	if (has_off) {
		out->sec = acct_date_to_days(&date) * SECS_PER_DAY +
			   hh * 3600 + mm * 60 + ss - (int64_t)off * 60;
		out->off = off;
		return 0;
	}
	if (local_resolve(&out->sec, &date, hh, mm, ss) < 0)
		return acct_error_set(err, ACCT_EUSAGE,
				      "%s cannot be represented in local time",
				      s);
	out->off = acct_time_local_offset(out->sec);
	return 0;

shape:
	if (git)
		return git_shape_error(s, err);
	return acct_error_set(err, ACCT_EUSAGE,
			      "'%s' is not a time; use YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, optionally followed by Z or an offset such as +03:00",
			      s);
}

int acct_time_parse(struct acct_time *out, const char *s,
		    struct acct_error *err)
{
	return iso_parse(out, s ? s : "", 0, err);
}

int acct_date_parse_export(struct acct_date *out, const char *s)
{
	char iso[ACCT_DATE_STRLEN];
	size_t len = strlen(s);

	if (len == 10 && s[2] == '.' && s[5] == '.') {
		snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2s", s + 6, s + 3, s);
		return acct_date_parse(out, iso, NULL) < 0 ? -1 : 0;
	}
	if (len > 10 && (s[10] == ' ' || s[10] == 'T')) {
		struct acct_time t;

		if (acct_time_parse(&t, s, NULL) < 0)
			return -1;
		memcpy(iso, s, 10);
		iso[10] = '\0';
		return acct_date_parse(out, iso, NULL) < 0 ? -1 : 0;
	}
	return acct_date_parse(out, s, NULL) < 0 ? -1 : 0;
}

/* Whether the moment's own calendar date lies in 1970..9999. */
static int time_in_range(const struct acct_time *t)
{
	int64_t days = floor_div(t->sec + (int64_t)t->off * 60, SECS_PER_DAY);

	return days >= DAYS_MIN && days <= DAYS_MAX;
}

/* "<epoch> <+hhmm>", "@<epoch>" or "@<epoch> <+hhmm>", from `s`. */
static int epoch_parse(struct acct_time *out, const char *s,
		       struct acct_error *err)
{
	const char *p = s;
	int64_t sec = 0;
	int at = 0, off;
	enum offset_result orc;

	if (*p == '@') {
		at = 1;
		p++;
	}
	if (!is_digit(*p))
		goto shape;
	/* Digits only: no sign, no space, no "0x"; leading zeros are harmless. */
	for (; is_digit(*p); p++) {
		if (sec > EPOCH_MAX)
			continue;	/* keep reading; reported below */
		sec = sec * 10 + (*p - '0');
	}
	if (*p == '\0' && at) {
		/* "@<epoch>" alone is in local time, as git takes it. */
		if (sec > EPOCH_MAX)
			goto range;
		out->sec = sec;
		out->off = acct_time_local_offset(sec);
	} else if (*p == ' ') {
		orc = offset_parse(&off, p + 1, 1);
		if (orc == OFFSET_SHAPE)
			goto shape;
		if (orc == OFFSET_RANGE)
			return acct_error_set(err, ACCT_EUSAGE,
					      "%s is not a date (UTC offset '%s' is out of range; -2359 to +2359)",
					      s, p + 1);
		if (sec > EPOCH_MAX)
			goto range;
		out->sec = sec;
		out->off = off;
	} else {
		goto shape;
	}
	if (!time_in_range(out))
		goto range;
	return 0;

range:
	return acct_error_set(err, ACCT_EUSAGE,
			      "'%s' is out of range; years 1970 to 9999", s);
shape:
	return git_shape_error(s, err);
}

int acct_time_parse_git(struct acct_time *out, const char *s,
			struct acct_error *err)
{
	size_t n = 0;

	if (!s)
		s = "";
	/* ISO dates start "DDDD-"; anything else is meant as an epoch. */
	while (is_digit(s[n]))
		n++;
	if (n == 4 && s[4] == '-')
		return iso_parse(out, s, 1, err);
	return epoch_parse(out, s, err);
}

void acct_time_date(struct acct_date *out, const struct acct_time *t)
{
	acct_date_from_days(out, floor_div(t->sec + (int64_t)t->off * 60,
					   SECS_PER_DAY));
}

void acct_time_format(char *out, const struct acct_time *t)
{
	int64_t local = t->sec + (int64_t)t->off * 60;
	int64_t sod = local - floor_div(local, SECS_PER_DAY) * SECS_PER_DAY;
	unsigned hh = (unsigned)sod / 3600 % 24, mm = (unsigned)sod / 60 % 60;
	unsigned ss = (unsigned)sod % 60;
	/* The magnitude of the offset, kept to its documented bound. */
	unsigned off = (unsigned)(t->off < 0 ? -(int64_t)t->off : t->off);
	char date[ACCT_DATE_STRLEN], secs[4] = "";
	struct acct_date d;

	if (off > MAX_OFFSET)
		off = MAX_OFFSET;
	acct_time_date(&d, t);
	acct_date_format(date, &d);
	if (ss)
		snprintf(secs, sizeof(secs), ":%02u", ss);
	snprintf(out, ACCT_TIME_STRLEN, "%sT%02u:%02u%s%c%02u:%02u",
		 date, hh, mm, secs, t->off < 0 ? '-' : '+',
		 off / 60, off % 60);
}

int acct_duration_parse(struct acct_duration *out, const char *s,
			struct acct_error *err)
{
	const char *unit;
	size_t nd = 0;
	int n = 0;

	if (!s)
		s = "";
	while (is_digit(s[nd]))
		nd++;
	unit = s + nd;
	if (nd == 0)
		goto shape;
	if (!strcmp(unit, "d"))
		out->unit = ACCT_DUR_DAYS;
	else if (!strcmp(unit, "w"))
		out->unit = ACCT_DUR_WEEKS;
	else if (!strcmp(unit, "m"))
		out->unit = ACCT_DUR_MONTHS;
	else if (!strcmp(unit, "wd"))
		out->unit = ACCT_DUR_WORKDAYS;
	else
		goto shape;
	/*
	 * Leading zeros ("07d") are refused: a cadence has one spelling, so
	 * the config reads and greps the same everywhere, and "07" need not
	 * be guessed at as octal or a date fragment.
	 */
	if (nd > 1 && s[0] == '0')
		return acct_error_set(err, ACCT_EUSAGE,
				      "'%s' is not a duration; write the number without leading zeros",
				      s);
	if (nd > 4 || !read_digits(s, (int)nd, &n) || n < 1 || n > DUR_MAX)
		return acct_error_set(err, ACCT_EUSAGE,
				      "'%s' is out of range; N is 1 to %d",
				      s, DUR_MAX);
	out->n = n;
	return 0;

shape:
	return acct_error_set(err, ACCT_EUSAGE,
			      "'%s' is not a duration; use Nd, Nw, Nm or Nwd (days, weeks, months, working days)",
			      s);
}

static int is_holiday(const struct acct_date *d,
		      const struct acct_date *holidays, size_t nholidays)
{
	size_t i;

	for (i = 0; i < nholidays; i++)
		if (!acct_date_cmp(d, &holidays[i]))
			return 1;
	return 0;
}

int acct_date_is_workday(const struct acct_date *d,
			 const struct acct_date *holidays, size_t nholidays)
{
	return acct_date_weekday(d) < 5 && !is_holiday(d, holidays, nholidays);
}

void acct_date_add(struct acct_date *out, const struct acct_date *from,
		   const struct acct_duration *dur,
		   const struct acct_date *holidays, size_t nholidays)
{
	int64_t days = acct_date_to_days(from), total;
	struct acct_date d;
	int dim, left;

	switch (dur->unit) {
	case ACCT_DUR_DAYS:
		acct_date_from_days(out, days + dur->n);
		return;
	case ACCT_DUR_WEEKS:
		acct_date_from_days(out, days + (int64_t)dur->n * 7);
		return;
	case ACCT_DUR_MONTHS:
		total = (int64_t)from->year * 12 + (from->month - 1) + dur->n;
		d.year = (int)(total / 12);
		d.month = (int)(total % 12) + 1;
		dim = acct_days_in_month(d.year, d.month);
		d.day = from->day > dim ? dim : from->day;
		*out = d;
		return;
	case ACCT_DUR_WORKDAYS:
		/*
		 * The n-th working day strictly after `from`. A day at a time:
		 * n is at most 3660, and holidays are a short list.
		 */
		d = *from;
		for (left = dur->n; left > 0;) {
			/* The weekday from the day's number, as above. */
			int64_t wd = (++days + 3) % 7;

			if ((wd < 0 ? wd + 7 : wd) >= 5)
				continue;
			acct_date_from_days(&d, days);
			if (!is_holiday(&d, holidays, nholidays))
				left--;
		}
		*out = d;
		return;
	}
	*out = *from;
}
