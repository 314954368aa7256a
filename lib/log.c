/*
 * Writing log entries: the front matter by libyaml's emitter, so that any
 * summary reads back exactly; one new file per entry, never an overwrite.
 */
#include "acct/entry.h"

#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "acct/book.h"
#include "acct/error.h"
#include "acct/slug.h"
#include "acct/text.h"
#include "acct/txn.h"
#include "acct/yaml.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/* The words of a file name: at most this many, this long. */
#define NAME_WORDS 5
#define NAME_BYTES 48

/*
 * The editor's template. It explains itself in HTML comments, which are
 * dropped when the text is saved (acct_md_drop_comments()): "#" starts a
 * heading in Markdown, and the template's own "## Decisions" is one, so
 * git's "#" comment lines would clash; an HTML comment is Markdown's own
 * way to say nothing, invisible wherever the entry is rendered, and the
 * brief's template already speaks that way.
 */
static const char template_en[] =
	"\n"
	"<!-- Line 1 is the summary: what happened, in one line "
	"(\"Agreed the Q4 budget\"). -->\n"
	"<!-- Below it, the notes. Lines like these are dropped when you "
	"save; without a summary nothing is saved. -->\n"
	"\n"
	"## Decisions\n"
	"\n"
	"<!-- One decision per line: - Raise the search bids by 15% -->\n"
	"- \n"
	"\n"
	"## Actions\n"
	"\n"
	"<!-- One task per line: - [ ] text @owner due:YYYY-MM-DD "
	"(@owner and due: are optional; @client: the client's task) -->\n"
	"- [ ] \n";

static const char template_ru[] =
	"\n"
	"<!-- Строка 1 — краткое содержание: что произошло, одной "
	"строкой («Согласовали бюджет на Q4»). -->\n"
	"<!-- Ниже — заметки. Такие строки при сохранении удаляются; "
	"без первой строки запись не сохраняется. -->\n"
	"\n"
	"## Решения\n"
	"\n"
	"<!-- Одно решение на строку: - Поднять ставки в поиске на 15% -->\n"
	"- \n"
	"\n"
	"## Задачи\n"
	"\n"
	"<!-- Одна задача на строку: - [ ] текст @исполнитель "
	"due:ГГГГ-ММ-ДД (@исполнитель и due: необязательны; @client — "
	"задача клиента) -->\n"
	"- [ ] \n";

const char *acct_entry_template(const char *locale)
{
	return !strcmp(locale, "ru") ? template_ru : template_en;
}

static int write_out(void *data, unsigned char *buffer, size_t size)
{
	acct_buf_add(data, buffer, size);
	return 1;
}

static int emit(yaml_emitter_t *em, yaml_event_t *ev)
{
	return yaml_emitter_emit(em, ev) ? 0 : -1;
}

/* One "key: value" pair; `typed` values (dates) are plain. */
static int pair(yaml_emitter_t *em, const char *key, const char *value,
		int typed)
{
	struct acct_buf probe = ACCT_BUF_INIT;
	yaml_scalar_style_t style;
	yaml_event_t ev;

	if (!value)
		return 0;
	/*
	 * libyaml quotes what YAML's syntax needs; acct_yaml_quote() also
	 * knows what other readers would take for a number, a bool or a
	 * date: ask for double quotes then.
	 */
	acct_yaml_quote(&probe, value, strlen(value), typed ? ACCT_YQ_TYPED : 0);
	style = probe.len && probe.buf[0] == '"' ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
						 : YAML_PLAIN_SCALAR_STYLE;
	acct_buf_release(&probe);
	yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)key,
				     (int)strlen(key), 1, 1, YAML_PLAIN_SCALAR_STYLE);
	if (emit(em, &ev) < 0)
		return -1;
	yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)value,
				     (int)strlen(value), 1, 1, style);
	return emit(em, &ev);
}

static int front_matter(struct acct_buf *out, const char *when,
			const struct acct_log_spec *s, const char *direction,
			const char *kind, const char *by)
{
	yaml_emitter_t em;
	yaml_event_t ev;
	int rc = 0;

	if (!yaml_emitter_initialize(&em))
		abort();
	yaml_emitter_set_output(&em, write_out, out);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_width(&em, -1);
	yaml_emitter_set_break(&em, YAML_LN_BREAK);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	rc |= emit(&em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 0);
	rc |= emit(&em, &ev);
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
					    YAML_BLOCK_MAPPING_STYLE);
	rc |= emit(&em, &ev);
	rc |= pair(&em, "date", when, 1);
	rc |= pair(&em, "channel", s->channel, 0);
	rc |= pair(&em, "direction", direction, 0);
	rc |= pair(&em, "kind", kind, 0);
	rc |= pair(&em, "summary", s->summary, 0);
	rc |= pair(&em, "by", by, 0);
	rc |= pair(&em, "message_id", s->message_id, 0);
	yaml_mapping_end_event_initialize(&ev);
	rc |= emit(&em, &ev);
	yaml_document_end_event_initialize(&ev, 1);
	rc |= emit(&em, &ev);
	yaml_stream_end_event_initialize(&ev);
	rc |= emit(&em, &ev);
	yaml_emitter_delete(&em);
	if (s->extra)
		acct_buf_addstr(out, s->extra);
	acct_buf_addstr(out, "---\n");
	return rc;
}

