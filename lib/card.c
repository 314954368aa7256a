/*
 * Changing client cards: what a key may hold, and the commits that change
 * one. The bytes are spliced by lib/yedit.c; this file knows the schema.
 */
#include "acct/client.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acct/book.h"
#include "acct/config.h"
#include "acct/date.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/slug.h"
#include "acct/text.h"
#include "acct/tz.h"
#include "acct/txn.h"
#include "acct/yedit.h"
#include "acct/i18n.h"
#include "acct/banned.h"

static const char *const root_order[] = {
	"name", "status", "since", "manager", "services", "email", "phone",
	"telegram", "contacts", "channels", "style", "locale", "timezone",
	"hours", "cadence", "budget", "fee", "goals", "campaigns", "source",
	"tags", "archived", NULL,
};
static const char *const cadence_order[] = {
	"contact", "call", "report", "nps", "review", NULL,
};
static const char *const money_order[] = {
	"amount", "currency", "period", "floating", NULL,
};
static const char *const contact_order[] = {
	"name", "role", "email", "phone", "telegram", "birthday", "primary",
	NULL,
};
static const char *const channels_order[] = { "fast", "official", NULL };
static const char *const goals_order[] = {
	"business", "marketing", "project", "kpi", NULL,
};

const char *const *acct_client_key_order(const char *parent)
{
	if (!*parent)
		return root_order;
	if (!strcmp(parent, "cadence"))
		return cadence_order;
	if (!strcmp(parent, "budget") || !strcmp(parent, "fee"))
		return money_order;
	if (!strcmp(parent, "contacts[]"))
		return contact_order;
	if (!strcmp(parent, "channels"))
		return channels_order;
	if (!strcmp(parent, "goals"))
		return goals_order;
	return NULL;
}

enum kind {
	K_TEXT, K_NAME, K_STATUS, K_DATE, K_DURATION, K_REPORT, K_AMOUNT,
	K_CURRENCY, K_PERIOD, K_PERCENT, K_STYLE, K_HOURS, K_TIMEZONE,
	K_LIST, K_CONTACTS, K_MAP, K_BOOL, K_CHANNEL, K_BIRTHDAY, K_LOCALE,
};

/*
 * What a value of each kind may be: said by `client set -h` and by the
 * message that refuses a value ("status must be one of ..., not 'x'").
 * K_MAP has none: its keys are listed instead.
 */
/* What a key may hold, for messages and -h: N_(), translated there. */
static const char *const kind_what[] = {
	[K_TEXT] = N_("text"),
	[K_NAME] = N_("text, not empty"),
	[K_STATUS] = N_("one of lead, active, paused, churned"),
	[K_DATE] = N_("a date, YYYY-MM-DD"),
	[K_DURATION] = N_("a duration: 3d, 2w, 1m, 3wd (working days)"),
	[K_REPORT] = N_("weekly, monthly or a duration"),
	[K_AMOUNT] = N_("a number such as 150000 or 99.50"),
	[K_CURRENCY] = N_("a three-letter code such as RUB, EUR or USD"),
	[K_PERIOD] = N_("month, quarter, year or once"),
	[K_PERCENT] = N_("a whole percent from 0 to 100"),
	[K_STYLE] = N_("formal or informal"),
	[K_HOURS] = N_("working hours as HH:MM-HH:MM"),
	[K_TIMEZONE] = N_("a time zone such as Europe/Moscow"),
	[K_LIST] = N_("a list of text: --add and --remove"),
	[K_CONTACTS] = N_("changed with 'acct client contact add' and 'rm'"),
	[K_MAP] = NULL,
	[K_BOOL] = N_("true or false"),
	[K_BIRTHDAY] = N_("a birthday, MM-DD or YYYY-MM-DD"),
	[K_CHANNEL] = N_("one of telegram, whatsapp, viber, signal, slack, "
		      "teams, wechat, vk, max, chat, email, phone"),
	[K_LOCALE] = N_("en or ru"),
};

