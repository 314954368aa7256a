#ifndef ACCT_SLUG_H
#define ACCT_SLUG_H

#include <stddef.h>

struct acct_buf;
struct acct_error;

/* The longest slug, in bytes. */
#define ACCT_SLUG_MAX 64

/**
 * Append to `out` the slug for a client called `name` (UTF-8): NFC first,
 * Cyrillic transliterated (ICAO 9303 with Ukrainian and Kazakh letters; the
 * table is atop lib/slug.c), Latin accents stripped, ASCII letters
 * lowercased, digits kept, everything else a separator, runs of separators
 * collapsed to one '-', no '-' at either end, at most ACCT_SLUG_MAX bytes
 * cut at a '-' (or hard cut when one word is longer). Returns 0, or
 * ACCT_EUSAGE with `out` untouched: "name is not UTF-8 text"; "cannot make
 * a slug from this name; give one with --slug" when nothing is left; "slug
 * 'add' is a word acct uses as a command; give another with --slug" when
 * the result is reserved (see acct_slug_is_reserved()).
 */
int acct_slug_from_name(struct acct_buf *out, const char *name,
			struct acct_error *err);

/**
 * Check a slug given by the user (--slug): not empty, only [a-z0-9-], not
 * starting or ending with '-' ("a--b" is allowed), at most ACCT_SLUG_MAX
 * bytes, not reserved. Returns 0 or ACCT_EUSAGE with a message quoting the
 * slug (escaped for the terminal, shortened when long), as in "invalid slug
 * 'Foo': use lowercase letters a-z, digits and '-'".
 */
int acct_slug_check(const char *slug, struct acct_error *err);

/**
 * 1 if `word` is a word a command uses as a verb (add, list, ...), so no
 * slug may be it; 0 otherwise, and for NULL.
 */
int acct_slug_is_reserved(const char *word);

/**
 * Append to `out` up to `max_words` words of free `text`, transliterated
 * and joined like a slug, at most `max_bytes` bytes cut at a '-' (or hard
 * cut when the first word is longer). Reserved words are not refused, and
 * bytes that are not UTF-8 separate words. Appends nothing when no word is
 * left or either limit is 0. Used for log entry file names.
 */
void acct_slug_words(struct acct_buf *out, const char *text,
		     size_t max_words, size_t max_bytes);

#endif
