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

int acct_past_score(int *score, struct acct_past *p, const char *slug,
		    const struct acct_client_facts *now)
{
	struct acct_error err = ACCT_ERROR_INIT;
	int found, has, s = 0;
	size_t i = find(p, slug, &found);

	if (found) {
		*score = p->v[i].score;
		return p->v[i].has;
	}
	if (!p->at_tried) {
		p->at_tried = 1;
		if (acct_book_at_commit(&p->at, p->book, p->commit, &err) < 0)
			p->at = NULL;
	}
	/* Most records then are as they are now: not read twice. */
	if (p->at && now && p->now)
		acct_facts_client_ids(p->now, now, p->book);
	has = p->at && acct_health_past(&s, p->at, slug, &p->day, now);
	put(p, slug, has, has ? s : 0);
	p->dirty = 1;
	*score = s;
	return has;
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
