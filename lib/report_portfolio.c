/*
 * The portfolio's data: every active client with its last contact, what
 * is due today (from the agenda), NPS and the health score, and the load
 * per manager.
 */
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/agenda.h"
#include "acct/book.h"
#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/facts.h"
#include "acct/kpi.h"
#include "acct/nps.h"
#include "acct/period.h"
#include "acct/banned.h"


/* What an agenda item is called, one or several, in each language. */
static const struct {
	const char *en[2];	/* one, many */
	const char *ru[3];	/* one, few, many (see acct_plural()) */
} due_words[ACCT_DUE_KINDS] = {
	{ { "detractor", "detractors" },
	  { "критик без ответа", "критика без ответа", "критиков без ответа" } },
	{ { "overdue action", "overdue actions" },
	  { "просроченная задача", "просроченные задачи", "просроченных задач" } },
	{ { "write first", "write first" },
	  { "написать первым", "написать первым", "написать первым" } },
	{ { "call", "calls" }, { "созвон", "созвона", "созвонов" } },
	{ { "report", "reports" }, { "отчёт", "отчёта", "отчётов" } },
	{ { "quarterly review", "quarterly reviews" },
	  { "квартальный обзор", "квартальных обзора", "квартальных обзоров" } },
	{ { "NPS survey", "NPS surveys" },
	  { "опрос NPS", "опроса NPS", "опросов NPS" } },
	{ { "action due today", "actions due today" },
	  { "задача на сегодня", "задачи на сегодня", "задач на сегодня" } },
	{ { "brief", "briefs" }, { "бриф", "брифа", "брифов" } },
	{ { "overload", "overloads" }, { "перегрузка", "перегрузки", "перегрузок" } },
	{ { "birthday", "birthdays" },
	  { "день рождения", "дня рождения", "дней рождения" } },
	{ { "anniversary", "anniversaries" },
	  { "годовщина", "годовщины", "годовщин" } },
	{ { "KPI missed", "KPIs missed" },
	  { "KPI не выполнен", "KPI не выполнены", "KPI не выполнены" } },
	{ { "metrics missing", "metrics missing" },
	  { "нет цифр", "нет цифр", "нет цифр" } },
	{ { "at risk", "at risk" },
	  { "под угрозой", "под угрозой", "под угрозой" } },
};

/* `n` items of kind `k`: "write first", "3 overdue actions", "3 задачи". */
static void due_count(struct acct_buf *out, enum acct_agenda_kind k, long n,
		      const char *locale)
{
	const char *w = strcmp(locale, "ru") ?
		acct_plural(n, locale, due_words[k].en[0], NULL,
			    due_words[k].en[1]) :
		acct_plural(n, locale, due_words[k].ru[0], due_words[k].ru[1],
			    due_words[k].ru[2]);

	if (n == 1)
		acct_buf_addstr(out, w);
	else
		acct_buf_addf(out, "%ld %s", n, w);
}

/* Since when: "due today", "3 days overdue"; "срок сегодня", "просрочено
 * на 3 дня"; null for what has no day (a brief). */
static json_t *overdue_text(const struct acct_agenda_item *it,
			    const char *locale)
{
	struct acct_buf t = ACCT_BUF_INIT;
	json_t *v;
	int ru = !strcmp(locale, "ru");

	if (!it->has_due)
		return json_null();
	if (it->overdue <= 0)
		return json_string(ru ? "срок сегодня" : "due today");
	if (ru)
		acct_buf_addf(&t, "просрочено на %d %s", it->overdue,
			      acct_plural(it->overdue, locale, "день", "дня",
					  "дней"));
	else
		acct_buf_addf(&t, "%d %s overdue", it->overdue,
			      acct_plural(it->overdue, locale, "day", NULL,
					  "days"));
	v = json_string(t.buf);
	acct_buf_release(&t);
	return v;
}

/* An action's text without its due:DATE (the item says since when). */
static void without_due(struct acct_buf *out, const char *text)
{
	while (*text) {
		const char *end = strchr(text, ' ');
		size_t n = end ? (size_t)(end - text) : strlen(text);

		if (!(n > 4 && !strncmp(text, "due:", 4))) {
			if (out->len)
				acct_buf_addch(out, ' ');
			acct_buf_add(out, text, n);
		}
		text += n;
		while (*text == ' ')
			text++;
	}
}

