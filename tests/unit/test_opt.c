/*
 * cmd/opt.c is not in libacct.a: the parser is compiled into this test
 * directly.
 */
#include "../../cmd/opt.c"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "acct/buf.h"
#include "harness.h"

#include "acct/banned.h"

#define MAX_ARGS 32

/* The values a test command's options fill, as a command keeps them. */
struct vals {
	int quiet, all, json;
	const char *file, *status;
	struct opt_list tags;
	long num;
};

static const char *const test_usage[] = {
	"acct test <name> [<more>...] [-F <file>] [--json]",
	"acct test --other",
	NULL
};

/* One run of opt_parse() over a NULL-terminated argument list. */
struct run {
	int rc;
	const char *argv[MAX_ARGS];
	int argc;
	struct acct_buf out, err;	/* what it printed */
	struct vals v;
};

static void read_back(struct acct_buf *b, FILE *fp)
{
	char chunk[4096];
	size_t n;

	rewind(fp);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		acct_buf_add(b, chunk, n);
	fclose(fp);
}

/*
 * Run opt_parse() on "acct test" and the arguments, with stdout and stderr
 * caught in r->out and r->err. Release with run_release().
 */
static void run(struct run *r, ...)
{
	struct opt options[] = {
		OPT_STRING('F', "file", NULL, "file", "read the body from <file>"),
		OPT_BOOL('q', "quiet", NULL, "print nothing on success"),
		OPT_BOOL('a', "all", NULL, "archived clients too"),
		OPT_BOOL(0, "json", NULL, "print JSON"),
		OPT_STRING(0, "status", NULL, "status", "only this status"),
		OPT_LIST('t', "tag", NULL, "tag", "a tag (repeatable)"),
		OPT_INT('n', "num", NULL, "n", "how many"),
		OPT_END()
	};
	FILE *out = tmpfile(), *err = tmpfile();
	int saved_out, saved_err;
	const char *a;
	va_list ap;

	memset(r, 0, sizeof(*r));
	r->out = (struct acct_buf)ACCT_BUF_INIT;
	r->err = (struct acct_buf)ACCT_BUF_INIT;
	r->v.tags = (struct opt_list)OPT_LIST_INIT;
	r->v.num = -1000;
	options[0].value = &r->v.file;
	options[1].value = &r->v.quiet;
	options[2].value = &r->v.all;
	options[3].value = &r->v.json;
	options[4].value = &r->v.status;
	options[5].value = &r->v.tags;
	options[6].value = &r->v.num;

	r->argv[r->argc++] = "test";
	va_start(ap, r);
	while ((a = va_arg(ap, const char *)) && r->argc < MAX_ARGS - 1)
		r->argv[r->argc++] = a;
	va_end(ap);
	r->argv[r->argc] = NULL;

	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	dup2(fileno(out), 1);
	dup2(fileno(err), 2);
	r->rc = opt_parse(r->argc, r->argv, options, test_usage);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	read_back(&r->out, out);
	read_back(&r->err, err);
}

static void run_release(struct run *r)
{
	acct_buf_release(&r->out);
	acct_buf_release(&r->err);
	opt_list_release(&r->v.tags);
}

#define CHECK_OPERANDS(r, ...) do { \
	const char *want_[] = { __VA_ARGS__ }; \
	size_t i_, n_ = sizeof(want_) / sizeof(*want_); \
	CHECK_INT((r).rc, n_); \
	for (i_ = 0; i_ < n_ && (int)i_ < (r).rc; i_++) \
		CHECK_STR((r).argv[i_], want_[i_]); \
	if ((r).rc >= 0) \
		CHECK((r).argv[(r).rc] == NULL); \
} while (0)

/* A mistake: OPT_EXIT_USAGE, `msg` then the usage on stderr, no stdout. */
#define CHECK_USAGE(r, msg) do { \
	CHECK_INT((r).rc, OPT_EXIT_USAGE); \
	CHECK_MSG(!strncmp((r).err.buf, (msg), strlen(msg)) && \
		  strstr((r).err.buf, "\nusage: acct test <name>"), \
		  "stderr \"%s\", want \"%s\" and the usage", (r).err.buf, (msg)); \
	CHECK_MSG(!(r).out.len, "stdout \"%s\", want nothing", (r).out.buf); \
} while (0)

