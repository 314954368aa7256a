/*
 * Render a manual page from its Markdown (cmd/<command>.md) with cmark's
 * man renderer, as STYLE.md lays out. Usage:
 *
 *	manpage ACCT IN.md OUT NAME SECTION DATE VERSION
 *
 * A line of IN.md that is exactly "<!-- synopsis: WORDS -->" or
 * "<!-- options: WORDS -->" is replaced by what "ACCT WORDS
 * --man-synopsis" (or --man-options) prints: the usage lines and option
 * table that parse the command line (cmd/opt.c), so the page cannot
 * drift from them; "<!-- commands -->" by the command table ("acct
 * --man-commands"). cmark writes no .TH, so this writes it first. OUT is
 * written whole or not at all.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmark.h>

extern char **environ;

struct text {
	char *buf;
	size_t len, alloc;
};

static void add(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->alloc) {
		t->alloc = 2 * (t->len + n + 1);
		if (!(t->buf = realloc(t->buf, t->alloc))) {
			perror("manpage");
			exit(1);
		}
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

static int read_fd(struct text *t, int fd)
{
	char chunk[8192];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		add(t, chunk, (size_t)n);
	}
	return 0;
}

/* Run "acct WORDS flag" and append its standard output to `out`. */
static int ask(struct text *out, const char *acct, const char *words,
	       const char *flag, const char *where)
{
	char *copy = strdup(words), *prog = strdup(acct), *opt = strdup(flag);
	char *argv[32], *w, *end;
	int pipefd[2], status, argc = 0, rc = -1;
	posix_spawn_file_actions_t fa;
	size_t before = out->len;
	pid_t pid;

	if (!copy || !prog || !opt)
		return -1;
	argv[argc++] = prog;
	for (w = copy; *w && argc < 30; w = end) {
		end = w + strcspn(w, " ");
		if (*end)
			*end++ = '\0';
		if (*w)
			argv[argc++] = w;
	}
	argv[argc++] = opt;
	argv[argc] = NULL;
	if (pipe(pipefd) < 0) {
		free(copy);
		free(prog);
		free(opt);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	posix_spawn_file_actions_addclose(&fa, pipefd[1]);
	errno = posix_spawn(&pid, acct, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (errno) {
		fprintf(stderr, "manpage: %s: cannot run %s: %s\n", where,
			acct, strerror(errno));
		close(pipefd[0]);
		free(copy);
		free(prog);
		free(opt);
		return -1;
	}
	if (read_fd(out, pipefd[0]) == 0 &&
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0 && out->len > before)
		rc = 0;
	else
		fprintf(stderr, "manpage: %s: 'acct %s %s' gave nothing\n",
			where, words, flag);
	close(pipefd[0]);
	free(copy);
	free(prog);
	free(opt);
	return rc;
}

/* The Markdown with the generated parts in place of their markers. */
static int expand(struct text *out, const char *acct, const char *md,
		  const char *file)
{
	const char *line = md;
	unsigned lineno = 1;

	while (*line) {
		size_t n = strcspn(line, "\n");
		static const char *const kinds[][2] = {
			{ "<!-- synopsis: ", "--man-synopsis" },
			{ "<!-- options: ", "--man-options" },
		};
		size_t k;

		for (k = 0; k < 2; k++) {
			size_t plen = strlen(kinds[k][0]);
			char where[512], words[256];

			if (n <= plen + 4 || strncmp(line, kinds[k][0], plen) ||
			    strncmp(line + n - 4, " -->", 4))
				continue;
			if (n - plen - 4 >= sizeof(words))
				break;
			memcpy(words, line + plen, n - plen - 4);
			words[n - plen - 4] = '\0';
			snprintf(where, sizeof(where), "%s:%u", file, lineno);
			if (ask(out, acct, words, kinds[k][1], where) < 0)
				return -1;
			break;
		}
		if (k == 2 && n == strlen("<!-- commands -->") &&
		    !strncmp(line, "<!-- commands -->", n)) {
			char where[512];

			snprintf(where, sizeof(where), "%s:%u", file, lineno);
			if (ask(out, acct, "", "--man-commands", where) < 0)
				return -1;
		} else if (k == 2) {
			add(out, line, n);
			add(out, "\n", 1);
		}
		line += n + (line[n] == '\n');
		lineno++;
	}
	return 0;
}

/*
 * Write the roff with every character beyond ASCII as groff's \[uXXXX]:
 * troff reads its input as Latin-1 unless preconv runs first (man runs
 * it; groff alone does not), and the escape reads the same either way.
 */
static void put_ascii(FILE *out, const unsigned char *s)
{
	int code = 0;	/* inside a code block's \f[C] ... \f[] lines */
	int bol = 1;	/* at the start of a line */

	while (*s) {
		unsigned long c = *s;
		int n = 0;

		/*
		 * cmark 0.30 guards a code block's first line only: a later
		 * line starting with "." or "'" would be a roff request.
		 */
		if (bol) {
			if (!strncmp((const char *)s, "\\f[C]\n", 6))
				code = 1;
			else if (!strncmp((const char *)s, "\\f[]\n", 5))
				code = 0;
			else if (code && (*s == '.' || *s == '\''))
				fputs("\\&", out);
		}
		bol = c == '\n';
		if (c < 0x80) {
			fputc((int)c, out);
			s++;
			continue;
		}
		if ((c & 0xE0) == 0xC0)
			c &= 0x1F, n = 1;
		else if ((c & 0xF0) == 0xE0)
			c &= 0x0F, n = 2;
		else if ((c & 0xF8) == 0xF0)
			c &= 0x07, n = 3;
		else
			n = -1;
		for (s++; n > 0 && (*s & 0xC0) == 0x80; n--, s++)
			c = c << 6 | (*s & 0x3F);
		if (n)
			c = 0xFFFD;	/* not UTF-8: cmark passes it through */
		fprintf(out, "\\[u%04lX]", c);
	}
}

/* The line at `s`, its length without the newline. */
static size_t line_len(const char *s)
{
	return strcspn(s, "\n");
}

static int line_is(const char *s, const char *what)
{
	size_t n = line_len(s);

	return n == strlen(what) && !strncmp(s, what, n);
}

static const char *next_line(const char *s)
{
	s += line_len(s);
	return *s ? s + 1 : s;
}

/*
 * STYLE.md's option, a bold line and a quote, is cmark's
 * ".PP / TAG / .RS / .PP / text / .RE": a tag, a blank line, then the
 * text indented. Where the quote is one paragraph, make it the tagged
 * paragraph of every man page, ".TP / TAG / text".
 */
static void tag_paragraphs(struct text *out, const char *s)
{
	while (*s) {
		const char *tag = next_line(s), *rs = next_line(tag);
		const char *pp = next_line(rs), *body = next_line(pp), *re;

		if (line_is(s, ".PP") && *tag && *tag != '.' &&
		    line_is(rs, ".RS") && line_is(pp, ".PP") && *body) {
			for (re = body; *re && *re != '.'; re = next_line(re))
				;
			if (re > body && line_is(re, ".RE")) {
				add(out, ".TP\n", 4);
				add(out, tag, (size_t)(rs - tag));
				add(out, body, (size_t)(re - body));
				s = next_line(re);
				continue;
			}
		}
		add(out, s, (size_t)(next_line(s) - s));
		s = next_line(s);
	}
}

static void upper(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

int main(int argc, char **argv)
{
	struct text md = { NULL, 0, 0 }, full = { NULL, 0, 0 };
	struct text tight = { NULL, 0, 0 };
	char *roff, *title, tmp[4096];
	cmark_node *doc;
	FILE *in, *out;
	int ok;

	if (argc != 8) {
		fprintf(stderr, "usage: manpage ACCT IN.md OUT NAME SECTION "
			"DATE VERSION\n");
		return 2;
	}
	if (!(in = fopen(argv[2], "r")) || read_fd(&md, fileno(in)) < 0) {
		perror(argv[2]);
		return 1;
	}
	fclose(in);
	add(&md, "", 0);
	if (expand(&full, argv[1], md.buf, argv[2]) < 0)
		return 1;
	doc = cmark_parse_document(full.buf, full.len, CMARK_OPT_DEFAULT);
	roff = cmark_render_man(doc, CMARK_OPT_DEFAULT, 0);
	if (!(title = strdup(argv[4])))
		return 1;
	upper(title);
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[3]);
	if (!(out = fopen(tmp, "w"))) {
		perror(tmp);
		return 1;
	}
	fprintf(out, ".TH \"%s\" \"%s\" \"%s\" \"acct %s\" \"acct Manual\"\n",
		title, argv[5], argv[6], argv[7]);
	/* No hyphenation, ragged right: option names stay whole. */
	fputs(".nh\n.ad l\n", out);
	tag_paragraphs(&tight, roff);
	put_ascii(out, (const unsigned char *)(tight.buf ? tight.buf : ""));
	ok = !ferror(out);
	ok = !fclose(out) && ok;
	if (!ok || rename(tmp, argv[3]) < 0) {
		perror(argv[3]);
		remove(tmp);
		return 1;
	}
	cmark_get_default_mem_allocator()->free(roff);
	cmark_node_free(doc);
	free(title);
	free(md.buf);
	free(full.buf);
	free(tight.buf);
	return 0;
}
