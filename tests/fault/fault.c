/*
 * libfault.so: make chosen system calls of a process fail, for the
 * end-to-end tests. Loaded with LD_PRELOAD (test-lib.sh's test_fault
 * does it), it reads ACCT_FAULT, rules separated by spaces:
 *
 *	CALL:SUBSTRING[@N[+]]=WHAT
 *
 * CALL is open (only a call that may create the file), write, fsync,
 * rename, link, unlink or mkdir. SUBSTRING must occur in the call's path:
 * for rename and link the source, for write and fsync the file the
 * descriptor is open on. @N picks the Nth matching call, @N+ the Nth and
 * every later one; without it every matching call fails. WHAT is an errno
 * name (ENOSPC, EIO, ...), which the call returns without doing anything,
 * or KILL, INT, TERM, HUP, STOP: that signal is sent to the process just
 * before the call, which then runs (if the process is still there; after
 * STOP, once it gets SIGCONT).
 *
 * ACCT_FAULT_LOG=FILE appends "CALL PATH" for every call seen, so that a
 * test can count the calls of a command and then fail each in turn.
 *
 * This is a test tool, not part of acct: it is built with the tests and
 * never linked into the binary.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_RULES 16

struct rule {
	char call[16];
	char sub[512];
	long nth;		/* 0: every call */
	int and_later;
	int err;		/* errno to return, or 0 */
	int sig;		/* signal to send, or 0 */
	long seen;
};

static struct rule rules[MAX_RULES];
static int nrules = -1;
static int log_fd = -1;

static const struct { const char *name; int value; } codes[] = {
	{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EROFS", EROFS },
	{ "EACCES", EACCES }, { "EPERM", EPERM }, { "EDQUOT", EDQUOT },
	{ "EMFILE", EMFILE }, { "ENFILE", ENFILE }, { "EEXIST", EEXIST },
	{ "EXDEV", EXDEV }, { "EINTR", EINTR }, { "ENOENT", ENOENT },
	{ "KILL", -SIGKILL }, { "INT", -SIGINT }, { "TERM", -SIGTERM },
	{ "HUP", -SIGHUP }, { "STOP", -SIGSTOP },
};

static void parse_rule(const char *s, size_t n)
{
	char buf[600], *colon, *eq, *at;
	struct rule *r;
	size_t i;

	if (n >= sizeof(buf) || nrules >= MAX_RULES)
		return;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!(colon = strchr(buf, ':')) || !(eq = strrchr(buf, '=')) ||
	    eq < colon)
		return;
	*colon = *eq = '\0';
	r = &rules[nrules];
	memset(r, 0, sizeof(*r));
	if ((at = strrchr(colon + 1, '@'))) {
		*at = '\0';
		r->nth = strtol(at + 1, NULL, 10);
		r->and_later = strchr(at + 1, '+') != NULL;
	}
	if (strlen(buf) >= sizeof(r->call) || strlen(colon + 1) >= sizeof(r->sub))
		return;
	strcpy(r->call, buf);
	strcpy(r->sub, colon + 1);
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (!strcmp(codes[i].name, eq + 1)) {
			if (codes[i].value < 0)
				r->sig = -codes[i].value;
			else
				r->err = codes[i].value;
			nrules++;
			return;
		}
}

static void setup(void)
{
	const char *s = getenv("ACCT_FAULT"), *log = getenv("ACCT_FAULT_LOG");
	int (*real_open)(const char *, int, ...);

	nrules = 0;
	while (s && *s) {
		size_t n;

		s += strspn(s, " \t\n");
		n = strcspn(s, " \t\n");
		if (n)
			parse_rule(s, n);
		s += n;
	}
	if (log && *log) {
		real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
		log_fd = real_open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
				   0666);
	}
}

/*
 * Read the rules again once the program starts: a sanitizer's runtime
 * may open files before the environment is there (ASan with log_path),
 * and the rules read then would be none.
 */
__attribute__((constructor)) static void start(void)
{
	if (log_fd >= 0)
		close(log_fd);
	log_fd = -1;
	setup();
}

/* The path an open descriptor is on, or "" (pipes, terminals too). */
static const char *fd_path(int fd, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static void log_call(const char *call, const char *path)
{
	ssize_t (*real_write)(int, const void *, size_t);
	char line[4200];
	int n;

	if (log_fd < 0)
		return;
	real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	n = snprintf(line, sizeof(line), "%s %s\n", call, path);
	if (n > 0 && (size_t)n < sizeof(line))
		real_write(log_fd, line, (size_t)n);
}

/*
 * Whether this call fails: 0 to go on, -1 with errno set to fail. A
 * signal rule sends its signal and lets the call go on.
 */
static int fault(const char *call, const char *path)
{
	int i, saved = errno;

	if (nrules < 0)
		setup();
	log_call(call, path);
	for (i = 0; i < nrules; i++) {
		struct rule *r = &rules[i];

		if (strcmp(r->call, call) || !strstr(path, r->sub))
			continue;
		r->seen++;
		if (r->nth && r->seen != r->nth &&
		    !(r->and_later && r->seen > r->nth))
			continue;
		if (r->sig) {
			kill(getpid(), r->sig);
			continue;
		}
		errno = r->err;
		return -1;
	}
	errno = saved;
	return 0;
}

#define REAL(name, type) ((type)dlsym(RTLD_NEXT, name))

static int do_open(const char *name, const char *path, int flags, mode_t mode)
{
	int (*real)(const char *, int, ...) =
		REAL(name, int (*)(const char *, int, ...));

	if ((flags & O_CREAT) && fault("open", path) < 0)
		return -1;
	return real(path, flags, mode);
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return do_open("open", path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return do_open("open64", path, flags, mode);
}

ssize_t write(int fd, const void *buf, size_t len)
{
	char path[4096];

	if (fd > 2 && fault("write", fd_path(fd, path, sizeof(path))) < 0)
		return -1;
	return REAL("write", ssize_t (*)(int, const void *, size_t))(fd, buf, len);
}

int fsync(int fd)
{
	char path[4096];

	if (fault("fsync", fd_path(fd, path, sizeof(path))) < 0)
		return -1;
	return REAL("fsync", int (*)(int))(fd);
}

int rename(const char *from, const char *to)
{
	if (fault("rename", from) < 0)
		return -1;
	return REAL("rename", int (*)(const char *, const char *))(from, to);
}

int link(const char *from, const char *to)
{
	if (fault("link", from) < 0)
		return -1;
	return REAL("link", int (*)(const char *, const char *))(from, to);
}

int unlink(const char *path)
{
	if (fault("unlink", path) < 0)
		return -1;
	return REAL("unlink", int (*)(const char *))(path);
}

int mkdir(const char *path, mode_t mode)
{
	if (fault("mkdir", path) < 0)
		return -1;
	return REAL("mkdir", int (*)(const char *, mode_t))(path, mode);
}
