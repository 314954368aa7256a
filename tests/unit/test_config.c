#include "acct/config.h"

#include <string.h>

#include "acct/buf.h"
#include "acct/date.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

#define PATH ".acct/config.yaml"

static int dur_is(const struct acct_duration *d, int n, enum acct_dur_unit u)
{
	return d->n == n && d->unit == u;
}

/* Every field of `cfg` equals the built-in defaults. */
static void check_defaults(int at, const struct acct_config *cfg)
{
	static const struct acct_payout_band bands[] = {
		{ 50, 100 }, { 30, 70 }, { 0, 40 }, { -100, 0 },
	};
	static const int weights[ACCT_HEALTH_NFACTORS] = {
		25, 15, 15, 10, 10, 15, 10,
	};
	int ok = !strcmp(cfg->locale, "en") && !strcmp(cfg->currency, "RUB") &&
		 cfg->report_day == 4 &&
		 dur_is(&cfg->cadence.contact, 3, ACCT_DUR_WORKDAYS) &&
		 dur_is(&cfg->cadence.call, 14, ACCT_DUR_DAYS) &&
		 dur_is(&cfg->cadence.nps, 90, ACCT_DUR_DAYS) &&
		 dur_is(&cfg->cadence.review, 90, ACCT_DUR_DAYS) &&
		 cfg->cadence.report == ACCT_REPORT_WEEKLY &&
		 cfg->max_clients_per_manager == 10 && cfg->nholidays == 0 &&
		 cfg->input_bytes == 8388608 &&
		 cfg->npayout == 4 && cfg->payout &&
		 !memcmp(cfg->payout, bands, sizeof(bands)) &&
		 !memcmp(cfg->health.weights, weights, sizeof(weights)) &&
		 cfg->health.at_risk == 50 && cfg->health.drop == 15 &&
		 cfg->nmail_command == 3 && cfg->mail_command &&
		 !strcmp(cfg->mail_command[0], "sendmail") &&
		 !strcmp(cfg->mail_command[1], "-t") &&
		 !strcmp(cfg->mail_command[2], "-oi") && !cfg->mail_command[3];

	CHECK_MSG(ok, "line %d: not the defaults: locale %s, report_day %d, "
		  "contact %d/%d, call %d/%d, nps %d/%d, review %d/%d, "
		  "report %d, max %d, %zu holidays, %zu bands", at,
		  cfg->locale, cfg->report_day, cfg->cadence.contact.n,
		  cfg->cadence.contact.unit, cfg->cadence.call.n,
		  cfg->cadence.call.unit, cfg->cadence.nps.n,
		  cfg->cadence.nps.unit, cfg->cadence.review.n,
		  cfg->cadence.review.unit, cfg->cadence.report,
		  cfg->max_clients_per_manager, cfg->nholidays, cfg->npayout);
}

/* Parse text that must be good; the caller releases `cfg`. */
#define GOOD(cfg, text) good_(__LINE__, (cfg), (text), sizeof(text) - 1)

static int good_(int at, struct acct_config *cfg, const char *text,
		 size_t len)
{
	struct acct_error err = ACCT_ERROR_INIT;
	int rc = acct_config_parse(cfg, PATH, text, len, &err);

	CHECK_MSG(rc == 0, "line %d: %d %s:%zu:%zu %s", at, rc, err.file,
		  err.line, err.col, err.msg);
	return rc;
}

/* A config that must be refused with ACCT_EDATA at line:col. */
#define BAD(text, line, col, msg) \
	bad_(__LINE__, (text), sizeof(text) - 1, (line), (col), (msg))

static void bad_(int at, const char *text, size_t len, size_t line,
		 size_t col, const char *msg)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_config cfg;
	int rc = acct_config_parse(&cfg, PATH, text, len, &err);

	CHECK_MSG(rc == ACCT_EDATA && err.code == ACCT_EDATA &&
		  !strcmp(err.file, PATH) && err.line == line &&
		  err.col == col && strstr(err.msg, msg),
		  "line %d: got %d %s:%zu:%zu \"%s\", want %d %s:%zu:%zu "
		  "\"...%s...\"", at, rc, err.file, err.line, err.col, err.msg,
		  ACCT_EDATA, PATH, line, col, msg);
	/* Nothing is left to free, and releasing again is harmless. */
	CHECK(cfg.payout == NULL && cfg.holidays == NULL &&
	      cfg.mail_command == NULL);
	acct_config_release(&cfg);
}

