/*
 * From Markdown to the output formats, with cmark (never CMARK_OPT_UNSAFE:
 * raw HTML is dropped and javascript: links are emptied). acct's own
 * charts and tables are fenced blocks with the info string "acct-chart
 * NAME" or "acct-table NAME" in the template: in HTML they are replaced by
 * nodes acct builds (inline SVG, a table) with every text escaped here; in
 * Markdown, man and LaTeX by a verbatim block of readable text.
 */
#include "acct/render.h"
#include "render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <jansson.h>

#include "acct/buf.h"
#include "acct/json.h"
#include "acct/text.h"
#include "acct/banned.h"

/* --- text of values ------------------------------------------------------ */

void render_html_escape(struct acct_buf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			acct_buf_addstr(out, "&amp;");
			break;
		case '<':
			acct_buf_addstr(out, "&lt;");
			break;
		case '>':
			acct_buf_addstr(out, "&gt;");
			break;
		case '"':
			acct_buf_addstr(out, "&quot;");
			break;
		case '\'':
			acct_buf_addstr(out, "&#39;");
			break;
		default:
			acct_buf_addch(out, *s);
		}
	}
}

/* A cell or a point's value as text; "" for null. */
void render_value_text(struct acct_buf *out, const json_t *v)
{
	char num[64];

	const char *digits;

	switch (json_typeof(v)) {
	case JSON_STRING:
		if (acct_json_decimal_digits(v, &digits))
			acct_buf_addstr(out, digits);	/* exact: 148200.60 */
		else
			acct_buf_addstr(out, json_string_value(v));
		break;
	case JSON_INTEGER:
		acct_buf_addf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		snprintf(num, sizeof(num), "%.15g", json_real_value(v));
		acct_buf_addstr(out, num);
		break;
	case JSON_TRUE:
		acct_buf_addstr(out, "yes");
		break;
	case JSON_FALSE:
		acct_buf_addstr(out, "no");
		break;
	default:
		break;
	}
}

/* Columns of a text: code points, which is what a verbatim block shows. */
size_t render_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* --- tables ------------------------------------------------------------ */

/*
 * How wide a table as text may be: 80 columns, less in a man page, where
 * a code block starts 14 columns in (7 for the section, 7 for .IP), so
 * that `man -l` on 80 columns shows every line whole, with two to spare.
 */
#define TEXT_TABLE_WIDTH 80
#define MAN_TABLE_WIDTH 64

/* 1 if the table says column `j` holds dates ("date_columns": [2]). */
int render_is_date_column(const json_t *t, size_t j)
{
	const json_t *v;
	size_t i;

	json_array_foreach(json_object_get(t, "date_columns"), i, v)
		if (json_is_integer(v) && json_integer_value(v) == (json_int_t)j)
			return 1;
	return 0;
}

int render_is_number_cell(const json_t *t, size_t j, const json_t *v)
{
	const json_t *x;
	double d;
	size_t i;

	if (acct_json_number(v, &d))
		return 1;
	if (!json_is_string(v))
		return 0;
	json_array_foreach(json_object_get(t, "number_columns"), i, x)
		if (json_is_integer(x) && json_integer_value(x) == (json_int_t)j)
			return 1;
	return 0;
}

static void table_html(struct acct_buf *out, const json_t *t)
{
	const json_t *cols = json_object_get(t, "columns");
	const json_t *rows = json_object_get(t, "rows"), *row, *v;
	struct acct_buf cell = ACCT_BUF_INIT;
	size_t i, j;

	acct_buf_addstr(out, "<table>\n<caption>");
	render_html_escape(out, json_string_value(json_object_get(t, "title")));
	acct_buf_addstr(out, "</caption>\n<thead><tr>");
	json_array_foreach(cols, i, v) {
		acct_buf_addstr(out, "<th scope=\"col\">");
		render_html_escape(out, json_string_value(v));
		acct_buf_addstr(out, "</th>");
	}
	acct_buf_addstr(out, "</tr></thead>\n<tbody>\n");
	json_array_foreach(rows, i, row) {
		acct_buf_addstr(out, "<tr>");
		json_array_foreach(row, j, v) {
			acct_buf_reset(&cell);
			render_value_text(&cell, v);
			acct_buf_addstr(out, render_is_number_cell(t, j, v) ?
					"<td class=\"num\">" :
					render_is_date_column(t, j) ?
					"<td class=\"date\">" : "<td>");
			render_html_escape(out, cell.buf);
			acct_buf_addstr(out, "</td>");
		}
		acct_buf_addstr(out, "</tr>\n");
	}
	acct_buf_addstr(out, "</tbody>\n</table>\n");
	acct_buf_release(&cell);
}

