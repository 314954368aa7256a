#include "acct/entry.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/init.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/txn.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * Action items' own ids (lib/action_id.c, read by lib/entry.c): the
 * "<!-- id:a1b2c3d -->" comment, the item's text without it, the set of
 * the book's ids, new ids, and writing them into an entry (issue 15,
 * point 3).
 */

#define PATH "clients/acme/log/2026/2026-11-22T1430-sync.md"
#define FM "---\ndate: 2026-11-22T14:30+03:00\nsummary: S\n---\n"

static struct acct_entry *parse_(int at, const char *path, const char *text,
				 size_t len)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_entry *e = NULL;
	int rc = acct_entry_parse(&e, "acme", path, text, len, &err);

	CHECK_MSG(rc == 0 && e, "line %d: %d %s:%zu:%zu %s", at, rc, err.file,
		  err.line, err.col, err.msg);
	return rc ? NULL : e;
}

#define GOOD(text) parse_(__LINE__, PATH, (text), strlen(text))

/* The path-based id of an item: the SHA-1 of "<path>\n<text>". */
static void legacy_id(char *out, const char *path, const char *text)
{
	struct acct_buf key = ACCT_BUF_INIT;
	git_oid oid;

	acct_buf_addf(&key, "%s\n%s", path, text);
	git_odb_hash(&oid, key.buf, key.len, GIT_OBJECT_BLOB);
	git_oid_tostr(out, 41, &oid);
	acct_buf_release(&key);
}

static void test_action_id__comment(void)
{
	static const struct {
		const char *s;
		size_t len, hex, hexlen;
	} good[] = {
		{ "<!-- id:a1b2c3d -->", 19, 8, 7 },
		{ "<!--id:a1b2c3d-->", 17, 7, 7 },
		{ "<!--\tid:A1B2C3D4E5\t-->", 22, 8, 10 },
		{ "<!-- id:a1b2c3d --> tail", 19, 8, 7 },
		{ "<!-- id:0123456789012345678901234567890123456789 -->", 52,
		  8, 40 },
	};
	static const char *const bad[] = {
		"", "<!--", "<!-- id: -->", "<!-- id:a1b2c3 -->",
		"<!-- id:a1b2c3g -->", "<!-- ID:a1b2c3d -->", "<!-- id:a1b2c3d",
		"<!-- id:a1b2c3d ->", "<!-- id: a1b2c3d -->", "<-- id:a1b2c3d -->",
		"<!-- note:a1b2c3d -->", "<!-- id:a1b2c3d x -->",
		"<!-- id:01234567890123456789012345678901234567890 -->",
	};
	size_t i, hex, hexlen;

	for (i = 0; i < sizeof(good) / sizeof(*good); i++) {
		hex = hexlen = 99;
		CHECK_MSG(acct_action_id_comment(good[i].s, strlen(good[i].s),
						 &hex, &hexlen) == good[i].len &&
			  hex == good[i].hex && hexlen == good[i].hexlen,
			  "'%s': %zu %zu", good[i].s, hex, hexlen);
	}
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		CHECK_MSG(!acct_action_id_comment(bad[i], strlen(bad[i]), &hex,
						  &hexlen), "'%s' is an id", bad[i]);
	/* The length bounds the reading. */
	CHECK(!acct_action_id_comment("<!-- id:a1b2c3d -->", 18, &hex, &hexlen));
}

