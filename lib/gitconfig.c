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

/* One comma-separated item of core.fsync, blanks around it dropped. */
static const char *fsync_item(const char *s, size_t *len)
{
	const char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strcspn(s, ",");
	*len = (size_t)(end - s);
	while (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
		(*len)--;
	return s;
}

int acct_fsync_none(struct acct_book *book)
{
	git_config *cfg = NULL;
	git_buf v = { 0 };
	const char *s;
	int none = 0, added = 0;

	if (git_repository_config_snapshot(&cfg, book->repo) < 0 ||
	    git_config_get_string_buf(&v, cfg, "core.fsync") < 0) {
		git_error_clear();
		goto out;
	}
	/*
	 * git's parse_fsync_components(): "none" empties the default set,
	 * "-x" takes x out, and any other item is in, wherever it stands.
	 */
	for (s = v.ptr; *s; s += *s == ',') {
		size_t len;
		const char *item = fsync_item(s, &len);

		s = item + strcspn(item, ",");
		if (len == 4 && !strncmp(item, "none", 4))
			none = 1;
		else if (len && item[0] != '-')
			added = 1;
	}
out:
	git_buf_dispose(&v);
	git_config_free(cfg);
	return none && !added;
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

