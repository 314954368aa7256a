/* syncfs() is Linux's, and glibc declares it for _GNU_SOURCE only. */
#define _GNU_SOURCE 1
#include "acct/worktree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/journal.h"
#include "acct/lock.h"
#include "acct/banned.h"

struct wt_file {
	char *path;			/* relative to the book's root */
	const char *data;		/* borrowed; NULL: the file goes */
	size_t len;
	git_oid blob;
	int had_old;
	git_oid old;
	struct acct_lock lk;		/* `<path>.lock` */
	struct acct_tempfile *backup;	/* .git/acct/orig-<n>: the old file */
	int applied;			/* renamed over (or removed) */
};

struct wt_move {
	char *from, *to;		/* relative folders */
	git_oid tree;
};

struct acct_wt {
	struct acct_book *book;
	struct wt_file *files;
	size_t nfiles, alloc;
	struct wt_move *moves;
	size_t nmoves;
	struct acct_tempfile *journal;
	/* The folders moved and made, in the order made. */
	struct acct_tempfile **temps;
	size_t ntemps, talloc;
	struct acct_buf made;		/* the last folder known to be there */
};

/* --- paths ------------------------------------------------------------------ */

static void keep_temp(struct acct_wt *w, struct acct_tempfile *tf)
{
	if (w->ntemps == w->talloc) {
		w->talloc = w->talloc ? 2 * w->talloc : 16;
		w->temps = acct_realloc(w->temps, w->talloc * sizeof(*w->temps));
	}
	w->temps[w->ntemps++] = tf;
}

/* Create the missing folders on the way to `abs`, registering each. */
static int mkdirs(struct acct_wt *w, const char *abs, struct acct_error *err)
{
	size_t rootlen = strlen(w->book->root);
	const char *slash = strrchr(abs, '/');
	char *p, *s;
	int rc = 0;

	/* Ten thousand answers in one folder: look once. */
	if (slash && w->made.len == (size_t)(slash - abs) &&
	    !memcmp(w->made.buf, abs, w->made.len))
		return 0;
	p = acct_strdup(abs);
	for (s = p + rootlen + 1; (s = strchr(s, '/')); s++) {
		int made, e;

		*s = '\0';
		/* Made and registered at once (see acct_lock_hold()). */
		acct_signals_defer();
		made = mkdir(p, 0777) == 0;
		e = errno;
		if (made)
			keep_temp(w, acct_tempfile_register(p, ACCT_TEMP_DIR));
		acct_signals_resume();
		errno = e;
		if (!made && errno != EEXIST) {
			rc = acct_error_set(err, ACCT_ERROR,
					    "cannot create folder '%s': %s",
					    p + rootlen + 1, strerror(errno));
			if (errno == EROFS || errno == EACCES)
				acct_error_hint(err, "the book is read-only here");
			break;
		}
		*s = '/';
	}
	free(p);
	acct_buf_reset(&w->made);
	if (!rc && slash)
		acct_buf_add(&w->made, abs, (size_t)(slash - abs));
	return rc;
}

void acct_wt_prune(struct acct_book *book, const char *path)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	size_t rootlen = strlen(book->root);
	char *p, *slash;

	acct_book_path(&abs, book, path);
	p = acct_buf_detach(&abs, NULL);
	while ((slash = strrchr(p, '/')) && (size_t)(slash - p) > rootlen) {
		*slash = '\0';
		/* A folder not there (never made): its parent may be empty. */
		if (rmdir(p) < 0 && errno != ENOENT)
			break;
	}
	free(p);
}

void acct_wt_make_parents(const char *abs)
{
	char *p = acct_strdup(abs), *s;

	for (s = p + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(p, 0777);
		*s = '/';
	}
	free(p);
}

/* --- checks ------------------------------------------------------------------ */

int acct_wt_path_ok(const char *p)
{
	const char *s = p;

	if (!*p || *p == '/')
		return 0;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s), k;

		for (k = 0; k < n; k++)
			if ((unsigned char)s[k] < 0x20 || s[k] == 0x7f)
				return 0;	/* the journal is line-based */
		if (!n || (n == 1 && s[0] == '.') ||
		    (n == 2 && !memcmp(s, "..", 2)) ||
		    (n == 4 && !strncasecmp(s, ".git", 4)))
			return 0;
		s += n;
		if (*s == '/')
			s++;
		if (!*s && s[-1] == '/')
			return 0;
	}
	return 1;
}

