/*
 * KPIs: found on the card and in the brief (one item per KPI however it
 * is spelt in each), read as "<metric> <op> <number> [unit] [/period]"
 * when they can be, and measured against a period's numbers.
 */
#include "acct/kpi.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "acct/book.h"
#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/* --- the grammar -------------------------------------------------------- */

static const char *const op_texts[] = {
	[ACCT_KPI_LE] = "<=", [ACCT_KPI_GE] = ">=", [ACCT_KPI_LT] = "<",
	[ACCT_KPI_GT] = ">", [ACCT_KPI_EQ] = "=",
};

const char *acct_kpi_op_text(enum acct_kpi_op op)
{
	return op <= ACCT_KPI_EQ ? op_texts[op] : "?";
}

/* The operators as written, longest first; ≤ and ≥ too. */
static const struct {
	const char *text;
	enum acct_kpi_op op;
} ops[] = {
	{ "<=", ACCT_KPI_LE }, { ">=", ACCT_KPI_GE },
	{ "\xe2\x89\xa4", ACCT_KPI_LE }, { "\xe2\x89\xa5", ACCT_KPI_GE },
	{ "<", ACCT_KPI_LT }, { ">", ACCT_KPI_GT }, { "=", ACCT_KPI_EQ },
};

/* Periods as people write them after a target, case-folded. */
static const struct {
	const char *text;
	enum acct_metric_grain per;
} periods[] = {
	{ "/month", ACCT_METRIC_MONTH }, { "/mo", ACCT_METRIC_MONTH },
	{ "per month", ACCT_METRIC_MONTH }, { "a month", ACCT_METRIC_MONTH },
	{ "monthly", ACCT_METRIC_MONTH }, { "в месяц", ACCT_METRIC_MONTH },
	{ "за месяц", ACCT_METRIC_MONTH }, { "в мес.", ACCT_METRIC_MONTH },
	{ "в мес", ACCT_METRIC_MONTH }, { "/мес.", ACCT_METRIC_MONTH },
	{ "/мес", ACCT_METRIC_MONTH }, { "ежемесячно", ACCT_METRIC_MONTH },
	{ "/week", ACCT_METRIC_WEEK }, { "/wk", ACCT_METRIC_WEEK },
	{ "per week", ACCT_METRIC_WEEK }, { "a week", ACCT_METRIC_WEEK },
	{ "weekly", ACCT_METRIC_WEEK }, { "в неделю", ACCT_METRIC_WEEK },
	{ "за неделю", ACCT_METRIC_WEEK }, { "/нед.", ACCT_METRIC_WEEK },
	{ "/нед", ACCT_METRIC_WEEK }, { "еженедельно", ACCT_METRIC_WEEK },
	{ "/day", ACCT_METRIC_DAY }, { "per day", ACCT_METRIC_DAY },
	{ "a day", ACCT_METRIC_DAY }, { "daily", ACCT_METRIC_DAY },
	{ "в день", ACCT_METRIC_DAY }, { "за день", ACCT_METRIC_DAY },
	{ "в сутки", ACCT_METRIC_DAY }, { "/день", ACCT_METRIC_DAY },
	{ "ежедневно", ACCT_METRIC_DAY },
	{ "/quarter", ACCT_METRIC_QUARTER }, { "/qtr", ACCT_METRIC_QUARTER },
	{ "per quarter", ACCT_METRIC_QUARTER },
	{ "a quarter", ACCT_METRIC_QUARTER },
	{ "quarterly", ACCT_METRIC_QUARTER },
	{ "в квартал", ACCT_METRIC_QUARTER },
	{ "за квартал", ACCT_METRIC_QUARTER },
	{ "/кв.", ACCT_METRIC_QUARTER }, { "/кв", ACCT_METRIC_QUARTER },
	{ "ежеквартально", ACCT_METRIC_QUARTER },
	{ "/year", ACCT_METRIC_YEAR }, { "/yr", ACCT_METRIC_YEAR },
	{ "per year", ACCT_METRIC_YEAR }, { "a year", ACCT_METRIC_YEAR },
	{ "yearly", ACCT_METRIC_YEAR }, { "annually", ACCT_METRIC_YEAR },
	{ "в год", ACCT_METRIC_YEAR }, { "за год", ACCT_METRIC_YEAR },
	{ "/год", ACCT_METRIC_YEAR }, { "ежегодно", ACCT_METRIC_YEAR },
};

