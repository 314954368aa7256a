/*
 * main(): the global options, the command table, the book for the
 * commands that need it, and the check that stdout was really written.
 */
#include "cmd.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "acct/acct.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/* Sorted by name; `acct help`, --list-cmds and the README read it. */
const struct cmd_spec acct_commands[] = {
	{ "agenda", cmd_agenda, CMD_NEED_BOOK, N_("what is due today, most urgent first") },
	{ "brief",  cmd_brief,  CMD_NEED_BOOK, N_("keep a client's brief: edit, show, check") },
	{ "calendar", cmd_calendar, CMD_NEED_BOOK, N_("what falls due in the next days, as an iCalendar feed") },
	{ "client", cmd_client, CMD_NEED_BOOK, N_("add, list and show client cards") },
	{ "health", cmd_health, CMD_NEED_BOOK, N_("a score 0-100 per client, factor by factor, worst first") },
	{ "help",   cmd_help,   0,             N_("list the commands, or show one's help") },
	{ "history", cmd_history, CMD_NEED_BOOK, N_("what changed in a client's card and brief, from git") },
	{ "import", cmd_import, CMD_NEED_BOOK, N_("a Telegram Desktop export as the client's chat entries") },
	{ "init",   cmd_init,   0,             N_("create a book") },
	{ "log",    cmd_log,    CMD_NEED_BOOK, N_("record an interaction with a client") },
	{ "merge-card", cmd_merge_card, 0, N_("git's merge driver for client cards (see acct sync)") },
	{ "metric", cmd_metric, CMD_NEED_BOOK, N_("record a client's numbers; KPIs against them, every metric") },
	{ "nps",    cmd_nps,    CMD_NEED_BOOK, N_("record NPS/CSAT answers; scores, trend, fee payout; import") },
	{ "report", cmd_report, CMD_NEED_BOOK, N_("render a report: weekly, monthly, quarterly review, portfolio") },
	{ "sync",   cmd_sync,   CMD_NEED_BOOK, N_("fetch, merge and push with the book's git remote") },
	{ "timeline", cmd_timeline, CMD_NEED_BOOK, N_("read the log: entries, decisions, actions") },
	{ "todo",   cmd_todo,   CMD_NEED_BOOK, N_("open action items; done, reopen, add") },
	{ "undo",   cmd_undo,   CMD_NEED_BOOK, N_("revert the last acct commit") },
	{ NULL, NULL, 0, NULL },
};

int cmd_fail_with(const struct acct_error *err, int status)
{
	if (err->file[0] && err->line && err->col)
		fprintf(stderr, _("acct: %s:%zu:%zu: %s\n"), err->file, err->line,
			err->col, err->msg);
	else if (err->file[0] && err->line)
		fprintf(stderr, _("acct: %s:%zu: %s\n"), err->file, err->line,
			err->msg);
	else if (err->file[0])
		fprintf(stderr, _("acct: %s: %s\n"), err->file, err->msg);
	else
		fprintf(stderr, _("acct: %s\n"), err->msg[0] ? err->msg : _("failed"));
	if (err->hint[0])
		fprintf(stderr, _("hint: %s\n"), err->hint);
	return status;
}

int cmd_fail_option(const char *option, const struct acct_error *err)
{
	fprintf(stderr, _("acct: %s: %s\n"), option,
		err->msg[0] ? err->msg : _("bad value"));
	if (err->hint[0])
		fprintf(stderr, _("hint: %s\n"), err->hint);
	return EXIT_USAGE;
}

int cmd_resolve_client(struct acct_buf *out, struct cmd_ctx *ctx,
		       const char *arg)
{
	struct acct_error err = ACCT_ERROR_INIT;
	int rc = acct_client_resolve(out, ctx->book, arg, &err);

	if (rc == ACCT_ENOTFOUND || rc == ACCT_EAMBIGUOUS)
		return cmd_fail_with(&err, EXIT_USAGE);
	if (rc < 0)
		return cmd_fail(&err);
	return 0;
}

int cmd_load_client(struct acct_client **c, struct cmd_ctx *ctx,
		    const char *arg)
{
	struct acct_buf slug = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc;

	*c = NULL;
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if ((rc = cmd_resolve_client(&slug, ctx, arg)) == 0 &&
	    acct_client_load(c, ctx->book, slug.buf, &err) < 0)
		rc = cmd_fail(&err);
	acct_buf_release(&slug);
	return rc;
}

size_t cmd_input_limit(const struct cmd_ctx *ctx)
{
	return ctx->book ? ctx->book->config.input_bytes : ACCT_INPUT_BYTES;
}

