/*
 * Reading a saved e-mail message with GMime: the headers an entry needs,
 * the text (text/plain, else text/html) decoded from its transfer
 * encoding and charset, and the attachments by name and size. A message
 * in a regular file is parsed with a persistent stream, so a part's
 * content stays in the file until it is read, and an attachment is only
 * counted, streamed through a null stream, never held in memory.
 */
#include "acct/eml.h"
#include "eml_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "acct/buf.h"
#include "acct/dl.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/banned.h"

/* The first thing GMime's parser found broken, and where. */
struct warned {
	GMimeParserWarning code;
	gint64 offset;
	char item[200];
};

static void on_warning(gint64 offset, GMimeParserWarning code,
		       const gchar *item, gpointer data)
{
	struct warned *w = data;
	size_t n;

	if (w->code || (code != GMIME_CRIT_INVALID_HEADER_NAME &&
			code != GMIME_CRIT_CONFLICTING_HEADER))
		return;
	w->code = code;
	w->offset = offset;
	n = item ? strcspn(item, "\r\n") : 0;
	if (n >= sizeof(w->item))
		n = sizeof(w->item) - 1;
	memcpy(w->item, item ? item : "", n);
	w->item[n] = '\0';
}

void acct_eml_free(struct acct_eml *m)
{
	size_t i;

	if (!m)
		return;
	free(m->message_id);
	free(m->subject);
	for (i = 0; i < m->nfrom; i++)
		free(m->from[i].name), free(m->from[i].addr);
	for (i = 0; i < m->nto; i++)
		free(m->to[i].name), free(m->to[i].addr);
	for (i = 0; i < m->ncc; i++)
		free(m->cc[i].name), free(m->cc[i].addr);
	free(m->from);
	free(m->to);
	free(m->cc);
	for (i = 0; i < m->natt; i++)
		free(m->att[i].name);
	free(m->att);
	acct_buf_release(&m->text);
	free(m);
}

/* The stream of `fd`: the file itself, or a pipe's bytes in memory. */
static GMimeStream *open_stream(int fd, const char *name,
				struct acct_error *err)
{
	struct stat st;
	GByteArray *a;
	GMimeStream *s;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		s = g_mime_stream_fs_new(fd);
		g_mime_stream_fs_set_owner(GMIME_STREAM_FS(s), FALSE);
		return s;
	}
	a = g_byte_array_new();
	for (;;) {
		guint8 chunk[65536];
		ssize_t got = read(fd, chunk, sizeof(chunk));

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			acct_error_set(err, ACCT_ERROR, "cannot read %s: %s",
				       name, strerror(errno));
			g_byte_array_unref(a);
			return NULL;
		}
		if (!got)
			break;
		if (a->len + (size_t)got > ACCT_EML_PIPE_BYTES) {
			acct_error_set(err, ACCT_EDATA, "%s is larger than %zu "
				       "MB, more than a message read from a "
				       "pipe may be", name,
				       ACCT_EML_PIPE_BYTES >> 20);
			acct_error_hint(err, "save it to a file and give that: "
					"a file is read as it streams");
			g_byte_array_unref(a);
			return NULL;
		}
		g_byte_array_append(a, chunk, (guint)got);
	}
	return g_mime_stream_mem_new_with_byte_array(a);
}

/* The 1-based line of `offset` in the stream. */
static size_t line_of(GMimeStream *s, gint64 offset)
{
	char buf[4096];
	size_t line = 1;
	gint64 at = 0;

	if (g_mime_stream_reset(s) < 0)
		return 0;
	while (at < offset) {
		size_t want = (size_t)(offset - at) < sizeof(buf) ?
			      (size_t)(offset - at) : sizeof(buf), i;
		ssize_t got = g_mime_stream_read(s, buf, want);

		if (got <= 0)
			break;
		for (i = 0; i < (size_t)got; i++)
			line += buf[i] == '\n';
		at += got;
	}
	return line;
}

static const char *raw_header(GMimeObject *o, const char *name)
{
	GMimeHeader *h = g_mime_header_list_get_header(
		g_mime_object_get_header_list(o), name);

	return h ? g_mime_header_get_raw_value(h) : NULL;
}

