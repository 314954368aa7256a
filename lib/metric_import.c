/*
 * An ad platform's export as rows of numbers: the text decoded (UTF-16
 * from "CSV for Excel" made UTF-8), the separator chosen, the CSV read by
 * lib/csv.c, the header found under the title lines and its columns named
 * from one table, the source recognised by the headers only it writes,
 * and each cell of a metric column read as an exact decimal.
 */
#include "acct/metric_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/csv.h"
#include "acct/error.h"
#include "acct/period.h"
#include "acct/text.h"
#include "metric_import_int.h"
#include "acct/banned.h"

const char *const acct_metric_sources[] = {
	"yandex-direct", "google-ads", "vk-ads", "metrica", "ga4", "csv", NULL
};

enum source { S_DIRECT, S_GOOGLE, S_VK, S_METRICA, S_GA4, S_CSV };

/*
 * How each source writes numbers: Google's exports group thousands with
 * commas and GA4's use a point; the Russian tools write a decimal comma
 * and group with (no-break) spaces, as people type (acct_dec_parse's 0).
 */
static const unsigned source_flags[] = {
	[S_DIRECT] = 0, [S_GOOGLE] = ACCT_DEC_EN, [S_VK] = 0,
	[S_METRICA] = 0, [S_GA4] = ACCT_DEC_EN, [S_CSV] = 0,
};

/* A header as the table knows it: case folded, spaces collapsed. */
struct header_name {
	const char *name;
	enum acct_metric_col_role role;
	const char *metric;	/* role METRIC: the base name */
	enum metric_hint hint;	/* role PERIOD */
};

#define P(n, h) { n, ACCT_METRIC_COL_PERIOD, NULL, METRIC_HINT_##h }
#define R(n, r) { n, ACCT_METRIC_COL_##r, NULL, METRIC_HINT_ANY }
#define M(n, m) { n, ACCT_METRIC_COL_METRIC, m, METRIC_HINT_ANY }

/* The one table of header names; the README lists it. */
static const struct header_name header_names[] = {
	P("date", ANY), P("day", ANY), P("дата", ANY), P("день", ANY),
	P("дата визита", ANY),
	P("week", WEEK), P("неделя", WEEK), P("неделя визита", WEEK),
	P("month", MONTH), P("месяц", MONTH), P("месяц визита", MONTH),
	P("period", ANY), P("период", ANY),
	R("client", CLIENT), R("клиент", CLIENT), R("account", CLIENT),
	R("account name", CLIENT), R("аккаунт", CLIENT), R("логин", CLIENT),
	R("логин клиента", CLIENT),
	R("campaign", CAMPAIGN), R("campaign name", CAMPAIGN),
	R("кампания", CAMPAIGN), R("название кампании", CAMPAIGN),
	R("session campaign", CAMPAIGN), R("utm_campaign", CAMPAIGN),
	R("currency", CURRENCY), R("currency code", CURRENCY),
	R("валюта", CURRENCY),
	R("metric", NAME), R("метрика", NAME), R("показатель", NAME),
	R("value", VALUE), R("значение", VALUE),
	M("spend", "spend"), M("spent", "spend"), M("cost", "spend"),
	M("amount spent", "spend"), M("расход", "spend"),
	M("расходы", "spend"), M("потрачено", "spend"), M("списано", "spend"),
	M("затраты", "spend"), M("стоимость", "spend"),
	M("impressions", "impressions"), M("impr.", "impressions"),
	M("показы", "impressions"),
	M("clicks", "clicks"), M("клики", "clicks"),
	M("leads", "leads"), M("conversions", "leads"),
	M("key events", "leads"), M("конверсии", "leads"),
	M("достижения цели", "leads"), M("достижения целей", "leads"),
	M("заявки", "leads"), M("лиды", "leads"),
	M("sales", "sales"), M("purchases", "sales"),
	M("transactions", "sales"), M("ecommerce purchases", "sales"),
	M("покупки", "sales"), M("продажи", "sales"), M("заказы", "sales"),
	M("revenue", "revenue"), M("total revenue", "revenue"),
	M("purchase revenue", "revenue"), M("conv. value", "revenue"),
	M("доход", "revenue"), M("выручка", "revenue"),
	M("ценность конверсий", "revenue"),
	M("sessions", "sessions"), M("visits", "sessions"),
	M("визиты", "sessions"), M("сеансы", "sessions"),
	M("calls", "calls"), M("phone calls", "calls"), M("звонки", "calls"),
};

