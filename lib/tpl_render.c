/*
 * The Mustache renderer: the tree walked over the data, with partials,
 * parents and blocks looked up and cached.
 */
#include "acct/tpl.h"
#include "tpl_int.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/json.h"
#include "acct/i18n.h"
#include "acct/banned.h"

/* Templates loaded for partials and parents, once per render, by name. */
struct cache_entry {
	char *name;		/* NULL: a free slot */
	size_t len;
	struct acct_tpl *tpl;	/* NULL: there is no such template */
};

struct cache {
	struct cache_entry *v;
	size_t n, alloc;	/* alloc: a power of two, or 0 */
};

static uint64_t hash_name(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static struct cache_entry *cache_slot(struct cache *c, const char *s,
				      size_t len)
{
	size_t i = (size_t)hash_name(s, len) & (c->alloc - 1);

	while (c->v[i].name && (c->v[i].len != len ||
				memcmp(c->v[i].name, s, len)))
		i = (i + 1) & (c->alloc - 1);
	return &c->v[i];
}

static struct cache_entry *cache_find(struct cache *c, const char *s,
				      size_t len)
{
	struct cache_entry *e;

	if (!c->alloc)
		return NULL;
	e = cache_slot(c, s, len);
	return e->name ? e : NULL;
}

static void cache_add(struct cache *c, const char *s, size_t len,
		      struct acct_tpl *tpl)
{
	struct cache_entry *e;

	if (2 * (c->n + 1) > c->alloc) {
		struct cache old = *c;
		size_t i;

		c->alloc = c->alloc ? 2 * c->alloc : 16;
		c->v = acct_calloc(c->alloc, sizeof(*c->v));
		for (i = 0; i < old.alloc; i++)
			if (old.v[i].name)
				*cache_slot(c, old.v[i].name, old.v[i].len) =
					old.v[i];
		free(old.v);
	}
	e = cache_slot(c, s, len);
	e->name = acct_strndup(s, len);
	e->len = len;
	e->tpl = tpl;
	c->n++;
}

static void cache_release(struct cache *c)
{
	size_t i;

	for (i = 0; i < c->alloc; i++)
		if (c->v[i].name) {
			free(c->v[i].name);
			acct_tpl_free(c->v[i].tpl);
		}
	free(c->v);
}

struct render {
	const struct acct_tpl_opts *opts;
	acct_tpl_escape_fn escape;
	struct acct_buf *out;
	size_t start, max_output, max_steps;
	struct acct_error *err;
	const json_t **ctx;		/* the context stack */
	size_t nctx, actx;
	struct acct_buf ind;		/* the indentation in force */
	int at_bol;			/* the block rendered starts a line */
	const char *chain[ACCT_TPL_MAX_PARTIAL_DEPTH + 1];
	size_t nchain;			/* templates being rendered */
	const struct node *scopes[ACCT_TPL_MAX_PARTIAL_DEPTH + 1];
	size_t nscopes;			/* parents being rendered */
	size_t depth, steps;
	struct cache cache;
	struct acct_buf msg;
};

static int render_nodes(struct render *st, const struct node *v, size_t n);

static int node_error(struct render *st, const struct node *nd, int code,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int node_error(struct render *st, const struct node *nd, int code,
		      const char *fmt, ...)
{
	char buf[sizeof(st->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), _(fmt), ap);
	va_end(ap);
	return acct_error_at(st->err, code, nd->tpl->path, nd->line, nd->col,
			     "%s", buf);
}

static void push_ctx(struct render *st, const json_t *v)
{
	if (st->nctx == st->actx) {
		st->actx = st->actx ? 2 * st->actx : 16;
		st->ctx = acct_realloc(st->ctx, st->actx * sizeof(*st->ctx));
	}
	st->ctx[st->nctx++] = v;
}

/* A key of an object, or an index of an array ("items.0"). */
static const json_t *child(const json_t *v, const char *s, size_t len)
{
	size_t i, idx = 0;

	if (json_is_object(v))
		return json_object_getn(v, s, len);
	if (!json_is_array(v) || len > 9)
		return NULL;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return NULL;
		idx = idx * 10 + (size_t)(s[i] - '0');
	}
	return json_array_get(v, idx);
}

/*
 * A dotted name: its first part is looked up from the top of the context
 * stack down, the others only inside what that found. NULL when missing.
 * Each context looked at counts as a step of the work.
 */
static const json_t *lookup(struct render *st, const char *s, size_t len)
{
	const json_t *v = NULL;
	const char *dot;
	size_t part, i;

	if (!st->nctx)
		return NULL;
	if (len == 1 && s[0] == '.')
		return st->ctx[st->nctx - 1];
	dot = memchr(s, '.', len);
	part = dot ? (size_t)(dot - s) : len;
	for (i = st->nctx; i-- > 0 && !v;) {
		st->steps++;
		if (json_is_object(st->ctx[i]))
			v = json_object_getn(st->ctx[i], s, part);
	}
	while (v && dot) {
		s = dot + 1;
		len -= part + 1;
		dot = memchr(s, '.', len);
		part = dot ? (size_t)(dot - s) : len;
		v = child(v, s, part);
	}
	return v;
}

static int truthy(const json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	return 1;
}

/*
 * The shortest text that reads back as the same double: 1.21, not
 * 1.210000. A decimal comma, should a caller set LC_NUMERIC, becomes a
 * point.
 */
static void format_real(char *buf, size_t size, double d)
{
	char *comma;
	int prec;

	for (prec = 15; prec < 17; prec++) {
		snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	if (prec == 17)
		snprintf(buf, size, "%.17g", d);
	if ((comma = strchr(buf, ',')))
		*comma = '.';
}

/* A scalar as text (pointing into `buf` or `v`); 0 for no text. */
static int scalar_text(const json_t *v, char *buf, size_t size,
		       const char **s, size_t *len)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		/* An exact decimal (acct/json.h) is its digits. */
		if (acct_json_decimal_digits(v, s)) {
			*len = strlen(*s);
			return 1;
		}
		*s = json_string_value(v);
		*len = json_string_length(v);
		return 1;
	case JSON_INTEGER:
		snprintf(buf, size, "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		break;
	case JSON_REAL:
		format_real(buf, size, json_real_value(v));
		break;
	case JSON_TRUE:
		snprintf(buf, size, "true");
		break;
	case JSON_FALSE:
		snprintf(buf, size, "false");
		break;
	default:
		return 0;
	}
	*s = buf;
	*len = strlen(buf);
	return 1;
}

/* Literal text, indented where its lines start (empty lines are not). */
static void emit_text(struct render *st, const struct node *nd)
{
	const char *s = nd->s, *nl;
	size_t len = nd->len, from = 0;

	if (!len)
		return;
	if (!st->ind.len) {
		acct_buf_add(st->out, s, len);
		return;
	}
	if (nd->flags & NF_BOL)
		acct_buf_add(st->out, st->ind.buf, st->ind.len);
	while ((nl = memchr(s + from, '\n', len - from))) {
		size_t i = (size_t)(nl - s) + 1;

		acct_buf_add(st->out, s + from, i - from);
		from = i;
		if (i < len && !tpl_is_line_end(s + i, i + 1 < len && s[i] == '\r' ?
					    2 : 1))
			acct_buf_add(st->out, st->ind.buf, st->ind.len);
	}
	acct_buf_add(st->out, s + from, len - from);
}

/* Count a unit of work: a node rendered, an item of a list, a lookup. */
static int step(struct render *st, const struct node *nd)
{
	if (++st->steps > st->max_steps)
		return node_error(st, nd, ACCT_EDATA, "rendering takes more "
				  "than %zu steps", st->max_steps);
	return 0;
}

static int enter(struct render *st, const struct node *nd)
{
	if (++st->depth > ACCT_TPL_MAX_DEPTH)
		return node_error(st, nd, ACCT_EDATA, "templates nest deeper "
				  "than %d levels", ACCT_TPL_MAX_DEPTH);
	return 0;
}

static int render_section(struct render *st, const struct node *nd)
{
	const json_t *v = lookup(st, nd->s, nd->len);
	size_t i;
	int rc;

	if (nd->type == N_INVERTED ? truthy(v) : !truthy(v))
		return 0;
	if ((rc = enter(st, nd)) < 0)
		return rc;
	if (nd->type == N_INVERTED) {
		rc = render_nodes(st, nd->kids, nd->nkids);
	} else if (json_is_array(v)) {
		for (i = 0; i < json_array_size(v) && rc == 0; i++) {
			if ((rc = step(st, nd)) < 0)
				break;
			push_ctx(st, json_array_get(v, i));
			rc = render_nodes(st, nd->kids, nd->nkids);
			st->nctx--;
		}
	} else {
		push_ctx(st, v);
		rc = render_nodes(st, nd->kids, nd->nkids);
		st->nctx--;
	}
	st->depth--;
	return rc;
}

/*
 * The template a partial or parent tag names, loaded once: NULL in `*out`
 * when there is none. A loader's error without a place of its own is put
 * at the tag.
 */
static int get_template(struct render *st, const struct node *nd,
			const char *name, size_t len, struct acct_tpl **out)
{
	struct acct_tpl_source src = ACCT_TPL_SOURCE_INIT;
	struct cache_entry *e = cache_find(&st->cache, name, len);
	struct acct_tpl *tpl = NULL;
	char *cname;
	int rc = 0;

	if (e) {
		*out = e->tpl;
		return 0;
	}
	*out = NULL;
	cname = acct_strndup(name, len);
	if (!st->opts->load || strlen(cname) != len) {
		rc = ACCT_ENOTFOUND;
	} else {
		rc = st->opts->load(&src, cname, st->opts->payload, st->err);
		if (rc == 0)
			rc = acct_tpl_parse(&tpl, cname, src.path.len ?
					    src.path.buf : cname, src.text.buf,
					    src.text.len, st->err);
	}
	if (rc == ACCT_ENOTFOUND) {
		acct_error_clear(st->err);
		rc = 0;
	} else if (rc < 0 && (!st->err || !st->err->file[0])) {
		char msg[sizeof(st->err->msg)] = "", hint[sizeof(msg)] = "";

		if (st->err) {
			snprintf(msg, sizeof(msg), "%s", st->err->msg);
			snprintf(hint, sizeof(hint), "%s", st->err->hint);
		}
		rc = node_error(st, nd, rc == ACCT_EUSAGE ? ACCT_EDATA : rc,
				"%s", msg);
		if (st->err && hint[0])
			acct_error_hint(st->err, "%s", hint);
	}
	if (rc == 0) {
		cache_add(&st->cache, name, len, tpl);
		*out = tpl;
	}
	free(cname);
	acct_tpl_source_release(&src);
	return rc;
}

static int chain_error(struct render *st, const struct node *nd,
		       const char *name, size_t len)
{
	struct acct_buf b = ACCT_BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < st->nchain && b.len < 100; i++) {
		acct_buf_addstr(&b, tpl_show(&st->msg, st->chain[i],
					 strlen(st->chain[i])));
		acct_buf_addstr(&b, " -> ");
	}
	if (i < st->nchain)
		acct_buf_addstr(&b, "...");
	else
		acct_buf_addstr(&b, tpl_show(&st->msg, name, len));
	rc = node_error(st, nd, ACCT_EDATA, "partials nest deeper than %d: %s",
			ACCT_TPL_MAX_PARTIAL_DEPTH, b.buf);
	acct_buf_release(&b);
	return rc;
}

