#include "txn_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/repository.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/journal.h"
#include "acct/lock.h"
#include "acct/recover.h"
#include "acct/gitconfig.h"
#include "acct/index.h"
#include "acct/worktree.h"
#include "acct/banned.h"

/*
 * The tree of the commit the book was opened at, when HEAD has moved
 * since (another process committed while this command read the book).
 */
static void read_seen(struct acct_txn *t)
{
	const struct acct_book *book = t->book;
	git_commit *c = NULL;
	git_oid seen;

	if (!book->head_seen_set)
		return;
	if (!book->head_seen[0]) {
		t->seen_moved = !t->unborn;	/* the first commit came */
		return;
	}
	if (git_oid_fromstr(&seen, book->head_seen) < 0 ||
	    (!t->unborn && git_oid_equal(&seen, &t->head)))
		return;
	if (git_commit_lookup(&c, t->repo, &seen) == 0 &&
	    git_commit_tree(&t->seen_tree, c) == 0)
		t->seen_moved = 1;
	git_commit_free(c);
	git_error_clear();
}

/*
 * Whether `path` (a file or a folder) is not as it was when the book was
 * opened: then what this command read of it is not the text in git, and
 * writing it back would undo the other change.
 */
static int changed_since(struct acct_txn *t, const char *path)
{
	git_tree_entry *a = NULL, *b = NULL;
	int was, is, changed;

	if (!t->seen_moved)
		return 0;
	was = t->seen_tree && git_tree_entry_bypath(&a, t->seen_tree, path) == 0;
	is = t->head_tree && git_tree_entry_bypath(&b, t->head_tree, path) == 0;
	changed = was != is ||
		(was && !git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)));
	git_tree_entry_free(a);
	git_tree_entry_free(b);
	git_error_clear();
	return changed;
}

static int refuse_changed(const char *path, struct acct_error *err)
{
	acct_error_set(err, ACCT_ECONFLICT, "'%s' was changed by another "
		       "command while this one ran", path);
	acct_error_hint(err, "nothing was changed; run the command again");
	return ACCT_ECONFLICT;
}

static int read_head(struct acct_txn *t, struct acct_error *err)
{
	int rc = git_reference_name_to_id(&t->head, t->repo, t->branch);

	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		t->unborn = 1;
		return 0;
	}
	if (rc < 0 ||
	    git_commit_lookup(&t->head_commit, t->repo, &t->head) < 0 ||
	    git_commit_tree(&t->head_tree, t->head_commit) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read HEAD's commit");
	return 0;
}

/* Whether a journal is there (or cannot be looked at: recover() says). */
static int journal_there(struct acct_txn *t)
{
	struct acct_buf path = ACCT_BUF_INIT;
	struct stat st;
	int there;

	acct_journal_path(&path, t->book, "journal");
	there = lstat(path.buf, &st) == 0 || errno != ENOENT;
	acct_buf_release(&path);
	return there;
}

/*
 * A change that a killed acct left halfway (its journal is there): put
 * the work tree and the index in step with the branch, and commit that
 * index. Sets `*found` when there was one.
 */
static int recover(struct acct_txn *t, int *found, struct acct_error *err)
{
	int rc;

	*found = 0;
	if (!t->index)
		return 0;	/* no journal: the index is read in place */
	/* Putting the book right is not to be cut in half either. */
	acct_signals_defer();
	if ((rc = acct_journal_recover(t->book, t->index, found, err)) == 0 &&
	    *found &&
	    (rc = acct_txn_put_index(t, err)) == 0 &&
	    (rc = acct_lock_commit(&t->index_lock, err)) == 0)
		acct_journal_remove(t->book);
	acct_signals_resume();
	if (rc < 0 && !err->hint[0])
		acct_error_hint(err, "an acct command that was stopped left a "
				"change half made ('.git/acct/journal'); fix the "
				"cause and run acct again to finish putting the "
				"book right");
	return rc;
}

static int begin(struct acct_txn **out, struct acct_book *book, int *recovered,
		 struct acct_error *err)
{
	struct acct_txn *t = acct_calloc(1, sizeof(*t));
	struct acct_buf path = ACCT_BUF_INIT;
	int rc;

