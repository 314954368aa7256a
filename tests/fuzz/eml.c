/*
 * E-mail in: any bytes as a saved message through acct_eml_read() (from
 * a file, GMime's persistent stream), then as a header value, a plain
 * text and an HTML part through the pieces of lib/eml_text.c and
 * lib/eml_html.c.
 *
 * Checked: a refusal is ACCT_EDATA with a message and no message read;
 * a message read has a From: address, a one-line UTF-8 subject and a
 * summary an entry takes (acct_text_check_line()), UTF-8 text; a decoded
 * header is one line of UTF-8; the text folded is no longer than the
 * text; every text out is UTF-8 when what came in was.
 */
#include "acct/eml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/text.h"
#include "fuzz.h"

#include "acct/banned.h"

static void check_message(const uint8_t *data, size_t size)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf summary = ACCT_BUF_INIT;
	struct acct_eml *m = NULL;
	FILE *f = tmpfile();
	size_t i;
	int rc;

	if (!f)
		return;
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return;
	}
	fflush(f);
	rewind(f);
	rc = acct_eml_read(&m, fileno(f), "fuzz.eml", 1 << 20, &err);
	fclose(f);
	if (rc < 0) {
		FUZZ_CHECK(rc == ACCT_EDATA && !m && err.msg[0],
			   "refusal %d without a message: %s", rc, err.msg);
		return;
	}
	FUZZ_CHECK(m && m->nfrom && strchr(m->from[0].addr, '@'),
		   "a message read without a From: address");
	FUZZ_CHECK(acct_text_check_line(m->subject, "subject", NULL) == 0,
		   "subject not one line of UTF-8: '%s'", m->subject);
	acct_eml_summary(&summary, m->subject);
	FUZZ_CHECK(summary.len && acct_text_check_line(summary.buf, "summary",
						       NULL) == 0,
		   "summary not one line of UTF-8: '%s'", summary.buf);
	FUZZ_CHECK(acct_text_is_utf8(m->text.buf, m->text.len),
		   "text not UTF-8");
	for (i = 0; i < m->natt; i++)
		FUZZ_CHECK(acct_text_check_line(m->att[i].name, "name",
						NULL) == 0, "attachment name '%s'",
			   m->att[i].name);
	acct_buf_release(&summary);
	acct_eml_free(m);
}

static void check_pieces(const uint8_t *data, size_t size)
{
	struct acct_buf in = ACCT_BUF_INIT, out = ACCT_BUF_INIT,
			fold = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	int utf8 = acct_text_is_utf8((const char *)data, size);
	size_t i;

	for (i = 0; i < size; i++)
		if (data[i])
			acct_buf_addch(&in, (char)data[i]);
	if (acct_eml_decode_header(&out, in.buf, "windows-1251", &err) == 0)
		FUZZ_CHECK(acct_text_check_line(out.buf, "header", NULL) == 0,
			   "header decoded not one line of UTF-8: '%s'", out.buf);
	else
		FUZZ_CHECK(!out.len && err.msg[0], "a refused header wrote");
	acct_buf_reset(&out);
	acct_eml_plain(&out, in.buf, in.len, data[0] & 1, data[0] & 2);
	FUZZ_CHECK(!utf8 || acct_text_is_utf8(out.buf, out.len),
		   "plain text not UTF-8");
	acct_eml_fold_quotes(&fold, out.buf, out.len);
	FUZZ_CHECK(fold.len <= out.len + 1, "folded text longer");
	acct_buf_reset(&out);
	if (utf8) {
		FUZZ_CHECK(acct_eml_html_text(&out, in.buf, in.len,
					      &err) == 0, "%s", err.msg);
		FUZZ_CHECK(acct_text_is_utf8(out.buf, out.len),
			   "HTML text not UTF-8");
	}
	acct_buf_release(&in);
	acct_buf_release(&out);
	acct_buf_release(&fold);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_message(data, size);
	if (size)
		check_pieces(data, size);
	return 0;
}
