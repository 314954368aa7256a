/*
 * A commit's trees written from git's index read in place, as git's
 * cache-tree.c does: only the folders on the way to a change are new
 * trees, each made from the index's entries directly in it and the ids
 * that the cache tree (TREE) holds for its subfolders, so that no tree
 * of HEAD is read (clients/ alone is a tree of 1,000 folders, read from
 * a pack through its deltas).
 */
#include "acct/index.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "index_int.h"
#include "acct/buf.h"
#include "acct/commit.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/rawtree.h"
#include "acct/banned.h"

/* An entry of a tree being made. */
struct item {
	const char *name;
	size_t len;
	unsigned mode;
	const unsigned char *id;
};

/* A folder on the way to a change, and the tree written for it. */
struct dir {
	char *path;			/* "" for the root */
	size_t depth;
	int written;
	unsigned char id[ACCT_INDEX_HASH];
};

struct build {
	struct acct_index *ix;
	struct acct_tree_op *ops;	/* sorted by path */
	size_t nops;
	struct dir *dirs;		/* sorted by path */
	size_t ndirs;
	struct dir **order;		/* the deepest first */
};

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	return acct_rawtree_cmp(x->name, x->len, x->mode == 040000,
				y->name, y->len, y->mode == 040000);
}

static int op_cmp(const void *a, const void *b)
{
	return strcmp(((const struct acct_tree_op *)a)->path,
		      ((const struct acct_tree_op *)b)->path);
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dir *)a)->path,
		      ((const struct dir *)b)->path);
}

/* The folder `path` (`len` bytes) on the way to an op, or NULL. */
static struct dir *dir_find(struct build *b, const char *path, size_t len)
{
	size_t lo = 0, hi = b->ndirs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *d = b->dirs[mid].path;
		int c = strncmp(d, path, len);

