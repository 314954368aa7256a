#include "acct/csv.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/text.h"
#include "harness.h"
#include "acct/banned.h"

/*
 * The records as text, one line each, every field in brackets and escaped
 * for the terminal ("\n" for a line feed inside a field): "[a][b]\n".
 */
static void render(struct acct_buf *out, const struct acct_csv *csv)
{
	size_t r, f;

	for (r = 0; r < csv->nrecords; r++) {
		const struct acct_csv_record *rec = &csv->records[r];

		for (f = 0; f < rec->nfields; f++) {
			const struct acct_csv_field *fld = &rec->fields[f];

			acct_buf_addch(out, '[');
			acct_text_escape_terminal(out, fld->text, fld->len);
			acct_buf_addch(out, ']');
			if (strlen(fld->text) != fld->len)
				acct_buf_addstr(out, "(len!)");
		}
		acct_buf_addch(out, '\n');
	}
}

/* Where things start: "1: 1:1 1:3\n" is a record on line 1 and its fields. */
static void render_pos(struct acct_buf *out, const struct acct_csv *csv)
{
	size_t r, f;

	for (r = 0; r < csv->nrecords; r++) {
		const struct acct_csv_record *rec = &csv->records[r];

		acct_buf_addf(out, "%zu:", rec->line);
		for (f = 0; f < rec->nfields; f++)
			acct_buf_addf(out, " %zu:%zu", rec->fields[f].line,
				      rec->fields[f].col);
		acct_buf_addch(out, '\n');
	}
}

/* Parse a string literal (NUL bytes included) and compare the records. */
#define CHECK_CSV_WITH(fn, data, sep, want) do { \
	struct acct_csv c_ = ACCT_CSV_INIT; \
	struct acct_error e_ = ACCT_ERROR_INIT; \
	struct acct_buf b_ = ACCT_BUF_INIT; \
	int rc_ = acct_csv_parse(&c_, "in.csv", (data), sizeof(data) - 1, \
				 (sep), &e_); \
	fn(&b_, &c_); \
	CHECK_MSG(!rc_ && !strcmp(b_.buf, (want)), \
		  "parse(%s) == %d (%s)\n%s\nwant\n%s", #data, rc_, e_.msg, \
		  b_.buf, (want)); \
	acct_buf_release(&b_); \
	acct_csv_release(&c_); \
} while (0)
#define CHECK_CSV(data, sep, want) CHECK_CSV_WITH(render, data, sep, want)
#define CHECK_CSV_POS(data, sep, want) \
	CHECK_CSV_WITH(render_pos, data, sep, want)

/* The separator that sniffing picks. */
#define CHECK_SNIFF(data, want) do { \
	struct acct_csv c_ = ACCT_CSV_INIT; \
	int rc_ = acct_csv_parse(&c_, "in.csv", (data), sizeof(data) - 1, \
				 0, NULL); \
	CHECK_MSG(!rc_ && c_.sep == (want), "sniff(%s) == %d '%c', want '%c'", \
		  #data, rc_, c_.sep, (want)); \
	acct_csv_release(&c_); \
} while (0)

/* An error, with its exact place and message. */
static void check_error(const char *data, size_t len, int sep, size_t line,
			size_t col, const char *msg, const char *where,
			int at)
{
	struct acct_csv c = ACCT_CSV_INIT;
	struct acct_error e = ACCT_ERROR_INIT;
	int rc = acct_csv_parse(&c, "in.csv", data, len, sep, &e);

	check_(rc == ACCT_EDATA && e.code == ACCT_EDATA &&
	       !strcmp(e.file, "in.csv") && e.line == line && e.col == col &&
	       !strcmp(e.msg, msg) && !c.records && !c.nrecords,
	       where, at, "error == %d %s:%zu:%zu: %s\nwant in.csv:%zu:%zu: %s",
	       rc, e.file, e.line, e.col, e.msg, line, col, msg);
	acct_csv_release(&c);
}

#define CHECK_ERR(data, sep, line, col, msg) \
	check_error((data), sizeof(data) - 1, (sep), (line), (col), (msg), \
		    __FILE__, __LINE__)

