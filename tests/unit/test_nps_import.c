#include "acct/nps.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/error.h"
#include "acct/init.h"
#include "acct/txn.h"
#include "harness.h"
#include "acct/banned.h"

static const struct acct_ident ident = {
	"Test", "test@example.com", NULL, "Test", "test@example.com", NULL,
};

static struct acct_book *book;
static char dir[] = "/tmp/acct-test-nps-import.XXXXXX";

static int setup(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_txn *t = NULL;
	struct acct_time now;
	static const char acme[] = "name: Acme Robotics\nstatus: active\n";
	static const char romashka[] = "name: ООО «Ромашка»\nstatus: active\n";
	int ok;

	if (!CHECK_MSG(mkdtemp(dir), "mkdtemp: %s", strerror(errno)))
		return -1;
	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	ok = CHECK_MSG(acct_book_init(dir, &now, &ident, &err) == 0 &&
		       acct_book_open(&book, dir, &now, &ident, &err) == 0 &&
		       acct_txn_begin(&t, book, &err) == 0 &&
		       acct_txn_put(t, "clients/acme/client.yaml", acme,
				    sizeof(acme) - 1, ACCT_TXN_NEW, &err) == 0 &&
		       acct_txn_put(t, "clients/ooo-romashka/client.yaml",
				    romashka, sizeof(romashka) - 1, ACCT_TXN_NEW,
				    &err) == 0 &&
		       acct_txn_commit(t, "test: cards", &err) == 0,
		       "%s", err.msg);
	acct_txn_free(t);
	return ok ? 0 : -1;
}

/* `csv` read: 0, or the error's code with its message in `msg`. */
static int import(struct acct_nps_import *im, const char *csv, char *msg,
		  size_t size)
{
	struct acct_error err = ACCT_ERROR_INIT;
	int rc = acct_nps_import_read(im, book, "answers.csv", csv, strlen(csv),
				      &err);

	snprintf(msg, size, "%s:%zu:%zu: %s", err.file, err.line, err.col,
		 err.msg);
	return rc;
}

#define CHECK_REFUSED(csv, want) do { \
	struct acct_nps_import im_ = ACCT_NPS_IMPORT_INIT; \
	char m_[2048]; \
	int rc_ = import(&im_, (csv), m_, sizeof(m_)); \
	CHECK_MSG(rc_ < 0 && !strcmp(m_, (want)), "import == %d \"%s\", " \
		  "want \"%s\"", rc_, m_, (want)); \
	acct_nps_import_release(&im_); \
} while (0)

static void test_nps_import__rows(void)
{
	struct acct_nps_import im = ACCT_NPS_IMPORT_INIT;
	char msg[2048];
	char day[ACCT_DATE_STRLEN];

	CHECK_INT(import(&im, "Клиент;Дата;Имя;Оценка;Комментарий;CSAT\n"
			 "acme;2026-11-20;Ivan;9;Fine;5\n"
			 "ac;20.11.2026;;7;\"two\r\nlines\";\n"
			 "ООО «Ромашка»;2026-11-21 14:33;Olga;10;;\n",
			 msg, sizeof(msg)), 0);
	CHECK_INT(im.n, 3);
	if (im.n != 3)
		goto out;
	CHECK_STR(im.specs[0].slug, "acme");
	CHECK_STR(im.specs[0].respondent, "Ivan");
	CHECK_INT(im.specs[0].score, 9);
	CHECK_INT(im.specs[0].csat, 5);
	CHECK_STR(im.specs[0].comment, "Fine");
	CHECK_INT(im.specs[0].line, 2);
	CHECK_STR(im.specs[1].slug, "acme");		/* a prefix */
	CHECK(im.specs[1].respondent == NULL);
	acct_date_format(day, &im.specs[1].date);
	CHECK_STR(day, "2026-11-20");
	CHECK_STR(im.specs[1].comment, "two\nlines");
	CHECK_INT(im.specs[1].csat, 0);
	CHECK_STR(im.specs[2].slug, "ooo-romashka");	/* the card's name */
	acct_date_format(day, &im.specs[2].date);
	CHECK_STR(day, "2026-11-21");
	CHECK_INT(im.specs[2].line, 5);	/* the quoted line break */
out:
	acct_nps_import_release(&im);
}

static void test_nps_import__refused(void)
{
	CHECK_REFUSED("", "answers.csv:1:0: the file is empty; it needs a "
		      "header row and answers");
	CHECK_REFUSED("client,date,score\nacme,2026-11-20,9\n",
		      "answers.csv:1:0: no 'respondent' column; the header "
		      "must name client, date, respondent and score (see acct "
		      "nps --help)");
	CHECK_REFUSED("client,date,respondent,score,nps\n",
		      "answers.csv:1:0: two columns are 'score'");
	CHECK_REFUSED("client,date,respondent,score\nzeta,2026-11-20,A,9\n",
		      "answers.csv:2:0: no client is 'zeta' (by slug, slug "
		      "prefix or name)");
	CHECK_REFUSED("client,date,respondent,score\n,2026-11-20,A,9\n",
		      "answers.csv:2:0: no client");
	CHECK_REFUSED("client,date,respondent,score\nacme,20/11/2026,A,9\n",
		      "answers.csv:2:0: date must be YYYY-MM-DD (or "
		      "DD.MM.YYYY), not '20/11/2026'");
	CHECK_REFUSED("client,date,respondent,score\nacme,2026-11-20,A,11\n",
		      "answers.csv:2:0: score must be a whole number from 0 "
		      "to 10");
	CHECK_REFUSED("client,date,respondent,score,csat\n"
		      "acme,2026-11-20,A,9,6\n",
		      "answers.csv:2:0: csat must be a whole number from 1 "
		      "to 5");
	CHECK_REFUSED("client,date,respondent,score\nacme,\"x\n",
		      "answers.csv:2:6: quoted field opened here is never "
		      "closed");
}

int main(void)
{
	if (setup() == 0) {
		test_nps_import__rows();
		test_nps_import__refused();
	}
	acct_book_free(book);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		CHECK(system(cmd) == 0);
	}
	return test_report("nps_import");
}
