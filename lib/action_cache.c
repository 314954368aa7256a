/*
 * The ids of the book's action items, kept in .git/acct/ids
 * (lib/cachefile.c), so that `acct log` makes a new id unique without
 * reading every entry of the book. Proved current as the facts cache is
 * (lib/facts_cache.c):
 *
 *  - each client's log/ and log/<year>/ folders by their stat data: a
 *    folder that did not change holds the same names, so an entry added
 *    or removed (by acct, git or hand) is seen;
 *  - each entry by what git's index records of it, looked at only when
 *    the index file changed: a client whose entries in the index are as
 *    they were keeps its ids; a client that changed keeps those of each
 *    entry whose path and stamp are as they were, and reads the others.
 *    An entry the index does not know (written by hand, not added) is
 *    read every time. What proves a client's entries as they were is
 *    one digest: of the id that the index's cache tree (TREE) holds for
 *    its log/ when valid, which costs nothing per entry; else of every
 *    entry's path and stamp. The index is the change's, read in place
 *    (lib/index.c), or read here; one acct does not splice is scanned
 *    (lib/index_scan.c) for the second digest only.
 *
 * An entry edited in place by hand and not added may count with the ids
 * it had until it is added or committed, as for the facts (README, "The
 * cache"). What changed within RACY_NS of the run's start is kept as
 * unknown and looked at again next time (git's "racy" case). A cache
 * that is missing, damaged or of another version is none.
 *
 * The file, in little-endian numbers: the input limit, the stat data of
 * the index and of clients/, then per client its slug, the stat data of
 * its log/, the digest of its entries in the index, whether one is not
 * in it, its year folders (year, stat data) and its entries (a key of
 * the path and the index stamp, the ids as numbers).
 */
#include "acct/entry.h"
#include "entry_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/cachefile.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/index.h"
#include "acct/index_scan.h"
#include "acct/walk.h"
#include "acct/banned.h"

#define CACHE_NAME "ids"
#define CACHE_TAG "action-ids 1"

/* What changed this close to the run's start is looked at again. */
#define RACY_NS 50000000LL

/* What a stat says of a file or folder; equal (and known) is unchanged. */
struct fst {
	uint64_t size, mtime, ctime, ino;
};

struct year {
	int year;
	struct fst st;
};

/* One entry: the key of its path and stamp, its ids in the client's. */
struct centry {
	uint64_t key;		/* 0: not in the index, never reused */
	uint32_t at, n;
};

struct cclient {
	char *slug;
	struct fst log_st;
	/*
	 * Its folders now (log/ then each year of `years`), when stat'ed
	 * ahead (stat_ahead()), else NULL.
	 */
	struct fst *now;
	uint64_t digest;
	int untracked;		/* an entry is not in the index */
	struct year *years;
	size_t nyears;
	/*
	 * As read, its entries stay in the bytes of the file, whole (`raw`,
	 * written again as they are when nothing changed), unparsed;
	 * entries and ids are filled when the client is read again.
	 */
	const unsigned char *raw, *keys_raw, *counts_raw, *ids_raw;
	size_t raw_len;
	struct centry *entries;
	size_t nentries, aentries;
	uint32_t *ids;		/* 7 hex digits as a number */
	size_t nids, aids;
};

struct cbook {
	uint64_t input_bytes;
	struct fst index_st, clients_st;
	struct cclient *v;
	size_t n;
	struct acct_buf payload;	/* what raw points into */
};

struct run {
	struct acct_book *book;
	int64_t racy_from;
	int idx_same;		/* the index is as the cache saw it */
	/* 0 not read, 1 scanned (idx), 2 read in place (ix), -1 unreadable */
	int idx_state;
	const struct acct_index *ix;	/* the change's, or own */
	struct acct_index *own;
	struct acct_index_scan idx;
	int clients_fd;
	int dirty;
	struct acct_buf path, text;
};

/* --- stat data ----------------------------------------------------------- */

