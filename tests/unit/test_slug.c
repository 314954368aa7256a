#include "acct/slug.h"

#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "harness.h"
#include "acct/banned.h"

#define CHECK_SLUG(name, want) do { \
	struct acct_buf b_ = ACCT_BUF_INIT; \
	struct acct_error e_ = ACCT_ERROR_INIT; \
	int rc_ = acct_slug_from_name(&b_, (name), &e_); \
	CHECK_MSG(!rc_ && !strcmp(b_.buf, (want)), \
		  "slug(%s) == %d \"%s\" (%s), want \"%s\"", #name, rc_, \
		  b_.buf, e_.msg, (want)); \
	acct_buf_release(&b_); \
} while (0)

#define CHECK_NO_SLUG(name, want) do { \
	struct acct_buf b_ = ACCT_BUF_INIT; \
	struct acct_error e_ = ACCT_ERROR_INIT; \
	int rc_ = acct_slug_from_name(&b_, (name), &e_); \
	CHECK_MSG(rc_ == ACCT_EUSAGE && e_.code == ACCT_EUSAGE && \
		  !b_.len && !strcmp(e_.msg, (want)), \
		  "slug(%s) == %d \"%s\" (%s), want error \"%s\"", #name, \
		  rc_, b_.buf, e_.msg, (want)); \
	acct_buf_release(&b_); \
} while (0)

/* Two names with the same slug. */
#define CHECK_SAME_SLUG(a, b) do { \
	struct acct_buf x_ = ACCT_BUF_INIT, y_ = ACCT_BUF_INIT; \
	int ra_ = acct_slug_from_name(&x_, (a), NULL); \
	int rb_ = acct_slug_from_name(&y_, (b), NULL); \
	CHECK_MSG(!ra_ && !rb_ && x_.len && !strcmp(x_.buf, y_.buf), \
		  "slug(%s) == \"%s\", slug(%s) == \"%s\"", #a, x_.buf, \
		  #b, y_.buf); \
	acct_buf_release(&x_); \
	acct_buf_release(&y_); \
} while (0)

#define CHECK_OK(slug) do { \
	struct acct_error e_ = ACCT_ERROR_INIT; \
	int rc_ = acct_slug_check((slug), &e_); \
	CHECK_MSG(!rc_, "check(%s) == %d (%s), want 0", #slug, rc_, e_.msg); \
} while (0)

#define CHECK_BAD(slug, want) do { \
	struct acct_error e_ = ACCT_ERROR_INIT; \
	int rc_ = acct_slug_check((slug), &e_); \
	CHECK_MSG(rc_ == ACCT_EUSAGE && !strcmp(e_.msg, (want)), \
		  "check(%s) == %d \"%s\", want \"%s\"", #slug, rc_, \
		  e_.msg, (want)); \
} while (0)

#define CHECK_WORDS(text, words, bytes, want) do { \
	struct acct_buf b_ = ACCT_BUF_INIT; \
	acct_slug_words(&b_, (text), (words), (bytes)); \
	CHECK_MSG(!strcmp(b_.buf, (want)), "words(%s, %d, %d) == \"%s\", " \
		  "want \"%s\"", #text, (words), (bytes), b_.buf, (want)); \
	acct_buf_release(&b_); \
} while (0)

static const char *const no_slug =
	"cannot make a slug from this name; give one with --slug";

static void test_slug__example(void)
{
	CHECK_SLUG("ООО «Ромашка»", "ooo-romashka");
	CHECK_SLUG("Acme", "acme");
	CHECK_SLUG("Acme Corp.", "acme-corp");
}

static void test_slug__cyrillic(void)
{
	CHECK_SLUG("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
		   "abvgdeezhziiklmnoprstufkhtschshshchieyeiuia");
	CHECK_SLUG("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
		   "abvgdeezhziiklmnoprstufkhtschshshchieyeiuia");
	CHECK_SLUG("Щукин и сыновья", "shchukin-i-synovia");
	CHECK_SLUG("Объединённая Ёлка", "obieedinennaia-elka");
	CHECK_SLUG("Царь Юрий Жуков", "tsar-iurii-zhukov");
	CHECK_SLUG("ЭЛЬДОРАДО", "eldorado");
	CHECK_SLUG("Пятёрочка", "piaterochka");
	CHECK_SLUG("Хлебозавод Чебоксары", "khlebozavod-cheboksary");
	/* ь gives nothing and does not split a word. */
	CHECK_SLUG("Ильич", "ilich");
}

