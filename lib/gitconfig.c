/*
 * The book's git set-up that acct keeps in place: the card merge driver in
 * .git/config and the attributes line that sends cards to it. Called by
 * init and by every transaction (lib/txn.c) and sync; it needs neither.
 */
#include "acct/gitconfig.h"

#include <string.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/git.h"
#include "acct/banned.h"

/* The attributes line that sends cards to acct's merge driver. */
#define CARD_ATTRIBUTES "clients/*/client.yaml merge=acct-card\n"

int acct_merge_driver_configure(struct acct_book *book, struct acct_error *err)
{
	git_config *cfg = NULL, *local = NULL;
	git_buf v = { 0 };
	int rc = 0;

	if (git_repository_config(&cfg, book->repo) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read git's config");
	if (git_config_get_string_buf(&v, cfg, "merge.acct-card.driver") == 0)
		goto out;
	if (git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0 ||
	    git_config_set_string(local, "merge.acct-card.name",
				  "acct: client cards, field by field") < 0 ||
	    git_config_set_string(local, "merge.acct-card.driver",
				  "acct merge-card %O %A %B %P") < 0)
		rc = acct_git_error(err, ACCT_ERROR, "cannot write the card merge "
				    "driver into .git/config");
out:
	git_buf_dispose(&v);
	git_config_free(local);
	git_config_free(cfg);
	return rc;
}

int acct_gitattributes(struct acct_buf *out, const char *root,
			struct acct_error *err)
{
	struct acct_buf path = ACCT_BUF_INIT;
	int rc;

	acct_buf_addf(&path, "%s/.gitattributes", root);
	rc = acct_file_read(out, path.buf, ".gitattributes", ACCT_INPUT_BYTES, 0,
			    err);
	acct_buf_release(&path);
	if (rc == ACCT_ENOTFOUND)
		rc = 0;
	if (rc < 0)
		return rc;
	if (out->len && out->buf[out->len - 1] != '\n')
		acct_buf_addch(out, '\n');
	if (!strstr(out->buf, CARD_ATTRIBUTES))
		acct_buf_addstr(out, CARD_ATTRIBUTES);
	return 0;
}

