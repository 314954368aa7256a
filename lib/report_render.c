/*
 * A report's data rendered: as JSON, or through its template (Mustache,
 * Markdown escaped) into Markdown that lib/render.c turns into the
 * format asked for; and the formats' names and file extensions.
 */
#include "acct/report.h"

#include <string.h>

#include <jansson.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/json.h"
#include "acct/render.h"
#include "acct/tpl.h"
#include "acct/banned.h"

int acct_report_format_parse(const char *s)
{
	static const char *const names[] = { "md", "html", "man", "latex",
					     "json", "eml" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(s, names[i]))
			return (int)i;
	return -1;
}

const char *acct_report_format_ext(enum acct_report_format f)
{
	static const char *const ext[] = { "md", "html", "7", "tex", "json",
					   "eml" };

	return ext[f];
}

int acct_report_render(struct acct_buf *out, struct acct_book *book,
		       const json_t *data, const char *name,
		       enum acct_report_format format, struct acct_error *err)
{
	const char *locale = json_string_value(json_object_get(data, "locale"));
	struct acct_tpl_lookup lookup = { book->root, locale };
	struct acct_tpl_opts opts = {
		acct_tpl_escape_markdown, acct_tpl_lookup_load, &lookup, 0,
	};
	struct acct_buf md = ACCT_BUF_INIT, title = ACCT_BUF_INIT,
			who = ACCT_BUF_INIT;
	const json_t *period = json_object_get(data, "period");
	const json_t *client = json_object_get(data, "client");
	int rc;

	if (format == ACCT_FORMAT_EML)
		return acct_error_set(err, ACCT_ERROR, "a report as an e-mail "
				      "message is made by acct_report_message()");
	if (format == ACCT_FORMAT_JSON) {
		/* Exact decimals (acct/json.h) come out as bare digits. */
		struct acct_buf s = ACCT_BUF_INIT;

		if (acct_json_dump(&s, data) < 0) {
			acct_buf_release(&s);
			return acct_error_set(err, ACCT_ERROR, "cannot write the "
					      "report's data as JSON (out of "
					      "memory?)");
		}
		acct_buf_add(out, s.buf, s.len);
		acct_buf_addch(out, '\n');
		acct_buf_release(&s);
		return 0;
	}
	if ((rc = acct_tpl_check_name(name, err)) < 0 ||
	    (rc = acct_tpl_render_named(&md, name, data, &opts, err)) < 0) {
		acct_buf_release(&md);
		return rc;
	}
	if (client)
		acct_buf_addstr(&who, json_string_value(json_object_get(
			client, "name")));
	else
		acct_buf_addstr(&who, strcmp(locale ? locale : "en", "ru") ?
				"Portfolio" : "Портфель");
	acct_buf_addf(&title, "%s: %s", who.buf,
		      json_string_value(json_object_get(period,
		      json_object_get(period, "text") ? "text" : "label")));
	acct_render_markdown(out, md.buf, md.len, data, format, title.buf,
			     who.buf, locale ? locale : "en",
			     json_string_value(json_object_get(data, "today")));
	acct_buf_release(&md);
	acct_buf_release(&title);
	acct_buf_release(&who);
	return 0;
}
