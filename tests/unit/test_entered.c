#include "acct/entered.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct/book.h"
#include "acct/init.h"
#include "acct/buf.h"
#include "acct/cachefile.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/folderlog.h"
#include "harness.h"

#include "acct/banned.h"

/* The commits' dates: each change below sets its own. */
static struct acct_ident ident = {
	"Anna", "anna@agency.example", "1795424400 +0000",
	"Anna", "anna@agency.example", "1795424400 +0000",
};

static struct acct_book *book;
static char dir[] = "/tmp/acct-test-entered.XXXXXX";

/* Commit what follows at `when` (git's "<epoch> <+hhmm>" or ISO 8601). */
static void at(const char *when)
{
	ident.author_date = when;
	ident.committer_date = when;
	if (book)
		book->ident = ident;
}

static void add_client(const char *slug, const char *since)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client_spec spec = { 0 };
	struct acct_buf out = ACCT_BUF_INIT;

	spec.name = slug;
	spec.slug = slug;
	spec.since = since;
	CHECK_MSG(acct_client_add(&out, book, &spec, &err) == 0, "%s", err.msg);
	acct_buf_release(&out);
}

static void add_entry(const char *slug, const char *summary)
{
	struct acct_buf path = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_log_spec s = { 0 };

	s.slug = slug;
	s.summary = summary;
	CHECK_MSG(acct_log_add(&path, book, &s, &err) == 0, "%s", err.msg);
	acct_buf_release(&path);
}

/* The day each of `slugs` entered, as "slug=YYYY-MM-DD slug=...". */
static void entered(struct acct_buf *out, const char *const *slugs, size_t n)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_date *d = acct_calloc(n + 1, sizeof(*d));
	char day[ACCT_DATE_STRLEN];
	size_t i;

	acct_buf_reset(out);
	if (!CHECK_MSG(acct_cards_entered(d, book, slugs, n, &err) == 0, "%s",
		       err.msg)) {
		free(d);
		return;
	}
	for (i = 0; i < n; i++) {
		acct_date_format(day, &d[i]);
		acct_buf_addf(out, "%s%s=%s", i ? " " : "", slugs[i], day);
	}
	free(d);
}

#define ENTERED(want, ...) do { \
	static const char *const s_[] = { __VA_ARGS__ }; \
	struct acct_buf got_ = ACCT_BUF_INIT; \
	entered(&got_, s_, sizeof(s_) / sizeof(*s_)); \
	CHECK_STR(got_.buf, (want)); \
	acct_buf_release(&got_); \
} while (0)

static int setup(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_time now;

	if (!mkdtemp(dir)) {
		CHECK_MSG(0, "mkdtemp: %s", strerror(errno));
		return -1;
	}
	/* Today is 2026-11-23; the book was made on 2026-01-10. */
	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	at("2026-01-10T09:00+00:00");
	if (!CHECK_MSG(acct_book_init(dir, &now, &ident, &err) == 0, "%s",
		       err.msg) ||
	    !CHECK_MSG(acct_book_open(&book, dir, &now, &ident, &err) == 0,
		       "%s", err.msg))
		return -1;
	return 0;
}

static void test_entered__first_commit_not_since(void)
{
	/* since long before: the card's own commit counts. */
	at("2026-02-01T10:00+00:00");
	add_client("acme", "2024-05-01");
	at("2026-03-15T23:30+00:00");
	add_client("beta", "2026-06-01");
	/* Later changes to the folder move nothing. */
	at("2026-04-01T10:00+00:00");
	add_entry("acme", "First call");
	at("2026-04-02T10:00+00:00");
	add_entry("beta", "First call");
	ENTERED("acme=2026-02-01 beta=2026-03-15", "acme", "beta");
	ENTERED("beta=2026-03-15", "beta");
	/* None asked: nothing walked, nothing filled. */
	CHECK(acct_cards_entered(NULL, book, NULL, 0, NULL) == 0);
}

static void test_entered__not_committed_is_today(void)
{
	ENTERED("ghost=2026-11-23 acme=2026-02-01", "ghost", "acme");
}

static void test_entered__local_date(void)
{
	/* 23:30 UTC on 2026-03-15 is the 16th in Moscow (UTC+3). */
	setenv("TZ", "Europe/Moscow", 1);
	tzset();
	ENTERED("beta=2026-03-16", "beta");
	setenv("TZ", "UTC", 1);
	tzset();
}

