#include "acct/yaml.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/banned.h"

/* Beyond these a document is refused rather than allowed to eat memory. */
#define MAX_NODES 1000000
#define MAX_ANCHORS 256

/*
 * The nodes and their strings live in one arena freed at once: a document
 * is read, used and dropped whole.
 */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	char data[];
};

static void *arena_alloc(struct acct_ydoc *doc, size_t n)
{
	struct arena_block *b = doc->pool;

	n = (n + 15) & ~(size_t)15;
	if (!b || b->size - b->used < n) {
		/* Most documents are a card or an answer: a small first block. */
		size_t block = b ? 16384 : 2048;
		size_t size = n > block ? n : block;

		b = acct_malloc(sizeof(*b) + size);
		b->next = doc->pool;
		b->used = 0;
		b->size = size;
		doc->pool = b;
	}
	b->used += n;
	return memset(b->data + b->used - n, 0, n);
}

static char *arena_strndup(struct acct_ydoc *doc, const char *s, size_t n)
{
	char *p = arena_alloc(doc, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void acct_ydoc_release(struct acct_ydoc *doc)
{
	struct arena_block *b, *next;

	if (!doc)
		return;
	for (b = doc->pool; b; b = next) {
		next = b->next;
		free(b);
	}
	memset(doc, 0, sizeof(*doc));
}

/*
 * libyaml 0.2.5 counts a mark's index in characters (a BOM not counted).
 * A cursor walks the UTF-8 source to turn that into a byte offset; marks
 * come nearly in order, so it moves a short way each time.
 */
struct cursor {
	const char *s;
	size_t len, first;	/* first: the byte where character 0 is */
	size_t ci, bi;
};

static int is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

static size_t byte_at(struct cursor *c, size_t ci)
{
	while (c->ci < ci && c->bi < c->len) {
		c->bi++;
		while (c->bi < c->len && is_cont((unsigned char)c->s[c->bi]))
			c->bi++;
		c->ci++;
	}
	while (c->ci > ci && c->bi > c->first) {
		c->bi--;
		while (c->bi > c->first && is_cont((unsigned char)c->s[c->bi]))
			c->bi--;
		c->ci--;
	}
	return c->bi;
}

/*
 * Line and column (1-based, column in characters) of byte `off`. `pos`
 * remembers the last answer: nodes arrive nearly in order, so the scan
 * goes on from there instead of from the start (linear, not quadratic).
 */
struct linepos {
	size_t off, line, col;
};

static void line_col_of(const char *s, size_t len, size_t off,
			size_t *line, size_t *col, struct linepos *pos)
{
	size_t i = 0, l = 1, c = 1;

	if (off > len)
		off = len;
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		i = 3;	/* a BOM is no character */
	if (pos && pos->line && pos->off <= off && pos->off >= i) {
		i = pos->off;
		l = pos->line;
		c = pos->col;
	}
	for (; i < off; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '\n' || (ch == '\r' && (i + 1 >= len || s[i + 1] != '\n'))) {
			l++;
			c = 1;
		} else if (ch != '\r' && !is_cont(ch)) {
			c++;
		}
	}
	*line = l;
	*col = c;
	if (pos) {
		pos->off = off;
		pos->line = l;
		pos->col = c;
	}
}

struct frame {
	struct acct_ynode *node;
	struct acct_ynode **items;
	size_t n, alloc;
};

struct builder {
	struct acct_ydoc *doc;
	struct cursor cur;
	struct frame stack[ACCT_YAML_MAX_DEPTH + 1];
	size_t depth;
	size_t nodes;
	struct {
		const char *name;
		struct acct_ynode *node;
	} anchors[MAX_ANCHORS];
	size_t nanchors;
	struct acct_error *err;
	struct linepos pos;
};

static int fail_at(struct builder *b, const yaml_mark_t *m, const char *what,
		   const char *detail)
{
	size_t off = byte_at(&b->cur, m->index), line, col;

	line_col_of(b->doc->src, b->doc->len, off, &line, &col, &b->pos);
	if (detail)
		return acct_error_at(b->err, ACCT_EDATA, b->doc->path, line,
				     col, "%s %s", what, detail);
	return acct_error_at(b->err, ACCT_EDATA, b->doc->path, line, col,
			     "%s", what);
}

static size_t add_weight(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static struct acct_ynode *new_node(struct builder *b, enum acct_ynode_type t,
				   const yaml_event_t *ev)
{
	struct acct_ynode *n;

	if (++b->nodes > MAX_NODES)
		return NULL;
	n = arena_alloc(b->doc, sizeof(*n));
	n->type = t;
	n->start = byte_at(&b->cur, ev->start_mark.index);
	n->end = byte_at(&b->cur, ev->end_mark.index);
	line_col_of(b->doc->src, b->doc->len, n->start, &n->line, &n->col,
		    &b->pos);
	n->value = "";
	return n;
}

static int add_anchor(struct builder *b, const yaml_event_t *ev,
		      const yaml_char_t *anchor, struct acct_ynode *n)
{
	if (!anchor)
		return 0;
	if (b->nanchors == MAX_ANCHORS)
		return fail_at(b, &ev->start_mark, "too many anchors", "(at most 256)");
	n->anchor = arena_strndup(b->doc, (const char *)anchor,
				  strlen((const char *)anchor));
	b->anchors[b->nanchors].name = n->anchor;
	b->anchors[b->nanchors].node = n;
	b->nanchors++;
	return 0;
}

/* Attach a finished node to the open collection, or make it the root. */
static int attach(struct builder *b, struct acct_ynode *n)
{
	struct frame *f;

	if (!b->depth) {
		b->doc->root = n;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	if (f->n == f->alloc) {
		f->alloc = f->alloc ? f->alloc * 2 : 8;
		f->items = acct_realloc(f->items, f->alloc * sizeof(*f->items));
	}
	f->items[f->n++] = n;
	return 0;
}

static int key_cmp(const void *a, const void *b)
{
	const struct acct_ynode *x = *(struct acct_ynode *const *)a;
	const struct acct_ynode *y = *(struct acct_ynode *const *)b;
	const struct acct_ynode *kx = acct_ynode_deref(x);
	const struct acct_ynode *ky = acct_ynode_deref(y);
	int c;

	if (kx->len != ky->len)
		return kx->len < ky->len ? -1 : 1;
	if ((c = memcmp(kx->value, ky->value, kx->len)))
		return c;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Mapping keys must be scalars, each once (sorted, so n log n). */
static int check_keys(struct builder *b, struct acct_ynode *map)
{
	struct acct_ynode **keys;
	size_t i, nk = map->n / 2;
	int rc = 0;

	for (i = 0; i < nk; i++) {
		const struct acct_ynode *k = acct_ynode_deref(map->items[2 * i]);

		if (k->type != ACCT_YSCALAR)
			return acct_error_at(b->err, ACCT_EDATA, b->doc->path,
					     map->items[2 * i]->line,
					     map->items[2 * i]->col,
					     "a mapping key must be plain text, not a %s",
					     k->type == ACCT_YMAP ? "mapping" : "list");
	}
	if (nk < 2)
		return 0;
	keys = acct_malloc(nk * sizeof(*keys));
	for (i = 0; i < nk; i++)
		keys[i] = map->items[2 * i];
	qsort(keys, nk, sizeof(*keys), key_cmp);
	for (i = 1; i < nk; i++) {
		const struct acct_ynode *a = acct_ynode_deref(keys[i - 1]);
		const struct acct_ynode *k = acct_ynode_deref(keys[i]);

		if (a->len == k->len && !memcmp(a->value, k->value, k->len)) {
			rc = acct_error_at(b->err, ACCT_EDATA, b->doc->path,
					   keys[i]->line, keys[i]->col,
					   "duplicate key '%s' (first at line %zu)",
					   k->value, keys[i - 1]->line);
			break;
		}
	}
	free(keys);
	return rc;
}

static int on_event(struct builder *b, yaml_event_t *ev)
{
	struct acct_ynode *n;
	struct frame *f;
	size_t i;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (!(n = new_node(b, ACCT_YSCALAR, ev)))
			goto too_big;
		n->value = arena_strndup(b->doc, (const char *)ev->data.scalar.value,
					 ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->weight = add_weight(4, n->len);
		n->style = ev->data.scalar.style;
		n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		if (ev->data.scalar.tag)
			n->tag = arena_strndup(b->doc, (const char *)ev->data.scalar.tag,
					       strlen((const char *)ev->data.scalar.tag));
		if (add_anchor(b, ev, ev->data.scalar.anchor, n))
			return ACCT_EDATA;
		return attach(b, n);
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;

		i = b->nanchors;
		if (!(n = new_node(b, ACCT_YALIAS, ev)))
			goto too_big;
		while (i-- > 0)
			if (!strcmp(b->anchors[i].name, name))
				break;
		if (i == (size_t)-1)
			return fail_at(b, &ev->start_mark, "undefined alias", name);
		n->target = b->anchors[i].node;
		n->anchor = b->anchors[i].name;
		/* Inside the value it names: a value that contains itself. */
		for (i = 0; i < b->depth; i++)
			if (b->stack[i].node == n->target)
				return fail_at(b, &ev->start_mark, "alias inside the "
					       "value it names (a value that "
					       "contains itself):", name);
		n->weight = n->target->weight;
		return attach(b, n);
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		int seq = ev->type == YAML_SEQUENCE_START_EVENT;
		const yaml_char_t *tag = seq ? ev->data.sequence_start.tag
					     : ev->data.mapping_start.tag;

		if (b->depth == ACCT_YAML_MAX_DEPTH)
			return fail_at(b, &ev->start_mark,
				       "nesting is too deep", "(at most 64 levels)");
		if (!(n = new_node(b, seq ? ACCT_YSEQ : ACCT_YMAP, ev)))
			goto too_big;
		n->style = seq ? ev->data.sequence_start.style
			       : ev->data.mapping_start.style;
		if (tag)
			n->tag = arena_strndup(b->doc, (const char *)tag,
					       strlen((const char *)tag));
		if (add_anchor(b, ev, seq ? ev->data.sequence_start.anchor
					  : ev->data.mapping_start.anchor, n))
			return ACCT_EDATA;
		f = &b->stack[b->depth++];
		memset(f, 0, sizeof(*f));
		f->node = n;
		return 0;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		f = &b->stack[--b->depth];
		n = f->node;
		n->end = byte_at(&b->cur, ev->end_mark.index);
		n->n = f->n;
		n->weight = 4;
		for (i = 0; i < f->n; i++)
			n->weight = add_weight(n->weight, f->items[i]->weight);
		if (f->n) {
			n->items = arena_alloc(b->doc, f->n * sizeof(*n->items));
			memcpy(n->items, f->items, f->n * sizeof(*n->items));
		}
		free(f->items);
		f->items = NULL;
		if (n->type == ACCT_YMAP && check_keys(b, n))
			return ACCT_EDATA;
		return attach(b, n);
	default:
		return 0;
	}
too_big:
	return fail_at(b, &ev->start_mark, "document is too large", NULL);
}

static int parser_error(struct builder *b, yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "malformed YAML";
	size_t off, line, col;

	if (p->error == YAML_READER_ERROR) {
		off = p->problem_offset;
		line_col_of(b->doc->src, b->doc->len, off, &line, &col, &b->pos);
		return acct_error_at(b->err, ACCT_EDATA, b->doc->path, line, col,
				     "%s", problem);
	}
	off = byte_at(&b->cur, p->problem_mark.index);
	line_col_of(b->doc->src, b->doc->len, off, &line, &col, &b->pos);
	if (p->context)
		return acct_error_at(b->err, ACCT_EDATA, b->doc->path, line, col,
				     "%s %s", p->context, problem);
	return acct_error_at(b->err, ACCT_EDATA, b->doc->path, line, col,
			     "%s", problem);
}

int acct_ydoc_parse(struct acct_ydoc *out, const char *path, const char *src,
		    size_t len, struct acct_error *err)
{
	const unsigned char *u = (const unsigned char *)src;
	struct builder *b;
	yaml_parser_t parser;
	yaml_event_t ev;
	int rc = 0, docs = 0, done = 0;

	memset(out, 0, sizeof(*out));
	out->src = src;
	out->len = len;
	out->path = "";
	out->path = arena_strndup(out, path, strlen(path));
	if ((len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
			  (u[0] == 0xfe && u[1] == 0xff))) ||
	    (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe && u[3] == 0xff)) {
		acct_error_at(err, ACCT_EDATA, path, 1, 1,
			      "the file is UTF-16 or UTF-32; acct reads UTF-8 only");
		acct_error_hint(err, "convert it, e.g. iconv -f UTF-16 -t UTF-8");
		acct_ydoc_release(out);
		return ACCT_EDATA;
	}
	out->bom = len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf;

	b = acct_calloc(1, sizeof(*b));
	b->doc = out;
	b->err = err;
	b->cur.s = src;
	b->cur.len = len;
	b->cur.first = b->cur.bi = out->bom ? 3 : 0;

	if (!yaml_parser_initialize(&parser))
		abort();
	yaml_parser_set_input_string(&parser, u, len);
	while (!done && !rc) {
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = parser_error(b, &parser);
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT && ++docs > 1)
			rc = fail_at(b, &ev.start_mark,
				     "more than one document in the file", NULL);
		else if (ev.type == YAML_STREAM_END_EVENT)
			done = 1;
		else
			rc = on_event(b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	while (b->depth)
		free(b->stack[--b->depth].items);
	free(b);
	if (rc) {
		acct_ydoc_release(out);
		return ACCT_EDATA;
	}
	return 0;
}

const struct acct_ynode *acct_ynode_deref(const struct acct_ynode *n)
{
	return n && n->type == ACCT_YALIAS ? n->target : n;
}

const struct acct_ynode *acct_ynode_get(const struct acct_ynode *map,
					const char *key,
					const struct acct_ynode **keynode)
{
	size_t i, klen = strlen(key);

	map = acct_ynode_deref(map);
	if (!map || map->type != ACCT_YMAP)
		return NULL;
	for (i = 0; i + 1 < map->n; i += 2) {
		const struct acct_ynode *k = acct_ynode_deref(map->items[i]);

		if (k->type == ACCT_YSCALAR && k->len == klen &&
		    !memcmp(k->value, key, klen)) {
			if (keynode)
				*keynode = map->items[i];
			return acct_ynode_deref(map->items[i + 1]);
		}
	}
	return NULL;
}

int acct_ynode_is_null(const struct acct_ynode *n)
{
	n = acct_ynode_deref(n);
	if (!n || n->type != ACCT_YSCALAR || n->quoted)
		return 0;
	return !n->len || !strcmp(n->value, "~") || !strcmp(n->value, "null") ||
	       !strcmp(n->value, "Null") || !strcmp(n->value, "NULL");
}

void acct_ynode_flow(struct acct_buf *out, const struct acct_ynode *n)
{
	size_t i;

	if (!n)
		return;
	switch (n->type) {
	case ACCT_YALIAS:
		/* A pointer, never expanded: no text can blow up. */
		acct_buf_addf(out, "*%s", n->target && n->target->anchor ?
			      n->target->anchor : "");
		break;
	case ACCT_YSCALAR:
		if (acct_ynode_is_null(n))
			acct_buf_addch(out, '~');
		else
			acct_yaml_quote(out, n->value, n->len, ACCT_YQ_FLOW |
					(n->quoted ? 0 : ACCT_YQ_TYPED));
		break;
	case ACCT_YSEQ:
		acct_buf_addch(out, '[');
		for (i = 0; i < n->n; i++) {
			if (i)
				acct_buf_addstr(out, ", ");
			acct_ynode_flow(out, n->items[i]);
		}
		acct_buf_addch(out, ']');
		break;
	case ACCT_YMAP:
		acct_buf_addch(out, '{');
		for (i = 0; i + 1 < n->n; i += 2) {
			if (i)
				acct_buf_addstr(out, ", ");
			acct_ynode_flow(out, n->items[i]);
			acct_buf_addstr(out, ": ");
			acct_ynode_flow(out, n->items[i + 1]);
		}
		acct_buf_addch(out, '}');
		break;
	}
}

static const char *type_name(enum acct_ynode_type t)
{
	switch (t) {
	case ACCT_YSEQ: return "a list";
	case ACCT_YMAP: return "a mapping";
	default: return "text";
	}
}

int acct_ynode_want_type(const struct acct_ynode *n, enum acct_ynode_type t,
			 const char *path, const char *key,
			 struct acct_error *err)
{
	const struct acct_ynode *d = acct_ynode_deref(n);

	if (d->type == t)
		return 0;
	return acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
			     "'%s' must be %s, not %s", key, type_name(t),
			     type_name(d->type));
}

int acct_ynode_want_scalar(const struct acct_ynode *n, const char *path,
			   const char *key, struct acct_error *err)
{
	return acct_ynode_want_type(n, ACCT_YSCALAR, path, key, err);
}

int acct_ynode_want_text(const struct acct_ynode *n, const char *path,
			 const char *key, struct acct_error *err)
{
	const struct acct_ynode *d = acct_ynode_deref(n);
	size_t i;
	int rc;

	if ((rc = acct_ynode_want_scalar(n, path, key, err)) < 0)
		return rc;
	if (!d->len || acct_ynode_is_null(d))
		return acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
				     "'%s' must not be empty", key);
	(void)i;
	if (strlen(d->value) != d->len ||
	    acct_text_check_line(d->value, key, NULL) < 0)
		return acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
				     "'%s' must be a single line of text without "
				     "control characters", key);
	return 0;
}

int acct_ynode_want_int(long long *out, const struct acct_ynode *n,
			const char *path, const char *key, long long min,
			long long max, struct acct_error *err)
{
	const struct acct_ynode *d = acct_ynode_deref(n);
	const char *s;
	long long v = 0;
	int neg = 0, rc;

	if ((rc = acct_ynode_want_scalar(n, path, key, err)) < 0)
		return rc;
	s = d->value;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!*s)
		goto bad;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (LLONG_MAX - 9) / 10)
			goto bad;
		v = v * 10 + (*s - '0');
	}
	if (neg)
		v = -v;
	if (v < min || v > max)
		goto bad;
	*out = v;
	return 0;
bad:
	return acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
			     "'%s' must be a whole number from %lld to %lld, "
			     "not '%s'", key, min, max, d->value);
}

int acct_ynode_want_bool(int *out, const struct acct_ynode *n,
			 const char *path, const char *key,
			 struct acct_error *err)
{
	const struct acct_ynode *d = acct_ynode_deref(n);
	int rc;

	if ((rc = acct_ynode_want_scalar(n, path, key, err)) < 0)
		return rc;
	if (!strcmp(d->value, "true") || !strcmp(d->value, "True") ||
	    !strcmp(d->value, "TRUE"))
		return *out = 1, 0;
	if (!strcmp(d->value, "false") || !strcmp(d->value, "False") ||
	    !strcmp(d->value, "FALSE"))
		return *out = 0, 0;
	return acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
			     "'%s' must be true or false, not '%s'", key, d->value);
}