/* The channels a card's channels.fast and channels.official may name. */
static const char *const channel_names[] = {
	"telegram", "whatsapp", "viber", "signal", "slack", "teams", "wechat",
	"vk", "max", "chat", "email", "phone", NULL,
};

/* Sorted by key; `client set -h` lists them in this order. */
static const struct keyspec {
	const char *key;
	enum kind kind;
} keys[] = {
	{ "archived", K_DATE },
	{ "budget", K_MAP },
	{ "budget.amount", K_AMOUNT },
	{ "budget.currency", K_CURRENCY },
	{ "budget.period", K_PERIOD },
	{ "cadence", K_MAP },
	{ "cadence.call", K_DURATION },
	{ "cadence.contact", K_DURATION },
	{ "cadence.nps", K_DURATION },
	{ "cadence.report", K_REPORT },
	{ "cadence.review", K_DURATION },
	{ "campaigns", K_LIST },
	{ "channels", K_MAP },
	{ "channels.fast", K_CHANNEL },
	{ "channels.official", K_CHANNEL },
	{ "contacts", K_CONTACTS },
	{ "email", K_TEXT },
	{ "fee", K_MAP },
	{ "fee.amount", K_AMOUNT },
	{ "fee.currency", K_CURRENCY },
	{ "fee.floating", K_PERCENT },
	{ "fee.period", K_PERIOD },
	{ "goals", K_MAP },
	{ "goals.business", K_TEXT },
	{ "goals.kpi", K_LIST },
	{ "goals.marketing", K_TEXT },
	{ "goals.project", K_TEXT },
	{ "hours", K_HOURS },
	{ "locale", K_LOCALE },
	{ "manager", K_TEXT },
	{ "name", K_NAME },
	{ "phone", K_TEXT },
	{ "services", K_LIST },
	{ "since", K_DATE },
	{ "source", K_TEXT },
	{ "status", K_STATUS },
	{ "style", K_STYLE },
	{ "tags", K_LIST },
	{ "telegram", K_TEXT },
	{ "timezone", K_TIMEZONE },
};

#define NKEYS (sizeof(keys) / sizeof(*keys))

const char *acct_client_key(size_t i, const char **allowed)
{
	size_t k;

	for (k = 0; k < NKEYS; k++) {
		if (keys[k].kind == K_MAP)
			continue;
		if (!i--) {
			if (allowed)
				*allowed = kind_what[keys[k].kind];
			return keys[k].key;
		}
	}
	return NULL;
}

int acct_client_channel_ok(const char *s)
{
	size_t i;

	for (i = 0; channel_names[i]; i++)
		if (!strcmp(s, channel_names[i]))
			return 1;
	return 0;
}

/* The keys under the mapping `key`, "channels.fast, channels.official". */
static void subkeys(struct acct_buf *out, const char *key)
{
	size_t k, len = strlen(key);

	for (k = 0; k < NKEYS; k++)
		if (!strncmp(keys[k].key, key, len) && keys[k].key[len] == '.')
			acct_buf_addf(out, "%s%s", out->len ? ", " : "",
				      keys[k].key);
}

static enum kind kind_of(const char *key)
{
	size_t i;

	/* contacts.<n>.<field>: a field of one contact. */
	if (!strncmp(key, "contacts.", 9) && key[9] >= '0' && key[9] <= '9') {
		const char *field = strchr(key + 9, '.');

		if (!field)
			return K_MAP;
		if (!strcmp(field, ".primary"))
			return K_BOOL;
		if (!strcmp(field, ".birthday"))
			return K_BIRTHDAY;
		return !strcmp(field, ".name") ? K_NAME : K_TEXT;
	}

	for (i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i].key, key))
			return keys[i].kind;
	return K_TEXT;
}

/* Keys are words of letters, digits, '_' and '-', joined by dots. */
static int key_ok(const char *key, struct acct_error *err)
{
	const char *s = key;
	int word = 0;

	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-') {
			word = 1;
		} else if (*s == '.' && word) {
			word = 0;
		} else {
			word = -1;
			break;
		}
	}
	if (word == 1)
		return 0;
	return acct_error_set(err, ACCT_EUSAGE, "invalid key '%s': use words "
			      "of letters, digits, '_' and '-' joined by dots "
			      "(cadence.contact)", key);
}

