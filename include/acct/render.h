#ifndef ACCT_RENDER_H
#define ACCT_RENDER_H

#include <stddef.h>

struct acct_buf;
struct json_t;

/*
 * A report's Markdown made into each format (lib/render.c, the LaTeX
 * article in lib/render_latex.c): cmark's tree, with acct's charts and
 * tables, and nothing of the book.
 */

enum acct_report_format {
	ACCT_FORMAT_MD,
	ACCT_FORMAT_HTML,
	ACCT_FORMAT_MAN,
	ACCT_FORMAT_LATEX,
	ACCT_FORMAT_JSON,
	ACCT_FORMAT_EML,	/* an e-mail message: acct_report_message() */
};

/**
 * Render `markdown` (a template's output) to `format`, with the charts and
 * tables of `data`. `title` and `lang` go into the HTML page's <title> and
 * <html lang> and the LaTeX document; the man page's .TH takes `name`
 * (the client's, or "Portfolio"), as a long title there garbles man's
 * header line.
 */
void acct_render_markdown(struct acct_buf *out, const char *markdown,
			  size_t len, const struct json_t *data,
			  enum acct_report_format format, const char *title,
			  const char *name, const char *lang, const char *date);

#endif
