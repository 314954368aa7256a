#include "acct/folderlog.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/git.h"
#include "harness.h"

#include "acct/banned.h"

static git_repository *repo;
static git_index *idx;		/* the tree of the next commit (never written) */
static char dir[] = "/tmp/acct-test-folderlog.XXXXXX";
static long tick = 1767258000;

/* --- a repository made commit by commit ------------------------------------ */

static void put(const char *path, const char *text)
{
	git_index_entry e;

	memset(&e, 0, sizeof(e));
	e.path = path;
	e.mode = GIT_FILEMODE_BLOB;
	CHECK(git_index_add_from_buffer(idx, &e, text, strlen(text)) == 0);
}

static void drop(const char *path)
{
	CHECK(git_index_remove_bypath(idx, path) == 0);
}

static void drop_dir(const char *path)
{
	CHECK(git_index_remove_directory(idx, path, 0) == 0);
}

/* Commit the index on HEAD (none: the first commit) with subject `msg`. */
static void commit(const char *msg)
{
	git_signature *sig = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	git_oid tree_id, id, head;
	int has = git_reference_name_to_id(&head, repo, "HEAD") == 0;

	git_error_clear();
	CHECK(git_signature_new(&sig, "Anna", "anna@example.com", tick++, 0) == 0);
	CHECK(git_index_write_tree_to(&tree_id, idx, repo) == 0);
	CHECK(git_tree_lookup(&tree, repo, &tree_id) == 0);
	if (has)
		CHECK(git_commit_lookup(&parent, repo, &head) == 0);
	CHECK(git_commit_create_v(&id, repo, "HEAD", sig, sig, NULL, msg, tree,
				  has ? 1 : 0, parent) == 0);
	git_commit_free(parent);
	git_tree_free(tree);
	git_signature_free(sig);
}

/* HEAD and the index go back `n` first parents (git reset --hard HEAD~n). */
static void reset_back(int n)
{
	git_commit *c = NULL, *p = NULL;
	git_tree *tree = NULL;
	git_reference *ref = NULL;
	git_oid head;

	CHECK(git_reference_name_to_id(&head, repo, "HEAD") == 0);
	CHECK(git_commit_lookup(&c, repo, &head) == 0);
	while (n-- > 0 && c) {
		CHECK(git_commit_parent(&p, c, 0) == 0);
		git_commit_free(c);
		c = p;
	}
	CHECK(git_reference_create(&ref, repo, "refs/heads/main",
				   git_commit_id(c), 1, NULL) == 0);
	CHECK(git_commit_tree(&tree, c) == 0);
	CHECK(git_index_read_tree(idx, tree) == 0);
	git_reference_free(ref);
	git_tree_free(tree);
	git_commit_free(c);
}

static void head_id(git_oid *out)
{
	CHECK(git_reference_name_to_id(out, repo, "HEAD") == 0);
}

/* The list for HEAD from `old` (NULL: the whole walk). */
static struct acct_folderlog *list_from(const struct acct_folderlog *old)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_folderlog *fl = NULL;
	git_oid head;

	head_id(&head);
	CHECK_MSG(acct_folderlog_update(&fl, repo, &head, old, &err) == 0, "%s",
		  err.msg);
	return fl;
}

/* A commit's subject, for reading a list. */
static void subject(struct acct_buf *out, const unsigned char *id)
{
	git_commit *c = NULL;
	git_oid oid;

	git_oid_fromraw(&oid, id);
	if (CHECK(git_commit_lookup(&c, repo, &oid) == 0))
		acct_buf_addstr(out, git_commit_summary(c));
	git_commit_free(c);
}

/*
 * What a list says, a line per commit that changed something: "subject:
 * name=FLAGS ... (moved from)", FLAGS from "DdCcF" (folder, folder
 * before, card, card before, files), '-' for one not set.
 */
static void say(struct acct_buf *out, const struct acct_folderlog *fl)
{
	static const char letters[] = "DdCcF";
	size_t i, j, k;

	acct_buf_reset(out);
	for (i = 0; fl && i < fl->ncommits; i++) {
		const struct acct_folderlog_commit *c = &fl->commits[i];

		if (!c->n)
			continue;
		subject(out, c->id);
		acct_buf_addch(out, ':');
		for (j = 0; j < c->n; j++) {
			const struct acct_folderlog_change *ch =
				&fl->changes[c->first + j];

			acct_buf_addf(out, " %s=", fl->names[ch->name]);
			for (k = 0; k < 5; k++)
				acct_buf_addch(out, ch->flags & (1u << k) ?
					       letters[k] : '-');
		}
		if (c->moved != ACCT_FOLDERLOG_NONE)
			acct_buf_addf(out, " (from %s)", fl->names[c->moved]);
		acct_buf_addch(out, '\n');
	}
}

