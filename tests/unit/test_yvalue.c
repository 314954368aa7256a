#include "acct/yvalue.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/yaml.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * The budgeted walk over YAML values (lib/yvalue.c): equality with its
 * rules (null, quoting, order of keys), look-ups, the flow printer in
 * its two forms, and what a card whose aliases multiply costs: a bounded
 * amount of time and output, however far it would expand.
 */

struct two {
	struct acct_ydoc a, b;
	int ok;
};

static void parse_two(struct two *t, const char *a, const char *b)
{
	struct acct_error err = ACCT_ERROR_INIT;

	memset(t, 0, sizeof(*t));
	t->ok = acct_ydoc_parse(&t->a, "a.yaml", a, strlen(a), &err) == 0;
	CHECK_MSG(t->ok, "a: %s", err.msg);
	if (t->ok && !(t->ok = acct_ydoc_parse(&t->b, "b.yaml", b, strlen(b),
					       &err) == 0)) {
		CHECK_MSG(0, "b: %s", err.msg);
		acct_ydoc_release(&t->a);
	}
}

static void release_two(struct two *t)
{
	if (!t->ok)
		return;
	acct_ydoc_release(&t->a);
	acct_ydoc_release(&t->b);
}

#define EQ(a, b, want) eq_(__LINE__, (a), (b), (want))

static void eq_(int at, const char *a, const char *b, int want)
{
	struct acct_ywalk w;
	struct two t;
	int got;

	parse_two(&t, a, b);
	if (!t.ok)
		return;
	acct_ywalk_init(&w, ACCT_YWALK_BUDGET(strlen(a) + strlen(b)));
	got = acct_yvalue_equal(&w, t.a.root, t.b.root, 0);
	CHECK_MSG(got == want, "line %d: equal(%s, %s) == %d, want %d", at, a,
		  b, got, want);
	/* Either way round. */
	acct_ywalk_init(&w, ACCT_YWALK_BUDGET(strlen(a) + strlen(b)));
	got = acct_yvalue_equal(&w, t.b.root, t.a.root, 0);
	CHECK_MSG(got == want, "line %d: equal(%s, %s) == %d, want %d", at, b,
		  a, got, want);
	release_two(&t);
}

static void test_yvalue__equal(void)
{
	EQ("a", "a", 1);
	EQ("a", "'a'", 1);		/* quoting does not count */
	EQ("1", "\"1\"", 1);
	EQ("a", "b", 0);
	EQ("~", "null", 1);		/* null however written */
	EQ("{a: ~}", "{a: }", 1);
	EQ("~", "", 0);		/* null is a value, absent is not */
	EQ("~", "'~'", 0);		/* quoted, it is text */
	EQ("[a, b]", "- a\n- b\n", 1);	/* flow or block */
	EQ("[a, b]", "[b, a]", 0);	/* lists keep their order */
	EQ("[a]", "[a, a]", 0);
	EQ("{x: 1, y: 2}", "y: 2\nx: 1\n", 1);	/* mappings do not */
	EQ("{x: 1}", "{x: 1, y: 2}", 0);
	EQ("{x: ~}", "{y: ~}", 0);
	EQ("{x: ~}", "{x: null}", 1);
	EQ("{x: [1]}", "{x: 1}", 0);
	EQ("a: &a [1, 2]\nb: *a\n", "a: [1, 2]\nb: [1, 2]\n", 1);
	EQ("!!str a", "a", 1);		/* tags do not count */
	EQ("# c\na: 1  # d\n", "a: 1", 1);
}

