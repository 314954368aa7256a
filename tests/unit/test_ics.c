#include "acct/ics.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acct/agenda.h"
#include "acct/buf.h"
#include "acct/date.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * The iCalendar feed (lib/ics.c): its frame, its events and to-dos, UIDs,
 * time zones, and libical's escaping and folding (75 octets, never inside
 * a UTF-8 sequence), checked on the bytes.
 */

/* A long Russian name with every character TEXT escapes. */
#define LONG_NAME "Общество с ограниченной ответственностью " \
	"«Ромашка-Экспорт», филиал; Новосибирск \\ Академгородок"
#define LONG_NAME_ESCAPED "Общество с ограниченной ответственностью " \
	"«Ромашка-Экспорт»\\, филиал\\; Новосибирск \\\\ Академгородок"

static struct acct_agenda_item *add(struct acct_agenda *a,
				    enum acct_agenda_kind kind,
				    const char *slug, const char *name,
				    const char *due, int overdue)
{
	struct acct_agenda_item *it;

	a->items = acct_realloc(a->items, (a->n + 1) * sizeof(*a->items));
	it = &a->items[a->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->slug = acct_strdup(slug);
	it->name = acct_strdup(name);
	it->has_due = 1;
	acct_date_parse(&it->due, due, NULL);
	it->overdue = overdue;
	it->in_hours = -1;
	it->hours_from = it->hours_to = -1;
	return it;
}

static void opts(struct acct_ics_opts *o)
{
	memset(o, 0, sizeof(*o));
	acct_time_parse(&o->now, "2026-11-23T12:00+03:00", NULL);
	acct_date_parse(&o->today, "2026-11-23", NULL);
	o->name = "acct";
}

/* The feed of `a` into `out`; returns acct_ics_agenda()'s code. */
static int feed(struct acct_buf *out, const struct acct_agenda *a)
{
	struct acct_ics_opts o;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc;

	opts(&o);
	acct_buf_reset(out);
	rc = acct_ics_agenda(out, a, &o, &err);
	CHECK_MSG(rc == 0, "acct_ics_agenda: %d %s", rc, err.msg);
	return rc;
}

/* The length of the UTF-8 sequence that starts with `c`; 0: not a start. */
static int seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 :
	       c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
}

/* Whether `s` (`n` bytes) is whole UTF-8 sequences. */
static int whole_utf8(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		int k = seq_len((unsigned char)s[i]), j;

		if (!k || i + (size_t)k > n)
			return 0;
		for (j = 1; j < k; j++)
			if (((unsigned char)s[i + j] & 0xc0) != 0x80)
				return 0;
		i += (size_t)k;
	}
	return 1;
}

/*
 * Every line of `text` ends with CRLF, has at most 75 octets before it,
 * and is whole UTF-8 (a fold never splits a character); a line that
 * continues the one before starts with a space. Returns the lines.
 */
static size_t check_lines(const char *text)
{
	const char *p = text, *eol;
	size_t lines = 0;

	while (*p) {
		eol = strstr(p, "\r\n");
		if (!CHECK_MSG(eol, "no CRLF after '%.40s'", p))
			break;
		CHECK_MSG(!memchr(p, '\n', (size_t)(eol - p)),
			  "a bare LF in '%.*s'", (int)(eol - p), p);
		CHECK_MSG(eol - p <= 75, "%d octets: '%.*s'", (int)(eol - p),
			  (int)(eol - p), p);
		CHECK_MSG(whole_utf8(p, (size_t)(eol - p)),
			  "a line cut inside a UTF-8 sequence: '%.*s'",
			  (int)(eol - p), p);
		CHECK_MSG(eol > p, "an empty line");
		p = eol + 2;
		lines++;
	}
	return lines;
}

/* `text` unfolded: each CRLF followed by a space or tab removed with it. */
static void unfold(struct acct_buf *out, const char *text)
{
	const char *p;

	acct_buf_reset(out);
	for (p = text; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n' &&
		    (p[2] == ' ' || p[2] == '\t')) {
			p += 2;
			continue;
		}
		acct_buf_addch(out, *p);
	}
}

/* Whether the unfolded feed has the line `line` (CRLF around it). */
static int has_line(const struct acct_buf *unfolded, const char *line)
{
	struct acct_buf want = ACCT_BUF_INIT;
	int found;

	acct_buf_addf(&want, "\r\n%s\r\n", line);
	found = strstr(unfolded->buf, want.buf) != NULL;
	acct_buf_release(&want);
	return found;
}

#define HAS(u, line) CHECK_MSG(has_line(u, line), "no line '%s'", line)
#define HASNT(u, line) CHECK_MSG(!has_line(u, line), "a line '%s'", line)

static int count(const char *text, const char *what)
{
	int n = 0;

	for (; (text = strstr(text, what)); text++)
		n++;
	return n;
}