static void test_opt__operands_and_options(void)
{
	struct run r;

	run(&r, "Acme", "--status", "lead", "Beta", "-q", NULL);
	CHECK_OPERANDS(r, "Acme", "Beta");
	CHECK_STR(r.v.status, "lead");
	CHECK_INT(r.v.quiet, 1);
	CHECK_INT(r.v.all, 0);
	CHECK(!r.out.len && !r.err.len);
	run_release(&r);

	run(&r, "-q", "--status=lead", "Acme", NULL);
	CHECK_OPERANDS(r, "Acme");
	CHECK_STR(r.v.status, "lead");
	CHECK_INT(r.v.quiet, 1);
	run_release(&r);

	run(&r, "one", "two", "three", "--json", "four", "-", "five", NULL);
	CHECK_OPERANDS(r, "one", "two", "three", "four", "-", "five");
	CHECK_INT(r.v.json, 1);
	run_release(&r);

	run(&r, NULL);
	CHECK_INT(r.rc, 0);
	CHECK(r.argv[0] == NULL);
	CHECK(r.v.file == NULL && r.v.status == NULL && !r.v.quiet);
	CHECK_INT(r.v.num, -1000);
	run_release(&r);

	/* Option values are not operands, even when they look like them. */
	run(&r, "--file", "Acme", "x", "-F", "-", NULL);
	CHECK_OPERANDS(r, "x");
	CHECK_STR(r.v.file, "-");
	run_release(&r);

	/* A value may look like an option: it is taken as it is. */
	run(&r, "--status", "--json", "x", NULL);
	CHECK_OPERANDS(r, "x");
	CHECK_STR(r.v.status, "--json");
	CHECK_INT(r.v.json, 0);
	run_release(&r);
}

static void test_opt__double_dash(void)
{
	struct run r;

	run(&r, "-q", "--", "--json", "-x", "--", "-", "-h", NULL);
	CHECK_OPERANDS(r, "--json", "-x", "--", "-", "-h");
	CHECK_INT(r.v.quiet, 1);
	CHECK_INT(r.v.json, 0);
	CHECK(!r.out.len && !r.err.len);
	run_release(&r);

	run(&r, "a", "--", NULL);
	CHECK_OPERANDS(r, "a");
	run_release(&r);

	run(&r, "--", NULL);
	CHECK_INT(r.rc, 0);
	run_release(&r);

	run(&r, "a", "--json", "--", "--status", "b", NULL);
	CHECK_OPERANDS(r, "a", "--status", "b");
	CHECK_INT(r.v.json, 1);
	CHECK(r.v.status == NULL);
	run_release(&r);
}

static void test_opt__long_values(void)
{
	struct run r;

	run(&r, "--file=a.md", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.v.file, "a.md");
	run_release(&r);

	run(&r, "--file", "a.md", NULL);
	CHECK_STR(r.v.file, "a.md");
	run_release(&r);

	run(&r, "--file=a=b", NULL);
	CHECK_STR(r.v.file, "a=b");
	run_release(&r);

	run(&r, "--file=", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.v.file, "");
	run_release(&r);

	run(&r, "--file=Ромашка.md", NULL);
	CHECK_STR(r.v.file, "Ромашка.md");
	run_release(&r);

	/* The last one given wins. */
	run(&r, "--file=a", "-F", "b", "--file", "c", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.v.file, "c");
	run_release(&r);
}

