#ifndef ACCT_EML_H
#define ACCT_EML_H

#include <stddef.h>
#include <stdint.h>

#include "acct/buf.h"
#include "acct/date.h"

struct acct_book;
struct acct_error;

/*
 * E-mail in (acct log --eml): a saved message (.eml of Thunderbird or
 * Outlook, or what procmail, mutt or an MTA pipes) read with GMime
 * (lib/eml.c), its text decoded to UTF-8 (lib/eml_text.c, lib/eml_html.c
 * for an HTML-only message), and logged as an entry of its client
 * (lib/eml_log.c).
 */

/* A mailbox of From:, To: or Cc:. */
struct acct_eml_address {
	char *name;		/* the display name, decoded; "" when none */
	char *addr;		/* local@domain as written */
};

/* An attachment: listed, never stored. */
struct acct_eml_attachment {
	char *name;		/* its file name, decoded; else "unnamed <type>" */
	uint64_t size;		/* decoded, in bytes */
};

struct acct_eml {
	char *message_id;	/* "<id@host>", or NULL when the message has none */
	struct acct_time date;	/* Date:, in its own offset */
	char *subject;		/* decoded, one line; "" when none */
	struct acct_eml_address *from, *to, *cc;
	size_t nfrom, nto, ncc;
	struct acct_buf text;	/* the text, UTF-8, "\n" line ends, quotes
				 * folded away */
	size_t quoted;		/* lines of quoted reply folded away */
	int html;		/* the text came from the text/html part */
	struct acct_eml_attachment *att;
	size_t natt;
};

/* What a message read from a pipe may weigh: it is held in memory once. */
#define ACCT_EML_PIPE_BYTES ((size_t)256 << 20)

/**
 * Read the message on `fd` (a regular file is streamed: an attachment is
 * never held in memory; a pipe is read into memory once, up to
 * ACCT_EML_PIPE_BYTES). `name` names it in messages ("'mail.eml'",
 * "standard input"); `text_limit` is the most the decoded text may weigh.
 * Errors are ACCT_EDATA naming what is wrong: no message at all, a line
 * in the headers that is no header, two different From: or Date:, no
 * From: address, no Date: or one that is no date, an unknown charset,
 * text not in its charset. Free with acct_eml_free().
 */
int acct_eml_read(struct acct_eml **out, int fd, const char *name,
		  size_t text_limit, struct acct_error *err);

void acct_eml_free(struct acct_eml *m);

/**
 * Append to `out` a header's raw value decoded: RFC 2047 encoded words
 * (B and Q, any charset iconv knows), adjacent ones joined before their
 * charset is converted (a character may be split between two; each
 * word's base64 stands alone), the space between them dropped; 8-bit
 * text that is not UTF-8 converted from `fallback` (the text part's
 * charset; NULL: none). Folding and runs of white space become one space,
 * control characters are dropped, the ends trimmed. Returns 0 or
 * ACCT_EDATA (an unknown charset, 8-bit text that is neither UTF-8 nor
 * `fallback`), `out` then as it was.
 */
int acct_eml_decode_header(struct acct_buf *out, const char *raw,
			   const char *fallback, struct acct_error *err);

/**
 * Append to `out` the summary of a subject: without its reply and
 * forward prefixes (Re:, RE[2]:, Fwd:, FW:, Aw:, WG:, Ответ:, Отв:,
 * Пересл.:, ... however many, in any case), or "(no subject)".
 */
void acct_eml_summary(struct acct_buf *out, const char *subject);

/**
 * Append `s` (`len` bytes in `charset`; NULL: none given) to `out` as
 * UTF-8. Without a charset the text must be UTF-8 already. Returns 0, or
 * ACCT_EDATA naming the charset (unknown, or the text is not in it) with
 * `out` as it was.
 */
int acct_eml_to_utf8(struct acct_buf *out, const char *s, size_t len,
		     const char *charset, struct acct_error *err);

/**
 * Append the text of a text/plain part (`s`, UTF-8) to `out` as it reads:
 * "\r\n" and lone "\r" as "\n", control characters but tabs dropped, a
 * format=flowed text (RFC 3676; `delsp` its parameter) joined into its
 * paragraphs, trailing spaces and blank lines at the ends dropped.
 */
void acct_eml_plain(struct acct_buf *out, const char *s, size_t len,
		    int flowed, int delsp);

/**
 * Append the text of an HTML part (`html`, UTF-8) to `out`, as a reader
 * sees it (libxml2's HTML parser): paragraphs and headings apart, line
 * breaks, "- " list items, a link's address after its text when they
 * differ, block quotes as "> " lines; no head, script or style. Returns
 * 0, or ACCT_ERROR when libxml2 cannot be loaded (acct_dl_xml()), `out`
 * then as it was.
 */
int acct_eml_html_text(struct acct_buf *out, const char *html, size_t len,
		       struct acct_error *err);

/**
 * Append `text` to `out` with the quoted replies folded away: lines
 * starting with '>' and the attribution just above them ("On ... wrote:",
 * "... написал(а):", over two lines too), and an Outlook reply's
 * original message ("-----Original Message-----", or From: then Sent: /
 * Date: lines) with everything below it. Returns the number of lines
 * left out.
 */
size_t acct_eml_fold_quotes(struct acct_buf *out, const char *text,
			    size_t len);

/** Append a size for people: "812 bytes", "24.1 KB", "20.0 MB" (1024s). */
void acct_eml_size(struct acct_buf *out, uint64_t bytes);

/**
 * 1 if `addr` is the manager's (`mine`, may be NULL) or of a domain in
 * `domains` (`n` of them: agency.domains), ignoring case; else 0.
 */
int acct_eml_is_ours(const char *addr, const char *mine,
		     char *const *domains, size_t n);

/* How acct_eml_log() went. */
enum acct_eml_logged {
	ACCT_EML_NEW = 0,	/* a new entry, committed */
	ACCT_EML_ALREADY = 1,	/* the client has an entry of this Message-ID */
};

/**
 * Log message `m` as an entry of client `slug` (NULL: the one whose card
 * or contacts hold an address of From:, To: or Cc: that is not ours, as
 * acct_eml_is_ours() says with `mine` and the config's agency.domains):
 * channel email, direction out when From: is ours, else in; the summary
 * from the subject, the date from Date:, the Message-ID in the front
 * matter; the body lists From:, To:, Cc: and the attachments, then the
 * text. One commit, "log <slug>: <summary>". Appends the client's slug to
 * `slug_out` and the entry's path to `path_out` (the existing entry's
 * when the client has one of this Message-ID already: returns
 * ACCT_EML_ALREADY, nothing written). Errors: ACCT_ENOTFOUND when no
 * client has an address of the message, ACCT_EAMBIGUOUS when several
 * have (both name them), ACCT_EDATA for a Date: more than a day ahead of
 * the book's now, and those of acct_log_add().
 */
int acct_eml_log(struct acct_buf *slug_out, struct acct_buf *path_out,
		 struct acct_book *book, const struct acct_eml *m,
		 const char *slug, const char *mine, struct acct_error *err);

#endif
