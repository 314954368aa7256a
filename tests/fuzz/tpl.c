/*
 * Mustache (lib/tpl.c, lib/tpl_escape.c): a template, its data and its
 * partials, compiled and rendered; and the escapes on their own.
 *
 * Input: a byte whose low two bits pick the escape (none, HTML,
 * Markdown), then NUL-separated parts: the template, the data as JSON
 * (anything jansson refuses is no data), then partials, each its name, a
 * line break and its text.
 *
 * Checked: a template that does not compile is ACCT_EDATA at a line and
 * column inside it; rendering returns 0 or an error with the output as it
 * was, and stays within the limits set; the HTML escape leaves no markup
 * character but its own references; the Markdown escape gives UTF-8 with
 * no line break, tab or control character that cmark reads, at the start
 * of a line and inside running text, as one paragraph of exactly the
 * value's text (line breaks and tabs made spaces, control characters
 * dropped, bytes that are not UTF-8 made U+FFFD).
 */
#include "acct/tpl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <jansson.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "fuzz.h"

#include "acct/banned.h"

#define SENTINEL "untouched\n"
/* Small limits, so that one input takes milliseconds. */
#define MAX_OUTPUT (1 << 20)
#define MAX_STEPS 100000
#define MAX_PARTIALS 16

struct partial {
	const char *name;
	const char *text;
	size_t len;
};

struct partials {
	struct partial p[MAX_PARTIALS];
	size_t n;
};

static int load(struct acct_tpl_source *out, const char *name, void *payload,
		struct acct_error *err)
{
	struct partials *ps = payload;
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (!strcmp(ps->p[i].name, name)) {
			acct_buf_add(&out->text, ps->p[i].text, ps->p[i].len);
			acct_buf_addf(&out->path, "partials/%s", name);
			return 0;
		}
	return acct_error_set(err, ACCT_ENOTFOUND, "no partial '%s'", name);
}

static size_t count_lines(const char *s, size_t len)
{
	size_t i, n = 1;

	for (i = 0; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
			n++;
	return n;
}

static void check_html(const char *s, size_t len)
{
	struct acct_buf out = ACCT_BUF_INIT;
	size_t i;

	acct_tpl_escape_html(&out, s, len);
	for (i = 0; i < out.len; i++) {
		const char *p = out.buf + i;

		FUZZ_CHECK(*p != '<' && *p != '>' && *p != '"',
			   "the HTML escape left '%c' at %zu", *p, i);
		FUZZ_CHECK(*p != '&' || !strncmp(p, "&amp;", 5) ||
			   !strncmp(p, "&lt;", 4) || !strncmp(p, "&gt;", 4) ||
			   !strncmp(p, "&quot;", 6),
			   "the HTML escape left a bare '&' at %zu", i);
	}
	acct_buf_release(&out);
}

/* What the Markdown escape promises the value reads as. */
static void md_expected(struct acct_buf *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = u[i], need = 0, cp = c, min = 0, k;

		if (c >= 0xc2 && c <= 0xdf)
			need = 1, cp = c & 0x1f, min = 0x80;
		else if (c >= 0xe0 && c <= 0xef)
			need = 2, cp = c & 0x0f, min = 0x800;
		else if (c >= 0xf0 && c <= 0xf4)
			need = 3, cp = c & 0x07, min = 0x10000;
		else if (c >= 0x80)
			need = 99;
		if (need && need != 99) {
			if (len - i <= need)
				need = 99;
			for (k = 1; need != 99 && k <= need; k++) {
				if ((u[i + k] & 0xc0) != 0x80)
					need = 99;
				else
					cp = cp << 6 | (u[i + k] & 0x3f);
			}
			if (need != 99 && (cp < min || cp > 0x10ffff ||
					   (cp >= 0xd800 && cp <= 0xdfff)))
				need = 99;
		}
		if (need == 99) {
			acct_buf_addstr(out, "\xef\xbf\xbd");
			i++;
			continue;
		}
		if (c == '\r' && i + 1 < len && u[i + 1] == '\n')
			i++;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == '\v' || cp == '\f' || cp == 0x85 || cp == 0x2028 ||
		    cp == 0x2029)
			acct_buf_addch(out, ' ');
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
			 (cp >= 0x202a && cp <= 0x202e) ||
			 (cp >= 0x2066 && cp <= 0x2069))
			;
		else
			acct_buf_add(out, s + i, need + 1);
		i += need + 1;
	}
}

/* The text of a paragraph that holds nothing but text. */
static int para_text(struct acct_buf *out, cmark_node *para)
{
	cmark_node *n;

	for (n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_TEXT)
			return -1;
		acct_buf_addstr(out, cmark_node_get_literal(n));
	}
	return 0;
}

