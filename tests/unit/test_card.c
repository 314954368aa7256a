/*
 * The card's schema as client show and client set see it: channels and
 * goals read, keys acct does not know, the table of keys and values.
 */
#include "acct/client.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acct/book.h"
#include "acct/init.h"
#include "acct/buf.h"
#include "acct/date.h"
#include "acct/error.h"
#include "acct/tz.h"
#include "acct/yaml.h"
#include "acct/yedit.h"
#include "harness.h"
#include "acct/banned.h"

#define PATH "clients/acme/client.yaml"

static struct acct_client *parse(const char *text, struct acct_error *err)
{
	struct acct_client *c = NULL;

	if (acct_client_parse(&c, "acme", PATH, text, strlen(text), err) < 0)
		return NULL;
	return c;
}

static void test_card__channels_goals(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *c = parse(
		"name: A\n"
		"channels: {fast: telegram, official: email}\n"
		"goals:\n"
		"  business: Grow sales by 25%\n"
		"  project: A new site\n"
		"  kpi: [\"CPL <= 500 RUB\", leads >= 200]\n", &err);

	CHECK_MSG(c != NULL, "%s", err.msg);
	if (!c)
		return;
	CHECK(c->has_channels && c->has_goals);
	CHECK_STR(c->channels.fast, "telegram");
	CHECK_STR(c->channels.official, "email");
	CHECK_STR(c->goals.business, "Grow sales by 25%");
	CHECK(c->goals.marketing == NULL);
	CHECK_STR(c->goals.project, "A new site");
	CHECK_INT(c->goals.kpi.n, 2);
	if (c->goals.kpi.n == 2) {
		CHECK_STR(c->goals.kpi.items[0], "CPL <= 500 RUB");
		CHECK_STR(c->goals.kpi.items[1], "leads >= 200");
	}
	acct_client_free(c);

	/* One KPI as text; no channels. */
	c = parse("name: A\ngoals: {kpi: CPL <= 500}\n", &err);
	CHECK(c && !c->has_channels && c->has_goals && c->goals.kpi.n == 1);
	if (c && c->goals.kpi.n == 1)
		CHECK_STR(c->goals.kpi.items[0], "CPL <= 500");
	acct_client_free(c);

	/* A goal written by hand over several lines loads, as it is. */
	c = parse("name: A\ngoals:\n  business: |\n    grow\n    fast\n"
		  "  kpi: [a, ~]\n", &err);
	CHECK_MSG(c != NULL, "%s", err.msg);
	if (c) {
		CHECK_STR(c->goals.business, "grow\nfast\n");
		CHECK_INT(c->goals.kpi.n, 1);
	}
	acct_client_free(c);

	/* A hand-written channel acct would not set still loads. */
	c = parse("name: A\nchannels: {fast: Telegram Desktop}\n", &err);
	CHECK(c && c->channels.fast && !c->channels.official);
	acct_client_free(c);

	CHECK(parse("name: A\nchannels: telegram\n", &err) == NULL);
	CHECK_STR(err.msg, "'channels' must be a mapping, not text");
	CHECK_INT(err.line, 2);
	CHECK(parse("name: A\ngoals: [a]\n", &err) == NULL);
	CHECK_STR(err.msg, "'goals' must be a mapping, not a list");
	CHECK(parse("name: A\ngoals: {kpi: [[a]]}\n", &err) == NULL);
	CHECK(parse("name: A\ngoals: {business: [a]}\n", &err) == NULL);
	CHECK_STR(err.msg, "'business' must be text, not a list");
}

static void add_extra(const char *key, const char *text, void *payload)
{
	struct acct_buf *b = payload;

	acct_buf_addf(b, "%s=%s\n", key, text);
}

