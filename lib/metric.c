/*
 * Metrics: one YAML file per client, period and source, read strictly (a
 * number that is not a plain decimal is an error with its place, never a
 * 0), summed exactly for any day, week, month, quarter or year, and
 * written in one commit per change.
 */
#include "acct/metric.h"
#include "metric_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/period.h"
#include "acct/text.h"
#include "acct/walk.h"
#include "acct/yaml.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/* --- periods ------------------------------------------------------------ */

static const char *const grain_names[] = {
	[ACCT_METRIC_DAY] = "day",
	[ACCT_METRIC_WEEK] = "week",
	[ACCT_METRIC_MONTH] = "month",
	[ACCT_METRIC_QUARTER] = "quarter",
	[ACCT_METRIC_YEAR] = "year",
};

const char *acct_metric_grain_name(enum acct_metric_grain g)
{
	return g <= ACCT_METRIC_YEAR ? grain_names[g] : "?";
}

static void set_day(struct acct_metric_period *out, const struct acct_date *d)
{
	out->grain = ACCT_METRIC_DAY;
	out->since = out->until = *d;
	acct_date_format(out->label, d);
}

int acct_metric_period_from(struct acct_metric_period *out,
			    const struct acct_period *p)
{
	switch (p->kind) {
	case ACCT_PERIOD_WEEK:
		out->grain = ACCT_METRIC_WEEK;
		break;
	case ACCT_PERIOD_MONTH:
		out->grain = ACCT_METRIC_MONTH;
		break;
	case ACCT_PERIOD_QUARTER:
		out->grain = ACCT_METRIC_QUARTER;
		break;
	case ACCT_PERIOD_YEAR:
		out->grain = ACCT_METRIC_YEAR;
		break;
	default:
		return -1;
	}
	out->since = p->since;
	out->until = p->until;
	snprintf(out->label, sizeof(out->label), "%s", p->label);
	return 0;
}

void acct_metric_period_of(struct acct_metric_period *out,
			   enum acct_metric_grain grain,
			   const struct acct_date *d)
{
	static const enum acct_period_kind kinds[] = {
		[ACCT_METRIC_WEEK] = ACCT_PERIOD_WEEK,
		[ACCT_METRIC_MONTH] = ACCT_PERIOD_MONTH,
		[ACCT_METRIC_QUARTER] = ACCT_PERIOD_QUARTER,
		[ACCT_METRIC_YEAR] = ACCT_PERIOD_YEAR,
	};
	struct acct_period p;

	if (grain == ACCT_METRIC_DAY || grain > ACCT_METRIC_YEAR) {
		set_day(out, d);
		return;
	}
	acct_period_of(&p, kinds[grain], d);
	acct_metric_period_from(out, &p);
}

void acct_metric_period_prev(struct acct_metric_period *out,
			     const struct acct_metric_period *p)
{
	struct acct_date d;

	acct_date_from_days(&d, acct_date_to_days(&p->since) - 1);
	acct_metric_period_of(out, p->grain, &d);
}

void acct_metric_period_series(struct acct_metric_period *out, size_t n,
			       enum acct_metric_grain grain,
			       const struct acct_date *d)
{
	size_t i;

	if (!n)
		return;
	acct_metric_period_of(&out[n - 1], grain, d);
	for (i = n - 1; i > 0; i--)
		acct_metric_period_prev(&out[i - 1], &out[i]);
}

int acct_metric_period_parse(struct acct_metric_period *out, const char *s,
			     const struct acct_date *today,
			     struct acct_error *err)
{
	struct acct_period p;
	struct acct_date d;
	int rc;

	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-') {
		if ((rc = acct_date_parse(&d, s, err)) < 0)
			return rc;
		set_day(out, &d);
		return 0;
	}
	if ((rc = acct_period_parse(&p, s, today, 0, err)) < 0 ||
	    acct_metric_period_from(out, &p) < 0) {
		if (rc == 0)
			acct_error_set(err, ACCT_EUSAGE, "'%s' is not a period",
				       s);
		acct_error_hint(err, "use a day 2026-11-20, a week 2026-W47, "
				"a month 2026-11, a quarter 2026-Q4, a year "
				"2026, or this-week, last-week, this-month, "
				"last-month, this-quarter, last-quarter, "
				"this-year, last-year");
		return ACCT_EUSAGE;
	}
	return 0;
}

/*
 * A period as a file's name or `period:` key writes it: exactly a day, a
 * week or a month. Returns 0 or -1.
 */