static int in_list(const char *v, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (!strcmp(v, list[i]))
			return 1;
	return 0;
}

static int check_spec(const struct acct_log_spec *s, struct acct_error *err)
{
	static const char *const directions[] = { "out", "in", NULL };
	int rc;

	if ((rc = acct_text_check_line(s->summary, _("the summary"), err)) < 0 ||
	    (s->by && (rc = acct_text_check_line(s->by, "--by", err)) < 0) ||
	    (s->message_id && (rc = acct_text_check_line(s->message_id,
							 _("the Message-ID"),
							 err)) < 0))
		return rc;
	if (!*s->summary)
		return acct_error_set(err, ACCT_EUSAGE, "the summary is empty");
	if (s->channel && !in_list(s->channel, acct_entry_channels))
		return acct_error_set(err, ACCT_EUSAGE, "--channel must be one of "
				      "call, meeting, email, chat, other, not '%s'",
				      s->channel);
	if (s->direction && !in_list(s->direction, directions))
		return acct_error_set(err, ACCT_EUSAGE, "--direction must be out "
				      "or in, not '%s'", s->direction);
	if (s->kind && !in_list(s->kind, acct_entry_kinds))
		return acct_error_set(err, ACCT_EUSAGE, "--kind must be one of note, "
				      "postmeet, message, report, review, "
				      "request, complaint, praise, not '%s'",
				      s->kind);
	if (s->body && !acct_text_is_utf8(s->body, s->body_len))
		return acct_error_set(err, ACCT_EUSAGE, "the body is not UTF-8 text");
	return 0;
}

/*
 * The kind an entry gets without --kind: a call or a meeting has a
 * post-meeting note; an e-mail or a chat is a message, a contact that is
 * no meeting ("sent the media plan by email" is not a post-meeting note);
 * anything else is the agency's own note.
 */
static const char *default_kind(const char *channel)
{
	if (!strcmp(channel, "call") || !strcmp(channel, "meeting"))
		return "postmeet";
	if (!strcmp(channel, "email") || !strcmp(channel, "chat"))
		return "message";
	return "note";
}

/* HH and MM of `t` in its own offset. */
static void clock_of(int *h, int *m, const struct acct_time *t)
{
	int64_t local = t->sec + (int64_t)t->off * 60;
	int64_t day = local % 86400;

	if (day < 0)
		day += 86400;
	*h = (int)(day / 3600);
	*m = (int)(day / 60 % 60);
}

/*
 * Write the ids of the items of entry `e` (the new entry, as `text`)
 * into `text`: from the moment, the author, the entry's date and its
 * client and summary, the item's place and text (lib/action_id.c).
 */
static int store_ids(struct acct_buf *text, struct acct_txn *t,
		     struct acct_book *book, const struct acct_entry *e,
		     const char *when, const char *by, struct acct_error *err)
{
	struct acct_action_ids ids = ACCT_ACTION_IDS_INIT;
	struct acct_buf seed = ACCT_BUF_INIT;
	char now[ACCT_TIME_STRLEN];
	int rc;

	if ((rc = acct_action_ids_load(&ids, book, acct_txn_index(t), err)) == 0) {
		acct_time_format(now, &book->now);
		acct_buf_addf(&seed, "%s\n%s\n%s\n%s\n%s", now, when,
			      by ? by : "", e->slug, e->summary);
		acct_buf_reset(text);
		acct_action_ids_store(text, e, seed.buf, &ids);
	}
	acct_action_ids_release(&ids);
	acct_buf_release(&seed);
	return rc;
}

