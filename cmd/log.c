/* acct log: record an interaction with a client. */
#include "cmd.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>


#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/text.h"
#include "acct/banned.h"

static const char *const log_usage[] = {
	"acct log <client> [<summary>] [--channel <channel>] [--direction <out|in>] "
	"[--kind <kind>] [--date <date>] [--by <name>] [-F <file> | -F -]",
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
		fprintf(stderr, "acct: '%s' is not UTF-8 text\n",
			strcmp(file, "-") ? file : "standard input");
		return EXIT_USAGE;
	}
	return 0;
}

/*
 * Without <summary>, the first line of the text is the summary and the
 * rest the body, as with git commit -F.
 */
static int split_summary(struct acct_buf *summary, const char **body,
			 size_t *body_len, size_t *body_line,
			 const struct acct_buf *text, int first_line)
{
	const char *s = text->buf, *end = s + text->len;
	size_t eol, next, i;

	/* From an editor, the summary is the first line or nothing. */
	while (!first_line && s < end && (*s == '\n' || *s == '\r' || *s == ' '))
		s++;
	/* The body starts on the line after the summary's. */
	for (*body_line = 2, i = 0; i < (size_t)(s - text->buf); (*body_line)++)
		acct_text_line_end(text->buf, (size_t)(s - text->buf), i, &i);
	/* A line ends at "\n", "\r\n" or a lone "\r", as cmark's lines. */
	eol = acct_text_line_end(s, (size_t)(end - s), 0, &next);
	acct_buf_add(summary, s, eol);
	while (summary->len && summary->buf[summary->len - 1] == ' ')
		acct_buf_setlen(summary, summary->len - 1);
	*body = s + next;
	*body_len = (size_t)(end - *body);
	return summary->len ? 0 : -1;
}

/* The editor's session: a template in the book's language. */
static int edit_body(struct acct_buf *text, struct cmd_ctx *ctx,
		     const char *slug)
{
	struct acct_buf tpl = ACCT_BUF_INIT, path = ACCT_BUF_INIT,
			stem = ACCT_BUF_INIT;
	int rc;

	acct_buf_addstr(&tpl, acct_entry_template(ctx->book->config.locale));
	acct_buf_addf(&stem, "log-%s", slug);
	rc = cmd_edit_copy(text, &path, ctx, stem.buf, ".md", &tpl);
	if (path.len)
		unlink(path.buf);
	if (!rc && !acct_text_is_utf8(text->buf, text->len)) {
		fprintf(stderr, "acct: the text is not UTF-8 text; nothing written\n");
		rc = EXIT_FAIL;
	}
	acct_buf_release(&tpl);
	acct_buf_release(&path);
	acct_buf_release(&stem);
	return rc;
}

int cmd_log(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct acct_log_spec spec;
	struct acct_buf slug = ACCT_BUF_INIT, text = ACCT_BUF_INIT,
			summary = ACCT_BUF_INIT, path = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_time when;
	const char *file = NULL, *date = NULL;
	int quiet = 0, rc;
	const struct opt options[] = {
		OPT_STRING(0, "channel", &spec.channel, "channel", "call, meeting, email, chat or other"),
		OPT_STRING(0, "direction", &spec.direction, "out|in", "who reached out first (default: out)"),
		OPT_STRING(0, "kind", &spec.kind, "kind", "note, postmeet, message, report, review, request, complaint or praise (default: postmeet for a call or meeting, message for an email or chat)"),
		OPT_STRING(0, "date", &date, "date", "when, YYYY-MM-DD[THH:MM[+hh:mm]] (default: now)"),
		OPT_STRING(0, "by", &spec.by, "name", "who talked to the client (default: git's user.name)"),
		OPT_STRING('F', "file", &file, "file", "read the text from <file>; - reads standard input"),
		OPT_BOOL('q', "quiet", &quiet, "do not print the new entry's path"),
		OPT_END()
	};

	memset(&spec, 0, sizeof(spec));
	if ((argc = opt_parse(argc, argv, options, log_usage)) < 0)
		return opt_exit(argc);
	if (argc < 1 || argc > 2)
		return cmd_usage_error(log_usage, options, "expected <client> [<summary>]");
	if (date && acct_time_parse(&when, date, &err) < 0)
		return cmd_fail_with(&err, EXIT_USAGE);
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
		fprintf(stderr, "acct: %s; nothing written\n", file ?
			"the text is empty" : "the first line, the summary, is empty");
		rc = file ? EXIT_USAGE : EXIT_FAIL;
		goto out;
	}
	spec.slug = slug.buf;
	spec.summary = summary.buf;
	spec.body_name = file ? (strcmp(file, "-") ? file : "standard input")
			      : "the text";
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
