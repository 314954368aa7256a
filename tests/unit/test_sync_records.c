#include "../../lib/sync_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * What two clones did to record files, resolved in libgit2's merged index
 * (lib/sync_records.c): three trees (base, ours, theirs) merged as
 * merge_upstream() in lib/sync.c merges them, then acct_sync_resolve(),
 * then the index (every stage-0 file and its text, no conflict left) or
 * the conflicts it reports. The rule: a record already published
 * (theirs) never moves; ours, not pushed yet, moves to the next free
 * name. End to end: tests/t/t8200-sync-races.sh.
 */

static git_repository *repo;

struct file {
	const char *path, *text;
};

#define L "clients/acme/log/2026/"
#define N "clients/acme/nps/2026/"
#define P L "2026-11-20T1000-weekly-call.md"
#define P2 L "2026-11-20T1000-weekly-call-2.md"
#define P3 L "2026-11-20T1000-weekly-call-3.md"
#define P4 L "2026-11-20T1000-weekly-call-4.md"
#define BRIEF "clients/acme/brief.md"

#define HEAD(by) "---\ndate: 2026-11-20T10:00+03:00\nsummary: Weekly call\n" \
	"channel: call\nby: " by "\n"
#define FM(by) HEAD(by) "---\n"

/* Entries under one name, each with items of its own. */
#define ENTRY(by, notes, items) FM(by) notes "\n\n## Actions\n\n" items
static const char A[] = ENTRY("Anna Petrova", "Call notes.",
	"- [ ] Send the plan from A <!-- id:aaaaaa1 -->\n");
static const char B[] = ENTRY("Boris Ivanov", "Call notes.",
	"- [ ] Send the plan from B <!-- id:bbbbbb1 -->\n");
static const char C[] = ENTRY("Clara Smirnova", "Call notes.",
	"- [ ] Send the plan from C <!-- id:cccccc1 -->\n");
static const char D[] = ENTRY("Boris Ivanov", "Second call.",
	"- [ ] Send the plan from D <!-- id:dddddd1 -->\n");

/* One entry with two items, ticked in every way. */
#define TWO(first, second) ENTRY("Anna Petrova", "Call notes.", \
	"- [" first "] First item <!-- id:1111111 -->\n" \
	"- [" second "] Second item <!-- id:2222222 -->\n")
static const char E00[] = TWO(" ", " ");
static const char Ex0[] = TWO("x", " ");
static const char E0x[] = TWO(" ", "x");
static const char Exx[] = TWO("x", "x");

/* NPS answers. */
#define ANON(score, comment) "date: 2026-11-21\nscore: " score "\n" \
	"comment: " comment "\n"
#define NAMED(who, score) "date: 2026-11-22\nrespondent: " who "\n" \
	"score: " score "\n"
static const char FAST[] = ANON("10", "Fast team");
static const char SLOW[] = ANON("6", "Slow reports");
static const char OTHER[] = ANON("8", "Good");
#define AN1 N "2026-11-21-anonymous-1.yaml"
#define AN2 N "2026-11-21-anonymous-2.yaml"
#define AN3 N "2026-11-21-anonymous-3.yaml"
#define IVAN N "2026-11-22-ivan-petrov.yaml"
#define IVAN2 N "2026-11-22-ivan-petrov-2.yaml"

/* libgit2's last error, or "". */
static const char *gitmsg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "";
}

/* A tree's files, up to a NULL path. */
#define FILES(...) ((const struct file[]){ __VA_ARGS__, { NULL, NULL } })
#define NOTHING ((const struct file[]){ { NULL, NULL } })

/* A step of the setup: counted only when it fails. */
#define REQUIRE(cond, ...) ((cond) ? 1 : \
	check_(0, __FILE__, __LINE__, __VA_ARGS__))

