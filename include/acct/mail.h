#ifndef ACCT_MAIL_H
#define ACCT_MAIL_H

#include <stddef.h>

#include "acct/date.h"

struct acct_buf;
struct acct_error;

/*
 * An e-mail message built with GMime (lib/mail.c): RFC 5322 headers with
 * RFC 2047 encoded words where the text is not ASCII, a MIME
 * multipart/alternative body of a text/plain and a text/html part in
 * UTF-8, each quoted-printable or base64 (whichever is shorter), so that
 * every line is 7-bit and within 78 characters but for a header GMime
 * cannot fold.
 */

struct acct_mail_spec {
	const char *from;		/* "Name <addr>" or "addr" */
	const char *to;			/* "Name <addr>" or "addr" */
	const char *subject;		/* one line of UTF-8 */
	struct acct_time date;		/* the Date: header, in its offset */
	const char *text;		/* the text/plain part, UTF-8 */
	size_t text_len;
	const char *html;		/* the text/html part, UTF-8 */
	size_t html_len;
};

/**
 * Split a mailbox "Name <addr>" (or a bare "addr") into its display name
 * (empty when none, spaces and quotes around it dropped) and its address,
 * appended to `name` and `addr`. Returns 0, or ACCT_EDATA "'x' is not an
 * e-mail address" when the address is not local@domain of printable
 * ASCII without spaces, or the text holds a line break.
 */
int acct_mail_mailbox(struct acct_buf *name, struct acct_buf *addr,
		      const char *mailbox, struct acct_error *err);

/**
 * Build the message of `s` into `out`: From, To, Subject, Date,
 * Message-ID (`<YYYYMMDDhhmmss.<16 hex>@<the domain of From>>`, the hex
 * from a hash of the message, the process and random bytes: unique for
 * each call), MIME-Version and the body. Appends the Message-ID, with
 * its angle brackets, to `message_id` when not NULL. Returns 0, or
 * ACCT_EDATA for an address that acct_mail_mailbox() refuses or a text
 * that is not UTF-8 (nothing appended then).
 */
int acct_mail_build(struct acct_buf *out, struct acct_buf *message_id,
		    const struct acct_mail_spec *s, struct acct_error *err);

#endif
