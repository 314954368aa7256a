/*
 * When a card entered the book. A client added with a `since` in the past
 * has no log, no survey and no review in the book before that day, so the
 * agenda counts its first ones from the day the card was committed, not
 * from `since` (issue 15): a new book is not a wall of red.
 *
 * One walk down HEAD's first-parent line (the line `acct history` walks:
 * a card brought in by a merge entered with the merge), newest first. A
 * step where the clients/ tree did not change costs one root tree; else
 * the folders whose tree changed are looked at, and a card whose folder
 * the parent lacks entered there (unless the folder was renamed).
 *
 * Reading a tree costs tens of microseconds, so walking a long history on
 * every run would be slow. What a walk finds is kept in .git/acct/entered,
 * keyed by the commit it was worked out for: every card of that commit and
 * the time it entered. The next run walks from HEAD down to that commit
 * only (the commits made since), so after the first run the cost grows
 * with the new commits, not with the history. The cache is never
 * committed, and a cache that is missing, damaged or not on HEAD's
 * first-parent line only costs a longer walk.
 */
#include "acct/entered.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
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

#define CARD "client.yaml"
#define CACHE "acct/entered"
#define CACHE_MAGIC "acct entered 1"

/* A card of HEAD and when it entered: a commit's author time. */
struct card {
	char *slug;		/* its folder at HEAD */
	int placed;
	int64_t sec;
};

/* A card still looked for: its folder's name and tree in the child. */
struct want {
	struct card *card;
	char *name;
	git_oid dir;
	int placed;
};

/* --- the cache --------------------------------------------------------- */

/* What a walk found, for the commit `commit`: sorted by slug. */
struct cache {
	int ok;
	git_oid commit;
	struct card *v;
	size_t n;
};

static int card_cmp(const void *a, const void *b)
{
	return strcmp(((const struct card *)a)->slug,
		      ((const struct card *)b)->slug);
}

static struct card *find_card(struct card *v, size_t n, const char *slug)
{
	struct card key;

	key.slug = (char *)(uintptr_t)slug;
	return bsearch(&key, v, n, sizeof(*v), card_cmp);
}

static void cache_path(struct acct_buf *out, git_repository *repo,
		       const char *suffix)
{
	acct_buf_addf(out, "%s%s%s", git_repository_path(repo), CACHE, suffix);
}

static void cards_free(struct card *v, size_t n)
{
	while (n)
		free(v[--n].slug);
	free(v);
}

/*
 * Read the cache: "acct entered 1", the commit's id, then one line per
 * card, "<seconds> <slug>", sorted by slug. Anything else: no cache.
 */
static void cache_read(struct cache *c, git_repository *repo)
{
	struct acct_buf path = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	char *line, *next, *end;
	size_t alloc = 0;

	memset(c, 0, sizeof(*c));
	cache_path(&path, repo, "");
	if (acct_buf_read_file(&text, path.buf) < 0 ||
	    strlen(text.buf) != text.len)
		goto out;
	line = text.buf;
	if (!(next = strchr(line, '\n')))
		goto out;
	*next++ = '\0';
	if (strcmp(line, CACHE_MAGIC))
		goto out;
	line = next;
	if (!(next = strchr(line, '\n')))
		goto out;
	*next++ = '\0';
	if (strlen(line) != GIT_OID_HEXSZ || git_oid_fromstr(&c->commit, line) < 0)
		goto out;
	for (line = next; *line; line = next) {
		long long sec;

		if (!(next = strchr(line, '\n')))
			goto bad;
		*next++ = '\0';
		errno = 0;
		sec = strtoll(line, &end, 10);
		if (errno || end == line || *end != ' ' || !end[1] ||
		    (c->n && strcmp(c->v[c->n - 1].slug, end + 1) >= 0))
			goto bad;
		if (c->n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			c->v = acct_realloc(c->v, alloc * sizeof(*c->v));
		}
		c->v[c->n].slug = acct_strdup(end + 1);
		c->v[c->n].placed = 1;
		c->v[c->n++].sec = sec;
	}
	c->ok = 1;
	goto out;
bad:
	cards_free(c->v, c->n);
	memset(c, 0, sizeof(*c));
out:
	acct_buf_release(&path);
	acct_buf_release(&text);
}

/*
 * Keep what was found for `head`. A cache is only ever a help: when it
 * cannot be written (a read-only book), nothing is said. Two runs at once
 * each write their own file and rename it; the last one stays.
 */
