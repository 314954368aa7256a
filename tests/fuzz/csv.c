/*
 * CSV (lib/csv.c), as `acct nps import` reads a survey export.
 *
 * Input: a byte that picks the separator (0: guessed, 1 ',', 2 ';', 3
 * tab, anything else passed as it is, to be refused), then the file.
 *
 * Checked: a bad separator is ACCT_EUSAGE; a refused file is ACCT_EDATA at
 * a line of the file, with the result left empty; a file that parses has
 * records of 1 to ACCT_CSV_FIELDS_MAX fields of UTF-8 text without NUL,
 * in order of their lines; written out again with every field quoted, it
 * parses to the same records.
 */
#include "acct/csv.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "fuzz.h"

#include "acct/banned.h"

#define PATH "answers.csv"

static size_t count_lines(const char *s, size_t len)
{
	size_t i, n = 1;

	for (i = 0; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
			n++;
	return n;
}

static void check_records(const struct acct_csv *csv)
{
	size_t i, j, line = 0;

	for (i = 0; i < csv->nrecords; i++) {
		const struct acct_csv_record *r = &csv->records[i];

		FUZZ_CHECK(r->nfields >= 1 && r->nfields <= ACCT_CSV_FIELDS_MAX,
			   "record %zu has %zu fields", i, r->nfields);
		FUZZ_CHECK(r->line > line && r->line == r->fields[0].line,
			   "record %zu starts at line %zu, after %zu", i,
			   r->line, line);
		line = r->line;
		for (j = 0; j < r->nfields; j++) {
			const struct acct_csv_field *f = &r->fields[j];

			FUZZ_CHECK(f->text && f->text[f->len] == '\0' &&
				   strlen(f->text) == f->len &&
				   fuzz_utf8_ok(f->text, f->len) &&
				   f->len <= ACCT_CSV_FIELD_MAX,
				   "field %zu of record %zu is not text", j, i);
			FUZZ_CHECK(f->line >= line && f->col >= 1,
				   "field %zu of record %zu at %zu:%zu", j, i,
				   f->line, f->col);
			line = f->line;
		}
	}
}

/* Every field quoted, records one per line. */
static void write_quoted(struct acct_buf *out, const struct acct_csv *csv)
{
	size_t i, j, k;

	for (i = 0; i < csv->nrecords; i++) {
		const struct acct_csv_record *r = &csv->records[i];

		for (j = 0; j < r->nfields; j++) {
			const struct acct_csv_field *f = &r->fields[j];

			if (j)
				acct_buf_addch(out, csv->sep);
			acct_buf_addch(out, '"');
			for (k = 0; k < f->len; k++) {
				if (f->text[k] == '"')
					acct_buf_addch(out, '"');
				acct_buf_addch(out, f->text[k]);
			}
			acct_buf_addch(out, '"');
		}
		acct_buf_addch(out, '\n');
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int seps[] = { 0, ',', ';', '\t' };
	struct fuzz_in in = { data, size };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_csv csv = ACCT_CSV_INIT, again = ACCT_CSV_INIT;
	struct acct_buf text = ACCT_BUF_INIT;
	unsigned pick = fuzz_byte(&in);
	int sep = pick < 4 ? seps[pick] : (int)pick;
	size_t len, i, j;
	char *file = fuzz_rest(&in, &len);
	int rc;

	rc = acct_csv_parse(&csv, PATH, file, len, sep, &err);
	if (sep && sep != ',' && sep != ';' && sep != '\t') {
		FUZZ_CHECK(rc == ACCT_EUSAGE && !csv.records,
			   "separator 0x%02x gave %d", (unsigned)sep, rc);
		goto out;
	}
	if (rc < 0) {
		size_t lines = count_lines(file, len);

		FUZZ_CHECK(rc == ACCT_EDATA && err.msg[0] && err.line >= 1 &&
			   err.line <= lines && !csv.records && !csv.nrecords &&
			   !csv.field_block && !csv.text_block,
			   "refusal %d at %zu:%zu of %zu lines: %s", rc,
			   err.line, err.col, lines, err.msg);
		goto out;
	}
	FUZZ_CHECK(rc == 0 && (csv.sep == ',' || csv.sep == ';' ||
			       csv.sep == '\t') && (!sep || csv.sep == sep),
		   "parse gave %d with separator 0x%02x", rc,
		   (unsigned)csv.sep);
	check_records(&csv);

	write_quoted(&text, &csv);
	rc = acct_csv_parse(&again, PATH, text.buf, text.len, csv.sep, &err);
	FUZZ_CHECK(rc == 0, "the records written out again do not parse: "
		   "%zu:%zu %s", err.line, err.col, err.msg);
	FUZZ_CHECK(again.nrecords == csv.nrecords, "%zu records read back "
		   "as %zu", csv.nrecords, again.nrecords);
	for (i = 0; i < csv.nrecords; i++) {
		const struct acct_csv_record *a = &csv.records[i], *b = &again.records[i];

		FUZZ_CHECK(a->nfields == b->nfields, "record %zu: %zu fields "
			   "read back as %zu", i, a->nfields, b->nfields);
		for (j = 0; j < a->nfields; j++)
			FUZZ_CHECK(a->fields[j].len == b->fields[j].len &&
				   !memcmp(a->fields[j].text, b->fields[j].text,
					   a->fields[j].len),
				   "record %zu field %zu: '%s' read back as '%s'",
				   i, j, a->fields[j].text, b->fields[j].text);
	}
out:
	acct_csv_release(&again);
	acct_csv_release(&csv);
	acct_buf_release(&text);
	free(file);
	return 0;
}
