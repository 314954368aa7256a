/*
 * The one reader of input: files of the book, files named on the command
 * line, standard input. Each read has a limit and checks the descriptor
 * it opened (git's and OpenSSH's way: open, then fstat), so that neither
 * a huge file nor a link swapped in between a check and the open can
 * make acct read what it should not.
 */
#include "acct/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/i18n.h"
#include "acct/banned.h"

void acct_file_limit_text(struct acct_buf *out, size_t limit)
{
	if (limit >= (1u << 20) && !(limit % (1u << 20)))
		acct_buf_addf(out, "%zu MiB", limit >> 20);
	else if (limit >= (1u << 10) && !(limit % (1u << 10)))
		acct_buf_addf(out, "%zu KiB", limit >> 10);
	else
		acct_buf_addf(out, "%zu bytes", limit);
}

/* A bad file: ACCT_EDATA in the book, ACCT_EUSAGE on the command line. */
static int bad(unsigned flags)
{
	return flags & ACCT_FILE_ARG ? ACCT_EUSAGE : ACCT_EDATA;
}

/*
 * The error about `name`: "<name>: <what>" for a file of the book,
 * "<name> <what>" for one named on the command line, where the caller
 * quoted the name ("'notes.md' is ...", "standard input is ...").
 */
__attribute__((format(printf, 5, 6)))
static int fail(struct acct_error *err, int code, const char *name,
		unsigned flags, const char *fmt, ...)
{
	char msg[sizeof(err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	if (flags & ACCT_FILE_ARG)
		return acct_error_set(err, code, "%s %s", name, msg);
	return acct_error_at(err, code, name, 0, 0, "%s", msg);
}

/* "<name>: cannot read it: <why>", or "cannot read <name>: <why>". */
static int cannot_read(struct acct_error *err, int code, const char *name,
		       unsigned flags, int e)
{
	if (flags & ACCT_FILE_ARG)
		return acct_error_set(err, code, "cannot read %s: %s", name,
				      strerror(e));
	return acct_error_at(err, code, name, 0, 0, "cannot read it: %s",
			     strerror(e));
}

static int too_large(const char *name, size_t limit, unsigned flags,
		     struct acct_error *err)
{
	struct acct_buf l = ACCT_BUF_INIT;

	acct_file_limit_text(&l, limit);
	fail(err, bad(flags), name, flags, "is larger than %s, the limit for "
	     "input", l.buf);
	acct_error_hint(err, "if it is meant to be this large, raise "
			"limits.input_bytes in .acct/config.yaml");
	acct_buf_release(&l);
	return bad(flags);
}

int acct_file_read_fd(struct acct_buf *out, int fd, const char *name,
		      size_t limit, unsigned flags, struct acct_error *err)
{
	size_t old = out->len;

	for (;;) {
		size_t room;
		ssize_t n;

		acct_buf_grow(out, 8192);
		room = out->alloc - out->len - 1;
		/* One byte past the limit tells "larger" from "exactly". */
		if (room > limit + 1 - (out->len - old))
			room = limit + 1 - (out->len - old);
		n = read(fd, out->buf + out->len, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			acct_buf_setlen(out, old);
			return cannot_read(err, e == EISDIR ? bad(flags) :
					   ACCT_ERROR, name, flags, e);
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->buf[out->len] = '\0';
		if (out->len - old > limit) {
			acct_buf_setlen(out, old);
			return too_large(name, limit, flags, err);
		}
	}
	return 0;
}

/*
 * A regular file of `st` in one read of its size and a byte more: a read
 * of a regular file that comes short has come to its end, so a book's
 * thousands of small files cost no second read each to find it. Returns
 * 1 when that was all of it; 0 when the rest (or an error) is for the
 * loop to read, after the bytes `out` has now.
 */
static int read_regular(struct acct_buf *out, int fd, const struct stat *st)
{
	size_t want = (size_t)st->st_size + 1;
	ssize_t n;

	acct_buf_grow(out, want);
	do
		n = read(fd, out->buf + out->len, want);
	while (n < 0 && errno == EINTR);
	if (n > 0 && (size_t)n < want) {
		out->len += (size_t)n;
		out->buf[out->len] = '\0';
		return 1;
	}
	/* Empty, an error, or it grew meanwhile: the loop reads it all. */
	out->buf[out->len] = '\0';
	return n > 0 && lseek(fd, 0, SEEK_SET) < 0 ? -1 : 0;
}

int acct_file_read(struct acct_buf *out, const char *path, const char *name,
		   size_t limit, unsigned flags, struct acct_error *err)
{
	int oflags = O_RDONLY | O_CLOEXEC, fd, rc;
	struct stat st;

	if (!(flags & ACCT_FILE_FOLLOW))
		oflags |= O_NOFOLLOW;
	/* A FIFO where a file is wanted must not block the open. */
	if (!(flags & ACCT_FILE_ANY))
		oflags |= O_NONBLOCK;
	if ((fd = open(path, oflags)) < 0) {
		int e = errno;

		if (e == ELOOP && !(flags & ACCT_FILE_FOLLOW))
			return fail(err, bad(flags), name, flags, "is a symbolic "
				    "link; acct reads only the file itself");
		if (e == ENOENT || e == ENOTDIR)
			return cannot_read(err, flags & ACCT_FILE_ARG ?
					   ACCT_EUSAGE : ACCT_ENOTFOUND, name,
					   flags, e);
		return cannot_read(err, flags & ACCT_FILE_ARG ? ACCT_EUSAGE :
				   ACCT_ERROR, name, flags, e);
	}
	if (fstat(fd, &st) < 0) {
		rc = cannot_read(err, ACCT_ERROR, name, flags, errno);
	} else if (S_ISDIR(st.st_mode)) {
		rc = cannot_read(err, bad(flags), name, flags, EISDIR);
	} else if (!(flags & ACCT_FILE_ANY) && !S_ISREG(st.st_mode)) {
		rc = fail(err, bad(flags), name, flags, "is not a regular file");
	} else if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > limit) {
		rc = too_large(name, limit, flags, err);
	} else if (S_ISREG(st.st_mode) && (rc = read_regular(out, fd, &st))) {
		rc = rc > 0 ? 0 : cannot_read(err, ACCT_ERROR, name, flags,
					      errno);
	} else {
		/*
		 * O_NONBLOCK means nothing to a regular file, the only kind
		 * left here unless ACCT_FILE_ANY, which does not set it.
		 */
		rc = acct_file_read_fd(out, fd, name, limit, flags, err);
	}
	close(fd);
	return rc;
}