#undef P
#undef R
#undef M

/*
 * Derived metrics are computed from the base ones, never imported: a
 * generic CSV's column of these is left out rather than refused (any
 * header with '%' is one too; the platforms' other columns are ignored).
 */
static const char *const derived_names[] = {
	"ctr", "cpc", "cpl", "cpa", "cpm", "cr", "roas", "cac", "drr", "дрр",
};

/* Currencies as headers and cells write them, case folded. */
static const struct {
	const char *text, *code;
} currency_words[] = {
	{ "руб.", "RUB" }, { "руб", "RUB" }, { "р.", "RUB" }, { "₽", "RUB" },
	{ "тенге", "KZT" }, { "тг.", "KZT" }, { "тг", "KZT" }, { "₸", "KZT" },
	{ "$", "USD" }, { "долл.", "USD" }, { "€", "EUR" }, { "евро", "EUR" },
	{ "бел. руб.", "BYN" }, { "грн", "UAH" }, { "сум", "UZS" },
};

/*
 * The headers that only one source writes, exactly as it writes them
 * (case counts: a generic CSV's "sessions" is not GA4's "Sessions").
 * A trailing '*' matches any rest ("Расход (руб.)", "Потрачено, ₽").
 */
static const struct {
	enum source source;
	const char *header;
} markers[] = {
	{ S_GOOGLE, "Impr." }, { S_GOOGLE, "Currency code" },
	{ S_GOOGLE, "Conv. value" }, { S_GOOGLE, "Avg. CPC" },
	{ S_GOOGLE, "Cost / conv." },
	{ S_DIRECT, "Расход (*" }, { S_DIRECT, "Ср. цена клика*" },
	{ S_DIRECT, "CTR (%)" }, { S_DIRECT, "№ Кампании" },
	{ S_VK, "Потрачено*" }, { S_VK, "Списано*" }, { S_VK, "Spent*" },
	{ S_METRICA, "Визиты" }, { S_METRICA, "Посетители" },
	{ S_METRICA, "Достижения цели" }, { S_METRICA, "Целевые визиты" },
	{ S_METRICA, "Отказы" }, { S_METRICA, "Глубина просмотра" },
	{ S_METRICA, "Время на сайте" }, { S_METRICA, "Visits" },
	{ S_METRICA, "Goal reaches" }, { S_METRICA, "Page depth" },
	{ S_GA4, "Sessions" }, { S_GA4, "Key events" },
	{ S_GA4, "Total revenue" }, { S_GA4, "Active users" },
	{ S_GA4, "Event count" }, { S_GA4, "Engaged sessions" },
	{ S_GA4, "Ecommerce purchases" },
};

/* How many of the first records may come before the header. */
#define HEADER_SEARCH 50

#define HINT_HEADERS "name the columns as the README's 'Imported exports' " \
	"lists them (Дата/Day, Показы/Impressions, Клики/Clicks, " \
	"Расход/Cost ...), or give the source"
#define HINT_NUMBER "write a number as 1234.56, 1 234,56 or 1,234.56; an " \
	"empty cell or '--' is no data"
#define HINT_DATE "write a day as 2026-11-20, 20.11.2026, 20261120 or " \
	"Nov 20, 2026; a week as 2026-W47; a month as 2026-11, 11.2026, " \
	"ноябрь 2026 or November 2026"
