#include "acct/yaml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

#define BOM "\xef\xbb\xbf"

/* A byte string for a failure message: controls and non-ASCII as \xhh. */
static const char *show(struct acct_buf *b, const char *s, size_t len)
{
	size_t i;

	acct_buf_reset(b);
	for (i = 0; i < len && b->len < 160; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f || c == '\\')
			acct_buf_addf(b, "\\x%02x", c);
		else
			acct_buf_addch(b, c);
	}
	if (i < len)
		acct_buf_addf(b, "...(%zu bytes)", len);
	return b->buf;
}

/* Parse text that must be good; the caller releases `doc`. */
#define PARSE_OK(doc, src) parse_ok_(__LINE__, (doc), (src), sizeof(src) - 1)

static int parse_ok_(int at, struct acct_ydoc *doc, const char *src,
		     size_t len)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf b = ACCT_BUF_INIT;
	int rc = acct_ydoc_parse(doc, "t.yaml", src, len, &err);

	CHECK_MSG(rc == 0, "line %d: parse(\"%s\") == %d %zu:%zu \"%s\", want 0",
		  at, show(&b, src, len), rc, err.line, err.col, err.msg);
	acct_buf_release(&b);
	return rc;
}

/*
 * Parse text that must be refused with ACCT_EDATA at `line`:`col` and a
 * message holding `msg`; the document must come back empty.
 */
#define BAD(src, line, col, msg) \
	bad_(__LINE__, (src), sizeof(src) - 1, (line), (col), (msg))

static void bad_(int at, const char *src, size_t len, size_t line, size_t col,
		 const char *msg)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf b = ACCT_BUF_INIT;
	struct acct_ydoc doc;
	int rc = acct_ydoc_parse(&doc, "t.yaml", src, len, &err);

	CHECK_MSG(rc == ACCT_EDATA && err.code == ACCT_EDATA &&
		  err.line == line && err.col == col && strstr(err.msg, msg) &&
		  !strcmp(err.file, "t.yaml"),
		  "line %d: parse(\"%s\") == %d %s:%zu:%zu \"%s\", "
		  "want %d t.yaml:%zu:%zu \"...%s...\"", at,
		  show(&b, src, len), rc, err.file, err.line, err.col, err.msg,
		  ACCT_EDATA, line, col, msg);
	if (rc == 0)
		acct_ydoc_release(&doc);
	else
		CHECK(!doc.root && !doc.pool);
	acct_buf_release(&b);
}

/* Seconds of processor time used so far. */
static double cpu_seconds(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

/* Nodes reachable from `n` without following aliases. */
static size_t count_nodes(const struct acct_ynode *n)
{
	size_t i, total = 1;

	if (n->type == ACCT_YSEQ || n->type == ACCT_YMAP)
		for (i = 0; i < n->n; i++)
			total += count_nodes(n->items[i]);
	return total;
}

/* The source text of a node, for comparisons. */
static int node_text_is(const struct acct_ydoc *doc,
			const struct acct_ynode *n, const char *want)
{
	size_t len = strlen(want);

	return n && n->start <= n->end && n->end <= doc->len &&
	       n->end - n->start == len &&
	       !memcmp(doc->src + n->start, want, len);
}

#define CHECK_SPAN(doc, n, want) do { \
	const struct acct_ynode *n_ = (n); \
	CHECK_MSG(node_text_is((doc), n_, (want)), \
		  "%s spans [%zu, %zu), want \"%s\"", #n, \
		  n_ ? n_->start : 0, n_ ? n_->end : 0, (want)); \
} while (0)

#define CHECK_POS(n, l, c) do { \
	const struct acct_ynode *n_ = (n); \
	CHECK_MSG(n_ && n_->line == (l) && n_->col == (c), \
		  "%s at %zu:%zu, want %d:%d", #n, n_ ? n_->line : 0, \
		  n_ ? n_->col : 0, (l), (c)); \
} while (0)

/* --- syntax and reader errors ----------------------------------------- */

static void test_yaml__syntax_error(void)
{
	BAD("a: b: c\n", 1, 5, "mapping values are not allowed");
	/* The column counts characters, not bytes. */
	BAD("имя: б: c\n", 1, 7, "mapping values are not allowed");
	BAD("a: 1\nb: 2\nc: d: e\n", 3, 5, "mapping values are not allowed");
	BAD("a: [1, 2\nb: 3\n", 2, 2, "");
	BAD("a: {x: 1\n", 2, 1, "");
	BAD("- a\nb: c\n", 2, 1, "");
}

static void test_yaml__unclosed_quote(void)
{
	BAD("name: \"abc\nx: 1\n", 3, 1, "quoted scalar");
	BAD("name: 'abc\n", 2, 1, "quoted scalar");
	BAD("name: \"Ромашка", 1, 15, "quoted scalar");
	BAD("имя: 'Ромашка", 1, 14, "quoted scalar");
}

static void test_yaml__bad_indentation(void)
{
	BAD("a:\n  b: 1\n c: 2\n", 3, 2, "did not find expected key");
	BAD("a:\n  - x\n - y\n", 3, 2, "did not find expected key");
	BAD("a: 1\n  b: 2\n", 2, 4, "mapping values are not allowed");
	BAD("я: ю\n  б: 2\n", 2, 4, "mapping values are not allowed");
}

static void test_yaml__tab_indentation(void)
{
	BAD("a:\n\tb: 1\n", 2, 1, "cannot start any token");
	BAD("я:\n  б: 1\n\tв: 2\n", 3, 1, "tab");
}

static void test_yaml__reader_errors(void)
{
	/* libyaml gives a byte offset for these: turned into line:col. */
	BAD("a: \xff\n", 1, 4, "invalid leading UTF-8 octet");
	BAD("имя: Ромашка\nb: c\nd: \xff\n", 3, 4, "UTF-8");
	BAD("имя: Ромашка \xff\n", 1, 14, "UTF-8");
	BAD("a: b\xc3", 1, 5, "incomplete UTF-8");
	BAD("a: \xed\xa0\x80\n", 1, 4, "");	/* a surrogate */
	BAD("a: b\0c\n", 1, 5, "control characters are not allowed");
	BAD("я: ю\nb: б\0c\n", 2, 5, "control characters are not allowed");
	BAD("a: 1\r\nb: \x01\r\n", 2, 4, "control characters");
	BAD("a: 1\rb: \x01\r", 2, 4, "control characters");
	/* A BOM is not a column. */
	BAD(BOM "a: \xff\n", 1, 4, "UTF-8");
	BAD(BOM "a: b\0\n", 1, 5, "control characters");
	BAD(BOM "a: 1\nb: \xff\n", 2, 4, "UTF-8");
}

/* --- structure ------------------------------------------------------- */

