/*
 * The agenda: what is due on a day, worked out from the book each time
 * (never stored). Per client: the card's cadences over the config's, the
 * newest log entries for the last contact, call, report and review, the
 * open action items, the NPS answers, the brief, last month's numbers
 * against the KPIs, and the health score (now, and a month ago from the
 * book's history).
 */
#include "acct/agenda.h"
#include "agenda_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acct/book.h"
#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/config.h"
#include "acct/entered.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/facts.h"
#include "acct/health.h"
#include "acct/kpi.h"
#include "acct/metric.h"
#include "acct/nps.h"
#include "acct/person.h"
#include "acct/occasion.h"
#include "acct/past.h"
#include "acct/tz.h"
#include "acct/i18n.h"
#include "acct/banned.h"

static const char *const kind_names[ACCT_DUE_KINDS] = {
	"detractor", "action", "contact", "call", "report", "review", "nps",
	"today", "brief", "overload", "birthday", "anniversary", "kpi",
	"metrics", "risk",
};

/*
 * The order of urgency: a client at risk right after a detractor; the
 * numbers a report needs before the report; a KPI missed after the
 * survey; occasions after the actions due today.
 */
static const int kind_rank[ACCT_DUE_KINDS] = {
	[ACCT_DUE_DETRACTOR] = 0, [ACCT_DUE_RISK] = 1, [ACCT_DUE_ACTION] = 2,
	[ACCT_DUE_CONTACT] = 3, [ACCT_DUE_CALL] = 4, [ACCT_DUE_METRICS] = 5,
	[ACCT_DUE_REPORT] = 6, [ACCT_DUE_REVIEW] = 7, [ACCT_DUE_NPS] = 8,
	[ACCT_DUE_KPI] = 9, [ACCT_DUE_TODAY] = 10, [ACCT_DUE_BIRTHDAY] = 11,
	[ACCT_DUE_ANNIVERSARY] = 12, [ACCT_DUE_BRIEF] = 13,
	[ACCT_DUE_OVERLOAD] = 14,
};

const char *acct_agenda_kind_name(enum acct_agenda_kind kind)
{
	return (unsigned)kind < ACCT_DUE_KINDS ? kind_names[kind] : "?";
}

int acct_agenda_kind_rank(enum acct_agenda_kind kind)
{
	return (unsigned)kind < ACCT_DUE_KINDS ? kind_rank[kind] : ACCT_DUE_KINDS;
}

/* --- managers ------------------------------------------------------------ */

