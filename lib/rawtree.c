#include "acct/rawtree.h"

#include <string.h>

#include <git2.h>

#include "acct/error.h"
#include "acct/git.h"
#include "acct/banned.h"

int acct_rawtree_read(struct acct_rawtree *t, git_odb *odb, const git_oid *id,
		      struct acct_error *err)
{
	git_odb_object *obj = NULL;

	acct_rawtree_release(t);
	if (git_odb_read(&obj, odb, id) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read a tree");
	if (git_odb_object_type(obj) != GIT_OBJECT_TREE) {
		git_odb_object_free(obj);
		acct_error_set(err, ACCT_ERROR, "cannot read a tree: %s is not one",
			       git_oid_tostr_s(id));
		return ACCT_ERROR;
	}
	t->obj = obj;
	t->data = git_odb_object_data(obj);
	t->len = git_odb_object_size(obj);
	return 0;
}

void acct_rawtree_release(struct acct_rawtree *t)
{
	git_odb_object_free(t->obj);
	t->obj = NULL;
	t->data = NULL;
	t->len = 0;
}

int acct_rawtree_next(struct acct_rawtree_entry *e, const unsigned char *data,
		      size_t len, size_t *pos)
{
	const unsigned char *p = data + *pos, *end = data + len, *sp, *nul;
	unsigned int mode = 0;

	if (*pos >= len)
		return 0;
	/* "<octal mode> <name>\0<id>" */
	if (!(sp = memchr(p, ' ', (size_t)(end - p))) || sp == p || sp - p > 7)
		return -1;
	for (; p < sp; p++) {
		if (*p < '0' || *p > '7')
			return -1;
		mode = mode * 8 + (unsigned int)(*p - '0');
	}
	p = sp + 1;
	if (!(nul = memchr(p, '\0', (size_t)(end - p))) || nul == p ||
	    (size_t)(end - nul - 1) < ACCT_RAWTREE_IDSZ)
		return -1;
	e->name = (const char *)p;
	e->namelen = (size_t)(nul - p);
	e->mode = mode;
	/* As libgit2 types an entry: a folder, a submodule, else a blob. */
	e->is_tree = (mode & 0170000) == 0040000;
	e->is_blob = !e->is_tree && (mode & 0170000) != 0160000;
	e->id = nul + 1;
	*pos = (size_t)(nul + 1 + ACCT_RAWTREE_IDSZ - data);
	return 1;
}

size_t acct_rawtree_entry_start(const unsigned char *data, size_t len,
				size_t at)
{
	size_t pos = 0;

	while (pos < len) {
		/* The mode and the name hold no NUL: the id follows the first. */
		const unsigned char *nul = memchr(data + pos, '\0', len - pos);
		size_t end;

		if (!nul || (size_t)(data + len - nul - 1) < ACCT_RAWTREE_IDSZ)
			return (size_t)-1;
		end = (size_t)(nul - data) + 1 + ACCT_RAWTREE_IDSZ;
		if (end > at)
			return pos;
		pos = end;
	}
	return pos == at ? pos : (size_t)-1;
}

int acct_rawtree_cmp(const char *a, size_t alen, int a_tree,
		     const char *b, size_t blen, int b_tree)
{
	size_t n = alen < blen ? alen : blen;
	int c = memcmp(a, b, n);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = n < alen ? (unsigned char)a[n] : a_tree ? '/' : '\0';
	cb = n < blen ? (unsigned char)b[n] : b_tree ? '/' : '\0';
	return (ca > cb) - (ca < cb);
}

int acct_rawtree_find(struct acct_rawtree_entry *e, const unsigned char *data,
		      size_t len, const char *name)
{
	size_t pos = 0, namelen = strlen(name);
	int rc;

	while ((rc = acct_rawtree_next(e, data, len, &pos)) == 1) {
		if (e->namelen == namelen && !memcmp(e->name, name, namelen))
			return 1;
		/*
		 * Past where a folder of that name would stand (a file of
		 * the name stands before it): it is not there.
		 */
		if (acct_rawtree_cmp(e->name, e->namelen, e->is_tree,
				     name, namelen, 1) > 0)
			return 0;
	}
	return rc;
}
