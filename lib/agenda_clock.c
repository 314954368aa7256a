/*
 * The client's clock, for the agenda: the card's timezone and hours,
 * the client's local time now, for calls, and the zone and hours a
 * calendar's events fall in (acct calendar). Private to lib/
 * (lib/agenda_int.h).
 */
#include "acct/agenda.h"
#include "agenda_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/tz.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/* "09:00-18:00" to minutes of the day; -1 when it is not that. */
static int parse_hours(int *from, int *to, const char *s)
{
	int h1, m1, h2, m2;
	char end;

	if (strlen(s) != 11 || sscanf(s, "%2d:%2d-%2d:%2d%c", &h1, &m1, &h2,
				      &m2, &end) != 4 ||
	    s[2] != ':' || s[5] != '-' || s[8] != ':' ||
	    h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59 || h1 < 0 || h2 < 0 ||
	    m1 < 0 || m2 < 0 || (h1 == 24 && m1) || (h2 == 24 && m2))
		return -1;
	*from = h1 * 60 + m1;
	*to = h2 * 60 + m2;
	return 0;
}

/*
 * A zone's offset now, or why there is none, as acct_tz_offset() says:
 * each zone read and decoded once an agenda, not once a client (the 100k
 * book's 800 clients share 8 zones).
 */
struct agenda_zone {
	char *name;
	int rc, off;
	struct acct_error err;
};

static int zone_offset(struct build *b, const char *name, int *off,
		       struct acct_error *err)
{
	struct agenda_zone *z;
	size_t i;

	for (i = 0; i < b->nzones; i++)
		if (!strcmp(b->zones[i].name, name))
			break;
	if (i == b->nzones) {
		b->zones = acct_realloc(b->zones, (i + 1) * sizeof(*b->zones));
		z = &b->zones[b->nzones++];
		z->name = acct_strdup(name);
		z->off = 0;
		z->err = (struct acct_error)ACCT_ERROR_INIT;
		z->rc = acct_tz_offset(&z->off, NULL, b->o->zoneinfo, name,
				       b->book->now.sec, &z->err);
	}
	z = &b->zones[i];
	if (z->rc < 0)
		*err = z->err;
	else
		*off = z->off;
	return z->rc;
}

void agenda_zones_release(struct build *b)
{
	size_t i;

	for (i = 0; i < b->nzones; i++)
		free(b->zones[i].name);
	free(b->zones);
	b->zones = NULL;
	b->nzones = 0;
}

/*
 * The card's value at `at` (line, column: where the facts say it stands;
 * a card of the facts keeps no YAML tree) is wrong: `msg` says how.
 */
static void card_error(struct build *b, const struct acct_client *c,
		       const size_t *at, const char *msg)
{
	struct acct_error err = ACCT_ERROR_INIT;

	acct_error_at(&err, ACCT_EDATA, c->path, at[0], at[1], "%s", msg);
	agenda_report_bad(b, &err);
}

/* The card's timezone cannot be read: `err` says why. */
static void bad_timezone(struct build *b, const struct acct_client *c,
			 const struct acct_client_facts *cf,
			 const struct acct_error *err)
{
	char *msg = err->file[0] ? agenda_fmt("%s: %s", err->file, err->msg)
				 : acct_strdup(err->msg);

	card_error(b, c, cf->tz_at, msg);
	free(msg);
}

static void bad_hours(struct build *b, const struct acct_client *c,
		      const struct acct_client_facts *cf)
{
	char *msg = agenda_fmt(_("hours must be HH:MM-HH:MM, such as "
				 "09:00-18:00, not '%s'"), c->hours);

	card_error(b, c, cf->hours_at, msg);
	free(msg);
}

/* The client's local time now, and whether it is within their hours. */
void agenda_local_time(struct build *b, const struct acct_client *c,
		       const struct acct_client_facts *cf,
		       struct acct_agenda_item *it)
{
	struct acct_error err = ACCT_ERROR_INIT;
	int off, from, to, now;
	int64_t sec;

	if (!c->timezone)
		return;
	if (zone_offset(b, c->timezone, &off, &err) < 0) {
		bad_timezone(b, c, cf, &err);
		return;
	}
	sec = b->book->now.sec + off;
	sec = ((sec % 86400) + 86400) % 86400;
	now = (int)(sec / 60);
	it->has_local = 1;
	snprintf(it->local_time, sizeof(it->local_time), "%02d:%02d",
		 now / 60, now % 60);
	if (!c->hours)
		return;
	if (parse_hours(&from, &to, c->hours) < 0) {
		bad_hours(b, c, cf);
		return;
	}
	it->in_hours = from <= to ? now >= from && now < to
				  : now >= from || now < to;
}

/*
 * A calendar's items of client `c`, from `first` on: the zone and the
 * hours they fall in, each checked once (a bad one is reported, and the
 * items go without it).
 */
void agenda_calendar_times(struct build *b, const struct acct_client *c,
			   const struct acct_client_facts *cf, size_t first)
{
	struct acct_error err = ACCT_ERROR_INIT;
	int from = -1, to = -1, tz_ok = 0, off;
	size_t i;

	if (first == b->a->n)
		return;
	if (c->timezone) {
		tz_ok = zone_offset(b, c->timezone, &off, &err) == 0;
		if (!tz_ok)
			bad_timezone(b, c, cf, &err);
	}
	if (c->hours && parse_hours(&from, &to, c->hours) < 0) {
		bad_hours(b, c, cf);
		from = to = -1;
	}
	for (i = first; i < b->a->n; i++) {
		struct acct_agenda_item *it = &b->a->items[i];

		it->timezone = tz_ok ? acct_strdup(c->timezone) : NULL;
		it->hours_from = from;
		it->hours_to = to;
	}
}
