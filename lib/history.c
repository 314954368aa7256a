#include "acct/history.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/folderlog.h"
#include "acct/git.h"
#include "acct/rawtree.h"
#include "acct/yaml.h"
#include "acct/yvalue.h"
#include "acct/banned.h"

/* --- the card, field by field ------------------------------------------ */

struct changes {
	struct acct_card_change *v;
	size_t n, alloc;
	/*
	 * The values are compared and written out with their aliases
	 * followed: a walk with a budget, so that a card whose aliases
	 * multiply (or a huge one) costs a bounded amount. Once it is spent
	 * the card is shown as a whole, as too large to compare.
	 */
	struct acct_ywalk *w;
};

static struct acct_card_change *add_change(struct changes *cs,
					   const char *field)
{
	struct acct_card_change *c;

	if (cs->n == cs->alloc) {
		cs->alloc = cs->alloc ? 2 * cs->alloc : 8;
		cs->v = acct_realloc(cs->v, cs->alloc * sizeof(*cs->v));
	}
	c = &cs->v[cs->n++];
	memset(c, 0, sizeof(*c));
	c->field = field ? acct_strdup(field) : NULL;
	return c;
}

/* A node as a value: aliases followed; NULL for absent or null. */
static const struct acct_ynode *value_of(const struct acct_ynode *n)
{
	if (!n)
		return NULL;
	n = acct_ynode_deref(n);
	if (!n || acct_ynode_is_null(n))
		return NULL;
	return n;
}

/* A value as one line of text: scalars as they are, else flow style. */
static void repr(struct changes *cs, struct acct_buf *out,
		 const struct acct_ynode *n)
{
	(void)acct_yvalue_flow(out, cs->w, n, 0);
}

static char *repr_dup(struct changes *cs, const struct acct_ynode *n)
{
	struct acct_buf b = ACCT_BUF_INIT;

	if (!value_of(n))
		return NULL;
	repr(cs, &b, n);
	return acct_buf_detach(&b, NULL);
}

static void free_items(char **v, size_t n)
{
	while (n)
		free(v[--n]);
	free(v);
}

/* Free the changes from..to of `c`, keeping the array. */
static void free_changes(struct acct_card_change *c, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		free(c[i].field);
		free(c[i].from);
		free(c[i].to);
		free_items(c[i].from_items, c[i].nfrom);
		free_items(c[i].to_items, c[i].nto);
		free_items(c[i].added, c[i].nadded);
		free_items(c[i].removed, c[i].nremoved);
	}
}

void acct_card_changes_free(struct acct_card_change *c, size_t n)
{
	free_changes(c, 0, n);
	free(c);
}

/* A list whose items are all scalars (tags, services), or NULL. */
static int scalar_list(const struct acct_ynode *n)
{
	size_t i;

	if (!n)
		return 1;
	if (n->type != ACCT_YSEQ)
		return 0;
	for (i = 0; i < n->n; i++)
		if (acct_ynode_deref(n->items[i])->type != ACCT_YSCALAR)
			return 0;
	return 1;
}

static int in_list(char *const *items, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(items[i], s))
			return 1;
	return 0;
}

/* An item of a list and where it stands, to sort by text. */
struct item_at {
	const char *s;
	size_t i;
};

static int item_cmp(const void *x, const void *y)
{
	const struct item_at *a = x, *b = y;
	int c = strcmp(a->s, b->s);

	return c ? c : (a->i > b->i) - (a->i < b->i);
}

static struct item_at *sorted_items(char *const *v, size_t n)
{
	struct item_at *s = acct_calloc(n + 1, sizeof(*s));
	size_t i;

	for (i = 0; i < n; i++) {
		s[i].s = v[i];
		s[i].i = i;
	}
	qsort(s, n, sizeof(*s), item_cmp);
	return s;
}

/* Where `text` first stands in sorted `s` (its index), or -1. */
static long first_at(const struct item_at *s, size_t n, const char *text)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(s[mid].s, text) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(s[lo].s, text) ? (long)s[lo].i : -1;
}

