/*
 * Reading log entries: the YAML front matter with libyaml (lib/yaml.c),
 * the Markdown body with cmark. Decisions and action items are the list
 * items under "## Decisions" / "## Actions" (or "## Решения" /
 * "## Задачи"), found in cmark's tree, never by searching the text.
 */
#include "acct/entry.h"
#include "entry_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmark.h>
#include <git2.h>

#include "acct/book.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/md.h"
#include "acct/text.h"
#include "acct/walk.h"
#include "acct/yaml.h"
#include "acct/i18n.h"
#include "acct/banned.h"

const char *const acct_entry_channels[] = {
	"call", "meeting", "email", "chat", "other", NULL,
};

const char *const acct_entry_kinds[] = {
	"note", "postmeet", "message", "report", "review", "request",
	"complaint", "praise", NULL,
};

const char *const entry_directions[] = { "out", "in", NULL };

void entry_release_parsed(struct acct_entry *e)
{
	size_t i;

	for (i = 0; i < e->ndecisions; i++)
		free(e->decisions[i]);
	free(e->decisions);
	for (i = 0; i < e->nactions; i++) {
		free(e->actions[i].text);
		free(e->actions[i].owner);
	}
	free(e->actions);
	free(e->summary);
	free(e->by);
	free(e->message_id);
	e->decisions = NULL;
	e->actions = NULL;
	e->ndecisions = e->nactions = 0;
	e->summary = e->by = e->message_id = NULL;
}

void acct_entry_free(struct acct_entry *e)
{
	if (!e)
		return;
	entry_release_parsed(e);
	free(e->slug);
	free(e->path);
	acct_buf_release(&e->text);
	free(e);
}

/* A line (without its line break) that is exactly `mark` and spaces. */
static int fence_line(const char *s, size_t len, const char *mark)
{
	size_t n = strlen(mark);

	if (len < n || memcmp(s, mark, n))
		return 0;
	for (; n < len; n++)
		if (s[n] != ' ')
			return 0;
	return 1;
}

const char *entry_choice(const char *value, const char *const *choices)
{
	size_t i;

	for (i = 0; choices[i]; i++)
		if (!strcmp(value, choices[i]))
			return choices[i];
	return NULL;
}

struct parse {
	struct acct_entry *e;
	const char *path;
	size_t line0;		/* file line of the front matter's first line */
	struct acct_error *err;
};

__attribute__((format(printf, 3, 4)))
static int at(struct parse *p, const struct acct_ynode *n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	return acct_error_at(p->err, ACCT_EDATA, p->path, n->line + p->line0 - 1,
			     n->col, "%s", msg);
}

static int one_of(const char **out, struct parse *p, const struct acct_ynode *root,
		  const char *key, const char *const *choices, const char *list)
{
	const struct acct_ynode *n = acct_ynode_get(root, key, NULL);

	*out = NULL;
	if (!n || acct_ynode_is_null(n))
		return 0;
	if (n->type != ACCT_YSCALAR || !(*out = entry_choice(n->value, choices)))
		return at(p, n, "unknown %s '%s'; use one of %s", key,
			  n->type == ACCT_YSCALAR ? n->value : "", list);
	return 0;
}

static int text_field(char **out, struct parse *p, const struct acct_ynode *root,
		      const char *key, int required, const struct acct_ynode *map)
{
	const struct acct_ynode *n = acct_ynode_get(root, key, NULL);
	struct acct_error why = ACCT_ERROR_INIT;

	if (!n || acct_ynode_is_null(n)) {
		if (required)
			return acct_error_at(p->err, ACCT_EDATA, p->path,
					     p->line0, 1, "the front matter has "
					     "no %s", key);
		return 0;
	}
	(void)map;
	if (acct_ynode_want_text(n, p->path, key, &why) < 0)
		return at(p, n, "%s", why.msg);
	*out = acct_strdup(n->value);
	return 0;
}

