/* acct client set, edit, rename, archive, unarchive: changing a card. */
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/file.h"
#include "acct/client.h"
#include "acct/txn.h"
#include "acct/yedit.h"
#include "acct/banned.h"

/* What a change's result means for the exit status and the user. */
static int change_done(int rc, const struct acct_error *err)
{
	if (rc == 1) {
		fprintf(stderr, _("acct: nothing to change\n"));
		return EXIT_OK;
	}
	if (rc == ACCT_EUSAGE || rc == ACCT_EEXISTS || rc == ACCT_ENOTFOUND)
		return cmd_fail_with(err, EXIT_USAGE);
	if (rc < 0)
		return cmd_fail(err);
	return EXIT_OK;
}

static const char *const set_usage[] = {
	N_("acct client set <client> <key> <value>"),
	N_("acct client set <client> <key> (--add <value> | --remove <value>)..."),
	N_("acct client set <client> <key> --unset"),
	NULL,
};

/*
 * For -h: every key client set knows and what its value may be, from the
 * table that checks the values (lib/card.c).
 */
static const char *keys_help(struct acct_buf *b)
{
	const char *key, *allowed;
	size_t i;

	acct_buf_addstr(b, _("The keys and what each may hold:\n"));
	for (i = 0; (key = acct_client_key(i, &allowed)); i++)
		acct_buf_addf(b, "    %-24s%s\n", key, _(allowed));
	acct_buf_addf(b, "    %-24s%s\n", "contacts.<n>.<field>",
		      _("one contact's name, role, email, phone, telegram (text) "
			"or primary (true or false)"));
	acct_buf_addstr(b, _("Other keys are kept as text.\n"));
	return b->buf;
}

int client_set(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct opt_list add = OPT_LIST_INIT, rm = OPT_LIST_INIT;
	struct acct_buf summary = ACCT_BUF_INIT, help = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *c = NULL;
	struct acct_yedit_op *ops = NULL;
	size_t nops = 0, i;
	int unset = 0, rc;
	const struct opt options[] = {
		OPT_LIST(0, "add", &add, N_("value"), N_("add a value to a list (services, tags, goals.kpi)")),
		OPT_LIST(0, "remove", &rm, N_("value"), N_("remove a value from a list")),
		OPT_BOOL(0, "unset", &unset, N_("remove the key from the card")),
		OPT_TEXT(keys_help(&help)),
		OPT_END()
	};
	const char *key;

	if ((argc = opt_parse(argc, argv, options, set_usage)) < 0) {
		rc = opt_exit(argc);
		goto out;
	}
	if (argc < 2 || argc > 3 ||
	    (argc == 3) != (!unset && !add.n && !rm.n) ||
	    (unset && (add.n || rm.n))) {
		rc = cmd_usage_error(set_usage, options, "expected <client> <key> "
				     "and one of <value>, --add, --remove or --unset");
		goto out;
	}
	key = argv[1];
	if ((rc = cmd_load_client(&c, ctx, argv[0])) != 0)
		goto out;
	ops = acct_calloc(add.n + rm.n + 1, sizeof(*ops));
	if (argc == 3) {
		rc = acct_client_set_op(&ops[nops++], key, argv[2], &err);
		acct_buf_addf(&summary, "%s=%s", key, argv[2]);
	} else if (unset) {
		rc = acct_client_unset_op(&ops[nops++], key, &err);
		acct_buf_addf(&summary, "unset %s", key);
	} else {
		rc = 0;
		for (i = 0; i < add.n && !rc; i++) {
			rc = acct_client_list_op(&ops[nops++], c, key, add.items[i],
						 1, &err);
			acct_buf_addf(&summary, "%s%s+=%s", summary.len ? ", " : "",
				      key, add.items[i]);
		}
		for (i = 0; i < rm.n && !rc; i++) {
			rc = acct_client_list_op(&ops[nops++], c, key, rm.items[i],
						 0, &err);
			acct_buf_addf(&summary, "%s%s-=%s", summary.len ? ", " : "",
				      key, rm.items[i]);
		}
		/* Items are found in the card as it is: delete back to front. */
		for (i = 0; i + 1 < nops; i++) {
			size_t j;

			for (j = i + 1; j < nops; j++)
				if (ops[j].kind == ACCT_YEDIT_DELETE &&
				    ops[i].kind == ACCT_YEDIT_DELETE &&
				    ops[j].index > ops[i].index) {
					struct acct_yedit_op t = ops[i];

					ops[i] = ops[j];
					ops[j] = t;
				}
		}
	}
	if (rc < 0) {
		rc = cmd_fail_with(&err, EXIT_USAGE);
		goto out;
	}
	rc = acct_client_change(ctx->book, c->slug, ops, nops, "client set",
				summary.buf, &err);
	rc = change_done(rc, &err);
out:
	free(ops);
	acct_client_free(c);
	opt_list_release(&add);
	opt_list_release(&rm);
	acct_buf_release(&summary);
	acct_buf_release(&help);
	return rc;
}

static const char *const edit_usage[] = {
	N_("acct client edit <client>"),
	NULL,
};

