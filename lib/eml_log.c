/*
 * An e-mail message becomes a log entry: its client found by address
 * when not named, logged once per Message-ID (looked up among that
 * client's entries only), one commit like acct log.
 */
#include "acct/eml.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/commit.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/mail.h"
#include "acct/txn.h"
#include "acct/banned.h"

/* The address of a card's email value: "addr" or "Name <addr>". */
static void card_address(struct acct_buf *out, const char *value)
{
	struct acct_buf name = ACCT_BUF_INIT;

	if (value && *value &&
	    acct_mail_mailbox(&name, out, value, NULL) < 0)
		acct_buf_reset(out);
	acct_buf_release(&name);
}

static int card_has(const struct acct_client *c, const char *addr)
{
	struct acct_buf a = ACCT_BUF_INIT;
	size_t i;
	int found = 0;

	card_address(&a, c->email);
	found = a.len && !strcasecmp(a.buf, addr);
	for (i = 0; !found && i < c->ncontacts; i++) {
		acct_buf_reset(&a);
		card_address(&a, c->contacts[i].email);
		found = a.len && !strcasecmp(a.buf, addr);
	}
	acct_buf_release(&a);
	return found;
}

/* Calls fn for each address of From:, To:, Cc: that is not ours. */
struct theirs {
	const char **v;
	size_t n;
};

static void add_theirs(struct theirs *t, const struct acct_eml_address *a,
		       size_t n, const char *mine, const struct acct_config *cfg)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (acct_eml_is_ours(a[i].addr, mine, cfg->agency_domains,
				     cfg->nagency_domains))
			continue;
		for (k = 0; k < t->n; k++)
			if (!strcasecmp(t->v[k], a[i].addr))
				break;
		if (k < t->n)
			continue;
		t->v = acct_realloc(t->v, (t->n + 1) * sizeof(*t->v));
		t->v[t->n++] = a[i].addr;
	}
}

static void list_addresses(struct acct_buf *out, const struct theirs *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		acct_buf_addf(out, "%s%s", i ? ", " : "", t->v[i]);
}

/*
 * The client whose card or contacts hold one of the message's addresses
 * that are not ours. A card that does not read is an error: it might be
 * the one.
 */
static int find_client(struct acct_buf *slug, struct acct_book *book,
		       const struct acct_eml *m, const char *mine,
		       struct acct_error *err)
{
	struct theirs t = { NULL, 0 };
	struct acct_buf found = ACCT_BUF_INIT, addrs = ACCT_BUF_INIT;
	char **slugs = NULL;
	size_t nslugs = 0, i, k, nfound = 0;
	int rc;

	add_theirs(&t, m->from, m->nfrom, mine, &book->config);
	add_theirs(&t, m->to, m->nto, mine, &book->config);
	add_theirs(&t, m->cc, m->ncc, mine, &book->config);
	list_addresses(&addrs, &t);
	if (!t.n) {
		rc = acct_error_set(err, ACCT_ENOTFOUND, "the message has no "
				    "address but the agency's (From:, To:, "
				    "Cc:): name its client");
		acct_error_hint(err, "acct log <client> --eml FILE");
		goto out;
	}
	if ((rc = acct_client_slugs(&slugs, &nslugs, book, err)) < 0)
		goto out;
	for (i = 0; i < nslugs; i++) {
		struct acct_client *c = NULL;

		if ((rc = acct_client_load(&c, book, slugs[i], err)) < 0)
			goto out;
		for (k = 0; k < t.n; k++)
			if (card_has(c, t.v[k]))
				break;
		if (k < t.n) {
			acct_buf_addf(&found, "%s%s", nfound ? ", " : "", slugs[i]);
			if (!nfound)
				acct_buf_addstr(slug, slugs[i]);
			nfound++;
		}
		acct_client_free(c);
	}
	if (!nfound) {
		rc = acct_error_set(err, ACCT_ENOTFOUND, "no client has an "
				    "address of the message: %s", addrs.buf);
		acct_error_hint(err, "name the client (acct log <client> "
				"--eml FILE), or add the address to its card: "
				"acct client contact add <client> NAME --email "
				"ADDRESS");
	} else if (nfound > 1) {
		acct_buf_reset(slug);
		rc = acct_error_set(err, ACCT_EAMBIGUOUS, "the message's "
				    "addresses (%s) are of several clients: %s",
				    addrs.buf, found.buf);
		acct_error_hint(err, "name the client: acct log <client> "
				"--eml FILE");
	} else {
		rc = 0;
	}
out:
	acct_slugs_free(slugs, nslugs);
	free(t.v);
	acct_buf_release(&found);
	acct_buf_release(&addrs);
	return rc;
}