/*
 * The same list, whether worked out from `old` or from nothing: the same
 * commits with changes (ids, depths, dates, changes, renames), HEAD first
 * and the first commit last. Landmarks may stand elsewhere.
 */
static void same_as_whole_walk(const struct acct_folderlog *fl, int line)
{
	struct acct_folderlog *whole = list_from(NULL);
	struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT;
	size_t i, j;
	git_oid head;

	head_id(&head);
	for (i = 0; whole && fl && i < 2; i++) {
		const struct acct_folderlog *x = i ? whole : fl;
		struct acct_buf *t = i ? &b : &a;

		for (j = 0; j < x->ncommits; j++) {
			const struct acct_folderlog_commit *c = &x->commits[j];
			size_t k;

			if (!c->n)
				continue;
			acct_buf_addf(t, "%02x%02x%02x %llu %lld %s:", c->id[0],
				      c->id[1], c->id[2],
				      (unsigned long long)c->depth,
				      (long long)c->time,
				      c->moved == ACCT_FOLDERLOG_NONE ? "-" :
				      x->names[c->moved]);
			for (k = 0; k < c->n; k++)
				acct_buf_addf(t, " %s=%u",
					      x->names[x->changes[c->first + k].name],
					      (unsigned)x->changes[c->first + k].flags);
			acct_buf_addch(t, '\n');
		}
	}
	check_(fl && whole && !strcmp(a.buf, b.buf), __FILE__, line,
	       "the list from the kept one:\n%s\nthe whole walk's:\n%s",
	       a.buf, b.buf);
	if (fl && fl->ncommits) {
		check_(!memcmp(fl->commits[0].id, head.id, 20), __FILE__, line,
		       "the list is not HEAD's");
		check_(fl->commits[fl->ncommits - 1].depth == 0, __FILE__, line,
		       "the list does not end at the first commit");
	}
	acct_buf_release(&a);
	acct_buf_release(&b);
	acct_folderlog_free(whole);
}

#define SAME_AS_WHOLE_WALK(fl) same_as_whole_walk((fl), __LINE__)

#define SAYS(fl, want) do { \
	struct acct_buf got_ = ACCT_BUF_INIT; \
	say(&got_, (fl)); \
	CHECK_STR(got_.buf, (want)); \
	acct_buf_release(&got_); \
} while (0)

/* --- the tests ------------------------------------------------------------------ */

static void test_folderlog__what_counts(void)
{
	struct acct_folderlog *fl;

	put(".acct/config.yaml", "locale: en\n");
	commit("init");
	put("clients/acme/client.yaml", "name: Acme\n");
	commit("add acme");
	put("clients/acme/log/2026/a.md", "a call\n");
	commit("log acme");				/* not listed */
	put("clients/acme/client.yaml", "name: Acme\nstatus: paused\n");
	commit("edit acme");
	put("clients/beta/client.yaml", "name: Beta\n");
	put("clients/beta/brief.md", "# Brief\n");
	commit("add beta");
	put("clients/beta/brief.md", "# Brief\n\n## Audience\n\nAll.\n");
	put("clients/acme/log/2026/b.md", "another call\n");
	commit("brief beta, log acme");
	put("clients/acme-corp/client.yaml", "name: Acme\nstatus: paused\n");
	put("clients/acme-corp/log/2026/a.md", "a call\n");
	put("clients/acme-corp/log/2026/b.md", "another call\n");
	drop_dir("clients/acme");
	commit("rename acme");
	drop("clients/beta/client.yaml");
	commit("card of beta gone");
	put("clients/gamma/log/2026/a.md", "no card\n");
	commit("gamma without a card");
	put("README", "hello\n");
	commit("not a client");
	fl = list_from(NULL);
	/* In git's order of folders, not strcmp's: "acme-corp/" < "acme/". */
	SAYS(fl,
	     "gamma without a card: gamma=D----\n"
	     "card of beta gone: beta=Dd-cF\n"
	     "rename acme: acme-corp=D-C-F acme=-d-cF (from acme)\n"
	     "brief beta, log acme: beta=DdCcF\n"
	     "add beta: beta=D-C-F\n"
	     "edit acme: acme=DdCcF\n"
	     "add acme: acme=D-C-F\n");
	/* HEAD and the first commit stand at the ends, with their depths. */
	if (fl && CHECK(fl->ncommits == 9)) {
		CHECK_INT(fl->commits[0].depth, 9);
		CHECK_INT(fl->commits[0].n, 0);
		CHECK_INT(fl->commits[8].depth, 0);
	}
	acct_folderlog_free(fl);
}

