/*
 * The cache file of the facts (lib/facts_cache.c checks it against the
 * book): .git/acct/facts, the summary every run reads, with each client's
 * card, brief, folders' stat data and the facts of its records; and the
 * details, where each entry of a client's log came from (file name,
 * index stamp, year folder), read only when one of its folders changed.
 * The details are kept in FACTS_SHARDS files, .git/acct/facts.s/<nn>, each
 * the details of the clients whose slug falls in it (a file a client
 * would be a thousand renames after a `git pull`), each client's as one
 * section. A section names the facts it goes with by a checksum of them
 * (`gen`): one that does not match is none, and the client's log is read
 * again.
 */
#include "facts_cache_int.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/cachefile.h"
#include "acct/client.h"
#include "acct/walk.h"
#include "acct/banned.h"

#define CACHE_NAME "facts"
#define CACHE_TAG "facts 3"
#define DETAIL_TAG "facts detail 3"
#define OLD_DETAILS "facts.d"	/* the details as kept before: a file a client */
#define ID_LEN 20

static void wire_fst(struct acct_buf *w, const struct fst *st,
		     int64_t racy_from)
{
	int racy = st->ino != FST_MISSING &&
		   ((int64_t)st->mtime >= racy_from ||
		    (int64_t)st->ctime >= racy_from);

	wire_u64(w, racy ? 0 : st->size);
	wire_u64(w, racy ? 0 : st->mtime);
	wire_u64(w, racy ? 0 : st->ctime);
	wire_u64(w, racy ? 0 : st->ino);
}

static void wire_get_fst(struct wire *r, struct fst *st)
{
	st->size = wire_get_u64(r);
	st->mtime = wire_get_u64(r);
	st->ctime = wire_get_u64(r);
	st->ino = wire_get_u64(r);
}

/* The shard of a slug: which of the files holds its details. */
unsigned facts_shard_of(const char *slug)
{
	return (unsigned)(acct_cachefile_checksum(slug, strlen(slug)) %
			  FACTS_SHARDS);
}

void facts_shard_name(struct acct_buf *out, unsigned shard)
{
	acct_buf_reset(out);
	acct_buf_addf(out, "facts.s/%02x", shard);
}

/* The bytes of shard `s` as the file has them (read once a run); NULL: none. */
static const struct acct_buf *shard_get(struct acct_book *book,
					struct facts_shards *sh, unsigned s)
{
	struct acct_buf name = ACCT_BUF_INIT;

	if (!sh->state[s]) {
		facts_shard_name(&name, s);
		sh->state[s] = acct_cachefile_read(&sh->bytes[s], book, name.buf,
						   DETAIL_TAG, NULL) > 0 ? 1 : 2;
		acct_buf_release(&name);
	}
	return sh->state[s] == 1 ? &sh->bytes[s] : NULL;
}

void facts_shards_init(struct facts_shards *sh)
{
	unsigned s;

	memset(sh, 0, sizeof(*sh));
	for (s = 0; s < FACTS_SHARDS; s++)
		sh->bytes[s] = (struct acct_buf)ACCT_BUF_INIT;
}

void facts_shards_release(struct facts_shards *sh)
{
	unsigned s;

	for (s = 0; s < FACTS_SHARDS; s++)
		acct_buf_release(&sh->bytes[s]);
	facts_shards_init(sh);
}

/*
 * The section of `slug` in a shard's bytes: its start and length into
 * `p`, `len`; 0, or -1 when there is none (or the shard does not read).
 * A shard: the number of sections, then each: the slug, the length, the
 * bytes; the slugs in strcmp order.
 */