static void cache_write(git_repository *repo, const git_oid *head,
			const struct card *v, size_t n)
{
	struct acct_buf path = ACCT_BUF_INIT, tmp = ACCT_BUF_INIT,
			text = ACCT_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	struct acct_tempfile *tf = NULL;
	int fd, ok;
	size_t i;

	git_oid_tostr(hex, sizeof(hex), head);
	acct_buf_addf(&text, "%s\n%s\n", CACHE_MAGIC, hex);
	for (i = 0; i < n; i++)
		acct_buf_addf(&text, "%lld %s\n", (long long)v[i].sec, v[i].slug);
	acct_buf_addf(&path, "%sacct", git_repository_path(repo));
	if (mkdir(path.buf, 0777) < 0 && errno != EEXIST)
		goto out;
	acct_buf_reset(&path);
	cache_path(&path, repo, "");
	cache_path(&tmp, repo, "");
	acct_buf_addf(&tmp, ".%ld.tmp", (long)getpid());
	/* Made and registered with no signal in between (lib/lock.c). */
	acct_signals_defer();
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd >= 0)
		tf = acct_tempfile_register(tmp.buf, 0);
	acct_signals_resume();
	if (fd < 0)
		goto out;
	ok = write(fd, text.buf, text.len) == (ssize_t)text.len;
	if (close(fd) < 0)
		ok = 0;
	if (ok && rename(tmp.buf, path.buf) == 0)
		acct_tempfile_forget(&tf);
	else
		acct_tempfile_delete(&tf);
out:
	acct_buf_release(&path);
	acct_buf_release(&tmp);
	acct_buf_release(&text);
}

/* --- the walk ---------------------------------------------------------- */

/* The `clients` tree of `commit`, or NULL when it has none. */
static int clients_tree(git_tree **out, git_repository *repo,
			const git_commit *commit, struct acct_error *err)
{
	git_tree *root = NULL;
	const git_tree_entry *e;
	int rc = 0;

	*out = NULL;
	if (git_commit_tree(&root, commit) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read a commit's tree");
	e = git_tree_entry_byname(root, "clients");
	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE &&
	    git_tree_lookup(out, repo, git_tree_entry_id(e)) < 0)
		rc = acct_git_error(err, ACCT_ERROR, "cannot read a tree");
	git_tree_free(root);
	return rc;
}

/*
 * Whether folder `name` of `clients` holds a card: 1, with its tree in
 * `dir`; 0 when not.
 */
static int has_card(git_oid *dir, git_repository *repo, const git_tree *clients,
		    const char *name, struct acct_error *err)
{
	const git_tree_entry *e, *card;
	git_tree *t = NULL;
	int found;

	if (!clients || !(e = git_tree_entry_byname(clients, name)) ||
	    git_tree_entry_type(e) != GIT_OBJECT_TREE)
		return 0;
	git_oid_cpy(dir, git_tree_entry_id(e));
	if (git_tree_lookup(&t, repo, dir) < 0)
		return acct_git_error(err, ACCT_ERROR, "cannot read a tree");
	card = git_tree_entry_byname(t, CARD);
	found = card && git_tree_entry_type(card) == GIT_OBJECT_BLOB;
	git_tree_free(t);
	return found;
}

/*
 * The folder `child` renamed: the one folder of `parent` that `child`
 * no longer has, holding a card (as `acct history` finds it). Appends its
 * name to `out`; leaves it empty when there is none or several.
 */
static int find_moved(struct acct_buf *out, git_repository *repo,
		      const git_tree *parent, const git_tree *child,
		      struct acct_error *err)
{
	const char *name = NULL;
	size_t i, gone = 0;
	git_oid dir;
	int rc;

	for (i = 0; i < git_tree_entrycount(parent); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(parent, i);

		if (git_tree_entry_type(e) != GIT_OBJECT_TREE ||
		    git_tree_entry_byname(child, git_tree_entry_name(e)))
			continue;
		if (gone++)
			return 0;	/* several: no telling which */
		name = git_tree_entry_name(e);
	}
	if (!name)
		return 0;
	if ((rc = has_card(&dir, repo, parent, name, err)) <= 0)
		return rc;
	acct_buf_addstr(out, name);
	return 0;
}

static int want_cmp(const void *a, const void *b)
{
	return strcmp(((const struct want *)a)->name,
		      ((const struct want *)b)->name);
}

/* The card looked for in folder `name`, or NULL. */
static struct want *wanted(struct want *w, size_t nw, const char *name)
{
	struct want key;

	key.name = (char *)(uintptr_t)name;
	return bsearch(&key, w, nw, sizeof(*w), want_cmp);
}

