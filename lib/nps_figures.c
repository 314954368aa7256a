/*
 * NPS figures: the score and CSAT of a set of answers, the floating fee
 * they earn, and the summary of a period per client with its trend.
 */
#include "acct/nps.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/period.h"
#include "acct/banned.h"


void acct_nps_stats_add(struct acct_nps_stats *s, int score, int csat)
{
	s->responses++;
	if (score >= 9)
		s->promoters++;
	else if (score >= 7)
		s->passives++;
	else
		s->detractors++;
	if (csat) {
		s->csat_n++;
		s->csat_sum += csat;
	}
}

int acct_nps_score(const struct acct_nps_stats *s, int *nps)
{
	long num, n = s->responses;
	long mag;

	if (n <= 0)
		return 0;
	num = (s->promoters - s->detractors) * 100;
	mag = num < 0 ? -num : num;
	/* Half away from zero: round |num| / n half up, then the sign. */
	mag = (2 * mag + n) / (2 * n);
	*nps = (int)(num < 0 ? -mag : mag);
	return 1;
}

int acct_nps_csat(const struct acct_nps_stats *s, char *out, size_t size)
{
	long hundredths;

	if (s->csat_n <= 0) {
		if (size)
			*out = '\0';
		return 0;
	}
	hundredths = (200 * s->csat_sum + s->csat_n) / (2 * s->csat_n);
	snprintf(out, size, "%ld.%02ld", hundredths / 100, hundredths % 100);
	return 1;
}

/* "150000" or "99.50" to cents; -1 if it is not an amount. */
static int64_t cents(const char *s)
{
	int64_t v = 0;
	int dec = -1;

	if (!s || !acct_amount_ok(s))
		return -1;
	for (; *s; s++) {
		if (*s == '.') {
			dec = 0;
			continue;
		}
		v = v * 10 + (*s - '0');
		if (dec >= 0)
			dec++;
	}
	while (dec < 2) {
		v *= 10;
		dec = dec < 0 ? 1 : dec + 1;
	}
	return v;
}

static void money(char *out, size_t size, int64_t c)
{
	if (c % 100)
		snprintf(out, size, "%lld.%02lld", (long long)(c / 100),
			 (long long)(c % 100));
	else
		snprintf(out, size, "%lld", (long long)(c / 100));
}

int acct_nps_payout(struct acct_payout *out, const struct acct_money *fee,
		    int nps, const struct acct_config *cfg)
{
	int64_t amount = cents(fee->amount), fl, pay;
	size_t i;
	int p;

	memset(out, 0, sizeof(*out));
	if (amount < 0 || !fee->floating ||
	    acct_nps_value_parse(&p, fee->floating, 0, 100) < 0)
		return 0;
	out->floating = p;
	out->band_min = -101;
	for (i = 0; i < cfg->npayout; i++)
		if (nps >= cfg->payout[i].min) {
			out->band_min = cfg->payout[i].min;
			out->pay = cfg->payout[i].pay;
			break;
		}
	/*
	 * Each figure is exact, rounded half up to the cent once, in 64 bits
	 * on every machine: amount = q * 100 + r (then q * 10000 + r), so
	 * (amount * x + 50) / 100 = q * x + (r * x + 50) / 100, and no
	 * product passes 10^17 (amount <= 10^17 cents, p and pay <= 100).
	 */
	fl = (amount / 100) * p + ((amount % 100) * p + 50) / 100;
	pay = (amount / 10000) * p * out->pay +
	      ((amount % 10000) * p * out->pay + 5000) / 10000;
	money(out->floating_amount, sizeof(out->floating_amount), fl);
	money(out->fixed, sizeof(out->fixed), amount - fl);
	money(out->payout, sizeof(out->payout), pay);
	money(out->total, sizeof(out->total), amount - fl + pay);
	return 1;
}

/* --- the summary of a period ---------------------------------------------- */

static int quarter_index(const struct acct_date *d)
{
	return d->year * 4 + ACCT_QUARTER(d->month) - 1;
}

int acct_nps_quarter_of(const struct acct_date *d)
{
	return quarter_index(d);
}

static struct acct_nps_quarter *make_trend(int first, int last)
{
	struct acct_nps_quarter *t = acct_calloc(last >= first ?
						 (size_t)(last - first + 1) : 1,
						 sizeof(*t));
	int i;

	for (i = first; i <= last; i++)
		snprintf(t[i - first].label, sizeof(t[i - first].label),
			 "%04d-Q%d", i / 4, i % 4 + 1);
	return t;
}

static int same_person(const struct acct_nps_answer *a,
		       const struct acct_nps_answer *b)
{
	return a->respondent && b->respondent &&
	       !strcmp(a->respondent, b->respondent);
}

static void find_detractors(struct acct_nps_client *c,
			    const struct acct_period *p)
{
	size_t i, j;

	c->detractors = acct_calloc(c->nanswers + 1, sizeof(*c->detractors));
	/* Newest first: each respondent's latest answer decides. */
	for (i = c->nanswers; i-- > 0;) {
		const struct acct_nps_answer *a = c->answers[i];
		int seen = 0;

		if (!acct_period_has(p, &a->date))
			continue;
		for (j = c->nanswers; j-- > i + 1;)
			if (same_person(c->answers[j], a) &&
			    acct_period_has(p, &c->answers[j]->date))
				seen = 1;
		if (seen || a->score > 6)
			continue;
		c->detractors[c->ndetractors].answer = a;
		/* Their latest comment as a detractor in the period. */
		for (j = i + 1; j-- > 0;) {
			const struct acct_nps_answer *b = c->answers[j];

			if ((b == a || same_person(a, b)) && b->score <= 6 &&
			    acct_period_has(p, &b->date) && b->comment) {
				c->detractors[c->ndetractors].comment = b->comment;
				break;
			}
			if (!a->respondent)
				break;
		}
		c->ndetractors++;
	}
}

