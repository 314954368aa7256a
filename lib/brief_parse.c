/*
 * A brief's text as sections: clients/<slug>/brief.md, Markdown with
 * fixed "## " sections.
 *
 * The sections are found with cmark, never with string search: a section
 * is a level-2 heading among the document's top-level blocks, so a "## "
 * line inside a fenced code block, a list item or a quote is not one. The
 * heading names a known section when brief_name_index() (lib/brief.c)
 * knows it; other headings are kept as sections without a key.
 *
 * cmark's start lines are exact, its end lines are not (html blocks and
 * setext headings end where the next block starts), so every range here
 * runs from a block's start line to the next block's start line.
 */
#include "acct/brief.h"
#include "brief_int.h"

#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <utf8proc.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/md.h"
#include "acct/text.h"
#include "acct/banned.h"

/* Say where the text stops being UTF-8 (or holds a NUL byte). */
static int not_utf8(struct acct_error *err, const char *path, const char *s,
		    size_t len)
{
	size_t i = 0, line = 1, col = 1;

	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(
			(const utf8proc_uint8_t *)s + i,
			(utf8proc_ssize_t)(len - i > 4 ? 4 : len - i), &c);

		if (n <= 0)
			return acct_error_at(err, ACCT_EDATA, path, line, col,
					     "not UTF-8 text (byte 0x%02x)",
					     (unsigned char)s[i]);
		if (!c)
			return acct_error_at(err, ACCT_EDATA, path, line, col,
					     "not UTF-8 text (a NUL byte)");
		if (c == '\n' || (c == '\r' && !(i + 1 < len && s[i + 1] == '\n'))) {
			line++;
			col = 1;
		} else if (c != '\r') {
			col++;
		}
		i += (size_t)n;
	}
	return 0;
}

static void trim(struct acct_buf *b)
{
	size_t i = 0;

	while (b->len && strchr(" \t", b->buf[b->len - 1]))
		acct_buf_setlen(b, b->len - 1);
	while (i < b->len && strchr(" \t", b->buf[i]))
		i++;
	if (i) {
		memmove(b->buf, b->buf + i, b->len - i);
		acct_buf_setlen(b, b->len - i);
	}
}

/*
 * The line where the heading that starts at `line` ends: the line itself
 * for "## Title", the underline for a setext heading ("Title\n-----").
 */
static int is_underline(const char *s, size_t from, size_t to)
{
	size_t i = from, n = 0;
	char c;

	while (i < to && s[i] == ' ' && n < 3) {
		i++;
		n++;
	}
	if (i >= to || (s[i] != '=' && s[i] != '-'))
		return 0;
	c = s[i];
	while (i < to && s[i] == c)
		i++;
	while (i < to && strchr(" \t\r\n", s[i]))
		i++;
	return i == to;
}

static size_t heading_last_line(const char *s, const struct acct_text_lines *l,
				size_t line)
{
	size_t i = acct_text_lines_at(l, line);
	size_t end = acct_text_lines_at(l, line + 1), n = 0;

	while (i < end && s[i] == ' ' && n < 3) {
		i++;
		n++;
	}
	for (n = 0; i < end && s[i] == '#'; i++)
		n++;
	if (n >= 1 && n <= 6 &&
	    (i == end || s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	     s[i] == '\n'))
		return line;
	for (n = line + 1; n <= l->n; n++)
		if (is_underline(s, acct_text_lines_at(l, n),
				 acct_text_lines_at(l, n + 1)))
			return n;
	return line;
}

/*
 * The byte of the box of the item whose paragraph `p` starts "[ ]" or
 * "[x]": where cmark says the paragraph starts, when the bytes there are
 * a box (a "\[ ]" escaped, for one, is not).
 */
static size_t box_mark(const char *s, const struct acct_text_lines *l,
		       cmark_node *p)
{
	size_t line = (size_t)cmark_node_get_start_line(p);
	size_t col = (size_t)cmark_node_get_start_column(p);
	size_t off = acct_text_lines_at(l, line) + col - 1;

	if (line < 1 || col < 1 || off + 2 >= l->len || s[off] != '[' ||
	    !strchr(" xX", s[off + 1]) || !s[off + 1] || s[off + 2] != ']')
		return ACCT_BRIEF_NO_MARK;
	return off + 1;
}

