#include "acct/tz.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acct/buf.h"
#include "acct/date.h"
#include "acct/error.h"
#include "acct/file.h"

#include "acct/banned.h"

/*
 * A TZif file (RFC 8536, RFC 9636) is a header, a data block with 32-bit
 * times, and from version 2 on a second header, a data block with 64-bit
 * times and a footer: a POSIX TZ string for the moments after the last
 * transition. The file is read whole, checked and decoded once into
 * struct acct_tz; looking a moment up then cannot fail. Every count is
 * checked against the bytes there are before anything is read, and the
 * file may be at most 1 MiB, so the arithmetic on counts cannot overflow.
 */

#define SECS_PER_DAY 86400
#define MAX_FILE (1024 * 1024)
#define HEADER_LEN 44
#define MAX_FOOTER 255
/* RFC 8536 section 3.2: a time type's UT offset lies in this range. */
#define UTOFF_MIN (-89999)
#define UTOFF_MAX 93599
/*
 * The Gregorian calendar repeats every 400 years: 146097 days, which is
 * also a whole number of weeks (20871).
 */
#define CYCLE_SECS (INT64_C(146097) * SECS_PER_DAY)

/*
 * A rule of a POSIX TZ string: when summer time starts or ends. "Mm.w.d"
 * is kind 'M' with month 1-12, week 1-5 (5: the last) and day 0 (Sunday)
 * to 6; "Jn" is kind 'J' with day 1-365; "n" is kind 'D' with day 0-365.
 */
struct tz_rule {
	char kind;
	int mon, week, day;
	int32_t time;		/* seconds after local midnight, +-167h */
};

/* A POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3", parsed. */
struct posix_tz {
	char std[ACCT_TZ_ABBRLEN], dst[ACCT_TZ_ABBRLEN];
	int32_t std_off, dst_off;	/* seconds east of UTC */
	int has_dst;
	struct tz_rule start, end;
};

/* A local time type of a TZif file. */
struct tz_type {
	int32_t utoff;		/* seconds east of UTC */
	char abbr[ACCT_TZ_ABBRLEN];
};

