/*
 * The agenda as an iCalendar feed (RFC 5545), built and written by
 * libical: components, properties, escaping, folding, and each zone's
 * VTIMEZONE read from the system's zoneinfo (icaltzutil).
 */
#include "acct/ics.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#include "acct/agenda.h"
#include "acct/buf.h"
#include "acct/date.h"
#include "acct/dl.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/banned.h"

#define PRODID "-//acct//acct " ACCT_VERSION "//EN"

static int is_event(enum acct_agenda_kind k)
{
	return k == ACCT_DUE_CALL || k == ACCT_DUE_REPORT ||
	       k == ACCT_DUE_REVIEW || k == ACCT_DUE_NPS;
}

static int is_todo(const struct acct_agenda_item *it)
{
	return (it->kind == ACCT_DUE_ACTION || it->kind == ACCT_DUE_TODAY) &&
	       it->has_due && it->slug && it->ref;
}

/* What the event is, for its summary. */
static const char *what(const struct acct_agenda_item *it)
{
	switch (it->kind) {
	case ACCT_DUE_CALL:
		return "Call";
	case ACCT_DUE_REPORT:
		return !it->ref ? "Report" : !strcmp(it->ref, "weekly") ?
		       "Weekly summary" : !strcmp(it->ref, "monthly") ?
		       "Monthly report" : "Report";
	case ACCT_DUE_REVIEW:
		return "Quarterly review";
	default:
		return "NPS survey";
	}
}

/* How long it takes, in minutes: a review is a meeting. */
static int minutes(enum acct_agenda_kind k)
{
	return k == ACCT_DUE_REVIEW ? 60 : k == ACCT_DUE_NPS ? 15 : 30;
}

static struct icaltimetype ical_date(const struct acct_date *d)
{
	struct icaltimetype t = icaltime_null_date();

	t.year = d->year;
	t.month = d->month;
	t.day = d->day;
	return t;
}

/* `d` at `minute` of the day, in no zone (floating) until one is named. */
static struct icaltimetype ical_time(const struct acct_date *d, int minute)
{
	struct icaltimetype t = icaltime_null_time();

	t.year = d->year;
	t.month = d->month;
	t.day = d->day;
	t.hour = minute / 60;
	t.minute = minute % 60;
	return t;
}

/* Whether an event of `it` has a time of day: hours that start in the day. */
static int timed(const struct acct_agenda_item *it)
{
	return it->hours_from >= 0 && it->hours_from < 24 * 60;
}

static void add_dtstamp(icalcomponent *c, const struct acct_ics_opts *o)
{
	struct icaltimetype t = icaltime_from_timet_with_zone(
		(time_t)o->now.sec, 0, icaltimezone_get_utc_timezone());

	icalcomponent_add_property(c, icalproperty_new_dtstamp(t));
}

static void uid_date(struct acct_buf *b, const struct acct_date *d)
{
	acct_buf_addf(b, "%04d%02d%02d", d->year, d->month, d->day);
}

