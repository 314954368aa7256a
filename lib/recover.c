/*
 * Recovery: the change a killed acct left half done, finished or taken
 * back from its journal (.git/acct/journal, written by lib/journal.c),
 * before the next change begins.
 */
#include "acct/recover.h"

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
#include "acct/journal.h"
#include "acct/lock.h"
#include "acct/worktree.h"
#include "acct/banned.h"

/* --- recovery ----------------------------------------------------------------- */

struct journal {
	char *text;			/* the file; the fields point into it */
	const char *branch;
	git_oid new;			/* the commit the change made */
	int has_new;
	struct jfile {
		const char *path;
		int had_old, has_new;
		git_oid old, new;
	} *files;
	size_t nfiles;
	struct jmove {
		const char *from, *to;
	} *moves;
	size_t nmoves;
};

/* "-" or 40 hex digits, then a space or the end. */
static const char *parse_oid(git_oid *out, int *present, const char *s)
{
	*present = 0;
	if (*s == '-')
		return s[1] == ' ' || !s[1] ? s + 1 + (s[1] == ' ') : NULL;
	if (strlen(s) < GIT_OID_HEXSZ ||
	    git_oid_fromstrn(out, s, GIT_OID_HEXSZ) < 0)
		return NULL;
	*present = 1;
	s += GIT_OID_HEXSZ;
	return *s == ' ' ? s + 1 : *s ? NULL : s;
}

static int parse_journal(struct journal *j)
{
	char *line = j->text, *nl;
	git_oid ignored;
	int present;

	if (strncmp(line, ACCT_JOURNAL_HEADER, strlen(ACCT_JOURNAL_HEADER)))
		return -1;
	line += strlen(ACCT_JOURNAL_HEADER);
	for (; *line; line = nl + 1) {
		const char *rest;

		if (!(nl = strchr(line, '\n')))
			return -1;	/* cut short */
		*nl = '\0';
		if (!strncmp(line, "branch ", 7)) {
			j->branch = line + 7;
		} else if (!strncmp(line, "old ", 4)) {
			if (!parse_oid(&ignored, &present, line + 4))
				return -1;
		} else if (!strncmp(line, "new ", 4)) {
			if (!parse_oid(&j->new, &j->has_new, line + 4))
				return -1;
		} else if (!strncmp(line, "move ", 5)) {
			struct jmove *m;
			char *tab;

			if (!(rest = parse_oid(&ignored, &present, line + 5)) ||
			    !(tab = strchr(rest, '\t')))
				return -1;
			*tab = '\0';
			j->moves = acct_realloc(j->moves, (j->nmoves + 1) *
						sizeof(*j->moves));
			m = &j->moves[j->nmoves++];
			m->from = rest;
			m->to = tab + 1;
		} else if (!strncmp(line, "file ", 5)) {
			struct jfile *f;

			j->files = acct_realloc(j->files, (j->nfiles + 1) *
						sizeof(*j->files));
			f = &j->files[j->nfiles++];
			if (!(rest = parse_oid(&f->old, &f->had_old, line + 5)) ||
			    !(rest = parse_oid(&f->new, &f->has_new, rest)) ||
			    !*rest)
				return -1;
			f->path = rest;
		} else {
			return -1;
		}
	}
	return j->branch ? 0 : -1;
}

/* The blob at `path` of `tree` (NULL: none), 1 when there is one. */
static int blob_at(git_oid *out, const git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	int found = 0;

	if (tree && git_tree_entry_bypath(&e, tree, path) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
		git_oid_cpy(out, git_tree_entry_id(e));
		found = 1;
	}
	git_tree_entry_free(e);
	git_error_clear();
	return found;
}

static int tree_at(const git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	int found = tree && git_tree_entry_bypath(&e, tree, path) == 0 &&
		git_tree_entry_type(e) == GIT_OBJECT_TREE;

	git_tree_entry_free(e);
	git_error_clear();
	return found;
}

/*
 * What the work tree has at `abs`: 0 nothing, 1 a regular file (its blob
 * id in `out`), -1 something else.
 */
static int work_blob(git_oid *out, const char *abs)
{
	struct stat st;

	if (lstat(abs, &st) < 0)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
	if (!S_ISREG(st.st_mode) ||
	    git_odb_hashfile(out, abs, GIT_OBJECT_BLOB) < 0) {
		git_error_clear();
		return -1;
	}
	return 1;
}

/*
 * Make `path` as `target` has it, when what is there is what the killed
 * change found or wrote (`f`); a text changed by hand since is left alone.
 * The index entry follows. `bak` is the file's backup, if any.
 */
