/*
 * Reading a plain log entry without libyaml and cmark. Nearly every entry
 * is what acct writes: front matter of `key: value` lines, then Markdown
 * paragraphs, level-2 headings and one-line list items. For those a scan
 * of the lines gives exactly what the parser (lib/entry.c) gives, at a
 * small part of its cost, which matters when a command reads every entry
 * of the book. Whatever the scan is not sure of (quoting, indentation,
 * block quotes, fences, HTML, emphasis in an item, a paragraph running on
 * from an item, any error) it leaves to the parser: it never decides
 * anything the parser could decide otherwise.
 */
#include "acct/entry.h"
#include "entry_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/date.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/banned.h"

/* A code point of valid UTF-8 at `s` (the text was checked); its length. */
static size_t cp_at(const unsigned char *s, int32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xe0) {
		*cp = (s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] < 0xf0) {
		*cp = (s[0] & 0x0f) << 12 | (s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		return 3;
	}
	*cp = (s[0] & 0x07) << 18 | (s[1] & 0x3f) << 12 | (s[2] & 0x3f) << 6 |
	      (s[3] & 0x3f);
	return 4;
}

/*
 * A character libyaml takes inside a one-line scalar: its printable set
 * less its line breaks (U+0085, U+2028, U+2029) and the byte order mark.
 */
static int yaml_char_ok(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 0x20 && cp < 0x7f;
	return (cp >= 0xa0 && cp <= 0xd7ff && cp != 0x2028 && cp != 0x2029) ||
	       (cp >= 0xe000 && cp <= 0xfffd && cp != 0xfeff) ||
	       (cp >= 0x10000 && cp <= 0x10ffff);
}

static int yaml_chars_ok(const char *s, size_t n)
{
	size_t i = 0;
	int32_t cp;

	while (i < n) {
		i += cp_at((const unsigned char *)s + i, &cp);
		if (!yaml_char_ok(cp))
			return 0;
	}
	return i == n;
}

/*
 * The value of a front matter line as libyaml reads it, when it is one
 * the scan is sure of: a plain scalar that is not null and needs no
 * folding or trimming, or a double-quoted one without escapes. Sets
 * `*v` and `*vn`; 0 for anything else.
 */
static int yaml_value(const char **v, size_t *vn, const char *s, size_t n)
{
	size_t i;

	if (!n || !yaml_chars_ok(s, n))
		return 0;
	if (s[0] == '"') {
		if (n < 3 || s[n - 1] != '"' || memchr(s + 1, '"', n - 2) ||
		    memchr(s + 1, '\\', n - 2))
			return 0;
		*v = s + 1;
		*vn = n - 2;
		return 1;
	}
	if (strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) || s[n - 1] == ' ' ||
	    s[n - 1] == ':')
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] == ':' && s[i + 1] == ' ') ||
		    (s[i] == '#' && s[i - 1] == ' '))
			return 0;
	if ((n == 1 && s[0] == '~') ||
	    (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) ||
			!memcmp(s, "NULL", 4))))
		return 0;
	*v = s;
	*vn = n;
	return 1;
}

/*
 * Text that cmark reads as itself, one text node: nothing that could be
 * emphasis, code, a link, an entity, an escape, HTML or a line break.
 */
static int inline_plain(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			continue;
		if (!strchr(" ,.;:@-()'/?%+=#$^|~\"{}", c) || !c)
			return 0;
	}
	return 1;
}

/* A front matter line's value, kept until the scan is sure. */
struct fm_value {
	const char *s;
	size_t n;
	int set;
};

enum { FM_DATE, FM_CHANNEL, FM_DIRECTION, FM_KIND, FM_SUMMARY, FM_BY,
       FM_MESSAGE_ID, FM_KEYS };

static const char *const fm_keys[FM_KEYS] = {
	"date", "channel", "direction", "kind", "summary", "by", "message_id",
};

/* "key: value" with a known key, once each. */
static int fm_line(struct fm_value *vals, const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	size_t k, klen;

	if (!colon || (size_t)(colon - s) + 2 > n || colon[1] != ' ')
		return 0;
	klen = (size_t)(colon - s);
	for (k = 0; k < FM_KEYS; k++)
		if (strlen(fm_keys[k]) == klen && !memcmp(s, fm_keys[k], klen))
			break;
	if (k == FM_KEYS || vals[k].set)
		return 0;
	vals[k].set = 1;
	return yaml_value(&vals[k].s, &vals[k].n, colon + 2,
			  n - klen - 2);
}

/* A value among `choices`, or NULL. */
static const char *fm_choice(const struct fm_value *v,
			     const char *const *choices)
{
	char word[32];

	if (v->n >= sizeof(word))
		return NULL;
	memcpy(word, v->s, v->n);
	word[v->n] = '\0';
	return entry_choice(word, choices);
}

