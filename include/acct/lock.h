#ifndef ACCT_LOCK_H
#define ACCT_LOCK_H

#include <stddef.h>

struct acct_error;

/*
 * A lock file in git's way (lockfile.h): `<path>.lock` created with
 * O_CREAT|O_EXCL, so a second writer fails; the new content is written to
 * it, synced, and renamed over `<path>`. Locks still held when the process
 * exits or is killed by SIGINT, SIGTERM or SIGHUP are removed.
 */
struct acct_lock {
	char *path;		/* the file the lock is for */
	char *lock_path;	/* `<path>.lock` */
	int fd;
	int registered;
};

#define ACCT_LOCK_INIT { NULL, NULL, -1, -1 }

/* What a lock taken by acct_lock_hold() is for, in messages. */
enum acct_lock_flags {
	ACCT_LOCK_RETRY = 1 << 0,	/* wait up to 2 s for another holder */
};

/**
 * Create `<path>.lock`. `display` names the path in messages (relative to
 * the book). Returns 0, ACCT_ELOCKED when another process holds it (after
 * 2 s with ACCT_LOCK_RETRY), or ACCT_ERROR (read-only book, permissions).
 */
int acct_lock_hold(struct acct_lock *lk, const char *path, const char *display,
		   unsigned flags, struct acct_error *err);

/** Write all of `data` to the held lock. Returns 0 or ACCT_ERROR. */
int acct_lock_write(struct acct_lock *lk, const void *data, size_t len,
		    struct acct_error *err);

/**
 * fsync and close the lock file and rename it over its path. Returns 0 or
 * ACCT_ERROR (the lock is then still held, to be rolled back).
 */
int acct_lock_commit(struct acct_lock *lk, struct acct_error *err);

/** Remove the lock file if still held and free the lock; safe to repeat. */
void acct_lock_rollback(struct acct_lock *lk);

/**
 * Register an extra path (not a lock of ours) to unlink if the process
 * dies before acct_lock_forget() (temporary files). Returns a slot.
 */
int acct_lock_track(const char *path);
void acct_lock_forget(int slot);

#endif