static void test_config__template(void)
{
	struct acct_buf text = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_config cfg;
	int rc;

	if (acct_buf_read_file(&text, "templates/config.yaml") < 0) {
		CHECK_MSG(0, "cannot read templates/config.yaml (run from the "
			  "top of the tree)");
		return;
	}
	rc = acct_config_parse(&cfg, PATH, text.buf, text.len, &err);
	CHECK_MSG(rc == 0, "templates/config.yaml: %d %zu:%zu %s", rc,
		  err.line, err.col, err.msg);
	if (!rc) {
		check_defaults(__LINE__, &cfg);
		acct_config_release(&cfg);
	}
	acct_buf_release(&text);

	acct_config_defaults(&cfg);
	check_defaults(__LINE__, &cfg);
	acct_config_release(&cfg);
	CHECK(cfg.payout == NULL && cfg.npayout == 0);
	acct_config_release(&cfg);
	acct_config_release(NULL);
}

static void test_config__empty(void)
{
	struct acct_config cfg;

	if (!GOOD(&cfg, "")) {
		check_defaults(__LINE__, &cfg);
		acct_config_release(&cfg);
	}
	if (!GOOD(&cfg, "# nothing set\n\n")) {
		check_defaults(__LINE__, &cfg);
		acct_config_release(&cfg);
	}
	if (!GOOD(&cfg, "---\n...\n")) {
		check_defaults(__LINE__, &cfg);
		acct_config_release(&cfg);
	}
	/* Unknown keys are not an error: later versions may add some. */
	if (!GOOD(&cfg, "future_key: 1\n")) {
		check_defaults(__LINE__, &cfg);
		acct_config_release(&cfg);
	}
}

static void test_config__values(void)
{
	struct acct_config cfg;

	if (GOOD(&cfg, "locale: ru\ncurrency: EUR\nreport_day: monday\n"
		 "cadence: {contact: 1wd, call: 2w, report: monthly, nps: 3m, "
		 "review: 100d}\n"
		 "max_clients_per_manager: 25\n"
		 "holidays: [2026-01-01, 2026-01-07, 2024-02-29]\n"))
		return;
	CHECK_STR(cfg.locale, "ru");
	CHECK_STR(cfg.currency, "EUR");
	CHECK_INT(cfg.report_day, 0);
	CHECK(dur_is(&cfg.cadence.contact, 1, ACCT_DUR_WORKDAYS));
	CHECK(dur_is(&cfg.cadence.call, 2, ACCT_DUR_WEEKS));
	CHECK(dur_is(&cfg.cadence.nps, 3, ACCT_DUR_MONTHS));
	CHECK(dur_is(&cfg.cadence.review, 100, ACCT_DUR_DAYS));
	CHECK_INT(cfg.cadence.report, ACCT_REPORT_MONTHLY);
	CHECK_INT(cfg.max_clients_per_manager, 25);
	CHECK_INT(cfg.nholidays, 3);
	if (cfg.nholidays == 3) {
		CHECK_INT(cfg.holidays[1].year, 2026);
		CHECK_INT(cfg.holidays[1].month, 1);
		CHECK_INT(cfg.holidays[1].day, 7);
		CHECK_INT(cfg.holidays[2].day, 29);
	}
	CHECK_INT(cfg.npayout, 4);	/* not given: the defaults */
	acct_config_release(&cfg);

	if (!GOOD(&cfg, "cadence:\n  report: 2w\nreport_day: sunday\n")) {
		CHECK_INT(cfg.cadence.report, ACCT_REPORT_EVERY);
		CHECK(dur_is(&cfg.cadence.report_every, 2, ACCT_DUR_WEEKS));
		CHECK_INT(cfg.report_day, 6);
		/* Keys not given keep their defaults. */
		CHECK(dur_is(&cfg.cadence.contact, 3, ACCT_DUR_WORKDAYS));
		CHECK(dur_is(&cfg.cadence.call, 14, ACCT_DUR_DAYS));
		acct_config_release(&cfg);
	}
	if (!GOOD(&cfg, "\xef\xbb\xbflocale: en\r\nholidays:\r\n  - 2026-05-01\r\n")) {
		CHECK_INT(cfg.nholidays, 1);
		acct_config_release(&cfg);
	}
	if (!GOOD(&cfg, "holidays:\n")) {
		CHECK_INT(cfg.nholidays, 0);
		acct_config_release(&cfg);
	}
	/* Reports name people only when asked to. */
	if (!GOOD(&cfg, "locale: en\n")) {
		CHECK_INT(cfg.report_show_names, 0);
		acct_config_release(&cfg);
	}
	if (!GOOD(&cfg, "reports:\n  show_names: true\n")) {
		CHECK_INT(cfg.report_show_names, 1);
		acct_config_release(&cfg);
	}
	if (!GOOD(&cfg, "reports: {show_names: false}\n")) {
		CHECK_INT(cfg.report_show_names, 0);
		acct_config_release(&cfg);
	}
}

