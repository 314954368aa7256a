/*
 * Time zones (lib/tz.c): TZif files and POSIX TZ strings.
 *
 * Input: a byte whose low bit picks the form (0: a TZif file, 1: a POSIX
 * TZ string), 8 bytes of a moment (seconds since the epoch, big-endian),
 * then the file or the string (up to a NUL). A file is written to a
 * folder made once in $TMPDIR and read with acct_tz_load(), as a zone
 * would be.
 *
 * Checked: a string is a zone name only if it stays inside the zone
 * folder; a refusal is ACCT_EUSAGE (a string) or ACCT_EDATA (a file) with
 * a message; for a zone or a TZ string that loads, the offset at the
 * moment, around it and at the ends of time lies within RFC 8536's range
 * (-89999 to 93599 seconds), with an abbreviation of printable ASCII that
 * fits its buffer; the same moment twice gives the same answer.
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include "acct/tz.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "fuzz.h"

#include "acct/banned.h"

#define UTOFF_MIN (-89999)
#define UTOFF_MAX 93599

static struct acct_buf dir = ACCT_BUF_INIT, file = ACCT_BUF_INIT;

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void dir_drop(void)
{
	if (dir.len)
		nftw(dir.buf, remove_one, 4, FTW_DEPTH | FTW_PHYS);
	acct_buf_release(&dir);
	acct_buf_release(&file);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	acct_buf_addf(&dir, "%s/acct-fuzz-tz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.buf)) {
		perror(dir.buf);
		exit(2);
	}
	acct_buf_addf(&file, "%s/Fuzz", dir.buf);
	atexit(dir_drop);
	return 0;
}

static void check_abbr(const char *abbr, const char *what)
{
	size_t i;

	FUZZ_CHECK(memchr(abbr, '\0', ACCT_TZ_ABBRLEN), "%s: the abbreviation "
		   "is not terminated", what);
	for (i = 0; abbr[i]; i++)
		FUZZ_CHECK(abbr[i] >= 0x20 && abbr[i] <= 0x7e, "%s: byte 0x%02x "
			   "in the abbreviation", what, (unsigned char)abbr[i]);
}

static void check_name(const char *s)
{
	size_t len = strlen(s);

	if (!acct_tz_name_ok(s))
		return;
	FUZZ_CHECK(len >= 1 && len <= ACCT_TZ_NAMEMAX && s[0] != '/' &&
		   s[len - 1] != '/' && !strstr(s, "//") && strcmp(s, "..") &&
		   strncmp(s, "../", 3) && !strstr(s, "/../") &&
		   (len < 3 || strcmp(s + len - 3, "/..")) && strcmp(s, ".") &&
		   strncmp(s, "./", 2) && !strstr(s, "/./") &&
		   (len < 2 || strcmp(s + len - 2, "/.")),
		   "'%s' passes as a zone name", s);
}

/* The moments to look at: the one given, around it, and the extremes. */
static void moments(int64_t *m, int64_t sec)
{
	m[0] = sec;
	m[1] = sec > INT64_MIN ? sec - 1 : sec;
	m[2] = sec < INT64_MAX ? sec + 1 : sec;
	m[3] = INT64_MIN;
	m[4] = INT64_MAX;
	m[5] = 0;
	m[6] = sec / 1000;
}

#define NMOMENTS 7

static void check_posix(const char *spec, int64_t sec)
{
	struct acct_error err = ACCT_ERROR_INIT;
	char abbr[ACCT_TZ_ABBRLEN], again[ACCT_TZ_ABBRLEN];
	int64_t m[NMOMENTS];
	int off, off2, rc;
	size_t i;

	moments(m, sec);
	for (i = 0; i < NMOMENTS; i++) {
		memset(abbr, 'Z', sizeof(abbr));
		rc = acct_tz_posix_offset(&off, abbr, spec, m[i], &err);
		if (rc < 0) {
			FUZZ_CHECK(rc == ACCT_EUSAGE && err.msg[0],
				   "TZ string refused with %d: %s", rc, err.msg);
			return;
		}
		FUZZ_CHECK(off >= UTOFF_MIN && off <= UTOFF_MAX, "'%s' at %lld: "
			   "offset %d", spec, (long long)m[i], off);
		check_abbr(abbr, spec);
		rc = acct_tz_posix_offset(&off2, again, spec, m[i], &err);
		FUZZ_CHECK(rc == 0 && off2 == off && !strcmp(abbr, again),
			   "'%s' at %lld: two answers", spec, (long long)m[i]);
	}
}

static void check_tzif(const char *data, size_t len, int64_t sec)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_tz *tz = NULL;
	char abbr[ACCT_TZ_ABBRLEN], again[ACCT_TZ_ABBRLEN];
	int64_t m[NMOMENTS];
	size_t i, done = 0;
	int fd, rc, off;
	ssize_t n;

	fd = open(file.buf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(file.buf);
		exit(2);
	}
	while (done < len && (n = write(fd, data + done, len - done)) > 0)
		done += (size_t)n;
	if (close(fd) < 0 || done != len) {
		perror(file.buf);
		exit(2);
	}
	rc = acct_tz_load(&tz, dir.buf, "Fuzz", &err);
	if (rc < 0) {
		FUZZ_CHECK(rc == ACCT_EDATA && !tz && err.msg[0],
			   "TZif file refused with %d: %s", rc, err.msg);
		return;
	}
	moments(m, sec);
	for (i = 0; i < NMOMENTS; i++) {
		memset(abbr, 'Z', sizeof(abbr));
		off = acct_tz_offset_at(tz, m[i], abbr);
		FUZZ_CHECK(off >= UTOFF_MIN && off <= UTOFF_MAX, "the zone at "
			   "%lld: offset %d", (long long)m[i], off);
		check_abbr(abbr, "the zone");
		FUZZ_CHECK(acct_tz_offset_at(tz, m[i], again) == off &&
			   !strcmp(abbr, again) &&
			   acct_tz_offset_at(tz, m[i], NULL) == off,
			   "the zone at %lld: two answers", (long long)m[i]);
	}
	acct_tz_free(tz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	unsigned form = fuzz_byte(&in);
	int64_t sec = fuzz_i64(&in);
	size_t len;
	char *s;

	if (form & 1) {
		s = fuzz_part(&in, NULL);
		check_name(s);
		check_posix(s, sec);
	} else {
		s = fuzz_rest(&in, &len);
		check_tzif(s, len, sec);
	}
	free(s);
	return 0;
}
