/*
 * A client's log and NPS answers as they were at a past commit (the
 * health score a month ago, lib/past.c), read without listing what did
 * not change since.
 *
 * Reading a folder of a past tree costs a git object with its chain of
 * deltas (on the 100k bench book, a tree of a month ago is some twenty
 * deltas deep), and a client's records are spread over a folder a year
 * (log/2024/, log/2025/ ...) of which usually only this year's changed.
 * The records read now (`now`: each one's path and blob id) say what a
 * folder holding exactly them hashes to: a git tree of their names, each
 * a regular file with its blob. When the past tree holds that id for the
 * folder, it holds those very files, so the past records there are the
 * ones read now, copied without a folder listed or a file read. Anything
 * else (a file acct does not list, one that did not load, a mode other
 * than a plain file's, an id not known) makes the ids differ, and that
 * folder is listed and read as before: the answer is the same either way.
 *
 * A folder that changed since is most often one that was only added to:
 * the records dated after the day of the past commit are the ones it did
 * not hold yet. So each folder is also hashed without those, and a past
 * folder of that id holds exactly the records dated by then: a client's
 * log/ of a month ago is known from the id its folder has in the past
 * tree of the client, without reading its log/ or this year's folder,
 * the two that changed with every entry logged since and cost the most.
 *
 * And the client's folder itself (its card, brief, log/ and nps/, each
 * rewritten by every commit to the client): the work tree's files there
 * and the two folders as above hash to what it was, most often, so its
 * id in the past clients/ (one folder read for all the clients) proves
 * the guess, and nothing of the client is read from the history at all
 * (acct_book_past_known(); the card and brief come from the work tree,
 * the same blobs).
 */
#include "acct/facts.h"
#include "facts_int.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/nps.h"
#include "acct/walk.h"
#include "acct/banned.h"

/* A record of `now` below the folder: "<YYYY>/<name>", and where it is. */
struct rec {
	const char *rel;
	const unsigned char *id;
	int later;			/* dated after the past commit's day */
};

/* A year folder of the records now, and what it hashes to. */
struct year {
	int year;
	int known;			/* every record in it has its id */
	unsigned char id[GIT_OID_RAWSZ];	/* all of them */
	int kept;			/* how many are not later */
	unsigned char kept_id[GIT_OID_RAWSZ];	/* those, when any */
	size_t lo;			/* its first record, by name */
};

/* Which of the records of now a folder of the past holds. */
enum held { HELD_NONE, HELD_ALL, HELD_KEPT };

struct folder {
	struct facts_client *c;
	struct acct_book *past;
	const struct acct_client_facts *now;
	int nps;			/* nps/ rather than log/ */
	struct acct_buf path;		/* clients/<slug>/<log|nps>[/...] */
	size_t base;			/* the length of its folder's */
	struct rec *recs;
	size_t nrecs;
	const char **rels;		/* by record of now: "<YYYY>/<name>" */
	char *relbytes;			/* what rels made up point into */
	char *later;			/* by record of now */
	struct year *years;
	size_t nyears;
	int known;			/* every year is */
	unsigned char id[GIT_OID_RAWSZ];	/* the folder's, when known */
	unsigned char kept_id[GIT_OID_RAWSZ];	/* of the records kept */
};

static int rec_cmp(const void *a, const void *b)
{
	return strcmp(((const struct rec *)a)->rel,
		      ((const struct rec *)b)->rel);
}

static size_t now_count(const struct folder *f)
{
	return f->nps ? f->now->nanswers : f->now->nentries;
}

/* The year of "YYYY/<name>", or 0. */
static int year_of(const char *rel)
{
	int i, v = 0;

	for (i = 0; i < 4; i++) {
		if (rel[i] < '0' || rel[i] > '9')
			return 0;
		v = v * 10 + (rel[i] - '0');
	}
	return rel[4] == '/' && rel[5] && !strchr(rel + 5, '/') ? v : 0;
}