	*out = NULL;
	t->book = book;
	t->repo = book->repo;
	t->index_lock = (struct acct_lock)ACCT_LOCK_INIT;
	book->nosync = acct_fsync_none(book);
	acct_buf_addf(&path, "%sindex", git_repository_path(t->repo));
	if ((rc = acct_git_branch(&t->branch, t->repo, err)) < 0 ||
	    (rc = acct_lock_hold(&t->index_lock, path.buf, ".git/index",
				 ACCT_LOCK_RETRY | ACCT_LOCK_PID |
				 ACCT_LOCK_NOSYNC, err)) < 0 ||
	    (rc = acct_lock_close(&t->index_lock, 0, err)) < 0 ||
	    (rc = read_head(t, err)) < 0 ||
	    (read_seen(t), 0) ||
	    (rc = acct_txn_open_index(t, journal_there(t), err)) < 0 ||
	    (rc = recover(t, recovered, err)) < 0 || *recovered) {
		acct_buf_release(&path);
		acct_txn_free(t);
		return rc;
	}
	acct_buf_release(&path);
	*out = t;
	return 0;
}

/*
 * A failure before anything was put in place (a full disk, an I/O error)
 * says so, when nothing more particular was said.
 */
static int nothing_changed(int rc, struct acct_error *err)
{
	if (rc < 0 && err && !err->hint[0])
		acct_error_hint(err, "nothing was changed; fix the cause and run "
				"the command again");
	return rc;
}

int acct_txn_begin(struct acct_txn **out, struct acct_book *book,
		   struct acct_error *err)
{
	int rc, recovered = 0;

	/* After a recovery, start again on the index it made. */
	if ((rc = begin(out, book, &recovered, err)) < 0 ||
	    (recovered && (rc = begin(out, book, &recovered, err)) < 0))
		return nothing_changed(rc, err);
	if (recovered) {
		acct_txn_free(*out);
		*out = NULL;
		return acct_error_set(err, ACCT_ERROR, "'.git/acct/journal' "
				      "came back after a recovery");
	}
	/*
	 * A clone made with plain git lacks the card merge driver in its
	 * .git/config: any writing command puts it there (best effort: a
	 * read-only config only means git pull merges cards by lines).
	 */
	{
		struct acct_error ignore = ACCT_ERROR_INIT;

		/* libgit2 writes .git/config by its own config.lock. */
		acct_signals_defer();
		acct_merge_driver_configure(book, &ignore);
		acct_signals_resume();
	}
	return 0;
}

static int dirty(const char *rel, const char *why, struct acct_error *err)
{
	acct_error_set(err, ACCT_ESTATE, "'%s' %s", rel, why);
	acct_error_hint(err, "commit or discard the change by hand first "
			"(git status; git diff -- '%s'), then run acct again",
			rel);
	return ACCT_ESTATE;
}

/*
 * For a path under a folder this change moves, the path it had in HEAD
 * (built in `buf`); otherwise the path itself.
 */
static const char *moved_from(struct acct_txn *t, const char *path,
			      struct acct_buf *buf)
{
	size_t i;

	for (i = 0; i < t->nmoves; i++) {
		size_t n = strlen(t->moves[i].to);

		if (!strncmp(path, t->moves[i].to, n) && path[n] == '/') {
			acct_buf_reset(buf);
			acct_buf_addf(buf, "%s%s", t->moves[i].from, path + n);
			return buf->buf;
		}
	}
	return path;
}

/*
 * The path as HEAD, the index and the work tree have it: a change by hand
 * anywhere is refused, so acct never overwrites or commits someone's work.
 */
