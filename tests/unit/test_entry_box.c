#include "acct/entry.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct/buf.h"
#include "acct/date.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * Where the boxes of action items stand (lib/entry.c) and how one is
 * ticked (acct_action_tick() in lib/log.c): lines end at "\n", "\r\n"
 * and a lone "\r", as cmark's do (issue 14, point 1); a box must stand in
 * the file as "[ ]" or "[x]" (point 2); ticking changes the one byte of
 * the item asked for, or nothing. test_entry.c has the rest of the parser.
 */

#define PATH "clients/acme/log/2026/2026-11-22T1430-agreed-the-q4-budget.md"

/* 2026-11-22T14:30+03:00 */
#define DESIGN_SEC 1795347000

/* A minimal front matter and a body after it. */
#define FM "---\ndate: 2026-11-22T14:30+03:00\nsummary: S\n---\n"

#include "entry_cases.h"

/* The box of `a` stands at a->mark in the entry's text: "[ ]" or "[x]". */
static void check_box(int at, const struct acct_entry *e,
		      const struct acct_action *a)
{
	const char *t = e->text.buf;
	size_t line = 1, col = 1, i;

	CHECK_MSG(a->mark >= 1 && a->mark + 1 < e->text.len, "line %d: mark "
		  "%zu out of the text", at, a->mark);
	if (!(a->mark >= 1 && a->mark + 1 < e->text.len))
		return;
	CHECK_MSG(t[a->mark - 1] == '[' && t[a->mark + 1] == ']' &&
		  t[a->mark] == (a->done ? 'x' : ' '),
		  "line %d: mark %zu points at \"%.3s\", not the box of "
		  "'%s'", at, a->mark, t + a->mark - 1, a->text);
	/*
	 * line and col name the '[' (1-based, bytes, a BOM included); lines
	 * end at "\n", "\r\n" and a lone "\r", as cmark's do.
	 */
	for (i = 0; i < a->mark - 1; i++) {
		if (t[i] == '\n' || (t[i] == '\r' && t[i + 1] != '\n')) {
			line++;
			col = 1;
		} else if (t[i] != '\r') {
			col++;
		}
	}
	CHECK_MSG(a->line == line && a->col == col, "line %d: box of '%s' "
		  "at %zu:%zu, want %zu:%zu", at, a->text, a->line, a->col,
		  line, col);
}

/* The box's text follows it in the file: "[ ] <text>". */
static void check_text_after(int at, const struct acct_entry *e,
			     const struct acct_action *a)
{
	size_t n = strlen(a->text);

	CHECK_MSG(a->mark + 3 + n <= e->text.len &&
		  !memcmp(e->text.buf + a->mark + 3, a->text, n),
		  "line %d: the box at %zu is followed by \"%.*s\", not '%s'",
		  at, a->mark, (int)n, e->text.buf + a->mark + 2, a->text);
}

/*
 * A lone CR ends a line for cmark, so it does for acct: the boxes after
 * one stay the boxes of their own items (issue 14, point 1).
 */
static void test_entry__lone_cr(void)
{
	struct acct_entry *e;
	size_t i;

	e = GOOD(FM "Intro\rmore\n\n## Actions\n"
		 "- [ ] Send the plan\n- [ ] Call Ivan\n- [-] Dropped\n");
	if (e) {
		CHECK_INT(e->nactions, 2);
		if (e->nactions == 2) {
			CHECK_STR(e->actions[0].text, "Send the plan");
			CHECK_STR(e->actions[1].text, "Call Ivan");
			CHECK_INT(e->actions[0].line, 9);
			CHECK_INT(e->actions[1].line, 10);
		}
		for (i = 0; i < e->nactions; i++) {
			check_box(__LINE__, e, &e->actions[i]);
			check_text_after(__LINE__, e, &e->actions[i]);
		}
		acct_entry_free(e);
	}
	/* A file with lone CRs only, the front matter too. */
	e = GOOD("---\rdate: 2026-11-22T14:30+03:00\rsummary: Old Mac\r---\r"
		 "Text.\r\r## Actions\r- [ ] one @anna\r- [x] two\r");
	if (e) {
		CHECK_STR(e->summary, "Old Mac");
		CHECK_INT(e->when.sec, DESIGN_SEC);
		CHECK_INT(e->nactions, 2);
		if (e->nactions == 2) {
			CHECK_INT(e->actions[0].line, 8);
			CHECK_INT(e->actions[1].line, 9);
			CHECK_INT(e->actions[1].done, 1);
		}
		for (i = 0; i < e->nactions; i++) {
			check_box(__LINE__, e, &e->actions[i]);
			check_text_after(__LINE__, e, &e->actions[i]);
		}
		acct_entry_free(e);
	}
	/* A lone CR inside the front matter: libyaml breaks the line too. */
	e = GOOD("---\ndate: 2026-11-22T14:30+03:00\rsummary: S\n---\n"
		 "## Actions\n- [ ] x\r\n- [ ] y\r- [ ] z\n");
	if (e) {
		CHECK_INT(e->nactions, 3);
		if (e->nactions == 3) {
			CHECK_INT(e->actions[0].line, 6);
			CHECK_INT(e->actions[2].line, 8);
		}
		for (i = 0; i < e->nactions; i++) {
			check_box(__LINE__, e, &e->actions[i]);
			check_text_after(__LINE__, e, &e->actions[i]);
		}
		acct_entry_free(e);
	}
	/* Positions in messages count the same lines. */
	BAD(FM "a\rb\r\n## Actions\r- [ ] x due:2026-13-01\n", 8, 3, "due:");
	BAD("---\rdate: 2026-11-22\rchannel: fax\rsummary: s\r---\r", 3, 10,
	    "fax");
}

