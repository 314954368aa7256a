/*
 * The data of a report: what the template sees and `--format json`
 * prints. One client over a period (entries, decisions, actions, contacts
 * by channel and week, NPS, the brief, KPIs), or the portfolio (every
 * active client with its last contact, what is due and NPS, and the load
 * per manager). Only the files the period needs are read.
 */
#include "acct/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/agenda.h"
#include "acct/book.h"
#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/nps.h"
#include "acct/tpl.h"
#include "acct/banned.h"

/* --- small helpers ------------------------------------------------------- */

static json_t *str(const char *s)
{
	json_t *v;

	if (!s)
		return json_null();
	/* jansson refuses text that is not UTF-8; the book's is checked. */
	v = json_string(s);
	return v ? v : json_string("\xef\xbf\xbd");
}

static json_t *day(const struct acct_date *d)
{
	char s[ACCT_DATE_STRLEN];

	acct_date_format(s, d);
	return json_string(s);
}

static void set(json_t *o, const char *key, json_t *v)
{
	json_object_set_new(o, key, v);
}

/* A number as written ("150000", "99.50"): an integer or a real. */
static json_t *number(const char *digits)
{
	if (!digits)
		return json_null();
	if (strchr(digits, '.'))
		return json_real(strtod(digits, NULL));
	return json_integer(strtoll(digits, NULL, 10));
}

static const char *const ru_channels[][2] = {
	{ "call", "звонок" }, { "meeting", "встреча" }, { "email", "почта" },
	{ "chat", "чат" }, { "other", "другое" },
};

static const char *channel_name(const char *ch, const char *locale)
{
	size_t i;

	if (strcmp(locale, "ru"))
		return ch;
	for (i = 0; i < sizeof(ru_channels) / sizeof(*ru_channels); i++)
		if (!strcmp(ru_channels[i][0], ch))
			return ru_channels[i][1];
	return ch;
}

/* A fee's period in the locale's words: month, месяц ... */
static const char *period_word(const char *period, const char *locale)
{
	static const char *const ru[][2] = {
		{ "month", "месяц" }, { "quarter", "квартал" },
		{ "year", "год" }, { "once", "разово" },
	};
	size_t i;

	if (!period || strcmp(locale, "ru"))
		return period;
	for (i = 0; i < sizeof(ru) / sizeof(*ru); i++)
		if (!strcmp(ru[i][0], period))
			return ru[i][1];
	return period;
}

static const char *word(const char *locale, const char *en, const char *ru)
{
	return strcmp(locale, "ru") ? en : ru;
}

static json_t *period_json(const struct acct_period *p)
{
	static const char *const kinds[] = {
		"week", "month", "quarter", "year", "range", "all",
	};
	json_t *o = json_object();

	set(o, "label", json_string(p->label));
	set(o, "kind", json_string(kinds[p->kind]));
	set(o, "since", day(&p->since));
	set(o, "until", day(&p->until));
	return o;
}

const char *acct_report_default_template(const struct acct_period *p)
{
	int64_t days = acct_date_to_days(&p->until) -
		       acct_date_to_days(&p->since) + 1;

	switch (p->kind) {
	case ACCT_PERIOD_WEEK:
		return "weekly";
	case ACCT_PERIOD_MONTH:
		return "monthly";
	case ACCT_PERIOD_QUARTER:
	case ACCT_PERIOD_YEAR:
		return "quarterly";
	default:
		return days <= 7 ? "weekly" : days <= 31 ? "monthly" :
		       "quarterly";
	}
}

/* --- charts and tables ------------------------------------------------- */

/* {"title", "unit", "points": [{"label", "value"}]}, value may be null. */
static json_t *chart(const char *title, const char *unit, int signed_scale)
{
	json_t *c = json_object();

	set(c, "title", json_string(title));
	set(c, "unit", json_string(unit));
	set(c, "signed", json_boolean(signed_scale));
	set(c, "points", json_array());
	return c;
}

static void chart_point(json_t *c, const char *label, json_t *value)
{
	json_t *p = json_object();

	set(p, "label", json_string(label));
	set(p, "value", value);
	json_array_append_new(json_object_get(c, "points"), p);
}

/* {"title", "columns": [...], "rows": [[...], ...]} */
static json_t *table(const char *title, const char *const *columns)
{
	json_t *t = json_object(), *cols = json_array();

	while (*columns)
		json_array_append_new(cols, json_string(*columns++));
	set(t, "title", json_string(title));
	set(t, "columns", cols);
	set(t, "rows", json_array());
	return t;
}

