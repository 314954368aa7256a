/* acct help [<command>]: the commands, or one command's help. */
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/banned.h"

extern char **environ;

/*
 * Run man with `args` (after "man" and, with a folder of pages, "-M
 * <dir>") and wait: its exit status, or -1 when it could not be run.
 * `quiet` sends its output to /dev/null (the question "man -w"). While
 * it runs, a ^C or ^\ is the pager's, not ours, as system() has it.
 */
static int run_man(const struct cmd_ctx *ctx, const char *page, int quiet)
{
	const char *argv[6];
	const char *const *cargv = argv;
	char *const *spawn_argv;	/* posix_spawn's type, never written */
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	struct sigaction ign, old_int, old_quit;
	sigset_t def;
	int argc = 0, status = -1, err;
	pid_t pid;

	argv[argc++] = "man";
	if (ctx->mandir) {
		argv[argc++] = "-M";
		argv[argc++] = ctx->mandir;
	}
	if (quiet)
		argv[argc++] = "-w";
	argv[argc++] = page;
	argv[argc] = NULL;

	posix_spawn_file_actions_init(&fa);
	if (quiet) {
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null",
						 O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
						 O_WRONLY, 0);
	}
	posix_spawnattr_init(&attr);
	sigemptyset(&def);
	sigaddset(&def, SIGINT);
	sigaddset(&def, SIGQUIT);
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	fflush(stdout);
	memcpy(&spawn_argv, &cargv, sizeof(spawn_argv));
	err = posix_spawnp(&pid, "man", &fa, &attr, spawn_argv, environ);
	if (!err) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	return status;
}

int cmd_show_man(const struct cmd_ctx *ctx, const char *command)
{
	struct acct_buf page = ACCT_BUF_INIT;
	int rc = -1;

	/* Like git help: the manual for a person at a terminal. */
	if (!ctx->stdout_tty)
		return -1;
	acct_buf_addf(&page, "acct-%s", command);
	if (run_man(ctx, page.buf, 1) == 0)
		rc = run_man(ctx, page.buf, 0) == 0 ? EXIT_OK : EXIT_FAIL;
	acct_buf_release(&page);
	return rc;
}

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

void cmd_print_man_commands(void)
{
	const struct cmd_spec *c;

	for (c = acct_commands; c->name; c++)
		printf("%s**acct-%s**(1)\n\n> %s\n", c == acct_commands ? "" : "\n",
		       c->name, c->summary);
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
			int rc = cmd_show_man(ctx, c->name);

			if (rc >= 0)
				return rc;
			sub[0] = c->name;
			sub[1] = "-h";
			sub[2] = NULL;
			return c->fn(2, sub, ctx);
		}
	return cmd_usage_error(usage, options, "'%s' is not an acct command",
			       argv[0]);
}