/* The items of `v` that `other` lacks, each once, in `v`'s order. */
static char **missing_from(char *const *v, size_t n, const struct item_at *sv,
			   const struct item_at *so, size_t nother,
			   size_t *count)
{
	char **out = acct_calloc(n + 1, sizeof(*out));
	size_t i;

	*count = 0;
	for (i = 0; i < n; i++)
		if (first_at(so, nother, v[i]) < 0 &&
		    first_at(sv, n, v[i]) == (long)i)
			out[(*count)++] = acct_strdup(v[i]);
	return out;
}

/* A list change from two lists of strings (taken over). */
static void list_change(struct changes *cs, const char *field,
			char **from, size_t nfrom, char **to, size_t nto)
{
	struct acct_card_change *c = add_change(cs, field);
	struct item_at *sf, *st;

	c->list = 1;
	c->from_items = from;
	c->nfrom = nfrom;
	c->to_items = to;
	c->nto = nto;
	/* Sorted, so that a list of thousands costs thousands, not millions. */
	if (!acct_ywalk_spend(cs->w, NULL, nfrom + nto, 0)) {
		c->added = acct_calloc(1, sizeof(*c->added));
		c->removed = acct_calloc(1, sizeof(*c->removed));
		return;
	}
	sf = sorted_items(from, nfrom);
	st = sorted_items(to, nto);
	c->added = missing_from(to, nto, st, sf, nfrom, &c->nadded);
	c->removed = missing_from(from, nfrom, sf, st, nto, &c->nremoved);
	free(sf);
	free(st);
}

static char **items_of(struct changes *cs, const struct acct_ynode *n,
		       size_t *count)
{
	char **v;
	size_t i;

	*count = n ? n->n : 0;
	v = acct_calloc(*count + 1, sizeof(*v));
	for (i = 0; i < *count; i++) {
		struct acct_buf b = ACCT_BUF_INIT;

		repr(cs, &b, n->items[i]);
		v[i] = acct_buf_detach(&b, NULL);
	}
	return v;
}

static void diff_value(struct changes *cs, const char *field,
		       const struct acct_ynode *a, const struct acct_ynode *b,
		       int top, size_t depth);

static void diff_map(struct changes *cs, const char *prefix,
		     const struct acct_ynode *a, const struct acct_ynode *b,
		     const char *skip, size_t depth)
{
	struct acct_buf field = ACCT_BUF_INIT;
	size_t i;

	for (i = 0; b && i + 1 < b->n; i += 2) {
		const struct acct_ynode *k = acct_ynode_deref(b->items[i]);

		if (!acct_ywalk_spend(cs->w, k, 1 + k->len, depth))
			break;
		if (skip && !strcmp(k->value, skip))
			continue;
		acct_buf_reset(&field);
		acct_buf_addf(&field, "%s%s", prefix, k->value);
		diff_value(cs, field.buf, acct_yvalue_get(cs->w, a, k, depth),
			   b->items[i + 1], !*prefix, depth + 1);
	}
	for (i = 0; a && i + 1 < a->n && !cs->w->spent; i += 2) {
		const struct acct_ynode *k = acct_ynode_deref(a->items[i]);

		if (skip && !strcmp(k->value, skip))
			continue;
		if (acct_yvalue_get(cs->w, b, k, depth) || cs->w->spent)
			continue;
		acct_buf_reset(&field);
		acct_buf_addf(&field, "%s%s", prefix, k->value);
		diff_value(cs, field.buf, a->items[i + 1], NULL, !*prefix,
			   depth + 1);
	}
	acct_buf_release(&field);
}

/* The contact's name, or NULL when `n` is not a contact with a name. */
static const char *contact_name(const struct acct_ynode *n)
{
	const struct acct_ynode *name;

	n = acct_ynode_deref(n);
	if (!n || n->type != ACCT_YMAP)
		return NULL;
	name = value_of(acct_ynode_get(n, "name", NULL));
	return name && name->type == ACCT_YSCALAR ? name->value : NULL;
}

