#include "acct/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/buf.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * The renderer (lib/render.c, lib/render_latex.c): a report's Markdown
 * made into Markdown, HTML, man and LaTeX, with acct's charts and tables.
 */

static void test_render__blocks(void)
{
	json_t *d = json_loads("{\"charts\": {\"n\": {\"title\": \"NPS <by> q\", "
			       "\"unit\": \"NPS\", \"signed\": true, \"points\": "
			       "[{\"label\": \"Q1\", \"value\": null}, {\"label\": "
			       "\"Q2\", \"value\": -20}, {\"label\": \"Q3\", "
			       "\"value\": 50}]}}, \"tables\": {\"t\": {\"title\": "
			       "\"T\", \"columns\": [\"A\", \"B\"], \"rows\": "
			       "[[\"<script>x</script>\", 5]]}}}", 0, NULL);
	static const char md[] = "# Title\n\n```acct-chart n\n```\n\n"
				 "```acct-table t\n```\n\n```acct-chart missing\n```\n";
	struct acct_buf out = ACCT_BUF_INIT;

	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_HTML, "X & Y",
			     "X", "en", "2026-11-23");
	CHECK(strstr(out.buf, "<title>X &amp; Y</title>") != NULL);
	CHECK(strstr(out.buf, "<svg") != NULL);
	CHECK(strstr(out.buf, "<title id=\"chart1-t\">NPS &lt;by&gt; q</title>") != NULL);
	CHECK(strstr(out.buf, "<figcaption>NPS &lt;by&gt; q: Q1 no data, Q2 -20, "
		     "Q3 50</figcaption>") != NULL);
	CHECK(strstr(out.buf, "<td>&lt;script&gt;x&lt;/script&gt;</td>") != NULL);
	CHECK(strstr(out.buf, "<td class=\"num\">5</td>") != NULL);
	CHECK(!strstr(out.buf, "<script"));
	CHECK(strstr(out.buf, "(no chart &#39;missing&#39;)") ||
	      strstr(out.buf, "(no chart 'missing')"));
	acct_buf_reset(&out);
	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_MD, "X", "X", "en",
			     "2026-11-23");
	CHECK(strstr(out.buf, "```\nNPS <by> q\nQ1  no data\nQ2    -20 ------------\n"
		     "Q3     50 ##############################\n```\n") != NULL);
	CHECK(strstr(out.buf, "T\nA                   B\n------------------  -\n<script>x</script>  5\n") != NULL);
	CHECK(strstr(out.buf, "(no chart 'missing')\n") != NULL);
	acct_buf_reset(&out);
	/*
	 * A lone CR ends a line for cmark: the block cmark found is the one
	 * replaced, and the text around it is kept byte for byte.
	 */
	{
		static const char cr[] = "Intro\rmore\n\n```acct-table t\n```\n"
					 "after\rend\n";

		acct_render_markdown(&out, cr, strlen(cr), d, ACCT_FORMAT_MD,
				     "X", "X", "en", "2026-11-23");
		CHECK(!strncmp(out.buf, "Intro\rmore\n\n```\nT\nA ", 20));
		CHECK(strstr(out.buf, "```\nafter\rend\n") != NULL);
		CHECK(!strstr(out.buf, "acct-table"));
		acct_buf_reset(&out);
	}
	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_MAN, "Long: title",
			     "Ü \"q\"", "en", "2026-11-23");
	CHECK(!strncmp(out.buf, ".TH \"\\[u00DC] \\(dqq\\(dq\" 7 \"2026-11-23\"", 38));
	acct_buf_reset(&out);
	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_LATEX, "A_B 😀",
			     "A", "ru", "2026-11-23");
	CHECK(strstr(out.buf, "\\title{A\\_B [U+1F600]}") != NULL);
	CHECK(strstr(out.buf, "\\usepackage[english,russian]{babel}") != NULL);
	acct_buf_release(&out);
	json_decref(d);
}

/* Every line of `s` at most `max` code points wide. */
static int lines_within(const char *s, size_t max)
{
	size_t col = 0;

	for (; *s; s++) {
		if (*s == '\n') {
			col = 0;
			continue;
		}
		if ((*s & 0xc0) != 0x80 && ++col > max)
			return 0;
	}
	return 1;
}

