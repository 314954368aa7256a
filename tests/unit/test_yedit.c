/*
 * The in-place editor (lib/yedit.c) on a corpus of cards: each card in
 * tests/fixtures/yedit/<name>.yaml gets operations, and the result is
 * compared byte for byte with <name>.<n>.expected. Refusals must leave the
 * output buffer untouched. Then a round trip of a few hundred odd values
 * set on a block key and on flow keys: the file must load back with
 * exactly the value set, and every other byte must be the input's.
 *
 * YEDIT_GOT=dir writes what the editor produced for a case that differs
 * from its expected file to dir/<name>.<n> (for reviewing a change).
 */
#include "acct/yedit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/client.h"
#include "acct/error.h"
#include "acct/yaml.h"
#include "harness.h"

#include "acct/banned.h"

#define FIXTURES "tests/fixtures/yedit/"
#define SENTINEL "untouched\n"
#define FLEX 1		/* either the expected file or a clean refusal */

enum mk { MK_SET, MK_UNSET, MK_LIST, MK_RAW };

struct ycase {
	const char *file;	/* FIXTURES<file>.yaml */
	int n;			/* FIXTURES<file>.<n>.expected */
	enum mk mk;
	const char *key, *value;
	int add;		/* MK_LIST: 1 add, 0 remove */
	enum acct_yedit_kind kind;	/* MK_RAW: the raw operation */
	unsigned quote;
	int raw;
	size_t index;
	int want;		/* 0, ACCT_EDATA, ACCT_ENOTFOUND or FLEX */
};

/* acct_client_set_op / unset_op / list_op, or a raw acct_yedit_op. */
#define SET(f, n, k, v, w) { f, n, MK_SET, k, v, 0, ACCT_YEDIT_SET, 0, 0, 0, w }
#define UNSET(f, n, k, w) { f, n, MK_UNSET, k, NULL, 0, ACCT_YEDIT_UNSET, 0, 0, 0, w }
#define LIST(f, n, k, v, add, w) { f, n, MK_LIST, k, v, add, ACCT_YEDIT_APPEND, 0, 0, 0, w }
#define RAW(f, n, kind, k, v, q, raw, idx, w) \
	{ f, n, MK_RAW, k, v, 0, kind, q, raw, idx, w }

