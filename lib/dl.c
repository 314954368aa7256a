/*
 * libical, GMime and libxml2 loaded when first used (acct/dl.h). Each function
 * acct calls is listed once below, with its return type, its parameters
 * and how it passes them on; from the list come a table of the
 * library's functions, filled by dlsym() when the library is loaded,
 * and a definition of each under the library's own name that calls the
 * table's entry. The definitions are compiled against the libraries'
 * headers, so a parameter or a type that does not match theirs is a
 * compile error; __typeof__ gives each entry the header's type.
 *
 * The tables are the one state kept for the process: what the dynamic
 * linker would have kept had the libraries been linked, filled once
 * and never changed after. A function called before its library was
 * loaded is a mistake of acct's: it aborts.
 */
#include "acct/dl.h"

#include <dlfcn.h>
#include <stdlib.h>

#include <gmime/gmime.h>
#include <libical/ical.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "acct/error.h"
#include "acct/banned.h"

/*
 * The libraries, as Debian 12 names them (libical3, libgmime-3.0-0,
 * libxml2).
 */
#define ICAL_SONAME "libical.so.3"
#define GMIME_SONAME "libgmime-3.0.so.0"
#define XML_SONAME "libxml2.so.2"

#define ICAL_FNS(F, V) \
	F(icalcomponent *, icalcomponent_new_vcalendar, (void), ()) \
	F(icalcomponent *, icalcomponent_new_vevent, (void), ()) \
	F(icalcomponent *, icalcomponent_new_vtodo, (void), ()) \
	V(icalcomponent_add_component, \
	  (icalcomponent *p, icalcomponent *c), (p, c)) \
	V(icalcomponent_add_property, \
	  (icalcomponent *c, icalproperty *p), (c, p)) \
	F(char *, icalcomponent_as_ical_string_r, (icalcomponent *c), (c)) \
	V(icalcomponent_free, (icalcomponent *c), (c)) \
	F(icalproperty *, icalcomponent_get_first_property, \
	  (icalcomponent *c, icalproperty_kind k), (c, k)) \
	F(struct icaldurationtype, icaldurationtype_from_int, (int t), (t)) \
	F(icalerrorenum *, icalerrno_return, (void), ()) \
	F(const char *, icalerror_strerror, (icalerrorenum e), (e)) \
	V(icalmemory_free_buffer, (void *b), (b)) \
	F(icalparameter *, icalparameter_new_tzid, (const char *v), (v)) \
	V(icalproperty_add_parameter, \
	  (icalproperty *p, icalparameter *a), (p, a)) \
	F(icalproperty *, icalproperty_new_calscale, (const char *v), (v)) \
	F(icalproperty *, icalproperty_new_categories, (const char *v), (v)) \
	F(icalproperty *, icalproperty_new_description, (const char *v), (v)) \
	F(icalproperty *, icalproperty_new_dtstamp, \
	  (struct icaltimetype v), (v)) \
	F(icalproperty *, icalproperty_new_dtstart, \
	  (struct icaltimetype v), (v)) \
	F(icalproperty *, icalproperty_new_due, (struct icaltimetype v), (v)) \
	F(icalproperty *, icalproperty_new_duration, \
	  (struct icaldurationtype v), (v)) \
	F(icalproperty *, icalproperty_new_method, \
	  (enum icalproperty_method v), (v)) \
	F(icalproperty *, icalproperty_new_prodid, (const char *v), (v)) \
	F(icalproperty *, icalproperty_new_status, \
	  (enum icalproperty_status v), (v)) \
	F(icalproperty *, icalproperty_new_summary, (const char *v), (v)) \
	F(icalproperty *, icalproperty_new_transp, \
	  (enum icalproperty_transp v), (v)) \
	F(icalproperty *, icalproperty_new_tzid, (const char *v), (v)) \
	F(icalproperty *, icalproperty_new_uid, (const char *v), (v)) \
	F(icalproperty *, icalproperty_new_version, (const char *v), (v)) \
	F(icalproperty *, icalproperty_new_x, (const char *v), (v)) \
	V(icalproperty_set_tzid, (icalproperty *p, const char *v), (p, v)) \
	V(icalproperty_set_x_name, (icalproperty *p, const char *n), (p, n)) \
	F(struct icaltimetype, icaltime_from_timet_with_zone, \
	  (const time_t t, const int is_date, const icaltimezone *z), \
	  (t, is_date, z)) \
	F(struct icaltimetype, icaltime_null_date, (void), ()) \
	F(struct icaltimetype, icaltime_null_time, (void), ()) \
	F(icaltimezone *, icaltimezone_get_utc_timezone, (void), ()) \
	V(icaltimezone_truncate_vtimezone, \
	  (icalcomponent *vtz, struct icaltimetype start, \
	   struct icaltimetype end, int ms), (vtz, start, end, ms)) \
	F(icalcomponent *, icaltzutil_fetch_timezone, (const char *l), (l)) \
	F(const char *, icaltzutil_get_zone_directory, (void), ())

