/*
 * acct metric import, the book's side: an export's rows given to clients
 * (the one named on the command line, a client cell, or a campaign a card
 * lists) and summed into one metric file per client and period, with the
 * ranges the write replaces. All or nothing: the first row that cannot be
 * placed is the error, at its line and column.
 */
#include "acct/metric_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/metric.h"
#include "acct/text.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/* A client cell or campaign cell already looked up. */
struct seen {
	const char *text;	/* borrowed from the export */
	int campaign;
	size_t client;		/* index into slugs */
};

struct assign {
	struct acct_book *book;
	const struct acct_metric_export *x;
	const char *name;
	struct acct_error *err;
	char **slugs;			/* the book's clients, sorted */
	size_t nslugs;
	struct acct_client **cards;	/* loaded when a name or campaign
					 * must be matched; NULL until then */
	struct acct_buf *campaign_keys;	/* each card's campaigns, as keys */
	struct seen *seen;
	size_t nseen, seen_alloc;
};

/* One row's place in the files: its client, its period, its order. */
struct place {
	size_t client;
	int64_t day;
	size_t row;
};

static int row_error(struct assign *a, size_t line, size_t col,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int row_error(struct assign *a, size_t line, size_t col,
		     const char *fmt, ...)
{
	char msg[sizeof(a->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	return acct_error_at(a->err, ACCT_EUSAGE, a->name, line, col, "%s",
			     msg);
}

/* `s` for a message: quoted as the terminal may show it, long ones cut. */
static const char *quote(struct acct_buf *q, const char *s)
{
	size_t len = strlen(s);

	acct_buf_reset(q);
	acct_text_escape_terminal(q, s, len > 80 ? 80 : len);
	if (len > 80)
		acct_buf_addstr(q, "...");
	return q->buf;
}

/*
 * A campaign's name as it is compared: case folded, every run of white
 * space (tabs and no-break spaces too) one space, none at the ends.
 */
static void campaign_key(struct acct_buf *out, const char *s)
{
	struct acct_buf folded = ACCT_BUF_INIT;
	const char *p;
	int space = 0;

	acct_text_fold(&folded, s, strlen(s));
	acct_buf_reset(out);
	for (p = folded.buf; *p; p++) {
		int n = 0;

		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			n = 1;
		else if ((unsigned char)p[0] == 0xc2 &&
			 (unsigned char)p[1] == 0xa0)
			n = 2;		/* U+00A0 */
		else if ((unsigned char)p[0] == 0xe2 &&
			 (unsigned char)p[1] == 0x80 &&
			 (unsigned char)p[2] == 0xaf)
			n = 3;		/* U+202F */
		if (n) {
			space = out->len > 0;
			p += n - 1;
			continue;
		}
		if (space)
			acct_buf_addch(out, ' ');
		space = 0;
		acct_buf_addch(out, *p);
	}
	acct_buf_release(&folded);
}

/* Every card, loaded once: a card that does not load is the error. */
static int load_cards(struct assign *a)
{
	size_t i, k;
	int rc;

	if (a->cards)
		return 0;
	a->cards = acct_calloc(a->nslugs + 1, sizeof(*a->cards));
	a->campaign_keys = acct_calloc(a->nslugs + 1, sizeof(*a->campaign_keys));
	for (i = 0; i < a->nslugs; i++) {
		struct acct_buf key = ACCT_BUF_INIT;

		a->campaign_keys[i] = (struct acct_buf)ACCT_BUF_INIT;
		if ((rc = acct_client_load(&a->cards[i], a->book, a->slugs[i],
					   a->err)) < 0) {
			acct_error_hint(a->err, "fix the card (acct client "
					"edit %s), or give the client with "
					"--client", a->slugs[i]);
			return rc;
		}
		/* The keys one after another, each ending in '\0'. */
		for (k = 0; k < a->cards[i]->campaigns.n; k++) {
			campaign_key(&key, a->cards[i]->campaigns.items[k]);
			acct_buf_add(&a->campaign_keys[i], key.buf, key.len + 1);
		}
		acct_buf_release(&key);
	}
	return 0;
}

/* The index of a client a client cell names, or an error at the cell. */
static int client_cell(struct assign *a, size_t *out,
		       const struct acct_metric_row *r)
{
	struct acct_buf q = ACCT_BUF_INIT, key = ACCT_BUF_INIT,
			names = ACCT_BUF_INIT;
	size_t i, len = strlen(r->client), hits = 0;
	int rc = 0;

	for (i = 0; i < a->nslugs; i++)
		if (!strcmp(a->slugs[i], r->client)) {
			*out = i;
			return 0;
		}
	for (i = 0; i < a->nslugs; i++)
		if (!strncmp(a->slugs[i], r->client, len)) {
			acct_buf_addf(&names, "%s%s", hits ? ", " : "",
				      a->slugs[i]);
			*out = i;
			hits++;
		}
	if (hits == 1)
		goto out;
	if ((rc = load_cards(a)) < 0)
		goto out;
	if (!hits) {
		struct acct_buf want = ACCT_BUF_INIT;

		acct_text_fold(&want, r->client, len);
		for (i = 0; i < a->nslugs; i++) {
			acct_buf_reset(&key);
			acct_text_fold(&key, a->cards[i]->name,
				       strlen(a->cards[i]->name));
			if (!strcmp(key.buf, want.buf)) {
				acct_buf_addf(&names, "%s%s", hits ? ", " : "",
					      a->slugs[i]);
				*out = i;
				hits++;
			}
		}
		acct_buf_release(&want);
	}
	if (hits == 1)
		goto out;
	if (hits)
		rc = row_error(a, r->client_line, r->client_col, "client '%s' "
			       "is ambiguous: %s", quote(&q, r->client),
			       names.buf);
	else
		rc = row_error(a, r->client_line, r->client_col, "no client "
			       "is '%s' (by slug, slug prefix or name)",
			       quote(&q, r->client));
	acct_error_hint(a->err, "write the client's slug in that column "
			"('acct client list' shows them), or give --client");
out:
	acct_buf_release(&q);
	acct_buf_release(&key);
	acct_buf_release(&names);
	return rc;
}

/* The index of the client whose card lists the campaign, or an error. */
static int campaign_cell(struct assign *a, size_t *out,
			 const struct acct_metric_row *r)
{
	struct acct_buf q = ACCT_BUF_INIT, key = ACCT_BUF_INIT,
			names = ACCT_BUF_INIT;
	size_t i, hits = 0;
	int rc;

	if ((rc = load_cards(a)) < 0)
		return rc;
	campaign_key(&key, r->campaign);
	for (i = 0; i < a->nslugs; i++) {
		const struct acct_buf *keys = &a->campaign_keys[i];
		size_t at;

		for (at = 0; at < keys->len; at += strlen(keys->buf + at) + 1)
			if (!strcmp(keys->buf + at, key.buf)) {
				acct_buf_addf(&names, "%s%s", hits ? ", " : "",
					      a->slugs[i]);
				*out = i;
				hits++;
				break;
			}
	}
	if (hits == 1)
		goto out;
	if (hits) {
		rc = row_error(a, r->campaign_line, r->campaign_col, "campaign "
			       "'%s' is on the cards of %s", quote(&q, r->campaign),
			       names.buf);
		acct_error_hint(a->err, "keep each campaign on one card "
				"('acct client set <client> campaigns "
				"--remove ...'), or give --client");
	} else {
		rc = row_error(a, r->campaign_line, r->campaign_col, "no client "
			       "has campaign '%s'", quote(&q, r->campaign));
		acct_error_hint(a->err, "add it to the client's card (acct "
				"client set <client> campaigns --add '%s'), or "
				"give --client", quote(&q, r->campaign));
	}
out:
	acct_buf_release(&q);
	acct_buf_release(&key);
	acct_buf_release(&names);
	return rc;
}

/* The client of row `r`: looked up once per distinct cell. */
static int row_client(struct assign *a, size_t *out,
		      const struct acct_metric_row *r)
{
	const char *text = r->client ? r->client : r->campaign;
	int campaign = !r->client;
	size_t i;
	int rc;

	if (!text) {
		size_t k;
		int has_campaigns = 0;

		for (k = 0; k < a->x->ncolumns; k++)
			has_campaigns |= a->x->columns[k].role ==
					 ACCT_METRIC_COL_CAMPAIGN;
		rc = row_error(a, r->line, r->col, "no client for these "
			       "numbers: %s", has_campaigns ? "the row names "
			       "no client or campaign" : "the export has no "
			       "client or campaign column");
		acct_error_hint(a->err, "give the client with --client%s",
				has_campaigns ? ", or fill in the campaign and "
				"list it on the card (acct client set <client> "
				"campaigns --add <name>)" : "");
		return rc;
	}
	for (i = a->nseen; i-- > 0;)
		if (a->seen[i].campaign == campaign &&
		    (a->seen[i].text == text || !strcmp(a->seen[i].text, text))) {
			*out = a->seen[i].client;
			return 0;
		}
	if ((rc = campaign ? campaign_cell(a, out, r) :
	     client_cell(a, out, r)) < 0)
		return rc;
	if (a->nseen == a->seen_alloc) {
		a->seen_alloc = a->seen_alloc ? 2 * a->seen_alloc : 16;
		a->seen = acct_realloc(a->seen, a->seen_alloc * sizeof(*a->seen));
	}
	a->seen[a->nseen].text = text;
	a->seen[a->nseen].campaign = campaign;
	a->seen[a->nseen++].client = *out;
	return 0;
}

/* What a row holds that no metric file may: said at the value. */
static int check_row(struct assign *a, const struct acct_metric_row *r)
{
	struct acct_buf q = ACCT_BUF_INIT;
	const struct acct_metric_derived *d;
	int rc = 0;

	if (!acct_metric_name_ok(r->metric))
		rc = row_error(a, r->line, r->col, "'%s' cannot be a metric's "
			       "name in the book", quote(&q, r->metric));
	else if ((d = acct_metric_derived_find(r->metric)))
		rc = row_error(a, r->line, r->col, "%s is computed (%s / %s), "
			       "never imported", d->name, d->num, d->den);
	else if (r->value.v < 0) {
		rc = row_error(a, r->line, r->col, "%s is negative", r->metric);
		acct_error_hint(a->err, "the book keeps counts and amounts, "
				"never below 0: correct the export");
	}
	acct_buf_release(&q);
	return rc;
}

static int place_cmp(const void *pa, const void *pb)
{
	const struct place *a = pa, *b = pb;

	if (a->client != b->client)
		return a->client < b->client ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

static int file_cmp(const void *pa, const void *pb)
{
	const struct acct_metric_file *const *a = pa, *const *b = pb;

	return strcmp((*a)->path, (*b)->path);
}

/* Add row `r` to file `f`: its currency agrees, its sum fits. */
static int add_row(struct assign *a, struct acct_metric_file *f,
		   const struct acct_metric_row *r)
{
	char num[ACCT_DEC_STRLEN];

	if (r->currency && *r->currency) {
		if (!f->currency[0])
			snprintf(f->currency, sizeof(f->currency), "%s",
				 r->currency);
		else if (strcmp(f->currency, r->currency)) {
			row_error(a, r->line, r->col, "%s %s is in %s, but "
				  "other numbers of %s for %s are in %s: acct "
				  "does not convert currencies", r->metric,
				  acct_dec_format(num, r->value), r->currency,
				  f->slug, f->period.label, f->currency);
			acct_error_hint(a->err, "import each currency's "
					"campaigns for their own client, or "
					"one currency at a time");
			return ACCT_EUSAGE;
		}
	}
	if (acct_metric_file_add(f, r->metric, r->value) < 0)
		return row_error(a, r->line, r->col, "the sum of %s for %s %s "
				 "is too large", r->metric, f->slug,
				 f->period.label);
	return 0;
}

int acct_metric_import_plan(struct acct_metric_import *out,
			    struct acct_book *book,
			    const struct acct_metric_export *x,
			    const char *name, const char *client,
			    struct acct_error *err)
{
	struct assign a;
	struct place *places = NULL;
	size_t i, given = 0, nclients = 0;
	int64_t last_day = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&a, 0, sizeof(a));
	a.book = book;
	a.x = x;
	a.name = name;
	a.err = err;
	if ((rc = acct_client_slugs(&a.slugs, &a.nslugs, book, err)) < 0)
		goto out;
	if (client) {
		for (given = 0; given < a.nslugs; given++)
			if (!strcmp(a.slugs[given], client))
				break;
		if (given == a.nslugs) {
			rc = acct_error_set(err, ACCT_ENOTFOUND, "no such client "
					    "'%s'", client);
			goto out;
		}
	}
	/* Each row checked and placed, in the file's order. */
	places = acct_calloc(x->nrows + 1, sizeof(*places));
	for (i = 0; i < x->nrows; i++) {
		const struct acct_metric_row *r = &x->rows[i];

		if ((rc = check_row(&a, r)) < 0)
			goto out;
		places[i].row = i;
		places[i].day = acct_date_to_days(&r->since);
		if (client)
			places[i].client = given;
		else if ((rc = row_client(&a, &places[i].client, r)) < 0)
			goto out;
	}
	/* A file per client and period, the rows summed in the file's order. */
	qsort(places, x->nrows, sizeof(*places), place_cmp);
	out->files = acct_calloc(x->nrows + 1, sizeof(*out->files));
	for (i = 0; i < x->nrows; i++) {
		const struct acct_metric_row *r = &x->rows[places[i].row];

		if (!i || places[i].client != places[i - 1].client ||
		    places[i].day != places[i - 1].day) {
			struct acct_metric_period p;

			acct_metric_period_of(&p, x->grain, &r->since);
			out->files[out->nfiles++] = acct_metric_file_new(
				a.slugs[places[i].client], &p, x->source, NULL);
			if (!i || places[i].client != places[i - 1].client)
				nclients++;
		}
		if ((rc = add_row(&a, out->files[out->nfiles - 1], r)) < 0)
			goto out;
	}
	/* The periods the export has, for the commit's subject. */
	for (i = 0; i < x->nrows; i++)
		places[i].day = acct_date_to_days(&x->rows[i].since);
	for (i = 0; i < x->nrows; i++)
		places[i].client = 0;
	qsort(places, x->nrows, sizeof(*places), place_cmp);
	for (i = 0; i < x->nrows; i++)
		if (!i || places[i].day != last_day) {
			out->nperiods++;
			last_day = places[i].day;
		}
	/* A range to replace per client: the source's, first to last day. */
	out->replace = acct_calloc(nclients + 1, sizeof(*out->replace));
	for (i = 0; i < out->nfiles; i++)
		if (!i || strcmp(out->files[i]->slug, out->files[i - 1]->slug)) {
			struct acct_metric_replace *rp =
				&out->replace[out->nreplace++];

			rp->slug = out->files[i]->slug;
			rp->source = x->source;
			rp->since = x->first;
			rp->until = x->last;
		}
	qsort(out->files, out->nfiles, sizeof(*out->files), file_cmp);
	rc = 0;
out:
	if (rc < 0)
		acct_metric_import_release(out);
	for (i = 0; a.cards && i < a.nslugs; i++) {
		acct_client_free(a.cards[i]);
		acct_buf_release(&a.campaign_keys[i]);
	}
	free(a.cards);
	free(a.campaign_keys);
	free(a.seen);
	acct_slugs_free(a.slugs, a.nslugs);
	free(places);
	return rc;
}

void acct_metric_import_release(struct acct_metric_import *im)
{
	size_t i;

	if (!im)
		return;
	for (i = 0; i < im->nfiles; i++)
		acct_metric_free(im->files[i]);
	free(im->files);
	free(im->replace);
	memset(im, 0, sizeof(*im));
}
