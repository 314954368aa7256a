/*
 * Dates, periods and amounts in the reader's language. Russian dates put
 * the month in the genitive ("23 ноября 2026"), a month on its own in the
 * nominative ("ноябрь 2026"); Russian numbers group digits with no-break
 * spaces from five digits on ("5000", "90 000", as Russian typography
 * does) and take a decimal comma.
 */
#include "acct/format.h"

#include <stdio.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/banned.h"

#define EN_DASH "\xe2\x80\x93"

static const char *const en_months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static const char *const ru_months[] = {
	"январь", "февраль", "март", "апрель", "май", "июнь", "июль",
	"август", "сентябрь", "октябрь", "ноябрь", "декабрь",
};

/* The genitive, as in "23 ноября". */
static const char *const ru_months_of[] = {
	"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
	"августа", "сентября", "октября", "ноября", "декабря",
};

/* Abbreviated as Russian dictionaries do; short months stay whole. */
static const char *const ru_months_short[] = {
	"янв.", "февр.", "марта", "апр.", "мая", "июня", "июля", "авг.",
	"сент.", "окт.", "нояб.", "дек.",
};

/* The same in the nominative, for a month on its own: "нояб. 2026". */
static const char *const ru_months_short_nom[] = {
	"янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.",
	"сент.", "окт.", "нояб.", "дек.",
};

static int is_ru(const char *locale)
{
	return locale && !strcmp(locale, "ru");
}

static int month_ok(int m)
{
	return m >= 1 && m <= 12;
}

const char *acct_plural(long n, const char *locale, const char *one,
			const char *few, const char *many)
{
	long r10, r100;

	if (n < 0)
		n = -n;
	if (!is_ru(locale))
		return n == 1 ? one : many;
	r10 = n % 10;
	r100 = n % 100;
	if (r10 == 1 && r100 != 11)
		return one;
	if (r10 >= 2 && r10 <= 4 && (r100 < 12 || r100 > 14))
		return few;
	return many;
}

/* "23 Nov" or "23 ноября" ("23 нояб." when short). */
static void day_month(struct acct_buf *out, const struct acct_date *d,
		      const char *locale, unsigned flags)
{
	if (!month_ok(d->month)) {
		acct_buf_addf(out, "%d", d->day);
		return;
	}
	if (is_ru(locale))
		acct_buf_addf(out, "%d %s", d->day, flags & ACCT_FORMAT_SHORT ?
			      ru_months_short[d->month - 1] :
			      ru_months_of[d->month - 1]);
	else
		acct_buf_addf(out, "%d %.3s", d->day, en_months[d->month - 1]);
}

void acct_format_date(struct acct_buf *out, const struct acct_date *d,
		      const char *locale)
{
	day_month(out, d, locale, 0);
	acct_buf_addf(out, " %d", d->year);
}

void acct_format_days(struct acct_buf *out, const struct acct_date *since,
		      const struct acct_date *until, const char *locale,
		      unsigned flags)
{
	int year = !(flags & ACCT_FORMAT_SHORT);

	if (acct_date_cmp(since, until) == 0) {
		day_month(out, since, locale, flags);
	} else if (since->year == until->year && since->month == until->month) {
		acct_buf_addf(out, "%d" EN_DASH, since->day);
		day_month(out, until, locale, flags);
	} else if (since->year == until->year || !year) {
		day_month(out, since, locale, flags);
		acct_buf_addstr(out, " " EN_DASH " ");
		day_month(out, until, locale, flags);
	} else {
		acct_format_date(out, since, locale);
		acct_buf_addstr(out, " " EN_DASH " ");
		acct_format_date(out, until, locale);
		return;
	}
	if (year)
		acct_buf_addf(out, " %d", until->year);
}

void acct_format_month(struct acct_buf *out, int year, int month,
		       const char *locale, unsigned flags)
{
	int shrt = flags & ACCT_FORMAT_SHORT;

	if (!month_ok(month))
		acct_buf_addf(out, "%d", year);
	else if (is_ru(locale))
		acct_buf_addf(out, "%s %d", shrt ? ru_months_short_nom[month - 1]
				     : ru_months[month - 1], year);
	else
		acct_buf_addf(out, "%.*s %d", shrt ? 3 : 20,
			      en_months[month - 1], year);
}

