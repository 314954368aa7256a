/*
 * E-mail in: the pieces of lib/eml_text.c and lib/eml_html.c on their
 * own, then whole messages of tests/fixtures/eml/ read from a file and
 * from a pipe.
 */
#include "acct/eml.h"
#include "../../lib/eml_int.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "acct/buf.h"
#include "acct/config.h"
#include "acct/dl.h"
#include "acct/error.h"
#include "acct/text.h"
#include "harness.h"

#include "acct/banned.h"

#define FIXTURES "tests/fixtures/eml/"

static void check_header(int at, const char *raw, const char *fallback,
			 const char *want)
{
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int rc = acct_eml_decode_header(&out, raw, fallback, &err);

	CHECK_MSG(rc == 0, "line %d: %s", at, err.msg);
	CHECK_MSG(!strcmp(out.buf, want), "line %d: '%s', want '%s'", at,
		  out.buf, want);
	acct_buf_release(&out);
}

static void test_decode_header(void)
{
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;

	/* gmime#133: the first word padded, GMime 3.2.13 keeps "Hello". */
	check_header(__LINE__, "=?UTF-8?B?SGVsbG8=?= =?UTF-8?B?IHdvcmxk?=",
		     NULL, "Hello world");
	check_header(__LINE__, "=?utf-8?B?0JHRjtC00LbQtdGC?=\r\n"
		     " =?utf-8?B?INC90LAg0LTQtdC60LDQsdGA0Yw=?=", NULL,
		     "Бюджет на декабрь");
	/* A character split between two words ("д" is D0 B4). */
	check_header(__LINE__, "=?utf-8?B?0A==?= =?utf-8?B?tA==?=", NULL, "д");
	check_header(__LINE__, "=?utf-8?Q?=D0?= =?utf-8?Q?=B4?=", NULL, "д");
	/* Q: "_" is a space; text between words and words stays apart. */
	check_header(__LINE__, "Re: =?koi8-r?Q?=EF=D4=DE=A3=D4_=DA=C1?= ноябрь",
		     NULL, "Re: Отчёт за ноябрь");
	check_header(__LINE__, "=?windows-1251?B?zvLi5fI=?=: =?utf-8?Q?ok?=",
		     NULL, "Ответ: ok");
	/* Words of two charsets side by side, each converted alone. */
	check_header(__LINE__, "=?windows-1251?B?zvLi5fI=?= =?koi8-r?B?8MXSxdPM?=",
		     NULL, "ОтветПересл");
	/* RFC 2231's language in the charset. */
	check_header(__LINE__, "=?utf-8*ru?Q?=D0=94=D0=B0?=", NULL, "Да");
	/* Not words: "=?" alone, a space inside, no end. */
	check_header(__LINE__, "a =? b =?utf-8?Q?x y?= c =?utf-8?Q?z", NULL,
		     "a =? b =?utf-8?Q?x y?= c =?utf-8?Q?z");
	/* Folding, tabs and controls as one space, the ends trimmed. */
	check_header(__LINE__, "  one\r\n\ttwo \x01 three\xe2\x80\xa8" "four ",
		     NULL, "one two three four");
	/* 8-bit text: UTF-8 as it is, else the fallback charset. */
	check_header(__LINE__, "Привет", NULL, "Привет");
	check_header(__LINE__, "\xcf\xf0\xe8\xe2\xe5\xf2", "windows-1251",
		     "Привет");
	CHECK(acct_eml_decode_header(&out, "\xcf\xf0\xe8", NULL, &err) ==
	      ACCT_EDATA);
	CHECK(strstr(err.msg, "not UTF-8") != NULL);
	CHECK(acct_eml_decode_header(&out, "=?x-nonesuch?B?SGVsbG8=?=", NULL,
				     &err) == ACCT_EDATA);
	CHECK(strstr(err.msg, "'x-nonesuch' is not known") != NULL);
	CHECK_INT(out.len, 0);
	acct_buf_release(&out);
}