static void test_opt__short_options(void)
{
	struct run r;

	run(&r, "-Fvalue", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.v.file, "value");
	run_release(&r);

	run(&r, "-F", "value", "x", NULL);
	CHECK_OPERANDS(r, "x");
	CHECK_STR(r.v.file, "value");
	run_release(&r);

	run(&r, "-qa", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.v.quiet, 1);
	CHECK_INT(r.v.all, 1);
	run_release(&r);

	run(&r, "-aqFx.md", "y", NULL);
	CHECK_OPERANDS(r, "y");
	CHECK_INT(r.v.quiet, 1);
	CHECK_INT(r.v.all, 1);
	CHECK_STR(r.v.file, "x.md");
	run_release(&r);

	run(&r, "-qF", "x.md", "y", NULL);
	CHECK_OPERANDS(r, "y");
	CHECK_INT(r.v.quiet, 1);
	CHECK_STR(r.v.file, "x.md");
	run_release(&r);

	/* After a value-taking letter the rest is its value. */
	run(&r, "-Fqa", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.v.file, "qa");
	CHECK_INT(r.v.quiet, 0);
	CHECK_INT(r.v.all, 0);
	run_release(&r);
}

static void test_opt__negation(void)
{
	struct run r;

	run(&r, "--json", "--no-json", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.v.json, 0);
	run_release(&r);

	run(&r, "--no-json", "--json", NULL);
	CHECK_INT(r.v.json, 1);
	run_release(&r);

	run(&r, "-q", "--no-quiet", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.v.quiet, 0);
	run_release(&r);

	/* Only booleans have a --no- form. */
	run(&r, "--no-file", "x", NULL);
	CHECK_USAGE(r, "acct: option '--no-file' is unknown\n");
	run_release(&r);

	run(&r, "--no-", NULL);
	CHECK_INT(r.rc, OPT_EXIT_USAGE);
	run_release(&r);

	run(&r, "--no-json=1", NULL);
	CHECK_INT(r.rc, OPT_EXIT_USAGE);
	CHECK(strstr(r.err.buf, "--no-json") != NULL);
	run_release(&r);
}

static void test_opt__list(void)
{
	struct run r;

	run(&r, "--tag", "a", "x", "--tag=b", "-tc", "-t", "d", "--tag=", NULL);
	CHECK_OPERANDS(r, "x");
	CHECK_INT(r.v.tags.n, 5);
	if (r.v.tags.n == 5) {
		CHECK_STR(r.v.tags.items[0], "a");
		CHECK_STR(r.v.tags.items[1], "b");
		CHECK_STR(r.v.tags.items[2], "c");
		CHECK_STR(r.v.tags.items[3], "d");
		CHECK_STR(r.v.tags.items[4], "");
	}
	run_release(&r);
	CHECK(r.v.tags.items == NULL && r.v.tags.n == 0);

	run(&r, "-t", "1", "-t", "2", "-t", "3", "-t", "4", "-t", "5", "-t", "6",
	    "-t", "7", "-t", "8", "-t", "9", "-t", "10", NULL);
	CHECK_INT(r.v.tags.n, 10);
	if (r.v.tags.n == 10) {
		CHECK_STR(r.v.tags.items[0], "1");
		CHECK_STR(r.v.tags.items[9], "10");
	}
	run_release(&r);

	run(&r, NULL);
	CHECK_INT(r.v.tags.n, 0);
	run_release(&r);
}

static void test_opt__int(void)
{
	static const char *const bad[] = {
		"12x", "x", "", "1.5", "99999999999999999999",
		"-99999999999999999999", "0x10", "1e3", "12 ", "١٢",
	};
	struct run r;
	size_t i;

	run(&r, "--num=5", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.v.num, 5);
	run_release(&r);

	run(&r, "--num", "-3", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.v.num, -3);
	run_release(&r);

	run(&r, "-n7", "x", NULL);
	CHECK_OPERANDS(r, "x");
	CHECK_INT(r.v.num, 7);
	run_release(&r);

	run(&r, "-n", "0", NULL);
	CHECK_INT(r.v.num, 0);
	run_release(&r);

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct acct_buf want = ACCT_BUF_INIT;

		acct_buf_addf(&want, "acct: option '--num' expects a whole "
			      "number, not '%s'\n", bad[i]);
		run(&r, "--num", bad[i], NULL);
		CHECK_USAGE(r, want.buf);
		run_release(&r);
		acct_buf_release(&want);
	}
	run(&r, "x", "--num=", NULL);
	CHECK_USAGE(r, "acct: option '--num=' expects a whole number, not ''\n");
	run_release(&r);
	run(&r, "-nx", NULL);
	CHECK_USAGE(r, "acct: option '-n' expects a whole number, not 'x'\n");
	run_release(&r);
}

