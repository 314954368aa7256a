/*
 * A client's report as an e-mail message (lib/mail.c builds it), handed
 * to the mail command and recorded as sent: the entry, and the message
 * when saved, in one commit once the command said yes.
 */
#include "acct/report.h"

#include <string.h>

#include <cmark.h>
#include <jansson.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/error.h"
#include "acct/mail.h"
#include "acct/md.h"
#include "acct/run.h"
#include "acct/txn.h"
#include "acct/banned.h"

/*
 * The subject: the template's first heading (its title, in the report's
 * language), then the period in words. A template without a heading
 * gets the HTML page's title, which names the period already.
 */
static void subject_of(struct acct_buf *out, const struct acct_buf *md,
		       const json_t *data)
{
	const json_t *period = json_object_get(data, "period");
	const json_t *client = json_object_get(data, "client");
	const char *when = json_string_value(json_object_get(period, "text"));
	cmark_node *doc = cmark_parse_document(md->buf, md->len,
					       CMARK_OPT_DEFAULT);
	cmark_node *n;
	size_t at = out->len;

	if (!when)
		when = json_string_value(json_object_get(period, "label"));
	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) == 1)
			break;
	if (n)
		acct_md_plain_text(out, n, 0);
	if (out->len > at)
		acct_buf_addf(out, ", %s", when ? when : "");
	else
		acct_buf_addf(out, "%s: %s", json_string_value(json_object_get(
			      client, "name")), when ? when : "");
	cmark_node_free(doc);
}

/* To: the primary contact's e-mail, else the card's. */
static int recipient(struct acct_buf *out, const struct acct_client *c,
		     struct acct_error *err)
{
	size_t i;

	for (i = 0; i < c->ncontacts; i++)
		if (c->contacts[i].primary && c->contacts[i].email &&
		    *c->contacts[i].email) {
			if (c->contacts[i].name && !strchr(c->contacts[i].email,
							   '<'))
				acct_buf_addf(out, "%s <%s>", c->contacts[i].name,
					      c->contacts[i].email);
			else
				acct_buf_addstr(out, c->contacts[i].email);
			return 0;
		}
	if (c->email && *c->email) {
		if (!strchr(c->email, '<'))
			acct_buf_addf(out, "%s <%s>", c->name, c->email);
		else
			acct_buf_addstr(out, c->email);
		return 0;
	}
	acct_error_set(err, ACCT_EDATA, "no e-mail address to send %s's "
		       "report to: neither a primary contact's e-mail nor the "
		       "card's email: in %s", c->slug, c->path);
	acct_error_hint(err, "set one: the card's with 'acct client set %s "
			"email ADDRESS', or the primary contact's email: with "
			"'acct client edit %s'", c->slug, c->slug);
	return ACCT_EDATA;
}

/* From: the card's manager with an e-mail, else git's identity. */
static int sender(struct acct_buf *out, struct acct_book *book,
		  const struct acct_client *c, struct acct_error *err)
{
	struct acct_buf name = ACCT_BUF_INIT, addr = ACCT_BUF_INIT,
			who = ACCT_BUF_INIT;
	int rc = 0;

	if (c->manager && acct_mail_mailbox(&name, &addr, c->manager,
					    NULL) == 0)
		acct_buf_addstr(out, c->manager);
	else if (acct_ident_who(&who, book, NULL) == 0 &&
		 acct_mail_mailbox(&name, &addr, who.buf, NULL) == 0)
		acct_buf_addstr(out, who.buf);
	else {
		rc = acct_error_set(err, ACCT_EDATA, "no e-mail address to send "
				    "%s's report from: the card's manager has "
				    "none%s%s%s, nor has git's user.email",
				    c->slug, c->manager ? " ('" : "",
				    c->manager ? c->manager : "",
				    c->manager ? "')" : "");
		acct_error_hint(err, "set it: acct client set %s manager "
				"'Name <name@agency.example>'", c->slug);
	}
	acct_buf_release(&name);
	acct_buf_release(&addr);
	acct_buf_release(&who);
	return rc;
}

int acct_report_message(const struct acct_report_message *out,
			struct acct_book *book, const json_t *data,
			const char *name, struct acct_error *err)
{
	const char *slug = json_string_value(json_object_get(
		json_object_get(data, "client"), "slug"));
	struct acct_buf md = ACCT_BUF_INIT, html = ACCT_BUF_INIT,
			subject = ACCT_BUF_INIT, from = ACCT_BUF_INIT,
			to = ACCT_BUF_INIT, eml = ACCT_BUF_INIT,
			mid = ACCT_BUF_INIT;
	struct acct_client *c = NULL;
	struct acct_mail_spec ms;
	int rc;

	if (!slug) {
		rc = acct_error_set(err, ACCT_EUSAGE, "the portfolio is not sent "
				    "by e-mail: give one client");
		goto out;
	}
	if ((rc = acct_client_load(&c, book, slug, err)) < 0 ||
	    (rc = recipient(&to, c, err)) < 0 ||
	    (rc = sender(&from, book, c, err)) < 0 ||
	    (rc = acct_report_render(&md, book, data, name, ACCT_FORMAT_MD,
				     err)) < 0 ||
	    (rc = acct_report_render(&html, book, data, name, ACCT_FORMAT_HTML,
				     err)) < 0)
		goto out;
	subject_of(&subject, &md, data);
	ms = (struct acct_mail_spec){
		from.buf, to.buf, subject.buf, book->now, md.buf, md.len,
		html.buf, html.len,
	};
	if ((rc = acct_mail_build(&eml, &mid, &ms, err)) < 0) {
		/* The card's address, most likely: say which. */
		if (c)
			acct_error_hint(err, "check the addresses in %s", c->path);
		goto out;
	}
	acct_buf_add(out->eml, eml.buf, eml.len);
	if (out->subject)
		acct_buf_add(out->subject, subject.buf, subject.len);
	if (out->to)
		acct_buf_add(out->to, to.buf, to.len);
	if (out->message_id)
		acct_buf_add(out->message_id, mid.buf, mid.len);
out:
	acct_client_free(c);
	acct_buf_release(&md);
	acct_buf_release(&html);
	acct_buf_release(&subject);
	acct_buf_release(&from);
	acct_buf_release(&to);
	acct_buf_release(&eml);
	acct_buf_release(&mid);
	return rc;
}

