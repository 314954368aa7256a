/*
 * E-mail messages out, built with GMime: it encodes the headers (RFC 2047
 * words, folding) and the bodies (quoted-printable, base64) as the RFCs
 * want, which is easy to get subtly wrong by hand.
 */
#include "acct/mail.h"

#include <string.h>
#include <unistd.h>

#include <gmime/gmime.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "acct/buf.h"
#include "acct/dl.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/banned.h"

static int trim_end(const char *s, size_t len)
{
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return (int)len;
}

/* local@domain: printable ASCII, no space, no second '@', no "<>()". */
static int address_ok(const char *a)
{
	const char *at = strchr(a, '@');
	size_t i;

	if (!at || at == a || !at[1] || strchr(at + 1, '@'))
		return 0;
	for (i = 0; a[i]; i++)
		if ((unsigned char)a[i] <= ' ' || (unsigned char)a[i] >= 127 ||
		    strchr("<>()[]\\,;:\"", a[i]))
			return 0;
	return 1;
}

int acct_mail_mailbox(struct acct_buf *name, struct acct_buf *addr,
		      const char *mailbox, struct acct_error *err)
{
	const char *lt = strrchr(mailbox, '<'), *gt, *s = mailbox;
	struct acct_buf a = ACCT_BUF_INIT;
	size_t n;
	int ok;

	if (strpbrk(mailbox, "\r\n"))
		return acct_error_set(err, ACCT_EDATA, "'%s' is not an e-mail "
				      "address (a line break)", mailbox);
	if (lt) {
		gt = strchr(lt, '>');
		ok = gt && !gt[1 + strspn(gt + 1, " \t")];
		if (ok)
			acct_buf_add(&a, lt + 1, (size_t)(gt - lt - 1));
	} else {
		while (*s == ' ' || *s == '\t')
			s++;
		acct_buf_add(&a, s, (size_t)trim_end(s, strlen(s)));
		ok = 1;
	}
	if (!ok || !address_ok(a.buf)) {
		acct_buf_release(&a);
		return acct_error_set(err, ACCT_EDATA, "'%s' is not an e-mail "
				      "address", mailbox);
	}
	if (lt) {
		while (*s == ' ' || *s == '\t')
			s++;
		n = (size_t)trim_end(s, (size_t)(lt - s));
		/* "Anna Petrova" <anna@...>: the quotes are not the name. */
		if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
			s++;
			n -= 2;
		}
		acct_buf_add(name, s, n);
	}
	acct_buf_add(addr, a.buf, a.len);
	acct_buf_release(&a);
	return 0;
}

/*
 * The Message-ID's left part: the date, then 16 hex digits of a SHA-256
 * over the message's text, the process id and 16 random bytes, so two
 * messages of the same second, text and process still differ.
 */