static void test_opt__unknown(void)
{
	struct run r;

	run(&r, "--frobnicate", NULL);
	CHECK_USAGE(r, "acct: option '--frobnicate' is unknown\n");
	CHECK_INT(opt_exit(r.rc), EXIT_USAGE);
	run_release(&r);

	run(&r, "Acme", "-x", NULL);
	CHECK_USAGE(r, "acct: option '-x' is unknown\n");
	run_release(&r);

	run(&r, "-qx", NULL);
	CHECK_USAGE(r, "acct: option '-x' is unknown\n");
	run_release(&r);

	run(&r, "--frob=1", NULL);
	CHECK_INT(r.rc, OPT_EXIT_USAGE);
	CHECK(strstr(r.err.buf, "--frob") != NULL);
	run_release(&r);

	/* No prefixes: --jso is not --json. */
	run(&r, "--jso", NULL);
	CHECK_USAGE(r, "acct: option '--jso' is unknown\n");
	run_release(&r);

	run(&r, "--JSON", NULL);
	CHECK_INT(r.rc, OPT_EXIT_USAGE);
	run_release(&r);
}

static void test_opt__missing_value(void)
{
	struct run r;

	run(&r, "--file", NULL);
	CHECK_USAGE(r, "acct: option '--file' needs a value\n");
	run_release(&r);

	run(&r, "x", "-F", NULL);
	CHECK_USAGE(r, "acct: option '-F' needs a value\n");
	run_release(&r);

	run(&r, "-qF", NULL);
	CHECK_USAGE(r, "acct: option '-F' needs a value\n");
	run_release(&r);

	run(&r, "--num", NULL);
	CHECK_USAGE(r, "acct: option '--num' needs a value\n");
	run_release(&r);

	run(&r, "--tag", NULL);
	CHECK_USAGE(r, "acct: option '--tag' needs a value\n");
	run_release(&r);
}

static void test_opt__bool_value(void)
{
	struct run r;

	run(&r, "--json=yes", NULL);
	CHECK_USAGE(r, "acct: option '--json=yes' takes no value\n");
	CHECK_INT(r.v.json, 0);
	run_release(&r);

	run(&r, "--quiet=", NULL);
	CHECK_INT(r.rc, OPT_EXIT_USAGE);
	CHECK_INT(r.v.quiet, 0);
	run_release(&r);
}

static void test_opt__help(void)
{
	static const char *const forms[] = { "-h", "--help" };
	static const char head[] =
		"usage: acct test <name> [<more>...] [-F <file>] [--json]\n"
		"   or: acct test --other\n\n";
	struct run r;
	size_t i;

	for (i = 0; i < 2; i++) {
		run(&r, "Acme", forms[i], "--frob", NULL);
		CHECK_INT(r.rc, OPT_EXIT_OK);
		CHECK_INT(opt_exit(r.rc), EXIT_OK);
		CHECK_MSG(!strncmp(r.out.buf, head, strlen(head)),
			  "stdout \"%s\"", r.out.buf);
		CHECK(strstr(r.out.buf, "-F, --file <file>") != NULL);
		CHECK(strstr(r.out.buf, "read the body from <file>") != NULL);
		CHECK(strstr(r.out.buf, "-q, --quiet") != NULL);
		CHECK(strstr(r.out.buf, "    --json ") != NULL);
		CHECK(strstr(r.out.buf, "--status <status>") != NULL);
		CHECK(strstr(r.out.buf, "-n, --num <n>") != NULL);
		CHECK(strstr(r.out.buf, "-t, --tag <tag>") != NULL);
		CHECK_MSG(!r.err.len, "stderr \"%s\"", r.err.buf);
		run_release(&r);
	}
	CHECK_INT(opt_exit(OPT_EXIT_USAGE), 2);
	CHECK_INT(opt_exit(OPT_EXIT_OK), 0);
}

