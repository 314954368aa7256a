/*
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
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>
#include <openssl/sha.h>

#include "index_int.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/banned.h"

/* The fixed part of an entry: stat data, object id, flags. */
#define FIXED 62
#define F_EXTENDED 0x4000
#define F_STAGE 0x3000
#define F_NAMEMASK 0x0fff
#define MODE_BLOB 0100644u

#ifdef MAP_POPULATE
#define POPULATE MAP_POPULATE
#else
#define POPULATE 0
#endif

struct change {
	char *path;
	size_t len;
	size_t seq;			/* recorded order: the last one wins */
	int remove;
	unsigned char fixed[FIXED];	/* the new entry's fixed part */
	size_t pos;			/* where it goes among the entries read */
	int exists;			/* it replaces or removes entry `pos` */
};

struct acct_index {
	unsigned char *map;
	size_t size;			/* of the file, its checksum included */
	unsigned version;
	size_t nr;
	uint32_t *off;			/* nr + 1: entry i at off[i] */
	char *names;			/* version 4: the names spelled out */
	uint32_t *name_at;		/* version 4: entry i's at names + it */
	uint32_t mtime;			/* of the file, in seconds */
	size_t *racy;			/* entries as new as the file */
	size_t nracy;
	struct acct_index_tree tree;	/* TREE, parsed */
	const unsigned char *reuc;	/* REUC's data, or NULL */
	size_t reuc_len;
	struct change *changes;
	size_t nchanges, alloc;
	int lean;			/* acct_index_open_lean() */
	size_t dropped;			/* its map's bytes let go so far */
};

/* Lean: the map's pages before `upto` go (read again when looked at). */
#define DROP_STEP ((size_t)1 << 20)

static void drop_before(struct acct_index *ix, size_t upto)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	upto -= upto % page;
	if (!ix->lean || upto < ix->dropped + DROP_STEP)
		return;
	(void)madvise(ix->map + ix->dropped, upto - ix->dropped,
		      MADV_DONTNEED);
	ix->dropped = upto;
}

