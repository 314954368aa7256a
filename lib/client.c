#include "acct/client.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/config.h"
#include "acct/date.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/slug.h"
#include "acct/text.h"
#include "acct/txn.h"
#include "acct/banned.h"

/* The largest card acct reads; a bigger one is surely not a card. */

const char *const acct_client_statuses[] = {
	"lead", "active", "paused", "churned", NULL,
};

int acct_client_status_ok(const char *s)
{
	size_t i;

	for (i = 0; acct_client_statuses[i]; i++)
		if (!strcmp(s, acct_client_statuses[i]))
			return 1;
	return 0;
}

int acct_amount_ok(const char *s)
{
	size_t digits = 0, decimals = 0;

	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			decimals++;
	return !*s && digits && digits <= 15 && decimals <= 2 &&
	       (s[-1] != '.');
}

void acct_client_free(struct acct_client *c)
{
	if (!c)
		return;
	free(c->slug);
	free(c->path);
	free(c->services.items);
	free(c->tags.items);
	free(c->campaigns.items);
	free(c->goals.kpi.items);
	free(c->contacts);
	acct_ydoc_release(&c->doc);
	acct_buf_release(&c->text);
	free(c);
}

/* Card checks: each names the key and its place. */
struct reader {
	const char *path;
	struct acct_error *err;
};

static int text_field(const char **out, const struct acct_ynode *map,
		      const char *key, struct reader *r)
{
	const struct acct_ynode *n = acct_ynode_get(map, key, NULL);
	int rc;

	*out = NULL;
	if (!n || acct_ynode_is_null(n))
		return 0;
	if ((rc = acct_ynode_want_text(n, r->path, key, r->err)) < 0)
		return rc;
	if (strlen(n->value) != n->len)
		return acct_error_at(r->err, ACCT_EDATA, r->path, n->line, n->col,
				     "'%s' must not hold a NUL character", key);
	*out = n->value;
	return 0;
}

static int date_field(struct acct_date *out, int *has,
		      const struct acct_ynode *map, const char *key,
		      struct reader *r)
{
	const struct acct_ynode *n = acct_ynode_get(map, key, NULL);
	struct acct_error why = ACCT_ERROR_INIT;
	int rc;

	*has = 0;
	if (!n || acct_ynode_is_null(n))
		return 0;
	if ((rc = acct_ynode_want_scalar(n, r->path, key, r->err)) < 0)
		return rc;
	if (acct_date_parse(out, n->value, &why) < 0)
		return acct_error_at(r->err, ACCT_EDATA, r->path, n->line, n->col,
				     "%s: %s", key, why.msg);
	*has = 1;
	return 0;
}

static int list_field(struct acct_strlist *out, const struct acct_ynode *map,
		      const char *key, struct reader *r)
{
	const struct acct_ynode *n = acct_ynode_get(map, key, NULL);
	size_t i;
	int rc;

	if (!n || acct_ynode_is_null(n))
		return 0;
	if ((rc = acct_ynode_want_type(n, ACCT_YSEQ, r->path, key, r->err)) < 0)
		return rc;
	out->items = acct_calloc(n->n, sizeof(*out->items));
	for (i = 0; i < n->n; i++) {
		const struct acct_ynode *item = acct_ynode_deref(n->items[i]);

		if ((rc = acct_ynode_want_text(n->items[i], r->path, key, r->err)) < 0)
			return rc;
		out->items[out->n++] = item->value;
	}
	return 0;
}

static int choice_field(const char **out, const struct acct_ynode *map,
			const char *key, const char *const *choices,
			struct reader *r)
{
	const struct acct_ynode *n = acct_ynode_get(map, key, NULL);
	struct acct_buf all = ACCT_BUF_INIT;
	size_t i;
	int rc;

	if ((rc = text_field(out, map, key, r)) < 0 || !*out)
		return rc;
	for (i = 0; choices[i]; i++)
		if (!strcmp(*out, choices[i]))
			return 0;
	for (i = 0; choices[i]; i++)
		acct_buf_addf(&all, "%s%s", i ? ", " : "", choices[i]);
	rc = acct_error_at(r->err, ACCT_EDATA, r->path, n->line, n->col,
			   "%s must be one of %s, not '%s'", key, all.buf, *out);
	acct_buf_release(&all);
	return rc;
}

/* locale: en or ru, said as the config's is said. */
static int locale_field(const char **out, const struct acct_ynode *map,
			struct reader *r)
{
	const struct acct_ynode *n = acct_ynode_get(map, "locale", NULL);
	int rc;