static void test_slug__ukrainian(void)
{
	CHECK_SLUG("Київ", "kiiv");
	CHECK_SLUG("Ґалаґан Євгенія", "galagan-ievgeniia");
	CHECK_SLUG("Їжак і Ґуля", "izhak-i-gulia");
	CHECK_SLUG("ЄҐІЇ", "iegii");
}

static void test_slug__kazakh(void)
{
	CHECK_SLUG("Қазақстан", "kazakstan");
	CHECK_SLUG("Өскемен", "oskemen");
	CHECK_SLUG("Ұлттық банк", "ulttyk-bank");
	CHECK_SLUG("Әлеуметтік", "aleumettik");
	CHECK_SLUG("Ғылым және Үкімет", "gylym-zhane-ukimet");
	CHECK_SLUG("ӘҒҚҢӨҰҮҺІ", "agknouuhi");
	CHECK_SLUG("әғқңөұүһі", "agknouuhi");
}

static void test_slug__other_cyrillic(void)
{
	CHECK_SLUG("Ђорђе Љубичић", "dorde-ljubichic");
	CHECK_SLUG("Џамија Њуйорк", "dzamija-njuiork");
	CHECK_SLUG("Ѓорѓи Ќосе Ѕвезда", "gorgi-kose-dzvezda");
	CHECK_SLUG("Ўсход", "uskhod");
	/* Not in the table: the base letter. */
	CHECK_SLUG("\xd3\xa3", "i");	/* ӣ */
}

static void test_slug__nfd(void)
{
	/* И + U+0306 is Й. */
	CHECK_SLUG("\xd0\x98\xcc\x86", "i");
	CHECK_SAME_SLUG("\xd0\x98\xcc\x86" "ошкар-Ола", "Йошкар-Ола");
	CHECK_SLUG("\xd0\x98\xcc\x86" "ошкар-Ола", "ioshkar-ola");
	/* Е + U+0308 is Ё, і + U+0308 is ї. */
	CHECK_SAME_SLUG("\xd0\x95\xcc\x88" "лка", "Ёлка");
	CHECK_SAME_SLUG("\xd1\x96\xcc\x88" "жак", "їжак");
	CHECK_SAME_SLUG("Cafe\xcc\x81 Mu\xcc\x88ller", "Café Müller");
	CHECK_SAME_SLUG("\xc5\x81o\xcc\x81" "dz\xcc\x81", "Łódź");
}

static void test_slug__accents(void)
{
	CHECK_SLUG("Café Müller", "cafe-muller");
	CHECK_SLUG("Ærø", "aero");
	CHECK_SLUG("Łódź", "lodz");
	CHECK_SLUG("Straße", "strasse");
	CHECK_SLUG("STRAẞE", "strasse");
	CHECK_SLUG("Œuvre", "oeuvre");
	CHECK_SLUG("Þór Ðorðsson", "thor-dordsson");
	CHECK_SLUG("Đorđe", "dorde");
	CHECK_SLUG("Øresund", "oresund");
	CHECK_SLUG("Ångström", "angstrom");
	CHECK_SLUG("İstanbul Iğdır", "istanbul-igdir");
	CHECK_SLUG("Crème Brûlée", "creme-brulee");
	CHECK_SLUG("Señor Nuñez", "senor-nunez");
	CHECK_SLUG("Ǽ", "ae");
	/* Compatibility forms. */
	CHECK_SLUG("\xef\xac\x81ne", "fine");		/* ﬁ */
	CHECK_SLUG("\xef\xbc\xa1\xef\xbd\x83\xef\xbd\x8d\xef\xbd\x85", "acme");
	CHECK_SLUG("m²", "m2");
}

static void test_slug__no_slug(void)
{
	CHECK_NO_SLUG("", no_slug);
	CHECK_NO_SLUG(NULL, no_slug);
	CHECK_NO_SLUG("🙂", no_slug);
	CHECK_NO_SLUG("🙂🚀 🎉", no_slug);
	CHECK_NO_SLUG("👩‍👩‍👧‍👦", no_slug);
	CHECK_NO_SLUG("  -- «» !!! ", no_slug);
	CHECK_NO_SLUG("漢字", no_slug);
	CHECK_NO_SLUG("ьЬ", no_slug);
	CHECK_NO_SLUG("\xcc\x81", no_slug);	/* a lone combining mark */
}

