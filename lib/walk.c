/*
 * A client's records by year: the log, NPS answers and metrics live in
 * clients/<slug>/<folder>/<YYYY>/, and a range of dates opens only the
 * year folders it needs.
 */
#include "acct/walk.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/banned.h"

/* "2026": the year; anything else: -1. */
static int year_of(const char *s)
{
	int i, v = 0;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return s[4] ? -1 : v;
}

int acct_walk_years(struct acct_book *book, const char *slug,
		    const char *folder, int from, int to, acct_walk_fn fn,
		    void *payload, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT, rel = ACCT_BUF_INIT;
	struct dirent *de;
	DIR *years;
	int rc = 0;

	acct_buf_addf(&rel, "clients/%s/%s", slug, folder);
	acct_book_path(&abs, book, rel.buf);
	if (!(years = opendir(abs.buf))) {
		if (errno != ENOENT && errno != ENOTDIR)
			rc = acct_error_set(err, ACCT_ERROR, "cannot read '%s': "
					    "%s", rel.buf, strerror(errno));
		goto out;
	}
	while (!rc && (de = readdir(years))) {
		int year = year_of(de->d_name);
		struct dirent *fe;
		DIR *files;

		if (year < 0 || (from && year < from) || (to && year > to))
			continue;
		acct_buf_reset(&rel);
		acct_buf_addf(&rel, "clients/%s/%s/%s", slug, folder, de->d_name);
		acct_book_path(&abs, book, rel.buf);
		if (!(files = opendir(abs.buf)))
			continue;
		while (!rc && (fe = readdir(files)))
			if (fe->d_name[0] != '.')
				rc = fn(payload, rel.buf, fe->d_name, year);
		closedir(files);
	}
	closedir(years);
out:
	acct_buf_release(&abs);
	acct_buf_release(&rel);
	return rc;
}