static const struct ycase cases[] = {
	/* Block style, comments, blank lines, null, quoted values: block.yaml */
	SET("block", 1, "status", "paused", 0),
	SET("block", 2, "name", "Acme Robotics, Inc.", 0),
	SET("block", 3, "email", "sales@acme.example", 0),
	SET("block", 4, "phone", "+7 999 123-45-67", 0),
	SET("block", 5, "cadence.contact", "3wd", 0),
	SET("block", 6, "cadence.nps", "90d", 0),
	SET("block", 7, "budget.period", "month", 0),
	SET("block", 8, "timezone", "Europe/Moscow", 0),
	SET("block", 9, "archived", "2026-01-01", 0),
	UNSET("block", 10, "status", 0),
	UNSET("block", 11, "cadence.call", 0),
	UNSET("block", 12, "services", 0),
	UNSET("block", 13, "cadence", 0),
	LIST("block", 14, "services", "ppc", 1, 0),
	LIST("block", 15, "services", "context", 0, 0),
	LIST("block", 16, "tags", "new", 1, 0),
	LIST("block", 17, "tags", "robots", 0, 0),
	UNSET("block", 18, "budget.currency", 0),
	SET("block", 19, "telegram", "@acme_new", 0),
	UNSET("block", 20, "x-note", 0),
	SET("block", 21, "since", "2026-01-01", 0),
	UNSET("block", 22, "phone", 0),
	SET("block", 23, "fee.amount", "5000", 0),
	LIST("block", 24, "services", "seo", 0, 0),
	SET("block", 25, "x-note", "changed", 0),
	SET("block", 26, "style", "informal", 0),
	RAW("block", 27, ACCT_YEDIT_SET, "x-note", "", 0, 0, 0, 0),
	SET("block", 28, "cadence.report", "monthly", 0),
	RAW("block", 29, ACCT_YEDIT_SET, "cadence", "x", 0, 0, 0, ACCT_EDATA),
	RAW("block", 30, ACCT_YEDIT_SET, "services", "x", 0, 0, 0, ACCT_EDATA),
	RAW("block", 31, ACCT_YEDIT_SET, "tags", "x", 0, 0, 0, ACCT_EDATA),
	RAW("block", 32, ACCT_YEDIT_SET, "budget", "x", 0, 0, 0, ACCT_EDATA),
	RAW("block", 33, ACCT_YEDIT_SET, "status.x", "y", 0, 0, 0, ACCT_EDATA),
	RAW("block", 34, ACCT_YEDIT_APPEND, "status", "x", 0, 0, 0, ACCT_EDATA),
	RAW("block", 35, ACCT_YEDIT_DELETE, "services", "", 0, 0, 5, ACCT_ENOTFOUND),
	UNSET("block", 36, "cadence.nps", ACCT_ENOTFOUND),
	RAW("block", 37, ACCT_YEDIT_UNSET, "manager.x", "", 0, 0, 0, ACCT_EDATA),

	/* A card as acct writes it: flow budget, flow lists, Cyrillic: demo.yaml */
	SET("demo", 1, "budget.amount", "200000", 0),
	SET("demo", 2, "budget.period", "quarter", 0),
	UNSET("demo", 3, "budget.amount", 0),
	UNSET("demo", 4, "budget.currency", 0),
	UNSET("demo", 5, "budget.period", 0),
	UNSET("demo", 6, "fee.floating", 0),
	SET("demo", 7, "fee.amount", "5000", 0),
	SET("demo", 8, "fee.currency", "RUB", 0),
	LIST("demo", 9, "services", "ppc", 1, 0),
	LIST("demo", 10, "services", "seo", 0, 0),
	LIST("demo", 11, "tags", "key", 0, 0),
	SET("demo", 12, "name", "ООО «Ромашка-2»", 0),
	SET("demo", 13, "status", "paused", 0),
	SET("demo", 14, "telegram", "@romashka", 0),
	SET("demo", 15, "cadence.contact", "7d", 0),
	SET("demo", 16, "fee.floating", "40", 0),
	SET("demo", 17, "budget.currency", "EUR", 0),

	/* Flow mappings and lists inside a block card: flow.yaml */
	LIST("flow", 1, "services", "smm", 0, 0),
	LIST("flow", 2, "services", "ppc", 0, 0),
	LIST("flow", 3, "tags", "x", 1, 0),
	SET("flow", 4, "budget.currency", "RUB", 0),
	SET("flow", 5, "fee.amount", "5", 0),
	SET("flow", 6, "cadence.call", "14d", 0),
	SET("flow", 7, "cadence.contact", "3d", 0),
	UNSET("flow", 8, "cadence.contact", 0),
	UNSET("flow", 9, "cadence.report", 0),
	LIST("flow", 10, "goals.kpi", "sales", 1, 0),
	LIST("flow", 11, "goals.kpi", "leads", 0, 0),
	SET("flow", 12, "goals.marketing", "brand", 0),
	UNSET("flow", 13, "goals.kpi", 0),
	SET("flow", 14, "goals.project", "site: new", 0),
	SET("flow", 15, "status", "active", 0),
	UNSET("flow", 16, "services", 0),
	LIST("flow", 17, "services", "seo", 0, 0),

	/* The whole card one flow mapping: flowdoc.yaml */
	SET("flowdoc", 1, "status", "active", 0),
	SET("flowdoc", 2, "since", "2026-01-01", 0),
	LIST("flowdoc", 3, "tags", "b", 1, 0),
	UNSET("flowdoc", 4, "tags", 0),
	SET("flowdoc", 5, "budget.currency", "RUB", 0),
	SET("flowdoc", 6, "archived", "2026-01-01", 0),
	LIST("flowdoc", 7, "services", "seo", 1, 0),
	SET("flowdoc", 8, "name", "Doc, Inc.", 0),
	UNSET("flowdoc", 9, "budget", 0),

	/* A flow mapping laid out one pair per line: flowmulti.yaml */
	SET("flowmulti", 1, "status", "active", 0),
	SET("flowmulti", 2, "name", "New Name", 0),
	/* a new pair on its own line, like the others */
	SET("flowmulti", 3, "since", "2026-01-01", 0),
	/* the comment after 'name' stays */
	UNSET("flowmulti", 4, "status", 0),
	LIST("flowmulti", 5, "services", "smm", 1, 0),
	UNSET("flowmulti", 6, "tags", 0),

	/* contacts: block list of block maps: contacts_block.yaml */
	RAW("contacts_block", 1, ACCT_YEDIT_SET, "contacts.0.primary", "true", ACCT_YQ_TYPED, 0, 0, 0),
	UNSET("contacts_block", 2, "contacts.1.primary", 0),
	SET("contacts_block", 3, "contacts.2.role", "accountant", 0),
	SET("contacts_block", 4, "contacts.0.role", "CEO", 0),
	UNSET("contacts_block", 5, "contacts.0.email", 0),
	RAW("contacts_block", 6, ACCT_YEDIT_APPEND, "contacts", "{name: New, role: x}", 0, 1, 0, 0),
	RAW("contacts_block", 7, ACCT_YEDIT_DELETE, "contacts", "", 0, 0, 1, 0),
	RAW("contacts_block", 8, ACCT_YEDIT_DELETE, "contacts", "", 0, 0, 2, 0),
	RAW("contacts_block", 9, ACCT_YEDIT_DELETE, "contacts", "", 0, 0, 0, 0),
	/* the first key of an item: refused */
	RAW("contacts_block", 10, ACCT_YEDIT_UNSET, "contacts.0.name", "", 0, 0, 0, ACCT_EDATA),
	/* Not a value client set takes (a channel's name): the splice only. */
	RAW("contacts_block", 11, ACCT_YEDIT_SET, "channels.fast", "tg", 0, 0, 0, 0),
	RAW("contacts_block", 12, ACCT_YEDIT_SET, "contacts.1.primary", "false", ACCT_YQ_TYPED, 0, 0, 0),
	SET("contacts_block", 13, "contacts.2.phone", "+7 111", 0),
	SET("contacts_block", 14, "contacts.1.telegram", "@olga", 0),
	SET("contacts_block", 15, "contacts.9.role", "x", ACCT_ENOTFOUND),

	/* contacts: block list of flow maps (what contact add writes): contacts_flow.yaml */
	RAW("contacts_flow", 1, ACCT_YEDIT_SET, "contacts.0.primary", "true", ACCT_YQ_TYPED, 0, 0, 0),
	UNSET("contacts_flow", 2, "contacts.1.primary", 0),
	SET("contacts_flow", 3, "contacts.2.role", "x", 0),
	RAW("contacts_flow", 4, ACCT_YEDIT_APPEND, "contacts", "{name: New}", 0, 1, 0, 0),
	RAW("contacts_flow", 5, ACCT_YEDIT_DELETE, "contacts", "", 0, 0, 0, 0),
	SET("contacts_flow", 6, "contacts.1.role", "a, b", 0),
	UNSET("contacts_flow", 7, "contacts.0.role", 0),
	RAW("contacts_flow", 8, ACCT_YEDIT_DELETE, "contacts", "", 0, 0, 1, 0),

	/* contacts: flow list of flow maps: contacts_inline.yaml */
	UNSET("contacts_inline", 1, "contacts.1.primary", 0),
	RAW("contacts_inline", 2, ACCT_YEDIT_SET, "contacts.0.primary", "true", ACCT_YQ_TYPED, 0, 0, 0),
	RAW("contacts_inline", 3, ACCT_YEDIT_APPEND, "contacts", "{name: C}", 0, 1, 0, 0),
	RAW("contacts_inline", 4, ACCT_YEDIT_DELETE, "contacts", "", 0, 0, 0, 0),
	RAW("contacts_inline", 5, ACCT_YEDIT_DELETE, "contacts", "", 0, 0, 1, 0),

	/* contacts: one block item: contacts_single.yaml */
	RAW("contacts_single", 1, ACCT_YEDIT_DELETE, "contacts", "", 0, 0, 0, 0),
	RAW("contacts_single", 2, ACCT_YEDIT_APPEND, "contacts", "{name: Two}", 0, 1, 0, 0),
	RAW("contacts_single", 3, ACCT_YEDIT_SET, "contacts.0.primary", "true", ACCT_YQ_TYPED, 0, 0, 0),

	/* Anchors, aliases, tags: anchors.yaml */
	SET("anchors", 1, "manager", "Boris", ACCT_EDATA),
	SET("anchors", 2, "cadence.contact", "3d", ACCT_EDATA),
	SET("anchors", 3, "x-defaults.contact", "3d", ACCT_EDATA),
	LIST("anchors", 4, "tags", "c", 1, ACCT_EDATA),
	LIST("anchors", 5, "tags", "a", 0, ACCT_EDATA),
	UNSET("anchors", 6, "manager", ACCT_EDATA),
	SET("anchors", 7, "budget.amount", "6", ACCT_EDATA),
	/* the value is a list (through an alias) */
	RAW("anchors", 8, ACCT_YEDIT_SET, "x-tags", "v", 0, 0, 0, ACCT_EDATA),
	/* the value is a mapping (through an alias) */
	RAW("anchors", 9, ACCT_YEDIT_SET, "cadence", "v", 0, 0, 0, ACCT_EDATA),
	SET("anchors", 10, "x-owner", "Boris", 0),
	SET("anchors", 11, "source", "web", 0),
	SET("anchors", 12, "source", "2025", 0),
	RAW("anchors", 13, ACCT_YEDIT_SET, "x-count", "abc", 0, 0, 0, 0),
	/* removing an alias is safe */
	UNSET("anchors", 14, "x-owner", 0),
	/* removing an alias is safe */
	UNSET("anchors", 15, "x-tags", 0),
	/* an anchor nobody refers to: refused, or kept */
	SET("anchors", 16, "email", "c@d.example", FLEX),
	RAW("anchors", 17, ACCT_YEDIT_UNSET, "x-defaults", "", 0, 0, 0, ACCT_EDATA),
	SET("anchors", 18, "style", "informal", 0),

	/* CRLF line endings: crlf.yaml */
	SET("crlf", 1, "status", "paused", 0),
	SET("crlf", 2, "cadence.call", "14d", 0),
	SET("crlf", 3, "timezone", "Europe/Moscow", 0),
	LIST("crlf", 4, "services", "smm", 1, 0),
	LIST("crlf", 5, "services", "seo", 0, 0),
	UNSET("crlf", 6, "cadence.contact", 0),
	SET("crlf", 7, "budget.currency", "RUB", 0),
	SET("crlf", 8, "archived", "2026-01-01", 0),
	UNSET("crlf", 9, "status", 0),
	SET("crlf", 10, "fee.floating", "30", 0),

	/* CRLF, no final line break: crlf_noeol.yaml */
	LIST("crlf_noeol", 1, "services", "smm", 1, 0),
	SET("crlf_noeol", 2, "archived", "2026-01-01", 0),
	SET("crlf_noeol", 3, "status", "paused", 0),
	LIST("crlf_noeol", 4, "services", "seo", 0, 0),

	/* Lone CR line endings: lonecr.yaml */
	SET("lonecr", 1, "status", "paused", 0),
	SET("lonecr", 2, "cadence.call", "14d", 0),
	LIST("lonecr", 3, "tags", "b", 1, 0),
	SET("lonecr", 4, "archived", "2026-01-01", 0),
	UNSET("lonecr", 5, "cadence.contact", 0),

	/* UTF-8 BOM, Cyrillic, emoji: bom.yaml */
	SET("bom", 1, "status", "paused", 0),
	SET("bom", 2, "name", "Ёлка 🎄 и Ко (2)", 0),
	SET("bom", 3, "since", "2026-01-01", 0),
	LIST("bom", 4, "tags", "новый", 1, 0),
	LIST("bom", 5, "tags", "🎄", 0, 0),
	SET("bom", 6, "cadence.call", "14d", 0),
	SET("bom", 7, "manager", "Пётр 👋", 0),
	RAW("bom", 8, ACCT_YEDIT_UNSET, "name", "", 0, 0, 0, 0),
	SET("bom", 9, "telegram", "@елка", 0),

	/* BOM before the first key: bom_first.yaml */
	LIST("bom_first", 1, "tags", "b", 1, 0),
	SET("bom_first", 2, "status", "active", 0),
	RAW("bom_first", 3, ACCT_YEDIT_UNSET, "tags", "", 0, 0, 0, 0),
	SET("bom_first", 4, "cadence.contact", "7d", 0),

	/* Four-space indentation: indent4.yaml */
	SET("indent4", 1, "cadence.call", "14d", 0),
	LIST("indent4", 2, "services", "smm", 1, 0),
	SET("indent4", 3, "budget.currency", "RUB", 0),
	LIST("indent4", 4, "goals.kpi", "sales", 1, 0),
	LIST("indent4", 5, "goals.kpi", "leads", 0, 0),
	SET("indent4", 6, "goals.marketing", "brand", 0),
	SET("indent4", 7, "status", "active", 0),
	UNSET("indent4", 8, "cadence.report", 0),
	SET("indent4", 9, "fee.amount", "5", 0),
	LIST("indent4", 10, "services", "seo", 0, 0),

	/* One-space indentation, indentless lists: indent1.yaml */
	SET("indent1", 1, "cadence.nps", "90d", 0),
	LIST("indent1", 2, "services", "ppc", 1, 0),
	LIST("indent1", 3, "services", "smm", 0, 0),
	SET("indent1", 4, "budget.period", "month", 0),
	LIST("indent1", 5, "services", "seo", 0, 0),
	SET("indent1", 6, "timezone", "UTC", 0),

	/* Missing keys and parents: missing.yaml */
	SET("missing", 1, "fee.floating", "30", 0),
	LIST("missing", 2, "tags", "x", 1, 0),
	LIST("missing", 3, "goals.kpi", "leads", 1, 0),
	SET("missing", 4, "cadence.contact", "7d", 0),
	SET("missing", 5, "manager", "Anna <a@b.c>", 0),
	RAW("missing", 6, ACCT_YEDIT_SET, "x-foo", "bar", 0, 0, 0, 0),
	RAW("missing", 7, ACCT_YEDIT_APPEND, "contacts", "{name: New}", 0, 1, 0, 0),
	SET("missing", 8, "since", "2026-01-01", 0),
	SET("missing", 9, "name", "Minimal 2", 0),
	SET("missing", 10, "budget.amount", "5", 0),
	UNSET("missing", 11, "manager", ACCT_ENOTFOUND),
	RAW("missing", 12, ACCT_YEDIT_DELETE, "tags", "", 0, 0, 0, ACCT_ENOTFOUND),

	/* Null parents and lists: nullparent.yaml */
	SET("nullparent", 1, "budget.amount", "5", 0),
	SET("nullparent", 2, "cadence.contact", "7d", 0),
	LIST("nullparent", 3, "tags", "x", 1, 0),
	LIST("nullparent", 4, "services", "seo", 1, 0),
	LIST("nullparent", 5, "goals.kpi", "leads", 1, 0),
	UNSET("nullparent", 6, "budget", 0),
	SET("nullparent", 7, "goals.business", "grow", 0),
	SET("nullparent", 8, "fee.floating", "30", 0),

	/* No final line break: nofinal.yaml */
	SET("nofinal", 1, "status", "paused", 0),
	LIST("nofinal", 2, "tags", "b", 1, 0),
	SET("nofinal", 3, "archived", "2026-01-01", 0),
	UNSET("nofinal", 4, "tags", 0),
	SET("nofinal", 5, "since", "2026-01-01", 0),

	/* No final line break after a nested mapping: nofinal_block.yaml */
	SET("nofinal_block", 1, "cadence.call", "14d", 0),
	LIST("nofinal_block", 2, "services", "smm", 1, 0),
	SET("nofinal_block", 3, "cadence.contact", "3d", 0),
	UNSET("nofinal_block", 4, "cadence.contact", 0),

	/*
	 * A block scalar that ends the file without a line break: a key or
	 * item added after it would need one, which "|" and "|+" would take
	 * into their value (and ">-" would not, but is refused alike). Keys
	 * that go before it are fine.
	 */
	SET("nofinal_literal", 1, "x-other", "v", ACCT_EDATA),
	SET("nofinal_literal", 2, "name", "No EOL Literal", 0),
	RAW("nofinal_literal", 3, ACCT_YEDIT_SET, "x-note", "short", 0, 0, 0, 0),
	SET("nofinal_literal", 4, "status", "paused", 0),
	RAW("nofinal_keep_list", 1, ACCT_YEDIT_APPEND, "x-notes", "second", 0, 0, 0, ACCT_EDATA),
	SET("nofinal_strip", 1, "x-other", "v", ACCT_EDATA),

	/* Block scalars: | > |+ >-: blockscalar.yaml */
	RAW("blockscalar", 1, ACCT_YEDIT_SET, "x-notes", "short", 0, 0, 0, 0),
	RAW("blockscalar", 2, ACCT_YEDIT_SET, "x-keep", "new", 0, 0, 0, 0),
	RAW("blockscalar", 3, ACCT_YEDIT_SET, "x-strip", "one", 0, 0, 0, 0),
	SET("blockscalar", 4, "goals.business", "grow more", 0),
	SET("blockscalar", 5, "goals.marketing", "brand", 0),
	RAW("blockscalar", 6, ACCT_YEDIT_SET, "x-last", "end", 0, 0, 0, 0),
	SET("blockscalar", 7, "style", "informal", 0),
	UNSET("blockscalar", 8, "goals.business", 0),
	RAW("blockscalar", 9, ACCT_YEDIT_SET, "x-notes", "a\nb", 0, 0, 0, 0),
	LIST("blockscalar", 10, "goals.kpi", "x", 1, 0),
	/* The kept blank line of "|+" is part of the value: it goes too. */
	UNSET("blockscalar", 11, "x-keep", 0),
	SET("blockscalar", 12, "goals.project", "web", 0),

	/* A |+ scalar followed by a blank line it keeps: keepchomp.yaml */
	/* after the blank line |+ keeps */
	SET("keepchomp", 1, "goals.marketing", "brand", 0),

	/* Multi-line plain and quoted scalars: multiline.yaml */
	SET("multiline", 1, "name", "Single", 0),
	SET("multiline", 2, "manager", "Boris", 0),
	RAW("multiline", 3, ACCT_YEDIT_SET, "x-desc", "short", 0, 0, 0, 0),
	SET("multiline", 4, "since", "2026-01-01", 0),
	SET("multiline", 5, "telegram", "@multi", 0),
	UNSET("multiline", 6, "x-desc", 0),
	UNSET("multiline", 7, "manager", 0),

	/* Comments everywhere: comments.yaml */
	SET("comments", 1, "cadence.call", "14d", 0),
	SET("comments", 2, "archived", "2026-01-01", 0),
	UNSET("comments", 3, "cadence.contact", 0),
	UNSET("comments", 4, "status", 0),
	SET("comments", 5, "status", "paused", 0),
	SET("comments", 6, "budget.period", "month", 0),
	SET("comments", 7, "name", "Comments 2", 0),
	SET("comments", 8, "since", "2026-01-01", 0),
	LIST("comments", 9, "tags", "c", 1, 0),
	SET("comments", 10, "manager", "x", 0),
	SET("comments", 11, "fee.amount", "5", 0),
	SET("comments", 12, "timezone", "UTC", 0),
	RAW("comments", 13, ACCT_YEDIT_UNSET, "name", "", 0, 0, 0, 0),

	/* Block lists at their key's indentation: blocklist0.yaml */
	LIST("blocklist0", 1, "services", "ppc", 1, 0),
	LIST("blocklist0", 2, "services", "seo", 0, 0),
	LIST("blocklist0", 3, "services", "smm", 0, 0),
	LIST("blocklist0", 4, "tags", "only", 0, 0),
	LIST("blocklist0", 5, "tags", "two", 1, 0),
	SET("blocklist0", 6, "status", "active", 0),
	SET("blocklist0", 7, "timezone", "UTC", 0),

	/* A flow list laid out one item per line: flowlist_multi.yaml */
	/* the comment after 'seo' stays */
	LIST("flowlist_multi", 1, "services", "smm", 0, 0),
	LIST("flowlist_multi", 2, "services", "seo", 0, 0),
	LIST("flowlist_multi", 3, "services", "ppc", 0, 0),

	/* Tagged collections and scalars: tagged.yaml */
	/* the tag stays before [] */
	LIST("tagged", 1, "services", "seo", 0, 0),
	LIST("tagged", 2, "services", "smm", 1, 0),
	LIST("tagged", 3, "tags", "b", 1, 0),
	RAW("tagged", 4, ACCT_YEDIT_SET, "x-map.k", "w", 0, 0, 0, 0),
	RAW("tagged", 5, ACCT_YEDIT_SET, "x-map.j", "x", 0, 0, 0, 0),
	SET("tagged", 6, "source", "2024", 0),

	/* Empty values in flow mappings: flownull.yaml */
	SET("flownull", 1, "budget.amount", "5", 0),
	SET("flownull", 2, "fee.floating", "30", 0),
	UNSET("flownull", 3, "budget.amount", 0),
	/* an implicit null in a flow mapping */
	RAW("flownull", 4, ACCT_YEDIT_SET, "x-set.a", "1", 0, 0, 0, 0),

	/* List items whose dash stands alone on its line: contacts_dashline.yaml */
	/* the lone dash goes too */
	RAW("contacts_dashline", 1, ACCT_YEDIT_DELETE, "contacts", "", 0, 0, 1, 0),
	/* the new item at the list's indentation */
	RAW("contacts_dashline", 2, ACCT_YEDIT_APPEND, "contacts", "{name: C}", 0, 1, 0, 0),
	SET("contacts_dashline", 3, "contacts.0.email", "a@example.com", 0),
	UNSET("contacts_dashline", 4, "contacts.0.role", 0),

	/* Block scalars with CRLF: crlf_scalar.yaml */
	RAW("crlf_scalar", 1, ACCT_YEDIT_SET, "x-notes", "short", 0, 0, 0, 0),
	SET("crlf_scalar", 2, "goals.marketing", "brand", 0),
	UNSET("crlf_scalar", 3, "goals.business", 0),

	/* %YAML directive, --- and ...: docmarkers.yaml */
	SET("docmarkers", 1, "archived", "2026-01-01", 0),
	SET("docmarkers", 2, "name", "Markers", 0),
	UNSET("docmarkers", 3, "status", 0),

	/* BOM and CRLF together: bomcrlf.yaml */
	SET("bomcrlf", 1, "status", "paused", 0),
	SET("bomcrlf", 2, "since", "2026-01-01", 0),
	SET("bomcrlf", 3, "cadence.call", "14d", 0),
	SET("bomcrlf", 4, "name", "Новое имя", 0),

	/* A root mapping that is itself indented: rootindent.yaml */
	SET("rootindent", 1, "since", "2026-01-01", 0),
	SET("rootindent", 2, "cadence.call", "14d", 0),
	UNSET("rootindent", 3, "status", 0),

	/* UTF-16 is refused when parsed: utf16.yaml */
	SET("utf16", 1, "status", "paused", ACCT_EDATA),
};

