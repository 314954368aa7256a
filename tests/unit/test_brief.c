#include "acct/brief.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/builtin.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

#define PATH "clients/acme/brief.md"

/* Parse a brief that must parse; NULL (and a failed check) if not. */
#define GOOD(text) good_(__LINE__, (text), sizeof(text) - 1)

static struct acct_brief *good_(int at, const char *text, size_t len)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_brief *b = NULL;
	int rc = acct_brief_parse(&b, PATH, text, len, &err);

	CHECK_MSG(rc == 0 && b, "line %d: %d %s:%zu:%zu %s", at, rc, err.file,
		  err.line, err.col, err.msg);
	return rc ? NULL : b;
}

/* A brief that must be refused: ACCT_EDATA at line:col, `msg` in it. */
#define BAD(text, line, col, msg) \
	bad_(__LINE__, (text), sizeof(text) - 1, (line), (col), (msg))

static void bad_(int at, const char *text, size_t len, size_t line,
		 size_t col, const char *msg)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_brief *b = (struct acct_brief *)&err;
	int rc = acct_brief_parse(&b, PATH, text, len, &err);

	CHECK_MSG(rc == ACCT_EDATA, "line %d: rc %d, want ACCT_EDATA", at, rc);
	CHECK_MSG(b == NULL, "line %d: out not NULL on error", at);
	CHECK_MSG(!strcmp(err.file, PATH), "line %d: file '%s'", at, err.file);
	CHECK_MSG(err.line == line && err.col == col,
		  "line %d: at %zu:%zu, want %zu:%zu (%s)", at, err.line,
		  err.col, line, col, err.msg);
	CHECK_MSG(strstr(err.msg, msg) != NULL, "line %d: message '%s' lacks '%s'",
		  at, err.msg, msg);
}

/* The content bytes of a section, for comparing. */
static int content_is(const struct acct_brief *b,
		      const struct acct_brief_section *s, const char *want)
{
	return s && s->end - s->start == strlen(want) &&
	       !memcmp(b->text.buf + s->start, want, strlen(want));
}

static const char *key_or_null(const struct acct_brief_section *s)
{
	return s->key ? s->key : "(null)";
}

static void test_brief__sections_and_ranges(void)
{
	static const char text[] =
		"# Brief: Acme\n"
		"\n"
		"Intro text.\n"
		"\n"
		"## Audience\n"
		"\n"
		"Offices in Moscow.\n"
		"\n"
		"## KPIs ##\n"
		"CPL <= 500\n";
	struct acct_brief *b = good_(__LINE__, text, strlen(text));
	const struct acct_brief_section *s;

	if (!b)
		return;
	CHECK_INT(b->n, 2);
	s = acct_brief_section(b, "audience");
	CHECK(s == &b->sections[0]);
	CHECK_STR(s->title, "Audience");
	CHECK_INT(s->line, 5);
	CHECK_INT(s->head, strstr(text, "## Audience") - text);
	CHECK(content_is(b, s, "\nOffices in Moscow.\n\n"));
	CHECK_STR(s->text, "Offices in Moscow.");
	CHECK_INT(s->empty, 0);
	s = acct_brief_section(b, "kpi");
	CHECK(s == &b->sections[1]);
	CHECK_STR(s->title, "KPIs");
	CHECK_INT(s->line, 9);
	CHECK(content_is(b, s, "CPL <= 500\n"));
	CHECK_INT(s->end, sizeof(text) - 1);
	CHECK(acct_brief_section(b, "budget") == NULL);
	CHECK(acct_brief_section(b, NULL) == NULL);
	acct_brief_free(b);
}

static void test_brief__fenced_code_is_not_a_section(void)
{
	struct acct_brief *b = GOOD(
		"## Audience\n"
		"\n"
		"```markdown\n"
		"## Budget\n"
		"```\n"
		"\n"
		"~~~\n"
		"## KPIs\n"
		"~~~\n"
		"\n"
		"    ## Deadlines (indented code)\n"
		"\n"
		"- ## Competitors (in a list)\n"
		"\n"
		"> ## Category (in a quote)\n"
		"\n"
		"<!--\n"
		"## Materials (in a comment)\n"
		"-->\n"
		"\n"
		"## Budget\n"
		"\n"
		"100 000 RUB\n");

	if (!b)
		return;
	CHECK_INT(b->n, 2);
	CHECK_STR(key_or_null(&b->sections[0]), "audience");
	CHECK_STR(key_or_null(&b->sections[1]), "budget");
	CHECK_INT(b->sections[1].line, 21);
	CHECK_INT(b->sections[0].empty, 0);
	CHECK(strstr(b->sections[0].text, "```markdown\n## Budget\n```") != NULL);
	CHECK(acct_brief_section(b, "kpi") == NULL);
	CHECK(acct_brief_section(b, "materials") == NULL);
	acct_brief_free(b);
}

