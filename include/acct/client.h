#ifndef ACCT_CLIENT_H
#define ACCT_CLIENT_H

#include <stddef.h>

#include "acct/buf.h"
#include "acct/date.h"
#include "acct/yaml.h"

struct acct_book;
struct acct_error;

/* A text list read from a card (services, tags, campaigns): borrowed strings. */
struct acct_strlist {
	const char **items;
	size_t n;
};

struct acct_contact {
	const char *name, *role, *email, *phone, *telegram;
	const char *birthday;	/* "MM-DD" or "YYYY-MM-DD", checked; or NULL */
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
	const char *locale;		/* en, ru: the client's language; NULL:
					 * the book's */
	const char *email, *phone, *telegram;
	int has_since, has_archived;
	struct acct_date since, archived;
	struct acct_strlist services, tags;
	struct acct_strlist campaigns;	/* the ad campaigns that are the
					 * client's, by name (metric import) */
	struct acct_contact *contacts;
	size_t ncontacts;
	struct acct_money budget, fee;
	struct {
		const char *contact, *call, *report, *nps, *review;
	} cadence;			/* the card's own, as written; NULL: default */
	int has_channels, has_goals;	/* the card has the mapping */
	struct {
		const char *fast, *official;	/* NULL when absent */
	} channels;
	struct {
		const char *business, *marketing, *project;
		struct acct_strlist kpi;	/* a list, or one text */
	} goals;
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

/**
 * Read and parse `clients/<slug>/client.yaml` of the book (from its tree,
 * for a book at a past commit).
 */
int acct_client_load(struct acct_client **out, struct acct_book *book,
		     const char *slug, struct acct_error *err);

void acct_client_free(struct acct_client *c);

/**
 * Append to `out` the language of client `slug`'s templates and reports:
 * acct_client_locale() of its card, with the book's as the fallback. A
 * card that does not load is its error (ACCT_EDATA with its place).
 */
int acct_client_locale_load(struct acct_buf *out, struct acct_book *book,
			    const char *slug, struct acct_error *err);

typedef void (*acct_client_extra_fn)(const char *key, const char *text,
				     void *payload);

/**
 * Call `fn` for each key of the card that acct does not know, in the
 * card's order: top-level keys by name, keys inside a known mapping
 * (cadence, budget, fee, channels, goals) dotted ("goals.horizon"). The
 * value comes as one line of text: a scalar as written, anything else in
 * YAML's flow style (acct_ynode_flow()). The strings live for the call.
 */
void acct_client_extra(const struct acct_client *c, acct_client_extra_fn fn,
		       void *payload);

/**
 * The slugs of the book's clients (folders under clients/ with a slug's
 * shape; in the tree of a book at a past commit), sorted. Free with
 * acct_slugs_free().
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
	const char **campaigns;
	size_t ncampaigns;
	const char *fast_channel, *official_channel;	/* channels.* */
	const char *locale;		/* en, ru; NULL: the book's */
	const char *goal;		/* goals.business */
	const char **kpis;		/* goals.kpi */
	size_t nkpis;
	/* fee: {amount, currency (`currency`, else the config's), period:
	 * month, floating} */
	const char *fee, *floating;
};

/**
 * Create `clients/<slug>/client.yaml` from `spec` and commit it
 * ("client add <slug>: <name>"). A bad value is ACCT_EUSAGE naming it (by
 * its option: "--fast-channel must be one of ..."); a taken slug is
 * ACCT_EEXISTS naming the client. Appends the slug to `slug_out`.
 */
int acct_client_add(struct acct_buf *slug_out, struct acct_book *book,
		    const struct acct_client_spec *spec,
		    struct acct_error *err);

/**
 * The language of what the client reads: the card's `locale` ("en",
 * "ru", the loader refuses others), else `fallback` (the book's).
 */
const char *acct_client_locale(const struct acct_client *c,
			       const char *fallback);

/** Check an amount of money: digits with at most two decimals. */
int acct_amount_ok(const char *s);

#endif

/*
 * Changing cards in place (lib/card.c). Every change rewrites only the
 * bytes of the values it changes (lib/yedit.c) and is one commit.
 */
struct acct_yedit_op;

/** The order of a card's keys, for acct_yedit_op.order. */
const char *const *acct_client_key_order(const char *parent);

/**
 * The keys acct_client_set_op() knows, one at a time, sorted: the `i`th
 * (from 0) and, in `allowed`, what its value may be ("one of lead,
 * active, paused, churned"), from the table that checks the values; NULL
 * after the last. Mappings (cadence, channels ...) are not listed, their
 * keys are.
 */
const char *acct_client_key(size_t i, const char **allowed);

/** 1 if `s` may be a card's channels.fast or channels.official. */
int acct_client_channel_ok(const char *s);

/**
 * Check `value` for the card's `key` as acct_client_set_op() does,
 * naming it `name` in the message (NULL: the key). Returns 0 or
 * ACCT_EUSAGE.
 */
int acct_client_value_check(const char *key, const char *name,
			    const char *value, struct acct_error *err);

/**
 * Fill `op` to set `key` (dotted: "cadence.contact") to `value`, checking
 * known keys (status from its list, dates strict, durations, amounts,
 * currencies ...). ACCT_EUSAGE names the key and what is allowed. `op`
 * borrows `key` and `value`.
 */
int acct_client_set_op(struct acct_yedit_op *op, const char *key,
		       const char *value, struct acct_error *err);

/** Fill `op` to remove `key`; `name` and lists of contacts are refused. */
int acct_client_unset_op(struct acct_yedit_op *op, const char *key,
			 struct acct_error *err);

/**
 * Fill `op` to add `value` to or remove it from the list `key` (services,
 * tags, goals.kpi) of card `c`. Adding what is there already is
 * ACCT_EEXISTS; removing what is not, ACCT_ENOTFOUND.
 */
int acct_client_list_op(struct acct_yedit_op *op, const struct acct_client *c,
			const char *key, const char *value, int add,
			struct acct_error *err);

/**
 * Apply `ops` in order to the card of `slug` and commit the result as
 * "<command> <slug>: <summary>". The new card must load (ACCT_EDATA with
 * its line and column otherwise). Returns 0, 1 when the card would not
 * change (no commit), or an error.
 */
int acct_client_change(struct acct_book *book, const char *slug,
		       const struct acct_yedit_op *ops, size_t nops,
		       const char *command, const char *summary,
		       struct acct_error *err);

/**
 * Replace the card of `slug` by `text` (from an editor), checked like any
 * card (ACCT_EDATA with line and column). The slug stays. Returns 0, 1
 * when the text is the card as it is, or an error. The commit subject
 * names the top-level keys that changed.
 */
int acct_client_replace(struct acct_book *book, const char *slug,
			const char *text, size_t len, struct acct_error *err);

/**
 * Whether the card of `slug` could be written now (no hand changes, no
 * lock held, a branch checked out), so that an editor session is not
 * wasted. Returns 0 or the error a write would give.
 */
int acct_client_check_writable(struct acct_book *book, const char *slug,
			       struct acct_error *err);

/**
 * Rename the client: `name` (NULL: keep) and, with `new_slug`, move its
 * folder (clients/<slug> to clients/<new_slug>) in the same commit.
 */
int acct_client_rename(struct acct_book *book, const char *slug,
		       const char *name, const char *new_slug,
		       struct acct_error *err);