static int64_t ns_of(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static void fst_set(struct fst *out, const struct stat *st)
{
	out->size = (uint64_t)st->st_size ^ ((uint64_t)st->st_mode << 40);
	out->mtime = (uint64_t)ns_of(&st->st_mtim);
	out->ctime = (uint64_t)ns_of(&st->st_ctim);
	out->ino = (uint64_t)st->st_ino;
}

/* `path` relative to `fd` (AT_FDCWD: as is); all zero when not known. */
static void fst_at(struct fst *out, int fd, const char *path)
{
	struct stat st;

	memset(out, 0, sizeof(*out));
	if (fstatat(fd, path, &st, AT_SYMLINK_NOFOLLOW) == 0)
		fst_set(out, &st);
}

static int fst_known(const struct fst *a)
{
	return a->ino || a->mtime || a->ctime || a->size;
}

static int fst_same(const struct fst *a, const struct fst *b)
{
	return fst_known(a) && !memcmp(a, b, sizeof(*a));
}

/* What changed from `racy_from` on is kept as unknown. */
static void fst_keep(struct fst *out, const struct fst *st, int64_t racy_from)
{
	if ((int64_t)st->mtime >= racy_from || (int64_t)st->ctime >= racy_from)
		memset(out, 0, sizeof(*out));
	else
		*out = *st;
}

/* --- in bytes ------------------------------------------------------------- */

static void put64(struct acct_buf *w, uint64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	acct_buf_add(w, b, 8);
}

static void put32(struct acct_buf *w, uint32_t v)
{
	unsigned char b[4];
	int i;

	for (i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	acct_buf_add(w, b, 4);
}

static void put_fst(struct acct_buf *w, const struct fst *st)
{
	put64(w, st->size);
	put64(w, st->mtime);
	put64(w, st->ctime);
	put64(w, st->ino);
}

struct reader {
	const unsigned char *p, *end;
	int bad;
};

static uint64_t get64(struct reader *r)
{
	uint64_t v = 0;
	int i;

	if (r->bad || r->end - r->p < 8) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < 8; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	return v;
}

static uint32_t get32(struct reader *r)
{
	uint32_t v = 0;
	int i;

	if (r->bad || r->end - r->p < 4) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < 4; i++)
		v |= (uint32_t)r->p[i] << (8 * i);
	r->p += 4;
	return v;
}

static void get_fst(struct reader *r, struct fst *st)
{
	st->size = get64(r);
	st->mtime = get64(r);
	st->ctime = get64(r);
	st->ino = get64(r);
}

/* A count of things of at least `each` bytes that fit in what is left. */
static size_t get_count(struct reader *r, size_t each)
{
	uint32_t n = get32(r);

	if (r->bad || (size_t)(r->end - r->p) / each < n) {
		r->bad = 1;
		return 0;
	}
	return n;
}

static void client_release(struct cclient *c)
{
	free(c->now);
	free(c->slug);
	free(c->years);
	free(c->entries);
	free(c->ids);
	memset(c, 0, sizeof(*c));
}

static void cbook_release(struct cbook *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		client_release(&b->v[i]);
	free(b->v);
	acct_buf_release(&b->payload);
	memset(b, 0, sizeof(*b));
	b->payload = (struct acct_buf)ACCT_BUF_INIT;
}

static uint64_t le64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* The ids of `c` as numbers, from the bytes read when not yet parsed. */
static void client_ids(struct cclient *c, struct acct_action_ids *ids)
{
	uint32_t *v;
	size_t i;

	if (!c->ids_raw) {
		action_ids_hold(ids, c->ids, c->nids);
		return;
	}
	v = acct_malloc((c->nids + 1) * sizeof(*v));
	for (i = 0; i < c->nids; i++)
		v[i] = le32(c->ids_raw + 4 * i);
	action_ids_hold(ids, v, c->nids);
	free(v);
}

/* Parse the entries of `c` kept raw, to take them one by one. */
static void client_parse(struct cclient *c)
{
	size_t i, at = 0;

	if (!c->ids_raw)
		return;
	c->entries = acct_calloc(c->nentries + 1, sizeof(*c->entries));
	c->aentries = c->nentries;
	c->ids = acct_malloc((c->nids + 1) * sizeof(*c->ids));
	c->aids = c->nids;
	for (i = 0; i < c->nentries; i++) {
		c->entries[i].key = le64(c->keys_raw + 8 * i);
		c->entries[i].n = le32(c->counts_raw + 4 * i);
		c->entries[i].at = (uint32_t)at;
		at += c->entries[i].n;
	}
	for (i = 0; i < c->nids; i++)
		c->ids[i] = le32(c->ids_raw + 4 * i);
	c->raw = c->keys_raw = c->counts_raw = c->ids_raw = NULL;
}

static void read_client(struct reader *r, struct cclient *c)
{
	const unsigned char *start = r->p;
	size_t len = get_count(r, 1), i, sum = 0;

	c->slug = acct_strndup((const char *)r->p, len);
	r->p += len;
	if (r->bad || strlen(c->slug) != len || !len) {
		r->bad = 1;
		return;
	}
	get_fst(r, &c->log_st);
	c->digest = get64(r);
	c->untracked = get32(r) != 0;
	c->nyears = get_count(r, 4 + 32);
	c->years = acct_calloc(c->nyears + 1, sizeof(*c->years));
	for (i = 0; i < c->nyears; i++) {
		c->years[i].year = (int)get32(r);
		get_fst(r, &c->years[i].st);
	}
	c->nentries = get_count(r, 12);
	c->nids = get_count(r, 4);
	if (r->bad || (size_t)(r->end - r->p) / 12 < c->nentries ||
	    (size_t)(r->end - r->p) - 12 * c->nentries < 4 * c->nids) {
		r->bad = 1;
		return;
	}
	c->keys_raw = r->p;
	c->counts_raw = r->p + 8 * c->nentries;
	c->ids_raw = c->counts_raw + 4 * c->nentries;
	for (i = 0; i < c->nentries; i++)
		sum += le32(c->counts_raw + 4 * i);
	if (sum != c->nids) {
		r->bad = 1;
		return;
	}
	r->p = c->ids_raw + 4 * c->nids;
	c->raw = start;
	c->raw_len = (size_t)(r->p - start);
}

/* The cache as it was: 0, or -1 for none (`b` then empty). */
static int cache_read(struct cbook *b, struct acct_book *book)
{
	struct reader r;
	size_t i;

	memset(b, 0, sizeof(*b));
	b->payload = (struct acct_buf)ACCT_BUF_INIT;
	if (acct_cachefile_read(&b->payload, book, CACHE_NAME, CACHE_TAG,
				NULL) != 1)
		return -1;
	r.p = (const unsigned char *)b->payload.buf;
	r.end = r.p + b->payload.len;
	r.bad = 0;
	b->input_bytes = get64(&r);
	get_fst(&r, &b->index_st);
	get_fst(&r, &b->clients_st);
	b->n = get_count(&r, 4 + 32 + 8 + 4 + 4 + 4 + 4);
	b->v = acct_calloc(b->n + 1, sizeof(*b->v));
	for (i = 0; i < b->n && !r.bad; i++) {
		read_client(&r, &b->v[i]);
		if (i && !r.bad && strcmp(b->v[i - 1].slug, b->v[i].slug) >= 0)
			r.bad = 1;
	}
	if (r.bad || r.p != r.end) {
		cbook_release(b);
		return -1;
	}
	return 0;
}

static void cache_write(struct run *run, const struct cbook *b,
			size_t size)
{
	struct acct_buf w = ACCT_BUF_INIT;
	size_t i, j;

	acct_buf_grow(&w, size + 4096);
	put64(&w, b->input_bytes);
	put_fst(&w, &b->index_st);
	put_fst(&w, &b->clients_st);
	put32(&w, (uint32_t)b->n);
	for (i = 0; i < b->n; i++) {
		const struct cclient *c = &b->v[i];

		if (c->raw) {
			acct_buf_add(&w, c->raw, c->raw_len);
			continue;
		}
		put32(&w, (uint32_t)strlen(c->slug));
		acct_buf_addstr(&w, c->slug);
		put_fst(&w, &c->log_st);
		put64(&w, c->digest);
		put32(&w, (uint32_t)c->untracked);
		put32(&w, (uint32_t)c->nyears);
		for (j = 0; j < c->nyears; j++) {
			put32(&w, (uint32_t)c->years[j].year);
			put_fst(&w, &c->years[j].st);
		}
		put32(&w, (uint32_t)c->nentries);
		put32(&w, (uint32_t)c->nids);
		for (j = 0; j < c->nentries; j++)
			put64(&w, c->entries[j].key);
		for (j = 0; j < c->nentries; j++)
			put32(&w, c->entries[j].n);
		/* In the order of the entries, as the counts say. */
		for (j = 0; j < c->nentries; j++) {
			const struct centry *e = &c->entries[j];
			uint32_t k;

			for (k = 0; k < e->n; k++)
				put32(&w, c->ids[e->at + k]);
		}
	}
	acct_cachefile_write(run->book, CACHE_NAME, CACHE_TAG, w.buf, w.len);
	acct_buf_release(&w);
}

/* --- a client's entries --------------------------------------------------- */

/* Git's index, read once when a client needs it. */
static int index_ready(struct run *r)
{
	struct acct_error ignored = ACCT_ERROR_INIT;

	if (!r->idx_state) {
		acct_buf_reset(&r->path);
		acct_buf_addf(&r->path, "%sindex",
			      git_repository_path(r->book->repo));
		if (!r->ix && acct_index_open(&r->own, r->path.buf,
					      &ignored) == 0)
			r->ix = r->own;
		if (r->ix)
			r->idx_state = 2;
		else
			r->idx_state = acct_index_scan(&r->idx, r->path.buf,
						       "clients/") == 0 ? 1 : -1;
	}
	return r->idx_state > 0;
}

/* What the index records of entry `i` read in place (as index_scan.c). */
static uint64_t raw_stamp(const struct acct_index *ix, size_t i, int stage)
{
	return stage ? 0 : acct_cachefile_checksum(acct_index_entry_raw(ix, i),
						   62) | 1;
}

/*
 * The client's entries in the index, as one number: from the cache
 * tree's id of its log/ when valid, else from each entry. [lo, hi) of
 * the scan, for index_stamp().
 */
static uint64_t index_digest(struct run *r, const char *slug, size_t *lo,
			     size_t *hi)
{
	uint64_t d = 0x84222325cbf29ce4ULL;
	size_t i;
	git_oid tree;

	acct_buf_reset(&r->path);
	acct_buf_addf(&r->path, "clients/%s/log/", slug);
	*lo = *hi = 0;
	if (r->idx_state == 2) {
		size_t a, b;

		acct_buf_setlen(&r->path, r->path.len - 1);
		if (acct_index_tree_id(r->ix, r->path.buf, &tree))
			return acct_cachefile_checksum(tree.id, GIT_OID_RAWSZ) ^
			       0x7472656500000000ULL;	/* "tree" */
		acct_buf_addch(&r->path, '/');
		acct_index_range(r->ix, r->path.buf, &a, &b);
		for (i = a; i < b; i++) {
			int stage;
			const char *p = acct_index_path(r->ix, i, &stage);

			d = (d ^ acct_cachefile_checksum(p, strlen(p)) ^
			     raw_stamp(r->ix, i, stage)) * 0x100000001b3ULL;
		}
		return d;
	}
	acct_index_scan_range(&r->idx, r->path.buf, r->path.len, lo, hi);
	for (i = *lo; i < *hi; i++) {
		const struct acct_index_entry *e = &r->idx.v[i];

		d = (d ^ acct_cachefile_checksum(e->path, e->len) ^ e->stamp) *
		    0x100000001b3ULL;
	}
	return d;
}

/* The stamp of entry `path` among [lo, hi) of the index, or 0. */
static uint64_t index_stamp(struct run *r, size_t lo, size_t hi,
			    const char *path)
{
	size_t a, b;
	int stage;

	if (r->idx_state == 1)
		return acct_index_scan_stamp(&r->idx, lo, hi, path);
	if (r->idx_state != 2)
		return 0;
	acct_index_range(r->ix, path, &a, &b);
	if (a >= b || strcmp(acct_index_path(r->ix, a, &stage), path))
		return 0;
	return raw_stamp(r->ix, a, stage);
}

/* Whether the folders of `c` are as the cache saw them. */
static int folders_same(struct run *r, const struct cclient *c)
{
	struct fst st;
	size_t i;

	if (c->now) {
		if (!fst_same(&c->now[0], &c->log_st))
			return 0;
		for (i = 0; i < c->nyears; i++)
			if (!fst_same(&c->now[1 + i], &c->years[i].st))
				return 0;
		return 1;
	}
	acct_buf_reset(&r->path);
	acct_buf_addf(&r->path, "%s/log", c->slug);
	fst_at(&st, r->clients_fd, r->path.buf);
	if (!fst_same(&st, &c->log_st))
		return 0;
	for (i = 0; i < c->nyears; i++) {
		acct_buf_reset(&r->path);
		acct_buf_addf(&r->path, "%s/log/%04d", c->slug,
			      c->years[i].year);
		fst_at(&st, r->clients_fd, r->path.buf);
		if (!fst_same(&st, &c->years[i].st))
			return 0;
	}
	return 1;
}

static int centry_cmp(const void *a, const void *b)
{
	const struct centry *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/* The kept entry of key `key` in `old` (sorted by key), or NULL. */
static const struct centry *old_entry(const struct cclient *old,
				      uint64_t key)
{
	struct centry want = { key, 0, 0 };

	if (!old || !key || !old->nentries)
		return NULL;
	return bsearch(&want, old->entries, old->nentries,
		       sizeof(*old->entries), centry_cmp);
}

static void add_ids(struct cclient *c, struct centry *e, const uint32_t *v,
		    size_t n)
{
	if (c->nids + n > c->aids) {
		c->aids = 2 * (c->nids + n) + 64;
		c->ids = acct_realloc(c->ids, c->aids * sizeof(*c->ids));
	}
	e->at = (uint32_t)c->nids;
	e->n = (uint32_t)n;
	if (n)		/* v and c->ids may be NULL, and memcpy's may not */
		memcpy(c->ids + c->nids, v, n * sizeof(*v));
	c->nids += n;
}

/* One entry of a client being read again. */
static void take_entry(struct run *r, struct cclient *c,
		       const struct cclient *old, const char *path,
		       size_t lo, size_t hi)
{
	struct acct_action_ids read = ACCT_ACTION_IDS_INIT;
	uint64_t stamp = 0, key = 0;
	const struct centry *was;
	struct centry *e;
	uint32_t *v;
	size_t i;

	stamp = index_stamp(r, lo, hi, path);
	if (stamp)
		key = (acct_cachefile_checksum(path, strlen(path)) *
		       0x9e3779b97f4a7c15ULL ^ stamp) | 1;
	if (c->nentries == c->aentries) {
		c->aentries = c->aentries ? 2 * c->aentries : 64;
		c->entries = acct_realloc(c->entries, c->aentries *
					  sizeof(*c->entries));
	}
	e = &c->entries[c->nentries++];
	e->key = key;
	if ((was = old_entry(old, key))) {
		add_ids(c, e, old->ids + was->at, was->n);
		return;
	}
	r->dirty = 1;
	c->untracked |= !key;
	action_ids_of_file(&read, r->book, c->slug, path, &r->text);
	v = acct_calloc(read.n + 1, sizeof(*v));
	for (i = 0; i < read.n; i++)
		v[i] = action_id_number(read.v[i].id);
	add_ids(c, e, v, read.n);
	free(v);
	acct_action_ids_release(&read);
}

/*
 * Read client `c` (its slug set) again: its folders listed as
 * acct_entry_list() lists them, each entry's ids kept in `old` (may be
 * NULL) taken when its path and stamp are as they were, else read.
 */
static int reread_client(struct run *r, struct cclient *c,
			 const struct cclient *old, struct acct_error *err)
{
	struct acct_buf dir = ACCT_BUF_INIT, path = ACCT_BUF_INIT;
	char **years = NULL, **names = NULL;
	size_t nyears = 0, nnames = 0, i, j, lo = 0, hi = 0;
	struct fst st;
	int rc = 0;

	r->dirty = 1;
	if (index_ready(r))
		c->digest = index_digest(r, c->slug, &lo, &hi);
	acct_buf_addf(&dir, "%s/clients/%s/log", r->book->root, c->slug);
	fst_at(&st, AT_FDCWD, dir.buf);
	if (acct_dir_names(&years, &nyears, dir.buf, NULL, NULL, 1) < 0) {
		if (errno != ENOENT && errno != ENOTDIR)
			rc = acct_error_set(err, ACCT_ERROR, "cannot read "
					    "'clients/%s/log': %s", c->slug,
					    strerror(errno));
		goto out;
	}
	fst_keep(&c->log_st, &st, r->racy_from);
	c->years = acct_calloc(nyears + 1, sizeof(*c->years));
	for (i = 0; i < nyears; i++) {
		struct year *y = &c->years[c->nyears];

		if ((y->year = acct_year_folder(years[i])) < 0)
			continue;
		acct_buf_reset(&path);
		acct_buf_addf(&path, "%s/%s", dir.buf, years[i]);
		fst_at(&st, AT_FDCWD, path.buf);
		/* A year folder that cannot be opened is skipped (walk.c). */
		if (acct_dir_names(&names, &nnames, path.buf, NULL, NULL, 1) < 0)
			continue;
		fst_keep(&y->st, &st, r->racy_from);
		c->nyears++;
		for (j = 0; j < nnames; j++) {
			char key[16];

			if (!acct_entry_name_key(key, names[j]) ||
			    strncmp(key, years[i], 4))
				continue;
			acct_buf_reset(&path);
			acct_buf_addf(&path, "clients/%s/log/%s/%s", c->slug,
				      years[i], names[j]);
			take_entry(r, c, old, path.buf, lo, hi);
		}
		acct_dir_names_free(names, nnames);
		names = NULL;
	}
	if (c->nentries)
		qsort(c->entries, c->nentries, sizeof(*c->entries),
		      centry_cmp);
out:
	acct_dir_names_free(years, nyears);
	acct_buf_release(&dir);
	acct_buf_release(&path);
	return rc;
}

/* Bring client `c` up to date: what was kept (in `c`) or read again. */
static int update_client(struct run *r, struct cclient *c,
			 struct acct_error *err)
{
	struct cclient old = *c;
	size_t lo, hi;
	int rc;

	if (old.slug && !old.untracked && folders_same(r, &old)) {
		if (r->idx_same)
			return 0;
		if (index_ready(r) &&
		    index_digest(r, old.slug, &lo, &hi) == old.digest)
			return 0;
	}
	memset(c, 0, sizeof(*c));
	c->slug = old.slug;
	old.slug = NULL;
	client_parse(&old);
	rc = reread_client(r, c, &old, err);
	client_release(&old);
	return rc;
}

/* --- the ids of the book -------------------------------------------------- */

/* A share of the clients whose folders are stat'ed ahead. */
struct ahead {
	struct cclient *v;
	size_t from, n, step;
	int fd;			/* clients/ */
};

static void *stat_some(void *arg)
{
	const struct ahead *a = arg;
	struct acct_buf path = ACCT_BUF_INIT;
	size_t i, y;

	for (i = a->from; i < a->n; i += a->step) {
		struct cclient *c = &a->v[i];

		c->now = acct_calloc(c->nyears + 1, sizeof(*c->now));
		acct_buf_reset(&path);
		acct_buf_addstr(&path, c->slug);
		acct_buf_addstr(&path, "/log");
		fst_at(&c->now[0], a->fd, path.buf);
		for (y = 0; y < c->nyears; y++) {
			acct_buf_setlen(&path, strlen(c->slug) + 4);
			acct_buf_addf(&path, "/%04d", c->years[y].year);
			fst_at(&c->now[1 + y], a->fd, path.buf);
		}
	}
	acct_buf_release(&path);
	return NULL;
}

/* Clients from this many on have their folders stat'ed by two threads. */
#define AHEAD_MIN 64

/*
 * The folders of the clients kept (some 4,000 for 1,000 clients: most
 * of what proving the cache current costs), stat'ed by two threads at
 * once when there are many; folders_same() then compares.
 */
static void stat_ahead(struct cbook *old, int fd)
{
	struct ahead a[2] = { { old->v, 0, old->n, 2, fd },
			      { old->v, 1, old->n, 2, fd } };
	pthread_t other;

	if (old->n < AHEAD_MIN || fd < 0)
		return;
	if (pthread_create(&other, NULL, stat_some, &a[1]) == 0) {
		stat_some(&a[0]);
		pthread_join(other, NULL);
		return;
	}
	a[0].step = 1;
	stat_some(&a[0]);
}

static int64_t clock_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return ns_of(&t);
}

/* The client slugs now: those kept when clients/ did not change. */
static int current_slugs(char ***slugs, size_t *n, struct run *r,
			 const struct cbook *old, const struct fst *st,
			 struct acct_error *err)
{
	size_t i;

	if (old->n && fst_same(st, &old->clients_st)) {
		*slugs = acct_calloc(old->n + 1, sizeof(**slugs));
		for (i = 0; i < old->n; i++)
			(*slugs)[i] = acct_strdup(old->v[i].slug);
		*n = old->n;
		return 0;
	}
	r->dirty = 1;
	return acct_client_slugs(slugs, n, r->book, err);
}

int action_ids_cached(struct acct_action_ids *ids, struct acct_book *book,
		      const struct acct_index *ix, struct acct_error *err)
{
	struct cbook old, now;
	struct run r;
	struct fst index_st;
	char **slugs = NULL;
	size_t n = 0, i, j = 0;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	memset(&now, 0, sizeof(now));
	now.payload = (struct acct_buf)ACCT_BUF_INIT;
	r.book = book;
	r.ix = ix;
	r.clients_fd = -1;
	r.path = (struct acct_buf)ACCT_BUF_INIT;
	r.text = (struct acct_buf)ACCT_BUF_INIT;
	r.racy_from = clock_ns() - RACY_NS;
	if (cache_read(&old, book) < 0 ||
	    old.input_bytes != (uint64_t)book->config.input_bytes) {
		cbook_release(&old);
		r.dirty = 1;
	}
	now.input_bytes = (uint64_t)book->config.input_bytes;
	acct_buf_addf(&r.path, "%sindex", git_repository_path(book->repo));
	fst_at(&index_st, AT_FDCWD, r.path.buf);
	r.idx_same = old.n && fst_same(&index_st, &old.index_st);
	if (!r.idx_same)
		r.dirty = 1;
	fst_keep(&now.index_st, &index_st, r.racy_from);
	acct_book_path(&r.path, book, "clients");
	fst_at(&now.clients_st, AT_FDCWD, r.path.buf);
	r.clients_fd = open(r.path.buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if ((rc = current_slugs(&slugs, &n, &r, &old, &now.clients_st,
				err)) < 0)
		goto out;
	stat_ahead(&old, r.clients_fd);
	fst_keep(&now.clients_st, &now.clients_st, r.racy_from);
	now.v = acct_calloc(n + 1, sizeof(*now.v));
	for (i = 0; i < n && rc == 0; i++) {
		struct cclient *c = &now.v[now.n++];
		int cmp = 1;

		/* Both sorted: the kept client of this slug, if any. */
		while (j < old.n && (cmp = strcmp(old.v[j].slug, slugs[i])) < 0)
			j++;
		if (j < old.n && !cmp) {
			*c = old.v[j];
			memset(&old.v[j++], 0, sizeof(*c));
		} else {
			c->slug = acct_strdup(slugs[i]);
		}
		if ((rc = update_client(&r, c, err)) == 0)
			client_ids(c, ids);
	}
	if (rc == 0 && (r.dirty || j < old.n || n != old.n))
		cache_write(&r, &now, old.payload.len);
out:
	acct_slugs_free(slugs, n);
	cbook_release(&old);
	cbook_release(&now);
	acct_index_scan_release(&r.idx);
	acct_index_free(r.own);
	acct_buf_release(&r.path);
	acct_buf_release(&r.text);
	if (r.clients_fd >= 0)
		close(r.clients_fd);
	return rc;
}