	if ((rc = text_field(out, map, "locale", r)) < 0 || !*out ||
	    !strcmp(*out, "en") || !strcmp(*out, "ru"))
		return rc;
	return acct_error_at(r->err, ACCT_EDATA, r->path, n->line, n->col,
			     "locale must be en or ru, not '%s'", *out);
}

static int money_field(struct acct_money *out, const struct acct_ynode *map,
		       const char *key, struct reader *r)
{
	static const char *const periods[] = {
		"month", "quarter", "year", "once", NULL,
	};
	const struct acct_ynode *m = acct_ynode_get(map, key, NULL), *n;
	int rc;

	if (!m || acct_ynode_is_null(m))
		return 0;
	if ((rc = acct_ynode_want_type(m, ACCT_YMAP, r->path, key, r->err)) < 0)
		return rc;
	if ((n = acct_ynode_get(m, "amount", NULL))) {
		if ((rc = acct_ynode_want_scalar(n, r->path, "amount", r->err)) < 0)
			return rc;
		if (!acct_amount_ok(n->value))
			return acct_error_at(r->err, ACCT_EDATA, r->path, n->line,
					     n->col, "%s.amount must be a number "
					     "such as 150000 or 99.50, not '%s'",
					     key, n->value);
		out->amount = n->value;
	}
	if ((rc = text_field(&out->currency, m, "currency", r)) < 0 ||
	    (rc = choice_field(&out->period, m, "period", periods, r)) < 0)
		return rc;
	if ((n = acct_ynode_get(m, "floating", NULL))) {
		char what[32];
		long long v;

		snprintf(what, sizeof(what), "%s.floating", key);
		if ((rc = acct_ynode_want_int(&v, n, r->path, what, 0, 100,
					      r->err)) < 0)
			return rc;
		out->floating = n->value;
	}
	return 0;
}

/* A contact's birthday: "MM-DD" or "YYYY-MM-DD". */
static int birthday_field(const char **out, const struct acct_ynode *map,
			  struct reader *r)
{
	const struct acct_ynode *n = acct_ynode_get(map, "birthday", NULL);
	struct acct_error why = ACCT_ERROR_INIT;
	struct acct_yearly y;
	int rc;

	*out = NULL;
	if (!n || acct_ynode_is_null(n))
		return 0;
	if ((rc = acct_ynode_want_scalar(n, r->path, "birthday", r->err)) < 0)
		return rc;
	if (acct_yearly_parse(&y, n->value, &why) < 0)
		return acct_error_at(r->err, ACCT_EDATA, r->path, n->line, n->col,
				     "birthday: %s", why.msg);
	*out = n->value;
	return 0;
}

static int contacts_field(struct acct_client *c, const struct acct_ynode *map,
			  struct reader *r)
{
	const struct acct_ynode *list = acct_ynode_get(map, "contacts", NULL);
	size_t i;
	int rc;

	if (!list || acct_ynode_is_null(list))
		return 0;
	if ((rc = acct_ynode_want_type(list, ACCT_YSEQ, r->path, "contacts",
				       r->err)) < 0)
		return rc;
	c->contacts = acct_calloc(list->n, sizeof(*c->contacts));
	for (i = 0; i < list->n; i++) {
		const struct acct_ynode *m = list->items[i], *n;
		struct acct_contact *k = &c->contacts[i];

		if ((rc = acct_ynode_want_type(m, ACCT_YMAP, r->path, "contacts",
					       r->err)) < 0)
			return rc;
		if ((rc = text_field(&k->name, m, "name", r)) < 0 ||
		    (rc = text_field(&k->role, m, "role", r)) < 0 ||
		    (rc = text_field(&k->email, m, "email", r)) < 0 ||
		    (rc = text_field(&k->phone, m, "phone", r)) < 0 ||
		    (rc = text_field(&k->telegram, m, "telegram", r)) < 0 ||
		    (rc = birthday_field(&k->birthday, m, r)) < 0)
			return rc;
		if (!k->name)
			return acct_error_at(r->err, ACCT_EDATA, r->path, m->line,
					     m->col, "a contact needs a name");
		if ((n = acct_ynode_get(m, "primary", NULL)) &&
		    (rc = acct_ynode_want_bool(&k->primary, n, r->path, "primary",
					       r->err)) < 0)
			return rc;
		c->ncontacts++;
	}
	return 0;
}

