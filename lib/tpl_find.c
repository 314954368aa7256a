#include "acct/tpl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/builtin.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/text.h"
#include "acct/banned.h"

/*
 * Templates are found by name, never by path: a name comes from the
 * command line, from a template (`{{> name}}`) or, with dynamic names,
 * from the data, and none of them may reach a file outside `templates/`.
 */

static int unknown(struct acct_error *err, int code, const char *name)
{
	struct acct_buf shown = ACCT_BUF_INIT;

	acct_text_escape_terminal(&shown, name, strlen(name));
	code = acct_error_set(err, code, "unknown template '%s'; templates "
			      "are looked up by name in templates/", shown.buf);
	acct_buf_release(&shown);
	return code;
}

int acct_tpl_check_name(const char *name, struct acct_error *err)
{
	const char *s;

	if (!*name || *name == '.' || strstr(name, ".."))
		return unknown(err, ACCT_EUSAGE, name);
	for (s = name; *s; s++)
		if (*s == '/' || *s == '\\' || (unsigned char)*s < 0x20 ||
		    *s == 0x7f)
			return unknown(err, ACCT_EUSAGE, name);
	return 0;
}

/* The offset of the first byte that is not UTF-8 text, or `len`. */
static size_t utf8_end(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i], n, k;
		unsigned long cp, min;

		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 2, cp = c & 0x1f, min = 0x80;
		else if (c >= 0xe0 && c <= 0xef)
			n = 3, cp = c & 0x0f, min = 0x800;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 4, cp = c & 0x07, min = 0x10000;
		else
			return i;
		if (len - i < n)
			return i;
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n;
	}
	return len;
}

/* A template must be UTF-8 text; the error says where it is not. */
static int check_text(const struct acct_buf *text, const char *rel,
		      struct acct_error *err)
{
	const unsigned char *s = (const unsigned char *)text->buf;
	size_t bad = utf8_end(s, text->len), i, line = 1, col = 1;

	if (bad == text->len)
		return 0;
	for (i = 0; i < bad; i++) {
		if (s[i] == '\n')
			line++, col = 1;
		else if ((s[i] & 0xc0) != 0x80)
			col++;
	}
	if (!s[bad])
		return acct_error_at(err, ACCT_EDATA, rel, line, col,
				     "not text: a NUL byte");
	return acct_error_at(err, ACCT_EDATA, rel, line, col,
			     "not UTF-8 text (byte 0x%02x)", s[bad]);
}

/* Read at most ACCT_TPL_MAX_SIZE bytes of the regular file `fd`. */
static int read_fd(struct acct_buf *out, int fd, const char *rel,
		   struct acct_error *err)
{
	int rc = acct_file_read_fd(out, fd, rel, ACCT_TPL_MAX_SIZE, 0, err);

	/* The templates' own limit (a fixed one: it is no config's). */
	if (rc == ACCT_EDATA)
		acct_error_at(err, ACCT_EDATA, rel, 0, 0,
			      "template is larger than %d MiB",
			      ACCT_TPL_MAX_SIZE >> 20);
	return rc;
}