/* "missing: ...; empty: ..." of a brief, with the Russian headings. */
static void brief_ru(struct acct_buf *out, struct build *b, const char *slug)
{
	struct acct_brief_findings f = ACCT_BRIEF_FINDINGS_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_brief *br = NULL;
	size_t i;

	if (acct_brief_load(&br, b->book, slug, &err) < 0 || !br) {
		acct_buf_addstr(out, "брифа ещё нет");
		acct_error_clear(&err);
		return;
	}
	acct_brief_find(&f, br);
	if (f.nmissing) {
		acct_buf_addstr(out, "нет разделов:");
		for (i = 0; i < f.nmissing; i++)
			acct_buf_addf(out, "%s %s", i ? "," : "",
				      acct_brief_title(f.missing[i], "ru"));
	}
	if (f.nempty) {
		acct_buf_addstr(out, f.nmissing ? "; пустые:" : "пустые разделы:");
		for (i = 0; i < f.nempty; i++)
			acct_buf_addf(out, "%s %s", i ? "," : "",
				      acct_brief_title(f.empty[i], "ru"));
	}
	acct_brief_findings_release(&f);
	acct_brief_free(br);
}

/* A KPI's figure in Russian: "1020,5", "1,2 %" as the number goes. */
static void figure_ru(struct acct_buf *out, const char *fig)
{
	size_t n = strlen(fig);
	char *digits = acct_strndup(fig, n && fig[n - 1] == '%' ? n - 1 : n);

	acct_format_number(out, digits, "ru");
	if (n && fig[n - 1] == '%')
		acct_buf_addstr(out, "\xc2\xa0%");
	free(digits);
}

/*
 * What exactly is due, in the locale: the agenda says it in English; in
 * Russian it is said again from what the item refers to (the answer, the
 * action, the brief).
 */
