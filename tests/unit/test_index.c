/* memmem() is glibc's; the test hashes as lib/index.c does (not EVP). */
#define _GNU_SOURCE 1
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include "acct/index.h"
#include "../../lib/index_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>
#include <openssl/sha.h>

#include "acct/buf.h"
#include "acct/commit.h"
#include "acct/error.h"
#include "acct/git.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * lib/index.c: git's index spliced. Each case builds an index with
 * libgit2 (versions 2, 3 and 4, with or without a cache tree), splices a
 * change into it, and reads the result back with libgit2, which checks
 * the checksum and decodes every name: its entries must be those libgit2
 * gets by making the same change itself, and the tree written from it
 * the same tree. The end-to-end side, plain git reading what acct wrote,
 * is tests/t/t1150-index-splice.sh.
 */

static char dir[] = "/tmp/acct-test-index-XXXXXX";
static git_repository *repo;
static char long_name[4200];

/* A change: `text` NULL removes the path. */
struct op {
	const char *path;
	const char *text;
};

static void path_in(struct acct_buf *out, const char *name)
{
	acct_buf_reset(out);
	acct_buf_addf(out, "%s/%s", dir, name);
}

static git_oid blob_of(const char *text)
{
	git_oid id;

	CHECK(git_blob_create_from_buffer(&id, repo, text, strlen(text)) == 0);
	return id;
}

/* An entry as if stat'ed: numbers made from `n`, the blob of `text`. */
static void fake_entry(git_index_entry *e, const char *path, const char *text,
		       unsigned n)
{
	memset(e, 0, sizeof(*e));
	e->ctime.seconds = (int32_t)(1000000 + n);
	e->ctime.nanoseconds = n;
	e->mtime.seconds = (int32_t)(1000000 + n);
	e->mtime.nanoseconds = 2 * n;
	e->dev = 7;
	e->ino = 100 + n;
	e->mode = GIT_FILEMODE_BLOB;
	e->uid = 1000;
	e->gid = 1000;
	e->file_size = (uint32_t)strlen(text);
	e->id = blob_of(text);
	e->path = path;
}

static void fake_stat(struct stat *st, const git_index_entry *e)
{
	memset(st, 0, sizeof(*st));
	st->st_ctim.tv_sec = e->ctime.seconds;
	st->st_ctim.tv_nsec = e->ctime.nanoseconds;
	st->st_mtim.tv_sec = e->mtime.seconds;
	st->st_mtim.tv_nsec = e->mtime.nanoseconds;
	st->st_dev = e->dev;
	st->st_ino = e->ino;
	st->st_mode = S_IFREG | 0644;
	st->st_uid = e->uid;
	st->st_gid = e->gid;
	st->st_size = e->file_size;
}

static const char *const base[] = {
	"a.txt", "b/1.md", "b/2.md", "b/3.md", "c/d/e.md", "c/f.md", "z.txt",
};
#define NBASE (sizeof(base) / sizeof(base[0]))

/*
 * An index at `path` of `version` with the base paths (and the long
 * name when `with_long`), a cache tree when `with_tree`; version 3 has a
 * skip-worktree entry, which is what makes it 3.
 */
static void make_index(const char *path, unsigned version, int with_tree,
		       int with_long)
{
	git_index *ix = NULL;
	git_index_entry e;
	git_oid tree;
	size_t i;

	unlink(path);
	CHECK(git_index_open(&ix, path) == 0);
	CHECK(git_index_set_version(ix, version) == 0);
	for (i = 0; i < NBASE; i++) {
		fake_entry(&e, base[i], base[i], (unsigned)i);
		if (version == 3 && !strcmp(base[i], "b/1.md"))
			e.flags_extended = GIT_INDEX_ENTRY_SKIP_WORKTREE;
		CHECK(git_index_add(ix, &e) == 0);
	}
	if (with_long) {
		fake_entry(&e, long_name, "long", 99);
		CHECK(git_index_add(ix, &e) == 0);
	}
	if (with_tree)
		CHECK(git_index_write_tree_to(&tree, ix, repo) == 0);
	CHECK(git_index_write(ix) == 0);
	git_index_free(ix);
}

static void read_all(struct acct_buf *out, const char *path)
{
	acct_buf_reset(out);
	CHECK_MSG(acct_buf_read_file(out, path) == 0, "read %s", path);
}

/* The file's trailing SHA-1 is that of all before it. */
static int checksum_ok(const char *path)
{
	struct acct_buf data = ACCT_BUF_INIT;
	unsigned char md[SHA_DIGEST_LENGTH];
	int ok;

	read_all(&data, path);
	ok = data.len > 20 &&
	     SHA1((const unsigned char *)data.buf, data.len - 20, md) &&
	     !memcmp(md, data.buf + data.len - 20, 20);
	acct_buf_release(&data);
	return ok;
}

/* The entries of two indexes are the same, stat data and all. */
static void same_entries(git_index *got, git_index *want, const char *what)
{
	size_t i, n = git_index_entrycount(want);

	CHECK_MSG(git_index_entrycount(got) == n, "%s: %zu entries, want %zu",
		  what, git_index_entrycount(got), n);
	for (i = 0; i < n && i < git_index_entrycount(got); i++) {
		const git_index_entry *g = git_index_get_byindex(got, i);
		const git_index_entry *w = git_index_get_byindex(want, i);

		CHECK_MSG(!strcmp(g->path, w->path), "%s: entry %zu is %.40s, "
			  "want %.40s", what, i, g->path, w->path);
		CHECK_MSG(git_oid_equal(&g->id, &w->id) &&
			  g->mode == w->mode && g->file_size == w->file_size &&
			  g->mtime.seconds == w->mtime.seconds &&
			  g->mtime.nanoseconds == w->mtime.nanoseconds &&
			  g->ctime.seconds == w->ctime.seconds &&
			  g->ino == w->ino && g->uid == w->uid &&
			  g->flags == w->flags &&
			  (g->flags_extended & GIT_INDEX_ENTRY_EXTENDED_FLAGS) ==
			  (w->flags_extended & GIT_INDEX_ENTRY_EXTENDED_FLAGS),
			  "%s: entry %.40s differs: size %u/%u flags %x/%x "
			  "ext %x/%x mtime %d.%u/%d.%u mode %o/%o", what, w->path,
			  g->file_size, w->file_size, g->flags, w->flags,
			  g->flags_extended, w->flags_extended,
			  g->mtime.seconds, g->mtime.nanoseconds,
			  w->mtime.seconds, w->mtime.nanoseconds, g->mode, w->mode);
	}
}