/* A byte string for a message: controls, '\' and non-ASCII as \xhh. */
static const char *show(struct acct_buf *b, const char *s, size_t len)
{
	size_t i;

	acct_buf_reset(b);
	for (i = 0; i < len && b->len < 200; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f || c == '\\')
			acct_buf_addf(b, "\\x%02x", c);
		else
			acct_buf_addch(b, c);
	}
	if (i < len)
		acct_buf_addf(b, "...(%zu bytes)", len);
	return b->buf;
}

static int read_fixture(struct acct_buf *out, const char *name)
{
	struct acct_buf path = ACCT_BUF_INIT;
	int rc;

	acct_buf_addf(&path, FIXTURES "%s", name);
	rc = acct_buf_read_file(out, path.buf);
	CHECK_MSG(rc == 0, "cannot read %s", path.buf);
	acct_buf_release(&path);
	return rc;
}

/* Fill `op` for case `t` on the card `src`; 0 or -1. */
static int make_op(struct acct_yedit_op *op, const struct ycase *t,
		   const char *src, size_t len, const char *what)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *c = NULL;
	int rc = 0;

	switch (t->mk) {
	case MK_SET:
		rc = acct_client_set_op(op, t->key, t->value, &err);
		break;
	case MK_UNSET:
		rc = acct_client_unset_op(op, t->key, &err);
		break;
	case MK_LIST:
		if ((rc = acct_client_parse(&c, "t", what, src, len, &err)) == 0)
			rc = acct_client_list_op(op, c, t->key, t->value, t->add,
						 &err);
		acct_client_free(c);
		break;
	case MK_RAW:
		memset(op, 0, sizeof(*op));
		op->kind = t->kind;
		op->key = t->key;
		op->value = t->value;
		op->quote = t->quote;
		op->raw = t->raw;
		op->index = t->index;
		op->order = acct_client_key_order;
		break;
	}
	CHECK_MSG(rc == 0, "%s: making the operation: %d %s", what, rc, err.msg);
	return rc ? -1 : 0;
}

