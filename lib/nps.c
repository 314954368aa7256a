/*
 * NPS and CSAT answers: one YAML file per answer, read strictly (a score
 * that is not a plain whole number 0-10 is an error, never a 0), and
 * found by name (lib/nps_record.c writes them, lib/nps_figures.c counts
 * them, lib/nps_import.c reads a CSV export of them).
 */
#include "acct/nps.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acct/book.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/text.h"
#include "acct/walk.h"
#include "acct/banned.h"

/* Longest text values, in bytes. */
#define MAX_FIELD 1000
#define MAX_COMMENT 20000

int acct_nps_value_parse(int *out, const char *s, int lo, int hi)
{
	int v = 0;
	size_t n;

	if (!s || !*s || (s[0] == '0' && s[1]))
		return -1;
	for (n = 0; s[n]; n++) {
		if (s[n] < '0' || s[n] > '9' || n >= 3)
			return -1;
		v = v * 10 + (s[n] - '0');
	}
	if (v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* --- reading ----------------------------------------------------------- */

void acct_nps_free(struct acct_nps_answer *a)
{
	if (!a)
		return;
	free(a->slug);
	free(a->path);
	acct_ydoc_release(&a->doc);
	acct_buf_release(&a->text);
	free(a);
}

static int number_field(int *out, const struct acct_ynode *root,
			const char *key, int lo, int hi, const char *path,
			struct acct_error *err)
{
	const struct acct_ynode *n = acct_ynode_get(root, key, NULL);
	const struct acct_ynode *d = n ? acct_ynode_deref(n) : NULL;
	struct acct_buf q = ACCT_BUF_INIT;
	int rc;

	if (!n)
		return 1;
	if (d->type == ACCT_YSCALAR && !d->quoted && !d->tag &&
	    acct_nps_value_parse(out, d->value, lo, hi) == 0)
		return 0;
	if (d->type != ACCT_YSCALAR)
		acct_buf_addstr(&q, d->type == ACCT_YMAP ? "a mapping" : "a list");
	else if (acct_ynode_is_null(d))
		acct_buf_addstr(&q, "empty");
	else {
		acct_buf_addch(&q, '\'');
		acct_text_escape_terminal(&q, d->value, d->len > 40 ? 40 : d->len);
		acct_buf_addstr(&q, d->quoted ? "' in quotes" : "'");
	}
	rc = acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
			   "%s must be a whole number from %d to %d, not %s",
			   key, lo, hi, q.buf);
	acct_buf_release(&q);
	return rc;
}

static int text_value(const char **out, const struct acct_ynode *root,
		      const char *key, int multiline, const char *path,
		      struct acct_error *err)
{
	const struct acct_ynode *n = acct_ynode_get(root, key, NULL);
	const struct acct_ynode *d;
	size_t i;

	*out = NULL;
	if (!n || acct_ynode_is_null(n))
		return 0;
	if (!multiline)
		return acct_ynode_want_text(n, path, key, err) < 0 ? ACCT_EDATA :
		       (*out = acct_ynode_deref(n)->value, 0);
	if (acct_ynode_want_scalar(n, path, key, err) < 0)
		return ACCT_EDATA;
	d = acct_ynode_deref(n);
	if (strlen(d->value) != d->len || !acct_text_is_utf8(d->value, d->len))
		return acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
				     "%s is not UTF-8 text", key);
	for (i = 0; i < d->len; i++) {
		unsigned char c = (unsigned char)d->value[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			return acct_error_at(err, ACCT_EDATA, path, n->line,
					     n->col, "%s must not contain control "
					     "characters (U+%04X)", key, c);
	}
	*out = d->value;
	return 0;
}

int acct_nps_parse(struct acct_nps_answer **out, const char *slug,
		   const char *path, const char *text, size_t len,
		   struct acct_error *err)
{
	struct acct_nps_answer *a = acct_calloc(1, sizeof(*a));
	const struct acct_ynode *root, *n;
	struct acct_error why = ACCT_ERROR_INIT;
	int rc;

	*out = NULL;
	a->slug = acct_strdup(slug);
	a->path = acct_strdup(path);
	acct_buf_add(&a->text, text, len);
	if ((rc = acct_ydoc_parse(&a->doc, path, a->text.buf, a->text.len,
				  err)) < 0)
		goto fail;
	root = a->doc.root;
	if (!root || root->type != ACCT_YMAP) {
		rc = acct_error_at(err, ACCT_EDATA, path, root ? root->line : 1,
				   root ? root->col : 1, "an answer is a mapping "
				   "of date, respondent, score ...");
		goto fail;
	}
	n = acct_ynode_get(root, "date", NULL);
	if (!n) {
		rc = acct_error_at(err, ACCT_EDATA, path, root->line, root->col,
				   "the answer has no date");
		goto fail;
	}
	if ((rc = acct_ynode_want_scalar(n, path, "date", err)) < 0)
		goto fail;
	if (acct_date_parse(&a->date, acct_ynode_deref(n)->value, &why) < 0) {
		rc = acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
				   "date: %s", why.msg);
		goto fail;
	}
	if ((rc = number_field(&a->score, root, "score", 0, 10, path, err)) < 0)
		goto fail;
	if (rc == 1) {
		rc = acct_error_at(err, ACCT_EDATA, path, root->line, root->col,
				   "the answer has no score");
		goto fail;
	}
	if ((rc = number_field(&a->csat, root, "csat", 1, 5, path, err)) < 0)
		goto fail;
	if (rc == 1)
		a->csat = 0;
	if ((rc = text_value(&a->respondent, root, "respondent", 0, path, err)) < 0 ||
	    (rc = text_value(&a->role, root, "role", 0, path, err)) < 0 ||
	    (rc = text_value(&a->survey, root, "survey", 0, path, err)) < 0 ||
	    (rc = text_value(&a->comment, root, "comment", 1, path, err)) < 0)
		goto fail;
	*out = a;
	return 0;
fail:
	acct_nps_free(a);
	return rc < 0 ? rc : ACCT_EDATA;
}