static void test_action_id__parsed(void)
{
	const char *text = FM "## Actions\n"
		"- [ ] Send the plan @anna due:2026-11-25 <!-- id:a1b2c3d -->\n"
		"- [x] Upper <!-- id:ABCDEF0 -->\n"
		"- [ ] In <!-- id:1111111 --> the middle\n"
		"- [ ] Two <!-- id:2222222 --> comments <!-- id:3333333 -->\n"
		"- [ ] Copied <!-- id:a1b2c3d -->\n"
		"- [ ] Plain text\n"
		"- [ ] Code `<!-- id:4444444 -->`\n"
		"- [ ] Other <!-- a note -->\n"
		"- [ ] Glued<!-- id:6666666 -->text\n"
		"\n## Decisions\n- Kept <!-- id:5555555 -->\n";
	struct acct_entry *e = GOOD(text);
	char want[41];
	const char *at;

	if (!e)
		return;
	CHECK_INT(e->nactions, 9);
	if (e->nactions != 9)
		goto out;
	CHECK_STR(e->actions[0].id, "a1b2c3d");
	CHECK(e->actions[0].own_id);
	CHECK_STR(e->actions[0].text, "Send the plan @anna due:2026-11-25");
	CHECK_STR(e->actions[0].owner, "anna");
	CHECK(e->actions[0].has_due);
	at = strstr(text, "a1b2c3d");
	CHECK_INT(e->actions[0].id_at, at - text);
	CHECK_INT(e->actions[0].id_len, 7);
	/* The end of its text: where a comment would go, before the space. */
	CHECK_INT(e->actions[0].tail, strstr(text, " -->\n") - text + 4);
	CHECK_STR(e->actions[1].id, "abcdef0");
	CHECK(e->actions[1].done);
	CHECK_STR(e->actions[1].text, "Upper");
	CHECK_STR(e->actions[2].id, "1111111");
	CHECK_STR(e->actions[2].text, "In the middle");
	CHECK_STR(e->actions[3].id, "3333333");		/* the last one */
	CHECK_STR(e->actions[3].text, "Two comments");
	/* Copied within the entry: not its id; the path-based one. */
	CHECK(!e->actions[4].own_id);
	legacy_id(want, PATH, "Copied");
	CHECK_STR(e->actions[4].id, want);
	CHECK(e->actions[4].id_len == 7 &&
	      !strncmp(text + e->actions[4].id_at, "a1b2c3d", 7));
	CHECK(!e->actions[5].own_id);
	legacy_id(want, PATH, "Plain text");
	CHECK_STR(e->actions[5].id, want);
	CHECK_INT(e->actions[5].id_len, 0);
	/* In code it is text; another comment stays text, as before. */
	CHECK(!e->actions[6].own_id);
	CHECK_STR(e->actions[6].text, "Code <!-- id:4444444 -->");
	CHECK(!e->actions[7].own_id);
	CHECK_STR(e->actions[7].text, "Other <!-- a note -->");
	/* Nothing around it to spare: the words stay as they stood. */
	CHECK_STR(e->actions[8].id, "6666666");
	CHECK_STR(e->actions[8].text, "Gluedtext");
	/* Only items have ids: a decision keeps its text as it is. */
	CHECK_INT(e->ndecisions, 1);
	if (e->ndecisions == 1)
		CHECK_STR(e->decisions[0], "Kept <!-- id:5555555 -->");
out:
	acct_entry_free(e);
}

static void test_action_id__set(void)
{
	struct acct_action_ids ids = ACCT_ACTION_IDS_INIT;
	char id[ACCT_ACTION_ID_LEN + 1], first[ACCT_ACTION_ID_LEN + 1];

	acct_action_ids_add(&ids, "ffff000", "c");
	acct_action_ids_add(&ids, "0000fff", "a");
	acct_action_ids_add(&ids, "8b50759aa0", "b");	/* kept as 8b50759 */
	CHECK_INT(ids.n, 3);
	CHECK_STR(ids.v[0].id, "0000fff");
	CHECK_STR(ids.v[1].id, "8b50759");
	CHECK_STR(ids.v[2].id, "ffff000");
	CHECK_STR(acct_action_ids_find(&ids, "8b50759"), "b");
	CHECK_STR(acct_action_ids_find(&ids, "8b507591234"), "b");
	CHECK_STR(acct_action_ids_find(&ids, "0000fff"), "a");
	CHECK(acct_action_ids_find(&ids, "8b5075a") == NULL);
	CHECK(acct_action_ids_find(&ids, "0000000") == NULL);
	CHECK(acct_action_ids_find(&ids, "fffffff") == NULL);

	/* The same seed gives the same id; a taken one, the next. */
	acct_action_id_new(first, "seed", 4, &ids);
	CHECK_INT(strlen(first), ACCT_ACTION_ID_LEN);
	CHECK(strspn(first, "0123456789abcdef") == ACCT_ACTION_ID_LEN);
	acct_action_id_new(id, "seed", 4, &ids);
	CHECK_STR(id, first);
	acct_action_ids_add(&ids, first, "d");
	acct_action_id_new(id, "seed", 4, &ids);
	CHECK(strcmp(id, first) != 0);
	CHECK(acct_action_ids_find(&ids, id) == NULL);
	acct_action_ids_release(&ids);
	CHECK(ids.n == 0 && ids.v == NULL);
}