static void save_got(const char *what, const struct acct_buf *got)
{
	const char *dir = getenv("YEDIT_GOT");
	struct acct_buf path = ACCT_BUF_INIT;
	FILE *f;

	if (!dir || !*dir)
		return;
	acct_buf_addf(&path, "%s/%s", dir, what);
	if ((f = fopen(path.buf, "wb"))) {
		fwrite(got->buf, 1, got->len, f);
		fclose(f);
	}
	acct_buf_release(&path);
}

/* Compare byte for byte; say where they first differ. */
static void same_bytes(const char *what, const struct acct_buf *got,
		       const struct acct_buf *want)
{
	struct acct_buf g = ACCT_BUF_INIT, w = ACCT_BUF_INIT;
	size_t i = 0, from;

	while (i < got->len && i < want->len && got->buf[i] == want->buf[i])
		i++;
	if (got->len == want->len && i == got->len) {
		CHECK(1);
		return;
	}
	from = i > 24 ? i - 24 : 0;
	CHECK_MSG(0, "%s: differs at byte %zu:\n    got  \"%s\"\n    want \"%s\"",
		  what, i, show(&g, got->buf + from, got->len - from),
		  show(&w, want->buf + from, want->len - from));
	save_got(what, got);
	acct_buf_release(&g);
	acct_buf_release(&w);
}

