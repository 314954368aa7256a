#ifndef ACCT_CARDMERGE_H
#define ACCT_CARDMERGE_H

#include <stddef.h>

#include "acct/buf.h"

struct acct_error;

/*
 * The three-way merge of a client card (lib/cardmerge.c), field by field:
 * what `acct sync` and the `acct merge-card` driver use where git's line
 * merge would stop at two changes on adjacent lines. No git and no I/O:
 * three texts in, one text or a list of conflicts out.
 *
 * The result is OURS' text with THEIRS' changes (base -> theirs) spliced
 * in by lib/yedit.c, so our comments, key order, quoting, line endings and
 * unknown keys stay byte for byte. Values are compared as YAML (a comment,
 * quoting or layout change is no change, as acct reads 95000 and "95000"
 * alike; null is a value, not a missing key):
 *
 * - a field changed on one side only takes that side's value; changed on
 *   both to the same value is fine; to two values is a conflict;
 * - mappings are merged key by key at any depth ("fee.amount"); a key
 *   they add goes where acct_client_key_order() puts it (unknown keys
 *   last), a key they remove goes (a conflict when we changed it);
 * - lists of scalars (services, tags, goals.kpi, any other) are merged as
 *   sets and never conflict: their removals go, their additions are
 *   appended, ours stay in our order;
 * - `contacts`, a list of mappings with distinct names, is merged by
 *   `name`: a contact added on one side is appended, one removed on one
 *   side and unchanged on the other goes, and the fields of a contact on
 *   both sides are merged like any field ("contacts[Ivan Ivanov].email");
 * - any other list, and any value with an anchor or an alias, is compared
 *   whole.
 *
 * In these lists order is no value: what they only reorder stays in our
 * order, and a contact they rename counts as removed and added (so it
 * comes last).
 *
 * The result is parsed again and compared, value by value, with what these
 * rules say before it is returned. It is not checked against the card's
 * schema: load it with acct_client_parse() before writing it.
 */

/*
 * One field changed to two values. `field` is dotted from the card's top:
 * "status", "fee.amount", "contacts[Ivan Ivanov].email", or
 * "contacts[Ivan Ivanov]" for a whole contact removed on one side and
 * changed on the other. `ours` and `theirs` are the values as one line of
 * flow YAML ("{contact: 3wd, call: 14d}", "~" for null), or
 * ACCT_CARD_ABSENT when that side removed the field.
 */
struct acct_card_conflict {
	char *field;
	char *ours;
	char *theirs;
};

#define ACCT_CARD_ABSENT "(absent)"

struct acct_card_merge {
	struct acct_buf text;			/* the merged card */
	struct acct_card_conflict *conflicts;	/* in the card's order */
	size_t nconflicts;
};

#define ACCT_CARD_MERGE_INIT { ACCT_BUF_INIT, NULL, 0 }

/**
 * Merge the card `theirs` (`tlen` bytes) into `ours` (`olen` bytes), both
 * descended from `base` (`blen` bytes; empty or only comments when both
 * sides added the card; NULL is empty). `path` names the card in messages.
 * `out` need not be initialised; release it with acct_card_merge_release()
 * whatever the result.
 *
 * When two texts are the same the answer is taken from the bytes alone,
 * as git's own trivial merge does, without parsing: ours == theirs or
 * base == theirs gives ours, base == ours gives theirs.
 *
 * Returns 0 with the merged card in `out->text`; 1 when fields conflict,
 * listed in `out->conflicts` (then `out->text` is empty); ACCT_EDATA when
 * a side does not parse, is empty or is not a mapping, with the line and
 * column and the side named first in the message ("theirs: ..."); or
 * ACCT_ERROR when a change cannot be made in place (a value with an
 * anchor, a key with a '.' in its name, a layout lib/yedit.c refuses) or
 * the cards are too large or too entangled by aliases to merge field by
 * field: then the card must be merged by hand.
 */
int acct_card_merge(struct acct_card_merge *out, const char *path,
		    const char *base, size_t blen, const char *ours,
		    size_t olen, const char *theirs, size_t tlen,
		    struct acct_error *err);

/** Free the text and the conflicts; `m` is left as ACCT_CARD_MERGE_INIT. */
void acct_card_merge_release(struct acct_card_merge *m);

#endif
