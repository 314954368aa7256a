#include "acct/history.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

static struct acct_client *card(const char *text)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *c = NULL;

	if (acct_client_parse(&c, "acme", "clients/acme/client.yaml", text,
			      strlen(text), &err) < 0)
		CHECK_MSG(0, "card does not parse: %s", err.msg);
	return c;
}

/* The changes between two cards as lines: "field: from -> to", "+a -b". */
static void diff_lines(struct acct_buf *out, const char *a, const char *b)
{
	struct acct_client *ca = a ? card(a) : NULL, *cb = b ? card(b) : NULL;
	struct acct_card_change *v = NULL;
	size_t n = 0, i, j;

	acct_card_diff(&v, &n, ca, cb);
	for (i = 0; i < n; i++) {
		acct_buf_addf(out, "%s:", v[i].field ? v[i].field : "(card)");
		if (v[i].list) {
			for (j = 0; j < v[i].nadded; j++)
				acct_buf_addf(out, " +%s", v[i].added[j]);
			for (j = 0; j < v[i].nremoved; j++)
				acct_buf_addf(out, " -%s", v[i].removed[j]);
			acct_buf_addf(out, " (%zu -> %zu)", v[i].nfrom, v[i].nto);
		} else {
			acct_buf_addf(out, " %s -> %s",
				      v[i].from ? v[i].from : "(none)",
				      v[i].to ? v[i].to : "(none)");
		}
		acct_buf_addch(out, '\n');
	}
	acct_card_changes_free(v, n);
	acct_client_free(ca);
	acct_client_free(cb);
}

#define DIFF(a, b, want) do { \
	struct acct_buf got_ = ACCT_BUF_INIT; \
	diff_lines(&got_, (a), (b)); \
	CHECK_STR(got_.buf, (want)); \
	acct_buf_release(&got_); \
} while (0)

static void test_history__scalar(void)
{
	DIFF("name: Acme\nstatus: active\n", "name: Acme\nstatus: paused\n",
	     "status: active -> paused\n");
	/* A key that appears; one that goes. */
	DIFF("name: Acme\n", "name: Acme\nsource: referral\n",
	     "source: (none) -> referral\n");
	DIFF("name: Acme\nsource: referral\n", "name: Acme\n",
	     "source: referral -> (none)\n");
	/* null is no value. */
	DIFF("name: Acme\nsource: ~\n", "name: Acme\n", "");
}

static void test_history__layout_is_no_change(void)
{
	DIFF("name: Acme   # a comment\nstatus: active\ntags: [a, b]\n",
	     "# top\nstatus: \"active\"\nname: 'Acme'\ntags:\n  - a\n  - b\n", "");
}

static void test_history__nested(void)
{
	DIFF("name: Acme\n", "name: Acme\ncadence: {contact: 7d}\n",
	     "cadence.contact: (none) -> 7d\n");
	DIFF("name: Acme\nbudget: {amount: 100, currency: RUB}\n",
	     "name: Acme\nbudget: {amount: 200, currency: RUB}\n",
	     "budget.amount: 100 -> 200\n");
	DIFF("name: Acme\ngoals: {kpi: [a]}\n", "name: Acme\ngoals: {kpi: [a, b]}\n",
	     "goals.kpi: +b (1 -> 2)\n");
}

static void test_history__lists(void)
{
	DIFF("name: Acme\ntags: [old, re]\n", "name: Acme\ntags: [re, key]\n",
	     "tags: +key -old (2 -> 2)\n");
	DIFF("name: Acme\n", "name: Acme\ntags: [a]\n", "tags: +a (0 -> 1)\n");
	/* Absent and empty are the same; a new order is a change. */
	DIFF("name: Acme\n", "name: Acme\ntags: []\n", "");
	DIFF("name: Acme\ntags: [a, b]\n", "name: Acme\ntags: [b, a]\n",
	     "tags: (2 -> 2)\n");
}

static void test_history__contacts(void)
{
	DIFF("name: Acme\n",
	     "name: Acme\ncontacts:\n  - {name: Ivan Ivanov, email: i@x}\n",
	     "contacts: +Ivan Ivanov (0 -> 1)\n");
	DIFF("name: Acme\ncontacts:\n  - {name: Ivan, email: i@x}\n  - {name: Petr}\n",
	     "name: Acme\ncontacts:\n  - {name: Ivan, email: i@y, role: boss}\n",
	     "contacts: -Petr (2 -> 1)\n"
	     "contacts[Ivan].email: i@x -> i@y\n"
	     "contacts[Ivan].role: (none) -> boss\n");
}

static void test_history__unknown_keys(void)
{
	DIFF("name: Acme\nx-crm: A-1\n", "name: Acme\nx-crm: A-2\n",
	     "x-crm: A-1 -> A-2\n");
	DIFF("name: Acme\nx: [{a: 1}]\n", "name: Acme\nx: [{a: 2}]\n",
	     "x: [{a: 1}] -> [{a: 2}]\n");
	DIFF("name: Acme\nx: [{a: 1, b: 2}]\n", "name: Acme\nx: [{b: 2, a: 1}]\n",
	     "");
}