/* The first quarter of the trend of `period` (for "all": its own). */
static int trend_first(const struct acct_period *period)
{
	int first = quarter_index(&period->since);
	int last = quarter_index(&period->until);

	if (period->kind != ACCT_PERIOD_ALL && last - first < 3)
		first = last - 3;
	return first;
}

void acct_nps_trend_bounds(int *first, int *last,
			   const struct acct_period *period)
{
	*first = trend_first(period);
	*last = quarter_index(&period->until);
}

struct acct_nps_quarter *acct_nps_trend_new(int first, int last)
{
	return make_trend(first, last);
}

void acct_nps_summary_since(struct acct_date *out,
			    const struct acct_period *period)
{
	int first = trend_first(period);

	*out = period->since;
	if (period->kind == ACCT_PERIOD_ALL)
		return;
	*out = (struct acct_date){ first / 4, (first % 4) * 3 + 1, 1 };
	if (out->year < 1970)
		*out = (struct acct_date){ 1970, 1, 1 };
}

int acct_nps_summary(struct acct_nps_summary *out, struct acct_book *book,
		     const char *slug, const struct acct_period *period,
		     void (*bad)(void *data, const struct acct_error *err),
		     void *data, struct acct_error *err)
{
	struct acct_nps_list list = ACCT_NPS_LIST_INIT;
	struct acct_date since;
	char **slugs = NULL;
	size_t nslugs = 0, i, j;
	int first, last, rc, any_bad = 0;

	memset(out, 0, sizeof(*out));
	first = trend_first(period);
	last = quarter_index(&period->until);
	acct_nps_summary_since(&since, period);
	if (slug) {
		slugs = acct_calloc(2, sizeof(*slugs));
		slugs[0] = acct_strdup(slug);
		nslugs = 1;
	} else if ((rc = acct_client_slugs(&slugs, &nslugs, book, err)) < 0) {
		return rc;
	}
	out->clients = acct_calloc(nslugs + 1, sizeof(*out->clients));
	for (i = 0; i < nslugs; i++) {
		struct acct_nps_client *c = &out->clients[out->n];
		struct acct_error e = ACCT_ERROR_INIT;

		if (acct_client_load(&c->card, book, slugs[i], &e) < 0) {
			if (slug) {
				*err = e;
				rc = e.code;
				goto fail;
			}
			any_bad = 1;
			if (bad)
				bad(data, &e);
			continue;
		}
		if (!slug && c->card->has_archived) {
			acct_client_free(c->card);
			c->card = NULL;
			continue;
		}
		out->n++;
		acct_nps_list_release(&list);
		if ((rc = acct_nps_list(&list, book, slugs[i], &since,
					&period->until, err)) < 0)
			goto fail;
		c->answers = acct_calloc(list.n + 1, sizeof(*c->answers));
		for (j = 0; j < list.n; j++) {
			struct acct_nps_answer *a;

			if (acct_nps_load(&a, book, slugs[i], list.refs[j].path,
					  &e) < 0) {
				any_bad = 1;
				if (bad)
					bad(data, &e);
				acct_error_clear(&e);
				continue;
			}
			c->answers[c->nanswers++] = a;
		}
	}
	acct_nps_list_release(&list);
	if (period->kind == ACCT_PERIOD_ALL) {
		int lo = INT_MAX, hi = INT_MIN;

		for (i = 0; i < out->n; i++)
			for (j = 0; j < out->clients[i].nanswers; j++) {
				int q = quarter_index(&out->clients[i].answers[j]->date);

				lo = q < lo ? q : lo;
				hi = q > hi ? q : hi;
			}
		first = lo;
		last = hi;
		if (lo > hi)	/* no answers at all: no trend */
			first = 1, last = 0;
	}
	out->ntrend = (size_t)(last - first + 1);
	out->trend = make_trend(first, last);
	for (i = 0; i < out->n; i++) {
		struct acct_nps_client *c = &out->clients[i];
		int nps;

		c->ntrend = out->ntrend;
		c->trend = make_trend(first, last);
		for (j = 0; j < c->nanswers; j++) {
			const struct acct_nps_answer *a = c->answers[j];
			int q = quarter_index(&a->date) - first;

			if (q >= 0 && q <= last - first) {
				acct_nps_stats_add(&c->trend[q].stats, a->score,
						   a->csat);
				acct_nps_stats_add(&out->trend[q].stats, a->score,
						   a->csat);
			}
			if (acct_period_has(period, &a->date)) {
				acct_nps_stats_add(&c->stats, a->score, a->csat);
				acct_nps_stats_add(&out->stats, a->score, a->csat);
			}
		}
		find_detractors(c, period);
		if (acct_nps_score(&c->stats, &nps))
			c->has_payout = acct_nps_payout(&c->payout,
							&c->card->fee, nps,
							&book->config);
	}
	acct_slugs_free(slugs, nslugs);
	return any_bad;
fail:
	acct_nps_list_release(&list);
	acct_slugs_free(slugs, nslugs);
	acct_nps_summary_release(out);
	return rc;
}

void acct_nps_summary_release(struct acct_nps_summary *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		struct acct_nps_client *c = &s->clients[i];

		for (j = 0; j < c->nanswers; j++)
			acct_nps_free(c->answers[j]);
		free(c->answers);
		free(c->trend);
		free(c->detractors);
		acct_client_free(c->card);
	}
	free(s->clients);
	free(s->trend);
	memset(s, 0, sizeof(*s));
}
