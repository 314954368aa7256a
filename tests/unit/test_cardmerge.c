/*
 * The field-level merge of client cards (lib/cardmerge.c): cases written
 * out in full, byte for byte, then a loop over many pairs of single-field
 * edits of a sample card, each made by lib/yedit.c on its own side: the
 * merge of edits to different fields must equal, as YAML values, making
 * both edits one after the other, and edits to the same field must either
 * agree or conflict on that field.
 */
#include "acct/cardmerge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/yaml.h"
#include "acct/yedit.h"
#include "harness.h"

#include "acct/banned.h"

#define CARD "clients/acme/client.yaml"

static const char *show(struct acct_buf *b, const char *s)
{
	acct_buf_reset(b);
	for (; *s; s++) {
		if (*s == '\n')
			acct_buf_addstr(b, "\\n");
		else if (*s == '\r')
			acct_buf_addstr(b, "\\r");
		else
			acct_buf_addch(b, *s);
	}
	return b->buf;
}

static int merge(struct acct_card_merge *m, const char *base,
		 const char *ours, const char *theirs, struct acct_error *err)
{
	return acct_card_merge(m, CARD, base, strlen(base), ours, strlen(ours),
			       theirs, strlen(theirs), err);
}

/* The merge succeeds with exactly `want`. */
static void merged(const char *what, const char *base, const char *ours,
		   const char *theirs, const char *want)
{
	struct acct_card_merge m;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf g = ACCT_BUF_INIT, w = ACCT_BUF_INIT;
	int rc = merge(&m, base, ours, theirs, &err);

	CHECK_MSG(rc == 0, "%s: merge returned %d (%s; %zu conflicts%s%s)",
		  what, rc, err.msg, m.nconflicts,
		  m.nconflicts ? ", first " : "",
		  m.nconflicts ? m.conflicts[0].field : "");
	if (rc == 0)
		CHECK_MSG(!strcmp(m.text.buf, want) && m.text.len == strlen(want),
			  "%s:\n    got  \"%s\"\n    want \"%s\"", what,
			  show(&g, m.text.buf), show(&w, want));
	acct_card_merge_release(&m);
	CHECK(m.text.len == 0 && m.conflicts == NULL && m.nconflicts == 0);
	acct_buf_release(&g);
	acct_buf_release(&w);
}

/* The merge stops on conflicts: triples of field, ours, theirs. */
static void conflicted(const char *what, const char *base, const char *ours,
		       const char *theirs, const char *const *want, size_t n)
{
	struct acct_card_merge m;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc = merge(&m, base, ours, theirs, &err);
	size_t i;

	CHECK_MSG(rc == 1, "%s: merge returned %d, want 1 (%s)", what, rc,
		  err.msg);
	CHECK_MSG(m.nconflicts == n, "%s: %zu conflicts, want %zu", what,
		  m.nconflicts, n);
	CHECK_MSG(m.text.len == 0, "%s: a text with conflicts", what);
	for (i = 0; i < n && i < m.nconflicts; i++) {
		const struct acct_card_conflict *c = &m.conflicts[i];

		CHECK_MSG(!strcmp(c->field, want[3 * i]) &&
			  !strcmp(c->ours, want[3 * i + 1]) &&
			  !strcmp(c->theirs, want[3 * i + 2]),
			  "%s: conflict %zu is %s: ours '%s', theirs '%s'; "
			  "want %s: '%s', '%s'", what, i, c->field, c->ours,
			  c->theirs, want[3 * i], want[3 * i + 1],
			  want[3 * i + 2]);
	}
	acct_card_merge_release(&m);
}

/* --- written out ------------------------------------------------------- */

static const char card[] =
	"# Acme's card\n"
	"name: Acme\n"
	"status: active            # lead | active | paused | churned\n"
	"since: 2026-03-01\n"
	"manager: Anna Petrova <anna@agency.example>\n"
	"services: [seo, context, smm]\n"
	"contacts:\n"
	"  - {name: Ivan Ivanov, role: marketing director, email: ivan@acme.example, primary: true}\n"
	"  - name: Olga Petrova\n"
	"    role: accountant   # pays the invoices\n"
	"    email: olga@acme.example\n"
	"channels: {fast: telegram, official: email}\n"
	"style: informal           # formal | informal\n"
	"hours: \"09:00-18:00\"\n"
	"cadence: {contact: 3wd, call: 14d}\n"
	"fee: {amount: 90000, currency: RUB, period: month, floating: 30}\n"
	"goals: {business: \"Grow app sales by 25% this year\", kpi: [\"CPI <= 80 RUB\"]}\n"
	"tags:\n"
	"  - real-estate\n"
	"  - key\n"
	"x-crm: 4711   # their id\n";

/* `card` with `from` replaced by `to` (each must occur once). */
static char *edit(const char *src, const char *from, const char *to)
{
	const char *at = strstr(src, from);
	struct acct_buf b = ACCT_BUF_INIT;

	if (!at || strstr(at + 1, from)) {
		CHECK_MSG(0, "test bug: '%s' is not once in the card", from);
		return acct_strdup(src);
	}
	acct_buf_add(&b, src, (size_t)(at - src));
	acct_buf_addstr(&b, to);
	acct_buf_addstr(&b, at + strlen(from));
	return acct_buf_detach(&b, NULL);
}

static char *edit2(const char *src, const char *f1, const char *t1,
		   const char *f2, const char *t2)
{
	char *a = edit(src, f1, t1), *b = edit(a, f2, t2);

	free(a);
	return b;
}

static void adjacent_lines(void)
{
	char *ours = edit(card, "status: active ", "status: paused ");
	char *theirs = edit(card, "since: 2026-03-01", "since: 2025-12-01");
	char *want = edit(ours, "since: 2026-03-01", "since: 2025-12-01");

	merged("adjacent lines", card, ours, theirs, want);
	/* the same with the sides swapped */
	merged("adjacent lines, swapped", card, theirs, ours, want);
	free(ours);
	free(theirs);
	free(want);

	/* three fields on three lines in a row, two on one side */
	ours = edit2(card, "name: Acme", "name: Acme Robotics",
		     "since: 2026-03-01", "since: 2026-04-01");
	theirs = edit(card, "status: active ", "status: paused ");
	want = edit(ours, "status: active ", "status: paused ");
	merged("three adjacent lines", card, ours, theirs, want);
	free(ours);
	free(theirs);
	free(want);
}

