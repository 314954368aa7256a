#include "acct/md.h"

#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "acct/buf.h"
#include "acct/banned.h"

void acct_md_plain_text(struct acct_buf *out, struct cmark_node *node,
			unsigned flags)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HTML_INLINE:
			if (!(flags & ACCT_MD_INLINE_HTML))
				break;
			/* fall through */
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			acct_buf_addstr(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			acct_buf_addch(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

int acct_md_only_comments(cmark_node *node)
{
	const char *s;

	if (cmark_node_get_type(node) != CMARK_NODE_HTML_BLOCK ||
	    !(s = cmark_node_get_literal(node)))
		return 0;
	for (;;) {
		const char *e;

		s += strspn(s, " \t\r\n");
		if (!*s)
			return 1;
		if (strncmp(s, "<!--", 4) || !(e = strstr(s + 4, "-->")))
			return 0;
		s = e + 3;
	}
}

/*
 * Where 1-based line `line` of `text` starts (its end past the last line),
 * as cmark counts lines: after "\n", "\r\n" or a lone "\r". `*pos` is
 * where line `*at` starts; both move on, so the text is read once.
 */
static size_t line_start(const char *text, size_t len, size_t *pos,
		       size_t *at, size_t line)
{
	while (*at < line && *pos < len) {
		char c = text[(*pos)++];

		if (c == '\r' && *pos < len && text[*pos] == '\n')
			(*pos)++;
		if (c == '\r' || c == '\n')
			(*at)++;
	}
	return *pos;
}

void acct_md_drop_comments(struct acct_buf *out, const char *text, size_t len)
{
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	cmark_node *n;
	size_t pos = 0, at = 1, kept = 0;

	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		size_t first = (size_t)cmark_node_get_start_line(n), lines = 0;
		size_t from, to;
		const char *s;

		if (!acct_md_only_comments(n))
			continue;
		/* A comment block's literal is its lines, with their breaks. */
		for (s = cmark_node_get_literal(n); *s; s++)
			lines += *s == '\n' || (*s == '\r' && s[1] != '\n');
		from = line_start(text, len, &pos, &at, first);
		to = line_start(text, len, &pos, &at, first + (lines ? lines : 1));
		acct_buf_add(out, text + kept, from - kept);
		kept = to;
	}
	acct_buf_add(out, text + kept, len - kept);
	cmark_node_free(doc);
}

/* Whether list item `item` holds nothing, or a box and nothing else. */
static int item_is_empty(cmark_node *item)
{
	cmark_node *p = cmark_node_first_child(item);
	struct acct_buf b = ACCT_BUF_INIT;
	const char *s;
	size_t n;
	int empty;

	if (!p)
		return 1;
	if (cmark_node_next(p) || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return 0;
	acct_md_plain_text(&b, p, ACCT_MD_INLINE_HTML);
	s = b.buf + strspn(b.buf, " \t");
	for (n = strlen(s); n && (s[n - 1] == ' ' || s[n - 1] == '\t'); n--)
		;
	empty = n == 3 && s[0] == '[' && s[2] == ']' &&
		(s[1] == ' ' || s[1] == 'x' || s[1] == 'X');
	acct_buf_release(&b);
	return empty;
}

/* Mark the lines of `n` to drop; an empty item's is its first line. */
static void mark_lines(char *drop, size_t nlines, cmark_node *n)
{
	cmark_node *last = cmark_node_get_type(n) == CMARK_NODE_ITEM ?
			   cmark_node_last_child(n) : n;
	size_t a = (size_t)cmark_node_get_start_line(n);
	size_t z = last ? (size_t)cmark_node_get_end_line(last) : a;

	for (z = z < a ? a : z; a <= z && a <= nlines; a++)
		drop[a] = 1;
}

/*
 * Where the line at `pos` ends, past its break ("\n", "\r\n" or a lone
 * "\r", as cmark counts lines); *blank: it holds only spaces and tabs.
 */
static size_t line_end(const char *text, size_t len, size_t pos, int *blank)
{
	*blank = 1;
	while (pos < len && text[pos] != '\n' && text[pos] != '\r') {
		if (text[pos] != ' ' && text[pos] != '\t')
			*blank = 0;
		pos++;
	}
	if (pos < len && text[pos] == '\r') {
		if (++pos < len && text[pos] == '\n')
			pos++;
	} else if (pos < len) {
		pos++;
	}
	return pos;
}

void acct_md_drop_empty_items(struct acct_buf *out, const char *text,
			      size_t len)
{
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	cmark_node **top = NULL, *n;
	char *drop, *gone = NULL;
	size_t nlines = 1, ntop = 0, i, j, pos, line;
	int prev_blank = 1, skipping = 0, blank;

	for (pos = 0; pos < len; pos = line_end(text, len, pos, &blank))
		nlines++;
	drop = acct_calloc(nlines + 1, 1);
	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
		ntop++;
	top = acct_calloc(ntop + 1, sizeof(*top));
	gone = acct_calloc(ntop + 1, 1);
	for (i = 0, n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
		top[i++] = n;
	/* Empty items; a list of nothing else is gone. */
	for (i = 0; i < ntop; i++) {
		cmark_node *item;
		int all = 1;

		if (cmark_node_get_type(top[i]) != CMARK_NODE_LIST)
			continue;
		for (item = cmark_node_first_child(top[i]); item;
		     item = cmark_node_next(item)) {
			if (item_is_empty(item))
				mark_lines(drop, nlines, item);
			else
				all = 0;
		}
		gone[i] = (char)all;
	}
	/*
	 * A heading goes when its section held something and all of it has
	 * gone; from the last, so that a sub-heading is decided first.
	 */
	for (i = ntop; i-- > 0;) {
		int level, any = 0, all = 1;

		if (cmark_node_get_type(top[i]) != CMARK_NODE_HEADING)
			continue;
		level = cmark_node_get_heading_level(top[i]);
		for (j = i + 1; j < ntop; j++) {
			if (cmark_node_get_type(top[j]) == CMARK_NODE_HEADING &&
			    cmark_node_get_heading_level(top[j]) <= level)
				break;
			any = 1;
			all &= gone[j];
		}
		if (any && all) {
			gone[i] = 1;
			mark_lines(drop, nlines, top[i]);
		}
	}
	/* Copy the lines kept; after one dropped, no second blank line. */
	for (pos = 0, line = 1; pos < len; line++) {
		size_t end = line_end(text, len, pos, &blank);

		if (drop[line]) {
			skipping = prev_blank;
		} else if (!(skipping && blank)) {
			skipping = 0;
			acct_buf_add(out, text + pos, end - pos);
			prev_blank = blank;
		}
		pos = end;
	}
	free(top);
	free(gone);
	free(drop);
	cmark_node_free(doc);
}
