/*
 * acct report: a client's weekly, monthly or quarterly report; the
 * portfolio; a report as an e-mail message, sent; the reports due today.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/agenda.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/config.h"
#include "acct/report.h"
#include "acct/tpl.h"
#include "acct/banned.h"

extern char **environ;

static const char *const report_usage[] = {
	N_("acct report <client> (--period <period> | --since <date> --until <date>) "
	"[--template <name>] [--format md|html|man|latex|json|eml] "
	"[--locale en|ru] [--save] [--mail]"),
	N_("acct report --all (--period <period> | --since <date> --until <date>) "
	"[...]"),
	N_("acct report --due [--manager <manager>] [--format <format>] [--save] "
	"[--mail]"),
	N_("acct report --templates"),
	NULL,
};

/* What every report of one run shares. */
struct run {
	struct cmd_ctx *ctx;
	enum acct_report_format format;
	const char *locale;		/* --locale, or NULL */
	int save, mail;
};

static void bad_record(void *data, const struct acct_error *err)
{
	int *bad = data;

	*bad = 1;
	cmd_fail(err);
}

/* Write the report into the book and commit it; print its path. */
static int save(struct cmd_ctx *ctx, const struct acct_report_save_spec *spec,
		const struct acct_buf *text)
{
	struct acct_buf path = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc;

	if (acct_report_save(&path, ctx->book, spec, text->buf, text->len,
			     &err) < 0) {
		rc = cmd_fail(&err);
	} else {
		printf("%s\n", path.buf);
		rc = EXIT_OK;
	}
	acct_buf_release(&path);
	return rc;
}

/* Hand the message to mail.command; record it, and save it with --save. */
static int mail(struct cmd_ctx *ctx, const struct acct_report_save_spec *spec,
		const struct acct_report_message *m, int do_save)
{
	const struct acct_config *cfg = &ctx->book->config;
	static const char *const fallback[] = ACCT_MAIL_COMMAND;
	struct acct_report_send_spec s = { 0 };
	struct acct_buf entry = ACCT_BUF_INIT, saved = ACCT_BUF_INIT,
			what = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	const char *const *command = fallback;
	int rc;

	if (cfg->mail_command)
		memcpy(&command, &cfg->mail_command, sizeof(command));
	acct_buf_addf(&what, "%s %s", spec->label, spec->template);
	s.slug = spec->slug;
	s.what = what.buf;
	s.eml = m->eml->buf;
	s.eml_len = m->eml->len;
	s.subject = m->subject->buf;
	s.to = m->to->buf;
	s.message_id = m->message_id->buf;
	s.command = command;
	s.env = (const char *const *)environ;
	s.save = do_save ? spec : NULL;
	if (acct_report_send(&entry, &saved, ctx->book, &s, &err) < 0) {
		rc = cmd_fail(&err);
	} else {
		if (saved.len)
			printf("%s\n", saved.buf);
		printf(_("mailed to %s: %s\n"), m->to->buf, m->subject->buf);
		rc = EXIT_OK;
	}
	acct_buf_release(&entry);
	acct_buf_release(&saved);
	acct_buf_release(&what);
	return rc;
}

/*
 * One report: client `slug` (NULL: the portfolio) over `period` with
 * `template`, rendered in the client's language unless --locale says
 * otherwise, then printed, saved or mailed. Returns the exit status.
 */
