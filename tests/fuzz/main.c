/*
 * The standalone driver: a fuzz target without libFuzzer, for `make test`
 * (built by gcc with ASan and UBSan where clang may be absent), in the
 * manner of libFuzzer's StandaloneFuzzTargetMain.c. Each argument is a
 * file, fed to the target once, or a folder, whose files are fed in name
 * order; without arguments, the target's own corpus (FUZZ_CORPUS, a path
 * from the repository's top). Each input is a copy of exactly its size,
 * so a read past its end is a sanitizer report.
 *
 * Prints the file before running it (the last one named is the culprit
 * of a crash) and ends with "fuzz-<name>: N passed, 0 failed", the line
 * tests/run.sh counts. A finding aborts the process.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acct/buf.h"
#include "fuzz.h"

#include "acct/banned.h"

#ifndef FUZZ_NAME
#error "FUZZ_NAME must name the target"
#endif
#ifndef FUZZ_CORPUS
#error "FUZZ_CORPUS must name the target's corpus folder"
#endif

/* The target may do without LLVMFuzzerInitialize(). */
extern int LLVMFuzzerInitialize(int *argc, char ***argv)
	__attribute__((weak));

static int run_file(const char *path)
{
	struct acct_buf text = ACCT_BUF_INIT;
	uint8_t *copy;

	if (acct_buf_read_file(&text, path) < 0) {
		fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
		return -1;
	}
	printf("replay %s (%zu bytes)\n", path, text.len);
	fflush(stdout);
	copy = acct_malloc(text.len ? text.len : 1);
	memcpy(copy, text.buf, text.len);
	LLVMFuzzerTestOneInput(copy, text.len);
	free(copy);
	acct_buf_release(&text);
	return 0;
}

static int skip_dots(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Run `path`, a file or a folder of files; count what ran in `*runs`. */
static int run_path(const char *path, size_t *runs)
{
	struct dirent **names = NULL;
	struct stat st;
	int i, n, rc = 0;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (run_file(path) < 0)
			return -1;
		++*runs;
		return 0;
	}
	if ((n = scandir(path, &names, skip_dots, alphasort)) < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct acct_buf file = ACCT_BUF_INIT;

		acct_buf_addf(&file, "%s/%s", path, names[i]->d_name);
		if (!rc && run_file(file.buf) < 0)
			rc = -1;
		else if (!rc)
			++*runs;
		acct_buf_release(&file);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t runs = 0;
	int i, failed = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	if (argc < 2)
		failed = run_path(FUZZ_CORPUS, &runs) < 0;
	for (i = 1; i < argc; i++)
		if (run_path(argv[i], &runs) < 0)
			failed++;
	if (!runs && !failed) {
		fprintf(stderr, "fuzz-%s: no input found\n", FUZZ_NAME);
		failed = 1;
	}
	printf("fuzz-%s: %zu passed, %d failed\n", FUZZ_NAME, runs, failed);
	return failed ? 1 : 0;
}
