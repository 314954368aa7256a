#include "acct/telegram.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "harness.h"
#include "acct/banned.h"

/* --- escaping ------------------------------------------------------------- */

static void check_escape(const char *in, int line_start, const char *want)
{
	struct acct_buf out = ACCT_BUF_INIT;

	acct_tg_md_escape(&out, in, strlen(in), line_start);
	CHECK_MSG(!strcmp(out.buf, want), "escape '%s': '%s', want '%s'", in,
		  out.buf, want);
	acct_buf_release(&out);
}

static void test_telegram__escape(void)
{
	check_escape("plain text, 100%", 1, "plain text, 100%");
	check_escape("*a* _b_ `c` [d](e) <f>", 0,
		     "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\>");
	check_escape("back\\slash", 0, "back\\\\slash");
	check_escape("&amp; &#38; a & b", 0, "\\&amp; \\&#38; a & b");
	check_escape("<!-- id:1234567 -->", 1, "\\<!-- id:1234567 --\\>");
	/* What opens a block, at the start of a line only. */
	check_escape("# h\n## h2\n- x\n+ y\n> q\n===\n~~~", 1,
		     "\\# h\n\\## h2\n\\- x\n\\+ y\n\\> q\n\\===\n\\~~~");
	check_escape("> q", 0, "\\> q");
	check_escape("   # three spaces", 1, "   \\# three spaces");
	check_escape("1. one\n2) two\n2026 year", 1,
		     "1\\. one\n2\\) two\n2026 year");
	check_escape("# not at the start", 0, "# not at the start");
	check_escape("a - b # c", 1, "a - b # c");
	/* Control characters go; a tab and line feeds stay. */
	check_escape("a\r\nb\x01\tc\x7f", 1, "a\nb\tc");
	check_escape("Привет, [мир]!", 1, "Привет, \\[мир\\]!");
}

/* --- text and entities ------------------------------------------------------ */

static void check_text(const char *json, const char *want_md,
		       const char *want_plain)
{
	struct acct_buf md = ACCT_BUF_INIT, plain = ACCT_BUF_INIT;
	json_error_t jerr;
	json_t *v = json_loads(json, JSON_DECODE_ANY, &jerr);

	if (!CHECK_MSG(v, "bad test JSON %s: %s", json, jerr.text))
		return;
	CHECK_INT(acct_tg_md_text(&md, &plain, v), 0);
	CHECK_MSG(!strcmp(md.buf, want_md), "%s: md '%s', want '%s'", json,
		  md.buf, want_md);
	if (want_plain)
		CHECK_MSG(!strcmp(plain.buf, want_plain), "%s: plain '%s', "
			  "want '%s'", json, plain.buf, want_plain);
	json_decref(v);
	acct_buf_release(&md);
	acct_buf_release(&plain);
}