static void test_yaml__duplicate_keys(void)
{
	BAD("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first at line 1)");
	BAD("a: 1\n\"a\": 2\n", 2, 1, "duplicate key 'a' (first at line 1)");
	BAD("x: {a: 1, a: 2}\n", 1, 11, "duplicate key 'a' (first at line 1)");
	BAD("x:\n  имя: 1\n  b: 2\n  имя: 3\n", 4, 3,
	    "duplicate key 'имя' (first at line 2)");
	BAD("name: a\nstatus: b\r\nname: c\r\n", 3, 1,
	    "duplicate key 'name' (first at line 1)");
	BAD("k: &k key\n*k : 1\nkey: 2\n", 3, 1, "duplicate key 'key'");
	{
		struct acct_ydoc doc;

		/* The same key in two mappings is fine. */
		if (!PARSE_OK(&doc, "a: {x: 1}\nb: {x: 2}\nx: 3\n"))
			acct_ydoc_release(&doc);
	}
}

static void test_yaml__documents(void)
{
	struct acct_ydoc doc;

	BAD("a: 1\n---\nb: 2\n", 2, 1, "more than one document");
	BAD("--- a\n--- b\n", 2, 1, "more than one document");
	BAD("a: 1\n...\n---\nb: 2\n", 3, 1, "more than one document");
	if (!PARSE_OK(&doc, "---\na: 1\n...\n")) {
		CHECK(doc.root && doc.root->type == ACCT_YMAP);
		acct_ydoc_release(&doc);
	}
	if (!PARSE_OK(&doc, "")) {
		CHECK(doc.root == NULL);
		acct_ydoc_release(&doc);
	}
	if (!PARSE_OK(&doc, "# only a comment\n\n")) {
		CHECK(doc.root == NULL);
		acct_ydoc_release(&doc);
	}
}

static void test_yaml__undefined_alias(void)
{
	BAD("a: *nope\n", 1, 4, "undefined alias nope");
	BAD("a: [1, *b]\nb: &b 2\n", 1, 8, "undefined alias b");
	BAD("имя: *x\n", 1, 6, "undefined alias x");
}

static void test_yaml__non_scalar_keys(void)
{
	BAD("? [a, b]\n: 1\n", 1, 3, "a mapping key must be plain text");
	BAD("[a]: 1\n", 1, 1, "a mapping key must be plain text, not a list");
	BAD("{a: 1}: 2\n", 1, 1,
	    "a mapping key must be plain text, not a mapping");
	BAD("x: 1\ny:\n  ? {a: b}\n  : 2\n", 3, 5, "not a mapping");
	BAD("s: &s [1]\n*s : 2\n", 2, 1, "a mapping key must be plain text");
}

/* `n` opening brackets then `n` closing ones. */
static void brackets(struct acct_buf *b, size_t n, int open, int close)
{
	size_t i;

	for (i = 0; i < n; i++)
		acct_buf_addch(b, open);
	for (i = 0; close && i < n; i++)
		acct_buf_addch(b, close);
	acct_buf_addch(b, '\n');
}

static void test_yaml__nesting(void)
{
	struct acct_buf b = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_ydoc doc;
	const struct acct_ynode *n;
	double t0;
	size_t i, depth;
	int rc;

	/* 64 levels are allowed, 65 are not. */
	brackets(&b, ACCT_YAML_MAX_DEPTH, '[', ']');
	rc = acct_ydoc_parse(&doc, "t.yaml", b.buf, b.len, &err);
	CHECK_MSG(rc == 0, "64 levels: %d %s", rc, err.msg);
	if (!rc) {
		for (depth = 0, n = doc.root; n && n->type == ACCT_YSEQ;
		     n = n->n ? n->items[0] : NULL)
			depth++;
		CHECK_INT(depth, ACCT_YAML_MAX_DEPTH);
		acct_ydoc_release(&doc);
	}
	acct_buf_reset(&b);
	brackets(&b, ACCT_YAML_MAX_DEPTH + 1, '[', ']');
	rc = acct_ydoc_parse(&doc, "t.yaml", b.buf, b.len, &err);
	CHECK_INT(rc, ACCT_EDATA);
	CHECK_INT(err.line, 1);
	CHECK_INT(err.col, 65);
	CHECK(strstr(err.msg, "nesting is too deep") != NULL);

	/* 10,000 unclosed brackets: refused at once, not after a while. */
	for (i = 0; i < 2; i++) {
		acct_buf_reset(&b);
		brackets(&b, 10000, i ? '{' : '[', 0);
		t0 = cpu_seconds();
		rc = acct_ydoc_parse(&doc, "t.yaml", b.buf, b.len, &err);
		CHECK_INT(rc, ACCT_EDATA);
		CHECK_INT(err.line, 1);
		CHECK_INT(err.col, 65);
		CHECK(strstr(err.msg, "nesting is too deep") != NULL);
		CHECK_MSG(cpu_seconds() - t0 < 0.2, "10000 '%c' took %.3f s",
			  i ? '{' : '[', cpu_seconds() - t0);
	}

	/* Block nesting too: "- - - ... x" and mappings in mappings. */
	acct_buf_reset(&b);
	for (i = 0; i < 100; i++)
		acct_buf_addstr(&b, "- ");
	acct_buf_addstr(&b, "x\n");
	rc = acct_ydoc_parse(&doc, "t.yaml", b.buf, b.len, &err);
	CHECK_INT(rc, ACCT_EDATA);
	CHECK_INT(err.line, 1);
	CHECK_INT(err.col, 129);
	CHECK(strstr(err.msg, "nesting is too deep") != NULL);

	acct_buf_reset(&b);
	for (i = 0; i < 100; i++)
		acct_buf_addf(&b, "%*sk:\n", (int)i, "");
	rc = acct_ydoc_parse(&doc, "t.yaml", b.buf, b.len, &err);
	CHECK_INT(rc, ACCT_EDATA);
	CHECK_INT(err.line, 65);
	CHECK_INT(err.col, 65);
	CHECK(strstr(err.msg, "nesting is too deep") != NULL);
	acct_buf_release(&b);
}