/*
 * GMime and the GLib functions acct calls: reports as messages
 * (lib/mail.c), then e-mail in (lib/eml.c, lib/eml_text.c).
 */
#define GMIME_FNS(F, V) \
	V(g_mime_init, (void), ()) \
	F(GMimeMessage *, g_mime_message_new, (gboolean pretty), (pretty)) \
	F(InternetAddressList *, g_mime_message_get_addresses, \
	  (GMimeMessage *m, GMimeAddressType t), (m, t)) \
	V(g_mime_message_set_date, (GMimeMessage *m, GDateTime *d), (m, d)) \
	V(g_mime_message_set_message_id, \
	  (GMimeMessage *m, const char *id), (m, id)) \
	V(g_mime_message_set_mime_part, \
	  (GMimeMessage *m, GMimeObject *p), (m, p)) \
	V(g_mime_message_set_subject, \
	  (GMimeMessage *m, const char *s, const char *cs), (m, s, cs)) \
	V(g_mime_multipart_add, (GMimeMultipart *m, GMimeObject *p), (m, p)) \
	F(GMimeMultipart *, g_mime_multipart_new_with_subtype, \
	  (const char *s), (s)) \
	F(GType, g_mime_object_get_type, (void), ()) \
	F(char *, g_mime_object_to_string, \
	  (GMimeObject *o, GMimeFormatOptions *f), (o, f)) \
	F(GMimeContentEncoding, g_mime_part_get_best_content_encoding, \
	  (GMimePart *p, GMimeEncodingConstraint c), (p, c)) \
	F(GType, g_mime_part_get_type, (void), ()) \
	V(g_mime_part_set_content_encoding, \
	  (GMimePart *p, GMimeContentEncoding e), (p, e)) \
	F(GMimeTextPart *, g_mime_text_part_new_with_subtype, \
	  (const char *s), (s)) \
	V(g_mime_text_part_set_text, (GMimeTextPart *p, const char *t), (p, t)) \
	F(int, internet_address_list_add, \
	  (InternetAddressList *l, InternetAddress *a), (l, a)) \
	F(InternetAddress *, internet_address_mailbox_new, \
	  (const char *name, const char *addr), (name, addr)) \
	V(internet_address_set_charset, \
	  (InternetAddress *a, const char *cs), (a, cs)) \
	F(GDateTime *, g_date_time_new_from_unix_utc, (gint64 t), (t)) \
	F(GDateTime *, g_date_time_to_timezone, \
	  (GDateTime *d, GTimeZone *tz), (d, tz)) \
	V(g_date_time_unref, (GDateTime *d), (d)) \
	V(g_free, (gpointer p), (p)) \
	V(g_object_unref, (gpointer o), (o)) \
	F(GTimeZone *, g_time_zone_new_offset, (gint32 s), (s)) \
	V(g_time_zone_unref, (GTimeZone *tz), (tz)) \
	F(GTypeInstance *, g_type_check_instance_cast, \
	  (GTypeInstance *i, GType t), (i, t)) \
	EML_GMIME_FNS(F, V) \
	EML_GLIB_FNS(F, V)

