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

/* --- the registry of temporary files -------------------------------------- */

/* Create `name` in the test folder (empty) and register it. */
static struct acct_tempfile *temp_file(const char *name)
{
	struct acct_buf p = ACCT_BUF_INIT;
	struct acct_tempfile *tf;

	path_of(&p, name);
	CHECK_MSG(close(open(p.buf, O_WRONLY | O_CREAT | O_EXCL, 0666)) == 0,
		  "%s: %s", name, strerror(errno));
	tf = acct_tempfile_register(p.buf, 0);
	acct_buf_release(&p);
	return tf;
}

/* The wait status of a child that runs `fn` and then exits normally. */
static int in_child(int (*fn)(void))
{
	pid_t pid;
	int status = -1;

	fflush(NULL);
	pid = fork();
	if (pid == 0)
		exit(fn());	/* exit(): the atexit handler runs */
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	return status;
}

#define MANY 2000

/*
 * Thousands registered; every third forgotten (kept), every fifth of the
 * others deleted at once, from anywhere in the list; the rest removed
 * by the exit handler.
 */
static int register_many(void)
{
	static struct acct_tempfile *tf[MANY];
	char name[32];
	int i;

	for (i = 0; i < MANY; i++) {
		snprintf(name, sizeof(name), "tmp-%d", i);
		if (!(tf[i] = temp_file(name)))
			return 10;
	}
	for (i = MANY / 2; i < MANY; i++) {
		if (i % 3 == 0)
			acct_tempfile_forget(&tf[i]);
		else if (i % 5 == 0)
			acct_tempfile_delete(&tf[i]);
		if ((i % 3 == 0 || i % 5 == 0) && tf[i])
			return 11;	/* not cleared */
	}
	for (i = 0; i < MANY / 2; i++) {
		if (i % 3 == 0)
			acct_tempfile_forget(&tf[i]);
		else if (i % 5 == 0)
			acct_tempfile_delete(&tf[i]);
	}
	/* Deleted now, not at exit. */
	if (exists("tmp-5") || !exists("tmp-7") || !exists("tmp-6"))
		return 12;
	return 0;
}

static void test_lock__registry_many(void)
{
	int status = in_child(register_many), i, wrong = 0;
	char name[32];

	CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d",
		  status);
	for (i = 0; i < MANY; i++) {
		snprintf(name, sizeof(name), "tmp-%d", i);
		if (exists(name) != (i % 3 == 0))
			wrong++;
	}
	CHECK_INT(wrong, 0);
	CHECK_INT(count_files(0), (MANY + 2) / 3);
	clear_dir();
}

/*
 * Newest first: folders registered before the files put into them go
 * after them, however deep. A folder registered after its files is
 * still full when its turn comes (the header's rule): it stays.
 */
static int register_nested(void)
{
	struct acct_buf p = ACCT_BUF_INIT;
	char name[32];
	int i;

	path_of(&p, "a");
	mkdir(p.buf, 0777);
	acct_tempfile_register(p.buf, ACCT_TEMP_DIR);
	path_of(&p, "a/b");
	mkdir(p.buf, 0777);
	acct_tempfile_register(p.buf, ACCT_TEMP_DIR);
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "a/b/f%d", i);
		temp_file(name);
	}
	temp_file("late-f");
	path_of(&p, "late");
	mkdir(p.buf, 0777);
	path_of(&p, "late/f");
	{
		struct acct_buf from = ACCT_BUF_INIT;

		path_of(&from, "late-f");
		if (rename(from.buf, p.buf) < 0)
			return 10;
		acct_buf_release(&from);
	}
	acct_tempfile_register(p.buf, 0);
	path_of(&p, "late");
	acct_tempfile_register(p.buf, ACCT_TEMP_DIR);
	acct_buf_release(&p);
	return 0;
}

static void test_lock__registry_order(void)
{
	int status = in_child(register_nested);

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(!exists("a"));
	CHECK(exists("late") && !exists("late/f"));
	clear_dir();
}

