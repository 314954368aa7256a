#include "acct/text.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "harness.h"
#include "acct/banned.h"

#define UTF8(s) acct_text_is_utf8((s), sizeof(s) - 1)

/* The message of acct_text_check_line(), or "" when it passes. */
#define CHECK_LINE(s, want) do { \
	struct acct_error e_ = ACCT_ERROR_INIT; \
	int rc_ = acct_text_check_line((s), "name", &e_); \
	const char *w_ = (want); \
	CHECK_MSG(rc_ == (*w_ ? ACCT_EUSAGE : 0) && !strcmp(e_.msg, w_), \
		  "check_line(%s) == %d \"%s\", want \"%s\"", #s, rc_, \
		  e_.msg, w_); \
} while (0)

#define CHECK_ESCAPE(s, want) do { \
	struct acct_buf b_ = ACCT_BUF_INIT; \
	acct_text_escape_terminal(&b_, (s), sizeof(s) - 1); \
	CHECK_MSG(!strcmp(b_.buf, (want)), "escape(%s) == \"%s\", want \"%s\"", \
		  #s, b_.buf, (want)); \
	acct_buf_release(&b_); \
} while (0)

#define CHECK_WIDTH(s, want) \
	CHECK_MSG(acct_text_width((s), sizeof(s) - 1) == (want), \
		  "width(%s) == %zu, want %d", #s, \
		  acct_text_width((s), sizeof(s) - 1), (want))

#define CHECK_NFC(s, want) do { \
	struct acct_buf b_ = ACCT_BUF_INIT; \
	struct acct_error e_ = ACCT_ERROR_INIT; \
	int rc_ = acct_text_nfc(&b_, (s), sizeof(s) - 1, &e_); \
	CHECK_MSG(!rc_ && b_.len == sizeof(want) - 1 && \
		  !memcmp(b_.buf, (want), sizeof(want) - 1), \
		  "nfc(%s) == %d \"%s\" (%s), want \"%s\"", #s, rc_, b_.buf, \
		  e_.msg, (want)); \
	acct_buf_release(&b_); \
} while (0)

static void test_text__utf8_valid(void)
{
	CHECK(acct_text_is_utf8("", 0));
	CHECK(UTF8("abc"));
	CHECK(UTF8("ООО «Ромашка»"));
	CHECK(UTF8("\xe2\x82\xac"));		/* € */
	CHECK(UTF8("\xf0\x9d\x84\x9e"));	/* U+1D11E, four bytes */
	CHECK(UTF8("\xed\x9f\xbf"));		/* U+D7FF, before the surrogates */
	CHECK(UTF8("\xee\x80\x80"));		/* U+E000, after them */
	CHECK(UTF8("\xef\xbf\xbf"));		/* U+FFFF, a noncharacter */
	CHECK(UTF8("\xf4\x8f\xbf\xbf"));	/* U+10FFFF, the last */
	/* Only `len` bytes count. */
	CHECK(acct_text_is_utf8("abc\xff", 3));
}

static void test_text__utf8_overlong(void)
{
	CHECK(!UTF8("\xc0\x80"));		/* NUL in two bytes */
	CHECK(!UTF8("\xc0\xaf"));		/* '/' in two bytes */
	CHECK(!UTF8("\xc1\xbf"));
	CHECK(!UTF8("\xe0\x80\xaf"));
	CHECK(!UTF8("\xe0\x9f\xbf"));
	CHECK(!UTF8("\xf0\x80\x80\xaf"));
	CHECK(!UTF8("\xf0\x8f\xbf\xbf"));
}

static void test_text__utf8_surrogates(void)
{
	CHECK(!UTF8("\xed\xa0\x80"));		/* U+D800 */
	CHECK(!UTF8("\xed\xbf\xbf"));		/* U+DFFF */
	CHECK(!UTF8("\xed\xa0\xbd\xed\xb8\x80"));	/* a CESU-8 pair */
}

static void test_text__utf8_out_of_range(void)
{
	CHECK(!UTF8("\xf4\x90\x80\x80"));	/* U+110000 */
	CHECK(!UTF8("\xf5\x80\x80\x80"));
	CHECK(!UTF8("\xf8\x88\x80\x80\x80"));
	CHECK(!UTF8("\xfe"));
	CHECK(!UTF8("\xff"));
}

