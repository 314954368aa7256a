/*
 * acct init: a book made in a folder, a git repository made or taken,
 * and its first commit through a transaction like any other change.
 */
#include "acct/init.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/builtin.h"
#include "acct/commit.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/gitconfig.h"
#include "acct/txn.h"
#include "acct/banned.h"

int acct_book_init(const char *dir, const struct acct_time *now,
		   const struct acct_ident *ident, struct acct_error *err)
{
	const struct acct_builtin_file *cfg = acct_builtin_find("config.yaml");
	struct acct_book book;
	struct acct_buf probe = ACCT_BUF_INIT, attr = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	char *abs = NULL;
	int rc, made_dir = 0;
	struct stat st;

	acct_git_init();
	memset(&book, 0, sizeof(book));
	book.now = *now;
	book.ident = *ident;
	acct_config_defaults(&book.config);
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		if (mkdir(dir, 0777) < 0) {
			rc = acct_error_set(err, ACCT_ERROR, "cannot create '%s': %s",
					    dir, strerror(errno));
			goto out;
		}
		made_dir = 1;
	}
	if (!(abs = realpath(dir, NULL))) {
		rc = acct_error_set(err, ACCT_ERROR, "cannot open '%s': %s", dir,
				    strerror(errno));
		goto out;
	}
	book.root = abs;
	acct_buf_addf(&probe, "%s/.acct", abs);
	if (stat(probe.buf, &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = acct_error_set(err, ACCT_EEXISTS, "'%s' is already an acct book",
				    dir);
		goto out;
	}
	if (git_repository_open_ext(&book.repo, abs, GIT_REPOSITORY_OPEN_NO_SEARCH,
				    NULL) < 0) {
		git_error_clear();
		/* Check who will commit before creating anything. */
		if ((rc = acct_ident_check(&book, err)) < 0)
			goto out;
		if (git_repository_init(&book.repo, abs, 0) < 0) {
			rc = acct_git_error(err, ACCT_ERROR, "cannot create a git "
					    "repository");
			goto out;
		}
	} else if (git_repository_is_bare(book.repo)) {
		rc = acct_error_set(err, ACCT_EDATA, "'%s' is a bare git repository; "
				    "a book needs a work tree", dir);
		goto out;
	}
	if ((rc = acct_gitattributes(&attr, abs, err)) < 0 ||
	    (rc = acct_txn_begin(&t, &book, err)) < 0 ||
	    (rc = acct_txn_put(t, ACCT_CONFIG_PATH, cfg->data, cfg->len,
			       ACCT_TXN_NEW, err)) < 0 ||
	    (rc = acct_txn_put(t, ".gitattributes", attr.buf, attr.len, 0,
			       err)) < 0 ||
	    (rc = acct_txn_commit(t, "init: create the book", err)) < 0)
		goto out;
	rc = 0;
out:
	acct_txn_free(t);
	if (rc < 0 && made_dir)
		rmdir(dir);
	git_repository_free(book.repo);
	acct_config_release(&book.config);
	acct_buf_release(&probe);
	acct_buf_release(&attr);
	free(abs);
	return rc;
}
