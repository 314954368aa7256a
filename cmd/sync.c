/* acct sync: fetch, merge and push with the book's git remote; merge-card. */
#include "cmd.h"

#include <string.h>
#include <unistd.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/git.h"
#include "acct/sync.h"
#include "acct/text.h"
#include "acct/banned.h"

extern char **environ;

static const char *const sync_usage[] = {
	N_("acct sync [--remote <name>] [--quiet] [--json]"),
	N_("acct sync --set-remote <url> [--quiet] [--json]"),
	N_("acct sync --remotes"),
	NULL,
};

static void put_conflicts(const struct acct_sync_result *r)
{
	struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT;
	size_t i;

	for (i = 0; i < r->nconflicts; i++) {
		const struct acct_sync_conflict *c = &r->conflicts[i];

		acct_buf_reset(&a);
		acct_buf_reset(&b);
		if (!c->field) {
			acct_text_escape_terminal(&a, c->path, strlen(c->path));
			if (c->theirs)
				fprintf(stderr, _("conflict: %s: %s\n"), a.buf,
					c->theirs);
			else
				fprintf(stderr, _("conflict: %s (changed on "
						  "both sides)\n"), a.buf);
			continue;
		}
		acct_text_escape_terminal(&a, c->ours, strlen(c->ours));
		acct_text_escape_terminal(&b, c->theirs, strlen(c->theirs));
		fprintf(stderr, _("conflict: %s: %s: here %s, there %s\n"), c->path,
			c->field, a.buf, b.buf);
	}
	acct_buf_release(&a);
	acct_buf_release(&b);
}

int cmd_sync(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const char *remote = NULL, *url = NULL;
	int quiet = 0, json = 0, remotes = 0;
	struct opt options[] = {
		OPT_STRING(0, "remote", &remote, N_("name"), N_("the remote to sync with (default: the branch's, else origin)")),
		OPT_STRING(0, "set-remote", &url, N_("url"), N_("add origin at <url>, make it the upstream and push the book there")),
		OPT_BOOL('q', "quiet", &quiet, N_("print nothing on success; never prompt")),
		OPT_BOOL(0, "json", &json, N_("print JSON")),
		OPT_BOOL(0, "remotes", &remotes, N_("print only the names --remote takes, one a line; sync nothing")),
		OPT_END()
	};
	struct acct_sync_opts so = { 0 };
	struct acct_sync_result r;
	struct acct_error err = ACCT_ERROR_INIT;
	static const char *const merges[] = { "none", "fast-forward", "merge" };
	struct out *o;
	size_t i;
	int rc;

	if ((argc = opt_parse(argc, argv, options, sync_usage)) < 0)
		return opt_exit(argc);
	if (argc)
		return cmd_usage_error(sync_usage, options, "unexpected argument "
				       "'%s'", argv[0]);
	if (url && remote)
		return cmd_usage_error(sync_usage, options, "--set-remote adds "
				       "origin: it takes no --remote");
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (remotes) {
		struct acct_buf names = ACCT_BUF_INIT;

		if (url || remote || quiet || json)
			return cmd_usage_error(sync_usage, options, "--remotes "
					       "takes nothing else");
		rc = acct_git_remotes(&names, ctx->book->repo, &err) < 0 ?
		     cmd_fail(&err) : EXIT_OK;
		fputs(names.buf, stdout);
		acct_buf_release(&names);
		return rc;
	}
	/* No terminal to ask on (cron), or --quiet: nothing may prompt. */
	so.batch = quiet || !ctx->stdin_tty;
	so.progress = !quiet && !json && isatty(STDERR_FILENO);
	so.remote = remote;
	so.env = (const char *const *)environ;
	rc = url ? acct_sync_set_remote(ctx->book, url, &so, &r, &err)
		 : acct_sync(ctx->book, &so, &r, &err);
	if (rc < 0) {
		put_conflicts(&r);
		rc = cmd_fail(&err);
		acct_sync_result_release(&r);
		return rc;
	}
	rc = EXIT_OK;
	if (!quiet || json) {
		o = out_begin(ctx, json);
		out_str(o, "remote", r.remote);
		out_str(o, "branch", r.branch);
		out_str(o, "merge", merges[r.merge]);
		out_int(o, "files", (long long)r.files);
		out_bool(o, "pushed", r.pushed);
		if (json)
			out_int(o, "rounds", r.rounds);
		out_list_begin(o, "renamed", OUT_LINES);
		for (i = 0; i < r.nrenamed; i++)
			out_str(o, NULL, r.renamed[i]);
		out_list_end(o);
		if (out_end(o) < 0)
			rc = EXIT_FAIL;
	}
	acct_sync_result_release(&r);
	return rc;
}