/* GMime's own decoder, fed what eml_b_to_q() makes, gets it right. */
static void test_b_to_q(void)
{
	struct acct_buf q = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	InternetAddressList *list;
	InternetAddress *ia;

	/*
	 * GMime is not linked: its functions called here are lib/dl.c's,
	 * which call the library once it is loaded, as acct does.
	 */
	if (!CHECK_MSG(acct_dl_gmime(&err) == 0, "%s", err.msg))
		return;
	g_mime_init();
	eml_b_to_q(&q, "=?UTF-8?B?SGVsbG8=?= =?UTF-8?B?IHdvcmxk?= <a@b.example>");
	CHECK_STR(q.buf, "=?UTF-8?Q?Hello?= =?UTF-8?Q?=20world?= <a@b.example>");
	list = internet_address_list_parse(NULL, q.buf);
	CHECK(list && internet_address_list_length(list) == 1);
	if (list && internet_address_list_length(list) == 1) {
		ia = internet_address_list_get_address(list, 0);
		CHECK_STR(internet_address_get_name(ia), "Hello world");
	}
	if (list)
		g_object_unref(list);
	acct_buf_release(&q);
}

static void check_summary(int at, const char *subject, const char *want)
{
	struct acct_buf out = ACCT_BUF_INIT;

	acct_eml_summary(&out, subject);
	CHECK_MSG(!strcmp(out.buf, want), "line %d: '%s', want '%s'", at,
		  out.buf, want);
	acct_buf_release(&out);
}

static void test_summary(void)
{
	check_summary(__LINE__, "Re: Budget", "Budget");
	check_summary(__LINE__, "RE: Fwd: re: FW: Budget", "Budget");
	check_summary(__LINE__, "Re[2]: Re(3): Re^4: Budget", "Budget");
	check_summary(__LINE__, "Ответ: Пересл.: Бюджет", "Бюджет");
	check_summary(__LINE__, "ОТВЕТ: отв: Бюджет", "Бюджет");
	check_summary(__LINE__, "AW: WG: Angebot", "Angebot");
	check_summary(__LINE__, "Re : Budget", "Budget");
	/* A colon that is no prefix's stays. */
	check_summary(__LINE__, "Q4: the budget", "Q4: the budget");
	check_summary(__LINE__, "Report: Re: x", "Report: Re: x");
	check_summary(__LINE__, "Re:", "(no subject)");
	check_summary(__LINE__, "", "(no subject)");
}

static void test_to_utf8(void)
{
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;

	CHECK(acct_eml_to_utf8(&out, "\xf0\xd2\xc9\xd7\xc5\xd4", 6, "KOI8-R",
			       &err) == 0);
	CHECK_STR(out.buf, "Привет");
	acct_buf_reset(&out);
	CHECK(acct_eml_to_utf8(&out, "\xcf\xf0\xe8\xe2\xe5\xf2", 6, "cp1251",
			       &err) == 0);
	CHECK_STR(out.buf, "Привет");
	acct_buf_reset(&out);
	CHECK(acct_eml_to_utf8(&out, "ok \xd0\xb4", 5, NULL, &err) == 0);
	CHECK_STR(out.buf, "ok д");
	acct_buf_reset(&out);
	/* 0x98 is no character of windows-1251. */
	CHECK(acct_eml_to_utf8(&out, "ab\x98", 3, "windows-1251", &err) ==
	      ACCT_EDATA);
	CHECK(strstr(err.msg, "byte 3") != NULL);
	CHECK(acct_eml_to_utf8(&out, "ab\xff", 3, NULL, &err) == ACCT_EDATA);
	CHECK(strstr(err.msg, "names no charset") != NULL);
	CHECK(acct_eml_to_utf8(&out, "ab\xff", 3, "us-ascii", &err) ==
	      ACCT_EDATA);
	CHECK(acct_eml_to_utf8(&out, "ab", 2, "x-nonesuch", &err) == ACCT_EDATA);
	CHECK(strstr(err.msg, "'x-nonesuch' is not known") != NULL);
	CHECK_INT(out.len, 0);
	acct_buf_release(&out);
}

static void check_plain(int at, const char *in, int flowed, int delsp,
			const char *want)
{
	struct acct_buf out = ACCT_BUF_INIT;

	acct_eml_plain(&out, in, strlen(in), flowed, delsp);
	CHECK_MSG(!strcmp(out.buf, want), "line %d: '%s', want '%s'", at,
		  out.buf, want);
	acct_buf_release(&out);
}