static void test_brief__unclosed_fence_swallows_the_rest(void)
{
	struct acct_brief *b = GOOD(
		"## Audience\n"
		"```\n"
		"## Budget\n");

	if (!b)
		return;
	CHECK_INT(b->n, 1);
	CHECK(acct_brief_section(b, "budget") == NULL);
	acct_brief_free(b);
}

static void test_brief__russian_headings(void)
{
	struct acct_brief *b = GOOD(
		"# Бриф\n"
		"\n"
		"## Бренд и позиционирование\n"
		"Кофе для офисов.\n"
		"## Целевая аудитория\n"
		"## Бизнес-цели\n"
		"## Маркетинговые цели\n"
		"## Цели проекта\n"
		"## KPI\n"
		"## Сроки\n"
		"## Материалы и доступы\n"
		"- [x] Брендбук\n"
		"- [ ] Доступ к Метрике\n");
	static const char *const want[] = {
		"brand", "audience", "business-goals", "marketing-goals",
		"project-goals", "kpi", "deadlines", "materials",
	};
	size_t i;

	if (!b)
		return;
	CHECK_INT(b->n, 8);
	for (i = 0; i < b->n && i < 8; i++)
		CHECK_STR(key_or_null(&b->sections[i]), want[i]);
	CHECK_STR(b->sections[0].title, "Бренд и позиционирование");
	CHECK_STR(b->sections[0].text, "Кофе для офисов.");
	CHECK_INT(b->sections[1].empty, 1);
	CHECK_INT(b->sections[7].nitems, 2);
	if (b->sections[7].nitems == 2) {
		CHECK_STR(b->sections[7].items[0].text, "Брендбук");
		CHECK_INT(b->sections[7].items[0].checked, 1);
		CHECK_STR(b->sections[7].items[1].text, "Доступ к Метрике");
		CHECK_INT(b->sections[7].items[1].checked, 0);
		CHECK_INT(b->sections[7].items[1].line, 13);
	}
	acct_brief_free(b);
}

static void test_brief__headings_ignore_case_and_spacing(void)
{
	struct acct_brief *b;

	/* "Бизнес цели" is business-goals again. */
	BAD("## business_goals\n## Бизнес цели\n", 2, 1, "business-goals");

	b = GOOD("## BRAND AND POSITIONING\n"
		 "## целевая АУДИТОРИЯ\n"
		 "##   Key   advantages  \n"
		 "## Budget:\n"
		 "## Marketing–goals\n"	/* an en dash */
		 "## Why\n");
	if (!b)
		return;
	CHECK_STR(key_or_null(&b->sections[0]), "brand");
	CHECK_STR(key_or_null(&b->sections[1]), "audience");
	CHECK_STR(key_or_null(&b->sections[2]), "advantages");
	CHECK_STR(b->sections[2].title, "Key   advantages");
	CHECK_STR(key_or_null(&b->sections[3]), "budget");
	CHECK_STR(key_or_null(&b->sections[4]), "marketing-goals");
	CHECK_STR(key_or_null(&b->sections[5]), "why");
	acct_brief_free(b);
}

static void test_brief__unknown_headings_are_kept(void)
{
	struct acct_brief *b = GOOD(
		"## Audience\n"
		"Offices.\n"
		"\n"
		"## Notes from the kick-off\n"
		"Call Ivan.\n"
		"\n"
		"## Budget\n");

	if (!b)
		return;
	CHECK_INT(b->n, 3);
	CHECK(b->sections[1].key == NULL);
	CHECK_STR(b->sections[1].title, "Notes from the kick-off");
	CHECK_STR(b->sections[1].text, "Call Ivan.");
	/* The unknown section ends the one before it. */
	CHECK_STR(b->sections[0].text, "Offices.");
	CHECK_INT(b->sections[2].empty, 1);
	acct_brief_free(b);
}

