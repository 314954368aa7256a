/*
 * The facts in bytes, for the cache file (lib/facts_cache.c): numbers
 * little-endian, strings with their length and a NUL after them so that
 * the facts read back can point into the file's bytes as they are. A
 * reader never reads past the end: a short or damaged payload sets `bad`
 * and the whole cache is taken for none.
 */
#include "facts_int.h"

#include <stdlib.h>
#include <string.h>

#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/client.h"
#include "acct/entry.h"
#include "acct/banned.h"

#define NO_STRING 0xffffffffu

void wire_u8(struct acct_buf *w, unsigned v)
{
	acct_buf_addch(w, (int)(v & 0xff));
}

void wire_u16(struct acct_buf *w, unsigned v)
{
	unsigned char b[2] = { (unsigned char)v, (unsigned char)(v >> 8) };

	acct_buf_add(w, b, 2);
}

void wire_u32(struct acct_buf *w, uint32_t v)
{
	unsigned char b[4];
	int i;

	for (i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	acct_buf_add(w, b, 4);
}

void wire_u64(struct acct_buf *w, uint64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	acct_buf_add(w, b, 8);
}

void wire_str(struct acct_buf *w, const char *s)
{
	size_t n;

	if (!s) {
		wire_u32(w, NO_STRING);
		return;
	}
	n = strlen(s);
	wire_u32(w, (uint32_t)n);
	acct_buf_add(w, s, n + 1);
}

void wire_date(struct acct_buf *w, const struct acct_date *d)
{
	wire_u32(w, (uint32_t)d->year);
	wire_u8(w, (unsigned)d->month);
	wire_u8(w, (unsigned)d->day);
}

static const unsigned char *take(struct wire *r, size_t n)
{
	const unsigned char *p = r->p;

	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	return p;
}

unsigned wire_get_u8(struct wire *r)
{
	const unsigned char *p = take(r, 1);

	return p ? p[0] : 0;
}

unsigned wire_get_u16(struct wire *r)
{
	const unsigned char *p = take(r, 2);

	return p ? (unsigned)p[0] | (unsigned)p[1] << 8 : 0;
}

uint32_t wire_get_u32(struct wire *r)
{
	const unsigned char *p = take(r, 4);

	return p ? (uint32_t)p[0] | (uint32_t)p[1] << 8 |
		   (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24 : 0;
}

uint64_t wire_get_u64(struct wire *r)
{
	uint64_t lo = wire_get_u32(r);

	return lo | (uint64_t)wire_get_u32(r) << 32;
}

const char *wire_get_str(struct wire *r)
{
	uint32_t n = wire_get_u32(r);
	const unsigned char *p;

	if (n == NO_STRING || r->bad)
		return NULL;
	if (!(p = take(r, (size_t)n + 1)) || p[n] != '\0' ||
	    memchr(p, '\0', n)) {
		r->bad = 1;
		return NULL;
	}
	return (const char *)p;
}

/* A string that must be there: "" when the payload is damaged. */
static const char *need_str(struct wire *r)
{
	const char *s = wire_get_str(r);

	if (!s)
		r->bad = 1;
	return s ? s : "";
}

void wire_get_date(struct wire *r, struct acct_date *d)
{
	d->year = (int)wire_get_u32(r);
	d->month = (int)wire_get_u8(r);
	d->day = (int)wire_get_u8(r);
}

/* --- entries and answers -------------------------------------------------- */

static const char *const directions[] = { "out", "in", NULL };

/* An interned string by its index in `v`: 0 is NULL, else index + 1. */
static unsigned intern_id(const char *const *v, const char *s)
{
	return s ? (unsigned)(facts_index_of(v, s) + 1) : 0;
}

static const char *intern_get(struct wire *r, const char *const *v,
			      size_t n, int may_be_null)
{
	unsigned i = wire_get_u8(r);

	if ((!i && !may_be_null) || i > n) {
		r->bad = 1;
		return may_be_null ? NULL : v[0];
	}
	return i ? v[i - 1] : NULL;
}

static size_t count(const char *const *v)
{
	size_t n = 0;

	while (v[n])
		n++;
	return n;
}

/* A date in four bytes: year << 9 | month << 5 | day. */
static void wire_pdate(struct acct_buf *w, const struct acct_date *d)
{
	wire_u32(w, (uint32_t)d->year << 9 | (uint32_t)d->month << 5 |
		    (uint32_t)d->day);
}

static void wire_get_pdate(struct wire *r, struct acct_date *d)
{
	uint32_t v = wire_get_u32(r);

	d->year = (int)(v >> 9);
	d->month = (int)(v >> 5 & 15);
	d->day = (int)(v & 31);
}

/*
 * An entry without its path (the cache keeps names apart, read only when
 * a folder changed), but a bad one's: its reader loads it for the error.
 */
void wire_entry(struct acct_buf *w, const struct acct_fact_entry *e)
{
	size_t i;

	wire_u32(w, e->keyday);
	wire_pdate(w, &e->day);
	wire_u8(w, (unsigned)e->bad);
	if (e->bad) {
		wire_str(w, e->path);
		return;
	}
	wire_pdate(w, &e->when);
	wire_u8(w, intern_id(acct_entry_kinds, e->kind));
	wire_u8(w, intern_id(acct_entry_channels, e->channel));
	wire_u8(w, intern_id(directions, e->direction));
	wire_u32(w, (uint32_t)e->ndue);
	wire_u32(w, (uint32_t)e->nopen);
	for (i = 0; i < e->nopen; i++) {
		wire_pdate(w, &e->open[i].due);
		acct_buf_add(w, e->open[i].id, ACCT_ACTION_ID_LEN);
		wire_str(w, e->open[i].text);
	}
	wire_u32(w, (uint32_t)e->nundated);
	for (i = 0; i < e->nundated; i++) {
		acct_buf_add(w, e->undated[i].id, ACCT_ACTION_ID_LEN);
		wire_str(w, e->undated[i].text);
	}
}

/* An open item's id and text, after its due date if it has one. */
static void get_action(struct wire *r, struct acct_fact_action *a)
{
	const unsigned char *id;

	if ((id = take(r, ACCT_ACTION_ID_LEN)))
		memcpy(a->id, id, ACCT_ACTION_ID_LEN);
	a->id[ACCT_ACTION_ID_LEN] = '\0';
	a->text = need_str(r);
}

void wire_get_entry(struct wire *r, struct facts_client *c,
		    struct acct_fact_entry *e)
{
	struct acct_fact_action *open = NULL;
	size_t i;

	e->path = NULL;
	e->keyday = wire_get_u32(r);
	wire_get_pdate(r, &e->day);
	e->bad = (int)wire_get_u8(r);
	if (e->bad) {
		e->path = need_str(r);
		return;
	}
	wire_get_pdate(r, &e->when);
	e->kind = intern_get(r, acct_entry_kinds, count(acct_entry_kinds), 0);
	e->channel = intern_get(r, acct_entry_channels,
				count(acct_entry_channels), 0);
	e->direction = intern_get(r, directions, 2, 1);
	e->ndue = wire_get_u32(r);
	e->nopen = wire_get_u32(r);
	if (r->bad || e->nopen > (size_t)(r->end - r->p)) {
		r->bad = 1;
		e->nopen = 0;
		return;
	}
	if (e->nopen)
		e->open = open = facts_alloc(&c->arena, e->nopen * sizeof(*open));
	for (i = 0; i < e->nopen; i++) {
		wire_get_pdate(r, &open[i].due);
		get_action(r, &open[i]);
	}
	e->nundated = wire_get_u32(r);
	if (r->bad || e->nundated > (size_t)(r->end - r->p)) {
		r->bad = 1;
		e->nundated = 0;
		return;
	}
	if (e->nundated)
		e->undated = open = facts_alloc(&c->arena, e->nundated *
						sizeof(*open));
	for (i = 0; i < e->nundated; i++) {
		memset(&open[i].due, 0, sizeof(open[i].due));
		get_action(r, &open[i]);
	}
}

void wire_answer(struct acct_buf *w, const struct acct_fact_answer *a)
{
	wire_str(w, a->path);
	wire_date(w, &a->named);
	wire_u8(w, (unsigned)a->bad);
	if (a->bad)
		return;
	wire_date(w, &a->date);
	wire_u8(w, (unsigned)a->score);
	wire_u8(w, (unsigned)a->csat);
	wire_str(w, a->respondent);
	wire_str(w, a->role);
	wire_str(w, a->survey);
	wire_str(w, a->comment);
}

void wire_get_answer(struct wire *r, struct acct_fact_answer *a)
{
	a->path = need_str(r);
	wire_get_date(r, &a->named);
	a->bad = (int)wire_get_u8(r);
	if (a->bad)
		return;
	wire_get_date(r, &a->date);
	a->score = (int)wire_get_u8(r);
	a->csat = (int)wire_get_u8(r);
	if (a->score > 10 || a->csat > 5)
		r->bad = 1;
	a->respondent = wire_get_str(r);
	a->role = wire_get_str(r);
	a->survey = wire_get_str(r);
	a->comment = wire_get_str(r);
}

/* --- the brief ------------------------------------------------------------ */

static void keys(struct acct_buf *w, const char **v, size_t n)
{
	size_t i;

	wire_u8(w, (unsigned)n);
	for (i = 0; i < n; i++)
		wire_u8(w, (unsigned)facts_index_of(acct_brief_keys, v[i]));
}

static const char **get_keys(struct wire *r, struct facts_client *c,
			     size_t *n)
{
	size_t nkeys = count(acct_brief_keys), i;
	const char **v;

	*n = wire_get_u8(r);
	v = facts_alloc(&c->arena, (*n + 1) * sizeof(*v));
	for (i = 0; i < *n; i++) {
		unsigned k = wire_get_u8(r);

		if (k >= nkeys)
			r->bad = 1;
		v[i] = acct_brief_keys[k < nkeys ? k : 0];
	}
	return v;
}

void wire_brief(struct acct_buf *w, const struct acct_fact_brief *b)
{
	size_t i;

	wire_u8(w, (unsigned)b->state);
	if (b->state != ACCT_FACT_OK)
		return;
	wire_u8(w, (unsigned)b->found);
	keys(w, b->missing, b->nmissing);
	keys(w, b->empty, b->nempty);
	wire_u32(w, (uint32_t)b->nkpis);
	for (i = 0; i < b->nkpis; i++)
		wire_str(w, b->kpis[i]);
}

void wire_get_brief(struct wire *r, struct facts_client *c,
		    struct acct_fact_brief *b)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	b->state = (int)wire_get_u8(r);
	if (b->state > ACCT_FACT_BAD)
		r->bad = 1;
	if (b->state != ACCT_FACT_OK)
		return;
	b->found = (int)wire_get_u8(r);
	b->missing = get_keys(r, c, &b->nmissing);
	b->empty = get_keys(r, c, &b->nempty);
	b->nkpis = wire_get_u32(r);
	if (r->bad || b->nkpis > (size_t)(r->end - r->p)) {
		r->bad = 1;
		b->nkpis = 0;
		return;
	}
	b->kpis = facts_alloc(&c->arena, (b->nkpis + 1) * sizeof(*b->kpis));
	for (i = 0; i < b->nkpis; i++)
		b->kpis[i] = need_str(r);
}

/* --- the card ------------------------------------------------------------- */

static void strlist(struct acct_buf *w, const struct acct_strlist *l)
{
	size_t i;

	wire_u32(w, (uint32_t)l->n);
	for (i = 0; i < l->n; i++)
		wire_str(w, l->items[i]);
}

static void get_strlist(struct wire *r, struct acct_strlist *l)
{
	size_t i;

	l->n = wire_get_u32(r);
	if (r->bad || l->n > (size_t)(r->end - r->p)) {
		r->bad = 1;
		l->n = 0;
	}
	l->items = acct_calloc(l->n + 1, sizeof(*l->items));
	for (i = 0; i < l->n; i++)
		l->items[i] = need_str(r);
}

static void money(struct acct_buf *w, const struct acct_money *m)
{
	wire_str(w, m->amount);
	wire_str(w, m->currency);
	wire_str(w, m->period);
	wire_str(w, m->floating);
}

static void get_money(struct wire *r, struct acct_money *m)
{
	m->amount = wire_get_str(r);
	m->currency = wire_get_str(r);
	m->period = wire_get_str(r);
	m->floating = wire_get_str(r);
}

/*
 * Every field of the card but its YAML tree and text, which no reader of
 * the facts uses (the agenda places a bad timezone or hours by tz_at and
 * hours_at).
 */
void wire_card(struct acct_buf *w, const struct acct_client_facts *cf)
{
	const struct acct_client *c = cf->card;
	const char *const s[] = {
		c->name, c->status, c->manager, c->style, c->timezone, c->hours,
		c->source, c->locale, c->email, c->phone, c->telegram,
		c->cadence.contact, c->cadence.call, c->cadence.report,
		c->cadence.nps, c->cadence.review, c->channels.fast,
		c->channels.official, c->goals.business, c->goals.marketing,
		c->goals.project,
	};
	size_t i;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		wire_str(w, s[i]);
	wire_u8(w, (unsigned)c->has_since);
	wire_date(w, &c->since);
	wire_u8(w, (unsigned)c->has_archived);
	wire_date(w, &c->archived);
	wire_u8(w, (unsigned)c->has_channels);
	wire_u8(w, (unsigned)c->has_goals);
	strlist(w, &c->services);
	strlist(w, &c->tags);
	strlist(w, &c->campaigns);
	strlist(w, &c->goals.kpi);
	money(w, &c->budget);
	money(w, &c->fee);
	wire_u32(w, (uint32_t)c->ncontacts);
	for (i = 0; i < c->ncontacts; i++) {
		const struct acct_contact *k = &c->contacts[i];

		wire_str(w, k->name);
		wire_str(w, k->role);
		wire_str(w, k->email);
		wire_str(w, k->phone);
		wire_str(w, k->telegram);
		wire_str(w, k->birthday);
		wire_u8(w, (unsigned)k->primary);
	}
	for (i = 0; i < 2; i++)
		wire_u32(w, (uint32_t)cf->tz_at[i]);
	for (i = 0; i < 2; i++)
		wire_u32(w, (uint32_t)cf->hours_at[i]);
}

void wire_get_card(struct wire *r, struct facts_client *fc)
{
	struct acct_client *c = acct_calloc(1, sizeof(*c));
	const char **const s[] = {
		&c->name, &c->status, &c->manager, &c->style, &c->timezone,
		&c->hours, &c->source, &c->locale, &c->email, &c->phone,
		&c->telegram, &c->cadence.contact, &c->cadence.call,
		&c->cadence.report, &c->cadence.nps, &c->cadence.review,
		&c->channels.fast, &c->channels.official, &c->goals.business,
		&c->goals.marketing, &c->goals.project,
	};
	struct acct_buf path = ACCT_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		*s[i] = wire_get_str(r);
	if (!c->name || !c->status)
		r->bad = 1;
	c->has_since = (int)wire_get_u8(r);
	wire_get_date(r, &c->since);
	c->has_archived = (int)wire_get_u8(r);
	wire_get_date(r, &c->archived);
	c->has_channels = (int)wire_get_u8(r);
	c->has_goals = (int)wire_get_u8(r);
	get_strlist(r, &c->services);
	get_strlist(r, &c->tags);
	get_strlist(r, &c->campaigns);
	get_strlist(r, &c->goals.kpi);
	get_money(r, &c->budget);
	get_money(r, &c->fee);
	c->ncontacts = wire_get_u32(r);
	if (r->bad || c->ncontacts > (size_t)(r->end - r->p)) {
		r->bad = 1;
		c->ncontacts = 0;
	}
	c->contacts = acct_calloc(c->ncontacts + 1, sizeof(*c->contacts));
	for (i = 0; i < c->ncontacts; i++) {
		struct acct_contact *k = &c->contacts[i];

		k->name = wire_get_str(r);
		k->role = wire_get_str(r);
		k->email = wire_get_str(r);
		k->phone = wire_get_str(r);
		k->telegram = wire_get_str(r);
		k->birthday = wire_get_str(r);
		k->primary = (int)wire_get_u8(r);
	}
	for (i = 0; i < 2; i++)
		fc->pub.tz_at[i] = wire_get_u32(r);
	for (i = 0; i < 2; i++)
		fc->pub.hours_at[i] = wire_get_u32(r);
	c->slug = acct_strdup(fc->pub.slug);
	acct_buf_addf(&path, "clients/%s/client.yaml", fc->pub.slug);
	c->path = acct_buf_detach(&path, NULL);
	c->text = (struct acct_buf)ACCT_BUF_INIT;
	acct_client_free(fc->card);
	fc->card = c;
}
