/*
 * The commits that changed each client's folder, for `acct history` and
 * for the day a card entered the book (include/acct/folderlog.h).
 *
 * The walk goes down HEAD's first-parent line. A step where the root
 * tree's clients/ entry did not change costs a commit and a root tree;
 * else the two clients/ trees, a thousand folders each in a large book,
 * are read as they are stored (lib/rawtree.c) and compared from their
 * first differing byte to where the rest is the same bytes: the folders
 * whose tree id differs are noted, and nothing else is read.
 *
 * Then what those folder versions hold (the card's and the brief's blob
 * ids) is read, folder by folder and newest first: the versions of one
 * folder are stored in the pack as deltas of each other, and reading them
 * one after the other keeps their bases in libgit2's cache and their
 * pages in the windows it maps, where reading them in commit order would
 * take every chain from the start again (twice the time) and thrash the
 * windows. A version is read once: as a change's folder, and from the
 * table below as the next change's parent. A version the kept list holds
 * (its HEAD's folders, where the walk after a `git pull` starts from) or
 * git's index has (where it ends) is not read at all: the versions read
 * are those in between, if any.
 */
#include "acct/folderlog.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/cachefile.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/rawtree.h"
#include "folderlog_int.h"
#include "acct/banned.h"

#define CARD "client.yaml"
#define BRIEF "brief.md"
#define IDSZ ACCT_RAWTREE_IDSZ

/* --- names ------------------------------------------------------------- */

/* A folder's name, once: changes point at it while the list is built. */
struct name {
	char *s;
	uint32_t index;		/* in the sorted names, at the end */
};

struct names {
	struct name **slot;	/* open addressing, a power of two */
	size_t nslot, n;
};

static uint64_t hash_bytes(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */

	while (len--)
		h = (h ^ *s++) * 1099511628211ULL;
	return h;
}

static struct name *intern(struct names *t, const char *s, size_t len)
{
	size_t i;

	if (2 * (t->n + 1) > t->nslot) {
		struct names bigger = { NULL, t->nslot ? 2 * t->nslot : 256, 0 };

		bigger.slot = acct_calloc(bigger.nslot, sizeof(*bigger.slot));
		for (i = 0; i < t->nslot; i++) {
			size_t j;

			if (!t->slot[i])
				continue;
			j = hash_bytes(t->slot[i]->s, strlen(t->slot[i]->s)) &
			    (bigger.nslot - 1);
			while (bigger.slot[j])
				j = (j + 1) & (bigger.nslot - 1);
			bigger.slot[j] = t->slot[i];
		}
		bigger.n = t->n;
		free(t->slot);
		*t = bigger;
	}
	i = hash_bytes(s, len) & (t->nslot - 1);
	for (; t->slot[i]; i = (i + 1) & (t->nslot - 1))
		if (!strncmp(t->slot[i]->s, s, len) && !t->slot[i]->s[len])
			return t->slot[i];
	t->slot[i] = acct_calloc(1, sizeof(**t->slot));
	t->slot[i]->s = acct_malloc(len + 1);
	memcpy(t->slot[i]->s, s, len);
	t->slot[i]->s[len] = '\0';
	t->n++;
	return t->slot[i];
}