/* E-mail in: the message parsed, its parts and headers read. */
#define EML_GMIME_FNS(F, V) \
	F(GMimeParser *, g_mime_parser_new_with_stream, (GMimeStream *s), (s)) \
	V(g_mime_parser_set_persist_stream, \
	  (GMimeParser *p, gboolean persist), (p, persist)) \
	F(GMimeMessage *, g_mime_parser_construct_message, \
	  (GMimeParser *p, GMimeParserOptions *o), (p, o)) \
	F(gint64, g_mime_parser_get_headers_end, (GMimeParser *p), (p)) \
	F(GMimeParserOptions *, g_mime_parser_options_new, (void), ()) \
	V(g_mime_parser_options_free, (GMimeParserOptions *o), (o)) \
	V(g_mime_parser_options_set_warning_callback, \
	  (GMimeParserOptions *o, GMimeParserWarningFunc cb, gpointer data), \
	  (o, cb, data)) \
	F(GMimeStream *, g_mime_stream_fs_new, (int fd), (fd)) \
	V(g_mime_stream_fs_set_owner, (GMimeStreamFs *s, gboolean owner), \
	  (s, owner)) \
	F(GType, g_mime_stream_fs_get_type, (void), ()) \
	F(GMimeStream *, g_mime_stream_mem_new, (void), ()) \
	F(GMimeStream *, g_mime_stream_mem_new_with_byte_array, \
	  (GByteArray *a), (a)) \
	F(GByteArray *, g_mime_stream_mem_get_byte_array, (GMimeStreamMem *m), \
	  (m)) \
	V(g_mime_stream_mem_set_owner, (GMimeStreamMem *m, gboolean owner), \
	  (m, owner)) \
	F(GType, g_mime_stream_mem_get_type, (void), ()) \
	F(GMimeStream *, g_mime_stream_null_new, (void), ()) \
	F(GType, g_mime_stream_null_get_type, (void), ()) \
	F(ssize_t, g_mime_stream_read, (GMimeStream *s, char *buf, size_t len), \
	  (s, buf, len)) \
	F(int, g_mime_stream_reset, (GMimeStream *s), (s)) \
	F(GDateTime *, g_mime_message_get_date, (GMimeMessage *m), (m)) \
	F(const char *, g_mime_message_get_message_id, (GMimeMessage *m), (m)) \
	F(GMimeObject *, g_mime_message_get_mime_part, (GMimeMessage *m), (m)) \
	F(GMimeMessage *, g_mime_message_part_get_message, \
	  (GMimeMessagePart *p), (p)) \
	F(GType, g_mime_message_part_get_type, (void), ()) \
	F(int, g_mime_multipart_get_count, (GMimeMultipart *m), (m)) \
	F(GMimeObject *, g_mime_multipart_get_part, \
	  (GMimeMultipart *m, int i), (m, i)) \
	F(GType, g_mime_multipart_get_type, (void), ()) \
	F(GMimeContentType *, g_mime_object_get_content_type, \
	  (GMimeObject *o), (o)) \
	F(const char *, g_mime_object_get_content_type_parameter, \
	  (GMimeObject *o, const char *name), (o, name)) \
	F(const char *, g_mime_object_get_content_disposition_parameter, \
	  (GMimeObject *o, const char *name), (o, name)) \
	F(const char *, g_mime_object_get_disposition, (GMimeObject *o), (o)) \
	F(GMimeHeaderList *, g_mime_object_get_header_list, (GMimeObject *o), \
	  (o)) \
	F(ssize_t, g_mime_object_write_content_to_stream, \
	  (GMimeObject *o, GMimeFormatOptions *f, GMimeStream *s), (o, f, s)) \
	F(GMimeHeader *, g_mime_header_list_get_header, \
	  (GMimeHeaderList *l, const char *name), (l, name)) \
	F(const char *, g_mime_header_get_raw_value, (GMimeHeader *h), (h)) \
	F(GMimeContentType *, g_mime_content_type_parse, \
	  (GMimeParserOptions *o, const char *s), (o, s)) \
	F(char *, g_mime_content_type_get_mime_type, (GMimeContentType *t), \
	  (t)) \
	F(const char *, g_mime_content_type_get_parameter, \
	  (GMimeContentType *t, const char *name), (t, name)) \
	F(gboolean, g_mime_content_type_is_type, \
	  (GMimeContentType *t, const char *type, const char *subtype), \
	  (t, type, subtype)) \
	F(GMimeContentDisposition *, g_mime_content_disposition_parse, \
	  (GMimeParserOptions *o, const char *s), (o, s)) \
	F(const char *, g_mime_content_disposition_get_parameter, \
	  (GMimeContentDisposition *d, const char *name), (d, name)) \
	F(GMimeDataWrapper *, g_mime_part_get_content, (GMimePart *p), (p)) \
	F(GMimeStream *, g_mime_data_wrapper_get_stream, \
	  (GMimeDataWrapper *w), (w)) \
	F(ssize_t, g_mime_data_wrapper_write_to_stream, \
	  (GMimeDataWrapper *w, GMimeStream *s), (w, s)) \
	F(const char *, g_mime_charset_canon_name, (const char *cs), (cs)) \
	F(const char *, g_mime_charset_iconv_name, (const char *cs), (cs)) \
	F(InternetAddressList *, internet_address_list_parse, \
	  (GMimeParserOptions *o, const char *s), (o, s)) \
	F(int, internet_address_list_length, (InternetAddressList *l), (l)) \
	F(InternetAddress *, internet_address_list_get_address, \
	  (InternetAddressList *l, int i), (l, i)) \
	F(const char *, internet_address_get_name, (InternetAddress *a), (a)) \
	F(const char *, internet_address_mailbox_get_addr, \
	  (InternetAddressMailbox *m), (m)) \
	F(GType, internet_address_mailbox_get_type, (void), ()) \
	F(InternetAddressList *, internet_address_group_get_members, \
	  (InternetAddressGroup *g), (g)) \
	F(GType, internet_address_group_get_type, (void), ())

