#ifndef ACCT_MD_H
#define ACCT_MD_H

#include <stddef.h>

struct acct_buf;
struct cmark_node;

/* What acct_md_plain_text() keeps. */
enum acct_md_text_flags {
	ACCT_MD_INLINE_HTML = 1 << 0,	/* inline HTML as its literal text */
};

/**
 * Append the text of `node`'s inline content as a reader sees it: text
 * and code literals, line breaks as spaces, emphasis and links reduced
 * to their text. Walks cmark's iterator, so deep nesting costs no stack.
 */
void acct_md_plain_text(struct acct_buf *out, struct cmark_node *node,
			unsigned flags);

/**
 * Append `text` (`len` bytes) to `out` without its comment lines: the
 * blocks at the top level of the Markdown that hold nothing but HTML
 * comments (`<!-- ... -->` on lines of their own), found with cmark, so a
 * comment inside a fenced code block, a list or a quote stays, and so does
 * one with text after it on its line. Whole lines go, line breaks and all;
 * every other byte stays. The log entry's editor template explains itself
 * in such lines.
 */
void acct_md_drop_comments(struct acct_buf *out, const char *text, size_t len);

/**
 * Append `text` (`len` bytes) to `out` without the empty items of its
 * top-level lists (a bullet, or a box "[ ]" / "[x]", with nothing after
 * it: an editor template's placeholders), then without a heading whose
 * section they were and that has nothing else left under it. Found with
 * cmark; whole lines go, and the blank lines after one when a blank line
 * (or nothing) is before it, so no run of blank lines is left. Every
 * other byte stays.
 */
void acct_md_drop_empty_items(struct acct_buf *out, const char *text,
			      size_t len);

/**
 * Whether `node` is an HTML block that holds nothing but comments
 * (`<!-- ... -->` and white space): a hint in a template, not content.
 */
int acct_md_only_comments(struct cmark_node *node);

#endif
