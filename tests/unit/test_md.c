#include "acct/md.h"

#include <string.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

#define DROPPED(text, want) do { \
	struct acct_buf got_ = ACCT_BUF_INIT; \
	acct_md_drop_comments(&got_, (text), sizeof(text) - 1); \
	CHECK_STR(got_.buf, (want)); \
	acct_buf_release(&got_); \
} while (0)

static void test_md__drop_comments(void)
{
	/* The editor's template: hints on lines of their own. */
	DROPPED("Summary\n<!-- line 1 is the summary -->\n<!-- and more -->\n"
		"\n## Decisions\n\n<!-- one a line -->\n- Raise bids\n",
		"Summary\n\n## Decisions\n\n- Raise bids\n");
	/* A comment over several lines goes whole. */
	DROPPED("a\n\n<!-- one\ntwo\n-->\nb\n", "a\n\nb\n");
	DROPPED("<!-- a --> <!-- b -->\ntext\n", "text\n");
	/* Line breaks as they are: CRLF, a lone CR, none at the end. */
	DROPPED("S\r\n<!-- x -->\r\nT\r\n", "S\r\nT\r\n");
	DROPPED("S\r<!-- x\r y -->\rT\r", "S\rT\r");
	DROPPED("S\n<!-- x -->", "S\n");
	DROPPED("<!-- only -->\n", "");
	DROPPED("", "");
}

static void test_md__comments_that_stay(void)
{
	/* Not a comment line: code, lists, quotes, text around it. */
	DROPPED("```html\n<!-- keep -->\n```\n", "```html\n<!-- keep -->\n```\n");
	DROPPED("    <!-- indented code -->\n", "    <!-- indented code -->\n");
	DROPPED("- a\n\n  <!-- in the item -->\n", "- a\n\n  <!-- in the item -->\n");
	DROPPED("> <!-- quoted -->\n", "> <!-- quoted -->\n");
	DROPPED("<!-- a --> and text\n", "<!-- a --> and text\n");
	DROPPED("text <!-- inline -->\n", "text <!-- inline -->\n");
	/* Never closed: not a comment, all of it stays. */
	DROPPED("<!-- open\nrest\n", "<!-- open\nrest\n");
	/* Other HTML is text a person wrote. */
	DROPPED("<div>\nx\n</div>\n", "<div>\nx\n</div>\n");
}

/* The log entry's editor template: every hint goes, the sections stay. */
static void test_md__log_template(void)
{
	static const char *const locales[] = { "en", "ru" };
	size_t i;

	for (i = 0; i < 2; i++) {
		const char *t = acct_entry_template(locales[i]);
		struct acct_buf out = ACCT_BUF_INIT;

		CHECK(t[0] == '\n' && strstr(t, "<!--"));
		acct_md_drop_comments(&out, t, strlen(t));
		CHECK_MSG(!strstr(out.buf, "<!--") && !strstr(out.buf, "-->"),
			  "%s: %s", locales[i], out.buf);
		CHECK_STR(out.buf, i ? "\n\n## Решения\n\n- \n\n## Задачи\n\n- [ ] \n"
				     : "\n\n## Decisions\n\n- \n\n## Actions\n\n- [ ] \n");
		acct_buf_release(&out);
	}
}

#define EMPTIED(text, want) do { \
	struct acct_buf got_ = ACCT_BUF_INIT; \
	acct_md_drop_empty_items(&got_, (text), sizeof(text) - 1); \
	CHECK_STR(got_.buf, (want)); \
	acct_buf_release(&got_); \
} while (0)

/* The template's placeholders go, then a heading they leave empty. */
static void test_md__drop_empty_items(void)
{
	EMPTIED("S\n\n## Decisions\n\n- \n\n## Actions\n\n- [ ] \n", "S\n\n");
	EMPTIED("S\n\n## Decisions\n\n- a\n- \n\n## Actions\n\n- [ ] \n",
		"S\n\n## Decisions\n\n- a\n\n");
	EMPTIED("S\r\n\r\n## A\r\n\r\n- [x]\r\n\r\nT\r\n",
		"S\r\n\r\n## A\r\n\r\nT\r\n");
	EMPTIED("S\n- \n", "S\n- \n");	/* a paragraph's line, no item */
	EMPTIED("- \n* [ ]\n1. \n", "");
	/* What a person wrote stays: a heading never emptied, text, boxes. */
	EMPTIED("## Own\n\n### Sub\n", "## Own\n\n### Sub\n");
	EMPTIED("-  x  \n- [ ] y\n- [ ]  z\n", "-  x  \n- [ ] y\n- [ ]  z\n");
	EMPTIED("## A\n\n### B\n\n- \n\n## C\n", "## C\n");
	EMPTIED("> - \n", "> - \n");
	EMPTIED("", "");
}

/*
 * Whose language: the card's locale, else the book's. A locale acct has
 * no templates for is refused by the card's loader (test_card.c).
 */
static void test_md__client_locale(void)
{
	static const struct {
		const char *card, *fallback, *want;
	} cases[] = {
		{ "name: A\n", "ru", "ru" },
		{ "name: A\nlocale: ru\n", "en", "ru" },
		{ "name: A\nlocale: en\n", "ru", "en" },
		{ "name: A\nlocale: ~\n", "en", "en" },
	};
	static const char *const refused[] = {
		"name: A\nlocale: de\n", "name: A\nlocale: [ru]\n",
	};
	size_t i;

	for (i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		struct acct_error err = ACCT_ERROR_INIT;
		struct acct_client *c = NULL;

		CHECK_INT(acct_client_parse(&c, "a", "clients/a/client.yaml",
					    refused[i], strlen(refused[i]),
					    &err), ACCT_EDATA);
		CHECK(c == NULL);
	}

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct acct_error err = ACCT_ERROR_INIT;
		struct acct_client *c = NULL;

		if (!CHECK(acct_client_parse(&c, "a", "clients/a/client.yaml",
					     cases[i].card, strlen(cases[i].card),
					     &err) == 0))
			continue;
		CHECK_STR(acct_client_locale(c, cases[i].fallback), cases[i].want);
		acct_client_free(c);
	}
	CHECK_STR(acct_client_locale(NULL, "en"), "en");
}

int main(void)
{
	test_md__drop_comments();
	test_md__comments_that_stay();
	test_md__log_template();
	test_md__drop_empty_items();
	test_md__client_locale();
	return test_report("md");
}
