#include "acct/commit.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/date.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/banned.h"

/*
 * The git side of a change: its tree, its commit and the branch's move,
 * all objects and refs and nothing of the work tree (lib/txn.c puts the
 * files in place around these).
 */

/*
 * A tree is built once per folder it changes, whatever the number of
 * changes: the operations are sorted so that those under one name come
 * together, then each level is one treebuilder (ten thousand answers in
 * one folder make one tree, not ten thousand).
 */
struct op_ref {
	const struct acct_tree_op *op;
	const char *rest;		/* the path below the current level */
	size_t order;			/* the position among the ops */
};

/* Paths in tree order: '/' before any other byte, so "a", "a/b", "a-c". */
static int op_cmp(const void *a, const void *b)
{
	const struct op_ref *x = a, *y = b;
	const unsigned char *p = (const unsigned char *)x->rest;
	const unsigned char *q = (const unsigned char *)y->rest;

	for (; *p && *p == *q; p++, q++)
		;
	if (*p != *q) {
		int cp = *p == '/' ? 1 : *p ? *p + 1 : 0;
		int cq = *q == '/' ? 1 : *q ? *q + 1 : 0;

		return cp - cq;
	}
	return x->order < y->order ? -1 : x->order > y->order;
}

static int built(int grc, struct acct_error *err)
{
	return grc < 0 ? acct_git_error(err, ACCT_ERROR, "cannot build a tree") : 0;
}

/* Remove `name` from the tree being built, if it is there. */
static int drop(git_treebuilder *tb, const char *name, struct acct_error *err)
{
	return git_treebuilder_get(tb, name) ?
		built(git_treebuilder_remove(tb, name), err) : 0;
}

/*
 * The tree the operations below `name` build on: the tree `exact` sets
 * there, else the one `base` has there; NULL for none.
 */
static int sub_base(git_tree **out, git_repository *repo,
		    const git_tree *base, const char *name,
		    const struct acct_tree_op *exact, struct acct_error *err)
{
	const git_tree_entry *e;
	const git_oid *id = NULL;

	*out = NULL;
	if (exact) {
		if (exact->id && exact->mode == GIT_FILEMODE_TREE)
			id = exact->id;
	} else if (base && (e = git_tree_entry_byname(base, name)) &&
		   git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		id = git_tree_entry_id(e);
	}
	if (id && git_tree_lookup(out, repo, id) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read a tree");
	return 0;
}

static size_t name_len(const char *s)
{
	const char *slash = strchr(s, '/');

	return slash ? (size_t)(slash - s) : strlen(s);
}

/*
 * Write `base` (NULL: empty) with `ops` (sorted, paths relative to it)
 * applied. `*empty` says the result has no entries, so that the parent
 * drops it as git would.
 */
void acct_tree_folders_release(struct acct_tree_folders *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].path);
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

/* Folder `dir` (its path in `dir`) was written as `id`. */
static void folder_add(struct acct_tree_folders *f, const struct acct_buf *dir,
		       const git_oid *id)
{
	struct acct_tree_folder *d;

	f->v = acct_realloc(f->v, (f->n + 1) * sizeof(*f->v));
	d = &f->v[f->n++];
	d->path = acct_strndup(dir->buf, dir->len);
	memcpy(d->id, id->id, sizeof(d->id));
}

static int build_level(git_oid *out, int *empty, git_repository *repo,
		       const git_tree *base, struct op_ref *ops, size_t n,
		       struct acct_buf *dir, struct acct_tree_folders *folders,
		       struct acct_error *err)
{
	size_t dir_len = dir->len;

	git_treebuilder *tb = NULL;
	char *name = NULL;
	size_t i = 0;
	int rc = 0;

