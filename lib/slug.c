/*
 * Slugs: how a client's name becomes the name of its folder
 *
 * A slug is made of lowercase ASCII letters, digits and '-'. To make one
 * from a name, acct
 *
 *   1. puts the name in Unicode NFC, so that a letter typed as a base
 *      letter and a combining mark (И + U+0306) counts as the precomposed
 *      one (Й);
 *   2. lowercases each letter and spells it in ASCII: Cyrillic by the table
 *      below, Latin letters without their accents (é e, ü u, ñ n, å a, ç c,
 *      ő o, İ i), a few Latin letters by the table below, compatibility
 *      forms by what they stand for (ﬁ fi, ² 2, fullwidth Ａ a, № no);
 *   3. keeps ASCII letters and digits; everything else (spaces,
 *      punctuation, quotes, «», emoji, other scripts) separates words,
 *      while combining marks and invisible format characters (soft hyphen,
 *      zero-width joiner) are dropped without separating;
 *   4. joins the words with one '-' each, none at either end;
 *   5. cuts the result to at most 64 bytes at the last '-' that fits, or at
 *      64 bytes when the first word alone is longer.
 *
 * So "ООО «Ромашка»" is ooo-romashka, "Café Müller" cafe-muller, "Łódź"
 * lodz, "Ærø" aero. A name with nothing left ("🙂🙂") has no slug, and a
 * slug may not be one of the words commands use as verbs (see reserved[]
 * below): give one with --slug.
 *
 * Cyrillic follows ICAO Doc 9303 (the scheme of Russian passports since
 * 2013), with its letters for Ukrainian, Belarusian, Serbian and
 * Macedonian, and Kazakh letters added:
 *
 *   Russian     а a    б b    в v    г g    д d    е e    ё e    ж zh
 *               з z    и i    й i    к k    л l    м m    н n    о o
 *               п p    р r    с s    т t    у u    ф f    х kh   ц ts
 *               ч ch   ш sh   щ shch ъ ie   ы y    ь -    э e    ю iu
 *               я ia   (ь is left out: Ильич is ilich)
 *   Ukrainian   є ie   і i    ї i    ґ g
 *   Belarusian  ў u
 *   Serbian and ђ d    ѓ g    ѕ dz   ј j    љ lj   њ nj   ћ c    ќ k
 *   Macedonian  џ dz
 *   Kazakh      ә a    ғ g    қ k    ң n    ө o    ұ u    ү u    һ h
 *               і i
 *
 * Capitals go the same way (Щ shch). A letter shared by several languages
 * is spelt as in Russian, since a name does not say its language: и is i
 * and г is g in Ukrainian names too. Latin letters that are not a base
 * letter plus accents:
 *
 *               ß ss   æ ae   œ oe   ø o    ł l    đ d    ð d    þ th
 *               ħ h    ı i    ŧ t
 *
 * Other Cyrillic letters with a diacritic fall back to their base letter
 * (ӣ i, ӯ u).
 */
#include "acct/slug.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/text.h"
#include "acct/banned.h"

/* Lowercase letters spelt in ASCII, sorted by code point for bsearch(). */
static const struct translit {
	int32_t cp;
	const char *ascii;
} translit[] = {
	{ 0x00df, "ss" },	/* ß */
	{ 0x00e6, "ae" },	/* æ */
	{ 0x00f0, "d" },	/* ð */
	{ 0x00f8, "o" },	/* ø */
	{ 0x00fe, "th" },	/* þ */
	{ 0x0111, "d" },	/* đ */
	{ 0x0127, "h" },	/* ħ */
	{ 0x0131, "i" },	/* ı */
	{ 0x0142, "l" },	/* ł */
	{ 0x0153, "oe" },	/* œ */
	{ 0x0167, "t" },	/* ŧ */
	{ 0x0430, "a" },	/* а */
	{ 0x0431, "b" },	/* б */
	{ 0x0432, "v" },	/* в */
	{ 0x0433, "g" },	/* г */
	{ 0x0434, "d" },	/* д */
	{ 0x0435, "e" },	/* е */
	{ 0x0436, "zh" },	/* ж */
	{ 0x0437, "z" },	/* з */
	{ 0x0438, "i" },	/* и */
	{ 0x0439, "i" },	/* й */
	{ 0x043a, "k" },	/* к */
	{ 0x043b, "l" },	/* л */
	{ 0x043c, "m" },	/* м */
	{ 0x043d, "n" },	/* н */
	{ 0x043e, "o" },	/* о */
	{ 0x043f, "p" },	/* п */
	{ 0x0440, "r" },	/* р */
	{ 0x0441, "s" },	/* с */
	{ 0x0442, "t" },	/* т */
	{ 0x0443, "u" },	/* у */
	{ 0x0444, "f" },	/* ф */
	{ 0x0445, "kh" },	/* х */
	{ 0x0446, "ts" },	/* ц */
	{ 0x0447, "ch" },	/* ч */
	{ 0x0448, "sh" },	/* ш */
	{ 0x0449, "shch" },	/* щ */
	{ 0x044a, "ie" },	/* ъ */
	{ 0x044b, "y" },	/* ы */
	{ 0x044c, "" },		/* ь */
	{ 0x044d, "e" },	/* э */
	{ 0x044e, "iu" },	/* ю */
	{ 0x044f, "ia" },	/* я */
	{ 0x0451, "e" },	/* ё */
	{ 0x0452, "d" },	/* ђ */
	{ 0x0453, "g" },	/* ѓ */
	{ 0x0454, "ie" },	/* є */
	{ 0x0455, "dz" },	/* ѕ */
	{ 0x0456, "i" },	/* і */
	{ 0x0457, "i" },	/* ї */
	{ 0x0458, "j" },	/* ј */
	{ 0x0459, "lj" },	/* љ */
	{ 0x045a, "nj" },	/* њ */
	{ 0x045b, "c" },	/* ћ */
	{ 0x045c, "k" },	/* ќ */
	{ 0x045e, "u" },	/* ў */
	{ 0x045f, "dz" },	/* џ */
	{ 0x0491, "g" },	/* ґ */
	{ 0x0493, "g" },	/* ғ */
	{ 0x049b, "k" },	/* қ */
	{ 0x04a3, "n" },	/* ң */
	{ 0x04af, "u" },	/* ү */
	{ 0x04b1, "u" },	/* ұ */
	{ 0x04bb, "h" },	/* һ */
	{ 0x04d9, "a" },	/* ә */
	{ 0x04e9, "o" },	/* ө */
};