static void test_opt__complete(void)
{
	const char *argv[] = { "test", "--complete-opts", NULL };
	int quiet = 0, verbose = 0;
	const char *file = NULL;
	const struct opt options[] = {
		OPT_STRING('F', "file", &file, "file", "read the body from <file>"),
		OPT_BOOL('q', "quiet", &quiet, "print nothing on success"),
		OPT_BOOL('v', NULL, &verbose, "say more"),
		OPT_END()
	};
	struct acct_buf out = ACCT_BUF_INIT;
	FILE *fp = tmpfile();
	int saved = dup(1), rc;

	fflush(stdout);
	dup2(fileno(fp), 1);
	rc = opt_parse(2, argv, options, test_usage);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	read_back(&out, fp);
	CHECK_INT(rc, OPT_EXIT_OK);
	CHECK_MSG(!strncmp(out.buf, "--file= --quiet", 15),
		  "--complete-opts printed \"%s\"", out.buf);
	/* An option with only a short name has no long form to offer. */
	CHECK_MSG(!strstr(out.buf, "(null)") && !strstr(out.buf, "-- ") &&
		  out.len && out.buf[out.len - 1] == '\n',
		  "--complete-opts printed \"%s\"", out.buf);
	acct_buf_release(&out);
}

static int run_usage(struct acct_buf *out, struct acct_buf *err, int argc,
		     const char **argv, const struct opt *options,
		     const char *const *usage);

/* Run opt_parse() on argv with `options`, stdout and stderr caught. */
static int run_table(struct acct_buf *out, struct acct_buf *err, int argc,
		     const char **argv, const struct opt *options)
{
	return run_usage(out, err, argc, argv, options, test_usage);
}

/* The same with the usage lines `usage`. */
static int run_usage(struct acct_buf *out, struct acct_buf *err, int argc,
		     const char **argv, const struct opt *options,
		     const char *const *usage)
{
	FILE *fo = tmpfile(), *fe = tmpfile();
	int so = dup(1), se = dup(2), rc;

	fflush(stdout);
	fflush(stderr);
	dup2(fileno(fo), 1);
	dup2(fileno(fe), 2);
	rc = opt_parse(argc, argv, options, usage);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	read_back(out, fo);
	read_back(err, fe);
	return rc;
}

/* OPT_TEXT: help after the options with -h; not an option, not in errors. */
static void test_opt__text(void)
{
	const char *help[] = { "test", "-h", NULL };
	const char *bad[] = { "test", "--frob", NULL };
	const char *complete[] = { "test", "--complete-opts", NULL };
	int quiet = 0;
	const struct opt options[] = {
		OPT_BOOL('q', "quiet", &quiet, "print nothing on success"),
		OPT_TEXT("The keys:\n    a    one\n"),
		OPT_END()
	};
	const struct opt only_text[] = {
		OPT_TEXT("Just this.\n"),
		OPT_END()
	};
	struct acct_buf out = ACCT_BUF_INIT, err = ACCT_BUF_INIT;

	CHECK_INT(run_table(&out, &err, 2, help, options), OPT_EXIT_OK);
	CHECK_MSG(strstr(out.buf, "print nothing on success\n\nThe keys:\n"
			 "    a    one\n") != NULL, "-h printed \"%s\"", out.buf);
	CHECK_INT(err.len, 0);
	acct_buf_reset(&out);
	acct_buf_reset(&err);
	CHECK_INT(run_table(&out, &err, 2, bad, options), OPT_EXIT_USAGE);
	CHECK_MSG(!strstr(err.buf, "The keys") && strstr(err.buf, "usage: "),
		  "a mistake printed \"%s\"", err.buf);
	CHECK_INT(out.len, 0);
	acct_buf_reset(&out);
	acct_buf_reset(&err);
	CHECK_INT(run_table(&out, &err, 2, complete, options), OPT_EXIT_OK);
	/* The options, then the operand test_usage says comes first. */
	CHECK_STR(out.buf, "--quiet <name>\n");
	acct_buf_reset(&out);
	acct_buf_reset(&err);
	/* No option at all: no blank line for them, the text after the usage. */
	CHECK_INT(run_table(&out, &err, 2, help, only_text), OPT_EXIT_OK);
	CHECK_MSG(strstr(out.buf, "   or: acct test --other\n\nJust this.\n") &&
		  !strstr(out.buf, "\n\n\n"), "-h printed \"%s\"", out.buf);
	acct_buf_release(&out);
	acct_buf_release(&err);
}

