#ifndef ACCT_SYNC_H
#define ACCT_SYNC_H

#include <stddef.h>

#include "acct/buf.h"

struct acct_book;
struct acct_error;

/*
 * Sharing a book through a git server (lib/sync.c): the transport is the
 * system's git (fetch, push), so ~/.ssh/config, ssh-agent and credential
 * helpers work as in the user's git; the merge is acct's own, with cards
 * merged field by field (lib/cardmerge.c) and records that two clones
 * added under the same name both kept.
 */

struct acct_sync_opts {
	const char *remote;	/* NULL: the branch's remote, else "origin" */
	int batch;		/* never prompt: no terminal, or --quiet */
	int progress;		/* let git show progress on stderr */
	int tries;		/* fetch-merge-push rounds; 0: 4 */
	/*
	 * The environment git runs with (NULL-terminated "NAME=value"), as
	 * cmd/ has it: lib/ never reads the process's own.
	 */
	const char *const *env;
};

/* What a conflict is about. */
enum acct_sync_conflict_kind {
	ACCT_SYNC_FIELD,	/* a card field changed both ways */
	ACCT_SYNC_FILE,		/* a file acct does not merge, or a bad card */
	ACCT_SYNC_ANSWER,	/* one NPS answer with two different texts */
	ACCT_SYNC_RECORD,	/* one record edited both ways in one line */
};

/* What both sides changed so that acct cannot merge it. */
struct acct_sync_conflict {
	int kind;		/* enum acct_sync_conflict_kind */
	char *path;		/* the file */
	char *field;		/* NULL: the whole file */
	char *ours, *theirs;	/* the values; for a file: NULL, or what
				 * is wrong in `theirs` */
};

struct acct_sync_result {
	char remote[128];
	char branch[128];
	char upstream[128];	/* the remote's branch it follows */
	int fetched;		/* a fetch ran */
	int merge;		/* 0 up to date, 1 fast-forward, 2 merge commit */
	int pushed;		/* commits went to the remote */
	int rounds;		/* how many fetch-merge-push rounds */
	size_t files;		/* files the merge changed here */
	char **renamed;		/* "old -> new" for records kept twice */
	size_t nrenamed;
	struct acct_sync_conflict *conflicts;
	size_t nconflicts;
};

/**
 * Fetch the remote, merge its branch into the current one, push. Refuses
 * (ACCT_ESTATE) a book with changes not committed, naming them, and a
 * detached HEAD. A real conflict (a card field changed both ways, or a
 * file acct cannot merge) is ACCT_ECONFLICT with the conflicts in
 * `result`: nothing is written, HEAD, index and work tree as they were. A
 * push rejected because someone pushed in between fetches and merges
 * again, up to `tries` rounds. Release `result` with
 * acct_sync_result_release().
 */
int acct_sync(struct acct_book *book, const struct acct_sync_opts *o,
	      struct acct_sync_result *result, struct acct_error *err);

/**
 * Add the remote "origin" at `url`, make it the current branch's
 * upstream, and push the book there. ACCT_EEXISTS when the book has an
 * origin already.
 */
int acct_sync_set_remote(struct acct_book *book, const char *url,
			 const struct acct_sync_opts *o,
			 struct acct_sync_result *result, struct acct_error *err);

void acct_sync_result_release(struct acct_sync_result *r);

/*
 * The transport (lib/sync_git.c): the system's git, run with an argument
 * vector, never a shell.
 */

/**
 * The argument vector acct runs git with: "git", "-C", `root`, then every
 * one of `args` (NULL-terminated, any number), then NULL. Free it with
 * acct_sync_argv_free().
 */
char **acct_sync_git_argv(const char *root, const char *const *args);

void acct_sync_argv_free(char **argv);

struct acct_buf;

/**
 * Run `git -C <root> ARGS...` in `o->env`: stdout into `out`, stderr into
 * `errout` (or the terminal when `o->progress`). In batch mode git runs in
 * a session of its own with no terminal, its prompts off and ssh in batch
 * mode. Returns git's exit status, or -1 when it could not be run.
 */
int acct_sync_run_git(struct acct_book *book, const char *const *args,
		      const struct acct_sync_opts *o, struct acct_buf *out,
		      struct acct_buf *errout);

/**
 * The error for a failed `git WHAT REMOTE`: the last lines git said, and
 * a hint (in batch mode, how to give it credentials that never prompt).
 * Returns ACCT_ERROR.
 */
int acct_sync_git_failed(struct acct_error *err, const char *what,
			 const char *remote, const struct acct_buf *errout,
			 int batch);

/**
 * Register acct's card merge driver ("acct-card") with libgit2, once per
 * process, so that merges in lib/ merge cards field by field.
 */
int acct_merge_driver_register(struct acct_error *err);

#endif
