/*
 * Metrics: one YAML file per client, period and source, read strictly (a
 * number that is not a plain decimal is an error with its place, never a
 * 0), summed exactly for any day, week, month, quarter or year, and
 * written in one commit per change.
 */
#include "acct/metric.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/period.h"
#include "acct/slug.h"
#include "acct/text.h"
#include "acct/txn.h"
#include "acct/yaml.h"
#include "acct/yedit.h"
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

static int same_period(const struct acct_metric_period *a,
		       const struct acct_metric_period *b)
{
	return a->grain == b->grain && !acct_date_cmp(&a->since, &b->since);
}

static int inside(const struct acct_metric_period *p,
		  const struct acct_date *since, const struct acct_date *until)
{
	return acct_date_cmp(&p->since, since) >= 0 &&
	       acct_date_cmp(&p->until, until) <= 0;
}

/* --- names -------------------------------------------------------------- */

const char *const acct_metric_sources[] = {
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

static int value_cmp(const void *a, const void *b)
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

static void sources_text(struct acct_buf *b)
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
					     v->col, "%s: %s", k->value, why);
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
	if (has_name && !same_period(&f->period, &named)) {
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
		sources_text(&q);
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

/*
 * The text of `path` in the work tree: 0, ACCT_ENOTFOUND when there is
 * none, or an error (a link, not a file, too large, unreadable).
 */
static int read_book_file(struct acct_buf *out, struct acct_book *book,
			  const char *path, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	int rc;

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
	rc = read_book_file(&text, book, path, err);
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

int acct_metric_list(struct acct_metric_list *l, struct acct_book *book,
		     const char *slug, const char *source,
		     const struct acct_date *since,
		     const struct acct_date *until, struct acct_error *err)
{
	struct acct_buf dir = ACCT_BUF_INIT, rel = ACCT_BUF_INIT;
	size_t first = l->n;
	int year, rc = 0;

	for (year = since->year; year <= until->year && !rc; year++) {
		struct dirent *de;
		DIR *d;

		acct_buf_reset(&rel);
		acct_buf_addf(&rel, "clients/%s/metrics/%04d", slug, year);
		acct_book_path(&dir, book, rel.buf);
		if (!(d = opendir(dir.buf))) {
			if (errno != ENOENT && errno != ENOTDIR)
				rc = acct_error_set(err, ACCT_ERROR, "cannot read "
						    "'%s': %s", rel.buf,
						    strerror(errno));
			continue;
		}
		while ((de = readdir(d))) {
			struct acct_metric_period p;
			char src[ACCT_METRIC_SOURCELEN];
			struct acct_metric_ref *r;
			size_t len = strlen(de->d_name);

			if (len < 5 || strcmp(de->d_name + len - 5, ".yaml"))
				continue;
			if (name_parts(&p, src, de->d_name) < 0 ||
			    strncmp(p.label, rel.buf + rel.len - 4, 4)) {
				acct_buf_reset(&dir);
				acct_buf_addf(&dir, "%s/%s", rel.buf, de->d_name);
				rc = acct_error_at(err, ACCT_EDATA, dir.buf, 0, 0,
						   "not the name of a metric "
						   "file of %d: <period>-"
						   "<source>.yaml, the period a "
						   "day, week or month of %d",
						   year, year);
				acct_error_hint(err, "rename or remove it");
				break;
			}
			if ((source && strcmp(source, src)) ||
			    !inside(&p, since, until))
				continue;
			if (l->n == l->alloc) {
				l->alloc = l->alloc ? 2 * l->alloc : 32;
				l->refs = acct_realloc(l->refs,
						       l->alloc * sizeof(*r));
			}
			r = &l->refs[l->n++];
			r->period = p;
			memcpy(r->source, src, sizeof(src));
			acct_buf_reset(&dir);
			acct_buf_addf(&dir, "%s/%s", rel.buf, de->d_name);
			r->path = acct_buf_detach(&dir, NULL);
		}
		closedir(d);
	}
	if (l->n > first)
		qsort(l->refs + first, l->n - first, sizeof(*l->refs), ref_cmp);
	acct_buf_release(&dir);
	acct_buf_release(&rel);
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

/* --- the numbers of a period -------------------------------------------- */

static struct acct_metric_value *totals_find(const struct acct_metric_totals *t,
					     const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->values[i].name, name))
			return &t->values[i];
	return NULL;
}

/* Add `d` to metric `name` of `t`; -1 when the sum is too large. */
static int totals_add(struct acct_metric_totals *t, size_t *alloc,
		      const char *name, struct acct_dec d)
{
	struct acct_metric_value *v = totals_find(t, name);

	if (v)
		return acct_dec_add(&v->value, v->value, d);
	if (t->n == *alloc) {
		*alloc = *alloc ? 2 * *alloc : 16;
		t->values = acct_realloc(t->values, *alloc * sizeof(*v));
	}
	v = &t->values[t->n++];
	memset(v, 0, sizeof(*v));
	v->name = acct_strdup(name);
	v->value = d;
	return 0;
}

/* What one source has for one cell: its file for the cell, or its days. */
struct pieces {
	struct acct_metric_file *whole;
	struct acct_metric_file **days;
	size_t ndays;
};

#define NSOURCES \
	(sizeof(acct_metric_sources) / sizeof(*acct_metric_sources) - 1)

static int has_name(const char **names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

static int day_overridden(struct acct_metric_file *const *days, size_t n,
			  const struct acct_date *d, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!acct_date_cmp(&days[i]->period.since, d) &&
		    acct_metric_file_get(days[i], name))
			return 1;
	return 0;
}

static int add_value(struct acct_metric_totals *t, size_t *alloc,
		     const struct acct_metric_file *f, const char *name,
		     struct acct_error *err)
{
	const struct acct_metric_value *v = acct_metric_file_get(f, name);

	if (!v || totals_add(t, alloc, name, v->value) == 0)
		return 0;
	return acct_error_at(err, ACCT_EDATA, f->path, v->line, v->col,
			     "the sum of %s is too large", name);
}

/*
 * Add the numbers of `cell` (a day, a week or a month) to `t`: per source
 * its file for the cell, else its days inside; manual overrides.
 */
static int sum_cell(struct acct_metric_totals *t, size_t *alloc,
		    struct acct_metric_file *const *files, size_t n,
		    const struct acct_metric_period *cell, char *used,
		    struct acct_error *err)
{
	struct pieces src[NSOURCES];
	const char **names = NULL;
	size_t nnames = 0, alloc_names = 0, s, i, j, k;
	int rc = 0;

	memset(src, 0, sizeof(src));
	for (s = 0; s < NSOURCES; s++) {
		for (i = 0; i < n; i++)
			if (!strcmp(files[i]->source, acct_metric_sources[s]) &&
			    same_period(&files[i]->period, cell)) {
				src[s].whole = files[i];
				used[i] = 1;
				break;
			}
		if (src[s].whole || cell->grain == ACCT_METRIC_DAY)
			continue;
		src[s].days = acct_calloc(n + 1, sizeof(*src[s].days));
		for (i = 0; i < n; i++)
			if (!strcmp(files[i]->source, acct_metric_sources[s]) &&
			    files[i]->period.grain == ACCT_METRIC_DAY &&
			    inside(&files[i]->period, &cell->since, &cell->until)) {
				src[s].days[src[s].ndays++] = files[i];
				used[i] = 1;
			}
	}
	/* Every name any piece has, once. */
	for (s = 0; s < NSOURCES; s++)
		for (j = 0; j <= src[s].ndays; j++) {
			const struct acct_metric_file *f = j < src[s].ndays ?
				src[s].days[j] : src[s].whole;

			for (k = 0; f && k < f->n; k++) {
				if (has_name(names, nnames, f->values[k].name))
					continue;
				if (nnames == alloc_names) {
					alloc_names = alloc_names ? 2 * alloc_names : 16;
					names = acct_realloc(names, alloc_names *
							     sizeof(*names));
				}
				names[nnames++] = f->values[k].name;
			}
		}
	for (k = 0; k < nnames && !rc; k++) {
		const char *m = names[k];
		const struct pieces *man = &src[0];
		int overridden = 0;

		if (man->whole && acct_metric_file_get(man->whole, m)) {
			rc = add_value(t, alloc, man->whole, m, err);
			continue;
		}
		for (j = 0; j < man->ndays && !rc; j++)
			if (acct_metric_file_get(man->days[j], m)) {
				overridden = 1;
				rc = add_value(t, alloc, man->days[j], m, err);
			}
		for (s = 1; s < NSOURCES && !rc; s++) {
			if (src[s].whole && !overridden)
				rc = add_value(t, alloc, src[s].whole, m, err);
			for (j = 0; j < src[s].ndays && !rc; j++)
				if (!day_overridden(man->days, man->ndays,
						    &src[s].days[j]->period.since, m))
					rc = add_value(t, alloc, src[s].days[j],
						       m, err);
		}
	}
	for (s = 0; s < NSOURCES; s++)
		free(src[s].days);
	free(names);
	return rc;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int acct_metric_sum(struct acct_metric_totals *out,
		    struct acct_metric_file *const *files, size_t n,
		    const struct acct_metric_period *p, struct acct_error *err)
{
	struct acct_metric_period cell = *p;
	char *used = acct_calloc(n + 1, 1);
	const struct acct_metric_file *cur = NULL;
	size_t alloc = 0, i, s;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (p->grain == ACCT_METRIC_QUARTER || p->grain == ACCT_METRIC_YEAR) {
		/* Month by month, each month as a month asked for. */
		struct acct_date d = p->since;

		while (!rc && acct_date_cmp(&d, &p->until) <= 0) {
			acct_metric_period_of(&cell, ACCT_METRIC_MONTH, &d);
			rc = sum_cell(out, &alloc, files, n, &cell, used, err);
			acct_date_from_days(&d, acct_date_to_days(&cell.until) + 1);
		}
	} else {
		rc = sum_cell(out, &alloc, files, n, &cell, used, err);
	}
	for (i = 0; i < n && !rc; i++) {
		if (!used[i])
			continue;
		out->nfiles++;
		if (!files[i]->currency[0])
			continue;
		if (!cur) {
			cur = files[i];
			continue;
		}
		if (strcmp(cur->currency, files[i]->currency)) {
			rc = acct_error_at(err, ACCT_EDATA, files[i]->path,
					   files[i]->currency_line,
					   files[i]->currency_col, "currency %s, "
					   "but %s has %s for %s: acct does not "
					   "convert currencies",
					   files[i]->currency, cur->path,
					   cur->currency, p->label);
			acct_error_hint(err, "record the numbers of one client "
					"and period in one currency");
		}
	}
	if (cur)
		memcpy(out->currency, cur->currency, sizeof(out->currency));
	for (s = 0; s < NSOURCES && !rc; s++)
		for (i = 0; i < n; i++)
			if (used[i] && !strcmp(files[i]->source,
					       acct_metric_sources[s])) {
				out->sources = acct_realloc(out->sources,
					(out->nsources + 1) * sizeof(*out->sources));
				out->sources[out->nsources++] =
					acct_strdup(acct_metric_sources[s]);
				break;
			}
	free(used);
	if (rc < 0) {
		acct_metric_totals_release(out);
		return rc;
	}
	if (out->nsources)
		qsort(out->sources, out->nsources, sizeof(*out->sources), str_cmp);
	if (out->n)
		qsort(out->values, out->n, sizeof(*out->values), value_cmp);
	return 0;
}

int acct_metric_totals(struct acct_metric_totals *out, struct acct_book *book,
		       const char *slug, const struct acct_metric_period *p,
		       struct acct_error *err)
{
	struct acct_metric_list list = ACCT_METRIC_LIST_INIT;
	struct acct_metric_file **files;
	size_t nfiles = 0, i;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = acct_metric_list(&list, book, slug, NULL, &p->since,
				   &p->until, err)) < 0) {
		acct_metric_list_release(&list);
		return rc;
	}
	files = acct_calloc(list.n + 1, sizeof(*files));
	for (i = 0; i < list.n && !rc; i++)
		if ((rc = acct_metric_load(&files[nfiles], book, slug,
					   list.refs[i].path, err)) == 0)
			nfiles++;
	if (!rc)
		rc = acct_metric_sum(out, files, nfiles, p, err);
	for (i = 0; i < nfiles; i++)
		acct_metric_free(files[i]);
	free(files);
	acct_metric_list_release(&list);
	return rc;
}