/* The same for roff text: \[uXXXX], \~, \-, \e count one, \& none. */
static int roff_within(const char *s, size_t max)
{
	size_t col = 0;

	while (*s) {
		if (*s == '\n') {
			col = 0;
			s++;
			continue;
		}
		if (*s == '\\' && s[1] == '[') {
			s = strchr(s, ']') ? strchr(s, ']') + 1 : s + 2;
		} else if (*s == '\\' && s[1] == '&') {
			s += 2;
			continue;
		} else if (*s == '\\' && s[1]) {
			s += 2;
		} else {
			s++;
		}
		if (++col > max)
			return 0;
	}
	return 1;
}

/* A wide table wraps its text to 80 columns (64 in a man page). */
static void test_render__wide_table(void)
{
	json_t *d = json_loads("{\"tables\": {\"t\": {\"title\": \"Clients\", "
		"\"columns\": [\"Client\", \"Manager\", \"Last contact\", \"Due\", "
		"\"NPS\"], \"date_columns\": [2], \"rows\": [[\"Acme Robotics\", "
		"\"Boris Ivanov <boris@agency.example>\", \"19 ноября 2026\", "
		"\"критик без ответа, 3 просроченные задачи, написать первым, созвон, "
		"отчёт, квартальный обзор, бриф\", -100]]}}}", 0, NULL);
	static const char md[] = "```acct-table t\n```\n";
	struct acct_buf out = ACCT_BUF_INIT;

	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_MD, "X", "X", "ru",
			     "2026-11-23");
	CHECK_MSG(lines_within(out.buf, 80), "%s", out.buf);
	CHECK(strstr(out.buf, "19 ноября 2026") != NULL);	/* a date stays whole */
	CHECK(strstr(out.buf, "-100\n") != NULL);
	CHECK(strstr(out.buf, "3 просроченные") || strstr(out.buf, "3\nпросроченные") ||
	      strstr(out.buf, "просроченные задачи"));
	acct_buf_reset(&out);
	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_MAN, "X", "X", "en",
			     "2026-11-23");
	{
		/* The code block's lines, between .nf and .fi. */
		const char *a = strstr(out.buf, "\\f[C]\n"), *z = strstr(out.buf, "\\f[]");
		struct acct_buf block = ACCT_BUF_INIT;

		if (CHECK(a && z && z > a)) {
			acct_buf_add(&block, a + 5, (size_t)(z - a - 5));
			CHECK_MSG(roff_within(block.buf, 64), "%s", block.buf);
			CHECK(!roff_within(block.buf, 60));
		}
		acct_buf_release(&block);
	}
	acct_buf_reset(&out);
	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_HTML, "X", "X", "ru",
			     "2026-11-23");
	CHECK(strstr(out.buf, "<td class=\"date\">19 ноября 2026</td>") != NULL);
	CHECK(strstr(out.buf, "<td class=\"num\">-100</td>") != NULL);
	CHECK(strstr(out.buf, "td.date,td.num{white-space:nowrap}") != NULL);
	acct_buf_release(&out);
	json_decref(d);
}

