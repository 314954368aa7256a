/*
 * The cache tree of git's index (the TREE extension, git's cache-tree.c):
 * read, invalidated along the paths a commit changes, written back. git
 * recomputes what is invalid when it next writes a tree from the index.
 */
#include "index_int.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/banned.h"

/* A decimal number, maybe negative, bounded by `end`; -1 when none. */
static int read_number(long *out, const unsigned char **pp,
		       const unsigned char *end)
{
	const unsigned char *p = *pp;
	int neg = 0, digits = 0;
	long v = 0;

	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	for (; p < end && *p >= '0' && *p <= '9'; p++, digits++) {
		if (v > 100000000L)
			return -1;
		v = 10 * v + (*p - '0');
	}
	if (!digits)
		return -1;
	*out = neg ? -v : v;
	*pp = p;
	return 0;
}

static int expect(const unsigned char **pp, const unsigned char *end, int c)
{
	if (*pp >= end || **pp != c)
		return -1;
	(*pp)++;
	return 0;
}

/* Compare node names: length first, then bytes (git's cache-tree.c). */
static int name_cmp(const unsigned char *a, size_t alen,
		    const unsigned char *b, size_t blen)
{
	if (alen != blen)
		return alen < blen ? -1 : 1;
	return memcmp(a, b, alen);
}

static int kid_cmp(const void *a, const void *b)
{
	const struct acct_index_tree_node *x =
		*(const struct acct_index_tree_node *const *)a;
	const struct acct_index_tree_node *y =
		*(const struct acct_index_tree_node *const *)b;

	return name_cmp(x->name, x->len, y->name, y->len);
}

/* Each node's subfolders in t->kids, sorted by name. */
static void index_kids(struct acct_index_tree *t)
{
	size_t k, c, at = 0;

	t->kids = acct_malloc((t->n + 1) * sizeof(*t->kids));
	for (k = 0; k < t->n; k++) {
		struct acct_index_tree_node *n = &t->nodes[k];

		n->kids_at = at;
		for (c = k + 1; c < n->end; c = t->nodes[c].end)
			t->kids[at++] = &t->nodes[c];
		n->nkids = at - n->kids_at;
		if (n->nkids > 1)
			qsort(t->kids + n->kids_at, n->nkids, sizeof(*t->kids),
			      kid_cmp);
	}
}

int acct_index_tree_parse(struct acct_index_tree *t, const unsigned char *p,
			  size_t len)
{
	const unsigned char *end = p + len;
	size_t *stack = NULL, *left = NULL, depth = 0, salloc = 0, nalloc = 0;
	int rc = -1;

	memset(t, 0, sizeof(*t));
	t->data = p;
	do {
		struct acct_index_tree_node *n;
		const unsigned char *nul = memchr(p, 0, (size_t)(end - p));

		if (!nul)
			goto out;
		if (t->n == nalloc) {
			nalloc = nalloc ? 2 * nalloc : 64;
			t->nodes = acct_realloc(t->nodes, nalloc * sizeof(*t->nodes));
		}
		n = &t->nodes[t->n];
		memset(n, 0, sizeof(*n));
		n->name = p;
		n->len = (size_t)(nul - p);
		p = nul + 1;
		if (read_number(&n->count, &p, end) < 0 || expect(&p, end, ' ') ||
		    read_number(&n->nsub, &p, end) < 0 || n->nsub < 0 ||
		    expect(&p, end, '\n'))
			goto out;
		if (n->count >= 0) {
			if ((size_t)(end - p) < ACCT_INDEX_HASH)
				goto out;
			n->id = p;
			p += ACCT_INDEX_HASH;
		} else {
			n->count = -1;
		}
		n->was = n->count;
		n->raw_len = (size_t)(p - n->name);
		/* The root has no name; every other node has one. */
		if (!t->n != !n->len)
			goto out;
		if (depth)
			left[depth - 1]--;
		if (depth == salloc) {
			salloc = salloc ? 2 * salloc : 16;
			stack = acct_realloc(stack, salloc * sizeof(*stack));
			left = acct_realloc(left, salloc * sizeof(*left));
		}
		stack[depth] = t->n++;
		left[depth++] = (size_t)n->nsub;
		while (depth && !left[depth - 1])
			t->nodes[stack[--depth]].end = t->n;
	} while (depth);
	rc = p == end ? 0 : -1;
	if (!rc)
		index_kids(t);
out:
	free(stack);
	free(left);
	return rc;
}