static int file_period(struct acct_metric_period *out, const char *s,
		       size_t len)
{
	struct acct_date today = { 2000, 1, 1 };
	struct acct_period p;
	char buf[ACCT_METRIC_LABELLEN];
	size_t i;

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	for (i = 0; i < len; i++)
		if (!(buf[i] >= '0' && buf[i] <= '9') && !(i == 4 && buf[i] == '-') &&
		    !(i == 7 && len == 10 && buf[i] == '-') &&
		    !(i == 5 && len == 8 && buf[i] == 'W'))
			return -1;
	if (len == 10) {
		struct acct_date d;

		if (acct_date_parse(&d, buf, NULL) < 0)
			return -1;
		set_day(out, &d);
		return 0;
	}
	if ((len != 7 && len != 8) ||
	    acct_period_parse(&p, buf, &today, 0, NULL) < 0 ||
	    acct_metric_period_from(out, &p) < 0)
		return -1;
	return out->grain <= ACCT_METRIC_MONTH ? 0 : -1;
}

int metric_same_period(const struct acct_metric_period *a,
		       const struct acct_metric_period *b)
{
	return a->grain == b->grain && !acct_date_cmp(&a->since, &b->since);
}

int metric_inside(const struct acct_metric_period *p,
		  const struct acct_date *since, const struct acct_date *until)
{
	return acct_date_cmp(&p->since, since) >= 0 &&
	       acct_date_cmp(&p->until, until) <= 0;
}

/* --- names -------------------------------------------------------------- */

const char *const acct_metric_sources[ACCT_METRIC_NSOURCES + 1] = {
	ACCT_METRIC_MANUAL, "yandex-direct", "google-ads", "vk-ads", "metrica",
	"ga4", "csv", NULL,
};

const char *const acct_metric_base[] = {
	"spend", "impressions", "clicks", "leads", "sales", "revenue",
	"sessions", "calls", NULL,
};

const struct acct_metric_derived acct_metric_derived[] = {
	{ "ctr", "clicks", "impressions", 0 },
	{ "cpc", "spend", "clicks", 1 },
	{ "cpl", "spend", "leads", 1 },
	{ "cr", "leads", "clicks", 0 },
	{ "roas", "revenue", "spend", 0 },
	{ "cac", "spend", "sales", 1 },
	{ "drr", "spend", "revenue", 0 },
	{ NULL, NULL, NULL, 0 },
};

/* Russian names, case-folded, and the names they stand for. */
static const char *const russian[][2] = {
	{ "заявки", "leads" },
	{ "расход", "spend" },
	{ "клики", "clicks" },
	{ "показы", "impressions" },
	{ "продажи", "sales" },
	{ "выручка", "revenue" },
	{ "визиты", "sessions" },
	{ "звонки", "calls" },
	{ "дрр", "drr" },
};

int acct_metric_source_ok(const char *s)
{
	size_t i;

	for (i = 0; s && acct_metric_sources[i]; i++)
		if (!strcmp(s, acct_metric_sources[i]))
			return 1;
	return 0;
}

const struct acct_metric_derived *acct_metric_derived_find(const char *name)
{
	size_t i;

	for (i = 0; acct_metric_derived[i].name; i++)
		if (!strcmp(name, acct_metric_derived[i].name))
			return &acct_metric_derived[i];
	return NULL;
}

int acct_metric_is_money(const char *name)
{
	const struct acct_metric_derived *d = acct_metric_derived_find(name);

	return d ? d->money : !strcmp(name, "spend") || !strcmp(name, "revenue");
}

int acct_metric_is_percent(const char *name)
{
	return !strcmp(name, "ctr") || !strcmp(name, "cr") ||
	       !strcmp(name, "drr");
}

int acct_metric_name_ok(const char *s)
{
	size_t i;

	if (!s || !(*s >= 'a' && *s <= 'z'))
		return 0;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '_') || i >= ACCT_METRIC_NAMELEN)
			return 0;
	return 1;
}

int acct_metric_name(char *out, const char *s, int fold)
{
	struct acct_buf f = ACCT_BUF_INIT;
	size_t i;
	int rc = -1;

	acct_text_fold(&f, s, strlen(s));
	for (i = 0; i < sizeof(russian) / sizeof(*russian); i++)
		if (!strcmp(f.buf, russian[i][0])) {
			snprintf(out, ACCT_METRIC_NAMELEN + 1, "%s", russian[i][1]);
			rc = 0;
			goto out;
		}
	if (acct_metric_name_ok(fold ? f.buf : s)) {
		snprintf(out, ACCT_METRIC_NAMELEN + 1, "%s", fold ? f.buf : s);
		rc = 0;
	}
out:
	acct_buf_release(&f);
	return rc;
}