#define HINT_UTF "download the report again: 'CSV' is UTF-8, 'CSV for " \
	"Excel' UTF-16 with a byte order mark; or convert it, as in " \
	"'iconv -f WINDOWS-1251 -t UTF-8'"

/* What a column of the header is, before the source is known. */
struct guess {
	enum acct_metric_col_role role;
	const char *metric;
	const char *currency;	/* the header's, static, or NULL */
	enum metric_hint hint;
	int derived;		/* a derived metric or a '%' column */
};

struct reader {
	const char *name;
	struct acct_error *err;
	struct acct_metric_export *out;
	struct acct_csv csv;
	size_t line_off;	/* lines before what lib/csv.c was given */
	size_t header;		/* the header's record */
	enum source source;
	struct guess *guesses;	/* a column each */
	int period_col, client_col, campaign_col, currency_col;
	int name_col, value_col;
	struct metric_when fixed;	/* of an export without dates */
	struct metric_span title;	/* the dates the title lines state */
	int has_grain;
	size_t rows_alloc;
	struct acct_buf tmp;
};

/* --- text ------------------------------------------------------------- */

static int is_space_at(const char *s, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r') {
		*n = 1;
		return 1;
	}
	if (u[0] == 0xc2 && u[1] == 0xa0) {	/* U+00A0 */
		*n = 2;
		return 1;
	}
	if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xaf || u[2] == 0x89)) {
		*n = 3;		/* U+202F, U+2009 */
		return 1;
	}
	return 0;
}

/* A field without the white space around it, in place. */
char *metric_trim(char *s)
{
	size_t n, len;
	char *end;

	while (*s && is_space_at(s, &n))
		s += n;
	len = strlen(s);
	end = s + len;
	while (end > s) {
		if (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
		    end[-1] == '\r')
			end--;
		else if (end - s >= 2 && (unsigned char)end[-2] == 0xc2 &&
			 (unsigned char)end[-1] == 0xa0)
			end -= 2;
		else if (end - s >= 3 && (unsigned char)end[-3] == 0xe2 &&
			 (unsigned char)end[-2] == 0x80 &&
			 ((unsigned char)end[-1] == 0xaf ||
			  (unsigned char)end[-1] == 0x89))
			end -= 3;
		else
			break;
	}
	*end = '\0';
	return s;
}

/* `s` case folded, runs of white space one space, none at the ends. */
void metric_norm(struct acct_buf *out, const char *s, size_t len)
{
	struct acct_buf f = ACCT_BUF_INIT;
	size_t i, n;
	int space = 0;

	acct_buf_reset(out);
	acct_text_fold(&f, s, len);
	for (i = 0; i < f.len; i++) {
		if (is_space_at(f.buf + i, &n)) {
			space = out->len > 0;
			i += n - 1;
			continue;
		}
		if (space)
			acct_buf_addch(out, ' ');
		space = 0;
		acct_buf_addch(out, f.buf[i]);
	}
	acct_buf_release(&f);
}

