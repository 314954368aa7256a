#include "acct/txn.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/repository.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/lock.h"
#include "acct/sync.h"
#include "acct/banned.h"

struct change {
	char *path;		/* relative to the book's root */
	char *data;
	size_t len;
	git_oid blob;
	int had_old;		/* the path is in HEAD's tree */
	git_oid old;		/* and this is its blob there */
	struct acct_lock lk;	/* the file's `<path>.lock` */
	int remove;		/* the file goes (acct_txn_remove) */
	int renamed;		/* the new content is in place (or it is gone) */
};

/* A folder moved whole (client rename --slug). */
struct move {
	char *from, *to;	/* relative folders */
	git_oid tree;		/* the folder's tree in HEAD */
	int moved;		/* renamed in the work tree */
};

struct acct_txn {
	struct acct_book *book;
	git_repository *repo;
	struct acct_lock index_lock;	/* .git/index.lock */
	char *index_tmp;		/* our copy of the index */
	struct acct_tempfile *index_tmp_tf;	/* registered for removal */
	git_index *index;
	char *branch;			/* refs/heads/<name> */
	int unborn;
	git_oid head;
	git_commit *head_commit;
	git_tree *head_tree;
	struct change *changes;
	size_t nchanges, alloc;
	struct move *moves;
	size_t nmoves;
	git_oid commit;			/* the commit made */
	char **made_dirs;		/* folders created, to remove on rollback */
	size_t nmade, made_alloc;
	int committed;
};

static const char *state_name(int state)
{
	switch (state) {
	case GIT_REPOSITORY_STATE_MERGE: return "a merge";
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE: return "a revert";
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE: return "a cherry-pick";
	case GIT_REPOSITORY_STATE_BISECT: return "a bisect";
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE: return "a git am";
	default: return "a rebase";
	}
}

static int check_state(struct acct_txn *t, struct acct_error *err)
{
	int state = git_repository_state(t->repo);
	git_reference *head = NULL;
	int rc;

	if (state != GIT_REPOSITORY_STATE_NONE) {
		acct_error_set(err, ACCT_ESTATE, "%s is in progress in the book",
			       state_name(state));
		acct_error_hint(err, "finish it or abort it with git, then run "
				"acct again");
		return ACCT_ESTATE;
	}
	if ((rc = git_reference_lookup(&head, t->repo, "HEAD")) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read HEAD");
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC ||
	    strncmp(git_reference_symbolic_target(head), "refs/heads/", 11)) {
		git_reference_free(head);
		acct_error_set(err, ACCT_ESTATE, "HEAD is detached; acct commits "
			       "only to a branch");
		acct_error_hint(err, "check out a branch (git switch main), then "
				"run acct again");
		return ACCT_ESTATE;
	}
	t->branch = acct_strdup(git_reference_symbolic_target(head));
	git_reference_free(head);
	return 0;
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

/*
 * Open a private copy of the index: a hard link to .git/index (or a copy
 * where links fail) that libgit2 may rewrite by its own lock and rename
 * without touching the real one, which only our rename of index.lock
 * replaces.
 */
static int open_index(struct acct_txn *t, struct acct_error *err)
{
	const char *gitdir = git_repository_path(t->repo);
	struct acct_buf real = ACCT_BUF_INIT, tmp = ACCT_BUF_INIT;
	int rc = 0;

	acct_buf_addf(&real, "%sindex", gitdir);
	acct_buf_addf(&tmp, "%sacct-index.%ld", gitdir, (long)getpid());
	unlink(tmp.buf);
	t->index_tmp_tf = acct_tempfile_register(tmp.buf, 0);
	if (link(real.buf, tmp.buf) < 0 && errno != ENOENT) {
		struct acct_buf data = ACCT_BUF_INIT;
		int fd;

		if (acct_buf_read_file(&data, real.buf) < 0 ||
		    (fd = open(tmp.buf, O_WRONLY | O_CREAT | O_EXCL, 0666)) < 0 ||
		    write(fd, data.buf, data.len) != (ssize_t)data.len ||
		    close(fd) < 0)
			rc = acct_error_set(err, ACCT_ERROR,
					    "cannot copy the index: %s",
					    strerror(errno));
		acct_buf_release(&data);
	}
	t->index_tmp = acct_buf_detach(&tmp, NULL);
	if (!rc && git_index_open(&t->index, t->index_tmp) < 0)
		rc = acct_git_error(err, ACCT_ERROR, "cannot read the index");
	acct_buf_release(&real);
	return rc;
}

int acct_txn_begin(struct acct_txn **out, struct acct_book *book,
		   struct acct_error *err)
{
	struct acct_txn *t = acct_calloc(1, sizeof(*t));
	struct acct_buf path = ACCT_BUF_INIT;
	int rc;

	*out = NULL;
	t->book = book;
	t->repo = book->repo;
	t->index_lock = (struct acct_lock)ACCT_LOCK_INIT;
	acct_buf_addf(&path, "%sindex", git_repository_path(t->repo));
	if ((rc = check_state(t, err)) < 0 ||
	    (rc = acct_lock_hold(&t->index_lock, path.buf, ".git/index",
				 ACCT_LOCK_RETRY, err)) < 0 ||
	    (rc = read_head(t, err)) < 0 ||
	    (rc = open_index(t, err)) < 0) {
		acct_buf_release(&path);
		acct_txn_free(t);
		return rc;
	}
	acct_buf_release(&path);
	/*
	 * A clone made with plain git lacks the card merge driver in its
	 * .git/config: any writing command puts it there (best effort: a
	 * read-only config only means git pull merges cards by lines).
	 */
	{
		struct acct_error ignore = ACCT_ERROR_INIT;

		acct_merge_driver_configure(book, &ignore);
	}
	*out = t;
	return 0;
}

/* A path inside the book that git would store: no "..", ".git", "//". */
static int path_ok(const char *p)
{
	const char *s = p;

	if (!*p || *p == '/')
		return 0;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		if (!n || (n == 1 && s[0] == '.') ||
		    (n == 2 && !memcmp(s, "..", 2)) ||
		    (n == 4 && !strncasecmp(s, ".git", 4)))
			return 0;
		s += n;
		if (*s == '/')
			s++;
		if (!*s && s[-1] == '/')
			return 0;
	}
	return 1;
}