/* The first `cols` columns of `s`, as a byte count. */
static size_t cut_at(const char *s, size_t cols)
{
	const char *p = s;

	for (; *p && cols; cols--)
		for (p++; (*p & 0xc0) == 0x80; p++)
			;
	return (size_t)(p - s);
}

/*
 * `s` wrapped to `w` columns, lines joined by '\n': at spaces where it
 * can be (several spaces are one), inside a word longer than the column.
 */
static void wrap(struct acct_buf *out, const char *s, size_t w)
{
	size_t col = 0;

	while (*s) {
		const char *word;
		struct acct_buf one = ACCT_BUF_INIT;
		size_t wl;

		while (*s == ' ' || *s == '\n')
			s++;
		if (!*s)
			break;
		for (word = s; *s && *s != ' ' && *s != '\n'; s++)
			;
		acct_buf_add(&one, word, (size_t)(s - word));
		wl = render_width(one.buf);
		if (col && col + 1 + wl <= w) {
			acct_buf_addch(out, ' ');
			acct_buf_addstr(out, one.buf);
			col += 1 + wl;
		} else {
			const char *p = one.buf;

			if (col)
				acct_buf_addch(out, '\n');
			for (; wl > w; wl -= w) {
				size_t n = cut_at(p, w);

				acct_buf_add(out, p, n);
				acct_buf_addch(out, '\n');
				p += n;
			}
			acct_buf_addstr(out, p);
			col = wl;
		}
		acct_buf_release(&one);
	}
}

/* The widest word of `s`, in columns. */
static size_t widest_word(const char *s)
{
	size_t best = 0;

	while (*s) {
		const char *word = s;
		struct acct_buf one = ACCT_BUF_INIT;

		for (; *s && *s != ' '; s++)
			;
		acct_buf_add(&one, word, (size_t)(s - word));
		if (render_width(one.buf) > best)
			best = render_width(one.buf);
		acct_buf_release(&one);
		while (*s == ' ')
			s++;
	}
	return best;
}

/*
 * Narrow the columns `w` of a table until the table, with two spaces
 * between columns, is at most `max` wide, the widest column first: not
 * below `word` (its widest word) while that can do, then not below
 * `least` (words break).
 */
static void fit_columns(size_t *w, const size_t *word, const size_t *least,
			const size_t *hard, size_t n, size_t max)
{
	size_t total = 2 * (n ? n - 1 : 0), j, pass;

	for (j = 0; j < n; j++)
		total += w[j];
	/* Down to each column's widest word, then its least, then (text
	 * only, when a wide table must) a few columns. */
	for (pass = 0; pass < 3 && total > max; pass++) {
		while (total > max) {
			size_t best = n;

			for (j = 0; j < n; j++) {
				size_t floor = pass == 0 ? word[j] :
					       pass == 1 ? least[j] : hard[j];

				if (w[j] > floor &&
				    (best == n || w[j] > w[best]))
					best = j;
			}
			if (best == n)
				break;
			w[best]--;
			total--;
		}
	}
}

