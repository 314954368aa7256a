/*
 * acct sync: the system's git moves the objects (fetch, push: the user's
 * ssh config, agent and credential helpers apply; in batch mode nothing
 * may prompt), acct merges (libgit2's tree merge with acct's card driver;
 * records both clones added under one name are both kept, the incoming
 * one renamed), and every change to the work tree goes through a
 * transaction like any other acct command.
 */
#include "acct/sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/merge.h>

#include "acct/book.h"
#include "acct/cardmerge.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/gitconfig.h"
#include "acct/txn.h"
#include "sync_int.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/* --- the card merge driver ----------------------------------------------- */

/* Where the driver reports field conflicts during one merge. */
static struct acct_sync_result *driver_result;
static int driver_registered;

void acct_sync_add_conflict(struct acct_sync_result *r, int kind,
			    const char *path, const char *field,
			    const char *ours, const char *theirs)
{
	struct acct_sync_conflict *c;

	r->conflicts = acct_realloc(r->conflicts,
				    (r->nconflicts + 1) * sizeof(*c));
	c = &r->conflicts[r->nconflicts++];
	c->kind = kind;
	c->path = acct_strdup(path);
	c->field = field ? acct_strdup(field) : NULL;
	c->ours = ours ? acct_strdup(ours) : NULL;
	c->theirs = theirs ? acct_strdup(theirs) : NULL;
}

