/*
 * The text of an HTML-only message, as a reader sees it: libxml2's HTML
 * parser takes the tag soup mailers write (unclosed tags, entities,
 * comments, conditional comments of Outlook) and the tree is walked into
 * lines. Block quotes become "> " lines, so the quoted reply folds away
 * as in a plain text message.
 */
#include "acct/eml.h"

#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "acct/buf.h"
#include "acct/dl.h"
#include "acct/error.h"
#include "acct/banned.h"

struct walk {
	struct acct_buf *out;
	size_t quote;		/* blockquote depth */
	int pre;		/* inside <pre> */
	int bol;		/* at the beginning of a line */
	int space;		/* a space is owed before the next word */
	int newlines;		/* line breaks owed before the next text */
	size_t nl_quote;	/* the quote depth of the blank lines owed */
};

static int named(const xmlNode *n, const char *const *names)
{
	size_t i;

	for (i = 0; names[i]; i++)
		if (!strcasecmp((const char *)n->name, names[i]))
			return 1;
	return 0;
}

static const char *const skipped[] = {
	"head", "script", "style", "title", "template", "noscript", "object",
	NULL,
};
static const char *const paragraphs[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl",
	"blockquote", "pre", "hr", NULL,
};
static const char *const blocks[] = {
	"div", "tr", "li", "dt", "dd", "section", "article", "header",
	"footer", "address", "center", "form", "fieldset", "caption", NULL,
};

/* Owe at least `n` line breaks before the next text. */
static void owe(struct walk *w, int n)
{
	if (!w->newlines || w->quote < w->nl_quote)
		w->nl_quote = w->quote;
	if (w->out->len && w->newlines < n)
		w->newlines = n;
	w->space = 0;
}

static void start_line(struct walk *w)
{
	size_t k;

	for (k = 0; k < w->quote; k++)
		acct_buf_addch(w->out, '>');
	if (w->quote)
		acct_buf_addch(w->out, ' ');
	w->bol = 1;
}

/* Before text: the line breaks owed, each new line quoted. */
static void settle(struct walk *w)
{
	if (!w->out->len) {
		start_line(w);
	} else if (w->newlines) {
		int k;

		/* A blank line inside a quote is quoted too. */
		for (k = 0; k < w->newlines; k++) {
			acct_buf_addch(w->out, '\n');
			if (k + 1 < w->newlines && w->nl_quote) {
				size_t q;

				for (q = 0; q < w->nl_quote; q++)
					acct_buf_addch(w->out, '>');
			}
		}
		start_line(w);
	} else if (w->space && !w->bol) {
		acct_buf_addch(w->out, ' ');
	}
	w->newlines = 0;
	w->space = 0;
}

static void text(struct walk *w, const char *s)
{
	size_t i, n = strlen(s);

	if (w->pre) {
		for (i = 0; i < n; i++) {
			if (s[i] == '\n') {
				w->newlines++;
				continue;
			}
			settle(w);
			acct_buf_addch(w->out, s[i]);
			w->bol = 0;
		}
		return;
	}
	for (i = 0; i < n;) {
		size_t j;

		/* U+00A0, the no-break space Outlook fills with, is a space. */
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
		    (i + 1 < n && (unsigned char)s[i] == 0xc2 &&
		     (unsigned char)s[i + 1] == 0xa0)) {
			i += (unsigned char)s[i] == 0xc2 ? 2 : 1;
			if (!w->bol)
				w->space = 1;
			continue;
		}
		for (j = i; j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' &&
		     s[j] != '\r' && !(j + 1 < n && (unsigned char)s[j] == 0xc2 &&
				       (unsigned char)s[j + 1] == 0xa0); j++)
			;
		settle(w);
		acct_buf_add(w->out, s + i, j - i);
		w->bol = 0;
		i = j;
	}
}

static void walk(struct walk *w, xmlNode *n);