/* Store ids in `text`; the result read again; `made` items given one. */
static struct acct_entry *stored(int at, const char *text, size_t made,
				 struct acct_action_ids *ids,
				 struct acct_buf *out)
{
	struct acct_entry *e = parse_(at, PATH, text, strlen(text));
	size_t n;

	if (!e)
		return NULL;
	acct_buf_reset(out);
	n = acct_action_ids_store(out, e, "seed", ids);
	CHECK_MSG(n == made, "line %d: %zu items given an id, want %zu", at,
		  n, made);
	acct_entry_free(e);
	return parse_(at, PATH, out->buf, out->len);
}

static void test_action_id__store(void)
{
	struct acct_action_ids ids = ACCT_ACTION_IDS_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_entry *e, *was;
	const char *crlf = FM "## Actions\r\n"
		"- [ ] One @anna\r\n  continued  \r\n"
		"- [x] Two\r\n  - [ ] Nested\r\n";
	size_t i;

	e = stored(__LINE__, crlf, 3, &ids, &out);
	if (e) {
		CHECK_INT(e->nactions, 3);
		for (i = 0; i < e->nactions; i++)
			CHECK_MSG(e->actions[i].own_id &&
				  strlen(e->actions[i].id) == 7 &&
				  acct_action_ids_find(&ids, e->actions[i].id),
				  "item %zu: %s", i, e->actions[i].id);
		CHECK_STR(e->actions[0].text, "One @anna continued");
		CHECK(e->actions[1].done);
		CHECK_STR(e->actions[2].text, "Nested");
		/* Only the comments are new; CRLF stays. */
		CHECK(strstr(out.buf, "  continued <!-- id:") &&
		      strstr(out.buf, " -->  \r\n- [x] Two <!-- id:"));
		CHECK(strstr(out.buf, "- [ ] Nested <!-- id:") &&
		      !strcmp(out.buf + out.len - 6, " -->\r\n"));
		CHECK_INT(out.len, strlen(crlf) + 3 * strlen(" <!-- id:a1b2c3d -->"));
		CHECK_INT(ids.n, 3);
		acct_entry_free(e);
	}

	/* Own ids stay; a copied one (held by another entry) is replaced. */
	acct_action_ids_release(&ids);
	acct_action_ids_add(&ids, "a1b2c3d", "clients/acme/log/2026/other.md");
	e = stored(__LINE__, FM "## Actions\n- [ ] Keep <!-- id:1234567 -->\n"
		   "- [ ] Copy <!-- id:a1b2c3d -->\n", 1, &ids, &out);
	if (e) {
		CHECK_STR(e->actions[0].id, "1234567");
		CHECK(e->actions[1].own_id && strcmp(e->actions[1].id, "a1b2c3d"));
		CHECK(!strstr(out.buf, "a1b2c3d"));
		CHECK(strstr(out.buf, "- [ ] Copy <!-- id:") != NULL);
		CHECK_STR(acct_action_ids_find(&ids, "1234567"), PATH);
		acct_entry_free(e);
	}

	/* Nothing to do: the text as it was. */
	e = stored(__LINE__, FM "No items.\n", 0, &ids, &out);
	CHECK_STR(out.buf, FM "No items.\n");
	acct_entry_free(e);

	/* Where a comment would read otherwise, the item keeps its id. */
	was = GOOD(FM "## Actions\n- [ ] Odd\n");
	if (was) {
		char id[41];

		memcpy(id, was->actions[0].id, sizeof(id));
		was->actions[0].tail = was->actions[0].mark;	/* in the box */
		acct_buf_reset(&out);
		CHECK_INT(acct_action_ids_store(&out, was, "seed", &ids), 0);
		CHECK_STR(out.buf, FM "## Actions\n- [ ] Odd\n");
		acct_entry_free(was);
	}
	acct_action_ids_release(&ids);
	acct_buf_release(&out);
}