/*
 * Each record of now's path below f->path, "<YYYY>/<name>": an answer's
 * from its path; an entry's from its path when it keeps one (it did not
 * load), else from its name, since its folder is log/<the name's year>.
 * 0, or -1 when one is not known or not there.
 */
static int now_rels(struct folder *f)
{
	const struct facts_client *fc = (const struct facts_client *)f->now;
	const char *const *names = f->nps ? NULL : fc->entry_names;
	size_t n = now_count(f), i, size = 1, plen = f->base;
	char *at;

	f->rels = acct_calloc(n + 1, sizeof(*f->rels));
	for (i = 0; names && i < n; i++)
		if (!f->now->entries[i].path && names[i])
			size += 5 + strlen(names[i]) + 1;
	at = f->relbytes = acct_malloc(size);
	for (i = 0; i < n; i++) {
		const char *p = f->nps ? f->now->answers[i].path :
				f->now->entries[i].path;

		if (p) {
			if (strncmp(p, f->path.buf, plen) || p[plen] != '/')
				return -1;
			f->rels[i] = p + plen + 1;
		} else if (names && names[i] && strlen(names[i]) > 4) {
			size_t len = strlen(names[i]) + 1;

			memcpy(at, names[i], 4);
			at[4] = '/';
			memcpy(at + 5, names[i], len);
			f->rels[i] = at;
			at += 5 + len;
		} else {
			return -1;
		}
		if (year_of(f->rels[i]) < 1)
			return -1;
	}
	return 0;
}

/* The blob id of record `i` of now, NULL when it is not known. */
static const unsigned char *now_id(const struct folder *f, size_t i)
{
	static const unsigned char zero[GIT_OID_RAWSZ];
	const unsigned char *id = f->nps ? f->now->answers[i].id :
				  f->now->entries[i].id;
	int bad = f->nps ? f->now->answers[i].bad : f->now->entries[i].bad;

	return bad || !memcmp(id, zero, sizeof(zero)) ? NULL : id;
}

/*
 * The id git gives a tree of `n` entries `names` (sorted as git sorts
 * them) with `ids`, all of mode `mode` ("100644" for a file, "40000" for
 * a folder).
 */
static void tree_hash(unsigned char *out, struct acct_buf *buf,
		      const char *mode, const char *const *names,
		      const unsigned char *const *ids, size_t n)
{
	git_oid oid;
	size_t i;

	acct_buf_reset(buf);
	for (i = 0; i < n; i++) {
		acct_buf_addstr(buf, mode);
		acct_buf_addch(buf, ' ');
		acct_buf_add(buf, names[i], strlen(names[i]) + 1);
		acct_buf_add(buf, ids[i], GIT_OID_RAWSZ);
	}
	if (git_odb_hash(&oid, buf->buf, buf->len, GIT_OBJECT_TREE) < 0) {
		git_error_clear();
		memset(out, 0, GIT_OID_RAWSZ);
		return;
	}
	memcpy(out, oid.id, GIT_OID_RAWSZ);
}


/*
 * The id of the tree of years (each "YYYY" a folder) into `out`: of all
 * the records, or (`kept`) of those not later, a year without any left
 * out.
 */
static void hash_years(unsigned char *out, struct folder *f,
		       struct acct_buf *buf, int kept)
{
	const char **names = acct_calloc(f->nyears + 1, sizeof(*names));
	const unsigned char **ids = acct_calloc(f->nyears + 1, sizeof(*ids));
	char (*yn)[5] = acct_calloc(f->nyears + 1, sizeof(*yn));
	size_t k, n = 0;

	for (k = 0; k < f->nyears; k++) {
		if (kept && !f->years[k].kept)
			continue;
		memcpy(yn[n], f->recs[f->years[k].lo].rel, 4);
		names[n] = yn[n];
		ids[n++] = kept ? f->years[k].kept_id : f->years[k].id;
	}
	tree_hash(out, buf, "40000", names, ids, n);
	free(names);
	free(ids);
	free(yn);
}

/* Whether record `i` of now is dated after `day`. */
static int is_later(const struct folder *f, size_t i,
		    const struct acct_date *day)
{
	if (f->nps)
		return acct_date_cmp(&f->now->answers[i].named, day) > 0;
	return f->now->entries[i].keyday > acct_facts_keyday(day);
}