static void table_row(json_t *t, json_t *row)
{
	json_array_append_new(json_object_get(t, "rows"), row);
}

/* --- one client ---------------------------------------------------------- */

struct build {
	struct acct_book *book;
	const struct acct_report_opts *o;
	const char *locale;
	int bad;
};

static void report_bad(struct build *b, const struct acct_error *err)
{
	b->bad = 1;
	if (b->o->bad)
		b->o->bad(b->o->data, err);
}

/* An item's text without its @owner and due:DATE words. */
static json_t *action_text(const char *text)
{
	struct acct_buf b = ACCT_BUF_INIT;
	const char *p = text;
	json_t *v;

	while (*p) {
		const char *end = p;

		while (*end && *end != ' ')
			end++;
		if (!(*p == '@' && end > p + 1) &&
		    !(end - p > 4 && !strncmp(p, "due:", 4))) {
			if (b.len)
				acct_buf_addch(&b, ' ');
			acct_buf_add(&b, p, (size_t)(end - p));
		}
		p = end;
		while (*p == ' ')
			p++;
	}
	v = str(b.len ? b.buf : text);
	acct_buf_release(&b);
	return v;
}

static json_t *action_json(const struct acct_action *a,
			   const struct acct_entry *e,
			   const struct acct_date *today)
{
	json_t *o = json_object();
	char id[ACCT_ACTION_ID_LEN + 1];
	struct acct_date d;

	memcpy(id, a->id, ACCT_ACTION_ID_LEN);
	id[ACCT_ACTION_ID_LEN] = '\0';
	set(o, "id", json_string(id));
	set(o, "text", action_text(a->text));
	set(o, "owner", str(a->owner));
	set(o, "due", a->has_due ? day(&a->due) : json_null());
	set(o, "overdue", json_boolean(!a->done && a->has_due &&
				       acct_date_cmp(&a->due, today) < 0));
	set(o, "done", json_boolean(a->done));
	acct_time_date(&d, &e->when);
	set(o, "day", day(&d));
	set(o, "entry", str(e->summary));
	return o;
}

static int by_due(const void *x, const void *y)
{
	json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
	const char *da = json_string_value(json_object_get(a, "due"));
	const char *db = json_string_value(json_object_get(b, "due"));

	if (!da || !db)
		return da ? -1 : db ? 1 : 0;
	return strcmp(da, db);
}

/* Sort a JSON array of actions by due date, those without last. */
static void sort_actions(json_t *list)
{
	size_t n = json_array_size(list), i;
	json_t **items = acct_calloc(n + 1, sizeof(*items));

	for (i = 0; i < n; i++)
		items[i] = json_incref(json_array_get(list, i));
	qsort(items, n, sizeof(*items), by_due);
	json_array_clear(list);
	for (i = 0; i < n; i++)
		json_array_append_new(list, items[i]);
	free(items);
}

static json_t *client_json(const struct acct_client *c)
{
	json_t *o = json_object(), *list, *goals;
	const struct acct_ynode *n;
	size_t i;

	set(o, "slug", json_string(c->slug));
	set(o, "name", str(c->name));
	set(o, "manager", str(c->manager));
	set(o, "status", str(c->status));
	set(o, "since", c->has_since ? day(&c->since) : json_null());
	list = json_array();
	for (i = 0; i < c->services.n; i++)
		json_array_append_new(list, str(c->services.items[i]));
	set(o, "services", list);
	list = json_array();
	for (i = 0; i < c->ncontacts; i++) {
		json_t *k = json_object();

		set(k, "name", str(c->contacts[i].name));
		set(k, "role", str(c->contacts[i].role));
		set(k, "email", str(c->contacts[i].email));
		set(k, "phone", str(c->contacts[i].phone));
		set(k, "telegram", str(c->contacts[i].telegram));
		set(k, "primary", json_boolean(c->contacts[i].primary));
		json_array_append_new(list, k);
	}
	set(o, "contacts", list);
	goals = json_object();
	n = acct_ynode_get(c->doc.root, "goals", NULL);
	{
		const struct acct_ynode *bz = acct_ynode_get(n, "business", NULL);
		const struct acct_ynode *kpi = acct_ynode_get(n, "kpi", NULL);

		set(goals, "business", bz && bz->type == ACCT_YSCALAR &&
		    !acct_ynode_is_null(bz) ? str(bz->value) : json_null());
		list = json_array();
		if (kpi && kpi->type == ACCT_YSEQ) {
			for (i = 0; i < kpi->n; i++)
				if (acct_ynode_deref(kpi->items[i])->type ==
				    ACCT_YSCALAR)
					json_array_append_new(list, str(
						acct_ynode_deref(kpi->items[i])->value));
		} else if (kpi && kpi->type == ACCT_YSCALAR &&
			   !acct_ynode_is_null(kpi)) {
			json_array_append_new(list, str(kpi->value));
		}
		set(goals, "kpi", list);
	}
	set(o, "goals", goals);
	if (c->budget.amount) {
		json_t *m = json_object();

		set(m, "amount", number(c->budget.amount));
		set(m, "currency", str(c->budget.currency));
		set(m, "period", str(c->budget.period));
		set(o, "budget", m);
	} else {
		set(o, "budget", json_null());
	}
	return o;
}