static void same_field(void)
{
	static const char *const two[] = {
		"status", "paused", "churned",
	};
	char *ours = edit(card, "status: active ", "status: paused ");
	char *theirs = edit(card, "status: active            # lead",
			    "status: paused  # was active; lead");
	char *other;

	/* Same value, their comment differs: ours stands. */
	merged("same field, same value", card, ours, theirs, ours);
	free(theirs);
	/* Same value, written otherwise ("paused" quoted), plus a change. */
	theirs = edit2(card, "status: active ", "status: \"paused\" ",
		       "hours: \"09:00-18:00\"", "hours: \"10:00-19:00\"");
	other = edit(ours, "hours: \"09:00-18:00\"", "hours: \"10:00-19:00\"");
	merged("same value quoted otherwise", card, ours, theirs, other);
	free(theirs);
	free(other);

	theirs = edit(card, "status: active ", "status: churned ");
	conflicted("same field, two values", card, ours, theirs, two, 1);
	free(ours);
	free(theirs);

	/*
	 * The same digits plain and quoted: acct reads both as the same
	 * text, so the same value.
	 */
	ours = edit(card, "amount: 90000", "amount: 95000");
	theirs = edit(card, "amount: 90000", "amount: \"95000\"");
	merged("number and quoted number", card, ours, theirs, ours);
	free(ours);
	free(theirs);
}

static void nested_flow(void)
{
	static const char *const both[] = {
		"cadence.call", "7d", "21d",
	};
	char *ours = edit(card, "{contact: 3wd, call: 14d}", "{contact: 5wd, call: 14d}");
	char *theirs = edit(card, "{contact: 3wd, call: 14d}", "{contact: 3wd, call: 7d}");
	char *want = edit(card, "{contact: 3wd, call: 14d}", "{contact: 5wd, call: 7d}");
	char *o2, *t2;

	merged("nested flow mapping", card, ours, theirs, want);
	free(want);
	/* their key added to our flow mapping, in the card's order */
	free(theirs);
	theirs = edit(card, "{contact: 3wd, call: 14d}",
		      "{contact: 3wd, call: 14d, review: 90d, report: weekly}");
	want = edit(card, "{contact: 3wd, call: 14d}",
		    "{contact: 5wd, call: 14d, report: weekly, review: 90d}");
	merged("keys added to a flow mapping", card, ours, theirs, want);
	free(want);
	/* their side block style: values count, not layout */
	free(theirs);
	theirs = edit(card, "cadence: {contact: 3wd, call: 14d}\n",
		      "cadence:\n  contact: 3wd\n  call: 7d\n");
	want = edit(card, "{contact: 3wd, call: 14d}", "{contact: 5wd, call: 7d}");
	merged("their block mapping", card, ours, theirs, want);
	free(want);
	o2 = edit(card, "{contact: 3wd, call: 14d}", "{contact: 3wd, call: 7d}");
	t2 = edit(card, "{contact: 3wd, call: 14d}", "{contact: 3wd, call: 21d}");
	conflicted("nested conflict", card, o2, t2, both, 1);
	free(o2);
	free(t2);
	free(ours);
	free(theirs);
}

static void added_in_order(void)
{
	char *ours = edit(card, "status: active ", "status: paused ");
	/* their new keys at the end of their file, out of order */
	char *theirs = edit(card, "x-crm: 4711   # their id\n",
			    "x-crm: 4711   # their id\ntimezone: Asia/Almaty\n"
			    "phone: +7 727 000 00 00\nx-new: hello\n");
	char *want = edit(ours, "manager: Anna Petrova <anna@agency.example>\n"
			  "services: [seo, context, smm]\n",
			  "manager: Anna Petrova <anna@agency.example>\n"
			  "services: [seo, context, smm]\n"
			  "phone: +7 727 000 00 00\n");
	char *want2 = edit(want, "style: informal           # formal | informal\n",
			   "style: informal           # formal | informal\n"
			   "timezone: Asia/Almaty\n");
	char *want3 = edit(want2, "x-crm: 4711   # their id\n",
			   "x-crm: 4711   # their id\nx-new: hello\n");

	merged("keys added by them, in the card's order", card, ours, theirs,
	       want3);
	free(ours);
	free(theirs);
	free(want);
	free(want2);
	free(want3);

	/* a whole new mapping, and a key of a contact */
	ours = edit(card, "x-crm: 4711", "x-crm: 4712");
	theirs = edit2(card, "fee: {amount", "budget: {amount: 150000, currency: RUB}\nfee: {amount",
		       "email: ivan@acme.example,", "email: ivan@acme.example, phone: \"+7 1\",");
	want = edit2(ours, "cadence: {contact: 3wd, call: 14d}\n",
		     "cadence: {contact: 3wd, call: 14d}\nbudget: {amount: 150000, currency: RUB}\n",
		     "email: ivan@acme.example,", "email: ivan@acme.example, phone: \"+7 1\",");
	merged("a mapping and a contact's key added", card, ours, theirs, want);
	free(ours);
	free(theirs);
	free(want);
}

static void removed(void)
{
	static const char *const gone[] = {
		"hours", "\"10:00-19:00\"", ACCT_CARD_ABSENT,
	};
	static const char *const ours_gone[] = {
		"hours", ACCT_CARD_ABSENT, "\"10:00-19:00\"",
	};
	static const char *const fee[] = {
		"fee", "{amount: 95000, currency: RUB, period: month, floating: 30}",
		ACCT_CARD_ABSENT,
	};
	char *ours = edit(card, "status: active ", "status: paused ");
	char *theirs = edit2(card, "hours: \"09:00-18:00\"\n", "",
			     "{contact: 3wd, call: 14d}", "{contact: 3wd}");
	char *want = edit2(ours, "hours: \"09:00-18:00\"\n", "",
			   "{contact: 3wd, call: 14d}", "{contact: 3wd}");

	merged("keys removed by them", card, ours, theirs, want);
	free(theirs);
	free(want);
	/* removed by both: fine */
	theirs = edit(card, "hours: \"09:00-18:00\"\n", "");
	free(ours);
	ours = edit2(card, "hours: \"09:00-18:00\"\n", "", "x-crm: 4711", "x-crm: 1");
	merged("removed by both", card, ours, theirs, ours);
	free(ours);
	/* removed by them, changed by us; and the other way round */
	ours = edit(card, "hours: \"09:00-18:00\"", "hours: \"10:00-19:00\"");
	conflicted("removed by them, changed by us", card, ours, theirs, gone, 1);
	conflicted("removed by us, changed by them", card, theirs, ours,
		   ours_gone, 1);
	free(ours);
	free(theirs);
	/* a whole mapping removed by them, one of its keys changed by us */
	ours = edit(card, "amount: 90000", "amount: 95000");
	theirs = edit(card, "fee: {amount: 90000, currency: RUB, period: month, floating: 30}\n", "");
	conflicted("mapping removed, key changed", card, ours, theirs, fee, 1);
	free(ours);
	free(theirs);
}

