#!/bin/sh
# shellcheck disable=SC2016

test_description='acct history

The commits that changed a client'"'"'s card or brief, newest first, read
from git along first parents: date, author, subject, the card'"'"'s changes
field by field (status: active -> paused, tags: +key -old, contacts by
name) and the brief'"'"'s changed sections; commits made with plain git
count too; commits that touch neither file are skipped; a card that does
not parse in an old commit is "(unreadable)", not an error; --limit stops
the walk; --json is one object with "format": 1.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

PYTHON=$(python3 -c "import sys; print(sys.executable)" 2>/dev/null) ||
PYTHON=python3
"$PYTHON" -c "import json" >/dev/null 2>&1 && test_set_prereq PYTHON

# --- helpers ----------------------------------------------------------------

# hist ARGS...: acct history, with the short commit ids taken off the rows
# (they depend on every byte of the book) into $T/actual.
hist () {
	acct history "$@" >"$T/raw" &&
	sed -e 's/^[0-9a-f]\{7\}  //' "$T/raw" >"$T/actual"
}

# top_entry: the first change of the text output (row and its lines).
top_entry () {
	sed -n -e '2p' -e '3,${/^[0-9a-f]\{7\}  /q;p;}' "$T/raw" |
	sed -e 's/^[0-9a-f]\{7\}  //'
}

# hand_commit MESSAGE PATH...: commit PATHs with plain git, as Bob.
hand_commit () {
	msg_h_=$1 &&
	shift &&
	git -C "$B" add -- "$@" &&
	git -C "$B" -c user.name=Bob -c user.email=bob@example.com \
		commit -q -m "$msg_h_"
}

# jcheck SCRIPT <JSON: run the Python SCRIPT with the document as `d`.
jcheck () {
	"$PYTHON" -c "import json, sys
d = json.load(sys.stdin)
$1"
}

# --- setup ----------------------------------------------------------------

test_expect_success 'setup: a book and a client' '
	acct init book >/dev/null &&
	test_tick &&
	acct client add "Acme" --tag old --tag real-estate >/dev/null &&
	test_tick &&
	acct client add "Other" >/dev/null
'

test_expect_success 'history after client add: one change, the new fields' '
	hist acme &&
	cat >expect <<-\EOF &&
	client: acme
	2026-11-23T09:01+00:00  A U Thor  client add acme: Acme
	    card:
	      name: (none) -> Acme
	      status: (none) -> active
	      since: (none) -> 2026-11-23
	      manager: (none) -> A U Thor <author@example.com>
	      tags: +old +real-estate
	EOF
	test_cmp expect actual
'

test_expect_success 'the other client'"'"'s commits are not in it' '
	hist other &&
	test_grep "client add other: Other" actual &&
	test_grep ! "acme" actual
'

test_expect_success 'client set: status: active -> paused, newest first' '
	test_tick &&
	acct client set acme status paused &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:03+00:00  A U Thor  client set acme: status=paused
	    card:
	      status: active -> paused
	EOF
	test_cmp expect actual &&
	grep -c "^[0-9a-f]\{7\}  " "$T/raw" >count &&
	echo 2 >expect &&
	test_cmp expect count
'

test_expect_success 'a nested key: cadence.contact: (none) -> 7d' '
	test_tick &&
	acct client set acme cadence.contact 7d &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:04+00:00  A U Thor  client set acme: cadence.contact=7d
	    card:
	      cadence.contact: (none) -> 7d
	EOF
	test_cmp expect actual
'

test_expect_success 'a list: tags: +key -old' '
	test_tick &&
	acct client set acme tags --add key --remove old &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:05+00:00  A U Thor  client set acme: tags+=key, tags-=old
	    card:
	      tags: +key -old
	EOF
	test_cmp expect actual
'

