/*
 * The in-place editor (lib/yedit.c): one random edit on a random card.
 *
 * Input: a byte of flags (bits 0-1 the kind: set, unset, append, delete;
 * bit 2 a raw value, when the value is one line of flow YAML as callers
 * give; bit 3 the card's key order; bits 4-5 the quote flags ACCT_YQ_FLOW
 * and ACCT_YQ_TYPED), a byte for the index of a delete, the dotted key up
 * to a NUL, the value up to a NUL, then the card.
 *
 * Checked: a refusal leaves the output as it was; an edit that is made
 * gives a document that parses, where the key holds exactly the new value
 * (or is gone, or its list gained or lost exactly that item) and every
 * other value is as it was, key for key, text, tag and quoting alike.
 */
#include "acct/yedit.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/yaml.h"
#include "fuzz.h"

#include "acct/banned.h"

#define PATH "clients/acme/client.yaml"
#define SENTINEL "untouched\n"
/* Alias chains can make a comparison exponential: past this, stop. */
#define WORK 200000

struct cmp {
	size_t work;
	int gave_up;
};

static const struct acct_ynode *deref(const struct acct_ynode *n)
{
	return acct_ynode_deref(n);
}

/* The value of scalar key `key` (`klen` bytes) in mapping `map`, or NULL. */
static const struct acct_ynode *get(const struct acct_ynode *map,
				    const char *key, size_t klen)
{
	size_t i;

	for (i = 0; i + 1 < map->n; i += 2) {
		const struct acct_ynode *k = deref(map->items[i]);

		if (k->type == ACCT_YSCALAR && k->len == klen &&
		    !memcmp(k->value, key, klen))
			return map->items[i + 1];
	}
	return NULL;
}

