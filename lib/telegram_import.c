/*
 * acct import telegram: the client's chats of a Telegram Desktop export
 * as chat entries, one per local day of conversation. The messages are
 * read one at a time (lib/telegram.c) and only the client's are kept.
 * Each entry keeps the ids of its messages in its front matter,
 *
 *	telegram: [{chat: 4242, ids: [101, 102, 105]}]
 *
 * so that a later export adds only what is new: to the day's entry when
 * there is one (its front matter edited in place, the new messages after
 * the others), else as a new entry. All of it is one commit.
 */
#include "acct/telegram.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/client.h"
#include "acct/date.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/txn.h"
#include "acct/yaml.h"
#include "acct/yedit.h"
#include "acct/banned.h"

#define SUMMARY_CHARS 60	/* of the first message, in a summary */
#define HINT_CHATS 8		/* chat names a hint lists */

struct chat {
	char *name, *type;
	long long id;
	struct acct_tg_message **msgs;
	size_t n, alloc;
};

struct state {
	const struct acct_tg_import_opts *o;
	const struct acct_client *card;
	struct chat *chats;
	size_t nchats, alloc;
	struct acct_buf others;	/* names of chats not taken, for a hint */
	size_t nothers;
	size_t service;
	long long self_id;
};

/* A message with its chat, for sorting the day's messages. */
struct ref {
	struct chat *chat;
	struct acct_tg_message *m;
};

static int same_fold(const char *a, const char *b)
{
	struct acct_buf fa = ACCT_BUF_INIT, fb = ACCT_BUF_INIT;
	int same;

	if (!a || !b || !*a || !*b)
		return 0;
	acct_text_fold(&fa, a, strlen(a));
	acct_text_fold(&fb, b, strlen(b));
	same = !strcmp(fa.buf, fb.buf);
	acct_buf_release(&fa);
	acct_buf_release(&fb);
	return same;
}

/* A handle as the card writes it, "@ivanov" or "ivanov", is `name`. */
static int same_handle(const char *handle, const char *name)
{
	if (!handle || !name)
		return 0;
	if (*handle == '@')
		handle++;
	if (*name == '@')
		name++;
	return same_fold(handle, name);
}

/* `name` is the card's name, a contact's name or a telegram handle. */
static int on_card(const struct acct_client *c, const char *name)
{
	size_t i;

	if (same_fold(c->name, name) || same_handle(c->telegram, name))
		return 1;
	for (i = 0; i < c->ncontacts; i++)
		if (same_fold(c->contacts[i].name, name) ||
		    same_handle(c->contacts[i].telegram, name))
			return 1;
	return 0;
}

static int take_chat(const struct acct_tg_chat *chat, void *payload)
{
	struct state *s = payload;
	struct chat *c;
	char id[32];
	int take;

	snprintf(id, sizeof(id), "%lld", chat->id);
	if (s->o->chat)
		take = same_fold(chat->name, s->o->chat) ||
		       (chat->id && !strcmp(id, s->o->chat));
	else
		take = !chat->listed || on_card(s->card, chat->name);
	if (!take) {
		/* Named for a hint: its controls escaped for the terminal. */
		if (s->nothers++ < HINT_CHATS && *chat->name) {
			acct_buf_addstr(&s->others, s->others.len ? ", '" : "'");
			acct_text_escape_terminal(&s->others, chat->name,
						  strlen(chat->name));
			acct_buf_addch(&s->others, '\'');
		}
		return 0;
	}
	if (s->nchats == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 4;
		s->chats = acct_realloc(s->chats, s->alloc * sizeof(*s->chats));
	}
	c = &s->chats[s->nchats++];
	memset(c, 0, sizeof(*c));
	c->name = acct_strdup(chat->name);
	c->type = acct_strdup(chat->type);
	c->id = chat->id;
	return 1;
}

static int keep_message(const struct acct_tg_chat *chat,
			struct acct_tg_message *m, void *payload)
{
	struct state *s = payload;
	struct chat *c = &s->chats[s->nchats - 1];

	(void)chat;
	if (m->service) {
		s->service++;	/* pins, calls, joins: no conversation */
		return 0;
	}
	if (c->n == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 64;
		c->msgs = acct_realloc(c->msgs, c->alloc * sizeof(*c->msgs));
	}
	c->msgs[c->n++] = m;
	return 1;
}

