#ifndef ACCT_EML_INT_H
#define ACCT_EML_INT_H

#include <stddef.h>

struct acct_buf;

/*
 * Shared by lib/eml*.c. Not part of acct/eml.h: GMime's quirks, not what
 * a caller needs.
 */

/**
 * Append `raw` (a header's raw value) to `out` with every base64 encoded
 * word rewritten as a Q word of the same charset and bytes, so that
 * GMime's own decoder (addresses, parameters) gets adjacent words right:
 * GMime 3.2.13 joins adjacent B words before decoding them and loses
 * what follows a word's padding (jstedfast/gmime#133). Q words need no
 * padding, so joining them is safe.
 */
void eml_b_to_q(struct acct_buf *out, const char *raw);

/**
 * Append `s` (`len` bytes of UTF-8) to `out` as one line: runs of white
 * space, control characters and line separators (U+0085, U+2028,
 * U+2029) as one space, the ends trimmed.
 */
void eml_tidy_line(struct acct_buf *out, const char *s, size_t len);

#endif