/* The command as a person would type it, for messages. */
static void command_line(struct acct_buf *out, const char *const *argv)
{
	size_t i;

	for (i = 0; argv[i]; i++)
		acct_buf_addf(out, "%s%s", i ? " " : "", argv[i]);
}

/* `s` quoted for a POSIX shell: 'it'\''s'. */
static void sh_quote(struct acct_buf *out, const char *s)
{
	acct_buf_addch(out, '\'');
	for (; *s; s++)
		if (*s == '\'')
			acct_buf_addstr(out, "'\\''");
		else
			acct_buf_addch(out, *s);
	acct_buf_addch(out, '\'');
}

static int run_command(const struct acct_report_send_spec *s,
		       struct acct_error *err)
{
	struct acct_buf said = ACCT_BUF_INIT, cmd = ACCT_BUF_INIT,
			why = ACCT_BUF_INIT;
	struct acct_run_opts ro = { 0 };
	int status, rc;

	ro.argv = s->command;
	ro.env = s->env;
	ro.in = s->eml;
	ro.in_len = s->eml_len;
	ro.err = &said;
	/* No terminal: a mail command never prompts under cron either. */
	ro.flags = ACCT_RUN_SETSID;
	command_line(&cmd, s->command);
	rc = acct_run(&status, &ro, err);
	if (rc == ACCT_ENOTFOUND) {
		rc = acct_error_set(err, ACCT_ERROR, "the mail command '%s' was "
				    "not found in PATH (mail.command); the "
				    "report was not sent", s->command[0]);
		acct_error_hint(err, "install a mail transfer agent, or set "
				"mail.command in .acct/config.yaml to the program "
				"and its arguments, as [msmtp, -t]; sendmail is "
				"often in /usr/sbin, which cron's PATH lacks");
	} else if (rc < 0) {
		acct_buf_addstr(&why, err->msg);
		rc = acct_error_set(err, ACCT_ERROR, "mail.command '%s': %s; the "
				    "report was not sent", cmd.buf, why.buf);
	} else if (status != 0) {
		acct_run_last_lines(&why, &said, 3);
		rc = acct_error_set(err, ACCT_ERROR, "the mail command '%s' "
				    "failed (exit %d)%s%s; the report was not "
				    "sent to %s nor recorded", cmd.buf, status,
				    why.len ? ": " : "", why.buf, s->to);
	}
	acct_buf_release(&said);
	acct_buf_release(&cmd);
	acct_buf_release(&why);
	return rc;
}

int acct_report_send(struct acct_buf *entry_path, struct acct_buf *saved_path,
		     struct acct_book *book,
		     const struct acct_report_send_spec *s,
		     struct acct_error *err)
{
	struct acct_buf body = ACCT_BUF_INIT, msg = ACCT_BUF_INIT,
			what = ACCT_BUF_INIT, path = ACCT_BUF_INIT,
			saved = ACCT_BUF_INIT, why = ACCT_BUF_INIT;
	struct acct_log_spec ls = { 0 };
	struct acct_txn *t = NULL;
	int rc;

	if ((rc = run_command(s, err)) < 0)
		goto out;
	/* Sent: from here on a failure must say so. */
	if (s->save)
		acct_report_save_path(&saved, s->save);
	acct_buf_addf(&body, "- To: %s\n- Message-ID: %s\n", s->to,
		      s->message_id);
	if (s->save)
		acct_buf_addf(&body, "- Saved: %s\n", saved.buf);
	ls.slug = s->slug;
	ls.summary = s->subject;
	ls.channel = "email";
	ls.direction = "out";
	ls.kind = "report";
	ls.body = body.buf;
	ls.body_len = body.len;
	acct_buf_addf(&what, "mailed %s", s->what);
	if (s->save)
		acct_buf_addstr(&what, ", saved");
	acct_commit_subject(&msg, "report", s->slug, what.buf);
	if ((rc = acct_txn_begin(&t, book, err)) == 0 &&
	    (rc = acct_log_stage(&path, t, book, &ls, err)) == 0 &&
	    (!s->save || (rc = acct_txn_put(t, saved.buf, s->eml, s->eml_len,
					    0, err)) == 0))
		rc = acct_txn_commit(t, msg.buf, err);
	if (rc < 0) {
		acct_buf_addstr(&why, err->msg);
		acct_error_set(err, rc, "the report WAS sent to %s but not "
			       "recorded: %s", s->to, why.buf);
		acct_buf_reset(&why);
		acct_buf_addf(&why, "acct log %s --kind report --channel email "
			      "--direction out ", s->slug);
		sh_quote(&why, s->subject);
		acct_error_hint(err, "do not send it again; record it with: %s",
				why.buf);
		goto out;
	}
	rc = 0;
	acct_buf_addstr(entry_path, path.buf);
	if (s->save && saved_path)
		acct_buf_addstr(saved_path, saved.buf);
out:
	acct_txn_free(t);
	acct_buf_release(&body);
	acct_buf_release(&msg);
	acct_buf_release(&what);
	acct_buf_release(&path);
	acct_buf_release(&saved);
	acct_buf_release(&why);
	return rc;
}
