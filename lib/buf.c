#include "acct/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acct/banned.h"

char acct_buf__empty[1];

static void die_oom(size_t n)
{
	/* The one way lib/ may end the process (STYLE.md, git's xmalloc). */
	fprintf(stderr, "acct: out of memory allocating %zu bytes\n", n);
	abort();
}

void *acct_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die_oom(n);
	return p;
}

void *acct_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die_oom(n * size);
	return p;
}

void *acct_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		die_oom(n);
	return q;
}

char *acct_strdup(const char *s)
{
	return acct_strndup(s, strlen(s));
}

char *acct_strndup(const char *s, size_t n)
{
	char *p;

	n = strnlen(s, n);
	p = acct_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void acct_buf_grow(struct acct_buf *b, size_t extra)
{
	size_t want;

	if (extra > SIZE_MAX - b->len - 1)
		die_oom(SIZE_MAX);
	want = b->len + extra + 1;
	if (want <= b->alloc)
		return;
	if (b->alloc > SIZE_MAX / 2 || want > b->alloc * 2)
		b->alloc = want < 32 ? 32 : want;
	else
		b->alloc *= 2;
	if (b->buf == acct_buf__empty)
		b->buf = acct_malloc(b->alloc), b->buf[0] = '\0';
	else
		b->buf = acct_realloc(b->buf, b->alloc);
}

void acct_buf_add(struct acct_buf *b, const void *data, size_t len)
{
	if (!len)
		return;
	acct_buf_grow(b, len);
	memmove(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

void acct_buf_addstr(struct acct_buf *b, const char *s)
{
	acct_buf_add(b, s, strlen(s));
}

void acct_buf_addch(struct acct_buf *b, int c)
{
	acct_buf_grow(b, 1);
	b->buf[b->len++] = (char)c;
	b->buf[b->len] = '\0';
}

void acct_buf_vaddf(struct acct_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	/* Room for a short text first: most are written in one pass. */
	if (!b->alloc || b->alloc - b->len < 64)
		acct_buf_grow(b, 64);
	va_copy(cp, ap);
	n = vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= b->alloc - b->len) {
		acct_buf_grow(b, (size_t)n);
		n = vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, ap);
		if (n < 0) {
			b->buf[b->len] = '\0';
			return;
		}
	}
	b->len += (size_t)n;
}

void acct_buf_addf(struct acct_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	acct_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void acct_buf_setlen(struct acct_buf *b, size_t len)
{
	if (len > b->len || b->buf == acct_buf__empty)
		return;
	b->len = len;
	b->buf[len] = '\0';
}

void acct_buf_reset(struct acct_buf *b)
{
	acct_buf_setlen(b, 0);
}

void acct_buf_release(struct acct_buf *b)
{
	if (b->buf != acct_buf__empty)
		free(b->buf);
	b->alloc = b->len = 0;
	b->buf = acct_buf__empty;
}

char *acct_buf_detach(struct acct_buf *b, size_t *len)
{
	char *s;

	if (b->buf == acct_buf__empty)
		acct_buf_grow(b, 0);
	s = b->buf;
	if (len)
		*len = b->len;
	b->alloc = b->len = 0;
	b->buf = acct_buf__empty;
	return s;
}

int acct_buf_read_file(struct acct_buf *b, const char *path)
{
	size_t old = b->len;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t n;

		acct_buf_grow(b, 8192);
		n = read(fd, b->buf + b->len, b->alloc - b->len - 1);
		if (n < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			close(fd);
			acct_buf_setlen(b, old);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
	}
	b->buf[b->len] = '\0';
	close(fd);
	return 0;
}
