#include "acct/md.h"

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
