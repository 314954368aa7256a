#ifndef ACCT_OPT_H
#define ACCT_OPT_H

#include <stddef.h>
#include <stdio.h>

/*
 * Options are data (git's parse-options.h): one table per command gives
 * parsing, -h help, usage errors and --complete-opts.
 */
enum opt_type {
	OPT_T_END,
	OPT_T_BOOL,		/* int: 1 when given, 0 with --no-<name> */
	OPT_T_STRING,		/* const char *: the last one given wins */
	OPT_T_LIST,		/* struct opt_list: every one given */
	OPT_T_INT,		/* long: a whole number */
	OPT_T_TEXT,		/* no option: help text printed after them */
};

struct opt_list {
	const char **items;
	size_t n, alloc;
};

#define OPT_LIST_INIT { NULL, 0, 0 }

struct opt {
	enum opt_type type;
	int short_name;
	const char *long_name;
	void *value;
	const char *argh;	/* the value's name in help: <file> */
	const char *help;	/* lowercase phrase, no full stop */
};

#define OPT_BOOL(s, l, v, h)      { OPT_T_BOOL, (s), (l), (v), NULL, (h) }
#define OPT_STRING(s, l, v, a, h) { OPT_T_STRING, (s), (l), (v), (a), (h) }
#define OPT_LIST(s, l, v, a, h)   { OPT_T_LIST, (s), (l), (v), (a), (h) }
#define OPT_INT(s, l, v, a, h)    { OPT_T_INT, (s), (l), (v), (a), (h) }
#define OPT_TEXT(h)               { OPT_T_TEXT, 0, NULL, NULL, NULL, (h) }
#define OPT_END()                 { OPT_T_END, 0, NULL, NULL, NULL, NULL }

/* What opt_parse() returns when it is done without operands to act on. */
#define OPT_EXIT_OK (-1)	/* -h or --complete-opts was answered */
#define OPT_EXIT_USAGE (-2)	/* a mistake was reported on stderr */

/**
 * Parse argv[1..argc-1] (argv[0] names the command, as "client add") by
 * `opts`. Options may come before or after operands; "--" ends them.
 * Returns the number of operands, moved to argv[0..n-1], or OPT_EXIT_OK /
 * OPT_EXIT_USAGE; turn those into an exit status with opt_exit().
 */
int opt_parse(int argc, const char **argv, const struct opt *opts,
	      const char *const *usage);

/** The exit status for OPT_EXIT_OK or OPT_EXIT_USAGE. */
int opt_exit(int rc);

/** Print "usage: ..." and the options to `fp` (help or mistake). */
void opt_print_usage(FILE *fp, const char *const *usage, const struct opt *opts);

/** Free a list filled by OPT_LIST. */
void opt_list_release(struct opt_list *l);

#endif
