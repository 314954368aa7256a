/*
 * The records both sides of a sync touched (log entries, NPS answers):
 * what acct resolves in the merged index before anything is written, on
 * one rule: a record already published never moves; ours, not pushed
 * yet, does. Then no two clones can ever rename the same file.
 */
#include "sync_int.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/nps.h"
#include "acct/banned.h"

/* One side of a path: its blob, or none. */
struct ver {
	int has;
	git_oid id;
	uint32_t mode;
};

struct ctx {
	git_repository *repo;
	git_index *idx;
	git_tree *base, *ours, *theirs;
	struct acct_sync_result *r;
	struct acct_error *err;
};

static int failed(struct ctx *c, const char *what)
{
	return acct_git_error(c->err, ACCT_ERROR, what);
}

static int in_tree(git_tree *tree, const char *path, struct ver *v)
{
	git_tree_entry *e = NULL;

	if (!tree || git_tree_entry_bypath(&e, tree, path) < 0 ||
	    git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		git_tree_entry_free(e);
		if (v)
			v->has = 0;
		return 0;
	}
	if (v) {
		v->has = 1;
		git_oid_cpy(&v->id, git_tree_entry_id(e));
		v->mode = (uint32_t)git_tree_entry_filemode(e);
	}
	git_tree_entry_free(e);
	return 1;
}

