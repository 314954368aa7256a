#ifndef ACCT_FACTS_CACHE_INT_H
#define ACCT_FACTS_CACHE_INT_H

/*
 * What lib/facts_cache.c (the facts of the book, checked against it) and
 * lib/facts_store.c (the cache file's format: .git/acct/facts and the
 * shards of details .git/acct/facts.s/<nn>) share. Private to lib/.
 */
#include <stddef.h>
#include <stdint.h>

#include "acct/buf.h"
#include "facts_int.h"

struct acct_book;

/* What a stat says of a file or folder; equal means unchanged. */
struct fst {
	uint64_t size, mtime, ctime, ino;
};

#define FST_MISSING UINT64_MAX	/* in ino: there is no such path */

/* A year folder of the log or of the answers. */
struct yfolder {
	const char *name;
	int year;
	struct fst st;
};

/*
 * The records of one folder kind (log or nps) of a client. Where each
 * record came from (its name, its index stamp, its year folder) is known
 * for the answers always; for the log it is kept apart, in the client's
 * detail file, and read only when a folder changed.
 */
struct folder {
	struct fst st;		/* of clients/<slug>/<log|nps> */
	int bad;		/* it could not be listed */
	struct yfolder *years;
	size_t nyears;
	int known;		/* names, stamps, yidx hold */
	const char **names;	/* per record: its file name */
	uint64_t *stamps;	/* per record: the index's, 0: not there */
	unsigned *yidx;		/* per record: its year folder */
	int untracked;		/* some stamp is 0: read each time */
};

/* What of a client's records is kept beside its card. */
enum records_kept {
	RECORDS_NONE,
	RECORDS_ALL,		/* the brief, the log and the answers */
	RECORDS_NPS,		/* the answers only (ACCT_FACTS_ACTIVE) */
};

struct cclient {
	struct facts_client fc;
	struct fst card_st, brief_st;
	int records;		/* which were read: enum records_kept */
	uint64_t digest;	/* of the client's entries in git's index */
	uint64_t gen;		/* of its log's facts: its detail file's */
	int write_detail;	/* the detail file must be written */
	struct folder log, nps;
};

/*
 * The details (where each entry of a client's log came from) are kept in
 * FACTS_SHARDS files, each read at most once a run.
 */
#define FACTS_SHARDS 64

struct facts_shards {
	struct acct_buf bytes[FACTS_SHARDS];
	unsigned char state[FACTS_SHARDS];	/* 0 not read, 1 read, 2 none */
	unsigned char gone[FACTS_SHARDS];	/* a client of it is gone */
};

struct acct_facts {
	struct cclient *v;
	size_t n;
	struct acct_buf payload;	/* the cache read: facts point into it */
	struct facts_shards shards;	/* the details read: the same */
};

/* The header: what every kept fact depends on beside the files. */
struct header {
	uint64_t input_bytes;
	struct fst index_st, clients_st;
};

/* "2026": the year; anything else: -1 (lib/walk.c's rule). */

void facts_clients_release(struct cclient *v, size_t n);

/**
 * Read the cache into `f` (its clients, with the payload they point
 * into) and `h`: 0, or -1 for no cache (then `f` holds nothing).
 */
int facts_cache_read(struct acct_facts *f, struct header *h,
		     struct acct_book *book);

void facts_shards_init(struct facts_shards *sh);
void facts_shards_release(struct facts_shards *sh);

/** Which shard holds the details of `slug`. */
unsigned facts_shard_of(const char *slug);

/** "facts.s/<nn>", the name of shard `shard`, into `out`. */
void facts_shard_name(struct acct_buf *out, unsigned shard);

/**
 * Write `f` (and the shards of the clients whose details changed, and of
 * those gone: sh->gone). What changed at or after `racy_from` (ns) is
 * kept as unknown.
 */
void facts_cache_write(struct acct_book *book, struct acct_facts *f,
		       const struct header *h, int64_t racy_from,
		       struct facts_shards *sh);

/**
 * Read the details of `c` into c->log from its shard (read through `sh`,
 * which must live as long as `c`, or now when NULL): 0, or -1 when there
 * are none that go with it.
 */
int facts_detail_read(struct acct_book *book, struct facts_shards *sh,
		      struct cclient *c);

#endif
