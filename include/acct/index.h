#ifndef ACCT_INDEX_H
#define ACCT_INDEX_H

#include <stddef.h>

struct acct_error;
struct acct_tree_folders;
struct acct_tree_op;
struct git_oid;
struct git_repository;
struct stat;

/*
 * git's index file (Documentation/gitformat-index.txt) read in place and
 * written again by splicing: a commit of one new file costs a walk over
 * the entries' offsets and one write of the file, not the parse of every
 * entry into memory and back (libgit2's git_index does that, in
 * proportion to the book).
 *
 * acct_index_open() maps the file and walks it once, keeping only where
 * each entry starts (and, in version 4, whose names are prefix-compressed,
 * the names spelled out), so that a path is found by binary search.
 * acct_index_add() and acct_index_remove() record the changes;
 * acct_index_write() writes a new index: the header with the new count,
 * the runs of entries untouched copied byte for byte, the new entries
 * (version 4: and the one after each insertion or removal, whose name was
 * written against its old neighbour) encoded, the cache tree (TREE)
 * invalidated along the changed paths as git's cache_tree_invalidate_path()
 * does, the resolve-undo records (REUC) as they were, the offset tables
 * (EOIE, IEOT), which are optional, left out, and the SHA-1 of it all.
 *
 * Versions 2, 3 and 4 with those extensions are spliced; anything else
 * (no index yet, another version, a split index, an untracked cache, a
 * file system monitor's bitmap, a sparse index, a mangled file) is left to
 * libgit2: acct_index_open() says so and the caller reads it with
 * git_index_open() as before.
 */
struct acct_index;

/**
 * Open the index file at `path` for reading and splicing. Returns 0 with
 * `*out` set (free it with acct_index_free()); 1 when the file is not
 * one acct splices (see above; `*out` is NULL); ACCT_ERROR when it cannot
 * be read.
 */
int acct_index_open(struct acct_index **out, const char *path,
		    struct acct_error *err);

/** The number of entries in the file as read (every stage). */
/**
 * acct_index_open() for a reader of a few entries and the cache tree
 * (lib/folderlog_known.c): the file's pages are let go as the walk
 * passes them and once it is read, so that a 13 MB index does not stay
 * in memory; what is looked at is read again from the page cache.
 */
int acct_index_open_lean(struct acct_index **out, const char *path,
			 struct acct_error *err);

/**
 * Of an index opened lean, let the pages of the entries before `path` go
 * from memory: a reader looking up paths in order holds a few pages, not
 * every page its binary searches touched. Nothing for another index.
 */
void acct_index_forget(struct acct_index *ix, const char *path);

size_t acct_index_count(const struct acct_index *ix);

/**
 * The path of entry `i` (below acct_index_count()) of the file as read,
 * borrowed while `ix` lives; its stage into `stage` when not NULL.
 */
const char *acct_index_path(const struct acct_index *ix, size_t i,
			    int *stage);

/**
 * The number of the entry of `path` at `stage` (0 to 3) in the file as
 * read (below acct_index_count()), or -1 when it has none.
 */
long acct_index_pos(const struct acct_index *ix, const char *path, int stage);

/**
 * Whether the file as read has `path` at `stage` (0 to 3); its object id
 * goes to `id` when not NULL. Changes recorded are not seen.
 */
int acct_index_find(const struct acct_index *ix, const char *path, int stage,
		    struct git_oid *id);

/**
 * The entries of the file as read whose path starts with `prefix`, every
 * stage: the first in `*lo`, the one after the last in `*hi`.
 */
void acct_index_range(const struct acct_index *ix, const char *prefix,
		      size_t *lo, size_t *hi);

/**
 * The first 62 bytes of entry `i` as the file has them: stat data, object
 * id and flags (what a cache keyed by the index compares).
 */
const unsigned char *acct_index_entry_raw(const struct acct_index *ix,
					  size_t i);

/**
 * The id that the cache tree (the TREE extension) of the file as read
 * holds for folder `dir` ("clients/acme/log": no slash at either end),
 * into `id`: 1 when it holds a valid one (every entry below `dir` is as
 * in that tree), else 0. Changes recorded are not seen.
 */
int acct_index_tree_id(const struct acct_index *ix, const char *dir,
		       struct git_oid *id);

/**
 * Record the stage-0 entry of `path` with blob `id`, stat data from `st`
 * (the file as written; mode 100644), replacing the entry in place when
 * there is one. A path recorded twice keeps the last.
 */
void acct_index_add(struct acct_index *ix, const char *path,
		    const struct git_oid *id, const struct stat *st);

/** Record the removal of the stage-0 entry of `path` (none: no-op). */
void acct_index_remove(struct acct_index *ix, const char *path);

/**
 * Record that, with the changes made, folder `dir` ("" for the root, no
 * slash at either end) holds tree `id`: its cache tree node (TREE) is
 * written valid with that id rather than invalid. The caller vouches
 * that the cache tree as read was HEAD's and `id` is the new commit's.
 * git keeps a node valid only with every subfolder valid: so the ids are
 * kept only when the root was valid as read, and every folder on the way
 * to every change is recorded, was a node and still is one (no folder
 * made or emptied); else the cache tree is invalidated along the
 * changed paths as git does.
 */
void acct_index_tree_keep(struct acct_index *ix, const char *dir,
			  const struct git_oid *id);

/**
 * Write the index with the changes recorded to a new file `out_path`
 * (created; it must not exist). Entries whose stat data is as new as the
 * index file read (git's "racy" ones) are looked at in `workdir` first, as
 * git's ce_smudge_racily_clean_entry() does: one whose file has other
 * content under the same size and time gets size 0, so that git hashes
 * it again. Returns 0; 1 when the change cannot be spliced (a resolve-undo
 * record names a changed path; nothing is written); ACCT_ERROR when the
 * file cannot be written (it may be left half written: the caller removes
 * it).
 */
int acct_index_write(struct acct_index *ix, const char *out_path,
		     const char *workdir, struct acct_error *err);

/**
 * Write the trees of a commit: the index as read with `ops` (files put
 * with mode 100644, or removed) made, from its cache tree (TREE), as
 * git's cache-tree.c does: only the folders on the way to an op are new
 * trees, each from the entries directly in it and the ids the cache
 * tree holds for its other subfolders; no tree of HEAD is read. The
 * root's tree into `root`, each folder written added to `folders`.
 * Returns 0; 1 when the cache tree cannot say (not valid as read, or a
 * folder made, emptied or turned into a file: nothing is recorded, the
 * caller builds the trees another way); ACCT_ERROR when a tree cannot be
 * written.
 */
int acct_index_build_tree(struct git_oid *root, struct acct_index *ix,
			  struct git_repository *repo,
			  const struct acct_tree_op *ops, size_t n,
			  struct acct_tree_folders *folders,
			  struct acct_error *err);

/** Unmap and free; NULL is fine. */
void acct_index_free(struct acct_index *ix);

#endif