/* The brief's sections by key (dashes as underscores): title, text, lines. */
static json_t *brief_json(struct build *b, const char *slug, json_t *kpi)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_brief *br = NULL;
	json_t *o = json_object();
	size_t i;
	int rc = acct_brief_load(&br, b->book, slug, &err);

	if (rc < 0) {
		if (rc != ACCT_ENOTFOUND)
			report_bad(b, &err);
		return o;
	}
	for (i = 0; acct_brief_keys[i]; i++) {
		const struct acct_brief_section *s =
			acct_brief_section(br, acct_brief_keys[i]);
		json_t *sec, *lines;
		char key[32];
		const char *p, *q;
		size_t k;

		if (!s || s->empty)
			continue;
		snprintf(key, sizeof(key), "%s", acct_brief_keys[i]);
		for (k = 0; key[k]; k++)
			if (key[k] == '-')
				key[k] = '_';
		sec = json_object();
		set(sec, "title", str(s->title));
		set(sec, "text", str(s->text));
		lines = json_array();
		/* Each non-empty line without its list marker. */
		for (p = s->text; p && *p; p = *q ? q + 1 : q) {
			struct acct_buf line = ACCT_BUF_INIT;
			const char *start = p;

			q = strchr(p, '\n');
			if (!q)
				q = p + strlen(p);
			while (start < q && (*start == ' ' || *start == '\t'))
				start++;
			if (q - start >= 2 && strchr("-*+", *start) &&
			    start[1] == ' ')
				start += 2;
			acct_buf_add(&line, start, (size_t)(q - start));
			while (line.len && (line.buf[line.len - 1] == ' ' ||
					    line.buf[line.len - 1] == '\r'))
				acct_buf_setlen(&line, line.len - 1);
			if (line.len) {
				json_array_append_new(lines, str(line.buf));
				if (!strcmp(acct_brief_keys[i], "kpi")) {
					json_t *k2 = json_object();

					set(k2, "text", str(line.buf));
					set(k2, "source", json_string("brief"));
					json_array_append_new(kpi, k2);
				}
			}
			acct_buf_release(&line);
		}
		set(sec, "lines", lines);
		set(o, key, sec);
	}
	acct_brief_free(br);
	return o;
}

static int week_index(json_t *weeks, const char *label)
{
	size_t i;

	for (i = 0; i < json_array_size(weeks); i++)
		if (!strcmp(json_string_value(json_object_get(
			json_array_get(weeks, i), "week")), label))
			return (int)i;
	return -1;
}

