/*
 * Reports as LaTeX for pdflatex, which compiles whatever the locale and
 * the text. pdflatex's fonts hold what an encoding holds: T1 (Latin) and
 * T2A (Cyrillic, with ASCII), TS1 for symbols. The document loads T2A and
 * babel's Russian only when its text holds Cyrillic; the text of the other
 * encoding goes in \acctcyr{...} (a Russian run in an English document)
 * or \acctlat{...} (the few Latin letters T2A lacks, in a Russian one).
 * Characters that inputenc does not know become a LaTeX command (≤ is
 * \leq), their compatibility decomposition (ﬁ is fi), or their code
 * ([U+1F600]), never an error. Code blocks and charts are set in
 * typewriter type from escaped text, never \verb or verbatim; tables are
 * longtables that fit the page, their text columns wrapped.
 *
 * The tables of code points below were made from TeX Live 2022's
 * utf8enc.dfu, t1enc.dfu, t2aenc.dfu and ts1enc.dfu, by compiling each
 * character in a T1 and a T2A context and keeping those that gave no
 * error and no missing glyph.
 */
#include "render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <jansson.h>
#include <utf8proc.h>

#include "acct/buf.h"
#include "acct/banned.h"

struct cp_range {
	unsigned lo, hi;
};

/* Set in T1 and in T2A alike (or taken from TS1). */
static const struct cp_range any_enc[] = {
	{ 0x00a0, 0x00cf }, { 0x00d1, 0x00dd }, { 0x00df, 0x00ef },
	{ 0x00f1, 0x00fd }, { 0x00ff, 0x0125 }, { 0x0128, 0x0137 },
	{ 0x0139, 0x013e }, { 0x0141, 0x0148 }, { 0x014c, 0x0165 },
	{ 0x0168, 0x017e }, { 0x0192, 0x0192 }, { 0x01c4, 0x01d4 },
	{ 0x01e2, 0x01e3 }, { 0x01e6, 0x01eb }, { 0x01f0, 0x01f0 },
	{ 0x01f4, 0x01f5 }, { 0x0218, 0x021b }, { 0x0232, 0x0233 },
	{ 0x0237, 0x0237 }, { 0x02c6, 0x02c7 }, { 0x02d8, 0x02d9 },
	{ 0x02db, 0x02dd }, { 0x0e3f, 0x0e3f }, { 0x1e02, 0x1e03 },
	{ 0x1e0d, 0x1e0d }, { 0x1e1e, 0x1e21 }, { 0x1e25, 0x1e25 },
	{ 0x1e30, 0x1e31 }, { 0x1e37, 0x1e37 }, { 0x1e43, 0x1e43 },
	{ 0x1e45, 0x1e45 }, { 0x1e47, 0x1e47 }, { 0x1e5b, 0x1e5b },
	{ 0x1e63, 0x1e63 }, { 0x1e6d, 0x1e6d }, { 0x1e8e, 0x1e91 },
	{ 0x1e9e, 0x1e9e }, { 0x1ef2, 0x1ef3 }, { 0x200c, 0x200c },
	{ 0x2010, 0x2016 }, { 0x2018, 0x201a }, { 0x201c, 0x201e },
	{ 0x2020, 0x2022 }, { 0x2026, 0x2026 }, { 0x2030, 0x2031 },
	{ 0x2039, 0x203b }, { 0x203d, 0x203d }, { 0x2044, 0x2044 },
	{ 0x204e, 0x204e }, { 0x2052, 0x2052 }, { 0x20a1, 0x20a1 },
	{ 0x20a4, 0x20a4 }, { 0x20a6, 0x20a6 }, { 0x20a9, 0x20a9 },
	{ 0x20ab, 0x20ac }, { 0x20b1, 0x20b1 }, { 0x2103, 0x2103 },
	{ 0x2116, 0x2117 }, { 0x211e, 0x211e }, { 0x2120, 0x2120 },
	{ 0x2122, 0x2122 }, { 0x2126, 0x2127 }, { 0x212e, 0x212e },
	{ 0x2190, 0x2193 }, { 0x2329, 0x232a }, { 0x2422, 0x2423 },
	{ 0x25e6, 0x25e6 }, { 0x25ef, 0x25ef }, { 0x266a, 0x266a },
	{ 0x27e8, 0x27e9 }, { 0x3008, 0x3009 }, { 0xfb00, 0xfb06 },
	{ 0xfeff, 0xfeff },
};

