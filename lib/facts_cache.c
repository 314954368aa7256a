/*
 * The facts of the whole book (acct/facts.h), kept under .git/acct/facts
 * between runs.
 */
#include "acct/facts.h"
#include "facts_int.h"

#include <stdlib.h>
#include <string.h>

#include "acct/book.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/banned.h"

struct acct_facts {
	struct facts_client *v;
	size_t n;
};

/* Whether the agenda looks past the card: active and not archived. */
static int card_active(const struct acct_client *c)
{
	return c && !strcmp(c->status, "active") && !c->has_archived;
}

int acct_facts_load(struct acct_facts **out, struct acct_book *book,
		    unsigned flags, struct acct_error *err)
{
	struct acct_facts *f;
	char **slugs = NULL;
	size_t n = 0, i;
	int rc;

	*out = NULL;
	if ((rc = acct_client_slugs(&slugs, &n, book, err)) < 0)
		return rc;
	f = acct_calloc(1, sizeof(*f));
	f->v = acct_calloc(n + 1, sizeof(*f->v));
	f->n = n;
	for (i = 0; i < n; i++) {
		struct facts_client *c = &f->v[i];

		c->pub.slug = facts_strdup(&c->arena, slugs[i]);
		facts_read_card(c, book);
		if (!(flags & ACCT_FACTS_ACTIVE) || card_active(c->card)) {
			facts_read_brief(c, book);
			facts_read_log(c, book);
			facts_read_answers(c, book);
		}
		facts_client_publish(c);
	}
	acct_slugs_free(slugs, n);
	*out = f;
	return 0;
}

void acct_facts_free(struct acct_facts *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->n; i++)
		facts_client_release(&f->v[i]);
	free(f->v);
	free(f);
}

size_t acct_facts_count(const struct acct_facts *f)
{
	return f->n;
}

const struct acct_client_facts *acct_facts_at(const struct acct_facts *f,
					      size_t i)
{
	return &f->v[i].pub;
}
