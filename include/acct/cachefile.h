#ifndef ACCT_CACHEFILE_H
#define ACCT_CACHEFILE_H

#include <stddef.h>
#include <stdint.h>

struct acct_book;
struct acct_buf;

/*
 * A cache file: what acct derived from the book and keeps to answer the
 * next command faster, as `.git/acct/<name>` of the book (the git dir,
 * never the work tree, never committed). Every such file starts with a
 * header that names it
 *
 *	acct cache\n<tag>\n<ACCT_VERSION>\n<payload length> <checksum>\n
 *
 * then the caller's payload. `tag` names the payload's format and its
 * version ("facts 3"): a change of format is a new tag. A file that is
 * missing, truncated, corrupt, of another tag or written by another acct
 * version reads as "no cache", never as an error: a cache is only a help,
 * and the command then works it out from the book.
 *
 * Writing never fails a command and never prints: a read-only .git, a
 * full disk or no file descriptor left only means no cache this time.
 * The file is written to `<name>.lock` (O_CREAT|O_EXCL: while another
 * process writes it, this one does not) and renamed over `<name>`, so a
 * reader sees the old file or the new one whole, and of two writers the
 * last one wins. A lock older than a minute was left by a killed process
 * and is removed. The lock is registered with lib/lock.c's cleanup, so a
 * signal leaves no temporary file behind.
 *
 * With book->no_cache (ACCT_NO_CACHE=1, read by cmd/), nothing is read
 * and nothing is written.
 */

/* What the reading of a cache file learned beside its payload. */
struct acct_cachefile_info {
	/*
	 * The file's modification time in nanoseconds since the epoch: when
	 * it was written. What was stat'ed for it and changed in the same
	 * tick may have changed after it was looked at (git's "racy" case),
	 * so a time not older than this proves nothing.
	 */
	int64_t mtime_ns;
};

/**
 * Read `.git/acct/<name>` of `book` and put its payload into `out`
 * (replaced; the payload starts at out->buf, so it is aligned as malloc
 * aligns). Returns 1 when the file is there, whole and of this `tag` and
 * acct version; 0 for "no cache" (`out` is then empty): missing,
 * unreadable, truncated, corrupt, another tag or version, or book->
 * no_cache. `info` may be NULL.
 */
int acct_cachefile_read(struct acct_buf *out, const struct acct_book *book,
			const char *name, const char *tag,
			struct acct_cachefile_info *info);

/**
 * Write `len` bytes of `data` as the payload of `.git/acct/<name>` of
 * `book` with the header of `tag`, creating `.git/acct/` if needed.
 * Returns 1 when written, 0 when not (book->no_cache, another process
 * writing it now, any error): never an error, never a message.
 */
int acct_cachefile_write(const struct acct_book *book, const char *name,
			 const char *tag, const void *data, size_t len);

/**
 * The same two for a git dir `gitdir` (git_repository_path(): ending in
 * '/'), for code that holds a repository and no book. These do not look
 * at any no_cache flag: the caller does.
 */
int acct_cachefile_read_in(struct acct_buf *out, const char *gitdir,
			   const char *name, const char *tag,
			   struct acct_cachefile_info *info);
int acct_cachefile_write_in(const char *gitdir, const char *name,
			    const char *tag, const void *data, size_t len);

/**
 * Remove `.git/acct/<name>` of `book` (a cache of something gone), if
 * there is one: never an error. Nothing with book->no_cache.
 */
void acct_cachefile_remove(const struct acct_book *book, const char *name);

/** The checksum of the header: 64 bits of `data`, not cryptographic. */
uint64_t acct_cachefile_checksum(const void *data, size_t len);

#endif