/* The frame: PRODID, VERSION, METHOD:PUBLISH, CRLF to the last line. */
static void test_ics__empty(void)
{
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_buf out = ACCT_BUF_INIT;

	if (feed(&out, &a) == 0) {
		CHECK_STR(out.buf, "BEGIN:VCALENDAR\r\n"
			  "PRODID:-//acct//acct " ACCT_VERSION "//EN\r\n"
			  "VERSION:2.0\r\n"
			  "CALSCALE:GREGORIAN\r\n"
			  "METHOD:PUBLISH\r\n"
			  "X-WR-CALNAME:acct\r\n"
			  "END:VCALENDAR\r\n");
		check_lines(out.buf);
	}
	acct_buf_release(&out);
}

/*
 * Events: UID of kind, slug and due; DTSTAMP in UTC; at the hours in
 * the zone, floating, or all day; overdue on today; only the kinds a
 * calendar has.
 */
static void test_ics__events(void)
{
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_buf out = ACCT_BUF_INIT, u = ACCT_BUF_INIT;
	struct acct_agenda_item *it;
	struct stat st;
	int zones = stat("/usr/share/zoneinfo/Europe/Moscow", &st) == 0;

	it = add(&a, ACCT_DUE_CALL, "acme", "Acme", "2026-11-25", -2);
	it->hours_from = 10 * 60;
	it->hours_to = 19 * 60;
	if (zones)
		it->timezone = acct_strdup("Europe/Moscow");
	it->detail = acct_strdup("no call or meeting since the last one");
	it->has_last = 1;
	acct_date_parse(&it->last, "2026-11-11", NULL);
	it->command = acct_strdup("acct log acme --channel call");
	/* Hours without a zone: that time wherever the reader is. */
	it = add(&a, ACCT_DUE_REVIEW, "bolt", "Bolt", "2026-11-20", 3);
	it->hours_from = 9 * 60 + 30;
	/* Neither: all day. */
	it = add(&a, ACCT_DUE_REPORT, "cole", "Cole", "2026-11-27", -4);
	it->ref = acct_strdup("weekly");
	add(&a, ACCT_DUE_NPS, "dora", "Dora", "2026-11-23", 0);
	/* Not for a calendar. */
	add(&a, ACCT_DUE_CONTACT, "acme", "Acme", "2026-11-23", 0);
	add(&a, ACCT_DUE_DETRACTOR, "acme", "Acme", "2026-11-20", 3);
	add(&a, ACCT_DUE_BIRTHDAY, "acme", "Acme", "2026-11-24", -1);

	if (feed(&out, &a) == 0) {
		check_lines(out.buf);
		unfold(&u, out.buf);
		CHECK_INT(count(u.buf, "BEGIN:VEVENT\r\n"), 4);
		CHECK_INT(count(u.buf, "DTSTAMP:20261123T090000Z\r\n"), 4);
		HAS(&u, "UID:call-acme-20261125@acct");
		HAS(&u, zones ? "DTSTART;TZID=Europe/Moscow:20261125T100000"
			      : "DTSTART:20261125T100000");
		HAS(&u, "DURATION:PT30M");
		HAS(&u, "SUMMARY:Call: Acme");
		HAS(&u, "DESCRIPTION:no call or meeting since the last one "
		    "(last 2026-11-11)\\ndue 2026-11-25\\nacct log acme "
		    "--channel call");
		if (zones) {
			HAS(&u, "BEGIN:VTIMEZONE");
			HAS(&u, "TZID:Europe/Moscow");
			HAS(&u, "TZOFFSETTO:+0300");
			CHECK_INT(count(u.buf, "BEGIN:VTIMEZONE"), 1);
		}
		/* Overdue: on today, from the day it fell due. */
		HAS(&u, "UID:review-bolt-20261120@acct");
		HAS(&u, "DTSTART:20261123T093000");
		HAS(&u, "DURATION:PT1H");
		HAS(&u, "SUMMARY:Quarterly review: Bolt (overdue since "
		    "2026-11-20)");
		HAS(&u, "UID:report-cole-20261127@acct");
		HAS(&u, "DTSTART;VALUE=DATE:20261127");
		HAS(&u, "DURATION:P1D");
		HAS(&u, "SUMMARY:Weekly summary: Cole");
		HAS(&u, "UID:nps-dora-20261123@acct");
		HAS(&u, "SUMMARY:NPS survey: Dora");
		HASNT(&u, "UID:contact-acme-20261123@acct");
		CHECK(!strstr(u.buf, "detractor") &&
		      !strstr(u.buf, "birthday"));
	}
	acct_agenda_release(&a);
	acct_buf_release(&out);
	acct_buf_release(&u);
}

