/*
 * Telegram Desktop's JSON export read as a stream. jansson 2.14 has no
 * event parser, and an account's export runs to hundreds of megabytes,
 * so a small scanner walks the structure (the top object, chats.list[],
 * each chat's keys) and finds the extent of each value: strings with
 * their escapes, brackets matched on a stack. A message's bytes are then
 * parsed by jansson alone (json_loadb with JSON_DISABLE_EOF_CHECK); the
 * messages of chats not taken, and every other value, are skipped
 * without being kept. The window holds one value at a time.
 */
#include "acct/telegram.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "acct/error.h"
#include "acct/banned.h"

#define CHUNK (256 * 1024)
#define MAX_DEPTH 2048		/* as jansson's JSON_PARSER_MAX_DEPTH */

struct reader {
	int fd;
	const char *name;
	char *buf;
	size_t alloc, pos, end;	/* the bytes not read yet: buf[pos, end) */
	long long base;		/* the file offset of buf[0] */
	int eof;
	size_t max;
	const struct acct_tg_read_opts *o;
	struct acct_error *err;
	char stack[MAX_DEPTH];
};

static long long offset_of(const struct reader *r, size_t i)
{
	return r->base + (long long)i;
}

static int bad(struct reader *r, size_t i, const char *what)
{
	return acct_error_at(r->err, ACCT_EDATA, r->name, 0, 0,
			     "byte %lld: %s", offset_of(r, i), what);
}

/*
 * Read more bytes after buf[end]: the bytes before `keep` (an index) may
 * go. Returns the number read (0 at the end of the file) or ACCT_ERROR.
 */
static long fill(struct reader *r, size_t keep)
{
	ssize_t n;

	if (r->eof)
		return 0;
	if (keep > 0 && r->end == r->alloc) {
		memmove(r->buf, r->buf + keep, r->end - keep);
		r->base += (long long)keep;
		r->pos -= keep;
		r->end -= keep;
	}
	if (r->end == r->alloc) {
		r->alloc = r->alloc ? r->alloc * 2 : CHUNK;
		r->buf = acct_realloc(r->buf, r->alloc);
	}
	do
		n = read(r->fd, r->buf + r->end, r->alloc - r->end);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return acct_error_at(r->err, ACCT_ERROR, r->name, 0, 0,
				     "cannot read: %s", strerror(errno));
	if (n == 0)
		r->eof = 1;
	r->end += (size_t)n;
	return n;
}

/* The next byte without taking it, or -1 at the end (or on an error). */
static int peek(struct reader *r)
{
	while (r->pos == r->end) {
		if (r->eof)
			return -1;
		if (fill(r, r->pos) < 0)
			return -2;
	}
	return (unsigned char)r->buf[r->pos];
}

