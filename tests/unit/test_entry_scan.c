#include "acct/entry.h"
#include "../../lib/entry_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/git.h"
#include "harness.h"
#include "acct/banned.h"

/*
 * The scan of plain entries (lib/entry_scan.c) against the parser: for
 * entries as acct writes them, and for thousands made of lines the scan
 * must leave to the parser, the two give the same entry, field by field,
 * or the same error. The scan must also take the plain ones (else it
 * would be no help, and this test would prove nothing).
 */

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static int same_entry(const struct acct_entry *a, const struct acct_entry *b,
		      const char **what)
{
	size_t i;

	*what = "front matter";
	if (a->when.sec != b->when.sec || a->when.off != b->when.off ||
	    !same_str(a->channel, b->channel) || !same_str(a->kind, b->kind) ||
	    !same_str(a->direction, b->direction) ||
	    !same_str(a->summary, b->summary) || !same_str(a->by, b->by) ||
	    !same_str(a->message_id, b->message_id))
		return 0;
	*what = "body offset";
	if (a->body != b->body)
		return 0;
	*what = "decisions";
	if (a->ndecisions != b->ndecisions)
		return 0;
	for (i = 0; i < a->ndecisions; i++)
		if (strcmp(a->decisions[i], b->decisions[i]))
			return 0;
	*what = "actions";
	if (a->nactions != b->nactions)
		return 0;
	for (i = 0; i < a->nactions; i++) {
		const struct acct_action *x = &a->actions[i], *y = &b->actions[i];

		if (strcmp(x->text, y->text) || !same_str(x->owner, y->owner) ||
		    x->has_due != y->has_due || x->done != y->done ||
		    (x->has_due && acct_date_cmp(&x->due, &y->due)) ||
		    strcmp(x->id, y->id) || x->own_id != y->own_id ||
		    x->line != y->line || x->col != y->col ||
		    x->mark != y->mark || x->id_at != y->id_at ||
		    x->id_len != y->id_len || x->tail != y->tail)
			return 0;
	}
	return 1;
}

/* Parse `text` both ways; 1 when they agree. `*scanned`: the scan took it. */
static int agree(const char *text, int *scanned)
{
	struct acct_entry *a = NULL, *b = NULL, probe;
	struct acct_error e1 = ACCT_ERROR_INIT, e2 = ACCT_ERROR_INIT;
	const char *path = "clients/acme/log/2026/2026-11-20T1430-call.md";
	size_t len = strlen(text);
	const char *what = "result";
	int r1 = entry_parse(&a, "acme", path, text, len, 1, &e1);
	int r2 = entry_parse(&b, "acme", path, text, len, 0, &e2);
	int ok = r1 == r2 && (r1 < 0 ? !strcmp(e1.msg, e2.msg) &&
				       e1.line == e2.line && e1.col == e2.col
				     : same_entry(a, b, &what));

	memset(&probe, 0, sizeof(probe));
	probe.path = (char *)(uintptr_t)path;
	acct_buf_add(&probe.text, text, len);
	*scanned = r2 == 0 && entry_scan(&probe);
	acct_entry_free(a);
	acct_entry_free(b);
	acct_buf_release(&probe.text);
	/* What entry_scan() filled in (probe is not a whole entry). */
	entry_release_parsed(&probe);
	if (!ok)
		fprintf(stderr, "scan and parser differ (%s) on:\n%s\n---\n",
			what, text);
	return ok;
}

