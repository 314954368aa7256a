#include "acct/entry.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct/date.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * The entry parser (lib/entry.c) on texts: the front matter (fields,
 * defaults, every error with its file:line:col, the front matter starting
 * at line 2 of the file), BOM and CRLF, the Decisions and Actions sections
 * found with cmark, action items (owner, due date, nested items), their
 * ids and the byte offset of their box. acct_entry_list() needs a book:
 * tests/t/t2100-timeline.sh covers it.
 */

#define PATH "clients/acme/log/2026/2026-11-22T1430-agreed-the-q4-budget.md"
#define PATH2 "clients/acme/log/2026/2026-11-22T1430-agreed-the-q4-budget-2.md"
#define BOM "\xef\xbb\xbf"

/* DESIGN.md's example entry, as it stands there. */
static const char design_entry[] =
	"---\n"
	"date: 2026-11-22T14:30+03:00\n"
	"channel: call        # call | meeting | email | chat | other\n"
	"direction: out       # out: we reached out first; in: the client came to us\n"
	"kind: postmeet       # note | postmeet | report | review | request | complaint | praise ...\n"
	"summary: Agreed the Q4 budget\n"
	"by: Anna Petrova\n"
	"---\n"
	"Free text.\n"
	"\n"
	"## Decisions\n"
	"- Raise bids by 15% in search ads\n"
	"\n"
	"## Actions\n"
	"- [ ] Send the media plan @anna due:2026-11-25\n"
	"- [x] Approve the creatives @client\n";

/* 2026-11-22T14:30+03:00 */
#define DESIGN_SEC 1795347000
#define DESIGN_OFF 180

/* A minimal front matter and a body after it. */
#define FM "---\ndate: 2026-11-22T14:30+03:00\nsummary: S\n---\n"

#include "entry_cases.h"

static int date_is(const struct acct_date *d, int y, int m, int day)
{
	return d->year == y && d->month == m && d->day == day;
}

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

static int is_hex40(const char *id)
{
	size_t i;

	for (i = 0; i < 40; i++)
		if (!strchr("0123456789abcdef", id[i]))
			return 0;
	return id[40] == '\0';
}

static void test_entry__design_example(void)
{
	struct acct_entry *e = GOOD(design_entry);
	const struct acct_action *a;

	if (!e)
		return;
	CHECK_STR(e->slug, "acme");
	CHECK_STR(e->path, PATH);
	CHECK_INT(e->when.sec, DESIGN_SEC);
	CHECK_INT(e->when.off, DESIGN_OFF);
	CHECK_STR(e->channel, "call");
	CHECK_STR(e->direction, "out");
	CHECK_STR(e->kind, "postmeet");
	CHECK_STR(e->summary, "Agreed the Q4 budget");
	CHECK_STR(e->by, "Anna Petrova");
	/* The body starts after the closing line. */
	CHECK(e->body < e->text.len &&
	      !strncmp(e->text.buf + e->body, "Free text.\n", 11));
	CHECK_INT(e->text.len, sizeof(design_entry) - 1);
	CHECK(!memcmp(e->text.buf, design_entry, sizeof(design_entry) - 1));
	CHECK_INT(e->ndecisions, 1);
	if (e->ndecisions == 1)
		CHECK_STR(e->decisions[0], "Raise bids by 15% in search ads");
	CHECK_INT(e->nactions, 2);
	if (e->nactions == 2) {
		a = &e->actions[0];
		CHECK_STR(a->text, "Send the media plan @anna due:2026-11-25");
		CHECK_STR(a->owner, "anna");
		CHECK(a->has_due && date_is(&a->due, 2026, 11, 25));
		CHECK_INT(a->done, 0);
		CHECK_INT(a->line, 15);
		CHECK_INT(a->col, 3);
		CHECK(is_hex40(a->id));
		check_box(__LINE__, e, a);
		a = &e->actions[1];
		CHECK_STR(a->text, "Approve the creatives @client");
		CHECK_STR(a->owner, "client");
		CHECK_INT(a->has_due, 0);
		CHECK_INT(a->done, 1);
		CHECK_INT(a->line, 16);
		CHECK_INT(a->col, 3);
		CHECK(is_hex40(a->id));
		check_box(__LINE__, e, a);
		CHECK(strcmp(e->actions[0].id, e->actions[1].id) != 0);
	}
	acct_entry_free(e);
	acct_entry_free(NULL);
}