static void test_folderlog__renames(void)
{
	struct acct_folderlog *fl;

	/* Two folders gone at once: no telling which moved. */
	put("clients/one/client.yaml", "name: One\n");
	put("clients/two/client.yaml", "name: Two\n");
	commit("add one and two");
	drop_dir("clients/one");
	drop_dir("clients/two");
	put("clients/three/client.yaml", "name: Three\n");
	commit("two gone, three new");
	/* A folder gone without a card is no rename. */
	put("clients/four/log/2026/a.md", "x\n");
	commit("four, no card");
	drop_dir("clients/four");
	put("clients/five/client.yaml", "name: Five\n");
	commit("four gone, five new");
	/* A file where the folder was: not gone. */
	drop_dir("clients/five");
	put("clients/five", "a file\n");
	put("clients/six/client.yaml", "name: Five\n");
	commit("five a file, six new");
	fl = list_from(NULL);
	SAYS(fl,
	     "five a file, six new: five=-d-cF six=D-C-F\n"
	     "four gone, five new: five=D-C-F four=-d---\n"
	     "four, no card: four=D----\n"
	     "two gone, three new: one=-d-cF three=D-C-F two=-d-cF\n"
	     "add one and two: one=D-C-F two=D-C-F\n"
	     "gamma without a card: gamma=D----\n"
	     "card of beta gone: beta=Dd-cF\n"
	     "rename acme: acme-corp=D-C-F acme=-d-cF (from acme)\n"
	     "brief beta, log acme: beta=DdCcF\n"
	     "add beta: beta=D-C-F\n"
	     "edit acme: acme=DdCcF\n"
	     "add acme: acme=D-C-F\n");
	acct_folderlog_free(fl);
}