static int one(const struct run *r, const char *slug,
	       const struct acct_period *period, const char *template)
{
	struct cmd_ctx *ctx = r->ctx;
	struct acct_report_opts ro = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf text = ACCT_BUF_INIT, home = ACCT_BUF_INIT,
			subject = ACCT_BUF_INIT, to = ACCT_BUF_INIT,
			mid = ACCT_BUF_INIT;
	struct acct_report_message m = { &text, &subject, &to, &mid };
	struct acct_report_save_spec spec;
	json_t *data = NULL;
	int rc, bad = 0;

	acct_time_date(&ro.today, &ctx->now);
	ro.period = *period;
	ro.slug = slug;
	ro.template = template;
	/*
	 * The client's language, the one place it is chosen: the card's
	 * locale, else the book's (the portfolio's: the book's). The report
	 * is in it unless --locale says otherwise, and --save names a
	 * report in another language apart.
	 */
	if (!slug) {
		acct_buf_addstr(&home, ctx->book->config.locale);
	} else if (acct_client_locale_load(&home, ctx->book, slug,
					   &err) < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	ro.locale = r->locale ? r->locale : home.buf;
	ro.bad = bad_record;
	ro.data = &bad;
	rc = acct_report_data(&data, ctx->book, &ro, &err);
	if (rc < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	if (bad) {
		rc = EXIT_FAIL;
		goto out;
	}
	if (r->format == ACCT_FORMAT_EML)
		rc = acct_report_message(&m, ctx->book, data, ro.template,
					 &err);
	else
		rc = acct_report_render(&text, ctx->book, data, ro.template,
					r->format, &err);
	if (rc < 0) {
		rc = cmd_fail_with(&err, rc == ACCT_EUSAGE ||
				   rc == ACCT_ENOTFOUND ? EXIT_USAGE : EXIT_FAIL);
		goto out;
	}
	spec = (struct acct_report_save_spec){
		slug, ro.period.label, ro.template, ro.locale, home.buf,
		r->format,
	};
	if (r->mail) {
		rc = mail(ctx, &spec, &m, r->save);
	} else if (r->save) {
		rc = save(ctx, &spec, &text);
	} else {
		fwrite(text.buf, 1, text.len, stdout);
		rc = EXIT_OK;
	}
out:
	/* The text first: freed after the many small pieces of the data,
	 * it would make malloc sort them all (5% of a portfolio). */
	acct_buf_release(&text);
	json_decref(data);
	acct_buf_release(&home);
	acct_buf_release(&subject);
	acct_buf_release(&to);
	acct_buf_release(&mid);
	return rc;
}

/*
 * --due: the reports the agenda has due today (or overdue) for my
 * clients, each sent (or saved, or printed) on its own: one failing
 * stops none of the others.
 */
static int due(const struct run *r, const char *manager)
{
	struct cmd_ctx *ctx = r->ctx;
	struct acct_agenda agenda = ACCT_AGENDA_INIT;
	struct acct_agenda_opts ao = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf failed = ACCT_BUF_INIT;
	char *email = NULL;
	size_t i, nfailed = 0, ndue = 0;
	int rc, bad = 0;

	acct_time_date(&ao.today, &ctx->now);
	if (manager) {
		ao.manager = manager;
	} else if ((email = cmd_my_email(ctx))) {
		/* Mine, or everyone's when no card names me: as the agenda. */
		ao.manager = email;
		ao.fallback = 1;
	}
	ao.bad = bad_record;
	ao.data = &bad;
	if ((rc = acct_agenda_build(&agenda, ctx->book, &ao, &err)) < 0) {
		free(email);
		return cmd_fail_with(&err, rc == ACCT_EUSAGE ? EXIT_USAGE :
				     EXIT_FAIL);
	}
	for (i = 0; i < agenda.n; i++) {
		const struct acct_agenda_item *it = &agenda.items[i];
		struct acct_period period;
		const char *template;

		if (it->kind != ACCT_DUE_REPORT || !it->slug)
			continue;
		ndue++;
		if (acct_report_due_period(&period, &template, it,
					   &ctx->book->config, &err) < 0)
			rc = cmd_fail(&err);
		else
			rc = one(r, it->slug, &period, template);
		if (rc != EXIT_OK) {
			acct_buf_addf(&failed, "%s%s", nfailed ? ", " : "",
				      it->slug);
			nfailed++;
		}
	}
	if (nfailed)
		/* English says "1 of 1 reports": the plural is for others. */
		fprintf(stderr, Q_("acct: %zu of %zu reports due failed: %s\n",
				   "acct: %zu of %zu reports due failed: %s\n",
				   ndue), nfailed, ndue, failed.buf);
	else if (!ndue && ctx->stdout_tty)
		fputs(_("no report due\n"), stdout);
	acct_agenda_release(&agenda);
	acct_buf_release(&failed);
	free(email);
	return nfailed || bad ? EXIT_FAIL : EXIT_OK;
}

int cmd_report(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const char *period_s = NULL, *since_s = NULL, *until_s = NULL;
	const char *tpl = NULL, *format_s = NULL, *locale = NULL;
	const char *manager = NULL;
	int all = 0, do_save = 0, do_mail = 0, do_due = 0, names = 0;
	struct opt options[] = {
		OPT_STRING(0, "period", &period_s, N_("period"), N_("2026-W47, 2026-11, 2026-Q4, 2026, last-week, this-month, last-quarter ...")),
		OPT_STRING(0, "since", &since_s, N_("date"), N_("the first day, with --until")),
		OPT_STRING(0, "until", &until_s, N_("date"), N_("the last day, with --since")),
		OPT_STRING(0, "template", &tpl, N_("name"), N_("weekly, monthly, quarterly, portfolio or the book's own (default: from the period)")),
		OPT_STRING(0, "format", &format_s, N_("format"), N_("md, html, man, latex, json or eml, an e-mail message (default: md; eml with --mail)")),
		OPT_STRING(0, "locale", &locale, N_("locale"), N_("en or ru (default: the client's, else the book's)")),
		OPT_BOOL('a', "all", &all, N_("the portfolio: every active client")),
		OPT_BOOL(0, "save", &do_save, N_("write it to clients/<slug>/reports/ and commit")),
		OPT_BOOL(0, "mail", &do_mail, N_("send it to the client with mail.command and record it as sent")),
		OPT_BOOL(0, "due", &do_due, N_("every report due today for my clients, each in its client's language")),
		OPT_STRING(0, "manager", &manager, N_("manager"), N_("with --due: this manager's clients (default: mine)")),
		OPT_BOOL(0, "templates", &names, N_("print only the names --template takes, the book's and the built-ins, one a line")),
		OPT_END()
	};
	struct run r = { ctx, ACCT_FORMAT_MD, NULL, 0, 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf slug = ACCT_BUF_INIT;
	struct acct_period period;
	int rc, f;

	if ((argc = opt_parse(argc, argv, options, report_usage)) < 0)
		return opt_exit(argc);
	if (names) {
		if (argc || all || period_s || since_s || until_s || tpl ||
		    format_s || locale || do_save || do_mail || do_due || manager)
			return cmd_usage_error(report_usage, options,
					       "--templates takes nothing else");
		acct_tpl_names(&slug, ctx->book->root);
		fputs(slug.buf, stdout);
		acct_buf_release(&slug);
		return EXIT_OK;
	}
	if (do_due && (argc || all || period_s || since_s || until_s || tpl ||
		       locale))
		return cmd_usage_error(report_usage, options, "--due finds the "
				       "clients, periods, templates and "
				       "languages itself: give none");
	if (manager && !do_due)
		return cmd_usage_error(report_usage, options, "--manager goes "
				       "with --due");
	if (manager && !*manager)
		return cmd_usage_error(report_usage, options, "--manager must "
				       "not be empty");
	if (!do_due && (all ? argc != 0 : argc != 1))
		return cmd_usage_error(report_usage, options, "%s", all ?
				       _("--all takes no <client>") :
				       _("expected one <client> (or --all, or "
					 "--due)"));
	if (format_s && (f = acct_report_format_parse(format_s)) < 0)
		return cmd_usage_error(report_usage, options, "--format must be "
				       "md, html, man, latex, json or eml, not "
				       "'%s'", format_s);
	if (format_s)
		r.format = (enum acct_report_format)f;
	if (do_mail && format_s && r.format != ACCT_FORMAT_EML)
		return cmd_usage_error(report_usage, options, "--mail sends an "
				       "e-mail message: --format eml or none, "
				       "not '%s'", format_s);
	if (do_mail)
		r.format = ACCT_FORMAT_EML;
	if (all && r.format == ACCT_FORMAT_EML)
		return cmd_usage_error(report_usage, options, "the portfolio is "
				       "not sent by e-mail: give one client");
	if (do_due && r.format == ACCT_FORMAT_EML && !do_mail && !do_save)
		return cmd_usage_error(report_usage, options, "--due --format "
				       "eml makes a message for each client: add "
				       "--mail or --save");
	if (locale && strcmp(locale, "en") && strcmp(locale, "ru"))
		return cmd_usage_error(report_usage, options, "--locale must be "
				       "en or ru, not '%s'", locale);
	r.locale = locale;
	r.save = do_save;
	r.mail = do_mail;
	if (do_due) {
		if (cmd_open_book(ctx) < 0)
			return EXIT_FAIL;
		return due(&r, manager);
	}
	if (period_s && (since_s || until_s))
		return cmd_usage_error(report_usage, options, "give --period or "
				       "--since and --until, not both");
	if (period_s) {
		struct acct_date today;

		acct_time_date(&today, &ctx->now);
		if (acct_period_parse(&period, period_s, &today, 0, &err) < 0)
			return cmd_fail_with(&err, EXIT_USAGE);
	} else if (since_s && until_s) {
		struct acct_date a, b;

		if (acct_date_parse(&a, since_s, &err) < 0)
			return cmd_fail_option("--since", &err);
		if (acct_date_parse(&b, until_s, &err) < 0)
			return cmd_fail_option("--until", &err);
		if (acct_date_cmp(&a, &b) > 0)
			return cmd_usage_error(report_usage, options, "--since "
					       "%s is after --until %s", since_s,
					       until_s);
		acct_period_range(&period, &a, &b);
	} else {
		return cmd_usage_error(report_usage, options, "which period? "
				       "give --period (2026-W47, 2026-11, "
				       "2026-Q4, 2026, last-week, this-week, "
				       "last-month, this-month, last-quarter) or "
				       "--since and --until");
	}
	if (tpl && acct_tpl_check_name(tpl, &err) < 0)
		return cmd_fail_with(&err, EXIT_USAGE);
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (!all && (rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
		return rc;
	rc = one(&r, all ? NULL : slug.buf, &period, tpl ? tpl : all ?
		 "portfolio" : acct_report_default_template(&period));
	acct_buf_release(&slug);
	return rc;
}