static void test_brief__emphasis_in_heading(void)
{
	struct acct_brief *b = GOOD("## *Key* `advantages`\nFast.\n");

	if (!b)
		return;
	CHECK_STR(key_or_null(&b->sections[0]), "advantages");
	CHECK_STR(b->sections[0].title, "Key advantages");
	acct_brief_free(b);
}

static void test_brief__level_one_heading_ends_a_section(void)
{
	struct acct_brief *b = GOOD(
		"## Audience\n"
		"Offices.\n"
		"# Appendix\n"
		"Not a section's text.\n"
		"### Deeper\n"
		"## Budget\n"
		"### Q1\n"
		"Some.\n");

	if (!b)
		return;
	CHECK_INT(b->n, 2);
	CHECK(content_is(b, &b->sections[0], "Offices.\n"));
	CHECK_STR(b->sections[1].text, "### Q1\nSome.");
	acct_brief_free(b);
}

static void test_brief__setext_headings(void)
{
	static const char text[] =
		"Audience\n"
		"--------\n"
		"Offices.\n"
		"\n"
		"Key\n"
		"advantages\n"
		"===\n"
		"\n"
		"Budget\n"
		"---\n";
	struct acct_brief *b = good_(__LINE__, text, strlen(text));

	if (!b)
		return;
	CHECK_INT(b->n, 2);	/* a level-1 setext heading is no section */
	CHECK_STR(key_or_null(&b->sections[0]), "audience");
	CHECK_INT(b->sections[0].line, 1);
	CHECK(content_is(b, &b->sections[0], "Offices.\n\n"));
	CHECK_STR(key_or_null(&b->sections[1]), "budget");
	CHECK_INT(b->sections[1].start, sizeof(text) - 1);
	CHECK_INT(b->sections[1].empty, 1);
	acct_brief_free(b);
}

static void test_brief__comments_count_as_empty(void)
{
	struct acct_brief *b = GOOD(
		"## Audience\n"
		"\n"
		"<!-- Who buys and who decides. -->\n"
		"\n"
		"## Competitors\n"
		"<!-- hint -->\n"
		"<!-- another\n"
		"     on two lines -->\n"
		"\n"
		"## Budget\n"
		"<!-- hint --> 100 000 RUB\n"
		"\n"
		"## KPIs\n"
		"<!-- hint -->\n"
		"\n"
		"CPL <= 500\n"
		"<!-- hint -->\n"
		"\n"
		"## Deadlines\n"
		"<div>raw</div>\n");

	if (!b)
		return;
	CHECK_INT(b->n, 5);
	CHECK_INT(b->sections[0].empty, 1);
	CHECK_STR(b->sections[0].text, "");
	CHECK_INT(b->sections[1].empty, 1);
	CHECK_STR(b->sections[1].text, "");
	CHECK_INT(b->sections[2].empty, 0);
	CHECK_STR(b->sections[2].text, "<!-- hint --> 100 000 RUB");
	CHECK_INT(b->sections[3].empty, 0);
	CHECK_STR(b->sections[3].text, "CPL <= 500");
	CHECK_INT(b->sections[4].empty, 0);
	acct_brief_free(b);
}

static void test_brief__blank_section_is_empty(void)
{
	struct acct_brief *b = GOOD("## Audience\n \n\t\n\n## Budget");

	if (!b)
		return;
	CHECK_INT(b->n, 2);
	CHECK_INT(b->sections[0].empty, 1);
	CHECK_STR(b->sections[0].text, "");
	CHECK_INT(b->sections[1].empty, 1);
	CHECK_INT(b->sections[1].start, b->text.len);
	CHECK_INT(b->sections[1].end, b->text.len);
	acct_brief_free(b);
}

