#include "cmd.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/json.h"
#include "acct/text.h"
#include "acct/banned.h"

/*
 * The result is built once as a small tree of its own, in blocks freed at
 * once; the JSON printer writes it as jansson would write the same tree
 * (lib/json.c, checked against jansson by test_json), the text printer
 * walks it. A jansson tree cost a third of a warm `acct agenda --all`
 * (7,600 items): a malloc per value and per key, a hash per map, UTF-8
 * checked twice, and freeing it all.
 */
#define MAX_DEPTH 32

enum kind { K_NULL, K_STR, K_INT, K_REAL, K_TRUE, K_FALSE, K_DEC, K_MAP,
	    K_LIST };

struct node {
	struct node *next;	/* the next value of its map or list */
	const char *key;	/* in a map */
	size_t keylen;
	enum kind kind;
	enum out_list_style style;	/* a list's */
	size_t len;		/* a string's or a decimal's bytes */
	size_t width;		/* a cell's columns once known, else SIZE_MAX */
	size_t n;		/* a map's or a list's values */
	struct node *first, *last;
	union {
		const char *s;	/* K_STR, K_DEC: the digits */
		long long i;
		double r;
	} v;
};

struct block {
	struct block *prev;
	size_t used, size;
	max_align_t data[];
};

struct out {
	int json, color, escape;
	struct node *root;
	struct node *stack[MAX_DEPTH];
	int depth;
	struct block *blocks;
};

static void *alloc(struct out *o, size_t n)
{
	struct block *b = o->blocks;
	size_t align = sizeof(max_align_t);

	n = (n + align - 1) / align * align;
	if (!b || b->size - b->used < n) {
		size_t size = n > 32768 ? n : 32768;

		b = acct_malloc(sizeof(*b) + size);
		b->prev = o->blocks;
		b->used = 0;
		b->size = size;
		o->blocks = b;
	}
	b->used += n;
	return (char *)b->data + b->used - n;
}

static const char *copy(struct out *o, const char *s, size_t len)
{
	char *c = alloc(o, len + 1);

	memcpy(c, s, len);
	c[len] = '\0';
	return c;
}

static struct node *node(struct out *o, enum kind kind)
{
	struct node *v = alloc(o, sizeof(*v));

	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->width = SIZE_MAX;
	return v;
}

static void append(struct node *parent, struct node *v)
{
	if (parent->last)
		parent->last->next = v;
	else
		parent->first = v;
	parent->last = v;
	parent->n++;
}

/*
 * `v` into `parent` as jansson's json_object_set_new() and
 * json_array_append_new() would: a key already there has its value
 * replaced where it stands; a map drops a value without a UTF-8 key.
 * Returns where `v` is kept (NULL: dropped).
 */
static struct node *attach(struct out *o, struct node *parent,
			   const char *key, struct node *v)
{
	struct node *at;
	size_t len;

	if (parent->kind == K_LIST) {
		append(parent, v);
		return v;
	}
	if (!key || !acct_json_utf8(key, len = strlen(key)))
		return NULL;
	for (at = parent->first; at; at = at->next)
		if (at->keylen == len && *at->key == *key &&
		    !memcmp(at->key, key, len)) {
			struct node *next = at->next;
			const char *k = at->key;

			*at = *v;
			at->next = next;
			at->key = k;
			at->keylen = len;
			return at;
		}
	v->key = copy(o, key, len);
	v->keylen = len;
	append(parent, v);
	return v;
}

static struct node *put(struct out *o, const char *key, struct node *v)
{
	return attach(o, o->stack[o->depth], key, v);
}

struct out *out_begin(const struct cmd_ctx *ctx, int json)
{
	struct out *o = acct_calloc(1, sizeof(*o));
	struct node *format;

	o->json = json;
	o->color = ctx->color;
	o->escape = ctx->stdout_tty;
	o->root = node(o, K_MAP);
	o->stack[0] = o->root;
	format = node(o, K_INT);
	format->v.i = 1;
	put(o, "format", format);
	return o;
}

static struct node *string(struct out *o, const char *value)
{
	struct node *v;
	size_t len;

	if (!value)
		return node(o, K_NULL);
	v = node(o, K_STR);
	len = strlen(value);
	if (acct_json_utf8(value, len)) {
		v->v.s = copy(o, value, len);
		v->len = len;
	} else {
		/* What is not UTF-8 is shown escaped, as it always was. */
		struct acct_buf b = ACCT_BUF_INIT;

		acct_text_escape_terminal(&b, value, len);
		v->v.s = copy(o, b.buf, b.len);
		v->len = b.len;
		acct_buf_release(&b);
	}
	return v;
}

void out_str(struct out *o, const char *key, const char *value)
{
	put(o, key, string(o, value));
}

