#include "acct/yedit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/yaml.h"
#include "acct/yvalue.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/*
 * Every edit is a splice: bytes [from, to) of the source are replaced by
 * `text`. Positions come from the parsed tree (lib/yaml.c turns libyaml's
 * character marks into byte offsets).
 */
struct splice {
	size_t from, to;
	struct acct_buf text;
};

struct editor {
	const char *src;
	size_t len;
	const char *path;
	const char *eol;
	size_t first;		/* 3 after a UTF-8 BOM, else 0 */
	struct acct_error *err;
	struct splice s[2];
	size_t n;
};

static struct acct_buf *splice_at(struct editor *e, size_t from, size_t to)
{
	struct splice *s = &e->s[e->n++];

	s->from = from;
	s->to = to;
	s->text = (struct acct_buf)ACCT_BUF_INIT;
	return &s->text;
}

static int is_break(char c)
{
	return c == '\n' || c == '\r';
}

static size_t line_start(const struct editor *e, size_t off)
{
	while (off > e->first && !is_break(e->src[off - 1]))
		off--;
	return off;
}

/* Just after the line break that ends the line holding `off`. */
static size_t next_line(const struct editor *e, size_t off)
{
	while (off < e->len && !is_break(e->src[off]))
		off++;
	if (off < e->len && e->src[off] == '\r') {
		off++;
		if (off < e->len && e->src[off] == '\n')
			off++;
	} else if (off < e->len) {
		off++;
	}
	return off;
}

/*
 * Where a node's text really ends. A block collection's end mark sits at
 * the next token, past comments that belong to what follows, so take the
 * end of its last item instead.
 */
static size_t last_byte(const struct editor *e, const struct acct_ynode *n)
{
	size_t end;

	while ((n->type == ACCT_YMAP || n->type == ACCT_YSEQ) && n->n &&
	       (n->style == YAML_BLOCK_MAPPING_STYLE ||
		n->style == YAML_BLOCK_SEQUENCE_STYLE))
		n = n->items[n->n - 1];
	end = n->end;
	/*
	 * A block scalar (| or >) ends after its line breaks, kept ones (|+)
	 * included: step back over the last break only, so that the next
	 * line starts where the scalar ends.
	 */
	if (n->type == ACCT_YSCALAR && (n->style == YAML_LITERAL_SCALAR_STYLE ||
					n->style == YAML_FOLDED_SCALAR_STYLE)) {
		size_t kept = 0, seen = 0, p = end;

		/* "|+" keeps its blank lines: they belong to the value. */
		while (kept < n->len && n->value[n->len - 1 - kept] == '\n')
			kept++;
		while (p > n->start && (is_break(e->src[p - 1]) || e->src[p - 1] == ' ')) {
			if (e->src[p - 1] == '\n' ||
			    (e->src[p - 1] == '\r' && (p >= e->len || e->src[p] != '\n')))
				seen++;
			p--;
		}
		while (seen < kept && end < e->len) {
			size_t next = next_line(e, end);

			if (next == end)
				break;
			end = next;
			seen++;
		}
		if (end > n->start && is_break(e->src[end - 1])) {
			end--;
			if (end > n->start && e->src[end] == '\n' &&
			    e->src[end - 1] == '\r')
				end--;
		}
	}
	return end;
}

static int is_block(const struct acct_ynode *n)
{
	return n->style == YAML_BLOCK_MAPPING_STYLE ||
	       n->style == YAML_BLOCK_SEQUENCE_STYLE;
}

/*
 * Text is to be added at `at`, after `n`: refuse when that is the end of
 * a file without a final line break and `n` ends in a block scalar (| or
 * >, maybe as the last value of a block collection). The line break that
 * must come first would join the scalar's value ("|" and "|+" keep it).
 */
