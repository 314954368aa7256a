/*
 * NPS and CSAT answers: one YAML file per answer, read strictly (a score
 * that is not a plain whole number 0-10 is an error, never a 0), written
 * in one commit per command, counted, and turned into the floating fee.
 */
#include "acct/nps.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acct/book.h"
#include "acct/client.h"
#include "acct/config.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/period.h"
#include "acct/slug.h"
#include "acct/text.h"
#include "acct/txn.h"
#include "acct/banned.h"

/* The respondent's words in a file name. */
#define NAME_WORDS 4
#define NAME_BYTES 40
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
	if (lstat(abs.buf, &st) < 0)
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

/* "YYYY-MM-DD-<words>.yaml": its date, or -1. */
static int name_date(struct acct_date *d, const char *name)
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

static int year_name(const char *s)
{
	int i, v = 0;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return s[4] ? -1 : v;
}

static int list_client(struct acct_nps_list *l, struct acct_book *book,
		       const char *slug, const struct acct_date *since,
		       const struct acct_date *until, struct acct_error *err)
{
	struct acct_buf dir = ACCT_BUF_INIT, rel = ACCT_BUF_INIT;
	struct dirent *de;
	DIR *years;
	int rc = 0;

	acct_buf_addf(&rel, "clients/%s/nps", slug);
	acct_book_path(&dir, book, rel.buf);
	if (!(years = opendir(dir.buf))) {
		if (errno != ENOENT && errno != ENOTDIR)
			rc = acct_error_set(err, ACCT_ERROR, "cannot read '%s': %s",
					    rel.buf, strerror(errno));
		goto out;
	}
	while ((de = readdir(years))) {
		int year = year_name(de->d_name);
		struct dirent *fe;
		DIR *files;

		if (year < 0 || (since && year < since->year) ||
		    (until && year > until->year))
			continue;
		acct_buf_reset(&rel);
		acct_buf_addf(&rel, "clients/%s/nps/%s", slug, de->d_name);
		acct_book_path(&dir, book, rel.buf);
		if (!(files = opendir(dir.buf)))
			continue;
		while ((fe = readdir(files))) {
			struct acct_date d;
			struct acct_nps_ref *r;

			if (name_date(&d, fe->d_name) < 0 || d.year != year ||
			    (since && acct_date_cmp(&d, since) < 0) ||
			    (until && acct_date_cmp(&d, until) > 0))
				continue;
			if (l->n == l->alloc) {
				l->alloc = l->alloc ? 2 * l->alloc : 32;
				l->refs = acct_realloc(l->refs,
						       l->alloc * sizeof(*r));
			}
			r = &l->refs[l->n++];
			r->slug = acct_strdup(slug);
			r->date = d;
			acct_buf_reset(&dir);
			acct_buf_addf(&dir, "%s/%s", rel.buf, fe->d_name);
			r->path = acct_buf_detach(&dir, NULL);
		}
		closedir(files);
	}
	closedir(years);
out:
	acct_buf_release(&dir);
	acct_buf_release(&rel);
	return rc;
}