/* LaTeX that pdflatex compiles whatever the language and the text. */
static void test_render__latex(void)
{
	json_t *d = json_loads("{\"tables\": {\"t\": {\"title\": \"Клиенты\", "
		"\"columns\": [\"Client\", \"Due\", \"NPS\"], \"rows\": "
		"[[\"ООО «Ромашка»\", \"write first, call, report, quarterly review, "
		"NPS survey, brief, 3 overdue actions, detractor\", 33], [\"[x] Acme\", "
		"\"-\", \"-\"]]}}}", 0, NULL);
	static const char md[] = "# Отчёт для Acme\n\n"
		"CPI ≤ 80 ₽, CTR ≥ 2%, A → B, Þór, ﬁne Ⅳ, 😀, [site](http://пример.рф/a_b)\n\n"
		"```acct-table t\n```\n\n```\n\\end{verbatim} ~ Код\n```\n";
	static const char plain[] = "# Report\n\nCafé, 5 € and 3 ≤ 4\n";
	struct acct_buf out = ACCT_BUF_INIT;

	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_LATEX,
			     "ООО «Ромашка»: Q4 2026", "ООО «Ромашка»", "en", "23 Nov 2026");
	CHECK(strstr(out.buf, "\\usepackage[T2A,T1]{fontenc}\n") != NULL);
	CHECK(strstr(out.buf, "\\usepackage[russian,english]{babel}\n") != NULL);
	CHECK(strstr(out.buf, "\\section{\\acctcyr{Отчёт для} Acme}") != NULL);
	CHECK(strstr(out.buf, "\\title{\\acctcyr{ООО «Ромашка}»: Q4 2026}") != NULL);
	CHECK(strstr(out.buf, "CPI \\acctmath{\\leq}{<=} 80 RUB, CTR "
		     "\\acctmath{\\geq}{>=} 2\\%, A → B, Þór, ﬁne IV, [U+1F600]") != NULL);
	CHECK(strstr(out.buf, "\\href{http://\\%D0\\%BF") != NULL);
	CHECK(strstr(out.buf, "\\begin{longtable}[l]{@{}l>{\\raggedright"
		     "\\arraybackslash}p{") != NULL);
	CHECK(strstr(out.buf, "em}r@{}}") != NULL);
	CHECK(strstr(out.buf, "[x] Acme & - & - \\tabularnewline") != NULL);
	CHECK(strstr(out.buf, "\\mbox{}\\textbackslash{}end\\{verbatim\\}~"
		     "\\textasciitilde{}~\\acctcyr{Код}\\par") != NULL);
	CHECK(!strstr(out.buf, "\\begin{verbatim}"));
	CHECK(!strstr(out.buf, "?"));
	acct_buf_reset(&out);
	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_LATEX, "Отчёт",
			     "Отчёт", "ru", "23 ноября 2026");
	CHECK(strstr(out.buf, "\\usepackage[english,russian]{babel}\n") != NULL);
	CHECK(strstr(out.buf, "\\section{Отчёт для Acme}") != NULL);
	CHECK(strstr(out.buf, "80 руб., CTR") != NULL);
	CHECK(strstr(out.buf, "\\acctlat{Þ}ór") != NULL);
	acct_buf_reset(&out);
	acct_render_markdown(&out, plain, strlen(plain), d, ACCT_FORMAT_LATEX,
			     "Report", "Report", "en", "23 Nov 2026");
	CHECK(strstr(out.buf, "\\usepackage[T1]{fontenc}\n") != NULL);
	CHECK(strstr(out.buf, "\\usepackage[english]{babel}\n") != NULL);
	CHECK(!strstr(out.buf, "T2A"));
	CHECK(strstr(out.buf, "Café, 5 € and 3 \\acctmath{\\leq}{<=} 4") != NULL);
	acct_buf_release(&out);
	json_decref(d);
}

/* --- each format -------------------------------------------------------- */

/* A report's data as lib/report.c makes it: charts and tables by name. */
static json_t *data(void)
{
	return json_loads(
		"{\"charts\": {"
		"\"contacts\": {\"title\": \"Contacts <per> week\", \"unit\": "
		"\"contacts\", \"signed\": false, \"points\": ["
		"{\"label\": \"W1\", \"value\": 3}, {\"label\": \"W2\", \"value\": 0}, "
		"{\"label\": \"W\\\"3\", \"value\": 6}]}, "
		"\"nps\": {\"title\": \"NPS\", \"unit\": \"NPS\", \"signed\": true, "
		"\"points\": [{\"label\": \"Q1\", \"value\": -50}, "
		"{\"label\": \"Q2\", \"value\": null}, {\"label\": \"Q3\", "
		"\"value\": 100}]}}, "
		"\"tables\": {\"contacts\": {\"title\": \"Contacts & channels\", "
		"\"columns\": [\"Channel\", \"Count\", \"Since\"], "
		"\"date_columns\": [2], \"rows\": ["
		"[\"call\", 2, \"2026-11-02\"], "
		"[\".so /etc/passwd\", 1, null], "
		"[\"'quoted\", 3.5, \"2026-11-20\"], "
		"[\"\\\\fB bold\", true, \"-\"], "
		"[\"<b onclick=\\\"x\\\">a_b & $c</b>\", false, \"\"]]}}}",
		0, NULL);
}

