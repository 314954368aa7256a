/*
 * The data of one client's report over a period: its card, the log's
 * entries, decisions and action items, contacts by channel and by week,
 * NPS (lib/report_nps.c), the brief, the KPIs, and the Results
 * (lib/report_results.c). Only the log files the period needs are read.
 */
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/kpi.h"
#include "acct/banned.h"

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

/*
 * `text` without its @handles (an item's @owner, a mention), and without
 * due:DATE words when `due`. Text that is nothing else stays as it is.
 */
static json_t *without_tags(const char *text, int due)
{
	struct acct_buf b = ACCT_BUF_INIT;
	const char *p = text;
	json_t *v;

	while (*p) {
		const char *end = p;

		while (*end && *end != ' ')
			end++;
		if (!(*p == '@' && end > p + 1) &&
		    !(due && end - p > 4 && !strncmp(p, "due:", 4))) {
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

/*
 * Text from the log as the report shows it: a client's report names none
 * of the agency's people, so its @handles go unless names are shown.
 */
static json_t *log_text(const struct build *b, const char *text)
{
	if (!text || b->names)
		return str(text);
	return without_tags(text, 0);
}

/* Who owns an action item, in words: "@anna" (when names are shown) or
 * the client's side; null for the agency's people otherwise. */
static json_t *owner_text(const struct build *b, const char *owner)
{
	if (!owner)
		return json_null();
	if (!strcmp(owner, "client"))
		return json_string(word(b->locale, "your side",
					"с вашей стороны"));
	if (!b->names)
		return json_null();
	{
		struct acct_buf t = ACCT_BUF_INIT;
		json_t *v;

		acct_buf_addf(&t, "@%s", owner);
		v = str(t.buf);
		acct_buf_release(&t);
		return v;
	}
}

static json_t *action_json(const struct build *b,
			   const struct acct_action *a,
			   const struct acct_entry *e)
{
	const struct acct_date *today = &b->o->today;
	json_t *o = json_object();
	char id[ACCT_ACTION_ID_LEN + 1];
	struct acct_date d;

	memcpy(id, a->id, ACCT_ACTION_ID_LEN);
	id[ACCT_ACTION_ID_LEN] = '\0';
	set(o, "id", json_string(id));
	set(o, "text", without_tags(a->text, 1));
	set(o, "owner", b->names || (a->owner && !strcmp(a->owner, "client")) ?
	    str(a->owner) : json_null());
	set(o, "owner_text", owner_text(b, a->owner));
	set(o, "due", a->has_due ? day(&a->due) : json_null());
	set(o, "due_text", a->has_due ? day_text(&a->due, b->locale)
				      : json_null());
	set(o, "overdue", json_boolean(!a->done && a->has_due &&
				       acct_date_cmp(&a->due, today) < 0));
	set(o, "done", json_boolean(a->done));
	acct_time_date(&d, &e->when);
	set(o, "day", day(&d));
	set(o, "day_text", day_text(&d, b->locale));
	/* A note's summary is the agency's own. */
	set(o, "entry", strcmp(e->kind, "note") ? log_text(b, e->summary) :
	    json_null());
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

static json_t *client_json(const struct acct_client *c, const char *locale)
{
	json_t *o = json_object(), *list, *goals;
	const struct acct_ynode *n;
	size_t i;

	set(o, "slug", json_string(c->slug));
	set(o, "name", str(c->name));
	set(o, "manager", str(c->manager));
	set(o, "status", str(c->status));
	set(o, "since", c->has_since ? day(&c->since) : json_null());
	set(o, "since_text", c->has_since ? day_text(&c->since, locale)
					  : json_null());
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
		set(m, "amount_text", amount_text(c->budget.amount,
						  c->budget.currency, locale));
		set(o, "budget", m);
	} else {
		set(o, "budget", json_null());
	}
	return o;
}

/* The KPIs as the report's data has them: text, source, sources. */
static json_t *kpi_json(const struct acct_kpi_list *kl)
{
	json_t *kpi = json_array();
	size_t i, j;

	for (i = 0; i < kl->n; i++) {
		const struct acct_kpi_item *it = &kl->items[i];
		json_t *k = json_object(), *sources = json_array();

		set(k, "text", str(it->text));
		set(k, "source", json_string(acct_kpi_source_name(it->source)));
		for (j = 0; j < it->norder; j++)
			json_array_append_new(sources, json_string(
				acct_kpi_source_name(it->order[j])));
		set(k, "sources", sources);
		json_array_append_new(kpi, k);
	}
	return kpi;
}

struct section_lines {
	json_t *lines;
	struct acct_kpi_list *kpi;	/* the kpi section's lines go here too */
};

static void add_line(const char *line, void *payload)
{
	struct section_lines *sl = payload;

	json_array_append_new(sl->lines, str(line));
	if (sl->kpi)
		acct_kpi_list_add(sl->kpi, line, ACCT_KPI_BRIEF);
}

/* The brief's sections by key (dashes as underscores): title, text, lines. */
static json_t *brief_json(struct build *b, const char *slug,
			  struct acct_kpi_list *kpi)
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
		{
			struct section_lines sl = { lines, NULL };

			if (!strcmp(acct_brief_keys[i], "kpi"))
				sl.kpi = kpi;
			acct_brief_lines(s->text, add_line, &sl);
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

int report_client_data(json_t *root, struct build *b,
		       struct acct_client *c)
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
	json_t *kpi, *t, *ch, *results;
	struct acct_kpi_list kl = ACCT_KPI_LIST_INIT;
	static const char *const ch_order[] = {
		"call", "meeting", "email", "chat", "other", NULL,
	};
	long total = 0, out = 0, in = 0;
	struct acct_period w;
	size_t i;
	int rc;

	set(root, "client", client_json(c, b->locale));
	/* The weeks of the period, for contacts per week. */
	acct_period_of(&w, ACCT_PERIOD_WEEK, &p->since);
	for (i = 0; i < 60 && acct_date_cmp(&w.since, &p->until) <= 0; i++) {
		json_t *x = json_object();
		struct acct_period next;

		struct acct_buf days = ACCT_BUF_INIT;

		set(x, "week", json_string(w.label));
		acct_format_days(&days, &w.since, &w.until, b->locale,
				 ACCT_FORMAT_SHORT);
		set(x, "text", json_string(days.buf));
		acct_buf_release(&days);
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
		int in_period, note;

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
		/* Every item counts; a note's own text never shows. */
		note = !strcmp(e->kind, "note");
		for (k = 0; k < e->nactions; k++) {
			const struct acct_action *a = &e->actions[k];

			if (a->done && in_period)
				json_array_append_new(done, action_json(b, a, e));
			if (!a->done) {
				json_array_append_new(open, action_json(b, a, e));
				if (a->owner && !strcmp(a->owner, "client"))
					json_array_append_new(questions,
						action_json(b, a, e));
			}
		}
		if (!in_period || note) {
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
		set(x, "day_text", day_text(&d, b->locale));
		set(x, "channel", str(e->channel));
		set(x, "channel_name", str(channel_name(e->channel, b->locale)));
		set(x, "direction", str(e->direction));
		set(x, "kind", str(e->kind));
		set(x, "summary", log_text(b, e->summary));
		set(x, "by", b->names ? str(e->by) : json_null());
		set(x, "path", str(e->path));
		dl = json_array();
		for (k = 0; k < e->ndecisions; k++) {
			json_t *dd = json_object();

			json_array_append_new(dl, log_text(b, e->decisions[k]));
			set(dd, "text", log_text(b, e->decisions[k]));
			set(dd, "day", day(&d));
			set(dd, "day_text", day_text(&d, b->locale));
			set(dd, "summary", log_text(b, e->summary));
			json_array_append_new(decisions, dd);
		}
		set(x, "decisions", dl);
		al = json_array();
		for (k = 0; k < e->nactions; k++)
			json_array_append_new(al, action_json(b, &e->actions[k], e));
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
								"text")),
				    json_incref(json_object_get(wx, "count")));
		}
		set(charts, "contacts", c2);
	}
	json_decref(channels);
	set(root, "contacts", contacts);

	set(root, "nps", report_nps_json(b, c->slug, charts));

	/* KPIs: the card's goals.kpi, then the brief's KPI lines. */
	ch = json_object_get(json_object_get(json_object_get(root, "client"),
					     "goals"), "kpi");
	for (i = 0; i < json_array_size(ch); i++)
		acct_kpi_list_add(&kl, json_string_value(json_array_get(ch, i)),
				  ACCT_KPI_CARD);
	set(root, "brief", brief_json(b, c->slug, &kl));
	kpi = kpi_json(&kl);
	results = report_results_json(b, c, &kl, charts, tables);
	acct_kpi_list_release(&kl);
	{
		static const char *const cols_en[] = { "KPI", "Source", NULL };
		static const char *const cols_ru[] = { "KPI", "Источник", NULL };

		t = table("KPI", strcmp(b->locale, "ru") ? cols_en : cols_ru);
		for (i = 0; i < json_array_size(kpi); i++) {
			json_t *k2 = json_array_get(kpi, i), *row = json_array();
			json_t *src;
			struct acct_buf where = ACCT_BUF_INIT;
			size_t j;

			json_array_append_new(row, json_incref(json_object_get(k2,
									"text")));
			json_array_foreach(json_object_get(k2, "sources"), j, src)
				acct_buf_addf(&where, "%s%s", j ? ", " : "",
					      !strcmp(json_string_value(src), "card") ?
					      word(b->locale, "card", "карточка") :
					      word(b->locale, "brief", "бриф"));
			json_array_append_new(row, json_string(where.buf));
			acct_buf_release(&where);
			table_row(t, row);
		}
		set(tables, "kpi", t);
	}
	set(root, "kpi", kpi);
	set(root, "results", results);
	set(root, "charts", charts);
	set(root, "tables", tables);
	return 0;
}
