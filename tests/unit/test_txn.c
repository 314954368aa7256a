#include "acct/txn.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/commit.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/init.h"
#include "acct/journal.h"
#include "acct/lock.h"
#include "acct/worktree.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * The transaction (lib/txn.c, with lib/commit.c, lib/worktree.c,
 * lib/journal.c, lib/recover.c and lib/lock.c): a change of the book is
 * one commit, and whatever stops it before the branch moves leaves HEAD,
 * the index and the work tree as they were. Each test makes a book of its
 * own in a temporary folder.
 *
 * What a unit test cannot drive, a system call failing or a signal coming
 * at each step in turn, is swept end to end by tests/t/t1130-fault-sweep.sh
 * (ENOSPC, SIGINT and SIGKILL at every call; `make test` runs the SIGKILL
 * sweep of `client set`, `make stress` all of them), and a signal in the
 * middle of the renames by tests/t/t1120-write-signals.sh.
 */

static const struct acct_ident ident = {
	"Anna", "anna@agency.example", "1795424400 +0000",
	"Anna", "anna@agency.example", "1795424400 +0000",
};

static struct acct_time now;

#define CARD "clients/acme/client.yaml"
#define ENTRY "clients/acme/log/2026/2026-11-20T1000-call.md"

/* --- a book --------------------------------------------------------------- */

/* A new book in a temporary folder `dir` (a mkdtemp template), opened. */
static struct acct_book *book_new(char *dir)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_book *book = NULL;

	if (!CHECK_MSG(mkdtemp(dir), "mkdtemp: %s", strerror(errno)))
		return NULL;
	if (!CHECK_MSG(acct_book_init(dir, &now, &ident, &err) == 0 &&
		       acct_book_open(&book, dir, &now, &ident, &err) == 0,
		       "%s", err.msg))
		return NULL;
	return book;
}

static void book_done(struct acct_book *book, const char *dir)
{
	char cmd[128];

	acct_book_free(book);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

/* Commit `n` files (path, text pairs) as one change; 0 on success. */
static int commit_files(struct acct_book *book, const char *const *files,
			size_t n, unsigned flags)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_txn *t = NULL;
	size_t i;
	int rc;

	if ((rc = acct_txn_begin(&t, book, &err)) < 0)
		goto out;
	for (i = 0; i < n && !rc; i++)
		rc = acct_txn_put(t, files[2 * i], files[2 * i + 1],
				  strlen(files[2 * i + 1]), flags, &err);
	if (!rc)
		rc = acct_txn_commit(t, "test: files", &err);
out:
	CHECK_MSG(rc == 0, "commit: %d %s", rc, err.msg);
	acct_txn_free(t);
	return rc;
}

/* The card and a log entry, committed. */
static int seed(struct acct_book *book)
{
	static const char *const files[] = {
		CARD, "name: Acme\nstatus: active\n",
		ENTRY, "---\nsummary: Call\n---\nText\n",
	};

	return commit_files(book, files, 2, ACCT_TXN_NEW);
}

static void abs_path(struct acct_buf *out, const struct acct_book *book,
		     const char *rel)
{
	acct_book_path(out, book, rel);
}

static int exists(const struct acct_book *book, const char *rel)
{
	struct acct_buf p = ACCT_BUF_INIT;
	struct stat st;
	int there;

	abs_path(&p, book, rel);
	there = lstat(p.buf, &st) == 0;
	acct_buf_release(&p);
	return there;
}

/* Write `text` to `rel` by hand (as a user's editor would). */
static void write_file(const struct acct_book *book, const char *rel,
		       const char *text)
{
	struct acct_buf p = ACCT_BUF_INIT;
	FILE *f;

	abs_path(&p, book, rel);
	acct_wt_make_parents(p.buf);
	f = fopen(p.buf, "w");
	CHECK_MSG(f && fputs(text, f) >= 0 && fclose(f) == 0, "write %s", rel);
	acct_buf_release(&p);
}

/* The work tree's text of `rel` is `want` (NULL: there is no file). */
static int file_is(int at, const struct acct_book *book, const char *rel,
		   const char *want)
{
	struct acct_buf p = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	int rc = acct_buf_read_file(&text, (abs_path(&p, book, rel), p.buf));
	int ok = want ? rc == 0 && !strcmp(text.buf, want) : rc < 0;

	check_(ok, __FILE__, at, "%s: '%s', want '%s'", rel,
	       rc < 0 ? "(none)" : text.buf, want ? want : "(none)");
	acct_buf_release(&p);
	acct_buf_release(&text);
	return ok;
}

#define FILE_IS(book, rel, want) file_is(__LINE__, book, rel, want)

static void head_id(git_oid *out, struct acct_book *book)
{
	if (git_reference_name_to_id(out, book->repo, "HEAD") < 0) {
		git_error_clear();
		memset(out, 0, sizeof(*out));
	}
}

/* The branch HEAD is on, refs/heads/<name>: free it. */
static char *branch_of(struct acct_book *book)
{
	struct acct_error err = ACCT_ERROR_INIT;
	char *branch = NULL;

	CHECK_MSG(acct_git_branch(&branch, book->repo, &err) == 0, "%s", err.msg);
	return branch ? branch : acct_strdup("refs/heads/main");
}

/* The blob of `rel` in HEAD's tree; 0 when HEAD has none there. */
static int head_blob(git_oid *out, struct acct_book *book, const char *rel)
{
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	git_oid head;
	int found = 0;

	head_id(&head, book);
	if (git_commit_lookup(&c, book->repo, &head) == 0 &&
	    git_commit_tree(&tree, c) == 0 &&
	    git_tree_entry_bypath(&e, tree, rel) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
		git_oid_cpy(out, git_tree_entry_id(e));
		found = 1;
	}
	git_error_clear();
	git_tree_entry_free(e);
	git_tree_free(tree);
	git_commit_free(c);
	return found;
}

/* .git/index as it is on disk now, opened afresh. */
static git_index *index_now(struct acct_book *book)
{
	struct acct_buf p = ACCT_BUF_INIT;
	git_index *idx = NULL;

	acct_buf_addf(&p, "%sindex", git_repository_path(book->repo));
	if (git_index_open(&idx, p.buf) < 0)
		git_error_clear();
	acct_buf_release(&p);
	return idx;
}

static void blob_of(git_oid *out, const char *text)
{
	git_odb_hash(out, text, strlen(text), GIT_OBJECT_BLOB);
}

/*
 * HEAD's tree, the index on disk and the work tree have `rel` with the
 * text `want`, or none of them has it (`want` NULL).
 */
static void agree(int at, struct acct_book *book, const char *rel,
		  const char *want)
{
	git_index *idx = index_now(book);
	const git_index_entry *ie = idx ? git_index_get_bypath(idx, rel, 0)
					: NULL;
	git_oid in_head, blob;
	int in_tree = head_blob(&in_head, book, rel);

	if (want) {
		blob_of(&blob, want);
		check_(in_tree && git_oid_equal(&in_head, &blob), __FILE__, at,
		       "%s: HEAD's tree has %s", rel,
		       in_tree ? "another" : "none");
		check_(ie && git_oid_equal(&ie->id, &blob), __FILE__, at,
		       "%s: the index has %s", rel, ie ? "another" : "none");
	} else {
		check_(!in_tree, __FILE__, at, "%s: still in HEAD's tree", rel);
		check_(!ie, __FILE__, at, "%s: still in the index", rel);
	}
	file_is(at, book, rel, want);
	git_index_free(idx);
}

#define AGREE(book, rel, want) agree(__LINE__, book, rel, want)

