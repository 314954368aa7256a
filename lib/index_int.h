#ifndef ACCT_INDEX_INT_H
#define ACCT_INDEX_INT_H

/* Shared by lib/index.c and lib/index_tree.c; not part of lib/'s API. */

#include <stddef.h>
#include <stdint.h>

struct acct_buf;

/* SHA-1: object ids and the index's checksum (sha256 books: libgit2). */
#define ACCT_INDEX_HASH 20

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

/** The extension's data, as git's cache-tree.c writes it, to `out`. */
void acct_index_tree_write(struct acct_buf *out, const struct acct_index_tree *t);

void acct_index_tree_release(struct acct_index_tree *t);

#endif