/* E-mail in: GLib's byte arrays, dates, UTF-8 and iconv. */
#define EML_GLIB_FNS(F, V) \
	F(gint, g_ascii_strcasecmp, (const gchar *a, const gchar *b), (a, b)) \
	F(GByteArray *, g_byte_array_new, (void), ()) \
	F(GByteArray *, g_byte_array_append, \
	  (GByteArray *a, const guint8 *data, guint len), (a, data, len)) \
	V(g_byte_array_unref, (GByteArray *a), (a)) \
	F(GTimeSpan, g_date_time_get_utc_offset, (GDateTime *d), (d)) \
	F(gint, g_date_time_get_year, (GDateTime *d), (d)) \
	F(gint64, g_date_time_to_unix, (GDateTime *d), (d)) \
	F(gboolean, g_utf8_validate, \
	  (const gchar *s, gssize max, const gchar **end), (s, max, end)) \
	F(gchar *, g_utf8_make_valid, (const gchar *s, gssize len), (s, len)) \
	F(GIConv, g_iconv_open, (const gchar *to, const gchar *from), \
	  (to, from)) \
	F(gchar *, g_convert_with_iconv, \
	  (const gchar *s, gssize len, GIConv cd, gsize *read, \
	   gsize *written, GError **error), \
	  (s, len, cd, read, written, error)) \
	F(gint, g_iconv_close, (GIConv cd), (cd)) \
	V(g_clear_error, (GError **error), (error)) \
	F(gboolean, g_type_check_instance_is_a, \
	  (GTypeInstance *i, GType t), (i, t))

/*
 * libxml2: the text of an HTML-only e-mail (lib/eml_html.c). A library
 * of its own: it brings ICU and liblzma, which GMime does not need.
 */