int acct_nps_list(struct acct_nps_list *list, struct acct_book *book,
		  const char *slug, const struct acct_date *since,
		  const struct acct_date *until, struct acct_error *err)
{
	char **slugs = NULL;
	size_t n = 0, i;
	int rc = 0;

	if (slug)
		rc = list_client(list, book, slug, since, until, err);
	else if ((rc = acct_client_slugs(&slugs, &n, book, err)) == 0)
		for (i = 0; i < n && !rc; i++)
			rc = list_client(list, book, slugs[i], since, until, err);
	acct_slugs_free(slugs, n);
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

/* --- recording --------------------------------------------------------- */

/*
 * An answer's identity as one string: "slug\0date\0respondent" or, for an
 * anonymous answer, "slug\0date\0\0score\0comment".
 */
struct ident {
	struct acct_buf key;
	size_t spec;		/* index into the specs, or SIZE_MAX: the book's */
	const char *path;	/* the book's answer */
};

static void ident_make(struct acct_buf *b, const char *slug,
		       const struct acct_date *date, const char *respondent,
		       int score, const char *comment)
{
	char day[ACCT_DATE_STRLEN];

	acct_date_format(day, date);
	acct_buf_add(b, slug, strlen(slug) + 1);
	acct_buf_add(b, day, strlen(day) + 1);
	if (respondent && *respondent) {
		acct_buf_addstr(b, respondent);
		return;
	}
	acct_buf_addch(b, '\0');
	acct_buf_addf(b, "%d", score);
	acct_buf_addch(b, '\0');
	if (comment)
		acct_buf_addstr(b, comment);
}

void acct_nps_identity(struct acct_buf *out, const struct acct_nps_answer *a)
{
	ident_make(out, a->slug, &a->date, a->respondent, a->score, a->comment);
}

static int ident_cmp(const void *a, const void *b)
{
	const struct ident *x = a, *y = b;
	size_t n = x->key.len < y->key.len ? x->key.len : y->key.len;
	int c = memcmp(x->key.buf, y->key.buf, n);

	if (c)
		return c;
	if (x->key.len != y->key.len)
		return x->key.len < y->key.len ? -1 : 1;
	/* The book's answer first, then the specs in their order. */
	if (x->spec != y->spec) {
		if (x->spec == SIZE_MAX || y->spec == SIZE_MAX)
			return x->spec == SIZE_MAX ? -1 : 1;
		return x->spec < y->spec ? -1 : 1;
	}
	return 0;
}

static int spec_at(struct acct_error *err, int code, const char *file,
		   const struct acct_nps_spec *s, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int spec_at(struct acct_error *err, int code, const char *file,
		   const struct acct_nps_spec *s, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (file && s->line)
		return acct_error_at(err, code, file, s->line, 0, "%s", msg);
	return acct_error_set(err, code, "%s", msg);
}

static int check_spec(const struct acct_nps_spec *s, const char *file,
		      const struct acct_date *today, struct acct_error *err)
{
	static const struct {
		const char *name;
		size_t off, max;
	} texts[] = {
		{ "respondent", offsetof(struct acct_nps_spec, respondent), MAX_FIELD },
		{ "role", offsetof(struct acct_nps_spec, role), MAX_FIELD },
		{ "survey", offsetof(struct acct_nps_spec, survey), MAX_FIELD },
	};
	struct acct_error why = ACCT_ERROR_INIT;
	size_t i;

	if (s->score < 0 || s->score > 10)
		return spec_at(err, ACCT_EUSAGE, file, s,
			       "score must be a whole number from 0 to 10");
	if (s->csat && (s->csat < 1 || s->csat > 5))
		return spec_at(err, ACCT_EUSAGE, file, s,
			       "csat must be a whole number from 1 to 5");
	if (today && acct_date_check_not_ahead(&s->date, today,
					       "the answer's date", &why) < 0) {
		spec_at(err, ACCT_EUSAGE, file, s, "%s", why.msg);
		acct_error_hint(err, "%s", why.hint);
		return ACCT_EUSAGE;
	}
	for (i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		const char *v = *(const char *const *)
			((const char *)s + texts[i].off);

		if (!v)
			continue;
		if (acct_text_check_line(v, texts[i].name, &why) < 0)
			return spec_at(err, ACCT_EUSAGE, file, s, "%s", why.msg);
		if (strlen(v) > texts[i].max)
			return spec_at(err, ACCT_EUSAGE, file, s,
				       "%s is longer than %zu bytes",
				       texts[i].name, texts[i].max);
	}
	if (s->comment) {
		size_t len = strlen(s->comment);

		if (!acct_text_is_utf8(s->comment, len))
			return spec_at(err, ACCT_EUSAGE, file, s,
				       "comment is not UTF-8 text");
		if (len > MAX_COMMENT)
			return spec_at(err, ACCT_EUSAGE, file, s,
				       "comment is longer than %d bytes",
				       MAX_COMMENT);
		for (i = 0; i < len; i++) {
			unsigned char c = (unsigned char)s->comment[i];

			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
				return spec_at(err, ACCT_EUSAGE, file, s,
					       "comment must not contain control "
					       "characters (U+%04X)", c);
		}
	}
	return 0;
}

static void add_field(struct acct_buf *out, const char *key, const char *v)
{
	if (!v || !*v)
		return;
	acct_buf_addf(out, "%s: ", key);
	acct_yaml_quote(out, v, strlen(v), 0);
	acct_buf_addch(out, '\n');
}

static void answer_text(struct acct_buf *out, const struct acct_nps_spec *s)
{
	char day[ACCT_DATE_STRLEN];

	acct_date_format(day, &s->date);
	acct_buf_addf(out, "date: %s\n", day);
	add_field(out, "respondent", s->respondent);
	add_field(out, "role", s->role);
	acct_buf_addf(out, "score: %d\n", s->score);
	if (s->csat)
		acct_buf_addf(out, "csat: %d\n", s->csat);
	add_field(out, "survey", s->survey);
	add_field(out, "comment", s->comment);
}

/* The set of paths taken in this run: a small open-addressing hash. */
struct taken {
	const char **slots;
	size_t cap, n;
};

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static int taken_has(const struct taken *t, const char *s)
{
	size_t i;

	if (!t->cap)
		return 0;
	for (i = fnv(s) & (t->cap - 1); t->slots[i]; i = (i + 1) & (t->cap - 1))
		if (!strcmp(t->slots[i], s))
			return 1;
	return 0;
}

static void taken_add(struct taken *t, const char *s)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		struct taken g = { NULL, t->cap ? 2 * t->cap : 64, 0 };

		g.slots = acct_calloc(g.cap, sizeof(*g.slots));
		for (i = 0; i < t->cap; i++)
			if (t->slots[i])
				taken_add(&g, t->slots[i]);
		free(t->slots);
		*t = g;
	}
	for (i = fnv(s) & (t->cap - 1); t->slots[i]; i = (i + 1) & (t->cap - 1))
		;
	t->slots[i] = s;
	t->n++;
}

