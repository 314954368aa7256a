#include "acct/metric_import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/init.h"
#include "acct/metric.h"
#include "acct/txn.h"
#include "harness.h"
#include "acct/banned.h"

static const struct acct_ident ident = {
	"Test", "test@example.com", NULL, "Test", "test@example.com", NULL,
};

static struct acct_book *book;
static char dir[] = "/tmp/acct-test-metric-assign.XXXXXX";

static int setup(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_txn *t = NULL;
	struct acct_time now;
	static const char acme[] = "name: Acme Robotics\nstatus: active\n"
		"campaigns: [Brand Search, \"Поиск — бренд\", Shared]\n";
	static const char beta[] = "name: Beta\nstatus: active\n"
		"campaigns: [Display, shared]\n";
	static const char gamma[] = "name: Gamma\nstatus: active\n";
	static const char acorn[] = "name: Acorn\nstatus: active\n";
	int ok;

	if (!CHECK_MSG(mkdtemp(dir), "mkdtemp: %s", strerror(errno)))
		return -1;
	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	ok = CHECK_MSG(acct_book_init(dir, &now, &ident, &err) == 0 &&
		       acct_book_open(&book, dir, &now, &ident, &err) == 0 &&
		       acct_txn_begin(&t, book, &err) == 0 &&
		       acct_txn_put(t, "clients/acme/client.yaml", acme,
				    sizeof(acme) - 1, ACCT_TXN_NEW, &err) == 0 &&
		       acct_txn_put(t, "clients/beta/client.yaml", beta,
				    sizeof(beta) - 1, ACCT_TXN_NEW, &err) == 0 &&
		       acct_txn_put(t, "clients/gamma/client.yaml", gamma,
				    sizeof(gamma) - 1, ACCT_TXN_NEW, &err) == 0 &&
		       acct_txn_put(t, "clients/acorn/client.yaml", acorn,
				    sizeof(acorn) - 1, ACCT_TXN_NEW, &err) == 0 &&
		       acct_txn_commit(t, "test: cards", &err) == 0,
		       "%s", err.msg);
	acct_txn_free(t);
	return ok ? 0 : -1;
}

/*
 * The plan of export `csv` as text, a line per file ("path currency
 * name=value ...") and one per range replaced ("replace slug source
 * since..until"), then "periods N"; or the error, "file:line:col: msg".
 */
static int plan(struct acct_buf *out, const char *csv, const char *client)
{
	struct acct_metric_export x = ACCT_METRIC_EXPORT_INIT;
	struct acct_metric_import im = ACCT_METRIC_IMPORT_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	char num[ACCT_DEC_STRLEN], a[ACCT_DATE_STRLEN], b[ACCT_DATE_STRLEN];
	size_t i, k;
	int rc;

	acct_buf_reset(out);
	if ((rc = acct_metric_export_parse(&x, "x.csv", csv, strlen(csv),
					   NULL, NULL, &err)) < 0 ||
	    (rc = acct_metric_import_plan(&im, book, &x, "x.csv", client,
					  &err)) < 0) {
		acct_buf_addf(out, "%s:%zu:%zu: %s", err.file, err.line,
			      err.col, err.msg);
		goto out;
	}
	for (i = 0; i < im.nfiles; i++) {
		const struct acct_metric_file *f = im.files[i];

		acct_buf_addf(out, "%s %s", f->path,
			      f->currency[0] ? f->currency : "-");
		for (k = 0; k < f->n; k++)
			acct_buf_addf(out, " %s=%s", f->values[k].name,
				      acct_dec_format(num, f->values[k].value));
		acct_buf_addch(out, '\n');
	}
	for (i = 0; i < im.nreplace; i++) {
		acct_date_format(a, &im.replace[i].since);
		acct_date_format(b, &im.replace[i].until);
		acct_buf_addf(out, "replace %s %s %s..%s\n", im.replace[i].slug,
			      im.replace[i].source, a, b);
	}
	acct_buf_addf(out, "periods %zu\n", im.nperiods);
out:
	acct_metric_import_release(&im);
	acct_metric_export_release(&x);
	return rc;
}

#define CHECK_PLAN(csv, client, want) do { \
	struct acct_buf b_ = ACCT_BUF_INIT; \
	int rc_ = plan(&b_, (csv), (client)); \
	CHECK_MSG(!strcmp(b_.buf, (want)), "plan == %d\n%s\nwant\n%s", rc_, \
		  b_.buf, (want)); \
	acct_buf_release(&b_); \
} while (0)

