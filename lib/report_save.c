/*
 * A rendered report saved into the book: clients/<slug>/reports/ (or
 * reports/ for the portfolio), one commit.
 */
#include "acct/report.h"

#include <string.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/txn.h"
#include "acct/banned.h"

void acct_report_save_path(struct acct_buf *out,
			   const struct acct_report_save_spec *s)
{
	const char *label = s->label;
	size_t i;

	if (s->slug)
		acct_buf_addf(out, "clients/%s/reports/", s->slug);
	else
		acct_buf_addstr(out, "reports/");
	/* A range's label "a..b" is "a_b" in a file name. */
	for (i = 0; label[i]; i++)
		if (label[i] == '.' && label[i + 1] == '.') {
			acct_buf_addch(out, '_');
			i++;
		} else {
			acct_buf_addch(out, label[i]);
		}
	acct_buf_addf(out, "-%s", s->template);
	/* Another language than the client's: a file of its own. */
	if (s->locale && s->home_locale && strcmp(s->locale, s->home_locale))
		acct_buf_addf(out, ".%s", s->locale);
	acct_buf_addf(out, ".%s", acct_report_format_ext(s->format));
}

int acct_report_save(struct acct_buf *path_out, struct acct_book *book,
		     const struct acct_report_save_spec *s, const char *text,
		     size_t len, struct acct_error *err)
{
	struct acct_buf path = ACCT_BUF_INIT, subject = ACCT_BUF_INIT,
			what = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	int rc;

	acct_report_save_path(&path, s);
	acct_buf_addf(&what, "%s %s (", s->label, s->template);
	if (s->locale && s->home_locale && strcmp(s->locale, s->home_locale))
		acct_buf_addf(&what, "%s, ", s->locale);
	acct_buf_addf(&what, "%s)", acct_report_format_ext(s->format));
	acct_commit_subject(&subject, "report", s->slug ? s->slug : "--all",
			    what.buf);
	if ((rc = acct_txn_begin(&t, book, err)) == 0 &&
	    (rc = acct_txn_put(t, path.buf, text, len, 0, err)) == 0)
		rc = acct_txn_commit(t, subject.buf, err);
	acct_txn_free(t);
	if (rc >= 0)
		acct_buf_addstr(path_out, path.buf);
	acct_buf_release(&path);
	acct_buf_release(&subject);
	acct_buf_release(&what);
	return rc;
}