static json_t *nps_json(struct build *b, const char *slug, json_t *charts)
{
	struct acct_nps_summary sum;
	struct acct_error err = ACCT_ERROR_INIT;
	const struct acct_period *p = &b->o->period;
	json_t *o = json_object(), *list, *c;
	char csat[16];
	size_t i;
	int nps, rc;

	rc = acct_nps_summary(&sum, b->book, slug, p, b->o->bad, b->o->data,
			      &err);
	if (rc < 0) {
		report_bad(b, &err);
		set(o, "nps", json_null());
		return o;
	}
	if (rc)
		b->bad = 1;
	{
		const struct acct_nps_stats *s = &sum.stats;

		set(o, "responses", json_integer(s->responses));
		set(o, "promoters", json_integer(s->promoters));
		set(o, "passives", json_integer(s->passives));
		set(o, "detractors", json_integer(s->detractors));
		set(o, "nps", acct_nps_score(s, &nps) ? json_integer(nps)
						      : json_null());
		set(o, "csat", acct_nps_csat(s, csat, sizeof(csat)) ?
		    json_real(strtod(csat, NULL)) : json_null());
		/* As shown: two decimals, "4.00". */
		set(o, "csat_text", s->csat_n ? json_string(csat) : json_null());
	}
	list = json_array();
	c = chart(word(b->locale, "NPS by quarter", "NPS по кварталам"),
		  "NPS", 1);
	for (i = 0; i < sum.ntrend; i++) {
		json_t *q = json_object();
		int has = acct_nps_score(&sum.trend[i].stats, &nps);

		set(q, "quarter", json_string(sum.trend[i].label));
		set(q, "nps", has ? json_integer(nps) : json_null());
		set(q, "responses", json_integer(sum.trend[i].stats.responses));
		json_array_append_new(list, q);
		chart_point(c, sum.trend[i].label, has ? json_integer(nps)
						       : json_null());
	}
	set(o, "trend", list);
	set(charts, "nps", c);
	list = json_array();
	if (slug && sum.n == 1) {
		const struct acct_nps_client *cl = &sum.clients[0];

		for (i = 0; i < cl->nanswers; i++) {
			const struct acct_nps_answer *a = cl->answers[i];
			json_t *x;

			if (!acct_period_has(p, &a->date))
				continue;
			x = json_object();
			set(x, "day", day(&a->date));
			set(x, "respondent", str(a->respondent));
			set(x, "role", str(a->role));
			set(x, "score", json_integer(a->score));
			set(x, "csat", a->csat ? json_integer(a->csat) : json_null());
			set(x, "comment", str(a->comment));
			set(x, "survey", str(a->survey));
			json_array_append_new(list, x);
		}
		if (cl->has_payout) {
			const struct acct_payout *pay = &cl->payout;
			const struct acct_money *fee = &cl->card->fee;
			json_t *f = json_object();

			set(f, "amount", number(fee->amount));
			set(f, "currency", str(fee->currency));
			set(f, "period", str(fee->period));
			set(f, "period_name", str(period_word(fee->period,
							      b->locale)));
			set(f, "floating", json_integer(pay->floating));
			set(f, "fixed_amount", number(pay->fixed));
			set(f, "floating_amount", number(pay->floating_amount));
			set(f, "band_min", pay->band_min >= -100 ?
			    json_integer(pay->band_min) : json_null());
			set(f, "pay", json_integer(pay->pay));
			set(f, "payout", number(pay->payout));
			set(f, "total", number(pay->total));
			set(o, "payout", f);
		}
	}
	if (!json_object_get(o, "payout"))
		set(o, "payout", json_null());
	set(o, "answers", list);
	acct_nps_summary_release(&sum);
	return o;
}

