/*
 * Entries: front matter and action items (lib/entry.c), and `acct todo
 * done` on them (acct_action_mark() in lib/log.c, the function the
 * command calls), in a real book made once in $TMPDIR.
 *
 * Input: a byte that picks the action item (its low four bits) and the
 * way (high four bits all set: through the book), then the entry's text,
 * as clients/acme/log/2026/2026-11-22T1430-fuzz.md.
 *
 * Checked: a refusal is ACCT_EDATA with no entry; in an entry that
 * parses, every box stands where the item says ("[ ]" or "[x]" at its
 * offset, its line and column). One time in sixteen (high bits 0xe0),
 * ids are written into the items as acct log does, and the entry must
 * read back with the same items. The chosen item is ticked (or unticked,
 * when it is done): through the book, the entry committed and then
 * acct_action_mark(), which must succeed; or, 15 times in 16, as fast,
 * by changing the byte acct_action_mark() changes, in memory. Either way
 * the new text differs in that one byte, parses again with the same
 * items, and exactly the chosen one changed state.
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include "acct/entry.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct/book.h"
#include "acct/init.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/txn.h"
#include "fuzz.h"

#include "acct/banned.h"

#define PATH "clients/acme/log/2026/2026-11-22T1430-fuzz.md"
/* A new book now and then, so its history stays small. */
#define RUNS_PER_BOOK 1000

static const struct acct_ident ident = {
	"Fuzz", "fuzz@example.com", "1795347000 +0000",
	"Fuzz", "fuzz@example.com", "1795347000 +0000",
};
static const struct acct_time now = { 1795347000, 0 };

