/*
 * What the text of a record tells a sync: its kind by its path, whether
 * two versions are one record, and a line-wise merge of two edits. Pure
 * functions of the text, used by lib/sync_records.c.
 */
#include "sync_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/nps.h"
#include "acct/banned.h"

/* clients/<slug>/log/...md or clients/<slug>/nps/...yaml */
enum rec acct_sync_record_kind(const char *path)
{
	const char *p;
	size_t len = strlen(path);

	if (strncmp(path, "clients/", 8) || !(p = strchr(path + 8, '/')))
		return REC_NONE;
	if (!strncmp(p, "/log/", 5) && len > 3 && !strcmp(path + len - 3, ".md"))
		return REC_LOG;
	if (!strncmp(p, "/nps/", 5) && len > 5 &&
	    !strcmp(path + len - 5, ".yaml"))
		return REC_NPS;
	return REC_NONE;
}

/* --- is it the same record? ------------------------------------------------- */

/* `s` with every task box's mark taken out: "- [x]" reads as "- [ ]". */
void acct_sync_unticked(struct acct_buf *out, const struct acct_buf *s)
{
	size_t i = 0;

	acct_buf_reset(out);
	acct_buf_add(out, s->buf, s->len);
	while (i < out->len) {
		char *line = out->buf + i, *nl = memchr(line, '\n', out->len - i);
		size_t len = nl ? (size_t)(nl - line) : out->len - i, k = 0;

		while (k < len && (line[k] == ' ' || line[k] == '\t'))
			k++;
		if (k + 5 <= len && strchr("-*+", line[k]) && line[k + 1] == ' ' &&
		    line[k + 2] == '[' && strchr("xX ", line[k + 3]) &&
		    line[k + 4] == ']')
			line[k + 3] = ' ';
		i += len + 1;
	}
}

/* The first "<!-- id:HEX -->" that `s` from `at` has, or NULL. */
static const char *next_id(const struct acct_buf *s, const char *at,
			   size_t *len)
{
	const char *p = at;

	while ((p = strstr(p, "<!-- id:"))) {
		size_t n = 0;

		p += 8;
		while (p[n] && strchr("0123456789abcdefABCDEF", p[n]))
			n++;
		if (n >= 4 && !strncmp(p + n, " -->", 4)) {
			*len = n;
			return p;
		}
	}
	(void)s;
	return NULL;
}

/* An action item id that both texts hold: ids are unique in a book. */
static int share_an_id(const struct acct_buf *a, const struct acct_buf *b)
{
	const char *p, *q;
	size_t n, m;

	for (p = next_id(a, a->buf, &n); p; p = next_id(a, p + n, &n))
		for (q = next_id(b, b->buf, &m); q; q = next_id(b, q + m, &m))
			if (n == m && !strncasecmp(p, q, n))
				return 1;
	return 0;
}

/* The answer's identity, or an empty key when it does not parse. */
void acct_sync_answer_key(struct acct_buf *key, const char *path,
			  const struct acct_buf *text)
{
	struct acct_nps_answer *a = NULL;
	struct acct_error ignore = ACCT_ERROR_INIT;
	const char *slug = path + 8, *end = strchr(slug, '/');
	char *s = acct_strndup(slug, (size_t)(end - slug));

	acct_buf_reset(key);
	if (acct_nps_parse(&a, s, path, text->buf, text->len, &ignore) == 0)
		acct_nps_identity(key, a);
	acct_nps_free(a);
	acct_error_clear(&ignore);
	free(s);
}

/*
 * `a` and `b` are one record, whatever was edited in it: one NPS answer
 * (its identity), or one entry (the same text but for ticks, or an item
 * id both hold).
 */
int acct_sync_same_record(enum rec kind, const char *path,
			  const struct acct_buf *a, const struct acct_buf *b)
{
	struct acct_buf x = ACCT_BUF_INIT, y = ACCT_BUF_INIT;
	int same;

	if (a->len == b->len && !memcmp(a->buf, b->buf, a->len))
		return 1;
	if (kind == REC_NPS) {
		acct_sync_answer_key(&x, path, a);
		acct_sync_answer_key(&y, path, b);
		same = x.len && x.len == y.len && !memcmp(x.buf, y.buf, x.len);
	} else {
		acct_sync_unticked(&x, a);
		acct_sync_unticked(&y, b);
		same = (x.len == y.len && !memcmp(x.buf, y.buf, x.len)) ||
		       share_an_id(a, b);
	}
	acct_buf_release(&x);
	acct_buf_release(&y);
	return same;
}

/* --- merging one record's two edits ---------------------------------------- */

struct lines {
	const char **at;
	size_t *len, n;
};

static void split(struct lines *l, const struct acct_buf *s)
{
	size_t i = 0;

	memset(l, 0, sizeof(*l));
	while (i < s->len) {
		const char *nl = memchr(s->buf + i, '\n', s->len - i);
		size_t len = nl ? (size_t)(nl - s->buf - i) + 1 : s->len - i;

		l->at = acct_realloc(l->at, (l->n + 1) * sizeof(*l->at));
		l->len = acct_realloc(l->len, (l->n + 1) * sizeof(*l->len));
		l->at[l->n] = s->buf + i;
		l->len[l->n++] = len;
		i += len;
	}
}

static int line_eq(const struct lines *a, size_t i, const struct lines *b)
{
	return a->len[i] == b->len[i] && !memcmp(a->at[i], b->at[i], a->len[i]);
}

/*
 * Both sides changed lines of one record that still pair up one to one
 * (a tick each on neighbouring items, which a diff's hunks join): each
 * line takes the side that changed it. -1 when one line changed both
 * ways or the lines do not pair.
 */
int acct_sync_merge_lines(struct acct_buf *out, const struct acct_buf *anc,
			  const struct acct_buf *o, const struct acct_buf *t)
{
	struct lines a, x, y;
	size_t i;
	int rc = 0;

	split(&a, anc);
	split(&x, o);
	split(&y, t);
	if (a.n != x.n || a.n != y.n)
		rc = -1;
	for (i = 0; !rc && i < a.n; i++) {
		const struct lines *take = line_eq(&x, i, &y) || line_eq(&a, i, &y) ?
					   &x : line_eq(&a, i, &x) ? &y : NULL;

		if (!take)
			rc = -1;
		else
			acct_buf_add(out, take->at[i], take->len[i]);
	}
	free(a.at), free(a.len), free(x.at), free(x.len), free(y.at), free(y.len);
	return rc;
}

