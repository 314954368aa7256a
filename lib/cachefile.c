#include "acct/cachefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/lock.h"
#include "acct/banned.h"

#define MAGIC "acct cache\n"

/* A lock older than this was left by a process that was killed. */
#define STALE_LOCK_SEC 60

/* The longest header: magic, tag, version, length and checksum. */
#define HEADER_MAX 512

/*
 * A name is a path below .git/acct/ of plain parts: no "..", nothing
 * absolute, nothing that could leave the folder.
 */
static int name_ok(const char *name)
{
	const char *p = name;

	if (!*name || *name == '/' || strlen(name) > 200)
		return 0;
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		      *p == '.' || *p == '/'))
			return 0;
	return !strstr(name, "..") && !strstr(name, "//") &&
	       name[strlen(name) - 1] != '/';
}

static int tag_ok(const char *tag)
{
	return *tag && !strchr(tag, '\n') && strlen(tag) < 200;
}

static uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/*
 * Eight bytes at a time (read as little-endian whatever the machine, so a
 * file means the same everywhere), MurmurHash3's finaliser at the end:
 * fast enough to check a few megabytes on every run, and any changed,
 * missing or moved byte changes it with near certainty.
 */
uint64_t acct_cachefile_checksum(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (uint64_t)len;
	size_t i;

	for (; len >= 8; p += 8, len -= 8) {
		uint64_t w;

		memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w = __builtin_bswap64(w);
#endif
		w *= 0x87c37b91114253d5ULL;
		w = rotl(w, 31);
		w *= 0x4cf5ad432745937fULL;
		h ^= w;
		h = rotl(h, 27) * 5 + 0x52dce729;
	}
	if (len) {
		uint64_t w = 0;

		for (i = 0; i < len; i++)
			w |= (uint64_t)p[i] << (8 * i);
		w *= 0x87c37b91114253d5ULL;
		w = rotl(w, 31);
		w *= 0x4cf5ad432745937fULL;
		h ^= w;
	}
	return mix(h);
}

static void header(struct acct_buf *out, const char *tag, size_t len,
		   uint64_t sum)
{
	acct_buf_addf(out, "%s%s\n%s\n%zu %016llx\n", MAGIC, tag, ACCT_VERSION,
		      len, (unsigned long long)sum);
}

