#ifndef ACCT_HEALTH_H
#define ACCT_HEALTH_H

#include <stddef.h>

#include "acct/config.h"
#include "acct/date.h"

struct acct_book;
struct acct_brief;
struct acct_client;
struct acct_entry;
struct acct_client_facts;
struct acct_error;
struct acct_fact_brief;
struct acct_facts;
struct acct_fact_entry;
struct acct_kpi_list;
struct acct_metric_totals;

/*
 * A client's health (lib/health.c): a score from 0 to 100 made of
 * factors anyone can check, each with its value, its weight (the
 * config's health.weights) and its points (0-100):
 *
 *	recency    the last contact (a log entry other than a note) against
 *	           cadence.contact: 100 until it falls due, then down in a
 *	           straight line to 0 one more cadence later
 *	cadence    the share of the cadence.contact windows of the last 90
 *	           days (from the later of 89 days ago, the card's since and
 *	           the first contact) that had a contact; a window still
 *	           running counts only once it has one
 *	nps        NPS of the answers of the last 180 days: (NPS + 100) / 2
 *	nps_trend  that NPS against the NPS of the 180 days before: 100 when
 *	           it held or rose, 2 points fewer per point it fell
 *	actions    100 less 25 per open action item past its due date
 *	kpi        the share of the measurable KPIs measured for last month
 *	           that were met
 *	brief      the share of the brief's known sections written
 *
 * A factor the client has no data for (no contact in the log, no NPS
 * answer in the window, no action item with a due date, no KPI measured,
 * no brief) is left out and says why; it is never scored 0. The score is
 * the weighted mean of the points of the factors present, weights
 * renormalised over them: round(sum(weight x points) / sum(weight)),
 * half up. A client with no factor of weight above 0 has no score.
 */

/* An NPS answer, as the formula reads it. */
struct acct_health_answer {
	struct acct_date date;
	int score;		/* 0-10 */
};

/*
 * What the formula reads of one client on one day: gathered from the book
 * by acct_health_client(), or made by hand (the unit tests). Arrays are
 * borrowed.
 */
struct acct_health_facts {
	struct acct_date today;
	struct acct_duration cadence;		/* cadence.contact */
	const struct acct_date *holidays;	/* the config's */
	size_t nholidays;
	int has_since;
	struct acct_date since;			/* the card's since */
	/* The days of the contacts up to today, in any order. */
	const struct acct_date *contacts;
	size_t ncontacts;
	/* The NPS answers (those of the last 360 days count). */
	const struct acct_health_answer *answers;
	size_t nanswers;
	/* Action items with a due date: all, the open ones, those overdue. */
	size_t actions, open, overdue;
	/* The measurable KPIs, and those met and missed in kpi_period. */
	char kpi_period[24];			/* last month: "2026-10" */
	size_t kpis, kpi_met, kpi_missed;
	int kpi_bad;				/* its numbers could not be read */
	/* The brief: whether there is one, and its known sections. */
	int has_brief, brief_bad;
	size_t sections;			/* known sections in all */
	const char *const *missing;		/* keys of those missing */
	size_t nmissing;
	const char *const *empty;		/* keys of those left empty */
	size_t nempty;
};

struct acct_health_factor {
	int has;		/* data for it: value and points hold */
	int value;		/* days, percent, NPS points, items: see
				 * acct_health_factor_unit() */
	int points;		/* 0-100 */
	int weight;		/* the config's */
	char note[256];		/* what the value is, or why it is left out:
				 * English, as --json gives it */
	char note_text[512];	/* the same in the messages' language */
	int quiet;		/* acct_health_points(): no note written */
};

struct acct_health {
	char *slug;
	char *name;		/* the client's name */
	int has_score;
	int score;		/* 0-100 */
	struct acct_health_factor factors[ACCT_HEALTH_NFACTORS];
};

#define ACCT_HEALTH_INIT { NULL, NULL, 0, 0, { { 0, 0, 0, 0, "" } } }

/**
 * Score `f` with the config's weights: fills out->factors, has_score and
 * score (not the slug and name).
 */
void acct_health_score(struct acct_health *out,
		       const struct acct_health_facts *f,
		       const struct acct_health_config *cfg);

/**
 * acct_health_score() without the notes (left empty), for a reader of
 * the score and the points only: the agenda scores every client, and the
 * notes (two formats each of six factors) were most of that.
 */
void acct_health_points(struct acct_health *out,
			const struct acct_health_facts *f,
			const struct acct_health_config *cfg);

/*
 * The facts of one client, gathered record by record: acct_health_client()
 * reads the records from the book, and the agenda, which reads the same
 * ones for its own items, feeds them to it as it goes.
 */
struct acct_health_gather {
	struct acct_health_facts facts;	/* its arrays point into these */
	struct acct_date *contacts;
	size_t acontacts;
	struct acct_health_answer *answers;
	size_t aanswers;
	const char **missing, **empty;
};