static int refuse_link(const char *rel, size_t n, struct acct_error *err)
{
	acct_error_set(err, ACCT_ESTATE, "'%.*s' is a symbolic link; acct does "
		       "not write through links", (int)n, rel);
	acct_error_hint(err, "replace the link with a real folder or file");
	return ACCT_ESTATE;
}

/* Every folder on the way and the file itself: no symbolic link. */
static int check_links(struct acct_txn *t, const char *rel,
		       struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	const char *s = rel;
	struct stat st;
	int rc = 0;

	for (;;) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - rel) : strlen(rel);

		acct_book_path(&abs, t->book, "");
		acct_buf_add(&abs, rel, n);
		if (lstat(abs.buf, &st) < 0) {
			if (errno != ENOENT && errno != ENOTDIR)
				rc = acct_error_set(err, ACCT_ERROR,
						    "cannot read '%.*s': %s",
						    (int)n, rel, strerror(errno));
			break;
		}
		if (S_ISLNK(st.st_mode)) {
			rc = refuse_link(rel, n, err);
			break;
		}
		if (!e)
			break;
		s = e + 1;
	}
	acct_buf_release(&abs);
	return rc;
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
	const git_index_entry *ie;
	git_tree_entry *te = NULL;
	struct acct_buf abs = ACCT_BUF_INIT, data = ACCT_BUF_INIT, hp = ACCT_BUF_INIT;
	struct stat st;
	int in_work, rc = 0;
	size_t stage;

	const char *head_path = moved_from(t, c->path, &hp);

	if (t->head_tree &&
	    git_tree_entry_bypath(&te, t->head_tree, head_path) == 0) {
		if (git_tree_entry_type(te) != GIT_OBJECT_BLOB)
			rc = dirty(c->path, "is a folder in git, not a file", err);
		c->had_old = 1;
		git_oid_cpy(&c->old, git_tree_entry_id(te));
		git_tree_entry_free(te);
		if (rc)
			goto out;
	}
	git_error_clear();
	if (head_path != c->path) {
		/* Under a folder being moved: the move checked it all. */
		if (flags & ACCT_TXN_NEW && c->had_old)
			rc = acct_error_set(err, ACCT_EEXISTS, "'%s' exists", c->path);
		goto out;
	}
	for (stage = 1; stage <= 3; stage++)
		if (git_index_get_bypath(t->index, c->path, (int)stage)) {
			rc = dirty(c->path, "has an unresolved conflict", err);
			goto out;
		}
	ie = git_index_get_bypath(t->index, c->path, 0);
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
	if (!ie || !git_oid_equal(&ie->id, &c->old)) {
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

/*
 * The first file below folder `rel` of the work tree that the index does
 * not have (untracked), into `out`; links are not followed. Returns 1
 * when one is found, 0 when none, -1 when the folder cannot be read.
 */
static int find_untracked(struct acct_txn *t, const char *rel,
			  struct acct_buf *out)
{
	struct acct_buf abs = ACCT_BUF_INIT, p = ACCT_BUF_INIT;
	struct dirent *de;
	int found = 0;
	DIR *d;

	acct_book_path(&abs, t->book, rel);
	if (!(d = opendir(abs.buf))) {
		acct_buf_release(&abs);
		return -1;
	}
	while (!found && (de = readdir(d))) {
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		acct_buf_reset(&p);
		acct_buf_addf(&p, "%s/%s", rel, de->d_name);
		acct_book_path(&abs, t->book, p.buf);
		if (lstat(abs.buf, &st) == 0 && S_ISDIR(st.st_mode))
			found = find_untracked(t, p.buf, out);
		else if (!git_index_get_bypath(t->index, p.buf, 0))
			found = 1;
		if (found == 1 && !out->len)
			acct_buf_addstr(out, p.buf);
	}
	closedir(d);
	acct_buf_release(&abs);
	acct_buf_release(&p);
	return found;
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
	size_t i, indexed = 0;
	struct move *m;
	int rc = 0;

	if (!path_ok(from) || !path_ok(to))
		return acct_error_set(err, ACCT_ERROR, "'%s' is not a path acct "
				      "writes", path_ok(from) ? to : from);
	if ((rc = check_links(t, from, err)) < 0 ||
	    (rc = check_links(t, to, err)) < 0)
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
	for (i = 0; i < git_index_entrycount(t->index); i++) {
		const git_index_entry *ie = git_index_get_byindex(t->index, i);

		if (!strncmp(ie->path, prefix.buf, prefix.len)) {
			rc = acct_error_set(err, ACCT_EEXISTS, "'%s' exists in "
					    "the index", to);
			goto out;
		}
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
	for (i = 0; i < git_index_entrycount(t->index); i++) {
		const git_index_entry *ie = git_index_get_byindex(t->index, i);

		if (!strncmp(ie->path, prefix.buf, prefix.len))
			indexed++;
	}
	if (w.dirty) {
		rc = dirty(w.path.buf, "has changes not committed", err);
		goto out;
	}
	if (find_untracked(t, from, &extra) != 0) {
		rc = dirty(extra.len ? extra.buf : from, "is not committed", err);
		goto out;
	}
	if ((long)indexed != w.blobs) {
		rc = dirty(from, "has files staged but not committed", err);
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

int acct_txn_put(struct acct_txn *t, const char *path, const void *data,
		 size_t len, unsigned flags, struct acct_error *err)
{
	struct change *c;
	size_t i;
	int rc;

	if (!path_ok(path))
		return acct_error_set(err, ACCT_ERROR,
				      "'%s' is not a path acct writes", path);
	for (i = 0; i < t->nchanges; i++)
		if (!strcmp(t->changes[i].path, path))
			return acct_error_set(err, ACCT_EEXISTS,
					      "'%s' is written twice", path);
	if ((rc = check_links(t, path, err)) < 0)
		return rc;
	if (t->nchanges == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 4;
		t->changes = acct_realloc(t->changes,
					  t->alloc * sizeof(*t->changes));
	}
	c = &t->changes[t->nchanges];
	memset(c, 0, sizeof(*c));
	c->lk = (struct acct_lock)ACCT_LOCK_INIT;
	c->path = acct_strdup(path);
	if ((rc = check_clean(t, c, flags, err)) < 0) {
		free(c->path);
		return rc;
	}
	if (git_blob_create_from_buffer(&c->blob, t->repo, data, len) < 0) {
		free(c->path);
		return acct_git_error(err, ACCT_ERROR, "cannot store a file in git");
	}
	c->data = acct_malloc(len + 1);
	memcpy(c->data, data, len);
	c->len = len;
	t->nchanges++;
	return 0;
}

int acct_txn_remove(struct acct_txn *t, const char *path,
		    struct acct_error *err)
{
	int rc = acct_txn_put(t, path, "", 0, 0, err);
	struct change *c;

	if (rc < 0)
		return rc;
	c = &t->changes[t->nchanges - 1];
	if (!c->had_old) {
		free(c->path);
		free(c->data);
		t->nchanges--;
		return acct_error_set(err, ACCT_ENOTFOUND, "'%s' is not in git",
				      path);
	}
	c->remove = 1;
	return 0;
}

static int build_tree(git_tree **out, struct acct_txn *t, struct acct_error *err)
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
	rc = acct_tree_build(out, t->repo, t->head_tree, ops, n, err);
	free(ops);
	return rc;
}

static int mkdirs(struct acct_txn *t, const char *abs, size_t rootlen,
		  struct acct_error *err)
{
	char *p = acct_strdup(abs), *s;
	int rc = 0;

	for (s = p + rootlen + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(p, 0777) == 0) {
			if (t->nmade == t->made_alloc) {
				t->made_alloc = t->made_alloc ? 2 * t->made_alloc : 8;
				t->made_dirs = acct_realloc(t->made_dirs,
					t->made_alloc * sizeof(*t->made_dirs));
			}
			t->made_dirs[t->nmade++] = acct_strdup(p);
		} else if (errno != EEXIST) {
			rc = acct_error_set(err, ACCT_ERROR,
					    "cannot create folder '%s': %s",
					    p + rootlen + 1, strerror(errno));
			if (errno == EROFS || errno == EACCES)
				acct_error_hint(err, "the book is read-only here");
			break;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

/* Remove the folders of `abs` that became empty, up to the book's root. */
static void prune_dirs(const char *abs, size_t rootlen)
{
	char *p = acct_strdup(abs), *slash;

	while ((slash = strrchr(p, '/')) && (size_t)(slash - p) > rootlen) {
		*slash = '\0';
		if (rmdir(p) < 0)
			break;
	}
	free(p);
}

/* Create the folders on the way to `abs` (for putting a file back). */
static void make_parents(const char *abs)
{
	char *p = acct_strdup(abs), *s;

	for (s = p + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(p, 0777);
		*s = '/';
	}
	free(p);
}

static int write_files(struct acct_txn *t, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	size_t i, rootlen = strlen(t->book->root);
	int rc = 0;

	/* Folders move first: the new files may go into them. */
	for (i = 0; i < t->nmoves && !rc; i++) {
		struct move *m = &t->moves[i];
		struct acct_buf to = ACCT_BUF_INIT;

		acct_book_path(&to, t->book, m->to);
		acct_book_path(&abs, t->book, m->from);
		if ((rc = mkdirs(t, to.buf, rootlen, err)) == 0) {
			if (rename(abs.buf, to.buf) < 0)
				rc = acct_error_set(err, ACCT_ERROR, "cannot move "
						    "'%s' to '%s': %s", m->from,
						    m->to, strerror(errno));
			else
				m->moved = 1;
		}
		acct_buf_release(&to);
	}
	/* All are written before any is renamed (STYLE.md). */
	for (i = 0; i < t->nchanges && !rc; i++) {
		struct change *c = &t->changes[i];

		if (c->remove)
			continue;
		acct_book_path(&abs, t->book, c->path);
		if ((rc = mkdirs(t, abs.buf, rootlen, err)) < 0 ||
		    (rc = acct_lock_hold(&c->lk, abs.buf, c->path, 0, err)) < 0 ||
		    (rc = acct_lock_write(&c->lk, c->data, c->len, err)) < 0 ||
		    (rc = acct_lock_close(&c->lk, 1, err)) < 0)	/* one fd at a time */
			break;
	}
	for (i = 0; i < t->nchanges && !rc; i++) {
		struct change *c = &t->changes[i];

		if (c->remove) {
			acct_book_path(&abs, t->book, c->path);
			if (unlink(abs.buf) < 0 && errno != ENOENT) {
				rc = acct_error_set(err, ACCT_ERROR, "cannot remove "
						    "'%s': %s", c->path,
						    strerror(errno));
				break;
			}
			c->renamed = 1;
			prune_dirs(abs.buf, rootlen);
			continue;
		}
		if ((rc = acct_lock_commit(&c->lk, err)) < 0)
			break;
		c->renamed = 1;
	}
	acct_buf_release(&abs);
	return rc;
}

/* The index entries of a moved folder follow it, stat data and all. */
static int move_entries(struct acct_txn *t, const struct move *m,
			struct acct_error *err)
{
	struct acct_buf from = ACCT_BUF_INIT, path = ACCT_BUF_INIT;
	git_index_entry *copies = NULL;
	char **paths = NULL;
	size_t i, n = 0, count = git_index_entrycount(t->index);
	int rc = 0;

	acct_buf_addf(&from, "%s/", m->from);
	copies = acct_calloc(count, sizeof(*copies));
	paths = acct_calloc(count, sizeof(*paths));
	for (i = 0; i < count; i++) {
		const git_index_entry *ie = git_index_get_byindex(t->index, i);

		if (strncmp(ie->path, from.buf, from.len))
			continue;
		acct_buf_reset(&path);
		acct_buf_addf(&path, "%s/%s", m->to, ie->path + from.len);
		copies[n] = *ie;
		paths[n] = acct_buf_detach(&path, NULL);
		copies[n].path = paths[n];
		n++;
	}
	if (git_index_remove_directory(t->index, m->from, 0) < 0)
		rc = acct_git_error(err, ACCT_ERROR, "cannot update the index");
	for (i = 0; i < n && !rc; i++)
		if (git_index_add(t->index, &copies[i]) < 0)
			rc = acct_git_error(err, ACCT_ERROR, "cannot update the index");
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(copies);
	acct_buf_release(&from);
	acct_buf_release(&path);
	return rc;
}

static int update_index(struct acct_txn *t, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < t->nmoves && !rc; i++)
		rc = move_entries(t, &t->moves[i], err);

	for (i = 0; i < t->nchanges && !rc; i++) {
		struct change *c = &t->changes[i];
		git_index_entry e;
		struct stat st;

		if (c->remove) {
			if (git_index_remove(t->index, c->path, 0) < 0)
				rc = acct_git_error(err, ACCT_ERROR,
						    "cannot update the index");
			continue;
		}
		acct_book_path(&abs, t->book, c->path);
		if (lstat(abs.buf, &st) < 0) {
			rc = acct_error_set(err, ACCT_ERROR, "cannot read '%s': %s",
					    c->path, strerror(errno));
			break;
		}
		memset(&e, 0, sizeof(e));
		e.ctime.seconds = (int32_t)st.st_ctim.tv_sec;
		e.ctime.nanoseconds = (uint32_t)st.st_ctim.tv_nsec;
		e.mtime.seconds = (int32_t)st.st_mtim.tv_sec;
		e.mtime.nanoseconds = (uint32_t)st.st_mtim.tv_nsec;
		e.dev = (uint32_t)st.st_dev;
		e.ino = (uint32_t)st.st_ino;
		e.mode = GIT_FILEMODE_BLOB;
		e.uid = st.st_uid;
		e.gid = st.st_gid;
		e.file_size = (uint32_t)st.st_size;
		git_oid_cpy(&e.id, &c->blob);
		e.path = c->path;
		if (git_index_add(t->index, &e) < 0)
			rc = acct_git_error(err, ACCT_ERROR, "cannot update the index");
	}
	acct_buf_release(&abs);
	if (rc)
		return rc;
	if (git_index_write(t->index) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot write the index");
	/* Our new index replaces the empty index.lock we hold: still locked. */
	acct_lock_close(&t->index_lock, 0, NULL);
	if (rename(t->index_tmp, acct_lock_file(&t->index_lock)) < 0)
		return acct_error_set(err, ACCT_ERROR, "cannot write the index: %s",
				      strerror(errno));
	return 0;
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


/*
 * Commit the staged change: a new commit with `message` on HEAD (and
 * `merge` as a second parent when not NULL), or, with `ff`, no new commit
 * but the branch moved to `ff`, whose tree the change must produce.
 */
static int finish(struct acct_txn *t, const char *message, const git_oid *merge,
		  const git_oid *ff, struct acct_error *err)
{
	struct acct_buf msg = ACCT_BUF_INIT;
	const git_commit *parents[2];
	git_commit *other = NULL;
	git_tree *tree = NULL;
	git_oid commit;
	int rc;

	if ((rc = build_tree(&tree, t, err)) < 0)
		goto out;
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
	if ((rc = acct_commit_create(&commit, t->book, msg.buf, tree, parents,
				     t->unborn ? 0 : merge ? 2 : 1, err)) < 0)
		goto out;
write:
	if ((rc = write_files(t, err)) < 0 ||
	    (rc = update_index(t, err)) < 0 ||
	    (rc = move_branch(t, &commit, message, err)) < 0)
		goto out;
	t->committed = 1;
	git_oid_cpy(&t->commit, &commit);
	/* The branch has moved: from here the index must follow it. */
	if (acct_lock_commit(&t->index_lock, err) < 0) {
		acct_error_hint(err, "the commit was made, but the index was not "
				"updated; run 'git reset' in the book");
		rc = ACCT_ERROR;
	}
out:
	acct_buf_release(&msg);
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

const struct git_oid *acct_txn_head(const struct acct_txn *t)
{
	return t->unborn ? NULL : &t->head;
}

/* Put back the files of a change that did not commit. */
static void restore(struct acct_txn *t, struct change *c)
{
	struct acct_buf abs = ACCT_BUF_INIT;

	acct_lock_rollback(&c->lk);
	if (!c->renamed)
		goto out;
	acct_book_path(&abs, t->book, c->path);
	if (c->had_old) {
		git_blob *blob = NULL;
		struct acct_lock lk = ACCT_LOCK_INIT;

		make_parents(abs.buf);
		if (git_blob_lookup(&blob, t->repo, &c->old) == 0 &&
		    acct_lock_hold(&lk, abs.buf, c->path, 0, NULL) == 0 &&
		    acct_lock_write(&lk, git_blob_rawcontent(blob),
				    (size_t)git_blob_rawsize(blob), NULL) == 0)
			acct_lock_commit(&lk, NULL);
		acct_lock_rollback(&lk);
		git_blob_free(blob);
	} else {
		unlink(abs.buf);
	}
out:
	acct_buf_release(&abs);
}

void acct_txn_free(struct acct_txn *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nchanges; i++) {
		if (!t->committed)
			restore(t, &t->changes[i]);
		acct_lock_rollback(&t->changes[i].lk);
		free(t->changes[i].path);
		free(t->changes[i].data);
	}
	free(t->changes);
	i = t->nmoves;
	while (i-- > 0) {
		struct move *m = &t->moves[i];

		if (m->moved && !t->committed) {
			struct acct_buf from = ACCT_BUF_INIT, to = ACCT_BUF_INIT;

			acct_book_path(&from, t->book, m->from);
			acct_book_path(&to, t->book, m->to);
			rename(to.buf, from.buf);
			acct_buf_release(&from);
			acct_buf_release(&to);
		}
		free(m->from);
		free(m->to);
	}
	free(t->moves);
	if (!t->committed)
		while (t->nmade)
			rmdir(t->made_dirs[--t->nmade]);
	for (i = 0; i < t->nmade; i++)
		free(t->made_dirs[i]);
	free(t->made_dirs);
	git_index_free(t->index);
	if (t->index_tmp) {
		unlink(t->index_tmp);
		free(t->index_tmp);
	}
	acct_tempfile_forget(&t->index_tmp_tf);
	acct_lock_rollback(&t->index_lock);
	git_tree_free(t->head_tree);
	git_commit_free(t->head_commit);
	free(t->branch);
	free(t);
}

const git_oid *acct_txn_commit_id(const struct acct_txn *t)
{
	return t->committed ? &t->commit : NULL;
}