static int front_matter(struct parse *p, const char *yaml, size_t len)
{
	struct acct_entry *e = p->e;
	struct acct_ydoc doc;
	struct acct_error why = ACCT_ERROR_INIT;
	const struct acct_ynode *root, *n;
	int rc;

	if (acct_ydoc_parse(&doc, p->path, yaml, len, p->err) < 0) {
		if (p->err && p->err->line)
			p->err->line += p->line0 - 1;
		return ACCT_EDATA;
	}
	root = doc.root;
	if (!root || acct_ynode_deref(root)->type != ACCT_YMAP) {
		rc = acct_error_at(p->err, ACCT_EDATA, p->path, p->line0, 1,
				   "the front matter must be a mapping "
				   "(date: ..., summary: ...)");
		goto out;
	}
	if (!(n = acct_ynode_get(root, "date", NULL)) || acct_ynode_is_null(n)) {
		rc = acct_error_at(p->err, ACCT_EDATA, p->path, p->line0, 1,
				   "the front matter has no date");
		goto out;
	}
	if (n->type != ACCT_YSCALAR || acct_time_parse(&e->when, n->value, &why) < 0) {
		rc = at(p, n, "date: %s", n->type == ACCT_YSCALAR ? why.msg :
			"must be a date such as 2026-11-22T14:30+03:00");
		goto out;
	}
	if ((rc = one_of(&e->channel, p, root, "channel", acct_entry_channels,
			 "call, meeting, email, chat, other")) < 0 ||
	    (rc = one_of(&e->direction, p, root, "direction", entry_directions,
			 "out, in")) < 0 ||
	    (rc = one_of(&e->kind, p, root, "kind", acct_entry_kinds,
			 "note, postmeet, report, review, request, complaint, "
			 "praise")) < 0 ||
	    (rc = text_field(&e->summary, p, root, "summary", 1, NULL)) < 0 ||
	    (rc = text_field(&e->by, p, root, "by", 0, NULL)) < 0 ||
	    (rc = text_field(&e->message_id, p, root, "message_id", 0,
			     NULL)) < 0)
		goto out;
	if (!e->channel)
		e->channel = "other";
	if (!e->kind)
		e->kind = "note";
	rc = 0;
out:
	acct_ydoc_release(&doc);
	return rc;
}

/* Case-insensitive, Unicode-aware equality of a heading with a name. */
static int heading_is(const char *title, const char *name)
{
	return strlen(title) >= strlen(name) / 2 &&
	       acct_text_contains_fold(title, name) &&
	       acct_text_contains_fold(name, title);
}

/* Whether `s` is `lower` in ASCII letters of any case. */
static int ascii_is(const char *s, const char *lower)
{
	for (; *s && *lower; s++, lower++)
		if ((*s >= 'A' && *s <= 'Z' ? *s + 32 : *s) != *lower)
			return 0;
	return !*s && !*lower;
}

enum entry_section entry_section_of(const char *title)
{
	const char *p;

	/*
	 * An ASCII title folds to ASCII, so it can only be an English name;
	 * the spellings acct writes are matched as they are. Anything else
	 * is folded (utf8proc), which costs far more than the rest.
	 */
	for (p = title; *p && !(*p & 0x80); p++)
		;
	if (!*p)
		return ascii_is(title, "decisions") ? DECISIONS :
		       ascii_is(title, "actions") ? ACTIONS : NONE;
	if (!strcmp(title, "Решения"))
		return DECISIONS;
	if (!strcmp(title, "Задачи"))
		return ACTIONS;
	if (heading_is(title, "decisions") || heading_is(title, "решения"))
		return DECISIONS;
	if (heading_is(title, "actions") || heading_is(title, "задачи"))
		return ACTIONS;
	return NONE;
}

struct body {
	struct parse *p;
	const char *text;	/* the whole file */
	size_t len;
	struct acct_text_lines lines;	/* where each file line starts */
	size_t body_line;	/* file line of the body's first line */
};

/* "@owner" and "due:YYYY-MM-DD" anywhere in the item's text. */
int entry_item_tags(struct acct_action *a, const char *path, size_t line,
		    size_t col, struct acct_error *err)
{
	const char *s = a->text;

	while (*s) {
		const char *w = s;
		size_t n;

		while (*s && *s != ' ' && *s != '\t')
			s++;
		n = (size_t)(s - w);
		while (n > 1 && strchr(",.;)", w[n - 1]))
			n--;
		if (n > 1 && w[0] == '@' && !a->owner) {
			a->owner = acct_strndup(w + 1, n - 1);
		} else if (n > 4 && !strncmp(w, "due:", 4)) {
			char date[32];
			struct acct_error why = ACCT_ERROR_INIT;

			snprintf(date, sizeof(date), "%.*s", (int)(n - 4), w + 4);
			if (acct_date_parse(&a->due, date, &why) < 0)
				return acct_error_at(err, ACCT_EDATA, path,
						     line, col, "due: %s",
						     why.msg);
			a->has_due = 1;
		}
		while (*s == ' ' || *s == '\t')
			s++;
	}
	return 0;
}