static void test_brief__checklist_items(void)
{
	struct acct_brief *b = GOOD(
		"## Materials and accesses\n"
		"\n"
		"- [ ] Brand book\n"
		"- [x] Access to *Metrica*\n"
		"* [X] Price list\n"
		"- [ ]\n"
		"  continued\n"
		"- [] not an item\n"
		"- [ ]not an item either\n"
		"- plain item\n"
		"1. [ ] Numbered\n"
		"   - [ ] Nested\n"
		"\n"
		"Text.\n"
		"\n"
		"    - [ ] indented code, not an item\n");
	const struct acct_brief_section *s;

	if (!b)
		return;
	s = acct_brief_section(b, "materials");
	CHECK(s != NULL);
	if (!s)
		goto out;
	CHECK_INT(s->nitems, 6);
	if (s->nitems != 6)
		goto out;
	CHECK_STR(s->items[0].text, "Brand book");
	CHECK_INT(s->items[0].checked, 0);
	CHECK_INT(s->items[0].line, 3);
	CHECK_STR(s->items[1].text, "Access to Metrica");
	CHECK_INT(s->items[1].checked, 1);
	CHECK_STR(s->items[2].text, "Price list");
	CHECK_INT(s->items[2].checked, 1);
	CHECK_STR(s->items[3].text, "continued");
	CHECK_STR(s->items[4].text, "Numbered");
	CHECK_STR(s->items[5].text, "Nested");
	CHECK_INT(s->items[5].checked, 0);
out:
	acct_brief_free(b);
}

static void test_brief__crlf_and_bom(void)
{
	static const char text[] =
		"\xef\xbb\xbf# Brief\r\n"
		"\r\n"
		"## Audience\r\n"
		"\r\n"
		"Offices.\r\n"
		"Moscow.\r\n"
		"\r\n"
		"## Budget\r\n";
	struct acct_brief *b = good_(__LINE__, text, strlen(text));

	if (!b)
		return;
	CHECK_INT(b->n, 2);
	CHECK_INT(b->sections[0].line, 3);
	CHECK(content_is(b, &b->sections[0], "\r\nOffices.\r\nMoscow.\r\n\r\n"));
	CHECK_STR(b->sections[0].text, "Offices.\nMoscow.");
	CHECK_INT(b->sections[1].line, 8);
	acct_brief_free(b);
}

static void test_brief__old_mac_line_breaks(void)
{
	struct acct_brief *b = GOOD("## Audience\rOffices.\r## Budget\r");

	if (!b)
		return;
	CHECK_INT(b->n, 2);
	CHECK(content_is(b, &b->sections[0], "Offices.\r"));
	CHECK_INT(b->sections[1].line, 3);
	acct_brief_free(b);
}

static void test_brief__known_section_twice(void)
{
	BAD("## Audience\nA\n\n## Budget\n\n## audience\nB\n", 6, 1,
	    "section 'audience' again (it starts at line 1 too)");
	BAD("## KPI\n\n  ## KPIs\n", 3, 3, "'kpi'");
	/* Unknown headings may repeat. */
	acct_brief_free(GOOD("## Notes\n## Notes\n"));
}

static void test_brief__not_utf8(void)
{
	BAD("## Audience\nab\xff\n", 2, 3, "not UTF-8 text (byte 0xff)");
	BAD("## Audience\r\nя\xd0\n", 2, 2, "not UTF-8");
	BAD("## Audience\n\nx\0y\n", 3, 2, "NUL");
	BAD("\xed\xa0\x80", 1, 1, "not UTF-8");	/* a surrogate */
}

static void test_brief__empty_text(void)
{
	struct acct_brief *b = GOOD("");

	if (!b)
		return;
	CHECK_INT(b->n, 0);
	acct_brief_free(b);
	acct_brief_free(NULL);
}

static void test_brief__keys_and_titles(void)
{
	size_t n;

	for (n = 0; acct_brief_keys[n]; n++)
		;
	CHECK_INT(n, 13);
	CHECK_STR(acct_brief_key("kpi"), "kpi");
	CHECK(acct_brief_key("kpi") == acct_brief_keys[9]);
	CHECK_STR(acct_brief_key("KPIs"), "kpi");
	CHECK_STR(acct_brief_key("business-goals"), "business-goals");
	CHECK_STR(acct_brief_key("Business goals"), "business-goals");
	CHECK_STR(acct_brief_key("ЦЕЛЕВАЯ аудитория"), "audience");
	CHECK_STR(acct_brief_key("Материалы и доступы"), "materials");
	CHECK(acct_brief_key("nope") == NULL);
	CHECK(acct_brief_key("") == NULL);
	CHECK(acct_brief_key("\xff") == NULL);
	CHECK_STR(acct_brief_title("why", "en"), "Why the project exists");
	CHECK_STR(acct_brief_title("why", "ru"), "Зачем нужен проект");
	CHECK_STR(acct_brief_title("kpi", "xx"), "KPIs");
	CHECK(acct_brief_title("nope", "en") == NULL);
	/* Every title of every locale names its own key. */
	for (n = 0; acct_brief_keys[n]; n++) {
		CHECK_STR(acct_brief_key(acct_brief_title(acct_brief_keys[n], "en")),
			  acct_brief_keys[n]);
		CHECK_STR(acct_brief_key(acct_brief_title(acct_brief_keys[n], "ru")),
			  acct_brief_keys[n]);
	}
}

