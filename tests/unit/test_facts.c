#include "acct/facts.h"
#include "../../lib/facts_cache_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/health.h"
#include "acct/init.h"
#include "acct/nps.h"
#include "harness.h"
#include "acct/banned.h"

/*
 * The facts of a book (lib/facts.c) read from the files and from the
 * cache (lib/facts_cache.c, lib/facts_store.c) are the same facts: each
 * check below writes them out as text and compares. And the facts of a
 * past commit read with the facts of now to lean on are those read from
 * the tree alone.
 */

static struct acct_ident ident = {
	"Anna", "anna@agency.example", "2026-09-01T09:00+00:00",
	"Anna", "anna@agency.example", "2026-09-01T09:00+00:00",
};
static char dir[] = "/tmp/acct-test-facts.XXXXXX";
static struct acct_book *book;

static void at(const char *when)
{
	ident.author_date = when;
	ident.committer_date = when;
	book->ident = ident;
}

static void add_client(const char *name, const char *since)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client_spec spec = { 0 };
	struct acct_buf out = ACCT_BUF_INIT;

	spec.name = name;
	spec.since = since;
	CHECK_MSG(acct_client_add(&out, book, &spec, &err) == 0, "%s", err.msg);
	acct_buf_release(&out);
}

/* An entry of `when` and `kind`, committed at `commit`. */
static void log_commit(const char *slug, const char *summary,
		       const char *when, const char *kind, const char *body,
		       const char *commit)
{
	struct acct_buf path = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_log_spec s = { 0 };
	struct acct_time t;

	acct_time_parse(&t, when, NULL);
	s.slug = slug;
	s.summary = summary;
	s.channel = "call";
	s.kind = kind;
	s.when = &t;
	s.body = body;
	s.body_len = body ? strlen(body) : 0;
	at(commit);
	CHECK_MSG(acct_log_add(&path, book, &s, &err) == 0, "%s", err.msg);
	acct_buf_release(&path);
}

static void log_on(const char *slug, const char *summary, const char *when,
		   const char *kind, const char *body)
{
	log_commit(slug, summary, when, kind, body, when);
}

/* An answer; with `csat` (not 0), a role and a survey too. */
static void answer_csat(const char *slug, int score, const char *who,
			const char *day, int csat)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_nps_spec s = { 0 };
	struct acct_nps_result r = { 0 };

	s.slug = slug;
	s.score = score;
	s.respondent = who;
	s.csat = csat;
	s.role = csat ? "CMO" : NULL;
	s.survey = csat ? "2026-Q4" : NULL;
	acct_date_parse(&s.date, day, NULL);
	CHECK_MSG(acct_nps_plan(book, &s, 1, 0, NULL, &r, &err) == 0 &&
		  acct_nps_commit(book, &s, &r, 1, "nps: test", &err) == 0,
		  "%s", err.msg);
	acct_nps_results_release(&r, 1);
}

static void answer(const char *slug, int score, const char *who,
		   const char *day)
{
	answer_csat(slug, score, who, day, 0);
}

static void date_text(struct acct_buf *out, const struct acct_date *d)
{
	char s[ACCT_DATE_STRLEN];

	acct_date_format(s, d);
	acct_buf_addf(out, " %s", s);
}

