#ifndef ACCT_TEXT_H
#define ACCT_TEXT_H

#include <stddef.h>

struct acct_buf;
struct acct_error;

/**
 * 1 if `s` (`len` bytes) is valid UTF-8 with no NUL byte, else 0. Overlong
 * forms, surrogates (U+D800-U+DFFF), code points past U+10FFFF and
 * truncated sequences are not valid.
 */
int acct_text_is_utf8(const char *s, size_t len);

/**
 * Check a one-line value given on the command line (NUL-terminated `s`):
 * valid UTF-8, no line break (\n, \r, \v, \f, U+0085, U+2028, U+2029:
 * libyaml breaks lines at all of them) and no other control character (C0,
 * DEL, C1; a tab counts as one). `what` names the value in the message:
 * "name is not UTF-8 text", "name must be a single line of text", "name
 * must be a single line of text without control characters (it holds
 * U+0009)". An empty string passes.
 * Returns 0 or ACCT_EUSAGE.
 */
int acct_text_check_line(const char *s, const char *what,
			 struct acct_error *err);

/**
 * Append `s` (`len` bytes) to `out` made safe for a terminal: line feed,
 * tab and carriage return as \n, \t, \r; other C0 controls, NUL and DEL
 * as \xhh (\x1b); C1 controls and the Unicode bidi controls (U+202A-U+202E,
 * U+2066-U+2069, U+200E, U+200F, U+061C) as \u{hhhh} (\u{202e}); each
 * byte that is not part of valid UTF-8 as \xhh. Hex digits are lowercase.
 * Everything else, backslashes included, is copied byte for byte.
 */
void acct_text_escape_terminal(struct acct_buf *out, const char *s, size_t len);

/**
 * Width of `s` (`len` bytes) in terminal columns: utf8proc_charwidth() per
 * character (2 for wide CJK and emoji, 0 for combining marks and controls),
 * 1 for each byte that is not part of valid UTF-8.
 */
size_t acct_text_width(const char *s, size_t len);

/**
 * Append the NFC form of `s` (`len` bytes) to `out`. Returns 0;
 * ACCT_EUSAGE "text is not UTF-8" when `s` is not valid UTF-8 or holds a
 * NUL byte (see acct_text_is_utf8()), leaving `out` as it was;
 * ACCT_ERROR if utf8proc runs out of memory.
 */
int acct_text_nfc(struct acct_buf *out, const char *s, size_t len,
		  struct acct_error *err);

/**
 * Append `s` (`len` bytes) to `out` case-folded (Unicode case folding,
 * NFC), so that two texts that differ only in case come out the same
 * ("Борис" and "БОРИС" both as "борис"). Text that is not UTF-8 is
 * appended as it is.
 */
void acct_text_fold(struct acct_buf *out, const char *s, size_t len);

/**
 * 1 if `needle` occurs in `hay` ignoring case (Unicode case folding, NFC),
 * else 0. Text that is not UTF-8 is compared byte for byte.
 */
int acct_text_contains_fold(const char *hay, const char *needle);

/**
 * Append UTF-16 text to `out` as UTF-8: `s` (`len` bytes) starts with its
 * byte order mark, FF FE (little endian, as Windows and "CSV for Excel"
 * write it) or FE FF, which is left out. `file` names the text in errors.
 * Returns 0; ACCT_EUSAGE when there is no mark; ACCT_EDATA at the 1-based
 * line and column (in characters; lines end as in acct_text_line_end())
 * of a lone surrogate, a NUL character or an odd byte at the end, with a
 * hint, `out` then as it was.
 */
int acct_text_from_utf16(struct acct_buf *out, const char *s, size_t len,
			 const char *file, struct acct_error *err);

/*
 * Lines, the one notion acct has of them: a line ends at "\n", "\r\n"
 * or a lone "\r", as in cmark (which numbers the lines of Markdown) and
 * libyaml. Everything that turns a line number into a byte offset, or
 * splits text into lines, uses these.
 */

/**
 * The end of the line that starts at `i` in `s` (`len` bytes): the
 * offset of its line break, or `len`. `*next` (when not NULL) receives
 * where the next line starts: after the break, or `len`.
 */
size_t acct_text_line_end(const char *s, size_t len, size_t i, size_t *next);

/** The line break a text uses: that of its first line ("\n" if none). */
const char *acct_text_eol(const char *s, size_t len);

/* Where each line of a text starts. */
struct acct_text_lines {
	size_t *at;		/* at[k]: the byte offset of line k + 1 */
	size_t n;		/* lines: one more than the line breaks */
	size_t len;		/* the text's length */
};

#define ACCT_TEXT_LINES_INIT { NULL, 0, 0 }

/** Find the lines of `s` (`len` bytes). Free with acct_text_lines_release(). */
void acct_text_lines_init(struct acct_text_lines *l, const char *s, size_t len);

/** The byte offset of 1-based `line`; the text's length past the last. */
size_t acct_text_lines_at(const struct acct_text_lines *l, size_t line);

void acct_text_lines_release(struct acct_text_lines *l);

#endif
