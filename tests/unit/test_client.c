#include "acct/client.h"

#include <string.h>

#include "acct/date.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

#define PATH "clients/acme/client.yaml"
#define BOM "\xef\xbb\xbf"

/* DESIGN.md's example card, as it stands there. */
static const char design_card[] =
	"name: ООО «Ромашка»\n"
	"status: active            # lead | active | paused | churned\n"
	"since: 2026-03-01\n"
	"manager: Anna Petrova <anna@agency.example>\n"
	"services: [seo, context, smm]\n"
	"contacts:\n"
	"  - {name: Иван Иванов, role: marketing director, email: ivan@romashka.example, telegram: \"@ivanov\", primary: true}\n"
	"channels: {fast: telegram, official: email}\n"
	"style: informal           # formal | informal: how the client likes to be addressed\n"
	"timezone: Asia/Almaty\n"
	"hours: \"09:00-18:00\"\n"
	"cadence: {contact: 3wd, call: 14d, report: weekly, nps: 90d, review: 90d}\n"
	"budget: {amount: 150000, currency: RUB, period: month}   # the client's ad budget\n"
	"fee: {amount: 90000, currency: RUB, period: month, floating: 30}   # the agency's fee; floating % tied to NPS\n"
	"goals: {business: \"Grow app sales by 25% this year\", kpi: [\"CPI <= 80 RUB\"]}\n"
	"source: referral\n"
	"tags: [real-estate, key]\n"
	"archived: 2026-10-01      # present only for archived clients\n";

/* Parse a card that must be good; NULL (and a failed check) if not. */
#define GOOD(text) good_(__LINE__, (text), sizeof(text) - 1)

static struct acct_client *good_(int at, const char *text, size_t len)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *c = (struct acct_client *)&err;
	int rc = acct_client_parse(&c, "acme", PATH, text, len, &err);

	CHECK_MSG(rc == 0 && c, "line %d: %d %s:%zu:%zu %s", at, rc, err.file,
		  err.line, err.col, err.msg);
	return rc ? NULL : c;
}

/* A card that must be refused: ACCT_EDATA at line:col with `msg`. */
#define BAD(text, line, col, msg) \
	bad_(__LINE__, (text), sizeof(text) - 1, (line), (col), (msg), 1)
/* The same, with `msg` only a part of the message. */
#define BAD_PART(text, line, col, msg) \
	bad_(__LINE__, (text), sizeof(text) - 1, (line), (col), (msg), 0)

static void bad_(int at, const char *text, size_t len, size_t line,
		 size_t col, const char *msg, int exact)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *c = (struct acct_client *)&err;
	int rc = acct_client_parse(&c, "acme", PATH, text, len, &err);
	int msg_ok = exact ? !strcmp(err.msg, msg) : !!strstr(err.msg, msg);

	CHECK_MSG(rc == ACCT_EDATA && err.code == ACCT_EDATA &&
		  !strcmp(err.file, PATH) && err.line == line &&
		  err.col == col && msg_ok && c == NULL,
		  "line %d: got %d %s:%zu:%zu \"%s\", want %d %s:%zu:%zu "
		  "%s\"%s\"", at, rc, err.file, err.line, err.col, err.msg,
		  ACCT_EDATA, PATH, line, col, exact ? "" : "...", msg);
	if (rc == 0)
		acct_client_free(c);
}

static int date_is(const struct acct_date *d, int y, int m, int day)
{
	return d->year == y && d->month == m && d->day == day;
}

