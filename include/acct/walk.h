#ifndef ACCT_WALK_H
#define ACCT_WALK_H

#include <stddef.h>

struct acct_book;
struct acct_error;

/*
 * A client's records by year (lib/walk.c): clients/<slug>/<folder>/<YYYY>/
 * for the log, NPS answers and metrics, walked the one way, opening only
 * the year folders a range needs; and one client or each in turn.
 */

/**
 * The year a year folder's name says: "2026" is 2026; anything but four
 * ASCII digits is -1. The one rule for which folders are years.
 */
int acct_year_folder(const char *s);

/**
 * The names in folder `dir` (a path as open() takes it) that `keep` keeps
 * (called with each name and `arg`; NULL keeps all but dot files), in
 * readdir's order or, with `sort`, strcmp's. 0, or -1 with errno set by
 * opendir() when the folder cannot be opened. Free with
 * acct_dir_names_free().
 */
int acct_dir_names(char ***out, size_t *n, const char *dir,
		   int (*keep)(const char *name, void *arg), void *arg,
		   int sort);
void acct_dir_names_free(char **v, size_t n);

/**
 * Called for each entry `name` of `dir` ("clients/acme/log/2026", relative
 * to the book) of year `year`; a nonzero return stops the walk and is
 * returned.
 */
typedef int (*acct_walk_fn)(void *payload, const char *dir, const char *name,
			    int year);

/**
 * Call `fn` for every entry of each year folder of clients/<slug>/<folder>
 * whose name is four digits from `from` to `to` (0: no bound). No such
 * folder is nothing to walk; one that cannot be read is ACCT_ERROR naming
 * it (a year folder that cannot be opened is skipped). The order within a
 * folder is readdir's. A book at a past commit (acct_book_at()) is walked
 * in its tree, in the tree's order.
 */
int acct_walk_years(struct acct_book *book, const char *slug,
		    const char *folder, int from, int to, acct_walk_fn fn,
		    void *payload, struct acct_error *err);

/**
 * Called by acct_walk_clients() for a client `slug`; a nonzero return
 * stops the walk and is returned.
 */
typedef int (*acct_walk_client_fn)(void *payload, const char *slug,
				   struct acct_error *err);

/**
 * Call `fn` for client `slug`, or, when `slug` is NULL, for each client
 * of the book in turn (acct_client_slugs()'s order). Returns what `fn`
 * returned, or ACCT_ERROR when the clients cannot be listed.
 */
int acct_walk_clients(struct acct_book *book, const char *slug,
		      acct_walk_client_fn fn, void *payload,
		      struct acct_error *err);

#endif