static int hours_ok(const char *s)
{
	int h1, m1, h2, m2;
	char tail;

	if (strlen(s) != 11 || s[2] != ':' || s[5] != '-' || s[8] != ':')
		return 0;
	if (sscanf(s, "%2d:%2d-%2d:%2d%c", &h1, &m1, &h2, &m2, &tail) != 4)
		return 0;
	return h1 >= 0 && h1 <= 24 && h2 >= 0 && h2 <= 24 && m1 >= 0 &&
	       m1 < 60 && m2 >= 0 && m2 < 60 && h1 * 60 + m1 < h2 * 60 + m2 &&
	       h1 * 60 + m1 <= 1440 && h2 * 60 + m2 <= 1440;
}

/*
 * A zone's name that the system knows: its TZif file reads (when the
 * machine has no zoneinfo at all, the shape alone).
 */
static int timezone_ok(const char *s)
{
	struct acct_error why = ACCT_ERROR_INIT;
	struct acct_tz *tz = NULL;
	struct stat st;
	int ok;

	if (!acct_tz_name_ok(s))
		return 0;
	if (stat(ACCT_TZ_DIR, &st) < 0)
		return 1;
	ok = acct_tz_load(&tz, NULL, s, &why) == 0;
	acct_tz_free(tz);
	return ok;
}

static int bad(struct acct_error *err, const char *name, const char *value,
	       enum kind kind)
{
	return acct_error_set(err, ACCT_EUSAGE, "%s must be %s, not '%s'",
			      name, _(kind_what[kind]), value);
}

/*
 * Check `value` for `key`, naming it `name` in messages (the key, or the
 * option of client add that sets it); set the quoting it needs.
 */
