#ifndef ACCT_MD_H
#define ACCT_MD_H

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

#endif