static void test_yvalue__get(void)
{
	struct acct_ywalk w;
	struct two t;
	const struct acct_ynode *v, *k;

	parse_two(&t, "a: 1\nb: ~\nc: &c {d: 2}\n", "[b, c, z]");
	if (!t.ok)
		return;
	acct_ywalk_init(&w, 1000);
	k = t.b.root->items[0];
	v = acct_yvalue_get(&w, t.a.root, k, 0);
	CHECK(v && acct_ynode_is_null(v));	/* null is a value */
	v = acct_yvalue_get(&w, t.a.root, t.b.root->items[1], 0);
	CHECK(v && v->type == ACCT_YMAP);
	CHECK(acct_yvalue_get(&w, t.a.root, t.b.root->items[2], 0) == NULL);
	CHECK(acct_yvalue_get(&w, t.b.root, k, 0) == NULL);	/* no mapping */
	CHECK(!w.spent);
	/* Spent: nothing more is looked up. */
	acct_ywalk_init(&w, 1);
	CHECK(acct_yvalue_get(&w, t.a.root, k, 0) == NULL);
	CHECK(w.spent);
	release_two(&t);
}

#define FLOW(src, flags, want) flow_(__LINE__, (src), (flags), (want))

static void flow_(int at, const char *src, unsigned flags, const char *want)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_ywalk w;
	struct acct_ydoc doc;

	if (acct_ydoc_parse(&doc, "t.yaml", src, strlen(src), &err) < 0) {
		CHECK_MSG(0, "line %d: %s", at, err.msg);
		return;
	}
	acct_ywalk_init(&w, ACCT_YWALK_BUDGET(strlen(src)));
	acct_buf_addstr(&out, ">");
	CHECK_INT(acct_yvalue_flow(&out, &w, acct_ynode_get(doc.root, "v", NULL),
				   flags), 0);
	CHECK_MSG(!strcmp(out.buf + 1, want), "line %d: got \"%s\", want \"%s\"",
		  at, out.buf + 1, want);
	acct_buf_release(&out);
	acct_ydoc_release(&doc);
}

static void test_yvalue__flow(void)
{
	FLOW("v: abc", 0, "abc");
	FLOW("v: ~", 0, "~");
	FLOW("v: [a, 'b, c', {k: v}]", 0, "[a, b, c, {k: v}]");
	FLOW("v: [a, 'b, c', {k: v}]", ACCT_YVALUE_QUOTE, "[a, \"b, c\", {k: v}]");
	FLOW("v: {amount: 150000, on: true}", ACCT_YVALUE_QUOTE,
	     "{amount: 150000, on: true}");
	FLOW("v: {amount: '150000'}", ACCT_YVALUE_QUOTE, "{amount: \"150000\"}");
	FLOW("a: &a [1, 2]\nv: {x: *a, y: *a}\n", 0, "{x: [1, 2], y: [1, 2]}");
	FLOW("v: []", 0, "[]");
	FLOW("v: {}", 0, "{}");
	FLOW("x: 1", 0, "~");		/* absent: "~" */
}

/* A card of eight levels of nine aliases: 43 million values, expanded. */
static void bomb(struct acct_buf *b, const char *top, int maps)
{
	static const char names[] = "abcdefgh";
	size_t i, j;

	acct_buf_addstr(b, "name: Acme\n");
	acct_buf_addstr(b, maps ? "a: &a {k1: lol, k2: lol, k3: lol, k4: lol, "
			"k5: lol, k6: lol, k7: lol, k8: lol, k9: lol}\n"
			: "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (i = 1; i < 8; i++) {
		acct_buf_addf(b, "%c: &%c %c", names[i], names[i], maps ? '{' : '[');
		for (j = 0; j < 9; j++) {
			if (j)
				acct_buf_addstr(b, ", ");
			if (maps)
				acct_buf_addf(b, "k%zu: ", j + 1);
			acct_buf_addf(b, "*%c", names[i - 1]);
		}
		acct_buf_addstr(b, maps ? "}\n" : "]\n");
	}
	acct_buf_addstr(b, top);
}

