/*
 * The Mustache lexer: the next line of a template cut into tokens, text
 * and tags, with the delimiters in force.
 */
#include "acct/tpl.h"
#include "tpl_int.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/* Move the line and column count up to byte `off` (never backwards). */
static void advance(struct parser *p, size_t off)
{
	for (; p->at < off; p->at++) {
		unsigned char c = (unsigned char)p->s[p->at];

		if (c == '\n') {
			p->line++;
			p->col = 1;
		} else if ((c & 0xc0) != 0x80) {
			p->col++;
		}
	}
}

int tpl_error_at(struct parser *p, uint32_t line, uint32_t col,
		    const char *fmt, ...)
{
	char buf[sizeof(p->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), _(fmt), ap);
	va_end(ap);
	return acct_error_at(p->err, ACCT_EDATA, p->tpl->path, line, col,
			     "%s", buf);
}

/*
 * `needle` in s[from, len), or NULL. Delimiters are at most 65 bytes, so
 * trying each place its first byte occurs stays linear in the text.
 */
static const char *find(const char *s, size_t len, size_t from,
			const char *needle, size_t nlen)
{
	const char *p = s + from, *end = s + len;

	if (from > len || !nlen)
		return NULL;
	while ((size_t)(end - p) >= nlen &&
	       (p = memchr(p, needle[0], (size_t)(end - p) - nlen + 1))) {
		if (!memcmp(p, needle, nlen))
			return p;
		p++;
	}
	return NULL;
}

int tpl_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static void trim(const char **s, size_t *len)
{
	while (*len && is_space(**s))
		(*s)++, (*len)--;
	while (*len && is_space((*s)[*len - 1]))
		(*len)--;
}

static int has_space(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (is_space(s[i]))
			return 1;
	return 0;
}

/* "." or names joined by single dots. */
static int is_dotted_name(const char *s, size_t len)
{
	size_t i;

	if (len == 1 && s[0] == '.')
		return 1;
	if (s[0] == '.' || s[len - 1] == '.')
		return 0;
	for (i = 1; i < len; i++)
		if (s[i] == '.' && s[i - 1] == '.')
			return 0;
	return 1;
}

static void push_tok(struct parser *p, const struct tok *t)
{
	if (p->ntoks == p->atoks) {
		p->atoks = p->atoks ? 2 * p->atoks : 16;
		p->toks = acct_realloc(p->toks, p->atoks * sizeof(*p->toks));
	}
	p->toks[p->ntoks++] = *t;
}

void tpl_set_delims(struct parser *p, const char *o, size_t olen,
		       const char *c, size_t clen)
{
	p->otag = o;
	p->olen = olen;
	p->ctag = c;
	p->clen = clen;
	p->next_valid = 0;
	acct_buf_reset(&p->close_triple);
	acct_buf_addch(&p->close_triple, '}');
	acct_buf_add(&p->close_triple, c, clen);
	acct_buf_reset(&p->close_delim);
	acct_buf_addch(&p->close_delim, '=');
	acct_buf_add(&p->close_delim, c, clen);
}

/* `{{=<% %>=}}`: two new delimiters, without blanks or '='. */
static int parse_delims(struct parser *p, const struct tok *t, const char *s,
			size_t len)
{
	const char *a, *b;
	size_t alen = 0, blen = 0;

	trim(&s, &len);
	if (!len)
		return tpl_error_at(p, t->line, t->col, "empty delimiters");
	a = s;
	while (alen < len && !is_space(a[alen]))
		alen++;
	b = a + alen;
	len -= alen;
	trim(&b, &len);
	while (blen < len && !is_space(b[blen]))
		blen++;
	if (!blen || blen != len || memchr(a, '=', alen) ||
	    memchr(b, '=', blen) || alen > 64 || blen > 64)
		return tpl_error_at(p, t->line, t->col, "bad delimiters '%s'",
				tpl_show(&p->msg, t->raw, t->rawlen));
	tpl_set_delims(p, a, alen, b, blen);
	return 0;
}