static void test_history__created(void)
{
	DIFF(NULL, "name: Acme\nstatus: lead\ntags: [a]\n",
	     "name: (none) -> Acme\nstatus: (none) -> lead\ntags: +a (0 -> 1)\n");
	DIFF("name: Acme\n", NULL, "name: Acme -> (none)\n");
	DIFF(NULL, NULL, "");
}

/* Eight levels of nine aliases, in lists or in mappings: under 1 KB. */
static void bomb(struct acct_buf *b, const char *extra, int maps)
{
	static const char names[] = "abcdefgh";
	size_t i, j;

	acct_buf_addstr(b, "name: Acme\n");
	acct_buf_addstr(b, maps ? "a: &a {k1: lol, k2: lol, k3: lol, k4: lol, "
			"k5: lol, k6: lol, k7: lol, k8: lol, k9: lol}\n"
			: "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (i = 1; i < 8; i++) {
		acct_buf_addf(b, "%c: &%c %c", names[i], names[i], maps ? '{' : '[');
		for (j = 0; j < 9; j++)
			acct_buf_addf(b, "%s%s*%c", j ? ", " : "",
				      maps ? (const char *[]){ "k1: ", "k2: ",
				      "k3: ", "k4: ", "k5: ", "k6: ", "k7: ",
				      "k8: ", "k9: " }[j] : "", names[i - 1]);
		acct_buf_addstr(b, maps ? "}\n" : "]\n");
	}
	acct_buf_addstr(b, extra);
}

/*
 * A card whose aliases multiply (issue 14, point 6): compared at a cost
 * bounded by the budget, its output a line, never 58 MB.
 */
static void test_history__alias_bomb(void)
{
	struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT,
			got = ACCT_BUF_INIT;
	int maps;

	for (maps = 0; maps < 2; maps++) {
		acct_buf_reset(&a);
		acct_buf_reset(&b);
		bomb(&a, "status: active\n", maps);
		bomb(&b, "status: paused\n", maps);
		CHECK(a.len < 1024);
		/* The same aliases in both: only the field that changed. */
		acct_buf_reset(&got);
		diff_lines(&got, a.buf, b.buf);
		CHECK_STR(got.buf, "status: active -> paused\n");
		/* The card that brings the bomb: too large, as a whole. */
		acct_buf_reset(&got);
		diff_lines(&got, "name: Acme\nstatus: active\n", b.buf);
		CHECK_STR(got.buf, "(card): " ACCT_TOO_LARGE " -> "
			  ACCT_TOO_LARGE "\n");
		acct_buf_reset(&got);
		diff_lines(&got, NULL, a.buf);
		CHECK_STR(got.buf, "(card): " ACCT_TOO_LARGE " -> "
			  ACCT_TOO_LARGE "\n");
		acct_buf_reset(&got);
		diff_lines(&got, b.buf, "name: Acme\n");
		CHECK_STR(got.buf, "(card): " ACCT_TOO_LARGE " -> "
			  ACCT_TOO_LARGE "\n");
	}
	/* A small alias is still written out. */
	acct_buf_reset(&got);
	diff_lines(&got, "name: Acme\nx: &x [1, 2]\n",
		   "name: Acme\nx: &x [1, 2]\ny: {p: *x}\n");
	CHECK_STR(got.buf, "y.p: +1 +2 (0 -> 2)\n");
	acct_buf_release(&a);
	acct_buf_release(&b);
	acct_buf_release(&got);
}

/*
 * Long lists are compared sorted: 20,000 tags are listed; a list that
 * repeats an aliased one a thousand times is too large.
 */
static void test_history__long_lists(void)
{
	struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT,
			got = ACCT_BUF_INIT;
	size_t i;

	acct_buf_addstr(&a, "name: Acme\ntags:\n");
	acct_buf_addstr(&b, "name: Acme\ntags:\n");
	for (i = 0; i < 20000; i++) {
		acct_buf_addf(&a, "- t%zu\n", i);
		acct_buf_addf(&b, "- t%zu\n", i + 1);
	}
	diff_lines(&got, a.buf, b.buf);
	CHECK_STR(got.buf, "tags: +t20000 -t0 (20000 -> 20000)\n");
	acct_buf_reset(&got);
	acct_buf_reset(&b);
	acct_buf_addstr(&b, "name: Acme\nx: &x [");
	for (i = 0; i < 500; i++)
		acct_buf_addf(&b, "%sa-long-tag-%zu", i ? ", " : "", i);
	acct_buf_addstr(&b, "]\ny: [");
	for (i = 0; i < 600; i++)
		acct_buf_addf(&b, "%s*x", i ? ", " : "");
	acct_buf_addstr(&b, "]\n");
	diff_lines(&got, "name: Acme\n", b.buf);
	CHECK_STR(got.buf, "(card): " ACCT_TOO_LARGE " -> " ACCT_TOO_LARGE "\n");
	acct_buf_release(&a);
	acct_buf_release(&b);
	acct_buf_release(&got);
}

int main(void)
{
	test_history__scalar();
	test_history__layout_is_no_change();
	test_history__nested();
	test_history__lists();
	test_history__contacts();
	test_history__unknown_keys();
	test_history__created();
	test_history__alias_bomb();
	test_history__long_lists();
	return test_report("test_history");
}