static void tags(void)
{
	/* ours: +vip -key; theirs: +b2b -real-estate, services +ppc -seo */
	char *ours = edit(card, "  - real-estate\n  - key\n", "  - real-estate\n  - vip\n");
	char *theirs = edit2(card, "  - real-estate\n  - key\n", "  - key\n  - b2b\n",
			     "[seo, context, smm]", "[context, smm, ppc]");
	char *want = edit2(card, "  - real-estate\n  - key\n", "  - vip\n  - b2b\n",
			   "[seo, context, smm]", "[context, smm, ppc]");

	merged("tags as sets", card, ours, theirs, want);
	free(ours);
	free(theirs);
	free(want);

	/* both add to goals.kpi, the same item too, and different ones */
	ours = edit(card, "kpi: [\"CPI <= 80 RUB\"]", "kpi: [\"CPI <= 80 RUB\", leads, \"ROI >= 2\"]");
	theirs = edit(card, "kpi: [\"CPI <= 80 RUB\"]", "kpi: [\"ROI >= 2\", \"CPI <= 80 RUB\", sales]");
	want = edit(card, "kpi: [\"CPI <= 80 RUB\"]", "kpi: [\"CPI <= 80 RUB\", leads, \"ROI >= 2\", sales]");
	merged("goals.kpi", card, ours, theirs, want);
	free(ours);
	free(theirs);
	free(want);

	/* they removed every tag, we added one: ours stays */
	ours = edit(card, "  - key\n", "  - key\n  - vip\n");
	theirs = edit(card, "tags:\n  - real-estate\n  - key\n", "");
	want = edit(card, "  - real-estate\n  - key\n", "  - vip\n");
	merged("tags removed, one added", card, ours, theirs, want);
	free(ours);
	free(theirs);
	free(want);

	/* they removed the key, we changed something else: the key goes */
	ours = edit(card, "x-crm: 4711", "x-crm: 4712");
	theirs = edit(card, "tags:\n  - real-estate\n  - key\n", "");
	want = edit(ours, "tags:\n  - real-estate\n  - key\n", "");
	merged("tags removed by them", card, ours, theirs, want);
	free(ours);
	free(theirs);
	free(want);

	/* we removed the key, they added a tag: a list with theirs */
	ours = edit(card, "tags:\n  - real-estate\n  - key\n", "");
	theirs = edit(card, "  - key\n", "  - key\n  - vip\n");
	want = edit(card, "tags:\n  - real-estate\n  - key\n", "tags: [vip]\n");
	merged("tags removed by us, added by them", card, ours, theirs, want);
	free(ours);
	free(theirs);
	free(want);
}

static const char people[] =
	"name: Acme\n"
	"contacts:\n"
	"  - {name: Ivan Ivanov, role: marketing director, email: ivan@acme.example}\n"
	"  - name: Olga Petrova\n"
	"    role: accountant\n"
	"    email: olga@acme.example\n"
	"  - {name: Пётр Сидоров, role: CEO}\n"
	"tags: [a]\n";

