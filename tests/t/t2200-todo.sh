#!/bin/sh
# shellcheck disable=SC2016

test_description='acct todo

Open action items across clients (archived clients left out), overdue
first, then by due date; --owner (with or without @, any part, any
case), --overdue, --json;
todo done ID ticks the box in place (one byte changes) and commits
"todo <slug>: done <text>", todo reopen the reverse; done on a done item
is no commit; an unknown or ambiguous id exits 2; todo add records an
entry of kind note holding the item.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

PYTHON=$(python3 -c "import sys; print(sys.executable)" 2>/dev/null) ||
PYTHON=python3
test -n "$PYTHON" || PYTHON=python3
"$PYTHON" -c "import json" >/dev/null 2>&1 && test_set_prereq PYTHON

# --- helpers ----------------------------------------------------------------

is_clean () {
	git -C "$B" status --porcelain --untracked-files=all >"$T/status.out" &&
	test_must_be_empty "$T/status.out" &&
	no_stray
}

hand_entry () {
	mkdir -p "$B/$(dirname "$1")" &&
	cat >"$B/$1" &&
	git -C "$B" add "$1" &&
	git -C "$B" commit -q -m "by hand: $1"
}

# items ARGS...: "acct todo ARGS --json" (exit 0, nothing on stderr), one
# "<client> <text>" a line, as listed, into $T/actual.
cat >"$T/items.py" <<\PY
import json, sys
d = json.load(sys.stdin)
assert d["format"] == 1, d.get("format")
for i in d["items"]:
    print(i["client"], i["text"])
PY
items () {
	acct todo "$@" --json >"$T/todo.json" 2>"$T/todo.err" &&
	test_must_be_empty "$T/todo.err" &&
	"$PYTHON" "$T/items.py" <"$T/todo.json" >"$T/actual"
}

# id_of TEXT-PREFIX: the id "acct todo --json" shows for the open item
# whose text starts with TEXT-PREFIX.
cat >"$T/idof.py" <<\PY
import json, sys
d = json.load(sys.stdin)
hits = [i["id"] for i in d["items"] if i["text"].startswith(sys.argv[1])]
assert len(hits) == 1, (sys.argv[1], hits)
print(hits[0])
PY
id_of () {
	acct todo --json 2>/dev/null | "$PYTHON" "$T/idof.py" "$1"
}

# one_byte PATH FROM TO: the last commit changed one byte of PATH, FROM
# into TO (cmp -l prints octal values).
one_byte () {
	git -C "$B" show "HEAD^:$1" >"$T/old.bytes" &&
	git -C "$B" show "HEAD:$1" >"$T/new.bytes" &&
	test_expect_code 1 cmp -l "$T/old.bytes" "$T/new.bytes" >"$T/cmp.out" &&
	test_line_count = 1 "$T/cmp.out" &&
	test "$(awk "{ print \$2, \$3 }" "$T/cmp.out")" = "$2 $3"
}

A=clients/acme/log/2026/2026-11-20T1000-kickoff.md
BE=clients/beta/log/2026/2026-11-22T1000-weekly-sync.md

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: clients, entries with action items' '
	acct init book >/dev/null &&
	acct client add Acme >/dev/null &&
	acct client add Beta >/dev/null &&
	acct client add Gamma >/dev/null &&
	acct client add Delta >/dev/null &&
	cat >acme.md <<-\EOF &&
	## Decisions

	- [ ] Not an action: under Decisions

	## Actions

	- [ ] Send the media plan @anna due:2026-11-25
	- [x] Approve the creatives @client
	- [ ] Call back @boris due:2026-11-21
	- a plain note
	EOF
	cat >beta.md <<-\EOF &&
	## Actions

	- [ ] Prepare the report @anna due:2026-11-18
	- [ ] No due date @boris
	- [ ] Due today due:2026-11-23
	- [ ] Due tomorrow due:2026-11-24
	EOF
	cat >gamma.md <<-\EOF &&
	## Actions

	- [ ] Archived item @anna due:2026-11-01
	EOF
	cat >delta.md <<-\EOF &&
	## Задачи

	- [ ] Позвонить Ивану @анна due:2026-12-10
	EOF
	acct log acme Kickoff --channel meeting --date 2026-11-20T10:00 -F acme.md >out &&
	echo $A >expect &&
	test_cmp expect out &&
	acct log beta "Weekly sync" --channel call --date 2026-11-22T10:00 -F beta.md >out &&
	echo $BE >expect &&
	test_cmp expect out &&
	acct log gamma "Old work" --date 2026-10-01T10:00 -F gamma.md >/dev/null &&
	acct log delta "Созвон" --date 2026-11-21T10:00 -F delta.md >/dev/null &&
	acct client archive gamma >/dev/null &&
	is_clean
