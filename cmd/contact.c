/* acct client contact add, rm, list: the card's contacts. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/occasion.h"
#include "acct/text.h"
#include "acct/yaml.h"
#include "acct/yedit.h"
#include "acct/i18n.h"
#include "acct/banned.h"

static const char *const contact_usage[] = {
	N_("acct client contact <verb> <client> [<args>]"),
	NULL,
};

static const char *const add_usage[] = {
	N_("acct client contact add <client> <name> [--role <role>] [--email <email>] "
	"[--phone <phone>] [--telegram <telegram>] [--birthday <date>] [--primary]"),
	NULL,
};

static void flow_field(struct acct_buf *b, const char *key, const char *value)
{
	if (!value)
		return;
	acct_buf_addf(b, ", %s: ", key);
	acct_yaml_quote(b, value, strlen(value), ACCT_YQ_FLOW);
}

static int finish(int rc, const struct acct_error *err)
{
	if (rc == 1)
		return EXIT_OK;
	if (rc == ACCT_EUSAGE || rc == ACCT_EEXISTS || rc == ACCT_ENOTFOUND)
		return cmd_fail_with(err, EXIT_USAGE);
	return rc < 0 ? cmd_fail(err) : EXIT_OK;
}

static int contact_add(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const char *role = NULL, *email = NULL, *phone = NULL, *telegram = NULL,
		   *birthday = NULL;
	int primary = 0, rc;
	struct acct_yearly bday;
	const struct opt options[] = {
		OPT_STRING(0, "role", &role, N_("role"), N_("what the contact does (marketing director)")),
		OPT_STRING(0, "email", &email, N_("email"), N_("the contact's e-mail address")),
		OPT_STRING(0, "phone", &phone, N_("phone"), N_("the contact's phone number")),
		OPT_STRING(0, "telegram", &telegram, N_("telegram"), N_("the contact's telegram account")),
		OPT_STRING(0, "birthday", &birthday, N_("date"), N_("the contact's birthday, MM-DD or YYYY-MM-DD")),
		OPT_BOOL(0, "primary", &primary, N_("the main contact (the previous one stops being it)")),
		OPT_END()
	};
	struct acct_error err = ACCT_ERROR_INIT, why = ACCT_ERROR_INIT;
	struct acct_buf item = ACCT_BUF_INIT;
	struct acct_client *c = NULL;
	struct acct_yedit_op *ops = NULL;
	char **keys = NULL;
	size_t i, nops = 0, nkeys = 0;

	if ((argc = opt_parse(argc, argv, options, add_usage)) < 0)
		return opt_exit(argc);
	if (argc != 2)
		return cmd_usage_error(add_usage, options, "expected <client> <name>");
	if ((rc = acct_text_check_line(argv[1], _("the contact's name"), &err)) < 0)
		return cmd_fail_with(&err, EXIT_USAGE);
	if (!*argv[1])
		return cmd_usage_error(add_usage, options, "the contact's name is empty");
	if ((role && acct_text_check_line(role, "--role", &err) < 0) ||
	    (email && acct_text_check_line(email, "--email", &err) < 0) ||
	    (phone && acct_text_check_line(phone, "--phone", &err) < 0) ||
	    (telegram && acct_text_check_line(telegram, "--telegram", &err) < 0))
		return cmd_fail_with(&err, EXIT_USAGE);
	if (birthday && acct_yearly_parse(&bday, birthday, &why) < 0) {
		acct_error_set(&err, ACCT_EUSAGE, "--birthday: %s", why.msg);
		acct_error_hint(&err, "give the day as MM-DD (05-17), or with "
				"the year as YYYY-MM-DD (1980-05-17)");
		return cmd_fail_with(&err, EXIT_USAGE);
	}
	if ((rc = cmd_load_client(&c, ctx, argv[0])) != 0)
		return rc;
	/* One op per contact that stops being primary, and the new one. */
	ops = acct_calloc(c->ncontacts + 1, sizeof(*ops));
	keys = acct_calloc(c->ncontacts + 1, sizeof(*keys));
	for (i = 0; i < c->ncontacts; i++) {
		if (!strcmp(c->contacts[i].name, argv[1])) {
			fprintf(stderr, _("acct: %s has a contact '%s' already\n"),
				c->slug, argv[1]);
			rc = EXIT_USAGE;
			goto out;
		}
		if (primary && c->contacts[i].primary) {
			struct acct_buf key = ACCT_BUF_INIT;

			acct_buf_addf(&key, "contacts.%zu.primary", i);
			keys[nkeys] = acct_buf_detach(&key, NULL);
			ops[nops].kind = ACCT_YEDIT_UNSET;
			ops[nops].key = keys[nkeys++];
			ops[nops].order = acct_client_key_order;
			nops++;
		}
	}
	acct_buf_addstr(&item, "{name: ");
	acct_yaml_quote(&item, argv[1], strlen(argv[1]), ACCT_YQ_FLOW);
	flow_field(&item, "role", role);
	flow_field(&item, "email", email);
	flow_field(&item, "phone", phone);
	flow_field(&item, "telegram", telegram);
	if (birthday)	/* plain: the loader reads it as text */
		acct_buf_addf(&item, ", birthday: %s", birthday);
	if (primary)
		acct_buf_addstr(&item, ", primary: true");
	acct_buf_addch(&item, '}');
	ops[nops].kind = ACCT_YEDIT_APPEND;
	ops[nops].key = "contacts";
	ops[nops].value = item.buf;
	ops[nops].raw = 1;
	ops[nops].order = acct_client_key_order;
	nops++;
	rc = finish(acct_client_change(ctx->book, c->slug, ops, nops,
				       "client contact add", argv[1], &err), &err);