/*
 * Whether git status has nothing to say (index as HEAD, work tree as the
 * index, nothing untracked), asked of a repository opened afresh; the
 * first path it names goes into the message.
 */
static int clean(int at, struct acct_book *book)
{
	git_status_options opts = GIT_STATUS_OPTIONS_INIT;
	git_status_list *list = NULL;
	git_repository *repo = NULL;
	size_t n = 99;
	const char *first = "?";

	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
		     GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
	if (git_repository_open(&repo, book->root) == 0 &&
	    git_status_list_new(&list, repo, &opts) == 0) {
		n = git_status_list_entrycount(list);
		if (n) {
			const git_status_entry *s = git_status_byindex(list, 0);
			const git_diff_delta *d = s->index_to_workdir ?
				s->index_to_workdir : s->head_to_index;

			first = d ? d->new_file.path : "?";
		}
	}
	check_(n == 0, __FILE__, at, "git status: %zu paths, first '%s'", n,
	       first);
	git_error_clear();
	git_status_list_free(list);
	git_repository_free(repo);
	return n == 0;
}

#define CLEAN(book) clean(__LINE__, book)

/* --- a picture of the book ------------------------------------------------ */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every folder, file and link below `rel` with its content's id, sorted;
 * git's objects and reflogs are left out (a change taken back may leave
 * objects, as git does; the branch is compared by its id), and with
 * `no_index` .git/index (whose stat data a recovery writes anew).
 */
static void snap_dir(struct acct_buf *out, const char *root, const char *rel,
		     int no_index)
{
	struct acct_buf p = ACCT_BUF_INIT, sub = ACCT_BUF_INIT,
		text = ACCT_BUF_INIT;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	struct dirent *de;
	DIR *d;

	acct_buf_addf(&p, "%s%s%s", root, *rel ? "/" : "", rel);
	if (!(d = opendir(p.buf))) {
		acct_buf_addf(out, "? %s\n", rel);
		acct_buf_release(&p);
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			names = acct_realloc(names, alloc * sizeof(*names));
		}
		names[n++] = acct_strdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		struct stat st;
		char hex[GIT_OID_HEXSZ + 1], link[512];
		git_oid id;
		ssize_t len;

		acct_buf_reset(&sub);
		acct_buf_addf(&sub, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		if (!strcmp(sub.buf, ".git/objects") ||
		    !strcmp(sub.buf, ".git/logs") ||
		    (no_index && !strcmp(sub.buf, ".git/index")))
			continue;
		acct_buf_reset(&p);
		acct_buf_addf(&p, "%s/%s", root, sub.buf);
		if (lstat(p.buf, &st) < 0) {
			acct_buf_addf(out, "? %s\n", sub.buf);
		} else if (S_ISDIR(st.st_mode)) {
			acct_buf_addf(out, "d %s\n", sub.buf);
			snap_dir(out, root, sub.buf, no_index);
		} else if (S_ISLNK(st.st_mode)) {
			len = readlink(p.buf, link, sizeof(link) - 1);
			link[len < 0 ? 0 : len] = '\0';
			acct_buf_addf(out, "l %s -> %s\n", sub.buf, link);
		} else {
			acct_buf_reset(&text);
			acct_buf_read_file(&text, p.buf);
			git_odb_hash(&id, text.buf, text.len, GIT_OBJECT_BLOB);
			git_oid_tostr(hex, sizeof(hex), &id);
			acct_buf_addf(out, "f %s %s\n", sub.buf, hex);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	acct_buf_release(&p);
	acct_buf_release(&sub);
	acct_buf_release(&text);
}

/*
 * The book as a text: HEAD, then every file (the index among them unless
 * `no_index`).
 */
static void snapshot_of(struct acct_buf *out, struct acct_book *book,
			int no_index)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid head;

	acct_buf_reset(out);
	head_id(&head, book);
	git_oid_tostr(hex, sizeof(hex), &head);
	acct_buf_addf(out, "HEAD %s\n", hex);
	snap_dir(out, book->root, "", no_index);
}

static void snapshot(struct acct_buf *out, struct acct_book *book)
{
	snapshot_of(out, book, 0);
}

/* The first line where two pictures differ, for the message. */
static const char *first_diff(const char *a, const char *b)
{
	const char *line = a;

	for (; *a && *a == *b; a++, b++)
		if (*a == '\n')
			line = a + 1;
	return line;
}

static int same_book(int at, struct acct_book *book, const struct acct_buf *was,
		     int no_index)
{
	struct acct_buf is = ACCT_BUF_INIT;
	int ok;

	snapshot_of(&is, book, no_index);
	ok = !strcmp(is.buf, was->buf);
	check_(ok, __FILE__, at, "the book changed, from: %.*s", 200,
	       first_diff(was->buf, is.buf));
	acct_buf_release(&is);
	return ok;
}

#define SAME_BOOK(book, was) same_book(__LINE__, book, was, 0)
/* The same but for .git/index, whose content CLEAN() checks. */
#define SAME_FILES(book, was) same_book(__LINE__, book, was, 1)

/* Nothing of a change is left in .git: locks, the index copy, journal. */
static void no_leftovers(int at, struct acct_book *book)
{
	static const char *const names[] = {
		"index.lock", "acct-index", "acct-index.lock", "acct/journal",
		"acct/journal.lock", "acct/orig-0", "acct/orig-1",
	};
	struct acct_buf p = ACCT_BUF_INIT;
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		acct_buf_reset(&p);
		acct_buf_addf(&p, "%s%s", git_repository_path(book->repo),
			      names[i]);
		check_(lstat(p.buf, &st) < 0, __FILE__, at, ".git/%s is left",
		       names[i]);
	}
	acct_buf_release(&p);
}

#define NO_LEFTOVERS(book) no_leftovers(__LINE__, book)

/* The commit's parents: how many, and the first in `*first`. */
static unsigned parents_of(git_oid *first, struct acct_book *book,
			   const git_oid *id)
{
	git_commit *c = NULL;
	unsigned n = 0;

	if (git_commit_lookup(&c, book->repo, id) == 0) {
		n = git_commit_parentcount(c);
		if (n)
			git_oid_cpy(first, git_commit_parent_id(c, 0));
	}
	git_error_clear();
	git_commit_free(c);
	return n;
}

/* --- commits -------------------------------------------------------------- */

static void test_txn__one_file(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_txn *t = NULL;
	git_oid before, after, parent;
	git_commit *c = NULL;

	if (!book)
		return;
	head_id(&before, book);
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
	if (!t)
		goto out;
	CHECK(acct_txn_head(t) && git_oid_equal(acct_txn_head(t), &before));
	CHECK(acct_txn_commit_id(t) == NULL);
	CHECK(exists(book, ".git/index.lock"));	/* held from begin */
	CHECK_MSG(acct_txn_put(t, CARD, "name: Acme\n", 11, ACCT_TXN_NEW,
			       &err) == 0, "%s", err.msg);
	/* Nothing is written before the commit. */
	CHECK(!exists(book, "clients"));
	CHECK_MSG(acct_txn_commit(t, "client add acme: Acme", &err) == 0, "%s",
		  err.msg);
	head_id(&after, book);
	CHECK(acct_txn_commit_id(t) &&
	      git_oid_equal(acct_txn_commit_id(t), &after));
	acct_txn_free(t);
	t = NULL;
	CHECK(!git_oid_equal(&after, &before));
	CHECK(parents_of(&parent, book, &after) == 1 &&
	      git_oid_equal(&parent, &before));
	if (CHECK(git_commit_lookup(&c, book->repo, &after) == 0))
		CHECK_STR(git_commit_message(c), "client add acme: Acme\n\n"
			  ACCT_TRAILER ": client add\n");
	git_commit_free(c);
	AGREE(book, CARD, "name: Acme\n");
	CLEAN(book);
	NO_LEFTOVERS(book);
	/* What this process reads next is its own commit. */
	{
		char hex[GIT_OID_HEXSZ + 1];

		git_oid_tostr(hex, sizeof(hex), &after);
		CHECK_STR(book->head_seen, hex);
	}

	/* The same file changed: one more commit, the new text everywhere. */
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0 &&
		  acct_txn_put(t, CARD, "name: Acme Two\n", 15, 0, &err) == 0 &&
		  acct_txn_commit(t, "client set acme: name", &err) == 0,
		  "%s", err.msg);
	acct_txn_free(t);
	t = NULL;
	head_id(&before, book);
	CHECK(parents_of(&parent, book, &before) == 1 &&
	      git_oid_equal(&parent, &after));
	AGREE(book, CARD, "name: Acme Two\n");
	CLEAN(book);
	NO_LEFTOVERS(book);
