#ifndef ACCT_GIT_H
#define ACCT_GIT_H

/*
 * libgit2 errors become acct errors here only, right after the failing
 * call, since git_error_last() is not reliably cleared.
 */
struct acct_buf;
struct acct_error;
struct git_repository;

/**
 * Record libgit2's last error as "<what>: <libgit2's message>" and return
 * `code` (ACCT_ERROR unless said otherwise).
 */
int acct_git_error(struct acct_error *err, int code, const char *what);

/**
 * Call git_libgit2_init() once per process, and set what libgit2 keeps
 * in memory (lib/git.c says what and why).
 */
void acct_git_init(void);

/**
 * The branch a change of the book may commit to, refs/heads/<name> of
 * HEAD, into `*out` (free it). Returns 0; ACCT_ESTATE, with what to do,
 * for a detached HEAD or a merge, rebase, cherry-pick, revert, bisect or
 * git am in progress; ACCT_ERROR when HEAD cannot be read.
 */
int acct_git_branch(char **out, struct git_repository *repo,
		    struct acct_error *err);

/**
 * The names of the repository's remotes (`git remote`), a line each in
 * `out`. Returns 0, or ACCT_ERROR when its config cannot be read.
 */
int acct_git_remotes(struct acct_buf *out, struct git_repository *repo,
		     struct acct_error *err);

#endif
