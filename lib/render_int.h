/*
 * What lib/render.c and lib/render_latex.c share. Private to lib/.
 */
#ifndef ACCT_RENDER_INT_H
#define ACCT_RENDER_INT_H

#include <stddef.h>

#include <cmark.h>
#include <jansson.h>

struct acct_buf;

/* A cell or a point's value as text; "" for null. */
void render_value_text(struct acct_buf *out, const json_t *v);

/* Columns of a text: code points, which is what a verbatim block shows. */
size_t render_width(const char *s);

/* 1 if the table says column `j` holds dates ("date_columns": [2]). */
int render_is_date_column(const json_t *t, size_t j);

/*
 * 1 if cell `v` of column `j` of table `t` is a number, set to the right:
 * a JSON number, an exact decimal, or text in a column the table lists in
 * "number_columns" (amounts with their currency: "RUB 148,200.60").
 */
int render_is_number_cell(const json_t *t, size_t j, const json_t *v);

/*
 * The widths of table `t`'s columns as text, in columns: each as wide as
 * its widest cell, then, with `max`, text columns narrowed (widest first)
 * until the table with two spaces between columns is at most `max` wide.
 * With `natural`, `*natural` gets the widths before narrowing. Free both.
 */
size_t *render_table_widths(const json_t *t, size_t max, size_t **natural);

/* A chart as text: one line per point with a bar of '#'. */
void render_chart_text(struct acct_buf *out, const json_t *c,
		       const char *lang);

/*
 * The code point of the UTF-8 sequence at `*p` (the text was checked, or
 * made by cmark from checked text); `*p` moves past it.
 */
unsigned render_next_cp(const unsigned char **p);

/*
 * `doc` (the template's Markdown, parsed) as a complete LaTeX article
 * for pdflatex, with the tables and charts of `data` (lib/render_latex.c).
 */
void render_latex(struct acct_buf *out, cmark_node *doc, const json_t *data,
		  const char *title, const char *lang, const char *date);

/* `s` with HTML's special characters escaped, added to `out`. */
void render_html_escape(struct acct_buf *out, const char *s);

/*
 * The code blocks of `doc` in document order, or with `only_acct` only
 * acct's chart and table blocks ("acct-chart NAME", "acct-table NAME"):
 * collected before any is replaced, since cmark's iterator must not see
 * the tree change under it. `*n` gets their number; free the array.
 */
cmark_node **render_code_blocks(size_t *n, cmark_node *doc, int only_acct);

/*
 * The chart or table that the acct block with fence info `info` names:
 * its name in `name` (`size` bytes) and its object in `data`'s "charts"
 * or "tables", or NULL.
 */
const json_t *render_block_data(char *name, size_t size, const char *info,
				const json_t *data);

/* Chart `c` as inline SVG (lib/render_chart.c). */
void render_chart_svg(struct acct_buf *out, const json_t *c, int id,
		      const char *lang);

#endif