/* The tree of `files` (up to a NULL path). */
static git_tree *tree_of(int line, const struct file *files)
{
	git_index *idx = NULL;
	git_tree *tree = NULL;
	git_oid id;
	size_t i;

	if (!REQUIRE(git_index_new(&idx) == 0, "line %d: index", line))
		return NULL;
	for (i = 0; files[i].path; i++) {
		git_index_entry e;

		memset(&e, 0, sizeof(e));
		e.path = files[i].path;
		e.mode = GIT_FILEMODE_BLOB;
		if (!REQUIRE(git_blob_create_from_buffer(&e.id, repo,
				files[i].text, strlen(files[i].text)) == 0 &&
			     git_index_add(idx, &e) == 0, "line %d: %s: %s",
			     line, files[i].path, gitmsg()))
			goto out;
	}
	REQUIRE(git_index_write_tree_to(&id, idx, repo) == 0 &&
		git_tree_lookup(&tree, repo, &id) == 0, "line %d: tree: %s",
		line, gitmsg());
out:
	git_index_free(idx);
	return tree;
}

/* One merge and what acct made of it. */
struct merge {
	git_index *idx;
	int conflicted;		/* git_merge_trees() left conflicts */
	int rc;			/* acct_sync_resolve()'s */
	struct acct_sync_result r;
	struct acct_error err;
};

/*
 * Merge as merge_upstream() does: no rename detection, the card driver
 * registered, then acct_sync_resolve().
 * 0 when that could not be done (a failed check says why).
 */
static int merge_(int line, struct merge *m, const struct file *base,
		  const struct file *ours, const struct file *theirs)
{
	git_merge_options mopts = GIT_MERGE_OPTIONS_INIT;
	git_tree *b = tree_of(line, base), *o = tree_of(line, ours),
		 *t = tree_of(line, theirs);
	int ok = 0;

	memset(m, 0, sizeof(*m));
	m->err = (struct acct_error)ACCT_ERROR_INIT;
	if (!b || !o || !t ||
	    !REQUIRE(acct_merge_driver_register(&m->err) == 0,
		     "line %d: %s", line, m->err.msg))
		goto out;
	mopts.flags = 0;
	if (!REQUIRE(git_merge_trees(&m->idx, repo, b, o, t, &mopts) == 0,
		     "line %d: merge: %s", line, gitmsg()))
		goto out;
	m->conflicted = git_index_has_conflicts(m->idx);
	/* Always, as merge_upstream() does: a clean text merge of a record
	 * may be one record's edit in another. */
	m->rc = acct_sync_resolve(repo, m->idx, b, o, t, &m->r, &m->err);
	REQUIRE(m->rc == 0 || m->rc == ACCT_ECONFLICT, "line %d: rc %d: %s",
		line, m->rc, m->err.msg);
	ok = 1;
out:
	git_tree_free(b);
	git_tree_free(o);
	git_tree_free(t);
	return ok;
}

#define MERGE(m, base, ours, theirs) merge_(__LINE__, (m), (base), (ours), \
					    (theirs))

static void merge_free(struct merge *m)
{
	git_index_free(m->idx);
	acct_sync_result_release(&m->r);
}

/* The text of `path` at stage 0, or NULL. */
static char *text_at(git_index *idx, const char *path)
{
	const git_index_entry *e = git_index_get_bypath(idx, path, 0);
	git_blob *blob = NULL;
	char *s;
	size_t len;

	if (!e || git_blob_lookup(&blob, repo, &e->id) < 0)
		return NULL;
	len = (size_t)git_blob_rawsize(blob);
	s = malloc(len + 1);
	if (s) {
		memcpy(s, git_blob_rawcontent(blob), len);
		s[len] = '\0';
	}
	git_blob_free(blob);
	return s;
}

/*
 * libgit2 left conflicts (so acct resolved something), none is left and
 * none reported, and the index holds `want` and nothing else.
 */