static struct acct_buf dir = ACCT_BUF_INIT;
static struct acct_book *book;
static unsigned long runs;

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void book_drop(void)
{
	acct_book_free(book);
	book = NULL;
	if (dir.len)
		nftw(dir.buf, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	acct_buf_release(&dir);
}

static void book_make(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	const char *tmp = getenv("TMPDIR");

	acct_buf_addf(&dir, "%s/acct-fuzz-entry.XXXXXX",
		      tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.buf) ||
	    acct_book_init(dir.buf, &now, &ident, &err) < 0 ||
	    acct_book_open(&book, dir.buf, &now, &ident, &err) < 0) {
		fprintf(stderr, "fuzz: cannot make a book in %s: %s\n", dir.buf,
			err.msg);
		exit(2);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Dates without an offset are local time: make it the same everywhere. */
	setenv("TZ", "UTC", 1);
	tzset();
	book_make();
	atexit(book_drop);
	return 0;
}

/*
 * Line and column (1-based, bytes) of `off`, lines ended as cmark ends
 * them: "\n", "\r\n" or a lone "\r".
 */
static void line_col(const char *s, size_t off, size_t *line, size_t *col)
{
	size_t i;

	*line = *col = 1;
	for (i = 0; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

static void check_boxes(const struct acct_entry *e)
{
	size_t i;

	for (i = 0; i < e->nactions; i++) {
		const struct acct_action *a = &e->actions[i];
		const char *t = e->text.buf;
		size_t line, col;

		FUZZ_CHECK(a->mark >= 1 && a->mark + 1 < e->text.len &&
			   t[a->mark - 1] == '[' && t[a->mark + 1] == ']' &&
			   (t[a->mark] == ' ') == !a->done &&
			   strchr(" xX", t[a->mark]),
			   "item %zu ('%s') has no box at byte %zu", i, a->text,
			   a->mark);
		line_col(t, a->mark - 1, &line, &col);
		FUZZ_CHECK(a->line == line && a->col == col, "item %zu ('%s') "
			   "says %zu:%zu, its box is at %zu:%zu", i, a->text,
			   a->line, a->col, line, col);
	}
}

/*
 * What acct log writes: an id comment on every item (lib/action_id.c).
 * The entry read again has the same items, texts and boxes; an item
 * given an id has it as its own.
 */
static void store_ids(const struct acct_entry *e)
{
	struct acct_action_ids ids = ACCT_ACTION_IDS_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_entry *again = NULL;
	size_t i, made, own = 0;

	made = acct_action_ids_store(&out, e, "fuzz", &ids);
	FUZZ_CHECK(acct_entry_parse(&again, "acme", PATH, out.buf, out.len,
				    &err) == 0, "ids stored, the entry no "
		   "longer parses: %s", err.msg);
	FUZZ_CHECK(again->nactions == e->nactions, "ids stored, %zu items "
		   "of %zu", again->nactions, e->nactions);
	for (i = 0; i < e->nactions; i++) {
		FUZZ_CHECK(!strcmp(e->actions[i].text, again->actions[i].text) &&
			   e->actions[i].done == again->actions[i].done,
			   "ids stored, item %zu was '%s' and is '%s'", i,
			   e->actions[i].text, again->actions[i].text);
		own += again->actions[i].own_id && !e->actions[i].own_id;
	}
	FUZZ_CHECK(own <= made, "%zu ids made, %zu new own ids", made, own);
	check_boxes(again);
	acct_entry_free(again);
	acct_action_ids_release(&ids);
	acct_buf_release(&out);
}

static void commit_entry(const char *text, size_t len)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_txn *t = NULL;
	int rc;

	if ((rc = acct_txn_begin(&t, book, &err)) == 0 &&
	    (rc = acct_txn_put(t, PATH, text, len, 0, &err)) == 0)
		rc = acct_txn_commit(t, "fuzz: the entry", &err);
	acct_txn_free(t);
	if (rc < 0) {
		fprintf(stderr, "fuzz: cannot commit the entry: %s\n", err.msg);
		exit(2);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_entry *e = NULL, *again = NULL;
	struct acct_buf path = ACCT_BUF_INIT, file = ACCT_BUF_INIT;
	const struct acct_action *a;
	unsigned pick = fuzz_byte(&in);
	size_t len, i, diff = 0;
	char *text = fuzz_rest(&in, &len);
	int rc, done;

	rc = acct_entry_parse(&e, "acme", PATH, text, len, &err);
	if (rc < 0) {
		FUZZ_CHECK(rc == ACCT_EDATA && !e && err.msg[0],
			   "refusal %d: %s", rc, err.msg);
		goto out;
	}
	FUZZ_CHECK(e->body <= len && e->summary && e->channel && e->kind,
		   "an entry without its fields");
	check_boxes(e);
	if (!e->nactions)
		goto out;
	if ((pick & 0xf0) == 0xe0) {
		store_ids(e);
		goto out;
	}

	a = &e->actions[(pick & 15) % e->nactions];
	done = !a->done;
	if ((pick & 0xf0) == 0xf0) {
		if (++runs % RUNS_PER_BOOK == 0) {
			book_drop();
			book_make();
		}
		commit_entry(text, len);
		rc = acct_action_mark(book, e, a, done, &err);
		FUZZ_CHECK(rc == 0, "todo %s of item %zu ('%s') failed: %d %s",
			   done ? "done" : "reopen", (size_t)(a - e->actions),
			   a->text, rc, err.msg);
		acct_book_path(&path, book, PATH);
		FUZZ_CHECK(acct_buf_read_file(&file, path.buf) == 0 &&
			   file.len == len, "the entry is gone or changed size");
	} else {
		/* What acct_action_mark() writes, check_boxes() said it may. */
		acct_buf_add(&file, text, len);
		file.buf[a->mark] = done ? 'x' : ' ';
	}
	for (i = 0; i < len; i++)
		diff += file.buf[i] != text[i];
	FUZZ_CHECK(diff == 1 && file.buf[a->mark] != text[a->mark],
		   "todo changed %zu bytes, not the box at %zu", diff, a->mark);
	rc = acct_entry_parse(&again, "acme", PATH, file.buf, file.len, &err);
	FUZZ_CHECK(rc == 0, "the entry no longer parses after todo %s of "
		   "'%s': %s", done ? "done" : "reopen", a->text, err.msg);
	FUZZ_CHECK(again->nactions == e->nactions, "todo %s of '%s' made %zu "
		   "items of %zu", done ? "done" : "reopen", a->text,
		   again->nactions, e->nactions);
	for (i = 0; i < e->nactions; i++) {
		const struct acct_action *b = &e->actions[i], *c = &again->actions[i];
		int want = b == a ? done : b->done;

		FUZZ_CHECK(!strcmp(b->text, c->text) && !strcmp(b->id, c->id),
			   "item %zu was '%s' and is '%s'", i, b->text, c->text);
		FUZZ_CHECK(c->done == want, "todo %s of '%s' left item %zu "
			   "('%s') %s", done ? "done" : "reopen", a->text, i,
			   c->text, c->done ? "done" : "open");
	}
	check_boxes(again);
out:
	acct_entry_free(again);
	acct_entry_free(e);
	acct_buf_release(&file);
	acct_buf_release(&path);
	free(text);
	return 0;
}
