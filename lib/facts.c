/*
 * The facts of a client, read from its files: each log entry, NPS answer,
 * the card and the brief reduced to what the agenda, the health scores
 * and the portfolio read of them (acct/facts.h). lib/facts_cache.c keeps
 * them between runs; this file knows how they are made.
 */
#include "acct/facts.h"
#include "facts_int.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/kpi.h"
#include "acct/nps.h"
#include "acct/yaml.h"
#include "acct/banned.h"

/* A client's arena starts small (most hold a few strings) and grows. */
#define ARENA_FIRST 512
#define ARENA_MAX 16384

void *facts_alloc(struct facts_arena *a, size_t n)
{
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (n > a->left) {
		size_t block = a->n >= 5 ? ARENA_MAX : (size_t)ARENA_FIRST << a->n;

		a->blocks = acct_realloc(a->blocks, (a->n + 1) *
					 sizeof(*a->blocks));
		if (n > block / 4) {	/* a large one stands alone */
			a->blocks[a->n++] = acct_malloc(n);
			return a->blocks[a->n - 1];
		}
		a->blocks[a->n++] = acct_malloc(block);
		a->cur = a->blocks[a->n - 1];
		a->left = block;
	}
	p = a->cur;
	a->cur += n;
	a->left -= n;
	return p;
}