static int contact_list(struct changes *cs, const struct acct_ynode *n)
{
	size_t i;

	if (!n)
		return 1;
	if (n->type != ACCT_YSEQ)
		return 0;
	for (i = 0; i < n->n; i++)
		if (!acct_ywalk_spend(cs->w, n->items[i], 1 +
				      acct_ynode_deref(n->items[i])->n / 2, 0) ||
		    !contact_name(n->items[i]))
			return 0;
	return 1;
}

static const struct acct_ynode *contact_named(struct changes *cs,
					      const struct acct_ynode *list,
					      const char *name)
{
	size_t i;

	for (i = 0; list && i < list->n &&
	     acct_ywalk_spend(cs->w, list, 1, 0); i++)
		if (!strcmp(contact_name(list->items[i]), name))
			return acct_ynode_deref(list->items[i]);
	return NULL;
}

/*
 * Contacts by name: the names added and removed as one list change, then
 * each contact that stayed, key by key ("contacts[Ivan Ivanov].email").
 */
static void diff_contacts(struct changes *cs, const struct acct_ynode *a,
			  const struct acct_ynode *b, size_t depth)
{
	struct acct_buf prefix = ACCT_BUF_INIT;
	char **from, **to;
	size_t nfrom = a ? a->n : 0, nto = b ? b->n : 0, i;
	int same = nfrom == nto;

	from = acct_calloc(nfrom + 1, sizeof(*from));
	to = acct_calloc(nto + 1, sizeof(*to));
	for (i = 0; i < nfrom; i++)
		from[i] = acct_strdup(contact_name(a->items[i]));
	for (i = 0; i < nto; i++) {
		to[i] = acct_strdup(contact_name(b->items[i]));
		if (same && strcmp(from[i], to[i]))
			same = 0;
	}
	if (!same) {
		list_change(cs, "contacts", from, nfrom, to, nto);
	} else {
		for (i = 0; i < nfrom; i++)
			free(from[i]);
		for (i = 0; i < nto; i++)
			free(to[i]);
		free(from);
		free(to);
	}
	for (i = 0; i < nto && !cs->w->spent; i++) {
		const char *name = contact_name(b->items[i]);
		const struct acct_ynode *old = contact_named(cs, a, name);

		if (!old || contact_named(cs, b, name) !=
			    acct_ynode_deref(b->items[i]))
			continue;
		acct_buf_reset(&prefix);
		acct_buf_addf(&prefix, "contacts[%s].", name);
		diff_map(cs, prefix.buf, old, acct_ynode_deref(b->items[i]),
			 "name", depth + 1);
	}
	acct_buf_release(&prefix);
}

static void diff_value(struct changes *cs, const char *field,
		       const struct acct_ynode *a, const struct acct_ynode *b,
		       int top, size_t depth)
{
	struct acct_card_change *c;

	a = value_of(a);
	b = value_of(b);
	/* The same value, however far its aliases reach, is no change. */
	if ((!a && !b) || acct_yvalue_equal(cs->w, a, b, depth) == 1 ||
	    cs->w->spent)
		return;
	if (top && !strcmp(field, "contacts") && contact_list(cs, a) &&
	    contact_list(cs, b)) {
		diff_contacts(cs, a, b, depth);
		return;
	}
	if ((!a || a->type == ACCT_YMAP) && (!b || b->type == ACCT_YMAP)) {
		struct acct_buf prefix = ACCT_BUF_INIT;

		acct_buf_addf(&prefix, "%s.", field);
		diff_map(cs, prefix.buf, a, b, NULL, depth);
		acct_buf_release(&prefix);
		return;
	}
	if (scalar_list(a) && scalar_list(b)) {
		char **from, **to;
		size_t nfrom, nto;

		from = items_of(cs, a, &nfrom);
		to = items_of(cs, b, &nto);
		if (nfrom || nto) {
			list_change(cs, field, from, nfrom, to, nto);
			return;
		}
		free(from);	/* absent and [] are the same */
		free(to);
		return;
	}
	c = add_change(cs, field);
	c->from = repr_dup(cs, a);
	c->to = repr_dup(cs, b);
}

