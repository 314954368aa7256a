/* acct todo: open action items across clients; done, reopen, add. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/facts.h"
#include "acct/person.h"
#include "acct/text.h"
#include "acct/i18n.h"
#include "acct/banned.h"

static const char *const todo_usage[] = {
	N_("acct todo [<client>] [--owner <owner>] [--overdue] [--json]"),
	N_("acct todo --ids"),
	N_("acct todo done <id>"),
	N_("acct todo reopen <id>"),
	N_("acct todo add <client> <text> [--owner <owner>] [--due <date>]"),
	NULL,
};

/*
 * The shortest prefix of an id that done and reopen accept, as git asks
 * for at least 4 hex digits of an abbreviated object id: one digit would
 * tick whichever item happens to be alone in starting with it.
 */
#define MIN_ID_PREFIX 4

/* The entries of one client, or of every client not archived. */
struct items {
	struct acct_entry **entries;
	size_t n;
	int bad;
};

static void items_release(struct items *it)
{
	while (it->n)
		acct_entry_free(it->entries[--it->n]);
	free(it->entries);
}

static int read_entries(struct items *it, struct cmd_ctx *ctx, const char *slug,
			int archived_too, struct out *o)
{
	struct acct_entry_list list = ACCT_ENTRY_LIST_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	char **slugs = NULL;
	size_t nslugs = 0, i, j;
	int rc = 0;

	if (slug) {
		rc = acct_entry_list(&list, ctx->book, slug, NULL, NULL, &err);
	} else if ((rc = acct_client_slugs(&slugs, &nslugs, ctx->book, &err)) == 0) {
		for (i = 0; i < nslugs && !rc; i++) {
			struct acct_client *c = NULL;

			if (!archived_too) {
				if (acct_client_load(&c, ctx->book, slugs[i], &err) < 0) {
					if (o)
						out_error(o, &err);
					it->bad = 1;
					continue;
				}
				if (c->has_archived) {
					acct_client_free(c);
					continue;
				}
				acct_client_free(c);
			}
			rc = acct_entry_list(&list, ctx->book, slugs[i], NULL, NULL,
					     &err);
		}
	}
	acct_slugs_free(slugs, nslugs);
	if (rc < 0) {
		acct_entry_list_release(&list);
		return cmd_fail(&err);
	}
	it->entries = acct_calloc(list.n + 1, sizeof(*it->entries));
	for (j = 0; j < list.n; j++) {
		struct acct_entry *e = NULL;

		if (acct_entry_load(&e, ctx->book, list.refs[j].slug,
				    list.refs[j].path, &err) < 0) {
			if (o)
				out_error(o, &err);
			else
				cmd_fail(&err);
			it->bad = 1;
			continue;
		}
		it->entries[it->n++] = e;
	}
	acct_entry_list_release(&list);
	return 0;
}

struct open_item {
	const struct acct_entry *e;
	const struct acct_action *a;
	int overdue;
};

/* Overdue first, then by due date, then those without one; older first. */
static int item_cmp(const void *x, const void *y)
{
	const struct open_item *a = x, *b = y;
	int c;

	if (a->overdue != b->overdue)
		return b->overdue - a->overdue;
	if (a->a->has_due != b->a->has_due)
		return b->a->has_due - a->a->has_due;
	if (a->a->has_due && (c = acct_date_cmp(&a->a->due, &b->a->due)))
		return c;
	if (a->e->when.sec != b->e->when.sec)
		return a->e->when.sec < b->e->when.sec ? -1 : 1;
	return strcmp(a->a->id, b->a->id);
}

/*
 * An item's id and its text on one line, "a1b2c3d<TAB>Send the plan
 * (acme)": the text escaped as for a terminal, which a shell shows it on.
 */
static void put_id(const char *slug, const struct acct_fact_action *a)
{
	struct acct_buf safe = ACCT_BUF_INIT;

	acct_text_escape_terminal(&safe, a->text, strlen(a->text));
	printf("%s\t%s (%s)\n", a->id, safe.buf, slug);
	acct_buf_release(&safe);
}

/*
 * --ids: the id and text of every open item of the clients not archived,
 * as `acct todo` lists them but from the facts of the book (its cache:
 * fast on a large book), for the completion of `todo done`. What does
 * not load is named on stderr as `acct todo` names it, and exits 1.
 */
