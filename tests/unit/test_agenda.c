#include "acct/agenda.h"

#include <stdio.h>
#include <string.h>

#include "acct/date.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * The agenda (lib/agenda.c): what is due on a day, worked out from the
 * cards, the log, the NPS answers and the briefs.
 */

static void due_is(int monthly, int rday, struct acct_date today,
		   const char *want_due, const char *want_prev,
		   const struct acct_date *hol, size_t nhol)
{
	struct acct_date due, prev;
	char a[ACCT_DATE_STRLEN], b[ACCT_DATE_STRLEN];

	acct_report_due(&due, &prev, monthly, rday, &today, hol, nhol);
	acct_date_format(a, &due);
	acct_date_format(b, &prev);
	CHECK_MSG(!strcmp(a, want_due) && !strcmp(b, want_prev),
		  "%04d-%02d-%02d: due %s prev %s, want %s %s", today.year,
		  today.month, today.day, a, b, want_due, want_prev);
}

static void test_agenda__report_due(void)
{
	struct acct_date hol[] = { { 2026, 12, 31 }, { 2026, 4, 30 } };

	/* Weekly on Friday (4). Monday 2026-11-23: last Friday. */
	due_is(0, 4, (struct acct_date){ 2026, 11, 23 }, "2026-11-20",
	       "2026-11-13", NULL, 0);
	/* On the Friday itself it is due that day. */
	due_is(0, 4, (struct acct_date){ 2026, 11, 27 }, "2026-11-27",
	       "2026-11-20", NULL, 0);
	/* Thursday: still last week's. */
	due_is(0, 4, (struct acct_date){ 2026, 11, 26 }, "2026-11-20",
	       "2026-11-13", NULL, 0);
	/* Monday as the report day. */
	due_is(0, 0, (struct acct_date){ 2026, 11, 23 }, "2026-11-23",
	       "2026-11-16", NULL, 0);
	/* Monthly: the last working day. November 2026 ends on a Monday. */
	due_is(1, 4, (struct acct_date){ 2026, 11, 30 }, "2026-11-30",
	       "2026-10-30", NULL, 0);
	due_is(1, 4, (struct acct_date){ 2026, 11, 29 }, "2026-10-30",
	       "2026-09-30", NULL, 0);
	/* February of a leap year ends on Thursday the 29th (2024). */
	due_is(1, 4, (struct acct_date){ 2024, 3, 1 }, "2024-02-29",
	       "2024-01-31", NULL, 0);
	/* A holiday on the last working day moves it back. */
	due_is(1, 4, (struct acct_date){ 2026, 12, 31 }, "2026-12-30",
	       "2026-11-30", hol, 2);
	/* January looks back to December of the year before. */
	due_is(1, 4, (struct acct_date){ 2027, 1, 15 }, "2026-12-30",
	       "2026-11-30", hol, 2);
	/* 2026-05-01 is a Friday; April's last day 30 is a holiday: 29th. */
	due_is(1, 4, (struct acct_date){ 2026, 5, 1 }, "2026-04-29",
	       "2026-03-31", hol, 2);
}

int main(void)
{
	test_agenda__report_due();
	return test_report("agenda");
}