/*
 * Words that commands take as verbs (acct client add, acct todo done): a
 * client with one of them as its slug could not be named on the command
 * line. Sorted for bsearch().
 */
static const char *const reserved[] = {
	"add",
	"agenda",
	"all",
	"archive",
	"brief",
	"check",
	"client",
	"contact",
	"contacts",
	"done",
	"edit",
	"help",
	"history",
	"import",
	"init",
	"list",
	"log",
	"merge-card",
	"new",
	"nps",
	"remove",
	"rename",
	"reopen",
	"report",
	"rm",
	"set",
	"show",
	"sync",
	"timeline",
	"todo",
	"unarchive",
	"undo",
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The words made so far, and whether a separator came after the last. */
struct words {
	struct acct_buf *out;
	int sep;
};

static int cmp_translit(const void *key, const void *elem)
{
	int32_t cp = *(const int32_t *)key;
	const struct translit *t = elem;

	return (cp > t->cp) - (cp < t->cp);
}

static const char *lookup(int32_t cp)
{
	const struct translit *t;

	t = bsearch(&cp, translit, ARRAY_SIZE(translit), sizeof(*translit),
		    cmp_translit);
	return t ? t->ascii : NULL;
}

static void add_ascii(struct words *w, const char *ascii)
{
	if (!*ascii)
		return;
	if (w->sep && w->out->len)
		acct_buf_addch(w->out, '-');
	w->sep = 0;
	acct_buf_addstr(w->out, ascii);
}

static void add_char(struct words *w, int32_t cp, int decomposed)
{
	utf8proc_int32_t parts[32];
	utf8proc_ssize_t i, n;
	const char *ascii;
	char ch[2] = "";
	int boundclass = 0;

	cp = utf8proc_tolower(cp);
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
		ch[0] = (char)cp;
		add_ascii(w, ch);
		return;
	}
	if ((ascii = lookup(cp))) {
		add_ascii(w, ascii);
		return;
	}
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_CF:
		return;		/* accents and invisible characters */
	default:
		break;
	}
	/*
	 * A letter with accents becomes its base letter and the marks (é is
	 * e + U+0301), a compatibility form what it stands for (ﬁ is f i).
	 * The decomposition is complete, so one level is enough.
	 */
	if (!decomposed && cp >= 0x80) {
		n = utf8proc_decompose_char(cp, parts, ARRAY_SIZE(parts),
					    UTF8PROC_DECOMPOSE |
					    UTF8PROC_COMPAT, &boundclass);
		if (n > 0 && n <= (utf8proc_ssize_t)ARRAY_SIZE(parts) &&
		    (n > 1 || parts[0] != cp)) {
			for (i = 0; i < n; i++)
				add_char(w, parts[i], 1);
			return;
		}
	}
	w->sep = 1;
}

/*
 * Append the words of `s` to `out`, spelt in ASCII and joined by '-'. A
 * byte that is not UTF-8 separates words.
 */
