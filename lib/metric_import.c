/*
 * An ad platform's export as rows of numbers: the text decoded (UTF-16
 * from "CSV for Excel" made UTF-8), the CSV read by lib/csv.c, its header
 * found (lib/metric_header.c), and each cell of a metric column read as
 * an exact decimal, with its period, client, campaign and currency.
 */
#include "acct/metric_import.h"
#include "metric_import_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/csv.h"
#include "acct/error.h"
#include "acct/period.h"
#include "acct/text.h"
#include "acct/i18n.h"
#include "acct/banned.h"

const char *const acct_metric_export_sources[] = {
	"yandex-direct", "google-ads", "vk-ads", "metrica", "ga4", "csv", NULL
};

/*
 * How each source writes numbers: Google's exports group thousands with
 * commas and GA4's use a point; the Russian tools write a decimal comma
 * and group with (no-break) spaces, as people type (acct_dec_parse's 0).
 */
static const unsigned source_flags[] = {
	[S_DIRECT] = 0, [S_GOOGLE] = ACCT_DEC_EN, [S_VK] = 0,
	[S_METRICA] = 0, [S_GA4] = ACCT_DEC_EN, [S_CSV] = 0,
};

/* --- rows ------------------------------------------------------------- */

static int blank(const struct acct_csv_record *rec)
{
	size_t i;

	for (i = 0; i < rec->nfields; i++)
		if (*metric_trim(rec->fields[i].text))
			return 0;
	return 1;
}

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* "Итого", "Всего", "Итого и средние", "Total: Account", "Grand total". */
static int total_text(struct acct_buf *tmp, const char *s)
{
	unsigned char c = (unsigned char)*s;

	/* Fold only what may be one: T, G, И, В. */
	if (!(c == 'T' || c == 't' || c == 'G' || c == 'g' || c == 0xd0) ||
	    strlen(s) > 80)
		return 0;
	metric_norm(tmp, s, strlen(s));
	return !strcmp(tmp->buf, "total") || !strcmp(tmp->buf, "totals") ||
	       !strcmp(tmp->buf, "grand total") || starts(tmp->buf, "total:") ||
	       !strcmp(tmp->buf, "итого") || !strcmp(tmp->buf, "всего") ||
	       starts(tmp->buf, "итого:") || starts(tmp->buf, "итого ") ||
	       starts(tmp->buf, "всего:");
}

/* The text of column `col` (-1: none), trimmed; "" when there is none. */
static const char *cell(const struct acct_csv_record *rec, int col)
{
	return col >= 0 && (size_t)col < rec->nfields ?
	       metric_trim(rec->fields[col].text) : "";
}

static int is_total(struct reader *rd, const struct acct_csv_record *rec)
{
	return total_text(&rd->tmp, cell(rec, 0)) ||
	       total_text(&rd->tmp, cell(rec, rd->period_col)) ||
	       total_text(&rd->tmp, cell(rec, rd->client_col)) ||
	       total_text(&rd->tmp, cell(rec, rd->campaign_col));
}

static int no_data(const char *v)
{
	return !*v || !strcmp(v, "--") || !strcmp(v, "-") ||
	       !strcmp(v, "\xe2\x80\x94") || !strcmp(v, "\xe2\x80\x93");
}

/* A currency sign or word before or after a number: "1 234 ₽", "$12". */
static const char *strip_currency(char **v, struct acct_buf *tmp)
{
	static const char *const signs[] = { "\xe2\x82\xbd", "$", "\xe2\x82\xac",
					     "\xe2\x82\xb8", "руб.", "р." };
	char code[4];
	size_t i, n, len = strlen(*v);

	for (i = 0; i < sizeof(signs) / sizeof(*signs); i++) {
		n = strlen(signs[i]);
		if (len > n && !strncmp(*v, signs[i], n)) {
			*v += n;
		} else if (len > n && !strcmp(*v + len - n, signs[i])) {
			(*v)[len - n] = '\0';
		} else {
			continue;
		}
		*v = metric_trim(*v);
		metric_norm(tmp, signs[i], n);
		return metric_currency_of(tmp->buf, code);
	}
	return NULL;
}