/* The TREE extension of the index file at `path`, parsed into `t`. */
static int tree_of(struct acct_index_tree *t, struct acct_buf *data,
		   const char *path)
{
	const unsigned char *p, *end;
	size_t at;

	read_all(data, path);
	p = (const unsigned char *)data->buf;
	end = p + data->len - 20;
	/* No name or id here spells "TREE" and parses as one. */
	for (at = 12; p + at + 8 <= end; at++)
		if (!memcmp(p + at, "TREE", 4) &&
		    at + 8 + acct_index_be32(p + at + 4) <= (size_t)(end - p) &&
		    acct_index_tree_parse(t, p + at + 8,
					  acct_index_be32(p + at + 4)) == 0)
			return 1;
	return 0;
}

/* Whether the cache tree has a valid node at folder `path` ("" root). */
static int tree_valid(const struct acct_index_tree *t, const char *path)
{
	size_t k = 0;

	while (*path) {
		const char *slash = strchr(path, '/');
		size_t len = slash ? (size_t)(slash - path) : strlen(path), c;

		for (c = k + 1; c < t->nodes[k].end; c = t->nodes[c].end)
			if (t->nodes[c].len == len &&
			    !memcmp(t->nodes[c].name, path, len))
				break;
		if (c >= t->nodes[k].end)
			return 0;
		k = c;
		path = slash ? slash + 1 : path + len;
	}
	return t->nodes[k].count >= 0;
}

/* `ops` made to `ix` by acct and to `want` by libgit2. */
static void apply_ops(struct acct_index *ix, git_index *want,
		      const struct op *ops, size_t nops)
{
	size_t i;

	for (i = 0; i < nops; i++) {
		git_index_entry e;
		struct stat st;

		if (!ops[i].text) {
			acct_index_remove(ix, ops[i].path);
			git_index_remove(want, ops[i].path, 0);
			continue;
		}
		fake_entry(&e, ops[i].path, ops[i].text, 50 + (unsigned)i);
		fake_stat(&st, &e);
		acct_index_add(ix, ops[i].path, &e.id, &st);
		CHECK(git_index_add(want, &e) == 0);
	}
}

/*
 * Splice `ops` into an index of `version` and compare with libgit2
 * making the same change; `valid` lists folders whose cache tree must
 * stay valid (NULL-terminated), and the root must not.
 */
static void splice_case(const char *what, unsigned version, int with_tree,
			int with_long, const struct op *ops, size_t nops,
			const char *const *valid)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf in = ACCT_BUF_INIT, out = ACCT_BUF_INIT,
		   data = ACCT_BUF_INIT;
	struct acct_index *ix = NULL;
	struct acct_index_tree t;
	git_index *got = NULL, *want = NULL;
	git_oid got_tree, want_tree;
	size_t i;

	path_in(&in, "index");
	path_in(&out, "index.out");
	make_index(in.buf, version, with_tree, with_long);
	unlink(out.buf);
	if (!CHECK_MSG(acct_index_open(&ix, in.buf, &err) == 0, "%s: open: %s",
		       what, err.msg))
		goto out;
	CHECK(git_index_open(&want, in.buf) == 0);
	apply_ops(ix, want, ops, nops);
	CHECK_MSG(acct_index_write(ix, out.buf, dir, &err) == 0, "%s: write: %s",
		  what, err.msg);
	CHECK_MSG(checksum_ok(out.buf), "%s: checksum", what);
	read_all(&data, out.buf);
	CHECK_MSG(data.len > 8 && (unsigned char)data.buf[7] == version,
		  "%s: version", what);
	if (!CHECK_MSG(git_index_open(&got, out.buf) == 0, "%s: libgit2 "
		       "cannot read it", what))
		goto out;
	same_entries(got, want, what);
	CHECK(git_index_write_tree_to(&got_tree, got, repo) == 0);
	CHECK(git_index_write_tree_to(&want_tree, want, repo) == 0);
	CHECK_MSG(git_oid_equal(&got_tree, &want_tree), "%s: the tree", what);
	if (with_tree && CHECK_MSG(tree_of(&t, &data, out.buf), "%s: TREE",
				   what)) {
		CHECK_MSG(!tree_valid(&t, ""), "%s: the root still valid", what);
		for (i = 0; valid && valid[i]; i++)
			CHECK_MSG(tree_valid(&t, valid[i]), "%s: '%s' not valid",
				  what, valid[i]);
		acct_index_tree_release(&t);
	}