/* The checklist items ("[ ] text", "[x] text") in the blocks of `node`. */
static void collect_items(struct acct_brief_section *sec, cmark_node *node,
			  const char *s, const struct acct_text_lines *l)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it), *p, *t;
		struct acct_buf text = ACCT_BUF_INIT;
		struct acct_brief_item *item;
		const char *lit;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_ITEM)
			continue;
		p = cmark_node_first_child(n);
		if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
			continue;
		t = cmark_node_first_child(p);
		if (!t || cmark_node_get_type(t) != CMARK_NODE_TEXT ||
		    !(lit = cmark_node_get_literal(t)))
			continue;
		if (lit[0] != '[' || !strchr(" xX", lit[1]) || !lit[1] ||
		    lit[2] != ']' || (lit[3] && lit[3] != ' ' && lit[3] != '\t'))
			continue;
		acct_md_plain_text(&text, p, 0);
		memmove(text.buf, text.buf + 3, text.len - 3);
		acct_buf_setlen(&text, text.len - 3);
		trim(&text);
		sec->items = acct_realloc(sec->items, (sec->nitems + 1) *
					  sizeof(*sec->items));
		item = &sec->items[sec->nitems++];
		item->text = acct_buf_detach(&text, NULL);
		item->checked = lit[1] != ' ';
		item->line = (size_t)cmark_node_get_start_line(n);
		item->mark = box_mark(s, l, p);
	}
	cmark_iter_free(it);
}

char *brief_content_text(const char *s, size_t start, size_t end,
			 const struct brief_range *hid, size_t nhid)
{
	struct acct_buf b = ACCT_BUF_INIT;
	size_t i = start, h = 0, first, last;

	while (i < end) {
		while (h < nhid && hid[h].to <= i)
			h++;
		if (h < nhid && hid[h].from <= i) {
			i = hid[h].to;
			continue;
		}
		if (s[i] == '\r') {
			acct_buf_addch(&b, '\n');
			i += i + 1 < end && s[i + 1] == '\n' ? 2 : 1;
			continue;
		}
		acct_buf_addch(&b, s[i++]);
	}
	/* From the first line that is not blank to the end of the last. */
	for (first = 0, i = 0; i < b.len; i++) {
		if (b.buf[i] == '\n')
			first = i + 1;
		else if (b.buf[i] != ' ' && b.buf[i] != '\t')
			break;
	}
	if (i == b.len) {
		acct_buf_release(&b);
		return acct_strdup("");
	}
	for (last = b.len; last > first && strchr(" \t\n", b.buf[last - 1]); last--)
		;
	while (last < b.len && b.buf[last] != '\n')
		last++;
	memmove(b.buf, b.buf + first, last - first);
	acct_buf_setlen(&b, last - first);
	return acct_buf_detach(&b, NULL);
}

static struct acct_brief_section *add_section(struct acct_brief *b)
{
	struct acct_brief_section *s;

	b->sections = acct_realloc(b->sections, (b->n + 1) * sizeof(*b->sections));
	s = &b->sections[b->n++];
	memset(s, 0, sizeof(*s));
	return s;
}