/* Everything the facts of one client say, as text. */
static void client_text(struct acct_buf *out,
			const struct acct_client_facts *cf)
{
	size_t i, k;

	acct_buf_addf(out, "client %s card %s bad %d tz %zu:%zu hours %zu:%zu\n",
		      cf->slug, cf->card ? cf->card->name : "-", cf->card_bad,
		      cf->tz_at[0], cf->tz_at[1], cf->hours_at[0],
		      cf->hours_at[1]);
	if (cf->card)
		acct_buf_addf(out, "  status %s manager %s kpis %zu\n",
			      cf->card->status, cf->card->manager ?
			      cf->card->manager : "-", cf->card->goals.kpi.n);
	acct_buf_addf(out, "  brief %d found %d missing %zu empty %zu kpis %zu\n",
		      cf->brief.state, cf->brief.found, cf->brief.nmissing,
		      cf->brief.nempty, cf->brief.nkpis);
	acct_buf_addf(out, "  log bad %d, %zu entries\n", cf->log_bad,
		      cf->nentries);
	for (i = 0; i < cf->nentries; i++) {
		const struct acct_fact_entry *e = &cf->entries[i];

		acct_buf_addf(out, "  %u", e->keyday);
		date_text(out, &e->day);
		if (e->bad) {
			acct_buf_addf(out, " bad %s\n", e->path);
			continue;
		}
		date_text(out, &e->when);
		acct_buf_addf(out, " %s %s %s due %zu open %zu\n", e->kind,
			      e->channel, e->direction ? e->direction : "-",
			      (size_t)e->ndue, (size_t)e->nopen);
		for (k = 0; k < e->nopen; k++) {
			acct_buf_addf(out, "    %s %s", e->open[k].id,
				      e->open[k].text);
			date_text(out, &e->open[k].due);
			acct_buf_addch(out, '\n');
		}
		for (k = 0; k < e->nundated; k++)
			acct_buf_addf(out, "    %s %s undated\n",
				      e->undated[k].id, e->undated[k].text);
	}
	acct_buf_addf(out, "  nps bad %d, %zu answers\n", cf->nps_bad,
		      cf->nanswers);
	for (i = 0; i < cf->nanswers; i++) {
		const struct acct_fact_answer *a = &cf->answers[i];

		acct_buf_addf(out, "  %s", a->path);
		date_text(out, &a->named);
		if (!a->bad) {
			date_text(out, &a->date);
			acct_buf_addf(out, " %d %d %s %s %s %s", a->score,
				      a->csat,
				      a->respondent ? a->respondent : "-",
				      a->role ? a->role : "-",
				      a->survey ? a->survey : "-",
				      a->comment ? a->comment : "-");
		}
		acct_buf_addch(out, '\n');
	}
}

/* The facts of the book as text: from the cache, or (`plain`) not. */
static void facts_text(struct acct_buf *out, int plain)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_facts *f = NULL;
	size_t i;

	acct_buf_reset(out);
	book->no_cache = plain;
	if (!CHECK_MSG(acct_facts_load(&f, book, ACCT_FACTS_ACTIVE, &err) == 0,
		       "%s", err.msg))
		return;
	for (i = 0; i < acct_facts_count(f); i++)
		client_text(out, acct_facts_at(f, i));
	acct_facts_free(f);
	book->no_cache = 0;
}

/* With the cache (as found, then as written) and without: the same. */
static void check_same(const char *what)
{
	struct acct_buf plain = ACCT_BUF_INIT, cold = ACCT_BUF_INIT,
			warm = ACCT_BUF_INIT;

	facts_text(&plain, 1);
	facts_text(&cold, 0);
	facts_text(&warm, 0);
	CHECK_MSG(!strcmp(plain.buf, cold.buf), "%s: with the cache\n%s\n"
		  "without\n%s", what, cold.buf, plain.buf);
	CHECK_MSG(!strcmp(plain.buf, warm.buf), "%s: with the cache written\n"
		  "%s\nwithout\n%s", what, warm.buf, plain.buf);
	acct_buf_release(&plain);
	acct_buf_release(&cold);
	acct_buf_release(&warm);
}

/* Run `cmd` in the book. */
static int sh(const char *cmd)
{
	struct acct_buf b = ACCT_BUF_INIT;
	int rc;

	acct_buf_addf(&b, "cd '%s' && %s", dir, cmd);
	rc = system(b.buf);
	acct_buf_release(&b);
	return rc;
}

static int exists(const char *rel)
{
	struct acct_buf p = ACCT_BUF_INIT;
	struct stat st;
	int there;

	acct_buf_addf(&p, "%s/%s", dir, rel);
	there = lstat(p.buf, &st) == 0;
	acct_buf_release(&p);
	return there;
}

