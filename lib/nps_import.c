/*
 * acct nps import: a survey tool's or a spreadsheet's CSV export made
 * into answers to record. The header names the columns, in English or
 * Russian; a row's client is a slug, a unique prefix or a card's name.
 */
#include "acct/nps.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/csv.h"
#include "acct/date.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/i18n.h"
#include "acct/banned.h"

enum column { C_CLIENT, C_DATE, C_RESPONDENT, C_SCORE, C_ROLE, C_COMMENT,
	      C_CSAT, C_SURVEY, C_COLUMNS };

/* The header names each column answers to, English and Russian. */
static const char *const column_names[C_COLUMNS][6] = {
	[C_CLIENT] = { "client", "клиент", "компания", "company", NULL },
	[C_DATE] = { "date", "дата", NULL },
	[C_RESPONDENT] = { "respondent", "name", "респондент", "имя", NULL },
	[C_SCORE] = { "score", "nps", "оценка", "балл", NULL },
	[C_ROLE] = { "role", "position", "роль", "должность", NULL },
	[C_COMMENT] = { "comment", "комментарий", NULL },
	[C_CSAT] = { "csat", NULL },
	[C_SURVEY] = { "survey", "опрос", NULL },
};

/* A field without the spaces and tabs around it, in place. */
static char *trim(struct acct_csv_field *f)
{
	char *s = f->text;
	size_t n = f->len;

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	s[n] = '\0';
	return s;
}

static int header_is(const char *h, const char *name)
{
	return acct_text_contains_fold(h, name) &&
	       acct_text_contains_fold(name, h);
}