static void check_template(const char *name)
{
	const struct acct_builtin_file *f = acct_builtin_find(name);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_brief_findings fi = ACCT_BRIEF_FINDINGS_INIT;
	struct acct_brief *b = NULL;
	size_t i;

	CHECK_MSG(f != NULL, "no built-in %s", name);
	if (!f)
		return;
	CHECK_MSG(acct_brief_parse(&b, name, f->data, f->len, &err) == 0,
		  "%s: %zu:%zu %s", name, err.line, err.col, err.msg);
	if (!b)
		return;
	CHECK_INT(b->n, 13);
	for (i = 0; i < b->n && acct_brief_keys[i]; i++)
		CHECK_MSG(b->sections[i].key == acct_brief_keys[i],
			  "%s: section %zu is %s", name, i,
			  key_or_null(&b->sections[i]));
	/* New: every section empty but the materials' checklist. */
	CHECK_INT(acct_brief_find(&fi, b), 1);
	CHECK_INT(fi.nmissing, 0);
	CHECK_INT(fi.nempty, 12);
	CHECK_INT(fi.nunchecked, 7);
	acct_brief_findings_release(&fi);
	acct_brief_free(b);
}

static void test_brief__builtin_templates(void)
{
	check_template("brief.en.md");
	check_template("brief.ru.md");
}

static void test_brief__findings(void)
{
	struct acct_brief_findings f = ACCT_BRIEF_FINDINGS_INIT;
	struct acct_brief *b;
	size_t i;

	CHECK_INT(acct_brief_find(&f, NULL), 1);
	CHECK_INT(f.nmissing, 13);
	for (i = 0; i < f.nmissing; i++)
		CHECK(f.missing[i] == acct_brief_keys[i]);
	CHECK_INT(f.nempty, 0);
	CHECK_INT(f.nunchecked, 0);
	acct_brief_findings_release(&f);

	b = GOOD("## Audience\nOffices.\n## Budget\n<!-- x -->\n"
		 "## Materials\n- [x] A\n- [ ] B\n## Notes\n");
	if (!b)
		return;
	CHECK_INT(acct_brief_find(&f, b), 1);
	CHECK_INT(f.nmissing, 10);
	CHECK_INT(f.nempty, 1);
	CHECK_STR(f.empty[0], "budget");
	CHECK_INT(f.nunchecked, 1);
	CHECK_STR(f.unchecked[0]->text, "B");
	acct_brief_findings_release(&f);
	acct_brief_free(b);
}

static void test_brief__complete(void)
{
	struct acct_brief_findings f = ACCT_BRIEF_FINDINGS_INIT;
	struct acct_buf text = ACCT_BUF_INIT;
	struct acct_brief *b = NULL;
	struct acct_error err = ACCT_ERROR_INIT;
	size_t i;

	for (i = 0; acct_brief_keys[i]; i++)
		acct_buf_addf(&text, "## %s\n\n%s\n\n",
			      acct_brief_title(acct_brief_keys[i], "en"),
			      i == 12 ? "- [x] All" : "Done.");
	CHECK(acct_brief_parse(&b, PATH, text.buf, text.len, &err) == 0);
	CHECK_INT(acct_brief_find(&f, b), 0);
	acct_brief_findings_release(&f);
	acct_brief_free(b);
	acct_buf_release(&text);
}

/* set_section on `text` must give `want` exactly. */
#define SET(text, key, body, want) set_(__LINE__, (text), (key), (body), (want))