out:
	acct_txn_free(t);
	book_done(book, dir);
}

/* Two thousand files: one commit, the index and the work tree with it. */
static void test_txn__many_files(void)
{
	enum { N = 2000 };
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf path = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	git_oid before, after, parent, blob;
	git_index *idx;
	size_t entries_before = 0, i, wrong_tree = 0, wrong_index = 0,
		wrong_file = 0;
	int rc = 0;

	if (!book)
		return;
	head_id(&before, book);
	if ((idx = index_now(book)))
		entries_before = git_index_entrycount(idx);
	git_index_free(idx);
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
	for (i = 0; t && i < N && !rc; i++) {
		acct_buf_reset(&path);
		acct_buf_reset(&text);
		acct_buf_addf(&path, "clients/many/nps/%zu/answer-%04zu.yaml",
			      i % 20, i);
		acct_buf_addf(&text, "score: %zu\n", i % 11);
		rc = acct_txn_put(t, path.buf, text.buf, text.len, ACCT_TXN_NEW,
				  &err);
	}
	CHECK_MSG(t && rc == 0, "put %zu: %s", i, err.msg);
	CHECK_MSG(t && acct_txn_commit(t, "nps import many: 2000 answers",
				       &err) == 0, "%s", err.msg);
	acct_txn_free(t);
	head_id(&after, book);
	CHECK(parents_of(&parent, book, &after) == 1 &&
	      git_oid_equal(&parent, &before));
	idx = index_now(book);
	CHECK(idx && git_index_entrycount(idx) == entries_before + N);
	for (i = 0; idx && i < N; i++) {
		const git_index_entry *ie;
		git_oid in_tree;

		acct_buf_reset(&path);
		acct_buf_reset(&text);
		acct_buf_addf(&path, "clients/many/nps/%zu/answer-%04zu.yaml",
			      i % 20, i);
		acct_buf_addf(&text, "score: %zu\n", i % 11);
		blob_of(&blob, text.buf);
		if (!head_blob(&in_tree, book, path.buf) ||
		    !git_oid_equal(&in_tree, &blob))
			wrong_tree++;
		ie = git_index_get_bypath(idx, path.buf, 0);
		if (!ie || !git_oid_equal(&ie->id, &blob))
			wrong_index++;
		{
			struct acct_buf abs = ACCT_BUF_INIT, got = ACCT_BUF_INIT;

			abs_path(&abs, book, path.buf);
			if (acct_buf_read_file(&got, abs.buf) < 0 ||
			    strcmp(got.buf, text.buf))
				wrong_file++;
			acct_buf_release(&abs);
			acct_buf_release(&got);
		}
	}
	git_index_free(idx);
	CHECK_INT(wrong_tree, 0);
	CHECK_INT(wrong_index, 0);
	CHECK_INT(wrong_file, 0);
	CLEAN(book);
	NO_LEFTOVERS(book);
	acct_buf_release(&path);
	acct_buf_release(&text);
	book_done(book, dir);
}

/* A tree that would not change makes no commit: 1, and nothing moves. */
static void test_txn__unchanged(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf was = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	static const char card[] = "name: Acme\nstatus: active\n";

	if (!book || seed(book) < 0)
		goto out;
	snapshot(&was, book);
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0 &&
		  acct_txn_put(t, CARD, card, strlen(card), 0, &err) == 0,
		  "%s", err.msg);
	CHECK_INT(acct_txn_commit(t, "client set acme: nothing", &err), 1);
	CHECK(acct_txn_commit_id(t) == NULL);
	acct_txn_free(t);
	SAME_BOOK(book, &was);
	/* Nothing staged at all: the same. */
	t = NULL;
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
	CHECK_INT(acct_txn_commit(t, "client set acme: nothing", &err), 1);
	acct_txn_free(t);
	SAME_BOOK(book, &was);
	NO_LEFTOVERS(book);
out:
	acct_buf_release(&was);
	book_done(book, dir);
}

/* --- what a put refuses --------------------------------------------------- */

/* `call` returns `code` with a message holding `want` (in `err`). */
#define REFUSED(call, code, want) do { \
	int rc_; \
	acct_error_clear(&err); \
	rc_ = (call); \
	CHECK_MSG(rc_ == (code) && strstr(err.msg, (want)), \
		  "%s: %d '%s', want %d '%s'", #call, rc_, err.msg, (code), \
		  (want)); \
} while (0)

static void test_txn__new_refuses(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf was = ACCT_BUF_INIT;
	git_repository *repo = NULL;
	git_index *idx = NULL;
	struct acct_txn *t = NULL;

	if (!book || seed(book) < 0)
		goto out;
	/* A file by hand, not committed; another only in the index. */
	write_file(book, "clients/acme/untracked.md", "mine\n");
	write_file(book, "clients/acme/staged.md", "staged\n");
	if (CHECK(git_repository_open(&repo, book->root) == 0 &&
		  git_repository_index(&idx, repo) == 0)) {
		CHECK(git_index_add_bypath(idx, "clients/acme/staged.md") == 0 &&
		      git_index_write(idx) == 0);
	}
	git_index_free(idx);
	git_repository_free(repo);
	{
		struct acct_buf p = ACCT_BUF_INIT;

		abs_path(&p, book, "clients/acme/staged.md");
		CHECK(unlink(p.buf) == 0);
		acct_buf_release(&p);
	}
	snapshot(&was, book);
	if (!CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg))
		goto out;
	REFUSED(acct_txn_put(t, CARD, "x\n", 2, ACCT_TXN_NEW, &err),
		ACCT_EEXISTS, "'" CARD "' exists");
	REFUSED(acct_txn_put(t, "clients/acme", "x\n", 2, ACCT_TXN_NEW, &err),
		ACCT_ESTATE, "'clients/acme' is a folder in git, not a file");
	/*
	 * Someone's work not committed is a change by hand (ACCT_ESTATE),
	 * not a taken name: the command stops and says so.
	 */
	REFUSED(acct_txn_put(t, "clients/acme/untracked.md", "x\n", 2,
			     ACCT_TXN_NEW, &err),
		ACCT_ESTATE, "'clients/acme/untracked.md' exists but is not "
		"committed");
	REFUSED(acct_txn_put(t, "clients/acme/staged.md", "x\n", 2,
			     ACCT_TXN_NEW, &err),
		ACCT_ESTATE, "'clients/acme/staged.md' is staged but not "
		"committed");
	/* Without ACCT_TXN_NEW the same. */
	REFUSED(acct_txn_put(t, "clients/acme/untracked.md", "x\n", 2, 0, &err),
		ACCT_ESTATE, "exists but is not committed");
	/* One path twice in a change. */
	CHECK_MSG(acct_txn_put(t, "clients/acme/new.md", "a\n", 2, ACCT_TXN_NEW,
			       &err) == 0, "%s", err.msg);
	REFUSED(acct_txn_put(t, "clients/acme/new.md", "b\n", 2, ACCT_TXN_NEW,
			     &err),
		ACCT_EEXISTS, "'clients/acme/new.md' is written twice");
	REFUSED(acct_txn_remove(t, "clients/acme/new.md", &err),
		ACCT_EEXISTS, "is written twice");
	acct_txn_free(t);
	t = NULL;
	/* The refusals and the rollback left it all as it was. */
	SAME_BOOK(book, &was);
	FILE_IS(book, "clients/acme/untracked.md", "mine\n");
	NO_LEFTOVERS(book);
