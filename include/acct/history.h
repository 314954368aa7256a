#ifndef ACCT_HISTORY_H
#define ACCT_HISTORY_H

#include <stddef.h>

#include "acct/date.h"

struct acct_book;
struct acct_client;
struct acct_error;

/*
 * What changed in a client's card and brief, commit by commit, read from
 * git (lib/history.c). The walk follows first parents from HEAD, so a
 * merge shows what it brought in; it skips a commit by comparing the
 * tree entry of clients/<slug> with its parent's, and it ends where the
 * client's folder first appears (following a rename --slug back to the
 * old folder).
 */

/* What an unreadable version of a card or brief is shown as. */
#define ACCT_UNREADABLE "(unreadable)"

/*
 * What both versions of a card are shown as when comparing them field by
 * field would take too long: aliases that expand to millions of values,
 * or a card of hundreds of thousands of keys (lib/yvalue.c's budget).
 */
#define ACCT_TOO_LARGE "(too large to compare)"

/* The length of a commit id in hex, plus NUL. */
#define ACCT_OID_STRLEN 41

/*
 * One field of the card that differs between two versions. `field` is
 * dotted for nested keys ("cadence.contact"), "contacts[<name>].<key>"
 * for a contact's detail, "contacts" for the contacts added and removed
 * (by name), "slug" when the folder moved (rename --slug), and NULL for
 * the card as a whole when a version does not parse: then `from` and `to`
 * are ACCT_UNREADABLE for an unreadable version, NULL otherwise. When only
 * the old version is unreadable, the new one's fields follow as added.
 * NULL with both `from` and `to` ACCT_TOO_LARGE: the versions could not be
 * compared within the budget; no other change of the card is listed.
 */
struct acct_card_change {
	char *field;
	int list;		/* a list: the items below, not from / to */
	char *from, *to;	/* a value as text; NULL when absent */
	char **from_items, **to_items;	/* a list's items, in order */
	size_t nfrom, nto;
	char **added, **removed;	/* to_items less from_items, and back */
	size_t nadded, nremoved;
};

/* One commit that changed the card or the brief. */
struct acct_history_entry {
	char commit[ACCT_OID_STRLEN];
	struct acct_time when;		/* the author's date and offset */
	char *author, *email;
	char *subject;			/* the message's first line */
	int card_touched;		/* the card's bytes changed */
	struct acct_card_change *card;	/* by field, in the card's order */
	size_t ncard;
	int brief_touched;		/* the brief's bytes changed */
	/*
	 * The brief's known sections that changed, were added or removed,
	 * by key ("audience") in the template's order; ACCT_UNREADABLE when
	 * a version does not parse. Text outside them (the title, sections
	 * acct does not know) is not listed.
	 */
	char **brief;
	size_t nbrief;
};

struct acct_history {
	struct acct_history_entry *entries;	/* newest first */
	size_t n;
};

/**
 * The commits that changed the card or the brief of client `slug`, newest
 * first, at most `limit` of them (0: all). A version that does not parse
 * is reported as ACCT_UNREADABLE, not as an error. Returns 0 (an empty
 * history when HEAD has no clients/<slug>) or ACCT_ERROR for a git error.
 * Free with acct_history_free().
 */
int acct_history(struct acct_history **out, struct acct_book *book,
		 const char *slug, size_t limit, struct acct_error *err);

void acct_history_free(struct acct_history *h);

/**
 * The field-level difference between two versions of a card (either may
 * be NULL: no card), appended to `*out` / `*n`. Keys the program does not
 * know are compared too; values are compared as YAML, not as bytes, so a
 * change of layout or comments is no change. Free the changes with
 * acct_card_changes_free().
 */
void acct_card_diff(struct acct_card_change **out, size_t *n,
		    const struct acct_client *from,
		    const struct acct_client *to);

void acct_card_changes_free(struct acct_card_change *c, size_t n);

#endif