static void contacts(void)
{
	static const char *const email[] = {
		"contacts[Ivan Ivanov].email", "ivan@new.example", "i@acme.example",
	};
	static const char *const gone[] = {
		"contacts[Olga Petrova]",
		"{name: Olga Petrova, role: chief accountant, email: olga@acme.example}",
		ACCT_CARD_ABSENT,
		"contacts[Пётр Сидоров]", ACCT_CARD_ABSENT,
		"{name: Пётр Сидоров, role: CEO, telegram: \"@petr\"}",
	};
	char *ours, *theirs, *want;

	/* each side adds one: both appended, ours first */
	ours = edit(people, "tags: [a]", "  - {name: Anna, role: PR}\ntags: [a]");
	theirs = edit(people, "tags: [a]", "  - {name: Boris, role: SEO}\ntags: [a]");
	want = edit(people, "tags: [a]", "  - {name: Anna, role: PR}\n"
		    "  - {name: Boris, role: SEO}\ntags: [a]");
	merged("contacts added on both sides", people, ours, theirs, want);
	free(ours);
	free(theirs);
	free(want);

	/* they remove Olga, we change Ivan's role; they change Пётр */
	ours = edit(people, "role: marketing director", "role: CMO");
	theirs = edit2(people, "  - name: Olga Petrova\n    role: accountant\n"
		       "    email: olga@acme.example\n", "",
		       "{name: Пётр Сидоров, role: CEO}",
		       "{name: Пётр Сидоров, role: CEO, telegram: \"@petr\"}");
	want = edit2(ours, "  - name: Olga Petrova\n    role: accountant\n"
		     "    email: olga@acme.example\n", "",
		     "{name: Пётр Сидоров, role: CEO}",
		     "{name: Пётр Сидоров, role: CEO, telegram: \"@petr\"}");
	merged("contact removed, contacts edited", people, ours, theirs, want);
	free(ours);
	free(theirs);
	free(want);

	/* fields of one contact on both sides, different keys */
	ours = edit(people, "role: marketing director", "role: CMO");
	theirs = edit2(people, "email: ivan@acme.example", "email: ivan@new.example",
		       "    email: olga@acme.example\n",
		       "    email: olga@acme.example\n    phone: \"+7 2\"\n");
	want = edit2(people, "role: marketing director, email: ivan@acme.example",
		     "role: CMO, email: ivan@new.example",
		     "    email: olga@acme.example\n",
		     "    email: olga@acme.example\n    phone: \"+7 2\"\n");
	merged("one contact, two fields", people, ours, theirs, want);
	free(theirs);
	free(want);

	/* their order differs: matched by name, our order kept */
	theirs = edit(people, "  - {name: Пётр Сидоров, role: CEO}\n", "");
	want = edit(ours, "  - {name: Пётр Сидоров, role: CEO}\n", "");
	{
		char *t2 = edit(theirs, "contacts:\n", "contacts:\n"
				"  - {name: Пётр Сидоров, role: CEO}\n");

		merged("contacts reordered by them", people, ours, t2, ours);
		free(t2);
	}
	free(theirs);
	free(want);
	free(ours);

	/* the same field to two values */
	ours = edit(people, "email: ivan@acme.example", "email: ivan@new.example");
	theirs = edit(people, "email: ivan@acme.example", "email: i@acme.example");
	conflicted("a contact's field, two values", people, ours, theirs,
		   email, 1);
	free(ours);
	free(theirs);

	/* removed on one side, changed on the other: both ways */
	ours = edit2(people, "role: accountant", "role: chief accountant",
		     "  - {name: Пётр Сидоров, role: CEO}\n", "");
	theirs = edit2(people, "  - name: Olga Petrova\n    role: accountant\n"
		       "    email: olga@acme.example\n", "",
		       "{name: Пётр Сидоров, role: CEO}",
		       "{name: Пётр Сидоров, role: CEO, telegram: \"@petr\"}");
	conflicted("contacts removed and changed", people, ours, theirs, gone, 2);
	free(ours);
	free(theirs);

	/* all contacts removed by them, the key too: it goes */
	ours = edit(people, "tags: [a]", "tags: [a, b]");
	theirs = edit(people, "contacts:\n  - {name: Ivan Ivanov, role: marketing director, email: ivan@acme.example}\n"
		      "  - name: Olga Petrova\n    role: accountant\n"
		      "    email: olga@acme.example\n"
		      "  - {name: Пётр Сидоров, role: CEO}\n", "");
	want = edit(theirs, "tags: [a]", "tags: [a, b]");
	merged("contacts removed by them", people, ours, theirs, want);
	free(ours);
	free(theirs);
	free(want);

	/* no contacts in ours, theirs adds the first: a new block list */
	merged("the first contact", "name: Acme\n", "name: Acme\ntags: [b]\n",
	       "name: Acme\ncontacts:\n  - {name: Anna, role: PR}\n",
	       "name: Acme\ncontacts:\n  - {name: Anna, role: PR}\ntags: [b]\n");
	/* a list of mappings that is not contacts: whole values */
	{
		static const char *const whole[] = {
			"x-sites", "[{url: a.example, up: false}]",
			"[{url: a.example, up: true}, {url: b.example}]",
		};
		const char *b = "name: A\nx-sites:\n  - {url: a.example}\n";
		const char *o = "name: A\nx-sites:\n  - {url: a.example, up: false}\n";
		const char *t = "name: A\nx-sites:\n  - {url: a.example, up: true}\n  - {url: b.example}\n";

		conflicted("another list of mappings", b, o, t, whole, 1);
		merged("another list of mappings, theirs only", b,
		       "name: B\nx-sites:\n  - {url: a.example}\n", t,
		       "name: B\nx-sites: [{url: a.example, up: true}, {url: b.example}]\n");
	}
	/* duplicate names: compared whole */
	{
		static const char *const dup[] = {
			"contacts", "[{name: A, role: x}, {name: A}]",
			"[{name: A}, {name: A, role: y}]",
		};
		const char *b = "name: Z\ncontacts: [{name: A}, {name: A}]\n";

		conflicted("contacts with one name twice", b,
			   "name: Z\ncontacts: [{name: A, role: x}, {name: A}]\n",
			   "name: Z\ncontacts: [{name: A}, {name: A, role: y}]\n",
			   dup, 1);
	}
}

static void comments(void)
{
	/* their comment on a line they changed does not come; ours stays */
	char *ours = edit(card, "# Acme's card\n", "# Acme's card, ours\n");
	char *theirs = edit2(card, "status: active            # lead",
			     "status: paused  # was active; lead",
			     "role: accountant   # pays the invoices",
			     "role: bookkeeper   # theirs");
	char *want = edit2(ours, "status: active            # lead",
			   "status: paused            # lead",
			   "role: accountant   # pays the invoices",
			   "role: bookkeeper   # pays the invoices");

	merged("comments kept from ours", card, ours, theirs, want);
	free(theirs);
	/* a change of comments and layout only, on their side: no change */
	theirs = edit2(card, "x-crm: 4711   # their id", "x-crm: 4711\n# an id",
		       "services: [seo, context, smm]",
		       "services:\n  - seo\n  - context\n  - smm");
	merged("comments and layout are no change", card, ours, theirs, ours);
	free(ours);
	free(theirs);
	free(want);
}

static void crlf(void)
{
	const char *base = "name: Acme\r\nstatus: active # note\r\nsince: 2026-03-01\r\n"
		"tags: [a]\r\n";
	const char *ours = "name: Acme\r\nstatus: paused # note\r\nsince: 2026-03-01\r\n"
		"tags: [a]\r\n";
	const char *theirs = "name: Acme\r\nstatus: active # note\r\nsince: 2026-04-01\r\n"
		"tags: [a, b]\r\ntimezone: Asia/Almaty\r\n";

	merged("CRLF", base, ours, theirs,
	       "name: Acme\r\nstatus: paused # note\r\nsince: 2026-04-01\r\n"
	       "timezone: Asia/Almaty\r\ntags: [a, b]\r\n");
	/* their side LF: our line ends stay */
	merged("CRLF ours, LF theirs", base, ours,
	       "name: Acme\nstatus: active\nsince: 2026-04-01\ntags: [a]\n"
	       "hours: \"10:00-19:00\"\n",
	       "name: Acme\r\nstatus: paused # note\r\nsince: 2026-04-01\r\n"
	       "hours: \"10:00-19:00\"\r\ntags: [a]\r\n");
	/* a BOM on ours stays */
	merged("BOM", "name: A\nstatus: lead\n", "\xef\xbb\xbfname: A\nstatus: lead\n",
	       "name: A\nstatus: active\n", "\xef\xbb\xbfname: A\nstatus: active\n");
}