static int cadence_field(struct acct_client *c, const struct acct_ynode *map,
			 struct reader *r)
{
	const char **slots[] = { &c->cadence.contact, &c->cadence.call,
				 &c->cadence.nps, &c->cadence.review };
	static const char *const keys[] = { "contact", "call", "nps", "review" };
	const struct acct_ynode *m = acct_ynode_get(map, "cadence", NULL), *n;
	struct acct_error why = ACCT_ERROR_INIT;
	struct acct_duration d;
	enum acct_report_cadence kind;
	size_t i;
	int rc;

	if (!m || acct_ynode_is_null(m))
		return 0;
	if ((rc = acct_ynode_want_type(m, ACCT_YMAP, r->path, "cadence", r->err)) < 0)
		return rc;
	for (i = 0; i < 4; i++) {
		if (!(n = acct_ynode_get(m, keys[i], NULL)))
			continue;
		if ((rc = acct_ynode_want_scalar(n, r->path, keys[i], r->err)) < 0)
			return rc;
		if (acct_duration_parse(&d, n->value, &why) < 0)
			return acct_error_at(r->err, ACCT_EDATA, r->path, n->line,
					     n->col, "cadence.%s: %s", keys[i],
					     why.msg);
		*slots[i] = n->value;
	}
	if ((n = acct_ynode_get(m, "report", NULL))) {
		if ((rc = acct_ynode_want_scalar(n, r->path, "report", r->err)) < 0)
			return rc;
		if (acct_report_cadence_parse(&kind, &d, n->value, &why) < 0)
			return acct_error_at(r->err, ACCT_EDATA, r->path, n->line,
					     n->col, "cadence.report: %s", why.msg);
		c->cadence.report = n->value;
	}
	return 0;
}

/*
 * A value written by hand that acct only shows: any scalar text, several
 * lines too (a goal in a block scalar), but not a list or a mapping.
 */
static int free_text_field(const char **out, const struct acct_ynode *map,
			   const char *key, struct reader *r)
{
	const struct acct_ynode *n = acct_ynode_get(map, key, NULL);
	int rc;

	*out = NULL;
	if (!n || acct_ynode_is_null(n))
		return 0;
	if ((rc = acct_ynode_want_scalar(n, r->path, key, r->err)) < 0)
		return rc;
	n = acct_ynode_deref(n);
	if (strlen(n->value) != n->len)
		return acct_error_at(r->err, ACCT_EDATA, r->path, n->line, n->col,
				     "'%s' must not hold a NUL character", key);
	*out = n->value;
	return 0;
}

/* channels: {fast, official}: text each (any word: a hand-written card). */
static int channels_field(struct acct_client *c, const struct acct_ynode *map,
			  struct reader *r)
{
	const struct acct_ynode *m = acct_ynode_get(map, "channels", NULL);
	int rc;

	if (!m || acct_ynode_is_null(m))
		return 0;
	if ((rc = acct_ynode_want_type(m, ACCT_YMAP, r->path, "channels",
				       r->err)) < 0 ||
	    (rc = free_text_field(&c->channels.fast, m, "fast", r)) < 0 ||
	    (rc = free_text_field(&c->channels.official, m, "official", r)) < 0)
		return rc;
	c->has_channels = 1;
	return 0;
}

/*
 * goals: {business, marketing, project: text, several lines too; kpi: a
 * list of texts, or one text}.
 */
static int goals_field(struct acct_client *c, const struct acct_ynode *map,
		       struct reader *r)
{
	const struct acct_ynode *m = acct_ynode_get(map, "goals", NULL), *kpi;
	const char *one;
	size_t i;
	int rc;

	if (!m || acct_ynode_is_null(m))
		return 0;
	if ((rc = acct_ynode_want_type(m, ACCT_YMAP, r->path, "goals",
				       r->err)) < 0 ||
	    (rc = free_text_field(&c->goals.business, m, "business", r)) < 0 ||
	    (rc = free_text_field(&c->goals.marketing, m, "marketing", r)) < 0 ||
	    (rc = free_text_field(&c->goals.project, m, "project", r)) < 0)
		return rc;
	c->has_goals = 1;
	kpi = acct_ynode_deref(acct_ynode_get(m, "kpi", NULL));
	if (!kpi || acct_ynode_is_null(kpi))
		return 0;
	if (kpi->type == ACCT_YSCALAR) {
		if ((rc = free_text_field(&one, m, "kpi", r)) < 0)
			return rc;
		c->goals.kpi.items = acct_calloc(1, sizeof(*c->goals.kpi.items));
		c->goals.kpi.items[c->goals.kpi.n++] = one;
		return 0;
	}
	if ((rc = acct_ynode_want_type(kpi, ACCT_YSEQ, r->path, "kpi",
				       r->err)) < 0)
		return rc;
	c->goals.kpi.items = acct_calloc(kpi->n + 1,
					 sizeof(*c->goals.kpi.items));
	for (i = 0; i < kpi->n; i++) {
		const struct acct_ynode *it = acct_ynode_deref(kpi->items[i]);

		if ((rc = acct_ynode_want_scalar(it, r->path, "kpi", r->err)) < 0)
			return rc;
		if (acct_ynode_is_null(it) || strlen(it->value) != it->len)
			continue;	/* nothing to show */
		c->goals.kpi.items[c->goals.kpi.n++] = it->value;
	}
	return 0;
}

