#ifndef ACCT_BRIEF_H
#define ACCT_BRIEF_H

#include <stddef.h>

#include "acct/buf.h"

struct acct_book;
struct acct_error;

/*
 * A client's brief: clients/<slug>/brief.md, Markdown with fixed "## "
 * sections (lib/brief_parse.c). Parsed with cmark, never with string
 * search: a section starts at a level-2 heading at the top level of the
 * document (not one inside a fenced code block, a list or a quote) and
 * runs to the next heading of level 1 or 2. Text before the first section
 * (the title, a comment) belongs to no section.
 */

/* A checklist item: a list item starting "[ ]" or "[x]". */
struct acct_brief_item {
	char *text;		/* its text without the box, inline markup dropped */
	int checked;		/* [x] or [X] */
	size_t line;		/* 1-based line of the item */
	size_t mark;		/* byte offset of the box's ' ' or 'x' in the
				 * file; ACCT_BRIEF_NO_MARK when the box is not
				 * where cmark says it starts */
};

#define ACCT_BRIEF_NO_MARK ((size_t)-1)

struct acct_brief_section {
	const char *key;	/* stable name: "brand", "audience", "kpi" ...;
				 * NULL for a heading acct does not know */
	char *title;		/* the heading as written in the file */
	size_t line;		/* 1-based line of the heading */
	size_t start, end;	/* byte range of the section's content */
	int empty;		/* nothing but blank lines (and comments) */
	size_t head;		/* byte offset of the heading's first line */
	char *text;		/* the content without comments and the blank
				 * lines around it, line breaks as "\n" */
	struct acct_brief_item *items;	/* its checklist, in file order */
	size_t nitems;
};

struct acct_brief {
	struct acct_buf text;		/* the file */
	struct acct_brief_section *sections;	/* in file order */
	size_t n;
};

/* Where a client's brief lives, relative to the book's top. */
#define ACCT_BRIEF_FILE "brief.md"

/** The known sections' keys in the template's order, NULL-terminated. */
extern const char *const acct_brief_keys[];

/**
 * The key of the known section `name` names: a key ("kpi") or a heading
 * in English or Russian ("KPIs", "Бюджет"), ignoring case. Returns a
 * pointer into acct_brief_keys, or NULL.
 */
const char *acct_brief_key(const char *name);

/** The heading of section `key` in the built-in template for `locale`. */
const char *acct_brief_title(const char *key, const char *locale);

/**
 * Parse a brief's text (`path` names it in messages). Sections are
 * recognised by their heading in English or Russian, case-insensitively;
 * unknown "## " headings are kept with key NULL. Returns 0 or ACCT_EDATA
 * (not UTF-8 text, a known section twice) with line and column. Free
 * with acct_brief_free().
 */
int acct_brief_parse(struct acct_brief **out, const char *path,
		     const char *text, size_t len, struct acct_error *err);

void acct_brief_free(struct acct_brief *b);

/** The section with `key`, or NULL. */
const struct acct_brief_section *acct_brief_section(const struct acct_brief *b,
						    const char *key);

typedef void (*acct_brief_line_fn)(const char *line, void *payload);

/**
 * Call `fn` for each non-empty line of a section's text (as in
 * acct_brief_section.text), without the spaces around it and its list
 * marker ("- ", "* ", "+ "): the lines a report lists, and the KPIs of
 * the kpi section. The line lives for the call.
 */
void acct_brief_lines(const char *text, acct_brief_line_fn fn, void *payload);

/** Append "clients/<slug>/brief.md" to `out`. */
void acct_brief_path(struct acct_buf *out, const char *slug);

/**
 * Append the text of the brief of `slug`, as the work tree has it (or
 * the tree of a book at a past commit), to `out`. ACCT_ENOTFOUND when
 * the client has no brief; ACCT_EDATA when the path is a symbolic link or
 * not a regular file.
 */
int acct_brief_read(struct acct_buf *out, struct acct_book *book,
		    const char *slug, struct acct_error *err);

/** Read and parse the brief of `slug` (acct_brief_read(), then parse). */
int acct_brief_load(struct acct_brief **out, struct acct_book *book,
		    const char *slug, struct acct_error *err);

/**
 * Append the template a new brief starts from to `out`, and its name for
 * messages to `name`: the book's `templates/brief.<locale>.md`, else its
 * `templates/brief.md`, else the built-in `brief.<locale>.md` (English
 * for a locale without one). `locale` is the client's language
 * (acct_client_locale()). A book template that is a symbolic link
 * leading out of the book, or not a file, is refused (ACCT_EDATA); so is
 * one that does not parse as a brief.
 */
