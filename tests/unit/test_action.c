#include "acct/entry.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "harness.h"
#include "acct/banned.h"

/* The title of the first action item of an entry whose item is `item`. */
#define CHECK_TITLE(item, want) check_title_(__LINE__, (item), (want))

static void check_title_(int at, const char *item, const char *want)
{
	struct acct_buf text = ACCT_BUF_INIT, title = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_entry *e = NULL;

	acct_buf_addf(&text, "---\ndate: 2026-11-20T10:00+00:00\nsummary: S\n"
		      "---\n## Actions\n\n- [ ] %s\n", item);
	if (acct_entry_parse(&e, "acme", "clients/acme/log/2026/x.md", text.buf,
			     text.len, &err) < 0 || e->nactions != 1) {
		CHECK_MSG(0, "line %d: cannot parse '%s': %s", at, item, err.msg);
	} else {
		acct_action_title(&title, &e->actions[0]);
		CHECK_MSG(!strcmp(title.buf, want), "line %d: title of '%s' is "
			  "'%s', want '%s'", at, item, title.buf, want);
	}
	acct_entry_free(e);
	acct_buf_release(&text);
	acct_buf_release(&title);
}

static void test_action__title(void)
{
	CHECK_TITLE("Send the media plan @anna due:2026-11-25",
		    "Send the media plan");
	CHECK_TITLE("Send the media plan", "Send the media plan");
	CHECK_TITLE("@anna send the plan due:2026-11-25", "send the plan");
	CHECK_TITLE("Позвонить Ивану @анна due:2026-12-10", "Позвонить Ивану");
	/* Only the word that named the owner goes: other handles stay. */
	CHECK_TITLE("Ask @boris about @client's logo @anna",
		    "Ask about @client's logo @anna");
	/* Punctuation after a word left out stays with the word before. */
	CHECK_TITLE("Call @anna, then write", "Call, then write");
	CHECK_TITLE("Plan due:2026-11-25.", "Plan.");
	/* An item that is nothing else keeps its text. */
	CHECK_TITLE("@anna due:2026-11-25", "@anna due:2026-11-25");
	CHECK_TITLE("@anna", "@anna");
	/* "@" alone and "due:" alone are words of the text. */
	CHECK_TITLE("Pay @ 5% due: soon", "Pay @ 5% due: soon");
}

int main(void)
{
	test_action__title();
	return test_report("action");
}