static int todo_ids(struct cmd_ctx *ctx)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_facts *f = NULL;
	size_t i, j, k;
	int bad = 0;

	if (acct_facts_load(&f, ctx->book, 0, &err) < 0)
		return cmd_fail(&err);
	for (i = 0; i < acct_facts_count(f); i++) {
		const struct acct_client_facts *cf = acct_facts_at(f, i);
		struct acct_entry_list list = ACCT_ENTRY_LIST_INIT;
		struct acct_client *c = NULL;
		struct acct_entry *e = NULL;

		if (cf->card_bad) {
			if (acct_client_load(&c, ctx->book, cf->slug, &err) < 0)
				bad = cmd_fail(&err);
			acct_client_free(c);
			continue;
		}
		if (!cf->card || cf->card->has_archived)
			continue;
		if (cf->log_bad && acct_entry_list(&list, ctx->book, cf->slug,
						   NULL, NULL, &err) < 0)
			bad = cmd_fail(&err);
		acct_entry_list_release(&list);
		for (j = 0; j < cf->nentries; j++) {
			const struct acct_fact_entry *fe = &cf->entries[j];

			if (fe->bad) {
				if (acct_entry_load(&e, ctx->book, cf->slug,
						    fe->path, &err) < 0)
					bad = cmd_fail(&err);
				acct_entry_free(e);
				e = NULL;
				continue;
			}
			for (k = 0; k < fe->nopen; k++)
				put_id(cf->slug, &fe->open[k]);
			for (k = 0; k < fe->nundated; k++)
				put_id(cf->slug, &fe->undated[k]);
		}
	}
	acct_facts_free(f);
	return bad ? EXIT_FAIL : EXIT_OK;
}