void acct_metric_totals_release(struct acct_metric_totals *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->values[i].name);
	for (i = 0; i < t->nsources; i++)
		free(t->sources[i]);
	free(t->values);
	free(t->sources);
	memset(t, 0, sizeof(*t));
}

int acct_metric_get(struct acct_dec *out, const struct acct_metric_totals *t,
		    const char *name)
{
	const struct acct_metric_value *v = totals_find(t, name);

	if (!v)
		return 0;
	*out = v->value;
	return 1;
}

int acct_metric_ratio(double *out, const struct acct_metric_totals *t,
		      const char *name)
{
	const struct acct_metric_derived *d = acct_metric_derived_find(name);
	struct acct_dec num, den;

	if (!d || !acct_metric_get(&num, t, d->num) ||
	    !acct_metric_get(&den, t, d->den))
		return 0;
	return acct_dec_ratio(out, num, den) == 0;
}

char *acct_metric_round(char *buf, double x)
{
	double mag = x < 0 ? -x : x, scaled = mag;
	int places = ACCT_DEC_PLACES, i;
	size_t len;

	for (i = 0; i < places; i++)
		scaled *= 10;
	/* At least 4 significant digits: 0.0153 -> 0.01534. */
	while (mag > 0 && scaled < 1000 && places < 15) {
		scaled *= 10;
		places++;
	}
	snprintf(buf, ACCT_DEC_STRLEN, "%.*f", places, x);
	len = strlen(buf);
	if (strchr(buf, '.')) {
		while (len && buf[len - 1] == '0')
			buf[--len] = '\0';
		if (len && buf[len - 1] == '.')
			buf[--len] = '\0';
	}
	if (!strcmp(buf, "-0"))
		snprintf(buf, ACCT_DEC_STRLEN, "0");
	return buf;
}

