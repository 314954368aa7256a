/*
 * The Mustache compiler: the line pass over the lexer's tokens, and the
 * tree it builds.
 */
#include "acct/tpl.h"
#include "tpl_int.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
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
		if (!tpl_is_blank(t->s[i]))
			return 0;
	return 1;
}

/* Text that is only a line end: an empty line, which gets no indentation. */
int tpl_is_line_end(const char *s, size_t len)
{
	return (len == 1 && s[0] == '\n') ||
	       (len == 2 && s[0] == '\r' && s[1] == '\n');
}

/* Add `nd` to the current box; NO_NODE when a parent drops it. */
static size_t add_node(struct parser *p, const struct node *nd)
{
	struct box *b = top(p);

	if (b->kind == BOX_PARENT) {
		tpl_free_nodes(nd->kids, nd->nkids);
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
	if (!p->line_marked && !tpl_is_line_end(t->s, t->len)) {
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
		while (ws < t->len && tpl_is_blank(s[ws]))
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
		return tpl_error_at(p, t->line, t->col, "sections nest deeper "
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

int tpl_by_name(const void *a, const void *b)
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
		return tpl_error_at(p, t->line, t->col, "'%s' closes nothing",
				tpl_show(&p->msg, t->raw, t->rawlen));
	if (!same_name(&b->open, t))
		return tpl_error_at(p, t->line, t->col, "'%s' closes '%s%s', "
				"opened at %u:%u",
				tpl_show(&p->msg, t->raw, t->rawlen),
				b->open.dynamic ? "*" : "",
				tpl_show(&p->msg2, b->open.s, b->open.len),
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
			qsort(nd.kids, nd.nkids, sizeof(*nd.kids), tpl_by_name);
		for (i = 1; i < nd.nkids; i++)
			if (!tpl_by_name(&nd.kids[i - 1], &nd.kids[i])) {
				const struct node *k = &nd.kids[i];
				int rc = tpl_error_at(p, k->line, k->col, "block "
						  "'%s' is passed to '%s' twice",
						  tpl_show(&p->msg, k->s, k->len),
						  tpl_show(&p->msg2, b->open.s,
						       b->open.len));

				tpl_free_nodes(nd.kids, nd.nkids);
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
		tpl_free_nodes(p->boxes[i].v, p->boxes[i].n);
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
	tpl_set_delims(&p, "{{", 2, "}}", 2);
	p.aboxes = 8;
	p.boxes = acct_calloc(p.aboxes, sizeof(*p.boxes));
	p.nboxes = 1;
	p.boxes[0].kind = BOX_ROOT;
	p.boxes[0].patch = NO_NODE;
	p.strips = acct_malloc((ACCT_TPL_MAX_NESTING + 2) * sizeof(*p.strips));

	for (;;) {
		if ((rc = tpl_lex_line(&p)) < 0)
			goto out;
		if (!p.ntoks)
			break;
		if ((rc = parse_line(&p)) < 0)
			goto out;
	}
	if (p.nboxes > 1) {
		const struct box *b = top(&p);

		rc = tpl_error_at(&p, b->open.line, b->open.col, "%s '%s%s' opened "
			      "here is never closed", box_what(b),
			      b->open.dynamic ? "*" : "",
			      tpl_show(&p.msg, b->open.s, b->open.len));
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