/* {{>name}} and {{<name}}...{{/name}}: another template, here. */
static int render_partial(struct render *st, const struct node *nd)
{
	const char *name = nd->s;
	size_t len = nd->len, ind = st->ind.len;
	char buf[64];
	struct acct_tpl *tpl;
	int rc;

	if (nd->flags & NF_DYNAMIC &&
	    !scalar_text(lookup(st, nd->s, nd->len), buf, sizeof(buf), &name,
			 &len))
		return 0;
	if (!len)
		return 0;
	if ((rc = get_template(st, nd, name, len, &tpl)) < 0 || !tpl)
		return rc;
	if (st->nchain > ACCT_TPL_MAX_PARTIAL_DEPTH)
		return chain_error(st, nd, name, len);
	if ((rc = enter(st, nd)) < 0)
		return rc;
	st->chain[st->nchain++] = tpl->name;
	if (nd->type == N_PARENT)
		st->scopes[st->nscopes++] = nd;
	acct_buf_add(&st->ind, nd->ind, nd->ind_len);
	rc = render_nodes(st, tpl->nodes, tpl->n);
	acct_buf_setlen(&st->ind, ind);
	if (nd->type == N_PARENT)
		st->nscopes--;
	st->nchain--;
	st->depth--;
	return rc;
}