/* limits.input_bytes: the largest input acct reads (lib/file.c). */
static void test_config__limits(void)
{
	struct acct_config cfg;

	if (!GOOD(&cfg, "limits:\n  input_bytes: 16777216\n")) {
		CHECK_INT(cfg.input_bytes, 16777216);
		acct_config_release(&cfg);
	}
	if (!GOOD(&cfg, "limits: {input_bytes: 1024}\n")) {
		CHECK_INT(cfg.input_bytes, 1024);
		acct_config_release(&cfg);
	}
	if (!GOOD(&cfg, "limits: {}\n")) {
		CHECK_INT(cfg.input_bytes, 8388608);
		acct_config_release(&cfg);
	}
}

static void test_config__health(void)
{
	struct acct_config cfg;

	if (!GOOD(&cfg, "health:\n  weights: {recency: 50, brief: 0}\n"
		  "  at_risk: 40\n  drop: 0\n")) {
		CHECK_INT(cfg.health.weights[ACCT_HEALTH_RECENCY], 50);
		CHECK_INT(cfg.health.weights[ACCT_HEALTH_BRIEF], 0);
		/* The others keep their defaults. */
		CHECK_INT(cfg.health.weights[ACCT_HEALTH_NPS], 15);
		CHECK_INT(cfg.health.weights[ACCT_HEALTH_KPI], 15);
		CHECK_INT(cfg.health.at_risk, 40);
		CHECK_INT(cfg.health.drop, 0);
		acct_config_release(&cfg);
	}
	if (!GOOD(&cfg, "health:\n")) {
		CHECK_INT(cfg.health.at_risk, 50);
		acct_config_release(&cfg);
	}
	CHECK_STR(acct_health_names[ACCT_HEALTH_NPS_TREND], "nps_trend");
	BAD("health:\n  weights: {recency: 101}\n", 2, 22,
	    "health.weights.recency");
	BAD("health:\n  weights:\n    recent: 10\n", 3, 5,
	    "'recent' is not a factor");
	BAD("health:\n  weights: {recency: 0, cadence: 0, nps: 0, "
	    "nps_trend: 0, actions: 0, kpi: 0, brief: 0}\n", 2, 12,
	    "at least one weight must be above 0");
	BAD("health:\n  at_risk: -1\n", 2, 12, "health.at_risk");
	BAD("health:\n  drop: lots\n", 2, 9, "health.drop");
	BAD("health: 50\n", 1, 9, "health");
}