/* Where a metric stands in acct's order: base ones first, then by name. */
static int name_rank(const char *name)
{
	int i;

	for (i = 0; acct_metric_base[i]; i++)
		if (!strcmp(name, acct_metric_base[i]))
			return i;
	return i;
}

static int name_cmp(const char *a, const char *b)
{
	int ra = name_rank(a), rb = name_rank(b);

	return ra != rb ? ra - rb : strcmp(a, b);
}

int metric_value_cmp(const void *a, const void *b)
{
	return name_cmp(((const struct acct_metric_value *)a)->name,
			((const struct acct_metric_value *)b)->name);
}

static int value_ptr_cmp(const void *a, const void *b)
{
	const struct acct_metric_value *const *x = a, *const *y = b;

	return name_cmp((*x)->name, (*y)->name);
}

/* --- one file ----------------------------------------------------------- */

void acct_metric_free(struct acct_metric_file *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->n; i++)
		free(f->values[i].name);
	free(f->values);
	free(f->slug);
	free(f->path);
	free(f);
}

void acct_metric_path(struct acct_buf *out, const char *slug,
		      const struct acct_metric_period *p, const char *source)
{
	acct_buf_addf(out, "clients/%s/metrics/%.4s/%s-%s.yaml", slug, p->label,
		      p->label, source);
}

struct acct_metric_file *acct_metric_file_new(const char *slug,
					      const struct acct_metric_period *p,
					      const char *source,
					      const char *currency)
{
	struct acct_metric_file *f = acct_calloc(1, sizeof(*f));
	struct acct_buf path = ACCT_BUF_INIT;

	f->slug = acct_strdup(slug);
	f->period = *p;
	snprintf(f->source, sizeof(f->source), "%s", source);
	snprintf(f->currency, sizeof(f->currency), "%s",
		 currency ? currency : "");
	/* A value too long for its field is caught by acct_metric_write(). */
	if (strlen(source) >= sizeof(f->source))
		f->source[0] = '\0';
	if (currency && strlen(currency) >= sizeof(f->currency))
		snprintf(f->currency, sizeof(f->currency), "?");
	acct_metric_path(&path, slug, p, f->source);
	f->path = acct_buf_detach(&path, NULL);
	return f;
}

/* The index of metric `name` in `f`, or f->n. */
static size_t value_index(const struct acct_metric_file *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (!strcmp(f->values[i].name, name))
			break;
	return i;
}

static struct acct_metric_value *file_value(struct acct_metric_file *f,
					    const char *name)
{
	size_t i = value_index(f, name);

	return i < f->n ? &f->values[i] : NULL;
}

const struct acct_metric_value *acct_metric_file_get(
	const struct acct_metric_file *f, const char *name)
{
	size_t i = value_index(f, name);

	return i < f->n ? &f->values[i] : NULL;
}

static struct acct_metric_value *value_new(struct acct_metric_file *f,
					   const char *name)
{
	struct acct_metric_value *v;

	if (f->n == f->alloc) {
		f->alloc = f->alloc ? 2 * f->alloc : 8;
		f->values = acct_realloc(f->values, f->alloc * sizeof(*v));
	}
	v = &f->values[f->n++];
	memset(v, 0, sizeof(*v));
	v->name = acct_strdup(name);
	return v;
}

void acct_metric_file_set(struct acct_metric_file *f, const char *name,
			  struct acct_dec v)
{
	struct acct_metric_value *mv = file_value(f, name);

	if (!mv)
		mv = value_new(f, name);
	mv->value = v;
}

int acct_metric_file_add(struct acct_metric_file *f, const char *name,
			 struct acct_dec v)
{
	struct acct_metric_value *mv = file_value(f, name);

	if (!mv) {
		mv = value_new(f, name);
		mv->value = v;
		return 0;
	}
	return acct_dec_add(&mv->value, mv->value, v);
}

