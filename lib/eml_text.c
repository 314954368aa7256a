/*
 * The text of an e-mail message as an entry wants it: headers decoded
 * (RFC 2047, word by word: GMime 3.2.13 loses adjacent base64 words,
 * jstedfast/gmime#133), charsets converted to UTF-8 by iconv (through
 * GLib, with GMime's names for them), format=flowed joined, the quoted
 * reply folded away and the subject's Re: and Fwd: dropped.
 */
#include "acct/eml.h"
#include "eml_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "acct/buf.h"
#include "acct/dl.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/banned.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* "utf-8", "UTF8", "us-ascii", "ascii": text that needs no converting. */
static int native_charset(const char *cs)
{
	const char *canon = g_mime_charset_canon_name(cs);

	return !g_ascii_strcasecmp(canon, "utf-8") ||
	       !g_ascii_strcasecmp(canon, "us-ascii") ||
	       !g_ascii_strcasecmp(canon, "ascii") ||
	       !g_ascii_strcasecmp(cs, "utf8");
}

int acct_eml_to_utf8(struct acct_buf *out, const char *s, size_t len,
		     const char *charset, struct acct_error *err)
{
	GError *gerr = NULL;
	gsize in = 0, n = 0;
	gchar *conv;
	GIConv cd;
	int rc;

	if ((rc = acct_dl_gmime(err)) < 0)
		return rc;
	g_mime_init();	/* its charset names */
	if (!charset || native_charset(charset)) {
		/* NUL bytes pass: the text is cleaned of controls after. */
		struct acct_buf copy = ACCT_BUF_INIT;
		const gchar *bad = NULL;
		size_t i;

		for (i = 0; i < len; i++)
			if (s[i])
				acct_buf_addch(&copy, s[i]);
		if (acct_text_is_utf8(copy.buf, copy.len)) {
			acct_buf_add(out, copy.buf, copy.len);
			acct_buf_release(&copy);
			return 0;
		}
		g_utf8_validate(copy.buf, (gssize)copy.len, &bad);
		i = bad ? (size_t)(bad - copy.buf) : 0;
		acct_buf_release(&copy);
		return acct_error_set(err, ACCT_EDATA, "the text is not %s "
				      "(byte %zu)%s", charset ? charset : "UTF-8",
				      i + 1, charset ? "" : " and names no "
				      "charset");
	}
	cd = g_iconv_open("UTF-8", g_mime_charset_iconv_name(charset));
	if (cd == (GIConv)-1)
		return acct_error_set(err, ACCT_EDATA, "the charset '%s' is not "
				      "known", charset);
	conv = g_convert_with_iconv(s, (gssize)len, cd, &in, &n, &gerr);
	g_iconv_close(cd);
	if (!conv) {
		g_clear_error(&gerr);
		return acct_error_set(err, ACCT_EDATA, "the text is not %s: "
				      "byte %zu is not a character of it",
				      charset, (size_t)in + 1);
	}
	acct_buf_add(out, conv, n);
	g_free(conv);
	return 0;
}

static int b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* One encoded word's text, B: each word's base64 stands alone. */
static void decode_b(struct acct_buf *out, const char *s, size_t n)
{
	unsigned bits = 0;
	int have = 0, v;
	size_t i;

	for (i = 0; i < n && s[i] != '='; i++) {
		if ((v = b64_value(s[i])) < 0)
			continue;
		bits = (bits << 6) | (unsigned)v;
		have += 6;
		if (have >= 8) {
			have -= 8;
			acct_buf_addch(out, (char)((bits >> have) & 0xff));
		}
	}
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Q: "_" is a space, "=XX" a byte. */
static void decode_q(struct acct_buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] == '_') {
			acct_buf_addch(out, ' ');
		} else if (s[i] == '=' && i + 2 < n &&
			   (hi = hex_value(s[i + 1])) >= 0 &&
			   (lo = hex_value(s[i + 2])) >= 0) {
			acct_buf_addch(out, (char)(hi << 4 | lo));
			i += 2;
		} else {
			acct_buf_addch(out, s[i]);
		}
	}
}