out:
	acct_txn_free(t);
	acct_buf_release(&was);
	book_done(book, dir);
}

static void test_txn__put_refuses(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf was = ACCT_BUF_INIT, p = ACCT_BUF_INIT;
	git_repository *repo = NULL;
	git_index *idx = NULL;
	struct acct_txn *t = NULL;
	static const char *const files[] = {
		"clients/beta/client.yaml", "name: Beta\n",
		"clients/gamma/client.yaml", "name: Gamma\n",
		"clients/delta/client.yaml", "name: Delta\n",
	};
	static const char *const bad_paths[] = {
		"", "/etc/passwd", "../x", "clients/../x", "clients/./x",
		"clients//x", "clients/x/", ".git/config", ".GIT/config",
		"clients/.git/x", "clients/a\nb", "clients/a\tb",
	};
	size_t i;

	if (!book || seed(book) < 0 || commit_files(book, files, 3, 0) < 0)
		goto out;
	/* Changed in the work tree; in the index only; deleted. */
	write_file(book, CARD, "name: Acme by hand\n");
	write_file(book, "clients/beta/client.yaml", "name: Beta staged\n");
	if (CHECK(git_repository_open(&repo, book->root) == 0 &&
		  git_repository_index(&idx, repo) == 0))
		CHECK(git_index_add_bypath(idx, "clients/beta/client.yaml") == 0 &&
		      git_index_write(idx) == 0);
	git_index_free(idx);
	git_repository_free(repo);
	write_file(book, "clients/beta/client.yaml", "name: Beta\n");
	abs_path(&p, book, "clients/gamma/client.yaml");
	CHECK(unlink(p.buf) == 0);
	/* A folder that is a link (to another client's), a file that is. */
	abs_path(&p, book, "clients/linked");
	CHECK(symlink("delta", p.buf) == 0);
	abs_path(&p, book, "clients/delta/link.md");
	CHECK(symlink("client.yaml", p.buf) == 0);
	snapshot(&was, book);

	if (!CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg))
		goto out;
	REFUSED(acct_txn_put(t, CARD, "x\n", 2, 0, &err), ACCT_ESTATE,
		"'" CARD "' has changes not committed");
	CHECK_STR(err.hint, "commit or discard the change by hand first (git "
		  "status; git diff -- '" CARD "'), then run acct again");
	REFUSED(acct_txn_put(t, "clients/beta/client.yaml", "x\n", 2, 0, &err),
		ACCT_ESTATE, "'clients/beta/client.yaml' has changes staged but "
		"not committed");
	REFUSED(acct_txn_put(t, "clients/gamma/client.yaml", "x\n", 2, 0, &err),
		ACCT_ESTATE, "'clients/gamma/client.yaml' was deleted but not "
		"committed");
	REFUSED(acct_txn_put(t, "clients/linked/client.yaml", "x\n", 2, 0, &err),
		ACCT_ESTATE, "'clients/linked' is a symbolic link");
	REFUSED(acct_txn_put(t, "clients/linked/new.md", "x\n", 2, ACCT_TXN_NEW,
			     &err),
		ACCT_ESTATE, "'clients/linked' is a symbolic link");
	REFUSED(acct_txn_put(t, "clients/delta/link.md", "x\n", 2, 0, &err),
		ACCT_ESTATE, "'clients/delta/link.md' is a symbolic link");
	REFUSED(acct_txn_remove(t, CARD, &err), ACCT_ESTATE,
		"has changes not committed");
	for (i = 0; i < sizeof(bad_paths) / sizeof(*bad_paths); i++) {
		int rc = acct_txn_put(t, bad_paths[i], "x\n", 2, 0, &err);

		CHECK_MSG(rc == ACCT_ERROR && strstr(err.msg, "is not a path "
			  "acct writes"), "'%s': %d %s", bad_paths[i], rc,
			  err.msg);
		acct_error_clear(&err);
	}
	/* A clean file beside them still goes in. */
	CHECK_MSG(acct_txn_put(t, "clients/delta/client.yaml", "name: D\n", 8, 0,
			       &err) == 0, "%s", err.msg);
	CHECK_MSG(acct_txn_commit(t, "client set delta: name", &err) == 0, "%s",
		  err.msg);
	acct_txn_free(t);
	t = NULL;
	/* The hand changes are as they were, the link's target as committed. */
	FILE_IS(book, CARD, "name: Acme by hand\n");
	FILE_IS(book, "clients/gamma/client.yaml", NULL);
	FILE_IS(book, "clients/delta/client.yaml", "name: D\n");
	{
		git_index *now_idx = index_now(book);
		const git_index_entry *ie = now_idx ?
			git_index_get_bypath(now_idx, "clients/beta/client.yaml", 0)
			: NULL;
		git_oid staged;

		blob_of(&staged, "name: Beta staged\n");
		CHECK(ie && git_oid_equal(&ie->id, &staged));
		git_index_free(now_idx);
	}
	NO_LEFTOVERS(book);
out:
	acct_txn_free(t);
	acct_buf_release(&was);
	acct_buf_release(&p);
	book_done(book, dir);
}

/* --- remove and move ------------------------------------------------------ */

static void test_txn__remove(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf was = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	git_oid before, after, parent;

	if (!book || seed(book) < 0)
		goto out;
	head_id(&before, book);
	snapshot(&was, book);
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
	if (!t)
		goto out;
	REFUSED(acct_txn_remove(t, "clients/acme/missing.md", &err),
		ACCT_ENOTFOUND, "'clients/acme/missing.md' is not in git");
	REFUSED(acct_txn_remove(t, "clients/zz/client.yaml", &err),
		ACCT_ENOTFOUND, "is not in git");
	CHECK_MSG(acct_txn_remove(t, ENTRY, &err) == 0, "%s", err.msg);
	/* Staged, not done: the file is there until the commit. */
	CHECK(exists(book, ENTRY));
	CHECK_MSG(acct_txn_commit(t, "log acme: removed", &err) == 0, "%s",
		  err.msg);
	acct_txn_free(t);
	t = NULL;
	head_id(&after, book);
	CHECK(parents_of(&parent, book, &after) == 1 &&
	      git_oid_equal(&parent, &before));
	AGREE(book, ENTRY, NULL);
	AGREE(book, CARD, "name: Acme\nstatus: active\n");
	/* The folders it leaves empty go; the client's stays. */
	CHECK(!exists(book, "clients/acme/log/2026"));
	CHECK(!exists(book, "clients/acme/log"));
	CHECK(exists(book, "clients/acme"));
	CLEAN(book);
	NO_LEFTOVERS(book);

	/* A removal not committed goes back whole. */
	snapshot(&was, book);
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0 &&
		  acct_txn_remove(t, CARD, &err) == 0, "%s", err.msg);
	acct_txn_free(t);
	t = NULL;
	SAME_BOOK(book, &was);
