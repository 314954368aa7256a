#ifndef ACCT_BRIEF_H
#define ACCT_BRIEF_H

#include <stddef.h>

#include "acct/buf.h"

struct acct_error;

/*
 * A client's brief: clients/<slug>/brief.md, Markdown with fixed "## "
 * sections (lib/brief.c). Parsed with cmark, never with string search.
 */
struct acct_brief_section {
	const char *key;	/* stable name: "brand", "audience", "kpi" ... */
	char *title;		/* the heading as written in the file */
	size_t line;		/* 1-based line of the heading */
	size_t start, end;	/* byte range of the section's content */
	int empty;		/* nothing but blank lines (and comments) */
};

struct acct_brief {
	struct acct_buf text;		/* the file */
	struct acct_brief_section *sections;	/* in file order */
	size_t n;
};

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

#endif