int acct_log_stage(struct acct_buf *path_out, struct acct_txn *t,
		   struct acct_book *book, const struct acct_log_spec *s,
		   struct acct_error *err)
{
	struct acct_buf text = ACCT_BUF_INIT, words = ACCT_BUF_INIT,
			path = ACCT_BUF_INIT, who = ACCT_BUF_INIT;
	struct acct_entry *check = NULL;
	const struct acct_time *when = s->when ? s->when : &book->now;
	const char *channel = s->channel ? s->channel : "other";
	const char *kind = s->kind, *direction = s->direction, *by = s->by;
	char iso[ACCT_TIME_STRLEN], day[ACCT_DATE_STRLEN];
	struct acct_date d;
	struct acct_log_spec spec = *s;
	size_t body_at, i, fm_lines = 0, skipped = 0;
	struct acct_time local;
	int h, m, n, rc;

	if ((rc = check_spec(s, err)) < 0)
		goto out;
	if (s->when) {
		/*
		 * "Ahead" is judged on local dates (TZ), as the file name is:
		 * 00:30+14:00 on the 10th is still the 9th in Moscow.
		 */
		struct acct_time now = book->now;
		struct acct_date today;

		local.sec = s->when->sec;
		local.off = acct_time_local_offset(local.sec);
		acct_time_date(&d, &local);
		now.off = acct_time_local_offset(now.sec);
		acct_time_date(&today, &now);
		if ((rc = acct_date_check_not_ahead(&d, &today, "--date",
						    err)) < 0)
			goto out;
	}
	if (!kind)
		kind = default_kind(channel);
	if (!direction && strcmp(kind, "note"))
		direction = "out";
	if (!by) {
		/* git's user.name, without the address. */
		char *lt;

		if ((rc = acct_ident_who(&who, book, err)) < 0)
			goto out;
		if ((lt = strstr(who.buf, " <")))
			acct_buf_setlen(&who, (size_t)(lt - who.buf));
		by = who.buf;
	}
	spec.channel = channel;
	acct_time_format(iso, when);
	if ((rc = front_matter(&text, iso, &spec, direction, kind, by)) < 0) {
		rc = acct_error_set(err, ACCT_ERROR, "cannot write the front matter");
		goto out;
	}
	body_at = text.len;
	for (i = 0; i < body_at; i++)
		if (text.buf[i] == '\n')
			fm_lines++;
	if (s->body && s->body_len) {
		/*
		 * The body as given, without empty lines at the top (lines
		 * as cmark counts them: "\n", "\r\n", a lone "\r").
		 */
		for (i = 0; i < s->body_len &&
		     acct_text_line_end(s->body, s->body_len, i, NULL) == i;
		     skipped++)
			acct_text_line_end(s->body, s->body_len, i, &i);
		acct_buf_add(&text, s->body + i, s->body_len - i);
		if (text.len > body_at && text.buf[text.len - 1] != '\n')
			acct_buf_addch(&text, '\n');
	}
	/*
	 * What we wrote must read back as what was asked. A mistake in the
	 * body (a bad due: date) is the user's input: say where in it.
	 */
	if ((rc = acct_entry_parse(&check, s->slug, "new entry", text.buf,
				   text.len, err)) < 0) {
		if (err && err->line > fm_lines) {
			char why[sizeof(err->msg)];
			size_t line = err->line - fm_lines + skipped, col = err->col;

			if (s->body_line > 1)
				line += s->body_line - 1;

			memcpy(why, err->msg, sizeof(why));
			acct_error_at(err, ACCT_EUSAGE, s->body_name ? s->body_name :
				      _("the text"), line, col, "%s", why);
			rc = ACCT_EUSAGE;
		}
		goto out;
	}
	if (strcmp(check->summary, s->summary)) {
		rc = acct_error_set(err, ACCT_ERROR, "the summary does not read "
				    "back as written");
		goto out;
	}
	/* Each action item gets an id of its own, unique in the book. */
	if (check->nactions &&
	    (rc = store_ids(&text, t, book, check, iso, by, err)) < 0)
		goto out;
	/* File names are in local time (TZ), whatever offset was given. */
	local.sec = when->sec;
	local.off = acct_time_local_offset(when->sec);
	acct_time_date(&d, &local);
	acct_date_format(day, &d);
	clock_of(&h, &m, &local);
	acct_slug_words(&words, s->summary, NAME_WORDS, NAME_BYTES);
	for (n = 1; n < 1000; n++) {
		acct_buf_reset(&path);
		acct_buf_addf(&path, "clients/%s/log/%.4s/%sT%02d%02d-%s", s->slug,
			      day, day, h, m, words.len ? words.buf : "entry");
		if (n > 1)
			acct_buf_addf(&path, "-%d", n);
		acct_buf_addstr(&path, ".md");
		rc = acct_txn_put(t, path.buf, text.buf, text.len, ACCT_TXN_NEW, err);
		if (rc != ACCT_EEXISTS)
			break;
	}
	if (rc < 0)
		goto out;
	acct_buf_addstr(path_out, path.buf);
	rc = 0;
out:
	acct_entry_free(check);
	acct_buf_release(&text);
	acct_buf_release(&words);
	acct_buf_release(&path);
	acct_buf_release(&who);
	return rc;
}