/* Currencies as people write them after a number, case-folded. */
static const char *const currencies[][2] = {
	{ "\xe2\x82\xbd", "RUB" }, { "руб.", "RUB" }, { "руб", "RUB" },
	{ "р.", "RUB" }, { "$", "USD" }, { "\xe2\x82\xac", "EUR" },
	{ "\xc2\xa3", "GBP" },
};

/* Ratios that may be compared as percent, and money metrics. */
static const char *const percent_ok[] = { "ctr", "cr", "roas", "drr", NULL };

static int in_list(const char *const *list, const char *s)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

static int is_space_at(const char *s, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*s == ' ' || *s == '\t') {
		*n = 1;
		return 1;
	}
	if (u[0] == 0xc2 && u[1] == 0xa0) {
		*n = 2;
		return 1;
	}
	if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xaf || u[2] == 0x89)) {
		*n = 3;
		return 1;
	}
	return 0;
}

static const char *skip_spaces(const char *s)
{
	size_t n;

	while (*s && is_space_at(s, &n))
		s += n;
	return s;
}

/* The text without `*` and `` ` ``, trimmed, without a closing . ; , */
static void clean(struct acct_buf *out, const char *text)
{
	const char *p;

	for (p = skip_spaces(text); *p; p++)
		if (*p != '*' && *p != '`')
			acct_buf_addch(out, *p);
	for (;;) {
		const unsigned char *e = (const unsigned char *)out->buf + out->len;

		if (out->len >= 1 && strchr(".;, \t", e[-1]))
			acct_buf_setlen(out, out->len - 1);
		else if (out->len >= 2 && e[-2] == 0xc2 && e[-1] == 0xa0)
			acct_buf_setlen(out, out->len - 2);
		else if (out->len >= 3 && e[-3] == 0xe2 && e[-2] == 0x80 &&
			 (e[-1] == 0xaf || e[-1] == 0x89))
			acct_buf_setlen(out, out->len - 3);
		else
			break;
	}
}

static int bad(struct acct_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int bad(struct acct_error *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return ACCT_EUSAGE;
	acct_error_clear(err);
	err->code = ACCT_EUSAGE;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), acct_error_tr(err, fmt), ap);
	va_end(ap);
	return ACCT_EUSAGE;
}

/* A word of `s` for a message: up to the next space, at most 40 bytes. */
static void word_of(struct acct_buf *q, const char *s)
{
	size_t n = 0, k;

	while (s[n] && !is_space_at(s + n, &k) && n < 40)
		n++;
	acct_text_escape_terminal(q, s, n);
}

/* Match `phrase` at `s`, followed by the end, a space or `/`. */
static size_t match(const char *s, const char *phrase)
{
	size_t len = strlen(phrase), k;

	if (strncmp(s, phrase, len))
		return 0;
	if (!s[len] || s[len] == '/' || is_space_at(s + len, &k))
		return len;
	return 0;
}

/* A three-letter code at `s`: "rub", "kzt" (case-folded). */
static size_t code_at(const char *s)
{
	size_t k;

	if (!(s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' &&
	      s[2] >= 'a' && s[2] <= 'z'))
		return 0;
	return !s[3] || s[3] == '/' || is_space_at(s + 3, &k) ? 3 : 0;
}

/* The unit and period after the number: "%", "RUB", "/month" ... */
static int parse_rest(struct acct_kpi *k, const char *rest,
		      struct acct_error *err)
{
	struct acct_buf f = ACCT_BUF_INIT, q = ACCT_BUF_INIT;
	char *s;
	size_t i, n;
	int rc = 0;

