/*
 * NPS answers recorded: each checked, its identity (client, day,
 * respondent) looked for in the book, a free name found, and every new
 * one written in one commit.
 */
#include "acct/nps.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acct/book.h"
#include "acct/error.h"
#include "acct/slug.h"
#include "acct/text.h"
#include "acct/txn.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/* The respondent's words in a file name. */
#define NAME_WORDS 4
#define NAME_BYTES 40
/* Longest text values, in bytes (as lib/nps.c reads them). */
#define MAX_FIELD 1000
#define MAX_COMMENT 20000


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
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
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
