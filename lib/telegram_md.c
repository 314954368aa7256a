/*
 * A Telegram message's text as Markdown. The export writes the text as
 * pieces, each plain or an entity (bold, a link, a mention ...); each
 * becomes its Markdown, and every plain piece is escaped so that it reads
 * as written: a client's "*", "[x]", "<b>" or a line starting "## " is
 * text, never emphasis, a link, HTML or a heading of the entry.
 */
#include "acct/telegram.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "acct/banned.h"

static int at_line_start(const struct acct_buf *md, size_t start)
{
	return md->len == start || md->buf[md->len - 1] == '\n';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void acct_tg_md_escape(struct acct_buf *out, const char *s, size_t len,
		       int line_start)
{
	size_t i = 0, j;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (line_start) {
			/*
			 * What would open a block, after up to 3 spaces ('>'
			 * is escaped wherever it stands, below).
			 */
			for (j = i; j < len && j - i < 3 && s[j] == ' '; j++)
				;
			acct_buf_add(out, s + i, j - i);
			i = j;
			if (i < len && s[i] && strchr("#-+=~", s[i]))
				acct_buf_addch(out, '\\');
			for (j = i; j < len && is_digit(s[j]) && j - i < 9; j++)
				;
			if (j > i && j < len && (s[j] == '.' || s[j] == ')')) {
				acct_buf_add(out, s + i, j - i);
				acct_buf_addch(out, '\\');
				i = j;
			}
			line_start = 0;
			if (i == len)
				break;
			c = (unsigned char)s[i];
		}
		if (c == '\n') {
			acct_buf_addch(out, '\n');
			line_start = 1;
		} else if (c == '\r' || (c < 0x20 && c != '\t') || c == 0x7f) {
			/* Control characters are no text to keep. */
		} else if (strchr("\\`*_[]<>", c)) {
			acct_buf_addch(out, '\\');
			acct_buf_addch(out, c);
		} else if (c == '&' && i + 1 < len &&
			   (is_alnum(s[i + 1]) || s[i + 1] == '#')) {
			acct_buf_addstr(out, "\\&");	/* not an entity */
		} else {
			acct_buf_addch(out, c);
		}
		i++;
	}
}

/* The plain text for a summary: runs of white space as one space. */
static void plain_add(struct acct_buf *plain, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		const unsigned char *u = (const unsigned char *)s + i;
		size_t n = 0;

		/* C0, DEL, C1 (U+0080..U+009F), U+2028, U+2029 */
		if (*u <= 0x20 || *u == 0x7f)
			n = 1;
		else if (*u == 0xc2 && i + 1 < len && u[1] >= 0x80 && u[1] <= 0x9f)
			n = 2;
		else if (*u == 0xe2 && i + 2 < len && u[1] == 0x80 &&
			 (u[2] == 0xa8 || u[2] == 0xa9))
			n = 3;
		if (!n) {
			acct_buf_addch(plain, *u);
			continue;
		}
		if (plain->len && plain->buf[plain->len - 1] != ' ')
			acct_buf_addch(plain, ' ');
		i += n - 1;
	}
}

static void escape_at(struct acct_buf *md, size_t start, const char *s,
		      size_t len)
{
	acct_tg_md_escape(md, s, len, at_line_start(md, start));
}