/* `parent`'s entry with the name of `child`'s i-th `e`, or NULL. */
static const git_tree_entry *same_name(const git_tree *parent, size_t i,
				       const git_tree_entry *e)
{
	const git_tree_entry *p = i < git_tree_entrycount(parent) ?
				  git_tree_entry_byindex(parent, i) : NULL;

	/* Folders come in the same order: the same place, mostly. */
	if (p && !strcmp(git_tree_entry_name(p), git_tree_entry_name(e)))
		return p;
	return git_tree_entry_byname(parent, git_tree_entry_name(e));
}

/* Drop the placed ones; keep the rest sorted by name. */
static void drop_placed(struct want *w, size_t *nw, int resort)
{
	size_t i, j;

	for (i = j = 0; i < *nw; i++) {
		if (w[i].placed) {
			free(w[i].name);
			continue;
		}
		w[j++] = w[i];
	}
	*nw = j;
	if (resort)
		qsort(w, *nw, sizeof(*w), want_cmp);
}

/*
 * One step from `child` to its first parent: the cards of `w` (sorted by
 * name) that the parent lacks entered with `child` and leave `w`. Only
 * the folders whose tree changed are looked at.
 */
static int step(struct want *w, size_t *nw, git_repository *repo,
		const git_commit *child, const git_tree *child_clients,
		const git_tree *parent_clients, struct acct_error *err)
{
	struct acct_buf moved = ACCT_BUF_INIT;
	struct want *renamed = NULL;
	int64_t sec = (int64_t)git_commit_author(child)->when.time;
	size_t i;
	int looked = 0, rc = 0;

	for (i = 0; i < git_tree_entrycount(child_clients); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(child_clients, i);
		const git_tree_entry *p = parent_clients ?
					  same_name(parent_clients, i, e) : NULL;
		struct want *x;
		git_oid dir;

		if (p && git_oid_equal(git_tree_entry_id(p), git_tree_entry_id(e)))
			continue;
		if (!(x = wanted(w, *nw, git_tree_entry_name(e))))
			continue;
		if ((rc = has_card(&dir, repo, parent_clients, x->name, err)) < 0)
			goto out;
		if (rc == 1) {
			git_oid_cpy(&x->dir, &dir);
			continue;
		}
		/* Not there: moved here from another folder, or new here. */
		if (!looked && parent_clients &&
		    (rc = find_moved(&moved, repo, parent_clients, child_clients,
				     err)) < 0)
			goto out;
		looked = 1;
		if (!renamed && moved.len &&
		    (rc = has_card(&dir, repo, parent_clients, moved.buf,
				   err)) < 0)
			goto out;
		if (!renamed && moved.len && rc == 1) {
			git_oid_cpy(&x->dir, &dir);
			renamed = x;	/* one folder moves to one */
			continue;
		}
		x->card->sec = sec;
		x->card->placed = 1;
		x->placed = 1;
	}
	rc = 0;
out:
	if (renamed) {
		free(renamed->name);
		renamed->name = acct_buf_detach(&moved, NULL);
	}
	drop_placed(w, nw, !!renamed);
	acct_buf_release(&moved);
	return rc;
}

/* At the cached commit: the cards it knows, by their name there. */
static void from_cache(struct want *w, size_t *nw, const struct cache *c)
{
	size_t i;

	for (i = 0; i < *nw; i++) {
		struct card *k = find_card(c->v, c->n, w[i].name);

		if (k) {
			w[i].card->sec = k->sec;
			w[i].card->placed = 1;
			w[i].placed = 1;
		}
	}
	drop_placed(w, nw, 0);
}

/* The cards of HEAD's clients/ tree, sorted: `all` and the walk's `w`. */
static int head_cards(struct card **all, size_t *n, struct want **w,
		      git_repository *repo, const git_tree *clients,
		      struct acct_error *err)
{
	size_t i, count = clients ? git_tree_entrycount(clients) : 0;
	int rc;

	*all = acct_calloc(count + 1, sizeof(**all));
	*w = acct_calloc(count + 1, sizeof(**w));
	*n = 0;
	for (i = 0; i < count; i++) {
		const char *name = git_tree_entry_name(
			git_tree_entry_byindex(clients, i));
		git_oid dir;

		if ((rc = has_card(&dir, repo, clients, name, err)) < 0)
			return rc;
		if (rc)
			(*all)[(*n)++].slug = acct_strdup(name);
	}
	qsort(*all, *n, sizeof(**all), card_cmp);
	for (i = 0; i < *n; i++) {
		(*w)[i].card = &(*all)[i];
		(*w)[i].name = acct_strdup((*all)[i].slug);
	}
	qsort(*w, *n, sizeof(**w), want_cmp);
	return 0;
}