/* `md` read by cmark is one paragraph of `want`, or nothing for "". */
static void check_reads_as(const char *md, const char *want, const char *where)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	cmark_node *para = cmark_node_first_child(doc);
	struct acct_buf got = ACCT_BUF_INIT;

	if (!*want) {
		FUZZ_CHECK(!para, "an empty value %s makes a block", where);
	} else {
		FUZZ_CHECK(para && !cmark_node_next(para) &&
			   cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH,
			   "the escaped value %s is not one paragraph: '%s'",
			   where, md);
		FUZZ_CHECK(para_text(&got, para) == 0, "the escaped value %s "
			   "holds markup: '%s'", where, md);
		FUZZ_CHECK(!strcmp(got.buf, want), "the escaped value %s reads "
			   "as '%s', not '%s'", where, got.buf, want);
	}
	acct_buf_release(&got);
	cmark_node_free(doc);
}

static void check_markdown(const char *s, size_t len)
{
	struct acct_buf out = ACCT_BUF_INIT, want = ACCT_BUF_INIT,
			md = ACCT_BUF_INIT;
	size_t i;

	acct_tpl_escape_markdown(&out, s, len);
	FUZZ_CHECK(fuzz_utf8_ok(out.buf, out.len) &&
		   strlen(out.buf) == out.len, "the Markdown escape gave bytes "
		   "that are not UTF-8 text");
	for (i = 0; i < out.len; i++) {
		unsigned char c = (unsigned char)out.buf[i];

		FUZZ_CHECK(c >= 0x20 && c != 0x7f, "the Markdown escape left "
			   "control character 0x%02x at %zu", c, i);
	}
	md_expected(&want, s, len);
	acct_buf_addf(&md, "%s\n", out.buf);
	check_reads_as(md.buf, want.buf, "alone on a line");
	acct_buf_reset(&md);
	acct_buf_addf(&md, "Before %s after\n", out.buf);
	acct_buf_reset(&out);
	acct_buf_addf(&out, "Before %s after", want.buf);
	check_reads_as(md.buf, out.buf, "in running text");
	acct_buf_release(&out);
	acct_buf_release(&want);
	acct_buf_release(&md);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const acct_tpl_escape_fn escapes[] = {
		acct_tpl_escape_none, acct_tpl_escape_html,
		acct_tpl_escape_markdown, acct_tpl_escape_html,
	};
	struct fuzz_in in = { data, size };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_tpl_opts opts;
	struct acct_tpl *tpl = NULL;
	struct partials ps;
	char *names[MAX_PARTIALS];
	unsigned flags = fuzz_byte(&in);
	size_t tlen, jlen, i;
	char *text = fuzz_part(&in, &tlen), *json = fuzz_part(&in, &jlen);
	json_t *root = json_loadb(json, jlen, JSON_DECODE_ANY | JSON_ALLOW_NUL,
				  NULL);
	int rc;

	memset(&ps, 0, sizeof(ps));
	while (in.n && ps.n < MAX_PARTIALS) {
		size_t len;
		char *part = fuzz_part(&in, &len), *nl = memchr(part, '\n', len);

		names[ps.n] = part;
		ps.p[ps.n].name = part;
		ps.p[ps.n].text = nl ? nl + 1 : part + len;
		ps.p[ps.n].len = nl ? len - (size_t)(nl + 1 - part) : 0;
		if (nl)
			*nl = '\0';
		ps.n++;
	}

	check_html(text, tlen);
	check_markdown(text, tlen);

	memset(&opts, 0, sizeof(opts));
	opts.escape = escapes[flags & 3];
	opts.load = load;
	opts.payload = &ps;
	opts.max_output = MAX_OUTPUT;
	opts.max_steps = MAX_STEPS;
	rc = acct_tpl_parse(&tpl, "fuzz", "templates/fuzz.md", text, tlen, &err);
	if (rc < 0) {
		size_t lines = count_lines(text, tlen);

		FUZZ_CHECK(rc == ACCT_EDATA && err.msg[0] && err.line >= 1 &&
			   err.line <= lines && err.col >= 1,
			   "refusal %d at %zu:%zu of %zu lines: %s", rc,
			   err.line, err.col, lines, err.msg);
		goto out;
	}
	acct_buf_addstr(&out, SENTINEL);
	rc = acct_tpl_render(&out, tpl, root, &opts, &err);
	if (rc < 0)
		FUZZ_CHECK(out.len == strlen(SENTINEL) &&
			   !memcmp(out.buf, SENTINEL, out.len),
			   "a failed render (%s) left output", err.msg);
	else
		FUZZ_CHECK(rc == 0 && out.len - strlen(SENTINEL) <= MAX_OUTPUT,
			   "render gave %d and %zu bytes", rc, out.len);
out:
	acct_tpl_free(tpl);
	acct_buf_release(&out);
	json_decref(root);
	for (i = 0; i < ps.n; i++)
		free(names[i]);
	free(json);
	free(text);
	return 0;
}