/* `s` (a header's raw value) as one line for a message, at most 60 bytes. */
static void quote_raw(struct acct_buf *out, const char *s)
{
	struct acct_buf t = ACCT_BUF_INIT;

	eml_tidy_line(&t, s, strlen(s));
	if (t.len > 60) {
		size_t n = 57;

		while (n && ((unsigned char)t.buf[n] & 0xc0) == 0x80)
			n--;
		acct_buf_setlen(&t, n);
		acct_buf_addstr(&t, "...");
	}
	acct_buf_add(out, t.buf, t.len);
	acct_buf_release(&t);
}

static void add_mailboxes(struct acct_eml_address **v, size_t *n,
			  InternetAddressList *list)
{
	int i, len = list ? internet_address_list_length(list) : 0;

	for (i = 0; i < len; i++) {
		InternetAddress *ia = internet_address_list_get_address(list, i);
		struct acct_buf name = ACCT_BUF_INIT;
		const char *nm, *addr;

		if (INTERNET_ADDRESS_IS_GROUP(ia)) {
			add_mailboxes(v, n, internet_address_group_get_members(
				INTERNET_ADDRESS_GROUP(ia)));
			continue;
		}
		addr = internet_address_mailbox_get_addr(
			INTERNET_ADDRESS_MAILBOX(ia));
		if (!addr || !*addr || !strchr(addr, '@'))
			continue;
		nm = internet_address_get_name(ia);
		if (nm && *nm) {
			gchar *valid = g_utf8_make_valid(nm, -1);

			eml_tidy_line(&name, valid, strlen(valid));
			g_free(valid);
		}
		*v = acct_realloc(*v, (*n + 1) * sizeof(**v));
		(*v)[*n].name = acct_buf_detach(&name, NULL);
		(*v)[*n].addr = acct_strdup(addr);
		(*n)++;
	}
}

/* An address header, its encoded words made safe for GMime first. */
static void read_addresses(struct acct_eml_address **v, size_t *n,
			   GMimeObject *msg, const char *header,
			   GMimeParserOptions *opts)
{
	const char *raw = raw_header(msg, header);
	struct acct_buf fixed = ACCT_BUF_INIT;
	InternetAddressList *list;

	if (!raw)
		return;
	eml_b_to_q(&fixed, raw);
	list = internet_address_list_parse(opts, fixed.buf);
	add_mailboxes(v, n, list);
	if (list)
		g_object_unref(list);
	acct_buf_release(&fixed);
}

/* What the walk of the parts finds. */
struct parts {
	GMimePart *plain, *html;	/* the first inline text of each */
	GMimeParserOptions *opts;
	struct acct_eml *m;
};

static int is_attachment(GMimeObject *o)
{
	const char *disp = g_mime_object_get_disposition(o);

	return (disp && !g_ascii_strcasecmp(disp, "attachment")) ||
	       g_mime_object_get_content_disposition_parameter(o, "filename") ||
	       g_mime_object_get_content_type_parameter(o, "name");
}

static void find_text(struct parts *p, GMimeObject *o)
{
	GMimeContentType *ct = g_mime_object_get_content_type(o);

	if (GMIME_IS_MULTIPART(o)) {
		int i, n = g_mime_multipart_get_count(GMIME_MULTIPART(o));

		for (i = 0; i < n; i++)
			find_text(p, g_mime_multipart_get_part(GMIME_MULTIPART(o),
								i));
		return;
	}
	if (!GMIME_IS_PART(o) || is_attachment(o))
		return;
	if (!p->plain && g_mime_content_type_is_type(ct, "text", "plain"))
		p->plain = GMIME_PART(o);
	else if (!p->html && g_mime_content_type_is_type(ct, "text", "html"))
		p->html = GMIME_PART(o);
}

/* The decoded size of a part's content, streamed through a null stream. */
static uint64_t content_size(GMimeObject *o)
{
	GMimeStream *null = g_mime_stream_null_new();
	uint64_t n;

	if (GMIME_IS_PART(o)) {
		GMimeDataWrapper *w = g_mime_part_get_content(GMIME_PART(o));

		if (w) {
			g_mime_stream_reset(g_mime_data_wrapper_get_stream(w));
			g_mime_data_wrapper_write_to_stream(w, null);
		}
	} else {
		g_mime_object_write_content_to_stream(o, NULL, null);
	}
	n = GMIME_STREAM_NULL(null)->written;
	g_object_unref(null);
	return n;
}

