#ifndef ACCT_BOOK_H
#define ACCT_BOOK_H

#include "acct/config.h"
#include "acct/date.h"

struct acct_buf;
struct acct_error;
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

/** Join the book's root and a path inside it into `out` (replaced). */
void acct_book_path(struct acct_buf *out, const struct acct_book *book,
		    const char *rel);

#endif