/*
 * An encoded word at `s`: "=?charset[*lang]?B|Q?text?=". Its length, the
 * charset into `cs` and the decoded bytes onto `bytes`; 0 if it is none.
 */
static size_t encoded_word(const char *s, size_t n, struct acct_buf *cs,
			   struct acct_buf *bytes)
{
	size_t i = 2, c0, c1, t0;
	char enc;

	if (n < 8 || s[0] != '=' || s[1] != '?')
		return 0;
	for (c0 = i; i < n && s[i] != '?' && !is_space(s[i]); i++)
		;
	c1 = i;
	if (i + 2 >= n || s[i] != '?' || c1 == c0)
		return 0;
	enc = s[i + 1];
	if (!strchr("BbQq", enc) || s[i + 2] != '?')
		return 0;
	for (i += 3, t0 = i; i + 1 < n && !(s[i] == '?' && s[i + 1] == '=');
	     i++)
		if (is_space(s[i]))
			return 0;
	if (i + 1 >= n)
		return 0;
	acct_buf_reset(cs);
	acct_buf_add(cs, s + c0, c1 - c0);
	{
		char *star = strchr(cs->buf, '*');	/* RFC 2231 language */

		if (star)
			acct_buf_setlen(cs, (size_t)(star - cs->buf));
	}
	if (enc == 'B' || enc == 'b')
		decode_b(bytes, s + t0, i - t0);
	else
		decode_q(bytes, s + t0, i - t0);
	return i + 2;
}

/* Runs of white space as one space, controls and line separators too. */
void eml_tidy_line(struct acct_buf *out, const char *s, size_t len)
{
	size_t i, at = out->len;
	int space = 1;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int blank = c < 0x20 || c == 0x7f;

		/* U+0085, U+2028, U+2029: libyaml breaks lines at them. */
		if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			blank = 1;
			i++;
		} else if (c == 0xe2 && i + 2 < len &&
			   (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0xa8 ||
			    (unsigned char)s[i + 2] == 0xa9)) {
			blank = 1;
			i += 2;
		}
		if (blank || c == ' ') {
			if (!space)
				acct_buf_addch(out, ' ');
			space = 1;
			continue;
		}
		acct_buf_addch(out, (char)c);
		space = 0;
	}
	while (out->len > at && out->buf[out->len - 1] == ' ')
		acct_buf_setlen(out, out->len - 1);
}

/* The bytes of adjacent words of one charset, converted at once. */
static int flush_words(struct acct_buf *out, struct acct_buf *bytes,
		       const struct acct_buf *cs, struct acct_error *err)
{
	struct acct_error why = ACCT_ERROR_INIT;
	int rc = 0;

	if (bytes->len && acct_eml_to_utf8(out, bytes->buf, bytes->len,
					   cs->buf, &why) < 0) {
		/* A word not in its charset: its bytes as they are, if UTF-8. */
		if (strstr(why.msg, "is not known"))
			rc = acct_error_set(err, ACCT_EDATA, "an encoded word's "
					    "charset '%s' is not known", cs->buf);
		else if (acct_text_is_utf8(bytes->buf, bytes->len))
			acct_buf_add(out, bytes->buf, bytes->len);
	}
	acct_buf_reset(bytes);
	return rc;
}

