#ifndef ACCT_PERSON_H
#define ACCT_PERSON_H

#include <stddef.h>

struct acct_error;

/*
 * People named on the command line: a card's manager ("Boris Ivanov
 * <boris@agency.example>") or an action item's owner ("anna"). Every
 * option that names one (agenda --manager, client list --manager, todo
 * --owner) matches through acct_person_matches(), so they all agree.
 */

enum acct_person_match_flags {
	/* The whole name, e-mail or text, not any part of one. */
	ACCT_PERSON_WHOLE = 1 << 0,
};

/**
 * 1 if `pattern` names `person`, else 0. `person` is "Name <e-mail>" or
 * any text; its parts are the whole text, the name before '<' and the
 * e-mail between '<' and '>'. By default `pattern` must occur in one of
 * them; with ACCT_PERSON_WHOLE it must equal one. Case is ignored by
 * Unicode case folding ("борис" names "Борис Иванов"), after NFC; spaces
 * around `pattern` and around each part do not count. A NULL or blank
 * `person` or `pattern` matches nothing.
 */
int acct_person_matches(const char *person, const char *pattern,
			unsigned flags);

/**
 * Check that `pattern` (as for acct_person_matches(), any part) names at
 * least one of the `n` managers in `managers` (NULL items are skipped).
 * Returns 0, or ACCT_EUSAGE "no client has a manager matching 'x'" with a
 * hint naming the managers there are (each once, sorted), or saying that
 * no card names one.
 */
int acct_manager_check(const char *const *managers, size_t n,
		       const char *pattern, struct acct_error *err);

#endif
