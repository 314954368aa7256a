#include "acct/builtin.h"

#include <string.h>

#include "acct/banned.h"

const struct acct_builtin_file *acct_builtin_find(const char *name)
{
	const struct acct_builtin_file *f;

	for (f = acct_builtin_files; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}
