#ifndef ACCT_ENTRY_H
#define ACCT_ENTRY_H

#include <stddef.h>

#include "acct/buf.h"
#include "acct/date.h"

struct acct_book;
struct acct_error;
struct acct_index;

/*
 * Log entries: clients/<slug>/log/<YYYY>/<YYYY-MM-DD>T<HHMM>-<words>.md,
 * Markdown with YAML front matter (lib/entry.c reads them, lib/log.c
 * writes them). Decisions and action items are found with cmark.
 */

/* The channels and kinds an entry may have, NULL-terminated. */
extern const char *const acct_entry_channels[];
extern const char *const acct_entry_kinds[];

/* The length of an action item's id as shown (hex digits). */
#define ACCT_ACTION_ID_LEN 7

struct acct_action {
	char *text;		/* the item's text without "[ ]" and its id */
	char *owner;		/* "@anna" without '@', or NULL */
	int has_due;
	struct acct_date due;
	int done;		/* [x] */
	/*
	 * The item's own id, from its "<!-- id:a1b2c3d -->" (own_id), else
	 * the hex SHA-1 of the entry's path and the text.
	 */
	char id[41];
	int own_id;
	size_t line, col;	/* where "[ ]" stands in the file (1-based) */
	size_t mark;		/* byte offset of the ' ' or 'x' in the file */
	size_t id_at, id_len;	/* the digits of its id comment (0, 0: none) */
	size_t tail;		/* byte offset of the end of its text: where
				 * acct writes an id comment */
};

struct acct_entry {
	char *slug;
	char *path;		/* relative to the book's root */
	struct acct_time when;
	const char *channel, *direction, *kind;	/* direction may be NULL */
	char *summary, *by;	/* by may be NULL */
	char *message_id;	/* an e-mail's "<id@host>" (acct log --eml), or
				 * NULL */
	size_t body;		/* byte offset of the body in `text` */
	char **decisions;
	size_t ndecisions;
	struct acct_action *actions;
	size_t nactions;
	struct acct_buf text;	/* the file */
};

/**
 * Parse an entry's text. `path` (relative to the book) names it in
 * messages and goes into the action ids. Errors are ACCT_EDATA with
 * file:line:col: front matter missing or never closed, bad YAML, a
 * missing or bad date, an unknown channel, direction or kind, a missing
 * summary, text that is not UTF-8. Free with acct_entry_free().
 */
int acct_entry_parse(struct acct_entry **out, const char *slug,
		     const char *path, const char *text, size_t len,
		     struct acct_error *err);

/**
 * Read and parse the entry at `path` of the book (of its tree, for a book
 * at a past commit).
 */
int acct_entry_load(struct acct_entry **out, struct acct_book *book,
		    const char *slug, const char *path, struct acct_error *err);

void acct_entry_free(struct acct_entry *e);

/*
 * Listing entries by their file names, which carry the date: only the
 * year folders and names inside [since, until] are looked at.
 */
struct acct_entry_ref {
	char *slug;
	char *path;		/* relative to the book */
	char key[16];		/* "YYYY-MM-DDTHHMM" from the name, for sorting */
};

struct acct_entry_list {
	struct acct_entry_ref *refs;
	size_t n, alloc;
};

#define ACCT_ENTRY_LIST_INIT { NULL, 0, 0 }

/**
 * Add to `list` the entries of client `slug` (every client when NULL)
 * whose file-name date is within [since, until] (either may be NULL: no
 * bound), without reading the files. Files whose names do not have the
 * shape are skipped. Sorted newest first by date, then path.
 */
int acct_entry_list(struct acct_entry_list *list, struct acct_book *book,
		    const char *slug, const struct acct_date *since,
		    const struct acct_date *until, struct acct_error *err);

/**
 * The same for the entries of client `slug` in its year folder `year`
 * (log/<year>/), whatever the dates in their names: what acct_entry_list()
 * lists of that folder, sorted the same way. `year` must be 1 or more.
 */
