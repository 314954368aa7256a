#include "acct/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/file.h"
#include "acct/yaml.h"
#include "acct/banned.h"

const char *const acct_health_names[ACCT_HEALTH_NFACTORS] = {
	"recency", "cadence", "nps", "nps_trend", "actions", "kpi", "brief",
};

static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday",
};

int acct_weekday_parse(const char *s)
{
	int i;

	for (i = 0; i < 7; i++)
		if (!strcmp(s, weekdays[i]))
			return i;
	return -1;
}

int acct_report_cadence_parse(enum acct_report_cadence *kind,
			      struct acct_duration *every, const char *s,
			      struct acct_error *err)
{
	if (!strcmp(s, "weekly"))
		return *kind = ACCT_REPORT_WEEKLY, 0;
	if (!strcmp(s, "monthly"))
		return *kind = ACCT_REPORT_MONTHLY, 0;
	if (acct_duration_parse(every, s, NULL) == 0)
		return *kind = ACCT_REPORT_EVERY, 0;
	return acct_error_set(err, ACCT_EUSAGE, "'%s' is not a report cadence; "
			      "use weekly, monthly or a duration (Nd, Nw, Nm, Nwd)",
			      s);
}

static void free_mail_command(struct acct_config *cfg)
{
	size_t i;

	for (i = 0; cfg->mail_command && cfg->mail_command[i]; i++)
		free(cfg->mail_command[i]);
	free(cfg->mail_command);
	cfg->mail_command = NULL;
	cfg->nmail_command = 0;
}

/* The argument vector `argv` (NULL-terminated), copied. */
static void set_mail_command(struct acct_config *cfg,
			     const char *const *argv)
{
	size_t n = 0, i;

	free_mail_command(cfg);
	while (argv[n])
		n++;
	cfg->mail_command = acct_calloc(n + 1, sizeof(*cfg->mail_command));
	for (i = 0; i < n; i++)
		cfg->mail_command[i] = acct_strdup(argv[i]);
	cfg->nmail_command = n;
}

void acct_config_defaults(struct acct_config *out)
{
	static const struct acct_payout_band bands[] = {
		{ 50, 100 }, { 30, 70 }, { 0, 40 }, { -100, 0 },
	};
	static const char *const mail[] = ACCT_MAIL_COMMAND;
	static const int weights[ACCT_HEALTH_NFACTORS] = {
		[ACCT_HEALTH_RECENCY] = 25, [ACCT_HEALTH_CADENCE] = 15,
		[ACCT_HEALTH_NPS] = 15, [ACCT_HEALTH_NPS_TREND] = 10,
		[ACCT_HEALTH_ACTIONS] = 10, [ACCT_HEALTH_KPI] = 15,
		[ACCT_HEALTH_BRIEF] = 10,
	};

	memset(out, 0, sizeof(*out));
	memcpy(out->locale, "en", 3);
	memcpy(out->currency, "RUB", 4);
	out->report_day = 4;
	out->cadence.contact = (struct acct_duration){ 3, ACCT_DUR_WORKDAYS };
	out->cadence.call = (struct acct_duration){ 14, ACCT_DUR_DAYS };
	out->cadence.nps = (struct acct_duration){ 90, ACCT_DUR_DAYS };
	out->cadence.review = (struct acct_duration){ 90, ACCT_DUR_DAYS };
	out->cadence.report = ACCT_REPORT_WEEKLY;
	out->max_clients_per_manager = 10;
	out->input_bytes = ACCT_INPUT_BYTES;
	memcpy(out->health.weights, weights, sizeof(weights));
	out->health.at_risk = 50;
	out->health.drop = 15;
	set_mail_command(out, mail);
	out->npayout = sizeof(bands) / sizeof(*bands);
	out->payout = acct_malloc(sizeof(bands));
	memcpy(out->payout, bands, sizeof(bands));
}

static void free_domains(struct acct_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nagency_domains; i++)
		free(cfg->agency_domains[i]);
	free(cfg->agency_domains);
	cfg->agency_domains = NULL;
	cfg->nagency_domains = 0;
}

void acct_config_release(struct acct_config *cfg)
{
	if (!cfg)
		return;
	free_domains(cfg);
	free(cfg->holidays);
	free(cfg->payout);
	free_mail_command(cfg);
	cfg->holidays = NULL;
	cfg->payout = NULL;
	cfg->nholidays = cfg->npayout = 0;
}

