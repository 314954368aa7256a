#include "cmd.h"

#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/banned.h"

int cmd_run_editor(const struct cmd_ctx *ctx, const char *path)
{
	const char *editor = ctx->editor;
	pid_t pid;
	int status;

	if (!editor) {
		if (!ctx->stdin_tty) {
			fprintf(stderr, "acct: no editor to run: standard input is "
				"not a terminal and neither VISUAL nor EDITOR is set\n"
				"hint: set EDITOR, or change the card with "
				"'acct client set'\n");
			return EXIT_USAGE;
		}
		editor = "vi";
	}
	fflush(stdout);
	/*
	 * As git does: the editor setting is a shell command ("code --wait"),
	 * and the file is passed to it as an argument, never spliced in.
	 */
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "acct: cannot start the editor: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	if (pid == 0) {
		struct acct_buf script = ACCT_BUF_INIT;

		acct_buf_addf(&script, "%s \"$@\"", editor);
		execl("/bin/sh", "sh", "-c", script.buf, editor, path, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "acct: lost the editor: %s\n", strerror(errno));
			return EXIT_FAIL;
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "acct: the editor '%s' failed%s; nothing was changed\n",
			editor, WIFEXITED(status) && WEXITSTATUS(status) == 127 ?
			" (not found?)" : "");
		return EXIT_FAIL;
	}
	return 0;
}