static int text_of(struct acct_buf *out, struct ctx *c, const git_oid *id)
{
	git_blob *blob = NULL;

	acct_buf_reset(out);
	if (git_blob_lookup(&blob, c->repo, id) < 0)
		return failed(c, "cannot read a file to merge");
	acct_buf_add(out, git_blob_rawcontent(blob),
		     (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return 0;
}

/*
 * The three-way merge of one record's edits into a blob: the side that
 * changed it, else line by line, else git's text merge without conflict.
 * 1 when the edits clash.
 */
static int merge3(git_oid *out, struct ctx *c, const git_oid *anc,
		  const git_oid *o, const git_oid *t)
{
	struct acct_buf a = ACCT_BUF_INIT, x = ACCT_BUF_INIT, y = ACCT_BUF_INIT,
			m = ACCT_BUF_INIT;
	git_merge_file_input ia = GIT_MERGE_FILE_INPUT_INIT,
			     io = GIT_MERGE_FILE_INPUT_INIT,
			     it = GIT_MERGE_FILE_INPUT_INIT;
	git_merge_file_result res = { 0 };
	int rc = 0;

	if (git_oid_equal(o, t) || git_oid_equal(anc, t)) {
		git_oid_cpy(out, o);
		return 0;
	}
	if (git_oid_equal(anc, o)) {
		git_oid_cpy(out, t);
		return 0;
	}
	if ((rc = text_of(&a, c, anc)) < 0 || (rc = text_of(&x, c, o)) < 0 ||
	    (rc = text_of(&y, c, t)) < 0)
		goto out;
	if (acct_sync_merge_lines(&m, &a, &x, &y) < 0) {
		ia.ptr = a.buf, ia.size = a.len;
		io.ptr = x.buf, io.size = x.len;
		it.ptr = y.buf, it.size = y.len;
		if (git_merge_file(&res, &ia, &io, &it, NULL) < 0) {
			rc = failed(c, "cannot merge a record's text");
			goto out;
		}
		if (!res.automergeable) {
			rc = 1;
			goto out;
		}
		acct_buf_reset(&m);
		acct_buf_add(&m, res.ptr, res.len);
	}
	if (git_blob_create_from_buffer(out, c->repo, m.buf, m.len) < 0)
		rc = failed(c, "cannot write a merged file");
out:
	git_merge_file_result_free(&res);
	acct_buf_release(&a);
	acct_buf_release(&x);
	acct_buf_release(&y);
	acct_buf_release(&m);
	return rc;
}

/* --- names ------------------------------------------------------------------ */

/* "dir/stem.ext": where the stem ends (the last dot of the last part). */
static size_t stem_end(const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	return dot && (!slash || dot > slash) ? (size_t)(dot - path)
					      : strlen(path);
}

/* In the merge, resolved or not: a name either side has for a file. */
static int taken(struct ctx *c, const char *path)
{
	int stage;

	for (stage = 0; stage <= 3; stage++)
		if (git_index_get_bypath(c->idx, path, stage))
			return 1;
	return 0;
}

/*
 * The next name free on both sides and in the merge: "a/b.md" ->
 * "a/b-2.md"; one numbered already counts on: "a/b-2.md" -> "a/b-3.md"
 * when "a/b.md" is there (else "-2" is part of the name: "week-48"), and
 * so does an anonymous answer, as `acct nps` numbers them.
 */
static char *free_name(struct ctx *c, const char *path)
{
	size_t end = stem_end(path), cut = end, k = end;
	struct acct_buf b = ACCT_BUF_INIT;
	long n = 2;

	while (k > 0 && path[k - 1] >= '0' && path[k - 1] <= '9')
		k--;
	if (k < end && end - k < 6 && k > 1 && path[k - 1] == '-' &&
	    path[k] != '0') {
		acct_buf_add(&b, path, k - 1);
		acct_buf_addstr(&b, path + end);
		if ((k >= 11 && !strncmp(path + k - 11, "-anonymous-", 11)) ||
		    taken(c, b.buf)) {
			n = strtol(path + k, NULL, 10) + 1;
			cut = k - 1;
		}
	}
	for (;; n++) {
		acct_buf_reset(&b);
		acct_buf_add(&b, path, cut);
		acct_buf_addf(&b, "-%ld%s", n, path + end);
		if (!taken(c, b.buf))
			break;
	}
	return acct_buf_detach(&b, NULL);
}

static void renamed(struct acct_sync_result *r, const char *from,
		    const char *to)
{
	struct acct_buf line = ACCT_BUF_INIT;

	acct_buf_addf(&line, "%s -> %s", from, to);
	r->renamed = acct_realloc(r->renamed, (r->nrenamed + 1) *
				  sizeof(*r->renamed));
	r->renamed[r->nrenamed++] = acct_buf_detach(&line, NULL);
}

/* --- the index ---------------------------------------------------------------- */

/* `path` is `id` (stage 0), whatever it was: conflicted or not. */
static int put(struct ctx *c, const char *path, const git_oid *id,
	       uint32_t mode)
{
	git_index_entry e;

	if (git_index_get_bypath(c->idx, path, 1) ||
	    git_index_get_bypath(c->idx, path, 2) ||
	    git_index_get_bypath(c->idx, path, 3))
		if (git_index_conflict_remove(c->idx, path) < 0)
			return failed(c, "cannot resolve the merge");
	memset(&e, 0, sizeof(e));
	e.path = path;
	e.mode = mode ? mode : GIT_FILEMODE_BLOB;
	git_oid_cpy(&e.id, id);
	if (git_index_add(c->idx, &e) < 0)
		return failed(c, "cannot resolve the merge");
	return 0;
}

static int drop(struct ctx *c, const char *path)
{
	if (git_index_get_bypath(c->idx, path, 0) &&
	    git_index_remove(c->idx, path, 0) < 0)
		return failed(c, "cannot resolve the merge");
	return 0;
}

/*
 * Ours as it moves from `path`: an entry's items whose ids came from the
 * path get them written in, so that the ids people were given still
 * work. Anything else, or an entry that does not parse, moves as it is.
 */
static int moving(git_oid *out, struct ctx *c, const char *path,
		  const struct ver *o)
{
	struct acct_buf text = ACCT_BUF_INIT, pinned = ACCT_BUF_INIT;
	struct acct_entry *e = NULL;
	const char *slug = path + 8, *end = strchr(slug, '/');
	char *s = acct_strndup(slug, (size_t)(end - slug));
	int rc = 0;

	git_oid_cpy(out, &o->id);
	if (acct_sync_record_kind(path) != REC_LOG || (rc = text_of(&text, c, &o->id)) < 0)
		goto out;
	if (acct_entry_parse(&e, s, path, text.buf, text.len, NULL) == 0 &&
	    acct_action_ids_pin(&pinned, e) &&
	    git_blob_create_from_buffer(out, c->repo, pinned.buf,
					pinned.len) < 0)
		rc = failed(c, "cannot write a merged file");
out:
	rc = rc < 0 ? rc : 0;
	acct_entry_free(e);
	acct_buf_release(&text);
	acct_buf_release(&pinned);
	free(s);
	return rc;
}

/* Ours moves to the next free name; theirs keeps `path`. */
static int move_ours(struct ctx *c, const char *path, const struct ver *o,
		     const struct ver *t)
{
	char *to = free_name(c, path);
	git_oid id;
	int rc;

	if ((rc = moving(&id, c, path, o)) == 0 &&
	    (rc = t->has ? put(c, path, &t->id, t->mode) : 0) == 0 &&
	    (rc = put(c, to, &id, o->mode)) == 0)
		renamed(c->r, path, to);
	free(to);
	return rc;
}

/* --- NPS answers added on both sides ------------------------------------------ */

struct added {
	char *path;
	git_oid id;
};

/*
 * The records `side` changed since the base with `status` (added,
 * modified), of `kind` (REC_NONE: any), in the order of their paths.
 */
static int changed(struct added **out, size_t *n, struct ctx *c,
		   git_tree *side, git_delta_t status, enum rec kind)
{
	git_diff *diff = NULL;
	git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
	size_t i, k;

	*out = NULL;
	*n = 0;
	if (git_diff_tree_to_tree(&diff, c->repo, c->base, side, &opts) < 0)
		return failed(c, "cannot compare the trees");
	k = git_diff_num_deltas(diff);
	for (i = 0; i < k; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		enum rec r = acct_sync_record_kind(d->new_file.path);

		if (d->status != status || !r || (kind && r != kind))
			continue;
		*out = acct_realloc(*out, (*n + 1) * sizeof(**out));
		(*out)[*n].path = acct_strdup(d->new_file.path);
		git_oid_cpy(&(*out)[*n].id, &d->new_file.id);
		(*n)++;
	}
	git_diff_free(diff);
	return 0;
}

static void added_free(struct added *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(a[i].path);
	free(a);
}

/* The folder and the day: "clients/a/nps/2026/2026-11-20". */
static int same_day(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');

	return sa - a == sb - b && !strncmp(a, b, (size_t)(sa - a)) &&
	       strlen(sa) > 11 && !strncmp(sa, sb, 11);
}

static int score_of(const struct acct_buf *text, const char *path)
{
	struct acct_nps_answer *a = NULL;
	struct acct_error ignore = ACCT_ERROR_INIT;
	const char *slug = path + 8, *end = strchr(slug, '/');
	char *s = acct_strndup(slug, (size_t)(end - slug));
	int score = -1;

	if (acct_nps_parse(&a, s, path, text->buf, text->len, &ignore) == 0)
		score = a->score;
	acct_nps_free(a);
	acct_error_clear(&ignore);
	free(s);
	return score;
}

/*
 * One answer (one identity) that both sides recorded: kept once, as
 * published, when the two say the same; a conflict when they do not.
 */
static int same_answers(struct ctx *c)
{
	struct added *ours = NULL, *theirs = NULL;
	size_t no = 0, nt = 0, i, j;
	struct acct_buf x = ACCT_BUF_INIT, y = ACCT_BUF_INIT,
			kx = ACCT_BUF_INIT, ky = ACCT_BUF_INIT;
	int rc;

	if ((rc = changed(&ours, &no, c, c->ours, GIT_DELTA_ADDED, REC_NPS)) < 0 ||
	    (rc = changed(&theirs, &nt, c, c->theirs, GIT_DELTA_ADDED,
			  REC_NPS)) < 0)
		goto out;
	for (i = 0; i < no && !rc; i++) {
		int loaded = 0;

		for (j = 0; j < nt && !rc; j++) {
			struct ver t;

			if (!same_day(ours[i].path, theirs[j].path) ||
			    (!strcmp(ours[i].path, theirs[j].path) &&
			     git_oid_equal(&ours[i].id, &theirs[j].id)))
				continue;
			if (!loaded) {
				if ((rc = text_of(&x, c, &ours[i].id)) < 0)
					break;
				acct_sync_answer_key(&kx, ours[i].path, &x);
				loaded = 1;
			}
			if ((rc = text_of(&y, c, &theirs[j].id)) < 0)
				break;
			acct_sync_answer_key(&ky, theirs[j].path, &y);
			if (!kx.len || kx.len != ky.len ||
			    memcmp(kx.buf, ky.buf, kx.len))
				continue;
			if (!git_oid_equal(&ours[i].id, &theirs[j].id)) {
				struct acct_buf why = ACCT_BUF_INIT;

				acct_buf_addf(&why, "the same answer twice: score "
					      "%d here, %d there",
					      score_of(&x, ours[i].path),
					      score_of(&y, theirs[j].path));
				acct_sync_add_conflict(c->r, ACCT_SYNC_ANSWER,
						       ours[i].path, NULL, NULL,
						       why.buf);
				acct_buf_release(&why);
				break;
			}
			/* Ours is a copy of theirs: it goes, theirs stays. */
			in_tree(c->theirs, ours[i].path, &t);
			rc = t.has ? put(c, ours[i].path, &t.id, t.mode)
				   : drop(c, ours[i].path);
			break;
		}
	}
out:
	added_free(ours, no);
	added_free(theirs, nt);
	acct_buf_release(&x);
	acct_buf_release(&y);
	acct_buf_release(&kx);
	acct_buf_release(&ky);
	return rc;
}

/* --- a record replaced by another of its name ---------------------------------- */

/*
 * Where `side` put the record that `path` held in the base: a file
 * "<stem>-N<ext>" beside it that `side` added and that is the same
 * record. NULL when there is none.
 */
static char *moved_to(struct ctx *c, git_tree *side, const char *path,
		      enum rec kind, const struct acct_buf *anc, struct ver *v)
{
	const char *slash = strrchr(path, '/');
	size_t end = stem_end(path), stem = end - (size_t)(slash + 1 - path);
	const char *name = slash + 1, *ext = path + end;
	git_tree_entry *te = NULL;
	git_tree *dir = NULL;
	struct acct_buf dpath = ACCT_BUF_INIT, cand = ACCT_BUF_INIT,
			text = ACCT_BUF_INIT;
	char *found = NULL;
	size_t i, n;

	acct_buf_add(&dpath, path, (size_t)(slash - path));
	if (git_tree_entry_bypath(&te, side, dpath.buf) < 0 ||
	    git_tree_lookup(&dir, c->repo, git_tree_entry_id(te)) < 0)
		goto out;
	n = git_tree_entrycount(dir);
	for (i = 0; i < n && !found; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(dir, i);
		const char *en = git_tree_entry_name(e), *p = en + stem + 1;

		if (strncmp(en, name, stem) || en[stem] != '-' ||
		    !(*p >= '0' && *p <= '9'))
			continue;
		while (*p >= '0' && *p <= '9')
			p++;
		if (strcmp(p, ext) || git_tree_entry_type(e) != GIT_OBJECT_BLOB)
			continue;
		acct_buf_reset(&cand);
		acct_buf_addf(&cand, "%s/%s", dpath.buf, en);
		if (in_tree(c->base, cand.buf, NULL) ||
		    text_of(&text, c, git_tree_entry_id(e)) < 0 ||
		    !acct_sync_same_record(kind, path, anc, &text))
			continue;
		found = acct_buf_detach(&cand, NULL);
		v->has = 1;
		git_oid_cpy(&v->id, git_tree_entry_id(e));
		v->mode = (uint32_t)git_tree_entry_filemode(e);
	}
out:
	git_error_clear();
	git_tree_entry_free(te);
	git_tree_free(dir);
	acct_buf_release(&dpath);
	acct_buf_release(&cand);
	acct_buf_release(&text);
	return found;
}

/*
 * `at`, where theirs has the base's record `anc` under a new name, may
 * hold another record of ours (added, so numbered, not pushed yet): that
 * one moves on to the next free name, so that nothing is lost.
 */
static int ours_aside(struct ctx *c, const char *at, enum rec kind,
		      const struct acct_buf *anc, const struct ver *t)
{
	struct acct_buf text = ACCT_BUF_INIT;
	struct ver o;
	int rc;

	if (!in_tree(c->ours, at, &o) || git_oid_equal(&o.id, &t->id))
		return 0;
	if ((rc = text_of(&text, c, &o.id)) == 0 &&
	    !acct_sync_same_record(kind, at, anc, &text))
		rc = move_ours(c, at, &o, t);
	acct_buf_release(&text);
	return rc;
}

static int clash(struct ctx *c, const char *path)
{
	acct_sync_add_conflict(c->r, ACCT_SYNC_RECORD, path, NULL, NULL,
			       "the same record was changed here and there in "
			       "the same lines");
	return 0;
}

/*
 * A record both sides changed since the base. Each side's version is
 * the base's record edited, or another record under its name (the base's
 * then moved to a "-N" name by acct before 2026-12, or gone).
 */
static int both_changed(struct ctx *c, const char *path, enum rec kind,
			const struct ver *a, const struct ver *o,
			const struct ver *t)
{
	struct acct_buf ta = ACCT_BUF_INIT, to = ACCT_BUF_INIT,
			tt = ACCT_BUF_INIT;
	struct ver qo = { 0 }, qt = { 0 };
	char *mo = NULL, *mt = NULL;
	int so, st, rc;
	git_oid m;

	if ((rc = text_of(&ta, c, &a->id)) < 0 ||
	    (rc = text_of(&to, c, &o->id)) < 0 ||
	    (rc = text_of(&tt, c, &t->id)) < 0)
		goto out;
	so = acct_sync_same_record(kind, path, &ta, &to);
	st = acct_sync_same_record(kind, path, &ta, &tt);
	if (so && st) {
		/* One record edited twice. */
		if ((rc = merge3(&m, c, &a->id, &o->id, &t->id)) < 0)
			goto out;
		rc = rc ? clash(c, path) : put(c, path, &m, o->mode);
		goto out;
	}
	mo = so ? NULL : moved_to(c, c->ours, path, kind, &ta, &qo);
	mt = st ? NULL : moved_to(c, c->theirs, path, kind, &ta, &qt);
	if (so) {
		/*
		 * Theirs put another record here: the base's went to `mt`
		 * there, and our edit of it follows it. Gone there: ours is
		 * kept under a new name.
		 */
		if (!mt) {
			rc = move_ours(c, path, o, t);
			goto out;
		}
		if ((rc = merge3(&m, c, &a->id, &o->id, &qt.id)) < 0)
			goto out;
		if (rc) {
			rc = clash(c, mt);
			goto out;
		}
		if ((rc = put(c, path, &t->id, t->mode)) == 0 &&
		    (rc = ours_aside(c, mt, kind, &ta, &qt)) == 0)
			rc = put(c, mt, &m, qt.mode);
		goto out;
	}
	/* Ours put another record here, and moved the base's to `mo`. */
	if (mo) {
		/* The base's record, as published here, takes our edits. */
		const struct ver *pub = st ? t : mt ? &qt : NULL;

		if (pub) {
			if ((rc = merge3(&m, c, &a->id, &pub->id, &qo.id)) < 0)
				goto out;
			if (rc) {
				rc = clash(c, path);
				goto out;
			}
			if (!st && strcmp(mo, mt) && (rc = drop(c, mo)) < 0)
				goto out;
			if (!st && (rc = ours_aside(c, mt, kind, &ta, &qt)) < 0)
				goto out;
			if ((rc = put(c, st ? path : mt, &m, pub->mode)) < 0)
				goto out;
		}
		if (st) {
			/*
			 * Ours, not published, takes the name we gave the
			 * base's record, which is at `path` as published;
			 * unless theirs has a record of its own there, which
			 * stays: then the next free name.
			 */
			struct ver y;
			char *next = NULL;
			const char *name = mo;
			git_oid id;

			if (in_tree(c->theirs, mo, &y)) {
				if ((rc = put(c, mo, &y.id, y.mode)) < 0)
					goto out;
				name = next = free_name(c, path);
			}
			if ((rc = moving(&id, c, path, o)) == 0 &&
			    (rc = put(c, name, &id, o->mode)) == 0)
				renamed(c->r, path, name);
			free(next);
			goto out;
		}
	}
	/* Two other records under one name: theirs stays, ours moves. */
	rc = move_ours(c, path, o, t);
out:
	free(mo);
	free(mt);
	acct_buf_release(&ta);
	acct_buf_release(&to);
	acct_buf_release(&tt);
	return rc;
}

/*
 * Both sides added `path`. One record twice (ticked differently): one,
 * with every tick. Two records: theirs stays, ours moves.
 */
static int both_added(struct ctx *c, const char *path, enum rec kind,
		      const struct ver *o, const struct ver *t)
{
	struct acct_buf to = ACCT_BUF_INIT, tt = ACCT_BUF_INIT,
			anc = ACCT_BUF_INIT, m = ACCT_BUF_INIT;
	git_oid id;
	int rc;

	if (kind != REC_LOG)
		return move_ours(c, path, o, t);
	if ((rc = text_of(&to, c, &o->id)) < 0 ||
	    (rc = text_of(&tt, c, &t->id)) < 0)
		goto out;
	if (!acct_sync_same_record(kind, path, &to, &tt)) {
		rc = move_ours(c, path, o, t);
		goto out;
	}
	/* Against the text with no box ticked, each side's ticks add up. */
	acct_sync_unticked(&anc, &to);
	if (acct_sync_merge_lines(&m, &anc, &to, &tt) < 0) {
		rc = clash(c, path);
		goto out;
	}
	if (git_blob_create_from_buffer(&id, c->repo, m.buf, m.len) < 0)
		rc = failed(c, "cannot write a merged file");
	else
		rc = put(c, path, &id, o->mode);
out:
	acct_buf_release(&to);
	acct_buf_release(&tt);
	acct_buf_release(&anc);
	acct_buf_release(&m);
	return rc;
}

/*
 * A record both sides changed that git's text merge took without a
 * conflict: fine for one record edited twice, but when one side's
 * version is another record (the old rule put it there and moved the
 * base's to "-N"), the other side's edit belongs with the base's record
 * wherever it went, not in the other record.
 */
static int both_modified(struct ctx *c)
{
	struct added *ours = NULL, *theirs = NULL;
	size_t no = 0, nt = 0, i = 0, j = 0;
	struct acct_buf ta = ACCT_BUF_INIT, to = ACCT_BUF_INIT,
			tt = ACCT_BUF_INIT;
	int rc;

	if ((rc = changed(&ours, &no, c, c->ours, GIT_DELTA_MODIFIED,
			  REC_NONE)) < 0 ||
	    (rc = changed(&theirs, &nt, c, c->theirs, GIT_DELTA_MODIFIED,
			  REC_NONE)) < 0)
		goto out;
	while (i < no && j < nt && rc >= 0) {
		int cmp = strcmp(ours[i].path, theirs[j].path);
		const char *path = ours[i].path;
		enum rec kind = acct_sync_record_kind(path);
		struct ver a, o, t;

		if (cmp) {
			cmp < 0 ? i++ : j++;
			continue;
		}
		i++, j++;
		/* Conflicted: the main pass has it. */
		if (!git_index_get_bypath(c->idx, path, 0) ||
		    !in_tree(c->base, path, &a) || !in_tree(c->ours, path, &o) ||
		    !in_tree(c->theirs, path, &t))
			continue;
		if ((rc = text_of(&ta, c, &a.id)) < 0 ||
		    (rc = text_of(&to, c, &o.id)) < 0 ||
		    (rc = text_of(&tt, c, &t.id)) < 0)
			break;
		if (acct_sync_same_record(kind, path, &ta, &to) &&
		    acct_sync_same_record(kind, path, &ta, &tt))
			continue;
		rc = both_changed(c, path, kind, &a, &o, &t);
	}
out:
	added_free(ours, no);
	added_free(theirs, nt);
	acct_buf_release(&ta);
	acct_buf_release(&to);
	acct_buf_release(&tt);
	return rc;
}

/* --- the whole merge -------------------------------------------------------------- */

struct conflict {
	char *path;
	struct ver v[3];	/* base, ours, theirs */
};

static void ver_of(struct ver *v, const git_index_entry *e)
{
	v->has = e != NULL;
	if (e) {
		git_oid_cpy(&v->id, &e->id);
		v->mode = e->mode;
	}
}

int acct_sync_resolve(git_repository *repo, git_index *idx, git_tree *base,
		      git_tree *ours, git_tree *theirs,
		      struct acct_sync_result *r, struct acct_error *err)
{
	struct ctx c = { repo, idx, base, ours, theirs, r, err };
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *e[3];
	struct conflict *list = NULL;
	size_t n = 0, i, k;
	int rc;

	if ((rc = same_answers(&c)) < 0 || (rc = both_modified(&c)) < 0)
		return rc;
	if (git_index_conflict_iterator_new(&it, idx) < 0)
		return failed(&c, "cannot read the merge");
	while (git_index_conflict_next(&e[0], &e[1], &e[2], it) == 0) {
		const git_index_entry *any = e[1] ? e[1] : e[2] ? e[2] : e[0];

		list = acct_realloc(list, (n + 1) * sizeof(*list));
		list[n].path = acct_strdup(any->path);
		for (k = 0; k < 3; k++)
			ver_of(&list[n].v[k], e[k]);
		n++;
	}
	git_index_conflict_iterator_free(it);
	/*
	 * Edited records first: one may name where the base's record went,
	 * a file both sides added, which its edits then resolve.
	 */
	for (i = 0; i < 2 * n && rc >= 0; i++) {
		const char *path = list[i % n].path;
		const struct ver *v = list[i % n].v;
		enum rec kind = acct_sync_record_kind(path);
		int known = 0;

		if ((i < n) != v[0].has)
			continue;

		/* Resolved on the way (a record's other name), or listed. */
		if (!git_index_get_bypath(idx, path, 2) &&
		    !git_index_get_bypath(idx, path, 3) &&
		    !git_index_get_bypath(idx, path, 1))
			continue;
		for (k = 0; k < r->nconflicts; k++)
			if (!strcmp(r->conflicts[k].path, path))
				known = 1;
		if (known)
			continue;
		if (kind && !v[0].has && v[1].has && v[2].has)
			rc = both_added(&c, path, kind, &v[1], &v[2]);
		else if (kind && v[0].has && v[1].has && v[2].has)
			rc = both_changed(&c, path, kind, &v[0], &v[1], &v[2]);
		else
			acct_sync_add_conflict(r, kind ? ACCT_SYNC_RECORD :
					       ACCT_SYNC_FILE, path, NULL, NULL,
					       !v[0].has ? NULL : !v[2].has ?
					       "changed here, removed there" :
					       !v[1].has ?
					       "removed here, changed there" :
					       NULL);
	}
	for (i = 0; i < n; i++)
		free(list[i].path);
	free(list);
	if (rc < 0)
		return rc;
	return r->nconflicts ? ACCT_ECONFLICT : 0;
}
