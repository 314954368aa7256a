#ifndef ACCT_NPS_H
#define ACCT_NPS_H

#include <stddef.h>

#include "acct/buf.h"
#include "acct/csv.h"
#include "acct/date.h"
#include "acct/yaml.h"

struct acct_book;
struct acct_client;
struct acct_config;
struct acct_error;
struct acct_money;

/*
 * NPS and CSAT answers: clients/<slug>/nps/<YYYY>/<YYYY-MM-DD>-<who>.yaml,
 * one file per answer, with date, respondent, role, score (0-10),
 * comment, csat (1-5) and survey. An answer's identity is the client, the
 * date and the respondent; without a respondent, the client, the date, the
 * score and the comment.
 */

struct acct_nps_answer {
	char *slug;
	char *path;		/* relative to the book */
	struct acct_date date;
	const char *respondent, *role, *comment, *survey;	/* or NULL */
	int score;		/* 0-10 */
	int csat;		/* 1-5, or 0 when not given */
	struct acct_buf text;
	struct acct_ydoc doc;
};

/**
 * Parse a whole number from `lo` to `hi` written plainly in ASCII digits:
 * no sign, no space, no leading zero, no decimal point. Returns 0, or -1
 * for anything else ("09", "+9", "9.0", "nine", "", "99999999999").
 */
int acct_nps_value_parse(int *out, const char *s, int lo, int hi);

/**
 * Parse an answer file. Errors are ACCT_EDATA with `path`:line:col: a
 * score that is not a plain whole number 0-10 (11, nine, 9.0, ~, [9],
 * "9"), a csat outside 1-5, a missing or bad date, text fields that are
 * not single-line text. Free with acct_nps_free().
 */
int acct_nps_parse(struct acct_nps_answer **out, const char *slug,
		   const char *path, const char *text, size_t len,
		   struct acct_error *err);
int acct_nps_load(struct acct_nps_answer **out, struct acct_book *book,
		  const char *slug, const char *path, struct acct_error *err);
void acct_nps_free(struct acct_nps_answer *a);

/**
 * The answer's identity, added to `out` as bytes to compare (with NULs in
 * it): the client, the date and the respondent; for an anonymous answer,
 * the client, the date, the score and the comment. Two answers with one
 * identity are one answer.
 */
void acct_nps_identity(struct acct_buf *out, const struct acct_nps_answer *a);

/* Answer files found by name, without reading them. */
struct acct_nps_ref {
	char *slug;
	char *path;
	struct acct_date date;	/* from the file name */
};

struct acct_nps_list {
	struct acct_nps_ref *refs;
	size_t n, alloc;
};
#define ACCT_NPS_LIST_INIT { NULL, 0, 0 }

/**
 * Add the answer files of client `slug` (every client when NULL) whose
 * file-name date lies within [since, until] (NULL: no bound). Only the
 * year folders inside the range are read. Sorted oldest first by date,
 * then path.
 */
int acct_nps_list(struct acct_nps_list *list, struct acct_book *book,
		  const char *slug, const struct acct_date *since,
		  const struct acct_date *until, struct acct_error *err);
void acct_nps_list_release(struct acct_nps_list *list);

/**
 * The date of an answer's file name "YYYY-MM-DD-<words>.yaml": 0, or -1
 * when the name is not of that shape (acct_nps_list() skips such files,
 * and those in another year's folder than the date's).
 */
int acct_nps_name_date(struct acct_date *d, const char *name);

/* One answer to record. NULL means absent. */
struct acct_nps_spec {
	const char *slug;
	struct acct_date date;
	const char *respondent, *role, *comment, *survey;
	int score;		/* 0-10 */
	int csat;		/* 1-5, or 0 */
	size_t line;		/* the CSV line, for messages; 0 for none */
};

enum acct_nps_record_flags {
	ACCT_NPS_SKIP_KNOWN = 1 << 0,	/* an answer already there is skipped */
};

/* What happens to each spec: its new file, or the file that has it. */
struct acct_nps_result {
	char *path;
	int known;		/* 1: the answer is there already */
};

/**
 * Check `n` answers and plan their files, writing nothing. Each is
 * checked (ACCT_EUSAGE naming the value; the spec's line, when not 0,
 * goes into the message as `file`:line). An answer whose identity is in
 * the book already (or earlier among the specs) is ACCT_EEXISTS naming
 * its file, or with ACCT_NPS_SKIP_KNOWN is marked known with that file.
 * New answers get a free name: <date>-<respondent>[-N].yaml. `results`
 * (n of them, zeroed by the caller) receive the paths; free them with
 * acct_nps_results_release().
 */
int acct_nps_plan(struct acct_book *book, const struct acct_nps_spec *specs,
		  size_t n, unsigned flags, const char *file,
		  struct acct_nps_result *results, struct acct_error *err);

/**
 * Write the answers acct_nps_plan() found new, in one commit with
 * `subject` ("nps acme: 9 from Ivan Ivanov"), all or nothing. Returns 0,
 * or 1 when none was new (no commit).
 */
int acct_nps_commit(struct acct_book *book, const struct acct_nps_spec *specs,
		    const struct acct_nps_result *results, size_t n,
		    const char *subject, struct acct_error *err);
void acct_nps_results_release(struct acct_nps_result *results, size_t n);

/* A CSV export read into answers to record (lib/nps_import.c). */
struct acct_nps_import {
	struct acct_csv csv;		/* the specs' text points into it */
	struct acct_nps_spec *specs;
	struct acct_nps_result *results;	/* n of them, for acct_nps_plan() */
	char **slugs;
	size_t n;
	struct acct_client **cards;	/* the book's, to match names */
	char **card_slugs;
	size_t ncards;
};
#define ACCT_NPS_IMPORT_INIT { ACCT_CSV_INIT, NULL, NULL, NULL, 0, NULL, NULL, 0 }