static int shard_section(const unsigned char **p, size_t *len,
			 const struct acct_buf *bytes, const char *slug)
{
	struct wire r;
	const char *prev = NULL;
	size_t i, n;

	r.p = (const unsigned char *)bytes->buf;
	r.end = r.p + bytes->len;
	r.bad = 0;
	n = wire_get_u32(&r);
	for (i = 0; i < n && !r.bad; i++) {
		const char *name = wire_get_str(&r);
		size_t l = wire_get_u32(&r);
		int cmp;

		if (r.bad || !name || l > (size_t)(r.end - r.p) ||
		    (prev && strcmp(prev, name) >= 0))
			return -1;
		prev = name;
		if (!(cmp = strcmp(name, slug))) {
			*p = r.p;
			*len = l;
			return 0;
		}
		if (cmp > 0)
			return -1;
		r.p += l;
	}
	return -1;
}

/*
 * Read the client's details into c->log (names, stamps, yidx) from its
 * shard (through `sh`, which must live as long as the client, or read
 * now when NULL): 0, or -1 when there are none that go with its facts.
 */
int facts_detail_read(struct acct_book *book, struct facts_shards *sh,
		      struct cclient *c)
{
	struct folder *f = &c->log;
	struct acct_buf *buf;
	struct facts_shards own;
	const struct acct_buf *shard;
	const unsigned char *at = NULL;
	struct wire w;
	size_t i, n, len = 0;

	if (!sh) {
		facts_shards_init(&own);
		sh = &own;
	}
	shard = shard_get(book, sh, facts_shard_of(c->fc.pub.slug));
	if (!shard || shard_section(&at, &len, shard, c->fc.pub.slug) < 0) {
		if (sh == &own)
			facts_shards_release(&own);
		return -1;
	}
	/*
	 * Names point into the bytes: `sh` lives as long as the facts, a
	 * shard read here is copied into the client's.
	 */
	if (sh == &own) {
		buf = facts_keep_buf(&c->fc);
		acct_buf_add(buf, at, len);
		facts_shards_release(&own);
		at = (const unsigned char *)buf->buf;
	}
	w.p = at;
	w.end = at + len;
	w.bad = 0;
	if (wire_get_u64(&w) != c->gen)
		return -1;
	n = wire_get_u32(&w);
	if (w.bad || n != c->fc.nentries)
		return -1;
	f->names = facts_alloc(&c->fc.arena, (n + 1) * sizeof(*f->names));
	f->stamps = facts_alloc(&c->fc.arena, (n + 1) * sizeof(*f->stamps));
	f->yidx = facts_alloc(&c->fc.arena, (n + 1) * sizeof(*f->yidx));
	for (i = 0; i < n && !w.bad; i++) {
		struct acct_fact_entry *e = &c->fc.entries[i];

		f->names[i] = wire_get_str(&w);
		f->stamps[i] = wire_get_u64(&w);
		f->yidx[i] = wire_get_u32(&w);
		if (!f->names[i] || f->yidx[i] >= f->nyears ||
		    (size_t)(w.end - w.p) < ID_LEN) {
			w.bad = 1;
			break;
		}
		memcpy(e->id, w.p, ID_LEN);
		w.p += ID_LEN;
	}
	if (w.bad || w.p != w.end) {
		/* Nothing of a detail that does not read whole. */
		for (i = 0; i < n; i++)
			memset(c->fc.entries[i].id, 0, ID_LEN);
		return -1;
	}
	f->known = 1;
	c->fc.entry_names = f->names;
	return 0;
}

/* The client's details, as its section holds them. */
static void detail_bytes(struct acct_buf *w, const struct cclient *c)
{
	const struct folder *f = &c->log;
	size_t i;

	wire_u64(w, c->gen);
	wire_u32(w, (uint32_t)c->fc.nentries);
	for (i = 0; i < c->fc.nentries; i++) {
		wire_str(w, f->names[i]);
		wire_u64(w, f->stamps[i]);
		wire_u32(w, f->yidx[i]);
		acct_buf_add(w, c->fc.entries[i].id, ID_LEN);
	}
}

/*
 * Write shard `s`: the sections of its clients in `f` whose details are
 * known (made again from them) or whose section as it was still goes
 * with their facts (copied); a client gone, or whose details are not
 * known and changed, has none.
 */