static int reconcile(struct acct_book *book, git_index *index,
		     const git_tree *target, const char *path,
		     const struct jfile *f, const char *bak,
		     struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	git_oid want, have;
	int wanted = blob_at(&want, target, path), rc = 0, has;

	acct_book_path(&abs, book, path);
	has = work_blob(&have, abs.buf);
	if (has < 0 ||
	    (has && !(wanted && git_oid_equal(&have, &want)) &&
	     !(f->had_old && git_oid_equal(&have, &f->old)) &&
	     !(f->has_new && git_oid_equal(&have, &f->new))))
		goto out;	/* by hand: not ours to touch */
	if (!wanted) {
		if (has && unlink(abs.buf) < 0)
			rc = acct_error_set(err, ACCT_ERROR, "cannot remove "
					    "'%s': %s", path, strerror(errno));
		if (!rc && git_index_get_bypath(index, path, 0) &&
		    git_index_remove(index, path, 0) < 0)
			rc = acct_git_error(err, ACCT_ERROR,
					    "cannot update the index");
		goto out;
	}
	if (!has || !git_oid_equal(&have, &want))
		rc = acct_wt_restore(book, path, &want, bak, err);
	if (!rc)
		rc = acct_wt_index_add(index, book, path, &want, err);
out:
	acct_buf_release(&abs);
	return rc;
}

struct tree_walk {
	struct acct_book *book;
	git_index *index;
	const char *dir;
	int rc;
	struct acct_error *err;
};

static int add_blob(const char *root, const git_tree_entry *e, void *payload)
{
	struct tree_walk *tw = payload;
	struct acct_buf rel = ACCT_BUF_INIT, abs = ACCT_BUF_INIT;
	git_oid have;

	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	acct_buf_addf(&rel, "%s/%s%s", tw->dir, root, git_tree_entry_name(e));
	acct_book_path(&abs, tw->book, rel.buf);
	if (work_blob(&have, abs.buf) == 1 &&
	    git_oid_equal(&have, git_tree_entry_id(e))) {
		tw->rc = acct_wt_index_add(tw->index, tw->book, rel.buf,
					   &have, tw->err);
	} else {
		/* Not as git has it: no stat data, so git looks at it. */
		git_index_entry ie;

		memset(&ie, 0, sizeof(ie));
		ie.mode = git_tree_entry_filemode(e);
		git_oid_cpy(&ie.id, git_tree_entry_id(e));
		ie.path = rel.buf;
		if (git_index_add(tw->index, &ie) < 0)
			tw->rc = acct_git_error(tw->err, ACCT_ERROR,
						"cannot update the index");
	}
	acct_buf_release(&rel);
	acct_buf_release(&abs);
	return tw->rc ? -1 : 0;
}

/* The index entries of a moved folder as `target` has it, from or to. */
static int reindex_move(struct acct_book *book, git_index *index,
			const git_tree *target, const struct jmove *m,
			struct acct_error *err)
{
	struct tree_walk tw = { book, index, NULL, 0, err };
	git_tree_entry *e = NULL;
	git_tree *sub = NULL;

	if (git_index_remove_directory(index, m->from, 0) < 0 ||
	    git_index_remove_directory(index, m->to, 0) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot update the index");
	tw.dir = tree_at(target, m->to) ? m->to : m->from;
	if (target && git_tree_entry_bypath(&e, target, tw.dir) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&sub, book->repo, git_tree_entry_id(e)) == 0)
		git_tree_walk(sub, GIT_TREEWALK_PRE, add_blob, &tw);
	git_error_clear();
	git_tree_free(sub);
	git_tree_entry_free(e);
	return tw.rc;
}

/* For a path under a moved folder's new place, its path before the move. */
static int moved_from(struct acct_buf *out, const struct journal *j,
		      const char *path)
{
	size_t i;

	for (i = 0; i < j->nmoves; i++) {
		size_t n = strlen(j->moves[i].to);

		if (!strncmp(path, j->moves[i].to, n) && path[n] == '/') {
			acct_buf_reset(out);
			acct_buf_addf(out, "%s%s", j->moves[i].from, path + n);
			return 1;
		}
	}
	return 0;
}

static int check_branch(struct acct_book *book, const struct journal *j,
			struct acct_error *err)
{
	git_reference *head = NULL;
	int ok = git_reference_lookup(&head, book->repo, "HEAD") == 0 &&
		git_reference_type(head) == GIT_REFERENCE_SYMBOLIC &&
		!strcmp(git_reference_symbolic_target(head), j->branch);

	git_reference_free(head);
	git_error_clear();
	if (ok)
		return 0;
	acct_error_set(err, ACCT_ESTATE, "an acct command was stopped while it "
		       "wrote to '%s', but HEAD is not on that branch now",
		       j->branch);
	acct_error_hint(err, "check out that branch and run acct again: it puts "
			"back what the command left; or remove '.git/acct/journal' "
			"and check the book with git status");
	return ACCT_ESTATE;
}

/*
 * The branch's lock file, when the killed change left it: it holds the
 * very commit the journal names (or nothing yet: libgit2 writes it just
 * after creating it), so no other process made it.
 */