/* The client's entry of this Message-ID, onto `path`: 1, or 0 if none. */
static int find_logged(struct acct_buf *path, struct acct_book *book,
		       const char *slug, const char *message_id,
		       struct acct_error *err)
{
	struct acct_entry_list list = ACCT_ENTRY_LIST_INIT;
	size_t i;
	int rc;

	if ((rc = acct_entry_list(&list, book, slug, NULL, NULL, err)) < 0)
		goto out;
	for (i = 0, rc = 0; i < list.n && !rc; i++) {
		struct acct_entry *e = NULL;
		struct acct_error ignored = ACCT_ERROR_INIT;

		/* An entry that does not read is no e-mail of ours. */
		if (acct_entry_load(&e, book, slug, list.refs[i].path,
				    &ignored) == 0 && e->message_id &&
		    !strcmp(e->message_id, message_id)) {
			acct_buf_addstr(path, list.refs[i].path);
			rc = 1;
		}
		acct_entry_free(e);
	}
out:
	acct_entry_list_release(&list);
	return rc;
}

static void add_mailboxes(struct acct_buf *out, const char *label,
			  const struct acct_eml_address *a, size_t n)
{
	size_t i;

	if (!n)
		return;
	acct_buf_addf(out, "- %s: ", label);
	for (i = 0; i < n; i++) {
		if (i)
			acct_buf_addstr(out, ", ");
		if (*a[i].name)
			acct_buf_addf(out, "%s <%s>", a[i].name, a[i].addr);
		else
			acct_buf_addstr(out, a[i].addr);
	}
	acct_buf_addch(out, '\n');
}

/* A line of only '-' or only '=' (spaces around): a setext underline. */
static int underline(const char *s, size_t n)
{
	size_t i = 0, marks = 0;
	char c = 0;

	while (i < n && s[i] == ' ')
		i++;
	if (i < n && (s[i] == '-' || s[i] == '='))
		c = s[i];
	while (c && i < n && s[i] == c)
		i++, marks++;
	while (i < n && s[i] == ' ')
		i++;
	return marks && i == n;
}

/*
 * The message's text as Markdown that says what the mail said: a line
 * that Markdown would take for a heading ("# x", or "--" under a line of
 * text, as a signature's "Regards\n--") gets a backslash, so a mail can
 * never open the entry's own sections (## Decisions, ## Actions).
 */
static void add_text(struct acct_buf *out, const char *s, size_t len)
{
	size_t i = 0;
	int after_text = 0;

	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len, k = i, j;
		int blank = 1, heading;

		while (k < end && k - i < 3 && s[k] == ' ')
			k++;
		for (j = i; j < end; j++)
			if (s[j] != ' ' && s[j] != '\t')
				blank = 0;
		heading = (k < end && s[k] == '#') ||
			  (after_text && underline(s + i, end - i));
		after_text = !blank;
		if (heading) {
			acct_buf_add(out, s + i, k - i);
			acct_buf_addch(out, '\\');
			acct_buf_add(out, s + k, end - k);
		} else {
			acct_buf_add(out, s + i, end - i);
		}
		acct_buf_addch(out, '\n');
		i = end + 1;
	}
}