static void test_entered__rename_follows_the_folder(void)
{
	struct acct_error err = ACCT_ERROR_INIT;

	at("2026-05-05T10:00+00:00");
	CHECK_MSG(acct_client_rename(book, "acme", NULL, "acme-corp", &err) == 0,
		  "%s", err.msg);
	ENTERED("acme-corp=2026-02-01 acme=2026-11-23", "acme-corp", "acme");
	/* A new client under the old slug entered when it was added. */
	at("2026-06-06T10:00+00:00");
	add_client("acme", "2020-01-01");
	ENTERED("acme=2026-06-06 acme-corp=2026-02-01 beta=2026-03-15",
		"acme", "acme-corp", "beta");
}

/* The folder log kept for HEAD, read back. */
static struct acct_folderlog *cached_log(void)
{
	struct acct_buf bytes = ACCT_BUF_INIT;
	struct acct_folderlog *fl = NULL;

	if (CHECK(acct_cachefile_read(&bytes, book, ACCT_FOLDERLOG_CACHE,
				      ACCT_FOLDERLOG_TAG, NULL) == 1))
		CHECK(acct_folderlog_decode(&fl, bytes.buf, bytes.len) == 0);
	acct_buf_release(&bytes);
	return fl;
}

/* Keep `fl` as the folder log (freed). */
static void keep_log(struct acct_folderlog *fl)
{
	struct acct_buf bytes = ACCT_BUF_INIT;

	acct_folderlog_encode(&bytes, fl);
	CHECK(acct_cachefile_write(book, ACCT_FOLDERLOG_CACHE,
				   ACCT_FOLDERLOG_TAG, bytes.buf, bytes.len) == 1);
	acct_buf_release(&bytes);
	acct_folderlog_free(fl);
}

static void test_entered__cache(void)
{
	const char *want = "acme=2026-06-06 acme-corp=2026-02-01 beta=2026-03-15";
	struct acct_folderlog *fl;
	struct acct_buf truth = ACCT_BUF_INIT;
	size_t i;

	/* The last call kept the folder log of HEAD. */
	if (!(fl = cached_log()))
		return;
	CHECK(acct_folderlog_name(fl, "acme-corp") != ACCT_FOLDERLOG_NONE);
	acct_folderlog_encode(&truth, fl);

	/* For HEAD, the kept log is the answer: nothing is walked. */
	for (i = 0; i < fl->ncommits; i++)
		fl->commits[i].time = 1000000000;
	keep_log(fl);
	ENTERED("acme=2001-09-09 acme-corp=2001-09-09 beta=2001-09-09",
		"acme", "acme-corp", "beta");

	/* A damaged one is none. */
	CHECK(acct_cachefile_write(book, ACCT_FOLDERLOG_CACHE,
				   ACCT_FOLDERLOG_TAG, "garbage", 7) == 1);
	ENTERED(want, "acme", "acme-corp", "beta");

	/* A new commit: the walk stops at the kept log and trusts it. */
	fl = cached_log();
	for (i = 0; fl && i < fl->ncommits; i++)
		fl->commits[i].time = 1000000000;
	keep_log(fl);
	at("2026-07-07T10:00+00:00");
	add_entry("beta", "Another call");
	add_client("gamma", "2020-01-01");
	ENTERED("gamma=2026-07-07 beta=2001-09-09", "gamma", "beta");
	/* The true one, for the older HEAD. */
	CHECK(acct_cachefile_write(book, ACCT_FOLDERLOG_CACHE,
				   ACCT_FOLDERLOG_TAG, truth.buf, truth.len) == 1);
	ENTERED("gamma=2026-07-07 beta=2026-03-15 acme=2026-06-06",
		"gamma", "beta", "acme");
	/*
	 * ACCT_NO_CACHE=1 does not cover these days (it never did): the
	 * kept list is read even then, and an agenda does not walk.
	 */
	fl = cached_log();
	for (i = 0; fl && i < fl->ncommits; i++)
		fl->commits[i].time = 1000000000;
	keep_log(fl);
	book->no_cache = 1;
	ENTERED("gamma=2001-09-09 beta=2001-09-09", "gamma", "beta");
	book->no_cache = 0;
	acct_buf_release(&truth);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	if (setup() == 0) {
		test_entered__first_commit_not_since();
		test_entered__not_committed_is_today();
		test_entered__local_date();
		test_entered__rename_follows_the_folder();
		test_entered__cache();
	}
	acct_book_free(book);
	if (dir[sizeof(dir) - 7] != 'X') {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_report("entered");
}
