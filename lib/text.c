#include "acct/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/banned.h"

/*
 * Decode the character at `s` (`len` bytes left, len > 0) into `*cp` and
 * return its length in bytes, or 0 when the bytes there are not UTF-8:
 * truncated, overlong, a surrogate, beyond U+10FFFF or a stray byte.
 * utf8proc_iterate() checks all of those.
 */
static size_t decode(const char *s, size_t len, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	if (len > 4)
		len = 4;
	n = utf8proc_iterate((const utf8proc_uint8_t *)s,
			     (utf8proc_ssize_t)len, &c);
	if (n <= 0)
		return 0;
	*cp = c;
	return (size_t)n;
}

/*
 * Well-formed UTF-8 as the Unicode standard's table 3-7 has it (what
 * utf8proc_iterate() accepts: no overlong form, no surrogate, nothing
 * beyond U+10FFFF), without NUL, a byte at a time: every entry and
 * answer a command reads is checked, and decoding each character through
 * utf8proc was 4% of an agenda's time on a large book.
 */
#define ASCII_TOP 0x8080808080808080ULL
#define ASCII_LOW 0x7f7f7f7f7f7f7f7fULL

int acct_text_is_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned c = *p, lo = 0x80, hi = 0xbf;
		size_t more;
		uint64_t w;

		/*
		 * Eight bytes of ASCII at a time: no top bit set, and none of
		 * them NUL (a byte of 1 to 127 plus 127 sets its top bit).
		 */
		if (end - p >= 8) {
			memcpy(&w, p, 8);
			if (!(w & ASCII_TOP) &&
			    ((w + ASCII_LOW) & ASCII_TOP) == ASCII_TOP) {
				p += 8;
				continue;
			}
		}
		if (c >= 0x01 && c <= 0x7f) {
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			more = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			more = 2;
			if (c == 0xe0)
				lo = 0xa0;	/* not overlong */
			else if (c == 0xed)
				hi = 0x9f;	/* not a surrogate */
		} else if (c >= 0xf0 && c <= 0xf4) {
			more = 3;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;	/* not beyond U+10FFFF */
		} else {
			return 0;	/* NUL, a continuation, 0xc0-0xc1, 0xf5- */
		}
		if ((size_t)(end - p) <= more || p[1] < lo || p[1] > hi)
			return 0;
		for (p += 2; --more; p++)
			if (*p < 0x80 || *p > 0xbf)
				return 0;
	}
	return 1;
}

/*
 * Characters that end a line somewhere down the road: libyaml treats NEL
 * and the Unicode line and paragraph separators as breaks, as it does \n
 * and \r, so a value holding one would not stay on its line in a card.
 */