static void set_(int at, const char *text, const char *key, const char *body,
		 const char *want)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_brief *b = NULL;
	int rc;

	if (acct_brief_parse(&b, PATH, text, strlen(text), &err) < 0) {
		CHECK_MSG(0, "line %d: %s", at, err.msg);
		return;
	}
	rc = acct_brief_set_section(&out, b, key, body, strlen(body), "en",
				    PATH, &err);
	CHECK_MSG(rc == 0, "line %d: rc %d %s", at, rc, err.msg);
	CHECK_MSG(!strcmp(out.buf, want), "line %d: got\n%s\nwant\n%s", at,
		  out.buf, want);
	acct_buf_release(&out);
	acct_brief_free(b);
}

/* set_section must refuse: ACCT_EUSAGE. */
static void set_bad(const char *text, const char *key, const char *body,
		    size_t len)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_brief *b = NULL;

	if (acct_brief_parse(&b, PATH, text, strlen(text), &err) < 0) {
		CHECK_MSG(0, "%s", err.msg);
		return;
	}
	CHECK_INT(acct_brief_set_section(&out, b, key, body, len, "en", PATH,
					 &err), ACCT_EUSAGE);
	CHECK_INT(out.len, 0);
	acct_buf_release(&out);
	acct_brief_free(b);
}

static void test_brief__set_section(void)
{
	static const char base[] =
		"# Brief\n\n## Audience\n\n<!-- hint -->\n\n## Budget\n\nOld.\n";

	SET(base, "audience", "Offices.\n",
	    "# Brief\n\n## Audience\n\nOffices.\n\n## Budget\n\nOld.\n");
	/* Blank lines around the body go; inner ones stay. */
	SET(base, "audience", "\n\n  \nA\n\nB\n\n\n",
	    "# Brief\n\n## Audience\n\nA\n\nB\n\n## Budget\n\nOld.\n");
	/* The last section; a body without a final line break. */
	SET(base, "budget", "New", "# Brief\n\n## Audience\n\n<!-- hint -->\n\n"
	    "## Budget\n\nNew\n");
	/* An empty body empties it. */
	SET(base, "budget", "", "# Brief\n\n## Audience\n\n<!-- hint -->\n\n"
	    "## Budget\n");
	SET(base, "audience", "", "# Brief\n\n## Audience\n\n## Budget\n\nOld.\n");
	/* A heading on the last line, without a line break. */
	SET("## Audience", "audience", "A", "## Audience\n\nA\n");
	/* A setext heading keeps its underline. */
	SET("Audience\n---\nx\n", "audience", "y", "Audience\n---\n\ny\n");
	/* ### headings and code blocks are fine inside. */
	SET(base, "budget", "### Q1\n```\n## not a heading\n```",
	    "# Brief\n\n## Audience\n\n<!-- hint -->\n\n## Budget\n\n### Q1\n"
	    "```\n## not a heading\n```\n");
}

static void test_brief__set_section_adds_a_missing_one(void)
{
	/* After the known section before it in the template's order. */
	SET("## Audience\n\nA\n\n## Budget\n\nB\n", "kpi", "K",
	    "## Audience\n\nA\n\n## KPIs\n\nK\n\n## Budget\n\nB\n");
	/* Before the first known one when none comes before it. */
	SET("# Brief\n\n## Budget\n\nB\n", "brand", "X",
	    "# Brief\n\n## Brand and positioning\n\nX\n\n## Budget\n\nB\n");
	/* At the end; the text before keeps its bytes but for a line break. */
	SET("# Brief\nintro", "audience", "A",
	    "# Brief\nintro\n## Audience\n\nA\n");
	SET("# Brief\n", "audience", "A", "# Brief\n## Audience\n\nA\n");
	SET("# Brief\n\n", "audience", "", "# Brief\n\n## Audience\n");
	SET("", "deadlines", "D", "## Deadlines\n\nD\n");
	/* Unknown sections stay where they are. */
	SET("## Notes\nN\n## Audience\nA\n", "materials", "- [ ] X",
	    "## Notes\nN\n## Audience\nA\n## Materials and accesses\n\n- [ ] X\n");
}

static void test_brief__set_section_crlf(void)
{
	SET("## Audience\r\n\r\nOld\r\n\r\n## Budget\r\n", "audience", "A\nB\r\nC",
	    "## Audience\r\n\r\nA\r\nB\r\nC\r\n\r\n## Budget\r\n");
	SET("## Audience\r\n", "kpi", "K\n",
	    "## Audience\r\n## KPIs\r\n\r\nK\r\n");
	/* Lone CRs are line breaks too (as for cmark): they stay lone CRs. */
	SET("## Audience\r\rOld\r\r## Budget\r", "audience", "A\nB",
	    "## Audience\r\rA\rB\r\r## Budget\r");
	SET("## Audience\r", "kpi", "K", "## Audience\r## KPIs\r\rK\r");
}