static int check_value(unsigned *quote, const char *key, const char *name,
		       const char *value, struct acct_error *err)
{
	struct acct_error why = ACCT_ERROR_INIT;
	struct acct_buf sub = ACCT_BUF_INIT;
	struct acct_date d;
	struct acct_duration dur;
	enum acct_report_cadence rep;
	enum kind kind = kind_of(key);
	int rc;

	*quote = 0;
	if ((rc = acct_text_check_line(value, name, err)) < 0)
		return rc;
	switch (kind) {
	case K_NAME:
		if (!*value)
			return acct_error_set(err, ACCT_EUSAGE, "%s must not be "
					      "empty", name);
		return 0;
	case K_TEXT:
		return 0;
	case K_STATUS:
		return acct_client_status_ok(value) ? 0 :
			bad(err, name, value, kind);
	case K_STYLE:
		return !strcmp(value, "formal") || !strcmp(value, "informal") ? 0 :
			bad(err, name, value, kind);
	case K_CHANNEL:
		return acct_client_channel_ok(value) ? 0 :
			bad(err, name, value, kind);
	case K_LOCALE:
		return !strcmp(value, "en") || !strcmp(value, "ru") ? 0 :
			bad(err, name, value, kind);
	case K_DATE:
		*quote = ACCT_YQ_TYPED;
		if (acct_date_parse(&d, value, &why) < 0)
			return acct_error_set(err, ACCT_EUSAGE, "%s: %s", name, why.msg);
		return 0;
	case K_DURATION:
		*quote = ACCT_YQ_TYPED;
		if (acct_duration_parse(&dur, value, &why) < 0)
			return acct_error_set(err, ACCT_EUSAGE, "%s: %s", name, why.msg);
		return 0;
	case K_REPORT:
		*quote = ACCT_YQ_TYPED;
		if (acct_report_cadence_parse(&rep, &dur, value, &why) < 0)
			return acct_error_set(err, ACCT_EUSAGE, "%s: %s", name, why.msg);
		return 0;
	case K_AMOUNT:
		*quote = ACCT_YQ_TYPED;
		return acct_amount_ok(value) ? 0 : bad(err, name, value, kind);
	case K_CURRENCY:
		return strlen(value) == 3 && strspn(value,
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 3 ? 0 :
			bad(err, name, value, kind);
	case K_PERIOD:
		return !strcmp(value, "month") || !strcmp(value, "quarter") ||
		       !strcmp(value, "year") || !strcmp(value, "once") ? 0 :
			bad(err, name, value, kind);
	case K_PERCENT: {
		char *end;
		long v = strtol(value, &end, 10);

		*quote = ACCT_YQ_TYPED;
		return *value >= '0' && *value <= '9' && !*end && v >= 0 &&
		       v <= 100 && strlen(value) <= 3 ? 0 :
			bad(err, name, value, kind);
	}
	case K_HOURS:
		return hours_ok(value) ? 0 : bad(err, name, value, kind);
	case K_TIMEZONE:
		return timezone_ok(value) ? 0 : bad(err, name, value, kind);
	case K_BOOL:
		*quote = ACCT_YQ_TYPED;
		return !strcmp(value, "true") || !strcmp(value, "false") ? 0 :
			bad(err, name, value, kind);
	case K_BIRTHDAY: {
		struct acct_yearly y;

		*quote = ACCT_YQ_TYPED;
		if (acct_yearly_parse(&y, value, &why) < 0)
			return acct_error_set(err, ACCT_EUSAGE, "%s: %s", name, why.msg);
		return 0;
	}
	case K_LIST:
		return acct_error_set(err, ACCT_EUSAGE, "%s is a list: use --add "
				      "or --remove", name);
	case K_CONTACTS:
		return acct_error_set(err, ACCT_EUSAGE, "contacts are changed with "
				      "'acct client contact add' and 'rm'");
	case K_MAP:
		subkeys(&sub, key);
		if (sub.len)
			acct_error_set(err, ACCT_EUSAGE, "%s holds several values: "
				       "set one of them: %s", name, sub.buf);
		else
			acct_error_set(err, ACCT_EUSAGE, "%s holds several values: "
				       "set one of them (%s.<key>)", name, key);
		acct_error_hint(err, "'acct client set -h' lists the keys and "
				"what each may hold");
		acct_buf_release(&sub);
		return ACCT_EUSAGE;
	}
	return 0;
}

int acct_client_value_check(const char *key, const char *name,
			    const char *value, struct acct_error *err)
{
	unsigned quote;

	return check_value(&quote, key, name ? name : key, value, err);
}

/* A key of the schema (or a field of a contact), as opposed to free text. */
static int known(const char *key)
{
	size_t i;

	if (!strncmp(key, "contacts.", 9))
		return 1;
	for (i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i].key, key))
			return 1;
	return 0;
}

/* "status.x": a path below a key that holds one value or a list. */
static int below_value(const char *key, struct acct_error *err)
{
	const char *dot;

	for (dot = strchr(key, '.'); dot; dot = strchr(dot + 1, '.')) {
		char head[128];
		enum kind k;

		if ((size_t)(dot - key) >= sizeof(head))
			break;
		memcpy(head, key, (size_t)(dot - key));
		head[dot - key] = '\0';
		k = kind_of(head);
		if (known(head) && k != K_MAP && k != K_CONTACTS)
			return acct_error_set(err, ACCT_EUSAGE, "'%s' holds %s; "
					      "there is no '%s'", head,
					      k == K_LIST ? "a list" : "a single value",
					      key);
	}
	return 0;
}

int acct_client_set_op(struct acct_yedit_op *op, const char *key,
		       const char *value, struct acct_error *err)
{
	unsigned quote;
	int rc;

	memset(op, 0, sizeof(*op));
	if ((rc = key_ok(key, err)) < 0 ||
	    (rc = below_value(key, err)) < 0 ||
	    (rc = check_value(&quote, key, key, value, err)) < 0)
		return rc;
	op->kind = ACCT_YEDIT_SET;
	op->key = key;
	op->value = value;
	op->quote = quote;
	op->order = acct_client_key_order;
	return 0;
}

int acct_client_unset_op(struct acct_yedit_op *op, const char *key,
			 struct acct_error *err)
{
	int rc;