int acct_eml_decode_header(struct acct_buf *out, const char *raw,
			   const char *fallback, struct acct_error *err)
{
	struct acct_buf text = ACCT_BUF_INIT, dec = ACCT_BUF_INIT,
			bytes = ACCT_BUF_INIT, cs = ACCT_BUF_INIT,
			word_cs = ACCT_BUF_INIT;
	const char *s;
	size_t n, i = 0, lit = 0, len;
	int prev_word = 0, rc = 0;

	if ((rc = acct_dl_gmime(err)) < 0)
		return rc;
	g_mime_init();	/* its charset names */
	len = strlen(raw);
	if (acct_text_is_utf8(raw, len)) {
		acct_buf_add(&text, raw, len);
	} else if (!fallback || acct_eml_to_utf8(&text, raw, len, fallback,
						 NULL) < 0) {
		rc = acct_error_set(err, ACCT_EDATA, "8-bit text that is not "
				    "UTF-8%s%s and not encoded (RFC 2047)",
				    fallback ? " nor " : "", fallback ? fallback : "");
		goto out;
	}
	s = text.buf;
	n = text.len;
	while (i < n) {
		size_t w;

		if (s[i] != '=' || i + 1 >= n || s[i + 1] != '?') {
			i++;
			continue;
		}
		acct_buf_reset(&word_cs);
		{
			struct acct_buf wb = ACCT_BUF_INIT;

			w = encoded_word(s + i, n - i, &word_cs, &wb);
			if (!w) {
				acct_buf_release(&wb);
				i += 2;
				continue;
			}
			/* The text since the last word: dropped if only space
			 * between two words. */
			{
				size_t k;
				int blank = 1;

				for (k = lit; k < i; k++)
					if (!is_space(s[k]))
						blank = 0;
				if (!(prev_word && blank)) {
					if ((rc = flush_words(&dec, &bytes, &cs,
							      err)) < 0) {
						acct_buf_release(&wb);
						goto out;
					}
					acct_buf_add(&dec, s + lit, i - lit);
				}
			}
			if (bytes.len && g_ascii_strcasecmp(cs.buf, word_cs.buf) &&
			    (rc = flush_words(&dec, &bytes, &cs, err)) < 0) {
				acct_buf_release(&wb);
				goto out;
			}
			acct_buf_reset(&cs);
			acct_buf_add(&cs, word_cs.buf, word_cs.len);
			acct_buf_add(&bytes, wb.buf, wb.len);
			acct_buf_release(&wb);
		}
		i += w;
		lit = i;
		prev_word = 1;
	}
	if ((rc = flush_words(&dec, &bytes, &cs, err)) < 0)
		goto out;
	acct_buf_add(&dec, s + lit, n - lit);
	eml_tidy_line(out, dec.buf, dec.len);
out:
	acct_buf_release(&text);
	acct_buf_release(&dec);
	acct_buf_release(&bytes);
	acct_buf_release(&cs);
	acct_buf_release(&word_cs);
	return rc;
}

void eml_b_to_q(struct acct_buf *out, const char *raw)
{
	struct acct_buf cs = ACCT_BUF_INIT, bytes = ACCT_BUF_INIT;
	size_t i = 0, n = strlen(raw), k;

	while (i < n) {
		size_t w;

		if (raw[i] != '=' || i + 1 >= n || raw[i + 1] != '?' ||
		    !(w = encoded_word(raw + i, n - i, &cs, &bytes))) {
			acct_buf_addch(out, raw[i++]);
			continue;
		}
		acct_buf_addf(out, "=?%s?Q?", cs.buf);
		for (k = 0; k < bytes.len; k++) {
			unsigned char c = (unsigned char)bytes.buf[k];

			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9'))
				acct_buf_addch(out, (char)c);
			else
				acct_buf_addf(out, "=%02X", c);
		}
		acct_buf_addstr(out, "?=");
		acct_buf_reset(&bytes);
		i += w;
	}
	acct_buf_release(&cs);
	acct_buf_release(&bytes);
}

/* Reply and forward prefixes, case-folded, without the colon. */
static const char *const prefixes[] = {
	"re", "fw", "fwd", "aw", "wg", "sv", "vs", "tr", "rv", "ha",
	"ответ", "отв", "пересл.", "пересл", "переслано", "перес", NULL,
};