static int bad_value(struct reader *rd, const struct acct_csv_field *f,
		     const char *v, const char *column, const char *why)
{
	struct acct_buf q = ACCT_BUF_INIT, q2 = ACCT_BUF_INIT;

	if (strcmp(why, "not a number"))
		metric_fail_at(rd, metric_line_of(rd, f), f->col, "'%s' in "
			       "column '%s' is not a number (%s)",
			       metric_quote(&q, v), metric_quote(&q2, column),
			       _(why));
	else
		metric_fail_at(rd, metric_line_of(rd, f), f->col, "'%s' in "
			       "column '%s' is not a number",
			       metric_quote(&q, v), metric_quote(&q2, column));
	acct_error_hint(rd->err, "%s", _(HINT_NUMBER));
	acct_buf_release(&q);
	acct_buf_release(&q2);
	return ACCT_EDATA;
}

/*
 * A cell's number: by the source's convention first, then by the other
 * one, so "1,234.56" and "1 234,56" both read wherever they come; what
 * both could read ("1,234") is read as the source writes it.
 */
static int read_value(struct acct_dec *out, struct reader *rd,
		      const struct acct_csv_field *f, char *v,
		      const char *column, const char **currency)
{
	unsigned flags = source_flags[rd->source];
	const char *why, *why2;

	*currency = strip_currency(&v, &rd->tmp);
	if (acct_dec_parse(out, v, strlen(v), flags | ACCT_DEC_ROUND,
			   &why) == 0 ||
	    acct_dec_parse(out, v, strlen(v),
			   (flags ^ ACCT_DEC_EN) | ACCT_DEC_ROUND, &why2) == 0)
		return 0;
	return bad_value(rd, f, v, column, why);
}

static int add_row(struct reader *rd, const struct acct_csv_field *f,
		   const struct acct_metric_row *row)
{
	struct acct_metric_export *out = rd->out;

	if (out->nrows == ACCT_METRIC_ROWS_MAX) {
		metric_fail_at(rd, metric_line_of(rd, f), f->col, "more than %d numbers in "
			"one export", ACCT_METRIC_ROWS_MAX);
		acct_error_hint(rd->err, "export a shorter period at a time");
		return ACCT_EDATA;
	}
	if (out->nrows == rd->rows_alloc) {
		rd->rows_alloc = rd->rows_alloc ? rd->rows_alloc * 2 : 64;
		if (rd->rows_alloc > ACCT_METRIC_ROWS_MAX)
			rd->rows_alloc = ACCT_METRIC_ROWS_MAX;
		out->rows = acct_realloc(out->rows,
					 rd->rows_alloc * sizeof(*out->rows));
	}
	out->rows[out->nrows++] = *row;
	return 0;
}

/* The period of a row, from its cell or the export's. */
static int row_when(struct reader *rd, struct metric_when *w,
		    const struct acct_csv_record *rec)
{
	const struct acct_csv_field *f;
	struct acct_buf q = ACCT_BUF_INIT, q2 = ACCT_BUF_INIT;
	const char *v;
	int rc = 0;

	if (rd->period_col < 0) {
		*w = rd->fixed;
		return 0;
	}
	v = cell(rec, rd->period_col);
	f = (size_t)rd->period_col < rec->nfields ?
	    &rec->fields[rd->period_col] : &rec->fields[rec->nfields - 1];
	if (!*v) {
		metric_fail_at(rd, metric_line_of(rd, f), f->col, "no date in column '%s'",
			metric_quote(&q, rd->out->columns[rd->period_col].header));
		acct_error_hint(rd->err, "fill in the date, or delete the row");
		rc = ACCT_EDATA;
	} else if (metric_when_parse(w, v, rd->guesses[rd->period_col].hint) < 0) {
		metric_fail_at(rd, metric_line_of(rd, f), f->col, "'%s' in column '%s' is "
			"not a date", metric_quote(&q, v),
			metric_quote(&q2, rd->out->columns[rd->period_col].header));
		acct_error_hint(rd->err, "%s", _(HINT_DATE));
		rc = ACCT_EDATA;
	} else if (rd->has_grain && w->grain != rd->out->grain) {
		metric_fail_at(rd, metric_line_of(rd, f), f->col, "'%s' is %s, but the "
			"rows above are %s", metric_quote(&q, v),
			metric_grain_name(w->grain, 0),
			metric_grain_name(rd->out->grain, 1));
		acct_error_hint(rd->err, "export one granularity at a time "
				"(by day, week or month)");
		rc = ACCT_EDATA;
	} else {
		rd->out->grain = w->grain;
		rd->has_grain = 1;
	}
	acct_buf_release(&q);
	acct_buf_release(&q2);
	return rc;
}