static void test_plain(void)
{
	check_plain(__LINE__, "\r\n\r\nOne\r\nTwo  \rThree\x01\n\n\n", 0, 0,
		    "One\nTwo\nThree\n");
	/* RFC 3676: soft breaks joined, space-stuffing undone, the
	 * signature separator kept. */
	check_plain(__LINE__, "A long \nline.\n From here\n-- \nIvan\n", 1, 0,
		    "A long line.\nFrom here\n--\nIvan\n");
	check_plain(__LINE__, "Сло\xd0\xb2 \nо\n", 1, 1, "Слово\n");
	check_plain(__LINE__, "> quoted \n> on\nnew\n", 1, 0,
		    "> quoted on\nnew\n");
	check_plain(__LINE__, "Soft \n> quote\n", 1, 0, "Soft\n> quote\n");
}

static void check_fold(int at, const char *in, const char *want,
		       size_t nwant)
{
	struct acct_buf out = ACCT_BUF_INIT;
	size_t n = acct_eml_fold_quotes(&out, in, strlen(in));

	CHECK_MSG(!strcmp(out.buf, want) && n == nwant,
		  "line %d: '%s' (%zu), want '%s' (%zu)", at, out.buf, n, want,
		  nwant);
	acct_buf_release(&out);
}

static void test_fold(void)
{
	check_fold(__LINE__, "Yes.\n\nOn Mon, 30 Nov 2026, Anna wrote:\n> Ok?\n",
		   "Yes.\n", 2);
	check_fold(__LINE__, "Да.\n\n30.11.2026 10:00, Anna Petrova пишет:\n\n"
		   ">> Old\n> Ok?\n>\n", "Да.\n", 3);
	check_fold(__LINE__, "Да.\n\nпн, 30 нояб. 2026 г. в 18:00, Анна "
		   "Петрова <anna@agency.example>:\n> Ок?\n", "Да.\n", 2);
	check_fold(__LINE__, "Да.\n\nВ понедельник Анна Петрова\nнаписал(а):\n"
		   "> Ок?\n", "Да.\n", 3);
	/* Wrapped the English way. */
	check_fold(__LINE__, "Yes.\nOn Mon, 30 Nov 2026 at 09:00, Anna Petrova <\n"
		   "anna@agency.example> wrote:\n> Ok?\n", "Yes.\n", 3);
	/* Interleaved: the answers stay, one blank line between. */
	check_fold(__LINE__, "> Q1?\nA1.\n\n> Q2?\n\nA2.\n", "A1.\n\nA2.\n", 2);
	/* A line that says "wrote:" with no quote below stays. */
	check_fold(__LINE__, "He wrote:\nnothing\n", "He wrote:\nnothing\n", 0);
	/* Outlook: the original message below, whatever follows. */
	check_fold(__LINE__, "Ok.\n\n-----Original Message-----\nFrom: A\n"
		   "Sent: Monday\n\nOld text.\n", "Ok.\n", 4);
	check_fold(__LINE__, "Ok.\n\nОт: Анна\nОтправлено: 30 ноября\nТема: x\n\n"
		   "Старое.\n", "Ok.\n", 4);
	check_fold(__LINE__, "From: the start\nof a sentence.\n",
		   "From: the start\nof a sentence.\n", 0);
}

static void check_html(int at, const char *html, const char *want)
{
	struct acct_buf out = ACCT_BUF_INIT;

	struct acct_error err = ACCT_ERROR_INIT;

	CHECK_MSG(acct_eml_html_text(&out, html, strlen(html), &err) == 0,
		  "line %d: %s", at, err.msg);
	CHECK_MSG(!strcmp(out.buf, want), "line %d: '%s', want '%s'", at,
		  out.buf, want);
	acct_buf_release(&out);
}

static void test_html(void)
{
	check_html(__LINE__, "<p>One<br>two</p><p>Three &amp; <b>four</b></p>",
		   "One\ntwo\n\nThree & four\n");
	check_html(__LINE__, "<html><head><title>T</title><style>p{}</style>"
		   "</head><body><script>x()</script><ul><li>a</li><li>b"
		   "</ul></body></html>", "- a\n- b\n");
	check_html(__LINE__, "<div>See <a href=\"https://x.example/a\">this"
		   "</a> or <a href=\"https://y.example\">https://y.example</a>"
		   "</div>", "See this (https://x.example/a) or "
		   "https://y.example\n");
	check_html(__LINE__, "<div>Yes.</div><blockquote>Q<br>R</blockquote>"
		   "<div>after</div>", "Yes.\n\n> Q\n> R\n\nafter\n");
	/* Outlook's no-break spaces and a charset that must not switch. */
	check_html(__LINE__, "<meta charset=\"koi8-r\"><p>a&nbsp;\xc2\xa0"
		   "b Привет</p>", "a b Привет\n");
	check_html(__LINE__, "<pre>  x\n  y</pre>", "  x\n  y\n");
	check_html(__LINE__, "", "");
}

