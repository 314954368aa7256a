/*
 * Briefs in the book: saving a new text as one commit named after the
 * sections it changes, and what `acct brief --check` finds. Parsing the
 * text is lib/brief_parse.c, changing it lib/brief_edit.c.
 */
#include "acct/brief.h"

#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/txn.h"
#include "acct/banned.h"

/* --- saving ----------------------------------------------------------- */

/* The text outside the known sections (their headings and content). */
static void rest_of(struct acct_buf *out, const struct acct_brief *b)
{
	size_t pos = 0, i;

	for (i = 0; i < b->n; i++) {
		const struct acct_brief_section *s = &b->sections[i];

		if (!s->key)
			continue;
		acct_buf_add(out, b->text.buf + pos, s->head - pos);
		pos = s->end;
	}
	acct_buf_add(out, b->text.buf + pos, b->text.len - pos);
}

/* The same heading and text, blank lines around the text aside. */
static int same_text(const struct acct_brief *a,
		     const struct acct_brief_section *sa,
		     const struct acct_brief *b,
		     const struct acct_brief_section *sb)
{
	const char *pa = a->text.buf + sa->start, *ea = a->text.buf + sa->end;
	const char *pb = b->text.buf + sb->start, *eb = b->text.buf + sb->end;

	while (pa < ea && strchr(" \t\r\n", *pa))
		pa++;
	while (ea > pa && strchr(" \t\r\n", ea[-1]))
		ea--;
	while (pb < eb && strchr(" \t\r\n", *pb))
		pb++;
	while (eb > pb && strchr(" \t\r\n", eb[-1]))
		eb--;
	return ea - pa == eb - pb && !memcmp(pa, pb, (size_t)(ea - pa)) &&
	       !strcmp(sa->title, sb->title);
}

int acct_brief_section_changed(const struct acct_brief *a,
			       const struct acct_brief_section *sa,
			       const struct acct_brief *b,
			       const struct acct_brief_section *sb)
{
	return !sa != !sb || (sa && !same_text(a, sa, b, sb));
}

void acct_brief_changes(struct acct_buf *out, const struct acct_brief *a,
			const struct acct_brief *b)
{
	struct acct_buf ra = ACCT_BUF_INIT, rb = ACCT_BUF_INIT;
	size_t start = out->len, i;

	for (i = 0; acct_brief_keys[i]; i++) {
		const struct acct_brief_section *sa =
			acct_brief_section(a, acct_brief_keys[i]);
		const struct acct_brief_section *sb =
			acct_brief_section(b, acct_brief_keys[i]);

		if (acct_brief_section_changed(a, sa, b, sb))
			acct_buf_addf(out, "%s%s", out->len > start ? ", " : "",
				      acct_brief_keys[i]);
	}
	rest_of(&ra, a);
	rest_of(&rb, b);
	if (ra.len != rb.len || memcmp(ra.buf, rb.buf, ra.len))
		acct_buf_addf(out, "%sother text", out->len > start ? ", " : "");
	if (out->len == start)
		acct_buf_addstr(out, "layout");
	acct_buf_release(&ra);
	acct_buf_release(&rb);
}

static int commit_brief(struct acct_book *book, const char *rel,
			const char *text, size_t len, const char *subject,
			struct acct_error *err)
{
	struct acct_txn *t = NULL;
	int rc;

	if ((rc = acct_txn_begin(&t, book, err)) == 0 &&
	    (rc = acct_txn_put(t, rel, text, len, 0, err)) == 0)
		rc = acct_txn_commit(t, subject, err);
	acct_txn_free(t);
	return rc;
}

int acct_brief_save(struct acct_book *book, const char *slug,
		    const char *text, size_t len, struct acct_error *err)
{
	struct acct_buf rel = ACCT_BUF_INIT, old = ACCT_BUF_INIT,
			summary = ACCT_BUF_INIT, msg = ACCT_BUF_INIT;
	struct acct_brief *a = NULL, *b = NULL;
	int rc;

	acct_brief_path(&rel, slug);
	if ((rc = acct_brief_parse(&b, rel.buf, text, len, err)) < 0)
		goto out;
	rc = acct_brief_read(&old, book, slug, err);
	if (rc == ACCT_ENOTFOUND) {
		acct_buf_addstr(&summary, "create");
	} else if (rc < 0) {
		goto out;
	} else if (old.len == len && !memcmp(old.buf, text, len)) {
		rc = 1;
		goto out;
	} else if (acct_brief_parse(&a, rel.buf, old.buf, old.len, NULL) == 0) {
		acct_brief_changes(&summary, a, b);
	} else {
		acct_buf_addstr(&summary, "repaired");
	}
	acct_error_clear(err);
	acct_commit_subject(&msg, "brief", slug, summary.buf);
	rc = commit_brief(book, rel.buf, text, len, msg.buf, err);
out:
	acct_brief_free(a);
	acct_brief_free(b);
	acct_buf_release(&rel);
	acct_buf_release(&old);
	acct_buf_release(&summary);
	acct_buf_release(&msg);
	return rc;
}

int acct_brief_check_writable(struct acct_book *book, const char *slug,
			      struct acct_error *err)
{
	struct acct_buf rel = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	struct acct_error ignored = ACCT_ERROR_INIT;
	struct acct_txn *t = NULL;
	int rc;

	acct_brief_path(&rel, slug);
	/* The text as it is: its blob is in git already, nothing is added. */
	(void)acct_brief_read(&text, book, slug, &ignored);
	if ((rc = acct_txn_begin(&t, book, err)) == 0)
		rc = acct_txn_put(t, rel.buf, text.buf, text.len, 0, err);
	acct_txn_free(t);
	acct_buf_release(&rel);
	acct_buf_release(&text);
	return rc;
}

