/*
 * Matching people named on the command line against cards' managers and
 * action items' owners: one rule for every option that names one.
 */
#include "acct/person.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/banned.h"

/* At most this many managers are named in the hint. */
#define HINT_MANAGERS 10

/* `s` (n bytes) without the blanks around it, case-folded, into `out`. */
static void folded(struct acct_buf *out, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	acct_buf_reset(out);
	acct_text_fold(out, s, n);
}

static int part_matches(const char *s, size_t n, const struct acct_buf *pat,
			unsigned flags)
{
	struct acct_buf part = ACCT_BUF_INIT;
	int hit;

	folded(&part, s, n);
	if (flags & ACCT_PERSON_WHOLE)
		hit = part.len == pat->len && !strcmp(part.buf, pat->buf);
	else
		hit = part.len && strstr(part.buf, pat->buf) != NULL;
	acct_buf_release(&part);
	return hit;
}

int acct_person_matches(const char *person, const char *pattern,
			unsigned flags)
{
	struct acct_buf pat = ACCT_BUF_INIT;
	const char *lt, *gt;
	int hit = 0;

	if (!person || !pattern)
		return 0;
	folded(&pat, pattern, strlen(pattern));
	if (!pat.len)
		goto out;
	if (part_matches(person, strlen(person), &pat, flags)) {
		hit = 1;
		goto out;
	}
	lt = strchr(person, '<');
	gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt)
		hit = part_matches(person, (size_t)(lt - person), &pat, flags) ||
		      part_matches(lt + 1, (size_t)(gt - lt - 1), &pat, flags);
out:
	acct_buf_release(&pat);
	return hit;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The managers' names once each (by folded text), sorted, as a list. */
static void known_managers(struct acct_buf *out, const char *const *managers,
			   size_t n)
{
	const char **seen = acct_calloc(n + 1, sizeof(*seen));
	struct acct_buf a = ACCT_BUF_INIT, b = ACCT_BUF_INIT;
	size_t i, j, k = 0;

	for (i = 0; i < n; i++) {
		if (!managers[i])
			continue;
		folded(&a, managers[i], strlen(managers[i]));
		if (!a.len)
			continue;
		for (j = 0; j < k; j++) {
			folded(&b, seen[j], strlen(seen[j]));
			if (!strcmp(a.buf, b.buf))
				break;
		}
		if (j == k)
			seen[k++] = managers[i];
	}
	if (k)
		qsort(seen, k, sizeof(*seen), str_cmp);
	for (i = 0; i < k && i < HINT_MANAGERS; i++)
		acct_buf_addf(out, "%s%s", i ? ", " : "", seen[i]);
	if (k > HINT_MANAGERS)
		acct_buf_addstr(out, ", ...");
	acct_buf_release(&a);
	acct_buf_release(&b);
	free(seen);
}

int acct_manager_check(const char *const *managers, size_t n,
		       const char *pattern, struct acct_error *err)
{
	struct acct_buf names = ACCT_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		if (acct_person_matches(managers[i], pattern, 0))
			return 0;
	acct_error_set(err, ACCT_EUSAGE, "no client has a manager matching '%s'",
		       pattern);
	known_managers(&names, managers, n);
	if (names.len)
		acct_error_hint(err, "the managers are: %s", names.buf);
	else
		acct_error_hint(err, "no card names a manager; set one with "
				"'acct client set <client> manager <name>'");
	acct_buf_release(&names);
	return ACCT_EUSAGE;
}
