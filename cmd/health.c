/* acct health: a score 0-100 per client, factor by factor, worst first. */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/health.h"
#include "acct/i18n.h"
#include "acct/banned.h"

static const char *const health_usage[] = {
	N_("acct health [<client>] [--date <date>] [--explain] [--json]"),
	NULL,
};

/* A factor's value as people read it: "3 days", "40%", "NPS 45", "+5". */
static void value_text(struct acct_buf *b, enum acct_health_kind k,
		       const struct acct_health_factor *x)
{
	acct_buf_reset(b);
	if (!x->has) {
		acct_buf_addstr(b, "-");
		return;
	}
	switch (k) {
	case ACCT_HEALTH_RECENCY:
		acct_buf_addf(b, Q_("%d day", "%d days", x->value), x->value);
		break;
	case ACCT_HEALTH_NPS:
		acct_buf_addf(b, "NPS %d", x->value);
		break;
	case ACCT_HEALTH_NPS_TREND:
		acct_buf_addf(b, "%+d", x->value);
		break;
	case ACCT_HEALTH_ACTIONS:
		acct_buf_addf(b, _("%d overdue"), x->value);
		break;
	default:
		acct_buf_addf(b, "%d%%", x->value);
		break;
	}
}

static void put_factor(struct out *o, enum acct_health_kind k,
		       const struct acct_health_factor *x, int json)
{
	struct acct_buf b = ACCT_BUF_INIT;

	out_map_begin(o, NULL);
	out_str(o, "name", acct_health_names[k]);
	if (json) {
		if (x->has)
			out_int(o, "value", x->value);
		else
			out_str(o, "value", NULL);
		out_int(o, "weight", x->weight);
		if (x->has)
			out_int(o, "points", x->points);
		else
			out_str(o, "points", NULL);
	} else {
		value_text(&b, k, x);
		out_str(o, "value", b.buf);
		acct_buf_reset(&b);
		acct_buf_addf(&b, _("weight %d"), x->weight);
		out_str(o, "weight", b.buf);
		acct_buf_reset(&b);
		if (x->has)
			acct_buf_addf(&b, _("points %d"), x->points);
		else
			acct_buf_addstr(&b, _("left out"));
		out_str(o, "points", b.buf);
	}
	out_str(o, "note", json ? x->note : x->note_text);
	out_map_end(o);
	acct_buf_release(&b);
}

static void put_client(struct out *o, const struct acct_health *h, int json,
		       int explain)
{
	size_t k;

	out_map_begin(o, NULL);
	if (json) {
		out_str(o, "client", h->slug);
		out_str(o, "name", h->name);
		if (h->has_score)
			out_int(o, "score", h->score);
		else
			out_str(o, "score", NULL);
	} else {
		char score[8];

		snprintf(score, sizeof(score), "%d", h->score);
		out_str(o, "score", h->has_score ? score : "-");
		out_str(o, "client", h->slug);
		out_str(o, "name", h->name);
	}
	if (json || explain) {
		out_list_begin(o, "factors", OUT_TABLE);
		for (k = 0; k < ACCT_HEALTH_NFACTORS; k++)
			put_factor(o, (enum acct_health_kind)k, &h->factors[k],
				   json);
		out_list_end(o);
	}
	out_map_end(o);
}

static void bad_record(void *data, const struct acct_error *err)
{
	out_error(data, err);
}

int cmd_health(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const char *date = NULL;
	int json = 0, explain = 0;
	const struct opt options[] = {
		OPT_STRING(0, "date", &date, N_("date"), N_("as of a past day, from the book as it stood then (default: today)")),
		OPT_BOOL(0, "explain", &explain, N_("each factor's value, weight, points and note")),
		OPT_BOOL(0, "json", &json, N_("print JSON")),
		OPT_END()
	};
	struct acct_health_list list = ACCT_HEALTH_LIST_INIT;
	struct acct_health_opts ho = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf slug = ACCT_BUF_INIT;
	struct acct_book *book, *past = NULL;
	struct acct_date today;
	char day[ACCT_DATE_STRLEN];
	struct out *o;
	size_t i;
	int rc;

	if ((argc = opt_parse(argc, argv, options, health_usage)) < 0)
		return opt_exit(argc);
	if (argc > 1)
		return cmd_usage_error(health_usage, options, "unexpected "
				       "argument '%s'", argv[1]);
	acct_time_date(&today, &ctx->now);
	ho.today = today;
	if (date) {
		if (acct_date_parse(&ho.today, date, &err) < 0)
			return cmd_fail_option("--date", &err);
		/* What has not happened yet has no score. */
		if (acct_date_cmp(&ho.today, &today) > 0)
			return cmd_usage_error(health_usage, options, "--date "
					       "%s is in the future (today is "
					       "%04d-%02d-%02d)", date,
					       today.year, today.month,
					       today.day);
	}
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	book = ctx->book;
	if (argc && (rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
		return rc;
	/* A past day reads the book as it stood then, from its history. */
	if (acct_date_cmp(&ho.today, &today) < 0) {
		if (acct_book_at(&past, book, &ho.today, &err) < 0) {
			acct_buf_release(&slug);
			return cmd_fail(&err);
		}
		book = past;
	}
	ho.slug = argc ? slug.buf : NULL;
	o = out_begin(ctx, json);
	ho.bad = bad_record;
	ho.data = o;
	if ((rc = acct_health_build(&list, book, &ho, &err)) < 0) {
		out_abort(o);
		acct_book_free(past);
		acct_buf_release(&slug);
		return cmd_fail(&err);
	}
	if (json) {
		acct_date_format(day, &ho.today);
		out_str(o, "date", day);
	}
	out_list_begin(o, "clients", OUT_TABLE);
	for (i = 0; i < list.n; i++)
		put_client(o, &list.items[i], json, explain);
	out_list_end(o);
	if (out_end(o) < 0)
		rc = -1;
	acct_health_list_release(&list);
	acct_book_free(past);
	acct_buf_release(&slug);
	return rc ? EXIT_FAIL : EXIT_OK;
}