static void test_size_ours(void)
{
	struct acct_buf out = ACCT_BUF_INIT;
	char dom[] = "agency.example";
	char *domains[] = { dom, NULL };

	acct_eml_size(&out, 812);
	acct_buf_addch(&out, ' ');
	acct_eml_size(&out, 24678);
	acct_buf_addch(&out, ' ');
	acct_eml_size(&out, 20971520);
	CHECK_STR(out.buf, "812 bytes 24.1 KB 20.0 MB");
	acct_buf_release(&out);
	CHECK(acct_eml_is_ours("Anna@Agency.example", "anna@agency.example",
			       NULL, 0));
	CHECK(acct_eml_is_ours("boris@AGENCY.example", NULL, domains, 1));
	CHECK(acct_eml_is_ours("boris@mail.agency.example", NULL, domains, 1));
	CHECK(!acct_eml_is_ours("boris@badagency.example", NULL, domains, 1));
	CHECK(!acct_eml_is_ours("ivan@romashka.example", "anna@agency.example",
				domains, 1));
}

static struct acct_eml *read_fixture(const char *name, int pipe_it)
{
	struct acct_eml *m = NULL;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf path = ACCT_BUF_INIT;
	int fd, p[2];

	acct_buf_addf(&path, FIXTURES "%s", name);
	fd = open(path.buf, O_RDONLY);
	CHECK_MSG(fd >= 0, "cannot open %s", path.buf);
	if (fd >= 0 && pipe_it && pipe(p) == 0) {
		char buf[65536];
		ssize_t n = read(fd, buf, sizeof(buf));

		/* The fixtures are small: one write fits in the pipe. */
		CHECK(n > 0 && n < 65536 && write(p[1], buf, (size_t)n) == n);
		close(p[1]);
		close(fd);
		fd = p[0];
	}
	if (fd >= 0 && acct_eml_read(&m, fd, path.buf, 1 << 20, &err) < 0)
		CHECK_MSG(0, "%s: %s", name, err.msg);
	if (fd >= 0)
		close(fd);
	acct_buf_release(&path);
	return m;
}

static void test_read(void)
{
	int pipe_it;

	for (pipe_it = 0; pipe_it < 2; pipe_it++) {
		struct acct_eml *m = read_fixture("thunderbird-utf8-qp.eml",
						  pipe_it);

		if (!m)
			continue;
		CHECK_STR(m->subject, "Re: Бюджет на декабрь");
		CHECK_STR(m->message_id, "<8f2a6c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b"
			  "@romashka.example>");
		CHECK_INT(m->date.off, 180);
		CHECK_INT(m->nfrom, 1);
		CHECK_STR(m->from[0].name, "Иван Иванов");
		CHECK_STR(m->from[0].addr, "ivan@romashka.example");
		CHECK(!m->html && m->quoted == 3 && m->natt == 0);
		CHECK(strstr(m->text.buf, "Креативы пришлём") != NULL);
		acct_eml_free(m);
	}
	{
		struct acct_eml *m = read_fixture("mixed-attachments.eml", 1);

		if (m) {
			CHECK_INT(m->natt, 4);
			if (m->natt == 4) {
				CHECK_STR(m->att[0].name, "price-list.pdf");
				CHECK_INT(m->att[0].size, 2064);
				CHECK_STR(m->att[1].name, "Медиаплан декабрь.xlsx");
				CHECK_STR(m->att[2].name, "Бриф v2.docx");
				CHECK_INT(m->att[2].size, 300);
				CHECK_STR(m->att[3].name, "Brief v2.eml");
			}
			acct_eml_free(m);
		}
	}
	{
		struct acct_eml *m = read_fixture("outlook-1251-base64.eml", 0);

		if (m) {
			CHECK_STR(m->from[0].name, "Пётр Петров");
			CHECK_INT(m->ncc, 1);
			CHECK_STR(m->subject, "RE: Пересл.: Медиаплан");
			CHECK(strstr(m->text.buf, "Original") == NULL);
			acct_eml_free(m);
		}
	}
}