'

# --- listing -------------------------------------------------------------------

test_expect_success PYTHON 'open items across clients: overdue first, then by due date, archived left out' '
	items &&
	cat >expect <<-\EOF &&
	beta Prepare the report @anna due:2026-11-18
	acme Call back @boris due:2026-11-21
	beta Due today due:2026-11-23
	beta Due tomorrow due:2026-11-24
	acme Send the media plan @anna due:2026-11-25
	delta Позвонить Ивану @анна due:2026-12-10
	beta No due date @boris
	EOF
	test_cmp expect actual
'

test_expect_success 'human output: one line an item with its id, the overdue marked' '
	acct todo >out 2>err &&
	test_must_be_empty err &&
	test_line_count = 7 out &&
	head -n 1 out >first &&
	test_grep "Prepare the report" first &&
	test_grep "overdue" first &&
	test_grep "beta" first &&
	test_grep -E "^[0-9a-f]{7}" first &&
	grep "Due today" out >today &&
	test_grep ! "overdue" today &&
	test_grep ! "Approve the creatives" out &&
	test_grep ! "Archived item" out &&
	test_grep ! "Not an action" out
'

test_expect_success PYTHON '--json: format 1, the fields of an item' '
	acct todo --json >todo.json &&
	"$PYTHON" - <<-\PY
	import json
	d = json.load(open("todo.json", encoding="utf-8"))
	assert d["format"] == 1, d
	assert "errors" not in d or d["errors"] == [], d.get("errors")
	it = d["items"]
	assert len(it) == 7, len(it)
	for i in it:
	    assert {"id", "text", "owner", "due", "client", "overdue", "entry"} <= set(i), sorted(i)
	    assert isinstance(i["id"], str) and len(i["id"]) >= 7, i
	    assert all(c in "0123456789abcdef" for c in i["id"]), i
	    assert i["entry"].startswith("clients/%s/log/" % i["client"]), i
	    assert isinstance(i["overdue"], bool), i
	a = it[0]
	assert (a["client"], a["owner"], a["due"], a["overdue"]) == ("beta", "anna", "2026-11-18", True), a
	assert a["entry"] == "clients/beta/log/2026/2026-11-22T1000-weekly-sync.md", a
	last = it[-1]
	assert (last["owner"], last["due"], last["overdue"]) == ("boris", None, False), last
	today = [i for i in it if i["text"].startswith("Due today")][0]
	assert today["overdue"] is False and today["owner"] is None, today
	ru = [i for i in it if i["client"] == "delta"][0]
	assert ru["owner"] == "анна" and ru["due"] == "2026-12-10", ru
	assert len({i["id"] for i in it}) == 7
	PY
'

test_expect_success PYTHON 'one client' '
	items acme &&
	cat >expect <<-\EOF &&
	acme Call back @boris due:2026-11-21
	acme Send the media plan @anna due:2026-11-25
	EOF
	test_cmp expect actual &&
	items ac &&
	test_cmp expect actual
'

test_expect_success PYTHON '--owner, with or without @' '
	items --owner anna &&
	cat >expect <<-\EOF &&
	beta Prepare the report @anna due:2026-11-18
	acme Send the media plan @anna due:2026-11-25
	EOF
	test_cmp expect actual &&
	items --owner @anna &&
	test_cmp expect actual &&
	items --owner анна &&
	echo "delta Позвонить Ивану @анна due:2026-12-10" >expect &&
	test_cmp expect actual &&
	items --owner nobody &&
	test_must_be_empty actual
