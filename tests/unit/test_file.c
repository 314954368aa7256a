#include "acct/file.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * The one reader of input (lib/file.c): the limit (exactly at it, one
 * byte past it, a device that never ends), what is refused where a file
 * is wanted (links, directories, FIFOs, devices) and what a file named on
 * the command line may be (a pipe, /dev/stdin), the codes and messages.
 */

static char dir[] = "/tmp/acct-test-file-XXXXXX";

static void path_of(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static void put(const char *name, const char *text, size_t len)
{
	char p[256];
	FILE *f;

	path_of(p, sizeof(p), name);
	f = fopen(p, "wb");
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(fwrite(text, 1, len, f) == len);
	fclose(f);
}

#define READ(name, limit, flags, want_rc) \
	read_(__LINE__, (name), (limit), (flags), (want_rc))

static struct acct_error last;
static struct acct_buf got = ACCT_BUF_INIT;

static void read_(int at, const char *name, size_t limit, unsigned flags,
		  int want_rc)
{
	char p[256], bare[128];
	int rc;

	/* "'x'" names x quoted, as a command names a file it was given. */
	snprintf(bare, sizeof(bare), "%s", name + (name[0] == '\''));
	if (name[0] == '\'')
		bare[strlen(bare) - 1] = '\0';
	if (bare[0] == '/')
		snprintf(p, sizeof(p), "%s", bare);
	else
		path_of(p, sizeof(p), bare);
	acct_buf_reset(&got);
	acct_buf_addstr(&got, "kept:");
	acct_error_clear(&last);
	rc = acct_file_read(&got, p, name, limit, flags, &last);
	CHECK_MSG(rc == want_rc, "line %d: %s: %d \"%s\", want %d", at, name,
		  rc, last.msg, want_rc);
	if (rc)
		CHECK_MSG(!strcmp(got.buf, "kept:"), "line %d: %s: the buffer "
			  "changed on an error", at, name);
}

static void test_file__regular(void)
{
	put("a.txt", "hello\n", 6);
	READ("a.txt", 100, 0, 0);
	CHECK_STR(got.buf, "kept:hello\n");
	/* Exactly at the limit, and one byte past it. */
	READ("a.txt", 6, 0, 0);
	READ("a.txt", 5, 0, ACCT_EDATA);
	CHECK_STR(last.file, "a.txt");
	CHECK_STR(last.msg, "is larger than 5 bytes, the limit for input");
	CHECK(strstr(last.hint, "limits.input_bytes") != NULL);
	READ("'a.txt'", 5, ACCT_FILE_ARG, ACCT_EUSAGE);
	CHECK_STR(last.msg, "'a.txt' is larger than 5 bytes, the limit for input");
	put("empty", "", 0);
	READ("empty", 10, 0, 0);
	CHECK_STR(got.buf, "kept:");
}

static void test_file__big(void)
{
	size_t n = (1u << 20) + 1, i;
	char *big = malloc(n);

	if (!big)
		return;
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	put("big", big, n);
	READ("big", (size_t)1 << 20, 0, ACCT_EDATA);
	CHECK_STR(last.msg, "is larger than 1 MiB, the limit for input");
	READ("big", n, 0, 0);
	CHECK_INT(got.len, 5 + n);
	CHECK(!memcmp(got.buf + 5, big, n));
	free(big);
}

static void test_file__not_files(void)
{
	char p[256], q[256];

	/* A symbolic link: refused in the book, followed when asked. */
	path_of(p, sizeof(p), "a.txt");
	path_of(q, sizeof(q), "link");
	CHECK(symlink(p, q) == 0);
	READ("link", 100, 0, ACCT_EDATA);
	CHECK_STR(last.msg, "is a symbolic link; acct reads only the file itself");
	READ("link", 100, ACCT_FILE_FOLLOW, 0);
	CHECK_STR(got.buf, "kept:hello\n");
	/* A directory, a FIFO (the open does not wait), a device. */
	path_of(p, sizeof(p), "sub");
	CHECK(mkdir(p, 0700) == 0);
	READ("sub", 100, 0, ACCT_EDATA);
	CHECK_STR(last.msg, "cannot read it: Is a directory");
	READ("'sub'", 100, ACCT_FILE_ANY | ACCT_FILE_FOLLOW | ACCT_FILE_ARG,
	     ACCT_EUSAGE);
	CHECK_STR(last.msg, "cannot read 'sub': Is a directory");
	path_of(p, sizeof(p), "fifo");
	CHECK(mkfifo(p, 0600) == 0);
	READ("fifo", 100, 0, ACCT_EDATA);
	CHECK_STR(last.msg, "is not a regular file");
	READ("/dev/null", 100, ACCT_FILE_FOLLOW, ACCT_EDATA);
	/* A device that never ends, where any file will do: the limit. */
	READ("'/dev/zero'", 4096, ACCT_FILE_ANY | ACCT_FILE_FOLLOW |
	     ACCT_FILE_ARG, ACCT_EUSAGE);
	CHECK_STR(last.msg, "'/dev/zero' is larger than 4 KiB, the limit for input");
	READ("/dev/null", 100, ACCT_FILE_ANY | ACCT_FILE_FOLLOW, 0);
	CHECK_STR(got.buf, "kept:");
	/* Missing. */
	READ("nothing", 100, 0, ACCT_ENOTFOUND);
	CHECK_STR(last.file, "nothing");
	CHECK(!strncmp(last.msg, "cannot read it: ", 16));
	READ("'nothing'", 100, ACCT_FILE_ARG, ACCT_EUSAGE);
	CHECK(!strncmp(last.msg, "cannot read 'nothing': ", 23));
}

static void test_file__fd(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf b = ACCT_BUF_INIT;
	int fds[2];

	if (pipe(fds) < 0)
		return;
	CHECK(write(fds[1], "0123456789", 10) == 10);
	close(fds[1]);
	CHECK_INT(acct_file_read_fd(&b, fds[0], "standard input", 9,
				    ACCT_FILE_ARG, &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "standard input is larger than 9 bytes, the limit "
		  "for input");
	CHECK_INT(b.len, 0);
	close(fds[0]);
	if (pipe(fds) < 0)
		return;
	CHECK(write(fds[1], "0123456789", 10) == 10);
	close(fds[1]);
	CHECK_INT(acct_file_read_fd(&b, fds[0], "standard input", 10, 0, &err), 0);
	CHECK_STR(b.buf, "0123456789");
	close(fds[0]);
	acct_buf_release(&b);
}

static void test_file__limit_text(void)
{
	struct acct_buf b = ACCT_BUF_INIT;

	acct_file_limit_text(&b, ACCT_INPUT_BYTES);
	CHECK_STR(b.buf, "8 MiB");
	acct_buf_reset(&b);
	acct_file_limit_text(&b, 512 * 1024);
	CHECK_STR(b.buf, "512 KiB");
	acct_buf_reset(&b);
	acct_file_limit_text(&b, 1000);
	CHECK_STR(b.buf, "1000 bytes");
	acct_buf_release(&b);
}

int main(void)
{
	char cmd[128];

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_file__regular();
	test_file__big();
	test_file__not_files();
	test_file__fd();
	test_file__limit_text();
	acct_buf_release(&got);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return test_report("file");
}
