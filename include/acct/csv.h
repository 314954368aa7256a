#ifndef ACCT_CSV_H
#define ACCT_CSV_H

#include <stddef.h>

struct acct_error;

/* The longest field, in bytes, and the most fields in one record. */
#define ACCT_CSV_FIELD_MAX ((size_t)1024 * 1024)
#define ACCT_CSV_FIELDS_MAX 1000

/*
 * One field: `len` bytes of text, NUL-terminated, exactly as in the file
 * but for the quoting (no outer quotes, "" made one "). Line breaks inside
 * a quoted field are kept as written (\n, \r\n or \r) and so is whitespace.
 * `line` and `col` are where the field starts, 1-based, `col` in
 * characters (a tab counts as one); for a quoted field, its opening quote.
 */
struct acct_csv_field {
	char *text;
	size_t len;
	size_t line, col;
};

/* One record: its fields, at least one, and the line where it starts. */
struct acct_csv_record {
	struct acct_csv_field *fields;
	size_t nfields;
	size_t line;
};

/*
 * A parsed file: its records in order and the separator that was used.
 * `field_block` and `text_block` are the memory that the records point
 * into; they are private to lib/csv.c.
 */
struct acct_csv {
	struct acct_csv_record *records;
	size_t nrecords;
	char sep;
	struct acct_csv_field *field_block;
	char *text_block;
};

#define ACCT_CSV_INIT { NULL, 0, '\0', NULL, NULL }

/**
 * Parse `len` bytes of CSV in `data` (a whole file) into `out`, which is
 * overwritten: release it first if it holds a file. RFC 4180 as spreadsheets
 * write it: fields may be quoted, with "" for a quote inside; a quoted field
 * may hold separators and line breaks; lines end in \n, \r\n or a lone \r;
 * a UTF-8 byte order mark at the start is skipped; a line break at the end
 * makes no empty record; empty lines are skipped, so a one-column file's
 * empty value must be quoted ("") to count. Every record is kept, a header
 * too, and records may differ in length: both are for the caller to judge.
 *
 * `sep` is ',', ';' or '\t', or 0 to take the one seen most often outside
 * quotes on the first line that is not empty (ties go to ',', then ';'; a
 * line with none of them gives ','). `file` names the file in errors.
 *
 * Returns 0, and the caller frees `out` with acct_csv_release().
 * ACCT_EUSAGE when `sep` is not one of those. ACCT_EDATA, with the line and
 * column (in characters) and a hint, when the text is not UTF-8 (UTF-16
 * included) or holds a NUL byte; a quoted field is never closed (at its
 * opening quote); a closing quote is followed by something other than a
 * separator or a line break; a quote appears inside an unquoted field; a
 * field is longer than ACCT_CSV_FIELD_MAX bytes (at its start) or a record
 * has more than ACCT_CSV_FIELDS_MAX fields (at the first one too many). On
 * error `out` is left empty, as ACCT_CSV_INIT.
 */
int acct_csv_parse(struct acct_csv *out, const char *file, const char *data,
		   size_t len, int sep, struct acct_error *err);

/**
 * Keep only the fields' text: free the records and fields and hand over
 * the block their `text` points into, so that a caller holding those
 * pointers (trimmed or changed in place) no longer pays for the rest.
 * The caller frees the result with free(); it is NULL when `csv` holds
 * nothing. `csv` is left as ACCT_CSV_INIT.
 */
char *acct_csv_detach_text(struct acct_csv *csv);

/** Free what acct_csv_parse() made and return `csv` to ACCT_CSV_INIT. */
void acct_csv_release(struct acct_csv *csv);

#endif
