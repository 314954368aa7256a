#include "acct/undo.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/txn.h"
#include "acct/banned.h"

/* One file to put back as the parent had it, or to remove. */
struct op {
	char *path;
	int remove;
	git_oid old;		/* the parent's blob, unless remove */
};

struct ops {
	struct op *v;
	size_t n, alloc;
};

static void add_op(struct ops *ops, const char *path, int remove,
		   const git_oid *old)
{
	struct op *o;

	if (ops->n == ops->alloc) {
		ops->alloc = ops->alloc ? 2 * ops->alloc : 8;
		ops->v = acct_realloc(ops->v, ops->alloc * sizeof(*ops->v));
	}
	o = &ops->v[ops->n++];
	memset(o, 0, sizeof(*o));
	o->path = acct_strdup(path);
	o->remove = remove;
	if (old)
		git_oid_cpy(&o->old, old);
}

static void ops_release(struct ops *ops)
{
	size_t i;

	for (i = 0; i < ops->n; i++)
		free(ops->v[i].path);
	free(ops->v);
}

static int op_cmp(const void *x, const void *y)
{
	return strcmp(((const struct op *)x)->path, ((const struct op *)y)->path);
}

static int not_plain(const char *path, struct acct_error *err)
{
	acct_error_set(err, ACCT_ESTATE, "cannot undo the last commit: '%s' "
		       "is not a plain file in git", path);
	acct_error_hint(err, "acct undoes only changes to plain files; use git "
			"for this one (git revert HEAD)");
	return ACCT_ESTATE;
}

static int is_file(const git_tree_entry *e)
{
	return git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB;
}

static int is_tree(const git_tree_entry *e)
{
	return git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

static int diff_trees(struct ops *ops, git_repository *repo,
		      const git_tree *a, const git_tree *b, const char *prefix,
		      struct acct_error *err);

/* Recurse into the folder `path`, whose trees are `ida` and `idb` (or NULL). */
static int diff_sub(struct ops *ops, git_repository *repo, const git_oid *ida,
		    const git_oid *idb, const char *path, struct acct_error *err)
{
	git_tree *a = NULL, *b = NULL;
	struct acct_buf prefix = ACCT_BUF_INIT;
	int rc = 0;

	if ((ida && git_tree_lookup(&a, repo, ida) < 0) ||
	    (idb && git_tree_lookup(&b, repo, idb) < 0)) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read a tree");
		goto out;
	}
	acct_buf_addf(&prefix, "%s/", path);
	rc = diff_trees(ops, repo, a, b, prefix.buf, err);
out:
	git_tree_free(a);
	git_tree_free(b);
	acct_buf_release(&prefix);
	return rc;
}

/*
 * What turns tree `b` (HEAD's) back into `a` (its parent's), file by file;
 * folders that are the same in both are not read.
 */
static int diff_trees(struct ops *ops, git_repository *repo,
		      const git_tree *a, const git_tree *b, const char *prefix,
		      struct acct_error *err)
{
	struct acct_buf path = ACCT_BUF_INIT;
	size_t i, na = a ? git_tree_entrycount(a) : 0,
		  nb = b ? git_tree_entrycount(b) : 0;
	int rc = 0;

	for (i = 0; i < nb && !rc; i++) {
		const git_tree_entry *eb = git_tree_entry_byindex(b, i);
		const char *name = git_tree_entry_name(eb);
		const git_tree_entry *ea = a ? git_tree_entry_byname(a, name) : NULL;

		if (ea && git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb) &&
		    git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)))
			continue;
		acct_buf_reset(&path);
		acct_buf_addf(&path, "%s%s", prefix, name);
		if (is_tree(eb) && (!ea || is_tree(ea)))
			rc = diff_sub(ops, repo, ea ? git_tree_entry_id(ea) : NULL,
				      git_tree_entry_id(eb), path.buf, err);
		else if (!is_file(eb) || (ea && !is_file(ea)))
			rc = not_plain(path.buf, err);
		else if (!ea)
			add_op(ops, path.buf, 1, NULL);	/* added: remove it */
		else
			add_op(ops, path.buf, 0, git_tree_entry_id(ea));
	}
	for (i = 0; i < na && !rc; i++) {
		const git_tree_entry *ea = git_tree_entry_byindex(a, i);
		const char *name = git_tree_entry_name(ea);

		if (b && git_tree_entry_byname(b, name))
			continue;
		acct_buf_reset(&path);
		acct_buf_addf(&path, "%s%s", prefix, name);
		if (is_tree(ea))
			rc = diff_sub(ops, repo, git_tree_entry_id(ea), NULL,
				      path.buf, err);
		else if (!is_file(ea))
			rc = not_plain(path.buf, err);
		else
			/* It removed the file: put it back. */
			add_op(ops, path.buf, 0, git_tree_entry_id(ea));
	}
	acct_buf_release(&path);
	return rc;
}

