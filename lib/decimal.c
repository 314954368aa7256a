/*
 * Exact decimals: parsed from what people and ad platforms write, summed
 * as integers of ten-thousandths, written back with their own places.
 */
#include "acct/decimal.h"

#include <stdio.h>
#include <string.h>

#include "acct/i18n.h"
#include "acct/banned.h"

#define DEC_MAX INT64_C(9000000000000000000)	/* 900 000 000 000 000.0000 */

static size_t space_at(const char *s, size_t i, size_t len)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (i < len && s[i] == ' ')
		return 1;
	if (i + 1 < len && u[0] == 0xc2 && u[1] == 0xa0)	/* U+00A0 */
		return 2;
	if (i + 2 < len && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] == 0xaf || u[2] == 0x89))	/* U+202F, U+2009 */
		return 3;
	return 0;
}

int acct_dec_parse(struct acct_dec *out, const char *s, size_t len,
		   unsigned flags, const char **why)
{
	static const char *const not_number = N_("not a number");
	uint64_t whole = 0, frac = 0;
	size_t i = 0, k, group = 0, groups = 0, places = 0, digits = 0;
	int neg = 0, rounded_up = 0;
	char sep = 0, mark = 0;

	*why = not_number;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < len && s[i] == '-') {
		neg = 1;
		i++;
	} else if (i + 2 < len && !memcmp(s + i, "\xe2\x88\x92", 3)) {
		neg = 1;
		i += 3;
	} else if (i < len && s[i] == '+') {
		i++;
	}
	/* The whole part, grouped by one kind of separator or not at all. */
	for (; i < len; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9') {
			if (whole > (uint64_t)(DEC_MAX / ACCT_DEC_ONE)) {
				*why = N_("too large");
				return -1;
			}
			whole = whole * 10 + (uint64_t)(c - '0');
			group++;
			digits++;
			continue;
		}
		k = space_at(s, i, len);
		if (k || (c == ',' && (flags & ACCT_DEC_EN))) {
			char kind = k ? ' ' : ',';

			/* A group: 1-3 digits first, then exactly 3. */
			if (!group || (sep && sep != kind) || group > 3 ||
			    (groups && group != 3))
				return -1;
			sep = kind;
			groups++;
			group = 0;
			i += k ? k - 1 : 0;
			continue;
		}
		if (c == '.' || (c == ',' && !(flags & ACCT_DEC_EN))) {
			mark = c;
			i++;
			break;
		}
		return -1;
	}
	if (!digits || (groups && group != 3))
		return -1;
	for (; i < len; i++) {
		char c = s[i];

		if (c == '.' || c == ',') {
			*why = (c == '.') != (mark == '.') ?
			       N_("both a comma and a point") : not_number;
			return -1;
		}
		if (c < '0' || c > '9')
			return -1;
		if (places < ACCT_DEC_PLACES) {
			frac = frac * 10 + (uint64_t)(c - '0');
		} else if (!(flags & ACCT_DEC_ROUND)) {
			*why = N_("more than 4 decimal places");
			return -1;
		} else if (places == ACCT_DEC_PLACES) {
			/* Half to even, the rest of the digits deciding a tie. */
			size_t j;
			int rest = 0;

			for (j = i + 1; j < len; j++)
				if (s[j] >= '1' && s[j] <= '9')
					rest = 1;
			if (c > '5' || (c == '5' && (rest || frac % 2)))
				rounded_up = 1;
		}
		places++;
	}
	if (mark && !places)
		return -1;
	if (places > ACCT_DEC_PLACES)
		places = ACCT_DEC_PLACES;
	for (k = places; k < ACCT_DEC_PLACES; k++)
		frac *= 10;
	frac += (uint64_t)rounded_up;
	if (whole * ACCT_DEC_ONE + frac > (uint64_t)DEC_MAX) {
		*why = N_("too large");
		return -1;
	}
	out->v = (int64_t)(whole * ACCT_DEC_ONE + frac);
	if (neg)
		out->v = -out->v;
	out->places = (int)places;
	*why = NULL;
	return 0;
}

static int in_range(int64_t v)
{
	return v <= DEC_MAX && v >= -DEC_MAX;
}

int acct_dec_add(struct acct_dec *out, struct acct_dec a, struct acct_dec b)
{
	int64_t v;

	/* Two values in range can still pass int64's: check first. */
	if ((b.v > 0 && a.v > INT64_MAX - b.v) ||
	    (b.v < 0 && a.v < INT64_MIN - b.v))
		return -1;
	v = a.v + b.v;
	if (!in_range(v))
		return -1;
	out->v = v;
	out->places = a.places > b.places ? a.places : b.places;
	return 0;
}

int acct_dec_sub(struct acct_dec *out, struct acct_dec a, struct acct_dec b)
{
	b.v = -b.v;
	return acct_dec_add(out, a, b);
}

int acct_dec_cmp(struct acct_dec a, struct acct_dec b)
{
	return (a.v > b.v) - (a.v < b.v);
}

int acct_dec_ratio(double *out, struct acct_dec a, struct acct_dec b)
{
	if (!b.v)
		return -1;
	*out = (double)a.v / (double)b.v;
	return 0;
}

char *acct_dec_format(char *buf, struct acct_dec d)
{
	uint64_t u = d.v < 0 ? (uint64_t)0 - (uint64_t)d.v : (uint64_t)d.v;
	uint64_t whole = u / ACCT_DEC_ONE, frac = u % ACCT_DEC_ONE;
	int places = d.places < 0 ? 0 : d.places > ACCT_DEC_PLACES ?
		     ACCT_DEC_PLACES : d.places, k;
	char f[ACCT_DEC_PLACES + 1];

	/* Places fewer than the value has (never made so here): widen. */
	while (places < ACCT_DEC_PLACES) {
		uint64_t p = 1;

		for (k = places; k < ACCT_DEC_PLACES; k++)
			p *= 10;
		if (frac % p == 0)
			break;
		places++;
	}
	snprintf(f, sizeof(f), "%04llu", (unsigned long long)frac);
	f[places] = '\0';
	snprintf(buf, ACCT_DEC_STRLEN, "%s%llu%s%s", d.v < 0 ? "-" : "",
		 (unsigned long long)whole, places ? "." : "", f);
	return buf;
}

struct acct_dec acct_dec_int(int64_t n)
{
	struct acct_dec d = { n * ACCT_DEC_ONE, 0 };

	return d;
}