char *facts_strndup(struct facts_arena *a, const char *s, size_t n)
{
	char *p = facts_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *facts_strdup(struct facts_arena *a, const char *s)
{
	return s ? facts_strndup(a, s, strlen(s)) : NULL;
}

void facts_arena_release(struct facts_arena *a)
{
	while (a->n)
		free(a->blocks[--a->n]);
	free(a->blocks);
	memset(a, 0, sizeof(*a));
}

int facts_index_of(const char *const *v, const char *s)
{
	int i;

	for (i = 0; s && v[i]; i++)
		if (!strcmp(v[i], s))
			return i;
	return -1;
}

static const char *const directions[] = { "out", "in", NULL };

uint32_t acct_facts_keyday(const struct acct_date *d)
{
	return (uint32_t)(d->year * 10000 + d->month * 100 + d->day);
}

/* The date of a key "YYYY-MM-DD...", as the agenda has always read it. */
static void key_day(struct acct_date *d, const char *key)
{
	char day[ACCT_DATE_STRLEN];

	memcpy(day, key, 10);
	day[10] = '\0';
	if (acct_date_parse(d, day, NULL) < 0)
		*d = (struct acct_date){ 1970, 1, 1 };
}

/* One of the strings of `v` equal to `s`: the same pointer every time. */
static const char *interned(const char *const *v, const char *s)
{
	int i = facts_index_of(v, s);

	return i < 0 ? NULL : v[i];
}

struct acct_fact_entry *facts_entry_add(struct facts_client *c)
{
	if (c->nentries == c->aentries) {
		c->aentries = c->aentries ? 2 * c->aentries : 16;
		c->entries = acct_realloc(c->entries, c->aentries *
					  sizeof(*c->entries));
	}
	memset(&c->entries[c->nentries], 0, sizeof(*c->entries));
	return &c->entries[c->nentries++];
}

struct acct_fact_answer *facts_answer_add(struct facts_client *c)
{
	if (c->nanswers == c->aanswers) {
		c->aanswers = c->aanswers ? 2 * c->aanswers : 8;
		c->answers = acct_realloc(c->answers, c->aanswers *
					  sizeof(*c->answers));
	}
	memset(&c->answers[c->nanswers], 0, sizeof(*c->answers));
	return &c->answers[c->nanswers++];
}

void facts_entry_set(struct facts_client *c, struct acct_fact_entry *out,
		     const char *path, const char *key,
		     const struct acct_entry *e)
{
	struct acct_fact_action *open = NULL, *undated = NULL;
	size_t i, n = 0, u = 0;

	out->path = e ? NULL : facts_strdup(&c->arena, path);
	out->keyday = (uint32_t)((((((((key[0] - '0') * 10 + (key[1] - '0')) *
				     10 + (key[2] - '0')) * 10 + (key[3] - '0')) *
				   10 + (key[5] - '0')) * 10 + (key[6] - '0')) *
				 10 + (key[8] - '0')) * 10 + (key[9] - '0'));
	key_day(&out->day, key);
	if (!e) {
		out->bad = 1;
		return;
	}
	acct_time_date(&out->when, &e->when);
	out->kind = interned(acct_entry_kinds, e->kind);
	out->channel = interned(acct_entry_channels, e->channel);
	out->direction = interned(directions, e->direction);
	for (i = 0; i < e->nactions; i++) {
		out->ndue += e->actions[i].has_due;
		n += e->actions[i].has_due && !e->actions[i].done;
		u += !e->actions[i].has_due && !e->actions[i].done;
	}
	if (n)
		open = facts_alloc(&c->arena, n * sizeof(*open));
	if (u)
		undated = facts_alloc(&c->arena, u * sizeof(*undated));
	for (i = 0; i < e->nactions; i++) {
		const struct acct_action *a = &e->actions[i];
		struct acct_fact_action *o;

		if (a->done)
			continue;
		if (a->has_due) {
			o = &open[out->nopen++];
			o->due = a->due;
		} else {
			o = &undated[out->nundated++];
			memset(&o->due, 0, sizeof(o->due));
		}
		memcpy(o->id, a->id, ACCT_ACTION_ID_LEN);
		o->id[ACCT_ACTION_ID_LEN] = '\0';
		o->text = facts_strdup(&c->arena, a->text);
	}
	out->open = open;
	out->undated = undated;
}

void facts_answer_set(struct facts_client *c, struct acct_fact_answer *out,
		      const char *path, const struct acct_date *named,
		      const struct acct_nps_answer *a)
{
	out->path = facts_strdup(&c->arena, path);
	out->named = *named;
	if (!a) {
		out->bad = 1;
		return;
	}
	out->date = a->date;
	out->score = a->score;
	out->csat = a->csat;
	out->respondent = facts_strdup(&c->arena, a->respondent);
	out->role = facts_strdup(&c->arena, a->role);
	out->survey = facts_strdup(&c->arena, a->survey);
	out->comment = facts_strdup(&c->arena, a->comment);
}

/*
 * The card is kept as the cache has it: its fields, without its YAML tree
 * (16 KB a card), read back from the bytes the cache would keep. So a
 * card read now and one from the cache are the same to every reader.
 */
void facts_read_card(struct facts_client *c, struct acct_book *book)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *card = NULL;
	const struct acct_ynode *n;
	struct acct_buf *bytes;
	struct wire r;

	if (acct_client_load(&card, book, c->pub.slug, &err) < 0) {
		c->card = NULL;
		c->pub.card_bad = 1;
		return;
	}
	if ((n = acct_ynode_get(card->doc.root, "timezone", NULL))) {
		c->pub.tz_at[0] = n->line;
		c->pub.tz_at[1] = n->col;
	}
	if ((n = acct_ynode_get(card->doc.root, "hours", NULL))) {
		c->pub.hours_at[0] = n->line;
		c->pub.hours_at[1] = n->col;
	}
	c->pub.card = card;
	bytes = facts_keep_buf(c);
	wire_card(bytes, &c->pub);
	c->pub.card = NULL;
	acct_client_free(card);
	r.p = (const unsigned char *)bytes->buf;
	r.end = r.p + bytes->len;
	r.bad = 0;
	wire_get_card(&r, c);
}

struct acct_buf *facts_keep_buf(struct facts_client *c)
{
	struct acct_buf *buf = facts_alloc(&c->arena, sizeof(*buf));

	*buf = (struct acct_buf)ACCT_BUF_INIT;
	c->arena_bufs = acct_realloc(c->arena_bufs, (c->nbufs + 1) *
				     sizeof(*c->arena_bufs));
	c->arena_bufs[c->nbufs++] = buf;
	return buf;
}

/* The lines of the brief's KPI section, one by one. */
struct kpi_lines {
	struct facts_client *c;
	const char **v;
	size_t n, alloc;
};

static void kpi_line(const char *line, void *payload)
{
	struct kpi_lines *k = payload;

	if (k->n == k->alloc) {
		const char **v = facts_alloc(&k->c->arena, (2 * k->alloc + 4) *
					     sizeof(*v));

		if (k->n)
			memcpy(v, k->v, k->n * sizeof(*v));
		k->v = v;
		k->alloc = 2 * k->alloc + 4;
	}
	k->v[k->n++] = facts_strdup(&k->c->arena, line);
}