static void test_entry__lists(void)
{
	static const char *const channels[] = {
		"call", "meeting", "email", "chat", "other",
	};
	static const char *const kinds[] = {
		"note", "postmeet", "message", "report", "review", "request",
		"complaint", "praise",
	};
	size_t i;

	for (i = 0; acct_entry_channels[i]; i++)
		if (i < 5)
			CHECK_STR(acct_entry_channels[i], channels[i]);
	CHECK_INT(i, 5);
	for (i = 0; acct_entry_kinds[i]; i++)
		if (i < 8)
			CHECK_STR(acct_entry_kinds[i], kinds[i]);
	CHECK_INT(i, 8);
}

/* Every channel, kind and direction reads back as itself. */
static void test_entry__all_values(void)
{
	static const char *const dirs[] = { "out", "in" };
	char text[512];
	size_t i;

	for (i = 0; acct_entry_channels[i]; i++) {
		struct acct_error err = ACCT_ERROR_INIT;
		struct acct_entry *e = NULL;
		int n = snprintf(text, sizeof(text), "---\ndate: 2026-11-22\n"
				 "channel: %s\nsummary: s\n---\n",
				 acct_entry_channels[i]);

		CHECK_MSG(acct_entry_parse(&e, "acme", PATH, text, (size_t)n,
					   &err) == 0, "channel %s: %s",
			  acct_entry_channels[i], err.msg);
		if (e)
			CHECK_STR(e->channel, acct_entry_channels[i]);
		acct_entry_free(e);
	}
	for (i = 0; acct_entry_kinds[i]; i++) {
		struct acct_error err = ACCT_ERROR_INIT;
		struct acct_entry *e = NULL;
		int n = snprintf(text, sizeof(text), "---\ndate: 2026-11-22\n"
				 "kind: %s\nsummary: s\n---\n",
				 acct_entry_kinds[i]);

		CHECK_MSG(acct_entry_parse(&e, "acme", PATH, text, (size_t)n,
					   &err) == 0, "kind %s: %s",
			  acct_entry_kinds[i], err.msg);
		if (e)
			CHECK_STR(e->kind, acct_entry_kinds[i]);
		acct_entry_free(e);
	}
	for (i = 0; i < 2; i++) {
		struct acct_error err = ACCT_ERROR_INIT;
		struct acct_entry *e = NULL;
		int n = snprintf(text, sizeof(text), "---\ndate: 2026-11-22\n"
				 "direction: %s\nsummary: s\n---\n", dirs[i]);

		CHECK_MSG(acct_entry_parse(&e, "acme", PATH, text, (size_t)n,
					   &err) == 0, "direction %s: %s",
			  dirs[i], err.msg);
		if (e)
			CHECK_STR(e->direction, dirs[i]);
		acct_entry_free(e);
	}
}

