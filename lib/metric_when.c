/*
 * Periods as ad platforms and analytics tools write them in a cell or a
 * title line: days, ISO weeks and months, in digits or in English or
 * Russian words (lib/metric_import.c reads the rest of the export).
 */
#include "metric_import_int.h"

#include <stdio.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/period.h"
#include "acct/banned.h"

static const char *const months_en[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
};
static const char *const months_ru[12] = {
	"январь", "февраль", "март", "апрель", "май", "июнь", "июль",
	"август", "сентябрь", "октябрь", "ноябрь", "декабрь",
};
static const char *const months_ru_of[12] = {
	"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
	"августа", "сентября", "октября", "ноября", "декабря",
};

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int number(const char *s, size_t n)
{
	int v = 0;

	while (n--)
		v = v * 10 + (*s++ - '0');
	return v;
}

static int valid_day(struct acct_date *out, int y, int m, int d)
{
	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > acct_days_in_month(y, m))
		return -1;
	*out = (struct acct_date){ y, m, d };
	return 0;
}

static void set_month(struct metric_when *w, int y, int m)
{
	w->grain = ACCT_METRIC_MONTH;
	w->since = (struct acct_date){ y, m, 1 };
	w->until = (struct acct_date){ y, m, acct_days_in_month(y, m) };
}

static void set_day(struct metric_when *w, const struct acct_date *d)
{
	w->grain = ACCT_METRIC_DAY;
	w->since = w->until = *d;
}

static void set_week_of(struct metric_when *w, const struct acct_date *d)
{
	struct acct_period p;

	acct_period_of(&p, ACCT_PERIOD_WEEK, d);
	w->grain = ACCT_METRIC_WEEK;
	w->since = p.since;
	w->until = p.until;
}

/*
 * A month's name, English or Russian, whole or cut to 3 letters or more
 * ("Nov", "Sept", "нояб."), or Russian in the genitive ("ноября"), case
 * folded: 1-12 (`*of` says genitive), or 0.
 */
static int month_word(const char *w, size_t n, int *of)
{
	int i;

	if (n && w[n - 1] == '.')
		n--;
	*of = 0;
	for (i = 0; i < 12; i++) {
		if (n >= 3 && n <= strlen(months_en[i]) &&
		    !strncmp(w, months_en[i], n))
			return i + 1;
		/* Cyrillic letters are 2 bytes each. */
		if (n >= 6 && n % 2 == 0 && n <= strlen(months_ru[i]) &&
		    !strncmp(w, months_ru[i], n))
			return i + 1;
		if (n == strlen(months_ru_of[i]) && !strncmp(w, months_ru_of[i], n)) {
			*of = 1;
			return i + 1;
		}
	}
	return 0;
}

/*
 * The forms with words, on the folded text: "November 2026", "ноябрь
 * 2026 г.", "Nov 20, 2026", "20 ноября 2026", "20 Nov 2026".
 */
static int parse_words(struct metric_when *out, const char *s)
{
	struct acct_buf f = ACCT_BUF_INIT;
	const char *tok[4];
	size_t len[4], n = 0, i = 0;
	int rc = -1, of, m, d;
	struct acct_date day;

	metric_norm(&f, s, strlen(s));
	while (i < f.len) {
		size_t start;

		while (i < f.len && (f.buf[i] == ' ' || f.buf[i] == ','))
			i++;
		if (i == f.len)
			break;
		start = i;
		while (i < f.len && f.buf[i] != ' ' && f.buf[i] != ',')
			i++;
		if (n == 4)
			goto out;
		tok[n] = f.buf + start;
		len[n++] = i - start;
	}
	/* A year's "г." or "года" after it. */
	if (n && ((len[n - 1] == 2 && !memcmp(tok[n - 1], "г", 2)) ||
		  (len[n - 1] == 3 && !memcmp(tok[n - 1], "г.", 3)) ||
		  (len[n - 1] == 8 && !memcmp(tok[n - 1], "года", 8))))
		n--;
	if (n < 2 || len[n - 1] != 4 || !all_digits(tok[n - 1], 4))
		goto out;
	if (n == 2 && (m = month_word(tok[0], len[0], &of)) && !of) {
		if (number(tok[1], 4) >= 1970)
			set_month(out, number(tok[1], 4), m);
		rc = number(tok[1], 4) >= 1970 ? 0 : -1;
		goto out;
	}
	if (n != 3)
		goto out;
	if ((m = month_word(tok[0], len[0], &of)) && len[1] <= 2 &&
	    all_digits(tok[1], len[1]))
		d = number(tok[1], len[1]);
	else if ((m = month_word(tok[1], len[1], &of)) && len[0] <= 2 &&
		 all_digits(tok[0], len[0]))
		d = number(tok[0], len[0]);
	else
		goto out;
	if (valid_day(&day, number(tok[2], 4), m, d) == 0) {
		set_day(out, &day);
		rc = 0;
	}
out:
	acct_buf_release(&f);
	return rc;
}