static int row_currency(struct reader *rd, const struct acct_csv_record *rec,
			const char **out)
{
	const struct acct_csv_field *f;
	struct acct_buf q = ACCT_BUF_INIT, q2 = ACCT_BUF_INIT;
	char *v;
	size_t i;

	*out = NULL;
	if (rd->currency_col < 0 || (size_t)rd->currency_col >= rec->nfields)
		return 0;
	f = &rec->fields[rd->currency_col];
	v = metric_trim(f->text);
	if (!*v || no_data(v))
		return 0;
	for (i = 0; i < 3; i++)
		if (!((v[i] | 0x20) >= 'a' && (v[i] | 0x20) <= 'z'))
			break;
	if (i < 3 || v[3]) {
		metric_fail_at(rd, metric_line_of(rd, f), f->col, "'%s' in column '%s' is "
			"not a currency code", metric_quote(&q, v),
			metric_quote(&q2, rd->out->columns[rd->currency_col].header));
		acct_error_hint(rd->err, "use a three-letter ISO code such as "
				"RUB, USD or KZT");
		acct_buf_release(&q);
		acct_buf_release(&q2);
		return ACCT_EDATA;
	}
	for (i = 0; i < 3; i++)
		if (v[i] >= 'a' && v[i] <= 'z')
			v[i] = (char)(v[i] - 'a' + 'A');
	*out = v;
	return 0;
}

static int is_money(const char *metric)
{
	return !strcmp(metric, "spend") || !strcmp(metric, "revenue");
}

/* The long form's metric cell: a known name, a name of its own, or derived. */
static int long_metric(struct reader *rd, const struct acct_csv_field *f,
		       char *v, const char **out)
{
	struct acct_buf q = ACCT_BUF_INIT;
	struct guess g;
	char code[4];

	*out = NULL;
	if (!v || !*v) {
		metric_fail_at(rd, metric_line_of(rd, f), f->col, "a value with no metric's "
			"name beside it");
		acct_error_hint(rd->err, "fill in the metric column, or delete "
				"the row");
		return ACCT_EDATA;
	}
	metric_classify(&g, &rd->tmp, v, code);
	if (g.derived)
		return 0;
	/* "Расход (руб.)" too: the currency is the currency column's. */
	if (g.role == ACCT_METRIC_COL_METRIC) {
		*out = g.metric;
		return 0;
	}
	if (metric_own_name(v)) {
		*out = v;
		return 0;
	}
	metric_fail_at(rd, metric_line_of(rd, f), f->col, "'%s' is not a metric's name",
		metric_quote(&q, v));
	acct_error_hint(rd->err, "a metric's name is one acct knows (spend, "
			"clicks, показы ...) or lowercase letters, digits and "
			"'_'");
	acct_buf_release(&q);
	return ACCT_EDATA;
}

/*
 * The numbers of one record: a row for each metric column's cell, or the
 * long form's one; `row` holds what they share.
 */
static int record_rows(struct reader *rd, const struct acct_csv_record *rec,
		       struct acct_metric_row *row, const char *cur)
{
	struct acct_metric_export *out = rd->out;
	size_t i, n = rec->nfields < out->ncolumns ? rec->nfields :
		      out->ncolumns;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		const struct acct_csv_field *f = &rec->fields[i];
		const struct guess *g = &rd->guesses[i];
		const char *metric = g->metric, *sign;
		char *v;

