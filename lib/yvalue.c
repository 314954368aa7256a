/*
 * Walking YAML values with their aliases followed, under a budget: the
 * comparison, look-up and flow printer that lib/history.c, lib/cardmerge.c
 * and lib/yedit.c share. lib/yaml.c never expands an alias; whoever
 * follows one here pays for what it reaches, so that a hostile card (a
 * "billion laughs") costs a bounded amount of time and output.
 */
#include "acct/yvalue.h"

#include <string.h>

#include "acct/buf.h"
#include "acct/yaml.h"
#include "acct/banned.h"

void acct_ywalk_init(struct acct_ywalk *w, size_t work)
{
	memset(w, 0, sizeof(*w));
	w->work = work;
}

int acct_ywalk_spend(struct acct_ywalk *w, const struct acct_ynode *n,
		     size_t cost, size_t depth)
{
	if (w->spent)
		return 0;
	if (depth > ACCT_YWALK_MAX_DEPTH || cost > w->work) {
		w->spent = 1;
		w->too_deep = depth > ACCT_YWALK_MAX_DEPTH;
		w->stop = n;
		return 0;
	}
	w->work -= cost;
	return 1;
}

/* Once spent, name the outermost alias on the way as where it stopped. */
static void note_alias(struct acct_ywalk *w, const struct acct_ynode *a,
		       const struct acct_ynode *b)
{
	if (!w->spent)
		return;
	if (a && a->type == ACCT_YALIAS)
		w->stop = a;
	else if (b && b->type == ACCT_YALIAS)
		w->stop = b;
}

const struct acct_ynode *acct_yvalue_get(struct acct_ywalk *w,
					 const struct acct_ynode *map,
					 const struct acct_ynode *key,
					 size_t depth)
{
	size_t i;

	map = acct_ynode_deref(map);
	key = acct_ynode_deref(key);
	if (!map || !key || map->type != ACCT_YMAP ||
	    !acct_ywalk_spend(w, map, 1 + map->n / 2, depth))
		return NULL;
	for (i = 0; i + 1 < map->n; i += 2) {
		const struct acct_ynode *k = acct_ynode_deref(map->items[i]);

		if (k->len == key->len && !memcmp(k->value, key->value, key->len))
			return map->items[i + 1];
	}
	return NULL;
}

static int scalar_equal(const struct acct_ynode *a, const struct acct_ynode *b)
{
	int na = acct_ynode_is_null(a), nb = acct_ynode_is_null(b);

	if (na || nb)
		return na && nb;
	return a->len == b->len && !memcmp(a->value, b->value, a->len);
}

static int equal(struct acct_ywalk *w, const struct acct_ynode *a,
		 const struct acct_ynode *b, size_t depth);

/* Anchored values are compared once: what aliases repeat costs nothing. */
static int *memo_slot(struct acct_ywalk *w, const struct acct_ynode *a,
		      const struct acct_ynode *b)
{
	size_t i;

	for (i = 0; i < w->nmemo; i++)
		if (w->memo[i].a == a && w->memo[i].b == b)
			return &w->memo[i].same;
	return NULL;
}

static int collections_equal(struct acct_ywalk *w, const struct acct_ynode *a,
			     const struct acct_ynode *b, size_t depth)
{
	size_t i;
	int r;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++) {
		const struct acct_ynode *vb = b->items[i];
		const struct acct_ynode *va = a->items[i];

		if (a->type == ACCT_YMAP) {
			if (i % 2)
				continue;
			va = a->items[i + 1];
			if (!(vb = acct_yvalue_get(w, b, a->items[i], depth)))
				return w->spent ? -1 : 0;
		}
		if ((r = equal(w, va, vb, depth + 1)) != 1)
			return r;
	}
	return 1;
}

static int equal(struct acct_ywalk *w, const struct acct_ynode *a0,
		 const struct acct_ynode *b0, size_t depth)
{
	const struct acct_ynode *a = acct_ynode_deref(a0);
	const struct acct_ynode *b = acct_ynode_deref(b0);
	int *memo = NULL, r;

	if (!a || !b || a == b)
		return a == b;
	if (a->anchor && b->anchor && (memo = memo_slot(w, a, b)))
		return *memo;
	if (!acct_ywalk_spend(w, a, 1 + a->len, depth))
		return -1;
	if (a->type != b->type)
		return 0;
	if (a->type == ACCT_YSCALAR)
		return scalar_equal(a, b);
	r = collections_equal(w, a, b, depth);
	note_alias(w, a0, b0);
	if (r >= 0 && a->anchor && b->anchor && w->nmemo < ACCT_YWALK_MEMO) {
		w->memo[w->nmemo].a = a;
		w->memo[w->nmemo].b = b;
		w->memo[w->nmemo].same = r;
		w->nmemo++;
	}
	return r;
}

int acct_yvalue_equal(struct acct_ywalk *w, const struct acct_ynode *a,
		      const struct acct_ynode *b, size_t depth)
{
	return w->spent ? -1 : equal(w, a, b, depth);
}

/* The value written out; its weight has been paid. */
static int flow(struct acct_buf *out, struct acct_ywalk *w,
		const struct acct_ynode *n0, unsigned flags, size_t depth)
{
	const struct acct_ynode *n = acct_ynode_deref(n0);
	size_t i;

	if (depth > ACCT_YWALK_MAX_DEPTH) {
		w->spent = w->too_deep = 1;
		w->stop = n0;
		return -1;
	}
	if (!n || acct_ynode_is_null(n)) {
		acct_buf_addch(out, '~');
		return 0;
	}
	switch (n->type) {
	case ACCT_YSCALAR:
		if (flags & ACCT_YVALUE_QUOTE)
			acct_yaml_quote(out, n->value, n->len, ACCT_YQ_FLOW |
					(n->quoted ? 0 : ACCT_YQ_TYPED));
		else
			acct_buf_add(out, n->value, n->len);
		return 0;
	case ACCT_YSEQ:
	case ACCT_YMAP:
		acct_buf_addch(out, n->type == ACCT_YSEQ ? '[' : '{');
		for (i = 0; i < n->n; i++) {
			if (i)
				acct_buf_addstr(out, n->type == ACCT_YMAP &&
						i % 2 ? ": " : ", ");
			if (flow(out, w, n->items[i], flags, depth + 1) < 0) {
				note_alias(w, n0, NULL);
				return -1;
			}
		}
		acct_buf_addch(out, n->type == ACCT_YSEQ ? ']' : '}');
		return 0;
	default:
		return 0;
	}
}

int acct_yvalue_flow(struct acct_buf *out, struct acct_ywalk *w,
		     const struct acct_ynode *n, unsigned flags)
{
	size_t len = out->len;
	const struct acct_ynode *heavy;

	if (!acct_ywalk_spend(w, n, n ? n->weight : 4, 0)) {
		if (n && (heavy = acct_yvalue_heaviest_alias(n)))
			w->stop = heavy;
		return -1;
	}
	if (flow(out, w, n, flags, 0) < 0) {
		acct_buf_setlen(out, len);
		return -1;
	}
	return 0;
}

const struct acct_ynode *acct_yvalue_heaviest_alias(const struct acct_ynode *n)
{
	const struct acct_ynode *best = NULL, *x;
	size_t i;

	if (!n)
		return NULL;
	if (n->type == ACCT_YALIAS)
		return n;
	for (i = 0; i < n->n && (n->type == ACCT_YSEQ || n->type == ACCT_YMAP);
	     i++)
		if ((x = acct_yvalue_heaviest_alias(n->items[i])) &&
		    (!best || x->weight > best->weight))
			best = x;
	return best;
}
