#ifndef ACCT_BUF_H
#define ACCT_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable string, git's strbuf in small. `buf` is never NULL and
 * `buf[len]` is always '\0'; ACCT_BUF_INIT points `buf` at a shared empty
 * string, so a fresh buffer can be read without allocating.
 */
struct acct_buf {
	size_t alloc, len;
	char *buf;
};

extern char acct_buf__empty[];
#define ACCT_BUF_INIT { 0, 0, acct_buf__empty }

/** Make room for `extra` more bytes (plus the terminating NUL). */
void acct_buf_grow(struct acct_buf *b, size_t extra);
/** Append `len` bytes of `data`. */
void acct_buf_add(struct acct_buf *b, const void *data, size_t len);
/** Append a NUL-terminated string. */
void acct_buf_addstr(struct acct_buf *b, const char *s);
/** Append one byte. */
void acct_buf_addch(struct acct_buf *b, int c);
/** Append formatted text. */
void acct_buf_addf(struct acct_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void acct_buf_vaddf(struct acct_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/** Cut the buffer to `len` bytes (`len` <= b->len). */
void acct_buf_setlen(struct acct_buf *b, size_t len);
/** Empty the buffer, keeping its memory. */
void acct_buf_reset(struct acct_buf *b);
/** Free the memory and return the buffer to ACCT_BUF_INIT. */
void acct_buf_release(struct acct_buf *b);
/**
 * Hand the string over: the caller owns the result and frees it with
 * free(); the buffer is left as ACCT_BUF_INIT.
 */
char *acct_buf_detach(struct acct_buf *b, size_t *len);
/**
 * Append the whole of the file at `path`. Returns 0, or -1 with errno set;
 * on error the buffer holds what it held before.
 */
int acct_buf_read_file(struct acct_buf *b, const char *path);

/* Allocation that cannot fail: on exhaustion it says so and aborts. */
void *acct_malloc(size_t n);
void *acct_calloc(size_t n, size_t size);
void *acct_realloc(void *p, size_t n);
char *acct_strdup(const char *s);
char *acct_strndup(const char *s, size_t n);

#endif
