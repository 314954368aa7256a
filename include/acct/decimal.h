#ifndef ACCT_DECIMAL_H
#define ACCT_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Exact decimals for money and counts (lib/decimal.c): a whole number of
 * ten-thousandths, and how many places to write, so that a sum prints as
 * its addends were written (148200.50 + 0.10 is 148200.60) and nothing
 * ever goes through binary floating point. At most 4 places; the value
 * stays within +-900 000 000 000 000.
 */

#define ACCT_DEC_PLACES 4
#define ACCT_DEC_ONE 10000		/* 10^ACCT_DEC_PLACES */
#define ACCT_DEC_STRLEN 32		/* "-900000000000000.0000" and NUL */

struct acct_dec {
	int64_t v;	/* the value times 10^4 */
	int places;	/* 0-4: the decimals to write */
};

/* How acct_dec_parse() reads separators. */
enum {
	/*
	 * The default, as people type a number: "." or "," is the decimal
	 * mark (one of them, once: "1,234.5" is refused as ambiguous), and
	 * spaces or no-break spaces group thousands: "1 200,50".
	 */
	ACCT_DEC_EN = 1,	/* "," groups thousands, "." is the mark */
	ACCT_DEC_ROUND = 2,	/* more than 4 places: round half to even */
};

/**
 * Parse `len` bytes of `s`: an optional sign ("-" or U+2212), digits
 * grouped or not, a decimal mark and up to 4 places. Returns 0, or -1
 * with `*why` (static text: "not a number", "both a comma and a point",
 * "more than 4 decimal places", "too large") when it is not one.
 */
int acct_dec_parse(struct acct_dec *out, const char *s, size_t len,
		   unsigned flags, const char **why);

/** a + b into `out`; -1 when the sum would be too large. */
int acct_dec_add(struct acct_dec *out, struct acct_dec a, struct acct_dec b);

/** a - b into `out`; -1 when the difference would be too large. */
int acct_dec_sub(struct acct_dec *out, struct acct_dec a, struct acct_dec b);

/** -1, 0 or 1 as a < b, a == b, a > b (whatever the places written). */
int acct_dec_cmp(struct acct_dec a, struct acct_dec b);

/**
 * a / b as a double, computed once from the exact values; -1 when b is
 * zero ("no data": never 0, inf or NaN).
 */
int acct_dec_ratio(double *out, struct acct_dec a, struct acct_dec b);

/**
 * Write `d` with exactly its places, "." as the mark, no grouping:
 * "148200.60", "-5", "0.0001". Returns `buf` (ACCT_DEC_STRLEN bytes).
 */
char *acct_dec_format(char *buf, struct acct_dec d);

/** The value of a whole number `n` (|n| within the range). */
struct acct_dec acct_dec_int(int64_t n);

#endif
