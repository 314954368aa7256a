/*
 * The card's schema as client show and client set see it: channels and
 * goals read, keys acct does not know, the table of keys and values.
 */
#include "acct/client.h"

#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/init.h"
#include "acct/buf.h"
#include "acct/date.h"
#include "acct/error.h"
#include "acct/yaml.h"
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
	test_card__locale();
	return test_report("card");
}
