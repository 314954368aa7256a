#ifndef ACCT_LOCK_H
#define ACCT_LOCK_H

#include <stddef.h>

struct acct_error;

/*
 * Temporary files and lock files in git's way (tempfile.c, lockfile.c).
 *
 * Every temporary file (or folder) acct makes is registered: an atexit
 * handler and a handler of SIGINT, SIGTERM, SIGHUP and SIGPIPE remove
 * those still registered, whatever their number, and then the signal
 * does what it would have done. A file is forgotten once it is renamed
 * into place or removed. The registry is a list that the handler can
 * walk at any moment, so it never needs a lock or an allocation.
 */
struct acct_tempfile;

/* What acct_tempfile_register() registers. */
enum acct_tempfile_flags {
	ACCT_TEMP_DIR = 1 << 0,	/* a folder, removed with rmdir if empty */
};

/**
 * Register `path` (absolute) to be removed at exit or on a signal unless
 * forgotten or deleted first. Registrations are removed newest first, so
 * a folder registered before the files in it goes after them.
 */
struct acct_tempfile *acct_tempfile_register(const char *path, unsigned flags);

/**
 * Register the folder just moved from `from` to `to` (absolute) to be
 * moved back at exit or on a signal unless forgotten first (deleting it
 * moves it back now). Register it before the files put into it.
 */
struct acct_tempfile *acct_tempfile_register_move(const char *from,
						  const char *to);

/** The registered path (a moved folder's new one). */
const char *acct_tempfile_path(const struct acct_tempfile *tf);

/** Keep the file (it was renamed or is kept on purpose); `*tf` = NULL. */
void acct_tempfile_forget(struct acct_tempfile **tf);

/**
 * Remove the file (or empty folder, or move the folder back) now and
 * forget it; `*tf` = NULL.
 */
void acct_tempfile_delete(struct acct_tempfile **tf);

/**
 * Hold SIGINT, SIGTERM, SIGHUP and SIGPIPE back until the matching
 * acct_signals_resume(): a change of the work tree that must not be cut
 * in half (the renames of a commit and their undo) runs between the two,
 * and a signal that came meanwhile takes effect after it. Calls nest.
 */
void acct_signals_defer(void);
void acct_signals_resume(void);

/*
 * A lock file: `<path>.lock` created with O_CREAT|O_EXCL, so a second
 * writer fails; the new content is written to it, synced and closed, and
 * renamed over `<path>`. A lock holds its file descriptor only between
 * acct_lock_hold() and acct_lock_close() (or the first failure), so any
 * number of locks can be held at once.
 */
struct acct_lock {
	struct acct_tempfile *tf;	/* `<path>.lock`; NULL when not held */
	char *path;			/* the file the lock is for */
	char *display;			/* `path` in messages */
	int fd;				/* open on the lock file, or -1 */
	int nosync;			/* ACCT_LOCK_NOSYNC: never fsynced */
};

#define ACCT_LOCK_INIT { NULL, NULL, NULL, -1, 0 }

/* How acct_lock_hold() takes the lock. */
enum acct_lock_flags {
	ACCT_LOCK_RETRY = 1 << 0,	/* wait up to 2 s for another holder */
	ACCT_LOCK_PID = 1 << 1,		/* "acct pid N on HOST" in it */
	/*
	 * Closed and committed without fsync: a file git does not sync
	 * either (the index), or every file when the book's core.fsync
	 * is none (see acct_fsync_none()).
	 */
	ACCT_LOCK_NOSYNC = 1 << 2,
};

/**
 * Create `<path>.lock`. `display` names `path` in messages (relative to
 * the book). Returns 0; ACCT_ELOCKED when the lock exists (after 2 s with
 * ACCT_LOCK_RETRY), with a message naming it and saying what to do, as
 * git's does (and, with a lock of ACCT_LOCK_PID, whether the process that
 * made it still runs); or ACCT_ERROR (read-only book, permissions).
 */
int acct_lock_hold(struct acct_lock *lk, const char *path, const char *display,
		   unsigned flags, struct acct_error *err);

/**
 * Write all of `data` to the held lock. Returns 0 or ACCT_ERROR; after a
 * failure the descriptor is closed and the lock still held.
 */
int acct_lock_write(struct acct_lock *lk, const void *data, size_t len,
		    struct acct_error *err);

/**
 * Close the lock's descriptor, after fsync when `sync` (and the lock was
 * not taken with ACCT_LOCK_NOSYNC): the file stays,
 * held, until committed or rolled back. Returns 0 or ACCT_ERROR (the
 * descriptor is closed all the same).
 */
int acct_lock_close(struct acct_lock *lk, int sync, struct acct_error *err);

/**
 * Close the lock if still open (with fsync) and rename it over its path.
 * Returns 0 or ACCT_ERROR (the lock is then still held, to be rolled
 * back).
 */
int acct_lock_commit(struct acct_lock *lk, struct acct_error *err);

/** Remove the lock file if still held and free the lock; safe to repeat. */
void acct_lock_rollback(struct acct_lock *lk);

/** The lock file's path (`<path>.lock`), or NULL when not held. */
const char *acct_lock_file(const struct acct_lock *lk);

#endif
