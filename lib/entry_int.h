#ifndef ACCT_ENTRY_INT_H
#define ACCT_ENTRY_INT_H

/*
 * What lib/entry.c (the parser: libyaml and cmark) and lib/entry_scan.c
 * (the same result for the plain entries acct writes, without them)
 * share. Private to lib/.
 */
#include <stddef.h>
#include <stdint.h>

struct acct_action;
struct acct_action_ids;
struct acct_book;
struct acct_buf;
struct acct_entry;
struct acct_error;
struct acct_index;

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

/**
 * Free what parsing put in `e` (decisions, actions, summary, by,
 * message_id) and set those fields empty; its slug, path and text stay.
 */
void entry_release_parsed(struct acct_entry *e);

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

/* --- the book's action ids (lib/action_id.c, lib/action_cache.c) --- */

/** Append an id (its first digits) held by `path`, unsorted. */
void action_ids_push(struct acct_action_ids *ids, const char *id,
		     const char *path);

/** Append `n` ids held by entries not named (ids->held), unsorted. */
void action_ids_hold(struct acct_action_ids *ids, const uint32_t *v,
		     size_t n);

/** The first ACCT_ACTION_ID_LEN hex digits of `id` as a number. */
uint32_t action_id_number(const char *id);

/** Sort ids->v by id, for acct_action_ids_find(). */
void action_ids_sort(struct acct_action_ids *ids);

/**
 * Push the ids of the items of the entry of client `slug` at `path`
 * whose text is `text`: those of its id comments when it does not parse.
 */
void action_ids_of_text(struct acct_action_ids *ids, const char *slug,
			const char *path, const char *text, size_t len);

/**
 * The same for the file at `path` (relative to the book), read into
 * `text` (scratch): 0, or -1 when it cannot be read (no ids: as an
 * entry too large or not a file gives none).
 */
int action_ids_of_file(struct acct_action_ids *ids, struct acct_book *book,
		       const char *slug, const char *path,
		       struct acct_buf *text);

/**
 * Add the ids of every entry of the book to ids->held (unsorted), from
 * .git/acct/ids where it is current, else from the files (and the cache
 * is brought up to date when it may be written: never an error): the
 * ids reading every entry gives. ACCT_ERROR when clients/ or a client's
 * log/ cannot be listed.
 */
int action_ids_cached(struct acct_action_ids *ids, struct acct_book *book,
		      const struct acct_index *ix, struct acct_error *err);

#endif