/*
 * The records of now below f->path by year, and what each year's folder
 * and the whole folder hash to: 0, or -1 when a record's path is not
 * known or not "<YYYY>/<name>" there.
 */
static int gather(struct folder *f)
{
	size_t n = now_count(f), i, j, k;
	struct acct_buf buf = ACCT_BUF_INIT;
	const char **names;
	const unsigned char **ids;
	struct acct_date day;

	acct_book_past_day(&day, f->past);
	if (now_rels(f) < 0)
		return -1;
	f->recs = acct_calloc(n + 1, sizeof(*f->recs));
	f->later = acct_calloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		f->later[i] = (char)is_later(f, i, &day);
		f->recs[f->nrecs].rel = f->rels[i];
		f->recs[f->nrecs].id = now_id(f, i);
		f->recs[f->nrecs++].later = f->later[i];
	}
	/* By year, then name: git's order of a folder of files. */
	qsort(f->recs, f->nrecs, sizeof(*f->recs), rec_cmp);
	f->years = acct_calloc(f->nrecs + 1, sizeof(*f->years));
	names = acct_calloc(f->nrecs + 1, sizeof(*names));
	ids = acct_calloc(f->nrecs + 1, sizeof(*ids));
	f->known = 1;
	for (i = 0; i < f->nrecs; i = j) {
		struct year *y = &f->years[f->nyears++];

		y->year = year_of(f->recs[i].rel);
		y->known = 1;
		y->lo = i;
		for (j = i; j < f->nrecs &&
		     !strncmp(f->recs[j].rel, f->recs[i].rel, 5); j++) {
			names[j - i] = f->recs[j].rel + 5;
			if (!(ids[j - i] = f->recs[j].id))
				y->known = 0;
		}
		if (!y->known) {
			f->known = 0;
			continue;
		}
		tree_hash(y->id, &buf, "100644", names, ids, j - i);
		/* The same folder without the records dated later. */
		for (k = i; k < j; k++)
			if (!f->recs[k].later) {
				names[y->kept] = f->recs[k].rel + 5;
				ids[y->kept++] = f->recs[k].id;
			}
		if (y->kept)
			tree_hash(y->kept_id, &buf, "100644", names, ids,
				  (size_t)y->kept);
	}
	if (f->known) {
		hash_years(f->id, f, &buf, 0);
		hash_years(f->kept_id, f, &buf, 1);
	}
	free(names);
	free(ids);
	acct_buf_release(&buf);
	return 0;
}

/*
 * Copy the records of now in year `y` (all: NULL) that the past folder
 * holds, in now's order.
 */
static void copy_now(struct folder *f, const struct year *y, enum held held)
{
	size_t i, n = now_count(f);

	for (i = 0; i < n; i++) {
		if ((y && year_of(f->rels[i]) != y->year) ||
		    (held == HELD_KEPT && f->later[i]))
			continue;
		if (f->nps)
			facts_copy_answer(f->c, facts_answer_add(f->c),
					  &f->now->answers[i]);
		else
			facts_copy_entry(f->c, facts_entry_add(f->c),
					 &f->now->entries[i]);
	}
}

/* The year folders of the past folder, as the walk takes them. */
struct past_years {
	int *v;
	size_t n;
	int zero;		/* a "0000": not one the walk can take alone */
};

static int past_year(void *payload, const char *name, int dir)
{
	struct past_years *py = payload;
	int year = acct_year_folder(name);

	if (!dir || year < 0)
		return 0;
	if (!year)
		py->zero = 1;
	py->v = acct_realloc(py->v, (py->n + 1) * sizeof(*py->v));
	py->v[py->n++] = year;
	return 0;
}

static const struct year *now_year(const struct folder *f, int year)
{
	size_t k;

	for (k = 0; k < f->nyears; k++)
		if (f->years[k].year == year)
			return &f->years[k];
	return NULL;
}