static void test_telegram__entities(void)
{
	check_text("\"Hello *world*\"", "Hello \\*world\\*", "Hello *world*");
	check_text("[\"a \", {\"type\": \"bold\", \"text\": \" b \"}, \"c\"]",
		   "a  **b** c", "a b c");
	check_text("[{\"type\": \"italic\", \"text\": \"курсив\"}]",
		   "*курсив*", NULL);
	check_text("[{\"type\": \"bold\", \"text\": \"  \"}]", "  ", NULL);
	check_text("[{\"type\": \"strikethrough\", \"text\": \"old\"}]",
		   "~~old~~", NULL);
	check_text("[{\"type\": \"code\", \"text\": \"a`b\"}]", "``a`b``", NULL);
	check_text("[{\"type\": \"code\", \"text\": \"`x\"}]", "`` `x ``", NULL);
	check_text("[\"see\", {\"type\": \"pre\", \"text\": \"x = 1\\n```\", "
		   "\"language\": \"py thon\"}]",
		   "see\n````python\nx = 1\n```\n````\n", NULL);
	check_text("[{\"type\": \"text_link\", \"text\": \"the [report]\", "
		   "\"href\": \"https://e.example/a b(c)\"}]",
		   "[the \\[report\\]](https://e.example/a%20b%28c%29)",
		   "the [report]");
	check_text("[{\"type\": \"text_link\", \"text\": \"\", "
		   "\"href\": \"https://e.example/\"}]",
		   "[https://e.example/](https://e.example/)", NULL);
	check_text("[{\"type\": \"link\", \"text\": \"https://e.example/x_y\"}]",
		   "<https://e.example/x_y>", NULL);
	check_text("[{\"type\": \"link\", \"text\": \"e.example/x_y\"}]",
		   "e.example/x\\_y", NULL);
	check_text("[{\"type\": \"mention\", \"text\": \"@ivan_ov\"}]",
		   "[@ivan\\_ov](https://t.me/ivan_ov)", NULL);
	check_text("[{\"type\": \"mention\", \"text\": \"@bad name\"}]",
		   "@bad name", NULL);
	check_text("[{\"type\": \"email\", \"text\": \"ivan@romashka.example\"}]",
		   "<ivan@romashka.example>", NULL);
	check_text("[\"Он писал:\", {\"type\": \"blockquote\", "
		   "\"text\": \"# раз\\nдва\"}]",
		   "Он писал:\n> \\# раз\n> два\n", NULL);
	check_text("[{\"type\": \"hashtag\", \"text\": \"#seo_2026\"}]",
		   "\\#seo\\_2026", NULL);
	check_text("[{\"type\": \"spoiler\", \"text\": \"<b>\"}, "
		   "{\"type\": \"something_new\", \"text\": \"*\"}]",
		   "\\<b\\>\\*", NULL);
	/* Line starts across pieces: the second piece starts a line. */
	check_text("[\"a\\n\", {\"type\": \"plain\", \"text\": \"- b\"}]",
		   "a\n\\- b", NULL);
	/* The plain text is one line: U+2028 and C1 controls are spaces. */
	check_text("\"a\\n\\nb\\u2028c\\u0085d\"", "a\n\nb\xe2\x80\xa8" "c\xc2\x85"
		   "d", "a b c d");
}

static void test_telegram__bad_text(void)
{
	struct acct_buf md = ACCT_BUF_INIT, plain = ACCT_BUF_INIT;
	json_t *v = json_loads("[\"a\", {\"type\": \"bold\"}]", 0, NULL);

	CHECK_INT(acct_tg_md_text(&md, &plain, v), -1);
	json_decref(v);
	v = json_loads("[\"a\", 3]", 0, NULL);
	CHECK_INT(acct_tg_md_text(&md, &plain, v), -1);
	json_decref(v);
	v = json_loads("{}", 0, NULL);
	CHECK_INT(acct_tg_md_text(&md, &plain, v), -1);
	json_decref(v);
	acct_buf_release(&md);
	acct_buf_release(&plain);
}

/* --- one message ------------------------------------------------------------- */

static struct acct_tg_message *parse(const char *json, struct acct_error *err)
{
	struct acct_tg_message *m = NULL;

	acct_error_clear(err);
	if (acct_tg_message_parse(&m, json, strlen(json), 100, err) < 0)
		return NULL;
	return m;
}

