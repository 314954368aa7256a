/*
 * The three-way merge of a client card, field by field. The three texts
 * are parsed into trees (lib/yaml.c); one walk over them decides, field by
 * field, what the result holds, and plans the edits that bring THEIRS'
 * changes into OURS' text (lib/yedit.c). The edits are made one after the
 * other, and the same walk is run again over the result to check that it
 * holds exactly what was decided.
 */
#include "acct/cardmerge.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/yaml.h"
#include "acct/yedit.h"
#include "acct/yvalue.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/*
 * The work a merge may do, in nodes compared or written, keys looked up
 * and bytes edited (lib/yvalue.c's walk): thousands of times what a card
 * takes, yet bounded for hostile input (aliases that multiply, a hundred
 * thousand keys). Larger cards get ACCT_YWALK_BUDGET() of their texts.
 */
#define MAX_WORK ((size_t)16 << 20)

#define MERGE_HINT N_("merge the card by hand")

/* An edit planned for lib/yedit.c, owning its strings. */
struct edit {
	struct acct_yedit_op op;
	char *key, *value, *field;
};

struct merge {
	const char *path;
	int check;		/* 0: plan the edits; 1: check the result */
	struct edit *edits;
	size_t nedits, aedits;
	struct acct_card_conflict *cf;
	size_t ncf, acf;
	struct acct_ywalk walk;	/* the budget, shared by every comparison */
	int rc;			/* once set, the walk stops */
	struct acct_buf cannot;	/* the first field no path can reach */
	struct acct_error *err;
};

/* A field: its name for people and its dotted path for lib/yedit.c. */
struct at {
	const char *field;	/* "fee.amount", "contacts[Ivan].email" */
	const char *key;	/* "fee.amount", "contacts.0.email"; NULL
				   when a key on the way holds a '.' */
};

static const struct acct_ynode *deref(const struct acct_ynode *n)
{
	return acct_ynode_deref(n);
}

/* The walk is spent: the merge stops with an error (the first one). */
static int spent(struct merge *m)
{
	if (m->rc)
		return 0;
	m->rc = acct_error_at(m->err, ACCT_ERROR, m->path, 0, 0,
			      m->walk.too_deep ?
			      "the card nests too deeply (through aliases) to "
			      "merge field by field" :
			      "the card is too large or too entangled by "
			      "aliases to merge field by field");
	acct_error_hint(m->err, MERGE_HINT);
	return 0;
}

static int spend(struct merge *m, size_t cost, size_t depth)
{
	if (m->rc)
		return 0;
	return acct_ywalk_spend(&m->walk, NULL, cost, depth) ? 1 : spent(m);
}

/*
 * The value under the key `k` (a key node of another mapping) in `map`,
 * as written there (an alias stays one), or NULL when it has no such key
 * or is no mapping. A key whose value is null has a node: null is a
 * value, absent is not.
 */
static const struct acct_ynode *get(struct merge *m,
				    const struct acct_ynode *map,
				    const struct acct_ynode *k, size_t depth)
{
	const struct acct_ynode *v;

	if (m->rc)
		return NULL;
	v = acct_yvalue_get(&m->walk, map, k, depth);
	if (m->walk.spent)
		spent(m);
	return v;
}

/*
 * The same YAML value (either may be NULL: absent): lib/yvalue.c's rules
 * (null, text however quoted, lists item by item, mappings in any order).
 */
static int eq(struct merge *m, const struct acct_ynode *a,
	      const struct acct_ynode *b, size_t depth)
{
	int r;

	if (m->rc)
		return 0;
	if ((r = acct_yvalue_equal(&m->walk, a, b, depth)) < 0)
		return spent(m);
	return r;
}

/*
 * A value as one line of flow YAML that loads back as the same value
 * (lib/yvalue.c); absent is ACCT_CARD_ABSENT.
 */
static char *render_dup(struct merge *m, const struct acct_ynode *n)
{
	struct acct_buf b = ACCT_BUF_INIT;

	if (!deref(n))
		acct_buf_addstr(&b, ACCT_CARD_ABSENT);
	else if (!m->rc &&
		 acct_yvalue_flow(&b, &m->walk, n, ACCT_YVALUE_QUOTE) < 0)
		spent(m);
	return acct_buf_detach(&b, NULL);
}

/*
 * A side whose aliases expand it past the budget is refused before the
 * walk, naming the alias that weighs most: no merge would get through.
 */
static int too_heavy(const struct acct_ydoc *doc, const char *side,
		     const char *path, size_t budget, struct acct_error *err)
{
	const struct acct_ynode *root = doc->root, *at;

	if (!root || root->weight <= budget)
		return 0;
	at = acct_yvalue_heaviest_alias(root);
	if (!at)
		at = root;
	acct_error_at(err, ACCT_EDATA, path, at->line, at->col, "%s: the card's "
		      "aliases make it too large to merge field by field (more "
		      "than %zu bytes of values)", side, budget);
	acct_error_hint(err, "write the values out instead of '*%s', or %s",
			at->anchor ? at->anchor : "aliases", _(MERGE_HINT));
	return ACCT_EDATA;
}

/* --- what the walk decides ---------------------------------------------- */

/* The check found the result differs from the decision at `at`. */
static void mismatch(struct merge *m, const struct at *at)
{
	if (m->rc)
		return;
	m->rc = acct_error_at(m->err, ACCT_ERROR, m->path, 0, 0,
			      "merging the card in place would not give '%s' "
			      "the merged value", *at->field ? at->field :
			      "the card");
	acct_error_hint(m->err, MERGE_HINT);
}

/* The result must hold `want` at `at` (checking only). */
static void expect(struct merge *m, const struct at *at,
		   const struct acct_ynode *r, const struct acct_ynode *want,
		   size_t depth)
{
	if (m->check && !eq(m, r, want, depth))
		mismatch(m, at);
}

static void add_edit(struct merge *m, const struct at *at,
		     enum acct_yedit_kind kind, const char *value,
		     unsigned quote, int raw, size_t index)
{
	struct edit *e;

	if (m->check || m->rc)
		return;
	if (!at->key) {
		if (!m->cannot.len)
			acct_buf_addstr(&m->cannot, at->field);
		return;
	}
	if (m->nedits == m->aedits) {
		m->aedits = m->aedits ? 2 * m->aedits : 16;
		m->edits = acct_realloc(m->edits, m->aedits * sizeof(*m->edits));
	}
	e = &m->edits[m->nedits++];
	memset(e, 0, sizeof(*e));
	e->key = acct_strdup(at->key);
	e->value = value ? acct_strdup(value) : NULL;
	e->field = acct_strdup(at->field);
	e->op.kind = kind;
	e->op.key = e->key;
	e->op.value = e->value;
	e->op.quote = quote;
	e->op.raw = raw;
	e->op.index = index;
	e->op.order = acct_client_key_order;
}

/* A scalar lib/yedit.c can write from its text (no NUL inside). */
static int simple_scalar(const struct acct_ynode *n)
{
	return n && n->type == ACCT_YSCALAR && !acct_ynode_is_null(n) &&
	       strlen(n->value) == n->len;
}

/*
 * Set `at` to `t` (ACCT_YEDIT_SET, over ours `o`) or append `t` to the
 * list at `at` (ACCT_YEDIT_APPEND, `o` NULL; the list is made when
 * missing): as text when it is a scalar (and so is `o`), else as flow
 * YAML.
 */
static void put_value(struct merge *m, const struct at *at,
		      enum acct_yedit_kind kind, const struct acct_ynode *o,
		      const struct acct_ynode *t)
{
	char *v;

	t = deref(t);
	o = deref(o);
	if (simple_scalar(t) && (!o || o->type == ACCT_YSCALAR)) {
		add_edit(m, at, kind, t->value,
			 t->quoted ? 0 : ACCT_YQ_TYPED, 0, 0);
		return;
	}
	v = render_dup(m, t);
	add_edit(m, at, kind, v, 0, 1, 0);
	free(v);
}

/* Only theirs changed `at`: the result takes their value. */
static void take(struct merge *m, const struct at *at,
		 const struct acct_ynode *o, const struct acct_ynode *t,
		 const struct acct_ynode *r, size_t depth)
{
	if (m->check)
		expect(m, at, r, t, depth);
	else if (!t)
		add_edit(m, at, ACCT_YEDIT_UNSET, NULL, 0, 0, 0);
	else
		put_value(m, at, ACCT_YEDIT_SET, o, t);
}

static void conflict(struct merge *m, const struct at *at,
		     const struct acct_ynode *o, const struct acct_ynode *t)
{
	struct acct_card_conflict *c;

	if (m->check) {
		mismatch(m, at);
		return;
	}
	if (m->ncf == m->acf) {
		m->acf = m->acf ? 2 * m->acf : 8;
		m->cf = acct_realloc(m->cf, m->acf * sizeof(*m->cf));
	}
	c = &m->cf[m->ncf++];
	c->field = acct_strdup(at->field);
	c->ours = render_dup(m, o);
	c->theirs = render_dup(m, t);
}

/* --- the walk ----------------------------------------------------------- */

/* A mapping as written, to merge key by key: no alias, no anchor. */
static int mappable(const struct acct_ynode *n)
{
	return n && n->type == ACCT_YMAP && !n->anchor;
}

/* Absent, or a list of scalars without anchors or aliases. */
static int scalar_list(const struct acct_ynode *n)
{
	size_t i;

	if (!n)
		return 1;
	if (n->type != ACCT_YSEQ || n->anchor)
		return 0;
	for (i = 0; i < n->n; i++)
		if (n->items[i]->type != ACCT_YSCALAR || n->items[i]->anchor)
			return 0;
	return 1;
}

/* `list` (absent or a list) holds a value equal to `x` before item `end`. */
static int holds(struct merge *m, const struct acct_ynode *list,
		 const struct acct_ynode *x, size_t end, size_t depth)
{
	size_t i;

	for (i = 0; list && i < list->n && i < end && !m->rc; i++)
		if (eq(m, list->items[i], x, depth))
			return 1;
	return 0;
}

/* The name of contact `n`: a plain scalar; NULL when `n` is no contact. */
static const struct acct_ynode *contact_name(struct merge *m,
					     const struct acct_ynode *n,
					     size_t depth)
{
	const struct acct_ynode *name = NULL;
	size_t i;

	if (!mappable(n) || !spend(m, 1 + n->n / 2, depth))
		return NULL;
	for (i = 0; i + 1 < n->n; i += 2) {
		const struct acct_ynode *k = deref(n->items[i]);

		if (k->len == 4 && !memcmp(k->value, "name", 4))
			name = n->items[i + 1];
	}
	if (!name || name->type != ACCT_YSCALAR || name->anchor ||
	    acct_ynode_is_null(name))
		return NULL;
	return name;
}

/* The contact named like `name` in `list`, and its index; or NULL. */
static const struct acct_ynode *named(struct merge *m,
				      const struct acct_ynode *list,
				      const struct acct_ynode *name,
				      size_t *idx, size_t depth)
{
	size_t i;

	for (i = 0; list && i < list->n && !m->rc; i++) {
		const struct acct_ynode *x = contact_name(m, list->items[i], depth);

		if (x && x->len == name->len &&
		    !memcmp(x->value, name->value, name->len)) {
			if (idx)
				*idx = i;
			return list->items[i];
		}
	}
	return NULL;
}

/* Absent, or a list of contacts each with its own name. */
static int contact_list(struct merge *m, const struct acct_ynode *n,
			size_t depth)
{
	size_t i, at;

	if (!n)
		return 1;
	if (n->type != ACCT_YSEQ || n->anchor)
		return 0;
	for (i = 0; i < n->n && !m->rc; i++) {
		const struct acct_ynode *name = contact_name(m, n->items[i], depth);

		if (!name || !named(m, n, name, &at, depth) || at != i)
			return 0;
	}
	return !m->rc;
}

static void merge_node(struct merge *m, const struct at *at,
		       const struct acct_ynode *b, const struct acct_ynode *o,
		       const struct acct_ynode *t, const struct acct_ynode *r,
		       size_t depth, int top);

/* The child `k` of `at`: "fee" + "amount" -> "fee.amount". */
static void child_at(struct at *out, struct acct_buf *field,
		     struct acct_buf *key, const struct at *at,
		     const struct acct_ynode *k)
{
	k = deref(k);
	acct_buf_reset(field);
	acct_buf_reset(key);
	if (*at->field)
		acct_buf_addf(field, "%s.", at->field);
	acct_buf_add(field, k->value, k->len);
	out->field = field->buf;
	out->key = NULL;
	/* lib/yedit.c's paths are dotted: a key with a dot has none. */
	if (!at->key || !k->len || memchr(k->value, '.', k->len) ||
	    memchr(k->value, '\0', k->len))
		return;
	if (*at->key)
		acct_buf_addf(key, "%s.", at->key);
	acct_buf_add(key, k->value, k->len);
	out->key = key->buf;
}

/* Both sides hold a mapping at `at`: merge it key by key. */
static void merge_map(struct merge *m, const struct at *at,
		      const struct acct_ynode *b, const struct acct_ynode *o,
		      const struct acct_ynode *t, const struct acct_ynode *r,
		      size_t depth, int root)
{
	struct acct_buf field = ACCT_BUF_INIT, key = ACCT_BUF_INIT;
	struct at c;
	size_t i;

	o = deref(o);
	t = deref(t);
	if (m->check) {
		r = deref(r);
		if (!r || r->type != ACCT_YMAP) {
			mismatch(m, at);
			return;
		}
	}
	/* Our keys in our order, then the keys only they have. */
	for (i = 0; i + 1 < o->n && !m->rc; i += 2) {
		const struct acct_ynode *k = o->items[i];

		child_at(&c, &field, &key, at, k);
		merge_node(m, &c, get(m, b, k, depth), o->items[i + 1],
			   get(m, t, k, depth), m->check ? get(m, r, k, depth) : NULL,
			   depth, root);
	}
	for (i = 0; i + 1 < t->n && !m->rc; i += 2) {
		const struct acct_ynode *k = t->items[i];

		if (get(m, o, k, depth))
			continue;
		child_at(&c, &field, &key, at, k);
		merge_node(m, &c, get(m, b, k, depth), NULL, t->items[i + 1],
			   m->check ? get(m, r, k, depth) : NULL, depth, root);
	}
	/* Keys that only the base had are gone from both: not in the result. */
	for (i = 0; m->check && i + 1 < r->n && !m->rc; i += 2) {
		const struct acct_ynode *k = r->items[i];

		if (!get(m, o, k, depth) && !get(m, t, k, depth)) {
			child_at(&c, &field, &key, at, k);
			mismatch(m, &c);
		}
	}
	acct_buf_release(&field);
	acct_buf_release(&key);
}

/*
 * The list at `at` after its edits: `count` items, or absent when none is
 * left and a side had removed the key.
 */
static int list_result(struct merge *m, const struct at *at,
		       const struct acct_ynode *o, const struct acct_ynode *t,
		       const struct acct_ynode **r, size_t count)
{
	int absent = !count && (!o || !t);

	if (m->check) {
		*r = deref(*r);
		if (absent ? *r != NULL :
		    !*r || (*r)->type != ACCT_YSEQ || (*r)->n != count) {
			mismatch(m, at);
			return -1;
		}
	}
	return absent;
}

/*
 * Lists of scalars, as sets: ours in our order less what they removed,
 * then what they added. Never a conflict.
 */
static void merge_set(struct merge *m, const struct at *at,
		      const struct acct_ynode *b, const struct acct_ynode *o,
		      const struct acct_ynode *t, const struct acct_ynode *r,
		      size_t depth)
{
	size_t no = o ? o->n : 0, nt = t ? t->n : 0, i, k = 0, count = 0;
	char *gone = acct_calloc(no + 1, 1), *added = acct_calloc(nt + 1, 1);
	int absent;

	for (i = 0; i < no && !m->rc; i++) {
		const struct acct_ynode *x = o->items[i];

		gone[i] = holds(m, b, x, (size_t)-1, depth) &&
			  !holds(m, t, x, (size_t)-1, depth);
		count += !gone[i];
	}
	for (i = 0; i < nt && !m->rc; i++) {
		const struct acct_ynode *x = t->items[i];

		added[i] = !holds(m, b, x, (size_t)-1, depth) &&
			   !holds(m, o, x, (size_t)-1, depth) &&
			   !holds(m, t, x, i, depth);
		count += added[i];
	}
	if (m->rc || (absent = list_result(m, at, o, t, &r, count)) < 0)
		goto out;
	if (m->check) {
		for (i = 0; i < no; i++)
			if (!gone[i])
				expect(m, at, r->items[k++], o->items[i], depth);
		for (i = 0; i < nt; i++)
			if (added[i])
				expect(m, at, r->items[k++], t->items[i], depth);
	} else if (absent) {
		if (o)
			add_edit(m, at, ACCT_YEDIT_UNSET, NULL, 0, 0, 0);
	} else {
		for (i = no; i-- > 0;)
			if (gone[i])
				add_edit(m, at, ACCT_YEDIT_DELETE, NULL, 0, 0, i);
		for (i = 0; i < nt; i++)
			if (added[i])
				put_value(m, at, ACCT_YEDIT_APPEND, NULL,
					  t->items[i]);
	}
out:
	free(gone);
	free(added);
}

/*
 * Contacts, matched by name: ours in our order, each merged field by
 * field with theirs, less those they removed (when we did not change
 * them), then those they added.
 */
static void merge_contacts(struct merge *m, const struct at *at,
			   const struct acct_ynode *b,
			   const struct acct_ynode *o,
			   const struct acct_ynode *t,
			   const struct acct_ynode *r, size_t depth)
{
	struct acct_buf field = ACCT_BUF_INIT, key = ACCT_BUF_INIT;
	size_t no = o ? o->n : 0, nt = t ? t->n : 0, i, k = 0, count = 0;
	char *gone = acct_calloc(no + 1, 1), *added = acct_calloc(nt + 1, 1);
	struct at c;
	int absent;

	/* First what goes and what comes, for the list's length. */
	for (i = 0; i < no && !m->rc; i++) {
		const struct acct_ynode *name = contact_name(m, o->items[i], depth);
		const struct acct_ynode *bc = named(m, b, name, NULL, depth);

		gone[i] = bc && !named(m, t, name, NULL, depth) &&
			  eq(m, bc, o->items[i], depth);
		count += !gone[i];
	}
	for (i = 0; i < nt && !m->rc; i++) {
		const struct acct_ynode *name = contact_name(m, t->items[i], depth);

		added[i] = !named(m, o, name, NULL, depth) &&
			   !named(m, b, name, NULL, depth);
		count += added[i];
	}
	if (m->rc || (absent = list_result(m, at, o, t, &r, count)) < 0)
		goto out;
	for (i = 0; i < no && !m->rc; i++) {
		const struct acct_ynode *name = contact_name(m, o->items[i], depth);
		const struct acct_ynode *bc = named(m, b, name, NULL, depth);
		const struct acct_ynode *tc = named(m, t, name, NULL, depth);
		const struct acct_ynode *rc = NULL;

		if (gone[i])
			continue;
		if (m->check)
			rc = r->items[k++];
		acct_buf_reset(&field);
		acct_buf_reset(&key);
		acct_buf_addf(&field, "%s[%s]", at->field, name->value);
		acct_buf_addf(&key, "%s.%zu", at->key, i);
		c.field = field.buf;
		c.key = key.buf;
		if (tc)
			merge_node(m, &c, bc, o->items[i], tc, rc, depth + 1, 0);
		else if (!bc)
			expect(m, &c, rc, o->items[i], depth);	/* ours, new */
		else
			conflict(m, &c, o->items[i], NULL);
	}
	for (i = 0; i < nt && !m->rc; i++) {
		const struct acct_ynode *name = contact_name(m, t->items[i], depth);
		const struct acct_ynode *bc;

		if (added[i]) {
			if (m->check)
				expect(m, at, r->items[k++], t->items[i], depth);
			continue;
		}
		if (named(m, o, name, NULL, depth))
			continue;
		/* We removed it: fine unless they changed it. */
		bc = named(m, b, name, NULL, depth);
		if (!eq(m, bc, t->items[i], depth)) {
			acct_buf_reset(&field);
			acct_buf_addf(&field, "%s[%s]", at->field, name->value);
			c.field = field.buf;
			c.key = NULL;
			conflict(m, &c, NULL, t->items[i]);
		}
	}
	if (m->check || m->rc)
		goto out;
	if (absent) {
		if (o)
			add_edit(m, at, ACCT_YEDIT_UNSET, NULL, 0, 0, 0);
		goto out;
	}
	/* After the fields (their paths count items as they are now). */
	for (i = no; i-- > 0;)
		if (gone[i])
			add_edit(m, at, ACCT_YEDIT_DELETE, NULL, 0, 0, i);
	for (i = 0; i < nt; i++)
		if (added[i])
			put_value(m, at, ACCT_YEDIT_APPEND, NULL, t->items[i]);
out:
	acct_buf_release(&field);
	acct_buf_release(&key);
	free(gone);
	free(added);
}

/*
 * One field: `b`, `o`, `t` its value in the base, ours and theirs (NULL:
 * absent), `r` in the result (when checking). `top`: a key of the card's
 * top level, where `contacts` is known.
 */
static void merge_node(struct merge *m, const struct at *at,
		       const struct acct_ynode *b, const struct acct_ynode *o,
		       const struct acct_ynode *t, const struct acct_ynode *r,
		       size_t depth, int top)
{
	if (m->rc)
		return;
	if (eq(m, o, t, depth) || eq(m, b, t, depth)) {
		expect(m, at, r, o, depth);	/* ours stands */
		return;
	}
	if (m->rc)
		return;
	if (mappable(o) && mappable(t)) {
		merge_map(m, at, b, o, t, r, depth + 1, 0);
		return;
	}
	if (top && at->key && !strcmp(at->key, "contacts") &&
	    contact_list(m, b, depth) && contact_list(m, o, depth) &&
	    contact_list(m, t, depth)) {
		merge_contacts(m, at, b, o, t, r, depth + 1);
		return;
	}
	if (m->rc)
		return;
	if (scalar_list(b) && scalar_list(o) && scalar_list(t)) {
		merge_set(m, at, b, o, t, r, depth + 1);
		return;
	}
	if (eq(m, b, o, depth))
		take(m, at, o, t, r, depth);
	else if (!m->rc)
		conflict(m, at, o, t);
}

/* --- the texts ----------------------------------------------------------- */

/*
 * Parse one side; `side` names it first in messages. The base may be
 * empty (both sides added the card).
 */
static int parse_side(struct acct_ydoc *doc, const char *side,
		      const char *path, const char *s, size_t len,
		      int may_be_empty, struct acct_error *err)
{
	struct acct_error why = ACCT_ERROR_INIT;
	const struct acct_ynode *root;

	if (acct_ydoc_parse(doc, path, s, len, &why) < 0) {
		acct_error_at(err, ACCT_EDATA, *why.file ? why.file : path,
			      why.line, why.col, "%s: %s", side, why.msg);
		if (*why.hint)
			acct_error_hint(err, "%s", why.hint);
		return ACCT_EDATA;
	}
	root = deref(doc->root);
	if (!root && may_be_empty)
		return 0;
	if (!root)
		return acct_error_at(err, ACCT_EDATA, path, 1, 1,
				     "%s: the card is empty", side);
	if (root->type != ACCT_YMAP)
		return acct_error_at(err, ACCT_EDATA, path, root->line,
				     root->col, "%s: the card must be a mapping "
				     "of keys to values, not %s", side,
				     root->type == ACCT_YSEQ ? "a list" : "text");
	return 0;
}

/* Make the planned edits, one after the other, on ours' text. */
static int apply(struct merge *m, struct acct_buf *text)
{
	struct acct_buf next = ACCT_BUF_INIT;
	struct acct_error why = ACCT_ERROR_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < m->nedits; i++) {
		/* Each edit parses the text twice and copies it. */
		if (!spend(m, 4 * (text->len + 64), 0))
			return m->rc;
		acct_buf_reset(&next);
		if (acct_yedit(&next, text->buf, text->len, m->path,
			       &m->edits[i].op, &why) < 0) {
			rc = acct_error_at(m->err, ACCT_ERROR, m->path, why.line,
					   why.col, "cannot merge '%s' in place: %s",
					   m->edits[i].field, why.msg);
			acct_error_hint(m->err, MERGE_HINT);
			break;
		}
		acct_buf_reset(text);
		acct_buf_add(text, next.buf, next.len);
	}
	acct_buf_release(&next);
	return rc;
}

