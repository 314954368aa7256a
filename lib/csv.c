#include "acct/csv.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/*
 * One pass over the bytes, with `line` and `col` kept for the byte at `i`.
 * The text of every field goes into one block allocated up front: a field's
 * bytes come from distinct input bytes, and its NUL can be charged to the
 * separator, line break or opening quote next to it (the last field of the
 * file to the end), so `len + 1` bytes always suffice and no field moves.
 * The fields of all records live in one array too; records learn where
 * theirs start only at the end, when the array has stopped moving.
 */
struct parser {
	const char *file;
	const unsigned char *s;
	size_t len, i;
	size_t line, col;
	unsigned char sep;
	char *text;
	size_t text_len;
	struct acct_csv_field *fields;
	size_t nfields, fields_alloc;
	struct acct_csv_record *records;
	size_t nrecords, records_alloc;
	struct acct_error *err;
};

#define HINT_UTF8 N_("save the file as 'CSV UTF-8' in the spreadsheet, " \
	"or convert it, as in 'iconv -f WINDOWS-1251 -t UTF-8'")

static const unsigned char bom[] = { 0xef, 0xbb, 0xbf };

/* Length of the line break at `i` (\n, \r\n or \r), or 0. */
static size_t line_break(const struct parser *p, size_t i)
{
	if (i >= p->len)
		return 0;
	if (p->s[i] == '\n')
		return 1;
	if (p->s[i] == '\r')
		return i + 1 < p->len && p->s[i + 1] == '\n' ? 2 : 1;
	return 0;
}

static void next_line(struct parser *p, size_t n)
{
	p->i += n;
	p->line++;
	p->col = 1;
}

/*
 * Length in bytes of the character at `i` (i < len), or an ACCT_EDATA
 * error at it when it is a NUL or not UTF-8 (utf8proc rejects truncated
 * and overlong forms, surrogates and stray bytes).
 */
static int char_len(struct parser *p, size_t *out)
{
	unsigned char c = p->s[p->i];
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t left = p->len - p->i;

	if (c && c < 0x80) {
		*out = 1;
		return 0;
	}
	if (!c) {
		acct_error_at(p->err, ACCT_EDATA, p->file, p->line, p->col,
			      "NUL byte in the file; it must be UTF-8 text");
		acct_error_hint(p->err, "is it a spreadsheet (.xlsx) rather than CSV? %s",
				_(HINT_UTF8));
		return ACCT_EDATA;
	}
	n = utf8proc_iterate(p->s + p->i,
			     (utf8proc_ssize_t)(left > 4 ? 4 : left), &cp);
	if (n <= 0) {
		acct_error_at(p->err, ACCT_EDATA, p->file, p->line, p->col,
			      "byte 0x%02x is not UTF-8; the file must be UTF-8 text",
			      c);
		acct_error_hint(p->err, "%s", _(HINT_UTF8));
		return ACCT_EDATA;
	}
	*out = (size_t)n;
	return 0;
}

static int field_too_long(struct parser *p, const struct acct_csv_field *f,
			  int quoted)
{
	acct_error_at(p->err, ACCT_EDATA, p->file, f->line, f->col,
		      "field is longer than %zu MiB",
		      ACCT_CSV_FIELD_MAX / (1024 * 1024));
	if (quoted)
		acct_error_hint(p->err, "is a quote left open here? a quote "
				"inside a quoted field must be doubled (\"\")");
	return ACCT_EDATA;
}

/* An unquoted field runs to the separator, a line break or the end. */
static int parse_unquoted(struct parser *p, struct acct_csv_field *f)
{
	size_t start = p->i, n;
	int rc;

	while (p->i < p->len) {
		unsigned char c = p->s[p->i];

		if (c == p->sep || c == '\n' || c == '\r')
			break;
		if (c == '"') {
			acct_error_at(p->err, ACCT_EDATA, p->file, p->line,
				      p->col, "quote inside an unquoted field");
			acct_error_hint(p->err, "a field that holds a quote must "
					"be quoted as a whole, with the quote "
					"doubled: \"say \"\"hi\"\"\"");
			return ACCT_EDATA;
		}
		if ((rc = char_len(p, &n)) < 0)
			return rc;
		p->i += n;
		p->col++;
		if (p->i - start > ACCT_CSV_FIELD_MAX)
			return field_too_long(p, f, 0);
	}
	f->len = p->i - start;
	memcpy(f->text, p->s + start, f->len);
	f->text[f->len] = '\0';
	p->text_len += f->len + 1;
	return 0;
}