static void state_release(struct state *s)
{
	size_t i, j;

	for (i = 0; i < s->nchats; i++) {
		for (j = 0; j < s->chats[i].n; j++)
			acct_tg_message_free(s->chats[i].msgs[j]);
		free(s->chats[i].msgs);
		free(s->chats[i].name);
		free(s->chats[i].type);
	}
	free(s->chats);
	acct_buf_release(&s->others);
}

/*
 * The client wrote `m`: in a personal chat, the other person (the chat's
 * id is theirs); in any chat, an author named on the card. The one who
 * exported (personal_information) never is.
 */
static int by_client(const struct state *s, const struct chat *c,
		     const struct acct_tg_message *m)
{
	char id[40];

	if (m->from_id && s->self_id) {
		snprintf(id, sizeof(id), "user%lld", s->self_id);
		if (!strcmp(m->from_id, id))
			return 0;
	}
	if (!strcmp(c->type, "personal_chat") && c->id && m->from_id) {
		snprintf(id, sizeof(id), "user%lld", c->id);
		return !strcmp(m->from_id, id);
	}
	return m->from && on_card(s->card, m->from);
}

static int ref_cmp(const void *pa, const void *pb)
{
	const struct ref *a = pa, *b = pb;

	if (a->m->when != b->m->when)
		return a->m->when < b->m->when ? -1 : 1;
	if (a->chat->id != b->chat->id)
		return a->chat->id < b->chat->id ? -1 : 1;
	return a->m->id < b->m->id ? -1 : a->m->id > b->m->id;
}

static void local_day(struct acct_date *out, int64_t sec)
{
	struct acct_time t = { sec, acct_time_local_offset(sec) };

	acct_time_date(out, &t);
}

/* The ids an entry holds: (chat, id) pairs. */
struct ids {
	long long (*v)[2];
	size_t n, alloc;
};

static void ids_add(struct ids *ids, long long chat, long long id)
{
	if (ids->n == ids->alloc) {
		ids->alloc = ids->alloc ? 2 * ids->alloc : 64;
		ids->v = acct_realloc(ids->v, ids->alloc * sizeof(*ids->v));
	}
	ids->v[ids->n][0] = chat;
	ids->v[ids->n][1] = id;
	ids->n++;
}

static int pair_cmp(const void *pa, const void *pb)
{
	const long long *a = pa, *b = pb;

	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return a[1] < b[1] ? -1 : a[1] > b[1];
}

/* Whether sorted `ids` hold the pair. */
static int ids_have(const struct ids *ids, long long chat, long long id)
{
	long long key[2] = { chat, id };

	return ids->n && bsearch(key, ids->v, ids->n, sizeof(*ids->v), pair_cmp);
}

/* A sorted copy of `from` appended to `to`. */
static void ids_sorted(struct ids *to, const struct ids *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		ids_add(to, from->v[i][0], from->v[i][1]);
	if (to->n)
		qsort(to->v, to->n, sizeof(*to->v), pair_cmp);
}

/* The pairs as the front matter's flow YAML, chats in order of first use. */
static void ids_yaml(struct acct_buf *out, const struct ids *ids)
{
	size_t i, j;
	int first_chat = 1;

	acct_buf_addch(out, '[');
	for (i = 0; i < ids->n; i++) {
		int seen = 0, first = 1;

		for (j = 0; j < i && !seen; j++)
			seen = ids->v[j][0] == ids->v[i][0];
		if (seen)
			continue;
		acct_buf_addf(out, "%s{chat: %lld, ids: [", first_chat ? "" :
			      ", ", ids->v[i][0]);
		first_chat = 0;
		for (j = i; j < ids->n; j++)
			if (ids->v[j][0] == ids->v[i][0]) {
				acct_buf_addf(out, "%s%lld", first ? "" : ", ",
					      ids->v[j][1]);
				first = 0;
			}
		acct_buf_addstr(out, "]}");
	}
	acct_buf_addch(out, ']');
}

/* Where an entry's front matter lies: [*start, *end) of its text. */
static int front_matter_span(size_t *start, size_t *end, const char *t,
			     size_t len)
{
	size_t i = 0, next;

	if (len < 4 || strncmp(t, "---", 3))
		return -1;
	acct_text_line_end(t, len, 0, &i);
	*start = i;
	while (i < len) {
		size_t e = acct_text_line_end(t, len, i, &next);

		if (e - i == 3 && !strncmp(t + i, "---", 3)) {
			*end = i;
			return 0;
		}
		i = next;
	}
	return -1;
}

