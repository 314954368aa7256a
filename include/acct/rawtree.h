#ifndef ACCT_RAWTREE_H
#define ACCT_RAWTREE_H

#include <stddef.h>

/*
 * A git tree read as it is stored, without parsing it into libgit2's
 * entry array (lib/rawtree.c): "<mode> <name>\0<20-byte id>" entries in
 * git's order. A walk of history that looks for one name in a tree of a
 * thousand folders, commit after commit, reads each tree once and scans
 * it, instead of allocating a thousand entries to look at one.
 */

struct acct_error;
struct git_odb;
struct git_odb_object;
struct git_oid;

struct acct_rawtree {
	struct git_odb_object *obj;	/* NULL for the empty tree */
	const unsigned char *data;
	size_t len;
};

#define ACCT_RAWTREE_INIT { NULL, NULL, 0 }

/* One entry; `name` points into the tree, `namelen` bytes, no NUL. */
struct acct_rawtree_entry {
	const char *name;
	size_t namelen;
	unsigned int mode;
	int is_tree;		/* a folder */
	int is_blob;		/* a file or a link, as libgit2 types it */
	const unsigned char *id;	/* ACCT_RAWTREE_IDSZ bytes, in the tree */
};

/* The length of an object id in a tree (SHA-1). */
#define ACCT_RAWTREE_IDSZ 20

/**
 * Read the tree `id` from `odb` into `t` (released first). Returns 0, or
 * ACCT_ERROR when it cannot be read or is not a tree. Release it with
 * acct_rawtree_release().
 */
int acct_rawtree_read(struct acct_rawtree *t, struct git_odb *odb,
		      const struct git_oid *id, struct acct_error *err);

void acct_rawtree_release(struct acct_rawtree *t);

/**
 * The entry at `*pos` (0 for the first), moving `*pos` past it. Returns 1
 * with `*e` filled, 0 at the end, or -1 for bytes that are not a tree.
 */
int acct_rawtree_next(struct acct_rawtree_entry *e, const unsigned char *data,
		      size_t len, size_t *pos);

/**
 * Where the entry that holds byte `at` starts (`len` when `at` is `len`),
 * found by skipping the entries before it. Returns (size_t)-1 for bytes
 * that are not a tree.
 */
size_t acct_rawtree_entry_start(const unsigned char *data, size_t len,
				size_t at);

/**
 * The entry called `name`, of any type: 1 with `*e` filled, 0 when there
 * is none, -1 for bytes that are not a tree. The scan stops where git's
 * order puts the name.
 */
int acct_rawtree_find(struct acct_rawtree_entry *e, const unsigned char *data,
		      size_t len, const char *name);

/**
 * Git's order of two entries (a tree sorts as if its name ended in '/'):
 * <0, 0 or >0.
 */
int acct_rawtree_cmp(const char *a, size_t alen, int a_tree,
		     const char *b, size_t blen, int b_tree);

#endif