size_t *render_table_widths(const json_t *t, size_t max, size_t **natural)
{
	const json_t *cols = json_object_get(t, "columns");
	const json_t *rows = json_object_get(t, "rows"), *row, *v;
	size_t ncols = json_array_size(cols), i, j, *w, *word, *least, *data;
	struct acct_buf cell = ACCT_BUF_INIT;
	int *num;

	w = acct_calloc(ncols + 1, sizeof(*w));
	word = acct_calloc(ncols + 1, sizeof(*word));
	num = acct_calloc(ncols + 1, sizeof(*num));
	least = acct_calloc(ncols + 1, sizeof(*least));
	data = acct_calloc(ncols + 1, sizeof(*data));
	for (j = 0; j < ncols; j++)
		num[j] = json_array_size(rows) > 0;
	json_array_foreach(cols, j, v) {
		w[j] = render_width(json_string_value(v));
		word[j] = widest_word(json_string_value(v));
	}
	json_array_foreach(rows, i, row)
		json_array_foreach(row, j, v) {
			if (j >= ncols)
				break;
			acct_buf_reset(&cell);
			render_value_text(&cell, v);
			if (render_width(cell.buf) > w[j])
				w[j] = render_width(cell.buf);
			if (render_width(cell.buf) > data[j])
				data[j] = render_width(cell.buf);
			if (widest_word(cell.buf) > word[j])
				word[j] = widest_word(cell.buf);
			if (!render_is_number_cell(t, j, v))
				num[j] = 0;
		}
	/* Text wraps; numbers and dates stay whole (their heading wraps). */
	for (j = 0; j < ncols; j++) {
		size_t head = widest_word(json_string_value(json_array_get(cols,
									   j)));

		least[j] = 8;
		if (num[j] || render_is_date_column(t, j)) {
			least[j] = data[j] > head ? data[j] : head;
			word[j] = least[j];
		}
		if (least[j] > word[j])
			least[j] = word[j];
	}
	if (natural) {
		*natural = acct_calloc(ncols + 1, sizeof(**natural));
		memcpy(*natural, w, ncols * sizeof(*w));
	}
	if (max) {
		size_t *hard = acct_calloc(ncols + 1, sizeof(*hard));

		for (j = 0; j < ncols; j++)
			hard[j] = num[j] || render_is_date_column(t, j) ||
				  least[j] < 5 ? least[j] : 5;
		fit_columns(w, word, least, hard, ncols, max);
		free(hard);
	}
	free(num);
	free(least);
	free(data);
	free(word);
	acct_buf_release(&cell);
	return w;
}

/*
 * A table as aligned text, numbers to the right; with `max`, at most that
 * many columns wide when it can be, text wrapped inside its cells.
 */
static void table_text(struct acct_buf *out, const json_t *t, size_t max)
{
	const json_t *cols = json_object_get(t, "columns");
	const json_t *rows = json_object_get(t, "rows");
	size_t ncols = json_array_size(cols), i, j;
	size_t *w = render_table_widths(t, max, NULL);
	struct acct_buf cell = ACCT_BUF_INIT;
	struct acct_buf *lines;
	const char **at;

	lines = acct_calloc(ncols + 1, sizeof(*lines));
	at = acct_calloc(ncols + 1, sizeof(*at));
	for (j = 0; j < ncols; j++)
		lines[j] = (struct acct_buf)ACCT_BUF_INIT;
	acct_buf_addstr(out, json_string_value(json_object_get(t, "title")));
	acct_buf_addch(out, '\n');
	for (i = 0; i <= json_array_size(rows); i++) {
		const json_t *r = i ? json_array_get(rows, i - 1) : cols;
		size_t more = ncols, k;

		/* Each cell's lines; a row is as tall as its tallest cell. */
		for (j = 0; j < ncols; j++) {
			acct_buf_reset(&cell);
			render_value_text(&cell, json_array_get(r, j));
			acct_buf_reset(&lines[j]);
			if (render_width(cell.buf) > w[j])
				wrap(&lines[j], cell.buf, w[j]);
			else
				acct_buf_addstr(&lines[j], cell.buf);
			at[j] = lines[j].buf;
		}
		for (k = 0; more; k++) {
			more = 0;
			for (j = 0; j < ncols; j++) {
				const char *nl = strchr(at[j], '\n');
				size_t len = nl ? (size_t)(nl - at[j])
						: strlen(at[j]);
				int right = i && render_is_number_cell(t, j,
					json_array_get(r, j));
				size_t pad, cw;

				acct_buf_reset(&cell);
				acct_buf_add(&cell, at[j], len);
				at[j] += nl ? len + 1 : len;
				if (nl)
					more = 1;
				cw = render_width(cell.buf);
				pad = w[j] > cw ? w[j] - cw : 0;
				if (right)
					while (pad--)
						acct_buf_addch(out, ' ');
				acct_buf_addstr(out, cell.buf);
				if (j + 1 < ncols) {
					if (!right)
						while (pad--)
							acct_buf_addch(out, ' ');
					acct_buf_addstr(out, "  ");
				}
			}
			while (out->len && out->buf[out->len - 1] == ' ')
				acct_buf_setlen(out, out->len - 1);
			acct_buf_addch(out, '\n');
		}
		if (!i) {
			for (j = 0; j < ncols; j++) {
				for (k = 0; k < w[j]; k++)
					acct_buf_addch(out, '-');
				if (j + 1 < ncols)
					acct_buf_addstr(out, "  ");
			}
			acct_buf_addch(out, '\n');
		}
	}
	for (j = 0; j < ncols; j++)
		acct_buf_release(&lines[j]);
	free(lines);
	free(at);
	free(w);
	acct_buf_release(&cell);
}