void facts_read_brief(struct facts_client *c, struct acct_book *book)
{
	struct acct_fact_brief *fb = &c->pub.brief;
	struct acct_brief_findings f = ACCT_BRIEF_FINDINGS_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_brief *br = NULL;
	const struct acct_brief_section *s;
	struct kpi_lines k = { c, NULL, 0, 0 };
	int rc = acct_brief_load(&br, book, c->pub.slug, &err);

	memset(fb, 0, sizeof(*fb));
	if (rc == ACCT_ENOTFOUND) {
		fb->state = ACCT_FACT_NONE;
		return;
	}
	if (rc < 0) {
		fb->state = ACCT_FACT_BAD;
		return;
	}
	fb->state = ACCT_FACT_OK;
	fb->found = acct_brief_find(&f, br);
	fb->missing = facts_alloc(&c->arena, (f.nmissing + 1) *
				  sizeof(*fb->missing));
	fb->empty = facts_alloc(&c->arena, (f.nempty + 1) * sizeof(*fb->empty));
	if (f.nmissing)
		memcpy(fb->missing, f.missing, f.nmissing * sizeof(*f.missing));
	if (f.nempty)
		memcpy(fb->empty, f.empty, f.nempty * sizeof(*f.empty));
	fb->nmissing = f.nmissing;
	fb->nempty = f.nempty;
	if ((s = acct_brief_section(br, "kpi")) && !s->empty)
		acct_brief_lines(s->text, kpi_line, &k);
	fb->kpis = k.v;
	fb->nkpis = k.n;
	acct_brief_findings_release(&f);
	acct_brief_free(br);
}

/*
 * The text of record `path` (of the work tree, or of the tree of a book at
 * a past commit) and its blob id: 0, or -1 when it cannot be read (the
 * record is then bad, and its reader loads it again for the error).
 */
int facts_read_text(struct acct_buf *out, unsigned char *id,
		    struct acct_book *book, const char *path)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	git_oid oid;
	int rc;

	acct_buf_reset(out);
	if (book->past) {
		rc = acct_book_tree_read(out, book, path, NULL) < 0 ||
		     acct_book_tree_id(id, book, path) < 0 ? -1 : 0;
		return rc;
	}
	acct_book_path(&abs, book, path);
	rc = acct_file_read(out, abs.buf, path, book->config.input_bytes, 0,
			    NULL) < 0 ? -1 : 0;
	acct_buf_release(&abs);
	if (rc == 0 && git_odb_hash(&oid, out->buf, out->len,
				    GIT_OBJECT_BLOB) == 0)
		memcpy(id, oid.id, GIT_OID_RAWSZ);
	return rc;
}

void facts_load_entry(struct facts_client *c, struct acct_fact_entry *out,
		      struct acct_book *book, const char *path,
		      const char *key, struct acct_buf *text)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_entry *e = NULL;
	unsigned char id[GIT_OID_RAWSZ] = { 0 };

	if (facts_read_text(text, id, book, path) < 0 ||
	    acct_entry_parse(&e, c->pub.slug, path, text->buf, text->len,
			     &err) < 0)
		e = NULL;
	facts_entry_set(c, out, path, key, e);
	if (e)
		memcpy(out->id, id, sizeof(id));
	acct_entry_free(e);
}

void facts_load_answer(struct facts_client *c, struct acct_fact_answer *out,
		       struct acct_book *book, const char *path,
		       const struct acct_date *named, struct acct_buf *text)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_nps_answer *a = NULL;
	unsigned char id[GIT_OID_RAWSZ] = { 0 };

	if (facts_read_text(text, id, book, path) < 0 ||
	    acct_nps_parse(&a, c->pub.slug, path, text->buf, text->len,
			   &err) < 0)
		a = NULL;
	facts_answer_set(c, out, path, named, a);
	if (a)
		memcpy(out->id, id, sizeof(id));
	acct_nps_free(a);
}

/*
 * The record of `now` (an entry, or with `nps` an answer) at `path` with
 * the blob `path` has in the past book, or NULL. A client's entries are
 * sorted newest first by key, then path: by file name backwards, since
 * a name begins with its key and its year folder is the name's year;
 * its answers oldest first by date, then path: by path.
 */
static const void *reused(const struct acct_client_facts *now,
			  struct acct_book *book, const char *path, int nps)
{
	const struct facts_client *fc = (const struct facts_client *)now;
	const char *name = strrchr(path, '/');
	unsigned char id[GIT_OID_RAWSZ];
	size_t lo = 0, hi;