static void test_yaml__billion_laughs(void)
{
	static const char *const names = "abcdefghijklmnopqrst";
	struct acct_buf b = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_ydoc doc;
	const struct acct_ynode *last, *prev;
	double t0;
	size_t i, j;
	int rc;

	/* 20 levels of 10 aliases: 10^20 leaves if anyone expanded them. */
	acct_buf_addstr(&b, "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
			"\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (i = 1; i < 20; i++) {
		acct_buf_addf(&b, "%c: &%c [", names[i], names[i]);
		for (j = 0; j < 10; j++)
			acct_buf_addf(&b, "%s*%c", j ? "," : "", names[i - 1]);
		acct_buf_addstr(&b, "]\n");
	}
	t0 = cpu_seconds();
	rc = acct_ydoc_parse(&doc, "t.yaml", b.buf, b.len, &err);
	CHECK_MSG(rc == 0, "billion laughs: %d %zu:%zu %s", rc, err.line,
		  err.col, err.msg);
	CHECK_MSG(cpu_seconds() - t0 < 0.2, "billion laughs took %.3f s",
		  cpu_seconds() - t0);
	if (rc)
		goto out;
	/* 20 keys, 20 lists of 10 items, 20 x 10 items: 421 nodes. */
	CHECK_INT(count_nodes(doc.root), 1 + 20 + 20 + 200);
	/* What the aliases would amount to: saturated, never wrapped. */
	CHECK(doc.root->weight > (size_t)1 << 60 || doc.root->weight == SIZE_MAX);
	last = acct_ynode_get(doc.root, "t", NULL);
	prev = acct_ynode_get(doc.root, "s", NULL);
	CHECK(last && last->type == ACCT_YSEQ && last->n == 10);
	CHECK(prev && prev->type == ACCT_YSEQ && prev->n == 10);
	if (last && prev && last->n == 10) {
		for (i = 0; i < 10; i++) {
			CHECK_INT(last->items[i]->type, ACCT_YALIAS);
			CHECK(last->items[i]->target == prev);
			CHECK(acct_ynode_deref(last->items[i]) == prev);
			CHECK_STR(last->items[i]->anchor, "s");
		}
		CHECK_STR(last->anchor, "t");
	}
	acct_ydoc_release(&doc);
out:
	acct_buf_release(&b);
}

static void test_yaml__utf16_refused(void)
{
	BAD("\xff\xfe" "a\0:\0 \0b\0\n\0", 1, 1, "UTF-16");
	BAD("\xfe\xff" "\0a\0:\0 \0b\0\n", 1, 1, "UTF-16");
	BAD("\xff\xfe\0\0" "a\0\0\0", 1, 1, "UTF-32");
	BAD("\0\0\xfe\xff" "\0\0\0a", 1, 1, "UTF-32");
}

static void test_yaml__utf8_bom(void)
{
	static const char src[] = BOM "name: Ромашка\nx: 1\n";
	struct acct_ydoc doc;
	const struct acct_ynode *k = NULL, *v;

	if (PARSE_OK(&doc, src))
		return;
	CHECK_INT(doc.bom, 1);
	CHECK(doc.src == src);
	CHECK_INT(doc.len, sizeof(src) - 1);
	v = acct_ynode_get(doc.root, "name", &k);
	CHECK_STR(v ? v->value : NULL, "Ромашка");
	CHECK_SPAN(&doc, k, "name");
	CHECK_INT(k ? k->start : 0, 3);
	CHECK_SPAN(&doc, v, "Ромашка");
	CHECK_INT(v ? v->start : 0, 9);
	/* The BOM takes no column. */
	CHECK_POS(k, 1, 1);
	CHECK_POS(v, 1, 7);
	CHECK_POS(doc.root, 1, 1);
	v = acct_ynode_get(doc.root, "x", &k);
	CHECK_SPAN(&doc, v, "1");
	CHECK_POS(k, 2, 1);
	CHECK_POS(v, 2, 4);
	acct_ydoc_release(&doc);

	if (!PARSE_OK(&doc, "name: x\n")) {
		CHECK_INT(doc.bom, 0);
		acct_ydoc_release(&doc);
	}
	BAD(BOM "a: b: c\n", 1, 5, "mapping values are not allowed");
	BAD(BOM "a: 1\na: 2\n", 2, 1, "duplicate key 'a' (first at line 1)");
	BAD(BOM "a: *x\n", 1, 4, "undefined alias x");
}

static void test_yaml__line_endings(void)
{
	struct acct_ydoc doc;
	const struct acct_ynode *v;

	if (!PARSE_OK(&doc, "a: 1\r\nb: [x,\r\n  y]\r\nc: Ромашка\r\nd: 4\r\n")) {
		v = acct_ynode_get(doc.root, "b", NULL);
		CHECK_POS(v, 2, 4);
		CHECK_SPAN(&doc, v, "[x,\r\n  y]");
		if (v && v->n == 2) {
			CHECK_POS(v->items[1], 3, 3);
			CHECK_SPAN(&doc, v->items[1], "y");
		}
		v = acct_ynode_get(doc.root, "c", NULL);
		CHECK_STR(v ? v->value : NULL, "Ромашка");
		CHECK_SPAN(&doc, v, "Ромашка");
		v = acct_ynode_get(doc.root, "d", NULL);
		CHECK_POS(v, 5, 4);
		CHECK_SPAN(&doc, v, "4");
		acct_ydoc_release(&doc);
	}
	if (!PARSE_OK(&doc, "a: 1\rb: [x,\r  y]\rc: Ромашка\rd: 4\r")) {
		v = acct_ynode_get(doc.root, "b", NULL);
		CHECK_POS(v, 2, 4);
		if (v && v->n == 2)
			CHECK_POS(v->items[1], 3, 3);
		v = acct_ynode_get(doc.root, "c", NULL);
		CHECK_STR(v ? v->value : NULL, "Ромашка");
		v = acct_ynode_get(doc.root, "d", NULL);
		CHECK_POS(v, 5, 4);
		CHECK_SPAN(&doc, v, "4");
		acct_ydoc_release(&doc);
	}
	/* A multi-line scalar folds CRLF into a space. */
	if (!PARSE_OK(&doc, "a: one\r\n  two\r\nb: \"x\r\n  y\"\r\n")) {
		v = acct_ynode_get(doc.root, "a", NULL);
		CHECK_STR(v ? v->value : NULL, "one two");
		v = acct_ynode_get(doc.root, "b", NULL);
		CHECK_STR(v ? v->value : NULL, "x y");
		acct_ydoc_release(&doc);
	}
	BAD("a: 1\r\nb: 2\r\nc: d: e\r\n", 3, 5, "mapping values");
	BAD("a: 1\rb: 2\rc: d: e\r", 3, 5, "mapping values");
	BAD("a: 1\r\n\r\nb: 2\r\na: 3\r\n", 4, 1,
	    "duplicate key 'a' (first at line 1)");
	BAD("a: 1\r\rb: 2\ra: 3\r", 4, 1, "duplicate key 'a' (first at line 1)");
}