static json_t *due_detail(struct build *b, const struct acct_agenda_item *it)
{
	struct acct_buf d = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_nps_answer *a = NULL;
	int ru = !strcmp(b->locale, "ru"), has = it->has_last;
	json_t *v;

	switch (it->kind) {
	case ACCT_DUE_ACTION:
	case ACCT_DUE_TODAY:
		without_due(&d, it->detail ? it->detail : "");
		break;
	case ACCT_DUE_DETRACTOR:
		if (!ru || !it->ref ||
		    acct_nps_load(&a, b->book, it->slug, it->ref, &err) < 0) {
			acct_buf_addstr(&d, it->detail ? it->detail : "");
			acct_error_clear(&err);
			break;
		}
		acct_buf_addf(&d, "%s, оценка %d%s%s", a->respondent ?
			      a->respondent : "анонимный ответ", a->score,
			      a->comment ? ": " : "",
			      a->comment ? a->comment : "");
		for (char *p = d.buf; *p; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
		acct_nps_free(a);
		break;
	case ACCT_DUE_CONTACT:
		acct_buf_addstr(&d, !ru ? it->detail : has ?
				"не было исходящего контакта с прошлого раза" :
				"исходящих контактов ещё не было");
		break;
	case ACCT_DUE_CALL:
		acct_buf_addstr(&d, !ru ? it->detail : has ?
				"не было звонка или встречи с прошлого раза" :
				"звонков и встреч ещё не было");
		break;
	case ACCT_DUE_REPORT:
		acct_buf_addstr(&d, !ru ? it->detail :
				it->ref && !strcmp(it->ref, "weekly") ?
				"еженедельная сводка" :
				it->ref && !strcmp(it->ref, "monthly") ?
				"ежемесячный отчёт" : "периодический отчёт");
		break;
	case ACCT_DUE_REVIEW:
		acct_buf_addstr(&d, !ru ? it->detail : has ? "квартальный обзор"
				: "первый квартальный обзор");
		break;
	case ACCT_DUE_NPS:
		acct_buf_addstr(&d, !ru ? it->detail : has ?
				"нет ответа NPS с прошлого раза" :
				"ответов NPS ещё не было");
		break;
	case ACCT_DUE_BRIEF:
		if (ru)
			brief_ru(&d, b, it->slug);
		else
			acct_buf_addstr(&d, it->detail ? it->detail : "");
		break;
	case ACCT_DUE_KPI:
		if (!ru) {
			acct_buf_addstr(&d, it->detail);
			break;
		}
		acct_buf_addf(&d, "%s: ", it->kpi);
		figure_ru(&d, it->actual);
		acct_buf_addf(&d, " за %s (цель ", it->ref);
		figure_ru(&d, it->target);
		acct_buf_addch(&d, ')');
		break;
	case ACCT_DUE_METRICS:
		if (ru)
			acct_buf_addf(&d, "за %s, а они нужны для "
				      "ежемесячного отчёта", it->ref);
		else
			acct_buf_addstr(&d, it->detail);
		break;
	case ACCT_DUE_RISK:
		if (!ru) {
			acct_buf_addstr(&d, it->detail);
			break;
		}
		acct_buf_addf(&d, "индекс здоровья %d", it->score);
		if (it->score < b->book->config.health.at_risk)
			acct_buf_addf(&d, ", ниже %d",
				      b->book->config.health.at_risk);
		if (it->has_was) {
			char on[ACCT_DATE_STRLEN];

			acct_date_format(on, &it->was_on);
			acct_buf_addf(&d, ", упал на %d с %d (%s)",
				      it->was - it->score, it->was, on);
		}
		break;
	default:
		acct_buf_addstr(&d, it->detail ? it->detail : "");
		break;
	}
	v = str(d.buf);
	acct_buf_release(&d);
	return v;
}

/*
 * The client's KPIs measured for the portfolio's period, as a client's
 * report has them ("kpis"), their tally ("kpi_status": "2 of 3 KPIs
 * met; missed: ..."), and that text in the table's row ("-" without a
 * measurable KPI).
 */
static void kpi_status(json_t *x, json_t *row, struct build *b,
		       const struct acct_client_facts *cf)
{
	struct acct_kpi_list kl = ACCT_KPI_LIST_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	const struct acct_client *c = cf->card;
	json_t *res, *text;

	if (acct_facts_kpi_list(&kl, b->book, cf, &err) < 0) {
		report_bad(b, &err);
		acct_error_clear(&err);
	}
	res = report_results_json(b, c, &kl, NULL, NULL);
	acct_kpi_list_release(&kl);
	set(x, "kpis", json_is_object(res) ?
	    json_incref(json_object_get(res, "kpis")) : json_array());
	set(x, "kpi_status", json_is_object(res) ?
	    json_incref(json_object_get(res, "summary")) : json_null());
	text = json_object_get(json_object_get(res, "summary"), "text");
	json_array_append_new(row, json_is_string(text) ? json_incref(text)
							: json_string("-"));
	json_decref(res);
}

/* The kind that comes `n`th in the order of urgency. */
static enum acct_agenda_kind by_rank(size_t n)
{
	int k;

	for (k = 0; k < ACCT_DUE_KINDS; k++)
		if (acct_agenda_kind_rank((enum acct_agenda_kind)k) == (int)n)
			return (enum acct_agenda_kind)k;
	return (enum acct_agenda_kind)n;
}

static void agenda_bad(void *data, const struct acct_error *err)
{
	report_bad(data, err);
}

/* An item of the agenda by its client: the client's slug and its place. */
struct item_at {
	const char *slug;
	size_t i;
};

static int item_at_cmp(const void *x, const void *y)
{
	const struct item_at *a = x, *b = y;
	int c = strcmp(a->slug, b->slug);

	return c ? c : a->i < b->i ? -1 : a->i > b->i;
}

/* The first of the items of `slug` in `v` (n of them, sorted), or n. */
static size_t first_of(const struct item_at *v, size_t n, const char *slug)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(v[mid].slug, slug) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * A client's NPS and responses in `period` from its facts, as
 * acct_nps_summary() works them out from the files: the answers whose
 * file name dates from the trend's start to the period's end, that load,
 * and whose date lies in the period (CSAT plays no part in these two).
 */
static void period_nps(struct acct_nps_stats *out,
		       const struct acct_client_facts *cf,
		       const struct acct_period *period)
{
	struct acct_date since;
	size_t i;

	memset(out, 0, sizeof(*out));
	acct_nps_summary_since(&since, period);
	for (i = 0; i < cf->nanswers; i++) {
		const struct acct_fact_answer *a = &cf->answers[i];

		if (a->bad || acct_date_cmp(&a->named, &since) < 0 ||
		    acct_date_cmp(&a->named, &period->until) > 0 ||
		    !acct_period_has(period, &a->date))
			continue;
		acct_nps_stats_add(out, a->score, 0);
	}
}

/*
 * The date of the newest entry that is a contact (by file name, up to
 * today), as the portfolio has always found it: an entry that does not
 * load on the way is passed over (the agenda, which reads the same
 * entries of an active client, told it).
 */
static int last_contact(struct acct_date *last, struct build *b,
			const struct acct_client_facts *cf)
{
	uint32_t today = acct_facts_keyday(&b->o->today);
	size_t j;

	if (cf->log_bad)
		return 0;
	for (j = 0; j < cf->nentries; j++) {
		const struct acct_fact_entry *e = &cf->entries[j];

		if (e->keyday > today)
			continue;
		if (e->bad) {
			b->bad = 1;
			continue;
		}
		if (strcmp(e->kind, "note")) {
			*last = e->when;
			return 1;
		}
	}
	return 0;
}

int report_portfolio_data(json_t *root, struct build *b,
			  struct acct_error *fail)
{
	struct acct_agenda agenda = ACCT_AGENDA_INIT;
	struct acct_agenda_opts ao = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	json_t *clients = json_array(), *managers = json_array();
	json_t *charts = json_object(), *tables = json_object(), *t, *nps;
	struct acct_facts *facts = NULL;
	struct item_at *order = NULL;
	const char **mnames;
	size_t i, j, it_at, next_score = 0, nmanagers = 0;
	int rc;
	static const char *const ccols_en[] = {
		"Client", "Manager", "Last contact", "Due", "NPS", "Health",
		"KPIs", NULL,
	};
	static const char *const ccols_ru[] = {
		"Клиент", "Менеджер", "Последний контакт", "Сроки", "NPS",
		"Здоровье", "KPI", NULL,
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
	/* The agenda's facts: read once, for it and for each client's row. */
	if ((rc = acct_facts_load(&facts, b->book, ACCT_FACTS_ACTIVE,
				  fail)) < 0)
		return rc;
	ao.facts = facts;
	if ((rc = acct_agenda_build(&agenda, b->book, &ao, fail)) < 0) {
		acct_facts_free(facts);
		return rc;
	}
	/* Each client's items, in the agenda's order, found by slug. */
	order = acct_calloc(agenda.n + 1, sizeof(*order));
	for (i = 0; i < agenda.n; i++) {
		order[i].slug = agenda.items[i].slug ? agenda.items[i].slug : "";
		order[i].i = i;
	}
	if (agenda.n)
		qsort(order, agenda.n, sizeof(*order), item_at_cmp);

	nps = report_nps_portfolio_json(b, facts, charts);
	t = table(word(b->locale, "Clients", "Клиенты"),
		  strcmp(b->locale, "ru") ? ccols_en : ccols_ru);
	for (i = 0; i < acct_facts_count(facts); i++) {
		const struct acct_client_facts *cf = acct_facts_at(facts, i);
		const struct acct_client *c = cf->card;
		json_t *x, *due, *row;
		struct acct_nps_stats stats;
		int has_last = 0, score;
		struct acct_date last;
		struct acct_buf dues = ACCT_BUF_INIT, what = ACCT_BUF_INIT;
		long counts[ACCT_DUE_KINDS] = { 0 };

		/* A card that does not load: the agenda told it. */
		if (!c)
			continue;
		if (strcmp(c->status, "active") || c->has_archived)
			continue;
		has_last = last_contact(&last, b, cf);
		x = json_object();
		set(x, "slug", json_string(c->slug));
		set(x, "name", str(c->name));
		set(x, "manager", str(c->manager));
		set(x, "last_contact", has_last ? day(&last) : json_null());
		set(x, "last_contact_text", has_last ? day_text(&last, b->locale)
						     : json_null());
		due = json_array();
		for (it_at = first_of(order, agenda.n, c->slug);
		     it_at < agenda.n && !strcmp(order[it_at].slug, c->slug);
		     it_at++) {
			const struct acct_agenda_item *it =
				&agenda.items[order[it_at].i];
			json_t *d;

			d = json_object();
			set(d, "kind", json_string(acct_agenda_kind_name(it->kind)));
			acct_buf_reset(&what);
			due_count(&what, it->kind, 1, b->locale);
			set(d, "what", json_string(what.buf));
			set(d, "detail", due_detail(b, it));
			set(d, "overdue", it->has_due ? json_integer(it->overdue)
						      : json_null());
			set(d, "overdue_text", overdue_text(it, b->locale));
			json_array_append_new(due, d);
			counts[it->kind]++;
		}
		/* The table's cell names each kind once, with its count, most
		 * urgent first: "3 overdue actions, call". */
		for (j = 0; j < ACCT_DUE_KINDS; j++) {
			enum acct_agenda_kind k = by_rank(j);

			if (!counts[k])
				continue;
			acct_buf_addstr(&dues, dues.len ? ", " : "");
			due_count(&dues, k, counts[k], b->locale);
		}
		set(x, "due", due);
		set(x, "due_count", json_integer((json_int_t)json_array_size(due)));
		period_nps(&stats, cf, &b->o->period);
		if (acct_nps_score(&stats, &score))
			set(x, "nps", json_integer(score));
		else
			set(x, "nps", json_null());
		set(x, "responses", json_integer(stats.responses));
		/* The health score, as the agenda worked it out: its scores
		 * come in the order of the clients, by slug. */
		set(x, "health", json_null());
		while (next_score < agenda.nscores &&
		       strcmp(agenda.scores[next_score].slug, c->slug) < 0)
			next_score++;
		if (next_score < agenda.nscores &&
		    !strcmp(agenda.scores[next_score].slug, c->slug) &&
		    agenda.scores[next_score].has_score)
			set(x, "health",
			    json_integer(agenda.scores[next_score].score));
		acct_error_clear(&err);
		row = json_array();
		json_array_append_new(row, str(c->name));
		json_array_append_new(row, str(c->manager ? c->manager : "-"));
		json_array_append_new(row, has_last ? day_text(&last, b->locale)
						    : json_string("-"));
		json_array_append_new(row, json_string(dues.len ? dues.buf : "-"));
		json_array_append_new(row, json_is_null(json_object_get(x, "nps"))
				      ? json_string("-")
				      : json_incref(json_object_get(x, "nps")));
		json_array_append_new(row,
				      json_is_null(json_object_get(x, "health"))
				      ? json_string("-")
				      : json_incref(json_object_get(x, "health")));
		kpi_status(x, row, b, cf);
		table_row(t, row);
		json_array_append_new(clients, x);
		acct_buf_release(&dues);
		acct_buf_release(&what);
	}
	/* Last contact is a date: HTML keeps it on one line. */
	set(t, "date_columns", json_pack("[i]", 2));
	set(tables, "clients", t);
	/* The load per manager. */
	t = table(word(b->locale, "Load per manager", "Нагрузка менеджеров"),
		  strcmp(b->locale, "ru") ? mcols_en : mcols_ru);
	/* Each manager's name, as in `managers` (found without JSON). */
	mnames = acct_calloc(json_array_size(clients) + 1, sizeof(*mnames));
	for (i = 0; i < json_array_size(clients); i++) {
		const char *m = json_string_value(json_object_get(
			json_array_get(clients, i), "manager"));
		json_t *x = NULL;

		if (!m)
			m = "-";
		for (j = 0; j < nmanagers && !x; j++)
			if (!strcmp(mnames[j], m))
				x = json_array_get(managers, j);
		if (!x) {
			x = json_object();
			set(x, "manager", json_string(m));
			set(x, "clients", json_integer(0));
			json_array_append_new(managers, x);
			mnames[nmanagers++] = m;
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
	free(order);
	free(mnames);
	acct_agenda_release(&agenda);
	acct_facts_free(facts);
	return 0;
}
