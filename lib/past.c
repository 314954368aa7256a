/*
 * The health scores of a past day, worked out from that day's commit and
 * kept in .git/acct/past (see acct/past.h). The cache is a few lines:
 *
 *	<HEAD> <day> <commit> <config>
 *	<has> <score> <slug>		one a client, sorted by slug
 *
 * HEAD and the day say which commit the day reads (walked again only down
 * to the HEAD kept); the commit, the day and a checksum of the config's
 * text say which scores hold.
 */
#include "acct/past.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/cachefile.h"
#include "acct/config.h"
#include "acct/error.h"
#include "acct/facts.h"
#include "acct/health.h"
#include "acct/banned.h"

#define CACHE_NAME "past"
#define CACHE_TAG "past 1"

struct score {
	char *slug;
	int has, score;
};

struct acct_past {
	struct acct_book *book;
	struct acct_date day;
	char head[GIT_OID_HEXSZ + 1];
	char commit[GIT_OID_HEXSZ + 1];
	uint64_t config;
	struct acct_book *at;		/* the book then, once needed */
	int at_tried;
	struct acct_facts *now;		/* the facts now: not read again */
	struct score *v;		/* sorted by slug */
	size_t n, alloc;
	int dirty;
};

/* What the scores depend on beside the records: the config's text. */
static uint64_t config_sum(struct acct_book *book)
{
	struct acct_buf path = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	uint64_t sum;

	acct_book_path(&path, book, ACCT_CONFIG_PATH);
	if (acct_buf_read_file(&text, path.buf) < 0)
		acct_buf_reset(&text);
	sum = acct_cachefile_checksum(text.buf, text.len);
	acct_buf_release(&path);
	acct_buf_release(&text);
	return sum;
}