static int check_clean(struct acct_txn *t, struct change *c, unsigned flags,
		       struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT, data = ACCT_BUF_INIT, hp = ACCT_BUF_INIT;
	struct stat st;
	git_oid staged;
	int ie, in_work, rc = 0;
	size_t stage;

	const char *head_path = moved_from(t, c->path, &hp);

	switch (acct_txn_head_entry(t, head_path, &c->old)) {
	case 2:
		rc = dirty(c->path, "is a folder in git, not a file", err);
		goto out;
	case 1:
		c->had_old = 1;
		break;
	default:
		break;
	}
	if (head_path != c->path) {
		/* Under a folder being moved: the move checked it all. */
		if (flags & ACCT_TXN_NEW && c->had_old)
			rc = acct_error_set(err, ACCT_EEXISTS, "'%s' exists", c->path);
		goto out;
	}
	for (stage = 1; stage <= 3; stage++)
		if (acct_txn_indexed(t, c->path, (int)stage, NULL)) {
			rc = dirty(c->path, "has an unresolved conflict", err);
			goto out;
		}
	ie = acct_txn_indexed(t, c->path, 0, &staged);
	acct_book_path(&abs, t->book, c->path);
	in_work = lstat(abs.buf, &st) == 0;
	if (flags & ACCT_TXN_NEW) {
		if (c->had_old)
			rc = acct_error_set(err, ACCT_EEXISTS, "'%s' exists",
					    c->path);
		else if (ie)
			rc = dirty(c->path, "is staged but not committed", err);
		else if (in_work)
			rc = dirty(c->path, "exists but is not committed", err);
		goto out;
	}
	if (!c->had_old) {
		if (ie)
			rc = dirty(c->path, "is staged but not committed", err);
		else if (in_work)
			rc = dirty(c->path, "exists but is not committed", err);
		goto out;
	}
	if (!ie || !git_oid_equal(&staged, &c->old)) {
		rc = dirty(c->path, "has changes staged but not committed", err);
		goto out;
	}
	if (!in_work) {
		rc = dirty(c->path, "was deleted but not committed", err);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = dirty(c->path, "is not a regular file", err);
		goto out;
	}
	if (acct_buf_read_file(&data, abs.buf) < 0) {
		rc = acct_error_set(err, ACCT_ERROR, "cannot read '%s': %s",
				    c->path, strerror(errno));
	} else {
		git_oid now;

		if (git_odb_hash(&now, data.buf, data.len, GIT_OBJECT_BLOB) < 0)
			rc = acct_git_error(err, ACCT_ERROR, "cannot hash a file");
		else if (!git_oid_equal(&now, &c->old))
			rc = dirty(c->path, "has changes not committed", err);
	}
out:
	acct_buf_release(&abs);
	acct_buf_release(&data);
	acct_buf_release(&hp);
	return rc;
}

struct walk_state {
	struct acct_txn *t;
	const char *from;
	long blobs;
	int dirty;
	struct acct_buf path;	/* the first file that is not as HEAD has it */
};

static int walk_blob(const char *root, const git_tree_entry *e, void *payload)
{
	struct walk_state *w = payload;
	struct acct_buf rel = ACCT_BUF_INIT, abs = ACCT_BUF_INIT, data = ACCT_BUF_INIT;
	const git_index_entry *ie;
	git_oid now;

	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	w->blobs++;
	acct_buf_addf(&rel, "%s/%s%s", w->from, root, git_tree_entry_name(e));
	ie = git_index_get_bypath(w->t->index, rel.buf, 0);
	acct_book_path(&abs, w->t->book, rel.buf);
	if (!ie || !git_oid_equal(&ie->id, git_tree_entry_id(e)) ||
	    acct_buf_read_file(&data, abs.buf) < 0 ||
	    git_odb_hash(&now, data.buf, data.len, GIT_OBJECT_BLOB) < 0 ||
	    !git_oid_equal(&now, git_tree_entry_id(e))) {
		w->dirty = 1;
		acct_buf_addstr(&w->path, rel.buf);
	}
	acct_buf_release(&rel);
	acct_buf_release(&abs);
	acct_buf_release(&data);
	return w->dirty ? -1 : 0;
}