static const char doc[] =
	"# Report: Acme & Co\n\n"
	"## Work done\n\n"
	"### Closed\n\n"
	"- first *item*\n- second **bold** `code`\n\n"
	"1. one\n2. two\n\n"
	"- [ ] open task\n- [x] done task\n\n"
	"| a | b |\n|---|---|\n| 1 | 2 |\n\n"
	"<script>alert(1)</script>\n\n"
	"Text <b onclick=\"x\">raw</b> and [link](javascript:alert(1)) and "
	"[site](https://e.org/?a=1&b=\"2\" \"a \\\"title\\\"\").\n\n"
	"```\nplain <code> & more\n```\n\n"
	"```acct-chart contacts\n```\n\n"
	"```acct-table contacts\n```\n\n"
	"```acct-chart nps\n```\n";

static void render(struct acct_buf *out, const char *md, const json_t *d,
		   enum acct_report_format f, const char *lang)
{
	acct_buf_reset(out);
	acct_render_markdown(out, md, strlen(md), d, f, "Acme: November",
			     "Acme", lang, "2026-11-30");
}

#define HAS(out, s) CHECK_MSG(strstr((out).buf, (s)) != NULL, \
			      "no '%s' in:\n%s", (s), (out).buf)
#define HASNT(out, s) CHECK_MSG(strstr((out).buf, (s)) == NULL, \
				"'%s' in:\n%s", (s), (out).buf)

/*
 * Markdown: the template's text byte for byte, each acct block made a
 * fenced block of text (a table's numbers to the right, a chart's bars
 * scaled to 30 marks, '-' below zero).
 */
static void test_render__markdown(void)
{
	json_t *d = data();
	struct acct_buf out = ACCT_BUF_INIT;
	const char *end = strstr(doc, "```acct-chart contacts");

	render(&out, doc, d, ACCT_FORMAT_MD, "en");
	CHECK(end && !strncmp(out.buf, doc, (size_t)(end - doc)));
	HAS(out, "```\nContacts <per> week\n"
	    "W1       3 ###############\n"
	    "W2       0\n"
	    "W\"3      6 ##############################\n```\n");
	HAS(out, "```\nContacts & channels\n"
	    "Channel                      Count  Since\n"
	    "---------------------------  -----  ----------\n"
	    "call                             2  2026-11-02\n"
	    ".so /etc/passwd                  1\n"
	    "'quoted                        3.5  2026-11-20\n"
	    "\\fB bold                     yes    -\n"
	    "<b onclick=\"x\">a_b & $c</b>  no\n```\n");
	HAS(out, "```\nNPS\nQ1    -50 ---------------\nQ2  no data\n"
	    "Q3    100 ##############################\n```\n");
	HASNT(out, "acct-chart");
	HASNT(out, "acct-table");
	/* No data at all: each block says what is missing. */
	render(&out, doc, NULL, ACCT_FORMAT_MD, "en");
	HAS(out, "(no chart 'contacts')\n");
	HAS(out, "(no table 'contacts')\n");
	/* The same in Russian. */
	render(&out, doc, d, ACCT_FORMAT_MD, "ru");
	HAS(out, "Q2  нет данных\n");
	/* Nothing to render: nothing. */
	render(&out, "", d, ACCT_FORMAT_MD, "en");
	CHECK_STR(out.buf, "");
	acct_buf_release(&out);
	json_decref(d);
}

/*
 * HTML: cmark's (raw HTML dropped, javascript: links emptied) in a page
 * whose title and language are escaped; acct's blocks as a table and
 * inline SVG with every text escaped, attributes included.
 */
