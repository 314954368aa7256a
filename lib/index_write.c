/*
 * The changes recorded for git's index and its new file written by
 * splicing them into the one read in place (lib/index.c): see
 * include/acct/index.h.
 *
 * OpenSSL deprecates SHA1_Init() and its kin in 3.0 for EVP, whose first
 * use in a process loads the default provider: 2 to 7 ms here, as long
 * as hashing the whole index of a book of 100,000 entries. The low-level
 * functions run the same code (SHA-NI, AVX2).
 */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include "acct/index.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>
#include <openssl/sha.h>

#include "index_int.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/banned.h"

#define FIXED ACCT_INDEX_FIXED
#define F_NAMEMASK 0x0fff
#define MODE_BLOB 0100644u

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* --- changes ------------------------------------------------------------- */

static struct acct_index_change *new_change(struct acct_index *ix, const char *path)
{
	struct acct_index_change *c;

	if (ix->nchanges == ix->alloc) {
		ix->alloc = ix->alloc ? 2 * ix->alloc : 8;
		ix->changes = acct_realloc(ix->changes,
					   ix->alloc * sizeof(*ix->changes));
	}
	c = &ix->changes[ix->nchanges];
	memset(c, 0, sizeof(*c));
	c->path = acct_strdup(path);
	c->len = strlen(path);
	c->seq = ix->nchanges++;
	return c;
}

void acct_index_add(struct acct_index *ix, const char *path,
		    const git_oid *id, const struct stat *st)
{
	struct acct_index_change *c = new_change(ix, path);
	unsigned char *f = c->fixed;

	/* As git add records them: 32 bits each, the size truncated. */
	put32(f, (uint32_t)st->st_ctim.tv_sec);
	put32(f + 4, (uint32_t)st->st_ctim.tv_nsec);
	put32(f + 8, (uint32_t)st->st_mtim.tv_sec);
	put32(f + 12, (uint32_t)st->st_mtim.tv_nsec);
	put32(f + 16, (uint32_t)st->st_dev);
	put32(f + 20, (uint32_t)st->st_ino);
	put32(f + 24, MODE_BLOB);
	put32(f + 28, (uint32_t)st->st_uid);
	put32(f + 32, (uint32_t)st->st_gid);
	put32(f + 36, (uint32_t)st->st_size);
	memcpy(f + 40, id->id, ACCT_INDEX_HASH);
	f[60] = (unsigned char)((c->len < F_NAMEMASK ? c->len : F_NAMEMASK) >> 8);
	f[61] = (unsigned char)(c->len < F_NAMEMASK ? c->len : F_NAMEMASK);
}

void acct_index_remove(struct acct_index *ix, const char *path)
{
	new_change(ix, path)->remove = 1;
}

void acct_index_tree_keep(struct acct_index *ix, const char *dir,
			  const git_oid *id)
{
	struct acct_index_keep *k;

	ix->keeps = acct_realloc(ix->keeps, (ix->nkeeps + 1) * sizeof(*k));
	k = &ix->keeps[ix->nkeeps++];
	k->dir = acct_strdup(dir);
	memcpy(k->id, id->id, ACCT_INDEX_HASH);
	k->delta = 0;
}