static void remove_branch_lock(struct acct_book *book, const struct journal *j)
{
	struct acct_buf path = ACCT_BUF_INIT, text = ACCT_BUF_INIT,
		want = ACCT_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];

	if (!j->has_new)
		return;
	acct_buf_addf(&path, "%s%s.lock", git_repository_path(book->repo),
		      j->branch);
	git_oid_tostr(hex, sizeof(hex), &j->new);
	acct_buf_addf(&want, "%s\n", hex);
	if (acct_buf_read_file(&text, path.buf) == 0 &&
	    (!text.len || (text.len == want.len - 1 &&
			    !memcmp(text.buf, hex, text.len)) ||
	     (text.len == want.len && !memcmp(text.buf, want.buf, want.len))))
		unlink(path.buf);
	acct_buf_release(&path);
	acct_buf_release(&text);
	acct_buf_release(&want);
}

static int recover(struct acct_book *book, git_index *index,
		   struct journal *j, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT, from = ACCT_BUF_INIT,
		bak = ACCT_BUF_INIT;
	size_t i;
	git_commit *commit = NULL;
	git_tree *target = NULL;
	git_oid cur;
	int rc;

	if ((rc = check_branch(book, j, err)) < 0)
		return rc;
	remove_branch_lock(book, j);
	if (git_reference_name_to_id(&cur, book->repo, j->branch) == 0 &&
	    (git_commit_lookup(&commit, book->repo, &cur) < 0 ||
	     git_commit_tree(&target, commit) < 0)) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read HEAD's commit");
		goto out;
	}
	git_error_clear();
	/* The folders first, the last moved first back. */
	for (i = j->nmoves; i-- > 0;) {
		const struct jmove *m = &j->moves[i];
		struct stat st;
		int to_there, from_there;

		acct_book_path(&from, book, m->from);
		acct_book_path(&abs, book, m->to);
		to_there = lstat(abs.buf, &st) == 0;
		from_there = lstat(from.buf, &st) == 0;
		if (!tree_at(target, m->to) && to_there && !from_there) {
			acct_wt_make_parents(from.buf);
			rename(abs.buf, from.buf);
		} else if (tree_at(target, m->to) && !to_there && from_there) {
			acct_wt_make_parents(abs.buf);
			rename(from.buf, abs.buf);
		}
	}
	for (i = 0; i < j->nfiles && !rc; i++) {
		const struct jfile *f = &j->files[i];

		acct_book_path(&abs, book, f->path);
		acct_buf_addstr(&abs, ".lock");
		unlink(abs.buf);
		acct_journal_backup(&bak, book, i);
		rc = reconcile(book, index, target, f->path, f, bak.buf, err);
		if (!rc && moved_from(&from, j, f->path)) {
			/* Its lock went back with the folder. */
			acct_book_path(&abs, book, from.buf);
			acct_buf_addstr(&abs, ".lock");
			unlink(abs.buf);
			rc = reconcile(book, index, target, from.buf, f, bak.buf,
				       err);
		}
		if (!rc)
			unlink(bak.buf);
	}
	for (i = 0; i < j->nmoves && !rc; i++)
		rc = reindex_move(book, index, target, &j->moves[i], err);
	for (i = 0; i < j->nfiles; i++)
		acct_wt_prune(book, j->files[i].path);
	for (i = 0; i < j->nmoves; i++) {
		acct_buf_reset(&abs);
		acct_buf_addf(&abs, "%s/-", j->moves[i].to);
		acct_wt_prune(book, abs.buf);
	}
out:
	git_tree_free(target);
	git_commit_free(commit);
	acct_buf_release(&abs);
	acct_buf_release(&from);
	acct_buf_release(&bak);
	return rc;
}

int acct_journal_recover(struct acct_book *book, git_index *index, int *found,
			 struct acct_error *err)
{
	struct acct_buf path = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	struct journal j;
	int rc = 0;

	memset(&j, 0, sizeof(j));
	*found = 0;
	acct_journal_path(&path, book, "journal");
	if (acct_buf_read_file(&text, path.buf) < 0) {
		if (errno != ENOENT)
			rc = acct_error_set(err, ACCT_ERROR, "cannot read "
					    "'.git/acct/journal': %s",
					    strerror(errno));
		goto out;
	}
	*found = 1;
	j.text = acct_buf_detach(&text, NULL);
	if (parse_journal(&j) < 0) {
		rc = acct_error_set(err, ACCT_EDATA, "'.git/acct/journal', left "
				    "by an acct command that was stopped, "
				    "cannot be read");
		acct_error_hint(err, "check the book with git status and put "
				"it right, then remove '.git/acct/journal'");
		goto out;
	}
	rc = recover(book, index, &j, err);
out:
	free(j.text);
	free(j.files);
	free(j.moves);
	acct_buf_release(&path);
	acct_buf_release(&text);
	return rc;
}