/* A value parsed by a lib/ parser: its message, placed at the node. */
static int at_node(struct acct_error *err, const char *path, const char *key,
		   const struct acct_ynode *n, const struct acct_error *why)
{
	return acct_error_at(err, ACCT_EDATA, path, n->line, n->col, "%s: %s",
			     key, why->msg);
}

static int read_duration(struct acct_duration *out, const struct acct_ynode *n,
			 const char *path, const char *key,
			 struct acct_error *err)
{
	struct acct_error why = ACCT_ERROR_INIT;
	int rc;

	if ((rc = acct_ynode_want_scalar(n, path, key, err)) < 0)
		return rc;
	if (acct_duration_parse(out, acct_ynode_deref(n)->value, &why) < 0)
		return at_node(err, path, key, n, &why);
	return 0;
}

static int read_cadence(struct acct_cadence *c, const struct acct_ynode *map,
			const char *path, struct acct_error *err)
{
	static const char *const keys[] = { "contact", "call", "nps", "review" };
	static const char *const names[] = {
		"cadence.contact", "cadence.call", "cadence.nps", "cadence.review",
	};
	struct acct_duration *slots[] = { &c->contact, &c->call, &c->nps, &c->review };
	const struct acct_ynode *n;
	struct acct_error why = ACCT_ERROR_INIT;
	size_t i;
	int rc;

	if ((rc = acct_ynode_want_type(map, ACCT_YMAP, path, "cadence", err)) < 0)
		return rc;
	for (i = 0; i < 4; i++)
		if ((n = acct_ynode_get(map, keys[i], NULL)) &&
		    (rc = read_duration(slots[i], n, path, names[i], err)) < 0)
			return rc;
	if ((n = acct_ynode_get(map, "report", NULL))) {
		if ((rc = acct_ynode_want_scalar(n, path, "report", err)) < 0)
			return rc;
		if (acct_report_cadence_parse(&c->report, &c->report_every,
					      n->value, &why) < 0)
			return at_node(err, path, "cadence.report", n, &why);
	}
	return 0;
}

static int read_holidays(struct acct_config *cfg, const struct acct_ynode *list,
			 const char *path, struct acct_error *err)
{
	struct acct_error why = ACCT_ERROR_INIT;
	size_t i;
	int rc;

	if ((rc = acct_ynode_want_type(list, ACCT_YSEQ, path, "holidays", err)) < 0)
		return rc;
	list = acct_ynode_deref(list);
	cfg->holidays = acct_calloc(list->n, sizeof(*cfg->holidays));
	for (i = 0; i < list->n; i++) {
		const struct acct_ynode *n = list->items[i];

		if ((rc = acct_ynode_want_scalar(n, path, "holidays", err)) < 0)
			return rc;
		if (acct_date_parse(&cfg->holidays[i], acct_ynode_deref(n)->value,
				    &why) < 0)
			return at_node(err, path, "holidays", n, &why);
		cfg->nholidays++;
	}
	return 0;
}

static int band_cmp(const void *a, const void *b)
{
	const struct acct_payout_band *x = a, *y = b;

	return y->min - x->min;
}

static int read_payout(struct acct_config *cfg, const struct acct_ynode *list,
		       const char *path, struct acct_error *err)
{
	size_t i;
	int rc;

	if ((rc = acct_ynode_want_type(list, ACCT_YSEQ, path, "nps_payout", err)) < 0)
		return rc;
	list = acct_ynode_deref(list);
	free(cfg->payout);
	cfg->npayout = 0;
	cfg->payout = acct_calloc(list->n, sizeof(*cfg->payout));
	for (i = 0; i < list->n; i++) {
		const struct acct_ynode *band = list->items[i], *n;
		long long v;

		if ((rc = acct_ynode_want_type(band, ACCT_YMAP, path,
					       "nps_payout", err)) < 0)
			return rc;
		if (!(n = acct_ynode_get(band, "min", NULL)))
			return acct_error_at(err, ACCT_EDATA, path, band->line,
					     band->col, "a payout band needs 'min'");
		if ((rc = acct_ynode_want_int(&v, n, path, "min", -100, 100, err)) < 0)
			return rc;
		cfg->payout[i].min = (int)v;
		if (!(n = acct_ynode_get(band, "pay", NULL)))
			return acct_error_at(err, ACCT_EDATA, path, band->line,
					     band->col, "a payout band needs 'pay'");
		if ((rc = acct_ynode_want_int(&v, n, path, "pay", 0, 100, err)) < 0)
			return rc;
		cfg->payout[i].pay = (int)v;
		cfg->npayout++;
	}
	qsort(cfg->payout, cfg->npayout, sizeof(*cfg->payout), band_cmp);
	return 0;
}

