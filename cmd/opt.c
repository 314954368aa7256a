#include "opt.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/text.h"
#include "cmd.h"
#include "acct/banned.h"

void opt_list_release(struct opt_list *l)
{
	free(l->items);
	l->items = NULL;
	l->n = l->alloc = 0;
}

int opt_exit(int rc)
{
	return rc == OPT_EXIT_OK ? EXIT_OK : EXIT_USAGE;
}

void opt_print_usage(FILE *fp, const char *const *usage, const struct opt *opts)
{
	const struct opt *o;
	size_t i, width;

	for (i = 0; usage[i]; i++)
		fprintf(fp, "%s%s\n", i ? _("   or: ") : _("usage: "), _(usage[i]));
	if (opts->type != OPT_T_END && opts->type != OPT_T_TEXT)
		fputc('\n', fp);
	for (o = opts; o->type != OPT_T_END; o++) {
		struct acct_buf left = ACCT_BUF_INIT;

		if (o->type == OPT_T_TEXT)
			continue;

		if (o->short_name && o->long_name)
			acct_buf_addf(&left, "-%c, --%s", o->short_name, o->long_name);
		else if (o->short_name)
			acct_buf_addf(&left, "-%c", o->short_name);
		else
			acct_buf_addf(&left, "    --%s", o->long_name);
		if (o->type != OPT_T_BOOL)
			acct_buf_addf(&left, " <%s>", _(o->argh ? o->argh : N_("value")));
		/* Padded by the width on screen: a placeholder may be Cyrillic. */
		width = acct_text_width(left.buf, left.len);
		if (width < 24)
			fprintf(fp, "    %s%*s%s\n", left.buf, (int)(24 - width), "",
				_(o->help));
		else
			fprintf(fp, "    %s\n    %-24s%s\n", left.buf, "", _(o->help));
		acct_buf_release(&left);
	}
	/* Help on stdout only: a mistake gets the usage, not the manual. */
	if (fp == stdout)
		for (o = opts; o->type != OPT_T_END; o++)
			if (o->type == OPT_T_TEXT)
				fprintf(fp, "\n%s", _(o->help));
}

enum mistake { UNKNOWN, NO_VALUE, NEEDS_VALUE };

static int mistake(const char *const *usage, const struct opt *opts,
		   enum mistake what, const char *arg)
{
	if (what == UNKNOWN)
		fprintf(stderr, _("acct: option '%s' is unknown\n"), arg);
	else if (what == NO_VALUE)
		fprintf(stderr, _("acct: option '%s' takes no value\n"), arg);
	else
		fprintf(stderr, _("acct: option '%s' needs a value\n"), arg);
	opt_print_usage(stderr, usage, opts);
	return OPT_EXIT_USAGE;
}

/*
 * The manual's pieces, from the same table and usage (cmd/<command>.md
 * asks for them; tools/manpage.c puts them in): Markdown for cmark.
 * A "<name>" becomes *name*, and what cmark would read as markup is
 * escaped.
 */
static void man_text(struct acct_buf *b, const char *s)
{
	for (; *s; s++) {
		const char *end;

		if (*s == '<' && (end = strchr(s + 1, '>')) && end > s + 1 &&
		    !memchr(s + 1, ' ', (size_t)(end - s - 1)) &&
		    !memchr(s + 1, '<', (size_t)(end - s - 1))) {
			acct_buf_addch(b, '*');
			for (s++; s < end; s++) {
				if (strchr("\\`*_[]|", *s))
					acct_buf_addch(b, '\\');
				acct_buf_addch(b, *s);
			}
			acct_buf_addch(b, '*');
			continue;
		}
		if (strchr("\\`*_[]<>!#~|", *s))
			acct_buf_addch(b, '\\');
		acct_buf_addch(b, *s);
	}
}