static int client_data(json_t *root, struct build *b, struct acct_client *c)
{
	const struct acct_report_opts *o = b->o;
	const struct acct_period *p = &o->period;
	struct acct_entry_list list = ACCT_ENTRY_LIST_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_date from;
	json_t *entries = json_array(), *decisions = json_array();
	json_t *done = json_array(), *open = json_array();
	json_t *questions = json_array(), *contacts = json_object();
	json_t *channels = json_object(), *weeks = json_array();
	json_t *charts = json_object(), *tables = json_object();
	json_t *kpi = json_array(), *t, *ch;
	static const char *const ch_order[] = {
		"call", "meeting", "email", "chat", "other", NULL,
	};
	long total = 0, out = 0, in = 0;
	struct acct_period w;
	size_t i;
	int rc;

	set(root, "client", client_json(c));
	/* The weeks of the period, for contacts per week. */
	acct_period_of(&w, ACCT_PERIOD_WEEK, &p->since);
	for (i = 0; i < 60 && acct_date_cmp(&w.since, &p->until) <= 0; i++) {
		json_t *x = json_object();
		struct acct_period next;

		set(x, "week", json_string(w.label));
		set(x, "count", json_integer(0));
		json_array_append_new(weeks, x);
		next = w;
		acct_date_from_days(&next.since, acct_date_to_days(&w.until) + 1);
		acct_period_of(&w, ACCT_PERIOD_WEEK, &next.since);
	}
	acct_date_from_days(&from, acct_date_to_days(&p->since) -
			    ACCT_REPORT_LOOKBACK);
	if (p->kind == ACCT_PERIOD_ALL)
		from = p->since;
	if ((rc = acct_entry_list(&list, b->book, c->slug, &from, &p->until,
				  &err)) < 0)
		return rc;
	/* Oldest first. */
	for (i = list.n; i-- > 0;) {
		struct acct_entry *e = NULL;
		struct acct_date d;
		char key[11];
		json_t *x, *dl, *al;
		size_t k;
		int in_period;

		memcpy(key, list.refs[i].key, 10);
		key[10] = '\0';
		if (acct_date_parse(&d, key, NULL) < 0)
			continue;
		in_period = acct_period_has(p, &d);
		if (acct_entry_load(&e, b->book, c->slug, list.refs[i].path,
				    &err) < 0) {
			report_bad(b, &err);
			acct_error_clear(&err);
			continue;
		}
		/* Notes are the agency's own: never in a client's report. */
		if (!strcmp(e->kind, "note")) {
			acct_entry_free(e);
			continue;
		}
		for (k = 0; k < e->nactions; k++) {
			const struct acct_action *a = &e->actions[k];

			if (a->done && in_period)
				json_array_append_new(done, action_json(a, e,
								 &o->today));
			if (!a->done) {
				json_array_append_new(open, action_json(a, e,
								 &o->today));
				if (a->owner && !strcmp(a->owner, "client"))
					json_array_append_new(questions,
						action_json(a, e, &o->today));
			}
		}
		if (!in_period) {
			acct_entry_free(e);
			continue;
		}
		x = json_object();
		{
			char when[ACCT_TIME_STRLEN];

			acct_time_format(when, &e->when);
			set(x, "date", json_string(when));
		}
		set(x, "day", day(&d));
		set(x, "channel", str(e->channel));
		set(x, "channel_name", str(channel_name(e->channel, b->locale)));
		set(x, "direction", str(e->direction));
		set(x, "kind", str(e->kind));
		set(x, "summary", str(e->summary));
		set(x, "by", str(e->by));
		set(x, "path", str(e->path));
		dl = json_array();
		for (k = 0; k < e->ndecisions; k++) {
			json_t *dd = json_object();

			json_array_append_new(dl, str(e->decisions[k]));
			set(dd, "text", str(e->decisions[k]));
			set(dd, "day", day(&d));
			set(dd, "summary", str(e->summary));
			json_array_append_new(decisions, dd);
		}
		set(x, "decisions", dl);
		al = json_array();
		for (k = 0; k < e->nactions; k++)
			json_array_append_new(al, action_json(&e->actions[k], e,
							      &o->today));
		set(x, "actions", al);
		json_array_append_new(entries, x);
		{
			json_t *cnt = json_object_get(channels, e->channel);
			struct acct_period ew;
			int wi;

			total++;
			if (e->direction && !strcmp(e->direction, "out"))
				out++;
			else if (e->direction && !strcmp(e->direction, "in"))
				in++;
			json_object_set_new(channels, e->channel, json_integer(
				(cnt ? json_integer_value(cnt) : 0) + 1));
			acct_period_of(&ew, ACCT_PERIOD_WEEK, &d);
			if ((wi = week_index(weeks, ew.label)) >= 0) {
				json_t *wx = json_array_get(weeks, (size_t)wi);

				json_object_set_new(wx, "count", json_integer(
					json_integer_value(json_object_get(wx,
								"count")) + 1));
			}
		}
		acct_entry_free(e);
	}
	acct_entry_list_release(&list);
	sort_actions(open);
	sort_actions(questions);
	set(root, "entries", entries);
	set(root, "decisions", decisions);
	set(root, "actions_done", done);
	set(root, "actions_open", open);
	set(root, "questions", questions);

	/* Contacts by channel, in a fixed order, and per week. */
	{
		static const char *const cols_en[] = { "Channel", "Contacts", NULL };
		static const char *const cols_ru[] = { "Канал", "Контакты", NULL };
		json_t *byc = json_array(), *c2;

		t = table(word(b->locale, "Contacts by channel",
			       "Контакты по каналам"),
			  strcmp(b->locale, "ru") ? cols_en : cols_ru);
		for (i = 0; ch_order[i]; i++) {
			long n = (long)json_integer_value(json_object_get(channels,
								ch_order[i]));
			json_t *row = json_array(), *x = json_object();

			set(x, "channel", json_string(ch_order[i]));
			set(x, "name", json_string(channel_name(ch_order[i],
								b->locale)));
			set(x, "count", json_integer(n));
			json_array_append_new(byc, x);
			json_array_append_new(row, json_string(channel_name(
				ch_order[i], b->locale)));
			json_array_append_new(row, json_integer(n));
			table_row(t, row);
		}
		{
			json_t *row = json_array();

			json_array_append_new(row, json_string(word(b->locale,
				"Total", "Всего")));
			json_array_append_new(row, json_integer(total));
			table_row(t, row);
		}
		set(tables, "contacts", t);
		set(contacts, "total", json_integer(total));
		set(contacts, "outgoing", json_integer(out));
		set(contacts, "incoming", json_integer(in));
		set(contacts, "channels", byc);
		set(contacts, "weeks", weeks);
		c2 = chart(word(b->locale, "Contacts per week",
				"Контакты по неделям"),
			   word(b->locale, "contacts", "контакты"), 0);
		for (i = 0; i < json_array_size(weeks); i++) {
			json_t *wx = json_array_get(weeks, i);

			chart_point(c2, json_string_value(json_object_get(wx,
								"week")),
				    json_incref(json_object_get(wx, "count")));
		}
		set(charts, "contacts", c2);
	}
	json_decref(channels);
	set(root, "contacts", contacts);

	set(root, "nps", nps_json(b, c->slug, charts));

	/* KPIs: the card's goals.kpi, then the brief's KPI lines. */
	ch = json_object_get(json_object_get(json_object_get(root, "client"),
					     "goals"), "kpi");
	for (i = 0; i < json_array_size(ch); i++) {
		json_t *k2 = json_object();

		set(k2, "text", json_incref(json_array_get(ch, i)));
		set(k2, "source", json_string("card"));
		json_array_append_new(kpi, k2);
	}
	set(root, "brief", brief_json(b, c->slug, kpi));
	{
		static const char *const cols_en[] = { "KPI", "Source", NULL };
		static const char *const cols_ru[] = { "KPI", "Источник", NULL };

		t = table("KPI", strcmp(b->locale, "ru") ? cols_en : cols_ru);
		for (i = 0; i < json_array_size(kpi); i++) {
			json_t *k2 = json_array_get(kpi, i), *row = json_array();
			int card = !strcmp(json_string_value(json_object_get(k2,
							"source")), "card");

			json_array_append_new(row, json_incref(json_object_get(k2,
									"text")));
			json_array_append_new(row, json_string(card ?
				word(b->locale, "card", "карточка") :
				word(b->locale, "brief", "бриф")));
			table_row(t, row);
		}
		set(tables, "kpi", t);
	}
	set(root, "kpi", kpi);
	set(root, "charts", charts);
	set(root, "tables", tables);
	return 0;
}