static void test_folderlog__bytes(void)
{
	struct acct_folderlog *fl = list_from(NULL), *back = NULL;
	struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT, bad = ACCT_BUF_INIT;
	size_t i, nbytes;

	if (!fl)
		return;
	acct_folderlog_encode(&a, fl);
	if (CHECK(acct_folderlog_decode(&back, a.buf, a.len) == 0)) {
		acct_folderlog_encode(&b, back);
		CHECK(a.len == b.len && !memcmp(a.buf, b.buf, a.len));
		CHECK_INT(back->ncommits, fl->ncommits);
		CHECK_STR(back->names[0], fl->names[0]);
	}
	acct_folderlog_free(back);
	/* Cut anywhere, or one byte too many: not a list. */
	for (i = 0; i < a.len; i++) {
		back = NULL;
		if (!CHECK_MSG(acct_folderlog_decode(&back, a.buf, i) < 0 && !back,
			       "cut at %zu of %zu", i, a.len))
			break;
	}
	acct_buf_add(&bad, a.buf, a.len);
	acct_buf_addch(&bad, 0);
	CHECK(acct_folderlog_decode(&back, bad.buf, bad.len) < 0);

	/* The names: sorted, none empty, no '/'. */
	nbytes = (unsigned char)a.buf[12] | (size_t)(unsigned char)a.buf[13] << 8;
#define MUTATE(at, byte) do { \
	acct_buf_reset(&bad); \
	acct_buf_add(&bad, a.buf, a.len); \
	bad.buf[(at)] = (char)(byte); \
	back = NULL; \
	CHECK_MSG(acct_folderlog_decode(&back, bad.buf, bad.len) < 0 && !back, \
		  "byte %zu set to %d", (size_t)(at), (int)(byte)); \
} while (0)
	MUTATE(16, 'z');		/* "acme" after "acme-corp"... */
	MUTATE(17, '/');
	MUTATE(16, 0);			/* an empty name */
	MUTATE(0, 200);			/* counts that do not add up */
	MUTATE(4, 200);
	MUTATE(8, 200);
	MUTATE(12, 0);
	{
		size_t commits = 16 + nbytes, changes = commits + 44 * fl->ncommits;

		/* depth, moved, count of the first commit; the last's depth */
		MUTATE(commits + 20, 0);
		MUTATE(commits + 36, 99);
		MUTATE(commits + 40, 99);
		MUTATE(commits + 44 * (fl->ncommits - 1) + 20, 1);
		/* a change's folder, and flags that cannot be */
		MUTATE(changes, 99);
		MUTATE(changes + 4, 0x20);
		MUTATE(changes + 4, ACCT_FOLDERLOG_CARD);
		MUTATE(changes + 4, ACCT_FOLDERLOG_DIR | ACCT_FOLDERLOG_CARD_BEFORE);
		MUTATE(changes + 4, 0);
	}
	{
		/* HEAD's folders: counted, by tree id, what they have. */
		size_t at = 16 + nbytes + 44 * fl->ncommits + 8 * fl->nchanges;
		size_t f1 = at + 4, f2 = at + 4 + 61;

		CHECK(fl->nfolders >= 2 &&
		      (fl->folders[0].has & ACCT_FOLDERLOG_HAS_CARD));
		CHECK_INT(a.len, at + 4 + 61 * fl->nfolders);
		MUTATE(at, fl->nfolders + 1);
		MUTATE(at, fl->nfolders - 1);
		MUTATE(f1 + 20, 4);			/* has what? */
		MUTATE(f1 + 20, ACCT_FOLDERLOG_HAS_BRIEF);	/* a card's id, no card */
		MUTATE(f1, 0xff);			/* out of order */
		/* The same folder twice. */
		acct_buf_reset(&bad);
		acct_buf_add(&bad, a.buf, a.len);
		memcpy(bad.buf + f2, bad.buf + f1, 20);
		CHECK(acct_folderlog_decode(&back, bad.buf, bad.len) < 0);
		/* As "folderlog 1" wrote it, without them: not a list. */
		CHECK(acct_folderlog_decode(&back, a.buf, at) < 0);
	}
	/* No commit at all is no list either (an empty book has no cache). */
	CHECK(acct_folderlog_decode(&back, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
				    16) < 0);
	acct_buf_release(&a);
	acct_buf_release(&b);
	acct_buf_release(&bad);
	acct_folderlog_free(fl);
}

static void test_folderlog__incremental(void)
{
	struct acct_folderlog *old = list_from(NULL), *fl;
	git_oid tip;

	/* New commits on top: walked down to the kept HEAD. */
	put("clients/acme-corp/client.yaml", "name: Acme Corp\n");
	commit("acme corp renamed");
	put("clients/delta/client.yaml", "name: Delta\n");
	commit("add delta");
	fl = list_from(old);
	SAME_AS_WHOLE_WALK(fl);
	acct_folderlog_free(old);
	old = fl;

	/* Back to an older commit (reset --hard): the list is cut there. */
	head_id(&tip);
	reset_back(3);
	fl = list_from(old);
	SAME_AS_WHOLE_WALK(fl);
	acct_folderlog_free(fl);

	/* Another line from there (an amend, a rebase): walked to where they meet. */
	put("clients/epsilon/client.yaml", "name: Epsilon\n");
	commit("add epsilon instead");
	fl = list_from(old);
	SAME_AS_WHOLE_WALK(fl);
	acct_folderlog_free(old);
	old = fl;

	/* A list of another history: walked to the first commit. */
	for (size_t i = 0; old && i < old->ncommits; i++)
		memset(old->commits[i].id, 0xaa, sizeof(old->commits[i].id));
	fl = list_from(old);
	SAME_AS_WHOLE_WALK(fl);
	acct_folderlog_free(fl);
	acct_folderlog_free(old);
	(void)tip;
}