int acct_txn_move(struct acct_txn *t, const char *from, const char *to,
		  struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT, prefix = ACCT_BUF_INIT;
	git_tree_entry *te = NULL;
	git_tree *sub = NULL;
	struct walk_state w = { t, from, 0, 0, ACCT_BUF_INIT };
	struct acct_buf extra = ACCT_BUF_INIT;
	struct stat st;
	size_t indexed = 0;
	struct move *m;
	int rc = 0;

	if (!acct_wt_path_ok(from) || !acct_wt_path_ok(to))
		return acct_error_set(err, ACCT_ERROR, "'%s' is not a path acct "
				      "writes", acct_wt_path_ok(from) ? to : from);
	/* A move is libgit2's to index (rare: client rename --slug). */
	if ((rc = acct_wt_check_links(t->book, from, err)) < 0 ||
	    (rc = acct_wt_check_links(t->book, to, err)) < 0 ||
	    (rc = acct_txn_git_index(t, err)) < 0)
		return rc;
	if (!t->head_tree ||
	    git_tree_entry_bypath(&te, t->head_tree, from) < 0 ||
	    git_tree_entry_type(te) != GIT_OBJECT_TREE) {
		git_tree_entry_free(te);
		git_error_clear();
		return dirty(from, "is not a folder committed in git", err);
	}
	acct_book_path(&abs, t->book, to);
	if (lstat(abs.buf, &st) == 0 ||
	    git_tree_entry_bypath(&te, t->head_tree, to) == 0) {
		rc = acct_error_set(err, ACCT_EEXISTS, "'%s' exists", to);
		goto out;
	}
	git_error_clear();
	acct_buf_addf(&prefix, "%s/", to);
	if (acct_txn_indexed_below(t, prefix.buf)) {
		rc = acct_error_set(err, ACCT_EEXISTS, "'%s' exists in the index",
				    to);
		goto out;
	}
	/* Every file of the folder as HEAD has it: nothing by hand. */
	if (git_tree_lookup(&sub, t->repo, git_tree_entry_id(te)) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read a tree");
		goto out;
	}
	git_tree_walk(sub, GIT_TREEWALK_PRE, walk_blob, &w);
	git_error_clear();
	acct_buf_reset(&prefix);
	acct_buf_addf(&prefix, "%s/", from);
	indexed = acct_txn_indexed_below(t, prefix.buf);
	if (w.dirty) {
		rc = dirty(w.path.buf, "has changes not committed", err);
		goto out;
	}
	if (acct_wt_untracked(&extra, t->book, t->index, from) != 0) {
		rc = dirty(extra.len ? extra.buf : from, "is not committed", err);
		goto out;
	}
	if ((long)indexed != w.blobs) {
		rc = dirty(from, "has files staged but not committed", err);
		goto out;
	}
	if (changed_since(t, from)) {
		rc = refuse_changed(from, err);
		goto out;
	}
	t->moves = acct_realloc(t->moves, (t->nmoves + 1) * sizeof(*t->moves));
	m = &t->moves[t->nmoves++];
	memset(m, 0, sizeof(*m));
	m->from = acct_strdup(from);
	m->to = acct_strdup(to);
	git_oid_cpy(&m->tree, git_tree_entry_id(te));
out:
	git_tree_free(sub);
	git_tree_entry_free(te);
	acct_buf_release(&abs);
	acct_buf_release(&prefix);
	acct_buf_release(&w.path);
	acct_buf_release(&extra);
	return rc;
}

/* FNV-1a: the changes by path, so that ten thousand puts stay cheap. */
static size_t path_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * (size_t)1099511628211ULL;
	return h;
}

static size_t *path_slot(struct acct_txn *t, const char *path)
{
	size_t i = path_hash(path) & (t->nslots - 1);

	while (t->slots[i] && strcmp(t->changes[t->slots[i] - 1].path, path))
		i = (i + 1) & (t->nslots - 1);
	return &t->slots[i];
}

/* Add the last change to the table, growing it to stay half empty. */
static void path_add(struct acct_txn *t)
{
	size_t i;

	if (2 * t->nchanges >= t->nslots) {
		free(t->slots);
		t->nslots = t->nslots ? 2 * t->nslots : 16;
		t->slots = acct_calloc(t->nslots, sizeof(*t->slots));
		for (i = 0; i + 1 < t->nchanges; i++)
			*path_slot(t, t->changes[i].path) = i + 1;
	}
	*path_slot(t, t->changes[t->nchanges - 1].path) = t->nchanges;
}