/* --- the document ------------------------------------------------------ */

static int is_acct_block(const char *info)
{
	return info && (!strncmp(info, "acct-chart ", 11) ||
			!strncmp(info, "acct-table ", 11));
}

cmark_node **render_code_blocks(size_t *n, cmark_node *doc, int only_acct)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node **found = NULL, *node;
	size_t alloc = 0;
	cmark_event_type ev;

	*n = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK)
			continue;
		if (only_acct &&
		    !is_acct_block(cmark_node_get_fence_info(node)))
			continue;
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 8;
			found = acct_realloc(found, alloc * sizeof(*found));
		}
		found[(*n)++] = node;
	}
	cmark_iter_free(it);
	return found;
}

const json_t *render_block_data(char *name, size_t size, const char *info,
				const json_t *data)
{
	int chart = !strncmp(info, "acct-chart ", 11);

	snprintf(name, size, "%s", info + 11);
	name[strcspn(name, " \t")] = '\0';
	return json_object_get(json_object_get(data, chart ? "charts" :
					       "tables"), name);
}

/*
 * A verbatim block as roff, as cmark writes a code block, but with every
 * line escaped: cmark's man renderer escapes a '.' or '\'' that starts
 * the block's first line only, so that a later line such as a table's
 * ".so /etc/passwd" would be a request to groff. Non-ASCII is left to
 * man_ascii(), as for the rest of the page.
 */
static void man_code(struct acct_buf *out, const char *text)
{
	int bol = 1;

	acct_buf_addstr(out, ".IP\n.nf\n\\f[C]\n");
	for (; *text; text++) {
		if (bol && (*text == '.' || *text == '\''))
			acct_buf_addstr(out, "\\&");
		bol = *text == '\n';
		if (*text == '\\')
			acct_buf_addstr(out, "\\e");
		else if (*text == '-')
			acct_buf_addstr(out, "\\-");
		else
			acct_buf_addch(out, *text);
	}
	if (!bol)
		acct_buf_addch(out, '\n');
	acct_buf_addstr(out, "\\f[]\n.fi\n");
}

/* A block that cmark writes out as it is. */
static cmark_node *custom_block(const char *text)
{
	cmark_node *node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);

	cmark_node_set_on_enter(node, text);
	cmark_node_set_on_exit(node, "");
	return node;
}

/*
 * For HTML and man: replace each acct-chart / acct-table block, and in a
 * man page every code block (see man_code()). Nodes are collected first:
 * cmark's iterator must not see the tree change under it.
 */
static void replace_blocks(cmark_node *doc, const json_t *data,
			   enum acct_report_format format, const char *lang)
{
	size_t n, i;
	cmark_node **found = render_code_blocks(&n, doc,
						 format != ACCT_FORMAT_MAN);
	int id = 0;