void acct_card_diff(struct acct_card_change **out, size_t *n,
		    const struct acct_client *from,
		    const struct acct_client *to)
{
	struct acct_ywalk w;
	struct changes cs = { *out, *n, *n, &w };
	const struct acct_ynode *a = from ? value_of(from->doc.root) : NULL;
	const struct acct_ynode *b = to ? value_of(to->doc.root) : NULL;
	size_t before = *n;

	acct_ywalk_init(&w, ACCT_YWALK_BUDGET((from ? from->doc.len : 0) +
					      (to ? to->doc.len : 0)));
	if (a && a->type != ACCT_YMAP)
		a = NULL;
	if (b && b->type != ACCT_YMAP)
		b = NULL;
	diff_map(&cs, "", a, b, NULL, 0);
	if (w.spent) {
		/* Too much to compare field by field: the card as a whole. */
		struct acct_card_change *c;

		free_changes(cs.v, before, cs.n);
		cs.n = before;
		c = add_change(&cs, NULL);
		c->from = acct_strdup(ACCT_TOO_LARGE);
		c->to = acct_strdup(ACCT_TOO_LARGE);
	}
	*out = cs.v;
	*n = cs.n;
}

/* --- reading versions from git ----------------------------------------- */

/*
 * The blob `id`, or NULL when it is larger than `limit` (the book's
 * limits.input_bytes, as for the files themselves): that version is
 * shown as unreadable.
 */
