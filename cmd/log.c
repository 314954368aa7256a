/* acct log: record an interaction with a client. */
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "acct/buf.h"
#include "acct/client.h"
#include "acct/eml.h"
#include "acct/entry.h"
#include "acct/md.h"
#include "acct/text.h"
#include "acct/i18n.h"
#include "acct/banned.h"

static const char *const log_usage[] = {
	N_("acct log <client> [<summary>] [--channel <channel>] [--direction <out|in>] "
	"[--kind <kind>] [--date <date>] [--by <name>] [-F <file> | -F -]"),
	N_("acct log [<client>] --eml <file> [-q]"),
	NULL,
};

/* The text of -F: a file, or standard input for "-", within the limit. */
static int read_body(struct acct_buf *out, const struct cmd_ctx *ctx,
		     const char *file)
{
	int rc;

	if ((rc = cmd_read_input(out, ctx, file)) != 0)
		return rc;
	if (!acct_text_is_utf8(out->buf, out->len)) {
		fprintf(stderr, _("acct: '%s' is not UTF-8 text\n"),
			strcmp(file, "-") ? file : _("standard input"));
		return EXIT_USAGE;
	}
	return 0;
}

/* A Markdown heading's line: up to three spaces, 1-6 '#', a space or end. */
static int heading_line(const char *s, size_t n)
{
	size_t i = 0, h = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	while (i < n && s[i] == '#' && h < 7)
		i++, h++;
	return h >= 1 && h <= 6 && (i == n || s[i] == ' ' || s[i] == '\t' ||
				    s[i] == '\r');
}

/*
 * Without <summary>, the first line of the text is the summary and the
 * rest the body, as with git commit -F; blank lines before it are
 * skipped, as git does. From the editor, a heading there ("## Decisions"
 * of the template left as it was) is no summary.
 */
static int split_summary(struct acct_buf *summary, const char **body,
			 size_t *body_len, size_t *body_line,
			 const struct acct_buf *text, int from_editor)
{
	const char *s = text->buf, *end = s + text->len;
	size_t eol, next, i;

	while (s < end && (*s == '\n' || *s == '\r' || *s == ' '))
		s++;
	/* The body starts on the line after the summary's. */
	for (*body_line = 2, i = 0; i < (size_t)(s - text->buf); (*body_line)++)
		acct_text_line_end(text->buf, (size_t)(s - text->buf), i, &i);
	/* A line ends at "\n", "\r\n" or a lone "\r", as cmark's lines. */
	eol = acct_text_line_end(s, (size_t)(end - s), 0, &next);
	if (from_editor && heading_line(s, eol))
		return -1;
	acct_buf_add(summary, s, eol);
	while (summary->len && summary->buf[summary->len - 1] == ' ')
		acct_buf_setlen(summary, summary->len - 1);
	*body = s + next;
	*body_len = (size_t)(end - *body);
	return summary->len ? 0 : -1;
}

/* The language of the client's template: the card's, else the book's. */
static const char *client_locale(struct cmd_ctx *ctx, const char *slug)
{
	struct acct_error ignored = ACCT_ERROR_INIT;
	struct acct_client *c = NULL;
	const char *locale = ctx->book->config.locale;

	/*
	 * A card that does not read leaves the book's language. The card's
	 * string dies with the card: answer with a literal ("en" or "ru",
	 * the only languages the loader takes).
	 */
	if (acct_client_load(&c, ctx->book, slug, &ignored) == 0)
		locale = strcmp(acct_client_locale(c, locale), "ru") ? "en" : "ru";
	acct_client_free(c);
	return locale;
}

/*
 * The editor's session: a template in the client's language, which
 * explains itself in HTML comments; they are dropped from what is saved.
 */
static int edit_body(struct acct_buf *text, struct cmd_ctx *ctx,
		     const char *slug)
{
	struct acct_buf tpl = ACCT_BUF_INIT, path = ACCT_BUF_INIT,
			stem = ACCT_BUF_INIT, edited = ACCT_BUF_INIT;
	int rc;

	acct_buf_addstr(&tpl, acct_entry_template(client_locale(ctx, slug)));
	acct_buf_addf(&stem, "log-%s", slug);
	rc = cmd_edit_copy(&edited, &path, ctx, stem.buf, ".md", &tpl);
	if (path.len)
		unlink(path.buf);
	if (!rc && !acct_text_is_utf8(edited.buf, edited.len)) {
		fprintf(stderr, _("acct: the text is not UTF-8 text; nothing written\n"));
		rc = EXIT_FAIL;
	}
	if (!rc) {
		/* The hints, then the placeholders left empty ("- ", "- [ ] "). */
		struct acct_buf plain = ACCT_BUF_INIT;

		acct_md_drop_comments(&plain, edited.buf, edited.len);
		acct_md_drop_empty_items(text, plain.buf, plain.len);
		acct_buf_release(&plain);
	}
	acct_buf_release(&tpl);
	acct_buf_release(&path);
	acct_buf_release(&stem);
	acct_buf_release(&edited);
	return rc;
}

/*
 * --eml: a saved e-mail message becomes the entry; its client is named,
 * or found by the message's addresses (none or several: exit 2). The
 * same Message-ID again logs nothing and says so (exit 0), for procmail
 * and cron, which may hand over one message twice.
 */
