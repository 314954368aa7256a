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
 * The registry of temporary files: a doubly linked list whose head is
 * static. The signal handler walks it forwards at any moment, so every
 * change keeps it whole for a forward walk: a new node is complete before
 * the one store that links it in, and a node is unlinked by one store
 * before it is freed (git's tempfile.c with list.h's volatile list).
 */
struct acct_tempfile {
	struct acct_tempfile *volatile next;
	struct acct_tempfile *volatile prev;
	pid_t owner;		/* a child after fork() removes nothing */
	unsigned flags;
	const char *back;	/* a moved folder's old path, or NULL */
	char path[];
};

/* A folder moved, to be moved back (acct_tempfile_register_move()). */
#define TEMP_MOVE (1u << 8)

static struct acct_tempfile registry = { &registry, &registry, 0, 0, NULL };

/* The signals that end acct and make it clean up first. */
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
#define NSIGNALS (sizeof(cleanup_signals) / sizeof(cleanup_signals[0]))

static struct sigaction old_actions[NSIGNALS];
static int installed;

static int defer_depth;
static sigset_t deferred_mask;

/* Only async-signal-safe calls here: they run in the signal handler too. */
static void undo(const struct acct_tempfile *p)
{
	if (p->flags & TEMP_MOVE)
		rename(p->path, p->back);
	else if (p->flags & ACCT_TEMP_DIR)
		rmdir(p->path);
	else
		unlink(p->path);
}

static void remove_all(void)
{
	pid_t me = getpid();
	struct acct_tempfile *p;

	for (p = registry.next; p != &registry; p = p->next) {
		if (p->owner != me)
			continue;
		undo(p);
	}
}

static void on_exit_cleanup(void)
{
	remove_all();
}

static void on_signal(int sig)
{
	size_t i;

	remove_all();
	/* Then what the signal would have done without us. */
	for (i = 0; i < NSIGNALS; i++)
		if (cleanup_signals[i] == sig)
			sigaction(sig, &old_actions[i], NULL);
	raise(sig);
}

static void install_handlers(void)
{
	struct sigaction sa;
	size_t i;

	if (installed)
		return;
	installed = 1;
	atexit(on_exit_cleanup);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIGNALS; i++)
		sigaddset(&sa.sa_mask, cleanup_signals[i]);
	for (i = 0; i < NSIGNALS; i++) {
		if (sigaction(cleanup_signals[i], NULL, &old_actions[i]) < 0)
			continue;
		/* An ignored signal (nohup, a shell's trap '' PIPE) stays so. */
		if (old_actions[i].sa_handler == SIG_IGN)
			continue;
		sigaction(cleanup_signals[i], &sa, NULL);
	}
}

static struct acct_tempfile *add(const char *path, const char *back,
				 unsigned flags)
{
	size_t len = strlen(path), blen = back ? strlen(back) + 1 : 0;
	struct acct_tempfile *tf = acct_malloc(sizeof(*tf) + len + 1 + blen);

	install_handlers();
	memcpy(tf->path, path, len + 1);
	tf->back = NULL;
	if (back) {
		memcpy(tf->path + len + 1, back, blen);
		tf->back = tf->path + len + 1;
	}
	tf->flags = flags;
	tf->owner = getpid();
	tf->prev = &registry;
	tf->next = registry.next;
	registry.next->prev = tf;
	registry.next = tf;		/* now the handler sees it */
	return tf;
}

struct acct_tempfile *acct_tempfile_register(const char *path, unsigned flags)
{
	return add(path, NULL, flags & ACCT_TEMP_DIR);
}

struct acct_tempfile *acct_tempfile_register_move(const char *from,
						  const char *to)
{
	return add(to, from, TEMP_MOVE);
}

const char *acct_tempfile_path(const struct acct_tempfile *tf)
{
	return tf->path;
}

void acct_tempfile_forget(struct acct_tempfile **tfp)
{
	struct acct_tempfile *tf = *tfp;

	if (!tf)
		return;
	tf->prev->next = tf->next;	/* now the handler does not */
	tf->next->prev = tf->prev;
	free(tf);
	*tfp = NULL;
}

void acct_tempfile_delete(struct acct_tempfile **tfp)
{
	struct acct_tempfile *tf = *tfp;

	if (!tf)
		return;
	undo(tf);
	acct_tempfile_forget(tfp);
}

void acct_signals_defer(void)
{
	sigset_t set;
	size_t i;

	if (defer_depth++)
		return;
	sigemptyset(&set);
	for (i = 0; i < NSIGNALS; i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &set, &deferred_mask);
}

void acct_signals_resume(void)
{
	if (defer_depth <= 0 || --defer_depth)
		return;
	/* A signal that came meanwhile is delivered here. */
	sigprocmask(SIG_SETMASK, &deferred_mask, NULL);
}

