/* acct help [<command>]: the commands, or one command's help. */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

#include "acct/banned.h"

static const char *const acct_usage[] = {
	N_("acct [-C <dir>] [--version] [--help] [--list-cmds] <command> [<args>]"),
	NULL,
};

void cmd_print_commands(FILE *fp)
{
	const struct cmd_spec *c;

	fprintf(fp, _("usage: %s\n\ncommands:\n"), _(acct_usage[0]));
	for (c = acct_commands; c->name; c++)
		fprintf(fp, "    %-12s%s\n", c->name, _(c->summary));
	fprintf(fp, _("\n'acct <command> -h' shows a command's options.\n"));
}

int cmd_help(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const struct opt options[] = { OPT_END() };
	const char *const usage[] = { N_("acct help [<command>]"), NULL };
	const struct cmd_spec *c;
	const char *sub[3];

	if ((argc = opt_parse(argc, argv, options, usage)) < 0)
		return opt_exit(argc);
	if (argc == 0) {
		cmd_print_commands(stdout);
		return EXIT_OK;
	}
	if (argc > 1)
		return cmd_usage_error(usage, options, "expected one command");
	for (c = acct_commands; c->name; c++)
		if (!strcmp(c->name, argv[0])) {
			sub[0] = c->name;
			sub[1] = "-h";
			sub[2] = NULL;
			return c->fn(2, sub, ctx);
		}
	return cmd_usage_error(usage, options, "'%s' is not an acct command",
			       argv[0]);
}