/*
 * --complete-opts says what may come next as the usage lines say: the
 * verbs after the command, the kind of the next operand, and after a
 * verb given, what that verb's line says.
 */
static void test_opt__complete_next(void)
{
	static const char *const usage[] = {
		"acct tool <client> <score> [--json]",
		"acct tool [<client>] [--period <period>]",
		"acct tool import <file.csv | -> [--dry-run]",
		"acct tool add <client> <text>...",
		"acct tool --check [<client>]",
		NULL,
	};
	static const struct {
		const char *argv[5];
		const char *want;
	} cases[] = {
		{ { "tool", "--complete-opts" }, "-n= --json <client> import add\n" },
		{ { "tool", "acme", "--complete-opts" }, "-n= --json <score>\n" },
		{ { "tool", "import", "--complete-opts" }, "-n= --json <file>\n" },
		{ { "tool", "import", "x.csv", "--complete-opts" }, "-n= --json\n" },
		{ { "tool", "add", "--complete-opts" }, "-n= --json <client>\n" },
		{ { "tool", "add", "acme", "--complete-opts" }, "-n= --json <text>\n" },
		/* An option's value is no operand. */
		{ { "tool", "-n", "3", "--complete-opts" }, "-n= --json <client> import add\n" },
		{ { "tool", "a", "b", "c", "--complete-opts" }, "-n= --json\n" },
	};
	long n = 0;
	int json = 0;
	const struct opt options[] = {
		OPT_INT('n', NULL, &n, "n", "how many"),
		OPT_BOOL(0, "json", &json, "print JSON"),
		OPT_END()
	};
	struct acct_buf out = ACCT_BUF_INIT, err = ACCT_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *argv[5];
		int argc = 0;

		while (argc < 5 && cases[i].argv[argc]) {
			argv[argc] = cases[i].argv[argc];
			argc++;
		}
		acct_buf_reset(&out);
		acct_buf_reset(&err);
		CHECK_INT(run_usage(&out, &err, argc, argv, options, usage),
			  OPT_EXIT_OK);
		CHECK_MSG(!strcmp(out.buf, cases[i].want), "case %zu: \"%s\", "
			  "want \"%s\"", i, out.buf, cases[i].want);
		CHECK_INT(err.len, 0);
	}
	acct_buf_release(&out);
	acct_buf_release(&err);
}

/* The option table as commands write it: values in a local struct. */
static void test_opt__twice(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		struct run r;

		run(&r, "--tag=x", "-q", "a", NULL);
		CHECK_OPERANDS(r, "a");
		CHECK_INT(r.v.tags.n, 1);
		CHECK_INT(r.v.quiet, 1);
		run_release(&r);
	}
}

int main(void)
{
	test_opt__operands_and_options();
	test_opt__double_dash();
	test_opt__long_values();
	test_opt__short_options();
	test_opt__negation();
	test_opt__list();
	test_opt__int();
	test_opt__unknown();
	test_opt__missing_value();
	test_opt__bool_value();
	test_opt__help();
	test_opt__complete();
	test_opt__complete_next();
	test_opt__text();
	test_opt__twice();
	return test_report("opt");
}
