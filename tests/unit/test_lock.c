#include "acct/lock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "harness.h"
#include "acct/banned.h"

static char dir[256];

static void path_of(struct acct_buf *out, const char *name)
{
	acct_buf_reset(out);
	acct_buf_addf(out, "%s/%s", dir, name);
}

static int exists(const char *name)
{
	struct acct_buf p = ACCT_BUF_INIT;
	struct stat st;
	int there;

	path_of(&p, name);
	there = lstat(p.buf, &st) == 0;
	acct_buf_release(&p);
	return there;
}

/* How many entries the test folder has (".lock" ones when `locks`). */
static int count_files(int locks)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	while (d && (de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		if (!locks || (len > 5 && !strcmp(de->d_name + len - 5, ".lock")))
			n++;
	}
	if (d)
		closedir(d);
	return n;
}

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return n;
}

static void clear_dir(void)
{
	DIR *d = opendir(dir);
	struct acct_buf p = ACCT_BUF_INIT;
	struct dirent *de;

	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		path_of(&p, de->d_name);
		if (unlink(p.buf) < 0)
			rmdir(p.buf);
	}
	if (d)
		closedir(d);
	acct_buf_release(&p);
}

/* Hold, write and close `n` locks file-<i>.lock in `locks`. */
static int hold_many(struct acct_lock *locks, int n)
{
	struct acct_buf p = ACCT_BUF_INIT, name = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int i, ok = 1;

	for (i = 0; i < n && ok; i++) {
		acct_buf_reset(&name);
		acct_buf_addf(&name, "file-%d", i);
		path_of(&p, name.buf);
		locks[i] = (struct acct_lock)ACCT_LOCK_INIT;
		ok = acct_lock_hold(&locks[i], p.buf, name.buf, 0, &err) == 0 &&
		     acct_lock_write(&locks[i], "text\n", 5, &err) == 0 &&
		     acct_lock_close(&locks[i], 0, &err) == 0;
		CHECK_MSG(ok, "lock %d: %s", i, err.msg);
	}
	acct_buf_release(&p);
	acct_buf_release(&name);
	return ok;
}

/* Thousands of locks at once hold no descriptor once written. */
static void test_lock__many_held(void)
{
	static struct acct_lock locks[3000];
	int fds = open_fds(), i;

	if (!hold_many(locks, 3000))
		return;
	CHECK_INT(open_fds(), fds);
	CHECK_INT(count_files(1), 3000);
	for (i = 0; i < 3000; i += 2)
		CHECK(acct_lock_commit(&locks[i], NULL) == 0);
	for (i = 0; i < 3000; i++)
		acct_lock_rollback(&locks[i]);
	CHECK_INT(count_files(1), 0);
	CHECK_INT(count_files(0), 1500);
	CHECK(exists("file-0") && !exists("file-1"));
	clear_dir();
}

/* A write that fails (file size limit) closes the descriptor. */
static void test_lock__failed_write_closes(void)
{
	struct acct_lock lk = ACCT_LOCK_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf p = ACCT_BUF_INIT;
	struct rlimit old, small = { 16, 16 };
	char data[4096];
	int fds = open_fds();

	memset(data, 'x', sizeof(data));
	path_of(&p, "big");
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	small.rlim_max = old.rlim_max;
	setrlimit(RLIMIT_FSIZE, &small);
	CHECK(acct_lock_hold(&lk, p.buf, "big", 0, &err) == 0);
	CHECK(acct_lock_write(&lk, data, sizeof(data), &err) == ACCT_ERROR);
	setrlimit(RLIMIT_FSIZE, &old);
	CHECK_MSG(strstr(err.msg, "big.lock") != NULL, "%s", err.msg);
	CHECK_INT(lk.fd, -1);
	CHECK_INT(open_fds(), fds);
	CHECK(exists("big.lock"));
	CHECK(acct_lock_commit(&lk, &err) == 0);	/* what was written */
	acct_lock_rollback(&lk);
	CHECK(!exists("big.lock"));
	acct_buf_release(&p);
	clear_dir();
}

/*
 * In a child: hold `n` locks, a folder and a moved folder, then `how`
 * (0: raise SIGTERM; 1: exit; 2: _exit, skipping the cleanup). Returns
 * the child's wait status.
 */