static int unexpected_after_quote(struct parser *p)
{
	unsigned char c = p->s[p->i];
	size_t n;
	int rc;

	if ((rc = char_len(p, &n)) < 0)
		return rc;
	if (c < 0x20 || c == 0x7f)
		acct_error_at(p->err, ACCT_EDATA, p->file, p->line, p->col,
			      "unexpected U+%04X after a closing quote; double a quote inside a quoted field",
			      c);
	else
		acct_error_at(p->err, ACCT_EDATA, p->file, p->line, p->col,
			      "unexpected '%.*s' after a closing quote; double a quote inside a quoted field",
			      (int)n, (const char *)p->s + p->i);
	return ACCT_EDATA;
}

/*
 * A quoted field, from its opening quote at `i` past its closing one, which
 * must be followed by the separator, a line break or the end.
 */
static int parse_quoted(struct parser *p, struct acct_csv_field *f)
{
	char *t = f->text;
	size_t n;
	int rc;

	p->i++;
	p->col++;
	for (;;) {
		unsigned char c;

		if (p->i >= p->len) {
			acct_error_at(p->err, ACCT_EDATA, p->file, f->line,
				      f->col,
				      "quoted field opened here is never closed");
			acct_error_hint(p->err, "close the quote; a quote inside "
					"a quoted field must be doubled (\"\")");
			return ACCT_EDATA;
		}
		c = p->s[p->i];
		if (c == '"') {
			if (p->i + 1 < p->len && p->s[p->i + 1] == '"') {
				t[f->len++] = '"';
				p->i += 2;
				p->col += 2;
			} else {
				p->i++;
				p->col++;
				break;
			}
		} else if ((n = line_break(p, p->i))) {
			memcpy(t + f->len, p->s + p->i, n);
			f->len += n;
			next_line(p, n);
		} else {
			if ((rc = char_len(p, &n)) < 0)
				return rc;
			memcpy(t + f->len, p->s + p->i, n);
			f->len += n;
			p->i += n;
			p->col++;
		}
		if (f->len > ACCT_CSV_FIELD_MAX)
			return field_too_long(p, f, 1);
	}
	t[f->len] = '\0';
	p->text_len += f->len + 1;
	if (p->i < p->len && p->s[p->i] != p->sep && !line_break(p, p->i))
		return unexpected_after_quote(p);
	return 0;
}

static struct acct_csv_field *add_field(struct parser *p)
{
	struct acct_csv_field *f;

	if (p->nfields == p->fields_alloc) {
		p->fields_alloc = p->fields_alloc ? p->fields_alloc * 2 : 64;
		p->fields = acct_realloc(p->fields,
					 p->fields_alloc * sizeof(*p->fields));
	}
	f = &p->fields[p->nfields++];
	f->text = p->text + p->text_len;
	f->len = 0;
	f->line = p->line;
	f->col = p->col;
	return f;
}

static struct acct_csv_record *add_record(struct parser *p)
{
	struct acct_csv_record *r;

	if (p->nrecords == p->records_alloc) {
		p->records_alloc = p->records_alloc ? p->records_alloc * 2 : 16;
		p->records = acct_realloc(p->records,
					  p->records_alloc * sizeof(*p->records));
	}
	r = &p->records[p->nrecords++];
	r->fields = NULL;
	r->nfields = 0;
	r->line = p->line;
	return r;
}