/* The argument called like block `nd` that parent `p` passes, or NULL. */
static const struct node *find_arg(const struct node *p, const struct node *nd)
{
	size_t lo = 0, hi = p->nkids;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = tpl_by_name(&p->kids[mid], nd);

		if (!c)
			return &p->kids[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * {{$name}}: what the outermost parent being rendered passes for it, else
 * its own content.
 */
static int render_block(struct render *st, const struct node *nd)
{
	const struct node *body = nd;
	size_t i, ind = st->ind.len;
	int at_bol = st->at_bol, rc;

	for (i = 0; i < st->nscopes; i++) {
		const struct node *arg = find_arg(st->scopes[i], nd);

		if (arg) {
			body = arg;
			break;
		}
	}
	if ((rc = enter(st, nd)) < 0)
		return rc;
	acct_buf_add(&st->ind, nd->ind, nd->ind_len);
	st->at_bol = !!(nd->flags & NF_AT_BOL);
	rc = render_nodes(st, body->kids, body->nkids);
	st->at_bol = at_bol;
	acct_buf_setlen(&st->ind, ind);
	st->depth--;
	return rc;
}

static int render_nodes(struct render *st, const struct node *v, size_t n)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		const struct node *nd = &v[i];
		char buf[64];
		const char *s;
		size_t len;

		if ((rc = step(st, nd)) < 0)
			return rc;
		switch (nd->type) {
		case N_TEXT:
			emit_text(st, nd);
			break;
		case N_FIRST:
			if (!st->at_bol)
				break;
			/* fall through */
		case N_INDENT:
			acct_buf_add(st->out, st->ind.buf, st->ind.len);
			break;
		case N_VAR:
		case N_RAW:
			if (!scalar_text(lookup(st, nd->s, nd->len), buf,
					 sizeof(buf), &s, &len))
				break;
			if (nd->type == N_VAR)
				st->escape(st->out, s, len);
			else
				acct_buf_add(st->out, s, len);
			break;
		case N_SECTION:
		case N_INVERTED:
			rc = render_section(st, nd);
			break;
		case N_PARTIAL:
		case N_PARENT:
			rc = render_partial(st, nd);
			break;
		case N_BLOCK:
			rc = render_block(st, nd);
			break;
		default:
			break;
		}
		if (rc == 0 && st->out->len - st->start > st->max_output)
			return node_error(st, nd, ACCT_EDATA, "the output is "
					  "larger than %zu bytes",
					  st->max_output);
	}
	return rc;
}

int acct_tpl_render(struct acct_buf *out, const struct acct_tpl *tpl,
		    const struct json_t *data, const struct acct_tpl_opts *opts,
		    struct acct_error *err)
{
	static const struct acct_tpl_opts none;
	struct render st = { 0 };
	int rc;

	st.opts = opts ? opts : &none;
	st.escape = st.opts->escape ? st.opts->escape : acct_tpl_escape_none;
	st.out = out;
	st.start = out->len;
	st.max_output = st.opts->max_output ? st.opts->max_output :
			ACCT_TPL_MAX_OUTPUT;
	st.max_steps = st.opts->max_steps ? st.opts->max_steps :
		       ACCT_TPL_MAX_STEPS;
	st.err = err;
	st.ind = (struct acct_buf)ACCT_BUF_INIT;
	st.msg = (struct acct_buf)ACCT_BUF_INIT;
	st.chain[st.nchain++] = tpl->name;
	if (data)
		push_ctx(&st, data);
	rc = render_nodes(&st, tpl->nodes, tpl->n);
	if (rc < 0)
		acct_buf_setlen(out, st.start);
	cache_release(&st.cache);
	free(st.ctx);
	acct_buf_release(&st.ind);
	acct_buf_release(&st.msg);
	return rc;
}
