/*
 * acct brief: a client's brief edited in $EDITOR, one section replaced
 * from a file, shown, and checked for what is missing.
 */
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/text.h"
#include "acct/banned.h"

static const char *const brief_usage[] = {
	N_("acct brief <client>"),
	N_("acct brief <client> --section <key> -F <file>"),
	N_("acct brief <client> --show [--json]"),
	N_("acct brief <client> (--tick | --untick) <text>"),
	N_("acct brief --check [<client>] [--json]"),
	NULL,
};

struct brief_opts {
	const char *section, *file, *tick, *untick;
	int show, check, json;
};

/* "brand, category, ...": the keys --section takes. */
static void key_list(struct acct_buf *out)
{
	size_t i;

	for (i = 0; acct_brief_keys[i]; i++)
		acct_buf_addf(out, "%s%s", i ? ", " : "", acct_brief_keys[i]);
}

/* --- acct brief <client>: the editor ------------------------------------ */

static int brief_edit(struct cmd_ctx *ctx, const char *arg)
{
	struct acct_buf slug = ACCT_BUF_INIT, text = ACCT_BUF_INIT,
			name = ACCT_BUF_INIT, path = ACCT_BUF_INIT,
			result = ACCT_BUF_INIT, stem = ACCT_BUF_INIT,
			locale = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc, is_new = 0;

	if (!ctx->editor && !ctx->stdin_tty) {
		fprintf(stderr, _("acct: no editor to run: standard input is not a "
			"terminal and neither VISUAL nor EDITOR is set\n"
			"hint: set EDITOR, or replace one section with 'acct "
			"brief %s --section <key> -F <file>'\n"), arg);
		return EXIT_USAGE;
	}
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if ((rc = cmd_resolve_client(&slug, ctx, arg)) != 0)
		goto out;
	if (acct_brief_check_writable(ctx->book, slug.buf, &err) < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	rc = acct_brief_read(&text, ctx->book, slug.buf, &err);
	if (rc == ACCT_ENOTFOUND) {
		is_new = 1;
		acct_error_clear(&err);
		/* In the client's language. */
		if ((rc = acct_client_locale_load(&locale, ctx->book,
						  slug.buf, &err)) == 0)
			rc = acct_brief_template(&text, &name, ctx->book,
						 locale.buf, &err);
	}
	if (rc < 0) {
		rc = cmd_fail_with(&err, EXIT_FAIL);
		goto out;
	}
	acct_buf_addf(&stem, "brief-%s", slug.buf);
	if ((rc = cmd_edit_copy(&result, &path, ctx, stem.buf, ".md", &text)) != 0)
		goto out;
	if (result.len == text.len && !memcmp(result.buf, text.buf, text.len)) {
		fputs(is_new ? _("acct: no changes; no brief was written\n") :
		      _("acct: no changes\n"), stderr);
		rc = EXIT_OK;
		goto out;
	}
	if (cmd_text_blank(&result)) {
		fprintf(stderr, _("acct: the brief is empty; nothing was changed\n"));
		rc = EXIT_FAIL;
		goto out;
	}
	rc = acct_brief_save(ctx->book, slug.buf, result.buf, result.len, &err);
	rc = cmd_edit_done(rc, &err, &path);
out:
	if (path.len)
		unlink(path.buf);
	acct_buf_release(&slug);
	acct_buf_release(&text);
	acct_buf_release(&name);
	acct_buf_release(&path);
	acct_buf_release(&result);
	acct_buf_release(&stem);
	acct_buf_release(&locale);
	return rc;
}

/* --- acct brief <client> --section <key> -F <file> ---------------------- */

/* The body from `file` ("-": standard input): UTF-8 text, else exit 2. */
static int read_body(struct acct_buf *out, const struct cmd_ctx *ctx,
		     const char *file)
{
	const char *what = strcmp(file, "-") ? file : NULL;
	int rc;

	if ((rc = cmd_read_input(out, ctx, file)) != 0)
		return rc;
	if (!acct_text_is_utf8(out->buf, out->len)) {
		if (what)
			fprintf(stderr, _("acct: '%s' is not UTF-8 text\n"), what);
		else
			fprintf(stderr, _("acct: standard input is not UTF-8 text\n"));
		return EXIT_USAGE;
	}
	return 0;
}

static int brief_section(struct cmd_ctx *ctx, const char *arg,
			 const struct brief_opts *o)
{
	struct acct_buf slug = ACCT_BUF_INIT, body = ACCT_BUF_INIT,
			text = ACCT_BUF_INIT, name = ACCT_BUF_INIT,
			rel = ACCT_BUF_INIT, next = ACCT_BUF_INIT,
			locale = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_brief *b = NULL;
	const char *key = acct_brief_key(o->section);
	int rc, is_new = 0;

	if (!key) {
		key_list(&name);
		fprintf(stderr, _("acct: unknown section '%s': use one of %s\n"),
			o->section, name.buf);
		rc = EXIT_USAGE;
		goto out;
	}
	/* The book first: its config says how much input may be read. */
	if (cmd_open_book(ctx) < 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	if ((rc = read_body(&body, ctx, o->file)) != 0)
		goto out;
	if ((rc = cmd_resolve_client(&slug, ctx, arg)) != 0)
		goto out;
	acct_brief_path(&rel, slug.buf);
	/* A new brief, or a heading it lacks: in the client's language. */
	if ((rc = acct_client_locale_load(&locale, ctx->book, slug.buf,
					  &err)) == 0)
		rc = acct_brief_read(&text, ctx->book, slug.buf, &err);
	if (rc == ACCT_ENOTFOUND) {
		is_new = 1;
		acct_error_clear(&err);
		rc = acct_brief_template(&text, &name, ctx->book, locale.buf,
					 &err);
	}
	if (rc < 0 ||
	    (rc = acct_brief_parse(&b, rel.buf, text.buf, text.len, &err)) < 0) {
		rc = cmd_fail_with(&err, EXIT_FAIL);
		goto out;
	}
	rc = acct_brief_set_section(&next, b, key, body.buf, body.len,
				    locale.buf, rel.buf, &err);
	if (rc < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	if (!is_new && next.len == text.len &&
	    !memcmp(next.buf, text.buf, text.len)) {
		fprintf(stderr, _("acct: no changes\n"));
		rc = EXIT_OK;
		goto out;
	}
	rc = acct_brief_save(ctx->book, slug.buf, next.buf, next.len, &err);
	if (rc == 1)
		fprintf(stderr, _("acct: no changes\n"));
	rc = rc < 0 ? cmd_fail_with(&err, EXIT_FAIL) : EXIT_OK;
out:
	acct_brief_free(b);
	acct_buf_release(&slug);
	acct_buf_release(&body);
	acct_buf_release(&text);
	acct_buf_release(&name);
	acct_buf_release(&rel);
	acct_buf_release(&next);
	acct_buf_release(&locale);
	return rc;
}

/* --- acct brief <client> --tick <text> ---------------------------------- */

/* The items, one per line, for a hint. */
static void item_lines(struct acct_buf *out, const struct acct_brief_item **v,
		       size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		acct_buf_addf(out, _("\n  line %zu: [%c] %s"), v[i]->line,
			      v[i]->checked ? 'x' : ' ', v[i]->text);
}

/*
 * The book opened, `arg` resolved into `slug` and its brief loaded into
 * `*out`; an exit status, printed, otherwise.
 */
static int open_brief(struct acct_brief **out, struct acct_buf *slug,
		      struct cmd_ctx *ctx, const char *arg)
{
	struct acct_error err = ACCT_ERROR_INIT;
	int rc;

	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if ((rc = cmd_resolve_client(slug, ctx, arg)) != 0)
		return rc;
	if (acct_brief_load(out, ctx->book, slug->buf, &err) < 0)
		return cmd_fail_with(&err, EXIT_FAIL);
	return 0;
}

static int brief_tick(struct cmd_ctx *ctx, const char *arg, const char *part,
		      int checked)
{
	struct acct_buf slug = ACCT_BUF_INIT, list = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	const struct acct_brief_item **hits = NULL, **all = NULL;
	const char *opt = checked ? "--tick" : "--untick";
	struct acct_brief *b = NULL;
	size_t n, nall;
	int rc;

	if ((rc = open_brief(&b, &slug, ctx, arg)) != 0)
		goto out;
	n = acct_brief_match_items(&hits, b, part);
	if (n != 1) {
		nall = acct_brief_match_items(&all, b, "");
		item_lines(&list, n ? hits : all, n ? n : nall);
		if (n)
			fprintf(stderr, _("acct: %s '%s' is ambiguous: %zu items of "
				"the materials hold it\nhint: give more of the "
				"text of one of them:%s\n"), opt, part, n, list.buf);
		else if (nall)
			fprintf(stderr, _("acct: %s '%s': no item of the materials "
				"of %s holds it\nhint: the items are:%s\n"), opt,
				part, slug.buf, list.buf);
		else
			fprintf(stderr, _("acct: %s '%s': the brief of %s has no "
				"materials checklist\nhint: list them as '- [ ] "
				"text' under '## %s' ('acct brief %s')\n"), opt,
				part, slug.buf, acct_brief_title("materials",
				ctx->book->config.locale), slug.buf);
		rc = EXIT_USAGE;
		goto out;
	}
	rc = acct_brief_tick(ctx->book, slug.buf, b, hits[0], checked, &err);
	if (rc == 1) {
		fprintf(stderr, checked ? _("acct: '%s' is ticked already\n") :
			_("acct: '%s' is not ticked\n"), hits[0]->text);
		rc = EXIT_OK;
	} else if (rc < 0) {
		rc = cmd_fail(&err);
	} else {
		printf(checked ? _("tick %s\n") : _("untick %s\n"), hits[0]->text);
		rc = EXIT_OK;
	}
out:
	free(hits);
	free(all);
	acct_brief_free(b);
	acct_buf_release(&slug);
	acct_buf_release(&list);
	return rc;
}

/* --- acct brief <client> --show ------------------------------------------ */

/* The brief as it is; on a terminal, controls are shown escaped. */
static void print_text(const struct cmd_ctx *ctx, const struct acct_buf *text)
{
	struct acct_buf b = ACCT_BUF_INIT;
	size_t i, start = 0;

	if (!ctx->stdout_tty) {
		fwrite(text->buf, 1, text->len, stdout);
		return;
	}
	for (i = 0; i <= text->len; i++) {
		size_t end = i;

		if (i < text->len && text->buf[i] != '\n' && text->buf[i] != '\t')
			continue;
		/* Line breaks (LF, CRLF) and tabs go out as they are. */
		if (i < text->len && text->buf[i] == '\n' && end > start &&
		    text->buf[end - 1] == '\r')
			end--;
		acct_text_escape_terminal(&b, text->buf + start, end - start);
		acct_buf_add(&b, text->buf + end, i - end);
		if (i < text->len)
			acct_buf_addch(&b, text->buf[i]);
		start = i + 1;
	}
	fwrite(b.buf, 1, b.len, stdout);
	acct_buf_release(&b);
}

static int brief_show(struct cmd_ctx *ctx, const char *arg, int json)
{
	struct acct_buf slug = ACCT_BUF_INIT, rel = ACCT_BUF_INIT;
	struct acct_brief_findings f = ACCT_BRIEF_FINDINGS_INIT;
	struct acct_brief *b = NULL;
	struct out *o;
	size_t i, j;
	int rc;

	if ((rc = open_brief(&b, &slug, ctx, arg)) != 0)
		goto out;
	if (!json) {
		print_text(ctx, &b->text);
		goto out;
	}
	acct_brief_path(&rel, slug.buf);
	o = out_begin(ctx, 1);
	out_str(o, "client", slug.buf);
	out_str(o, "path", rel.buf);
	out_list_begin(o, "sections", OUT_TABLE);
	for (i = 0; i < b->n; i++) {
		const struct acct_brief_section *s = &b->sections[i];

		out_map_begin(o, NULL);
		out_str(o, "key", s->key);
		out_str(o, "title", s->title);
		out_int(o, "line", (long long)s->line);
		out_str(o, "text", s->text);
		out_bool(o, "empty", s->empty);
		out_list_begin(o, "items", OUT_TABLE);
		for (j = 0; j < s->nitems; j++) {
			out_map_begin(o, NULL);
			out_str(o, "text", s->items[j].text);
			out_bool(o, "checked", s->items[j].checked);
			out_int(o, "line", (long long)s->items[j].line);
			out_map_end(o);
		}
		out_list_end(o);
		out_map_end(o);
	}
	out_list_end(o);
	acct_brief_find(&f, b);
	out_list_begin(o, "missing", OUT_INLINE);
	for (i = 0; i < f.nmissing; i++)
		out_str(o, NULL, f.missing[i]);
	out_list_end(o);
	if (out_end(o) < 0)
		rc = EXIT_FAIL;
	acct_brief_findings_release(&f);
out:
	acct_brief_free(b);
	acct_buf_release(&slug);
	acct_buf_release(&rel);
	return rc;
}

/* --- acct brief --check ---------------------------------------------------- */

static void finding(struct out *o, const char *slug, const char *what,
		    const char *detail)
{
	out_map_begin(o, NULL);
	out_str(o, "client", slug);
	out_str(o, "finding", what);
	if (detail)
		out_str(o, "detail", detail);
	out_map_end(o);
}

static void join(struct acct_buf *out, const char **keys, size_t n)
{
	size_t i;

	acct_buf_reset(out);
	for (i = 0; i < n; i++)
		acct_buf_addf(out, "%s%s", i ? ", " : "", keys[i]);
}

/*
 * One client's result: with --json a map in "clients", else rows of the
 * table "findings" (client, what, which), nothing for a complete brief.
 * Returns 1 when something is missing.
 */
static int put_check(struct out *o, int json, const char *slug,
		     const struct acct_brief *b)
{
	struct acct_brief_findings f = ACCT_BRIEF_FINDINGS_INIT;
	struct acct_buf s = ACCT_BUF_INIT;
	int any = acct_brief_find(&f, b);
	size_t i;

	if (json) {
		out_map_begin(o, NULL);
		out_str(o, "client", slug);
		if (b)
			acct_brief_path(&s, slug);
		out_str(o, "brief", b ? s.buf : NULL);
		out_bool(o, "complete", !any);
		out_list_begin(o, "missing", OUT_INLINE);
		for (i = 0; i < f.nmissing; i++)
			out_str(o, NULL, f.missing[i]);
		out_list_end(o);
		out_list_begin(o, "empty", OUT_INLINE);
		for (i = 0; i < f.nempty; i++)
			out_str(o, NULL, f.empty[i]);
		out_list_end(o);
		out_list_begin(o, "unchecked", OUT_TABLE);
		for (i = 0; i < f.nunchecked; i++) {
			out_map_begin(o, NULL);
			out_str(o, "text", f.unchecked[i]->text);
			out_int(o, "line", (long long)f.unchecked[i]->line);
			out_map_end(o);
		}
		out_list_end(o);
		out_map_end(o);
	} else if (!b) {
		finding(o, slug, _("no brief"), NULL);
	} else {
		if (f.nmissing) {
			join(&s, f.missing, f.nmissing);
			finding(o, slug, _("missing"), s.buf);
		}
		if (f.nempty) {
			join(&s, f.empty, f.nempty);
			finding(o, slug, _("empty"), s.buf);
		}
		for (i = 0; i < f.nunchecked; i++)
			finding(o, slug, _("unchecked"), f.unchecked[i]->text);
	}
	acct_brief_findings_release(&f);
	acct_buf_release(&s);
	return any;
}

/* The brief of `slug`, or NULL when it has none; < 0 on an error. */
static int load_for_check(struct acct_brief **b, struct cmd_ctx *ctx,
			  const char *slug, struct acct_error *err)
{
	int rc = acct_brief_load(b, ctx->book, slug, err);

	if (rc == ACCT_ENOTFOUND) {
		acct_error_clear(err);
		return 0;
	}
	return rc;
}

static int brief_check(struct cmd_ctx *ctx, const char *arg, int json)
{
	struct acct_buf slug = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_brief *b = NULL;
	char **slugs = NULL;
	size_t n = 0, i;
	int rc, found = 0, bad = 0;
	struct out *o;

	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (arg) {
		/* One client, whatever its status: a failure prints nothing. */
		if ((rc = cmd_resolve_client(&slug, ctx, arg)) != 0)
			goto out;
		if (load_for_check(&b, ctx, slug.buf, &err) < 0) {
			rc = cmd_fail_with(&err, EXIT_FAIL);
			goto out;
		}
		o = out_begin(ctx, json);
		out_list_begin(o, json ? "clients" : "findings", OUT_TABLE);
		found = put_check(o, json, slug.buf, b);
		out_list_end(o);
		rc = out_end(o) < 0 ? EXIT_FAIL : found ? EXIT_FOUND : EXIT_OK;
		goto out;
	}
	/* Every active client that is not archived. */
	if (acct_client_slugs(&slugs, &n, ctx->book, &err) < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	o = out_begin(ctx, json);
	out_list_begin(o, json ? "clients" : "findings", OUT_TABLE);
	for (i = 0; i < n; i++) {
		struct acct_client *c = NULL;

		if (acct_client_load(&c, ctx->book, slugs[i], &err) < 0) {
			out_error(o, &err);
			acct_error_clear(&err);
			bad = 1;
			continue;
		}
		if (strcmp(c->status, "active") || c->has_archived) {
			acct_client_free(c);
			continue;
		}
		acct_client_free(c);
		if (load_for_check(&b, ctx, slugs[i], &err) < 0) {
			out_error(o, &err);
			acct_error_clear(&err);
			bad = 1;
			continue;
		}
		found |= put_check(o, json, slugs[i], b);
		acct_brief_free(b);
		b = NULL;
	}
	out_list_end(o);
	if (out_end(o) < 0)
		bad = 1;
	/* An error beats a finding. */
	rc = bad ? EXIT_FAIL : found ? EXIT_FOUND : EXIT_OK;
out:
	acct_brief_free(b);
	acct_slugs_free(slugs, n);
	acct_buf_release(&slug);
	return rc;
}

int cmd_brief(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct brief_opts o = { NULL, NULL, NULL, NULL, 0, 0, 0 };
	const struct opt options[] = {
		OPT_STRING(0, "section", &o.section, N_("key"), N_("replace one section with the text of -F")),
		OPT_STRING('F', "file", &o.file, N_("file"), N_("the section's text: a file, or - for standard input")),
		OPT_BOOL(0, "show", &o.show, N_("print the brief")),
		OPT_BOOL(0, "check", &o.check, N_("list missing and empty sections and unchecked materials")),
		OPT_BOOL(0, "json", &o.json, N_("print JSON (with --show or --check)")),
		OPT_STRING(0, "tick", &o.tick, N_("text"), N_("tick the materials item whose text holds <text>")),
		OPT_STRING(0, "untick", &o.untick, N_("text"), N_("untick the materials item whose text holds <text>")),
		OPT_END()
	};

	if ((argc = opt_parse(argc, argv, options, brief_usage)) < 0)
		return opt_exit(argc);
	if (!!o.show + !!o.check + !!o.section + !!o.tick + !!o.untick > 1)
		return cmd_usage_error(brief_usage, options, "--show, --check, "
				       "--section, --tick and --untick do not go "
				       "together");
	if (o.file && !o.section)
		return cmd_usage_error(brief_usage, options, "-F goes with --section");
	if (o.section && !o.file)
		return cmd_usage_error(brief_usage, options, "--section needs -F "
				       "<file> (- reads standard input)");
	if (o.json && !o.show && !o.check)
		return cmd_usage_error(brief_usage, options, "--json goes with "
				       "--show or --check");
	if (o.check) {
		if (argc > 1)
			return cmd_usage_error(brief_usage, options,
					       "expected at most one <client>");
		return brief_check(ctx, argc ? argv[0] : NULL, o.json);
	}
	if (argc != 1)
		return cmd_usage_error(brief_usage, options, "expected one <client>");
	if (o.show)
		return brief_show(ctx, argv[0], o.json);
	if ((o.tick && !*o.tick) || (o.untick && !*o.untick))
		return cmd_usage_error(brief_usage, options, "--%s needs a part "
				       "of the item's text", o.tick ? "tick" :
				       "untick");
	if (o.tick || o.untick)
		return brief_tick(ctx, argv[0], o.tick ? o.tick : o.untick,
				  !!o.tick);
	if (o.section)
		return brief_section(ctx, argv[0], &o);
	return brief_edit(ctx, argv[0]);
}