out:
	acct_index_free(ix);
	git_index_free(got);
	git_index_free(want);
	acct_buf_release(&in);
	acct_buf_release(&out);
	acct_buf_release(&data);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_index__splice(void)
{
	static const struct op at_start[] = { { "0.txt", "zero" } };
	static const struct op in_middle[] = { { "b/15.md", "fifteen" } };
	static const struct op at_end[] = { { "zz/y.md", "why" } };
	static const struct op replace[] = { { "b/2.md", "two again" } };
	static const struct op rm_start[] = { { "a.txt", NULL } };
	static const struct op rm_middle[] = { { "b/2.md", NULL } };
	static const struct op rm_end[] = { { "z.txt", NULL } };
	static const struct op many[] = {
		{ "z.txt", NULL }, { "0.txt", "zero" }, { "b/2.md", "again" },
		{ "b/25.md", "new" }, { "b/3.md", NULL }, { "a.txt", NULL },
		{ "b/26.md", "newer" }, { "zzz", "last" },
	};
	/* Recorded twice: the last one counts; a removal of nothing is none. */
	static const struct op twice[] = {
		{ "b/4.md", "first" }, { "b/4.md", "second" },
		{ "c/f.md", "x" }, { "c/f.md", NULL }, { "nothing", NULL },
	};
	/* A file where a folder was: its cache tree goes. */
	static const struct op dir_to_file[] = {
		{ "c/d/e.md", NULL }, { "c/d", "a file now" },
	};
	static const char *const keep_c[] = { "c", "c/d", NULL };
	static const char *const keep_b[] = { "b", NULL };
	static const char *const keep_cd[] = { "c/d", NULL };
	static const struct {
		const char *name;
		const struct op *ops;
		size_t n;
		const char *const *valid;
	} cases[] = {
		{ "insert at the start", at_start, N(at_start), keep_c },
		{ "insert in the middle", in_middle, N(in_middle), keep_c },
		{ "insert at the end", at_end, N(at_end), keep_c },
		{ "replace", replace, N(replace), keep_c },
		{ "remove at the start", rm_start, N(rm_start), keep_c },
		{ "remove in the middle", rm_middle, N(rm_middle), keep_c },
		{ "remove at the end", rm_end, N(rm_end), keep_c },
		{ "many", many, N(many), keep_c },
		{ "twice", twice, N(twice), keep_cd },
		{ "a folder becomes a file", dir_to_file, N(dir_to_file), keep_b },
	};
	unsigned v;
	size_t i;

	for (v = 2; v <= 4; v++)
		for (i = 0; i < N(cases); i++) {
			char what[128];

			snprintf(what, sizeof(what), "v%u %s", v, cases[i].name);
			splice_case(what, v, 0, 0, cases[i].ops, cases[i].n, NULL);
			snprintf(what, sizeof(what), "v%u %s, TREE", v,
				 cases[i].name);
			splice_case(what, v, 1, 0, cases[i].ops, cases[i].n,
				    cases[i].valid);
		}
}

/*
 * Names of 4095 bytes and more: flags say 0xfff, the NUL says the rest.
 * Versions 2 and 3: libgit2 1.5 cannot read a version 4 index with one
 * back (t1150 has git do it).
 */
static void test_index__long_names(void)
{
	static const struct op before_long[] = { { "l/a", "before" } };
	static const struct op after_long[] = { { "l/y", "after" } };
	unsigned v;

	for (v = 2; v <= 3; v++) {
		char what[64];

		snprintf(what, sizeof(what), "v%u long, before", v);
		splice_case(what, v, 1, 1, before_long, 1, NULL);
		snprintf(what, sizeof(what), "v%u long, after", v);
		splice_case(what, v, 1, 1, after_long, 1, NULL);
	}
}

/* The node of folder `path` ("" the root) in `t`, or NULL. */
static const struct acct_index_tree_node *node_at(const struct acct_index_tree *t,
						  const char *path)
{
	return acct_index_tree_find(t, path);
}

/*
 * The trees of the change written from the index as read and its cache
 * tree (acct_index_build_tree()): the root is the tree libgit2 writes
 * from the same change, each folder written is in it; or, when `built`
 * is 0, it is not done and says so.
 */
static void build_case(const char *what, struct acct_index *ix,
		       const struct op *ops, size_t nops, int built,
		       const git_oid *want)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_tree_folders folders = ACCT_TREE_FOLDERS_INIT;
	struct acct_tree_op *tops = calloc(nops + 1, sizeof(*tops));
	git_oid *blobs = calloc(nops + 1, sizeof(*blobs));
	git_tree *tree = NULL;
	git_oid root;
	size_t i;
	int rc;

	for (i = 0; i < nops; i++) {
		if (ops[i].text)
			blobs[i] = blob_of(ops[i].text);
		tops[i] = (struct acct_tree_op){ ops[i].path,
			ops[i].text ? &blobs[i] : NULL, GIT_FILEMODE_BLOB };
	}
	rc = acct_index_build_tree(&root, ix, repo, tops, nops, &folders, &err);
	CHECK_MSG(rc == !built, "%s: built %d, want %d (%s)", what, rc, !built,
		  err.msg);
	if (rc == 0) {
		CHECK_MSG(git_oid_equal(&root, want), "%s: the built root is "
			  "not libgit2's tree", what);
		CHECK(git_tree_lookup(&tree, repo, want) == 0);
		for (i = 0; i < folders.n; i++) {
			git_tree_entry *te = NULL;

			if (!*folders.v[i].path)
				continue;
			CHECK_MSG(git_tree_entry_bypath(&te, tree,
							folders.v[i].path) == 0 &&
				  !memcmp(git_tree_entry_id(te)->id,
					  folders.v[i].id, 20),
				  "%s: folder '%s'", what, folders.v[i].path);
			git_tree_entry_free(te);
		}
	} else {
		CHECK_MSG(!folders.n, "%s: folders said when not built", what);
	}
	git_tree_free(tree);
	acct_tree_folders_release(&folders);
	free(tops);
	free(blobs);
}

/*
 * The cache tree kept valid through a splice (acct_index_tree_keep()):
 * with every folder on the changed paths recorded with its new tree (as
 * libgit2 writes it from the same change), each is valid with that id
 * and the count of entries below it; a folder made, emptied or turned
 * into a file, or one not recorded, leaves the tree invalidated as
 * before.
 */
