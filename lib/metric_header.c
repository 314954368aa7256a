/*
 * An ad platform's export, up to its header: the text helpers, the
 * separator chosen, the header found under the title lines and its
 * columns named from one table, and the source recognised by the headers
 * only it writes (lib/metric_import.c reads the rows under it).
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
#include "acct/text.h"
#include "acct/i18n.h"
#include "acct/banned.h"

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
const char *metric_quote(struct acct_buf *q, const char *s)
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
int metric_fail_at(struct reader *rd, size_t line, size_t col,
		   const char *fmt, ...)
{
	struct acct_buf msg = ACCT_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	acct_buf_vaddf(&msg, _(fmt), ap);
	va_end(ap);
	acct_error_at(rd->err, ACCT_EDATA, rd->name, line, col, "%s", msg.buf);
	acct_buf_release(&msg);
	return ACCT_EDATA;
}

size_t metric_line_of(const struct reader *rd, const struct acct_csv_field *f)
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
char metric_sniff(const char *s, size_t len)
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

const char *metric_currency_of(const char *folded, char code[4])
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
void metric_classify(struct guess *g, struct acct_buf *tmp, const char *h,
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
		    !(g->currency = metric_currency_of(suffix, code)))
			return;
	}
	g->role = e->role;
	g->metric = e->metric;
	g->hint = e->hint;
}

/* A generic CSV's own metric name: [A-Za-z][A-Za-z0-9_]*, made lowercase. */
int metric_own_name(char *h)
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
int metric_is_header(struct reader *rd, const struct acct_csv_record *rec)
{
	struct guess g;
	char code[4];
	size_t i, nonempty = 0;
	int period = 0, metrics = 0, name = 0, value = 0;

	for (i = 0; i < rec->nfields; i++) {
		const char *t = rec->fields[i].text;

		metric_classify(&g, &rd->tmp, t, code);
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

	metric_fail_at(rd, metric_line_of(rd, f), f->col, "column '%s' is %s again "
		"(column %zu, '%s', is too)",
		metric_quote(&q, rd->out->columns[i].header), what, first + 1,
		metric_quote(&q2, rd->out->columns[first].header));
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
int metric_read_header(struct reader *rd, int detect_source, int comments)
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
		metric_classify(&rd->guesses[i], &rd->tmp, c->header, c->currency);
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
			if (!metric_own_name(metric_trim(f->text))) {
				metric_fail_at(rd, metric_line_of(rd, f), f->col, "column "
					"'%s' is neither a metric acct knows "
					"nor a metric name", metric_quote(&q, c->header));
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

		metric_fail_at(rd, metric_line_of(rd, f), f->col, "a column names the "
			"metric but none holds its value");
		acct_error_hint(rd->err, "the long form's columns are client, "
				"period, metric and value");
		rc = ACCT_EDATA;
	}
	return rc;
}

/* The header is not found: say what was read. */
int metric_no_header(struct reader *rd)
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
			      metric_quote(&q, metric_trim(rec->fields[i].text)));
	if (i < rec->nfields)
		acct_buf_addf(&list, " and %zu more", rec->nfields - i);
	metric_fail_at(rd, rec->line + rd->line_off, 1, "not an export acct knows: "
		"no header names a date and metrics; read %s", list.buf);
	acct_error_hint(rd->err, "%s", _(HINT_HEADERS));
	acct_buf_release(&list);
	acct_buf_release(&q);
	return ACCT_EDATA;
}
