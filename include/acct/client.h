#ifndef ACCT_CLIENT_H
#define ACCT_CLIENT_H

#include <stddef.h>

#include "acct/buf.h"
#include "acct/date.h"
#include "acct/yaml.h"

struct acct_book;
struct acct_error;

/* A text list read from a card (services, tags): borrowed strings. */
struct acct_strlist {
	const char **items;
	size_t n;
};

struct acct_contact {
	const char *name, *role, *email, *phone, *telegram;
	int primary;
};

/* An amount of money: the digits as written, and the currency. */
struct acct_money {
	const char *amount;	/* NULL when absent; digits, maybe ".dd" */
	const char *currency;	/* NULL or ISO 4217, e.g. "RUB" */
	const char *period;	/* NULL, month, quarter, year, once */
	const char *floating;	/* fee only: percent tied to NPS, or NULL */
};

/*
 * A client card, read and checked. Strings are borrowed from the parsed
 * document and live as long as the card. Free with acct_client_free().
 */
struct acct_client {
	char *slug;
	char *path;			/* clients/<slug>/client.yaml */
	const char *name;
	const char *status;		/* lead, active, paused, churned */
	const char *manager;		/* NULL when absent */
	const char *style, *timezone, *hours, *source;
	const char *email, *phone, *telegram;
	int has_since, has_archived;
	struct acct_date since, archived;
	struct acct_strlist services, tags;
	struct acct_contact *contacts;
	size_t ncontacts;
	struct acct_money budget, fee;
	struct acct_buf text;		/* the file as read */
	struct acct_ydoc doc;
};

/* The statuses a card may have, NULL-terminated. */
extern const char *const acct_client_statuses[];

/** 1 if `s` is a known status. */
int acct_client_status_ok(const char *s);

/**
 * Parse and check a card's text. `slug` and `path` are copied. Errors are
 * ACCT_EDATA with `path`:line:col. Takes ownership of nothing: `text` is
 * copied.
 */
int acct_client_parse(struct acct_client **out, const char *slug,
		      const char *path, const char *text, size_t len,
		      struct acct_error *err);

/** Read and parse `clients/<slug>/client.yaml` of the book. */
int acct_client_load(struct acct_client **out, struct acct_book *book,
		     const char *slug, struct acct_error *err);

void acct_client_free(struct acct_client *c);

/**
 * The slugs of the book's clients (folders under clients/ with a slug's
 * shape), sorted. Free with acct_slugs_free().
 */
int acct_client_slugs(char ***out, size_t *n, struct acct_book *book,
		      struct acct_error *err);
void acct_slugs_free(char **slugs, size_t n);

/**
 * Find the client that `arg` names: its slug or a unique prefix of it.
 * Appends the slug to `out`. ACCT_ENOTFOUND "no such client 'x'",
 * ACCT_EAMBIGUOUS "'ac' is ambiguous: acme, acorn".
 */
int acct_client_resolve(struct acct_buf *out, struct acct_book *book,
			const char *arg, struct acct_error *err);

/* What `acct client add` sets on a new card; NULL means absent. */
struct acct_client_spec {
	const char *name;
	const char *slug;		/* NULL: made from the name */
	const char *status;		/* NULL: active */
	const char *manager;		/* NULL: git's user.name <user.email> */
	const char *since;		/* NULL: today */
	const char *email, *phone, *telegram;
	const char *budget, *currency;
	const char **services;
	size_t nservices;
	const char **tags;
	size_t ntags;
};

/**
 * Create `clients/<slug>/client.yaml` from `spec` and commit it
 * ("client add <slug>: <name>"). A bad value is ACCT_EUSAGE naming it; a
 * taken slug is ACCT_EEXISTS naming the client. Appends the slug to
 * `slug_out`.
 */
int acct_client_add(struct acct_buf *slug_out, struct acct_book *book,
		    const struct acct_client_spec *spec,
		    struct acct_error *err);

/** Check an amount of money: digits with at most two decimals. */
int acct_amount_ok(const char *s);

#endif