static void keep_case(const char *what, unsigned version, const struct op *ops,
		      size_t nops, int kept, const char *skip)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf in = ACCT_BUF_INIT, out = ACCT_BUF_INIT,
		   data = ACCT_BUF_INIT, dir_path = ACCT_BUF_INIT;
	struct acct_index *ix = NULL;
	struct acct_index_tree t;
	git_index *want = NULL, *got = NULL;
	git_tree *want_tree = NULL;
	git_oid want_id;
	size_t i;

	path_in(&in, "index");
	path_in(&out, "index.out");
	make_index(in.buf, version, 1, 0);
	unlink(out.buf);
	CHECK(git_index_open(&want, in.buf) == 0);
	if (!CHECK(acct_index_open(&ix, in.buf, &err) == 0))
		goto out;
	apply_ops(ix, want, ops, nops);
	CHECK(git_index_write_tree_to(&want_id, want, repo) == 0);
	CHECK(git_tree_lookup(&want_tree, repo, &want_id) == 0);
	if (!skip)
		build_case(what, ix, ops, nops, kept, &want_id);
	/* Every folder on the way to each change, as the new tree has it. */
	for (i = 0; i < nops; i++) {
		const char *p = ops[i].path, *slash = p;

		for (;;) {
			git_tree_entry *te = NULL;
			git_oid id;

			acct_buf_reset(&dir_path);
			acct_buf_add(&dir_path, p, (size_t)(slash - p));
			if (!dir_path.len)
				git_oid_cpy(&id, &want_id);
			else if (git_tree_entry_bypath(&te, want_tree,
						       dir_path.buf) == 0)
				git_oid_cpy(&id, git_tree_entry_id(te));
			else
				memset(&id, 0, sizeof(id));
			git_tree_entry_free(te);
			if ((!skip || strcmp(skip, dir_path.buf)) &&
			    !git_oid_is_zero(&id))
				acct_index_tree_keep(ix, dir_path.buf, &id);
			if (!(slash = strchr(slash + (slash != p), '/')))
				break;
		}
	}
	CHECK_MSG(acct_index_write(ix, out.buf, dir, &err) == 0, "%s: write: %s",
		  what, err.msg);
	CHECK_MSG(checksum_ok(out.buf), "%s: checksum", what);
	if (!CHECK_MSG(git_index_open(&got, out.buf) == 0, "%s: libgit2 "
		       "cannot read it", what) ||
	    !CHECK_MSG(tree_of(&t, &data, out.buf), "%s: TREE", what))
		goto out;
	same_entries(got, want, what);
	CHECK_MSG(tree_valid(&t, "") == kept, "%s: the root %s", what,
		  kept ? "invalid" : "still valid");
	for (i = 0; kept && i < t.n; i++) {
		const struct acct_index_tree_node *n = &t.nodes[i];
		size_t k, below = 0;
		git_tree_entry *te = NULL;

		/* Its path: the names of the nodes that hold it. */
		acct_buf_reset(&dir_path);
		for (k = 0; k < i; k++)
			if (t.nodes[k].end > i && k && !t.nodes[k].dropped) {
				if (dir_path.len)
					acct_buf_addch(&dir_path, '/');
				acct_buf_add(&dir_path, t.nodes[k].name,
					     t.nodes[k].len);
			}
		if (i) {
			if (dir_path.len)
				acct_buf_addch(&dir_path, '/');
			acct_buf_add(&dir_path, n->name, n->len);
		}
		CHECK_MSG(n->count >= 0 && n->id, "%s: '%s' invalid", what,
			  dir_path.buf);
		if (!n->id || node_at(&t, dir_path.buf) != n)
			continue;
		if (dir_path.len) {
			CHECK(git_tree_entry_bypath(&te, want_tree,
						    dir_path.buf) == 0);
			CHECK_MSG(te && !memcmp(git_tree_entry_id(te)->id, n->id,
						20), "%s: '%s' not the new tree",
				  what, dir_path.buf);
			git_tree_entry_free(te);
			acct_buf_addch(&dir_path, '/');
		} else {
			CHECK_MSG(!memcmp(want_id.id, n->id, 20), "%s: the root "
				  "not the new tree", what);
		}
		for (k = 0; k < git_index_entrycount(got); k++)
			below += !strncmp(git_index_get_byindex(got, k)->path,
					  dir_path.buf, dir_path.len);
		CHECK_MSG((size_t)n->count == below, "%s: '%s' counts %ld, has "
			  "%zu", what, dir_path.buf, n->count, below);
	}
	acct_index_tree_release(&t);
out:
	acct_index_free(ix);
	git_index_free(want);
	git_index_free(got);
	git_tree_free(want_tree);
	acct_buf_release(&in);
	acct_buf_release(&out);
	acct_buf_release(&data);
	acct_buf_release(&dir_path);
}