/* The key that counts a manager's clients: the e-mail, or the text. */
static void manager_key(struct acct_buf *out, const char *manager)
{
	const char *lt = strchr(manager, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	const char *s = manager;
	size_t n = strlen(manager);

	if (lt && gt && gt > lt + 1) {
		s = lt + 1;
		n = (size_t)(gt - lt - 1);
	}
	acct_buf_reset(out);
	for (; n; s++, n--)
		acct_buf_addch(out, *s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
}

/* --- dates ------------------------------------------------------------- */

static int days_between(const struct acct_date *from, const struct acct_date *to)
{
	return (int)(acct_date_to_days(to) - acct_date_to_days(from));
}

void agenda_add_days(struct acct_date *out, const struct acct_date *d, int n)
{
	acct_date_from_days(out, acct_date_to_days(d) + n);
}

void acct_last_workday(struct acct_date *out, int year, int month,
		       const struct acct_date *holidays, size_t nholidays)
{
	struct acct_date d = { year, month, acct_days_in_month(year, month) };
	int i;

	/* A month always has a working day, unless every one is a holiday. */
	for (i = 0; i < 31 && !acct_date_is_workday(&d, holidays, nholidays); i++)
		agenda_add_days(&d, &d, -1);
	if (i == 31)
		d = (struct acct_date){ year, month,
					acct_days_in_month(year, month) };
	*out = d;
}

void acct_report_due(struct acct_date *due, struct acct_date *prev,
		     int monthly, int report_day, const struct acct_date *today,
		     const struct acct_date *holidays, size_t nholidays)
{
	int y, m;

	if (!monthly) {
		agenda_add_days(due, today,
			 -((acct_date_weekday(today) - report_day + 7) % 7));
		agenda_add_days(prev, due, -7);
		return;
	}
	y = today->year;
	m = today->month;
	acct_last_workday(due, y, m, holidays, nholidays);
	if (acct_date_cmp(due, today) > 0) {
		if (--m == 0)
			m = 12, y--;
		acct_last_workday(due, y, m, holidays, nholidays);
	}
	if (--m == 0)
		m = 12, y--;
	acct_last_workday(prev, y, m, holidays, nholidays);
}

void agenda_report_bad(struct build *b, const struct acct_error *err)
{
	b->bad = 1;
	if (b->o->bad)
		b->o->bad(b->o->data, err);
}

/* A word for a shell: bare when safe, else in single quotes. */
static void shell_word(struct acct_buf *out, const char *s)
{
	const char *p;

	for (p = s; *p; p++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789@%+=:,./_-", *p))
			break;
	if (*s && !*p) {
		acct_buf_addstr(out, s);
		return;
	}
	acct_buf_addch(out, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'')
			acct_buf_addstr(out, "'\\''");
		else
			acct_buf_addch(out, *p);
	}
	acct_buf_addch(out, '\'');
}

struct acct_agenda_item *agenda_add(struct build *b, enum acct_agenda_kind k,
				    const struct acct_client *c)
{
	struct acct_agenda *a = b->a;
	struct acct_agenda_item *it;

	if (a->n == a->alloc) {
		a->alloc = a->alloc ? 2 * a->alloc : 32;
		a->items = acct_realloc(a->items, a->alloc * sizeof(*it));
	}
	it = &a->items[a->n++];
	memset(it, 0, sizeof(*it));
	it->kind = k;
	it->in_hours = -1;
	it->hours_from = it->hours_to = -1;
	if (c) {
		it->slug = acct_strdup(c->slug);
		it->name = acct_strdup(c->name);
	}
	return it;
}

void agenda_set_due(struct acct_agenda_item *it, const struct acct_date *due,
		    const struct acct_date *today)
{
	it->has_due = 1;
	it->due = *due;
	it->overdue = days_between(due, today);
}

static void set_last(struct acct_agenda_item *it, const struct acct_date *last)
{
	if (last) {
		it->has_last = 1;
		it->last = *last;
	}
}

char *agenda_fmt(const char *f, ...)
{
	struct acct_buf b = ACCT_BUF_INIT;
	va_list ap;

	va_start(ap, f);
	acct_buf_vaddf(&b, f, ap);
	va_end(ap);
	return acct_buf_detach(&b, NULL);
}

char *agenda_command(const char *verb, const char *slug, const char *rest)
{
	struct acct_buf b = ACCT_BUF_INIT;

	acct_buf_addf(&b, "acct %s %s%s%s", verb, slug, rest ? " " : "",
		      rest ? rest : "");
	return acct_buf_detach(&b, NULL);
}

static void note(int *has, struct acct_date *at, const struct acct_date *d)
{
	if (!*has || acct_date_cmp(d, at) > 0) {
		*has = 1;
		*at = *d;
	}
}

static void action_items(struct build *b, const struct acct_client *c,
			 const struct acct_fact_entry *e)
{
	const struct acct_date *today = &b->o->today;
	size_t i;

	for (i = 0; i < e->nopen; i++) {
		const struct acct_fact_action *ac = &e->open[i];
		struct acct_agenda_item *it;
		int cmp;

		/* A calendar has every one with a due date, however far. */
		if ((cmp = acct_date_cmp(&ac->due, today)) > 0 &&
		    !b->o->calendar)
			continue;
		it = agenda_add(b, cmp < 0 ? ACCT_DUE_ACTION : ACCT_DUE_TODAY, c);
		agenda_set_due(it, &ac->due, today);
		/* The text as acct todo shows it: its @owner and due: in it. */
		it->detail = acct_strdup(ac->text);
		it->ref = acct_strndup(ac->id, ACCT_ACTION_ID_LEN);
		it->command = agenda_fmt("acct todo done %s", it->ref);
	}
}

/*
 * A record that did not load (or a folder that could not be listed) has
 * no facts: loaded again for its error, told as it always was.
 */
static void bad_entry(struct build *b, const char *slug, const char *path)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_entry *e = NULL;

	if (acct_entry_load(&e, b->book, slug, path, &err) < 0)
		agenda_report_bad(b, &err);
	acct_entry_free(e);
}

static void bad_list(struct build *b, const char *slug, int nps)
{
	struct acct_entry_list list = ACCT_ENTRY_LIST_INIT;
	struct acct_nps_list answers = ACCT_NPS_LIST_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc = nps ? acct_nps_list(&answers, b->book, slug, NULL,
				     &b->o->today, &err)
		     : acct_entry_list(&list, b->book, slug, NULL,
				       &b->o->today, &err);

	if (rc < 0)
		agenda_report_bad(b, &err);
	acct_entry_list_release(&list);
	acct_nps_list_release(&answers);
}

/* `s` is `word`: the first byte tells most apart (80,000 entries). */
static int is(const char *s, const char *word)
{
	return *s == *word && !strcmp(s, word);
}

static void read_log(struct build *b, const struct acct_client *c,
		     struct facts *f)
{
	const struct acct_client_facts *cf = f->cf;
	uint32_t today = acct_facts_keyday(&b->o->today);
	size_t i;

	if (cf->log_bad) {
		bad_list(b, c->slug, 0);
		return;
	}
	for (i = 0; i < cf->nentries; i++) {
		const struct acct_fact_entry *e = &cf->entries[i];
		const struct acct_date *d = &e->day;

		/* The entries up to today, by the date of the file name. */
		if (e->keyday > today)
			continue;
		if (e->bad) {
			bad_entry(b, c->slug, e->path);
			continue;
		}
		acct_health_gather_fact(&f->health, e);
		if (!is(e->kind, "note")) {
			note(&f->has_touch, &f->touch, d);
			if (e->direction && is(e->direction, "out"))
				note(&f->has_out, &f->out, d);
			if (is(e->channel, "call") || is(e->channel, "meeting"))
				note(&f->has_call, &f->call, d);
		}
		if (is(e->kind, "report"))
			note(&f->has_report, &f->report, d);
		if (is(e->kind, "review"))
			note(&f->has_review, &f->review, d);
		action_items(b, c, e);
	}
}

static void read_answers(struct build *b, const struct acct_client *c,
			 struct facts *f)
{
	const struct acct_client_facts *cf = f->cf;
	const struct acct_date *today = &b->o->today;
	size_t i;

	if (cf->nps_bad) {
		bad_list(b, c->slug, 1);
		return;
	}
	for (i = 0; i < cf->nanswers; i++) {
		const struct acct_fact_answer *a = &cf->answers[i];
		struct acct_agenda_item *it;

		if (acct_date_cmp(&a->named, today) > 0)
			continue;
		if (a->bad) {
			struct acct_error err = ACCT_ERROR_INIT;
			struct acct_nps_answer *x = NULL;

			if (acct_nps_load(&x, b->book, c->slug, a->path,
					  &err) < 0)
				agenda_report_bad(b, &err);
			acct_nps_free(x);
			continue;
		}
		note(&f->has_answer, &f->answer, &a->date);
		acct_health_gather_answer(&f->health, &a->date, a->score);
		/* A detractor nobody has talked to since. */
		if (a->score <= 6 && (!f->has_touch ||
				      acct_date_cmp(&f->touch, &a->date) < 0)) {
			it = agenda_add(b, ACCT_DUE_DETRACTOR, c);
			agenda_set_due(it, &a->date, today);
			if (a->respondent)
				agenda_detail(it, "%s scored %d%s%s",
					      a->respondent, a->score,
					      a->comment ? ": " : "",
					      a->comment ? a->comment : "");
			else
				agenda_detail(it, "an anonymous respondent "
					      "scored %d%s%s", a->score,
					      a->comment ? ": " : "",
					      a->comment ? a->comment : "");
			/* One line: a comment's line breaks become spaces. */
			for (char *p = it->detail; *p; p++)
				if (*p == '\n' || *p == '\t')
					*p = ' ';
			for (char *p = it->detail_text; *p; p++)
				if (*p == '\n' || *p == '\t')
					*p = ' ';
			it->ref = acct_strdup(a->path);
			it->command = agenda_command("log", c->slug, "--channel call");
		}
	}
}

/* The last day a cadence item is looked for: today, or a calendar's end. */
static void horizon(struct acct_date *out, const struct acct_agenda_opts *o)
{
	agenda_add_days(out, &o->today, o->calendar ? o->days : 0);
}

static void cadence_of(struct acct_cadence *cad, const struct acct_client *c,
		       const struct acct_config *cfg)
{
	struct acct_duration *slots[] = { &cad->contact, &cad->call, &cad->nps,
					  &cad->review };
	const char *vals[] = { c->cadence.contact, c->cadence.call,
			       c->cadence.nps, c->cadence.review };
	size_t i;

	*cad = cfg->cadence;
	/* The card was checked when it was read: these parse. */
	for (i = 0; i < 4; i++)
		if (vals[i])
			acct_duration_parse(slots[i], vals[i], NULL);
	if (c->cadence.report)
		acct_report_cadence_parse(&cad->report, &cad->report_every,
					  c->cadence.report, NULL);
}

/* The last time something happened, if it did. */
struct facts_at {
	int has;
	const struct acct_date *d;
};

/*
 * The day a cadence counts from for a thing the client never had: the
 * later of the card's since and the day the card entered the book (the
 * book knows nothing from before). `has` is 0 when neither is known.
 */
struct start {
	int has;
	struct acct_date d;
};

/* Due `dur` after `last` (or after the client's start, when never). */
static int due_after(struct acct_date *due, const struct facts_at *at,
		     const struct start *start,
		     const struct acct_duration *dur,
		     const struct acct_config *cfg)
{
	const struct acct_date *from = at->has ? at->d :
				       start->has ? &start->d : NULL;

	if (!from)
		return 0;
	acct_date_add(due, from, dur, cfg->holidays, cfg->nholidays);
	return 1;
}

/* A cadence counted from `since` for a thing never had is due by `today`. */
static int due_from(const struct acct_date *since,
		    const struct acct_duration *dur,
		    const struct acct_config *cfg, const struct acct_date *today)
{
	struct acct_date due;

	acct_date_add(&due, since, dur, cfg->holidays, cfg->nholidays);
	return acct_date_cmp(&due, today) <= 0;
}

/*
 * Whether the day the card entered the book can change what is due: the
 * card has no since, or a thing the client never had (or a report
 * deadline) is due counting from since. Counting from a later day can
 * only make it due later, so when nothing is due from since, the walk of
 * history that finds the day is not needed.
 */
static int start_matters(const struct acct_client *c, const struct facts *f,
			 const struct acct_cadence *cad,
			 const struct acct_config *cfg,
			 const struct acct_date *today)
{
	const struct acct_date *s = &c->since;
	struct acct_date due, prev;

	if (!c->has_since)
		return 1;
	if ((!f->has_out && due_from(s, &cad->contact, cfg, today)) ||
	    (!f->has_call && due_from(s, &cad->call, cfg, today)) ||
	    (!f->has_review && due_from(s, &cad->review, cfg, today)) ||
	    (!f->has_answer && due_from(s, &cad->nps, cfg, today)))
		return 1;
	if (cad->report == ACCT_REPORT_EVERY)
		return !f->has_report && due_from(s, &cad->report_every, cfg,
						  today);
	acct_report_due(&due, &prev, cad->report == ACCT_REPORT_MONTHLY,
			cfg->report_day, today, cfg->holidays, cfg->nholidays);
	return acct_date_cmp(s, &due) <= 0 &&
	       !(f->has_report && acct_date_cmp(&f->report, &prev) > 0);
}

/* The channel a "write first" goes through: the card's fast channel. */
static const char *fast_channel(const struct acct_client *c)
{
	const char *v = c->channels.fast;

	if (!v)
		return "chat";
	if (!strcasecmp(v, "email") || !strcasecmp(v, "e-mail"))
		return "email";
	if (!strcasecmp(v, "phone") || !strcasecmp(v, "call"))
		return "call";
	if (!strcasecmp(v, "meeting"))
		return "meeting";
	return "chat";
}

static void brief_items(struct build *b, const struct acct_client *c,
			struct facts *facts)
{
	const struct acct_fact_brief *br = &facts->cf->brief;
	struct acct_agenda_item *it;
	struct acct_buf d = ACCT_BUF_INIT, e = ACCT_BUF_INIT;
	size_t i;

	acct_health_gather_fact_brief(&facts->health, br);
	if (br->state == ACCT_FACT_BAD) {
		struct acct_error err = ACCT_ERROR_INIT;
		struct acct_brief *x = NULL;

		/* Loaded again for its error. */
		if (acct_brief_load(&x, b->book, c->slug, &err) < 0 &&
		    err.code != ACCT_ENOTFOUND)
			agenda_report_bad(b, &err);
		acct_brief_free(x);
		return;
	}
	if (br->state == ACCT_FACT_OK &&
	    (!br->found || (!br->nmissing && !br->nempty)))
		return;
	/* The keys are the book's words; the sentence is translated. */
	for (i = 0; i < br->nmissing; i++)
		acct_buf_addf(&d, "%s%s", i ? ", " : "", br->missing[i]);
	for (i = 0; i < br->nempty; i++)
		acct_buf_addf(&e, "%s%s", i ? ", " : "", br->empty[i]);
	it = agenda_add(b, ACCT_DUE_BRIEF, c);
	if (br->state == ACCT_FACT_NONE)
		agenda_detail(it, "no brief yet");
	else if (br->nmissing && br->nempty)
		agenda_detail(it, "missing: %s; empty: %s", d.buf, e.buf);
	else if (br->nmissing)
		agenda_detail(it, "missing: %s", d.buf);
	else
		agenda_detail(it, "empty: %s", e.buf);
	acct_buf_release(&d);
	acct_buf_release(&e);
	it->command = agenda_command("brief", c->slug, NULL);
}

static void cadence_items(struct build *b, const struct acct_client *c,
			  const struct facts *f, const struct start *start)
{
	const struct acct_config *cfg = &b->book->config;
	const struct acct_date *today = &b->o->today;
	struct acct_cadence cad;
	struct acct_agenda_item *it;
	struct acct_date due, prev, end;
	struct acct_buf cmd = ACCT_BUF_INIT;
	struct facts_at at;

	cadence_of(&cad, c, cfg);
	horizon(&end, b->o);

	at = (struct facts_at){ f->has_out, &f->out };
	if (due_after(&due, &at, start, &cad.contact, cfg) &&
	    acct_date_cmp(&due, &end) <= 0) {
		it = agenda_add(b, ACCT_DUE_CONTACT, c);
		agenda_set_due(it, &due, today);
		set_last(it, f->has_out ? &f->out : NULL);
		if (f->has_out)
			agenda_detail(it, "no outgoing contact since the last one");
		else
			agenda_detail(it, "no outgoing contact yet");
		acct_buf_addf(&cmd, "--channel %s", fast_channel(c));
		it->command = agenda_command("log", c->slug, cmd.buf);
	}

	at = (struct facts_at){ f->has_call, &f->call };
	if (due_after(&due, &at, start, &cad.call, cfg) &&
	    acct_date_cmp(&due, &end) <= 0) {
		it = agenda_add(b, ACCT_DUE_CALL, c);
		agenda_set_due(it, &due, today);
		set_last(it, f->has_call ? &f->call : NULL);
		if (f->has_call)
			agenda_detail(it, "no call or meeting since the last one");
		else
			agenda_detail(it, "no call or meeting yet");
		it->command = agenda_command("log", c->slug, "--channel call");
		if (!b->o->calendar)
			agenda_local_time(b, c, f->cf, it);
	}

	if (cad.report == ACCT_REPORT_EVERY) {
		at = (struct facts_at){ f->has_report, &f->report };
		if (due_after(&due, &at, start, &cad.report_every, cfg) &&
		    acct_date_cmp(&due, &end) <= 0) {
			it = agenda_add(b, ACCT_DUE_REPORT, c);
			agenda_set_due(it, &due, today);
			set_last(it, f->has_report ? &f->report : NULL);
			it->ref = acct_strdup(c->cadence.report ?
					      c->cadence.report : "every");
			agenda_detail(it, "the periodic report");
			it->command = agenda_command("log", c->slug, "--kind report");
		}
	} else {
		int monthly = cad.report == ACCT_REPORT_MONTHLY, first = 1;
		struct acct_date day;

		/*
		 * The deadline on or before today; for a calendar, each day
		 * up to `end` that is a deadline too.
		 */
		for (day = *today; acct_date_cmp(&day, &end) <= 0;
		     agenda_add_days(&day, &day, 1), first = 0) {
			acct_report_due(&due, &prev, monthly, cfg->report_day,
					&day, cfg->holidays, cfg->nholidays);
			if (!first && acct_date_cmp(&due, &day))
				continue;
			/* A deadline before the client's start is not due. */
			if ((start->has && acct_date_cmp(&start->d, &due) > 0) ||
			    (f->has_report &&
			     acct_date_cmp(&f->report, &prev) > 0))
				continue;
			it = agenda_add(b, ACCT_DUE_REPORT, c);
			agenda_set_due(it, &due, today);
			set_last(it, f->has_report ? &f->report : NULL);
			it->ref = acct_strdup(monthly ? "monthly" : "weekly");
			if (monthly)
				agenda_detail(it, "the monthly report");
			else
				agenda_detail(it, "the weekly summary");
			it->command = agenda_command("log", c->slug, "--kind report");
		}
	}

	at = (struct facts_at){ f->has_review, &f->review };
	if (due_after(&due, &at, start, &cad.review, cfg) &&
	    acct_date_cmp(&due, &end) <= 0) {
		it = agenda_add(b, ACCT_DUE_REVIEW, c);
		agenda_set_due(it, &due, today);
		set_last(it, f->has_review ? &f->review : NULL);
		if (f->has_review)
			agenda_detail(it, "the quarterly review");
		else
			agenda_detail(it, "the first quarterly review");
		it->command = agenda_command("log", c->slug,
				      "--channel meeting --kind review");
	}

	at = (struct facts_at){ f->has_answer, &f->answer };
	if (due_after(&due, &at, start, &cad.nps, cfg) &&
	    acct_date_cmp(&due, &end) <= 0) {
		size_t i;

		it = agenda_add(b, ACCT_DUE_NPS, c);
		agenda_set_due(it, &due, today);
		set_last(it, f->has_answer ? &f->answer : NULL);
		if (f->has_answer)
			agenda_detail(it, "no NPS answer since the last one");
		else
			agenda_detail(it, "no NPS answer yet");
		acct_buf_reset(&cmd);
		acct_buf_addstr(&cmd, "SCORE");
		for (i = 0; i < c->ncontacts; i++)
			if (c->contacts[i].primary || i + 1 == c->ncontacts) {
				acct_buf_addstr(&cmd, " --respondent ");
				shell_word(&cmd, c->contacts[i].name);
				break;
			}
		it->command = agenda_command("nps", c->slug, cmd.buf);
	}
	acct_buf_release(&cmd);
}

/* Birthdays and anniversaries from today to `days` days ahead. */
static void occasion_items(struct build *b, const struct acct_client *c)
{
	const struct acct_date *today = &b->o->today;
	struct acct_occasion *v = NULL;
	struct acct_buf cmd = ACCT_BUF_INIT;
	char since[ACCT_DATE_STRLEN];
	size_t n = 0, i;

	acct_occasions(&v, &n, c, today, b->o->days);
	acct_buf_addf(&cmd, "--channel %s", fast_channel(c));
	for (i = 0; i < n; i++) {
		const struct acct_contact *k = v[i].contact;
		struct acct_agenda_item *it;

		if (v[i].kind == ACCT_OCCASION_BIRTHDAY) {
			it = agenda_add(b, ACCT_DUE_BIRTHDAY, c);
			it->contact = acct_strdup(k->name);
			it->detail = agenda_fmt("%s%s%s%s", k->name, k->role ? " (" : "",
					 k->role ? k->role : "",
					 k->role ? ")" : "");
			if (v[i].years) {
				char *who = it->detail;

				it->detail = NULL;
				agenda_detail(it, "%s turns %d", who,
					      v[i].years);
				free(who);
			}
		} else {
			it = agenda_add(b, ACCT_DUE_ANNIVERSARY, c);
			acct_date_format(since, &c->since);
			agenda_detail_n(it, (unsigned long)v[i].years,
					"%d year together (since %s)",
					"%d years together (since %s)",
					v[i].years, since);
		}
		agenda_set_due(it, &v[i].on, today);
		it->years = v[i].years;
		it->command = agenda_command("log", c->slug, cmd.buf);
	}
	free(v);
	acct_buf_release(&cmd);
}

static int item_cmp(const void *x, const void *y)
{
	const struct acct_agenda_item *a = x, *b = y;
	int c;

	if (a->kind != b->kind)
		return kind_rank[a->kind] < kind_rank[b->kind] ? -1 : 1;
	if (a->has_due != b->has_due)
		return a->has_due ? -1 : 1;
	if (a->overdue != b->overdue)
		return a->overdue > b->overdue ? -1 : 1;
	if ((c = strcmp(a->slug ? a->slug : "", b->slug ? b->slug : "")))
		return c;
	return strcmp(a->detail ? a->detail : "", b->detail ? b->detail : "");
}

/* Managers holding more active clients than the config allows. */
struct load {
	char *key, *manager;
	size_t n;
	int shown;
};

static void count_load(struct load **loads, size_t *n, const char *manager,
		       int shown)
{
	struct acct_buf key = ACCT_BUF_INIT;
	size_t i;

	manager_key(&key, manager);
	for (i = 0; i < *n; i++)
		if (!strcmp((*loads)[i].key, key.buf))
			break;
	if (i == *n) {
		*loads = acct_realloc(*loads, (*n + 1) * sizeof(**loads));
		(*loads)[i].key = acct_buf_detach(&key, NULL);
		(*loads)[i].manager = acct_strdup(manager);
		(*loads)[i].n = 0;
		(*loads)[i].shown = 0;
		(*n)++;
	}
	(*loads)[i].n++;
	(*loads)[i].shown |= shown;
	acct_buf_release(&key);
}

int acct_agenda_build(struct acct_agenda *out, struct acct_book *book,
		      const struct acct_agenda_opts *o, struct acct_error *err)
{
	struct build b = { book, o, out, 0, NULL, NULL, 0, { 0, 0, 0 } };
	const struct acct_client **cards;
	struct acct_facts *all = NULL;
	char **managers;
	struct load *loads = NULL;
	struct facts *facts = NULL;
	struct start *starts = NULL;
	struct acct_date *entered = NULL;
	const char **late = NULL;
	size_t *at = NULL;
	size_t nslugs = 0, nloads = 0, nlate = 0, i;
	const char *manager = o->manager;
	struct acct_date end;
	int rc;

	if (o->facts) {
		all = o->facts;
	} else {
		struct acct_date month_ago;

		/* New commits walked first: their memory gone before the facts. */
		acct_cards_entered_prepare(book);
		acct_health_month_before(&month_ago, &o->today);
		acct_past_prepare(book, &month_ago);
		if ((rc = acct_facts_load(&all, book, ACCT_FACTS_ACTIVE,
					  err)) < 0)
			return rc;
	}
	nslugs = acct_facts_count(all);
	b.facts = all;
	cards = acct_calloc(nslugs + 1, sizeof(*cards));
	managers = acct_calloc(nslugs + 1, sizeof(*managers));
	for (i = 0; i < nslugs; i++) {
		const struct acct_client_facts *cf = acct_facts_at(all, i);
		struct acct_error e = ACCT_ERROR_INIT;
		struct acct_client *x = NULL;

		if (!cf->card) {
			/* Loaded again for its error. */
			if (acct_client_load(&x, book, cf->slug, &e) < 0)
				agenda_report_bad(&b, &e);
			acct_client_free(x);
			continue;
		}
		cards[i] = cf->card;
		/* Every card's manager, whatever its status, for the check. */
		if (cards[i]->manager)
			managers[i] = acct_strdup(cards[i]->manager);
		if (strcmp(cards[i]->status, "active") || cards[i]->has_archived)
			cards[i] = NULL;
	}
	if (manager && o->fallback) {
		/* The identity's own clients, or everyone's when none is. */
		for (i = 0; i < nslugs; i++)
			if (acct_person_matches(managers[i], manager,
						ACCT_PERSON_WHOLE))
				break;
		if (i == nslugs) {
			manager = NULL;
			out->everyone = 1;
		}
	} else if (manager) {
		/* A name typed wrong must not read as "nothing is due". */
		rc = acct_manager_check((const char *const *)managers, nslugs,
					manager, err);
		if (rc < 0)
			goto out;
	}
	horizon(&end, o);
	facts = acct_calloc(nslugs + 1, sizeof(*facts));
	starts = acct_calloc(nslugs + 1, sizeof(*starts));
	late = acct_calloc(nslugs + 1, sizeof(*late));
	at = acct_calloc(nslugs + 1, sizeof(*at));
	for (i = 0; i < nslugs; i++) {
		const struct acct_client *c = cards[i];
		struct acct_cadence cad;
		int mine;

		if (!c)
			continue;
		mine = !manager || acct_person_matches(c->manager, manager,
						       o->fallback ?
						       ACCT_PERSON_WHOLE : 0);
		if (c->manager)
			count_load(&loads, &nloads, c->manager, mine);
		if (!mine) {
			cards[i] = NULL;
			continue;
		}
		out->clients++;
		facts[i].cf = acct_facts_at(all, i);
		acct_health_gather_init(&facts[i].health, &book->config, c,
					&o->today);
		read_log(&b, c, &facts[i]);
		read_answers(&b, c, &facts[i]);
		starts[i].has = c->has_since;
		starts[i].d = c->since;
		cadence_of(&cad, c, &book->config);
		if (start_matters(c, &facts[i], &cad, &book->config, &end)) {
			late[nlate] = c->slug;
			at[nlate++] = i;
		}
	}
	/* One walk of history for every client whose start matters. */
	entered = acct_calloc(nlate + 1, sizeof(*entered));
	if ((rc = acct_cards_entered(entered, book, late, nlate, err)) < 0)
		goto out;
	for (i = 0; i < nlate; i++) {
		struct start *s = &starts[at[i]];

		if (!s->has || acct_date_cmp(&s->d, &entered[i]) < 0)
			s->d = entered[i];
		s->has = 1;
	}
	for (i = 0; i < nslugs; i++) {
		size_t first = out->n;

		if (!cards[i])
			continue;
		cadence_items(&b, cards[i], &facts[i], &starts[i]);
		if (o->calendar) {
			agenda_calendar_times(&b, cards[i], facts[i].cf, first);
		} else {
			brief_items(&b, cards[i], &facts[i]);
			agenda_result_items(&b, cards[i], &facts[i]);
		}
	}
	/*
	 * Each kind's items in the order of the clients, as before: the
	 * scores a month ago are worked out for all of them at once.
	 */
	if (!o->calendar)
		agenda_risk_prefetch(&b, cards, facts, nslugs);
	for (i = 0; i < nslugs; i++) {
		if (!cards[i])
			continue;
		if (!o->calendar)
			agenda_risk_item(&b, cards[i], &facts[i]);
		if (o->occasions)
			occasion_items(&b, cards[i]);
	}
	for (i = 0; i < nloads; i++) {
		if (loads[i].shown && book->config.max_clients_per_manager > 0 &&
		    loads[i].n > (size_t)book->config.max_clients_per_manager) {
			struct acct_agenda_item *it = agenda_add(&b, ACCT_DUE_OVERLOAD,
							  NULL);
			struct acct_buf cmd = ACCT_BUF_INIT;

			it->name = acct_strdup(loads[i].manager);
			agenda_detail(it, "%s has %zu active clients; the limit "
				      "is %d", loads[i].manager, loads[i].n,
				      book->config.max_clients_per_manager);
			acct_buf_addstr(&cmd, "acct client list --status active "
					"--manager ");
			shell_word(&cmd, loads[i].key);
			it->command = acct_buf_detach(&cmd, NULL);
		}
	}
	if (out->n)
		qsort(out->items, out->n, sizeof(*out->items), item_cmp);
	rc = b.bad ? 1 : 0;
out:
	if (rc < 0)
		acct_agenda_release(out);
	for (i = 0; i < nloads; i++) {
		free(loads[i].key);
		free(loads[i].manager);
	}
	free(loads);
	for (i = 0; i < nslugs; i++) {
		free(managers[i]);
		if (facts)
			acct_health_gather_release(&facts[i].health);
	}
	free(cards);
	free(managers);
	free(facts);
	free(starts);
	free(late);
	free(at);
	free(entered);
	acct_past_close(b.past);
	agenda_zones_release(&b);
	if (!o->facts)
		acct_facts_free(all);
	return rc;
}

void acct_agenda_release(struct acct_agenda *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->items[i].slug);
		free(a->items[i].name);
		free(a->items[i].detail);
		free(a->items[i].detail_text);
		free(a->items[i].ref);
		free(a->items[i].command);
		free(a->items[i].contact);
		free(a->items[i].kpi);
		free(a->items[i].actual);
		free(a->items[i].target);
		free(a->items[i].timezone);
	}
	free(a->items);
	for (i = 0; i < a->nscores; i++)
		free(a->scores[i].slug);
	free(a->scores);
	memset(a, 0, sizeof(*a));
}