static int bad_ids(const char *path, size_t line0, const struct acct_ynode *n,
		   struct acct_error *err)
{
	acct_error_at(err, ACCT_EDATA, path, n->line + line0, n->col,
		      "telegram: must be a list of {chat: <id>, ids: [<id>, "
		      "...]}");
	acct_error_hint(err, "it is what 'acct import telegram' wrote; put "
			"it back as it was (git diff shows it)");
	return ACCT_EDATA;
}

static int whole(long long *out, const struct acct_ynode *n)
{
	char *end;

	n = n ? acct_ynode_deref(n) : NULL;
	if (!n || n->type != ACCT_YSCALAR || !n->len)
		return -1;
	*out = strtoll(n->value, &end, 10);
	return *end ? -1 : 0;
}

/*
 * The message ids entry `e` holds (none when it has no telegram key):
 * 1 when it has the key, 0 when not, or ACCT_EDATA.
 */
static int entry_ids(struct ids *ids, const struct acct_entry *e,
		     struct acct_error *err)
{
	struct acct_ydoc doc = { 0 };
	const struct acct_ynode *t, *item, *list;
	size_t start, end, i, j, line0 = 1;
	long long chat, id;
	int rc = 0;

	if (front_matter_span(&start, &end, e->text.buf, e->text.len) < 0)
		return 0;
	if (acct_ydoc_parse(&doc, e->path, e->text.buf + start, end - start,
			    err) < 0)
		return ACCT_EDATA;
	if (!doc.root || doc.root->type != ACCT_YMAP ||
	    !(t = acct_ynode_get(doc.root, "telegram", NULL)))
		goto out;
	t = acct_ynode_deref(t);
	if (t->type != ACCT_YSEQ) {
		rc = bad_ids(e->path, line0, t, err);
		goto out;
	}
	for (i = 0; i < t->n; i++) {
		item = acct_ynode_deref(t->items[i]);
		if (item->type != ACCT_YMAP ||
		    whole(&chat, acct_ynode_get(item, "chat", NULL)) < 0 ||
		    !(list = acct_ynode_get(item, "ids", NULL)) ||
		    (list = acct_ynode_deref(list))->type != ACCT_YSEQ) {
			rc = bad_ids(e->path, line0, item, err);
			goto out;
		}
		for (j = 0; j < list->n; j++) {
			if (whole(&id, list->items[j]) < 0) {
				rc = bad_ids(e->path, line0, list->items[j], err);
				goto out;
			}
			ids_add(ids, chat, id);
		}
	}
	rc = 1;
out:
	acct_ydoc_release(&doc);
	return rc;
}

static void hhmm(struct acct_buf *out, int64_t sec)
{
	int64_t local = sec + (int64_t)acct_time_local_offset(sec) * 60;
	int64_t day = local % 86400;

	if (day < 0)
		day += 86400;
	acct_buf_addf(out, "%02d:%02d", (int)(day / 3600), (int)(day / 60 % 60));
}

/*
 * Message `id` of chat `c`, when the export has it: a chat's messages
 * come in the order of their ids (one found out of order is not found).
 */