static void resolved_(int line, struct merge *m, const struct file *want,
		      int clean)
{
	size_t i, n = 0, count = git_index_entrycount(m->idx);

	CHECK_MSG(m->conflicted != clean, "line %d: the merge had %s", line,
		  clean ? "a conflict" : "no conflict");
	CHECK_MSG(m->rc == 0, "line %d: rc %d: %s", line, m->rc, m->err.msg);
	CHECK_MSG(m->r.nconflicts == 0, "line %d: %zu conflicts, the first "
		  "%s", line, m->r.nconflicts,
		  m->r.nconflicts ? m->r.conflicts[0].path : "");
	CHECK_MSG(!git_index_has_conflicts(m->idx), "line %d: the index has "
		  "conflicts", line);
	for (i = 0; want[i].path; i++) {
		char *got = text_at(m->idx, want[i].path);

		CHECK_MSG(got && !strcmp(got, want[i].text), "line %d: %s is\n"
			  "%s\nwant\n%s", line, want[i].path,
			  got ? got : "(none)", want[i].text);
		free(got);
		n++;
	}
	if (!CHECK_MSG(count == n, "line %d: %zu files, want %zu", line,
		       count, n))
		for (i = 0; i < count; i++)
			fprintf(stderr, "  %s\n",
				git_index_get_byindex(m->idx, i)->path);
}

#define RESOLVED(m, ...) do { \
	static const struct file want_[] = { __VA_ARGS__, { NULL, NULL } }; \
	resolved_(__LINE__, (m), want_, 0); \
} while (0)
/* The same where git's text merge had no conflict (acct still acts). */
#define RESOLVED_CLEAN(m, ...) do { \
	static const struct file want_[] = { __VA_ARGS__, { NULL, NULL } }; \
	resolved_(__LINE__, (m), want_, 1); \
} while (0)

/* The renames reported: exactly `want`, in order. */
static void renamed_(int line, struct merge *m, const char *const *want)
{
	size_t i, n = 0;

	while (want[n])
		n++;
	CHECK_MSG(m->r.nrenamed == n, "line %d: %zu renamed, want %zu%s%s",
		  line, m->r.nrenamed, n, m->r.nrenamed ? ": " : "",
		  m->r.nrenamed ? m->r.renamed[0] : "");
	for (i = 0; i < n && i < m->r.nrenamed; i++)
		CHECK_MSG(!strcmp(m->r.renamed[i], want[i]), "line %d: "
			  "renamed \"%s\", want \"%s\"", line, m->r.renamed[i],
			  want[i]);
}

#define RENAMED(m, ...) do { \
	static const char *const want_[] = { __VA_ARGS__, NULL }; \
	renamed_(__LINE__, (m), want_); \
} while (0)
#define NONE_RENAMED(m) CHECK_INT((m)->r.nrenamed, 0)

/*
 * One conflict reported, of `kind` at `path`, its message (the
 * `theirs` of a whole file) `msg` or NULL, and ACCT_ECONFLICT returned.
 */
static void conflict_(int line, struct merge *m, int kind, const char *path,
		      const char *msg)
{
	const struct acct_sync_conflict *c = m->r.conflicts;

	CHECK_MSG(m->conflicted, "line %d: the merge had no conflict", line);
	CHECK_MSG(m->rc == ACCT_ECONFLICT, "line %d: rc %d, want "
		  "ACCT_ECONFLICT", line, m->rc);
	if (!CHECK_MSG(m->r.nconflicts == 1, "line %d: %zu conflicts, want "
		       "1", line, m->r.nconflicts))
		return;
	CHECK_MSG(c->kind == kind, "line %d: kind %d, want %d", line,
		  c->kind, kind);
	CHECK_MSG(!strcmp(c->path, path), "line %d: conflict in %s, want %s",
		  line, c->path, path);
	CHECK_MSG(!c->field && !c->ours, "line %d: a field or ours", line);
	CHECK_MSG(msg ? c->theirs && !strcmp(c->theirs, msg) : !c->theirs,
		  "line %d: message \"%s\", want \"%s\"", line,
		  c->theirs ? c->theirs : "(null)", msg ? msg : "(null)");
}

