#ifndef ACCT_TEST_HARNESS_H
#define ACCT_TEST_HARNESS_H

/*
 * A harness as small as cmark's api_test/harness.h: each check counts one
 * pass or one failure, a failure prints where and what, and the run ends
 * with "N passed, N failed" and an exit status of 1 on any failure.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct test_state {
	int passed, failed;
};

static struct test_state test_state;

#define CHECK(cond) check_(!!(cond), __FILE__, __LINE__, "%s", #cond)
#define CHECK_MSG(cond, ...) check_(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	check_(g_ == w_, __FILE__, __LINE__, "%s == %lld, want %lld", \
	       #got, g_, w_); \
} while (0)
#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	check_(g_ && w_ && !strcmp(g_, w_), __FILE__, __LINE__, \
	       "%s == \"%s\", want \"%s\"", #got, g_ ? g_ : "(null)", \
	       w_ ? w_ : "(null)"); \
} while (0)

__attribute__((format(printf, 4, 5)))
static int check_(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		test_state.passed++;
		return 1;
	}
	test_state.failed++;
	fprintf(stderr, "FAIL %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 0;
}

static int test_report(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, test_state.passed,
	       test_state.failed);
	return test_state.failed ? 1 : 0;
}

#endif