/* Only in T1: Ð Þ ð þ Ŋ ŋ. */
static const struct cp_range t1_only[] = {
	{ 0x00d0, 0x00d0 }, { 0x00de, 0x00de }, { 0x00f0, 0x00f0 },
	{ 0x00fe, 0x00fe }, { 0x014a, 0x014b },
};

/* Only in T2A: the Cyrillic it holds. */
static const struct cp_range t2a_only[] = {
	{ 0x0400, 0x045f }, { 0x0490, 0x0493 }, { 0x0496, 0x049d },
	{ 0x04a0, 0x04a5 }, { 0x04aa, 0x04ab }, { 0x04ae, 0x04b3 },
	{ 0x04b6, 0x04bb }, { 0x04c0, 0x04c2 }, { 0x04d0, 0x04df },
	{ 0x04e2, 0x04e9 }, { 0x04ec, 0x04f5 }, { 0x04f8, 0x04f9 },
};

/*
 * Signs inputenc does not know, as commands (\acctmath sets them in math,
 * with the second text for PDF bookmarks), and spaces and marks that are
 * better as LaTeX's own or left out. The rouble sign is a word, below.
 */
static const struct {
	unsigned cp;
	const char *tex;
} signs[] = {
	{ 0x2002, "\\enspace{}" }, { 0x2003, "\\quad{}" },
	{ 0x2007, "~" }, { 0x2009, "\\," }, { 0x200a, "\\," },
	{ 0x200b, "" }, { 0x200d, "" }, { 0x200e, "" }, { 0x200f, "" },
	{ 0x202a, "" }, { 0x202b, "" }, { 0x202c, "" }, { 0x202d, "" },
	{ 0x202e, "" }, { 0x202f, "\\," }, { 0x2060, "" }, { 0x2066, "" },
	{ 0x2067, "" }, { 0x2068, "" }, { 0x2069, "" },
	{ 0x2032, "\\acctmath{'}{'}" }, { 0x2033, "\\acctmath{''}{\"}" },
	{ 0x2194, "\\acctmath{\\leftrightarrow}{<->}" },
	{ 0x21d0, "\\acctmath{\\Leftarrow}{<=}" },
	{ 0x21d2, "\\acctmath{\\Rightarrow}{=>}" },
	{ 0x21d4, "\\acctmath{\\Leftrightarrow}{<=>}" },
	{ 0x2212, "\\acctmath{-}{-}" }, { 0x2213, "\\acctmath{\\mp}{-+}" },
	{ 0x2217, "\\acctmath{\\ast}{*}" }, { 0x221a, "\\acctmath{\\surd}{sqrt}" },
	{ 0x221e, "\\acctmath{\\infty}{inf}" },
	{ 0x2248, "\\acctmath{\\approx}{~}" }, { 0x2260, "\\acctmath{\\neq}{!=}" },
	{ 0x2261, "\\acctmath{\\equiv}{==}" }, { 0x2264, "\\acctmath{\\leq}{<=}" },
	{ 0x2265, "\\acctmath{\\geq}{>=}" }, { 0x226a, "\\acctmath{\\ll}{<<}" },
	{ 0x226b, "\\acctmath{\\gg}{>>}" }, { 0x22c5, "\\acctmath{\\cdot}{.}" },
	{ 0x2713, "\\acctmath{\\surd}{v}" }, { 0x2714, "\\acctmath{\\surd}{v}" },
};

enum cp_class {
	CP_ASCII,	/* escaped already by cmark or acct */
	CP_ANY,		/* either encoding */
	CP_T1,		/* T1 only */
	CP_T2A,		/* T2A only: Cyrillic */
	CP_OTHER,	/* neither: a sign, a decomposition or its code */
};