static int is_line_break(int32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
	       cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static int is_control(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

int acct_text_check_line(const char *s, const char *what,
			 struct acct_error *err)
{
	size_t len = strlen(s), i = 0, n;
	int32_t cp = 0;

	if (!acct_text_is_utf8(s, len))
		return acct_error_set(err, ACCT_EUSAGE, "%s is not UTF-8 text",
				      what);
	while (i < len) {
		n = decode(s + i, len - i, &cp);
		if (is_line_break(cp))
			return acct_error_set(err, ACCT_EUSAGE,
					      "%s must be a single line of text",
					      what);
		if (is_control(cp))
			return acct_error_set(err, ACCT_EUSAGE,
					      "%s must be a single line of text without control characters (it holds U+%04X)",
					      what, (unsigned)cp);
		i += n;
	}
	return 0;
}

/* The controls that reorder text on screen and can disguise it. */
static int is_bidi_control(int32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

void acct_text_escape_terminal(struct acct_buf *out, const char *s, size_t len)
{
	size_t i = 0, n;
	int32_t cp = 0;

	while (i < len) {
		if (!(n = decode(s + i, len - i, &cp))) {
			acct_buf_addf(out, "\\x%02x", (unsigned char)s[i]);
			i++;
			continue;
		}
		if (cp == '\n')
			acct_buf_addstr(out, "\\n");
		else if (cp == '\t')
			acct_buf_addstr(out, "\\t");
		else if (cp == '\r')
			acct_buf_addstr(out, "\\r");
		else if (cp < 0x20 || cp == 0x7f)
			acct_buf_addf(out, "\\x%02x", (unsigned)cp);
		else if (is_control(cp) || is_bidi_control(cp))
			acct_buf_addf(out, "\\u{%04x}", (unsigned)cp);
		else
			acct_buf_add(out, s + i, n);
		i += n;
	}
}

size_t acct_text_width(const char *s, size_t len)
{
	size_t i = 0, n, width = 0;
	int32_t cp = 0;
	int w;

	while (i < len) {
		uint64_t word;

		/* Eight printable ASCII bytes at a time: eight columns. */
		if (len - i >= 8) {
			memcpy(&word, s + i, 8);
			if (!((word | (word - UINT64_C(0x2020202020202020)) |
			       ((word ^ UINT64_C(0x7f7f7f7f7f7f7f7f)) -
				UINT64_C(0x0101010101010101))) &
			      UINT64_C(0x8080808080808080))) {
				width += 8;
				i += 8;
				continue;
			}
		}
		/* ASCII: one column, none for a control (as utf8proc says). */
		if (!(s[i] & 0x80)) {
			width += s[i] >= 0x20 && s[i] < 0x7f;
			i++;
			continue;
		}
		if (!(n = decode(s + i, len - i, &cp))) {
			width++;
			i++;
			continue;
		}
		w = utf8proc_charwidth(cp);
		if (w > 0)
			width += (size_t)w;
		i += n;
	}
	return width;
}

int acct_text_nfc(struct acct_buf *out, const char *s, size_t len,
		  struct acct_error *err)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;

	if (!acct_text_is_utf8(s, len))
		return acct_error_set(err, ACCT_EUSAGE, "text is not UTF-8");
	if (!len)
		return 0;
	/* utf8proc_NFC() wants a NUL-terminated string; this is the same. */
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			 &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0)	/* the text was checked: out of memory or too long */
		return acct_error_set(err, ACCT_ERROR,
				      "cannot normalize text: %s",
				      utf8proc_errmsg(n));
	acct_buf_add(out, nfc, (size_t)n);
	free(nfc);
	return 0;
}

/* 1 when the `len` bytes at `s` are ASCII without a NUL. */
static int plain_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!s[i] || (s[i] & 0x80))
			return 0;
	return 1;
}

void acct_text_fold(struct acct_buf *out, const char *s, size_t len)
{
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t n = -1;
	size_t i;

	/* ASCII: case folding is A-Z to a-z, the rest stays (test_text). */
	if (plain_ascii(s, len)) {
		acct_buf_grow(out, len);
		for (i = 0; i < len; i++)
			out->buf[out->len + i] = (char)(s[i] >= 'A' &&
					s[i] <= 'Z' ? s[i] + 32 : s[i]);
		out->len += len;
		out->buf[out->len] = '\0';
		return;
	}
	if (len && acct_text_is_utf8(s, len))
		n = utf8proc_map((const utf8proc_uint8_t *)s,
				 (utf8proc_ssize_t)len, &f, UTF8PROC_STABLE |
				 UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (n >= 0)
		acct_buf_add(out, f, (size_t)n);
	else
		acct_buf_add(out, s, len);
	free(f);
}

static char *fold(const char *s)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
			 UTF8PROC_CASEFOLD) < 0)
		return NULL;
	return (char *)out;
}

int acct_text_contains_fold(const char *hay, const char *needle)
{
	char *h = fold(hay), *n = fold(needle);
	int found;

	if (h && n)
		found = strstr(h, n) != NULL;
	else
		found = strstr(hay, needle) != NULL;
	free(h);
	free(n);
	return found;
}