/* If `s` starts with a prefix ("Re:", "RE[2]:", "Ответ: "), its length. */
static size_t prefix_len(const char *s)
{
	const char *colon = strchr(s, ':');
	struct acct_buf word = ACCT_BUF_INIT, folded = ACCT_BUF_INIT;
	size_t n, i, len = 0;

	if (!colon || colon - s > 24)
		return 0;
	n = (size_t)(colon - s);
	while (n && s[n - 1] == ' ')
		n--;
	/* "[2]", "(2)", "^2": a counter some mailers add. */
	if (n && (s[n - 1] == ']' || s[n - 1] == ')')) {
		char open = s[n - 1] == ']' ? '[' : '(';
		size_t k = n - 1;

		while (k && s[k - 1] >= '0' && s[k - 1] <= '9')
			k--;
		if (k && k < n - 1 && s[k - 1] == open)
			n = k - 1;
	} else {
		size_t k = n;

		while (k && s[k - 1] >= '0' && s[k - 1] <= '9')
			k--;
		if (k < n && k && s[k - 1] == '^')
			n = k - 1;
	}
	acct_buf_add(&word, s, n);
	acct_text_fold(&folded, word.buf, word.len);
	for (i = 0; prefixes[i]; i++)
		if (!strcmp(folded.buf, prefixes[i])) {
			len = (size_t)(colon - s) + 1;
			break;
		}
	acct_buf_release(&word);
	acct_buf_release(&folded);
	return len;
}

void acct_eml_summary(struct acct_buf *out, const char *subject)
{
	const char *s = subject;
	size_t n;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!(n = prefix_len(s)))
			break;
		s += n;
	}
	if (*s)
		acct_buf_addstr(out, s);
	else
		acct_buf_addstr(out, "(no subject)");
}

/* The lines of `s` (`len` bytes, "\n" ends), each without its "\n". */
struct lines {
	const char **at;
	size_t *len;
	size_t n;
};

static void split_lines(struct lines *l, const char *s, size_t len)
{
	size_t i = 0, cap = 16;

	l->n = 0;
	l->at = acct_malloc(cap * sizeof(*l->at));
	l->len = acct_malloc(cap * sizeof(*l->len));
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len;

		if (l->n == cap) {
			cap *= 2;
			l->at = acct_realloc(l->at, cap * sizeof(*l->at));
			l->len = acct_realloc(l->len, cap * sizeof(*l->len));
		}
		l->at[l->n] = s + i;
		l->len[l->n++] = end - i;
		i = end + 1;
	}
}

static void free_lines(struct lines *l)
{
	free(l->at);
	free(l->len);
}

/* One flowed line: its quote depth, then its text unstuffed. */
static size_t quote_depth(const char *s, size_t n, size_t *at)
{
	size_t d = 0, i = 0;

	while (i < n && s[i] == '>')
		d++, i++;
	if (i < n && s[i] == ' ')
		i++;	/* space-stuffed (or after the quote marks) */
	*at = i;
	return d;
}

static void add_depth(struct acct_buf *out, size_t depth)
{
	size_t k;

	for (k = 0; k < depth; k++)
		acct_buf_addch(out, '>');
	if (depth)
		acct_buf_addch(out, ' ');
}

/* RFC 3676: a line ending in a space runs on into the next. */
static void unflow(struct acct_buf *out, const char *s, size_t len, int delsp)
{
	struct lines l;
	size_t i, prev_depth = 0;
	int open = 0;

	split_lines(&l, s, len);
	for (i = 0; i < l.n; i++) {
		size_t at, n = l.len[i], depth = quote_depth(l.at[i], n, &at);
		const char *t = l.at[i] + at;
		size_t tn = n - at;
		int soft = tn && t[tn - 1] == ' ' &&
			   !(tn == 3 && !memcmp(t, "-- ", 3));

		if (open && depth != prev_depth)
			acct_buf_addch(out, '\n');
		if (!open || depth != prev_depth)
			add_depth(out, depth);
		if (soft && delsp)
			tn--;
		acct_buf_add(out, t, tn);
		if (!soft)
			acct_buf_addch(out, '\n');
		open = soft;
		prev_depth = depth;
	}
	if (open)
		acct_buf_addch(out, '\n');
	free_lines(&l);
}

