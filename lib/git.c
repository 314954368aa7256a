#include "acct/git.h"

#include <git2.h>

#include "acct/error.h"
#include "acct/banned.h"

int acct_git_error(struct acct_error *err, int code, const char *what)
{
	const git_error *e = git_error_last();

	if (e && e->message)
		acct_error_set(err, code, "%s: %s", what, e->message);
	else
		acct_error_set(err, code, "%s", what);
	git_error_clear();
	return code;
}

void acct_git_init(void)
{
	static int done;

	if (!done) {
		git_libgit2_init();
		done = 1;
	}
}
