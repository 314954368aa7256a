/*
 * Telegram Desktop's JSON export (lib/telegram.c, lib/telegram_md.c), as
 * `acct import telegram` reads it: as a stream, from a file.
 *
 * Input: a byte of options (bit 0: chats with an odd id are not taken,
 * so their messages are skipped unread; bits 1-2: the largest value, 64
 * bytes to 64 KiB), then the file.
 *
 * Checked: the reader returns 0 or ACCT_EDATA with a message naming the
 * file (and a byte within it, when it names one); every message handed
 * over has UTF-8 Markdown and a plain text of one line without control
 * characters; a file that jansson reads whole as a JSON object is never
 * refused for its JSON (only for what it holds: no messages, a message
 * without an id or a date, a value over the limit).
 */
#include "acct/telegram.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "acct/error.h"
#include "acct/text.h"
#include "fuzz.h"

#include "acct/banned.h"

struct opts {
	int skip_odd;
	size_t messages;
};

static int on_chat(const struct acct_tg_chat *c, void *payload)
{
	const struct opts *o = payload;

	FUZZ_CHECK(c->name && c->type, "a chat without a name or type");
	return !(o->skip_odd && (c->id & 1));
}

static int on_message(const struct acct_tg_chat *c, struct acct_tg_message *m,
		      void *payload)
{
	struct opts *o = payload;
	struct acct_error err = ACCT_ERROR_INIT;

	(void)c;
	o->messages++;
	FUZZ_CHECK(m->text && fuzz_utf8_ok(m->text, strlen(m->text)),
		   "message %lld: its Markdown is not UTF-8", m->id);
	FUZZ_CHECK(m->plain && acct_text_check_line(m->plain, "plain",
						    &err) == 0,
		   "message %lld: its plain text is no line: %s", m->id,
		   err.msg);
	return 0;
}

/* The refusals that are about what a well-formed file holds. */
static int about_content(const char *msg)
{
	return strstr(msg, "not a Telegram export") ||
	       strstr(msg, "a message ") || !strncmp(msg, "message ", 8) ||
	       strstr(msg, "larger than the limit") ||
	       strstr(msg, "invalid Unicode") ||	/* \u0000, by jansson */
	       strstr(msg, "NUL byte") || strstr(msg, "too big") ||
	       strstr(msg, "nested too deep") || strstr(msg, "maximum");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct acct_error err = ACCT_ERROR_INIT;
	unsigned pick = fuzz_byte(&in);
	struct opts o = { (int)(pick & 1), 0 };
	struct acct_tg_read_opts ro = { on_chat, on_message, &o,
					(size_t)64 << (((pick >> 1) & 3) * 3) };
	size_t len;
	char *file = fuzz_rest(&in, &len);
	FILE *fp = tmpfile();
	long long self, at;
	json_t *whole;
	int rc;

	if (!fp || fwrite(file, 1, len, fp) != len || fflush(fp) ||
	    lseek(fileno(fp), 0, SEEK_SET) != 0)
		fuzz_fail("cannot write the input to a temporary file");
	rc = acct_tg_read(fileno(fp), "result.json", &ro, &self, &err);
	fclose(fp);
	FUZZ_CHECK(rc == 0 || rc == ACCT_EDATA, "the reader gave %d: %s", rc,
		   err.msg);
	if (rc < 0) {
		FUZZ_CHECK(err.msg[0] && !strcmp(err.file, "result.json"),
			   "a refusal without a message or the file: '%s' '%s'",
			   err.file, err.msg);
		if (sscanf(err.msg, "byte %lld", &at) == 1)
			FUZZ_CHECK(at >= 0 && (size_t)at <= len, "byte %lld of "
				   "%zu: %s", at, len, err.msg);
		whole = json_loadb(file, len, 0, NULL);
		FUZZ_CHECK(!json_is_object(whole) || about_content(err.msg),
			   "a JSON object refused for its JSON: %s", err.msg);
		json_decref(whole);
	}
	free(file);
	return 0;
}
