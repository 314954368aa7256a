#include "acct/agenda.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/decimal.h"
#include "acct/error.h"
#include "acct/init.h"
#include "acct/metric.h"
#include "harness.h"

#include "acct/banned.h"

#define D(y, m, d) ((struct acct_date){ (y), (m), (d) })

static struct acct_ident ident = {
	"Anna", "anna@agency.example", "2026-08-01T09:00+00:00",
	"Anna", "anna@agency.example", "2026-08-01T09:00+00:00",
};
static char dir[] = "/tmp/acct-test-agenda.XXXXXX";

static void test_agenda__kinds(void)
{
	/* The new kinds' names, and where they stand among the others. */
	CHECK_STR(acct_agenda_kind_name(ACCT_DUE_KPI), "kpi");
	CHECK_STR(acct_agenda_kind_name(ACCT_DUE_METRICS), "metrics");
	CHECK_STR(acct_agenda_kind_name(ACCT_DUE_RISK), "risk");
	CHECK(acct_agenda_kind_rank(ACCT_DUE_DETRACTOR) <
	      acct_agenda_kind_rank(ACCT_DUE_RISK));
	CHECK(acct_agenda_kind_rank(ACCT_DUE_RISK) <
	      acct_agenda_kind_rank(ACCT_DUE_ACTION));
	CHECK(acct_agenda_kind_rank(ACCT_DUE_CALL) <
	      acct_agenda_kind_rank(ACCT_DUE_METRICS));
	CHECK(acct_agenda_kind_rank(ACCT_DUE_METRICS) <
	      acct_agenda_kind_rank(ACCT_DUE_REPORT));
	CHECK(acct_agenda_kind_rank(ACCT_DUE_NPS) <
	      acct_agenda_kind_rank(ACCT_DUE_KPI));
	CHECK(acct_agenda_kind_rank(ACCT_DUE_KPI) <
	      acct_agenda_kind_rank(ACCT_DUE_TODAY));
}

static void add_client(struct acct_book *book, const char *name,
		       const char *kpi)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client_spec spec = { 0 };
	struct acct_buf out = ACCT_BUF_INIT;

	spec.name = name;
	spec.since = "2026-08-01";
	spec.kpis = &kpi;
	spec.nkpis = 1;
	CHECK_MSG(acct_client_add(&out, book, &spec, &err) == 0, "%s", err.msg);
	acct_buf_release(&out);
}

static const struct acct_agenda_item *find(const struct acct_agenda *a,
					   enum acct_agenda_kind k,
					   const char *slug)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (a->items[i].kind == k && a->items[i].slug &&
		    !strcmp(a->items[i].slug, slug))
			return &a->items[i];
	return NULL;
}