		if (!c)
			c = d[len] != '\0';
		if (!c)
			return &b->dirs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int depth_cmp(const void *a, const void *b)
{
	const struct dir *x = *(struct dir *const *)a, *y = *(struct dir *const *)b;

	/* The deepest first: a folder's subfolders are written before it. */
	return x->depth > y->depth ? -1 : x->depth < y->depth;
}

/* Every folder on the way to each op, once, by path and by depth. */
static void find_dirs(struct build *b)
{
	size_t i, n = 0, alloc = 0;

	for (i = 0; i < b->nops; i++) {
		const char *p = b->ops[i].path, *slash = p;
		size_t depth = 0;

		for (;;) {
			if (n == alloc) {
				alloc = alloc ? 2 * alloc : 16;
				b->dirs = acct_realloc(b->dirs, alloc *
						       sizeof(*b->dirs));
			}
			memset(&b->dirs[n], 0, sizeof(*b->dirs));
			b->dirs[n].path = acct_strndup(p, (size_t)(slash - p));
			b->dirs[n++].depth = depth;
			if (!(slash = strchr(slash + (slash != p), '/')))
				break;
			depth++;
		}
	}
	if (n)
		qsort(b->dirs, n, sizeof(*b->dirs), path_cmp);
	for (i = 0; i < n; i++) {
		if (b->ndirs && !strcmp(b->dirs[b->ndirs - 1].path,
					b->dirs[i].path)) {
			free(b->dirs[i].path);
			continue;
		}
		b->dirs[b->ndirs++] = b->dirs[i];
	}
	b->order = acct_malloc((b->ndirs + 1) * sizeof(*b->order));
	for (i = 0; i < b->ndirs; i++)
		b->order[i] = &b->dirs[i];
	qsort(b->order, b->ndirs, sizeof(*b->order), depth_cmp);
}

static void add_item(struct item **v, size_t *n, size_t *alloc,
		     const char *name, size_t len, unsigned mode,
		     const unsigned char *id)
{
	if (*n == *alloc) {
		*alloc = *alloc ? 2 * *alloc : 64;
		*v = acct_realloc(*v, *alloc * sizeof(**v));
	}
	(*v)[(*n)++] = (struct item){ name, len, mode, id };
}

/* The first op not before `path` (the ops are sorted). */
static size_t lower_op(const struct build *b, const char *path)
{
	size_t lo = 0, hi = b->nops;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(b->ops[mid].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The file `name` among `n` items in git's order, or NULL. */
static struct item *find_file(struct item *v, size_t n, const char *name)
{
	size_t lo = 0, hi = n, len = strlen(name);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = acct_rawtree_cmp(v[mid].name, v[mid].len,
					 v[mid].mode == 040000, name, len, 0);

		if (!c)
			return v[mid].mode == 040000 ? NULL : &v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The tree of folder `d` with the changes: its entries in the index as
 * read (each subfolder a jump over its entries, by the count of its
 * node), those the ops replace or remove left out, the ops' files and
 * the subfolders written before put in. 1 when the cache tree cannot
 * say (a subfolder invalid, a folder made or emptied, a folder that
 * becomes a file).
 */
static int write_dir(struct build *b, struct dir *d, git_odb *odb,
		     struct acct_error *err)
{
	const struct acct_index *ix = b->ix;
	const struct acct_index_tree_node *node, *sub;
	struct acct_buf prefix = ACCT_BUF_INIT, name = ACCT_BUF_INIT,
			data = ACCT_BUF_INIT;
	struct item *items = NULL;
	size_t nitems = 0, alloc = 0, nread, nremoved = 0, lo, hi, i, k;
	int rc = 1;
	git_oid id;

	if (!(node = acct_index_tree_find(&ix->tree, d->path)) || node->was < 0)
		goto out;
	if (*d->path)
		acct_buf_addf(&prefix, "%s/", d->path);
	if (prefix.len) {
		acct_index_range(ix, prefix.buf, &lo, &hi);
	} else {
		lo = 0;
		hi = ix->nr;
	}
	for (i = lo; i < hi;) {
		const char *p = acct_index_name_at(ix, i) + prefix.len;
		const char *slash = strchr(p, '/');
		const unsigned char *e = ix->map + ix->off[i];
		struct dir *made;

		if (acct_index_stage_at(ix, i))
			goto out;
		if (!slash) {
			add_item(&items, &nitems, &alloc, p, strlen(p),
				 acct_index_be32(e + 24), e + 40);
			i++;
			continue;
		}
		acct_buf_reset(&name);
		acct_buf_add(&name, prefix.buf, prefix.len);
		acct_buf_add(&name, p, (size_t)(slash - p));
		if (!(sub = acct_index_tree_find(&ix->tree, name.buf)) ||
		    sub->was <= 0 || !sub->id)
			goto out;
		/* Its entries are the `was` after this one, and no more. */
		acct_buf_addch(&name, '/');
		if (i + (size_t)sub->was > hi ||
		    strncmp(acct_index_name_at(ix, i + (size_t)sub->was - 1),
			    name.buf, name.len) ||
		    (i + (size_t)sub->was < hi &&
		     !strncmp(acct_index_name_at(ix, i + (size_t)sub->was),
			      name.buf, name.len)))
			goto out;
		acct_buf_setlen(&name, name.len - 1);
		made = dir_find(b, name.buf, name.len);
		if (made && !made->written)
			goto out;	/* emptied */
		add_item(&items, &nitems, &alloc, p, (size_t)(slash - p), 040000,
			 made ? made->id : sub->id);
		i += (size_t)sub->was;
	}
	/*
	 * The ops directly in this folder, files put or removed: those
	 * under it are a run of the sorted ops. The entries read are in
	 * git's order already, so a file is found by binary search.
	 */
	nread = nitems;
	k = lower_op(b, prefix.buf);
	for (; k < b->nops && !strncmp(b->ops[k].path, prefix.buf, prefix.len);
	     k++) {
		const struct acct_tree_op *op = &b->ops[k];
		const char *p = op->path + prefix.len;
		struct item *it;

		if (strchr(p, '/'))
			continue;
		/* A folder of that name, or a folder put: not this way. */
		if ((op->mode != GIT_FILEMODE_BLOB && op->id) ||
		    acct_index_tree_find(&ix->tree, op->path))
			goto out;
		it = find_file(items, nread, p);
		if (it && !op->id) {
			it->id = NULL;		/* removed */
			nremoved++;
		} else if (it) {
			it->mode = 0100644;
			it->id = op->id->id;
		} else if (op->id) {
			add_item(&items, &nitems, &alloc, p, strlen(p), 0100644,
				 op->id->id);
		}
	}
	if (nitems == nremoved)
		goto out;	/* emptied: the parent would drop it */
	if (nitems > nread)
		qsort(items, nitems, sizeof(*items), item_cmp);
	for (k = 0; k < nitems; k++) {
		char mode[16];

		if (!items[k].id)
			continue;

		snprintf(mode, sizeof(mode), "%o ", items[k].mode);
		acct_buf_addstr(&data, mode);
		acct_buf_add(&data, items[k].name, items[k].len);
		acct_buf_addch(&data, '\0');
		acct_buf_add(&data, items[k].id, ACCT_INDEX_HASH);
	}
	if (git_odb_write(&id, odb, data.buf, data.len, GIT_OBJECT_TREE) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot write a tree");
		goto out;
	}
	memcpy(d->id, id.id, ACCT_INDEX_HASH);
	d->written = 1;
	rc = 0;
out:
	free(items);
	acct_buf_release(&prefix);
	acct_buf_release(&name);
	acct_buf_release(&data);
	return rc;
}

int acct_index_build_tree(git_oid *root, struct acct_index *ix,
			  git_repository *repo, const struct acct_tree_op *ops,
			  size_t n, struct acct_tree_folders *folders,
			  struct acct_error *err)
{
	const struct acct_index_tree_node *top = acct_index_tree_find(&ix->tree,
								      "");
	struct build b;
	git_odb *odb = NULL;
	size_t i;
	int rc = 1;

	memset(&b, 0, sizeof(b));
	if (!n || !top || top->was < 0)
		return 1;
	b.ix = ix;
	b.nops = n;
	b.ops = acct_malloc(n * sizeof(*ops));
	memcpy(b.ops, ops, n * sizeof(*ops));
	qsort(b.ops, n, sizeof(*ops), op_cmp);
	find_dirs(&b);
	if (git_repository_odb(&odb, repo) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read the objects");
		goto out;
	}
	for (i = 0; i < b.ndirs; i++)
		if ((rc = write_dir(&b, b.order[i], odb, err)) != 0)
			goto out;
	for (i = 0; i < b.ndirs; i++) {
		struct acct_tree_folder *f;

		folders->v = acct_realloc(folders->v, (folders->n + 1) *
					  sizeof(*folders->v));
		f = &folders->v[folders->n++];
		f->path = acct_strdup(b.dirs[i].path);
		memcpy(f->id, b.dirs[i].id, ACCT_INDEX_HASH);
		if (!*b.dirs[i].path)
			git_oid_fromraw(root, b.dirs[i].id);
	}
	rc = 0;
out:
	git_odb_free(odb);
	for (i = 0; i < b.ndirs; i++)
		free(b.dirs[i].path);
	free(b.dirs);
	free(b.order);
	free(b.ops);
	return rc;
}
