#ifndef ACCT_YVALUE_H
#define ACCT_YVALUE_H

#include <stddef.h>

struct acct_buf;
struct acct_error;
struct acct_ynode;

/*
 * YAML values compared, looked up and written out with their aliases
 * followed, under a budget (lib/yvalue.c): the one walk that the card's
 * history, the card merge and the in-place editor's check share. A card
 * of a few hundred bytes whose aliases multiply (eight levels of nine
 * make 43 million values) would otherwise cost minutes and gigabytes;
 * a walk spends from its budget and stops, everything it started
 * returning "cannot tell", once the budget is gone.
 */

/* How deep values may nest through aliases (the text allows 64). */
#define ACCT_YWALK_MAX_DEPTH 256

/*
 * The work allowed for values read from `len` bytes of YAML, in the units
 * of acct_ynode.weight (4 a node, 1 a byte of text): a million, plus 16
 * times the text. A document without aliases never needs as much; one
 * whose aliases multiply is stopped after about a million.
 */
#define ACCT_YWALK_BUDGET(len) (((size_t)1 << 20) + 16 * (size_t)(len))

/* Pairs of anchored values already compared (see acct_yvalue_equal()). */
#define ACCT_YWALK_MEMO 64

struct acct_ywalk {
	size_t work;		/* what is left */
	int spent;		/* ran out of work or depth: every walk stops */
	int too_deep;		/* it was depth */
	/*
	 * Where it ran out: the outermost alias on the way to the value
	 * that was too much, or that value. It may be a node of either
	 * document compared.
	 */
	const struct acct_ynode *stop;
	struct {
		const struct acct_ynode *a, *b;
		int same;
	} memo[ACCT_YWALK_MEMO];
	size_t nmemo;
};

/** Start a walk with `work` units to spend (see ACCT_YWALK_BUDGET). */
void acct_ywalk_init(struct acct_ywalk *w, size_t work);

/**
 * Spend `cost` units at nesting `depth` on node `n` (may be NULL).
 * Returns 1, or 0 once the budget or ACCT_YWALK_MAX_DEPTH is exceeded
 * (then and ever after: `w->spent` is set and `w->stop` names `n`).
 */
int acct_ywalk_spend(struct acct_ywalk *w, const struct acct_ynode *n,
		     size_t cost, size_t depth);

/**
 * The value under the key node `key` in mapping `map` (aliases followed
 * for both), as written there (an alias stays one), or NULL when `map` is
 * no mapping, lacks the key, or the walk is spent. A key whose value is
 * null has one: null is a value, absent is not. Costs 1 + the keys read.
 */
const struct acct_ynode *acct_yvalue_get(struct acct_ywalk *w,
					 const struct acct_ynode *map,
					 const struct acct_ynode *key,
					 size_t depth);

/**
 * 1 when `a` and `b` (either may be NULL: absent) are the same YAML value,
 * 0 when they are not, -1 when the walk was spent before it could tell.
 * Null is null however written, text is compared byte for byte whatever
 * its quoting, lists item by item, mappings key by key in any order;
 * comments, layout, tags and anchors do not count. Anchored values
 * compared once are remembered (ACCT_YWALK_MEMO pairs), so the same
 * aliases on both sides cost little however much they expand to.
 */
int acct_yvalue_equal(struct acct_ywalk *w, const struct acct_ynode *a,
		      const struct acct_ynode *b, size_t depth);

enum acct_yvalue_flow_flags {
	/*
	 * Scalars quoted so that the line loads back as the same value
	 * (plain where flow context allows, so 150000 and true keep their
	 * type); without it they are written as they are, for people.
	 */
	ACCT_YVALUE_QUOTE = 1 << 0,
};

/**
 * Append `n` to `out` as one line of flow YAML: scalars, "[a, b]",
 * "{k: v}", null (and NULL) as "~", aliases written out. Spends the
 * value's weight first: returns 0, or -1 with `out` as it was when the
 * walk is (or would be) spent.
 */
int acct_yvalue_flow(struct acct_buf *out, struct acct_ywalk *w,
		     const struct acct_ynode *n, unsigned flags);

/**
 * The alias under `n` (followed through none) whose value weighs the
 * most, or NULL when there is none: where to point at when a value
 * expands too far.
 */
const struct acct_ynode *acct_yvalue_heaviest_alias(const struct acct_ynode *n);

#endif
