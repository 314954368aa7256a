#include "cmd.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/json.h"
#include "acct/text.h"
#include "acct/banned.h"

/*
 * The result is built once as a jansson tree; the JSON printer dumps it,
 * the text printer walks it. Lists remember their style for the text.
 */
#define MAX_DEPTH 32

struct out {
	int json, color, escape;
	json_t *root;
	json_t *stack[MAX_DEPTH];
	int depth;
	json_t *styles;		/* list object -> style, by pointer */
};

struct out *out_begin(const struct cmd_ctx *ctx, int json)
{
	struct out *o = acct_calloc(1, sizeof(*o));

	o->json = json;
	o->color = ctx->color;
	o->escape = ctx->stdout_tty;
	o->root = json_object();
	o->styles = json_object();
	o->stack[0] = o->root;
	json_object_set_new(o->root, "format", json_integer(1));
	return o;
}

static void put(struct out *o, const char *key, json_t *v)
{
	json_t *top = o->stack[o->depth];

	if (json_is_array(top))
		json_array_append_new(top, v);
	else
		json_object_set_new(top, key, v);
}

void out_str(struct out *o, const char *key, const char *value)
{
	/* jansson refuses strings that are not UTF-8: show them escaped. */
	json_t *v = value ? json_string(value) : json_null();

	if (!v) {
		struct acct_buf b = ACCT_BUF_INIT;

		acct_text_escape_terminal(&b, value, strlen(value));
		v = json_string(b.buf);
		acct_buf_release(&b);
	}
	put(o, key, v);
}

void out_int(struct out *o, const char *key, long long value)
{
	put(o, key, json_integer(value));
}

void out_bool(struct out *o, const char *key, int value)
{
	put(o, key, json_boolean(value));
}

void out_number(struct out *o, const char *key, const char *digits)
{
	if (!digits)
		put(o, key, json_null());
	else if (strchr(digits, '.'))
		put(o, key, json_real(strtod(digits, NULL)));
	else
		put(o, key, json_integer(strtoll(digits, NULL, 10)));
}

/*
 * A number written exactly (148200.60, not 148200.6 or 148200.60000000001,
 * which is what a double gives): an exact decimal of lib/json.c, whose
 * digits out_end() writes bare.
 */
void out_decimal(struct out *o, const char *key, const char *digits)
{
	put(o, key, acct_json_decimal(digits));
}

static void push(struct out *o, const char *key, json_t *v)
{
	json_incref(v);
	put(o, key, v);
	if (o->depth + 1 < MAX_DEPTH)
		o->stack[++o->depth] = v;
	json_decref(v);
}

void out_map_begin(struct out *o, const char *key)
{
	push(o, key, json_object());
}

void out_map_end(struct out *o)
{
	if (o->depth)
		o->depth--;
}

void out_list_begin(struct out *o, const char *key, enum out_list_style style)
{
	json_t *list = json_array();
	char id[32];

	snprintf(id, sizeof(id), "%p", (void *)list);
	json_object_set_new(o->styles, id, json_integer(style));
	push(o, key, list);
}

void out_list_end(struct out *o)
{
	out_map_end(o);
}

void out_error(struct out *o, const struct acct_error *err)
{
	json_t *errors = json_object_get(o->root, "errors"), *e;

	cmd_fail(err);
	if (!errors) {
		errors = json_array();
		json_object_set_new(o->root, "errors", errors);
	}
	e = json_object();
	json_object_set_new(e, "file", err->file[0] ? json_string(err->file)
						    : json_null());
	json_object_set_new(e, "line", json_integer((json_int_t)err->line));
	json_object_set_new(e, "column", json_integer((json_int_t)err->col));
	json_object_set_new(e, "message", json_string(err->msg));
	json_array_append_new(errors, e);
}

/* Text rendering. */

static int style_of(struct out *o, json_t *list)
{
	char id[32];

	snprintf(id, sizeof(id), "%p", (void *)list);
	return (int)json_integer_value(json_object_get(o->styles, id));
}