static void test_telegram__message(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_tg_message *m;

	m = parse("{\"id\": 7, \"type\": \"message\", \"date\": "
		  "\"2026-11-16T10:15:00\", \"date_unixtime\": \"1794824100\", "
		  "\"edited\": \"2026-11-16T10:16:00\", \"from\": \"Иван\", "
		  "\"from_id\": \"user42\", \"forwarded_from\": \"Пётр\", "
		  "\"reply_to_message_id\": 5, \"text\": \"smile \\ud83d\\ude00 "
		  "\\\"q\\\" ]}\"}", &err);
	if (CHECK_MSG(m, "parse: %s", err.msg)) {
		CHECK_INT(m->id, 7);
		CHECK_INT(m->service, 0);
		CHECK_INT(m->when, 1794824100);
		CHECK_STR(m->from, "Иван");
		CHECK_STR(m->from_id, "user42");
		CHECK_STR(m->forwarded_from, "Пётр");
		CHECK_INT(m->reply_to, 5);
		CHECK_INT(m->edited, 1);
		/* A surrogate pair is one character, U+1F600. */
		CHECK_STR(m->text, "smile \xf0\x9f\x98\x80 \"q\" \\]}");
		CHECK_STR(m->plain, "smile \xf0\x9f\x98\x80 \"q\" ]}");
	}
	acct_tg_message_free(m);

	/* text_entities win over text; a service names its actor. */
	m = parse("{\"id\": 8, \"type\": \"service\", \"date_unixtime\": 10, "
		  "\"actor\": \"Anna\", \"actor_id\": \"user1\", \"action\": "
		  "\"pin_message\", \"text\": 5, \"text_entities\": []}", &err);
	if (CHECK_MSG(m, "parse: %s", err.msg)) {
		CHECK_INT(m->service, 1);
		CHECK_INT(m->when, 10);
		CHECK_STR(m->from, "Anna");
		CHECK_STR(m->text, "");
	}
	acct_tg_message_free(m);

	/* Media: named, never stored. */
	m = parse("{\"id\": 9, \"date_unixtime\": \"1\", \"photo\": "
		  "\"photos/photo_1@16-11-2026.jpg\", \"text\": \"look\"}", &err);
	if (CHECK_MSG(m, "parse: %s", err.msg)) {
		CHECK_STR(m->text, "look *(photo photo\\_1@16-11-2026.jpg)*");
		CHECK_STR(m->plain, "look");
	}
	acct_tg_message_free(m);
	m = parse("{\"id\": 10, \"date_unixtime\": \"1\", \"file\": \"(File not "
		  "included. Change data exporting settings to download.)\", "
		  "\"media_type\": \"voice_message\", \"duration_seconds\": 75, "
		  "\"text\": \"\"}", &err);
	if (CHECK_MSG(m, "parse: %s", err.msg)) {
		CHECK_STR(m->text, "*(voice message, 1:15)*");
		CHECK_STR(m->plain, "voice message, 1:15");
	}
	acct_tg_message_free(m);
	m = parse("{\"id\": 11, \"date_unixtime\": \"1\", \"media_type\": "
		  "\"sticker\", \"sticker_emoji\": \"👍\", \"file\": \"x.webp\", "
		  "\"text\": \"\"}", &err);
	if (CHECK_MSG(m, "parse: %s", err.msg))
		CHECK_STR(m->text, "*(sticker 👍)*");
	acct_tg_message_free(m);
	m = parse("{\"id\": 12, \"date_unixtime\": \"1\", \"file\": "
		  "\"files/a.pdf\", \"file_name\": \"Смета_2026.pdf\", "
		  "\"text\": \"\"}", &err);
	if (CHECK_MSG(m, "parse: %s", err.msg))
		CHECK_STR(m->text, "*(file Смета\\_2026.pdf)*");
	acct_tg_message_free(m);
	m = parse("{\"id\": 13, \"date_unixtime\": \"1\", \"poll\": "
		  "{\"question\": \"Когда?\"}, \"text\": \"\"}", &err);
	if (CHECK_MSG(m, "parse: %s", err.msg))
		CHECK_STR(m->text, "*(poll: Когда?)*");
	acct_tg_message_free(m);
}

