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
 * A past book reads files one folder after another (a client's card, its
 * log's year folders, each entry in them), so the folders read last are
 * kept, and a folder is looked up from the nearest kept one above it: a
 * lookup from the root would read clients/ (a thousand entries, deltified
 * in the pack) and the client's folder again for every file, and
 * libgit2's object cache is kept small.
 */
#define PAST_DIRS 16

struct past_dir_slot {
	git_tree *tree;		/* NULL: empty */
	char *path;
	size_t len;
	unsigned long used;
};

/* An entry of the folder known without reading it (acct_book_past_known). */
struct known_entry {
	char *name;
	unsigned mode;
	git_oid id;
};

struct acct_book_past {
	git_tree *tree;			/* the commit's */
	char id[GIT_OID_HEXSZ + 1];
	struct acct_date day;		/* of its committer time, local */
	struct past_dir_slot dirs[PAST_DIRS];
	unsigned long clock;
	char *known_dir;		/* NULL: none */
	size_t known_len, nknown;
	struct known_entry *known;
};

static void known_forget(struct acct_book_past *p)
{
	while (p->nknown)
		free(p->known[--p->nknown].name);
	free(p->known);
	free(p->known_dir);
	p->known = NULL;
	p->known_dir = NULL;
	p->known_len = 0;
}

void acct_book_past_known(struct acct_book *book, const char *dir,
			  const struct acct_tree_entry *v, size_t n)
{
	struct acct_book_past *p = book->past;
	size_t i;

	known_forget(p);
	if (!dir)
		return;
	p->known_dir = acct_strdup(dir);
	p->known_len = strlen(dir);
	p->known = acct_calloc(n + 1, sizeof(*p->known));
	for (i = 0; i < n; i++) {
		p->known[i].name = acct_strdup(v[i].name);
		p->known[i].mode = v[i].mode;
		memcpy(p->known[i].id.id, v[i].id, GIT_OID_RAWSZ);
	}
	p->nknown = n;
}

/*
 * When the folder `dir` (`len` bytes) is the one known: 1, with `*out`
 * its entry `name` (`nlen` bytes), or NULL when it has none. Else 0.
 */
static int known_lookup(const struct known_entry **out,
			const struct acct_book_past *p, const char *dir,
			size_t len, const char *name, size_t nlen)
{
	size_t i;

	*out = NULL;
	if (!p->known_dir || len != p->known_len ||
	    memcmp(dir, p->known_dir, len))
		return 0;
	for (i = 0; i < p->nknown; i++)
		if (strlen(p->known[i].name) == nlen &&
		    !memcmp(p->known[i].name, name, nlen))
			*out = &p->known[i];
	return 1;
}

static git_object_t mode_type(unsigned mode)
{
	return mode == GIT_FILEMODE_TREE ? GIT_OBJECT_TREE :
	       mode == GIT_FILEMODE_COMMIT ? GIT_OBJECT_COMMIT : GIT_OBJECT_BLOB;
}

/* The local date of a commit's committer time. */
static void commit_day(struct acct_date *out, const git_commit *c)
{
	struct acct_time t;

	t.sec = (int64_t)git_commit_time(c);
	t.off = acct_time_local_offset(t.sec);
	acct_time_date(out, &t);
}

/*
 * The commit `day` looks back to from `c` (taken), newest first down the
 * first-parent line, stopping early at `stop` (NULL: none) with 1.
 */
static int walk_back(git_commit **out, git_commit *c, const git_oid *stop,
		     const struct acct_date *day, struct acct_error *err)
{
	git_commit *parent;
	struct acct_date d;
	int rc;

	for (;;) {
		if (stop && git_oid_equal(git_commit_id(c), stop)) {
			*out = c;
			return 1;
		}
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
	*out = c;
	return 0;
}

int acct_book_past_commit(char *out, struct acct_book *book,
			  const struct acct_date *day, const char *stop,
			  struct acct_error *err)
{
	git_commit *c = NULL, *found = NULL;
	git_repository *own = NULL, *repo = book->repo;
	git_oid id, stop_id;
	int rc;

	out[0] = '\0';
	if (git_reference_name_to_id(&id, book->repo, "HEAD") < 0) {
		git_error_clear();
		return acct_error_set(err, ACCT_ENOTFOUND, "the book has no "
				      "commit yet");
	}
	/*
	 * Through a repository of its own: what a walk of many commits maps
	 * of the pack index (18 MB on the 100k book after a `git pull`) is
	 * let go with it, not kept for the rest of the command.
	 */
	if (git_repository_open(&own, git_repository_path(book->repo)) == 0)
		repo = own;
	else
		git_error_clear();
	if (git_commit_lookup(&c, repo, &id) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read HEAD");
		goto out;
	}
	if (stop && git_oid_fromstr(&stop_id, stop) < 0)
		stop = NULL;
	if ((rc = walk_back(&found, c, stop ? &stop_id : NULL, day, err)) < 0)
		goto out;
	git_oid_tostr(out, GIT_OID_HEXSZ + 1, git_commit_id(found));
	git_commit_free(found);
out:
	git_repository_free(own);
	return rc;
}

int acct_book_at_commit(struct acct_book **out, struct acct_book *book,
			const char *hex, struct acct_error *err)
{
	struct acct_book *past;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_oid id;

	*out = NULL;
	if (git_oid_fromstr(&id, hex) < 0 ||
	    git_commit_lookup(&c, book->repo, &id) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read a commit "
				      "of the history");
	if (git_commit_tree(&tree, c) < 0) {
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
	git_oid_tostr(past->past->id, sizeof(past->past->id), git_commit_id(c));
	commit_day(&past->past->day, c);
	git_commit_free(c);
	*out = past;
	return 0;
}

int acct_book_at(struct acct_book **out, struct acct_book *book,
		 const struct acct_date *day, struct acct_error *err)
{
	char hex[GIT_OID_HEXSZ + 1];
	int rc;

	*out = NULL;
	if ((rc = acct_book_past_commit(hex, book, day, NULL, err)) < 0)
		return rc;
	return acct_book_at_commit(out, book, hex, err);
}

static struct past_dir_slot *slot_find(struct acct_book_past *p,
					const char *dir, size_t len)
{
	size_t i;

	for (i = 0; i < PAST_DIRS; i++)
		if (p->dirs[i].tree && p->dirs[i].len == len &&
		    !memcmp(p->dirs[i].path, dir, len)) {
			p->dirs[i].used = ++p->clock;
			return &p->dirs[i];
		}
	return NULL;
}

/* Keep folder `dir` (`t` is taken), in place of the one used longest ago. */
static void slot_put(struct acct_book_past *p, const char *dir, size_t len,
		     git_tree *t)
{
	struct past_dir_slot *s = &p->dirs[0];
	size_t i;

	for (i = 1; i < PAST_DIRS && s->tree; i++)
		if (!p->dirs[i].tree || p->dirs[i].used < s->used)
			s = &p->dirs[i];
	git_tree_free(s->tree);
	free(s->path);
	s->tree = t;
	s->path = acct_strndup(dir, len);
	s->len = len;
	s->used = ++p->clock;
}

/*
 * The folder `dir` (`len` bytes) of the past tree ("" for its root),
 * borrowed until the next lookup: 0, ACCT_ENOTFOUND when there is no such
 * folder, or ACCT_ERROR.
 */
static int past_dir(git_tree **out, struct acct_book *book, const char *dir,
		    size_t len, struct acct_error *err)
{
	struct acct_book_past *p = book->past;
	struct past_dir_slot *s;
	struct acct_buf name = ACCT_BUF_INIT;
	git_tree *own = NULL, *t;
	size_t at = 0, k, end;
	int rc = 0;

	if (!len) {
		*out = p->tree;
		return 0;
	}
	if ((s = slot_find(p, dir, len))) {
		*out = s->tree;
		return 0;
	}
	/* From the nearest folder above it that is kept, else the root. */
	t = p->tree;
	for (k = len; k > 0; k--)
		if (dir[k - 1] == '/' && (s = slot_find(p, dir, k - 1))) {
			t = s->tree;
			at = k;
			break;
		}
	if (p->known_dir && at <= p->known_len + 1 && len > p->known_len &&
	    dir[p->known_len] == '/' &&
	    !memcmp(dir, p->known_dir, p->known_len)) {
		/* Below the folder known: from its entry, not from it. */
		const struct known_entry *e;

		at = p->known_len + 1;
		for (end = at; end < len && dir[end] != '/'; end++)
			;
		known_lookup(&e, p, dir, p->known_len, dir + at, end - at);
		if (!e || e->mode != GIT_FILEMODE_TREE)
			return ACCT_ENOTFOUND;
		if (git_tree_lookup(&own, book->repo, &e->id) < 0)
			return acct_git_error(err, ACCT_ERROR, "cannot read a "
					      "folder of the history");
		if (git_tree_dup(&t, own) == 0)
			slot_put(p, dir, end, t);
		at = end + 1;
	} else if (git_tree_dup(&own, t) < 0) {
		return acct_git_error(err, ACCT_ERROR, "cannot read a folder of "
				      "the history");
	}
	for (; at < len; at = end + 1) {
		const git_tree_entry *e;

		for (end = at; end < len && dir[end] != '/'; end++)
			;
		acct_buf_reset(&name);
		acct_buf_add(&name, dir + at, end - at);
		if (!(e = git_tree_entry_byname(own, name.buf)) ||
		    git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			rc = ACCT_ENOTFOUND;
			break;
		}
		if (git_tree_lookup(&t, book->repo, git_tree_entry_id(e)) < 0) {
			rc = acct_git_error(err, ACCT_ERROR, "cannot read a "
					    "folder of the history");
			break;
		}
		git_tree_free(own);
		own = t;
		if (git_tree_dup(&t, own) == 0)
			slot_put(p, dir, end, t);
	}
	if (!rc) {
		s = slot_find(p, dir, len);
		*out = s ? s->tree : NULL;
		if (!s)
			rc = acct_git_error(err, ACCT_ERROR, "cannot read a "
					    "folder of the history");
	}
	git_tree_free(own);
	acct_buf_release(&name);
	return rc;
}

/*
 * A file of the folder known is most often the same in the work tree:
 * its text there when it has blob id `oid` (and is within the limit): 0,
 * else -1 with `out` as it was.
 */
static int work_tree_text(struct acct_buf *out, struct acct_book *book,
			  const char *rel, const git_oid *oid)
{
	struct acct_buf abs = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	git_oid was;
	int rc = -1;

	acct_book_path(&abs, book, rel);
	if (acct_file_read(&text, abs.buf, rel, book->config.input_bytes, 0,
			   NULL) == 0 &&
	    git_odb_hash(&was, text.buf, text.len, GIT_OBJECT_BLOB) == 0 &&
	    git_oid_equal(&was, oid)) {
		acct_buf_add(out, text.buf, text.len);
		rc = 0;
	}
	git_error_clear();
	acct_buf_release(&abs);
	acct_buf_release(&text);
	return rc;
}

int acct_book_tree_read(struct acct_buf *out, struct acct_book *book,
			const char *rel, struct acct_error *err)
{
	const char *slash = strrchr(rel, '/');
	size_t len = slash ? (size_t)(slash - rel) : 0;
	const char *id = book->past->id, *name = slash ? slash + 1 : rel;
	const struct known_entry *k = NULL;
	const git_tree_entry *e = NULL;
	const git_oid *oid = NULL;
	git_blob *blob = NULL;
	git_filemode_t mode = 0;
	git_object_size_t size;
	git_tree *dir;
	int rc;

	if (known_lookup(&k, book->past, rel, len, name, strlen(name))) {
		if (k) {
			mode = k->mode;
			oid = &k->id;
		}
	} else {
		rc = past_dir(&dir, book, rel, len, err);
		if (rc < 0 && rc != ACCT_ENOTFOUND)
			return rc;
		if (!rc && (e = git_tree_entry_byname(dir, name))) {
			mode = git_tree_entry_filemode(e);
			oid = git_tree_entry_id(e);
		}
	}
	if (!oid)
		return acct_error_at(err, ACCT_ENOTFOUND, rel, 0, 0, "not in "
				     "commit %.7s", id);
	if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE)
		return acct_error_at(err, ACCT_EDATA, rel, 0, 0, "not a file in "
				     "commit %.7s", id);
	if (k && work_tree_text(out, book, rel, oid) == 0)
		return 0;
	if (git_blob_lookup(&blob, book->repo, oid) < 0)
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

/* The id of `rel` in the past tree if it is a `type` there. */
static int tree_entry_id(unsigned char *out, struct acct_book *book,
			 const char *rel, git_object_t type)
{
	const char *slash = strrchr(rel, '/');
	size_t len = slash ? (size_t)(slash - rel) : 0;
	const char *name = slash ? slash + 1 : rel;
	const struct known_entry *k;
	const git_tree_entry *e = NULL;
	git_tree *dir;

	if (known_lookup(&k, book->past, rel, len, name, strlen(name))) {
		if (!k || mode_type(k->mode) != type)
			return ACCT_ENOTFOUND;
		memcpy(out, k->id.id, GIT_OID_RAWSZ);
		return 0;
	}
	if (past_dir(&dir, book, rel, len, NULL) < 0 ||
	    !(e = git_tree_entry_byname(dir, slash ? slash + 1 : rel)) ||
	    git_tree_entry_type(e) != type)
		return ACCT_ENOTFOUND;
	memcpy(out, git_tree_entry_id(e)->id, GIT_OID_RAWSZ);
	return 0;
}

int acct_book_tree_id(unsigned char *out, struct acct_book *book,
		      const char *rel)
{
	return tree_entry_id(out, book, rel, GIT_OBJECT_BLOB);
}

void acct_book_past_day(struct acct_date *out, const struct acct_book *book)
{
	*out = book->past->day;
}

int acct_book_tree_folder_id(unsigned char *out, struct acct_book *book,
			     const char *rel)
{
	return tree_entry_id(out, book, rel, GIT_OBJECT_TREE);
}

int acct_book_tree_list(struct acct_book *book, const char *rel,
			acct_book_tree_fn fn, void *payload,
			struct acct_error *err)
{
	struct acct_book_past *p = book->past;
	git_tree *dir, *mine = NULL;
	size_t i, n;
	int rc = 0;

	if (p->known_dir && !strcmp(rel, p->known_dir)) {
		/* A copy: `fn` may make another folder the known one. */
		struct acct_book_past copy = *p;
		char **names = acct_calloc(p->nknown + 1, sizeof(*names));
		int *dirs = acct_calloc(p->nknown + 1, sizeof(*dirs));

		n = p->nknown;
		for (i = 0; i < n; i++) {
			names[i] = acct_strdup(copy.known[i].name);
			dirs[i] = copy.known[i].mode == GIT_FILEMODE_TREE;
		}
		for (i = 0; i < n && !rc; i++)
			rc = fn(payload, names[i], dirs[i]);
		for (i = 0; i < n; i++)
			free(names[i]);
		free(names);
		free(dirs);
		return rc;
	}
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
		size_t i;

		/* A past book borrows its repository and config. */
		for (i = 0; i < PAST_DIRS; i++) {
			git_tree_free(book->past->dirs[i].tree);
			free(book->past->dirs[i].path);
		}
		known_forget(book->past);
		git_tree_free(book->past->tree);
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