int acct_entry_list_year(struct acct_entry_list *list, struct acct_book *book,
			 const char *slug, int year, struct acct_error *err);

void acct_entry_list_release(struct acct_entry_list *list);

/**
 * The key of an entry's file name "YYYY-MM-DDTHHMM[-words].md" into `key`
 * (16 bytes: "YYYY-MM-DDTHHMM"): 1, or 0 when the name is not of that
 * shape (acct_entry_list() skips such files, and those in another year's
 * folder than the key's).
 */
int acct_entry_name_key(char *key, const char *name);

/* What acct_log_add() writes. NULL means absent or the default. */
struct acct_log_spec {
	const char *slug;
	const char *summary;
	const char *channel;	/* default "other" */
	const char *direction;	/* default "out" unless the kind is note */
	const char *kind;	/* default: postmeet for a call or meeting,
				 * message for an email or chat, else note */
	const struct acct_time *when;	/* default: the book's now */
	const char *by;		/* default: git's user.name */
	const char *body;	/* Markdown, may be NULL */
	size_t body_len;
	const char *body_name;	/* names the body in messages: the -F file */
	size_t body_line;	/* the line of body_name where the body starts
				   (0 or 1: the first; 2 after a summary) */
	const char *command;	/* of the commit subject; default "log" */
	const char *subject;	/* the subject's summary; default summary */
	const char *message_id;	/* an e-mail's Message-ID, "<id@host>": the
				 * front matter's message_id */
	/*
	 * More front matter after acct's keys, as YAML lines put as they
	 * are ("telegram: [...]\n"); the entry is parsed again after.
	 */
	const char *extra;
};

/**
 * Write a new entry and commit it ("log <slug>: <summary>"). A taken file
 * name gets -2, -3 ...; nothing is ever overwritten. Bad values are
 * ACCT_EUSAGE naming them, a `when` more than a day ahead of the book's
 * now too (acct_date_check_not_ahead()). Appends the new entry's path to
 * `path_out`.
 */
int acct_log_add(struct acct_buf *path_out, struct acct_book *book,
		 const struct acct_log_spec *spec, struct acct_error *err);

struct acct_txn;
/**
 * Stage the new entry of acct_log_add() in the change `t`, for a command
 * that commits it with other files (acct report --mail --save): the same
 * checks and name, nothing committed. Appends the entry's path to
 * `path_out`.
 */
int acct_log_stage(struct acct_buf *path_out, struct acct_txn *t,
		   struct acct_book *book, const struct acct_log_spec *spec,
		   struct acct_error *err);

/**
 * Tick (done = 1) or untick the box of `action` of entry `e` in place:
 * only that one character changes. Commits "todo <slug>: done <text>" or
 * "todo <slug>: reopen <text>". Returns 1 when it is so already.
 */
int acct_action_mark(struct acct_book *book, const struct acct_entry *e,
		     const struct acct_action *action, int done,
		     struct acct_error *err);

/**
 * Append to `out` the text of entry `e` with the box of `action` ticked
 * (done = 1) or unticked: one byte changed. Before anything is appended
 * it checks that the byte is the middle of that item's "[ ]" or "[x]"
 * (the entry read again has the item with the same id and text there,
 * now ticked, and every other item as it was); otherwise ACCT_EDATA at
 * the item's line and column, and `out` is left as it was.
 */
int acct_action_tick(struct acct_buf *out, const struct acct_entry *e,
		     const struct acct_action *action, int done,
		     struct acct_error *err);

/**
 * Append the item's title to `out`: its text without the word that named
 * its owner ("@anna") and without its "due:DATE" words, the other words
 * joined by single spaces ("Send the media plan"). Punctuation after a
 * word left out stays ("Call @anna, then write" is "Call, then write").
 * An item with no other words keeps its whole text.
 */
void acct_action_title(struct acct_buf *out, const struct acct_action *a);