static int same_tag(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The same value: scalars by text, tag and quoting, null as null. */
static int same(struct cmp *c, const struct acct_ynode *a,
		const struct acct_ynode *b, size_t depth)
{
	size_t i;

	a = deref(a);
	b = deref(b);
	if (c->gave_up)
		return 1;
	if (!c->work-- || depth > 4 * ACCT_YAML_MAX_DEPTH) {
		c->gave_up = 1;
		return 1;
	}
	if (!a || !b || a->type != b->type || a->n != b->n ||
	    !same_tag(a->tag, b->tag))
		return 0;
	if (a->type == ACCT_YSCALAR) {
		if (acct_ynode_is_null(a) || acct_ynode_is_null(b))
			return acct_ynode_is_null(a) && acct_ynode_is_null(b);
		return a->len == b->len && !memcmp(a->value, b->value, a->len) &&
		       a->quoted == b->quoted;
	}
	for (i = 0; i < a->n; i++) {
		if (a->type == ACCT_YMAP) {
			const struct acct_ynode *k = deref(a->items[i]);
			const struct acct_ynode *bv = get(b, k->value, k->len);

			if (!bv || !same(c, a->items[i + 1], bv, depth + 1))
				return 0;
			i++;
		} else if (!same(c, a->items[i], b->items[i], depth + 1)) {
			return 0;
		}
	}
	return 1;
}

struct edit {
	const struct acct_yedit_op *op;
	struct cmp cmp;
	const char *key;	/* the whole dotted key, for messages */
};

/* The node holds the value that was set (or appended). */
static void check_value(struct edit *e, const struct acct_ynode *n)
{
	const struct acct_yedit_op *op = e->op;

	n = deref(n);
	if (op->raw) {
		struct acct_ydoc doc;

		if (acct_ydoc_parse(&doc, "value", op->value, strlen(op->value),
				    NULL) == 0) {
			FUZZ_CHECK(doc.root && same(&e->cmp, n, doc.root, 0),
				   "'%s' does not hold the raw value '%s'",
				   e->key, op->value);
			acct_ydoc_release(&doc);
		}
		return;
	}
	/* A typed value is written plain: "null" then reads as null. */
	FUZZ_CHECK(n && n->type == ACCT_YSCALAR &&
		   n->len == strlen(op->value) &&
		   !memcmp(n->value, op->value, n->len) &&
		   (!acct_ynode_is_null(n) || !n->len ||
		    (op->quote & ACCT_YQ_TYPED)),
		   "'%s' reads back as '%s', not '%s'", e->key,
		   n && n->type == ACCT_YSCALAR ? n->value : "(not text)",
		   op->value);
}

/* A value made where there was none: nested mappings down to the value. */
static void check_made(struct edit *e, const struct acct_ynode *n,
		       const char *rest)
{
	const char *dot;
	size_t klen;

	n = deref(n);
	if (!rest) {
		if (e->op->kind == ACCT_YEDIT_APPEND) {
			FUZZ_CHECK(n && n->type == ACCT_YSEQ && n->n == 1,
				   "'%s' is not a new list of one item", e->key);
			check_value(e, n->items[0]);
		} else {
			check_value(e, n);
		}
		return;
	}
	dot = strchr(rest, '.');
	klen = dot ? (size_t)(dot - rest) : strlen(rest);
	FUZZ_CHECK(n && n->type == ACCT_YMAP && n->n == 2 &&
		   get(n, rest, klen), "'%s' was added as something else "
		   "than nested mappings", e->key);
	check_made(e, get(n, rest, klen), dot ? dot + 1 : NULL);
}

/* `after` is `before` with the edit at `rest` and nothing else changed. */
static void check_map(struct edit *e, const struct acct_ynode *before,
		      const struct acct_ynode *after, const char *rest)
{
	const struct acct_yedit_op *op = e->op;
	const char *dot = strchr(rest, '.');
	size_t klen = dot ? (size_t)(dot - rest) : strlen(rest), i, nb = 0;
	const struct acct_ynode *bv, *av;
	int removed = 0;

	before = deref(before);
	after = deref(after);
	/*
	 * A block mapping whose one key goes is left empty: null, or no
	 * document at all at the top.
	 */
	if (!dot && op->kind == ACCT_YEDIT_UNSET && before &&
	    before->type == ACCT_YMAP && before->n == 2 &&
	    get(before, rest, klen) && (!after || acct_ynode_is_null(after)))
		return;
	FUZZ_CHECK(before && before->type == ACCT_YMAP && after &&
		   after->type == ACCT_YMAP, "'%s': a mapping on the way is "
		   "not one any more (or never was)", e->key);
	/* Every other key keeps its value; a key may only come or go here. */
	for (i = 0; i + 1 < before->n; i += 2) {
		const struct acct_ynode *k = deref(before->items[i]);

		if (k->len == klen && !memcmp(k->value, rest, klen))
			continue;
		av = get(after, k->value, k->len);
		FUZZ_CHECK(av, "editing '%s' lost the key '%s'", e->key, k->value);
		FUZZ_CHECK(same(&e->cmp, before->items[i + 1], av, 0),
			   "editing '%s' changed the value of '%s'", e->key,
			   k->value);
		nb++;
	}
	bv = get(before, rest, klen);
	av = get(after, rest, klen);
	if (!dot && op->kind == ACCT_YEDIT_UNSET) {
		FUZZ_CHECK(bv && !av, "'%s' is still there after unset", e->key);
		removed = 1;
	}
	FUZZ_CHECK(after->n / 2 == nb + !removed, "editing '%s' left %zu keys "
		   "where %zu were expected", e->key, after->n / 2, nb + !removed);
	if (removed)
		return;
	FUZZ_CHECK(av, "'%s' is not in the result", e->key);
	if (!bv || acct_ynode_is_null(bv)) {
		FUZZ_CHECK(op->kind == ACCT_YEDIT_SET ||
			   op->kind == ACCT_YEDIT_APPEND,
			   "'%s' was missing, but the edit was made", e->key);
		check_made(e, av, dot ? dot + 1 : NULL);
		return;
	}
	bv = deref(bv);
	av = deref(av);
	if (!dot) {
		switch (op->kind) {
		case ACCT_YEDIT_SET:
			check_value(e, av);
			return;
		case ACCT_YEDIT_APPEND:
			FUZZ_CHECK(bv->type == ACCT_YSEQ && av->type == ACCT_YSEQ &&
				   av->n == bv->n + 1, "append to '%s' did not "
				   "add one item", e->key);
			for (i = 0; i < bv->n; i++)
				FUZZ_CHECK(same(&e->cmp, bv->items[i], av->items[i], 0),
					   "append to '%s' changed item %zu",
					   e->key, i);
			check_value(e, av->items[bv->n]);
			return;
		case ACCT_YEDIT_DELETE:
			FUZZ_CHECK(bv->type == ACCT_YSEQ && av->type == ACCT_YSEQ &&
				   av->n + 1 == bv->n && op->index < bv->n,
				   "delete from '%s' did not remove one item",
				   e->key);
			for (i = 0; i < av->n; i++)
				FUZZ_CHECK(same(&e->cmp, bv->items[i + (i >= op->index)],
						av->items[i], 0), "delete of item %zu "
					   "of '%s' changed another", op->index,
					   e->key);
			return;
		default:
			fuzz_fail("'%s': unset reached the value", e->key);
		}
	}
	if (bv->type == ACCT_YSEQ) {
		/* "contacts.1.role": into one item of the list. */
		const char *idx_s = dot + 1, *dot2 = strchr(idx_s, '.');
		size_t idx = 0;

		FUZZ_CHECK(dot2 && av->type == ACCT_YSEQ && av->n == bv->n,
			   "'%s' went into a list wrongly", e->key);
		for (i = 0; idx_s + i < dot2; i++)
			idx = idx * 10 + (size_t)(idx_s[i] - '0');
		FUZZ_CHECK(idx < bv->n, "'%s': no such item", e->key);
		for (i = 0; i < bv->n; i++)
			if (i != idx)
				FUZZ_CHECK(same(&e->cmp, bv->items[i], av->items[i], 0),
					   "editing '%s' changed item %zu", e->key, i);
		check_map(e, bv->items[idx], av->items[idx], dot2 + 1);
		return;
	}
	check_map(e, bv, av, dot + 1);
}

/*
 * A raw value as callers give one: a single flow value on one line, which
 * reads the same alone, as a list's item and as a mapping's value.
 */
static int raw_ok(const char *v)
{
	struct acct_ydoc alone, item, pair;
	struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT;
	struct cmp c = { WORK, 0 };
	int ok = 0;

	if (strpbrk(v, "\r\n") ||
	    acct_ydoc_parse(&alone, "value", v, strlen(v), NULL) < 0)
		return 0;
	acct_buf_addf(&a, "[%s]", v);
	acct_buf_addf(&b, "{k: %s}", v);
	if (acct_ydoc_parse(&item, "value", a.buf, a.len, NULL) == 0) {
		if (acct_ydoc_parse(&pair, "value", b.buf, b.len, NULL) == 0) {
			ok = alone.root && item.root->n == 1 &&
			     pair.root->n == 2 &&
			     same(&c, alone.root, item.root->items[0], 0) &&
			     same(&c, alone.root, pair.root->items[1], 0) &&
			     !c.gave_up;
			acct_ydoc_release(&pair);
		}
		acct_ydoc_release(&item);
	}
	acct_ydoc_release(&alone);
	acct_buf_release(&a);
	acct_buf_release(&b);
	return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum acct_yedit_kind kinds[] = {
		ACCT_YEDIT_SET, ACCT_YEDIT_UNSET, ACCT_YEDIT_APPEND,
		ACCT_YEDIT_DELETE,
	};
	struct fuzz_in in = { data, size };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_yedit_op op;
	struct acct_ydoc before, after;
	unsigned flags = fuzz_byte(&in), index = fuzz_byte(&in);
	char *key = fuzz_part(&in, NULL), *value = fuzz_part(&in, NULL);
	size_t len;
	char *card = fuzz_rest(&in, &len);
	int rc;

	memset(&op, 0, sizeof(op));
	op.kind = kinds[flags & 3];
	op.key = key;
	op.value = value;
	op.raw = (flags & 4) && (op.kind == ACCT_YEDIT_SET ||
				 op.kind == ACCT_YEDIT_APPEND) && raw_ok(value);
	op.order = flags & 8 ? acct_client_key_order : NULL;
	op.quote = (flags & 16 ? ACCT_YQ_FLOW : 0) | (flags & 32 ? ACCT_YQ_TYPED : 0);
	op.index = index;

	acct_buf_addstr(&out, SENTINEL);
	rc = acct_yedit(&out, card, len, PATH, &op, &err);
	if (rc < 0) {
		FUZZ_CHECK(rc == ACCT_EDATA || rc == ACCT_ENOTFOUND ||
			   rc == ACCT_ERROR, "refusal with code %d: %s", rc,
			   err.msg);
		FUZZ_CHECK(out.len == strlen(SENTINEL) &&
			   !memcmp(out.buf, SENTINEL, out.len),
			   "a refusal (%s) wrote to the output", err.msg);
		goto out;
	}
	FUZZ_CHECK(rc == 0 && out.len >= strlen(SENTINEL) &&
		   !memcmp(out.buf, SENTINEL, strlen(SENTINEL)),
		   "the result does not follow what the output held");
	FUZZ_CHECK(acct_ydoc_parse(&before, PATH, card, len, NULL) == 0,
		   "an edit was made to a card that does not parse");
	FUZZ_CHECK(acct_ydoc_parse(&after, PATH, out.buf + strlen(SENTINEL),
				   out.len - strlen(SENTINEL), &err) == 0,
		   "editing '%s' broke the card: %zu:%zu %s", key, err.line,
		   err.col, err.msg);
	{
		struct edit e = { &op, { WORK, 0 }, key };

		check_map(&e, before.root, after.root, key);
	}
	acct_ydoc_release(&after);
	acct_ydoc_release(&before);
out:
	acct_buf_release(&out);
	free(card);
	free(value);
	free(key);
	return 0;
}
