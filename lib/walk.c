/*
 * A client's records by year: the log, NPS answers and metrics live in
 * clients/<slug>/<folder>/<YYYY>/, and a range of dates opens only the
 * year folders it needs.
 */
#include "acct/walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/banned.h"

int acct_year_folder(const char *s)
{
	int i, v = 0;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return s[4] ? -1 : v;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int acct_dir_names(char ***out, size_t *n, const char *dir,
		   int (*keep)(const char *name, void *arg), void *arg,
		   int sort)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t alloc = 0;

	*out = NULL;
	*n = 0;
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (keep ? !keep(de->d_name, arg) : de->d_name[0] == '.')
			continue;
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 32;
			*out = acct_realloc(*out, alloc * sizeof(**out));
		}
		(*out)[(*n)++] = acct_strdup(de->d_name);
	}
	closedir(d);
	if (sort && *n)
		qsort(*out, *n, sizeof(**out), name_cmp);
	return 0;
}

void acct_dir_names_free(char **v, size_t n)
{
	while (n)
		free(v[--n]);
	free(v);
}

/* A walk through the tree of a past commit (book->past). */
struct tree_walk {
	struct acct_book *book;
	const char *slug, *folder;
	int from, to;
	acct_walk_fn fn;
	void *payload;
	struct acct_error *err;
	struct acct_buf rel;	/* the year folder being listed */
	int year;
};

static int tree_file(void *payload, const char *name, int dir)
{
	struct tree_walk *w = payload;

	(void)dir;
	if (name[0] == '.')
		return 0;
	return w->fn(w->payload, w->rel.buf, name, w->year);
}

static int tree_year(void *payload, const char *name, int dir)
{
	struct tree_walk *w = payload;
	int year = acct_year_folder(name);

	if (!dir || year < 0 || (w->from && year < w->from) ||
	    (w->to && year > w->to))
		return 0;
	acct_buf_reset(&w->rel);
	acct_buf_addf(&w->rel, "clients/%s/%s/%s", w->slug, w->folder, name);
	w->year = year;
	return acct_book_tree_list(w->book, w->rel.buf, tree_file, w, w->err);
}

static int walk_tree(struct acct_book *book, const char *slug,
		     const char *folder, int from, int to, acct_walk_fn fn,
		     void *payload, struct acct_error *err)
{
	struct tree_walk w = { book, slug, folder, from, to, fn, payload, err,
			       ACCT_BUF_INIT, 0 };
	struct acct_buf rel = ACCT_BUF_INIT;
	int rc;

	acct_buf_addf(&rel, "clients/%s/%s", slug, folder);
	rc = acct_book_tree_list(book, rel.buf, tree_year, &w, err);
	acct_buf_release(&rel);
	acct_buf_release(&w.rel);
	return rc;
}

int acct_walk_years(struct acct_book *book, const char *slug,
		    const char *folder, int from, int to, acct_walk_fn fn,
		    void *payload, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT, rel = ACCT_BUF_INIT;
	struct dirent *de;
	DIR *years;
	int rc = 0;

	if (book->past)
		return walk_tree(book, slug, folder, from, to, fn, payload,
				 err);
	acct_buf_addf(&rel, "clients/%s/%s", slug, folder);
	acct_book_path(&abs, book, rel.buf);
	if (!(years = opendir(abs.buf))) {
		if (errno != ENOENT && errno != ENOTDIR)
			rc = acct_error_set(err, ACCT_ERROR, "cannot read '%s': "
					    "%s", rel.buf, strerror(errno));
		goto out;
	}
	while (!rc && (de = readdir(years))) {
		int year = acct_year_folder(de->d_name);
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

int acct_walk_clients(struct acct_book *book, const char *slug,
		      acct_walk_client_fn fn, void *payload,
		      struct acct_error *err)
{
	char **slugs = NULL;
	size_t n = 0, i;
	int rc;

	if (slug)
		return fn(payload, slug, err);
	if ((rc = acct_client_slugs(&slugs, &n, book, err)) == 0)
		for (i = 0; i < n && !rc; i++)
			rc = fn(payload, slugs[i], err);
	acct_slugs_free(slugs, n);
	return rc;
}