'

test_expect_success PYTHON '--owner: any part of the owner, in any case, Cyrillic too' '
	cat >expect <<-\EOF &&
	beta Prepare the report @anna due:2026-11-18
	acme Send the media plan @anna due:2026-11-25
	EOF
	for o in ANNA An @nn
	do
		items --owner "$o" &&
		test_cmp expect actual || return 1
	done &&
	echo "delta Позвонить Ивану @анна due:2026-12-10" >expect &&
	for o in АННА Ан
	do
		items --owner "$o" &&
		test_cmp expect actual || return 1
	done &&
	items --owner bor &&
	cat >expect <<-\EOF &&
	acme Call back @boris due:2026-11-21
	beta No due date @boris
	EOF
	test_cmp expect actual
'

test_expect_success PYTHON '--overdue, alone and with --owner' '
	items --overdue &&
	cat >expect <<-\EOF &&
	beta Prepare the report @anna due:2026-11-18
	acme Call back @boris due:2026-11-21
	EOF
	test_cmp expect actual &&
	items --overdue --owner @boris &&
	echo "acme Call back @boris due:2026-11-21" >expect &&
	test_cmp expect actual
'

test_expect_success PYTHON '"today" comes from ACCT_NOW' '
	ACCT_NOW=2026-11-25T09:00+00:00 acct todo --json >todo.json &&
	"$PYTHON" - <<-\PY
	import json
	it = json.load(open("todo.json", encoding="utf-8"))["items"]
	late = [i["text"].split(" ")[0] for i in it if i["overdue"]]
	assert late == ["Prepare", "Call", "Due", "Due"], late
	PY
'

test_expect_success 'an unknown client: exit 2' '
	refused 2 "no such client" acct todo zz
'

# --- done and reopen ----------------------------------------------------------

test_expect_success PYTHON 'todo done ID: one byte of the entry changes, one commit' '
	id=$(id_of "Send the media plan") &&
	remember &&
	acct todo done "$id" >out 2>err &&
	one_commit "todo acme: done Send the media plan @anna due:2026-11-25" $A &&
	echo "done $id Send the media plan" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	one_byte $A 40 170 &&
	git -C "$B" diff HEAD^ HEAD -- $A >diff &&
	sed -e "/^+++ /d" -e "/^--- /d" -e "/^[-+]/!d" diff >actual &&
	cat >expect <<-EOF &&
	-- [ ] Send the media plan @anna due:2026-11-25 <!-- id:$id -->
	+- [x] Send the media plan @anna due:2026-11-25 <!-- id:$id -->
	EOF
	test_cmp expect actual &&
	items &&
	test_grep ! "Send the media plan" actual &&
	test_line_count = 6 actual
'