static void test_entry__defaults_and_forms(void)
{
	struct acct_entry *e;

	/* Only date and summary: channel other, kind note, no direction. */
	e = GOOD("---\ndate: 2026-11-22T14:30+03:00\nsummary: Just a note\n---\n");
	if (e) {
		CHECK_STR(e->channel, "other");
		CHECK_STR(e->kind, "note");
		CHECK(e->direction == NULL);
		CHECK(e->by == NULL);
		CHECK_STR(e->summary, "Just a note");
		CHECK_INT(e->ndecisions, 0);
		CHECK_INT(e->nactions, 0);
		CHECK_INT(e->body, e->text.len);
		acct_entry_free(e);
	}
	/* A date without an offset is local time (TZ=UTC here). */
	e = GOOD("---\ndate: 2026-11-22T11:30\nsummary: s\n---\n");
	if (e) {
		CHECK_INT(e->when.sec, DESIGN_SEC);
		CHECK_INT(e->when.off, 0);
		acct_entry_free(e);
	}
	e = GOOD("---\ndate: 2026-11-22T11:30Z\nsummary: s\n---\n");
	if (e) {
		CHECK_INT(e->when.sec, DESIGN_SEC);
		acct_entry_free(e);
	}
	/* Quoted values, unknown keys kept out of the way, "..." closes. */
	e = GOOD("---\n"
		 "date: \"2026-11-22T14:30+03:00\"\n"
		 "summary: \"Agreed: the \\\"Q4\\\" budget # not a comment\"\n"
		 "mood: great\n"
		 "by: 'Анна Петрова'\n"
		 "...\n"
		 "Body\n");
	if (e) {
		CHECK_INT(e->when.sec, DESIGN_SEC);
		CHECK_STR(e->summary, "Agreed: the \"Q4\" budget # not a comment");
		CHECK_STR(e->by, "Анна Петрова");
		CHECK(!strcmp(e->text.buf + e->body, "Body\n"));
		acct_entry_free(e);
	}
	/* Values that look like other YAML types are text for a summary. */
	e = GOOD("---\ndate: 2026-11-22\nsummary: 123\n---\n");
	if (e) {
		CHECK_STR(e->summary, "123");
		acct_entry_free(e);
	}
	e = GOOD("---\ndate: 2026-11-22\nsummary: yes\n---\n");
	if (e) {
		CHECK_STR(e->summary, "yes");
		acct_entry_free(e);
	}
	/* Nothing after the closing line, not even a newline. */
	e = GOOD("---\ndate: 2026-11-22\nsummary: s\n---");
	if (e) {
		CHECK_STR(e->summary, "s");
		CHECK_INT(e->body, e->text.len);
		acct_entry_free(e);
	}
}

static void test_entry__bad_front_matter(void)
{
	/* Unknown values: at the value, lines counted in the file. */
	BAD("---\ndate: 2026-11-22\nsummary: s\nchannel: fax\n---\n", 4, 10,
	    "channel|fax");
	BAD("---\ndate: 2026-11-22\nchannel: fax\nsummary: s\n---\n", 3, 10,
	    "channel|fax");
	BAD("---\ndate: 2026-11-22\nsummary: s\nkind: memo\n---\n", 4, 7,
	    "kind|memo");
	BAD("---\ndate: 2026-11-22\nsummary: s\ndirection: sideways\n---\n", 4, 12,
	    "direction|sideways");
	BAD("---\ndate: 2026-11-22\nsummary: s\nchannel: Call\n---\n", 4, 10,
	    "channel|Call");
	BAD("---\ndate: 2026-11-22\nsummary: s\nchannel: [call]\n---\n", 4, 10,
	    "channel");
	/* Missing date or summary: the front matter as a whole. */
	BAD("---\nsummary: s\nchannel: call\n---\n", 0, 1, "date");
	BAD("---\ndate: 2026-11-22\nchannel: call\n---\n", 0, 1, "summary");
	BAD("---\ndate: 2026-11-22\nsummary:\n---\n", 0, 0, "summary");
	BAD("---\ndate: 2026-11-22\nsummary: \"\"\n---\n", 3, 10, "summary");
	BAD("---\ndate: 2026-11-22\nsummary: [a, b]\n---\n", 3, 10, "summary");
	/* Bad dates, at the value. */
	BAD("---\ndate: 2026-02-30\nsummary: s\n---\n", 2, 7, "date|2026-02-30");
	BAD("---\ndate: 2026-02-30T10:00+03:00\nsummary: s\n---\n", 2, 7,
	    "2026-02-30");
	BAD("---\nsummary: s\ndate: yesterday\n---\n", 3, 7, "date");
	BAD("---\nsummary: s\ndate: 2026-11-22T25:00\n---\n", 3, 7, "date");
	BAD("---\nsummary: s\ndate: [2026-11-22]\n---\n", 3, 7, "date");
	/* Not a mapping, or not YAML. */
	BAD("---\n- date\n- summary\n---\n", 0, 1, "mapping");
	BAD("---\n---\nbody\n", 0, 0, "");
	{
		struct acct_error err = ACCT_ERROR_INIT;
		struct acct_entry *e = NULL;
		static const char t[] = "---\ndate: 2026-11-22\nsummary: \"open\n---\n";
		int rc = acct_entry_parse(&e, "acme", PATH, t, sizeof(t) - 1, &err);

		/* libyaml's mark, moved past the opening line. */
		CHECK_INT(rc, ACCT_EDATA);
		CHECK_MSG(err.line >= 3 && err.line <= 4, "bad YAML at line "
			  "%zu, want 3 or 4 (%s)", err.line, err.msg);
		CHECK_STR(err.file, PATH);
		acct_entry_free(e);
		/* No error wanted (the action ids' reader): no crash either. */
		e = NULL;
		CHECK_INT(acct_entry_parse(&e, "acme", PATH, t, sizeof(t) - 1,
					   NULL), ACCT_EDATA);
		CHECK(e == NULL);
	}
	/* Never closed, or no front matter at all: line 1. */
	BAD("---\ndate: 2026-11-22\nsummary: s\n", 1, 1, "never closed");
	BAD("---\ndate: 2026-11-22\nsummary: s\n--\nbody\n", 1, 1, "never closed");
	BAD("---", 1, 1, "never closed");
	BAD("Met the client.\n", 1, 1, "front matter");
	BAD("\n---\ndate: 2026-11-22\nsummary: s\n---\n", 1, 1, "front matter");
	BAD("", 1, 1, "front matter");
	BAD("date: 2026-11-22\nsummary: s\n", 1, 1, "front matter");
}

