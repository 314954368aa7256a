#include "cmd.h"

#include "acct/book.h"
#include "acct/init.h"
#include "acct/banned.h"

static const char *const init_usage[] = {
	N_("acct init [<dir>]"),
	NULL,
};

int cmd_init(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct acct_error err = ACCT_ERROR_INIT;
	int quiet = 0;
	const struct opt options[] = {
		OPT_BOOL('q', "quiet", &quiet, N_("print nothing on success")),
		OPT_END()
	};
	const char *dir;

	if ((argc = opt_parse(argc, argv, options, init_usage)) < 0)
		return opt_exit(argc);
	if (argc > 1)
		return cmd_usage_error(init_usage, options, "expected at most one <dir>");
	dir = argc ? argv[0] : ".";
	if (acct_book_init(dir, &ctx->now, &ctx->ident, &err) < 0)
		return cmd_fail_with(&err, err.code == ACCT_EUSAGE ? EXIT_USAGE
								  : EXIT_FAIL);
	if (!quiet)
		printf(_("created the book in %s\n"), dir);
	return EXIT_OK;
}
