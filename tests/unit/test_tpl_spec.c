/*
 * The official Mustache specification as a test: every test of the core
 * modules and of the optional inheritance and dynamic names modules, read
 * as they are from the spec's JSON files in $MUSTACHE_SPEC_DIR (default:
 * ../shared/conformance/mustache-spec from the repository's top, found
 * from the current directory or from where this binary lives). Lambdas do
 * not apply: acct's data comes from YAML. Without the spec the run fails:
 * "0 passed, 0 failed" would read as a pass while proving nothing (the
 * spec is in ../shared/conformance/, and CI has it).
 */
#include "acct/tpl.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/text.h"
#include "harness.h"

#include "acct/banned.h"

#define SPEC_DEFAULT "../shared/conformance/mustache-spec"

static const char *const spec_files[] = {
	"comments.json",
	"delimiters.json",
	"interpolation.json",
	"inverted.json",
	"partials.json",
	"sections.json",
	"~inheritance.json",
	"~dynamic-names.json",
	NULL
};

static int is_spec_dir(const char *dir)
{
	struct acct_buf p = ACCT_BUF_INIT;
	int ok;

	acct_buf_addf(&p, "%s/comments.json", dir);
	ok = access(p.buf, R_OK) == 0;
	acct_buf_release(&p);
	return ok;
}

/*
 * The spec's directory into `out`: 1 when it is there. Tried: the
 * default from the current directory (make runs the tests from the top),
 * then from each directory above this binary (build/tests/, or
 * build/asan/tests/).
 */
static int find_spec(struct acct_buf *out)
{
	const char *env = getenv("MUSTACHE_SPEC_DIR");
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	if (env && *env) {
		acct_buf_addstr(out, env);
		return is_spec_dir(env);
	}
	acct_buf_addstr(out, SPEC_DEFAULT);
	if (is_spec_dir(out->buf))
		return 1;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	while ((slash = strrchr(exe, '/')) && slash != exe) {
		struct acct_buf p = ACCT_BUF_INIT;

		*slash = '\0';
		acct_buf_addf(&p, "%s/%s", exe, SPEC_DEFAULT);
		if (is_spec_dir(p.buf)) {
			acct_buf_reset(out);
			acct_buf_add(out, p.buf, p.len);
			acct_buf_release(&p);
			return 1;
		}
		acct_buf_release(&p);
	}
	return 0;
}

/* Partials come from the test's "partials" object. */
static int load_partial(struct acct_tpl_source *out, const char *name,
			void *payload, struct acct_error *err)
{
	const json_t *partials = payload;
	const json_t *v = partials ? json_object_get(partials, name) : NULL;

	if (!json_is_string(v))
		return acct_error_set(err, ACCT_ENOTFOUND, "no partial '%s'",
				      name);
	acct_buf_add(&out->text, json_string_value(v), json_string_length(v));
	acct_buf_addstr(&out->path, name);
	return 0;
}

static const char *visible(struct acct_buf *b, const char *s, size_t len)
{
	acct_buf_reset(b);
	acct_text_escape_terminal(b, s, len);
	return b->buf;
}

/* Run one test; 1 when it passes. */
static int run_test(const char *file, size_t idx, const json_t *test)
{
	const json_t *tmpl = json_object_get(test, "template");
	const json_t *expected = json_object_get(test, "expected");
	const char *name = json_string_value(json_object_get(test, "name"));
	struct acct_tpl_opts opts = { 0 };
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT, a = ACCT_BUF_INIT,
			b = ACCT_BUF_INIT, c = ACCT_BUF_INIT;
	struct acct_tpl *tpl = NULL;
	int rc, ok;

	if (!json_is_string(tmpl) || !json_is_string(expected)) {
		check_(0, __FILE__, __LINE__, "%s #%zu: not a test", file, idx);
		return 0;
	}
	opts.escape = acct_tpl_escape_html;
	opts.load = load_partial;
	/* The test's own partials; json_object_get() borrows. */
	opts.payload = json_object_get(test, "partials");
	rc = acct_tpl_parse(&tpl, "template", NULL, json_string_value(tmpl),
			    json_string_length(tmpl), &err);
	if (rc == 0)
		rc = acct_tpl_render(&out, tpl, json_object_get(test, "data"),
				     &opts, &err);
	ok = rc == 0 && out.len == json_string_length(expected) &&
	     !memcmp(out.buf, json_string_value(expected), out.len);
	check_(ok, __FILE__, __LINE__, "%s #%zu \"%s\":\n  template: %s\n"
	       "  expected: %s\n  actual:   %s%s%s", file, idx,
	       name ? name : "?",
	       visible(&a, json_string_value(tmpl), json_string_length(tmpl)),
	       visible(&b, json_string_value(expected),
		       json_string_length(expected)),
	       visible(&c, out.buf, out.len), rc ? "\n  error: " : "",
	       rc ? err.msg : "");
	acct_tpl_free(tpl);
	acct_buf_release(&out);
	acct_buf_release(&a);
	acct_buf_release(&b);
	acct_buf_release(&c);
	return ok;
}

static void run_file(const char *dir, const char *file)
{
	struct acct_buf path = ACCT_BUF_INIT;
	json_error_t jerr;
	json_t *root, *tests;
	size_t i, passed = 0, failed = 0;

	acct_buf_addf(&path, "%s/%s", dir, file);
	root = json_load_file(path.buf, 0, &jerr);
	tests = json_object_get(root, "tests");
	if (!json_is_array(tests)) {
		check_(0, __FILE__, __LINE__, "%s: cannot read: %s", path.buf,
		       root ? "no \"tests\" array" : jerr.text);
		failed++;
	}
	for (i = 0; i < json_array_size(tests); i++) {
		if (run_test(file, i, json_array_get(tests, i)))
			passed++;
		else
			failed++;
	}
	printf("%s: %zu passed, %zu failed\n", file, passed, failed);
	json_decref(root);
	acct_buf_release(&path);
}

int main(void)
{
	struct acct_buf dir = ACCT_BUF_INIT;
	size_t i;

	if (!find_spec(&dir)) {
		check_(0, __FILE__, __LINE__, "the Mustache spec is not at %s: "
		       "set MUSTACHE_SPEC_DIR to the folder of its JSON files "
		       "(comments.json ...)", dir.buf);
		acct_buf_release(&dir);
		return test_report("test_tpl_spec");
	}
	for (i = 0; spec_files[i]; i++)
		run_file(dir.buf, spec_files[i]);
	acct_buf_release(&dir);
	/* A spec that held no test proves nothing either. */
	if (!test_state.passed && !test_state.failed)
		check_(0, __FILE__, __LINE__, "no test ran from the Mustache "
		       "spec in %s", dir.buf);
	return test_report("test_tpl_spec");
}
