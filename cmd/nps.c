/*
 * acct nps: record an NPS/CSAT answer; show NPS, CSAT, the trend and the
 * floating fee's payout; import a survey tool's CSV export.
 */
#include "cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/csv.h"
#include "acct/nps.h"
#include "acct/period.h"
#include "acct/text.h"
#include "acct/txn.h"
#include "acct/banned.h"

static const char *const nps_usage[] = {
	"acct nps <client> <score> [--respondent <name>] [--role <role>] "
	"[--comment <text>] [--csat <1-5>] [--survey <label>] [--date <date>]",
	"acct nps [<client>] [--period <period>] [--json]",
	"acct nps import <file.csv | -> [--dry-run] [--json]",
	NULL,
};

static int bad_score(const char *what, int lo, int hi)
{
	fprintf(stderr, "acct: %s must be a whole number from %d to %d\n", what,
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
		out_str(o, "nps", json ? NULL : "no data");
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

		acct_buf_addf(&b, "%ld (%ld promoter%s, %ld passive%s, %ld "
			      "detractor%s)", s->responses, s->promoters,
			      s->promoters == 1 ? "" : "s", s->passives,
			      s->passives == 1 ? "" : "s", s->detractors,
			      s->detractors == 1 ? "" : "s");
		out_str(o, "answers", b.buf);
		if (acct_nps_csat(s, csat, sizeof(csat))) {
			acct_buf_reset(&b);
			acct_buf_addf(&b, "%s (%ld answer%s)", csat, s->csat_n,
				      s->csat_n == 1 ? "" : "s");
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
	acct_buf_addf(&b, "%s%s%s%s%s, %s%% floating", fee->amount,
		      *cur ? " " : "", cur, per ? "/" : "", per ? per : "",
		      fee->floating);
	out_str(o, "fee", b.buf);
	acct_buf_reset(&b);
	if (!c->has_payout)
		acct_buf_addstr(&b, "unknown: no NPS for the period");
	else if (p->band_min < -100)
		acct_buf_addf(&b, "%s%s%s of %s (no band holds NPS; pays 0%%), "
			      "total %s", p->payout, *cur ? " " : "", cur,
			      p->floating_amount, p->total);
	else
		acct_buf_addf(&b, "%s%s%s of %s (band NPS >= %d pays %d%%), "
			      "total %s", p->payout, *cur ? " " : "", cur,
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
			      "anonymous", day, a->score);
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

enum column { C_CLIENT, C_DATE, C_RESPONDENT, C_SCORE, C_ROLE, C_COMMENT,
	      C_CSAT, C_SURVEY, C_COLUMNS };

/* The header names each column answers to, English and Russian. */
static const char *const column_names[C_COLUMNS][6] = {
	[C_CLIENT] = { "client", "клиент", "компания", "company", NULL },
	[C_DATE] = { "date", "дата", NULL },
	[C_RESPONDENT] = { "respondent", "name", "респондент", "имя", NULL },
	[C_SCORE] = { "score", "nps", "оценка", "балл", NULL },
	[C_ROLE] = { "role", "position", "роль", "должность", NULL },
	[C_COMMENT] = { "comment", "комментарий", NULL },
	[C_CSAT] = { "csat", NULL },
	[C_SURVEY] = { "survey", "опрос", NULL },
};

/* A field without the spaces and tabs around it, in place. */
static char *trim(struct acct_csv_field *f)
{
	char *s = f->text;
	size_t n = f->len;

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	s[n] = '\0';
	return s;
}

static int header_is(const char *h, const char *name)
{
	return acct_text_contains_fold(h, name) &&
	       acct_text_contains_fold(name, h);
}

static int row_error(const char *file, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int row_error(const char *file, size_t line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "acct: %s:%zu: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

/* The slug a CSV's client value names: a slug, a unique prefix, a name. */
static int csv_client(char **out, struct cmd_ctx *ctx, const char *v,
		      struct acct_client **cards, size_t ncards)
{
	struct acct_buf slug = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	size_t i, found = 0;

	if (acct_client_resolve(&slug, ctx->book, v, &err) == 0) {
		*out = acct_buf_detach(&slug, NULL);
		return 0;
	}
	for (i = 0; i < ncards; i++)
		if (cards[i] && header_is(cards[i]->name, v)) {
			*out = cards[i]->slug;
			found++;
		}
	acct_buf_release(&slug);
	if (found != 1)
		return -1;
	*out = acct_strdup(*out);
	return 0;
}

struct import {
	struct acct_csv csv;
	struct acct_nps_spec *specs;
	struct acct_nps_result *results;
	char **slugs;
	size_t n;
	struct acct_client **cards;
	char **card_slugs;
	size_t ncards;
};

static void import_release(struct import *im)
{
	size_t i;

	if (im->results)
		acct_nps_results_release(im->results, im->n);
	for (i = 0; i < im->n; i++)
		free(im->slugs[i]);
	for (i = 0; i < im->ncards; i++)
		acct_client_free(im->cards[i]);
	free(im->cards);
	acct_slugs_free(im->card_slugs, im->ncards);
	free(im->slugs);
	free(im->specs);
	free(im->results);
	acct_csv_release(&im->csv);
}

/* Turn the rows into specs; the exit status of the first bad one. */
static int import_rows(struct import *im, struct cmd_ctx *ctx, const char *name)
{
	int col[C_COLUMNS];
	const char *prev_client = NULL;
	const struct acct_csv_record *head = &im->csv.records[0];
	size_t i, r;
	int c, k;

	for (c = 0; c < C_COLUMNS; c++)
		col[c] = -1;
	for (i = 0; i < head->nfields; i++) {
		const char *h = trim(&head->fields[i]);

		for (c = 0; c < C_COLUMNS; c++)
			for (k = 0; column_names[c][k]; k++)
				if (header_is(h, column_names[c][k])) {
					if (col[c] >= 0)
						return row_error(name, head->line,
							"two columns are '%s'",
							column_names[c][0]);
					col[c] = (int)i;
				}
	}
	for (c = 0; c <= C_SCORE; c++)
		if (col[c] < 0)
			return row_error(name, head->line, "no '%s' column; the "
					 "header must name client, date, "
					 "respondent and score (see acct nps "
					 "--help)", column_names[c][0]);
	if (acct_client_slugs(&im->card_slugs, &im->ncards, ctx->book, NULL) == 0) {
		im->cards = acct_calloc(im->ncards + 1, sizeof(*im->cards));
		for (i = 0; i < im->ncards; i++)
			if (acct_client_load(&im->cards[i], ctx->book,
					     im->card_slugs[i], NULL) < 0)
				im->cards[i] = NULL;
	}
	im->specs = acct_calloc(im->csv.nrecords, sizeof(*im->specs));
	im->slugs = acct_calloc(im->csv.nrecords, sizeof(*im->slugs));
	im->results = acct_calloc(im->csv.nrecords, sizeof(*im->results));
	for (r = 1; r < im->csv.nrecords; r++) {
		struct acct_csv_record *rec = &im->csv.records[r];
		struct acct_nps_spec *s = &im->specs[im->n];
		const char *v[C_COLUMNS];

		for (c = 0; c < C_COLUMNS; c++)
			v[c] = col[c] >= 0 && (size_t)col[c] < rec->nfields ?
			       trim(&rec->fields[col[c]]) : NULL;
		s->line = rec->line;
		if (!v[C_CLIENT] || !*v[C_CLIENT])
			return row_error(name, rec->line, "no client");
		/* An export lists a client's answers together: look it up once. */
		if (prev_client && !strcmp(prev_client, v[C_CLIENT])) {
			im->slugs[im->n] = acct_strdup(im->slugs[im->n - 1]);
		} else if (csv_client(&im->slugs[im->n], ctx, v[C_CLIENT],
				      im->cards, im->ncards) < 0) {
			struct acct_buf q = ACCT_BUF_INIT;

			acct_text_escape_terminal(&q, v[C_CLIENT],
						  strlen(v[C_CLIENT]));
			c = row_error(name, rec->line, "no client is '%s' (by "
				      "slug, slug prefix or name)", q.buf);
			acct_buf_release(&q);
			return c;
		}
		prev_client = v[C_CLIENT];
		s->slug = im->slugs[im->n];
		im->n++;
		if (!v[C_DATE] || acct_date_parse_export(&s->date, v[C_DATE]) < 0)
			return row_error(name, rec->line, "date must be "
					 "YYYY-MM-DD (or DD.MM.YYYY), not '%s'",
					 v[C_DATE] ? v[C_DATE] : "");
		if (!v[C_SCORE] || acct_nps_value_parse(&s->score, v[C_SCORE],
							0, 10) < 0)
			return row_error(name, rec->line, "score must be a whole "
					 "number from 0 to 10");
		if (v[C_CSAT] && *v[C_CSAT] &&
		    acct_nps_value_parse(&s->csat, v[C_CSAT], 1, 5) < 0)
			return row_error(name, rec->line, "csat must be a whole "
					 "number from 1 to 5");
		s->respondent = v[C_RESPONDENT] && *v[C_RESPONDENT] ?
				v[C_RESPONDENT] : NULL;
		s->role = v[C_ROLE] && *v[C_ROLE] ? v[C_ROLE] : NULL;
		s->survey = v[C_SURVEY] && *v[C_SURVEY] ? v[C_SURVEY] : NULL;
		if (v[C_COMMENT] && *v[C_COMMENT]) {
			/* Spreadsheets break lines with \r\n: keep \n. */
			char *w = (char *)rec->fields[col[C_COMMENT]].text;
			const char *p = v[C_COMMENT];
			char *start = w;

			for (; *p; p++)
				if (*p != '\r')
					*w++ = *p;
				else if (p[1] != '\n')
					*w++ = '\n';
			*w = '\0';
			s->comment = start;
		}
	}
	return 0;
}

static int nps_import(const char *file, struct cmd_ctx *ctx, int dry_run,
		      int json)
{
	struct import im = { ACCT_CSV_INIT, NULL, NULL, NULL, 0, NULL, NULL, 0 };
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
	if (acct_csv_parse(&im.csv, name, text.buf, text.len, 0, &err) < 0) {
		rc = cmd_fail_with(&err, EXIT_USAGE);
		goto out;
	}
	if (!im.csv.nrecords) {
		rc = row_error(name, 1, "the file is empty; it needs a header "
			       "row and answers");
		goto out;
	}
	if ((rc = import_rows(&im, ctx, name)) != 0)
		goto out;
	if (im.n >= 1000 && isatty(STDERR_FILENO))
		fprintf(stderr, "acct: checking and recording %zu answers...\n",
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
			out_str(o, "action", im.results[i].known ? "known" :
				dry_run ? "would add" : "added");
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
	if (!json)
		printf("%s%zu new answer%s, %zu recorded already\n",
		       dry_run ? "dry run: " : "", added, added == 1 ? "" : "s",
		       known);
	rc = EXIT_OK;
out:
	import_release(&im);
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
		OPT_STRING(0, "respondent", &spec.respondent, "name", "who answered (default: anonymous)"),
		OPT_STRING(0, "role", &spec.role, "role", "the respondent's role"),
		OPT_STRING(0, "comment", &spec.comment, "text", "what they said"),
		OPT_STRING(0, "csat", &csat, "1-5", "the CSAT score, 1 to 5"),
		OPT_STRING(0, "survey", &spec.survey, "label", "the survey, e.g. 2026-Q4"),
		OPT_STRING(0, "date", &date, "date", "the answer's date, YYYY-MM-DD (default: today)"),
		OPT_STRING(0, "period", &period, "period", "2026-Q4, 2026, 2026-11, last-quarter, all ... (default: this-quarter)"),
		OPT_BOOL(0, "dry-run", &dry_run, "import: check and show, write nothing"),
		OPT_BOOL(0, "json", &json, "print JSON"),
		OPT_BOOL('q', "quiet", &quiet, "do not print the new answer's path"),
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