static void test_telegram__bad_message(void)
{
	struct acct_error err = ACCT_ERROR_INIT;

	CHECK(!parse("{\"id\": \"x\", \"date_unixtime\": \"1\"}", &err));
	CHECK_STR(err.msg, "byte 100: a message without an integer id");
	CHECK(!parse("{\"id\": 3, \"date\": \"2026-11-16T10:15:00\"}", &err));
	CHECK(strstr(err.msg, "message 3 (byte 100): no date_unixtime"));
	CHECK(!parse("{\"id\": 4, \"date_unixtime\": \"12x\"}", &err));
	CHECK(strstr(err.msg, "message 4"));
	CHECK(!parse("{\"id\": 5, \"date_unixtime\": \"1\", \"text\": "
		     "[{\"type\": \"bold\", \"text\": 1}]}", &err));
	CHECK(strstr(err.msg, "message 5 (byte 100): its text is neither"));
	/* A lone surrogate is no character: jansson says where. */
	CHECK(!parse("{\"id\": 6, \"date_unixtime\": \"1\", \"text\": "
		     "\"a\\ud800b\"}", &err));
	CHECK_MSG(strstr(err.msg, "byte 1") && strstr(err.msg, "\\uD800"),
		  "%s", err.msg);
	CHECK(!parse("[1]", &err));
	CHECK_STR(err.msg, "byte 100: a message is not an object");
}

/* --- the reader --------------------------------------------------------------- */

struct seen {
	struct acct_buf log;	/* "chat NAME/TYPE/ID\n", "msg ID TEXT\n" */
	const char *skip;	/* a chat name not to take */
	size_t messages;
};

static int on_chat(const struct acct_tg_chat *c, void *payload)
{
	struct seen *s = payload;

	acct_buf_addf(&s->log, "chat %s/%s/%lld%s\n", c->name, c->type, c->id,
		      c->listed ? " listed" : "");
	return !s->skip || strcmp(s->skip, c->name);
}

static int on_message(const struct acct_tg_chat *c, struct acct_tg_message *m,
		      void *payload)
{
	struct seen *s = payload;

	(void)c;
	s->messages++;
	if (s->messages <= 20)
		acct_buf_addf(&s->log, "msg %lld %s\n", m->id, m->text);
	return 0;
}

/* Read `json` as an export from a file: 0 or the error code. */
static int read_export(struct seen *s, const char *json, size_t len,
		       size_t max, long long *self, struct acct_error *err)
{
	struct acct_tg_read_opts o = { on_chat, on_message, s, max };
	FILE *fp = tmpfile();
	int rc;

	acct_buf_reset(&s->log);
	s->messages = 0;
	acct_error_clear(err);
	if (!CHECK(fp) || !CHECK(fwrite(json, 1, len, fp) == len) ||
	    !CHECK(fflush(fp) == 0) || !CHECK(lseek(fileno(fp), 0, SEEK_SET) == 0)) {
		if (fp)
			fclose(fp);
		return -100;
	}
	rc = acct_tg_read(fileno(fp), "result.json", &o, self, err);
	fclose(fp);
	return rc;
}