out:
	acct_txn_free(t);
	acct_buf_release(&was);
	book_done(book, dir);
}

static void test_txn__move(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf was = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	static const char *const other[] = {
		"clients/beta/client.yaml", "name: Beta\n",
	};
	static const char entry[] = "---\nsummary: Call\n---\nText\n";
	const char *moved = "clients/acme-two/log/2026/2026-11-20T1000-call.md";
	git_oid before, after, parent;

	if (!book || seed(book) < 0 || commit_files(book, other, 1, 0) < 0)
		goto out;
	head_id(&before, book);
	snapshot(&was, book);
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
	if (!t)
		goto out;
	REFUSED(acct_txn_move(t, "clients/acme", "clients/beta", &err),
		ACCT_EEXISTS, "'clients/beta' exists");
	REFUSED(acct_txn_move(t, "clients/zz", "clients/yy", &err),
		ACCT_ESTATE, "'clients/zz' is not a folder committed in git");
	REFUSED(acct_txn_move(t, CARD, "clients/card", &err),
		ACCT_ESTATE, "is not a folder committed in git");
	REFUSED(acct_txn_move(t, "clients/acme", "../out", &err),
		ACCT_ERROR, "'../out' is not a path acct writes");
	CHECK_MSG(acct_txn_move(t, "clients/acme", "clients/acme-two",
				&err) == 0, "%s", err.msg);
	/* A file put under the new place replaces the moved one. */
	CHECK_MSG(acct_txn_put(t, "clients/acme-two/client.yaml",
			       "name: Acme Two\n", 15, 0, &err) == 0, "%s", err.msg);
	CHECK(exists(book, "clients/acme") && !exists(book, "clients/acme-two"));
	CHECK_MSG(acct_txn_commit(t, "client rename acme-two: Acme Two",
				  &err) == 0, "%s", err.msg);
	acct_txn_free(t);
	t = NULL;
	head_id(&after, book);
	CHECK(parents_of(&parent, book, &after) == 1 &&
	      git_oid_equal(&parent, &before));
	AGREE(book, CARD, NULL);
	AGREE(book, ENTRY, NULL);
	CHECK(!exists(book, "clients/acme"));
	AGREE(book, "clients/acme-two/client.yaml", "name: Acme Two\n");
	AGREE(book, moved, entry);
	AGREE(book, "clients/beta/client.yaml", "name: Beta\n");
	CLEAN(book);
	NO_LEFTOVERS(book);

	/* Not committed: the folder goes back where it was. */
	snapshot(&was, book);
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0 &&
		  acct_txn_move(t, "clients/acme-two", "clients/acme", &err) == 0,
		  "%s", err.msg);
	acct_txn_free(t);
	t = NULL;
	SAME_BOOK(book, &was);

	/* A file changed by hand or not in git stops the move. */
	write_file(book, moved, "by hand\n");
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
	REFUSED(acct_txn_move(t, "clients/acme-two", "clients/acme", &err),
		ACCT_ESTATE, "'" "clients/acme-two/log/2026/2026-11-20T1000-"
		"call.md' has changes not committed");
	acct_txn_free(t);
	t = NULL;
	write_file(book, moved, entry);
	write_file(book, "clients/acme-two/notes.txt", "mine\n");
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
	REFUSED(acct_txn_move(t, "clients/acme-two", "clients/acme", &err),
		ACCT_ESTATE, "'clients/acme-two/notes.txt' is not committed");
	acct_txn_free(t);
	t = NULL;
	FILE_IS(book, "clients/acme-two/notes.txt", "mine\n");
	NO_LEFTOVERS(book);
out:
	acct_txn_free(t);
	acct_buf_release(&was);
	book_done(book, dir);
}

/* --- rollback ------------------------------------------------------------- */

/*
 * A change of every kind, staged: a new file in new folders, a changed
 * one, a removed one and a moved folder. Returns the transaction.
 */
static struct acct_txn *stage_all(struct acct_book *book)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_txn *t = NULL;

	if (CHECK_MSG(acct_txn_begin(&t, book, &err) == 0 &&
		      acct_txn_put(t, "clients/zed/client.yaml", "name: Zed\n",
				   10, ACCT_TXN_NEW, &err) == 0 &&
		      acct_txn_put(t, CARD, "name: Acme 2\n", 13, 0, &err) == 0 &&
		      acct_txn_remove(t, ENTRY, &err) == 0 &&
		      acct_txn_move(t, "clients/beta", "clients/beta-two",
				    &err) == 0, "%s", err.msg))
		return t;
	acct_txn_free(t);
	return NULL;
}

static const char *const beta[] = {
	"clients/beta/client.yaml", "name: Beta\n",
	"clients/beta/log/2026/2026-11-02T0900-a.md", "---\nsummary: A\n---\n",
};

/* Remove the folder that stood where clients/zed/notes.md was to go. */
static void unobstruct(struct acct_book *book)
{
	struct acct_buf p = ACCT_BUF_INIT;

	abs_path(&p, book, "clients/zed/notes.md/inside");
	CHECK(unlink(p.buf) == 0);
	acct_wt_prune(book, "clients/zed/notes.md/inside");
	CHECK(!exists(book, "clients/zed"));
	acct_buf_release(&p);
}

/* acct_txn_free() without a commit: HEAD, index, work tree as before. */
static void test_txn__rollback_free(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_buf was = ACCT_BUF_INIT;
	struct acct_txn *t;

	if (!book || seed(book) < 0 || commit_files(book, beta, 2, 0) < 0)
		goto out;
	snapshot(&was, book);
	t = stage_all(book);
	CHECK(t != NULL);
	acct_txn_free(t);
	SAME_BOOK(book, &was);
	NO_LEFTOVERS(book);
	CLEAN(book);
out:
	acct_buf_release(&was);
	book_done(book, dir);
}

/*
 * A commit that fails at a step: all written, then one lock file cannot
 * be made (prepare); a rename fails halfway (apply); the branch is locked
 * or was moved by someone else; the index cannot be put in place after
 * the branch moved. Each time the book is as it was, and the next change
 * goes through.
 */
