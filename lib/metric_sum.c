/*
 * The numbers of a period: each source's file for exactly the period, or
 * its days inside (a quarter or a year month by month), the sources added
 * up per metric with manual overriding, summed exactly; and the ratios
 * derived from the sums.
 */
#include "acct/metric.h"
#include "metric_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/banned.h"

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

#define NSOURCES ACCT_METRIC_NSOURCES

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
			    metric_same_period(&files[i]->period, cell)) {
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
			    metric_inside(&files[i]->period, &cell->since, &cell->until)) {
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
		qsort(out->values, out->n, sizeof(*out->values),
		      metric_value_cmp);
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