/* --- writing ------------------------------------------------------------ */

void acct_metric_changes_release(struct acct_metric_changes *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		free(c->items[i].path);
	free(c->items);
	c->items = NULL;
	c->n = c->alloc = 0;
}

static void change_add(struct acct_metric_changes *c, const char *path,
		       enum acct_metric_action action)
{
	if (c->n == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 16;
		c->items = acct_realloc(c->items, c->alloc * sizeof(*c->items));
	}
	c->items[c->n].path = acct_strdup(path);
	c->items[c->n++].action = action;
}

static int currency_ok(const char *s)
{
	return strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' &&
	       s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z';
}

static int client_exists(struct acct_book *book, const char *slug,
			 struct acct_error *err)
{
	struct acct_buf rel = ACCT_BUF_INIT, abs = ACCT_BUF_INIT;
	struct stat st;
	int rc = 0;

	if (acct_slug_check(slug, NULL) < 0)
		rc = acct_error_set(err, ACCT_ENOTFOUND, "no such client '%s'",
				    slug);
	else {
		acct_buf_addf(&rel, "clients/%s/client.yaml", slug);
		acct_book_path(&abs, book, rel.buf);
		if (lstat(abs.buf, &st) < 0)
			rc = acct_error_set(err, ACCT_ENOTFOUND,
					    "no such client '%s'", slug);
	}
	acct_buf_release(&rel);
	acct_buf_release(&abs);
	return rc;
}