/* A free name for a new answer: <date>-<who>[-N].yaml. */
static char *new_path(struct acct_book *book, struct taken *taken,
		      const struct acct_nps_spec *s)
{
	struct acct_buf who = ACCT_BUF_INIT, path = ACCT_BUF_INIT;
	struct acct_buf abs = ACCT_BUF_INIT;
	char day[ACCT_DATE_STRLEN];
	struct stat st;
	int n = 1;

	acct_date_format(day, &s->date);
	if (s->respondent && *s->respondent) {
		acct_slug_words(&who, s->respondent, NAME_WORDS, NAME_BYTES);
		if (!who.len)
			acct_buf_addstr(&who, "respondent");
	} else {
		acct_buf_addstr(&who, "anonymous");
	}
	for (;; n++) {
		acct_buf_reset(&path);
		acct_buf_addf(&path, "clients/%s/nps/%.4s/%s-%s", s->slug, day,
			      day, who.buf);
		/* An anonymous answer is always numbered: anonymous-1. */
		if (n > 1 || !(s->respondent && *s->respondent))
			acct_buf_addf(&path, "-%d", n);
		acct_buf_addstr(&path, ".yaml");
		if (taken_has(taken, path.buf))
			continue;
		acct_book_path(&abs, book, path.buf);
		if (lstat(abs.buf, &st) == 0 || errno != ENOENT)
			continue;
		break;
	}
	acct_buf_release(&who);
	acct_buf_release(&abs);
	return acct_buf_detach(&path, NULL);
}

/* The book's answers of the clients and dates that `specs` touch. */
static int known_answers(struct ident **ids, size_t *nids,
			 struct acct_nps_answer ***loaded, size_t *nloaded,
			 struct acct_book *book,
			 const struct acct_nps_spec *specs, size_t n,
			 struct acct_error *err)
{
	struct acct_nps_list list = ACCT_NPS_LIST_INIT;
	const char **slugs = acct_calloc(n + 1, sizeof(*slugs));
	size_t nslugs = 0, i, j;
	int rc = 0;