test_expect_success 'contacts by name: added, changed, removed' '
	test_tick &&
	acct client contact add acme "Ivan Ivanov" --email ivan@acme.example &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:06+00:00  A U Thor  client contact add acme: Ivan Ivanov
	    card:
	      contacts: +Ivan Ivanov
	EOF
	test_cmp expect actual &&
	test_tick &&
	sed -e "s/ivan@acme.example/ivan@acme.test/" "$B/clients/acme/client.yaml" >card &&
	cp card "$B/clients/acme/client.yaml" &&
	hand_commit "new address for Ivan" clients/acme/client.yaml &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:07+00:00  Bob       new address for Ivan
	    card:
	      contacts[Ivan Ivanov].email: ivan@acme.example -> ivan@acme.test
	EOF
	test_cmp expect actual &&
	test_tick &&
	acct client contact add acme "Petr Petrov" &&
	test_tick &&
	acct client contact rm acme "Ivan Ivanov" &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:09+00:00  A U Thor  client contact rm acme: Ivan Ivanov
	    card:
	      contacts: -Ivan Ivanov
	EOF
	test_cmp expect actual
'

test_expect_success 'rename (name) and archive' '
	test_tick &&
	acct client rename acme "Acme Corp" &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:10+00:00  A U Thor  client rename acme: Acme -> Acme Corp
	    card:
	      name: Acme -> Acme Corp
	EOF
	test_cmp expect actual &&
	test_tick &&
	acct client archive acme &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:11+00:00  A U Thor  client archive acme: Acme Corp
	    card:
	      archived: (none) -> 2026-11-23
	EOF
	test_cmp expect actual
'

test_expect_success 'the whole story, newest first, one row a commit' '
	hist acme &&
	sed -n "s/^[0-9-]*T[0-9:+]*  //p" actual >rows &&
	cat >expect <<-\EOF &&
	A U Thor  client archive acme: Acme Corp
	A U Thor  client rename acme: Acme -> Acme Corp
	A U Thor  client contact rm acme: Ivan Ivanov
	A U Thor  client contact add acme: Petr Petrov
	Bob       new address for Ivan
	A U Thor  client contact add acme: Ivan Ivanov
	A U Thor  client set acme: tags+=key, tags-=old
	A U Thor  client set acme: cadence.contact=7d
	A U Thor  client set acme: status=paused
	A U Thor  client add acme: Acme
	EOF
	test_cmp expect rows
'

test_expect_success 'a unique prefix names the client' '
	acct history acme >expect &&
	acct history ac >actual &&
	test_cmp expect actual
'

test_expect_success '--limit N: the newest N' '
	hist acme --limit 2 &&
	grep -c "^[0-9a-f]\{7\}  " "$T/raw" >count &&
	echo 2 >expect &&
	test_cmp expect count &&
	test_grep "client archive acme" actual &&
	test_grep "client rename acme" actual &&
	test_grep ! "contact rm" actual &&
	hist acme --limit 1 &&
	grep -c "^[0-9a-f]\{7\}  " "$T/raw" >count &&
	echo 1 >expect &&
	test_cmp expect count
'

test_expect_success '--limit must be a number of at least 1 (exit 2)' '
	test_expect_code 2 acct history acme --limit 0 >out 2>err &&
	test_must_be_empty out &&
	test_grep "limit must be at least 1" err &&
	test_expect_code 2 acct history acme --limit x >out 2>err &&
	test_must_be_empty out &&
	test_grep "whole number" err
'

test_expect_success 'unknown client: exit 2, nothing on stdout' '
	test_expect_code 2 acct history zz >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: no such client .zz." err
'

test_expect_success 'no client or two: usage, exit 2' '
	test_expect_code 2 acct history >out 2>err &&
	test_must_be_empty out &&
	test_grep "usage: acct history" err &&
	test_expect_code 2 acct history acme other >out 2>err &&
	test_must_be_empty out
'

test_expect_success '-h shows the usage on stdout' '
	acct history -h >out &&
	test_grep "usage: acct history <client> \[--limit <n>\] \[--json\]" out
'

