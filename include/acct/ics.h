#ifndef ACCT_ICS_H
#define ACCT_ICS_H

#include "acct/date.h"

struct acct_agenda;
struct acct_buf;
struct acct_error;

/*
 * The agenda as an iCalendar feed (RFC 5545), for a calendar app that
 * subscribes to a file cron rewrites (acct calendar). Built and written
 * by libical: its lines are folded at 75 octets, never inside a UTF-8
 * sequence, and its text is escaped.
 */

struct acct_ics_opts {
	struct acct_time now;	/* DTSTAMP of every component */
	struct acct_date today;	/* overdue events fall on it */
	const char *name;	/* X-WR-CALNAME, the feed's name; NULL: none */
};

/**
 * Append the feed of `a`, an agenda built with acct_agenda_opts.calendar,
 * to `out`: METHOD:PUBLISH with a PRODID, then
 *
 * - a VEVENT for each call, report, review and NPS survey: on the day it
 *   falls due, or today when it is overdue (the summary says since
 *   when); at the start of the client's hours in the client's zone
 *   (DTSTART;TZID=Asia/Almaty, with that zone's VTIMEZONE in the feed),
 *   at that time wherever the reader is when the card has hours but no
 *   zone, and all day (VALUE=DATE) without hours; 30 minutes for a call
 *   or a report, an hour for a review, 15 minutes for a survey;
 * - a VTODO for each open action item with a due date (DUE;VALUE=DATE,
 *   STATUS:NEEDS-ACTION).
 *
 * Every UID is made of the kind, the client's slug and the day it fell
 * due ("call-acme-20261125@acct"; "action-acme-<id>@acct" for an action
 * item), so that it is the same in every run and every clone of the
 * book, and a calendar updates an event rather than adding it twice.
 * Nothing but `o->now` depends on the clock: two runs at one `now`
 * write the same bytes. Returns 0; ACCT_EDATA when libical cannot read
 * a client's zone from the system's zoneinfo; ACCT_ERROR when libical
 * fails.
 */
int acct_ics_agenda(struct acct_buf *out, const struct acct_agenda *a,
		    const struct acct_ics_opts *o, struct acct_error *err);

#endif