static int child_holding(int n, int how)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0) {
		static struct acct_lock locks[2000];
		struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT;

		path_of(&a, "made");
		mkdir(a.buf, 0777);
		acct_tempfile_register(a.buf, ACCT_TEMP_DIR);
		path_of(&a, "from");
		path_of(&b, "to");
		mkdir(a.buf, 0777);
		rename(a.buf, b.buf);
		acct_tempfile_register_move(a.buf, b.buf);
		if (!hold_many(locks, n))
			_exit(99);
		if (how == 0)
			raise(SIGTERM);
		if (how == 1)
			exit(0);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void test_lock__signal_cleans(void)
{
	int status = child_holding(1500, 0);

	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	CHECK_INT(count_files(1), 0);
	CHECK(!exists("made"));
	CHECK(exists("from") && !exists("to"));	/* moved back */
	clear_dir();
}

static void test_lock__exit_cleans(void)
{
	int status = child_holding(100, 1);

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_INT(count_files(1), 0);
	CHECK(exists("from") && !exists("made"));
	clear_dir();
}

/* Signals held back run after acct_signals_resume(), cleanup and all. */
static void test_lock__deferred(void)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0) {
		struct acct_lock lk = ACCT_LOCK_INIT;
		struct acct_buf p = ACCT_BUF_INIT;

		path_of(&p, "card");
		if (acct_lock_hold(&lk, p.buf, "card", 0, NULL) < 0)
			_exit(99);
		acct_signals_defer();
		acct_signals_defer();
		raise(SIGINT);
		/* Still here: the change goes on to its end. */
		if (acct_lock_commit(&lk, NULL) < 0)
			_exit(98);
		acct_signals_resume();
		if (acct_lock_hold(&lk, p.buf, "card", 0, NULL) < 0)
			_exit(97);
		acct_signals_resume();
		_exit(96);	/* not reached: SIGINT came */
	}
	waitpid(pid, &status, 0);
	CHECK_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT,
		  "status %d", status);
	CHECK(exists("card"));
	CHECK_INT(count_files(1), 0);
	clear_dir();
}

/* An ignored signal stays ignored (nohup, a shell's trap). */
static void test_lock__ignored_stays(void)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0) {
		struct acct_lock lk = ACCT_LOCK_INIT;
		struct acct_buf p = ACCT_BUF_INIT;

		signal(SIGHUP, SIG_IGN);
		path_of(&p, "card");
		if (acct_lock_hold(&lk, p.buf, "card", 0, NULL) < 0)
			_exit(99);
		raise(SIGHUP);
		exit(7);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK_INT(count_files(1), 0);
	clear_dir();
}

/* A lock left by a process that is gone is explained as such. */
static void test_lock__stale(void)
{
	struct acct_lock lk = ACCT_LOCK_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf p = ACCT_BUF_INIT, want = ACCT_BUF_INIT;
	pid_t pid = fork();
	int status = 0;

	path_of(&p, "index");
	if (pid == 0) {
		if (acct_lock_hold(&lk, p.buf, ".git/index", ACCT_LOCK_PID,
				   NULL) < 0)
			_exit(99);
		_exit(0);	/* as if killed: no cleanup */
	}
	waitpid(pid, &status, 0);
	CHECK(exists("index.lock"));
	CHECK(acct_lock_hold(&lk, p.buf, ".git/index", 0, &err) == ACCT_ELOCKED);
	CHECK_STR(err.msg, "'.git/index.lock' exists: another acct or git "
		  "process may be running in the book");
	acct_buf_addf(&want, "acct process %ld, which is no longer running",
		      (long)pid);
	CHECK_MSG(strstr(err.hint, want.buf) && strstr(err.hint, "remove "
		  "'.git/index.lock'"), "%s", err.hint);
	/* A lock that does not say who made it: the general advice. */
	clear_dir();
	path_of(&want, "index.lock");
	CHECK(close(open(want.buf, O_WRONLY | O_CREAT | O_EXCL, 0666)) == 0);
	CHECK(acct_lock_hold(&lk, p.buf, ".git/index", 0, &err) == ACCT_ELOCKED);
	CHECK_MSG(strstr(err.hint, "if none is running") != NULL, "%s", err.hint);
	acct_buf_release(&p);
	acct_buf_release(&want);
	clear_dir();
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/acct-lock-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_lock__many_held();
	test_lock__failed_write_closes();
	test_lock__signal_cleans();
	test_lock__exit_cleans();
	test_lock__deferred();
	test_lock__ignored_stays();
	test_lock__stale();
	rmdir(dir);
	return test_report("lock");
}
