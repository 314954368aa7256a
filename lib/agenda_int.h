#ifndef ACCT_AGENDA_INT_H
#define ACCT_AGENDA_INT_H

/*
 * What lib/agenda.c (the agenda's build) and lib/agenda_results.c (last
 * month's numbers against the KPIs, and the health score's at-risk item)
 * share. Private to lib/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "acct/book.h"
#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/config.h"
#include "acct/entered.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/facts.h"
#include "acct/health.h"
#include "acct/kpi.h"
#include "acct/metric.h"
#include "acct/nps.h"
#include "acct/person.h"
#include "acct/occasion.h"
#include "acct/past.h"
#include "acct/tz.h"

/* --- building ------------------------------------------------------------ */

struct build {
	struct acct_book *book;
	const struct acct_agenda_opts *o;
	struct acct_agenda *a;
	int bad;
	/* The health scores a month ago: opened once, the first time a
	 * score needs them. */
	struct acct_past *past;
	struct acct_facts *facts;	/* every client's */
	int past_tried;
	struct acct_date past_day;
	/* Each time zone's offset now, or why it has none: looked up once. */
	struct agenda_zone *zones;
	size_t nzones;
};

/* What one client's log says, newest entry first. */
struct facts {
	const struct acct_client_facts *cf;	/* read from these */
	int has_out, has_call, has_report, has_review, has_touch;
	struct acct_date out, call, report, review, touch;
	int has_answer;
	struct acct_date answer;
	/* The health score's facts, from the same records. */
	struct acct_health_gather health;
	/* Its score and points, once worked out (agenda_risk_prefetch()). */
	int scored, has_score, score;
	struct {
		int has, weight, points;
	} factor[ACCT_HEALTH_NFACTORS];
};

void agenda_add_days(struct acct_date *out, const struct acct_date *d, int n);
void agenda_report_bad(struct build *b, const struct acct_error *err);
struct acct_agenda_item *agenda_add(struct build *b, enum acct_agenda_kind k,
				    const struct acct_client *c);
void agenda_set_due(struct acct_agenda_item *it, const struct acct_date *due,
		    const struct acct_date *today);
char *agenda_fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
char *agenda_command(const char *verb, const char *slug, const char *rest);
/*
 * Set it->detail from the English `fmt` and it->detail_text from its
 * translation (lib/agenda_detail.c); _n: the form for the count `n`.
 */
void agenda_detail(struct acct_agenda_item *it, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void agenda_detail_n(struct acct_agenda_item *it, unsigned long n,
		     const char *one, const char *many, ...)
	__attribute__((format(printf, 3, 5)));
/*
 * lib/agenda_clock.c: a call's local time; a calendar's zone and hours. A
 * bad timezone or hours is placed where the facts `cf` say it stands.
 */
void agenda_local_time(struct build *b, const struct acct_client *c,
		       const struct acct_client_facts *cf,
		       struct acct_agenda_item *it);
void agenda_calendar_times(struct build *b, const struct acct_client *c,
			   const struct acct_client_facts *cf, size_t first);
/** Free the zones agenda_local_time() and agenda_calendar_times() kept. */
void agenda_zones_release(struct build *b);
void agenda_result_items(struct build *b, const struct acct_client *c,
			 struct facts *f);
void agenda_risk_item(struct build *b, const struct acct_client *c,
		      struct facts *f);
/*
 * The scores a month ago that agenda_risk_item() will need for the `n`
 * clients `cards` (NULL: none) with their facts, worked out beforehand
 * in two threads when they are not kept (acct_past_prefetch()).
 */
void agenda_risk_prefetch(struct build *b, const struct acct_client *const *cards,
			  struct facts *facts, size_t n);

#endif
