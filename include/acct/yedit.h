#ifndef ACCT_YEDIT_H
#define ACCT_YEDIT_H

#include <stddef.h>

struct acct_buf;
struct acct_error;

/*
 * In-place edits of a YAML document: each changes only the bytes of the
 * value it changes, so comments, blank lines, key order, indentation, the
 * quoting of other values, unknown keys, CRLF line endings and a BOM stay
 * byte for byte, and `git diff` shows exactly the change.
 */
enum acct_yedit_kind {
	ACCT_YEDIT_SET,		/* set a value (adding the key if missing) */
	ACCT_YEDIT_UNSET,	/* remove the key and its value */
	ACCT_YEDIT_APPEND,	/* add an item to a list (made if missing) */
	ACCT_YEDIT_DELETE,	/* remove item `index` of a list */
};

/*
 * The order keys are added in: for a mapping at `parent` ("" for the root,
 * "cadence", "contacts[]" for the items of contacts), the known keys in
 * order, NULL-terminated; NULL when there is no order (new keys go last).
 */
typedef const char *const *(*acct_yedit_order_fn)(const char *parent);

struct acct_yedit_op {
	enum acct_yedit_kind kind;
	const char *key;	/* dotted path: "cadence.contact", "tags" */
	const char *value;	/* SET: the value; APPEND: the item (see raw) */
	unsigned quote;		/* SET/APPEND: acct_yaml_quote() flags */
	/*
	 * APPEND: the item is flow YAML ({...}), not a scalar. SET: the
	 * value is one line of flow YAML ({...}, [...], ~, "text") put as it
	 * is; it may replace a list or a mapping, whose block lines go
	 * (the key's line and its comment stay).
	 */
	int raw;
	size_t index;		/* DELETE: which item */
	acct_yedit_order_fn order;
};

/**
 * Apply `op` to the document `src` (`len` bytes; `path` names it in
 * messages) and append the result to `out`. The result is parsed again
 * and checked to hold the new value before it is returned. A key that is
 * added is written as it is when it is a word of letters, digits, '_' and
 * '-', and quoted when it needs it otherwise. Refuses
 * (ACCT_EDATA, saying to edit by hand) values that carry an anchor other
 * values refer to, paths that go through an alias, and keys that are not
 * mappings on the way. ACCT_ENOTFOUND for UNSET or DELETE of what is not
 * there.
 */
int acct_yedit(struct acct_buf *out, const char *src, size_t len,
	       const char *path, const struct acct_yedit_op *op,
	       struct acct_error *err);

#endif