static int skip_ws(struct reader *r)
{
	int c;

	while ((c = peek(r)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		r->pos++;
	return c;
}

static int expect(struct reader *r, int want, const char *what)
{
	int c = skip_ws(r);

	if (c == -2)
		return ACCT_ERROR;
	if (c != want)
		return bad(r, r->pos, c < 0 ? "the file ends early" : what);
	r->pos++;
	return 0;
}

static int is_scalar_byte(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
}

static int is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* A literal or a number as JSON has them (RFC 8259, section 6). */
static int scalar_ok(const char *t, size_t n)
{
	size_t i = 0, d;

	if ((n == 4 && !memcmp(t, "true", 4)) ||
	    (n == 5 && !memcmp(t, "false", 5)) ||
	    (n == 4 && !memcmp(t, "null", 4)))
		return 1;
	if (i < n && t[i] == '-')
		i++;
	for (d = i; i < n && t[i] >= '0' && t[i] <= '9'; i++)
		;
	if (i == d || (t[d] == '0' && i - d > 1))
		return 0;
	if (i < n && t[i] == '.') {
		for (d = ++i; i < n && t[i] >= '0' && t[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	if (i < n && (t[i] == 'e' || t[i] == 'E')) {
		if (++i < n && (t[i] == '+' || t[i] == '-'))
			i++;
		for (d = i; i < n && t[i] >= '0' && t[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	return i == n;
}

/* What the scanner expects next, outside strings and scalars. */
enum want {
	W_VALUE,	/* a value */
	W_FIRST,	/* an array's first value, or ']' */
	W_ANEXT,	/* ',' or ']' after a value in an array */
	W_KFIRST,	/* an object's first key, or '}' */
	W_KEY,		/* a key */
	W_COLON,	/* ':' after a key */
	W_ONEXT,	/* ',' or '}' after a value in an object */
	W_DONE,		/* the value is complete */
};

struct scan {
	enum want want;
	size_t depth;
	int in_str, key, esc, hex;	/* in a string: a key's; \ or \uXXXX */
	char tok[64];			/* a literal or number being read */
	size_t ntok;
	int in_tok;
};

/* After a complete value: what its container wants next. */
static void value_done(struct reader *r, struct scan *st)
{
	if (!st->depth)
		st->want = W_DONE;
	else
		st->want = r->stack[st->depth - 1] == '[' ? W_ANEXT : W_ONEXT;
}

/*
 * One byte `c` at buf[i] of the value being scanned: 0, or the error.
 * `*again` asks for the same byte once more (it ended a scalar).
 */
static int scan_byte(struct reader *r, struct scan *st, int c, size_t i,
		     int *again)
{
	*again = 0;
	if (st->in_str) {
		if (st->hex) {
			if (!is_hex(c))
				return bad(r, i, "a \\u escape without four hex "
					   "digits");
			st->hex--;
		} else if (st->esc) {
			if (!strchr("\"\\/bfnrtu", c) || !c)
				return bad(r, i, "an unknown escape in a string");
			st->esc = 0;
			st->hex = c == 'u' ? 4 : 0;
		} else if (c == '\\') {
			st->esc = 1;
		} else if (c == '"') {
			st->in_str = 0;
			if (st->key)
				st->want = W_COLON;
			else
				value_done(r, st);
		} else if (c < 0x20) {
			return bad(r, i, "a control character in a string");
		}
		return 0;
	}
	if (st->in_tok) {
		if (is_scalar_byte(c)) {
			if (st->ntok == sizeof(st->tok))
				return bad(r, i, "a number too long");
			st->tok[st->ntok++] = (char)c;
			return 0;
		}
		st->in_tok = 0;
		if (!scalar_ok(st->tok, st->ntok))
			return bad(r, i - st->ntok, "not a JSON value");
		value_done(r, st);
		*again = 1;
		return 0;
	}
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		return 0;
	switch (st->want) {
	case W_FIRST:
		if (c == ']')
			goto close;
		/* fall through */
	case W_VALUE:
		if (c == '"') {
			st->in_str = 1;
			st->key = 0;
		} else if (c == '{' || c == '[') {
			if (st->depth == MAX_DEPTH)
				return bad(r, i, "nested too deep");
			r->stack[st->depth++] = (char)c;
			st->want = c == '{' ? W_KFIRST : W_FIRST;
		} else if (c == '-' || (c >= '0' && c <= '9') || c == 't' ||
			   c == 'f' || c == 'n') {
			st->in_tok = 1;
			st->tok[0] = (char)c;
			st->ntok = 1;
		} else {
			return bad(r, i, "not a JSON value");
		}
		return 0;
	case W_KFIRST:
		if (c == '}')
			goto close;
		/* fall through */
	case W_KEY:
		if (c != '"')
			return bad(r, i, "a key should come here");
		st->in_str = 1;
		st->key = 1;
		return 0;
	case W_COLON:
		if (c != ':')
			return bad(r, i, "a ':' should come here");
		st->want = W_VALUE;
		return 0;
	case W_ANEXT:
	case W_ONEXT:
		if (c == ',') {
			st->want = st->want == W_ANEXT ? W_VALUE : W_KEY;
			return 0;
		}
		if (c == (st->want == W_ANEXT ? ']' : '}'))
			goto close;
		if (c == ']' || c == '}')
			return bad(r, i, "a bracket that closes nothing open");
		return bad(r, i, st->want == W_ANEXT ?
			   "a ',' or ']' should come here" :
			   "a ',' or '}' should come here");
	case W_DONE:
		break;
	}
	return bad(r, i, "not a JSON value");
close:
	st->depth--;
	value_done(r, st);
	return 0;
}

/*
 * Find the end of the value at buf[pos], checking its grammar (strings,
 * escapes, literals, numbers, brackets, commas and colons): set `*len` to
 * its length. With `keep` the whole value stays in the window (it is
 * read after, and may be up to `max` bytes); without, what was scanned
 * goes as it is passed, and the value is taken (pos moves past it).
 */
static int scan_value(struct reader *r, int keep, size_t *len)
{
	struct scan st = { .want = W_VALUE };
	size_t i;
	long long start;
	int c, again, rc;
	long n;

	c = skip_ws(r);
	if (c == -2)
		return ACCT_ERROR;
	if (c < 0)
		return bad(r, r->pos, "the file ends where a value should be");
	i = r->pos;
	start = offset_of(r, i);
	while (st.want != W_DONE) {
		if (i == r->end) {
			size_t rel = i - r->pos;

			if (!keep) {
				r->pos = i;
				rel = 0;
			}
			if ((n = fill(r, r->pos)) < 0)
				return (int)n;
			i = r->pos + rel;
			if (n == 0) {
				if (st.in_tok) {	/* a scalar at the end */
					if ((rc = scan_byte(r, &st, ' ', i,
							    &again)) < 0)
						return rc;
					break;
				}
				return acct_error_at(r->err, ACCT_EDATA, r->name,
						     0, 0, "byte %lld: the file "
						     "ends (at byte %lld) inside "
						     "the value that starts here",
						     start, offset_of(r, i));
			}
			if (keep && rel > r->max)
				return bad(r, r->pos, "a value larger than the "
					   "limit for input (limits.input_bytes)");
		}
		if (st.in_str && !st.esc && !st.hex) {
			/* The plain bytes of a string, the bulk of a file. */
			const unsigned char *p = (const unsigned char *)r->buf;

			while (i < r->end && p[i] != '"' && p[i] != '\\' &&
			       p[i] >= 0x20)
				i++;
			if (i == r->end)
				continue;
		}
		c = (unsigned char)r->buf[i];
		if ((rc = scan_byte(r, &st, c, i, &again)) < 0)
			return rc;
		if (!again)
			i++;
	}
	*len = i - r->pos;
	if (keep && *len > r->max)
		return bad(r, r->pos, "a value larger than the limit for "
			   "input (limits.input_bytes)");
	if (!keep)
		r->pos = i;
	return 0;
}

/* Parse the value at buf[pos] with jansson and take it. */
static int load(struct reader *r, json_t **out)
{
	json_error_t jerr;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = scan_value(r, 1, &len)) < 0)
		return rc;
	*out = json_loadb(r->buf + r->pos, len, JSON_DECODE_ANY |
			  JSON_DISABLE_EOF_CHECK, &jerr);
	if (!*out)
		return acct_error_at(r->err, ACCT_EDATA, r->name, 0, 0,
				     "byte %lld: %s",
				     offset_of(r, r->pos) + jerr.position,
				     jerr.text);
	r->pos += len;
	return 0;
}

static int skip(struct reader *r)
{
	size_t len;

	return scan_value(r, 0, &len);
}

/*
 * The keys of the object at buf[pos], each handed to `fn` with the
 * reader at its value, which `fn` must take.
 */
typedef int (*key_fn)(struct reader *r, const char *key, void *payload);

static int each_key(struct reader *r, key_fn fn, void *payload)
{
	json_t *key = NULL;
	int c, rc, first = 1;

	if ((rc = expect(r, '{', "an object should start here")) < 0)
		return rc;
	for (;;) {
		if ((c = skip_ws(r)) == -2)
			return ACCT_ERROR;
		if (c == '}') {
			r->pos++;
			return 0;
		}
		if (!first && (rc = expect(r, ',', "a ',' or '}' should "
					   "come here")) < 0)
			return rc;
		first = 0;
		if (skip_ws(r) != '"')
			return bad(r, r->pos, "a key should come here");
		if ((rc = load(r, &key)) < 0)
			return rc;
		if ((rc = expect(r, ':', "a ':' should come here")) == 0)
			rc = fn(r, json_string_value(key), payload);
		json_decref(key);
		key = NULL;
		if (rc < 0)
			return rc;
	}
}

/* The items of the array at buf[pos], each handed to `fn` likewise. */
typedef int (*item_fn)(struct reader *r, void *payload);

static int each_item(struct reader *r, item_fn fn, void *payload)
{
	int c, rc, first = 1;

	if ((rc = expect(r, '[', "a list should start here")) < 0)
		return rc;
	for (;;) {
		if ((c = skip_ws(r)) == -2)
			return ACCT_ERROR;
		if (c == ']') {
			r->pos++;
			return 0;
		}
		if (!first && (rc = expect(r, ',', "a ',' or ']' should "
					   "come here")) < 0)
			return rc;
		first = 0;
		if ((rc = fn(r, payload)) < 0)
			return rc;
	}
}

/* Go to `off` in the file, forgetting the window. */
static int seek_to(struct reader *r, long long off)
{
	if (lseek(r->fd, (off_t)off, SEEK_SET) < 0)
		return acct_error_at(r->err, ACCT_ERROR, r->name, 0, 0,
				     "cannot go back to byte %lld: %s", off,
				     strerror(errno));
	r->base = off;
	r->pos = r->end = 0;
	r->eof = 0;
	return 0;
}

/* A chat being read: its header, and where its messages are. */
struct chat_state {
	struct acct_tg_chat chat;
	char *name, *type;
	int take;		/* -1: not asked yet */
	long long deferred;	/* the messages' offset, when before the name */
	int has_messages;
};

static int one_message(struct reader *r, void *payload)
{
	struct chat_state *cs = payload;
	struct acct_tg_message *m = NULL;
	long long at;
	size_t len;
	int rc;

	if (skip_ws(r) == -2)
		return ACCT_ERROR;
	at = offset_of(r, r->pos);
	if ((rc = scan_value(r, 1, &len)) < 0)
		return rc;
	if ((rc = acct_tg_message_parse(&m, r->buf + r->pos, len, at,
					r->err)) < 0) {
		if (r->err)	/* the file's name, which the parse has not */
			snprintf(r->err->file, sizeof(r->err->file), "%s",
				 r->name);
		return rc;
	}
	r->pos += len;
	rc = r->o->message ? r->o->message(&cs->chat, m, r->o->payload) : 0;
	if (rc <= 0)
		acct_tg_message_free(m);
	return rc < 0 ? rc : 0;
}

static int ask(struct reader *r, struct chat_state *cs)
{
	int rc;

	cs->chat.name = cs->name ? cs->name : "";
	cs->chat.type = cs->type ? cs->type : "";
	rc = r->o->chat ? r->o->chat(&cs->chat, r->o->payload) : 1;
	if (rc < 0)
		return rc;
	cs->take = rc > 0;
	return 0;
}

static int messages(struct reader *r, struct chat_state *cs)
{
	int rc;

	if (cs->take < 0 && (rc = ask(r, cs)) < 0)
		return rc;
	return cs->take ? each_item(r, one_message, cs) : skip(r);
}

static int text_of(struct reader *r, char **out)
{
	json_t *v = NULL;
	int rc;

	if ((rc = load(r, &v)) < 0)
		return rc;
	free(*out);
	*out = json_is_string(v) ? acct_strdup(json_string_value(v)) : NULL;
	json_decref(v);
	return 0;
}

/*
 * A key of a chat: its name, type and id are read; its messages are read
 * now when the name and id came first (as Telegram writes them), else
 * their place is kept for the end of the object.
 */
static int chat_key(struct reader *r, const char *key, void *payload)
{
	struct chat_state *cs = payload;
	json_t *v = NULL;
	int rc;

	if (!strcmp(key, "name"))
		return text_of(r, &cs->name);
	if (!strcmp(key, "type"))
		return text_of(r, &cs->type);
	if (!strcmp(key, "id")) {
		if ((rc = load(r, &v)) < 0)
			return rc;
		cs->chat.id = json_is_integer(v) ? json_integer_value(v) : 0;
		json_decref(v);
		return 0;
	}
	if (strcmp(key, "messages"))
		return skip(r);
	cs->has_messages = 1;
	if (cs->name && cs->chat.id)
		return messages(r, cs);
	if (skip_ws(r) == -2)
		return ACCT_ERROR;
	cs->deferred = offset_of(r, r->pos);
	return skip(r);
}

static void chat_state_release(struct chat_state *cs)
{
	free(cs->name);
	free(cs->type);
}

/* The chat's messages whose place was kept, read now. */
static int deferred(struct reader *r, struct chat_state *cs)
{
	long long after;
	int rc;

	if (cs->deferred < 0)
		return 0;
	if (skip_ws(r) == -2)
		return ACCT_ERROR;
	after = offset_of(r, r->pos);
	if ((rc = seek_to(r, cs->deferred)) < 0 ||
	    (rc = messages(r, cs)) < 0)
		return rc;
	return seek_to(r, after);
}

static int one_chat(struct reader *r, void *payload)
{
	struct chat_state cs = { .take = -1, .deferred = -1 };
	int rc;

	(void)payload;
	cs.chat.listed = 1;
	if (skip_ws(r) != '{') {
		rc = skip(r);
	} else if ((rc = each_key(r, chat_key, &cs)) == 0) {
		rc = deferred(r, &cs);
	}
	chat_state_release(&cs);
	return rc;
}

static int list_key(struct reader *r, const char *key, void *payload)
{
	int *found = payload;

	if (strcmp(key, "list") || skip_ws(r) != '[')
		return skip(r);
	*found = 1;
	return each_item(r, one_chat, NULL);
}

struct top {
	struct chat_state cs;	/* a one-chat export's own */
	long long self_id;
	int chats;		/* an account export's list was found */
};

static int top_key(struct reader *r, const char *key, void *payload)
{
	struct top *t = payload;
	json_t *v = NULL, *id;
	int rc;

	if (!strcmp(key, "chats") || !strcmp(key, "left_chats")) {
		if (skip_ws(r) != '{')
			return skip(r);
		return each_key(r, list_key, &t->chats);
	}
	if (!strcmp(key, "personal_information")) {
		if ((rc = load(r, &v)) < 0)
			return rc;
		id = json_object_get(v, "user_id");
		if (json_is_integer(id))
			t->self_id = json_integer_value(id);
		json_decref(v);
		return 0;
	}
	return chat_key(r, key, &t->cs);
}

int acct_tg_read(int fd, const char *name, const struct acct_tg_read_opts *o,
		 long long *self_id, struct acct_error *err)
{
	struct reader *r = acct_calloc(1, sizeof(*r));
	struct top t = { .cs = { .take = -1, .deferred = -1 } };
	int rc, c;

	r->fd = fd;
	r->name = name;
	r->o = o;
	r->err = err;
	r->max = o->max_value ? o->max_value : 8 << 20;
	*self_id = 0;
	if ((c = skip_ws(r)) == -2) {
		rc = ACCT_ERROR;
		goto out;
	}
	if (c != '{') {
		rc = bad(r, r->pos, c < 0 ? "the file is empty, not a Telegram "
			 "export" : "not a Telegram export: it is no JSON object");
		goto out;
	}
	if ((rc = each_key(r, top_key, &t)) < 0 ||
	    (rc = deferred(r, &t.cs)) < 0)
		goto out;
	if ((c = skip_ws(r)) == -2) {
		rc = ACCT_ERROR;
		goto out;
	}
	if (c >= 0) {
		rc = bad(r, r->pos, "text after the export's end");
		goto out;
	}
	if (!t.cs.has_messages && !t.chats) {
		rc = acct_error_at(err, ACCT_EDATA, name, 0, 0, "not a Telegram "
				   "export: it has no messages and no chats list");
		acct_error_hint(err, "export from Telegram Desktop (Settings, "
				"Advanced, Export Telegram data) in the JSON format");
		goto out;
	}
	*self_id = t.self_id;
	rc = 0;
out:
	chat_state_release(&t.cs);
	free(r->buf);
	free(r);
	return rc;
}

/* --- one message ----------------------------------------------------------- */

void acct_tg_message_free(struct acct_tg_message *m)
{
	if (!m)
		return;
	free(m->from);
	free(m->from_id);
	free(m->text);
	free(m->plain);
	free(m->forwarded_from);
	free(m);
}

static char *string_or_null(const json_t *v)
{
	return json_is_string(v) ? acct_strdup(json_string_value(v)) : NULL;
}

/* date_unixtime ("1796033700", or a number) into `*out`: 0, or -1. */
static int unixtime(int64_t *out, const json_t *v)
{
	const char *s;
	int64_t t = 0;

	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	if (!json_is_string(v) || !*(s = json_string_value(v)))
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || t > (INT64_MAX - 9) / 10)
			return -1;
		t = t * 10 + (*s - '0');
	}
	*out = t;
	return 0;
}

int acct_tg_message_parse(struct acct_tg_message **out, const char *json,
			  size_t len, long long offset, struct acct_error *err)
{
	struct acct_buf md = ACCT_BUF_INIT, plain = ACCT_BUF_INIT;
	struct acct_tg_message *m = NULL;
	const json_t *text, *type;
	json_error_t jerr;
	json_t *v;
	int rc;

	*out = NULL;
	v = json_loadb(json, len, JSON_DISABLE_EOF_CHECK, &jerr);
	if (!v)
		return acct_error_at(err, ACCT_EDATA, "", 0, 0, "byte %lld: %s",
				     offset + jerr.position, jerr.text);
	if (!json_is_object(v)) {
		rc = acct_error_at(err, ACCT_EDATA, "", 0, 0, "byte %lld: a "
				   "message is not an object", offset);
		goto out;
	}
	m = acct_calloc(1, sizeof(*m));
	if (!json_is_integer(json_object_get(v, "id"))) {
		rc = acct_error_at(err, ACCT_EDATA, "", 0, 0, "byte %lld: a "
				   "message without an integer id", offset);
		goto out;
	}
	m->id = json_integer_value(json_object_get(v, "id"));
	type = json_object_get(v, "type");
	m->service = json_is_string(type) &&
		     !strcmp(json_string_value(type), "service");
	if (unixtime(&m->when, json_object_get(v, "date_unixtime")) < 0) {
		rc = acct_error_at(err, ACCT_EDATA, "", 0, 0, "message %lld "
				   "(byte %lld): no date_unixtime, the time "
				   "of the message", m->id, offset);
		acct_error_hint(err, "export again with a Telegram Desktop "
				"of 2022 or later, which writes it");
		goto out;
	}
	m->from = string_or_null(json_object_get(v, m->service ? "actor" :
						 "from"));
	m->from_id = string_or_null(json_object_get(v, m->service ? "actor_id" :
						    "from_id"));
	m->forwarded_from = string_or_null(json_object_get(v, "forwarded_from"));
	if (json_is_integer(json_object_get(v, "reply_to_message_id")))
		m->reply_to = json_integer_value(json_object_get(v,
						 "reply_to_message_id"));
	m->edited = json_object_get(v, "edited") != NULL;
	text = json_object_get(v, "text_entities");
	if (!json_is_array(text))
		text = json_object_get(v, "text");
	if (text && acct_tg_md_text(&md, &plain, text) < 0) {
		rc = acct_error_at(err, ACCT_EDATA, "", 0, 0, "message %lld "
				   "(byte %lld): its text is neither a string "
				   "nor a list of strings and entities", m->id,
				   offset);
		goto out;
	}
	acct_tg_md_media(&md, &plain, v);
	m->text = acct_buf_detach(&md, NULL);
	m->plain = acct_buf_detach(&plain, NULL);
	*out = m;
	m = NULL;
	rc = 0;
out:
	acct_tg_message_free(m);
	acct_buf_release(&md);
	acct_buf_release(&plain);
	json_decref(v);
	return rc;
}
