/*
 * The data of a report: what the template sees and `--format json`
 * prints. Its period and the next, and then one client's data over the
 * period (lib/report_client.c) or the portfolio's
 * (lib/report_portfolio.c). Only the files the period needs are read.
 */
#include "acct/report.h"
#include "report_int.h"

#include <jansson.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/banned.h"

/* A period: its label and days, and the same in the locale's words. */
static json_t *period_json(const struct acct_period *p, const char *locale)
{
	static const char *const kinds[] = {
		"week", "month", "quarter", "year", "range", "all",
	};
	json_t *o = json_object();
	struct acct_buf t = ACCT_BUF_INIT;

	set(o, "label", json_string(p->label));
	set(o, "kind", json_string(kinds[p->kind]));
	set(o, "since", day(&p->since));
	set(o, "until", day(&p->until));
	acct_format_period(&t, p, locale);
	set(o, "text", json_string(t.buf));
	set(o, "since_text", day_text(&p->since, locale));
	set(o, "until_text", day_text(&p->until, locale));
	acct_buf_reset(&t);
	acct_format_days(&t, &p->since, &p->until, locale, 0);
	set(o, "days_text", json_string(t.buf));
	acct_buf_release(&t);
	return o;
}

const char *acct_report_default_template(const struct acct_period *p)
{
	int64_t days = acct_date_to_days(&p->until) -
		       acct_date_to_days(&p->since) + 1;

	switch (p->kind) {
	case ACCT_PERIOD_WEEK:
		return "weekly";
	case ACCT_PERIOD_MONTH:
		return "monthly";
	case ACCT_PERIOD_QUARTER:
	case ACCT_PERIOD_YEAR:
		return "quarterly";
	default:
		return days <= 7 ? "weekly" : days <= 31 ? "monthly" :
		       "quarterly";
	}
}

void report_bad(struct build *b, const struct acct_error *err)
{
	b->bad = 1;
	if (b->o->bad)
		b->o->bad(b->o->data, err);
}

int acct_report_data(json_t **out, struct acct_book *book,
		     const struct acct_report_opts *o, struct acct_error *err)
{
	struct build b = { book, o, o->locale ? o->locale : "en", 0,
			   !o->slug || book->config.report_show_names };
	json_t *root = json_object(), *next;
	struct acct_period np;
	struct acct_client *c = NULL;
	int rc;

	*out = NULL;
	set(root, "format", json_integer(1));
	set(root, "template", str(o->template));
	set(root, "locale", json_string(b.locale));
	set(root, "today", day(&o->today));
	set(root, "today_text", day_text(&o->today, b.locale));
	set(root, "period", period_json(&o->period, b.locale));
	if (o->period.kind != ACCT_PERIOD_ALL) {
		acct_date_from_days(&np.since, acct_date_to_days(&o->period.until) + 1);
		if (o->period.kind == ACCT_PERIOD_RANGE) {
			acct_date_from_days(&np.until, acct_date_to_days(&np.since) +
					    acct_date_to_days(&o->period.until) -
					    acct_date_to_days(&o->period.since));
			acct_period_range(&np, &np.since, &np.until);
		} else {
			acct_period_of(&np, o->period.kind, &np.since);
		}
		next = period_json(&np, b.locale);
	} else {
		next = json_null();
	}
	set(root, "next_period", next);
	set(root, "portfolio", json_boolean(!o->slug));
	set(root, "show_names", json_boolean(b.names));
	if (!o->slug) {
		rc = report_portfolio_data(root, &b, err);
	} else if ((rc = acct_client_load(&c, book, o->slug, err)) == 0) {
		rc = report_client_data(root, &b, c);
		acct_client_free(c);
	}
	if (rc < 0) {
		json_decref(root);
		return rc;
	}
	*out = root;
	return b.bad ? 1 : 0;
}