static void put(const char *rel, const char *text)
{
	struct acct_buf p = ACCT_BUF_INIT;
	FILE *fp;

	acct_buf_addf(&p, "%s/%s", dir, rel);
	fp = fopen(p.buf, "w");
	if (CHECK(fp != NULL)) {
		fputs(text, fp);
		fclose(fp);
	}
	acct_buf_release(&p);
}

static void test_facts__cache(void)
{
	struct acct_buf text = ACCT_BUF_INIT;

	add_client("Acme", "2026-09-01");
	add_client("Beta", "2026-09-01");
	log_on("acme", "Kick-off", "2026-09-02T10:00+00:00", NULL,
	       "## Actions\n- [ ] Send the plan @anna due:2026-09-10\n"
	       "- [x] Share the access due:2026-09-05\n"
	       "- [ ] Write the summary\n- [x] Book the room\n");
	log_on("acme", "A note", "2026-10-02T10:00+00:00", "note", NULL);
	log_on("beta", "Report", "2026-10-05T10:00+00:00", "report", NULL);
	answer("acme", 3, "Ivan", "2026-10-10");
	answer_csat("beta", 9, "Olga", "2026-10-11", 4);
	check_same("a new book");
	CHECK(exists(".git/acct/facts"));
	CHECK(exists(".git/acct/facts.s"));
	/* The open items without a due date too (todo --ids), from the cache. */
	facts_text(&text, 0);
	CHECK_MSG(strstr(text.buf, " Write the summary undated\n") &&
		  !strstr(text.buf, "Book the room") &&
		  !strstr(text.buf, "Share the access"), "%s", text.buf);
	acct_buf_reset(&text);
	/* An answer's CSAT, role and survey, from the cache. */
	facts_text(&text, 0);
	CHECK_MSG(strstr(text.buf, " 9 4 Olga CMO 2026-Q4 -\n"), "%s", text.buf);
	acct_buf_reset(&text);

	/* Nothing is read or written with no_cache. */
	CHECK(sh("rm -rf .git/acct") == 0);
	facts_text(&text, 1);
	CHECK(!exists(".git/acct/facts"));

	/* Hand changes: an entry added, a bad one, a card edited. */
	check_same("the cache made again");
	put("clients/beta/log/2026/2026-10-20T1000-by-hand.md",
	    "---\ndate: 2026-10-20T10:00+00:00\nsummary: By hand\n---\n");
	check_same("an entry added by hand");
	put("clients/beta/log/2026/2026-10-21T1000-bad.md", "no front matter\n");
	check_same("a bad entry added by hand");
	put("clients/acme/client.yaml", "name: Acme\nstatus: paused\n");
	check_same("a card edited by hand");
	/* Not active: its answers only (the portfolio's NPS counts them). */
	facts_text(&text, 0);
	CHECK_MSG(strstr(text.buf, " 3 0 Ivan - - -\n"), "%s", text.buf);
	acct_buf_reset(&text);
	put("clients/acme/client.yaml", "name: Acme\nstatus: paused\n"
	    "archived: 2026-10-20\n");
	check_same("a card archived by hand");
	facts_text(&text, 0);
	CHECK_MSG(!strstr(text.buf, " Ivan "), "%s", text.buf);
	acct_buf_reset(&text);
	put("clients/acme/client.yaml", "name: Acme\nstatus: active\n"
	    "broken: [\n");
	check_same("a card broken by hand");
	put("clients/acme/client.yaml", "name: Acme\nstatus: active\n");
	acct_buf_release(&text);
}

/* Run `cmd` with $s acme's shard of details, then touch its log. */
static void on_shard(const char *cmd)
{
	struct acct_buf name = ACCT_BUF_INIT, c = ACCT_BUF_INIT;

	facts_shard_name(&name, facts_shard_of("acme"));
	acct_buf_addf(&c, "s=.git/acct/%s && { %s; } && touch "
		      "clients/acme/log/2026", name.buf, cmd);
	CHECK_MSG(sh(c.buf) == 0, "%s", c.buf);
	acct_buf_release(&name);
	acct_buf_release(&c);
}

/*
 * The details, kept in shards (lib/facts_store.c): one that is missing,
 * damaged, cut short, of another version, of another shard or that went
 * with other facts is none, and the log is read again; the files of the
 * layout before (a file a client) go when the cache is written.
 */