void acct_eml_plain(struct acct_buf *out, const char *s, size_t len,
		    int flowed, int delsp)
{
	struct acct_buf clean = ACCT_BUF_INIT, joined = ACCT_BUF_INIT;
	struct lines l;
	size_t i, start, end;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\r') {
			acct_buf_addch(&clean, '\n');
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f)) {
			acct_buf_addch(&clean, (char)c);
		}
	}
	if (flowed) {
		unflow(&joined, clean.buf, clean.len, delsp);
		acct_buf_reset(&clean);
		acct_buf_add(&clean, joined.buf, joined.len);
	}
	split_lines(&l, clean.buf, clean.len);
	for (start = 0; start < l.n; start++) {
		size_t k = 0;

		while (k < l.len[start] && is_space(l.at[start][k]))
			k++;
		if (k < l.len[start])
			break;
	}
	for (end = l.n; end > start; end--) {
		size_t k = 0;

		while (k < l.len[end - 1] && is_space(l.at[end - 1][k]))
			k++;
		if (k < l.len[end - 1])
			break;
	}
	for (i = start; i < end; i++) {
		size_t n = l.len[i];

		while (n && (l.at[i][n - 1] == ' ' || l.at[i][n - 1] == '\t'))
			n--;
		acct_buf_add(out, l.at[i], n);
		acct_buf_addch(out, '\n');
	}
	free_lines(&l);
	acct_buf_release(&clean);
	acct_buf_release(&joined);
}

static int blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_space(s[i]))
			return 0;
	return 1;
}

/* `s` (`n` bytes) ends with `tail`, ignoring trailing spaces. */
static int ends_with(const char *s, size_t n, const char *tail)
{
	size_t t = strlen(tail);

	while (n && is_space(s[n - 1]))
		n--;
	return n >= t && !memcmp(s + n - t, tail, t);
}

static int starts_with(const char *s, size_t n, const char *head)
{
	size_t h = strlen(head);

	return n >= h && !strncasecmp(s, head, h);
}

/* "On Mon, 1 Dec 2026, Ivan wrote:", "1 дек. 2026 г., Иван написал(а):" */
static int attribution_end(const char *s, size_t n)
{
	static const char *const tails[] = {
		"wrote:", "writes:", "написал(а):", "написала:", "написал:",
		"пишет:", "schrieb:", "a écrit :", "a écrit:",
		">:",	/* Gmail's "пн, 30 нояб. 2026 г. в 18:00, Anna <a@b>:" */
		NULL,
	};
	size_t i;

	for (i = 0; tails[i]; i++)
		if (ends_with(s, n, tails[i]))
			return 1;
	return 0;
}

/* Where an Outlook reply's original message starts, or `l->n`. */
static size_t outlook_original(const struct lines *l)
{
	static const char *const marks[] = {
		"-----Original Message-----", "----- Original Message -----",
		"-----Исходное сообщение-----", "----- Исходное сообщение -----",
		NULL,
	};
	static const char *const from[] = { "From:", "От:", "От кого:", NULL };
	static const char *const sent[] = {
		"Sent:", "Date:", "Отправлено:", "Дата:", NULL,
	};
	size_t i, k, m;

	for (i = 0; i < l->n; i++) {
		const char *s = l->at[i];
		size_t n = l->len[i];

		while (n && is_space(*s))
			s++, n--;
		for (k = 0; marks[k]; k++)
			if (ends_with(s, n, marks[k]) &&
			    starts_with(s, n, marks[k]))
				return i;
		if (i + 1 >= l->n)
			continue;
		for (k = 0; from[k]; k++)
			if (starts_with(s, n, from[k]))
				for (m = 0; sent[m]; m++)
					if (starts_with(l->at[i + 1],
							l->len[i + 1], sent[m]))
						return i;
	}
	return l->n;
}