int client_edit(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct acct_buf slug = ACCT_BUF_INIT, rel = ACCT_BUF_INIT,
			abs = ACCT_BUF_INIT, text = ACCT_BUF_INIT,
			path = ACCT_BUF_INIT, result = ACCT_BUF_INIT,
			stem = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	const struct opt options[] = { OPT_END() };
	int rc;

	if ((argc = opt_parse(argc, argv, options, edit_usage)) < 0)
		return opt_exit(argc);
	if (argc != 1)
		return cmd_usage_error(edit_usage, options, "expected one <client>");
	if (!ctx->editor && !ctx->stdin_tty)
		return cmd_run_editor(ctx, NULL);
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if ((rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
		goto out;
	if (acct_client_check_writable(ctx->book, slug.buf, &err) < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	acct_buf_addf(&rel, "clients/%s/client.yaml", slug.buf);
	acct_book_path(&abs, ctx->book, rel.buf);
	if (acct_file_read(&text, abs.buf, rel.buf, cmd_input_limit(ctx), 0,
			   &err) < 0) {
		rc = cmd_fail_with(&err, EXIT_FAIL);
		goto out;
	}
	acct_buf_addf(&stem, "client-%s", slug.buf);
	if ((rc = cmd_edit_copy(&result, &path, ctx, stem.buf, ".yaml", &text)) != 0)
		goto out;
	if (cmd_text_blank(&result)) {
		fprintf(stderr, _("acct: the card is empty; nothing was changed\n"));
		rc = EXIT_FAIL;
		goto out;
	}
	rc = acct_client_replace(ctx->book, slug.buf, result.buf, result.len, &err);
	rc = cmd_edit_done(rc, &err, &path);
out:
	if (path.len)
		unlink(path.buf);
	acct_buf_release(&slug);
	acct_buf_release(&rel);
	acct_buf_release(&abs);
	acct_buf_release(&text);
	acct_buf_release(&path);
	acct_buf_release(&result);
	acct_buf_release(&stem);
	return rc;
}

static const char *const rename_usage[] = {
	N_("acct client rename <client> <new-name> [--slug <new-slug>]"),
	N_("acct client rename <client> --slug <new-slug>"),
	NULL,
};

int client_rename(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct acct_buf slug = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	const char *new_slug = NULL;
	const struct opt options[] = {
		OPT_STRING(0, "slug", &new_slug, N_("slug"), N_("also move the folder to clients/<slug>")),
		OPT_END()
	};
	int rc;

	if ((argc = opt_parse(argc, argv, options, rename_usage)) < 0)
		return opt_exit(argc);
	if (argc < 1 || argc > 2 || (argc == 1 && !new_slug))
		return cmd_usage_error(rename_usage, options,
				       "expected <client> and a new name or --slug");
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if ((rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
		goto out;
	rc = acct_client_rename(ctx->book, slug.buf, argc == 2 ? argv[1] : NULL,
				new_slug, &err);
	if (rc == 0 && new_slug && strcmp(new_slug, slug.buf))
		fprintf(stderr, _("acct: moved clients/%s to clients/%s; colleagues "
			"must sync before they log under the old slug again\n"),
			slug.buf, new_slug);
	rc = change_done(rc, &err);
out:
	acct_buf_release(&slug);
	return rc;
}

/* Archive (`date` set) or unarchive (`date` NULL) one client. */
static int archive_change(struct cmd_ctx *ctx, const char *arg,
			  const char *date)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *c = NULL;
	struct acct_yedit_op op;
	int rc;

	if ((date ? acct_client_set_op(&op, "archived", date, &err)
		  : acct_client_unset_op(&op, "archived", &err)) < 0)
		return cmd_fail_with(&err, EXIT_USAGE);
	if ((rc = cmd_load_client(&c, ctx, arg)) != 0)
		return rc;
	if (date && c->has_archived) {
		char when[ACCT_DATE_STRLEN];

		acct_date_format(when, &c->archived);
		fprintf(stderr, _("acct: client '%s' is archived already (since %s)\n"),
			c->slug, when);
		rc = EXIT_FAIL;
	} else if (!date && !c->has_archived) {
		fprintf(stderr, _("acct: client '%s' is not archived\n"), c->slug);
		rc = EXIT_FAIL;
	} else {
		rc = change_done(acct_client_change(ctx->book, c->slug, &op, 1,
						    date ? "client archive" :
						    "client unarchive",
						    c->name, &err), &err);
	}
	acct_client_free(c);
	return rc;
}

static const char *const archive_usage[] = {
	N_("acct client archive <client> [--date <date>]"),
	NULL,
};

int client_archive(int argc, const char **argv, struct cmd_ctx *ctx)
{
	char today[ACCT_DATE_STRLEN];
	const char *date = NULL;
	const struct opt options[] = {
		OPT_STRING(0, "date", &date, N_("date"), N_("the day it was archived (default: today)")),
		OPT_END()
	};

	if ((argc = opt_parse(argc, argv, options, archive_usage)) < 0)
		return opt_exit(argc);
	if (argc != 1)
		return cmd_usage_error(archive_usage, options, "expected one <client>");
	if (!date) {
		struct acct_date d;

		acct_time_date(&d, &ctx->now);
		acct_date_format(today, &d);
		date = today;
	}
	return archive_change(ctx, argv[0], date);
}

static const char *const unarchive_usage[] = {
	N_("acct client unarchive <client>"),
	NULL,
};

int client_unarchive(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const struct opt options[] = { OPT_END() };

	if ((argc = opt_parse(argc, argv, options, unarchive_usage)) < 0)
		return opt_exit(argc);
	if (argc != 1)
		return cmd_usage_error(unarchive_usage, options, "expected one <client>");
	return archive_change(ctx, argv[0], NULL);
}
