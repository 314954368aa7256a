/*
 * The folder versions the walk of lib/folderlog.c need not read
 * (lib/folderlog_int.h): a folder's tree id says once and for all what it
 * holds, so what the kept list says of its HEAD's folders, and what git's
 * index says of a folder its cache tree has, is as good as reading it.
 * After a `git pull` of a thousand entries those are the versions the
 * changes start from and end at, each at the end of a chain of deltas in
 * the pack (the costliest reads of the walk); only the versions in between
 * are read.
 */
#include "folderlog_int.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/index.h"
#include "acct/banned.h"

#define IDSZ 20
#define CARD "client.yaml"
#define BRIEF "brief.md"

static int by_tree(const void *a, const void *b)
{
	return memcmp(((const struct acct_folderlog_folder *)a)->tree,
		      ((const struct acct_folderlog_folder *)b)->tree, IDSZ);
}

static struct acct_folderlog_folder *grow(struct acct_folderlog_known *k,
					  size_t more)
{
	if (k->n + more > k->alloc) {
		k->alloc = k->n + more > 2 * k->alloc ? k->n + more : 2 * k->alloc;
		k->v = acct_realloc(k->v, k->alloc * sizeof(*k->v));
	}
	return k->v + k->n;
}

void acct_folderlog_known_add(struct acct_folderlog_known *k,
			      const struct acct_folderlog_folder *v, size_t n)
{
	int sorted = !k->n;

	if (!n)
		return;
	memcpy(grow(k, n), v, n * sizeof(*v));
	k->n += n;
	if (!sorted)
		qsort(k->v, k->n, sizeof(*k->v), by_tree);
}

/*
 * The blob id of `path` in index `ix`, as a tree of the index would list
 * it: 1 with the id in `id`, 0 when the index has no such file, -1 when
 * it has one that is not plainly a file (a submodule; extended flags: an
 * intent to add, or not in the work tree).
 */
static int index_blob(unsigned char *id, const struct acct_index *ix,
		      const char *path)
{
	long i = acct_index_pos(ix, path, 0);
	const unsigned char *e;
	uint32_t mode;

	if (i < 0)
		return 0;
	e = acct_index_entry_raw(ix, (size_t)i);
	mode = (uint32_t)e[24] << 24 | (uint32_t)e[25] << 16 |
	       (uint32_t)e[26] << 8 | e[27];
	if ((e[60] & 0x40) || (mode & 0170000) == 0160000 ||
	    (mode & 0170000) == 0040000)
		return -1;
	memcpy(id, e + 40, IDSZ);
	return 1;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void acct_folderlog_known_index(struct acct_folderlog_known *k,
				git_repository *repo,
				const char *const *names, size_t n)
{
	struct acct_error ignored = ACCT_ERROR_INIT;
	struct acct_buf path = ACCT_BUF_INIT;
	struct acct_index *ix = NULL;
	size_t i, at, was = k->n;
	char **dirs;

	if (git_repository_is_bare(repo))
		return;
	acct_buf_addf(&path, "%sindex", git_repository_path(repo));
	if (acct_index_open_lean(&ix, path.buf, &ignored) != 0) {
		acct_buf_release(&path);
		return;
	}
	/*
	 * In the index's order ("clients/<name>/"), so that the pages the
	 * lookups touched are let go as they go on: a few of them are held,
	 * not the whole file.
	 */
	dirs = acct_calloc(n + 1, sizeof(*dirs));
	for (i = 0; i < n; i++) {
		acct_buf_reset(&path);
		acct_buf_addf(&path, "clients/%s/", names[i]);
		dirs[i] = acct_strdup(path.buf);
	}
	qsort(dirs, n, sizeof(*dirs), by_path);
	for (i = 0; i < n; i++) {
		struct acct_folderlog_folder f;
		git_oid tree;
		int card, brief;

		acct_index_forget(ix, dirs[i]);
		acct_buf_reset(&path);
		acct_buf_add(&path, dirs[i], strlen(dirs[i]) - 1);
		if (!acct_index_tree_id(ix, path.buf, &tree))
			continue;
		at = path.len;
		memset(&f, 0, sizeof(f));
		memcpy(f.tree, tree.id, IDSZ);
		acct_buf_addstr(&path, "/" CARD);
		card = index_blob(f.card, ix, path.buf);
		acct_buf_setlen(&path, at);
		acct_buf_addstr(&path, "/" BRIEF);
		brief = index_blob(f.brief, ix, path.buf);
		if (card < 0 || brief < 0)
			continue;
		f.has = (card ? ACCT_FOLDERLOG_HAS_CARD : 0) |
			(brief ? ACCT_FOLDERLOG_HAS_BRIEF : 0);
		*grow(k, 1) = f;
		k->n++;
	}
	for (i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
	acct_index_free(ix);
	acct_buf_release(&path);
	if (k->n != was)
		qsort(k->v, k->n, sizeof(*k->v), by_tree);
}

const struct acct_folderlog_folder *
acct_folderlog_known_find(const struct acct_folderlog_known *k,
			  const unsigned char *tree)
{
	size_t lo = 0, hi = k->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(k->v[mid].tree, tree, IDSZ);

		if (!c)
			return &k->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void acct_folderlog_known_release(struct acct_folderlog_known *k)
{
	free(k->v);
	memset(k, 0, sizeof(*k));
}

size_t acct_folderlog_folders_sort(struct acct_folderlog_folder *v, size_t n)
{
	size_t i, kept = 0;

	qsort(v, n, sizeof(*v), by_tree);
	for (i = 0; i < n; i++)
		if (!kept || memcmp(v[kept - 1].tree, v[i].tree, IDSZ))
			v[kept++] = v[i];
	return kept;
}
