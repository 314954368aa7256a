#include "acct/book.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/git.h"
#include "acct/banned.h"

void acct_book_path(struct acct_buf *out, const struct acct_book *book,
		    const char *rel)
{
	acct_buf_reset(out);
	acct_buf_addstr(out, book->root);
	acct_buf_addch(out, '/');
	acct_buf_addstr(out, rel);
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The nearest folder at or above `dir` that holds `.acct/`. */
static int find_root(struct acct_buf *out, const char *dir,
		     struct acct_error *err)
{
	struct acct_buf probe = ACCT_BUF_INIT;
	char *abs = realpath(dir, NULL);
	int rc = ACCT_ENOTFOUND;

	if (!abs)
		return acct_error_set(err, ACCT_ENOTFOUND, "cannot open '%s': %s",
				      dir, strerror(errno));
	for (;;) {
		char *slash;

		acct_buf_reset(&probe);
		acct_buf_addf(&probe, "%s/.acct", strcmp(abs, "/") ? abs : "");
		if (is_dir(probe.buf)) {
			acct_buf_addstr(out, abs);
			rc = 0;
			break;
		}
		slash = strrchr(abs, '/');
		if (!slash || slash == abs) {
			if (slash && abs[1]) {
				abs[1] = '\0';
				continue;
			}
			break;
		}
		*slash = '\0';
	}
	free(abs);
	acct_buf_release(&probe);
	if (rc) {
		acct_error_set(err, ACCT_ENOTFOUND,
			       "not in an acct book (or any parent)");
		acct_error_hint(err, "run 'acct init' to create one, or say "
				"where it is with -C <dir> or ACCT_DIR");
	}
	return rc;
}

static int read_config(struct acct_book *book, struct acct_error *err)
{
	struct acct_buf path = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	int rc = 0;

	acct_book_path(&path, book, ACCT_CONFIG_PATH);
	/* Read with the default limit: the config may set another. */
	if (acct_file_read(&text, path.buf, ACCT_CONFIG_PATH, ACCT_INPUT_BYTES,
			   0, err) < 0) {
		rc = ACCT_EDATA;
		if (err)
			err->code = rc;
		acct_error_hint(err, "restore it with 'git checkout -- %s'",
				ACCT_CONFIG_PATH);
	} else {
		rc = acct_config_parse(&book->config, ACCT_CONFIG_PATH, text.buf,
				       text.len, err);
		if (rc < 0)
			acct_error_hint(err, "correct %s", ACCT_CONFIG_PATH);
	}
	acct_buf_release(&path);
	acct_buf_release(&text);
	return rc;
}

/* What this command's reads will see: HEAD now (see book.h). */
static void note_head(struct acct_book *book)
{
	git_oid id;

	book->head_seen[0] = '\0';
	if (git_reference_name_to_id(&id, book->repo, "HEAD") == 0)
		git_oid_tostr(book->head_seen, sizeof(book->head_seen), &id);
	git_error_clear();
	book->head_seen_set = 1;
}

int acct_book_open(struct acct_book **out, const char *dir,
		   const struct acct_time *now, const struct acct_ident *ident,
		   struct acct_error *err)
{
	struct acct_book *book;
	struct acct_buf root = ACCT_BUF_INIT;
	const char *workdir;
	int rc;

	*out = NULL;
	acct_git_init();
	if ((rc = find_root(&root, dir, err)) < 0)
		return rc;
	book = acct_calloc(1, sizeof(*book));
	book->root = acct_buf_detach(&root, NULL);
	book->now = *now;
	book->ident = *ident;
	if (git_repository_open_ext(&book->repo, book->root,
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		acct_git_error(err, ACCT_EDATA, "the book is not a git repository");
		acct_error_hint(err, "'%s' has .acct/ but no .git/; run 'git init' "
				"there", book->root);
		rc = ACCT_EDATA;
		goto fail;
	}
	workdir = git_repository_workdir(book->repo);
	if (!workdir || strncmp(workdir, book->root, strlen(book->root)) ||
	    strcmp(workdir + strlen(book->root), "/")) {
		rc = acct_error_set(err, ACCT_EDATA, "the book '%s' is not the top "
				    "of a git work tree", book->root);
		goto fail;
	}
	if ((rc = read_config(book, err)) < 0)
		goto fail;
	note_head(book);
	*out = book;
	return 0;
fail:
	acct_book_free(book);
	return rc;
}

/* --- the book at a past commit ----------------------------------------- */

/*
 * A past book reads files one folder after another (a year of the log,
 * then each entry in it), so the folder read last is kept: a lookup from
 * the root would parse clients/ and the year folder again for every file,
 * and libgit2 keeps no tree that large in its cache.
 */
struct acct_book_past {
	git_tree *tree;			/* the commit's */
	char id[GIT_OID_HEXSZ + 1];
	git_tree *dir;			/* the folder read last, or NULL */
	struct acct_buf dir_path;	/* and its path */
};

/* The local date of a commit's committer time. */
static void commit_day(struct acct_date *out, const git_commit *c)
{
	struct acct_time t;

	t.sec = (int64_t)git_commit_time(c);
	t.off = acct_time_local_offset(t.sec);
	acct_time_date(out, &t);
}

int acct_book_at(struct acct_book **out, struct acct_book *book,
		 const struct acct_date *day, struct acct_error *err)
{
	struct acct_book *past;
	git_commit *c = NULL, *parent;
	git_tree *tree = NULL;
	git_oid id;
	struct acct_date d;
	int rc;

	*out = NULL;
	if (git_reference_name_to_id(&id, book->repo, "HEAD") < 0) {
		git_error_clear();
		return acct_error_set(err, ACCT_ENOTFOUND, "the book has no "
				      "commit yet");
	}
	if (git_commit_lookup(&c, book->repo, &id) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read HEAD");
	/*
	 * Newest first down the first-parent line: the commits of the last
	 * weeks, then the one that stood on `day`.
	 */
	for (;;) {
		commit_day(&d, c);
		if (acct_date_cmp(&d, day) <= 0)
			break;
		if (git_commit_parentcount(c) == 0) {
			git_commit_free(c);
			return acct_error_set(err, ACCT_ENOTFOUND, "the book has "
					      "no commit that old");
		}
		rc = git_commit_parent(&parent, c, 0);
		git_commit_free(c);
		if (rc < 0)
			return acct_git_error(err, ACCT_ERROR, "cannot read "
					      "a commit of the history");
		c = parent;
	}
	rc = git_commit_tree(&tree, c);
	if (rc < 0) {
		git_commit_free(c);
		return acct_git_error(err, ACCT_ERROR, "cannot read a tree of "
				      "the history");
	}
	past = acct_calloc(1, sizeof(*past));
	past->root = acct_strdup(book->root);
	past->repo = book->repo;
	past->config = book->config;
	past->now = book->now;
	past->ident = book->ident;
	past->no_cache = book->no_cache;
	past->past = acct_calloc(1, sizeof(*past->past));
	past->past->tree = tree;
	past->past->dir_path = (struct acct_buf)ACCT_BUF_INIT;
	git_oid_tostr(past->past->id, sizeof(past->past->id), git_commit_id(c));
	git_commit_free(c);
	*out = past;
	return 0;
}

/*
 * The folder `dir` of the past tree ("" for its root), borrowed until the
 * next lookup: 0, ACCT_ENOTFOUND when there is no such folder, or
 * ACCT_ERROR.
 */
static int past_dir(git_tree **out, struct acct_book *book, const char *dir,
		    size_t len, struct acct_error *err)
{
	struct acct_book_past *p = book->past;
	git_tree_entry *e = NULL;
	git_tree *t = NULL;
	struct acct_buf path = ACCT_BUF_INIT;
	int rc = 0;

	if (!len) {
		*out = p->tree;
		return 0;
	}
	if (p->dir && p->dir_path.len == len &&
	    !memcmp(p->dir_path.buf, dir, len)) {
		*out = p->dir;
		return 0;
	}
	acct_buf_add(&path, dir, len);
	if (git_tree_entry_bypath(&e, p->tree, path.buf) < 0 ||
	    git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		git_error_clear();
		rc = ACCT_ENOTFOUND;
	} else if (git_tree_lookup(&t, book->repo, git_tree_entry_id(e)) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read a folder of "
				    "the history");
	} else {
		git_tree_free(p->dir);
		p->dir = t;
		acct_buf_reset(&p->dir_path);
		acct_buf_add(&p->dir_path, dir, len);
		*out = t;
	}
	git_tree_entry_free(e);
	acct_buf_release(&path);
	return rc;
}

int acct_book_tree_read(struct acct_buf *out, struct acct_book *book,
			const char *rel, struct acct_error *err)
{
	const char *slash = strrchr(rel, '/');
	size_t len = slash ? (size_t)(slash - rel) : 0;
	const char *id = book->past->id;
	const git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	git_filemode_t mode;
	git_object_size_t size;
	git_tree *dir;
	int rc;

	rc = past_dir(&dir, book, rel, len, err);
	if (rc < 0 && rc != ACCT_ENOTFOUND)
		return rc;
	if (!rc)
		e = git_tree_entry_byname(dir, slash ? slash + 1 : rel);
	if (!e)
		return acct_error_at(err, ACCT_ENOTFOUND, rel, 0, 0, "not in "
				     "commit %.7s", id);
	mode = git_tree_entry_filemode(e);
	if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE)
		return acct_error_at(err, ACCT_EDATA, rel, 0, 0, "not a file in "
				     "commit %.7s", id);
	if (git_blob_lookup(&blob, book->repo, git_tree_entry_id(e)) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read a file of "
				      "the history");
	size = git_blob_rawsize(blob);
	if (size > (git_object_size_t)book->config.input_bytes)
		rc = acct_error_at(err, ACCT_EDATA, rel, 0, 0, "larger than the "
				   "limit for input in commit %.7s", id);
	else
		acct_buf_add(out, git_blob_rawcontent(blob), (size_t)size);
	git_blob_free(blob);
	return rc;
}

int acct_book_tree_list(struct acct_book *book, const char *rel,
			acct_book_tree_fn fn, void *payload,
			struct acct_error *err)
{
	git_tree *dir, *mine = NULL;
	size_t i, n;
	int rc;

	if ((rc = past_dir(&dir, book, rel, strlen(rel), err)) < 0)
		return rc == ACCT_ENOTFOUND ? 0 : rc;
	/* `fn` may look up other folders: this one is held till the end. */
	if (git_tree_dup(&mine, dir) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read a folder of "
				      "the history");
	n = git_tree_entrycount(mine);
	for (i = 0; i < n && !rc; i++) {
		const git_tree_entry *x = git_tree_entry_byindex(mine, i);

		rc = fn(payload, git_tree_entry_name(x),
			git_tree_entry_type(x) == GIT_OBJECT_TREE);
	}
	git_tree_free(mine);
	return rc;
}

void acct_book_free(struct acct_book *book)
{
	if (!book)
		return;
	if (book->past) {
		/* A past book borrows its repository and config. */
		git_tree_free(book->past->dir);
		git_tree_free(book->past->tree);
		acct_buf_release(&book->past->dir_path);
		free(book->past);
		free(book->root);
		free(book);
		return;
	}
	git_repository_free(book->repo);
	acct_config_release(&book->config);
	free(book->root);
	free(book);
}

