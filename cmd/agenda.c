/* acct agenda: what is due today, most urgent first. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include "acct/agenda.h"
#include "acct/buf.h"
#include "acct/txn.h"
#include "acct/banned.h"

static const char *const agenda_usage[] = {
	N_("acct agenda [--date <date>] [--days <n>] [--manager <manager> | --all] "
	"[--json] [--exit-code]"),
	N_("acct agenda --format ics [--date <date>] [--days <n>] "
	"[--manager <manager> | --all]"),
	NULL,
};

/* English for --json; the text printer translates it. */
static const char *what(const struct acct_agenda_item *it)
{
	switch (it->kind) {
	case ACCT_DUE_DETRACTOR:
		return N_("detractor");
	case ACCT_DUE_ACTION:
		return N_("overdue action");
	case ACCT_DUE_CONTACT:
		return N_("write first");
	case ACCT_DUE_CALL:
		return N_("call");
	case ACCT_DUE_REPORT:
		return !it->ref ? N_("report") : !strcmp(it->ref, "weekly") ?
		       N_("weekly summary") : !strcmp(it->ref, "monthly") ?
		       N_("monthly report") : N_("report");
	case ACCT_DUE_REVIEW:
		return N_("quarterly review");
	case ACCT_DUE_NPS:
		return N_("NPS survey");
	case ACCT_DUE_TODAY:
		return N_("action due today");
	case ACCT_DUE_BRIEF:
		return N_("brief");
	case ACCT_DUE_BIRTHDAY:
		return N_("birthday");
	case ACCT_DUE_ANNIVERSARY:
		return N_("anniversary");
	case ACCT_DUE_KPI:
		return N_("KPI missed");
	case ACCT_DUE_METRICS:
		return N_("metrics missing");
	case ACCT_DUE_RISK:
		return N_("at risk");
	case ACCT_DUE_OVERLOAD:
	default:
		return N_("overload");
	}
}

static void when(struct acct_buf *b, const struct acct_agenda_item *it)
{
	acct_buf_reset(b);
	if (!it->has_due)
		return;
	/* What happened on the day rather than fell due: since when. */
	if (it->kind == ACCT_DUE_DETRACTOR || it->kind == ACCT_DUE_KPI)
		acct_buf_addf(b, it->overdue ? Q_("%d day ago", "%d days ago",
						it->overdue) : _("today"),
			      it->overdue);
	else if (it->overdue < 0)	/* a birthday or anniversary ahead */
		acct_buf_addf(b, it->overdue == -1 ? _("tomorrow") :
			      Q_("in %d day", "in %d days", -it->overdue),
			      -it->overdue);
	else if (it->kind == ACCT_DUE_BIRTHDAY ||
		 it->kind == ACCT_DUE_ANNIVERSARY)
		acct_buf_addstr(b, _("today"));
	else if (it->overdue)
		acct_buf_addf(b, Q_("%d day overdue", "%d days overdue",
				    it->overdue), it->overdue);
	else
		acct_buf_addstr(b, _("due today"));
}

static void detail(struct acct_buf *b, const struct acct_agenda_item *it)
{
	char last[ACCT_DATE_STRLEN];

	acct_buf_reset(b);
	if (it->detail)
		acct_buf_addstr(b, it->detail_text ? it->detail_text :
				it->detail);
	if (it->has_last && it->kind != ACCT_DUE_DETRACTOR) {
		acct_date_format(last, &it->last);
		acct_buf_addf(b, _(" (last %s)"), last);
	}
	if (it->has_local)
		acct_buf_addf(b, it->in_hours < 0 ? _("; their time %s") :
			      it->in_hours ? _("; their time %s, within hours") :
			      _("; their time %s, outside hours"), it->local_time);
	if (it->has_due && it->overdue < 0) {
		static const char *const days[] = {
			N_("Monday"), N_("Tuesday"), N_("Wednesday"),
			N_("Thursday"), N_("Friday"), N_("Saturday"),
			N_("Sunday"),
		};

		acct_date_format(last, &it->due);
		acct_buf_addf(b, _(", on %s %s"),
			      _(days[acct_date_weekday(&it->due)]), last);
	}
}

static void put_item(struct out *o, const struct acct_agenda_item *it,
		     int json)
{
	struct acct_buf b = ACCT_BUF_INIT;
	char day[ACCT_DATE_STRLEN];

	out_map_begin(o, NULL);
	if (json) {
		out_str(o, "kind", acct_agenda_kind_name(it->kind));
		out_str(o, "what", what(it));
		out_str(o, "client", it->slug);
		out_str(o, "name", it->name);
		if (it->has_due)
			acct_date_format(day, &it->due);
		out_str(o, "due", it->has_due ? day : NULL);
		if (it->has_due)
			out_int(o, "overdue", it->overdue);
		else
			out_str(o, "overdue", NULL);
		if (it->has_last)
			acct_date_format(day, &it->last);
		out_str(o, "last", it->has_last ? day : NULL);
		out_str(o, "detail", it->detail);
		out_str(o, "ref", it->ref);
		out_str(o, "local_time", it->has_local ? it->local_time : NULL);
		if (it->in_hours >= 0)
			out_bool(o, "in_hours", it->in_hours);
		else
			out_str(o, "in_hours", NULL);
		out_str(o, "contact", it->contact);
		if (it->years)
			out_int(o, "years", it->years);
		else
			out_str(o, "years", NULL);
		out_str(o, "command", it->command);
	} else {
		out_str(o, "what", _(what(it)));
		out_str(o, "client", it->slug ? it->slug : "-");
		when(&b, it);
		out_str(o, "when", b.len ? b.buf : "-");
		detail(&b, it);
		out_str(o, "detail", b.buf);
		out_str(o, "command", it->command);
	}
	out_map_end(o);
	acct_buf_release(&b);
}

