#ifndef ACCT_TPL_H
#define ACCT_TPL_H

#include <stddef.h>

#include "acct/buf.h"

struct acct_error;
struct json_t;

/*
 * Mustache templates (lib/tpl.c): the whole specification, with the
 * optional inheritance (`{{<parent}}`, `{{$block}}`) and dynamic names
 * (`{{>*name}}`) modules; no lambdas, since the data comes from YAML.
 *
 * A template is compiled once into a tree of nodes and then rendered
 * against a jansson tree: objects are maps, arrays lists; strings, integers
 * (%lld), reals (the shortest text that reads back the same: 1.21), true
 * and false ("true", "false") interpolate as text, null and a missing name
 * as nothing. In a section, null, false, a missing name, an empty list and
 * an empty string are false; any other value is true (0 too). Data is never
 * parsed as a template.
 *
 * Positions in messages are 1-based lines and columns; a column counts
 * characters (UTF-8 code points, a tab is one), as editors show them.
 *
 * Bounds, so that a template or data written by someone else cannot take
 * the process down: the size of a template, the nesting of sections within
 * one template, of partials and parents, of everything at once while
 * rendering, the size of the output and the work done.
 */

#define ACCT_TPL_MAX_SIZE (4 << 20)		/* bytes of one template */
#define ACCT_TPL_MAX_NESTING 256		/* open sections in a template */
#define ACCT_TPL_MAX_PARTIAL_DEPTH 64		/* partials and parents */
#define ACCT_TPL_MAX_DEPTH 1024			/* all nesting while rendering */
#define ACCT_TPL_MAX_OUTPUT (64 << 20)		/* bytes, unless set in opts */
#define ACCT_TPL_MAX_STEPS 50000000		/* nodes visited, unless set */

/** A compiled template; free with acct_tpl_free(). */
struct acct_tpl;

/**
 * Append `len` bytes of value `s` to `out`, escaped for the output format.
 * `{{name}}` goes through it; `{{{name}}}` and `{{&name}}` do not.
 */
typedef void (*acct_tpl_escape_fn)(struct acct_buf *out, const char *s,
				   size_t len);

/**
 * Escape for HTML as the Mustache specification does: `&`, `<`, `>` and
 * `"` become `&amp;`, `&lt;`, `&gt;` and `&quot;`; all else is copied.
 */
void acct_tpl_escape_html(struct acct_buf *out, const char *s, size_t len);

/** Copy the value as it is. */
void acct_tpl_escape_none(struct acct_buf *out, const char *s, size_t len);

/**
 * Escape for CommonMark, so that a value is literal text wherever the
 * template puts it in running text (not inside a code span or block):
 * the characters that are markup anywhere in a line (\ ` * _ [ ] < > & !
 * | ~) get a backslash, and so does the value's first character when it is
 * ASCII punctuation and the '.' or ')' after digits that begin it when a
 * space or the end follows (a block can start only there: "# x", "- x",
 * "1. x"; "1.21" is left alone); line breaks (CR, LF,
 * CRLF, VT, FF, U+0085, U+2028, U+2029) and tabs become spaces, so a value
 * never starts a new block; spaces at either end become `&#32;`, so they
 * neither indent a code block nor make a hard line break; other control
 * characters (C0, DEL, C1) and the bidirectional embedding, override and
 * isolate controls (U+202A-U+202E, U+2066-U+2069) are dropped; bytes that
 * are not UTF-8 become U+FFFD.
 */
void acct_tpl_escape_markdown(struct acct_buf *out, const char *s,
			      size_t len);

/** A template's text and the path it is shown by in messages. */
struct acct_tpl_source {
	struct acct_buf text;
	struct acct_buf path;	/* "templates/weekly.md", "(built-in) weekly.md" */
};

#define ACCT_TPL_SOURCE_INIT { ACCT_BUF_INIT, ACCT_BUF_INIT }

/** Free the source's buffers; it may be loaded into again. */
void acct_tpl_source_release(struct acct_tpl_source *src);

/**
 * Load the template called `name` (as written after `{{>`, `{{<`, or as
 * given to acct_tpl_load()) into `out`, which is empty. Returns 0;
 * ACCT_ENOTFOUND when there is no such template (a partial or parent that
 * is not found renders as nothing, as the specification says); any other
 * code is an error and stops the rendering.
 */
typedef int (*acct_tpl_load_fn)(struct acct_tpl_source *out,
				const char *name, void *payload,
				struct acct_error *err);

/** How to render. A zeroed struct escapes nothing and finds no partials. */
struct acct_tpl_opts {
	acct_tpl_escape_fn escape;	/* NULL: acct_tpl_escape_none */
	acct_tpl_load_fn load;		/* NULL: no partial is ever found */
	void *payload;			/* passed to `load` */
	size_t max_output;		/* 0: ACCT_TPL_MAX_OUTPUT */
	size_t max_steps;		/* 0: ACCT_TPL_MAX_STEPS */
};