	if (git_treebuilder_new(&tb, repo, base) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot build a tree");
		goto out;
	}
	while (i < n && !rc) {
		size_t len = name_len(ops[i].rest), j = i;
		const struct acct_tree_op *exact = NULL;

		free(name);
		name = acct_strndup(ops[i].rest, len);
		/* The op on the name itself sorts first, then those below. */
		for (; j < n && !strncmp(ops[j].rest, name, len) &&
		       !ops[j].rest[len]; j++)
			exact = ops[j].op;
		if (j < n && !strncmp(ops[j].rest, name, len) &&
		    ops[j].rest[len] == '/') {
			size_t k = j;
			git_tree *sub = NULL;
			git_oid subid;
			int sub_empty = 0;

			for (; k < n && !strncmp(ops[k].rest, name, len) &&
			       ops[k].rest[len] == '/'; k++)
				ops[k].rest += len + 1;
			if ((rc = sub_base(&sub, repo, base, name, exact,
					   err)) < 0)
				break;
			if (dir_len)
				acct_buf_addch(dir, '/');
			acct_buf_add(dir, name, len);
			rc = build_level(&subid, &sub_empty, repo, sub, ops + j,
					 k - j, dir, folders, err);
			acct_buf_setlen(dir, dir_len);
			git_tree_free(sub);
			if (!rc && sub_empty)
				rc = drop(tb, name, err);
			else if (!rc)
				rc = built(git_treebuilder_insert(NULL, tb, name,
					&subid, GIT_FILEMODE_TREE), err);
			j = k;
		} else if (exact && exact->id) {
			rc = built(git_treebuilder_insert(NULL, tb, name, exact->id,
					(git_filemode_t)exact->mode), err);
		} else if (exact) {
			rc = drop(tb, name, err);
		}
		i = j;
	}
	git_error_clear();
	*empty = git_treebuilder_entrycount(tb) == 0;
	if (!rc && git_treebuilder_write(out, tb) < 0)
		rc = acct_git_error(err, ACCT_ERROR, "cannot write a tree");
	else if (!rc && folders && !*empty)
		folder_add(folders, dir, out);
out:
	git_treebuilder_free(tb);
	free(name);
	return rc;
}

int acct_tree_build(git_tree **out, git_repository *repo,
		    const git_tree *base, const struct acct_tree_op *ops,
		    size_t n, struct acct_tree_folders *folders,
		    struct acct_error *err)
{
	struct op_ref *refs = acct_calloc(n + 1, sizeof(*refs));
	struct acct_buf dir = ACCT_BUF_INIT;
	git_oid id;
	size_t i;
	int empty, rc;

	*out = NULL;
	for (i = 0; i < n; i++)
		refs[i] = (struct op_ref){ &ops[i], ops[i].path, i };
	qsort(refs, n, sizeof(*refs), op_cmp);
	rc = build_level(&id, &empty, repo, base, refs, n, &dir, folders, err);
	if (!rc && git_tree_lookup(out, repo, &id) < 0)
		rc = acct_git_error(err, ACCT_ERROR, "cannot read a tree");
	free(refs);
	acct_buf_release(&dir);
	return rc;
}

static int signature(git_signature **out, git_repository *repo,
		     const char *name, const char *email, const char *date,
		     const char *which, const struct acct_time *now,
		     struct acct_error *err)
{
	git_config *cfg = NULL;
	git_buf cname = GIT_BUF_INIT, cemail = GIT_BUF_INIT;
	struct acct_time when = *now;
	int rc = 0;

	if ((!name || !email) &&
	    (repo ? git_repository_config_snapshot(&cfg, repo)
		  : git_config_open_default(&cfg)) == 0) {
		if (!name && git_config_get_string_buf(&cname, cfg, "user.name") == 0)
			name = cname.ptr;
		if (!email && git_config_get_string_buf(&cemail, cfg, "user.email") == 0)
			email = cemail.ptr;
	}
	git_error_clear();
	if (!name || !*name || !email || !*email) {
		rc = acct_error_set(err, ACCT_ESTATE, "who is writing is unknown: "
				    "set git user.name and user.email");
		acct_error_hint(err, "git config --global user.name 'Your Name' && "
				"git config --global user.email you@example.com");
		goto out;
	}
	if (date && *date && acct_time_parse_git(&when, date, NULL) < 0) {
		rc = acct_error_set(err, ACCT_EUSAGE, "GIT_%s_DATE '%s' is not a "
				    "date git accepts", which, date);
		acct_error_hint(err, "use '<epoch> <+hhmm>', '@<epoch>' or ISO 8601");
		goto out;
	}
	if (git_signature_new(out, name, email, (git_time_t)when.sec, when.off) < 0)
		rc = acct_git_error(err, ACCT_ESTATE, "git user.name or "
				    "user.email cannot be used");
out:
	git_buf_dispose(&cname);
	git_buf_dispose(&cemail);
	git_config_free(cfg);
	return rc;
}


int acct_commit_create(git_oid *out, struct acct_book *book,
		       const char *message, const git_tree *tree,
		       const git_commit **parents, size_t nparents,
		       struct acct_error *err)
{
	git_signature *author = NULL, *committer = NULL;
	const struct acct_ident *id = &book->ident;
	int rc;

	if ((rc = signature(&author, book->repo, id->author_name,
			    id->author_email, id->author_date, "AUTHOR",
			    &book->now, err)) < 0 ||
	    (rc = signature(&committer, book->repo, id->committer_name,
			    id->committer_email, id->committer_date, "COMMITTER",
			    &book->now, err)) < 0)
		goto out;
	if (git_commit_create(out, book->repo, NULL, author, committer, NULL,
			      message, tree, nparents, parents) < 0)
		rc = acct_git_error(err, ACCT_ERROR, "cannot create the commit");
out:
	git_signature_free(author);
	git_signature_free(committer);
	return rc;
}