static void does_not_parse(void)
{
	struct acct_card_merge m;
	struct acct_error err = ACCT_ERROR_INIT;
	static const struct {
		const char *base, *ours, *theirs, *side;
		size_t line;
	} bad[] = {
		{ "name: A\n", "name: B\n", "name: C\ntags: [a\n", "theirs: ", 3 },
		{ "name: A\n", "name: B\nname: C\n", "name: D\n", "ours: ", 2 },
		{ "name: A\n\"\n", "name: B\n", "name: C\n", "base: ", 0 },
		{ "name: A\n", "- a\n- b\n", "name: C\n", "ours: ", 1 },
		{ "name: A\n", "name: B\n", "just text\n", "theirs: ", 1 },
		{ "name: A\n", "name: B\n", "# nothing\n", "theirs: ", 1 },
		{ "name: A\n", "name: B\n", "\xff\xfen\0", "theirs: ", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		int rc = merge(&m, bad[i].base, bad[i].ours, bad[i].theirs, &err);

		CHECK_MSG(rc == ACCT_EDATA && err.code == ACCT_EDATA,
			  "bad %zu: %d (%s)", i, rc, err.msg);
		CHECK_MSG(!strncmp(err.msg, bad[i].side, strlen(bad[i].side)),
			  "bad %zu: '%s' does not name the side", i, err.msg);
		CHECK_MSG(!strcmp(err.file, CARD), "bad %zu: file '%s'", i,
			  err.file);
		CHECK_MSG(bad[i].line ? err.line == bad[i].line : err.line > 0,
			  "bad %zu: line %zu", i, err.line);
		CHECK(m.text.len == 0 && !m.nconflicts);
		acct_card_merge_release(&m);
	}
	/* Both added the card: an empty base. */
	merged("empty base", "", "name: A\nstatus: lead\n",
	       "name: A\nsince: 2026-01-01\n",
	       "name: A\nstatus: lead\nsince: 2026-01-01\n");
	{
		static const char *const add_add[] = {
			"status", "lead", "active",
		};

		conflicted("both added, two values", "# nothing yet\n",
			   "name: A\nstatus: lead\n", "name: A\nstatus: active\n",
			   add_add, 1);
	}
}

static void fast_paths(void)
{
	/* Decided from the bytes, even when a side does not parse. */
	merged("ours == theirs", "name: A\n", "name: [B\n", "name: [B\n",
	       "name: [B\n");
	merged("base == ours", "name: A\n", "name: A\n", "name: [C\n",
	       "name: [C\n");
	merged("base == theirs", "name: A\n", "name:  B # x\n", "name: A\n",
	       "name:  B # x\n");
}

static void unicode(void)
{
	static const char *const two[] = {
		"name", "ООО «Ромашка-2»", "\"ООО «Ромашка», филиал\"",
	};
	const char *base = "name: ООО «Ромашка»\nstatus: active\n"
		"manager: Анна Петрова   # менеджер\ntags: [недвижимость]\n";
	const char *ours = "name: ООО «Ромашка»\nstatus: paused\n"
		"manager: Анна Петрова   # менеджер\ntags: [недвижимость, ключевой]\n";
	const char *theirs = "name: ООО «Ромашка-2»\nstatus: active\n"
		"manager: Борис Ёлкин 🎄\ntags: [недвижимость, 日本語]\n";

	merged("unicode", base, ours, theirs,
	       "name: ООО «Ромашка-2»\nstatus: paused\n"
	       "manager: Борис Ёлкин 🎄   # менеджер\n"
	       "tags: [недвижимость, ключевой, 日本語]\n");
	conflicted("unicode conflict", base,
		   "name: ООО «Ромашка-2»\nstatus: active\n"
		   "manager: Анна Петрова   # менеджер\ntags: [недвижимость]\n",
		   "name: \"ООО «Ромашка», филиал\"\nstatus: active\n"
		   "manager: Анна Петрова   # менеджер\ntags: [недвижимость]\n",
		   two, 1);
}

/* Values of other kinds taken from their side whole. */
static void whole_values(void)
{
	/* a scalar becomes a mapping; a block list becomes a scalar */
	merged("scalar to mapping", "name: A\nfee: 100\nx: [a]\n",
	       "name: B\nfee: 100\nx: [a]\n",
	       "name: A\nfee: {amount: 100, currency: RUB}\nx: [a]\n",
	       "name: B\nfee: {amount: 100, currency: RUB}\nx: [a]\n");
	merged("block mapping to scalar", "name: A\nfee:  # the fee\n  amount: 1\n  currency: RUB\nx: 1\n",
	       "name: B\nfee:  # the fee\n  amount: 1\n  currency: RUB\nx: 1\n",
	       "name: A\nfee: none\nx: 1\n",
	       "name: B\nfee: none  # the fee\nx: 1\n");
	merged("null taken", "name: A\nphone: \"+7 1\"\n", "name: B\nphone: \"+7 1\"\n",
	       "name: A\nphone:\n", "name: B\nphone: ~\n");
	merged("null replaced", "name: A\nphone:\nx: 1\n", "name: B\nphone:\nx: 1\n",
	       "name: A\nphone: \"+7 1\"\nx: 1\n", "name: B\nphone: \"+7 1\"\nx: 1\n");
	merged("typed values stay typed", "name: A\nprimary: true\nn: 1\n",
	       "name: B\nprimary: true\nn: 1\n",
	       "name: A\nprimary: false\nn: 2\nyes-key: yes\n",
	       "name: B\nprimary: false\nn: 2\nyes-key: yes\n");
	merged("text that looks typed stays text", "name: A\nzip: \"01234\"\n",
	       "name: B\nzip: \"01234\"\n", "name: A\nzip: \"01235\"\n",
	       "name: B\nzip: \"01235\"\n");
	merged("block scalar", "name: A\nnote: |\n  one\n  two\nx: 1\n",
	       "name: B\nnote: |\n  one\n  two\nx: 1\n",
	       "name: A\nnote: |\n  one\n  three\nx: 1\n",
	       "name: B\nnote: \"one\\nthree\\n\"\nx: 1\n");
	merged("a key that needs quotes", "name: A\n", "name: B\n",
	       "name: A\n\"a: b\": 1\n", "name: B\n\"a: b\": 1\n");
}

/* Anchors, aliases and hostile input. */
static void anchors_and_bounds(void)
{
	struct acct_card_merge m;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf bomb = ACCT_BUF_INIT, bomb2 = ACCT_BUF_INIT,
			big = ACCT_BUF_INIT, big2 = ACCT_BUF_INIT;
	int rc, i, j;

	/* an alias replaced by them: fine; an anchored value: by hand */
	merged("alias replaced", "name: A\nx: &d {a: 1}\ny: *d\n",
	       "name: B\nx: &d {a: 1}\ny: *d\n",
	       "name: A\nx: &d {a: 1}\ny: {a: 2}\n",
	       "name: B\nx: &d {a: 1}\ny: {a: 2}\n");
	rc = merge(&m, "name: A\nx: &d {a: 1}\ny: *d\n",
		   "name: B\nx: &d {a: 1}\ny: *d\n",
		   "name: A\nx: &d {a: 2}\ny: *d\n", &err);
	CHECK_MSG(rc == ACCT_ERROR && strstr(err.msg, "'x'") && *err.hint,
		  "anchored value: %d %s", rc, err.msg);
	acct_card_merge_release(&m);
	/* alias lists: compared whole */
	{
		static const char *const whole[] = {
			"tags", "[a, x]", "[a, b]",
		};

		conflicted("aliased list", "name: A\nd: &d a\ntags: [*d]\n",
			   "name: A\nd: &d a\ntags: [*d, x]\n",
			   "name: A\nd: &d a\ntags: [*d, b]\n", whole, 1);
	}
	/* a key with a dot in its name: no path reaches it */
	rc = merge(&m, "name: A\nx.y: 1\n", "name: B\nx.y: 1\n",
		   "name: A\nx.y: 2\n", &err);
	CHECK_MSG(rc == ACCT_ERROR && strstr(err.msg, "'x.y'"), "dotted key: %d %s",
		  rc, err.msg);
	acct_card_merge_release(&m);
	merged("dotted key untouched", "name: A\nx.y: 1\n", "name: B\nx.y: 1\n",
	       "name: A\nx.y: 1\nz: 1\n", "name: B\nx.y: 1\nz: 1\n");

	/* An alias that holds itself: the side does not load. */
	rc = merge(&m, "name: A\n", "name: B\n", "name: A\nx: &a [*a]\n", &err);
	CHECK_MSG(rc == ACCT_EDATA && strstr(err.msg, "theirs") &&
		  strstr(err.msg, "contains itself") && err.line == 2,
		  "alias loop: %d %s", rc, err.msg);
	acct_card_merge_release(&m);

	/* A billion laughs, written out and compared. */
	acct_buf_addstr(&bomb, "name: A\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (i = 1; i < 9; i++) {
		acct_buf_addf(&bomb, "a%d: &a%d [", i, i);
		for (j = 0; j < 10; j++)
			acct_buf_addf(&bomb, "%s*a%d", j ? ", " : "", i - 1);
		acct_buf_addstr(&bomb, "]\n");
	}
	/*
	 * Refused before any walk, naming the side and the alias that
	 * weighs most (a8's first item: line 10, column 10).
	 */
	rc = merge(&m, "name: A\n", "name: B\n", bomb.buf, &err);
	CHECK_MSG(rc == ACCT_EDATA && strstr(err.msg, "theirs") &&
		  strstr(err.msg, "too large") && err.line == 10 &&
		  err.col == 10 && strstr(err.hint, "*a7"),
		  "bomb taken: %d %zu:%zu %s (%s)", rc, err.line, err.col,
		  err.msg, err.hint);
	acct_card_merge_release(&m);
	acct_buf_add(&bomb2, bomb.buf, bomb.len);
	acct_buf_addstr(&bomb2, "z: 1\n");
	acct_buf_addstr(&bomb, "z: 2\n");
	rc = merge(&m, "name: A\n", bomb.buf, bomb2.buf, &err);
	CHECK_MSG(rc == ACCT_EDATA && strstr(err.msg, "ours") &&
		  strstr(err.msg, "too large") && err.line == 10,
		  "bombs compared: %d %s", rc, err.msg);
	acct_card_merge_release(&m);

	/* Many keys: refused in bounded time, or merged. */
	acct_buf_addstr(&big, "name: A\n");
	for (i = 0; i < 3000; i++)
		acct_buf_addf(&big, "k%d: %d\n", i, i);
	acct_buf_add(&big2, big.buf, big.len);
	acct_buf_addstr(&big2, "z: 1\n");
	rc = merge(&m, "name: A\n", big.buf, big2.buf, &err);
	CHECK_MSG(rc == 0 || rc == ACCT_ERROR, "many keys: %d %s", rc, err.msg);
	acct_card_merge_release(&m);

	acct_buf_release(&bomb);
	acct_buf_release(&bomb2);
	acct_buf_release(&big);
	acct_buf_release(&big2);
}

/* --- many pairs of edits ------------------------------------------------ */

static const char sample[] =
	"# Acme's card\n"
	"name: ООО «Ромашка»\n"
	"status: active            # lead | active | paused | churned\n"
	"since: 2026-03-01\n"
	"manager: Anna Petrova <anna@agency.example>\n"
	"services: [seo, context, smm]\n"
	"contacts:\n"
	"  - {name: Иван Иванов, role: marketing director, email: ivan@romashka.example, telegram: \"@ivanov\", primary: true}\n"
	"  - name: Olga Petrova\n"
	"    role: accountant   # pays the invoices\n"
	"    email: olga@romashka.example\n"
	"channels: {fast: telegram, official: email}\n"
	"style: informal           # formal | informal\n"
	"hours: \"09:00-18:00\"\n"
	"cadence: {contact: 3wd, call: 14d, report: weekly, nps: 90d, review: 90d}\n"
	"budget: {amount: 150000, currency: RUB, period: month}   # the client's ad budget\n"
	"fee:\n"
	"  amount: 90000\n"
	"  currency: RUB\n"
	"  floating: 30   # % tied to NPS\n"
	"goals: {business: \"Grow app sales by 25% this year\", kpi: [\"CPI <= 80 RUB\"]}\n"
	"source: referral\n"
	"tags:\n"
	"  - real-estate\n"
	"  - key\n"
	"x-crm: {id: 4711}\n";

/* One edit of one field, as `acct client set` and friends make it. */
struct fedit {
	char field[96];		/* what it changes, for conflicts */
	int set;		/* an item of a list merged as a set */
	enum acct_yedit_kind kind;
	char key[96];		/* yedit's path; "@" stands for a contact */
	char contact[64];	/* the contact "@" is, by name */
	char value[128];
	int raw;
	unsigned quote;
};

static unsigned long rnd_state = 20261122;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rnd_state >> 33) % n);
}

