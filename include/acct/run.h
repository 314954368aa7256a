#ifndef ACCT_RUN_H
#define ACCT_RUN_H

#include <stddef.h>

struct acct_buf;
struct acct_error;

/*
 * Running another program: always an argument vector, never a shell
 * (sync's git, the mail command). The program is looked for in the PATH
 * of acct's own environment, as execvp() does.
 */

enum acct_run_flags {
	/* A session of its own, with no terminal to ask on (setsid). */
	ACCT_RUN_SETSID = 1 << 0,
};

struct acct_run_opts {
	const char *const *argv;	/* NULL-terminated; argv[0] the program */
	const char *const *env;		/* NULL-terminated "NAME=value" */
	/* Standard input: these bytes, then end of file; NULL: /dev/null. */
	const char *in;
	size_t in_len;
	struct acct_buf *out;		/* standard output; NULL: dropped */
	struct acct_buf *err;		/* standard error; NULL: acct's own */
	unsigned flags;			/* enum acct_run_flags */
};

/**
 * Run `o->argv` and wait for it: its standard output and error appended
 * to `o->out` and `o->err` while its input is written (a program that
 * stops reading early is no error: what it read is what it got). Sets
 * `*status` to its exit status (128 + the signal that ended it) and
 * returns 0; ACCT_ENOTFOUND "'NAME' was not found" when the program is
 * not in PATH (or the path given does not exist); ACCT_ERROR when it
 * could not be started (permissions, pipes, ...).
 */
int acct_run(int *status, const struct acct_run_opts *o,
	     struct acct_error *err);

/**
 * Append the last `max` (at most 8) non-empty lines of `text`, trailing
 * spaces and CRs dropped, joined by "; ": the reason a program gave on its
 * standard error, on one line of a message.
 */
void acct_run_last_lines(struct acct_buf *out, const struct acct_buf *text,
			 size_t max);

#endif