/* A scalar as text, made safe for a terminal when stdout is one. */
static void scalar_text(struct out *o, struct acct_buf *b, json_t *v)
{
	char num[64];
	const char *s = num;
	size_t len;

	switch (json_typeof(v)) {
	case JSON_STRING:
		if (acct_json_decimal_digits(v, &s))
			break;
		s = json_string_value(v);
		len = json_string_length(v);
		if (o->escape) {
			acct_text_escape_terminal(b, s, len);
			return;
		}
		acct_buf_add(b, s, len);
		return;
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		break;
	case JSON_REAL:
		snprintf(num, sizeof(num), "%.15g", json_real_value(v));
		break;
	case JSON_TRUE:
		s = "yes";
		break;
	case JSON_FALSE:
		s = "no";
		break;
	case JSON_ARRAY: {
		size_t i;
		json_t *item;

		json_array_foreach(v, i, item) {
			if (i)
				acct_buf_addstr(b, ", ");
			scalar_text(o, b, item);
		}
		return;
	}
	default:
		return;
	}
	acct_buf_addstr(b, s);
}

static int is_scalarish(json_t *v)
{
	size_t i;
	json_t *item;

	if (json_is_object(v))
		return 0;
	if (!json_is_array(v))
		return 1;
	json_array_foreach(v, i, item)
		if (json_is_object(item) || json_is_array(item))
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

static void render_map(struct out *o, struct acct_buf *b, json_t *map,
		       int indent);

/* A value that fits in a table's cell: a scalar or an inline list. */
static int is_cell(struct out *o, json_t *v)
{
	if (json_is_object(v))
		return 0;
	return !json_is_array(v) ||
	       (is_scalarish(v) && style_of(o, v) == OUT_INLINE);
}

/* Rows of a list of maps: the scalar values, columns aligned. */
static void render_table(struct out *o, struct acct_buf *b, json_t *list,
			 int indent)
{
	size_t ncols = 0, i, c, *width;
	json_t *row;
	struct acct_buf cell = ACCT_BUF_INIT;

	json_array_foreach(list, i, row)
		if (json_is_object(row) && json_object_size(row) > ncols)
			ncols = json_object_size(row);
	width = acct_calloc(ncols + 1, sizeof(*width));
	json_array_foreach(list, i, row) {
		const char *k;
		json_t *v;

		c = 0;
		json_object_foreach(row, k, v) {
			acct_buf_reset(&cell);
			size_t w;

			if (is_cell(o, v))
				scalar_text(o, &cell, v);
			if ((w = acct_text_width(cell.buf, cell.len)) > width[c])
				width[c] = w;
			c++;
		}
	}
	json_array_foreach(list, i, row) {
		const char *k;
		json_t *v;
		size_t last_end = b->len;

		pad(b, (size_t)indent);
		c = 0;
		json_object_foreach(row, k, v) {
			size_t w;

			acct_buf_reset(&cell);
			if (is_cell(o, v))
				scalar_text(o, &cell, v);
			w = acct_text_width(cell.buf, cell.len);
			if (!c && o->color)
				acct_buf_addstr(b, "\033[1m");
			acct_buf_add(b, cell.buf, cell.len);
			if (!c && o->color)
				acct_buf_addstr(b, "\033[m");
			last_end = b->len;
			if (c + 1 < ncols)
				pad(b, width[c] - w + 2);
			c++;
		}
		acct_buf_setlen(b, last_end);
		while (b->len && b->buf[b->len - 1] == ' ')
			acct_buf_setlen(b, b->len - 1);
		acct_buf_addch(b, '\n');
		/* Nested maps and lists of a row follow it, indented. */
		json_object_foreach(row, k, v)
			if (!is_cell(o, v)) {
				json_t *one = json_object();

				json_object_set(one, k, v);
				render_map(o, b, one, indent + 4);
				json_decref(one);
			}
	}
	free(width);
	acct_buf_release(&cell);
}

static void render_lines(struct out *o, struct acct_buf *b, json_t *list,
			 int indent)
{
	size_t i;
	json_t *v;

	json_array_foreach(list, i, v) {
		pad(b, (size_t)indent);
		scalar_text(o, b, v);
		acct_buf_addch(b, '\n');
	}
}

/* Nothing to show: null, an empty list, or a map of such. */
static int is_blank(json_t *v)
{
	const char *k;
	json_t *x;

	if (json_is_null(v) || (json_is_array(v) && !json_array_size(v)))
		return 1;
	if (!json_is_object(v))
		return 0;
	json_object_foreach(v, k, x)
		if (!is_blank(x))
			return 0;
	return 1;
}

static void render_map(struct out *o, struct acct_buf *b, json_t *map,
		       int indent)
{
	size_t keyw = 0;
	const char *k;
	json_t *v;

	json_object_foreach(map, k, v)
		if (is_scalarish(v) && !json_is_null(v) && strlen(k) > keyw)
			keyw = strlen(k);
	json_object_foreach(map, k, v) {
		if (is_blank(v))
			continue;
		pad(b, (size_t)indent);
		if (o->color)
			acct_buf_addf(b, "\033[33m%s:\033[m", k);
		else
			acct_buf_addf(b, "%s:", k);
		if (is_scalarish(v) && (!json_is_array(v) ||
					style_of(o, v) != OUT_LINES)) {
			pad(b, keyw - strlen(k) + 1);
			scalar_text(o, b, v);
			acct_buf_addch(b, '\n');
		} else if (json_is_object(v)) {
			acct_buf_addch(b, '\n');
			render_map(o, b, v, indent + 2);
		} else if (style_of(o, v) == OUT_LINES) {
			acct_buf_addch(b, '\n');
			render_lines(o, b, v, indent + 2);
		} else {
			acct_buf_addch(b, '\n');
			render_table(o, b, v, indent + 2);
		}
	}
}

/*
 * The top level: lists print bare (a table, or lines), scalars and maps
 * as "key: value"; "format" and "errors" are for JSON readers only.
 */
static void render_top(struct out *o, struct acct_buf *b)
{
	json_t *rest = json_object(), *v;
	const char *k;

	json_object_foreach(o->root, k, v) {
		if (!strcmp(k, "format") || !strcmp(k, "errors"))
			continue;
		if (json_is_array(v)) {
			if (json_object_size(rest)) {
				render_map(o, b, rest, 0);
				json_object_clear(rest);
			}
			if (style_of(o, v) == OUT_TABLE)
				render_table(o, b, v, 0);
			else
				render_lines(o, b, v, 0);
		} else if (json_is_object(v)) {
			if (json_object_size(rest)) {
				render_map(o, b, rest, 0);
				json_object_clear(rest);
			}
			render_map(o, b, v, 0);
		} else {
			json_object_set(rest, k, v);
		}
	}
	if (json_object_size(rest))
		render_map(o, b, rest, 0);
	json_decref(rest);
}

int out_end(struct out *o)
{
	int rc = 0;

	if (!o)
		return 0;
	if (o->json) {
		/* 15 digits: 4.33 stays 4.33, not 4.3300000000000001. */
		struct acct_buf b = ACCT_BUF_INIT;

		if (acct_json_dump(&b, o->root) == 0) {
			fwrite(b.buf, 1, b.len, stdout);
			fputc('\n', stdout);
		} else {
			fputs(_("acct: cannot write the result as JSON (out "
				"of memory?)\n"), stderr);
			rc = -1;
		}
		acct_buf_release(&b);
	} else {
		struct acct_buf b = ACCT_BUF_INIT;

		render_top(o, &b);
		fwrite(b.buf, 1, b.len, stdout);
		acct_buf_release(&b);
	}
	json_decref(o->root);
	json_decref(o->styles);
	free(o);
	return rc;
}

void out_abort(struct out *o)
{
	if (!o)
		return;
	json_decref(o->root);
	json_decref(o->styles);
	free(o);
}