/*
 * The id: the SHA-1 of the entry's path and the item's text; the second
 * item with the same text in the entry adds "\n2", and so on, so that
 * every item can be told apart.
 */
void entry_action_id(struct acct_action *a, const struct acct_entry *e)
{
	struct acct_buf key = ACCT_BUF_INIT;
	size_t i, same = 1;
	git_oid oid;

	for (i = 0; i < e->nactions; i++)
		if (!strcmp(e->actions[i].text, a->text))
			same++;
	acct_buf_addf(&key, "%s\n%s", e->path, a->text);
	if (same > 1)
		acct_buf_addf(&key, "\n%zu", same);
	git_odb_hash(&oid, key.buf, key.len, GIT_OBJECT_BLOB);
	git_oid_tostr(a->id, sizeof(a->id), &oid);
	acct_buf_release(&key);
}

/*
 * The item's own id: the last "<!-- id:a1b2c3d -->" among the inline
 * nodes of its paragraph, which acct wrote when the item was made. Every
 * such comment is taken out of the tree, so that the item's text (and
 * every report and listing made of it) is without it, and without the
 * spaces before it when a space or nothing follows. Its digits are where
 * cmark says the comment starts (checked: else they cannot be rewritten,
 * and id_at stays 0).
 */
static void own_id(struct acct_action *a, struct body *b, cmark_node *para)
{
	cmark_node *n = cmark_node_first_child(para), *next;
	const struct acct_entry *e = b->p->e;
	size_t i, k;

	for (; n; n = next) {
		const char *lit = cmark_node_get_literal(n);
		size_t hex, hexlen, len, line, off;
		const char *after;
		cmark_node *prev;

		next = cmark_node_next(n);
		if (cmark_node_get_type(n) != CMARK_NODE_HTML_INLINE || !lit ||
		    !(len = strlen(lit)) ||
		    acct_action_id_comment(lit, len, &hex, &hexlen) != len)
			continue;
		for (k = 0; k < hexlen; k++)
			a->id[k] = (char)(lit[hex + k] | 0x20);	/* lowercase */
		a->id[hexlen] = '\0';
		a->own_id = 1;
		a->id_at = a->id_len = 0;
		line = b->body_line + (size_t)cmark_node_get_start_line(n) - 1;
		off = acct_text_lines_at(&b->lines, line) +
		      (size_t)cmark_node_get_start_column(n) - 1;
		if (cmark_node_get_start_line(n) > 0 &&
		    cmark_node_get_start_column(n) > 0 && off + len <= b->len &&
		    !memcmp(b->text + off, lit, len)) {
			a->id_at = off + hex;
			a->id_len = hexlen;
		}
		prev = cmark_node_previous(n);
		after = next && cmark_node_get_type(next) == CMARK_NODE_TEXT ?
			cmark_node_get_literal(next) : NULL;
		/* "a <!-- id --> b" reads "a b", "a <!-- id -->" reads "a". */
		if (prev && cmark_node_get_type(prev) == CMARK_NODE_TEXT &&
		    (!after || *after == ' ' || *after == '\t')) {
			const char *t = cmark_node_get_literal(prev);
			size_t tl = strlen(t);

			while (tl && (t[tl - 1] == ' ' || t[tl - 1] == '\t'))
				tl--;
			if (tl < strlen(t)) {
				char *cut = acct_strndup(t, tl);

				cmark_node_set_literal(prev, cut);
				free(cut);
			}
		}
		cmark_node_free(n);
	}
	/* Copied within the entry: the second one is not its id. */
	for (i = 0; a->own_id && i < e->nactions; i++)
		if (e->actions[i].own_id && !strcmp(e->actions[i].id, a->id))
			a->own_id = 0;
}

/*
 * Where an id comment goes: the end of the last line of the item's
 * paragraph, before any spaces there.
 */
static size_t text_tail(const struct body *b, cmark_node *para)
{
	size_t line = b->body_line + (size_t)cmark_node_get_end_line(para) - 1;
	size_t start = acct_text_lines_at(&b->lines, line);
	size_t end = acct_text_line_end(b->text, b->len, start, NULL);

	while (end > start && (b->text[end - 1] == ' ' ||
			       b->text[end - 1] == '\t'))
		end--;
	return end;
}