static const struct acct_tg_message *find(const struct chat *c, long long id)
{
	size_t lo = 0, hi = c->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->msgs[mid]->id == id)
			return c->msgs[mid];
		if (c->msgs[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * One message as an item of the entry's list:
 * "- 10:15 **Иван Иванов** (forwarded from X, edited): text", the text's
 * other lines indented into the item.
 */
static void render(struct acct_buf *out, const struct ref *r)
{
	const struct acct_tg_message *m = r->m, *re;
	const char *from = m->from && *m->from ? m->from : "(deleted account)";
	const char *p, *t = m->text;
	int open = 0;

	acct_buf_addstr(out, "- ");
	hhmm(out, m->when);
	acct_buf_addstr(out, " **");
	acct_tg_md_escape(out, from, strlen(from), 0);
	acct_buf_addstr(out, "**");
	if (strcmp(r->chat->type, "personal_chat") && *r->chat->name) {
		acct_buf_addstr(out, " in *");
		acct_tg_md_escape(out, r->chat->name, strlen(r->chat->name), 0);
		acct_buf_addch(out, '*');
	}
	if (m->forwarded_from) {
		acct_buf_addstr(out, " (forwarded from ");
		acct_tg_md_escape(out, m->forwarded_from,
				  strlen(m->forwarded_from), 0);
		open = 1;
	}
	if (m->reply_to && (re = find(r->chat, m->reply_to))) {
		acct_buf_addstr(out, open ? ", " : " (");
		acct_buf_addstr(out, "reply to ");
		hhmm(out, re->when);
		open = 1;
	}
	if (m->edited) {
		acct_buf_addstr(out, open ? ", " : " (");
		acct_buf_addstr(out, "edited");
		open = 1;
	}
	if (open)
		acct_buf_addch(out, ')');
	acct_buf_addch(out, ':');
	/* A block (a code block, a quote) starts on a line of its own. */
	if (!strncmp(t, "```", 3) || !strncmp(t, "> ", 2))
		acct_buf_addstr(out, "\n  ");
	else if (*t)
		acct_buf_addch(out, ' ');
	for (p = t; *p; p++) {
		acct_buf_addch(out, *p);
		if (*p == '\n' && p[1] && p[1] != '\n')
			acct_buf_addstr(out, "  ");
	}
	if (!out->len || out->buf[out->len - 1] != '\n')
		acct_buf_addch(out, '\n');
}

/* "Telegram: " and the day's first words. */
static void summary_of(struct acct_buf *out, const struct ref *r, size_t n)
{
	const char *s = NULL;
	size_t i, len, chars = 0;
	int clipped;

	for (i = 0; i < n && !s; i++)
		if (*r[i].m->plain && strcmp(r[i].m->plain, " "))
			s = r[i].m->plain;
	acct_buf_addstr(out, "Telegram: ");
	if (!s) {
		acct_buf_addf(out, "%zu message%s", n, n == 1 ? "" : "s");
		return;
	}
	while (*s == ' ')
		s++;
	for (len = 0; s[len] && chars < SUMMARY_CHARS; chars++) {
		len++;
		while ((s[len] & 0xc0) == 0x80)
			len++;
	}
	clipped = s[len] && !(s[len] == ' ' && !s[len + 1]);
	while (len && s[len - 1] == ' ')
		len--;
	acct_buf_add(out, s, len);
	if (clipped)
		acct_buf_addstr(out, "…");
}

static void add_entry(struct acct_tg_import *im, const char *path, int added,
		      size_t messages)
{
	struct acct_tg_entry *e;

	if (im->n == im->alloc) {
		im->alloc = im->alloc ? 2 * im->alloc : 8;
		im->entries = acct_realloc(im->entries, im->alloc *
					   sizeof(*im->entries));
	}
	e = &im->entries[im->n++];
	e->path = acct_strdup(path);
	e->added = added;
	e->messages = messages;
}

/* Messages r[0..n) added to the day's entry `e`, which holds `ids`. */
static int add_to(struct acct_tg_import *im, struct acct_txn *t,
		  const struct acct_entry *e, struct ids *ids,
		  const struct ref *r, size_t n, struct acct_error *err)
{
	struct acct_buf text = ACCT_BUF_INIT, fm = ACCT_BUF_INIT,
			flow = ACCT_BUF_INIT;
	struct acct_yedit_op op = { ACCT_YEDIT_SET, "telegram", NULL, 0, 1, 0,
				    NULL };
	size_t start, end, i;
	int rc;

	for (i = 0; i < n; i++)
		ids_add(ids, r[i].chat->id, r[i].m->id);
	ids_yaml(&flow, ids);
	op.value = flow.buf;
	front_matter_span(&start, &end, e->text.buf, e->text.len);
	if ((rc = acct_yedit(&fm, e->text.buf + start, end - start, e->path,
			     &op, err)) < 0)
		goto out;
	acct_buf_add(&text, e->text.buf, start);
	acct_buf_add(&text, fm.buf, fm.len);
	acct_buf_add(&text, e->text.buf + end, e->text.len - end);
	if (text.len && text.buf[text.len - 1] != '\n')
		acct_buf_addch(&text, '\n');
	for (i = 0; i < n; i++)
		render(&text, &r[i]);
	if ((rc = acct_txn_put(t, e->path, text.buf, text.len, 0, err)) < 0)
		goto out;
	add_entry(im, e->path, 0, n);
out:
	acct_buf_release(&text);
	acct_buf_release(&fm);
	acct_buf_release(&flow);
	return rc;
}

/* Messages r[0..n) as a new entry of their day. */
static int new_entry(struct acct_tg_import *im, struct acct_txn *t,
		     struct acct_book *book, const struct state *s,
		     const struct ref *r, size_t n, struct acct_error *err)
{
	struct acct_buf body = ACCT_BUF_INIT, summary = ACCT_BUF_INIT,
			extra = ACCT_BUF_INIT, path = ACCT_BUF_INIT;
	struct ids ids = { 0 };
	struct acct_time when = { r[0].m->when,
				  acct_time_local_offset(r[0].m->when) };
	struct acct_log_spec spec = { 0 };
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		render(&body, &r[i]);
		ids_add(&ids, r[i].chat->id, r[i].m->id);
	}
	acct_buf_addstr(&extra, "telegram: ");
	ids_yaml(&extra, &ids);
	acct_buf_addch(&extra, '\n');
	summary_of(&summary, r, n);
	spec.slug = s->o->slug;
	spec.summary = summary.buf;
	spec.channel = "chat";
	spec.kind = "message";
	spec.direction = by_client(s, r[0].chat, r[0].m) ? "in" : "out";
	spec.when = &when;
	spec.body = body.buf;
	spec.body_len = body.len;
	spec.body_name = s->o->file;
	spec.extra = extra.buf;
	if ((rc = acct_log_stage(&path, t, book, &spec, err)) == 0)
		add_entry(im, path.buf, 1, n);
	free(ids.v);
	acct_buf_release(&body);
	acct_buf_release(&summary);
	acct_buf_release(&extra);
	acct_buf_release(&path);
	return rc;
}

/* One day's messages r[0..n): what is new goes to the day's entry. */
static int one_day(struct acct_tg_import *im, struct acct_txn *t,
		   struct acct_book *book, const struct state *s,
		   const struct acct_date *day, struct ref *r, size_t n,
		   struct acct_error *err)
{
	struct acct_entry_list list = ACCT_ENTRY_LIST_INIT;
	struct acct_entry *e = NULL, *target = NULL;
	struct ids ids = { 0 }, target_ids = { 0 }, known = { 0 };
	size_t i, fresh = 0;
	long long prev_chat = 0, prev_id = 0;
	int rc, has;

	if ((rc = acct_entry_list(&list, book, s->o->slug, day, day, err)) < 0)
		goto out;
	/* Oldest first: the day's first chat entry takes what is new. */
	for (i = list.n; i-- > 0; ) {
		if ((rc = acct_entry_load(&e, book, s->o->slug,
					  list.refs[i].path, err)) < 0)
			goto out;
		if ((rc = has = entry_ids(target ? &ids : &target_ids, e,
					  err)) < 0)
			goto out;
		if (has && !target) {
			target = e;
			e = NULL;
		}
		acct_entry_free(e);
		e = NULL;
	}
	ids_sorted(&known, &ids);
	ids_sorted(&known, &target_ids);
	for (i = 0; i < n; i++) {
		long long chat = r[i].chat->id, id = r[i].m->id;

		/* A chat listed twice: its copies are next to each other. */
		if (i && chat == prev_chat && id == prev_id)
			continue;
		prev_chat = chat;
		prev_id = id;
		if (ids_have(&known, chat, id))
			im->known++;
		else
			r[fresh++] = r[i];
	}
	im->messages += fresh;
	if (!fresh)
		rc = 0;
	else if (target)
		rc = add_to(im, t, target, &target_ids, r, fresh, err);
	else
		rc = new_entry(im, t, book, s, r, fresh, err);
out:
	acct_entry_free(e);
	acct_entry_free(target);
	acct_entry_list_release(&list);
	free(ids.v);
	free(target_ids.v);
	free(known.v);
	return rc;
}

static int no_chat(const struct state *s, struct acct_error *err)
{
	const char *file = s->o->file;

	if (s->o->chat)
		acct_error_set(err, ACCT_EUSAGE, "no chat '%s' in %s",
			       s->o->chat, file);
	else
		acct_error_set(err, ACCT_EUSAGE, "no chat in %s is %s's: none "
			       "is named as the card or a contact, or by a "
			       "contact's telegram handle", file, s->card->name);
	if (s->others.len)
		acct_error_hint(err, "name the chat with --chat; the export has "
				"%s%s", s->others.buf, s->nothers > HINT_CHATS ?
				" ..." : "");
	return ACCT_EUSAGE;
}

/*
 * The last message, `r`, is not after tomorrow: an export records what
 * was said (one day of slack, as for acct log, for time zones ahead).
 */
static int not_ahead(struct acct_book *book, const char *file,
		     const struct ref *r, struct acct_error *err)
{
	struct acct_buf name = ACCT_BUF_INIT;
	struct acct_date day, today;
	char d[ACCT_DATE_STRLEN], t[ACCT_DATE_STRLEN];

	local_day(&day, r->m->when);
	local_day(&today, book->now.sec);
	if (acct_date_to_days(&day) <= acct_date_to_days(&today) + 1)
		return 0;
	acct_date_format(d, &day);
	acct_date_format(t, &today);
	acct_text_escape_terminal(&name, r->chat->name, strlen(r->chat->name));
	acct_error_at(err, ACCT_EDATA, file, 0, 0, "message %lld of '%s' is "
		      "dated %s, after today (%s)", r->m->id, name.buf, d, t);
	acct_error_hint(err, "check this computer's clock and time zone (TZ), "
			"or the export's date_unixtime");
	acct_buf_release(&name);
	return ACCT_EDATA;
}

int acct_tg_import(struct acct_tg_import *out, struct acct_book *book,
		   const struct acct_tg_import_opts *o, struct acct_error *err)
{
	struct state s = { .o = o, .others = ACCT_BUF_INIT };
	struct acct_tg_read_opts ro = { take_chat, keep_message, &s,
					o->max_value };
	struct acct_client *card = NULL;
	struct acct_txn *t = NULL;
	struct acct_buf msg = ACCT_BUF_INIT, what = ACCT_BUF_INIT;
	struct ref *refs = NULL;
	struct acct_date day, next;
	const char *base = strrchr(o->file, '/');
	size_t i, j, n = 0, days = 0;
	int rc;

	if ((rc = acct_client_load(&card, book, o->slug, err)) < 0)
		goto out;
	s.card = card;
	if ((rc = acct_tg_read(o->fd, o->file, &ro, &s.self_id, err)) < 0)
		goto out;
	out->service = s.service;
	if (!s.nchats) {
		rc = no_chat(&s, err);
		goto out;
	}
	out->chats = s.nchats;
	for (i = 0; i < s.nchats; i++)
		n += s.chats[i].n;
	refs = acct_calloc(n ? n : 1, sizeof(*refs));
	for (n = 0, i = 0; i < s.nchats; i++)
		for (j = 0; j < s.chats[i].n; j++) {
			refs[n].chat = &s.chats[i];
			refs[n++].m = s.chats[i].msgs[j];
		}
	qsort(refs, n, sizeof(*refs), ref_cmp);
	if (n && (rc = not_ahead(book, o->file, &refs[n - 1], err)) < 0)
		goto out;
	if ((rc = acct_txn_begin(&t, book, err)) < 0)
		goto out;
	for (i = 0; i < n; i = j) {
		local_day(&day, refs[i].m->when);
		for (j = i + 1; j < n; j++) {
			local_day(&next, refs[j].m->when);
			if (acct_date_cmp(&day, &next))
				break;
		}
		if ((rc = one_day(out, t, book, &s, &day, refs + i, j - i,
				  err)) < 0)
			goto out;
	}
	days = out->n;
	if (!out->n || o->dry_run) {
		rc = 0;
		goto out;
	}
	acct_buf_addf(&what, "%zu message%s on %zu day%s from %s",
		      out->messages, out->messages == 1 ? "" : "s", days,
		      days == 1 ? "" : "s", base && base[1] ? base + 1 : o->file);
	acct_commit_subject(&msg, "import telegram", o->slug, what.buf);
	rc = acct_txn_commit(t, msg.buf, err);
	if (rc > 0)
		rc = 0;
out:
	acct_txn_free(t);
	acct_client_free(card);
	state_release(&s);
	free(refs);
	acct_buf_release(&msg);
	acct_buf_release(&what);
	return rc;
}

void acct_tg_import_release(struct acct_tg_import *im)
{
	size_t i;

	for (i = 0; i < im->n; i++)
		free(im->entries[i].path);
	free(im->entries);
	memset(im, 0, sizeof(*im));
}
