/*
 * The folder log as bytes, as .git/acct/folderlog keeps it
 * (include/acct/folderlog.h): written by acct_folderlog_encode(), read
 * back by acct_folderlog_decode(), which takes nothing on trust.
 */
#include "acct/folderlog.h"

#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/banned.h"

#define IDSZ 20

/*
 * Little-endian, whatever the machine: "nnames ncommits nchanges" (32
 * bits each), the names' bytes (32 bits) and the names, each ending in
 * NUL, sorted; then per commit its id, depth (64), time (64), moved and
 * number of changes (32 each); then per change its name and flags (32);
 * then the number of HEAD's folders (32) and per folder, by tree id, its
 * tree id, what it has (a byte: ACCT_FOLDERLOG_HAS_*), its card's and its
 * brief's ids (zeros when not there).
 */
#define COMMIT_BYTES (IDSZ + 8 + 8 + 4 + 4)
#define CHANGE_BYTES (4 + 4)
#define FOLDER_BYTES (IDSZ + 1 + IDSZ + IDSZ)

static const unsigned char zeros[IDSZ];

static void put32(struct acct_buf *out, uint32_t v)
{
	unsigned char b[4];
	int i;

	for (i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	acct_buf_add(out, b, sizeof(b));
}

static void put64(struct acct_buf *out, uint64_t v)
{
	put32(out, (uint32_t)v);
	put32(out, (uint32_t)(v >> 32));
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t get64(const unsigned char *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

void acct_folderlog_encode(struct acct_buf *out, const struct acct_folderlog *fl)
{
	size_t i, bytes = 0;

	put32(out, (uint32_t)fl->nnames);
	put32(out, (uint32_t)fl->ncommits);
	put32(out, (uint32_t)fl->nchanges);
	for (i = 0; i < fl->nnames; i++)
		bytes += strlen(fl->names[i]) + 1;
	put32(out, (uint32_t)bytes);
	for (i = 0; i < fl->nnames; i++)
		acct_buf_add(out, fl->names[i], strlen(fl->names[i]) + 1);
	for (i = 0; i < fl->ncommits; i++) {
		const struct acct_folderlog_commit *c = &fl->commits[i];

		acct_buf_add(out, c->id, IDSZ);
		put64(out, c->depth);
		put64(out, (uint64_t)c->time);
		put32(out, c->moved);
		put32(out, c->n);
	}
	for (i = 0; i < fl->nchanges; i++) {
		put32(out, fl->changes[i].name);
		put32(out, fl->changes[i].flags);
	}
	put32(out, (uint32_t)fl->nfolders);
	for (i = 0; i < fl->nfolders; i++) {
		const struct acct_folderlog_folder *f = &fl->folders[i];
		unsigned char has = (unsigned char)f->has;

		acct_buf_add(out, f->tree, IDSZ);
		acct_buf_add(out, &has, 1);
		acct_buf_add(out, f->card, IDSZ);
		acct_buf_add(out, f->brief, IDSZ);
	}
}

/* HEAD's folders: sorted by tree id, each once, ids only where there. */
static int decode_folders(struct acct_folderlog *fl, size_t n,
			  const unsigned char *p)
{
	size_t i;

	fl->folders = acct_calloc(n + 1, sizeof(*fl->folders));
	for (i = 0; i < n; i++, p += FOLDER_BYTES) {
		struct acct_folderlog_folder *f = &fl->folders[i];

		memcpy(f->tree, p, IDSZ);
		f->has = p[IDSZ];
		memcpy(f->card, p + IDSZ + 1, IDSZ);
		memcpy(f->brief, p + 2 * IDSZ + 1, IDSZ);
		if (f->has & ~(uint32_t)(ACCT_FOLDERLOG_HAS_CARD |
					 ACCT_FOLDERLOG_HAS_BRIEF) ||
		    (!(f->has & ACCT_FOLDERLOG_HAS_CARD) &&
		     memcmp(f->card, zeros, IDSZ)) ||
		    (!(f->has & ACCT_FOLDERLOG_HAS_BRIEF) &&
		     memcmp(f->brief, zeros, IDSZ)) ||
		    (i && memcmp(fl->folders[i - 1].tree, f->tree, IDSZ) >= 0))
			return -1;
	}
	fl->nfolders = n;
	return 0;
}

/* A folder's flags that can be true together. */
static int flags_ok(uint32_t f)
{
	if (f & ~(uint32_t)ACCT_FOLDERLOG_FLAGS)
		return 0;
	if ((f & ACCT_FOLDERLOG_CARD) && !(f & ACCT_FOLDERLOG_DIR))
		return 0;
	if ((f & ACCT_FOLDERLOG_CARD_BEFORE) && !(f & ACCT_FOLDERLOG_DIR_BEFORE))
		return 0;
	return f & (ACCT_FOLDERLOG_DIR | ACCT_FOLDERLOG_DIR_BEFORE);
}

static int decode_names(struct acct_folderlog *fl, size_t n,
			const unsigned char *p, size_t bytes)
{
	const unsigned char *end = p + bytes;
	size_t i;

	for (i = 0; i < n; i++) {
		const unsigned char *nul = memchr(p, '\0', (size_t)(end - p));

		if (!nul || nul == p || memchr(p, '/', (size_t)(nul - p)))
			return -1;
		fl->names[i] = acct_strdup((const char *)p);
		fl->nnames = i + 1;	/* freed from here on */
		if (i && strcmp(fl->names[i - 1], fl->names[i]) >= 0)
			return -1;
		p = nul + 1;
	}
	return p == end ? 0 : -1;
}

int acct_folderlog_decode(struct acct_folderlog **out, const void *data,
			  size_t len)
{
	const unsigned char *p = data;
	struct acct_folderlog *fl;
	size_t nnames, ncommits, nchanges, nfolders, bytes, i, sum = 0, rest;

	*out = NULL;
	if (len < 16)
		return -1;
	nnames = get32(p);
	ncommits = get32(p + 4);
	nchanges = get32(p + 8);
	bytes = get32(p + 12);
	p += 16;
	len -= 16;
	/* Each count checked against the bytes there are: no overflow. */
	if (bytes > len || nnames > bytes || !ncommits ||
	    ncommits > (len - bytes) / COMMIT_BYTES ||
	    nchanges > (len - bytes - ncommits * COMMIT_BYTES) / CHANGE_BYTES)
		return -1;
	rest = len - bytes - ncommits * COMMIT_BYTES - nchanges * CHANGE_BYTES;
	if (rest < 4)
		return -1;
	nfolders = get32(p + len - rest);
	if (nfolders > (rest - 4) / FOLDER_BYTES ||
	    rest - 4 != nfolders * FOLDER_BYTES)
		return -1;
	fl = acct_calloc(1, sizeof(*fl));
	fl->names = acct_calloc(nnames + 1, sizeof(*fl->names));
	fl->commits = acct_calloc(ncommits, sizeof(*fl->commits));
	fl->changes = acct_calloc(nchanges + 1, sizeof(*fl->changes));
	if (decode_names(fl, nnames, p, bytes) < 0)
		goto bad;
	p += bytes;
	for (i = 0; i < ncommits; i++) {
		struct acct_folderlog_commit *c = &fl->commits[i];

		memcpy(c->id, p, IDSZ);
		c->depth = get64(p + IDSZ);
		c->time = (int64_t)get64(p + IDSZ + 8);
		c->moved = get32(p + IDSZ + 16);
		c->n = get32(p + IDSZ + 20);
		c->first = (uint32_t)sum;
		p += COMMIT_BYTES;
		if ((c->moved != ACCT_FOLDERLOG_NONE && c->moved >= nnames) ||
		    c->n > nchanges - sum ||
		    (i && c->depth >= fl->commits[i - 1].depth))
			goto bad;
		sum += c->n;
	}
	fl->ncommits = ncommits;
	if (sum != nchanges || fl->commits[ncommits - 1].depth != 0)
		goto bad;
	for (i = 0; i < nchanges; i++, p += CHANGE_BYTES) {
		fl->changes[i].name = get32(p);
		fl->changes[i].flags = get32(p + 4);
		if (fl->changes[i].name >= nnames ||
		    !flags_ok(fl->changes[i].flags))
			goto bad;
	}
	fl->nchanges = nchanges;
	if (decode_folders(fl, nfolders, p + 4) < 0)
		goto bad;
	*out = fl;
	return 0;
bad:
	acct_folderlog_free(fl);
	return -1;
}