/*
 * Append the text under `n` (its text and CDATA nodes, as
 * xmlNodeGetContent() gives it) to `out`: read from the tree, so nothing
 * libxml2 allocates is freed with its xmlFree, a variable of the library
 * lib/dl.c would have to load too.
 */
static void node_text(struct acct_buf *out, const xmlNode *n)
{
	for (; n; n = n->next) {
		if ((n->type == XML_TEXT_NODE ||
		     n->type == XML_CDATA_SECTION_NODE) && n->content)
			acct_buf_addstr(out, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			node_text(out, n->children);
	}
}

/* Append the value of attribute `name` of `n` to `out`; 0 if none. */
static int attribute(struct acct_buf *out, const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (a->name && !strcasecmp((const char *)a->name, name)) {
			node_text(out, a->children);
			return 1;
		}
	return 0;
}

static void element(struct walk *w, xmlNode *n)
{
	int para = named(n, paragraphs), block = named(n, blocks);
	const char *name = (const char *)n->name;

	if (named(n, skipped))
		return;
	if (!strcasecmp(name, "br")) {
		w->newlines++;
		w->space = 0;
		return;
	}
	if (para)
		owe(w, 2);
	else if (block)
		owe(w, 1);
	if (!strcasecmp(name, "blockquote"))
		w->quote++;
	if (!strcasecmp(name, "pre"))
		w->pre++;
	if (!strcasecmp(name, "li")) {
		settle(w);
		acct_buf_addstr(w->out, "- ");
		w->bol = 1;
	}
	if (!strcasecmp(name, "td") || !strcasecmp(name, "th"))
		w->space = 1;
	walk(w, n->children);
	if (!strcasecmp(name, "a")) {
		struct acct_buf href = ACCT_BUF_INIT, label = ACCT_BUF_INIT;

		node_text(&label, n->children);
		/* The address after the text, when the text is not it. */
		if (attribute(&href, n, "href") &&
		    (!strncasecmp(href.buf, "http://", 7) ||
		     !strncasecmp(href.buf, "https://", 8)) &&
		    !strstr(label.buf, href.buf)) {
			if (!w->bol && !w->newlines)
				acct_buf_addf(w->out, " (%s)", href.buf);
		}
		acct_buf_release(&href);
		acct_buf_release(&label);
	}
	if (!strcasecmp(name, "pre"))
		w->pre--;
	if (!strcasecmp(name, "blockquote")) {
		owe(w, 2);
		w->quote--;
	}
	if (para)
		owe(w, 2);
	else if (block)
		owe(w, 1);
}

static void walk(struct walk *w, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			element(w, n);
		else if ((n->type == XML_TEXT_NODE ||
			  n->type == XML_CDATA_SECTION_NODE) && n->content)
			text(w, (const char *)n->content);
	}
}

int acct_eml_html_text(struct acct_buf *out, const char *html, size_t len,
		       struct acct_error *err)
{
	struct acct_buf raw = ACCT_BUF_INIT;
	struct walk w = { &raw, 0, 0, 1, 0, 0, 0 };
	htmlDocPtr doc;
	int rc;

	if (!len)
		return 0;
	if ((rc = acct_dl_xml(err)) < 0)
		return rc;
	/*
	 * The text is UTF-8 already: a <meta charset> in it must not
	 * switch the parser to another.
	 */
	doc = htmlReadMemory(html, (int)(len > 0x7fffffff ? 0x7fffffff : len),
			     NULL, "UTF-8", HTML_PARSE_RECOVER |
			     HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
			     HTML_PARSE_NONET | HTML_PARSE_NOBLANKS |
			     HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
	if (doc) {
		walk(&w, xmlDocGetRootElement(doc));
		xmlFreeDoc(doc);
	}
	acct_buf_addch(&raw, '\n');
	acct_eml_plain(out, raw.buf, raw.len, 0, 0);
	acct_buf_release(&raw);
	return 0;
}