static int refuse_link(const char *rel, size_t n, struct acct_error *err)
{
	acct_error_set(err, ACCT_ESTATE, "'%.*s' is a symbolic link; acct does "
		       "not write through links", (int)n, rel);
	acct_error_hint(err, "replace the link with a real folder or file");
	return ACCT_ESTATE;
}

int acct_wt_check_links(struct acct_book *book, const char *rel,
			struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	const char *s = rel;
	struct stat st;
	int rc = 0;

	for (;;) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - rel) : strlen(rel);

		acct_book_path(&abs, book, "");
		acct_buf_add(&abs, rel, n);
		if (lstat(abs.buf, &st) < 0) {
			if (errno != ENOENT && errno != ENOTDIR)
				rc = acct_error_set(err, ACCT_ERROR,
						    "cannot read '%.*s': %s",
						    (int)n, rel, strerror(errno));
			break;
		}
		if (S_ISLNK(st.st_mode)) {
			rc = refuse_link(rel, n, err);
			break;
		}
		if (!e)
			break;
		s = e + 1;
	}
	acct_buf_release(&abs);
	return rc;
}

/* Where the work tree has files git does not, acct does not move them. */
int acct_wt_untracked(struct acct_buf *out, struct acct_book *book,
		      git_index *index, const char *rel)
{
	struct acct_buf abs = ACCT_BUF_INIT, p = ACCT_BUF_INIT;
	struct dirent *de;
	int found = 0;
	DIR *d;

	acct_book_path(&abs, book, rel);
	if (!(d = opendir(abs.buf))) {
		acct_buf_release(&abs);
		return -1;
	}
	while (!found && (de = readdir(d))) {
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		acct_buf_reset(&p);
		acct_buf_addf(&p, "%s/%s", rel, de->d_name);
		acct_book_path(&abs, book, p.buf);
		if (lstat(abs.buf, &st) == 0 && S_ISDIR(st.st_mode))
			found = acct_wt_untracked(out, book, index, p.buf);
		else if (!git_index_get_bypath(index, p.buf, 0))
			found = 1;
		if (found == 1 && !out->len)
			acct_buf_addstr(out, p.buf);
	}
	closedir(d);
	acct_buf_release(&abs);
	acct_buf_release(&p);
	return found;
}

/* --- staging ---------------------------------------------------------------- */

struct acct_wt *acct_wt_new(struct acct_book *book)
{
	struct acct_wt *w = acct_calloc(1, sizeof(*w));

	w->book = book;
	w->made = (struct acct_buf)ACCT_BUF_INIT;
	return w;
}

void acct_wt_put(struct acct_wt *w, const char *path, const void *data,
		 size_t len, const git_oid *blob, const git_oid *old)
{
	struct wt_file *f;

	if (w->nfiles == w->alloc) {
		w->alloc = w->alloc ? 2 * w->alloc : 8;
		w->files = acct_realloc(w->files, w->alloc * sizeof(*w->files));
	}
	f = &w->files[w->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = acct_strdup(path);
	f->data = data;
	f->len = len;
	f->lk = (struct acct_lock)ACCT_LOCK_INIT;
	if (blob)
		git_oid_cpy(&f->blob, blob);
	if (old) {
		f->had_old = 1;
		git_oid_cpy(&f->old, old);
	}
}

void acct_wt_move(struct acct_wt *w, const char *from, const char *to,
		  const git_oid *tree)
{
	struct wt_move *m;

	w->moves = acct_realloc(w->moves, (w->nmoves + 1) * sizeof(*w->moves));
	m = &w->moves[w->nmoves++];
	m->from = acct_strdup(from);
	m->to = acct_strdup(to);
	git_oid_cpy(&m->tree, tree);
}

static void journal_text(struct acct_buf *out, const struct acct_wt *w,
			 const char *branch, const git_oid *old,
			 const git_oid *commit)
{
	size_t i;

	acct_journal_start(out, branch, old, commit);
	for (i = 0; i < w->nmoves; i++)
		acct_journal_move(out, w->moves[i].from, w->moves[i].to,
				  &w->moves[i].tree);
	for (i = 0; i < w->nfiles; i++) {
		const struct wt_file *f = &w->files[i];

		acct_journal_file(out, f->path, f->had_old ? &f->old : NULL,
				  f->data ? &f->blob : NULL);
	}
}

/* --- prepare, apply, undo ---------------------------------------------------- */

static int move_folders(struct acct_wt *w, struct acct_error *err)
{
	struct acct_buf from = ACCT_BUF_INIT, to = ACCT_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < w->nmoves && !rc; i++) {
		acct_book_path(&from, w->book, w->moves[i].from);
		acct_book_path(&to, w->book, w->moves[i].to);
		if ((rc = mkdirs(w, to.buf, err)) < 0)
			break;
		acct_signals_defer();
		if (rename(from.buf, to.buf) < 0)
			rc = acct_error_set(err, ACCT_ERROR, "cannot move '%s' to "
					    "'%s': %s", w->moves[i].from,
					    w->moves[i].to, strerror(errno));
		else
			keep_temp(w, acct_tempfile_register_move(from.buf, to.buf));
		acct_signals_resume();
	}
	acct_buf_release(&from);
	acct_buf_release(&to);
	return rc;
}