static void test_render__html(void)
{
	json_t *d = data();
	struct acct_buf out = ACCT_BUF_INIT;

	render(&out, doc, d, ACCT_FORMAT_HTML, "en");
	CHECK(!strncmp(out.buf, "<!DOCTYPE html>\n<html lang=\"en\">\n", 33));
	HAS(out, "<title>Acme: November</title>");
	HAS(out, "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
	HAS(out, "<h1>Report: Acme &amp; Co</h1>\n<h2>Work done</h2>\n"
	    "<h3>Closed</h3>\n");
	HAS(out, "<ul>\n<li>first <em>item</em></li>\n<li>second <strong>bold"
	    "</strong> <code>code</code></li>\n</ul>\n");
	HAS(out, "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n");
	/* cmark has no task lists or pipe tables: text, as written. */
	HAS(out, "<li>[ ] open task</li>\n<li>[x] done task</li>\n");
	HAS(out, "<p>| a | b |\n|---|---|\n| 1 | 2 |</p>\n");
	HAS(out, "<pre><code>plain &lt;code&gt; &amp; more\n</code></pre>\n");
	HAS(out, "<a href=\"\">link</a>");
	HAS(out, "<a href=\"https://e.org/?a=1&amp;b=%222%22\" title=\"a "
	    "&quot;title&quot;\">site</a>");
	HASNT(out, "<script");
	HASNT(out, "<b onclick");
	HASNT(out, "javascript:");
	/* The table: caption, headings, each cell escaped and classed. */
	HAS(out, "<table>\n<caption>Contacts &amp; channels</caption>\n"
	    "<thead><tr><th scope=\"col\">Channel</th><th scope=\"col\">Count"
	    "</th><th scope=\"col\">Since</th></tr></thead>\n<tbody>\n"
	    "<tr><td>call</td><td class=\"num\">2</td><td class=\"date\">"
	    "2026-11-02</td></tr>\n");
	HAS(out, "<tr><td>.so /etc/passwd</td><td class=\"num\">1</td>"
	    "<td class=\"date\"></td></tr>\n");
	HAS(out, "<td>&#39;quoted</td><td class=\"num\">3.5</td>");
	HAS(out, "<td>&lt;b onclick=&quot;x&quot;&gt;a_b &amp; $c&lt;/b&gt;"
	    "</td><td>no</td>");
	/* Two charts, two ids; a label with a quote inside an attribute's
	 * neighbour text; a bar below zero in red, none for no data. */
	HAS(out, "aria-labelledby=\"chart1-t chart1-d\"");
	HAS(out, "aria-labelledby=\"chart2-t chart2-d\"");
	HAS(out, "<title id=\"chart1-t\">Contacts &lt;per&gt; week</title>");
	HAS(out, "<desc id=\"chart1-d\">Contacts &lt;per&gt; week: W1 3, W2 0, "
	    "W&quot;3 6</desc>");
	HAS(out, ">W&quot;3</text>");
	HAS(out, "fill=\"#c0392b\"");
	HAS(out, "fill=\"#888\">no data</text>");
	HAS(out, "<figcaption>NPS: Q1 -50, Q2 no data, Q3 100</figcaption>");
	CHECK(out.len > 24 &&
	      !strcmp(out.buf + out.len - 24, "</main>\n</body>\n</html>\n"));
	/* The language and the title are escaped where they go. */
	acct_buf_reset(&out);
	acct_render_markdown(&out, "x\n", 2, d, ACCT_FORMAT_HTML,
			     "</title><script>alert(1)</script>", "N",
			     "ru\" onload=\"alert(1)", "2026-11-30");
	HAS(out, "<html lang=\"ru&quot; onload=&quot;alert(1)\">");
	HAS(out, "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
	    "</title>");
	HASNT(out, "<script");
	render(&out, doc, d, ACCT_FORMAT_HTML, "ru");
	HAS(out, "<html lang=\"ru\">");
	HAS(out, "<figcaption>NPS: Q1 -50, Q2 нет данных, Q3 100</figcaption>");
	acct_buf_release(&out);
	json_decref(d);
}

/*
 * Whether a line of roff starts with a control character ('.' or '\'')
 * that is not one of the requests cmark and acct write: a line of text
 * groff would take for a request (".so FILE" reads a file).
 */
static const char *request_in_text(const char *roff)
{
	static const char *const ours[] = {
		".TH ", ".SH\n", ".SS\n", ".PP\n", ".IP", ".nf\n", ".fi\n",
		".RS\n", ".RE\n",
	};
	const char *line = roff, *nl;
	size_t i;

	for (; *line; line = nl ? nl + 1 : line + strlen(line)) {
		int known = 0;

		nl = strchr(line, '\n');
		if (*line != '.' && *line != '\'')
			continue;
		for (i = 0; i < sizeof(ours) / sizeof(*ours); i++)
			if (!strncmp(line, ours[i], strlen(ours[i])))
				known = 1;
		if (!known)
			return line;
	}
	return NULL;
}

/*
 * man: .TH with the name and the date quoted, cmark's sections and
 * lists, and every text escaped for roff, the verbatim blocks included:
 * a line of a code block, a table or a chart that begins with '.' or
 * '\'' is text, not a request.
 */
static void test_render__man(void)
{
	json_t *d = data();
	struct acct_buf out = ACCT_BUF_INIT;
	const char *bad;
	static const char roff[] =
		".br at line start\n\n'apos at line start\n\n"
		"a \\fB backslash and a - dash\n\n"
		"```\n.so /etc/passwd\n.so /etc/group\n'sp 3\n\\fB x\n-\n```\n\n"
		"    .indented\n    'code\n\n"
		"> quoted\n> .next\n\n"
		"- item\n\n      .in a list\n      .again\n\n"
		"A\xc2\xa0" "B \xd0\xaf\n";

	render(&out, doc, d, ACCT_FORMAT_MAN, "en");
	CHECK(!strncmp(out.buf, ".TH \"Acme\" 7 \"2026-11-30\" \"acct\" "
		       "\"Reports\"\n", 40));
	HAS(out, ".SH\nReport: Acme & Co\n.SS\nWork done\n.SS\nClosed\n");
	HAS(out, ".IP \\[bu] 2\nfirst \\f[I]item\\f[]\n");
	HAS(out, ".IP \"1.\" 4\none\n");
	HAS(out, ".IP \\[bu] 2\n[ ] open task\n");
	HAS(out, "\\f[C]\nContacts & channels\n");
	HAS(out, "\\f[C]\nContacts <per> week\nW1       3 ###############\n");
	bad = request_in_text(out.buf);
	CHECK_MSG(!bad, "a request in the text: %.40s", bad);
	/* The table's cells that would be requests. */
	HAS(out, "\\&.so /etc/passwd");
	HAS(out, "\\&'quoted");
	HAS(out, "\\efB bold");

	render(&out, roff, NULL, ACCT_FORMAT_MAN, "en");
	bad = request_in_text(out.buf);
	CHECK_MSG(!bad, "a request in the text: %.40s", bad);
	HAS(out, ".PP\n\\&.br at line start\n.PP\n\\&'apos at line start\n");
	HAS(out, "a \\efB backslash and a \\- dash\n");
	HAS(out, "\\f[C]\n\\&.so /etc/passwd\n\\&.so /etc/group\n\\&'sp 3\n"
	    "\\efB x\n\\-\n\\f[]\n");
	HAS(out, "\\f[C]\n\\&.indented\n\\&'code\n\\f[]\n");
	HAS(out, "quoted\n\\&.next\n");
	HAS(out, "\\&.in a list\n\\&.again\n");
	/* ASCII only: a no-break space is groff's, the rest \[uXXXX]. */
	HAS(out, "A\\~B \\[u042F]\n");
	for (bad = out.buf; *bad && (unsigned char)*bad < 0x80; bad++)
		;
	CHECK_MSG(!*bad, "not ASCII: %.20s", bad);

	/* The header's fields: quotes, backslashes and line breaks. */
	acct_buf_reset(&out);
	acct_render_markdown(&out, "x\n", 2, d, ACCT_FORMAT_MAN, "T",
			     "A \"B\" \\C\nD", "en", "30 ноября 2026");
	CHECK(!strncmp(out.buf, ".TH \"A \\(dqB\\(dq \\eC D\" 7 \"30 "
		       "\\[u043D]\\[u043E]\\[u044F]\\[u0431]\\[u0440]\\[u044F] "
		       "2026\" \"acct\" \"Reports\"\n", 82));
	acct_buf_release(&out);
	json_decref(d);
}

/*
 * LaTeX: the ten special characters escaped wherever text goes (cmark's
 * paragraphs, acct's tables, code and charts, the title and the date);
 * Cyrillic loads T2A and babel's Russian, as the main language for "ru".
 */
static void test_render__latex_escapes(void)
{
	json_t *d = data();
	struct acct_buf out = ACCT_BUF_INIT;
	static const char special[] =
		"# Costs: 100% & more\n\n"
		"a # b $ c % d & e _ f { g } h ~ i ^ j \\\\ k\n\n"
		"```\n# $ % & _ { } ~ ^ \\\n```\n\n"
		"```acct-table contacts\n```\n\n```acct-chart contacts\n```\n";

	acct_buf_reset(&out);
	acct_render_markdown(&out, special, strlen(special), d,
			     ACCT_FORMAT_LATEX, "R&D: 100% {of} $5_000 #1 ~ ^ \\",
			     "R&D", "en", "30 Nov 2026");
	CHECK(!strncmp(out.buf, "\\documentclass[a4paper,11pt]{article}\n", 38));
	HAS(out, "\\title{R\\&D: 100\\% \\{of\\} \\$5\\_000 \\#1 "
	    "\\textasciitilde{} \\textasciicircum{} \\textbackslash{}}\n"
	    "\\date{30 Nov 2026}\n");
	HAS(out, "\\section{Costs: 100\\% \\& more}");
	HAS(out, "a \\# b \\$ c \\% d \\& e \\_ f \\{ g \\} h "
	    "\\textasciitilde{} i \\^{} j \\textbackslash{} k");
	HAS(out, "\\begin{acctcode}\n\\mbox{}\\#~\\$~\\%~\\&~\\_~\\{~\\}~"
	    "\\textasciitilde{}~\\textasciicircum{}~\\textbackslash{}\\par\n"
	    "\\end{acctcode}\n");
	HAS(out, "\\par\\noindent\\textbf{Contacts \\& channels}\\nopagebreak\n");
	HAS(out, "\\textbf{Channel} & \\textbf{Count} & \\textbf{Since} "
	    "\\tabularnewline\n\\hline\n\\endhead\n");
	HAS(out, "call & 2 & \\mbox{2026-11-02} \\tabularnewline\n");
	HAS(out, "\\textbackslash{}fB bold & yes & \\mbox{-} \\tabularnewline\n");
	HAS(out, "<b onclick=\"x\">a\\_b \\& \\$c</b> & no & \\mbox{} "
	    "\\tabularnewline\n");
	HAS(out, "\\mbox{}W\"3~~~~~~6~\\#\\#\\#");
	HAS(out, "\\end{document}\n");
	/* English alone: T1, babel's English, no Cyrillic machinery. */
	HAS(out, "\\usepackage[T1]{fontenc}\n");
	HAS(out, "\\usepackage[english]{babel}\n");
	HASNT(out, "\\acctcyr{");

	/* Cyrillic in an English report: a run in \acctcyr{...}. */
	acct_buf_reset(&out);
	acct_render_markdown(&out, "Отчёт для Acme\n", 22, d, ACCT_FORMAT_LATEX,
			     "Acme", "Acme", "en", "30 Nov 2026");
	HAS(out, "\\usepackage[T2A,T1]{fontenc}\n");
	HAS(out, "\\usepackage[russian,english]{babel}\n");
	HAS(out, "\\acctcyr{Отчёт для} Acme\n");
	/* Cyrillic in a Russian one: the main language, no runs. */
	acct_buf_reset(&out);
	acct_render_markdown(&out, "Отчёт для Acme\n", 22, d, ACCT_FORMAT_LATEX,
			     "Acme", "Acme", "ru", "30 ноября 2026");
	HAS(out, "\\usepackage[english,russian]{babel}\n");
	HAS(out, "\\date{30 ноября 2026}\n");
	HAS(out, "Отчёт для Acme\n");
	HASNT(out, "\\acctcyr{");
	/* Russian asked for, but no Cyrillic anywhere: English's fonts. */
	acct_buf_reset(&out);
	acct_render_markdown(&out, "Acme\n", 5, d, ACCT_FORMAT_LATEX, "Acme",
			     "Acme", "ru", "2026-11-30");
	HAS(out, "\\usepackage[T1]{fontenc}\n");
	HASNT(out, "T2A");
	/* Cyrillic only in the title is enough to load it. */
	acct_buf_reset(&out);
	acct_render_markdown(&out, "Acme\n", 5, d, ACCT_FORMAT_LATEX, "Отчёт",
			     "Acme", "en", "2026-11-30");
	HAS(out, "\\usepackage[T2A,T1]{fontenc}\n");
	HAS(out, "\\title{\\acctcyr{Отчёт}}\n");
	acct_buf_release(&out);
	json_decref(d);
}

/*
 * A KPI's chart: exact values with their text, a target per bar (a dashed
 * line; '|' in text), bars coloured by whether it was met; a table's
 * amounts set to the right.
 */
static void test_render__targets(void)
{
	json_t *d = json_loads("{\"charts\": {\"k\": {\"title\": \"CPL\", "
			       "\"unit\": \"RUB\", \"signed\": false, \"points\": "
			       "[{\"label\": \"Sep\", \"value\": null, "
			       "\"target\": 900}, {\"label\": \"Oct\", \"value\": "
			       "\"\\u0000#1000.50\", \"text\": \"RUB 1,000.50\", "
			       "\"target\": 900, \"target_text\": \"RUB 900\", "
			       "\"ok\": false}, {\"label\": \"Nov\", \"value\": "
			       "\"\\u0000#450\", \"text\": \"RUB 450\", \"target\": "
			       "900, \"target_text\": \"RUB 900\", \"ok\": true}]}, "
			       "\"v\": {\"title\": \"Leads\", \"unit\": \"\", "
			       "\"signed\": false, \"points\": [{\"label\": \"W1\", "
			       "\"value\": 7, \"target\": 10}, {\"label\": \"M\", "
			       "\"value\": 40, \"target\": 43}]}}, \"tables\": "
			       "{\"m\": {\"title\": \"M\", \"columns\": [\"Metric\", "
			       "\"Nov\"], \"rows\": [[\"Spend\", \"RUB 148,200.60\"], "
			       "[\"Sales\", \"-\"]], \"number_columns\": [1]}}}",
			       JSON_ALLOW_NUL, NULL);
	static const char md[] = "```acct-chart k\n```\n\n```acct-chart v\n```\n"
				 "\n```acct-table m\n```\n";
	struct acct_buf out = ACCT_BUF_INIT;

	if (!CHECK(d != NULL))
		return;
	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_HTML, "X",
			     "X", "en", "2026-11-23");
	CHECK(strstr(out.buf, "stroke-dasharray=\"6 3\"") != NULL);
	CHECK(strstr(out.buf, "fill=\"#c0392b\"") != NULL);
	CHECK(strstr(out.buf, "fill=\"#2f855a\"") != NULL);
	CHECK(strstr(out.buf, ">RUB 1,000.50</text>") != NULL);
	CHECK(strstr(out.buf, "- - target</text>") != NULL);
	CHECK(strstr(out.buf, "<figcaption>CPL: Sep no data, Oct RUB 1,000.50, "
		     "Nov RUB 450; target RUB 900</figcaption>") != NULL);
	/* Targets that differ are said per bar. */
	CHECK(strstr(out.buf, "<figcaption>Leads: W1 7 (target 10), M 40 "
		     "(target 43)</figcaption>") != NULL);
	CHECK(strstr(out.buf, "<td class=\"num\">RUB 148,200.60</td>") != NULL);
	CHECK(strstr(out.buf, "<td class=\"num\">-</td>") != NULL);
	acct_buf_reset(&out);
	acct_render_markdown(&out, md, strlen(md), d, ACCT_FORMAT_MD, "X", "X",
			     "ru", "2026-11-23");
	CHECK(strstr(out.buf, "```\nCPL (| цель RUB 900)\n"
		     "Sep  нет данных                              |\n"
		     "Oct  RUB 1,000.50 ###########################|##\n"
		     "Nov       RUB 450 #############              |\n```\n")
	      != NULL);
	CHECK(strstr(out.buf, "```\nLeads (| цель)\nW1           7 #####  |\n"
		     "M           40 ############################  |\n```\n")
	      != NULL);
	CHECK(strstr(out.buf, "M\nMetric  Nov\n------  --------------\n"
		     "Spend   RUB 148,200.60\nSales                -\n") != NULL);
	acct_buf_release(&out);
	json_decref(d);
}

int main(void)
{
	test_render__blocks();
	test_render__targets();
	test_render__wide_table();
	test_render__latex();
	test_render__markdown();
	test_render__html();
	test_render__man();
	test_render__latex_escapes();
	return test_report("render");
}