static double cpu_seconds(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

static void test_yvalue__bomb(void)
{
	struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT,
			out = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_ydoc da, db;
	struct acct_ywalk w;
	const struct acct_ynode *h;
	double t0 = cpu_seconds();
	int maps;

	for (maps = 0; maps < 2; maps++) {
		acct_buf_reset(&a);
		acct_buf_reset(&b);
		bomb(&a, "status: active\n", maps);
		bomb(&b, "status: paused\n", maps);
		CHECK(a.len < 1024);
		if (acct_ydoc_parse(&da, "a.yaml", a.buf, a.len, &err) < 0 ||
		    acct_ydoc_parse(&db, "b.yaml", b.buf, b.len, &err) < 0) {
			CHECK_MSG(0, "%s", err.msg);
			return;
		}
		CHECK(da.root->weight > (size_t)100000000);
		/* The same aliases on both sides: told equal at once. */
		acct_ywalk_init(&w, ACCT_YWALK_BUDGET(a.len + b.len));
		CHECK_INT(acct_yvalue_equal(&w, acct_ynode_get(da.root, "h", NULL),
					    acct_ynode_get(db.root, "h", NULL), 0), 1);
		CHECK_INT(acct_yvalue_equal(&w, da.root, db.root, 0), 0);
		CHECK(!w.spent);
		/* A value that expands too far: not written, nothing appended. */
		h = acct_ynode_get(da.root, "h", NULL);
		acct_buf_addstr(&out, "kept");
		CHECK_INT(acct_yvalue_flow(&out, &w, h, 0), -1);
		CHECK_STR(out.buf, "kept");
		CHECK(w.spent && !w.too_deep);
		/* Where: the heaviest alias, on h's line. */
		CHECK(w.stop && w.stop->type == ACCT_YALIAS && w.stop->line == 9);
		/* Spent, the walk tells nothing more. */
		CHECK_INT(acct_yvalue_equal(&w, da.root, da.root, 0), -1);
		/* A small value still goes out on a fresh walk. */
		acct_ywalk_init(&w, ACCT_YWALK_BUDGET(a.len));
		acct_buf_reset(&out);
		CHECK_INT(acct_yvalue_flow(&out, &w, acct_ynode_get(da.root, "status",
								   NULL), 0), 0);
		CHECK_STR(out.buf, "active");
		acct_buf_reset(&out);
		acct_ydoc_release(&da);
		acct_ydoc_release(&db);
	}
	/* Two bombs that differ deep inside: equality stops, -1. */
	acct_buf_reset(&a);
	acct_buf_reset(&b);
	bomb(&a, "", 0);
	bomb(&b, "", 0);
	memcpy(strstr(b.buf, "lol, lol]"), "lul", 3);
	if (acct_ydoc_parse(&da, "a.yaml", a.buf, a.len, &err) == 0 &&
	    acct_ydoc_parse(&db, "b.yaml", b.buf, b.len, &err) == 0) {
		acct_ywalk_init(&w, ACCT_YWALK_BUDGET(a.len + b.len));
		CHECK_INT(acct_yvalue_equal(&w, da.root, db.root, 0), 0);
		acct_ydoc_release(&da);
		acct_ydoc_release(&db);
	}
	CHECK_MSG(cpu_seconds() - t0 < 1.0, "the bombs took %.2f s",
		  cpu_seconds() - t0);
	acct_buf_release(&a);
	acct_buf_release(&b);
	acct_buf_release(&out);
}

/* Values nested deeper through aliases than ACCT_YWALK_MAX_DEPTH. */
static void test_yvalue__depth(void)
{
	struct acct_buf src = ACCT_BUF_INIT, out = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_ydoc doc;
	struct acct_ywalk w;
	size_t i;

	/* 200 anchors, each two lists deeper than the one before. */
	acct_buf_addstr(&src, "a0: &a0 [x]\n");
	for (i = 1; i < 200; i++)
		acct_buf_addf(&src, "a%zu: &a%zu [[*a%zu]]\n", i, i, i - 1);
	if (acct_ydoc_parse(&doc, "t.yaml", src.buf, src.len, &err) < 0) {
		CHECK_MSG(0, "%s", err.msg);
		acct_buf_release(&src);
		return;
	}
	acct_ywalk_init(&w, ACCT_YWALK_BUDGET(src.len));
	CHECK_INT(acct_yvalue_flow(&out, &w, acct_ynode_get(doc.root, "a199",
							    NULL), 0), -1);
	CHECK(w.spent && w.too_deep);
	CHECK_INT(out.len, 0);
	{
		struct acct_ydoc again;

		if (acct_ydoc_parse(&again, "t.yaml", src.buf, src.len, &err) == 0) {
			acct_ywalk_init(&w, ACCT_YWALK_BUDGET(src.len));
			CHECK_INT(acct_yvalue_equal(&w, doc.root, again.root, 0), -1);
			CHECK(w.too_deep);
			/* The same node is the same value, at no cost. */
			acct_ywalk_init(&w, 0);
			CHECK_INT(acct_yvalue_equal(&w, doc.root, doc.root, 0), 1);
			acct_ydoc_release(&again);
		}
	}
	/* Not so deep: fine. */
	acct_ywalk_init(&w, ACCT_YWALK_BUDGET(src.len));
	CHECK_INT(acct_yvalue_flow(&out, &w, acct_ynode_get(doc.root, "a3", NULL),
				   0), 0);
	CHECK_STR(out.buf, "[[[[[[[x]]]]]]]");
	acct_ydoc_release(&doc);
	acct_buf_release(&src);
	acct_buf_release(&out);
}

/*
 * What the loader (lib/yaml.c) gives the walk: an alias inside the value
 * it names is refused (the value would be infinite), and every node
 * knows its weight (4 a node plus the scalars' bytes, aliases followed).
 */
static void refused_at(int at, const char *src, size_t line, size_t col)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_ydoc doc;
	int rc = acct_ydoc_parse(&doc, "t.yaml", src, strlen(src), &err);

	CHECK_MSG(rc == ACCT_EDATA && err.line == line && err.col == col &&
		  strstr(err.msg, "contains itself"), "line %d: %d %zu:%zu %s",
		  at, rc, err.line, err.col, err.msg);
	if (rc == 0)
		acct_ydoc_release(&doc);
}

