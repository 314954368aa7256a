#ifndef ACCT_BRIEF_INT_H
#define ACCT_BRIEF_INT_H

/*
 * What the files of the brief share: lib/brief.c (the sections' names),
 * lib/brief_parse.c (a text as sections) and lib/brief_edit.c (changing a
 * section). Private to lib/.
 */
#include <stddef.h>

/* The index of `key` in acct_brief_keys, or -1 (NULL is no key). */
int brief_key_index(const char *key);

/*
 * The index in acct_brief_keys of the known section that the heading
 * `name` (`len` bytes) names, in English or Russian, or -1.
 */
int brief_name_index(const char *name, size_t len);

/* A byte range of the text that is comments only (hidden from `text`). */
struct brief_range {
	size_t from, to;
};

/*
 * A section's content as text (lib/brief_parse.c): the `nhid` hidden ranges `hid` (sorted)
 * left out, line breaks as "\n", blank lines at both ends dropped, no
 * final line break. Free it.
 */
char *brief_content_text(const char *s, size_t start, size_t end,
			 const struct brief_range *hid, size_t nhid);

#endif