static void test_facts__shards(void)
{
	unsigned other = (facts_shard_of("acme") + 1) % FACTS_SHARDS;
	struct acct_buf name = ACCT_BUF_INIT, c = ACCT_BUF_INIT;

	struct acct_buf was = ACCT_BUF_INIT, now = ACCT_BUF_INIT;

	check_same("the shards as written");
	/*
	 * The details are what lets a kept entry stand when its folder
	 * changed: an entry edited by hand, not added, shows as it was (the
	 * README says so); once its shard is gone, it is read again.
	 */
	/* Out of git's racy instant: the files older than the index. */
	CHECK(sh("find clients -type f -exec touch -d @1790000000 {} + && "
		 "git update-index -q --refresh") == 0);
	facts_text(&was, 0);
	facts_text(&was, 0);
	CHECK(sh("f=$(ls clients/acme/log/2026/*-a-note.md) && cp $f ../keep "
		 "&& sed -i 's/^kind: note/kind: report/' $f && "
		 "touch clients/acme/log/2026") == 0);
	facts_text(&now, 0);
	CHECK_MSG(!strcmp(was.buf, now.buf), "the details not used:\n%s\n%s",
		  was.buf, now.buf);
	on_shard("rm $s");
	facts_text(&now, 0);
	CHECK_MSG(strcmp(was.buf, now.buf), "%s", "read again without them");
	CHECK(sh("f=$(ls clients/acme/log/2026/*-a-note.md) && cp ../keep $f "
		 "&& rm ../keep && git add $f") == 0);
	check_same("the entry as it was");
	acct_buf_release(&was);
	acct_buf_release(&now);
	on_shard("test -f $s");
	on_shard("cp $s .git/acct/acme-shard");
	log_on("acme", "Another", "2026-10-12T10:00+00:00", "note", NULL);
	check_same("a shard written again");
	on_shard("cp .git/acct/acme-shard $s");
	check_same("a shard that goes with other facts");
	on_shard("rm $s");
	check_same("a shard missing");
	on_shard("f=$s && head -c $(($(wc -c <$f) - 7)) $f >$f.cut "
		 "&& mv $f.cut $f");
	check_same("a shard cut short");
	on_shard("f=$s && printf '\\377' | dd of=$f bs=1 "
		 "seek=$(($(wc -c <$f) - 9)) conv=notrunc 2>/dev/null");
	check_same("a shard damaged");
	on_shard("sed -i '2s/.*/facts detail 2/' $s");
	check_same("a shard of another version");
	/* Another shard's file in acme's place: its sections are not acme's. */
	facts_shard_name(&name, other);
	acct_buf_addf(&c, "printf 'x' >>.git/acct/%s; cp .git/acct/%s $s",
		      name.buf, name.buf);
	on_shard("cp $s .git/acct/acme-shard");
	on_shard(c.buf);
	check_same("another shard in its place");
	acct_buf_reset(&c);
	acct_buf_addf(&c, "cp .git/acct/acme-shard .git/acct/%s", name.buf);
	CHECK(sh(c.buf) == 0);
	check_same("acme's shard in another's place");
	/* A detail file of the layout before is removed. */
	CHECK(sh("mkdir -p .git/acct/facts.d && echo x >.git/acct/facts.d/acme"
		 " && touch clients/beta/log/2026") == 0);
	check_same("the layout before");
	CHECK(!exists(".git/acct/facts.d"));
	CHECK(sh("rm -f .git/acct/acme-shard") == 0);
	acct_buf_release(&name);
	acct_buf_release(&c);
}

