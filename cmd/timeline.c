/* acct timeline: read the log, newest first. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/entry.h"
#include "acct/banned.h"

static const char *const timeline_usage[] = {
	N_("acct timeline [<client>] [--since <date>] [--until <date>] "
	"[--channel <channel>] [--kind <kind>] [--decisions] [--actions] "
	"[--limit <n>] [--reverse] [--json]"),
	NULL,
};

static int in_list(const char *v, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (!strcmp(v, list[i]))
			return 1;
	return 0;
}

void cmd_put_action(struct out *o, const struct acct_action *a, int box,
		    int json)
{
	char due[ACCT_DATE_STRLEN], id[ACCT_ACTION_ID_LEN + 1];
	struct acct_buf title = ACCT_BUF_INIT;

	memcpy(id, a->id, ACCT_ACTION_ID_LEN);
	id[ACCT_ACTION_ID_LEN] = '\0';
	out_str(o, "id", id);
	if (box)
		out_str(o, "box", a->done ? "[x]" : "[ ]");
	if (a->has_due)
		acct_date_format(due, &a->due);
	out_str(o, "due", a->has_due ? due : NULL);
	out_str(o, "owner", a->owner);
	/* A column says the owner and one the date: not the text again. */
	if (!json)
		acct_action_title(&title, a);
	out_str(o, "text", json ? a->text : title.buf);
	acct_buf_release(&title);
}

static void put_entry(struct out *o, const struct acct_entry *e,
		      int decisions, int actions, int json)
{
	char when[ACCT_TIME_STRLEN];
	size_t i;

	acct_time_format(when, &e->when);
	out_map_begin(o, NULL);
	out_str(o, "date", when);
	out_str(o, "client", e->slug);
	out_str(o, "channel", e->channel);
	out_str(o, "direction", e->direction);
	out_str(o, "kind", e->kind);
	out_str(o, "summary", e->summary);
	if (json) {
		out_str(o, "by", e->by);
		out_str(o, "path", e->path);
		out_str(o, "message_id", e->message_id);
	}
	if (decisions || json) {
		out_list_begin(o, "decisions", OUT_LINES);
		for (i = 0; i < e->ndecisions; i++)
			out_str(o, NULL, e->decisions[i]);
		out_list_end(o);
	}
	if (actions || json) {
		out_list_begin(o, "actions", OUT_TABLE);
		for (i = 0; i < e->nactions; i++) {
			out_map_begin(o, NULL);
			cmd_put_action(o, &e->actions[i], 1, json);
			if (json)
				out_bool(o, "done", e->actions[i].done);
			out_map_end(o);
		}
		out_list_end(o);
	}
	out_map_end(o);
}

static int newest_first(const void *a, const void *b)
{
	const struct acct_entry *x = *(struct acct_entry *const *)a;
	const struct acct_entry *y = *(struct acct_entry *const *)b;

	if (x->when.sec != y->when.sec)
		return x->when.sec < y->when.sec ? 1 : -1;
	return strcmp(y->path, x->path);
}

int cmd_timeline(int argc, const char **argv, struct cmd_ctx *ctx)
{
	const char *since_s = NULL, *until_s = NULL, *channel = NULL, *kind = NULL;
	int decisions = 0, actions = 0, reverse = 0, json = 0, bad = 0;
	long limit = -1;
	const struct opt options[] = {
		OPT_STRING(0, "since", &since_s, N_("date"), N_("entries on or after this day")),
		OPT_STRING(0, "until", &until_s, N_("date"), N_("entries on or before this day")),
		OPT_STRING(0, "channel", &channel, N_("channel"), N_("only this channel")),
		OPT_STRING(0, "kind", &kind, N_("kind"), N_("only this kind")),
		OPT_BOOL(0, "decisions", &decisions, N_("show the decisions of each entry")),
		OPT_BOOL(0, "actions", &actions, N_("show the action items of each entry")),
		OPT_INT(0, "limit", &limit, N_("n"), N_("at most <n> entries, the newest")),
		OPT_BOOL(0, "reverse", &reverse, N_("oldest first")),
		OPT_BOOL(0, "json", &json, N_("print JSON")),
		OPT_END()
	};
	struct acct_entry_list list = ACCT_ENTRY_LIST_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf slug = ACCT_BUF_INIT;
	struct acct_date since, until;
	struct acct_entry **shown = NULL;
	size_t nshown = 0, i;
	struct out *o;
	int rc;

	if ((argc = opt_parse(argc, argv, options, timeline_usage)) < 0)
		return opt_exit(argc);
	if (argc > 1)
		return cmd_usage_error(timeline_usage, options, "expected at most one <client>");
	if (since_s && acct_date_parse(&since, since_s, &err) < 0)
		return cmd_fail_option("--since", &err);
	if (until_s && acct_date_parse(&until, until_s, &err) < 0)
		return cmd_fail_option("--until", &err);
	if (channel && !in_list(channel, acct_entry_channels))
		return cmd_usage_error(timeline_usage, options, "--channel must be one "
				       "of call, meeting, email, chat, other, not '%s'",
				       channel);
	if (kind && !in_list(kind, acct_entry_kinds))
		return cmd_usage_error(timeline_usage, options, "--kind must be one of "
				       "note, postmeet, message, report, review, "
				       "request, complaint, praise, not '%s'", kind);
	if (limit == 0 || limit < -1)
		return cmd_usage_error(timeline_usage, options, "--limit must be at "
				       "least 1");
	if (cmd_open_book(ctx) < 0)
		return EXIT_FAIL;
	if (argc && (rc = cmd_resolve_client(&slug, ctx, argv[0])) != 0)
		return rc;
	if (acct_entry_list(&list, ctx->book, argc ? slug.buf : NULL,
			    since_s ? &since : NULL, until_s ? &until : NULL,
			    &err) < 0) {
		acct_buf_release(&slug);
		acct_entry_list_release(&list);
		return cmd_fail(&err);
	}
	o = out_begin(ctx, json);
	shown = acct_calloc(list.n + 1, sizeof(*shown));
	/* Newest first by file name; read only until the limit is reached. */
	for (i = 0; i < list.n && (limit < 0 || nshown < (size_t)limit); i++) {
		struct acct_entry *e = NULL;

		if (acct_entry_load(&e, ctx->book, list.refs[i].slug,
				    list.refs[i].path, &err) < 0) {
			out_error(o, &err);
			bad = 1;
			continue;
		}
		if ((channel && strcmp(e->channel, channel)) ||
		    (kind && strcmp(e->kind, kind))) {
			acct_entry_free(e);
			continue;
		}
		shown[nshown++] = e;
	}
	/*
	 * Names carry the writer's local time; the moment itself orders
	 * entries written in different time zones.
	 */
	if (nshown > 1)
		qsort(shown, nshown, sizeof(*shown), newest_first);
	out_list_begin(o, "entries", OUT_TABLE);
	for (i = 0; i < nshown; i++)
		put_entry(o, shown[reverse ? nshown - 1 - i : i], decisions,
			  actions, json);
	out_list_end(o);
	if (out_end(o) < 0)
		bad = 1;
	for (i = 0; i < nshown; i++)
		acct_entry_free(shown[i]);
	free(shown);
	acct_entry_list_release(&list);
	acct_buf_release(&slug);
	return bad ? EXIT_FAIL : EXIT_OK;
}
