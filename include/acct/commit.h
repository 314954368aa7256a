#ifndef ACCT_COMMIT_H
#define ACCT_COMMIT_H

#include <stddef.h>

struct acct_book;
struct acct_buf;
struct acct_error;
struct git_commit;
struct git_oid;
struct git_repository;
struct git_tree;

/* The trailer that marks a commit as acct's, with its command. */
#define ACCT_TRAILER "Acct-Command"

/* One change of a tree, for acct_tree_build(). */
struct acct_tree_op {
	const char *path;		/* relative to the root, '/'-separated */
	const struct git_oid *id;	/* the blob or tree; NULL removes it */
	int mode;			/* git_filemode_t of `id` */
};

/* A folder that acct_tree_build() wrote: its path and its tree. */
struct acct_tree_folder {
	char *path;			/* "" for the root, no slash at the end */
	unsigned char id[20];		/* the tree's raw SHA-1 */
};

/* The folders written, in no particular order. */
struct acct_tree_folders {
	struct acct_tree_folder *v;
	size_t n;
};

#define ACCT_TREE_FOLDERS_INIT { NULL, 0 }

void acct_tree_folders_release(struct acct_tree_folders *f);

/**
 * Write the tree `base` (NULL: the empty tree) with `ops` applied in
 * order: a folder left empty goes, as git would have it. Free `*out` with
 * git_tree_free(). Each folder written (not one left empty) is added to
 * `folders` when not NULL: what the index's cache tree can keep valid.
 * Returns 0 or ACCT_ERROR.
 */
int acct_tree_build(struct git_tree **out, struct git_repository *repo,
		    const struct git_tree *base, const struct acct_tree_op *ops,
		    size_t n, struct acct_tree_folders *folders,
		    struct acct_error *err);

/**
 * Write a commit of `tree` with `parents` and the whole `message`, by the
 * identity acct_ident_check() accepts. Nothing but the object is written.
 * Returns 0, ACCT_ESTATE (no identity), ACCT_EUSAGE (a bad GIT_*_DATE) or
 * ACCT_ERROR.
 */
int acct_commit_create(struct git_oid *out, struct acct_book *book,
		       const char *message, const struct git_tree *tree,
		       const struct git_commit **parents, size_t nparents,
		       struct acct_error *err);

/**
 * Move `branch` (refs/heads/<name>) to `id` if it still points at `old`
 * (NULL: when it does not exist yet), with `log` in the reflog: a
 * compare-and-swap. Returns 0 or ACCT_ERROR, with a message that says
 * whether another process moved the branch or what else failed.
 */
int acct_branch_update(struct git_repository *repo, const char *branch,
		       const struct git_oid *id, const struct git_oid *old,
		       const char *log, struct acct_error *err);

/**
 * Append the message of a commit with `subject` (its first line only) and
 * the trailer "Acct-Command: <command>" (the subject's words before ':'
 * without the slug), so that acct recognises its own commits (undo).
 */
void acct_commit_message(struct acct_buf *out, const char *subject);

/**
 * Append to `out` a commit subject "<command> <slug>: <summary>", the
 * summary cut on a character boundary so the subject stays short (about
 * 72 columns), line breaks and control characters replaced by spaces.
 */
void acct_commit_subject(struct acct_buf *out, const char *command,
			 const char *slug, const char *summary);

/**
 * Check that a commit could be signed: git's identity (or the
 * environment's, in book->ident) is known and the dates parse. Works with
 * book->repo NULL (then git's global configuration is read).
 */
int acct_ident_check(struct acct_book *book, struct acct_error *err);

/**
 * Append "Name <email>" of whoever is writing (the author identity) to
 * `out`. Returns 0 or ACCT_ESTATE when git's identity is not set.
 */
int acct_ident_who(struct acct_buf *out, struct acct_book *book,
		   struct acct_error *err);

#endif
