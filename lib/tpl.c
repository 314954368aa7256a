#include "acct/tpl.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/banned.h"

/*
 * A template is compiled in two passes over its lines. The lexer cuts the
 * next line into tokens: text (split where lines end) and tags. The line
 * pass then decides which whitespace belongs to a tag rather than to the
 * output (the specification's "standalone" lines, and the inheritance
 * module's finer rules, below), and builds the tree with an explicit stack
 * of open sections, so that nesting costs no C stack while parsing.
 *
 * Indentation is applied where a line of a template starts, never inside
 * an interpolated value: a partial included on a line of its own gets that
 * line's indentation before each of its lines, as if it had been written
 * there. The tree carries this as N_INDENT nodes and NF_BOL flags at line
 * starts, which emit the indentation in force while rendering (nothing,
 * outside such partials).
 *
 * Inheritance follows the rules proposed with the specification's block
 * reindentation tests (mustache/spec#130, #131). A tag is clear on the left
 * when only blanks precede it on its line, on the right when only blanks
 * follow it up to the line's end.
 *
 * - Inside `{{<parent}}...{{/parent}}` only `{{$block}}` tags (arguments)
 *   count; the rest is parsed and dropped. An argument's opening tag clear
 *   on the right takes the line end with it, and the blanks that start its
 *   first line (its intrinsic indentation) are removed from each of its
 *   lines; its closing tag clear on the left takes those blanks with it.
 * - A parent's tags are a standalone pair when the opening one is clear on
 *   the left and the closing one on the right: the blanks before the first
 *   become the parent's indentation, and the line end after the second
 *   goes, as for a standalone partial.
 * - A block elsewhere (a parameter) is replaced by its argument, or else
 *   renders its own content. Its tags are standalone as section tags are.
 *   When the opening tag is alone on its line, the intrinsic indentation of
 *   its content is removed as above. Its pair is standalone when the
 *   opening tag is clear on the left and the closing one on the right; the
 *   blanks before the opening tag then belong to the pair. What renders in
 *   its place is indented by the intrinsic indentation, else by the
 *   standalone pair's, starting with its first line when the block starts
 *   a line.
 */

enum node_type {
	N_TEXT,		/* literal text */
	N_INDENT,	/* a line starts here: the indentation in force */
	N_FIRST,	/* a block's first line: ditto, if the block starts one */
	N_VAR,		/* {{name}} */
	N_RAW,		/* {{{name}}}, {{&name}} */
	N_SECTION,	/* {{#name}} */
	N_INVERTED,	/* {{^name}} */
	N_PARTIAL,	/* {{>name}} */
	N_PARENT,	/* {{<name}} */
	N_BLOCK,	/* {{$name}} */
};

enum node_flags {
	NF_BOL = 1 << 0,	/* text: starts a line */
	NF_DYNAMIC = 1 << 1,	/* partial, parent: {{>*name}} */
	NF_AT_BOL = 1 << 2,	/* block: stands where a line starts */
};

struct node {
	unsigned char type, flags;
	uint32_t line, col;		/* where the tag starts */
	const char *s;			/* the text, or the tag's name */
	size_t len;
	const char *ind;		/* partial, parent: standalone
					 * indentation; block: its own */
	size_t ind_len;
	struct node *kids;		/* section, block: the body; parent:
					 * its argument blocks, by name */
	size_t nkids;
	const struct acct_tpl *tpl;	/* the template it is part of */
};

struct acct_tpl {
	char *name, *path;
	char *src;
	size_t len;
	struct node *nodes;
	size_t n;
};

static void free_nodes(struct node *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free_nodes(v[i].kids, v[i].nkids);
	free(v);
}

void acct_tpl_free(struct acct_tpl *tpl)
{
	if (!tpl)
		return;
	free_nodes(tpl->nodes, tpl->n);
	free(tpl->name);
	free(tpl->path);
	free(tpl->src);
	free(tpl);
}

const char *acct_tpl_name(const struct acct_tpl *tpl)
{
	return tpl->name;
}

const char *acct_tpl_path(const struct acct_tpl *tpl)
{
	return tpl->path;
}

void acct_tpl_source_release(struct acct_tpl_source *src)
{
	if (!src)
		return;
	acct_buf_release(&src->text);
	acct_buf_release(&src->path);
}