static void names_release(struct names *t)
{
	size_t i;

	for (i = 0; i < t->nslot; i++) {
		if (t->slot[i])
			free(t->slot[i]->s);
		free(t->slot[i]);
	}
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

/* --- the list being built ---------------------------------------------- */

/*
 * A folder whose tree differs from the parent's, as the walk finds it:
 * its tree (with ACCT_FOLDERLOG_DIR), and once what it holds is read
 * (read_folders()) the flags, or 0 when the change does not count. The
 * parent's tree is the one of the folder's next change down the line.
 */
struct bchange {
	struct name *name;
	uint32_t flags;
	unsigned char now[IDSZ];
};

struct bcommit {
	unsigned char id[IDSZ];
	uint32_t step;		/* of the walk; the depth is known at its end */
	uint32_t first, n;	/* its changes (a walk of 4 billion: no) */
	uint64_t depth;
	int64_t time;
	struct name *moved;
};

struct build {
	struct names names;
	struct bcommit *c;
	size_t nc, calloc_;
	struct bchange *ch;
	size_t nch, challoc;
	/* The tree ids of HEAD's folders, then what they hold. */
	unsigned char *heads;
	size_t nheads;
	struct acct_folderlog_folder *folders;
	size_t nfolders;
};

static struct bcommit *add_commit(struct build *b)
{
	if (b->nc == b->calloc_) {
		b->calloc_ = b->calloc_ ? 2 * b->calloc_ : 256;
		b->c = acct_realloc(b->c, b->calloc_ * sizeof(*b->c));
	}
	memset(&b->c[b->nc], 0, sizeof(*b->c));
	b->c[b->nc].first = (uint32_t)b->nch;
	return &b->c[b->nc++];
}

static struct bchange *add_change(struct build *b, struct name *name,
				  uint32_t flags)
{
	struct bchange *ch;

	if (b->nch == b->challoc) {
		b->challoc = b->challoc ? 2 * b->challoc : 256;
		b->ch = acct_realloc(b->ch, b->challoc * sizeof(*b->ch));
	}
	ch = &b->ch[b->nch++];
	memset(ch, 0, sizeof(*ch));
	ch->name = name;
	ch->flags = flags;
	return ch;
}

static void build_release(struct build *b)
{
	names_release(&b->names);
	free(b->c);
	free(b->ch);
	free(b->heads);
	free(b->folders);
}

/* --- what a folder holds, by its tree id ----------------------------------- */

struct folder {
	int has_card, has_brief;
	unsigned char card[IDSZ], brief[IDSZ];
};

/*
 * A folder version read for one change is the parent's of the next one
 * down the line: a small table by tree id (a direct-mapped cache).
 */
#define MEMO_SLOTS 4096

struct memo {
	int used;
	unsigned char dir[IDSZ];
	struct folder f;
};

struct walk {
	git_repository *repo;
	git_odb *odb;
	struct memo *memo;
	struct acct_folderlog_known known;	/* not to be read */
	struct acct_error *err;
};

static int folder_read(struct folder *out, struct walk *w,
		       const unsigned char *dir)
{
	struct acct_rawtree t = ACCT_RAWTREE_INIT;
	const struct acct_folderlog_folder *known;
	struct acct_rawtree_entry e;
	struct memo *m;
	size_t pos = 0;
	git_oid id;
	int rc;

	m = &w->memo[(dir[0] | (size_t)dir[1] << 8) % MEMO_SLOTS];
	if (m->used && !memcmp(m->dir, dir, IDSZ)) {
		*out = m->f;
		return 0;
	}
	memset(out, 0, sizeof(*out));
	if ((known = acct_folderlog_known_find(&w->known, dir))) {
		out->has_card = !!(known->has & ACCT_FOLDERLOG_HAS_CARD);
		out->has_brief = !!(known->has & ACCT_FOLDERLOG_HAS_BRIEF);
		memcpy(out->card, known->card, IDSZ);
		memcpy(out->brief, known->brief, IDSZ);
		return 0;
	}
	git_oid_fromraw(&id, dir);
	if ((rc = acct_rawtree_read(&t, w->odb, &id, w->err)) < 0)
		return rc;
	while ((rc = acct_rawtree_next(&e, t.data, t.len, &pos)) == 1) {
		if (!e.is_blob)
			continue;
		if (e.namelen == strlen(CARD) && !memcmp(e.name, CARD, e.namelen)) {
			out->has_card = 1;
			memcpy(out->card, e.id, IDSZ);
		} else if (e.namelen == strlen(BRIEF) &&
			   !memcmp(e.name, BRIEF, e.namelen)) {
			out->has_brief = 1;
			memcpy(out->brief, e.id, IDSZ);
		}
	}
	acct_rawtree_release(&t);
	if (rc < 0) {
		acct_error_set(w->err, ACCT_ERROR, "cannot read a tree: %s is "
			       "damaged", git_oid_tostr_s(&id));
		return ACCT_ERROR;
	}
	m->used = 1;
	memcpy(m->dir, dir, IDSZ);
	m->f = *out;
	return 0;
}

static int blob_differs(int has_a, const unsigned char *a, int has_b,
			const unsigned char *b)
{
	return has_a != has_b || (has_a && memcmp(a, b, IDSZ));
}

/* --- one step: a commit against its first parent ---------------------------- */

/* Where clients/ stands in a commit: its tree, read when needed. */
struct side {
	int has;		/* the root tree has a folder clients/ */
	git_oid id;
	struct acct_rawtree raw;	/* read, or not yet (raw.data NULL) */
};

static int side_read(struct side *s, struct walk *w)
{
	if (!s->has || s->raw.data)
		return 0;
	return acct_rawtree_read(&s->raw, w->odb, &s->id, w->err);
}

static int side_of(struct side *s, struct walk *w, const git_commit *commit)
{
	struct acct_rawtree root = ACCT_RAWTREE_INIT;
	struct acct_rawtree_entry e;
	int rc;

	acct_rawtree_release(&s->raw);
	memset(s, 0, sizeof(*s));
	if ((rc = acct_rawtree_read(&root, w->odb, git_commit_tree_id(commit),
				    w->err)) < 0)
		return rc;
	rc = acct_rawtree_find(&e, root.data, root.len, "clients");
	if (rc == 1 && e.is_tree) {
		s->has = 1;
		git_oid_fromraw(&s->id, e.id);
	}
	acct_rawtree_release(&root);
	if (rc < 0) {
		acct_error_set(w->err, ACCT_ERROR, "cannot read a tree: %s is "
			       "damaged", git_oid_tostr_s(git_commit_tree_id(commit)));
		return ACCT_ERROR;
	}
	return 0;
}

/* Folder `name` differs: its tree in the child (or NULL), read later. */
static void folder_change(struct build *b, const char *name, size_t namelen,
			  const unsigned char *now, int before)
{
	struct bchange *ch = add_change(b, intern(&b->names, name, namelen),
					(now ? ACCT_FOLDERLOG_DIR : 0) |
					(before ? ACCT_FOLDERLOG_DIR_BEFORE : 0));

	if (now)
		memcpy(ch->now, now, IDSZ);
}

static int bad_tree(struct walk *w, const git_oid *id)
{
	acct_error_set(w->err, ACCT_ERROR, "cannot read a tree: %s is damaged",
		       git_oid_tostr_s(id));
	return ACCT_ERROR;
}

/* How many bytes `a` and `b` have in common at the start. */
static size_t common_prefix(const unsigned char *a, const unsigned char *b,
			    size_t n)
{
	size_t i = 0;

	while (i + 64 <= n && !memcmp(a + i, b + i, 64))
		i += 64;
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* How many bytes `a` (of `la`) and `b` (of `lb`) have in common at the end. */
static size_t common_suffix(const unsigned char *a, size_t la,
			    const unsigned char *b, size_t lb)
{
	size_t n = la < lb ? la : lb, i = 0;

	while (i + 64 <= n && !memcmp(a + la - i - 64, b + lb - i - 64, 64))
		i += 64;
	while (i < n && a[la - i - 1] == b[lb - i - 1])
		i++;
	return i;
}

/*
 * The folders of `child` and `parent` (clients/ of each, either absent),
 * merged in git's order: the changes of commit `c`, and the folder it
 * renamed (as `acct history` has always found it: the one folder of the
 * parent that the child has no entry of that name for, holding a card).
 *
 * The two trees are mostly the same bytes, one folder's id apart: the
 * entries before the first byte that differs are skipped, and the merge
 * stops where what is left of both is the same bytes.
 */
static int diff_step(struct build *b, struct bcommit *c, struct walk *w,
		     struct side *child, struct side *parent)
{
	struct acct_rawtree_entry ec, ep;
	const unsigned char *dc, *dp;
	unsigned char gone_dir[IDSZ];
	struct name *gone_name = NULL;
	size_t lc, lp, pc, pp, same_end, gone = 0;
	struct folder f;
	int rc;

	if ((rc = side_read(child, w)) < 0 || (rc = side_read(parent, w)) < 0)
		return rc;
	dc = child->raw.data;
	lc = child->raw.len;
	dp = parent->raw.data;
	lp = parent->raw.len;
	pc = common_prefix(dc, dp, lc < lp ? lc : lp);
	same_end = common_suffix(dc, lc, dp, lp);
	/* The entry that holds the first difference starts in both at once. */
	if ((pc = acct_rawtree_entry_start(dc, lc, pc)) == (size_t)-1)
		return bad_tree(w, &child->id);
	pp = pc;
	for (;;) {
		size_t nc = pc, np = pp;
		int hc, hp, cmp;

		if (lc - pc == lp - pp && lc - pc <= same_end)
			break;	/* the rest is the same */
		hc = acct_rawtree_next(&ec, dc, lc, &nc);
		hp = acct_rawtree_next(&ep, dp, lp, &np);
		if (hc < 0)
			return bad_tree(w, &child->id);
		if (hp < 0)
			return bad_tree(w, &parent->id);
		if (!hc && !hp)
			break;
		if (hc && hp)
			cmp = acct_rawtree_cmp(ec.name, ec.namelen, ec.is_tree,
					       ep.name, ep.namelen, ep.is_tree);
		else
			cmp = hc ? -1 : 1;
		if (cmp == 0) {
			if (ec.is_tree && memcmp(ec.id, ep.id, IDSZ))
				folder_change(b, ec.name, ec.namelen, ec.id, 1);
		} else if (cmp < 0) {
			if (ec.is_tree)
				folder_change(b, ec.name, ec.namelen, ec.id, 0);
		} else if (ep.is_tree) {
			char *name = acct_malloc(ep.namelen + 1);
			struct acct_rawtree_entry any;
			int there;

			memcpy(name, ep.name, ep.namelen);
			name[ep.namelen] = '\0';
			/* A file of the same name in the child is no move. */
			there = acct_rawtree_find(&any, dc, lc, name);
			free(name);
			if (there < 0)
				return bad_tree(w, &child->id);
			folder_change(b, ep.name, ep.namelen, NULL, 1);
			if (!there && !gone++) {
				gone_name = b->ch[b->nch - 1].name;
				memcpy(gone_dir, ep.id, IDSZ);
			}
		}
		if (cmp <= 0)
			pc = nc;
		if (cmp >= 0)
			pp = np;
	}
	c->n = (uint32_t)(b->nch - c->first);
	/* A folder gone, the one: renamed if it held a card (read it now). */
	if (child->has && parent->has && gone == 1) {
		if ((rc = folder_read(&f, w, gone_dir)) < 0)
			return rc;
		if (f.has_card)
			c->moved = gone_name;
	}
	return 0;
}

/* --- what the changes did ------------------------------------------------ */

struct by_folder {
	const struct name *name;
	size_t at;
};

static int by_folder_cmp(const void *a, const void *b)
{
	const struct by_folder *x = a, *y = b;

	if (x->name != y->name)
		return (uintptr_t)x->name < (uintptr_t)y->name ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

/*
 * Where folder `name` stood in the commit the walk stopped at (`last`,
 * whose clients/ tree it has): its tree into `out`.
 */
static int bad_history(struct walk *w, const char *name)
{
	acct_error_set(w->err, ACCT_ERROR, "cannot read the history of "
		       "clients/%s: it is not where its history says", name);
	return ACCT_ERROR;
}

static int tree_at_end(unsigned char *out, struct walk *w, struct side *last,
		       const char *name)
{
	struct acct_rawtree_entry e;
	int rc;

	if ((rc = side_read(last, w)) < 0)
		return rc;
	rc = last->has ? acct_rawtree_find(&e, last->raw.data, last->raw.len,
					   name) : 0;
	if (rc < 0)
		return bad_tree(w, &last->id);
	if (!rc || !e.is_tree)
		return bad_history(w, name);
	memcpy(out, e.id, IDSZ);
	return 0;
}

/*
 * The flags of each change the walk found: whether the card is there
 * before and after, and whether the card or the brief changed. Read
 * folder by folder, newest first, so that the versions of one folder,
 * stored as deltas of each other, are read one after the other; a change
 * that does none of this (a log entry added) is dropped (flags 0). The
 * parent's version of a folder is the one of its next change down the
 * line, or where the walk stopped (`last`).
 */
static int read_folders(struct build *b, struct walk *w, struct side *last)
{
	struct by_folder *v = acct_calloc(b->nch + 1, sizeof(*v));
	size_t i;
	int rc = 0;

	for (i = 0; i < b->nch; i++) {
		v[i].name = b->ch[i].name;
		v[i].at = i;
	}
	qsort(v, b->nch, sizeof(*v), by_folder_cmp);
	for (i = 0; i < b->nch; i++) {
		struct bchange *ch = &b->ch[v[i].at];
		struct folder fn = { 0 }, fb = { 0 };
		uint32_t f = ch->flags;
		unsigned char before[IDSZ];

		if ((f & ACCT_FOLDERLOG_DIR) &&
		    (rc = folder_read(&fn, w, ch->now)) < 0)
			break;
		if (f & ACCT_FOLDERLOG_DIR_BEFORE) {
			const struct bchange *older = i + 1 < b->nch &&
				v[i + 1].name == v[i].name ? &b->ch[v[i + 1].at] : NULL;

			if (older && (older->flags & ACCT_FOLDERLOG_DIR))
				memcpy(before, older->now, IDSZ);
			else if (older || !last)
				rc = bad_history(w, ch->name->s);
			else
				rc = tree_at_end(before, w, last, ch->name->s);
			if (rc < 0 || (rc = folder_read(&fb, w, before)) < 0)
				break;
		}
		f |= fn.has_card ? ACCT_FOLDERLOG_CARD : 0;
		f |= fb.has_card ? ACCT_FOLDERLOG_CARD_BEFORE : 0;
		if (blob_differs(fn.has_card, fn.card, fb.has_card, fb.card) ||
		    blob_differs(fn.has_brief, fn.brief, fb.has_brief, fb.brief))
			f |= ACCT_FOLDERLOG_FILES;
		/* Only the log, the answers or the like changed: no matter. */
		if (!(f & ACCT_FOLDERLOG_FILES) &&
		    !(f & ACCT_FOLDERLOG_DIR) == !(f & ACCT_FOLDERLOG_DIR_BEFORE) &&
		    !(f & ACCT_FOLDERLOG_CARD) == !(f & ACCT_FOLDERLOG_CARD_BEFORE))
			f = 0;
		ch->flags = f;
	}
	free(v);
	return rc;
}

/* --- HEAD's folders ------------------------------------------------------- */

/* What git's index has of the folders the walk found. */
static void known_from_index(struct walk *w, const struct names *t)
{
	const char **v = acct_calloc(t->n + 1, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < t->nslot; i++)
		if (t->slot[i])
			v[n++] = t->slot[i]->s;
	acct_folderlog_known_index(&w->known, w->repo, v, n);
	free(v);
}

/* The tree ids of the folders of `head` (HEAD's clients/). */
static int heads_list(struct build *b, struct walk *w, struct side *head)
{
	struct acct_rawtree_entry e;
	size_t pos = 0, alloc = 0;
	int rc;

	if (!head->has)
		return 0;
	if ((rc = side_read(head, w)) < 0)
		return rc;
	while ((rc = acct_rawtree_next(&e, head->raw.data, head->raw.len,
				       &pos)) == 1) {
		if (!e.is_tree)
			continue;
		if (b->nheads == alloc) {
			alloc = alloc ? 2 * alloc : 256;
			b->heads = acct_realloc(b->heads, alloc * IDSZ);
		}
		memcpy(b->heads + IDSZ * b->nheads++, e.id, IDSZ);
	}
	return rc < 0 ? bad_tree(w, &head->id) : 0;
}

/*
 * What HEAD's folders hold, by tree id, each once: kept with the list, so
 * that the next walk starts from them without reading them. Most are
 * known (kept from the last list, just read, or in git's index).
 */
static int heads_read(struct build *b, struct walk *w)
{
	size_t i;
	int rc;

	b->folders = acct_calloc(b->nheads + 1, sizeof(*b->folders));
	for (i = 0; i < b->nheads; i++) {
		struct acct_folderlog_folder *o = &b->folders[i];
		struct folder f;

		if ((rc = folder_read(&f, w, b->heads + IDSZ * i)) < 0)
			return rc;
		memcpy(o->tree, b->heads + IDSZ * i, IDSZ);
		o->has = (f.has_card ? ACCT_FOLDERLOG_HAS_CARD : 0) |
			 (f.has_brief ? ACCT_FOLDERLOG_HAS_BRIEF : 0);
		if (f.has_card)
			memcpy(o->card, f.card, IDSZ);
		if (f.has_brief)
			memcpy(o->brief, f.brief, IDSZ);
	}
	b->nfolders = acct_folderlog_folders_sort(b->folders, b->nheads);
	return 0;
}

/* --- the walk ------------------------------------------------------------ */

/* The kept list's commits by id, to find where the walk meets it. */
struct known_id {
	const unsigned char *id;
	size_t at;
};

struct known {
	const struct acct_folderlog *fl;
	struct known_id *v;
	size_t n;
};

static int by_id(const void *a, const void *b)
{
	return memcmp(((const struct known_id *)a)->id,
		      ((const struct known_id *)b)->id, IDSZ);
}

static void known_init(struct known *k, const struct acct_folderlog *fl)
{
	size_t i;

	k->fl = fl;
	k->n = fl ? fl->ncommits : 0;
	k->v = acct_calloc(k->n + 1, sizeof(*k->v));
	for (i = 0; i < k->n; i++) {
		k->v[i].id = fl->commits[i].id;
		k->v[i].at = i;
	}
	qsort(k->v, k->n, sizeof(*k->v), by_id);
}

/* Where commit `id` stands in the kept list, or -1. */
static long known_at(const struct known *k, const unsigned char *id)
{
	size_t lo = 0, hi = k->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(k->v[mid].id, id, IDSZ);

		if (!c)
			return (long)k->v[mid].at;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Take the kept list's commits from `at` on, after the walked ones. */
static void take_known(struct build *b, const struct acct_folderlog *fl,
		       size_t at)
{
	size_t i, j;

	for (i = at; i < fl->ncommits; i++) {
		const struct acct_folderlog_commit *k = &fl->commits[i];
		struct bcommit *c = add_commit(b);

		memcpy(c->id, k->id, IDSZ);
		c->depth = k->depth;
		c->time = k->time;
		c->moved = k->moved == ACCT_FOLDERLOG_NONE ? NULL :
			   intern(&b->names, fl->names[k->moved],
				  strlen(fl->names[k->moved]));
		for (j = 0; j < k->n; j++) {
			const char *s = fl->names[fl->changes[k->first + j].name];

			add_change(b, intern(&b->names, s, strlen(s)),
				   fl->changes[k->first + j].flags);
		}
		c->n = k->n;
	}
}

/*
 * Walk from `head` down the first-parent line: each commit's changes,
 * until the first commit or one that `k` holds (the rest is taken from
 * it). The walked commits' depths are set once the walk ends.
 */
static int walk(struct build *b, struct walk *w, const git_oid *head,
		const struct known *k)
{
	struct side child = { 0 }, parent = { 0 };
	git_commit *cur = NULL, *par = NULL;
	size_t step = 0, last_kept = 0, walked, i;
	uint64_t base = 0;
	long at = -1;
	int rc = 0;

	if (git_commit_lookup(&cur, w->repo, head) < 0)
		return acct_git_error(w->err, ACCT_ERROR, "cannot read HEAD's commit");
	if ((rc = side_of(&child, w, cur)) < 0 ||
	    (rc = heads_list(b, w, &child)) < 0)
		goto out;
	for (;; step++) {
		struct bcommit *c;
		size_t mark = b->nch;
		int root = git_commit_parentcount(cur) == 0;

		if ((at = known_at(k, (const unsigned char *)git_commit_id(cur)->id)) >= 0)
			break;
		c = add_commit(b);
		memcpy(c->id, git_commit_id(cur)->id, IDSZ);
		c->step = (uint32_t)step;
		c->time = (int64_t)git_commit_author(cur)->when.time;
		if (!root) {
			if (git_commit_parent(&par, cur, 0) < 0) {
				rc = acct_git_error(w->err, ACCT_ERROR,
						    "cannot read a parent commit");
				goto out;
			}
			if ((rc = side_of(&parent, w, par)) < 0)
				goto out;
		}
		if ((child.has || parent.has) &&
		    (child.has != parent.has || !git_oid_equal(&child.id, &parent.id)) &&
		    (rc = diff_step(b, c, w, &child, &parent)) < 0)
			goto out;
		/*
		 * A commit that changed no folder is kept only as a landmark:
		 * HEAD, the first commit, and one every STRIDE steps.
		 */
		if (b->nch == mark && step && !root &&
		    step - last_kept < ACCT_FOLDERLOG_STRIDE)
			b->nc--;
		else
			last_kept = step;
		if (root)
			break;
		git_commit_free(cur);
		cur = par;
		par = NULL;
		/* The same clients/ tree: what was read serves the parent. */
		if (parent.has && !parent.raw.data && child.raw.data &&
		    git_oid_equal(&child.id, &parent.id)) {
			parent.raw = child.raw;
			memset(&child.raw, 0, sizeof(child.raw));
		}
		acct_rawtree_release(&child.raw);
		child = parent;
		memset(&parent, 0, sizeof(parent));
	}
	/* What the changed folders hold, folder by folder. */
	if (b->nch >= ACCT_FOLDERLOG_INDEX_MIN)
		known_from_index(w, &b->names);
	if ((rc = read_folders(b, w, at >= 0 ? &child : NULL)) < 0 ||
	    (rc = heads_read(b, w)) < 0)
		goto out;
	/* The depths: from the first commit, or from where the list met. */
	walked = at >= 0 ? step : step + 1;
	if (at >= 0)
		base = k->fl->commits[at].depth + 1;
	for (i = 0; i < b->nc; i++)
		b->c[i].depth = base + (walked - 1 - b->c[i].step);
	if (at >= 0)
		take_known(b, k->fl, (size_t)at);
out:
	acct_rawtree_release(&child.raw);
	acct_rawtree_release(&parent.raw);
	git_commit_free(cur);
	git_commit_free(par);
	return rc;
}

/* --- from the build to the list ---------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
	return strcmp((*(struct name *const *)a)->s,
		      (*(struct name *const *)b)->s);
}

/*
 * The list: names sorted, and of the commits that changed nothing the
 * newest, the oldest and one at least every STRIDE of depth kept (a
 * run of updates leaves an old HEAD each time: they go here).
 */
static struct acct_folderlog *finish(struct build *b)
{
	struct acct_folderlog *fl = acct_calloc(1, sizeof(*fl));
	struct name **sorted = acct_calloc(b->names.n + 1, sizeof(*sorted));
	size_t i, j, n = 0;
	uint64_t last = 0;

	for (i = 0; i < b->names.nslot; i++)
		if (b->names.slot[i])
			sorted[n++] = b->names.slot[i];
	qsort(sorted, n, sizeof(*sorted), name_cmp);
	fl->names = acct_calloc(n + 1, sizeof(*fl->names));
	for (i = 0; i < n; i++) {
		sorted[i]->index = (uint32_t)i;
		fl->names[i] = sorted[i]->s;
		sorted[i]->s = NULL;	/* the list owns it now */
	}
	fl->nnames = n;
	free(sorted);
	fl->commits = acct_calloc(b->nc + 1, sizeof(*fl->commits));
	fl->changes = acct_calloc(b->nch + 1, sizeof(*fl->changes));
	fl->folders = b->folders;
	fl->nfolders = b->nfolders;
	b->folders = NULL;
	for (i = 0; i < b->nc; i++) {
		const struct bcommit *c = &b->c[i];
		struct acct_folderlog_commit *o;
		size_t kept = 0;

		for (j = 0; j < c->n; j++)
			kept += b->ch[c->first + j].flags != 0;
		if (!kept && i && i + 1 < b->nc &&
		    last - c->depth < ACCT_FOLDERLOG_STRIDE)
			continue;
		last = c->depth;
		o = &fl->commits[fl->ncommits++];
		memcpy(o->id, c->id, IDSZ);
		o->depth = c->depth;
		o->time = c->time;
		/* A rename is told by the folder that appeared: kept with it. */
		o->moved = c->moved && kept ? c->moved->index : ACCT_FOLDERLOG_NONE;
		o->first = (uint32_t)fl->nchanges;
		o->n = (uint32_t)kept;
		for (j = 0; j < c->n; j++) {
			const struct bchange *ch = &b->ch[c->first + j];

			if (!ch->flags)
				continue;
			fl->changes[fl->nchanges].name = ch->name->index;
			fl->changes[fl->nchanges++].flags = ch->flags;
		}
	}
	return fl;
}

int acct_folderlog_update(struct acct_folderlog **out, git_repository *repo,
			  const git_oid *head, const struct acct_folderlog *old,
			  struct acct_error *err)
{
	struct build b = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0, NULL, 0,
			   NULL, 0 };
	struct walk w = { repo, NULL, NULL, { NULL, 0, 0 }, err };
	struct known k;
	int rc;

	*out = NULL;
	if (git_repository_odb(&w.odb, repo) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot open the object database");
	w.memo = acct_calloc(MEMO_SLOTS, sizeof(*w.memo));
	if (old)
		acct_folderlog_known_add(&w.known, old->folders, old->nfolders);
	known_init(&k, old);
	if ((rc = walk(&b, &w, head, &k)) == 0)
		*out = finish(&b);
	free(k.v);
	free(w.memo);
	acct_folderlog_known_release(&w.known);
	git_odb_free(w.odb);
	build_release(&b);
	return rc;
}

int acct_folderlog_get(struct acct_folderlog **out, struct acct_book *book,
		       unsigned int flags, struct acct_error *err)
{
	const char *gitdir = git_repository_path(book->repo);
	int keep = !book->no_cache || (flags & ACCT_FOLDERLOG_KEEP_ALWAYS);
	struct acct_buf bytes = ACCT_BUF_INIT;
	struct acct_folderlog *old = NULL;
	git_repository *own;
	git_oid head;
	int rc;

	*out = NULL;
	rc = git_reference_name_to_id(&head, book->repo, "HEAD");
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
		git_error_clear();
		*out = acct_calloc(1, sizeof(**out));	/* no commit yet */
		return 0;
	}
	if (rc < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read HEAD");
	/* A cache that does not read as one is no cache: walk it all. */
	if (keep && acct_cachefile_read_in(&bytes, gitdir, ACCT_FOLDERLOG_CACHE,
					   ACCT_FOLDERLOG_TAG, NULL) == 1 &&
	    acct_folderlog_decode(&old, bytes.buf, bytes.len) == 0 &&
	    !memcmp(old->commits[0].id, head.id, IDSZ)) {
		*out = old;
		acct_buf_release(&bytes);
		return 0;
	}
	/*
	 * The walk reads through a repository of its own: what it maps and
	 * keeps of the packs (the pack index, windows, libgit2's delta base
	 * cache of 16 MB) is let go with it, not kept by the book's for the
	 * rest of the command (issue 19: no command above 64 MB).
	 */
	if (git_repository_open(&own, gitdir) < 0) {
		git_error_clear();
		own = NULL;
	}
	rc = acct_folderlog_update(out, own ? own : book->repo, &head, old,
				   err);
	git_repository_free(own);
	acct_folderlog_free(old);
	if (rc == 0 && keep) {
		acct_buf_reset(&bytes);
		acct_folderlog_encode(&bytes, *out);
		(void)acct_cachefile_write_in(gitdir, ACCT_FOLDERLOG_CACHE,
					      ACCT_FOLDERLOG_TAG, bytes.buf,
					      bytes.len);
	}
	acct_buf_release(&bytes);
	return rc;
}

void acct_folderlog_free(struct acct_folderlog *fl)
{
	size_t i;

	if (!fl)
		return;
	for (i = 0; i < fl->nnames; i++)
		free(fl->names[i]);
	free(fl->names);
	free(fl->commits);
	free(fl->changes);
	free(fl->folders);
	free(fl);
}

uint32_t acct_folderlog_name(const struct acct_folderlog *fl, const char *name)
{
	size_t lo = 0, hi = fl->nnames;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(fl->names[mid], name);

		if (!c)
			return (uint32_t)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return ACCT_FOLDERLOG_NONE;
}
