#ifndef ACCT_FACTS_INT_H
#define ACCT_FACTS_INT_H

/*
 * What lib/facts.c (the facts of a client, read from its files) and
 * lib/facts_cache.c (kept under .git/acct/ and checked against the book)
 * share. Private to lib/.
 */
#include <stddef.h>
#include <stdint.h>

#include "acct/facts.h"

struct acct_book;
struct acct_client;
struct acct_entry;
struct acct_entry_list;
struct acct_error;
struct acct_nps_list;
struct acct_nps_answer;

/* Memory for many small things, freed at once: blocks, never moved. */
struct facts_arena {
	char **blocks;
	size_t n;
	char *cur;
	size_t left;
};

void *facts_alloc(struct facts_arena *a, size_t n);
char *facts_strndup(struct facts_arena *a, const char *s, size_t n);
char *facts_strdup(struct facts_arena *a, const char *s);
void facts_arena_release(struct facts_arena *a);

/* A client's facts with what owns them. */
struct facts_client {
	struct acct_client_facts pub;
	struct facts_arena arena;
	struct acct_client *card;	/* owned; pub.card points to it */
	struct acct_fact_entry *entries;
	size_t nentries, aentries;
	/*
	 * Each entry's file name (its path is clients/<slug>/log/<the
	 * name's year>/<name>: a good entry's is not kept), or NULL when
	 * not known (the cache keeps them apart, read when asked).
	 */
	const char *const *entry_names;
	struct acct_fact_answer *answers;
	size_t nanswers, aanswers;
	struct acct_buf **arena_bufs;	/* bytes read that facts point into */
	size_t nbufs;
};

/**
 * The facts of one entry `e` (NULL: it did not load) into `out`; its
 * path is kept only when it did not load (its reader loads it again).
 */
void facts_entry_set(struct facts_client *c, struct acct_fact_entry *out,
		     const char *path, const char *key,
		     const struct acct_entry *e);

/** The facts of one answer `a` (NULL: it did not load) into `out`. */
void facts_answer_set(struct facts_client *c, struct acct_fact_answer *out,
		      const char *path, const struct acct_date *named,
		      const struct acct_nps_answer *a);

/** Room for one more entry or answer, zeroed. */
struct acct_fact_entry *facts_entry_add(struct facts_client *c);
struct acct_fact_answer *facts_answer_add(struct facts_client *c);

/**
 * Read the card of `c` (pub.slug set) into c->card, or mark it bad; then
 * the brief into pub.brief.
 */
void facts_read_card(struct facts_client *c, struct acct_book *book);
void facts_read_brief(struct facts_client *c, struct acct_book *book);

/**
 * Read the log and the answers of `c` from the files (of the tree of a
 * past book); a record `now` has the facts of is not read (NULL: none).
 */
void facts_read_log(struct facts_client *c, struct acct_book *book,
		    const struct acct_client_facts *now);
void facts_read_answers(struct facts_client *c, struct acct_book *book,
			const struct acct_client_facts *now);

/** A copy of the facts `e` or `a` (of another client's facts) in `c`. */
void facts_copy_entry(struct facts_client *c, struct acct_fact_entry *out,
		      const struct acct_fact_entry *e);
void facts_copy_answer(struct facts_client *c, struct acct_fact_answer *out,
		       const struct acct_fact_answer *a);

/**
 * Add to `c` the records `list` names, in its order: each one `now` has
 * with the same blob in the past book is copied, the others are read.
 */
void facts_add_entries(struct facts_client *c, struct acct_book *book,
		       const struct acct_client_facts *now,
		       const struct acct_entry_list *list);
void facts_add_answers(struct facts_client *c, struct acct_book *book,
		       const struct acct_client_facts *now,
		       const struct acct_nps_list *list);

/*
 * The log or the answers of `c` in the tree of a past book (lib/
 * facts_past.c): a folder (log/, nps/, a year's) whose tree id is what the
 * records of `now` in it hash to holds the same files, and is copied from
 * `now` without being listed or read. 0 when done; -1 (nothing added)
 * when the caller must list and read as usual.
 */
int facts_past_log(struct facts_client *c, struct acct_book *book,
		   const struct acct_client_facts *now);
int facts_past_answers(struct facts_client *c, struct acct_book *book,
		       const struct acct_client_facts *now);

/*
 * Before the records of `c` in a past book: when the client's folder
 * then is the one the work tree and the records of `now` make (its tree
 * id in the past clients/ says so), make it the past book's known folder
 * (acct_book_past_known(), until another is) and return 0; else -1.
 */
int facts_past_client(struct facts_client *c, struct acct_book *book,
		      const struct acct_client_facts *now);

/** The text of a record and its blob id: 0, or -1 (then it is bad). */
int facts_read_text(struct acct_buf *out, unsigned char *id,
		    struct acct_book *book, const char *path);

/** Read one record into `out`, its blob id too; `text` is scratch. */
void facts_load_entry(struct facts_client *c, struct acct_fact_entry *out,
		      struct acct_book *book, const char *path,
		      const char *key, struct acct_buf *text);
void facts_load_answer(struct facts_client *c, struct acct_fact_answer *out,
		       struct acct_book *book, const char *path,
		       const struct acct_date *named, struct acct_buf *text);



/** A buffer that lives as long as `c` (facts may point into it). */
struct acct_buf *facts_keep_buf(struct facts_client *c);

/** Point c->pub at the arrays, once they are filled. */
void facts_client_publish(struct facts_client *c);
void facts_client_release(struct facts_client *c);

/** The index of `s` in the NULL-terminated `v`, or -1. */
int facts_index_of(const char *const *v, const char *s);

/* --- in bytes (lib/facts_wire.c) ----------------------------------------- */

struct acct_buf;

/* Reading: `bad` once anything was short or out of range. */
struct wire {
	const unsigned char *p, *end;
	int bad;
};

void wire_u8(struct acct_buf *w, unsigned v);
void wire_u16(struct acct_buf *w, unsigned v);
void wire_u32(struct acct_buf *w, uint32_t v);
void wire_u64(struct acct_buf *w, uint64_t v);
void wire_str(struct acct_buf *w, const char *s);	/* NULL too */
void wire_date(struct acct_buf *w, const struct acct_date *d);
unsigned wire_get_u8(struct wire *r);
unsigned wire_get_u16(struct wire *r);
uint32_t wire_get_u32(struct wire *r);
uint64_t wire_get_u64(struct wire *r);
const char *wire_get_str(struct wire *r);	/* into the bytes read */
void wire_get_date(struct wire *r, struct acct_date *d);

void wire_entry(struct acct_buf *w, const struct acct_fact_entry *e);
void wire_get_entry(struct wire *r, struct facts_client *c,
		    struct acct_fact_entry *e);
void wire_answer(struct acct_buf *w, const struct acct_fact_answer *a);
void wire_get_answer(struct wire *r, struct acct_fact_answer *a);
void wire_brief(struct acct_buf *w, const struct acct_fact_brief *b);
void wire_get_brief(struct wire *r, struct facts_client *c,
		    struct acct_fact_brief *b);
/* The card of `cf` (which must be there) and where its values stand. */
void wire_card(struct acct_buf *w, const struct acct_client_facts *cf);
/* Into c->card (a card of its own, its strings in the bytes read). */
void wire_get_card(struct wire *r, struct facts_client *c);

#endif
