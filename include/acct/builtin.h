#ifndef ACCT_BUILTIN_H
#define ACCT_BUILTIN_H

#include <stddef.h>

/* A file compiled into the binary from templates/ (tools/embed.c). */
struct acct_builtin_file {
	const char *name;	/* its path below templates/, e.g. "config.yaml" */
	const char *data;	/* NUL-terminated */
	size_t len;
};

/** The built-in files, ending with an entry whose name is NULL. */
extern const struct acct_builtin_file acct_builtin_files[];

/** The built-in file called `name`, or NULL. */
const struct acct_builtin_file *acct_builtin_find(const char *name);

#endif