static icalcomponent *event(const struct acct_agenda_item *it,
			    const struct acct_ics_opts *o)
{
	icalcomponent *ev = icalcomponent_new_vevent();
	struct acct_buf b = ACCT_BUF_INIT;
	char due[ACCT_DATE_STRLEN], last[ACCT_DATE_STRLEN];
	const struct acct_date *day = it->overdue > 0 ? &o->today : &it->due;
	icalproperty *p;

	acct_date_format(due, &it->due);
	acct_buf_addf(&b, "%s-%s-", acct_agenda_kind_name(it->kind), it->slug);
	uid_date(&b, &it->due);
	acct_buf_addstr(&b, "@acct");
	icalcomponent_add_property(ev, icalproperty_new_uid(b.buf));
	add_dtstamp(ev, o);
	if (timed(it)) {
		p = icalproperty_new_dtstart(ical_time(day, it->hours_from));
		if (it->timezone)
			icalproperty_add_parameter(p,
				icalparameter_new_tzid(it->timezone));
		icalcomponent_add_property(ev, p);
		icalcomponent_add_property(ev, icalproperty_new_duration(
			icaldurationtype_from_int(minutes(it->kind) * 60)));
	} else {
		icalcomponent_add_property(ev,
			icalproperty_new_dtstart(ical_date(day)));
		icalcomponent_add_property(ev, icalproperty_new_duration(
			icaldurationtype_from_int(24 * 60 * 60)));
		icalcomponent_add_property(ev,
			icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	}

	acct_buf_reset(&b);
	acct_buf_addf(&b, "%s: %s", what(it), it->name ? it->name : it->slug);
	if (it->overdue > 0)
		acct_buf_addf(&b, " (overdue since %s)", due);
	icalcomponent_add_property(ev, icalproperty_new_summary(b.buf));

	acct_buf_reset(&b);
	if (it->detail)
		acct_buf_addstr(&b, it->detail);
	if (it->has_last) {
		acct_date_format(last, &it->last);
		acct_buf_addf(&b, " (last %s)", last);
	}
	acct_buf_addf(&b, "%sdue %s", b.len ? "\n" : "", due);
	if (it->overdue > 0)
		acct_buf_addf(&b, ", %d day%s overdue", it->overdue,
			      it->overdue == 1 ? "" : "s");
	if (it->command)
		acct_buf_addf(&b, "\n%s", it->command);
	icalcomponent_add_property(ev, icalproperty_new_description(b.buf));
	icalcomponent_add_property(ev, icalproperty_new_categories(
		acct_agenda_kind_name(it->kind)));
	acct_buf_release(&b);
	return ev;
}

static icalcomponent *todo(const struct acct_agenda_item *it,
			   const struct acct_ics_opts *o)
{
	icalcomponent *td = icalcomponent_new_vtodo();
	struct acct_buf b = ACCT_BUF_INIT;
	/* The title without its due: words (DUE says it); @owner stays. */
	struct acct_action ac = { .text = it->detail, .has_due = 1 };

	acct_buf_addf(&b, "action-%s-%s@acct", it->slug, it->ref);
	icalcomponent_add_property(td, icalproperty_new_uid(b.buf));
	add_dtstamp(td, o);
	icalcomponent_add_property(td,
		icalproperty_new_due(ical_date(&it->due)));
	icalcomponent_add_property(td,
		icalproperty_new_status(ICAL_STATUS_NEEDSACTION));
	acct_buf_reset(&b);
	acct_buf_addf(&b, "%s: ", it->name ? it->name : it->slug);
	if (ac.text)
		acct_action_title(&b, &ac);
	icalcomponent_add_property(td, icalproperty_new_summary(b.buf));
	if (it->command)
		icalcomponent_add_property(td, icalproperty_new_description(it->command));
	icalcomponent_add_property(td, icalproperty_new_categories("action"));
	acct_buf_release(&b);
	return td;
}

static int name_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/*
 * The VTIMEZONE of every zone an event names, in the order of their
 * names; each without the changes before the day before today.
 * libical puts a VTIMEZONE before those the calendar has, so they are
 * added last name first.
 */
static int add_zones(icalcomponent *cal, const struct acct_agenda *a,
		     const struct acct_ics_opts *o, struct acct_error *err)
{
	const char **names = acct_calloc(a->n + 1, sizeof(*names));
	struct icaltimetype from;
	struct acct_date before;
	size_t n = 0, i;
	int rc = 0;

	for (i = 0; i < a->n; i++)
		if (is_event(a->items[i].kind) && a->items[i].slug &&
		    a->items[i].timezone && timed(&a->items[i]))
			names[n++] = a->items[i].timezone;
	if (n)
		qsort(names, n, sizeof(*names), name_cmp);
	acct_date_from_days(&before, acct_date_to_days(&o->today) - 1);
	from = ical_time(&before, 0);
	from.zone = icaltimezone_get_utc_timezone();
	for (i = n; i-- > 0;) {
		icalcomponent *tz;
		icalproperty *id;

		if (i + 1 < n && !strcmp(names[i], names[i + 1]))
			continue;
		tz = icaltzutil_fetch_timezone(names[i]);
		if (!tz) {
			rc = acct_error_set(err, ACCT_EDATA, "libical cannot "
					    "read the time zone '%s' in %s",
					    names[i],
					    icaltzutil_get_zone_directory());
			break;
		}
		/* Its IANA name, which readers know, for libical's own. */
		id = icalcomponent_get_first_property(tz, ICAL_TZID_PROPERTY);
		if (id)
			icalproperty_set_tzid(id, names[i]);
		else
			icalcomponent_add_property(tz,
				icalproperty_new_tzid(names[i]));
		icaltimezone_truncate_vtimezone(tz, from, icaltime_null_time(),
						0);
		icalcomponent_add_component(cal, tz);
	}
	free(names);
	return rc;
}

int acct_ics_agenda(struct acct_buf *out, const struct acct_agenda *a,
		    const struct acct_ics_opts *o, struct acct_error *err)
{
	icalcomponent *cal;
	char *text = NULL;
	size_t i;
	int rc;

	if ((rc = acct_dl_ical(err)) < 0)
		return rc;
	if (!(cal = icalcomponent_new_vcalendar()))
		return acct_error_set(err, ACCT_ERROR, "libical: %s",
				      icalerror_strerror(icalerrno));
	icalcomponent_add_property(cal, icalproperty_new_prodid(PRODID));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal,
		icalproperty_new_method(ICAL_METHOD_PUBLISH));
	if (o->name) {
		icalproperty *p = icalproperty_new_x(o->name);

		icalproperty_set_x_name(p, "X-WR-CALNAME");
		icalcomponent_add_property(cal, p);
	}
	if ((rc = add_zones(cal, a, o, err)) < 0)
		goto out;
	for (i = 0; i < a->n; i++) {
		const struct acct_agenda_item *it = &a->items[i];

		if (is_event(it->kind) && it->slug && it->has_due)
			icalcomponent_add_component(cal, event(it, o));
	}
	for (i = 0; i < a->n; i++)
		if (is_todo(&a->items[i]))
			icalcomponent_add_component(cal, todo(&a->items[i], o));
	text = icalcomponent_as_ical_string_r(cal);
	if (!text) {
		rc = acct_error_set(err, ACCT_ERROR, "libical: %s",
				    icalerror_strerror(icalerrno));
		goto out;
	}
	acct_buf_addstr(out, text);
	/* Every line ends with CRLF, the last one too (RFC 5545 3.1). */
	if (out->len < 2 || strcmp(out->buf + out->len - 2, "\r\n"))
		acct_buf_addstr(out, "\r\n");
out:
	icalmemory_free_buffer(text);
	icalcomponent_free(cal);
	return rc;
}