/* --- lock files ------------------------------------------------------------ */

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* "acct pid N on HOST", the first line of a lock taken with ACCT_LOCK_PID. */
static void pid_line(struct acct_buf *out)
{
	char host[256];

	if (gethostname(host, sizeof(host)) < 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	acct_buf_addf(out, "acct pid %ld on %s\n", (long)getpid(), host);
}

/*
 * The process that made a lock found in place, when the lock says so
 * (ACCT_LOCK_PID) and it was made on this machine; 0 otherwise. `*gone`
 * is set when that process is no longer running.
 */
static long lock_owner(const char *lock_path, int *gone)
{
	char buf[512], host[256], mine[256];
	long pid = 0;
	ssize_t n;
	int fd;

	*gone = 0;
	if ((fd = open(lock_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (sscanf(buf, "acct pid %ld on %255[^\n]", &pid, host) != 2 ||
	    pid <= 0 || gethostname(mine, sizeof(mine)) < 0)
		return 0;
	mine[sizeof(mine) - 1] = '\0';
	if (strcmp(host, mine))
		return 0;	/* another machine's: we cannot tell */
	*gone = kill((pid_t)pid, 0) < 0 && errno == ESRCH;
	return pid;
}

static int refuse_held(const char *lock_path, const char *display,
		       struct acct_error *err)
{
	int gone;
	long pid = lock_owner(lock_path, &gone);

	acct_error_set(err, ACCT_ELOCKED, "'%s.lock' exists: another acct or "
		       "git process may be running in the book", display);
	if (pid && gone)
		acct_error_hint(err, "it was made by acct process %ld, which "
				"is no longer running: remove '%s.lock' and run "
				"acct again", pid, display);
	else if (pid)
		acct_error_hint(err, "acct process %ld holds it: wait for it to "
				"finish; if it is not acct (process ids are "
				"reused), remove '%s.lock'", pid, display);
	else
		acct_error_hint(err, "wait for it to finish; if none is running, "
				"one was stopped midway: remove '%s.lock' and "
				"run acct again", display);
	return ACCT_ELOCKED;
}

int acct_lock_hold(struct acct_lock *lk, const char *path, const char *display,
		   unsigned flags, struct acct_error *err)
{
	struct acct_buf lp = ACCT_BUF_INIT;
	struct acct_tempfile *tf = NULL;
	long waited = 0;
	int fd, e;

	acct_buf_addf(&lp, "%s.lock", path);
	for (;;) {
		/*
		 * Created and registered with the signals held back: a signal
		 * in between would leave the file behind, and registering it
		 * before it is ours would remove another process's lock.
		 */
		acct_signals_defer();
		fd = open(lp.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		e = errno;
		if (fd >= 0)
			tf = acct_tempfile_register(lp.buf, 0);
		acct_signals_resume();
		errno = e;
		if (fd >= 0 || errno != EEXIST ||
		    !(flags & ACCT_LOCK_RETRY) || waited >= 2000)
			break;
		sleep_ms(50);
		waited += 50;
	}
	if (fd < 0) {
		e = errno;
		if (e == EEXIST)
			refuse_held(lp.buf, display, err);
		else
			acct_error_set(err, ACCT_ERROR, "cannot create "
				       "'%s.lock': %s", display, strerror(e));
		if (e == EROFS || e == EACCES || e == EPERM)
			acct_error_hint(err, "the book is read-only here; "
					"run acct where you can write to it");
		acct_buf_release(&lp);
		return e == EEXIST ? ACCT_ELOCKED : ACCT_ERROR;
	}
	lk->tf = tf;
	lk->fd = fd;
	lk->path = acct_strdup(path);
	lk->display = acct_strdup(display);
	lk->nosync = !!(flags & ACCT_LOCK_NOSYNC);
	acct_buf_release(&lp);
	if (flags & ACCT_LOCK_PID) {
		struct acct_buf line = ACCT_BUF_INIT;
		int rc;

		pid_line(&line);
		rc = acct_lock_write(lk, line.buf, line.len, err);
		acct_buf_release(&line);
		if (rc < 0) {
			acct_lock_rollback(lk);
			return rc;
		}
	}
	return 0;
}

static int fail_closed(struct acct_lock *lk, const char *what, int e,
		       struct acct_error *err)
{
	if (lk->fd >= 0)
		close(lk->fd);
	lk->fd = -1;
	return acct_error_set(err, ACCT_ERROR, "cannot %s '%s.lock': %s", what,
			      lk->display, strerror(e));
}

int acct_lock_write(struct acct_lock *lk, const void *data, size_t len,
		    struct acct_error *err)
{
	const char *p = data;

	if (lk->fd < 0)
		return acct_error_set(err, ACCT_ERROR, "cannot write '%s.lock': "
				      "it is not open", lk->display);
	while (len) {
		ssize_t n = write(lk->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail_closed(lk, "write", errno, err);
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int acct_lock_close(struct acct_lock *lk, int sync, struct acct_error *err)
{
	int fd = lk->fd;

	if (fd < 0)
		return 0;
	if (sync && !lk->nosync && fsync(fd) < 0)
		return fail_closed(lk, "write", errno, err);
	lk->fd = -1;
	if (close(fd) < 0)
		return acct_error_set(err, ACCT_ERROR, "cannot write '%s.lock': %s",
				      lk->display, strerror(errno));
	return 0;
}

int acct_lock_commit(struct acct_lock *lk, struct acct_error *err)
{
	if (!lk->tf)
		return acct_error_set(err, ACCT_ERROR, "'%s.lock' is not held",
				      lk->display ? lk->display : "?");
	if (acct_lock_close(lk, 1, err) < 0)
		return ACCT_ERROR;
	if (rename(acct_tempfile_path(lk->tf), lk->path) < 0)
		return acct_error_set(err, ACCT_ERROR, "cannot rename '%s.lock' "
				      "to '%s': %s", lk->display, lk->display,
				      strerror(errno));
	acct_tempfile_forget(&lk->tf);
	return 0;
}

void acct_lock_rollback(struct acct_lock *lk)
{
	if (lk->fd >= 0)
		close(lk->fd);
	lk->fd = -1;
	acct_tempfile_delete(&lk->tf);
	free(lk->path);
	free(lk->display);
	lk->path = lk->display = NULL;
}

const char *acct_lock_file(const struct acct_lock *lk)
{
	return lk->tf ? acct_tempfile_path(lk->tf) : NULL;
}
