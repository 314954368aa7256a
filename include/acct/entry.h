#ifndef ACCT_ENTRY_H
#define ACCT_ENTRY_H

#include <stddef.h>

#include "acct/buf.h"
#include "acct/date.h"

struct acct_book;
struct acct_error;

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
	char *text;		/* the item's text without "[ ]" */
	char *owner;		/* "@anna" without '@', or NULL */
	int has_due;
	struct acct_date due;
	int done;		/* [x] */
	char id[41];		/* hex SHA-1 of the entry's path and the text */
	size_t line, col;	/* where "[ ]" stands in the file (1-based) */
	size_t mark;		/* byte offset of the ' ' or 'x' in the file */
};

struct acct_entry {
	char *slug;
	char *path;		/* relative to the book's root */
	struct acct_time when;
	const char *channel, *direction, *kind;	/* direction may be NULL */
	char *summary, *by;	/* by may be NULL */
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

/** Read and parse the entry at `path` of the book. */
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

void acct_entry_list_release(struct acct_entry_list *list);

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

/** The localized section headings of a new entry's template. */
const char *acct_entry_template(const char *locale);

#endif