		if (out->long_form ? (int)i != rd->value_col :
		    g->role != ACCT_METRIC_COL_METRIC)
			continue;
		v = metric_trim(f->text);
		if (no_data(v)) {
			out->no_data++;
			continue;
		}
		if (out->long_form) {
			const struct acct_csv_field *nf =
				(size_t)rd->name_col < rec->nfields ?
				&rec->fields[rd->name_col] : NULL;

			if ((rc = long_metric(rd, nf ? nf : f,
					      nf ? metric_trim(nf->text) : NULL,
					      &metric)) < 0 || !metric)
				break;
		}
		if ((rc = read_value(&row->value, rd, f, v,
				     out->columns[i].header, &sign)) < 0)
			break;
		row->metric = metric;
		row->line = metric_line_of(rd, f);
		row->col = f->col;
		if (sign)
			row->currency = sign;
		else if (out->columns[i].currency[0])
			row->currency = out->columns[i].currency;
		else
			row->currency = is_money(metric) ? cur : NULL;
		rc = add_row(rd, f, row);
	}
	return rc;
}

/* A record longer than the header: a cell with no column is refused. */
static int too_long(struct reader *rd, const struct acct_csv_record *rec)
{
	size_t i;

	for (i = rd->out->ncolumns; i < rec->nfields; i++)
		if (*metric_trim(rec->fields[i].text))
			break;
	if (i >= rec->nfields)
		return 0;
	metric_fail_at(rd, metric_line_of(rd, &rec->fields[i]), rec->fields[i].col,
		"line %zu has %zu fields but the header %zu",
		metric_line_of(rd, &rec->fields[0]), rec->nfields,
		rd->out->ncolumns);
	acct_error_hint(rd->err, "is a number with a comma left unquoted "
			"(1,234)? quote it, or export with ';' or tabs");
	return ACCT_EDATA;
}

static int read_rows(struct reader *rd)
{
	struct acct_metric_export *out = rd->out;
	size_t r, first = 0, last = 0;
	int rc = 0;

	/* The first and last rows: where a totals row without a date sits. */
	for (r = rd->header + 1; r < rd->csv.nrecords; r++)
		if (!blank(&rd->csv.records[r])) {
			if (!first)
				first = r;
			last = r;
		}
	for (r = rd->header + 1; r < rd->csv.nrecords && rc == 0; r++) {
		const struct acct_csv_record *rec = &rd->csv.records[r];
		struct acct_metric_row row = { 0 };
		const char *cur;
		struct metric_when w;

		if (blank(rec))
			continue;
		if ((rc = too_long(rd, rec)) < 0)
			break;
		if (is_total(rd, rec) || (rd->period_col >= 0 &&
					  !*cell(rec, rd->period_col) &&
					  (r == first || r == last))) {
			out->totals++;
			continue;
		}
		if ((rc = row_when(rd, &w, rec)) < 0 ||
		    (rc = row_currency(rd, rec, &cur)) < 0)
			break;
		/* A day whose every cell is "--" is in the export too. */
		if (!rd->dated.any || acct_date_cmp(&w.since,
						    &rd->dated.since) < 0)
			rd->dated.since = w.since;
		if (!rd->dated.any || acct_date_cmp(&w.until,
						    &rd->dated.until) > 0)
			rd->dated.until = w.until;
		rd->dated.any = 1;
		metric_when_label(row.period, &w);
		row.since = w.since;
		row.until = w.until;
		if (*cell(rec, rd->client_col)) {
			row.client = cell(rec, rd->client_col);
			row.client_line = metric_line_of(rd,
					&rec->fields[rd->client_col]);
			row.client_col = rec->fields[rd->client_col].col;
		}
		if (*cell(rec, rd->campaign_col)) {
			row.campaign = cell(rec, rd->campaign_col);
			row.campaign_line = metric_line_of(rd,
					&rec->fields[rd->campaign_col]);
			row.campaign_col = rec->fields[rd->campaign_col].col;
		}
		rc = record_rows(rd, rec, &row, cur);
	}
	if (rc == 0 && !out->nrows) {
		metric_fail_at(rd, out->header_line, 1, "no numbers below the header");
		acct_error_hint(rd->err, "every value was empty or '--': is "
				"the report's period right?");
		rc = ACCT_EDATA;
	}
	return rc;
}

/* --- the whole -------------------------------------------------------- */