/* A parameter of a header, from its raw value made safe for GMime. */
static char *raw_param(GMimeObject *o, const char *header, const char *param,
		       GMimeParserOptions *opts)
{
	const char *raw = raw_header(o, header), *v = NULL;
	struct acct_buf fixed = ACCT_BUF_INIT;
	char *out = NULL;

	if (!raw)
		return NULL;
	eml_b_to_q(&fixed, raw);
	if (!g_ascii_strcasecmp(header, "Content-Disposition")) {
		GMimeContentDisposition *d =
			g_mime_content_disposition_parse(opts, fixed.buf);

		if (d && (v = g_mime_content_disposition_get_parameter(d, param)))
			out = g_utf8_make_valid(v, -1);
		if (d)
			g_object_unref(d);
	} else {
		GMimeContentType *t = g_mime_content_type_parse(opts, fixed.buf);

		if (t && (v = g_mime_content_type_get_parameter(t, param)))
			out = g_utf8_make_valid(v, -1);
		if (t)
			g_object_unref(t);
	}
	acct_buf_release(&fixed);
	return out;
}

static void add_attachment(struct parts *p, GMimeObject *o)
{
	struct acct_eml *m = p->m;
	struct acct_buf name = ACCT_BUF_INIT;
	char *file = raw_param(o, "Content-Disposition", "filename", p->opts);

	if (!file)
		file = raw_param(o, "Content-Type", "name", p->opts);
	if (file)
		eml_tidy_line(&name, file, strlen(file));
	g_free(file);
	if (!name.len && GMIME_IS_MESSAGE_PART(o)) {
		GMimeMessage *fw = g_mime_message_part_get_message(
			GMIME_MESSAGE_PART(o));
		const char *subj = fw ? raw_header(GMIME_OBJECT(fw), "Subject")
				      : NULL;
		struct acct_buf s = ACCT_BUF_INIT;

		if (subj && acct_eml_decode_header(&s, subj, NULL, NULL) == 0 &&
		    s.len)
			acct_buf_addf(&name, "%s.eml", s.buf);
		acct_buf_release(&s);
	}
	if (!name.len) {
		char *type = g_mime_content_type_get_mime_type(
			g_mime_object_get_content_type(o));
		gchar *valid = g_utf8_make_valid(type, -1);

		acct_buf_addstr(&name, "unnamed ");
		eml_tidy_line(&name, valid, strlen(valid));
		g_free(valid);
		g_free(type);
	}
	m->att = acct_realloc(m->att, (m->natt + 1) * sizeof(*m->att));
	m->att[m->natt].size = content_size(o);
	m->att[m->natt].name = acct_buf_detach(&name, NULL);
	m->natt++;
}

/* Every part but the text and its alternative is an attachment. */
static void find_attachments(struct parts *p, GMimeObject *o)
{
	GMimeContentType *ct = g_mime_object_get_content_type(o);

	if (GMIME_IS_MULTIPART(o)) {
		int i, n = g_mime_multipart_get_count(GMIME_MULTIPART(o));

		for (i = 0; i < n; i++)
			find_attachments(p, g_mime_multipart_get_part(
				GMIME_MULTIPART(o), i));
		return;
	}
	if (o == GMIME_OBJECT(p->plain) || o == GMIME_OBJECT(p->html))
		return;
	if (!is_attachment(o) && (g_mime_content_type_is_type(ct, "text", "plain") ||
				  g_mime_content_type_is_type(ct, "text", "html")))
		return;
	add_attachment(p, o);
}

/* The text part's content, decoded from its transfer encoding. */
static int part_bytes(GByteArray **out, GMimePart *part, size_t limit,
		      struct acct_error *err)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *mem;

	*out = NULL;
	if (!w) {
		*out = g_byte_array_new();
		return 0;
	}
	if (content_size(GMIME_OBJECT(part)) > limit)
		return acct_error_set(err, ACCT_EDATA, "the message's text is "
				      "larger than %zu bytes (limits.input_bytes)",
				      limit);
	mem = g_mime_stream_mem_new();
	g_mime_stream_reset(g_mime_data_wrapper_get_stream(w));
	g_mime_data_wrapper_write_to_stream(w, mem);
	/* Ours now: a stream that owns its array empties it when freed. */
	*out = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
	g_object_unref(mem);
	return 0;
}

