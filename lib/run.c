/*
 * Running another program with an argument vector, never a shell: its
 * input written and its output read together through poll(), so that
 * neither side waits on a full pipe (sync's git, the mail command).
 */
#define _GNU_SOURCE	/* POSIX_SPAWN_SETSID */
#include "acct/run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/banned.h"

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/*
 * Write what is left of the input; -1 when the program will take no more
 * (it closed its end, or exited): not an error of ours. The input is a
 * socket so that MSG_NOSIGNAL spares acct the SIGPIPE a pipe would raise,
 * and MSG_DONTWAIT leaves it free to read while the program writes.
 */
static int feed(int fd, const char *in, size_t len, size_t *done)
{
	ssize_t w = send(fd, in + *done, len - *done,
			 MSG_NOSIGNAL | MSG_DONTWAIT);

	if (w < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -1;
	*done += (size_t)w;
	return 0;
}

/* Read and write until the program has closed its output and input. */
static void pump(const struct acct_run_opts *o, int fin, int fout, int ferr)
{
	size_t done = 0;
	char chunk[4096];

	if (fin >= 0 && !o->in_len)
		close_fd(&fin);
	for (;;) {
		struct pollfd fds[3];
		int *which[3];
		int nfds = 0, k;

		if (fin >= 0) {
			fds[nfds] = (struct pollfd){ fin, POLLOUT, 0 };
			which[nfds++] = &fin;
		}
		if (fout >= 0) {
			fds[nfds] = (struct pollfd){ fout, POLLIN, 0 };
			which[nfds++] = &fout;
		}
		if (ferr >= 0) {
			fds[nfds] = (struct pollfd){ ferr, POLLIN, 0 };
			which[nfds++] = &ferr;
		}
		if (!nfds)
			break;
		if (poll(fds, (nfds_t)nfds, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (k = 0; k < nfds; k++) {
			ssize_t r;

			if (!fds[k].revents)
				continue;
			if (which[k] == &fin) {
				if (feed(fin, o->in, o->in_len, &done) < 0 ||
				    done == o->in_len)
					close_fd(&fin);
				continue;
			}
			r = read(fds[k].fd, chunk, sizeof(chunk));
			if (r > 0) {
				struct acct_buf *to = which[k] == &fout ?
						      o->out : o->err;

				if (to)
					acct_buf_add(to, chunk, (size_t)r);
				continue;
			}
			if (r < 0 && errno == EINTR)
				continue;
			close_fd(which[k]);
		}
	}
	close_fd(&fin);
}

int acct_run(int *status, const struct acct_run_opts *o,
	     struct acct_error *err)
{
	int pi[2] = { -1, -1 }, po[2] = { -1, -1 }, pe[2] = { -1, -1 };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	const char *name = o->argv[0];
	char *const *argv, *const *envp;
	pid_t pid;
	int st = 0, rc;

	*status = -1;
	if ((o->in && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
				 pi) < 0) ||
	    pipe2(po, O_CLOEXEC) < 0 || (o->err && pipe2(pe, O_CLOEXEC) < 0)) {
		rc = acct_error_set(err, ACCT_ERROR, "cannot run '%s': %s",
				    name, strerror(errno));
		goto out;
	}
	/*
	 * posix_spawn: no fork of this process, no code of ours in the
	 * child. POSIX_SPAWN_SETSID (glibc) gives it a session without a
	 * terminal. The ends kept here are close-on-exec.
	 */
	fflush(NULL);
	if (posix_spawn_file_actions_init(&fa) != 0) {
		rc = acct_error_set(err, ACCT_ERROR, "cannot run '%s': out of "
				    "memory", name);
		goto out;
	}
	if (posix_spawnattr_init(&attr) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		rc = acct_error_set(err, ACCT_ERROR, "cannot run '%s': out of "
				    "memory", name);
		goto out;
	}
	if (o->in)
		posix_spawn_file_actions_adddup2(&fa, pi[1], 0);
	else
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	if (o->err)
		posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	if (o->flags & ACCT_RUN_SETSID)
		posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
	/* posix_spawnp() takes the vectors as execvp() does, not const. */
	memcpy(&argv, &o->argv, sizeof(argv));
	memcpy(&envp, &o->env, sizeof(envp));
	rc = posix_spawnp(&pid, name, &fa, &attr, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (rc == ENOENT) {
		rc = acct_error_set(err, ACCT_ENOTFOUND, "'%s' was not found",
				    name);
		goto out;
	}
	if (rc != 0) {
		rc = acct_error_set(err, ACCT_ERROR, "cannot run '%s': %s", name,
				    strerror(rc));
		goto out;
	}
	close_fd(&pi[1]);
	close_fd(&po[1]);
	close_fd(&pe[1]);
	pump(o, pi[0], po[0], pe[0]);
	pi[0] = po[0] = pe[0] = -1;	/* pump() closed them */
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	*status = WIFEXITED(st) ? WEXITSTATUS(st) :
		  WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 128;
	rc = 0;
out:
	close_fd(&pi[0]);
	close_fd(&pi[1]);
	close_fd(&po[0]);
	close_fd(&po[1]);
	close_fd(&pe[0]);
	close_fd(&pe[1]);
	return rc;
}

void acct_run_last_lines(struct acct_buf *out, const struct acct_buf *text,
			 size_t max)
{
	const char *s = text->buf, *end = s + text->len;
	size_t n = 0, i, first = 0;
	struct { const char *at; size_t len; } lines[8];

	if (max > sizeof(lines) / sizeof(*lines))
		max = sizeof(lines) / sizeof(*lines);
	while (s < end && max) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		size_t len = (size_t)(e - s);

		while (len && (s[len - 1] == '\r' || s[len - 1] == ' '))
			len--;
		if (len) {
			/* A ring of the last `max` lines. */
			lines[(first + n) % max].at = s;
			lines[(first + n) % max].len = len;
			if (n < max)
				n++;
			else
				first = (first + 1) % max;
		}
		s = nl ? nl + 1 : end;
	}
	for (i = 0; i < n; i++) {
		if (i)
			acct_buf_addstr(out, "; ");
		acct_buf_add(out, lines[(first + i) % max].at,
			     lines[(first + i) % max].len);
	}
}