/* --- the portfolio ----------------------------------------------------- */

/* What an agenda item is called, in the locale. */
static const char *due_word(enum acct_agenda_kind k, const char *locale)
{
	static const char *const names[ACCT_DUE_KINDS][2] = {
		{ "detractor", "критик без ответа" },
		{ "overdue action", "просроченная задача" },
		{ "write first", "написать первым" },
		{ "call", "созвон" },
		{ "report", "отчёт" },
		{ "quarterly review", "квартальный обзор" },
		{ "NPS survey", "опрос NPS" },
		{ "action due today", "задача на сегодня" },
		{ "brief", "бриф" },
		{ "overload", "перегрузка" },
		{ "birthday", "день рождения" },
		{ "anniversary", "годовщина" },
	};

	return names[k][strcmp(locale, "ru") ? 0 : 1];
}

static void agenda_bad(void *data, const struct acct_error *err)
{
	report_bad(data, err);
}

static int portfolio_data(json_t *root, struct build *b,
			  struct acct_error *fail)
{
	struct acct_agenda agenda = ACCT_AGENDA_INIT;
	struct acct_agenda_opts ao = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	json_t *clients = json_array(), *managers = json_array();
	json_t *charts = json_object(), *tables = json_object(), *t, *nps;
	char **slugs = NULL;
	size_t nslugs = 0, i, j;
	int rc;
	static const char *const ccols_en[] = {
		"Client", "Manager", "Last contact", "Due", "NPS", NULL,
	};
	static const char *const ccols_ru[] = {
		"Клиент", "Менеджер", "Последний контакт", "Сроки", "NPS", NULL,
	};
	static const char *const mcols_en[] = {
		"Manager", "Active clients", "Limit", NULL,
	};
	static const char *const mcols_ru[] = {
		"Менеджер", "Активных клиентов", "Лимит", NULL,
	};