static void test_yvalue__loader(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_ydoc doc;
	const struct acct_ynode *a, *b, *c;
	static const char ok[] = "a: &a [1]\nb: &b [*a, [*a]]\nc: *b\n";
	static const char w[] = "a: &a [xy, z]\nb: [*a, *a, k]\nc: *a\n";

	refused_at(__LINE__, "a: &a [1, *a]\n", 1, 11);
	refused_at(__LINE__, "a: &a {k: [x, {y: *a}]}\n", 1, 19);
	refused_at(__LINE__, "- &top\n  - *top\n", 2, 5);
	/* An alias of a finished value, even inside another: fine. */
	CHECK_INT(acct_ydoc_parse(&doc, "t.yaml", ok, strlen(ok), &err), 0);
	if (doc.root)
		acct_ydoc_release(&doc);
	if (acct_ydoc_parse(&doc, "t.yaml", w, strlen(w), &err) < 0) {
		CHECK_MSG(0, "%s", err.msg);
		return;
	}
	a = acct_ynode_get(doc.root, "a", NULL);
	b = acct_ynode_get(doc.root, "b", NULL);
	c = acct_ynode_get(doc.root, "c", NULL);
	CHECK(a && b && c);
	if (a && b && c) {
		CHECK_INT(a->weight, 4 + (4 + 2) + (4 + 1));
		CHECK_INT(b->weight, 4 + 2 * 15 + (4 + 1));
		CHECK_INT(doc.root->items[5]->weight, 15);	/* the alias c */
		/* the root: 4, keys a, b, c (5 each), the values */
		CHECK_INT(doc.root->weight, 4 + 15 + 15 + 39 + 15);
	}
	acct_ydoc_release(&doc);
}

int main(void)
{
	test_yvalue__loader();
	test_yvalue__equal();
	test_yvalue__get();
	test_yvalue__flow();
	test_yvalue__bomb();
	test_yvalue__depth();
	return test_report("yvalue");
}
