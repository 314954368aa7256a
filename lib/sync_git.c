/*
 * acct sync's transport: the system's git, run with an argument vector
 * and an environment in which nothing can prompt in batch mode, its
 * output captured (lib/sync.c merges; this runs fetch and push).
 */
#include "acct/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/run.h"
#include "acct/banned.h"

/* --- running git ----------------------------------------------------------- */

struct env {
	char **vars;
	size_t n, alloc;
};

static void env_set(struct env *e, const char *name, const char *value)
{
	size_t len = strlen(name), i;
	struct acct_buf b = ACCT_BUF_INIT;

	acct_buf_addf(&b, "%s=%s", name, value);
	for (i = 0; i < e->n; i++)
		if (!strncmp(e->vars[i], name, len) && e->vars[i][len] == '=') {
			free(e->vars[i]);
			e->vars[i] = acct_buf_detach(&b, NULL);
			return;
		}
	if (e->n + 2 > e->alloc) {
		e->alloc = e->alloc ? 2 * e->alloc : 64;
		e->vars = acct_realloc(e->vars, e->alloc * sizeof(*e->vars));
	}
	e->vars[e->n++] = acct_buf_detach(&b, NULL);
	e->vars[e->n] = NULL;
}

static const char *env_get(const struct env *e, const char *name)
{
	size_t len = strlen(name), i;

	for (i = 0; i < e->n; i++)
		if (!strncmp(e->vars[i], name, len) && e->vars[i][len] == '=')
			return e->vars[i] + len + 1;
	return NULL;
}

static void env_release(struct env *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		free(e->vars[i]);
	free(e->vars);
}

/*
 * The environment git runs with. In batch mode nothing may prompt: git's
 * own terminal prompt is off, no askpass program, and ssh runs with
 * BatchMode=yes (added to the user's ssh command, which stays in force).
 */
static void git_env(struct env *e, git_repository *repo,
		    const char *const *environment, int batch)
{
	const char *const *v;

	memset(e, 0, sizeof(*e));
	for (v = environment; v && *v; v++) {
		const char *eq = strchr(*v, '=');
		char name[256];

		if (!eq || (size_t)(eq - *v) >= sizeof(name))
			continue;
		memcpy(name, *v, (size_t)(eq - *v));
		name[eq - *v] = '\0';
		env_set(e, name, eq + 1);
	}
	if (!batch)
		return;
	env_set(e, "GIT_TERMINAL_PROMPT", "0");
	env_set(e, "GIT_ASKPASS", "");
	env_set(e, "SSH_ASKPASS", "");
	env_set(e, "SSH_ASKPASS_REQUIRE", "never");
	{
		struct acct_buf ssh = ACCT_BUF_INIT;
		const char *cmd = env_get(e, "GIT_SSH_COMMAND");
		git_config *cfg = NULL;
		git_buf conf = { 0 };

		if (!cmd && git_repository_config_snapshot(&cfg, repo) == 0 &&
		    git_config_get_string_buf(&conf, cfg, "core.sshCommand") == 0)
			cmd = conf.ptr;
		if (!cmd)
			cmd = env_get(e, "GIT_SSH");
		acct_buf_addf(&ssh, "%s -o BatchMode=yes", cmd && *cmd ? cmd : "ssh");
		env_set(e, "GIT_SSH_COMMAND", ssh.buf);
		git_buf_dispose(&conf);
		git_config_free(cfg);
		acct_buf_release(&ssh);
	}
}

char **acct_sync_git_argv(const char *root, const char *const *args)
{
	size_t n = 0, i;
	char **argv;

	while (args[n])
		n++;
	argv = acct_calloc(n + 4, sizeof(*argv));
	argv[0] = acct_strdup("git");
	argv[1] = acct_strdup("-C");
	argv[2] = acct_strdup(root);
	for (i = 0; i < n; i++)
		argv[3 + i] = acct_strdup(args[i]);
	return argv;
}

void acct_sync_argv_free(char **argv)
{
	size_t i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/*
 * Run `git -C <root> ARGS...` (lib/run.c): stdout into `out`, stderr into
 * `errout` (or the terminal when `progress`). In batch mode git runs in a
 * session of its own, with no terminal to ask on. Returns the exit
 * status, or -1.
 */
int acct_sync_run_git(struct acct_book *book, const char *const *args,
		      const struct acct_sync_opts *o, struct acct_buf *out,
		      struct acct_buf *errout)
{
	char **argv = acct_sync_git_argv(book->root, args);
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_run_opts ro = { 0 };
	struct env e;
	int status;

	git_env(&e, book->repo, o->env, o->batch);
	ro.argv = (const char *const *)argv;
	ro.env = (const char *const *)e.vars;
	ro.out = out;
	ro.err = o->progress ? NULL : errout;
	ro.flags = o->batch ? ACCT_RUN_SETSID : 0;
	if (acct_run(&status, &ro, &err) < 0)
		status = -1;
	env_release(&e);
	acct_sync_argv_free(argv);
	return status;
}

int acct_sync_git_failed(struct acct_error *err, const char *what,
			 const char *remote, const struct acct_buf *errout,
			 int batch)
{
	struct acct_buf msg = ACCT_BUF_INIT;
	int rc;

	/* The last lines of git's complaint (ssh's reason among them). */
	acct_run_last_lines(&msg, errout, 4);
	rc = acct_error_set(err, ACCT_ERROR, "git %s %s failed%s%s", what,
			    remote, msg.len ? ": " : "", msg.buf);
	if (strstr(errout->buf, "terminal prompts disabled") ||
	    strstr(errout->buf, "could not read Username") ||
	    strstr(errout->buf, "Authentication failed") ||
	    strstr(errout->buf, "Permission denied") ||
	    strstr(errout->buf, "Host key verification failed"))
		acct_error_hint(err, "%s; run 'git %s %s' once on a terminal to "
				"check", batch ? "acct sync never asks for a "
				"password here: use an ssh key with ssh-agent, "
				"or a git credential helper (git config "
				"credential.helper store)" : "set up access to "
				"the remote", what, remote);
	else
		acct_error_hint(err, "check the remote with 'git %s %s'", what,
				remote);
	acct_buf_release(&msg);
	return rc;
}
