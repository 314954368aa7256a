#ifndef ACCT_CONFIG_H
#define ACCT_CONFIG_H

#include <stddef.h>

#include "acct/date.h"

struct acct_error;

/* The report cadence: weekly on report_day, monthly, or a duration. */
enum acct_report_cadence {
	ACCT_REPORT_WEEKLY,
	ACCT_REPORT_MONTHLY,
	ACCT_REPORT_EVERY,
};

struct acct_cadence {
	struct acct_duration contact, call, nps, review;
	enum acct_report_cadence report;
	struct acct_duration report_every;	/* for ACCT_REPORT_EVERY */
};

/* Pay `pay` percent of the floating fee when NPS is at least `min`. */
struct acct_payout_band {
	int min;		/* -100..100 */
	int pay;		/* 0..100 */
};

/*
 * The factors of a client's health score (lib/health.c), in the order
 * they are listed; acct_health_names[] are their names in the config
 * (health.weights) and in --json.
 */
enum acct_health_kind {
	ACCT_HEALTH_RECENCY,	/* the last contact against cadence.contact */
	ACCT_HEALTH_CADENCE,	/* the cadence kept over the last 90 days */
	ACCT_HEALTH_NPS,	/* NPS of the last 180 days */
	ACCT_HEALTH_NPS_TREND,	/* against the 180 days before */
	ACCT_HEALTH_ACTIONS,	/* overdue action items */
	ACCT_HEALTH_KPI,	/* measurable KPIs met last month */
	ACCT_HEALTH_BRIEF,	/* the brief's sections written */
	ACCT_HEALTH_NFACTORS
};

/* "recency", "cadence", "nps", "nps_trend", "actions", "kpi", "brief". */
extern const char *const acct_health_names[ACCT_HEALTH_NFACTORS];

/* health: in the config. */
struct acct_health_config {
	int weights[ACCT_HEALTH_NFACTORS];	/* 0..100 each, not all 0 */
	int at_risk;		/* the agenda's "at risk" below this score */
	int drop;		/* ... or when it fell more than this since
				 * last month */
};

/* .acct/config.yaml, the book's defaults. */
struct acct_config {
	char locale[8];			/* "en" or "ru" */
	char currency[4];		/* of fees given without one: "RUB" */
	int report_day;			/* 0 Monday ... 6 Sunday */
	struct acct_cadence cadence;
	int max_clients_per_manager;
	struct acct_date *holidays;
	size_t nholidays;
	struct acct_payout_band *payout;	/* sorted by min, highest first */
	size_t npayout;
	size_t input_bytes;		/* limits.input_bytes: see acct/file.h */
	/* reports.show_names: a client's report names the agency's people
	 * (@anna) and the NPS respondents; off by default. */
	int report_show_names;
	struct acct_health_config health;
	/* mail.command: the argument vector of the program that sends a
	 * message given on its standard input (acct report --mail),
	 * NULL-terminated; never run through a shell. */
	char **mail_command;
	size_t nmail_command;
	/* agency.domains: the agency's own mail domains, lowercase: mail
	 * from them is ours (acct log --eml: direction out), and their
	 * addresses never identify a client. */
	char **agency_domains;
	size_t nagency_domains;
};

/* The mail command when the config names none. */
#define ACCT_MAIL_COMMAND { "sendmail", "-t", "-oi", NULL }

/* The config file's path inside a book. */
#define ACCT_CONFIG_PATH ".acct/config.yaml"

/**
 * Parse a config file's text (`path` for messages). Missing keys take the
 * defaults; a bad value is ACCT_EDATA with its line and column. Release
 * with acct_config_release().
 */
int acct_config_parse(struct acct_config *out, const char *path,
		      const char *text, size_t len, struct acct_error *err);

/** The defaults, as the built-in config.yaml says them. */
void acct_config_defaults(struct acct_config *out);

void acct_config_release(struct acct_config *cfg);

/**
 * Parse a report cadence value: "weekly", "monthly" or a duration.
 * Returns 0 or ACCT_EUSAGE.
 */
int acct_report_cadence_parse(enum acct_report_cadence *kind,
			      struct acct_duration *every, const char *s,
			      struct acct_error *err);

/** Parse a weekday name (monday ... sunday) to 0..6, or -1. */
int acct_weekday_parse(const char *s);

#endif