static const char after_quote[] =
	"after a closing quote; double a quote inside a quoted field";

static void test_csv__plain(void)
{
	CHECK_CSV("a,b,c\n1,2,3\n", 0, "[a][b][c]\n[1][2][3]\n");
	CHECK_CSV("a,b,c\n1,2,3", 0, "[a][b][c]\n[1][2][3]\n");
	CHECK_CSV("a", 0, "[a]\n");
	CHECK_CSV("a\n", 0, "[a]\n");
	/* Records may differ in length: that is the caller's to judge. */
	CHECK_CSV("a,b\nc\nd,e,f\n", 0, "[a][b]\n[c]\n[d][e][f]\n");
	/* Whitespace is kept. */
	CHECK_CSV(" a , b\t\n", ',', "[ a ][ b\\t]\n");
	CHECK_CSV("a b,  \n", 0, "[a b][  ]\n");
}

static void test_csv__empty_input(void)
{
	struct acct_csv c = ACCT_CSV_INIT;

	CHECK_CSV("", 0, "");
	CHECK_CSV("\n", 0, "");
	CHECK_CSV("\r\n\r\n\n\r", 0, "");
	CHECK_CSV("\xef\xbb\xbf", 0, "");
	CHECK_INT(acct_csv_parse(&c, "in.csv", NULL, 0, 0, NULL), 0);
	CHECK_INT(c.nrecords, 0);
	CHECK_INT(c.sep, ',');
	acct_csv_release(&c);
}

static void test_csv__quoted(void)
{
	CHECK_CSV("\"a\",\"b c\"\n", 0, "[a][b c]\n");
	CHECK_CSV("\"a\",b,\"c\"", 0, "[a][b][c]\n");
	CHECK_CSV("\"\",\"\"\n", 0, "[][]\n");
	CHECK_CSV("\"\"", 0, "[]\n");
	/* Whitespace inside the quotes is kept too. */
	CHECK_CSV("\"  a \"\n", 0, "[  a ]\n");
	CHECK_CSV("x,\"\"\n", 0, "[x][]\n");
}

static void test_csv__doubled_quotes(void)
{
	CHECK_CSV("\"say \"\"hi\"\"\"\n", 0, "[say \"hi\"]\n");
	CHECK_CSV("\"\"\"\"\n", 0, "[\"]\n");
	CHECK_CSV("\"\"\"\"\"\",x\n", 0, "[\"\"][x]\n");
	CHECK_CSV("\"5\"\" screen\",ok", 0, "[5\" screen][ok]\n");
	CHECK_CSV("\"a\"\"\"\n", 0, "[a\"]\n");
}

static void test_csv__inside_quotes(void)
{
	CHECK_CSV("\"a,b\",c\n", 0, "[a,b][c]\n");
	CHECK_CSV("\"a;b\";c\n", ';', "[a;b][c]\n");
	CHECK_CSV("\"a\tb\"\tc\n", '\t', "[a\\tb][c]\n");
	/* Line breaks inside quotes are kept as written. */
	CHECK_CSV("\"one\ntwo\",x\ny,z\n", 0, "[one\\ntwo][x]\n[y][z]\n");
	CHECK_CSV("\"one\r\ntwo\",x\r\ny,z\r\n", 0,
		  "[one\\r\\ntwo][x]\n[y][z]\n");
	CHECK_CSV("\"one\rtwo\",x\ry,z\r", 0, "[one\\rtwo][x]\n[y][z]\n");
	CHECK_CSV("\"\n\n\"\n", 0, "[\\n\\n]\n");
	CHECK_CSV("\"a\n\nb\"\n\nc\n", 0, "[a\\n\\nb]\n[c]\n");
	/* The lines count on through them. */
	CHECK_CSV_POS("\"one\ntwo\",x\ny,z\n", 0, "1: 1:1 2:6\n3: 3:1 3:3\n");
	CHECK_CSV_POS("\"a\r\nb\rc\nd\",x\ny\n", 0, "1: 1:1 4:4\n5: 5:1\n");
}

