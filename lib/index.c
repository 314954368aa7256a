/*
 * git's index read in place (see include/acct/index.h); the changes and
 * the new file's writing are lib/index_write.c's.
 */
#include "acct/index.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "index_int.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/banned.h"

#define FIXED ACCT_INDEX_FIXED
#define F_EXTENDED 0x4000
#define F_STAGE 0x3000
#define F_NAMEMASK 0x0fff

#ifdef MAP_POPULATE
#define POPULATE MAP_POPULATE
#else
#define POPULATE 0
#endif

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

size_t acct_index_fixed_len(const unsigned char *e)
{
	return FIXED + (be16(e + 60) & F_EXTENDED ? 2 : 0);
}

const char *acct_index_name_at(const struct acct_index *ix, size_t i)
{
	const unsigned char *e = ix->map + ix->off[i];

	if (ix->version == 4)
		return ix->names + ix->name_at[i];
	return (const char *)e + acct_index_fixed_len(e);
}

int acct_index_stage_at(const struct acct_index *ix, size_t i)
{
	return (int)((be16(ix->map + ix->off[i] + 60) & F_STAGE) >> 12);
}

/* The first entry not before (`path`, `stage`): the index's order. */
/* The first entry from `lo` on not before (`path`, `stage`). */
static size_t search(const struct acct_index *ix, size_t lo, const char *path,
		     int stage)
{
	size_t hi = ix->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(acct_index_name_at(ix, mid), path);

		if (!c)
			c = acct_index_stage_at(ix, mid) - stage;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t acct_index_lower_bound(const struct acct_index *ix, const char *path,
			      int stage)
{
	return search(ix, 0, path, stage);
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
		fixed = acct_index_fixed_len(p);
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
int acct_index_walk_reuc(const unsigned char *p, size_t len,
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
			if (ix->reuc || acct_index_walk_reuc(p + 8, len, NULL) < 0)
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
		*stage = acct_index_stage_at(ix, i);
	return acct_index_name_at(ix, i);
}

long acct_index_pos(const struct acct_index *ix, const char *path, int stage)
{
	size_t i = acct_index_lower_bound(ix, path, stage);

	if (i >= ix->nr || strcmp(acct_index_name_at(ix, i), path) ||
	    acct_index_stage_at(ix, i) != stage)
		return -1;
	return (long)i;
}

void acct_index_forget(struct acct_index *ix, const char *path)
{
	drop_before(ix, ix->off[acct_index_lower_bound(ix, path, 0)]);
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
	size_t len = strlen(prefix), i = acct_index_lower_bound(ix, prefix, 0);
	char *past;

	*lo = i;
	/*
	 * The names that start with `prefix` are those before the prefix
	 * with its last byte one up: a second binary search, not a walk
	 * over a folder of 100,000 entries.
	 */
	if (len && (unsigned char)prefix[len - 1] < 0xff) {
		past = acct_strdup(prefix);
		past[len - 1] = (char)((unsigned char)past[len - 1] + 1);
		*hi = search(ix, i, past, 0);
		free(past);
		return;
	}
	while (i < ix->nr && !strncmp(acct_index_name_at(ix, i), prefix, len))
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
	for (i = 0; i < ix->nkeeps; i++)
		free(ix->keeps[i].dir);
	free(ix->keeps);
	free(ix->off);
	free(ix->names);
	free(ix->name_at);
	free(ix->racy);
	acct_index_tree_release(&ix->tree);
	free(ix);
}