static void test_txn__rollback_steps(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf was = ACCT_BUF_INIT, p = ACCT_BUF_INIT,
		q = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	char *branch = NULL;
	git_oid before, now_id;
	int rc;

	if (!book || seed(book) < 0 || commit_files(book, beta, 2, 0) < 0)
		goto out;
	branch = branch_of(book);
	head_id(&before, book);

	/* Prepare: a file in the way of a folder, found only at the commit. */
	write_file(book, "blocker", "a file, not a folder\n");
	snapshot(&was, book);
	if ((t = stage_all(book))) {
		CHECK_MSG(acct_txn_put(t, "blocker/x.md", "x\n", 2, ACCT_TXN_NEW,
				       &err) == 0, "%s", err.msg);
		rc = acct_txn_commit(t, "test: prepare fails", &err);
		CHECK_MSG(rc == ACCT_ERROR && strstr(err.msg, "blocker/x.md"),
			  "%d %s", rc, err.msg);
		CHECK_STR(err.hint, "nothing was changed; fix the cause and run "
			  "the command again");
		CHECK(acct_txn_commit_id(t) == NULL);
		acct_txn_free(t);
	}
	SAME_BOOK(book, &was);
	NO_LEFTOVERS(book);
	abs_path(&p, book, "blocker");
	unlink(p.buf);

	/*
	 * Apply: the last rename finds a folder where its file goes, made
	 * after the put. The changed card and the new file were renamed
	 * into place by then: both go back.
	 */
	snapshot(&was, book);
	if ((t = stage_all(book))) {
		CHECK_MSG(acct_txn_put(t, "clients/zed/notes.md", "x\n", 2,
				       ACCT_TXN_NEW, &err) == 0, "%s", err.msg);
		write_file(book, "clients/zed/notes.md/inside", "x\n");
		rc = acct_txn_commit(t, "test: apply fails", &err);
		CHECK_MSG(rc == ACCT_ERROR && strstr(err.msg, "notes.md"),
			  "%d %s", rc, err.msg);
		CHECK_STR(err.hint, "nothing was changed; fix the cause and "
			  "run the command again");
		acct_txn_free(t);
		unobstruct(book);
		SAME_BOOK(book, &was);
		NO_LEFTOVERS(book);
	}

	/* The branch: its lock is held by another process. */
	acct_buf_reset(&q);
	acct_buf_addf(&q, "%s%s.lock", git_repository_path(book->repo), branch);
	CHECK(close(open(q.buf, O_WRONLY | O_CREAT | O_EXCL, 0666)) == 0);
	snapshot(&was, book);
	if ((t = stage_all(book))) {
		rc = acct_txn_commit(t, "test: branch locked", &err);
		CHECK_MSG(rc == ACCT_ELOCKED && strstr(err.msg, ".lock' exists"),
			  "%d %s", rc, err.msg);
		acct_txn_free(t);
	}
	SAME_BOOK(book, &was);
	unlink(q.buf);
	NO_LEFTOVERS(book);

	/*
	 * The branch moved by someone else between begin and commit (plain
	 * git: acct's own changes wait for .git/index.lock): refused, and
	 * the book's files and index as they were.
	 */
	snapshot(&was, book);
	if ((t = stage_all(book))) {
		git_commit *head = NULL;
		git_reference *ref = NULL;
		git_oid theirs;
		git_signature *sig = NULL;
		git_tree *tree = NULL;

		CHECK(git_commit_lookup(&head, book->repo, &before) == 0 &&
		      git_commit_tree(&tree, head) == 0 &&
		      git_signature_now(&sig, "Boris", "b@example.org") == 0 &&
		      git_commit_create_v(&theirs, book->repo, NULL, sig, sig,
					  NULL, "theirs\n", tree, 1, head) == 0 &&
		      git_reference_create(&ref, book->repo, branch, &theirs, 1,
					   "theirs") == 0);
		rc = acct_txn_commit(t, "test: branch moved", &err);
		CHECK_MSG(rc == ACCT_ERROR && strstr(err.msg, "another process "
			  "moved it meanwhile"), "%d %s", rc, err.msg);
		CHECK_STR(err.hint, "nothing was changed; run the command again");
		acct_txn_free(t);
		head_id(&now_id, book);
		CHECK(git_oid_equal(&now_id, &theirs));
		/* All but HEAD as it was; then HEAD back for what follows. */
		git_reference_free(ref);
		ref = NULL;
		CHECK(git_reference_create(&ref, book->repo, branch, &before, 1,
					   "back") == 0);
		SAME_BOOK(book, &was);
		git_reference_free(ref);
		git_signature_free(sig);
		git_tree_free(tree);
		git_commit_free(head);
	}
	NO_LEFTOVERS(book);

	/*
	 * The index cannot be put in place after the branch moved (a folder
	 * where .git/index goes): the branch moves back, the files go back.
	 */
	snapshot(&was, book);
	if ((t = stage_all(book))) {
		acct_buf_reset(&p);
		acct_buf_addf(&p, "%sindex", git_repository_path(book->repo));
		acct_buf_reset(&q);
		acct_buf_addf(&q, "%sindex.real", git_repository_path(book->repo));
		CHECK(rename(p.buf, q.buf) == 0 && mkdir(p.buf, 0777) == 0);
		acct_buf_addstr(&p, "/x");
		CHECK(close(open(p.buf, O_WRONLY | O_CREAT | O_EXCL, 0666)) == 0);
		rc = acct_txn_commit(t, "test: index fails", &err);
		CHECK_MSG(rc == ACCT_ERROR && strstr(err.msg, "index"), "%d %s",
			  rc, err.msg);
		CHECK_STR(err.hint, "nothing was changed; fix the cause and run "
			  "the command again");
		CHECK(acct_txn_commit_id(t) == NULL);
		acct_txn_free(t);
		head_id(&now_id, book);
		CHECK(git_oid_equal(&now_id, &before));
		CHECK(unlink(p.buf) == 0);
		acct_buf_setlen(&p, p.len - 2);
		CHECK(rmdir(p.buf) == 0 && rename(q.buf, p.buf) == 0);
		SAME_BOOK(book, &was);
		NO_LEFTOVERS(book);
	}

	/* After all that, the change goes through. */
	if ((t = stage_all(book))) {
		CHECK_MSG(acct_txn_commit(t, "test: at last", &err) == 0, "%s",
			  err.msg);
		acct_txn_free(t);
		AGREE(book, "clients/zed/client.yaml", "name: Zed\n");
		AGREE(book, CARD, "name: Acme 2\n");
		AGREE(book, ENTRY, NULL);
		AGREE(book, "clients/beta-two/client.yaml", "name: Beta\n");
		AGREE(book, "clients/beta/client.yaml", NULL);
		CLEAN(book);
		NO_LEFTOVERS(book);
	}
out:
	free(branch);
	acct_buf_release(&was);
	acct_buf_release(&p);
	acct_buf_release(&q);
	book_done(book, dir);
}

/*
 * A file changed by another command after this one opened the book (it
 * read the old text, and would write it back): ACCT_ECONFLICT.
 */
static void test_txn__changed_since_opened(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir), *other = NULL;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_txn *t = NULL;
	static const char *const theirs[] = { CARD, "name: Theirs\n" };

	if (!book || seed(book) < 0)
		goto out;
	acct_book_free(book);
	book = NULL;
	if (!CHECK_MSG(acct_book_open(&book, dir, &now, &ident, &err) == 0 &&
		       acct_book_open(&other, dir, &now, &ident, &err) == 0,
		       "%s", err.msg))
		goto out;
	if (commit_files(other, theirs, 1, 0) < 0)
		goto out;
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
	REFUSED(acct_txn_put(t, CARD, "name: Mine\n", 11, 0, &err),
		ACCT_ECONFLICT, "'" CARD "' was changed by another command while "
		"this one ran");
	CHECK_STR(err.hint, "nothing was changed; run the command again");
	/* What the other did not touch can still be written. */
	CHECK_MSG(acct_txn_put(t, ENTRY, "---\nsummary: Mine\n---\n", 22, 0,
			       &err) == 0, "%s", err.msg);
	CHECK_INT(acct_txn_commit(t, "log acme: mine", &err), 0);
	acct_txn_free(t);
	t = NULL;
	AGREE(book, CARD, "name: Theirs\n");
	AGREE(book, ENTRY, "---\nsummary: Mine\n---\n");
	CLEAN(book);
out:
	acct_txn_free(t);
	acct_book_free(other);
	book_done(book, dir);
}