static void test_yaml__scalar_offsets(void)
{
	struct acct_ydoc doc;
	const struct acct_ynode *k = NULL, *v;

	if (!PARSE_OK(&doc, "name: Ромашка\nx: 1")) {
		v = acct_ynode_get(doc.root, "x", &k);
		CHECK(v && !strncmp(doc.src + v->start, "1", 1));
		CHECK_INT(v ? v->start : 0, 24);
		CHECK_INT(v ? v->end : 0, 25);
		CHECK_POS(v, 2, 4);
		CHECK_SPAN(&doc, k, "x");
		CHECK_POS(k, 2, 1);
		v = acct_ynode_get(doc.root, "name", NULL);
		CHECK_SPAN(&doc, v, "Ромашка");
		CHECK_POS(v, 1, 7);
		CHECK_INT(v ? v->len : 0, 14);
		acct_ydoc_release(&doc);
	}
	if (!PARSE_OK(&doc, "a: 北京 😀 é\nb: \"Ромашка\"\nc: 'x''y'\nd: 2\n")) {
		v = acct_ynode_get(doc.root, "a", NULL);
		CHECK_SPAN(&doc, v, "北京 😀 é");
		v = acct_ynode_get(doc.root, "b", NULL);
		CHECK_SPAN(&doc, v, "\"Ромашка\"");
		CHECK_STR(v ? v->value : NULL, "Ромашка");
		CHECK(v && v->quoted);
		v = acct_ynode_get(doc.root, "c", NULL);
		CHECK_SPAN(&doc, v, "'x''y'");
		CHECK_STR(v ? v->value : NULL, "x'y");
		v = acct_ynode_get(doc.root, "d", NULL);
		CHECK_SPAN(&doc, v, "2");
		CHECK_POS(v, 4, 4);
		acct_ydoc_release(&doc);
	}
	/* A comment or trailing blanks are not part of the value. */
	if (!PARSE_OK(&doc, "a: Ромашка   # note\nb: \"x\"\t# note\n"
		      "c: [Иван ,  y ]  # note\n")) {
		CHECK_SPAN(&doc, acct_ynode_get(doc.root, "a", NULL), "Ромашка");
		CHECK_SPAN(&doc, acct_ynode_get(doc.root, "b", NULL), "\"x\"");
		v = acct_ynode_get(doc.root, "c", NULL);
		CHECK_SPAN(&doc, v, "[Иван ,  y ]");
		if (v && v->n == 2) {
			CHECK_SPAN(&doc, v->items[0], "Иван");
			CHECK_SPAN(&doc, v->items[1], "y");
		}
		acct_ydoc_release(&doc);
	}
	/* Keys and values after multibyte keys. */
	if (!PARSE_OK(&doc, "имя: Иван\nроль: директор\n")) {
		v = acct_ynode_get(doc.root, "роль", &k);
		CHECK_SPAN(&doc, k, "роль");
		CHECK_SPAN(&doc, v, "директор");
		CHECK_POS(v, 2, 7);
		acct_ydoc_release(&doc);
	}
}

static void test_yaml__flowr_offsets(void)
{
	static const char src[] =
		"k: [Ромашка, {a: б}, \"в\"]\n"
		"cadence: {contact: 3wd, call: 14d}\n"
		"z: 1\n";
	struct acct_ydoc doc;
	const struct acct_ynode *v, *m;

	if (PARSE_OK(&doc, src))
		return;
	v = acct_ynode_get(doc.root, "k", NULL);
	CHECK(v && v->type == ACCT_YSEQ && v->n == 3);
	CHECK_SPAN(&doc, v, "[Ромашка, {a: б}, \"в\"]");
	CHECK_POS(v, 1, 4);
	if (v && v->n == 3) {
		CHECK_SPAN(&doc, v->items[0], "Ромашка");
		CHECK_SPAN(&doc, v->items[1], "{a: б}");
		CHECK_POS(v->items[1], 1, 14);
		CHECK_SPAN(&doc, v->items[2], "\"в\"");
		CHECK_POS(v->items[2], 1, 22);
		m = v->items[1];
		CHECK_SPAN(&doc, acct_ynode_get(m, "a", NULL), "б");
	}
	m = acct_ynode_get(doc.root, "cadence", NULL);
	CHECK(m && m->type == ACCT_YMAP && m->n == 4);
	CHECK_SPAN(&doc, m, "{contact: 3wd, call: 14d}");
	CHECK_POS(m, 2, 10);
	CHECK_SPAN(&doc, acct_ynode_get(m, "call", NULL), "14d");
	CHECK_POS(acct_ynode_get(m, "call", NULL), 2, 31);
	CHECK_SPAN(&doc, acct_ynode_get(doc.root, "z", NULL), "1");
	acct_ydoc_release(&doc);

	/* An empty flow collection and one split over lines. */
	if (!PARSE_OK(&doc, "a: []\nb: {}\nc: [\n  x,\n  y\n]\n")) {
		CHECK_SPAN(&doc, acct_ynode_get(doc.root, "a", NULL), "[]");
		CHECK_SPAN(&doc, acct_ynode_get(doc.root, "b", NULL), "{}");
		CHECK_SPAN(&doc, acct_ynode_get(doc.root, "c", NULL),
			   "[\n  x,\n  y\n]");
		acct_ydoc_release(&doc);
	}
}

static void test_yaml__anchors_tags(void)
{
	struct acct_ydoc doc;
	const struct acct_ynode *a, *b;

	if (PARSE_OK(&doc, "a: &x [1, 2]\nb: *x\nc: &s Ромашка\nd: *s\n"
		     "e: !!str 123\nf: !foo x\n"))
		return;
	a = acct_ynode_get(doc.root, "a", NULL);
	b = acct_ynode_get(doc.root, "b", NULL);
	CHECK(a && a->type == ACCT_YSEQ && a == b);
	CHECK_STR(a ? a->anchor : NULL, "x");
	b = acct_ynode_get(doc.root, "d", NULL);
	CHECK_STR(b ? b->value : NULL, "Ромашка");
	CHECK(b == acct_ynode_get(doc.root, "c", NULL));
	/* The alias node itself is kept: its place and its target. */
	if (doc.root && doc.root->n == 12) {
		CHECK_INT(doc.root->items[3]->type, ACCT_YALIAS);
		CHECK_SPAN(&doc, doc.root->items[3], "*x");
		CHECK(doc.root->items[3]->target == a);
	}
	b = acct_ynode_get(doc.root, "e", NULL);
	CHECK_STR(b ? b->value : NULL, "123");
	CHECK_STR(b ? b->tag : NULL, "tag:yaml.org,2002:str");
	b = acct_ynode_get(doc.root, "f", NULL);
	CHECK_STR(b ? b->tag : NULL, "!foo");
	acct_ydoc_release(&doc);
}

/* --- getters and schema helpers --------------------------------------- */

