#ifndef ACCT_YAML_H
#define ACCT_YAML_H

#include <stddef.h>

struct acct_buf;
struct acct_error;

/*
 * A YAML document as a tree of nodes that remember where they stand in the
 * source, in bytes, so that a later change can splice exactly one value.
 * Built from libyaml's events with bounds on depth and size; aliases are
 * kept as pointers to their anchored node, never expanded.
 */
enum acct_ynode_type {
	ACCT_YSCALAR,
	ACCT_YSEQ,
	ACCT_YMAP,
	ACCT_YALIAS,
};

struct acct_ynode {
	enum acct_ynode_type type;
	int style;		/* libyaml's scalar or collection style */
	int quoted;		/* a scalar that was not plain */
	const char *tag;	/* NULL, or the tag as written (resolved) */
	const char *anchor;	/* NULL, or the anchor's name */
	const char *value;	/* scalar text, NUL-terminated */
	size_t len;		/* its length in bytes */
	size_t line, col;	/* 1-based position of the node's start */
	size_t start, end;	/* byte offsets in the source: [start, end) */
	/* A sequence's items; a mapping's keys and values alternating. */
	struct acct_ynode **items;
	size_t n;		/* items (a mapping has n/2 pairs) */
	const struct acct_ynode *target;	/* an alias's anchored node */
	/*
	 * What the value amounts to with its aliases followed: 4 for each
	 * node plus the bytes of its scalars, about the length of its flow
	 * form (saturating at SIZE_MAX). A card of a few hundred bytes whose
	 * aliases multiply has a weight in the millions: walks that follow
	 * aliases (lib/yvalue.c) check it, and bound their work by it.
	 */
	size_t weight;
};

struct acct_ydoc {
	const char *path;	/* for messages, as given */
	const char *src;	/* the source, borrowed */
	size_t len;
	int bom;		/* the source starts with a UTF-8 BOM */
	struct acct_ynode *root;	/* NULL for an empty stream */
	void *pool;		/* the nodes' memory */
};

/* Nesting deeper than this is refused. */
#define ACCT_YAML_MAX_DEPTH 64

/**
 * Parse `len` bytes of `src` (borrowed: it must outlive the document) into
 * `out`. `path` names the source in messages (copied). Errors carry the
 * line and column: syntax errors, a second document, undefined aliases,
 * an alias inside the value it names (a cycle), non-scalar or duplicate
 * mapping keys, nesting beyond
 * ACCT_YAML_MAX_DEPTH, a UTF-16 or UTF-32 source. Returns 0 or ACCT_EDATA.
 * Free with acct_ydoc_release().
 */
int acct_ydoc_parse(struct acct_ydoc *out, const char *path, const char *src,
		    size_t len, struct acct_error *err);

/** Free the nodes; the document may be parsed into again. */
void acct_ydoc_release(struct acct_ydoc *doc);

/** The node an alias stands for (the node itself for any other). */
const struct acct_ynode *acct_ynode_deref(const struct acct_ynode *n);

/**
 * The value stored under scalar `key` in mapping `map` (aliases followed),
 * or NULL when `map` is not a mapping or lacks the key. If `keynode` is
 * not NULL it receives the key's node.
 */
const struct acct_ynode *acct_ynode_get(const struct acct_ynode *map,
					const char *key,
					const struct acct_ynode **keynode);

enum acct_yaml_quote_flags {
	ACCT_YQ_FLOW = 1 << 0,	/* inside a flow collection: {...} or [...] */
	ACCT_YQ_TYPED = 1 << 1,	/* a number or date meant as one: may be plain */
};

/**
 * Append `value` to `out` as a YAML scalar that loads back as exactly that
 * string: plain when that is safe and (unless ACCT_YQ_TYPED) would not be
 * read as a number, bool, null or date by other YAML tools, otherwise
 * double-quoted with escapes. UTF-8 text is kept as it is, not escaped.
 */
void acct_yaml_quote(struct acct_buf *out, const char *value, size_t len,
		     unsigned flags);

/**
 * Append `n` to `out` as one line of YAML in flow style: scalars quoted
 * as a flow collection needs (plain ones left plain when that is safe),
 * lists as [a, b], mappings as {k: v}, null as ~, and an alias as *name,
 * never expanded (its anchored node keeps no "&name" here).
 */
void acct_ynode_flow(struct acct_buf *out, const struct acct_ynode *n);

/*
 * Reading values for a schema. Each returns 0, or ACCT_EDATA with the
 * node's line and column in `path` and a message naming `key`.
 */

/** `n` must be a scalar (not a list or mapping); NULL-valued too. */
int acct_ynode_want_scalar(const struct acct_ynode *n, const char *path,
			   const char *key, struct acct_error *err);
/** `n` must be a non-empty single-line text without control characters. */
int acct_ynode_want_text(const struct acct_ynode *n, const char *path,
			 const char *key, struct acct_error *err);
/** `n` must be a whole number from `min` to `max`. */
int acct_ynode_want_int(long long *out, const struct acct_ynode *n,
			const char *path, const char *key, long long min,
			long long max, struct acct_error *err);
/** `n` must be a list, or a mapping, or a scalar bool (true/false). */
int acct_ynode_want_type(const struct acct_ynode *n, enum acct_ynode_type t,
			 const char *path, const char *key,
			 struct acct_error *err);
int acct_ynode_want_bool(int *out, const struct acct_ynode *n,
			 const char *path, const char *key,
			 struct acct_error *err);
/** 1 if `n` is a null scalar (~, null, empty plain), else 0. */
int acct_ynode_is_null(const struct acct_ynode *n);

#endif