uint32_t acct_index_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* The offset encoding of pack files (git's varint.c), as version 4 uses. */
static int decode_varint(size_t *out, const unsigned char **pp,
			 const unsigned char *end)
{
	const unsigned char *p = *pp;
	size_t val;
	unsigned char c;

	if (p >= end)
		return -1;
	c = *p++;
	val = c & 127;
	while (c & 128) {
		if (p >= end || ++val > (SIZE_MAX >> 8))
			return -1;
		c = *p++;
		val = (val << 7) + (c & 127);
	}
	*out = val;
	*pp = p;
	return 0;
}

size_t acct_index_encode_varint(unsigned char *buf, size_t value)
{
	unsigned char v[16];
	size_t pos = sizeof(v) - 1;

	v[pos] = value & 127;
	while (value >>= 7)
		v[--pos] = (unsigned char)(128 | (--value & 127));
	memcpy(buf, v + pos, sizeof(v) - pos);
	return sizeof(v) - pos;
}

/* --- reading ------------------------------------------------------------- */

static size_t fixed_len(const unsigned char *e)
{
	return FIXED + (be16(e + 60) & F_EXTENDED ? 2 : 0);
}

static const char *name_of(const struct acct_index *ix, size_t i)
{
	const unsigned char *e = ix->map + ix->off[i];

	if (ix->version == 4)
		return ix->names + ix->name_at[i];
	return (const char *)e + fixed_len(e);
}

static int stage_of(const struct acct_index *ix, size_t i)
{
	return (int)((be16(ix->map + ix->off[i] + 60) & F_STAGE) >> 12);
}

/* The first entry not before (`path`, `stage`): the index's order. */
static size_t lower_bound(const struct acct_index *ix, const char *path,
			  int stage)
{
	size_t lo = 0, hi = ix->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name_of(ix, mid), path);

		if (!c)
			c = stage_of(ix, mid) - stage;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Room for `more` bytes of names (version 4), or -1 past 4 GiB. */
static int names_grow(struct acct_index *ix, size_t *alloc, size_t used,
		      size_t more)
{
	if (used + more <= *alloc)
		return 0;
	if (used + more > UINT32_MAX)
		return -1;
	while (*alloc < used + more)
		*alloc = *alloc ? 2 * *alloc : 4096;
	ix->names = acct_realloc(ix->names, *alloc);
	return 0;
}

/*
 * A version 4 name at `p`: the number of bytes to drop from the previous
 * name, then the rest, NUL-terminated; `len` is the flags' length, or
 * F_NAMEMASK for a long one. Appends the name to ix->names; returns the
 * end of the entry, or NULL when it does not hold together.
 */
static const unsigned char *read_name_v4(struct acct_index *ix, size_t i,
					 const unsigned char *p,
					 const unsigned char *end, size_t len,
					 size_t *used, size_t *alloc,
					 size_t *prev_at, size_t *prev_len)
{
	size_t strip, keep, rest;
	const unsigned char *nul;

	if (decode_varint(&strip, &p, end) < 0 || strip > *prev_len)
		return NULL;
	keep = *prev_len - strip;
	if (len == F_NAMEMASK) {
		if (!(nul = memchr(p, 0, (size_t)(end - p))))
			return NULL;
		rest = (size_t)(nul - p);
	} else {
		if (len < keep || (size_t)(end - p) <= len - keep)
			return NULL;
		rest = len - keep;
	}
	/* A NUL inside a name: not one git wrote. */
	if (p[rest] || memchr(p, 0, rest) ||
	    names_grow(ix, alloc, *used, keep + rest + 1) < 0)
		return NULL;
	memmove(ix->names + *used, ix->names + *prev_at, keep);
	memcpy(ix->names + *used + keep, p, rest);
	ix->names[*used + keep + rest] = '\0';
	ix->name_at[i] = (uint32_t)*used;
	*prev_at = *used;
	*prev_len = keep + rest;
	*used += keep + rest + 1;
	return p + rest + 1;
}

/* Walk the entries: their offsets, names (version 4), racy ones. */
static int walk_entries(struct acct_index *ix, size_t *ext_at)
{
	const unsigned char *end = ix->map + ix->size - ACCT_INDEX_HASH;
	const unsigned char *p = ix->map + 12;
	size_t i, used = 0, alloc = 0, prev_at = 0, prev_len = 0, racy_alloc = 0;

	ix->off = acct_malloc((ix->nr + 1) * sizeof(*ix->off));
	if (ix->version == 4) {
		ix->name_at = acct_malloc((ix->nr + 1) * sizeof(*ix->name_at));
		if (names_grow(ix, &alloc, 0, ix->size) < 0)
			return 1;
	}
	for (i = 0; i < ix->nr; i++) {
		unsigned flags;
		size_t len, fixed;

		if ((size_t)(end - p) < FIXED + 2)
			return 1;
		ix->off[i] = (uint32_t)(p - ix->map);
		drop_before(ix, (size_t)(p - ix->map));
		flags = be16(p + 60);
		if (flags & F_EXTENDED && ix->version < 3)
			return 1;
		fixed = fixed_len(p);
		len = flags & F_NAMEMASK;
		/* The racy ones: git looks at them again before writing. */
		if (!(flags & F_STAGE) &&
		    ((acct_index_be32(p + 24) & 0170000) == 0100000 ||
		     (acct_index_be32(p + 24) & 0170000) == 0120000) &&
		    acct_index_be32(p + 8) >= ix->mtime) {
			if (ix->nracy == racy_alloc) {
				racy_alloc = racy_alloc ? 2 * racy_alloc : 16;
				ix->racy = acct_realloc(ix->racy, racy_alloc *
							sizeof(*ix->racy));
			}
			ix->racy[ix->nracy++] = i;
		}
		if (ix->version == 4) {
			p = read_name_v4(ix, i, p + fixed, end, len, &used,
					 &alloc, &prev_at, &prev_len);
			if (!p)
				return 1;
			continue;
		}
		if (len == F_NAMEMASK) {
			const unsigned char *nul = memchr(p + fixed, 0,
							  (size_t)(end - p) - fixed);

			if (!nul)
				return 1;
			len = (size_t)(nul - p) - fixed;
		}
		/*
		 * Padded with 1 to 8 NULs to a multiple of eight bytes; no NUL
		 * inside the name, which the lookups read as a string.
		 */
		if ((size_t)(end - p) < ((fixed + len + 8) & ~(size_t)7) ||
		    p[fixed + len] || memchr(p + fixed, 0, len))
			return 1;
		p += (fixed + len + 8) & ~(size_t)7;
	}
	ix->off[ix->nr] = (uint32_t)(p - ix->map);
	*ext_at = (size_t)(p - ix->map);
	return 0;
}

static int change_find(const struct acct_index *ix, const char *path)
{
	size_t lo = 0, hi = ix->nchanges;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ix->changes[mid].path, path);

		if (!c)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * Walk the resolve-undo records: each is a path, three octal modes (of
 * stages 1 to 3, 0 for none) and then an object id for each mode not 0,
 * every string NUL-terminated. With `ix` set, stop at the first record
 * naming a changed path: 1. Returns 0, or -1 when they do not hold
 * together.
 */
static int walk_reuc(const unsigned char *p, size_t len,
		     const struct acct_index *ix)
{
	const unsigned char *end = p + len;

	while (p < end) {
		const unsigned char *nul = memchr(p, 0, (size_t)(end - p));
		const unsigned char *path = p;
		int k, ids = 0;

		if (!nul)
			return -1;
		p = nul + 1;
		for (k = 0; k < 3; k++) {
			char *e;
			long mode;

			if (!(nul = memchr(p, 0, (size_t)(end - p))))
				return -1;
			mode = strtol((const char *)p, &e, 8);
			if (e != (const char *)nul || e == (const char *)p ||
			    mode < 0)
				return -1;
			ids += mode != 0;
			p = nul + 1;
		}
		if ((size_t)(end - p) < (size_t)ids * ACCT_INDEX_HASH)
			return -1;
		p += (size_t)ids * ACCT_INDEX_HASH;
		if (ix && change_find(ix, (const char *)path))
			return 1;
	}
	return 0;
}

/*
 * The extensions: TREE and REUC are kept, EOIE and IEOT dropped (they
 * are optional, and offsets that the splice moves); any other makes the
 * index one that is not spliced.
 */
static int read_extensions(struct acct_index *ix, size_t at)
{
	size_t end = ix->size - ACCT_INDEX_HASH;

	while (at < end) {
		const unsigned char *p = ix->map + at;
		size_t len;

		if (end - at < 8 || (len = acct_index_be32(p + 4)) > end - at - 8)
			return 1;
		if (!memcmp(p, "TREE", 4)) {
			if (ix->tree.data ||
			    acct_index_tree_parse(&ix->tree, p + 8, len) < 0)
				return 1;
		} else if (!memcmp(p, "REUC", 4)) {
			if (ix->reuc || walk_reuc(p + 8, len, NULL) < 0)
				return 1;
			ix->reuc = p + 8;
			ix->reuc_len = len;
		} else if (memcmp(p, "EOIE", 4) && memcmp(p, "IEOT", 4)) {
			return 1;
		}
		at += 8 + len;
	}
	return 0;
}

static int open_index(struct acct_index **out, const char *path, int lean,
		      struct acct_error *err)
{
	struct acct_index *ix;
	struct stat st;
	size_t ext_at = 0;
	void *map;
	int fd, rc;

	*out = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return 1;
		return acct_error_set(err, ACCT_ERROR, "cannot read the index: %s",
				      strerror(errno));
	}
	if (fstat(fd, &st) < 0) {
		rc = acct_error_set(err, ACCT_ERROR, "cannot read the index: %s",
				    strerror(errno));
		close(fd);
		return rc;
	}
	/* Too small for a header and a checksum, or too big for offsets. */
	if (st.st_size < 12 + ACCT_INDEX_HASH || st.st_size > UINT32_MAX) {
		close(fd);
		return 1;
	}
	/* Every page is read: mapped at once, not a fault at a time. */
	map = mmap(NULL, (size_t)st.st_size, PROT_READ,
		   MAP_PRIVATE | (lean ? 0 : POPULATE), fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return acct_error_set(err, ACCT_ERROR, "cannot read the index: %s",
				      strerror(errno));
	ix = acct_calloc(1, sizeof(*ix));
	ix->map = map;
	ix->lean = lean;
	ix->size = (size_t)st.st_size;
	ix->mtime = (uint32_t)st.st_mtim.tv_sec;
	ix->version = acct_index_be32(ix->map + 4);
	ix->nr = acct_index_be32(ix->map + 8);
	if (memcmp(ix->map, "DIRC", 4) || ix->version < 2 || ix->version > 4 ||
	    /* Each entry takes at least FIXED + 2 bytes. */
	    ix->nr > ix->size / (FIXED + 2) ||
	    walk_entries(ix, &ext_at) || read_extensions(ix, ext_at)) {
		acct_index_free(ix);
		return 1;
	}
	if (lean) {
		(void)madvise(ix->map, ix->size, MADV_DONTNEED);
		ix->dropped = 0;	/* the lookups touch them again */
	}
	*out = ix;
	return 0;
}

int acct_index_open(struct acct_index **out, const char *path,
		    struct acct_error *err)
{
	return open_index(out, path, 0, err);
}

int acct_index_open_lean(struct acct_index **out, const char *path,
			 struct acct_error *err)
{
	return open_index(out, path, 1, err);
}

size_t acct_index_count(const struct acct_index *ix)
{
	return ix->nr;
}

const char *acct_index_path(const struct acct_index *ix, size_t i,
			    int *stage)
{
	if (stage)
		*stage = stage_of(ix, i);
	return name_of(ix, i);
}

long acct_index_pos(const struct acct_index *ix, const char *path, int stage)
{
	size_t i = lower_bound(ix, path, stage);

	if (i >= ix->nr || strcmp(name_of(ix, i), path) ||
	    stage_of(ix, i) != stage)
		return -1;
	return (long)i;
}

void acct_index_forget(struct acct_index *ix, const char *path)
{
	drop_before(ix, ix->off[lower_bound(ix, path, 0)]);
}

int acct_index_find(const struct acct_index *ix, const char *path, int stage,
		    git_oid *id)
{
	long i = acct_index_pos(ix, path, stage);

	if (i < 0)
		return 0;
	if (id)
		git_oid_fromraw(id, ix->map + ix->off[i] + 40);
	return 1;
}

void acct_index_range(const struct acct_index *ix, const char *prefix,
		      size_t *lo, size_t *hi)
{
	size_t len = strlen(prefix), i = lower_bound(ix, prefix, 0);

	*lo = i;
	while (i < ix->nr && !strncmp(name_of(ix, i), prefix, len))
		i++;
	*hi = i;
}

const unsigned char *acct_index_entry_raw(const struct acct_index *ix,
					  size_t i)
{
	return ix->map + ix->off[i];
}

int acct_index_tree_id(const struct acct_index *ix, const char *dir,
		       git_oid *id)
{
	const struct acct_index_tree_node *n = acct_index_tree_find(&ix->tree,
								     dir);

	if (!n || !n->id)
		return 0;
	git_oid_fromraw(id, n->id);
	return 1;
}

/* --- changes ------------------------------------------------------------- */

static struct change *new_change(struct acct_index *ix, const char *path)
{
	struct change *c;

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
	struct change *c = new_change(ix, path);
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

static int change_cmp(const void *a, const void *b)
{
	const struct change *x = a, *y = b;
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
		struct change *c = &ix->changes[i];

		if (i + 1 < ix->nchanges && !strcmp(c->path, c[1].path)) {
			free(c->path);
			continue;
		}
		c->pos = lower_bound(ix, c->path, 0);
		c->exists = c->pos < ix->nr && stage_of(ix, c->pos) == 0 &&
			    !strcmp(name_of(ix, c->pos), c->path);
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
		    const struct change *c, struct prev *prev)
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
	size_t fixed = fixed_len(e);

	if (smudge) {
		out_add(o, e, 36);
		out_add(o, zeros, 4);
		out_add(o, e + 40, fixed - 40);
	} else {
		out_add(o, e, fixed);
	}
	if (ix->version == 4 && reencode) {
		const char *name = name_of(ix, i);

		out_name_v4(o, prev, name, strlen(name));
		return;
	}
	out_add(o, e + fixed, ix->off[i + 1] - ix->off[i] - fixed);
	if (ix->version == 4) {
		prev->name = name_of(ix, i);
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
		prev->name = name_of(ix, b - 1);
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
	acct_buf_addstr(path, name_of(ix, i));
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
		const struct change *ch;

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
	if (ix->reuc && walk_reuc(ix->reuc, ix->reuc_len, ix))
		return 1;
	for (i = 0; i < ix->nchanges; i++)
		count = count - (size_t)ix->changes[i].exists +
			(size_t)!ix->changes[i].remove;
	if (count > UINT32_MAX)
		return 1;
	smudge = acct_malloc((ix->nracy + 1) * sizeof(*smudge));
	nsmudge = find_smudges(ix, workdir, smudge);
	if (ix->tree.data)
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

void acct_index_free(struct acct_index *ix)
{
	size_t i;

	if (!ix)
		return;
	if (ix->map)
		munmap(ix->map, ix->size);
	for (i = 0; i < ix->nchanges; i++)
		free(ix->changes[i].path);
	free(ix->changes);
	free(ix->off);
	free(ix->names);
	free(ix->name_at);
	free(ix->racy);
	acct_index_tree_release(&ix->tree);
	free(ix);
}