	/* Each client once, over the range of dates its specs use. */
	for (i = 0; i < n && !rc; i++) {
		struct acct_date lo = specs[i].date, hi = specs[i].date;
		int seen = 0;

		for (j = 0; j < nslugs; j++)
			if (!strcmp(slugs[j], specs[i].slug))
				seen = 1;
		if (seen)
			continue;
		slugs[nslugs++] = specs[i].slug;
		for (j = i + 1; j < n; j++) {
			if (strcmp(specs[j].slug, specs[i].slug))
				continue;
			if (acct_date_cmp(&specs[j].date, &lo) < 0)
				lo = specs[j].date;
			if (acct_date_cmp(&specs[j].date, &hi) > 0)
				hi = specs[j].date;
		}
		rc = acct_nps_list(&list, book, specs[i].slug, &lo, &hi, err);
	}
	free(slugs);
	*loaded = acct_calloc(list.n + 1, sizeof(**loaded));
	*ids = acct_calloc(list.n + n + 1, sizeof(**ids));
	for (i = 0; i < list.n + n + 1; i++)
		(*ids)[i].key = (struct acct_buf)ACCT_BUF_INIT;
	for (i = 0; i < list.n && !rc; i++) {
		struct acct_nps_answer *a;
		struct ident *id;

		if ((rc = acct_nps_load(&a, book, list.refs[i].slug,
					list.refs[i].path, err)) < 0)
			break;
		(*loaded)[(*nloaded)++] = a;
		id = &(*ids)[(*nids)++];
		ident_make(&id->key, a->slug, &a->date, a->respondent, a->score,
			   a->comment);
		id->spec = SIZE_MAX;
		id->path = a->path;
	}
	acct_nps_list_release(&list);
	return rc;
}

void acct_nps_results_release(struct acct_nps_result *results, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(results[i].path);
		results[i].path = NULL;
	}
}

int acct_nps_plan(struct acct_book *book, const struct acct_nps_spec *specs,
		  size_t n, unsigned flags, const char *file,
		  struct acct_nps_result *results, struct acct_error *err)
{
	struct acct_nps_answer **loaded = NULL;
	struct ident *ids = NULL;
	size_t nids = 0, nloaded = 0, i;
	struct acct_date today;
	struct taken taken = { NULL, 0, 0 };
	struct acct_buf text = ACCT_BUF_INIT;
	int rc = 0;

	acct_time_date(&today, &book->now);
	for (i = 0; i < n; i++)
		if ((rc = check_spec(&specs[i], file, &today, err)) < 0)
			return rc;
	for (i = 0; i < n; i++) {
		struct acct_buf slug = ACCT_BUF_INIT;
		struct stat st;

		acct_buf_addf(&slug, "clients/%s/client.yaml", specs[i].slug);
		acct_book_path(&text, book, slug.buf);
		rc = lstat(text.buf, &st) < 0 ? spec_at(err, ACCT_ENOTFOUND,
			file, &specs[i], "no such client '%s'", specs[i].slug) : 0;
		acct_buf_release(&slug);
		if (rc < 0)
			goto out;
	}
	if ((rc = known_answers(&ids, &nids, &loaded, &nloaded, book, specs, n,
				err)) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		struct ident *id = &ids[nids++];

		ident_make(&id->key, specs[i].slug, &specs[i].date,
			   specs[i].respondent, specs[i].score, specs[i].comment);
		id->spec = i;
	}
	qsort(ids, nids, sizeof(*ids), ident_cmp);
	/* The first of each identity is kept; the rest are known. */
	for (i = 0; i < nids; i++) {
		struct ident *keep = &ids[i];
		size_t j;

		for (j = i + 1; j < nids && ids[j].key.len == keep->key.len &&
		     !memcmp(ids[j].key.buf, keep->key.buf, keep->key.len); j++) {
			struct acct_nps_result *r;

			/* Two of the book's own (a sync kept both): no spec. */
			if (ids[j].spec == SIZE_MAX)
				continue;
			r = &results[ids[j].spec];
			r->known = 1;
			/* The path is filled below, once the keeper has one. */
			if (keep->spec == SIZE_MAX)
				r->path = acct_strdup(keep->path);
		}
		i = j - 1;
	}
	for (i = 0; i < n; i++) {
		if (results[i].known)
			continue;
		results[i].path = new_path(book, &taken, &specs[i]);
		taken_add(&taken, results[i].path);
	}
	/* A repeat within the specs names the file of its first. */
	for (i = 0; i < nids; i++) {
		size_t j;

		for (j = i + 1; j < nids && ids[j].key.len == ids[i].key.len &&
		     !memcmp(ids[j].key.buf, ids[i].key.buf, ids[i].key.len); j++)
			if (ids[i].spec != SIZE_MAX && !results[ids[j].spec].path)
				results[ids[j].spec].path =
					acct_strdup(results[ids[i].spec].path);
		i = j - 1;
	}
	if (!(flags & ACCT_NPS_SKIP_KNOWN))
		for (i = 0; i < n; i++)
			if (results[i].known) {
				rc = spec_at(err, ACCT_EEXISTS, file, &specs[i],
					     "this answer is recorded already in %s",
					     results[i].path);
				acct_error_hint(err, "an answer is one client, date "
						"and respondent; give another "
						"--respondent or --date");
				goto out;
			}
	rc = 0;
out:
	free(taken.slots);
	for (i = 0; i < nids; i++)
		acct_buf_release(&ids[i].key);
	free(ids);
	for (i = 0; i < nloaded; i++)
		acct_nps_free(loaded[i]);
	free(loaded);
	acct_buf_release(&text);
	if (rc < 0)
		acct_nps_results_release(results, n);
	return rc;
}

