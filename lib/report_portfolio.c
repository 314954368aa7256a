/*
 * The portfolio's data: every active client with its last contact, what
 * is due today (from the agenda) and NPS, and the load per manager.
 */
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/agenda.h"
#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/nps.h"
#include "acct/banned.h"


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
	};

	return names[k][strcmp(locale, "ru") ? 0 : 1];
}

static void agenda_bad(void *data, const struct acct_error *err)
{
	report_bad(data, err);
}

int report_portfolio_data(json_t *root, struct build *b,
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
	nps = report_nps_json(b, NULL, charts);
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
		set(x, "last_contact_text", has_last ? day_text(&last, b->locale)
						     : json_null());
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
		json_array_append_new(row, has_last ? day_text(&last, b->locale)
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