/* Paths, forget and delete in this process; a moved folder put back. */
static void test_lock__registry_calls(void)
{
	struct acct_buf from = ACCT_BUF_INIT, to = ACCT_BUF_INIT;
	struct acct_tempfile *tf = temp_file("kept"), *none = NULL, *mv;

	path_of(&from, "kept");
	CHECK(tf && !strcmp(acct_tempfile_path(tf), from.buf));
	acct_tempfile_forget(&tf);
	CHECK(tf == NULL && exists("kept"));
	acct_tempfile_forget(&tf);		/* NULL: nothing */
	acct_tempfile_delete(&none);
	tf = temp_file("gone");
	acct_tempfile_delete(&tf);
	CHECK(tf == NULL && !exists("gone"));

	/* A folder moved: registered by its new path, deleted is moved back. */
	path_of(&from, "from");
	path_of(&to, "to");
	CHECK(mkdir(from.buf, 0777) == 0 && rename(from.buf, to.buf) == 0);
	mv = acct_tempfile_register_move(from.buf, to.buf);
	CHECK_STR(acct_tempfile_path(mv), to.buf);
	acct_tempfile_delete(&mv);
	CHECK(mv == NULL && exists("from") && !exists("to"));
	/* Forgotten, it stays where it was moved to. */
	CHECK(rename(from.buf, to.buf) == 0);
	mv = acct_tempfile_register_move(from.buf, to.buf);
	acct_tempfile_forget(&mv);
	CHECK(!exists("from") && exists("to"));
	/* An empty folder is removed; one with a file in it stays. */
	path_of(&from, "to/inside");
	CHECK(close(open(from.buf, O_WRONLY | O_CREAT | O_EXCL, 0666)) == 0);
	mv = acct_tempfile_register(to.buf, ACCT_TEMP_DIR);
	acct_tempfile_delete(&mv);
	CHECK(exists("to/inside"));
	CHECK(unlink(from.buf) == 0);
	mv = acct_tempfile_register(to.buf, ACCT_TEMP_DIR);
	acct_tempfile_delete(&mv);
	CHECK(!exists("to"));
	acct_buf_release(&from);
	acct_buf_release(&to);
	clear_dir();
}

/* A child after fork() removes nothing of its parent's, exit or signal. */
static int child_exits(void)
{
	return 0;
}