	for (i = 0; i < n; i++) {
		const char *info = cmark_node_get_fence_info(found[i]);
		int is_chart = info && !strncmp(info, "acct-chart ", 11);
		char name[64];
		const json_t *what;
		struct acct_buf b = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
		cmark_node *repl;

		if (!is_acct_block(info)) {
			/* A man page's own code block. */
			const char *lit = cmark_node_get_literal(found[i]);

			man_code(&b, lit ? lit : "");
			repl = custom_block(b.buf);
			cmark_node_replace(found[i], repl);
			cmark_node_free(found[i]);
			acct_buf_release(&b);
			continue;
		}
		what = render_block_data(name, sizeof(name), info, data);
		if (!json_is_object(what)) {
			/* A template naming something acct does not draw. */
			repl = cmark_node_new(CMARK_NODE_PARAGRAPH);
			cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);

			acct_buf_addf(&b, "(no %s '%s')", is_chart ? "chart" :
				      "table", name);
			cmark_node_set_literal(t, b.buf);
			cmark_node_append_child(repl, t);
		} else if (format == ACCT_FORMAT_HTML) {
			if (is_chart)
				render_chart_svg(&b, what, ++id, lang);
			else
				table_html(&b, what);
			repl = custom_block(b.buf);
		} else {
			/* A man page: the text as a verbatim block. */
			if (is_chart)
				render_chart_text(&text, what, lang);
			else
				table_text(&text, what, MAN_TABLE_WIDTH);
			man_code(&b, text.buf);
			repl = custom_block(b.buf);
		}
		cmark_node_replace(found[i], repl);
		cmark_node_free(found[i]);
		acct_buf_release(&b);
		acct_buf_release(&text);
	}
	free(found);
}

static const char css[] =
	"body{font:16px/1.5 -apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\","
	"Arial,sans-serif;color:#222;background:#fff;margin:0}\n"
	"main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 3rem}\n"
	"h1{font-size:1.6rem;line-height:1.2;margin:1.2rem 0 .6rem}\n"
	"h2{font-size:1.25rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #ddd}\n"
	"h3{font-size:1.05rem;margin:1.2rem 0 .4rem}\n"
	"table{border-collapse:collapse;margin:.8rem 0;width:100%}\n"
	"caption{text-align:left;font-weight:600;padding:.3rem 0}\n"
	"th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;"
	"vertical-align:top}\n"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	"td.date,td.num{white-space:nowrap}\n"
	"th{background:#f3f5f8}\n"
	"figure{margin:1rem 0}\nsvg{width:100%;height:auto;max-width:40rem}\n"
	"figcaption{font-size:.85rem;color:#555}\n"
	"pre{white-space:pre-wrap;background:#f6f6f6;padding:.6rem;"
	"overflow-x:auto}\n"
	"code{font-family:ui-monospace,Menlo,Consolas,monospace}\n"
	"a{color:#1a56a0}\n"
	"@media print{body{font-size:11pt}main{max-width:none;padding:0}"
	"a{color:inherit}h2{break-after:avoid}table,figure{break-inside:avoid}}\n";

/*
 * The code point of the UTF-8 sequence at `*p` (the text was checked, or
 * made by cmark from checked text); `*p` moves past it.
 */
unsigned render_next_cp(const unsigned char **p)
{
	const unsigned char *s = *p;
	int n = *s >= 0xf0 ? 3 : *s >= 0xe0 ? 2 : 1;
	unsigned cp = *s & (n == 3 ? 0x07 : n == 2 ? 0x0f : 0x1f);

	s++;
	while (n-- && (*s & 0xc0) == 0x80)
		cp = (cp << 6) | (*s++ & 0x3f);
	*p = s;
	return cp;
}

/*
 * Non-ASCII as groff's \[uXXXX], so the page is ASCII for any groff; a
 * no-break space as groff's own, \~.
 */
static void man_ascii(struct acct_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned cp;

		if (*p < 0x80) {
			acct_buf_addch(out, *p++);
			continue;
		}
		cp = render_next_cp(&p);
		if (cp == 0xa0)		/* a no-break space: 90 000 ₽ */
			acct_buf_addstr(out, "\\~");
		else
			acct_buf_addf(out, "\\[u%04X]", cp);
	}
}

static void man_quoted(struct acct_buf *out, const char *s)
{
	struct acct_buf t = ACCT_BUF_INIT;

	for (; *s; s++) {
		if (*s == '"')
			acct_buf_addstr(&t, "\\(dq");
		else if (*s == '\\')
			acct_buf_addstr(&t, "\\e");
		else if ((unsigned char)*s < 0x20)
			acct_buf_addch(&t, ' ');
		else
			acct_buf_addch(&t, *s);
	}
	acct_buf_addch(out, '"');
	man_ascii(out, t.buf);
	acct_buf_addch(out, '"');
	acct_buf_release(&t);
}