/* Commits that change no folder: the list keeps a landmark every STRIDE. */
static void test_folderlog__landmarks(void)
{
	struct acct_folderlog *fl, *old;
	char text[32];
	size_t i, n = 3 * ACCT_FOLDERLOG_STRIDE, changed;

	for (i = 0; i < n; i++) {
		snprintf(text, sizeof(text), "%zu\n", i);
		put("notes.txt", text);
		commit("a note");
	}
	put("clients/zeta/client.yaml", "name: Zeta\n");
	commit("add zeta");
	old = list_from(NULL);
	if (!old)
		return;
	for (i = changed = 0; i < old->ncommits; i++)
		changed += old->commits[i].n > 0;
	/* HEAD, the first commit, the changes, a landmark per STRIDE at most. */
	CHECK(old->ncommits <= changed + 2 + n / ACCT_FOLDERLOG_STRIDE + 1);
	CHECK(old->ncommits >= changed + n / ACCT_FOLDERLOG_STRIDE);
	for (i = 1; i < old->ncommits; i++)
		CHECK_MSG(old->commits[i - 1].depth - old->commits[i].depth <
			  2 * ACCT_FOLDERLOG_STRIDE, "a gap of %llu",
			  (unsigned long long)(old->commits[i - 1].depth -
					       old->commits[i].depth));

	/* Back into the notes: met at a landmark, the same list. */
	reset_back((int)ACCT_FOLDERLOG_STRIDE + 10);
	fl = list_from(old);
	SAME_AS_WHOLE_WALK(fl);
	acct_folderlog_free(fl);

	/* Update after update, one note each: the old HEADs do not pile up. */
	fl = list_from(old);
	for (i = 0; i < 40 && fl; i++) {
		acct_folderlog_free(old);
		old = fl;
		put("notes.txt", i % 2 ? "odd\n" : "even\n");
		commit("one more note");
		fl = list_from(old);
	}
	SAME_AS_WHOLE_WALK(fl);
	if (fl && old)
		CHECK(fl->ncommits <= old->ncommits + 1);
	acct_folderlog_free(fl);
	acct_folderlog_free(old);
}

/* Random changes, each list worked out from the one before or not at all. */
static void test_folderlog__random(void)
{
	static const char *const names[] = { "a", "a-b", "b", "c", "c.d" };
	struct acct_folderlog *old = NULL, *fl;
	char path[64], text[64];
	unsigned seed = 19;
	int i;

	for (i = 0; i < 150; i++) {
		const char *name;
		unsigned r;

		seed = seed * 1103515245u + 12345u;
		r = (seed >> 16) % 100;
		name = names[(seed >> 8) % 5];
		if (r < 30) {
			snprintf(path, sizeof(path), "clients/%s/client.yaml", name);
			snprintf(text, sizeof(text), "name: %s\nv: %d\n", name, i);
			put(path, text);
		} else if (r < 50) {
			snprintf(path, sizeof(path), "clients/%s/log/%d.md", name, i);
			put(path, "a call\n");
		} else if (r < 58) {
			snprintf(path, sizeof(path), "clients/%s/brief.md", name);
			snprintf(text, sizeof(text), "# Brief %d\n", i);
			put(path, text);
		} else if (r < 64) {
			snprintf(path, sizeof(path), "clients/%s/client.yaml", name);
			git_index_remove_bypath(idx, path);
		} else if (r < 70) {
			snprintf(path, sizeof(path), "clients/%s", name);
			git_index_remove_directory(idx, path, 0);
		} else if (r < 76) {
			reset_back(1 + (int)(seed % 4));
		} else {
			snprintf(text, sizeof(text), "%d\n", i);
			put("notes.txt", text);
		}
		if (r < 70 || r >= 76)
			commit("random");
		if ((seed >> 4) % 3 == 0)
			continue;	/* no list this time */
		fl = list_from(old);
		SAME_AS_WHOLE_WALK(fl);
		acct_folderlog_free(old);
		old = fl;
	}
	acct_folderlog_free(old);
}

/* The tree ids of HEAD's folders `clients/<prefix>NN`, NN < n. */
static void folder_ids(git_oid *out, const char *prefix, int n)
{
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	char path[64];
	git_oid head;
	int i;

	head_id(&head);
	CHECK(git_commit_lookup(&c, repo, &head) == 0);
	CHECK(git_commit_tree(&tree, c) == 0);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "clients/%s%02d", prefix, i);
		if (CHECK(git_tree_entry_bypath(&e, tree, path) == 0))
			git_oid_cpy(&out[i], git_tree_entry_id(e));
		git_tree_entry_free(e);
		e = NULL;
	}
	git_tree_free(tree);
	git_commit_free(c);
}

/* The loose object `id` gone from the repository (test repos are loose). */
static void lose(const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1], path[4096];

	git_oid_tostr(hex, sizeof(hex), id);
	snprintf(path, sizeof(path), "%sobjects/%.2s/%s",
		 git_repository_path(repo), hex, hex + 2);
	CHECK_MSG(unlink(path) == 0, "%s: %s", path, strerror(errno));
}

