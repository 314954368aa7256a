/*
 * acct import telegram: a Telegram Desktop export (result.json) as the
 * client's chat entries. The file is read as a stream (lib/telegram.c),
 * so it may be far larger than the limit for input; one message may not.
 */
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/telegram.h"
#include "acct/banned.h"

static const char *const import_usage[] = {
	N_("acct import telegram <result.json> --client <client> [--chat <name>] "
	"[--dry-run] [--json]"),
	NULL,
};

/* The export, opened: a regular file (it may be read twice in places). */
static int open_export(int *fd, const char *file)
{
	struct stat st;

	*fd = open(file, O_RDONLY | O_CLOEXEC);
	if (*fd < 0) {
		fprintf(stderr, _("acct: cannot open '%s': %s\n"), file,
			strerror(errno));
		return EXIT_USAGE;
	}
	if (fstat(*fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, _("acct: '%s' is not a file\n"), file);
		fputs(_("hint: give the result.json that Telegram "
			"Desktop wrote (a pipe or a folder cannot be read)\n"),
		      stderr);
		close(*fd);
		*fd = -1;
		return EXIT_USAGE;
	}
	return 0;
}

static int print(const struct acct_tg_import *im, struct cmd_ctx *ctx,
		 int dry_run, int json)
{
	struct out *o = out_begin(ctx, json);
	size_t i;

	out_list_begin(o, "entries", OUT_TABLE);
	for (i = 0; i < im->n; i++) {
		const struct acct_tg_entry *e = &im->entries[i];

		out_map_begin(o, NULL);
		out_str(o, "action", e->added ? (dry_run ? "would add" : "added")
			: (dry_run ? "would update" : "updated"));
		out_str(o, "path", e->path);
		out_int(o, "messages", (long long)e->messages);
		out_map_end(o);
	}
	out_list_end(o);
	if (json) {
		out_bool(o, "dry_run", dry_run);
		out_int(o, "chats", (long long)im->chats);
		out_int(o, "messages", (long long)im->messages);
		out_int(o, "known", (long long)im->known);
		out_int(o, "service", (long long)im->service);
	}
	if (out_end(o) < 0)
		return EXIT_FAIL;
	if (json)
		return EXIT_OK;
	if (!im->messages)
		printf(Q_("nothing new: %zu message in the book already\n",
			  "nothing new: %zu messages in the book already\n",
			  im->known), im->known);
	else {
		/* Two counts, each in its own form. */
		struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT;

		acct_buf_addf(&a, Q_("%zu new message", "%zu new messages",
				     im->messages), im->messages);
		acct_buf_addf(&b, Q_("in %zu entry", "in %zu entries", im->n),
			      im->n);
		printf(_("%s%s %s, %zu in the book already\n"),
		       dry_run ? _("dry run: ") : "", a.buf, b.buf, im->known);
		acct_buf_release(&a);
		acct_buf_release(&b);
	}
	return EXIT_OK;
}

static int import_telegram(const char *file, const char *client,
			   const char *chat, int dry_run, int json,
			   struct cmd_ctx *ctx)
{
	struct acct_tg_import im = ACCT_TG_IMPORT_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf slug = ACCT_BUF_INIT;
	struct acct_tg_import_opts o = { 0 };
	int fd = -1, rc;

	if (cmd_open_book(ctx) < 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	if ((rc = cmd_resolve_client(&slug, ctx, client)) != 0 ||
	    (rc = open_export(&fd, file)) != 0)
		goto out;
	o.slug = slug.buf;
	o.chat = chat;
	o.file = file;
	o.fd = fd;
	o.max_value = cmd_input_limit(ctx);
	o.dry_run = dry_run;
	if (acct_tg_import(&im, ctx->book, &o, &err) < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	rc = print(&im, ctx, dry_run, json);
out:
	if (fd >= 0)
		close(fd);
	acct_tg_import_release(&im);
	acct_buf_release(&slug);
	return rc;
}

int cmd_import(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const char *client = NULL, *chat = NULL;
	int dry_run = 0, json = 0;
	struct opt options[] = {
		OPT_STRING(0, "client", &client, N_("client"), N_("whose chats these are (a slug or a unique prefix)")),
		OPT_STRING(0, "chat", &chat, N_("name"), N_("the chat to take, by its name or id (default: the one chat, or those named as the card or its contacts)")),
		OPT_BOOL(0, "dry-run", &dry_run, N_("say what would be added, write nothing")),
		OPT_BOOL(0, "json", &json, N_("print JSON")),
		OPT_END()
	};

	if ((argc = opt_parse(argc, argv, options, import_usage)) < 0)
		return opt_exit(argc);
	if (argc < 1 || strcmp(argv[0], "telegram"))
		return cmd_usage_error(import_usage, options, argc ?
				       "import knows telegram, not '%s'" :
				       "expected what to import: telegram%s",
				       argc ? argv[0] : "");
	if (argc != 2)
		return cmd_usage_error(import_usage, options, "import telegram "
				       "takes one file, the export's result.json");
	if (!client)
		return cmd_usage_error(import_usage, options, "import telegram "
				       "needs --client: whose chats these are");
	return import_telegram(argv[1], client, chat, dry_run, json, ctx);
}