static void test_entry__not_text(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_entry *e = NULL;
	static const char latin1[] = FM "Caf\xe9\n";
	static const char nul[] = FM "a\0b\n";

	CHECK_INT(acct_entry_parse(&e, "acme", PATH, latin1, sizeof(latin1) - 1,
				   &err), ACCT_EDATA);
	CHECK(e == NULL);
	CHECK_STR(err.file, PATH);
	CHECK(strstr(err.msg, "UTF-8") != NULL);
	acct_error_clear(&err);
	CHECK_INT(acct_entry_parse(&e, "acme", PATH, nul, sizeof(nul) - 1, &err),
		  ACCT_EDATA);
	CHECK(e == NULL);
	CHECK_STR(err.file, PATH);
}

static void test_entry__bom_crlf(void)
{
	static const char bom[] =
		BOM "---\n"
		"date: 2026-11-22T14:30+03:00\n"
		"channel: call\n"
		"summary: Agreed the Q4 budget\n"
		"---\n"
		"## Actions\n"
		"- [ ] Send the plan @anna due:2026-11-25\n";
	static const char crlf[] =
		"---\r\n"
		"date: 2026-11-22T14:30+03:00\r\n"
		"channel: call\r\n"
		"kind: review\r\n"
		"summary: Agreed the Q4 budget\r\n"
		"by: Anna\r\n"
		"---\r\n"
		"Text.\r\n"
		"\r\n"
		"## Decisions\r\n"
		"- Raise bids\r\n"
		"\r\n"
		"## Actions\r\n"
		"- [ ] Send the plan @anna due:2026-11-25\r\n"
		"  - [x] Nested done\r\n";
	static const char both[] =
		BOM "---\r\n"
		"date: 2026-11-22T14:30+03:00\r\n"
		"summary: Both\r\n"
		"---\r\n"
		"## Задачи\r\n"
		"- [x] Готово @анна\r\n";
	struct acct_entry *e;

	e = GOOD(bom);
	if (e) {
		CHECK_INT(e->when.sec, DESIGN_SEC);
		CHECK_STR(e->channel, "call");
		CHECK_STR(e->summary, "Agreed the Q4 budget");
		CHECK_INT(e->nactions, 1);
		if (e->nactions == 1) {
			CHECK_INT(e->actions[0].line, 7);
			check_box(__LINE__, e, &e->actions[0]);
		}
		acct_entry_free(e);
	}
	e = GOOD(crlf);
	if (e) {
		CHECK_INT(e->when.sec, DESIGN_SEC);
		CHECK_STR(e->kind, "review");
		CHECK_STR(e->summary, "Agreed the Q4 budget");
		CHECK_STR(e->by, "Anna");
		CHECK(!strncmp(e->text.buf + e->body, "Text.\r\n", 7));
		CHECK_INT(e->ndecisions, 1);
		if (e->ndecisions == 1)
			CHECK_STR(e->decisions[0], "Raise bids");
		CHECK_INT(e->nactions, 2);
		if (e->nactions == 2) {
			CHECK_STR(e->actions[0].text, "Send the plan @anna due:2026-11-25");
			CHECK_STR(e->actions[0].owner, "anna");
			CHECK(e->actions[0].has_due &&
			      date_is(&e->actions[0].due, 2026, 11, 25));
			CHECK_INT(e->actions[0].line, 14);
			check_box(__LINE__, e, &e->actions[0]);
			CHECK_STR(e->actions[1].text, "Nested done");
			CHECK_INT(e->actions[1].done, 1);
			CHECK_INT(e->actions[1].line, 15);
			CHECK_INT(e->actions[1].col, 5);
			check_box(__LINE__, e, &e->actions[1]);
		}
		acct_entry_free(e);
	}
	e = GOOD(both);
	if (e) {
		CHECK_STR(e->summary, "Both");
		CHECK_INT(e->nactions, 1);
		if (e->nactions == 1) {
			CHECK_STR(e->actions[0].text, "Готово @анна");
			CHECK_STR(e->actions[0].owner, "анна");
			check_box(__LINE__, e, &e->actions[0]);
		}
		acct_entry_free(e);
	}
	/* Positions in messages: the BOM and CR do not shift lines. */
	BAD(BOM "---\ndate: 2026-11-22\nchannel: fax\nsummary: s\n---\n", 3, 10,
	    "fax");
	BAD("---\r\ndate: 2026-11-22\r\nsummary: s\r\nchannel: fax\r\n---\r\n",
	    4, 10, "fax");
	BAD(BOM "---\r\ndate: 2026-11-22\r\nsummary: s\r\n", 1, 1, "never closed");
	BAD("---\r\ndate: 2026-02-30\r\nsummary: s\r\n---\r\n", 2, 7, "2026-02-30");
}