static void test_csv__line_ends(void)
{
	CHECK_CSV("a,b\r\nc,d\r\n", 0, "[a][b]\n[c][d]\n");
	CHECK_CSV("a,b\r\nc,d", 0, "[a][b]\n[c][d]\n");
	CHECK_CSV("a,b\rc,d\r", 0, "[a][b]\n[c][d]\n");
	CHECK_CSV("a,b\rc,d", 0, "[a][b]\n[c][d]\n");
	/* Mixed, and \n\r is two line ends, the second an empty line. */
	CHECK_CSV("a\nb\r\nc\rd\n\re\n", 0, "[a]\n[b]\n[c]\n[d]\n[e]\n");
	CHECK_CSV_POS("a\nb\r\nc\rd\n\re\n", 0,
		      "1: 1:1\n2: 2:1\n3: 3:1\n4: 4:1\n6: 6:1\n");
	CHECK_CSV_POS("a,b\r\n\r\nc,d\r\n", 0, "1: 1:1 1:3\n3: 3:1 3:3\n");
}

static void test_csv__bom(void)
{
	CHECK_CSV("\xef\xbb\xbf" "name,score\nIvan,9\n", 0,
		  "[name][score]\n[Ivan][9]\n");
	/* The mark is no character of the first field or column. */
	CHECK_CSV_POS("\xef\xbb\xbf" "name,score\n", 0, "1: 1:1 1:6\n");
	CHECK_CSV("\xef\xbb\xbf" "\"a\";b\n", 0, "[a][b]\n");
	CHECK_SNIFF("\xef\xbb\xbf" "a;b\n", ';');
	/* Only at the start: later it is text. */
	CHECK_CSV("a\n\xef\xbb\xbf" "b\n", 0, "[a]\n[\xef\xbb\xbf" "b]\n");
	/* A mark cut short is not UTF-8. */
	CHECK_ERR("\xef\xbb" "a\n", 0, 1, 1,
		  "byte 0xef is not UTF-8; the file must be UTF-8 text");
}

static void test_csv__sniff(void)
{
	CHECK_SNIFF("a,b,c\n", ',');
	CHECK_SNIFF("a;b;c\n", ';');
	CHECK_SNIFF("a\tb\tc\n", '\t');
	CHECK_SNIFF("a\n", ',');
	CHECK_SNIFF("", ',');
	/* The most frequent; ties go to ',', then ';'. */
	CHECK_SNIFF("a;b;c,d\n", ';');
	CHECK_SNIFF("a;b,c\n", ',');
	CHECK_SNIFF("a;b\tc\n", ';');
	CHECK_SNIFF("a\tb\tc;d,e\n", '\t');
	/* Only the first line counts. */
	CHECK_SNIFF("a;b\nc,d,e,f\n", ';');
	CHECK_SNIFF("a;b\r\nc,d,e,f\r\n", ';');
	CHECK_SNIFF("a;b\rc,d,e,f\r", ';');
	/* Empty lines before it are skipped. */
	CHECK_SNIFF("\n\r\n\ta;b;c\n", ';');
	/* Separators inside quotes do not count, quoted lines do not end it. */
	CHECK_SNIFF("\"1,5\";\"2,5\"\n", ';');
	CHECK_SNIFF("\"a,b,c\nd,e\";f\n", ';');
	CHECK_SNIFF("\"a \"\"x,y\"\"\";b\n", ';');

	/* What a Russian-locale spreadsheet writes. */
	CHECK_CSV("\xef\xbb\xbf" "Имя;Оценка;Комментарий\r\n"
		  "Иван;9;\"Всё хорошо; спасибо\"\r\n"
		  "Пётр;10;\"1,5 часа\"\r\n", 0,
		  "[Имя][Оценка][Комментарий]\n"
		  "[Иван][9][Всё хорошо; спасибо]\n"
		  "[Пётр][10][1,5 часа]\n");
	CHECK_CSV("a\tb\n\"x\ty\"\tz\n", 0, "[a][b]\n[x\\ty][z]\n");
}