static int ends_open_block_scalar(const struct editor *e, size_t at,
				  const struct acct_ynode *n)
{
	if (at != e->len || !e->len || is_break(e->src[e->len - 1]))
		return 0;
	while ((n->type == ACCT_YMAP || n->type == ACCT_YSEQ) && n->n &&
	       is_block(n))
		n = n->items[n->n - 1];
	return n->type == ACCT_YSCALAR &&
	       (n->style == YAML_LITERAL_SCALAR_STYLE ||
		n->style == YAML_FOLDED_SCALAR_STYLE);
}

__attribute__((format(printf, 3, 4)))
static int refuse(struct editor *e, const struct acct_ynode *n,
		  const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	acct_error_at(e->err, ACCT_EDATA, e->path, n ? n->line : 0,
		      n ? n->col : 0, "%s", msg);
	acct_error_hint(e->err, "change it by hand: acct client edit");
	return ACCT_EDATA;
}

/*
 * The '-' of a block list item: on the item's line, or alone on a line
 * above it ("-\n    name: B"). Returns 0 and the dash's offset, or -1.
 */
static int item_dash(const struct editor *e, const struct acct_ynode *it,
		     size_t *dash)
{
	size_t p = it->start;

	while (p > e->first) {
		char c = e->src[p - 1];

		if (c == '-') {
			*dash = p - 1;
			return 0;
		}
		if (c != ' ' && !is_break(c))
			return -1;
		p--;
	}
	return -1;
}

/* Only spaces between the start of its line and `off`. */
static int starts_line(const struct editor *e, size_t off)
{
	size_t i;

	for (i = line_start(e, off); i < off; i++)
		if (e->src[i] != ' ')
			return 0;
	return 1;
}

/*
 * In a flow collection laid out one entry per line, the end of the line
 * holding `end` when only ',' spaces and a comment follow; else 0.
 */
static size_t alone_to_eol(const struct editor *e, size_t end)
{
	size_t p = end;
	int comma = 0;

	while (p < e->len && (e->src[p] == ' ' || (e->src[p] == ',' && !comma))) {
		comma |= e->src[p] == ',';
		p++;
	}
	if (p < e->len && !is_break(e->src[p]) && e->src[p] != '#')
		return 0;
	return next_line(e, p);
}

/* The ',' right after `end` (spaces between), if any, goes too. */
static void drop_comma_after(struct editor *e, size_t end)
{
	size_t p = end;

	while (p < e->len && e->src[p] == ' ')
		p++;
	if (p < e->len && e->src[p] == ',')
		splice_at(e, p, p + 1);
}

/* The pair of `map` whose key is `key`: its index (of the key) or -1. */
static long find_pair(const struct acct_ynode *map, const char *key, size_t klen)
{
	size_t i;

	for (i = 0; i + 1 < map->n; i += 2) {
		const struct acct_ynode *k = acct_ynode_deref(map->items[i]);

		if (k->type == ACCT_YSCALAR && k->len == klen &&
		    !memcmp(k->value, key, klen))
			return (long)i;
	}
	return -1;
}