/* A record starts at `i`, which is neither the end nor a line break. */
static int parse_record(struct parser *p)
{
	struct acct_csv_record *r = add_record(p);
	size_t n;
	int rc;

	for (;;) {
		struct acct_csv_field *f;

		if (r->nfields == ACCT_CSV_FIELDS_MAX)
			return acct_error_at(p->err, ACCT_EDATA, p->file,
					     p->line, p->col,
					     "record on line %zu has more than %d fields",
					     r->line, ACCT_CSV_FIELDS_MAX);
		f = add_field(p);
		r->nfields++;
		if (p->i < p->len && p->s[p->i] == '"')
			rc = parse_quoted(p, f);
		else
			rc = parse_unquoted(p, f);
		if (rc < 0)
			return rc;
		if (p->i < p->len && p->s[p->i] == p->sep) {
			p->i++;
			p->col++;
			continue;
		}
		break;
	}
	if ((n = line_break(p, p->i)))
		next_line(p, n);
	return 0;
}

/*
 * The separator seen most often outside quotes on the first line that is
 * not empty (which a quoted field may stretch over several), ',' when none.
 */
static unsigned char sniff(const unsigned char *s, size_t len)
{
	size_t comma = 0, semicolon = 0, tab = 0, i = 0;
	int quoted = 0;

	while (i < len && (s[i] == '\n' || s[i] == '\r'))
		i++;
	for (; i < len; i++) {
		unsigned char c = s[i];

		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\n' || c == '\r')
			break;
		else if (c == ',')
			comma++;
		else if (c == ';')
			semicolon++;
		else if (c == '\t')
			tab++;
	}
	if (tab > comma && tab > semicolon)
		return '\t';
	if (semicolon > comma)
		return ';';
	return ',';
}

static void free_parser(struct parser *p)
{
	free(p->text);
	free(p->fields);
	free(p->records);
}

int acct_csv_parse(struct acct_csv *out, const char *file, const char *data,
		   size_t len, int sep, struct acct_error *err)
{
	struct parser p = { .file = file, .s = (const unsigned char *)data,
			    .len = len, .line = 1, .col = 1, .err = err };
	struct acct_csv_field *f;
	size_t k;
	int rc = 0;

	*out = (struct acct_csv)ACCT_CSV_INIT;
	if (!data) {	/* an empty buffer may come as NULL */
		p.s = (const unsigned char *)"";
		p.len = len = 0;
	}
	if (sep && sep != ',' && sep != ';' && sep != '\t')
		return acct_error_set(err, ACCT_EUSAGE,
				      "the separator must be ',', ';' or a tab");
	if (len >= 2 && ((p.s[0] == 0xff && p.s[1] == 0xfe) ||
			 (p.s[0] == 0xfe && p.s[1] == 0xff))) {
		acct_error_at(err, ACCT_EDATA, file, 1, 1,
			      "the file is UTF-16 text; it must be UTF-8");
		acct_error_hint(err, "%s", _(HINT_UTF8));
		return ACCT_EDATA;
	}
	if (len >= sizeof(bom) && !memcmp(p.s, bom, sizeof(bom)))
		p.i = sizeof(bom);
	p.sep = sep ? (unsigned char)sep : sniff(p.s + p.i, len - p.i);
	p.text = acct_malloc(len - p.i + 1);

	while (p.i < p.len) {
		size_t n = line_break(&p, p.i);

		if (n)
			next_line(&p, n);	/* an empty line */
		else if ((rc = parse_record(&p)) < 0)
			break;
	}
	if (rc < 0) {
		free_parser(&p);
		return rc;
	}

	f = p.fields;
	for (k = 0; k < p.nrecords; k++) {
		p.records[k].fields = f;
		f += p.records[k].nfields;
	}
	out->records = p.records;
	out->nrecords = p.nrecords;
	out->sep = (char)p.sep;
	out->field_block = p.fields;
	out->text_block = p.text;
	return 0;
}

char *acct_csv_detach_text(struct acct_csv *csv)
{
	char *text = csv->text_block;

	csv->text_block = NULL;
	acct_csv_release(csv);
	return text;
}

void acct_csv_release(struct acct_csv *csv)
{
	if (!csv)
		return;
	free(csv->records);
	free(csv->field_block);
	free(csv->text_block);
	*csv = (struct acct_csv)ACCT_CSV_INIT;
}
