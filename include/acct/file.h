#ifndef ACCT_FILE_H
#define ACCT_FILE_H

#include <stddef.h>

struct acct_buf;
struct acct_error;

/*
 * Reading input (lib/file.c): the one way acct reads a file of the book,
 * a file named on the command line or standard input. Every read has a
 * limit, so that `-F /dev/zero` or a huge file in a clone ends with a
 * message, not with the memory; a file of the book is opened without
 * following a symbolic link, and what was opened is checked, not what a
 * path named a moment before.
 */

/* The limit when the book's config sets none (limits.input_bytes). */
#define ACCT_INPUT_BYTES ((size_t)8 << 20)

/* The range limits.input_bytes may take. */
#define ACCT_INPUT_BYTES_MIN ((size_t)1 << 10)
#define ACCT_INPUT_BYTES_MAX ((size_t)1 << 30)

enum acct_file_flags {
	/* Follow a symbolic link (a file outside the book: -F, zones). */
	ACCT_FILE_FOLLOW = 1 << 0,
	/* Not only a regular file: a pipe, a terminal, /dev/stdin (-F). */
	ACCT_FILE_ANY = 1 << 1,
	/*
	 * Named on the command line: errors are ACCT_EUSAGE, not EDATA, and
	 * `name` stands in the message as given, quoted by the caller
	 * ("'notes.md' is larger than ...", "standard input is ...").
	 */
	ACCT_FILE_ARG = 1 << 2,
};

/**
 * Append the whole of the file at `path` to `out`, at most `limit` bytes.
 * It is opened with O_CLOEXEC and O_NOFOLLOW (unless ACCT_FILE_FOLLOW),
 * the open descriptor is checked with fstat() and must be a regular file
 * (unless ACCT_FILE_ANY), and it is read to its end. `name` names it in
 * messages (a path in the book, or as typed). Returns 0; ACCT_ENOTFOUND
 * when there is no such file; ACCT_EDATA (ACCT_EUSAGE with ACCT_FILE_ARG)
 * for a symbolic link, a directory, a device or a FIFO where a file is
 * wanted, and for a file larger than `limit` ("<name>: larger than 8 MiB,
 * the limit for input", with a hint naming limits.input_bytes);
 * ACCT_ERROR for other errors (with ACCT_FILE_ARG: ACCT_EUSAGE for a file
 * that cannot be opened). On an error `out` is as it was.
 */
int acct_file_read(struct acct_buf *out, const char *path, const char *name,
		   size_t limit, unsigned flags, struct acct_error *err);

/**
 * The same for the descriptor `fd` that is already open (standard input;
 * it is not closed), any kind of file.
 */
int acct_file_read_fd(struct acct_buf *out, int fd, const char *name,
		      size_t limit, unsigned flags, struct acct_error *err);

/** Append `limit` for people: "8 MiB", "512 KiB", "1000 bytes". */
void acct_file_limit_text(struct acct_buf *out, size_t limit);

#endif