/* The longest run of '`' in `s`. */
static size_t backtick_run(const char *s, size_t len)
{
	size_t i, run = 0, best = 0;

	for (i = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

/* `s` between `delim`s, the white space around it outside them. */
static void wrap(struct acct_buf *md, size_t start, const char *delim,
		 const char *s, size_t len)
{
	size_t a = 0, b = len;

	while (a < b && (s[a] == ' ' || s[a] == '\n' || s[a] == '\t'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n' ||
			 s[b - 1] == '\t'))
		b--;
	escape_at(md, start, s, a);
	if (a == b)
		return;
	acct_buf_addstr(md, delim);
	acct_tg_md_escape(md, s + a, b - a, 0);
	acct_buf_addstr(md, delim);
	escape_at(md, start, s + b, len - b);
}

static void code_span(struct acct_buf *md, const char *s, size_t len)
{
	size_t n = backtick_run(s, len) + 1, i;
	int pad = len && (s[0] == '`' || s[len - 1] == '`' ||
			  (s[0] == ' ' && s[len - 1] == ' '));

	for (i = 0; i < n; i++)
		acct_buf_addch(md, '`');
	if (pad)
		acct_buf_addch(md, ' ');
	for (i = 0; i < len; i++)
		acct_buf_addch(md, s[i] == '\n' ? ' ' : s[i]);
	if (pad)
		acct_buf_addch(md, ' ');
	for (i = 0; i < n; i++)
		acct_buf_addch(md, '`');
}

static void code_block(struct acct_buf *md, size_t start, const char *s,
		       size_t len, const char *lang)
{
	size_t n = backtick_run(s, len) + 1, i;

	if (n < 3)
		n = 3;
	if (!at_line_start(md, start))
		acct_buf_addch(md, '\n');
	for (i = 0; i < n; i++)
		acct_buf_addch(md, '`');
	/* The language is a word: anything else would be the info string. */
	for (i = 0; lang && lang[i] && i < 32; i++)
		if (is_alnum(lang[i]) || strchr("+#.-_", lang[i]))
			acct_buf_addch(md, lang[i]);
	acct_buf_addch(md, '\n');
	for (i = 0; i < len; i++)
		if (s[i] != '\r')
			acct_buf_addch(md, s[i]);
	if (len && s[len - 1] != '\n')
		acct_buf_addch(md, '\n');
	for (i = 0; i < n; i++)
		acct_buf_addch(md, '`');
	acct_buf_addch(md, '\n');
}

/* A link's destination: what would end or break it percent-encoded. */
static void destination(struct acct_buf *md, const char *href)
{
	const unsigned char *p = (const unsigned char *)href;

	for (; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || strchr("<>()\\", *p))
			acct_buf_addf(md, "%%%02X", *p);
		else
			acct_buf_addch(md, *p);
}

static int has_prefix_fold(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if ((*s | 0x20) != *prefix)
			return 0;
	return 1;
}

/* A URL that may be an autolink as it is: a scheme, nothing to escape. */
static int autolinkable(const char *s, size_t len)
{
	size_t i;

	if (!has_prefix_fold(s, "http://") && !has_prefix_fold(s, "https://"))
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == '<' || s[i] == '>' ||
		    s[i] == 0x7f)
			return 0;
	return 1;
}

static void link(struct acct_buf *md, size_t start, const char *text,
		 size_t len, const char *href)
{
	if (!len) {
		text = href;
		len = strlen(href);
	}
	(void)start;
	acct_buf_addch(md, '[');
	acct_tg_md_escape(md, text, len, 0);
	acct_buf_addstr(md, "](");
	destination(md, href);
	acct_buf_addch(md, ')');
}

static void mention(struct acct_buf *md, size_t start, const char *s,
		    size_t len)
{
	struct acct_buf href = ACCT_BUF_INIT;
	size_t i;

	for (i = 1; i < len && (is_alnum(s[i]) || s[i] == '_'); i++)
		;
	if (len < 2 || s[0] != '@' || i != len) {
		escape_at(md, start, s, len);
		return;
	}
	acct_buf_addstr(&href, "https://t.me/");
	acct_buf_add(&href, s + 1, len - 1);
	link(md, start, s, len, href.buf);
	acct_buf_release(&href);
}

static void email(struct acct_buf *md, size_t start, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || strchr("<>\\()[]", s[i]))
			break;
	if (i == len && memchr(s, '@', len)) {
		acct_buf_addch(md, '<');
		acct_buf_add(md, s, len);
		acct_buf_addch(md, '>');
	} else {
		escape_at(md, start, s, len);
	}
}

static void quote(struct acct_buf *md, size_t start, const char *s, size_t len)
{
	size_t i = 0, j;

	if (!at_line_start(md, start))
		acct_buf_addch(md, '\n');
	while (i < len) {
		for (j = i; j < len && s[j] != '\n'; j++)
			;
		acct_buf_addstr(md, "> ");
		acct_tg_md_escape(md, s + i, j - i, 1);
		acct_buf_addch(md, '\n');
		i = j + 1;
	}
}

/* One entity: `type` with its text (and href, language). */
static void entity(struct acct_buf *md, size_t start, const char *type,
		   const char *s, size_t len, const json_t *obj)
{
	const char *href = json_string_value(json_object_get(obj, "href"));

	if (!strcmp(type, "bold"))
		wrap(md, start, "**", s, len);
	else if (!strcmp(type, "italic"))
		wrap(md, start, "*", s, len);
	else if (!strcmp(type, "strikethrough"))
		wrap(md, start, "~~", s, len);
	else if (!strcmp(type, "code"))
		code_span(md, s, len);
	else if (!strcmp(type, "pre"))
		code_block(md, start, s, len, json_string_value(
				   json_object_get(obj, "language")));
	else if (!strcmp(type, "text_link") && href && *href)
		link(md, start, s, len, href);
	else if (!strcmp(type, "link") && autolinkable(s, len)) {
		acct_buf_addch(md, '<');
		acct_buf_add(md, s, len);
		acct_buf_addch(md, '>');
	} else if (!strcmp(type, "mention"))
		mention(md, start, s, len);
	else if (!strcmp(type, "email"))
		email(md, start, s, len);
	else if (!strcmp(type, "blockquote"))
		quote(md, start, s, len);
	else	/* plain, underline, spoiler, hashtag, phone, custom_emoji ... */
		escape_at(md, start, s, len);
}