static int log_eml(struct cmd_ctx *ctx, const char *client, const char *file,
		   int quiet)
{
	struct acct_buf slug = ACCT_BUF_INIT, path = ACCT_BUF_INIT,
			name = ACCT_BUF_INIT, logged = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_eml *m = NULL;
	char *mine = NULL;
	int fd = STDIN_FILENO, rc;

	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (client && (rc = cmd_resolve_client(&slug, ctx, client)) != 0)
		goto out;
	if (strcmp(file, "-")) {
		acct_buf_addstr(&name, file);
		if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0) {
			fprintf(stderr, _("acct: cannot read '%s': %s\n"), file,
				strerror(errno));
			rc = EXIT_USAGE;
			goto out;
		}
	} else {
		acct_buf_addstr(&name, _("standard input"));
	}
	if (acct_eml_read(&m, fd, name.buf, cmd_input_limit(ctx), &err) < 0) {
		rc = cmd_fail_with(&err, EXIT_FAIL);
		goto out;
	}
	mine = cmd_my_email(ctx);
	rc = acct_eml_log(&logged, &path, ctx->book, m, client ? slug.buf : NULL,
			  mine, &err);
	if (rc < 0) {
		rc = cmd_fail_with(&err, rc == ACCT_ENOTFOUND ||
				   rc == ACCT_EAMBIGUOUS ? EXIT_USAGE : EXIT_FAIL);
		goto out;
	}
	if (rc == ACCT_EML_ALREADY)
		printf(_("already logged: %s\n"), path.buf);
	else if (!quiet)
		printf("%s\n", path.buf);
	rc = EXIT_OK;
out:
	if (fd != STDIN_FILENO && fd >= 0)
		close(fd);
	acct_eml_free(m);
	free(mine);
	acct_buf_release(&slug);
	acct_buf_release(&path);
	acct_buf_release(&name);
	acct_buf_release(&logged);
	return rc;
}

int cmd_log(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct acct_log_spec spec;
	struct acct_buf slug = ACCT_BUF_INIT, text = ACCT_BUF_INIT,
			summary = ACCT_BUF_INIT, path = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_time when;
	const char *file = NULL, *date = NULL, *eml = NULL;
	int quiet = 0, rc;
	const struct opt options[] = {
		OPT_STRING(0, "channel", &spec.channel, N_("channel"), N_("call, meeting, email, chat or other")),
		OPT_STRING(0, "direction", &spec.direction, N_("out|in"), N_("who reached out first (default: out)")),
		OPT_STRING(0, "kind", &spec.kind, N_("kind"), N_("note, postmeet, message, report, review, request, complaint or praise (default: postmeet for a call or meeting, message for an email or chat)")),
		OPT_STRING(0, "date", &date, N_("date"), N_("when, YYYY-MM-DD[THH:MM[+hh:mm]] (default: now)")),
		OPT_STRING(0, "by", &spec.by, N_("name"), N_("who talked to the client (default: git's user.name)")),
		OPT_STRING('F', "file", &file, N_("file"), N_("read the text from <file>; - reads standard input")),
		OPT_STRING(0, "eml", &eml, N_("file"), N_("log a saved e-mail message (.eml); - reads standard input")),
		OPT_BOOL('q', "quiet", &quiet, N_("do not print the new entry's path")),
		OPT_END()
	};

	memset(&spec, 0, sizeof(spec));
	if ((argc = opt_parse(argc, argv, options, log_usage)) < 0)
		return opt_exit(argc);
	if (eml) {
		if (argc > 1)
			return cmd_usage_error(log_usage, options, "--eml takes "
					       "no summary: it is the message's "
					       "subject");
		if (file || date || spec.channel || spec.direction ||
		    spec.kind || spec.by)
			return cmd_usage_error(log_usage, options, "--eml takes "
					       "the text, date, channel and "
					       "direction from the message: "
					       "-F, --date, --channel, "
					       "--direction, --kind and --by "
					       "do not go with it");
		return log_eml(ctx, argc ? argv[0] : NULL, eml, quiet);
	}
	if (argc < 1 || argc > 2)
		return cmd_usage_error(log_usage, options, "expected <client> [<summary>]");
	if (date && acct_time_parse(&when, date, &err) < 0)
		return cmd_fail_option("--date", &err);
	if (argc == 1 && !file && !ctx->stdin_tty)
		return cmd_usage_error(log_usage, options, "no summary: give one, "
				       "or the text with -F <file> (-F - for "
				       "standard input)");
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if ((rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
		goto out;
	if (file) {
		if ((rc = read_body(&text, ctx, file)) != 0)
			goto out;
	} else if (argc == 1) {
		if ((rc = edit_body(&text, ctx, slug.buf)) != 0)
			goto out;
	}
	if (argc == 2) {
		acct_buf_addstr(&summary, argv[1]);
		spec.body = text.buf;
		spec.body_len = text.len;
	} else if (split_summary(&summary, &spec.body, &spec.body_len,
				 &spec.body_line, &text, !file) < 0) {
		fputs(file ? _("acct: the text is empty; nothing written\n") :
		      _("acct: the first line, the summary, is empty; nothing "
			"written\n"), stderr);
		rc = file ? EXIT_USAGE : EXIT_FAIL;
		goto out;
	}
	spec.slug = slug.buf;
	spec.summary = summary.buf;
	spec.body_name = file ? (strcmp(file, "-") ? file : _("standard input"))
			      : _("the text");
	spec.when = date ? &when : NULL;
	rc = acct_log_add(&path, ctx->book, &spec, &err);
	if (rc < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	if (!quiet)
		printf("%s\n", path.buf);
	rc = EXIT_OK;
out:
	acct_buf_release(&slug);
	acct_buf_release(&text);
	acct_buf_release(&summary);
	acct_buf_release(&path);
	return rc;
}