/* A name or tag for a message: controls made visible, long ones cut. */
static const char *show(struct acct_buf *b, const char *s, size_t len)
{
	acct_buf_reset(b);
	if (len > 60) {
		size_t cut = 57;

		while (cut && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;		/* not inside a character */
		acct_text_escape_terminal(b, s, cut);
		acct_buf_addstr(b, "...");
	} else {
		acct_text_escape_terminal(b, s, len);
	}
	return b->buf;
}

/* --- the lexer ---------------------------------------------------------- */

enum tok_type {
	T_TEXT,
	T_VAR,
	T_RAW,
	T_SECTION,
	T_INVERTED,
	T_CLOSE,
	T_COMMENT,
	T_DELIM,
	T_PARTIAL,
	T_PARENT,
	T_BLOCK,
};

struct tok {
	enum tok_type type;
	int dynamic;		/* {{>*name}}, {{<*name}}, {{/ *name}} */
	int nl;			/* text: ends its line */
	const char *s;		/* text: the bytes; tag: the name */
	size_t len;
	const char *raw;	/* tag: as written, for messages */
	size_t rawlen;
	uint32_t line, col;
};

/* An open section, block or parent while parsing; the root is one too. */
enum box_kind {
	BOX_ROOT,
	BOX_SECTION,
	BOX_INVERTED,
	BOX_PARAM,		/* a block outside a parent */
	BOX_ARG,		/* a block passed to a parent */
	BOX_PARENT,
};

struct box {
	enum box_kind kind;
	struct tok open;
	struct node *v;		/* what is inside, so far */
	size_t n, alloc;
	int open_l;		/* the opening tag is clear on the left */
	int open_b;		/* ... and on the right (its line went) */
	const char *ws;		/* the blanks before the opening tag */
	size_t ws_len;
	size_t patch;		/* the node that starts the opening tag's line
				 * in the box outside, or NO_NODE */
	const char *intr;	/* intrinsic indentation */
	size_t intr_len;
	int intr_pending;	/* it is that of the next line */
};

#define NO_NODE SIZE_MAX

struct parser {
	struct acct_tpl *tpl;
	struct acct_error *err;
	const char *s;
	size_t len, pos;
	const char *otag, *ctag;	/* the delimiters */
	size_t olen, clen;
	size_t next_tag;		/* where otag is next found, or len */
	int next_valid;
	struct acct_buf close_triple;	/* "}" ctag */
	struct acct_buf close_delim;	/* "=" ctag */
	size_t at;			/* line and col are those of s[at] */
	uint32_t line, col;
	struct tok *toks;		/* the current line */
	size_t ntoks, atoks;
	struct box *boxes;		/* boxes[0] is the root */
	size_t nboxes, aboxes;
	size_t *strips;			/* boxes with intrinsic indentation */
	size_t nstrips;
	int line_marked;		/* this line's start is marked */
	int first_pending;		/* the next mark is N_FIRST */
	size_t line_first;		/* the node that marks it */
	int drop_rest;			/* the rest of the line is a tag's */
	struct acct_buf msg, msg2;	/* for messages */
};

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

static int error_at(struct parser *p, uint32_t line, uint32_t col,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int error_at(struct parser *p, uint32_t line, uint32_t col,
		    const char *fmt, ...)
{
	char buf[sizeof(p->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
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

static int is_blank(char c)
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

static void set_delims(struct parser *p, const char *o, size_t olen,
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
		return error_at(p, t->line, t->col, "empty delimiters");
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
		return error_at(p, t->line, t->col, "bad delimiters '%s'",
				show(&p->msg, t->raw, t->rawlen));
	set_delims(p, a, alen, b, blen);
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
			return error_at(p, t.line, t.col, "unclosed tag '%s{'",
					show(&p->msg, p->otag, p->olen));
		after = (size_t)(end - s) + p->close_triple.len;
		t.type = T_RAW;
		name = s + q + 1;
	} else if (sig == '=') {
		end = find(s, p->len, q + 1, p->close_delim.buf,
			   p->close_delim.len);
		if (!end) {
			end = find(s, p->len, q + 1, p->ctag, p->clen);
			if (!end)
				return error_at(p, t.line, t.col,
						"unclosed tag '%s'",
						show(&p->msg, p->otag, p->olen));
			t.rawlen = (size_t)(end - t.raw) + p->clen;
			return error_at(p, t.line, t.col, "bad delimiters '%s'",
					show(&p->msg, t.raw, t.rawlen));
		}
		after = (size_t)(end - s) + p->close_delim.len;
		t.type = T_DELIM;
		name = s + q + 1;
	} else {
		end = find(s, p->len, q, p->ctag, p->clen);
		if (!end)
			return error_at(p, t.line, t.col, "unclosed tag '%s'",
					show(&p->msg, p->otag, p->olen));
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
			return error_at(p, t.line, t.col, "unclosed tag '%s'",
					show(&p->msg, p->otag, p->olen));
		trim(&name, &nlen);
		if (nlen && name[0] == '*' && (t.type == T_PARTIAL ||
		    t.type == T_PARENT || t.type == T_CLOSE)) {
			t.dynamic = 1;
			name++, nlen--;
			trim(&name, &nlen);
		}
		if (!nlen)
			return error_at(p, t.line, t.col, "empty tag name");
		if (has_space(name, nlen) ||
		    ((t.type == T_VAR || t.type == T_RAW ||
		      t.type == T_SECTION || t.type == T_INVERTED ||
		      t.dynamic) && !is_dotted_name(name, nlen)))
			return error_at(p, t.line, t.col, "bad tag name '%s'",
					show(&p->msg, name, nlen));
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
static int lex_line(struct parser *p)
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

/* --- the line pass ------------------------------------------------------ */

static struct box *top(struct parser *p)
{
	return &p->boxes[p->nboxes - 1];
}

/* Text that is blanks and perhaps the line end. */
static int is_blank_text(const struct tok *t)
{
	size_t n = t->len, i;

	if (t->type != T_TEXT)
		return 0;
	if (t->nl) {
		n--;
		if (n && t->s[n - 1] == '\r')
			n--;
	}
	for (i = 0; i < n; i++)
		if (!is_blank(t->s[i]))
			return 0;
	return 1;
}

/* Text that is only a line end: an empty line, which gets no indentation. */
static int is_line_end(const char *s, size_t len)
{
	return (len == 1 && s[0] == '\n') ||
	       (len == 2 && s[0] == '\r' && s[1] == '\n');
}

/* Add `nd` to the current box; NO_NODE when a parent drops it. */
static size_t add_node(struct parser *p, const struct node *nd)
{
	struct box *b = top(p);

	if (b->kind == BOX_PARENT) {
		free_nodes(nd->kids, nd->nkids);
		return NO_NODE;
	}
	if (b->n == b->alloc) {
		b->alloc = b->alloc ? 2 * b->alloc : 8;
		b->v = acct_realloc(b->v, b->alloc * sizeof(*b->v));
	}
	b->v[b->n] = *nd;
	return b->n++;
}

static struct node tag_node(struct parser *p, enum node_type type,
			    const struct tok *t)
{
	struct node nd = { 0 };

	nd.type = (unsigned char)type;
	nd.flags = t->dynamic ? NF_DYNAMIC : 0;
	nd.line = t->line;
	nd.col = t->col;
	nd.s = t->s;
	nd.len = t->len;
	nd.tpl = p->tpl;
	return nd;
}

/* Mark the start of the line before what is added next, once a line. */
static void mark_line(struct parser *p)
{
	struct node nd = { 0 };

	if (p->line_marked)
		return;
	nd.type = p->first_pending ? N_FIRST : N_INDENT;
	nd.tpl = p->tpl;
	p->line_first = add_node(p, &nd);
	p->line_marked = 1;
	p->first_pending = 0;
}

/*
 * Add text. The first text on a line starts it (NF_BOL), unless it is only
 * the line end; text that continues the previous node in the source joins
 * it, which keeps plain text one node however many lines it has.
 */
static void add_text(struct parser *p, const struct tok *t, int nomerge)
{
	struct node nd = { 0 };
	struct box *b = top(p);
	size_t at;

	if (!t->len)
		return;
	nd.type = N_TEXT;
	nd.s = t->s;
	nd.len = t->len;
	nd.tpl = p->tpl;
	if (!p->line_marked && !is_line_end(t->s, t->len)) {
		if (p->first_pending) {
			mark_line(p);
		} else {
			nd.flags = NF_BOL;
			p->line_marked = 1;
		}
	}
	if (!nomerge && b->kind != BOX_PARENT && b->n) {
		struct node *last = &b->v[b->n - 1];

		if (last->type == N_TEXT && last->len &&
		    last->s + last->len == t->s &&
		    (!(nd.flags & NF_BOL) || last->s[last->len - 1] == '\n')) {
			last->len += t->len;
			return;
		}
	}
	at = add_node(p, &nd);
	if (nd.flags & NF_BOL)
		p->line_first = at;
}

/* Remove the node that started an opening tag's line in box `b`. */
static void unmark(struct parser *p, size_t b, size_t idx)
{
	struct node *nd;

	if (idx == NO_NODE || p->boxes[b].kind == BOX_PARENT)
		return;
	nd = &p->boxes[b].v[idx];
	nd->type = N_TEXT;
	nd->flags = 0;
	nd->len = 0;
}

/*
 * The intrinsic indentation of the blocks open around this line comes off
 * its start, the outermost first; a block whose opening tag ended the last
 * line takes this line's blanks as its own.
 */
static void strip_line(struct parser *p)
{
	struct tok *t = p->ntoks ? &p->toks[0] : NULL;
	const char *s = t && t->type == T_TEXT ? t->s : NULL;
	size_t ws = 0, i;
	struct box *b = top(p);

	if (s)
		while (ws < t->len && is_blank(s[ws]))
			ws++;
	for (i = 0; i < p->nstrips && ws; i++) {
		const struct box *sb = &p->boxes[p->strips[i]];
		size_t k = 0;

		while (k < sb->intr_len && k < ws && s[k] == sb->intr[k])
			k++;
		s += k, ws -= k;
		if (k < sb->intr_len)
			break;
	}
	if (b->intr_pending) {
		b->intr_pending = 0;
		b->intr = s;
		b->intr_len = ws;
		if (ws) {
			p->strips[p->nstrips++] = p->nboxes - 1;
			s += ws;
		}
	}
	if (s) {
		t->len -= (size_t)(s - t->s);
		t->s = s;
	}
}

static int push_box(struct parser *p, enum box_kind kind, const struct tok *t)
{
	struct box *b;

	if (p->nboxes > ACCT_TPL_MAX_NESTING)
		return error_at(p, t->line, t->col, "sections nest deeper "
				"than %d levels", ACCT_TPL_MAX_NESTING);
	if (p->nboxes == p->aboxes) {
		p->aboxes *= 2;
		p->boxes = acct_realloc(p->boxes, p->aboxes * sizeof(*p->boxes));
	}
	b = &p->boxes[p->nboxes++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->open = *t;
	b->patch = NO_NODE;
	return 0;
}

static const char *box_what(const struct box *b)
{
	switch (b->kind) {
	case BOX_PARAM:
	case BOX_ARG:
		return "block";
	case BOX_PARENT:
		return "parent";
	default:
		return "section";
	}
}

static int by_name(const void *a, const void *b)
{
	const struct node *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);

	if (c)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/*
 * Whether closing tag `t` matches opening tag `open`. The lexer takes a
 * leading '*' of a closing tag for a dynamic name's; a section may be
 * called "*x" too.
 */
static int same_name(const struct tok *open, const struct tok *t)
{
	if (open->dynamic == t->dynamic)
		return open->len == t->len && !memcmp(open->s, t->s, t->len);
	return !open->dynamic && open->len == t->len + 1 &&
	       open->s[0] == '*' && !memcmp(open->s + 1, t->s, t->len);
}

/* Close the top box with tag `t`, clear on the left `l` and right `r`. */
static int close_box(struct parser *p, const struct tok *t,
		     const struct tok *held, int l, int r)
{
	struct box *b = top(p);
	struct node nd;
	size_t i;

	if (p->nboxes == 1)
		return error_at(p, t->line, t->col, "'%s' closes nothing",
				show(&p->msg, t->raw, t->rawlen));
	if (!same_name(&b->open, t))
		return error_at(p, t->line, t->col, "'%s' closes '%s%s', "
				"opened at %u:%u",
				show(&p->msg, t->raw, t->rawlen),
				b->open.dynamic ? "*" : "",
				show(&p->msg2, b->open.s, b->open.len),
				b->open.line, b->open.col);
	switch (b->kind) {
	case BOX_SECTION:
	case BOX_INVERTED:
	case BOX_PARAM:
		if (l && r)
			p->drop_rest = 1;
		else if (held)
			add_text(p, held, 0);
		break;
	case BOX_ARG:
		/* Blanks before it are the tag's; after it, the parent's. */
		break;
	case BOX_PARENT:
		if (b->open_l && r) {
			unmark(p, p->nboxes - 2, b->patch);
			p->drop_rest = 1;
		} else {
			b->ws_len = 0;
		}
		break;
	default:
		break;
	}
	nd = tag_node(p, b->kind == BOX_SECTION ? N_SECTION :
		      b->kind == BOX_INVERTED ? N_INVERTED :
		      b->kind == BOX_PARENT ? N_PARENT : N_BLOCK, &b->open);
	nd.kids = b->v;
	nd.nkids = b->n;
	b->v = NULL;
	b->n = 0;
	if (b->kind == BOX_PARENT) {
		nd.ind = b->ws;
		nd.ind_len = b->ws_len;
		if (nd.nkids > 1)
			qsort(nd.kids, nd.nkids, sizeof(*nd.kids), by_name);
		for (i = 1; i < nd.nkids; i++)
			if (!by_name(&nd.kids[i - 1], &nd.kids[i])) {
				const struct node *k = &nd.kids[i];
				int rc = error_at(p, k->line, k->col, "block "
						  "'%s' is passed to '%s' twice",
						  show(&p->msg, k->s, k->len),
						  show(&p->msg2, b->open.s,
						       b->open.len));

				free_nodes(nd.kids, nd.nkids);
				return rc;
			}
	} else if (b->kind == BOX_PARAM) {
		int pair = b->open_l && r;

		if (pair && !b->open_b)
			unmark(p, p->nboxes - 2, b->patch);
		if (b->open_b || pair)
			nd.flags |= NF_AT_BOL;
		if (b->intr_len) {
			nd.ind = b->intr;
			nd.ind_len = b->intr_len;
		} else if (pair) {
			nd.ind = b->ws;
			nd.ind_len = b->ws_len;
		}
	}
	if (p->nstrips && p->strips[p->nstrips - 1] == p->nboxes - 1)
		p->nstrips--;
	if (p->first_pending) {
		/* Nothing of the body was on the opening tag's line. */
		p->first_pending = 0;
		p->line_marked = 1;
	}
	p->nboxes--;
	if (b->kind == BOX_ARG) {
		/* An argument goes to its parent, which keeps only these. */
		struct box *parent = top(p);

		if (parent->n == parent->alloc) {
			parent->alloc = parent->alloc ? 2 * parent->alloc : 4;
			parent->v = acct_realloc(parent->v, parent->alloc *
						 sizeof(*parent->v));
		}
		parent->v[parent->n++] = nd;
		return 0;
	}
	add_node(p, &nd);
	return 0;
}

/*
 * Tag `t` of the line, with `held` the blanks before it when it is the
 * first thing on the line (NULL otherwise): they go to the output, or are
 * the tag's.
 */
static int line_tag(struct parser *p, const struct tok *t,
		    const struct tok *held, int l, int r)
{
	struct node nd;
	struct box *b;
	int rc;

	switch (t->type) {
	case T_VAR:
	case T_RAW:
		if (held)
			add_text(p, held, 0);
		mark_line(p);
		nd = tag_node(p, t->type == T_VAR ? N_VAR : N_RAW, t);
		add_node(p, &nd);
		return 0;
	case T_COMMENT:
	case T_DELIM:
		if (l && r)
			p->drop_rest = 1;
		else if (held)
			add_text(p, held, 0);
		return 0;
	case T_SECTION:
	case T_INVERTED:
		if (l && r) {
			p->drop_rest = 1;
		} else {
			if (held)
				add_text(p, held, 0);
			mark_line(p);
		}
		return push_box(p, t->type == T_SECTION ? BOX_SECTION :
				BOX_INVERTED, t);
	case T_PARTIAL:
		nd = tag_node(p, N_PARTIAL, t);
		if (l && r) {
			p->drop_rest = 1;
			if (held) {
				nd.ind = held->s;
				nd.ind_len = held->len;
			}
		} else {
			if (held)
				add_text(p, held, 0);
			mark_line(p);
		}
		add_node(p, &nd);
		return 0;
	case T_PARENT:
		if (held)
			add_text(p, held, l);
		mark_line(p);
		if ((rc = push_box(p, BOX_PARENT, t)) < 0)
			return rc;
		b = top(p);
		b->open_l = l;
		b->patch = l ? p->line_first : NO_NODE;
		if (held) {
			b->ws = held->s;
			b->ws_len = held->len;
		}
		return 0;
	case T_BLOCK:
		if (top(p)->kind == BOX_PARENT) {
			if ((rc = push_box(p, BOX_ARG, t)) < 0)
				return rc;
			b = top(p);
			if (r) {
				p->drop_rest = 1;
				b->intr_pending = 1;
			} else {
				p->line_marked = 0;
				p->first_pending = 1;
			}
			return 0;
		}
		if (l && r) {
			p->drop_rest = 1;
		} else {
			if (held)
				add_text(p, held, l);
			mark_line(p);
		}
		if ((rc = push_box(p, BOX_PARAM, t)) < 0)
			return rc;
		b = top(p);
		b->open_l = l;
		if (held) {
			b->ws = held->s;
			b->ws_len = held->len;
		}
		if (l && r) {
			b->open_b = 1;
			b->intr_pending = 1;
		} else {
			b->patch = l ? p->line_first : NO_NODE;
			p->line_marked = 0;
			p->first_pending = 1;
		}
		return 0;
	case T_CLOSE:
		return close_box(p, t, held, l, r);
	default:
		return 0;
	}
}

static int parse_line(struct parser *p)
{
	struct tok *t = p->toks;
	size_t n = p->ntoks, f, last, i;
	const struct tok *held;
	int rc;

	p->line_marked = 0;
	p->first_pending = 0;
	p->drop_rest = 0;
	strip_line(p);
	for (f = 0; f < n && is_blank_text(&t[f]); f++)
		;
	if (f == n) {
		for (i = 0; i < n; i++)
			add_text(p, &t[i], 0);
		return 0;
	}
	for (last = n - 1; last > f && is_blank_text(&t[last]); last--)
		;
	held = f ? &t[0] : NULL;
	for (i = f; i < n; i++) {
		if (t[i].type == T_TEXT) {
			if (!p->drop_rest)
				add_text(p, &t[i], 0);
			continue;
		}
		if ((rc = line_tag(p, &t[i], held, i == f, i == last)) < 0)
			return rc;
		held = NULL;
	}
	return 0;
}

static void free_boxes(struct parser *p)
{
	size_t i;

	for (i = 0; i < p->nboxes; i++)
		free_nodes(p->boxes[i].v, p->boxes[i].n);
	free(p->boxes);
	p->boxes = NULL;
	p->nboxes = 0;
}

int acct_tpl_parse(struct acct_tpl **out, const char *name, const char *path,
		   const char *text, size_t len, struct acct_error *err)
{
	struct parser p = { 0 };
	struct acct_tpl *tpl;
	int rc = 0;

	*out = NULL;
	if (!path)
		path = name;
	if (len > ACCT_TPL_MAX_SIZE)
		return acct_error_at(err, ACCT_EDATA, path, 0, 0, "template is "
				     "larger than %d MiB",
				     ACCT_TPL_MAX_SIZE >> 20);
	tpl = acct_calloc(1, sizeof(*tpl));
	tpl->name = acct_strdup(name);
	tpl->path = acct_strdup(path);
	tpl->src = acct_malloc(len + 1);
	if (len)
		memcpy(tpl->src, text, len);
	tpl->src[len] = '\0';
	tpl->len = len;

	p.tpl = tpl;
	p.err = err;
	p.s = tpl->src;
	p.len = len;
	p.line = p.col = 1;
	p.close_triple = (struct acct_buf)ACCT_BUF_INIT;
	p.close_delim = (struct acct_buf)ACCT_BUF_INIT;
	p.msg = (struct acct_buf)ACCT_BUF_INIT;
	p.msg2 = (struct acct_buf)ACCT_BUF_INIT;
	set_delims(&p, "{{", 2, "}}", 2);
	p.aboxes = 8;
	p.boxes = acct_calloc(p.aboxes, sizeof(*p.boxes));
	p.nboxes = 1;
	p.boxes[0].kind = BOX_ROOT;
	p.boxes[0].patch = NO_NODE;
	p.strips = acct_malloc((ACCT_TPL_MAX_NESTING + 2) * sizeof(*p.strips));

	for (;;) {
		if ((rc = lex_line(&p)) < 0)
			goto out;
		if (!p.ntoks)
			break;
		if ((rc = parse_line(&p)) < 0)
			goto out;
	}
	if (p.nboxes > 1) {
		const struct box *b = top(&p);

		rc = error_at(&p, b->open.line, b->open.col, "%s '%s%s' opened "
			      "here is never closed", box_what(b),
			      b->open.dynamic ? "*" : "",
			      show(&p.msg, b->open.s, b->open.len));
		goto out;
	}
	tpl->nodes = p.boxes[0].v;
	tpl->n = p.boxes[0].n;
	p.boxes[0].v = NULL;
	p.boxes[0].n = 0;
	*out = tpl;
	tpl = NULL;
out:
	free_boxes(&p);
	free(p.strips);
	free(p.toks);
	acct_buf_release(&p.close_triple);
	acct_buf_release(&p.close_delim);
	acct_buf_release(&p.msg);
	acct_buf_release(&p.msg2);
	acct_tpl_free(tpl);
	return rc;
}

/* --- rendering ---------------------------------------------------------- */

/* Templates loaded for partials and parents, once per render, by name. */
struct cache_entry {
	char *name;		/* NULL: a free slot */
	size_t len;
	struct acct_tpl *tpl;	/* NULL: there is no such template */
};

struct cache {
	struct cache_entry *v;
	size_t n, alloc;	/* alloc: a power of two, or 0 */
};

static uint64_t hash_name(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static struct cache_entry *cache_slot(struct cache *c, const char *s,
				      size_t len)
{
	size_t i = (size_t)hash_name(s, len) & (c->alloc - 1);

	while (c->v[i].name && (c->v[i].len != len ||
				memcmp(c->v[i].name, s, len)))
		i = (i + 1) & (c->alloc - 1);
	return &c->v[i];
}

static struct cache_entry *cache_find(struct cache *c, const char *s,
				      size_t len)
{
	struct cache_entry *e;

	if (!c->alloc)
		return NULL;
	e = cache_slot(c, s, len);
	return e->name ? e : NULL;
}

static void cache_add(struct cache *c, const char *s, size_t len,
		      struct acct_tpl *tpl)
{
	struct cache_entry *e;

	if (2 * (c->n + 1) > c->alloc) {
		struct cache old = *c;
		size_t i;

		c->alloc = c->alloc ? 2 * c->alloc : 16;
		c->v = acct_calloc(c->alloc, sizeof(*c->v));
		for (i = 0; i < old.alloc; i++)
			if (old.v[i].name)
				*cache_slot(c, old.v[i].name, old.v[i].len) =
					old.v[i];
		free(old.v);
	}
	e = cache_slot(c, s, len);
	e->name = acct_strndup(s, len);
	e->len = len;
	e->tpl = tpl;
	c->n++;
}

static void cache_release(struct cache *c)
{
	size_t i;

	for (i = 0; i < c->alloc; i++)
		if (c->v[i].name) {
			free(c->v[i].name);
			acct_tpl_free(c->v[i].tpl);
		}
	free(c->v);
}

struct render {
	const struct acct_tpl_opts *opts;
	acct_tpl_escape_fn escape;
	struct acct_buf *out;
	size_t start, max_output, max_steps;
	struct acct_error *err;
	const json_t **ctx;		/* the context stack */
	size_t nctx, actx;
	struct acct_buf ind;		/* the indentation in force */
	int at_bol;			/* the block rendered starts a line */
	const char *chain[ACCT_TPL_MAX_PARTIAL_DEPTH + 1];
	size_t nchain;			/* templates being rendered */
	const struct node *scopes[ACCT_TPL_MAX_PARTIAL_DEPTH + 1];
	size_t nscopes;			/* parents being rendered */
	size_t depth, steps;
	struct cache cache;
	struct acct_buf msg;
};

static int render_nodes(struct render *st, const struct node *v, size_t n);

static int node_error(struct render *st, const struct node *nd, int code,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int node_error(struct render *st, const struct node *nd, int code,
		      const char *fmt, ...)
{
	char buf[sizeof(st->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return acct_error_at(st->err, code, nd->tpl->path, nd->line, nd->col,
			     "%s", buf);
}

static void push_ctx(struct render *st, const json_t *v)
{
	if (st->nctx == st->actx) {
		st->actx = st->actx ? 2 * st->actx : 16;
		st->ctx = acct_realloc(st->ctx, st->actx * sizeof(*st->ctx));
	}
	st->ctx[st->nctx++] = v;
}

/* A key of an object, or an index of an array ("items.0"). */
static const json_t *child(const json_t *v, const char *s, size_t len)
{
	size_t i, idx = 0;

	if (json_is_object(v))
		return json_object_getn(v, s, len);
	if (!json_is_array(v) || len > 9)
		return NULL;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return NULL;
		idx = idx * 10 + (size_t)(s[i] - '0');
	}
	return json_array_get(v, idx);
}

/*
 * A dotted name: its first part is looked up from the top of the context
 * stack down, the others only inside what that found. NULL when missing.
 * Each context looked at counts as a step of the work.
 */
static const json_t *lookup(struct render *st, const char *s, size_t len)
{
	const json_t *v = NULL;
	const char *dot;
	size_t part, i;

	if (!st->nctx)
		return NULL;
	if (len == 1 && s[0] == '.')
		return st->ctx[st->nctx - 1];
	dot = memchr(s, '.', len);
	part = dot ? (size_t)(dot - s) : len;
	for (i = st->nctx; i-- > 0 && !v;) {
		st->steps++;
		if (json_is_object(st->ctx[i]))
			v = json_object_getn(st->ctx[i], s, part);
	}
	while (v && dot) {
		s = dot + 1;
		len -= part + 1;
		dot = memchr(s, '.', len);
		part = dot ? (size_t)(dot - s) : len;
		v = child(v, s, part);
	}
	return v;
}

static int truthy(const json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	return 1;
}

/*
 * The shortest text that reads back as the same double: 1.21, not
 * 1.210000. A decimal comma, should a caller set LC_NUMERIC, becomes a
 * point.
 */
static void format_real(char *buf, size_t size, double d)
{
	char *comma;
	int prec;

	for (prec = 15; prec < 17; prec++) {
		snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	if (prec == 17)
		snprintf(buf, size, "%.17g", d);
	if ((comma = strchr(buf, ',')))
		*comma = '.';
}

/* A scalar as text (pointing into `buf` or `v`); 0 for no text. */
static int scalar_text(const json_t *v, char *buf, size_t size,
		       const char **s, size_t *len)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		*s = json_string_value(v);
		*len = json_string_length(v);
		return 1;
	case JSON_INTEGER:
		snprintf(buf, size, "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		break;
	case JSON_REAL:
		format_real(buf, size, json_real_value(v));
		break;
	case JSON_TRUE:
		snprintf(buf, size, "true");
		break;
	case JSON_FALSE:
		snprintf(buf, size, "false");
		break;
	default:
		return 0;
	}
	*s = buf;
	*len = strlen(buf);
	return 1;
}

/* Literal text, indented where its lines start (empty lines are not). */
static void emit_text(struct render *st, const struct node *nd)
{
	const char *s = nd->s, *nl;
	size_t len = nd->len, from = 0;

	if (!len)
		return;
	if (!st->ind.len) {
		acct_buf_add(st->out, s, len);
		return;
	}
	if (nd->flags & NF_BOL)
		acct_buf_add(st->out, st->ind.buf, st->ind.len);
	while ((nl = memchr(s + from, '\n', len - from))) {
		size_t i = (size_t)(nl - s) + 1;

		acct_buf_add(st->out, s + from, i - from);
		from = i;
		if (i < len && !is_line_end(s + i, i + 1 < len && s[i] == '\r' ?
					    2 : 1))
			acct_buf_add(st->out, st->ind.buf, st->ind.len);
	}
	acct_buf_add(st->out, s + from, len - from);
}

/* Count a unit of work: a node rendered, an item of a list, a lookup. */
static int step(struct render *st, const struct node *nd)
{
	if (++st->steps > st->max_steps)
		return node_error(st, nd, ACCT_EDATA, "rendering takes more "
				  "than %zu steps", st->max_steps);
	return 0;
}

static int enter(struct render *st, const struct node *nd)
{
	if (++st->depth > ACCT_TPL_MAX_DEPTH)
		return node_error(st, nd, ACCT_EDATA, "templates nest deeper "
				  "than %d levels", ACCT_TPL_MAX_DEPTH);
	return 0;
}

static int render_section(struct render *st, const struct node *nd)
{
	const json_t *v = lookup(st, nd->s, nd->len);
	size_t i;
	int rc;

	if (nd->type == N_INVERTED ? truthy(v) : !truthy(v))
		return 0;
	if ((rc = enter(st, nd)) < 0)
		return rc;
	if (nd->type == N_INVERTED) {
		rc = render_nodes(st, nd->kids, nd->nkids);
	} else if (json_is_array(v)) {
		for (i = 0; i < json_array_size(v) && rc == 0; i++) {
			if ((rc = step(st, nd)) < 0)
				break;
			push_ctx(st, json_array_get(v, i));
			rc = render_nodes(st, nd->kids, nd->nkids);
			st->nctx--;
		}
	} else {
		push_ctx(st, v);
		rc = render_nodes(st, nd->kids, nd->nkids);
		st->nctx--;
	}
	st->depth--;
	return rc;
}

/*
 * The template a partial or parent tag names, loaded once: NULL in `*out`
 * when there is none. A loader's error without a place of its own is put
 * at the tag.
 */
static int get_template(struct render *st, const struct node *nd,
			const char *name, size_t len, struct acct_tpl **out)
{
	struct acct_tpl_source src = ACCT_TPL_SOURCE_INIT;
	struct cache_entry *e = cache_find(&st->cache, name, len);
	struct acct_tpl *tpl = NULL;
	char *cname;
	int rc = 0;

	if (e) {
		*out = e->tpl;
		return 0;
	}
	*out = NULL;
	cname = acct_strndup(name, len);
	if (!st->opts->load || strlen(cname) != len) {
		rc = ACCT_ENOTFOUND;
	} else {
		rc = st->opts->load(&src, cname, st->opts->payload, st->err);
		if (rc == 0)
			rc = acct_tpl_parse(&tpl, cname, src.path.len ?
					    src.path.buf : cname, src.text.buf,
					    src.text.len, st->err);
	}
	if (rc == ACCT_ENOTFOUND) {
		acct_error_clear(st->err);
		rc = 0;
	} else if (rc < 0 && (!st->err || !st->err->file[0])) {
		char msg[sizeof(st->err->msg)] = "", hint[sizeof(msg)] = "";

		if (st->err) {
			snprintf(msg, sizeof(msg), "%s", st->err->msg);
			snprintf(hint, sizeof(hint), "%s", st->err->hint);
		}
		rc = node_error(st, nd, rc == ACCT_EUSAGE ? ACCT_EDATA : rc,
				"%s", msg);
		if (st->err && hint[0])
			acct_error_hint(st->err, "%s", hint);
	}
	if (rc == 0) {
		cache_add(&st->cache, name, len, tpl);
		*out = tpl;
	}
	free(cname);
	acct_tpl_source_release(&src);
	return rc;
}

static int chain_error(struct render *st, const struct node *nd,
		       const char *name, size_t len)
{
	struct acct_buf b = ACCT_BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < st->nchain && b.len < 100; i++) {
		acct_buf_addstr(&b, show(&st->msg, st->chain[i],
					 strlen(st->chain[i])));
		acct_buf_addstr(&b, " -> ");
	}
	if (i < st->nchain)
		acct_buf_addstr(&b, "...");
	else
		acct_buf_addstr(&b, show(&st->msg, name, len));
	rc = node_error(st, nd, ACCT_EDATA, "partials nest deeper than %d: %s",
			ACCT_TPL_MAX_PARTIAL_DEPTH, b.buf);
	acct_buf_release(&b);
	return rc;
}

/* {{>name}} and {{<name}}...{{/name}}: another template, here. */
static int render_partial(struct render *st, const struct node *nd)
{
	const char *name = nd->s;
	size_t len = nd->len, ind = st->ind.len;
	char buf[64];
	struct acct_tpl *tpl;
	int rc;

	if (nd->flags & NF_DYNAMIC &&
	    !scalar_text(lookup(st, nd->s, nd->len), buf, sizeof(buf), &name,
			 &len))
		return 0;
	if (!len)
		return 0;
	if ((rc = get_template(st, nd, name, len, &tpl)) < 0 || !tpl)
		return rc;
	if (st->nchain > ACCT_TPL_MAX_PARTIAL_DEPTH)
		return chain_error(st, nd, name, len);
	if ((rc = enter(st, nd)) < 0)
		return rc;
	st->chain[st->nchain++] = tpl->name;
	if (nd->type == N_PARENT)
		st->scopes[st->nscopes++] = nd;
	acct_buf_add(&st->ind, nd->ind, nd->ind_len);
	rc = render_nodes(st, tpl->nodes, tpl->n);
	acct_buf_setlen(&st->ind, ind);
	if (nd->type == N_PARENT)
		st->nscopes--;
	st->nchain--;
	st->depth--;
	return rc;
}

/* The argument called like block `nd` that parent `p` passes, or NULL. */
static const struct node *find_arg(const struct node *p, const struct node *nd)
{
	size_t lo = 0, hi = p->nkids;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = by_name(&p->kids[mid], nd);

		if (!c)
			return &p->kids[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * {{$name}}: what the outermost parent being rendered passes for it, else
 * its own content.
 */
static int render_block(struct render *st, const struct node *nd)
{
	const struct node *body = nd;
	size_t i, ind = st->ind.len;
	int at_bol = st->at_bol, rc;

	for (i = 0; i < st->nscopes; i++) {
		const struct node *arg = find_arg(st->scopes[i], nd);

		if (arg) {
			body = arg;
			break;
		}
	}
	if ((rc = enter(st, nd)) < 0)
		return rc;
	acct_buf_add(&st->ind, nd->ind, nd->ind_len);
	st->at_bol = !!(nd->flags & NF_AT_BOL);
	rc = render_nodes(st, body->kids, body->nkids);
	st->at_bol = at_bol;
	acct_buf_setlen(&st->ind, ind);
	st->depth--;
	return rc;
}

static int render_nodes(struct render *st, const struct node *v, size_t n)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		const struct node *nd = &v[i];
		char buf[64];
		const char *s;
		size_t len;

		if ((rc = step(st, nd)) < 0)
			return rc;
		switch (nd->type) {
		case N_TEXT:
			emit_text(st, nd);
			break;
		case N_FIRST:
			if (!st->at_bol)
				break;
			/* fall through */
		case N_INDENT:
			acct_buf_add(st->out, st->ind.buf, st->ind.len);
			break;
		case N_VAR:
		case N_RAW:
			if (!scalar_text(lookup(st, nd->s, nd->len), buf,
					 sizeof(buf), &s, &len))
				break;
			if (nd->type == N_VAR)
				st->escape(st->out, s, len);
			else
				acct_buf_add(st->out, s, len);
			break;
		case N_SECTION:
		case N_INVERTED:
			rc = render_section(st, nd);
			break;
		case N_PARTIAL:
		case N_PARENT:
			rc = render_partial(st, nd);
			break;
		case N_BLOCK:
			rc = render_block(st, nd);
			break;
		default:
			break;
		}
		if (rc == 0 && st->out->len - st->start > st->max_output)
			return node_error(st, nd, ACCT_EDATA, "the output is "
					  "larger than %zu bytes",
					  st->max_output);
	}
	return rc;
}

int acct_tpl_render(struct acct_buf *out, const struct acct_tpl *tpl,
		    const struct json_t *data, const struct acct_tpl_opts *opts,
		    struct acct_error *err)
{
	static const struct acct_tpl_opts none;
	struct render st = { 0 };
	int rc;

	st.opts = opts ? opts : &none;
	st.escape = st.opts->escape ? st.opts->escape : acct_tpl_escape_none;
	st.out = out;
	st.start = out->len;
	st.max_output = st.opts->max_output ? st.opts->max_output :
			ACCT_TPL_MAX_OUTPUT;
	st.max_steps = st.opts->max_steps ? st.opts->max_steps :
		       ACCT_TPL_MAX_STEPS;
	st.err = err;
	st.ind = (struct acct_buf)ACCT_BUF_INIT;
	st.msg = (struct acct_buf)ACCT_BUF_INIT;
	st.chain[st.nchain++] = tpl->name;
	if (data)
		push_ctx(&st, data);
	rc = render_nodes(&st, tpl->nodes, tpl->n);
	if (rc < 0)
		acct_buf_setlen(out, st.start);
	cache_release(&st.cache);
	free(st.ctx);
	acct_buf_release(&st.ind);
	acct_buf_release(&st.msg);
	return rc;
}

int acct_tpl_load(struct acct_tpl **out, const char *name,
		  const struct acct_tpl_opts *opts, struct acct_error *err)
{
	struct acct_tpl_source src = ACCT_TPL_SOURCE_INIT;
	int rc;

	*out = NULL;
	if (!opts || !opts->load)
		return acct_error_set(err, ACCT_ENOTFOUND, "unknown template "
				      "'%s'", name);
	if ((rc = opts->load(&src, name, opts->payload, err)) == 0)
		rc = acct_tpl_parse(out, name, src.path.len ? src.path.buf :
				    name, src.text.buf, src.text.len, err);
	acct_tpl_source_release(&src);
	return rc;
}

int acct_tpl_render_named(struct acct_buf *out, const char *name,
			  const struct json_t *data,
			  const struct acct_tpl_opts *opts,
			  struct acct_error *err)
{
	struct acct_tpl *tpl;
	int rc;

	if ((rc = acct_tpl_load(&tpl, name, opts, err)) < 0)
		return rc;
	rc = acct_tpl_render(out, tpl, data, opts, err);
	acct_tpl_free(tpl);
	return rc;
}