static void test_csv__explicit_sep(void)
{
	struct acct_csv c = ACCT_CSV_INIT;
	struct acct_error e = ACCT_ERROR_INIT;

	CHECK_CSV("a;b;c\n", ',', "[a;b;c]\n");
	CHECK_CSV("a,b;c\n", ';', "[a,b][c]\n");
	CHECK_CSV("a,b\tc\n", '\t', "[a,b][c]\n");
	CHECK_CSV("a;b;c\n1,5;2\n", ';', "[a][b][c]\n[1,5][2]\n");
	CHECK_INT(acct_csv_parse(&c, "in.csv", "a;b", 3, ',', NULL), 0);
	CHECK_INT(c.sep, ',');
	acct_csv_release(&c);

	CHECK_INT(acct_csv_parse(&c, "in.csv", "a|b", 3, '|', &e),
		  ACCT_EUSAGE);
	CHECK_STR(e.msg, "the separator must be ',', ';' or a tab");
	CHECK_INT(acct_csv_parse(&c, "in.csv", "a\"b", 3, '"', NULL),
		  ACCT_EUSAGE);
	CHECK_INT(acct_csv_parse(&c, "in.csv", "a\nb", 3, '\n', NULL),
		  ACCT_EUSAGE);
	CHECK(!c.records);
}

static void test_csv__empty_fields(void)
{
	CHECK_CSV(",\n", 0, "[][]\n");
	CHECK_CSV("a,,c\n", 0, "[a][][c]\n");
	CHECK_CSV(",,\n", 0, "[][][]\n");
	CHECK_CSV(";;\n", 0, "[][][]\n");
	CHECK_CSV(",b\n", 0, "[][b]\n");
	/* A trailing separator makes an empty last field, line end or not. */
	CHECK_CSV("a,b,\n", 0, "[a][b][]\n");
	CHECK_CSV("a,b,", 0, "[a][b][]\n");
	CHECK_CSV("a,b,\r\nc,d,\r\n", 0, "[a][b][]\n[c][d][]\n");
	CHECK_CSV("\"a\",\n", 0, "[a][]\n");
	CHECK_CSV_POS("a,b,\n,\n", 0, "1: 1:1 1:3 1:5\n2: 2:1 2:2\n");
}

static void test_csv__blank_lines(void)
{
	CHECK_CSV("\n\na\n\n\nb\n\n", 0, "[a]\n[b]\n");
	CHECK_CSV("\r\n\r\na\r\n\r\nb\r\n\r\n", 0, "[a]\n[b]\n");
	CHECK_CSV("\r\ra\r\rb\r\r", 0, "[a]\n[b]\n");
	CHECK_CSV_POS("\n\na,b\n\n\nc\n\n", 0, "3: 3:1 3:3\n6: 6:1\n");
	/* A line of spaces or of separators is a record. */
	CHECK_CSV("a\n \n,\nb\n", 0, "[a]\n[ ]\n[][]\n[b]\n");
	/* An empty quoted value is one too. */
	CHECK_CSV("h\n\"\"\nx\n", 0, "[h]\n[]\n[x]\n");
}

static void test_csv__positions(void)
{
	CHECK_CSV_POS("a,bb,ccc\n\"x\",,\"z\"\n", 0,
		      "1: 1:1 1:3 1:6\n2: 2:1 2:5 2:6\n");
	/* Columns count characters, not bytes; a tab is one. */
	CHECK_CSV_POS("Имя,Оценка\nИван,9\n", 0, "1: 1:1 1:5\n2: 2:1 2:6\n");
	CHECK_CSV_POS("€\t😀\tb\n", '\t', "1: 1:1 1:3 1:5\n");
	CHECK_CSV_POS("\"«ж»\",x\n", 0, "1: 1:1 1:7\n");
	CHECK_CSV_POS("\"a\"\"b\",x\n", 0, "1: 1:1 1:8\n");
}

static void test_csv__cyrillic(void)
{
	CHECK_CSV("Клиент,Оценка,Комментарий\n"
		  "ООО «Ромашка»,9,\"Быстро, вежливо\"\n"
		  "ИП Ёлкин,7,\"Сказали \"\"спасибо\"\"\n"
		  "и ушли\"\n", 0,
		  "[Клиент][Оценка][Комментарий]\n"
		  "[ООО «Ромашка»][9][Быстро, вежливо]\n"
		  "[ИП Ёлкин][7][Сказали \"спасибо\"\\nи ушли]\n");
	CHECK_CSV_POS("Клиент,Оценка,Комментарий\n"
		      "ООО «Ромашка»,9,\"Быстро, вежливо\"\n"
		      "ИП Ёлкин,7,\"Сказали \"\"спасибо\"\"\n"
		      "и ушли\"\n", 0,
		      "1: 1:1 1:8 1:15\n2: 2:1 2:15 2:17\n3: 3:1 3:10 3:12\n");
}

