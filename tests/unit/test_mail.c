#include "acct/mail.h"
#include "acct/dl.h"

#include <string.h>

#include <gmime/gmime.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

static const char subject_ru[] =
	"Сводка за неделю: ООО «Ромашка», неделя 48 (23–29 ноября 2026)";

/* A long line of Russian, for the encoders to wrap. */
static void long_text(struct acct_buf *b, const char *head)
{
	int i;

	acct_buf_addstr(b, head);
	for (i = 0; i < 40; i++)
		acct_buf_addstr(b, "Подняли ставки в поиске на 15% — ");
	acct_buf_addstr(b, "end\n\nLast line, no accent.\n");
}

/* Every line of `m` 7-bit and at most 78 characters, and CRLF-free. */
static void check_lines(int at, const struct acct_buf *m)
{
	size_t i, col = 0, longest = 0;
	int high = 0, cr = 0;

	for (i = 0; i < m->len; i++) {
		unsigned char c = (unsigned char)m->buf[i];

		if (c == '\n') {
			col = 0;
			continue;
		}
		high |= c >= 128;
		cr |= c == '\r';
		if (++col > longest)
			longest = col;
	}
	CHECK_MSG(!high, "line %d: a byte above 127 in the message", at);
	CHECK_MSG(!cr, "line %d: a CR in the message", at);
	CHECK_MSG(longest <= 78, "line %d: a line of %zu characters", at,
		  longest);
}

/*
 * A header's value decoded word by word (RFC 2047: each encoded word
 * stands alone, whole characters; the space between two is not text).
 * Not g_mime_utils_header_decode_text() on the whole: GMime 3.2.13 joins
 * adjacent base64 words before decoding and loses all but the first
 * (jstedfast/gmime#133, fixed in 3.2.14).
 */
static void decode_words(struct acct_buf *out, const char *raw)
{
	const char *s = raw;
	int prev_encoded = 0;

	while (*s) {
		size_t sp = strspn(s, " \t\r\n"), len;
		struct acct_buf tok = ACCT_BUF_INIT;
		int encoded;
		char *dec;

		s += sp;
		if (!*s)
			break;
		len = strcspn(s, " \t\r\n");
		acct_buf_add(&tok, s, len);
		encoded = len > 4 && !strncmp(tok.buf, "=?", 2) &&
			  !strcmp(tok.buf + len - 2, "?=");
		if (out->len && !(encoded && prev_encoded))
			acct_buf_addch(out, ' ');
		dec = encoded ? g_mime_utils_header_decode_text(NULL, tok.buf)
			      : g_strdup(tok.buf);
		CHECK_MSG(!encoded || strcmp(dec, tok.buf), "word %s not "
			  "decoded", tok.buf);
		acct_buf_addstr(out, dec);
		g_free(dec);
		acct_buf_release(&tok);
		prev_encoded = encoded;
		s += len;
	}
}

/* The raw value of header `name` in message text `m`, unfolded. */
static void raw_header(struct acct_buf *out, const struct acct_buf *m,
		       const char *name)
{
	const char *s = m->buf;
	size_t n = strlen(name);

	while (s && strncmp(s, name, n))
		s = (s = strchr(s, '\n')) ? s + 1 : NULL;
	if (!s)
		return;
	s += n;
	while (*s && !(s[0] == '\n' && s[1] != ' ' && s[1] != '\t')) {
		if (*s != '\n')
			acct_buf_addch(out, *s);
		s++;
	}
}

static GMimeMessage *parse(const struct acct_buf *m)
{
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(m->buf, m->len);
	GMimeParser *p = g_mime_parser_new_with_stream(st);
	GMimeMessage *msg = g_mime_parser_construct_message(p, NULL);

	g_object_unref(p);
	g_object_unref(st);
	return msg;
}

/* The decoded text of part `i` of the multipart, and its type. */
static void part_text(struct acct_buf *out, GMimeMessage *msg, int i,
		      const char *subtype)
{
	GMimeObject *body = g_mime_message_get_mime_part(msg);
	GMimeObject *part;
	char *text;

	CHECK(GMIME_IS_MULTIPART(body));
	if (!GMIME_IS_MULTIPART(body))
		return;
	CHECK_STR(g_mime_content_type_get_media_subtype(
		g_mime_object_get_content_type(body)), "alternative");
	CHECK_INT(g_mime_multipart_get_count(GMIME_MULTIPART(body)), 2);
	part = g_mime_multipart_get_part(GMIME_MULTIPART(body), i);
	CHECK(GMIME_IS_TEXT_PART(part));
	if (!GMIME_IS_TEXT_PART(part))
		return;
	CHECK_STR(g_mime_content_type_get_media_subtype(
		g_mime_object_get_content_type(part)), subtype);
	text = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
	acct_buf_addstr(out, text);
	g_free(text);
}