static void test_slug__mixed(void)
{
	CHECK_SLUG("Acme 🚀 Rockets", "acme-rockets");
	CHECK_SLUG("🚀Acme🚀", "acme");
	CHECK_SLUG("Ro🙂ck", "ro-ck");
	CHECK_SLUG("ООО «Ромашка» & Co.", "ooo-romashka-co");
	CHECK_SLUG("Бюро Smith & Сыновья 2024", "biuro-smith-synovia-2024");
	CHECK_SLUG("北京 Beijing 2008", "beijing-2008");
	CHECK_SLUG("Agency 42", "agency-42");
	CHECK_SLUG("3M", "3m");
	CHECK_SLUG("Ромашка-2", "romashka-2");
}

static void test_slug__separators(void)
{
	CHECK_SLUG("  --Acme,,,  Inc!!  ", "acme-inc");
	CHECK_SLUG("a\xe2\x80\x94" "b\xe2\x80\x93" "c", "a-b-c");	/* dashes */
	CHECK_SLUG("O'Brien \"quoted\" `x`", "o-brien-quoted-x");
	CHECK_SLUG("Acme\n\tInc", "acme-inc");
	CHECK_SLUG("a/b\\c..d", "a-b-c-d");
	CHECK_SLUG("a_b.c@d+e", "a-b-c-d-e");
	CHECK_SLUG("a\xc2\xa0" "b", "a-b");		/* no-break space */
	CHECK_SLUG("-a-", "a");
	CHECK_SLUG("a - - b", "a-b");
	/* Invisible characters join. */
	CHECK_SLUG("Ро\xc2\xad" "машка", "romashka");	/* soft hyphen */
	CHECK_SLUG("a\xe2\x80\x8d" "b", "ab");		/* zero-width joiner */
}

static void test_slug__long(void)
{
	struct acct_buf name = ACCT_BUF_INIT, b = ACCT_BUF_INIT;
	int i;

	/* Ten words of nine letters: 99 bytes, cut after the sixth. */
	for (i = 0; i < 10; i++)
		acct_buf_addstr(&name, i ? " abcdefghi" : "abcdefghi");
	CHECK_INT(acct_slug_from_name(&b, name.buf, NULL), 0);
	CHECK_STR(b.buf, "abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi");
	CHECK_INT(b.len, 59);

	/* Exactly 64 bytes stays whole; a word after it goes. */
	acct_buf_reset(&name);
	acct_buf_reset(&b);
	for (i = 0; i < 31; i++)
		acct_buf_addch(&name, 'a');
	acct_buf_addch(&name, ' ');
	for (i = 0; i < 32; i++)
		acct_buf_addch(&name, 'b');
	CHECK_INT(acct_slug_from_name(&b, name.buf, NULL), 0);
	CHECK_INT(b.len, 64);
	acct_buf_addstr(&name, " c");
	acct_buf_reset(&b);
	CHECK_INT(acct_slug_from_name(&b, name.buf, NULL), 0);
	CHECK_INT(b.len, 64);
	CHECK(b.buf[63] == 'b');

	/* One word of 100 letters is cut at 64. */
	acct_buf_reset(&name);
	acct_buf_reset(&b);
	for (i = 0; i < 100; i++)
		acct_buf_addch(&name, 'x');
	CHECK_INT(acct_slug_from_name(&b, name.buf, NULL), 0);
	CHECK_INT(b.len, 64);
	CHECK_INT(strspn(b.buf, "x"), 64);

	/* A long first word is cut even when more words follow. */
	acct_buf_addstr(&name, " short words");
	acct_buf_reset(&b);
	CHECK_INT(acct_slug_from_name(&b, name.buf, NULL), 0);
	CHECK_INT(b.len, 64);
	CHECK_INT(strspn(b.buf, "x"), 64);

	/* Transliterated letters count in ASCII bytes: 20 Щ are 80 bytes. */
	acct_buf_reset(&name);
	acct_buf_reset(&b);
	for (i = 0; i < 20; i++)
		acct_buf_addstr(&name, "Щ");
	CHECK_INT(acct_slug_from_name(&b, name.buf, NULL), 0);
	CHECK_STR(b.buf, "shchshchshchshchshchshchshchshchshchshchshchshchshchshchshchshch");

	/* A cut never leaves a '-' at the end. */
	acct_buf_reset(&name);
	acct_buf_reset(&b);
	for (i = 0; i < 40; i++)
		acct_buf_addstr(&name, "Я ");
	CHECK_INT(acct_slug_from_name(&b, name.buf, NULL), 0);
	CHECK(b.len <= ACCT_SLUG_MAX && b.len > 60);
	CHECK(b.buf[b.len - 1] != '-');
	CHECK_INT(acct_slug_check(b.buf, NULL), 0);

	acct_buf_release(&name);
	acct_buf_release(&b);
}

