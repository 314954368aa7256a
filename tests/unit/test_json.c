#include "acct/json.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/decimal.h"
#include "harness.h"
#include "acct/banned.h"

/* `v` dumped as acct writes JSON, compact enough to compare. */
static void dump(struct acct_buf *out, json_t *v)
{
	acct_buf_reset(out);
	CHECK(acct_json_dump(out, v) == 0);
}

static void test_json__decimal(void)
{
	json_t *v = acct_json_decimal("148200.60"), *o;
	struct acct_buf b = ACCT_BUF_INIT;
	const char *digits = NULL;
	double x = 0;

	CHECK(json_is_string(v));
	CHECK(acct_json_decimal_digits(v, &digits));
	CHECK_STR(digits, "148200.60");
	CHECK(acct_json_number(v, &x) && x == 148200.6);
	dump(&b, v);
	CHECK_STR(b.buf, "148200.60");
	json_decref(v);

	/* Not plain digits: what jansson would make of them. */
	v = acct_json_decimal(NULL);
	CHECK(json_is_null(v));
	json_decref(v);
	v = acct_json_decimal("1e3");
	CHECK(json_is_real(v) && json_real_value(v) == 1000);
	CHECK(!acct_json_decimal_digits(v, &digits));
	json_decref(v);
	v = acct_json_decimal("007");
	CHECK(json_is_integer(v) && json_integer_value(v) == 7);
	json_decref(v);

	/* Only a marked string is a decimal; text is not a number. */
	v = json_string("148200.60");
	CHECK(!acct_json_decimal_digits(v, &digits));
	CHECK(!acct_json_number(v, &x));
	json_decref(v);
	v = json_integer(-5);
	CHECK(acct_json_number(v, &x) && x == -5);
	json_decref(v);

	/* In a tree: bare digits beside text that looks like a mark. */
	o = json_object();
	json_object_set_new(o, "sum", acct_json_decimal("-0.0100"));
	json_object_set_new(o, "text", json_string("\\u0000#12"));
	json_object_set_new(o, "real", json_real(4.33));
	json_object_set_new(o, "list", json_pack("[o,o]",
		acct_json_decimal("1.50"), json_null()));
	dump(&b, o);
	CHECK_STR(b.buf, "{\n  \"sum\": -0.0100,\n  \"text\": \"\\\\u0000#12\",\n"
		  "  \"real\": 4.33,\n  \"list\": [\n    1.50,\n    null\n  ]\n}");
	json_decref(o);
	acct_buf_release(&b);
}

/* 148200.50 + 0.10, summed exactly, stays 148200.60 in JSON. */
static void test_json__sum(void)
{
	struct acct_dec a, c, sum;
	struct acct_buf b = ACCT_BUF_INIT;
	char num[ACCT_DEC_STRLEN];
	const char *why;
	json_t *v;

	CHECK(acct_dec_parse(&a, "148200.50", 9, 0, &why) == 0);
	CHECK(acct_dec_parse(&c, "0.10", 4, 0, &why) == 0);
	CHECK(acct_dec_add(&sum, a, c) == 0);
	v = acct_json_decimal(acct_dec_format(num, sum));
	dump(&b, v);
	CHECK_STR(b.buf, "148200.60");
	json_decref(v);
	acct_buf_release(&b);
}

/* What jansson writes of `v` (a string or a real), to compare with. */
static void jansson_dump(struct acct_buf *out, json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_REAL_PRECISION(15) |
			     JSON_ENCODE_ANY);

	CHECK(s != NULL);
	acct_buf_reset(out);
	acct_buf_addstr(out, s ? s : "");
	free(s);
	json_decref(v);
}

/*
 * Strings written by acct_json_put_string() byte for byte as jansson
 * writes them: every control character, quotes, backslashes, the slash,
 * DEL, C1 controls, the line separators, a byte order mark, characters
 * of 2, 3 and 4 bytes; and acct_json_utf8() takes what jansson takes.
 */
static void test_json__strings(void)
{
	static const char *const odd[] = {
		"", "plain", "\"quoted\" and \\back\\slashed",
		"a/b </script>", "tab\tnew\nline\r\n\b\f\v\x7f",
		"\x01\x02\x1b[31mred\x1b[m\x1f",
		"\xc2\x85 NEL, \xc2\x9f C1, \xe2\x80\xa8 LS, \xe2\x80\xa9 PS",
		"\xef\xbb\xbf BOM, \xe2\x80\xae RLO, \xe2\x80\x8b ZWSP",
		"Иван Иванов scored 3: «Быстро»", "日本語 😀 \xf4\x8f\xbf\xbf",
		"ends with a backslash \\",
	};
	static const char *const bad[] = {
		"\x80", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf",
		"\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x8f\xbf\xbf",
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\xe2\x82",
		"ok\xe2\x82", "\xc3\x28",
	};
	struct acct_buf mine = ACCT_BUF_INIT, theirs = ACCT_BUF_INIT;
	char s[4];
	size_t i;
	unsigned c;

	for (i = 0; i < sizeof(odd) / sizeof(*odd); i++) {
		CHECK(acct_json_utf8(odd[i], strlen(odd[i])));
		acct_buf_reset(&mine);
		acct_json_put_string(&mine, odd[i], strlen(odd[i]));
		jansson_dump(&theirs, json_string(odd[i]));
		CHECK_STR(mine.buf, theirs.buf);
	}
	/* Every byte alone, and after a lead byte of 2, 3 and 4. */
	for (c = 1; c < 256; c++) {
		size_t n;

		for (n = 1; n <= 3; n++) {
			json_t *v;

			s[0] = (char)(n == 1 ? c : n == 2 ? 0xc3 : 0xe2);
			s[1] = (char)(n == 2 ? c : 0x82);
			s[2] = (char)c;
			v = json_stringn(s, n);
			CHECK(acct_json_utf8(s, n) == (v != NULL));
			if (!v)
				continue;
			acct_buf_reset(&mine);
			acct_json_put_string(&mine, s, n);
			jansson_dump(&theirs, v);
			CHECK_STR(mine.buf, theirs.buf);
		}
	}
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		CHECK(json_string(bad[i]) == NULL);
		CHECK(!acct_json_utf8(bad[i], strlen(bad[i])));
	}
	acct_buf_release(&mine);
	acct_buf_release(&theirs);
}

/* Reals written as jansson writes them with 15 digits. */
static void test_json__reals(void)
{
	static const double reals[] = {
		0, -0.0, 1, -1, 2.5, 4.33, 0.1, 1.0 / 3, 100, 1e15, 1e16, 1e20,
		1.5e300, -2.5e-300, 1e-5, 0.0001, 123456789012345678.0,
		148200.6, 99.99999999999999, 5e-324,
	};
	struct acct_buf mine = ACCT_BUF_INIT, theirs = ACCT_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(reals) / sizeof(*reals); i++) {
		acct_buf_reset(&mine);
		CHECK(acct_json_put_real(&mine, reals[i]) == 0);
		jansson_dump(&theirs, json_real(reals[i]));
		CHECK_STR(mine.buf, theirs.buf);
	}
	acct_buf_reset(&mine);
	CHECK(acct_json_put_real(&mine, 1e308 * 10) < 0 && !mine.len);
	acct_buf_release(&mine);
	acct_buf_release(&theirs);
}

int main(void)
{
	test_json__decimal();
	test_json__sum();
	test_json__strings();
	test_json__reals();
	return test_report("json");
}