static void test_yaml__get(void)
{
	struct acct_ydoc doc;
	const struct acct_ynode *k = NULL, *v;

	if (PARSE_OK(&doc, "name: Acme\n\"quoted key\": 2\nlist: [a]\n"
		     "ref: &r {x: 1}\nalias: *r\nимя: Ромашка\nname2: x\n"))
		return;
	v = acct_ynode_get(doc.root, "name", &k);
	CHECK_STR(v ? v->value : NULL, "Acme");
	CHECK_STR(k ? k->value : NULL, "name");
	CHECK_STR(acct_ynode_get(doc.root, "quoted key", NULL)->value, "2");
	CHECK_STR(acct_ynode_get(doc.root, "имя", NULL)->value, "Ромашка");
	CHECK(acct_ynode_get(doc.root, "nam", NULL) == NULL);
	CHECK(acct_ynode_get(doc.root, "name22", NULL) == NULL);
	CHECK(acct_ynode_get(doc.root, "", NULL) == NULL);
	k = (const struct acct_ynode *)&doc;
	CHECK(acct_ynode_get(doc.root, "missing", &k) == NULL);
	v = acct_ynode_get(doc.root, "list", NULL);
	CHECK(v && v->type == ACCT_YSEQ);
	CHECK(acct_ynode_get(v, "a", NULL) == NULL);	/* not a mapping */
	CHECK(acct_ynode_get(NULL, "a", NULL) == NULL);
	CHECK(acct_ynode_get(acct_ynode_get(doc.root, "name", NULL), "a",
			     NULL) == NULL);
	/* Aliases are followed, to the mapping and from it. */
	v = acct_ynode_get(doc.root, "alias", &k);
	CHECK(v && v->type == ACCT_YMAP);
	CHECK(v == acct_ynode_get(doc.root, "ref", NULL));
	CHECK_STR(k ? k->value : NULL, "alias");
	CHECK_STR(acct_ynode_get(doc.root->items[9], "x", NULL)->value, "1");
	acct_ydoc_release(&doc);
}

static void test_yaml__is_null(void)
{
	static const char src[] =
		"a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: ''\ng: \"null\"\n"
		"h: nULL\ni: x\nj: []\nk: &n ~\nl: *n\nm: !!null ''\nn: 0\n";
	struct acct_ydoc doc;

	if (PARSE_OK(&doc, src))
		return;
#define IS_NULL(key, want) CHECK_MSG( \
	acct_ynode_is_null(acct_ynode_get(doc.root, key, NULL)) == (want), \
	"is_null(%s) != %d", key, want)
	IS_NULL("a", 1);
	IS_NULL("b", 1);
	IS_NULL("c", 1);
	IS_NULL("d", 1);
	IS_NULL("e", 1);
	IS_NULL("f", 0);
	IS_NULL("g", 0);
	IS_NULL("h", 0);
	IS_NULL("i", 0);
	IS_NULL("j", 0);
	IS_NULL("k", 1);
	IS_NULL("l", 1);
	IS_NULL("n", 0);
#undef IS_NULL
	CHECK_INT(acct_ynode_is_null(NULL), 0);
	CHECK_INT(acct_ynode_is_null(doc.root), 0);
	acct_ydoc_release(&doc);
}

/* want_* on the value of `key`: its result and message. */
struct want {
	int rc;
	struct acct_error err;
};

/* The value node as written (an alias stays an alias). */
static const struct acct_ynode *rawr_value(const struct acct_ydoc *doc,
					  const char *key)
{
	size_t i;

	for (i = 0; doc->root && i + 1 < doc->root->n; i += 2)
		if (!strcmp(acct_ynode_deref(doc->root->items[i])->value, key))
			return doc->root->items[i + 1];
	return NULL;
}

#define WANT_ERR(w, ln, cl, want) CHECK_MSG( \
	(w).rc == ACCT_EDATA && (w).err.code == ACCT_EDATA && \
	(w).err.line == (ln) && (w).err.col == (cl) && \
	!strcmp((w).err.msg, (want)) && !strcmp((w).err.file, "c.yaml"), \
	"%s: %d %s:%zu:%zu \"%s\", want c.yaml:%d:%d \"%s\"", #w, (w).rc, \
	(w).err.file, (w).err.line, (w).err.col, (w).err.msg, (ln), (cl), \
	(want))

static void test_yaml__want_int(void)
{
	static const char src[] =
		"a: 12\nb: -5\nc: +7\nd: 1.5\ne: abc\nf:\ng: 99999999999999999999\n"
		"h: 11\ni: [1]\nj: 0x1F\nk: \"\"\nl: 1e3\nm: &m 3\nn: *m\n"
		"o: 0\np: \"-\"\nq: 1 2\n";
	struct acct_ydoc doc;
	struct acct_error err = ACCT_ERROR_INIT;
	long long v;
	int rc;

	if (PARSE_OK(&doc, src))
		return;
#define INT_OK(key, min, max, want) do { \
	v = -999; \
	rc = acct_ynode_want_int(&v, rawr_value(&doc, key), "c.yaml", key, \
				 min, max, &err); \
	CHECK_MSG(rc == 0 && v == (want), "want_int(%s) == %d %lld (%s), " \
		  "want %lld", key, rc, v, err.msg, (long long)(want)); \
} while (0)
#define INT_BAD(key, min, max, ln, cl, msg) do { \
	struct want wr_ = { 0, ACCT_ERROR_INIT }; \
	v = -999; \
	wr_.rc = acct_ynode_want_int(&v, rawr_value(&doc, key), "c.yaml", key, \
				    min, max, &wr_.err); \
	WANT_ERR(wr_, ln, cl, msg); \
	CHECK_MSG(v == -999, "want_int(%s) wrote %lld", key, v); \
} while (0)
	INT_OK("a", 0, 100, 12);
	INT_OK("b", -10, 10, -5);
	INT_OK("c", 0, 10, 7);
	INT_OK("m", 0, 10, 3);
	INT_OK("n", 0, 10, 3);
	INT_OK("o", 0, 10, 0);
	INT_BAD("d", 0, 10, 4, 4, "'d' must be a whole number from 0 to 10, not '1.5'");
	INT_BAD("e", 0, 10, 5, 4, "'e' must be a whole number from 0 to 10, not 'abc'");
	INT_BAD("g", 0, 10, 7, 4,
		"'g' must be a whole number from 0 to 10, not '99999999999999999999'");
	INT_BAD("h", 0, 10, 8, 4, "'h' must be a whole number from 0 to 10, not '11'");
	INT_BAD("b", 0, 10, 2, 4, "'b' must be a whole number from 0 to 10, not '-5'");
	INT_BAD("i", 0, 10, 9, 4, "'i' must be text, not a list");
	INT_BAD("j", 0, 100, 10, 4,
		"'j' must be a whole number from 0 to 100, not '0x1F'");
	INT_BAD("k", 0, 10, 11, 4, "'k' must be a whole number from 0 to 10, not ''");
	INT_BAD("l", 0, 10000, 12, 4,
		"'l' must be a whole number from 0 to 10000, not '1e3'");
	INT_BAD("p", 0, 10, 16, 4, "'p' must be a whole number from 0 to 10, not '-'");
	INT_BAD("q", 0, 10, 17, 4, "'q' must be a whole number from 0 to 10, not '1 2'");
	/* An empty value is null, not a number. */
	{
		struct want wr_ = { 0, ACCT_ERROR_INIT };

		wr_.rc = acct_ynode_want_int(&v, rawr_value(&doc, "f"), "c.yaml",
					    "f", 0, 10, &wr_.err);
		CHECK_INT(wr_.rc, ACCT_EDATA);
		CHECK_INT(wr_.err.line, 6);
	}