static void test_entry__sections(void)
{
	struct acct_entry *e;

	/* Case-insensitive headings, English and Russian. */
	e = GOOD(FM "## DECISIONS\n- One\n- Two\n\n## actions\n- [ ] Do it\n");
	if (e) {
		CHECK_INT(e->ndecisions, 2);
		if (e->ndecisions == 2) {
			CHECK_STR(e->decisions[0], "One");
			CHECK_STR(e->decisions[1], "Two");
		}
		CHECK_INT(e->nactions, 1);
		if (e->nactions == 1)
			CHECK_STR(e->actions[0].text, "Do it");
		acct_entry_free(e);
	}
	e = GOOD(FM "## Решения\n- Поднять ставки на 15%\n\n"
		 "## Задачи\n- [ ] Отправить медиаплан @anna due:2026-11-25\n");
	if (e) {
		CHECK_INT(e->ndecisions, 1);
		if (e->ndecisions == 1)
			CHECK_STR(e->decisions[0], "Поднять ставки на 15%");
		CHECK_INT(e->nactions, 1);
		if (e->nactions == 1) {
			CHECK_STR(e->actions[0].text,
				  "Отправить медиаплан @anna due:2026-11-25");
			CHECK_STR(e->actions[0].owner, "anna");
			check_box(__LINE__, e, &e->actions[0]);
		}
		acct_entry_free(e);
	}
	e = GOOD(FM "## РЕШЕНИЯ\n- Да\n\n## задачи\n- [x] Сделано\n");
	if (e) {
		CHECK_INT(e->ndecisions, 1);
		CHECK_INT(e->nactions, 1);
		if (e->nactions == 1)
			CHECK_INT(e->actions[0].done, 1);
		acct_entry_free(e);
	}
	/* A heading in a fenced code block is not a section. */
	e = GOOD(FM "## Notes\n"
		 "```\n"
		 "## Actions\n"
		 "- [ ] in the code block\n"
		 "```\n"
		 "- [ ] under Notes\n"
		 "~~~markdown\n"
		 "## Decisions\n"
		 "~~~\n"
		 "- under Notes too\n");
	if (e) {
		CHECK_INT(e->nactions, 0);
		CHECK_INT(e->ndecisions, 0);
		acct_entry_free(e);
	}
	/* Items inside a code block under Actions are not items either. */
	e = GOOD(FM "## Actions\n"
		 "```\n"
		 "- [ ] code\n"
		 "```\n"
		 "    - [ ] indented code\n"
		 "\n"
		 "- [ ] real\n");
	if (e) {
		CHECK_INT(e->nactions, 1);
		if (e->nactions == 1)
			CHECK_STR(e->actions[0].text, "real");
		acct_entry_free(e);
	}
	/* A section ends at the next heading of its level. */
	e = GOOD(FM "## Actions\n- [ ] inside\n\n## Notes\n- [ ] outside\n");
	if (e) {
		CHECK_INT(e->nactions, 1);
		if (e->nactions == 1)
			CHECK_STR(e->actions[0].text, "inside");
		acct_entry_free(e);
	}
	/* Text that merely mentions the words is no heading. */
	e = GOOD(FM "Actions\n- [ ] after a paragraph\n\n**Decisions**\n- x\n");
	if (e) {
		CHECK_INT(e->nactions, 0);
		CHECK_INT(e->ndecisions, 0);
		acct_entry_free(e);
	}
	/* Boxes under Decisions are decisions, not action items. */
	e = GOOD(FM "## Decisions\n- [ ] looks like a box\n");
	if (e) {
		CHECK_INT(e->nactions, 0);
		CHECK_INT(e->ndecisions, 1);
		acct_entry_free(e);
	}
	/* "## Actions" in the front matter's summary is no section. */
	e = GOOD("---\ndate: 2026-11-22\nsummary: \"## Actions\"\n---\n- [ ] x\n");
	if (e) {
		CHECK_STR(e->summary, "## Actions");
		CHECK_INT(e->nactions, 0);
		acct_entry_free(e);
	}
}

