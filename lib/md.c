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