static void test_index__keep_tree(void)
{
	static const struct op in_middle[] = { { "b/15.md", "fifteen" } };
	static const struct op deep[] = { { "c/d/f.md", "deep" } };
	static const struct op replace[] = { { "b/2.md", "two again" } };
	static const struct op rm_middle[] = { { "b/2.md", NULL } };
	static const struct op many[] = {
		{ "z.txt", NULL }, { "0.txt", "zero" }, { "b/2.md", "again" },
		{ "b/25.md", "new" }, { "b/3.md", NULL }, { "c/d/g.md", "g" },
	};
	static const struct op new_folder[] = { { "zz/y.md", "why" } };
	static const struct op emptied[] = { { "c/d/e.md", NULL } };
	static const struct op dir_to_file[] = {
		{ "c/d/e.md", NULL }, { "c/d", "a file now" },
	};
	static char names[200][16];
	static struct op lots[202];
	unsigned v, k;

	/* Many files in one folder, unsorted, with a replace and a removal. */
	for (k = 0; k < 200; k++) {
		snprintf(names[k], sizeof(names[k]), "b/%03u.md", (k * 37) % 200);
		lots[k] = (struct op){ names[k], names[k] };
	}
	lots[200] = (struct op){ "b/2.md", "two again" };
	lots[201] = (struct op){ "b/3.md", NULL };
	for (v = 2; v <= 4; v++) {
		keep_case("lots in one folder", v, lots, N(lots), 1, NULL);
		keep_case("insert", v, in_middle, N(in_middle), 1, NULL);
		keep_case("insert deep", v, deep, N(deep), 1, NULL);
		keep_case("replace", v, replace, N(replace), 1, NULL);
		keep_case("remove", v, rm_middle, N(rm_middle), 1, NULL);
		keep_case("many", v, many, N(many), 1, NULL);
		keep_case("a folder made", v, new_folder, N(new_folder), 0,
			  NULL);
		keep_case("a folder emptied", v, emptied, N(emptied), 0, NULL);
		keep_case("a folder becomes a file", v, dir_to_file,
			  N(dir_to_file), 0, NULL);
		keep_case("a folder not recorded", v, deep, N(deep), 0, "c");
	}
}

/* The index at `path` with an extension `sig` of `len` bytes added. */
static void add_extension(const char *path, const char *sig, const char *body,
			  size_t len)
{
	struct acct_buf data = ACCT_BUF_INIT;
	unsigned char head[8], md[SHA_DIGEST_LENGTH];
	FILE *f;

	read_all(&data, path);
	acct_buf_setlen(&data, data.len - 20);
	memcpy(head, sig, 4);
	head[4] = (unsigned char)(len >> 24);
	head[5] = (unsigned char)(len >> 16);
	head[6] = (unsigned char)(len >> 8);
	head[7] = (unsigned char)len;
	acct_buf_add(&data, head, 8);
	acct_buf_add(&data, body, len);
	SHA1((const unsigned char *)data.buf, data.len, md);
	acct_buf_add(&data, md, sizeof(md));
	CHECK((f = fopen(path, "wb")) != NULL);
	if (f) {
		CHECK(fwrite(data.buf, 1, data.len, f) == data.len);
		CHECK(fclose(f) == 0);
	}
	acct_buf_release(&data);
}

static int opens(const char *path)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_index *ix = NULL;
	int rc = acct_index_open(&ix, path, &err);

	CHECK((rc == 0) == (ix != NULL));
	acct_index_free(ix);
	return rc;
}

static void test_index__extensions(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf in = ACCT_BUF_INIT, out = ACCT_BUF_INIT,
		   data = ACCT_BUF_INIT;
	struct acct_index *ix = NULL;
	/* Two modes, not three. */
	static const char bad_reuc[] = "x\0" "100644\0" "0\0";
	static const char reuc[] = "c/f.md\0" "0\0" "0\0" "0\0"
		"z.txt\0" "100644\0" "0\0" "0\0" "01234567890123456789";
	static const char *const unknown[] = {
		"UNTR", "FSMN", "ZZZZ", "link", "sdir", "abcd",
	};
	git_index *got = NULL;
	git_index_entry e;
	struct stat st;
	size_t i;

	path_in(&in, "index");
	path_in(&out, "index.out");
	/* Any extension but TREE, REUC, EOIE and IEOT: libgit2's. */
	for (i = 0; i < N(unknown); i++) {
		make_index(in.buf, 2, 1, 0);
		add_extension(in.buf, unknown[i], "1234", 4);
		CHECK_MSG(opens(in.buf) == 1, "%s spliced", unknown[i]);
	}
	/* The offset tables are dropped. */
	make_index(in.buf, 2, 1, 0);
	add_extension(in.buf, "IEOT", "\0\0\0\1\0\0\0\14\0\0\0\7", 12);
	add_extension(in.buf, "EOIE", "01234567890123456789012", 24);
	unlink(out.buf);
	if (CHECK(acct_index_open(&ix, in.buf, &err) == 0)) {
		fake_entry(&e, "b/15.md", "x", 3);
		fake_stat(&st, &e);
		acct_index_add(ix, e.path, &e.id, &st);
		CHECK(acct_index_write(ix, out.buf, dir, &err) == 0);
		read_all(&data, out.buf);
		CHECK(!memmem(data.buf, data.len, "IEOT", 4) &&
		      !memmem(data.buf, data.len, "EOIE", 4) &&
		      memmem(data.buf, data.len, "TREE", 4));
		CHECK(git_index_open(&got, out.buf) == 0);
		CHECK(got && git_index_entrycount(got) == NBASE + 1);
	}
	acct_index_free(ix);
	ix = NULL;
	/* A mangled TREE or REUC: libgit2 decides. */
	make_index(in.buf, 2, 0, 0);
	add_extension(in.buf, "TREE", "\0001 0\n", 5);
	CHECK(opens(in.buf) == 1);
	make_index(in.buf, 2, 0, 0);
	add_extension(in.buf, "REUC", bad_reuc, sizeof(bad_reuc) - 1);
	CHECK(opens(in.buf) == 1);
	/* A resolve-undo record of a changed path: not spliced. */
	make_index(in.buf, 2, 0, 0);
	add_extension(in.buf, "REUC", reuc, sizeof(reuc) - 1);
	CHECK(opens(in.buf) == 0);
	if (CHECK(acct_index_open(&ix, in.buf, &err) == 0)) {
		fake_entry(&e, "b/15.md", "x", 3);
		fake_stat(&st, &e);
		acct_index_add(ix, e.path, &e.id, &st);
		unlink(out.buf);
		CHECK(acct_index_write(ix, out.buf, dir, &err) == 0);
		read_all(&data, out.buf);
		CHECK(memmem(data.buf, data.len, "REUC", 4) != NULL);
		acct_index_free(ix);
		ix = NULL;
	}
	if (CHECK(acct_index_open(&ix, in.buf, &err) == 0)) {
		acct_index_remove(ix, "z.txt");
		unlink(out.buf);
		CHECK(acct_index_write(ix, out.buf, dir, &err) == 1);
		CHECK(access(out.buf, F_OK) < 0);
	}
	acct_index_free(ix);
	git_index_free(got);
	acct_buf_release(&in);
	acct_buf_release(&out);
	acct_buf_release(&data);
}