static const char *const plain[] = {
	"---\ndate: 2026-11-20T14:30+03:00\nchannel: call\ndirection: out\n"
	"kind: postmeet\nsummary: Agreed the Q4 budget\nby: Anna\n---\n"
	"They want more leads.\n\n## Decisions\n- Budget 1.2M for Q4\n"
	"- Pause display\n\n## Actions\n"
	"- [ ] Send the media plan @anna due:2026-11-25 <!-- id:a1b2c3d -->\n"
	"- [x] Share access @client <!-- id:0d27fe4 -->\n"
	"- [ ] Call them back due:2026-12-01\n",
	"---\ndate: 2026-01-09T16:53+00:00\nchannel: meeting\ndirection: out\n"
	"kind: review\nsummary: Quarterly review with the board\n"
	"by: Юлия Кузнецова\n---\nПлан на квартал.\n\n## Решения\n"
	"- Перенести бюджет\n\n## Задачи\n"
	"- [ ] Обновить фид @iuliia due:2026-01-18 <!-- id:9279b7c -->\n",
	"---\ndate: 2026-11-20\nsummary: A note\n---\n",
	"---\ndate: 2026-11-20T09:00Z\nsummary: \"Call: tomorrow #2\"\n"
	"kind: note\n---\nText\n## Actions\n- [ ] same\n- [ ] same\n"
	"- [x] x <!-- id:1234567 -->\n- [x] y <!-- id:1234567 -->\n",
	"---\ndate: 2026-11-20T09:00+01:00\nsummary: S\n---\n## Actions\n"
	"- [ ]\n- [ ] \n* [X] done item\n+ [ ] plus item due:2026-02-03\n",
};

/* Lines the scan must read right, or leave to the parser. */
static const char *const fm_lines[] = {
	"date: 2026-11-20T14:30+03:00", "date: 2026-11-20", "date: tomorrow",
	"date: \"2026-11-20\"", "date: 2026-11-20T25:00", "channel: call",
	"channel: Call", "channel: fax", "channel: ~", "direction: in",
	"direction: out", "direction: sideways", "kind: report",
	"kind: review", "kind: note", "kind: ", "summary: Plain words",
	"summary: with: colon", "summary: trailing space ",
	"summary: 'single'", "summary: \"double\"", "summary: \"a\\tb\"",
	"summary: a # comment", "summary: a#b", "summary: -dash",
	"summary: null", "summary: ~", "summary: [list]", "summary: {map}",
	"summary: x]y", "summary: Ёлка в офисе", "summary: \xc2\x85nel",
	"summary: a\xe2\x80\xa8" "b", "summary: \t", "summary:",
	"summary:x", "summary:  two", "by: Anna", "by: ", "by: &anchor x",
	"by: *alias", "other: thing", "  indented: x", "# comment",
	"", "summary: folded", "  continued", "Summary: caps",
	"summary: \"\"", "summary: ok\r", "message_id: <a1@b.example>",
	"message_id: \"<a1@b.example>\"", "message_id: ", "message_id: [x]",
};

static const char *const body_lines[] = {
	"", "Plain text.", "Text with *emphasis* and `code`.", "## Actions",
	"## Decisions", "## Задачи", "## Решения", "## ACTIONS", "## actions ##",
	"##Actions", "# Title", "### Actions", "## Other", "#", "##  Actions",
	"- [ ] Send the plan @anna due:2026-11-25",
	"- [ ] Send the plan @anna due:2026-11-25 <!-- id:a1b2c3d -->",
	"- [x] Done thing <!-- id:0d27fe4 -->", "* [X] Caps done",
	"- [ ] bad date due:2026-13-45", "- [ ] due:2026-02-30",
	"- [ ] two <!-- id:ABCDEF1 -->", "- [ ] short <!-- id:abc -->",
	"- [ ] mid <!-- id:a1b2c3d --> tail", "- [ ] *emph*", "- [ ] a & b",
	"- [ ] a \\[x]", "- [ ] [link](http://x)", "- [x]bad", "- [ ]",
	"- [ ] ", "- plain item", "- item with `code`", "-  [ ] two spaces",
	"  - nested", "    code", "1. ordered", "2) ordered", "2026 was good",
	"> quote", "```", "~~~", "<div>", "<!-- c -->", "---", "===", "***",
	"___", "- - -", "[ref]: /url", "- [x]: /url", "[x]: /url",
	"\t- tab", "- [ ] tab\there", "   ", "text  ", "- [ ] trailing  ",
	"- Decision: yes", "- [ ] @owner, then due:2026-01-02.",
	"- [ ] <!-- id:a1b2c3d -->", "- [ ] x<!-- id:a1b2c3d -->",
	"+ item", "- [ ] !bang", "- [ ] a < b",
	"- [ ] same", "- [x] same <!-- id:1234567 -->",
	"- [ ] other <!-- id:1234567 -->", "line\r", "- [ ] \xc2\xa0nbsp",
};