static int read_text(struct acct_eml *m, struct parts *p, size_t limit,
		     struct acct_error *err)
{
	GMimePart *part = p->plain ? p->plain : p->html;
	GMimeObject *o = GMIME_OBJECT(part);
	struct acct_buf utf8 = ACCT_BUF_INIT, plain = ACCT_BUF_INIT;
	const char *cs, *format, *delsp;
	GByteArray *bytes = NULL;
	int rc;

	if (!part)
		return 0;
	if ((rc = part_bytes(&bytes, part, limit, err)) < 0)
		return rc;
	cs = g_mime_object_get_content_type_parameter(o, "charset");
	if ((rc = acct_eml_to_utf8(&utf8, (const char *)bytes->data, bytes->len,
				   cs, err)) < 0) {
		char why[sizeof(err->msg)];

		memcpy(why, err->msg, sizeof(why));
		acct_error_set(err, ACCT_EDATA, "the message's %s part: %s",
			       p->plain ? "text/plain" : "text/html", why);
		goto out;
	}
	if (p->plain) {
		format = g_mime_object_get_content_type_parameter(o, "format");
		delsp = g_mime_object_get_content_type_parameter(o, "delsp");
		acct_eml_plain(&plain, utf8.buf, utf8.len,
			       format && !g_ascii_strcasecmp(format, "flowed"),
			       delsp && !g_ascii_strcasecmp(delsp, "yes"));
	} else {
		if ((rc = acct_eml_html_text(&plain, utf8.buf, utf8.len,
					      err)) < 0)
			goto out;
		m->html = 1;
	}
	m->quoted = acct_eml_fold_quotes(&m->text, plain.buf, plain.len);
out:
	g_byte_array_unref(bytes);
	acct_buf_release(&utf8);
	acct_buf_release(&plain);
	return rc;
}

static int read_date(struct acct_eml *m, GMimeMessage *msg, const char *name,
		     struct acct_error *err)
{
	const char *raw = raw_header(GMIME_OBJECT(msg), "Date");
	GDateTime *d = g_mime_message_get_date(msg);
	struct acct_buf shown = ACCT_BUF_INIT;
	GTimeSpan off;

	if (!raw)
		return acct_error_set(err, ACCT_EDATA, "%s has no Date: header",
				      name);
	if (!d || (off = g_date_time_get_utc_offset(d) / G_TIME_SPAN_MINUTE) <
	    -1439 || off > 1439 || g_date_time_get_year(d) < 1970 ||
	    g_date_time_get_year(d) > 9999) {
		quote_raw(&shown, raw);
		acct_error_set(err, ACCT_EDATA, "%s: the Date: header '%s' is "
			       "not a date (RFC 5322: Tue, 1 Dec 2026 10:15:00 "
			       "+0300)", name, shown.buf);
		acct_buf_release(&shown);
		return ACCT_EDATA;
	}
	m->date.sec = g_date_time_to_unix(d);
	m->date.off = (int)off;
	return 0;
}

static int read_headers(struct acct_eml *m, GMimeMessage *msg,
			struct parts *p, const char *name,
			struct acct_error *err)
{
	GMimeObject *o = GMIME_OBJECT(msg);
	const char *raw, *mid, *cs = NULL;
	struct acct_buf shown = ACCT_BUF_INIT, subj = ACCT_BUF_INIT;
	int rc;

