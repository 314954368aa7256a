#include "acct/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "acct/banned.h"

/*
 * The argument vector acct runs git with (lib/sync.c): every argument
 * given, however many, in order, after "git -C <root>", NULL-terminated
 * (issue 14, point 8: arguments after the 28th were dropped). The rest of
 * sync needs servers: tests/t/t8000-sync.sh and t8100.
 */

static void test_sync__argv(void)
{
	const char *args[201];
	char words[200][16];
	char **argv;
	size_t i;

	for (i = 0; i < 200; i++) {
		snprintf(words[i], sizeof(words[i]), "arg%zu", i);
		args[i] = words[i];
	}
	args[200] = NULL;
	argv = acct_sync_git_argv("/book", args);
	CHECK_STR(argv[0], "git");
	CHECK_STR(argv[1], "-C");
	CHECK_STR(argv[2], "/book");
	for (i = 0; i < 200; i++)
		CHECK_STR(argv[3 + i], words[i]);
	CHECK(argv[203] == NULL);
	acct_sync_argv_free(argv);

	args[0] = NULL;
	argv = acct_sync_git_argv("/b", args);
	CHECK_STR(argv[2], "/b");
	CHECK(argv[3] == NULL);
	acct_sync_argv_free(argv);
	acct_sync_argv_free(NULL);
}

int main(void)
{
	test_sync__argv();
	return test_report("sync");
}