static int stage(struct acct_txn *t, const char *path, const void *data,
		 size_t len, unsigned flags, int remove, struct acct_error *err)
{
	struct change *c;
	int rc;

	if (!acct_wt_path_ok(path))
		return acct_error_set(err, ACCT_ERROR,
				      "'%s' is not a path acct writes", path);
	if (t->nslots && *path_slot(t, path))
		return acct_error_set(err, ACCT_EEXISTS,
				      "'%s' is written twice", path);
	if ((rc = acct_wt_check_links(t->book, path, err)) < 0)
		return rc;
	if (t->nchanges == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 4;
		t->changes = acct_realloc(t->changes,
					  t->alloc * sizeof(*t->changes));
	}
	c = &t->changes[t->nchanges];
	memset(c, 0, sizeof(*c));
	c->path = acct_strdup(path);
	if ((rc = check_clean(t, c, flags, err)) < 0)
		goto fail;
	{
		struct acct_buf hp = ACCT_BUF_INIT;

		if (changed_since(t, moved_from(t, path, &hp)))
			rc = refuse_changed(path, err);
		acct_buf_release(&hp);
		if (rc < 0)
			goto fail;
	}
	if (remove && !c->had_old) {
		rc = acct_error_set(err, ACCT_ENOTFOUND, "'%s' is not in git",
				    path);
		goto fail;
	}
	c->remove = remove;
	/*
	 * libgit2 writes an object by a temporary file we cannot register:
	 * a signal waits until it is done.
	 */
	acct_signals_defer();
	if (!remove &&
	    git_blob_create_from_buffer(&c->blob, t->repo, data, len) < 0)
		rc = acct_git_error(err, ACCT_ERROR, "cannot store a file in git");
	acct_signals_resume();
	if (rc < 0)
		goto fail;
	c->data = acct_malloc(len + 1);
	memcpy(c->data, data, len);
	c->len = len;
	t->nchanges++;
	path_add(t);
	return 0;
fail:
	free(c->path);
	return rc;
}

int acct_txn_put(struct acct_txn *t, const char *path, const void *data,
		 size_t len, unsigned flags, struct acct_error *err)
{
	int rc = stage(t, path, data, len, flags, 0, err);

	return rc == ACCT_ERROR ? nothing_changed(rc, err) : rc;
}

int acct_txn_remove(struct acct_txn *t, const char *path,
		    struct acct_error *err)
{
	int rc = stage(t, path, "", 0, 0, 1, err);

	return rc == ACCT_ERROR ? nothing_changed(rc, err) : rc;
}

static int build_tree(git_tree **out, struct acct_txn *t,
		      struct acct_tree_folders *folders, struct acct_error *err)
{
	struct acct_tree_op *ops;
	size_t i, n = 0;
	int rc;

	ops = acct_calloc(2 * t->nmoves + t->nchanges + 1, sizeof(*ops));
	for (i = 0; i < t->nmoves; i++) {
		ops[n++] = (struct acct_tree_op){ t->moves[i].from, NULL, 0 };
		ops[n++] = (struct acct_tree_op){ t->moves[i].to, &t->moves[i].tree,
						  GIT_FILEMODE_TREE };
	}
	for (i = 0; i < t->nchanges; i++)
		ops[n++] = (struct acct_tree_op){ t->changes[i].path,
			t->changes[i].remove ? NULL : &t->changes[i].blob,
			GIT_FILEMODE_BLOB };
	/*
	 * An index that is HEAD, cache tree and all: the new trees from it,
	 * as git commit makes them, with no tree of HEAD read; else (or
	 * when its cache tree cannot say) libgit2's treebuilders on HEAD.
	 */
	rc = 1;
	if (folders && !t->nmoves) {
		git_oid root;

		rc = acct_index_build_tree(&root, t->fast, t->repo, ops, n,
					   folders, err);
		if (rc == 0 && git_tree_lookup(out, t->repo, &root) < 0)
			rc = acct_git_error(err, ACCT_ERROR, "cannot read a tree");
	}
	if (rc > 0)
		rc = acct_tree_build(out, t->repo, t->head_tree, ops, n,
				     folders, err);
	free(ops);
	return rc;
}

static int move_branch(struct acct_txn *t, const git_oid *id,
		       const char *message, struct acct_error *err)
{
	struct acct_buf log = ACCT_BUF_INIT;
	const char *nl = strchr(message, '\n');
	int rc;

	acct_buf_addf(&log, "commit%s: %.*s", t->unborn ? " (initial)" : "",
		      nl ? (int)(nl - message) : (int)strlen(message), message);
	rc = acct_branch_update(t->repo, t->branch, id,
				t->unborn ? NULL : &t->head, log.buf, err);
	acct_buf_release(&log);
	return rc;
}

/* The commit made, named for the user: "1a2b3c4 (log acme: X)". */
static void commit_name(struct acct_buf *out, const git_oid *id,
			const char *message)
{
	char hex[8];
	const char *nl = strchr(message, '\n');

	git_oid_tostr(hex, sizeof(hex), id);
	acct_buf_addf(out, "%s (%.*s)", hex,
		      nl ? (int)(nl - message) : (int)strlen(message), message);
}

/*
 * The branch moved but the index could not follow: move the branch back
 * (if nobody moved it since) and the undo goes on; else the change stays
 * made, and the message says what is missing and what repairs it.
 */
