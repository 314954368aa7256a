/*
 * Action items' own ids. An item made by acct carries its id in its
 * entry, as an HTML comment at the end of its text:
 *
 *	- [ ] Send the media plan @anna due:2026-11-25 <!-- id:8b50759 -->
 *
 * so that the id moves with the item when the entry's path changes (a
 * client's slug renamed, a file renamed "-2" by sync). A comment rather
 * than a visible mark: Markdown viewers (a git server's, cmark's) show
 * nothing of it, a hand edit of the item's words leaves it alone, and
 * its "id:" says what it is to whoever reads the file. The id is the
 * start of a SHA-1 of the moment, the author, the entry and the item's
 * text, checked against every id in the book.
 */
#include "acct/entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/file.h"
#include "entry_int.h"
#include "acct/banned.h"

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

static int hex_digit(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

size_t acct_action_id_comment(const char *s, size_t len, size_t *hex,
			      size_t *hexlen)
{
	size_t i = 4, n;

	if (len < 4 || memcmp(s, "<!--", 4))
		return 0;
	while (i < len && blank(s[i]))
		i++;
	if (len - i < 3 || memcmp(s + i, "id:", 3))
		return 0;
	i += 3;
	for (n = 0; i + n < len && hex_digit(s[i + n]); n++)
		;
	if (n < ACCT_ACTION_ID_LEN || n > 40)
		return 0;
	*hex = i;
	*hexlen = n;
	i += n;
	while (i < len && blank(s[i]))
		i++;
	if (len - i < 3 || memcmp(s + i, "-->", 3))
		return 0;
	return i + 3;
}

void acct_action_ids_release(struct acct_action_ids *ids)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		free(ids->v[i].path);
	free(ids->v);
	free(ids->held);
	ids->v = NULL;
	ids->n = ids->alloc = 0;
	ids->held = NULL;
	ids->nheld = ids->aheld = 0;
}

void action_ids_push(struct acct_action_ids *ids, const char *id,
		     const char *path)
{
	struct acct_action_id_use *u;

	if (ids->n == ids->alloc) {
		ids->alloc = ids->alloc ? 2 * ids->alloc : 64;
		ids->v = acct_realloc(ids->v, ids->alloc * sizeof(*ids->v));
	}
	u = &ids->v[ids->n++];
	memcpy(u->id, id, ACCT_ACTION_ID_LEN);
	u->id[ACCT_ACTION_ID_LEN] = '\0';
	u->path = acct_strdup(path);
}

void action_ids_hold(struct acct_action_ids *ids, const uint32_t *v, size_t n)
{
	if (!n)
		return;		/* v may be NULL, and memcpy's may not */
	if (ids->nheld + n > ids->aheld) {
		ids->aheld = 2 * (ids->nheld + n) + 64;
		ids->held = acct_realloc(ids->held, ids->aheld *
					 sizeof(*ids->held));
	}
	memcpy(ids->held + ids->nheld, v, n * sizeof(*v));
	ids->nheld += n;
}

