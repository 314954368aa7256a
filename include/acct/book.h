#ifndef ACCT_BOOK_H
#define ACCT_BOOK_H

#include "acct/config.h"
#include "acct/date.h"

struct acct_buf;
struct acct_error;
struct acct_book_past;
struct git_repository;

/*
 * Who is writing and when, as cmd/ learned it from the environment: lib/
 * never reads the environment itself. Any field may be NULL; the name and
 * e-mail then come from git's configuration (user.name, user.email), the
 * dates from `now`.
 */
struct acct_ident {
	const char *author_name, *author_email, *author_date;
	const char *committer_name, *committer_email, *committer_date;
};

struct acct_book {
	char *root;			/* absolute path of the work tree */
	struct git_repository *repo;
	struct acct_config config;
	struct acct_time now;		/* "now", as cmd/ passed it */
	struct acct_ident ident;	/* borrowed from the caller */
	/*
	 * The commit HEAD was at when acct_book_open() opened the book (hex;
	 * "" when unborn), moved on by each commit acct makes. A change
	 * refuses a file that another process changed since (lib/txn.c): a
	 * command reads before it takes .git/index.lock, and must not write
	 * what it read back over a newer text.
	 */
	char head_seen[48];
	int head_seen_set;
	/*
	 * git's core.fsync is none for this book (acct_fsync_none()): the
	 * files a transaction writes are not synced. Each transaction reads
	 * it when it begins.
	 */
	int nosync;
	/*
	 * A book as it stood at a past commit (acct_book_at()): its records
	 * are read from that commit's tree, not from the work tree, and
	 * nothing may be written. NULL for the book itself.
	 */
	struct acct_book_past *past;
	/*
	 * Nothing is read from or written to acct's caches under .git/acct/
	 * (lib/cachefile.c): cmd/ sets it for ACCT_NO_CACHE=1.
	 */
	int no_cache;
};

/**
 * Find the book that holds `dir` (itself or a parent with `.acct/`), open
 * its repository and read its config. Returns 0; ACCT_ENOTFOUND "not in an
 * acct book (or any parent)"; ACCT_EDATA for a malformed config (with
 * file:line:col); ACCT_ERROR for git errors. Free with acct_book_free().
 */
int acct_book_open(struct acct_book **out, const char *dir,
		   const struct acct_time *now, const struct acct_ident *ident,
		   struct acct_error *err);

void acct_book_free(struct acct_book *book);

/**
 * The book as it stood at the end of the local day `day`: the tree of the
 * last commit on HEAD's first-parent line whose committer date is on or
 * before it (what `git rev-list -1 --first-parent --before=<day 23:59:59>
 * HEAD` names). The records of `*out` (cards, entries, answers, metrics,
 * briefs) are read from that tree, with `book`'s config and repository,
 * which must outlive it; it is for reading only. Returns 0, ACCT_ENOTFOUND
 * when no commit is that old (or HEAD is unborn), or ACCT_ERROR. Free it
 * with acct_book_free().
 */
int acct_book_at(struct acct_book **out, struct acct_book *book,
		 const struct acct_date *day, struct acct_error *err);

/**
 * The commit acct_book_at() reads for `day`, as 40 hex digits into `out`
 * (41 bytes). The walk down the first-parent line stops early at commit
 * `stop` (hex; NULL: none) if it comes to it before the one for `day`:
 * then `out` is `stop` and it returns 1 (the caller knows what `stop`
 * leads to). Returns 0, 1, ACCT_ENOTFOUND (no commit that old, or none
 * at all) or ACCT_ERROR.
 */
int acct_book_past_commit(char *out, struct acct_book *book,
			  const struct acct_date *day, const char *stop,
			  struct acct_error *err);

/**
 * The book as it stood at commit `hex` (40 hex digits), as acct_book_at()
 * opens it. Returns 0 or ACCT_ERROR. Free it with acct_book_free().
 */
int acct_book_at_commit(struct acct_book **out, struct acct_book *book,
			const char *hex, struct acct_error *err);

/**
 * For a book at a past commit (book->past): append the file `rel` to `out`.
 * Returns 0; ACCT_ENOTFOUND when the tree has no such path; ACCT_EDATA
 * for a path that is not a file there (a symbolic link, a folder), or one
 * larger than the config's limits.input_bytes; ACCT_ERROR for git errors.
 */
int acct_book_tree_read(struct acct_buf *out, struct acct_book *book,
			const char *rel, struct acct_error *err);

/**
 * For a book at a past commit: the blob id of the file `rel` into `out`.
 * Returns 0, or ACCT_ENOTFOUND when the tree has no such file.
 */
int acct_book_tree_id(unsigned char *out, struct acct_book *book,
		      const char *rel);

/* An entry of a folder of a tree: its name, mode (0100644, 040000 ...) and id. */
struct acct_tree_entry {
	const char *name;
	unsigned mode;
	unsigned char id[20];
};

/**
 * For a book at a past commit: its folder `dir` is known to hold exactly
 * the `n` entries `v` (the caller proved it by the folder's tree id), so
 * what is in it is looked up there rather than read from the tree, and
 * a file of it is read from the work tree when the text there has the
 * file's blob id. One folder at a time; `dir` NULL forgets it.
 */
void acct_book_past_known(struct acct_book *book, const char *dir,
			  const struct acct_tree_entry *v, size_t n);

/** For a book at a past commit: the day of its commit (committer, local). */
void acct_book_past_day(struct acct_date *out, const struct acct_book *book);

/**
 * For a book at a past commit: the tree id of the folder `rel` into `out`
 * (what a folder holding the same files hashes to). Returns 0, or
 * ACCT_ENOTFOUND when the tree has no such folder.
 */
int acct_book_tree_folder_id(unsigned char *out, struct acct_book *book,
			     const char *rel);

/** Called for each entry `name` of a folder; nonzero stops the listing. */
typedef int (*acct_book_tree_fn)(void *payload, const char *name, int dir);

/**
 * For a book at a past commit: call `fn` for every entry of the folder
 * `rel` of its tree, in the tree's (byte) order, with `dir` 1 for a
 * folder. A path that is not a folder there is nothing to list (0);
 * returns 0, what `fn` returned, or ACCT_ERROR.
 */
int acct_book_tree_list(struct acct_book *book, const char *rel,
			acct_book_tree_fn fn, void *payload,
			struct acct_error *err);

/** Join the book's root and a path inside it into `out` (replaced). */
void acct_book_path(struct acct_buf *out, const struct acct_book *book,
		    const char *rel);

#endif