void acct_metric_text(struct acct_buf *out, const struct acct_metric_file *f)
{
	const struct acct_metric_value **sorted;
	char num[ACCT_DEC_STRLEN];
	size_t i;

	acct_buf_addf(out, "period: %s\nsource: %s\n", f->period.label,
		      f->source);
	if (f->currency[0])
		acct_buf_addf(out, "currency: %s\n", f->currency);
	if (!f->n) {
		acct_buf_addstr(out, "values: {}\n");
		return;
	}
	acct_buf_addstr(out, "values:\n");
	sorted = acct_calloc(f->n, sizeof(*sorted));
	for (i = 0; i < f->n; i++)
		sorted[i] = &f->values[i];
	qsort(sorted, f->n, sizeof(*sorted), value_ptr_cmp);
	for (i = 0; i < f->n; i++)
		acct_buf_addf(out, "  %s: %s\n", sorted[i]->name,
			      acct_dec_format(num, sorted[i]->value));
	free(sorted);
}

/* A value as the file writes it, for messages: 'x', 'x' in quotes, empty. */
static void quote_value(struct acct_buf *q, const struct acct_ynode *d)
{
	if (d->type == ACCT_YMAP)
		acct_buf_addstr(q, "a mapping");
	else if (d->type == ACCT_YSEQ)
		acct_buf_addstr(q, "a list");
	else if (acct_ynode_is_null(d) && !d->quoted)
		acct_buf_addstr(q, "empty");
	else {
		acct_buf_addch(q, '\'');
		acct_text_escape_terminal(q, d->value, d->len > 40 ? 40 : d->len);
		acct_buf_addstr(q, d->quoted ? "' in quotes" : "'");
	}
}