	acct_text_fold(&f, rest, strlen(rest));
	s = f.buf + (skip_spaces(f.buf) - f.buf);
	while (*s) {
		if (*s == '%' && !k->percent && !k->currency[0] && !k->has_per) {
			k->percent = 1;
			s = f.buf + (skip_spaces(s + 1) - f.buf);
			continue;
		}
		/* "/ month" is "/month" */
		if (*s == '/' && is_space_at(s + 1, &n))
			memmove(s + 1, s + 1 + n, strlen(s + 1 + n) + 1);
		n = 0;
		for (i = 0; !k->has_per && !n &&
		     i < sizeof(periods) / sizeof(*periods); i++)
			if ((n = match(s, periods[i].text))) {
				k->has_per = 1;
				k->per = periods[i].per;
			}
		for (i = 0; !n && !k->currency[0] && !k->has_per &&
		     !k->percent && i < sizeof(currencies) / sizeof(*currencies);
		     i++)
			if ((n = match(s, currencies[i][0])))
				memcpy(k->currency, currencies[i][1], 4);
		if (!n && !k->currency[0] && !k->has_per && !k->percent &&
		    (n = code_at(s))) {
			for (i = 0; i < 3; i++)
				k->currency[i] = (char)(s[i] - 'a' + 'A');
			k->currency[3] = '\0';
		}
		if (!n) {
			word_of(&q, s);
			rc = bad(err, "'%s' after the number is not a unit (%%, "
				 "RUB) or a period (/month, в месяц)", q.buf);
			break;
		}
		s = f.buf + (skip_spaces(s + n) - f.buf);
	}
	acct_buf_release(&f);
	acct_buf_release(&q);
	return rc;
}

int acct_kpi_parse(struct acct_kpi *out, const char *text,
		   struct acct_error *err)
{
	struct acct_buf t = ACCT_BUF_INIT, name = ACCT_BUF_INIT;
	struct acct_buf num = ACCT_BUF_INIT, q = ACCT_BUF_INIT;
	const struct acct_metric_derived *der;
	const char *p, *at = NULL, *why;
	size_t i, oplen = 0, n;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	clean(&t, text);
	/* The first operator. */
	for (p = t.buf; *p && !at; p++)
		for (i = 0; i < sizeof(ops) / sizeof(*ops); i++)
			if (!strncmp(p, ops[i].text, strlen(ops[i].text))) {
				at = p;
				oplen = strlen(ops[i].text);
				out->op = ops[i].op;
				break;
			}
	if (!at) {
		rc = bad(err, "no comparison (<=, >=, <, >, =)");
		goto out;
	}
	acct_buf_add(&name, t.buf, (size_t)(at - t.buf));
	/* "CPL <= 900", and "CPL: <= 900" as a list in a brief has it */
	while (name.len && (name.buf[name.len - 1] == ' ' ||
			    name.buf[name.len - 1] == '\t' ||
			    name.buf[name.len - 1] == ':'))
		acct_buf_setlen(&name, name.len - 1);
	if (!name.len) {
		rc = bad(err, "no metric before '%s'", acct_kpi_op_text(out->op));
		goto out;
	}
	if (acct_metric_name(out->metric, name.buf, 1) < 0) {
		acct_text_escape_terminal(&q, name.buf,
					  name.len > 40 ? 40 : name.len);
		rc = bad(err, "'%s' is not a metric acct knows (spend, leads, "
			 "cpl, ctr, заявки ...)", q.buf);
		goto out;
	}
	/* The number: digits, a decimal mark, space thousands. */
	p = skip_spaces(at + oplen);
	for (i = 0; i < sizeof(currencies) / sizeof(*currencies); i++)
		if (currencies[i][0][0] & 0x80 || currencies[i][0][0] == '$') {
			size_t len = strlen(currencies[i][0]);

			/* $5, €5, ₽5: a sign before the number */
			if (!strncmp(p, currencies[i][0], len) &&
			    p[len] >= '0' && p[len] <= '9') {
				memcpy(out->currency, currencies[i][1], 4);
				p += len;
				break;
			}
		}
	for (i = 0; p[i]; i += n) {
		n = 1;
		if ((p[i] >= '0' && p[i] <= '9') || p[i] == '.' || p[i] == ',')
			continue;
		if (is_space_at(p + i, &n) && p[i + n] >= '0' && p[i + n] <= '9')
			continue;
		break;
	}
	acct_buf_add(&num, p, i);
	if (!num.len) {
		word_of(&q, p);
		rc = bad(err, "no number after '%s'%s%s%s",
			 acct_kpi_op_text(out->op), q.len ? " (" : "", q.buf,
			 q.len ? ")" : "");
		goto out;
	}
	if (acct_dec_parse(&out->target, num.buf, num.len, 0, &why) < 0) {
		acct_text_escape_terminal(&q, num.buf, num.len);
		rc = bad(err, "'%s' is not a number: %s", q.buf,
			 acct_error_tr(err, why));
		goto out;
	}
	if ((rc = parse_rest(out, p + i, err)) < 0)
		goto out;
	der = acct_metric_derived_find(out->metric);
	if (out->percent && !in_list(percent_ok, out->metric)) {
		rc = bad(err, "a percent needs a ratio (ctr, cr, roas, drr), "
			 "not %s", out->metric);
		goto out;
	}
	if (out->currency[0] && ((der && !der->money) ||
				 (!der && in_list(acct_metric_base, out->metric) &&
				  strcmp(out->metric, "spend") &&
				  strcmp(out->metric, "revenue")))) {
		rc = bad(err, "%s is not an amount of money, so not in %s",
			 out->metric, out->currency);
		goto out;
	}
out:
	acct_buf_release(&t);
	acct_buf_release(&name);
	acct_buf_release(&num);
	acct_buf_release(&q);
	return rc;
}