static int branch_back(struct acct_txn *t, const git_oid *commit,
		       const char *message, struct acct_error *err)
{
	struct acct_error back = ACCT_ERROR_INIT;
	struct acct_buf name = ACCT_BUF_INIT, first = ACCT_BUF_INIT;

	if (acct_branch_update(t->repo, t->branch, t->unborn ? NULL : &t->head,
			       commit, "acct: undo, the index could not be "
			       "written", &back) == 0)
		return 0;
	commit_name(&name, commit, message);
	acct_buf_addf(&first, "%s", err->msg);
	acct_error_set(err, ACCT_ERROR, "%s; moving the branch back failed "
		       "too: %s", first.buf, back.msg);
	acct_error_hint(err, "the commit %s was made and its files are in "
			"place, but git's index was not updated: run 'git "
			"reset' in the book (any acct command that writes "
			"does it too)", name.buf);
	acct_buf_release(&name);
	acct_buf_release(&first);
	return ACCT_ERROR;
}

/*
 * Put the change in place: the files, the index, the branch, the index
 * again. Whatever fails, what was done is undone, with the signals held
 * back from the first rename to the end, so that the book ends as it was
 * or with the whole change. Returns 0 or an error code.
 */
static int put_in_place(struct acct_txn *t, const git_oid *commit,
			const char *message, struct acct_error *err)
{
	struct acct_error undo = ACCT_ERROR_INIT;
	const char *stuck = NULL;
	size_t i;
	int rc;

	t->wt = acct_wt_new(t->book);
	for (i = 0; i < t->nmoves; i++)
		acct_wt_move(t->wt, t->moves[i].from, t->moves[i].to,
			     &t->moves[i].tree);
	for (i = 0; i < t->nchanges; i++) {
		const struct change *c = &t->changes[i];

		acct_wt_put(t->wt, c->path, c->remove ? NULL : c->data, c->len,
			    &c->blob, c->had_old ? &c->old : NULL);
	}
	/* Until the renames, a failure or a signal takes it all back. */
	if ((rc = acct_wt_prepare(t->wt, t->branch, t->unborn ? NULL : &t->head,
				  commit, err)) < 0)
		return rc;
	acct_signals_defer();
	if ((rc = acct_wt_apply(t->wt, err)) < 0 ||
	    (rc = acct_txn_update_index(t, err)) < 0 ||
	    (rc = move_branch(t, commit, message, err)) < 0)
		goto undo;
	if ((rc = acct_lock_commit(&t->index_lock, err)) < 0) {
		if (branch_back(t, commit, message, err) < 0) {
			/* Made, but for the index: the journal finishes it. */
			acct_wt_keep(t->wt);
			t->committed = 1;
			git_oid_cpy(&t->commit, commit);
			goto out;
		}
		goto undo;
	}
	t->committed = 1;
	git_oid_cpy(&t->commit, commit);
	acct_wt_done(t->wt);
	/* What this process reads next is its own commit. */
	git_oid_tostr(t->book->head_seen, sizeof(t->book->head_seen), commit);
	goto out;
undo:
	if (acct_wt_undo(t->wt, &stuck, &undo) < 0) {
		struct acct_buf first = ACCT_BUF_INIT;

		acct_buf_addstr(&first, err->msg);
		acct_error_set(err, ACCT_ERROR, "%s; putting the files back "
			       "failed too: %s", first.buf, undo.msg);
		acct_buf_release(&first);
		acct_error_hint(err, "the branch and the index are as they "
				"were, but '%s' (and maybe others: git status) "
				"still has the new text: run any acct command "
				"that writes to put them back, or "
				"'git checkout -- %s' if git has it", stuck, stuck);
	} else if (!err->hint[0]) {
		acct_error_hint(err, "nothing was changed; fix the cause and "
				"run the command again");
	}
out:
	acct_signals_resume();
	return rc;
}

/*
 * Commit the staged change: a new commit with `message` on HEAD (and
 * `merge` as a second parent when not NULL), or, with `ff`, no new commit
 * but the branch moved to `ff`, whose tree the change must produce.
 */