/* --- begin ---------------------------------------------------------------- */

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* .git/index.lock held by someone else: ACCT_ELOCKED, after the wait. */
static void test_txn__index_locked(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf lock = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	double start;
	int fd, rc;

	if (!book)
		return;
	acct_buf_addf(&lock, "%sindex.lock", git_repository_path(book->repo));
	fd = open(lock.buf, O_WRONLY | O_CREAT | O_EXCL, 0666);
	CHECK(fd >= 0 && write(fd, "theirs\n", 7) == 7 && close(fd) == 0);
	start = seconds();
	rc = acct_txn_begin(&t, book, &err);
	CHECK_MSG(rc == ACCT_ELOCKED && t == NULL, "%d %s", rc, err.msg);
	CHECK_MSG(seconds() - start >= 1.9, "gave up after %.2f s",
		  seconds() - start);
	CHECK_STR(err.msg, "'.git/index.lock' exists: another acct or git "
		  "process may be running in the book");
	CHECK_MSG(strstr(err.hint, "remove '.git/index.lock'") != NULL, "%s",
		  err.hint);
	/* Theirs is left as it was, and nothing of ours is there. */
	CHECK(acct_buf_read_file(&text, lock.buf) == 0 &&
	      !strcmp(text.buf, "theirs\n"));
	CHECK(!exists(book, ".git/acct-index"));
	unlink(lock.buf);
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
	acct_txn_free(t);
	NO_LEFTOVERS(book);
	acct_buf_release(&lock);
	acct_buf_release(&text);
	book_done(book, dir);
}

/* A detached HEAD is no branch to commit to: refused, nothing held. */
static void test_txn__detached(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_txn *t = NULL;
	char *branch;
	git_oid head;

	if (!book)
		return;
	branch = branch_of(book);
	head_id(&head, book);
	CHECK(git_repository_set_head_detached(book->repo, &head) == 0);
	CHECK_INT(acct_txn_begin(&t, book, &err), ACCT_ESTATE);
	CHECK(t == NULL);
	NO_LEFTOVERS(book);
	CHECK(git_repository_set_head(book->repo, branch) == 0);
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
	acct_txn_free(t);
	free(branch);
	book_done(book, dir);
}

/* --- signals -------------------------------------------------------------- */

/*
 * A signal that comes while a change is being committed waits for the
 * change to end: in a child, SIGTERM is raised with the signals held
 * back, the commit runs (its own holding nests), and the signal ends the
 * child at acct_signals_resume(). Whole when the commit succeeded, as
 * before when it failed (a folder in the way of the last rename).
 */
static void signal_during_commit(struct acct_book *book, int fail)
{
	struct acct_buf was = ACCT_BUF_INIT;
	git_oid before, after, parent;
	int status = 0;
	pid_t pid;

	head_id(&before, book);
	snapshot(&was, book);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		struct acct_error err = ACCT_ERROR_INIT;
		struct acct_txn *t = stage_all(book);

		if (!t || (fail && acct_txn_put(t, "clients/zed/notes.md", "x\n",
						2, ACCT_TXN_NEW, &err) < 0))
			_exit(99);
		if (fail)
			write_file(book, "clients/zed/notes.md/inside", "x\n");
		acct_signals_defer();
		raise(SIGTERM);
		if (acct_txn_commit(t, "test: signalled", &err) !=
		    (fail ? ACCT_ERROR : 0))
			_exit(98);
		acct_txn_free(t);
		acct_signals_resume();
		_exit(97);	/* not reached: SIGTERM came */
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
		  "status %d", status);
	head_id(&after, book);
	if (fail) {
		CHECK(git_oid_equal(&after, &before));
		unobstruct(book);
		SAME_BOOK(book, &was);
	} else {
		CHECK(parents_of(&parent, book, &after) == 1 &&
		      git_oid_equal(&parent, &before));
		AGREE(book, "clients/zed/client.yaml", "name: Zed\n");
		AGREE(book, CARD, "name: Acme 2\n");
		AGREE(book, ENTRY, NULL);
		AGREE(book, "clients/beta-two/client.yaml", "name: Beta\n");
		CLEAN(book);
	}
	NO_LEFTOVERS(book);
	acct_buf_release(&was);
}

static void test_txn__signal_during_commit(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);

	if (!book || seed(book) < 0 || commit_files(book, beta, 2, 0) < 0)
		goto out;
	signal_during_commit(book, 1);
	signal_during_commit(book, 0);
out:
	book_done(book, dir);
}

/* --- recovery ------------------------------------------------------------- */

enum killed_at {
	KILLED_PREPARED,	/* every lock written, nothing renamed */
	KILLED_APPLIED,		/* renamed, the branch not moved */
	KILLED_MOVED,		/* the branch moved, the index not written */
};

/*
 * What a SIGKILL leaves: the change of `CARD` (to `card`), a new file and
 * the removal of `ENTRY` (and with `move` the folder clients/beta moved
 * to clients/beta-two), done with lib/worktree.c's steps as lib/txn.c
 * does them, up to `at`; then left, journal and all. The index is not
 * touched, and nobody holds .git/index.lock (the user removed it).
 */
static int killed_change(struct acct_book *book, enum killed_at at,
			 const char *card, int move)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_tree_op ops[5];
	git_oid head, blob_card, blob_new, old_card, old_entry, beta_tree,
		commit;
	git_commit *hc = NULL;
	git_tree *tree = NULL, *built = NULL;
	const git_commit *parents[1];
	struct acct_wt *w = NULL;
	char *branch = branch_of(book);
	size_t n = 0;
	int rc = -1;

	head_id(&head, book);
	if (!head_blob(&old_card, book, CARD) ||
	    !head_blob(&old_entry, book, ENTRY) ||
	    git_commit_lookup(&hc, book->repo, &head) < 0 ||
	    git_commit_tree(&tree, hc) < 0 ||
	    git_blob_create_from_buffer(&blob_card, book->repo, card,
					strlen(card)) < 0 ||
	    git_blob_create_from_buffer(&blob_new, book->repo, "name: Zed\n",
					10) < 0)
		goto out;
	if (move) {
		git_tree_entry *e = NULL;

		if (git_tree_entry_bypath(&e, tree, "clients/beta") < 0)
			goto out;
		git_oid_cpy(&beta_tree, git_tree_entry_id(e));
		git_tree_entry_free(e);
		ops[n++] = (struct acct_tree_op){ "clients/beta", NULL, 0 };
		ops[n++] = (struct acct_tree_op){ "clients/beta-two", &beta_tree,
						  GIT_FILEMODE_TREE };
	}
	ops[n++] = (struct acct_tree_op){ CARD, &blob_card, GIT_FILEMODE_BLOB };
	ops[n++] = (struct acct_tree_op){ "clients/zed/client.yaml", &blob_new,
					  GIT_FILEMODE_BLOB };
	ops[n++] = (struct acct_tree_op){ ENTRY, NULL, GIT_FILEMODE_BLOB };
	parents[0] = hc;
	if (acct_tree_build(&built, book->repo, tree, ops, n, NULL, &err) < 0 ||
	    acct_commit_create(&commit, book, "killed\n", built, parents, 1,
			       &err) < 0)
		goto out;
	w = acct_wt_new(book);
	if (move)
		acct_wt_move(w, "clients/beta", "clients/beta-two", &beta_tree);
	acct_wt_put(w, CARD, card, strlen(card), &blob_card, &old_card);
	acct_wt_put(w, "clients/zed/client.yaml", "name: Zed\n", 10, &blob_new,
		    NULL);
	acct_wt_put(w, ENTRY, NULL, 0, NULL, &old_entry);
	if (acct_wt_prepare(w, branch, &head, &commit, &err) < 0 ||
	    (at >= KILLED_APPLIED && acct_wt_apply(w, &err) < 0) ||
	    (at >= KILLED_MOVED &&
	     acct_branch_update(book->repo, branch, &commit, &head, "killed",
				&err) < 0))
		goto out;
	acct_wt_keep(w);
	rc = 0;