#undef INT_OK
#undef INT_BAD
	acct_ydoc_release(&doc);
}

static void test_yaml__want_bool(void)
{
	static const char src[] =
		"a: true\nb: false\nc: True\nd: FALSE\ne: yes\nf: maybe\ng: [x]\n"
		"h: 1\ni: off\n";
	struct acct_ydoc doc;
	struct acct_error err = ACCT_ERROR_INIT;
	int v, rc;

	if (PARSE_OK(&doc, src))
		return;
#define BOOL_OK(key, want) do { \
	v = -1; \
	rc = acct_ynode_want_bool(&v, rawr_value(&doc, key), "c.yaml", key, &err); \
	CHECK_MSG(rc == 0 && v == (want), "want_bool(%s) == %d %d, want %d", \
		  key, rc, v, want); \
} while (0)
#define BOOL_BAD(key, ln, cl, msg) do { \
	struct want wr_ = { 0, ACCT_ERROR_INIT }; \
	wr_.rc = acct_ynode_want_bool(&v, rawr_value(&doc, key), "c.yaml", key, \
				     &wr_.err); \
	WANT_ERR(wr_, ln, cl, msg); \
} while (0)
	BOOL_OK("a", 1);
	BOOL_OK("b", 0);
	BOOL_OK("c", 1);
	BOOL_OK("d", 0);
	BOOL_BAD("e", 5, 4, "'e' must be true or false, not 'yes'");
	BOOL_BAD("f", 6, 4, "'f' must be true or false, not 'maybe'");
	BOOL_BAD("g", 7, 4, "'g' must be text, not a list");
	BOOL_BAD("h", 8, 4, "'h' must be true or false, not '1'");
	BOOL_BAD("i", 9, 4, "'i' must be true or false, not 'off'");
#undef BOOL_OK
#undef BOOL_BAD
	acct_ydoc_release(&doc);
}

static void test_yaml__want_text(void)
{
	static const char src[] =
		"a: Acme\nb: ООО «Ромашка»\nc: \"\"\nd: ~\ne:\nf: \"x\\ny\"\n"
		"g: \"x\\ty\"\nh: \"x\\x7Fy\"\ni: [a]\nj: {a: b}\nk: NO\n"
		"l: \"x\\u0085y\"\nm: \"x\\u2028y\"\nn: \"x\\u2029y\"\n"
		"o: \"x\\ry\"\np: \"\\x1b[31m\"\nq: \"x\\u009by\"\nr: |\n  one\n"
		"s: 'null'\n";
	struct acct_ydoc doc;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc;

	if (PARSE_OK(&doc, src))
		return;
#define TEXT_OK(key) do { \
	rc = acct_ynode_want_text(rawr_value(&doc, key), "c.yaml", key, &err); \
	CHECK_MSG(rc == 0, "want_text(%s) == %d \"%s\"", key, rc, err.msg); \
} while (0)
#define TEXT_BAD(key, ln, cl, msg) do { \
	struct want wr_ = { 0, ACCT_ERROR_INIT }; \
	wr_.rc = acct_ynode_want_text(rawr_value(&doc, key), "c.yaml", key, \
				     &wr_.err); \
	WANT_ERR(wr_, ln, cl, msg); \
} while (0)
#define CONTROL "must be a single line of text without control characters"
	TEXT_OK("a");
	TEXT_OK("b");
	TEXT_OK("k");
	TEXT_OK("s");
	TEXT_BAD("c", 3, 4, "'c' must not be empty");
	TEXT_BAD("d", 4, 4, "'d' must not be empty");
	TEXT_BAD("e", 5, 3, "'e' must not be empty");
	TEXT_BAD("f", 6, 4, "'f' " CONTROL);
	TEXT_BAD("g", 7, 4, "'g' " CONTROL);
	TEXT_BAD("h", 8, 4, "'h' " CONTROL);
	TEXT_BAD("i", 9, 4, "'i' must be text, not a list");
	TEXT_BAD("j", 10, 4, "'j' must be text, not a mapping");
	/* NEL and C1 controls, the Unicode line and paragraph separators. */
	TEXT_BAD("l", 12, 4, "'l' " CONTROL);
	TEXT_BAD("m", 13, 4, "'m' " CONTROL);
	TEXT_BAD("n", 14, 4, "'n' " CONTROL);
	TEXT_BAD("o", 15, 4, "'o' " CONTROL);
	TEXT_BAD("p", 16, 4, "'p' " CONTROL);
	TEXT_BAD("q", 17, 4, "'q' " CONTROL);
	TEXT_BAD("r", 18, 4, "'r' " CONTROL);
#undef TEXT_OK
#undef TEXT_BAD
#undef CONTROL
	acct_ydoc_release(&doc);
}

static void test_yaml__want_type(void)
{
	struct acct_ydoc doc;
	struct want w = { 0, ACCT_ERROR_INIT };

	if (PARSE_OK(&doc, "s: x\nl: [a]\nm: {a: b}\nr: &r [b]\na: *r\n"))
		return;
	CHECK_INT(acct_ynode_want_type(rawr_value(&doc, "l"), ACCT_YSEQ,
				       "c.yaml", "l", &w.err), 0);
	CHECK_INT(acct_ynode_want_type(rawr_value(&doc, "a"), ACCT_YSEQ,
				       "c.yaml", "a", &w.err), 0);
	CHECK_INT(acct_ynode_want_type(rawr_value(&doc, "m"), ACCT_YMAP,
				       "c.yaml", "m", &w.err), 0);
	CHECK_INT(acct_ynode_want_scalar(rawr_value(&doc, "s"), "c.yaml", "s",
					 &w.err), 0);
	w.rc = acct_ynode_want_type(rawr_value(&doc, "s"), ACCT_YSEQ, "c.yaml",
				    "s", &w.err);
	WANT_ERR(w, 1, 4, "'s' must be a list, not text");
	w.rc = acct_ynode_want_type(rawr_value(&doc, "l"), ACCT_YMAP, "c.yaml",
				    "l", &w.err);
	WANT_ERR(w, 2, 4, "'l' must be a mapping, not a list");
	w.rc = acct_ynode_want_scalar(rawr_value(&doc, "m"), "c.yaml", "m",
				      &w.err);
	WANT_ERR(w, 3, 4, "'m' must be text, not a mapping");
	/* An alias is reported where it stands. */
	w.rc = acct_ynode_want_type(rawr_value(&doc, "a"), ACCT_YMAP, "c.yaml",
				    "a", &w.err);
	WANT_ERR(w, 5, 4, "'a' must be a mapping, not a list");
	acct_ydoc_release(&doc);
}