static void test_facts__past(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_book *past = NULL;
	struct acct_facts *now = NULL;
	struct acct_client_facts *lean = NULL, *alone = NULL;
	struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT;
	const struct acct_client_facts *cf = NULL;
	struct acct_date day = { 2026, 10, 6 };
	size_t i;

	/* After the day: an item ticked, an entry added. */
	log_on("acme", "Later", "2026-11-02T10:00+00:00", NULL,
	       "## Actions\n- [ ] Call back due:2026-11-10\n");
	if (!CHECK_MSG(acct_book_at(&past, book, &day, &err) == 0, "%s",
		       err.msg) ||
	    !CHECK_MSG(acct_facts_load(&now, book, ACCT_FACTS_ACTIVE, &err) == 0,
		       "%s", err.msg))
		goto out;
	for (i = 0; i < acct_facts_count(now); i++)
		if (!strcmp(acct_facts_at(now, i)->slug, "acme"))
			cf = acct_facts_at(now, i);
	if (!CHECK(cf != NULL))
		goto out;
	acct_facts_client_ids(now, cf, book);
	CHECK(acct_client_facts_read_past(&lean, past, "acme", cf, &err) == 0);
	CHECK(acct_client_facts_read_past(&alone, past, "acme", NULL, &err) == 0);
	client_text(&a, lean);
	client_text(&b, alone);
	CHECK_MSG(!strcmp(a.buf, b.buf), "leaning on now\n%s\nalone\n%s",
		  a.buf, b.buf);
	/* Then acme had two entries, and no "Later". */
	CHECK_INT(alone->nentries, 2);
out:
	acct_client_facts_free(lean);
	acct_client_facts_free(alone);
	acct_facts_free(now);
	acct_book_free(past);
	acct_buf_release(&a);
	acct_buf_release(&b);
}

/* An entry of `when`, committed at `commit`. */
static void log_at(const char *slug, const char *summary, const char *when,
		   const char *commit, const char *body)
{
	log_commit(slug, summary, when, NULL, body, commit);
}

/*
 * A commit of what `cmd` changed by hand, at `commit`, by a name of its
 * own: a fresh machine has no identity for git to take.
 */
static void commit_at(const char *cmd, const char *commit)
{
	struct acct_buf c = ACCT_BUF_INIT;

	acct_buf_addf(&c, "%s && git add -A clients && GIT_AUTHOR_DATE=%s "
		      "GIT_COMMITTER_DATE=%s git -c user.name=Hand "
		      "-c user.email=hand@agency.example commit -q -m hand",
		      cmd, commit, commit);
	CHECK_MSG(sh(c.buf) == 0, "%s", c.buf);
	acct_buf_release(&c);
}

/*
 * Every client's facts on `day`, read leaning on the facts now (from the
 * cache, or `plain` from the files) and from the tree alone: the same.
 */
static void check_past(const char *what, const char *day, int plain)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_book *past = NULL;
	struct acct_facts *now = NULL;
	struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT;
	struct acct_date d;
	size_t i;

	acct_date_parse(&d, day, NULL);
	book->no_cache = plain;
	if (!CHECK_MSG(acct_book_at(&past, book, &d, &err) == 0, "%s: %s",
		       what, err.msg) ||
	    !CHECK_MSG(acct_facts_load(&now, book, ACCT_FACTS_ACTIVE, &err) == 0,
		       "%s: %s", what, err.msg))
		goto out;
	for (i = 0; i < acct_facts_count(now); i++) {
		const struct acct_client_facts *cf = acct_facts_at(now, i);
		struct acct_client_facts *lean = NULL, *alone = NULL;

		acct_facts_client_ids(now, cf, book);
		CHECK(acct_client_facts_read_past(&lean, past, cf->slug, cf,
						  &err) == 0);
		CHECK(acct_client_facts_read_past(&alone, past, cf->slug, NULL,
						  &err) == 0);
		client_text(&a, lean);
		client_text(&b, alone);
		acct_client_facts_free(lean);
		acct_client_facts_free(alone);
	}
	CHECK_MSG(!strcmp(a.buf, b.buf), "%s (%s)\nleaning on now\n%s\n"
		  "alone\n%s", what, plain ? "files" : "cache", a.buf, b.buf);
out:
	book->no_cache = 0;
	acct_facts_free(now);
	acct_book_free(past);
	acct_buf_release(&a);
	acct_buf_release(&b);
}

static void check_past_both(const char *what, const char *day)
{
	check_past(what, day, 1);
	check_past(what, day, 0);
}

