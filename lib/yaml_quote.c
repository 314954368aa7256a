#include "acct/yaml.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "acct/buf.h"
#include "acct/banned.h"

/* Words YAML 1.1 tools read as null, bool, merge key or value key. */
static const char *const special_words[] = {
	"<<", "=", "~", "false", "n", "no", "null", "off", "on", "true", "y",
	"yes",
};

static int is_special_word(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(special_words) / sizeof(*special_words); i++)
		if (strlen(special_words[i]) == len &&
		    !strncasecmp(special_words[i], s, len))
			return 1;
	return 0;
}

/*
 * Could another YAML tool read this as a number, a date or a time? We do
 * not need to be exact: anything starting like a number is quoted.
 */
static int looks_typed(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];

	if (c >= '0' && c <= '9')
		return 1;
	if ((c == '+' || c == '-' || c == '.') && len > 1)
		return 1;
	return 0;
}

/* Decode one UTF-8 sequence; invalid bytes decode as themselves. */
static uint32_t decode(const unsigned char *s, size_t len, size_t *n)
{
	if (s[0] < 0x80 || len < 2)
		return *n = 1, s[0];
	if ((s[0] & 0xe0) == 0xc0)
		return *n = 2, ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
	if ((s[0] & 0xf0) == 0xe0 && len >= 3)
		return *n = 3, ((uint32_t)(s[0] & 0x0f) << 12) |
			((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
	if ((s[0] & 0xf8) == 0xf0 && len >= 4)
		return *n = 4, ((uint32_t)(s[0] & 0x07) << 18) |
			((uint32_t)(s[1] & 0x3f) << 12) |
			((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
	return *n = 1, s[0];
}

/* Characters that cannot stand raw in a YAML scalar (breaks, controls). */
static int needs_escape(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
	       cp == 0xfffe || cp == 0xffff;
}

static int plain_ok(const char *s, size_t len, unsigned flags)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n;

	if (!len || strchr("-?:,[]{}#&*!|>'\"%@`. \t", s[0]))
		return 0;
	if (s[len - 1] == ' ' || s[len - 1] == ':')
		return 0;
	if (!(flags & ACCT_YQ_TYPED) &&
	    (is_special_word(s, len) || looks_typed(s, len)))
		return 0;
	for (i = 0; i < len; i += n) {
		uint32_t cp = decode(u + i, len - i, &n);

		if (needs_escape(cp))
			return 0;
		if (cp == ':' && i + 1 < len && s[i + 1] == ' ')
			return 0;
		if (cp == '#' && i > 0 && s[i - 1] == ' ')
			return 0;
		if ((flags & ACCT_YQ_FLOW) && cp < 0x80 && cp &&
		    strchr(",[]{}", (int)cp))
			return 0;
	}
	return 1;
}

void acct_yaml_quote(struct acct_buf *out, const char *value, size_t len,
		     unsigned flags)
{
	const unsigned char *u = (const unsigned char *)value;
	size_t i, n;

	if (plain_ok(value, len, flags)) {
		acct_buf_add(out, value, len);
		return;
	}
	acct_buf_addch(out, '"');
	for (i = 0; i < len; i += n) {
		uint32_t cp = decode(u + i, len - i, &n);

		if (cp == '"' || cp == '\\') {
			acct_buf_addch(out, '\\');
			acct_buf_addch(out, (int)cp);
		} else if (cp == '\n') {
			acct_buf_addstr(out, "\\n");
		} else if (cp == '\t') {
			acct_buf_addstr(out, "\\t");
		} else if (cp == '\r') {
			acct_buf_addstr(out, "\\r");
		} else if (cp == 0x2028) {
			acct_buf_addstr(out, "\\L");
		} else if (cp == 0x2029) {
			acct_buf_addstr(out, "\\P");
		} else if (cp == 0xfeff || cp == 0xfffe || cp == 0xffff) {
			acct_buf_addf(out, "\\u%04X", (unsigned)cp);
		} else if (needs_escape(cp)) {
			acct_buf_addf(out, "\\x%02X", (unsigned)cp);
		} else {
			acct_buf_add(out, value + i, n);
		}
	}
	acct_buf_addch(out, '"');
}