char *acct_kpi_key(const char *text)
{
	utf8proc_uint8_t *f = NULL;
	const utf8proc_uint8_t *p;
	struct acct_buf k = ACCT_BUF_INIT;
	utf8proc_ssize_t n;
	utf8proc_int32_t c;
	const char *a;

	/*
	 * ASCII: NFKC leaves it as it is and case folding is A-Z to a-z;
	 * its only separator (Z*) is the space. test_kpi compares the two.
	 */
	for (a = text; *a && !(*a & 0x80); a++)
		;
	if (!*a) {
		for (a = text; *a; a++)
			if (!strchr(" \t*_`", *a))
				acct_buf_addch(&k, *a >= 'A' && *a <= 'Z' ?
					       (char)(*a + 32) : *a);
		goto trim;
	}
	if (utf8proc_map((const utf8proc_uint8_t *)text, 0, &f,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
			 UTF8PROC_COMPAT | UTF8PROC_CASEFOLD) < 0)
		return acct_strdup(text);
	for (p = f; *p; p += n) {
		if ((n = utf8proc_iterate(p, -1, &c)) <= 0)
			break;
		if (c == 0x2264)
			acct_buf_addstr(&k, "<=");
		else if (c == 0x2265)
			acct_buf_addstr(&k, ">=");
		else if (!(c < 0x80 && strchr(" \t*_`", (int)c)) &&
			 !(utf8proc_category(c) >= UTF8PROC_CATEGORY_ZS &&
			   utf8proc_category(c) <= UTF8PROC_CATEGORY_ZP))
			acct_buf_add(&k, p, (size_t)n);
	}
	free(f);
trim:
	while (k.len && strchr(".;,", k.buf[k.len - 1]))
		acct_buf_setlen(&k, k.len - 1);
	return acct_buf_detach(&k, NULL);
}

/* --- a client's KPIs ---------------------------------------------------- */

const char *acct_kpi_source_name(unsigned source)
{
	return source == ACCT_KPI_BRIEF ? "brief" : "card";
}

void acct_kpi_list_add(struct acct_kpi_list *l, const char *text,
		       unsigned source)
{
	/* Why a KPI is not measurable is data (--json, reports): English. */
	struct acct_error err = ACCT_ERROR_ENGLISH;
	struct acct_kpi_item *it = NULL;
	char *key;
	size_t i;

	if (!text || !*text)
		return;
	key = acct_kpi_key(text);
	for (i = 0; i < l->n && !it; i++) {
		char *other = acct_kpi_key(l->items[i].text);

		if (!strcmp(key, other))
			it = &l->items[i];
		free(other);
	}
	free(key);
	if (!it) {
		if (l->n == l->alloc) {
			l->alloc = l->alloc ? 2 * l->alloc : 8;
			l->items = acct_realloc(l->items,
						l->alloc * sizeof(*l->items));
		}
		it = &l->items[l->n++];
		memset(it, 0, sizeof(*it));
		it->text = acct_strdup(text);
		it->source = source;
		if (acct_kpi_parse(&it->kpi, text, &err) == 0)
			it->measurable = 1;
		else
			snprintf(it->why, sizeof(it->why), "%.*s",
				 (int)sizeof(it->why) - 1, err.msg);
	}
	if (!(it->sources & source) && it->norder < 2) {
		it->sources |= source;
		it->order[it->norder++] = source;
	}
}

