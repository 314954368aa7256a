#ifndef ACCT_CMD_H
#define ACCT_CMD_H

/* Included by every command: its signature, exit codes, options, output. */

#include <stdio.h>

#include "acct/book.h"
#include "acct/date.h"
#include "acct/error.h"
#include "acct/i18n.h"
#include "opt.h"

enum {
	EXIT_OK = 0,		/* done */
	EXIT_FAIL = 1,		/* bad data in the book, git error, I/O */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_FOUND = 3,		/* a check found something */
};

/*
 * What main() learned once for every command: the clock, who is writing,
 * the terminal, and the book when the command's row asks for it. Commands
 * get it as a parameter: no global "current book".
 */
struct cmd_ctx {
	struct acct_book *book;		/* NULL unless CMD_NEED_BOOK */
	const char *book_dir;		/* where to look for the book */
	struct acct_time now;		/* ACCT_NOW or the clock */
	struct acct_ident ident;	/* GIT_AUTHOR_* / GIT_COMMITTER_* */
	const char *editor;		/* VISUAL or EDITOR, NULL if neither */
	int stdout_tty, stdin_tty;
	int color;			/* a terminal and NO_COLOR unset or empty */
	int no_cache;			/* ACCT_NO_CACHE set, and not "0" */
	const char *mandir;		/* ACCT_MANDIR: pages for help, or NULL */
};

typedef int (*cmd_fn)(int argc, const char **argv, struct cmd_ctx *ctx);

enum cmd_flags {
	CMD_NEED_BOOK = 1 << 0,
};

struct cmd_spec {
	const char *name;
	cmd_fn fn;
	unsigned flags;
	const char *summary;	/* N_(): translated when printed */
};

/* A verb of a command with verbs (client add): the same shape. */
struct cmd_verb {
	const char *name;
	cmd_fn fn;
	const char *summary;
};