/* To-dos: DUE as a date, NEEDS-ACTION, the title without due:. */
static void test_ics__todos(void)
{
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_buf out = ACCT_BUF_INIT, u = ACCT_BUF_INIT;
	struct acct_agenda_item *it;

	it = add(&a, ACCT_DUE_ACTION, "acme", "Acme", "2026-11-20", 3);
	it->detail = acct_strdup("Send the media plan @anna due:2026-11-20");
	it->ref = acct_strdup("a1b2c3d");
	it->command = acct_strdup("acct todo done a1b2c3d");
	it = add(&a, ACCT_DUE_TODAY, "acme", "Acme", "2026-12-01", -8);
	it->detail = acct_strdup("Позвонить, обсудить бюджет; due:2026-12-01");
	it->ref = acct_strdup("b2c3d4e");
	if (feed(&out, &a) == 0) {
		check_lines(out.buf);
		unfold(&u, out.buf);
		CHECK_INT(count(u.buf, "BEGIN:VTODO\r\n"), 2);
		CHECK_INT(count(u.buf, "BEGIN:VEVENT\r\n"), 0);
		HAS(&u, "UID:action-acme-a1b2c3d@acct");
		HAS(&u, "DUE;VALUE=DATE:20261120");
		HAS(&u, "STATUS:NEEDS-ACTION");
		HAS(&u, "SUMMARY:Acme: Send the media plan @anna");
		HAS(&u, "DESCRIPTION:acct todo done a1b2c3d");
		HAS(&u, "UID:action-acme-b2c3d4e@acct");
		HAS(&u, "DUE;VALUE=DATE:20261201");
		HAS(&u, "SUMMARY:Acme: Позвонить\\, обсудить бюджет\\;");
	}
	acct_agenda_release(&a);
	acct_buf_release(&out);
	acct_buf_release(&u);
}

/*
 * Text: `,` `;` `\` and line breaks escaped; a long Russian line folded
 * at 75 octets between characters, and unfolded back whole.
 */
static void test_ics__text(void)
{
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_buf out = ACCT_BUF_INIT, u = ACCT_BUF_INIT;
	struct acct_agenda_item *it;
	size_t folded = 0;
	const char *p;

	it = add(&a, ACCT_DUE_CALL, "romashka", LONG_NAME, "2026-11-24", -1);
	/* (A CRLF in the text is one line break.) */
	it->detail = acct_strdup("первая строка\nвторая, с запятой; и \\ "
				 "чертой\r\nтретья");
	/* A name with no space at all: folds fall between characters. */
	add(&a, ACCT_DUE_NPS, "zhzh", "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ"
	    "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ",
	    "2026-11-24", -1);
	if (feed(&out, &a) == 0) {
		check_lines(out.buf);
		for (p = out.buf; (p = strstr(p, "\r\n ")); p++)
			folded++;
		CHECK_MSG(folded >= 4, "%zu folds", folded);
		unfold(&u, out.buf);
		HAS(&u, "SUMMARY:Call: " LONG_NAME_ESCAPED);
		HAS(&u, "DESCRIPTION:первая строка\\nвторая\\, с запятой\\; "
		    "и \\\\ чертой\\nтретья\\ndue 2026-11-24");
		HAS(&u, "DESCRIPTION:due 2026-11-24");
		HAS(&u, "SUMMARY:NPS survey: ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ"
		    "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ"
		    "ЖЖЖЖЖЖ");
	}
	acct_agenda_release(&a);
	acct_buf_release(&out);
	acct_buf_release(&u);
}

/* The same agenda at the same now: the same bytes. */
static void test_ics__stable(void)
{
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_buf one = ACCT_BUF_INIT, two = ACCT_BUF_INIT;
	struct acct_agenda_item *it;
	struct stat st;

	it = add(&a, ACCT_DUE_CALL, "acme", "Acme", "2026-11-25", -2);
	it->hours_from = 600;
	if (stat("/usr/share/zoneinfo/America/New_York", &st) == 0)
		it->timezone = acct_strdup("America/New_York");
	it = add(&a, ACCT_DUE_ACTION, "acme", "Acme", "2026-11-20", 3);
	it->detail = acct_strdup("Send due:2026-11-20");
	it->ref = acct_strdup("a1b2c3d");
	feed(&one, &a);
	feed(&two, &a);
	CHECK(one.len && one.len == two.len &&
	      !memcmp(one.buf, two.buf, one.len));
	acct_agenda_release(&a);
	acct_buf_release(&one);
	acct_buf_release(&two);
}

/* A zone libical cannot find is an error naming it, nothing written. */
static void test_ics__unknown_zone(void)
{
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_ics_opts o;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_agenda_item *it;

	it = add(&a, ACCT_DUE_CALL, "acme", "Acme", "2026-11-25", -2);
	it->hours_from = 600;
	it->timezone = acct_strdup("Mars/Olympus_Mons");
	opts(&o);
	CHECK_INT(acct_ics_agenda(&out, &a, &o, &err), ACCT_EDATA);
	CHECK(strstr(err.msg, "'Mars/Olympus_Mons'") != NULL);
	CHECK_INT(out.len, 0);
	acct_agenda_release(&a);
	acct_buf_release(&out);
}

int main(void)
{
	test_ics__empty();
	test_ics__events();
	test_ics__todos();
	test_ics__text();
	test_ics__stable();
	test_ics__unknown_zone();
	return test_report("ics");
}