/* A usage line: the command's words and the options in bold. */
static void man_usage_line(struct acct_buf *b, const char *s)
{
	int words = 1;

	while (*s) {
		size_t n = strcspn(s, " []()|<>.");
		int at_option = *s == '-' && n > 1;

		if (*s == '<' || *s == '[' || *s == '(' || *s == '-')
			words = 0;
		if (n && (words || at_option)) {
			acct_buf_addstr(b, "**");
			acct_buf_add(b, s, n);
			acct_buf_addstr(b, "**");
			s += n;
			continue;
		}
		if (*s == '<') {
			const char *end = strchr(s, '>');

			if (end) {
				struct acct_buf one = ACCT_BUF_INIT;

				acct_buf_add(&one, s, (size_t)(end - s + 1));
				man_text(b, one.buf);
				acct_buf_release(&one);
				s = end + 1;
				continue;
			}
		}
		if (n) {
			struct acct_buf one = ACCT_BUF_INIT;

			acct_buf_add(&one, s, n);
			man_text(b, one.buf);
			acct_buf_release(&one);
			s += n;
			continue;
		}
		if (strchr("[]|", *s))
			acct_buf_addch(b, '\\');
		acct_buf_addch(b, *s++);
	}
}

static void man_synopsis(const char *const *usage)
{
	struct acct_buf b = ACCT_BUF_INIT;
	size_t i;

	for (i = 0; usage[i]; i++) {
		if (i)
			acct_buf_addch(&b, '\n');
		man_usage_line(&b, usage[i]);
		acct_buf_addch(&b, '\n');
	}
	fputs(b.buf, stdout);
	acct_buf_release(&b);
}

/*
 * The text after the options (OPT_TEXT): its unindented lines as
 * paragraphs, its indented ones (a list of keys, aligned) as code.
 */
static void man_more_text(struct acct_buf *b, const char *s)
{
	int code = 0;

	while (*s) {
		size_t n = strcspn(s, "\n");
		int indented = *s == ' ';

		if (indented != code)
			acct_buf_addstr(b, indented ? "\n```\n" : "```\n");
		code = indented;
		if (indented) {
			size_t skip = strspn(s, " ");

			skip = skip > 4 ? 4 : skip;	/* the help's indent */
			acct_buf_add(b, s + skip, n - skip);
		} else {
			struct acct_buf line = ACCT_BUF_INIT;

			acct_buf_add(&line, s, n);
			acct_buf_addch(b, '\n');
			man_text(b, line.buf);
		}
		acct_buf_addch(b, '\n');
		s += n + (s[n] == '\n');
	}
	if (code)
		acct_buf_addstr(b, "```\n");
}

static void man_options(const struct opt *opts)
{
	struct acct_buf b = ACCT_BUF_INIT;
	const struct opt *o;

	for (o = opts; o->type != OPT_T_END; o++) {
		const char *argh = o->argh ? o->argh : "value";

		if (o->type == OPT_T_TEXT)
			continue;
		if (b.len)
			acct_buf_addch(&b, '\n');
		if (o->short_name) {
			acct_buf_addf(&b, "**-%c**", o->short_name);
			if (o->type != OPT_T_BOOL && !o->long_name) {
				acct_buf_addstr(&b, " *");
				man_text(&b, argh);
				acct_buf_addch(&b, '*');
			}
			if (o->long_name)
				acct_buf_addstr(&b, ", ");
		}
		if (o->long_name) {
			acct_buf_addf(&b, "**--%s**", o->long_name);
			if (o->type != OPT_T_BOOL) {
				acct_buf_addstr(&b, "=*");
				man_text(&b, argh);
				acct_buf_addch(&b, '*');
			}
		}
		acct_buf_addstr(&b, "\n\n> ");
		man_text(&b, o->help);
		acct_buf_addch(&b, '\n');
	}
	for (o = opts; o->type != OPT_T_END; o++)
		if (o->type == OPT_T_TEXT)
			man_more_text(&b, o->help);
	fputs(b.buf, stdout);
	acct_buf_release(&b);
}

/*
 * The words of one usage line that name a command, its verbs and its
 * operands, up to the first option, alternative or "...": for
 * "acct todo add <client> <text> [--owner <owner>]", todo, add, <client>
 * and <text>. A placeholder is kept as its name ("client"), a literal
 * word as itself; `lit` tells which is which.
 */
#define USAGE_WORDS 16