static void test_metric_assign__campaigns(void)
{
	/* Case and runs of spaces ignored; a day's campaigns summed. */
	CHECK_PLAN("Day,Campaign,Clicks,Cost,Currency code\n"
		   "2026-11-20,brand search,1,1.10,USD\n"
		   "2026-11-20, BRAND  SEARCH ,2,2.20,USD\n"
		   "2026-11-21,Display,5,1,USD\n"
		   "2026-11-21,Поиск —\xc2\xa0бренд,7,,\n", NULL,
		   "clients/acme/metrics/2026/2026-11-20-google-ads.yaml USD "
		   "clicks=3 spend=3.30\n"
		   "clients/acme/metrics/2026/2026-11-21-google-ads.yaml - "
		   "clicks=7\n"
		   "clients/beta/metrics/2026/2026-11-21-google-ads.yaml USD "
		   "clicks=5 spend=1\n"
		   "replace acme google-ads 2026-11-20..2026-11-21\n"
		   "replace beta google-ads 2026-11-20..2026-11-21\n"
		   "periods 2\n");
}

static void test_metric_assign__clients(void)
{
	/* A slug, a unique prefix, the card's name in any case. */
	CHECK_PLAN("client,period,metric,value\n"
		   "acme,2026-11,leads,1\n"
		   "be,2026-11,leads,2\n"
		   "ACME ROBOTICS,2026-11,leads,3.5\n", NULL,
		   "clients/acme/metrics/2026/2026-11-csv.yaml - leads=4.5\n"
		   "clients/beta/metrics/2026/2026-11-csv.yaml - leads=2\n"
		   "replace acme csv 2026-11-01..2026-11-30\n"
		   "replace beta csv 2026-11-01..2026-11-30\n"
		   "periods 1\n");
	/* The caller's client takes every row, whatever its cells say. */
	CHECK_PLAN("client,period,metric,value\n"
		   "acme,2026-11,leads,1\n"
		   "zeta,2026-11,leads,2\n", "gamma",
		   "clients/gamma/metrics/2026/2026-11-csv.yaml - leads=3\n"
		   "replace gamma csv 2026-11-01..2026-11-30\n"
		   "periods 1\n");
}

static void test_metric_assign__refused(void)
{
	CHECK_PLAN("date,clicks\n2026-11-20,5\n", NULL,
		   "x.csv:2:12: no client for these numbers: the export has "
		   "no client or campaign column");
	CHECK_PLAN("date,campaign,clicks\n2026-11-20,Display,5\n"
		   "2026-11-20,,6\n", NULL,
		   "x.csv:3:13: no client for these numbers: the row names "
		   "no client or campaign");
	CHECK_PLAN("date,campaign,clicks\n2026-11-20,Display,5\n"
		   "2026-11-20,Other,6\n", NULL,
		   "x.csv:3:12: no client has campaign 'Other'");
	CHECK_PLAN("date,campaign,clicks\n2026-11-20,SHARED,5\n", NULL,
		   "x.csv:2:12: campaign 'SHARED' is on the cards of acme, "
		   "beta");
	CHECK_PLAN("client,date,clicks\nzeta,2026-11-20,5\n", NULL,
		   "x.csv:2:1: no client is 'zeta' (by slug, slug prefix or "
		   "name)");
	CHECK_PLAN("client,date,clicks\nac,2026-11-20,5\n", NULL,
		   "x.csv:2:1: client 'ac' is ambiguous: acme, acorn");
	CHECK_PLAN("date,clicks\n2026-11-20,-5\n", "acme",
		   "x.csv:2:12: clicks is negative");
	CHECK_PLAN("date,campaign,spend\n2026-11-20,A,5 $\n"
		   "2026-11-20,B,6 €\n", "acme",
		   "x.csv:3:14: spend 6 is in EUR, but other numbers of acme "
		   "for 2026-11-20 are in USD: acct does not convert "
		   "currencies");
	CHECK_PLAN("date,clicks\n2026-11-20,5\n", "zeta",
		   ":0:0: no such client 'zeta'");
}

int main(void)
{
	if (setup() == 0) {
		test_metric_assign__campaigns();
		test_metric_assign__clients();
		test_metric_assign__refused();
	}
	acct_book_free(book);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		CHECK(system(cmd) == 0);
	}
	return test_report("metric_assign");
}
