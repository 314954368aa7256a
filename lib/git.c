#include "acct/git.h"

#include <string.h>

#include <git2.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/i18n.h"
#include "acct/banned.h"

int acct_git_error(struct acct_error *err, int code, const char *what)
{
	const git_error *e = git_error_last();

	if (e && e->message)
		acct_error_set(err, code, "%s: %s", _(what), e->message);
	else
		acct_error_set(err, code, "%s", _(what));
	git_error_clear();
	return code;
}

void acct_git_init(void)
{
	static int done;

	if (done)
		return;
	git_libgit2_init();
	/*
	 * As git reads objects: without hashing each one again (libgit2's
	 * default, a SHA-1 of every tree a walk of history reads, costs
	 * more than the reading), and without keeping what was read. A
	 * walk of a large history reads each commit and tree once; libgit2's
	 * cache (256 MB by default) would only fill, and a smaller one
	 * spends its time evicting. What is mapped of the packs at once is
	 * bounded too, so that the pages a walk touches do not stay (issue
	 * 19: no command above 64 MB; a pack's index, mapped whole, is 21 MB
	 * on the bench book, and libgit2's delta base cache up to 16 MB).
	 * The price is paid by a command that reads objects all over a
	 * large pack (a first history, health --date): some system time
	 * for mapping windows again, where the pages would otherwise stay.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)1 << 20);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)4 << 20);
	done = 1;
}

static const char *state_name(int state)
{
	switch (state) {
	case GIT_REPOSITORY_STATE_MERGE: return "a merge";
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE: return "a revert";
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE: return "a cherry-pick";
	case GIT_REPOSITORY_STATE_BISECT: return "a bisect";
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE: return "a git am";
	default: return "a rebase";
	}
}

int acct_git_branch(char **out, git_repository *repo, struct acct_error *err)
{
	int state = git_repository_state(repo);
	git_reference *head = NULL;
	int rc;

	*out = NULL;
	if (state != GIT_REPOSITORY_STATE_NONE) {
		acct_error_set(err, ACCT_ESTATE, "%s is in progress in the book",
			       state_name(state));
		acct_error_hint(err, "finish it or abort it with git, then run "
				"acct again");
		return ACCT_ESTATE;
	}
	if ((rc = git_reference_lookup(&head, repo, "HEAD")) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read HEAD");
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC ||
	    strncmp(git_reference_symbolic_target(head), "refs/heads/", 11)) {
		git_reference_free(head);
		acct_error_set(err, ACCT_ESTATE, "HEAD is detached; acct commits "
			       "only to a branch");
		acct_error_hint(err, "check out a branch (git switch main), then "
				"run acct again");
		return ACCT_ESTATE;
	}
	*out = acct_strdup(git_reference_symbolic_target(head));
	git_reference_free(head);
	return 0;
}

int acct_git_remotes(struct acct_buf *out, git_repository *repo,
		     struct acct_error *err)
{
	git_strarray names = { NULL, 0 };
	size_t i;

	if (git_remote_list(&names, repo) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot list the remotes");
	for (i = 0; i < names.count; i++)
		acct_buf_addf(out, "%s\n", names.strings[i]);
	git_strarray_dispose(&names);
	return 0;
}