/* A plain decimal: digits, no leading zero, at most 4 places, no sign. */
static int plain_decimal(const char *s, size_t len)
{
	size_t i = 0, places = 0;

	if (!len || (s[0] == '0' && len > 1 && s[1] != '.'))
		return 0;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (!i)
		return 0;
	if (i == len)
		return 1;
	if (s[i++] != '.')
		return 0;
	for (; i < len; i++, places++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return places >= 1 && places <= ACCT_DEC_PLACES;
}

/* "<period>-<source>.yaml": the period and the source, or -1. */
static int name_parts(struct acct_metric_period *p, char *source,
		      const char *name)
{
	size_t len = strlen(name), i;

	if (len < 6 || strcmp(name + len - 5, ".yaml"))
		return -1;
	len -= 5;
	for (i = 0; acct_metric_sources[i]; i++) {
		size_t sl = strlen(acct_metric_sources[i]);

		if (sl + 2 > len || name[len - sl - 1] != '-' ||
		    strncmp(name + len - sl, acct_metric_sources[i], sl))
			continue;
		if (file_period(p, name, len - sl - 1) < 0)
			return -1;
		snprintf(source, ACCT_METRIC_SOURCELEN, "%s",
			 acct_metric_sources[i]);
		return 0;
	}
	return -1;
}

void metric_sources_text(struct acct_buf *b)
{
	size_t i;

	for (i = 0; acct_metric_sources[i]; i++)
		acct_buf_addf(b, "%s%s", i ? ", " : "", acct_metric_sources[i]);
}

static int parse_values(struct acct_metric_file *f,
			const struct acct_ynode *root, const char *path,
			struct acct_error *err)
{
	const struct acct_ynode *key = NULL, *m = acct_ynode_get(root, "values",
								 &key);
	size_t i;

	if (!m)
		return acct_error_at(err, ACCT_EDATA, path, root->line, root->col,
				     "the file has no values (values: a mapping "
				     "of metric name to number)");
	if (m->type != ACCT_YMAP && !(m->type == ACCT_YSCALAR &&
				      acct_ynode_is_null(m) && !m->quoted))
		return acct_error_at(err, ACCT_EDATA, path, m->line, m->col,
				     "values must be a mapping of metric name "
				     "to number");
	for (i = 0; m->type == ACCT_YMAP && i + 1 < m->n; i += 2) {
		const struct acct_ynode *k = acct_ynode_deref(m->items[i]);
		const struct acct_ynode *v = m->items[i + 1];
		const struct acct_ynode *d = acct_ynode_deref(v);
		const struct acct_metric_derived *der;
		struct acct_metric_value *mv;
		struct acct_buf q = ACCT_BUF_INIT;
		const char *why;
		int rc;

		if (k->quoted || !acct_metric_name_ok(k->value)) {
			acct_buf_addch(&q, '\'');
			acct_text_escape_terminal(&q, k->value,
						  k->len > 40 ? 40 : k->len);
			acct_buf_addch(&q, '\'');
			rc = acct_error_at(err, ACCT_EDATA, path, k->line, k->col,
					   "%s is not a metric name; use a "
					   "lowercase word (clicks, leads, "
					   "my_metric)", q.buf);
			acct_buf_release(&q);
			return rc;
		}
		if ((der = acct_metric_derived_find(k->value)))
			return acct_error_at(err, ACCT_EDATA, path, k->line,
					     k->col, "%s is computed (%s / %s), "
					     "never stored; record %s and %s",
					     der->name, der->num, der->den,
					     der->num, der->den);
		if (file_value(f, k->value))
			return acct_error_at(err, ACCT_EDATA, path, k->line,
					     k->col, "%s again", k->value);
		if (d->type == ACCT_YSCALAR && !d->quoted && !d->tag &&
		    plain_decimal(d->value, d->len)) {
			mv = value_new(f, k->value);
			mv->line = v->line;
			mv->col = v->col;
			if (acct_dec_parse(&mv->value, d->value, d->len, 0,
					   &why) == 0)
				continue;
			return acct_error_at(err, ACCT_EDATA, path, v->line,
					     v->col, "%s: %s", k->value, _(why));
		}
		quote_value(&q, d);
		rc = acct_error_at(err, ACCT_EDATA, path, v->line, v->col,
				   "%s must be a plain number with at most 4 "
				   "decimal places (12, 148200.50), not %s",
				   k->value, q.buf);
		acct_buf_release(&q);
		return rc;
	}
	return 0;
}

int acct_metric_parse(struct acct_metric_file **out, const char *slug,
		      const char *path, const char *text, size_t len,
		      struct acct_error *err)
{
	struct acct_metric_file *f = acct_calloc(1, sizeof(*f));
	struct acct_metric_period named;
	char named_source[ACCT_METRIC_SOURCELEN];
	const char *base = strrchr(path, '/');
	const struct acct_ynode *root, *n, *d;
	struct acct_ydoc doc = { 0 };
	struct acct_buf q = ACCT_BUF_INIT;
	int rc, has_name;

	*out = NULL;
	f->slug = acct_strdup(slug);
	f->path = acct_strdup(path);
	has_name = name_parts(&named, named_source, base ? base + 1 : path) == 0;
	if ((rc = acct_ydoc_parse(&doc, path, text, len, err)) < 0)
		goto fail;
	root = doc.root;
	if (!root || root->type != ACCT_YMAP) {
		rc = acct_error_at(err, ACCT_EDATA, path, root ? root->line : 1,
				   root ? root->col : 1, "a metric file is a "
				   "mapping of period, source, currency and "
				   "values");
		goto fail;
	}
	if (!(n = acct_ynode_get(root, "period", NULL))) {
		rc = acct_error_at(err, ACCT_EDATA, path, root->line, root->col,
				   "the file has no period");
		goto fail;
	}
	d = acct_ynode_deref(n);
	if (d->type != ACCT_YSCALAR || file_period(&f->period, d->value,
						   d->len) < 0) {
		quote_value(&q, d);
		rc = acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
				   "period must be a day (2026-11-20), an ISO "
				   "week (2026-W47) or a month (2026-11), not %s",
				   q.buf);
		goto fail;
	}
	if (has_name && !metric_same_period(&f->period, &named)) {
		rc = acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
				   "period %s does not match the file's name "
				   "(%s)", f->period.label, named.label);
		goto fail;
	}
	if (!(n = acct_ynode_get(root, "source", NULL))) {
		rc = acct_error_at(err, ACCT_EDATA, path, root->line, root->col,
				   "the file has no source");
		goto fail;
	}
	d = acct_ynode_deref(n);
	if (d->type != ACCT_YSCALAR || !acct_metric_source_ok(d->value)) {
		quote_value(&q, d);
		acct_buf_addstr(&q, "; it is one of ");
		metric_sources_text(&q);
		rc = acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
				   "source must be a known source, not %s", q.buf);
		goto fail;
	}
	snprintf(f->source, sizeof(f->source), "%s", d->value);
	if (has_name && strcmp(f->source, named_source)) {
		rc = acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
				   "source %s does not match the file's name "
				   "(%s)", f->source, named_source);
		goto fail;
	}
	if ((n = acct_ynode_get(root, "currency", NULL)) &&
	    !acct_ynode_is_null(n)) {
		d = acct_ynode_deref(n);
		if (d->type != ACCT_YSCALAR || d->len != 3 ||
		    !(d->value[0] >= 'A' && d->value[0] <= 'Z') ||
		    !(d->value[1] >= 'A' && d->value[1] <= 'Z') ||
		    !(d->value[2] >= 'A' && d->value[2] <= 'Z')) {
			quote_value(&q, d);
			rc = acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
					   "currency must be three capital "
					   "letters (RUB, USD), not %s", q.buf);
			goto fail;
		}
		memcpy(f->currency, d->value, 4);
		f->currency_line = n->line;
		f->currency_col = n->col;
	}
	if ((rc = parse_values(f, root, path, err)) < 0)
		goto fail;
	acct_ydoc_release(&doc);
	*out = f;
	return 0;
