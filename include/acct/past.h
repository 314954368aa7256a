#ifndef ACCT_PAST_H
#define ACCT_PAST_H

#include "acct/date.h"

struct acct_book;
struct acct_client_facts;
struct acct_error;
struct acct_facts;

/*
 * The health scores of a past day (lib/past.c): each client's score as the
 * book stood at the end of that day (acct_book_at(), acct_health_past()),
 * for the agenda's "at risk" when a score fell. Working one out reads the
 * client's records from that commit's tree, so what was worked out is
 * kept in .git/acct/past, keyed by the commit, the day and the config:
 * the history does not change, so neither do they. Which commit a day
 * reads is kept too, keyed by HEAD; after new commits only those are
 * walked. Nothing is kept with book->no_cache.
 */
struct acct_past;

/**
 * The scores of `day`; the records of then that `now` (the facts of the
 * book now, may be NULL) has the facts of are not read again. Returns 0; ACCT_ENOTFOUND when the book has no
 * commit that old; ACCT_ERROR for git errors. Close it with
 * acct_past_close().
 */
int acct_past_open(struct acct_past **out, struct acct_book *book,
		   const struct acct_date *day, struct acct_facts *now,
		   struct acct_error *err);

/**
 * Find and keep now which commit `day` reads (after a `git pull`, a walk
 * of the new commits), so that a command about to load much else (the
 * agenda, its facts) does not hold both at once. Errors are told by
 * acct_past_open() later; nothing with book->no_cache.
 */
void acct_past_prepare(struct acct_book *book, const struct acct_date *day);

/**
 * The score client `slug` had then: 1 with `*score` set, 0 when there is
 * none (no card then, no factor). `now` (may be NULL) are the client's
 * facts now, of the facts acct_past_open() was given: the records of
 * then that it has are not read again.
 */
int acct_past_score(int *score, struct acct_past *p, const char *slug,
		    const struct acct_client_facts *now);

/** Whether the score of client `slug` then is known already. */
int acct_past_known(struct acct_past *p, const char *slug);

/**
 * Work out the scores of the `n` clients `slugs` then (with their facts
 * now, `now[i]`, as acct_past_score() takes them) in two threads, each
 * with a repository of its own, so that acct_past_score() finds them:
 * the same scores, in about half the time when many are not kept (no
 * cache, or the first run of a new day). They go a few clients at a
 * time, the repositories opened again for each batch, so that what
 * reading the history maps and caches of the pack (up to 34 MB on the
 * bench book) never adds up. A few are left to acct_past_score().
 */
void acct_past_prefetch(struct acct_past *p, const char *const *slugs,
			const struct acct_client_facts *const *now, size_t n);

/** Keep what was worked out (never an error) and free `p`. */
void acct_past_close(struct acct_past *p);

#endif