#define CONFLICT(m, kind, path, msg) conflict_(__LINE__, (m), (kind), \
					       (path), (msg))

#define CLASH "the same record was changed here and there in the same lines"

/* --- 1. two records added under one name ------------------------------- */

static void test_records__added_twice(void)
{
	struct merge m;

	/* Theirs stays, ours moves to -2. */
	if (MERGE(&m, NOTHING,
		  FILES({ P, B }),
		  FILES({ P, A }))) {
		RESOLVED(&m, { P, A }, { P2, B });
		RENAMED(&m, P " -> " P2);
	}
	merge_free(&m);

	/* -2 taken there: -3. */
	if (MERGE(&m, NOTHING,
		  FILES({ P, B }),
		  FILES({ P, A }, { P2, C }))) {
		RESOLVED(&m, { P, A }, { P2, C }, { P3, B });
		RENAMED(&m, P " -> " P3);
	}
	merge_free(&m);

	/* -2 taken here (by another record of ours): -3. */
	if (MERGE(&m, NOTHING,
		  FILES({ P, B }, { P2, D }),
		  FILES({ P, A }))) {
		RESOLVED(&m, { P, A }, { P2, D }, { P3, B });
		RENAMED(&m, P " -> " P3);
	}
	merge_free(&m);

	/* A name numbered already (x.md there) counts on: x-2 -> x-3. */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, A }, { P2, B }),
		  FILES({ P, A }, { P2, C }))) {
		RESOLVED(&m, { P, A }, { P2, C }, { P3, B });
		RENAMED(&m, P2 " -> " P3);
	}
	merge_free(&m);

	/* Two records added twice: each moves on its own. */
	if (MERGE(&m, NOTHING,
		  FILES({ P, B }, { P2, D }),
		  FILES({ P, A }, { P2, C }))) {
		/* in the index's order: "-2.md" before ".md" */
		RESOLVED(&m, { P, A }, { P2, C }, { P3, D }, { P4, B });
		RENAMED(&m, P2 " -> " P3, P " -> " P4);
	}
	merge_free(&m);
}

/* free_name(): which name ours takes, a row each. */
static void test_records__next_name(void)
{
	static const struct {
		int line;
		const char *path;	/* ours and theirs added here */
		const char *all;	/* in every tree, or NULL */
		const char *there;	/* in theirs only, or NULL */
		const char *want;	/* where ours goes */
	} rows[] = {
		{ __LINE__, L "2026-11-27T1000-week-48.md", NULL, NULL,
		  L "2026-11-27T1000-week-48-2.md" },
		{ __LINE__, L "2026-11-27T1000-week-48.md",
		  L "2026-11-27T1000-week.md", NULL,
		  L "2026-11-27T1000-week-49.md" },
		{ __LINE__, L "2026-11-27T1000-week-48.md", NULL,
		  L "2026-11-27T1000-week-48-2.md",
		  L "2026-11-27T1000-week-48-3.md" },
		/* "07" is no number acct gives, "-123456" too long for one */
		{ __LINE__, L "2026-11-27T1000-q-07.md",
		  L "2026-11-27T1000-q.md", NULL,
		  L "2026-11-27T1000-q-07-2.md" },
		{ __LINE__, L "2026-11-27T1000-q-123456.md",
		  L "2026-11-27T1000-q.md", NULL,
		  L "2026-11-27T1000-q-123456-2.md" },
		{ __LINE__, L "2026-11-27T1000-q-9.md",
		  L "2026-11-27T1000-q.md", L "2026-11-27T1000-q-10.md",
		  L "2026-11-27T1000-q-11.md" },
		{ __LINE__, AN1, NULL, NULL, AN2 },
		{ __LINE__, AN1, NULL, AN2, AN3 },
		{ __LINE__, AN2, AN1, NULL, AN3 },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		int nps = strstr(rows[i].path, "/nps/") != NULL;
		const char *mine = nps ? SLOW : B, *published = nps ? FAST : A,
			   *old = nps ? OTHER : C;
		struct file base[] = { { rows[i].all, old }, { NULL, NULL } };
		struct file ours[] = { { rows[i].path, mine },
				       { rows[i].all, old }, { NULL, NULL } };
		struct file theirs[] = { { rows[i].path, published },
					 { rows[i].there, old },
					 { rows[i].all, old }, { NULL, NULL } };
		struct file want[] = { { rows[i].path, published },
				       { rows[i].want, mine },
				       { rows[i].there, old },
				       { rows[i].all, old }, { NULL, NULL } };
		char line[256];
		struct merge m;

		if (!rows[i].there) {
			theirs[1] = theirs[2];
			theirs[2] = theirs[3];
			want[2] = want[3];
			want[3] = want[4];
		}
		if (merge_(rows[i].line, &m, base, ours, theirs)) {
			resolved_(rows[i].line, &m, want, 0);
			snprintf(line, sizeof(line), "%s -> %s", rows[i].path,
				 rows[i].want);
			renamed_(rows[i].line, &m,
				 (const char *const[]){ line, NULL });
		}
		merge_free(&m);
	}
}