out:
	while (nkeys)
		free(keys[--nkeys]);
	free(keys);
	free(ops);
	acct_client_free(c);
	acct_buf_release(&item);
	return rc;
}

static const char *const rm_usage[] = {
	N_("acct client contact rm <client> <name-or-number>"),
	NULL,
};

/* A contact by its number in 'contact list' (1-based) or its name. */
static long find_contact(const struct acct_client *c, const char *which)
{
	size_t i, hits = 0;
	long at = -1;
	char *end;
	long n = strtol(which, &end, 10);

	if (*which >= '0' && *which <= '9' && !*end)
		return n >= 1 && (size_t)n <= c->ncontacts ? n - 1 : -1;
	for (i = 0; i < c->ncontacts; i++)
		if (!strcmp(c->contacts[i].name, which))
			return (long)i;
	for (i = 0; i < c->ncontacts; i++) {
		const char *name = c->contacts[i].name;

		if (strlen(name) == strlen(which) &&
		    acct_text_contains_fold(name, which)) {
			hits++;
			at = (long)i;
		}
	}
	return hits == 1 ? at : -1;
}

static int contact_rm(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const struct opt options[] = { OPT_END() };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *c = NULL;
	struct acct_yedit_op op;
	long at;
	int rc;

	if ((argc = opt_parse(argc, argv, options, rm_usage)) < 0)
		return opt_exit(argc);
	if (argc != 2)
		return cmd_usage_error(rm_usage, options, "expected <client> <name-or-number>");
	if ((rc = cmd_load_client(&c, ctx, argv[0])) != 0)
		return rc;
	if ((at = find_contact(c, argv[1])) < 0) {
		fprintf(stderr, _("acct: %s has no contact '%s'\n"
			"hint: 'acct client contact list %s' shows them\n"),
			c->slug, argv[1], c->slug);
		acct_client_free(c);
		return EXIT_USAGE;
	}
	memset(&op, 0, sizeof(op));
	op.kind = ACCT_YEDIT_DELETE;
	op.key = "contacts";
	op.index = (size_t)at;
	rc = finish(acct_client_change(ctx->book, c->slug, &op, 1,
				       "client contact rm",
				       c->contacts[at].name, &err), &err);
	acct_client_free(c);
	return rc;
}

void client_put_contact(struct out *o, const struct acct_contact *k)
{
	out_str(o, "name", k->name);
	out_str(o, "role", k->role);
	out_str(o, "email", k->email);
	out_str(o, "phone", k->phone);
	out_str(o, "telegram", k->telegram);
	out_str(o, "birthday", k->birthday);
}

static const char *const list_usage[] = {
	N_("acct client contact list <client> [--json]"),
	NULL,
};

static int contact_list(int argc, const char **argv, struct cmd_ctx *ctx)
{
	int json = 0, rc;
	const struct opt options[] = {
		OPT_BOOL(0, "json", &json, N_("print JSON")),
		OPT_END()
	};
	struct acct_client *c = NULL;
	struct out *o;
	size_t i;

	if ((argc = opt_parse(argc, argv, options, list_usage)) < 0)
		return opt_exit(argc);
	if (argc != 1)
		return cmd_usage_error(list_usage, options, "expected one <client>");
	if ((rc = cmd_load_client(&c, ctx, argv[0])) != 0)
		return rc;
	o = out_begin(ctx, json);
	out_str(o, "client", c->slug);
	out_list_begin(o, "contacts", OUT_TABLE);
	for (i = 0; i < c->ncontacts; i++) {
		const struct acct_contact *k = &c->contacts[i];

		out_map_begin(o, NULL);
		out_int(o, "number", (long long)i + 1);
		client_put_contact(o, k);
		if (json)
			out_bool(o, "primary", k->primary);
		else
			out_str(o, "primary", k->primary ? "primary" : NULL);
		out_map_end(o);
	}
	out_list_end(o);
	rc = out_end(o) < 0 ? EXIT_FAIL : EXIT_OK;
	acct_client_free(c);
	return rc;
}

static const struct cmd_verb contact_verbs[] = {
	{ "add", contact_add, N_("add a contact to the card") },
	{ "list", contact_list, N_("list the card's contacts") },
	{ "rm", contact_rm, N_("remove a contact by name or number") },
	{ NULL, NULL, NULL },
};

int client_contact(int argc, const char **argv, struct cmd_ctx *ctx)
{
	return cmd_run_verb(argc, argv, ctx, contact_verbs, contact_usage);
}