void out_int(struct out *o, const char *key, long long value)
{
	struct node *v = node(o, K_INT);

	v->v.i = value;
	put(o, key, v);
}

void out_bool(struct out *o, const char *key, int value)
{
	put(o, key, node(o, value ? K_TRUE : K_FALSE));
}

static void put_real(struct out *o, const char *key, double value)
{
	struct node *v;

	if (!isfinite(value))	/* jansson has no such real: nothing */
		return;
	v = node(o, K_REAL);
	v->v.r = value;
	put(o, key, v);
}

void out_number(struct out *o, const char *key, const char *digits)
{
	if (!digits)
		put(o, key, node(o, K_NULL));
	else if (strchr(digits, '.'))
		put_real(o, key, strtod(digits, NULL));
	else
		out_int(o, key, strtoll(digits, NULL, 10));
}

/*
 * A number written exactly (148200.60, not 148200.6 or 148200.60000000001,
 * which is what a double gives): an exact decimal of lib/json.c, whose
 * digits out_end() writes bare.
 */
void out_decimal(struct out *o, const char *key, const char *digits)
{
	json_t *j = acct_json_decimal(digits);
	const char *d;
	struct node *v;

	if (!j)		/* a real jansson has none of (1e999): nothing */
		return;
	if (acct_json_decimal_digits(j, &d)) {
		v = node(o, K_DEC);
		v->len = strlen(d);
		v->v.s = copy(o, d, v->len);
		put(o, key, v);
	} else if (json_is_real(j)) {
		put_real(o, key, json_real_value(j));
	} else if (json_is_integer(j)) {
		out_int(o, key, json_integer_value(j));
	} else {
		put(o, key, node(o, K_NULL));
	}
	json_decref(j);
}

static void push(struct out *o, const char *key, struct node *v)
{
	struct node *at = put(o, key, v);

	if (o->depth + 1 < MAX_DEPTH)
		o->stack[++o->depth] = at ? at : v;
}

void out_map_begin(struct out *o, const char *key)
{
	push(o, key, node(o, K_MAP));
}

void out_map_end(struct out *o)
{
	if (o->depth)
		o->depth--;
}

void out_list_begin(struct out *o, const char *key, enum out_list_style style)
{
	struct node *list = node(o, K_LIST);

	list->style = style;
	push(o, key, list);
}

void out_list_end(struct out *o)
{
	out_map_end(o);
}

void out_error(struct out *o, const struct acct_error *err)
{
	struct node *errors, *e, *v;

	cmd_fail(err);
	for (errors = o->root->first; errors; errors = errors->next)
		if (!strcmp(errors->key, "errors"))
			break;
	if (!errors)
		errors = attach(o, o->root, "errors", node(o, K_LIST));
	e = node(o, K_MAP);
	/* A text jansson would not take leaves its key out, as it did. */
	if (!err->file[0] || acct_json_utf8(err->file, strlen(err->file)))
		attach(o, e, "file", err->file[0] ? string(o, err->file)
						   : node(o, K_NULL));
	v = node(o, K_INT);
	v->v.i = (long long)err->line;
	attach(o, e, "line", v);
	v = node(o, K_INT);
	v->v.i = (long long)err->col;
	attach(o, e, "column", v);
	if (acct_json_utf8(err->msg, strlen(err->msg)))
		attach(o, e, "message", string(o, err->msg));
	if (errors->kind == K_LIST)
		append(errors, e);
}

/* Text rendering. */

/* A scalar as text, made safe for a terminal when stdout is one. */
static void scalar_text(struct out *o, struct acct_buf *b,
			const struct node *v)
{
	char num[64];
	const char *s = num;
	const struct node *item;

	switch (v->kind) {
	case K_DEC:
		s = v->v.s;
		break;
	case K_STR:
		if (o->escape)
			acct_text_escape_terminal(b, v->v.s, v->len);
		else
			acct_buf_add(b, v->v.s, v->len);
		return;
	case K_INT:
		snprintf(num, sizeof(num), "%lld", v->v.i);
		break;
	case K_REAL:
		snprintf(num, sizeof(num), "%.15g", v->v.r);
		break;
	case K_TRUE:
		s = "yes";
		break;
	case K_FALSE:
		s = "no";
		break;
	case K_LIST:
		for (item = v->first; item; item = item->next) {
			if (item != v->first)
				acct_buf_addstr(b, ", ");
			scalar_text(o, b, item);
		}
		return;
	default:
		return;
	}
	acct_buf_addstr(b, s);
}

static int is_scalarish(const struct node *v)
{
	const struct node *item;

	if (v->kind == K_MAP)
		return 0;
	if (v->kind != K_LIST)
		return 1;
	for (item = v->first; item; item = item->next)
		if (item->kind == K_MAP || item->kind == K_LIST)
			return 0;
	return 1;
}