int cmd_read_input(struct acct_buf *out, const struct cmd_ctx *ctx,
		   const char *file)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf name = ACCT_BUF_INIT;
	int rc;

	if (!strcmp(file, "-")) {
		rc = acct_file_read_fd(out, STDIN_FILENO, _("standard input"),
				       cmd_input_limit(ctx), ACCT_FILE_ARG, &err);
	} else {
		acct_buf_addf(&name, "'%s'", file);
		rc = acct_file_read(out, file, name.buf, cmd_input_limit(ctx),
				    ACCT_FILE_ARG | ACCT_FILE_ANY |
				    ACCT_FILE_FOLLOW, &err);
		if (rc < 0)
			err.code = ACCT_EUSAGE;	/* the command line's file */
	}
	acct_buf_release(&name);
	return rc < 0 ? cmd_fail(&err) : 0;
}

int cmd_fail(const struct acct_error *err)
{
	return cmd_fail_with(err, err->code == ACCT_EUSAGE ||
			     err->code == ACCT_EAMBIGUOUS ? EXIT_USAGE : EXIT_FAIL);
}

int cmd_usage_error(const char *const *usage, const struct opt *opts,
		    const char *fmt, ...)
{
	va_list ap;

	fputs("acct: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	opt_print_usage(stderr, usage, opts);
	return EXIT_USAGE;
}

int cmd_run_verb(int argc, const char **argv, struct cmd_ctx *ctx,
		 const struct cmd_verb *verbs, const char *const *usage)
{
	const struct cmd_verb *v;
	const struct opt none[] = { OPT_END() };

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		FILE *fp = argc < 2 ? stderr : stdout;

		opt_print_usage(fp, usage, none);
		fprintf(fp, "\n");
		for (v = verbs; v->name; v++)
			fprintf(fp, "    %-12s%s\n", v->name, _(v->summary));
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "--complete-opts")) {
		for (v = verbs; v->name; v++)
			printf("%s%s", v == verbs ? "" : " ", v->name);
		printf("\n");
		return EXIT_OK;
	}
	/* The manual's synopsis of the command itself (tools/manpage.c). */
	if (!strcmp(argv[1], "--man-synopsis") ||
	    !strcmp(argv[1], "--man-options"))
		return opt_exit(opt_parse(2, argv, none, usage));
	for (v = verbs; v->name; v++)
		if (!strcmp(v->name, argv[1]))
			return v->fn(argc - 1, argv + 1, ctx);
	return cmd_usage_error(usage, none, "unknown subcommand '%s'", argv[1]);
}

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* "now": ACCT_NOW for tests and scripts, else the clock in local time. */
static int read_clock(struct acct_time *now)
{
	struct acct_error err = ACCT_ERROR_INIT;
	const char *s = env("ACCT_NOW");

	if (s) {
		if (acct_time_parse(now, s, &err) < 0) {
			fprintf(stderr, _("acct: ACCT_NOW: %s\n"), err.msg);
			return -1;
		}
		/* It replaces the clock, not the zone: "today" is TZ's. */
		now->off = acct_time_local_offset(now->sec);
		return 0;
	}
	now->sec = (int64_t)time(NULL);
	now->off = acct_time_local_offset(now->sec);
	return 0;
}

static int finish_stdout(int status)
{
	/* A closed pipe is not an error; a full disk is. */
	if (fflush(stdout) || ferror(stdout) || fclose(stdout)) {
		if (errno == EPIPE)
			return status;
		fprintf(stderr, _("acct: write error on standard output: %s\n"),
			strerror(errno));
		return status ? status : EXIT_FAIL;
	}
	return status;
}

/* "--help" rather than "-h": the manual page, when there is one to show. */
static int asks_manual(int argc, const char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help"))
			return 1;
	return 0;
}

static int asks_help(int argc, const char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help") ||
		    !strcmp(argv[i], "--complete-opts") ||
		    !strcmp(argv[i], "--man-synopsis") ||
		    !strcmp(argv[i], "--man-options"))
			return 1;
	return 0;
}

/* The e-mail of git's identity (the part in <>), or NULL. */
char *cmd_my_email(struct cmd_ctx *ctx)
{
	struct acct_buf who = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	char *lt, *gt, *email = NULL;

	if (acct_ident_who(&who, ctx->book, &err) == 0 &&
	    (lt = strrchr(who.buf, '<')) && (gt = strchr(lt, '>')) &&
	    gt > lt + 1)
		email = acct_strndup(lt + 1, (size_t)(gt - lt - 1));
	acct_buf_release(&who);
	return email;
}

int cmd_open_book(struct cmd_ctx *ctx)
{
	struct acct_error err = ACCT_ERROR_INIT;

	if (ctx->book)
		return 0;
	if (acct_book_open(&ctx->book, ctx->book_dir, &ctx->now, &ctx->ident,
			   &err) < 0) {
		cmd_fail_with(&err, EXIT_FAIL);
		return -1;
	}
	ctx->book->no_cache = ctx->no_cache;
	return 0;
}

/*
 * The messages' language, as every GNU tool chooses it: LANGUAGE, else
 * LC_ALL, LC_MESSAGES, LANG (gettext's order); English without a
 * catalog. Only LC_MESSAGES and LC_CTYPE (the terminal's characters)
 * follow the environment: LC_NUMERIC stays "C", so numbers are read and
 * written with a decimal point whatever the language.
 */