/* Check a file given to acct_metric_write(): ACCT_EUSAGE naming what is bad. */
static int check_file(struct acct_book *book, const struct acct_metric_file *f,
		      struct acct_error *err)
{
	size_t i;
	int rc;

	if ((rc = client_exists(book, f->slug, err)) < 0)
		return rc;
	if (f->period.grain > ACCT_METRIC_MONTH)
		return acct_error_set(err, ACCT_EUSAGE, "a metric file holds a "
				      "day, a week or a month, not %s %s",
				      acct_metric_grain_name(f->period.grain),
				      f->period.label);
	if (!acct_metric_source_ok(f->source)) {
		struct acct_buf b = ACCT_BUF_INIT;

		sources_text(&b);
		rc = acct_error_set(err, ACCT_EUSAGE, "the source must be one "
				    "of %s", b.buf);
		acct_buf_release(&b);
		return rc;
	}
	if (f->currency[0] && !currency_ok(f->currency))
		return acct_error_set(err, ACCT_EUSAGE, "a currency is three "
				      "letters (RUB, USD)");
	for (i = 0; i < f->n; i++) {
		const struct acct_metric_derived *d;

		if (!acct_metric_name_ok(f->values[i].name))
			return acct_error_set(err, ACCT_EUSAGE, "'%s' is not a "
					      "metric name; use a lowercase "
					      "word (clicks, leads, my_metric)",
					      f->values[i].name);
		if ((d = acct_metric_derived_find(f->values[i].name)))
			return acct_error_set(err, ACCT_EUSAGE, "%s is computed "
					      "(%s / %s), never recorded; record "
					      "%s and %s", d->name, d->num,
					      d->den, d->num, d->den);
		if (f->values[i].value.v < 0)
			return acct_error_set(err, ACCT_EUSAGE, "%s must not be "
					      "negative", f->values[i].name);
	}
	return 0;
}