static void pad(struct acct_buf *b, size_t n)
{
	acct_buf_grow(b, n);
	memset(b->buf + b->len, ' ', n);
	b->len += n;
	b->buf[b->len] = '\0';
}

static void render_map(struct out *o, struct acct_buf *b,
		       const struct node *const *v, size_t n, int indent);

/* A value that fits in a table's cell: a scalar or an inline list. */
static int is_cell(const struct node *v)
{
	if (v->kind == K_MAP)
		return 0;
	return v->kind != K_LIST ||
	       (is_scalarish(v) && v->style == OUT_INLINE);
}

/* The text of a cell into `cell`, and its width, worked out once. */
static size_t cell_text(struct out *o, struct acct_buf *cell, struct node *v)
{
	acct_buf_reset(cell);
	if (is_cell(v))
		scalar_text(o, cell, v);
	if (v->width == SIZE_MAX)
		v->width = acct_text_width(cell->buf, cell->len);
	return v->width;
}

/* Rows of a list of maps: the scalar values, columns aligned. */
static void render_table(struct out *o, struct acct_buf *b,
			 const struct node *list, int indent)
{
	size_t ncols = 0, c, *width, w;
	const struct node *row;
	struct node *v;
	struct acct_buf cell = ACCT_BUF_INIT;

	for (row = list->first; row; row = row->next)
		if (row->kind == K_MAP && row->n > ncols)
			ncols = row->n;
	width = acct_calloc(ncols + 1, sizeof(*width));
	for (row = list->first; row; row = row->next) {
		if (row->kind != K_MAP)
			continue;
		for (c = 0, v = row->first; v; v = v->next, c++) {
			/* A string's width needs no copy of it. */
			if (v->kind == K_STR && !o->escape) {
				if (v->width == SIZE_MAX)
					v->width = acct_text_width(v->v.s,
								   v->len);
				w = v->width;
			} else {
				w = cell_text(o, &cell, v);
			}
			if (w > width[c])
				width[c] = w;
		}
	}
	for (row = list->first; row; row = row->next) {
		size_t last_end = b->len;

		pad(b, (size_t)indent);
		v = row->kind == K_MAP ? row->first : NULL;
		for (c = 0; v; v = v->next, c++) {
			if (!c && o->color)
				acct_buf_addstr(b, "\033[1m");
			if (v->kind == K_STR && !o->escape) {
				acct_buf_add(b, v->v.s, v->len);
				w = v->width;
			} else {
				w = cell_text(o, &cell, v);
				acct_buf_add(b, cell.buf, cell.len);
			}
			if (!c && o->color)
				acct_buf_addstr(b, "\033[m");
			last_end = b->len;
			if (c + 1 < ncols)
				pad(b, width[c] - w + 2);
		}
		acct_buf_setlen(b, last_end);
		while (b->len && b->buf[b->len - 1] == ' ')
			acct_buf_setlen(b, b->len - 1);
		acct_buf_addch(b, '\n');
		/* Nested maps and lists of a row follow it, indented. */
		v = row->kind == K_MAP ? row->first : NULL;
		for (; v; v = v->next)
			if (!is_cell(v)) {
				const struct node *one = v;

				render_map(o, b, &one, 1, indent + 4);
			}
	}
	free(width);
	acct_buf_release(&cell);
}

static void render_lines(struct out *o, struct acct_buf *b,
			 const struct node *list, int indent)
{
	const struct node *v;

	for (v = list->first; v; v = v->next) {
		pad(b, (size_t)indent);
		scalar_text(o, b, v);
		acct_buf_addch(b, '\n');
	}
}

/* Nothing to show: null, an empty list, or a map of such. */
static int is_blank(const struct node *v)
{
	const struct node *x;

	if (v->kind == K_NULL || (v->kind == K_LIST && !v->n))
		return 1;
	if (v->kind != K_MAP)
		return 0;
	for (x = v->first; x; x = x->next)
		if (!is_blank(x))
			return 0;
	return 1;
}

static void render_children(struct out *o, struct acct_buf *b,
			    const struct node *map, int indent)
{
	const struct node **v = acct_calloc(map->n + 1, sizeof(*v));
	const struct node *x;
	size_t n = 0;

	for (x = map->first; x; x = x->next)
		v[n++] = x;
	render_map(o, b, v, n, indent);
	free(v);
}