size_t acct_eml_fold_quotes(struct acct_buf *out, const char *text,
			    size_t len)
{
	struct lines l;
	char *gone;
	size_t i, folded = 0, cut;
	int blank_run = 0, any = 0;

	split_lines(&l, text, len);
	gone = acct_calloc(l.n + 1, 1);
	cut = outlook_original(&l);
	for (i = cut; i < l.n; i++)
		gone[i] = 1;
	for (i = 0; i < cut; i++) {
		size_t k = 0;

		while (k < l.len[i] && l.at[i][k] == ' ')
			k++;
		if (k < l.len[i] && l.at[i][k] == '>')
			gone[i] = 1;
	}
	/* The attribution: the line above a quote, blank lines between. */
	for (i = 0; i < cut; i++) {
		size_t a;

		if (!gone[i] || (i && gone[i - 1]))
			continue;
		for (a = i; a > 0 && blank_line(l.at[a - 1], l.len[a - 1]) &&
		     i - a < 2; a--)
			;
		if (!a || !attribution_end(l.at[a - 1], l.len[a - 1]))
			continue;
		for (a--; a < i; a++)
			gone[a] = 1;
		for (a = i; !gone[a - 1] || blank_line(l.at[a - 1], l.len[a - 1]);
		     a--)
			;
		a--;	/* the attribution's line */
		/* Wrapped: "On Mon ... Ivan <ivan@x>" / "wrote:". */
		if (a > 0 && !blank_line(l.at[a - 1], l.len[a - 1]) &&
		    !starts_with(l.at[a], l.len[a], "On ") &&
		    (starts_with(l.at[a - 1], l.len[a - 1], "On ") ||
		     starts_with(l.at[a - 1], l.len[a - 1], "В ") ||
		     starts_with(l.at[a - 1], l.len[a - 1], "Am ") ||
		     starts_with(l.at[a - 1], l.len[a - 1], "Le ")))
			gone[a - 1] = 1;
	}
	for (i = 0; i < l.n; i++) {
		int blank = blank_line(l.at[i], l.len[i]);

		if (gone[i]) {
			/* A line of quote marks alone is a blank one. */
			size_t k = 0;

			while (k < l.len[i] && (l.at[i][k] == '>' ||
						is_space(l.at[i][k])))
				k++;
			folded += k < l.len[i];
			continue;
		}
		if (blank) {
			blank_run = 1;
			continue;
		}
		if (blank_run && any)
			acct_buf_addch(out, '\n');
		blank_run = 0;
		any = 1;
		acct_buf_add(out, l.at[i], l.len[i]);
		acct_buf_addch(out, '\n');
	}
	free(gone);
	free_lines(&l);
	return folded;
}

void acct_eml_size(struct acct_buf *out, uint64_t bytes)
{
	if (bytes < 1024)
		acct_buf_addf(out, "%llu bytes", (unsigned long long)bytes);
	else if (bytes < (uint64_t)1024 * 1024)
		acct_buf_addf(out, "%.1f KB", (double)bytes / 1024);
	else if (bytes < (uint64_t)1024 * 1024 * 1024)
		acct_buf_addf(out, "%.1f MB", (double)bytes / (1024 * 1024));
	else
		acct_buf_addf(out, "%.1f GB",
			      (double)bytes / (1024.0 * 1024 * 1024));
}

int acct_eml_is_ours(const char *addr, const char *mine,
		     char *const *domains, size_t n)
{
	const char *at = strrchr(addr, '@');
	size_t i;

	if (mine && *mine && !strcasecmp(addr, mine))
		return 1;
	if (!at)
		return 0;
	at++;
	for (i = 0; i < n; i++) {
		size_t dl = strlen(domains[i]), al = strlen(at);

		/* The domain, or a host in it (mail.agency.example). */
		if (!strcasecmp(at, domains[i]) ||
		    (al > dl && at[al - dl - 1] == '.' &&
		     !strcasecmp(at + al - dl, domains[i])))
			return 1;
	}
	return 0;
}