static void test_entry__items(void)
{
	struct acct_entry *e;

	/* Only list items starting "[ ]" or "[x]". */
	e = GOOD(FM "## Actions\n"
		 "- plain item\n"
		 "- [y] not a box\n"
		 "- [] not a box\n"
		 "- [ ]glued\n"
		 "- ( ) not a box\n"
		 "- text then [ ] box\n"
		 "- [ ] one\n"
		 "* [x] two\n"
		 "+ [X] three\n"
		 "1. [ ] four\n"
		 "\n"
		 "[ ] not in a list\n");
	if (e) {
		CHECK_INT(e->nactions, 4);
		if (e->nactions == 4) {
			CHECK_STR(e->actions[0].text, "one");
			CHECK_INT(e->actions[0].done, 0);
			CHECK_STR(e->actions[1].text, "two");
			CHECK_INT(e->actions[1].done, 1);
			CHECK_STR(e->actions[2].text, "three");
			CHECK_INT(e->actions[2].done, 1);
			CHECK_STR(e->actions[3].text, "four");
			CHECK_INT(e->actions[3].done, 0);
			check_box(__LINE__, e, &e->actions[0]);
			check_box(__LINE__, e, &e->actions[1]);
			check_box(__LINE__, e, &e->actions[3]);
		}
		acct_entry_free(e);
	}
	/* Nested items, under items and under plain items. */
	e = GOOD(FM "## Actions\n"
		 "- [ ] parent @anna\n"
		 "  - [ ] child due:2026-12-01\n"
		 "    - [x] grandchild\n"
		 "  - a note, not an item\n"
		 "- plain parent\n"
		 "  - [ ] under a plain parent\n");
	if (e) {
		CHECK_INT(e->nactions, 4);
		if (e->nactions == 4) {
			CHECK_STR(e->actions[0].text, "parent @anna");
			CHECK_STR(e->actions[0].owner, "anna");
			CHECK_INT(e->actions[0].has_due, 0);
			CHECK_STR(e->actions[1].text, "child due:2026-12-01");
			CHECK(e->actions[1].owner == NULL);
			CHECK(e->actions[1].has_due &&
			      date_is(&e->actions[1].due, 2026, 12, 1));
			CHECK_INT(e->actions[1].col, 5);
			CHECK_STR(e->actions[2].text, "grandchild");
			CHECK_INT(e->actions[2].done, 1);
			CHECK_INT(e->actions[2].col, 7);
			CHECK_STR(e->actions[3].text, "under a plain parent");
			check_box(__LINE__, e, &e->actions[0]);
			check_box(__LINE__, e, &e->actions[1]);
			check_box(__LINE__, e, &e->actions[2]);
			check_box(__LINE__, e, &e->actions[3]);
		}
		acct_entry_free(e);
	}
	/* Tabs and other list markers: the box is still found in place. */
	e = GOOD(FM "## Actions\n"
		 "-\t[ ] after a tab\n"
		 "\t- [x] nested after a tab\n"
		 "\n"
		 "1) [ ] paren marker\n"
		 "10. [ ] wide marker\n");
	if (e) {
		size_t i;

		CHECK_INT(e->nactions, 4);
		for (i = 0; i < e->nactions; i++)
			check_box(__LINE__, e, &e->actions[i]);
		if (e->nactions == 4) {
			CHECK_STR(e->actions[0].text, "after a tab");
			CHECK_STR(e->actions[1].text, "nested after a tab");
			CHECK_INT(e->actions[1].done, 1);
			CHECK_STR(e->actions[2].text, "paren marker");
			CHECK_STR(e->actions[3].text, "wide marker");
		}
		acct_entry_free(e);
	}
	/* Setext and closed ATX headings are headings too. */
	e = GOOD(FM "Actions\n-------\n\n- [ ] setext\n\n## Decisions ##\n\n- closed\n");
	if (e) {
		CHECK_INT(e->nactions, 1);
		CHECK_INT(e->ndecisions, 1);
		acct_entry_free(e);
	}
	/* A wrapped item: one text, the box on its first line. */
	e = GOOD(FM "## Actions\n\n- [ ] send the plan\n  to @boris by due:2026-12-02\n");
	if (e) {
		CHECK_INT(e->nactions, 1);
		if (e->nactions == 1) {
			CHECK_STR(e->actions[0].text,
				  "send the plan to @boris by due:2026-12-02");
			CHECK_STR(e->actions[0].owner, "boris");
			CHECK(e->actions[0].has_due);
			CHECK_INT(e->actions[0].line, 7);
			check_box(__LINE__, e, &e->actions[0]);
		}
		acct_entry_free(e);
	}
}

