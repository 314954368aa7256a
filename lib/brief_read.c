/*
 * A client's brief in the book: where it lives, reading it (from the work
 * tree or, for a book at a past commit, from its tree), and the template
 * a new one starts from (the book's own, confined to the book, or the
 * built-in one).
 */
#include "acct/brief.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/builtin.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/tpl.h"
#include "acct/banned.h"

void acct_brief_path(struct acct_buf *out, const char *slug)
{
	acct_buf_addf(out, "clients/%s/" ACCT_BRIEF_FILE, slug);
}

int acct_brief_read(struct acct_buf *out, struct acct_book *book,
		    const char *slug, struct acct_error *err)
{
	struct acct_buf rel = ACCT_BUF_INIT, abs = ACCT_BUF_INIT;
	struct stat st;
	int rc = 0;

	acct_brief_path(&rel, slug);
	acct_book_path(&abs, book, rel.buf);
	if (book->past) {
		if ((rc = acct_book_tree_read(out, book, rel.buf, err)) ==
		    ACCT_ENOTFOUND)
			rc = acct_error_set(err, ACCT_ENOTFOUND, "client '%s' "
					    "had no brief yet", slug);
	} else if (lstat(abs.buf, &st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			rc = acct_error_set(err, ACCT_ENOTFOUND, "client '%s' "
					    "has no brief yet", slug);
			acct_error_hint(err, "'acct brief %s' writes one from "
					"the template", slug);
		} else {
			rc = acct_error_at(err, ACCT_ERROR, rel.buf, 0, 0,
					   "cannot read the brief: %s",
					   strerror(errno));
		}
	} else if (S_ISLNK(st.st_mode)) {
		rc = acct_error_at(err, ACCT_EDATA, rel.buf, 0, 0, "is a symbolic "
				   "link; acct reads briefs only from files");
		acct_error_hint(err, "replace the link with the file itself");
	} else if (!S_ISREG(st.st_mode)) {
		rc = acct_error_at(err, ACCT_EDATA, rel.buf, 0, 0,
				   "is not a regular file");
	} else {
		/* What is opened is checked again: no link, the limit. */
		rc = acct_file_read(out, abs.buf, rel.buf,
				    book->config.input_bytes, 0, err);
		if (rc == ACCT_ENOTFOUND)
			rc = ACCT_ERROR;
	}
	acct_buf_release(&rel);
	acct_buf_release(&abs);
	return rc;
}

int acct_brief_load(struct acct_brief **out, struct acct_book *book,
		    const char *slug, struct acct_error *err)
{
	struct acct_buf text = ACCT_BUF_INIT, rel = ACCT_BUF_INIT;
	int rc;

	*out = NULL;
	acct_brief_path(&rel, slug);
	if ((rc = acct_brief_read(&text, book, slug, err)) == 0)
		rc = acct_brief_parse(out, rel.buf, text.buf, text.len, err);
	acct_buf_release(&text);
	acct_buf_release(&rel);
	return rc;
}

/*
 * Read the book's template `rel` into `out`: 1 when there is one, 0 when
 * not. Links are followed only while they stay inside the book (and out
 * of .git): a template is data that anyone who can push to the book
 * controls, and it must not read the manager's other files.
 */
static int book_template(struct acct_buf *out, struct acct_book *book,
			 const char *rel, struct acct_error *err)
{
	int fd, rc = acct_tpl_open_book(&fd, book->root, rel, "", err);

	if (rc == 1) {
		if ((rc = acct_file_read_fd(out, fd, rel,
					    book->config.input_bytes, 0,
					    err)) == 0)
			rc = 1;
		close(fd);
	}
	return rc;
}

int acct_brief_template(struct acct_buf *out, struct acct_buf *name,
			struct acct_book *book, const char *locale,
			struct acct_error *err)
{
	struct acct_buf rel = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	const struct acct_builtin_file *f;
	struct acct_brief *b = NULL;
	int rc;

	acct_buf_addf(&rel, "templates/brief.%s.md", locale);
	if ((rc = book_template(&text, book, rel.buf, err)) == 0) {
		acct_buf_reset(&rel);
		acct_buf_addstr(&rel, "templates/brief.md");
		rc = book_template(&text, book, rel.buf, err);
	}
	if (rc < 0)
		goto out;
	if (rc == 0) {
		acct_buf_reset(&rel);
		acct_buf_addf(&rel, "brief.%s.md", locale);
		if (!(f = acct_builtin_find(rel.buf)))
			f = acct_builtin_find("brief.en.md");
		if (!f) {
			rc = acct_error_set(err, ACCT_ERROR, "no built-in brief "
					    "template");
			goto out;
		}
		acct_buf_reset(&rel);
		acct_buf_addf(&rel, "%s (built in)", f->name);
		acct_buf_add(&text, f->data, f->len);
	}
	if ((rc = acct_brief_parse(&b, rel.buf, text.buf, text.len, err)) < 0)
		goto out;
	acct_buf_add(out, text.buf, text.len);
	acct_buf_add(name, rel.buf, rel.len);
out:
	acct_brief_free(b);
	acct_buf_release(&rel);
	acct_buf_release(&text);
	return rc < 0 ? rc : 0;
}
