#include "acct/journal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/lock.h"
#include "acct/banned.h"

void acct_journal_path(struct acct_buf *out, const struct acct_book *book,
		       const char *name)
{
	acct_buf_reset(out);
	acct_buf_addf(out, "%sacct%s%s", git_repository_path(book->repo),
		      *name ? "/" : "", name);
}

void acct_journal_backup(struct acct_buf *out, const struct acct_book *book,
			 size_t n)
{
	acct_buf_reset(out);
	acct_buf_addf(out, "%sacct/orig-%zu", git_repository_path(book->repo), n);
}

/* --- writing ------------------------------------------------------------------ */

static void add_oid(struct acct_buf *out, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];

	if (!id) {
		acct_buf_addch(out, '-');
		return;
	}
	git_oid_tostr(hex, sizeof(hex), id);
	acct_buf_addstr(out, hex);
}

void acct_journal_start(struct acct_buf *out, const char *branch,
			const git_oid *old, const git_oid *new)
{
	acct_buf_addstr(out, ACCT_JOURNAL_HEADER);
	acct_buf_addf(out, "branch %s\nold ", branch);
	add_oid(out, old);
	acct_buf_addstr(out, "\nnew ");
	add_oid(out, new);
	acct_buf_addch(out, '\n');
}

void acct_journal_move(struct acct_buf *out, const char *from, const char *to,
		       const git_oid *tree)
{
	acct_buf_addstr(out, "move ");
	add_oid(out, tree);
	acct_buf_addf(out, " %s\t%s\n", from, to);
}

void acct_journal_file(struct acct_buf *out, const char *path,
		       const git_oid *old, const git_oid *new)
{
	acct_buf_addstr(out, "file ");
	add_oid(out, old);
	acct_buf_addch(out, ' ');
	add_oid(out, new);
	acct_buf_addf(out, " %s\n", path);
}

int acct_journal_write(struct acct_tempfile **out, struct acct_book *book,
		       const struct acct_buf *text, struct acct_error *err)
{
	struct acct_buf path = ACCT_BUF_INIT;
	struct acct_lock lk = ACCT_LOCK_INIT;
	int rc;

	*out = NULL;
	acct_journal_path(&path, book, "");
	if (mkdir(path.buf, 0777) < 0 && errno != EEXIST) {
		rc = acct_error_set(err, ACCT_ERROR, "cannot create "
				    "'.git/acct': %s", strerror(errno));
		goto out;
	}
	/* We hold .git/index.lock: a journal.lock is a killed one's. */
	acct_journal_path(&path, book, "journal.lock");
	unlink(path.buf);
	acct_journal_path(&path, book, "journal");
	if ((rc = acct_lock_hold(&lk, path.buf, ".git/acct/journal",
				  book->nosync ? ACCT_LOCK_NOSYNC : 0, err)) < 0 ||
	    (rc = acct_lock_write(&lk, text->buf, text->len, err)) < 0 ||
	    (rc = acct_lock_close(&lk, 1, err)) < 0)
		goto out;
	/* In place and registered at once (see acct_lock_hold()). */
	acct_signals_defer();
	if ((rc = acct_lock_commit(&lk, err)) == 0)
		*out = acct_tempfile_register(path.buf, 0);
	acct_signals_resume();
out:
	acct_lock_rollback(&lk);
	acct_buf_release(&path);
	return rc;
}

void acct_journal_remove(struct acct_book *book)
{
	struct acct_buf path = ACCT_BUF_INIT;

	acct_journal_path(&path, book, "journal");
	unlink(path.buf);
	acct_buf_release(&path);
}