static void shard_write(struct acct_book *book, struct facts_shards *sh,
			const struct acct_facts *f, unsigned s)
{
	const struct acct_buf *was = shard_get(book, sh, s);
	struct acct_buf w = ACCT_BUF_INIT, sec = ACCT_BUF_INIT,
			name = ACCT_BUF_INIT;
	uint32_t n = 0;
	size_t i;

	wire_u32(&w, 0);	/* the count, set at the end */
	for (i = 0; i < f->n; i++) {
		const struct cclient *c = &f->v[i];
		const unsigned char *at;
		size_t len;

		if (c->records != RECORDS_ALL ||
		    facts_shard_of(c->fc.pub.slug) != s)
			continue;
		acct_buf_reset(&sec);
		if (c->log.known) {
			detail_bytes(&sec, c);
		} else if (was && shard_section(&at, &len, was,
						c->fc.pub.slug) == 0 &&
			   len >= 8) {
			struct wire r = { at, at + len, 0 };

			if (wire_get_u64(&r) != c->gen)
				continue;
			acct_buf_add(&sec, at, len);
		} else {
			continue;
		}
		wire_str(&w, c->fc.pub.slug);
		wire_u32(&w, (uint32_t)sec.len);
		acct_buf_add(&w, sec.buf, sec.len);
		n++;
	}
	/* wire_u32's bytes, in place of the 0 at the start. */
	acct_buf_reset(&sec);
	wire_u32(&sec, n);
	memcpy(w.buf, sec.buf, sec.len);
	facts_shard_name(&name, s);
	acct_cachefile_write(book, name.buf, DETAIL_TAG, w.buf, w.len);
	acct_buf_release(&name);
	acct_buf_release(&sec);
	acct_buf_release(&w);
}

/* The details as they were kept before, a file a client: gone once. */
static void old_details_remove(const struct acct_book *book)
{
	struct acct_buf path = ACCT_BUF_INIT;
	struct dirent *de;
	size_t base;
	DIR *d;

	acct_buf_addf(&path, "%sacct/%s", git_repository_path(book->repo),
		      OLD_DETAILS);
	if (!(d = opendir(path.buf))) {
		acct_buf_release(&path);
		return;
	}
	acct_buf_addch(&path, '/');
	base = path.len;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		acct_buf_setlen(&path, base);
		acct_buf_addstr(&path, de->d_name);
		unlink(path.buf);
	}
	closedir(d);
	acct_buf_setlen(&path, base - 1);
	rmdir(path.buf);
	acct_buf_release(&path);
}

/* --- the cache file ------------------------------------------------------- */

static void wire_years(struct acct_buf *w, const struct folder *f,
		       int64_t racy_from)
{
	size_t i;

	wire_fst(w, &f->st, racy_from);
	wire_u8(w, (unsigned)f->bad);
	wire_u8(w, (unsigned)f->untracked);
	wire_u32(w, (uint32_t)f->nyears);
	for (i = 0; i < f->nyears; i++) {
		wire_str(w, f->years[i].name);
		wire_fst(w, &f->years[i].st, racy_from);
	}
}

static void wire_get_years(struct wire *r, struct cclient *c,
			   struct folder *f)
{
	size_t i;

	wire_get_fst(r, &f->st);
	f->bad = (int)wire_get_u8(r);
	f->untracked = (int)wire_get_u8(r);
	f->nyears = wire_get_u32(r);
	if (r->bad || f->nyears > (size_t)(r->end - r->p)) {
		r->bad = 1;
		f->nyears = 0;
		return;
	}
	f->years = facts_alloc(&c->fc.arena, (f->nyears + 1) *
			       sizeof(*f->years));
	for (i = 0; i < f->nyears; i++) {
		const char *name = wire_get_str(r);

		f->years[i].name = name ? name : "";
		f->years[i].year = acct_year_folder(f->years[i].name);
		if (f->years[i].year < 0)
			r->bad = 1;
		wire_get_fst(r, &f->years[i].st);
	}
}

