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

int main(void)
{
	test_json__decimal();
	test_json__sum();
	return test_report("json");
}