static void test_mail__russian(void)
{
	struct acct_buf m = ACCT_BUF_INIT, id = ACCT_BUF_INIT,
			text = ACCT_BUF_INIT, html = ACCT_BUF_INIT,
			got = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_mail_spec s = {
		"Анна Петрова <anna@agency.example>",
		"\"Иван Иванов\" <ivan@romashka.example>",
		subject_ru,
		{ 1795770000, 180 },	/* 2026-11-27 09:00 UTC */
		NULL, 0, NULL, 0,
	};
	GMimeMessage *msg;
	InternetAddressList *l;
	InternetAddress *a;
	char *date;

	long_text(&text, "# Сводка за неделю\n\n");
	long_text(&html, "<!DOCTYPE html>\n<html lang=\"ru\"><body><p>");
	s.text = text.buf;
	s.text_len = text.len;
	s.html = html.buf;
	s.html_len = html.len;
	CHECK_INT(acct_mail_build(&m, &id, &s, &err), 0);
	check_lines(__LINE__, &m);
	/* The subject is encoded words, whole characters of UTF-8. */
	CHECK(strstr(m.buf, "\nSubject: =?UTF-8?") || !strncmp(m.buf,
	      "Subject: =?UTF-8?", 17));
	CHECK(strstr(m.buf, "MIME-Version: 1.0\n"));
	CHECK(strstr(m.buf, "Date: Fri, 27 Nov 2026 12:00:00 +0300\n"));
	CHECK_MSG(id.len > 20 && id.buf[0] == '<' &&
		  !strncmp(id.buf + 1, "20261127090000.", 15) &&
		  strstr(id.buf, "@agency.example>") &&
		  id.buf[id.len - 1] == '>', "id %s", id.buf);
	msg = parse(&m);
	CHECK(msg != NULL);
	if (!msg)
		goto out;
	acct_buf_reset(&got);
	raw_header(&got, &m, "Subject:");
	CHECK_MSG(strstr(got.buf, "=?UTF-8?"), "subject %s", got.buf);
	acct_buf_reset(&html);	/* reused below */
	decode_words(&html, got.buf);
	CHECK_STR(html.buf, subject_ru);
	acct_buf_reset(&html);
	long_text(&html, "<!DOCTYPE html>\n<html lang=\"ru\"><body><p>");
	l = g_mime_message_get_from(msg);
	CHECK_INT(internet_address_list_length(l), 1);
	a = internet_address_list_get_address(l, 0);
	CHECK_STR(internet_address_get_name(a), "Анна Петрова");
	CHECK_STR(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)),
		  "anna@agency.example");
	l = g_mime_message_get_to(msg);
	CHECK_INT(internet_address_list_length(l), 1);
	a = internet_address_list_get_address(l, 0);
	CHECK_STR(internet_address_get_name(a), "Иван Иванов");
	CHECK_STR(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)),
		  "ivan@romashka.example");
	date = g_date_time_format(g_mime_message_get_date(msg), "%F %T %z");
	CHECK_STR(date, "2026-11-27 12:00:00 +0300");
	g_free(date);
	acct_buf_reset(&got);
	acct_buf_addf(&got, "<%s>", g_mime_message_get_message_id(msg));
	CHECK_STR(got.buf, id.buf);
	/* The parts decode to the very bytes given: plain, then HTML. */
	acct_buf_reset(&got);
	part_text(&got, msg, 0, "plain");
	CHECK(got.len == text.len && !memcmp(got.buf, text.buf, text.len));
	acct_buf_reset(&got);
	part_text(&got, msg, 1, "html");
	CHECK(got.len == html.len && !memcmp(got.buf, html.buf, html.len));
	g_object_unref(msg);
out:
	acct_buf_release(&m);
	acct_buf_release(&id);
	acct_buf_release(&text);
	acct_buf_release(&html);
	acct_buf_release(&got);
}