test_expect_success 'a commit by plain git that changes the card shows' '
	test_tick &&
	sed -e "s/^status: paused/status: active/" "$B/clients/acme/client.yaml" >card &&
	cp card "$B/clients/acme/client.yaml" &&
	hand_commit "Acme is back" clients/acme/client.yaml &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:12+00:00  Bob       Acme is back
	    card:
	      status: paused -> active
	EOF
	test_cmp expect actual
'

test_expect_success 'commits that touch neither the card nor the brief are skipped' '
	acct history acme >before &&
	echo "notes" >"$B/clients/acme/notes.txt" &&
	test_tick &&
	hand_commit "notes for acme" clients/acme/notes.txt &&
	test_tick &&
	acct client set other status lead &&
	acct history acme >after &&
	test_cmp before after
'

test_expect_success 'comments and layout only: the commit shows, no field' '
	{
		echo "# kept by hand" &&
		cat "$B/clients/acme/client.yaml"
	} >card &&
	cp card "$B/clients/acme/client.yaml" &&
	test_tick &&
	hand_commit "a comment" clients/acme/client.yaml &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:15+00:00  Bob       a comment
	    card:
	      (comments or layout only)
	EOF
	test_cmp expect actual
'

test_expect_success 'a card that does not parse in an old commit is (unreadable)' '
	cp "$B/clients/acme/client.yaml" good &&
	printf "name: [Acme\n" >"$B/clients/acme/client.yaml" &&
	test_tick &&
	hand_commit "broken by hand" clients/acme/client.yaml &&
	cp good "$B/clients/acme/client.yaml" &&
	test_tick &&
	hand_commit "repaired by hand" clients/acme/client.yaml &&
	acct history acme --limit 2 >out 2>err &&
	test_must_be_empty err &&
	sed -e "s/^[0-9a-f]\{7\}  //" out >actual &&
	head -n 5 actual >top &&
	cat >expect <<-\EOF &&
	client: acme
	2026-11-23T09:17+00:00  Bob  repaired by hand
	    card:
	      card: was (unreadable)
	      name: (none) -> Acme Corp
	EOF
	test_cmp expect top &&
	grep -A2 "broken by hand" actual >broken &&
	cat >expect <<-\EOF &&
	2026-11-23T09:16+00:00  Bob  broken by hand
	    card:
	      card: (unreadable)
	EOF
	test_cmp expect broken
'

test_expect_success PYTHON '--json: format 1, the client, changes with fields' '
	acct history acme --json >out &&
	jcheck "