static void test_csv__unclosed_quote(void)
{
	static const char *msg = "quoted field opened here is never closed";
	struct acct_csv c = ACCT_CSV_INIT;
	struct acct_error e = ACCT_ERROR_INIT;

	CHECK_ERR("\"a", 0, 1, 1, msg);
	CHECK_ERR("\"", 0, 1, 1, msg);
	CHECK_ERR("a,b\nc,\"d\ne,f\n", 0, 2, 3, msg);
	CHECK_ERR("a,b\r\nc,\"d\"\"\r\n", 0, 2, 3, msg);
	CHECK_ERR("Имя,\"Всё\n", 0, 1, 5, msg);
	CHECK_ERR("\xef\xbb\xbf\"a\n", 0, 1, 1, msg);

	CHECK_INT(acct_csv_parse(&c, "in.csv", "x,\"y", 4, 0, &e), ACCT_EDATA);
	CHECK_STR(e.hint, "close the quote; a quote inside a quoted field must be doubled (\"\")");
}

static void test_csv__after_closing_quote(void)
{
	struct acct_buf want = ACCT_BUF_INIT;

	acct_buf_addf(&want, "unexpected 'x' %s", after_quote);
	CHECK_ERR("\"a\"x,b\n", 0, 1, 4, want.buf);
	CHECK_ERR("a,b\n1,\"a\"x\n", 0, 2, 6, want.buf);
	/* A quote meant as text, not doubled. */
	acct_buf_reset(&want);
	acct_buf_addf(&want, "unexpected 'b' %s", after_quote);
	CHECK_ERR("\"say \"bye\"\n", 0, 1, 7, want.buf);
	/* Spaces after the quote are not skipped. */
	acct_buf_reset(&want);
	acct_buf_addf(&want, "unexpected ' ' %s", after_quote);
	CHECK_ERR("\"a\" ,b\n", 0, 1, 4, want.buf);
	/* Another separator than the file's. */
	acct_buf_reset(&want);
	acct_buf_addf(&want, "unexpected ';' %s", after_quote);
	CHECK_ERR("\"a\";b,c\n", ',', 1, 4, want.buf);
	/* A whole character, and columns in characters. */
	acct_buf_reset(&want);
	acct_buf_addf(&want, "unexpected 'ж' %s", after_quote);
	CHECK_ERR("Ёж,\"уж\"ж\n", 0, 1, 8, want.buf);
	/* A control character by its code point. */
	acct_buf_reset(&want);
	acct_buf_addf(&want, "unexpected U+0009 %s", after_quote);
	CHECK_ERR("\"a\"\tb,c\n", ',', 1, 4, want.buf);
	/* After a line break inside the quotes. */
	acct_buf_reset(&want);
	acct_buf_addf(&want, "unexpected '!' %s", after_quote);
	CHECK_ERR("\"a\nbc\"!\n", 0, 2, 4, want.buf);
	acct_buf_release(&want);
	/* A stray byte that is not UTF-8 is reported as such. */
	CHECK_ERR("\"a\"\xff\n", 0, 1, 4,
		  "byte 0xff is not UTF-8; the file must be UTF-8 text");
}

static void test_csv__quote_in_unquoted(void)
{
	static const char *msg = "quote inside an unquoted field";
	struct acct_csv c = ACCT_CSV_INIT;
	struct acct_error e = ACCT_ERROR_INIT;

	CHECK_ERR("a\"b\n", 0, 1, 2, msg);
	CHECK_ERR("a\"\n", 0, 1, 2, msg);
	CHECK_ERR("x,5\" screen\n", 0, 1, 4, msg);
	/* A space before the opening quote makes the field unquoted. */
	CHECK_ERR("a, \"b\"\n", 0, 1, 4, msg);
	CHECK_ERR("h\nЁж\"\n", 0, 2, 3, msg);
	CHECK_INT(acct_csv_parse(&c, "in.csv", "a\"b", 3, 0, &e), ACCT_EDATA);
	CHECK_STR(e.hint, "a field that holds a quote must be quoted as a whole, with the quote doubled: \"say \"\"hi\"\"\"");
}