int acct_nps_load(struct acct_nps_answer **out, struct acct_book *book,
		  const char *slug, const char *path, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	struct stat st = { 0 };
	int rc;

	*out = NULL;
	acct_book_path(&abs, book, path);
	if (book->past) {
		if ((rc = acct_book_tree_read(&text, book, path, err)) == 0)
			rc = acct_nps_parse(out, slug, path, text.buf, text.len,
					    err);
		else if (rc == ACCT_ENOTFOUND)
			rc = ACCT_ERROR;
	} else if (lstat(abs.buf, &st) < 0)
		rc = acct_error_at(err, ACCT_ERROR, path, 0, 0, "cannot read the "
				   "answer: %s", strerror(errno));
	else if (!S_ISREG(st.st_mode))
		rc = acct_error_at(err, ACCT_EDATA, path, 0, 0, "the answer is "
				   "not a regular file");
	else if ((rc = acct_file_read(&text, abs.buf, path,
				      book->config.input_bytes, 0, err)) == 0)
		rc = acct_nps_parse(out, slug, path, text.buf, text.len, err);
	else if (rc == ACCT_ENOTFOUND)
		rc = ACCT_ERROR;
	acct_buf_release(&abs);
	acct_buf_release(&text);
	return rc;
}

/* --- listing ----------------------------------------------------------- */

int acct_nps_name_date(struct acct_date *d, const char *name)
{
	size_t len = strlen(name);
	char day[ACCT_DATE_STRLEN];

	if (len < 17 || strcmp(name + len - 5, ".yaml") || name[10] != '-')
		return -1;
	memcpy(day, name, 10);
	day[10] = '\0';
	return acct_date_parse(d, day, NULL);
}

static int ref_cmp(const void *a, const void *b)
{
	const struct acct_nps_ref *x = a, *y = b;
	int c = acct_date_cmp(&x->date, &y->date);

	return c ? c : strcmp(x->path, y->path);
}

struct nps_walk {
	struct acct_nps_list *l;
	struct acct_book *book;
	const char *slug;
	const struct acct_date *since, *until;
};

static int add_answer(void *payload, const char *dir, const char *name,
		      int year)
{
	struct nps_walk *w = payload;
	struct acct_nps_list *l = w->l;
	struct acct_buf path = ACCT_BUF_INIT;
	struct acct_date d;
	struct acct_nps_ref *r;

	if (acct_nps_name_date(&d, name) < 0 || d.year != year ||
	    (w->since && acct_date_cmp(&d, w->since) < 0) ||
	    (w->until && acct_date_cmp(&d, w->until) > 0))
		return 0;
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 32;
		l->refs = acct_realloc(l->refs, l->alloc * sizeof(*r));
	}
	r = &l->refs[l->n++];
	r->slug = acct_strdup(w->slug);
	r->date = d;
	acct_buf_addf(&path, "%s/%s", dir, name);
	r->path = acct_buf_detach(&path, NULL);
	return 0;
}

static int list_client(void *payload, const char *slug, struct acct_error *err)
{
	struct nps_walk *w = payload;

	w->slug = slug;
	return acct_walk_years(w->book, slug, "nps",
			       w->since ? w->since->year : 0,
			       w->until ? w->until->year : 0, add_answer, w,
			       err);
}

int acct_nps_list(struct acct_nps_list *list, struct acct_book *book,
		  const char *slug, const struct acct_date *since,
		  const struct acct_date *until, struct acct_error *err)
{
	struct nps_walk w = { list, book, NULL, since, until };
	int rc = acct_walk_clients(book, slug, list_client, &w, err);

	if (list->n)
		qsort(list->refs, list->n, sizeof(*list->refs), ref_cmp);
	return rc;
}

void acct_nps_list_release(struct acct_nps_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		free(list->refs[i].slug);
		free(list->refs[i].path);
	}
	free(list->refs);
	list->refs = NULL;
	list->n = list->alloc = 0;
}