static void free_edits(struct merge *m)
{
	size_t i;

	for (i = 0; i < m->nedits; i++) {
		free(m->edits[i].key);
		free(m->edits[i].value);
		free(m->edits[i].field);
	}
	free(m->edits);
}

static void free_conflicts(struct acct_card_conflict *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(c[i].field);
		free(c[i].ours);
		free(c[i].theirs);
	}
	free(c);
}

static int same(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && (!alen || !memcmp(a, b, alen));
}

int acct_card_merge(struct acct_card_merge *out, const char *path,
		    const char *base, size_t blen, const char *ours,
		    size_t olen, const char *theirs, size_t tlen,
		    struct acct_error *err)
{
	static const struct at root = { "", "" };
	struct acct_ydoc db, dout, dt, dr;
	struct merge m;
	struct acct_buf text = ACCT_BUF_INIT;
	size_t work;
	int rc;

	memset(out, 0, sizeof(*out));
	out->text = (struct acct_buf)ACCT_BUF_INIT;
	if (!base)
		base = "", blen = 0;
	if (!ours)
		ours = "", olen = 0;
	if (!theirs)
		theirs = "", tlen = 0;
	if (same(ours, olen, theirs, tlen) || same(base, blen, theirs, tlen)) {
		acct_buf_add(&out->text, ours, olen);
		return 0;
	}
	if (same(base, blen, ours, olen)) {
		acct_buf_add(&out->text, theirs, tlen);
		return 0;
	}