static void run_case(const struct ycase *t)
{
	struct acct_buf src = ACCT_BUF_INIT, want = ACCT_BUF_INIT,
			out = ACCT_BUF_INIT, name = ACCT_BUF_INIT,
			what = ACCT_BUF_INIT, sh = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_client *before = NULL, *after = NULL;
	struct acct_yedit_op op;
	int rc;

	acct_buf_addf(&name, "%s.yaml", t->file);
	acct_buf_addf(&what, "%s.%d", t->file, t->n);
	if (read_fixture(&src, name.buf) < 0 ||
	    make_op(&op, t, src.buf, src.len, what.buf) < 0)
		goto out;
	acct_buf_addstr(&out, SENTINEL);
	rc = acct_yedit(&out, src.buf, src.len, name.buf, &op, &err);
	if (t->want == ACCT_EDATA || t->want == ACCT_ENOTFOUND ||
	    (t->want == FLEX && rc == ACCT_EDATA)) {
		int want_rc = t->want == FLEX ? ACCT_EDATA : t->want;

		CHECK_MSG(rc == want_rc && err.code == want_rc && *err.msg &&
			  (want_rc != ACCT_EDATA || !strcmp(err.file, name.buf)),
			  "%s: %s %s == %d (%s:%zu:%zu %s), want %d", what.buf,
			  op.kind == ACCT_YEDIT_SET ? "set" :
			  op.kind == ACCT_YEDIT_UNSET ? "unset" :
			  op.kind == ACCT_YEDIT_APPEND ? "append to" : "delete from",
			  t->key, rc, err.file, err.line, err.col, err.msg, want_rc);
		if (rc < 0)
			CHECK_MSG(out.len == strlen(SENTINEL) &&
				  !memcmp(out.buf, SENTINEL, out.len),
				  "%s: refused, yet the output buffer changed: "
				  "\"%s\"", what.buf, show(&sh, out.buf, out.len));
		else
			save_got(what.buf, &out);
		goto out;
	}
	if (rc < 0)
		CHECK_MSG(out.len == strlen(SENTINEL) &&
			  !memcmp(out.buf, SENTINEL, out.len),
			  "%s: refused, yet the output buffer changed: \"%s\"",
			  what.buf, show(&sh, out.buf, out.len));
	CHECK_MSG(rc == 0, "%s: %s %s == %d (%s:%zu:%zu %s %s), want 0",
		  what.buf, op.kind == ACCT_YEDIT_SET ? "set" :
		  op.kind == ACCT_YEDIT_UNSET ? "unset" :
		  op.kind == ACCT_YEDIT_APPEND ? "append to" : "delete from",
		  t->key, rc, err.file, err.line, err.col, err.msg, err.hint);
	if (rc != 0)
		goto out;
	acct_buf_reset(&name);
	acct_buf_addf(&name, "%s.%d.expected", t->file, t->n);
	if (read_fixture(&want, name.buf) < 0)
		goto out;
	CHECK_MSG(out.len >= strlen(SENTINEL) &&
		  !memcmp(out.buf, SENTINEL, strlen(SENTINEL)),
		  "%s: the result was not appended to the buffer", what.buf);
	{
		struct acct_buf got = ACCT_BUF_INIT;

		acct_buf_add(&got, out.buf + strlen(SENTINEL),
			     out.len - strlen(SENTINEL));
		same_bytes(what.buf, &got, &want);
		/*
		 * A card that loaded before an edit still loads after it
		 * (unless the edit removed its name on purpose).
		 */
		if (!(op.kind == ACCT_YEDIT_UNSET && !strcmp(op.key, "name")) &&
		    acct_client_parse(&before, "t", "in", src.buf, src.len,
				      NULL) == 0) {
			struct acct_error why = ACCT_ERROR_INIT;

			rc = acct_client_parse(&after, "t", "out", got.buf,
					       got.len, &why);
			CHECK_MSG(rc == 0, "%s: the card no longer loads: "
				  "%zu:%zu %s", what.buf, why.line, why.col,
				  why.msg);
		}
		acct_buf_release(&got);
	}
out:
	acct_client_free(before);
	acct_client_free(after);
	acct_buf_release(&src);
	acct_buf_release(&want);
	acct_buf_release(&out);
	acct_buf_release(&name);
	acct_buf_release(&what);
	acct_buf_release(&sh);
}