/*
 * A past commit's records lean on the facts now by folder (lib/
 * facts_past.c): a year folder, or a client's whole log/ or nps/, that
 * holds the same files is copied, the others read. Whatever changed
 * since, in whatever way, the facts are those of the tree alone.
 */
static void test_facts__past_years(void)
{
	struct acct_buf text = ACCT_BUF_INIT;

	at("2026-11-10T09:00+00:00");
	add_client("Gamma", "2023-01-01");
	add_client("Delta", "2023-01-01");
	log_at("gamma", "Old times", "2023-05-02T10:00+00:00",
	       "2026-11-10T10:00+00:00", NULL);
	log_at("gamma", "Last year", "2024-05-02T10:00+00:00",
	       "2026-11-10T10:01+00:00", NULL);
	log_at("gamma", "Plan", "2025-03-03T10:00+00:00",
	       "2026-11-10T10:02+00:00",
	       "## Actions\n- [ ] Send the plan due:2025-03-10\n");
	log_at("gamma", "Kick-off", "2026-09-01T10:00+00:00",
	       "2026-11-10T10:03+00:00", NULL);
	log_at("delta", "Kick-off", "2025-09-01T10:00+00:00",
	       "2026-11-10T10:04+00:00", NULL);
	at("2026-11-10T10:05+00:00");
	answer("gamma", 9, "Ivan", "2024-06-01");
	answer("gamma", 4, "Olga", "2025-06-01");
	answer("delta", 8, "Ivan", "2025-06-01");
	/* A file acct does not list, and an answer that is executable. */
	commit_at("echo x >clients/gamma/log/2024/notes.txt && "
		  "chmod +x clients/gamma/nps/2024/*.yaml",
		  "2026-11-10T10:06+00:00");
	check_past_both("nothing changed since", "2026-11-11");
	/* Since: a year added to, an entry edited, the file gone, a mode. */
	log_at("gamma", "Follow-up", "2026-11-12T10:00+00:00",
	       "2026-11-12T10:00+00:00", NULL);
	commit_at("sed -i 's/- \\[ \\]/- [x]/' clients/gamma/log/2025/*.md && "
		  "rm clients/gamma/log/2024/notes.txt && "
		  "chmod -x clients/gamma/nps/2024/*.yaml",
		  "2026-11-12T10:01+00:00");
	at("2026-11-12T10:02+00:00");
	answer("gamma", 10, "Ivan", "2026-11-12");
	check_past_both("changed since in every way", "2026-11-11");
	/* A year folder gone, and an entry written by hand, not added. */
	commit_at("git rm -q -r clients/gamma/log/2023",
		  "2026-11-12T10:03+00:00");
	CHECK(sh("cp clients/delta/log/2025/*.md clients/gamma/log/2024/"
		 "2024-12-30T1000-by-hand.md && sed -i 's/2025-09-01/"
		 "2024-12-30/' clients/gamma/log/2024/*-by-hand.md") == 0);
	check_past_both("a year gone, an entry by hand", "2026-11-11");
	check_past_both("the past is HEAD", "2026-11-20");
	/* The entry by hand was listed: the test sees what it means to. */
	facts_text(&text, 1);
	CHECK_MSG(strstr(text.buf, " 20241230 2024-12-30") != NULL, "%s",
		  text.buf);
	CHECK(sh("rm clients/gamma/log/2024/*-by-hand.md") == 0);
	acct_buf_release(&text);
}

int main(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_time now;
	int rc;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	if (!CHECK_MSG(acct_book_init(dir, &now, &ident, &err) == 0, "%s",
		       err.msg) ||
	    !CHECK_MSG(acct_book_open(&book, dir, &now, &ident, &err) == 0,
		       "%s", err.msg))
		return test_report("facts");
	test_facts__cache();
	test_facts__shards();
	test_facts__past();
	test_facts__past_years();
	acct_book_free(book);
	rc = test_report("facts");
	{
		char cmd[sizeof(dir) + 16];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			rc = 1;
	}
	return rc;
}
