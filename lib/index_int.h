#ifndef ACCT_INDEX_INT_H
#define ACCT_INDEX_INT_H

/* Shared by lib/index.c and lib/index_tree.c; not part of lib/'s API. */

#include <stddef.h>
#include <stdint.h>

struct acct_buf;

/* SHA-1: object ids and the index's checksum (sha256 books: libgit2). */
#define ACCT_INDEX_HASH 20

/* The fixed part of an entry: stat data, object id, flags. */
#define ACCT_INDEX_FIXED 62

/* A big-endian 32-bit number at `p`. */
uint32_t acct_index_be32(const unsigned char *p);

/* Write `value` in version 4's varint to `buf` (16 bytes); its length. */
size_t acct_index_encode_varint(unsigned char *buf, size_t value);

/*
 * A node of the cache tree (the TREE extension): a folder, how many
 * entries of the index it covers and its tree's id when valid (count -1
 * and no id when not), how many subfolders it has. Nodes are kept in the
 * file's order (depth first, each before its subfolders); `end` is the
 * node after the last of its subfolders'.
 */
struct acct_index_tree_node {
	const unsigned char *name;	/* in the mapped file, not terminated */
	size_t len;
	long count;
	long nsub;
	const unsigned char *id;	/* NULL when invalid */
	size_t end;
	int dropped;			/* left out, with its subfolders */
	int changed;			/* not as read: written anew */
	long was;			/* the count as read */
	size_t raw_len;			/* its record as read, from `name` */
	size_t kids_at, nkids;		/* its subfolders in kids[] */
};

struct acct_index_tree {
	const unsigned char *data;	/* the extension read, or NULL */
	struct acct_index_tree_node *nodes;
	size_t n;
	/*
	 * Each node's subfolders, by name (length first, then bytes), at
	 * kids + kids_at: a folder is found among a thousand by binary
	 * search.
	 */
	struct acct_index_tree_node **kids;
};

/**
 * Parse the TREE extension's `len` bytes at `p` (borrowed for the tree's
 * life). Returns 0, or -1 when they do not hold together.
 */
int acct_index_tree_parse(struct acct_index_tree *t, const unsigned char *p,
			  size_t len);

/**
 * git's cache_tree_invalidate_path(): every folder on the way to `path`
 * is invalid, and a folder named `path` itself (a file now) is dropped.
 */
void acct_index_tree_invalidate(struct acct_index_tree *t, const char *path);

/**
 * The node of folder `dir` (its path, no slash at either end; "" for the
 * root), or NULL when the tree has none.
 */
const struct acct_index_tree_node *
acct_index_tree_find(const struct acct_index_tree *t, const char *dir);

/**
 * Folder `dir` (its node there, valid as read) holds tree `id` (20 bytes,
 * borrowed for the tree's life) and `count` entries: valid again. Returns
 * 0, or -1 when the tree has no such node.
 */
int acct_index_tree_set(struct acct_index_tree *t, const char *dir,
			const unsigned char *id, long count);

/**
 * The extension's data, as git's cache-tree.c writes it, to `out`: the
 * nodes not changed since read copied as they were.
 */
void acct_index_tree_write(struct acct_buf *out, const struct acct_index_tree *t);

void acct_index_tree_release(struct acct_index_tree *t);

/*
 * The index read in place (lib/index.c) and the changes recorded for its
 * splice (lib/index_write.c).
 */
struct acct_index_change {
	char *path;
	size_t len;
	size_t seq;			/* recorded order: the last one wins */
	int remove;
	unsigned char fixed[ACCT_INDEX_FIXED];	/* the new entry's fixed part */
	size_t pos;			/* where it goes among the entries read */
	int exists;			/* it replaces or removes entry `pos` */
};

/* A folder's tree once the changes are made (acct_index_tree_keep()). */
struct acct_index_keep {
	char *dir;
	unsigned char id[ACCT_INDEX_HASH];
	long delta;			/* entries added less removed below */
	int on_path;			/* a folder on the way to a change */
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
	struct acct_index_change *changes;
	size_t nchanges, alloc;
	struct acct_index_keep *keeps;
	size_t nkeeps;
	int lean;			/* acct_index_open_lean() */
	size_t dropped;			/* its map's bytes let go so far */
};

/* The length of the fixed part of the entry at `e`: 62, or 64 extended. */
size_t acct_index_fixed_len(const unsigned char *e);

/* The path and the stage of entry `i` of the file as read. */
const char *acct_index_name_at(const struct acct_index *ix, size_t i);
int acct_index_stage_at(const struct acct_index *ix, size_t i);

/* The first entry not before (`path`, `stage`): the index's order. */
size_t acct_index_lower_bound(const struct acct_index *ix, const char *path,
			      int stage);

/*
 * Walk the resolve-undo records (REUC's `len` bytes at `p`). With `ix`
 * set, stop at the first record naming a changed path: 1. Returns 0, or
 * -1 when they do not hold together.
 */
int acct_index_walk_reuc(const unsigned char *p, size_t len,
			 const struct acct_index *ix);

#endif