	ao.today = b->o->today;
	ao.bad = agenda_bad;
	ao.data = b;
	if ((rc = acct_agenda_build(&agenda, b->book, &ao, fail)) < 0)
		return rc;
	if ((rc = acct_client_slugs(&slugs, &nslugs, b->book, fail)) < 0) {
		acct_agenda_release(&agenda);
		return rc;
	}
	nps = nps_json(b, NULL, charts);
	t = table(word(b->locale, "Clients", "Клиенты"),
		  strcmp(b->locale, "ru") ? ccols_en : ccols_ru);
	for (i = 0; i < nslugs; i++) {
		struct acct_client *c = NULL;
		struct acct_entry_list list = ACCT_ENTRY_LIST_INIT;
		json_t *x, *due, *row;
		struct acct_nps_summary sum;
		int has_last = 0, score;
		struct acct_date last;
		struct acct_buf dues = ACCT_BUF_INIT;

		if (acct_client_load(&c, b->book, slugs[i], &err) < 0) {
			report_bad(b, &err);
			acct_error_clear(&err);
			continue;
		}
		if (strcmp(c->status, "active") || c->has_archived) {
			acct_client_free(c);
			continue;
		}
		/* The newest entry that is a contact, by file name. */
		if (acct_entry_list(&list, b->book, c->slug, NULL, &b->o->today,
				    &err) == 0) {
			for (j = 0; j < list.n && !has_last; j++) {
				struct acct_entry *e = NULL;

				if (acct_entry_load(&e, b->book, c->slug,
						    list.refs[j].path, &err) < 0) {
					report_bad(b, &err);
					acct_error_clear(&err);
					continue;
				}
				if (strcmp(e->kind, "note")) {
					acct_time_date(&last, &e->when);
					has_last = 1;
				}
				acct_entry_free(e);
			}
		}
		acct_entry_list_release(&list);
		x = json_object();
		set(x, "slug", json_string(c->slug));
		set(x, "name", str(c->name));
		set(x, "manager", str(c->manager));
		set(x, "last_contact", has_last ? day(&last) : json_null());
		due = json_array();
		for (j = 0; j < agenda.n; j++) {
			const struct acct_agenda_item *it = &agenda.items[j];
			json_t *d;

			if (!it->slug || strcmp(it->slug, c->slug))
				continue;
			d = json_object();
			set(d, "kind", json_string(acct_agenda_kind_name(it->kind)));
			set(d, "what", json_string(due_word(it->kind, b->locale)));
			set(d, "detail", str(it->detail));
			set(d, "overdue", it->has_due ? json_integer(it->overdue)
						      : json_null());
			json_array_append_new(due, d);
			acct_buf_addf(&dues, "%s%s", dues.len ? ", " : "",
				      due_word(it->kind, b->locale));
		}
		set(x, "due", due);
		set(x, "due_count", json_integer((json_int_t)json_array_size(due)));
		memset(&sum, 0, sizeof(sum));
		if (acct_nps_summary(&sum, b->book, c->slug, &b->o->period, NULL,
				     NULL, &err) == 0 &&
		    acct_nps_score(&sum.stats, &score))
			set(x, "nps", json_integer(score));
		else
			set(x, "nps", json_null());
		set(x, "responses", json_integer(sum.stats.responses));
		acct_nps_summary_release(&sum);
		acct_error_clear(&err);
		row = json_array();
		json_array_append_new(row, str(c->name));
		json_array_append_new(row, str(c->manager ? c->manager : "-"));
		json_array_append_new(row, has_last ? day(&last)
						    : json_string("-"));
		json_array_append_new(row, json_string(dues.len ? dues.buf : "-"));
		json_array_append_new(row, json_is_null(json_object_get(x, "nps"))
				      ? json_string("-")
				      : json_incref(json_object_get(x, "nps")));
		table_row(t, row);
		json_array_append_new(clients, x);
		acct_buf_release(&dues);
		acct_client_free(c);
	}
	set(tables, "clients", t);
	/* The load per manager. */
	t = table(word(b->locale, "Load per manager", "Нагрузка менеджеров"),
		  strcmp(b->locale, "ru") ? mcols_en : mcols_ru);
	for (i = 0; i < json_array_size(clients); i++) {
		const char *m = json_string_value(json_object_get(
			json_array_get(clients, i), "manager"));
		json_t *x = NULL;

		if (!m)
			m = "-";
		for (j = 0; j < json_array_size(managers); j++)
			if (!strcmp(json_string_value(json_object_get(
				json_array_get(managers, j), "manager")), m))
				x = json_array_get(managers, j);
		if (!x) {
			x = json_object();
			set(x, "manager", json_string(m));
			set(x, "clients", json_integer(0));
			json_array_append_new(managers, x);
		}
		set(x, "clients", json_integer(json_integer_value(
			json_object_get(x, "clients")) + 1));
	}
	for (j = 0; j < json_array_size(managers); j++) {
		json_t *x = json_array_get(managers, j), *row = json_array();
		int max = b->book->config.max_clients_per_manager;
		json_int_t n = json_integer_value(json_object_get(x, "clients"));

		set(x, "limit", json_integer(max));
		set(x, "over", json_boolean(max > 0 && n > max));
		json_array_append_new(row, json_incref(json_object_get(x,
								"manager")));
		json_array_append_new(row, json_integer(n));
		json_array_append_new(row, json_integer(max));
		table_row(t, row);
	}
	set(tables, "managers", t);
	set(root, "clients", clients);
	set(root, "managers", managers);
	set(root, "nps", nps);
	set(root, "charts", charts);
	set(root, "tables", tables);
	acct_slugs_free(slugs, nslugs);
	acct_agenda_release(&agenda);
	return 0;
}