/* Which records of now a past folder of tree id `id` holds. */
static enum held held_by(const unsigned char *id, int known,
			 const unsigned char *all, int kept,
			 const unsigned char *kept_id)
{
	if (known && !memcmp(id, all, GIT_OID_RAWSZ))
		return HELD_ALL;
	if (known && kept && !memcmp(id, kept_id, GIT_OID_RAWSZ))
		return HELD_KEPT;
	return HELD_NONE;
}

/* Past year folder `year`: copied from now when the same, else read. */
static int read_year(struct folder *f, int year)
{
	const struct year *y = now_year(f, year);
	struct acct_error err = ACCT_ERROR_INIT;
	unsigned char id[GIT_OID_RAWSZ];
	size_t len = f->path.len;
	enum held held = HELD_NONE;
	int rc = 0;

	acct_buf_addf(&f->path, "/%04d", year);
	if (y && acct_book_tree_folder_id(id, f->past, f->path.buf) == 0)
		held = held_by(id, y->known, y->id, y->kept, y->kept_id);
	if (held != HELD_NONE) {
		copy_now(f, y, held);
	} else if (f->nps) {
		struct acct_nps_list list = ACCT_NPS_LIST_INIT;
		struct acct_date since = { year, 1, 1 }, until = { year, 12, 31 };

		if ((rc = acct_nps_list(&list, f->past, f->c->pub.slug, &since,
					&until, &err)) == 0)
			facts_add_answers(f->c, f->past, f->now, &list);
		acct_nps_list_release(&list);
	} else {
		struct acct_entry_list list = ACCT_ENTRY_LIST_INIT;

		if ((rc = acct_entry_list_year(&list, f->past, f->c->pub.slug,
					       year, &err)) == 0)
			facts_add_entries(f->c, f->past, f->now, &list);
		acct_entry_list_release(&list);
	}
	acct_error_clear(&err);
	acct_buf_setlen(&f->path, len);
	return rc < 0 ? -1 : 0;
}

static int read_folder(struct folder *f)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct past_years py = { NULL, 0, 0 };
	unsigned char id[GIT_OID_RAWSZ];
	size_t k;
	int rc = -1;

	enum held held;

	if (gather(f) < 0 ||
	    acct_book_tree_folder_id(id, f->past, f->path.buf) < 0)
		return -1;	/* no folder then, or not known: as usual */
	if ((held = held_by(id, f->known, f->id, 1, f->kept_id)) != HELD_NONE) {
		copy_now(f, NULL, held);
		return 0;
	}
	if (acct_book_tree_list(f->past, f->path.buf, past_year, &py,
				&err) < 0 || py.zero)
		goto out;
	/* The log newest first, the answers oldest first. */
	for (k = 0; k < py.n; k++)
		if (read_year(f, py.v[f->nps ? k : py.n - 1 - k]) < 0)
			goto out;
	rc = 0;
out:
	acct_error_clear(&err);
	free(py.v);
	return rc;
}

static void folder_init(struct folder *f, struct facts_client *c,
			struct acct_book *book,
			const struct acct_client_facts *now, int nps)
{
	memset(f, 0, sizeof(*f));
	f->c = c;
	f->past = book;
	f->now = now;
	f->nps = nps;
	f->path = (struct acct_buf)ACCT_BUF_INIT;
	acct_buf_addf(&f->path, "clients/%s/%s", c->pub.slug,
		      nps ? "nps" : "log");
	f->base = f->path.len;
}

static void folder_release(struct folder *f)
{
	acct_buf_release(&f->path);
	free(f->recs);
	free(f->rels);
	free(f->relbytes);
	free(f->later);
	free(f->years);
}

static int read_past(struct facts_client *c, struct acct_book *book,
		     const struct acct_client_facts *now, int nps)
{
	struct folder f;
	size_t had = nps ? c->nanswers : c->nentries;
	int rc;

	folder_init(&f, c, book, now, nps);
	if ((rc = read_folder(&f)) < 0) {
		/* Read again as usual, which tells what went wrong. */
		if (nps)
			c->nanswers = had;
		else
			c->nentries = had;
	}
	folder_release(&f);
	return rc;
}