static void add_words(struct acct_buf *out, const char *s, size_t len)
{
	struct words w = { out, 0 };
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t i = 0, left;

	while (i < len) {
		left = len - i > 4 ? 4 : len - i;	/* one character at most */
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)left, &cp);
		if (n <= 0) {
			w.sep = 1;
			i++;
			continue;
		}
		add_char(&w, cp, 0);
		i += (size_t)n;
	}
}

/* Keep whole words of `b` within `max` bytes, or cut the first one. */
static void cut_words(struct acct_buf *b, size_t max)
{
	size_t p;

	if (b->len <= max)
		return;
	for (p = max; p > 0; p--)
		if (b->buf[p] == '-') {
			acct_buf_setlen(b, p);
			return;
		}
	acct_buf_setlen(b, max);
}

/* The words of NFC `s`, or of `s` as it is if it is not UTF-8. */
static void words_of(struct acct_buf *out, const char *s)
{
	struct acct_buf nfc = ACCT_BUF_INIT;
	size_t len = s ? strlen(s) : 0;

	if (acct_text_nfc(&nfc, s, len, NULL) < 0)
		add_words(out, s, len);
	else
		add_words(out, nfc.buf, nfc.len);
	acct_buf_release(&nfc);
}

/*
 * `s` escaped for the terminal and shortened, to quote a user's value in a
 * message.
 */
static void quote(struct acct_buf *out, const char *s)
{
	const size_t max = 80;
	size_t cut = max - 3;

	acct_text_escape_terminal(out, s, strlen(s));
	if (out->len <= max)
		return;
	/* Not inside a character: the escaped text is valid UTF-8. */
	while (cut && ((unsigned char)out->buf[cut] & 0xc0) == 0x80)
		cut--;
	acct_buf_setlen(out, cut);
	acct_buf_addstr(out, "...");
}

int acct_slug_from_name(struct acct_buf *out, const char *name,
			struct acct_error *err)
{
	struct acct_buf slug = ACCT_BUF_INIT;
	int rc = 0;

	if (name && !acct_text_is_utf8(name, strlen(name))) {
		rc = acct_error_set(err, ACCT_EUSAGE, "name is not UTF-8 text");
		goto out;
	}
	words_of(&slug, name);
	cut_words(&slug, ACCT_SLUG_MAX);
	if (!slug.len)
		rc = acct_error_set(err, ACCT_EUSAGE,
				    "cannot make a slug from this name; give one with --slug");
	else if (acct_slug_is_reserved(slug.buf))
		rc = acct_error_set(err, ACCT_EUSAGE,
				    "slug '%s' is a word acct uses as a command; give another with --slug",
				    slug.buf);
	else
		acct_buf_add(out, slug.buf, slug.len);
out:
	acct_buf_release(&slug);
	return rc;
}

int acct_slug_check(const char *slug, struct acct_error *err)
{
	struct acct_buf q = ACCT_BUF_INIT;
	size_t len;
	int rc = 0;

	if (!slug || !*slug)
		return acct_error_set(err, ACCT_EUSAGE,
				      "the slug is empty: use lowercase letters a-z, digits and '-'");
	len = strlen(slug);
	quote(&q, slug);
	if (strspn(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") != len)
		rc = acct_error_set(err, ACCT_EUSAGE,
				    "invalid slug '%s': use lowercase letters a-z, digits and '-'",
				    q.buf);
	else if (slug[0] == '-' || slug[len - 1] == '-')
		rc = acct_error_set(err, ACCT_EUSAGE,
				    "invalid slug '%s': it must not start or end with '-'",
				    q.buf);
	else if (len > ACCT_SLUG_MAX)
		rc = acct_error_set(err, ACCT_EUSAGE,
				    "invalid slug '%s': it is %zu bytes long, more than %d",
				    q.buf, len, ACCT_SLUG_MAX);
	else if (acct_slug_is_reserved(slug))
		rc = acct_error_set(err, ACCT_EUSAGE,
				    "slug '%s' is a word acct uses as a command; choose another",
				    q.buf);
	acct_buf_release(&q);
	return rc;
}

static int cmp_word(const void *key, const void *elem)
{
	const char *const *word = elem;

	return strcmp(key, *word);
}

int acct_slug_is_reserved(const char *word)
{
	if (!word)
		return 0;
	return bsearch(word, reserved, ARRAY_SIZE(reserved),
		       sizeof(*reserved), cmp_word) != NULL;
}

void acct_slug_words(struct acct_buf *out, const char *text,
		     size_t max_words, size_t max_bytes)
{
	struct acct_buf words = ACCT_BUF_INIT;
	size_t i, n = 0;

	if (!max_words || !max_bytes)
		return;
	words_of(&words, text);
	for (i = 0; i < words.len; i++)
		if (words.buf[i] == '-' && ++n == max_words) {
			acct_buf_setlen(&words, i);
			break;
		}
	cut_words(&words, max_bytes);
	acct_buf_add(out, words.buf, words.len);
	acct_buf_release(&words);
}
