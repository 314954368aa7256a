/* acct undo: revert the last acct commit as a new commit. */
#include "cmd.h"

#include "acct/undo.h"
#include "acct/banned.h"

static const char *const undo_usage[] = {
	"acct undo [--json]",
	NULL,
};

int cmd_undo(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct acct_undo_result r = ACCT_UNDO_RESULT_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int json = 0;
	const struct opt options[] = {
		OPT_BOOL(0, "json", &json, "print what was undone as JSON"),
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
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (acct_undo(&r, ctx->book, &err) < 0)
		return cmd_fail(&err);
	o = out_begin(ctx, json);
	if (json) {
		out_str(o, "undone", r.undone);
		out_str(o, "subject", r.subject);
		out_str(o, "commit", r.commit[0] ? r.commit : NULL);
		out_list_begin(o, "files", OUT_LINES);
		for (i = 0; i < r.nfiles; i++)
			out_str(o, NULL, r.files[i]);
		out_list_end(o);
	} else {
		/* One line: "undone: client set acme: status=paused". */
		out_str(o, "undone", r.subject);
	}
	rc = out_end(o) < 0 ? EXIT_FAIL : EXIT_OK;
	acct_undo_result_release(&r);
	return rc;
}