/* --- the client's folder -------------------------------------------------- */

struct guess {
	struct acct_tree_entry *v;
	char **names;			/* theirs, owned */
	size_t n;
	int log, nps;			/* where they are in v, or -1 */
	struct folder f[2];		/* log/ and nps/ now */
};

/* Git's order of a folder's entries: a folder as if its name ended in '/'. */
static int entry_cmp(const void *a, const void *b)
{
	const struct acct_tree_entry *x = a, *y = b;
	size_t lx = strlen(x->name), ly = strlen(y->name);
	size_t n = lx < ly ? lx : ly;
	int c = memcmp(x->name, y->name, n);
	unsigned char cx, cy;

	if (c)
		return c;
	cx = lx > n ? (unsigned char)x->name[n] :
	     x->mode == GIT_FILEMODE_TREE ? '/' : 0;
	cy = ly > n ? (unsigned char)y->name[n] :
	     y->mode == GIT_FILEMODE_TREE ? '/' : 0;
	return (int)cx - (int)cy;
}

/* A file of the client's folder now, with its blob id: 0, or -1. */
static int guess_file(struct acct_tree_entry *e, struct acct_book *book,
		      const char *dir, const char *name, const struct stat *st)
{
	struct acct_buf rel = ACCT_BUF_INIT, abs = ACCT_BUF_INIT,
			text = ACCT_BUF_INIT;
	git_oid oid;
	int rc = -1;

	acct_buf_addf(&rel, "%s/%s", dir, name);
	acct_book_path(&abs, book, rel.buf);
	if (acct_file_read(&text, abs.buf, rel.buf, book->config.input_bytes, 0,
			   NULL) == 0 &&
	    git_odb_hash(&oid, text.buf, text.len, GIT_OBJECT_BLOB) == 0) {
		e->mode = st->st_mode & S_IXUSR ? GIT_FILEMODE_BLOB_EXECUTABLE :
			  GIT_FILEMODE_BLOB;
		memcpy(e->id, oid.id, GIT_OID_RAWSZ);
		rc = 0;
	}
	git_error_clear();
	acct_buf_release(&rel);
	acct_buf_release(&abs);
	acct_buf_release(&text);
	return rc;
}

/*
 * The entries of the client's folder in the work tree, log/ and nps/ to
 * be filled in: 0, or -1 when one is neither a file nor one of those.
 */
static int guess_list(struct guess *g, struct acct_book *book,
		      const char *dir)
{
	struct acct_buf abs = ACCT_BUF_INIT, path = ACCT_BUF_INIT;
	struct dirent *de;
	DIR *d;
	int rc = 0;

	acct_book_path(&abs, book, dir);
	if (!(d = opendir(abs.buf))) {
		acct_buf_release(&abs);
		return -1;
	}
	while (!rc && (de = readdir(d))) {
		struct acct_tree_entry *e;
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		acct_buf_reset(&path);
		acct_buf_addf(&path, "%s/%s", abs.buf, de->d_name);
		if (lstat(path.buf, &st) < 0) {
			rc = -1;
			break;
		}
		g->v = acct_realloc(g->v, (g->n + 1) * sizeof(*g->v));
		g->names = acct_realloc(g->names, (g->n + 1) *
					sizeof(*g->names));
		e = &g->v[g->n];
		memset(e, 0, sizeof(*e));
		e->name = g->names[g->n++] = acct_strdup(de->d_name);
		if (S_ISDIR(st.st_mode) && (!strcmp(e->name, "log") ||
					    !strcmp(e->name, "nps")))
			e->mode = GIT_FILEMODE_TREE;
		else if (!S_ISREG(st.st_mode) ||
			 guess_file(e, book, dir, e->name, &st) < 0)
			rc = -1;
	}
	closedir(d);
	acct_buf_release(&abs);
	acct_buf_release(&path);
	return rc;
}