static int blob_text(struct acct_buf *out, git_repository *repo,
		     const git_index_entry *e)
{
	git_blob *blob = NULL;

	if (!e)
		return 0;
	if (git_blob_lookup(&blob, repo, &e->id) < 0)
		return -1;
	acct_buf_add(out, git_blob_rawcontent(blob),
		     (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return 0;
}

static int card_apply(git_merge_driver *self, const char **path_out,
		      uint32_t *mode_out, git_buf *merged_out,
		      const char *filter_name, const git_merge_driver_source *src)
{
	git_repository *repo = git_merge_driver_source_repo(src);
	const git_index_entry *anc = git_merge_driver_source_ancestor(src);
	const git_index_entry *ours = git_merge_driver_source_ours(src);
	const git_index_entry *theirs = git_merge_driver_source_theirs(src);
	struct acct_buf b = ACCT_BUF_INIT, o = ACCT_BUF_INIT, t = ACCT_BUF_INIT;
	struct acct_card_merge m = ACCT_CARD_MERGE_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	const char *path = ours ? ours->path : theirs ? theirs->path : "?";
	int rc;
	size_t i;

	(void)self;
	(void)filter_name;
	if (!ours || !theirs)
		return GIT_PASSTHROUGH;
	if (blob_text(&b, repo, anc) < 0 || blob_text(&o, repo, ours) < 0 ||
	    blob_text(&t, repo, theirs) < 0) {
		rc = GIT_ERROR;
		goto out;
	}
	rc = acct_card_merge(&m, path, b.buf, b.len, o.buf, o.len, t.buf, t.len,
			     &err);
	if (rc == 0) {
		*path_out = ours->path;
		*mode_out = ours->mode;
		rc = git_buf_set(merged_out, m.text.buf, m.text.len) < 0 ?
		     GIT_ERROR : 0;
		goto out;
	}
	if (driver_result) {
		if (rc == 1)
			for (i = 0; i < m.nconflicts; i++)
				acct_sync_add_conflict(driver_result,
					     ACCT_SYNC_FIELD, path,
					     m.conflicts[i].field,
					     m.conflicts[i].ours,
					     m.conflicts[i].theirs);
		else
			acct_sync_add_conflict(driver_result, ACCT_SYNC_FILE,
					       path, NULL, NULL, err.msg);
	}
	rc = GIT_EMERGECONFLICT;
out:
	acct_card_merge_release(&m);
	acct_buf_release(&b);
	acct_buf_release(&o);
	acct_buf_release(&t);
	return rc;
}

static git_merge_driver card_driver = {
	GIT_MERGE_DRIVER_VERSION, NULL, NULL, card_apply,
};

int acct_merge_driver_register(struct acct_error *err)
{
	int rc;

	if (driver_registered)
		return 0;
	rc = git_merge_driver_register("acct-card", &card_driver);
	if (rc < 0 && rc != GIT_EEXISTS)
		return acct_git_error(err, ACCT_ERROR, "cannot register the card "
				      "merge driver");
	driver_registered = 1;
	return 0;
}


/* --- merging ------------------------------------------------------------- */

/* Stage in `t` what turns tree `from` into tree `to`. */
static int stage_diff(struct acct_txn *t, git_repository *repo, git_tree *from,
		      git_tree *to, size_t *files, struct acct_error *err)
{
	git_diff *diff = NULL;
	git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
	size_t i, n;
	int rc = 0;

	if (git_diff_tree_to_tree(&diff, repo, from, to, &opts) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot compare the trees");
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n && !rc; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		if (d->status == GIT_DELTA_DELETED) {
			rc = acct_txn_remove(t, d->old_file.path, err);
		} else {
			git_blob *blob = NULL;

			if (git_blob_lookup(&blob, repo, &d->new_file.id) < 0) {
				rc = acct_git_error(err, ACCT_ERROR, "cannot read "
						    "a merged file");
				break;
			}
			rc = acct_txn_put(t, d->new_file.path,
					  git_blob_rawcontent(blob),
					  (size_t)git_blob_rawsize(blob), 0, err);
			git_blob_free(blob);
		}
		if (rc > 0)
			rc = 0;
	}
	*files = n;
	git_diff_free(diff);
	return rc;
}

/* Merge refs/remotes/<remote>/<branch> into HEAD, under a transaction. */
static int merge_upstream(struct acct_book *book, const char *tracking,
			  const char *label, struct acct_sync_result *r,
			  struct acct_error *err)
{
	git_repository *repo = book->repo;
	struct acct_txn *t = NULL;
	git_reference *ref = NULL;
	git_commit *oc = NULL, *tc = NULL, *bc = NULL;
	git_tree *otree = NULL, *ttree = NULL, *btree = NULL, *mtree = NULL;
	git_index *idx = NULL;
	git_oid theirs, base, tree_id;
	const git_oid *ours;
	git_merge_options mopts = GIT_MERGE_OPTIONS_INIT;
	struct acct_buf msg = ACCT_BUF_INIT;
	int rc;

	r->merge = 0;
	if (git_reference_lookup(&ref, repo, tracking) < 0)
		return 0;	/* nothing there yet: push only */
	git_oid_cpy(&theirs, git_reference_target(ref));
	git_reference_free(ref);
	/*
	 * The merge reads the book inside its transaction, from HEAD as it
	 * is then: a command that committed since the sync began (during
	 * the fetch) is in it, not a change to refuse.
	 */
	book->head_seen_set = 0;
	if ((rc = acct_txn_begin(&t, book, err)) < 0)
		return rc;
	if (!(ours = acct_txn_head(t))) {
		rc = acct_error_set(err, ACCT_ESTATE, "the book has no commit yet");
		goto out;
	}
	if (git_oid_equal(ours, &theirs) ||
	    git_graph_descendant_of(repo, ours, &theirs) == 1)
		goto out;	/* up to date */
	if (git_commit_lookup(&oc, repo, ours) < 0 ||
	    git_commit_lookup(&tc, repo, &theirs) < 0 ||
	    git_commit_tree(&otree, oc) < 0 || git_commit_tree(&ttree, tc) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read the commits");
		goto out;
	}
	if (git_graph_descendant_of(repo, &theirs, ours) == 1) {
		if ((rc = stage_diff(t, repo, otree, ttree, &r->files, err)) < 0)
			goto out;
		acct_buf_addf(&msg, "sync: fast-forward to %s", label);
		if ((rc = acct_txn_fast_forward(t, &theirs, msg.buf, err)) < 0)
			goto out;
		r->merge = 1;
		goto out;
	}
	if (git_merge_base(&base, repo, ours, &theirs) < 0) {
		rc = acct_error_set(err, ACCT_ERROR, "the book and %s have no "
				    "history in common", label);
		acct_error_hint(err, "is the remote another book?");
		goto out;
	}
	if (git_commit_lookup(&bc, repo, &base) < 0 ||
	    git_commit_tree(&btree, bc) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read the merge base");
		goto out;
	}
	if ((rc = acct_merge_driver_register(err)) < 0)
		goto out;
	/*
	 * No rename detection: a new entry that looks like one undone on
	 * this side must not take the other side's edits of that one.
	 */
	mopts.flags = 0;
	driver_result = r;
	rc = git_merge_trees(&idx, repo, btree, otree, ttree, &mopts);
	driver_result = NULL;
	if (rc < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot merge the remote's "
				    "branch");
		goto out;
	}
	/* Also without a conflict: records git merged may need acct. */
	if ((rc = acct_sync_resolve(repo, idx, btree, otree, ttree, r, err)) < 0)
		goto out;	/* the caller says what a conflict means */
	if (git_index_write_tree_to(&tree_id, idx, repo) < 0 ||
	    git_tree_lookup(&mtree, repo, &tree_id) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot write the merged tree");
		goto out;
	}
	if ((rc = stage_diff(t, repo, otree, mtree, &r->files, err)) < 0)
		goto out;
	acct_buf_addf(&msg, "sync: merge %s", label);
	if ((rc = acct_txn_commit_merge(t, msg.buf, &theirs, err)) < 0)
		goto out;
	r->merge = 2;
	rc = 0;
out:
	acct_txn_free(t);
	acct_buf_release(&msg);
	git_index_free(idx);
	git_tree_free(otree);
	git_tree_free(ttree);
	git_tree_free(btree);
	git_tree_free(mtree);
	git_commit_free(oc);
	git_commit_free(tc);
	git_commit_free(bc);
	return rc > 0 ? 0 : rc;
}

/* --- sync ---------------------------------------------------------------- */

/*
 * Changes not committed, named: sync would merge over them. Asked with
 * .git/index.lock held, as a writing command holds it (waiting for one
 * that runs now, up to two seconds): so the files another acct command
 * is writing are never taken for changes by hand, and a "<file>.lock"
 * left by one that was killed is a lock, not a change.
 */
static int check_clean(struct acct_book *book, struct acct_error *err)
{
	git_status_options so = GIT_STATUS_OPTIONS_INIT;
	git_status_list *list = NULL;
	struct acct_buf names = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	size_t i, n, shown = 0, changed = 0;
	int rc;

	if ((rc = acct_txn_begin(&t, book, err)) < 0)
		return rc;
	so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
		   GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		   GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (git_status_list_new(&list, book->repo, &so) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read git status");
		goto out;
	}
	n = git_status_list_entrycount(list);
	for (i = 0; i < n; i++) {
		const git_status_entry *s = git_status_byindex(list, i);
		const git_diff_delta *d = s->index_to_workdir ? s->index_to_workdir
							      : s->head_to_index;
		const char *path = d ? d->new_file.path : "?";
		size_t len = strlen(path);

		if (s->status == GIT_STATUS_WT_NEW && len > 5 &&
		    !strcmp(path + len - 5, ".lock"))
			continue;
		if (changed++ < 10)
			acct_buf_addf(&names, "%s%s", shown++ ? ", " : "", path);
	}
	if (changed) {
		rc = acct_error_set(err, ACCT_ESTATE, "changes not committed: "
				    "%s%s", names.buf, changed > 10 ? ", ..." : "");
		acct_error_hint(err, "commit them with git, or put them back "
				"('git status' shows them), then sync");
	}
out:
	acct_buf_release(&names);
	git_status_list_free(list);
	acct_txn_free(t);
	return rc;
}

static int current_branch(char *out, size_t size, struct acct_book *book,
			  struct acct_error *err)
{
	git_reference *head = NULL;
	const char *name;
	int rc = 0;

	if (git_reference_lookup(&head, book->repo, "HEAD") < 0 ||
	    git_reference_type(head) != GIT_REFERENCE_SYMBOLIC ||
	    strncmp((name = git_reference_symbolic_target(head)), "refs/heads/",
		    11))
		rc = acct_error_set(err, ACCT_ESTATE, "HEAD is not on a branch");
	else
		snprintf(out, size, "%s", name + 11);
	git_reference_free(head);
	return rc;
}

/* The branch of the remote that `branch` follows: branch.<b>.merge. */
static void upstream_of(char *out, size_t size, struct acct_book *book,
			const char *branch)
{
	git_config *cfg = NULL;
	git_buf v = { 0 };
	char key[256];

	snprintf(out, size, "%s", branch);
	snprintf(key, sizeof(key), "branch.%s.merge", branch);
	if (git_repository_config_snapshot(&cfg, book->repo) == 0 &&
	    git_config_get_string_buf(&v, cfg, key) == 0 &&
	    !strncmp(v.ptr, "refs/heads/", 11) && v.ptr[11])
		snprintf(out, size, "%s", v.ptr + 11);
	git_buf_dispose(&v);
	git_config_free(cfg);
}

static void remote_of(char *out, size_t size, struct acct_book *book,
		      const char *branch, const char *given)
{
	git_config *cfg = NULL;
	git_buf v = { 0 };
	char key[256];

	snprintf(out, size, "%s", given ? given : "origin");
	if (given)
		return;
	snprintf(key, sizeof(key), "branch.%s.remote", branch);
	if (git_repository_config_snapshot(&cfg, book->repo) == 0 &&
	    git_config_get_string_buf(&v, cfg, key) == 0 && v.ptr[0] &&
	    strcmp(v.ptr, "."))
		snprintf(out, size, "%s", v.ptr);
	git_buf_dispose(&v);
	git_config_free(cfg);
}

/* "rejected" in git push --porcelain's output: someone pushed first. */
static int push_rejected(const struct acct_buf *out, const struct acct_buf *e)
{
	static const char *const marks[] = {
		"[rejected]", "fetch first", "non-fast-forward", "stale info",
		"failed to update ref", "incorrect old value", "cannot lock ref",
	};
	size_t i;

	for (i = 0; i < sizeof(marks) / sizeof(*marks); i++)
		if (strstr(out->buf, marks[i]) || strstr(e->buf, marks[i]))
			return 1;
	return 0;
}

static int push(struct acct_book *book, const struct acct_sync_opts *o,
		struct acct_sync_result *r, int *rejected, struct acct_error *err)
{
	struct acct_buf out = ACCT_BUF_INIT, e = ACCT_BUF_INIT, spec = ACCT_BUF_INIT;
	const char *args[8];
	size_t n = 0;
	int st, rc = 0;

	acct_buf_addf(&spec, "HEAD:refs/heads/%s", r->upstream);
	args[n++] = "push";
	args[n++] = "--porcelain";	/* --quiet would hide its ref lines */
	args[n++] = o->progress ? "--progress" : "--no-progress";
	args[n++] = r->remote;
	args[n++] = spec.buf;
	args[n] = NULL;
	*rejected = 0;
	st = acct_sync_run_git(book, args, o, &out, &e);
	if (st == 0) {
		r->pushed = !strstr(out.buf, "[up to date]");
	} else if (push_rejected(&out, &e)) {
		*rejected = 1;
	} else {
		if (!e.len)
			acct_buf_add(&e, out.buf, out.len);
		rc = acct_sync_git_failed(err, "push", r->remote, &e, o->batch);
	}
	acct_buf_release(&out);
	acct_buf_release(&e);
	acct_buf_release(&spec);
	return rc;
}

static int fetch(struct acct_book *book, const struct acct_sync_opts *o,
		 struct acct_sync_result *r, struct acct_error *err)
{
	struct acct_buf out = ACCT_BUF_INIT, e = ACCT_BUF_INIT;
	const char *args[] = { "fetch", o->progress ? "--progress" : "--quiet",
			       r->remote, NULL };
	int rc = 0;

	if (acct_sync_run_git(book, args, o, &out, &e) != 0)
		rc = acct_sync_git_failed(err, "fetch", r->remote, &e, o->batch);
	else
		r->fetched = 1;
	acct_buf_release(&out);
	acct_buf_release(&e);
	return rc;
}

/* remote.<name>.url is set (read directly: git_remote_lookup runs regexes). */
static int has_remote(struct acct_book *book, const char *name)
{
	git_config *cfg = NULL;
	git_buf v = { 0 };
	char key[300];
	int ok;

	snprintf(key, sizeof(key), "remote.%s.url", name);
	ok = git_repository_config_snapshot(&cfg, book->repo) == 0 &&
	     git_config_get_string_buf(&v, cfg, key) == 0;
	git_buf_dispose(&v);
	git_config_free(cfg);
	return ok;
}

/*
 * What to do about each kind of conflict: never `git pull`, which would
 * write conflict markers into the records acct resolves itself.
 */
static void conflict_hint(struct acct_error *err, struct acct_book *book,
			  const struct acct_sync_result *r, const char *label,
			  const char *state)
{
	struct acct_buf h = ACCT_BUF_INIT;
	const char *path[4] = { NULL, NULL, NULL, NULL };
	size_t i;

	for (i = 0; i < r->nconflicts; i++)
		if (!path[r->conflicts[i].kind])
			path[r->conflicts[i].kind] = r->conflicts[i].path;
	acct_buf_addstr(&h, state);
	if (path[ACCT_SYNC_FIELD])
		acct_buf_addstr(&h, _("; a card field: set the value to keep "
				      "here with 'acct client set <client> <field> "
				      "<value>' (the value from there merges at "
				      "once; to keep this one, set theirs, sync, "
				      "then set it again)"));
	if (path[ACCT_SYNC_ANSWER])
		acct_buf_addf(&h, _("; an answer has one score: take this "
				    "clone's out with 'git -C %s rm %s' and 'git "
				    "-C %s commit', sync, then correct the score "
				    "if it was theirs that was wrong"), book->root,
			      path[ACCT_SYNC_ANSWER], book->root);
	for (i = ACCT_SYNC_FILE; i <= ACCT_SYNC_RECORD; i += ACCT_SYNC_RECORD -
	     ACCT_SYNC_FILE) {
		if (!path[i] || (i == ACCT_SYNC_RECORD && path[ACCT_SYNC_FILE]))
			continue;
		acct_buf_addf(&h, _("; a file: take their version with 'git "
				    "-C %s checkout %s -- %s' (or 'git -C %s rm' "
				    "it where they removed it) and 'git -C %s "
				    "commit', sync, then make this clone's change "
				    "again ('git -C %s show HEAD~1:%s' shows it)"),
			      book->root, label,
			      path[i], book->root, book->root, book->root,
			      path[i]);
	}
	acct_error_hint(err, "%s", h.buf);
	acct_buf_release(&h);
}

/*
 * Put the book back where the sync found it, `start`, when HEAD is still
 * the commit an earlier round made (`made`), nothing of the user's on
 * top. Returns 1 when it was put back, 0 when it was left, or an error.
 */
static int roll_back(struct acct_book *book, const git_oid *start,
		     const git_oid *made, struct acct_error *err)
{
	struct acct_txn *t = NULL;
	git_commit *hc = NULL, *sc = NULL;
	git_tree *htree = NULL, *stree = NULL;
	const git_oid *head;
	size_t files;
	int rc;

	book->head_seen_set = 0;	/* read inside the transaction */
	if ((rc = acct_txn_begin(&t, book, err)) < 0)
		return rc;
	head = acct_txn_head(t);
	if (!head || !git_oid_equal(head, made) || git_oid_equal(head, start)) {
		rc = 0;
		goto out;
	}
	if (git_commit_lookup(&hc, book->repo, head) < 0 ||
	    git_commit_lookup(&sc, book->repo, start) < 0 ||
	    git_commit_tree(&htree, hc) < 0 || git_commit_tree(&stree, sc) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read the commits");
		goto out;
	}
	if ((rc = stage_diff(t, book->repo, htree, stree, &files, err)) < 0 ||
	    (rc = acct_txn_fast_forward(t, start, "sync: back to where it "
					"started", err)) < 0)
		goto out;
	rc = 1;
out:
	git_tree_free(htree);
	git_tree_free(stree);
	git_commit_free(hc);
	git_commit_free(sc);
	acct_txn_free(t);
	return rc;
}

static int head_id(git_oid *out, struct acct_book *book)
{
	return git_reference_name_to_id(out, book->repo, "HEAD") == 0;
}

static int sync_rounds(struct acct_book *book, const struct acct_sync_opts *o,
		       struct acct_sync_result *r, struct acct_error *err)
{
	char tracking[300], label[300];
	int tries = o->tries > 0 ? o->tries : 4, rejected = 0, rc = 0;
	git_oid start, made;
	int born = head_id(&start, book);

	snprintf(tracking, sizeof(tracking), "refs/remotes/%s/%s", r->remote,
		 r->upstream);
	snprintf(label, sizeof(label), "%s/%s", r->remote, r->upstream);
	git_oid_cpy(&made, &start);
	for (r->rounds = 1; r->rounds <= tries; r->rounds++) {
		int merged;

		if ((rc = fetch(book, o, r, err)) < 0)
			return rc;
		if ((rc = merge_upstream(book, tracking, label, r, err)) < 0)
			break;
		merged = r->merge;
		if (merged)
			head_id(&made, book);
		if ((rc = push(book, o, r, &rejected, err)) < 0)
			return rc;
		if (!rejected) {
			r->merge = merged;
			return 0;
		}
	}
	if (r->rounds > tries) {
		r->rounds = tries;
		rc = acct_error_set(err, ACCT_ERROR, "%s kept moving: the push "
				    "was rejected %d times", label, tries);
		acct_error_hint(err, "others are pushing right now; run acct "
				"sync again in a moment (what was merged here "
				"is kept)");
		return rc;
	}
	/*
	 * The merge failed. After a round whose push lost a race, what that
	 * round merged goes again, so that the book is as it was.
	 */
	{
		struct acct_error e2 = ACCT_ERROR_INIT;
		const char *state = _("nothing was changed here");
		char hex[GIT_OID_HEXSZ + 1];
		struct acct_buf kept = ACCT_BUF_INIT;
		int back = 0;

		if (born && !git_oid_equal(&made, &start) &&
		    (back = roll_back(book, &start, &made, &e2)) == 0) {
			git_oid_tostr(hex, sizeof(hex), &made);
			acct_buf_addf(&kept, _("the book keeps what an earlier "
					      "round merged (commit %.12s), with "
					      "later commits on it"), hex);
			state = kept.buf;
		} else if (back < 0) {
			acct_buf_addf(&kept, _("the book keeps what an earlier "
					      "round merged: %s"), e2.msg);
			state = kept.buf;
		}
		if (rc == ACCT_ECONFLICT && r->nconflicts) {
			if (r->nconflicts == 1)
				acct_error_set(err, ACCT_ECONFLICT, "%s and this "
					       "book changed the same thing",
					       label);
			else
				acct_error_set(err, ACCT_ECONFLICT, "%s and this "
					       "book changed the same things",
					       label);
			conflict_hint(err, book, r, label, state);
		}
		acct_error_clear(&e2);
		acct_buf_release(&kept);
	}
	return rc;
}

int acct_sync(struct acct_book *book, const struct acct_sync_opts *o,
	      struct acct_sync_result *r, struct acct_error *err)
{
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = current_branch(r->branch, sizeof(r->branch), book, err)) < 0 ||
	    (rc = check_clean(book, err)) < 0)
		return rc;
	remote_of(r->remote, sizeof(r->remote), book, r->branch, o->remote);
	upstream_of(r->upstream, sizeof(r->upstream), book, r->branch);
	if (!has_remote(book, r->remote)) {
		rc = acct_error_set(err, ACCT_ESTATE, "the book has no remote "
				    "'%s'", r->remote);
		acct_error_hint(err, "add one: acct sync --set-remote URL (a bare "
				"repository over ssh, Gitea, GitLab, GitHub ...)");
		return rc;
	}
	if ((rc = acct_merge_driver_configure(book, err)) < 0)
		return rc;
	return sync_rounds(book, o, r, err);
}