static int find_source(enum source *out, const char *s, struct acct_error *err)
{
	struct acct_buf q = ACCT_BUF_INIT;
	int i;

	for (i = 0; acct_metric_export_sources[i]; i++)
		if (!strcmp(s, acct_metric_export_sources[i])) {
			*out = (enum source)i;
			return 0;
		}
	acct_error_set(err, ACCT_EUSAGE, "unknown source '%s'", metric_quote(&q, s));
	acct_error_hint(err, "use yandex-direct, google-ads, vk-ads, metrica, "
			"ga4 or csv");
	acct_buf_release(&q);
	return ACCT_EUSAGE;
}

static int given_period(struct metric_when *out, const char *s,
			struct acct_error *err)
{
	struct acct_buf q = ACCT_BUF_INIT;
	struct acct_date d;
	size_t len = strlen(s);

	/* The forms acct writes, not every form an export may. */
	if ((len == 10 && acct_date_parse(&d, s, NULL) == 0) ||
	    ((len == 7 || len == 8) && s[4] == '-'))
		if (metric_when_parse(out, s, METRIC_HINT_ANY) == 0)
			return 0;
	acct_error_set(err, ACCT_EUSAGE, "'%s' is not a period for an import",
		       metric_quote(&q, s));
	acct_error_hint(err, "use a day (2026-11-20), an ISO week (2026-W47) "
			"or a month (2026-11)");
	acct_buf_release(&q);
	return ACCT_EUSAGE;
}

/* An export without a date column: the caller's period, or the title's. */
static int fixed_period(struct reader *rd, const struct metric_when *given)
{
	struct acct_metric_export *out = rd->out;
	char a[ACCT_DATE_STRLEN], b[ACCT_DATE_STRLEN];
	struct metric_when w;

	if (given) {
		rd->fixed = *given;
		out->dated = ACCT_METRIC_DATED_GIVEN;
	} else if (rd->title.any) {
		acct_date_format(a, &rd->title.since);
		acct_date_format(b, &rd->title.until);
		if (metric_when_of_range(&w, &rd->title.since,
					 &rd->title.until) < 0) {
			metric_fail_at(rd, out->header_line, 1, "no date column, and "
				"the dates the title states, %s to %s, are not "
				"one day, week or month", a, b);
			acct_error_hint(rd->err, "add the date (Дата, Day) to "
					"the report, or give the period");
			return ACCT_EDATA;
		}
		rd->fixed = w;
		out->dated = ACCT_METRIC_DATED_TITLE;
	} else {
		metric_fail_at(rd, out->header_line, 1, "no date column, and no "
			"title that states the dates");
		acct_error_hint(rd->err, "add the date (Дата, Day) to the "
				"report, or give the period");
		return ACCT_EDATA;
	}
	out->grain = rd->fixed.grain;
	rd->has_grain = 1;
	return 0;
}

/*
 * Lines before the table that lib/csv.c need not see: GA4's comments
 * ("# Start date: 20261101") and empty lines. Their dates widen the
 * title's span; `*lines` counts them. Returns where the rest starts.
 */
static size_t skip_comments(struct reader *rd, const char *s, size_t len,
			    size_t *lines, int *comments)
{
	size_t i = 0, next, end;

	*lines = 0;
	*comments = 0;
	while (i < len) {
		end = acct_text_line_end(s, len, i, &next);
		if (end > i && s[i] != '#')
			break;
		if (end > i) {
			*comments = 1;
			metric_title_dates(&rd->title, s + i, end - i);
		}
		(*lines)++;
		i = next;
	}
	return i;
}

void acct_metric_export_release(struct acct_metric_export *x)
{
	if (!x)
		return;
	free(x->rows);
	free(x->columns);
	free(x->text_);
	*x = (struct acct_metric_export)ACCT_METRIC_EXPORT_INIT;
}

