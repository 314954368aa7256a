#ifndef ACCT_INDEX_SCAN_H
#define ACCT_INDEX_SCAN_H

#include <stddef.h>
#include <stdint.h>

/*
 * A quick read of git's index file (lib/index_scan.c), for caches that
 * must know which files git saw change: each entry's path and a stamp of
 * what the index records of it (its blob id, stat data and flags). When
 * git writes a file of the work tree (checkout, reset, merge, stash,
 * rebase, pull) or a new blob for it (add, commit), the stamp changes.
 * Versions 2, 3 and 4; an index that is split, sparse or not understood
 * reads as "unknown", never as an error.
 */

struct acct_index_entry {
	const char *path;	/* relative to the work tree, NUL-terminated */
	size_t len;
	uint64_t stamp;		/* 0 for an entry in conflict */
};

struct acct_index_scan {
	struct acct_index_entry *v;	/* in the index's order (by path) */
	size_t n;
	/* What the paths point into: the index file, mapped, and for a
	 * version 4 index the paths spelled out. */
	char *paths;
	void *map;
	size_t map_len;
	size_t dropped;		/* the map's bytes given back to the kernel */
	size_t next;		/* where the last range ended */
};

#define ACCT_INDEX_SCAN_INIT { NULL, 0, NULL, NULL, 0, 0, 0 }

/**
 * Let the pages of the file that hold the paths of the entries before
 * v[upto] go from memory (they are read again, from the page cache, when
 * looked at): a reader going through the entries in order (the cache of
 * facts, client by client) holds a few pages of a 13 MB index rather than
 * all of them. Nothing for a version 4 index (its paths are copies).
 */
void acct_index_scan_forget(struct acct_index_scan *s, size_t upto);

/**
 * Read the index file at `path` and keep its entries whose path starts
 * with `prefix`. Returns 0, or -1 when the index is missing or cannot be
 * understood (then `out` is empty).
 */
int acct_index_scan(struct acct_index_scan *out, const char *path,
		    const char *prefix);

/**
 * The entries whose path starts with `prefix` (`n` bytes): their first
 * index in `*lo` and the one after the last in `*hi`. Looked for from
 * where the last range ended: asked in the index's order, a range reads
 * only the pages near it.
 */
void acct_index_scan_range(struct acct_index_scan *s, const char *prefix,
			   size_t n, size_t *lo, size_t *hi);

/** The stamp of `path` among [lo, hi), or 0 when it is not there. */
uint64_t acct_index_scan_stamp(const struct acct_index_scan *s, size_t lo,
			       size_t hi, const char *path);

void acct_index_scan_release(struct acct_index_scan *s);

#endif