static int check_card(struct acct_client *c, struct reader *r)
{
	static const char *const styles[] = { "formal", "informal", NULL };
	const struct acct_ynode *root = c->doc.root, *n;
	int rc;

	if (!root)
		return acct_error_at(r->err, ACCT_EDATA, r->path, 1, 1,
				     "the card is empty");
	if (acct_ynode_deref(root)->type != ACCT_YMAP)
		return acct_error_at(r->err, ACCT_EDATA, r->path, root->line,
				     root->col, "a card must be a mapping of keys "
				     "to values (name: ..., status: ...)");
	if (!(n = acct_ynode_get(root, "name", NULL)))
		return acct_error_at(r->err, ACCT_EDATA, r->path, root->line,
				     root->col, "the card has no name");
	if ((rc = text_field(&c->name, root, "name", r)) < 0)
		return rc;
	if (!c->name)
		return acct_error_at(r->err, ACCT_EDATA, r->path, n->line, n->col,
				     "'name' must not be empty");
	if ((rc = choice_field(&c->status, root, "status",
			       acct_client_statuses, r)) < 0 ||
	    (rc = text_field(&c->manager, root, "manager", r)) < 0 ||
	    (rc = choice_field(&c->style, root, "style", styles, r)) < 0 ||
	    (rc = locale_field(&c->locale, root, r)) < 0 ||
	    (rc = text_field(&c->timezone, root, "timezone", r)) < 0 ||
	    (rc = text_field(&c->hours, root, "hours", r)) < 0 ||
	    (rc = text_field(&c->source, root, "source", r)) < 0 ||
	    (rc = text_field(&c->email, root, "email", r)) < 0 ||
	    (rc = text_field(&c->phone, root, "phone", r)) < 0 ||
	    (rc = text_field(&c->telegram, root, "telegram", r)) < 0 ||
	    (rc = date_field(&c->since, &c->has_since, root, "since", r)) < 0 ||
	    (rc = date_field(&c->archived, &c->has_archived, root, "archived",
			     r)) < 0 ||
	    (rc = list_field(&c->services, root, "services", r)) < 0 ||
	    (rc = list_field(&c->tags, root, "tags", r)) < 0 ||
	    (rc = list_field(&c->campaigns, root, "campaigns", r)) < 0 ||
	    (rc = contacts_field(c, root, r)) < 0 ||
	    (rc = money_field(&c->budget, root, "budget", r)) < 0 ||
	    (rc = money_field(&c->fee, root, "fee", r)) < 0 ||
	    (rc = cadence_field(c, root, r)) < 0 ||
	    (rc = channels_field(c, root, r)) < 0 ||
	    (rc = goals_field(c, root, r)) < 0)
		return rc;
	if (!c->status)
		c->status = "active";
	return 0;
}

int acct_client_parse(struct acct_client **out, const char *slug,
		      const char *path, const char *text, size_t len,
		      struct acct_error *err)
{
	struct acct_client *c = acct_calloc(1, sizeof(*c));
	struct reader r = { path, err };
	int rc;