static void test_client__design_card(void)
{
	struct acct_client *c = GOOD(design_card);
	const struct acct_contact *k;

	if (!c)
		return;
	CHECK_STR(c->slug, "acme");
	CHECK_STR(c->path, PATH);
	CHECK_STR(c->name, "ООО «Ромашка»");
	CHECK_STR(c->status, "active");
	CHECK(c->has_since && date_is(&c->since, 2026, 3, 1));
	CHECK_STR(c->manager, "Anna Petrova <anna@agency.example>");
	CHECK_INT(c->services.n, 3);
	if (c->services.n == 3) {
		CHECK_STR(c->services.items[0], "seo");
		CHECK_STR(c->services.items[1], "context");
		CHECK_STR(c->services.items[2], "smm");
	}
	CHECK_INT(c->ncontacts, 1);
	if (c->ncontacts == 1) {
		k = &c->contacts[0];
		CHECK_STR(k->name, "Иван Иванов");
		CHECK_STR(k->role, "marketing director");
		CHECK_STR(k->email, "ivan@romashka.example");
		CHECK_STR(k->telegram, "@ivanov");
		CHECK(k->phone == NULL);
		CHECK_INT(k->primary, 1);
	}
	CHECK_STR(c->style, "informal");
	CHECK_STR(c->timezone, "Asia/Almaty");
	CHECK_STR(c->hours, "09:00-18:00");
	CHECK_STR(c->budget.amount, "150000");
	CHECK_STR(c->budget.currency, "RUB");
	CHECK_STR(c->budget.period, "month");
	CHECK(c->budget.floating == NULL);
	CHECK_STR(c->fee.amount, "90000");
	CHECK_STR(c->fee.currency, "RUB");
	CHECK_STR(c->fee.period, "month");
	CHECK_STR(c->fee.floating, "30");
	CHECK_STR(c->source, "referral");
	CHECK_INT(c->tags.n, 2);
	if (c->tags.n == 2) {
		CHECK_STR(c->tags.items[0], "real-estate");
		CHECK_STR(c->tags.items[1], "key");
	}
	CHECK(c->has_archived && date_is(&c->archived, 2026, 10, 1));
	CHECK(c->email == NULL && c->phone == NULL && c->telegram == NULL);
	/* The text is kept as read, for later edits. */
	CHECK_INT(c->text.len, sizeof(design_card) - 1);
	CHECK(!memcmp(c->text.buf, design_card, sizeof(design_card) - 1));
	acct_client_free(c);
}

static void test_client__minimal(void)
{
	struct acct_client *c = GOOD("name: Acme\n");

	if (!c)
		return;
	CHECK_STR(c->name, "Acme");
	CHECK_STR(c->status, "active");		/* the default */
	CHECK(!c->has_since && !c->has_archived);
	CHECK(c->manager == NULL && c->style == NULL);
	CHECK(c->locale == NULL);		/* the book's */
	CHECK_INT(c->services.n, 0);
	CHECK_INT(c->tags.n, 0);
	CHECK_INT(c->ncontacts, 0);
	CHECK(c->budget.amount == NULL && c->fee.amount == NULL);
	acct_client_free(c);
	acct_client_free(NULL);
}

static void test_client__bom_crlf_cr(void)
{
	struct acct_client *c;

	c = GOOD(BOM "name: Acme\r\nstatus: lead\r\nservices:\r\n  - seo\r\n"
		 "  - smm\r\n");
	if (c) {
		CHECK_STR(c->name, "Acme");
		CHECK_STR(c->status, "lead");
		CHECK_INT(c->services.n, 2);
		if (c->services.n == 2)
			CHECK_STR(c->services.items[1], "smm");
		acct_client_free(c);
	}
	c = GOOD("name: Ромашка\rstatus: paused\rtags: [a,\r  b]\r");
	if (c) {
		CHECK_STR(c->name, "Ромашка");
		CHECK_STR(c->status, "paused");
		CHECK_INT(c->tags.n, 2);
		acct_client_free(c);
	}
	/* Positions in messages count the lines and not the BOM. */
	BAD("name: A\r\nstatus: gone\r\n", 2, 9,
	    "status must be one of lead, active, paused, churned, not 'gone'");
	BAD("name: A\rstatus: gone\r", 2, 9,
	    "status must be one of lead, active, paused, churned, not 'gone'");
	BAD(BOM "status: gone\nname: A\n", 1, 9,
	    "status must be one of lead, active, paused, churned, not 'gone'");
}