static void test_lock__fork_keeps(void)
{
	struct acct_tempfile *tf = temp_file("parents");
	int status = in_child(child_exits);
	pid_t pid;

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(exists("parents"));
	fflush(NULL);
	if ((pid = fork()) == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	CHECK(exists("parents"));
	acct_tempfile_delete(&tf);
	CHECK(!exists("parents"));
	clear_dir();
}

/* --- signals held back ---------------------------------------------------- */

static volatile sig_atomic_t usr1_seen, term_seen, lock_there;
static char lock_path[300];

static void on_usr1(int sig)
{
	(void)sig;
	usr1_seen++;
}

static void on_term(int sig)
{
	(void)sig;
	term_seen++;
	lock_there = access(lock_path, F_OK) == 0;
}

/*
 * With a handler of our own installed before acct's: SIGUSR1 is none of the
 * signals held back and comes at once; SIGTERM waits for the outermost
 * acct_signals_resume(), then the registry is cleaned and our handler
 * runs, after the cleanup, as the signal would have without acct.
 */
static int deferred_to_handler(void)
{
	struct acct_lock lk = ACCT_LOCK_INIT;
	struct acct_buf p = ACCT_BUF_INIT;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	path_of(&p, "card");
	snprintf(lock_path, sizeof(lock_path), "%s.lock", p.buf);
	if (acct_lock_hold(&lk, p.buf, "card", 0, NULL) < 0)
		return 10;
	acct_signals_defer();
	raise(SIGUSR1);
	if (usr1_seen != 1)
		return 11;
	raise(SIGTERM);
	acct_signals_defer();
	acct_signals_resume();
	if (term_seen || access(lock_path, F_OK) < 0)
		return 12;	/* came before the outermost resume */
	acct_signals_resume();
	if (term_seen != 1)
		return 13;	/* not delivered on resume */
	if (lock_there)
		return 14;	/* our handler ran before the cleanup */
	if (access(lock_path, F_OK) == 0)
		return 15;
	/* A resume too many does nothing. */
	acct_signals_resume();
	acct_lock_rollback(&lk);
	acct_buf_release(&p);
	return 0;
}

static void test_lock__deferred_handler(void)
{
	int status = in_child(deferred_to_handler);

	CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d",
		  status);
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

/*
 * Who made a lock, as its first line says: a process still running (this
 * one), another machine's, or a line that says nothing.
 */
static void test_lock__stale_owner(void)
{
	struct acct_lock lk = ACCT_LOCK_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf p = ACCT_BUF_INIT, lock = ACCT_BUF_INIT,
		line = ACCT_BUF_INIT;
	char host[256];
	/* Each followed by this machine's name when `here`. */
	static const struct {
		const char *line;
		int here;
	} unknown[] = {
		{ "acct pid 0 on ", 1 }, { "acct pid -5 on ", 1 },
		{ "acct pid x on ", 1 }, { "git was here\n", 0 },
		{ "acct pid 1 on another-machine.example\n", 0 }, { "", 0 },
	};
	size_t i;
	int fd;

	CHECK(gethostname(host, sizeof(host)) == 0);
	host[sizeof(host) - 1] = '\0';
	path_of(&p, "index");
	path_of(&lock, "index.lock");
	acct_buf_addf(&line, "acct pid %ld on %s\n", (long)getpid(), host);
	fd = open(lock.buf, O_WRONLY | O_CREAT | O_EXCL, 0666);
	CHECK(fd >= 0 && write(fd, line.buf, line.len) == (ssize_t)line.len &&
	      close(fd) == 0);
	CHECK_INT(acct_lock_hold(&lk, p.buf, ".git/index", 0, &err),
		  ACCT_ELOCKED);
	acct_buf_reset(&line);
	acct_buf_addf(&line, "acct process %ld holds it: wait for it to finish",
		      (long)getpid());
	CHECK_MSG(strstr(err.hint, line.buf) != NULL, "%s", err.hint);
	CHECK(unlink(lock.buf) == 0);

	for (i = 0; i < sizeof(unknown) / sizeof(*unknown); i++) {
		acct_buf_reset(&line);
		acct_buf_addstr(&line, unknown[i].line);
		if (unknown[i].here)
			acct_buf_addf(&line, "%s\n", host);
		fd = open(lock.buf, O_WRONLY | O_CREAT | O_EXCL, 0666);
		CHECK(fd >= 0 && write(fd, line.buf, line.len) ==
		      (ssize_t)line.len && close(fd) == 0);
		acct_error_clear(&err);
		CHECK_INT(acct_lock_hold(&lk, p.buf, ".git/index", 0, &err),
			  ACCT_ELOCKED);
		CHECK_MSG(strstr(err.hint, "wait for it to finish; if none is "
				 "running") != NULL, "'%s': %s", line.buf,
			  err.hint);
		/* The lock found is never removed or changed. */
		acct_buf_reset(&line);
		CHECK(acct_buf_read_file(&line, lock.buf) == 0);
		CHECK(unlink(lock.buf) == 0);
	}
	acct_buf_release(&p);
	acct_buf_release(&lock);
	acct_buf_release(&line);
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
	/*
	 * The signals as a process gets them by default, whatever ran this
	 * one: a shell's background job (make test under nohup or cron)
	 * ignores SIGINT, and acct leaves an ignored signal ignored.
	 */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	/*
	 * First: acct installs its signal handlers once per process, at the
	 * first registration, over those it finds; this test's own handler
	 * must be there before them.
	 */
	test_lock__deferred_handler();
	test_lock__many_held();
	test_lock__failed_write_closes();
	test_lock__signal_cleans();
	test_lock__exit_cleans();
	test_lock__deferred();
	test_lock__ignored_stays();
	test_lock__stale();
	test_lock__registry_many();
	test_lock__registry_order();
	test_lock__registry_calls();
	test_lock__fork_keeps();
	test_lock__stale_owner();
	rmdir(dir);
	return test_report("lock");
}
