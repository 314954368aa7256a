/* acct report: a client's weekly, monthly or quarterly report; the portfolio. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/report.h"
#include "acct/tpl.h"
#include "acct/banned.h"

static const char *const report_usage[] = {
	"acct report <client> (--period <period> | --since <date> --until <date>) "
	"[--template <name>] [--format md|html|man|latex|json] [--locale en|ru] "
	"[--save]",
	"acct report --all (--period <period> | --since <date> --until <date>) "
	"[...]",
	NULL,
};

static void bad_record(void *data, const struct acct_error *err)
{
	int *bad = data;

	*bad = 1;
	cmd_fail(err);
}

/* Write the report into the book and commit it; print its path. */
static int save(struct cmd_ctx *ctx, const struct acct_report_opts *ro,
		const char *home, enum acct_report_format format,
		const struct acct_buf *text)
{
	struct acct_report_save_spec spec = {
		ro->slug, ro->period.label, ro->template, ro->locale, home,
		format,
	};
	struct acct_buf path = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc;

	if (acct_report_save(&path, ctx->book, &spec, text->buf, text->len,
			     &err) < 0) {
		rc = cmd_fail(&err);
	} else {
		printf("%s\n", path.buf);
		rc = EXIT_OK;
	}
	acct_buf_release(&path);
	return rc;
}

int cmd_report(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const char *period_s = NULL, *since_s = NULL, *until_s = NULL;
	const char *tpl = NULL, *format_s = NULL, *locale = NULL;
	int all = 0, do_save = 0;
	struct opt options[] = {
		OPT_STRING(0, "period", &period_s, "period", "2026-W47, 2026-11, 2026-Q4, 2026, last-week, this-month, last-quarter ..."),
		OPT_STRING(0, "since", &since_s, "date", "the first day, with --until"),
		OPT_STRING(0, "until", &until_s, "date", "the last day, with --since"),
		OPT_STRING(0, "template", &tpl, "name", "weekly, monthly, quarterly, portfolio or the book's own (default: from the period)"),
		OPT_STRING(0, "format", &format_s, "format", "md, html, man, latex or json (default: md)"),
		OPT_STRING(0, "locale", &locale, "locale", "en or ru (default: the client's, else the book's)"),
		OPT_BOOL('a', "all", &all, "the portfolio: every active client"),
		OPT_BOOL(0, "save", &do_save, "write it to clients/<slug>/reports/ and commit"),
		OPT_END()
	};
	struct acct_report_opts ro = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf slug = ACCT_BUF_INIT, text = ACCT_BUF_INIT,
			home = ACCT_BUF_INIT;
	enum acct_report_format format = ACCT_FORMAT_MD;
	json_t *data = NULL;
	int rc, f, bad = 0;

	if ((argc = opt_parse(argc, argv, options, report_usage)) < 0)
		return opt_exit(argc);
	if (all ? argc != 0 : argc != 1)
		return cmd_usage_error(report_usage, options, all ?
				       "--all takes no <client>" :
				       "expected one <client> (or --all)");
	if (format_s && (f = acct_report_format_parse(format_s)) < 0)
		return cmd_usage_error(report_usage, options, "--format must be "
				       "md, html, man, latex or json, not '%s'",
				       format_s);
	if (format_s)
		format = (enum acct_report_format)f;
	if (locale && strcmp(locale, "en") && strcmp(locale, "ru"))
		return cmd_usage_error(report_usage, options, "--locale must be "
				       "en or ru, not '%s'", locale);
	acct_time_date(&ro.today, &ctx->now);
	if (period_s && (since_s || until_s))
		return cmd_usage_error(report_usage, options, "give --period or "
				       "--since and --until, not both");
	if (period_s) {
		if (acct_period_parse(&ro.period, period_s, &ro.today, 0, &err) < 0)
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
		acct_period_range(&ro.period, &a, &b);
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
	ro.slug = all ? NULL : slug.buf;
	ro.template = tpl ? tpl : all ? "portfolio" :
		      acct_report_default_template(&ro.period);
	/*
	 * The client's language, the one place it is chosen: the card's
	 * locale, else the book's (the portfolio's: the book's). The report
	 * is in it unless --locale says otherwise, and --save names a
	 * report in another language apart.
	 */
	if (all) {
		acct_buf_addstr(&home, ctx->book->config.locale);
	} else if (acct_client_locale_load(&home, ctx->book, slug.buf,
					   &err) < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	ro.locale = locale ? locale : home.buf;
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
	if ((rc = acct_report_render(&text, ctx->book, data, ro.template,
				     format, &err)) < 0) {
		rc = cmd_fail_with(&err, rc == ACCT_EUSAGE ||
				   rc == ACCT_ENOTFOUND ? EXIT_USAGE : EXIT_FAIL);
		goto out;
	}
	if (do_save)
		rc = save(ctx, &ro, home.buf, format, &text);
	else {
		fwrite(text.buf, 1, text.len, stdout);
		rc = EXIT_OK;
	}
out:
	json_decref(data);
	acct_buf_release(&slug);
	acct_buf_release(&text);
	acct_buf_release(&home);
	return rc;
}
