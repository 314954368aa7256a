/*
 * acct metric: record a client's numbers by hand; import an ad platform's
 * or analytics tool's export; show each client's KPIs against the numbers
 * of a period, and every recorded and derived metric.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/commit.h"
#include "acct/kpi.h"
#include "acct/metric.h"
#include "acct/metric_import.h"
#include "acct/text.h"
#include "acct/banned.h"

static const char *const metric_usage[] = {
	N_("acct metric <client> <name>=<value>... [--period <period>] "
	"[--source <source>] [--currency <code>] [-q]"),
	N_("acct metric [<client>] [--period <period>] [--json]"),
	N_("acct metric import <file | -> [--client <client>] [--source <source>] "
	"[--period <period>] [--dry-run] [--json]"),
	NULL,
};

/* --- acct metric <client> <name>=<value>... ----------------------------- */

/*
 * "acct: 'leads=1,2.5': ..." for a bad argument, `fmt` translated here;
 * returns EXIT_USAGE.
 */
static int bad_arg(const char *arg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int bad_arg(const char *arg, const char *fmt, ...)
{
	struct acct_buf q = ACCT_BUF_INIT;
	va_list ap;

	acct_text_escape_terminal(&q, arg, strlen(arg) > 80 ? 80 : strlen(arg));
	fprintf(stderr, _("acct: '%s': "), q.buf);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	acct_buf_release(&q);
	return EXIT_USAGE;
}

/* Read "name=value" into `f`; the exit status of a bad one, or 0. */
static int put_value(struct acct_metric_file *f, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char name[ACCT_METRIC_NAMELEN + 1];
	const struct acct_metric_derived *d;
	struct acct_buf raw = ACCT_BUF_INIT;
	struct acct_dec v;
	const char *why;
	int rc = 0;

	if (!eq)
		return bad_arg(arg, "expected <name>=<value>, e.g. leads=200");
	acct_buf_add(&raw, arg, (size_t)(eq - arg));
	if (!raw.len)
		rc = bad_arg(arg, "no metric name before '='");
	else if (acct_metric_name(name, raw.buf, 0) < 0)
		rc = bad_arg(arg, "not a metric name: use a lowercase word "
			     "(leads, spend, my_metric) or a Russian name "
			     "(заявки, расход, клики, показы, продажи, "
			     "выручка, визиты, звонки)");
	else if ((d = acct_metric_derived_find(name)))
		rc = bad_arg(arg, "%s is computed (%s / %s), never recorded; "
			     "record %s and %s", d->name, d->num, d->den,
			     d->num, d->den);
	else if (acct_metric_file_get(f, name))
		rc = bad_arg(arg, "%s is given twice", name);
	else if (acct_dec_parse(&v, eq + 1, strlen(eq + 1), 0, &why) < 0)
		rc = strcmp(why, "not a number") ? bad_arg(arg, "%s", _(why)) :
		     bad_arg(arg, "not a number (12, 148200.50, 12,5 or "
			     "1 200,50)");
	else if (v.v < 0)
		rc = bad_arg(arg, "%s must not be negative", name);
	else
		acct_metric_file_set(f, name, v);
	acct_buf_release(&raw);
	return rc;
}

static int metric_record(int argc, const char **argv, struct cmd_ctx *ctx,
			 const char *period_s, const char *source,
			 const char *currency_s, int quiet)
{
	struct acct_metric_period period;
	struct acct_metric_file *f = NULL;
	struct acct_metric_changes changes = ACCT_METRIC_CHANGES_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf slug = ACCT_BUF_INIT, subject = ACCT_BUF_INIT;
	struct acct_buf what = ACCT_BUF_INIT;
	struct acct_date today;
	char currency[4] = "", num[ACCT_DEC_STRLEN];
	int i, rc;

	acct_time_date(&today, &ctx->now);
	/* Every value of the command line first: a refusal writes nothing. */
	if (period_s) {
		if (acct_metric_period_parse(&period, period_s, &today, &err) < 0)
			return cmd_fail_option("--period", &err);
		if (period.grain > ACCT_METRIC_MONTH) {
			fprintf(stderr, _("acct: --period: numbers are recorded for "
				"a day, a week or a month, not a %s (%s)\n"),
				acct_metric_grain_name(period.grain),
				period.label);
			return EXIT_USAGE;
		}
		if (acct_date_cmp(&period.since, &today) > 0) {
			char day[ACCT_DATE_STRLEN];

			acct_date_format(day, &today);
			fprintf(stderr, _("acct: --period: %s has not begun (today "
				"is %s)\n"), period.label, day);
			return EXIT_USAGE;
		}
	} else {
		acct_metric_period_of(&period, ACCT_METRIC_MONTH, &today);
	}
	if (!source)
		source = ACCT_METRIC_MANUAL;
	if (!acct_metric_source_ok(source)) {
		fputs(_("acct: --source must be one of"), stderr);
		for (i = 0; acct_metric_sources[i]; i++)
			fprintf(stderr, "%s %s", i ? "," : "",
				acct_metric_sources[i]);
		fprintf(stderr, "\n");
		return EXIT_USAGE;
	}
	if (currency_s) {
		for (i = 0; i < 3 && ((currency_s[i] >= 'A' && currency_s[i] <= 'Z') ||
				      (currency_s[i] >= 'a' && currency_s[i] <= 'z')); i++)
			currency[i] = (char)(currency_s[i] & ~0x20);
		if (i < 3 || currency_s[3]) {
			fprintf(stderr, _("acct: --currency must be three letters "
				"(RUB, USD, EUR)\n"));
			return EXIT_USAGE;
		}
	}
	/* The slug is filled in below; the values are checked now. */
	f = acct_metric_file_new("-", &period, source,
				 currency[0] ? currency : NULL);
	for (i = 1; i < argc; i++)
		if ((rc = put_value(f, argv[i])) != 0)
			goto out;
	if (cmd_open_book(ctx) < 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	if ((rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
		goto out;
	acct_metric_free(f);
	f = acct_metric_file_new(slug.buf, &period, source,
				 currency[0] ? currency : NULL);
	for (i = 1; i < argc; i++)
		put_value(f, argv[i]);
	acct_buf_addf(&what, "%s %s:", period.label, source);
	for (i = 0; i < (int)f->n; i++)
		acct_buf_addf(&what, "%s %s=%s", i ? "," : "", f->values[i].name,
			      acct_dec_format(num, f->values[i].value));
	acct_commit_subject(&subject, "metric", slug.buf, what.buf);
	rc = acct_metric_write(&changes, ctx->book, &f, 1, NULL, 0,
			       ACCT_METRIC_MERGE, subject.buf, &err);
	if (rc < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	if (rc == 1)
		fprintf(stderr, _("acct: nothing changed: %s has these numbers "
			"already\n"), f->path);
	if (!quiet)
		printf("%s\n", f->path);
	rc = EXIT_OK;
out:
	acct_metric_changes_release(&changes);
	acct_metric_free(f);
	acct_buf_release(&slug);
	acct_buf_release(&subject);
	acct_buf_release(&what);
	return rc;
}

/* --- acct metric [<client>] --------------------------------------------- */

/* A derived ratio for people: 2.00% (ctr, cr, drr), 61.75 RUB, 4.20. */
static void ratio_text(struct acct_buf *b, const char *name, double x,
		       const char *currency)
{
	if (acct_metric_is_percent(name))
		acct_buf_addf(b, "%.2f%%", x * 100);
	else
		acct_buf_addf(b, "%.2f", x);
	if (acct_metric_is_money(name) && *currency)
		acct_buf_addf(b, " %s", currency);
}

/* The recorded and derived metrics: exact sums, ratios rounded. */
static void put_metrics(struct out *o, const struct acct_metric_totals *t,
			int json)
{
	struct acct_buf b = ACCT_BUF_INIT;
	char num[ACCT_DEC_STRLEN];
	size_t i;
	double x;

	out_map_begin(o, "metrics");
	/* The base metrics always (null without a number), then the others. */
	for (i = 0; acct_metric_base[i]; i++) {
		struct acct_dec d;

		if (!acct_metric_get(&d, t, acct_metric_base[i]))
			out_decimal(o, acct_metric_base[i], NULL);
		else if (json)
			out_decimal(o, acct_metric_base[i], acct_dec_format(num, d));
		else {
			acct_buf_reset(&b);
			acct_buf_addstr(&b, acct_dec_format(num, d));
			if (acct_metric_is_money(acct_metric_base[i]) && t->currency[0])
				acct_buf_addf(&b, " %s", t->currency);
			out_str(o, acct_metric_base[i], b.buf);
		}
	}
	for (i = 0; i < t->n; i++) {
		const char *name = t->values[i].name;
		size_t k;
		int base = 0;

		for (k = 0; acct_metric_base[k]; k++)
			base |= !strcmp(acct_metric_base[k], name);
		if (!base)
			out_decimal(o, name, acct_dec_format(num, t->values[i].value));
	}
	for (i = 0; acct_metric_derived[i].name; i++) {
		const char *name = acct_metric_derived[i].name;

		if (!acct_metric_ratio(&x, t, name))
			out_decimal(o, name, NULL);
		else if (json)
			out_decimal(o, name, acct_metric_round(num, x));
		else {
			acct_buf_reset(&b);
			ratio_text(&b, name, x, t->currency);
			out_str(o, name, b.buf);
		}
	}
	out_map_end(o);
	acct_buf_release(&b);
}

/* A figure in JSON: exact, or a ratio rounded; null when not known. */
static void put_figure(struct out *o, const char *key,
		       const struct acct_kpi_figure *f)
{
	char num[ACCT_DEC_STRLEN];

	out_decimal(o, key, f->known ? acct_kpi_figure_format(num, f) : NULL);
}

/* A figure for people: "212", "850.50", "1.53%", "+60" (signed), "-". */
static void figure_text(struct acct_buf *b, const struct acct_kpi_figure *f,
			const struct acct_kpi *k, int sign, const char *unit)
{
	char num[ACCT_DEC_STRLEN];

	acct_buf_reset(b);
	if (!f->known) {
		acct_buf_addstr(b, "-");
		return;
	}
	/* A ratio as the metrics show it: two decimals (699.06, 1.53%). */
	if (f->exact)
		acct_kpi_figure_format(num, f);
	else
		snprintf(num, sizeof(num), "%.2f", f->x);
	if (!strcmp(num, "-0.00"))
		snprintf(num, sizeof(num), "0.00");
	if (sign && num[0] != '-' && strcmp(num, "0") && strcmp(num, "0.00"))
		acct_buf_addch(b, '+');
	acct_buf_addstr(b, num);
	if (k->percent)
		acct_buf_addstr(b, sign ? " pp" : "%");
	else if (unit && *unit)
		acct_buf_addf(b, " %s", unit);
}

/* At most `cols` columns of `s`, with "..." when it is cut. */
static void cut(struct acct_buf *out, const char *s, size_t cols)
{
	size_t len = strlen(s), i = 0, w = 0, n;

	if (acct_text_width(s, len) <= cols) {
		acct_buf_addstr(out, s);
		return;
	}
	while (i < len) {
		for (n = 1; i + n < len && ((unsigned char)s[i + n] & 0xc0) == 0x80;
		     n++)
			;
		w += acct_text_width(s + i, n);
		if (w > cols - 3)
			break;
		acct_buf_add(out, s + i, n);
		i += n;
	}
	acct_buf_addstr(out, "...");
}

struct client_figures {
	struct acct_client *card;
	struct acct_kpi_list kpis;
	struct acct_metric_totals cur, prev;
};

static void put_kpis_json(struct out *o, const struct client_figures *c,
			  const struct acct_metric_period *p,
			  const struct acct_date *today)
{
	size_t i, j;

	out_list_begin(o, "kpis", OUT_TABLE);
	for (i = 0; i < c->kpis.n; i++) {
		const struct acct_kpi_item *it = &c->kpis.items[i];
		const struct acct_kpi *k = &it->kpi;
		struct acct_kpi_result r;

		out_map_begin(o, NULL);
		out_str(o, "text", it->text);
		if (!it->measurable) {
			const char *keys[] = { "metric", "op", "target", "unit",
					       "per", "actual", "previous",
					       "change", "projected", NULL };

			for (j = 0; keys[j]; j++)
				out_str(o, keys[j], NULL);
			out_str(o, "status", "not measurable");
			out_str(o, "reason", it->why);
		} else {
			acct_kpi_measure(&r, k, &c->cur, &c->prev, p, today);
			out_str(o, "metric", k->metric);
			out_str(o, "op", acct_kpi_op_text(k->op));
			put_figure(o, "target", &r.target);
			out_str(o, "unit", k->percent ? "%" : k->currency[0] ?
				k->currency : NULL);
			out_str(o, "per", k->has_per ?
				acct_metric_grain_name(k->per) : NULL);
			put_figure(o, "actual", &r.actual);
			put_figure(o, "previous", &r.previous);
			put_figure(o, "change", &r.change);
			put_figure(o, "projected", &r.projected);
			out_str(o, "status", acct_kpi_status_text(r.status));
			out_str(o, "reason", r.why[0] ? r.why : NULL);
		}
		out_list_begin(o, "found_in", OUT_INLINE);
		for (j = 0; j < it->norder; j++)
			out_str(o, NULL, acct_kpi_source_name(it->order[j]));
		out_list_end(o);
		out_map_end(o);
	}
	out_list_end(o);
}

static void put_kpi_row(struct out *o, const char *const cells[6])
{
	static const char *const keys[] = {
		"kpi", "target", "actual", "previous", "change", "status",
	};
	size_t i;

	out_map_begin(o, NULL);
	for (i = 0; i < 6; i++)
		out_str(o, keys[i], cells[i]);
	out_map_end(o);
}

static void put_kpis_text(struct out *o, const struct client_figures *c,
			  const struct acct_metric_period *p,
			  const struct acct_date *today)
{
	static const char *const head[6] = {
		"KPI", "target", "actual", "previous", "change", "status",
	};
	struct acct_buf b[6];
	size_t i, k, measurable = 0;

	for (k = 0; k < 6; k++)
		b[k] = (struct acct_buf)ACCT_BUF_INIT;
	for (i = 0; i < c->kpis.n; i++)
		measurable += c->kpis.items[i].measurable;
	if (measurable) {
		out_list_begin(o, "kpis", OUT_TABLE);
		put_kpi_row(o, head);
		for (i = 0; i < c->kpis.n; i++) {
			const struct acct_kpi_item *it = &c->kpis.items[i];
			const char *unit = it->kpi.currency;
			const char *cells[6];
			struct acct_kpi_result r;

			if (!it->measurable)
				continue;
			acct_kpi_measure(&r, &it->kpi, &c->cur, &c->prev, p, today);
			acct_buf_reset(&b[0]);
			cut(&b[0], it->text, 30);
			figure_text(&b[1], &r.target, &it->kpi, 0, unit);
			figure_text(&b[2], &r.actual, &it->kpi, 0, NULL);
			figure_text(&b[3], &r.previous, &it->kpi, 0, NULL);
			figure_text(&b[4], &r.change, &it->kpi, 1, NULL);
			acct_buf_reset(&b[5]);
			acct_buf_addstr(&b[5], acct_kpi_status_text(r.status));
			if (r.projected.known) {
				char num[ACCT_DEC_STRLEN];

				acct_buf_addf(&b[5], " (projected %s)",
					      acct_kpi_figure_format(num,
								     &r.projected));
			} else if (r.why[0]) {
				acct_buf_addf(&b[5], " (%s)", r.why);
			}
			for (k = 0; k < 6; k++)
				cells[k] = b[k].buf;
			put_kpi_row(o, cells);
		}
		out_list_end(o);
	}
	if (measurable < c->kpis.n) {
		out_list_begin(o, "not measurable", OUT_LINES);
		for (i = 0; i < c->kpis.n; i++) {
			const struct acct_kpi_item *it = &c->kpis.items[i];

			if (it->measurable)
				continue;
			acct_buf_reset(&b[0]);
			cut(&b[0], it->text, 40);
			acct_buf_addf(&b[0], ": %s", it->why);
			out_str(o, NULL, b[0].buf);
		}
		out_list_end(o);
	}
	for (k = 0; k < 6; k++)
		acct_buf_release(&b[k]);
}

static void figures_release(struct client_figures *c)
{
	acct_client_free(c->card);
	acct_kpi_list_release(&c->kpis);
	acct_metric_totals_release(&c->cur);
	acct_metric_totals_release(&c->prev);
	memset(c, 0, sizeof(*c));
}

/*
 * The figures of one client: its KPIs and the numbers of both periods.
 * Returns 0; 1 with `active_only` for a client that is not active (or
 * archived), nothing read but its card; or an error (in `err`).
 */
static int client_figures(struct client_figures *c, struct acct_book *book,
			  const char *slug, const struct acct_metric_period *p,
			  const struct acct_metric_period *prev,
			  int active_only, struct acct_error *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = acct_client_load(&c->card, book, slug, err)) < 0)
		return rc;
	if (active_only && (strcmp(c->card->status, "active") ||
			    c->card->has_archived))
		return 1;
	if ((rc = acct_metric_totals(&c->cur, book, slug, p, err)) < 0 ||
	    (rc = acct_metric_totals(&c->prev, book, slug, prev, err)) < 0 ||
	    (rc = acct_kpi_list_load(&c->kpis, book, c->card, err)) < 0)
		return rc;
	return 0;
}

static int worth_showing(const struct client_figures *c)
{
	size_t i;

	if (c->cur.nfiles || c->prev.nfiles)
		return 1;
	for (i = 0; i < c->kpis.n; i++)
		if (c->kpis.items[i].measurable)
			return 1;
	return 0;
}

static void put_client(struct out *o, const struct client_figures *c,
		       const struct acct_metric_period *p,
		       const struct acct_date *today, int json)
{
	size_t i;

	out_map_begin(o, json ? NULL : c->card->slug);
	if (json)
		out_str(o, "client", c->card->slug);
	out_str(o, "name", c->card->name);
	if (json) {
		out_str(o, "currency", c->cur.currency[0] ? c->cur.currency : NULL);
		put_kpis_json(o, c, p, today);
	} else {
		put_kpis_text(o, c, p, today);
	}
	put_metrics(o, &c->cur, json);
	out_list_begin(o, "sources", OUT_INLINE);
	for (i = 0; i < c->cur.nsources; i++)
		out_str(o, NULL, c->cur.sources[i]);
	out_list_end(o);
	if (!json && !c->cur.nfiles) {
		struct acct_buf b = ACCT_BUF_INIT;

		acct_buf_addf(&b, "no numbers for %s", p->label);
		out_str(o, "note", b.buf);
		acct_buf_release(&b);
	}
	out_map_end(o);
}

static void bad_record(void *data, const struct acct_error *err)
{
	out_error(data, err);
}

static int metric_show(int argc, const char **argv, struct cmd_ctx *ctx,
		       const char *period_s, int json)
{
	struct acct_metric_period period, prev;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf slug = ACCT_BUF_INIT, label = ACCT_BUF_INIT;
	char **slugs = NULL, day[ACCT_DATE_STRLEN];
	size_t nslugs = 0, i;
	struct acct_date today;
	struct out *o = NULL;
	int rc, running, any_bad = 0;

	acct_time_date(&today, &ctx->now);
	if (acct_metric_period_parse(&period, period_s ? period_s : "last-month",
				     &today, &err) < 0)
		return cmd_fail_option("--period", &err);
	acct_metric_period_prev(&prev, &period);
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (argc) {
		if ((rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
			return rc;
		slugs = acct_calloc(2, sizeof(*slugs));
		slugs[0] = acct_buf_detach(&slug, NULL);
		nslugs = 1;
	} else if (acct_client_slugs(&slugs, &nslugs, ctx->book, &err) < 0) {
		return cmd_fail(&err);
	}
	o = out_begin(ctx, json);
	running = acct_date_cmp(&today, &period.since) >= 0 &&
		  acct_date_cmp(&today, &period.until) <= 0;
	if (json) {
		out_str(o, "period", period.label);
		acct_date_format(day, &period.since);
		out_str(o, "since", day);
		acct_date_format(day, &period.until);
		out_str(o, "until", day);
		out_str(o, "previous", prev.label);
		out_bool(o, "running", running);
		out_list_begin(o, "clients", OUT_TABLE);
	} else {
		acct_buf_addf(&label, "%s (previous: %s)", period.label,
			      prev.label);
		if (running)
			acct_buf_addf(&label, ", running: day %lld of %lld",
				      (long long)(acct_date_to_days(&today) -
						  acct_date_to_days(&period.since) + 1),
				      (long long)(acct_date_to_days(&period.until) -
						  acct_date_to_days(&period.since) + 1));
		out_str(o, "period", label.buf);
		out_map_begin(o, "clients");
	}
	for (i = 0; i < nslugs; i++) {
		struct client_figures c;

		rc = client_figures(&c, ctx->book, slugs[i], &period, &prev,
				    !argc, &err);
		if (rc < 0 && argc) {
			/* One client asked for: its error is the answer. */
			figures_release(&c);
			out_abort(o);
			acct_slugs_free(slugs, nslugs);
			acct_buf_release(&label);
			return cmd_fail(&err);
		}
		if (rc < 0) {
			bad_record(o, &err);
			acct_error_clear(&err);
			any_bad = 1;
		} else if (rc == 0 && (argc || worth_showing(&c))) {
			put_client(o, &c, &period, &today, json);
		}
		figures_release(&c);
	}
	if (json)
		out_list_end(o);
	else
		out_map_end(o);
	acct_slugs_free(slugs, nslugs);
	acct_buf_release(&label);
	if (out_end(o) < 0)
		return EXIT_FAIL;
	return any_bad ? EXIT_FAIL : EXIT_OK;
}

/* --- acct metric import <file | -> --------------------------------------*/

/* A file of the import as the output shows it, from its change. */
struct import_line {
	const struct acct_metric_change *ch;
	char slug[128];
	char period[ACCT_METRIC_LABELLEN];
};

/*
 * The client and period of `path`, which acct wrote or listed:
 * clients/<slug>/metrics/<YYYY>/<period>-<source>.yaml.
 */
static void path_parts(struct import_line *l, const char *path,
		       const char *source)
{
	const char *slug = path + strlen("clients/");
	const char *end = strchr(slug, '/');
	const char *base = strrchr(path, '/') + 1;
	size_t n = strlen(base) - strlen(source) - strlen("-.yaml");

	snprintf(l->slug, sizeof(l->slug), "%.*s", (int)(end - slug), slug);
	snprintf(l->period, sizeof(l->period), "%.*s", (int)n, base);
}

static int line_cmp(const void *pa, const void *pb)
{
	const struct import_line *a = pa, *b = pb;

	return strcmp(a->ch->path, b->ch->path);
}

static const char *action_text(enum acct_metric_action a, int dry_run,
			       int json)
{
	static const char *const done[] = {
		[ACCT_METRIC_ADDED] = "added",
		[ACCT_METRIC_CHANGED] = "changed",
		[ACCT_METRIC_UNCHANGED] = "unchanged",
		[ACCT_METRIC_REMOVED] = "removed",
	};
	static const char *const would[] = {
		[ACCT_METRIC_ADDED] = "would add",
		[ACCT_METRIC_CHANGED] = "would change",
		[ACCT_METRIC_UNCHANGED] = "unchanged",
		[ACCT_METRIC_REMOVED] = "would remove",
	};

	return dry_run && !json ? would[a] : done[a];
}

static int metric_import(const char *file, struct cmd_ctx *ctx,
			 const char *client_s, const char *source,
			 const char *period_s, int dry_run, int json)
{
	struct acct_metric_export x = ACCT_METRIC_EXPORT_INIT;
	struct acct_metric_import im = ACCT_METRIC_IMPORT_INIT;
	struct acct_metric_changes changes = ACCT_METRIC_CHANGES_INIT;
	struct acct_metric_period period;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf text = ACCT_BUF_INIT, slug = ACCT_BUF_INIT,
			subject = ACCT_BUF_INIT, summary = ACCT_BUF_INIT;
	const char *name = strcmp(file, "-") ? file : "standard input";
	const char *base = strrchr(name, '/');
	struct import_line *lines = NULL;
	size_t i, count[4] = { 0 };
	struct acct_date today;
	struct out *o;
	int rc;

	/* The command line first: a refusal reads nothing. */
	acct_time_date(&today, &ctx->now);
	if (period_s) {
		if (acct_metric_period_parse(&period, period_s, &today, &err) < 0)
			return cmd_fail_option("--period", &err);
		if (period.grain > ACCT_METRIC_MONTH) {
			fprintf(stderr, _("acct: --period: numbers are imported for "
				"a day, a week or a month, not a %s (%s)\n"),
				acct_metric_grain_name(period.grain),
				period.label);
			return EXIT_USAGE;
		}
	}
	/* The book next: its config says how much input may be read. */
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (client_s && (rc = cmd_resolve_client(&slug, ctx, client_s)) != 0)
		goto out;
	if ((rc = cmd_read_input(&text, ctx, file)) != 0)
		goto out;
	if (acct_metric_export_parse(&x, name, text.buf, text.len, source,
				     period_s ? period.label : NULL, &err) < 0) {
		/* The file is an argument: a bad one is a usage error. */
		rc = cmd_fail_with(&err, EXIT_USAGE);
		goto out;
	}
	if (period_s && x.dated != ACCT_METRIC_DATED_GIVEN) {
		fprintf(stderr, _("acct: --period is for an export without dates, "
			"and %s has a date column\n"), name);
		rc = EXIT_USAGE;
		goto out;
	}
	if ((rc = acct_metric_import_plan(&im, ctx->book, &x, name,
					  client_s ? slug.buf : NULL,
					  &err)) < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	/* The subject is shared: the file's name, not its local path. */
	acct_buf_addf(&summary, "%zu %s%s from %s", im.nperiods,
		      acct_metric_grain_name(x.grain), im.nperiods == 1 ? "" : "s",
		      base && base[1] ? base + 1 : name);
	acct_commit_subject(&subject, "metric", "import", summary.buf);
	rc = acct_metric_write(&changes, ctx->book, im.files, im.nfiles,
			       im.replace, im.nreplace,
			       dry_run ? ACCT_METRIC_DRY_RUN : 0, subject.buf,
			       &err);
	if (rc < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	/* What became of each file, by path. */
	lines = acct_calloc(changes.n + 1, sizeof(*lines));
	for (i = 0; i < changes.n; i++) {
		lines[i].ch = &changes.items[i];
		path_parts(&lines[i], changes.items[i].path, x.source);
		count[changes.items[i].action]++;
	}
	qsort(lines, changes.n, sizeof(*lines), line_cmp);
	o = out_begin(ctx, json);
	if (json) {
		out_str(o, "source", x.source);
		out_bool(o, "detected", x.detected);
		out_bool(o, "dry_run", dry_run);
	}
	out_list_begin(o, "files", OUT_TABLE);
	for (i = 0; i < changes.n; i++) {
		out_map_begin(o, NULL);
		if (json) {
			out_str(o, "path", lines[i].ch->path);
			out_str(o, "action", action_text(lines[i].ch->action,
							 dry_run, 1));
			out_str(o, "client", lines[i].slug);
			out_str(o, "period", lines[i].period);
		} else {
			out_str(o, "action", action_text(lines[i].ch->action,
							 dry_run, 0));
			out_str(o, "path", lines[i].ch->path);
		}
		out_map_end(o);
	}
	out_list_end(o);
	if (json) {
		out_int(o, "added", (long long)count[ACCT_METRIC_ADDED]);
		out_int(o, "changed", (long long)count[ACCT_METRIC_CHANGED]);
		out_int(o, "removed", (long long)count[ACCT_METRIC_REMOVED]);
		out_int(o, "unchanged", (long long)count[ACCT_METRIC_UNCHANGED]);
	}
	if (out_end(o) < 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	if (!json && dry_run)
		fputs(_("dry run: "), stdout);
	if (!json && rc == 1)
		printf(Q_("nothing changed: %zu file with these numbers already "
			  "(%s, %s)\n", "nothing changed: %zu files with these "
			  "numbers already (%s, %s)\n",
			  count[ACCT_METRIC_UNCHANGED]),
		       count[ACCT_METRIC_UNCHANGED], x.source,
		       x.detected ? _("detected") : _("given"));
	else if (!json)
		printf(dry_run ? _("%zu to add, %zu to change, %zu to remove, "
				   "%zu unchanged (%s, %s)\n") :
		       _("%zu added, %zu changed, %zu removed, %zu unchanged "
			 "(%s, %s)\n"),
		       count[ACCT_METRIC_ADDED], count[ACCT_METRIC_CHANGED],
		       count[ACCT_METRIC_REMOVED],
		       count[ACCT_METRIC_UNCHANGED], x.source,
		       x.detected ? _("detected") : _("given"));
	rc = EXIT_OK;
out:
	free(lines);
	acct_metric_changes_release(&changes);
	acct_metric_import_release(&im);
	acct_metric_export_release(&x);
	acct_buf_release(&text);
	acct_buf_release(&slug);
	acct_buf_release(&subject);
	acct_buf_release(&summary);
	return rc;
}

int cmd_metric(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const char *period = NULL, *source = NULL, *currency = NULL;
	const char *client = NULL;
	int json = 0, quiet = 0, dry_run = 0;
	struct opt options[] = {
		OPT_STRING(0, "period", &period, N_("period"), N_("2026-11-20, 2026-W47, 2026-11, 2026-Q4, 2026, last-month ... (default: this month to record, last month to show; import: of an export without dates)")),
		OPT_STRING(0, "source", &source, N_("source"), N_("record: manual, yandex-direct, google-ads, vk-ads, metrica, ga4 or csv (default: manual); import: the same but manual (default: from the header)")),
		OPT_STRING(0, "currency", &currency, N_("code"), N_("record: the currency of the amounts, e.g. RUB")),
		OPT_STRING(0, "client", &client, N_("client"), N_("import: the client of every row (default: the export's client column, or its campaigns on the cards)")),
		OPT_BOOL(0, "dry-run", &dry_run, N_("import: check and show what would change, write nothing")),
		OPT_BOOL(0, "json", &json, N_("show, import: print JSON")),
		OPT_BOOL('q', "quiet", &quiet, N_("record: do not print the file's path")),
		OPT_END()
	};
	int recording;

	if ((argc = opt_parse(argc, argv, options, metric_usage)) < 0)
		return opt_exit(argc);
	if (argc >= 1 && !strcmp(argv[0], "import")) {
		if (currency || quiet)
			return cmd_usage_error(metric_usage, options, "metric "
					       "import takes --client, --source, "
					       "--period, --dry-run and --json");
		if (argc != 2)
			return cmd_usage_error(metric_usage, options, "metric "
					       "import takes one file (or - for "
					       "standard input)");
		return metric_import(argv[1], ctx, client, source, period,
				     dry_run, json);
	}
	if (client || dry_run)
		return cmd_usage_error(metric_usage, options, "--client and "
				       "--dry-run are for metric import");
	recording = argc >= 2;
	if (argc == 1 && strchr(argv[0], '='))
		return cmd_usage_error(metric_usage, options, "'%s': expected "
				       "<client> before <name>=<value>", argv[0]);
	if (recording && json)
		return cmd_usage_error(metric_usage, options, "--json is for "
				       "showing the numbers, not recording");
	if (!recording && (source || currency || quiet))
		return cmd_usage_error(metric_usage, options, "--source, "
				       "--currency and -q need <client> "
				       "<name>=<value>");
	if (recording)
		return metric_record(argc, argv, ctx, period, source, currency,
				     quiet);
	return metric_show(argc, argv, ctx, period, json);
}