/* "[ ]", "[x]" or "[X]" at `off`, then a space, a line break or the end. */
static int box_at(const struct body *b, size_t off)
{
	const char *t = b->text;

	return off + 2 < b->len && t[off] == '[' && strchr(" xX", t[off + 1]) &&
	       t[off + 1] && t[off + 2] == ']' &&
	       (off + 3 == b->len || strchr(" \t\r\n", t[off + 3]));
}

/*
 * An item of the Actions section: "[ ] text" or "[x] text", as cmark reads
 * it and as it stands in the file. A box spelt otherwise ("\\[ ]", "&#91;
 * ]", or "[" and "]" on two lines) is not one: it could not be ticked in
 * place.
 */
static int add_action(struct body *b, cmark_node *item)
{
	struct acct_entry *e = b->p->e;
	cmark_node *para = cmark_node_first_child(item);
	struct acct_buf text = ACCT_BUF_INIT;
	struct acct_action a;
	size_t line, col, off;
	const char *s;
	int rc;

	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return 0;
	memset(&a, 0, sizeof(a));
	own_id(&a, b, para);
	acct_md_plain_text(&text, para, ACCT_MD_INLINE_HTML);
	s = text.buf;
	line = b->body_line + (size_t)cmark_node_get_start_line(para) - 1;
	col = (size_t)cmark_node_get_start_column(para);
	off = acct_text_lines_at(&b->lines, line) + col - 1;
	if (!(s[0] == '[' && (s[1] == ' ' || s[1] == 'x' || s[1] == 'X') &&
	      s[2] == ']' && (s[3] == ' ' || !s[3])) || !box_at(b, off)) {
		acct_buf_release(&text);
		return 0;
	}
	a.mark = off + 1;
	a.tail = text_tail(b, para);
	a.line = line;
	a.col = col;
	a.done = s[1] != ' ';
	s += 3;
	while (*s == ' ')
		s++;
	if (!*s) {
		/* "- [ ] " with nothing to do: a template's placeholder. */
		acct_buf_release(&text);
		return 0;
	}
	a.text = acct_strdup(s);
	acct_buf_release(&text);
	if ((rc = entry_item_tags(&a, b->p->path, line, col,
				   b->p->err)) < 0) {
		free(a.text);
		free(a.owner);
		return rc;
	}
	if (!a.own_id)
		entry_action_id(&a, e);
	e->actions = acct_realloc(e->actions, (e->nactions + 1) * sizeof(*e->actions));
	e->actions[e->nactions++] = a;
	return 0;
}

static void add_decision(struct body *b, cmark_node *item)
{
	struct acct_entry *e = b->p->e;
	struct acct_buf text = ACCT_BUF_INIT;
	cmark_node *c;

	for (c = cmark_node_first_child(item); c; c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
			if (text.len)
				acct_buf_addch(&text, ' ');
			acct_md_plain_text(&text, c, ACCT_MD_INLINE_HTML);
		}
	if (!text.len) {
		acct_buf_release(&text);
		return;
	}
	e->decisions = acct_realloc(e->decisions,
				    (e->ndecisions + 1) * sizeof(*e->decisions));
	e->decisions[e->ndecisions++] = acct_buf_detach(&text, NULL);
}

/* The items of a list in the Actions section, nested lists too. */
static int walk_actions(struct body *b, cmark_node *list)
{
	cmark_node *item, *c;
	int rc;

	for (item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		if ((rc = add_action(b, item)) < 0)
			return rc;
		for (c = cmark_node_first_child(item); c; c = cmark_node_next(c))
			if (cmark_node_get_type(c) == CMARK_NODE_LIST &&
			    (rc = walk_actions(b, c)) < 0)
				return rc;
	}
	return 0;
}

static int parse_body(struct body *b, size_t start)
{
	cmark_node *doc = cmark_parse_document(b->text + start, b->len - start,
					       CMARK_OPT_DEFAULT);
	cmark_node *n;
	enum entry_section sec = NONE;
	int rc = 0;

	for (n = cmark_node_first_child(doc); n && !rc; n = cmark_node_next(n)) {
		cmark_node_type type = cmark_node_get_type(n);

		if (type == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(n);

			if (level <= 2) {
				struct acct_buf title = ACCT_BUF_INIT;

				acct_md_plain_text(&title, n, ACCT_MD_INLINE_HTML);
				sec = level == 2 ? entry_section_of(title.buf) : NONE;
				acct_buf_release(&title);
			}
		} else if (type == CMARK_NODE_LIST && sec == DECISIONS) {
			cmark_node *item;

			for (item = cmark_node_first_child(n); item;
			     item = cmark_node_next(item))
				add_decision(b, item);
		} else if (type == CMARK_NODE_LIST && sec == ACTIONS) {
			rc = walk_actions(b, n);
		}
	}
	cmark_node_free(doc);
	return rc;
}

