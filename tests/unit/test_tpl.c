#include "acct/tpl.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmark.h>
#include <jansson.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

/* --- helpers ------------------------------------------------------------ */

/* Partials from a JSON object of name -> text; names asked for are noted. */
struct mem_loader {
	json_t *partials;
	struct acct_buf asked;		/* "name\n" per call */
};

static int mem_load(struct acct_tpl_source *out, const char *name,
		    void *payload, struct acct_error *err)
{
	struct mem_loader *m = payload;
	const json_t *v = json_object_get(m->partials, name);

	acct_buf_addf(&m->asked, "%s\n", name);
	if (!json_is_string(v))
		return acct_error_set(err, ACCT_ENOTFOUND, "no '%s'", name);
	acct_buf_add(&out->text, json_string_value(v), json_string_length(v));
	acct_buf_addstr(&out->path, name);
	return 0;
}

static json_t *json(const char *text)
{
	json_error_t e;
	json_t *v = json_loads(text, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);

	if (!v)
		fprintf(stderr, "bad JSON in a test: %s: %s\n", text, e.text);
	return v;
}

/*
 * Render `tmpl` against JSON `data` with JSON object `partials` and
 * `escape`; the output (or "ERROR: file:line:col: message") in `out`.
 */
static int render(struct acct_buf *out, const char *tmpl, const char *data,
		  const char *partials, acct_tpl_escape_fn escape,
		  struct acct_error *err)
{
	struct mem_loader m = { json(partials ? partials : "{}"),
				ACCT_BUF_INIT };
	struct acct_tpl_opts o = { escape, mem_load, &m, 0, 0 };
	struct acct_tpl *tpl = NULL;
	json_t *d = json(data ? data : "{}");
	int rc;

	acct_buf_reset(out);
	rc = acct_tpl_parse(&tpl, "t", "t.md", tmpl, strlen(tmpl), err);
	if (!rc)
		rc = acct_tpl_render(out, tpl, d, &o, err);
	if (rc)
		acct_buf_addf(out, "ERROR: %s:%zu:%zu: %s", err->file,
			      err->line, err->col, err->msg);
	acct_tpl_free(tpl);
	json_decref(d);
	json_decref(m.partials);
	acct_buf_release(&m.asked);
	return rc;
}

#define RENDER(tmpl, data, partials, want) \
	render_(__LINE__, (tmpl), (data), (partials), NULL, (want))
#define RENDER_MD(tmpl, data, want) \
	render_(__LINE__, (tmpl), (data), NULL, acct_tpl_escape_markdown, \
		(want))

static void render_(int at, const char *tmpl, const char *data,
		    const char *partials, acct_tpl_escape_fn escape,
		    const char *want)
{
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;

	render(&out, tmpl, data, partials, escape, &err);
	CHECK_MSG(!strcmp(out.buf, want), "line %d: \"%s\" renders \"%s\", "
		  "want \"%s\"", at, tmpl, out.buf, want);
	acct_buf_release(&out);
}

/* A template that must not compile: ACCT_EDATA at t.md:line:col, `msg`. */
#define BAD(tmpl, line, col, msg) \
	bad_(__LINE__, (tmpl), sizeof(tmpl) - 1, (line), (col), (msg))

static void bad_(int at, const char *tmpl, size_t len, size_t line,
		 size_t col, const char *msg)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_tpl *tpl = NULL;
	int rc = acct_tpl_parse(&tpl, "t", "t.md", tmpl, len, &err);

	CHECK_MSG(rc == ACCT_EDATA && err.code == ACCT_EDATA &&
		  !strcmp(err.file, "t.md") && err.line == line &&
		  err.col == col && !strcmp(err.msg, msg) && !tpl,
		  "line %d: parse(\"%.60s\") == %d %s:%zu:%zu \"%s\", "
		  "want t.md:%zu:%zu \"%s\"", at, tmpl, rc, err.file, err.line,
		  err.col, err.msg, line, col, msg);
	acct_tpl_free(tpl);
}

#define STARTS(s, prefix) (!strncmp((s), (prefix), strlen(prefix)))

