/*
 * Mustache templates (lib/tpl_*.c): what the parts share, loading a
 * template and rendering one by name.
 */
#include "acct/tpl.h"
#include "tpl_int.h"

#include <stdlib.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/banned.h"

void tpl_free_nodes(struct node *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		tpl_free_nodes(v[i].kids, v[i].nkids);
	free(v);
}

void acct_tpl_free(struct acct_tpl *tpl)
{
	if (!tpl)
		return;
	tpl_free_nodes(tpl->nodes, tpl->n);
	free(tpl->name);
	free(tpl->path);
	free(tpl->src);
	free(tpl);
}

const char *acct_tpl_name(const struct acct_tpl *tpl)
{
	return tpl->name;
}

const char *acct_tpl_path(const struct acct_tpl *tpl)
{
	return tpl->path;
}

void acct_tpl_source_release(struct acct_tpl_source *src)
{
	if (!src)
		return;
	acct_buf_release(&src->text);
	acct_buf_release(&src->path);
}

const char *tpl_show(struct acct_buf *b, const char *s, size_t len)
{
	acct_buf_reset(b);
	if (len > 60) {
		size_t cut = 57;

		while (cut && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;		/* not inside a character */
		acct_text_escape_terminal(b, s, cut);
		acct_buf_addstr(b, "...");
	} else {
		acct_text_escape_terminal(b, s, len);
	}
	return b->buf;
}

int acct_tpl_load(struct acct_tpl **out, const char *name,
		  const struct acct_tpl_opts *opts, struct acct_error *err)
{
	struct acct_tpl_source src = ACCT_TPL_SOURCE_INIT;
	int rc;

	*out = NULL;
	if (!opts || !opts->load)
		return acct_error_set(err, ACCT_ENOTFOUND, "unknown template "
				      "'%s'", name);
	if ((rc = opts->load(&src, name, opts->payload, err)) == 0)
		rc = acct_tpl_parse(out, name, src.path.len ? src.path.buf :
				    name, src.text.buf, src.text.len, err);
	acct_tpl_source_release(&src);
	return rc;
}

int acct_tpl_render_named(struct acct_buf *out, const char *name,
			  const struct json_t *data,
			  const struct acct_tpl_opts *opts,
			  struct acct_error *err)
{
	struct acct_tpl *tpl;
	int rc;

	if ((rc = acct_tpl_load(&tpl, name, opts, err)) < 0)
		return rc;
	rc = acct_tpl_render(out, tpl, data, opts, err);
	acct_tpl_free(tpl);
	return rc;
}
