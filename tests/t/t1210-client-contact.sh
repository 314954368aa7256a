#!/bin/sh
# shellcheck disable=SC2016

test_description='acct client contact add, rm, list

The card'"'"'s contacts list: add with every option, one primary at most
(--primary moves the flag), a duplicate name refused, awkward names
(quotes, colons, #, Cyrillic) read back the same through list --json,
rm by number and by name, errors exit 2 and change nothing, a card changed
by hand and not committed is refused; every change is one commit touching
only the contacts lines.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

# The interpreter itself, not a (slow) version manager's shim.
PYTHON=$(python3 -c "import sys; print(sys.executable)" 2>/dev/null) ||
PYTHON=python3
test -n "$PYTHON" || PYTHON=python3
"$PYTHON" -c "import json" >/dev/null 2>&1 && test_set_prereq PYTHON
"$PYTHON" -c "import yaml" >/dev/null 2>&1 && test_set_prereq PYYAML

# --- helpers ----------------------------------------------------------------

card () {
	echo "$B/clients/$1/client.yaml"
}

hand_card () {
	mkdir -p "$B/clients/$1" &&
	cat >"$B/clients/$1/client.yaml" &&
	git -C "$B" add "clients/$1/client.yaml" &&
	git -C "$B" commit -q -m "by hand: $1"
}

# one_commit SUBJECT SLUG: one commit on top of the remembered HEAD, with
# SUBJECT, changing only the card of SLUG; the book clean.
one_commit () {
	echo "$1" >"$T/expect.subject" &&
	git -C "$B" log -1 --format=%s >"$T/actual.subject" &&
	test_cmp "$T/expect.subject" "$T/actual.subject" &&
	git -C "$B" rev-parse HEAD^ >"$T/actual.parent" &&
	test_cmp "$T/old-head" "$T/actual.parent" &&
	echo "clients/$2/client.yaml" >"$T/expect.paths" &&
	git -C "$B" diff-tree -r --no-commit-id --name-only HEAD >"$T/actual.paths" &&
	test_cmp "$T/expect.paths" "$T/actual.paths" &&
	is_clean
}

changed_lines () {
	git -C "$B" diff HEAD^ HEAD -- "clients/$1/client.yaml" >"$T/diff.out" &&
	sed -e '/^+++ /d' -e '/^--- /d' -e '/^[-+]/!d' "$T/diff.out"
}

# contacts_json SLUG: contact list --json into $T/json (checked: format 1).
# jq_ EXPR: a Python expression on that JSON (as d), printed.
cat >"$T/jq.py" <<\EOF
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
v = eval(sys.argv[2])
sys.stdout.write((v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)) + "\n")
EOF
contacts_json () {
	acct client contact list "$1" --json >"$T/json" &&
	jq_ 'd["format"]' >"$T/format" &&
	echo 1 >"$T/format.expect" &&
	test_cmp "$T/format.expect" "$T/format"
}
jq_ () {
	"$PYTHON" "$T/jq.py" "$T/json" "$1"
}

# --- setup --------------------------------------------------------------------

test_expect_success 'setup: a book and a client with services and tags' '
	acct init book >/dev/null &&
	acct client add "ООО «Ромашка»" --service seo --tag key >out &&
	echo ooo-romashka >expect &&
	test_cmp expect out &&
	is_clean
'

# --- add ------------------------------------------------------------------------

test_expect_success 'contact add with every option: one commit, one added contact' '
	remember &&
	acct client contact add ooo "Иван Иванов" --role "marketing director" \
		--email ivan@romashka.example --phone "+7 (999) 123-45-67" \
		--telegram @ivanov --primary >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	one_commit "client contact add ooo-romashka: Иван Иванов" ooo-romashka
'

test_expect_success 'the contacts key is added after services, before tags' '
	grep -A1 "^services:" "$(card ooo-romashka)" >actual &&
	sed -n 2p actual >second &&
	test_grep "^contacts:" second &&
	grep "^tags:" "$(card ooo-romashka)" >actual &&
	test_line_count = 1 actual &&
	changed_lines ooo-romashka >actual &&
	test_grep ! "^-" actual &&
	test_grep ! -e "^+services" -e "^+tags" -e "^+name" actual
'

