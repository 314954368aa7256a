/*
 * Parsing helpers shared by test_entry.c and test_entry_box.c: GOOD()
 * parses an entry that must be good, BAD() one that must be refused at a
 * place with given words. The includer defines PATH (the entry's path)
 * and includes harness.h and acct/entry.h first.
 */
#ifndef TEST_ENTRY_CASES_H
#define TEST_ENTRY_CASES_H

static struct acct_entry *parse_(int at, const char *path, const char *text,
				 size_t len)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_entry *e = (struct acct_entry *)&err;
	int rc = acct_entry_parse(&e, "acme", path, text, len, &err);

	CHECK_MSG(rc == 0 && e, "line %d: %d %s:%zu:%zu %s", at, rc, err.file,
		  err.line, err.col, err.msg);
	if (rc) {
		CHECK_MSG(e == NULL, "line %d: *out is not NULL on an error", at);
		return NULL;
	}
	return e;
}

/* Parse an entry that must be good; NULL (and a failed check) if not. */
#define GOOD(text) parse_(__LINE__, PATH, (text), sizeof(text) - 1)
#define GOOD_AT(path, text) parse_(__LINE__, (path), (text), sizeof(text) - 1)

/*
 * An entry that must be refused: ACCT_EDATA about PATH at line:col (line
 * 0 accepts 1 or 2, for "the front matter" as a whole; col 0 accepts any
 * column) with each of the words in `msg` ("|"-separated) in the message.
 */
#define BAD(text, line, col, msg) \
	bad_(__LINE__, (text), sizeof(text) - 1, (line), (col), (msg))

static void bad_(int at, const char *text, size_t len, size_t line,
		 size_t col, const char *msg)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_entry *e = (struct acct_entry *)&err;
	int rc = acct_entry_parse(&e, "acme", PATH, text, len, &err);
	int line_ok = line ? err.line == line : err.line == 1 || err.line == 2;
	int col_ok = col ? err.col == col : 1;
	int msg_ok = 1;
	char words[256], *w, *bar;

	snprintf(words, sizeof(words), "%s", msg);
	for (w = words; w && *w; w = bar) {
		if ((bar = strchr(w, '|')))
			*bar++ = '\0';
		if (!strstr(err.msg, w))
			msg_ok = 0;
	}
	CHECK_MSG(rc == ACCT_EDATA && err.code == ACCT_EDATA &&
		  !strcmp(err.file, PATH) && line_ok && col_ok && msg_ok &&
		  e == NULL,
		  "line %d: got %d %s:%zu:%zu \"%s\", want %d %s:%zu:%zu "
		  "with \"%s\"", at, rc, err.file, err.line, err.col, err.msg,
		  ACCT_EDATA, PATH, line, col, msg);
	if (rc == 0)
		acct_entry_free(e);
}

#endif