int acct_sync_set_remote(struct acct_book *book, const char *url,
			 const struct acct_sync_opts *o,
			 struct acct_sync_result *r, struct acct_error *err)
{
	git_remote *remote = NULL;
	git_config *cfg = NULL;
	char key[300], merge[300];
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = current_branch(r->branch, sizeof(r->branch), book, err)) < 0 ||
	    (rc = check_clean(book, err)) < 0)
		return rc;
	snprintf(r->remote, sizeof(r->remote), "origin");
	snprintf(r->upstream, sizeof(r->upstream), "%s", r->branch);
	if (has_remote(book, "origin")) {
		rc = acct_error_set(err, ACCT_EEXISTS, "the book has a remote "
				    "'origin' already");
		acct_error_hint(err, "change it with 'git remote set-url origin "
				"URL', then acct sync");
		return rc;
	}
	if (!*url || url[0] == '-')
		return acct_error_set(err, ACCT_EUSAGE, "'%s' is not a URL", url);
	if (git_remote_create(&remote, book->repo, "origin", url) < 0)
		return acct_git_error(err, ACCT_EUSAGE, "cannot add the remote");
	git_remote_free(remote);
	snprintf(key, sizeof(key), "branch.%s.remote", r->branch);
	snprintf(merge, sizeof(merge), "refs/heads/%s", r->branch);
	if (git_repository_config(&cfg, book->repo) < 0 ||
	    git_config_set_string(cfg, key, "origin") < 0 ||
	    (snprintf(key, sizeof(key), "branch.%s.merge", r->branch),
	     git_config_set_string(cfg, key, merge)) < 0) {
		git_config_free(cfg);
		git_remote_delete(book->repo, "origin");
		return acct_git_error(err, ACCT_ERROR, "cannot set the upstream");
	}
	git_config_free(cfg);
	if ((rc = acct_merge_driver_configure(book, err)) < 0 ||
	    (rc = sync_rounds(book, o, r, err)) < 0) {
		/* Leave no half set-up remote behind. */
		struct acct_error ignore = ACCT_ERROR_INIT;

		git_remote_delete(book->repo, "origin");
		(void)ignore;
		return rc;
	}
	return 0;
}

void acct_sync_result_release(struct acct_sync_result *r)
{
	size_t i;

	for (i = 0; i < r->nrenamed; i++)
		free(r->renamed[i]);
	free(r->renamed);
	for (i = 0; i < r->nconflicts; i++) {
		free(r->conflicts[i].path);
		free(r->conflicts[i].field);
		free(r->conflicts[i].ours);
		free(r->conflicts[i].theirs);
	}
	free(r->conflicts);
	memset(r, 0, sizeof(*r));
}