static void test_card__extra(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf b = ACCT_BUF_INIT;
	struct acct_client *c = parse(
		"name: A\n"
		"crm_id: 00123\n"
		"status: active\n"
		"goals: {business: Grow, horizon: 2027}\n"
		"cadence: {call: 7d, note: \"say hi\"}\n"
		"contacts:\n"
		"  - {name: Ivan, nickname: Vanya}\n"
		"portal: {url: \"https://x.example/a, b\", users: [anna, boris]}\n"
		"anchor: &a {k: v}\n"
		"pointer: *a\n"
		"empty:\n"
		"quoted: \"yes\"\n", &err);

	CHECK_MSG(c != NULL, "%s", err.msg);
	if (!c)
		return;
	acct_client_extra(c, add_extra, &b);
	/*
	 * In the card's order; known keys inside known mappings dotted;
	 * contacts' own keys are the contact's business; aliases stay
	 * pointers; a scalar at the top as written, quoted inside a list or
	 * mapping where flow style needs it.
	 */
	CHECK_STR(b.buf,
		  "crm_id=00123\n"
		  "goals.horizon=2027\n"
		  "cadence.note=say hi\n"
		  "portal={url: \"https://x.example/a, b\", users: [anna, boris]}\n"
		  "anchor={k: v}\n"
		  "pointer=*a\n"
		  "empty=~\n"
		  "quoted=yes\n");
	acct_buf_release(&b);
	acct_client_free(c);

	c = parse("name: A\nstatus: lead\n", &err);
	acct_client_extra(c, add_extra, &b);
	CHECK_STR(b.buf, "");
	acct_client_free(c);
}

static void test_card__keys(void)
{
	const char *key, *allowed = NULL, *prev = "";
	size_t i, nchannels = 0;

	for (i = 0; (key = acct_client_key(i, &allowed)); i++) {
		CHECK_MSG(strcmp(prev, key) < 0, "'%s' after '%s'", key, prev);
		CHECK_MSG(allowed && *allowed, "%s: no description", key);
		/* Mappings are not listed; their keys are. */
		CHECK_MSG(strcmp(key, "channels") && strcmp(key, "cadence") &&
			  strcmp(key, "goals"), "%s listed", key);
		if (!strncmp(key, "channels.", 9)) {
			nchannels++;
			CHECK_STR(allowed, "one of telegram, whatsapp, viber, "
				  "signal, slack, teams, wechat, vk, max, chat, "
				  "email, phone");
		}
		if (!strcmp(key, "status"))
			CHECK_STR(allowed, "one of lead, active, paused, churned");
		prev = key;
	}
	CHECK_INT(nchannels, 2);
	CHECK(i > 30);
	CHECK(acct_client_key(i + 5, &allowed) == NULL);
}