	read_addresses(&m->from, &m->nfrom, o, "From", p->opts);
	if (!m->nfrom) {
		raw = raw_header(o, "From");
		if (raw)
			quote_raw(&shown, raw);
		rc = raw ? acct_error_set(err, ACCT_EDATA, "%s: the From: header "
					  "'%s' holds no address", name, shown.buf)
			 : acct_error_set(err, ACCT_EDATA, "%s has no From: "
					  "header", name);
		goto out;
	}
	read_addresses(&m->to, &m->nto, o, "To", p->opts);
	read_addresses(&m->cc, &m->ncc, o, "Cc", p->opts);
	if ((rc = read_date(m, msg, name, err)) < 0)
		goto out;
	if ((mid = g_mime_message_get_message_id(msg)) && *mid) {
		acct_buf_addf(&shown, "<%s>", mid);
		if (acct_text_check_line(shown.buf, "Message-ID", NULL) < 0 ||
		    strchr(mid, ' ')) {
			rc = acct_error_set(err, ACCT_EDATA, "%s: the Message-ID: "
					    "header is not one word of text",
					    name);
			goto out;
		}
		m->message_id = acct_buf_detach(&shown, NULL);
	}
	if (p->plain || p->html)
		cs = g_mime_object_get_content_type_parameter(
			GMIME_OBJECT(p->plain ? p->plain : p->html), "charset");
	if ((raw = raw_header(o, "Subject")) &&
	    (rc = acct_eml_decode_header(&subj, raw, cs, err)) < 0) {
		char why[sizeof(err->msg)];

		memcpy(why, err->msg, sizeof(why));
		acct_error_set(err, ACCT_EDATA, "%s: the Subject: header: %s",
			       name, why);
		goto out;
	}
	m->subject = acct_buf_detach(&subj, NULL);
	rc = 0;
out:
	acct_buf_release(&shown);
	acct_buf_release(&subj);
	return rc;
}

int acct_eml_read(struct acct_eml **out, int fd, const char *name,
		  size_t text_limit, struct acct_error *err)
{
	struct acct_eml *m = acct_calloc(1, sizeof(*m));
	struct warned w = { 0, 0, "" };
	struct parts p = { NULL, NULL, NULL, m };
	GMimeStream *stream = NULL;
	GMimeParser *parser = NULL;
	GMimeMessage *msg = NULL;
	GMimeObject *body;
	gint64 headers_end;
	int rc;

	*out = NULL;
	m->text = (struct acct_buf)ACCT_BUF_INIT;
	/* First: even the way out calls GMime's (g_object_unref). */
	if ((rc = acct_dl_gmime(err)) < 0)
		goto out;
	g_mime_init();
	if (!(stream = open_stream(fd, name, err))) {
		rc = err ? err->code : ACCT_ERROR;
		goto out;
	}
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_persist_stream(parser, TRUE);
	p.opts = g_mime_parser_options_new();
	g_mime_parser_options_set_warning_callback(p.opts, on_warning, &w);
	msg = g_mime_parser_construct_message(parser, p.opts);
	headers_end = g_mime_parser_get_headers_end(parser);
	if (!msg || (w.code == GMIME_CRIT_INVALID_HEADER_NAME &&
		     (w.offset < headers_end || !msg))) {
		size_t line = line_of(stream, w.offset);

		if (!msg && w.code == GMIME_CRIT_INVALID_HEADER_NAME)
			rc = acct_error_set(err, ACCT_EDATA, "%s is not an e-mail "
					    "message: line %zu, '%s', is no "
					    "header (Name: value)", name, line,
					    w.item);
		else if (w.code == GMIME_CRIT_INVALID_HEADER_NAME)
			rc = acct_error_set(err, ACCT_EDATA, "%s:%zu: '%s' is no "
					    "header (Name: value) in the "
					    "message's headers", name, line,
					    w.item);
		else
			rc = acct_error_set(err, ACCT_EDATA, "%s is not an e-mail "
					    "message", name);
		goto out;
	}
	if (w.code == GMIME_CRIT_CONFLICTING_HEADER && w.offset < headers_end) {
		rc = acct_error_set(err, ACCT_EDATA, "%s:%zu: the message has "
				    "two different %s headers", name,
				    line_of(stream, w.offset), w.item);
		goto out;
	}
	body = g_mime_message_get_mime_part(msg);
	if (body)
		find_text(&p, body);
	if ((rc = read_headers(m, msg, &p, name, err)) < 0 ||
	    (rc = read_text(m, &p, text_limit, err)) < 0)
		goto out;
	if (body)
		find_attachments(&p, body);
	*out = m;
	m = NULL;
	rc = 0;
out:
	if (msg)
		g_object_unref(msg);
	if (parser)
		g_object_unref(parser);
	if (stream)
		g_object_unref(stream);
	if (p.opts)
		g_mime_parser_options_free(p.opts);
	acct_eml_free(m);
	return rc;
}