static void test_client__comments_and_flow(void)
{
	struct acct_client *c;

	c = GOOD("# a card\n"
		 "name: Acme # the name\n"
		 "# between keys\n"
		 "services: # what we do\n"
		 "  # before an item\n"
		 "  - seo # an item\n"
		 "contacts:\n"
		 "  - name: Ivan   # a contact\n"
		 "    primary: false\n"
		 "# at the end");
	if (c) {
		CHECK_STR(c->name, "Acme");
		CHECK_INT(c->services.n, 1);
		CHECK_INT(c->ncontacts, 1);
		if (c->ncontacts == 1) {
			CHECK_STR(c->contacts[0].name, "Ivan");
			CHECK_INT(c->contacts[0].primary, 0);
		}
		acct_client_free(c);
	}
	c = GOOD("{name: \"Acme, Inc.\", status: lead, services: [seo, NO],\n"
		 " contacts: [{name: Ivan, primary: true}, {name: Anna}],\n"
		 " budget: {amount: 99.50, currency: EUR}}\n");
	if (c) {
		CHECK_STR(c->name, "Acme, Inc.");
		CHECK_STR(c->status, "lead");
		CHECK_INT(c->services.n, 2);
		if (c->services.n == 2)
			CHECK_STR(c->services.items[1], "NO");
		CHECK_INT(c->ncontacts, 2);
		if (c->ncontacts == 2) {
			CHECK_INT(c->contacts[0].primary, 1);
			CHECK_STR(c->contacts[1].name, "Anna");
			CHECK_INT(c->contacts[1].primary, 0);
		}
		CHECK_STR(c->budget.amount, "99.50");
		CHECK_STR(c->budget.currency, "EUR");
		acct_client_free(c);
	}
}

static void test_client__anchors_and_tags(void)
{
	struct acct_client *c;

	c = GOOD("name: &n Acme\n"
		 "manager: *n\n"
		 "services: &s [seo, smm]\n"
		 "tags: *s\n"
		 "team: {lead: &ivan {name: Иван, primary: true}}\n"
		 "contacts: [*ivan, {name: Anna}]\n"
		 "fee: &fee {amount: 100, floating: 30}\n"
		 "budget: *fee\n");
	if (c) {
		CHECK_STR(c->name, "Acme");
		CHECK_STR(c->manager, "Acme");
		CHECK_INT(c->tags.n, 2);
		if (c->tags.n == 2)
			CHECK_STR(c->tags.items[1], "smm");
		CHECK_INT(c->ncontacts, 2);
		if (c->ncontacts == 2) {
			CHECK_STR(c->contacts[0].name, "Иван");
			CHECK_INT(c->contacts[0].primary, 1);
		}
		CHECK_STR(c->fee.floating, "30");
		CHECK_STR(c->budget.amount, "100");
		acct_client_free(c);
	}
	/* YAML 1.1 words and tagged numbers stay text where text is wanted. */
	c = GOOD("name: NO\nmanager: off\nsource: yes\n");
	if (c) {
		CHECK_STR(c->name, "NO");
		CHECK_STR(c->manager, "off");
		CHECK_STR(c->source, "yes");
		acct_client_free(c);
	}
	c = GOOD("name: !!str 123\ntimezone: !!str UTC\n");
	if (c) {
		CHECK_STR(c->name, "123");
		CHECK_STR(c->timezone, "UTC");
		acct_client_free(c);
	}
	c = GOOD("--- !client\nname: 'It''s \"quoted\"'\n...\n");
	if (c) {
		CHECK_STR(c->name, "It's \"quoted\"");
		acct_client_free(c);
	}
}

static void test_client__bad_root(void)
{
	BAD("", 1, 1, "the card is empty");
	BAD("# only a comment\n", 1, 1, "the card is empty");
	BAD("- a\n- b\n", 1, 1, "a card must be a mapping of keys to values "
	    "(name: ..., status: ...)");
	BAD("Acme\n", 1, 1, "a card must be a mapping of keys to values "
	    "(name: ..., status: ...)");
	BAD_PART("# card\n\n[name, Acme]\n", 3, 1, "a card must be a mapping");
	/* The loader's own errors come with the card's path. */
	BAD_PART("name: a: b\n", 1, 8, "mapping values are not allowed");
	BAD("name: A\nstatus: lead\nname: B\n", 3, 1,
	    "duplicate key 'name' (first at line 1)");
	BAD("name: A\n---\nname: B\n", 2, 1, "more than one document in the file");
	BAD_PART("\xff\xfe" "n\0a\0", 1, 1, "UTF-16");
}

