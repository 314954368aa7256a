#ifndef ACCT_FOLDERLOG_H
#define ACCT_FOLDERLOG_H

#include <stddef.h>
#include <stdint.h>

/*
 * The commits that changed each client's folder in a way `acct history`
 * and the day a card entered the book look at (lib/folderlog.c): on
 * HEAD's first-parent line, every commit that added or removed a folder
 * of clients/, added or removed a card, or changed the bytes of a card or
 * a brief, with which folders it changed so, and the folder it renamed.
 * A commit that only adds a log entry is not in it.
 *
 * One walk of history finds it for every client at once; it is kept in
 * `.git/acct/folderlog` (never committed), and a later run walks only
 * the commits made since: from HEAD down to the first commit the kept
 * list holds (so a reset, a rebase or an amend costs the commits that
 * are new, not the history). Besides the commits that changed something,
 * the list holds HEAD it was made for and every 256th commit of the line
 * (counting from the first), so that the walk after a reset to an older
 * commit is short too.
 */

struct acct_book;
struct acct_buf;
struct acct_error;
struct git_oid;
struct git_repository;

/* How a folder of clients/ changed in a commit, against its first parent. */
enum acct_folderlog_flags {
	ACCT_FOLDERLOG_DIR = 1 << 0,		/* the folder is in the commit */
	ACCT_FOLDERLOG_DIR_BEFORE = 1 << 1,	/* and in the parent */
	ACCT_FOLDERLOG_CARD = 1 << 2,		/* client.yaml, a file, is */
	ACCT_FOLDERLOG_CARD_BEFORE = 1 << 3,	/* and was */
	/* client.yaml or brief.md differs from the parent's same folder */
	ACCT_FOLDERLOG_FILES = 1 << 4
};

#define ACCT_FOLDERLOG_FLAGS 0x1f
#define ACCT_FOLDERLOG_NONE UINT32_MAX

/* The cache file (lib/cachefile.c): .git/acct/<name>, and its format. */
#define ACCT_FOLDERLOG_CACHE "folderlog"
#define ACCT_FOLDERLOG_TAG "folderlog 2"

/* The gap between two kept commits where nothing changed, at most. */
#define ACCT_FOLDERLOG_STRIDE 256

/*
 * A walk that finds at least this many folder versions to read looks in
 * git's index first: what a folder holds at the index's version of it
 * (when the index's cache tree says so) is not read from the pack.
 */
#define ACCT_FOLDERLOG_INDEX_MIN 32

struct acct_folderlog_change {
	uint32_t name;		/* the folder: an index of names[] */
	uint32_t flags;		/* enum acct_folderlog_flags */
};

struct acct_folderlog_commit {
	unsigned char id[20];
	uint64_t depth;		/* first-parent steps from the first commit */
	int64_t time;		/* the author's date, seconds */
	/*
	 * The one folder of the parent's clients/ that the commit no longer
	 * has, when it held a card (a rename --slug): an index of names[],
	 * or ACCT_FOLDERLOG_NONE.
	 */
	uint32_t moved;
	uint32_t first, n;	/* its changes: changes[first..first+n) */
};

/*
 * What a folder version holds that the list looks at: its card's and its
 * brief's blob ids, by the folder's tree id (a tree id says what it holds
 * once and for all, whichever commit it is found in).
 */
enum acct_folderlog_has {
	ACCT_FOLDERLOG_HAS_CARD = 1 << 0,
	ACCT_FOLDERLOG_HAS_BRIEF = 1 << 1
};

struct acct_folderlog_folder {
	unsigned char tree[20];
	uint32_t has;		/* enum acct_folderlog_has */
	unsigned char card[20], brief[20];	/* zeros when not there */
};

struct acct_folderlog {
	/* Newest first: HEAD's, down to the first commit (depth 0). */
	struct acct_folderlog_commit *commits;
	size_t ncommits;
	/* By commit, then in git's order of the folders. */
	struct acct_folderlog_change *changes;
	size_t nchanges;
	char **names;		/* the folders' names, sorted (strcmp) */
	size_t nnames;
	/*
	 * The folders of clients/ in the list's HEAD (commits[0]), by tree
	 * id (sorted, each once): the walk after a `git pull` reads the new
	 * versions of a folder, not the one it started from.
	 */
	struct acct_folderlog_folder *folders;
	size_t nfolders;
};

enum acct_folderlog_get_flags {
	/*
	 * Keep the list even with book->no_cache: for the day a card
	 * entered (lib/entered.c), whose days were kept in .git/acct before
	 * ACCT_NO_CACHE=1 existed and have never followed it, so that an
	 * agenda without the cache of facts does not walk the history.
	 */
	ACCT_FOLDERLOG_KEEP_ALWAYS = 1 << 0
};

/**
 * The list for HEAD of `book`: read from `.git/acct/folderlog` when it is
 * there and current, brought up to HEAD when HEAD has moved (and kept for
 * the next run), or worked out from the whole history when there is none
 * or it cannot be used. With book->no_cache, from the history, neither
 * read nor written (unless `flags` has ACCT_FOLDERLOG_KEEP_ALWAYS). An
 * unborn HEAD is an empty list. Returns 0, or ACCT_ERROR when git cannot
 * read a commit or a tree. Free it with acct_folderlog_free().
 */
int acct_folderlog_get(struct acct_folderlog **out, struct acct_book *book,
		       unsigned int flags, struct acct_error *err);

/**
 * The list for commit `head` of `repo`, from `old` (a list for another
 * commit; NULL: none): the commits from `head` down to the first one `old`
 * holds are walked, the rest is taken from `old`. What a folder version
 * holds is taken from old->folders, or from git's index of `repo` (see
 * ACCT_FOLDERLOG_INDEX_MIN) when its cache tree has that version, else
 * read. Returns 0 or ACCT_ERROR.
 */
int acct_folderlog_update(struct acct_folderlog **out,
			  struct git_repository *repo,
			  const struct git_oid *head,
			  const struct acct_folderlog *old,
			  struct acct_error *err);

void acct_folderlog_free(struct acct_folderlog *fl);

/** The index of folder `name` in fl->names, or ACCT_FOLDERLOG_NONE. */
uint32_t acct_folderlog_name(const struct acct_folderlog *fl, const char *name);

/** The list as bytes (appended to `out`), as kept in the cache file. */
void acct_folderlog_encode(struct acct_buf *out, const struct acct_folderlog *fl);

/**
 * The list from the bytes acct_folderlog_encode() wrote. Returns 0, or -1
 * for bytes that are not such a list (nothing is then allocated).
 */
int acct_folderlog_decode(struct acct_folderlog **out, const void *data,
			  size_t len);

#endif