struct acct_tz {
	size_t ntimes;
	int64_t *times;		/* transitions, strictly ascending */
	unsigned char *idx;	/* the type from each transition on */
	struct tz_type *types;	/* at least one */
	int has_rule;		/* a non-empty footer */
	struct posix_tz rule;
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Copy at most ACCT_TZ_ABBRLEN - 1 bytes of `s` (`n` long) and a NUL. */
static void abbr_copy(char *out, const char *s, size_t n)
{
	if (n > ACCT_TZ_ABBRLEN - 1)
		n = ACCT_TZ_ABBRLEN - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

int acct_tz_name_ok(const char *name)
{
	size_t i, comp = 0;	/* bytes in the current component */

	if (!name || !*name)
		return 0;
	for (i = 0; name[i]; i++) {
		char c = name[i];

		if (i >= ACCT_TZ_NAMEMAX)
			return 0;
		if (c == '/') {
			/* A leading '/' or "//": an empty component. */
			if (!comp)
				return 0;
			comp = 0;
			continue;
		}
		/* No '.', so "." and ".." cannot occur either. */
		if (!is_alpha(c) && !is_digit(c) && c != '_' && c != '-' &&
		    c != '+')
			return 0;
		comp++;
	}
	return comp > 0;	/* a trailing '/' ends in an empty one */
}

/* POSIX TZ strings */

/*
 * A zone abbreviation: three or more letters, or "<...>" around three or
 * more letters, digits, '+' and '-' ("<+0545>"). Returns the end, or NULL.
 */
static const char *parse_abbr(char *out, const char *p)
{
	const char *start;
	size_t n;

	if (*p == '<') {
		start = ++p;
		while (is_alpha(*p) || is_digit(*p) || *p == '+' || *p == '-')
			p++;
		if (*p != '>')
			return NULL;
		n = (size_t)(p++ - start);
	} else {
		start = p;
		while (is_alpha(*p))
			p++;
		n = (size_t)(p - start);
	}
	if (n < 3)
		return NULL;
	abbr_copy(out, start, n);
	return p;
}

/* Up to `maxd` digits, at least one, with a value up to `max`. */
static const char *parse_num(int *out, const char *p, int maxd, int max)
{
	int n, v = 0;

	for (n = 0; n < maxd && is_digit(*p); n++)
		v = v * 10 + (*p++ - '0');
	if (!n || is_digit(*p) || v > max)
		return NULL;
	*out = v;
	return p;
}

/*
 * "[+-]hh[:mm[:ss]]" with hours up to `maxh` (24 for an offset, 167 for
 * a rule's time), into signed seconds. Returns the end, or NULL.
 */
static const char *parse_hms(int32_t *out, const char *p, int maxh)
{
	int sign = 1, h, m = 0, s = 0;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (!(p = parse_num(&h, p, 3, maxh)))
		return NULL;
	if (*p == ':') {
		if (!(p = parse_num(&m, p + 1, 2, 59)))
			return NULL;
		if (*p == ':' && !(p = parse_num(&s, p + 1, 2, 59)))
			return NULL;
	}
	*out = sign * (h * 3600 + m * 60 + s);
	return p;
}

/* "Jn", "n" or "Mm.w.d", then an optional "/time" (02:00 if none). */
static const char *parse_rule(struct tz_rule *r, const char *p)
{
	memset(r, 0, sizeof(*r));
	if (*p == 'J') {
		r->kind = 'J';
		p = parse_num(&r->day, p + 1, 3, 365);
		if (p && r->day < 1)
			return NULL;
	} else if (*p == 'M') {
		r->kind = 'M';
		if (!(p = parse_num(&r->mon, p + 1, 2, 12)) || r->mon < 1 ||
		    *p != '.' || !(p = parse_num(&r->week, p + 1, 1, 5)) ||
		    r->week < 1 || *p != '.' ||
		    !(p = parse_num(&r->day, p + 1, 1, 6)))
			return NULL;
	} else {
		r->kind = 'D';
		p = parse_num(&r->day, p, 3, 365);
	}
	if (!p)
		return NULL;
	r->time = 2 * 3600;
	if (*p == '/')
		p = parse_hms(&r->time, p + 1, 167);
	return p;
}

/* Parse the whole of `p`; 0 or -1. */
static int posix_parse(struct posix_tz *out, const char *p)
{
	int32_t off;

	memset(out, 0, sizeof(*out));
	if (!(p = parse_abbr(out->std, p)) || !(p = parse_hms(&off, p, 24)))
		return -1;
	out->std_off = -off;
	if (!*p)
		return 0;
	if (!(p = parse_abbr(out->dst, p)))
		return -1;
	out->has_dst = 1;
	out->dst_off = out->std_off + 3600;
	if (*p && *p != ',') {
		if (!(p = parse_hms(&off, p, 24)))
			return -1;
		out->dst_off = -off;
	}
	if (!*p) {
		/* No rules: glibc's default, the US rules since 2007. */
		parse_rule(&out->start, "M3.2.0");
		parse_rule(&out->end, "M11.1.0");
		return 0;
	}
	if (*p != ',' || !(p = parse_rule(&out->start, p + 1)) ||
	    *p != ',' || !(p = parse_rule(&out->end, p + 1)))
		return -1;
	return *p ? -1 : 0;
}

/* Days since 1970-01-01 of the day rule `r` names in `year`. */
static int64_t rule_day(const struct tz_rule *r, int year)
{
	struct acct_date d = { year, 1, 1 };
	int64_t jan1 = acct_date_to_days(&d);
	int wday, mday, dim;

	switch (r->kind) {
	case 'J':
		/* February 29 is never counted: J60 is always March 1. */
		return jan1 + r->day - 1 +
		       (r->day >= 60 && acct_days_in_month(year, 2) == 29);
	case 'D':
		return jan1 + r->day;
	default:
		/* Day d (0 Sunday) of week w (5: the last) of month m. */
		d.month = r->mon;
		wday = (acct_date_weekday(&d) + 1) % 7;
		mday = 1 + (r->day - wday + 7) % 7 + 7 * (r->week - 1);
		dim = acct_days_in_month(year, r->mon);
		while (mday > dim)
			mday -= 7;
		return acct_date_to_days(&d) + mday - 1;
	}
}

/*
 * The offset and abbreviation at `sec` under a parsed TZ string. Summer
 * time is on from the start rule's moment (given in standard time) to the
 * end rule's (given in summer time). Rather than ask whether `sec` lies
 * between the two, which turns round in the southern hemisphere and breaks
 * when times of up to 167 hours push a change into the next year, take
 * the latest change at or before `sec` among those of the years around
 * it. On a tie the later year wins (all-year summer time: one year's end
 * is the next one's start), and within a year the end.
 */
static void posix_eval(const struct posix_tz *tz, int64_t sec, int *off,
		       char *abbr)
{
	int64_t r, best = INT64_MIN, s, e;
	struct acct_date d;
	int y, dst = 0;

	if (tz->has_dst) {
		/* Any moment, in a cycle that starts 1970-01-01. */
		r = sec % CYCLE_SECS;
		if (r < 0)
			r += CYCLE_SECS;
		acct_date_from_days(&d, r / SECS_PER_DAY);
		for (y = d.year - 2; y <= d.year + 1; y++) {
			s = rule_day(&tz->start, y) * SECS_PER_DAY +
			    tz->start.time - tz->std_off;
			e = rule_day(&tz->end, y) * SECS_PER_DAY +
			    tz->end.time - tz->dst_off;
			if (s <= r && s >= best) {
				best = s;
				dst = 1;
			}
			if (e <= r && e >= best) {
				best = e;
				dst = 0;
			}
		}
	}
	*off = dst ? tz->dst_off : tz->std_off;
	if (abbr)
		abbr_copy(abbr, dst ? tz->dst : tz->std,
			  strlen(dst ? tz->dst : tz->std));
}

int acct_tz_posix_offset(int *off_sec, char *abbr, const char *spec,
			 int64_t sec, struct acct_error *err)
{
	struct posix_tz tz;

	if (!spec || posix_parse(&tz, spec) < 0)
		return acct_error_set(err, ACCT_EUSAGE,
				      "'%s' is not a POSIX TZ string",
				      spec ? spec : "");
	posix_eval(&tz, sec, off_sec, abbr);
	return 0;
}

/* TZif files */

struct tzif_header {
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
	int v2;			/* version 2 or later */
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Two's complement without relying on an out-of-range conversion. */
static int64_t be32s(const unsigned char *p)
{
	uint32_t u = be32(p);

	return u & 0x80000000u ? (int64_t)u - INT64_C(0x100000000) :
				 (int64_t)u;
}

static int64_t be64s(const unsigned char *p)
{
	uint64_t u = (uint64_t)be32(p) << 32 | be32(p + 4);

	return u >> 63 ? -(int64_t)~u - 1 : (int64_t)u;
}

/*
 * Read a header at `p` with `avail` bytes; a reason if it is bad. Only
 * the bounds of the counts are checked here: the rest is for the block
 * that is used (header_check()), not the 32-bit one that version 2 skips.
 */
static const char *header_read(struct tzif_header *h, const unsigned char *p,
			       size_t avail)
{
	if (avail < 4 || memcmp(p, "TZif", 4))
		return "no TZif magic";
	if (avail < HEADER_LEN)
		return "truncated";
	if (p[4] != 0 && p[4] < '2')
		return "unknown version";
	h->v2 = p[4] != 0;
	h->isutcnt = be32(p + 20);
	h->isstdcnt = be32(p + 24);
	h->leapcnt = be32(p + 28);
	h->timecnt = be32(p + 32);
	h->typecnt = be32(p + 36);
	h->charcnt = be32(p + 40);
	/* Each count is at most the file's size: no overflow below. */
	if (h->isutcnt > MAX_FILE || h->isstdcnt > MAX_FILE ||
	    h->leapcnt > MAX_FILE || h->timecnt > MAX_FILE ||
	    h->typecnt > MAX_FILE || h->charcnt > MAX_FILE)
		return "truncated";
	return NULL;
}

/* RFC 8536 section 3.1: the counts of the data block that is used. */
static const char *header_check(const struct tzif_header *h)
{
	if (!h->typecnt || !h->charcnt ||
	    (h->isutcnt && h->isutcnt != h->typecnt) ||
	    (h->isstdcnt && h->isstdcnt != h->typecnt))
		return "bad counts";
	return NULL;
}

/* The length of the data block after header `h`, times `tsize` bytes. */
static uint64_t block_len(const struct tzif_header *h, unsigned tsize)
{
	return (uint64_t)h->timecnt * (tsize + 1) + (uint64_t)h->typecnt * 6 +
	       h->charcnt + (uint64_t)h->leapcnt * (tsize + 4) +
	       h->isstdcnt + h->isutcnt;
}

/* Decode the data block at `p` (its length checked) into `tz`. */
static const char *block_read(struct acct_tz *tz, const struct tzif_header *h,
			      const unsigned char *p, unsigned tsize)
{
	const unsigned char *idx = p + (size_t)h->timecnt * tsize;
	const unsigned char *types = idx + h->timecnt;
	const char *chars = (const char *)(types + (size_t)h->typecnt * 6);
	const char *why;
	size_t i, j;

	if ((why = header_check(h)))
		return why;

	tz->ntimes = h->timecnt;
	tz->times = acct_calloc(h->timecnt ? h->timecnt : 1, sizeof(int64_t));
	tz->idx = acct_calloc(h->timecnt ? h->timecnt : 1, 1);
	tz->types = acct_calloc(h->typecnt, sizeof(struct tz_type));
	for (i = 0; i < h->timecnt; i++) {
		tz->times[i] = tsize == 8 ? be64s(p + i * 8) : be32s(p + i * 4);
		if (i && tz->times[i] <= tz->times[i - 1])
			return "transitions out of order";
		if (idx[i] >= h->typecnt)
			return "bad time type index";
		tz->idx[i] = idx[i];
	}
	for (i = 0; i < h->typecnt; i++) {
		const unsigned char *t = types + i * 6;
		int64_t utoff = be32s(t);
		const char *s, *nul;

		if (utoff < UTOFF_MIN || utoff > UTOFF_MAX || t[4] > 1)
			return "bad time type";
		if (t[5] >= h->charcnt)
			return "bad abbreviation index";
		s = chars + t[5];
		nul = memchr(s, '\0', h->charcnt - t[5]);
		if (!nul)
			return "unterminated abbreviation";
		for (j = 0; s + j < nul; j++)
			if (s[j] < 0x20 || s[j] > 0x7e)
				return "bad abbreviation";
		tz->types[i].utoff = (int32_t)utoff;
		abbr_copy(tz->types[i].abbr, s, (size_t)(nul - s));
	}
	return NULL;
}

/* Decode the file `buf` of `len` bytes (at most MAX_FILE) into `tz`. */
static const char *tzif_read(struct acct_tz *tz, const unsigned char *buf,
			     size_t len)
{
	struct tzif_header h;
	const unsigned char *p = buf, *end = buf + len, *nl;
	const char *why;
	char footer[MAX_FOOTER + 1];
	uint64_t n;
	size_t flen;

	if ((why = header_read(&h, p, len)))
		return why;
	n = block_len(&h, 4);
	if (n > (uint64_t)(end - p - HEADER_LEN))
		return "truncated";
	if (!h.v2)
		return block_read(tz, &h, p + HEADER_LEN, 4);

	/* Version 2 or later: skip the 32-bit block for the 64-bit one. */
	p += HEADER_LEN + n;
	if ((why = header_read(&h, p, (size_t)(end - p))))
		return why;
	n = block_len(&h, 8);
	if (n > (uint64_t)(end - p - HEADER_LEN))
		return "truncated";
	if ((why = block_read(tz, &h, p + HEADER_LEN, 8)))
		return why;

	/* The footer: a newline, a TZ string (maybe empty), a newline. */
	p += HEADER_LEN + n;
	if (p == end || *p != '\n')
		return "no footer";
	p++;
	if (!(nl = memchr(p, '\n', (size_t)(end - p))))
		return "no footer";
	flen = (size_t)(nl - p);
	if (!flen)
		return NULL;
	if (flen > MAX_FOOTER || memchr(p, '\0', flen))
		return "bad TZ string";
	memcpy(footer, p, flen);
	footer[flen] = '\0';
	if (posix_parse(&tz->rule, footer) < 0)
		return "bad TZ string";
	tz->has_rule = 1;
	return NULL;
}

void acct_tz_free(struct acct_tz *tz)
{
	if (!tz)
		return;
	free(tz->times);
	free(tz->idx);
	free(tz->types);
	free(tz);
}

static int no_zone(struct acct_error *err, const char *name, const char *dir)
{
	acct_error_set(err, ACCT_EUSAGE,
		       "'%s' is not a time zone (no such file in %s)",
		       name ? name : "", dir);
	acct_error_hint(err, "use a name from %s, such as Europe/Berlin", dir);
	return ACCT_EUSAGE;
}

int acct_tz_load(struct acct_tz **out, const char *dir, const char *name,
		 struct acct_error *err)
{
	struct acct_buf path = ACCT_BUF_INIT, data = ACCT_BUF_INIT;
	struct acct_tz *tz = NULL;
	const char *why;
	struct stat st;
	int rc = 0;

	*out = NULL;
	if (!dir)
		dir = ACCT_TZ_DIR;
	if (!acct_tz_name_ok(name))
		return no_zone(err, name, dir);
	acct_buf_addf(&path, "%s/%s", dir, name);
	/*
	 * stat() first: a directory ("Europe"), a FIFO or a device is not a
	 * zone, and reading one could block or never end.
	 */
	if (stat(path.buf, &st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR ||
		    errno == ENAMETOOLONG || errno == ELOOP)
			rc = no_zone(err, name, dir);
		else
			rc = acct_error_at(err, ACCT_ERROR, path.buf, 0, 0,
					   "cannot read the time zone: %s",
					   strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = no_zone(err, name, dir);
		goto out;
	}
	if (st.st_size > MAX_FILE) {
		rc = acct_error_at(err, ACCT_EDATA, path.buf, 0, 0,
				   "not a TZif file (larger than 1 MiB)");
		goto out;
	}
	/*
	 * The system's zones may be links (Debian's are, some): followed.
	 * What was opened must still be a file within the limit.
	 */
	if ((rc = acct_file_read(&data, path.buf, path.buf, MAX_FILE,
				 ACCT_FILE_FOLLOW, err)) < 0) {
		if (rc == ACCT_EDATA)
			rc = acct_error_at(err, ACCT_EDATA, path.buf, 0, 0,
					   "not a TZif file (larger than 1 MiB, "
					   "or no longer a file)");
		goto out;
	}
	tz = acct_calloc(1, sizeof(*tz));
	if ((why = tzif_read(tz, (const unsigned char *)data.buf, data.len))) {
		rc = acct_error_at(err, ACCT_EDATA, path.buf, 0, 0,
				   "not a TZif file (%s)", why);
		goto out;
	}
	*out = tz;
	tz = NULL;
out:
	acct_tz_free(tz);
	acct_buf_release(&data);
	acct_buf_release(&path);
	return rc;
}

int acct_tz_offset_at(const struct acct_tz *tz, int64_t sec, char *abbr)
{
	const struct tz_type *t = &tz->types[0];
	size_t lo, hi, mid;
	int off;

	/*
	 * RFC 8536 section 3.2: the footer's rule from the last transition
	 * on (for all moments if there are none), time type 0 before the
	 * first; the last transition's type if there is no rule.
	 */
	if (tz->has_rule &&
	    (!tz->ntimes || sec >= tz->times[tz->ntimes - 1])) {
		posix_eval(&tz->rule, sec, &off, abbr);
		return off;
	}
	if (tz->ntimes && sec >= tz->times[0]) {
		/* The last transition at or before `sec`: times[lo]. */
		lo = 0;
		hi = tz->ntimes;
		while (hi - lo > 1) {
			mid = lo + (hi - lo) / 2;
			if (tz->times[mid] <= sec)
				lo = mid;
			else
				hi = mid;
		}
		t = &tz->types[tz->idx[lo]];
	}
	if (abbr)
		abbr_copy(abbr, t->abbr, strlen(t->abbr));
	return t->utoff;
}

int acct_tz_offset(int *off_sec, char *abbr, const char *dir,
		   const char *name, int64_t sec, struct acct_error *err)
{
	struct acct_tz *tz;
	int rc;

	if ((rc = acct_tz_load(&tz, dir, name, err)) < 0)
		return rc;
	*off_sec = acct_tz_offset_at(tz, sec, abbr);
	acct_tz_free(tz);
	return 0;
}