/* The node at dotted `key` ("contacts.0.role"), aliases not followed. */
static const struct acct_ynode *node_at(const struct acct_ynode *n,
					const char *key)
{
	char buf[128], *p = buf, *dot;

	snprintf(buf, sizeof(buf), "%s", key);
	for (;;) {
		dot = strchr(p, '.');
		if (dot)
			*dot = '\0';
		n = acct_ynode_deref(n);
		if (!n)
			return NULL;
		if (n->type == ACCT_YSEQ) {
			char *end;
			unsigned long i = strtoul(p, &end, 10);

			if (*end || i >= n->n)
				return NULL;
			n = n->items[i];
		} else if (n->type == ACCT_YMAP) {
			size_t i;
			const struct acct_ynode *v = NULL;

			for (i = 0; i + 1 < n->n; i += 2)
				if (!strcmp(acct_ynode_deref(n->items[i])->value, p))
					v = n->items[i + 1];
			n = v;
		} else {
			return NULL;
		}
		if (!dot || !n)
			return n;
		p = dot + 1;
	}
}

/*
 * Set `key` of the round-trip card to `value`: the output must be the
 * input's bytes before the old value, the new value's text (on one line),
 * and the input's bytes after the old value; and it must load back with
 * exactly `value` there.
 */
static void roundtrip(const char *key, const char *value, size_t vlen)
{
	struct acct_buf src = ACCT_BUF_INIT, out = ACCT_BUF_INIT,
			sh = ACCT_BUF_INIT, sv = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_ydoc in, res;
	const struct acct_ynode *v, *nv;
	struct acct_yedit_op op;
	size_t start, tail;
	const char *why = NULL;
	int rc;

	if (read_fixture(&src, "roundtrip.yaml") < 0)
		return;
	if (acct_ydoc_parse(&in, "roundtrip.yaml", src.buf, src.len, &err) < 0 ||
	    !(v = node_at(in.root, key))) {
		CHECK_MSG(0, "roundtrip.yaml: no '%s' (%s)", key, err.msg);
		goto out;
	}
	start = v->start;
	tail = src.len - v->end;
	acct_ydoc_release(&in);
	memset(&op, 0, sizeof(op));
	op.kind = ACCT_YEDIT_SET;
	op.key = key;
	op.value = value;
	op.order = acct_client_key_order;
	rc = acct_yedit(&out, src.buf, src.len, "roundtrip.yaml", &op, &err);
	if (rc != 0)
		why = err.msg;
	else if (out.len < start + tail || memcmp(out.buf, src.buf, start))
		why = "a byte before the value changed";
	else if (memcmp(out.buf + out.len - tail, src.buf + src.len - tail, tail))
		why = "a byte after the value changed";
	else if (memchr(out.buf + start, '\n', out.len - tail - start) ||
		 memchr(out.buf + start, '\r', out.len - tail - start))
		why = "the new value spans lines";
	else if (acct_ydoc_parse(&res, "out", out.buf, out.len, &err) < 0)
		why = "the result does not load";
	else {
		nv = node_at(res.root, key);
		if (!nv || nv->type != ACCT_YSCALAR)
			why = "no scalar there after the edit";
		else if (nv->len != vlen || memcmp(nv->value, value, vlen))
			why = "it loads back as another value";
		else if (nv->start != start || nv->end != out.len - tail)
			why = "the value is not the text spliced in";
		acct_ydoc_release(&res);
	}
	CHECK_MSG(!why, "round trip of %s = \"%s\": %s\n    got \"%s\"", key,
		  show(&sv, value, vlen), why ? why : "",
		  show(&sh, out.buf + (start > 10 ? start - 10 : 0),
		       out.len - (start > 10 ? start - 10 : 0)));
out:
	acct_buf_release(&src);
	acct_buf_release(&out);
	acct_buf_release(&sh);
	acct_buf_release(&sv);
}

/*
 * Add `value` where nothing was: a missing key (SET) or a list item
 * (APPEND). The output must be the input with one run of bytes inserted
 * (ending in a line break when it is a new line), and load back with
 * `value` there.
 */