/* --- 2, 3. one record ticked or edited on both sides --------------------- */

static void test_records__ticked_twice(void)
{
	struct merge m;

	/* Added on both sides, ticked differently: one, with both ticks. */
	if (MERGE(&m, NOTHING,
		  FILES({ P, Ex0 }),
		  FILES({ P, E0x }))) {
		RESOLVED(&m, { P, Exx });
		NONE_RENAMED(&m);
	}
	merge_free(&m);

	/* Ticked on one side only. */
	if (MERGE(&m, NOTHING,
		  FILES({ P, E00 }),
		  FILES({ P, E0x }))) {
		RESOLVED(&m, { P, E0x });
		NONE_RENAMED(&m);
	}
	merge_free(&m);

	/* Edited on both sides, ticks on neighbouring items: xdiff's
	 * conflict, merged line by line. */
	if (MERGE(&m, FILES({ P, E00 }),
		  FILES({ P, Ex0 }),
		  FILES({ P, E0x }))) {
		RESOLVED(&m, { P, Exx });
		NONE_RENAMED(&m);
	}
	merge_free(&m);
}

static void test_records__edited_twice(void)
{
	static const char edited[] = ENTRY("Anna Petrova", "Call notes.",
		"- [ ] First item, by Friday <!-- id:1111111 -->\n"
		"- [ ] Second item <!-- id:2222222 -->\n");
	static const char added_id[] = ENTRY("Anna Petrova", "Call notes.",
		"- [ ] First item <!-- id:1111111 -->\n"
		"- [x] Second item <!-- id:2222222 -->\n"
		"- [ ] Third item <!-- id:3333333 -->\n");
	struct merge m;

	/* One line changed two ways: a conflict, the index as it was. */
	if (MERGE(&m, FILES({ P, E00 }),
		  FILES({ P, Ex0 }),
		  FILES({ P, edited }))) {
		CONFLICT(&m, ACCT_SYNC_RECORD, P, CLASH);
		CHECK(git_index_has_conflicts(m.idx));
		NONE_RENAMED(&m);
	}
	merge_free(&m);

	/* Added on both sides, the same record (an id both hold) with lines
	 * that do not pair up: a conflict too. */
	if (MERGE(&m, NOTHING,
		  FILES({ P, Ex0 }),
		  FILES({ P, added_id }))) {
		CONFLICT(&m, ACCT_SYNC_RECORD, P, CLASH);
		NONE_RENAMED(&m);
	}
	merge_free(&m);
}

/* --- 4. NPS answers ------------------------------------------------------ */

