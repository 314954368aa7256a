/*
 * Exact decimals in jansson trees: a marked string in the tree, bare
 * digits in the JSON written (see include/acct/json.h).
 */
#include "acct/json.h"

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