	memset(&db, 0, sizeof(db));
	memset(&dout, 0, sizeof(dout));
	memset(&dt, 0, sizeof(dt));
	memset(&dr, 0, sizeof(dr));
	memset(&m, 0, sizeof(m));
	m.path = path;
	work = ACCT_YWALK_BUDGET(blen + olen + tlen);
	acct_ywalk_init(&m.walk, work > MAX_WORK ? work : MAX_WORK);
	m.cannot = (struct acct_buf)ACCT_BUF_INIT;
	m.err = err;
	if ((rc = parse_side(&db, "base", path, base, blen, 1, err)) < 0 ||
	    (rc = parse_side(&dout, "ours", path, ours, olen, 0, err)) < 0 ||
	    (rc = parse_side(&dt, "theirs", path, theirs, tlen, 0, err)) < 0 ||
	    (rc = too_heavy(&db, "base", path, ACCT_YWALK_BUDGET(blen), err)) < 0 ||
	    (rc = too_heavy(&dout, "ours", path, ACCT_YWALK_BUDGET(olen), err)) < 0 ||
	    (rc = too_heavy(&dt, "theirs", path, ACCT_YWALK_BUDGET(tlen), err)) < 0)
		goto out;

	merge_map(&m, &root, db.root, dout.root, dt.root, NULL, 0, 1);
	if ((rc = m.rc) < 0)
		goto out;
	if (m.ncf) {
		out->conflicts = m.cf;
		out->nconflicts = m.ncf;
		m.cf = NULL;
		m.ncf = 0;
		rc = 1;
		goto out;
	}
	if (m.cannot.len) {
		rc = acct_error_at(err, ACCT_ERROR, path, 0, 0,
				   "cannot merge '%s' in place: a key on its "
				   "way has a '.' in its name", m.cannot.buf);
		acct_error_hint(err, MERGE_HINT);
		goto out;
	}

	acct_buf_add(&text, ours, olen);
	if ((rc = apply(&m, &text)) < 0)
		goto out;
	/* The result must hold what the walk decided, field by field. */
	if (spend(&m, text.len, 0) &&
	    acct_ydoc_parse(&dr, path, text.buf, text.len, NULL) < 0)
		mismatch(&m, &root);
	m.check = 1;
	if (!m.rc)
		merge_map(&m, &root, db.root, dout.root, dt.root, dr.root, 0, 1);
	if ((rc = m.rc) < 0)
		goto out;
	acct_buf_add(&out->text, text.buf, text.len);
	rc = 0;
out:
	free_edits(&m);
	free_conflicts(m.cf, m.ncf);
	acct_buf_release(&m.cannot);
	acct_buf_release(&text);
	acct_ydoc_release(&db);
	acct_ydoc_release(&dout);
	acct_ydoc_release(&dt);
	acct_ydoc_release(&dr);
	return rc;
}

void acct_card_merge_release(struct acct_card_merge *m)
{
	if (!m)
		return;
	acct_buf_release(&m->text);
	free_conflicts(m->conflicts, m->nconflicts);
	m->conflicts = NULL;
	m->nconflicts = 0;
}
