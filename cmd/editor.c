#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <git2.h>

#include "acct/buf.h"
#include "acct/file.h"
#include "acct/banned.h"

int cmd_run_editor(const struct cmd_ctx *ctx, const char *path)
{
	const char *editor = ctx->editor;
	pid_t pid;
	int status;

	if (!editor) {
		if (!ctx->stdin_tty) {
			fprintf(stderr, _("acct: no editor to run: standard input is "
				"not a terminal and neither VISUAL nor EDITOR is set\n"
				"hint: set EDITOR, or change the card with "
				"'acct client set'\n"));
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
		fprintf(stderr, _("acct: cannot start the editor: %s\n"), strerror(errno));
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
			fprintf(stderr, _("acct: lost the editor: %s\n"), strerror(errno));
			return EXIT_FAIL;
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, WIFEXITED(status) && WEXITSTATUS(status) == 127 ?
			_("acct: the editor '%s' failed (not found?); nothing "
			  "was changed\n") :
			_("acct: the editor '%s' failed; nothing was changed\n"),
			editor);
		return EXIT_FAIL;
	}
	return 0;
}

/* Write `text` to a new file .git/acct/<stem>-<n><ext> of our own. */
static int write_copy(struct acct_buf *path, struct cmd_ctx *ctx,
		      const char *stem, const char *ext,
		      const struct acct_buf *text)
{
	const char *gitdir = git_repository_path(ctx->book->repo);
	int fd = -1, n;

	acct_buf_reset(path);
	acct_buf_addf(path, "%sacct", gitdir);
	if (mkdir(path->buf, 0777) < 0 && errno != EEXIST)
		goto fail;
	for (n = 1; n < 100; n++) {
		acct_buf_reset(path);
		acct_buf_addf(path, "%sacct/%s-%d%s", gitdir, stem, n, ext);
		fd = open(path->buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0)
		goto fail;
	if (write(fd, text->buf, text->len) != (ssize_t)text->len) {
		close(fd);
		unlink(path->buf);
		goto fail;
	}
	if (close(fd) == 0)
		return 0;
	unlink(path->buf);
fail:
	fprintf(stderr, _("acct: cannot write '%s': %s\n"), path->buf, strerror(errno));
	acct_buf_reset(path);
	return -1;
}

int cmd_edit_copy(struct acct_buf *result, struct acct_buf *path,
		  struct cmd_ctx *ctx, const char *stem, const char *ext,
		  const struct acct_buf *text)
{
	struct acct_error err = ACCT_ERROR_INIT;
	int rc;

	if (write_copy(path, ctx, stem, ext, text) < 0)
		return EXIT_FAIL;
	if ((rc = cmd_run_editor(ctx, path->buf)) != 0)
		return rc;
	/* What the editor left: a file, within the limit. */
	if (acct_file_read(result, path->buf, path->buf, cmd_input_limit(ctx),
			   0, &err) < 0)
		return cmd_fail_with(&err, EXIT_FAIL);
	return 0;
}

int cmd_text_blank(const struct acct_buf *b)
{
	size_t i;

	for (i = 0; i < b->len; i++)
		if (!strchr(" \t\r\n", b->buf[i]))
			return 0;
	return 1;
}

int cmd_edit_done(int rc, const struct acct_error *err, struct acct_buf *path)
{
	if (rc < 0) {
		cmd_fail(err);
		fprintf(stderr, _("hint: your text is kept in %s\n"), path->buf);
		acct_buf_reset(path);	/* the rescue file stays */
		return EXIT_FAIL;
	}
	if (rc == 1)
		fprintf(stderr, _("acct: no changes\n"));
	if (path->len)
		unlink(path->buf);
	acct_buf_reset(path);
	return EXIT_OK;
}