static void test_csv__invalid_utf8(void)
{
	struct acct_csv c = ACCT_CSV_INIT;
	struct acct_error e = ACCT_ERROR_INIT;

	CHECK_ERR("\xff", 0, 1, 1,
		  "byte 0xff is not UTF-8; the file must be UTF-8 text");
	CHECK_ERR("a,b\nc,d\xe9\n", 0, 2, 4,
		  "byte 0xe9 is not UTF-8; the file must be UTF-8 text");
	/* Windows-1251: "Имя;Оценка". */
	CHECK_ERR("\xc8\xec\xff;\xce\xf6\xe5\xed\xea\xe0\n", 0, 1, 1,
		  "byte 0xc8 is not UTF-8; the file must be UTF-8 text");
	/* After valid Cyrillic, the column counts characters. */
	CHECK_ERR("Имя,Оц\xd0\n", 0, 1, 7,
		  "byte 0xd0 is not UTF-8; the file must be UTF-8 text");
	/* Inside quotes, after a line break there. */
	CHECK_ERR("\"a\nb\xc0\xaf\"\n", 0, 2, 2,
		  "byte 0xc0 is not UTF-8; the file must be UTF-8 text");
	/* Overlong, surrogate, past U+10FFFF, cut short at the end. */
	CHECK_ERR("a\xe0\x80\xaf", 0, 1, 2,
		  "byte 0xe0 is not UTF-8; the file must be UTF-8 text");
	CHECK_ERR("a\xed\xa0\x80", 0, 1, 2,
		  "byte 0xed is not UTF-8; the file must be UTF-8 text");
	CHECK_ERR("a\xf4\x90\x80\x80", 0, 1, 2,
		  "byte 0xf4 is not UTF-8; the file must be UTF-8 text");
	CHECK_ERR("ab\xe2\x82", 0, 1, 3,
		  "byte 0xe2 is not UTF-8; the file must be UTF-8 text");
	CHECK_ERR("\"ab\xe2\x82", 0, 1, 4,
		  "byte 0xe2 is not UTF-8; the file must be UTF-8 text");
	CHECK_ERR("a,\x80\n", 0, 1, 3,
		  "byte 0x80 is not UTF-8; the file must be UTF-8 text");

	/* UTF-16, with either byte order mark. */
	CHECK_ERR("\xff\xfe" "a\0,\0b\0", 0, 1, 1,
		  "the file is UTF-16 text; it must be UTF-8");
	CHECK_ERR("\xfe\xff\0a\0,\0b", 0, 1, 1,
		  "the file is UTF-16 text; it must be UTF-8");

	CHECK_INT(acct_csv_parse(&c, "in.csv", "\xe9", 1, 0, &e), ACCT_EDATA);
	CHECK(strstr(e.hint, "CSV UTF-8") != NULL);
}

static void test_csv__nul(void)
{
	static const char *msg = "NUL byte in the file; it must be UTF-8 text";

	CHECK_ERR("a\0b\n", 0, 1, 2, msg);
	CHECK_ERR("a,b\n\0", 0, 2, 1, msg);
	CHECK_ERR("x\n\"a\nb\0\"\n", 0, 3, 2, msg);
	/* UTF-16 without a byte order mark. */
	CHECK_ERR("a\0,\0b\0", 0, 1, 2, msg);
}