	if (!now || !book->past || (!nps && !fc->entry_names) ||
	    acct_book_tree_id(id, book, path) < 0)
		return NULL;	/* without the names: read it */
	name = name ? name + 1 : path;
	hi = nps ? now->nanswers : now->nentries;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *p = nps ? now->answers[mid].path :
				fc->entry_names[mid];
		int c;

		if (!p)
			return NULL;	/* paths not known: read it */
		c = strcmp(p, nps ? path : name);
		if (!nps)
			c = -c;
		if (!c) {
			const unsigned char *x = nps ? now->answers[mid].id :
						 now->entries[mid].id;
			int bad = nps ? now->answers[mid].bad :
				  now->entries[mid].bad;

			if (bad || memcmp(x, id, sizeof(id)))
				return NULL;
			return nps ? (const void *)&now->answers[mid]
				   : (const void *)&now->entries[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const struct acct_fact_action *
copy_actions(struct facts_client *c, const struct acct_fact_action *v, size_t n)
{
	struct acct_fact_action *out = NULL;
	size_t i;

	if (n)
		out = facts_alloc(&c->arena, n * sizeof(*out));
	for (i = 0; i < n; i++) {
		out[i] = v[i];
		out[i].text = facts_strdup(&c->arena, v[i].text);
	}
	return out;
}

/* A copy of `e` in `c`, its open items too (`now` may go first). */
void facts_copy_entry(struct facts_client *c, struct acct_fact_entry *out,
		      const struct acct_fact_entry *e)
{
	*out = *e;
	out->path = facts_strdup(&c->arena, e->path);
	out->open = copy_actions(c, e->open, e->nopen);
	out->undated = copy_actions(c, e->undated, e->nundated);
}

void facts_copy_answer(struct facts_client *c, struct acct_fact_answer *out,
		       const struct acct_fact_answer *a)
{
	*out = *a;
	out->path = facts_strdup(&c->arena, a->path);
	out->respondent = facts_strdup(&c->arena, a->respondent);
	out->role = facts_strdup(&c->arena, a->role);
	out->survey = facts_strdup(&c->arena, a->survey);
	out->comment = facts_strdup(&c->arena, a->comment);
}

void facts_add_entries(struct facts_client *c, struct acct_book *book,
		       const struct acct_client_facts *now,
		       const struct acct_entry_list *list)
{
	struct acct_buf text = ACCT_BUF_INIT;
	const char **names = NULL;
	size_t i;

	if (c->nentries + list->n > c->aentries) {
		/* As many as listed: a book's worth of entries adds up. */
		c->aentries = c->nentries + list->n;
		c->entries = acct_realloc(c->entries, c->aentries *
					  sizeof(*c->entries));
	}
	/*
	 * The names are what a later book's reuse looks its entries up by
	 * (reused()): the book as it is now keeps them, a past one, never
	 * anyone's `now`, does not. A second list adds to the first.
	 */
	if (!book->past && (!c->nentries || c->entry_names)) {
		names = facts_alloc(&c->arena, (c->nentries + list->n + 1) *
					       sizeof(*names));
		if (c->nentries)
			memcpy(names, c->entry_names,
			       c->nentries * sizeof(*names));
	}
	for (i = 0; i < list->n; i++) {
		const struct acct_entry_ref *ref = &list->refs[i];
		const struct acct_fact_entry *e = reused(now, book, ref->path, 0);
		const char *name = strrchr(ref->path, '/');

		if (names)
			names[c->nentries] = facts_strdup(&c->arena,
							  name ? name + 1 :
							  ref->path);
		if (e)
			facts_copy_entry(c, facts_entry_add(c), e);
		else
			facts_load_entry(c, facts_entry_add(c), book, ref->path,
					 ref->key, &text);
	}
	c->entry_names = names;
	acct_buf_release(&text);
}

void facts_add_answers(struct facts_client *c, struct acct_book *book,
		       const struct acct_client_facts *now,
		       const struct acct_nps_list *list)
{
	struct acct_buf text = ACCT_BUF_INIT;
	size_t i;

	for (i = 0; i < list->n; i++) {
		const struct acct_nps_ref *ref = &list->refs[i];
		const struct acct_fact_answer *a = reused(now, book, ref->path, 1);
		struct acct_fact_answer *x = facts_answer_add(c);

		if (a)
			facts_copy_answer(c, x, a);
		else
			facts_load_answer(c, x, book, ref->path, &ref->date,
					  &text);
	}
	acct_buf_release(&text);
}

void facts_read_log(struct facts_client *c, struct acct_book *book,
		    const struct acct_client_facts *now)
{
	struct acct_entry_list list = ACCT_ENTRY_LIST_INIT;
	struct acct_error err = ACCT_ERROR_INIT;

	/* A past book: the year folders that did not change are not read. */
	if (book->past && now && facts_past_log(c, book, now) == 0)
		return;
	if (acct_entry_list(&list, book, c->pub.slug, NULL, NULL, &err) < 0) {
		c->pub.log_bad = 1;
		c->nentries = 0;
	} else {
		facts_add_entries(c, book, now, &list);
	}
	acct_entry_list_release(&list);
}

void facts_read_answers(struct facts_client *c, struct acct_book *book,
			const struct acct_client_facts *now)
{
	struct acct_nps_list list = ACCT_NPS_LIST_INIT;
	struct acct_error err = ACCT_ERROR_INIT;

	if (book->past && now && facts_past_answers(c, book, now) == 0)
		return;
	if (acct_nps_list(&list, book, c->pub.slug, NULL, NULL, &err) < 0) {
		c->pub.nps_bad = 1;
		c->nanswers = 0;
	} else {
		facts_add_answers(c, book, now, &list);
	}
	acct_nps_list_release(&list);
}

void facts_client_publish(struct facts_client *c)
{
	c->pub.card = c->card;
	c->pub.entries = c->entries;
	c->pub.nentries = c->nentries;
	c->pub.answers = c->answers;
	c->pub.nanswers = c->nanswers;
}

void facts_client_release(struct facts_client *c)
{
	size_t i;

	acct_client_free(c->card);
	free(c->entries);
	free(c->answers);
	for (i = 0; i < c->nbufs; i++)
		acct_buf_release(c->arena_bufs[i]);
	free(c->arena_bufs);
	facts_arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}

static int read_client(struct acct_client_facts **out, struct acct_book *book,
		       const char *slug, const struct acct_client_facts *now)
{
	struct facts_client *c = acct_calloc(1, sizeof(*c));

	c->pub.slug = facts_strdup(&c->arena, slug);
	/*
	 * A past client's folder that the files now make is not read (nor
	 * by what reads more of the client then: it stays known).
	 */
	if (book->past && now)
		facts_past_client(c, book, now);
	facts_read_card(c, book);
	facts_read_brief(c, book);
	facts_read_log(c, book, now);
	facts_read_answers(c, book, now);
	facts_client_publish(c);
	*out = &c->pub;
	return 0;
}

int acct_client_facts_read(struct acct_client_facts **out,
			   struct acct_book *book, const char *slug,
			   struct acct_error *err)
{
	(void)err;
	return read_client(out, book, slug, NULL);
}

int acct_client_facts_read_past(struct acct_client_facts **out,
				struct acct_book *past, const char *slug,
				const struct acct_client_facts *now,
				struct acct_error *err)
{
	(void)err;
	return read_client(out, past, slug, now);
}

void acct_client_facts_free(struct acct_client_facts *cf)
{
	struct facts_client *c = (struct facts_client *)cf;

	if (!c)
		return;
	facts_client_release(c);
	free(c);
}

int acct_facts_kpi_list(struct acct_kpi_list *list, struct acct_book *book,
			const struct acct_client_facts *cf,
			struct acct_error *err)
{
	const struct acct_fact_brief *fb = &cf->brief;
	struct acct_brief *br = NULL;
	size_t i;
	int rc;

	for (i = 0; cf->card && i < cf->card->goals.kpi.n; i++)
		acct_kpi_list_add(list, cf->card->goals.kpi.items[i],
				  ACCT_KPI_CARD);
	if (fb->state == ACCT_FACT_NONE)
		return 0;
	if (fb->state == ACCT_FACT_BAD) {
		/* Loaded again, for its error: the brief is still bad. */
		rc = acct_brief_load(&br, book, cf->slug, err);
		acct_brief_free(br);
		if (rc == ACCT_ENOTFOUND)
			acct_error_clear(err);
		return rc < 0 && rc != ACCT_ENOTFOUND ? rc : 0;
	}
	for (i = 0; i < fb->nkpis; i++)
		acct_kpi_list_add(list, fb->kpis[i], ACCT_KPI_BRIEF);
	return 0;
}