/*
 * Markdown out: the source line by line, each acct-chart / acct-table
 * block (found by cmark, with its lines) replaced by a fenced block of
 * its text.
 */
static void markdown_out(struct acct_buf *out, const char *md, size_t len,
			 const json_t *data, const char *lang)
{
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	size_t line = 1, pos = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		const char *info;
		int is_chart, first, last;
		const json_t *what;
		struct acct_buf b = ACCT_BUF_INIT;
		char name[64];

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK ||
		    !(info = cmark_node_get_fence_info(node)) ||
		    (strncmp(info, "acct-chart ", 11) &&
		     strncmp(info, "acct-table ", 11)))
			continue;
		is_chart = !strncmp(info, "acct-chart ", 11);
		first = cmark_node_get_start_line(node);
		last = cmark_node_get_end_line(node);
		/* Copy the lines before the block (cmark's lines). */
		while (pos < len && line < (size_t)first) {
			size_t next;

			acct_text_line_end(md, len, pos, &next);
			acct_buf_add(out, md + pos, next - pos);
			pos = next;
			line++;
		}
		/* Skip the block's own lines. */
		while (pos < len && line <= (size_t)last) {
			acct_text_line_end(md, len, pos, &pos);
			line++;
		}
		what = render_block_data(name, sizeof(name), info, data);
		if (!json_is_object(what)) {
			acct_buf_addf(out, "(no %s '%s')\n", is_chart ? "chart" :
				      "table", name);
			continue;
		}
		if (is_chart)
			render_chart_text(&b, what, lang);
		else
			table_text(&b, what, TEXT_TABLE_WIDTH);
		acct_buf_addf(out, "```\n%s```\n", b.buf);
		acct_buf_release(&b);
	}
	acct_buf_add(out, md + pos, len - pos);
	cmark_iter_free(it);
	cmark_node_free(doc);
}

void acct_render_markdown(struct acct_buf *out, const char *markdown,
			  size_t len, const json_t *data,
			  enum acct_report_format format, const char *title,
			  const char *name, const char *lang, const char *date)
{
	cmark_node *doc;
	char *r;

	if (format != ACCT_FORMAT_HTML && format != ACCT_FORMAT_MAN &&
	    format != ACCT_FORMAT_LATEX) {
		/* The template's Markdown as it wrote it, blocks replaced:
		 * markdown_out() parses it for them. */
		markdown_out(out, markdown, len, data, lang);
		return;
	}
	doc = cmark_parse_document(markdown, len, CMARK_OPT_DEFAULT);
	if (format == ACCT_FORMAT_HTML || format == ACCT_FORMAT_MAN)
		replace_blocks(doc, data, format, lang);
	switch (format) {
	case ACCT_FORMAT_HTML:
		r = cmark_render_html(doc, CMARK_OPT_DEFAULT);
		acct_buf_addstr(out, "<!DOCTYPE html>\n<html lang=\"");
		render_html_escape(out, lang);
		acct_buf_addstr(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
				"<meta name=\"viewport\" content=\"width=device-"
				"width, initial-scale=1\">\n"
				"<meta http-equiv=\"Content-Security-Policy\" "
				"content=\"default-src 'none'; style-src "
				"'unsafe-inline'; img-src data:\">\n<title>");
		render_html_escape(out, title);
		acct_buf_addf(out, "</title>\n<style>\n%s</style>\n</head>\n"
			      "<body>\n<main>\n%s</main>\n</body>\n</html>\n",
			      css, r);
		break;
	case ACCT_FORMAT_MAN:
		r = cmark_render_man(doc, CMARK_OPT_DEFAULT, 0);
		acct_buf_addstr(out, ".TH ");
		man_quoted(out, name);
		acct_buf_addstr(out, " 7 ");
		man_quoted(out, date);
		acct_buf_addstr(out, " \"acct\" \"Reports\"\n");
		man_ascii(out, r);
		break;
	case ACCT_FORMAT_LATEX:
	default:
		render_latex(out, doc, data, title, lang, date);
		r = NULL;
		break;
	}
	free(r);
	cmark_node_free(doc);
}
