/*
 * The facts of the whole book (acct/facts.h), kept in .git/acct/facts
 * (lib/cachefile.c) between runs, and proved current without reading
 * every file:
 *
 *  - each card and brief by its stat data (size, mtime, ctime, inode),
 *    so a hand edit is seen at once;
 *  - each folder of the log and of the NPS answers (log/, log/<year>/,
 *    nps/, nps/<year>/) by its stat data: a folder that did not change
 *    holds the same names, so a file added or removed (by acct, git or
 *    hand) is seen at once;
 *  - each entry and answer by what git's index records of it (its blob
 *    id and stat data, lib/index_scan.c), read again only when the index
 *    file itself changed: when git writes a file (checkout, reset, merge,
 *    stash, rebase, pull) or stages it, the record changes. A file the
 *    index does not know (added by hand) is read every time. An entry
 *    edited in place by hand and not added may show as it was until it
 *    is added or committed (the README says so).
 *
 * Git's "racy" case: what changed in the same instant as it was looked
 * at may change again unseen, so whatever was changed at or after the
 * moment this run began (less a margin) is kept as unknown, to be looked
 * at again next time. A cache that is missing, damaged or of another
 * version is none; one that cannot be written is not written.
 */
#include "acct/facts.h"
#include "facts_int.h"
#include "facts_cache_int.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
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
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/index_scan.h"
#include "acct/nps.h"
#include "acct/walk.h"
#include "acct/banned.h"

/* What changed this close to the run's start is looked at again. */
#define RACY_NS 50000000LL

/* What a run knows of git's index. */
enum idx_state { IDX_UNKNOWN, IDX_SAME, IDX_SCANNED };

struct run {
	struct acct_book *book;
	unsigned flags;
	int64_t racy_from;	/* ns: changed from then on is not trusted */
	enum idx_state idx_state;
	struct acct_index_scan idx;
	size_t lo, hi;		/* the client's range of idx */
	int dirty;		/* the cache must be written */
	struct acct_buf path, text;	/* scratch */
	int clients_fd;		/* open on clients/, or -1 */
	struct facts_shards *shards;	/* the details read (the facts') */
};

/* --- stat data ------------------------------------------------------------ */

