#ifndef ACCT_FORMAT_H
#define ACCT_FORMAT_H

#include "acct/date.h"
#include "acct/period.h"

struct acct_buf;

/*
 * Dates, periods, amounts and counted words as a reader of the locale
 * writes them ("en" or "ru"; anything but "ru" is English). For what
 * people read: JSON keeps ISO dates and plain numbers.
 */

/** No-break space (U+00A0): groups of digits, a currency's sign. */
#define ACCT_NBSP "\xc2\xa0"

enum acct_format_flags {
	/* Short: no year, the month abbreviated ("16–22 Nov", "16–22 нояб."). */
	ACCT_FORMAT_SHORT = 1 << 0,
};

/**
 * The word for `n` things: English `one` for 1, else `many`; Russian
 * `one` (1, 21, 101 ...), `few` (2-4, 22-24 ...) or `many` (5-20, 25 ...,
 * 11-14).
 */
const char *acct_plural(long n, const char *locale, const char *one,
			const char *few, const char *many);

/** "23 Nov 2026", "23 ноября 2026". */
void acct_format_date(struct acct_buf *out, const struct acct_date *d,
		      const char *locale);

/**
 * A run of days, the month and year said once where they are shared:
 * "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "29 Dec 2025 – 4 Jan 2026"
 * ("16–22 ноября 2026" ...); one day as acct_format_date().
 */
void acct_format_days(struct acct_buf *out, const struct acct_date *since,
		      const struct acct_date *until, const char *locale,
		      unsigned flags);

/**
 * A period in words: "week 47 (16–22 Nov 2026)", "November 2026", "Q4
 * 2026", "2026", a range as its days, "all time"; in Russian "неделя 47
 * (16–22 ноября 2026)", "ноябрь 2026", "IV квартал 2026", "2026 год",
 * "всё время". Lowercase: it is meant to follow "Period:".
 */
void acct_format_period(struct acct_buf *out, const struct acct_period *p,
			const char *locale);

/**
 * A month of `year`: "November 2026", "ноябрь 2026"; with
 * ACCT_FORMAT_SHORT "Nov 2026", "нояб. 2026" (short months stay whole:
 * "май 2026").
 */
void acct_format_month(struct acct_buf *out, int year, int month,
		       const char *locale, unsigned flags);

/** A quarter, short: "Q4 2026", "IV кв. 2026". */
void acct_format_quarter(struct acct_buf *out, int year, int quarter,
			 const char *locale);

/**
 * A plain number as written ("90000", "18900.5", "-3", "4.33") with its
 * digits grouped and the locale's decimal mark: "90,000", "4.33";
 * "90 000", "4,33" (no-break spaces, and a four-digit whole part is not
 * grouped in Russian: "5000"). Text that is not such a number is copied.
 */
void acct_format_number(struct acct_buf *out, const char *digits,
			const char *locale);

/**
 * An amount with its currency (ISO 4217, or NULL for none). English:
 * "$90,000", "€90,000", "£90,000", else the code first ("RUB 90,000");
 * Russian: the number, then the sign where the currency has one ("90 000
 * ₽", "90 000 $") or the code ("90 000 KZT"). The space before a sign or
 * code is a no-break one.
 */
void acct_format_amount(struct acct_buf *out, const char *digits,
			const char *currency, const char *locale);

#endif