/*
 * The command in the message's trailer when acct made the commit (into
 * `out`): 1, or 0 when the message has no such trailer.
 */
static int acct_command(struct acct_buf *out, const git_commit *c)
{
	git_message_trailer_array trailers = { 0 };
	size_t i;
	int found = 0;

	if (git_message_trailers(&trailers, git_commit_message(c)) < 0) {
		git_error_clear();
		return 0;
	}
	for (i = 0; i < trailers.count && !found; i++)
		if (!strcasecmp(trailers.trailers[i].key, ACCT_TRAILER)) {
			acct_buf_addstr(out, trailers.trailers[i].value);
			found = 1;
		}
	git_message_trailer_array_free(&trailers);
	return found;
}

/*
 * Set the error that the `i`th commit back from HEAD (0: HEAD) of the `n`
 * to undo, `subject`, cannot be undone, and why.
 */
enum refusal { FIRST, MERGE, NOT_OURS, INIT };

static int refuse(struct acct_error *err, const char *subject, size_t i,
		  size_t n, enum refusal why)
{
	/* Whole sentences, one per case, for the translations. */
	if (n == 1 && why == FIRST)
		return acct_error_set(err, ACCT_ESTATE, "nothing to undo: the "
				      "last commit '%s' is the book's first",
				      subject);
	if (n == 1 && why == INIT)
		return acct_error_set(err, ACCT_ESTATE, "nothing to undo: the "
				      "last commit '%s' created the book",
				      subject);
	if (n == 1 && why == MERGE)
		return acct_error_set(err, ACCT_ESTATE, "cannot undo the last "
				      "commit '%s': it is a merge", subject);
	if (n == 1)
		return acct_error_set(err, ACCT_ESTATE, "cannot undo the last "
				      "commit '%s': it was not made by acct",
				      subject);
	if (why == FIRST)
		return acct_error_set(err, ACCT_ESTATE, "cannot undo the last "
				      "%zu commits: commit %zu, '%s', is the "
				      "book's first", n, i + 1, subject);
	if (why == INIT)
		return acct_error_set(err, ACCT_ESTATE, "cannot undo the last "
				      "%zu commits: commit %zu, '%s', created "
				      "the book", n, i + 1, subject);
	if (why == MERGE)
		return acct_error_set(err, ACCT_ESTATE, "cannot undo the last "
				      "%zu commits: commit %zu, '%s', is a "
				      "merge", n, i + 1, subject);
	return acct_error_set(err, ACCT_ESTATE, "cannot undo the last %zu "
			      "commits: commit %zu, '%s', was not made by acct",
			      n, i + 1, subject);
}

/*
 * The `i`th commit back from HEAD (0: HEAD itself) of the `n` to undo
 * must be an acct commit with one parent, and not the book's birth.
 */
static int check_commit(git_commit *c, const char *subject, size_t i,
			size_t n, struct acct_error *err)
{
	struct acct_buf command = ACCT_BUF_INIT;
	unsigned parents = git_commit_parentcount(c);
	int ours = acct_command(&command, c), rc = ACCT_ESTATE;

	if (!parents) {
		refuse(err, subject, i, n, FIRST);
		acct_error_hint(err, "there is no earlier state of the book to go "
				"back to");
	} else if (parents > 1) {
		refuse(err, subject, i, n, MERGE);
		acct_error_hint(err, "acct undoes only its own single commits; "
				"undo a merge with git (git revert -m 1)");
	} else if (!ours) {
		refuse(err, subject, i, n, NOT_OURS);
		acct_error_hint(err, "acct undoes only its own commits (they end "
				"with an '%s:' line); undo this one with git (git "
				"revert)", ACCT_TRAILER);
	} else if (!strcmp(command.buf, "init")) {
		/* Undone, it would take .acct/ away: the book would be gone. */
		refuse(err, subject, i, n, INIT);
		acct_error_hint(err, "to take the book out of this repository, "
				"use git (git revert)");
	} else {
		rc = 0;
	}
	acct_buf_release(&command);
	return rc;
}

static int stage(struct acct_txn *t, git_repository *repo, const struct op *o,
		 struct acct_error *err)
{
	git_blob *blob = NULL;
	int rc;