/* Write `len` bytes to `path`, replacing it. */
static void put_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	CHECK(f != NULL);
	if (f) {
		CHECK(fwrite(data, 1, len, f) == len);
		CHECK(fclose(f) == 0);
	}
}

static void test_index__not_an_index(void)
{
	struct acct_buf in = ACCT_BUF_INIT, data = ACCT_BUF_INIT;

	path_in(&in, "index");
	unlink(in.buf);
	CHECK(opens(in.buf) == 1);	/* none yet */
	make_index(in.buf, 2, 0, 0);
	read_all(&data, in.buf);
	put_file(in.buf, data.buf, data.len / 2);
	CHECK(opens(in.buf) == 1);	/* cut short */
	data.buf[0] = 'X';
	put_file(in.buf, data.buf, data.len);
	CHECK(opens(in.buf) == 1);	/* not DIRC */
	data.buf[0] = 'D';
	data.buf[7] = 5;
	put_file(in.buf, data.buf, data.len);
	CHECK(opens(in.buf) == 1);	/* version 5 */
	data.buf[7] = 2;
	data.buf[11] = (char)(data.buf[11] + 1);
	put_file(in.buf, data.buf, data.len);
	CHECK(opens(in.buf) == 1);	/* one entry more than there are */
	data.buf[11] = (char)(data.buf[11] - 1);
	put_file(in.buf, data.buf, data.len);
	CHECK(opens(in.buf) == 0);	/* as it was */
	acct_buf_release(&in);
	acct_buf_release(&data);
}

/* The lookups of the transaction: by path and stage. */
static void test_index__find(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf in = ACCT_BUF_INIT;
	struct acct_index *ix = NULL;
	git_index *g = NULL;
	git_index_entry e;
	git_oid id, want;
	unsigned v;
	size_t i;

	path_in(&in, "index");
	for (v = 2; v <= 4; v++) {
		make_index(in.buf, v, 1, v < 4);
		/* A conflict at stages 1 and 3 of "c/g.md". */
		CHECK(git_index_open(&g, in.buf) == 0);
		fake_entry(&e, "c/g.md", "one", 1);
		e.flags = 1 << 12;
		CHECK(git_index_add(g, &e) == 0);
		fake_entry(&e, "c/g.md", "three", 3);
		e.flags = 3 << 12;
		CHECK(git_index_add(g, &e) == 0);
		CHECK(git_index_write(g) == 0);
		git_index_free(g);
		g = NULL;
		if (!CHECK(acct_index_open(&ix, in.buf, &err) == 0))
			continue;
		CHECK_INT(acct_index_count(ix), NBASE + 2 + (v < 4));
		for (i = 0; i < NBASE; i++) {
			want = blob_of(base[i]);
			CHECK_MSG(acct_index_find(ix, base[i], 0, &id) &&
				  git_oid_equal(&id, &want), "v%u %s", v, base[i]);
			CHECK(!acct_index_find(ix, base[i], 1, NULL));
		}
		CHECK(v == 4 || acct_index_find(ix, long_name, 0, NULL));
		CHECK(!acct_index_find(ix, "c/g.md", 0, NULL));
		want = blob_of("one");
		CHECK(acct_index_find(ix, "c/g.md", 1, &id) &&
		      git_oid_equal(&id, &want));
		CHECK(!acct_index_find(ix, "c/g.md", 2, NULL));
		CHECK(acct_index_find(ix, "c/g.md", 3, NULL));
		CHECK(!acct_index_find(ix, "b", 0, NULL));
		CHECK(!acct_index_find(ix, "", 0, NULL));
		CHECK(!acct_index_find(ix, "zzzz", 0, NULL));
		acct_index_free(ix);
		ix = NULL;
	}
	acct_buf_release(&in);
}

/* Among 300 folders of names of every length, each is found. */
static void many_folders(const char *path)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_index *ix = NULL;
	git_index *g = NULL;
	git_index_entry e;
	git_oid root, id;
	char name[64];
	size_t i, found = 0;

	unlink(path);
	CHECK(git_index_open(&g, path) == 0);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "k/%.*s%zu/x.md", (int)(i % 7),
			 "zyxwvu", i * 7919 % 1000);
		fake_entry(&e, name, name, (unsigned)i);
		CHECK(git_index_add(g, &e) == 0);
	}
	CHECK(git_index_write_tree_to(&root, g, repo) == 0);
	CHECK(git_index_write(g) == 0);
	git_index_free(g);
	if (!CHECK(acct_index_open(&ix, path, &err) == 0))
		return;
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "k/%.*s%zu", (int)(i % 7),
			 "zyxwvu", i * 7919 % 1000);
		found += (size_t)acct_index_tree_id(ix, name, &id);
	}
	CHECK_INT(found, 300);
	CHECK(!acct_index_tree_id(ix, "k/zyx", &id));
	CHECK(!acct_index_tree_id(ix, "k/zyxwvu999", &id));
	acct_index_free(ix);
}

/*
 * The entries below a prefix, their raw bytes, and the cache tree's id
 * of a folder: libgit2's tree of it when valid, none for a folder the
 * tree does not hold or an index without one.
 */
