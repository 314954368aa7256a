#include "acct/report.h"

#include <stdint.h>
#include <string.h>

#include "acct/agenda.h"
#include "acct/config.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

/* The period and template of a report due on DUE with cadence REF. */
static void due_is(int at, const struct acct_config *cfg, const char *ref,
		   const char *due, const char *label, const char *since,
		   const char *until, const char *template)
{
	struct acct_agenda_item it;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_period p;
	char a[ACCT_DATE_STRLEN], b[ACCT_DATE_STRLEN];
	const char *t = NULL;
	int rc;

	memset(&it, 0, sizeof(it));
	it.kind = ACCT_DUE_REPORT;
	it.has_due = 1;
	it.ref = (char *)(uintptr_t)ref;
	acct_date_parse(&it.due, due, NULL);
	rc = acct_report_due_period(&p, &t, &it, cfg, &err);
	CHECK_MSG(rc == 0, "line %d: %d %s", at, rc, err.msg);
	if (rc)
		return;
	acct_date_format(a, &p.since);
	acct_date_format(b, &p.until);
	CHECK_MSG(!strcmp(p.label, label) && !strcmp(a, since) &&
		  !strcmp(b, until) && !strcmp(t, template),
		  "line %d: %s %s..%s %s, want %s %s..%s %s", at, p.label, a, b,
		  t, label, since, until, template);
}

static void test_report_due__period(void)
{
	struct acct_config cfg;
	struct acct_agenda_item it;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_period p;
	const char *t;

	acct_config_defaults(&cfg);
	/* Weekly: the week of its Friday; monthly: the month. */
	due_is(__LINE__, &cfg, "weekly", "2026-11-27", "2026-W48",
	       "2026-11-23", "2026-11-29", "weekly");
	due_is(__LINE__, &cfg, "monthly", "2026-11-30", "2026-11",
	       "2026-11-01", "2026-11-30", "monthly");
	/* Overdue on a later day: still the period of the day it fell due. */
	due_is(__LINE__, &cfg, "monthly", "2026-12-31", "2026-12",
	       "2026-12-01", "2026-12-31", "monthly");
	/* Durations: whole months, quarters and years by name. */
	due_is(__LINE__, &cfg, "1m", "2026-11-15", "2026-11", "2026-11-01",
	       "2026-11-30", "monthly");
	due_is(__LINE__, &cfg, "3m", "2026-11-15", "2026-Q4", "2026-10-01",
	       "2026-12-31", "quarterly");
	due_is(__LINE__, &cfg, "12m", "2026-11-15", "2026", "2026-01-01",
	       "2026-12-31", "quarterly");
	/* Others: as many days as the cadence, ending on the due day. */
	due_is(__LINE__, &cfg, "14d", "2026-11-27", "2026-11-14..2026-11-27",
	       "2026-11-14", "2026-11-27", "monthly");
	due_is(__LINE__, &cfg, "1w", "2026-11-27", "2026-11-21..2026-11-27",
	       "2026-11-21", "2026-11-27", "weekly");
	due_is(__LINE__, &cfg, "2m", "2026-11-27", "2026-09-28..2026-11-27",
	       "2026-09-28", "2026-11-27", "quarterly");
	/* Any other item is not a report due. */
	memset(&it, 0, sizeof(it));
	it.kind = ACCT_DUE_CALL;
	it.has_due = 1;
	CHECK_INT(acct_report_due_period(&p, &t, &it, &cfg, &err),
		  ACCT_EUSAGE);
	it.kind = ACCT_DUE_REPORT;
	it.has_due = 0;
	CHECK_INT(acct_report_due_period(&p, &t, &it, &cfg, &err),
		  ACCT_EUSAGE);
	acct_config_release(&cfg);
}

int main(void)
{
	test_report_due__period();
	return test_report("report_due");
}
