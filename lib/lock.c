#include "acct/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/banned.h"

/*
 * The paths to remove if the process dies while holding them. A fixed
 * table, so that the signal handler can walk it without allocating: a
 * command holds a handful of locks at most.
 */
#define MAX_TRACKED 64
#define MAX_PATH_LEN 4096

static char tracked[MAX_TRACKED][MAX_PATH_LEN];
static volatile sig_atomic_t in_use[MAX_TRACKED];
static int handlers_installed;

static void remove_tracked(void)
{
	int i;

	for (i = 0; i < MAX_TRACKED; i++)
		if (in_use[i]) {
			unlink(tracked[i]);
			in_use[i] = 0;
		}
}

static void on_signal(int sig)
{
	remove_tracked();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_handlers(void)
{
	struct sigaction sa;

	if (handlers_installed)
		return;
	handlers_installed = 1;
	atexit(remove_tracked);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

int acct_lock_track(const char *path)
{
	int i;

	if (strlen(path) >= MAX_PATH_LEN)
		return -1;
	install_handlers();
	for (i = 0; i < MAX_TRACKED; i++)
		if (!in_use[i]) {
			memcpy(tracked[i], path, strlen(path) + 1);
			in_use[i] = 1;
			return i;
		}
	return -1;
}

void acct_lock_forget(int slot)
{
	if (slot >= 0 && slot < MAX_TRACKED)
		in_use[slot] = 0;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

int acct_lock_hold(struct acct_lock *lk, const char *path, const char *display,
		   unsigned flags, struct acct_error *err)
{
	struct acct_buf lp = ACCT_BUF_INIT;
	long waited = 0;
	int fd;

	acct_buf_addf(&lp, "%s.lock", path);
	for (;;) {
		fd = open(lp.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST ||
		    !(flags & ACCT_LOCK_RETRY) || waited >= 2000)
			break;
		sleep_ms(50);
		waited += 50;
	}
	if (fd < 0) {
		int e = errno;

		acct_buf_release(&lp);
		if (e == EEXIST) {
			acct_error_set(err, ACCT_ELOCKED,
				       "'%s.lock' is held by another process",
				       display);
			acct_error_hint(err, "wait for the other git or acct "
					"command to finish; if none is running, "
					"remove '%s.lock'", display);
			return ACCT_ELOCKED;
		}
		acct_error_set(err, ACCT_ERROR, "cannot create '%s.lock': %s",
			       display, strerror(e));
		if (e == EROFS || e == EACCES || e == EPERM)
			acct_error_hint(err, "the book is read-only here; "
					"run acct where you can write to it");
		return ACCT_ERROR;
	}
	lk->fd = fd;
	lk->path = acct_strdup(path);
	lk->lock_path = acct_buf_detach(&lp, NULL);
	lk->registered = acct_lock_track(lk->lock_path);
	return 0;
}

int acct_lock_write(struct acct_lock *lk, const void *data, size_t len,
		    struct acct_error *err)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(lk->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return acct_error_set(err, ACCT_ERROR,
					      "cannot write '%s': %s",
					      lk->lock_path, strerror(errno));
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int acct_lock_commit(struct acct_lock *lk, struct acct_error *err)
{
	if (lk->fd >= 0) {
		if (fsync(lk->fd) < 0 || close(lk->fd) < 0) {
			lk->fd = -1;
			return acct_error_set(err, ACCT_ERROR,
					      "cannot write '%s': %s",
					      lk->lock_path, strerror(errno));
		}
		lk->fd = -1;
	}
	if (rename(lk->lock_path, lk->path) < 0)
		return acct_error_set(err, ACCT_ERROR, "cannot rename '%s': %s",
				      lk->lock_path, strerror(errno));
	acct_lock_forget(lk->registered);
	lk->registered = -1;
	free(lk->lock_path);
	lk->lock_path = NULL;
	return 0;
}

void acct_lock_rollback(struct acct_lock *lk)
{
	if (lk->fd >= 0)
		close(lk->fd);
	lk->fd = -1;
	if (lk->lock_path)
		unlink(lk->lock_path);
	if (lk->registered >= 0 && lk->lock_path)
		acct_lock_forget(lk->registered);
	free(lk->lock_path);
	free(lk->path);
	lk->lock_path = lk->path = NULL;
	lk->registered = -1;
}
