#include "acct/run.h"

#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

extern char **environ;

static int run_sh(int *status, const char *script, const struct acct_buf *in,
		  struct acct_buf *out, struct acct_buf *errout,
		  struct acct_error *err)
{
	const char *argv[] = { "sh", "-c", script, NULL };
	struct acct_run_opts o = { 0 };

	o.argv = argv;
	o.env = (const char *const *)environ;
	o.in = in ? in->buf : NULL;
	o.in_len = in ? in->len : 0;
	o.out = out;
	o.err = errout;
	return acct_run(status, &o, err);
}

/* 4 MB in and out at once, with stderr: no deadlock, every byte back. */
static void test_run__both_ways(void)
{
	struct acct_buf in = ACCT_BUF_INIT, out = ACCT_BUF_INIT,
			e = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int status = -2, i;

	for (i = 0; i < 4 * 1024 * 1024 / 16; i++)
		acct_buf_addf(&in, "line %09d\n", i);
	CHECK_INT(run_sh(&status, "cat; echo said >&2; exit 3", &in, &out, &e,
			 &err), 0);
	CHECK_INT(status, 3);
	CHECK(out.len == in.len && !memcmp(out.buf, in.buf, in.len));
	CHECK_STR(e.buf, "said\n");
	acct_buf_release(&in);
	acct_buf_release(&out);
	acct_buf_release(&e);
}

/* A program that reads nothing of a large input: no SIGPIPE here. */
static void test_run__stops_reading(void)
{
	struct acct_buf in = ACCT_BUF_INIT, out = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int status = -2;

	acct_buf_grow(&in, 8 * 1024 * 1024);
	while (in.len < 8 * 1024 * 1024)
		acct_buf_addstr(&in, "0123456789abcdef");
	CHECK_INT(run_sh(&status, "head -c 3; exit 0", &in, &out, NULL, &err),
		  0);
	CHECK_INT(status, 0);
	CHECK_STR(out.buf, "012");
	/* No input at all: /dev/null. */
	acct_buf_reset(&out);
	CHECK_INT(run_sh(&status, "wc -c", NULL, &out, NULL, &err), 0);
	CHECK_INT(status, 0);
	CHECK(strstr(out.buf, "0") != NULL);
	acct_buf_release(&in);
	acct_buf_release(&out);
}

static void test_run__status(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	const char *argv[] = { "acct-no-such-program-here", NULL };
	const char *path[] = { "/nonexistent/dir/prog", NULL };
	struct acct_run_opts o = { 0 };
	int status = -2;

	CHECK_INT(run_sh(&status, "kill -TERM $$", NULL, NULL, NULL, &err), 0);
	CHECK_INT(status, 128 + 15);
	o.env = (const char *const *)environ;
	o.argv = argv;
	CHECK_INT(acct_run(&status, &o, &err), ACCT_ENOTFOUND);
	CHECK_STR(err.msg, "'acct-no-such-program-here' was not found");
	CHECK_INT(status, -1);
	o.argv = path;
	CHECK_INT(acct_run(&status, &o, &err), ACCT_ENOTFOUND);
}

static void test_run__last_lines(void)
{
	struct acct_buf in = ACCT_BUF_INIT, out = ACCT_BUF_INIT;

	acct_buf_addstr(&in, "one\n\ntwo  \r\nthree\n four\n\n");
	acct_run_last_lines(&out, &in, 3);
	CHECK_STR(out.buf, "two; three;  four");
	acct_buf_reset(&out);
	acct_run_last_lines(&out, &in, 8);
	CHECK_STR(out.buf, "one; two; three;  four");
	acct_buf_reset(&out);
	acct_run_last_lines(&out, &in, 0);
	CHECK_STR(out.buf, "");
	acct_buf_reset(&in);
	acct_run_last_lines(&out, &in, 4);
	CHECK_STR(out.buf, "");
	acct_buf_addstr(&in, "no newline");
	acct_run_last_lines(&out, &in, 1);
	CHECK_STR(out.buf, "no newline");
	acct_buf_release(&in);
	acct_buf_release(&out);
}

int main(void)
{
	test_run__both_ways();
	test_run__stops_reading();
	test_run__status();
	test_run__last_lines();
	return test_report("run");
}