static void bad_record(void *data, const struct acct_error *err)
{
	out_error(data, err);
}

int cmd_agenda(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const char *date = NULL, *manager = NULL, *days = NULL, *format = NULL;
	int all = 0, json = 0, exit_code = 0;
	struct opt options[] = {
		OPT_STRING(0, "date", &date, N_("date"), N_("the day to look at, YYYY-MM-DD (default: today)")),
		OPT_STRING(0, "days", &days, N_("n"), N_("also the birthdays and anniversaries of the next <n> days")),
		OPT_STRING(0, "manager", &manager, N_("manager"), N_("this manager's clients: any part of the name or e-mail, any case")),
		OPT_BOOL('a', "all", &all, N_("every manager's clients")),
		OPT_BOOL(0, "json", &json, N_("print JSON")),
		OPT_STRING(0, "format", &format, N_("format"), N_("text, json, or ics: an iCalendar feed of the next <n> days (14), as acct calendar")),
		OPT_BOOL(0, "exit-code", &exit_code, N_("exit 3 when anything is due, 0 when nothing is")),
		OPT_END()
	};
	struct acct_agenda agenda = ACCT_AGENDA_INIT;
	struct acct_agenda_opts ao = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	char day[ACCT_DATE_STRLEN];
	char *email = NULL;
	struct out *o;
	size_t i;
	int rc;

	if ((argc = opt_parse(argc, argv, options, agenda_usage)) < 0)
		return opt_exit(argc);
	if (argc)
		return cmd_usage_error(agenda_usage, options, "unexpected "
				       "argument '%s'", argv[0]);
	if (format && !strcmp(format, "ics")) {
		struct calendar_args ca = { days, date, manager, NULL, all };

		if (json || exit_code)
			return cmd_usage_error(agenda_usage, options, "--format "
					       "ics cannot be used with %s",
					       json ? "--json" : "--exit-code");
		return cmd_calendar_feed(ctx, &ca, agenda_usage, options);
	}
	if (format && !strcmp(format, "json"))
		json = 1;
	else if (format && strcmp(format, "text"))
		return cmd_usage_error(agenda_usage, options, "--format must "
				       "be text, json or ics, not '%s'", format);
	if (all && manager)
		return cmd_usage_error(agenda_usage, options, "--manager and "
				       "--all cannot be used together");
	if (manager && !*manager)
		return cmd_usage_error(agenda_usage, options, "--manager must "
				       "not be empty");
	if (days) {
		char *end;
		long n = strtol(days, &end, 10);

		if (*days < '0' || *days > '9' || *end || n > 366)
			return cmd_usage_error(agenda_usage, options, "--days "
					       "must be a number of days from 0 "
					       "to 366, not '%s'", days);
		ao.days = (int)n;
	}
	ao.occasions = 1;
	acct_time_date(&ao.today, &ctx->now);
	if (date && acct_date_parse(&ao.today, date, &err) < 0)
		return cmd_fail_option("--date", &err);
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (manager) {
		ao.manager = manager;
	} else if (!all && (email = cmd_my_email(ctx))) {
		/* Mine, or everyone's when no card names me. */
		ao.manager = email;
		ao.fallback = 1;
	}
	o = out_begin(ctx, json);
	ao.bad = bad_record;
	ao.data = o;
	if ((rc = acct_agenda_build(&agenda, ctx->book, &ao, &err)) < 0) {
		out_abort(o);
		free(email);
		return cmd_fail(&err);
	}
	if (json) {
		acct_date_format(day, &ao.today);
		out_str(o, "date", day);
		out_str(o, "manager", agenda.everyone ? NULL : ao.manager);
		out_int(o, "clients", (long long)agenda.clients);
	}
	out_list_begin(o, "items", OUT_TABLE);
	for (i = 0; i < agenda.n; i++)
		put_item(o, &agenda.items[i], json);
	out_list_end(o);
	if (out_end(o) < 0)
		rc = -1;
	/* Nothing due: nothing for cron to mail, a word for a person. */
	if (!json && !agenda.n && ctx->stdout_tty)
		fputs(_("nothing due\n"), stdout);
	free(email);
	rc = rc ? EXIT_FAIL : exit_code && agenda.n ? EXIT_FOUND : EXIT_OK;
	acct_agenda_release(&agenda);
	return rc;
}
