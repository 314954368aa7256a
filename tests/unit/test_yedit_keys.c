#include "acct/yedit.h"

#include <string.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "harness.h"

#include "acct/banned.h"

/*
 * The in-place editor's dotted keys (lib/yedit.c's plan()): what it says
 * when a key on the way is no mapping. test_yedit.c has the corpus.
 */

/*
 * A dotted key whose later segment is no mapping: refused, the message
 * naming the path up to that segment exactly (issue 14, point 4: the
 * prefix's length counted a segment's offset twice and read past the
 * key, a heap over-read under ASan).
 */
static void not_a_mapping(void)
{
	static const struct {
		const char *src, *key, *name;
	} t[] = {
		{ "name: A\nextra:\n  abc: 1\n", "extra.abc.defghijklmnop",
		  "'extra.abc' is not a mapping" },
		{ "name: A\nextra: {abc: 1}\n", "extra.abc.d", "'extra.abc' is not a mapping" },
		{ "name: A\nx: {y: {z: v}}\n", "x.y.z.w", "'x.y.z' is not a mapping" },
		{ "name: A\nx: 1\n", "x.y", "'x' is not a mapping" },
		{ "name: A\nlong-first-key:\n  b: s\n",
		  "long-first-key.b.ccccccccccccccccccccccccccc.d",
		  "'long-first-key.b' is not a mapping" },
	};
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_yedit_op op;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(*t); i++) {
		int rc;

		memset(&op, 0, sizeof(op));
		op.kind = ACCT_YEDIT_SET;
		op.key = t[i].key;
		op.value = "v";
		op.order = acct_client_key_order;
		acct_error_clear(&err);
		acct_buf_reset(&out);
		rc = acct_yedit(&out, t[i].src, strlen(t[i].src), "inline.yaml",
				&op, &err);
		CHECK_MSG(rc == ACCT_EDATA && strstr(err.msg, t[i].name) &&
			  out.len == 0, "%s: %d \"%s\", want \"%s\"", t[i].key,
			  rc, err.msg, t[i].name);
	}
	acct_buf_release(&out);
}

int main(void)
{
	not_a_mapping();
	return test_report("yedit_keys");
}