static int read_limits(struct acct_config *cfg, const struct acct_ynode *map,
		       const char *path, struct acct_error *err)
{
	const struct acct_ynode *n;
	long long v;
	int rc;

	if ((rc = acct_ynode_want_type(map, ACCT_YMAP, path, "limits", err)) < 0)
		return rc;
	if ((n = acct_ynode_get(map, "input_bytes", NULL))) {
		if ((rc = acct_ynode_want_int(&v, n, path, "limits.input_bytes",
					      (long long)ACCT_INPUT_BYTES_MIN,
					      (long long)ACCT_INPUT_BYTES_MAX,
					      err)) < 0)
			return rc;
		cfg->input_bytes = (size_t)v;
	}
	return 0;
}

static int read_health(struct acct_health_config *h,
		       const struct acct_ynode *map, const char *path,
		       struct acct_error *err)
{
	const struct acct_ynode *n, *w;
	long long v;
	size_t i, k;
	int rc, sum = 0;

	if ((rc = acct_ynode_want_type(map, ACCT_YMAP, path, "health", err)) < 0)
		return rc;
	if ((n = acct_ynode_get(map, "at_risk", NULL))) {
		if ((rc = acct_ynode_want_int(&v, n, path, "health.at_risk", 0,
					      100, err)) < 0)
			return rc;
		h->at_risk = (int)v;
	}
	if ((n = acct_ynode_get(map, "drop", NULL))) {
		if ((rc = acct_ynode_want_int(&v, n, path, "health.drop", 0,
					      100, err)) < 0)
			return rc;
		h->drop = (int)v;
	}
	if (!(w = acct_ynode_get(map, "weights", NULL)) || acct_ynode_is_null(w))
		return 0;
	if ((rc = acct_ynode_want_type(w, ACCT_YMAP, path, "health.weights",
				       err)) < 0)
		return rc;
	w = acct_ynode_deref(w);
	/* A name not known is a typo: its weight would be lost unseen. */
	for (i = 0; i + 1 < w->n; i += 2) {
		const struct acct_ynode *key = acct_ynode_deref(w->items[i]);

		for (k = 0; k < ACCT_HEALTH_NFACTORS; k++)
			if (key && key->type == ACCT_YSCALAR &&
			    !strcmp(key->value, acct_health_names[k]))
				break;
		if (k == ACCT_HEALTH_NFACTORS)
			return acct_error_at(err, ACCT_EDATA, path,
					     w->items[i]->line,
					     w->items[i]->col, "health.weights: '%s' is "
					     "not a factor; the factors are "
					     "recency, cadence, nps, nps_trend, "
					     "actions, kpi, brief",
					     key && key->type == ACCT_YSCALAR ?
					     key->value : "?");
	}
	for (k = 0; k < ACCT_HEALTH_NFACTORS; k++) {
		char name[40];

		if (!(n = acct_ynode_get(w, acct_health_names[k], NULL)))
			continue;
		snprintf(name, sizeof(name), "health.weights.%s",
			 acct_health_names[k]);
		if ((rc = acct_ynode_want_int(&v, n, path, name, 0, 100,
					      err)) < 0)
			return rc;
		h->weights[k] = (int)v;
	}
	for (k = 0; k < ACCT_HEALTH_NFACTORS; k++)
		sum += h->weights[k];
	if (!sum)
		return acct_error_at(err, ACCT_EDATA, path, w->line, w->col,
				     "health.weights: at least one weight must "
				     "be above 0");
	return 0;
}

/*
 * mail.command: a list of strings, the argument vector. A string would be
 * split by a shell, which acct never runs: it is refused, with the list
 * it should be.
 */