test_expect_success PYTHON 'contact list --json gives every field back' '
	contacts_json ooo-romashka &&
	echo ooo-romashka >expect && jq_ "d[\"client\"]" >actual && test_cmp expect actual &&
	echo 1 >expect && jq_ "len(d[\"contacts\"])" >actual && test_cmp expect actual &&
	c="d[\"contacts\"][0]" &&
	echo 1 >expect && jq_ "$c[\"number\"]" >actual && test_cmp expect actual &&
	echo "Иван Иванов" >expect && jq_ "$c[\"name\"]" >actual && test_cmp expect actual &&
	echo "marketing director" >expect && jq_ "$c[\"role\"]" >actual && test_cmp expect actual &&
	echo ivan@romashka.example >expect && jq_ "$c[\"email\"]" >actual && test_cmp expect actual &&
	echo "+7 (999) 123-45-67" >expect && jq_ "$c[\"phone\"]" >actual && test_cmp expect actual &&
	echo @ivanov >expect && jq_ "$c[\"telegram\"]" >actual && test_cmp expect actual &&
	echo true >expect && jq_ "$c[\"primary\"]" >actual && test_cmp expect actual
'

test_expect_success PYYAML 'the card loads with the contact as given' '
	"$PYTHON" -c "
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding=\"utf-8\"))
c = d[\"contacts\"]
assert len(c) == 1, c
assert c[0][\"name\"] == \"Иван Иванов\", c
assert c[0][\"phone\"] == \"+7 (999) 123-45-67\", c
assert c[0][\"telegram\"] == \"@ivanov\", c
assert c[0][\"primary\"] is True, c
assert d[\"services\"] == [\"seo\"] and d[\"tags\"] == [\"key\"], d
" "$(card ooo-romashka)"
'

test_expect_success 'contact add --primary moves the flag: only one primary after' '
	remember &&
	acct client contact add ooo "Пётр Петров" --role CEO --primary &&
	one_commit "client contact add ooo-romashka: Пётр Петров" ooo-romashka &&
	grep -c "primary: *true" "$(card ooo-romashka)" >actual &&
	echo 1 >expect &&
	test_cmp expect actual
'

test_expect_success PYTHON 'after --primary: the new contact is the primary one' '
	contacts_json ooo-romashka &&
	echo "[false, true]" >expect &&
	jq_ "[c[\"primary\"] for c in d[\"contacts\"]]" >actual &&
	test_cmp expect actual &&
	echo "Иван Иванов" >expect && jq_ "d[\"contacts\"][0][\"name\"]" >actual && test_cmp expect actual &&
	echo "marketing director" >expect && jq_ "d[\"contacts\"][0][\"role\"]" >actual && test_cmp expect actual
'

test_expect_success 'contact add without --primary leaves the primary where it is' '
	remember &&
	acct client contact add ooo "Anna Smith" --email anna@example.com &&
	one_commit "client contact add ooo-romashka: Anna Smith" ooo-romashka &&
	changed_lines ooo-romashka >actual &&
	test_line_count = 1 actual &&
	test_grep "^+.*Anna Smith" actual
'

test_expect_success PYTHON 'three contacts, in the order added, one primary' '
	contacts_json ooo-romashka &&
	echo "[\"Иван Иванов\", \"Пётр Петров\", \"Anna Smith\"]" >expect &&
	jq_ "[c[\"name\"] for c in d[\"contacts\"]]" >actual &&
	test_cmp expect actual &&
	echo "[1, 2, 3]" >expect &&
	jq_ "[c[\"number\"] for c in d[\"contacts\"]]" >actual &&
	test_cmp expect actual &&
	echo "[false, true, false]" >expect &&
	jq_ "[c[\"primary\"] for c in d[\"contacts\"]]" >actual &&
	test_cmp expect actual
'

test_expect_success 'a duplicate name: exit 2, nothing changed' '
	refused 2 "Иван Иванов" acct client contact add ooo "Иван Иванов" &&
	refused 2 "Anna Smith" acct client contact add ooo "Anna Smith" --primary
'

test_expect_success 'an empty name: exit 2, nothing changed' '
	refused 2 "name" acct client contact add ooo ""
'

test_expect_success 'a missing name, an unknown option: exit 2 with the usage' '
	refused 2 "usage" acct client contact add ooo &&
	refused 2 "usage" acct client contact add ooo X --frobnicate
'

test_expect_success 'unknown client: exit 2 for add, rm and list' '
	refused 2 "nosuch" acct client contact add nosuch X &&
	refused 2 "nosuch" acct client contact rm nosuch 1 &&
	refused 2 "nosuch" acct client contact list nosuch &&
	refused 2 "nosuch" acct client contact list nosuch --json
'

# --- awkward names -------------------------------------------------------------------

test_expect_success 'setup: a second client' '
	acct client add "Beta" >/dev/null
'

test_expect_success 'names with quotes, colons, # and Cyrillic are added' '
	cat >names <<-\EOF &&
	O'"'"'Brien "the boss"
	Dr. No: head of sales
	#1 fan
	- dash
	Ольга «Ё» Щукина
	yes
	null
	123
	{curly}, [square]
	 leading space
	@handle
	a \ backslash
	EOF
	while IFS= read -r n
	do
		acct client contact add --role "$n" --telegram "$n" -- beta "$n" ||
		return 1
	done <names &&
	is_clean
'

test_expect_success PYTHON 'names with quotes, colons, # and Cyrillic round trip' '
	contacts_json beta &&
	"$PYTHON" -c "
import json, sys
d = json.load(open(sys.argv[1], encoding=\"utf-8\"))
want = open(sys.argv[2], encoding=\"utf-8\").read().split(\"\n\")[:-1]
got = [c[\"name\"] for c in d[\"contacts\"]]
assert got == want, (got, want)
assert [c[\"role\"] for c in d[\"contacts\"]] == want, d
assert [c[\"telegram\"] for c in d[\"contacts\"]] == want, d
" "$T/json" names &&
	is_clean
'

test_expect_success PYYAML 'awkward names read back the same in another YAML reader' '
	"$PYTHON" -c "
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding=\"utf-8\"))
want = open(sys.argv[2], encoding=\"utf-8\").read().split(\"\n\")[:-1]
assert [c[\"name\"] for c in d[\"contacts\"]] == want, d
" "$(card beta)" names
'

test_expect_success 'rm by an awkward name' '
	remember &&
	acct client contact rm beta "Dr. No: head of sales" >out 2>err &&
	test_must_be_empty out &&
	one_commit "client contact rm beta: Dr. No: head of sales" beta &&
	changed_lines beta >actual &&
	test_line_count = 1 actual &&
	test_grep "^-.*Dr. No: head of sales" actual
'

# --- list ---------------------------------------------------------------------------

test_expect_success 'contact list: one line a contact, numbered, primary marked' '
	acct client contact list ooo-romashka >out 2>err &&
	test_must_be_empty err &&
	grep "Иван Иванов" out >line1 &&
	test_grep "^ *1 " line1 &&
	test_grep "marketing director" line1 &&
	test_grep "ivan@romashka.example" line1 &&
	test_grep -F "+7 (999) 123-45-67" line1 &&
	test_grep "@ivanov" line1 &&
	test_grep ! "primary" line1 &&
	grep "Пётр Петров" out >line2 &&
	test_grep "^ *2 " line2 &&
	test_grep "primary" line2 &&
	grep "Anna Smith" out >line3 &&
	test_grep "^ *3 " line3 &&
	test_grep ! "primary" line3
'

test_expect_success 'contact list with no contacts: exit 0, nothing listed' '
	acct client add Empty >/dev/null &&
	acct client contact list empty >out 2>err &&
	test_must_be_empty err &&
	test_grep ! "^ *1 " out
'

test_expect_success PYTHON 'contact list --json with no contacts: an empty array' '
	contacts_json empty &&
	echo "[]" >expect &&
	jq_ "d[\"contacts\"]" >actual &&
	test_cmp expect actual &&
	echo empty >expect &&
	jq_ "d[\"client\"]" >actual &&
	test_cmp expect actual
'

test_expect_success 'contact list does not write' '
	snapshot &&
	acct client contact list ooo >/dev/null &&
	acct client contact list ooo --json >/dev/null &&
	unchanged
'

# --- rm -------------------------------------------------------------------------------

test_expect_success 'rm by number: one commit naming the contact removed' '
	remember &&
	acct client contact rm ooo 1 >out 2>err &&
	test_must_be_empty out &&
	one_commit "client contact rm ooo-romashka: Иван Иванов" ooo-romashka &&
	changed_lines ooo-romashka >actual &&
	test_line_count = 1 actual &&
	test_grep "^-.*Иван Иванов" actual
'

test_expect_success PYTHON 'after rm by number the others are renumbered, primary kept' '
	contacts_json ooo-romashka &&
	echo "[\"Пётр Петров\", \"Anna Smith\"]" >expect &&
	jq_ "[c[\"name\"] for c in d[\"contacts\"]]" >actual &&
	test_cmp expect actual &&
	echo "[1, 2]" >expect &&
	jq_ "[c[\"number\"] for c in d[\"contacts\"]]" >actual &&
	test_cmp expect actual &&
	echo "[true, false]" >expect &&
	jq_ "[c[\"primary\"] for c in d[\"contacts\"]]" >actual &&
	test_cmp expect actual
'

test_expect_success 'rm by name' '
	remember &&
	acct client contact rm ooo "Anna Smith" &&
	one_commit "client contact rm ooo-romashka: Anna Smith" ooo-romashka &&
	changed_lines ooo-romashka >actual &&
	test_line_count = 1 actual &&
	test_grep "^-.*Anna Smith" actual
'

test_expect_success 'rm an unknown name or number: exit 2, nothing changed' '
	refused 2 "zz" acct client contact rm ooo zz &&
	refused 2 "5" acct client contact rm ooo 5 &&
	refused 2 "0" acct client contact rm ooo 0 &&
	refused 2 "Anna Smith" acct client contact rm ooo "Anna Smith"
'

test_expect_success 'rm without a contact: exit 2 with the usage' '
	refused 2 "usage" acct client contact rm ooo
'

# --- a hand-written block-style contacts list ------------------------------------------

test_expect_success 'setup: a card with block-style contacts and comments' '
	hand_card gamma <<-\EOF
	name: Gamma   # by hand
	# people
	contacts:
	  - name: Ann   # the boss
	    role: ceo
	    primary: true
	  - name: Bob
	# end of people
	tags: [x]
	EOF
'

test_expect_success 'contact add --primary in a block list: one commit, comments kept' '
	remember &&
	acct client contact add gamma Cid --email c@example.com --primary &&
	one_commit "client contact add gamma: Cid" gamma &&
	test_grep -x "name: Gamma   # by hand" "$(card gamma)" &&
	test_grep -x "  - name: Ann   # the boss" "$(card gamma)" &&
	test_grep -x "# end of people" "$(card gamma)"
'

test_expect_success PYYAML 'contact add --primary leaves exactly one primary in a block list' '
	"$PYTHON" -c "
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding=\"utf-8\"))
c = d[\"contacts\"]
assert [x[\"name\"] for x in c] == [\"Ann\", \"Bob\", \"Cid\"], c
assert [bool(x.get(\"primary\")) for x in c] == [False, False, True], c
assert c[0][\"role\"] == \"ceo\" and c[2][\"email\"] == \"c@example.com\", c
assert d[\"tags\"] == [\"x\"] and d[\"name\"] == \"Gamma\", d
" "$(card gamma)"
'

test_expect_success 'contact add --primary: only the primary line of the old one goes' '
	changed_lines gamma >actual &&
	test_grep -x -e "-    primary: true" actual &&
	test_grep ! -e "^-  - name" -e "^-    role" -e "^+  - name: Ann" actual
'

test_expect_success 'a list with two primaries written by hand: --primary leaves one' '
	hand_card delta <<-\EOF &&
	name: Delta
	contacts:
	  - {name: Ann, primary: true}
	  - {name: Bob, primary: true}
	EOF
	remember &&
	acct client contact add delta Cid --primary >out &&
	test_must_be_empty out &&
	one_commit "client contact add delta: Cid" delta &&
	grep -c "primary: *true" "$(card delta)" >actual &&
	echo 1 >expect &&
	test_cmp expect actual &&
	test_grep "Cid.*primary: *true" "$(card delta)"
'

test_expect_success 'contact rm from a block list removes the whole item only' '
	remember &&
	acct client contact rm gamma Ann &&
	one_commit "client contact rm gamma: Ann" gamma &&
	changed_lines gamma >actual &&
	test_grep ! "^+" actual &&
	test_line_count = 2 actual &&
	test_grep -e "^-  - name: Ann" actual &&
	test_grep -e "^-    role: ceo" actual
'

# --- hand edits -------------------------------------------------------------------------

test_expect_success 'a hand edit not committed: contact add and rm refused, exit 1, kept' '
	c=$(card ooo-romashka) &&
	test_when_finished "git -C \"$B\" checkout -- clients/ooo-romashka/client.yaml" &&
	echo "# by hand" >>"$c" &&
	cp "$c" hand &&
	refused 1 "clients/ooo-romashka/client.yaml" acct client contact add ooo New &&
	refused 1 "clients/ooo-romashka/client.yaml" acct client contact rm ooo 1 &&
	test_cmp hand "$c"
'

test_expect_success 'a hand edit not committed: contact list still reads' '
	c=$(card ooo-romashka) &&
	test_when_finished "git -C \"$B\" checkout -- clients/ooo-romashka/client.yaml" &&
	echo "# by hand" >>"$c" &&
	acct client contact list ooo >out &&
	test_grep "Пётр Петров" out
'

test_expect_success 'the book is clean and fsck is happy at the end' '
	is_clean &&
	git -C "$B" fsck --strict --no-dangling >out 2>&1 &&
	test_must_be_empty out
'

test_done
