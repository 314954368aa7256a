/*
 * acct nps: record an NPS/CSAT answer; show NPS, CSAT, the trend and the
 * floating fee's payout; import a survey tool's CSV export.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/nps.h"
#include "acct/period.h"
#include "acct/txn.h"
#include "acct/banned.h"

static const char *const nps_usage[] = {
	N_("acct nps <client> <score> [--respondent <name>] [--role <role>] "
	"[--comment <text>] [--csat <1-5>] [--survey <label>] [--date <date>]"),
	N_("acct nps [<client>] [--period <period>] [--json]"),
	N_("acct nps import <file.csv | -> [--dry-run] [--json]"),
	NULL,
};

static int bad_score(const char *what, int lo, int hi)
{
	fprintf(stderr, _("acct: %s must be a whole number from %d to %d\n"), what,
		lo, hi);
	return EXIT_USAGE;
}

/* --- acct nps <client> <score> ------------------------------------------- */

static int nps_record(int argc, const char **argv, struct cmd_ctx *ctx,
		      const struct acct_nps_spec *opts, const char *csat,
		      const char *date, int quiet)
{
	struct acct_nps_spec spec = *opts;
	struct acct_nps_result res = { NULL, 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf slug = ACCT_BUF_INIT, subject = ACCT_BUF_INIT;
	struct acct_buf who = ACCT_BUF_INIT;
	int rc;

	(void)argc;
	if (acct_nps_value_parse(&spec.score, argv[1], 0, 10) < 0)
		return bad_score("score", 0, 10);
	if (csat && acct_nps_value_parse(&spec.csat, csat, 1, 5) < 0)
		return bad_score("csat", 1, 5);
	acct_time_date(&spec.date, &ctx->now);
	if (date && acct_date_parse(&spec.date, date, &err) < 0)
		return cmd_fail_option("--date", &err);
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if ((rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
		goto out;
	spec.slug = slug.buf;
	acct_buf_addf(&who, "%d from %s", spec.score,
		      spec.respondent && *spec.respondent ? spec.respondent :
		      "an anonymous respondent");
	acct_commit_subject(&subject, "nps", slug.buf, who.buf);
	rc = acct_nps_plan(ctx->book, &spec, 1, 0, NULL, &res, &err);
	if (rc >= 0)
		rc = acct_nps_commit(ctx->book, &spec, &res, 1, subject.buf, &err);
	if (rc < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	if (!quiet)
		printf("%s\n", res.path);
	rc = EXIT_OK;
out:
	acct_nps_results_release(&res, 1);
	acct_buf_release(&slug);
	acct_buf_release(&subject);
	acct_buf_release(&who);
	return rc;
}

/* --- acct nps [<client>] -------------------------------------------------- */

static void put_stats(struct out *o, const struct acct_nps_stats *s, int json)
{
	char csat[16];
	int nps;

	if (acct_nps_score(s, &nps))
		out_int(o, "nps", nps);
	else
		out_str(o, "nps", json ? NULL : _("no data"));
	if (json) {
		out_int(o, "responses", s->responses);
		out_int(o, "promoters", s->promoters);
		out_int(o, "passives", s->passives);
		out_int(o, "detractors", s->detractors);
		out_number(o, "csat", acct_nps_csat(s, csat, sizeof(csat)) ?
			   csat : NULL);
		out_int(o, "csat_responses", s->csat_n);
	} else {
		struct acct_buf b = ACCT_BUF_INIT;

		acct_buf_addf(&b, "%ld (", s->responses);
		acct_buf_addf(&b, Q_("%ld promoter", "%ld promoters",
				     (unsigned long)s->promoters), s->promoters);
		acct_buf_addstr(&b, ", ");
		acct_buf_addf(&b, Q_("%ld passive", "%ld passives",
				     (unsigned long)s->passives), s->passives);
		acct_buf_addstr(&b, ", ");
		acct_buf_addf(&b, Q_("%ld detractor", "%ld detractors",
				     (unsigned long)s->detractors),
			      s->detractors);
		acct_buf_addch(&b, ')');
		out_str(o, "answers", b.buf);
		if (acct_nps_csat(s, csat, sizeof(csat))) {
			acct_buf_reset(&b);
			acct_buf_addf(&b, Q_("%s (%ld answer)", "%s (%ld answers)",
					     (unsigned long)s->csat_n), csat,
				      s->csat_n);
			out_str(o, "csat", b.buf);
		}
		acct_buf_release(&b);
	}
}

static void put_trend(struct out *o, const struct acct_nps_quarter *t,
		      size_t n, int json)
{
	struct acct_buf b = ACCT_BUF_INIT;
	size_t i;
	int nps;

	if (!json) {
		for (i = 0; i < n; i++) {
			acct_buf_addf(&b, "%s%s ", i ? ", " : "", t[i].label);
			if (acct_nps_score(&t[i].stats, &nps))
				acct_buf_addf(&b, "%d", nps);
			else
				acct_buf_addstr(&b, "-");
		}
		if (n)
			out_str(o, "trend", b.buf);
		acct_buf_release(&b);
		return;
	}
	out_list_begin(o, "trend", OUT_TABLE);
	for (i = 0; i < n; i++) {
		out_map_begin(o, NULL);
		out_str(o, "quarter", t[i].label);
		if (acct_nps_score(&t[i].stats, &nps))
			out_int(o, "nps", nps);
		else
			out_str(o, "nps", NULL);
		out_int(o, "responses", t[i].stats.responses);
		out_map_end(o);
	}
	out_list_end(o);
}

static void put_fee(struct out *o, const struct acct_nps_client *c, int json)
{
	const struct acct_money *fee = &c->card->fee;
	const struct acct_payout *p = &c->payout;
	struct acct_buf b = ACCT_BUF_INIT;
	const char *cur = fee->currency ? fee->currency : "";
	const char *per = fee->period ? fee->period : NULL;

	if (!fee->amount || !fee->floating)
		return;
	if (json) {
		out_map_begin(o, "fee");
		out_number(o, "amount", fee->amount);
		out_str(o, "currency", fee->currency);
		out_str(o, "period", fee->period);
		out_int(o, "floating", p->floating ? p->floating : strtol(fee->floating, NULL, 10));
		if (c->has_payout) {
			out_number(o, "fixed_amount", p->fixed);
			out_number(o, "floating_amount", p->floating_amount);
			if (p->band_min >= -100)
				out_int(o, "band_min", p->band_min);
			else
				out_str(o, "band_min", NULL);
			out_int(o, "pay", p->pay);
			out_number(o, "payout", p->payout);
			out_number(o, "total", p->total);
		} else {
			out_str(o, "payout", NULL);
		}
		out_map_end(o);
		return;
	}
	acct_buf_addf(&b, _("%s%s%s%s%s, %s%% floating"), fee->amount,
		      *cur ? " " : "", cur, per ? "/" : "", per ? per : "",
		      fee->floating);
	out_str(o, "fee", b.buf);
	acct_buf_reset(&b);
	if (!c->has_payout)
		acct_buf_addstr(&b, _("unknown: no NPS for the period"));
	else if (p->band_min < -100)
		acct_buf_addf(&b, _("%s%s%s of %s (no band holds NPS; pays "
				    "0%%), total %s"), p->payout,
			      *cur ? " " : "", cur,
			      p->floating_amount, p->total);
	else
		acct_buf_addf(&b, _("%s%s%s of %s (band NPS >= %d pays %d%%), "
				    "total %s"), p->payout, *cur ? " " : "", cur,
			      p->floating_amount, p->band_min, p->pay, p->total);
	out_str(o, "payout", b.buf);
	acct_buf_release(&b);
}

static void put_detractors(struct out *o, const struct acct_nps_client *c,
			   int json)
{
	struct acct_buf b = ACCT_BUF_INIT;
	char day[ACCT_DATE_STRLEN];
	size_t i;

	out_list_begin(o, json ? "detractor_comments" : "detractors",
		       json ? OUT_TABLE : OUT_LINES);
	for (i = 0; i < c->ndetractors; i++) {
		const struct acct_nps_answer *a = c->detractors[i].answer;
		const char *comment = c->detractors[i].comment;

		acct_date_format(day, &a->date);
		if (json) {
			out_map_begin(o, NULL);
			out_str(o, "respondent", a->respondent);
			out_str(o, "role", a->role);
			out_str(o, "date", day);
			out_int(o, "score", a->score);
			out_str(o, "comment", comment);
			out_str(o, "path", a->path);
			out_map_end(o);
			continue;
		}
		acct_buf_reset(&b);
		acct_buf_addf(&b, "%s, %s, %d", a->respondent ? a->respondent :
			      _("anonymous"), day, a->score);
		if (comment) {
			const char *p;

			acct_buf_addstr(&b, ": ");
			for (p = comment; *p; p++)
				acct_buf_addch(&b, *p == '\n' ? ' ' : *p);
		}
		out_str(o, NULL, b.buf);
	}
	out_list_end(o);
	acct_buf_release(&b);
}

static void bad_record(void *data, const struct acct_error *err)
{
	out_error(data, err);
}

static int nps_show(int argc, const char **argv, struct cmd_ctx *ctx,
		    const char *period_s, int json)
{
	struct acct_nps_summary sum;
	struct acct_period period;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf slug = ACCT_BUF_INIT;
	char day[ACCT_DATE_STRLEN];
	struct acct_date today;
	struct out *o;
	size_t i;
	int rc;

	acct_time_date(&today, &ctx->now);
	if (acct_period_parse(&period, period_s ? period_s : "this-quarter",
			      &today, ACCT_PERIOD_ALLOW_ALL, &err) < 0)
		return cmd_fail_with(&err, EXIT_USAGE);
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (argc && (rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
		return rc;
	o = out_begin(ctx, json);
	rc = acct_nps_summary(&sum, ctx->book, argc ? slug.buf : NULL, &period,
			      bad_record, o, &err);
	acct_buf_release(&slug);
	if (rc < 0) {
		out_abort(o);
		return cmd_fail(&err);
	}
	if (json) {
		out_str(o, "period", period.label);
		acct_date_format(day, &period.since);
		out_str(o, "since", period.kind == ACCT_PERIOD_ALL ? NULL : day);
		acct_date_format(day, &period.until);
		out_str(o, "until", period.kind == ACCT_PERIOD_ALL ? NULL : day);
		out_list_begin(o, "clients", OUT_TABLE);
	} else {
		out_str(o, "period", period.label);
		out_map_begin(o, "clients");
	}
	for (i = 0; i < sum.n; i++) {
		const struct acct_nps_client *c = &sum.clients[i];

		out_map_begin(o, json ? NULL : c->card->slug);
		if (json)
			out_str(o, "client", c->card->slug);
		out_str(o, "name", c->card->name);
		put_stats(o, &c->stats, json);
		put_trend(o, c->trend, c->ntrend, json);
		put_fee(o, c, json);
		put_detractors(o, c, json);
		out_map_end(o);
	}
	if (json) {
		out_list_end(o);
		out_map_begin(o, "portfolio");
	} else if (!argc) {
		out_map_begin(o, "all clients");
	}
	if (json || !argc) {
		put_stats(o, &sum.stats, json);
		put_trend(o, sum.trend, sum.ntrend, json);
		out_map_end(o);
	}
	if (!json)
		out_map_end(o);
	if (out_end(o) < 0)
		rc = 1;
	acct_nps_summary_release(&sum);
	return rc ? EXIT_FAIL : EXIT_OK;
}

/* --- acct nps import ------------------------------------------------------ */

static int nps_import(const char *file, struct cmd_ctx *ctx, int dry_run,
		      int json)
{
	struct acct_nps_import im = ACCT_NPS_IMPORT_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf text = ACCT_BUF_INIT, subject = ACCT_BUF_INIT;
	struct acct_buf summary = ACCT_BUF_INIT;
	const char *name = strcmp(file, "-") ? file : "standard input";
	size_t i, added = 0, known = 0;
	struct out *o;
	int rc;

	/* The book first: its config says how much input may be read. */
	if (cmd_open_book(ctx) < 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	if ((rc = cmd_read_input(&text, ctx, file)) != 0)
		goto out;
	if (acct_nps_import_read(&im, ctx->book, name, text.buf, text.len,
				 &err) < 0) {
		/* The file is an argument: a bad one is a usage error. */
		rc = cmd_fail_with(&err, EXIT_USAGE);
		goto out;
	}
	if (im.n >= 1000 && isatty(STDERR_FILENO))
		fprintf(stderr, _("acct: checking and recording %zu answers...\n"),
			im.n);
	/* Which answers are new, and their files; then one commit. */
	rc = acct_nps_plan(ctx->book, im.specs, im.n, ACCT_NPS_SKIP_KNOWN,
			   name, im.results, &err);
	for (i = 0; rc >= 0 && i < im.n; i++) {
		if (im.results[i].known)
			known++;
		else
			added++;
	}
	if (rc >= 0 && added && !dry_run) {
		/* The subject is shared: the file's name, not its local path. */
		const char *base = strrchr(name, '/');

		acct_buf_addf(&summary, "%zu answer%s from %s", added,
			      added == 1 ? "" : "s", base && base[1] ?
			      base + 1 : name);
		acct_commit_subject(&subject, "nps", "import", summary.buf);
		rc = acct_nps_commit(ctx->book, im.specs, im.results, im.n,
				     subject.buf, &err);
	}
	if (rc < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	o = out_begin(ctx, json);
	if (json || dry_run) {
		out_list_begin(o, "answers", OUT_TABLE);
		for (i = 0; i < im.n; i++) {
			out_map_begin(o, NULL);
			if (json) {
				out_int(o, "line", (long long)im.specs[i].line);
				out_str(o, "client", im.specs[i].slug);
			}
			if (json)
				out_str(o, "action", im.results[i].known ?
					"known" : dry_run ? "would add" :
					"added");
			else
				out_str(o, "action", im.results[i].known ?
					_("known") : dry_run ? _("would add") :
					_("added"));
			out_str(o, "path", im.results[i].path);
			out_map_end(o);
		}
		out_list_end(o);
	}
	if (json) {
		out_bool(o, "dry_run", dry_run);
		out_int(o, "added", (long long)added);
		out_int(o, "known", (long long)known);
	}
	if (out_end(o) < 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	if (!json && dry_run)
		fputs(_("dry run: "), stdout);
	if (!json)
		printf(Q_("%zu new answer, %zu recorded already\n",
			  "%zu new answers, %zu recorded already\n", added),
		       added, known);
	rc = EXIT_OK;
out:
	acct_nps_import_release(&im);
	acct_buf_release(&text);
	acct_buf_release(&subject);
	acct_buf_release(&summary);
	return rc;
}

int cmd_nps(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct acct_nps_spec spec = { 0 };
	const char *csat = NULL, *date = NULL, *period = NULL;
	int json = 0, dry_run = 0, quiet = 0;
	struct opt options[] = {
		OPT_STRING(0, "respondent", &spec.respondent, N_("name"), N_("who answered (default: anonymous)")),
		OPT_STRING(0, "role", &spec.role, N_("role"), N_("the respondent's role")),
		OPT_STRING(0, "comment", &spec.comment, N_("text"), N_("what they said")),
		OPT_STRING(0, "csat", &csat, N_("1-5"), N_("the CSAT score, 1 to 5")),
		OPT_STRING(0, "survey", &spec.survey, N_("label"), N_("the survey, e.g. 2026-Q4")),
		OPT_STRING(0, "date", &date, N_("date"), N_("the answer's date, YYYY-MM-DD (default: today)")),
		OPT_STRING(0, "period", &period, N_("period"), N_("2026-Q4, 2026, 2026-11, last-quarter, all ... (default: this-quarter)")),
		OPT_BOOL(0, "dry-run", &dry_run, N_("import: check and show, write nothing")),
		OPT_BOOL(0, "json", &json, N_("print JSON")),
		OPT_BOOL('q', "quiet", &quiet, N_("do not print the new answer's path")),
		OPT_END()
	};
	int recording;

	if ((argc = opt_parse(argc, argv, options, nps_usage)) < 0)
		return opt_exit(argc);
	if (argc >= 1 && !strcmp(argv[0], "import")) {
		if (spec.respondent || spec.role || spec.comment || csat ||
		    spec.survey || date || period || quiet)
			return cmd_usage_error(nps_usage, options, "nps import "
					       "takes only --dry-run and --json");
		if (argc != 2)
			return cmd_usage_error(nps_usage, options, "nps import "
					       "takes one file (or - for "
					       "standard input)");
		return nps_import(argv[1], ctx, dry_run, json);
	}
	if (argc > 2)
		return cmd_usage_error(nps_usage, options, "expected <client> "
				       "<score>, or at most one <client>");
	recording = argc == 2;
	if (dry_run)
		return cmd_usage_error(nps_usage, options, "--dry-run is for "
				       "nps import");
	if (recording && (period || json))
		return cmd_usage_error(nps_usage, options, "--period and --json "
				       "are for showing scores, not recording");
	if (!recording && (spec.respondent || spec.role || spec.comment ||
			   csat || spec.survey || date || quiet))
		return cmd_usage_error(nps_usage, options, "--respondent, "
				       "--role, --comment, --csat, --survey and "
				       "--date need <client> <score>");
	if (recording)
		return nps_record(argc, argv, ctx, &spec, csat, date, quiet);
	return nps_show(argc, argv, ctx, period, json);
}