static void test_agenda__results(struct acct_book *book)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_agenda a = ACCT_AGENDA_INIT;
	struct acct_agenda_opts o = { 0 };
	struct acct_metric_period p;
	struct acct_metric_file *f;
	const struct acct_agenda_item *it;
	size_t i;
	int rc;

	o.today = D(2026, 11, 23);
	add_client(book, "Acme", "leads >= 100 /month");
	add_client(book, "Beta", "leads >= 10");
	acct_metric_period_parse(&p, "2026-10", &o.today, NULL);
	f = acct_metric_file_new("acme", &p, "manual", NULL);
	acct_metric_file_set(f, "leads", acct_dec_int(80));
	CHECK_MSG(acct_metric_write(NULL, book, &f, 1, NULL, 0, 0,
				    "metric acme: 2026-10", &err) == 0,
		  "%s", err.msg);
	acct_metric_free(f);

	rc = acct_agenda_build(&a, book, &o, &err);
	if (!CHECK_MSG(rc == 0, "%d %s", rc, err.msg))
		return;
	/* Acme missed its KPI in October: since 1 November. */
	it = find(&a, ACCT_DUE_KPI, "acme");
	if (CHECK(it != NULL)) {
		CHECK_STR(it->kpi, "leads >= 100 /month");
		CHECK_STR(it->actual, "80");
		CHECK_STR(it->target, "100");
		CHECK_STR(it->ref, "2026-10");
		CHECK(it->has_due && acct_date_cmp(&it->due, &D(2026, 11, 1)) == 0);
		CHECK_INT(it->overdue, 22);
		CHECK_STR(it->command, "acct log acme --kind report");
		CHECK_STR(it->detail, "leads >= 100 /month: 80 in 2026-10 "
			  "(target 100)");
	}
	CHECK(find(&a, ACCT_DUE_METRICS, "acme") == NULL);
	/* Beta has no numbers: due the first Friday of November. */
	it = find(&a, ACCT_DUE_METRICS, "beta");
	if (CHECK(it != NULL)) {
		CHECK(it->has_due && acct_date_cmp(&it->due, &D(2026, 11, 6)) == 0);
		CHECK_INT(it->overdue, 17);
		CHECK_STR(it->ref, "2026-10");
		CHECK_STR(it->command, "acct metric beta NAME=VALUE --period 2026-10");
	}
	CHECK(find(&a, ACCT_DUE_KPI, "beta") == NULL);
	/*
	 * Acme's one factor is the KPI, 0 of 1 met: 0, at risk; Beta has no
	 * factor, so no score. Both scores are kept for the portfolio.
	 */
	it = find(&a, ACCT_DUE_RISK, "acme");
	if (CHECK(it != NULL)) {
		CHECK_INT(it->score, 0);
		CHECK(!it->has_was && !it->has_due);
		CHECK_STR(it->detail, "health 0, below 50; weakest: kpi 0");
		CHECK_STR(it->command, "acct health acme --explain");
	}
	CHECK(find(&a, ACCT_DUE_RISK, "beta") == NULL);
	CHECK_INT(a.nscores, 2);
	for (i = 0; i < a.nscores; i++)
		if (!strcmp(a.scores[i].slug, "acme"))
			CHECK(a.scores[i].has_score && a.scores[i].score == 0);
		else
			CHECK(!strcmp(a.scores[i].slug, "beta") &&
			      !a.scores[i].has_score);
	/* Most urgent first: at risk, then the numbers, then the KPI. */
	CHECK(a.n >= 3 && a.items[0].kind == ACCT_DUE_RISK);
	acct_agenda_release(&a);

	/*
	 * On 1 December last month is November: October's KPI is no longer
	 * due, and November's numbers not before the first Friday, the 4th.
	 */
	o.today = D(2026, 12, 1);
	rc = acct_agenda_build(&a, book, &o, &err);
	if (CHECK_MSG(rc == 0, "%d %s", rc, err.msg)) {
		CHECK(find(&a, ACCT_DUE_KPI, "acme") == NULL);
		CHECK(find(&a, ACCT_DUE_METRICS, "acme") == NULL);
		CHECK(find(&a, ACCT_DUE_METRICS, "beta") == NULL);
	}
	acct_agenda_release(&a);
	o.today = D(2026, 12, 4);
	rc = acct_agenda_build(&a, book, &o, &err);
	if (CHECK_MSG(rc == 0, "%d %s", rc, err.msg)) {
		it = find(&a, ACCT_DUE_METRICS, "acme");
		CHECK(it && it->overdue == 0 && !strcmp(it->ref, "2026-11"));
	}
	acct_agenda_release(&a);
}

int main(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_book *book = NULL;
	struct acct_time now;

	tzset();
	test_agenda__kinds();
	if (!mkdtemp(dir)) {
		CHECK_MSG(0, "mkdtemp: %s", strerror(errno));
		return test_report("agenda_results");
	}
	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	if (CHECK_MSG(acct_book_init(dir, &now, &ident, &err) == 0, "%s",
		      err.msg) &&
	    CHECK_MSG(acct_book_open(&book, dir, &now, &ident, &err) == 0,
		      "%s", err.msg))
		test_agenda__results(book);
	acct_book_free(book);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_report("agenda_results");
}