static void test_index__range_and_tree(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf in = ACCT_BUF_INIT;
	struct acct_index *ix = NULL;
	git_index *g = NULL;
	git_tree *tree = NULL;
	git_tree_entry *te = NULL;
	git_oid root, id;
	size_t lo, hi;
	unsigned v;
	int with;

	path_in(&in, "index");
	for (v = 2; v <= 4; v++) {
		for (with = 0; with <= 1; with++) {
			make_index(in.buf, v, with, 0);
			if (!CHECK(acct_index_open(&ix, in.buf, &err) == 0))
				continue;
			acct_index_range(ix, "b/", &lo, &hi);
			CHECK_MSG(lo == 1 && hi == 4, "v%u: %zu %zu", v, lo, hi);
			CHECK(!strcmp(acct_index_path(ix, lo, NULL), "b/1.md"));
			acct_index_range(ix, "c/d/", &lo, &hi);
			CHECK(lo == 4 && hi == 5);
			acct_index_range(ix, "c/f.md", &lo, &hi);
			CHECK(lo == 5 && hi == 6);
			acct_index_range(ix, "bb/", &lo, &hi);
			CHECK(lo == hi);
			acct_index_range(ix, "zz", &lo, &hi);
			CHECK(lo == NBASE && hi == NBASE);
			/* The object id sits at byte 40 of the 62. */
			id = blob_of("c/f.md");
			CHECK(!memcmp(acct_index_entry_raw(ix, 5) + 40, id.id,
				      GIT_OID_RAWSZ));
			CHECK(acct_index_tree_id(ix, "c/d", &id) == with);
			CHECK(!acct_index_tree_id(ix, "c/x", &id));
			CHECK(!acct_index_tree_id(ix, "c/d/e.md", &id));
			if (with) {
				CHECK(git_index_open(&g, in.buf) == 0 &&
				      git_index_write_tree_to(&root, g, repo) == 0 &&
				      git_tree_lookup(&tree, repo, &root) == 0 &&
				      git_tree_entry_bypath(&te, tree, "c/d") == 0);
				CHECK(acct_index_tree_id(ix, "c/d", &id) &&
				      te && git_oid_equal(&id, git_tree_entry_id(te)));
				CHECK(acct_index_tree_id(ix, "", &id) &&
				      git_oid_equal(&id, &root));
				git_tree_entry_free(te);
				git_tree_free(tree);
				git_index_free(g);
				te = NULL;
				tree = NULL;
				g = NULL;
			}
			acct_index_free(ix);
			ix = NULL;
		}
	}
	many_folders(in.buf);
	acct_buf_release(&in);
}

/*
 * An index big enough to be hashed by a thread while it is written
 * (lib/index.c, HASH_THREAD_MIN), in versions 2 (with a cache tree) and
 * 4: one entry added and one removed, as libgit2 makes them, the
 * checksum right.
 */
static void test_index__big(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf in = ACCT_BUF_INIT, out = ACCT_BUF_INIT;
	struct acct_index *ix = NULL;
	git_index *got = NULL, *want = NULL;
	git_index_entry e;
	git_oid tree, t2;
	struct stat st, big;
	char name[200];
	unsigned v, i;
	int lean_tree;

	path_in(&in, "index");
	path_in(&out, "index.out");
	for (v = 2; v <= 4; v += 2) {
		unlink(in.buf);
		unlink(out.buf);
		CHECK(git_index_open(&want, in.buf) == 0);
		CHECK(git_index_set_version(want, v) == 0);
		fake_entry(&e, "", "big", 1);
		/*
		 * In order, so that each one is appended; the blob is there,
		 * and libgit2 need not look for it 30,000 times as the entries
		 * go in and the tree is written.
		 */
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0);
		for (i = 0; i < 30000; i++) {
			snprintf(name, sizeof(name), "big/%06u-%s", 2 * i,
				 "a-name-long-enough-to-make-the-file-big-in-"
				 "versions-two-and-three-and-four-too");
			e.path = name;
			e.ino = i;
			CHECK(git_index_add(want, &e) == 0);
		}
		CHECK(v == 4 || git_index_write_tree_to(&tree, want, repo) == 0);
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1);
		CHECK(git_index_write(want) == 0);
		CHECK(stat(in.buf, &big) == 0 && big.st_size > 4 << 20);
		/* Opened lean, its pages let go as it goes: the same answers. */
		lean_tree = -1;
		if (CHECK(acct_index_open_lean(&ix, in.buf, &err) == 0)) {
			size_t k, differ = 0;
			git_oid id;

			CHECK_INT(acct_index_count(ix), 30000);
			for (k = 0; k < 30000; k += 7) {
				const git_index_entry *b = git_index_get_byindex(want, k);

				acct_index_forget(ix, b->path);
				differ += !acct_index_find(ix, b->path, 0, &id) ||
					  !git_oid_equal(&id, &b->id) ||
					  acct_index_pos(ix, b->path, 0) != (long)k;
			}
			CHECK_INT(differ, 0);
			CHECK_MSG(acct_index_pos(ix, "big/0", 0) == -1, "v%u", v);
			lean_tree = acct_index_tree_id(ix, "big", &t2);
			acct_index_free(ix);
			ix = NULL;
		}
		if (!CHECK(acct_index_open(&ix, in.buf, &err) == 0))
			break;
		{
			git_oid t3;
			int full_tree = acct_index_tree_id(ix, "big", &t3);

			CHECK_MSG(lean_tree == full_tree &&
				  (!full_tree || git_oid_equal(&t2, &t3)),
				  "v%u: the cache tree read lean", v);
		}
		fake_entry(&e, "big/029999-new", "new", 3);
		fake_stat(&st, &e);
		acct_index_add(ix, e.path, &e.id, &st);
		CHECK(git_index_add(want, &e) == 0);
		snprintf(name, sizeof(name), "big/%06u-%s", 2 * 4321,
			 "a-name-long-enough-to-make-the-file-big-in-"
			 "versions-two-and-three-and-four-too");
		acct_index_remove(ix, name);
		CHECK(git_index_remove(want, name, 0) == 0);
		CHECK_MSG(acct_index_write(ix, out.buf, dir, &err) == 0,
			  "v%u: %s", v, err.msg);
		CHECK_MSG(checksum_ok(out.buf), "v%u: checksum", v);
		if (CHECK_MSG(git_index_open(&got, out.buf) == 0, "v%u", v) &&
		    CHECK(git_index_entrycount(got) == 30000)) {
			size_t k, differ = 0;

			for (k = 0; k < 30000; k++) {
				const git_index_entry *a, *b;

				a = git_index_get_byindex(got, k);
				b = git_index_get_byindex(want, k);
				differ += strcmp(a->path, b->path) ||
					  !git_oid_equal(&a->id, &b->id) ||
					  a->ino != b->ino ||
					  a->mtime.seconds != b->mtime.seconds;
			}
			CHECK_INT(differ, 0);
		}
		acct_index_free(ix);
		git_index_free(got);
		git_index_free(want);
		ix = NULL;
		got = want = NULL;
	}
	git_index_free(want);
	acct_buf_release(&in);
	acct_buf_release(&out);
}