int acct_entry_parse(struct acct_entry **out, const char *slug,
		     const char *path, const char *text, size_t len,
		     struct acct_error *err)
{
	return entry_parse(out, slug, path, text, len, 1, err);
}

int entry_parse(struct acct_entry **out, const char *slug, const char *path,
		const char *text, size_t len, int scan, struct acct_error *err)
{
	struct acct_entry *e = acct_calloc(1, sizeof(*e));
	struct parse p = { e, path, 2, err };
	struct body b;
	size_t i, start = 0, fm_start, fm_end = 0, body = 0, line = 1;
	int rc, closed = 0;

	*out = NULL;
	memset(&b, 0, sizeof(b));
	e->slug = acct_strdup(slug);
	e->path = acct_strdup(path);
	e->text = (struct acct_buf)ACCT_BUF_INIT;
	acct_buf_add(&e->text, text, len);
	text = e->text.buf;
	if (!acct_text_is_utf8(text, len)) {
		rc = acct_error_at(err, ACCT_EDATA, path, 0, 0,
				   "the entry is not UTF-8 text");
		goto fail;
	}
	if (scan && entry_scan(e)) {
		*out = e;
		return 0;
	}
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		start = 3;
	/* Line offsets, for cmark's positions: cmark's lines, libyaml's too. */
	acct_text_lines_init(&b.lines, text, len);
	{
		size_t first = acct_text_line_end(text, len, start, &fm_start);

		if (!fence_line(text + start, first - start, "---")) {
			rc = acct_error_at(err, ACCT_EDATA, path, 1, 1, "an entry "
					   "starts with front matter: a line '---', "
					   "then date:, summary: ...");
			goto fail;
		}
	}
	for (i = fm_start, line = 2; i < len; line++) {
		size_t next, end = acct_text_line_end(text, len, i, &next);

		if (fence_line(text + i, end - i, "---") ||
		    fence_line(text + i, end - i, "...")) {
			fm_end = i;
			body = next;
			closed = 1;
			break;
		}
		i = next;
	}
	if (!closed) {
		rc = acct_error_at(err, ACCT_EDATA, path, 1, 1, "the front matter "
				   "opened here is never closed with '---'");
		goto fail;
	}
	if ((rc = front_matter(&p, text + fm_start, fm_end - fm_start)) < 0)
		goto fail;
	e->body = body;
	b.p = &p;
	b.text = text;
	b.len = len;
	b.body_line = line + 1;
	if ((rc = parse_body(&b, body)) < 0)
		goto fail;
	acct_text_lines_release(&b.lines);
	*out = e;
	return 0;
fail:
	acct_text_lines_release(&b.lines);
	acct_entry_free(e);
	return rc;
}

int acct_entry_load(struct acct_entry **out, struct acct_book *book,
		    const char *slug, const char *path, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	struct stat st = { 0 };
	int rc;

	*out = NULL;
	acct_book_path(&abs, book, path);
	if (book->past) {
		if ((rc = acct_book_tree_read(&text, book, path, err)) == 0)
			rc = acct_entry_parse(out, slug, path, text.buf,
					      text.len, err);
		else if (rc == ACCT_ENOTFOUND)
			rc = ACCT_ERROR;
	} else if ((rc = acct_file_read(&text, abs.buf, path,
				      book->config.input_bytes, 0, NULL)) == 0) {
		/* The common case first: the reasons below cost a stat. */
		rc = acct_entry_parse(out, slug, path, text.buf, text.len, err);
	} else if (lstat(abs.buf, &st) < 0 || !S_ISREG(st.st_mode))
		rc = acct_error_at(err, ACCT_EDATA, path, 0, 0, "cannot read the "
				   "entry: %s", !st.st_mode ? strerror(errno) :
				   S_ISLNK(st.st_mode) ? "it is a symbolic link" :
				   "it is not a regular file");
	else if ((rc = acct_file_read(&text, abs.buf, path,
				      book->config.input_bytes, 0, err)) == 0)
		rc = acct_entry_parse(out, slug, path, text.buf, text.len, err);
	else if (rc == ACCT_ENOTFOUND)
		rc = ACCT_ERROR;
	acct_buf_release(&abs);
	acct_buf_release(&text);
	return rc;
}

