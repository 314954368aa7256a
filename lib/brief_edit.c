/*
 * Changing one section of a brief: the new text keeps every other
 * section's bytes, and a section that is missing is put after the known
 * ones before it. The text is parsed again to prove it.
 */
#include "acct/brief.h"
#include "brief_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/banned.h"

static int is_nl(char c)
{
	return c == '\n' || c == '\r';
}

/* `body` as whole lines ending in `eol`, blank lines around it dropped. */
static void body_lines(struct acct_buf *out, const char *body, size_t len,
		       const char *eol)
{
	struct acct_buf lf = ACCT_BUF_INIT;
	char *text;
	size_t i, start;

	for (i = 0; i < len; i++) {
		if (body[i] == '\r') {
			acct_buf_addch(&lf, '\n');
			if (i + 1 < len && body[i + 1] == '\n')
				i++;
		} else {
			acct_buf_addch(&lf, body[i]);
		}
	}
	{
		struct brief_range none = { 0, 0 };

		text = brief_content_text(lf.buf, 0, lf.len, &none, 0);
	}
	for (start = 0, i = 0; text[i]; i++)
		if (text[i] == '\n') {
			acct_buf_add(out, text + start, i - start);
			acct_buf_addstr(out, eol);
			start = i + 1;
		}
	if (text[start]) {
		acct_buf_addstr(out, text + start);
		acct_buf_addstr(out, eol);
	}
	free(text);
	acct_buf_release(&lf);
}

/* Where a missing section `k` goes: after the known ones before it. */
static size_t insert_at(const struct acct_brief *b, int k)
{
	const struct acct_brief_section *before = NULL, *after = NULL;
	int bi = -1, ai = INT_MAX;
	size_t i;

	for (i = 0; i < b->n; i++) {
		int j = brief_key_index(b->sections[i].key);

		if (j >= 0 && j < k && j > bi) {
			bi = j;
			before = &b->sections[i];
		}
		if (j > k && j < ai) {
			ai = j;
			after = &b->sections[i];
		}
	}
	if (before)
		return before->end;
	if (after)
		return after->head;
	return b->text.len;
}

static int same_content(const struct acct_brief *a,
			const struct acct_brief_section *sa,
			const struct acct_brief *b,
			const struct acct_brief_section *sb)
{
	return sa->end - sa->start == sb->end - sb->start &&
	       !memcmp(a->text.buf + sa->start, b->text.buf + sb->start,
		       sa->end - sa->start) &&
	       !strcmp(sa->title, sb->title);
}

/*
 * The new text keeps every other section as it was, and the changed one
 * runs to the end of what was put in: nothing of the body escaped it.
 */
static int structure_kept(const struct acct_brief *old,
			  const struct acct_brief *new, const char *key,
			  size_t at, size_t lead, size_t end)
{
	const struct acct_brief_section *s = acct_brief_section(old, key);
	const struct acct_brief_section *t = acct_brief_section(new, key);
	size_t i, j;

	if (!t || t->end != end || new->n != old->n + (s ? 0 : 1))
		return 0;
	for (i = 0, j = 0; j < new->n; j++) {
		const struct acct_brief_section *o, *n = &new->sections[j];

		if (n == t)
			continue;
		if (i < old->n && &old->sections[i] == s)
			i++;
		if (i >= old->n)
			return 0;
		o = &old->sections[i++];
		if (o->key != n->key || strcmp(o->title, n->title))
			return 0;
		/* A section added after this one: its last line break. */
		if (!s && o->end == at && n->end - n->start == o->end - o->start + lead &&
		    !memcmp(old->text.buf + o->start, new->text.buf + n->start,
			    o->end - o->start))
			continue;
		if (!same_content(old, o, new, n))
			return 0;
	}
	return 1;
}

int acct_brief_set_section(struct acct_buf *out, const struct acct_brief *b,
			   const char *key, const char *body, size_t len,
			   const char *locale, const char *path,
			   struct acct_error *err)
{
	const struct acct_brief_section *s;
	struct acct_buf repl = ACCT_BUF_INIT, lines = ACCT_BUF_INIT,
			text = ACCT_BUF_INIT;
	struct acct_error why = ACCT_ERROR_INIT;
	struct acct_brief *nb = NULL;
	const char *t = b->text.buf, *eol;
	size_t at, cut, lead = 0, tlen = b->text.len;
	int k = brief_key_index(key), rc = 0;

	if (k < 0)
		return acct_error_set(err, ACCT_EUSAGE, "unknown section '%s'", key);
	key = acct_brief_keys[k];
	if (!acct_text_is_utf8(body, len))
		return acct_error_set(err, ACCT_EUSAGE, "the text for '%s' is not "
				      "UTF-8 text", key);
	eol = acct_text_eol(t, tlen);
	body_lines(&lines, body, len, eol);
	if ((s = acct_brief_section(b, key))) {
		at = s->start;
		cut = s->end;
		if (at > 0 && !is_nl(t[at - 1]))	/* "## KPIs" at the end */
			acct_buf_addstr(&repl, eol);
	} else {
		/*
		 * The section before keeps its bytes: no blank line is added
		 * to it (a heading needs none), only the line break its last
		 * line may lack.
		 */
		at = cut = insert_at(b, k);
		if (at > 0 && !is_nl(t[at - 1]))
			acct_buf_addstr(&repl, eol);
		lead = repl.len;
		acct_buf_addf(&repl, "## %s%s", acct_brief_title(key, locale), eol);
	}
	if (lines.len) {
		acct_buf_addstr(&repl, eol);
		acct_buf_add(&repl, lines.buf, lines.len);
	}
	if (cut < tlen)
		acct_buf_addstr(&repl, eol);
	acct_buf_add(&text, t, at);
	acct_buf_add(&text, repl.buf, repl.len);
	acct_buf_add(&text, t + cut, tlen - cut);
	if (acct_brief_parse(&nb, path, text.buf, text.len, &why) < 0 ||
	    !structure_kept(b, nb, key, at, lead, at + repl.len)) {
		rc = acct_error_set(err, ACCT_EUSAGE, "the text for '%s' would "
				    "change other sections of the brief", key);
		acct_error_hint(err, "a section's text cannot hold '#' or '##' "
				"headings (use '###'), nor leave a code block or "
				"a comment open");
		goto out;
	}
	acct_buf_add(out, text.buf, text.len);
out:
	acct_brief_free(nb);
	acct_buf_release(&repl);
	acct_buf_release(&lines);
	acct_buf_release(&text);
	return rc;
}