/* The index where `slug` is or would go. */
static size_t find(const struct acct_past *p, const char *slug, int *found)
{
	size_t lo = 0, hi = p->n;

	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(p->v[mid].slug, slug);

		if (!c) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void put(struct acct_past *p, const char *slug, int has, int score)
{
	int found;
	size_t i = find(p, slug, &found);

	if (found)
		return;
	if (p->n == p->alloc) {
		p->alloc = p->alloc ? 2 * p->alloc : 64;
		p->v = acct_realloc(p->v, p->alloc * sizeof(*p->v));
	}
	memmove(&p->v[i + 1], &p->v[i], (p->n - i) * sizeof(*p->v));
	p->v[i].slug = acct_strdup(slug);
	p->v[i].has = has;
	p->v[i].score = score;
	p->n++;
}

/* What was kept: its HEAD, commit and config; its scores into `p`. */
struct kept {
	char head[GIT_OID_HEXSZ + 1], commit[GIT_OID_HEXSZ + 1];
	struct acct_date day;
	uint64_t config;
	int ok;
};

static int hex40(const char *s)
{
	return strspn(s, "0123456789abcdef") == GIT_OID_HEXSZ;
}

static void cache_read(struct kept *k, struct acct_past *p)
{
	struct acct_buf text = ACCT_BUF_INIT;
	char day[16], *line, *next;
	unsigned long long config;
	int n;

	memset(k, 0, sizeof(*k));
	if (acct_cachefile_read(&text, p->book, CACHE_NAME, CACHE_TAG,
				NULL) <= 0)
		goto out;
	line = text.buf;
	if (!(next = strchr(line, '\n')))
		goto out;
	*next++ = '\0';
	if (sscanf(line, "%40s %10s %40s %llx%n", k->head, day, k->commit,
		   &config, &n) != 4 || line[n] || !hex40(k->head) ||
	    !hex40(k->commit) || acct_date_parse(&k->day, day, NULL) < 0)
		goto out;
	k->config = config;
	for (line = next; *line; line = next) {
		int has, score;
		char *slug;

		if (!(next = strchr(line, '\n')))
			goto bad;
		*next++ = '\0';
		if (sscanf(line, "%d %d %n", &has, &score, &n) != 2 ||
		    (has != 0 && has != 1))
			goto bad;
		slug = line + n;
		if (!*slug || (p->n && strcmp(p->v[p->n - 1].slug, slug) >= 0))
			goto bad;
		put(p, slug, has, score);
	}
	k->ok = 1;
	goto out;
bad:
	while (p->n)
		free(p->v[--p->n].slug);
out:
	acct_buf_release(&text);
}

static void cache_write(struct acct_past *p)
{
	struct acct_buf text = ACCT_BUF_INIT;
	char day[ACCT_DATE_STRLEN];
	size_t i;

	acct_date_format(day, &p->day);
	acct_buf_addf(&text, "%s %s %s %016llx\n", p->head, day, p->commit,
		      (unsigned long long)p->config);
	for (i = 0; i < p->n; i++)
		acct_buf_addf(&text, "%d %d %s\n", p->v[i].has, p->v[i].score,
			      p->v[i].slug);
	acct_cachefile_write(p->book, CACHE_NAME, CACHE_TAG, text.buf,
			     text.len);
	acct_buf_release(&text);
}

static void scores_free(struct acct_past *p)
{
	while (p->n)
		free(p->v[--p->n].slug);
}

int acct_past_open(struct acct_past **out, struct acct_book *book,
		   const struct acct_date *day, struct acct_facts *now,
		   struct acct_error *err)
{
	struct acct_past *p = acct_calloc(1, sizeof(*p));
	struct kept k;
	git_oid head;
	int rc;

	*out = NULL;
	p->book = book;
	p->day = *day;
	p->now = now;
	if (git_reference_name_to_id(&head, book->repo, "HEAD") < 0) {
		git_error_clear();
		free(p);
		return acct_error_set(err, ACCT_ENOTFOUND, "the book has no "
				      "commit yet");
	}
	git_oid_tostr(p->head, sizeof(p->head), &head);
	p->config = config_sum(book);
	cache_read(&k, p);
	if (k.ok && acct_date_cmp(&k.day, day))
		k.ok = 0;	/* another day: another commit */
	if (k.ok && !strcmp(k.head, p->head)) {
		memcpy(p->commit, k.commit, sizeof(p->commit));
	} else {
		/* Walked from HEAD, no further than the HEAD kept. */
		rc = acct_book_past_commit(p->commit, book, day,
					   k.ok ? k.head : NULL, err);
		if (rc < 0) {
			scores_free(p);
			free(p->v);
			free(p);
			return rc;
		}
		if (rc == 1)
			memcpy(p->commit, k.commit, sizeof(p->commit));
		p->dirty = 1;
	}
	if (!k.ok || strcmp(k.commit, p->commit) || k.config != p->config) {
		scores_free(p);
		p->dirty = 1;
	}
	*out = p;
	return 0;
}

/* The book then, read once it is needed: NULL when it cannot be. */
static struct acct_book *book_then(struct acct_past *p)
{
	struct acct_error err = ACCT_ERROR_INIT;

	if (!p->at_tried) {
		p->at_tried = 1;
		if (acct_book_at_commit(&p->at, p->book, p->commit, &err) < 0)
			p->at = NULL;
	}
	return p->at;
}

int acct_past_score(int *score, struct acct_past *p, const char *slug,
		    const struct acct_client_facts *now)
{
	int found, has, s = 0;
	size_t i = find(p, slug, &found);

	if (found) {
		*score = p->v[i].score;
		return p->v[i].has;
	}
	book_then(p);
	/* Most records then are as they are now: not read twice. */
	if (p->at && now && p->now)
		acct_facts_client_ids(p->now, now, p->book);
	has = p->at && acct_health_past(&s, p->at, slug, &p->day, now);
	put(p, slug, has, has ? s : 0);
	p->dirty = 1;
	*score = s;
	return has;
}

int acct_past_known(struct acct_past *p, const char *slug)
{
	int found;

	find(p, slug, &found);
	return found;
}

/* Every `step`th score of a prefetch from `from`, in a book of its own. */
struct fetch_job {
	struct acct_book *at;
	const struct acct_past *p;
	const char *const *slugs;
	const struct acct_client_facts *const *now;
	int *has, *score;
	size_t n, from, step;
};

static void *fetch_some(void *payload)
{
	struct fetch_job *job = payload;
	size_t i;

	for (i = job->from; i < job->n; i += job->step)
		job->has[i] = acct_health_past(&job->score[i], job->at,
					       job->slugs[i], &job->p->day,
					       job->p->now ? job->now[i] : NULL);
	return NULL;
}

/*
 * The book then through a repository of its own (libgit2's objects are
 * one thread's at a time, and what a repository maps of the pack goes
 * with it): 0, or -1 when it cannot be opened.
 */
static int own_book(struct acct_book **at, git_repository **repo,
		    struct acct_past *p)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_book copy = *p->book;

	*at = NULL;
	if (git_repository_open_ext(repo, git_repository_path(p->book->repo),
				    GIT_REPOSITORY_OPEN_NO_SEARCH |
				    GIT_REPOSITORY_OPEN_BARE, NULL) < 0) {
		git_error_clear();
		*repo = NULL;
		return -1;
	}
	copy.repo = *repo;
	if (acct_book_at_commit(at, &copy, p->commit, &err) < 0) {
		git_repository_free(*repo);
		*repo = NULL;
		return -1;
	}
	return 0;
}