/*
 * git's racy entries: one as new as the index whose file changed since
 * under the same size and time gets size 0; one whose file did not
 * change keeps its size.
 */
static void test_index__racy(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf in = ACCT_BUF_INIT, out = ACCT_BUF_INIT,
		   changed = ACCT_BUF_INIT, same = ACCT_BUF_INIT;
	struct acct_index *ix = NULL;
	git_index *g = NULL;
	const git_index_entry *ge;
	git_index_entry e;
	struct timespec ts[2];
	struct stat st;

	path_in(&in, "index");
	path_in(&out, "index.out");
	path_in(&changed, "changed.txt");
	path_in(&same, "same.txt");
	put_file(changed.buf, "one\n", 4);
	put_file(same.buf, "same\n", 5);
	unlink(in.buf);
	CHECK(git_index_open(&g, in.buf) == 0);
	CHECK(lstat(changed.buf, &st) == 0);
	fake_entry(&e, "changed.txt", "one\n", 0);
	e.mtime.seconds = (int32_t)st.st_mtim.tv_sec;
	e.mtime.nanoseconds = (uint32_t)st.st_mtim.tv_nsec;
	CHECK(git_index_add(g, &e) == 0);
	CHECK(lstat(same.buf, &st) == 0);
	fake_entry(&e, "same.txt", "same\n", 1);
	e.mtime.seconds = (int32_t)st.st_mtim.tv_sec;
	e.mtime.nanoseconds = (uint32_t)st.st_mtim.tv_nsec;
	CHECK(git_index_add(g, &e) == 0);
	CHECK(git_index_write(g) == 0);
	git_index_free(g);
	g = NULL;
	/* Another text, the same size and time; the index of that second. */
	CHECK(lstat(changed.buf, &st) == 0);
	put_file(changed.buf, "two\n", 4);
	ts[0] = st.st_mtim;
	ts[1] = st.st_mtim;
	CHECK(utimensat(AT_FDCWD, changed.buf, ts, 0) == 0);
	CHECK(utimensat(AT_FDCWD, in.buf, ts, 0) == 0);
	unlink(out.buf);
	if (CHECK(acct_index_open(&ix, in.buf, &err) == 0)) {
		fake_entry(&e, "new.txt", "new", 2);
		fake_stat(&st, &e);
		acct_index_add(ix, e.path, &e.id, &st);
		CHECK(acct_index_write(ix, out.buf, dir, &err) == 0);
	}
	if (CHECK(git_index_open(&g, out.buf) == 0)) {
		CHECK((ge = git_index_get_bypath(g, "changed.txt", 0)) &&
		      ge->file_size == 0);
		CHECK((ge = git_index_get_bypath(g, "same.txt", 0)) &&
		      ge->file_size == 5);
		CHECK((ge = git_index_get_bypath(g, "new.txt", 0)) &&
		      ge->file_size == 3);
	}
	acct_index_free(ix);
	git_index_free(g);
	acct_buf_release(&in);
	acct_buf_release(&out);
	acct_buf_release(&changed);
	acct_buf_release(&same);
}

/* A file that cannot be made: ACCT_ERROR, said so. */
static void test_index__write_fails(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf in = ACCT_BUF_INIT, out = ACCT_BUF_INIT;
	struct acct_index *ix = NULL;

	path_in(&in, "index");
	path_in(&out, "no-such-folder/index.out");
	make_index(in.buf, 2, 0, 0);
	if (CHECK(acct_index_open(&ix, in.buf, &err) == 0)) {
		acct_index_remove(ix, "a.txt");
		CHECK(acct_index_write(ix, out.buf, dir, &err) == ACCT_ERROR);
		CHECK_STR(err.msg, "cannot write the index: No such file or "
			  "directory");
	}
	acct_index_free(ix);
	acct_buf_release(&in);
	acct_buf_release(&out);
}

int main(void)
{
	char cmd[128];
	size_t i;

	acct_git_init();
	memcpy(long_name, "l/", 2);
	for (i = 2; i < 4100; i++)
		long_name[i] = (char)('a' + i % 26);
	long_name[4100] = '\0';
	if (!CHECK_MSG(mkdtemp(dir), "mkdtemp: %s", strerror(errno)) ||
	    !CHECK(git_repository_init(&repo, dir, 0) == 0))
		return test_report("index");
	test_index__splice();
	test_index__long_names();
	test_index__keep_tree();
	test_index__extensions();
	test_index__not_an_index();
	test_index__find();
	test_index__range_and_tree();
	test_index__big();
	test_index__racy();
	test_index__write_fails();
	git_repository_free(repo);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	return test_report("index");
}
