#ifndef ACCT_ERROR_H
#define ACCT_ERROR_H

#include <stddef.h>

/* Return codes of lib/: 0 for success, one of these otherwise. */
enum acct_code {
	ACCT_OK = 0,
	ACCT_ERROR = -1,	/* anything else: I/O, git, memory */
	ACCT_ENOTFOUND = -3,	/* no such client, file or key */
	ACCT_EAMBIGUOUS = -4,	/* a prefix matches several */
	ACCT_EEXISTS = -5,	/* the name is taken */
	ACCT_EDATA = -6,	/* bad data in the book */
	ACCT_ELOCKED = -7,	/* another process holds a lock */
	ACCT_EUSAGE = -8,	/* a bad value given by the caller (command line) */
	ACCT_ESTATE = -9,	/* the book is in a state where we may not write */
	ACCT_ECONFLICT = -10,	/* a merge found changes that conflict */
};

/*
 * What went wrong, filled by lib/ and printed by cmd/. `line` and `col` are
 * 1-based; 0 means unknown. `file` is relative to the book's top when the
 * error is about a file in the book.
 *
 * The message and the hint are in the language cmd/ chose for messages
 * (include/acct/i18n.h): the formats below are English and translated as
 * they are filled. `english`, set by the caller and kept by
 * acct_error_clear(), keeps them English: for a reason that becomes data
 * (a KPI's "reason" in --json and in reports), never a message.
 */
struct acct_error {
	int code;
	char file[512];
	size_t line, col;
	char msg[1024];
	char hint[1024];
	int english;
};

#define ACCT_ERROR_INIT { 0, "", 0, 0, "", "", 0 }
#define ACCT_ERROR_ENGLISH { 0, "", 0, 0, "", "", 1 }

/**
 * `msgid` in the language of `err`'s messages: translated, unless `err`
 * keeps them English. For a word a message takes as an argument.
 */
const char *acct_error_tr(const struct acct_error *err, const char *msgid)
	__attribute__((format_arg(2)));

/** Record a message and return `code`. */
int acct_error_set(struct acct_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/**
 * Record a message about `file` at 1-based `line`:`col` (0 for unknown) and
 * return `code`.
 */
int acct_error_at(struct acct_error *err, int code, const char *file,
		  size_t line, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/** Add what to do about the recorded error. */
void acct_error_hint(struct acct_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/** Forget the recorded error. */
void acct_error_clear(struct acct_error *err);

#endif
