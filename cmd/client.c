#include "cmd.h"

#include <string.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/person.h"
#include "acct/banned.h"

static const char *const client_usage[] = {
	N_("acct client <verb> [<args>]"),
	NULL,
};

static const char *const add_usage[] = {
	N_("acct client add <name> [--slug <slug>] [--status <status>] "
	"[--manager <manager>] [--service <service>]... [--email <email>] "
	"[--phone <phone>] [--telegram <telegram>] [--tag <tag>]... "
	"[--since <date>] [--budget <amount>] [--fee <amount> [--floating <percent>]] "
	"[--currency <code>] [--fast-channel <channel>] "
	"[--official-channel <channel>] [--goal <text>] [--kpi <text>]... "
	"[--campaign <name>]... [--locale <locale>]"),
	NULL,
};

static int client_add(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct acct_client_spec spec;
	struct opt_list services = OPT_LIST_INIT, tags = OPT_LIST_INIT,
			kpis = OPT_LIST_INIT, campaigns = OPT_LIST_INIT;
	struct acct_buf slug = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int quiet = 0, rc;
	const struct opt options[] = {
		OPT_STRING(0, "slug", &spec.slug, N_("slug"), N_("the client's id and folder (default: from the name)")),
		OPT_STRING(0, "status", &spec.status, N_("status"), N_("lead, active, paused or churned (default: active)")),
		OPT_STRING(0, "manager", &spec.manager, N_("manager"), N_("the account manager (default: git's user.name <user.email>)")),
		OPT_LIST(0, "service", &services, N_("service"), N_("a service the agency provides (repeatable)")),
		OPT_STRING(0, "email", &spec.email, N_("email"), N_("the client's e-mail address")),
		OPT_STRING(0, "phone", &spec.phone, N_("phone"), N_("the client's phone number")),
		OPT_STRING(0, "telegram", &spec.telegram, N_("telegram"), N_("the client's telegram account")),
		OPT_LIST(0, "tag", &tags, N_("tag"), N_("a tag (repeatable)")),
		OPT_STRING(0, "since", &spec.since, N_("date"), N_("when work started, YYYY-MM-DD (default: today)")),
		OPT_STRING(0, "budget", &spec.budget, N_("amount"), N_("the client's monthly ad budget")),
		OPT_STRING(0, "fee", &spec.fee, N_("amount"), N_("the agency's monthly fee")),
		OPT_STRING(0, "floating", &spec.floating, N_("percent"), N_("the share of the fee tied to NPS, 0-100")),
		OPT_STRING(0, "currency", &spec.currency, N_("code"), N_("of the budget and the fee, e.g. RUB (the fee's default: the book's currency)")),
		OPT_STRING(0, "fast-channel", &spec.fast_channel, N_("channel"), N_("the quick way to reach them: telegram, whatsapp, ... (see client set -h)")),
		OPT_STRING(0, "official-channel", &spec.official_channel, N_("channel"), N_("where decisions are confirmed in writing, e.g. email")),
		OPT_STRING(0, "goal", &spec.goal, N_("text"), N_("the client's business goal")),
		OPT_LIST(0, "kpi", &kpis, N_("text"), N_("a KPI, e.g. 'CPL <= 500 RUB' (repeatable)")),
		OPT_LIST(0, "campaign", &campaigns, N_("name"), N_("an ad campaign of theirs, for metric import (repeatable)")),
		OPT_STRING(0, "locale", &spec.locale, N_("locale"), N_("en or ru: the client's language for briefs and reports (default: the book's)")),
		OPT_BOOL('q', "quiet", &quiet, N_("print nothing on success")),
		OPT_END()
	};

	memset(&spec, 0, sizeof(spec));
	if ((argc = opt_parse(argc, argv, options, add_usage)) < 0) {
		rc = opt_exit(argc);
		goto out;
	}
	if (argc != 1) {
		rc = cmd_usage_error(add_usage, options, "expected one <name>");
		goto out;
	}
	if (cmd_open_book(ctx) < 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	spec.name = argv[0];
	spec.services = services.items;
	spec.nservices = services.n;
	spec.tags = tags.items;
	spec.ntags = tags.n;
	spec.kpis = kpis.items;
	spec.nkpis = kpis.n;
	spec.campaigns = campaigns.items;
	spec.ncampaigns = campaigns.n;
	rc = acct_client_add(&slug, ctx->book, &spec, &err);
	if (rc < 0) {
		rc = cmd_fail_with(&err, rc == ACCT_EUSAGE || rc == ACCT_EEXISTS
				   ? EXIT_USAGE : EXIT_FAIL);
		goto out;
	}
	if (!quiet)
		printf("%s\n", slug.buf);
	rc = EXIT_OK;
out:
	opt_list_release(&services);
	opt_list_release(&tags);
	opt_list_release(&kpis);
	opt_list_release(&campaigns);
	acct_buf_release(&slug);
	return rc;
}

static void put_list(struct out *o, const char *key,
		     const struct acct_strlist *l)
{
	size_t i;

	out_list_begin(o, key, OUT_INLINE);
	for (i = 0; i < l->n; i++)
		out_str(o, NULL, l->items[i]);
	out_list_end(o);
}

static void put_date(struct out *o, const char *key, int has,
		     const struct acct_date *d)
{
	char s[ACCT_DATE_STRLEN];

	if (!has) {
		out_str(o, key, NULL);
		return;
	}
	acct_date_format(s, d);
	out_str(o, key, s);
}

static void put_money(struct out *o, const char *key,
		      const struct acct_money *m)
{
	if (!m->amount && !m->currency) {
		out_str(o, key, NULL);
		return;
	}
	out_map_begin(o, key);
	out_number(o, "amount", m->amount);
	out_str(o, "currency", m->currency);
	out_str(o, "period", m->period);
	if (m->floating)
		out_number(o, "floating", m->floating);
	out_map_end(o);
}

/* A key acct does not know, as text. */
static void put_extra(const char *key, const char *text, void *payload)
{
	out_str(payload, key, text);
}

/* The whole card, for client show. */
static void put_card(struct out *o, const struct acct_client *c, int json)
{
	size_t i;

	out_str(o, "slug", c->slug);
	out_str(o, "name", c->name);
	out_str(o, "status", c->status);
	put_date(o, "since", c->has_since, &c->since);
	put_date(o, "archived", c->has_archived, &c->archived);
	out_str(o, "manager", c->manager);
	put_list(o, "services", &c->services);
	out_str(o, "email", c->email);
	out_str(o, "phone", c->phone);
	out_str(o, "telegram", c->telegram);
	out_str(o, "style", c->style);
	out_str(o, "locale", c->locale);
	out_str(o, "timezone", c->timezone);
	out_str(o, "hours", c->hours);
	out_str(o, "source", c->source);
	out_map_begin(o, "cadence");
	out_str(o, "contact", c->cadence.contact);
	out_str(o, "call", c->cadence.call);
	out_str(o, "report", c->cadence.report);
	out_str(o, "nps", c->cadence.nps);
	out_str(o, "review", c->cadence.review);
	out_map_end(o);
	put_money(o, "budget", &c->budget);
	put_money(o, "fee", &c->fee);
	if (c->has_channels) {
		out_map_begin(o, "channels");
		out_str(o, "fast", c->channels.fast);
		out_str(o, "official", c->channels.official);
		out_map_end(o);
	} else {
		out_str(o, "channels", NULL);
	}
	if (c->has_goals) {
		out_map_begin(o, "goals");
		out_str(o, "business", c->goals.business);
		out_str(o, "marketing", c->goals.marketing);
		out_str(o, "project", c->goals.project);
		put_list(o, "kpi", &c->goals.kpi);
		out_map_end(o);
	} else {
		out_str(o, "goals", NULL);
	}
	/*
	 * Text aligns the keys by every list, shown or not: a card without
	 * campaigns is shown as it was before they were a key.
	 */
	if (json || c->campaigns.n)
		put_list(o, "campaigns", &c->campaigns);
	put_list(o, "tags", &c->tags);
	out_list_begin(o, "contacts", OUT_TABLE);
	for (i = 0; i < c->ncontacts; i++) {
		const struct acct_contact *k = &c->contacts[i];

		out_map_begin(o, NULL);
		client_put_contact(o, k);
		out_bool(o, "primary", k->primary);
		out_map_end(o);
	}
	out_list_end(o);
	out_map_begin(o, "extra");
	acct_client_extra(c, put_extra, o);
	out_map_end(o);
}

static const char *const list_usage[] = {
	N_("acct client list [--status <status>] [--manager <manager>] [--tag <tag>] "
	"[--all] [--json] [--names]"),
	NULL,
};

static int has_tag(const struct acct_client *c, const char *tag)
{
	size_t i;

	for (i = 0; i < c->tags.n; i++)
		if (!strcmp(c->tags.items[i], tag))
			return 1;
	return 0;
}

static int client_list(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const char *status = NULL, *manager = NULL, *tag = NULL;
	int all = 0, json = 0, names = 0, bad = 0;
	const struct opt options[] = {
		OPT_STRING(0, "status", &status, N_("status"), N_("only clients with this status")),
		OPT_STRING(0, "manager", &manager, N_("manager"), N_("only this manager's clients: any part of the name or e-mail, any case")),
		OPT_STRING(0, "tag", &tag, N_("tag"), N_("only clients with this tag")),
		OPT_BOOL('a', "all", &all, N_("archived clients too")),
		OPT_BOOL(0, "json", &json, N_("print JSON")),
		OPT_BOOL(0, "names", &names, N_("print only the slugs, archived too (for completion)")),
		OPT_END()
	};
	struct acct_error err = ACCT_ERROR_INIT;
	char **slugs = NULL, **managers = NULL;
	size_t n = 0, i;
	struct out *o;
	int rc;

	if ((argc = opt_parse(argc, argv, options, list_usage)) < 0)
		return opt_exit(argc);
	if (argc)
		return cmd_usage_error(list_usage, options, "unexpected '%s'", argv[0]);
	if (manager && !*manager)
		return cmd_usage_error(list_usage, options, "--manager must not "
				       "be empty");
	if (status && !acct_client_status_ok(status))
		return cmd_usage_error(list_usage, options, "--status must be one of "
				       "lead, active, paused, churned, not '%s'",
				       status);
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (acct_client_slugs(&slugs, &n, ctx->book, &err) < 0)
		return cmd_fail(&err);
	o = out_begin(ctx, json);
	managers = acct_calloc(n + 1, sizeof(*managers));
	out_list_begin(o, names ? "names" : "clients", names ? OUT_LINES : OUT_TABLE);
	for (i = 0; i < n; i++) {
		struct acct_client *c = NULL;

		if (names) {
			out_str(o, NULL, slugs[i]);
			continue;
		}
		if (acct_client_load(&c, ctx->book, slugs[i], &err) < 0) {
			out_error(o, &err);
			bad = 1;
			continue;
		}
		if (c->manager)
			managers[i] = acct_strdup(c->manager);
		if ((c->has_archived && !all) ||
		    (status && strcmp(c->status, status)) ||
		    (manager && !acct_person_matches(c->manager, manager, 0)) ||
		    (tag && !has_tag(c, tag))) {
			acct_client_free(c);
			continue;
		}
		out_map_begin(o, NULL);
		out_str(o, "slug", c->slug);
		out_str(o, "name", c->name);
		out_str(o, "status", c->status);
		out_str(o, "manager", c->manager);
		if (json) {
			put_date(o, "since", c->has_since, &c->since);
			put_date(o, "archived", c->has_archived, &c->archived);
			put_list(o, "services", &c->services);
			put_list(o, "tags", &c->tags);
		}
		out_map_end(o);
		acct_client_free(c);
	}
	out_list_end(o);
	/* A manager no card names is a mistake, not an empty list. */
	if (manager && !names &&
	    acct_manager_check((const char *const *)managers, n, manager,
			       &err) < 0) {
		out_abort(o);
		rc = cmd_fail(&err);
	} else {
		if (out_end(o) < 0)
			bad = 1;
		rc = bad ? EXIT_FAIL : EXIT_OK;
	}
	acct_slugs_free(managers, n);
	acct_slugs_free(slugs, n);
	return rc;
}

static const char *const show_usage[] = {
	N_("acct client show <client> [--json]"),
	NULL,
};

static int client_show(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct acct_client *c = NULL;
	int json = 0, rc;
	const struct opt options[] = {
		OPT_BOOL(0, "json", &json, N_("print JSON")),
		OPT_END()
	};
	struct out *o;

	if ((argc = opt_parse(argc, argv, options, show_usage)) < 0)
		return opt_exit(argc);
	if (argc != 1)
		return cmd_usage_error(show_usage, options, "expected one <client>");
	if ((rc = cmd_load_client(&c, ctx, argv[0])) != 0)
		return rc;
	o = out_begin(ctx, json);
	out_map_begin(o, "client");
	put_card(o, c, json);
	out_map_end(o);
	rc = out_end(o) < 0 ? EXIT_FAIL : EXIT_OK;
	acct_client_free(c);
	return rc;
}

static const struct cmd_verb client_verbs[] = {
	{ "add", client_add, N_("create a client card") },
	{ "archive", client_archive, N_("archive a client: hidden and never due") },
	{ "contact", client_contact, N_("add, remove and list the card's contacts") },
	{ "edit", client_edit, N_("edit the card in $EDITOR") },
	{ "list", client_list, N_("list the clients") },
	{ "rename", client_rename, N_("change the client's name (and slug)") },
	{ "set", client_set, N_("set, add to, remove from or unset a field") },
	{ "show", client_show, N_("show one client's card") },
	{ "unarchive", client_unarchive, N_("bring an archived client back") },
	{ NULL, NULL, NULL },
};

int cmd_client(int argc, const char **argv, struct cmd_ctx *ctx)
{
	return cmd_run_verb(argc, argv, ctx, client_verbs, client_usage);
}