/*
 * The entries of the folder guessed into `out` (`*n` of them), log/ and
 * nps/ each holding all the records of now or (`kept`) those dated by
 * then, a folder with none left out; and its id: 0, or -1 when one of
 * them is not known.
 */
static int guess_hash(unsigned char *out, struct acct_tree_entry *v,
		      size_t *n, const struct guess *g, int log_kept,
		      int nps_kept, struct acct_buf *tree)
{
	size_t i;
	git_oid oid;
	int rc = 0;

	acct_buf_reset(tree);
	*n = 0;
	for (i = 0; i < g->n; i++) {
		const struct folder *f = (int)i == g->log ? &g->f[0] :
					 (int)i == g->nps ? &g->f[1] : NULL;
		int kept = (int)i == g->log ? log_kept : nps_kept;

		v[*n] = g->v[i];
		if (f) {
			size_t k, left = 0;

			if (!f->known)
				return -1;
			for (k = 0; k < f->nyears; k++)
				left += kept ? (size_t)f->years[k].kept : 1;
			if (!left)
				continue;	/* git keeps no empty folder */
			memcpy(v[*n].id, kept ? f->kept_id : f->id,
			       GIT_OID_RAWSZ);
		}
		acct_buf_addf(tree, "%o %s", v[*n].mode, v[*n].name);
		acct_buf_add(tree, "", 1);
		acct_buf_add(tree, v[*n].id, GIT_OID_RAWSZ);
		(*n)++;
	}
	if (git_odb_hash(&oid, tree->buf, tree->len, GIT_OBJECT_TREE) == 0)
		memcpy(out, oid.id, GIT_OID_RAWSZ);
	else
		rc = -1;
	git_error_clear();
	return rc;
}

int facts_past_client(struct facts_client *c, struct acct_book *book,
		      const struct acct_client_facts *now)
{
	struct acct_buf dir = ACCT_BUF_INIT, buf = ACCT_BUF_INIT;
	unsigned char was[GIT_OID_RAWSZ], id[GIT_OID_RAWSZ];
	struct acct_tree_entry *v = NULL;
	struct guess g;
	size_t i, n = 0;
	int rc = -1, a;

	memset(&g, 0, sizeof(g));
	g.log = g.nps = -1;
	folder_init(&g.f[0], c, book, now, 0);
	folder_init(&g.f[1], c, book, now, 1);
	acct_buf_addf(&dir, "clients/%s", c->pub.slug);
	if (acct_book_tree_folder_id(was, book, dir.buf) < 0 ||
	    guess_list(&g, book, dir.buf) < 0)
		goto out;
	qsort(g.v, g.n, sizeof(*g.v), entry_cmp);
	for (i = 0; i < g.n; i++)
		if (g.v[i].mode == GIT_FILEMODE_TREE) {
			int nps = !strcmp(g.v[i].name, "nps");

			if (gather(&g.f[nps]) < 0)
				goto out;
			*(nps ? &g.nps : &g.log) = (int)i;
		}
	/* All of the log, or what is dated by then; the same of the answers. */
	v = acct_calloc(g.n + 1, sizeof(*v));
	for (a = 0; a < 4 && rc < 0; a++)
		if (guess_hash(id, v, &n, &g, a & 1, a >> 1, &buf) == 0 &&
		    !memcmp(id, was, sizeof(id)))
			rc = 0;
	/* Its folders with the ids guessed, which facts_past_log() finds. */
	if (rc == 0)
		acct_book_past_known(book, dir.buf, v, n);
out:
	free(v);
	for (i = 0; i < g.n; i++)
		free(g.names[i]);
	free(g.names);
	free(g.v);
	folder_release(&g.f[0]);
	folder_release(&g.f[1]);
	acct_buf_release(&dir);
	acct_buf_release(&buf);
	return rc;
}

int facts_past_log(struct facts_client *c, struct acct_book *book,
		   const struct acct_client_facts *now)
{
	return read_past(c, book, now, 0);
}

int facts_past_answers(struct facts_client *c, struct acct_book *book,
		       const struct acct_client_facts *now)
{
	return read_past(c, book, now, 1);
}