static void roundtrip_insert(enum acct_yedit_kind kind, const char *key,
			     const char *value, size_t vlen)
{
	struct acct_buf src = ACCT_BUF_INIT, out = ACCT_BUF_INIT,
			sh = ACCT_BUF_INIT, sv = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_ydoc res;
	const struct acct_ynode *nv;
	struct acct_yedit_op op;
	size_t pre = 0, suf = 0;
	const char *why = NULL;
	int rc;

	if (read_fixture(&src, "roundtrip.yaml") < 0)
		return;
	memset(&op, 0, sizeof(op));
	op.kind = kind;
	op.key = key;
	op.value = value;
	op.order = acct_client_key_order;
	rc = acct_yedit(&out, src.buf, src.len, "roundtrip.yaml", &op, &err);
	while (pre < src.len && pre < out.len && src.buf[pre] == out.buf[pre])
		pre++;
	while (suf < src.len - pre && suf < out.len - pre &&
	       src.buf[src.len - 1 - suf] == out.buf[out.len - 1 - suf])
		suf++;
	if (rc != 0)
		why = err.msg;
	else if (pre + suf != src.len)
		why = "bytes of the input changed (not only an insertion)";
	else if (acct_ydoc_parse(&res, "out", out.buf, out.len, &err) < 0)
		why = "the result does not load";
	else {
		nv = node_at(res.root, key);
		if (nv && kind == ACCT_YEDIT_APPEND)
			nv = acct_ynode_deref(nv)->type == ACCT_YSEQ &&
			     acct_ynode_deref(nv)->n ?
			     acct_ynode_deref(nv)->items[acct_ynode_deref(nv)->n - 1] :
			     NULL;
		if (!nv || nv->type != ACCT_YSCALAR)
			why = "no scalar there after the edit";
		else if (nv->len != vlen || memcmp(nv->value, value, vlen))
			why = "it loads back as another value";
		acct_ydoc_release(&res);
	}
	CHECK_MSG(!why, "round trip of %s %s \"%s\": %s\n    got \"%s\"",
		  kind == ACCT_YEDIT_SET ? "adding" : "appending to", key,
		  show(&sv, value, vlen), why ? why : "",
		  show(&sh, out.buf + (pre > 10 ? pre - 10 : 0),
		       out.len - (pre > 10 ? pre - 10 : 0)));
	acct_buf_release(&src);
	acct_buf_release(&out);
	acct_buf_release(&sh);
	acct_buf_release(&sv);
}

/* Odd values; each also with a leading space, a trailing " #c", in []. */
static const char *const odd[] = {
	"yes", "Yes", "NO", "on", "Off", "y", "n", "true", "False", "null",
	"Null", "~", "", "123", "-1", "+1", ".5", "0x1F", "1e3", "0o17",
	"2026-01-01", "2026-01-01T10:00:00Z", "12:30", "1_000", ".inf",
	"-.inf", ".nan", "a: b", "a:b", "a:", "a #x", " #x", "#x", "a#b",
	" leading", "trailing ", "  both  ", "\"quoted\"", "'single'", "it's",
	"say \"hi\"", "{}", "[]", "{a: b}", "[a, b]", "a, b", "a,b", "a]b",
	"a}b", "---", "...", "--- x", "- x", "-", "- ", "-x", "?", "? x", ":",
	": x", "&a", "*a", "!tag", "!!str x", "%YAML", "@at", "`tick", "|",
	"|-", ">", "> x", "back\\slash", "\\n", "tab\there", "new\nline",
	"cr\rx", "a\x01" "b", "del\x7f", "Привет", "Привет, мир: тест #1",
	"🎄", "emoji 👋 wave", "日本語", "é", "\xc2\xa0nbsp", "a\xc2\x85" "b",
	"line\xe2\x80\xa8sep", "\xef\xbb\xbf" "bom", "=", "<<", "0", "00",
	"1.0", "-0", "+.5", "https://x.example/a#b", "a: b # c", "\t",
	"  ", "x\n", "\n",
};

/* Value number `i` of the odd ones (4 forms each), then two long ones. */
static int odd_value(struct acct_buf *v, size_t i)
{
	size_t n = sizeof(odd) / sizeof(*odd);

	acct_buf_reset(v);
	if (i < 4 * n) {
		size_t form = i % 4;

		acct_buf_addstr(v, form == 1 ? " " : form == 3 ? "[" : "");
		acct_buf_addstr(v, odd[i / 4]);
		acct_buf_addstr(v, form == 2 ? " #c" : form == 3 ? "]" : "");
		return 1;
	}
	if (i == 4 * n) {
		while (v->len < 5000)
			acct_buf_addch(v, 'a');
		return 1;
	}
	if (i == 4 * n + 1) {
		while (v->len + 30 < 5000)
			acct_buf_addstr(v, "Привет, мир: #тест ");
		while (v->len < 5000)
			acct_buf_addch(v, 'x');
		return 1;
	}
	return 0;
}

static void roundtrips(void)
{
	/* Values replaced: block, flow mapping, flow item, last line. */
	static const char *const keys[] = {
		"manager", "budget.note", "contacts.0.role", "x-last",
	};
	/* Keys added: top level, with a new parent, in a flow mapping. */
	static const char *const added[] = {
		"x-new", "x-parent.k", "budget.x-new",
	};
	/* Items appended: flow list, block list, a list made anew. */
	static const char *const lists[] = { "tags", "services", "x-list" };
	struct acct_buf v = ACCT_BUF_INIT;
	size_t i, k;

	for (i = 0; odd_value(&v, i); i++) {
		for (k = 0; k < sizeof(keys) / sizeof(*keys); k++)
			roundtrip(keys[k], v.buf, v.len);
		for (k = 0; k < sizeof(added) / sizeof(*added); k++)
			roundtrip_insert(ACCT_YEDIT_SET, added[k], v.buf, v.len);
		for (k = 0; k < sizeof(lists) / sizeof(*lists); k++)
			roundtrip_insert(ACCT_YEDIT_APPEND, lists[k], v.buf,
					 v.len);
	}
	acct_buf_release(&v);
}

/* UTF-16 text built here too, with and without a BOM-less body. */
static void utf16(void)
{
	static const char le[] = "\xff\xfen\0a\0m\0e\0:\0 \0x\0\n\0";
	static const char be[] = "\xfe\xff\0n\0a\0m\0e\0:\0 \0x\0\n";
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_buf out = ACCT_BUF_INIT;
	struct acct_yedit_op op;

	acct_client_set_op(&op, "name", "y", &err);
	acct_buf_addstr(&out, SENTINEL);
	CHECK_INT(acct_yedit(&out, le, sizeof(le) - 1, "le.yaml", &op, &err),
		  ACCT_EDATA);
	CHECK(strstr(err.msg, "UTF-16") != NULL);
	CHECK_INT(acct_yedit(&out, be, sizeof(be) - 1, "be.yaml", &op, &err),
		  ACCT_EDATA);
	CHECK_STR(out.buf, SENTINEL);
	acct_buf_release(&out);
}

/* One edit of an inline text: 0 and exactly `want`, or the code `want_rc`. */
static void inline_edit(const char *what, const char *src,
			enum acct_yedit_kind kind, const char *key,
			const char *value, int raw, const char *want,
			int want_rc)
{
	struct acct_buf out = ACCT_BUF_INIT, g = ACCT_BUF_INIT,
			w = ACCT_BUF_INIT;
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_yedit_op op;
	int rc;

	memset(&op, 0, sizeof(op));
	op.kind = kind;
	op.key = key;
	op.value = value;
	op.raw = raw;
	op.order = acct_client_key_order;
	acct_buf_addstr(&out, SENTINEL);
	rc = acct_yedit(&out, src, strlen(src), "inline.yaml", &op, &err);
	if (want_rc) {
		CHECK_MSG(rc == want_rc && !strcmp(out.buf, SENTINEL),
			  "%s: %d (%s), want %d and nothing written", what, rc,
			  err.msg, want_rc);
	} else {
		CHECK_MSG(rc == 0 && out.len == strlen(SENTINEL) + strlen(want) &&
			  !strcmp(out.buf + strlen(SENTINEL), want),
			  "%s: %d (%s)\n    got  \"%s\"\n    want \"%s\"", what,
			  rc, err.msg,
			  show(&g, out.buf + strlen(SENTINEL),
			       out.len - strlen(SENTINEL)),
			  show(&w, want, strlen(want)));
	}
	acct_buf_release(&out);
	acct_buf_release(&g);
	acct_buf_release(&w);
}