static const char *const words[] = {
	"paused", "Борис Ёлкин", "a: b", "#x", "yes", "123", "", "日本語 🎄",
	"say \"hi\"", "a, b", "two\nlines", "-x", "[a]", "{b}", "~", "null",
	"x #y", " lead", "2026-11-22", "90d", "o'clock",
};

static void pick_value(struct fedit *e)
{
	snprintf(e->value, sizeof(e->value), "%s", words[rnd(sizeof(words) /
							 sizeof(*words))]);
}

static void make_edit(struct fedit *e, unsigned n)
{
	static const char *const scalar_keys[] = {
		"status", "since", "manager", "style", "hours", "source",
		"cadence.contact", "cadence.call", "cadence.review",
		"budget.amount", "budget.period", "fee.amount", "fee.floating",
		"goals.business", "goals.marketing", "channels.fast",
		"x-crm.id", "timezone", "phone", "x-note", "name",
		"cadence.report", "x-new.deep",
	};
	static const char *const unset_keys[] = {
		"hours", "style", "source", "fee.floating", "fee", "cadence.nps",
		"cadence", "goals.kpi", "x-crm", "manager", "services",
	};
	static const char *const contact_keys[] = {
		"role", "email", "phone", "telegram", "primary",
	};
	static const char *const people_names[] = {
		"Иван Иванов", "Olga Petrova",
	};
	static const char *const lists[] = { "tags", "services", "goals.kpi" };

	memset(e, 0, sizeof(*e));
	switch (rnd(7)) {
	case 0:
	case 1: {
		const char *k = scalar_keys[rnd(sizeof(scalar_keys) /
						sizeof(*scalar_keys))];

		e->kind = ACCT_YEDIT_SET;
		snprintf(e->key, sizeof(e->key), "%s", k);
		snprintf(e->field, sizeof(e->field), "%s", k);
		pick_value(e);
		if (!strcmp(k, "name") && !*e->value)
			snprintf(e->value, sizeof(e->value), "N");
		e->quote = rnd(2) ? ACCT_YQ_TYPED : 0;
		break;
	}
	case 2: {
		const char *k = unset_keys[rnd(sizeof(unset_keys) /
					       sizeof(*unset_keys))];

		e->kind = ACCT_YEDIT_UNSET;
		snprintf(e->key, sizeof(e->key), "%s", k);
		snprintf(e->field, sizeof(e->field), "%s", k);
		break;
	}
	case 3: {
		const char *k = lists[rnd(3)];

		e->set = 1;
		e->kind = ACCT_YEDIT_APPEND;
		snprintf(e->key, sizeof(e->key), "%s", k);
		snprintf(e->field, sizeof(e->field), "%s", k);
		snprintf(e->value, sizeof(e->value), "item %u", n);
		break;
	}
	case 4: {
		/* Remove an item the sample has, by value. */
		static const char *const items[][2] = {
			{ "tags", "real-estate" }, { "tags", "key" },
			{ "services", "seo" }, { "services", "context" },
			{ "services", "smm" }, { "goals.kpi", "CPI <= 80 RUB" },
		};
		unsigned i = rnd(6);

		e->set = 1;
		e->kind = ACCT_YEDIT_DELETE;
		snprintf(e->key, sizeof(e->key), "%s", items[i][0]);
		snprintf(e->field, sizeof(e->field), "%s", items[i][0]);
		snprintf(e->value, sizeof(e->value), "%s", items[i][1]);
		break;
	}
	case 5: {
		const char *who = people_names[rnd(2)];
		const char *k = contact_keys[rnd(5)];

		snprintf(e->contact, sizeof(e->contact), "%s", who);
		snprintf(e->key, sizeof(e->key), "contacts.@.%s", k);
		snprintf(e->field, sizeof(e->field), "contacts[%s].%s", who, k);
		if (rnd(4) == 0) {
			e->kind = ACCT_YEDIT_UNSET;
		} else {
			e->kind = ACCT_YEDIT_SET;
			pick_value(e);
			e->quote = rnd(2) ? ACCT_YQ_TYPED : 0;
		}
		break;
	}
	default:
		if (rnd(2)) {
			const char *who = people_names[rnd(2)];

			e->kind = ACCT_YEDIT_DELETE;
			snprintf(e->contact, sizeof(e->contact), "%s", who);
			snprintf(e->key, sizeof(e->key), "contacts");
			snprintf(e->field, sizeof(e->field), "contacts[%s]", who);
		} else {
			e->set = 1;
			e->kind = ACCT_YEDIT_APPEND;
			e->raw = 1;
			snprintf(e->key, sizeof(e->key), "contacts");
			snprintf(e->field, sizeof(e->field), "contacts");
			snprintf(e->value, sizeof(e->value),
				 "{name: New %u, role: \"r, %u\"}", n, n);
		}
		break;
	}
}