static int in_ranges(unsigned cp, const struct cp_range *r, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

#define IN(cp, table) in_ranges(cp, table, sizeof(table) / sizeof(*table))

static enum cp_class classify(unsigned cp)
{
	if (cp < 0x80)
		return CP_ASCII;
	if (IN(cp, any_enc))
		return CP_ANY;
	if (IN(cp, t2a_only))
		return CP_T2A;
	if (IN(cp, t1_only))
		return CP_T1;
	return CP_OTHER;
}

/* The LaTeX for `cp` of class CP_OTHER, into `out`. */
static void other_char(struct acct_buf *out, unsigned cp, const char *lang)
{
	utf8proc_int32_t d[16];
	utf8proc_ssize_t n, i;
	int last = 0;
	size_t k;

	if (cp == 0x20bd) {		/* ₽: no font here has it */
		acct_buf_addstr(out, strcmp(lang, "ru") ? "RUB" : "руб.");
		return;
	}
	for (k = 0; k < sizeof(signs) / sizeof(*signs); k++)
		if (signs[k].cp == cp) {
			acct_buf_addstr(out, signs[k].tex);
			return;
		}
	if (utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_MN ||
	    utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_CF ||
	    utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_CC)
		return;		/* a combining mark on its own, a format mark */
	/* A compatibility form of what the fonts have: ﬃ, ², ｆ, ṩ ... */
	n = utf8proc_decompose_char((utf8proc_int32_t)cp, d, 16,
				    UTF8PROC_COMPAT | UTF8PROC_STRIPMARK |
				    UTF8PROC_DECOMPOSE, &last);
	if (n > 0 && n <= 16 && !(n == 1 && (unsigned)d[0] == cp)) {
		for (i = 0; i < n; i++)
			if (classify((unsigned)d[i]) == CP_OTHER || d[i] < 0x20 ||
			    (d[i] < 0x80 && strchr("#$%&_{}\\^~", (int)d[i])))
				break;
		if (i == n) {
			for (i = 0; i < n; i++) {
				utf8proc_uint8_t u[4];
				utf8proc_ssize_t len;

				len = utf8proc_encode_char(d[i], u);
				acct_buf_add(out, u, (size_t)len);
			}
			return;
		}
	}
	acct_buf_addf(out, "[U+%04X]", cp);
}

/* How the text is being written. */
struct tex {
	const char *lang;
	int main_t2a;	/* the document's encoding is T2A (else T1) */
	int saw_cyr;	/* Cyrillic came through */
};

/*
 * A run of text of the other encoding is open: what it holds so far, and
 * the spaces and neutral characters after it, which join it only if more
 * of the other encoding follows.
 */
struct run {
	int open;
	struct acct_buf pending;
};

static void run_close(struct acct_buf *out, struct run *r)
{
	if (r->open)
		acct_buf_addch(out, '}');
	r->open = 0;
	acct_buf_addstr(out, r->pending.buf);
	acct_buf_reset(&r->pending);
}

/*
 * A URL argument (of \href or \url, as cmark writes them): copied as it
 * is up to its closing brace, non-ASCII bytes percent-encoded (\%D0...),
 * so that neither a font nor a run reaches into it. Returns the rest.
 */
static const unsigned char *url_arg(struct acct_buf *out,
				    const unsigned char *p)
{
	int depth = 1;

	for (; *p && depth; p++) {
		if (*p == '\\' && p[1]) {
			acct_buf_add(out, p, 2);
			p++;
			continue;
		}
		if (*p == '{')
			depth++;
		else if (*p == '}' && !--depth)
			break;
		if (*p >= 0x80)
			acct_buf_addf(out, "\\%%%02X", *p);
		else
			acct_buf_addch(out, *p);
	}
	if (*p == '}')
		acct_buf_addch(out, *p++);
	return p;
}

/* LaTeX text (escaped) made safe for pdflatex's fonts, as above. */
static void tex_filter(struct acct_buf *out, const char *s, struct tex *tx)
{
	const unsigned char *p = (const unsigned char *)s;
	struct run r = { 0, ACCT_BUF_INIT };

	while (*p) {
		const unsigned char *start = p;
		unsigned cp;
		enum cp_class c;

		if (*p == '\\' && (!strncmp((const char *)p, "\\href{", 6) ||
				   !strncmp((const char *)p, "\\url{", 5))) {
			run_close(out, &r);
			p = (const unsigned char *)strchr((const char *)p, '{') + 1;
			acct_buf_add(out, start, (size_t)(p - start));
			p = url_arg(out, p);
			continue;
		}
		if (*p < 0x80) {
			/* Markup and line breaks end a run; text may join it. */
			if (strchr("\\{}$&#^_%~\n", *p) || *p < 0x20) {
				run_close(out, &r);
				acct_buf_addch(out, *p++);
			} else {
				acct_buf_addch(r.open ? &r.pending : out, *p++);
			}
			continue;
		}
		cp = render_next_cp(&p);
		c = classify(cp);
		if (c == CP_T2A)
			tx->saw_cyr = 1;
		if ((c == CP_T2A && !tx->main_t2a) ||
		    (c == CP_T1 && tx->main_t2a)) {
			if (!r.open)
				acct_buf_addstr(out, c == CP_T2A ? "\\acctcyr{"
								 : "\\acctlat{");
			r.open = 1;
			acct_buf_addstr(out, r.pending.buf);
			acct_buf_reset(&r.pending);
			acct_buf_add(out, start, (size_t)(p - start));
		} else if (c == CP_ANY) {
			acct_buf_add(r.open ? &r.pending : out, start,
				     (size_t)(p - start));
		} else if (c == CP_OTHER) {
			struct acct_buf o = ACCT_BUF_INIT;

			run_close(out, &r);
			other_char(&o, cp, tx->lang);
			/* "руб." is Cyrillic: once more through the filter. */
			if (o.len && (unsigned char)o.buf[0] >= 0x80)
				tex_filter(out, o.buf, tx);
			else
				acct_buf_addstr(out, o.buf);
			acct_buf_release(&o);
		} else {
			run_close(out, &r);
			acct_buf_add(out, start, (size_t)(p - start));
		}
	}
	run_close(out, &r);
	acct_buf_release(&r.pending);
}

/* Escape text for LaTeX: the ten special characters, controls dropped. */
static void tex_escape(struct acct_buf *out, const char *s, int spaces)
{
	for (; *s; s++) {
		if (strchr("#$%&_{}", *s))
			acct_buf_addf(out, "\\%c", *s);
		else if (*s == '\\')
			acct_buf_addstr(out, "\\textbackslash{}");
		else if (*s == '^')
			acct_buf_addstr(out, "\\textasciicircum{}");
		else if (*s == '~')
			acct_buf_addstr(out, "\\textasciitilde{}");
		else if (*s == ' ' && spaces)
			acct_buf_addch(out, '~');
		else if (*s == '\t' && spaces)
			acct_buf_addstr(out, "~~~~~~~~");
		else if ((unsigned char)*s >= 0x20)
			acct_buf_addch(out, *s);
	}
}

/*
 * Lines of typewriter text, each a paragraph of its own, spaces kept:
 * for code blocks and charts. Escaped here, so no line can end the block.
 */
static void code_lines(struct acct_buf *out, const char *text)
{
	acct_buf_addstr(out, "\\begin{acctcode}\n");
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		struct acct_buf line = ACCT_BUF_INIT;

		acct_buf_add(&line, text, n);
		acct_buf_addstr(out, "\\mbox{}");
		tex_escape(out, line.buf, 1);
		acct_buf_addstr(out, "\\par\n");
		acct_buf_release(&line);
		text += nl ? n + 1 : n;
	}
	acct_buf_addstr(out, "\\end{acctcode}\n");
}