static void entry_body(struct acct_buf *out, const struct acct_eml *m)
{
	size_t i;

	add_mailboxes(out, "From", m->from, m->nfrom);
	add_mailboxes(out, "To", m->to, m->nto);
	add_mailboxes(out, "Cc", m->cc, m->ncc);
	for (i = 0; i < m->natt; i++) {
		acct_buf_addf(out, "%s%s (", i ? ", " : "- Attachments: ",
			      m->att[i].name);
		acct_eml_size(out, m->att[i].size);
		acct_buf_addch(out, ')');
	}
	if (m->natt)
		acct_buf_addch(out, '\n');
	if (m->text.len) {
		acct_buf_addch(out, '\n');
		add_text(out, m->text.buf, m->text.len);
	}
	if (m->quoted)
		acct_buf_addf(out, "\n*The quoted text (%zu line%s) is left "
			      "out.*\n", m->quoted, m->quoted == 1 ? "" : "s");
}

int acct_eml_log(struct acct_buf *slug_out, struct acct_buf *path_out,
		 struct acct_book *book, const struct acct_eml *m,
		 const char *slug, const char *mine, struct acct_error *err)
{
	struct acct_buf client = ACCT_BUF_INIT, summary = ACCT_BUF_INIT,
			body = ACCT_BUF_INIT, found = ACCT_BUF_INIT,
			msg = ACCT_BUF_INIT, path = ACCT_BUF_INIT;
	struct acct_txn *t = NULL;
	struct acct_log_spec ls;
	struct acct_date d, today;
	struct acct_time local, now;
	int rc;

	memset(&ls, 0, sizeof(ls));
	if (slug)
		acct_buf_addstr(&client, slug);
	else if ((rc = find_client(&client, book, m, mine, err)) < 0)
		goto out;
	/* A Date: ahead is the message's fault, not the command line's. */
	local.sec = m->date.sec;
	local.off = acct_time_local_offset(local.sec);
	now = book->now;
	now.off = acct_time_local_offset(now.sec);
	acct_time_date(&d, &local);
	acct_time_date(&today, &now);
	if (acct_date_check_not_ahead(&d, &today, "the Date: header", err) < 0) {
		rc = ACCT_EDATA;
		err->code = ACCT_EDATA;
		goto out;
	}
	acct_eml_summary(&summary, m->subject ? m->subject : "");
	entry_body(&body, m);
	ls.slug = client.buf;
	ls.summary = summary.buf;
	ls.channel = "email";
	ls.direction = acct_eml_is_ours(m->from[0].addr, mine,
					book->config.agency_domains,
					book->config.nagency_domains) ? "out"
								      : "in";
	ls.when = &m->date;
	ls.body = body.buf;
	ls.body_len = body.len;
	ls.body_name = "the message";
	ls.message_id = m->message_id;
	/*
	 * The lookup runs under the book's lock: two deliveries of one
	 * message at once (procmail, cron) make one entry, not two.
	 */
	if ((rc = acct_txn_begin(&t, book, err)) < 0)
		goto out;
	if (m->message_id &&
	    (rc = find_logged(&found, book, client.buf, m->message_id,
			      err)) != 0) {
		if (rc > 0) {
			acct_buf_addstr(slug_out, client.buf);
			acct_buf_addstr(path_out, found.buf);
			rc = ACCT_EML_ALREADY;
		}
		goto out;
	}
	acct_commit_subject(&msg, "log", client.buf, summary.buf);
	if ((rc = acct_log_stage(&path, t, book, &ls, err)) < 0 ||
	    (rc = acct_txn_commit(t, msg.buf, err)) < 0)
		goto out;
	acct_buf_addstr(path_out, path.buf);
	acct_buf_addstr(slug_out, client.buf);
	rc = ACCT_EML_NEW;
out:
	acct_txn_free(t);
	acct_buf_release(&msg);
	acct_buf_release(&path);
	acct_buf_release(&client);
	acct_buf_release(&summary);
	acct_buf_release(&body);
	acct_buf_release(&found);
	return rc;
}