/* The log's facts: its generation is a checksum of these bytes. */
static void wire_log(struct acct_buf *w, const struct cclient *c)
{
	size_t i;

	wire_u32(w, (uint32_t)c->fc.nentries);
	for (i = 0; i < c->fc.nentries; i++)
		wire_entry(w, &c->fc.entries[i]);
}

static void wire_get_log(struct wire *r, struct cclient *c)
{
	size_t i, n = wire_get_u32(r);

	if (r->bad || n > (size_t)(r->end - r->p)) {
		r->bad = 1;
		return;
	}
	c->fc.entries = acct_calloc(n + 1, sizeof(*c->fc.entries));
	c->fc.nentries = c->fc.aentries = n;
	for (i = 0; i < n && !r->bad; i++)
		wire_get_entry(r, &c->fc, &c->fc.entries[i]);
}

static void wire_answers(struct acct_buf *w, const struct cclient *c)
{
	const struct folder *f = &c->nps;
	size_t i;

	wire_u32(w, (uint32_t)c->fc.nanswers);
	for (i = 0; i < c->fc.nanswers; i++) {
		wire_str(w, f->names[i]);
		wire_u64(w, f->stamps[i]);
		wire_u32(w, f->yidx[i]);
		acct_buf_add(w, c->fc.answers[i].id, ID_LEN);
		wire_answer(w, &c->fc.answers[i]);
	}
}

static void wire_get_answers(struct wire *r, struct cclient *c)
{
	struct folder *f = &c->nps;
	size_t i, n = wire_get_u32(r);

	if (r->bad || n > (size_t)(r->end - r->p)) {
		r->bad = 1;
		return;
	}
	f->names = facts_alloc(&c->fc.arena, (n + 1) * sizeof(*f->names));
	f->stamps = facts_alloc(&c->fc.arena, (n + 1) * sizeof(*f->stamps));
	f->yidx = facts_alloc(&c->fc.arena, (n + 1) * sizeof(*f->yidx));
	f->known = 1;
	c->fc.answers = acct_calloc(n + 1, sizeof(*c->fc.answers));
	c->fc.nanswers = c->fc.aanswers = n;
	for (i = 0; i < n && !r->bad; i++) {
		f->names[i] = wire_get_str(r);
		f->stamps[i] = wire_get_u64(r);
		f->yidx[i] = wire_get_u32(r);
		if (!f->names[i] || f->yidx[i] >= f->nyears ||
		    (size_t)(r->end - r->p) < ID_LEN) {
			r->bad = 1;
			break;
		}
		memcpy(c->fc.answers[i].id, r->p, ID_LEN);
		r->p += ID_LEN;
		wire_get_answer(r, &c->fc.answers[i]);
	}
}

static void wire_client(struct acct_buf *w, struct cclient *c,
			int64_t racy_from)
{
	size_t log_at;

	wire_str(w, c->fc.pub.slug);
	wire_fst(w, &c->card_st, racy_from);
	wire_u8(w, c->fc.card != NULL);
	if (c->fc.card)
		wire_card(w, &c->fc.pub);
	wire_u8(w, (unsigned)c->records);
	if (!c->records)
		return;
	if (c->records == RECORDS_NPS) {
		wire_u64(w, c->digest);
		wire_years(w, &c->nps, racy_from);
		wire_answers(w, c);
		return;
	}
	wire_fst(w, &c->brief_st, racy_from);
	wire_brief(w, &c->fc.pub.brief);
	wire_u64(w, c->digest);
	wire_years(w, &c->log, racy_from);
	wire_years(w, &c->nps, racy_from);
	log_at = w->len;
	wire_log(w, c);
	/* The detail file goes with exactly these facts. */
	c->gen = acct_cachefile_checksum(w->buf + log_at, w->len - log_at);
	wire_u64(w, c->gen);
	wire_answers(w, c);
}