static unsigned long long rng = 88172645463325252ULL;

static size_t pick(size_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (size_t)(rng % n);
}

/* Body lines the scan takes (each alone, after a heading or a blank). */
static const char *const good_lines[] = {
	"", "Plain text.", "Text with *emphasis* and `code`.", "## Actions",
	"## Decisions", "## Задачи", "## Решения", "## ACTIONS", "# Title",
	"### Actions", "## Other",
	"- [ ] Send the plan @anna due:2026-11-25",
	"- [ ] Send the plan @anna due:2026-11-25 <!-- id:a1b2c3d -->",
	"- [x] Done thing <!-- id:0d27fe4 -->", "* [X] Caps done",
	"- [ ]", "- [ ] ", "- plain item", "- Decision: yes", "2026 was good",
	"- [ ] @owner, then due:2026-01-02.", "- [ ] trailing  ",
	"- [ ] same", "- [x] same <!-- id:1234567 -->",
	"- [ ] other <!-- id:1234567 -->", "- [ ] \xc2\xa0nbsp",
	"- [ ] x<!-- id:a1b2c3d -->", "- [ ] <!-- id:a1b2c3d -->",
};

#define NGOOD (sizeof(good_lines) / sizeof(good_lines[0]))
#define NFM (sizeof(fm_lines) / sizeof(fm_lines[0]))
#define NBODY (sizeof(body_lines) / sizeof(body_lines[0]))

static void test_entry_scan__plain(void)
{
	size_t i;
	int scanned;

	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		CHECK_MSG(agree(plain[i], &scanned), "plain %zu", i);
		CHECK_MSG(scanned, "plain %zu was left to the parser", i);
	}
}

static void test_entry_scan__mixed(void)
{
	struct acct_buf t = ACCT_BUF_INIT;
	size_t k, i, n, scanned_n = 0, bad = 0;
	int scanned;

	for (k = 0; k < 6000; k++) {
		int good = k % 2;

		acct_buf_reset(&t);
		acct_buf_addstr(&t, "---\n");
		/* Mostly good front matter, now and then a strange line. */
		acct_buf_addstr(&t, "date: 2026-11-20T14:30+03:00\n");
		n = good ? 0 : pick(4);
		for (i = 0; i < n; i++)
			acct_buf_addf(&t, "%s\n", fm_lines[pick(NFM)]);
		if (pick(8))
			acct_buf_addstr(&t, "summary: Agreed the plan\n");
		acct_buf_addstr(&t, pick(10) ? "---\n" : "...\n");
		n = pick(12);
		for (i = 0; i < n; i++) {
			const char *l = good ? good_lines[pick(NGOOD)] :
					body_lines[pick(NBODY)];

			acct_buf_addf(&t, "%s%s", l,
				      i + 1 < n || pick(4) ? "\n" : "");
			/* Blocks apart: no paragraph runs into an item. */
			if (good)
				acct_buf_addstr(&t, "\n");
		}
		if (!agree(t.buf, &scanned))
			bad++;
		scanned_n += (size_t)scanned;
	}
	CHECK_INT(bad, 0);
	/* Enough of them plain enough for the scan to matter. */
	CHECK_MSG(scanned_n > 1000, "only %zu of 6000 scanned", scanned_n);
	acct_buf_release(&t);
}

int main(void)
{
	acct_git_init();
	test_entry_scan__plain();
	test_entry_scan__mixed();
	return test_report("entry_scan");
}