static void message_id(struct acct_buf *out, const struct acct_mail_spec *s,
		       const char *domain)
{
	unsigned char rnd[16] = { 0 }, md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	long pid = (long)getpid();
	struct acct_date d;
	struct acct_time t = s->date;
	int64_t secs;

	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		memset(rnd, 0, sizeof(rnd));	/* the hash still varies */
	if (ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1) {
		EVP_DigestUpdate(ctx, s->from, strlen(s->from));
		EVP_DigestUpdate(ctx, "\n", 1);
		EVP_DigestUpdate(ctx, s->to, strlen(s->to));
		EVP_DigestUpdate(ctx, "\n", 1);
		EVP_DigestUpdate(ctx, s->subject, strlen(s->subject));
		EVP_DigestUpdate(ctx, &t.sec, sizeof(t.sec));
		EVP_DigestUpdate(ctx, s->text, s->text_len);
		EVP_DigestUpdate(ctx, s->html, s->html_len);
		EVP_DigestUpdate(ctx, &pid, sizeof(pid));
		EVP_DigestUpdate(ctx, rnd, sizeof(rnd));
		EVP_DigestFinal_ex(ctx, md, &mdlen);
	}
	EVP_MD_CTX_free(ctx);
	/* The date in UTC: ids sort by time whatever the offset. */
	t.off = 0;
	acct_time_date(&d, &t);
	secs = t.sec % 86400;
	if (secs < 0)
		secs += 86400;
	acct_buf_addf(out, "%04d%02d%02d%02d%02d%02d.", d.year, d.month, d.day,
		      (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	for (i = 0; i < 8 && i < mdlen; i++)
		acct_buf_addf(out, "%02x", md[i]);
	for (; i < 8; i++)
		acct_buf_addf(out, "%02x", rnd[i]);
	acct_buf_addf(out, "@%s", domain);
}

/* A name not in ASCII is encoded as UTF-8, as the subject is. */
static void add_mailbox(GMimeMessage *msg, GMimeAddressType type,
			const struct acct_buf *name, const struct acct_buf *addr)
{
	InternetAddress *ia = internet_address_mailbox_new(name->buf,
							   addr->buf);

	internet_address_set_charset(ia, "utf-8");
	internet_address_list_add(g_mime_message_get_addresses(msg, type), ia);
	g_object_unref(ia);
}

static GMimeObject *text_part(const char *subtype, const char *text)
{
	GMimeTextPart *p = g_mime_text_part_new_with_subtype(subtype);
	GMimePart *part = GMIME_PART(p);

	/* UTF-8, or US-ASCII when that is all the text holds. */
	g_mime_text_part_set_text(p, text);
	g_mime_part_set_content_encoding(part,
		g_mime_part_get_best_content_encoding(part,
			GMIME_ENCODING_CONSTRAINT_7BIT));
	return GMIME_OBJECT(p);
}

int acct_mail_build(struct acct_buf *out, struct acct_buf *mid_out,
		    const struct acct_mail_spec *s, struct acct_error *err)
{
	struct acct_buf from_name = ACCT_BUF_INIT, from_addr = ACCT_BUF_INIT,
			to_name = ACCT_BUF_INIT, to_addr = ACCT_BUF_INIT,
			mid = ACCT_BUF_INIT, text = ACCT_BUF_INIT,
			html = ACCT_BUF_INIT;
	GMimeMessage *msg = NULL;
	GMimeMultipart *alt = NULL;
	GMimeObject *part;
	GTimeZone *tz = NULL;
	GDateTime *utc = NULL, *date = NULL;
	char *str = NULL;
	int rc;

	/* First: even the way out calls GMime's (g_free). */
	if ((rc = acct_dl_gmime(err)) < 0)
		return rc;
	if ((rc = acct_mail_mailbox(&from_name, &from_addr, s->from, err)) < 0 ||
	    (rc = acct_mail_mailbox(&to_name, &to_addr, s->to, err)) < 0)
		goto out;
	if (!acct_text_is_utf8(s->subject, strlen(s->subject)) ||
	    strpbrk(s->subject, "\r\n") ||
	    !acct_text_is_utf8(s->text, s->text_len) ||
	    !acct_text_is_utf8(s->html, s->html_len) ||
	    memchr(s->text, '\0', s->text_len) ||
	    memchr(s->html, '\0', s->html_len)) {
		rc = acct_error_set(err, ACCT_EDATA, "the message's subject or "
				    "text is not UTF-8 text");
		goto out;
	}
	g_mime_init();
	msg = g_mime_message_new(FALSE);
	add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, &from_name, &from_addr);
	add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, &to_name, &to_addr);
	g_mime_message_set_subject(msg, s->subject, "utf-8");
	tz = g_time_zone_new_offset(s->date.off * 60);
	utc = g_date_time_new_from_unix_utc(s->date.sec);
	date = utc && tz ? g_date_time_to_timezone(utc, tz) : NULL;
	if (!date) {
		rc = acct_error_set(err, ACCT_EDATA, "the message's date is out "
				    "of range");
		goto out;
	}
	g_mime_message_set_date(msg, date);
	message_id(&mid, s, strchr(from_addr.buf, '@') + 1);
	g_mime_message_set_message_id(msg, mid.buf);
	/* The parts are NUL-terminated strings for GMime. */
	acct_buf_add(&text, s->text, s->text_len);
	acct_buf_add(&html, s->html, s->html_len);
	alt = g_mime_multipart_new_with_subtype("alternative");
	/* The plainest first: a reader shows the last it can (RFC 2046). */
	part = text_part("plain", text.buf);
	g_mime_multipart_add(alt, part);
	g_object_unref(part);
	part = text_part("html", html.buf);
	g_mime_multipart_add(alt, part);
	g_object_unref(part);
	g_mime_message_set_mime_part(msg, GMIME_OBJECT(alt));
	str = g_mime_object_to_string(GMIME_OBJECT(msg), NULL);
	acct_buf_addstr(out, str);
	if (mid_out)
		acct_buf_addf(mid_out, "<%s>", mid.buf);
	rc = 0;
out:
	g_free(str);
	if (alt)
		g_object_unref(alt);
	if (msg)
		g_object_unref(msg);
	if (date)
		g_date_time_unref(date);
	if (utc)
		g_date_time_unref(utc);
	if (tz)
		g_time_zone_unref(tz);
	acct_buf_release(&from_name);
	acct_buf_release(&from_addr);
	acct_buf_release(&to_name);
	acct_buf_release(&to_addr);
	acct_buf_release(&mid);
	acct_buf_release(&text);
	acct_buf_release(&html);
	return rc;
}