int acct_nps_commit(struct acct_book *book, const struct acct_nps_spec *specs,
		    const struct acct_nps_result *results, size_t n,
		    const char *subject, struct acct_error *err)
{
	struct acct_buf text = ACCT_BUF_INIT, msg = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	size_t i, fresh = 0;
	int rc;

	for (i = 0; i < n; i++)
		fresh += !results[i].known;
	if (!fresh)
		return 1;
	if ((rc = acct_txn_begin(&t, book, err)) < 0)
		return rc;
	for (i = 0; i < n && !rc; i++) {
		if (results[i].known)
			continue;
		acct_buf_reset(&text);
		answer_text(&text, &specs[i]);
		rc = acct_txn_put(t, results[i].path, text.buf, text.len,
				  ACCT_TXN_NEW, err);
	}
	if (rc == 0) {
		acct_commit_message(&msg, subject);
		rc = acct_txn_commit(t, msg.buf, err);
	}
	acct_txn_free(t);
	acct_buf_release(&text);
	acct_buf_release(&msg);
	return rc;
}

/* --- figures ----------------------------------------------------------- */

void acct_nps_stats_add(struct acct_nps_stats *s, int score, int csat)
{
	s->responses++;
	if (score >= 9)
		s->promoters++;
	else if (score >= 7)
		s->passives++;
	else
		s->detractors++;
	if (csat) {
		s->csat_n++;
		s->csat_sum += csat;
	}
}

int acct_nps_score(const struct acct_nps_stats *s, int *nps)
{
	long num, n = s->responses;
	long mag;

	if (n <= 0)
		return 0;
	num = (s->promoters - s->detractors) * 100;
	mag = num < 0 ? -num : num;
	/* Half away from zero: round |num| / n half up, then the sign. */
	mag = (2 * mag + n) / (2 * n);
	*nps = (int)(num < 0 ? -mag : mag);
	return 1;
}

int acct_nps_csat(const struct acct_nps_stats *s, char *out, size_t size)
{
	long hundredths;

	if (s->csat_n <= 0) {
		if (size)
			*out = '\0';
		return 0;
	}
	hundredths = (200 * s->csat_sum + s->csat_n) / (2 * s->csat_n);
	snprintf(out, size, "%ld.%02ld", hundredths / 100, hundredths % 100);
	return 1;
}

/* "150000" or "99.50" to cents; -1 if it is not an amount. */
static int64_t cents(const char *s)
{
	int64_t v = 0;
	int dec = -1;

	if (!s || !acct_amount_ok(s))
		return -1;
	for (; *s; s++) {
		if (*s == '.') {
			dec = 0;
			continue;
		}
		v = v * 10 + (*s - '0');
		if (dec >= 0)
			dec++;
	}
	while (dec < 2) {
		v *= 10;
		dec = dec < 0 ? 1 : dec + 1;
	}
	return v;
}