static void test_read_errors(void)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "", "is not an e-mail message" },
		{ "junk\n", "line 1, 'junk', is no header" },
		{ "From: a@b.example\nDate: Tue, 1 Dec 2026 10:00 +0300\nX\n\nt\n",
		  ":3: 'X' is no header" },
		{ "Date: Tue, 1 Dec 2026 10:00 +0300\n\nt\n", "has no From:" },
		{ "From: nobody\nDate: Tue, 1 Dec 2026 10:00 +0300\n\nt\n",
		  "From: header 'nobody' holds no address" },
		{ "From: a@b.example\n\nt\n", "has no Date:" },
		{ "From: a@b.example\nDate: 32 Foo 2026\n\nt\n",
		  "Date: header '32 Foo 2026' is not a date" },
		{ "From: a@b.example\nFrom: c@d.example\nDate: Tue, 1 Dec 2026 "
		  "10:00 +0300\n\nt\n", "two different" },
		{ "From: a@b.example\nDate: Tue, 1 Dec 2026 10:00 +0300\n"
		  "Content-Type: text/plain; charset=x-nonesuch\n\nt\n",
		  "text/plain part: the charset 'x-nonesuch' is not known" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct acct_eml *m = NULL;
		struct acct_error err = ACCT_ERROR_INIT;
		int p[2], rc = -1;

		if (pipe(p) < 0)
			continue;
		if (write(p[1], cases[i].text, strlen(cases[i].text)) < 0)
			CHECK(0);
		close(p[1]);
		rc = acct_eml_read(&m, p[0], "m.eml", 1 << 20, &err);
		close(p[0]);
		CHECK_MSG(rc == ACCT_EDATA && !m &&
			  strstr(err.msg, cases[i].msg),
			  "case %zu: %d '%s', want '%s'", i, rc, err.msg,
			  cases[i].msg);
		acct_eml_free(m);
	}
}

/* A part's type with a byte that is no UTF-8 names it in UTF-8 still. */
static void test_type_8bit(void)
{
	const char text[] = "From: a@b.example\nDate: Tue, 1 Dec 2026 10:00 "
		"+0300\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
		"Content-Type: text/plain\n\nhi\n--b\nContent-Type: t\x93xt/html"
		"\n\nx\n--b--\n";
	struct acct_eml *m = NULL;
	struct acct_error err = ACCT_ERROR_INIT;
	int p[2];

	if (pipe(p) < 0)
		return;
	CHECK(write(p[1], text, sizeof(text) - 1) == (ssize_t)sizeof(text) - 1);
	close(p[1]);
	CHECK(acct_eml_read(&m, p[0], "m.eml", 1 << 20, &err) == 0);
	close(p[0]);
	CHECK(m && m->natt == 1);
	if (m && m->natt == 1)
		CHECK_MSG(acct_text_check_line(m->att[0].name, "name", NULL) == 0,
			  "'%s'", m->att[0].name);
	acct_eml_free(m);
}

static void test_config(void)
{
	struct acct_config cfg;
	struct acct_error err = ACCT_ERROR_INIT;
	const char ok[] = "agency:\n  domains: [Agency.example, mail.agency.ru]\n";
	const char bad[] = "agency:\n  domains: [\"@agency.example\"]\n";

	CHECK(acct_config_parse(&cfg, "c.yaml", ok, strlen(ok), &err) == 0);
	CHECK_INT(cfg.nagency_domains, 2);
	if (cfg.nagency_domains == 2) {
		CHECK_STR(cfg.agency_domains[0], "agency.example");
		CHECK_STR(cfg.agency_domains[1], "mail.agency.ru");
	}
	acct_config_release(&cfg);
	CHECK(acct_config_parse(&cfg, "c.yaml", bad, strlen(bad), &err) ==
	      ACCT_EDATA);
	CHECK(strstr(err.msg, "is not a mail domain") && err.line == 2);
}

int main(void)
{
	test_decode_header();
	test_b_to_q();
	test_summary();
	test_to_utf8();
	test_plain();
	test_fold();
	test_html();
	test_size_ours();
	test_read();
	test_read_errors();
	test_type_8bit();
	test_config();
	return test_report("eml");
}