static const char *const roman[] = { "I", "II", "III", "IV" };

void acct_format_quarter(struct acct_buf *out, int year, int quarter,
			 const char *locale)
{
	if (quarter < 1 || quarter > 4)
		acct_buf_addf(out, "%d", year);
	else if (is_ru(locale))
		acct_buf_addf(out, "%s кв. %d", roman[quarter - 1], year);
	else
		acct_buf_addf(out, "Q%d %d", quarter, year);
}

/* The ISO week's number from a label "2026-W47"; 0 if there is none. */
static int week_number(const char *label)
{
	const char *w = strstr(label, "-W");
	int n = 0;

	if (!w)
		return 0;
	for (w += 2; *w >= '0' && *w <= '9'; w++)
		n = n * 10 + (*w - '0');
	return n;
}

void acct_format_period(struct acct_buf *out, const struct acct_period *p,
			const char *locale)
{
	int ru = is_ru(locale), q;

	switch (p->kind) {
	case ACCT_PERIOD_WEEK:
		acct_buf_addf(out, ru ? "неделя %d (" : "week %d (",
			      week_number(p->label));
		acct_format_days(out, &p->since, &p->until, locale, 0);
		acct_buf_addch(out, ')');
		break;
	case ACCT_PERIOD_MONTH:
		if (month_ok(p->since.month))
			acct_format_month(out, p->since.year, p->since.month,
					  locale, 0);
		break;
	case ACCT_PERIOD_QUARTER:
		q = ACCT_QUARTER(p->since.month);
		if (ru)
			acct_buf_addf(out, "%s квартал %d", roman[q - 1],
				      p->since.year);
		else
			acct_format_quarter(out, p->since.year, q, locale);
		break;
	case ACCT_PERIOD_YEAR:
		acct_buf_addf(out, ru ? "%d год" : "%d", p->since.year);
		break;
	case ACCT_PERIOD_ALL:
		acct_buf_addstr(out, ru ? "всё время" : "all time");
		break;
	case ACCT_PERIOD_RANGE:
	default:
		acct_format_days(out, &p->since, &p->until, locale, 0);
		break;
	}
}

void acct_format_number(struct acct_buf *out, const char *digits,
			const char *locale)
{
	const char *p = digits, *whole, *end;
	size_t n, i;
	int ru = is_ru(locale);

	if (*p == '-')
		p++;
	whole = p;
	while (*p >= '0' && *p <= '9')
		p++;
	end = p;
	n = (size_t)(end - whole);
	if (!n || (*p && (*p != '.' || !p[1] || strspn(p + 1, "0123456789") !=
					     strlen(p + 1)))) {
		acct_buf_addstr(out, digits);
		return;
	}
	if (*digits == '-')
		acct_buf_addch(out, '-');
	for (i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0 && (!ru || n > 4))
			acct_buf_addstr(out, ru ? ACCT_NBSP : ",");
		acct_buf_addch(out, whole[i]);
	}
	if (*end == '.') {
		acct_buf_addch(out, ru ? ',' : '.');
		acct_buf_addstr(out, end + 1);
	}
}

static const char *const signs[][2] = {
	{ "RUB", "\xe2\x82\xbd" },	/* ₽ */
	{ "USD", "$" },
	{ "EUR", "\xe2\x82\xac" },	/* € */
	{ "GBP", "\xc2\xa3" },		/* £ */
};

void acct_format_amount(struct acct_buf *out, const char *digits,
			const char *currency, const char *locale)
{
	const char *sign = NULL;
	size_t i;

	for (i = 0; currency && i < sizeof(signs) / sizeof(*signs); i++)
		if (!strcmp(signs[i][0], currency))
			sign = signs[i][1];
	if (is_ru(locale)) {
		acct_format_number(out, digits, locale);
		if (sign || currency)
			acct_buf_addf(out, ACCT_NBSP "%s", sign ? sign : currency);
		return;
	}
	/* English puts $, € and £ first; a rouble's sign would be unknown
	 * to most readers, so other currencies show their code. */
	if (sign && strcmp(currency, "RUB"))
		acct_buf_addstr(out, sign);
	else if (currency)
		acct_buf_addf(out, "%s" ACCT_NBSP, currency);
	acct_format_number(out, digits, locale);
}