static double cpu_seconds(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

/* --- compile errors ----------------------------------------------------- */

static void test_tpl__unclosed_tags(void)
{
	BAD("{{", 1, 1, "unclosed tag '{{'");
	BAD("ab\ncd {{x", 2, 4, "unclosed tag '{{'");
	BAD("{{x}", 1, 1, "unclosed tag '{{'");
	BAD("{{{x}}", 1, 1, "unclosed tag '{{{'");
	BAD("{{! a comment", 1, 1, "unclosed tag '{{'");
	/* A tag left open runs into the next: the first is named. */
	BAD("Hello {{name\n{{other}}", 1, 7, "unclosed tag '{{'");
	/* Columns count characters, not bytes; a tab is one. */
	BAD("Привет {{", 1, 8, "unclosed tag '{{'");
	BAD("\t\t{{", 1, 3, "unclosed tag '{{'");
	/* After a multi-line comment the count goes on. */
	BAD("{{!\n\n}}\n  {{x", 4, 3, "unclosed tag '{{'");
	/* With other delimiters, the message shows them. */
	BAD("{{=<% %>=}}\n<%x", 2, 1, "unclosed tag '<%'");
}

static void test_tpl__unclosed_sections(void)
{
	BAD("# Report\n\n{{#clients}}\n- {{name}}\n", 3, 1,
	    "section 'clients' opened here is never closed");
	BAD("{{^none}}", 1, 1, "section 'none' opened here is never closed");
	BAD("{{#a}}{{#b}}{{/b}}", 1, 1,
	    "section 'a' opened here is never closed");
	/* The innermost is named. */
	BAD("{{#a}}\n  {{#b}}\n", 2, 3,
	    "section 'b' opened here is never closed");
	BAD("{{$b}}x", 1, 1, "block 'b' opened here is never closed");
	BAD("x {{<p}}", 1, 3, "parent 'p' opened here is never closed");
	BAD("{{<*p}}", 1, 1, "parent '*p' opened here is never closed");
	BAD("{{=<% %>=}}\n<%#a%>\n", 2, 1,
	    "section 'a' opened here is never closed");
}

static void test_tpl__wrong_closing(void)
{
	BAD("x{{#a}}{{/b}}", 1, 8, "'{{/b}}' closes 'a', opened at 1:2");
	BAD("{{#a}}\n{{#b}}\n{{/a}}\n{{/b}}", 3, 1,
	    "'{{/a}}' closes 'b', opened at 2:1");
	BAD("{{/a}}", 1, 1, "'{{/a}}' closes nothing");
	BAD("{{#a}}{{/a}}{{/a}}", 1, 13, "'{{/a}}' closes nothing");
	BAD("{{<p}}{{/*p}}", 1, 7, "'{{/*p}}' closes 'p', opened at 1:1");
	BAD("{{=[ ]=}}[#a][/b]", 1, 14, "'[/b]' closes 'a', opened at 1:10");
}

static void test_tpl__bad_names(void)
{
	BAD("{{}}", 1, 1, "empty tag name");
	BAD("x {{ }}", 1, 3, "empty tag name");
	BAD("{{#}}{{/}}", 1, 1, "empty tag name");
	BAD("{{^ }}", 1, 1, "empty tag name");
	BAD("{{>}}", 1, 1, "empty tag name");
	BAD("{{> * }}", 1, 1, "empty tag name");
	BAD("{{<}}", 1, 1, "empty tag name");
	BAD("{{$}}", 1, 1, "empty tag name");
	BAD("{{&}}", 1, 1, "empty tag name");
	BAD("{{{ }}}", 1, 1, "empty tag name");
	BAD("{{a b}}", 1, 1, "bad tag name 'a b'");
	BAD("{{#a b}}{{/a b}}", 1, 1, "bad tag name 'a b'");
	BAD("{{> my partial}}", 1, 1, "bad tag name 'my partial'");
	BAD("{{a..b}}", 1, 1, "bad tag name 'a..b'");
	BAD("{{.a}}", 1, 1, "bad tag name '.a'");
	BAD("{{a.}}", 1, 1, "bad tag name 'a.'");
	BAD("{{>*a..b}}", 1, 1, "bad tag name 'a..b'");
	/* Control characters are shown, not sent to the terminal. */
	BAD("{{a\x1b[2Jb c}}", 1, 1, "bad tag name 'a\\x1b[2Jb c'");
}

static void test_tpl__bad_delimiters(void)
{
	BAD("{{= =}}", 1, 1, "empty delimiters");
	BAD("{{==}}", 1, 1, "empty delimiters");
	BAD("x\n {{=<% %> x=}}", 2, 2, "bad delimiters '{{=<% %> x=}}'");
	BAD("{{=<%=}}", 1, 1, "bad delimiters '{{=<%=}}'");
	BAD("{{=a= b=}}", 1, 1, "bad delimiters '{{=a= b=}}'");
	BAD("{{=<% %>}}", 1, 1, "bad delimiters '{{=<% %>}}'");
	BAD("{{=<% %>", 1, 1, "unclosed tag '{{'");
}

static void test_tpl__nesting_bound(void)
{
	struct acct_buf t = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_tpl *tpl = NULL;
	int i, rc;

	for (i = 0; i < ACCT_TPL_MAX_NESTING; i++)
		acct_buf_addstr(&t, "{{#a}}");
	for (i = 0; i < ACCT_TPL_MAX_NESTING; i++)
		acct_buf_addstr(&t, "{{/a}}");
	rc = acct_tpl_parse(&tpl, "t", NULL, t.buf, t.len, &err);
	CHECK_MSG(rc == 0, "256 levels: %d %s", rc, err.msg);
	acct_tpl_free(tpl);

	acct_buf_reset(&t);
	for (i = 0; i <= ACCT_TPL_MAX_NESTING; i++)
		acct_buf_addstr(&t, "{{#a}}\n");
	rc = acct_tpl_parse(&tpl, "t", NULL, t.buf, t.len, &err);
	CHECK(rc == ACCT_EDATA && !tpl);
	CHECK_STR(err.msg, "sections nest deeper than 256 levels");
	CHECK_INT(err.line, ACCT_TPL_MAX_NESTING + 1);
	CHECK_STR(err.file, "t");
	acct_buf_release(&t);
}

static void test_tpl__big_templates(void)
{
	struct acct_buf t = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_tpl *tpl = NULL;
	double t0;
	int i, rc;

	/* A megabyte of "{{" fails at once, at its start. */
	for (i = 0; i < (1 << 19); i++)
		acct_buf_addstr(&t, "{{");
	t0 = cpu_seconds();
	rc = acct_tpl_parse(&tpl, "t", "templates/weekly.md", t.buf, t.len,
			    &err);
	CHECK(rc == ACCT_EDATA && err.line == 1 && err.col == 1);
	CHECK_STR(err.msg, "unclosed tag '{{{'");
	CHECK_STR(err.file, "templates/weekly.md");
	CHECK_MSG(cpu_seconds() - t0 < 0.5, "1 MB of {{ took %.2fs",
		  cpu_seconds() - t0);

	/*
	 * Half a megabyte of tags compiles in linear time (quadratic time
	 * would take minutes).
	 */
	acct_buf_reset(&t);
	for (i = 0; i < (1 << 16); i++)
		acct_buf_addstr(&t, "}{{x}}\n");
	t0 = cpu_seconds();
	rc = acct_tpl_parse(&tpl, "t", NULL, t.buf, t.len, &err);
	CHECK_MSG(rc == 0, "%s", err.msg);
	CHECK_MSG(cpu_seconds() - t0 < 0.5, "460 kB of tags took %.2fs",
		  cpu_seconds() - t0);
	acct_tpl_free(tpl);
	tpl = NULL;

	/* Past the bound, refused before reading. */
	acct_buf_reset(&t);
	acct_buf_grow(&t, ACCT_TPL_MAX_SIZE + 1);
	memset(t.buf, 'x', ACCT_TPL_MAX_SIZE + 1);
	t.len = ACCT_TPL_MAX_SIZE + 1;
	t.buf[t.len] = '\0';
	rc = acct_tpl_parse(&tpl, "t", NULL, t.buf, t.len, &err);
	CHECK(rc == ACCT_EDATA && !tpl);
	CHECK_STR(err.msg, "template is larger than 4 MiB");
	acct_buf_release(&t);
}

/* --- rendering ---------------------------------------------------------- */

static void test_tpl__values(void)
{
	RENDER("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}}",
	       "{\"a\": 85, \"b\": 1.21, \"c\": -0.5, \"d\": 1e21, "
	       "\"e\": 0.1, \"f\": 1.0, \"g\": 3.141592653589793}", NULL,
	       "85 1.21 -0.5 1e+21 0.1 1 3.141592653589793");
	RENDER("{{a}}|{{b}}|{{c}}|{{d}}", "{\"a\": 0.30000000000000004, "
	       "\"b\": -9223372036854775808, \"c\": 100000000000000000000.0, "
	       "\"d\": 5e-324}", NULL,
	       "0.30000000000000004|-9223372036854775808|1e+20|4.94065645841247e-324");
	RENDER("{{t}} {{f}} [{{n}}] [{{m}}] [{{o}}] [{{l}}]",
	       "{\"t\": true, \"f\": false, \"n\": null, \"o\": {\"a\": 1}, "
	       "\"l\": [1]}", NULL, "true false [] [] [] []");
	/* Lists by index, as an extension of dotted names. */
	RENDER("{{l.1}} {{l.1.x}} [{{l.9}}] [{{l.x}}]",
	       "{\"l\": [\"a\", {\"x\": \"b\"}]}", NULL, " b [] []");
	RENDER("{{l.0}}{{#l.1}}{{x}}{{/l.1}}", "{\"l\": [\"a\", {\"x\": \"b\"}]}",
	       NULL, "ab");
	/* NUL inside a string is kept by the plain escape, dropped by Markdown. */
	RENDER("[{{s}}]", "{\"s\": \"a\\u0000b\"}", NULL, "[a");
	RENDER_MD("[{{s}}]", "{\"s\": \"a\\u0000b\"}", "[ab]");
	/* An exact decimal (acct/json.h) is its digits, and true. */
	RENDER("{{s}} {{#s}}yes{{/s}}", "{\"s\": \"\\u0000#148200.60\"}", NULL,
	       "148200.60 yes");
	RENDER_MD("[{{s}}]", "{\"s\": \"\\u0000#0.10\"}", "[0.10]");
}

static void test_tpl__truthiness(void)
{
	RENDER("{{#s}}yes{{/s}}{{^s}}no{{/s}}", "{\"s\": \"\"}", NULL, "no");
	RENDER("{{#s}}yes{{/s}}", "{\"s\": \" \"}", NULL, "yes");
	RENDER("{{#n}}[{{.}}]{{/n}}", "{\"n\": 0}", NULL, "[0]");
	RENDER("{{#o}}yes{{/o}}", "{\"o\": {}}", NULL, "yes");
	RENDER("{{^l}}empty{{/l}}", "{\"l\": []}", NULL, "empty");
	RENDER("{{#l}}{{.}},{{/l}}", "{\"l\": [1, \"a\", true]}", NULL,
	       "1,a,true,");
	RENDER("{{#t}}{{.}}{{/t}}", "{\"t\": true}", NULL, "true");
	/* No data at all is an empty context. */
	RENDER("[{{x}}]{{^x}}none{{/x}}", "null", NULL, "[]none");
}

static void test_tpl__data_is_not_a_template(void)
{
	struct mem_loader m = { json("{\"secret\": \"SECRET\"}"),
				ACCT_BUF_INIT };
	struct acct_tpl_opts o = { acct_tpl_escape_none, mem_load, &m, 0, 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	json_t *d = json("{\"x\": \"{{#x}}{{> secret}}{{/x}}\", "
			 "\"y\": \"{{=<% %>=}}<%x%>\"}");
	struct acct_tpl *tpl;
	int rc;

	static const char tmpl[] = "{{x}} {{{x}}} {{#x}}{{.}}{{/x}} {{y}}";

	rc = acct_tpl_parse(&tpl, "t", NULL, tmpl, strlen(tmpl), &err);
	CHECK(rc == 0);
	rc = acct_tpl_render(&out, tpl, d, &o, &err);
	CHECK(rc == 0);
	CHECK_STR(out.buf, "{{#x}}{{> secret}}{{/x}} {{#x}}{{> secret}}{{/x}}"
		  " {{#x}}{{> secret}}{{/x}} {{=<% %>=}}<%x%>");
	CHECK_STR(m.asked.buf, "");
	acct_tpl_free(tpl);
	acct_buf_release(&out);
	acct_buf_release(&m.asked);
	json_decref(m.partials);
	json_decref(d);
}

static void test_tpl__partials(void)
{
	/* A missing partial is nothing, as the specification says. */
	RENDER("[{{> nope}}]", NULL, NULL, "[]");
	/* Indentation goes before each line of the partial, not empty ones. */
	RENDER("list:\n  {{> p}}\nend\n", NULL, "{\"p\": \"a\\n\\nb\\n\"}",
	       "list:\n  a\n\n  b\nend\n");
	/* ... nor inside values, and it adds up through partials. */
	RENDER(" {{> p}}\n", "{\"v\": \"1\\n2\"}",
	       "{\"p\": \"{{v}}\\n  {{> q}}\\n\", \"q\": \"x\\ny\\n\"}",
	       " 1\n2\n   x\n   y\n");
	/* A partial's error names the partial's file. */
	RENDER("ok\n{{> p}}", NULL, "{\"p\": \"\\n\\n  {{#x}}\"}",
	       "ERROR: p:3:3: section 'x' opened here is never closed");
	/* Dynamic names take the name from the data. */
	RENDER("{{#items}}{{>*kind}}{{/items}}",
	       "{\"items\": [{\"kind\": \"a\"}, {\"kind\": \"b\"}, {\"kind\": 7},"
	       " {}]}", "{\"a\": \"A\", \"b\": \"B\", \"7\": \"7\"}", "AB7");
}

static void test_tpl__inheritance(void)
{
	/* A layout with a title and a body. */
	RENDER("{{<layout}}\n{{$title}}Weekly{{/title}}\n{{$body}}\n"
	       "- {{n}}\n{{/body}}\n{{/layout}}\n", "{\"n\": 3}",
	       "{\"layout\": \"# {{$title}}Report{{/title}}\\n\\n"
	       "{{$body}}\\nnothing\\n{{/body}}\\n-- \\n\"}",
	       "# Weekly\n\n- 3\n-- \n");
	/* Defaults when nothing is passed, blocks through partials. */
	RENDER("{{<layout}}{{/layout}}", NULL,
	       "{\"layout\": \"{{> head}}\", \"head\": \"{{$t}}T{{/t}}\"}",
	       "T");
	RENDER("{{<layout}}{{$t}}X{{/t}}{{/layout}}", NULL,
	       "{\"layout\": \"{{> head}}\", \"head\": \"{{$t}}T{{/t}}\"}",
	       "X");
	BAD("{{<p}}{{$x}}1{{/x}}{{$y}}{{/y}}\n{{$x}}2{{/x}}{{/p}}", 2, 1,
	    "block 'x' is passed to 'p' twice");
}

/* --- bounds while rendering --------------------------------------------- */

static void test_tpl__partial_depth(void)
{
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	double t0 = cpu_seconds();
	int rc;

	rc = render(&out, "{{> b}}", NULL,
		    "{\"b\": \"x{{> t}}\", \"t\": \"{{> b}}\"}", NULL, &err);
	CHECK(rc == ACCT_EDATA);
	CHECK_STR(err.msg, "partials nest deeper than 64: t -> b -> t -> b -> "
		  "t -> b -> t -> b -> t -> b -> t -> b -> t -> b -> t -> b -> "
		  "t -> b -> t -> b -> ...");
	/* The tag that went too deep: in the 64th partial, a "t". */
	CHECK_STR(err.file, "t");
	CHECK(err.line == 1 && err.col == 1);
	CHECK_MSG(cpu_seconds() - t0 < 0.5, "took %.2fs", cpu_seconds() - t0);

	/* Parents count too. */
	rc = render(&out, "{{<p}}{{/p}}", NULL, "{\"p\": \"{{<p}}{{/p}}\"}",
		    NULL, &err);
	CHECK(rc == ACCT_EDATA && STARTS(err.msg, "partials nest deeper "
					 "than 64: t -> p -> p -> "));

	/* Recursion that ends renders, 64 deep too. */
	RENDER("{{> node}}", "{\"content\": \"X\", \"nodes\": [{\"content\": "
	       "\"Y\", \"nodes\": []}]}",
	       "{\"node\": \"{{content}}<{{#nodes}}{{> node}}{{/nodes}}>\"}",
	       "X<Y<>>");
	{
		struct acct_buf data = ACCT_BUF_INIT, want = ACCT_BUF_INIT;
		int i;

		for (i = 0; i < ACCT_TPL_MAX_PARTIAL_DEPTH; i++)
			acct_buf_addstr(&data, "{\"n\": [");
		acct_buf_addstr(&data, "{\"n\": []}");
		for (i = 0; i < ACCT_TPL_MAX_PARTIAL_DEPTH; i++)
			acct_buf_addstr(&data, "]}");
		for (i = 0; i < ACCT_TPL_MAX_PARTIAL_DEPTH; i++)
			acct_buf_addch(&want, '<');
		for (i = 0; i < ACCT_TPL_MAX_PARTIAL_DEPTH; i++)
			acct_buf_addch(&want, '>');
		rc = render(&out, "{{#n}}{{> node}}{{/n}}", data.buf,
			    "{\"node\": \"<{{#n}}{{> node}}{{/n}}>\"}", NULL,
			    &err);
		CHECK_MSG(rc == 0 && !strcmp(out.buf, want.buf), "%s",
			  out.buf);
		/* One more and it is too deep. */
		rc = render(&out, "{{> node}}", data.buf,
			    "{\"node\": \"<{{#n}}{{> node}}{{/n}}>\"}", NULL,
			    &err);
		CHECK(rc == ACCT_EDATA);
		acct_buf_release(&data);
		acct_buf_release(&want);
	}
	acct_buf_release(&out);
}

static void test_tpl__render_bounds(void)
{
	static const char loops[] = "{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}"
		"{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}";
	static const char self[] = "{{<p}}{{$a}}x{{$a}}{{/a}}{{/a}}{{/p}}";
	struct mem_loader m = { NULL, ACCT_BUF_INIT };
	struct acct_tpl_opts o = { NULL, mem_load, &m, 1 << 20, 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_tpl *tpl = NULL;
	json_t *d;
	double t0 = cpu_seconds();
	int rc, i, j;

	/* 4^10 times 45 bytes: the output bound stops it. */
	m.partials = json_object();
	for (i = 0; i < 10; i++) {
		char name[16];

		acct_buf_reset(&out);
		for (j = 0; j < 4; j++)
			acct_buf_addf(&out, "{{> a%d}}", i + 1);
		snprintf(name, sizeof(name), "a%d", i);
		json_object_set_new(m.partials, name, json_string(out.buf));
	}
	json_object_set_new(m.partials, "a10", json_string(
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
	acct_buf_reset(&out);
	acct_buf_addstr(&out, "kept");
	rc = acct_tpl_parse(&tpl, "t", NULL, "{{> a0}}", 8, &err);
	CHECK(rc == 0);
	rc = acct_tpl_render(&out, tpl, NULL, &o, &err);
	CHECK(rc == ACCT_EDATA);
	CHECK_STR(err.msg, "the output is larger than 1048576 bytes");
	CHECK_STR(out.buf, "kept");

	/* Loops in loops with no output: the step bound stops them. */
	acct_tpl_free(tpl);
	rc = acct_tpl_parse(&tpl, "t", NULL, loops, strlen(loops), &err);
	CHECK(rc == 0);
	d = json("{\"l\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,"
		 "20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,"
		 "39,40,41,42,43,44,45,46,47,48,49,50]}");
	o.max_steps = 100000;
	rc = acct_tpl_render(&out, tpl, d, &o, &err);
	CHECK(rc == ACCT_EDATA);
	CHECK_STR(err.msg, "rendering takes more than 100000 steps");
	CHECK(err.line == 1 && err.col == 25);
	json_decref(d);

	/* Every item of a list counts, even with nothing inside. */
	acct_tpl_free(tpl);
	rc = acct_tpl_parse(&tpl, "t", NULL, "{{#l}}{{#l}}{{/l}}{{/l}}", 24,
			    &err);
	CHECK(rc == 0);
	d = json_array();
	for (i = 0; i < 1000; i++)
		json_array_append_new(d, json_integer(i));
	d = json_pack("{s:o}", "l", d);
	rc = acct_tpl_render(&out, tpl, d, &o, &err);
	CHECK(rc == ACCT_EDATA);
	CHECK_STR(err.msg, "rendering takes more than 100000 steps");
	json_decref(d);

	/* A block passed into itself: the total depth bound stops it. */
	acct_tpl_free(tpl);
	json_decref(m.partials);
	m.partials = json("{\"p\": \"{{$a}}{{/a}}\"}");
	rc = acct_tpl_parse(&tpl, "t", NULL, self, strlen(self), &err);
	CHECK(rc == 0);
	rc = acct_tpl_render(&out, tpl, NULL, &o, &err);
	CHECK(rc == ACCT_EDATA);
	CHECK_STR(err.msg, "templates nest deeper than 1024 levels");
	CHECK_MSG(cpu_seconds() - t0 < 0.5, "took %.2fs", cpu_seconds() - t0);

	acct_tpl_free(tpl);
	json_decref(m.partials);
	acct_buf_release(&m.asked);
	acct_buf_release(&out);
}

/* --- escaping ----------------------------------------------------------- */

#define CHECK_ESC(fn, s, want) do { \
	struct acct_buf b_ = ACCT_BUF_INIT; \
	fn(&b_, (s), sizeof(s) - 1); \
	CHECK_MSG(!strcmp(b_.buf, (want)), "%s(\"%s\") == \"%s\", want " \
		  "\"%s\"", #fn, (s), b_.buf, (want)); \
	acct_buf_release(&b_); \
} while (0)

static void test_tpl__escape_html(void)
{
	CHECK_ESC(acct_tpl_escape_html, "& \" < > ' /",
		  "&amp; &quot; &lt; &gt; ' /");
	CHECK_ESC(acct_tpl_escape_html, "", "");
	CHECK_ESC(acct_tpl_escape_html, "&&", "&amp;&amp;");
	CHECK_ESC(acct_tpl_escape_none, "<b>&", "<b>&");
}

static void test_tpl__escape_markdown(void)
{
	CHECK_ESC(acct_tpl_escape_markdown, "# x", "\\# x");
	/* The first character always; after it only what is markup anywhere. */
	CHECK_ESC(acct_tpl_escape_markdown, "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
		  "\\!\"#$%\\&'()\\*+,-./:;\\<=\\>?@\\[\\\\\\]^\\_\\`{\\|}\\~");
	CHECK_ESC(acct_tpl_escape_markdown, "#1", "\\#1");
	CHECK_ESC(acct_tpl_escape_markdown, "-x", "\\-x");
	CHECK_ESC(acct_tpl_escape_markdown, "2026-11-17, 15%", "2026-11-17, 15%");
	CHECK_ESC(acct_tpl_escape_markdown, "12. x", "12\\. x");
	CHECK_ESC(acct_tpl_escape_markdown, "3) y", "3\\) y");
	CHECK_ESC(acct_tpl_escape_markdown, "1.21", "1.21");
	CHECK_ESC(acct_tpl_escape_markdown, "7.", "7\\.");
	CHECK_ESC(acct_tpl_escape_markdown, "7)\tz", "7\\) z");
	CHECK_ESC(acct_tpl_escape_markdown, "x 1. y", "x 1. y");
	/*
	 * What follows the '.' or ')' is the next character that is kept:
	 * dropped controls in between do not hide the end or a space, and
	 * the line breaks outside ASCII count as spaces.
	 */
	CHECK_ESC(acct_tpl_escape_markdown, "1)\x14", "1\\)");
	CHECK_ESC(acct_tpl_escape_markdown, "3)\x01 y", "3\\) y");
	CHECK_ESC(acct_tpl_escape_markdown, "1.\xe2\x80\xa8" "x", "1\\. x");
	CHECK_ESC(acct_tpl_escape_markdown, "2.\xc2\x85", "2\\.&#32;");
	CHECK_ESC(acct_tpl_escape_markdown, "4.\x01z", "4.z");
	CHECK_ESC(acct_tpl_escape_markdown, " - z", "&#32;\\- z");
	CHECK_ESC(acct_tpl_escape_markdown, "a\nb\r\nc\rd\ve\ff", "a b c d e f");
	CHECK_ESC(acct_tpl_escape_markdown, "a\xc2\x85" "b\xe2\x80\xa8"
		  "c\xe2\x80\xa9" "d", "a b c d");
	CHECK_ESC(acct_tpl_escape_markdown, "a\tb", "a b");
	CHECK_ESC(acct_tpl_escape_markdown, "  x  y  ",
		  "&#32;&#32;x  y&#32;&#32;");
	CHECK_ESC(acct_tpl_escape_markdown, "\n\tx\n", "&#32;&#32;x&#32;");
	CHECK_ESC(acct_tpl_escape_markdown, "   ", "&#32;&#32;&#32;");
	CHECK_ESC(acct_tpl_escape_markdown, "a\x01\x1b[0m\x7f\xc2\x9b" "b",
		  "a\\[0mb");
	CHECK_ESC(acct_tpl_escape_markdown, "a\xe2\x80\xae" "b\xe2\x81\xa6" "c",
		  "abc");
	CHECK_ESC(acct_tpl_escape_markdown, "\xff" "a\xc3", "\xef\xbf\xbd"
		  "a\xef\xbf\xbd");
	CHECK_ESC(acct_tpl_escape_markdown, "Ромашка «ООО» €5",
		  "Ромашка «ООО» €5");
	CHECK_ESC(acct_tpl_escape_markdown, "", "");
}

/* cmark's HTML for `md`. */
static void to_html(struct acct_buf *out, const char *md, size_t len)
{
	char *html = cmark_markdown_to_html(md, len, CMARK_OPT_DEFAULT);

	acct_buf_reset(out);
	acct_buf_addstr(out, html);
	cmark_get_default_mem_allocator()->free(html);
}

/* `s` as a reader sees the value: one line, no controls. */
static void normalized(struct acct_buf *out, const char *s, size_t len)
{
	struct acct_buf md = ACCT_BUF_INIT;
	size_t i;

	/* Markdown-escaping then reading back drops just what it drops. */
	acct_tpl_escape_markdown(&md, s, len);
	acct_buf_reset(out);
	for (i = 0; i < md.len; i++) {
		if (md.buf[i] == '\\')
			i++;
		else if (!strncmp(md.buf + i, "&#32;", 5)) {
			acct_buf_addch(out, ' ');
			i += 4;
			continue;
		}
		acct_buf_addch(out, md.buf[i]);
	}
	acct_buf_release(&md);
}

/*
 * The Markdown that the engine writes, rendered by cmark, has the same
 * structure wherever a hostile value stands: the HTML equals that of the
 * template with a plain word in its place, the word replaced by the value
 * as literal text.
 */
static void test_tpl__markdown_structure(void)
{
	static const char *const templates[] = {
		"{{v}}\n",
		"{{v}}\n{{v}}\n",
		"Text {{v}} text\n",
		"# Title {{v}}\n",
		"- item {{v}}\n- {{v}}\n",
		"1. {{v}}\n",
		"> {{v}}\n",
		"Name | {{v}}\n",
		"**{{v}}**\n",
		"[{{v}}](https://example.com)\n",
		"para\n{{v}}\n",
		NULL
	};
	static const struct { const char *s; size_t len; } values[] = {
#define V(s) { s, sizeof(s) - 1 }
		V("# Heading"), V("## x"), V("| a | b |"),
		V("[x](javascript:alert(1))"), V("<script>alert(1)</script>"),
		V("{{#x}}{{> secret}}{{/x}}"), V("*em* _em_ **strong**"),
		V("`code`"), V("``"), V("***"), V("---"), V("==="), V("- item"),
		V("+ item"), V("* item"), V("1. item"), V("2) item"),
		V("> quote"), V("    indented code"), V("\tTabbed"),
		V("line1\nline2"), V("line1\n\n# Heading"), V("a  \nb"),
		V("trailing  "), V("a\\"), V("\\"), V("&amp; &copy; &#65;"),
		V("<http://example.com>"), V("https://example.com"),
		V("![img](x.png)"), V("[ref]: http://x"), V("~~~"), V("```"),
		V("Ромашка «ООО» — ok"), V("a\r\nb"), V("x\0y"),
		V("\x1b[31mred"), V("\xe2\x80\xae" "desrever"), V("1\\. x"),
		V("<!-- c -->"), V("<div>"), V("&"), V("_"), V("\n---\n"),
		V("a\n===\n"), V("[a]\n\n[a]: /u"), V("<a href=x>y</a>"),
#undef V
	};
	struct acct_buf out = ACCT_BUF_INIT, html = ACCT_BUF_INIT,
			want = ACCT_BUF_INIT, plain = ACCT_BUF_INIT,
			esc = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_tpl_opts o = { acct_tpl_escape_markdown, NULL, NULL, 0, 0 };
	size_t t, i;

	for (t = 0; templates[t]; t++) {
		struct acct_tpl *tpl = NULL;
		const char *word;

		CHECK(acct_tpl_parse(&tpl, "t", NULL, templates[t],
				     strlen(templates[t]), &err) == 0);
		for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
			json_t *d = json_object();

			json_object_set_new(d, "v", json_stringn(values[i].s,
								 values[i].len));
			acct_buf_reset(&out);
			CHECK(acct_tpl_render(&out, tpl, d, &o, &err) == 0);
			to_html(&html, out.buf, out.len);
			json_decref(d);

			/* The same with a word in place of the value. */
			d = json_pack("{s:s}", "v", "PLACEHOLDER");
			acct_buf_reset(&out);
			CHECK(acct_tpl_render(&out, tpl, d, &o, &err) == 0);
			to_html(&want, out.buf, out.len);
			json_decref(d);
			normalized(&plain, values[i].s, values[i].len);
			acct_buf_reset(&esc);
			acct_tpl_escape_html(&esc, plain.buf, plain.len);
			acct_buf_reset(&out);
			for (word = want.buf; *word;) {
				const char *p = strstr(word, "PLACEHOLDER");

				if (!p) {
					acct_buf_addstr(&out, word);
					break;
				}
				acct_buf_add(&out, word, (size_t)(p - word));
				acct_buf_add(&out, esc.buf, esc.len);
				word = p + 11;
			}
			CHECK_MSG(!strcmp(html.buf, out.buf), "value #%zu in "
				  "\"%s\": cmark gives\n%s\nwant\n%s", i,
				  templates[t], html.buf, out.buf);
		}
		acct_tpl_free(tpl);
	}
	acct_buf_release(&out);
	acct_buf_release(&html);
	acct_buf_release(&want);
	acct_buf_release(&plain);
	acct_buf_release(&esc);
}

/* --- finding templates -------------------------------------------------- */

static char book[64];

static void put(const char *rel, const char *text, size_t len)
{
	struct acct_buf p = ACCT_BUF_INIT;
	FILE *f;

	acct_buf_addf(&p, "%s/%s", book, rel);
	f = fopen(p.buf, "wb");
	CHECK_MSG(f != NULL, "cannot write %s", p.buf);
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
	acct_buf_release(&p);
}

#define PUT(rel, text) put((rel), (text), sizeof(text) - 1)

static void in_book(struct acct_buf *p, const char *rel)
{
	acct_buf_reset(p);
	acct_buf_addf(p, "%s/%s", book, rel);
}

/* Load `name` from the book: "path\ntext", or "ERROR code: message". */
static void lookup(struct acct_buf *out, const char *name, const char *locale)
{
	struct acct_tpl_lookup lk = { book, locale };
	struct acct_tpl_source src = ACCT_TPL_SOURCE_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc = acct_tpl_lookup_load(&src, name, &lk, &err);

	acct_buf_reset(out);
	if (rc)
		acct_buf_addf(out, "ERROR %d: %s%s%s%s", rc, err.file,
			      err.file[0] ? ":" : "", err.file[0] ? " " : "",
			      err.msg);
	else
		acct_buf_addf(out, "%s\n%.*s", src.path.buf,
			      (int)src.text.len, src.text.buf);
	acct_tpl_source_release(&src);
}

#define LOOKUP(name, locale, want) do { \
	lookup(&got, (name), (locale)); \
	CHECK_MSG(!strcmp(got.buf, (want)), "lookup(%s) == \"%s\", want " \
		  "\"%s\"", #name, got.buf, (want)); \
} while (0)

static void test_tpl__names(void)
{
	static const char *const bad[] = {
		"", ".hidden", "../x", "a/b", "/etc/passwd", "a..b", "..",
		"a\\b", "a\nb", "x/", NULL
	};
	struct acct_error err = ACCT_ERROR_INIT;
	size_t i;

	for (i = 0; bad[i]; i++) {
		int rc = acct_tpl_check_name(bad[i], &err);

		CHECK_MSG(rc == ACCT_EUSAGE && !strncmp(err.msg,
			  "unknown template '", 18) && strstr(err.msg,
			  "'; templates are looked up by name in templates/"),
			  "check_name(\"%s\") == %d \"%s\"", bad[i], rc,
			  err.msg);
	}
	acct_tpl_check_name("../x", &err);
	CHECK_STR(err.msg, "unknown template '../x'; templates are looked up "
		  "by name in templates/");
	CHECK(acct_tpl_check_name("weekly", &err) == 0);
	CHECK(acct_tpl_check_name("weekly.md", &err) == 0);
	CHECK(acct_tpl_check_name("отчёт-2026_v1", &err) == 0);
}

static void test_tpl__lookup(void)
{
	struct acct_buf got = ACCT_BUF_INIT, p = ACCT_BUF_INIT,
			q = ACCT_BUF_INIT;
	const char *tmp = getenv("TMPDIR");

	snprintf(book, sizeof(book), "%s/acct-tpl-XXXXXX",
		 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(book)) {
		CHECK_MSG(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	/* No templates/ at all: the built-ins. */
	lookup(&got, "brief", "en");
	CHECK(!strncmp(got.buf, "(built-in) brief.en.md\n# Brief\n", 31));
	lookup(&got, "brief", "ru");
	CHECK(!strncmp(got.buf, "(built-in) brief.ru.md\n", 23));
	LOOKUP("weekly", NULL, "ERROR -3: unknown template 'weekly'; "
	       "templates are looked up by name in templates/");
	LOOKUP("../etc/passwd", NULL, "ERROR -8: unknown template "
	       "'../etc/passwd'; templates are looked up by name in "
	       "templates/");

	in_book(&p, "templates");
	CHECK(mkdir(p.buf, 0755) == 0);
	PUT("templates/weekly.md", "# Week {{n}}\n");
	PUT("templates/brief.md", "mine\n");
	PUT("secret.md", "SECRET\n");
	LOOKUP("weekly", NULL, "templates/weekly.md\n# Week {{n}}\n");
	LOOKUP("weekly.md", "ru", "templates/weekly.md\n# Week {{n}}\n");
	/* The book's own overrides a built-in. */
	LOOKUP("brief", "en", "templates/brief.md\nmine\n");
	/* A BOM goes. */
	PUT("templates/bom.md", "\xef\xbb\xbfx");
	LOOKUP("bom", NULL, "templates/bom.md\nx");

	/* Links inside templates/ are fine; leading out of it, refused. */
	in_book(&p, "templates/alias.md");
	CHECK(symlink("weekly.md", p.buf) == 0);
	LOOKUP("alias", NULL, "templates/alias.md\n# Week {{n}}\n");
	in_book(&p, "templates/evil.md");
	CHECK(symlink("/etc/passwd", p.buf) == 0);
	LOOKUP("evil", NULL, "ERROR -6: templates/evil.md: is a symbolic link "
	       "leading out of templates/; acct does not read templates "
	       "there");
	in_book(&p, "templates/up.md");
	CHECK(symlink("../secret.md", p.buf) == 0);
	LOOKUP("up", NULL, "ERROR -6: templates/up.md: is a symbolic link "
	       "leading out of templates/; acct does not read templates "
	       "there");
	/* A broken one is an error, never the built-in in its place. */
	in_book(&p, "templates/brief.md");
	CHECK(unlink(p.buf) == 0);
	CHECK(symlink("nowhere.md", p.buf) == 0);
	LOOKUP("brief", "en", "ERROR -6: templates/brief.md: cannot follow "
	       "the template: No such file or directory");
	CHECK(unlink(p.buf) == 0);
	CHECK(mkdir(p.buf, 0755) == 0);
	LOOKUP("brief", "en", "ERROR -6: templates/brief.md: is not a "
	       "regular file");
	in_book(&p, "templates/fifo.md");
	CHECK(mkfifo(p.buf, 0644) == 0);
	LOOKUP("fifo", NULL, "ERROR -6: templates/fifo.md: is not a regular "
	       "file");
	PUT("templates/latin1.md", "ok\nd\xe9j\xe0\n");
	LOOKUP("latin1", NULL, "ERROR -6: templates/latin1.md: not UTF-8 text "
	       "(byte 0xe9)");
	{
		struct acct_tpl_lookup lk = { book, NULL };
		struct acct_tpl_source src = ACCT_TPL_SOURCE_INIT;
		struct acct_error err = ACCT_ERROR_INIT;

		CHECK(acct_tpl_lookup_load(&src, "latin1", &lk, &err) ==
		      ACCT_EDATA && err.line == 2 && err.col == 2);
		CHECK(src.text.len == 0 && src.path.len == 0);
		acct_tpl_source_release(&src);
	}
	PUT("templates/nul.md", "a\0b");
	LOOKUP("nul", NULL, "ERROR -6: templates/nul.md: not text: a NUL "
	       "byte");
	if (geteuid() != 0) {
		PUT("templates/locked.md", "x");
		in_book(&p, "templates/locked.md");
		CHECK(chmod(p.buf, 0) == 0);
		LOOKUP("locked", NULL, "ERROR -1: templates/locked.md: cannot "
		       "read the template: Permission denied");
	}

	/* templates/ itself leading out of the book. */
	in_book(&p, "templates");
	in_book(&q, "templates.real");
	CHECK(rename(p.buf, q.buf) == 0);
	CHECK(symlink("/etc", p.buf) == 0);
	LOOKUP("passwd", NULL, "ERROR -3: unknown template 'passwd'; "
	       "templates are looked up by name in templates/");
	PUT("templates.real/x.md", "x");
	CHECK(unlink(p.buf) == 0);
	CHECK(symlink("templates.real", p.buf) == 0);
	LOOKUP("x", NULL, "ERROR -6: templates/x.md: is a symbolic link "
	       "leading out of templates/; acct does not read templates "
	       "there");
	CHECK(unlink(p.buf) == 0);
	CHECK(rename(q.buf, p.buf) == 0);

	acct_buf_release(&got);
	acct_buf_release(&p);
	acct_buf_release(&q);
}

/* Rendering through the book's templates. */
static void test_tpl__lookup_render(void)
{
	struct acct_tpl_lookup lk = { book, NULL };
	struct acct_tpl_opts o = { acct_tpl_escape_markdown,
				   acct_tpl_lookup_load, &lk, 0, 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	json_t *d = json("{\"n\": \"1.5\", \"p\": \"../secret\", "
			 "\"q\": \"weekly\"}");
	int rc;

	rc = acct_tpl_render_named(&out, "weekly", d, &o, &err);
	CHECK_MSG(rc == 0, "%s", err.msg);
	CHECK_STR(out.buf, "# Week 1.5\n");

	PUT("templates/top.md", "a\n{{> weekly}}{{> missing}}{{>*q}}b\n");
	acct_buf_reset(&out);
	rc = acct_tpl_render_named(&out, "top", d, &o, &err);
	CHECK_MSG(rc == 0, "%s", err.msg);
	CHECK_STR(out.buf, "a\n# Week 1.5\n# Week 1.5\nb\n");

	PUT("templates/p1.md", "x\n  {{> ../secret}}\n");
	acct_buf_reset(&out);
	rc = acct_tpl_render_named(&out, "p1", d, &o, &err);
	CHECK(rc == ACCT_EDATA && !strcmp(err.file, "templates/p1.md") &&
	      err.line == 2 && err.col == 3);
	CHECK_STR(err.msg, "unknown template '../secret'; templates are looked "
		  "up by name in templates/");
	CHECK_STR(out.buf, "");

	PUT("templates/p2.md", "{{>*p}}");
	rc = acct_tpl_render_named(&out, "p2", d, &o, &err);
	CHECK(rc == ACCT_EDATA && !strcmp(err.file, "templates/p2.md") &&
	      err.line == 1 && err.col == 1);

	PUT("templates/p3.md", "{{> evil}}");
	rc = acct_tpl_render_named(&out, "p3", d, &o, &err);
	CHECK(rc == ACCT_EDATA && !strcmp(err.file, "templates/evil.md"));

	PUT("templates/r1.md", "{{> r2}}\n");
	PUT("templates/r2.md", "{{#n}}{{> r1}}{{/n}}\n");
	rc = acct_tpl_render_named(&out, "r1", d, &o, &err);
	CHECK(rc == ACCT_EDATA);
	CHECK_STR(err.file, "templates/r1.md");
	CHECK(STARTS(err.msg, "partials nest deeper than 64: r1 -> r2 -> r1 "
		     "-> "));

	rc = acct_tpl_render_named(&out, "nope", d, &o, &err);
	CHECK(rc == ACCT_ENOTFOUND);
	CHECK_STR(err.msg, "unknown template 'nope'; templates are looked up "
		  "by name in templates/");
	rc = acct_tpl_render_named(&out, "/etc/passwd", d, &o, &err);
	CHECK(rc == ACCT_EUSAGE);
	json_decref(d);
	acct_buf_release(&out);
}

/* Remove `path` and what is below it, following no links. */
static void remove_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0755);
	if ((d = opendir(path))) {
		while ((e = readdir(d))) {
			struct acct_buf sub = ACCT_BUF_INIT;

			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			acct_buf_addf(&sub, "%s/%s", path, e->d_name);
			remove_tree(sub.buf);
			acct_buf_release(&sub);
		}
		closedir(d);
	}
	CHECK_MSG(rmdir(path) == 0, "rmdir %s: %s", path, strerror(errno));
}

int main(void)
{
	test_tpl__unclosed_tags();
	test_tpl__unclosed_sections();
	test_tpl__wrong_closing();
	test_tpl__bad_names();
	test_tpl__bad_delimiters();
	test_tpl__nesting_bound();
	test_tpl__big_templates();
	test_tpl__values();
	test_tpl__truthiness();
	test_tpl__data_is_not_a_template();
	test_tpl__partials();
	test_tpl__inheritance();
	test_tpl__partial_depth();
	test_tpl__render_bounds();
	test_tpl__escape_html();
	test_tpl__escape_markdown();
	test_tpl__markdown_structure();
	test_tpl__names();
	test_tpl__lookup();
	test_tpl__lookup_render();
	if (book[0])
		remove_tree(book);
	return test_report("tpl");
}
