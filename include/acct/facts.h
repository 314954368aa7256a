#ifndef ACCT_FACTS_H
#define ACCT_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "acct/date.h"

struct acct_book;
struct acct_buf;
struct acct_client;
struct acct_error;
struct acct_kpi_list;

/*
 * The facts of a book (lib/facts.c): what the agenda, the health scores
 * and the portfolio read of each client's records, record by record,
 * whatever the day. They are read from the files, or from the cache of
 * them under .git/acct/ (lib/facts_cache.c) for the records that have not
 * changed since it was written; either way the same facts, so a command
 * answers the same with the cache and without it (ACCT_NO_CACHE=1).
 *
 * A record that does not load has no facts: it is marked bad, and a
 * reader that meets it loads it again for its error, so that the error
 * is told each time as the command always told it.
 */

/* An open action item of a log entry. */
struct acct_fact_action {
	struct acct_date due;	/* all zero for an item without a due date */
	char id[8];		/* the first ACCT_ACTION_ID_LEN digits */
	const char *text;	/* as acct_action.text */
};

/* A log entry: clients/<slug>/log/<YYYY>/<name>. */
struct acct_fact_entry {
	/*
	 * Relative to the book, for a bad entry (its reader loads it for
	 * the error); NULL for a good one.
	 */
	const char *path;
	const char *kind, *channel, *direction;	/* direction may be NULL */
	const struct acct_fact_action *open;	/* the items not done */
	/*
	 * The open items without a due date (for `todo --ids`): nothing the
	 * agenda or the health scores count.
	 */
	const struct acct_fact_action *undated;
	struct acct_date day;	/* the date of keyday (1970-01-01 when not
				 * a date) */
	struct acct_date when;	/* the date of its front matter, in its own
				 * offset (acct_time_date()) */
	uint32_t keyday;	/* the name's "YYYY-MM-DD" as YYYYMMDD, which
				 * acct_facts_keyday() of a day compares with */
	uint32_t ndue;		/* action items with a due date, done or not */
	uint32_t nopen, nundated;
	unsigned char id[20];	/* the blob id of the text the facts are of;
				 * all zero when not known */
	int bad;		/* did not load: nothing but path, keyday and
				 * day holds */
};	/* 112 bytes: a hundred thousand of them are loaded at once */

/* An NPS answer: clients/<slug>/nps/<YYYY>/<name>. */
struct acct_fact_answer {
	const char *path;
	struct acct_date named;	/* the date of its file name */
	unsigned char id[20];	/* as acct_fact_entry.id */
	int bad;
	struct acct_date date;	/* its date: field */
	int score;
	int csat;		/* 1-5, or 0 when not given */
	/* NULL when absent */
	const char *respondent, *role, *survey, *comment;
};

/* The brief: whether there is one, and what acct_brief_find() says. */
struct acct_fact_brief {
	int state;		/* ACCT_FACT_NONE, _OK or _BAD */
	int found;		/* acct_brief_find() returned 1 */
	const char **missing, **empty;	/* keys of acct_brief_keys */
	size_t nmissing, nempty;
	const char **kpis;	/* the lines of its KPI section */
	size_t nkpis;
};

enum acct_fact_state {
	ACCT_FACT_NONE,		/* there is no such file */
	ACCT_FACT_OK,
	ACCT_FACT_BAD,		/* it does not load: load it for the error */
};

/* A client's facts. Everything is borrowed from the acct_facts. */
struct acct_client_facts {
	const char *slug;
	/*
	 * The card as acct_client_load() gives it (for the fields the
	 * readers use), or NULL when it does not load (card_bad: load it
	 * for the error).
	 */
	const struct acct_client *card;
	int card_bad;
	/* Where the card's timezone and hours values stand (line, column;
	 * 0 when absent), for messages about them. */
	size_t tz_at[2], hours_at[2];
	/* The log, newest first as acct_entry_list() sorts it. */
	const struct acct_fact_entry *entries;
	size_t nentries;
	int log_bad;		/* the log could not be listed */
	/* The NPS answers, oldest first as acct_nps_list() sorts them. */
	const struct acct_fact_answer *answers;
	size_t nanswers;
	int nps_bad;
	struct acct_fact_brief brief;
};

struct acct_facts;

/** A day as acct_fact_entry.keyday has it: YYYYMMDD. */
uint32_t acct_facts_keyday(const struct acct_date *d);

enum acct_facts_flags {
	/*
	 * Only the clients whose card loads as active and not archived:
	 * of the others, the cards (the agenda counts their managers) and
	 * the NPS answers of those not archived (the portfolio's NPS
	 * counts them).
	 */
	ACCT_FACTS_ACTIVE = 1 << 0,
};

/**
 * The facts of every client of the book, from the cache where it holds
 * them and is current, else from the files (and the cache is brought up
 * to date, when it may be written: never an error). Returns 0, or an
 * error that stops it all (the clients/ folder cannot be read). Free
 * with acct_facts_free().
 */
int acct_facts_load(struct acct_facts **out, struct acct_book *book,
		    unsigned flags, struct acct_error *err);

void acct_facts_free(struct acct_facts *f);

/** The clients, sorted by slug as acct_client_slugs() sorts them. */
size_t acct_facts_count(const struct acct_facts *f);
const struct acct_client_facts *acct_facts_at(const struct acct_facts *f,
					      size_t i);

/**
 * The facts of client `slug` read from the files (a book at a past
 * commit: from its tree), with no cache. Free with
 * acct_client_facts_free().
 */
int acct_client_facts_read(struct acct_client_facts **out,
			   struct acct_book *book, const char *slug,
			   struct acct_error *err);
void acct_client_facts_free(struct acct_client_facts *cf);

/**
 * The facts of client `slug` in `past`, a book at a past commit
 * (acct_book_at()): a record whose blob `now` (the client's facts now;
 * may be NULL) has the facts of (the same path, the same blob id) is not
 * read again. Free with acct_client_facts_free().
 */
int acct_client_facts_read_past(struct acct_client_facts **out,
				struct acct_book *past, const char *slug,
				const struct acct_client_facts *now,
				struct acct_error *err);

/**
 * Make sure the facts `cf` (of `f`) know their records' paths and blob
 * ids (the cache keeps them apart, read only when asked), for
 * acct_client_facts_read_past().
 */
void acct_facts_client_ids(struct acct_facts *f,
			   const struct acct_client_facts *cf,
			   struct acct_book *book);

/**
 * The KPIs of the client's card and brief, as acct_kpi_list_load() adds
 * them. A brief that does not load is its error (loaded again for it),
 * the card's KPIs being in the list all the same.
 */
int acct_facts_kpi_list(struct acct_kpi_list *list, struct acct_book *book,
			const struct acct_client_facts *cf,
			struct acct_error *err);

#endif
