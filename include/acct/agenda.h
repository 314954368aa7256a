#ifndef ACCT_AGENDA_H
#define ACCT_AGENDA_H

#include <stddef.h>

#include "acct/date.h"

struct acct_book;
struct acct_error;
struct acct_facts;

/*
 * What is due on a day, computed from the cards, the log, the NPS answers,
 * the briefs, the metrics and the health score; nothing of it is stored.
 * Only active clients that are not archived are due for anything. The
 * kinds in the order they were added (kind_rank in lib/agenda.c orders
 * them by urgency):
 */
enum acct_agenda_kind {
	ACCT_DUE_DETRACTOR,	/* an answer 0-6 with no log entry since */
	ACCT_DUE_ACTION,	/* an action item past its due date */
	ACCT_DUE_CONTACT,	/* write first: no outgoing contact in cadence */
	ACCT_DUE_CALL,		/* no call or meeting in cadence.call */
	ACCT_DUE_REPORT,	/* the weekly or monthly report */
	ACCT_DUE_REVIEW,	/* the quarterly review */
	ACCT_DUE_NPS,		/* no NPS answer in cadence.nps */
	ACCT_DUE_TODAY,		/* an action item due today (or ahead, for
				 * a calendar: see acct_agenda_opts) */
	ACCT_DUE_BRIEF,		/* the brief misses sections */
	ACCT_DUE_OVERLOAD,	/* a manager over max_clients_per_manager */
	ACCT_DUE_BIRTHDAY,	/* a contact's birthday: today, or ahead */
	ACCT_DUE_ANNIVERSARY,	/* N years since the card's since */
	ACCT_DUE_KPI,		/* a KPI missed last month (or quarter) */
	ACCT_DUE_METRICS,	/* no numbers for last month by its report day */
	ACCT_DUE_RISK,		/* the health score low, or fallen */
	ACCT_DUE_KINDS
};

struct acct_agenda_item {
	enum acct_agenda_kind kind;
	char *slug;		/* NULL for an overloaded manager */
	char *name;		/* the client's name, or the manager */
	int has_due;
	struct acct_date due;	/* the day it fell due */
	int overdue;		/* days since then: 0 is today; a birthday or
				 * an anniversary ahead is -N, in N days */
	int has_last;
	struct acct_date last;	/* the last contact, call, report, answer ... */
	char *detail;		/* what exactly, one line (English: data) */
	char *detail_text;	/* the same in the messages' language, for a
				 * person; NULL when the detail is the
				 * book's own text (an action item's) */
	char *ref;		/* an action's id, a report's cadence, ... */
	char *command;		/* the command that resolves it */
	/* Calls to a client with a timezone: their local time now. */
	int has_local;
	char local_time[6];	/* "14:05" */
	int in_hours;		/* 1 inside hours, 0 outside, -1 no hours */
	char *contact;		/* a birthday's contact, or NULL */
	int years;		/* the age turned or the years together; 0:
				 * not known or not an occasion */
	/* A KPI missed: its text, and its actual and target as figures
	 * ("1020.5", "1.2%"); `ref` is the period ("2026-10", "2026-Q4"). */
	char *kpi, *actual, *target;
	/* At risk: the score, and the one a month before (`has_was`) on the
	 * day `was_on`. */
	int score, has_was, was;
	struct acct_date was_on;
	/*
	 * For a calendar (acct_agenda_opts.calendar), on the items of a
	 * cadence (contact, call, report, review, NPS): the client's zone
	 * (NULL: none, or one that cannot be read) and their hours in
	 * minutes of the day (-1: none, or not HH:MM-HH:MM).
	 */
	char *timezone;
	int hours_from, hours_to;
};

/* A client's health score, as the agenda worked it out (acct/health.h). */
struct acct_agenda_score {
	char *slug;
	int has_score;
	int score;
};

struct acct_agenda {
	struct acct_agenda_item *items;	/* ordered by kind, then overdue */
	size_t n, alloc;
	int everyone;		/* the identity matched no card: all shown */
	size_t clients;		/* the clients looked at */
	struct acct_agenda_score *scores;	/* theirs, by slug */
	size_t nscores;
};

#define ACCT_AGENDA_INIT { NULL, 0, 0, 0, 0, NULL, 0 }

struct acct_agenda_opts {
	struct acct_date today;	/* local date */
	/*
	 * Only the clients whose manager `manager` names (any part of the
	 * name or e-mail, see acct_person_matches()); NULL: all. A name
	 * that matches no card's manager is ACCT_EUSAGE, unless `fallback`:
	 * then `manager` is git's identity, matched whole, and when no card
	 * names it everyone's clients are shown.
	 */
	const char *manager;
	int fallback;
	const char *zoneinfo;	/* NULL: /usr/share/zoneinfo */
	/* Birthdays and anniversaries: on `today` and `days` days ahead. */
	int occasions;
	int days;
	/*
	 * A calendar's view (acct calendar): what falls due on a day, up to
	 * `days` days after `today` too. The next contact, call, review and
	 * NPS survey however far it is overdue or ahead, each report
	 * deadline up to today + days (`overdue` is -N for one N days
	 * ahead), and every open action item with a due date however far
	 * ahead (ACCT_DUE_TODAY from today on); cadence items carry the
	 * client's timezone and hours. The findings that fall due on no day
	 * (brief, KPIs, metrics, risk) are left out, and calls get no local
	 * time. 0: what is due by today, as acct agenda shows it.
	 */
	int calendar;
	/* Called for each bad record (a card, entry, answer or brief);
	 * the agenda goes on without it. */
	void (*bad)(void *data, const struct acct_error *err);
	void *data;
	/* The book's facts, from acct_facts_load() with ACCT_FACTS_ACTIVE
	 * (a caller that reads them too); NULL: the agenda loads them. */
	struct acct_facts *facts;
};

/**
 * Fill `out` for the day `o->today` (the clock's time of day comes from
 * book->now, for local times). Records that cannot be read go to
 * o->bad; returns 0, 1 when some were bad, or an error that stops it all
 * (the client list cannot be read; ACCT_EUSAGE when `o->manager` names
 * no card's manager, see acct_manager_check()).
 */
int acct_agenda_build(struct acct_agenda *out, struct acct_book *book,
		      const struct acct_agenda_opts *o, struct acct_error *err);
void acct_agenda_release(struct acct_agenda *a);

/** The kind's stable name: "detractor", "action", "contact" ... */
const char *acct_agenda_kind_name(enum acct_agenda_kind kind);

/** The kind's place in the order of urgency: 0 is the most urgent. */
int acct_agenda_kind_rank(enum acct_agenda_kind kind);

/**
 * The date a cadence that restarts at `last` falls due next. Reports:
 * weekly falls due on `report_day` (0 Monday) of each week, monthly on the
 * last working day of each month; `acct_report_due` gives the deadline on
 * or before `today` and the one before it (a report dated after `prev`
 * covers `due`).
 */
void acct_report_due(struct acct_date *due, struct acct_date *prev,
		     int monthly, int report_day, const struct acct_date *today,
		     const struct acct_date *holidays, size_t nholidays);

/** The last working day of a month. */
void acct_last_workday(struct acct_date *out, int year, int month,
		       const struct acct_date *holidays, size_t nholidays);

#endif