out:
	CHECK_MSG(rc == 0, "the killed change: %s", err.msg);
	acct_wt_free(w);
	git_tree_free(built);
	git_tree_free(tree);
	git_commit_free(hc);
	free(branch);
	return rc;
}

/* Whether any `*.lock` is left in the work tree (outside .git). */
static int work_locks(const struct acct_buf *snap)
{
	const char *s = snap->buf;

	while ((s = strstr(s, ".lock "))) {
		const char *line = s;

		while (line > snap->buf && line[-1] != '\n')
			line--;
		if (strncmp(line, "f .git/", 7))
			return 1;
		s++;
	}
	return 0;
}

static void test_txn__recover(void)
{
	static const struct {
		enum killed_at at;
		int move;
		int whole;	/* the branch moved: the change is finished */
	} cases[] = {
		{ KILLED_PREPARED, 0, 0 }, { KILLED_APPLIED, 0, 0 },
		{ KILLED_MOVED, 0, 1 }, { KILLED_PREPARED, 1, 0 },
		{ KILLED_APPLIED, 1, 0 }, { KILLED_MOVED, 1, 1 },
	};
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf was = ACCT_BUF_INIT, snap = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	git_oid before, after;
	size_t i;

	if (!book || seed(book) < 0 || commit_files(book, beta, 2, 0) < 0)
		goto out;
	head_id(&before, book);
	snapshot_of(&was, book, 1);
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		if (killed_change(book, cases[i].at, "name: Killed\n",
				  cases[i].move) < 0)
			break;
		CHECK_MSG(exists(book, ".git/acct/journal"), "case %zu", i);
		CHECK_MSG(exists(book, ".git/acct/orig-0"), "case %zu", i);
		if (cases[i].at == KILLED_PREPARED)
			CHECK_MSG(exists(book, CARD ".lock"), "case %zu", i);
		/* The next change finds the journal and puts the book right. */
		CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "case %zu: %s",
			  i, err.msg);
		acct_txn_free(t);
		t = NULL;
		NO_LEFTOVERS(book);
		snapshot(&snap, book);
		CHECK_MSG(!work_locks(&snap), "case %zu: a lock is left", i);
		CHECK_MSG(CLEAN(book), "case %zu", i);
		head_id(&after, book);
		if (!cases[i].whole) {
			CHECK_MSG(git_oid_equal(&after, &before), "case %zu", i);
			CHECK_MSG(SAME_FILES(book, &was), "case %zu", i);
			continue;
		}
		AGREE(book, CARD, "name: Killed\n");
		AGREE(book, "clients/zed/client.yaml", "name: Zed\n");
		AGREE(book, ENTRY, NULL);
		if (cases[i].move) {
			AGREE(book, "clients/beta-two/client.yaml", "name: Beta\n");
			AGREE(book, "clients/beta/client.yaml", NULL);
			CHECK(!exists(book, "clients/beta"));
		}
		/*
		 * Back to the start for the next case, as a change; the book
		 * opened again, since the branch moved behind its back.
		 */
		acct_book_free(book);
		book = NULL;
		if (!CHECK_MSG(acct_book_open(&book, dir, &now, &ident,
					      &err) == 0, "%s", err.msg))
			goto out;
		{
			struct acct_txn *back = NULL;

			CHECK_MSG(acct_txn_begin(&back, book, &err) == 0 &&
				  acct_txn_put(back, CARD, "name: Acme\nstatus: "
					       "active\n", 26, 0, &err) == 0 &&
				  acct_txn_put(back, ENTRY, "---\nsummary: Call\n"
					       "---\nText\n", 27, ACCT_TXN_NEW,
					       &err) == 0 &&
				  acct_txn_remove(back, "clients/zed/client.yaml",
						  &err) == 0 &&
				  (!cases[i].move ||
				   acct_txn_move(back, "clients/beta-two",
						 "clients/beta", &err) == 0) &&
				  acct_txn_commit(back, "test: back", &err) == 0,
				  "%s", err.msg);
			acct_txn_free(back);
			head_id(&before, book);
			snapshot_of(&was, book, 1);
		}
	}

	/* A text changed by hand since the kill is left as it is. */
	if (killed_change(book, KILLED_APPLIED, "name: Killed\n", 0) == 0) {
		write_file(book, CARD, "name: By hand\n");
		CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
		acct_txn_free(t);
		t = NULL;
		FILE_IS(book, CARD, "name: By hand\n");
		AGREE(book, "clients/zed/client.yaml", NULL);
		AGREE(book, ENTRY, "---\nsummary: Call\n---\nText\n");
		NO_LEFTOVERS(book);
		write_file(book, CARD, "name: Acme\nstatus: active\n");
		CLEAN(book);
	}
out:
	acct_txn_free(t);
	acct_buf_release(&was);
	acct_buf_release(&snap);
	book_done(book, dir);
}

/* A journal that cannot be read, or names another branch: refused. */
static void test_txn__recover_refuses(void)
{
	char dir[] = "/tmp/acct-test-txn.XXXXXX";
	struct acct_book *book = book_new(dir);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf p = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	static const char *const damaged[] = {
		"acct journal 2\nbranch refs/heads/main\n",
		"acct journal 1\nbranch refs/heads/main\nnew 12\n",
		"acct journal 1\nbranch refs/heads/main\nfile - -\n",
		"acct journal 1\nbranch refs/heads/main\nwhat is this\n",
		"acct journal 1\nbranch refs/heads/main\nfile - - cut",
		"acct journal 1\nold -\n",
	};
	size_t i;

	if (!book)
		return;
	acct_journal_path(&p, book, "");
	CHECK(mkdir(p.buf, 0777) == 0 || errno == EEXIST);
	for (i = 0; i < sizeof(damaged) / sizeof(*damaged); i++) {
		write_file(book, ".git/acct/journal", damaged[i]);
		CHECK_MSG(acct_txn_begin(&t, book, &err) == ACCT_EDATA && !t,
			  "'%s': %s", damaged[i], err.msg);
		CHECK_STR(err.msg, "'.git/acct/journal', left by an acct command "
			  "that was stopped, cannot be read");
		CHECK(!exists(book, ".git/index.lock"));
		CHECK(exists(book, ".git/acct/journal"));
	}
	write_file(book, ".git/acct/journal", "acct journal 1\n"
		   "branch refs/heads/elsewhere\nold -\nnew -\n");
	CHECK_INT(acct_txn_begin(&t, book, &err), ACCT_ESTATE);
	CHECK_MSG(strstr(err.msg, "'refs/heads/elsewhere'") != NULL, "%s",
		  err.msg);
	CHECK(!exists(book, ".git/index.lock"));
	acct_journal_remove(book);
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
	acct_txn_free(t);
	NO_LEFTOVERS(book);
	acct_buf_release(&p);
	book_done(book, dir);
}

int main(void)
{
	acct_git_init();
	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	test_txn__one_file();
	test_txn__many_files();
	test_txn__unchanged();
	test_txn__new_refuses();
	test_txn__put_refuses();
	test_txn__remove();
	test_txn__move();
	test_txn__rollback_free();
	test_txn__rollback_steps();
	test_txn__changed_since_opened();
	test_txn__index_locked();
	test_txn__detached();
	test_txn__signal_during_commit();
	test_txn__recover();
	test_txn__recover_refuses();
	return test_report("txn");
}