/* A new key: a word as it is, anything else quoted when it needs it. */
static void add_key_text(struct acct_buf *out, const char *key, size_t klen,
			 unsigned flow)
{
	size_t i;

	for (i = 0; i < klen; i++) {
		char c = key[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			break;
	}
	if (klen && i == klen)
		acct_buf_add(out, key, klen);
	else
		acct_yaml_quote(out, key, klen, ACCT_YQ_TYPED | flow);
}

/* The new value as YAML: nested keys become flow mappings. */
static void nested_value(struct acct_buf *out, const char *rest,
			 const struct acct_yedit_op *op, unsigned flow)
{
	const char *dot = rest ? strchr(rest, '.') : NULL;

	if (!rest) {
		if (op->kind == ACCT_YEDIT_APPEND) {
			acct_buf_addch(out, '[');
			if (op->raw)
				acct_buf_addstr(out, op->value);
			else
				acct_yaml_quote(out, op->value, strlen(op->value),
						op->quote | ACCT_YQ_FLOW);
			acct_buf_addch(out, ']');
		} else if (op->raw) {
			acct_buf_addstr(out, op->value);
		} else {
			acct_yaml_quote(out, op->value, strlen(op->value),
					op->quote | flow);
		}
		return;
	}
	acct_buf_addch(out, '{');
	add_key_text(out, rest, dot ? (size_t)(dot - rest) : strlen(rest),
		     ACCT_YQ_FLOW);
	acct_buf_addstr(out, ": ");
	nested_value(out, dot ? dot + 1 : NULL, op, ACCT_YQ_FLOW);
	acct_buf_addch(out, '}');
}

/* A value spliced right after "key:" needs a space. */
static void space_if_needed(struct editor *e, struct acct_buf *b, size_t at)
{
	if (at > 0 && (e->src[at - 1] == ':' || e->src[at - 1] == '-'))
		acct_buf_addch(b, ' ');
}

/*
 * Add `key` (and below it `rest`) to mapping `map`, after the key that
 * precedes it in the order, or at the end.
 */
static int add_key(struct editor *e, const struct acct_ynode *map,
		   const char *parent, const char *key, size_t klen,
		   const char *rest, const struct acct_yedit_op *op,
		   unsigned flow)
{
	const char *const *order = op->order ? op->order(parent) : NULL;
	long after = map->n ? (long)map->n - 2 : -1;
	struct acct_buf *b;

	if (order) {
		size_t i, me = (size_t)-1;

		for (i = 0; order[i]; i++)
			if (strlen(order[i]) == klen && !memcmp(order[i], key, klen))
				me = i;
		if (me != (size_t)-1) {
			long best = -1;

			while (me-- > 0 && best < 0)
				best = find_pair(map, order[me], strlen(order[me]));
			if (best >= 0)
				after = best;
		}
	}
	if (!is_block(map)) {
		size_t at;

		if (after >= 0 && starts_line(e, map->items[after]->start) &&
		    (at = alone_to_eol(e, last_byte(e, map->items[after + 1])))) {
			/* One pair per line: the new one gets a line too. */
			const struct acct_ynode *k = map->items[after];
			size_t i, col = k->start - line_start(e, k->start);
			int last = (size_t)after + 2 == map->n;

			if (last)
				acct_buf_addch(splice_at(e, last_byte(e, map->items[after + 1]),
						   last_byte(e, map->items[after + 1])), ',');
			b = splice_at(e, at, at);
			for (i = 0; i < col; i++)
				acct_buf_addch(b, ' ');
			add_key_text(b, key, klen, ACCT_YQ_FLOW);
			acct_buf_addstr(b, ": ");
			nested_value(b, rest, op, ACCT_YQ_FLOW);
			acct_buf_addf(b, "%s%s", last ? "" : ",", e->eol);
			return 0;
		}
		if (after < 0) {
			at = map->start + 1;	/* just after '{' */
			b = splice_at(e, at, at);
		} else {
			at = last_byte(e, map->items[after + 1]);
			b = splice_at(e, at, at);
			acct_buf_addstr(b, ", ");
		}
		add_key_text(b, key, klen, ACCT_YQ_FLOW);
		acct_buf_addstr(b, ": ");
		nested_value(b, rest, op, ACCT_YQ_FLOW);
		return 0;
	} else {
		const struct acct_ynode *first = map->items[0];
		size_t indent = first->start - line_start(e, first->start);
		size_t at = next_line(e, last_byte(e, map->items[after + 1]));
		size_t i;

		for (i = line_start(e, first->start); i < first->start; i++)
			if (e->src[i] != ' ')
				indent = (size_t)-1;
		if (ends_open_block_scalar(e, at, map->items[after + 1]))
			return refuse(e, map->items[after + 1], "the file ends in "
				      "a block scalar without a line break; "
				      "cannot add '%.*s' after it in place",
				      (int)klen, key);
		b = splice_at(e, at, at);
		if (at == e->len && e->len && !is_break(e->src[e->len - 1]))
			acct_buf_addstr(b, e->eol);
		if (indent == (size_t)-1) {
			/* "- key: v" items: align under the first key. */
			indent = first->col - 1;
		}
		for (i = 0; i < indent; i++)
			acct_buf_addch(b, ' ');
		add_key_text(b, key, klen, flow);
		if (!rest && op->kind == ACCT_YEDIT_APPEND && op->raw) {
			/* A new list of mappings reads best one per line. */
			acct_buf_addf(b, ":%s", e->eol);
			for (i = 0; i < indent + 2; i++)
				acct_buf_addch(b, ' ');
			acct_buf_addf(b, "- %s", op->value);
		} else {
			acct_buf_addstr(b, ": ");
			nested_value(b, rest, op, flow);
		}
		if (!(at == e->len && e->len && !is_break(e->src[e->len - 1])))
			acct_buf_addstr(b, e->eol);
		return 0;
	}
}

/* Remove the pair at `i` (its key's index) of `map`. */
static int remove_pair(struct editor *e, const struct acct_ynode *map, size_t i,
		       const char *key)
{
	const struct acct_ynode *k = map->items[i], *v = map->items[i + 1];

	if (!is_block(map)) {
		size_t eol = starts_line(e, k->start) ?
			alone_to_eol(e, last_byte(e, v)) : 0;

		if (eol && map->n > 2) {
			splice_at(e, line_start(e, k->start), eol);
			if (i + 2 == map->n)
				drop_comma_after(e, last_byte(e, map->items[i - 1]));
		}
		else if (map->n == 2)
			splice_at(e, k->start, last_byte(e, v));
		else if (i + 2 < map->n)
			splice_at(e, k->start, map->items[i + 2]->start);
		else
			splice_at(e, last_byte(e, map->items[i - 1]), last_byte(e, v));
		return 0;
	} else {
		size_t ls = line_start(e, k->start), j;

		for (j = ls; j < k->start; j++)
			if (e->src[j] != ' ')
				return refuse(e, k, "'%s' is the first key of a list "
					      "item; cannot remove it in place", key);
		splice_at(e, ls, next_line(e, last_byte(e, v)));
		return 0;
	}
}

/*
 * A block list or mapping replaced by a raw value: the value goes on the
 * key's line, where the comment stays ("fee: {amount: 1}  # ours"), and
 * the block's lines go.
 */
static int set_block_raw(struct editor *e, const struct acct_ynode *keynode,
			 const struct acct_ynode *v,
			 const struct acct_yedit_op *op, const char *key)
{
	size_t colon = keynode->end, at, p, from;
	struct acct_buf *b;

	while (colon < v->start && e->src[colon] != ':')
		colon++;
	if (colon >= v->start || !v->n)
		return refuse(e, v, "'%s' is laid out in a way that cannot be "
			      "changed in place", key);
	/* A tag on the key's line ("key: !!seq") belongs to the old value. */
	at = p = colon + 1;
	for (;;) {
		while (p < e->len && e->src[p] == ' ')
			p++;
		if (p >= e->len || e->src[p] != '!')
			break;
		while (p < e->len && e->src[p] != ' ' && !is_break(e->src[p]))
			p++;
		at = p;
	}
	from = next_line(e, colon);
	if ((p < e->len && !is_break(e->src[p]) && e->src[p] != '#') ||
	    v->items[0]->start < from)
		return refuse(e, v, "'%s' is laid out in a way that cannot be "
			      "changed in place", key);
	b = splice_at(e, colon + 1, at);
	acct_buf_addch(b, ' ');
	acct_buf_addstr(b, op->value);
	splice_at(e, from, next_line(e, last_byte(e, v)));
	return 0;
}

static int set_scalar(struct editor *e, const struct acct_ynode *keynode,
		      const struct acct_ynode *v, const struct acct_yedit_op *op,
		      unsigned flow, const char *key)
{
	const struct acct_ynode *d = acct_ynode_deref(v);
	struct acct_buf *b;
	size_t to = v->end;
	int block_scalar = v->type == ACCT_YSCALAR &&
		(v->style == YAML_LITERAL_SCALAR_STYLE ||
		 v->style == YAML_FOLDED_SCALAR_STYLE);

	if (v->type != ACCT_YALIAS && v->anchor)
		return refuse(e, v, "'%s' has an anchor that other values may "
			      "refer to; cannot change it in place", key);
	if (d->type != ACCT_YSCALAR && !op->raw)
		return refuse(e, v, "'%s' is a list or a mapping, not a single "
			      "value", key);
	/* A raw value may replace a whole list or mapping. */
	if ((v->type == ACCT_YMAP || v->type == ACCT_YSEQ) && is_block(v))
		return set_block_raw(e, keynode, v, op, key);
	if (block_scalar) {
		/* Keep the line break (and what follows) after the text. */
		to = v->end;
		while (to > v->start && is_break(e->src[to - 1]))
			to--;
	}
	b = splice_at(e, v->start, to);
	if (v->start == v->end && keynode && !memchr(e->src + keynode->end, ':',
						   v->start - keynode->end))
		acct_buf_addstr(b, ": ");	/* "{a, b: c}": a has no ':' */
	else
		space_if_needed(e, b, v->start);
	if (op->raw)
		acct_buf_addstr(b, op->value);
	else
		acct_yaml_quote(b, op->value, strlen(op->value),
				op->quote | flow);
	return 0;
}

static int append_item(struct editor *e, const struct acct_ynode *list,
		       const struct acct_yedit_op *op, const char *key)
{
	struct acct_buf *b;

	if (list->anchor)
		return refuse(e, list, "'%s' has an anchor that other values may "
			      "refer to; cannot change it in place", key);
	if (!is_block(list)) {
		size_t at = list->n ? last_byte(e, list->items[list->n - 1])
				    : list->start + 1;

		b = splice_at(e, at, at);
		if (list->n)
			acct_buf_addstr(b, ", ");
	} else {
		const struct acct_ynode *first = list->items[0];
		size_t ls, dash, i;
		size_t at = next_line(e, last_byte(e, list->items[list->n - 1]));
		int at_eof = at == e->len && e->len && !is_break(e->src[e->len - 1]);

		if (item_dash(e, first, &dash) < 0 || !starts_line(e, dash))
			return refuse(e, first, "'%s' is a nested list; "
				      "cannot add to it in place", key);
		if (ends_open_block_scalar(e, at, list->items[list->n - 1]))
			return refuse(e, list->items[list->n - 1], "the file "
				      "ends in a block scalar without a line "
				      "break; cannot add to '%s' in place", key);
		ls = line_start(e, dash);
		b = splice_at(e, at, at);
		if (at_eof)
			acct_buf_addstr(b, e->eol);
		for (i = ls; i < dash; i++)
			acct_buf_addch(b, ' ');
		acct_buf_addstr(b, "- ");
		if (op->raw)
			acct_buf_addstr(b, op->value);
		else
			acct_yaml_quote(b, op->value, strlen(op->value), op->quote);
		if (!at_eof)
			acct_buf_addstr(b, e->eol);
		return 0;
	}
	if (op->raw)
		acct_buf_addstr(b, op->value);
	else
		acct_yaml_quote(b, op->value, strlen(op->value),
				op->quote | ACCT_YQ_FLOW);
	return 0;
}

static int delete_item(struct editor *e, const struct acct_ynode *keynode,
		       const struct acct_ynode *list, size_t i, const char *key)
{
	const struct acct_ynode *it;

	if (list->anchor)
		return refuse(e, list, "'%s' has an anchor that other values may "
			      "refer to; cannot change it in place", key);
	if (i >= list->n) {
		acct_error_set(e->err, ACCT_ENOTFOUND, "'%s' has no item %zu",
			       key, i + 1);
		return ACCT_ENOTFOUND;
	}
	it = list->items[i];
	if (!is_block(list)) {
		size_t eol = starts_line(e, it->start) ?
			alone_to_eol(e, last_byte(e, it)) : 0;

		if (eol && list->n > 1) {
			splice_at(e, line_start(e, it->start), eol);
			if (i + 1 == list->n)
				drop_comma_after(e, last_byte(e, list->items[i - 1]));
		}
		else if (list->n == 1)
			splice_at(e, it->start, last_byte(e, it));
		else if (i + 1 < list->n)
			splice_at(e, it->start, list->items[i + 1]->start);
		else
			splice_at(e, last_byte(e, list->items[i - 1]), last_byte(e, it));
		return 0;
	} else {
		size_t dash, ls;

		if (item_dash(e, it, &dash) < 0 || !starts_line(e, dash))
			return refuse(e, it, "'%s' is a nested list; "
				      "cannot change it in place", key);
		ls = line_start(e, dash);
		splice_at(e, ls, next_line(e, last_byte(e, it)));
		if (list->n == 1) {
			/* The last item goes: the key keeps an empty list. */
			size_t at = keynode->end;

			while (at < e->len && e->src[at] != ':')
				at++;
			if (at < e->len)
				at++;
			/* After a tag or anchor on the key's line: "!!seq []". */
			if (list->start < ls && list->start >= at) {
				at = list->start;
				while (at < ls && (e->src[at] == '!' || e->src[at] == '&')) {
					while (at < ls && e->src[at] != ' ' &&
					       !is_break(e->src[at]))
						at++;
					while (at < ls && e->src[at] == ' ' &&
					       (e->src[at + 1] == '!' || e->src[at + 1] == '&'))
						at++;
				}
			}
			if (at <= ls) {
				struct acct_buf *b = splice_at(e, at, at);

				acct_buf_addstr(b, " []");
			}
		}
		return 0;
	}
}

/* A list index in a dotted path: "contacts.0.primary". */
static int parse_index(const char *s, size_t len, size_t *out)
{
	size_t i, v = 0;

	if (!len || len > 6)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Walk the dotted path and plan the splices. */
static int plan(struct editor *e, const struct acct_ydoc *doc,
		const struct acct_yedit_op *op)
{
	const struct acct_ynode *map = doc->root;
	struct acct_buf parent = ACCT_BUF_INIT;
	const char *key = op->key;
	unsigned flow = 0;
	int rc = 0;

	if (!map || map->type != ACCT_YMAP) {
		rc = refuse(e, map, "the document is not a mapping%s", "");
		goto out;
	}
	for (;;) {
		const char *dot = strchr(key, '.');
		size_t klen = dot ? (size_t)(dot - key) : strlen(key);
		long i = find_pair(map, key, klen);
		const struct acct_ynode *k, *v;

		if (!is_block(map))
			flow = ACCT_YQ_FLOW;
		if (i < 0) {
			if (op->kind == ACCT_YEDIT_UNSET || op->kind == ACCT_YEDIT_DELETE) {
				rc = acct_error_set(e->err, ACCT_ENOTFOUND,
						    "the card has no '%s'", op->key);
				goto out;
			}
			rc = add_key(e, map, parent.buf, key, klen,
				     dot ? dot + 1 : NULL, op, flow);
			goto out;
		}
		k = map->items[i];
		v = map->items[i + 1];
		if (!dot) {
			const struct acct_ynode *d = acct_ynode_deref(v);

			switch (op->kind) {
			case ACCT_YEDIT_SET:
				rc = set_scalar(e, k, v, op, flow, op->key);
				break;
			case ACCT_YEDIT_UNSET:
				if (v->type != ACCT_YALIAS && v->anchor)
					rc = refuse(e, v, "'%s' has an anchor that "
						    "other values may refer to; "
						    "cannot remove it in place",
						    op->key);
				else
					rc = remove_pair(e, map, (size_t)i, op->key);
				break;
			case ACCT_YEDIT_APPEND:
				if (v->type == ACCT_YALIAS)
					rc = refuse(e, v, "'%s' is an alias; cannot "
						    "change it in place", op->key);
				else if (acct_ynode_is_null(v)) {
					struct acct_buf *b = splice_at(e, v->start, v->end);

					space_if_needed(e, b, v->start);
					nested_value(b, NULL, op, flow);
				} else if (d->type != ACCT_YSEQ)
					rc = refuse(e, v, "'%s' is not a list", op->key);
				else
					rc = append_item(e, v, op, op->key);
				break;
			case ACCT_YEDIT_DELETE:
				if (v->type == ACCT_YALIAS)
					rc = refuse(e, v, "'%s' is an alias; cannot "
						    "change it in place", op->key);
				else if (d->type != ACCT_YSEQ)
					rc = refuse(e, v, "'%s' is not a list", op->key);
				else
					rc = delete_item(e, k, v, op->index, op->key);
				break;
			}
			goto out;
		}
		if (v->type == ACCT_YALIAS) {
			rc = refuse(e, v, "'%s' is an alias of another value; "
				    "cannot change it in place", op->key);
			goto out;
		}
		if (acct_ynode_is_null(v) && op->kind != ACCT_YEDIT_UNSET &&
		    op->kind != ACCT_YEDIT_DELETE) {
			struct acct_buf *b = splice_at(e, v->start, v->end);

			space_if_needed(e, b, v->start);
			nested_value(b, dot + 1, op, flow);
			goto out;
		}
		if (v->type == ACCT_YSEQ) {
			/* "contacts.1.role": into item 1 of the list. */
			const char *idx_s = dot + 1, *dot2 = strchr(idx_s, '.');
			size_t idx;

			if (!dot2 || parse_index(idx_s, (size_t)(dot2 - idx_s), &idx) < 0 ||
			    idx >= v->n) {
				rc = acct_error_set(e->err, ACCT_ENOTFOUND,
						    "the card has no '%s'", op->key);
				goto out;
			}
			if (!is_block(v))
				flow = ACCT_YQ_FLOW;
			if (parent.len)
				acct_buf_addch(&parent, '.');
			acct_buf_add(&parent, key, klen);
			acct_buf_addstr(&parent, "[]");
			map = v->items[idx];
			if (map->type != ACCT_YMAP) {
				rc = refuse(e, map, "item %zu of '%.*s' is not a mapping",
					    idx + 1, (int)klen, key);
				goto out;
			}
			key = dot2 + 1;
			continue;
		}
		if (v->type != ACCT_YMAP) {
			struct acct_buf what = ACCT_BUF_INIT;

			/* The path up to and with this segment: up to `dot`. */
			acct_buf_add(&what, op->key, (size_t)(dot - op->key));
			rc = refuse(e, v, "'%s' is not a mapping", what.buf);
			acct_buf_release(&what);
			goto out;
		}
		if (v->anchor) {
			rc = refuse(e, v, "'%s' has an anchor that other values may "
				    "refer to; cannot change it in place", op->key);
			goto out;
		}
		if (parent.len)
			acct_buf_addch(&parent, '.');
		acct_buf_add(&parent, key, klen);
		map = v;
		key = dot + 1;
	}
out:
	acct_buf_release(&parent);
	return rc;
}

/* The node at dotted path `key` (modified in place), or NULL. */
static const struct acct_ynode *lookup(const struct acct_ynode *n, char *key)
{
	char *p = key, *dot;

	for (;;) {
		size_t idx;

		n = acct_ynode_deref(n);
		if (!n)
			return NULL;
		dot = strchr(p, '.');
		if (dot)
			*dot = '\0';
		if (n->type == ACCT_YSEQ) {
			if (parse_index(p, strlen(p), &idx) < 0 || idx >= n->n)
				return NULL;
			n = n->items[idx];
		} else {
			n = acct_ynode_get(n, p, NULL);
		}
		if (!dot)
			return acct_ynode_deref(n);
		p = dot + 1;
	}
}

/* The node `n` holds the raw value `value`. */
static int holds_raw(const struct acct_ynode *n, const char *value,
		     const char *path)
{
	struct acct_ydoc doc;
	struct acct_ywalk w;
	int ok;

	if (acct_ydoc_parse(&doc, path, value, strlen(value), NULL) < 0)
		return 0;
	/* What aliases in the card could make of `n` is bounded. */
	acct_ywalk_init(&w, ACCT_YWALK_BUDGET(strlen(value)));
	ok = n && doc.root && acct_yvalue_equal(&w, n, doc.root, 0) == 1;
	acct_ydoc_release(&doc);
	return ok;
}

/* The new document must say what was asked, or nothing is written. */
static int verify(const char *text, size_t len, const char *path,
		  const struct acct_yedit_op *op, size_t old_items,
		  struct acct_error *err)
{
	struct acct_ydoc doc;
	struct acct_error why = ACCT_ERROR_INIT;
	const struct acct_ynode *n;
	char *key = acct_strdup(op->key);
	int ok = 0;

	if (acct_ydoc_parse(&doc, path, text, len, &why) < 0) {
		free(key);
		acct_error_set(err, ACCT_ERROR, "editing '%s' in place would break "
			       "the file (%s)", op->key, why.msg);
		acct_error_hint(err, "change it by hand: acct client edit");
		return ACCT_ERROR;
	}
	n = lookup(doc.root, key);
	switch (op->kind) {
	case ACCT_YEDIT_SET:
		if (op->raw)
			ok = holds_raw(n, op->value, path);
		else
			ok = n && n->type == ACCT_YSCALAR &&
			     !strcmp(n->value, op->value) &&
			     n->len == strlen(op->value);
		break;
	case ACCT_YEDIT_UNSET:
		ok = !n;
		break;
	case ACCT_YEDIT_APPEND:
		ok = n && n->type == ACCT_YSEQ && n->n == old_items + 1 &&
		     (op->raw || !strcmp(acct_ynode_deref(n->items[n->n - 1])->value,
					 op->value));
		break;
	case ACCT_YEDIT_DELETE:
		ok = n && n->type == ACCT_YSEQ && n->n + 1 == old_items;
		break;
	}
	acct_ydoc_release(&doc);
	free(key);
	if (ok)
		return 0;
	acct_error_set(err, ACCT_ERROR, "cannot change '%s' in place without "
		       "changing its meaning", op->key);
	acct_error_hint(err, "change it by hand: acct client edit");
	return ACCT_ERROR;
}

static size_t count_items(const struct acct_ydoc *doc, const char *dotted)
{
	char *key = acct_strdup(dotted);
	const struct acct_ynode *n = lookup(doc->root, key);

	free(key);
	return n && n->type == ACCT_YSEQ ? n->n : 0;
}

int acct_yedit(struct acct_buf *out, const char *src, size_t len,
	       const char *path, const struct acct_yedit_op *op,
	       struct acct_error *err)
{
	struct acct_ydoc doc;
	struct editor e;
	struct acct_buf res = ACCT_BUF_INIT;
	size_t i, pos = 0, old_items;
	int rc;

	if ((rc = acct_ydoc_parse(&doc, path, src, len, err)) < 0)
		return rc;
	memset(&e, 0, sizeof(e));
	e.src = src;
	e.len = len;
	e.path = path;
	e.err = err;
	e.eol = acct_text_eol(src, len);
	e.first = doc.bom ? 3 : 0;
	old_items = count_items(&doc, op->key);
	rc = plan(&e, &doc, op);
	acct_ydoc_release(&doc);
	if (rc < 0)
		goto out;
	/* At most two splices, in order. */
	if (e.n == 2 && e.s[1].from < e.s[0].from) {
		struct splice t = e.s[0];

		e.s[0] = e.s[1];
		e.s[1] = t;
	}
	for (i = 0; i < e.n; i++) {
		acct_buf_add(&res, src + pos, e.s[i].from - pos);
		acct_buf_add(&res, e.s[i].text.buf, e.s[i].text.len);
		pos = e.s[i].to;
	}
	acct_buf_add(&res, src + pos, len - pos);
	if ((rc = verify(res.buf, res.len, path, op, old_items, err)) < 0)
		goto out;
	acct_buf_add(out, res.buf, res.len);
out:
	for (i = 0; i < e.n; i++)
		acct_buf_release(&e.s[i].text);
	acct_buf_release(&res);
	return rc;
}