static int read_mail(struct acct_config *cfg, const struct acct_ynode *map,
		     const char *path, struct acct_error *err)
{
	const struct acct_ynode *list, *n;
	const char **argv;
	size_t i;
	int rc;

	if ((rc = acct_ynode_want_type(map, ACCT_YMAP, path, "mail", err)) < 0)
		return rc;
	if (!(list = acct_ynode_get(map, "command", NULL)) ||
	    acct_ynode_is_null(list))
		return 0;
	n = acct_ynode_deref(list);
	if (n->type == ACCT_YSCALAR)
		return acct_error_at(err, ACCT_EDATA, path, list->line, list->col,
				     "mail.command must be a list, the program "
				     "and its arguments (never run by a shell), "
				     "as [sendmail, -t, -oi], not '%s'",
				     n->value);
	if ((rc = acct_ynode_want_type(list, ACCT_YSEQ, path, "mail.command",
				       err)) < 0)
		return rc;
	if (!n->n)
		return acct_error_at(err, ACCT_EDATA, path, list->line, list->col,
				     "mail.command must name a program, as "
				     "[sendmail, -t, -oi]");
	for (i = 0; i < n->n; i++) {
		const struct acct_ynode *a = n->items[i];

		if ((rc = acct_ynode_want_scalar(a, path, "mail.command",
						 err)) < 0)
			return rc;
		if (acct_ynode_is_null(a) ||
		    strlen(acct_ynode_deref(a)->value) != acct_ynode_deref(a)->len)
			return acct_error_at(err, ACCT_EDATA, path, a->line,
					     a->col, "mail.command: an argument "
					     "must be a string without NUL, not "
					     "null");
		if (!i && !*acct_ynode_deref(a)->value)
			return acct_error_at(err, ACCT_EDATA, path, a->line,
					     a->col, "mail.command: the program's "
					     "name is empty");
	}
	argv = acct_calloc(n->n + 1, sizeof(*argv));
	for (i = 0; i < n->n; i++)
		argv[i] = acct_ynode_deref(n->items[i])->value;
	set_mail_command(cfg, argv);
	free(argv);
	return 0;
}

/*
 * agency.domains: a list of mail domains ("agency.example"), kept
 * lowercase. An address or a URL in their place is a mistake that would
 * make every message look like the client's: refused, saying why.
 */