static void test_brief__set_section_russian_title(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_brief *b = NULL;

	CHECK(acct_brief_parse(&b, PATH, "## Бюджет\n", strlen("## Бюджет\n"),
				 &err) == 0);
	if (!b)
		return;
	CHECK(acct_brief_set_section(&out, b, "kpi", "x", 1, "ru", PATH,
				     &err) == 0);
	CHECK_STR(out.buf, "## KPI\n\nx\n\n## Бюджет\n");
	acct_buf_release(&out);
	acct_brief_free(b);
}

static void test_brief__set_section_refuses_structure(void)
{
	static const char base[] = "## Audience\n\nA\n\n## Budget\n\nB\n";

	set_bad(base, "audience", "x\n## KPIs\n", 10);
	set_bad(base, "audience", "x\n## Notes\n", 11);
	set_bad(base, "audience", "# Title\nx\n", 10);
	set_bad(base, "audience", "x\n---\n", 6);	/* a setext heading */
	set_bad(base, "audience", "```\nx\n", 6);
	set_bad(base, "audience", "<!--\nx\n", 7);
	set_bad(base, "budget", "x\n## Budget\n", 12);
	set_bad(base, "audience", "a\xff", 2);
	set_bad(base, "audience", "a\0b", 3);
	set_bad(base, "nope", "a", 1);
}

static struct acct_brief *parse(const char *text)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_brief *b = NULL;

	acct_brief_parse(&b, PATH, text, strlen(text), &err);
	return b;
}

static void changes_are(const char *a, const char *b, const char *want)
{
	struct acct_brief *x = parse(a), *y = parse(b);
	struct acct_buf out = ACCT_BUF_INIT;

	CHECK(x && y);
	if (x && y) {
		acct_brief_changes(&out, x, y);
		CHECK_STR(out.buf, want);
	}
	acct_buf_release(&out);
	acct_brief_free(x);
	acct_brief_free(y);
}

static void test_brief__changes(void)
{
	changes_are("## Audience\nA\n## KPIs\nK\n## Budget\nB\n",
		    "## Audience\nA2\n## KPIs\nK\n## Budget\nB2\n",
		    "audience, budget");
	/* Added, removed, renamed heading. */
	changes_are("## Audience\nA\n", "## Audience\nA\n## KPIs\n", "kpi");
	changes_are("## Audience\nA\n## KPIs\n", "## Audience\nA\n", "kpi");
	changes_are("## Audience\nA\n", "## Целевая аудитория\nA\n", "audience");
	/* Outside the known sections. */
	changes_are("# Brief\n## Audience\nA\n", "# Бриф\n## Audience\nA\n",
		    "other text");
	changes_are("## Audience\nA\n## Notes\nx\n", "## Audience\nA2\n## Notes\ny\n",
		    "audience, other text");
	/* Blank lines around a section's text are layout. */
	changes_are("## Audience\nA\n## Budget\nB\n",
		    "## Audience\n\nA\n\n\n## Budget\nB\n", "layout");
	changes_are("## Audience\nA\n", "## Audience\nA\n\n## KPIs\n", "kpi");
	/* Only the order. */
	changes_are("## Audience\nA\n\n## Budget\nB\n\n",
		    "## Budget\nB\n\n## Audience\nA\n\n", "layout");
}

/* Each item's box is the byte its mark names, in any kind of list. */
static void test_brief__box_marks(void)
{
	const char *text =
		"\xef\xbb\xbf# Brief\r\n"
		"\r\n"
		"## Materials and accesses\r\n"
		"\r\n"
		"- [ ] Brand book\r\n"
		"  * [x] Logo in SVG\r\n"
		"> - [X] Quoted\r\n"
		"1)  [ ] Numbered\r\n"
		"- \\[ ] Escaped\r\n"
		"-\t[ ] After a tab\r\n";
	struct acct_brief *b = good_(__LINE__, text, strlen(text));
	const struct acct_brief_section *s;
	size_t i;

	if (!b)
		return;
	s = acct_brief_section(b, "materials");
	if (!CHECK(s != NULL && s->nitems == 6))
		goto out;
	for (i = 0; i < s->nitems; i++) {
		size_t m = s->items[i].mark;

		if (!strcmp(s->items[i].text, "Escaped")) {
			/* "\\[ ]" is no box to tick in place. */
			CHECK(m == ACCT_BRIEF_NO_MARK);
			continue;
		}
		CHECK_MSG(m != ACCT_BRIEF_NO_MARK && text[m - 1] == '[' &&
			  text[m + 1] == ']' &&
			  (text[m] == ' ') == !s->items[i].checked,
			  "item %zu '%s': mark %zu", i, s->items[i].text, m);
	}
out:
	acct_brief_free(b);
}

