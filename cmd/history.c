/* acct history: what changed in a client's card and brief, from git. */
#include "cmd.h"

#include <string.h>

#include "acct/buf.h"
#include "acct/history.h"
#include "acct/banned.h"

static const char *const history_usage[] = {
	N_("acct history <client> [--limit <n>] [--json]"),
	NULL,
};

/* A value on one line: a line break shown as "\n". */
static void add_value(struct acct_buf *b, const char *s)
{
	if (!s) {
		acct_buf_addstr(b, _("(none)"));
		return;
	}
	for (; *s; s++) {
		if (*s == '\n')
			acct_buf_addstr(b, "\\n");
		else
			acct_buf_addch(b, *s);
	}
}

static void add_items(struct acct_buf *b, char *const *items, size_t n)
{
	size_t i;

	if (!n)
		acct_buf_addstr(b, _("(none)"));
	for (i = 0; i < n; i++) {
		if (i)
			acct_buf_addstr(b, ", ");
		add_value(b, items[i]);
	}
}

/*
 * "status: active -> paused", "tags: +key -old", "contacts: +Ivan Ivanov",
 * "card: (unreadable)", "card: (too large to compare)".
 */
static void change_line(struct acct_buf *b, const struct acct_card_change *c)
{
	size_t i;

	if (!c->field) {
		if (c->to && !strcmp(c->to, ACCT_TOO_LARGE))
			acct_buf_addstr(b, "card: " ACCT_TOO_LARGE);
		else
			acct_buf_addstr(b, c->to ? "card: " ACCT_UNREADABLE
					: "card: was " ACCT_UNREADABLE);
		return;
	}
	acct_buf_addf(b, "%s: ", c->field);
	if (!c->list) {
		add_value(b, c->from);
		acct_buf_addstr(b, " -> ");
		add_value(b, c->to);
		return;
	}
	if (!c->nadded && !c->nremoved) {	/* the order changed */
		add_items(b, c->from_items, c->nfrom);
		acct_buf_addstr(b, " -> ");
		add_items(b, c->to_items, c->nto);
		return;
	}
	for (i = 0; i < c->nadded; i++) {
		acct_buf_addstr(b, i ? " +" : "+");
		add_value(b, c->added[i]);
	}
	for (i = 0; i < c->nremoved; i++) {
		acct_buf_addstr(b, i || c->nadded ? " -" : "-");
		add_value(b, c->removed[i]);
	}
}

static void put_items(struct out *o, const char *key, char *const *items,
		      size_t n)
{
	size_t i;

	out_list_begin(o, key, OUT_INLINE);
	for (i = 0; i < n; i++)
		out_str(o, NULL, items[i]);
	out_list_end(o);
}

/* JSON: {"field", "old", "new"}; a list also says what it gained and lost. */
static void put_change_json(struct out *o, const struct acct_card_change *c)
{
	out_map_begin(o, NULL);
	out_str(o, "field", c->field);
	if (c->list) {
		put_items(o, "old", c->from_items, c->nfrom);
		put_items(o, "new", c->to_items, c->nto);
		put_items(o, "added", c->added, c->nadded);
		put_items(o, "removed", c->removed, c->nremoved);
	} else {
		out_str(o, "old", c->from);
		out_str(o, "new", c->to);
	}
	out_map_end(o);
}

/* Text: one line a change, below the commit's row. */
static void put_line(struct out *o, const char *key, const char *line)
{
	out_map_begin(o, NULL);
	out_str(o, key, line);
	out_map_end(o);
}

static void put_entry(struct out *o, const struct acct_history_entry *e,
		      int json)
{
	struct acct_buf line = ACCT_BUF_INIT;
	char when[ACCT_TIME_STRLEN], shortid[8];
	size_t i;

	acct_time_format(when, &e->when);
	memcpy(shortid, e->commit, sizeof(shortid) - 1);
	shortid[sizeof(shortid) - 1] = '\0';
	out_map_begin(o, NULL);
	out_str(o, "commit", json ? e->commit : shortid);
	out_str(o, "date", when);
	out_str(o, "author", e->author);
	if (json)
		out_str(o, "email", e->email);
	out_str(o, "subject", e->subject);
	if (json) {
		out_list_begin(o, "card", OUT_TABLE);
		for (i = 0; i < e->ncard; i++)
			put_change_json(o, &e->card[i]);
		out_list_end(o);
		put_items(o, "brief", e->brief, e->nbrief);
	}
	/* Text: nested lists of one-key maps, which the printer indents. */
	if (!json && (e->ncard || e->card_touched)) {
		out_list_begin(o, "card", OUT_TABLE);
		for (i = 0; i < e->ncard; i++) {
			acct_buf_reset(&line);
			change_line(&line, &e->card[i]);
			put_line(o, "change", line.buf);
		}
		if (!e->ncard)
			put_line(o, "change", _("(comments or layout only)"));
		out_list_end(o);
	}
	if (!json && e->brief_touched) {
		out_list_begin(o, "brief", OUT_TABLE);
		for (i = 0; i < e->nbrief; i++)
			put_line(o, "section", e->brief[i]);
		if (!e->nbrief)
			put_line(o, "section", _("(other text)"));
		out_list_end(o);
	}
	out_map_end(o);
	acct_buf_release(&line);
}

int cmd_history(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct acct_buf slug = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_history *h = NULL;
	long limit = -1;
	int json = 0, rc;
	const struct opt options[] = {
		OPT_INT(0, "limit", &limit, N_("n"), N_("at most <n> commits, the newest")),
		OPT_BOOL(0, "json", &json, N_("print JSON")),
		OPT_END()
	};
	struct out *o;
	size_t i;

	if ((argc = opt_parse(argc, argv, options, history_usage)) < 0)
		return opt_exit(argc);
	if (argc != 1)
		return cmd_usage_error(history_usage, options,
				       "expected one <client>");
	if (limit == 0 || limit < -1)
		return cmd_usage_error(history_usage, options, "--limit must be at "
				       "least 1");
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if ((rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
		goto out;
	if (acct_history(&h, ctx->book, slug.buf, limit < 0 ? 0 : (size_t)limit,
			 &err) < 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	o = out_begin(ctx, json);
	out_str(o, "client", slug.buf);
	out_list_begin(o, "changes", OUT_TABLE);
	for (i = 0; i < h->n; i++)
		put_entry(o, &h->entries[i], json);
	out_list_end(o);
	rc = out_end(o) < 0 ? EXIT_FAIL : EXIT_OK;
out:
	acct_history_free(h);
	acct_buf_release(&slug);
	return rc;
}