/**
 * If `s` (`len` bytes) starts with an action item's id comment, "<!--
 * id:a1b2c3d -->" (7 to 40 hex digits, spaces or tabs around them),
 * return its length and set `*hex` to the offset of the digits and
 * `*hexlen` to their number; else return 0.
 */
size_t acct_action_id_comment(const char *s, size_t len, size_t *hex,
			      size_t *hexlen);

/*
 * The ids of the book's action items (lib/action_id.c), so that a new
 * one is unique: each by its first ACCT_ACTION_ID_LEN digits, with the
 * entry that holds it.
 */
struct acct_action_id_use {
	char id[ACCT_ACTION_ID_LEN + 1];
	char *path;
};

struct acct_action_ids {
	struct acct_action_id_use *v;	/* sorted by id */
	size_t n, alloc;
	/*
	 * The ids the cache gave, without their entries: the digits as
	 * numbers, in no order.
	 */
	uint32_t *held;
	size_t nheld, aheld;
};

#define ACCT_ACTION_IDS_INIT { NULL, 0, 0, NULL, 0, 0 }

/**
 * Add to `ids` the id of every action item in the book's entries, of
 * every client, archived ones too. An entry that does not parse still
 * gives the ids of its id comments. They come from the cache of them,
 * .git/acct/ids (lib/action_cache.c), for the entries that did not
 * change since it was written (without their paths), unless
 * book->no_cache; the same ids either way. `ix` (may be NULL) is the
 * book's index as already read (a change's: acct_txn_index()), which
 * spares the cache a read of it. Returns 0, or ACCT_ERROR when a folder
 * cannot be read.
 */
int acct_action_ids_load(struct acct_action_ids *ids, struct acct_book *book,
			 const struct acct_index *ix, struct acct_error *err);

/** Add `id` (its first ACCT_ACTION_ID_LEN digits), held by `path`. */
void acct_action_ids_add(struct acct_action_ids *ids, const char *id,
			 const char *path);

/**
 * The entry holding an id that starts as `id` does ("" when the cache
 * gave it without its path), or NULL.
 */
const char *acct_action_ids_find(const struct acct_action_ids *ids,
				 const char *id);

void acct_action_ids_release(struct acct_action_ids *ids);

/**
 * A new id for an item: the first ACCT_ACTION_ID_LEN hex digits of the
 * SHA-1 of `seed`, and of `seed` with a counter after it while those are
 * in `ids`. Writes ACCT_ACTION_ID_LEN digits and a NUL to `out`.
 */
void acct_action_id_new(char *out, const char *seed, size_t len,
			const struct acct_action_ids *ids);

/**
 * Append to `out` the text of entry `e` with an id comment, "<!--
 * id:a1b2c3d -->", at the end of every action item's text that has no id
 * of its own (or one that `ids` holds already, when the item was copied
 * from another entry: its digits are replaced). The ids are made by
 * acct_action_id_new() from `seed`, the item's place and its text, and
 * added to `ids` with `e`'s path. Each change is checked: the entry read
 * again has the same items, texts, boxes, owners and dates, and the item
 * its new id; an item whose comment would read otherwise keeps the id it
 * had. Returns the number of items given an id.
 */
size_t acct_action_ids_store(struct acct_buf *out, const struct acct_entry *e,
			     const char *seed, struct acct_action_ids *ids);

/**
 * Append to `out` the text of entry `e` with the id every item has now
 * written into its line, for the items whose id comes from the entry's
 * path (no comment of their own), which is about to change: "<!--
 * id:a1b2c3d -->", its first ACCT_ACTION_ID_LEN digits, which `todo done`
 * takes as before. Checked as acct_action_ids_store() checks. Returns the
 * number of items pinned.
 */
size_t acct_action_ids_pin(struct acct_buf *out, const struct acct_entry *e);

/** The localized section headings of a new entry's template. */
const char *acct_entry_template(const char *locale);

#endif