assert d[\"format\"] == 1, d
assert d[\"client\"] == \"acme\", d
ch = d[\"changes\"]
assert len(ch) == 14, len(ch)
for c in ch:
    assert sorted(c) == [\"author\", \"brief\", \"card\", \"commit\", \"date\", \"email\", \"subject\"], c
    assert len(c[\"commit\"]) == 40 and int(c[\"commit\"], 16) >= 0, c
    assert c[\"date\"].startswith(\"2026-11-23T09:\") and c[\"date\"].endswith(\"+00:00\"), c
    assert isinstance(c[\"card\"], list) and isinstance(c[\"brief\"], list), c
by = dict((c[\"subject\"], c) for c in ch)
s = by[\"client set acme: status=paused\"]
assert s[\"author\"] == \"A U Thor\" and s[\"email\"] == \"author@example.com\", s
assert s[\"card\"] == [{\"field\": \"status\", \"old\": \"active\", \"new\": \"paused\"}], s
assert s[\"brief\"] == [], s
c = by[\"client set acme: cadence.contact=7d\"][\"card\"]
assert c == [{\"field\": \"cadence.contact\", \"old\": None, \"new\": \"7d\"}], c
t = by[\"client set acme: tags+=key, tags-=old\"][\"card\"][0]
assert t[\"field\"] == \"tags\", t
assert t[\"old\"] == [\"old\", \"real-estate\"] and t[\"new\"] == [\"real-estate\", \"key\"], t
assert t[\"added\"] == [\"key\"] and t[\"removed\"] == [\"old\"], t
k = by[\"client contact add acme: Ivan Ivanov\"][\"card\"][0]
assert k[\"field\"] == \"contacts\" and k[\"old\"] == [] and k[\"new\"] == [\"Ivan Ivanov\"], k
u = by[\"broken by hand\"][\"card\"]
assert u == [{\"field\": None, \"old\": None, \"new\": \"(unreadable)\"}], u
assert by[\"Acme is back\"][\"author\"] == \"Bob\"
assert ch[-1][\"subject\"] == \"client add acme: Acme\"
" <out
'

test_expect_success PYTHON '--json with --limit, and the commit ids are git'"'"'s' '
	acct history acme --json --limit 3 >out &&
	jcheck "
print(\"\\n\".join(c[\"commit\"] for c in d[\"changes\"]))
assert len(d[\"changes\"]) == 3
" <out >ids &&
	git -C "$B" log -3 --format=%H -- clients/acme/client.yaml clients/acme/brief.md >expect &&
	test_cmp expect ids
'

test_expect_success 'the brief: which sections changed' '
	cat >"$B/clients/acme/brief.md" <<-\EOF &&
	# Brief

	## Audience

	Families in the city.

	## Budget

	150000 RUB a month.
	EOF
	test_tick &&
	hand_commit "brief for acme" clients/acme/brief.md &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:18+00:00  Bob       brief for acme
	    brief:
	      audience
	      budget
	EOF
	test_cmp expect actual &&
	sed -e "s/150000/200000/" "$B/clients/acme/brief.md" >brief &&
	cp brief "$B/clients/acme/brief.md" &&
	test_tick &&
	hand_commit "more budget" clients/acme/brief.md &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:19+00:00  Bob       more budget
	    brief:
	      budget
	EOF
	test_cmp expect actual
'

test_expect_success PYTHON 'the brief in JSON: section keys' '
	acct history acme --json --limit 1 >out &&
	jcheck "
c = d[\"changes\"][0]
assert c[\"brief\"] == [\"budget\"], c
assert c[\"card\"] == [], c
" <out
'

test_expect_success 'acct brief --section: that section, in the subject and history' '
	echo "Parents of small children." >audience.txt &&
	test_tick &&
	acct brief acme --section audience -F audience.txt &&
	git -C "$B" log -1 --format=%s >subject &&
	hist acme &&
	top_entry >actual &&
	printf "%s\n" "2026-11-23T09:20+00:00  A U Thor  $(cat subject)" \
		"    brief:" "      audience" >expect &&
	test_cmp expect actual
'

test_expect_success 'the title only: the brief changed outside its sections' '
	sed -e "s/^# Brief$/# Brief for Acme/" "$B/clients/acme/brief.md" >brief &&
	cp brief "$B/clients/acme/brief.md" &&
	test_tick &&
	hand_commit "brief title" clients/acme/brief.md &&
	hist acme &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:21+00:00  Bob       brief title
	    brief:
	      (other text)
	EOF
	test_cmp expect actual
'

test_expect_success 'a brief that does not parse: (unreadable), not an error' '
	cp "$B/clients/acme/brief.md" good-brief &&
	printf "\n## Audience\n\nTwice.\n" >>"$B/clients/acme/brief.md" &&
	test_tick &&
	hand_commit "audience twice" clients/acme/brief.md &&
	cp good-brief "$B/clients/acme/brief.md" &&
	test_tick &&
	hand_commit "audience once" clients/acme/brief.md &&
	acct history acme --limit 2 >out 2>err &&
	test_must_be_empty err &&
	sed -e "s/^[0-9a-f]\{7\}  //" out >lines &&
	cat >expect <<-\EOF &&
	client: acme
	2026-11-23T09:23+00:00  Bob  audience once
	    brief:
	      (unreadable)
	2026-11-23T09:22+00:00  Bob  audience twice
	    brief:
	      (unreadable)
	EOF
	test_cmp expect lines
'

test_expect_success PYTHON 'a brief that does not parse, in JSON' '
	acct history acme --json --limit 1 >out &&
	jcheck "
c = d[\"changes\"][0]
assert c[\"subject\"] == \"audience once\", c
assert c[\"brief\"] == [\"(unreadable)\"], c
assert c[\"card\"] == [], c
" <out
'

test_expect_success 'rename --slug: the history follows the folder back' '
	test_tick &&
	acct client rename acme --slug acme-corp 2>/dev/null &&
	hist acme-corp &&
	top_entry >actual &&
	cat >expect <<-\EOF &&
	2026-11-23T09:24+00:00  A U Thor  client rename acme: slug acme-corp
	    card:
	      slug: acme -> acme-corp
	EOF
	test_cmp expect actual &&
	test_grep "client add acme: Acme" "$T/raw" &&
	test_path_is_missing "$B/clients/acme"
'

test_expect_success 'a client that git does not have yet: no changes' '
	mkdir "$B/clients/fresh" &&
	printf "name: Fresh\n" >"$B/clients/fresh/client.yaml" &&
	test_when_finished "rm -rf \"$B/clients/fresh\"" &&
	acct history fresh >actual &&
	echo "client: fresh" >expect &&
	test_cmp expect actual
'

# --- cards that would cost too much (issue 14, point 6) ----------------------

test_expect_success 'an alias bomb: history is quick and short, the card as a whole' '
	mkdir -p "$B/clients/bomb" &&
	alias_bomb Bomb >"$B/clients/bomb/client.yaml" &&
	test $(wc -c <"$B/clients/bomb/client.yaml") -lt 1024 &&
	test_tick &&
	hand_commit "a bomb" clients/bomb/client.yaml &&
	sed -i -e "s/^status: active/status: paused/" "$B/clients/bomb/client.yaml" &&
	test_tick &&
	hand_commit "paused by hand" clients/bomb/client.yaml &&
	timeout 20 acct history bomb >out 2>err &&
	test_must_be_empty err &&
	test $(wc -c <out) -lt 1024 &&
	sed -e "s/^[0-9a-f]\{7\}  [^ ]*  //" out >actual &&
	cat >expect <<-\EOF &&
	client: bomb
	Bob  paused by hand
	    card:
	      status: active -> paused
	Bob  a bomb
	    card:
	      card: (too large to compare)
	EOF
	test_cmp expect actual
'

test_expect_success PYTHON 'an alias bomb in JSON: the card as a whole, too large' '
	timeout 20 acct history bomb --json >out &&
	test $(wc -c <out) -lt 2048 &&
	jcheck "
ch = d[\"changes\"]
assert ch[0][\"card\"] == [{\"field\": \"status\", \"old\": \"active\", \"new\": \"paused\"}], ch[0]
assert ch[1][\"card\"] == [{\"field\": None, \"old\": \"(too large to compare)\", \"new\": \"(too large to compare)\"}], ch[1]
" <out
'

test_expect_success 'an alias bomb of mappings: the same' '
	alias_bomb Bomb map >"$B/clients/bomb/client.yaml" &&
	test_tick &&
	hand_commit "a bomb of maps" clients/bomb/client.yaml &&
	timeout 20 acct history bomb --limit 1 >out 2>err &&
	test_must_be_empty err &&
	test $(wc -c <out) -lt 1024 &&
	test_grep "card: (too large to compare)" out
'

test_expect_success 'an alias inside the value it names: (unreadable), no crash' '
	printf "name: Bomb\nx: &x [a, *x]\n" >"$B/clients/bomb/client.yaml" &&
	test_tick &&
	hand_commit "a cycle" clients/bomb/client.yaml &&
	timeout 20 acct history bomb --limit 1 >out 2>err &&
	test_must_be_empty err &&
	test_grep "card: (unreadable)" out &&
	test_expect_code 1 acct client show bomb >out 2>err &&
	test_must_be_empty out &&
	test_grep "clients/bomb/client.yaml:2:11: .*contains itself" err
'

test_expect_success 'history changes nothing in the book' '
	test_book_state "$B" >before &&
	acct history acme-corp >/dev/null &&
	acct history acme-corp --json >/dev/null &&
	test_book_state "$B" >after &&
	test_cmp before after
'

test_done