/* 1 if every cell of column `j` is a number or "-": set to the right. */
static int numeric_column(const json_t *t, size_t j)
{
	const json_t *row, *v;
	size_t i;
	int any = 0;

	json_array_foreach(json_object_get(t, "rows"), i, row) {
		v = json_array_get(row, j);
		if (json_is_string(v) && !strcmp(json_string_value(v), "-"))
			continue;
		if (!render_is_number_cell(t, j, v))
			return 0;
		any = 1;
	}
	return any;
}

/*
 * A table as a longtable (it may run over pages) as wide as the page at
 * most: the widths acct would give it as text on 70 columns, a column
 * that had to be narrowed set as a paragraph 0.55 em a character (38.5
 * em at most in all, with room for the space between columns on the 17
 * cm of the page). A date stays on one line. The heading repeats on each
 * page.
 */
static void table_latex(struct acct_buf *out, const json_t *t)
{
	const json_t *cols = json_object_get(t, "columns");
	const json_t *rows = json_object_get(t, "rows"), *row, *v;
	size_t ncols = json_array_size(cols), i, j, *natural = NULL;
	size_t *w = render_table_widths(t, 70, &natural);
	struct acct_buf cell = ACCT_BUF_INIT;

	acct_buf_addstr(out, "\\par\\noindent\\textbf{");
	tex_escape(out, json_string_value(json_object_get(t, "title")), 0);
	acct_buf_addstr(out, "}\\nopagebreak\n\\begin{longtable}[l]{@{}");
	for (j = 0; j < ncols; j++) {
		if (w[j] < natural[j])
			acct_buf_addf(out, ">{\\raggedright\\arraybackslash}"
				      "p{%.2fem}", w[j] * 0.55);
		else
			acct_buf_addch(out, numeric_column(t, j) ? 'r' : 'l');
	}
	acct_buf_addstr(out, "@{}}\n");
	json_array_foreach(cols, j, v) {
		acct_buf_addstr(out, j ? " & \\textbf{" : "\\textbf{");
		tex_escape(out, json_string_value(v), 0);
		acct_buf_addch(out, '}');
	}
	acct_buf_addstr(out, " \\tabularnewline\n\\hline\n\\endhead\n");
	json_array_foreach(rows, i, row) {
		for (j = 0; j < ncols; j++) {
			acct_buf_reset(&cell);
			render_value_text(&cell, json_array_get(row, j));
			if (j)
				acct_buf_addstr(out, " & ");
			if (render_is_date_column(t, j))
				acct_buf_addstr(out, "\\mbox{");
			tex_escape(out, cell.buf, 0);
			if (render_is_date_column(t, j))
				acct_buf_addch(out, '}');
		}
		acct_buf_addstr(out, " \\tabularnewline\n");
	}
	acct_buf_addstr(out, "\\end{longtable}\n");
	acct_buf_release(&cell);
	free(natural);
	free(w);
}