/*
 * Place every card of HEAD (`head`, whose clients/ tree is `clients`):
 * walk down the first-parent line until each is placed, or the cached
 * commit tells the rest.
 */
static int walk(struct want *w, size_t nw, git_repository *repo,
		const git_oid *head, git_tree *clients, const struct cache *c,
		struct acct_error *err)
{
	git_commit *child = NULL, *parent = NULL;
	git_tree *child_clients = NULL, *parent_clients = NULL;
	int rc = 0;

	/*
	 * Our own reference to each tree: libgit2 hands out the same object
	 * for the same id, so a parent's unchanged tree may be HEAD's.
	 */
	if (git_tree_dup(&child_clients, clients) < 0 ||
	    git_commit_lookup(&child, repo, head) < 0) {
		git_tree_free(child_clients);
		return acct_git_error(err, ACCT_ERROR, "cannot read HEAD");
	}
	while (nw) {
		if (c->ok && git_oid_equal(git_commit_id(child), &c->commit)) {
			from_cache(w, &nw, c);
			if (!nw)
				break;
		}
		if (git_commit_parentcount(child) == 0) {
			/* The first commit: whatever is left entered here. */
			int64_t sec = (int64_t)git_commit_author(child)->when.time;

			while (nw) {
				w[--nw].card->sec = sec;
				w[nw].card->placed = 1;
				free(w[nw].name);
			}
			break;
		}
		if (git_commit_parent(&parent, child, 0) < 0) {
			rc = acct_git_error(err, ACCT_ERROR, "cannot read a commit");
			goto out;
		}
		if ((rc = clients_tree(&parent_clients, repo, parent, err)) < 0)
			goto out;
		/* The same clients/ tree: every card is there as it was. */
		if (!parent_clients || !git_oid_equal(git_tree_id(child_clients),
						      git_tree_id(parent_clients))) {
			if ((rc = step(w, &nw, repo, child, child_clients,
				       parent_clients, err)) < 0)
				goto out;
		}
		git_commit_free(child);
		git_tree_free(child_clients);
		child = parent;
		child_clients = parent_clients;
		parent = NULL;
		parent_clients = NULL;
	}
	rc = 0;
out:
	while (nw)
		free(w[--nw].name);
	git_commit_free(parent);
	git_commit_free(child);
	git_tree_free(parent_clients);
	git_tree_free(child_clients);
	return rc;
}

/* The local date of a moment given in seconds. */
static void local_day(struct acct_date *out, int64_t sec)
{
	struct acct_time t;

	t.sec = sec;
	t.off = acct_time_local_offset(sec);
	acct_time_date(out, &t);
}

int acct_cards_entered(struct acct_date *out, struct acct_book *book,
		       const char *const *slugs, size_t n,
		       struct acct_error *err)
{
	git_repository *repo = book->repo;
	git_commit *commit = NULL;
	git_tree *clients = NULL;
	struct cache c;
	struct card *all = NULL, *known;
	struct want *w = NULL;
	size_t nall = 0, i;
	struct acct_date today;
	git_oid head;
	int rc = 0;

	acct_time_date(&today, &book->now);
	for (i = 0; i < n; i++)
		out[i] = today;
	if (!n || git_reference_name_to_id(&head, repo, "HEAD") < 0) {
		git_error_clear();	/* no commit yet: nothing is in */
		return 0;
	}
	cache_read(&c, repo);
	if (c.ok && git_oid_equal(&c.commit, &head)) {
		all = c.v;
		nall = c.n;
		c.v = NULL;
		c.n = 0;
		goto answer;
	}
	if (git_commit_lookup(&commit, repo, &head) < 0) {
		rc = acct_git_error(err, ACCT_ERROR, "cannot read HEAD");
		goto out;
	}
	if ((rc = clients_tree(&clients, repo, commit, err)) < 0 ||
	    (rc = head_cards(&all, &nall, &w, repo, clients, err)) < 0 ||
	    (nall && (rc = walk(w, nall, repo, &head, clients, &c, err)) < 0))
		goto out;
	cache_write(repo, &head, all, nall);
answer:
	for (i = 0; i < n; i++)
		if ((known = find_card(all, nall, slugs[i])) && known->placed)
			local_day(&out[i], known->sec);
	rc = 0;
out:
	if (rc < 0)
		for (i = 0; i < n; i++)
			out[i] = today;
	cards_free(all, nall);
	cards_free(c.v, c.n);
	free(w);
	git_tree_free(clients);
	git_commit_free(commit);
	return rc;
}