/**
 * Read `len` bytes of CSV named `name` into `im`: a header naming client,
 * date, respondent and score (and role, comment, csat, survey), in
 * English or Russian, any case; then one answer per row, its client a
 * slug, a unique prefix or a card's name, its date YYYY-MM-DD (a time
 * after it is fine) or DD.MM.YYYY. The first bad row is ACCT_EUSAGE
 * with `name`:line; a file that is not CSV, ACCT_EDATA from the CSV
 * reader. Release `im` with acct_nps_import_release(), also on error.
 */
int acct_nps_import_read(struct acct_nps_import *im, struct acct_book *book,
			 const char *name, const char *text, size_t len,
			 struct acct_error *err);
void acct_nps_import_release(struct acct_nps_import *im);

/* Counts over a set of answers. */
struct acct_nps_stats {
	long responses, promoters, passives, detractors;
	long csat_n, csat_sum;
};

/** Count one answer: promoters 9-10, passives 7-8, detractors 0-6. */
void acct_nps_stats_add(struct acct_nps_stats *s, int score, int csat);

/**
 * NPS = (promoters - detractors) * 100 / responses, rounded half away
 * from zero, -100 to 100. Returns 1 with `*nps` set, or 0 when there are
 * no responses ("no data": never 0).
 */
int acct_nps_score(const struct acct_nps_stats *s, int *nps);

/**
 * The CSAT average to two decimals, rounded half up ("4.33"), in `out`
 * (at least 8 bytes). Returns 1, or 0 with "" when no answer had a csat.
 */
int acct_nps_csat(const struct acct_nps_stats *s, char *out, size_t size);

/*
 * The floating fee: the card's fee.floating percent of fee.amount is paid
 * in the share of the payout band the NPS falls in (the config's
 * nps_payout: the band with the highest min not above the NPS).
 */
struct acct_payout {
	int floating;		/* percent of the fee that floats */
	int band_min;		/* the band that applies */
	int pay;		/* its share, percent */
	char fixed[32];		/* amount - floating part */
	char floating_amount[32];	/* amount * floating% */
	char payout[32];	/* floating part * pay% */
	char total[32];		/* fixed + payout */
};

/**
 * Work out the payout of `fee` for an NPS of `nps`. Amounts are exact in
 * cents and rounded half up to the cent at the end only; they are written
 * without decimals when whole ("18900"), else with two ("18900.50").
 * Returns 1, or 0 when the fee has no amount or no floating part, or the
 * NPS falls in no band (then the payout is 0).
 */
int acct_nps_payout(struct acct_payout *out, const struct acct_money *fee,
		    int nps, const struct acct_config *cfg);

/*
 * NPS figures for a period, per client and pooled: what `acct nps` shows
 * and the reports use.
 */
struct acct_client;
struct acct_period;

struct acct_nps_quarter {
	char label[16];		/* "2026-Q4" */
	struct acct_nps_stats stats;
};

struct acct_nps_client {
	struct acct_client *card;
	struct acct_nps_stats stats;		/* within the period */
	struct acct_nps_quarter *trend;		/* the quarters, oldest first */
	size_t ntrend;
	struct acct_nps_answer **answers;	/* the trend's window, oldest first */
	size_t nanswers;
	/* Respondents whose latest answer in the period is 0-6: that answer,
	 * and the comment (theirs, the latest one given as a detractor). */
	struct acct_nps_detractor {
		const struct acct_nps_answer *answer;
		const char *comment;
	} *detractors;
	size_t ndetractors;
	int has_payout;
	struct acct_payout payout;	/* when the fee floats and NPS is known */
};

struct acct_nps_summary {
	struct acct_nps_client *clients;
	size_t n;
	struct acct_nps_stats stats;		/* every client's answers pooled */
	struct acct_nps_quarter *trend;
	size_t ntrend;
};

/**
 * The quarters of the trend of `period` as acct_nps_summary() has them,
 * numbered year * 4 + quarter - 1: the first (for "all", that of the
 * period's start: the summary narrows "all" to its answers) and the last.
 */
void acct_nps_trend_bounds(int *first, int *last,
			   const struct acct_period *period);

/** The quarter of day `d`, numbered as acct_nps_trend_bounds() does. */
int acct_nps_quarter_of(const struct acct_date *d);

/**
 * The quarters `first` to `last` labelled ("2026-Q4"), with no answers
 * counted (none when last < first). Free with free().
 */
struct acct_nps_quarter *acct_nps_trend_new(int first, int last);

/**
 * Work out the figures of `period` for client `slug`, or for every client
 * not archived when NULL. The trend covers the quarters of the period,
 * at least four (ending with the period's last quarter); for "all", the
 * quarters from the first answer to the last. Bad answer files go to
 * `bad` (and are not counted); bad cards too. Returns 0, 1 when something
 * was bad, or an error. Free with acct_nps_summary_release().
 */
int acct_nps_summary(struct acct_nps_summary *out, struct acct_book *book,
		     const char *slug, const struct acct_period *period,
		     void (*bad)(void *data, const struct acct_error *err),
		     void *data, struct acct_error *err);
void acct_nps_summary_release(struct acct_nps_summary *s);

/**
 * The first day acct_nps_summary() lists answers from for `period` (by
 * their file names: the trend's first quarter); of those, the figures of
 * the period count the answers whose date lies in it.
 */
void acct_nps_summary_since(struct acct_date *out,
			    const struct acct_period *period);

#endif