test_expect_success PYTHON 'done on a done item: exit 0, no commit, nothing changed' '
	acct timeline acme --json >tl.json &&
	id=$("$PYTHON" -c "
import json
d = json.load(open(\"tl.json\"))
print([a[\"id\"] for e in d[\"entries\"] for a in e[\"actions\"] if a[\"text\"].startswith(\"Send the media\")][0])
") &&
	remember &&
	snapshot &&
	acct todo done "$id" >out 2>err &&
	no_commit &&
	unchanged &&
	acct todo done "$id" >out 2>err &&
	no_commit &&
	unchanged &&
	test_must_be_empty out &&
	test_grep "is done already" err
'

test_expect_success PYTHON 'todo reopen ID: the box back, the same id, one commit' '
	acct timeline acme --json >tl.json &&
	id=$("$PYTHON" -c "
import json
d = json.load(open(\"tl.json\"))
print([a[\"id\"] for e in d[\"entries\"] for a in e[\"actions\"] if a[\"text\"].startswith(\"Send the media\")][0])
") &&
	remember &&
	acct todo reopen "$id" >out 2>err &&
	one_commit "todo acme: reopen Send the media plan @anna due:2026-11-25" $A &&
	echo "reopened $id Send the media plan" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	one_byte $A 170 40 &&
	test "$(id_of "Send the media plan")" = "$id" &&
	remember &&
	snapshot &&
	acct todo reopen "$id" >out 2>err &&
	no_commit &&
	unchanged &&
	test_must_be_empty out &&
	test_grep "is open already" err
'

# The text column repeated the owner and the date that have columns of
# their own: "2026-11-18  anna  Prepare the report @anna due:2026-11-18".
test_expect_success PYTHON 'the text column: the item without its @owner and due:' '
	acct todo beta >out &&
	grep "Prepare the report" out | tr -s " " >line &&
	echo "$(id_of "Prepare the report") 2026-11-18 anna Prepare the report beta overdue" >expect &&
	test_cmp expect line &&
	acct todo delta >out &&
	tr -s " " <out >line &&
	echo "$(id_of "Позвонить") 2026-12-10 анна Позвонить Ивану delta" >expect &&
	test_cmp expect line &&
	acct timeline beta --actions >out &&
	test_grep "Prepare the report$" out &&
	test_grep ! "Prepare the report @anna" out &&
	acct todo --json >todo.json &&
	test_grep "\"text\": \"Prepare the report @anna due:2026-11-18\"" todo.json
'

test_expect_success PYTHON 'reopen an item that was [x] in the file; done it again' '
	acct timeline acme --json >tl.json &&
	id=$("$PYTHON" -c "
import json
d = json.load(open(\"tl.json\"))
print([a[\"id\"] for e in d[\"entries\"] for a in e[\"actions\"] if a[\"text\"].startswith(\"Approve\")][0])
") &&
	remember &&
	acct todo reopen "$id" &&
	one_commit "todo acme: reopen Approve the creatives @client" $A &&
	one_byte $A 170 40 &&
	remember &&
	acct todo done "$id" &&
	one_commit "todo acme: done Approve the creatives @client" $A &&
	one_byte $A 40 170
'

test_expect_success PYTHON 'a unique prefix of the id is enough' '
	acct timeline --json --actions >all.json &&
	id=$(id_of "Call back") &&
	p=$("$PYTHON" - "$id" <<-\PY
	import json, sys
	d = json.load(open("all.json"))
	ids = [a["id"] for e in d["entries"] for a in e["actions"]]
	me = sys.argv[1]
	for n in range(4, 8):
	    if sum(1 for i in ids if i.startswith(me[:n])) == 1:
	        print(me[:n])
	        break
	PY
	) &&
	test -n "$p" &&
	remember &&
	acct todo done "$p" &&
	one_commit "todo acme: done Call back @boris due:2026-11-21" $A &&
	remember &&
	acct todo reopen "$p" &&
	one_commit "todo acme: reopen Call back @boris due:2026-11-21" $A
'

test_expect_success 'an unknown id: exit 2, nothing changed' '
	refused 2 "0000000" acct todo done 0000000 &&
	refused 2 "0000000" acct todo reopen 0000000 &&
	refused 2 "zz" acct todo done zz &&
	refused 2 "" acct todo done &&
	refused 2 "" acct todo done "" &&
	refused 2 "" acct todo done a b
'

# Two items whose ids share their first four hex digits: the entry's path
# and the texts are chosen so (the ids are SHA-1 of path and text).
test_expect_success PYTHON 'an ambiguous prefix: exit 2 naming the candidates, nothing changed' '
	twins=clients/delta/log/2026/2026-11-19T1100-twins.md &&
	"$PYTHON" - "$twins" >twins <<-\PY &&
	import hashlib, sys
	def oid(key):
	    b = key.encode()
	    return hashlib.sha1(b"blob %d\0" % len(b) + b).hexdigest()
	seen = {}
	i = 0
	while True:
	    t = "Twin %d" % i
	    h = oid(sys.argv[1] + "\n" + t)
	    if h[:4] in seen:
	        print(h[:4]); print(seen[h[:4]][0]); print(t)
	        print(seen[h[:4]][1][:6]); print(h[:6])
	        break
	    seen[h[:4]] = (t, h)
	    i += 1
	PY
	printf -- "---\ndate: 2026-11-19T11:00+00:00\nsummary: Twins\n---\n## Actions\n\n- [ ] %s\n- [ ] %s\n" \
		"$(sed -n 2p twins)" "$(sed -n 3p twins)" | hand_entry "$twins" &&
	test_when_finished "git -C \"$B\" reset -q --hard HEAD^" &&
	refused 2 "is ambiguous" acct todo done "$(sed -n 1p twins)" &&
	test_grep -F "$(sed -n 4p twins)" "$T/err" &&
	test_grep -F "$(sed -n 5p twins)" "$T/err"
'

# Git asks for at least 4 hex digits of an abbreviated id; one digit
# ticked whichever item happened to be alone in starting with it.
test_expect_success PYTHON 'a prefix shorter than 4 characters: exit 2, even a unique one' '
	id=$(id_of "Due tomorrow") &&
	for n in 1 2 3
	do
		p=$(echo "$id" | cut -c1-$n) &&
		refused 2 "the id '"'"'$p'"'"' is too short: give at least 4 of its characters" \
			acct todo done "$p" &&
		refused 2 "too short" acct todo reopen "$p" || return 1
	done &&
	test_grep "^hint: '"'"'acct todo'"'"' shows the ids" "$T/err"
'

test_expect_success PYTHON 'a CRLF entry with a BOM: still one byte, CRLF kept' '
	printf "\357\273\277---\r\ndate: 2026-11-19T10:00+00:00\r\nsummary: CRLF entry\r\n---\r\n## Actions\r\n\r\n- [ ] Windows item @anna\r\n" |
		hand_entry clients/delta/log/2026/2026-11-19T1000-crlf.md &&
	id=$(id_of "Windows item") &&
	remember &&
	acct todo done "$id" &&
	one_commit "todo delta: done Windows item @anna" clients/delta/log/2026/2026-11-19T1000-crlf.md &&
	one_byte clients/delta/log/2026/2026-11-19T1000-crlf.md 40 170
'

test_expect_success PYTHON 'an entry changed by hand and not committed: refused, exit 1, naming it' '
	id=$(id_of "Call back") &&
	echo "by hand" >>"$B/$A" &&
	test_when_finished "git -C \"$B\" checkout -- $A" &&
	refused 1 "$A" acct todo done "$id"
'

# --- add ---------------------------------------------------------------------

test_expect_success PYTHON 'todo add CLIENT TEXT --owner --due: a note entry holding the item' '
	remember &&
	acct todo add acme "Book the photographer" --owner @anna --due 2026-11-30 >out 2>err &&
	test_line_count = 1 out &&
	p=$(cat out) &&
	test_grep -E "^clients/acme/log/2026/2026-11-23T0900-[a-z0-9-]+\.md\$" out &&
	git -C "$B" diff-tree -r --no-commit-id --name-only --diff-filter=A HEAD >added &&
	test_cmp out added &&
	git -C "$B" rev-parse HEAD^ >parent &&
	test_cmp "$T/old-head" parent &&
	is_clean &&
	test_grep "^kind: note" "$B/$p" &&
	acct timeline acme --json >tl.json &&
	"$PYTHON" - "$p" <<-\PY &&
	import json, sys
	d = json.load(open("tl.json", encoding="utf-8"))
	e = [e for e in d["entries"] if e["path"] == sys.argv[1]][0]
	assert e["kind"] == "note", e
	assert len(e["actions"]) == 1, e["actions"]
	a = e["actions"][0]
	assert a["owner"] == "anna" and a["due"] == "2026-11-30" and a["done"] is False, a
	assert a["text"].startswith("Book the photographer"), a
	PY
	acct todo --json >todo.json &&
	"$PYTHON" - <<-\PY
	import json
	it = json.load(open("todo.json", encoding="utf-8"))["items"]
	hit = [i for i in it if i["text"].startswith("Book the photographer")]
	assert len(hit) == 1, hit
	assert hit[0]["client"] == "acme" and hit[0]["owner"] == "anna" and hit[0]["due"] == "2026-11-30", hit
	PY
'

test_expect_success PYTHON 'todo add without --owner and --due; owner without @' '
	acct todo add beta "Plain task" >out &&
	items beta &&
	test_grep "^beta Plain task\$" actual &&
	acct todo add beta "Owned task" --owner boris >out &&
	acct todo --owner boris --json >todo.json &&
	test_grep "Owned task" todo.json
'

test_expect_success PYTHON 'todo add: the text reads back as it was typed' '
	acct todo add beta "Order 2*3*4 banners, see [spec] and \`v2\`" >out &&
	items beta &&
	test_grep -F "beta Order 2*3*4 banners, see [spec] and \`v2\`" actual
'

test_expect_success PYTHON 'an added item can be done' '
	id=$(id_of "Book the photographer") &&
	acct todo done "$id" &&
	git -C "$B" log -1 --format=%s >actual &&
	test_grep "^todo acme: done Book the photographer" actual &&
	items &&
	test_grep ! "Book the photographer" actual
'

test_expect_success 'todo add: bad input exits 2 and changes nothing' '
	refused 2 "2026-02-30" acct todo add acme "x" --due 2026-02-30 &&
	refused 2 "" acct todo add acme "x" --due tomorrow &&
	refused 2 "no such client" acct todo add zz "x" &&
	refused 2 "" acct todo add acme "" &&
	refused 2 "" acct todo add acme "$(printf "two\nlines")" &&
	refused 2 "" acct todo add acme "x" --owner "two words" &&
	refused 2 "" acct todo add acme "x" --owner "$(printf "a\nb")" &&
	refused 2 "" acct todo add acme &&
	refused 2 "" acct todo add acme "x" --frobnicate
'

test_expect_success 'todo add: a bad due date inside the text exits 2, nothing written' '
	refused 2 "2026-13-01" acct todo add acme "pay due:2026-13-01"
'

# --- malformed entries --------------------------------------------------------

test_expect_success PYTHON 'a malformed entry: the other items shown, it named, exit 1' '
	printf -- "---\ndate: 2026-11-21T12:00+00:00\nchannel: fax\nsummary: bad\n---\n## Actions\n- [ ] hidden\n" |
		hand_entry clients/beta/log/2026/2026-11-21T1200-bad.md &&
	printf -- "---\ndate: 2026-11-21T13:00+00:00\nsummary: bad due\n---\n## Actions\n\n- [ ] fine\n- [ ] pay due:2026-02-30\n" |
		hand_entry clients/acme/log/2026/2026-11-21T1300-bad-due.md &&
	test_expect_code 1 acct todo >out 2>err &&
	test_grep "Prepare the report" out &&
	test_grep "Call back" out &&
	test_grep ! "hidden" out &&
	test_grep "^acct: clients/beta/log/2026/2026-11-21T1200-bad.md:3:10: " err &&
	test_grep "^acct: clients/acme/log/2026/2026-11-21T1300-bad-due.md:8:3: " err &&
	test_expect_code 1 acct todo --json >todo.json 2>err &&
	"$PYTHON" - <<-\PY
	import json
	d = json.load(open("todo.json", encoding="utf-8"))
	assert d["format"] == 1
	errs = sorted((e["file"], e["line"], e["column"]) for e in d["errors"])
	assert errs == [("clients/acme/log/2026/2026-11-21T1300-bad-due.md", 8, 3),
	                ("clients/beta/log/2026/2026-11-21T1200-bad.md", 3, 10)], errs
	texts = [i["text"] for i in d["items"]]
	assert any(t.startswith("Prepare the report") for t in texts), texts
	PY
'

test_expect_success 'done still works on a good entry next to a malformed one' '
	id=$(id_of "Due tomorrow") &&
	test -n "$id" &&
	remember &&
	acct todo done "$id" 2>err &&
	one_commit "todo beta: done Due tomorrow due:2026-11-24" $BE
'

# --- line breaks: one notion of a line (issue 14, points 1 and 2) -----------------

OM=clients/delta/log/2026/2026-11-19T1100-old-mac.md

test_expect_success PYTHON 'a lone CR above the actions: done ticks the box of the item asked for' '
	printf -- "---\ndate: 2026-11-19T11:00+00:00\nsummary: Old Mac\n---\nIntro\rmore\n\n## Actions\n- [ ] Send the plan\n- [ ] Call Ivan\n- [-] Dropped\n" |
		hand_entry $OM &&
	id=$(id_of "Send the plan") &&
	remember &&
	acct todo done "$id" &&
	one_commit "todo delta: done Send the plan" $OM &&
	git -C "$B" show HEAD:$OM >new.md &&
	test_grep "^- \[x\] Send the plan$" new.md &&
	test_grep "^- \[ \] Call Ivan$" new.md &&
	test_grep "^- \[-\] Dropped$" new.md &&
	git -C "$B" diff HEAD^ HEAD >diff &&
	test_grep "^+- \[x\] Send the plan" diff &&
	id=$(id_of "Call Ivan") &&
	remember &&
	acct todo done "$id" &&
	one_commit "todo delta: done Call Ivan" $OM &&
	git -C "$B" show HEAD:$OM >new.md &&
	test_grep "^- \[x\] Call Ivan$" new.md &&
	test_grep "^- \[-\] Dropped$" new.md
'

test_expect_success PYTHON 'an entry with lone CRs only: done changes one byte, the CRs stay' '
	printf -- "---\rdate: 2026-11-19T12:00+00:00\rsummary: Classic\r---\rText.\r\r## Actions\r- [ ] First CR item\r- [ ] Second CR item\r" |
		hand_entry clients/delta/log/2026/2026-11-19T1200-classic.md &&
	id=$(id_of "Second CR item") &&
	remember &&
	acct todo done "$id" &&
	one_commit "todo delta: done Second CR item" clients/delta/log/2026/2026-11-19T1200-classic.md &&
	one_byte clients/delta/log/2026/2026-11-19T1200-classic.md 40 170 &&
	git -C "$B" show HEAD:clients/delta/log/2026/2026-11-19T1200-classic.md >new.md &&
	tr "\r" "\n" <new.md >lines &&
	test_grep "^- \[ \] First CR item$" lines &&
	test_grep "^- \[x\] Second CR item$" lines
'

test_expect_success PYTHON '"- [" a line break "] text" is no action item' '
	printf -- "---\ndate: 2026-11-19T13:00+00:00\nsummary: Broken box\n---\n## Actions\n- [\n] Split box item\n- [\r\n] Split CRLF item\n- [ ] Whole box item\n" |
		hand_entry clients/delta/log/2026/2026-11-19T1300-broken-box.md &&
	acct todo delta --json >todo.json &&
	"$PYTHON" - <<-\PY &&
	import json
	d = json.load(open("todo.json", encoding="utf-8"))
	texts = [i["text"] for i in d["items"]]
	assert "Whole box item" in texts, texts
	assert not any("Split" in t for t in texts), texts
	assert "errors" not in d or d["errors"] == [], d["errors"]
	PY
	acct timeline delta --actions --json >tl.json &&
	"$PYTHON" - <<-\PY
	import json
	d = json.load(open("tl.json", encoding="utf-8"))
	e = [e for e in d["entries"] if e["summary"] == "Broken box"][0]
	assert [a["text"] for a in e["actions"]] == ["Whole box item"], e["actions"]
	PY
'

test_expect_success 'an empty --owner is refused, as an empty --manager is' '
	refused 2 "--owner must not be empty" acct todo --owner "" &&
	refused 2 "--owner must not be empty" acct todo --owner @ &&
	refused 2 "--owner must not be empty" acct todo acme --owner "" --json
'

test_expect_success 'a bad --due is said with the option named' '
	refused 2 "acct: --due: 2026-02-30 is not a date (February 2026 has 28 days)" \
		acct todo add acme "T" --due 2026-02-30 &&
	refused 2 "acct: --due: 2026-13-01 is not a date (there is no month 13)" \
		acct todo add acme "T" --due 2026-13-01
'

test_expect_success 'reading leaves the book as it was' '
	test_book_state "$B" >before &&
	{ acct todo >/dev/null 2>&1 || :; } &&
	{ acct todo --json >/dev/null 2>&1 || :; } &&
	test_book_state "$B" >after &&
	test_cmp before after
'

test_done