static void test_client__bad_name(void)
{
	BAD("status: active\n", 1, 1, "the card has no name");
	BAD("status: active\nmanager: Anna\n", 1, 1, "the card has no name");
	BAD("name: \"\"\n", 1, 7, "'name' must not be empty");
	BAD("name: ''\n", 1, 7, "'name' must not be empty");
	BAD("name: ~\n", 1, 7, "'name' must not be empty");
	BAD("name: null\n", 1, 7, "'name' must not be empty");
	BAD("status: lead\nname:\n", 2, 6, "'name' must not be empty");
	BAD("name: [a, b]\n", 1, 7, "'name' must be text, not a list");
	BAD("name:\n  - a\n", 2, 3, "'name' must be text, not a list");
	BAD("name: {first: a}\n", 1, 7, "'name' must be text, not a mapping");
	BAD_PART("name: \"a\\0b\"\n", 1, 7, "'name'");
	BAD_PART("name: \"\\0\"\n", 1, 7, "'name'");
	BAD_PART("name: \"a\\nb\"\n", 1, 7, "'name' must be a single line");
	BAD_PART("name: |\n  two\n  lines\n", 1, 7, "'name' must be a single line");
	/* NEL and U+2028 break lines too (libyaml reads them as breaks). */
	BAD_PART("name: \"a\\u0085b\"\n", 1, 7, "'name' must be a single line");
	BAD_PART("name: \"a\\u2028b\"\n", 1, 7, "'name' must be a single line");
}

static void test_client__bad_fields(void)
{
	BAD("name: A\nstatus: gone\n", 2, 9,
	    "status must be one of lead, active, paused, churned, not 'gone'");
	BAD("name: A\nstatus: Active\n", 2, 9,
	    "status must be one of lead, active, paused, churned, not 'Active'");
	BAD("name: A\nstatus: [lead]\n", 2, 9, "'status' must be text, not a list");
	BAD("name: A\nsince: 2026-02-30\n", 2, 8,
	    "since: 2026-02-30 is not a date (February 2026 has 28 days)");
	BAD("name: A\nsince: 2026-3-1\n", 2, 8,
	    "since: '2026-3-1' is not a date; use YYYY-MM-DD");
	BAD("name: A\narchived: 2026-13-01\n", 2, 11,
	    "archived: 2026-13-01 is not a date (there is no month 13)");
	BAD("name: A\narchived: yesterday\n", 2, 11,
	    "archived: 'yesterday' is not a date; use YYYY-MM-DD");
	BAD("name: A\nservices: seo\n", 2, 11, "'services' must be a list, not text");
	BAD("name: A\nservices: {seo: 1}\n", 2, 11,
	    "'services' must be a list, not a mapping");
	BAD("name: A\nservices: [seo, {a: b}]\n", 2, 17,
	    "'services' must be text, not a mapping");
	BAD("name: A\nservices:\n  - seo\n  - [smm]\n", 4, 5,
	    "'services' must be text, not a list");
	BAD("name: A\ntags: [\"\"]\n", 2, 8, "'tags' must not be empty");
	BAD("name: A\ncontacts: {name: x}\n", 2, 11,
	    "'contacts' must be a list, not a mapping");
	BAD("name: A\ncontacts: Ivan\n", 2, 11, "'contacts' must be a list, not text");
	BAD("name: A\ncontacts: [Ivan]\n", 2, 12,
	    "'contacts' must be a mapping, not text");
	BAD("name: A\ncontacts:\n  - role: boss\n", 3, 5, "a contact needs a name");
	BAD("name: A\ncontacts:\n  - {name: Ivan}\n  - {name: ''}\n", 4, 12,
	    "'name' must not be empty");
	BAD("name: A\ncontacts:\n  - {name: Ivan, primary: maybe}\n", 3, 27,
	    "'primary' must be true or false, not 'maybe'");
	BAD("name: A\ncontacts:\n  - name: Ivan\n    primary: [yes]\n", 4, 14,
	    "'primary' must be text, not a list");
	BAD("name: A\nbudget: {amount: lots, currency: RUB}\n", 2, 18,
	    "budget.amount must be a number such as 150000 or 99.50, not 'lots'");
	BAD("name: A\nbudget: {amount: 1.234}\n", 2, 18,
	    "budget.amount must be a number such as 150000 or 99.50, not '1.234'");
	BAD("name: A\nbudget: 150000\n", 2, 9, "'budget' must be a mapping, not text");
	BAD("name: A\nbudget: {amount: 100, period: week}\n", 2, 31,
	    "period must be one of month, quarter, year, once, not 'week'");
	BAD_PART("name: A\nfee: {amount: 90000, floating: 150}\n", 2, 32,
		 "'fee.floating' must be a whole number from 0 to 100, not '150'");
	BAD_PART("name: A\nfee: {amount: 90000, floating: -1}\n", 2, 32,
		 "not '-1'");
	BAD("name: A\ncadence: {contact: 3x}\n", 2, 20,
	    "cadence.contact: '3x' is not a duration; use Nd, Nw, Nm or Nwd "
	    "(days, weeks, months, working days)");
	BAD("name: A\ncadence: {call: 0d}\n", 2, 17,
	    "cadence.call: '0d' is out of range; N is 1 to 3660");
	BAD("name: A\ncadence: {report: daily}\n", 2, 19,
	    "cadence.report: 'daily' is not a report cadence; use weekly, "
	    "monthly or a duration (Nd, Nw, Nm, Nwd)");
	BAD("name: A\ncadence: weekly\n", 2, 10, "'cadence' must be a mapping, not text");
	BAD("name: A\nstyle: rude\n", 2, 8,
	    "style must be one of formal, informal, not 'rude'");
	BAD("name: A\nlocale: de\n", 2, 9,
	    "locale must be en or ru, not 'de'");
	BAD("name: A\nlocale: RU\n", 2, 9,
	    "locale must be en or ru, not 'RU'");
	BAD("name: A\nlocale: [ru]\n", 2, 9, "'locale' must be text, not a list");
	BAD("name: A\nemail: \"a\\tb\"\n", 2, 8,
	    "'email' must be a single line of text without control characters");
}