static void test_slug__reserved(void)
{
	static const char *const words[] = {
		"add", "agenda", "all", "archive", "brief", "check", "client",
		"contact", "contacts", "done", "edit", "help", "history",
		"import", "init", "list", "log", "merge-card", "new", "nps",
		"remove", "rename", "report", "rm", "set", "show", "sync",
		"timeline", "todo", "unarchive", "undo",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(*words); i++)
		CHECK_MSG(acct_slug_is_reserved(words[i]), "'%s' reserved",
			  words[i]);
	CHECK(!acct_slug_is_reserved("adds"));
	CHECK(!acct_slug_is_reserved("ad"));
	CHECK(!acct_slug_is_reserved("merge"));
	CHECK(!acct_slug_is_reserved("acme"));
	CHECK(!acct_slug_is_reserved("Add"));
	CHECK(!acct_slug_is_reserved("zzz"));
	CHECK(!acct_slug_is_reserved("a"));
	CHECK(!acct_slug_is_reserved(""));
	CHECK(!acct_slug_is_reserved(NULL));

	CHECK_NO_SLUG("Add", "slug 'add' is a word acct uses as a command; give another with --slug");
	CHECK_NO_SLUG("«Help!»", "slug 'help' is a word acct uses as a command; give another with --slug");
	CHECK_NO_SLUG("Merge Card", "slug 'merge-card' is a word acct uses as a command; give another with --slug");
	CHECK_NO_SLUG("Лог", "slug 'log' is a word acct uses as a command; give another with --slug");
	CHECK_SLUG("Add 1", "add-1");
	CHECK_SLUG("Helping Hand", "helping-hand");
	CHECK_SLUG("All Stars", "all-stars");
}

static void test_slug__not_utf8(void)
{
	const char *msg = "name is not UTF-8 text";

	CHECK_NO_SLUG("Acme\xff", msg);
	CHECK_NO_SLUG("\xc0\xaf" "etc", msg);
	CHECK_NO_SLUG("\xed\xa0\x80", msg);
	CHECK_NO_SLUG("Ром\xd0", msg);
	CHECK_NO_SLUG("\x80", msg);
}

static void test_slug__appends(void)
{
	struct acct_buf b = ACCT_BUF_INIT;

	acct_buf_addstr(&b, "clients/");
	CHECK_INT(acct_slug_from_name(&b, "Acme", NULL), 0);
	CHECK_STR(b.buf, "clients/acme");
	CHECK_INT(acct_slug_from_name(&b, "🙂", NULL), ACCT_EUSAGE);
	CHECK_STR(b.buf, "clients/acme");
	acct_buf_release(&b);
}