/* The index of the contact or list item `e` is about, or -1. */
static long find_index(const char *text, const struct fedit *e)
{
	struct acct_ydoc doc;
	const struct acct_ynode *list;
	char path[96], *dot;
	long at = -1;
	size_t i;

	if (acct_ydoc_parse(&doc, "x", text, strlen(text), NULL) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s", *e->contact ? "contacts" : e->key);
	list = doc.root;
	for (dot = path; list && dot;) {
		char *next = strchr(dot, '.');

		if (next)
			*next++ = '\0';
		list = acct_ynode_get(list, dot, NULL);
		dot = next;
	}
	for (i = 0; list && list->type == ACCT_YSEQ && i < list->n; i++) {
		const struct acct_ynode *it = acct_ynode_deref(list->items[i]);

		if (*e->contact)
			it = acct_ynode_get(it, "name", NULL);
		if (it && it->type == ACCT_YSCALAR &&
		    !strcmp(it->value, *e->contact ? e->contact : e->value))
			at = (long)i;
	}
	acct_ydoc_release(&doc);
	return at;
}

/* Make edit `e` on `text`; NULL when it cannot be made there. */
static char *apply_edit(const char *text, const struct fedit *e)
{
	struct acct_buf out = ACCT_BUF_INIT, key = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_yedit_op op;
	const char *at = strchr(e->key, '@');
	long idx = -1;

	memset(&op, 0, sizeof(op));
	if (*e->contact || e->kind == ACCT_YEDIT_DELETE) {
		if ((idx = find_index(text, e)) < 0)
			return NULL;
	}
	if (at) {
		acct_buf_add(&key, e->key, (size_t)(at - e->key));
		acct_buf_addf(&key, "%ld", idx);
		acct_buf_addstr(&key, at + 1);
	} else {
		acct_buf_addstr(&key, e->key);
	}
	op.kind = e->kind;
	op.key = key.buf;
	op.value = e->value;
	op.raw = e->raw;
	op.quote = e->quote;
	op.index = idx < 0 ? 0 : (size_t)idx;
	op.order = acct_client_key_order;
	if (acct_yedit(&out, text, strlen(text), "x", &op, &err) < 0) {
		acct_buf_release(&out);
		acct_buf_release(&key);
		return NULL;
	}
	acct_buf_release(&key);
	return acct_buf_detach(&out, NULL);
}

static int scalar_same(const struct acct_ynode *a, const struct acct_ynode *b)
{
	if (acct_ynode_is_null(a) || acct_ynode_is_null(b))
		return acct_ynode_is_null(a) && acct_ynode_is_null(b);
	return a->len == b->len && !memcmp(a->value, b->value, a->len);
}

/* The same YAML value (no aliases in these cards). */
static int same_value(const struct acct_ynode *a, const struct acct_ynode *b)
{
	size_t i;

	if (!a || !b)
		return !a && !b;
	if (a->type != b->type || a->n != b->n)
		return 0;
	if (a->type == ACCT_YSCALAR)
		return scalar_same(a, b);
	if (a->type == ACCT_YSEQ) {
		for (i = 0; i < a->n; i++)
			if (!same_value(a->items[i], b->items[i]))
				return 0;
		return 1;
	}
	for (i = 0; i + 1 < a->n; i += 2)
		if (!same_value(a->items[i + 1],
				acct_ynode_get(b, a->items[i]->value, NULL)))
			return 0;
	return 1;
}

static int same_text_value(const char *x, const char *y)
{
	struct acct_ydoc a, b;
	int ok = 0;

	if (acct_ydoc_parse(&a, "a", x, strlen(x), NULL) < 0)
		return 0;
	if (acct_ydoc_parse(&b, "b", y, strlen(y), NULL) == 0) {
		ok = same_value(a.root, b.root);
		acct_ydoc_release(&b);
	}
	acct_ydoc_release(&a);
	return ok;
}

/* `a` and `b` change the same thing, or one holds the other. */
static int touch(const struct fedit *a, const struct fedit *b)
{
	size_t la = strlen(a->field), lb = strlen(b->field);
	const struct fedit *s = la <= lb ? a : b, *l = la <= lb ? b : a;
	size_t ls = la <= lb ? la : lb;

	if (strncmp(s->field, l->field, ls) ||
	    (l->field[ls] != '\0' && l->field[ls] != '.' && l->field[ls] != '['))
		return 0;
	/*
	 * An item of a list merged as a set touches only the removal of a
	 * mapping above the list ("goals" and "goals.kpi").
	 */
	if (a->set || b->set)
		return !s->set && l->set && l->field[ls] != '\0' &&
		       l->field[ls] != '[';
	return 1;
}

/* Merge `ours` (the sample after `e1`) and `theirs` (after `e2`). */
static int fuzz_pair(const struct fedit *e1, const struct fedit *e2,
		     const char *ours, const char *theirs)
{
	struct acct_card_merge m;
	struct acct_error err = ACCT_ERROR_INIT;
	char *both = NULL;
	int rc, ok = 1;

	rc = merge(&m, sample, ours, theirs, &err);
	if (!strcmp(ours, theirs)) {
		ok = CHECK_MSG(rc == 0 && !strcmp(m.text.buf, ours),
			       "%s / %s: the same edit, %d %s", e1->field,
			       e2->field, rc, err.msg);
	} else if (!touch(e1, e2)) {
		/*
		 * Ours first, then theirs; but their removal of a list comes
		 * before our items, which a set merge keeps.
		 */
		if (e1->kind == ACCT_YEDIT_APPEND && e1->set &&
		    e2->kind == ACCT_YEDIT_UNSET && !strcmp(e1->field, e2->field))
			both = apply_edit(theirs, e1);
		else
			both = apply_edit(ours, e2);
		if (!both) {
			/* Theirs removed a list, ours an item of it. */
			ok = CHECK_MSG(e1->kind == ACCT_YEDIT_UNSET && rc == 0 &&
				       same_text_value(m.text.buf, ours),
				       "%s / %s: %d %s", e1->field, e2->field,
				       rc, err.msg);
		} else {
			ok = CHECK_MSG(rc == 0 && same_text_value(m.text.buf, both),
				       "%s = '%s' / %s = '%s': %d (%s, %zu "
				       "conflicts %s)\n--- got\n%s--- want\n%s",
				       e1->field, e1->value, e2->field, e2->value,
				       rc, err.msg, m.nconflicts,
				       m.nconflicts ? m.conflicts[0].field : "",
				       m.text.buf, both);
		}
	} else if (!strcmp(ours, theirs) || same_text_value(ours, theirs)) {
		ok = CHECK_MSG(rc == 0 && same_text_value(m.text.buf, ours),
			       "%s / %s: the same change, %d %s", e1->field,
			       e2->field, rc, err.msg);
	} else if (same_text_value(ours, sample) || same_text_value(theirs, sample)) {
		/* one side's edit changed no value */
		const char *want = same_text_value(ours, sample) ? theirs : ours;

		ok = CHECK_MSG(rc == 0 && same_text_value(m.text.buf, want),
			       "%s / %s: one a no-op, %d %s", e1->field,
			       e2->field, rc, err.msg);
	} else {
		const char *f1 = e1->field, *f2 = e2->field;
		const char *want = strlen(f1) <= strlen(f2) ? f1 : f2;

		ok = CHECK_MSG(rc == 1 && m.nconflicts >= 1 &&
			       !strcmp(m.conflicts[0].field, want),
			       "%s = '%s' / %s = '%s': %d (%s) %zu conflicts, "
			       "first %s, want %s", f1, e1->value, f2, e2->value,
			       rc, err.msg, m.nconflicts,
			       m.nconflicts ? m.conflicts[0].field : "-", want);
	}
	acct_card_merge_release(&m);
	free(both);
	return ok;
}

static void fuzz(void)
{
	enum { NEDITS = 60 };
	struct fedit *e = calloc(NEDITS, sizeof(*e));
	char **text = calloc(NEDITS, sizeof(*text));
	int failed = 0, pairs = 0;
	unsigned i, j;

	for (i = 0; i < NEDITS; i++) {
		make_edit(&e[i], i);
		text[i] = apply_edit(sample, &e[i]);	/* NULL: refused */
	}
	for (i = 0; i < NEDITS && failed < 10; i++)
		for (j = 0; j < NEDITS && failed < 10; j++) {
			if (i == j || !text[i] || !text[j])
				continue;
			pairs++;
			failed += !fuzz_pair(&e[i], &e[j], text[i], text[j]);
		}
	CHECK_MSG(pairs > 1000, "only %d pairs", pairs);
	for (i = 0; i < NEDITS; i++)
		free(text[i]);
	free(text);
	free(e);
}

int main(void)
{
	adjacent_lines();
	same_field();
	nested_flow();
	added_in_order();
	removed();
	tags();
	contacts();
	comments();
	crlf();
	does_not_parse();
	fast_paths();
	unicode();
	whole_values();
	anchors_and_bounds();
	fuzz();
	return test_report("cardmerge");
}