static int64_t ns_of(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static void fst_of(struct fst *out, const char *path)
{
	struct stat st;

	memset(out, 0, sizeof(*out));
	if (lstat(path, &st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			out->ino = FST_MISSING;
		return;		/* else unknown */
	}
	out->size = (uint64_t)st.st_size ^ ((uint64_t)st.st_mode << 40);
	out->mtime = (uint64_t)ns_of(&st.st_mtim);
	out->ctime = (uint64_t)ns_of(&st.st_ctim);
	out->ino = (uint64_t)st.st_ino;
}

/*
 * The same for `<slug>/<a>[/<b>]` below clients/ (run->clients_fd): a
 * path looked up from there is a few folders shorter, on the path every
 * run takes (and put together without printf: thousands a run).
 */
static void fst_client(struct run *r, struct fst *out, const char *slug,
		       const char *a, const char *b)
{
	struct stat st;

	acct_buf_reset(&r->path);
	if (r->clients_fd < 0) {
		acct_buf_addstr(&r->path, r->book->root);
		acct_buf_addstr(&r->path, "/clients/");
	}
	acct_buf_addstr(&r->path, slug);
	acct_buf_addch(&r->path, '/');
	acct_buf_addstr(&r->path, a);
	if (b) {
		acct_buf_addch(&r->path, '/');
		acct_buf_addstr(&r->path, b);
	}
	if (r->clients_fd < 0) {
		fst_of(out, r->path.buf);
		return;
	}
	memset(out, 0, sizeof(*out));
	if (fstatat(r->clients_fd, r->path.buf, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			out->ino = FST_MISSING;
		return;
	}
	out->size = (uint64_t)st.st_size ^ ((uint64_t)st.st_mode << 40);
	out->mtime = (uint64_t)ns_of(&st.st_mtim);
	out->ctime = (uint64_t)ns_of(&st.st_ctim);
	out->ino = (uint64_t)st.st_ino;
}

static int fst_known(const struct fst *a)
{
	return a->ino || a->mtime || a->ctime || a->size;
}

static int fst_same(const struct fst *a, const struct fst *b)
{
	return fst_known(a) && !memcmp(a, b, sizeof(*a));
}

/* --- a client's records --------------------------------------------------- */

static const char *kind_dir(int nps)
{
	return nps ? "nps" : "log";
}

/* One record with where it came from. */
struct row {
	struct acct_fact_entry e;
	struct acct_fact_answer a;
	const char *name;
	char key[16];		/* an entry's "YYYY-MM-DDTHHMM" */
	const char *path;	/* for the order of answers: the path */
	uint64_t stamp;
	unsigned yidx;
};

static int row_entry_cmp(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	int c = strcmp(b->key, a->key);

	/*
	 * acct_entry_list()'s order: newest first by key, then path, which
	 * is by name: an entry's year folder is its name's first four
	 * characters.
	 */
	return c ? c : strcmp(b->name, a->name);
}

static int row_answer_cmp(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	int c = acct_date_cmp(&a->a.named, &b->a.named);

	/* acct_nps_list()'s order: oldest first by date, then path. */
	return c ? c : strcmp(a->path, b->path);
}

struct rows {
	struct row *v;
	size_t n, alloc;
};

static struct row *row_add(struct rows *r)
{
	if (r->n == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 64;
		r->v = acct_realloc(r->v, r->alloc * sizeof(*r->v));
	}
	memset(&r->v[r->n], 0, sizeof(*r->v));
	return &r->v[r->n++];
}

/* The stamp git's index has for `path` now, as this run knows it. */
static uint64_t index_stamp(struct run *r, const char *path, uint64_t old,
			    int reused)
{
	if (r->idx_state == IDX_SCANNED)
		return acct_index_scan_stamp(&r->idx, r->lo, r->hi, path);
	if (r->idx_state == IDX_SAME)
		return reused ? old : 0;	/* a new file is not indexed */
	return 0;
}

/*
 * One name of a year folder: the record kept for it (`old`) if git's
 * index says it did not change, else read from the file.
 */
static void take_name(struct run *r, struct cclient *c, struct rows *out,
		      int nps, const struct row *old, const char *name,
		      const struct yfolder *y, unsigned yidx)
{
	struct row *x = row_add(out);
	const char *slug = c->fc.pub.slug;
	struct acct_date named;
	uint64_t now;

	/* Without printf: a hundred thousand of these after a pull. */
	acct_buf_reset(&r->path);
	acct_buf_addstr(&r->path, "clients/");
	acct_buf_addstr(&r->path, slug);
	acct_buf_addstr(&r->path, nps ? "/nps/" : "/log/");
	acct_buf_addstr(&r->path, y->name);
	acct_buf_addch(&r->path, '/');
	acct_buf_addstr(&r->path, name);
	now = index_stamp(r, r->path.buf, old ? old->stamp : 0, old != NULL);
	x->yidx = yidx;
	if (old && old->stamp && now == old->stamp) {
		x->e = old->e;
		x->a = old->a;
		x->stamp = old->stamp;
	} else if (nps) {
		r->dirty = 1;
		acct_nps_name_date(&named, name);
		facts_load_answer(&c->fc, &x->a, r->book, r->path.buf, &named,
				  &r->text);
		/* A bad file is read every time. */
		x->stamp = x->a.bad ? 0 : now;
	} else {
		char key[16];

		r->dirty = 1;
		acct_entry_name_key(key, name);
		facts_load_entry(&c->fc, &x->e, r->book, r->path.buf, key,
				 &r->text);
		x->stamp = x->e.bad ? 0 : now;
	}
	/* What the client keeps already is not copied again. */
	x->name = old && old->name == name ? name :
		  facts_strdup(&c->fc.arena, name);
	if (nps)
		x->path = x->a.path ? x->a.path :
			  facts_strdup(&c->fc.arena, r->path.buf);
	else
		acct_entry_name_key(x->key, name);
}

/* What a year folder's listing keeps: records of kind `nps` of `y`. */
struct record_of {
	int nps;
	const struct yfolder *y;
};

/* Whether `name` is a record of year folder `y`, as the listings have it. */
static int record_name(const char *name, void *arg)
{
	const struct record_of *of = arg;
	char key[16];
	struct acct_date d;

	if (name[0] == '.')
		return 0;
	if (of->nps)
		return acct_nps_name_date(&d, name) == 0 &&
		       d.year == of->y->year;
	return acct_entry_name_key(key, name) && !strncmp(key, of->y->name, 4);
}

static int year_name(const char *name, void *arg)
{
	(void)arg;
	return acct_year_folder(name) >= 0;
}

/* The records of `c` as they were, with where they came from. */
static void old_rows(struct rows *out, const struct cclient *c, int nps)
{
	const struct folder *f = nps ? &c->nps : &c->log;
	size_t i, n = nps ? c->fc.nanswers : c->fc.nentries;

	if (!f->known)
		return;		/* unknown: every record is read again */
	for (i = 0; i < n; i++) {
		struct row *x = row_add(out);

		if (nps)
			x->a = c->fc.answers[i];
		else
			x->e = c->fc.entries[i];
		x->name = f->names[i];
		x->stamp = f->stamps[i];
		x->yidx = f->yidx[i];
	}
}

/* Whether nothing of the folder changed, so its records stand as kept. */
static int folder_same(struct run *r, struct cclient *c, int nps,
		       int stamps_ok)
{
	struct folder *f = nps ? &c->nps : &c->log;
	struct fst st;
	size_t i;

	if (f->bad || f->untracked || !stamps_ok)
		return 0;
	fst_client(r, &st, c->fc.pub.slug, kind_dir(nps), NULL);
	if (!fst_same(&st, &f->st))
		return 0;
	for (i = 0; i < f->nyears; i++) {
		fst_client(r, &st, c->fc.pub.slug, kind_dir(nps),
			   f->years[i].name);
		if (!fst_same(&st, &f->years[i].st))
			return 0;
	}
	return 1;
}

/* The rows of year folder `y` (it did not change): those kept for it. */
static void same_year(struct run *r, struct cclient *c, struct rows *out,
		      const struct rows *old, int nps, unsigned oi,
		      const struct yfolder *y, unsigned yidx)
{
	size_t k;

	for (k = 0; k < old->n; k++)
		if (old->v[k].yidx == oi)
			take_name(r, c, out, nps, &old->v[k], old->v[k].name,
				  y, yidx);
}

static int row_name_cmp(const void *x, const void *y)
{
	const struct row *a = *(const struct row *const *)x,
			 *b = *(const struct row *const *)y;

	return strcmp(a->name, b->name);
}

/* The rows of year folder `y` listed again. */
static void new_year(struct run *r, struct cclient *c, struct rows *out,
		     const struct rows *old, int nps, const struct yfolder *was,
		     unsigned oi, const struct yfolder *y, unsigned yidx,
		     char **names, size_t nnames)
{
	const struct row **kept = acct_calloc(old->n + 1, sizeof(*kept));
	size_t j, k, nkept = 0;

	/* The year's kept rows by name: a look-up each, not a scan. */
	for (k = 0; was && k < old->n; k++)
		if (old->v[k].yidx == oi)
			kept[nkept++] = &old->v[k];
	if (nkept)
		qsort(kept, nkept, sizeof(*kept), row_name_cmp);
	for (j = 0; j < nnames; j++) {
		const struct row *prev = NULL;
		size_t lo = 0, hi = nkept;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int cmp = strcmp(kept[mid]->name, names[j]);

			if (!cmp) {
				prev = kept[mid];
				break;
			}
			if (cmp < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		take_name(r, c, out, nps, prev, names[j], y, yidx);
	}
	free(kept);
}

/* Put `out` (sorted) in place as the client's records of that kind. */
static void set_rows(struct cclient *c, int nps, struct folder *nf,
		     struct rows *out)
{
	size_t i;

	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v),
		      nps ? row_answer_cmp : row_entry_cmp);
	nf->names = facts_alloc(&c->fc.arena, (out->n + 1) *
				sizeof(*nf->names));
	nf->stamps = facts_alloc(&c->fc.arena, (out->n + 1) *
				 sizeof(*nf->stamps));
	nf->yidx = facts_alloc(&c->fc.arena, (out->n + 1) * sizeof(*nf->yidx));
	nf->known = 1;
	if (nps) {
		free(c->fc.answers);
		c->fc.answers = acct_calloc(out->n + 1, sizeof(*c->fc.answers));
		c->fc.nanswers = c->fc.aanswers = out->n;
	} else {
		free(c->fc.entries);
		c->fc.entries = acct_calloc(out->n + 1, sizeof(*c->fc.entries));
		c->fc.nentries = c->fc.aentries = out->n;
	}
	for (i = 0; i < out->n; i++) {
		if (nps)
			c->fc.answers[i] = out->v[i].a;
		else
			c->fc.entries[i] = out->v[i].e;
		nf->names[i] = out->v[i].name;
		nf->stamps[i] = out->v[i].stamp;
		nf->yidx[i] = out->v[i].yidx;
		nf->untracked |= !out->v[i].stamp;
	}
}

/*
 * Bring the records of one folder kind of `c` up to date: the kept ones
 * whose folder and index record did not change, the others read.
 */
static void update_folder(struct run *r, struct cclient *c, int nps,
			  int stamps_ok, int had)
{
	struct folder *f = nps ? &c->nps : &c->log, nf;
	struct rows old = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	char **years = NULL;
	size_t nyears = 0, i, j;
	struct acct_buf dir = ACCT_BUF_INIT;

	if (folder_same(r, c, nps, stamps_ok))
		return;
	r->dirty = 1;
	if (!nps && !f->known && had)
		facts_detail_read(r->book, r->shards, c);
	if (!nps)
		c->write_detail = 1;
	memset(&nf, 0, sizeof(nf));
	old_rows(&old, c, nps);
	acct_buf_addf(&dir, "%s/clients/%s/%s", r->book->root, c->fc.pub.slug,
		      kind_dir(nps));
	fst_of(&nf.st, dir.buf);
	if (nf.st.ino != FST_MISSING &&
	    acct_dir_names(&years, &nyears, dir.buf, year_name, NULL, 0) < 0 &&
	    errno != ENOENT && errno != ENOTDIR) {
		nf.bad = 1;	/* told by the reader, from the files */
		memset(&nf.st, 0, sizeof(nf.st));
	}
	nf.years = facts_alloc(&c->fc.arena, (nyears + 1) * sizeof(*nf.years));
	for (i = 0; i < nyears; i++) {
		struct yfolder *y = &nf.years[nf.nyears];
		struct record_of of;
		const struct yfolder *was = NULL;
		char **names = NULL;
		size_t nnames = 0;
		unsigned oi = 0;

		y->name = facts_strdup(&c->fc.arena, years[i]);
		y->year = acct_year_folder(years[i]);
		acct_buf_reset(&r->path);
		acct_buf_addf(&r->path, "%s/%s", dir.buf, years[i]);
		fst_of(&y->st, r->path.buf);
		for (j = 0; j < f->nyears && !was; j++)
			if (!strcmp(f->years[j].name, y->name)) {
				was = &f->years[j];
				oi = (unsigned)j;
			}
		if (was && f->known && fst_same(&was->st, &y->st)) {
			same_year(r, c, &out, &old, nps, oi, y,
				  (unsigned)nf.nyears++);
			continue;
		}
		/* A year folder that cannot be opened is skipped (walk.c). */
		of.nps = nps;
		of.y = y;
		if (acct_dir_names(&names, &nnames, r->path.buf, record_name, &of,
				   0) < 0)
			continue;
		new_year(r, c, &out, &old, nps, was, oi, y,
			 (unsigned)nf.nyears++, names, nnames);
		acct_dir_names_free(names, nnames);
	}
	acct_dir_names_free(years, nyears);
	acct_buf_release(&dir);
	set_rows(c, nps, &nf, &out);
	if (nps)
		c->fc.pub.nps_bad = nf.bad;
	else
		c->fc.pub.log_bad = nf.bad;
	*f = nf;
	free(old.v);
	free(out.v);
}

/* The client's entries in the index, as one number. */
static uint64_t index_digest(struct run *r)
{
	uint64_t d = 0x84222325cbf29ce4ULL;
	size_t i;

	for (i = r->lo; i < r->hi; i++) {
		const struct acct_index_entry *e = &r->idx.v[i];

		d = (d ^ acct_cachefile_checksum(e->path, e->len) ^ e->stamp) *
		    0x100000001b3ULL;
	}
	return d;
}

/* Whether the agenda looks past the card: active and not archived. */
static int card_active(const struct acct_client *c)
{
	return c && !strcmp(c->status, "active") && !c->has_archived;
}

static void drop_records(struct cclient *c)
{
	c->records = 0;
	c->fc.nentries = c->fc.nanswers = 0;
	c->fc.entry_names = NULL;
	memset(&c->log, 0, sizeof(c->log));
	memset(&c->nps, 0, sizeof(c->nps));
	memset(&c->fc.pub.brief, 0, sizeof(c->fc.pub.brief));
	c->fc.pub.log_bad = c->fc.pub.nps_bad = 0;
}

/* What of the records of a client with card `c` is read. */
static enum records_kept records_wanted(unsigned flags,
					const struct acct_client *c)
{
	if (!(flags & ACCT_FACTS_ACTIVE) || card_active(c))
		return RECORDS_ALL;
	return c && !c->has_archived ? RECORDS_NPS : RECORDS_NONE;
}

/* Bring client `c` (its kept facts, or none) up to date with the book. */
static void update_client(struct run *r, struct cclient *c)
{
	const char *slug = c->fc.pub.slug;
	struct fst st;
	int stamps_ok = 0, had;
	enum records_kept want;
	uint64_t digest = c->digest;

	fst_client(r, &st, slug, "client.yaml", NULL);
	if (!c->fc.card || !fst_same(&st, &c->card_st)) {
		r->dirty = 1;
		acct_client_free(c->fc.card);
		c->fc.card = NULL;
		c->fc.pub.card_bad = 0;
		memset(c->fc.pub.tz_at, 0, sizeof(c->fc.pub.tz_at));
		memset(c->fc.pub.hours_at, 0, sizeof(c->fc.pub.hours_at));
		facts_read_card(&c->fc, r->book);
	}
	c->card_st = st;
	want = records_wanted(r->flags, c->fc.card);
	if (want == RECORDS_NONE) {
		/* Only the card: the rest is read when it turns active. */
		if (c->records)
			r->dirty = 1;
		drop_records(c);
		return;
	}
	had = c->records == (int)want;
	if (!had) {
		drop_records(c);
		r->dirty = 1;
		c->write_detail = 1;
	}
	c->records = (int)want;
	if (want == RECORDS_ALL) {
		fst_client(r, &st, slug, "brief.md", NULL);
		if (!had || !fst_same(&st, &c->brief_st) ||
		    c->fc.pub.brief.state == ACCT_FACT_BAD) {
			r->dirty = 1;
			facts_read_brief(&c->fc, r->book);
		}
		c->brief_st = st;
	}
	if (r->idx_state == IDX_SCANNED) {
		acct_buf_reset(&r->path);
		acct_buf_addf(&r->path, "clients/%s/", slug);
		acct_index_scan_range(&r->idx, r->path.buf, r->path.len,
				      &r->lo, &r->hi);
		digest = index_digest(r);
		stamps_ok = had && digest == c->digest;
	} else if (r->idx_state == IDX_SAME) {
		stamps_ok = had;
	}
	c->digest = r->idx_state == IDX_UNKNOWN ? 0 : digest;
	if (want == RECORDS_ALL)
		update_folder(r, c, 0, stamps_ok, had);
	update_folder(r, c, 1, stamps_ok, had);
}

/* --- the facts of the book ------------------------------------------------ */

static int64_t clock_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return ns_of(&t);
}

/* Without the cache: every `step`th client from `from`, from the files. */
struct read_job {
	struct acct_facts *f;
	struct acct_book *book;
	unsigned flags;
	size_t from, step;
};

static void *read_some(void *payload)
{
	struct read_job *job = payload;
	size_t i;

	for (i = job->from; i < job->f->n; i += job->step) {
		struct facts_client *c = &job->f->v[i].fc;

		facts_read_card(c, job->book);
		switch (records_wanted(job->flags, c->card)) {
		case RECORDS_ALL:
			facts_read_brief(c, job->book);
			facts_read_log(c, job->book, NULL);
			facts_read_answers(c, job->book, NULL);
			break;
		case RECORDS_NPS:
			facts_read_answers(c, job->book, NULL);
			break;
		case RECORDS_NONE:
			break;
		}
		facts_client_publish(c);
	}
	return NULL;
}

/*
 * Without the cache: everything from the files, in two threads (each
 * client's facts are its own; the order of the clients and of each
 * one's records is the listing's, whatever the threads do), as git grep
 * reads a work tree.
 */
static int read_all(struct acct_facts *f, struct acct_book *book,
		    unsigned flags, struct acct_error *err)
{
	struct read_job jobs[2] = { { f, book, flags, 0, 2 },
				    { f, book, flags, 1, 2 } };
	char **slugs = NULL;
	size_t n = 0, i;
	pthread_t other;
	int rc, threaded;

	if ((rc = acct_client_slugs(&slugs, &n, book, err)) < 0)
		return rc;
	f->v = acct_calloc(n + 1, sizeof(*f->v));
	f->n = n;
	for (i = 0; i < n; i++)
		f->v[i].fc.pub.slug = facts_strdup(&f->v[i].fc.arena, slugs[i]);
	threaded = n > 1 && pthread_create(&other, NULL, read_some,
					   &jobs[1]) == 0;
	read_some(&jobs[0]);
	if (threaded)
		pthread_join(other, NULL);
	else
		read_some(&jobs[1]);
	acct_slugs_free(slugs, n);
	return 0;
}

/* The slugs of the clients now: those kept, if clients/ did not change. */
static int current_slugs(char ***slugs, size_t *n, struct run *r,
			 const struct acct_facts *old, const struct header *h,
			 const struct fst *st, struct acct_error *err)
{
	size_t i;

	if (old->n && fst_same(st, &h->clients_st)) {
		*slugs = acct_calloc(old->n + 1, sizeof(**slugs));
		for (i = 0; i < old->n; i++)
			(*slugs)[i] = acct_strdup(old->v[i].fc.pub.slug);
		*n = old->n;
		return 0;
	}
	r->dirty = 1;
	return acct_client_slugs(slugs, n, r->book, err);
}

/* A client that is gone: its details go when its shard is written. */
static void forget(struct run *r, const struct cclient *c)
{
	r->dirty = 1;
	r->shards->gone[facts_shard_of(c->fc.pub.slug)] = 1;
}

int acct_facts_load(struct acct_facts **out, struct acct_book *book,
		    unsigned flags, struct acct_error *err)
{
	struct acct_facts *f = acct_calloc(1, sizeof(*f)), old;
	struct run r;
	struct header h, was;
	char **slugs = NULL;
	size_t n = 0, i, j = 0;
	int rc = 0;

	*out = NULL;
	f->payload = (struct acct_buf)ACCT_BUF_INIT;
	facts_shards_init(&f->shards);
	if (book->no_cache || book->past) {
		if ((rc = read_all(f, book, flags, err)) < 0) {
			acct_facts_free(f);
			return rc;
		}
		*out = f;
		return 0;
	}
	memset(&r, 0, sizeof(r));
	r.clients_fd = -1;
	memset(&old, 0, sizeof(old));
	old.payload = (struct acct_buf)ACCT_BUF_INIT;
	memset(&was, 0, sizeof(was));
	r.book = book;
	r.flags = flags;
	r.racy_from = clock_ns() - RACY_NS;
	r.path = (struct acct_buf)ACCT_BUF_INIT;
	r.text = (struct acct_buf)ACCT_BUF_INIT;
	r.shards = &f->shards;
	if (facts_cache_read(&old, &was, book) < 0)
		r.dirty = 1;
	memset(&h, 0, sizeof(h));
	h.input_bytes = (uint64_t)book->config.input_bytes;
	acct_buf_addf(&r.path, "%sindex", git_repository_path(book->repo));
	fst_of(&h.index_st, r.path.buf);
	if (old.n && fst_same(&h.index_st, &was.index_st)) {
		r.idx_state = IDX_SAME;
	} else {
		r.dirty = 1;
		r.idx_state = acct_index_scan(&r.idx, r.path.buf,
					      "clients/") == 0 ?
			      IDX_SCANNED : IDX_UNKNOWN;
	}
	acct_book_path(&r.path, book, "clients");
	fst_of(&h.clients_st, r.path.buf);
	r.clients_fd = open(r.path.buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if ((rc = current_slugs(&slugs, &n, &r, &old, &was, &h.clients_st,
				err)) < 0)
		goto out;
	f->v = acct_calloc(n + 1, sizeof(*f->v));
	f->n = n;
	for (i = 0; i < n; i++) {
		struct cclient *c = &f->v[i];
		int cmp = 1;

		/* Both sorted: the kept client of this slug, if any. */
		while (j < old.n &&
		       (cmp = strcmp(old.v[j].fc.pub.slug, slugs[i])) < 0)
			forget(&r, &old.v[j++]);
		if (j < old.n && !cmp) {
			*c = old.v[j];
			memset(&old.v[j++], 0, sizeof(*c));
		}
		c->fc.pub.slug = facts_strdup(&c->fc.arena, slugs[i]);
		update_client(&r, c);
		c->fc.entry_names = c->log.known ? c->log.names : NULL;
		if (r.idx_state == IDX_SCANNED && r.hi)
			acct_index_scan_forget(&r.idx, r.hi - 1);
		facts_client_publish(&c->fc);
	}
	while (j < old.n)
		forget(&r, &old.v[j++]);
	/* Git's index (13 MB mapped on the 100k book) is not needed to write. */
	acct_index_scan_release(&r.idx);
	if (r.dirty)
		facts_cache_write(book, f, &h, r.racy_from, r.shards);
out:
	/* The kept facts point into the payload read: it stays with them. */
	f->payload = old.payload;
	facts_clients_release(old.v, old.n);
	acct_slugs_free(slugs, n);
	acct_index_scan_release(&r.idx);
	acct_buf_release(&r.path);
	acct_buf_release(&r.text);
	if (r.clients_fd >= 0)
		close(r.clients_fd);
	if (rc < 0) {
		acct_facts_free(f);
		return rc;
	}
	*out = f;
	return 0;
}

void acct_facts_free(struct acct_facts *f)
{
	if (!f)
		return;
	facts_clients_release(f->v, f->n);
	acct_buf_release(&f->payload);
	facts_shards_release(&f->shards);
	free(f);
}

size_t acct_facts_count(const struct acct_facts *f)
{
	return f->n;
}

const struct acct_client_facts *acct_facts_at(const struct acct_facts *f,
					      size_t i)
{
	return &f->v[i].fc.pub;
}

/* --- paths and blob ids --------------------------------------------------- */

void acct_facts_client_ids(struct acct_facts *f,
			   const struct acct_client_facts *cf,
			   struct acct_book *book)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		struct cclient *c = &f->v[i];

		/* Kept apart in the client's detail file: read it now. */
		if (&c->fc.pub == cf && c->records == RECORDS_ALL &&
		    !c->log.known &&
		    c->fc.nentries)
			facts_detail_read(book, NULL, c);
	}
}