static void matches_are(const struct acct_brief *b, const char *part,
			const char *want)
{
	const struct acct_brief_item **v = NULL;
	struct acct_buf got = ACCT_BUF_INIT;
	size_t n = acct_brief_match_items(&v, b, part), i;

	for (i = 0; i < n; i++)
		acct_buf_addf(&got, "%s%s", i ? "; " : "", v[i]->text);
	CHECK_MSG(!strcmp(got.buf, want), "'%s' matches \"%s\", want \"%s\"",
		  part, got.buf, want);
	free(v);
	acct_buf_release(&got);
}

static void test_brief__match_items(void)
{
	struct acct_brief *b = GOOD(
		"## Materials and accesses\n"
		"\n"
		"- [ ] Brand book\n"
		"- [ ] Brand book, old\n"
		"- [x] Доступ к Метрике\n"
		"- [ ] Logo\n"
		"\n"
		"## Audience\n"
		"\n"
		"- [ ] Not material\n");

	if (!b)
		return;
	matches_are(b, "metrica", "");
	matches_are(b, "МЕТРИК", "Доступ к Метрике");
	matches_are(b, "brand", "Brand book; Brand book, old");
	/* The whole text of one wins over the others that hold it. */
	matches_are(b, "BRAND BOOK", "Brand book");
	matches_are(b, "material", "");
	matches_are(b, "", "Brand book; Brand book, old; Доступ к Метрике; Logo");
	acct_brief_free(b);
	/* No materials: nothing; no brief: nothing. */
	b = GOOD("## KPIs\n\n- [ ] CPL\n");
	matches_are(b, "CPL", "");
	acct_brief_free(b);
	matches_are(NULL, "x", "");
}

/* A section's lines: markers and spaces gone, blank lines skipped. */
static void add_line(const char *line, void *payload)
{
	acct_buf_addf(payload, "[%s]", line);
}

static void test_brief__lines(void)
{
	struct acct_buf b = ACCT_BUF_INIT;

	acct_brief_lines("- CPL <= 900 RUB  \r\n\n  * leads >= 200\n+ x\n"
			 "-no marker\n  \nlast", add_line, &b);
	CHECK_STR(b.buf, "[CPL <= 900 RUB][leads >= 200][x][-no marker][last]");
	acct_buf_reset(&b);
	acct_brief_lines("", add_line, &b);
	acct_brief_lines(NULL, add_line, &b);
	CHECK_STR(b.buf, "");
	acct_buf_release(&b);
}

int main(void)
{
	test_brief__sections_and_ranges();
	test_brief__fenced_code_is_not_a_section();
	test_brief__unclosed_fence_swallows_the_rest();
	test_brief__russian_headings();
	test_brief__headings_ignore_case_and_spacing();
	test_brief__unknown_headings_are_kept();
	test_brief__emphasis_in_heading();
	test_brief__level_one_heading_ends_a_section();
	test_brief__setext_headings();
	test_brief__comments_count_as_empty();
	test_brief__blank_section_is_empty();
	test_brief__checklist_items();
	test_brief__crlf_and_bom();
	test_brief__old_mac_line_breaks();
	test_brief__known_section_twice();
	test_brief__not_utf8();
	test_brief__empty_text();
	test_brief__keys_and_titles();
	test_brief__builtin_templates();
	test_brief__findings();
	test_brief__complete();
	test_brief__set_section();
	test_brief__set_section_adds_a_missing_one();
	test_brief__set_section_crlf();
	test_brief__set_section_russian_title();
	test_brief__set_section_refuses_structure();
	test_brief__changes();
	test_brief__box_marks();
	test_brief__match_items();
	test_brief__lines();
	return test_report("test_brief");
}