/* A day in any form: 2026-11-20 (14:33), 20.11.2026, 20261120, Nov 20, 2026. */
static int parse_day(struct acct_date *out, const char *s)
{
	size_t len = strlen(s);
	struct metric_when w;

	if (len == 8 && all_digits(s, 8))
		return valid_day(out, number(s, 4), number(s + 4, 2),
				 number(s + 6, 2));
	if (acct_date_parse_export(out, s) == 0)
		return 0;
	if (parse_words(&w, s) == 0 && w.grain == ACCT_METRIC_DAY) {
		*out = w.since;
		return 0;
	}
	return -1;
}

int metric_when_of_range(struct metric_when *out, const struct acct_date *since,
			 const struct acct_date *until)
{
	out->since = *since;
	out->until = *until;
	if (!acct_date_cmp(since, until)) {
		out->grain = ACCT_METRIC_DAY;
		return 0;
	}
	if (acct_date_weekday(since) == 0 &&
	    acct_date_to_days(until) == acct_date_to_days(since) + 6) {
		out->grain = ACCT_METRIC_WEEK;
		return 0;
	}
	if (since->day == 1 && until->year == since->year &&
	    until->month == since->month &&
	    until->day == acct_days_in_month(since->year, since->month)) {
		out->grain = ACCT_METRIC_MONTH;
		return 0;
	}
	return -1;
}

/* "A - B": a range that is one day, one ISO week or one month. */
static int parse_range(struct metric_when *out, const char *s)
{
	static const char *const dashes[] = { " - ", " \xe2\x80\x93 ",
					      " \xe2\x80\x94 " };
	char a[64], b[64];
	const char *d = NULL;
	struct acct_date x, y;
	size_t i, dl = 0;

	for (i = 0; i < 3 && !d; i++)
		if ((d = strstr(s, dashes[i])))
			dl = strlen(dashes[i]);
	if (!d || (size_t)(d - s) >= sizeof(a) || strlen(d + dl) >= sizeof(b))
		return -1;
	memcpy(a, s, (size_t)(d - s));
	a[d - s] = '\0';
	snprintf(b, sizeof(b), "%s", d + dl);
	if (parse_day(&x, metric_trim(a)) < 0 ||
	    parse_day(&y, metric_trim(b)) < 0)
		return -1;
	return metric_when_of_range(out, &x, &y);
}

int metric_when_parse(struct metric_when *out, const char *s,
		      enum metric_hint hint)
{
	size_t len = strlen(s);
	struct acct_date d;
	int y, m;

	if (len == 8 && s[4] == '-' && (s[5] == 'W' || s[5] == 'w') &&
	    all_digits(s, 4) && all_digits(s + 6, 2)) {
		struct acct_period p;
		struct acct_date any = { 2026, 1, 1 };
		char up[9];

		memcpy(up, s, 9);
		up[5] = 'W';
		if (acct_period_parse(&p, up, &any, 0, NULL) < 0)
			return -1;
		out->grain = ACCT_METRIC_WEEK;
		out->since = p.since;
		out->until = p.until;
		return hint == METRIC_HINT_MONTH ? -1 : 0;
	}
	if (len == 7 && ((s[4] == '-' && all_digits(s, 4) &&
			  all_digits(s + 5, 2)) ||
			 (s[2] == '.' && all_digits(s, 2) &&
			  all_digits(s + 3, 4)))) {
		y = s[4] == '-' ? number(s, 4) : number(s + 3, 4);
		m = s[4] == '-' ? number(s + 5, 2) : number(s, 2);
		if (valid_day(&d, y, m, 1) < 0)
			return -1;
		set_month(out, y, m);
		return hint == METRIC_HINT_WEEK ? -1 : 0;
	}
	if (len == 6 && all_digits(s, 6)) {
		if (valid_day(&d, number(s, 4), number(s + 4, 2), 1) < 0)
			return -1;
		set_month(out, d.year, d.month);
		return hint == METRIC_HINT_WEEK ? -1 : 0;
	}
	if (parse_day(&d, s) == 0) {
		if (hint == METRIC_HINT_MONTH)
			set_month(out, d.year, d.month);
		else if (hint == METRIC_HINT_WEEK)
			set_week_of(out, &d);
		else
			set_day(out, &d);
		return 0;
	}
	if (parse_words(out, s) < 0 && parse_range(out, s) < 0)
		return -1;
	if ((out->grain == ACCT_METRIC_MONTH && hint == METRIC_HINT_WEEK) ||
	    (out->grain == ACCT_METRIC_WEEK && hint == METRIC_HINT_MONTH))
		return -1;
	if (out->grain == ACCT_METRIC_DAY && hint == METRIC_HINT_MONTH)
		set_month(out, out->since.year, out->since.month);
	else if (out->grain == ACCT_METRIC_DAY && hint == METRIC_HINT_WEEK)
		set_week_of(out, &out->since);
	return 0;
}