/* --- quoting round trip ------------------------------------------------ */

struct values {
	struct acct_buf *items;
	size_t n, alloc;
};

static void add_value(struct values *v, const char *s, size_t len)
{
	if (v->n == v->alloc) {
		v->alloc = v->alloc ? 2 * v->alloc : 64;
		v->items = acct_realloc(v->items, v->alloc * sizeof(*v->items));
	}
	v->items[v->n] = (struct acct_buf)ACCT_BUF_INIT;
	acct_buf_add(&v->items[v->n], s, len);
	v->n++;
}

static void add_str(struct values *v, const char *s)
{
	add_value(v, s, strlen(s));
}

/* Odd pieces of text: each alone and in several surroundings. */
static const char *const pieces[] = {
	"Ромашка", "ООО «Ромашка»", "北京市", "😀", "👩‍👩‍👧", "e\xcc\x81",
	"\xcc\x81", "עברית", "\xe2\x80\xae" "abc", "\xc2\xa0",
	"'", "\"", "''", "\"\"", "\\", "\\n", "\\\"", "#", " #", "# ", ":",
	": ", ":x", "x:", "::", "---", "...", "- ", "-", "? ", "?", "{}", "[]",
	"{", "}", "[", "]", ",", ", ", "&a", "*a", "!tag", "!!str", "%",
	"%YAML 1.1", "@", "`", "|", ">", "|-", ">+", "<<", "=", "~", "\t",
	"\n", "\r", "\r\n", "\n\n", " ", "  ", "\x7f", "\xc2\x85",
	"\xc2\x80", "\xc2\x9f", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xef\xbb\xbf",
	"\xee\x80\x80", "\xf4\x8f\xbf\xbd",
};

/* Values that must be read back as they are, and are typed-looking. */
static const char *const words[] = {
	"", "yes", "Yes", "YES", "no", "No", "NO", "y", "Y", "n", "N", "on",
	"On", "ON", "off", "Off", "OFF", "true", "True", "TRUE", "false",
	"False", "FALSE", "~", "null", "Null", "NULL", "123", "-1", "+1",
	"0", "007", "1e3", "1E-3", "0x1F", "0o17", "0b101", ".5", "-.5",
	"1.", "1_000", "1:20", "1:20:30.5", "-1:20", ".inf", "-.inf", "+.INF",
	".nan", ".NaN", "2026-01-01", "2026-1-1", "2026-01-01T10:00:00Z",
	"2026-01-01 10:00", "12:30", "0.0", "6.02e+23",
};

static void make_values(struct values *v)
{
	static const char *const around[][2] = {
		{ "", "" }, { "x", "" }, { "", "x" }, { "a ", " b" },
		{ "a", "b" }, { " ", "" }, { "", " " }, { "Иван", "Петров" },
	};
	struct acct_buf b = ACCT_BUF_INIT;
	size_t i, j;
	int c;

	for (i = 0; i < sizeof(words) / sizeof(*words); i++)
		add_str(v, words[i]);
	for (i = 0; i < sizeof(pieces) / sizeof(*pieces); i++)
		for (j = 0; j < sizeof(around) / sizeof(*around); j++) {
			acct_buf_reset(&b);
			acct_buf_addf(&b, "%s%s%s", around[j][0], pieces[i],
				      around[j][1]);
			add_value(v, b.buf, b.len);
		}
	for (c = 0; c < 0x20; c++) {
		char s[4] = { 'a', (char)c, 'b', (char)c };

		add_value(v, s + 1, 1);
		add_value(v, s, 3);
		add_value(v, s, 4);
	}
	add_str(v, "Acme");
	add_str(v, "Anna Petrova <anna@agency.example>");
	add_str(v, "@ivanov");
	add_str(v, "CPI <= 80 RUB");
	add_str(v, "Grow app sales by 25% this year");
	add_str(v, "09:00-18:00");
	add_str(v, "+7 (999) 123-45-67");
	add_str(v, "http://example.com/a#b?c=d&e=f");
	add_str(v, "a: b # c");
	add_str(v, "key: [value, {x: y}]");
	add_str(v, "- item");
	add_str(v, "? key");
	add_str(v, "\" \\ ' ` # : , [ ] { } & * ! | > % @");
	add_str(v, "x\\");
	add_str(v, "a\\x41");
	add_str(v, "\\u0041");
	/* Noncharacters: valid UTF-8 that libyaml will not read raw. */
	add_str(v, "\xef\xbf\xbe");
	add_str(v, "a\xef\xbf\xbf" "b");
	/* Long values: plain, and ones that must be quoted. */
	acct_buf_reset(&b);
	for (i = 0; i < 10000; i++)
		acct_buf_addch(&b, "abcdefghij"[i % 10]);
	add_value(v, b.buf, b.len);
	acct_buf_reset(&b);
	while (b.len < 10000)
		acct_buf_addstr(&b, "Ромашка: #\"\\\n ");
	add_value(v, b.buf, b.len);
	acct_buf_reset(&b);
	while (b.len < 10000)
		acct_buf_addstr(&b, "😀北京 ");
	acct_buf_addstr(&b, "end");
	add_value(v, b.buf, b.len);
	acct_buf_release(&b);
}

/*
 * Would a YAML 1.1 or 1.2 reader take this plain text as something other
 * than a string (null, bool, number, date, time)? Generous on purpose.
 */
static int looks_typed(const char *s, size_t len)
{
	static const char *const special[] = {
		"", "~", "null", "y", "n", "yes", "no", "true", "false", "on",
		"off", ".inf", "-.inf", "+.inf", ".nan",
	};
	size_t i;

	for (i = 0; i < sizeof(special) / sizeof(*special); i++)
		if (strlen(special[i]) == len && !strncasecmp(special[i], s, len))
			return 1;
	if (len && (*s == '-' || *s == '+')) {
		s++;
		len--;
	}
	if (len && *s == '.') {
		s++;
		len--;
	}
	return len && *s >= '0' && *s <= '9';
}

/*
 * Quote `value` with `flags`, wrap it as `before`<quoted>`after` and parse:
 * the scalar found by `ctx` must hold exactly the value's bytes, be quoted
 * if it would otherwise be read as another type, and stay on its line.
 * Returns 1, or 0 with what went wrong in `why`.
 */