uint32_t action_id_number(const char *id)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < ACCT_ACTION_ID_LEN; i++) {
		char c = id[i];

		v = v << 4 | (uint32_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

static int use_cmp(const void *a, const void *b)
{
	const struct acct_action_id_use *x = a, *y = b;

	return strcmp(x->id, y->id);
}

void action_ids_sort(struct acct_action_ids *ids)
{
	if (ids->n)
		qsort(ids->v, ids->n, sizeof(*ids->v), use_cmp);
}

/* The first index whose id is not below `id`'s first digits. */
static size_t lower_bound(const struct acct_action_ids *ids, const char *id)
{
	size_t lo = 0, hi = ids->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strncmp(ids->v[mid].id, id, ACCT_ACTION_ID_LEN) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void acct_action_ids_add(struct acct_action_ids *ids, const char *id,
			 const char *path)
{
	size_t at = lower_bound(ids, id);
	struct acct_action_id_use *u;

	if (ids->n == ids->alloc) {
		ids->alloc = ids->alloc ? 2 * ids->alloc : 64;
		ids->v = acct_realloc(ids->v, ids->alloc * sizeof(*ids->v));
	}
	memmove(ids->v + at + 1, ids->v + at, (ids->n - at) * sizeof(*ids->v));
	u = &ids->v[at];
	snprintf(u->id, sizeof(u->id), "%.*s", ACCT_ACTION_ID_LEN, id);
	u->path = acct_strdup(path);
	ids->n++;
}

const char *acct_action_ids_find(const struct acct_action_ids *ids,
				 const char *id)
{
	size_t at = lower_bound(ids, id);

	size_t i;
	uint32_t want;

	if (at < ids->n && !strncmp(ids->v[at].id, id, ACCT_ACTION_ID_LEN))
		return ids->v[at].path;
	if (!ids->nheld || strspn(id, "0123456789abcdefABCDEF") <
	    ACCT_ACTION_ID_LEN)
		return NULL;
	/*
	 * Not sorted: a new item looks up an id or two, and a pass over
	 * 200,000 numbers costs less than sorting them once.
	 */
	want = action_id_number(id);
	for (i = 0; i < ids->nheld; i++)
		if (ids->held[i] == want)
			return "";
	return NULL;
}

/* The ids of the comments in an entry that does not parse. */
static void comments_of(struct acct_action_ids *ids, const char *path,
			const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	size_t hex, hexlen, n;
	char id[ACCT_ACTION_ID_LEN + 1];

	while ((p = memchr(p, '<', (size_t)(end - p)))) {
		if ((n = acct_action_id_comment(p, (size_t)(end - p), &hex,
						&hexlen))) {
			size_t k;

			for (k = 0; k < ACCT_ACTION_ID_LEN; k++)
				id[k] = (char)(p[hex + k] | 0x20);
			id[k] = '\0';
			action_ids_push(ids, id, path);
			p += n;
		} else {
			p++;
		}
	}
}

void action_ids_of_text(struct acct_action_ids *ids, const char *slug,
			const char *path, const char *text, size_t len)
{
	struct acct_entry *e = NULL;
	size_t i;

	if (acct_entry_parse(&e, slug, path, text, len, NULL) == 0)
		for (i = 0; i < e->nactions; i++)
			action_ids_push(ids, e->actions[i].id, path);
	else
		comments_of(ids, path, text, len);
	acct_entry_free(e);
}

int action_ids_of_file(struct acct_action_ids *ids, struct acct_book *book,
		       const char *slug, const char *path, struct acct_buf *text)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	int rc;

	acct_book_path(&abs, book, path);
	acct_buf_reset(text);
	rc = acct_file_read(text, abs.buf, path, book->config.input_bytes, 0,
			    NULL);
	if (rc == 0)
		action_ids_of_text(ids, slug, path, text->buf, text->len);
	acct_buf_release(&abs);
	return rc < 0 ? -1 : 0;
}

/* Every entry of every client, read: what the cache proves it holds. */
static int ids_read_all(struct acct_action_ids *ids, struct acct_book *book,
			struct acct_error *err)
{
	struct acct_entry_list list = ACCT_ENTRY_LIST_INIT;
	struct acct_buf text = ACCT_BUF_INIT;
	size_t i;
	int rc;

	if ((rc = acct_entry_list(&list, book, NULL, NULL, NULL, err)) == 0)
		for (i = 0; i < list.n; i++)
			action_ids_of_file(ids, book, list.refs[i].slug,
					   list.refs[i].path, &text);
	acct_entry_list_release(&list);
	acct_buf_release(&text);
	return rc;
}

int acct_action_ids_load(struct acct_action_ids *ids, struct acct_book *book,
			 const struct acct_index *ix, struct acct_error *err)
{
	int rc;

	if (book->no_cache || book->past)
		rc = ids_read_all(ids, book, err);
	else
		rc = action_ids_cached(ids, book, ix, err);
	action_ids_sort(ids);
	return rc;
}

void acct_action_id_new(char *out, const char *seed, size_t len,
			const struct acct_action_ids *ids)
{
	struct acct_buf key = ACCT_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	unsigned long n;
	git_oid oid;

	for (n = 0;; n++) {
		acct_buf_reset(&key);
		acct_buf_add(&key, seed, len);
		if (n)
			acct_buf_addf(&key, "\n%lu", n);
		git_odb_hash(&oid, key.buf, key.len, GIT_OBJECT_BLOB);
		git_oid_tostr(hex, sizeof(hex), &oid);
		if (!acct_action_ids_find(ids, hex))
			break;
	}
	memcpy(out, hex, ACCT_ACTION_ID_LEN);
	out[ACCT_ACTION_ID_LEN] = '\0';
	acct_buf_release(&key);
}

static int same_date(const struct acct_action *a, const struct acct_action *b)
{
	return a->has_due == b->has_due &&
	       (!a->has_due || !acct_date_cmp(&a->due, &b->due));
}

/*
 * `text` read as an entry has `e`'s items, each as it was but for its
 * id: `want[i]` (the new ids so far; the old one where NULL).
 */
static int reads_as(const struct acct_entry *e, const char *text, size_t len,
		    char (*want)[ACCT_ACTION_ID_LEN + 1])
{
	struct acct_entry *again = NULL;
	size_t i;
	int ok;

	ok = acct_entry_parse(&again, e->slug, e->path, text, len, NULL) == 0 &&
	     again->nactions == e->nactions &&
	     again->ndecisions == e->ndecisions &&
	     !strcmp(again->summary, e->summary);
	for (i = 0; ok && i < e->ndecisions; i++)
		ok = !strcmp(again->decisions[i], e->decisions[i]);
	for (i = 0; ok && i < e->nactions; i++) {
		const struct acct_action *a = &e->actions[i];
		const struct acct_action *b = &again->actions[i];

		ok = !strcmp(a->text, b->text) && a->done == b->done &&
		     !a->owner == !b->owner &&
		     (!a->owner || !strcmp(a->owner, b->owner)) &&
		     same_date(a, b) &&
		     (want[i][0] ? b->own_id && !strcmp(b->id, want[i])
				 : !strcmp(b->id, a->id));
	}
	acct_entry_free(again);
	return ok;
}

size_t acct_action_ids_store(struct acct_buf *out, const struct acct_entry *e,
			     const char *seed, struct acct_action_ids *ids)
{
	struct acct_buf text = ACCT_BUF_INIT, trial = ACCT_BUF_INIT,
			key = ACCT_BUF_INIT;
	char (*want)[ACCT_ACTION_ID_LEN + 1];
	size_t i, made = 0;

	want = acct_calloc(e->nactions + 1, sizeof(*want));
	acct_buf_add(&text, e->text.buf, e->text.len);
	/* The items' own ids stay, unless another entry holds them. */
	for (i = 0; i < e->nactions; i++) {
		const struct acct_action *a = &e->actions[i];

		if (a->own_id && !acct_action_ids_find(ids, a->id))
			acct_action_ids_add(ids, a->id, e->path);
	}
	/* From the last item up, so that the offsets before stay right. */
	for (i = e->nactions; i-- > 0;) {
		const struct acct_action *a = &e->actions[i];
		const char *held = a->own_id ? acct_action_ids_find(ids, a->id)
					     : NULL;

		if (held && !strcmp(held, e->path))
			continue;
		acct_buf_reset(&key);
		acct_buf_addf(&key, "%s\n%zu\n%s", seed, i, a->text);
		acct_action_id_new(want[i], key.buf, key.len, ids);
		acct_buf_reset(&trial);
		if (a->id_len) {
			acct_buf_add(&trial, text.buf, a->id_at);
			acct_buf_addstr(&trial, want[i]);
			acct_buf_add(&trial, text.buf + a->id_at + a->id_len,
				     text.len - a->id_at - a->id_len);
		} else {
			acct_buf_add(&trial, text.buf, a->tail);
			acct_buf_addf(&trial, " <!-- id:%s -->", want[i]);
			acct_buf_add(&trial, text.buf + a->tail,
				     text.len - a->tail);
		}
		if (!reads_as(e, trial.buf, trial.len, want)) {
			want[i][0] = '\0';
			continue;
		}
		acct_buf_reset(&text);
		acct_buf_add(&text, trial.buf, trial.len);
		acct_action_ids_add(ids, want[i], e->path);
		made++;
	}
	acct_buf_add(out, text.buf, text.len);
	acct_buf_release(&text);
	acct_buf_release(&trial);
	acct_buf_release(&key);
	free(want);
	return made;
}

size_t acct_action_ids_pin(struct acct_buf *out, const struct acct_entry *e)
{
	struct acct_buf text = ACCT_BUF_INIT, trial = ACCT_BUF_INIT;
	char (*want)[ACCT_ACTION_ID_LEN + 1];
	size_t i, made = 0;

	want = acct_calloc(e->nactions + 1, sizeof(*want));
	acct_buf_add(&text, e->text.buf, e->text.len);
	for (i = e->nactions; i-- > 0;) {
		const struct acct_action *a = &e->actions[i];

		if (a->own_id || a->id_len)
			continue;
		memcpy(want[i], a->id, ACCT_ACTION_ID_LEN);
		want[i][ACCT_ACTION_ID_LEN] = '\0';
		acct_buf_reset(&trial);
		acct_buf_add(&trial, text.buf, a->tail);
		acct_buf_addf(&trial, " <!-- id:%s -->", want[i]);
		acct_buf_add(&trial, text.buf + a->tail, text.len - a->tail);
		if (!reads_as(e, trial.buf, trial.len, want)) {
			want[i][0] = '\0';
			continue;
		}
		acct_buf_reset(&text);
		acct_buf_add(&text, trial.buf, trial.len);
		made++;
	}
	acct_buf_add(out, text.buf, text.len);
	acct_buf_release(&text);
	acct_buf_release(&trial);
	free(want);
	return made;
}