	memset(op, 0, sizeof(*op));
	if ((rc = key_ok(key, err)) < 0 || (rc = below_value(key, err)) < 0)
		return rc;
	if (kind_of(key) == K_NAME)
		return acct_error_set(err, ACCT_EUSAGE, "a %s must have a name",
				      strcmp(key, "name") ? "contact" : "card");
	if (kind_of(key) == K_CONTACTS)
		return acct_error_set(err, ACCT_EUSAGE, "contacts are changed with "
				      "'acct client contact add' and 'rm'");
	op->kind = ACCT_YEDIT_UNSET;
	op->key = key;
	op->order = acct_client_key_order;
	return 0;
}

static const struct acct_strlist *card_list(const struct acct_client *c,
					    const char *key)
{
	if (!strcmp(key, "services"))
		return &c->services;
	if (!strcmp(key, "tags"))
		return &c->tags;
	if (!strcmp(key, "campaigns"))
		return &c->campaigns;
	return NULL;
}

int acct_client_list_op(struct acct_yedit_op *op, const struct acct_client *c,
			const char *key, const char *value, int add,
			struct acct_error *err)
{
	const struct acct_ynode *list = NULL;
	const struct acct_strlist *known;
	size_t i, n = 0;
	long at = -1;
	int rc;

	memset(op, 0, sizeof(*op));
	if ((rc = key_ok(key, err)) < 0 ||
	    (rc = acct_text_check_line(value, key, err)) < 0)
		return rc;
	if (!*value)
		return acct_error_set(err, ACCT_EUSAGE, "an item of %s must not "
				      "be empty", key);
	if (kind_of(key) != K_LIST)
		return acct_error_set(err, ACCT_EUSAGE, "%s is not a list; --add "
				      "and --remove are for services, tags, "
				      "campaigns and goals.kpi", key);
	if ((known = card_list(c, key))) {
		for (i = 0; i < known->n; i++)
			if (!strcmp(known->items[i], value))
				at = (long)i;
	} else {
		/* goals.kpi: read it from the tree. */
		list = acct_ynode_get(acct_ynode_get(c->doc.root, "goals", NULL),
				      "kpi", NULL);
		if (list && list->type == ACCT_YSEQ)
			n = list->n;
		for (i = 0; i < n; i++) {
			const struct acct_ynode *it = acct_ynode_deref(list->items[i]);

			if (it->type == ACCT_YSCALAR && !strcmp(it->value, value))
				at = (long)i;
		}
	}
	if (add && at >= 0)
		return acct_error_set(err, ACCT_EEXISTS, "'%s' is in %s already",
				      value, key);
	if (!add && at < 0)
		return acct_error_set(err, ACCT_ENOTFOUND, "%s has no '%s'", key,
				      value);
	op->kind = add ? ACCT_YEDIT_APPEND : ACCT_YEDIT_DELETE;
	op->key = key;
	op->value = value;
	op->index = at < 0 ? 0 : (size_t)at;
	op->order = acct_client_key_order;
	return 0;
}

static int card_text(struct acct_buf *out, struct acct_book *book,
		     const char *rel, struct acct_error *err)
{
	struct acct_buf abs = ACCT_BUF_INIT;
	int rc = 0;

	acct_book_path(&abs, book, rel);
	if (acct_file_read(out, abs.buf, rel, book->config.input_bytes, 0,
			   err) < 0) {
		rc = ACCT_EDATA;
		if (err)
			err->code = rc;
	}
	acct_buf_release(&abs);
	return rc;
}

/* The card must load, with the slug it has, before it is written. */
static int check_card(const char *slug, const char *rel, const char *text,
		      size_t len, struct acct_error *err)
{
	struct acct_client *c = NULL;
	int rc = acct_client_parse(&c, slug, rel, text, len, err);

	acct_client_free(c);
	return rc;
}

static int commit_card(struct acct_book *book, const char *rel,
		       const char *text, size_t len, const char *subject,
		       const char *move_from, const char *move_to,
		       struct acct_error *err)
{
	struct acct_txn *t = NULL;
	int rc;