static void test_records__answers(void)
{
	struct merge m;

	/* One named answer, two scores. */
	if (MERGE(&m, NOTHING,
		  FILES({ IVAN, NAMED("Ivan Petrov", "6") }),
		  FILES({ IVAN, NAMED("Ivan Petrov", "9") }))) {
		CONFLICT(&m, ACCT_SYNC_ANSWER, IVAN,
			 "the same answer twice: score 6 here, 9 there");
		NONE_RENAMED(&m);
	}
	merge_free(&m);

	/* One anonymous answer under two numbers: ours goes. Here the other
	 * answer of ours moves into its place. */
	if (MERGE(&m, NOTHING,
		  FILES({ AN1, SLOW }, { AN2, FAST }),
		  FILES({ AN1, FAST }))) {
		RESOLVED(&m, { AN1, FAST }, { AN2, SLOW });
		RENAMED(&m, AN1 " -> " AN2);
	}
	merge_free(&m);

	/* ... and here theirs has another answer where ours was. */
	if (MERGE(&m, NOTHING,
		  FILES({ AN2, FAST }),
		  FILES({ AN1, FAST }, { AN2, OTHER }))) {
		RESOLVED(&m, { AN1, FAST }, { AN2, OTHER });
		NONE_RENAMED(&m);
	}
	merge_free(&m);

	/* One named answer edited both ways, in neighbouring lines: one
	 * answer (its identity), merged line by line. */
	if (MERGE(&m, FILES({ IVAN, NAMED("Ivan Petrov", "9")
				    "comment: Good\n" }),
		  FILES({ IVAN, NAMED("Ivan Petrov", "8")
				"comment: Good\n" }),
		  FILES({ IVAN, NAMED("Ivan Petrov", "9")
				"comment: Good team\n" }))) {
		RESOLVED(&m, { IVAN, NAMED("Ivan Petrov", "8")
				     "comment: Good team\n" });
		NONE_RENAMED(&m);
	}
	merge_free(&m);

	/* ... and in one line: a conflict. */
	if (MERGE(&m, FILES({ IVAN, NAMED("Ivan Petrov", "9") }),
		  FILES({ IVAN, NAMED("Ivan Petrov", "8") }),
		  FILES({ IVAN, NAMED("Ivan Petrov", "10") }))) {
		CONFLICT(&m, ACCT_SYNC_RECORD, IVAN, CLASH);
		NONE_RENAMED(&m);
	}
	merge_free(&m);

	/* Two respondents whose names make one file name: ours moves. */
	if (MERGE(&m, NOTHING,
		  FILES({ IVAN, NAMED("Иван Петров", "9") }),
		  FILES({ IVAN, NAMED("Ivan Petrov", "6") }))) {
		RESOLVED(&m, { IVAN, NAMED("Ivan Petrov", "6") },
			 { IVAN2, NAMED("Иван Петров", "9") });
		RENAMED(&m, IVAN " -> " IVAN2);
	}
	merge_free(&m);
}

/* --- 5. the states the old rule left ------------------------------------ */