static void test_entry__tags(void)
{
	struct acct_entry *e;

	e = GOOD(FM "## Actions\n"
		 "- [ ] @anna first\n"
		 "- [ ] due:2026-11-25 first, then @boris\n"
		 "- [ ] ask @carl, then send due:2026-12-31.\n"
		 "- [ ] mail bob@example.com about it\n"
		 "- [ ] nothing at all\n"
		 "- [ ] Позвонить @иван до due:2027-01-15\n");
	if (e) {
		CHECK_INT(e->nactions, 6);
		if (e->nactions == 6) {
			CHECK_STR(e->actions[0].owner, "anna");
			CHECK_INT(e->actions[0].has_due, 0);
			CHECK_STR(e->actions[1].owner, "boris");
			CHECK(e->actions[1].has_due &&
			      date_is(&e->actions[1].due, 2026, 11, 25));
			CHECK_STR(e->actions[2].owner, "carl");
			CHECK(e->actions[2].has_due &&
			      date_is(&e->actions[2].due, 2026, 12, 31));
			CHECK(e->actions[3].owner == NULL);
			CHECK(e->actions[4].owner == NULL);
			CHECK_INT(e->actions[4].has_due, 0);
			CHECK_STR(e->actions[5].owner, "иван");
			CHECK(e->actions[5].has_due &&
			      date_is(&e->actions[5].due, 2027, 1, 15));
			check_box(__LINE__, e, &e->actions[5]);
		}
		acct_entry_free(e);
	}
	/* A bad due date is an error at the item. */
	BAD(FM "## Actions\n- [ ] fine\n- [ ] send due:2026-13-01\n", 7, 3,
	    "2026-13-01");
	BAD(FM "## Actions\n- [ ] fine\n  - [ ] send due:2026-02-30\n", 7, 5,
	    "2026-02-30");
	BAD(FM "## Actions\n- [ ] send due:tomorrow\n", 6, 3, "tomorrow");
	/* Not under Actions: not an item, so not checked. */
	e = GOOD(FM "## Notes\n- [ ] send due:2026-13-01\n");
	if (e) {
		CHECK_INT(e->nactions, 0);
		acct_entry_free(e);
	}
}