static void test_config__bad_values(void)
{
	BAD("locale: xx\n", 1, 9, "locale must be en or ru, not 'xx'");
	BAD("# settings\nlocale: EN\n", 2, 9, "locale must be en or ru, not 'EN'");
	BAD("locale: [en]\n", 1, 9, "'locale' must be text, not a list");
	BAD("currency: rub\n", 1, 11, "currency must be a three-letter code "
	    "such as RUB, EUR or USD, not 'rub'");
	BAD("currency: RUBL\n", 1, 11, "currency must be a three-letter code "
	    "such as RUB, EUR or USD, not 'RUBL'");
	BAD("report_day: funday\n", 1, 13,
	    "report_day must be a weekday (monday ... sunday), not 'funday'");
	BAD("report_day: 5\n", 1, 13, "report_day must be a weekday");
	BAD("cadence:\n  call: 0d\n", 2, 9, "'0d' is out of range; N is 1 to 3660");
	BAD("cadence: {contact: 3x}\n", 1, 20, "'3x' is not a duration");
	BAD("cadence: {nps: 07d}\n", 1, 16, "'07d' is not a duration");
	BAD("cadence:\n  report: sometimes\n", 2, 11,
	    "'sometimes' is not a report cadence; use weekly, monthly or a "
	    "duration (Nd, Nw, Nm, Nwd)");
	BAD("cadence: weekly\n", 1, 10, "'cadence' must be a mapping, not text");
	BAD("reports: yes\n", 1, 10, "'reports' must be a mapping, not text");
	BAD("reports:\n  show_names: maybe\n", 2, 15, "reports.show_names");
	BAD("max_clients_per_manager: 0\n", 1, 26,
	    "'max_clients_per_manager' must be a whole number from 1 to 100000, "
	    "not '0'");
	BAD("max_clients_per_manager: ten\n", 1, 26,
	    "'max_clients_per_manager' must be a whole number from 1 to 100000, "
	    "not 'ten'");
	BAD("max_clients_per_manager: -1\n", 1, 26, "not '-1'");
	BAD("max_clients_per_manager: 2.5\n", 1, 26, "not '2.5'");
	BAD("holidays: [2026-02-30]\n", 1, 12,
	    "2026-02-30 is not a date (February 2026 has 28 days)");
	BAD("holidays:\n  - 2026-01-01\n  - 2026-1-2\n", 3, 5,
	    "'2026-1-2' is not a date; use YYYY-MM-DD");
	BAD("holidays: 2026-01-01\n", 1, 11, "'holidays' must be a list, not text");
	BAD("holidays: [[2026-01-01]]\n", 1, 12, "'holidays' must be text, not a list");
	BAD("nps_payout:\n  - {min: 50, pay: 100}\n  - {min: 30}\n", 3, 5,
	    "a payout band needs 'pay'");
	BAD("nps_payout:\n  - {pay: 100}\n", 2, 5, "a payout band needs 'min'");
	BAD("nps_payout: [{min: 50, pay: 101}]\n", 1, 29,
	    "'pay' must be a whole number from 0 to 100, not '101'");
	BAD("nps_payout: [{min: 50, pay: -1}]\n", 1, 29,
	    "'pay' must be a whole number from 0 to 100, not '-1'");
	BAD("nps_payout:\n  - min: -101\n    pay: 0\n", 2, 10,
	    "'min' must be a whole number from -100 to 100, not '-101'");
	BAD("nps_payout:\n  - min: 101\n    pay: 0\n", 2, 10,
	    "'min' must be a whole number from -100 to 100, not '101'");
	BAD("nps_payout: [50, 100]\n", 1, 14, "'nps_payout' must be a mapping, not text");
	BAD("nps_payout: {min: 50, pay: 100}\n", 1, 13,
	    "'nps_payout' must be a list, not a mapping");
	BAD("- locale\n", 1, 1, "must be a mapping, not a list");
	BAD("limits: 5\n", 1, 9, "'limits' must be a mapping, not text");
	BAD("limits:\n  input_bytes: 100\n", 2, 16,
	    "'limits.input_bytes' must be a whole number from 1024 to "
	    "1073741824, not '100'");
	BAD("limits: {input_bytes: 8MB}\n", 1, 23, "not '8MB'");
	BAD("limits: {input_bytes: 2000000000}\n", 1, 23, "not '2000000000'");
	/* The loader's own errors, with the config's path. */
	BAD("locale: en\nlocale: ru\n", 2, 1, "duplicate key 'locale' (first at line 1)");
	BAD("locale: en: ru\n", 1, 11, "mapping values are not allowed");
}

/* A bad duration names the key, as the card's cadence does. */
static void test_config__message_names_key(void)
{
	BAD("cadence:\n  call: 0d\n", 2, 9, "cadence.call");
	BAD("cadence:\n  report: sometimes\n", 2, 11, "cadence.report");
	BAD("holidays: [2026-02-30]\n", 1, 12, "holidays");
}

static void test_config__payout_sorted(void)
{
	struct acct_config cfg;

	if (GOOD(&cfg, "nps_payout:\n"
		 "  - {min: 0, pay: 40}\n"
		 "  - {min: 50, pay: 100}\n"
		 "  - {min: -100, pay: 0}\n"
		 "  - {min: 30, pay: 70}\n"
		 "  - {min: 70, pay: 100}\n"))
		return;
	CHECK_INT(cfg.npayout, 5);
	if (cfg.npayout == 5) {
		CHECK_INT(cfg.payout[0].min, 70);
		CHECK_INT(cfg.payout[0].pay, 100);
		CHECK_INT(cfg.payout[1].min, 50);
		CHECK_INT(cfg.payout[1].pay, 100);
		CHECK_INT(cfg.payout[2].min, 30);
		CHECK_INT(cfg.payout[2].pay, 70);
		CHECK_INT(cfg.payout[3].min, 0);
		CHECK_INT(cfg.payout[3].pay, 40);
		CHECK_INT(cfg.payout[4].min, -100);
		CHECK_INT(cfg.payout[4].pay, 0);
	}
	acct_config_release(&cfg);

	/* Extremes do not overflow the comparison. */
	if (!GOOD(&cfg, "nps_payout: [{min: -100, pay: 0}, {min: 100, pay: 100}]\n")) {
		CHECK_INT(cfg.npayout, 2);
		if (cfg.npayout == 2) {
			CHECK_INT(cfg.payout[0].min, 100);
			CHECK_INT(cfg.payout[1].min, -100);
		}
		acct_config_release(&cfg);
	}
	/* An empty list: no bands at all. */
	if (!GOOD(&cfg, "nps_payout: []\n")) {
		CHECK_INT(cfg.npayout, 0);
		acct_config_release(&cfg);
	}
}

