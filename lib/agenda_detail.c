/*
 * An agenda item's detail twice: English in `detail`, the data --json and
 * the calendar feed give, and `detail_text` in the messages' language for
 * the listing a person reads (lib/agenda.c, lib/agenda_results.c).
 */
#include "acct/agenda.h"
#include "agenda_int.h"

#include <stdarg.h>
#include <stdlib.h>

#include "acct/buf.h"
#include "acct/i18n.h"
#include "acct/banned.h"

static void details(struct acct_agenda_item *it, const char *fmt,
		    const char *text, va_list ap)
{
	struct acct_buf en = ACCT_BUF_INIT, tr = ACCT_BUF_INIT;
	va_list ap2;

	va_copy(ap2, ap);
	acct_buf_vaddf(&en, fmt, ap);
	acct_buf_vaddf(&tr, text, ap2);
	va_end(ap2);
	free(it->detail);
	free(it->detail_text);
	it->detail = acct_buf_detach(&en, NULL);
	it->detail_text = acct_buf_detach(&tr, NULL);
}

void agenda_detail(struct acct_agenda_item *it, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	details(it, fmt, _(fmt), ap);
	va_end(ap);
}

void agenda_detail_n(struct acct_agenda_item *it, unsigned long n,
		     const char *one, const char *many, ...)
{
	va_list ap;

	va_start(ap, many);
	details(it, n == 1 ? one : many, Q_(one, many, n), ap);
	va_end(ap);
}