int acct_report_data(json_t **out, struct acct_book *book,
		     const struct acct_report_opts *o, struct acct_error *err)
{
	struct build b = { book, o, o->locale ? o->locale : "en", 0 };
	json_t *root = json_object(), *next;
	struct acct_period np;
	struct acct_client *c = NULL;
	int rc;

	*out = NULL;
	set(root, "format", json_integer(1));
	set(root, "template", str(o->template));
	set(root, "locale", json_string(b.locale));
	set(root, "today", day(&o->today));
	set(root, "period", period_json(&o->period));
	if (o->period.kind != ACCT_PERIOD_ALL) {
		acct_date_from_days(&np.since, acct_date_to_days(&o->period.until) + 1);
		if (o->period.kind == ACCT_PERIOD_RANGE) {
			acct_date_from_days(&np.until, acct_date_to_days(&np.since) +
					    acct_date_to_days(&o->period.until) -
					    acct_date_to_days(&o->period.since));
			acct_period_range(&np, &np.since, &np.until);
		} else {
			acct_period_of(&np, o->period.kind, &np.since);
		}
		next = period_json(&np);
	} else {
		next = json_null();
	}
	set(root, "next_period", next);
	set(root, "portfolio", json_boolean(!o->slug));
	if (!o->slug) {
		rc = portfolio_data(root, &b, err);
	} else if ((rc = acct_client_load(&c, book, o->slug, err)) == 0) {
		rc = client_data(root, &b, c);
		acct_client_free(c);
	}
	if (rc < 0) {
		json_decref(root);
		return rc;
	}
	*out = root;
	return b.bad ? 1 : 0;
}

/* --- rendering ------------------------------------------------------------ */

int acct_report_format_parse(const char *s)
{
	static const char *const names[] = { "md", "html", "man", "latex",
					     "json" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(s, names[i]))
			return (int)i;
	return -1;
}

const char *acct_report_format_ext(enum acct_report_format f)
{
	static const char *const ext[] = { "md", "html", "7", "tex", "json" };

	return ext[f];
}

int acct_report_render(struct acct_buf *out, struct acct_book *book,
		       const json_t *data, const char *name,
		       enum acct_report_format format, struct acct_error *err)
{
	const char *locale = json_string_value(json_object_get(data, "locale"));
	struct acct_tpl_lookup lookup = { book->root, locale };
	struct acct_tpl_opts opts = {
		acct_tpl_escape_markdown, acct_tpl_lookup_load, &lookup, 0,
	};
	struct acct_buf md = ACCT_BUF_INIT, title = ACCT_BUF_INIT;
	const json_t *period = json_object_get(data, "period");
	const json_t *client = json_object_get(data, "client");
	int rc;

	if (format == ACCT_FORMAT_JSON) {
		char *s = json_dumps(data, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
				     JSON_REAL_PRECISION(15));

		acct_buf_addstr(out, s);
		acct_buf_addch(out, '\n');
		free(s);
		return 0;
	}
	if ((rc = acct_tpl_check_name(name, err)) < 0 ||
	    (rc = acct_tpl_render_named(&md, name, data, &opts, err)) < 0) {
		acct_buf_release(&md);
		return rc;
	}
	if (client)
		acct_buf_addf(&title, "%s: ", json_string_value(json_object_get(
			client, "name")));
	else
		acct_buf_addstr(&title, strcmp(locale ? locale : "en", "ru") ?
				"Portfolio: " : "Портфель: ");
	acct_buf_addstr(&title, json_string_value(json_object_get(period,
								  "label")));
	acct_render_markdown(out, md.buf, md.len, data, format, title.buf,
			     locale ? locale : "en",
			     json_string_value(json_object_get(data, "today")));
	acct_buf_release(&md);
	acct_buf_release(&title);
	return 0;
}