/*
 * Replace acct's tables and charts, and every code block, by custom
 * blocks of LaTeX written here. Nodes are collected first: cmark's
 * iterator must not see the tree change under it.
 */
static void replace_latex_blocks(cmark_node *doc, const json_t *data,
				 const char *lang)
{
	size_t n, i;
	cmark_node **found = render_code_blocks(&n, doc, 0);

	for (i = 0; i < n; i++) {
		const char *info = cmark_node_get_fence_info(found[i]);
		int chart = info && !strncmp(info, "acct-chart ", 11);
		int table = info && !strncmp(info, "acct-table ", 11);
		struct acct_buf b = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
		const json_t *what = NULL;
		cmark_node *repl;
		char name[64];

		if (chart || table)
			what = render_block_data(name, sizeof(name), info,
						 data);
		if ((chart || table) && !json_is_object(what)) {
			acct_buf_addf(&text, "(no %s '%s')", chart ? "chart" :
				      "table", name);
			acct_buf_addstr(&b, "\\par ");
			tex_escape(&b, text.buf, 0);
			acct_buf_addstr(&b, "\\par\n");
		} else if (table) {
			table_latex(&b, what);
		} else {
			const char *lit = cmark_node_get_literal(found[i]);

			if (chart)
				render_chart_text(&text, what, lang);
			else
				acct_buf_addstr(&text, lit ? lit : "");
			code_lines(&b, text.buf);
		}
		repl = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
		cmark_node_set_on_enter(repl, b.buf);
		cmark_node_set_on_exit(repl, "");
		cmark_node_replace(found[i], repl);
		cmark_node_free(found[i]);
		acct_buf_release(&b);
		acct_buf_release(&text);
	}
	free(found);
}