static const struct acct_ident ident = {
	"Anna", "anna@agency.example", "1795424400 +0000",
	"Anna", "anna@agency.example", "1795424400 +0000",
};

/* A new book in `dir` (a mkdtemp template), opened, or NULL. */
static struct acct_book *new_book(char *dir)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_book *book = NULL;
	struct acct_time now;

	if (!CHECK_MSG(mkdtemp(dir), "mkdtemp: %s", strerror(errno)))
		return NULL;
	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	if (!CHECK_MSG(acct_book_init(dir, &now, &ident, &err) == 0 &&
		       acct_book_open(&book, dir, &now, &ident, &err) == 0,
		       "%s", err.msg))
		return NULL;
	return book;
}

/* The ids of a book: every client's entries, a broken one's comments. */
static void test_action_id__load(void)
{
	char dir[] = "/tmp/acct-test-action-id.XXXXXX";
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_action_ids ids = ACCT_ACTION_IDS_INIT;
	struct acct_book *book = NULL;
	struct acct_txn *t = NULL;
	char want[41];
	static const char hand[] = FM "## Actions\n- [ ] By hand\n";
	static const char broken[] = "---\ndate: never\n---\n## Actions\n"
		"- [ ] x <!-- id:bbbbbbb -->\n";
	static const char own[] = FM "## Actions\n- [ ] Mine <!-- id:ccccccc -->\n";

	if (!(book = new_book(dir)))
		return;
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0 &&
		  acct_txn_put(t, "clients/acme/client.yaml", "name: A\n", 8,
			       ACCT_TXN_NEW, &err) == 0 &&
		  acct_txn_put(t, "clients/beta/client.yaml", "name: B\n", 8,
			       ACCT_TXN_NEW, &err) == 0 &&
		  acct_txn_put(t, "clients/acme/log/2026/2026-11-20T1000-a.md",
			       hand, sizeof(hand) - 1, ACCT_TXN_NEW, &err) == 0 &&
		  acct_txn_put(t, "clients/beta/log/2025/2025-01-02T1000-b.md",
			       broken, sizeof(broken) - 1, ACCT_TXN_NEW,
			       &err) == 0 &&
		  acct_txn_put(t, "clients/beta/log/2026/2026-11-21T1000-c.md",
			       own, sizeof(own) - 1, ACCT_TXN_NEW, &err) == 0 &&
		  acct_txn_commit(t, "test: entries", &err) == 0, "%s", err.msg);
	acct_txn_free(t);
	/* Without the cache: every entry read, with its path. */
	book->no_cache = 1;
	CHECK_MSG(acct_action_ids_load(&ids, book, NULL, &err) == 0, "%s", err.msg);
	CHECK_INT(ids.n, 3);
	CHECK_INT(ids.nheld, 0);
	legacy_id(want, "clients/acme/log/2026/2026-11-20T1000-a.md", "By hand");
	CHECK_STR(acct_action_ids_find(&ids, want),
		  "clients/acme/log/2026/2026-11-20T1000-a.md");
	CHECK_STR(acct_action_ids_find(&ids, "bbbbbbb"),
		  "clients/beta/log/2025/2025-01-02T1000-b.md");
	CHECK_STR(acct_action_ids_find(&ids, "ccccccc"),
		  "clients/beta/log/2026/2026-11-21T1000-c.md");
	CHECK(!acct_action_ids_find(&ids, "ccccccd"));
	acct_action_ids_release(&ids);
	/*
	 * With it: the same ids, held by entries it does not name; made,
	 * then read.
	 */
	book->no_cache = 0;
	for (int round = 0; round < 2; round++) {
		CHECK_MSG(acct_action_ids_load(&ids, book, NULL, &err) == 0, "%s",
			  err.msg);
		CHECK_INT(ids.n, 0);
		CHECK_INT(ids.nheld, 3);
		CHECK_STR(acct_action_ids_find(&ids, want), "");
		CHECK_STR(acct_action_ids_find(&ids, "bbbbbbb"), "");
		CHECK_STR(acct_action_ids_find(&ids, "CCCCCCC"), "");
		CHECK(!acct_action_ids_find(&ids, "ccccccd"));
		CHECK(!acct_action_ids_find(&ids, "cccc"));
		acct_action_ids_release(&ids);
	}
	acct_book_free(book);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		CHECK(system(cmd) == 0);
	}
}

