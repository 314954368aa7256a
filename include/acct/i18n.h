#ifndef ACCT_I18N_H
#define ACCT_I18N_H

/*
 * acct's messages through gettext (glibc's libintl): _() translates a
 * message where it is used, N_() marks one in a table for _() later, Q_()
 * chooses the form for a count (1 клиент, 2 клиента, 5 клиентов). The
 * domain is named on every call, so lib/ translates into acct's catalog
 * whatever the program linking it has chosen with textdomain().
 *
 * Only messages for the user go through these: never JSON, file
 * contents, commit messages or the text of reports, which are data.
 * lib/ never chooses the language: cmd/ sets LC_MESSAGES and binds the
 * catalogs (cmd/acct.c); until it does, every message is English.
 */

#include <libintl.h>

#define ACCT_TEXTDOMAIN "acct"

/*
 * Set by cmd/ (cmd/acct.c) when acct's catalog has nothing for the
 * language of the messages (English, C, a language without a catalog):
 * _() and Q_() then give the English as gettext would, without asking
 * it, which looks for the catalog again at every call (a tenth of a
 * warm `acct agenda --all` on a large book). 0 until then.
 */
extern int acct_i18n_english;

#define _(msgid) (acct_i18n_english ? (msgid) : \
		  dgettext(ACCT_TEXTDOMAIN, msgid))
#define N_(msgid) msgid
#define Q_(msgid, plural, n) (acct_i18n_english ? \
			      ((n) == 1 ? (msgid) : (plural)) : \
			      dngettext(ACCT_TEXTDOMAIN, msgid, plural, n))

#endif