void render_latex(struct acct_buf *out, cmark_node *doc, const json_t *data,
		  const char *title, const char *lang, const char *date)
{
	struct acct_buf body = ACCT_BUF_INIT, head = ACCT_BUF_INIT;
	struct acct_buf t = ACCT_BUF_INIT;
	struct tex tx = { lang, 0, 0 };
	char *r;

	replace_latex_blocks(doc, data, lang);
	r = cmark_render_latex(doc, CMARK_OPT_DEFAULT, 0);
	tex_escape(&t, title, 0);
	acct_buf_addstr(&t, "\n");
	tex_escape(&t, date, 0);
	/* A first pass says whether there is Cyrillic: T2A only then. */
	tex_filter(&body, r, &tx);
	tex_filter(&body, t.buf, &tx);
	acct_buf_reset(&body);
	tx.main_t2a = tx.saw_cyr && !strcmp(lang, "ru");
	tex_filter(&body, r, &tx);
	acct_buf_addstr(out, "\\documentclass[a4paper,11pt]{article}\n"
		/* cm-super's scalable fonts at every size, where it is. */
		"\\IfFileExists{type1ec.sty}{\\usepackage[10pt]{type1ec}}{}\n");
	acct_buf_addstr(out, tx.saw_cyr ? "\\usepackage[T2A,T1]{fontenc}\n"
					: "\\usepackage[T1]{fontenc}\n");
	acct_buf_addstr(out, "\\usepackage[utf8]{inputenc}\n"
		"\\makeatletter\n"
		"\\@ifpackageloaded{type1ec}{\\EC@family{TS1}{cmr}{m}{n}{tcrm}"
		"\\EC@family{TS1}{cmr}{m}{it}{tcti}"
		"\\EC@family{TS1}{cmr}{bx}{n}{tcbx}"
		"\\EC@family{TS1}{cmr}{bx}{it}{tcbi}}{}\n"
		"\\makeatother\n");
	if (tx.saw_cyr)
		acct_buf_addf(out, "\\usepackage[%s]{babel}\n", tx.main_t2a ?
			      "english,russian" : "russian,english");
	else
		acct_buf_addstr(out, "\\usepackage[english]{babel}\n");
	acct_buf_addstr(out,
		"\\usepackage[margin=2cm]{geometry}\n"
		"\\usepackage{array}\n"
		"\\usepackage{longtable}\n"
		"\\usepackage{hyperref}\n"
		"\\setlength{\\parindent}{0pt}\n"
		"\\setlength{\\parskip}{0.5em}\n"
		"\\newcommand*\\acctmath[2]{\\texorpdfstring{\\ensuremath{#1}}{#2}}\n"
		"\\DeclareRobustCommand\\acctcyr[1]{\\foreignlanguage{russian}{#1}}\n"
		"\\DeclareRobustCommand\\acctlat[1]{{\\fontencoding{T1}\\selectfont#1}}\n"
		"\\makeatletter\n"
		"\\pdfstringdefDisableCommands{\\let\\acctcyr\\@firstofone"
		"\\let\\acctlat\\@firstofone}\n"
		"\\makeatother\n"
		"\\newenvironment{acctcode}{\\par\\smallskip\\begingroup"
		"\\ttfamily\\small\\setlength{\\parskip}{0pt}\\raggedright}"
		"{\\endgroup\\par\\smallskip}\n"
		"\\title{");
	tex_escape(&head, title, 0);
	tex_filter(out, head.buf, &tx);
	acct_buf_addstr(out, "}\n\\date{");
	acct_buf_reset(&head);
	tex_escape(&head, date, 0);
	tex_filter(out, head.buf, &tx);
	acct_buf_addstr(out, "}\n\\author{}\n\\begin{document}\n");
	acct_buf_addstr(out, body.buf);
	acct_buf_addstr(out, "\\end{document}\n");
	acct_buf_release(&body);
	acct_buf_release(&head);
	acct_buf_release(&t);
	free(r);
}