static void money(char *out, size_t size, int64_t c)
{
	if (c % 100)
		snprintf(out, size, "%lld.%02lld", (long long)(c / 100),
			 (long long)(c % 100));
	else
		snprintf(out, size, "%lld", (long long)(c / 100));
}

int acct_nps_payout(struct acct_payout *out, const struct acct_money *fee,
		    int nps, const struct acct_config *cfg)
{
	int64_t amount = cents(fee->amount), fl, pay;
	size_t i;
	int p;

	memset(out, 0, sizeof(*out));
	if (amount < 0 || !fee->floating ||
	    acct_nps_value_parse(&p, fee->floating, 0, 100) < 0)
		return 0;
	out->floating = p;
	out->band_min = -101;
	for (i = 0; i < cfg->npayout; i++)
		if (nps >= cfg->payout[i].min) {
			out->band_min = cfg->payout[i].min;
			out->pay = cfg->payout[i].pay;
			break;
		}
	/*
	 * amount <= 10^17 cents and p, pay <= 100: the products fit in 128
	 * bits. Each figure is exact, rounded half up to the cent once.
	 */
	fl = (int64_t)(((unsigned __int128)amount * (unsigned)p + 50) / 100);
	pay = (int64_t)(((unsigned __int128)amount * (unsigned)p *
			 (unsigned)out->pay + 5000) / 10000);
	money(out->floating_amount, sizeof(out->floating_amount), fl);
	money(out->fixed, sizeof(out->fixed), amount - fl);
	money(out->payout, sizeof(out->payout), pay);
	money(out->total, sizeof(out->total), amount - fl + pay);
	return 1;
}

/* --- the summary of a period ---------------------------------------------- */

static int quarter_index(const struct acct_date *d)
{
	return d->year * 4 + ACCT_QUARTER(d->month) - 1;
}

static struct acct_nps_quarter *make_trend(int first, int last)
{
	struct acct_nps_quarter *t = acct_calloc((size_t)(last - first + 1),
						 sizeof(*t));
	int i;

	for (i = first; i <= last; i++)
		snprintf(t[i - first].label, sizeof(t[i - first].label),
			 "%04d-Q%d", i / 4, i % 4 + 1);
	return t;
}

static int same_person(const struct acct_nps_answer *a,
		       const struct acct_nps_answer *b)
{
	return a->respondent && b->respondent &&
	       !strcmp(a->respondent, b->respondent);
}

static void find_detractors(struct acct_nps_client *c,
			    const struct acct_period *p)
{
	size_t i, j;

	c->detractors = acct_calloc(c->nanswers + 1, sizeof(*c->detractors));
	/* Newest first: each respondent's latest answer decides. */
	for (i = c->nanswers; i-- > 0;) {
		const struct acct_nps_answer *a = c->answers[i];
		int seen = 0;

		if (!acct_period_has(p, &a->date))
			continue;
		for (j = c->nanswers; j-- > i + 1;)
			if (same_person(c->answers[j], a) &&
			    acct_period_has(p, &c->answers[j]->date))
				seen = 1;
		if (seen || a->score > 6)
			continue;
		c->detractors[c->ndetractors].answer = a;
		/* Their latest comment as a detractor in the period. */
		for (j = i + 1; j-- > 0;) {
			const struct acct_nps_answer *b = c->answers[j];

			if ((b == a || same_person(a, b)) && b->score <= 6 &&
			    acct_period_has(p, &b->date) && b->comment) {
				c->detractors[c->ndetractors].comment = b->comment;
				break;
			}
			if (!a->respondent)
				break;
		}
		c->ndetractors++;
	}
}