static void add_brief_line(const char *line, void *payload)
{
	acct_kpi_list_add(payload, line, ACCT_KPI_BRIEF);
}

int acct_kpi_list_load(struct acct_kpi_list *list, struct acct_book *book,
		       const struct acct_client *card, struct acct_error *err)
{
	const struct acct_brief_section *s;
	struct acct_brief *br = NULL;
	size_t i;
	int rc;

	for (i = 0; i < card->goals.kpi.n; i++)
		acct_kpi_list_add(list, card->goals.kpi.items[i], ACCT_KPI_CARD);
	rc = acct_brief_load(&br, book, card->slug, err);
	if (rc == ACCT_ENOTFOUND) {
		acct_error_clear(err);
		return 0;
	}
	if (rc < 0)
		return rc;
	if ((s = acct_brief_section(br, "kpi")) && !s->empty)
		acct_brief_lines(s->text, add_brief_line, list);
	acct_brief_free(br);
	return 0;
}

void acct_kpi_list_release(struct acct_kpi_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->items[i].text);
	free(l->items);
	l->items = NULL;
	l->n = l->alloc = 0;
}

/* --- measuring ---------------------------------------------------------- */

static const char *const status_texts[] = {
	[ACCT_KPI_NO_DATA] = "no data", [ACCT_KPI_MET] = "met",
	[ACCT_KPI_MISSED] = "missed", [ACCT_KPI_ON_TRACK] = "on track",
	[ACCT_KPI_BEHIND] = "behind",
	[ACCT_KPI_NOT_MEASURABLE] = "not measurable",
};

const char *acct_kpi_status_text(enum acct_kpi_status s)
{
	return s <= ACCT_KPI_NOT_MEASURABLE ? status_texts[s] : "?";
}

char *acct_kpi_figure_format(char *buf, const struct acct_kpi_figure *f)
{
	if (!f->known)
		buf[0] = '\0';
	else if (f->exact)
		acct_dec_format(buf, f->dec);
	else
		acct_metric_round(buf, f->x);
	return buf;
}

/*
 * The figure of `k`'s metric in `t`, or unknown with the reason in `why`
 * (when it is not NULL).
 */
static void figure(struct acct_kpi_figure *out, const struct acct_kpi *k,
		   const struct acct_metric_totals *t, char *why, size_t size)
{
	const struct acct_metric_derived *d = acct_metric_derived_find(k->metric);
	struct acct_dec num, den;

	memset(out, 0, sizeof(*out));
	if (!d) {
		if (acct_metric_get(&out->dec, t, k->metric))
			out->known = out->exact = 1;
		else if (why)
			snprintf(why, size, "no %s", k->metric);
		return;
	}
	if (!acct_metric_get(&num, t, d->num)) {
		if (why)
			snprintf(why, size, "no %s", d->num);
		return;
	}
	if (!acct_metric_get(&den, t, d->den)) {
		if (why)
			snprintf(why, size, "no %s", d->den);
		return;
	}
	if (acct_dec_ratio(&out->x, num, den) < 0) {
		if (why)
			snprintf(why, size, "%s is 0", d->den);
		return;
	}
	if (k->percent)
		out->x *= 100;
	out->known = 1;
}

static int64_t period_days(const struct acct_metric_period *p)
{
	return acct_date_to_days(&p->until) - acct_date_to_days(&p->since) + 1;
}

static int months_of(enum acct_metric_grain g)
{
	return g == ACCT_METRIC_MONTH ? 1 : g == ACCT_METRIC_QUARTER ? 3 :
	       g == ACCT_METRIC_YEAR ? 12 : 0;
}

/*
 * v * num / den in ten-thousandths (num and den are counts of days or
 * months, positive and small), rounded half away from zero, in 64 bits
 * (32-bit Debian has no __int128): v = q * den + r, so the result is
 * q * num plus r * num / den, whose parts cannot overflow but for the
 * first, which holds at the largest amount when it would.
 */
static struct acct_dec scale(struct acct_dec v, int64_t num, int64_t den)
{
	struct acct_dec out = { 0, v.places };
	int64_t q = v.v / den, r = v.v % den, whole, t, frac, rest;