static void test_records__old_rule(void)
{
	static const char Ax[] = ENTRY("Anna Petrova", "Call notes.",
		"- [x] Send the plan from A <!-- id:aaaaaa1 -->\n");
	/* Its notes edited too: one record still, by its item's id. */
	static const char Aex[] = ENTRY("Anna Petrova", "Call notes, edited.",
		"- [x] Send the plan from A <!-- id:aaaaaa1 -->\n");
	/* A line more (the lines do not pair up: git's text merge), next
	 * to one that the other record at its name has another way. */
#define MORE(tick) HEAD("Anna Petrova") "with: Oleg Sidorov\n" \
	"---\nCall notes.\n\n## Actions\n\n" \
	"- [" tick "] Send the plan from A <!-- id:aaaaaa1 -->\n"
	static const char Anotes[] = ENTRY("Anna Petrova", "Call notes, and more.",
		"- [ ] Send the plan from A <!-- id:aaaaaa1 -->\n");
	static const char Amore[] = MORE(" ");
	static const char Amorex[] = MORE("x");
	static const char Aedit[] = ENTRY("Anna Petrova", "Call notes.",
		"- [ ] Send the plan from A today <!-- id:aaaaaa1 -->\n");
	/* No id: another text is another record. */
	static const char n[] = ENTRY("Anna Petrova", "Call notes.",
		"- [ ] Send the plan\n");
	static const char nedit[] = ENTRY("Anna Petrova", "Call notes.",
		"- [ ] Send the plan today\n");
	/* ... which moves with the id its path gave it written in. */
	static const char nedit_pinned[] = ENTRY("Anna Petrova", "Call notes.",
		"- [ ] Send the plan today <!-- id:3000516 -->\n");
	struct merge m;

	/* (a) Ours ticked it; theirs moved it to -2 and put another at its
	 * name: the tick follows it. */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, Ax }),
		  FILES({ P, B }, { P2, A }))) {
		RESOLVED(&m, { P, B }, { P2, Ax });
		NONE_RENAMED(&m);
	}
	merge_free(&m);

	/* (a) with our notes edited where the two records agree: git merges
	 * it into theirs without a conflict; it goes where the base's went. */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, Anotes }),
		  FILES({ P, B }, { P2, A }))) {
		RESOLVED_CLEAN(&m, { P, B }, { P2, Anotes });
		NONE_RENAMED(&m);
	}
	merge_free(&m);

	/* (a) with lines added here, ticked there: git's text merge. */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, Amore }),
		  FILES({ P, B }, { P2, Ax }))) {
		RESOLVED(&m, { P, B }, { P2, Amorex });
		NONE_RENAMED(&m);
	}
	merge_free(&m);

	/* (a) with one line changed both ways: a conflict where it went. */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, Aedit }),
		  FILES({ P, B }, { P2, Ax }))) {
		CONFLICT(&m, ACCT_SYNC_RECORD, P2, CLASH);
	}
	merge_free(&m);

	/* (b) Ours moved it (not pushed) and put another at its name;
	 * theirs ticked it where it was: it stays, ours takes -2. */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, B }, { P2, A }),
		  FILES({ P, Ax }))) {
		RESOLVED(&m, { P, Ax }, { P2, B });
		RENAMED(&m, P " -> " P2);
	}
	merge_free(&m);

	/* (b) with our edit of it where we moved it: the edit follows. */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, B }, { P2, Amore }),
		  FILES({ P, Ax }))) {
		RESOLVED(&m, { P, Amorex }, { P2, B });
		RENAMED(&m, P " -> " P2);
	}
	merge_free(&m);

	/* (c) Both moved it to -2, each put another at its name: theirs
	 * stays, ours takes -3. */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, C }, { P2, A }),
		  FILES({ P, B }, { P2, A }))) {
		RESOLVED(&m, { P, B }, { P2, A }, { P3, C });
		RENAMED(&m, P " -> " P3);
	}
	merge_free(&m);

	/* (c) with it ticked where we moved it. */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, C }, { P2, Ax }),
		  FILES({ P, B }, { P2, A }))) {
		RESOLVED(&m, { P, B }, { P2, Ax }, { P3, C });
		RENAMED(&m, P " -> " P3);
	}
	merge_free(&m);

	/* (d) An id both hold makes one record, other text edited or not. */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, Aex }),
		  FILES({ P, B }, { P2, A }))) {
		RESOLVED(&m, { P, B }, { P2, Aex });
		NONE_RENAMED(&m);
	}
	merge_free(&m);

	/* (d) without an id: another record, kept beside. */
	if (MERGE(&m, FILES({ P, n }),
		  FILES({ P, nedit }),
		  FILES({ P, B }, { P2, n }))) {
		RESOLVED(&m, { P, B }, { P2, n }, { P3, nedit_pinned });
		RENAMED(&m, P " -> " P3);
	}
	merge_free(&m);

	/*
	 * (a) with a record of ours at -2 (added after it, so numbered):
	 * the tick follows it to theirs' -2, and ours at -2 moves on.
	 */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, Ax }, { P2, D }),
		  FILES({ P, B }, { P2, A }))) {
		RESOLVED(&m, { P, B }, { P2, Ax }, { P3, D });
		RENAMED(&m, P2 " -> " P3);
	}
	merge_free(&m);

	/*
	 * (b) with a record of theirs at -2, where we had moved it: theirs
	 * stays, ours takes -3.
	 */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, B }, { P2, A }),
		  FILES({ P, Ax }, { P2, D }))) {
		RESOLVED(&m, { P, Ax }, { P2, D }, { P3, B });
		RENAMED(&m, P " -> " P3);
	}
	merge_free(&m);

	/*
	 * (c) where we had moved it to -3 (-2 was ours already) and theirs
	 * to -2: it stays at -2, our two move on.
	 */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, C }, { P2, D }, { P3, A }),
		  FILES({ P, B }, { P2, A }))) {
		RESOLVED(&m, { P, B }, { P2, A }, { P3, D }, { P4, C });
		RENAMED(&m, P2 " -> " P3, P " -> " P4);
	}
	merge_free(&m);

	/* Ours ticked it; theirs put another at its name and has it no
	 * more: ours is kept under a new name. */
	if (MERGE(&m, FILES({ P, A }),
		  FILES({ P, Ax }),
		  FILES({ P, B }))) {
		RESOLVED(&m, { P, B }, { P2, Ax });
		RENAMED(&m, P " -> " P2);
	}
	merge_free(&m);
}

