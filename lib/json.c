/*
 * Exact decimals in jansson trees: a marked string in the tree, bare
 * digits in the JSON written (see include/acct/json.h).
 */
#include "acct/json.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/banned.h"

/* How json_dumps() writes the mark: NUL as \u0000, then '#'. */
#define MARK_DUMPED "\\u0000#"

static int plain_number(const char *s)
{
	size_t i = *s == '-', digits = 0;

	for (; s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (!digits || (s[*s == '-'] == '0' && digits > 1))
		return 0;
	if (s[i] == '.') {
		for (digits = 0, i++; s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
		if (!digits)
			return 0;
	}
	return !s[i];
}

json_t *acct_json_decimal(const char *digits)
{
	struct acct_buf b = ACCT_BUF_INIT;
	json_t *v;

	if (!digits)
		return json_null();
	if (!plain_number(digits)) {
		if (strchr(digits, '.') || strchr(digits, 'e') ||
		    strchr(digits, 'E'))
			return json_real(strtod(digits, NULL));
		return json_integer(strtoll(digits, NULL, 10));
	}
	acct_buf_add(&b, "\0#", 2);
	acct_buf_addstr(&b, digits);
	v = json_stringn(b.buf, b.len);
	acct_buf_release(&b);
	return v;
}

int acct_json_decimal_digits(const json_t *v, const char **digits)
{
	const char *s = json_string_value(v);

	if (!s || json_string_length(v) < 3 || s[0] || s[1] != '#')
		return 0;
	*digits = s + 2;
	return 1;
}

int acct_json_number(const json_t *v, double *out)
{
	const char *digits;

	if (json_is_number(v)) {
		*out = json_number_value(v);
		return 1;
	}
	if (acct_json_decimal_digits(v, &digits)) {
		*out = strtod(digits, NULL);
		return 1;
	}
	return 0;
}

int acct_json_dump(struct acct_buf *out, const json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
			     JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY);
	const char *p, *m;

	if (!s)
		return -1;
	/* Each marked string, quotes and all, becomes its digits. */
	for (p = s; (m = strstr(p, "\"" MARK_DUMPED));) {
		const char *digits = m + 1 + strlen(MARK_DUMPED);
		const char *end = strchr(digits, '"');

		if (!end)
			break;
		acct_buf_add(out, p, (size_t)(m - p));
		acct_buf_add(out, digits, (size_t)(end - digits));
		p = end + 1;
	}
	acct_buf_addstr(out, p);
	free(s);
	return 0;
}

/*
 * Writing JSON without a jansson tree, byte for byte as acct_json_dump()
 * writes one (tests/unit/test_json.c compares them): jansson's rules,
 * from its utf8.c, dump.c and strconv.c (2.14).
 */

/* The bytes of a character that starts with `c`, 0 if none can. */
static size_t utf8_first(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c < 0xc2)
		return 0;	/* a continuation byte, or an overlong 2-byte */
	if (c < 0xe0)
		return 2;
	if (c < 0xf0)
		return 3;
	return c < 0xf5 ? 4 : 0;
}

int acct_json_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, k;
	uint32_t cp;

	while (i < len) {
		uint64_t w;

		/* Eight ASCII bytes at a time, most of any text. */
		if (len - i >= 8) {
			memcpy(&w, p + i, 8);
			if (!(w & UINT64_C(0x8080808080808080))) {
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (!(n = utf8_first(p[i])) || n > len - i)
			return 0;
		cp = p[i] & (0x7f >> n);
		for (k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		i += n;
	}
	return 1;
}

/* What a byte of a string becomes in JSON: 0 itself, 'u' \u00XX. */
static const char escapes[256] = {
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f', 'r',
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
	'u', 'u', 'u', 'u', ['"'] = '"', ['\\'] = '\\',
};

void acct_json_put_string(struct acct_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	char *w;

	/* At most 6 bytes a byte, and the quotes. */
	acct_buf_grow(out, len * 6 + 2);
	w = out->buf + out->len;
	*w++ = '"';
	while (p < end) {
		const unsigned char *run = p;
		char e;

		while (p < end && !escapes[*p])
			p++;
		memcpy(w, run, (size_t)(p - run));
		w += p - run;
		if (p == end)
			break;
		e = escapes[*p];
		*w++ = '\\';
		*w++ = e;
		if (e == 'u') {
			memcpy(w, "00", 2);
			w[2] = hex[*p >> 4];
			w[3] = hex[*p & 15];
			w += 4;
		}
		p++;
	}
	*w++ = '"';
	*w = '\0';
	out->len = (size_t)(w - out->buf);
}

int acct_json_put_real(struct acct_buf *out, double v)
{
	char num[32], *e, *from;
	int n;

	if (!isfinite(v))
		return -1;
	n = snprintf(num, sizeof(num), "%.15g", v);
	if (n < 0 || (size_t)n >= sizeof(num) - 3)
		return -1;
	/* A dot or an exponent, so that it reads back as a real. */
	if (!strchr(num, '.') && !strchr(num, 'e'))
		memcpy(num + n, ".0", 3);
	/* No '+' and no leading zeros in the exponent: 1e20, 1e-5. */
	if ((e = strchr(num, 'e'))) {
		e++;
		from = e + 1;
		if (*e == '-')
			e++;
		while (*from == '0')
			from++;
		if (from != e)
			memmove(e, from, strlen(from) + 1);
	}
	acct_buf_addstr(out, num);
	return 0;
}