void acct_index_tree_invalidate(struct acct_index_tree *t, const char *path)
{
	size_t k = 0;

	while (k < t->n) {
		const char *slash = strchr(path, '/');
		size_t len = slash ? (size_t)(slash - path) : strlen(path), c;

		t->nodes[k].count = -1;
		t->nodes[k].id = NULL;
		t->nodes[k].changed = 1;
		for (c = k + 1; c < t->nodes[k].end; c = t->nodes[c].end)
			if (!t->nodes[c].dropped && t->nodes[c].len == len &&
			    !memcmp(t->nodes[c].name, path, len))
				break;
		if (c >= t->nodes[k].end)
			return;
		if (!slash) {
			t->nodes[c].dropped = 1;
			t->nodes[k].nsub--;
			return;
		}
		k = c;
		path = slash + 1;
	}
}

int acct_index_tree_set(struct acct_index_tree *t, const char *dir,
			const unsigned char *id, long count)
{
	const struct acct_index_tree_node *n = acct_index_tree_find(t, dir);
	struct acct_index_tree_node *m;

	if (!n)
		return -1;
	m = &t->nodes[n - t->nodes];
	m->id = id;
	m->count = count;
	m->changed = 1;
	return 0;
}

const struct acct_index_tree_node *
acct_index_tree_find(const struct acct_index_tree *t, const char *dir)
{
	size_t k = 0;

	if (!t->n)
		return NULL;
	while (*dir) {
		const char *slash = strchr(dir, '/');
		size_t len = slash ? (size_t)(slash - dir) : strlen(dir);
		size_t lo = t->nodes[k].kids_at, hi = lo + t->nodes[k].nkids;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			const struct acct_index_tree_node *c = t->kids[mid];
			int cmp = name_cmp(c->name, c->len,
					   (const unsigned char *)dir, len);

			if (!cmp) {
				lo = mid;
				break;
			}
			if (cmp < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo >= hi || t->kids[lo]->dropped)
			return NULL;
		k = (size_t)(t->kids[lo] - t->nodes);
		dir = slash ? slash + 1 : dir + len;
	}
	return &t->nodes[k];
}

/* A decimal number, maybe negative, to `out` (no printf per node). */
static void add_number(struct acct_buf *out, long v)
{
	char digits[24];
	size_t i = sizeof(digits);
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do {
		digits[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		digits[--i] = '-';
	acct_buf_add(out, digits + i, sizeof(digits) - i);
}

void acct_index_tree_write(struct acct_buf *out, const struct acct_index_tree *t)
{
	size_t k = 0;

	while (k < t->n) {
		const struct acct_index_tree_node *n = &t->nodes[k];
		size_t run;

		if (n->dropped) {
			k = n->end;
			continue;
		}
		if (!n->changed) {
			/* Records are back to back: a run copied at once. */
			for (run = k + 1; run < t->n && !t->nodes[run].changed &&
			     !t->nodes[run].dropped; run++)
				;
			acct_buf_add(out, n->name, (size_t)(t->nodes[run - 1].name +
				     t->nodes[run - 1].raw_len - n->name));
			k = run;
			continue;
		}
		acct_buf_add(out, n->name, n->len);
		acct_buf_addch(out, '\0');
		add_number(out, n->count);
		acct_buf_addch(out, ' ');
		add_number(out, n->nsub);
		acct_buf_addch(out, '\n');
		if (n->id)
			acct_buf_add(out, n->id, ACCT_INDEX_HASH);
		k++;
	}
}

void acct_index_tree_release(struct acct_index_tree *t)
{
	free(t->nodes);
	free(t->kids);
	memset(t, 0, sizeof(*t));
}
