/*
 * A quick read of git's index file (Documentation/gitformat-index.txt):
 * the entries only, one pass, no checksum (git checks that; a damaged
 * index is git's error, and here at worst a cache read again).
 */
#include "acct/index_scan.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/cachefile.h"
#include "acct/banned.h"

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* The stat data, blob id and flags of an entry: 62 bytes. */
#define ENTRY_FIXED 62
#define FLAG_EXTENDED 0x4000
#define FLAG_STAGE 0x3000
#define MODE_DIR 0040000
/* A multiple of any page size: how much of the file is let go at once. */
#define DROP_STEP ((size_t)1 << 20)

/*
 * Walk the entries of `p` (`len` bytes), keeping those under `prefix`.
 * 0, or -1 for anything not understood.
 */
static int walk(struct acct_index_scan *out, const unsigned char *p,
		size_t len, const char *prefix)
{
	struct acct_buf path = ACCT_BUF_INIT, paths = ACCT_BUF_INIT;
	size_t plen = strlen(prefix), off = 12, i, n, alloc = 0, *at = NULL;
	uint32_t version, count;
	int rc = -1;

	if (len < 12 + 20 || memcmp(p, "DIRC", 4))
		return -1;
	version = be32(p + 4);
	count = be32(p + 8);
	if (version < 2 || version > 4 || count > len / ENTRY_FIXED)
		return -1;
	/*
	 * Room for every entry at once. A version 2 or 3 index holds each
	 * path whole with a NUL after it: the entries point into the file,
	 * kept mapped; version 4's are cut against the one before, and
	 * spelled out here.
	 */
	alloc = count + 1;
	out->v = acct_malloc(alloc * sizeof(*out->v));
	if (version == 4)
		at = acct_malloc(alloc * sizeof(*at));
	for (i = 0; i < count; i++) {
		const unsigned char *e = p + off, *name;
		size_t fixed = ENTRY_FIXED, nlen;
		unsigned flags;

		/* What is behind goes from memory as the walk goes on. */
		if (off - out->dropped >= DROP_STEP) {
			size_t to = off - off % DROP_STEP;

			(void)madvise((char *)out->map + out->dropped,
				      to - out->dropped, MADV_DONTNEED);
			out->dropped = to;
		}

		if (off + ENTRY_FIXED + 1 > len - 20)
			goto out;
		flags = (unsigned)e[60] << 8 | e[61];
		if (flags & FLAG_EXTENDED) {
			if (version < 3)
				goto out;
			fixed += 2;
		}
		if ((be32(e + 24) & 0170000) == MODE_DIR)
			goto out;	/* a sparse index: not ours */
		name = e + fixed;
		if (version == 4) {
			size_t strip, k = 0;
			unsigned char c;

			/* An offset-encoded varint (git's varint.c): what
			 * to cut off the previous path. */
			if (fixed >= len - 20 - off)
				goto out;
			c = name[k++];
			strip = c & 127;
			while (c & 128) {
				if (fixed + k >= len - 20 - off || k > 8)
					goto out;
				c = name[k++];
				strip = ((strip + 1) << 7) + (c & 127);
			}
			if (strip > path.len)
				goto out;
			acct_buf_setlen(&path, path.len - strip);
			name += k;
			nlen = strnlen((const char *)name,
				       len - 20 - (size_t)(name - p));
			if (name + nlen >= p + len - 20)
				goto out;
			acct_buf_add(&path, name, nlen);
			off = (size_t)(name - p) + nlen + 1;
		} else {
			nlen = strnlen((const char *)name,
				       len - 20 - (size_t)(name - p));
			if (name + nlen >= p + len - 20)
				goto out;
			/* Padded with NULs to a multiple of eight. */
			off += (fixed + nlen + 8) & ~(size_t)7;
		}
		if (version == 4) {
			name = (const unsigned char *)path.buf;
			nlen = path.len;
		}
		if (nlen < plen || memcmp(name, prefix, plen))
			continue;
		out->v[out->n].path = (const char *)name;
		out->v[out->n].len = nlen;
		out->v[out->n].stamp = flags & FLAG_STAGE ? 0 :
			acct_cachefile_checksum(e, ENTRY_FIXED) | 1;
		if (version == 4) {
			at[out->n] = paths.len;
			acct_buf_add(&paths, name, nlen + 1);
		}
		out->n++;
	}
	/* A split index keeps its entries elsewhere ("link"). */
	while (off + 8 <= len - 20) {
		uint32_t size = be32(p + off + 4);

		if (!memcmp(p + off, "link", 4))
			goto out;
		if (size > len - 20 - off - 8)
			goto out;
		off += 8 + size;
	}
	if (version == 4) {
		out->paths = acct_buf_detach(&paths, NULL);
		for (n = 0; n < out->n; n++)
			out->v[n].path = out->paths + at[n];
	}
	rc = 0;
out:
	free(at);
	acct_buf_release(&path);
	acct_buf_release(&paths);
	return rc;
}

