#ifndef ACCT_TPL_INT_H
#define ACCT_TPL_INT_H

/*
 * The Mustache engine's parts, private to lib/: the tree a template
 * compiles to (lib/tpl_parse.c builds it, lib/tpl_render.c walks it) and
 * the parser's state, shared by the lexer (lib/tpl_lex.c) and the line
 * pass (lib/tpl_parse.c). lib/tpl.c holds what is common.
 */
#include <stddef.h>
#include <stdint.h>

#include "acct/buf.h"
#include "acct/tpl.h"

struct acct_error;

enum node_type {
	N_TEXT,		/* literal text */
	N_INDENT,	/* a line starts here: the indentation in force */
	N_FIRST,	/* a block's first line: ditto, if the block starts one */
	N_VAR,		/* {{name}} */
	N_RAW,		/* {{{name}}}, {{&name}} */
	N_SECTION,	/* {{#name}} */
	N_INVERTED,	/* {{^name}} */
	N_PARTIAL,	/* {{>name}} */
	N_PARENT,	/* {{<name}} */
	N_BLOCK,	/* {{$name}} */
};

enum node_flags {
	NF_BOL = 1 << 0,	/* text: starts a line */
	NF_DYNAMIC = 1 << 1,	/* partial, parent: {{>*name}} */
	NF_AT_BOL = 1 << 2,	/* block: stands where a line starts */
};

struct node {
	unsigned char type, flags;
	uint32_t line, col;		/* where the tag starts */
	const char *s;			/* the text, or the tag's name */
	size_t len;
	const char *ind;		/* partial, parent: standalone
					 * indentation; block: its own */
	size_t ind_len;
	struct node *kids;		/* section, block: the body; parent:
					 * its argument blocks, by name */
	size_t nkids;
	const struct acct_tpl *tpl;	/* the template it is part of */
};

struct acct_tpl {
	char *name, *path;
	char *src;
	size_t len;
	struct node *nodes;
	size_t n;
};

/* Free a tree's nodes (and their children). */
void tpl_free_nodes(struct node *v, size_t n);

/* A name or tag for a message: controls made visible, long ones cut. */
const char *tpl_show(struct acct_buf *b, const char *s, size_t len);

/* --- the parser (lib/tpl_lex.c, lib/tpl_parse.c) -------------------------- */

enum tok_type {
	T_TEXT,
	T_VAR,
	T_RAW,
	T_SECTION,
	T_INVERTED,
	T_CLOSE,
	T_COMMENT,
	T_DELIM,
	T_PARTIAL,
	T_PARENT,
	T_BLOCK,
};

struct tok {
	enum tok_type type;
	int dynamic;		/* {{>*name}}, {{<*name}}, {{/ *name}} */
	int nl;			/* text: ends its line */
	const char *s;		/* text: the bytes; tag: the name */
	size_t len;
	const char *raw;	/* tag: as written, for messages */
	size_t rawlen;
	uint32_t line, col;
};

/* An open section, block or parent while parsing; the root is one too. */
enum box_kind {
	BOX_ROOT,
	BOX_SECTION,
	BOX_INVERTED,
	BOX_PARAM,		/* a block outside a parent */
	BOX_ARG,		/* a block passed to a parent */
	BOX_PARENT,
};

struct box {
	enum box_kind kind;
	struct tok open;
	struct node *v;		/* what is inside, so far */
	size_t n, alloc;
	int open_l;		/* the opening tag is clear on the left */
	int open_b;		/* ... and on the right (its line went) */
	const char *ws;		/* the blanks before the opening tag */
	size_t ws_len;
	size_t patch;		/* the node that starts the opening tag's line
				 * in the box outside, or NO_NODE */
	const char *intr;	/* intrinsic indentation */
	size_t intr_len;
	int intr_pending;	/* it is that of the next line */
};

#define NO_NODE SIZE_MAX

struct parser {
	struct acct_tpl *tpl;
	struct acct_error *err;
	const char *s;
	size_t len, pos;
	const char *otag, *ctag;	/* the delimiters */
	size_t olen, clen;
	size_t next_tag;		/* where otag is next found, or len */
	int next_valid;
	struct acct_buf close_triple;	/* "}" ctag */
	struct acct_buf close_delim;	/* "=" ctag */
	size_t at;			/* line and col are those of s[at] */
	uint32_t line, col;
	struct tok *toks;		/* the current line */
	size_t ntoks, atoks;
	struct box *boxes;		/* boxes[0] is the root */
	size_t nboxes, aboxes;
	size_t *strips;			/* boxes with intrinsic indentation */
	size_t nstrips;
	int line_marked;		/* this line's start is marked */
	int first_pending;		/* the next mark is N_FIRST */
	size_t line_first;		/* the node that marks it */
	int drop_rest;			/* the rest of the line is a tag's */
	struct acct_buf msg, msg2;	/* for messages */
};

/* An ACCT_EDATA error at `line`:`col` of the template. */
int tpl_error_at(struct parser *p, uint32_t line, uint32_t col,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

int tpl_is_blank(char c);

/* Cut the next line into tokens (p->toks). */
int tpl_lex_line(struct parser *p);

/* Set the delimiters in force. */
void tpl_set_delims(struct parser *p, const char *o, size_t olen,
		    const char *c, size_t clen);

/* `s` is a line end: "\n" or "\r\n". */
int tpl_is_line_end(const char *s, size_t len);

/* qsort() and bsearch() order of a parent's argument blocks: by name. */
int tpl_by_name(const void *a, const void *b);

#endif