static int finish(struct acct_txn *t, const char *message, const git_oid *merge,
		  const git_oid *ff, struct acct_error *err)
{
	struct acct_buf msg = ACCT_BUF_INIT;
	struct acct_tree_folders folders = ACCT_TREE_FOLDERS_INIT;
	const git_commit *parents[2];
	size_t i;
	git_commit *other = NULL;
	git_tree *tree = NULL;
	git_oid commit;
	int rc;

	/* libgit2's temporary objects are not ours to remove (see stage()). */
	acct_signals_defer();
	rc = build_tree(&tree, t, t->fast && t->mirror ? &folders : NULL, err);
	acct_signals_resume();
	if (rc < 0)
		goto out;
	/*
	 * The index was HEAD and becomes the new tree: its cache tree keeps
	 * the folders written valid, so that the next command finds HEAD
	 * in it again (and git commit, git status theirs).
	 */
	for (i = 0; i < folders.n; i++) {
		git_oid id;

		git_oid_fromraw(&id, folders.v[i].id);
		acct_index_tree_keep(t->fast, folders.v[i].path, &id);
	}
	if (ff) {
		git_commit *target = NULL;

		rc = git_commit_lookup(&target, t->repo, ff);
		if (rc == 0 && !git_oid_equal(git_commit_tree_id(target),
					      git_tree_id(tree)))
			rc = acct_error_set(err, ACCT_ERROR, "cannot fast-forward: "
					    "the other side has files acct "
					    "does not write (links, modes)");
		else if (rc < 0)
			rc = acct_git_error(err, ACCT_ERROR, "cannot read the "
					    "commit to fast-forward to");
		git_commit_free(target);
		if (rc < 0)
			goto out;
		git_oid_cpy(&commit, ff);
		goto write;
	}
	if (!merge && t->head_tree &&
	    git_oid_equal(git_tree_id(tree), git_tree_id(t->head_tree))) {
		rc = 1;
		goto out;
	}
	parents[0] = t->head_commit;
	if (merge) {
		if (git_commit_lookup(&other, t->repo, merge) < 0) {
			rc = acct_git_error(err, ACCT_ERROR, "cannot read the "
					    "commit to merge");
			goto out;
		}
		parents[1] = other;
	}
	acct_commit_message(&msg, message);
	acct_signals_defer();
	rc = acct_commit_create(&commit, t->book, msg.buf, tree, parents,
				t->unborn ? 0 : merge ? 2 : 1, err);
	acct_signals_resume();
	if (rc < 0)
		goto out;
write:
	rc = put_in_place(t, &commit, message, err);
out:
	if (!t->committed)
		nothing_changed(rc, err);
	acct_buf_release(&msg);
	acct_tree_folders_release(&folders);
	git_commit_free(other);
	git_tree_free(tree);
	return rc;
}

int acct_txn_commit(struct acct_txn *t, const char *message,
		    struct acct_error *err)
{
	return finish(t, message, NULL, NULL, err);
}

int acct_txn_commit_merge(struct acct_txn *t, const char *message,
			  const struct git_oid *other, struct acct_error *err)
{
	return finish(t, message, other, NULL, err);
}

int acct_txn_fast_forward(struct acct_txn *t, const struct git_oid *target,
			  const char *message, struct acct_error *err)
{
	return finish(t, message, NULL, target, err);
}

const struct acct_index *acct_txn_index(const struct acct_txn *t)
{
	return t->fast;
}

const struct git_oid *acct_txn_head(const struct acct_txn *t)
{
	return t->unborn ? NULL : &t->head;
}

void acct_txn_free(struct acct_txn *t)
{
	size_t i;

	if (!t)
		return;
	/* Whatever was not committed goes back: locks, folders, moves. */
	acct_wt_free(t->wt);
	for (i = 0; i < t->nchanges; i++) {
		free(t->changes[i].path);
		free(t->changes[i].data);
	}
	free(t->changes);
	free(t->slots);
	for (i = 0; i < t->nmoves; i++) {
		free(t->moves[i].from);
		free(t->moves[i].to);
	}
	free(t->moves);
	git_index_free(t->index);
	acct_index_free(t->fast);
	acct_tempfile_delete(&t->index_tmp);
	acct_tempfile_delete(&t->index_tmp_lock);
	acct_lock_rollback(&t->index_lock);
	git_tree_free(t->head_tree);
	git_tree_free(t->seen_tree);
	git_commit_free(t->head_commit);
	free(t->branch);
	free(t);
}

const git_oid *acct_txn_commit_id(const struct acct_txn *t)
{
	return t->committed ? &t->commit : NULL;
}