/* The same numbers: every metric of `a` is in `b` with the same value. */
static int same_values(const struct acct_metric_file *a,
		       const struct acct_metric_file *b)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		const struct acct_metric_value *v =
			acct_metric_file_get(b, a->values[i].name);

		if (!v || acct_dec_cmp(v->value, a->values[i].value))
			return 0;
	}
	return 1;
}

/* The order of a metric file's keys, for a key added in place. */
static const char *const *key_order(const char *parent)
{
	static const char *const top[] = {
		"period", "source", "currency", "values", NULL,
	};

	return *parent ? NULL : top;
}

/*
 * The new text of `f` merged into `old` (the file's `text`): each metric
 * that changes set in place, the currency added when the file has none.
 * Returns 0 with `out` empty when nothing changes.
 */
static int merge_text(struct acct_buf *out, const struct acct_metric_file *f,
		      const struct acct_metric_file *old,
		      const struct acct_buf *text, struct acct_error *err)
{
	struct acct_buf cur = ACCT_BUF_INIT, key = ACCT_BUF_INIT;
	char num[ACCT_DEC_STRLEN];
	size_t i;
	int rc = 0, changed = 0;

	if (f->currency[0] && old->currency[0] &&
	    strcmp(f->currency, old->currency))
		return acct_error_at(err, ACCT_EUSAGE, old->path,
				     old->currency_line, old->currency_col,
				     "the numbers here are in %s, not %s",
				     old->currency, f->currency);
	acct_buf_add(&cur, text->buf, text->len);
	for (i = 0; i <= f->n && rc == 0; i++) {
		struct acct_yedit_op op = { ACCT_YEDIT_SET, NULL, NULL,
					    ACCT_YQ_TYPED, 0, 0, key_order };
		const struct acct_metric_value *v = NULL;

		acct_buf_reset(&key);
		if (i == f->n) {
			if (!f->currency[0] || old->currency[0])
				break;
			op.key = "currency";
			op.value = f->currency;
		} else {
			v = acct_metric_file_get(old, f->values[i].name);
			if (v && !acct_dec_cmp(v->value, f->values[i].value))
				continue;
			acct_buf_addf(&key, "values.%s", f->values[i].name);
			op.key = key.buf;
			op.value = acct_dec_format(num, f->values[i].value);
		}
		acct_buf_reset(out);
		if ((rc = acct_yedit(out, cur.buf, cur.len, old->path, &op,
				     err)) == 0) {
			acct_buf_reset(&cur);
			acct_buf_add(&cur, out->buf, out->len);
			changed = 1;
		}
	}
	acct_buf_reset(out);
	if (rc == 0 && changed)
		acct_buf_add(out, cur.buf, cur.len);
	acct_buf_release(&cur);
	acct_buf_release(&key);
	return rc;
}

/* What becomes of one file given: its action and, unless unchanged, text. */
static int plan_file(enum acct_metric_action *action, struct acct_buf *out,
		     struct acct_book *book, const struct acct_metric_file *f,
		     unsigned flags, struct acct_error *err)
{
	struct acct_buf text = ACCT_BUF_INIT;
	struct acct_metric_file *old = NULL;
	struct acct_error why = ACCT_ERROR_INIT;
	int rc = read_book_file(&text, book, f->path, err);

	if (rc == ACCT_ENOTFOUND) {
		*action = ACCT_METRIC_ADDED;
		acct_metric_text(out, f);
		rc = 0;
		goto out;
	}
	if (rc < 0)
		goto out;
	*action = ACCT_METRIC_CHANGED;
	if (flags & ACCT_METRIC_MERGE) {
		if ((rc = acct_metric_parse(&old, f->slug, f->path, text.buf,
					    text.len, err)) < 0 ||
		    (rc = merge_text(out, f, old, &text, err)) < 0)
			goto out;
		if (!out->len)
			*action = ACCT_METRIC_UNCHANGED;
		goto out;
	}
	/* Replaced; unless it holds exactly these numbers already. */
	if (acct_metric_parse(&old, f->slug, f->path, text.buf, text.len,
			      &why) == 0 && !strcmp(old->currency, f->currency) &&
	    old->n == f->n && same_values(f, old))
		*action = ACCT_METRIC_UNCHANGED;
	else
		acct_metric_text(out, f);
out:
	acct_metric_free(old);
	acct_buf_release(&text);
	return rc;
}