/*
 * A second name for the file about to be replaced or removed, so that
 * putting it back is a rename, which needs no disk space. Where links
 * cannot be made (another file system), the old text comes from git.
 */
static void make_backup(struct acct_wt *w, struct wt_file *f, size_t n,
			const char *abs)
{
	struct acct_buf bak = ACCT_BUF_INIT;

	acct_journal_backup(&bak, w->book, n);
	unlink(bak.buf);	/* a killed one's: we hold .git/index.lock */
	acct_signals_defer();
	if (link(abs, bak.buf) == 0)
		f->backup = acct_tempfile_register(bak.buf, 0);
	acct_signals_resume();
	acct_buf_release(&bak);
}

/*
 * Syncing each file costs a flush of the disk apiece: past a handful, the
 * files are written unsynced and the book's file system is synced once
 * before anything is renamed (as git's core.fsyncMethod=batch does).
 */
#define SYNC_EACH_MAX 16

static int sync_all(struct acct_wt *w, struct acct_error *err)
{
	int rc = 0;
#ifdef __linux__
	int fd = open(w->book->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 || syncfs(fd) < 0)
		rc = acct_error_set(err, ACCT_ERROR, "cannot sync the files "
				    "written: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
#else
	size_t i;

	for (i = 0; i < w->nfiles && !rc; i++) {
		const char *lock = acct_lock_file(&w->files[i].lk);
		int fd = lock ? open(lock, O_RDONLY | O_CLOEXEC) : -1;

		if (lock && (fd < 0 || fsync(fd) < 0))
			rc = acct_error_set(err, ACCT_ERROR, "cannot sync "
					    "'%s.lock': %s", w->files[i].path,
					    strerror(errno));
		if (fd >= 0)
			close(fd);
	}
#endif
	return rc;
}

int acct_wt_prepare(struct acct_wt *w, const char *branch, const git_oid *old,
		    const git_oid *commit, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	size_t i, written = 0;
	int rc, batch;

	journal_text(&abs, w, branch, old, commit);
	rc = acct_journal_write(&w->journal, w->book, &abs, err);
	if (rc < 0 || (rc = move_folders(w, err)) < 0)
		goto out;
	for (i = 0; i < w->nfiles; i++)
		written += w->files[i].data != NULL;
	batch = written > SYNC_EACH_MAX && !w->book->nosync;
	for (i = 0; i < w->nfiles; i++) {
		struct wt_file *f = &w->files[i];

		acct_book_path(&abs, w->book, f->path);
		if (f->had_old)
			make_backup(w, f, i, abs.buf);
		if (!f->data)
			continue;
		/* One descriptor at a time: each lock is closed once written. */
		if ((rc = mkdirs(w, abs.buf, err)) < 0 ||
		    (rc = acct_lock_hold(&f->lk, abs.buf, f->path,
					 w->book->nosync ? ACCT_LOCK_NOSYNC : 0,
					 err)) < 0 ||
		    (rc = acct_lock_write(&f->lk, f->data, f->len, err)) < 0 ||
		    (rc = acct_lock_close(&f->lk, !batch, err)) < 0)
			goto out;
	}
	if (batch)
		rc = sync_all(w, err);
out:
	acct_buf_release(&abs);
	return rc;
}

int acct_wt_apply(struct acct_wt *w, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < w->nfiles && !rc; i++) {
		struct wt_file *f = &w->files[i];

		if (f->data) {
			if ((rc = acct_lock_commit(&f->lk, err)) == 0)
				f->applied = 1;
			continue;
		}
		acct_book_path(&abs, w->book, f->path);
		if (unlink(abs.buf) < 0 && errno != ENOENT) {
			rc = acct_error_set(err, ACCT_ERROR, "cannot remove "
					    "'%s': %s", f->path, strerror(errno));
			break;
		}
		f->applied = 1;
		acct_wt_prune(w->book, f->path);
	}
	acct_buf_release(&abs);
	return rc;
}