	t = r * num;		/* |r| < den: small */
	frac = t / den;
	rest = t % den;
	if (__builtin_mul_overflow(q, num, &whole) ||
	    __builtin_add_overflow(whole, frac, &whole)) {
		out.v = v.v < 0 ? INT64_MIN : INT64_MAX;
		return out;
	}
	if (2 * (rest < 0 ? -rest : rest) >= den &&
	    __builtin_add_overflow(whole, rest < 0 ? -1 : 1, &whole))
		whole = v.v < 0 ? INT64_MIN : INT64_MAX;
	out.v = whole;
	return out;
}

/* -1, 0, 1 as the figure is below, at or above the target. */
static int compare(const struct acct_kpi_figure *f, struct acct_dec target,
		   enum acct_kpi_op op)
{
	double t = (double)target.v / ACCT_DEC_ONE, tol = 0.5;
	int i;

	if (f->exact)
		return acct_dec_cmp(f->dec, target);
	if (op == ACCT_KPI_EQ) {
		/* Equal when it rounds to the target's places. */
		for (i = 0; i < target.places; i++)
			tol /= 10;
		if (f->x - t < tol && t - f->x < tol)
			return 0;
	}
	return (f->x > t) - (f->x < t);
}

static int satisfied(const struct acct_kpi_figure *f, const struct acct_kpi *k,
		     struct acct_dec target)
{
	int c = compare(f, target, k->op);

	switch (k->op) {
	case ACCT_KPI_LE:
		return c <= 0;
	case ACCT_KPI_GE:
		return c >= 0;
	case ACCT_KPI_LT:
		return c < 0;
	case ACCT_KPI_GT:
		return c > 0;
	default:
		return c == 0;
	}
}

void acct_kpi_measure(struct acct_kpi_result *out, const struct acct_kpi *k,
		      const struct acct_metric_totals *cur,
		      const struct acct_metric_totals *prev,
		      const struct acct_metric_period *p,
		      const struct acct_date *today)
{
	int sum = !acct_metric_derived_find(k->metric);
	struct acct_dec target = k->target;
	int64_t elapsed, total = period_days(p);

	memset(out, 0, sizeof(*out));
	if (sum && k->has_per) {
		struct acct_metric_period unit;

		if (months_of(k->per) && months_of(p->grain)) {
			target = scale(target, months_of(p->grain),
				       months_of(k->per));
		} else {
			acct_metric_period_of(&unit, k->per, &p->since);
			target = scale(target, total, period_days(&unit));
		}
	}
	out->target.known = out->target.exact = 1;
	out->target.dec = target;
	figure(&out->actual, k, cur, out->why, sizeof(out->why));
	if (prev)
		figure(&out->previous, k, prev, NULL, 0);
	if (out->actual.known && out->previous.known) {
		out->change.known = 1;
		out->change.exact = out->actual.exact;
		if (out->actual.exact)
			out->change.known = acct_dec_sub(&out->change.dec,
							 out->actual.dec,
							 out->previous.dec) == 0;
		else
			out->change.x = out->actual.x - out->previous.x;
	}
	if (k->currency[0] && cur->currency[0] &&
	    strcmp(k->currency, cur->currency)) {
		snprintf(out->why, sizeof(out->why), "the numbers are in %s",
			 cur->currency);
		out->status = ACCT_KPI_NO_DATA;
		return;
	}
	if (acct_date_cmp(today, &p->since) < 0) {
		snprintf(out->why, sizeof(out->why), "%s has not begun",
			 p->label);
		out->status = ACCT_KPI_NO_DATA;
		return;
	}
	if (!out->actual.known) {
		out->status = ACCT_KPI_NO_DATA;
		return;
	}
	out->why[0] = '\0';
	if (acct_date_cmp(today, &p->until) > 0) {
		out->status = satisfied(&out->actual, k, target) ?
			      ACCT_KPI_MET : ACCT_KPI_MISSED;
		return;
	}
	/* A running period: a sum goes on at the pace of the days so far. */
	elapsed = acct_date_to_days(today) - acct_date_to_days(&p->since) + 1;
	if (sum) {
		out->projected.known = out->projected.exact = 1;
		out->projected.dec = scale(out->actual.dec, total, elapsed);
		out->status = satisfied(&out->projected, k, target) ?
			      ACCT_KPI_ON_TRACK : ACCT_KPI_BEHIND;
	} else {
		out->status = satisfied(&out->actual, k, target) ?
			      ACCT_KPI_ON_TRACK : ACCT_KPI_BEHIND;
	}
}