#define XML_FNS(F, V) \
	F(htmlDocPtr, htmlReadMemory, \
	  (const char *buf, int size, const char *url, const char *encoding, \
	   int options), (buf, size, url, encoding, options)) \
	F(xmlNodePtr, xmlDocGetRootElement, (const xmlDoc *doc), (doc)) \
	V(xmlFreeDoc, (xmlDocPtr doc), (doc))

/* The names, in the list's order. */
#define NAME_F(ret, name, params, args) #name,
#define NAME_V(name, params, args) #name,
static const char *const ical_names[] = { ICAL_FNS(NAME_F, NAME_V) NULL };
static const char *const gmime_names[] = { GMIME_FNS(NAME_F, NAME_V) NULL };
static const char *const xml_names[] = { XML_FNS(NAME_F, NAME_V) NULL };

/* Their places in the tables. */
#define SLOT_F(ret, name, params, args) SLOT_##name,
#define SLOT_V(name, params, args) SLOT_##name,
enum ical_slot { ICAL_FNS(SLOT_F, SLOT_V) ICAL_N };
enum gmime_slot { GMIME_FNS(SLOT_F, SLOT_V) GMIME_N };
enum xml_slot { XML_FNS(SLOT_F, SLOT_V) XML_N };

struct lib {
	const char *soname, *what;
	const char *const *names;
	void *handle;
	void **fn;		/* as many as names */
};

static void *ical_fn[ICAL_N], *gmime_fn[GMIME_N], *xml_fn[XML_N];

static struct lib ical = { ICAL_SONAME, "the calendar", ical_names, NULL,
			   ical_fn };
static struct lib gmime = { GMIME_SONAME, "reading and writing e-mail",
			    gmime_names, NULL, gmime_fn };
static struct lib xml = { XML_SONAME, "the text of an HTML e-mail",
			  xml_names, NULL, xml_fn };

static int load(struct lib *l, struct acct_error *err)
{
	void *h;
	size_t i;

	if (l->handle)
		return 0;
	if (!(h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL)))
		return acct_error_set(err, ACCT_ERROR, "cannot load %s, which "
				      "%s needs: %s", l->soname, l->what,
				      dlerror());
	for (i = 0; l->names[i]; i++)
		if (!(l->fn[i] = dlsym(h, l->names[i]))) {
			acct_error_set(err, ACCT_ERROR, "%s has no %s(), which "
				       "%s needs", l->soname, l->names[i],
				       l->what);
			dlclose(h);
			return ACCT_ERROR;
		}
	l->handle = h;
	return 0;
}

int acct_dl_ical(struct acct_error *err)
{
	return load(&ical, err);
}

int acct_dl_gmime(struct acct_error *err)
{
	return load(&gmime, err);
}

int acct_dl_xml(struct acct_error *err)
{
	return load(&xml, err);
}

/* The entry of a function of `l`; its library must have been loaded. */
static void *fn(const struct lib *l, int slot)
{
	if (!l->handle)
		abort();
	return l->fn[slot];
}

#define DEF_F(lib, ret, name, params, args) \
	ret name params \
	{ \
		return ((__typeof__(name) *)fn(&lib, SLOT_##name))args; \
	}
#define DEF_V(lib, name, params, args) \
	void name params \
	{ \
		((__typeof__(name) *)fn(&lib, SLOT_##name))args; \
	}
#define ICAL_F(ret, name, params, args) DEF_F(ical, ret, name, params, args)
#define ICAL_V(name, params, args) DEF_V(ical, name, params, args)
#define GMIME_F(ret, name, params, args) DEF_F(gmime, ret, name, params, args)
#define GMIME_V(name, params, args) DEF_V(gmime, name, params, args)
#define XML_F(ret, name, params, args) DEF_F(xml, ret, name, params, args)
#define XML_V(name, params, args) DEF_V(xml, name, params, args)

ICAL_FNS(ICAL_F, ICAL_V)
GMIME_FNS(GMIME_F, GMIME_V)
XML_FNS(XML_F, XML_V)
