#include "acct/decimal.h"

#include <string.h>

#include "harness.h"
#include "acct/banned.h"

#define CHECK_PARSE(text, flags, want) do { \
	struct acct_dec d_; \
	const char *why_ = NULL; \
	char b_[ACCT_DEC_STRLEN] = ""; \
	int rc_ = acct_dec_parse(&d_, (text), strlen(text), (flags), &why_); \
	CHECK_MSG(!rc_ && !strcmp(acct_dec_format(b_, d_), (want)), \
		  "parse(\"%s\") == %d \"%s\" (%s), want \"%s\"", (text), rc_, \
		  rc_ ? "" : b_, why_ ? why_ : "", (want)); \
} while (0)

#define CHECK_BAD(text, flags, want) do { \
	struct acct_dec d_; \
	const char *why_ = NULL; \
	int rc_ = acct_dec_parse(&d_, (text), strlen(text), (flags), &why_); \
	CHECK_MSG(rc_ == -1 && why_ && !strcmp(why_, (want)), \
		  "parse(\"%s\") == %d (%s), want refused: %s", (text), rc_, \
		  why_ ? why_ : "", (want)); \
} while (0)

static struct acct_dec dec(const char *s)
{
	struct acct_dec d = { 0, 0 };
	const char *why;

	CHECK(acct_dec_parse(&d, s, strlen(s), 0, &why) == 0);
	return d;
}

static void test_decimal__typed(void)
{
	CHECK_PARSE("0", 0, "0");
	CHECK_PARSE("12,5", 0, "12.5");
	CHECK_PARSE("12.5", 0, "12.5");
	CHECK_PARSE("1 200,50", 0, "1200.50");
	CHECK_PARSE("1\xc2\xa0" "200,50", 0, "1200.50");	/* no-break space */
	CHECK_PARSE("1\xe2\x80\xaf" "200", 0, "1200");	/* narrow one */
	CHECK_PARSE("148200.50", 0, "148200.50");
	CHECK_PARSE("-5", 0, "-5");
	CHECK_PARSE("\xe2\x88\x92" "5,25", 0, "-5.25");
	CHECK_PARSE("+7", 0, "7");
	CHECK_PARSE(" 42 ", 0, "42");
	CHECK_PARSE("0.0001", 0, "0.0001");
	CHECK_PARSE("1,234", 0, "1.234");	/* a comma is a decimal mark */
	CHECK_PARSE("12 345 678", 0, "12345678");
	CHECK_PARSE("900000000000000", 0, "900000000000000");
	CHECK_BAD("1,234.5", 0, "both a comma and a point");
	CHECK_BAD("1.234,5", 0, "both a comma and a point");
	CHECK_BAD("abc", 0, "not a number");
	CHECK_BAD("", 0, "not a number");
	CHECK_BAD("-", 0, "not a number");
	CHECK_BAD("12.", 0, "not a number");
	CHECK_BAD(".5", 0, "not a number");
	CHECK_BAD("1 20", 0, "not a number");
	CHECK_BAD("1234 567", 0, "not a number");
	CHECK_BAD("1  200", 0, "not a number");
	CHECK_BAD("1e5", 0, "not a number");
	CHECK_BAD("0x10", 0, "not a number");
	CHECK_BAD("12%", 0, "not a number");
	CHECK_BAD("1.23456", 0, "more than 4 decimal places");
	CHECK_BAD("900000000000001", 0, "too large");
	CHECK_BAD("99999999999999999999999", 0, "too large");
}

static void test_decimal__exports(void)
{
	CHECK_PARSE("1,234", ACCT_DEC_EN, "1234");
	CHECK_PARSE("1,234,567.89", ACCT_DEC_EN, "1234567.89");
	CHECK_PARSE("12.34", ACCT_DEC_EN, "12.34");
	CHECK_BAD("1,23", ACCT_DEC_EN, "not a number");
	CHECK_BAD("1,234 567", ACCT_DEC_EN, "not a number");
	CHECK_PARSE("0.123456", ACCT_DEC_ROUND, "0.1235");
	CHECK_PARSE("0.12345", ACCT_DEC_ROUND, "0.1234");	/* half to even */
	CHECK_PARSE("0.12355", ACCT_DEC_ROUND, "0.1236");
	CHECK_PARSE("0.123450001", ACCT_DEC_ROUND, "0.1235");
	CHECK_PARSE("2.99995", ACCT_DEC_ROUND, "3.0000");
}

static void test_decimal__sums(void)
{
	struct acct_dec s;
	char b[ACCT_DEC_STRLEN];
	double r;
	int i;

	CHECK(acct_dec_add(&s, dec("148200.50"), dec("0.10")) == 0);
	CHECK_STR(acct_dec_format(b, s), "148200.60");
	CHECK(acct_dec_add(&s, dec("0.1"), dec("0.2")) == 0);
	CHECK_STR(acct_dec_format(b, s), "0.3");
	s = acct_dec_int(0);
	for (i = 0; i < 1000; i++)
		CHECK(acct_dec_add(&s, s, dec("0.01")) == 0);
	CHECK_STR(acct_dec_format(b, s), "10.00");
	CHECK(acct_dec_sub(&s, dec("5"), dec("7.5")) == 0);
	CHECK_STR(acct_dec_format(b, s), "-2.5");
	CHECK(acct_dec_add(&s, dec("900000000000000"), dec("0.0001")) == -1);
	CHECK(acct_dec_sub(&s, dec("-900000000000000"), dec("900000000000000")) == -1);
	CHECK_INT(acct_dec_cmp(dec("1.50"), dec("1.5")), 0);
	CHECK_INT(acct_dec_cmp(dec("-1"), dec("0.0001")), -1);
	CHECK_INT(acct_dec_cmp(dec("2"), dec("1.9999")), 1);
	CHECK(acct_dec_ratio(&r, dec("900"), dec("0")) == -1);
	CHECK(acct_dec_ratio(&r, dec("90000"), dec("100")) == 0 && r == 900.0);
	CHECK(acct_dec_ratio(&r, dec("1"), dec("3")) == 0 &&
	      r > 0.3333333 && r < 0.3333334);
	CHECK_STR(acct_dec_format(b, acct_dec_int(-42)), "-42");
}

int main(void)
{
	test_decimal__typed();
	test_decimal__exports();
	test_decimal__sums();
	return test_report("decimal");
}