int acct_tg_md_text(struct acct_buf *md, struct acct_buf *plain,
		    const void *json)
{
	const json_t *v = json, *item;
	size_t start = md->len, i;

	if (json_is_string(v)) {
		escape_at(md, start, json_string_value(v), json_string_length(v));
		plain_add(plain, json_string_value(v), json_string_length(v));
		return 0;
	}
	if (!json_is_array(v))
		return -1;
	json_array_foreach(v, i, item) {
		const json_t *text = json_is_object(item) ?
				     json_object_get(item, "text") : item;
		const char *type = json_string_value(json_object_get(item, "type"));

		if (!json_is_string(text))
			return -1;
		if (json_is_object(item))
			entity(md, start, type ? type : "plain",
			       json_string_value(text), json_string_length(text),
			       item);
		else
			escape_at(md, start, json_string_value(text),
				  json_string_length(text));
		plain_add(plain, json_string_value(text),
			  json_string_length(text));
	}
	return 0;
}

/* The file's own name from its path, unless the export left it out. */
static const char *file_name(const json_t *msg, const char *key)
{
	const char *s = json_string_value(json_object_get(msg, "file_name"));
	const char *slash;

	if (!s || !*s)
		s = json_string_value(json_object_get(msg, key));
	if (!s || !*s || *s == '(')	/* "(File not included. ...)" */
		return NULL;
	slash = strrchr(s, '/');
	return slash ? slash + 1 : s;
}

static void media_note(struct acct_buf *md, struct acct_buf *plain,
		       const char *word, const char *detail, long long seconds)
{
	struct acct_buf note = ACCT_BUF_INIT;

	acct_buf_addstr(&note, word);
	if (detail && *detail)
		acct_buf_addf(&note, " %s", detail);
	if (seconds > 0)
		acct_buf_addf(&note, ", %lld:%02lld", seconds / 60, seconds % 60);
	if (md->len && md->buf[md->len - 1] != '\n')
		acct_buf_addch(md, ' ');
	acct_buf_addstr(md, "*(");
	acct_tg_md_escape(md, note.buf, note.len, 0);
	acct_buf_addstr(md, ")*");
	if (!plain->len)
		plain_add(plain, note.buf, note.len);
	acct_buf_release(&note);
}

void acct_tg_md_media(struct acct_buf *md, struct acct_buf *plain,
		      const void *json)
{
	static const struct {
		const char *type, *word;
	} kinds[] = {
		{ "sticker", "sticker" },
		{ "voice_message", "voice message" },
		{ "video_message", "video message" },
		{ "video_file", "video" },
		{ "audio_file", "audio" },
		{ "animation", "GIF" },
	};
	const json_t *msg = json, *poll, *contact;
	const char *type = json_string_value(json_object_get(msg, "media_type"));
	long long secs = json_integer_value(json_object_get(msg,
							    "duration_seconds"));
	size_t i;

	if (json_object_get(msg, "photo")) {
		media_note(md, plain, "photo", file_name(msg, "photo"), 0);
		return;
	}
	for (i = 0; type && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(type, kinds[i].type)) {
			media_note(md, plain, kinds[i].word, !strcmp(type,
				   "sticker") ? json_string_value(json_object_get(
				   msg, "sticker_emoji")) : file_name(msg, "file"),
				   secs);
			return;
		}
	if (json_object_get(msg, "file")) {
		media_note(md, plain, "file", file_name(msg, "file"), secs);
		return;
	}
	if ((poll = json_object_get(msg, "poll")))
		media_note(md, plain, "poll:", json_string_value(
				   json_object_get(poll, "question")), 0);
	else if (json_object_get(msg, "location_information"))
		media_note(md, plain, "location", NULL, 0);
	else if ((contact = json_object_get(msg, "contact_information")))
		media_note(md, plain, "contact", json_string_value(
				   json_object_get(contact, "first_name")), 0);
}