/** Start the facts of `card` on `today`, with the config's cadence. */
void acct_health_gather_init(struct acct_health_gather *g,
			     const struct acct_config *cfg,
			     const struct acct_client *card,
			     const struct acct_date *today);
/** A log entry, dated `day` (its file name's): a contact unless it is a
 * note, and its action items with a due date. Ones after today are not. */
void acct_health_gather_entry(struct acct_health_gather *g,
			      const struct acct_entry *e,
			      const struct acct_date *day);
/** The same for the facts of an entry (acct/facts.h), dated by its key. */
void acct_health_gather_fact(struct acct_health_gather *g,
			     const struct acct_fact_entry *e);
/** An NPS answer; those outside the last 360 days are not kept. */
void acct_health_gather_answer(struct acct_health_gather *g,
			       const struct acct_date *date, int score);
/** The brief `b`, or NULL for none (`bad`: one that could not be read). */
void acct_health_gather_brief(struct acct_health_gather *g,
			      const struct acct_brief *b, int bad);
/** The same for the facts of a brief (acct/facts.h). */
void acct_health_gather_fact_brief(struct acct_health_gather *g,
				   const struct acct_fact_brief *b);
/**
 * The KPIs of card and brief, and last month's numbers `last` (may be
 * NULL when no KPI is measurable; `bad`: they could not be read).
 */
void acct_health_gather_kpis(struct acct_health_gather *g,
			     const struct acct_kpi_list *list,
			     const struct acct_metric_totals *last, int bad);
void acct_health_gather_release(struct acct_health_gather *g);

/**
 * The health of client `card` on `today`, from the book (a book at a past
 * commit too: acct_book_at()). Records that cannot be read go to `bad`
 * (may be NULL) and are left out. Returns 0 or an error that stops it (a
 * git error). Release `out` with acct_health_release().
 */
int acct_health_client(struct acct_health *out, struct acct_book *book,
		       const struct acct_client *card,
		       const struct acct_date *today,
		       void (*bad)(void *data, const struct acct_error *err),
		       void *data, struct acct_error *err);
void acct_health_release(struct acct_health *h);

/** What a factor's value counts: "days", "%", "NPS", "points", "items". */
const char *acct_health_factor_unit(enum acct_health_kind k);

struct acct_health_list {
	struct acct_health *items;	/* worst first: lowest score, then
					 * by slug; no score last */
	size_t n;
};

#define ACCT_HEALTH_LIST_INIT { NULL, 0 }

struct acct_health_opts {
	struct acct_date today;
	const char *slug;	/* this client whatever its status; NULL:
				 * every active client not archived */
	void (*bad)(void *data, const struct acct_error *err);
	void *data;
};

/**
 * The health of the clients `o` names, sorted worst first. Returns 0, 1
 * when some record was bad (told to o->bad), or an error: the client
 * list cannot be read, or the one client's card does not load.
 */
int acct_health_build(struct acct_health_list *out, struct acct_book *book,
		      const struct acct_health_opts *o,
		      struct acct_error *err);
void acct_health_list_release(struct acct_health_list *l);

/* Why the agenda says a client is at risk. */
enum acct_health_risk_flags {
	ACCT_HEALTH_LOW = 1 << 0,	/* the score is below health.at_risk */
	ACCT_HEALTH_FELL = 1 << 1,	/* it fell by more than health.drop
					 * since a month before */
};

/**
 * Whether `score` is at risk under `cfg`, given the score a month before
 * (`was`, when `has_was`): the acct_health_risk_flags that hold, 0 when
 * none does.
 */
unsigned acct_health_risk(const struct acct_health_config *cfg, int score,
			  int has_was, int was);

/**
 * The day a calendar month before `today`, on the last day of that month
 * when it is shorter (31 March: 28 or 29 February): "last month" for a
 * score's drop.
 */
void acct_health_month_before(struct acct_date *out,
			      const struct acct_date *today);

/**
 * The health of the client of `cf` (the facts of `book`, acct/facts.h)
 * on `today`, as acct_health_client() works it out from the files.
 * Returns 0, or -1 when there is none to work out: its card or a folder
 * of its records could not be read. Release `out` with
 * acct_health_release().
 */
int acct_health_of_facts(struct acct_health *out, struct acct_book *book,
			 const struct acct_client_facts *cf,
			 const struct acct_date *today);

/**
 * The score client `slug` had on `day`, worked out from `past`, the book
 * as it stood then (acct_book_at()), with today's weights. A record of
 * then whose blob `now` (the client's facts now; may be NULL) has the
 * facts of is not read again. Returns 1 with `*score` set, or 0 when
 * there is none: no card then, or no factor.
 */
int acct_health_past(int *score, struct acct_book *past, const char *slug,
		     const struct acct_date *day,
		     const struct acct_client_facts *now);

#endif