/* The front matter into `e`; the offset of the body and its first line. */
static int front_matter(struct acct_entry *e, size_t *body, size_t *line)
{
	const char *t = e->text.buf;
	size_t len = e->text.len, i = 4, no = 2;
	struct fm_value vals[FM_KEYS];
	struct acct_error why = ACCT_ERROR_INIT;
	char *date;
	int ok;

	memset(vals, 0, sizeof(vals));
	if (len < 4 || memcmp(t, "---\n", 4))
		return 0;
	for (;; no++) {
		const char *nl;
		size_t end;

		if (i >= len)
			return 0;	/* never closed */
		nl = memchr(t + i, '\n', len - i);
		end = nl ? (size_t)(nl - t) : len;
		if (end - i == 3 && (!memcmp(t + i, "---", 3) ||
				     !memcmp(t + i, "...", 3))) {
			*body = nl ? end + 1 : end;
			*line = no + 1;
			break;
		}
		if (!fm_line(vals, t + i, end - i))
			return 0;
		i = end + 1;
	}
	if (!vals[FM_DATE].set || !vals[FM_SUMMARY].set)
		return 0;
	date = acct_strndup(vals[FM_DATE].s, vals[FM_DATE].n);
	ok = acct_time_parse(&e->when, date, &why) == 0;
	free(date);
	if (!ok)
		return 0;
	e->channel = vals[FM_CHANNEL].set ?
		     fm_choice(&vals[FM_CHANNEL], acct_entry_channels) : "other";
	e->direction = vals[FM_DIRECTION].set ?
		       fm_choice(&vals[FM_DIRECTION], entry_directions) : NULL;
	e->kind = vals[FM_KIND].set ?
		  fm_choice(&vals[FM_KIND], acct_entry_kinds) : "note";
	if (!e->channel || !e->kind ||
	    (vals[FM_DIRECTION].set && !e->direction))
		return 0;
	e->summary = acct_strndup(vals[FM_SUMMARY].s, vals[FM_SUMMARY].n);
	if (strlen(e->summary) != vals[FM_SUMMARY].n ||
	    acct_text_check_line(e->summary, "summary", NULL) < 0)
		return 0;
	if (vals[FM_BY].set) {
		e->by = acct_strndup(vals[FM_BY].s, vals[FM_BY].n);
		if (strlen(e->by) != vals[FM_BY].n ||
		    acct_text_check_line(e->by, "by", NULL) < 0)
			return 0;
	}
	if (vals[FM_MESSAGE_ID].set) {
		e->message_id = acct_strndup(vals[FM_MESSAGE_ID].s,
					     vals[FM_MESSAGE_ID].n);
		if (strlen(e->message_id) != vals[FM_MESSAGE_ID].n ||
		    acct_text_check_line(e->message_id, "message_id", NULL) < 0)
			return 0;
	}
	return 1;
}

/* "<!-- id:a1b2c3d -->" at the end of `s`: where it starts, or `n`. */
static size_t id_comment(const char *s, size_t n, size_t *hexlen)
{
	const char *lt = memchr(s, '<', n);
	size_t at, k;

	if (!lt)
		return n;
	at = (size_t)(lt - s);
	if (n - at < 8 + 7 + 4 || memcmp(lt, "<!-- id:", 8) ||
	    memcmp(s + n - 4, " -->", 4))
		return SIZE_MAX;
	for (k = at + 8; k < n - 4; k++)
		if (!((s[k] >= '0' && s[k] <= '9') || (s[k] >= 'a' && s[k] <= 'f')))
			return SIZE_MAX;
	*hexlen = n - 4 - (at + 8);
	return *hexlen >= 7 && *hexlen <= 40 ? at : SIZE_MAX;
}

/*
 * "[ ] text" or "[x] text", maybe with its id comment, at `off` (line
 * `no`, column 3) of the file: added to e->actions as the parser's
 * add_action() would. 1 done (or nothing to add), 0 not sure.
 */
static int action(struct acct_entry *e, const char *c, size_t n, size_t off,
		  size_t no)
{
	struct acct_error why = ACCT_ERROR_INIT;
	struct acct_action a;
	size_t i, at, hexlen = 0, tn;
	const char *txt;

	if (n < 3 || c[0] != '[' || !strchr(" xX", c[1]) || !c[1] ||
	    c[2] != ']' || (n > 3 && c[3] != ' '))
		return 0;
	memset(&a, 0, sizeof(a));
	a.done = c[1] != ' ';
	txt = c + 3;
	tn = n - 3;
	at = id_comment(txt, tn, &hexlen);
	if (at == SIZE_MAX)
		return 0;
	if (at < tn) {
		memcpy(a.id, txt + at + 8, hexlen);
		a.id[hexlen] = '\0';
		a.own_id = 1;
		a.id_at = off + 3 + at + 8;
		a.id_len = hexlen;
		tn = at;
	}
	while (tn && txt[tn - 1] == ' ')
		tn--;
	while (tn && txt[0] == ' ')
		txt++, tn--;
	if (!inline_plain(txt, tn))
		return 0;
	if (!tn)
		return 1;	/* "- [ ]": a template's placeholder */
	for (i = 0; a.own_id && i < e->nactions; i++)
		if (e->actions[i].own_id && !strcmp(e->actions[i].id, a.id))
			a.own_id = 0;
	a.mark = off + 1;
	a.tail = off + n;
	a.line = no;
	a.col = 3;
	a.text = acct_strndup(txt, tn);
	if (entry_item_tags(&a, e->path, no, 3, &why) < 0) {
		free(a.text);
		free(a.owner);
		return 0;
	}
	if (!a.own_id)
		entry_action_id(&a, e);
	e->actions = acct_realloc(e->actions, (e->nactions + 1) *
				  sizeof(*e->actions));
	e->actions[e->nactions++] = a;
	return 1;
}