/* --- ticking a box of the materials ------------------------------------ */

/* Equal but for case: each holds the other. */
static int same_fold(const char *a, const char *b)
{
	return acct_text_contains_fold(a, b) && acct_text_contains_fold(b, a);
}

size_t acct_brief_match_items(const struct acct_brief_item ***out,
			      const struct acct_brief *b, const char *part)
{
	const struct acct_brief_section *m = b ?
		acct_brief_section(b, "materials") : NULL;
	size_t n = 0, i;

	*out = acct_calloc(m ? m->nitems + 1 : 1, sizeof(**out));
	if (!m)
		return 0;
	for (i = 0; i < m->nitems; i++)
		if (same_fold(m->items[i].text, part)) {
			(*out)[0] = &m->items[i];
			return 1;
		}
	for (i = 0; i < m->nitems; i++)
		if (acct_text_contains_fold(m->items[i].text, part))
			(*out)[n++] = &m->items[i];
	return n;
}

/* The materials of `a` and `b` are the same items; only `at` may differ. */
static int only_that_box(const struct acct_brief *a, const struct acct_brief *b,
			 size_t at, int checked)
{
	const struct acct_brief_section *ma = acct_brief_section(a, "materials");
	const struct acct_brief_section *mb = acct_brief_section(b, "materials");
	size_t i;

	if (!ma || !mb || ma->nitems != mb->nitems || at >= ma->nitems)
		return 0;
	for (i = 0; i < ma->nitems; i++) {
		const struct acct_brief_item *x = &ma->items[i], *y = &mb->items[i];

		if (strcmp(x->text, y->text) || x->line != y->line ||
		    x->mark != y->mark ||
		    y->checked != (i == at ? checked : x->checked))
			return 0;
	}
	return 1;
}

int acct_brief_tick(struct acct_book *book, const char *slug,
		    const struct acct_brief *b,
		    const struct acct_brief_item *item, int checked,
		    struct acct_error *err)
{
	const struct acct_brief_section *m = acct_brief_section(b, "materials");
	struct acct_buf rel = ACCT_BUF_INIT, text = ACCT_BUF_INIT,
			what = ACCT_BUF_INIT, msg = ACCT_BUF_INIT;
	struct acct_brief *after = NULL;
	size_t at;
	int rc;

	acct_brief_path(&rel, slug);
	for (at = 0; m && at < m->nitems && &m->items[at] != item; at++)
		;
	if (!m || at == m->nitems) {
		rc = acct_error_set(err, ACCT_ERROR, "not an item of the "
				    "materials of %s", rel.buf);
		goto out;
	}
	if (!item->checked == !checked) {
		rc = 1;
		goto out;
	}
	/* The box of that item, where cmark found it: that byte only. */
	if (item->mark == ACCT_BRIEF_NO_MARK || item->mark >= b->text.len ||
	    !strchr(" xX", b->text.buf[item->mark])) {
		rc = acct_error_at(err, ACCT_EDATA, rel.buf, item->line, 0,
				   "cannot tell where the box of '%s' is",
				   item->text);
		acct_error_hint(err, "write the item as '- [ ] text' on a line "
				"of its own, or edit the brief with 'acct brief "
				"%s'", slug);
		goto out;
	}
	acct_buf_add(&text, b->text.buf, b->text.len);
	text.buf[item->mark] = checked ? 'x' : ' ';
	if (acct_brief_parse(&after, rel.buf, text.buf, text.len, NULL) < 0 ||
	    !only_that_box(b, after, at, checked)) {
		rc = acct_error_at(err, ACCT_EDATA, rel.buf, item->line, 0,
				   "ticking '%s' would change more than its box",
				   item->text);
		acct_error_hint(err, "edit the brief with 'acct brief %s'", slug);
		goto out;
	}
	acct_buf_addf(&what, "%s %s", checked ? "tick" : "untick", item->text);
	acct_commit_subject(&msg, "brief", slug, what.buf);
	rc = commit_brief(book, rel.buf, text.buf, text.len, msg.buf, err);
out:
	acct_brief_free(after);
	acct_buf_release(&rel);
	acct_buf_release(&text);
	acct_buf_release(&what);
	acct_buf_release(&msg);
	return rc;
}

/* --- checking ----------------------------------------------------------- */

int acct_brief_find(struct acct_brief_findings *out,
		    const struct acct_brief *b)
{
	const struct acct_brief_section *m;
	size_t i, n;

	memset(out, 0, sizeof(*out));
	for (n = 0; acct_brief_keys[n]; n++)
		;
	out->missing = acct_calloc(n, sizeof(*out->missing));
	out->empty = acct_calloc(n, sizeof(*out->empty));
	for (i = 0; i < n; i++) {
		const struct acct_brief_section *s =
			acct_brief_section(b, acct_brief_keys[i]);

		if (!s)
			out->missing[out->nmissing++] = acct_brief_keys[i];
		else if (s->empty)
			out->empty[out->nempty++] = acct_brief_keys[i];
	}
	m = acct_brief_section(b, "materials");
	if (m && m->nitems) {
		out->unchecked = acct_calloc(m->nitems, sizeof(*out->unchecked));
		for (i = 0; i < m->nitems; i++)
			if (!m->items[i].checked)
				out->unchecked[out->nunchecked++] = &m->items[i];
	}
	return out->nmissing || out->nempty || out->nunchecked;
}

void acct_brief_findings_release(struct acct_brief_findings *f)
{
	free(f->missing);
	free(f->empty);
	free(f->unchecked);
	memset(f, 0, sizeof(*f));
}