static void test_client__good_fields(void)
{
	struct acct_client *c;

	c = GOOD("name: A\nstatus: churned\nsince: 2024-02-29\nstyle: formal\n"
		 "locale: ru\n"
		 "cadence: {report: monthly, contact: 1w, call: 2m, nps: 3660d}\n"
		 "budget: {amount: '0.5', period: once}\n"
		 "fee: {floating: 0}\n"
		 "contacts:\n  - name: Ivan\n    primary: FALSE\n"
		 "services: []\ntags:\nmanager: ~\n");
	if (!c)
		return;
	CHECK_STR(c->status, "churned");
	CHECK(c->has_since && date_is(&c->since, 2024, 2, 29));
	CHECK_STR(c->style, "formal");
	CHECK_STR(c->locale, "ru");
	CHECK_STR(c->budget.amount, "0.5");
	CHECK_STR(c->budget.period, "once");
	CHECK_STR(c->fee.floating, "0");
	CHECK_INT(c->ncontacts, 1);
	CHECK_INT(c->services.n, 0);
	CHECK_INT(c->tags.n, 0);
	CHECK(c->manager == NULL);
	acct_client_free(c);
}

static void test_client__amount_ok(void)
{
	static const char *const good[] = {
		"0", "1", "150000", "99.50", "99.5", "0.01", "000",
		"123456789012345", "123456789012345.99",
	};
	static const char *const bad[] = {
		"", ".", "1.", ".5", "1.234", "-1", "+1", "1e3", "1,5", "1 000",
		" 1", "1 ", "1234567890123456", "0x10", "1..2", "1.2.3", "abc",
		"１", "NaN", "1.-1",
	};
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(*good); i++)
		CHECK_MSG(acct_amount_ok(good[i]), "amount_ok(\"%s\") == 0", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		CHECK_MSG(!acct_amount_ok(bad[i]), "amount_ok(\"%s\") == 1", bad[i]);
}

static void test_client__status_ok(void)
{
	size_t i;

	for (i = 0; acct_client_statuses[i]; i++)
		CHECK(acct_client_status_ok(acct_client_statuses[i]));
	CHECK_INT(i, 4);
	CHECK(!acct_client_status_ok(""));
	CHECK(!acct_client_status_ok("Active"));
	CHECK(!acct_client_status_ok("archived"));
}

int main(void)
{
	test_client__design_card();
	test_client__minimal();
	test_client__bom_crlf_cr();
	test_client__comments_and_flow();
	test_client__anchors_and_tags();
	test_client__bad_root();
	test_client__bad_name();
	test_client__bad_fields();
	test_client__good_fields();
	test_client__amount_ok();
	test_client__status_ok();
	return test_report("client");
}
