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

int main(void)
{
	test_history__scalar();
	test_history__layout_is_no_change();
	test_history__nested();
	test_history__lists();
	test_history__contacts();
	test_history__unknown_keys();
	test_history__created();
	return test_report("test_history");
}