int acct_brief_template(struct acct_buf *out, struct acct_buf *name,
			struct acct_book *book, const char *locale,
			struct acct_error *err);

/**
 * Append to `out` the text of brief `b` with the content of section `key`
 * (a key of acct_brief_keys) replaced by `body`: blank lines around the
 * body dropped, one blank line kept before the next heading, the file's
 * line breaks (LF or CRLF). A section the brief lacks is added with its
 * heading for `locale`, after the known sections that come before it (and
 * a line break after the text before it if that lacks one). Every other
 * byte stays. ACCT_EUSAGE when `body` is not UTF-8 text or
 * would change other sections (a "#" or "##" heading of its own, a code
 * block or comment left open); `path` names the brief in messages.
 */
int acct_brief_set_section(struct acct_buf *out, const struct acct_brief *b,
			   const char *key, const char *body, size_t len,
			   const char *locale, const char *path,
			   struct acct_error *err);

/**
 * Whether a known section differs between two briefs: present in one
 * only, or another heading, or another text (blank lines around the text
 * do not count). `sa` is a section of `a` or NULL, `sb` of `b` or NULL.
 */
int acct_brief_section_changed(const struct acct_brief *a,
			       const struct acct_brief_section *sa,
			       const struct acct_brief *b,
			       const struct acct_brief_section *sb);

/**
 * Append what changed from `a` to `b` for a commit subject: the keys of
 * the known sections that changed (acct_brief_section_changed()) in the
 * template's order ("audience, kpi"), then "other text" when anything
 * outside the known sections did; "layout" when neither did (the order
 * of sections, blank lines). Call it for texts that differ.
 */
void acct_brief_changes(struct acct_buf *out, const struct acct_brief *a,
			const struct acct_brief *b);

/**
 * Commit `text` as the brief of `slug`: checked by acct_brief_parse()
 * (ACCT_EDATA with line and column), subject "brief <slug>: create" for a
 * new brief, else "brief <slug>: <acct_brief_changes()>". Returns 0, 1
 * when the text is the brief as it is (nothing is done), or an error.
 */
int acct_brief_save(struct acct_book *book, const char *slug,
		    const char *text, size_t len, struct acct_error *err);

/**
 * Whether the brief of `slug` could be written now (no hand changes, no
 * lock held, a branch checked out, no symbolic link), so that an editor
 * session is not wasted. Returns 0 or the error a write would give.
 */
int acct_brief_check_writable(struct acct_book *book, const char *slug,
			      struct acct_error *err);

/**
 * The items of the materials checklist of `b` whose text holds `part`,
 * ignoring case (Unicode case folding); when one item's whole text is
 * `part`, that one alone. Sets `*out` to a list of borrowed items in file
 * order (free the list with free()) and returns their number.
 */
size_t acct_brief_match_items(const struct acct_brief_item ***out,
			      const struct acct_brief *b, const char *part);

/**
 * Tick (`checked` = 1) or untick the box of `item`, an item of brief `b`
 * of `slug`, in place: only that one byte changes, once it is checked to
 * be the box of that item ("[ ]" or "[x]" where cmark found the item, and
 * in the new text the same items with only that one's box changed).
 * Commits "brief <slug>: tick <text>" or "untick <text>". Returns 0, 1
 * when the box is so already (nothing done), ACCT_EDATA when the box
 * cannot be told (with the item's line), or an error of the commit.
 */
int acct_brief_tick(struct acct_book *book, const char *slug,
		    const struct acct_brief *b,
		    const struct acct_brief_item *item, int checked,
		    struct acct_error *err);

/* What acct brief --check finds in one brief. */
struct acct_brief_findings {
	const char **missing;		/* keys of known sections not there */
	size_t nmissing;
	const char **empty;		/* keys of known sections left empty */
	size_t nempty;
	const struct acct_brief_item **unchecked;	/* materials not ticked */
	size_t nunchecked;
};

#define ACCT_BRIEF_FINDINGS_INIT { NULL, 0, NULL, 0, NULL, 0 }

/**
 * Fill `out` for brief `b` (NULL: the client has no brief, so every
 * section is missing). Items are borrowed from `b`. Returns 1 when
 * anything was found, 0 when the brief is complete. Release with
 * acct_brief_findings_release().
 */
int acct_brief_find(struct acct_brief_findings *out,
		    const struct acct_brief *b);

void acct_brief_findings_release(struct acct_brief_findings *f);

#endif