static int change_cmp(const void *a, const void *b)
{
	const struct acct_index_change *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort the changes by path, keep the last of each, find their places. */
static void settle_changes(struct acct_index *ix)
{
	size_t i, n = 0;

	if (ix->nchanges)	/* qsort(NULL, 0, ...) is undefined */
		qsort(ix->changes, ix->nchanges, sizeof(*ix->changes),
		      change_cmp);
	for (i = 0; i < ix->nchanges; i++) {
		struct acct_index_change *c = &ix->changes[i];

		if (i + 1 < ix->nchanges && !strcmp(c->path, c[1].path)) {
			free(c->path);
			continue;
		}
		c->pos = acct_index_lower_bound(ix, c->path, 0);
		c->exists = c->pos < ix->nr && acct_index_stage_at(ix, c->pos) == 0 &&
			    !strcmp(acct_index_name_at(ix, c->pos), c->path);
		/* Nothing to remove: no change. */
		if (c->remove && !c->exists) {
			free(c->path);
			continue;
		}
		ix->changes[n++] = *c;
	}
	ix->nchanges = n;
}

/* --- writing ------------------------------------------------------------- */

/*
 * Where the new index goes: hashed, written, or both. A big index is
 * made twice over, at once: written by the caller, hashed by a thread
 * (SHA-1 and the write each cost about 10 ms for the 15 MB of a book of
 * 100,000 entries); a small one in one pass that does both.
 */
struct out {
	int fd;
	int err;			/* errno of the first failure */
	int hash, write;
	SHA_CTX sha;
	size_t len;
	unsigned char buf[1 << 17];
};

/* An index this big is hashed by a thread of its own. */
#define HASH_THREAD_MIN (4u << 20)

static void out_write(struct out *o, const unsigned char *p, size_t n)
{
	while (n && !o->err) {
		ssize_t w = write(o->fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			o->err = w < 0 ? errno : EIO;
			break;
		}
		p += w;
		n -= (size_t)w;
	}
}

static void out_flush(struct out *o)
{
	out_write(o, o->buf, o->len);
	o->len = 0;
}

/*
 * Hashed and written; a long run straight from the map, a piece at a
 * time, so that what was hashed is still in the cache when written.
 */
static void out_add(struct out *o, const void *p, size_t n)
{
	const unsigned char *s = p;

	if (!o->write) {
		SHA1_Update(&o->sha, s, n);
		return;
	}
	if (o->len + n > sizeof(o->buf))
		out_flush(o);
	/* Not hashed here (a thread does): a long run in one write. */
	if (!o->hash && n >= sizeof(o->buf)) {
		out_write(o, s, n);
		return;
	}
	while (n >= sizeof(o->buf)) {
		if (o->hash)
			SHA1_Update(&o->sha, s, sizeof(o->buf));
		out_write(o, s, sizeof(o->buf));
		s += sizeof(o->buf);
		n -= sizeof(o->buf);
	}
	if (o->hash)
		SHA1_Update(&o->sha, s, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* What the entries written last had for a name: version 4 needs it. */
struct prev {
	const char *name;
	size_t len;
};

/*
 * A name in version 4: how much of the previous name to drop, then the
 * rest with its NUL (git's ce_write_entry(): the longest common prefix).
 */
static void out_name_v4(struct out *o, struct prev *prev, const char *name,
			size_t len)
{
	unsigned char v[16];
	size_t common = 0;

	while (common < prev->len && common < len &&
	       prev->name[common] == name[common])
		common++;
	out_add(o, v, acct_index_encode_varint(v, prev->len - common));
	out_add(o, name + common, len - common + 1);
	prev->name = name;
	prev->len = len;
}

static void out_new(struct out *o, const struct acct_index *ix,
		    const struct acct_index_change *c, struct prev *prev)
{
	static const unsigned char zeros[8];

	out_add(o, c->fixed, FIXED);
	if (ix->version == 4) {
		out_name_v4(o, prev, c->path, c->len);
		return;
	}
	out_add(o, c->path, c->len);
	out_add(o, zeros, ((FIXED + c->len + 8) & ~(size_t)7) - FIXED - c->len);
}

/*
 * Entry `i` as read, with its size 0 when `smudge`, its name written
 * again against the previous one when `reencode` (version 4).
 */
static void out_old(struct out *o, const struct acct_index *ix, size_t i,
		    int smudge, int reencode, struct prev *prev)
{
	static const unsigned char zeros[4];
	const unsigned char *e = ix->map + ix->off[i];
	size_t fixed = acct_index_fixed_len(e);

	if (smudge) {
		out_add(o, e, 36);
		out_add(o, zeros, 4);
		out_add(o, e + 40, fixed - 40);
	} else {
		out_add(o, e, fixed);
	}
	if (ix->version == 4 && reencode) {
		const char *name = acct_index_name_at(ix, i);

		out_name_v4(o, prev, name, strlen(name));
		return;
	}
	out_add(o, e + fixed, ix->off[i + 1] - ix->off[i] - fixed);
	if (ix->version == 4) {
		prev->name = acct_index_name_at(ix, i);
		prev->len = strlen(prev->name);
	}
}

/* Entries [a, b) as read; the first one's name again if `*reencode`. */
static void out_run(struct out *o, const struct acct_index *ix, size_t a,
		    size_t b, int *reencode, struct prev *prev)
{
	if (a >= b)
		return;
	if (ix->version == 4 && *reencode) {
		out_old(o, ix, a++, 0, 1, prev);
		*reencode = 0;
	}
	if (a >= b)
		return;
	out_add(o, ix->map + ix->off[a], ix->off[b] - ix->off[a]);
	if (ix->version == 4) {
		prev->name = acct_index_name_at(ix, b - 1);
		prev->len = strlen(prev->name);
	}
}

/*
 * git's ce_smudge_racily_clean_entry(): an entry as new as the index may
 * have been changed after it was recorded, within the same second, with
 * its size unchanged; if the file's time and size still match but its
 * content does not, the entry's size goes to 0 so that git looks again.
 * Only the seconds and the size are compared (git's default build
 * ignores nanoseconds): looser than git, so never missing what it sees.
 */
static int smudge_wanted(const struct acct_index *ix, size_t i,
			 struct acct_buf *path, size_t root_len)
{
	const unsigned char *e = ix->map + ix->off[i];
	struct stat st;
	git_oid now;

	acct_buf_setlen(path, root_len);
	acct_buf_addstr(path, acct_index_name_at(ix, i));
	if (lstat(path->buf, &st) < 0 ||
	    acct_index_be32(e + 8) != (uint32_t)st.st_mtim.tv_sec ||
	    acct_index_be32(e + 36) != (uint32_t)st.st_size)
		return 0;
	if (!S_ISREG(st.st_mode) ||
	    git_odb_hashfile(&now, path->buf, GIT_OBJECT_BLOB) < 0) {
		git_error_clear();
		return 1;
	}
	return memcmp(now.id, e + 40, ACCT_INDEX_HASH) != 0;
}

/* The racy entries not replaced or removed whose files changed. */
static size_t find_smudges(const struct acct_index *ix, const char *workdir,
			   size_t *out)
{
	struct acct_buf path = ACCT_BUF_INIT;
	size_t r, c = 0, n = 0, root_len;

	acct_buf_addstr(&path, workdir);
	if (path.len && path.buf[path.len - 1] != '/')
		acct_buf_addch(&path, '/');
	root_len = path.len;
	for (r = 0; r < ix->nracy; r++) {
		size_t i = ix->racy[r];

		while (c < ix->nchanges && (ix->changes[c].pos < i ||
		       (ix->changes[c].pos == i && !ix->changes[c].exists)))
			c++;
		if (c < ix->nchanges && ix->changes[c].pos == i)
			continue;	/* replaced or removed */
		if (smudge_wanted(ix, i, &path, root_len))
			out[n++] = i;
	}
	acct_buf_release(&path);
	return n;
}

static void out_entries(struct out *o, const struct acct_index *ix,
			const size_t *smudge, size_t nsmudge)
{
	struct prev prev = { "", 0 };
	size_t cur = 0, c = 0, s = 0;
	int reencode = 0;

	while (c < ix->nchanges || s < nsmudge) {
		size_t pc = c < ix->nchanges ? ix->changes[c].pos : SIZE_MAX;
		size_t ps = s < nsmudge ? smudge[s] : SIZE_MAX;
		const struct acct_index_change *ch;

		out_run(o, ix, cur, pc < ps ? pc : ps, &reencode, &prev);
		if (ps < pc) {
			out_old(o, ix, ps, 1, reencode, &prev);
			reencode = 0;
			cur = ps + 1;
			s++;
			continue;
		}
		ch = &ix->changes[c++];
		cur = ch->exists ? pc + 1 : pc;
		if (ch->remove) {
			reencode = 1;
			continue;
		}
		out_new(o, ix, ch, &prev);
		/* After a new name, the next one was written against another. */
		reencode = !ch->exists;
	}
	out_run(o, ix, cur, ix->nr, &reencode, &prev);
}

/* The extensions; the cache tree already invalidated. */
static void out_extensions(struct out *o, const struct acct_index *ix)
{
	size_t at = ix->off[ix->nr], end = ix->size - ACCT_INDEX_HASH;
	struct acct_buf tree = ACCT_BUF_INIT;
	unsigned char head[8];

	while (at < end) {
		const unsigned char *p = ix->map + at;
		size_t len = acct_index_be32(p + 4);

		at += 8 + len;
		if (!memcmp(p, "REUC", 4)) {
			out_add(o, p, 8 + len);
			continue;
		}
		if (memcmp(p, "TREE", 4))
			continue;	/* EOIE, IEOT */
		acct_index_tree_write(&tree, &ix->tree);
		memcpy(head, "TREE", 4);
		put32(head + 4, (uint32_t)tree.len);
		out_add(o, head, 8);
		out_add(o, tree.buf, tree.len);
	}
	acct_buf_release(&tree);
}

/* The folder `dir` (`len` bytes) recorded by acct_index_tree_keep(). */
static struct acct_index_keep *keep_of(struct acct_index *ix, const char *dir,
			    size_t len)
{
	size_t i;

	for (i = 0; i < ix->nkeeps; i++)
		if (!strncmp(ix->keeps[i].dir, dir, len) &&
		    !ix->keeps[i].dir[len])
			return &ix->keeps[i];
	return NULL;
}

/*
 * The cache tree kept valid along the changed paths with the ids
 * recorded, when it can be (acct_index_tree_keep()): 1, else 0 with
 * nothing changed.
 */
static int keep_tree(struct acct_index *ix)
{
	const struct acct_index_tree_node *n;
	size_t i, k;

	if (!ix->nkeeps || !ix->nchanges ||
	    !(n = acct_index_tree_find(&ix->tree, "")) || n->was < 0)
		return 0;
	for (k = 0; k < ix->nkeeps; k++) {
		ix->keeps[k].delta = 0;
		ix->keeps[k].on_path = 0;
	}
	for (i = 0; i < ix->nchanges; i++) {
		const struct acct_index_change *c = &ix->changes[i];
		long delta = c->remove ? -(long)c->exists : !c->exists;
		size_t at = 0;

		/* A folder of that name would be dropped: not kept. */
		if (acct_index_tree_find(&ix->tree, c->path))
			return 0;
		for (;;) {
			struct acct_index_keep *kp = keep_of(ix, c->path, at);
			const char *slash;

			if (!kp || !(n = acct_index_tree_find(&ix->tree, kp->dir)) ||
			    n->was < 0)
				return 0;
			kp->delta += delta;
			kp->on_path = 1;
			if (!(slash = strchr(c->path + at + !!at, '/')))
				break;
			at = (size_t)(slash - c->path);
		}
	}
	/* A folder emptied goes from the tree: not kept. */
	for (k = 0; k < ix->nkeeps; k++)
		if (ix->keeps[k].on_path &&
		    acct_index_tree_find(&ix->tree, ix->keeps[k].dir)->was +
		    ix->keeps[k].delta <= 0)
			return 0;
	for (k = 0; k < ix->nkeeps; k++)
		if (ix->keeps[k].on_path)
			acct_index_tree_set(&ix->tree, ix->keeps[k].dir,
				ix->keeps[k].id, acct_index_tree_find(&ix->tree,
				ix->keeps[k].dir)->was + ix->keeps[k].delta);
	return 1;
}

/* What the thread that hashes the index makes it from. */
struct job {
	const struct acct_index *ix;
	const size_t *smudge;
	size_t nsmudge, count;
	struct out *o;
};

/* The whole index but its checksum, to `j->o`: the same every time. */
static void out_all(const struct job *j)
{
	unsigned char head[12];

	memcpy(head, j->ix->map, 8);
	put32(head + 8, (uint32_t)j->count);
	out_add(j->o, head, sizeof(head));
	out_entries(j->o, j->ix, j->smudge, j->nsmudge);
	out_extensions(j->o, j->ix);
}

static void *hash_job(void *arg)
{
	out_all(arg);
	return NULL;
}

int acct_index_write(struct acct_index *ix, const char *out_path,
		     const char *workdir, struct acct_error *err)
{
	unsigned char hash[ACCT_INDEX_HASH];
	struct out *o = NULL, *h = NULL;
	size_t *smudge = NULL, nsmudge, i, count = ix->nr;
	struct job wj, hj;
	pthread_t thread;
	int rc = 0, threaded = 0;

	settle_changes(ix);
	/* git would keep or drop the record by rules of its own: libgit2's. */
	if (ix->reuc && acct_index_walk_reuc(ix->reuc, ix->reuc_len, ix))
		return 1;
	for (i = 0; i < ix->nchanges; i++)
		count = count - (size_t)ix->changes[i].exists +
			(size_t)!ix->changes[i].remove;
	if (count > UINT32_MAX)
		return 1;
	smudge = acct_malloc((ix->nracy + 1) * sizeof(*smudge));
	nsmudge = find_smudges(ix, workdir, smudge);
	if (ix->tree.data && !keep_tree(ix))
		for (i = 0; i < ix->nchanges; i++)
			acct_index_tree_invalidate(&ix->tree,
						   ix->changes[i].path);
	o = acct_malloc(sizeof(*o));
	o->err = 0;
	o->len = 0;
	o->hash = o->write = 1;
	SHA1_Init(&o->sha);
	if ((o->fd = open(out_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			  0666)) < 0) {
		o->err = errno;
		goto out;
	}
	wj = (struct job){ ix, smudge, nsmudge, count, o };
	hj = wj;
	if (ix->size >= HASH_THREAD_MIN) {
		h = acct_malloc(sizeof(*h));
		h->hash = 1;
		h->write = 0;
		SHA1_Init(&h->sha);
		hj.o = h;
		threaded = pthread_create(&thread, NULL, hash_job, &hj) == 0;
		o->hash = !threaded;
	}
	out_all(&wj);
	out_flush(o);
	if (threaded) {
		pthread_join(thread, NULL);
		SHA1_Final(hash, &h->sha);
	} else {
		SHA1_Final(hash, &o->sha);
	}
	out_write(o, hash, sizeof(hash));
	if (close(o->fd) < 0 && !o->err)
		o->err = errno;
out:
	if (o->err)
		rc = acct_error_set(err, ACCT_ERROR, "cannot write the index: %s",
				    strerror(o->err));
	free(o);
	free(h);
	free(smudge);
	return rc;
}