void metric_when_label(char out[ACCT_METRIC_PERIODLEN],
		       const struct metric_when *w)
{
	struct acct_period p;

	switch (w->grain) {
	case ACCT_METRIC_DAY:
		acct_date_format(out, &w->since);
		break;
	case ACCT_METRIC_WEEK:
		acct_period_of(&p, ACCT_PERIOD_WEEK, &w->since);
		snprintf(out, ACCT_METRIC_PERIODLEN, "%.15s", p.label);
		break;
	case ACCT_METRIC_MONTH:
	default:
		snprintf(out, ACCT_METRIC_PERIODLEN, "%04d-%02d",
			 w->since.year % 10000, w->since.month % 100);
		break;
	}
}

const char *metric_grain_name(enum acct_metric_grain g, int plural)
{
	static const char *const names[][2] = {
		{ "a day", "days" }, { "a week", "weeks" },
		{ "a month", "months" },
	};

	return names[g][plural];
}

/* --- dates in a title ------------------------------------------------ */

static void widen(struct metric_span *span, const struct acct_date *d)
{
	if (!span->any || acct_date_cmp(d, &span->since) < 0)
		span->since = *d;
	if (!span->any || acct_date_cmp(d, &span->until) > 0)
		span->until = *d;
	span->any = 1;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A letter, ASCII or any byte of a character that is not ASCII. */
static int is_letter(char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	       (unsigned char)c >= 0x80;
}

static size_t digits_at(const char *s, size_t len, size_t i)
{
	size_t n = 0;

	while (i + n < len && is_digit(s[i + n]))
		n++;
	return n;
}

/* The words form that spans s[i..j): a day, or -1. */
static int words_day(struct acct_date *out, const char *s, size_t i, size_t j)
{
	struct metric_when w;
	char buf[64];

	if (j - i >= sizeof(buf))
		return -1;
	memcpy(buf, s + i, j - i);
	buf[j - i] = '\0';
	if (parse_words(&w, buf) < 0 || w.grain != ACCT_METRIC_DAY)
		return -1;
	*out = w.since;
	return 0;
}

/*
 * The length of a date that starts at `i`, which begins a number or a
 * word: 01.11.2026, 2026-11-01, 20261101 (GA4's "# Start date:
 * 20261101"), "November 1, 2026" or "1 ноября 2026"; or 0.
 */
static size_t date_at(struct acct_date *d, const char *s, size_t len,
		      size_t i)
{
	size_t run = digits_at(s, len, i), j, k;

	if (run == 8 && valid_day(d, number(s + i, 4), number(s + i + 4, 2),
				  number(s + i + 6, 2)) == 0)
		return 8;
	if (run == 2 && i + 10 <= len && s[i + 2] == '.' && s[i + 5] == '.' &&
	    digits_at(s, len, i + 3) == 2 && digits_at(s, len, i + 6) == 4 &&
	    valid_day(d, number(s + i + 6, 4), number(s + i + 3, 2),
		      number(s + i, 2)) == 0)
		return 10;
	if (run == 4 && i + 10 <= len && s[i + 4] == '-' && s[i + 7] == '-' &&
	    digits_at(s, len, i + 5) == 2 && digits_at(s, len, i + 8) == 2 &&
	    valid_day(d, number(s + i, 4), number(s + i + 5, 2),
		      number(s + i + 8, 2)) == 0)
		return 10;
	if (run > 2)
		return 0;
	/* Words and numbers: "1 ноября 2026", "November 1, 2026". */
	j = i + run;
	for (k = 0; k < 3 && j < len; k++) {
		while (j < len && (s[j] == ' ' || s[j] == ','))
			j++;
		if (j < len && is_digit(s[j]))
			j += digits_at(s, len, j);
		else if (j < len && is_letter(s[j]))
			while (j < len && (is_letter(s[j]) || s[j] == '.'))
				j++;
		else
			break;
		if (words_day(d, s, i, j) == 0)
			return j - i;
	}
	return 0;
}

void metric_title_dates(struct metric_span *span, const char *s, size_t len)
{
	struct acct_date d;
	size_t i = 0, n;

	while (i < len) {
		if ((is_digit(s[i]) && (!i || !is_digit(s[i - 1]))) ||
		    (is_letter(s[i]) && (!i || !is_letter(s[i - 1])))) {
			if ((n = date_at(&d, s, len, i))) {
				widen(span, &d);
				i += n;
				continue;
			}
		}
		i++;
	}
}