int acct_brief_parse(struct acct_brief **out, const char *path,
		     const char *text, size_t len, struct acct_error *err)
{
	struct acct_brief *b;
	struct acct_brief_section *cur = NULL;
	struct acct_text_lines l = ACCT_TEXT_LINES_INIT;
	struct brief_range *hid = NULL;
	size_t nhid = 0, i;
	cmark_node *doc, *node, *next;
	int rc = 0;

	*out = NULL;
	if (!acct_text_is_utf8(text, len))
		return not_utf8(err, path, text, len);
	b = acct_calloc(1, sizeof(*b));
	b->text = (struct acct_buf)ACCT_BUF_INIT;
	acct_buf_add(&b->text, text, len);
	acct_text_lines_init(&l, b->text.buf, len);
	doc = cmark_parse_document(b->text.buf, len, CMARK_OPT_DEFAULT);
	cmark_consolidate_text_nodes(doc);
	for (node = cmark_node_first_child(doc); node; node = next) {
		size_t line = (size_t)cmark_node_get_start_line(node);

		next = cmark_node_next(node);
		if (cmark_node_get_type(node) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(node) <= 2) {
			struct acct_buf title = ACCT_BUF_INIT;
			int k;

			if (cur)
				cur->end = acct_text_lines_at(&l, line);
			cur = NULL;
			if (cmark_node_get_heading_level(node) == 1)
				continue;
			acct_md_plain_text(&title, node, 0);
			trim(&title);
			k = brief_name_index(title.buf, title.len);
			for (i = 0; k >= 0 && i < b->n; i++)
				if (b->sections[i].key == acct_brief_keys[k]) {
					rc = acct_error_at(err, ACCT_EDATA, path, line,
							   (size_t)cmark_node_get_start_column(node),
							   "section '%s' again (it "
							   "starts at line %zu too)",
							   acct_brief_keys[k],
							   b->sections[i].line);
					acct_error_hint(err, "merge the two into one "
							"'## %s' section", title.buf);
					acct_buf_release(&title);
					goto out;
				}
			cur = add_section(b);
			cur->key = k >= 0 ? acct_brief_keys[k] : NULL;
			cur->title = acct_buf_detach(&title, NULL);
			cur->line = line;
			cur->head = acct_text_lines_at(&l, line);
			cur->start = acct_text_lines_at(&l, 1 +
				heading_last_line(b->text.buf, &l, line));
			cur->end = len;
			cur->empty = 1;
			continue;
		}
		if (acct_md_only_comments(node)) {
			hid = acct_realloc(hid, (nhid + 1) * sizeof(*hid));
			hid[nhid].from = acct_text_lines_at(&l, line);
			hid[nhid].to = next ? acct_text_lines_at(&l,
				(size_t)cmark_node_get_start_line(next)) : len;
			nhid++;
			continue;
		}
		if (!cur)
			continue;
		cur->empty = 0;
		collect_items(cur, node, b->text.buf, &l);
	}
	for (i = 0; i < b->n; i++) {
		struct acct_brief_section *s = &b->sections[i];

		if (s->start > s->end)	/* a heading on the last line */
			s->start = s->end;
		s->text = brief_content_text(b->text.buf, s->start, s->end,
					     hid, nhid);
	}
out:
	cmark_node_free(doc);
	acct_text_lines_release(&l);
	free(hid);
	if (rc < 0) {
		acct_brief_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

void acct_brief_free(struct acct_brief *b)
{
	size_t i, j;

	if (!b)
		return;
	for (i = 0; i < b->n; i++) {
		free(b->sections[i].title);
		free(b->sections[i].text);
		for (j = 0; j < b->sections[i].nitems; j++)
			free(b->sections[i].items[j].text);
		free(b->sections[i].items);
	}
	free(b->sections);
	acct_buf_release(&b->text);
	free(b);
}

const struct acct_brief_section *acct_brief_section(const struct acct_brief *b,
						    const char *key)
{
	size_t i;

	for (i = 0; b && key && i < b->n; i++)
		if (b->sections[i].key && !strcmp(b->sections[i].key, key))
			return &b->sections[i];
	return NULL;
}

void acct_brief_lines(const char *text, acct_brief_line_fn fn, void *payload)
{
	struct acct_buf line = ACCT_BUF_INIT;
	const char *p, *q;

	for (p = text; p && *p; p = *q ? q + 1 : q) {
		const char *start = p;

		q = strchr(p, '\n');
		if (!q)
			q = p + strlen(p);
		while (start < q && (*start == ' ' || *start == '\t'))
			start++;
		if (q - start >= 2 && strchr("-*+", *start) && start[1] == ' ')
			start += 2;
		acct_buf_reset(&line);
		acct_buf_add(&line, start, (size_t)(q - start));
		while (line.len && (line.buf[line.len - 1] == ' ' ||
				    line.buf[line.len - 1] == '\r'))
			acct_buf_setlen(&line, line.len - 1);
		if (line.len)
			fn(line.buf, payload);
	}
	acct_buf_release(&line);
}