size_t acct_text_line_end(const char *s, size_t len, size_t i, size_t *next)
{
	size_t end = i;

	while (end < len && s[end] != '\n' && s[end] != '\r')
		end++;
	if (next)
		*next = end + (end < len ? (s[end] == '\r' && end + 1 < len &&
					    s[end + 1] == '\n' ? 2 : 1) : 0);
	return end;
}

const char *acct_text_eol(const char *s, size_t len)
{
	size_t next, end = acct_text_line_end(s, len, 0, &next);

	if (end == len)
		return "\n";
	if (s[end] == '\n')
		return "\n";
	return next - end == 2 ? "\r\n" : "\r";
}

void acct_text_lines_init(struct acct_text_lines *l, const char *s, size_t len)
{
	size_t i = 0, alloc = 16;

	l->at = acct_malloc(alloc * sizeof(*l->at));
	l->at[0] = 0;
	l->n = 1;
	l->len = len;
	while (acct_text_line_end(s, len, i, &i) < len) {
		if (l->n == alloc) {
			alloc *= 2;
			l->at = acct_realloc(l->at, alloc * sizeof(*l->at));
		}
		l->at[l->n++] = i;
	}
}

size_t acct_text_lines_at(const struct acct_text_lines *l, size_t line)
{
	return line >= 1 && line <= l->n ? l->at[line - 1] : l->len;
}

void acct_text_lines_release(struct acct_text_lines *l)
{
	free(l->at);
	l->at = NULL;
	l->n = l->len = 0;
}

static unsigned unit16(const unsigned char *p, int big)
{
	return big ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

/*
 * A 2-byte unit becomes at most 3 bytes of UTF-8 and a pair of them 4,
 * so the room is known before. Lines and columns are counted as lib/csv.c
 * counts them, so that a lone surrogate is placed where an editor shows it.
 */
int acct_text_from_utf16(struct acct_buf *out, const char *s, size_t len,
			 const char *file, struct acct_error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 2, n = out->len, line = 1, col = 1;
	int big, cr = 0;

	if (len < 2 || !((u[0] == 0xff && u[1] == 0xfe) ||
			 (u[0] == 0xfe && u[1] == 0xff)))
		return acct_error_set(err, ACCT_EUSAGE, "no UTF-16 byte order "
				      "mark");
	big = u[0] == 0xfe;
	acct_buf_grow(out, len / 2 * 3);
	while (i < len) {
		unsigned unit, cp;

		if (len - i < 2) {
			acct_error_at(err, ACCT_EDATA, file, line, col,
				      "the file ends inside a UTF-16 character "
				      "(an odd number of bytes)");
			goto bad;
		}
		unit = unit16(u + i, big);
		i += 2;
		if (unit >= 0xdc00 && unit <= 0xdfff) {
			acct_error_at(err, ACCT_EDATA, file, line, col,
				      "UTF-16 low surrogate U+%04X has no high "
				      "surrogate before it", unit);
			goto bad;
		}
		cp = unit;
		if (unit >= 0xd800 && unit <= 0xdbff) {
			unsigned low = len - i >= 2 ? unit16(u + i, big) : 0;

			if (low < 0xdc00 || low > 0xdfff) {
				acct_error_at(err, ACCT_EDATA, file, line, col,
					      "UTF-16 high surrogate U+%04X is "
					      "not followed by a low surrogate",
					      unit);
				goto bad;
			}
			i += 2;
			cp = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
		}
		if (!cp) {
			acct_error_at(err, ACCT_EDATA, file, line, col,
				      "NUL character in the file; it must be "
				      "text");
			goto bad;
		}
		n += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
						  (utf8proc_uint8_t *)out->buf + n);
		if (cp == '\r' || (cp == '\n' && !cr)) {
			line++;
			col = 1;
		} else if (cp != '\n') {
			col++;
		}
		cr = cp == '\r';
	}
	out->len = n;
	out->buf[n] = '\0';
	return 0;
bad:
	out->buf[out->len] = '\0';
	acct_error_hint(err, "save the file again as UTF-8 (or UTF-16 with "
			"a byte order mark)");
	return ACCT_EDATA;
}