int cmd_agenda(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_brief(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_calendar(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_client(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_health(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_help(int argc, const char **argv, struct cmd_ctx *ctx);
/** The usage line and every command with its summary, to `fp`. */
void cmd_print_commands(FILE *fp);
/** Every command and its summary as Markdown, for acct(1) (tools/manpage.c). */
void cmd_print_man_commands(void);
/**
 * Show acct-<command>(1) with man(1), from ctx->mandir when set, if
 * standard output is a terminal and man finds the page (man -w). Returns
 * the exit status (0, or 1 when man failed), or -1 when the page was not
 * shown: print the built-in help then.
 */
int cmd_show_man(const struct cmd_ctx *ctx, const char *command);
int cmd_history(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_import(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_init(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_log(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_merge_card(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_metric(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_nps(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_report(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_sync(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_timeline(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_todo(int argc, const char **argv, struct cmd_ctx *ctx);
int cmd_undo(int argc, const char **argv, struct cmd_ctx *ctx);

/**
 * Open the book if main() has not (it skips that when the command line
 * asks for help). Prints the error; returns 0 or -1 (exit with EXIT_FAIL).
 */
int cmd_open_book(struct cmd_ctx *ctx);

/**
 * The e-mail of git's identity (the part in <>), or NULL: the agenda's
 * "my clients". Free it with free().
 */
char *cmd_my_email(struct cmd_ctx *ctx);

/*
 * A client named on the command line: its slug in `out`, or the error
 * printed and the exit status returned (2 for no such client).
 */
struct acct_buf;
int cmd_resolve_client(struct acct_buf *out, struct cmd_ctx *ctx,
		       const char *arg);

/*
 * Open the book and load the card of the client `arg` names. Returns 0,
 * or the exit status after printing the error.
 */
struct acct_client;
int cmd_load_client(struct acct_client **c, struct cmd_ctx *ctx,
		    const char *arg);

/*
 * The limit on what a command reads (files of the book, -F, standard
 * input): the book's limits.input_bytes, or the default without a book.
 */
size_t cmd_input_limit(const struct cmd_ctx *ctx);

/*
 * The text of an input named on the command line: the file `file` (any
 * kind: a pipe, /dev/stdin), or standard input for "-", at most
 * cmd_input_limit() bytes. Returns 0, or the exit status after printing
 * the error: 2 for a file that cannot be read or too much input, 1 for
 * an error reading standard input.
 */
int cmd_read_input(struct acct_buf *out, const struct cmd_ctx *ctx,
		   const char *file);

/*
 * Run the user's editor on `path` (cmd/editor.c): VISUAL, else EDITOR,
 * else vi on a terminal. Returns 0, EXIT_USAGE when there is no editor to
 * run (no terminal and neither variable set), or EXIT_FAIL when it fails.
 */
int cmd_run_editor(const struct cmd_ctx *ctx, const char *path);

/*
 * An editor session on a copy of `text` in .git/acct/<stem>-<n><ext>:
 * the result in `result`, the copy's path in `path` (empty when none was
 * made). The caller removes the copy, or keeps it as the rescue file
 * when the result cannot be saved. Returns 0 or an exit status, the
 * error printed.
 */
int cmd_edit_copy(struct acct_buf *result, struct acct_buf *path,
		  struct cmd_ctx *ctx, const char *stem, const char *ext,
		  const struct acct_buf *text);
/*
 * The exit status of saving an edited text, from the save's result (0,
 * 1 for no change, or an error): on an error the message is printed and
 * the copy is kept as the rescue file, whose path is printed; otherwise
 * the copy is removed. `path` is emptied either way.
 */
int cmd_edit_done(int rc, const struct acct_error *err, struct acct_buf *path);
/** 1 when `b` holds nothing but white space. */
int cmd_text_blank(const struct acct_buf *b);

/** Verbs of acct client, in cmd/client_edit.c and cmd/contact.c. */
int client_set(int argc, const char **argv, struct cmd_ctx *ctx);
int client_edit(int argc, const char **argv, struct cmd_ctx *ctx);
int client_rename(int argc, const char **argv, struct cmd_ctx *ctx);
int client_archive(int argc, const char **argv, struct cmd_ctx *ctx);
int client_unarchive(int argc, const char **argv, struct cmd_ctx *ctx);
int client_contact(int argc, const char **argv, struct cmd_ctx *ctx);

/*
 * A contact's fields from its name to its birthday, for client show and
 * client contact list (cmd/contact.c).
 */
struct acct_contact;
struct out;
void client_put_contact(struct out *o, const struct acct_contact *k);

/*
 * An action item's fields, for timeline and todo (cmd/timeline.c); with
 * `json` 0 the text is the title, without the @owner and due: that have
 * their own columns.
 */
struct acct_action;
struct out;
void cmd_put_action(struct out *o, const struct acct_action *a, int box,
		    int json);

/* What acct calendar and acct agenda --format ics take (cmd/calendar.c). */
struct calendar_args {
	const char *days, *date, *manager, *output;
	int all;
};

/**
 * The feed of `a`'s days and clients, on standard output or into
 * a->output; `usage` and `options` are the calling command's, for a
 * usage error. Returns the exit status, errors printed.
 */
int cmd_calendar_feed(struct cmd_ctx *ctx, const struct calendar_args *a,
		      const char *const *usage, const struct opt *options);

/** The command table, sorted, ending with a NULL name. */
extern const struct cmd_spec acct_commands[];

/**
 * Print the error ("acct: file:line:col: message" and "hint: ...") on
 * stderr and return its exit status: 2 for a bad value on the command line
 * (ACCT_EUSAGE, ACCT_EAMBIGUOUS), 1 otherwise.
 */
int cmd_fail(const struct acct_error *err);
/** The same, with the exit status given. */
int cmd_fail_with(const struct acct_error *err, int status);
/**
 * Print a bad option value's error with the option named ("acct: --date:
 * 2026-13-01 is not a date ...") and its hint; return EXIT_USAGE.
 */
int cmd_fail_option(const char *option, const struct acct_error *err);
/** Print "acct: <message>" and the usage on stderr; return EXIT_USAGE. */
int cmd_usage_error(const char *const *usage, const struct opt *opts,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/** Run a verb from `verbs` named by argv[1]; usage lists them. */
int cmd_run_verb(int argc, const char **argv, struct cmd_ctx *ctx,
		 const struct cmd_verb *verbs, const char *const *usage);

/*
 * The printer (notmuch's sprinter): a command describes its result once,
 * as maps, lists and scalars; with --json it is one JSON object with
 * "format": 1, otherwise readable text made from the same walk.
 */
struct out;

enum out_list_style {
	OUT_TABLE,	/* a list of maps: aligned rows, one per map */
	OUT_LINES,	/* a list of scalars: one per line */
	OUT_INLINE,	/* a list of scalars: "a, b, c" */
};

/** Start the result; `json` chooses the printer. */
struct out *out_begin(const struct cmd_ctx *ctx, int json);
void out_str(struct out *o, const char *key, const char *value);
void out_int(struct out *o, const char *key, long long value);
void out_bool(struct out *o, const char *key, int value);
/** A number written as decimal digits ("150000", "99.50"). */
void out_number(struct out *o, const char *key, const char *digits);
/**
 * A number written in JSON exactly as `digits` ("148200.60", "-5",
 * "0.0153"), never through a double; NULL is null. Text that is not such
 * a number goes to out_number().
 */
void out_decimal(struct out *o, const char *key, const char *digits);
void out_map_begin(struct out *o, const char *key);
void out_map_end(struct out *o);
void out_list_begin(struct out *o, const char *key, enum out_list_style style);
void out_list_end(struct out *o);
/** Report a bad record of a listing: on stderr now, in "errors" with --json. */
void out_error(struct out *o, const struct acct_error *err);
/**
 * Print the result on stdout and free the printer. Returns 0, or -1 when
 * the JSON could not be written (out of memory): then nothing is printed
 * on stdout, the error on stderr, and the command exits 1.
 */
int out_end(struct out *o);
/** Free the printer without printing (the command failed). */
void out_abort(struct out *o);

#endif