int acct_metric_export_parse(struct acct_metric_export *out, const char *name,
			     const char *data, size_t len, const char *source,
			     const char *period, struct acct_error *err)
{
	struct reader rd = { .name = name, .err = err, .out = out,
			     .csv = ACCT_CSV_INIT, .period_col = -1,
			     .client_col = -1, .campaign_col = -1,
			     .currency_col = -1, .name_col = -1,
			     .value_col = -1, .tmp = ACCT_BUF_INIT };
	const unsigned char *u = (const unsigned char *)data;
	struct metric_when given, *givenp = NULL;
	struct acct_buf utf8 = ACCT_BUF_INIT;
	char sep;
	const char *text = data;
	size_t off, i, r;
	int rc = 0, comments;

	*out = (struct acct_metric_export)ACCT_METRIC_EXPORT_INIT;
	if (!data)
		text = data = "", len = 0;
	if (source && (rc = find_source(&rd.source, source, err)) < 0)
		return rc;
	if (period && (rc = given_period(&given, period, err)) < 0)
		return rc;
	if (period)
		givenp = &given;

	/* UTF-16 with its mark becomes UTF-8; without one it is refused. */
	if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
			 (u[0] == 0xfe && u[1] == 0xff))) {
		if ((rc = acct_text_from_utf16(&utf8, data, len, name, err)) < 0) {
			acct_error_hint(err, "%s", _(HINT_UTF));
			goto out;
		}
		text = utf8.buf;
		len = utf8.len;
	} else if (len >= 2 && ((u[0] && !u[1]) || (!u[0] && u[1]))) {
		rc = metric_fail_at(&rd, 1, 1, "the file looks like UTF-16 without a "
			     "byte order mark");
		acct_error_hint(err, "%s", _(HINT_UTF));
		goto out;
	}
	off = len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) ? 3 : 0;
	off += skip_comments(&rd, text + off, len - off, &rd.line_off,
			     &comments);
	sep = metric_sniff(text + off, len - off);
	if ((rc = acct_csv_parse(&rd.csv, name, text + off, len - off, sep,
				 err)) < 0) {
		if (err && err->line)
			err->line += rd.line_off;
		if (err && !err->hint[0])
			acct_error_hint(err, "download the report again, or "
					"open it in a spreadsheet and save it as "
					"CSV");
		goto out;
	}
	if (!rd.csv.nrecords) {
		rc = metric_fail_at(&rd, 1, 1, "the export is empty");
		acct_error_hint(err, "download the report again; it needs a "
				"header and rows of numbers");
		goto out;
	}

	for (r = 0; r < rd.csv.nrecords && r < HEADER_SEARCH; r++)
		if (metric_is_header(&rd, &rd.csv.records[r]))
			break;
	if (r == rd.csv.nrecords || r == HEADER_SEARCH) {
		rc = metric_no_header(&rd);
		goto out;
	}
	rd.header = r;
	for (r = 0; r < rd.header; r++) {
		const struct acct_csv_record *rec = &rd.csv.records[r];
		struct acct_buf line = ACCT_BUF_INIT;

		for (i = 0; i < rec->nfields; i++) {
			if (i)
				acct_buf_addch(&line, rd.csv.sep);
			acct_buf_add(&line, rec->fields[i].text,
				     rec->fields[i].len);
		}
		metric_title_dates(&rd.title, line.buf, line.len);
		acct_buf_release(&line);
	}
	out->detected = !source;
	if ((rc = metric_read_header(&rd, !source, comments)) < 0)
		goto out;
	out->source = acct_metric_export_sources[rd.source];
	if (rd.period_col < 0 && (rc = fixed_period(&rd, givenp)) < 0)
		goto out;
	if ((rc = read_rows(&rd)) < 0)
		goto out;

	out->first = rd.dated.since;
	out->last = rd.dated.until;
	if (rd.title.any && out->dated == ACCT_METRIC_DATED_COLUMN) {
		if (acct_date_cmp(&rd.title.since, &out->first) < 0)
			out->first = rd.title.since;
		if (acct_date_cmp(&rd.title.until, &out->last) > 0)
			out->last = rd.title.until;
	}
	out->text_ = acct_csv_detach_text(&rd.csv);
out:
	if (rc < 0)
		acct_metric_export_release(out);
	acct_csv_release(&rd.csv);
	free(rd.guesses);
	acct_buf_release(&utf8);
	acct_buf_release(&rd.tmp);
	return rc;
}