void acct_entry_list_release(struct acct_entry_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		free(list->refs[i].slug);
		free(list->refs[i].path);
	}
	free(list->refs);
	list->refs = NULL;
	list->n = list->alloc = 0;
}

static int digits(const char *s, size_t n)
{
	while (n--)
		if (*s < '0' || *s++ > '9')
			return 0;
	return 1;
}

int acct_entry_name_key(char *key, const char *name)
{
	size_t len = strlen(name);

	if (len < 18 || strcmp(name + len - 3, ".md") ||
	    !digits(name, 4) || name[4] != '-' || !digits(name + 5, 2) ||
	    name[7] != '-' || !digits(name + 8, 2) || name[10] != 'T' ||
	    !digits(name + 11, 4) || (name[15] != '-' && name[15] != '.'))
		return 0;
	memcpy(key, name, 15);
	key[15] = '\0';
	return 1;
}

static int ref_cmp(const void *a, const void *b)
{
	const struct acct_entry_ref *x = a, *y = b;
	int c = strcmp(y->key, x->key);

	return c ? c : strcmp(y->path, x->path);
}

static void add_ref(struct acct_entry_list *l, const char *slug, const char *path,
		    const char *key)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 64;
		l->refs = acct_realloc(l->refs, l->alloc * sizeof(*l->refs));
	}
	l->refs[l->n].slug = acct_strdup(slug);
	l->refs[l->n].path = acct_strdup(path);
	memcpy(l->refs[l->n].key, key, 16);
	l->n++;
}

struct entry_walk {
	struct acct_entry_list *l;
	struct acct_book *book;
	const char *slug, *lo, *hi;
	int from, to;		/* the year folders opened (0: no bound) */
};

static int add_entry(void *payload, const char *dir, const char *name,
		     int year)
{
	struct entry_walk *w = payload;
	struct acct_buf path = ACCT_BUF_INIT;
	char key[16];

	(void)year;
	if (!acct_entry_name_key(key, name) ||
	    strncmp(key, dir + strlen(dir) - 4, 4) ||
	    (w->lo && strncmp(key, w->lo, 10) < 0) ||
	    (w->hi && strncmp(key, w->hi, 10) > 0))
		return 0;
	acct_buf_addf(&path, "%s/%s", dir, name);
	add_ref(w->l, w->slug, path.buf, key);
	acct_buf_release(&path);
	return 0;
}

/* The year of "YYYY-MM-DD". */
static int year4(const char *s)
{
	return ((s[0] - '0') * 10 + (s[1] - '0')) * 100 + (s[2] - '0') * 10 +
	       (s[3] - '0');
}

/* Year folders outside the range are not opened. */
static int list_client(void *payload, const char *slug, struct acct_error *err)
{
	struct entry_walk *w = payload;

	w->slug = slug;
	return acct_walk_years(w->book, slug, "log", w->from, w->to, add_entry,
			       w, err);
}

static int list_sorted(struct acct_entry_list *list, struct entry_walk *w,
		       const char *slug, struct acct_error *err)
{
	int rc = acct_walk_clients(w->book, slug, list_client, w, err);

	if (list->n)
		qsort(list->refs, list->n, sizeof(*list->refs), ref_cmp);
	return rc;
}

int acct_entry_list(struct acct_entry_list *list, struct acct_book *book,
		    const char *slug, const struct acct_date *since,
		    const struct acct_date *until, struct acct_error *err)
{
	char lo[ACCT_DATE_STRLEN], hi[ACCT_DATE_STRLEN];
	struct entry_walk w = { list, book, NULL, NULL, NULL, 0, 0 };

	if (since) {
		acct_date_format(lo, since);
		w.lo = lo;
		w.from = year4(lo);
	}
	if (until) {
		acct_date_format(hi, until);
		w.hi = hi;
		w.to = year4(hi);
	}
	return list_sorted(list, &w, slug, err);
}

int acct_entry_list_year(struct acct_entry_list *list, struct acct_book *book,
			 const char *slug, int year, struct acct_error *err)
{
	struct entry_walk w = { list, book, NULL, NULL, NULL, year, year };

	if (year < 1)
		return acct_error_set(err, ACCT_ERROR, "no year %d", year);
	return list_sorted(list, &w, slug, err);
}