/* Read all of `fd`, of `size` bytes by fstat, into `out`: 0 or -1. */
static int read_all(struct acct_buf *out, int fd, size_t size)
{
	acct_buf_grow(out, size + 1);
	while (out->len < size + 1) {
		ssize_t n = read(fd, out->buf + out->len, size + 1 - out->len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		out->len += (size_t)n;
	}
	out->buf[out->len] = '\0';
	/* A file that grew meanwhile is being replaced: not ours. */
	return out->len == size ? 0 : -1;
}

int acct_cachefile_read_in(struct acct_buf *out, const char *gitdir,
			   const char *name, const char *tag,
			   struct acct_cachefile_info *info)
{
	struct acct_buf path = ACCT_BUF_INIT, want = ACCT_BUF_INIT;
	struct stat st;
	const char *p, *nl;
	unsigned long long len, sum;
	char *end;
	size_t hlen;
	int fd = -1, ok = 0;

	acct_buf_reset(out);
	if (info)
		info->mtime_ns = 0;
	if (!name_ok(name) || !tag_ok(tag))
		return 0;
	acct_buf_addf(&path, "%sacct/%s", gitdir, name);
	fd = open(path.buf, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uintmax_t)st.st_size > (uintmax_t)(SIZE_MAX / 2) ||
	    read_all(out, fd, (size_t)st.st_size) < 0)
		goto out;
	/* The header up to the length: the length and checksum follow it. */
	header(&want, tag, 0, 0);
	acct_buf_setlen(&want, want.len - strlen("0 0000000000000000\n"));
	if (out->len < want.len || memcmp(out->buf, want.buf, want.len))
		goto out;
	p = out->buf + want.len;
	if (!(nl = memchr(p, '\n', out->len - want.len)) ||
	    nl - out->buf > HEADER_MAX)
		goto out;
	errno = 0;
	if (*p < '0' || *p > '9')
		goto out;
	len = strtoull(p, &end, 10);
	if (errno || *end != ' ' || nl - (end + 1) != 16)
		goto out;
	for (p = end + 1, sum = 0; p < nl; p++) {
		if (*p >= '0' && *p <= '9')
			sum = sum << 4 | (unsigned)(*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			sum = sum << 4 | (unsigned)(*p - 'a' + 10);
		else
			goto out;
	}
	hlen = (size_t)(nl + 1 - out->buf);
	if (len != out->len - hlen ||
	    acct_cachefile_checksum(nl + 1, (size_t)len) != sum)
		goto out;
	memmove(out->buf, nl + 1, (size_t)len);
	acct_buf_setlen(out, (size_t)len);
	if (info)
		info->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 +
				 st.st_mtim.tv_nsec;
	ok = 1;
out:
	if (fd >= 0)
		close(fd);
	if (!ok)
		acct_buf_reset(out);
	acct_buf_release(&path);
	acct_buf_release(&want);
	return ok;
}

/* Create the folders of `path` below `base` (which ends in '/'). */
static void make_dirs(const char *path, size_t base)
{
	struct acct_buf dir = ACCT_BUF_INIT;
	const char *slash;

	for (slash = path + base; (slash = strchr(slash, '/')); slash++) {
		acct_buf_reset(&dir);
		acct_buf_add(&dir, path, (size_t)(slash - path));
		if (mkdir(dir.buf, 0777) < 0 && errno != EEXIST)
			break;
	}
	acct_buf_release(&dir);
}

/*
 * Create `lock` as ours, registered for cleanup, with no signal in
 * between (lib/lock.c). A lock in place that is older than a minute is
 * what a killed process left: it is removed and taken once more.
 */
static int take_lock(struct acct_tempfile **tf, const char *lock)
{
	int tries, fd = -1, e;

	for (tries = 0; tries < 2; tries++) {
		struct stat st;

		acct_signals_defer();
		fd = open(lock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		e = errno;
		if (fd >= 0)
			*tf = acct_tempfile_register(lock, 0);
		acct_signals_resume();
		if (fd >= 0 || e != EEXIST)
			break;
		if (lstat(lock, &st) < 0 ||
		    time(NULL) - st.st_mtime < STALE_LOCK_SEC)
			break;	/* another process is writing it now */
		unlink(lock);
	}
	return fd;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int acct_cachefile_write_in(const char *gitdir, const char *name,
			    const char *tag, const void *data, size_t len)
{
	struct acct_buf path = ACCT_BUF_INIT, lock = ACCT_BUF_INIT,
			head = ACCT_BUF_INIT;
	struct acct_tempfile *tf = NULL;
	int fd, ok = 0;

	if (!name_ok(name) || !tag_ok(tag))
		return 0;
	acct_buf_addf(&path, "%sacct/%s", gitdir, name);
	acct_buf_addf(&lock, "%s.lock", path.buf);
	make_dirs(path.buf, strlen(gitdir));
	if ((fd = take_lock(&tf, lock.buf)) < 0)
		goto out;
	header(&head, tag, len, acct_cachefile_checksum(data, len));
	ok = write_all(fd, head.buf, head.len) == 0 &&
	     write_all(fd, data, len) == 0;
	/* Not synced: a cache lost in a crash is rebuilt (core.fsync). */
	if (close(fd) < 0)
		ok = 0;
	if (ok && rename(lock.buf, path.buf) == 0)
		acct_tempfile_forget(&tf);
	else
		ok = 0;
out:
	acct_tempfile_delete(&tf);	/* no-op once forgotten */
	acct_buf_release(&path);
	acct_buf_release(&lock);
	acct_buf_release(&head);
	return ok;
}

int acct_cachefile_read(struct acct_buf *out, const struct acct_book *book,
			const char *name, const char *tag,
			struct acct_cachefile_info *info)
{
	if (book->no_cache) {
		acct_buf_reset(out);
		if (info)
			info->mtime_ns = 0;
		return 0;
	}
	return acct_cachefile_read_in(out, git_repository_path(book->repo),
				      name, tag, info);
}

int acct_cachefile_write(const struct acct_book *book, const char *name,
			 const char *tag, const void *data, size_t len)
{
	if (book->no_cache)
		return 0;
	return acct_cachefile_write_in(git_repository_path(book->repo), name,
				       tag, data, len);
}

void acct_cachefile_remove(const struct acct_book *book, const char *name)
{
	struct acct_buf path = ACCT_BUF_INIT;

	if (book->no_cache || !name_ok(name))
		return;
	acct_buf_addf(&path, "%sacct/%s", git_repository_path(book->repo),
		      name);
	unlink(path.buf);
	acct_buf_release(&path);
}