fail:
	if (err && !err->hint[0])
		acct_error_hint(err, "correct the file, then run 'acct metric "
				"%s' to check it", slug);
	acct_buf_release(&q);
	acct_ydoc_release(&doc);
	acct_metric_free(f);
	return rc < 0 ? rc : ACCT_EDATA;
}

int metric_read_file(struct acct_buf *out, struct acct_book *book,
		     const char *path, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	int rc;

	if (book->past)
		return acct_book_tree_read(out, book, path, err);
	acct_book_path(&abs, book, path);
	rc = acct_file_read(out, abs.buf, path, book->config.input_bytes, 0,
			    err);
	acct_buf_release(&abs);
	return rc;
}

int acct_metric_load(struct acct_metric_file **out, struct acct_book *book,
		     const char *slug, const char *path,
		     struct acct_error *err)
{
	struct acct_buf text = ACCT_BUF_INIT;
	int rc;

	*out = NULL;
	rc = metric_read_file(&text, book, path, err);
	if (rc == ACCT_ENOTFOUND)
		rc = acct_error_at(err, ACCT_ERROR, path, 0, 0, "cannot read "
				   "the file: %s", strerror(ENOENT));
	else if (rc == 0)
		rc = acct_metric_parse(out, slug, path, text.buf, text.len, err);
	acct_buf_release(&text);
	return rc;
}

/* --- listing ------------------------------------------------------------ */

static int ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct acct_metric_ref *)a)->path,
		      ((const struct acct_metric_ref *)b)->path);
}

struct metric_walk {
	struct acct_metric_list *l;
	const char *source;
	const struct acct_date *since, *until;
	struct acct_error *err;
};

static int add_file(void *payload, const char *dir, const char *name,
		    int year)
{
	struct metric_walk *w = payload;
	struct acct_metric_list *l = w->l;
	struct acct_buf path = ACCT_BUF_INIT;
	struct acct_metric_period p;
	char src[ACCT_METRIC_SOURCELEN];
	struct acct_metric_ref *r;
	size_t len = strlen(name);
	int rc = 0;

	if (len < 5 || strcmp(name + len - 5, ".yaml"))
		return 0;
	acct_buf_addf(&path, "%s/%s", dir, name);
	if (name_parts(&p, src, name) < 0 ||
	    strncmp(p.label, dir + strlen(dir) - 4, 4)) {
		rc = acct_error_at(w->err, ACCT_EDATA,
				   path.buf, 0, 0, "not the name of a metric "
				   "file of %d: <period>-<source>.yaml, the "
				   "period a day, week or month of %d", year,
				   year);
		acct_error_hint(w->err, "rename or remove it");
		goto out;
	}
	if ((w->source && strcmp(w->source, src)) ||
	    !metric_inside(&p, w->since, w->until))
		goto out;
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 32;
		l->refs = acct_realloc(l->refs, l->alloc * sizeof(*r));
	}
	r = &l->refs[l->n++];
	r->period = p;
	memcpy(r->source, src, sizeof(src));
	r->path = acct_buf_detach(&path, NULL);
out:
	acct_buf_release(&path);
	return rc;
}

int acct_metric_list(struct acct_metric_list *l, struct acct_book *book,
		     const char *slug, const char *source,
		     const struct acct_date *since,
		     const struct acct_date *until, struct acct_error *err)
{
	struct metric_walk w = { l, source, since, until, err };
	size_t first = l->n;
	int rc;

	rc = acct_walk_years(book, slug, "metrics", since->year, until->year,
			     add_file, &w, err);
	if (l->n > first)
		qsort(l->refs + first, l->n - first, sizeof(*l->refs), ref_cmp);
	return rc;
}

void acct_metric_list_release(struct acct_metric_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->refs[i].path);
	free(l->refs);
	l->refs = NULL;
	l->n = l->alloc = 0;
}