/* What the work tree has at `abs`: 1 a regular file with blob `out`. */
static int work_blob(git_oid *out, const char *abs)
{
	struct stat st;

	if (lstat(abs, &st) < 0 || !S_ISREG(st.st_mode) ||
	    git_odb_hashfile(out, abs, GIT_OBJECT_BLOB) < 0) {
		git_error_clear();
		return 0;
	}
	return 1;
}

int acct_wt_restore(struct acct_book *book, const char *path,
		    const git_oid *id, const char *backup,
		    struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	struct acct_lock lk = ACCT_LOCK_INIT;
	git_blob *blob = NULL;
	git_oid saved;
	int rc;

	acct_book_path(&abs, book, path);
	acct_wt_make_parents(abs.buf);
	if (backup && work_blob(&saved, backup) && git_oid_equal(&saved, id) &&
	    rename(backup, abs.buf) == 0) {
		rc = 0;
		goto out;
	}
	if (git_blob_lookup(&blob, book->repo, id) < 0) {
		rc = acct_error_set(err, ACCT_ERROR, "cannot put back '%s': git "
				    "does not have its text", path);
		git_error_clear();
		goto out;
	}
	if ((rc = acct_lock_hold(&lk, abs.buf, path,
				 book->nosync ? ACCT_LOCK_NOSYNC : 0, err)) == 0 &&
	    (rc = acct_lock_write(&lk, git_blob_rawcontent(blob),
				  (size_t)git_blob_rawsize(blob), err)) == 0)
		rc = acct_lock_commit(&lk, err);
out:
	acct_lock_rollback(&lk);
	git_blob_free(blob);
	acct_buf_release(&abs);
	return rc;
}

int acct_wt_undo(struct acct_wt *w, const char **first, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	struct acct_error e = ACCT_ERROR_INIT;
	size_t i = w->nfiles;
	int rc = 0;

	*first = NULL;
	while (i-- > 0) {
		struct wt_file *f = &w->files[i];
		int ok = 1;

		if (!f->applied)
			continue;
		acct_book_path(&abs, w->book, f->path);
		if (f->had_old && f->backup) {
			/* A second link to the very old file: no need to look. */
			acct_wt_make_parents(abs.buf);
			if (rename(acct_tempfile_path(f->backup), abs.buf) == 0)
				acct_tempfile_forget(&f->backup);
			else
				ok = acct_error_set(&e, ACCT_ERROR, "cannot put "
						    "back '%s': %s", f->path,
						    strerror(errno)) == 0;
		} else if (f->had_old) {
			ok = acct_wt_restore(w->book, f->path, &f->old, NULL,
					     &e) == 0;
		} else if (unlink(abs.buf) < 0 && errno != ENOENT) {
			ok = acct_error_set(&e, ACCT_ERROR, "cannot remove "
					    "'%s': %s", f->path,
					    strerror(errno)) == 0;
		}
		if (ok) {
			f->applied = 0;
		} else if (!rc) {
			*first = f->path;
			rc = acct_error_set(err, ACCT_ERROR, "%s", e.msg);
		}
	}
	acct_buf_release(&abs);
	/* Keep the backups and the journal for the next change to finish. */
	if (rc)
		acct_wt_keep(w);
	return rc;
}

void acct_wt_done(struct acct_wt *w)
{
	size_t i;

	/* The backups go; the folders made and moved stay, and so do files. */
	for (i = 0; i < w->nfiles; i++)
		acct_tempfile_delete(&w->files[i].backup);
	for (i = 0; i < w->ntemps; i++)
		acct_tempfile_forget(&w->temps[i]);
	w->ntemps = 0;
	/* The journal last: until here a crash still finds it. */
	acct_tempfile_delete(&w->journal);
}