	if ((rc = acct_txn_begin(&t, book, err)) < 0 ||
	    (move_from && (rc = acct_txn_move(t, move_from, move_to, err)) < 0) ||
	    (rc = acct_txn_put(t, rel, text, len, 0, err)) < 0)
		goto out;
	rc = acct_txn_commit(t, subject, err);
out:
	acct_txn_free(t);
	return rc;
}

int acct_client_change(struct acct_book *book, const char *slug,
		       const struct acct_yedit_op *ops, size_t nops,
		       const char *command, const char *summary,
		       struct acct_error *err)
{
	struct acct_buf rel = ACCT_BUF_INIT, text = ACCT_BUF_INIT,
			next = ACCT_BUF_INIT, msg = ACCT_BUF_INIT;
	size_t i;
	int rc;

	acct_buf_addf(&rel, "clients/%s/client.yaml", slug);
	if ((rc = card_text(&text, book, rel.buf, err)) < 0)
		goto out;
	for (i = 0; i < nops; i++) {
		acct_buf_reset(&next);
		if ((rc = acct_yedit(&next, text.buf, text.len, rel.buf, &ops[i],
				     err)) < 0)
			goto out;
		acct_buf_reset(&text);
		acct_buf_add(&text, next.buf, next.len);
	}
	if ((rc = check_card(slug, rel.buf, text.buf, text.len, err)) < 0) {
		/* The card loaded before: the change is what is wrong. */
		char why[sizeof(err->msg)];

		memcpy(why, err->msg, sizeof(why));
		rc = acct_error_set(err, ACCT_EUSAGE, "the card would not load "
				    "after this change: %s", why);
		goto out;
	}
	acct_commit_subject(&msg, command, slug, summary);
	rc = commit_card(book, rel.buf, text.buf, text.len, msg.buf, NULL, NULL,
			 err);
out:
	acct_buf_release(&rel);
	acct_buf_release(&text);
	acct_buf_release(&next);
	acct_buf_release(&msg);
	return rc;
}

/* The top-level keys whose text differs, "status, cadence". */
static void changed_keys(struct acct_buf *out, const struct acct_client *a,
			 const struct acct_client *b)
{
	const struct acct_ynode *ra = acct_ynode_deref(a->doc.root);
	const struct acct_ynode *rb = acct_ynode_deref(b->doc.root);
	size_t i;

	for (i = 0; i + 1 < rb->n; i += 2) {
		const struct acct_ynode *k = acct_ynode_deref(rb->items[i]);
		const struct acct_ynode *kn = NULL;
		const struct acct_ynode *va = acct_ynode_get(ra, k->value, &kn);
		const struct acct_ynode *vb = rb->items[i + 1];

		if (!va || va->end - va->start != vb->end - vb->start ||
		    memcmp(a->text.buf + va->start, b->text.buf + vb->start,
			   vb->end - vb->start))
			acct_buf_addf(out, "%s%s", out->len ? ", " : "", k->value);
	}
	for (i = 0; i + 1 < ra->n; i += 2) {
		const struct acct_ynode *k = acct_ynode_deref(ra->items[i]);

		if (!acct_ynode_get(rb, k->value, NULL))
			acct_buf_addf(out, "%s-%s", out->len ? ", " : "", k->value);
	}
	if (!out->len)
		acct_buf_addstr(out, "comments and layout");
}

