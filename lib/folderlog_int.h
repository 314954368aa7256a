#ifndef ACCT_FOLDERLOG_INT_H
#define ACCT_FOLDERLOG_INT_H

/*
 * The folder versions the walk of lib/folderlog.c knows without reading
 * them (lib/folderlog_known.c): those of the kept list's HEAD, and those
 * of git's index. Private to lib/.
 */
#include <stddef.h>

#include "acct/folderlog.h"

struct git_repository;

/* By tree id once sorted (acct_folderlog_known_find() wants it so). */
struct acct_folderlog_known {
	struct acct_folderlog_folder *v;
	size_t n, alloc;
};

/* Add `n` folders, sorted by tree id (as a list holds them). */
void acct_folderlog_known_add(struct acct_folderlog_known *k,
			      const struct acct_folderlog_folder *v, size_t n);

/*
 * Add what git's index of `repo` has of folders clients/<names[i]>: each
 * whose cache tree (the TREE extension) is valid, with the ids of its
 * card and brief, unless one of them is not plainly a file there (a
 * submodule, an intent to add, not in the work tree). No index, or one
 * not read as one: nothing.
 */
void acct_folderlog_known_index(struct acct_folderlog_known *k,
				struct git_repository *repo,
				const char *const *names, size_t n);

/* The folder of tree id `tree` (20 bytes), or NULL. */
const struct acct_folderlog_folder *
acct_folderlog_known_find(const struct acct_folderlog_known *k,
			  const unsigned char *tree);

void acct_folderlog_known_release(struct acct_folderlog_known *k);

/* Sort `n` folders by tree id, each once: how many are left. */
size_t acct_folderlog_folders_sort(struct acct_folderlog_folder *v, size_t n);

#endif