/* The values `v` of a map as "key: value" lines. */
static void render_map(struct out *o, struct acct_buf *b,
		       const struct node *const *v, size_t n, int indent)
{
	size_t keyw = 0, i;

	for (i = 0; i < n; i++)
		if (is_scalarish(v[i]) && v[i]->kind != K_NULL &&
		    strlen(v[i]->key) > keyw)
			keyw = strlen(v[i]->key);
	for (i = 0; i < n; i++) {
		const struct node *x = v[i];
		const char *k = x->key;

		if (is_blank(x))
			continue;
		pad(b, (size_t)indent);
		if (o->color)
			acct_buf_addf(b, "\033[33m%s:\033[m", k);
		else
			acct_buf_addf(b, "%s:", k);
		if (is_scalarish(x) && (x->kind != K_LIST ||
					x->style != OUT_LINES)) {
			pad(b, keyw - strlen(k) + 1);
			scalar_text(o, b, x);
			acct_buf_addch(b, '\n');
		} else if (x->kind == K_MAP) {
			acct_buf_addch(b, '\n');
			render_children(o, b, x, indent + 2);
		} else if (x->style == OUT_LINES) {
			acct_buf_addch(b, '\n');
			render_lines(o, b, x, indent + 2);
		} else {
			acct_buf_addch(b, '\n');
			render_table(o, b, x, indent + 2);
		}
	}
}

/*
 * The top level: lists print bare (a table, or lines), scalars and maps
 * as "key: value"; "format" and "errors" are for JSON readers only.
 */
static void render_top(struct out *o, struct acct_buf *b)
{
	const struct node **rest = acct_calloc(o->root->n + 1, sizeof(*rest));
	const struct node *v;
	size_t n = 0;

	for (v = o->root->first; v; v = v->next) {
		if (!strcmp(v->key, "format") || !strcmp(v->key, "errors"))
			continue;
		if (v->kind == K_LIST) {
			render_map(o, b, rest, n, 0);
			n = 0;
			if (v->style == OUT_TABLE)
				render_table(o, b, v, 0);
			else
				render_lines(o, b, v, 0);
		} else if (v->kind == K_MAP) {
			render_map(o, b, rest, n, 0);
			n = 0;
			render_children(o, b, v, 0);
		} else {
			rest[n++] = v;
		}
	}
	render_map(o, b, rest, n, 0);
	free(rest);
}

/* JSON as acct_json_dump() writes a jansson tree: indented by 2. */
static void indent_line(struct acct_buf *b, int depth)
{
	acct_buf_addch(b, '\n');
	pad(b, (size_t)depth * 2);
}

static int write_json(struct acct_buf *b, const struct node *v, int depth)
{
	const struct node *x;
	char num[32];

	switch (v->kind) {
	case K_NULL:
		acct_buf_addstr(b, "null");
		return 0;
	case K_TRUE:
		acct_buf_addstr(b, "true");
		return 0;
	case K_FALSE:
		acct_buf_addstr(b, "false");
		return 0;
	case K_INT:
		snprintf(num, sizeof(num), "%lld", v->v.i);
		acct_buf_addstr(b, num);
		return 0;
	case K_REAL:
		return acct_json_put_real(b, v->v.r);
	case K_DEC:
		acct_buf_add(b, v->v.s, v->len);
		return 0;
	case K_STR:
		acct_json_put_string(b, v->v.s, v->len);
		return 0;
	case K_MAP:
	case K_LIST:
		break;
	}
	if (!v->n) {
		acct_buf_addstr(b, v->kind == K_MAP ? "{}" : "[]");
		return 0;
	}
	acct_buf_addch(b, v->kind == K_MAP ? '{' : '[');
	for (x = v->first; x; x = x->next) {
		indent_line(b, depth + 1);
		if (v->kind == K_MAP) {
			acct_json_put_string(b, x->key, x->keylen);
			acct_buf_addstr(b, ": ");
		}
		if (write_json(b, x, depth + 1) < 0)
			return -1;
		if (x->next)
			acct_buf_addch(b, ',');
	}
	indent_line(b, depth);
	acct_buf_addch(b, v->kind == K_MAP ? '}' : ']');
	return 0;
}

static void out_free(struct out *o)
{
	while (o->blocks) {
		struct block *prev = o->blocks->prev;

		free(o->blocks);
		o->blocks = prev;
	}
	free(o);
}

int out_end(struct out *o)
{
	struct acct_buf b = ACCT_BUF_INIT;
	int rc = 0;

	if (!o)
		return 0;
	if (o->json) {
		if (write_json(&b, o->root, 0) == 0) {
			acct_buf_addch(&b, '\n');
			fwrite(b.buf, 1, b.len, stdout);
		} else {
			fputs(_("acct: cannot write the result as JSON (out "
				"of memory?)\n"), stderr);
			rc = -1;
		}
	} else {
		render_top(o, &b);
		fwrite(b.buf, 1, b.len, stdout);
	}
	acct_buf_release(&b);
	out_free(o);
	return rc;
}

void out_abort(struct out *o)
{
	if (o)
		out_free(o);
}
