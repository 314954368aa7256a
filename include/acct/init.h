#ifndef ACCT_INIT_H
#define ACCT_INIT_H

struct acct_error;
struct acct_ident;
struct acct_time;

/**
 * Create a book in `dir`: `git init` when it is not a repository yet, the
 * built-in `.acct/config.yaml` and `.gitattributes`, and a first commit.
 * An existing book is ACCT_EEXISTS, with nothing touched.
 */
int acct_book_init(const char *dir, const struct acct_time *now,
		   const struct acct_ident *ident, struct acct_error *err);

#endif