int acct_log_add(struct acct_buf *path_out, struct acct_book *book,
		 const struct acct_log_spec *s, struct acct_error *err)
{
	struct acct_buf path = ACCT_BUF_INIT, msg = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	int rc;

	/* The values are checked before the index is locked. */
	if ((rc = check_spec(s, err)) < 0)
		return rc;
	acct_commit_subject(&msg, s->command ? s->command : "log", s->slug,
			    s->subject ? s->subject : s->summary);
	if ((rc = acct_txn_begin(&t, book, err)) == 0 &&
	    (rc = acct_log_stage(&path, t, book, s, err)) == 0 &&
	    (rc = acct_txn_commit(t, msg.buf, err)) >= 0) {
		acct_buf_addstr(path_out, path.buf);
		rc = 0;
	}
	acct_txn_free(t);
	acct_buf_release(&path);
	acct_buf_release(&msg);
	return rc;
}

/* The action of `e` with id `id`, or NULL. */
static const struct acct_action *action_by_id(const struct acct_entry *e,
					      const char *id)
{
	size_t i;

	for (i = 0; i < e->nactions; i++)
		if (!strcmp(e->actions[i].id, id))
			return &e->actions[i];
	return NULL;
}

int acct_action_tick(struct acct_buf *out, const struct acct_entry *e,
		     const struct acct_action *a, int done,
		     struct acct_error *err)
{
	struct acct_buf text = ACCT_BUF_INIT;
	struct acct_entry *check = NULL;
	struct acct_error why = ACCT_ERROR_INIT;
	const struct acct_action *was, *now;
	size_t i;
	int ok;

	/*
	 * The byte at `mark` must be the middle of "[ ]" or "[x]", and the
	 * entry read again must put the item with this id, text and all,
	 * exactly there.
	 */
	was = action_by_id(e, a->id);
	ok = was && a->mark >= 1 && a->mark + 1 < e->text.len &&
	     e->text.buf[a->mark - 1] == '[' && e->text.buf[a->mark + 1] == ']' &&
	     strchr(" xX", e->text.buf[a->mark]) && e->text.buf[a->mark] &&
	     was->mark == a->mark && !strcmp(was->text, a->text);
	if (ok) {
		acct_buf_add(&text, e->text.buf, e->text.len);
		text.buf[a->mark] = done ? 'x' : ' ';
		/* Only that one character changes; every other box stays. */
		ok = acct_entry_parse(&check, e->slug, e->path, text.buf, text.len,
				      &why) == 0 &&
		     check->nactions == e->nactions &&
		     (now = action_by_id(check, a->id)) &&
		     now->mark == a->mark && now->done == done &&
		     !strcmp(now->text, a->text);
		for (i = 0; ok && i < e->nactions; i++)
			ok = !strcmp(check->actions[i].id, e->actions[i].id) &&
			     check->actions[i].mark == e->actions[i].mark &&
			     (check->actions[i].done == e->actions[i].done ||
			      check->actions[i].mark == a->mark);
	}
	acct_entry_free(check);
	if (!ok) {
		acct_buf_release(&text);
		acct_error_at(err, ACCT_EDATA, e->path, a->line, a->col,
			      "the box of '%s' is not where it was read; the "
			      "entry was not changed", a->text);
		acct_error_hint(err, "tick the box by hand in %s and commit it",
				e->path);
		return ACCT_EDATA;
	}
	acct_buf_add(out, text.buf, text.len);
	acct_buf_release(&text);
	return 0;
}

int acct_action_mark(struct acct_book *book, const struct acct_entry *e,
		     const struct acct_action *a, int done,
		     struct acct_error *err)
{
	struct acct_buf text = ACCT_BUF_INIT, msg = ACCT_BUF_INIT,
			what = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	int rc;

	if (a->done == done)
		return 1;
	if ((rc = acct_action_tick(&text, e, a, done, err)) < 0)
		goto out;
	acct_buf_addf(&what, "%s %s", done ? "done" : "reopen", a->text);
	acct_commit_subject(&msg, "todo", e->slug, what.buf);
	if ((rc = acct_txn_begin(&t, book, err)) == 0 &&
	    (rc = acct_txn_put(t, e->path, text.buf, text.len, 0, err)) == 0)
		rc = acct_txn_commit(t, msg.buf, err);
out:
	acct_txn_free(t);
	acct_buf_release(&text);
	acct_buf_release(&msg);
	acct_buf_release(&what);
	return rc;
}