int acct_index_scan(struct acct_index_scan *out, const char *path,
		    const char *prefix)
{
	struct stat st;
	void *map;
	int fd, rc;

	memset(out, 0, sizeof(*out));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 32 ||
	    (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
			0)) == MAP_FAILED) {
		close(fd);
		return -1;
	}
	close(fd);
	out->map = map;
	out->map_len = (size_t)st.st_size;
	rc = walk(out, map, (size_t)st.st_size, prefix);
	if (rc < 0) {
		acct_index_scan_release(out);
		return rc;
	}
	/* Read once, whole: what is looked at again comes back. */
	(void)madvise(map, (size_t)st.st_size, MADV_DONTNEED);
	out->dropped = 0;
	return rc;
}

/* The first entry at or after `key` (`n` bytes) in byte order. */
static size_t lower(const struct acct_index_scan *s, size_t lo, size_t hi,
		    const char *key, size_t n)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct acct_index_entry *e = &s->v[mid];
		int c = memcmp(e->path, key, e->len < n ? e->len : n);

		if (c < 0 || (!c && e->len < n))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether entry `i` sorts before `key` (`n` bytes). */
static int before(const struct acct_index_scan *s, size_t i, const char *key,
		  size_t n)
{
	const struct acct_index_entry *e = &s->v[i];
	int c = memcmp(e->path, key, e->len < n ? e->len : n);

	return c < 0 || (!c && e->len < n);
}

/*
 * The first entry at or after `key`, looked for from where the last
 * range ended, a step twice as long each time: a reader going through
 * the clients in order touches the pages of the index near where it
 * is, not those halfway through the file that a search from the start
 * reads for each client (with the kernel's fault-around, 64 KB each:
 * the whole index after a few hundred clients).
 */
static size_t lower_from(const struct acct_index_scan *s, size_t from,
			 const char *key, size_t n)
{
	size_t lo = from, step = 1, hi;

	if (from > s->n || (from > 0 && !before(s, from - 1, key, n)))
		return lower(s, 0, from > s->n ? s->n : from, key, n);
	while (lo < s->n && before(s, lo, key, n)) {
		from = lo + 1;
		lo = s->n - lo > step ? lo + step : s->n;
		step *= 2;
	}
	hi = lo;
	return lower(s, from, hi, key, n);
}

void acct_index_scan_range(struct acct_index_scan *s, const char *prefix,
			   size_t n, size_t *lo, size_t *hi)
{
	size_t i = lower_from(s, s->next, prefix, n);

	*lo = i;
	while (i < s->n && s->v[i].len >= n && !memcmp(s->v[i].path, prefix, n))
		i++;
	*hi = i;
	s->next = i;
}

uint64_t acct_index_scan_stamp(const struct acct_index_scan *s, size_t lo,
			       size_t hi, const char *path)
{
	size_t n = strlen(path), i = lower(s, lo, hi, path, n);

	return i < hi && s->v[i].len == n && !memcmp(s->v[i].path, path, n) ?
	       s->v[i].stamp : 0;
}

void acct_index_scan_forget(struct acct_index_scan *s, size_t upto)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t end;

	if (!s->map || s->paths || page <= 0 || upto >= s->n)
		return;
	end = (size_t)(s->v[upto].path - (const char *)s->map);
	end -= end % (size_t)page;
	if (end <= s->dropped)
		return;
	/*
	 * Everything before, not only what was not let go yet: a fault maps
	 * the pages around it that the page cache holds (the kernel's
	 * fault-around, 64 KB by default), so reading just past what was let
	 * go brings some of it back, and a client whose entries come before
	 * the last one's (acme-x sorts before acme/ in the index) is looked
	 * for back there. Those pages would stay, a few a client, most of
	 * the index after a thousand clients; letting go of pages not there
	 * costs next to nothing (3 ms for a thousand calls on 15 MB).
	 */
	(void)madvise(s->map, end, MADV_DONTNEED);
	s->dropped = end;
}

void acct_index_scan_release(struct acct_index_scan *s)
{
	free(s->v);
	free(s->paths);
	if (s->map)
		munmap(s->map, s->map_len);
	memset(s, 0, sizeof(*s));
}
