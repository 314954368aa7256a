/*
 * An action item's words: its title is the text without the "@owner" and
 * "due:DATE" words that lib/entry.c reads out of it into their own fields.
 */
#include "acct/entry.h"

#include <string.h>

#include "acct/buf.h"
#include "acct/banned.h"

void acct_action_title(struct acct_buf *out, const struct acct_action *a)
{
	const char *s = a->text;
	size_t start = out->len;
	int owner_seen = 0;

	while (*s) {
		const char *w = s;
		size_t n, word;

		while (*s && *s != ' ' && *s != '\t')
			s++;
		word = n = (size_t)(s - w);
		/* As lib/entry.c reads them: "@anna," is the owner anna. */
		while (n > 1 && strchr(",.;)", w[n - 1]))
			n--;
		if ((n > 1 && w[0] == '@' && a->owner && !owner_seen) ||
		    (n > 4 && !strncmp(w, "due:", 4) && a->has_due)) {
			owner_seen |= w[0] == '@';
			/* Left out; the "," after it stays with the word before. */
			if (out->len > start)
				acct_buf_add(out, w + n, word - n);
		} else if (word) {
			if (out->len > start)
				acct_buf_addch(out, ' ');
			acct_buf_add(out, w, word);
		}
		while (*s == ' ' || *s == '\t')
			s++;
	}
	/* An item that is nothing but its owner and date keeps its text. */
	if (out->len == start)
		acct_buf_addstr(out, a->text);
}