/* --- 6. what is not a record, or not two versions of one ---------------- */

static void test_records__other_files(void)
{
	struct merge m;

	/* A brief changed both ways in one line. */
	if (MERGE(&m, FILES({ BRIEF, "# Goals\n\nGrow.\n" }),
		  FILES({ BRIEF, "# Goals\n\nGrow fast.\n" }),
		  FILES({ BRIEF, "# Goals\n\nGrow slowly.\n" }))) {
		CONFLICT(&m, ACCT_SYNC_FILE, BRIEF, NULL);
		CHECK(git_index_has_conflicts(m.idx));
	}
	merge_free(&m);

	/* A record ticked here and deleted there. */
	if (MERGE(&m, FILES({ P, E00 }),
		  FILES({ P, Ex0 }),
		  NOTHING)) {
		CONFLICT(&m, ACCT_SYNC_RECORD, P, "changed here, removed there");
	}
	merge_free(&m);

	/* A file conflict beside records added twice: the records are
	 * resolved all the same, the file reported. */
	if (MERGE(&m, FILES({ BRIEF, "name: Acme\n" }),
		  FILES({ BRIEF, "name: Acme Ltd\n" }, { P, B }),
		  FILES({ BRIEF, "name: Acme Inc\n" }, { P, A }))) {
		CONFLICT(&m, ACCT_SYNC_FILE, BRIEF, NULL);
		RENAMED(&m, P " -> " P2);
		CHECK(git_index_get_bypath(m.idx, P2, 0) != NULL);
	}
	merge_free(&m);
}

int main(void)
{
	char dir[] = "/tmp/acct-test-sync-records.XXXXXX";
	char cmd[128];

	git_libgit2_init();
	if (!CHECK_MSG(mkdtemp(dir), "mkdtemp: %s", strerror(errno)))
		return test_report("sync_records");
	if (CHECK_MSG(git_repository_init(&repo, dir, 1) == 0, "init: %s",
		      gitmsg())) {
		test_records__added_twice();
		test_records__next_name();
		test_records__ticked_twice();
		test_records__edited_twice();
		test_records__answers();
		test_records__old_rule();
		test_records__other_files();
	}
	git_repository_free(repo);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	git_libgit2_shutdown();
	return test_report("sync_records");
}