static void test_entry__ids(void)
{
	static const char one[] = FM "## Actions\n- [ ] Send the plan @anna\n"
				     "- [ ] Call the CFO\n";
	static const char ticked[] = FM "## Actions\n- [x] Send the plan @anna\n"
					"- [ ] Call the CFO\n";
	static const char moved[] = FM "Some new text first.\n\n## Actions\n\n"
				       "- [ ] Call the CFO\n"
				       "- [ ] Send the plan @anna\n";
	struct acct_entry *a = GOOD(one), *b = GOOD(one);
	struct acct_entry *c = GOOD_AT(PATH2, one), *d = GOOD(ticked);
	struct acct_entry *m = GOOD(moved);

	if (a && b && c && d && m && a->nactions == 2 && b->nactions == 2 &&
	    c->nactions == 2 && d->nactions == 2 && m->nactions == 2) {
		/* Same path and text: same id; another path: another id. */
		CHECK_STR(a->actions[0].id, b->actions[0].id);
		CHECK_STR(a->actions[1].id, b->actions[1].id);
		CHECK(strcmp(a->actions[0].id, c->actions[0].id) != 0);
		CHECK(strcmp(a->actions[1].id, c->actions[1].id) != 0);
		CHECK(strcmp(a->actions[0].id, a->actions[1].id) != 0);
		/* Ticking the box or moving the item keeps its id. */
		CHECK_STR(a->actions[0].id, d->actions[0].id);
		CHECK_STR(a->actions[0].id, m->actions[1].id);
		CHECK_STR(a->actions[1].id, m->actions[0].id);
		CHECK(is_hex40(a->actions[0].id));
		/* Short ids differ too (7 hex digits shown). */
		CHECK(strncmp(a->actions[0].id, c->actions[0].id,
			      ACCT_ACTION_ID_LEN) != 0);
	} else {
		CHECK_MSG(0, "ids: entries did not parse with two actions each");
	}
	acct_entry_free(a);
	acct_entry_free(b);
	acct_entry_free(c);
	acct_entry_free(d);
	acct_entry_free(m);
}

/* Ticking a box is one byte at `mark`: the result reads back done. */
static void test_entry__mark_ticks(void)
{
	static const char text[] =
		BOM "---\r\ndate: 2026-11-22\r\nsummary: «Ёлка» 🎄\r\n---\r\n"
		"Вступление с юникодом: ёжик 🦔.\r\n\r\n"
		"## Задачи\r\n"
		"- [ ] Первое @анна due:2026-11-25\r\n"
		"    - [ ] Вложенное\r\n";
	struct acct_entry *e = GOOD(text);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_entry *f = NULL;
	char *copy;
	size_t i;

	if (!e || e->nactions != 2) {
		CHECK_MSG(0, "mark: the entry did not parse with two actions");
		acct_entry_free(e);
		return;
	}
	copy = malloc(sizeof(text));
	if (!copy) {
		acct_entry_free(e);
		return;
	}
	memcpy(copy, text, sizeof(text));
	for (i = 0; i < 2; i++) {
		check_box(__LINE__, e, &e->actions[i]);
		copy[e->actions[i].mark] = 'x';
	}
	CHECK_INT(acct_entry_parse(&f, "acme", PATH, copy, sizeof(text) - 1,
				   &err), 0);
	if (f && f->nactions == 2) {
		for (i = 0; i < 2; i++) {
			CHECK_INT(f->actions[i].done, 1);
			CHECK_STR(f->actions[i].id, e->actions[i].id);
			CHECK_INT(f->actions[i].mark, e->actions[i].mark);
		}
	}
	acct_entry_free(f);
	acct_entry_free(e);
	free(copy);
}

static void test_entry__template(void)
{
	const char *en = acct_entry_template("en");
	const char *ru = acct_entry_template("ru");

	CHECK(en && strstr(en, "## Decisions") && strstr(en, "## Actions"));
	CHECK(ru && strstr(ru, "## Решения") && strstr(ru, "## Задачи"));
}

int main(void)
{
	/* Dates without an offset are local time: make that UTC. */
	setenv("TZ", "UTC", 1);
	tzset();
	test_entry__design_example();
	test_entry__lists();
	test_entry__all_values();
	test_entry__defaults_and_forms();
	test_entry__bad_front_matter();
	test_entry__not_text();
	test_entry__bom_crlf();
	test_entry__sections();
	test_entry__items();
	test_entry__tags();
	test_entry__ids();
	test_entry__mark_ticks();
	test_entry__template();
	return test_report("entry");
}