	*out = NULL;
	c->slug = acct_strdup(slug);
	c->path = acct_strdup(path);
	c->text = (struct acct_buf)ACCT_BUF_INIT;
	acct_buf_add(&c->text, text, len);
	if ((rc = acct_ydoc_parse(&c->doc, path, c->text.buf, c->text.len, err)) < 0 ||
	    (rc = check_card(c, &r)) < 0) {
		acct_client_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

static int in_list(const char *s, const char *const *list)
{
	size_t i;

	for (i = 0; list && list[i]; i++)
		if (!strcmp(s, list[i]))
			return 1;
	return 0;
}

/* The unknown keys of mapping `m` (known: `known`), `prefix` before each. */
static void extra_of(const struct acct_ynode *m, const char *prefix,
		     const char *const *known, acct_client_extra_fn fn,
		     void *payload)
{
	struct acct_buf key = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	size_t i;

	m = acct_ynode_deref(m);
	if (!m || m->type != ACCT_YMAP)
		return;
	for (i = 0; i + 1 < m->n; i += 2) {
		const struct acct_ynode *k = acct_ynode_deref(m->items[i]);
		const struct acct_ynode *v = m->items[i + 1];
		const char *const *sub;

		if (!k || k->type != ACCT_YSCALAR)
			continue;
		if (in_list(k->value, known)) {
			/* A known mapping may hold unknown keys of its own. */
			if (!*prefix && (sub = acct_client_key_order(k->value))) {
				acct_buf_reset(&key);
				acct_buf_addf(&key, "%s.", k->value);
				extra_of(v, key.buf, sub, fn, payload);
			}
			continue;
		}
		acct_buf_reset(&key);
		acct_buf_addf(&key, "%s%s", prefix, k->value);
		acct_buf_reset(&text);
		if (v->type == ACCT_YSCALAR && !acct_ynode_is_null(v))
			acct_buf_add(&text, v->value, v->len);
		else
			acct_ynode_flow(&text, v);
		fn(key.buf, text.buf, payload);
	}
	acct_buf_release(&key);
	acct_buf_release(&text);
}

void acct_client_extra(const struct acct_client *c, acct_client_extra_fn fn,
		       void *payload)
{
	extra_of(c->doc.root, "", acct_client_key_order(""), fn, payload);
}

int acct_client_load(struct acct_client **out, struct acct_book *book,
		     const char *slug, struct acct_error *err)
{
	struct acct_buf rel = ACCT_BUF_INIT, abs = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	struct stat st;
	int rc;

	*out = NULL;
	acct_buf_addf(&rel, "clients/%s/client.yaml", slug);
	acct_book_path(&abs, book, rel.buf);
	if (book->past) {
		if ((rc = acct_book_tree_read(&text, book, rel.buf, err)) == 0)
			rc = acct_client_parse(out, slug, rel.buf, text.buf,
					       text.len, err);
		else if (rc == ACCT_ENOTFOUND)
			rc = ACCT_EDATA;
	} else if (lstat(abs.buf, &st) < 0) {
		rc = acct_error_at(err, errno == ENOENT ? ACCT_EDATA : ACCT_ERROR,
				   rel.buf, 0, 0, "cannot read the card: %s",
				   strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		rc = acct_error_at(err, ACCT_EDATA, rel.buf, 0, 0,
				   "the card is not a regular file");
	} else if ((rc = acct_file_read(&text, abs.buf, rel.buf,
					book->config.input_bytes, 0, err)) == 0) {
		rc = acct_client_parse(out, slug, rel.buf, text.buf, text.len, err);
	} else if (rc == ACCT_ENOTFOUND) {
		rc = ACCT_ERROR;	/* gone since lstat() */
	}
	acct_buf_release(&rel);
	acct_buf_release(&abs);
	acct_buf_release(&text);
	return rc;
}

int acct_client_locale_load(struct acct_buf *out, struct acct_book *book,
			    const char *slug, struct acct_error *err)
{
	struct acct_client *c = NULL;
	int rc;

	if ((rc = acct_client_load(&c, book, slug, err)) < 0)
		return rc;
	acct_buf_addstr(out, acct_client_locale(c, book->config.locale));
	acct_client_free(c);
	return 0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void acct_slugs_free(char **slugs, size_t n)
{
	while (n)
		free(slugs[--n]);
	free(slugs);
}

/* The slugs of a book at a past commit, from its tree. */
struct tree_slugs {
	char **v;
	size_t n, alloc;
};

static int tree_slug(void *payload, const char *name, int dir)
{
	struct tree_slugs *s = payload;

	if (!dir || acct_slug_check(name, NULL) < 0)
		return 0;
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 64;
		s->v = acct_realloc(s->v, s->alloc * sizeof(*s->v));
	}
	s->v[s->n++] = acct_strdup(name);
	return 0;
}

int acct_client_slugs(char ***out, size_t *n, struct acct_book *book,
		      struct acct_error *err)
{
	struct acct_buf dir = ACCT_BUF_INIT;
	struct dirent *de;
	char **v = NULL;
	size_t alloc = 0;
	DIR *d;

	*out = NULL;
	*n = 0;
	if (book->past) {
		struct tree_slugs s = { NULL, 0, 0 };
		int rc = acct_book_tree_list(book, "clients", tree_slug, &s,
					     err);

		if (rc < 0) {
			acct_slugs_free(s.v, s.n);
			return rc;
		}
		if (s.n)
			qsort(s.v, s.n, sizeof(*s.v), str_cmp);
		*out = s.v;
		*n = s.n;
		return 0;
	}
	acct_book_path(&dir, book, "clients");
	if (!(d = opendir(dir.buf))) {
		int e = errno;

		acct_buf_release(&dir);
		if (e == ENOENT)
			return 0;
		return acct_error_set(err, ACCT_ERROR, "cannot read 'clients': %s",
				      strerror(e));
	}
	while ((de = readdir(d))) {
		if (acct_slug_check(de->d_name, NULL) < 0)
			continue;
		if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			v = acct_realloc(v, alloc * sizeof(*v));
		}
		v[(*n)++] = acct_strdup(de->d_name);
	}
	closedir(d);
	acct_buf_release(&dir);
	if (*n)
		qsort(v, *n, sizeof(*v), str_cmp);
	*out = v;
	return 0;
}

int acct_client_resolve(struct acct_buf *out, struct acct_book *book,
			const char *arg, struct acct_error *err)
{
	struct acct_buf names = ACCT_BUF_INIT;
	char **slugs = NULL;
	size_t n = 0, i, len = strlen(arg), hits = 0, hit = 0;
	struct stat st;
	int rc;

	/*
	 * A slug typed whole names its folder: no listing of every client
	 * (a thousand names on a large book) to find it. The listing keeps
	 * the folders whose name is a slug; lstat() sees the same folder.
	 */
	if (!book->past && acct_slug_check(arg, NULL) == 0) {
		acct_book_path(&names, book, "clients/");
		acct_buf_addstr(&names, arg);
		rc = lstat(names.buf, &st);
		acct_buf_reset(&names);
		if (rc == 0 && S_ISDIR(st.st_mode)) {
			acct_buf_release(&names);
			acct_buf_addstr(out, arg);
			return 0;
		}
	}
	if ((rc = acct_client_slugs(&slugs, &n, book, err)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (!strcmp(slugs[i], arg)) {
			hits = 1;
			hit = i;
			break;
		}
		if (len && !strncmp(slugs[i], arg, len)) {
			if (hits < 6)
				acct_buf_addf(&names, "%s%s", hits ? ", " : "",
					      slugs[i]);
			hits++;
			hit = i;
		}
	}
	if (hits == 1) {
		acct_buf_addstr(out, slugs[hit]);
		rc = 0;
	} else if (!hits) {
		rc = acct_error_set(err, ACCT_ENOTFOUND, "no such client '%s'", arg);
		acct_error_hint(err, "'acct client list' shows the clients");
	} else {
		rc = acct_error_set(err, ACCT_EAMBIGUOUS, "'%s' is ambiguous: %s%s",
				    arg, names.buf, hits > 6 ? ", ..." : "");
	}
	acct_buf_release(&names);
	acct_slugs_free(slugs, n);
	return rc;
}

/* `key: value` in block style, value quoted as it needs. */
static void put_field(struct acct_buf *out, const char *key, const char *value,
		      unsigned flags)
{
	if (!value)
		return;
	acct_buf_addf(out, "%s: ", key);
	acct_yaml_quote(out, value, strlen(value), flags);
	acct_buf_addch(out, '\n');
}

static void put_list(struct acct_buf *out, const char *key,
		     const char *const *items, size_t n)
{
	size_t i;

	if (!n)
		return;
	acct_buf_addf(out, "%s: [", key);
	for (i = 0; i < n; i++) {
		if (i)
			acct_buf_addstr(out, ", ");
		acct_yaml_quote(out, items[i], strlen(items[i]), ACCT_YQ_FLOW);
	}
	acct_buf_addstr(out, "]\n");
}

static int check_spec(const struct acct_client_spec *s, struct acct_error *err)
{
	const char *const one[] = { s->name, s->manager, s->email, s->phone,
				    s->telegram, s->currency };
	const char *const what[] = { "name", "--manager", "--email", "--phone",
				     "--telegram", "--currency" };
	size_t i;
	int rc;

	for (i = 0; i < sizeof(one) / sizeof(*one); i++)
		if (one[i] && (rc = acct_text_check_line(one[i], what[i], err)) < 0)
			return rc;
	if (s->name && !*s->name)
		return acct_error_set(err, ACCT_EUSAGE, "name must not be empty");
	for (i = 0; i < s->nservices; i++)
		if ((rc = acct_text_check_line(s->services[i], "--service", err)) < 0)
			return rc;
	for (i = 0; i < s->ntags; i++)
		if ((rc = acct_text_check_line(s->tags[i], "--tag", err)) < 0)
			return rc;
	for (i = 0; i < s->ncampaigns; i++) {
		if ((rc = acct_text_check_line(s->campaigns[i], "--campaign",
					       err)) < 0)
			return rc;
		if (!*s->campaigns[i])
			return acct_error_set(err, ACCT_EUSAGE, "--campaign must "
					      "not be empty");
	}
	if (s->status && !acct_client_status_ok(s->status))
		return acct_error_set(err, ACCT_EUSAGE, "status must be one of lead, "
				      "active, paused, churned, not '%s'", s->status);
	if (s->budget && !acct_amount_ok(s->budget))
		return acct_error_set(err, ACCT_EUSAGE, "--budget must be a number "
				      "such as 150000 or 99.50, not '%s'", s->budget);
	if (s->currency) {
		if (!s->budget && !s->fee)
			return acct_error_set(err, ACCT_EUSAGE, "--currency goes with "
					      "--budget or --fee");
		if ((rc = acct_client_value_check("budget.currency",
						  "--currency", s->currency,
						  err)) < 0)
			return rc;
	}
	if ((s->locale &&
	     (rc = acct_client_value_check("locale", "--locale", s->locale,
					   err)) < 0) ||
	    (s->fast_channel &&
	     (rc = acct_client_value_check("channels.fast", "--fast-channel",
					   s->fast_channel, err)) < 0) ||
	    (s->official_channel &&
	     (rc = acct_client_value_check("channels.official",
					   "--official-channel",
					   s->official_channel, err)) < 0) ||
	    (s->fee && (rc = acct_client_value_check("fee.amount", "--fee",
						     s->fee, err)) < 0) ||
	    (s->floating &&
	     (rc = acct_client_value_check("fee.floating", "--floating",
					   s->floating, err)) < 0))
		return rc;
	if (s->floating && !s->fee)
		return acct_error_set(err, ACCT_EUSAGE, "--floating goes with "
				      "--fee: it is the share of the fee tied "
				      "to NPS");
	if (s->goal && ((rc = acct_text_check_line(s->goal, "--goal", err)) < 0 ||
			!*s->goal))
		return rc < 0 ? rc : acct_error_set(err, ACCT_EUSAGE,
						    "--goal must not be empty");
	for (i = 0; i < s->nkpis; i++) {
		if ((rc = acct_text_check_line(s->kpis[i], "--kpi", err)) < 0)
			return rc;
		if (!*s->kpis[i])
			return acct_error_set(err, ACCT_EUSAGE, "--kpi must not "
					      "be empty");
	}
	return 0;
}

/* The card's text, its keys in the usual order (acct_client_key_order). */
static void card_text(struct acct_buf *out, const struct acct_client_spec *s,
		      const char *status, const char *since, const char *manager,
		      const char *fee_currency)
{
	put_field(out, "name", s->name, 0);
	put_field(out, "status", status, 0);
	put_field(out, "since", since, ACCT_YQ_TYPED);
	put_field(out, "manager", manager, 0);
	put_list(out, "services", s->services, s->nservices);
	put_field(out, "email", s->email, 0);
	put_field(out, "phone", s->phone, 0);
	put_field(out, "telegram", s->telegram, 0);
	/* Channels, amounts, currencies and percents were checked: plain. */
	if (s->fast_channel || s->official_channel) {
		acct_buf_addstr(out, "channels: {");
		if (s->fast_channel)
			acct_buf_addf(out, "fast: %s", s->fast_channel);
		if (s->official_channel)
			acct_buf_addf(out, "%sofficial: %s", s->fast_channel ?
				      ", " : "", s->official_channel);
		acct_buf_addstr(out, "}\n");
	}
	put_field(out, "locale", s->locale, 0);
	if (s->budget) {
		acct_buf_addf(out, "budget: {amount: %s", s->budget);
		if (s->currency)
			acct_buf_addf(out, ", currency: %s", s->currency);
		acct_buf_addstr(out, ", period: month}\n");
	}
	if (s->fee) {
		acct_buf_addf(out, "fee: {amount: %s, currency: %s, period: month",
			      s->fee, fee_currency);
		if (s->floating)
			acct_buf_addf(out, ", floating: %s", s->floating);
		acct_buf_addstr(out, "}\n");
	}
	if (s->goal || s->nkpis) {
		size_t i;

		acct_buf_addstr(out, "goals: {");
		if (s->goal) {
			acct_buf_addstr(out, "business: ");
			acct_yaml_quote(out, s->goal, strlen(s->goal),
					ACCT_YQ_FLOW);
		}
		if (s->nkpis) {
			acct_buf_addstr(out, s->goal ? ", kpi: [" : "kpi: [");
			for (i = 0; i < s->nkpis; i++) {
				if (i)
					acct_buf_addstr(out, ", ");
				acct_yaml_quote(out, s->kpis[i],
						strlen(s->kpis[i]), ACCT_YQ_FLOW);
			}
			acct_buf_addch(out, ']');
		}
		acct_buf_addstr(out, "}\n");
	}
	put_list(out, "campaigns", s->campaigns, s->ncampaigns);
	put_list(out, "tags", s->tags, s->ntags);
}

/* A slug taken by a folder in the work tree or a path in HEAD. */
static int slug_taken(struct acct_book *book, const char *slug,
		      struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT, rel = ACCT_BUF_INIT;
	struct acct_client *c = NULL;
	struct stat st;
	int taken;

	acct_buf_addf(&rel, "clients/%s", slug);
	acct_book_path(&abs, book, rel.buf);
	taken = lstat(abs.buf, &st) == 0;
	acct_buf_release(&abs);
	acct_buf_release(&rel);
	if (!taken)
		return ACCT_EEXISTS;
	if (acct_client_load(&c, book, slug, NULL) == 0)
		acct_error_set(err, ACCT_EEXISTS, "slug '%s' is taken by client "
			       "'%s'", slug, c->name);
	else
		acct_error_set(err, ACCT_EEXISTS, "slug '%s' is taken (the folder "
			       "clients/%s exists)", slug, slug);
	acct_error_hint(err, "give another one with --slug");
	acct_client_free(c);
	return ACCT_EEXISTS;
}

int acct_client_add(struct acct_buf *slug_out, struct acct_book *book,
		    const struct acct_client_spec *spec,
		    struct acct_error *err)
{
	struct acct_buf slug = ACCT_BUF_INIT, text = ACCT_BUF_INIT,
			path = ACCT_BUF_INIT, msg = ACCT_BUF_INIT,
			who = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	char since[ACCT_DATE_STRLEN];
	const char *manager = spec->manager;
	int rc;

	if ((rc = check_spec(spec, err)) < 0)
		goto out;
	if (spec->slug) {
		if ((rc = acct_slug_check(spec->slug, err)) < 0)
			goto out;
		acct_buf_addstr(&slug, spec->slug);
	} else if ((rc = acct_slug_from_name(&slug, spec->name, err)) < 0) {
		goto out;
	}
	if (spec->since) {
		struct acct_date d;

		if ((rc = acct_date_parse(&d, spec->since, err)) < 0)
			goto out;
		acct_date_format(since, &d);
	} else {
		struct acct_date today;

		acct_time_date(&today, &book->now);
		acct_date_format(since, &today);
	}
	if (!manager) {
		if ((rc = acct_ident_who(&who, book, err)) < 0)
			goto out;
		manager = who.buf;
	}
	card_text(&text, spec, spec->status ? spec->status : "active", since,
		  manager, spec->currency ? spec->currency :
		  book->config.currency);
	acct_buf_addf(&path, "clients/%s/client.yaml", slug.buf);
	acct_commit_subject(&msg, "client add", slug.buf, spec->name);
	if ((rc = acct_txn_begin(&t, book, err)) < 0)
		goto out;
	rc = acct_txn_put(t, path.buf, text.buf, text.len, ACCT_TXN_NEW, err);
	if (rc == ACCT_EEXISTS)
		rc = slug_taken(book, slug.buf, err);
	if (rc < 0)
		goto out;
	if ((rc = acct_txn_commit(t, msg.buf, err)) < 0)
		goto out;
	acct_buf_addstr(slug_out, slug.buf);
	rc = 0;
out:
	acct_txn_free(t);
	acct_buf_release(&slug);
	acct_buf_release(&text);
	acct_buf_release(&path);
	acct_buf_release(&msg);
	acct_buf_release(&who);
	return rc;
}

const char *acct_client_locale(const struct acct_client *c,
			       const char *fallback)
{
	/* The loader let through only the locales acct has templates for. */
	return c && c->locale ? c->locale : fallback;
}
