/*
 * Which report the agenda says is due: its period and template, for
 * acct report --due. The agenda knows when (lib/agenda.c); this knows
 * what a report due that day covers.
 */
#include "acct/report.h"

#include <string.h>

#include "acct/agenda.h"
#include "acct/config.h"
#include "acct/error.h"
#include "acct/banned.h"

int acct_report_due_period(struct acct_period *out, const char **template,
			   const struct acct_agenda_item *it,
			   const struct acct_config *cfg,
			   struct acct_error *err)
{
	enum acct_report_cadence kind;
	struct acct_duration every;
	struct acct_date since, next;
	int64_t days;

	if (it->kind != ACCT_DUE_REPORT || !it->has_due || !it->ref)
		return acct_error_set(err, ACCT_EUSAGE, "not a report due on a "
				      "day");
	if (acct_report_cadence_parse(&kind, &every, it->ref, NULL) < 0)
		kind = cfg->cadence.report, every = cfg->cadence.report_every;
	if (kind == ACCT_REPORT_WEEKLY) {
		acct_period_of(out, ACCT_PERIOD_WEEK, &it->due);
	} else if (kind == ACCT_REPORT_MONTHLY) {
		acct_period_of(out, ACCT_PERIOD_MONTH, &it->due);
	} else if (every.unit == ACCT_DUR_MONTHS &&
		   (every.n == 1 || every.n == 3 || every.n == 12)) {
		acct_period_of(out, every.n == 1 ? ACCT_PERIOD_MONTH :
			       every.n == 3 ? ACCT_PERIOD_QUARTER :
			       ACCT_PERIOD_YEAR, &it->due);
	} else {
		/* As long as the cadence, ending on the due day. */
		acct_date_add(&next, &it->due, &every, cfg->holidays,
			      cfg->nholidays);
		days = acct_date_to_days(&next) - acct_date_to_days(&it->due);
		acct_date_from_days(&since, acct_date_to_days(&it->due) -
				    days + 1);
		acct_period_range(out, &since, &it->due);
	}
	*template = acct_report_default_template(out);
	return 0;
}