/**
 * Compile `len` bytes of `text` (copied) into `out`. `name` is the
 * template's name in messages about nesting ("weekly"); `path` is the file
 * in messages about its text ("templates/weekly.md"; NULL: `name`). A
 * malformed template is ACCT_EDATA with `path`, line and column: "unclosed
 * tag '{{'", "section 'x' opened here is never closed", "'{{/b}}' closes
 * 'a', opened at 1:1", "'{{/b}}' closes nothing", "empty tag name", "bad
 * tag name 'a b'", "bad delimiters '<% %> x'", "empty delimiters",
 * "sections nest deeper than 256 levels", "block 'x' is passed to 'p'
 * twice", "template is larger than 4 MiB". Free with acct_tpl_free().
 */
int acct_tpl_parse(struct acct_tpl **out, const char *name, const char *path,
		   const char *text, size_t len, struct acct_error *err);

/**
 * Load template `name` with `opts->load` and compile it into `out`. A
 * missing one is the loader's ACCT_ENOTFOUND. Free with acct_tpl_free().
 */
int acct_tpl_load(struct acct_tpl **out, const char *name,
		  const struct acct_tpl_opts *opts, struct acct_error *err);

void acct_tpl_free(struct acct_tpl *tpl);

/** The template's name and path, as given to acct_tpl_parse(). */
const char *acct_tpl_name(const struct acct_tpl *tpl);
const char *acct_tpl_path(const struct acct_tpl *tpl);

/**
 * Render `tpl` against `data` (NULL: an empty context) and append the
 * result to `out`. Partials and parents are loaded with `opts->load`, each
 * once per call. Returns 0, or an error with `out` as it was: a partial
 * that does not compile (its own path and position), a loader's error
 * (ACCT_EDATA at the tag that named the partial), "partials nest deeper
 * than 64: weekly -> b -> weekly -> ..." at the tag that went too deep,
 * "templates nest deeper than 1024 levels", "the output is larger than 64
 * MiB", "rendering takes more than 50000000 steps".
 */
int acct_tpl_render(struct acct_buf *out, const struct acct_tpl *tpl,
		    const struct json_t *data, const struct acct_tpl_opts *opts,
		    struct acct_error *err);

/** acct_tpl_load() and acct_tpl_render() in one call. */
int acct_tpl_render_named(struct acct_buf *out, const char *name,
			  const struct json_t *data,
			  const struct acct_tpl_opts *opts,
			  struct acct_error *err);

/*
 * Where acct finds templates (lib/tpl_find.c): by name only, first the
 * book's `templates/<name>.md`, then the built-ins compiled into the binary
 * (`<name>.<locale>.md`, then `<name>.md`).
 */
struct acct_tpl_lookup {
	const char *root;	/* the book's top; NULL: built-ins only */
	const char *locale;	/* NULL, or "en", "ru": the built-in to prefer */
};

/**
 * Check that `name` is a template's name: not empty, no `/` or `\`, no
 * `..`, no leading `.`, no control characters. One trailing `.md` is
 * allowed ("weekly.md" is "weekly"). Returns 0 or ACCT_EUSAGE "unknown
 * template 'x'; templates are looked up by name in templates/".
 */
int acct_tpl_check_name(const char *name, struct acct_error *err);

/**
 * An acct_tpl_load_fn; `payload` is a `struct acct_tpl_lookup *`. Reads
 * `<root>/templates/<name>.md` if there is such an entry (a UTF-8 BOM is
 * dropped); only when there is none falls back to the built-ins. Returns
 * 0; ACCT_EUSAGE for a bad name (acct_tpl_check_name()); ACCT_ENOTFOUND
 * "unknown template 'x'; ..." when neither has it; ACCT_EDATA for a book
 * template that is a symbolic link leading out of `templates/`, is not a
 * regular file, is larger than ACCT_TPL_MAX_SIZE or is not UTF-8 text (with
 * its line and column); ACCT_ERROR when it cannot be read. Nothing outside
 * `<root>/templates/` is opened.
 */
int acct_tpl_lookup_load(struct acct_tpl_source *out, const char *name,
			 void *payload, struct acct_error *err);

/**
 * The names a template can be asked for by (`report --template`), a line
 * each in `out`, sorted, each once: the book's own (`<root>/templates/
 * <name>.md`; none when `root` is NULL or the folder cannot be read) and
 * the built-ins ("weekly" for weekly.en.md and weekly.ru.md), leaving out
 * the briefs' template (brief, brief.<locale>), which no report renders.
 */
void acct_tpl_names(struct acct_buf *out, const char *root);

/**
 * Open the book's file `rel` (under `root`) as a template may be read:
 * 1 with `*fd` open on a regular file, 0 when there is no such entry.
 * An entry there that cannot be used is an error, never a reason to fall
 * back to a built-in: a symbolic link leading out of `within` (a folder
 * of the book such as "templates/", or "" for anywhere in it but .git/;
 * templates are data that whoever can push to the book controls, and
 * must not read the manager's other files), a dangling link, a
 * directory, a FIFO. The file is opened with O_NOFOLLOW and checked with
 * fstat(), so nothing can be swapped in between.
 */
int acct_tpl_open_book(int *fd, const char *root, const char *rel,
		       const char *within, struct acct_error *err);

#endif