/* `s` quoted for a message: escaped for the terminal, cut at 40 bytes. */
static const char *quote(struct acct_buf *q, const char *s)
{
	size_t len = strlen(s), n = len > 40 ? 40 : len;

	/* Cut at a character's start, never inside one. */
	while (n < len && n && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	acct_buf_reset(q);
	acct_text_escape_terminal(q, s, n);
	if (n < len)
		acct_buf_addstr(q, "...");
	return q->buf;
}

/* --- errors ----------------------------------------------------------- */

__attribute__((format(printf, 4, 5)))
static int fail_at(struct reader *rd, size_t line, size_t col,
		   const char *fmt, ...)
{
	struct acct_buf msg = ACCT_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	acct_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	acct_error_at(rd->err, ACCT_EDATA, rd->name, line, col, "%s", msg.buf);
	acct_buf_release(&msg);
	return ACCT_EDATA;
}

static size_t line_of(const struct reader *rd, const struct acct_csv_field *f)
{
	return f->line + rd->line_off;
}

/* --- separator -------------------------------------------------------- */

/*
 * The separator of the table under the title lines: a tab when at least
 * half the lines that have a tab, ';' or ',' outside quotes have a tab;
 * else ';' when at least half of those with ';' or ',' have a ';' (the
 * Russian tools' CSV, whose numbers have decimal commas); else ','. The
 * first 100 lines or 256 KiB decide.
 */
static char sniff(const char *s, size_t len)
{
	size_t any = 0, tab = 0, sc = 0, semi = 0, lines = 0, i;
	int quoted = 0, t = 0, m = 0, c = 0;

	if (len > 256 * 1024)
		len = 256 * 1024;
	for (i = 0; i <= len && lines < 100; i++) {
		char ch = i < len ? s[i] : '\n';

		if (ch == '"') {
			quoted = !quoted;
		} else if (quoted && i < len) {
			continue;
		} else if (ch == '\n' || ch == '\r') {
			any += t || m || c;
			tab += t;
			sc += m || c;
			semi += m;
			t = m = c = 0;
			lines++;
		} else if (ch == '\t') {
			t = 1;
		} else if (ch == ';') {
			m = 1;
		} else if (ch == ',') {
			c = 1;
		}
	}
	if (tab && 2 * tab >= any)
		return '\t';
	if (semi && 2 * semi >= sc)
		return ';';
	return ',';
}

/* --- the header ------------------------------------------------------- */

static const char *currency_of(const char *folded, char code[4])
{
	size_t i;

	for (i = 0; i < sizeof(currency_words) / sizeof(*currency_words); i++)
		if (!strcmp(folded, currency_words[i].text))
			return currency_words[i].code;
	if (strlen(folded) == 3 && folded[0] >= 'a' && folded[0] <= 'z' &&
	    folded[1] >= 'a' && folded[1] <= 'z' && folded[2] >= 'a' &&
	    folded[2] <= 'z') {
		for (i = 0; i < 3; i++)
			code[i] = (char)(folded[i] - 'a' + 'A');
		code[3] = '\0';
		return code;
	}
	return NULL;
}

static const struct header_name *lookup(const char *h)
{
	size_t i;

	for (i = 0; i < sizeof(header_names) / sizeof(*header_names); i++)
		if (!strcmp(h, header_names[i].name))
			return &header_names[i];
	return NULL;
}

/*
 * What a header names: the table's entry for it, or for its name before
 * a suffix, "Расход (руб.)" or "Потрачено, ₽", whose currency goes with
 * the column. `code` holds a currency written as three letters.
 */
static void classify(struct guess *g, struct acct_buf *tmp, const char *h,
		     char code[4])
{
	const struct header_name *e;
	char *open;
	size_t i;

	memset(g, 0, sizeof(*g));
	g->hint = METRIC_HINT_ANY;
	metric_norm(tmp, h, strlen(h));
	if (!tmp->len)
		return;
	for (i = 0; i < sizeof(derived_names) / sizeof(*derived_names); i++)
		if (!strcmp(tmp->buf, derived_names[i]))
			g->derived = 1;
	if (strchr(tmp->buf, '%'))
		g->derived = 1;
	if (g->derived)
		return;
	if (!(e = lookup(tmp->buf))) {
		const char *suffix = NULL;

		if (tmp->buf[tmp->len - 1] == ')' &&
		    (open = strrchr(tmp->buf, '(')) && open > tmp->buf) {
			tmp->buf[tmp->len - 1] = '\0';
			suffix = open + 1;
			open[open[-1] == ' ' ? -1 : 0] = '\0';
		} else if ((open = strrchr(tmp->buf, ',')) && open[1] == ' ') {
			suffix = open + 2;
			*open = '\0';
		}
		if (!suffix || !(e = lookup(tmp->buf)))
			return;
		/* "Конверсии (Цель 1)" is a part of a metric, not it. */
		if (e->role == ACCT_METRIC_COL_METRIC &&
		    !(g->currency = currency_of(suffix, code)))
			return;
	}
	g->role = e->role;
	g->metric = e->metric;
	g->hint = e->hint;
}

/* A generic CSV's own metric name: [A-Za-z][A-Za-z0-9_]*, made lowercase. */
static int own_name(char *h)
{
	size_t i, n = strlen(h);

	if (!n || n > ACCT_METRIC_NAME_MAX ||
	    !((h[0] | 0x20) >= 'a' && (h[0] | 0x20) <= 'z'))
		return 0;
	for (i = 0; i < n; i++)
		if (!(((h[i] | 0x20) >= 'a' && (h[i] | 0x20) <= 'z') ||
		      (h[i] >= '0' && h[i] <= '9') || h[i] == '_'))
			return 0;
	for (i = 0; i < n; i++)
		if (h[i] >= 'A' && h[i] <= 'Z')
			h[i] = (char)(h[i] - 'A' + 'a');
	return 1;
}

/*
 * A record is the header when it names a period column and something
 * else, two metrics acct knows, or the long form's metric and value.
 */
static int is_header(struct reader *rd, const struct acct_csv_record *rec)
{
	struct guess g;
	char code[4];
	size_t i, nonempty = 0;
	int period = 0, metrics = 0, name = 0, value = 0;

	for (i = 0; i < rec->nfields; i++) {
		const char *t = rec->fields[i].text;

		classify(&g, &rd->tmp, t, code);
		nonempty += rd->tmp.len > 0;
		period += g.role == ACCT_METRIC_COL_PERIOD;
		metrics += g.role == ACCT_METRIC_COL_METRIC;
		name += g.role == ACCT_METRIC_COL_NAME;
		value += g.role == ACCT_METRIC_COL_VALUE;
	}
	return (period && nonempty >= 2) || metrics >= 2 || (name && value);
}

static int marker_is(const char *header, const char *m)
{
	size_t n = strlen(m);

	if (n && m[n - 1] == '*')
		return !strncmp(header, m, n - 1);
	return !strcmp(header, m);
}

/* The source by the headers only it writes; a generic CSV otherwise. */
static enum source detect(const struct acct_metric_export *x, int comments,
			  const struct acct_csv_record *next,
			  struct acct_buf *tmp)
{
	size_t i, k;
	enum source best = S_CSV;

	if (x->long_form)
		return S_CSV;
	/* Where two sources' marks meet, the first in enum source wins. */
	for (k = 0; k < sizeof(markers) / sizeof(*markers); k++)
		for (i = 0; i < x->ncolumns; i++)
			if (marker_is(x->columns[i].header, markers[k].header) &&
			    markers[k].source < best)
				best = markers[k].source;
	if (best != S_CSV)
		return best;
	/* Metrica's totals come first: "Итого и средние". */
	if (next && next->nfields) {
		metric_norm(tmp, next->fields[0].text, next->fields[0].len);
		if (!strcmp(tmp->buf, "итого и средние"))
			return S_METRICA;
	}
	return comments ? S_GA4 : S_CSV;
}

/* Columns `first` and `i` (0-based) are both `what`. */
static int two_columns(struct reader *rd, size_t i, size_t first,
		       const char *what)
{
	const struct acct_csv_field *f = &rd->csv.records[rd->header].fields[i];
	struct acct_buf q = ACCT_BUF_INIT, q2 = ACCT_BUF_INIT;

	fail_at(rd, line_of(rd, f), f->col, "column '%s' is %s again "
		"(column %zu, '%s', is too)",
		quote(&q, rd->out->columns[i].header), what, first + 1,
		quote(&q2, rd->out->columns[first].header));
	acct_error_hint(rd->err, "remove one of the two columns");
	acct_buf_release(&q);
	acct_buf_release(&q2);
	return ACCT_EDATA;
}

static int set_role_col(struct reader *rd, int *slot, size_t i,
			const char *what)
{
	if (*slot >= 0)
		return two_columns(rd, i, (size_t)*slot, what);
	*slot = (int)i;
	return 0;
}

/* Column `i` is a metric that no column before it is. */
static int metric_once(struct reader *rd, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (rd->guesses[j].role == ACCT_METRIC_COL_METRIC &&
		    !strcmp(rd->guesses[j].metric, rd->guesses[i].metric))
			return two_columns(rd, i, j, rd->guesses[i].metric);
	return 0;
}

/* The header's columns: what each is, once the source is known. */
static int read_header(struct reader *rd, int detect_source, int comments)
{
	struct acct_csv_record *head = &rd->csv.records[rd->header];
	struct acct_metric_export *out = rd->out;
	const struct acct_csv_record *next = rd->header + 1 < rd->csv.nrecords ?
		&rd->csv.records[rd->header + 1] : NULL;
	struct acct_buf q = ACCT_BUF_INIT;
	size_t i;
	int rc = 0;

	out->header_line = head->line + rd->line_off;
	out->ncolumns = head->nfields;
	out->columns = acct_calloc(head->nfields, sizeof(*out->columns));
	rd->guesses = acct_calloc(head->nfields, sizeof(*rd->guesses));
	for (i = 0; i < head->nfields; i++) {
		struct acct_metric_column *c = &out->columns[i];

		c->header = metric_trim(head->fields[i].text);
		c->col = i + 1;
		classify(&rd->guesses[i], &rd->tmp, c->header, c->currency);
		if (rd->guesses[i].role == ACCT_METRIC_COL_NAME)
			out->long_form = 1;
	}
	if (detect_source)
		rd->source = detect(out, comments, next, &rd->tmp);
	for (i = 0; i < head->nfields && rc == 0; i++) {
		struct guess *g = &rd->guesses[i];
		struct acct_metric_column *c = &out->columns[i];
		const struct acct_csv_field *f = &head->fields[i];

		switch (g->role) {
		case ACCT_METRIC_COL_PERIOD:
			rc = set_role_col(rd, &rd->period_col, i, "a date");
			break;
		case ACCT_METRIC_COL_CLIENT:
			rc = set_role_col(rd, &rd->client_col, i, "the client");
			break;
		case ACCT_METRIC_COL_CAMPAIGN:
			rc = set_role_col(rd, &rd->campaign_col, i,
					  "the campaign");
			break;
		case ACCT_METRIC_COL_CURRENCY:
			rc = set_role_col(rd, &rd->currency_col, i,
					  "the currency");
			break;
		case ACCT_METRIC_COL_NAME:
			rc = set_role_col(rd, &rd->name_col, i,
					  "the metric's name");
			break;
		case ACCT_METRIC_COL_VALUE:
			rc = set_role_col(rd, &rd->value_col, i, "the value");
			break;
		case ACCT_METRIC_COL_METRIC:
			if (out->long_form) {
				g->role = ACCT_METRIC_COL_IGNORED;
				break;
			}
			rc = metric_once(rd, i);
			break;
		case ACCT_METRIC_COL_IGNORED:
		default:
			if (rd->source != S_CSV || out->long_form ||
			    !*c->header || g->derived)
				break;
			if (!own_name(metric_trim(f->text))) {
				fail_at(rd, line_of(rd, f), f->col, "column "
					"'%s' is neither a metric acct knows "
					"nor a metric name", quote(&q, c->header));
				acct_error_hint(rd->err, "a metric's name is "
						"lowercase letters, digits and "
						"'_', such as 'bounce_rate'; or "
						"remove the column");
				rc = ACCT_EDATA;
				break;
			}
			g->role = ACCT_METRIC_COL_METRIC;
			g->metric = c->header;
			rc = metric_once(rd, i);
			break;
		}
		c->role = g->role;
		c->metric = g->metric;
		if (!g->currency)
			c->currency[0] = '\0';
		else if (g->currency != c->currency)
			snprintf(c->currency, sizeof(c->currency), "%s",
				 g->currency);
	}
	acct_buf_release(&q);
	if (rc == 0 && out->long_form && (rd->name_col < 0 || rd->value_col < 0)) {
		const struct acct_csv_field *f = &head->fields[rd->name_col >= 0 ?
							      rd->name_col : 0];

		fail_at(rd, line_of(rd, f), f->col, "a column names the "
			"metric but none holds its value");
		acct_error_hint(rd->err, "the long form's columns are client, "
				"period, metric and value");
		rc = ACCT_EDATA;
	}
	return rc;
}

/* The header is not found: say what was read. */
static int no_header(struct reader *rd)
{
	const struct acct_csv_record *rec = &rd->csv.records[0];
	struct acct_buf list = ACCT_BUF_INIT, q = ACCT_BUF_INIT;
	size_t i, n = rd->csv.nrecords < HEADER_SEARCH ? rd->csv.nrecords :
		      HEADER_SEARCH;

	/* The widest of the first records is the likeliest header. */
	for (i = 0; i < n; i++)
		if (rd->csv.records[i].nfields > rec->nfields)
			rec = &rd->csv.records[i];
	for (i = 0; i < rec->nfields && list.len < 600; i++)
		acct_buf_addf(&list, "%s'%s'", i ? ", " : "",
			      quote(&q, metric_trim(rec->fields[i].text)));
	if (i < rec->nfields)
		acct_buf_addf(&list, " and %zu more", rec->nfields - i);
	fail_at(rd, rec->line + rd->line_off, 1, "not an export acct knows: "
		"no header names a date and metrics; read %s", list.buf);
	acct_error_hint(rd->err, "%s", HINT_HEADERS);
	acct_buf_release(&list);
	acct_buf_release(&q);
	return ACCT_EDATA;
}

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
		return currency_of(tmp->buf, code);
	}
	return NULL;
}