static int read_blob(git_blob **out, git_repository *repo, const git_oid *id,
		     size_t limit, struct acct_error *err)
{
	if (git_blob_lookup(out, repo, id) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read a file from git");
	if ((size_t)git_blob_rawsize(*out) > limit) {
		git_blob_free(*out);
		*out = NULL;
	}
	return 0;
}

/* Which of a client's files a version is of. */
enum version_of { VERSION_CARD, VERSION_BRIEF };

/* A version of the card or the brief, as read from git. */
struct version {
	struct acct_client *card;
	struct acct_brief *brief;
	int unreadable;		/* there, but too large or it does not parse */
};

/*
 * Version `id` of the card or the brief of `slug`: none when `id` is
 * NULL, `unreadable` when it is larger than `limit` or does not parse.
 */
static int load_version(struct version *v, enum version_of of,
			git_repository *repo, const git_oid *id,
			const char *slug, size_t limit, struct acct_error *err)
{
	struct acct_error why = ACCT_ERROR_INIT;
	struct acct_buf path = ACCT_BUF_INIT;
	git_blob *blob = NULL;
	const char *text;
	size_t len;
	int rc;

	memset(v, 0, sizeof(*v));
	if (!id)
		return 0;
	if ((rc = read_blob(&blob, repo, id, limit, err)) < 0)
		return rc;
	if (!blob) {
		v->unreadable = 1;
		return 0;
	}
	text = git_blob_rawcontent(blob);
	len = (size_t)git_blob_rawsize(blob);
	acct_buf_addf(&path, "clients/%s/%s", slug, of == VERSION_CARD ?
		      "client.yaml" : ACCT_BRIEF_FILE);
	if (of == VERSION_CARD ?
	    acct_client_parse(&v->card, slug, path.buf, text, len, NULL) < 0 :
	    acct_brief_parse(&v->brief, path.buf, text, len, &why) < 0)
		v->unreadable = 1;
	git_blob_free(blob);
	acct_buf_release(&path);
	return 0;
}

static void version_release(struct version *v)
{
	acct_client_free(v->card);
	acct_brief_free(v->brief);
	memset(v, 0, sizeof(*v));
}

/* --- the brief, section by section -------------------------------------- */

static void add_name(char ***v, size_t *n, const char *name)
{
	if (in_list(*v, *n, name))
		return;
	*v = acct_realloc(*v, (*n + 2) * sizeof(**v));
	(*v)[(*n)++] = acct_strdup(name);
	(*v)[*n] = NULL;
}

/*
 * The known sections whose heading or content differ, added or removed
 * too, in the template's order (as acct_brief_changes() names them in a
 * brief's commit subject).
 */
static void diff_brief(struct acct_history_entry *e, const struct acct_brief *a,
		       const struct acct_brief *b)
{
	size_t i;

	for (i = 0; acct_brief_keys[i]; i++) {
		const struct acct_brief_section *sa =
			a ? acct_brief_section(a, acct_brief_keys[i]) : NULL;
		const struct acct_brief_section *sb =
			b ? acct_brief_section(b, acct_brief_keys[i]) : NULL;

		/* The same rule as the brief's commit subjects. */
		if (acct_brief_section_changed(a, sa, b, sb))
			add_name(&e->brief, &e->nbrief, acct_brief_keys[i]);
	}
}

/* --- the commits that changed the card or the brief ------------------------ */

/* The card's and the brief's blobs in a client's folder. */
struct files {
	int has_card, has_brief;
	git_oid card, brief;
};

/* The entry `name` of the tree `id` into `*e` (`raw` holds it): 1 or 0. */
static int tree_entry(struct acct_rawtree_entry *e, struct acct_rawtree *raw,
		      git_odb *odb, const git_oid *id, const char *name,
		      struct acct_error *err)
{
	int rc;

	if ((rc = acct_rawtree_read(raw, odb, id, err)) < 0)
		return rc;
	if ((rc = acct_rawtree_find(e, raw->data, raw->len, name)) < 0) {
		acct_error_set(err, ACCT_ERROR, "cannot read a tree: %s is "
			       "damaged", git_oid_tostr_s(id));
		return ACCT_ERROR;
	}
	return rc;
}

/* The files of clients/<slug> in the root tree `root` (none: no folder). */
static int folder_files(struct files *f, git_odb *odb, const git_oid *root,
			const char *slug, struct acct_error *err)
{
	struct acct_rawtree raw = ACCT_RAWTREE_INIT;
	struct acct_rawtree_entry e;
	git_oid id;
	size_t pos = 0;
	int rc;

	memset(f, 0, sizeof(*f));
	if ((rc = tree_entry(&e, &raw, odb, root, "clients", err)) <= 0 ||
	    !e.is_tree)
		goto out;
	git_oid_fromraw(&id, e.id);
	if ((rc = tree_entry(&e, &raw, odb, &id, slug, err)) <= 0 || !e.is_tree)
		goto out;
	git_oid_fromraw(&id, e.id);
	if ((rc = acct_rawtree_read(&raw, odb, &id, err)) < 0)
		goto out;
	while ((rc = acct_rawtree_next(&e, raw.data, raw.len, &pos)) == 1) {
		if (!e.is_blob)
			continue;
		if (e.namelen == 11 && !memcmp(e.name, "client.yaml", 11)) {
			f->has_card = 1;
			git_oid_fromraw(&f->card, e.id);
		} else if (e.namelen == 8 && !memcmp(e.name, "brief.md", 8)) {
			f->has_brief = 1;
			git_oid_fromraw(&f->brief, e.id);
		}
	}
	if (rc < 0)
		rc = acct_error_set(err, ACCT_ERROR, "cannot read a tree: %s is "
				    "damaged", git_oid_tostr_s(&id));
out:
	acct_rawtree_release(&raw);
	return rc < 0 ? rc : 0;
}

static int blob_differs(int has_a, const git_oid *a, int has_b,
			const git_oid *b)
{
	return has_a != has_b || (has_a && !git_oid_equal(a, b));
}

struct history_state {
	struct acct_history *h;
	size_t alloc;
	git_repository *repo;
	struct acct_error *err;
	size_t limit;		/* the largest version read */
};

static void unreadable_card(struct changes *cs, int from, int to)
{
	struct acct_card_change *c = add_change(cs, NULL);

	c->from = from ? acct_strdup(ACCT_UNREADABLE) : NULL;
	c->to = to ? acct_strdup(ACCT_UNREADABLE) : NULL;
}

/* The blob of the card or the brief in `f`, or NULL. */
static const git_oid *file_id(const struct files *f, enum version_of of)
{
	if (of == VERSION_CARD)
		return f->has_card ? &f->card : NULL;
	return f->has_brief ? &f->brief : NULL;
}

/*
 * Whether the commit changed the card or the brief (1) or not (0); when
 * it did, `was` and `is` hold its version before the commit and in it.
 */
static int load_changed(struct version *was, struct version *is,
			enum version_of of, struct history_state *st,
			const struct files *before, const char *old_slug,
			const struct files *now, const char *slug)
{
	const git_oid *a = file_id(before, of), *b = file_id(now, of);
	int rc;

	if (!blob_differs(a != NULL, a, b != NULL, b))
		return 0;
	if ((rc = load_version(was, of, st->repo, a, old_slug, st->limit,
			       st->err)) < 0 ||
	    (rc = load_version(is, of, st->repo, b, slug, st->limit,
			       st->err)) < 0)
		return rc;
	return 1;
}

/* The entry for `commit`: its card and brief against its parent's. */
static int describe(struct history_state *st, git_commit *commit,
		    const char *slug, const struct files *now,
		    const char *old_slug, const struct files *before)
{
	struct acct_history_entry *e;
	const git_signature *who = git_commit_author(commit);
	const char *summary = git_commit_summary(commit);
	struct version was = { NULL, NULL, 0 }, is = { NULL, NULL, 0 };
	int rc = 0;
	struct changes cs = { NULL, 0, 0 };

	if (st->h->n == st->alloc) {
		st->alloc = st->alloc ? 2 * st->alloc : 16;
		st->h->entries = acct_realloc(st->h->entries,
					      st->alloc * sizeof(*st->h->entries));
	}
	e = &st->h->entries[st->h->n++];
	memset(e, 0, sizeof(*e));
	git_oid_tostr(e->commit, sizeof(e->commit), git_commit_id(commit));
	e->when.sec = (int64_t)who->when.time;
	e->when.off = who->when.offset;
	e->author = acct_strdup(who->name ? who->name : "");
	e->email = acct_strdup(who->email ? who->email : "");
	e->subject = acct_strdup(summary ? summary : "");

	if (strcmp(old_slug, slug)) {
		struct acct_card_change *c = add_change(&cs, "slug");

		c->from = acct_strdup(old_slug);
		c->to = acct_strdup(slug);
	}
	if ((rc = load_changed(&was, &is, VERSION_CARD, st, before, old_slug,
			       now, slug)) > 0) {
		e->card_touched = 1;
		/*
		 * An unreadable version cannot be compared: say so, and
		 * when the new one reads, what it holds.
		 */
		if (was.unreadable || is.unreadable)
			unreadable_card(&cs, was.unreadable, is.unreadable);
		if (!is.unreadable)
			acct_card_diff(&cs.v, &cs.n, was.card, is.card);
	}
	version_release(&was);
	version_release(&is);
	if (rc >= 0 && (rc = load_changed(&was, &is, VERSION_BRIEF, st, before,
					  old_slug, now, slug)) > 0) {
		e->brief_touched = 1;
		if (was.unreadable || is.unreadable)
			add_name(&e->brief, &e->nbrief, ACCT_UNREADABLE);
		else
			diff_brief(e, was.brief, is.brief);
	}
	e->card = cs.v;
	e->ncard = cs.n;
	version_release(&was);
	version_release(&is);
	return rc < 0 ? rc : 0;
}

/* The change of folder `name` in commit `c`, or NULL. */
static const struct acct_folderlog_change *change_of(
	const struct acct_folderlog *fl, const struct acct_folderlog_commit *c,
	uint32_t name)
{
	uint32_t i;

	for (i = 0; i < c->n; i++)
		if (fl->changes[c->first + i].name == name)
			return &fl->changes[c->first + i];
	return NULL;
}

/*
 * The entry for commit `id`, which changed the card or the brief of
 * clients/<slug>, or renamed clients/<old_slug> to it.
 */
static int describe_commit(struct history_state *st, git_odb *odb,
			   const unsigned char *id, const char *slug,
			   const char *old_slug)
{
	git_commit *commit = NULL, *parent = NULL;
	struct files now, before;
	git_oid oid;
	int rc;

	memset(&before, 0, sizeof(before));
	git_oid_fromraw(&oid, id);
	if (git_commit_lookup(&commit, st->repo, &oid) < 0)
		return acct_git_error(st->err, ACCT_ERROR, "cannot read a commit");
	if (git_commit_parentcount(commit) > 0 &&
	    git_commit_parent(&parent, commit, 0) < 0) {
		rc = acct_git_error(st->err, ACCT_ERROR,
				    "cannot read a parent commit");
		goto out;
	}
	if ((rc = folder_files(&now, odb, git_commit_tree_id(commit), slug,
			       st->err)) < 0 ||
	    (parent && (rc = folder_files(&before, odb,
					  git_commit_tree_id(parent), old_slug,
					  st->err)) < 0))
		goto out;
	rc = describe(st, commit, slug, &now, old_slug, &before);
out:
	git_commit_free(parent);
	git_commit_free(commit);
	return rc;
}

int acct_history(struct acct_history **out, struct acct_book *book,
		 const char *slug, size_t limit, struct acct_error *err)
{
	struct history_state st = { NULL, 0, book->repo, err,
				    book->config.input_bytes };
	struct acct_folderlog *fl = NULL;
	git_odb *odb = NULL;
	uint32_t cur;
	size_t i;
	int rc;

	*out = NULL;
	st.h = acct_calloc(1, sizeof(*st.h));
	if ((rc = acct_folderlog_get(&fl, book, 0, err)) < 0)
		goto done;
	if (git_repository_odb(&odb, book->repo) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot open the object database");
		goto done;
	}
	/*
	 * Down the first-parent line, newest first, through the commits
	 * that changed the folder (only those are listed), while the folder
	 * is there: where it appeared, the history ends, unless it was
	 * renamed from another folder, whose history follows.
	 */
	cur = acct_folderlog_name(fl, slug);
	for (i = 0; cur != ACCT_FOLDERLOG_NONE && i < fl->ncommits &&
	     (!limit || st.h->n < limit); i++) {
		const struct acct_folderlog_commit *c = &fl->commits[i];
		const struct acct_folderlog_change *ch = change_of(fl, c, cur);
		uint32_t moved;

		if (!ch)
			continue;
		if (!(ch->flags & ACCT_FOLDERLOG_DIR))
			break;		/* not in this commit (nor in HEAD) */
		moved = ch->flags & ACCT_FOLDERLOG_DIR_BEFORE ?
			ACCT_FOLDERLOG_NONE : c->moved;
		if (((ch->flags & ACCT_FOLDERLOG_FILES) ||
		     moved != ACCT_FOLDERLOG_NONE) &&
		    (rc = describe_commit(&st, odb, c->id, fl->names[cur],
					  fl->names[moved != ACCT_FOLDERLOG_NONE ?
						    moved : cur])) < 0)
			goto done;
		if (moved != ACCT_FOLDERLOG_NONE)
			cur = moved;
		else if (!(ch->flags & ACCT_FOLDERLOG_DIR_BEFORE))
			break;
	}
	rc = 0;
done:
	git_odb_free(odb);
	acct_folderlog_free(fl);
	if (rc < 0) {
		acct_history_free(st.h);
		return rc;
	}
	*out = st.h;
	return 0;
}

void acct_history_free(struct acct_history *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < h->n; i++) {
		struct acct_history_entry *e = &h->entries[i];

		free(e->author);
		free(e->email);
		free(e->subject);
		acct_card_changes_free(e->card, e->ncard);
		free_items(e->brief, e->nbrief);
	}
	free(h->entries);
	free(h);
}