int acct_client_replace(struct acct_book *book, const char *slug,
			const char *text, size_t len, struct acct_error *err)
{
	struct acct_buf rel = ACCT_BUF_INIT, old = ACCT_BUF_INIT,
			summary = ACCT_BUF_INIT, msg = ACCT_BUF_INIT;
	struct acct_client *a = NULL, *b = NULL;
	int rc;

	acct_buf_addf(&rel, "clients/%s/client.yaml", slug);
	if ((rc = card_text(&old, book, rel.buf, err)) < 0)
		goto out;
	if (old.len == len && !memcmp(old.buf, text, len)) {
		rc = 1;
		goto out;
	}
	if ((rc = acct_client_parse(&b, slug, rel.buf, text, len, err)) < 0)
		goto out;
	if (acct_client_parse(&a, slug, rel.buf, old.buf, old.len, NULL) == 0)
		changed_keys(&summary, a, b);
	else
		acct_buf_addstr(&summary, "repaired");
	acct_commit_subject(&msg, "client edit", slug, summary.buf);
	rc = commit_card(book, rel.buf, text, len, msg.buf, NULL, NULL, err);
out:
	acct_client_free(a);
	acct_client_free(b);
	acct_buf_release(&rel);
	acct_buf_release(&old);
	acct_buf_release(&summary);
	acct_buf_release(&msg);
	return rc;
}

int acct_client_rename(struct acct_book *book, const char *slug,
		       const char *name, const char *new_slug,
		       struct acct_error *err)
{
	struct acct_buf rel = ACCT_BUF_INIT, text = ACCT_BUF_INIT,
			next = ACCT_BUF_INIT, msg = ACCT_BUF_INIT,
			from = ACCT_BUF_INIT, to = ACCT_BUF_INIT,
			summary = ACCT_BUF_INIT, who = ACCT_BUF_INIT;
	struct acct_client *c = NULL;
	struct acct_yedit_op op;
	int rc;

	acct_buf_addf(&rel, "clients/%s/client.yaml", slug);
	if ((rc = acct_client_load(&c, book, slug, err)) < 0)
		goto out;
	acct_buf_add(&text, c->text.buf, c->text.len);
	if (name) {
		if ((rc = acct_client_set_op(&op, "name", name, err)) < 0 ||
		    (rc = acct_yedit(&next, text.buf, text.len, rel.buf, &op, err)) < 0)
			goto out;
		acct_buf_reset(&text);
		acct_buf_add(&text, next.buf, next.len);
		acct_buf_addf(&summary, "%s -> %s", c->name, name);
	}
	if (new_slug && !strcmp(new_slug, slug))
		new_slug = NULL;
	if (new_slug) {
		if ((rc = acct_slug_check(new_slug, err)) < 0)
			goto out;
		acct_buf_addf(&from, "clients/%s", slug);
		acct_buf_addf(&to, "clients/%s", new_slug);
		acct_buf_reset(&rel);
		acct_buf_addf(&rel, "clients/%s/client.yaml", new_slug);
		/* "slug omega, name Omega Group": the new slug first. */
		acct_buf_addf(&who, "slug %s", new_slug);
		if (name)
			acct_buf_addf(&who, ", name %s", name);
		acct_buf_reset(&summary);
		acct_buf_add(&summary, who.buf, who.len);
	}
	if (!name && !new_slug) {
		rc = 1;
		goto out;
	}
	if ((rc = check_card(new_slug ? new_slug : slug, rel.buf, text.buf,
			     text.len, err)) < 0)
		goto out;
	acct_commit_subject(&msg, "client rename", slug, summary.buf);
	rc = commit_card(book, rel.buf, text.buf, text.len, msg.buf,
			 new_slug ? from.buf : NULL, new_slug ? to.buf : NULL, err);
out:
	acct_client_free(c);
	acct_buf_release(&rel);
	acct_buf_release(&text);
	acct_buf_release(&next);
	acct_buf_release(&msg);
	acct_buf_release(&from);
	acct_buf_release(&to);
	acct_buf_release(&summary);
	acct_buf_release(&who);
	return rc;
}

int acct_client_check_writable(struct acct_book *book, const char *slug,
			       struct acct_error *err)
{
	struct acct_buf rel = ACCT_BUF_INIT, text = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	int rc;

	acct_buf_addf(&rel, "clients/%s/client.yaml", slug);
	if ((rc = card_text(&text, book, rel.buf, err)) == 0 &&
	    (rc = acct_txn_begin(&t, book, err)) == 0)
		rc = acct_txn_put(t, rel.buf, text.buf, text.len, 0, err);
	acct_txn_free(t);
	acct_buf_release(&rel);
	acct_buf_release(&text);
	return rc;
}
