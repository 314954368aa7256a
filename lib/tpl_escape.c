#include "acct/tpl.h"

#include <stdint.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/banned.h"

void acct_tpl_escape_none(struct acct_buf *out, const char *s, size_t len)
{
	acct_buf_add(out, s, len);
}

void acct_tpl_escape_html(struct acct_buf *out, const char *s, size_t len)
{
	size_t i, from = 0;

	for (i = 0; i < len; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: continue;
		}
		acct_buf_add(out, s + from, i - from);
		acct_buf_addstr(out, rep);
		from = i + 1;
	}
	acct_buf_add(out, s + from, len - from);
}

/*
 * The code point at `s` (`len` > 0 bytes) into `*cp`; returns its length
 * in bytes, or 0 when the bytes there are not UTF-8 (overlong forms,
 * surrogates, past U+10FFFF, truncated).
 */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, c &= 0x1f, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, c &= 0x0f, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, c &= 0x07, min = 0x10000;
	else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int is_ascii_punct(uint32_t c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	       (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* What becomes of a code point in Markdown text. */
enum md_class {
	MD_KEEP,	/* copied */
	MD_PUNCT,	/* copied after a backslash */
	MD_SPACE,	/* a space: line breaks and tabs too */
	MD_DROP,	/* control characters */
};

static enum md_class md_classify(uint32_t c)
{
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f' || c == 0x85 || c == 0x2028 || c == 0x2029)
		return MD_SPACE;
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return MD_DROP;
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return MD_DROP;
	if (is_ascii_punct(c))
		return MD_PUNCT;
	return MD_KEEP;
}

/*
 * Whether a space or the end comes next in the value at `s` (`len`
 * bytes), as written: the next character that is not dropped becomes a
 * space (line breaks and tabs do), or there is none.
 */
static int space_or_end(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t c;
		size_t n = utf8_decode(s + i, len - i, &c);

		if (!n)
			return 0;	/* written as U+FFFD */
		switch (md_classify(c)) {
		case MD_DROP:
			i += n;
			continue;
		case MD_SPACE:
			return 1;
		default:
			return 0;
		}
	}
	return 1;
}

/*
 * The characters that are markup wherever they stand: emphasis, code,
 * links and images, autolinks and raw HTML, entities, backslashes, and
 * GitHub's tables and strikethrough for readers that render those.
 */
#define ANYWHERE "\\`*_[]<>&!|~"

/*
 * Spaces are held back until something else follows, so that those at
 * either end of the value can be written as character references: a raw
 * space there could indent a code block or, before the template's line
 * break, make a hard line break.
 */
void acct_tpl_escape_markdown(struct acct_buf *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, spaces = 0, k;
	int started = 0, digits = 0;

	while (i < len) {
		uint32_t c;
		size_t n = utf8_decode(u + i, len - i, &c);
		enum md_class cls;
		int bad = !n;

		if (bad) {
			c = 0xfffd;
			n = 1;
		}
		cls = md_classify(c);
		if (cls == MD_SPACE && c == '\r' && i + 1 < len && u[i + 1] == '\n')
			n = 2;		/* CRLF is one line break */
		i += n;
		if (cls == MD_DROP)
			continue;
		if (cls == MD_SPACE) {
			spaces++;
			continue;
		}
		for (k = 0; k < spaces; k++)
			acct_buf_addstr(out, started ? " " : "&#32;");
		spaces = 0;
		/*
		 * Punctuation that means something anywhere in a line is
		 * always escaped; the rest only where a block could start: the
		 * value's first character, and the '.' or ')' after digits
		 * there when a space or the end follows ("1. x" is a list,
		 * "1.21" is not).
		 */
		if (cls == MD_PUNCT && (!started || strchr(ANYWHERE, (int)c) ||
					(digits && (c == '.' || c == ')') &&
					 space_or_end(u + i, len - i))))
			acct_buf_addch(out, '\\');
		digits = (!started || digits) && c >= '0' && c <= '9';
		started = 1;
		if (bad)
			acct_buf_addstr(out, "\xef\xbf\xbd");
		else
			acct_buf_add(out, u + i - n, n);
	}
	for (k = 0; k < spaces; k++)
		acct_buf_addstr(out, "&#32;");
}