/* A decision: its text, plain after the first `from` bytes ("[ ]"). */
static int decision(struct acct_entry *e, const char *c, size_t n,
		    size_t from)
{
	if (!inline_plain(c + from, n - from))
		return 0;
	e->decisions = acct_realloc(e->decisions, (e->ndecisions + 1) *
				    sizeof(*e->decisions));
	e->decisions[e->ndecisions++] = acct_strndup(c, n);
	return 1;
}

/* What a line was, for what may follow it. */
enum kind { BLANK, PARA, ITEM, HEADING };

/* An ATX heading "## Title" of `n` bytes: its level, or 0 if not sure. */
static int heading(enum entry_section *sec, const char *s, size_t n)
{
	char *title;
	int level = 0;

	while ((size_t)level < n && s[level] == '#')
		level++;
	if (level > 6 || (size_t)level + 1 >= n || s[level] != ' ' ||
	    s[level + 1] == ' ' || memchr(s + level, '#', n - level) ||
	    !inline_plain(s + level + 1, n - level - 1))
		return 0;
	if (level > 2)
		return level;
	title = acct_strndup(s + level + 1, n - level - 1);
	*sec = level == 2 ? entry_section_of(title) : NONE;
	free(title);
	return level;
}

/* A line that cmark might read as more than a paragraph. */
static int starts_block(const char *s, size_t n)
{
	size_t i = 0;

	if (strchr(" \t>#<[`~=_*+-|", s[0]))
		return 1;
	while (i < n && i < 10 && s[i] >= '0' && s[i] <= '9')
		i++;
	return i && i < n && (s[i] == '.' || s[i] == ')');
}

static int body(struct acct_entry *e, size_t off, size_t no)
{
	const char *t = e->text.buf;
	size_t len = e->text.len;
	enum entry_section sec = NONE;
	enum kind prev = BLANK;

	for (; off < len; no++) {
		const char *s = t + off, *nl = memchr(s, '\n', len - off);
		size_t n = nl ? (size_t)(nl - s) : len - off;
		size_t trim = n;

		while (trim && s[trim - 1] == ' ')
			trim--;
		if (!n) {
			prev = BLANK;
		} else if (!trim) {
			return 0;	/* spaces only */
		} else if (s[0] == '#') {
			if (!heading(&sec, s, trim))
				return 0;
			prev = HEADING;
		} else if ((s[0] == '-' || s[0] == '*' || s[0] == '+') &&
			   trim > 2 && s[1] == ' ') {
			const char *c = s + 2;
			size_t cn = trim - 2;

			if (c[0] == '[' && sec == ACTIONS) {
				if (!action(e, c, cn, off + 2, no))
					return 0;
			} else if (c[0] == '[') {
				/* A box elsewhere is text ("[ ] x"); with no
				 * link definition in a scanned entry, "[x]"
				 * cannot be a link. */
				if (cn < 4 || !strchr(" xX", c[1]) || !c[1] ||
				    c[2] != ']' || c[3] != ' ' ||
				    !inline_plain(c + 3, cn - 3) ||
				    (sec == DECISIONS && !decision(e, c, cn,
								   3)))
					return 0;
			} else if (starts_block(c, cn)) {
				return 0;
			} else if (sec == DECISIONS && !decision(e, c, cn, 0)) {
				return 0;
			}
			prev = ITEM;
		} else if (starts_block(s, n) || prev == ITEM) {
			return 0;
		} else {
			prev = PARA;
		}
		off += n + (nl ? 1 : 0);
	}
	return 1;
}

static void undo(struct acct_entry *e)
{
	entry_release_parsed(e);
	e->channel = e->direction = e->kind = NULL;
	memset(&e->when, 0, sizeof(e->when));
	e->body = 0;
}

int entry_scan(struct acct_entry *e)
{
	size_t off = 0, line = 0;

	if (memchr(e->text.buf, '\r', e->text.len) ||
	    !front_matter(e, &off, &line) || !body(e, off, line)) {
		undo(e);
		return 0;
	}
	e->body = off;
	return 1;
}
