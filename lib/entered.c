/*
 * When a card entered the book. A client added with a `since` in the past
 * has no log, no survey and no review in the book before that day, so the
 * agenda counts its first ones from the day the card was committed, not
 * from `since` (issue 15): a new book is not a wall of red.
 *
 * Down HEAD's first-parent line (the line `acct history` walks: a card
 * brought in by a merge entered with the merge), newest first, through
 * the commits that added or removed a card or a folder, as the folder log
 * lists them (lib/folderlog.c, kept in .git/acct/folderlog and brought up
 * to HEAD by the commits made since): a card whose parent commit lacks
 * it entered there, unless its folder was renamed from another one, which
 * is followed. No commit and no tree is read here. As the days were kept
 * before ACCT_NO_CACHE=1 existed, the list is kept even then: an agenda
 * without the cache of facts does not walk the history.
 */
#include "acct/entered.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/error.h"
#include "acct/folderlog.h"
#include "acct/banned.h"

#define NOWHERE SIZE_MAX

/*
 * Place every card of HEAD: `sec[c]` the author time of the commit its
 * card entered with, for each folder `c` of fl->names whose card HEAD has
 * (`placed[c]` set). `at[name]` is the card looked for in that folder
 * now, NOWHERE for none.
 */
static void place_cards(int64_t *sec, unsigned char *placed,
			const struct acct_folderlog *fl)
{
	size_t *at = acct_calloc(fl->nnames + 1, sizeof(*at));
	unsigned char *seen = acct_calloc(fl->nnames + 1, 1);
	size_t i, j, left = 0;

	for (i = 0; i < fl->nnames; i++)
		at[i] = NOWHERE;
	/* The cards of HEAD: a folder's newest change says whether it has one. */
	for (i = 0; i < fl->ncommits; i++) {
		const struct acct_folderlog_commit *c = &fl->commits[i];

		for (j = 0; j < c->n; j++) {
			const struct acct_folderlog_change *ch =
				&fl->changes[c->first + j];

			if (seen[ch->name])
				continue;
			seen[ch->name] = 1;
			if (ch->flags & ACCT_FOLDERLOG_CARD) {
				at[ch->name] = ch->name;
				left++;
			}
		}
	}
	for (i = 0; i < fl->ncommits && left; i++) {
		const struct acct_folderlog_commit *c = &fl->commits[i];
		int renamed = 0;

		for (j = 0; j < c->n; j++) {
			const struct acct_folderlog_change *ch =
				&fl->changes[c->first + j];
			size_t card = at[ch->name];

			if (!(ch->flags & ACCT_FOLDERLOG_DIR) || card == NOWHERE ||
			    (ch->flags & ACCT_FOLDERLOG_CARD_BEFORE))
				continue;
			at[ch->name] = NOWHERE;
			/* Moved here from another folder: one folder to one. */
			if (!renamed && c->moved != ACCT_FOLDERLOG_NONE) {
				at[c->moved] = card;
				renamed = 1;
				continue;
			}
			sec[card] = c->time;
			placed[card] = 1;
			left--;
		}
	}
	/* The first commit: whatever is left entered there. */
	for (i = 0; left && i < fl->nnames; i++) {
		if (at[i] == NOWHERE)
			continue;
		sec[at[i]] = fl->commits[fl->ncommits - 1].time;
		placed[at[i]] = 1;
		left--;
	}
	free(at);
	free(seen);
}

/* The local date of a moment given in seconds. */
static void local_day(struct acct_date *out, int64_t sec)
{
	struct acct_time t;

	t.sec = sec;
	t.off = acct_time_local_offset(sec);
	acct_time_date(out, &t);
}

void acct_cards_entered_prepare(struct acct_book *book)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_folderlog *fl = NULL;

	(void)acct_folderlog_get(&fl, book, ACCT_FOLDERLOG_KEEP_ALWAYS, &err);
	acct_folderlog_free(fl);
}

int acct_cards_entered(struct acct_date *out, struct acct_book *book,
		       const char *const *slugs, size_t n,
		       struct acct_error *err)
{
	struct acct_folderlog *fl = NULL;
	unsigned char *placed = NULL;
	int64_t *sec = NULL;
	struct acct_date today;
	size_t i;
	int rc;

	acct_time_date(&today, &book->now);
	for (i = 0; i < n; i++)
		out[i] = today;
	if (!n)
		return 0;
	/* A card not committed yet entered today; no commit: none is. */
	if ((rc = acct_folderlog_get(&fl, book, ACCT_FOLDERLOG_KEEP_ALWAYS,
				     err)) < 0 || !fl->ncommits)
		goto out;
	sec = acct_calloc(fl->nnames + 1, sizeof(*sec));
	placed = acct_calloc(fl->nnames + 1, 1);
	place_cards(sec, placed, fl);
	for (i = 0; i < n; i++) {
		uint32_t c = acct_folderlog_name(fl, slugs[i]);

		if (c != ACCT_FOLDERLOG_NONE && placed[c])
			local_day(&out[i], sec[c]);
	}
out:
	free(sec);
	free(placed);
	acct_folderlog_free(fl);
	return rc;
}
