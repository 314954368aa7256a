#ifndef ACCT_FUZZ_H
#define ACCT_FUZZ_H

/*
 * What every fuzz target shares. A target is one file, tests/fuzz/<name>.c,
 * that defines LLVMFuzzerTestOneInput() (and may define
 * LLVMFuzzerInitialize()); it is linked either with libFuzzer (clang,
 * `make fuzz`) or with tests/fuzz/main.c, which feeds it the files of its
 * corpus (gcc, `make test`). A property that does not hold is a finding:
 * fuzz_fail() says what and aborts, and both drivers report the input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

__attribute__((format(printf, 1, 2), noreturn))
static inline void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: finding: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* A property that must hold; its text is the message when it does not. */
#define FUZZ_CHECK(cond, ...) do { \
	if (!(cond)) \
		fuzz_fail(__VA_ARGS__); \
} while (0)

/* The input, taken from the front. */
struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

/* The next byte, or 0 when the input is used up. */
static inline unsigned fuzz_byte(struct fuzz_in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

/* The next 4 bytes as a number, big-endian; missing bytes are 0. */
static inline uint32_t fuzz_u32(struct fuzz_in *in)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 4; i++)
		v = v << 8 | fuzz_byte(in);
	return v;
}

/* The next 8 bytes as a signed number, big-endian; missing bytes are 0. */
static inline int64_t fuzz_i64(struct fuzz_in *in)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | fuzz_byte(in);
	return (int64_t)v;
}

/*
 * The bytes up to the next NUL (or the end): a copy, NUL-terminated, to
 * free(). `len` receives its length. The NUL is consumed.
 */
static inline char *fuzz_part(struct fuzz_in *in, size_t *len)
{
	const uint8_t *nul = memchr(in->p, '\0', in->n);
	size_t n = nul ? (size_t)(nul - in->p) : in->n;
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, in->p, n);
	s[n] = '\0';
	in->p += n;
	in->n -= n;
	if (nul) {
		in->p++;
		in->n--;
	}
	if (len)
		*len = n;
	return s;
}

/*
 * The rest of the input as its own allocation of exactly its size, so
 * that the sanitizers see a read past the end.
 */
static inline char *fuzz_rest(struct fuzz_in *in, size_t *len)
{
	char *s = malloc(in->n ? in->n : 1);

	if (!s)
		abort();
	if (in->n)
		memcpy(s, in->p, in->n);
	*len = in->n;
	in->p += in->n;
	in->n = 0;
	return s;
}

/* Whether `len` bytes of `s` are UTF-8 (no overlongs, no surrogates). */
static inline int fuzz_utf8_ok(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned c = *p++, need, cp, min;

		if (c < 0x80)
			continue;
		if ((c & 0xe0) == 0xc0)
			need = 1, cp = c & 0x1f, min = 0x80;
		else if ((c & 0xf0) == 0xe0)
			need = 2, cp = c & 0x0f, min = 0x800;
		else if ((c & 0xf8) == 0xf0)
			need = 3, cp = c & 0x07, min = 0x10000;
		else
			return 0;
		if ((size_t)(end - p) < need)
			return 0;
		while (need--) {
			if ((*p & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (*p++ & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
	}
	return 1;
}

#endif