static void test_text__utf8_truncated(void)
{
	CHECK(!UTF8("\xd0"));
	CHECK(!UTF8("\xe2\x82"));
	CHECK(!UTF8("a\xf0\x9f\x99"));
	CHECK(!acct_text_is_utf8("\xe2\x82\xac", 2));
	CHECK(!UTF8("\xe2\x82" "a"));		/* a lead byte, then ASCII */
	CHECK(!UTF8("\x80"));			/* a stray continuation */
	CHECK(!UTF8("a\xbf" "b"));
	/* after a run of ASCII, at the very end */
	CHECK(!UTF8("The weekly plan, sent by chat\xd0"));
	CHECK(!UTF8("The weekly plan, sent by chat\x80"));
	CHECK(UTF8("The weekly plan, sent by chat \xd0\xbf"));
	CHECK(!UTF8("\x7f\x01 \xe2\x82"));
}

/* What utf8proc says of the bytes, a character at a time, no NUL. */
static int utf8_by_utf8proc(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(s + i,
						      (utf8proc_ssize_t)(len - i),
						      &c);

		if (n <= 0 || !c)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/*
 * Every sequence of one and two bytes, of three bytes with a lead byte
 * above 0xdf, and of four with one above 0xef (the second byte varying
 * over all 256, the rest over the edges of the continuation range): the
 * same answer as utf8proc's.
 */
static void test_text__utf8_as_utf8proc(void)
{
	static const unsigned char edge[] = { 0x00, 0x41, 0x7f, 0x80, 0x8f,
					      0x90, 0x9f, 0xa0, 0xbf, 0xc0,
					      0xff };
	unsigned char b[4];
	unsigned a, x, y, z;
	int bad = 0;

	for (a = 0; a < 256 && !bad; a++) {
		b[0] = (unsigned char)a;
		bad |= acct_text_is_utf8((char *)b, 1) != utf8_by_utf8proc(b, 1);
		for (x = 0; x < 256 && !bad; x++) {
			b[1] = (unsigned char)x;
			bad |= acct_text_is_utf8((char *)b, 2) !=
			       utf8_by_utf8proc(b, 2);
			for (y = 0; a >= 0xe0 && y < sizeof(edge) && !bad; y++) {
				b[2] = edge[y];
				bad |= acct_text_is_utf8((char *)b, 3) !=
				       utf8_by_utf8proc(b, 3);
				for (z = 0; a >= 0xf0 && z < sizeof(edge); z++) {
					b[3] = edge[z];
					bad |= acct_text_is_utf8((char *)b, 4) !=
					       utf8_by_utf8proc(b, 4);
				}
			}
		}
	}
	CHECK_MSG(!bad, "%02x %02x %02x %02x: %d, utf8proc %d", b[0], b[1],
		  b[2], b[3], acct_text_is_utf8((char *)b, 4),
		  utf8_by_utf8proc(b, 4));
}

/* Eight bytes at a time: a NUL or a byte above 0x7f at each place. */
static void test_text__utf8_words(void)
{
	char s[24];
	size_t i;

	for (i = 0; i < sizeof(s); i++) {
		memset(s, 'a', sizeof(s));
		CHECK(acct_text_is_utf8(s, sizeof(s)));
		s[i] = '\0';
		CHECK_MSG(!acct_text_is_utf8(s, sizeof(s)), "NUL at %zu", i);
		s[i] = '\x80';
		CHECK_MSG(!acct_text_is_utf8(s, sizeof(s)), "0x80 at %zu", i);
		s[i] = '\x7f';
		CHECK_MSG(acct_text_is_utf8(s, sizeof(s)), "0x7f at %zu", i);
		s[i] = '\x01';
		CHECK_MSG(acct_text_is_utf8(s, sizeof(s)), "0x01 at %zu", i);
	}
}

static void test_text__utf8_nul(void)
{
	CHECK(!UTF8("\0"));
	CHECK(!UTF8("a\0b"));
	CHECK(!UTF8("Ромашка\0"));
}

static void test_text__check_line_ok(void)
{
	CHECK_LINE("Acme", "");
	CHECK_LINE("", "");
	CHECK_LINE("ООО «Ромашка»", "");
	CHECK_LINE("Café Müller & Co.", "");
	CHECK_LINE("漢字 🙂", "");
	CHECK_LINE("a\\nb", "");		/* a backslash and an n */
	CHECK_INT(acct_text_check_line("fine", "name", NULL), 0);
}

static void test_text__check_line_breaks(void)
{
	const char *msg = "name must be a single line of text";
	struct acct_error err = ACCT_ERROR_INIT;

	CHECK_LINE("a\nb", msg);
	CHECK_LINE("Acme\n", msg);
	CHECK_LINE("a\rb", msg);
	CHECK_LINE("a\r\nb", msg);
	CHECK_LINE("a\vb", msg);
	CHECK_LINE("a\fb", msg);
	CHECK_LINE("a\xc2\x85" "b", msg);	/* NEL, U+0085 */
	CHECK_LINE("a\xe2\x80\xa8" "b", msg);	/* U+2028 */
	CHECK_LINE("a\xe2\x80\xa9" "b", msg);	/* U+2029 */

	CHECK_INT(acct_text_check_line("x\ny", "summary", &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "summary must be a single line of text");
	CHECK_INT(err.code, ACCT_EUSAGE);
	CHECK_INT(acct_text_check_line("x\ny", "summary", NULL), ACCT_EUSAGE);
}

static void test_text__check_line_controls(void)
{
	CHECK_LINE("a\tb", "name must be a single line of text without control characters (it holds U+0009)");
	CHECK_LINE("\x1b[31mred", "name must be a single line of text without control characters (it holds U+001B)");
	CHECK_LINE("\x01", "name must be a single line of text without control characters (it holds U+0001)");
	CHECK_LINE("a\x7f", "name must be a single line of text without control characters (it holds U+007F)");
	CHECK_LINE("\xc2\x80", "name must be a single line of text without control characters (it holds U+0080)");
	CHECK_LINE("a\xc2\x9b" "31m", "name must be a single line of text without control characters (it holds U+009B)");
	CHECK_LINE("\xc2\x9f", "name must be a single line of text without control characters (it holds U+009F)");
	/* U+00A0, just past C1, is fine. */
	CHECK_LINE("a\xc2\xa0" "b", "");
}

static void test_text__check_line_not_utf8(void)
{
	const char *msg = "name is not UTF-8 text";

	CHECK_LINE("Acme\xff", msg);
	CHECK_LINE("\xc0\xae\xc0\xae", msg);
	CHECK_LINE("\xed\xa0\x80", msg);
	CHECK_LINE("Ром\xd0", msg);
	/* Not UTF-8 wins over a line break. */
	CHECK_LINE("\xff\n", msg);
}

static void test_text__escape_plain(void)
{
	struct acct_buf b = ACCT_BUF_INIT;

	CHECK_ESCAPE("", "");
	CHECK_ESCAPE("Acme", "Acme");
	CHECK_ESCAPE("ООО «Ромашка» 漢字 🙂", "ООО «Ромашка» 漢字 🙂");
	CHECK_ESCAPE("a\\b", "a\\b");
	CHECK_ESCAPE("\xc2\xa0", "\xc2\xa0");
	/* It appends. */
	acct_buf_addstr(&b, "> ");
	acct_text_escape_terminal(&b, "a\nb", 3);
	CHECK_STR(b.buf, "> a\\nb");
	acct_buf_release(&b);
}

static void test_text__escape_controls(void)
{
	CHECK_ESCAPE("a\nb\tc\rd", "a\\nb\\tc\\rd");
	CHECK_ESCAPE("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m");
	CHECK_ESCAPE("\x01\x07\x08\x0b\x0c\x1f", "\\x01\\x07\\x08\\x0b\\x0c\\x1f");
	CHECK_ESCAPE("a\x7f", "a\\x7f");
	CHECK_ESCAPE("a\0b", "a\\x00b");
	CHECK_ESCAPE("\xc2\x85", "\\u{0085}");
	CHECK_ESCAPE("\xc2\x9b" "2J", "\\u{009b}2J");
	CHECK_ESCAPE("\xc2\x80\xc2\x9f", "\\u{0080}\\u{009f}");
}

static void test_text__escape_bidi(void)
{
	CHECK_ESCAPE("abc\xe2\x80\xae" "evil", "abc\\u{202e}evil");
	CHECK_ESCAPE("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
		     "\\u{202a}\\u{202b}\\u{202c}\\u{202d}");
	CHECK_ESCAPE("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
		     "\\u{2066}\\u{2067}\\u{2068}\\u{2069}");
	CHECK_ESCAPE("\xe2\x80\x8e\xe2\x80\x8f", "\\u{200e}\\u{200f}");
	CHECK_ESCAPE("\xd8\x9c", "\\u{061c}");
	/* Neighbours of the bidi controls stay. */
	CHECK_ESCAPE("\xe2\x80\xaf\xe2\x80\x8d", "\xe2\x80\xaf\xe2\x80\x8d");
}

static void test_text__escape_invalid(void)
{
	CHECK_ESCAPE("a\xff" "b", "a\\xffb");
	CHECK_ESCAPE("\xc0\xaf", "\\xc0\\xaf");
	CHECK_ESCAPE("\xe2\x82", "\\xe2\\x82");
	CHECK_ESCAPE("\xed\xa0\x80", "\\xed\\xa0\\x80");
	CHECK_ESCAPE("\x80\xbf", "\\x80\\xbf");
	/* A broken sequence does not swallow the character after it. */
	CHECK_ESCAPE("\xd0\xd0\xb0", "\\xd0\xd0\xb0");
	CHECK_ESCAPE("\xe2\x82\n", "\\xe2\\x82\\n");
}

static void test_text__width(void)
{
	CHECK_WIDTH("", 0);
	CHECK_WIDTH("abc", 3);
	CHECK_WIDTH("Ромашка", 7);
	CHECK_WIDTH("漢字", 4);
	CHECK_WIDTH("日本語abc", 9);
	CHECK_WIDTH("한국", 4);
	CHECK_WIDTH("🙂", 2);
	CHECK_WIDTH("\xc3\xa9", 1);		/* é */
	CHECK_WIDTH("e\xcc\x81", 1);		/* e + U+0301 */
	CHECK_WIDTH("\xd0\x98\xcc\x86", 1);	/* И + U+0306 */
	CHECK_WIDTH("a\xcc\x81\xcc\xa3\xcc\x88", 1);
	CHECK_WIDTH("\xff", 1);
	CHECK_WIDTH("a\xff" "b", 3);
	CHECK_WIDTH("\xe2\x82", 2);
}

static void test_text__nfc(void)
{
	struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;

	CHECK_NFC("", "");
	CHECK_NFC("Acme", "Acme");
	CHECK_NFC("\xd0\x98\xcc\x86", "\xd0\x99");		/* Й */
	CHECK_NFC("\xd0\x95\xcc\x88" "лка", "\xd0\x81" "лка");	/* Ёлка */
	CHECK_NFC("Cafe\xcc\x81", "Caf\xc3\xa9");
	CHECK_NFC("\xe2\x84\xab", "\xc3\x85");		/* Angstrom sign */
	CHECK_NFC("Ромашка", "Ромашка");
	/* NFC is not NFKC: the ligature stays. */
	CHECK_NFC("\xef\xac\x81", "\xef\xac\x81");

	/* Marks in either order give the same text. */
	CHECK_INT(acct_text_nfc(&a, "a\xcc\x81\xcc\xa3", 5, &err), 0);
	CHECK_INT(acct_text_nfc(&b, "a\xcc\xa3\xcc\x81", 5, &err), 0);
	CHECK_STR(a.buf, b.buf);

	/* It appends. */
	acct_buf_reset(&a);
	acct_buf_addstr(&a, "x");
	CHECK_INT(acct_text_nfc(&a, "e\xcc\x81", 3, &err), 0);
	CHECK_STR(a.buf, "x\xc3\xa9");
	acct_buf_release(&a);
	acct_buf_release(&b);
}

static void test_text__nfc_invalid(void)
{
	struct acct_buf b = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;

	acct_buf_addstr(&b, "kept");
	CHECK_INT(acct_text_nfc(&b, "a\xff", 2, &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "text is not UTF-8");
	CHECK_INT(acct_text_nfc(&b, "\xed\xa0\x80", 3, &err), ACCT_EUSAGE);
	CHECK_INT(acct_text_nfc(&b, "a\0b", 3, &err), ACCT_EUSAGE);
	CHECK_INT(acct_text_nfc(&b, "\xe2\x82", 2, NULL), ACCT_EUSAGE);
	CHECK_STR(b.buf, "kept");
	acct_buf_release(&b);
}

/* Lines end at "\n", "\r\n" and a lone "\r", as cmark's do. */
static void test_text__lines(void)
{
	static const char s[] = "a\nb\r\nc\rd\r\r\ne";
	struct acct_text_lines l = ACCT_TEXT_LINES_INIT;
	size_t next = 0;

	acct_text_lines_init(&l, s, sizeof(s) - 1);
	CHECK_INT(l.n, 6);
	CHECK_INT(acct_text_lines_at(&l, 1), 0);	/* a */
	CHECK_INT(acct_text_lines_at(&l, 2), 2);	/* b */
	CHECK_INT(acct_text_lines_at(&l, 3), 5);	/* c */
	CHECK_INT(acct_text_lines_at(&l, 4), 7);	/* d */
	CHECK_INT(acct_text_lines_at(&l, 5), 9);	/* empty, then CRLF */
	CHECK_INT(acct_text_lines_at(&l, 6), 11);	/* e */
	CHECK_INT(acct_text_lines_at(&l, 7), sizeof(s) - 1);
	CHECK_INT(acct_text_lines_at(&l, 0), sizeof(s) - 1);
	acct_text_lines_release(&l);
	CHECK(l.at == NULL);

	/* A final break starts an empty last line; no text is one line. */
	acct_text_lines_init(&l, "x\r", 2);
	CHECK_INT(l.n, 2);
	CHECK_INT(acct_text_lines_at(&l, 2), 2);
	acct_text_lines_release(&l);
	acct_text_lines_init(&l, "", 0);
	CHECK_INT(l.n, 1);
	acct_text_lines_release(&l);

	CHECK_INT(acct_text_line_end(s, sizeof(s) - 1, 0, &next), 1);
	CHECK_INT(next, 2);
	CHECK_INT(acct_text_line_end(s, sizeof(s) - 1, 2, &next), 3);
	CHECK_INT(next, 5);
	CHECK_INT(acct_text_line_end(s, sizeof(s) - 1, 5, &next), 6);
	CHECK_INT(next, 7);
	CHECK_INT(acct_text_line_end(s, sizeof(s) - 1, 11, &next), 12);
	CHECK_INT(next, 12);
	CHECK_INT(acct_text_line_end(s, sizeof(s) - 1, 11, NULL), 12);

	CHECK_STR(acct_text_eol("a\r\nb\n", 5), "\r\n");
	CHECK_STR(acct_text_eol("a\rb\n", 4), "\r");
	CHECK_STR(acct_text_eol("a\nb\r", 4), "\n");
	CHECK_STR(acct_text_eol("a", 1), "\n");
	/* A CR at the very end, its LF not read: a lone CR. */
	CHECK_STR(acct_text_eol("a\r", 2), "\r");
}

/* Eight bytes at a time: a control or DEL anywhere still counts none. */
static void test_text__width_words(void)
{
	char s[20];
	size_t pos;
	int c;

	for (pos = 0; pos < sizeof(s); pos++)
		for (c = 1; c < 128; c++) {
			memset(s, 'a', sizeof(s));
			s[pos] = (char)c;
			CHECK(acct_text_width(s, sizeof(s)) ==
			      sizeof(s) - 1 + (c >= 0x20 && c < 0x7f));
		}
	memset(s, 'a', sizeof(s));
	memcpy(s + 5, "\xd0\x96", 2);		/* a Cyrillic letter: one */
	CHECK(acct_text_width(s, sizeof(s)) == sizeof(s) - 1);
}

/* ASCII folded without utf8proc, as utf8proc folds it: every byte. */
static void test_text__fold_ascii(void)
{
	struct acct_buf b = ACCT_BUF_INIT;
	char s[4];
	int c;

	for (c = 1; c < 128; c++) {
		utf8proc_uint8_t *f = NULL;

		s[0] = 'Q';
		s[1] = (char)c;
		s[2] = 'e';
		s[3] = '\0';
		CHECK(utf8proc_map((const utf8proc_uint8_t *)s, 3, &f,
				   UTF8PROC_STABLE | UTF8PROC_COMPOSE |
				   UTF8PROC_CASEFOLD) == 3);
		acct_buf_reset(&b);
		acct_text_fold(&b, s, 3);
		CHECK_STR(b.buf, (const char *)f);
		free(f);
	}
	acct_buf_reset(&b);
	acct_text_fold(&b, "A\0B", 3);	/* not text: as it is */
	CHECK(b.len == 3 && !memcmp(b.buf, "A\0B", 3));
	acct_buf_release(&b);
}

static void test_text__fold(void)
{
	struct acct_buf b = ACCT_BUF_INIT;

	acct_text_fold(&b, "Борис ИВАНОВ", strlen("Борис ИВАНОВ"));
	CHECK_STR(b.buf, "борис иванов");
	acct_buf_reset(&b);
	/* ß folds to ss; a decomposed é comes out composed. */
	acct_text_fold(&b, "Straße E\xcc\x81", strlen("Straße E\xcc\x81"));
	CHECK_STR(b.buf, "strasse \xc3\xa9");
	acct_buf_reset(&b);
	acct_text_fold(&b, "AB\xff", 3);
	CHECK_STR(b.buf, "AB\xff");
	acct_buf_reset(&b);
	acct_text_fold(&b, "", 0);
	CHECK_INT(b.len, 0);
	acct_buf_release(&b);
}

/* UTF-16 to UTF-8: both byte orders, pairs, and each refusal's place. */
static void test_text__from_utf16(void)
{
	static const char le[] = "\xff\xfe" "a\0\x16\x04\r\0\n\0"
				 "\x3d\xd8\x80\xde";
	static const char be[] = "\xfe\xff" "\0a\x04\x16\0\r\0\n"
				 "\xd8\x3d\xde\x80";
	struct acct_buf b = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;

	acct_buf_addstr(&b, ">");
	CHECK_INT(acct_text_from_utf16(&b, le, sizeof(le) - 1, "f", &err), 0);
	CHECK_STR(b.buf, ">a\xd0\x96\r\n\xf0\x9f\x9a\x80");
	acct_buf_reset(&b);
	CHECK_INT(acct_text_from_utf16(&b, be, sizeof(be) - 1, "f", &err), 0);
	CHECK_STR(b.buf, "a\xd0\x96\r\n\xf0\x9f\x9a\x80");
	acct_buf_reset(&b);
	CHECK_INT(acct_text_from_utf16(&b, "\xff\xfe", 2, "f", &err), 0);
	CHECK_INT(b.len, 0);

	/* On a refusal the buffer is as it was. */
	acct_buf_addstr(&b, "kept");
	CHECK_INT(acct_text_from_utf16(&b, "ab", 2, "f", &err), ACCT_EUSAGE);
	CHECK_INT(acct_text_from_utf16(&b, "\xff\xfe" "a\0\n\0b\0\x3d\xd8"
				       "c\0", 12, "f", &err), ACCT_EDATA);
	CHECK_STR(err.file, "f");
	CHECK_INT(err.line, 2);
	CHECK_INT(err.col, 2);
	CHECK_STR(err.msg, "UTF-16 high surrogate U+D83D is not followed by "
		  "a low surrogate");
	CHECK(err.hint[0]);
	CHECK_INT(acct_text_from_utf16(&b, "\xff\xfe" "a\0\x80\xde", 6, "f",
				       &err), ACCT_EDATA);
	CHECK_INT(err.col, 2);
	CHECK_STR(err.msg, "UTF-16 low surrogate U+DE80 has no high "
		  "surrogate before it");
	CHECK_INT(acct_text_from_utf16(&b, "\xff\xfe" "a\0\r\0\r\0b", 9,
				       "f", &err), ACCT_EDATA);
	CHECK_INT(err.line, 3);
	CHECK_INT(err.col, 1);
	CHECK_INT(acct_text_from_utf16(&b, "\xff\xfe" "\0\0", 4, "f", &err),
		  ACCT_EDATA);
	CHECK_STR(err.msg, "NUL character in the file; it must be text");
	CHECK_STR(b.buf, "kept");
	CHECK_INT(b.len, 4);
	acct_buf_release(&b);
}

int main(void)
{
	test_text__utf8_valid();
	test_text__utf8_overlong();
	test_text__utf8_surrogates();
	test_text__utf8_out_of_range();
	test_text__utf8_truncated();
	test_text__utf8_nul();
	test_text__utf8_as_utf8proc();
	test_text__utf8_words();
	test_text__check_line_ok();
	test_text__check_line_breaks();
	test_text__check_line_controls();
	test_text__check_line_not_utf8();
	test_text__escape_plain();
	test_text__escape_controls();
	test_text__escape_bidi();
	test_text__escape_invalid();
	test_text__width();
	test_text__nfc();
	test_text__nfc_invalid();
	test_text__lines();
	test_text__fold();
	test_text__fold_ascii();
	test_text__width_words();
	test_text__from_utf16();
	return test_report("text");
}