static void test_slug__check_ok(void)
{
	CHECK_OK("acme");
	CHECK_OK("ooo-romashka");
	CHECK_OK("a");
	CHECK_OK("0");
	CHECK_OK("2024");
	CHECK_OK("3m");
	CHECK_OK("a--b");
	CHECK_OK("add-1");
	CHECK_OK("adds");
	CHECK_OK("abcdefghijklmnopqrstuvwxyz-0123456789");
	CHECK_OK("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	CHECK_INT(acct_slug_check("acme", NULL), 0);
}

static void test_slug__check_bad(void)
{
	const char *chars = "use lowercase letters a-z, digits and '-'";
	struct acct_error err = ACCT_ERROR_INIT;
	char big[201];
	int i;

	CHECK_BAD("", "the slug is empty: use lowercase letters a-z, digits and '-'");
	CHECK_BAD(NULL, "the slug is empty: use lowercase letters a-z, digits and '-'");
	CHECK_BAD("Foo", "invalid slug 'Foo': use lowercase letters a-z, digits and '-'");
	CHECK_BAD("foo bar", "invalid slug 'foo bar': use lowercase letters a-z, digits and '-'");
	CHECK_BAD("foo/bar", "invalid slug 'foo/bar': use lowercase letters a-z, digits and '-'");
	CHECK_BAD("..", "invalid slug '..': use lowercase letters a-z, digits and '-'");
	CHECK_BAD(".acme", "invalid slug '.acme': use lowercase letters a-z, digits and '-'");
	CHECK_BAD("a_b", "invalid slug 'a_b': use lowercase letters a-z, digits and '-'");
	CHECK_BAD("café", "invalid slug 'café': use lowercase letters a-z, digits and '-'");
	CHECK_BAD("ромашка", "invalid slug 'ромашка': use lowercase letters a-z, digits and '-'");
	CHECK_BAD("-acme", "invalid slug '-acme': it must not start or end with '-'");
	CHECK_BAD("acme-", "invalid slug 'acme-': it must not start or end with '-'");
	CHECK_BAD("-", "invalid slug '-': it must not start or end with '-'");
	CHECK_BAD("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		  "invalid slug 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx': it is 65 bytes long, more than 64");
	CHECK_BAD("add", "slug 'add' is a word acct uses as a command; choose another");
	CHECK_BAD("merge-card", "slug 'merge-card' is a word acct uses as a command; choose another");

	/* What the user typed is quoted safely and not at any length. */
	CHECK_BAD("a\x1b[31m", "invalid slug 'a\\x1b[31m': use lowercase letters a-z, digits and '-'");
	CHECK_BAD("a\xff", "invalid slug 'a\\xff': use lowercase letters a-z, digits and '-'");
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK_INT(acct_slug_check(big, &err), ACCT_EUSAGE);
	CHECK(strlen(err.msg) < 160);
	CHECK(strstr(err.msg, "AAA...': ") != NULL);
	CHECK(strstr(err.msg, chars) != NULL);
	/* A long quote is not cut inside a character. */
	memset(big, 'A', sizeof(big) - 1);
	for (i = 0; i < 100; i += 2)
		memcpy(big + 1 + i, "Я", 2);
	CHECK_INT(acct_slug_check(big, &err), ACCT_EUSAGE);
	CHECK(strstr(err.msg, "Я...': ") != NULL);
}

static void test_slug__words(void)
{
	struct acct_buf b = ACCT_BUF_INIT;

	CHECK_WORDS("Agreed the Q4 budget", 4, 40, "agreed-the-q4-budget");
	CHECK_WORDS("Agreed the Q4 budget", 10, 40, "agreed-the-q4-budget");
	CHECK_WORDS("Agreed the Q4 budget", 2, 40, "agreed-the");
	CHECK_WORDS("Agreed the Q4 budget", 1, 40, "agreed");
	CHECK_WORDS("Agreed the Q4 budget", 4, 10, "agreed-the");
	CHECK_WORDS("Agreed the Q4 budget", 4, 9, "agreed");
	CHECK_WORDS("Agreed the Q4 budget", 4, 3, "agr");
	CHECK_WORDS("  Agreed,  the   Q4!! ", 3, 40, "agreed-the-q4");
	CHECK_WORDS("Обсудили бюджет на Q4", 3, 40, "obsudili-biudzhet-na");
	CHECK_WORDS("\xd0\x98\xcc\x86" "ога", 4, 40, "ioga");
	CHECK_WORDS("Café Müller called", 4, 40, "cafe-muller-called");
	CHECK_WORDS("add", 4, 40, "add");	/* no reserved words here */
	CHECK_WORDS("🙂 !!!", 4, 40, "");
	CHECK_WORDS("", 4, 40, "");
	CHECK_WORDS(NULL, 4, 40, "");
	CHECK_WORDS("Agreed", 0, 40, "");
	CHECK_WORDS("Agreed", 4, 0, "");
	CHECK_WORDS("caf\xff bar", 4, 40, "caf-bar");	/* no crash */
	CHECK_WORDS("a\xff" "b", 4, 40, "a-b");

	acct_buf_addstr(&b, "2026-11-22T1430-");
	acct_slug_words(&b, "Agreed the Q4 budget", 3, 40);
	CHECK_STR(b.buf, "2026-11-22T1430-agreed-the-q4");
	acct_buf_reset(&b);
	acct_buf_addstr(&b, "kept");
	acct_slug_words(&b, "🙂", 3, 40);
	CHECK_STR(b.buf, "kept");
	acct_buf_release(&b);
}

int main(void)
{
	test_slug__example();
	test_slug__cyrillic();
	test_slug__ukrainian();
	test_slug__kazakh();
	test_slug__other_cyrillic();
	test_slug__nfd();
	test_slug__accents();
	test_slug__no_slug();
	test_slug__mixed();
	test_slug__separators();
	test_slug__long();
	test_slug__reserved();
	test_slug__not_utf8();
	test_slug__appends();
	test_slug__check_ok();
	test_slug__check_bad();
	test_slug__words();
	return test_report("slug");
}