static void test_card__values(void)
{
	struct acct_error err = ACCT_ERROR_INIT;

	CHECK(acct_client_channel_ok("telegram"));
	CHECK(acct_client_channel_ok("email"));
	CHECK(!acct_client_channel_ok("Telegram"));
	CHECK(!acct_client_channel_ok("telegram, email"));
	CHECK(!acct_client_channel_ok(""));

	CHECK_INT(acct_client_value_check("channels.fast", "--fast-channel",
					  "whatsapp", &err), 0);
	CHECK_INT(acct_client_value_check("channels.fast", "--fast-channel",
					  "pigeon", &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "--fast-channel must be one of telegram, whatsapp, "
		  "viber, signal, slack, teams, wechat, vk, max, chat, email, "
		  "phone, not 'pigeon'");
	CHECK_INT(acct_client_value_check("fee.floating", NULL, "101", &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg, "fee.floating must be a whole percent from 0 to 100, "
		  "not '101'");
	CHECK_INT(acct_client_value_check("status", NULL, "gone", &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg, "status must be one of lead, active, paused, "
		  "churned, not 'gone'");
	/* A mapping names the keys that can be set. */
	acct_error_clear(&err);
	CHECK_INT(acct_client_value_check("channels", NULL, "telegram, email",
					  &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "channels holds several values: set one of them: "
		  "channels.fast, channels.official");
	CHECK_STR(err.hint, "'acct client set -h' lists the keys and what "
		  "each may hold");
	CHECK_INT(acct_client_value_check("goals", NULL, "x", &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg, "goals holds several values: set one of them: "
		  "goals.business, goals.kpi, goals.marketing, goals.project");
	CHECK_INT(acct_client_value_check("unknown", NULL, "any text", &err), 0);
}

/*
 * The table of keys (lib/card.c), one good and one bad value each, as
 * client set and client add check them; a key the table gains without a
 * row here fails the test. `why` is the start of the refusal. A list's
 * good value is an item added; contacts are never set as a whole.
 */
static const struct {
	const char *key, *good, *bad, *why;
	unsigned quote;		/* of the good value */
} schema[] = {
	{ "archived", "2026-11-23", "2026-13-01", "archived: 2026-13-01 is "
	  "not a date", ACCT_YQ_TYPED },
	{ "budget.amount", "150000", "1,5", "budget.amount must be a number "
	  "such as 150000 or 99.50, not '1,5'", ACCT_YQ_TYPED },
	{ "budget.currency", "RUB", "rub", "budget.currency must be a "
	  "three-letter code such as RUB, EUR or USD, not 'rub'", 0 },
	{ "budget.period", "quarter", "weekly", "budget.period must be month, "
	  "quarter, year or once, not 'weekly'", 0 },
	{ "cadence.call", "14d", "3x", "cadence.call: '3x' is not a duration",
	  ACCT_YQ_TYPED },
	{ "cadence.contact", "3wd", "0d", "cadence.contact: '0d' is out of "
	  "range", ACCT_YQ_TYPED },
	{ "cadence.nps", "90d", "-1d", "cadence.nps: '-1d' is not a duration",
	  ACCT_YQ_TYPED },
	{ "cadence.report", "monthly", "daily", "cadence.report: 'daily' is "
	  "not a report cadence", ACCT_YQ_TYPED },
	{ "cadence.review", "3m", "1y", "cadence.review: '1y' is not a "
	  "duration", ACCT_YQ_TYPED },
	{ "channels.fast", "telegram", "pigeon", "channels.fast must be one "
	  "of telegram, whatsapp", 0 },
	{ "channels.official", "email", "Email", "channels.official must be "
	  "one of", 0 },
	{ "contacts", NULL, "Ivan", "contacts are changed with 'acct client "
	  "contact add' and 'rm'", 0 },
	{ "email", "office@acme.example", "a\nb", "email must be a single "
	  "line of text", 0 },
	{ "fee.amount", "99.50", "-5", "fee.amount must be a number",
	  ACCT_YQ_TYPED },
	{ "fee.currency", "EUR", "EURO", "fee.currency must be a three-letter "
	  "code", 0 },
	{ "fee.floating", "100", "101", "fee.floating must be a whole percent "
	  "from 0 to 100, not '101'", ACCT_YQ_TYPED },
	{ "fee.period", "once", "day", "fee.period must be month, quarter, "
	  "year or once, not 'day'", 0 },
	{ "goals.business", "Grow sales by 25%", "a\rb", "goals.business "
	  "must be a single line of text", 0 },
	{ "goals.kpi", "leads >= 200", "leads", "goals.kpi is a list: use "
	  "--add or --remove", 0 },
	{ "goals.marketing", "Leads", "a\nb", "goals.marketing must be a "
	  "single line", 0 },
	{ "goals.project", "A new site", "a\x7f", "goals.project must be a "
	  "single line of text without control characters (it holds U+007F)",
	  0 },
	{ "hours", "09:00-18:00", "18:00-09:00", "hours must be working hours "
	  "as HH:MM-HH:MM, not '18:00-09:00'", 0 },
	{ "locale", "ru", "de", "locale must be en or ru, not 'de'", 0 },
	{ "manager", "Anna <anna@agency.example>", "Anna\tIvanova",
	  "manager must be a single line of text without control characters "
	  "(it holds U+0009)", 0 },
	{ "name", "Acme", "", "name must not be empty", 0 },
	{ "phone", "+7 900 000-00-00", "\xff", "phone is not UTF-8 text", 0 },
	{ "services", "SEO", "SEO, PPC", "services is a list: use --add or "
	  "--remove", 0 },
	{ "since", "2026-01-01", "2026-02-30", "since: 2026-02-30 is not a "
	  "date", ACCT_YQ_TYPED },
	{ "source", "referral", "a\r\nb", "source must be a single line", 0 },
	{ "status", "churned", "gone", "status must be one of lead, active, "
	  "paused, churned, not 'gone'", 0 },
	{ "style", "informal", "rude", "style must be formal or informal, "
	  "not 'rude'", 0 },
	{ "tags", "vip", "vip", "tags is a list: use --add or --remove", 0 },
	{ "campaigns", "Brand search", "Brand search",
	  "campaigns is a list: use --add or --remove", 0 },
	{ "telegram", "@acme", "a\nb", "telegram must be a single line", 0 },
	{ "timezone", "Europe/Moscow", "../../etc/passwd", "timezone must be "
	  "a time zone such as Europe/Moscow, not '../../etc/passwd'", 0 },
	/* A contact's fields, and a key acct does not know: text. */
	{ "contacts.0.name", "Ivan", "", "contacts.0.name must not be empty",
	  0 },
	{ "contacts.0.role", "CEO", "a\nb", "contacts.0.role must be a single "
	  "line", 0 },
	{ "contacts.1.primary", "true", "yes", "contacts.1.primary must be "
	  "true or false, not 'yes'", ACCT_YQ_TYPED },
	{ "contacts.0.birthday", "02-29", "02-30", "contacts.0.birthday: "
	  "02-30 is not a day", ACCT_YQ_TYPED },
	{ "crm_id", "00123", "a\nb", "crm_id must be a single line", 0 },
};

static int is_list(const char *key)
{
	return !strcmp(key, "services") || !strcmp(key, "tags") ||
	       !strcmp(key, "campaigns") ||
	       !strcmp(key, "goals.kpi");
}

static void test_card__schema(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_yedit_op op;
	struct acct_client *c = parse("name: A\nservices: [PPC]\ntags: []\n",
				      &err);
	const char *key, *allowed;
	size_t i, k;

	if (!CHECK_MSG(c != NULL, "%s", err.msg))
		return;
	/* Every key of the table has its row. */
	for (k = 0; (key = acct_client_key(k, &allowed)); k++) {
		for (i = 0; i < sizeof(schema) / sizeof(*schema); i++)
			if (!strcmp(schema[i].key, key))
				break;
		CHECK_MSG(i < sizeof(schema) / sizeof(*schema),
			  "key '%s' (%s) has no good and bad value here", key,
			  allowed);
	}
	for (i = 0; i < sizeof(schema) / sizeof(*schema); i++) {
		const char *why = schema[i].why;
		int rc;

		key = schema[i].key;
		/* The bad value, by both ways in, named by the key. */
		acct_error_clear(&err);
		rc = acct_client_value_check(key, NULL, schema[i].bad, &err);
		CHECK_MSG(rc == ACCT_EUSAGE && !strncmp(err.msg, why,
							strlen(why)),
			  "%s = '%s': %d '%s', want '%s...'", key,
			  schema[i].bad, rc, err.msg, why);
		acct_error_clear(&err);
		rc = acct_client_set_op(&op, key, schema[i].bad, &err);
		CHECK_MSG(rc == ACCT_EUSAGE && !strncmp(err.msg, why,
							strlen(why)),
			  "set %s '%s': %d '%s'", key, schema[i].bad, rc,
			  err.msg);
		if (!schema[i].good)
			continue;
		if (is_list(key)) {
			/* An item added to the list, not set. */
			rc = acct_client_list_op(&op, c, key, schema[i].good, 1,
						 &err);
			CHECK_MSG(rc == 0 && op.kind == ACCT_YEDIT_APPEND &&
				  !strcmp(op.key, key) &&
				  !strcmp(op.value, schema[i].good),
				  "add %s '%s': %d %s", key, schema[i].good, rc,
				  err.msg);
			continue;
		}
		acct_error_clear(&err);
		rc = acct_client_value_check(key, NULL, schema[i].good, &err);
		CHECK_MSG(rc == 0, "%s = '%s': %d %s", key, schema[i].good, rc,
			  err.msg);
		rc = acct_client_set_op(&op, key, schema[i].good, &err);
		CHECK_MSG(rc == 0 && op.kind == ACCT_YEDIT_SET &&
			  !strcmp(op.key, key) &&
			  !strcmp(op.value, schema[i].good) &&
			  op.quote == schema[i].quote &&
			  op.order == acct_client_key_order,
			  "set %s '%s': %d %s (quote %u)", key, schema[i].good,
			  rc, err.msg, op.quote);
	}
	/* A zone's name of the right shape that the system does not have. */
	{
		struct stat st;

		if (stat(ACCT_TZ_DIR, &st) == 0)
			CHECK_INT(acct_client_value_check("timezone", NULL,
							  "Mars/Olympus", &err),
				  ACCT_EUSAGE);
	}
	/* The option a value came from names it, when given. */
	CHECK_INT(acct_client_value_check("budget.currency", "--currency",
					  "rubles", &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "--currency must be a three-letter code such as "
		  "RUB, EUR or USD, not 'rubles'");
	acct_client_free(c);
}

/* Keys that are not keys, paths below a value, removals refused. */
static void test_card__keys_refused(void)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_yedit_op op;
	struct acct_client *c = parse("name: A\nservices: [PPC]\n"
				      "goals: {kpi: [leads]}\n", &err);
	static const char *const bad_keys[] = {
		"", ".", "a..b", "cadence.", ".name", "a b", "a/b", "ключ",
		"name!", "a.b.",
	};
	size_t i;

	for (i = 0; i < sizeof(bad_keys) / sizeof(*bad_keys); i++) {
		CHECK_MSG(acct_client_set_op(&op, bad_keys[i], "x", &err) ==
			  ACCT_EUSAGE && strstr(err.msg, "invalid key"),
			  "'%s': %s", bad_keys[i], err.msg);
		CHECK(acct_client_unset_op(&op, bad_keys[i], &err) ==
		      ACCT_EUSAGE);
	}
	CHECK_INT(acct_client_set_op(&op, "status.x", "y", &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "'status' holds a single value; there is no "
		  "'status.x'");
	CHECK_INT(acct_client_set_op(&op, "tags.x", "y", &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "'tags' holds a list; there is no 'tags.x'");
	CHECK_INT(acct_client_set_op(&op, "cadence", "3d", &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "cadence holds several values: set one of them: "
		  "cadence.call, cadence.contact, cadence.nps, cadence.report, "
		  "cadence.review");
	/* A key acct does not know, under one it does: free text. */
	CHECK_INT(acct_client_set_op(&op, "cadence.note", "say hi", &err), 0);
	CHECK_INT(acct_client_set_op(&op, "portal.url", "https://x", &err), 0);

	/* Removing: anything but a name or the contacts. */
	CHECK_INT(acct_client_unset_op(&op, "name", &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "a card must have a name");
	CHECK_INT(acct_client_unset_op(&op, "contacts.0.name", &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg, "a contact must have a name");
	CHECK_INT(acct_client_unset_op(&op, "contacts", &err), ACCT_EUSAGE);
	CHECK_INT(acct_client_unset_op(&op, "status.x", &err), ACCT_EUSAGE);
	CHECK(acct_client_unset_op(&op, "tags", &err) == 0 &&
	      op.kind == ACCT_YEDIT_UNSET && !strcmp(op.key, "tags"));
	CHECK_INT(acct_client_unset_op(&op, "cadence.call", &err), 0);

	/* Lists: an item twice, one not there, an empty one, not a list. */
	if (!CHECK_MSG(c != NULL, "%s", err.msg))
		return;
	CHECK_INT(acct_client_list_op(&op, c, "services", "PPC", 1, &err),
		  ACCT_EEXISTS);
	CHECK_STR(err.msg, "'PPC' is in services already");
	CHECK_INT(acct_client_list_op(&op, c, "goals.kpi", "leads", 1, &err),
		  ACCT_EEXISTS);
	CHECK(acct_client_list_op(&op, c, "goals.kpi", "leads", 0, &err) == 0 &&
	      op.kind == ACCT_YEDIT_DELETE && op.index == 0);
	CHECK_INT(acct_client_list_op(&op, c, "tags", "vip", 0, &err),
		  ACCT_ENOTFOUND);
	CHECK_STR(err.msg, "tags has no 'vip'");
	CHECK_INT(acct_client_list_op(&op, c, "tags", "", 1, &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg, "an item of tags must not be empty");
	CHECK_INT(acct_client_list_op(&op, c, "status", "x", 1, &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg, "status is not a list; --add and --remove are for "
		  "services, tags, campaigns and goals.kpi");
	acct_client_free(c);
}

/*
 * The same values in a card read from the book: a bad one stops the card
 * with its key, line and column. A hand-written card may hold what client
 * set would refuse in a few places (a channel acct does not list, a
 * currency in lower case, hours or a zone the agenda reports when it
 * needs them); those are not checked here.
 */
static void test_card__parse_values(void)
{
	static const struct {
		const char *yaml, *why;
	} bad[] = {
		{ "archived: 2026-13-01", "archived: 2026-13-01 is not a date" },
		{ "budget: {amount: abc}", "budget.amount must be a number" },
		{ "budget: {period: weekly}", "period must be one of month, "
		  "quarter, year, once, not 'weekly'" },
		{ "cadence: {call: 3x}", "cadence.call: '3x' is not a duration" },
		{ "cadence: {contact: 0d}", "cadence.contact: '0d' is out of "
		  "range" },
		{ "cadence: {nps: -1d}", "cadence.nps: '-1d' is not a duration" },
		{ "cadence: {report: daily}", "cadence.report: 'daily' is not a "
		  "report cadence" },
		{ "cadence: {review: 1y}", "cadence.review: '1y' is not a "
		  "duration" },
		{ "email: [a]", "'email' must be text, not a list" },
		{ "fee: {amount: x}", "fee.amount must be a number" },
		{ "fee: {floating: 150}", "'fee.floating' must be a whole number "
		  "from 0 to 100, not '150'" },
		{ "fee: {period: day}", "period must be one of month" },
		{ "goals: {marketing: [a]}", "'marketing' must be text" },
		{ "goals: {project: {a: b}}", "'project' must be text" },
		{ "locale: de", "locale must be en or ru, not 'de'" },
		{ "manager: [a]", "'manager' must be text, not a list" },
		{ "phone: {a: b}", "'phone' must be text, not a mapping" },
		{ "services: {a: b}", "'services' must be a list" },
		{ "since: 2026-02-30", "since: 2026-02-30 is not a date" },
		{ "source: [a]", "'source' must be text" },
		{ "status: gone", "status must be one of lead, active, paused, "
		  "churned, not 'gone'" },
		{ "style: rude", "style must be one of formal, informal, not "
		  "'rude'" },
		{ "tags: {a: b}", "'tags' must be a list, not a mapping" },
		{ "telegram: [a]", "'telegram' must be text" },
		{ "contacts: [{name: ''}]", "'name' must not be empty" },
		{ "contacts: [{name: I, primary: yes}]", "'primary' must be true "
		  "or false, not 'yes'" },
		{ "contacts: [{name: I, birthday: 02-30}]", "birthday: 02-30 is "
		  "not a day" },
	};
	static const char good[] =
		"name: Acme\nstatus: churned\nsince: 2026-01-01\n"
		"manager: Anna <anna@agency.example>\nservices: [SEO]\n"
		"email: a@acme.example\nphone: \"+7 900\"\ntelegram: \"@acme\"\n"
		"contacts:\n  - {name: Ivan, role: CEO, birthday: 02-29, "
		"primary: true}\n"
		"channels: {fast: telegram, official: email}\nstyle: informal\n"
		"locale: ru\ntimezone: Europe/Moscow\nhours: 09:00-18:00\n"
		"cadence: {contact: 3wd, call: 14d, report: monthly, nps: 90d, "
		"review: 3m}\n"
		"budget: {amount: 150000, currency: RUB, period: quarter}\n"
		"fee: {amount: 99.50, currency: EUR, period: once, floating: 100}\n"
		"goals: {business: Grow, marketing: Leads, project: Site, "
		"kpi: [leads]}\nsource: referral\ntags: [vip]\n"
		"archived: 2026-11-23\n";
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf text = ACCT_BUF_INIT;
	struct acct_client *c = parse(good, &err);
	size_t i;

	CHECK_MSG(c != NULL, "%s", err.msg);
	if (c) {
		CHECK_STR(c->status, "churned");
		CHECK(c->has_archived && c->has_since);
		CHECK_STR(c->cadence.review, "3m");
		CHECK_INT(c->ncontacts, 1);
	}
	acct_client_free(c);
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		acct_buf_reset(&text);
		acct_buf_addf(&text, "name: A\n%s\n", bad[i].yaml);
		acct_error_clear(&err);
		c = parse(text.buf, &err);
		CHECK_MSG(!c && err.code == ACCT_EDATA &&
			  !strncmp(err.msg, bad[i].why, strlen(bad[i].why)) &&
			  !strcmp(err.file, PATH) && err.line == 2,
			  "'%s': %s:%zu: %s", bad[i].yaml, err.file, err.line,
			  err.msg);
		acct_client_free(c);
	}
	acct_buf_release(&text);
}

/* A card's locale: read, checked, set, and the client's language. */
static void test_card__locale(void)
{
	static const struct acct_ident ident = {
		"Anna", "anna@agency.example", "1795424400 +0000",
		"Anna", "anna@agency.example", "1795424400 +0000",
	};
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client_spec spec = { 0 };
	struct acct_buf slug = ACCT_BUF_INIT, lang = ACCT_BUF_INIT;
	struct acct_client *c = parse("name: A\nlocale: ru\n", &err);
	struct acct_book *book = NULL;
	char dir[] = "/tmp/acct-test-card.XXXXXX", cmd[64];
	const char *key, *allowed = NULL;
	struct acct_time now;
	size_t i;
	int listed = 0;

	CHECK(c && c->locale && !strcmp(c->locale, "ru"));
	acct_client_free(c);
	CHECK(!parse("name: A\nlocale: de\n", &err));
	CHECK_STR(err.msg, "locale must be en or ru, not 'de'");
	CHECK_INT(acct_client_value_check("locale", NULL, "ru", &err), 0);
	CHECK_INT(acct_client_value_check("locale", "--locale", "fr", &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg, "--locale must be en or ru, not 'fr'");
	for (i = 0; (key = acct_client_key(i, &allowed)); i++)
		if (!strcmp(key, "locale")) {
			listed = 1;
			CHECK_STR(allowed, "en or ru");
		}
	CHECK(listed);

	/* The client's language: the card's, else the book's. */
	acct_time_parse(&now, "2026-11-23T09:00+00:00", NULL);
	if (!CHECK(mkdtemp(dir) != NULL) ||
	    !CHECK_MSG(acct_book_init(dir, &now, &ident, &err) == 0 &&
		       acct_book_open(&book, dir, &now, &ident, &err) == 0,
		       "%s", err.msg))
		return;
	spec.name = "Ru";
	spec.locale = "ru";
	CHECK_MSG(acct_client_add(&slug, book, &spec, &err) == 0, "%s", err.msg);
	spec.name = "En";
	spec.locale = NULL;
	CHECK_MSG(acct_client_add(&slug, book, &spec, &err) == 0, "%s", err.msg);
	CHECK_INT(acct_client_locale_load(&lang, book, "ru", &err), 0);
	CHECK_STR(lang.buf, "ru");
	acct_buf_reset(&lang);
	CHECK_INT(acct_client_locale_load(&lang, book, "en", &err), 0);
	CHECK_STR(lang.buf, book->config.locale);
	acct_buf_reset(&lang);
	CHECK(acct_client_locale_load(&lang, book, "none", &err) < 0);
	CHECK_INT(lang.len, 0);
	spec.name = "Bad";
	spec.locale = "de";
	CHECK_INT(acct_client_add(&slug, book, &spec, &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "--locale must be en or ru, not 'de'");
	acct_book_free(book);
	acct_buf_release(&slug);
	acct_buf_release(&lang);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

int main(void)
{
	test_card__channels_goals();
	test_card__extra();
	test_card__keys();
	test_card__values();
	test_card__schema();
	test_card__keys_refused();
	test_card__parse_values();
	test_card__locale();
	return test_report("card");
}