/*
 * After a pull of many commits, the versions of the folders the kept
 * list started from (its HEAD's) and those git's index has (when its
 * cache tree says so) are not read: the walk works with their objects
 * gone, and finds what a whole walk found with them. Last: it loses
 * objects of the repository.
 */
static void test_folderlog__known_not_read(void)
{
	enum { N = ACCT_FOLDERLOG_INDEX_MIN + 8 };
	struct acct_folderlog *old, *fl, *whole;
	struct acct_buf want = ACCT_BUF_INIT, got = ACCT_BUF_INIT;
	git_oid before[N], after[N];
	git_tree *tree = NULL;
	git_commit *c = NULL;
	char path[64], text[64], index_path[4096];
	git_oid head;
	int i;

	for (i = 0; i < N; i++) {
		snprintf(path, sizeof(path), "clients/p%02d/client.yaml", i);
		snprintf(text, sizeof(text), "name: P%d\n", i);
		put(path, text);
		if (i % 3) {
			snprintf(path, sizeof(path), "clients/p%02d/brief.md", i);
			put(path, "# Brief\n");
		}
	}
	commit("many clients");
	old = list_from(NULL);
	folder_ids(before, "p", N);
	/* The pull: an entry each, and some cards and briefs changed. */
	for (i = 0; i < N; i++) {
		snprintf(path, sizeof(path), "clients/p%02d/log/%d.md", i, i);
		put(path, "a call\n");
		commit("an entry");
	}
	for (i = 0; i < N; i += 5) {
		snprintf(path, sizeof(path), "clients/p%02d/%s", i,
			 i % 2 ? "client.yaml" : "brief.md");
		snprintf(text, sizeof(text), "name: P%d\nv: 2\n", i);
		put(path, text);
		commit("a change");
	}
	folder_ids(after, "p", N);
	/* git's index as git leaves it after a pull: its cache tree valid. */
	snprintf(index_path, sizeof(index_path), "%sindex",
		 git_repository_path(repo));
	head_id(&head);
	CHECK(git_commit_lookup(&c, repo, &head) == 0);
	CHECK(git_commit_tree(&tree, c) == 0);
	CHECK(git_index_read_tree(idx, tree) == 0);
	whole = list_from(NULL);	/* no index file yet: read */
	say(&want, whole);
	CHECK(git_index_write(idx) == 0);
	for (i = 0; i < N; i++) {
		lose(&before[i]);
		lose(&after[i]);
	}
	fl = list_from(old);
	say(&got, fl);
	CHECK_STR(got.buf, want.buf);
	CHECK(fl && whole && fl->nfolders == whole->nfolders &&
	      !memcmp(fl->folders, whole->folders,
		      whole->nfolders * sizeof(*whole->folders)));
	acct_folderlog_free(fl);
	/* Without the index, the versions gone are missed: an error. */
	CHECK(unlink(index_path) == 0);
	{
		struct acct_error err = ACCT_ERROR_INIT;

		fl = NULL;
		CHECK(acct_folderlog_update(&fl, repo, &head, old, &err) ==
		      ACCT_ERROR && !fl);
	}
	git_tree_free(tree);
	git_commit_free(c);
	acct_folderlog_free(whole);
	acct_folderlog_free(old);
	acct_buf_release(&want);
	acct_buf_release(&got);
}

static int setup(void)
{
	git_reference *head = NULL;

	acct_git_init();
	if (!mkdtemp(dir)) {
		CHECK_MSG(0, "mkdtemp: %s", strerror(errno));
		return -1;
	}
	if (!CHECK(git_repository_init(&repo, dir, 0) == 0) ||
	    !CHECK(git_reference_symbolic_create(&head, repo, "HEAD",
						 "refs/heads/main", 1, NULL) == 0) ||
	    !CHECK(git_repository_index(&idx, repo) == 0))
		return -1;
	git_reference_free(head);
	return 0;
}

int main(void)
{
	if (setup() == 0) {
		test_folderlog__what_counts();
		test_folderlog__renames();
		test_folderlog__bytes();
		test_folderlog__incremental();
		test_folderlog__landmarks();
		test_folderlog__random();
		test_folderlog__known_not_read();
	}
	git_index_free(idx);
	git_repository_free(repo);
	if (dir[sizeof(dir) - 7] != 'X') {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_report("folderlog");
}
