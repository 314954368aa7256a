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

int main(void)
{
	test_render__blocks();
	test_render__wide_table();
	test_render__latex();
	return test_report("render");
}