/* The same message twice, in one second: two ids. */
static void test_mail__unique_id(void)
{
	struct acct_buf m = ACCT_BUF_INIT, a = ACCT_BUF_INIT, b = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_mail_spec s = {
		"anna@agency.example", "ivan@romashka.example", "Weekly summary",
		{ 1795770000, 0 }, "text\n", 5, "<p>text</p>\n", 12,
	};

	CHECK_INT(acct_mail_build(&m, &a, &s, &err), 0);
	CHECK_INT(acct_mail_build(&m, &b, &s, &err), 0);
	CHECK(a.len && strcmp(a.buf, b.buf));
	CHECK_MSG(!strncmp(a.buf, "<20261127090000.", 16), "%s", a.buf);
	/* ASCII stays readable: a plain subject, plain addresses. */
	CHECK(strstr(m.buf, "Subject: Weekly summary\n"));
	CHECK(strstr(m.buf, "From: anna@agency.example\n"));
	CHECK(strstr(m.buf, "To: ivan@romashka.example\n"));
	CHECK(strstr(m.buf, "Content-Type: text/plain; charset=us-ascii") ||
	      strstr(m.buf, "Content-Type: text/plain; charset=utf-8"));
	check_lines(__LINE__, &m);
	acct_buf_release(&m);
	acct_buf_release(&a);
	acct_buf_release(&b);
}

static void test_mail__refused(void)
{
	struct acct_buf m = ACCT_BUF_INIT, id = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_mail_spec s = {
		"Anna <anna@agency.example>", "Ivan", "Weekly summary",
		{ 1795770000, 0 }, "text\n", 5, "<p>text</p>\n", 12,
	};

	CHECK_INT(acct_mail_build(&m, &id, &s, &err), ACCT_EDATA);
	CHECK_STR(err.msg, "'Ivan' is not an e-mail address");
	s.to = "ivan@romashka.example";
	s.subject = "Two\nlines";
	CHECK_INT(acct_mail_build(&m, &id, &s, &err), ACCT_EDATA);
	s.subject = "Bad \xff byte";
	CHECK_INT(acct_mail_build(&m, &id, &s, &err), ACCT_EDATA);
	s.subject = "Weekly";
	s.text = "a\0b";
	s.text_len = 3;
	CHECK_INT(acct_mail_build(&m, &id, &s, &err), ACCT_EDATA);
	CHECK_INT((int)m.len, 0);
	CHECK_INT((int)id.len, 0);
	acct_buf_release(&m);
	acct_buf_release(&id);
}

static void mailbox_is(int at, const char *in, const char *name,
		       const char *addr)
{
	struct acct_buf n = ACCT_BUF_INIT, a = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc = acct_mail_mailbox(&n, &a, in, &err);

	if (!name) {
		CHECK_MSG(rc == ACCT_EDATA && !n.len && !a.len,
			  "line %d: '%s' taken as '%s' <%s>", at, in, n.buf,
			  a.buf);
	} else {
		CHECK_MSG(rc == 0 && !strcmp(n.buf, name) &&
			  !strcmp(a.buf, addr), "line %d: '%s': %d '%s' <%s> "
			  "(%s)", at, in, rc, n.buf, a.buf, err.msg);
	}
	acct_buf_release(&n);
	acct_buf_release(&a);
}

static void test_mail__mailbox(void)
{
	mailbox_is(__LINE__, "Anna Petrova <anna@agency.example>",
		   "Anna Petrova", "anna@agency.example");
	mailbox_is(__LINE__, "  \"Petrova, Anna\"  <anna@agency.example> ",
		   "Petrova, Anna", "anna@agency.example");
	mailbox_is(__LINE__, "<anna@agency.example>", "", "anna@agency.example");
	mailbox_is(__LINE__, " anna@agency.example ", "", "anna@agency.example");
	mailbox_is(__LINE__, "Иван <ivan@romashka.example>", "Иван",
		   "ivan@romashka.example");
	mailbox_is(__LINE__, "Anna Petrova", NULL, NULL);
	mailbox_is(__LINE__, "Anna <anna>", NULL, NULL);
	mailbox_is(__LINE__, "Anna <anna@agency.example", NULL, NULL);
	mailbox_is(__LINE__, "Anna <anna@agency.example> x", NULL, NULL);
	mailbox_is(__LINE__, "a b@c.d", NULL, NULL);
	mailbox_is(__LINE__, "a@b@c", NULL, NULL);
	mailbox_is(__LINE__, "@agency.example", NULL, NULL);
	mailbox_is(__LINE__, "anna@", NULL, NULL);
	mailbox_is(__LINE__, "иван@romashka.example", NULL, NULL);
	mailbox_is(__LINE__, "Anna\n<anna@agency.example>", NULL, NULL);
	mailbox_is(__LINE__, "", NULL, NULL);
}

int main(void)
{
	struct acct_error err = ACCT_ERROR_INIT;

	/*
	 * This test links GMime to read the messages back: lib/dl.c's
	 * functions of the same names stand in front of it, and call it
	 * once it is loaded, as acct does.
	 */
	if (!CHECK_MSG(acct_dl_gmime(&err) == 0, "%s", err.msg))
		return test_report("mail");
	test_mail__russian();
	test_mail__unique_id();
	test_mail__refused();
	test_mail__mailbox();
	return test_report("mail");
}
