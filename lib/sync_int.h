#ifndef ACCT_SYNC_INT_H
#define ACCT_SYNC_INT_H

/* Shared by lib/sync.c and lib/sync_records.c; not part of lib/'s API. */

#include <git2.h>

#include "acct/sync.h"

/** Add a conflict of `kind` to `r` (any of the strings may be NULL). */
void acct_sync_add_conflict(struct acct_sync_result *r, int kind,
			    const char *path, const char *field,
			    const char *ours, const char *theirs);

/**
 * Resolve, in `idx` (the merge of `ours` and `theirs` over `base`), what
 * two sides did to record files (log entries and NPS answers), on the
 * rule that a record already published (in `theirs`) never moves:
 *
 * - two records added under one name: theirs keeps it, ours moves to the
 *   next name free on both sides;
 * - one NPS answer (its identity: client, day, respondent) added on both
 *   sides: kept once when the two are equal, a conflict when not;
 * - one record edited on both sides: merged line by line when the lines
 *   still pair up (two ticks on neighbouring items);
 * - a record replaced on one side by another one of the same name, its
 *   first one moved to a `-N` name (what acct before 2026-12 did): each
 *   record's changes follow it, and the published names stay.
 *
 * What is left is a real conflict, added to `r` (cards the merge driver
 * reported are there already). Returns 0, ACCT_ECONFLICT, or an error.
 */
int acct_sync_resolve(git_repository *repo, git_index *idx, git_tree *base,
		      git_tree *ours, git_tree *theirs,
		      struct acct_sync_result *r, struct acct_error *err);

struct acct_buf;

/* The records a sync resolves, by their paths. */
enum rec { REC_NONE, REC_LOG, REC_NPS };

/** clients/<slug>/log/...md is REC_LOG, clients/<slug>/nps/...yaml REC_NPS. */
enum rec acct_sync_record_kind(const char *path);

/** `s` with every task box's mark taken out: "- [x]" reads as "- [ ]". */
void acct_sync_unticked(struct acct_buf *out, const struct acct_buf *s);

/** The answer's identity (acct_nps_identity), or empty when it does not parse. */
void acct_sync_answer_key(struct acct_buf *key, const char *path,
			  const struct acct_buf *text);

/**
 * `a` and `b` are one record, whatever was edited in it: one NPS answer
 * (its identity), or one entry (the same text but for ticks, or an item
 * id both hold). `path` names it (an answer's slug comes from it).
 */
int acct_sync_same_record(enum rec kind, const char *path,
			  const struct acct_buf *a, const struct acct_buf *b);

/**
 * Both sides changed lines of one record that still pair up one to one
 * (a tick each on neighbouring items, which a diff's hunks join): each
 * line takes the side that changed it, appended to `out`. -1 when one
 * line changed both ways or the lines do not pair.
 */
int acct_sync_merge_lines(struct acct_buf *out, const struct acct_buf *anc,
			  const struct acct_buf *o, const struct acct_buf *t);

#endif
