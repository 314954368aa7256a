/*
 * The three-way merge of cards (lib/cardmerge.c), as `acct sync` and the
 * merge driver run it.
 *
 * Input: base, ours and theirs, separated by NUL bytes.
 *
 * Checked: two equal texts give the third (or ours) byte for byte; a
 * refusal is ACCT_EDATA or ACCT_ERROR with a message and nothing else; a
 * conflict lists fields and no text; a merge gives a card that parses,
 * where every top-level field that is plain text on each side (or absent)
 * follows the rules: changed on one side only, it takes that side's value;
 * changed on both, to the same value, that value.
 */
#include "acct/cardmerge.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/yaml.h"
#include "fuzz.h"

#include "acct/banned.h"

#define PATH "clients/acme/client.yaml"

static int same_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && !memcmp(a, b, alen);
}

/*
 * A top-level value in a form the rules can be checked on: absent (NULL
 * through `*v`, returns 1), or a scalar without anchor or alias (returns
 * 1); anything else returns 0.
 */
static int plain(const struct acct_ynode **v, const struct acct_ynode *root,
		 const char *key, size_t klen)
{
	size_t i;

	*v = NULL;
	if (!root)
		return 1;	/* an empty base: nothing there yet */
	if (root->type != ACCT_YMAP)
		return 0;
	for (i = 0; i + 1 < root->n; i += 2) {
		const struct acct_ynode *k = root->items[i];

		if (k->type == ACCT_YALIAS || k->anchor)
			return 0;
		if (k->type == ACCT_YSCALAR && k->len == klen &&
		    !memcmp(k->value, key, klen)) {
			*v = root->items[i + 1];
			return (*v)->type == ACCT_YSCALAR && !(*v)->anchor;
		}
	}
	return 1;
}

/* The same value as acct reads it: absent, null, or the same text. */
static int same_value(const struct acct_ynode *a, const struct acct_ynode *b)
{
	if (!a || !b)
		return !a && !b;
	if (acct_ynode_is_null(a) || acct_ynode_is_null(b))
		return acct_ynode_is_null(a) && acct_ynode_is_null(b);
	return a->len == b->len && !memcmp(a->value, b->value, a->len);
}

/* The card has no anchor or alias anywhere (then the rules are simple). */
static int no_aliases(const struct acct_ynode *n)
{
	size_t i;

	if (!n)
		return 1;
	if (n->type == ACCT_YALIAS || n->anchor)
		return 0;
	for (i = 0; i < n->n; i++)
		if (!no_aliases(n->items[i]))
			return 0;
	return 1;
}

/* Check the rules on the top-level keys of `side` against the result. */
static void check_keys(const struct acct_ydoc *b, const struct acct_ydoc *o,
		       const struct acct_ydoc *t, const struct acct_ydoc *r,
		       const struct acct_ydoc *side)
{
	size_t i;

	if (!side->root || side->root->type != ACCT_YMAP)
		return;
	for (i = 0; i + 1 < side->root->n; i += 2) {
		const struct acct_ynode *k = side->root->items[i];
		const struct acct_ynode *bv, *ov, *tv, *rv;

		if (k->type != ACCT_YSCALAR)
			continue;
		if (!plain(&bv, b->root, k->value, k->len) ||
		    !plain(&ov, o->root, k->value, k->len) ||
		    !plain(&tv, t->root, k->value, k->len) ||
		    !plain(&rv, r->root, k->value, k->len))
			continue;
		if (same_value(ov, bv))
			FUZZ_CHECK(same_value(rv, tv), "'%s' changed by them "
				   "only is not theirs in the result", k->value);
		else if (same_value(tv, bv) || same_value(ov, tv))
			FUZZ_CHECK(same_value(rv, ov), "'%s' changed by us is "
				   "not ours in the result", k->value);
		else
			fuzz_fail("'%s' changed to two values merged without "
				  "a conflict", k->value);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_card_merge m;
	struct acct_ydoc b, o, t, r;
	size_t blen, olen, tlen, i;
	char *base = fuzz_part(&in, &blen), *ours = fuzz_part(&in, &olen),
	     *theirs = fuzz_part(&in, &tlen);
	int rc;

	rc = acct_card_merge(&m, PATH, base, blen, ours, olen, theirs, tlen,
			     &err);
	if (same_bytes(ours, olen, theirs, tlen) ||
	    same_bytes(base, blen, theirs, tlen)) {
		FUZZ_CHECK(rc == 0 && same_bytes(m.text.buf, m.text.len, ours,
						 olen), "a trivial merge is not ours");
		goto out;
	}
	if (same_bytes(base, blen, ours, olen)) {
		FUZZ_CHECK(rc == 0 && same_bytes(m.text.buf, m.text.len, theirs,
						 tlen), "a trivial merge is not theirs");
		goto out;
	}
	if (rc < 0) {
		FUZZ_CHECK((rc == ACCT_EDATA || rc == ACCT_ERROR) && err.msg[0] &&
			   !m.text.len && !m.nconflicts, "refusal %d: %s", rc,
			   err.msg);
		goto out;
	}
	if (rc == 1) {
		FUZZ_CHECK(m.nconflicts && !m.text.len, "%zu conflicts and %zu "
			   "bytes of text", m.nconflicts, m.text.len);
		for (i = 0; i < m.nconflicts; i++)
			FUZZ_CHECK(m.conflicts[i].field && m.conflicts[i].ours &&
				   m.conflicts[i].theirs,
				   "conflict %zu is incomplete", i);
		goto out;
	}
	FUZZ_CHECK(rc == 0 && !m.nconflicts, "merge returned %d", rc);
	FUZZ_CHECK(acct_ydoc_parse(&r, PATH, m.text.buf, m.text.len, &err) == 0,
		   "the merged card does not parse: %zu:%zu %s", err.line,
		   err.col, err.msg);
	FUZZ_CHECK(r.root && r.root->type == ACCT_YMAP, "the merged card is "
		   "not a mapping");
	if (acct_ydoc_parse(&b, PATH, base, blen, NULL) == 0) {
		if (acct_ydoc_parse(&o, PATH, ours, olen, NULL) == 0) {
			if (acct_ydoc_parse(&t, PATH, theirs, tlen, NULL) == 0) {
				if (no_aliases(b.root) && no_aliases(o.root) &&
				    no_aliases(t.root)) {
					check_keys(&b, &o, &t, &r, &b);
					check_keys(&b, &o, &t, &r, &o);
					check_keys(&b, &o, &t, &r, &t);
				}
				acct_ydoc_release(&t);
			}
			acct_ydoc_release(&o);
		}
		acct_ydoc_release(&b);
	}
	acct_ydoc_release(&r);
out:
	acct_card_merge_release(&m);
	free(theirs);
	free(ours);
	free(base);
	return 0;
}
