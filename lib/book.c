#include "acct/book.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/git.h"
#include "acct/banned.h"

void acct_book_path(struct acct_buf *out, const struct acct_book *book,
		    const char *rel)
{
	acct_buf_reset(out);
	acct_buf_addstr(out, book->root);
	acct_buf_addch(out, '/');
	acct_buf_addstr(out, rel);
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The nearest folder at or above `dir` that holds `.acct/`. */
static int find_root(struct acct_buf *out, const char *dir,
		     struct acct_error *err)
{
	struct acct_buf probe = ACCT_BUF_INIT;
	char *abs = realpath(dir, NULL);
	int rc = ACCT_ENOTFOUND;

	if (!abs)
		return acct_error_set(err, ACCT_ENOTFOUND, "cannot open '%s': %s",
				      dir, strerror(errno));
	for (;;) {
		char *slash;

		acct_buf_reset(&probe);
		acct_buf_addf(&probe, "%s/.acct", strcmp(abs, "/") ? abs : "");
		if (is_dir(probe.buf)) {
			acct_buf_addstr(out, abs);
			rc = 0;
			break;
		}
		slash = strrchr(abs, '/');
		if (!slash || slash == abs) {
			if (slash && abs[1]) {
				abs[1] = '\0';
				continue;
			}
			break;
		}
		*slash = '\0';
	}
	free(abs);
	acct_buf_release(&probe);
	if (rc) {
		acct_error_set(err, ACCT_ENOTFOUND,
			       "not in an acct book (or any parent)");
		acct_error_hint(err, "run 'acct init' to create one, or say "
				"where it is with -C <dir> or ACCT_DIR");
	}
	return rc;
}

static int read_config(struct acct_book *book, struct acct_error *err)
{
	struct acct_buf path = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	int rc = 0;

	acct_book_path(&path, book, ACCT_CONFIG_PATH);
	/* Read with the default limit: the config may set another. */
	if (acct_file_read(&text, path.buf, ACCT_CONFIG_PATH, ACCT_INPUT_BYTES,
			   0, err) < 0) {
		rc = ACCT_EDATA;
		if (err)
			err->code = rc;
		acct_error_hint(err, "restore it with 'git checkout -- %s'",
				ACCT_CONFIG_PATH);
	} else {
		rc = acct_config_parse(&book->config, ACCT_CONFIG_PATH, text.buf,
				       text.len, err);
		if (rc < 0)
			acct_error_hint(err, "correct %s", ACCT_CONFIG_PATH);
	}
	acct_buf_release(&path);
	acct_buf_release(&text);
	return rc;
}

/* What this command's reads will see: HEAD now (see book.h). */
static void note_head(struct acct_book *book)
{
	git_oid id;

	book->head_seen[0] = '\0';
	if (git_reference_name_to_id(&id, book->repo, "HEAD") == 0)
		git_oid_tostr(book->head_seen, sizeof(book->head_seen), &id);
	git_error_clear();
	book->head_seen_set = 1;
}

int acct_book_open(struct acct_book **out, const char *dir,
		   const struct acct_time *now, const struct acct_ident *ident,
		   struct acct_error *err)
{
	struct acct_book *book;
	struct acct_buf root = ACCT_BUF_INIT;
	const char *workdir;
	int rc;

	*out = NULL;
	acct_git_init();
	if ((rc = find_root(&root, dir, err)) < 0)
		return rc;
	book = acct_calloc(1, sizeof(*book));
	book->root = acct_buf_detach(&root, NULL);
	book->now = *now;
	book->ident = *ident;
	if (git_repository_open_ext(&book->repo, book->root,
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		acct_git_error(err, ACCT_EDATA, "the book is not a git repository");
		acct_error_hint(err, "'%s' has .acct/ but no .git/; run 'git init' "
				"there", book->root);
		rc = ACCT_EDATA;
		goto fail;
	}
	workdir = git_repository_workdir(book->repo);
	if (!workdir || strncmp(workdir, book->root, strlen(book->root)) ||
	    strcmp(workdir + strlen(book->root), "/")) {
		rc = acct_error_set(err, ACCT_EDATA, "the book '%s' is not the top "
				    "of a git work tree", book->root);
		goto fail;
	}
	if ((rc = read_config(book, err)) < 0)
		goto fail;
	note_head(book);
	*out = book;
	return 0;
fail:
	acct_book_free(book);
	return rc;
}

void acct_book_free(struct acct_book *book)
{
	if (!book)
		return;
	git_repository_free(book->repo);
	acct_config_release(&book->config);
	free(book->root);
	free(book);
}