static void test_csv__field_bound(void)
{
	size_t max = ACCT_CSV_FIELD_MAX, n;
	struct acct_buf b = ACCT_BUF_INIT;
	struct acct_csv c = ACCT_CSV_INIT;
	struct acct_error e = ACCT_ERROR_INIT;
	char *big = malloc(max + 16);
	int rc;

	memset(big, 'a', max + 16);

	/* Exactly the bound passes, unquoted and quoted. */
	acct_buf_addstr(&b, "x,");
	acct_buf_add(&b, big, max);
	acct_buf_addstr(&b, ",y\n");
	rc = acct_csv_parse(&c, "in.csv", b.buf, b.len, 0, &e);
	if (CHECK_MSG(!rc && c.nrecords == 1 && c.records[0].nfields == 3,
		      "parse == %d (%s), %zu records", rc, e.msg,
		      c.nrecords)) {
		CHECK_INT(c.records[0].fields[1].len, max);
		CHECK_STR(c.records[0].fields[2].text, "y");
	}
	acct_csv_release(&c);

	acct_buf_reset(&b);
	acct_buf_addstr(&b, "x,\"");
	acct_buf_add(&b, big, max - 2);
	acct_buf_addstr(&b, "\"\"\n\",y\n");
	rc = acct_csv_parse(&c, "in.csv", b.buf, b.len, 0, &e);
	if (CHECK_MSG(!rc && c.nrecords == 1 && c.records[0].nfields == 3,
		      "parse == %d (%s), %zu records", rc, e.msg,
		      c.nrecords)) {
		CHECK_INT(c.records[0].fields[1].len, max);
		CHECK_INT(c.records[0].fields[2].line, 2);
		CHECK_INT(c.records[0].fields[2].col, 3);
	}
	acct_csv_release(&c);

	/* One byte more fails, at the start of the field. */
	acct_buf_reset(&b);
	acct_buf_addstr(&b, "h\nx,");
	acct_buf_add(&b, big, max + 1);
	CHECK_INT(acct_csv_parse(&c, "in.csv", b.buf, b.len, 0, &e),
		  ACCT_EDATA);
	CHECK_INT(e.line, 2);
	CHECK_INT(e.col, 3);
	CHECK_STR(e.msg, "field is longer than 1 MiB");
	CHECK_STR(e.hint, "");
	CHECK(!c.records);

	/* A quote left open usually is why: say so. */
	acct_buf_reset(&b);
	acct_buf_addstr(&b, "x,\"");
	n = b.len;
	acct_buf_add(&b, big, max + 10);
	memcpy(b.buf + n + 100, "\n", 1);
	acct_buf_addstr(&b, "\"\n");
	CHECK_INT(acct_csv_parse(&c, "in.csv", b.buf, b.len, 0, &e),
		  ACCT_EDATA);
	CHECK_INT(e.line, 1);
	CHECK_INT(e.col, 3);
	CHECK_STR(e.msg, "field is longer than 1 MiB");
	CHECK(strstr(e.hint, "is a quote left open here?") == e.hint);

	acct_buf_release(&b);
	free(big);
}

static void test_csv__fields_bound(void)
{
	struct acct_buf b = ACCT_BUF_INIT;
	struct acct_csv c = ACCT_CSV_INIT;
	struct acct_error e = ACCT_ERROR_INIT;
	int i;

	acct_buf_addstr(&b, "a\n");
	for (i = 1; i < ACCT_CSV_FIELDS_MAX; i++)
		acct_buf_addch(&b, ';');
	acct_buf_addstr(&b, "\nb\n");
	CHECK_INT(acct_csv_parse(&c, "in.csv", b.buf, b.len, ';', &e), 0);
	CHECK_INT(c.nrecords, 3);
	if (c.nrecords == 3 &&
	    CHECK_MSG(c.records[1].nfields == ACCT_CSV_FIELDS_MAX,
		      "nfields == %zu", c.records[1].nfields)) {
		CHECK_INT(c.records[1].fields[999].col, 1000);
		CHECK_STR(c.records[2].fields[0].text, "b");
	}
	acct_csv_release(&c);

	/* One more fails at the field too many, naming the record's line. */
	acct_buf_reset(&b);
	acct_buf_addstr(&b, "a\n\"x\ny\",");
	for (i = 1; i < ACCT_CSV_FIELDS_MAX; i++)
		acct_buf_addch(&b, ',');
	acct_buf_addstr(&b, "\n");
	CHECK_INT(acct_csv_parse(&c, "in.csv", b.buf, b.len, ',', &e),
		  ACCT_EDATA);
	CHECK_STR(e.msg, "record on line 2 has more than 1000 fields");
	CHECK_INT(e.line, 3);
	CHECK_INT(e.col, 4 + 999);
	CHECK(!c.records);
	acct_buf_release(&b);
}