/* Fewer scores than this to work out are not worth a second thread. */
#define PREFETCH_MIN 2

/*
 * The scores worked out between two openings of the pack. Each object
 * read maps the pages around its entry in the pack's index (21 MB on the
 * bench book, its entries in no useful order) and fills libgit2's delta
 * base cache (up to 16 MB); both stay until the last repository that
 * has the pack open lets it go. A few hundred scores touch all of the
 * index and fill the cache; a few clients a batch touch a fraction of
 * it, and opening the pack again costs little beside reading the trees
 * (on the bench book, as much CPU time for batches of 5 clients as for
 * one batch of 423).
 */
#define PREFETCH_BATCH 8

/*
 * The scores of slugs[0..n) into has[] and score[], in two threads: 0,
 * or -1 when the book then cannot be opened again (acct_past_score()
 * works them out then, through the book's own repository).
 */
static int fetch_batch(struct acct_past *p, const char *const *slugs,
		       const struct acct_client_facts *const *now,
		       int *has, int *score, size_t n)
{
	struct fetch_job jobs[2];
	struct acct_book *at[2] = { NULL, NULL };
	git_repository *repo[2] = { NULL, NULL };
	pthread_t thread;
	int threaded;
	size_t i;

	if (own_book(&at[0], &repo[0], p) < 0)
		return -1;
	jobs[0] = (struct fetch_job){ at[0], p, slugs, now, has, score, n, 0,
				      1 };
	threaded = n >= PREFETCH_MIN && own_book(&at[1], &repo[1], p) == 0;
	if (threaded) {
		jobs[0].step = 2;
		jobs[1] = jobs[0];
		jobs[1].at = at[1];
		jobs[1].from = 1;
		threaded = pthread_create(&thread, NULL, fetch_some,
					  &jobs[1]) == 0;
		if (!threaded)
			jobs[0].step = 1;
	}
	fetch_some(&jobs[0]);
	if (threaded)
		pthread_join(thread, NULL);
	for (i = 0; i < 2; i++) {
		acct_book_free(at[i]);
		git_repository_free(repo[i]);
	}
	return 0;
}

void acct_past_prefetch(struct acct_past *p, const char *const *slugs,
			const struct acct_client_facts *const *now, size_t n)
{
	int *has, *score;
	unsigned char *got;
	size_t i, k;

	if (n < PREFETCH_MIN)
		return;
	/* Details of the facts now are read here, not in two threads. */
	for (i = 0; p->now && i < n; i++)
		if (now[i])
			acct_facts_client_ids(p->now, now[i], p->book);
	has = acct_calloc(n + 1, sizeof(*has));
	score = acct_calloc(n + 1, sizeof(*score));
	got = acct_calloc(n + 1, 1);
	for (i = 0; i < n; i += k) {
		k = n - i < PREFETCH_BATCH ? n - i : PREFETCH_BATCH;
		if (fetch_batch(p, slugs + i, now + i, has + i, score + i,
				k) == 0)
			memset(got + i, 1, k);
	}
	for (i = 0; i < n; i++)
		if (got[i])
			put(p, slugs[i], has[i], has[i] ? score[i] : 0);
	p->dirty = 1;
	free(has);
	free(score);
	free(got);
}

void acct_past_prepare(struct acct_book *book, const struct acct_date *day)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_past *p = NULL;

	/* Without the cache nothing is kept: the walk would be made twice. */
	if (book->no_cache)
		return;
	if (acct_past_open(&p, book, day, NULL, &err) == 0)
		acct_past_close(p);
}

void acct_past_close(struct acct_past *p)
{
	if (!p)
		return;
	if (p->dirty && !p->book->no_cache)
		cache_write(p);
	acct_book_free(p->at);
	scores_free(p);
	free(p->v);
	free(p);
}
