/*
 * The sections a brief knows: their keys in the template's order, their
 * headings in the built-in templates (English and Russian), and the other
 * headings that name them, compared case folded (Unicode, NFC, dashes and
 * white space lumped). Parsing is lib/brief_parse.c.
 */
#include "acct/brief.h"
#include "brief_int.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "acct/buf.h"
#include "acct/banned.h"

/* Keys, in the template's order; `known` below follows it line by line. */
const char *const acct_brief_keys[] = {
	"brand", "category", "audience", "competitors", "advantages", "why",
	"business-goals", "marketing-goals", "project-goals", "kpi", "budget",
	"deadlines", "materials", NULL,
};

#define NKEYS (sizeof(acct_brief_keys) / sizeof(*acct_brief_keys) - 1)

/*
 * The headings of each section in the built-in templates, and the other
 * headings that name it, already folded (see fold_heading()).
 */
static const struct known {
	const char *en, *ru;
	const char *const aliases[8];
} known[NKEYS] = {
	{ "Brand and positioning", "Бренд и позиционирование",
	  { "brand and positioning", "brand & positioning", "brand",
	    "positioning", "бренд и позиционирование", "бренд",
	    "позиционирование", NULL } },
	{ "Category", "Категория",
	  { "category", "product category", "категория",
	    "категория продукта", NULL } },
	{ "Audience", "Целевая аудитория",
	  { "audience", "target audience", "аудитория", "целевая аудитория",
	    NULL } },
	{ "Competitors", "Конкуренты",
	  { "competitors", "конкуренты", NULL } },
	{ "Key advantages", "Ключевые преимущества",
	  { "key advantages", "advantages", "ключевые преимущества",
	    "преимущества", NULL } },
	{ "Why the project exists", "Зачем нужен проект",
	  { "why the project exists", "why", "зачем нужен проект",
	    "зачем проект", "зачем", NULL } },
	{ "Business goals", "Бизнес-цели",
	  { "business goals", "бизнес цели", NULL } },
	{ "Marketing goals", "Маркетинговые цели",
	  { "marketing goals", "маркетинговые цели", NULL } },
	{ "Project goals", "Цели проекта",
	  { "project goals", "цели проекта", NULL } },
	{ "KPIs", "KPI",
	  { "kpis", "kpi", "kpi's", "ключевые показатели", NULL } },
	{ "Budget", "Бюджет",
	  { "budget", "бюджет", NULL } },
	{ "Deadlines", "Сроки",
	  { "deadlines", "timeline", "schedule", "сроки", "дедлайны", NULL } },
	{ "Materials and accesses", "Материалы и доступы",
	  { "materials and accesses", "materials and access",
	    "materials & accesses", "materials & access", "materials",
	    "материалы и доступы", "материалы", NULL } },
};

/*
 * `len` bytes of UTF-8 folded for comparing headings: case folded in NFC,
 * look-alike dashes and spaces lumped, '-', '_' and runs of white space as
 * one space, no space, ':' or '.' at either end. NULL if not UTF-8.
 */
static char *fold_heading(const char *s, size_t len)
{
	struct acct_buf b = ACCT_BUF_INIT;
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t n, i;
	int space = 0;

	if (!len)
		return acct_strdup("");
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &f,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
			 UTF8PROC_LUMP);
	if (n < 0)
		return NULL;
	for (i = 0; i < n; i++) {
		int c = f[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '-' || c == '_') {
			space = 1;
			continue;
		}
		if (space && b.len)
			acct_buf_addch(&b, ' ');
		space = 0;
		acct_buf_addch(&b, c);
	}
	free(f);
	while (b.len && strchr(" :.", b.buf[b.len - 1]))
		acct_buf_setlen(&b, b.len - 1);
	return acct_buf_detach(&b, NULL);
}

/* A folded name is the key itself: "business goals" for "business-goals". */
static int key_matches(const char *folded, const char *key)
{
	for (; *folded && *key; folded++, key++)
		if (*folded != (*key == '-' ? ' ' : *key))
			return 0;
	return !*folded && !*key;
}

int brief_name_index(const char *name, size_t len)
{
	char *f = fold_heading(name, len);
	size_t i, j;
	int found = -1;

	if (!f)
		return -1;
	for (i = 0; i < NKEYS && found < 0; i++) {
		if (key_matches(f, acct_brief_keys[i]))
			found = (int)i;
		for (j = 0; found < 0 && known[i].aliases[j]; j++)
			if (!strcmp(known[i].aliases[j], f))
				found = (int)i;
	}
	free(f);
	return found;
}

const char *acct_brief_key(const char *name)
{
	int i = brief_name_index(name, strlen(name));

	return i < 0 ? NULL : acct_brief_keys[i];
}

int brief_key_index(const char *key)
{
	size_t i;

	for (i = 0; key && i < NKEYS; i++)
		if (!strcmp(acct_brief_keys[i], key))
			return (int)i;
	return -1;
}

const char *acct_brief_title(const char *key, const char *locale)
{
	int i = brief_key_index(key);

	if (i < 0)
		return NULL;
	return locale && !strcmp(locale, "ru") ? known[i].ru : known[i].en;
}