static int round_trip(struct acct_buf *why, const struct acct_buf *value,
		      unsigned flags, const char *before, const char *after,
		      int ctx)
{
	struct acct_buf text = ACCT_BUF_INIT, q = ACCT_BUF_INIT,
			s1 = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_ydoc doc;
	const struct acct_ynode *n = NULL, *c;
	int ok = 0;

	acct_yaml_quote(&q, value->buf, value->len, flags);
	acct_buf_addstr(&text, before);
	acct_buf_add(&text, q.buf, q.len);
	acct_buf_addstr(&text, after);
	if (acct_ydoc_parse(&doc, "q.yaml", text.buf, text.len, &err) < 0) {
		acct_buf_addf(why, "flags %u wrote \"%s\": %zu:%zu %s", flags,
			      show(&s1, text.buf, text.len), err.line, err.col,
			      err.msg);
		goto out;
	}
	c = acct_ynode_get(doc.root, "k", NULL);
	switch (ctx) {
	case 0:		/* k: <q> */
		n = c;
		break;
	case 1:		/* k: [<q>] or k:\n  - <q> */
		n = c && c->type == ACCT_YSEQ && c->n == 1 ? c->items[0] : NULL;
		break;
	case 2:		/* k: [x, <q>, y] */
		n = c && c->type == ACCT_YSEQ && c->n == 3 ? c->items[1] : NULL;
		break;
	case 3:		/* k: {a: <q>, ...} */
		n = acct_ynode_get(c, "a", NULL);
		break;
	}
	if (!n || n->type != ACCT_YSCALAR || n->len != value->len ||
	    memcmp(n->value, value->buf, value->len))
		acct_buf_addf(why, "flags %u wrote \"%s\", read back as \"%s\"",
			      flags, show(&s1, text.buf, text.len),
			      n && n->type == ACCT_YSCALAR ? n->value :
			      "(not a scalar)");
	else if (!(flags & ACCT_YQ_TYPED) && !n->quoted &&
		 looks_typed(value->buf, value->len))
		acct_buf_addf(why, "flags %u left it plain: \"%s\"", flags,
			      show(&s1, q.buf, q.len));
	else if (memchr(q.buf, '\n', q.len) || memchr(q.buf, '\r', q.len))
		acct_buf_addf(why, "flags %u wrote a line break: \"%s\"", flags,
			      show(&s1, q.buf, q.len));
	else
		ok = 1;
	acct_ydoc_release(&doc);
out:
	acct_buf_release(&text);
	acct_buf_release(&q);
	acct_buf_release(&s1);
	return ok;
}

static void test_yaml__quote_round_trip(void)
{
	static const struct {
		unsigned flags;
		const char *before, *after;
		int ctx;
	} contexts[] = {
		{ 0, "k: ", "\n", 0 },
		{ 0, "k:\n  - ", "\n", 1 },
		{ 0, "a: 1\nk: ", "\nz: 2\n", 0 },
		{ ACCT_YQ_FLOW, "k: [", "]\n", 1 },
		{ ACCT_YQ_FLOW, "k: [x, ", ", y]\n", 2 },
		{ ACCT_YQ_FLOW, "k: {a: ", "}\n", 3 },
		{ ACCT_YQ_FLOW, "k: {a: ", ", b: c}\n", 3 },
		{ ACCT_YQ_TYPED, "k: ", "\n", 0 },
		{ ACCT_YQ_TYPED | ACCT_YQ_FLOW, "k: [", "]\n", 1 },
	};
	struct acct_buf why = ACCT_BUF_INIT, s = ACCT_BUF_INIT;
	struct values v = { NULL, 0, 0 };
	size_t i, j, bad;

	make_values(&v);
	CHECK_MSG(v.n >= 300, "only %zu values", v.n);
	for (i = 0; i < v.n; i++) {
		const struct acct_buf *x = &v.items[i];

		/* One check per value: its first failure, and how many. */
		acct_buf_reset(&why);
		for (j = bad = 0; j < sizeof(contexts) / sizeof(*contexts); j++)
			if (!round_trip(bad ? &s : &why, x, contexts[j].flags,
					contexts[j].before, contexts[j].after,
					contexts[j].ctx))
				bad++;
		acct_buf_reset(&s);
		CHECK_MSG(!bad, "quote(\"%s\") fails in %zu of %zu contexts: %s",
			  show(&s, x->buf, x->len), bad,
			  sizeof(contexts) / sizeof(*contexts), why.buf);
		acct_buf_release(&v.items[i]);
	}
	acct_buf_release(&why);
	acct_buf_release(&s);
	free(v.items);
}

#define CHECK_QUOTE(value, flags, want) do { \
	struct acct_buf q_ = ACCT_BUF_INIT; \
	acct_yaml_quote(&q_, (value), strlen(value), (flags)); \
	CHECK_MSG(!strcmp(q_.buf, (want)), "quote(\"%s\", %d) == \"%s\", " \
		  "want \"%s\"", (value), (flags), q_.buf, (want)); \
	acct_buf_release(&q_); \
} while (0)

static void test_yaml__quote_style(void)
{
	/* Text that needs nothing stays as it is, UTF-8 and all. */
	CHECK_QUOTE("Acme", 0, "Acme");
	CHECK_QUOTE("ООО «Ромашка»", 0, "ООО «Ромашка»");
	CHECK_QUOTE("北京 😀", ACCT_YQ_FLOW, "北京 😀");
	CHECK_QUOTE("seo", ACCT_YQ_FLOW, "seo");
	CHECK_QUOTE("Anna Petrova <anna@agency.example>", 0,
		    "Anna Petrova <anna@agency.example>");
	/* Typed values may be plain when meant as typed. */
	CHECK_QUOTE("2026-03-01", ACCT_YQ_TYPED, "2026-03-01");
	CHECK_QUOTE("150000", ACCT_YQ_TYPED, "150000");
	/* Otherwise quoted, with UTF-8 kept and escapes where needed. */
	CHECK_QUOTE("", 0, "\"\"");
	CHECK_QUOTE("2026-03-01", 0, "\"2026-03-01\"");
	CHECK_QUOTE("NO", 0, "\"NO\"");
	CHECK_QUOTE("a, b", ACCT_YQ_FLOW, "\"a, b\"");
	CHECK_QUOTE("Ромашка: \"x\"\n", 0, "\"Ромашка: \\\"x\\\"\\n\"");
}

int main(void)
{
	test_yaml__syntax_error();
	test_yaml__unclosed_quote();
	test_yaml__bad_indentation();
	test_yaml__tab_indentation();
	test_yaml__reader_errors();
	test_yaml__duplicate_keys();
	test_yaml__documents();
	test_yaml__undefined_alias();
	test_yaml__non_scalar_keys();
	test_yaml__nesting();
	test_yaml__billion_laughs();
	test_yaml__utf16_refused();
	test_yaml__utf8_bom();
	test_yaml__line_endings();
	test_yaml__scalar_offsets();
	test_yaml__flowr_offsets();
	test_yaml__anchors_tags();
	test_yaml__get();
	test_yaml__is_null();
	test_yaml__want_int();
	test_yaml__want_bool();
	test_yaml__want_text();
	test_yaml__want_type();
	test_yaml__quote_round_trip();
	test_yaml__quote_style();
	return test_report("yaml");
}
