#ifndef ACCT_ENTRY_INT_H
#define ACCT_ENTRY_INT_H

/*
 * What lib/entry.c (the parser: libyaml and cmark) and lib/entry_scan.c
 * (the same result for the plain entries acct writes, without them)
 * share. Private to lib/.
 */
#include <stddef.h>

struct acct_action;
struct acct_entry;
struct acct_error;

enum entry_section { NONE, DECISIONS, ACTIONS };

/* The directions an entry may have, NULL-terminated. */
extern const char *const entry_directions[];

/** The entry of `choices` equal to `value`, or NULL. */
const char *entry_choice(const char *value, const char *const *choices);

/** What a level-2 heading titled `title` opens. */
enum entry_section entry_section_of(const char *title);

/**
 * "@owner" and "due:YYYY-MM-DD" in a->text; a bad date is ACCT_EDATA at
 * `path`:`line`:`col`.
 */
int entry_item_tags(struct acct_action *a, const char *path, size_t line,
		    size_t col, struct acct_error *err);

/** The id of an item without one of its own, from e->path and its text. */
void entry_action_id(struct acct_action *a, const struct acct_entry *e);

/**
 * acct_entry_parse(), with (`scan`) or without the scan below: the unit
 * tests hold the two to the same result.
 */
int entry_parse(struct acct_entry **out, const char *slug, const char *path,
		const char *text, size_t len, int scan, struct acct_error *err);

/**
 * Fill `e` (its slug, path and text set) from its text when the entry is
 * as plain as acct writes it, exactly as the parser would: returns 1.
 * Anything the scan is not sure of (and every error) returns 0 with `e`
 * as it was, for the parser to decide.
 */
int entry_scan(struct acct_entry *e);

#endif