static int read_agency(struct acct_config *cfg, const struct acct_ynode *map,
		       const char *path, struct acct_error *err)
{
	const struct acct_ynode *list, *n;
	size_t i, k;
	int rc;

	if ((rc = acct_ynode_want_type(map, ACCT_YMAP, path, "agency", err)) < 0)
		return rc;
	if (!(list = acct_ynode_get(map, "domains", NULL)) ||
	    acct_ynode_is_null(list))
		return 0;
	if ((rc = acct_ynode_want_type(list, ACCT_YSEQ, path, "agency.domains",
				       err)) < 0)
		return rc;
	n = acct_ynode_deref(list);
	cfg->agency_domains = acct_calloc(n->n + 1, sizeof(*cfg->agency_domains));
	for (i = 0; i < n->n; i++) {
		const struct acct_ynode *a = n->items[i];
		const char *v;
		char *d;

		if ((rc = acct_ynode_want_scalar(a, path, "agency.domains",
						 err)) < 0)
			return rc;
		v = acct_ynode_deref(a)->value;
		if (acct_ynode_is_null(a) || !*v || strlen(v) !=
		    acct_ynode_deref(a)->len || strspn(v, "abcdefghijklmnopqrstuvwxyz"
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != strlen(v) ||
		    !strchr(v, '.') || v[0] == '.' || v[0] == '-' ||
		    v[strlen(v) - 1] == '.')
			return acct_error_at(err, ACCT_EDATA, path, a->line,
					     a->col, "agency.domains: '%s' is not "
					     "a mail domain; write the part after "
					     "'@', as agency.example",
					     acct_ynode_is_null(a) ? "" : v);
		d = acct_strdup(v);
		for (k = 0; d[k]; k++)
			if (d[k] >= 'A' && d[k] <= 'Z')
				d[k] = (char)(d[k] - 'A' + 'a');
		cfg->agency_domains[cfg->nagency_domains++] = d;
	}
	return 0;
}

int acct_config_parse(struct acct_config *out, const char *path,
		      const char *text, size_t len, struct acct_error *err)
{
	struct acct_ydoc doc;
	const struct acct_ynode *root, *n;
	long long v;
	int rc;

	acct_config_defaults(out);
	if ((rc = acct_ydoc_parse(&doc, path, text, len, err)) < 0)
		goto fail;
	root = doc.root;
	if (!root || acct_ynode_is_null(root)) {
		acct_ydoc_release(&doc);
		return 0;	/* an empty config: all defaults */
	}
	if ((rc = acct_ynode_want_type(root, ACCT_YMAP, path, "the config", err)) < 0)
		goto out;
	if ((n = acct_ynode_get(root, "locale", NULL))) {
		if ((rc = acct_ynode_want_scalar(n, path, "locale", err)) < 0)
			goto out;
		if (strcmp(n->value, "en") && strcmp(n->value, "ru")) {
			rc = acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
					   "locale must be en or ru, not '%s'",
					   n->value);
			goto out;
		}
		memcpy(out->locale, n->value, 3);
	}
	if ((n = acct_ynode_get(root, "currency", NULL))) {
		if ((rc = acct_ynode_want_scalar(n, path, "currency", err)) < 0)
			goto out;
		if (strlen(n->value) != 3 || strspn(n->value,
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3) {
			rc = acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
					   "currency must be a three-letter code "
					   "such as RUB, EUR or USD, not '%s'",
					   n->value);
			goto out;
		}
		memcpy(out->currency, n->value, 4);
	}
	if ((n = acct_ynode_get(root, "report_day", NULL))) {
		if ((rc = acct_ynode_want_scalar(n, path, "report_day", err)) < 0)
			goto out;
		if ((out->report_day = acct_weekday_parse(n->value)) < 0) {
			rc = acct_error_at(err, ACCT_EDATA, path, n->line, n->col,
					   "report_day must be a weekday "
					   "(monday ... sunday), not '%s'", n->value);
			goto out;
		}
	}
	if ((n = acct_ynode_get(root, "cadence", NULL)) &&
	    (rc = read_cadence(&out->cadence, n, path, err)) < 0)
		goto out;
	if ((n = acct_ynode_get(root, "max_clients_per_manager", NULL))) {
		if ((rc = acct_ynode_want_int(&v, n, path, "max_clients_per_manager",
					      1, 100000, err)) < 0)
			goto out;
		out->max_clients_per_manager = (int)v;
	}
	if ((n = acct_ynode_get(root, "holidays", NULL)) && !acct_ynode_is_null(n) &&
	    (rc = read_holidays(out, n, path, err)) < 0)
		goto out;
	if ((n = acct_ynode_get(root, "nps_payout", NULL)) &&
	    (rc = read_payout(out, n, path, err)) < 0)
		goto out;
	if ((n = acct_ynode_get(root, "limits", NULL)) && !acct_ynode_is_null(n) &&
	    (rc = read_limits(out, n, path, err)) < 0)
		goto out;
	if ((n = acct_ynode_get(root, "reports", NULL)) &&
	    !acct_ynode_is_null(n)) {
		if ((rc = acct_ynode_want_type(n, ACCT_YMAP, path, "reports",
					       err)) < 0)
			goto out;
		if ((n = acct_ynode_get(n, "show_names", NULL)) &&
		    (rc = acct_ynode_want_bool(&out->report_show_names, n, path,
					       "reports.show_names", err)) < 0)
			goto out;
	}
	if ((n = acct_ynode_get(root, "health", NULL)) && !acct_ynode_is_null(n) &&
	    (rc = read_health(&out->health, n, path, err)) < 0)
		goto out;
	if ((n = acct_ynode_get(root, "mail", NULL)) && !acct_ynode_is_null(n) &&
	    (rc = read_mail(out, n, path, err)) < 0)
		goto out;
	if ((n = acct_ynode_get(root, "agency", NULL)) && !acct_ynode_is_null(n) &&
	    (rc = read_agency(out, n, path, err)) < 0)
		goto out;
out:
	acct_ydoc_release(&doc);
fail:
	if (rc < 0)
		acct_config_release(out);
	return rc < 0 ? rc : 0;
}