/* Put back the times of `path` an hour, out of the racy window. */
static void age(const char *path)
{
	struct timespec t[2];

	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= 3600;
	t[1] = t[0];
	CHECK_MSG(utimensat(AT_FDCWD, path, t, 0) == 0, "%s", path);
}

/* Write `text` to `rel` of the book `dir` (its folders made), by hand. */
static void by_hand(const char *dir, const char *rel, const char *text)
{
	char path[512], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0777);
		*slash = '/';
	}
	f = fopen(path, "w");
	CHECK(f && fputs(text, f) >= 0 && fclose(f) == 0);
}

/*
 * A book of many clients (their folders stat'ed by two threads): an
 * entry written by hand into a year folder, or into a new one, after the
 * cache was made, is seen, through the change's index or without it.
 */
static void test_action_id__many(void)
{
	char dir[] = "/tmp/acct-test-action-id.XXXXXX";
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_action_ids ids = ACCT_ACTION_IDS_INIT;
	struct acct_book *book = NULL;
	struct acct_txn *t = NULL;
	char path[256];
	static const char item[] = FM "## Actions\n- [ ] x <!-- id:aaaaaaa -->\n";
	static const char hand1[] = FM "## Actions\n- [ ] y <!-- id:ddddddd -->\n";
	static const char hand2[] = FM "## Actions\n- [ ] z <!-- id:eeeeeee -->\n";
	int i, round;

	if (!(book = new_book(dir)))
		return;
	CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
	for (i = 0; i < 80 && t; i++) {
		snprintf(path, sizeof(path), "clients/c%03d/client.yaml", i);
		CHECK(acct_txn_put(t, path, "name: C\n", 8, ACCT_TXN_NEW,
				   &err) == 0);
		snprintf(path, sizeof(path),
			 "clients/c%03d/log/2026/2026-11-20T1000-a.md", i);
		CHECK(acct_txn_put(t, path, item, sizeof(item) - 1,
				   ACCT_TXN_NEW, &err) == 0);
	}
	CHECK_MSG(acct_txn_commit(t, "test: many", &err) == 0, "%s", err.msg);
	acct_txn_free(t);
	t = NULL;
	for (i = 0; i < 80; i++) {
		snprintf(path, sizeof(path), "%s/clients/c%03d/log/2026", dir, i);
		age(path);
		snprintf(path, sizeof(path), "%s/clients/c%03d/log", dir, i);
		age(path);
	}
	/* Past the racy window of the ages set. */
	nanosleep(&(struct timespec){ 0, 200000000 }, NULL);
	CHECK_MSG(acct_action_ids_load(&ids, book, NULL, &err) == 0, "%s",
		  err.msg);
	CHECK_INT(ids.n + ids.nheld, 80);
	acct_action_ids_release(&ids);
	by_hand(dir, "clients/c070/log/2026/2026-11-21T1000-h.md", hand1);
	by_hand(dir, "clients/c011/log/2024/2024-01-02T1000-h.md", hand2);
	for (round = 0; round < 3; round++) {
		book->no_cache = round == 2;
		CHECK_MSG(acct_txn_begin(&t, book, &err) == 0, "%s", err.msg);
		CHECK_MSG(acct_action_ids_load(&ids, book, round ?
					       acct_txn_index(t) : NULL,
					       &err) == 0, "%s", err.msg);
		CHECK_MSG(ids.n + ids.nheld == 82, "round %d: %zu", round,
			  ids.n + ids.nheld);
		CHECK(acct_action_ids_find(&ids, "ddddddd") != NULL);
		CHECK(acct_action_ids_find(&ids, "eeeeeee") != NULL);
		acct_action_ids_release(&ids);
		acct_txn_free(t);
		t = NULL;
	}
	acct_book_free(book);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	CHECK(system(path) == 0);
}

int main(void)
{
	git_libgit2_init();
	test_action_id__comment();
	test_action_id__parsed();
	test_action_id__set();
	test_action_id__store();
	test_action_id__load();
	test_action_id__many();
	git_libgit2_shutdown();
	return test_report("action_id");
}