/* SET with a raw value: flow YAML put as it is, whole lists and mappings. */
static void raw_set(void)
{
	static const char blk_anchor[] =
		"name: A\nd: &d {a: 1}\ne: *d\nf: &f\n  a: 1\n";

	inline_edit("raw on a scalar", "name: A\nfee: 100  # c\n",
		    ACCT_YEDIT_SET, "fee", "{amount: 100, currency: RUB}", 1,
		    "name: A\nfee: {amount: 100, currency: RUB}  # c\n", 0);
	inline_edit("raw on a block list", "name: A\ntags:\n- a\n- b\nz: 1\n",
		    ACCT_YEDIT_SET, "tags", "[c]", 1,
		    "name: A\ntags: [c]\nz: 1\n", 0);
	inline_edit("raw on a block mapping, comments", "name: A\nfee:   # the fee\n"
		    "  amount: 1   # one\n  currency: RUB\n# after fee\nz: 1\n",
		    ACCT_YEDIT_SET, "fee", "{amount: 2}", 1,
		    "name: A\nfee: {amount: 2}   # the fee\n# after fee\nz: 1\n", 0);
	inline_edit("raw on a tagged block mapping", "name: A\nx: !!map\n  k: v\n",
		    ACCT_YEDIT_SET, "x", "v", 1, "name: A\nx: v\n", 0);
	inline_edit("raw scalar on a block list at the end", "name: A\ntags:\n  - a",
		    ACCT_YEDIT_SET, "tags", "none", 1, "name: A\ntags: none\n", 0);
	inline_edit("raw on a flow mapping", "name: A\ncadence: {contact: 3wd}  # c\n",
		    ACCT_YEDIT_SET, "cadence", "[a, \"b, c\"]", 1,
		    "name: A\ncadence: [a, \"b, c\"]  # c\n", 0);
	inline_edit("raw in a flow mapping", "name: A\ncadence: {contact: 3wd, call: 1d}\n",
		    ACCT_YEDIT_SET, "cadence.contact", "{a: 1}", 1,
		    "name: A\ncadence: {contact: {a: 1}, call: 1d}\n", 0);
	inline_edit("raw null", "name: A\nphone: \"+7\"\n", ACCT_YEDIT_SET,
		    "phone", "~", 1, "name: A\nphone: ~\n", 0);
	inline_edit("raw on null", "name: A\nphone:\nz: 1\n", ACCT_YEDIT_SET,
		    "phone", "[a]", 1, "name: A\nphone: [a]\nz: 1\n", 0);
	inline_edit("raw, a new key in order", "name: A\nstatus: lead\ntags: [a]\n",
		    ACCT_YEDIT_SET, "budget", "{amount: 1}", 1,
		    "name: A\nstatus: lead\nbudget: {amount: 1}\ntags: [a]\n", 0);
	inline_edit("raw, a new parent", "name: A\n", ACCT_YEDIT_SET,
		    "x-new.list", "[a, b]", 1, "name: A\nx-new: {list: [a, b]}\n", 0);
	inline_edit("raw, CRLF", "name: A\r\nfee:\r\n  amount: 1\r\nz: 1\r\n",
		    ACCT_YEDIT_SET, "fee", "{amount: 2}", 1,
		    "name: A\r\nfee: {amount: 2}\r\nz: 1\r\n", 0);
	inline_edit("raw over an alias", blk_anchor, ACCT_YEDIT_SET, "e",
		    "{a: 2}", 1, "name: A\nd: &d {a: 1}\ne: {a: 2}\nf: &f\n  a: 1\n", 0);
	inline_edit("raw over an anchor", blk_anchor, ACCT_YEDIT_SET, "d",
		    "{a: 2}", 1, NULL, ACCT_EDATA);
	inline_edit("raw over a block anchor", blk_anchor, ACCT_YEDIT_SET, "f",
		    "{a: 2}", 1, NULL, ACCT_EDATA);
	/* what does not load back as the value is not written */
	inline_edit("raw that breaks", "name: A\nfee: 1\n", ACCT_YEDIT_SET,
		    "fee", "[a", 1, NULL, ACCT_ERROR);
	inline_edit("raw that says another thing in flow",
		    "name: A\ncadence: {contact: 1}\n", ACCT_YEDIT_SET,
		    "cadence.contact", "a, b: c", 1, NULL, ACCT_ERROR);
	/* not raw: a list is still refused */
	inline_edit("not raw on a list", "name: A\ntags: [a]\n", ACCT_YEDIT_SET,
		    "tags", "x", 0, NULL, ACCT_EDATA);
}

/* New keys that are not words are quoted when they need it. */
static void odd_keys(void)
{
	inline_edit("a word", "name: A\n", ACCT_YEDIT_SET, "x-new_1", "v", 0,
		    "name: A\nx-new_1: v\n", 0);
	inline_edit("spaces", "name: A\n", ACCT_YEDIT_SET, "x note", "v", 0,
		    "name: A\nx note: v\n", 0);
	inline_edit("a colon", "name: A\n", ACCT_YEDIT_SET, "a: b", "v", 0,
		    "name: A\n\"a: b\": v\n", 0);
	inline_edit("a hash", "name: A\n", ACCT_YEDIT_SET, "#c", "v", 0,
		    "name: A\n\"#c\": v\n", 0);
	inline_edit("Cyrillic", "name: A\n", ACCT_YEDIT_SET, "заметка", "v", 0,
		    "name: A\nзаметка: v\n", 0);
	inline_edit("a comma in flow", "name: A\ncadence: {a: 1}\n",
		    ACCT_YEDIT_SET, "cadence.b,c", "v", 0,
		    "name: A\ncadence: {a: 1, \"b,c\": v}\n", 0);
	inline_edit("a comma under a new parent", "name: A\n", ACCT_YEDIT_SET,
		    "x.b,c", "v", 0, "name: A\nx: {\"b,c\": v}\n", 0);
	inline_edit("a comma in block", "name: A\n", ACCT_YEDIT_APPEND,
		    "b,c", "v", 0, "name: A\nb,c: [v]\n", 0);
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		run_case(&cases[i]);
	utf16();
	raw_set();
	odd_keys();
	roundtrips();
	return test_report("yedit");
}