int acct_branch_update(git_repository *repo, const char *branch,
		       const git_oid *id, const git_oid *old, const char *log,
		       struct acct_error *err)
{
	const char *name = !strncmp(branch, "refs/heads/", 11) ?
		branch + 11 : branch;
	git_reference *ref = NULL;
	int rc;

	if (!old)
		rc = git_reference_create(&ref, repo, branch, id, 0, log);
	else
		rc = git_reference_create_matching(&ref, repo, branch, id, 1,
						   old, log);
	git_reference_free(ref);
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
		git_error_clear();
		acct_error_set(err, ACCT_ERROR, "cannot update the branch '%s': "
			       "another process moved it meanwhile", name);
		acct_error_hint(err, "nothing was changed; run the command again");
		return ACCT_ERROR;
	}
	if (rc == GIT_ELOCKED) {
		git_error_clear();
		acct_error_set(err, ACCT_ELOCKED, "'.git/%s.lock' exists: another "
			       "acct or git process may be updating the branch "
			       "'%s'", branch, name);
		acct_error_hint(err, "wait for it to finish; if none is running, "
				"one was stopped midway: remove '.git/%s.lock' "
				"and run acct again", branch);
		return ACCT_ELOCKED;
	}
	/* Anything else (a full disk, an I/O error): say what it was. */
	if (rc < 0) {
		struct acct_buf what = ACCT_BUF_INIT;

		acct_buf_addf(&what, "cannot update the branch '%s'", name);
		rc = acct_git_error(err, ACCT_ERROR, what.buf);
		acct_buf_release(&what);
	}
	return rc;
}

void acct_commit_subject(struct acct_buf *out, const char *command,
			 const char *slug, const char *summary)
{
	size_t start = out->len, cols = 0, i = 0, max = 72;
	const unsigned char *s = (const unsigned char *)summary;

	acct_buf_addf(out, "%s %s: ", command, slug);
	cols = out->len - start;
	while (s[i]) {
		size_t n = 1;

		while (s[i + n] && (s[i + n] & 0xc0) == 0x80)
			n++;
		if (cols + 1 > max && s[i + n]) {
			acct_buf_addstr(out, "...");
			break;
		}
		if (s[i] < 0x20 || s[i] == 0x7f)
			acct_buf_addch(out, ' ');
		else
			acct_buf_add(out, s + i, n);
		i += n;
		cols++;
	}
}

int acct_ident_check(struct acct_book *book, struct acct_error *err)
{
	const struct acct_ident *id = &book->ident;
	git_signature *a = NULL, *c = NULL;
	int rc;

	if ((rc = signature(&a, book->repo, id->author_name, id->author_email,
			    id->author_date, "AUTHOR", &book->now, err)) == 0)
		rc = signature(&c, book->repo, id->committer_name,
			       id->committer_email, id->committer_date,
			       "COMMITTER", &book->now, err);
	git_signature_free(a);
	git_signature_free(c);
	return rc;
}

int acct_ident_who(struct acct_buf *out, struct acct_book *book,
		   struct acct_error *err)
{
	const struct acct_ident *id = &book->ident;
	git_signature *a = NULL;
	int rc;

	if ((rc = signature(&a, book->repo, id->author_name, id->author_email,
			    NULL, "AUTHOR", &book->now, err)) == 0)
		acct_buf_addf(out, "%s <%s>", a->name, a->email);
	git_signature_free(a);
	return rc;
}

/*
 * The command of a subject: the words before ':' less the slug, which is
 * the last of two or more ("client add acme: X" is "client add").
 */
static void subject_command(struct acct_buf *out, const char *subject)
{
	const char *colon = strchr(subject, ':');
	const char *end = colon ? colon : subject + strlen(subject);
	const char *space = NULL, *p;

	for (p = subject; p < end; p++)
		if (*p == ' ')
			space = p;
	acct_buf_add(out, subject, (size_t)((space ? space : end) - subject));
}

void acct_commit_message(struct acct_buf *out, const char *subject)
{
	const char *nl = strchr(subject, '\n');
	size_t len = nl ? (size_t)(nl - subject) : strlen(subject);

	/* One line of the user's text, then our trailer: nothing of theirs
	 * can become a trailer. */
	acct_buf_add(out, subject, len);
	acct_buf_addstr(out, "\n\n" ACCT_TRAILER ": ");
	subject_command(out, subject);
	acct_buf_addch(out, '\n');
}