	if (o->remove)
		return acct_txn_remove(t, o->path, err);
	if (git_blob_lookup(&blob, repo, &o->old) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read a file from git");
	rc = acct_txn_put(t, o->path, git_blob_rawcontent(blob),
			  (size_t)git_blob_rawsize(blob), 0, err);
	git_blob_free(blob);
	return rc;
}

/* "undo: <subject>", or "undo: 3 commits (<s1>; <s2>; <s3>)". */
static void undo_subject(struct acct_buf *out, const struct acct_undone *c,
			 size_t n)
{
	size_t i;

	if (n == 1) {
		acct_buf_addf(out, "undo: %s", c[0].subject);
		return;
	}
	acct_buf_addf(out, "undo: %zu commits (", n);
	for (i = 0; i < n; i++)
		acct_buf_addf(out, "%s%s", i ? "; " : "", c[i].subject);
	acct_buf_addch(out, ')');
}

int acct_undo(struct acct_undo_result *out, struct acct_book *book, size_t n,
	      struct acct_error *err)
{
	git_repository *repo = book->repo;
	struct acct_txn *t = NULL;
	git_commit *head = NULL, *c = NULL, *base = NULL;
	git_tree *a = NULL, *b = NULL;
	struct acct_buf msg = ACCT_BUF_INIT;
	struct ops ops = { NULL, 0, 0 };
	struct acct_undone *undone = NULL;
	size_t i, k = 0;
	git_oid id;
	int rc;

	if (n < 1 || n > ACCT_UNDO_MAX)
		return acct_error_set(err, ACCT_EUSAGE, "-n must be a number of "
				      "commits from 1 to %d, not %zu",
				      ACCT_UNDO_MAX, n);
	/* The index lock first: HEAD cannot move while we look at it. */
	if ((rc = acct_txn_begin(&t, book, err)) < 0)
		goto out;
	rc = git_reference_name_to_id(&id, repo, "HEAD");
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
		git_error_clear();
		rc = acct_error_set(err, ACCT_ESTATE, "nothing to undo: the book "
				    "has no commits");
		goto out;
	}
	if (rc < 0 || git_commit_lookup(&head, repo, &id) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read HEAD's commit");
		goto out;
	}
	/* Each of the n commits back from HEAD must be acct's own. */
	undone = acct_calloc(n, sizeof(*undone));
	if (git_commit_dup(&c, head) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read HEAD's commit");
		goto out;
	}
	for (k = 0; k < n; k++) {
		const char *subject = git_commit_summary(c);
		git_commit *parent = NULL;

		if (!subject)
			subject = "";
		if ((rc = check_commit(c, subject, k, n, err)) < 0)
			goto out;
		git_oid_tostr(undone[k].id, sizeof(undone[k].id), git_commit_id(c));
		undone[k].subject = acct_strdup(subject);
		if (git_commit_parent(&parent, c, 0) < 0) {
			rc = acct_git_error(err, ACCT_ERROR, "cannot read a "
					    "parent commit");
			goto out;
		}
		git_commit_free(c);
		c = parent;
	}
	base = c;
	c = NULL;
	if (git_commit_tree(&a, base) < 0 || git_commit_tree(&b, head) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read the last commit");
		goto out;
	}
	if ((rc = diff_trees(&ops, repo, a, b, "", err)) < 0)
		goto out;
	undo_subject(&msg, undone, n);
	if (!ops.n) {
		rc = acct_error_set(err, ACCT_ESTATE, "nothing to undo: %s "
				    "changed no file", n == 1 ?
				    "the last commit" : "the last commits");
		goto out;
	}
	qsort(ops.v, ops.n, sizeof(*ops.v), op_cmp);	/* git's order */
	for (i = 0; i < ops.n; i++)
		if ((rc = stage(t, repo, &ops.v[i], err)) < 0)
			goto out;
	if ((rc = acct_txn_commit(t, msg.buf, err)) < 0)
		goto out;
	if (rc == 1) {
		rc = acct_error_set(err, ACCT_ESTATE, "nothing to undo: %s "
				    "changed no file", n == 1 ?
				    "the last commit" : "the last commits");
		goto out;
	}
	git_oid_tostr(out->undone, sizeof(out->undone), &id);
	git_oid_tostr(out->commit, sizeof(out->commit), acct_txn_commit_id(t));
	out->subject = acct_strdup(undone[0].subject);
	out->commits = undone;
	out->ncommits = n;
	undone = NULL;
	out->files = acct_calloc(ops.n + 1, sizeof(*out->files));
	for (i = 0; i < ops.n; i++) {
		out->files[i] = ops.v[i].path;
		ops.v[i].path = NULL;
	}
	out->nfiles = ops.n;
	rc = 0;
out:
	acct_txn_free(t);
	ops_release(&ops);
	acct_buf_release(&msg);
	if (undone) {
		for (i = 0; i < n; i++)
			free(undone[i].subject);
		free(undone);
	}
	git_tree_free(a);
	git_tree_free(b);
	git_commit_free(c);
	git_commit_free(base);
	git_commit_free(head);
	return rc;
}

void acct_undo_result_release(struct acct_undo_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	free(r->subject);
	for (i = 0; i < r->ncommits; i++)
		free(r->commits[i].subject);
	free(r->commits);
	r->files = NULL;
	r->subject = NULL;
	r->commits = NULL;
	r->nfiles = r->ncommits = 0;
}