struct usage_words {
	char word[USAGE_WORDS][32];
	int lit[USAGE_WORDS];
	size_t n;
};

static void usage_split(struct usage_words *w, const char *line)
{
	const char *p = line;

	w->n = 0;
	while (*p && w->n < USAGE_WORDS) {
		const char *start, *name;
		size_t len;

		while (*p == ' ')
			p++;
		start = p;
		while (*p && *p != ' ')
			p++;
		if (p == start)
			break;
		if (*start == '-' || *start == '(' || *start == '|' ||
		    !strncmp(start, "[-", 2) || !strncmp(start, "[<args", 6))
			break;
		if (start == line)	/* "acct" */
			continue;
		/* "<client>", "[<client>]", "<file.csv | ->", "<name>=..." */
		name = start;
		if (*name == '[')
			name++;
		w->lit[w->n] = *name != '<';
		if (!w->lit[w->n])
			name++;
		for (len = 0; name + len < p && len < 29 &&
		     (name[len] == '-' || (name[len] >= 'a' && name[len] <= 'z') ||
		      (name[len] >= '0' && name[len] <= '9')); len++)
			;
		if (!len)
			break;
		snprintf(w->word[w->n], sizeof(w->word[w->n]), "%s%.*s%s",
			 w->lit[w->n] ? "" : "<", (int)len, name,
			 w->lit[w->n] ? "" : ">");
		w->n++;
	}
}

/* Add `word` to the words of `line` unless it is there already. */
static void put_word(struct acct_buf *line, const char *word)
{
	const char *p = line->buf;
	size_t len = strlen(word);

	while ((p = strstr(p, word))) {
		if ((p == line->buf || p[-1] == ' ') && (!p[len] || p[len] == ' '))
			return;
		p += len;
	}
	acct_buf_addf(line, "%s%s", line->len ? " " : "", word);
}

/*
 * What --complete-opts prints, on one line: the options ("--name" for a
 * flag, "--name=" and "-n=" for one that takes a value), then what may
 * come next on the command line after `cmd` and the operands given so
 * far, as the usage says: a verb ("import") or the kind of an operand in
 * angle brackets ("<client>", "<id>", "<file>"). The usage lines that
 * match more of the operands by their literal words win, so that after
 * "nps import" comes <file>, not nps's <score>.
 */
static void complete(const struct opt *opts, const char *const *usage,
		     const char *cmd, const char **ops, size_t nops)
{
	struct acct_buf line = ACCT_BUF_INIT, next = ACCT_BUF_INIT;
	struct usage_words w;
	const struct opt *o;
	size_t i, j, k, best = 0;

	for (o = opts; o->type != OPT_T_END; o++) {
		if (o->type == OPT_T_TEXT)
			continue;
		acct_buf_addf(&line, "%s", line.len ? " " : "");
		if (o->long_name)
			acct_buf_addf(&line, "--%s", o->long_name);
		else
			acct_buf_addf(&line, "-%c", o->short_name);
		if (o->type != OPT_T_BOOL)
			acct_buf_addch(&line, '=');
	}
	for (i = 0; usage && usage[i]; i++) {
		size_t score = 0;

		usage_split(&w, usage[i]);
		for (j = w.n; j > 0 && !(w.lit[j - 1] &&
					 !strcmp(w.word[j - 1], cmd)); j--)
			;
		if (!j)
			continue;
		for (k = 0; k < nops && j + k < w.n; k++) {
			if (!w.lit[j + k])
				continue;
			if (strcmp(w.word[j + k], ops[k]))
				break;
			score++;
		}
		if (k < nops || j + k >= w.n)
			continue;
		if (score > best) {
			best = score;
			acct_buf_reset(&next);
		} else if (score < best) {
			continue;
		}
		put_word(&next, w.word[j + k]);
	}
	printf("%s%s%s\n", line.buf, line.len && next.len ? " " : "", next.buf);
	acct_buf_release(&line);
	acct_buf_release(&next);
}