static int row_error(struct acct_error *err, const char *file, size_t line,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int row_error(struct acct_error *err, const char *file, size_t line,
		     const char *fmt, ...)
{
	char msg[sizeof(err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	return acct_error_at(err, ACCT_EUSAGE, file, line, 0, "%s", msg);
}

/* The slug a CSV's client value names: a slug, a unique prefix, a name. */
static int csv_client(char **out, struct acct_book *book, const char *v,
		      struct acct_client **cards, size_t ncards)
{
	struct acct_buf slug = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	size_t i, found = 0;

	if (acct_client_resolve(&slug, book, v, &err) == 0) {
		*out = acct_buf_detach(&slug, NULL);
		return 0;
	}
	for (i = 0; i < ncards; i++)
		if (cards[i] && header_is(cards[i]->name, v)) {
			*out = cards[i]->slug;
			found++;
		}
	acct_buf_release(&slug);
	if (found != 1)
		return -1;
	*out = acct_strdup(*out);
	return 0;
}

/* Turn the rows into specs: ACCT_EUSAGE at the first bad one. */
static int import_rows(struct acct_nps_import *im, struct acct_book *book,
		       const char *name, struct acct_error *err)
{
	int col[C_COLUMNS];
	const char *prev_client = NULL;
	const struct acct_csv_record *head = &im->csv.records[0];
	size_t i, r;
	int c, k;

	for (c = 0; c < C_COLUMNS; c++)
		col[c] = -1;
	for (i = 0; i < head->nfields; i++) {
		const char *h = trim(&head->fields[i]);

		for (c = 0; c < C_COLUMNS; c++)
			for (k = 0; column_names[c][k]; k++)
				if (header_is(h, column_names[c][k])) {
					if (col[c] >= 0)
						return row_error(err, name, head->line,
							"two columns are '%s'",
							column_names[c][0]);
					col[c] = (int)i;
				}
	}
	for (c = 0; c <= C_SCORE; c++)
		if (col[c] < 0)
			return row_error(err, name, head->line, "no '%s' column; the "
					 "header must name client, date, "
					 "respondent and score (see acct nps "
					 "--help)", column_names[c][0]);
	if (acct_client_slugs(&im->card_slugs, &im->ncards, book, NULL) == 0) {
		im->cards = acct_calloc(im->ncards + 1, sizeof(*im->cards));
		for (i = 0; i < im->ncards; i++)
			if (acct_client_load(&im->cards[i], book,
					     im->card_slugs[i], NULL) < 0)
				im->cards[i] = NULL;
	}
	im->specs = acct_calloc(im->csv.nrecords, sizeof(*im->specs));
	im->slugs = acct_calloc(im->csv.nrecords, sizeof(*im->slugs));
	im->results = acct_calloc(im->csv.nrecords, sizeof(*im->results));
	for (r = 1; r < im->csv.nrecords; r++) {
		struct acct_csv_record *rec = &im->csv.records[r];
		struct acct_nps_spec *s = &im->specs[im->n];
		const char *v[C_COLUMNS];

		for (c = 0; c < C_COLUMNS; c++)
			v[c] = col[c] >= 0 && (size_t)col[c] < rec->nfields ?
			       trim(&rec->fields[col[c]]) : NULL;
		s->line = rec->line;
		if (!v[C_CLIENT] || !*v[C_CLIENT])
			return row_error(err, name, rec->line, "no client");
		/* An export lists a client's answers together: look it up once. */
		if (prev_client && !strcmp(prev_client, v[C_CLIENT])) {
			im->slugs[im->n] = acct_strdup(im->slugs[im->n - 1]);
		} else if (csv_client(&im->slugs[im->n], book, v[C_CLIENT],
				      im->cards, im->ncards) < 0) {
			struct acct_buf q = ACCT_BUF_INIT;

			acct_text_escape_terminal(&q, v[C_CLIENT],
						  strlen(v[C_CLIENT]));
			c = row_error(err, name, rec->line, "no client is '%s' (by "
				      "slug, slug prefix or name)", q.buf);
			acct_buf_release(&q);
			return c;
		}
		prev_client = v[C_CLIENT];
		s->slug = im->slugs[im->n];
		im->n++;
		if (!v[C_DATE] || acct_date_parse_export(&s->date, v[C_DATE]) < 0)
			return row_error(err, name, rec->line, "date must be "
					 "YYYY-MM-DD (or DD.MM.YYYY), not '%s'",
					 v[C_DATE] ? v[C_DATE] : "");
		if (!v[C_SCORE] || acct_nps_value_parse(&s->score, v[C_SCORE],
							0, 10) < 0)
			return row_error(err, name, rec->line, "score must be a whole "
					 "number from 0 to 10");
		if (v[C_CSAT] && *v[C_CSAT] &&
		    acct_nps_value_parse(&s->csat, v[C_CSAT], 1, 5) < 0)
			return row_error(err, name, rec->line, "csat must be a whole "
					 "number from 1 to 5");
		s->respondent = v[C_RESPONDENT] && *v[C_RESPONDENT] ?
				v[C_RESPONDENT] : NULL;
		s->role = v[C_ROLE] && *v[C_ROLE] ? v[C_ROLE] : NULL;
		s->survey = v[C_SURVEY] && *v[C_SURVEY] ? v[C_SURVEY] : NULL;
		if (v[C_COMMENT] && *v[C_COMMENT]) {
			/* Spreadsheets break lines with \r\n: keep \n. */
			char *w = (char *)rec->fields[col[C_COMMENT]].text;
			const char *p = v[C_COMMENT];
			char *start = w;

			for (; *p; p++)
				if (*p != '\r')
					*w++ = *p;
				else if (p[1] != '\n')
					*w++ = '\n';
			*w = '\0';
			s->comment = start;
		}
	}
	return 0;
}

void acct_nps_import_release(struct acct_nps_import *im)
{
	size_t i;

	if (im->results)
		acct_nps_results_release(im->results, im->n);
	for (i = 0; i < im->n; i++)
		free(im->slugs[i]);
	for (i = 0; i < im->ncards; i++)
		acct_client_free(im->cards[i]);
	free(im->cards);
	acct_slugs_free(im->card_slugs, im->ncards);
	free(im->slugs);
	free(im->specs);
	free(im->results);
	acct_csv_release(&im->csv);
	memset(im, 0, sizeof(*im));
}

int acct_nps_import_read(struct acct_nps_import *im, struct acct_book *book,
			 const char *name, const char *text, size_t len,
			 struct acct_error *err)
{
	int rc;

	if ((rc = acct_csv_parse(&im->csv, name, text, len, 0, err)) < 0)
		return rc;
	if (!im->csv.nrecords)
		return row_error(err, name, 1, "the file is empty; it needs a "
				 "header row and answers");
	return import_rows(im, book, name, err);
}