/* The tag whose opening delimiter is at p->pos. */
static int lex_tag(struct parser *p)
{
	const char *s = p->s, *end, *name;
	size_t start = p->pos, q = start + p->olen, nlen, after;
	struct tok t = { 0 };
	char sig = q < p->len ? s[q] : 0;

	advance(p, start);
	t.line = p->line;
	t.col = p->col;
	t.raw = s + start;
	if (sig == '{') {
		end = find(s, p->len, q + 1, p->close_triple.buf,
			   p->close_triple.len);
		if (!end)
			return tpl_error_at(p, t.line, t.col, "unclosed tag '%s{'",
					tpl_show(&p->msg, p->otag, p->olen));
		after = (size_t)(end - s) + p->close_triple.len;
		t.type = T_RAW;
		name = s + q + 1;
	} else if (sig == '=') {
		end = find(s, p->len, q + 1, p->close_delim.buf,
			   p->close_delim.len);
		if (!end) {
			end = find(s, p->len, q + 1, p->ctag, p->clen);
			if (!end)
				return tpl_error_at(p, t.line, t.col,
						"unclosed tag '%s'",
						tpl_show(&p->msg, p->otag, p->olen));
			t.rawlen = (size_t)(end - t.raw) + p->clen;
			return tpl_error_at(p, t.line, t.col, "bad delimiters '%s'",
					tpl_show(&p->msg, t.raw, t.rawlen));
		}
		after = (size_t)(end - s) + p->close_delim.len;
		t.type = T_DELIM;
		name = s + q + 1;
	} else {
		end = find(s, p->len, q, p->ctag, p->clen);
		if (!end)
			return tpl_error_at(p, t.line, t.col, "unclosed tag '%s'",
					tpl_show(&p->msg, p->otag, p->olen));
		after = (size_t)(end - s) + p->clen;
		name = s + q + 1;
		switch (sig) {
		case '!': t.type = T_COMMENT; break;
		case '#': t.type = T_SECTION; break;
		case '^': t.type = T_INVERTED; break;
		case '/': t.type = T_CLOSE; break;
		case '>': t.type = T_PARTIAL; break;
		case '<': t.type = T_PARENT; break;
		case '$': t.type = T_BLOCK; break;
		case '&': t.type = T_RAW; break;
		default: t.type = T_VAR; name = s + q; break;
		}
	}
	t.rawlen = after - start;
	nlen = (size_t)(end - name);
	if (t.type == T_DELIM) {
		p->pos = after;
		push_tok(p, &t);
		return parse_delims(p, &t, name, nlen);
	}
	if (t.type != T_COMMENT) {
		/* An opening delimiter inside: an earlier tag is not closed. */
		if (find(name, nlen, 0, p->otag, p->olen))
			return tpl_error_at(p, t.line, t.col, "unclosed tag '%s'",
					tpl_show(&p->msg, p->otag, p->olen));
		trim(&name, &nlen);
		if (nlen && name[0] == '*' && (t.type == T_PARTIAL ||
		    t.type == T_PARENT || t.type == T_CLOSE)) {
			t.dynamic = 1;
			name++, nlen--;
			trim(&name, &nlen);
		}
		if (!nlen)
			return tpl_error_at(p, t.line, t.col, "empty tag name");
		if (has_space(name, nlen) ||
		    ((t.type == T_VAR || t.type == T_RAW ||
		      t.type == T_SECTION || t.type == T_INVERTED ||
		      t.dynamic) && !is_dotted_name(name, nlen)))
			return tpl_error_at(p, t.line, t.col, "bad tag name '%s'",
					tpl_show(&p->msg, name, nlen));
	}
	t.s = name;
	t.len = nlen;
	p->pos = after;
	push_tok(p, &t);
	return 0;
}

static void push_text(struct parser *p, size_t from, size_t to, int nl)
{
	struct tok t = { 0 };

	t.type = T_TEXT;
	t.s = p->s + from;
	t.len = to - from;
	t.nl = nl;
	push_tok(p, &t);
}

/*
 * Cut the next line into p->toks: text up to and with its line end, and
 * the tags on it (a tag may span lines: a comment, say). None at the end.
 */
int tpl_lex_line(struct parser *p)
{
	p->ntoks = 0;
	while (p->pos < p->len) {
		const char *nl;
		size_t upto;
		int rc;

		if (!p->next_valid || p->next_tag < p->pos) {
			const char *t = find(p->s, p->len, p->pos, p->otag,
					     p->olen);

			p->next_tag = t ? (size_t)(t - p->s) : p->len;
			p->next_valid = 1;
		}
		upto = p->next_tag;
		nl = memchr(p->s + p->pos, '\n', upto - p->pos);
		if (nl) {
			size_t to = (size_t)(nl - p->s) + 1;

			push_text(p, p->pos, to, 1);
			p->pos = to;
			return 0;
		}
		if (upto > p->pos)
			push_text(p, p->pos, upto, 0);
		p->pos = upto;
		if (upto == p->len)
			break;
		if ((rc = lex_tag(p)) < 0)
			return rc;
	}
	return 0;
}
