/*
 * The card loader: any bytes as clients/acme/client.yaml, through
 * acct_ydoc_parse() and acct_client_parse().
 *
 * Checked: a refusal is ACCT_EDATA with a message, a position no later
 * than one line past the text, and no card; the YAML tree lies inside the
 * text (every node's bytes within it and within its parent's, lines and
 * columns from 1, a mapping's items in pairs, scalars NUL-terminated at
 * their length, aliases pointing at an anchored node); a card that loads
 * has a name and a known status.
 */
#include "acct/client.h"

#include <stdlib.h>
#include <string.h>

#include "acct/error.h"
#include "acct/yaml.h"
#include "fuzz.h"

#include "acct/banned.h"

#define PATH "clients/acme/client.yaml"

static size_t count_lines(const char *s, size_t len)
{
	size_t i, n = 1;

	for (i = 0; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
			n++;
	return n;
}

static void check_node(const struct acct_ynode *n, const struct acct_ynode *up,
		       size_t len, size_t depth)
{
	size_t i;

	FUZZ_CHECK(depth <= ACCT_YAML_MAX_DEPTH + 1, "nesting %zu", depth);
	FUZZ_CHECK(n->start <= n->end && n->end <= len,
		   "node at %zu:%zu spans [%zu, %zu) of %zu bytes", n->line,
		   n->col, n->start, n->end, len);
	FUZZ_CHECK(n->line >= 1 && n->col >= 1, "node at %zu:%zu", n->line,
		   n->col);
	if (up)
		FUZZ_CHECK(n->start >= up->start && n->end <= up->end,
			   "node [%zu, %zu) outside its parent [%zu, %zu)",
			   n->start, n->end, up->start, up->end);
	switch (n->type) {
	case ACCT_YSCALAR:
		FUZZ_CHECK(n->value && n->value[n->len] == '\0',
			   "scalar at %zu:%zu not NUL-terminated", n->line,
			   n->col);
		break;
	case ACCT_YALIAS:
		FUZZ_CHECK(n->target && n->target->type != ACCT_YALIAS &&
			   n->target->anchor, "alias at %zu:%zu without a target",
			   n->line, n->col);
		break;
	case ACCT_YMAP:
	case ACCT_YSEQ:
		FUZZ_CHECK(n->type == ACCT_YSEQ || n->n % 2 == 0,
			   "mapping at %zu:%zu with %zu items", n->line, n->col,
			   n->n);
		for (i = 0; i < n->n; i++)
			check_node(n->items[i], n, len, depth + 1);
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *c = NULL;
	struct acct_ydoc doc;
	size_t len, lines;
	char *text = fuzz_rest(&in, &len);
	int rc;

	lines = count_lines(text, len);
	rc = acct_ydoc_parse(&doc, PATH, text, len, &err);
	if (rc == 0) {
		if (doc.root)
			check_node(doc.root, NULL, len, 0);
		acct_ydoc_release(&doc);
	} else {
		FUZZ_CHECK(rc == ACCT_EDATA && err.msg[0] && err.line <= lines + 1,
			   "ydoc refusal %d at %zu:%zu of %zu lines: %s", rc,
			   err.line, err.col, lines, err.msg);
	}

	acct_error_clear(&err);
	rc = acct_client_parse(&c, "acme", PATH, text, len, &err);
	if (rc == 0) {
		FUZZ_CHECK(c && c->name && c->name[0] && c->status &&
			   acct_client_status_ok(c->status) &&
			   !strcmp(c->slug, "acme"), "a card without a name or "
			   "with a bad status loaded");
		acct_client_free(c);
	} else {
		FUZZ_CHECK(rc == ACCT_EDATA && !c && err.msg[0] &&
			   err.line <= lines + 1,
			   "card refusal %d at %zu:%zu of %zu lines: %s", rc,
			   err.line, err.col, lines, err.msg);
	}
	free(text);
	return 0;
}
