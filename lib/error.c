#include "acct/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "acct/i18n.h"
#include "acct/banned.h"

/*
 * The message is translated as it is made: its words are in the format,
 * and once the arguments (names, paths, values) are in, no catalog could
 * find it. cmd/ has chosen the language before any error is made.
 */
static void set_msg(struct acct_error *err, const char *fmt, va_list ap)
{
	vsnprintf(err->msg, sizeof(err->msg), acct_error_tr(err, fmt), ap);
}

const char *acct_error_tr(const struct acct_error *err, const char *msgid)
{
	return err && err->english ? msgid : _(msgid);
}

int acct_error_set(struct acct_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	acct_error_clear(err);
	err->code = code;
	va_start(ap, fmt);
	set_msg(err, fmt, ap);
	va_end(ap);
	return code;
}

int acct_error_at(struct acct_error *err, int code, const char *file,
		  size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	acct_error_clear(err);
	err->code = code;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	set_msg(err, fmt, ap);
	va_end(ap);
	return code;
}

void acct_error_hint(struct acct_error *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof(err->hint), acct_error_tr(err, fmt), ap);
	va_end(ap);
}

void acct_error_clear(struct acct_error *err)
{
	if (!err)
		return;
	err->code = 0;
	err->file[0] = err->msg[0] = err->hint[0] = '\0';
	err->line = err->col = 0;
}