void acct_wt_keep(struct acct_wt *w)
{
	size_t i;

	for (i = 0; i < w->nfiles; i++) {
		struct wt_file *f = &w->files[i];

		if (f->lk.fd >= 0)
			close(f->lk.fd);
		f->lk.fd = -1;
		acct_tempfile_forget(&f->lk.tf);
		acct_tempfile_forget(&f->backup);
	}
	for (i = 0; i < w->ntemps; i++)
		acct_tempfile_forget(&w->temps[i]);
	w->ntemps = 0;
	acct_tempfile_forget(&w->journal);
}

void acct_wt_free(struct acct_wt *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; i < w->nfiles; i++) {
		acct_lock_rollback(&w->files[i].lk);
		acct_tempfile_delete(&w->files[i].backup);
		free(w->files[i].path);
	}
	/* Newest first: the folders made, then the moves; the journal last. */
	i = w->ntemps;
	while (i-- > 0)
		acct_tempfile_delete(&w->temps[i]);
	acct_tempfile_delete(&w->journal);
	for (i = 0; i < w->nmoves; i++) {
		free(w->moves[i].from);
		free(w->moves[i].to);
	}
	free(w->moves);
	free(w->files);
	free(w->temps);
	acct_buf_release(&w->made);
	free(w);
}

/* --- the index --------------------------------------------------------------- */

int acct_wt_index_add(git_index *index, struct acct_book *book,
		      const char *path, const git_oid *blob,
		      struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	git_index_entry e;
	struct stat st;
	int rc = 0;

	acct_book_path(&abs, book, path);
	if (lstat(abs.buf, &st) < 0) {
		rc = acct_error_set(err, ACCT_ERROR, "cannot read '%s': %s", path,
				    strerror(errno));
		goto out;
	}
	memset(&e, 0, sizeof(e));
	e.ctime.seconds = (int32_t)st.st_ctim.tv_sec;
	e.ctime.nanoseconds = (uint32_t)st.st_ctim.tv_nsec;
	e.mtime.seconds = (int32_t)st.st_mtim.tv_sec;
	e.mtime.nanoseconds = (uint32_t)st.st_mtim.tv_nsec;
	e.dev = (uint32_t)st.st_dev;
	e.ino = (uint32_t)st.st_ino;
	e.mode = GIT_FILEMODE_BLOB;
	e.uid = st.st_uid;
	e.gid = st.st_gid;
	e.file_size = (uint32_t)st.st_size;
	git_oid_cpy(&e.id, blob);
	e.path = path;
	if (git_index_add(index, &e) < 0)
		rc = acct_git_error(err, ACCT_ERROR, "cannot update the index");
out:
	acct_buf_release(&abs);
	return rc;
}

int acct_wt_index_move(git_index *index, const char *from, const char *to,
		       struct acct_error *err)
{
	struct acct_buf prefix = ACCT_BUF_INIT, path = ACCT_BUF_INIT;
	git_index_entry *copies = NULL;
	char **paths = NULL;
	size_t i, n = 0, count = git_index_entrycount(index);
	int rc = 0;

	acct_buf_addf(&prefix, "%s/", from);
	copies = acct_calloc(count, sizeof(*copies));
	paths = acct_calloc(count, sizeof(*paths));
	for (i = 0; i < count; i++) {
		const git_index_entry *ie = git_index_get_byindex(index, i);

		if (strncmp(ie->path, prefix.buf, prefix.len))
			continue;
		acct_buf_reset(&path);
		acct_buf_addf(&path, "%s/%s", to, ie->path + prefix.len);
		copies[n] = *ie;
		paths[n] = acct_buf_detach(&path, NULL);
		copies[n].path = paths[n];
		n++;
	}
	if (git_index_remove_directory(index, from, 0) < 0)
		rc = acct_git_error(err, ACCT_ERROR, "cannot update the index");
	for (i = 0; i < n && !rc; i++)
		if (git_index_add(index, &copies[i]) < 0)
			rc = acct_git_error(err, ACCT_ERROR,
					    "cannot update the index");
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(copies);
	acct_buf_release(&prefix);
	acct_buf_release(&path);
	return rc;
}