int acct_metric_write(struct acct_metric_changes *out, struct acct_book *book,
		      struct acct_metric_file *const *files, size_t n,
		      const struct acct_metric_replace *replace,
		      size_t nreplace, unsigned flags, const char *subject,
		      struct acct_error *err)
{
	struct acct_metric_changes local = ACCT_METRIC_CHANGES_INIT;
	struct acct_metric_changes *c = out ? out : &local;
	struct acct_buf *texts = acct_calloc(n + 1, sizeof(*texts));
	struct acct_buf msg = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	size_t i, j, first = c->n, changing = 0;
	int rc = 0;

	for (i = 0; i < n; i++)
		texts[i] = (struct acct_buf)ACCT_BUF_INIT;
	for (i = 0; i < n && !rc; i++) {
		rc = check_file(book, files[i], err);
		for (j = 0; j < i && !rc; j++)
			if (!strcmp(files[i]->path, files[j]->path))
				rc = acct_error_set(err, ACCT_EUSAGE, "'%s' is "
						    "written twice",
						    files[i]->path);
	}
	for (i = 0; i < nreplace && !rc; i++) {
		if ((rc = client_exists(book, replace[i].slug, err)) < 0)
			break;
		if (!acct_metric_source_ok(replace[i].source))
			rc = acct_error_set(err, ACCT_EUSAGE, "unknown source "
					    "'%s'", replace[i].source);
		else if (acct_date_cmp(&replace[i].since, &replace[i].until) > 0)
			rc = acct_error_set(err, ACCT_EUSAGE, "a range to replace "
					    "ends before it begins");
	}
	for (i = 0; i < n && !rc; i++) {
		enum acct_metric_action a;

		if ((rc = plan_file(&a, &texts[i], book, files[i], flags,
				    err)) == 0) {
			change_add(c, files[i]->path, a);
			changing += a != ACCT_METRIC_UNCHANGED;
		}
	}
	/* The replaced ranges: their files that this write does not rewrite. */
	for (i = 0; i < nreplace && !rc; i++) {
		struct acct_metric_list list = ACCT_METRIC_LIST_INIT;
		size_t k;

		rc = acct_metric_list(&list, book, replace[i].slug,
				      replace[i].source, &replace[i].since,
				      &replace[i].until, err);
		for (k = 0; k < list.n && !rc; k++) {
			int kept = 0;

			for (j = first; j < c->n; j++)
				if (!strcmp(c->items[j].path, list.refs[k].path))
					kept = 1;
			if (!kept) {
				change_add(c, list.refs[k].path,
					   ACCT_METRIC_REMOVED);
				changing++;
			}
		}
		acct_metric_list_release(&list);
	}
	if (rc < 0 || (flags & ACCT_METRIC_DRY_RUN) || !changing) {
		if (rc == 0)
			rc = changing ? 0 : 1;
		goto out;
	}
	if ((rc = acct_txn_begin(&t, book, err)) < 0)
		goto out;
	for (i = 0; i < n && !rc; i++) {
		const struct acct_metric_change *ch = &c->items[first + i];

		if (ch->action != ACCT_METRIC_UNCHANGED)
			rc = acct_txn_put(t, ch->path, texts[i].buf, texts[i].len,
					  ch->action == ACCT_METRIC_ADDED ?
					  ACCT_TXN_NEW : 0, err);
	}
	for (i = first + n; i < c->n && !rc; i++)
		rc = acct_txn_remove(t, c->items[i].path, err);
	if (rc == 0) {
		acct_commit_message(&msg, subject);
		rc = acct_txn_commit(t, msg.buf, err);
	}
out:
	acct_txn_free(t);
	for (i = 0; i < n; i++)
		acct_buf_release(&texts[i]);
	free(texts);
	acct_buf_release(&msg);
	if (rc < 0 && out)
		acct_metric_changes_release(out);
	acct_metric_changes_release(&local);
	return rc;
}
