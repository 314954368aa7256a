/* acct merge-card: git's merge driver for client cards. */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "acct/buf.h"
#include "acct/cardmerge.h"
#include "acct/file.h"
#include "acct/banned.h"

/*
 * acct merge-card BASE OURS THEIRS [PATH]: git's merge driver for cards
 * (merge.acct-card.driver = acct merge-card %O %A %B %P). The merge goes
 * into OURS; a conflict leaves OURS as it was, names each field on
 * stderr and exits 1, so git marks the file conflicted.
 */
static const char *const merge_card_usage[] = {
	N_("acct merge-card <base> <ours> <theirs> [<path>]"),
	NULL,
};

/* A version git gave: a file, within the limit (no book: the default). */
static int read_all(struct acct_buf *b, const struct cmd_ctx *ctx,
		    const char *file)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf name = ACCT_BUF_INIT;
	int rc;

	acct_buf_addf(&name, "'%s'", file);
	rc = acct_file_read(b, file, name.buf, cmd_input_limit(ctx),
			    ACCT_FILE_ARG | ACCT_FILE_FOLLOW, &err);
	acct_buf_release(&name);
	if (rc < 0)
		cmd_fail(&err);
	return rc;
}

int cmd_merge_card(int argc, const char **argv, struct cmd_ctx *ctx)
{
	struct opt options[] = { OPT_END() };
	struct acct_buf base = ACCT_BUF_INIT, ours = ACCT_BUF_INIT;
	struct acct_buf theirs = ACCT_BUF_INIT, tmp = ACCT_BUF_INIT;
	struct acct_card_merge m = ACCT_CARD_MERGE_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	const char *path;
	size_t i;
	int rc;
	FILE *f;

	if ((argc = opt_parse(argc, argv, options, merge_card_usage)) < 0)
		return opt_exit(argc);
	if (argc < 3 || argc > 4)
		return cmd_usage_error(merge_card_usage, options, "expected "
				       "<base> <ours> <theirs> [<path>]");
	path = argc == 4 ? argv[3] : argv[1];
	if (read_all(&base, ctx, argv[0]) < 0 ||
	    read_all(&ours, ctx, argv[1]) < 0 ||
	    read_all(&theirs, ctx, argv[2]) < 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	rc = acct_card_merge(&m, path, base.buf, base.len, ours.buf, ours.len,
			     theirs.buf, theirs.len, &err);
	if (rc < 0) {
		rc = cmd_fail_with(&err, EXIT_FAIL);
		goto out;
	}
	if (rc == 1) {
		for (i = 0; i < m.nconflicts; i++)
			fprintf(stderr, _("conflict: %s: %s: ours %s, theirs %s\n"),
				path, m.conflicts[i].field, m.conflicts[i].ours,
				m.conflicts[i].theirs);
		rc = EXIT_FAIL;
		goto out;
	}
	/* Write next to OURS, then rename: never a half-written card. */
	acct_buf_addf(&tmp, "%s.acct-merge", argv[1]);
	if (!(f = fopen(tmp.buf, "wb")) ||
	    fwrite(m.text.buf, 1, m.text.len, f) != m.text.len ||
	    fclose(f) != 0 || rename(tmp.buf, argv[1]) < 0) {
		fprintf(stderr, _("acct: cannot write '%s': %s\n"), argv[1],
			strerror(errno));
		unlink(tmp.buf);
		rc = EXIT_FAIL;
		goto out;
	}
	rc = EXIT_OK;
out:
	acct_card_merge_release(&m);
	acct_buf_release(&base);
	acct_buf_release(&ours);
	acct_buf_release(&theirs);
	acct_buf_release(&tmp);
	return rc;
}