int acct_nps_summary(struct acct_nps_summary *out, struct acct_book *book,
		     const char *slug, const struct acct_period *period,
		     void (*bad)(void *data, const struct acct_error *err),
		     void *data, struct acct_error *err)
{
	struct acct_nps_list list = ACCT_NPS_LIST_INIT;
	struct acct_date since = period->since;
	char **slugs = NULL;
	size_t nslugs = 0, i, j;
	int first, last, rc, any_bad = 0;

	memset(out, 0, sizeof(*out));
	first = quarter_index(&period->since);
	last = quarter_index(&period->until);
	if (period->kind != ACCT_PERIOD_ALL) {
		if (last - first < 3)
			first = last - 3;
		since = (struct acct_date){ first / 4, (first % 4) * 3 + 1, 1 };
		if (since.year < 1970)
			since = (struct acct_date){ 1970, 1, 1 };
	}
	if (slug) {
		slugs = acct_calloc(2, sizeof(*slugs));
		slugs[0] = acct_strdup(slug);
		nslugs = 1;
	} else if ((rc = acct_client_slugs(&slugs, &nslugs, book, err)) < 0) {
		return rc;
	}
	out->clients = acct_calloc(nslugs + 1, sizeof(*out->clients));
	for (i = 0; i < nslugs; i++) {
		struct acct_nps_client *c = &out->clients[out->n];
		struct acct_error e = ACCT_ERROR_INIT;

		if (acct_client_load(&c->card, book, slugs[i], &e) < 0) {
			if (slug) {
				*err = e;
				rc = e.code;
				goto fail;
			}
			any_bad = 1;
			if (bad)
				bad(data, &e);
			continue;
		}
		if (!slug && c->card->has_archived) {
			acct_client_free(c->card);
			c->card = NULL;
			continue;
		}
		out->n++;
		acct_nps_list_release(&list);
		if ((rc = acct_nps_list(&list, book, slugs[i], &since,
					&period->until, err)) < 0)
			goto fail;
		c->answers = acct_calloc(list.n + 1, sizeof(*c->answers));
		for (j = 0; j < list.n; j++) {
			struct acct_nps_answer *a;

			if (acct_nps_load(&a, book, slugs[i], list.refs[j].path,
					  &e) < 0) {
				any_bad = 1;
				if (bad)
					bad(data, &e);
				acct_error_clear(&e);
				continue;
			}
			c->answers[c->nanswers++] = a;
		}
	}
	acct_nps_list_release(&list);
	if (period->kind == ACCT_PERIOD_ALL) {
		int lo = INT_MAX, hi = INT_MIN;

		for (i = 0; i < out->n; i++)
			for (j = 0; j < out->clients[i].nanswers; j++) {
				int q = quarter_index(&out->clients[i].answers[j]->date);

				lo = q < lo ? q : lo;
				hi = q > hi ? q : hi;
			}
		first = lo;
		last = hi;
		if (lo > hi)	/* no answers at all: no trend */
			first = 1, last = 0;
	}
	out->ntrend = (size_t)(last - first + 1);
	out->trend = make_trend(first, last);
	for (i = 0; i < out->n; i++) {
		struct acct_nps_client *c = &out->clients[i];
		int nps;

		c->ntrend = out->ntrend;
		c->trend = make_trend(first, last);
		for (j = 0; j < c->nanswers; j++) {
			const struct acct_nps_answer *a = c->answers[j];
			int q = quarter_index(&a->date) - first;

			if (q >= 0 && q <= last - first) {
				acct_nps_stats_add(&c->trend[q].stats, a->score,
						   a->csat);
				acct_nps_stats_add(&out->trend[q].stats, a->score,
						   a->csat);
			}
			if (acct_period_has(period, &a->date)) {
				acct_nps_stats_add(&c->stats, a->score, a->csat);
				acct_nps_stats_add(&out->stats, a->score, a->csat);
			}
		}
		find_detractors(c, period);
		if (acct_nps_score(&c->stats, &nps))
			c->has_payout = acct_nps_payout(&c->payout,
							&c->card->fee, nps,
							&book->config);
	}
	acct_slugs_free(slugs, nslugs);
	return any_bad;
fail:
	acct_nps_list_release(&list);
	acct_slugs_free(slugs, nslugs);
	acct_nps_summary_release(out);
	return rc;
}

void acct_nps_summary_release(struct acct_nps_summary *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		struct acct_nps_client *c = &s->clients[i];

		for (j = 0; j < c->nanswers; j++)
			acct_nps_free(c->answers[j]);
		free(c->answers);
		free(c->trend);
		free(c->detractors);
		acct_client_free(c->card);
	}
	free(s->clients);
	free(s->trend);
	memset(s, 0, sizeof(*s));
}