static int bad_value(struct reader *rd, const struct acct_csv_field *f,
		     const char *v, const char *column, const char *why)
{
	struct acct_buf q = ACCT_BUF_INIT, q2 = ACCT_BUF_INIT;

	fail_at(rd, line_of(rd, f), f->col, "'%s' in column '%s' is not a "
		"number%s%s%s", quote(&q, v), quote(&q2, column),
		strcmp(why, "not a number") ? " (" : "",
		strcmp(why, "not a number") ? why : "",
		strcmp(why, "not a number") ? ")" : "");
	acct_error_hint(rd->err, "%s", HINT_NUMBER);
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
		fail_at(rd, line_of(rd, f), f->col, "more than %d numbers in "
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
		fail_at(rd, line_of(rd, f), f->col, "no date in column '%s'",
			quote(&q, rd->out->columns[rd->period_col].header));
		acct_error_hint(rd->err, "fill in the date, or delete the row");
		rc = ACCT_EDATA;
	} else if (metric_when_parse(w, v, rd->guesses[rd->period_col].hint) < 0) {
		fail_at(rd, line_of(rd, f), f->col, "'%s' in column '%s' is "
			"not a date", quote(&q, v),
			quote(&q2, rd->out->columns[rd->period_col].header));
		acct_error_hint(rd->err, "%s", HINT_DATE);
		rc = ACCT_EDATA;
	} else if (rd->has_grain && w->grain != rd->out->grain) {
		fail_at(rd, line_of(rd, f), f->col, "'%s' is %s, but the "
			"rows above are %s", quote(&q, v),
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
		fail_at(rd, line_of(rd, f), f->col, "'%s' in column '%s' is "
			"not a currency code", quote(&q, v),
			quote(&q2, rd->out->columns[rd->currency_col].header));
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
		fail_at(rd, line_of(rd, f), f->col, "a value with no metric's "
			"name beside it");
		acct_error_hint(rd->err, "fill in the metric column, or delete "
				"the row");
		return ACCT_EDATA;
	}
	classify(&g, &rd->tmp, v, code);
	if (g.derived)
		return 0;
	/* "Расход (руб.)" too: the currency is the currency column's. */
	if (g.role == ACCT_METRIC_COL_METRIC) {
		*out = g.metric;
		return 0;
	}
	if (own_name(v)) {
		*out = v;
		return 0;
	}
	fail_at(rd, line_of(rd, f), f->col, "'%s' is not a metric's name",
		quote(&q, v));
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
		row->line = line_of(rd, f);
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
	fail_at(rd, line_of(rd, &rec->fields[i]), rec->fields[i].col,
		"line %zu has %zu fields but the header %zu",
		line_of(rd, &rec->fields[0]), rec->nfields,
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
		metric_when_label(row.period, &w);
		row.since = w.since;
		row.until = w.until;
		if (*cell(rec, rd->client_col))
			row.client = cell(rec, rd->client_col);
		if (*cell(rec, rd->campaign_col))
			row.campaign = cell(rec, rd->campaign_col);
		rc = record_rows(rd, rec, &row, cur);
	}
	if (rc == 0 && !out->nrows) {
		fail_at(rd, out->header_line, 1, "no numbers below the header");
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

	for (i = 0; acct_metric_sources[i]; i++)
		if (!strcmp(s, acct_metric_sources[i])) {
			*out = (enum source)i;
			return 0;
		}
	acct_error_set(err, ACCT_EUSAGE, "unknown source '%s'", quote(&q, s));
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
		       quote(&q, s));
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
			fail_at(rd, out->header_line, 1, "no date column, and "
				"the dates the title states, %s to %s, are not "
				"one day, week or month", a, b);
			acct_error_hint(rd->err, "add the date (Дата, Day) to "
					"the report, or give the period");
			return ACCT_EDATA;
		}
		rd->fixed = w;
		out->dated = ACCT_METRIC_DATED_TITLE;
	} else {
		fail_at(rd, out->header_line, 1, "no date column, and no "
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
			acct_error_hint(err, "%s", HINT_UTF);
			goto out;
		}
		text = utf8.buf;
		len = utf8.len;
	} else if (len >= 2 && ((u[0] && !u[1]) || (!u[0] && u[1]))) {
		rc = fail_at(&rd, 1, 1, "the file looks like UTF-16 without a "
			     "byte order mark");
		acct_error_hint(err, "%s", HINT_UTF);
		goto out;
	}
	off = len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) ? 3 : 0;
	off += skip_comments(&rd, text + off, len - off, &rd.line_off,
			     &comments);
	sep = sniff(text + off, len - off);
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
		rc = fail_at(&rd, 1, 1, "the export is empty");
		acct_error_hint(err, "download the report again; it needs a "
				"header and rows of numbers");
		goto out;
	}

	for (r = 0; r < rd.csv.nrecords && r < HEADER_SEARCH; r++)
		if (is_header(&rd, &rd.csv.records[r]))
			break;
	if (r == rd.csv.nrecords || r == HEADER_SEARCH) {
		rc = no_header(&rd);
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
	if ((rc = read_header(&rd, !source, comments)) < 0)
		goto out;
	out->source = acct_metric_sources[rd.source];
	if (rd.period_col < 0 && (rc = fixed_period(&rd, givenp)) < 0)
		goto out;
	if ((rc = read_rows(&rd)) < 0)
		goto out;

	out->first = out->rows[0].since;
	out->last = out->rows[0].until;
	for (i = 1; i < out->nrows; i++) {
		if (acct_date_cmp(&out->rows[i].since, &out->first) < 0)
			out->first = out->rows[i].since;
		if (acct_date_cmp(&out->rows[i].until, &out->last) > 0)
			out->last = out->rows[i].until;
	}
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
