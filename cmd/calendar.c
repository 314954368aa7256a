/*
 * acct calendar (and acct agenda --format ics): what falls due, as an
 * iCalendar feed for a calendar app to subscribe to, on standard output
 * or written whole into a file that cron rewrites.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acct/agenda.h"
#include "acct/buf.h"
#include "acct/ics.h"
#include "acct/lock.h"
#include "acct/banned.h"

/* The days a feed looks ahead when --days is not given. */
#define CALENDAR_DAYS 14

static const char *const calendar_usage[] = {
	N_("acct calendar [--days <n>] [--date <date>] [--manager <manager> | "
	"--all] [-o <file>]"),
	NULL,
};

static void bad_record(void *data, const struct acct_error *err)
{
	(void)data;
	cmd_fail(err);
}

/*
 * Write `text` into `file` whole: to `<file>.lock`, synced, renamed over
 * it, so that a calendar app reading the file meanwhile sees the old
 * feed or the new one, never half of one.
 */
static int write_file(const char *file, const struct acct_buf *text)
{
	struct acct_lock lk = ACCT_LOCK_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf path = ACCT_BUF_INIT;
	char *cwd = NULL;
	int rc;

	/* The lock is registered for removal on a signal: by its full path. */
	if (file[0] != '/' && (cwd = getcwd(NULL, 0)))
		acct_buf_addf(&path, "%s/", cwd);
	acct_buf_addstr(&path, file);
	rc = acct_lock_hold(&lk, path.buf, file, 0, &err);
	if (rc == ACCT_ELOCKED) {
		acct_error_set(&err, ACCT_ELOCKED, "'%s.lock' exists: another "
			       "acct calendar may be writing '%s'", file, file);
		acct_error_hint(&err, "wait for it to finish; if none is "
				"running, one was stopped midway: remove "
				"'%s.lock' and run acct calendar again", file);
	} else if (rc < 0) {
		err.hint[0] = '\0';	/* not about the book */
	}
	if (rc == 0 && (rc = acct_lock_write(&lk, text->buf, text->len,
					     &err)) == 0)
		rc = acct_lock_commit(&lk, &err);
	acct_lock_rollback(&lk);
	acct_buf_release(&path);
	free(cwd);
	return rc < 0 ? cmd_fail_with(&err, EXIT_FAIL) : EXIT_OK;
}

int cmd_calendar_feed(struct cmd_ctx *ctx, const struct calendar_args *a,
		      const char *const *usage, const struct opt *options)
{
	struct acct_agenda agenda = ACCT_AGENDA_INIT;
	struct acct_agenda_opts ao = { 0 };
	struct acct_ics_opts io = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf text = ACCT_BUF_INIT;
	char *email = NULL;
	int rc, status;

	if (a->all && a->manager)
		return cmd_usage_error(usage, options, "--manager and --all "
				       "cannot be used together");
	if (a->manager && !*a->manager)
		return cmd_usage_error(usage, options, "--manager must not be "
				       "empty");
	if (a->output && !*a->output)
		return cmd_usage_error(usage, options, "--output must not be "
				       "empty");
	ao.days = CALENDAR_DAYS;
	if (a->days) {
		char *end;
		long n = strtol(a->days, &end, 10);

		if (*a->days < '0' || *a->days > '9' || *end || n > 366)
			return cmd_usage_error(usage, options, "--days must be "
					       "a number of days from 0 to 366, "
					       "not '%s'", a->days);
		ao.days = (int)n;
	}
	acct_time_date(&ao.today, &ctx->now);
	if (a->date && acct_date_parse(&ao.today, a->date, &err) < 0)
		return cmd_fail_option("--date", &err);
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (a->manager) {
		ao.manager = a->manager;
	} else if (!a->all && (email = cmd_my_email(ctx))) {
		/* Mine, or everyone's when no card names me. */
		ao.manager = email;
		ao.fallback = 1;
	}
	ao.calendar = 1;
	ao.bad = bad_record;
	if ((rc = acct_agenda_build(&agenda, ctx->book, &ao, &err)) < 0) {
		free(email);
		return cmd_fail(&err);
	}
	io.now = ctx->now;
	io.today = ao.today;
	io.name = "acct";
	if (acct_ics_agenda(&text, &agenda, &io, &err) < 0) {
		status = cmd_fail(&err);
	} else if (a->output) {
		status = write_file(a->output, &text);
	} else {
		fwrite(text.buf, 1, text.len, stdout);
		status = EXIT_OK;
	}
	/* Bad records were named on stderr; the rest is in the feed. */
	if (status == EXIT_OK && rc)
		status = EXIT_FAIL;
	acct_buf_release(&text);
	acct_agenda_release(&agenda);
	free(email);
	return status;
}

int cmd_calendar(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct calendar_args a = { 0 };
	const struct opt options[] = {
		OPT_STRING(0, "days", &a.days, N_("n"), N_("the days ahead after the first, 0 to 366 (default: 14)")),
		OPT_STRING(0, "date", &a.date, N_("date"), N_("the first day, YYYY-MM-DD (default: today)")),
		OPT_STRING(0, "manager", &a.manager, N_("manager"), N_("this manager's clients: any part of the name or e-mail, any case")),
		OPT_BOOL('a', "all", &a.all, N_("every manager's clients")),
		OPT_STRING('o', "output", &a.output, N_("file"), N_("write the feed into <file>, whole (default: standard output)")),
		OPT_END()
	};

	if ((argc = opt_parse(argc, argv, options, calendar_usage)) < 0)
		return opt_exit(argc);
	if (argc)
		return cmd_usage_error(calendar_usage, options, "unexpected "
				       "argument '%s'", argv[0]);
	return cmd_calendar_feed(ctx, &a, calendar_usage, options);
}
