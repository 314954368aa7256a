/* acct undo: revert the last acct commits as a new commit. */
#include "cmd.h"

#include "acct/buf.h"
#include "acct/undo.h"
#include "acct/banned.h"

static const char *const undo_usage[] = {
	N_("acct undo [-n <count>] [--json]"),
	NULL,
};

int cmd_undo(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct acct_undo_result r = ACCT_UNDO_RESULT_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf line = ACCT_BUF_INIT;
	int json = 0;
	long count = 1;
	const struct opt options[] = {
		OPT_INT('n', NULL, &count, N_("count"), N_("undo the last <count> acct commits as one commit (default 1)")),
		OPT_BOOL(0, "json", &json, N_("print what was undone as JSON")),
		OPT_END()
	};
	struct out *o;
	size_t i;
	int rc;

	if ((argc = opt_parse(argc, argv, options, undo_usage)) < 0)
		return opt_exit(argc);
	if (argc)
		return cmd_usage_error(undo_usage, options, "unexpected '%s'",
				       argv[0]);
	if (count < 1 || count > ACCT_UNDO_MAX)
		return cmd_usage_error(undo_usage, options, "-n must be a number "
				       "of commits from 1 to %d, not %ld",
				       ACCT_UNDO_MAX, count);
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if ((rc = acct_undo(&r, ctx->book, (size_t)count, &err)) < 0)
		return cmd_fail_with(&err, rc == ACCT_EUSAGE ? EXIT_USAGE :
				     EXIT_FAIL);
	o = out_begin(ctx, json);
	if (json) {
		out_str(o, "undone", r.undone);
		out_str(o, "subject", r.subject);
		out_list_begin(o, "commits", OUT_TABLE);
		for (i = 0; i < r.ncommits; i++) {
			out_map_begin(o, NULL);
			out_str(o, "commit", r.commits[i].id);
			out_str(o, "subject", r.commits[i].subject);
			out_map_end(o);
		}
		out_list_end(o);
		out_str(o, "commit", r.commit[0] ? r.commit : NULL);
		out_list_begin(o, "files", OUT_LINES);
		for (i = 0; i < r.nfiles; i++)
			out_str(o, NULL, r.files[i]);
		out_list_end(o);
	} else {
		/*
		 * A line a commit undone, newest first: "undone: client set
		 * acme: status=paused".
		 */
		out_list_begin(o, "undone", OUT_LINES);
		for (i = 0; i < r.ncommits; i++) {
			acct_buf_reset(&line);
			acct_buf_addf(&line, _("undone: %s"), r.commits[i].subject);
			out_str(o, NULL, line.buf);
		}
		out_list_end(o);
	}
	rc = out_end(o) < 0 ? EXIT_FAIL : EXIT_OK;
	acct_buf_release(&line);
	acct_undo_result_release(&r);
	return rc;
}