static int set_value(const struct opt *o, const char *arg, const char *name,
		     const char *const *usage, const struct opt *opts)
{
	switch (o->type) {
	case OPT_T_STRING:
		*(const char **)o->value = arg;
		return 0;
	case OPT_T_LIST: {
		struct opt_list *l = o->value;

		if (l->n == l->alloc) {
			l->alloc = l->alloc ? 2 * l->alloc : 4;
			l->items = acct_realloc(l->items, l->alloc * sizeof(*l->items));
		}
		l->items[l->n++] = arg;
		return 0;
	}
	case OPT_T_INT: {
		char *end;
		long v;

		errno = 0;
		v = strtol(arg, &end, 10);
		if (!*arg || *end || errno) {
			fprintf(stderr, _("acct: option '%s' expects a whole number, "
				"not '%s'\n"), name, arg);
			opt_print_usage(stderr, usage, opts);
			return OPT_EXIT_USAGE;
		}
		*(long *)o->value = v;
		return 0;
	}
	default:
		return 0;
	}
}

static const struct opt *find_long(const struct opt *opts, const char *name,
				   size_t len, int *negated)
{
	const struct opt *o;

	*negated = 0;
	for (o = opts; o->type != OPT_T_END; o++)
		if (o->long_name && strlen(o->long_name) == len &&
		    !strncmp(o->long_name, name, len))
			return o;
	if (len > 3 && !strncmp(name, "no-", 3))
		for (o = opts; o->type != OPT_T_END; o++)
			if (o->type == OPT_T_BOOL && o->long_name &&
			    strlen(o->long_name) == len - 3 &&
			    !strncmp(o->long_name, name + 3, len - 3)) {
				*negated = 1;
				return o;
			}
	return NULL;
}

static const struct opt *find_short(const struct opt *opts, int c)
{
	const struct opt *o;

	for (o = opts; o->type != OPT_T_END; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

int opt_parse(int argc, const char **argv, const struct opt *opts,
	      const char *const *usage)
{
	const char *cmd = argc ? argv[0] : "";
	int i, n = 0, rc, only_operands = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		/* "-1" is a negative number for the command to judge. */
		if (only_operands || a[0] != '-' || !a[1] ||
		    (a[1] >= '0' && a[1] <= '9' && !find_short(opts, a[1]))) {
			argv[n++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_operands = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			opt_print_usage(stdout, usage, opts);
			return OPT_EXIT_OK;
		}
		if (!strcmp(a, "--complete-opts")) {
			complete(opts, usage, cmd, argv, (size_t)n);
			return OPT_EXIT_OK;
		}
		if (!strcmp(a, "--man-synopsis")) {
			man_synopsis(usage);
			return OPT_EXIT_OK;
		}
		if (!strcmp(a, "--man-options")) {
			man_options(opts);
			return OPT_EXIT_OK;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			const struct opt *o;
			int negated;

			if (!(o = find_long(opts, name, len, &negated)))
				return mistake(usage, opts, UNKNOWN, a);
			if (o->type == OPT_T_BOOL) {
				if (eq)
					return mistake(usage, opts, NO_VALUE, a);
				*(int *)o->value = !negated;
				continue;
			}
			if (eq) {
				rc = set_value(o, eq + 1, a, usage, opts);
			} else if (i + 1 < argc) {
				rc = set_value(o, argv[++i], a, usage, opts);
			} else {
				return mistake(usage, opts, NEEDS_VALUE, a);
			}
			if (rc)
				return rc;
			continue;
		}
		/* Short options: -abc, -Ffile, -F file. */
		for (a++; *a; a++) {
			const struct opt *o = find_short(opts, *a);
			char flag[3] = { '-', *a, '\0' };

			if (!o)
				return mistake(usage, opts, UNKNOWN, flag);
			if (o->type == OPT_T_BOOL) {
				*(int *)o->value = 1;
				continue;
			}
			if (a[1])
				rc = set_value(o, a + 1, flag, usage, opts);
			else if (i + 1 < argc)
				rc = set_value(o, argv[++i], flag, usage, opts);
			else
				return mistake(usage, opts, NEEDS_VALUE, flag);
			if (rc)
				return rc;
			break;
		}
	}
	argv[n] = NULL;
	return n;
}