/* "[", a line break, "]" is no box: not an action item (point 2). */
static void test_entry__box_across_lines(void)
{
	struct acct_entry *e;

	e = GOOD(FM "## Actions\n"
		 "- [\n] newline inside\n"
		 "- [\r\n] CRLF inside\n"
		 "- [\r] CR inside\n"
		 "- [ ] real\n");
	if (e) {
		CHECK_INT(e->nactions, 1);
		if (e->nactions == 1) {
			CHECK_STR(e->actions[0].text, "real");
			check_box(__LINE__, e, &e->actions[0]);
		}
		acct_entry_free(e);
	}
	/* An escaped or spelt-out bracket is text, not a box. */
	e = GOOD(FM "## Actions\n- \\[ ] escaped\n- &#91; ] entity\n");
	if (e) {
		CHECK_INT(e->nactions, 0);
		acct_entry_free(e);
	}
}

/*
 * acct_action_tick() changes the one byte of the item asked for, and
 * refuses (changing nothing) when that byte is not its box.
 */
static void test_entry__tick_checks(void)
{
	struct acct_entry *e = GOOD(FM "Intro\rmore\n\n## Actions\n"
				    "- [ ] Send the plan\n- [ ] Call Ivan\n"
				    "- [x] Done already\n");
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_action wrong;
	const char *p;

	if (!e || e->nactions != 3) {
		CHECK_MSG(0, "tick: the entry did not parse with three actions");
		acct_entry_free(e);
		return;
	}
	CHECK_INT(acct_action_tick(&out, e, &e->actions[0], 1, &err), 0);
	CHECK((p = strstr(out.buf, "- [x] Send the plan\n- [ ] Call Ivan\n")) != NULL);
	CHECK_INT(out.len, e->text.len);
	acct_buf_reset(&out);
	CHECK_INT(acct_action_tick(&out, e, &e->actions[2], 0, &err), 0);
	CHECK(strstr(out.buf, "- [ ] Done already\n") != NULL);
	acct_buf_reset(&out);

	/* The mark of another item's box: refused, nothing appended. */
	wrong = e->actions[0];
	wrong.mark = e->actions[1].mark;
	CHECK_INT(acct_action_tick(&out, e, &wrong, 1, &err), ACCT_EDATA);
	CHECK_INT(out.len, 0);
	CHECK_STR(err.file, PATH);
	CHECK_INT(err.line, e->actions[0].line);
	CHECK(strstr(err.msg, "Send the plan") && strstr(err.msg, "not changed"));
	/* A mark that is no box, or out of the text. */
	wrong.mark = e->body + 1;
	CHECK_INT(acct_action_tick(&out, e, &wrong, 1, &err), ACCT_EDATA);
	wrong.mark = e->text.len + 5;
	CHECK_INT(acct_action_tick(&out, e, &wrong, 1, &err), ACCT_EDATA);
	wrong.mark = 0;
	CHECK_INT(acct_action_tick(&out, e, &wrong, 1, &err), ACCT_EDATA);
	/* The right box with another item's text, or an id not there. */
	wrong = e->actions[0];
	wrong.text = e->actions[1].text;
	CHECK_INT(acct_action_tick(&out, e, &wrong, 1, &err), ACCT_EDATA);
	wrong = e->actions[0];
	memcpy(wrong.id, e->actions[1].id, sizeof(wrong.id));
	CHECK_INT(acct_action_tick(&out, e, &wrong, 1, &err), ACCT_EDATA);
	CHECK_INT(out.len, 0);
	acct_buf_release(&out);
	acct_entry_free(e);
}

int main(void)
{
	/* Dates without an offset are local time: make that UTC. */
	setenv("TZ", "UTC", 1);
	tzset();
	test_entry__lone_cr();
	test_entry__box_across_lines();
	test_entry__tick_checks();
	return test_report("entry_box");
}