static void test_csv__many_rows(void)
{
	struct acct_buf b = ACCT_BUF_INIT;
	struct acct_csv c = ACCT_CSV_INIT;
	struct acct_error e = ACCT_ERROR_INIT;
	const struct acct_csv_record *r;
	size_t rows = 100000, i, bad = 0;

	acct_buf_addstr(&b, "\xef\xbb\xbf" "Дата;Клиент;Оценка;Комментарий\r\n");
	for (i = 0; i < rows; i++)
		acct_buf_addf(&b, "2026-11-%02zu;Клиент %zu;%zu;"
			      "\"Строка %zu; \"\"ок\"\"\r\nвторая\"\r\n",
			      i % 28 + 1, i, i % 11, i);
	CHECK_INT(acct_csv_parse(&c, "in.csv", b.buf, b.len, 0, &e), 0);
	CHECK_INT(c.sep, ';');
	CHECK_INT(c.nrecords, rows + 1);
	for (i = 1; i <= rows && c.nrecords == rows + 1; i++) {
		r = &c.records[i];
		if (r->nfields != 4 || r->line != 2 * i ||
		    r->fields[3].line != 2 * i || r->fields[3].len < 20)
			bad++;
	}
	CHECK_INT(bad, 0);
	if (c.nrecords == rows + 1) {
		r = &c.records[rows];
		CHECK_STR(r->fields[1].text, "Клиент 99999");
		CHECK_STR(r->fields[2].text, "9");
		CHECK_STR(r->fields[3].text,
			  "Строка 99999; \"ок\"\r\nвторая");
		CHECK_INT(r->fields[3].col, 27);
	}
	acct_csv_release(&c);
	acct_buf_release(&b);
}

static void test_csv__release(void)
{
	struct acct_csv c = ACCT_CSV_INIT;

	acct_csv_release(&c);
	acct_csv_release(NULL);
	CHECK_INT(acct_csv_parse(&c, "in.csv", "a,b", 3, 0, NULL), 0);
	acct_csv_release(&c);
	acct_csv_release(&c);
	CHECK(!c.records && !c.nrecords && !c.field_block && !c.text_block);

	/* Errors with no error struct still return the code. */
	CHECK_INT(acct_csv_parse(&c, "in.csv", "\"a", 2, 0, NULL), ACCT_EDATA);
	CHECK(!c.records);
}

/* The text outlives the records once detached. */
static void test_csv__detach_text(void)
{
	struct acct_csv c = ACCT_CSV_INIT;
	char *text, *a, *b;

	CHECK_INT(acct_csv_parse(&c, "in.csv", "a,\"b c\"\n", 8, 0, NULL), 0);
	a = c.records[0].fields[0].text;
	b = c.records[0].fields[1].text;
	text = acct_csv_detach_text(&c);
	CHECK(text != NULL && !c.records && !c.nrecords && !c.field_block &&
	      !c.text_block);
	CHECK_STR(a, "a");
	CHECK_STR(b, "b c");
	free(text);
	CHECK(acct_csv_detach_text(&c) == NULL);
}

int main(void)
{
	test_csv__plain();
	test_csv__empty_input();
	test_csv__quoted();
	test_csv__doubled_quotes();
	test_csv__inside_quotes();
	test_csv__line_ends();
	test_csv__bom();
	test_csv__sniff();
	test_csv__explicit_sep();
	test_csv__empty_fields();
	test_csv__blank_lines();
	test_csv__positions();
	test_csv__cyrillic();
	test_csv__unclosed_quote();
	test_csv__after_closing_quote();
	test_csv__quote_in_unquoted();
	test_csv__invalid_utf8();
	test_csv__nul();
	test_csv__field_bound();
	test_csv__fields_bound();
	test_csv__many_rows();
	test_csv__release();
	test_csv__detach_text();
	return test_report("csv");
}