static int todo_list(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const char *owner = NULL;
	int overdue = 0, json = 0, ids = 0, rc;
	const struct opt options[] = {
		OPT_STRING(0, "owner", &owner, N_("owner"), N_("only items whose @owner holds this text, any case")),
		OPT_BOOL(0, "overdue", &overdue, N_("only items past their due date")),
		OPT_BOOL(0, "json", &json, N_("print JSON")),
		OPT_BOOL(0, "ids", &ids, N_("print only each open item's id, a tab and its text (for completion)")),
		OPT_END()
	};
	struct items it = { NULL, 0, 0 };
	struct acct_buf slug = ACCT_BUF_INIT;
	struct open_item *open = NULL;
	struct acct_date today;
	size_t n = 0, i, j, total = 0;
	struct out *o;

	if ((argc = opt_parse(argc, argv, options, todo_usage)) < 0)
		return opt_exit(argc);
	if (ids && (argc || owner || overdue || json))
		return cmd_usage_error(todo_usage, options, "--ids takes nothing "
				       "else");
	if (ids)
		return cmd_open_book(ctx) < 0 ? EXIT_FAIL : todo_ids(ctx);
	if (argc > 1)
		return cmd_usage_error(todo_usage, options, "expected at most one <client>");
	if (owner && owner[0] == '@')
		owner++;
	if (owner && !*owner)
		return cmd_usage_error(todo_usage, options, "--owner must not "
				       "be empty");
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (argc && (rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
		return rc;
	acct_time_date(&today, &ctx->now);
	o = out_begin(ctx, json);
	if ((rc = read_entries(&it, ctx, argc ? slug.buf : NULL, 0, o)) != 0) {
		out_abort(o);
		acct_buf_release(&slug);
		return rc;
	}
	for (i = 0; i < it.n; i++)
		total += it.entries[i]->nactions;
	open = acct_calloc(total + 1, sizeof(*open));
	for (i = 0; i < it.n; i++)
		for (j = 0; j < it.entries[i]->nactions; j++) {
			const struct acct_action *a = &it.entries[i]->actions[j];
			int late = a->has_due && acct_date_cmp(&a->due, &today) < 0;

			if (a->done || (overdue && !late) ||
			    (owner && !acct_person_matches(a->owner, owner, 0)))
				continue;
			open[n].e = it.entries[i];
			open[n].a = a;
			open[n].overdue = late;
			n++;
		}
	if (n)
		qsort(open, n, sizeof(*open), item_cmp);
	out_list_begin(o, "items", OUT_TABLE);
	for (i = 0; i < n; i++) {
		out_map_begin(o, NULL);
		cmd_put_action(o, open[i].a, 0, json);
		out_str(o, "client", open[i].e->slug);
		if (json) {
			out_bool(o, "overdue", open[i].overdue);
			out_str(o, "entry", open[i].e->path);
		} else {
			out_str(o, "late", open[i].overdue ? _("overdue") : NULL);
		}
		out_map_end(o);
	}
	out_list_end(o);
	if (out_end(o) < 0)
		it.bad = 1;
	free(open);
	items_release(&it);
	acct_buf_release(&slug);
	return it.bad ? EXIT_FAIL : EXIT_OK;
}

/* What done or reopen changed: "done 8b50759 Send the media plan". */
static void said_done(struct cmd_ctx *ctx, const struct acct_action *a,
		      int done)
{
	struct acct_buf title = ACCT_BUF_INIT, safe = ACCT_BUF_INIT;

	acct_action_title(&title, a);
	if (ctx->stdout_tty)
		acct_text_escape_terminal(&safe, title.buf, title.len);
	else
		acct_buf_add(&safe, title.buf, title.len);
	printf(done ? _("done %.*s %s\n") : _("reopened %.*s %s\n"),
	       ACCT_ACTION_ID_LEN, a->id, safe.buf);
	acct_buf_release(&title);
	acct_buf_release(&safe);
}

/* done and reopen: the item whose id starts with argv[0]. */
static int todo_mark(int argc, const char **argv, struct cmd_ctx *ctx, int done)
{
	const struct opt options[] = { OPT_END() };
	const char *const usage[] = {
		done ? N_("acct todo done <id>") : N_("acct todo reopen <id>"), NULL,
	};
	struct items it = { NULL, 0, 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf names = ACCT_BUF_INIT, paths = ACCT_BUF_INIT;
	const struct acct_entry *he = NULL;
	const struct acct_action *ha = NULL;
	size_t i, j, hits = 0, len;
	int rc, same = 1;

	if ((argc = opt_parse(argc, argv, options, usage)) < 0)
		return opt_exit(argc);
	if (argc != 1)
		return cmd_usage_error(usage, options, "expected one <id>");
	len = strlen(argv[0]);
	if (!len || len > 40 || strspn(argv[0], "0123456789abcdef") != len)
		return cmd_usage_error(usage, options, "'%s' is not an action "
				       "item's id; 'acct todo' shows them", argv[0]);
	if (len < MIN_ID_PREFIX) {
		fprintf(stderr, _("acct: the id '%s' is too short: give at least "
			"%d of its characters\nhint: 'acct todo' shows the ids\n"),
			argv[0], MIN_ID_PREFIX);
		return EXIT_USAGE;
	}
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if ((rc = read_entries(&it, ctx, NULL, 1, NULL)) != 0)
		return rc;
	for (i = 0; i < it.n; i++)
		for (j = 0; j < it.entries[i]->nactions; j++) {
			const struct acct_action *a = &it.entries[i]->actions[j];

			if (strncmp(a->id, argv[0], len))
				continue;
			if (hits < 5)
				acct_buf_addf(&names, "%s%.*s", hits ? ", " : "",
					      (int)(len + 2 > ACCT_ACTION_ID_LEN ?
						    len + 2 : ACCT_ACTION_ID_LEN),
					      a->id);
			if (hits < 5)
				acct_buf_addf(&paths, "%s%s", hits ? ", " : "",
					      it.entries[i]->path);
			same &= !ha || !strcmp(ha->id, a->id);
			hits++;
			he = it.entries[i];
			ha = a;
		}
	if (hits > 1 && same) {
		/* One id twice: an item copied with its id comment. */
		fprintf(stderr, _("acct: the id '%s' is in several entries: %s%s\n"
			"hint: the item was copied with its '<!-- id:%s -->': "
			"take that comment out of the copy\n"), ha->id,
			paths.buf, hits > 5 ? ", ..." : "", ha->id);
		rc = EXIT_FAIL;		/* the book's data, not the argument */
	} else if (hits != 1) {
		if (hits)
			fprintf(stderr, _("acct: '%s' is ambiguous: %s%s\n"), argv[0],
				names.buf, hits > 5 ? ", ..." : "");
		else
			fprintf(stderr, it.bad ? _("acct: no action item '%s' "
				"(some entries could not be read)\n"
				"hint: 'acct todo' shows the open ones\n") :
				_("acct: no action item '%s'\n"
				"hint: 'acct todo' shows the open ones\n"), argv[0]);
		rc = EXIT_USAGE;
	} else {
		rc = acct_action_mark(ctx->book, he, ha, done, &err);
		if (rc == 1) {
			fprintf(stderr, done ? _("acct: '%s' is done already\n") :
				_("acct: '%s' is open already\n"), ha->text);
			rc = EXIT_OK;
		} else if (rc < 0) {
			rc = cmd_fail(&err);
		} else {
			said_done(ctx, ha, done);
			rc = EXIT_OK;
		}
	}
	acct_buf_release(&names);
	acct_buf_release(&paths);
	items_release(&it);
	return rc;
}

static const char *const add_usage[] = {
	N_("acct todo add <client> <text> [--owner <owner>] [--due <date>]"),
	NULL,
};

static int todo_add(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const char *owner = NULL, *due = NULL;
	const struct opt options[] = {
		OPT_STRING(0, "owner", &owner, N_("owner"), N_("who does it (@owner)")),
		OPT_STRING(0, "due", &due, N_("date"), N_("when it is due, YYYY-MM-DD")),
		OPT_END()
	};
	struct acct_buf slug = ACCT_BUF_INIT, body = ACCT_BUF_INIT,
			path = ACCT_BUF_INIT, subject = ACCT_BUF_INIT,
			locale = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_log_spec spec;
	struct acct_date d;
	const char *p;
	int rc;

	if ((argc = opt_parse(argc, argv, options, add_usage)) < 0)
		return opt_exit(argc);
	if (argc != 2)
		return cmd_usage_error(add_usage, options, "expected <client> <text>");
	if (acct_text_check_line(argv[1], _("the text"), &err) < 0 ||
	    (owner && acct_text_check_line(owner, "--owner", &err) < 0))
		return cmd_fail_with(&err, EXIT_USAGE);
	if (due && acct_date_parse(&d, due, &err) < 0)
		return cmd_fail_option("--due", &err);
	if (owner && owner[0] == '@')
		owner++;
	if (owner && (!*owner || strpbrk(owner, " \t")))
		return cmd_usage_error(add_usage, options, "--owner must be one word");
	if (!*argv[1])
		return cmd_usage_error(add_usage, options, "the text is empty");
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if ((rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
		return rc;
	if (acct_client_locale_load(&locale, ctx->book, slug.buf,
				    &err) < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	/* The item in an entry of kind note, in the client's language. */
	acct_buf_addf(&body, "## %s\n\n- [ ] ",
		      strcmp(locale.buf, "ru") ? "Actions" : "Задачи");
	/* Escaped, so that Markdown reads back the text as typed. */
	for (p = argv[1]; *p; p++) {
		if (strchr("\\`*_[]<>&~!|", *p))
			acct_buf_addch(&body, '\\');
		acct_buf_addch(&body, *p);
	}
	if (owner)
		acct_buf_addf(&body, " @%s", owner);
	if (due)
		acct_buf_addf(&body, " due:%s", due);
	acct_buf_addch(&body, '\n');
	acct_buf_addf(&subject, "add %s", argv[1]);
	memset(&spec, 0, sizeof(spec));
	spec.slug = slug.buf;
	spec.summary = argv[1];
	spec.kind = "note";
	spec.body = body.buf;
	spec.body_len = body.len;
	spec.command = "todo";
	spec.body_name = _("the text");
	spec.subject = subject.buf;
	rc = acct_log_add(&path, ctx->book, &spec, &err);
	if (rc < 0)
		rc = cmd_fail(&err);
	else {
		printf("%s\n", path.buf);
		rc = EXIT_OK;
	}
out:
	acct_buf_release(&locale);
	acct_buf_release(&slug);
	acct_buf_release(&body);
	acct_buf_release(&path);
	acct_buf_release(&subject);
	return rc;
}

int cmd_todo(int argc, const char **argv, struct cmd_ctx *ctx)
{
	if (argc > 1 && !strcmp(argv[1], "done"))
		return todo_mark(argc - 1, argv + 1, ctx, 1);
	if (argc > 1 && !strcmp(argv[1], "reopen"))
		return todo_mark(argc - 1, argv + 1, ctx, 0);
	if (argc > 1 && !strcmp(argv[1], "add"))
		return todo_add(argc - 1, argv + 1, ctx);
	return todo_list(argc, argv, ctx);
}
