/*
 * Writing metric files: a set of them in one commit, each merged into
 * the file that is there or replacing it, and the files of the replaced
 * ranges removed; the same numbers again make no commit.
 */
#include "acct/metric.h"
#include "metric_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/commit.h"
#include "acct/error.h"
#include "acct/slug.h"
#include "acct/txn.h"
#include "acct/yaml.h"
#include "acct/yedit.h"
#include "acct/banned.h"

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

		metric_sources_text(&b);
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
	int rc = metric_read_file(&text, book, f->path, err);

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