static void test_telegram__read_one_chat(void)
{
	static const char json[] =
		"{\"name\": \"Иван\", \"type\": \"personal_chat\", \"id\": 42,\n"
		" \"messages\": [\n"
		"  {\"id\": 1, \"type\": \"message\", \"date_unixtime\": \"1\","
		" \"text\": \"a \\\"]}[{\\\\\"},\n"
		"  {\"id\": 2, \"type\": \"message\", \"date_unixtime\": \"2\","
		" \"text\": [\"b\", {\"type\": \"bold\", \"text\": \"c\"}]}\n"
		" ]\n}\n";
	struct seen s = { ACCT_BUF_INIT, NULL, 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	long long self = -1;

	CHECK_INT(read_export(&s, json, sizeof(json) - 1, 0, &self, &err), 0);
	CHECK_STR(s.log.buf, "chat Иван/personal_chat/42\n"
		  "msg 1 a \"\\]}\\[{\\\\\n"
		  "msg 2 b**c**\n");
	CHECK_INT(self, 0);
	acct_buf_release(&s.log);
}

static void test_telegram__read_account(void)
{
	/*
	 * Values not read (contacts, other keys, a chat not taken) hold
	 * escaped quotes and brackets; one chat has its messages before its
	 * name, so they are read after it.
	 */
	static const char json[] =
		"{\"about\": \"x \\\" ] }\",\n"
		" \"personal_information\": {\"user_id\": 1001, \"first_name\": "
		"\"Anna\"},\n"
		" \"contacts\": {\"list\": [{\"first_name\": \"[\\\"{\\u00e9\\n\", "
		"\"n\": -1.5e3, \"m\": 0, \"e\": 2E+10, \"ok\": true, \"no\":"
		" false, \"z\": null, \"l\": [[], {}, [0.5]]}]},\n"
		" \"chats\": {\"about\": \"\", \"list\": [\n"
		"  {\"name\": \"Family\", \"type\": \"private_group\", \"id\": 7, "
		"\"messages\": [{\"id\": 70, \"text\": \"]]]\\\"\"}, {\"broken\": "
		"[1, {\"a\": \"}\"}]}]},\n"
		"  {\"messages\": [{\"id\": 60, \"date_unixtime\": \"6\", \"text\":"
		" \"first\"}], \"name\": \"Group\", \"type\": \"private_supergroup\","
		" \"id\": 6}\n"
		" ]},\n"
		" \"left_chats\": {\"list\": [{\"name\": \"Old\", \"type\": "
		"\"public_supergroup\", \"id\": 8, \"messages\": [{\"id\": 80, "
		"\"date_unixtime\": \"8\", \"text\": \"left\"}]}]}\n"
		"}";
	struct seen s = { ACCT_BUF_INIT, "Family", 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	long long self = 0;

	CHECK_INT(read_export(&s, json, sizeof(json) - 1, 0, &self, &err), 0);
	CHECK_MSG(!err.msg[0], "%s", err.msg);
	CHECK_STR(s.log.buf, "chat Family/private_group/7 listed\n"
		  "chat Group/private_supergroup/6 listed\n"
		  "msg 60 first\n"
		  "chat Old/public_supergroup/8 listed\n"
		  "msg 80 left\n");
	CHECK_INT(self, 1001);
	acct_buf_release(&s.log);
}

static void check_bad(const char *json, size_t max, const char *want)
{
	struct seen s = { ACCT_BUF_INIT, NULL, 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	long long self;

	CHECK_INT(read_export(&s, json, strlen(json), max, &self, &err),
		  ACCT_EDATA);
	CHECK_MSG(!strcmp(err.msg, want), "%s: '%s', want '%s'", json, err.msg,
		  want);
	CHECK_STR(err.file, "result.json");
	acct_buf_release(&s.log);
}

static void test_telegram__read_errors(void)
{
	check_bad("", 0, "byte 0: the file is empty, not a Telegram export");
	check_bad("  [1]", 0, "byte 2: not a Telegram export: it is no JSON "
		  "object");
	check_bad("{\"a\": 1}", 0, "not a Telegram export: it has no messages "
		  "and no chats list");
	check_bad("{\"messages\": [{\"id\": 1, \"date_unixtime\": \"1\"}", 0,
		  "byte 13: the file ends (at byte 45) inside the value that "
		  "starts here");
	check_bad("{\"messages\": [{\"id\": 1, \"text\": \"ab", 0,
		  "byte 13: the file ends (at byte 35) inside the value that "
		  "starts here");
	check_bad("{\"x\": [1, 2}, \"messages\": []}", 0,
		  "byte 11: a bracket that closes nothing open");
	check_bad("{\"x\": \"a\tb\", \"messages\": []}", 0,
		  "byte 8: a control character in a string");
	check_bad("{\"messages\": []} x", 0, "byte 17: text after the export's "
		  "end");
	check_bad("{\"messages\": [] \"chats\": 1}", 0,
		  "byte 16: a ',' or '}' should come here");
	check_bad("{\"name\": \"n\", \"id\": 1, \"messages\": [{\"id\": 1, "
		  "\"date_unixtime\": 1} {\"id\": 2}]}", 0,
		  "byte 66: a ',' or ']' should come here");
	check_bad("{messages: []}", 0, "byte 1: a key should come here");
	/* Values skipped unread are checked all the same. */
	check_bad("{\"x\": [1 2], \"messages\": []}", 0,
		  "byte 9: a ',' or ']' should come here");
	check_bad("{\"x\": {\"a\" 1}, \"messages\": []}", 0,
		  "byte 11: a ':' should come here");
	check_bad("{\"x\": {\"a\": 1,}, \"messages\": []}", 0,
		  "byte 14: a key should come here");
	check_bad("{\"x\": [1,], \"messages\": []}", 0,
		  "byte 9: not a JSON value");
	check_bad("{\"x\": [tru], \"messages\": []}", 0,
		  "byte 7: not a JSON value");
	check_bad("{\"x\": [01], \"messages\": []}", 0,
		  "byte 7: not a JSON value");
	check_bad("{\"x\": [1.5e], \"messages\": []}", 0,
		  "byte 7: not a JSON value");
	check_bad("{\"x\": \"a\\qb\", \"messages\": []}", 0,
		  "byte 9: an unknown escape in a string");
	check_bad("{\"x\": \"\\u12G4\", \"messages\": []}", 0,
		  "byte 11: a \\u escape without four hex digits");
	check_bad("{\"x\": [{\"a\": 1]], \"messages\": []}", 0,
		  "byte 14: a bracket that closes nothing open");
	check_bad("{\"messages\": [{\"id\": 1, \"date_unixtime\": \"1\", "
		  "\"text\": \"0123456789\"}]}", 40,
		  "byte 14: a value larger than the limit for input "
		  "(limits.input_bytes)");
	check_bad("{\"messages\": [{\"id\": 5, \"text\": \"x\"}]}", 0,
		  "message 5 (byte 14): no date_unixtime, the time of the "
		  "message");
	check_bad("{\"messages\": [{\"id\": 1, \"date_unixtime\": \"1\", "
		  "\"text\": \"\\ud83d x\"}]}", 0,
		  "byte 64: invalid Unicode '\\uD83D' near '\"\\ud83d x\"'");
}

/*
 * Many messages, each with escaped quotes and brackets, across the
 * reader's window: every one read, in order, with its text intact.
 */
static void test_telegram__read_many(void)
{
	struct acct_buf json = ACCT_BUF_INIT;
	struct seen s = { ACCT_BUF_INIT, NULL, 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	long long self;
	size_t i, n = 6000;

	acct_buf_addstr(&json, "{\"name\": \"n\", \"id\": 1, \"messages\": [");
	for (i = 0; i < n; i++)
		acct_buf_addf(&json, "%s\n {\"id\": %zu, \"type\": \"message\", "
			      "\"date_unixtime\": \"%zu\", \"text\": \"%zu "
			      "\\\"]}[{\\\\\\\"\\u0430 %s\"}", i ? "," : "",
			      i, i, i, "padding padding padding padding "
			      "padding padding padding padding padding");
	acct_buf_addstr(&json, "]}");
	CHECK(json.len > 2 * 256 * 1024);
	CHECK_INT(read_export(&s, json.buf, json.len, 0, &self, &err), 0);
	CHECK_MSG(!err.msg[0], "%s", err.msg);
	CHECK_INT(s.messages, n);
	CHECK(strstr(s.log.buf, "msg 19 19 \"\\]}\\[{\\\\\"а padding"));
	acct_buf_release(&json);
	acct_buf_release(&s.log);
}

int main(void)
{
	test_telegram__escape();
	test_telegram__entities();
	test_telegram__bad_text();
	test_telegram__message();
	test_telegram__bad_message();
	test_telegram__read_one_chat();
	test_telegram__read_account();
	test_telegram__read_errors();
	test_telegram__read_many();
	return test_report("telegram");
}