static void choose_language(void)
{
	static const char header[] = "";
	const char *dir = env("ACCT_LOCALEDIR");
	char *abs = NULL;

	setlocale(LC_MESSAGES, "");
	setlocale(LC_CTYPE, "");
	/* The catalog is opened at the first message, maybe after -C. */
	if (dir && *dir != '/' && (abs = realpath(dir, NULL)))
		dir = abs;
	bindtextdomain(ACCT_TEXTDOMAIN, dir ? dir : LOCALEDIR);
	textdomain(ACCT_TEXTDOMAIN);
	/*
	 * A catalog gives its header for "" (a variable: not a message for
	 * xgettext); without one for this language every message is its
	 * English, and gettext is not asked for each one.
	 */
	acct_i18n_english = !*dgettext(ACCT_TEXTDOMAIN, header);
	free(abs);
}

/* --list-periods: what --period takes, for the completions. */
static int list_periods(void)
{
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_time now;
	struct acct_date today;

	if (read_clock(&now) < 0)
		return EXIT_USAGE;
	acct_time_date(&today, &now);
	acct_period_suggest(&out, &today);
	fputs(out.buf, stdout);
	acct_buf_release(&out);
	return finish_stdout(EXIT_OK);
}

int main(int argc, const char **argv)
{
	struct cmd_ctx ctx;
	const struct cmd_spec *c;
	int i, status;

	choose_language();
	memset(&ctx, 0, sizeof(ctx));
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-C")) {
			if (i + 1 >= argc) {
				fprintf(stderr, _("acct: -C needs a folder\n"));
				return EXIT_USAGE;
			}
			if (chdir(argv[++i]) < 0) {
				fprintf(stderr, _("acct: cannot change to '%s': %s\n"),
					argv[i], strerror(errno));
				return EXIT_USAGE;
			}
			ctx.book_dir = ".";
		} else if (!strcmp(a, "--version")) {
			printf(_("acct version %s\n"), ACCT_VERSION);
			return finish_stdout(EXIT_OK);
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			cmd_print_commands(stdout);
			return finish_stdout(EXIT_OK);
		} else if (!strcmp(a, "--man-commands")) {
			cmd_print_man_commands();
			return finish_stdout(EXIT_OK);
		} else if (!strcmp(a, "--list-cmds")) {
			for (c = acct_commands; c->name; c++)
				printf("%s\n", c->name);
			return finish_stdout(EXIT_OK);
		} else if (!strcmp(a, "--list-periods")) {
			return list_periods();
		} else if (!strcmp(a, "--complete-opts")) {
			/* The options above, as opt.c's --complete-opts. */
			printf("-C= --version --help --list-cmds\n");
			return finish_stdout(EXIT_OK);
		} else {
			fprintf(stderr, _("acct: unknown option '%s'\n"), a);
			cmd_print_commands(stderr);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		cmd_print_commands(stderr);
		return EXIT_USAGE;
	}
	for (c = acct_commands; c->name; c++)
		if (!strcmp(c->name, argv[i]))
			break;
	if (!c->name) {
		fprintf(stderr, _("acct: '%s' is not an acct command; see 'acct --help'\n"),
			argv[i]);
		return EXIT_USAGE;
	}
	if (read_clock(&ctx.now) < 0)
		return EXIT_USAGE;
	if (!ctx.book_dir)
		ctx.book_dir = env("ACCT_DIR") ? env("ACCT_DIR") : ".";
	ctx.ident.author_name = env("GIT_AUTHOR_NAME");
	ctx.ident.author_email = env("GIT_AUTHOR_EMAIL");
	ctx.ident.author_date = env("GIT_AUTHOR_DATE");
	ctx.ident.committer_name = env("GIT_COMMITTER_NAME");
	ctx.ident.committer_email = env("GIT_COMMITTER_EMAIL");
	ctx.ident.committer_date = env("GIT_COMMITTER_DATE");
	ctx.editor = env("VISUAL") ? env("VISUAL") : env("EDITOR");
	ctx.stdout_tty = isatty(STDOUT_FILENO);
	ctx.stdin_tty = isatty(STDIN_FILENO);
	ctx.color = ctx.stdout_tty && !env("NO_COLOR");
	ctx.no_cache = env("ACCT_NO_CACHE") && strcmp(env("ACCT_NO_CACHE"), "0");
	ctx.mandir = env("ACCT_MANDIR");

	if (asks_manual(argc - i, argv + i) &&
	    (status = cmd_show_man(&ctx, c->name)) >= 0)
		return finish_stdout(status);

	/* Help needs no book: it works anywhere, as git's does. */
	if ((c->flags & CMD_NEED_BOOK) && !asks_help(argc - i, argv + i) &&
	    cmd_open_book(&ctx) < 0)
		return EXIT_FAIL;
	status = c->fn(argc - i, argv + i, &ctx);
	acct_book_free(ctx.book);
	return finish_stdout(status);
}