static void wire_get_client(struct wire *r, struct cclient *c)
{
	const char *slug = wire_get_str(r);
	const unsigned char *log_at;

	c->fc.pub.slug = slug ? slug : "";
	wire_get_fst(r, &c->card_st);
	if (wire_get_u8(r))
		wire_get_card(r, &c->fc);
	c->records = (int)wire_get_u8(r);
	if (c->records > RECORDS_NPS)
		r->bad = 1;
	if (!c->records || r->bad)
		return;
	if (c->records == RECORDS_NPS) {
		c->digest = wire_get_u64(r);
		wire_get_years(r, c, &c->nps);
		wire_get_answers(r, c);
		c->fc.pub.nps_bad = c->nps.bad;
		return;
	}
	wire_get_fst(r, &c->brief_st);
	wire_get_brief(r, &c->fc, &c->fc.pub.brief);
	c->digest = wire_get_u64(r);
	wire_get_years(r, c, &c->log);
	wire_get_years(r, c, &c->nps);
	log_at = r->p;
	wire_get_log(r, c);
	if (!r->bad && acct_cachefile_checksum(log_at, (size_t)(r->p - log_at)) !=
	    (c->gen = wire_get_u64(r)))
		r->bad = 1;
	wire_get_answers(r, c);
	c->fc.pub.log_bad = c->log.bad;
	c->fc.pub.nps_bad = c->nps.bad;
}

void facts_clients_release(struct cclient *v, size_t n)
{
	while (n)
		facts_client_release(&v[--n].fc);
	free(v);
}

/* The cache as it was: 0, or -1 for none (then nothing is kept). */
int facts_cache_read(struct acct_facts *f, struct header *h,
		     struct acct_book *book)
{
	struct wire r;
	size_t i;

	if (acct_cachefile_read(&f->payload, book, CACHE_NAME, CACHE_TAG,
				NULL) <= 0)
		return -1;
	r.p = (const unsigned char *)f->payload.buf;
	r.end = r.p + f->payload.len;
	r.bad = 0;
	h->input_bytes = wire_get_u64(&r);
	wire_get_fst(&r, &h->index_st);
	wire_get_fst(&r, &h->clients_st);
	f->n = wire_get_u32(&r);
	if (r.bad || f->n > f->payload.len ||
	    h->input_bytes != (uint64_t)book->config.input_bytes) {
		f->n = 0;
		return -1;
	}
	f->v = acct_calloc(f->n + 1, sizeof(*f->v));
	for (i = 0; i < f->n && !r.bad; i++) {
		wire_get_client(&r, &f->v[i]);
		if (i && strcmp(f->v[i - 1].fc.pub.slug, f->v[i].fc.pub.slug) >= 0)
			r.bad = 1;
	}
	if (r.bad || r.p != r.end) {
		facts_clients_release(f->v, f->n);
		f->v = NULL;
		f->n = 0;
		return -1;
	}
	return 0;
}

void facts_cache_write(struct acct_book *book, struct acct_facts *f,
		       const struct header *h, int64_t racy_from,
		       struct facts_shards *sh)
{
	unsigned char need[FACTS_SHARDS];
	struct acct_buf w = ACCT_BUF_INIT;
	unsigned s;
	size_t i;

	wire_u64(&w, h->input_bytes);
	wire_fst(&w, &h->index_st, racy_from);
	wire_fst(&w, &h->clients_st, racy_from);
	wire_u32(&w, (uint32_t)f->n);
	for (i = 0; i < f->n; i++)
		wire_client(&w, &f->v[i], racy_from);
	/* The details first: a summary never names a detail not written. */
	memcpy(need, sh->gone, sizeof(need));
	for (i = 0; i < f->n; i++)
		if (f->v[i].records == RECORDS_ALL && f->v[i].write_detail &&
		    f->v[i].log.known)
			need[facts_shard_of(f->v[i].fc.pub.slug)] = 1;
	for (s = 0; s < FACTS_SHARDS; s++)
		if (need[s])
			shard_write(book, sh, f, s);
	old_details_remove(book);
	acct_cachefile_write(book, CACHE_NAME, CACHE_TAG, w.buf, w.len);
	acct_buf_release(&w);
}