static void test_config__weekday_and_cadence(void)
{
	static const char *const days[] = {
		"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday",
	};
	struct acct_error err = ACCT_ERROR_INIT;
	enum acct_report_cadence kind;
	struct acct_duration every;
	int i;

	for (i = 0; i < 7; i++)
		CHECK_INT(acct_weekday_parse(days[i]), i);
	CHECK_INT(acct_weekday_parse("funday"), -1);
	CHECK_INT(acct_weekday_parse(""), -1);
	CHECK_INT(acct_weekday_parse("mon"), -1);

	CHECK_INT(acct_report_cadence_parse(&kind, &every, "weekly", &err), 0);
	CHECK_INT(kind, ACCT_REPORT_WEEKLY);
	CHECK_INT(acct_report_cadence_parse(&kind, &every, "monthly", &err), 0);
	CHECK_INT(kind, ACCT_REPORT_MONTHLY);
	CHECK_INT(acct_report_cadence_parse(&kind, &every, "10wd", &err), 0);
	CHECK_INT(kind, ACCT_REPORT_EVERY);
	CHECK(dur_is(&every, 10, ACCT_DUR_WORKDAYS));
	CHECK_INT(acct_report_cadence_parse(&kind, &every, "daily", &err),
		  ACCT_EUSAGE);
	CHECK_STR(err.msg, "'daily' is not a report cadence; use weekly, "
		  "monthly or a duration (Nd, Nw, Nm, Nwd)");
}

static void test_config__mail(void)
{
	struct acct_config cfg;

	if (!GOOD(&cfg, "mail:\n  command: [/usr/sbin/sendmail, -t, -oi, "
		  "-f, \"anna@agency.example\", \"a b\"]\n")) {
		CHECK_INT(cfg.nmail_command, 6);
		if (cfg.nmail_command == 6) {
			CHECK_STR(cfg.mail_command[0], "/usr/sbin/sendmail");
			CHECK_STR(cfg.mail_command[4], "anna@agency.example");
			/* One argument with a space: no shell splits it. */
			CHECK_STR(cfg.mail_command[5], "a b");
			CHECK(cfg.mail_command[6] == NULL);
		}
		acct_config_release(&cfg);
		CHECK(cfg.mail_command == NULL && cfg.nmail_command == 0);
	}
	if (!GOOD(&cfg, "mail:\n  command:\n    - msmtp\n    - -t\n")) {
		CHECK_INT(cfg.nmail_command, 2);
		CHECK_STR(cfg.mail_command[0], "msmtp");
		acct_config_release(&cfg);
	}
	/* No command, or no mail: the default. */
	if (!GOOD(&cfg, "mail:\n  command:\n")) {
		check_defaults(__LINE__, &cfg);
		acct_config_release(&cfg);
	}
	if (!GOOD(&cfg, "mail: ~\n")) {
		check_defaults(__LINE__, &cfg);
		acct_config_release(&cfg);
	}
	/* A shell string is refused, with the list it should be. */
	BAD("mail:\n  command: sendmail -t -oi\n", 2, 12,
	    "mail.command must be a list, the program and its arguments "
	    "(never run by a shell), as [sendmail, -t, -oi], not "
	    "'sendmail -t -oi'");
	BAD("mail:\n  command: []\n", 2, 12, "mail.command must name a "
	    "program");
	BAD("mail:\n  command: [\"\", -t]\n", 2, 13, "the program's name is "
	    "empty");
	BAD("mail:\n  command: [sendmail, [-t]]\n", 2, 23, "mail.command");
	BAD("mail:\n  command: [sendmail, {a: b}]\n", 2, 23, "mail.command");
	BAD("mail:\n  command: [sendmail, ~]\n", 2, 23, "not null");
	BAD("mail:\n  command: [sendmail, \"a\\0b\"]\n", 2, 23,
	    "without NUL");
	BAD("mail: [sendmail]\n", 1, 7, "mail");
	BAD("mail:\n  command: {sendmail: -t}\n", 2, 12, "mail.command");
}

int main(void)
{
	test_config__mail();
	test_config__template();
	test_config__empty();
	test_config__values();
	test_config__limits();
	test_config__health();
	test_config__bad_values();
	test_config__message_names_key();
	test_config__payout_sorted();
	test_config__weekday_and_cadence();
	return test_report("config");
}