int acct_tpl_open_book(int *fd_out, const char *root, const char *rel,
		       const char *within, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT, dir = ACCT_BUF_INIT;
	const char *where = *within ? within : "the book";
	char *real = NULL, *rroot = NULL;
	struct stat st;
	int fd = -1, rc = 1;

	*fd_out = -1;
	acct_buf_addf(&abs, "%s/%s", root, rel);
	if (lstat(abs.buf, &st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			rc = 0;
		else
			rc = acct_error_at(err, ACCT_ERROR, rel, 0, 0,
					   "cannot read the template: %s",
					   strerror(errno));
		goto out;
	}
	if (!(real = realpath(abs.buf, NULL)) ||
	    !(rroot = realpath(root, NULL))) {
		rc = acct_error_at(err, ACCT_EDATA, rel, 0, 0, "cannot follow "
				   "the template: %s", strerror(errno));
		acct_error_hint(err, "make it a file, or remove it to use the "
				"built-in template");
		goto out;
	}
	acct_buf_addf(&dir, "%s/%s", rroot, within);
	if (strncmp(real, dir.buf, dir.len) ||
	    !strncmp(real + strlen(rroot), "/.git/", 6)) {
		rc = acct_error_at(err, ACCT_EDATA, rel, 0, 0, "is a symbolic "
				   "link leading out of %s; acct does not read "
				   "templates there", where);
		acct_error_hint(err, "make it a file in %s, or remove it to use "
				"the built-in template", where);
		goto out;
	}
	/* `real` has no link left in it: one that appears now is refused. */
	fd = open(real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		rc = acct_error_at(err, ACCT_ERROR, rel, 0, 0, "cannot read "
				   "the template: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = acct_error_at(err, ACCT_EDATA, rel, 0, 0,
				   "is not a regular file");
		goto out;
	}
	*fd_out = fd;
	fd = -1;
out:
	if (fd >= 0)
		close(fd);
	free(real);
	free(rroot);
	acct_buf_release(&abs);
	acct_buf_release(&dir);
	return rc;
}

/* The book's template `rel` ("templates/x.md"): 1, 0 (none) or an error. */
static int read_book(struct acct_buf *out, const char *root, const char *rel,
		     struct acct_error *err)
{
	int fd, rc = acct_tpl_open_book(&fd, root, rel, "templates/", err);

	if (rc == 1) {
		if ((rc = read_fd(out, fd, rel, err)) == 0)
			rc = 1;
		close(fd);
	}
	return rc;
}

static int use_builtin(struct acct_tpl_source *out, const char *file)
{
	const struct acct_builtin_file *f = acct_builtin_find(file);

	if (!f)
		return 0;
	acct_buf_add(&out->text, f->data, f->len);
	acct_buf_addf(&out->path, "(built-in) %s", f->name);
	return 1;
}

int acct_tpl_lookup_load(struct acct_tpl_source *out, const char *name,
			 void *payload, struct acct_error *err)
{
	const struct acct_tpl_lookup *lk = payload;
	struct acct_buf base = ACCT_BUF_INIT, file = ACCT_BUF_INIT;
	size_t len = strlen(name);
	int rc;

	if ((rc = acct_tpl_check_name(name, err)) < 0)
		return rc;
	acct_buf_add(&base, name, len > 3 && !strcmp(name + len - 3, ".md") ?
		     len - 3 : len);
	if (lk && lk->root) {
		acct_buf_addf(&file, "templates/%s.md", base.buf);
		if ((rc = read_book(&out->text, lk->root, file.buf, err)) < 0)
			goto out;
		if (rc) {
			static const char bom[] = "\xef\xbb\xbf";

			if (out->text.len >= 3 && !memcmp(out->text.buf, bom, 3)) {
				memmove(out->text.buf, out->text.buf + 3,
					out->text.len - 3);
				acct_buf_setlen(&out->text, out->text.len - 3);
			}
			if ((rc = check_text(&out->text, file.buf, err)) < 0)
				goto out;
			acct_buf_add(&out->path, file.buf, file.len);
			goto out;
		}
	}
	rc = 0;
	acct_buf_reset(&file);
	if (lk && lk->locale && *lk->locale) {
		acct_buf_addf(&file, "%s.%s.md", base.buf, lk->locale);
		if (use_builtin(out, file.buf))
			goto out;
		acct_buf_reset(&file);
	}
	acct_buf_addf(&file, "%s.md", base.buf);
	if (!use_builtin(out, file.buf))
		rc = unknown(err, ACCT_ENOTFOUND, name);
out:
	if (rc < 0) {
		acct_buf_reset(&out->text);
		acct_buf_reset(&out->path);
	}
	acct_buf_release(&base);
	acct_buf_release(&file);
	return rc < 0 ? rc : 0;
}

struct names {
	char **v;
	size_t n, alloc;
};

/* Add the name of template file `file` ("x.md", "x.ru.md" if `builtin`). */
static void add_name(struct names *nm, const char *file, int builtin)
{
	size_t len = strlen(file);
	const char *dot;
	char *name;

	if (len <= 3 || strcmp(file + len - 3, ".md"))
		return;
	name = acct_strndup(file, len - 3);
	/* A built-in's locale is not part of its name: weekly.ru is weekly. */
	if (builtin && (dot = strchr(name, '.')))
		name[dot - name] = '\0';
	if (acct_tpl_check_name(name, NULL) < 0 || !strcmp(name, "brief") ||
	    !strncmp(name, "brief.", 6)) {
		free(name);
		return;
	}
	if (nm->n == nm->alloc) {
		nm->alloc = nm->alloc ? 2 * nm->alloc : 16;
		nm->v = acct_realloc(nm->v, nm->alloc * sizeof(*nm->v));
	}
	nm->v[nm->n++] = name;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void acct_tpl_names(struct acct_buf *out, const char *root)
{
	const struct acct_builtin_file *f;
	struct names nm = { NULL, 0, 0 };
	struct acct_buf dir = ACCT_BUF_INIT;
	struct dirent *de;
	DIR *d;
	size_t i;

	if (root) {
		acct_buf_addf(&dir, "%s/templates", root);
		if ((d = opendir(dir.buf))) {
			while ((de = readdir(d)))
				add_name(&nm, de->d_name, 0);
			closedir(d);
		}
	}
	for (f = acct_builtin_files; f->name; f++)
		add_name(&nm, f->name, 1);
	if (nm.n)
		qsort(nm.v, nm.n, sizeof(*nm.v), name_cmp);
	for (i = 0; i < nm.n; i++)
		if (!i || strcmp(nm.v[i], nm.v[i - 1]))
			acct_buf_addf(out, "%s\n", nm.v[i]);
	for (i = 0; i < nm.n; i++)
		free(nm.v[i]);
	free(nm.v);
	acct_buf_release(&dir);
}
