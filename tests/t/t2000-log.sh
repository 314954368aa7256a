#!/bin/sh
# shellcheck disable=SC2016

test_description='acct log

One file per entry at clients/<slug>/log/<YYYY>/<YYYY-MM-DD>T<HHMM>-<words>.md
(printed on stdout), a taken name gets -2 and is never overwritten; the
front matter is written by a YAML emitter so any summary reads back
exactly; every option and its default; the body from -F FILE or -F -
(the first line is the summary when none is given); every error exits
with its code, prints nothing on stdout and leaves the book as it was;
the editor session (on a terminal made by script(1)); the commit subject
is cut on a character boundary and no user text becomes a trailer.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

PYTHON=$(python3 -c "import sys; print(sys.executable)" 2>/dev/null) ||
PYTHON=python3
test -n "$PYTHON" || PYTHON=python3
"$PYTHON" -c "import json" >/dev/null 2>&1 && test_set_prereq PYTHON
"$PYTHON" -c "import yaml" >/dev/null 2>&1 && test_set_prereq PYYAML
script -qec true /dev/null </dev/null >/dev/null 2>&1 && test_set_prereq TTY

# --- helpers ----------------------------------------------------------------

is_clean () {
	git -C "$B" status --porcelain --untracked-files=all >"$T/status.out" &&
	test_must_be_empty "$T/status.out" &&
	no_stray
}

# one_commit SUBJECT PATH...: one commit on the remembered HEAD, with
# SUBJECT, adding exactly PATHs; the book is clean afterwards.
one_commit () {
	echo "$1" >"$T/expect.subject" &&
	shift &&
	git -C "$B" log -1 --format=%s >"$T/actual.subject" &&
	test_cmp "$T/expect.subject" "$T/actual.subject" &&
	git -C "$B" rev-parse HEAD^ >"$T/actual.parent" &&
	test_cmp "$T/old-head" "$T/actual.parent" &&
	printf "%s\n" "$@" >"$T/expect.paths" &&
	git -C "$B" diff-tree -r --no-commit-id --name-only HEAD >"$T/actual.paths" &&
	test_cmp "$T/expect.paths" "$T/actual.paths" &&
	git -C "$B" diff-tree -r --no-commit-id --diff-filter=A --name-only HEAD >"$T/actual.added" &&
	test_cmp "$T/expect.paths" "$T/actual.added" &&
	is_clean
}

# snapshot and unchanged (test-lib) compare .git/acct too, caches aside.
book_state_acct=t

# path_shape SLUG FILE: FILE holds one line, an entry path of SLUG.
path_shape () {
	test_line_count = 1 "$2" &&
	test_grep -E "^clients/$1/log/[0-9]{4}/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{4}-[a-z0-9]+(-[a-z0-9]+)*\.md\$" "$2"
}

# body_of FILE: what follows the front matter of the entry FILE.
body_of () {
	awk 'n >= 2 { print; next } /^---\r?$/ { n++ }' "$1"
}

# body_of_items FILE: body_of, without the id comment acct writes at the
# end of each action item (" <!-- id:a1b2c3d -->"; t2300), and each item
# has one.
body_of_items () {
	body_of "$1" >"$T/body.raw" &&
	! grep "^- \[[ x]\] " "$T/body.raw" | grep -v " <!-- id:[0-9a-f]\{7\} -->.\{0,1\}\$" &&
	sed "s/ <!-- id:[0-9a-f]\{7\} -->//" "$T/body.raw"
}

# entry PATH FIELD=VALUE...: "acct timeline --json" has the entry at PATH
# with each FIELD holding VALUE (a string as it is, else compact JSON).
cat >"$T/entry.py" <<\PY
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
path = sys.argv[2]
hits = [e for e in d["entries"] if e["path"] == path]
if len(hits) != 1:
    print("%d entries with path %s" % (len(hits), path))
    sys.exit(1)
e, bad = hits[0], 0
for arg in sys.argv[3:]:
    k, want = arg.split("=", 1)
    v = e.get(k, "<missing>")
    got = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False,
                                                  separators=(",", ":"))
    if got != want:
        print("%s: want %r, got %r" % (k, want, got))
        bad = 1
sys.exit(bad)
PY
# (Only that client and day are read: the book grows in this script.)
entry () {
	slug_e_=${1#clients/} &&
	slug_e_=${slug_e_%%/*} &&
	day_e_=${1##*/} &&
	day_e_=${day_e_%%T*} &&
	acct timeline "$slug_e_" --since "$day_e_" --until "$day_e_" --json >"$T/tl.json" &&
	"$PYTHON" "$T/entry.py" "$T/tl.json" "$@"
}

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: a book with two clients' '
	acct init book >/dev/null &&
	acct client add Acme >/dev/null &&
	acct client add "ООО «Ромашка»" >/dev/null &&
	test_path_is_file "$B/clients/ooo-romashka/client.yaml" &&
	is_clean
'

# --- the file and the commit -------------------------------------------------

test_expect_success 'log: the new path on stdout, one new file, one commit' '
	remember &&
	acct log acme "Agreed the Q4 budget" --channel call >out 2>err &&
	test_must_be_empty err &&
	echo clients/acme/log/2026/2026-11-23T0900-agreed-the-q4-budget.md >expect &&
	test_cmp expect out &&
	path_shape acme out &&
	one_commit "log acme: Agreed the Q4 budget" "$(cat out)"
'

test_expect_success 'the front matter is exactly the fields, in order' '
	cat >expect <<-\EOF &&
	---
	date: 2026-11-23T09:00+00:00
	channel: call
	direction: out
	kind: postmeet
	summary: Agreed the Q4 budget
	by: A U Thor
	---
	EOF
	test_cmp expect "$B/clients/acme/log/2026/2026-11-23T0900-agreed-the-q4-budget.md"
'

test_expect_success 'the commit: author from git config, dates from GIT_*_DATE, a trailer' '
	echo "A U Thor <author@example.com>" >expect &&
	git -C "$B" log -1 --format="%an <%ae>" >actual &&
	test_cmp expect actual &&
	git -C "$B" log -1 --format="%cn <%ce>" >actual &&
	test_cmp expect actual &&
	echo "$test_tick $test_tick" >expect &&
	git -C "$B" log -1 --format="%at %ct" >actual &&
	test_cmp expect actual &&
	git -C "$B" log -1 --format=%B >msg &&
	git interpret-trailers --parse <msg >actual &&
	echo "Acct-Command: log" >expect &&
	test_cmp expect actual
'

test_expect_success 'the same minute and summary again: -2, then -3; never an overwrite' '
	p=clients/acme/log/2026/2026-11-23T0900-agreed-the-q4-budget &&
	cksum "$B/$p.md" >before &&
	test_tick &&
	remember &&
	acct log acme "Agreed the Q4 budget" --channel call >out &&
	echo "$p-2.md" >expect &&
	test_cmp expect out &&
	one_commit "log acme: Agreed the Q4 budget" "$p-2.md" &&
	remember &&
	acct log acme "Agreed the Q4 budget!" --channel email >out &&
	echo "$p-3.md" >expect &&
	test_cmp expect out &&
	one_commit "log acme: Agreed the Q4 budget!" "$p-3.md" &&
	cksum "$B/$p.md" >after &&
	test_cmp before after &&
	test_grep "^channel: email" "$B/$p-3.md"
'

test_expect_success 'a name taken by a file committed by hand gets -2' '
	mkdir -p "$B/clients/acme/log/2026" &&
	echo "by hand" >"$B/clients/acme/log/2026/2026-11-23T0900-kickoff.md" &&
	git -C "$B" add clients/acme/log/2026/2026-11-23T0900-kickoff.md &&
	git -C "$B" commit -q -m "by hand" &&
	remember &&
	acct log acme Kickoff >out &&
	echo clients/acme/log/2026/2026-11-23T0900-kickoff-2.md >expect &&
	test_cmp expect out &&
	one_commit "log acme: Kickoff" clients/acme/log/2026/2026-11-23T0900-kickoff-2.md &&
	echo "by hand" >expect &&
	test_cmp expect "$B/clients/acme/log/2026/2026-11-23T0900-kickoff.md" &&
	git -C "$B" rm -q clients/acme/log/2026/2026-11-23T0900-kickoff.md &&
	git -C "$B" commit -q -m "by hand: gone"
'

test_expect_success 'the words of the name: transliterated, lowercase, a few at most' '
	acct log ooo "ООО «Ромашка»: встреча по бюджету" >out &&
	path_shape ooo-romashka out &&
	test_grep "T0900-ooo-romashka" out &&
	acct log ooo "one two three four five six seven eight nine ten eleven twelve" >out &&
	path_shape ooo-romashka out &&
	words=$(sed -e "s|.*T0900-||" -e "s|\.md\$||" out | tr - "\n" | wc -l) &&
	test "$words" -ge 1 &&
	test "$words" -le 6 &&
	acct log ooo "!!! ??? ..." >out &&
	path_shape ooo-romashka out &&
	acct log ooo "🎉🎉" >out &&
	path_shape ooo-romashka out
'

test_expect_success 'a unique prefix of the slug names the client' '
	remember &&
	acct log ac "By prefix" >out &&
	echo clients/acme/log/2026/2026-11-23T0900-by-prefix.md >expect &&
	test_cmp expect out &&
	one_commit "log acme: By prefix" "$(cat out)"
'

# --- summaries read back exactly ------------------------------------------------

test_expect_success 'setup: awkward summaries' '
	cat >summaries <<-\EOF
	He said "hi" and it'"'"'s fine
	Agreed: the budget
	key: value
	# not a comment
	a #b
	---
	...
	- item
	-
	yes
	null
	~
	123
	0x1F
	.NaN
	2026-11-22
	date: 2020-01-01
	@owner
	&anchor
	*alias
	!tag
	%TAG
	`tick
	|
	>
	[a, b]
	{a: 1}
	? key
	  two leading spaces
	trailing space 
	back\slash \n not a newline
	ООО «Ромашка»: договорились о бюджете
	Emoji 🎉 and a ZWJ 👩‍💻 sequence
	’quotes‘ “double” «guillemets»
	EOF
'

test_expect_success 'each odd summary is logged, a path each' '
	: >paths &&
	while IFS= read -r s
	do
		acct log ooo -- "$s" >>paths || return 1
	done <summaries &&
	test_line_count = $(wc -l <summaries) paths &&
	is_clean
'

test_expect_success PYTHON 'each summary reads back exactly (timeline --json)' '
	acct timeline ooo --json >tl.json &&
	cat >check.py <<-\PY &&
	import json, sys
	want = open("summaries", encoding="utf-8", newline="\n").read().split("\n")[:-1]
	paths = open("paths", encoding="utf-8").read().split("\n")[:-1]
	got = {e["path"]: e["summary"] for e in json.load(open("tl.json", encoding="utf-8"))["entries"]}
	bad = 0
	for p, s in zip(paths, want):
	    if got.get(p) != s:
	        print("%s: want %r, got %r" % (p, s, got.get(p)))
	        bad = 1
	sys.exit(bad)
	PY
	"$PYTHON" check.py &&
	is_clean
'

test_expect_success PYYAML 'another YAML reader sees the same strings and only acct'"'"'s keys' '
	cat >fm.py <<-\PY &&
	import sys, yaml
	want = open("summaries", encoding="utf-8", newline="\n").read().split("\n")[:-1]
	paths = open("paths", encoding="utf-8").read().split("\n")[:-1]
	bad = 0
	for p, s in zip(paths, want):
	    text = open(sys.argv[1] + "/" + p, encoding="utf-8").read()
	    fm = text.split("---\n")[1]
	    d = yaml.safe_load(fm)
	    if set(d) != {"date", "channel", "kind", "summary", "by"}:
	        print("%s: keys %r" % (p, sorted(d)))
	        bad = 1
	    if not isinstance(d["summary"], str) or d["summary"] != s:
	        print("%s: want %r, got %r" % (p, s, d["summary"]))
	        bad = 1
	    if not isinstance(d["by"], str):
	        print("%s: by is %r" % (p, d["by"]))
	        bad = 1
	sys.exit(bad)
	PY
	"$PYTHON" fm.py "$B"
'

test_expect_success 'every commit subject is "log ooo-romashka: <summary>" on one line' '
	n=$(wc -l <summaries) &&
	git -C "$B" log -$n --format=%s >subjects &&
	test_line_count = $n subjects &&
	sed -n "s/^log ooo-romashka: //p" subjects >rest &&
	test_line_count = $n rest
'

# --- options and defaults ---------------------------------------------------------

test_expect_success PYTHON 'defaults: channel other, kind note, no direction, by user.name' '
	acct log acme "A plain note" >out &&
	entry "$(cat out)" channel=other kind=note direction=null "by=A U Thor" \
		date=2026-11-23T09:00+00:00 client=acme "summary=A plain note"
'

# An e-mail or a chat is no meeting: "sent the media plan by email" is not
# a post-meeting note.
test_expect_success PYTHON 'a call or meeting: kind postmeet; an email or chat: message; direction out' '
	for c in call meeting
	do
		acct log acme "Talk by $c" --channel $c >out &&
		entry "$(cat out)" channel=$c kind=postmeet direction=out || return 1
	done &&
	for c in email chat
	do
		acct log acme "Sent by $c" --channel $c >out &&
		entry "$(cat out)" channel=$c kind=message direction=out || return 1
	done &&
	acct log acme "Minutes by email" --channel email --kind postmeet >out &&
	entry "$(cat out)" channel=email kind=postmeet direction=out &&
	acct log acme "A chat about nothing" --channel chat --kind note >out &&
	entry "$(cat out)" channel=chat kind=note direction=null &&
	acct log acme "Other channel" --channel other >out &&
	entry "$(cat out)" channel=other kind=note direction=null
'

test_expect_success PYTHON 'every kind; direction out unless the kind is note' '
	for k in postmeet message report review request complaint praise
	do
		acct log acme "Kind $k" --kind $k >out &&
		entry "$(cat out)" kind=$k direction=out channel=other || return 1
	done &&
	acct log acme "Kind note" --kind note --channel call >out &&
	entry "$(cat out)" kind=note direction=null channel=call
'

test_expect_success PYTHON '--direction in and out, also with a note' '
	acct log acme "They called" --channel call --direction in >out &&
	entry "$(cat out)" direction=in kind=postmeet &&
	acct log acme "Their note" --direction in >out &&
	entry "$(cat out)" direction=in kind=note &&
	acct log acme "Our note" --direction out --kind note >out &&
	entry "$(cat out)" direction=out kind=note
'

test_expect_success PYTHON '--by names who talked, in any script' '
	acct log acme "By Boris" --by "Борис Б." >out &&
	entry "$(cat out)" "by=Борис Б." &&
	test_grep "^by: Борис Б\.\$" "$B/$(cat out)"
'

test_expect_success PYTHON '--date: a day, a local time, a time with an offset' '
	acct log acme "On a day" --date 2026-11-20 >out &&
	echo clients/acme/log/2026/2026-11-20T0000-on-a-day.md >expect &&
	test_cmp expect out &&
	entry "$(cat out)" date=2026-11-20T00:00+00:00 &&
	acct log acme "At a time" --date 2026-11-20T14:05 >out &&
	echo clients/acme/log/2026/2026-11-20T1405-at-a-time.md >expect &&
	test_cmp expect out &&
	entry "$(cat out)" date=2026-11-20T14:05+00:00 &&
	acct log acme "At UTC" --date 2026-11-19T08:30+00:00 >out &&
	echo clients/acme/log/2026/2026-11-19T0830-at-utc.md >expect &&
	test_cmp expect out &&
	entry "$(cat out)" date=2026-11-19T08:30+00:00 &&
	acct log acme "Last year" --date 2025-12-31T23:59 >out &&
	echo clients/acme/log/2025/2025-12-31T2359-last-year.md >expect &&
	test_cmp expect out &&
	entry "$(cat out)" date=2025-12-31T23:59+00:00
'

test_expect_success PYTHON '--date with another offset: stored as given, the file named in local time' '
	acct log acme "Moscow call" --date 2026-11-21T01:30+03:00 >out &&
	echo clients/acme/log/2026/2026-11-20T2230-moscow-call.md >expect &&
	test_cmp expect out &&
	entry "$(cat out)" date=2026-11-21T01:30+03:00
'

test_expect_success PYTHON 'TZ decides local time: --date without an offset and "now"' '
	TZ=Europe/Moscow acct log acme "Moscow local" --date 2026-11-20T14:05 >out &&
	echo clients/acme/log/2026/2026-11-20T1405-moscow-local.md >expect &&
	test_cmp expect out &&
	entry "$(cat out)" date=2026-11-20T14:05+03:00 &&
	TZ=Europe/Moscow acct log acme "Moscow now" >out &&
	echo clients/acme/log/2026/2026-11-23T1200-moscow-now.md >expect &&
	test_cmp expect out
'

# --- the body ------------------------------------------------------------------------

test_expect_success 'setup: a body' '
	cat >body.md <<-\EOF
	Met Ivan at their office.

	## Decisions

	- Raise bids by 15% in search ads

	## Actions

	- [ ] Send the media plan @anna due:2026-11-25
	- [x] Approve the creatives @client
	EOF
'

cat >"$T/actions.py" <<\PY
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
e = [e for e in d["entries"] if e["path"] == sys.argv[2]][0]
got = [(a["box"], a["done"], a["owner"], a["due"], a["text"]) for a in e["actions"]]
want = [("[ ]", False, "anna", "2026-11-25", "Send the media plan @anna due:2026-11-25"),
        ("[x]", True, "client", None, "Approve the creatives @client")]
if got != want:
    print("actions: want %r, got %r" % (want, got))
    sys.exit(1)
PY

test_expect_success PYTHON '-F FILE with a summary: the file is the body, as it is (items get ids)' '
	remember &&
	acct log acme "Agreed the media plan" --channel meeting -F body.md >out &&
	one_commit "log acme: Agreed the media plan" "$(cat out)" &&
	body_of_items "$B/$(cat out)" >actual &&
	test_cmp body.md actual &&
	entry "$(cat out)" "summary=Agreed the media plan" kind=postmeet \
		"decisions=[\"Raise bids by 15% in search ads\"]" &&
	"$PYTHON" "$T/actions.py" "$T/tl.json" "$(cat out)"
'

test_expect_success PYTHON '-F FILE without a summary: the first line is the summary' '
	{
		echo "Weekly sync: all on track" &&
		echo &&
		cat body.md
	} >withsummary.md &&
	remember &&
	acct log acme --channel call -F withsummary.md >out &&
	one_commit "log acme: Weekly sync: all on track" "$(cat out)" &&
	entry "$(cat out)" "summary=Weekly sync: all on track" kind=postmeet &&
	body_of "$B/$(cat out)" >actual &&
	test_grep ! "Weekly sync" actual &&
	test_grep "^Met Ivan at their office\.\$" actual &&
	test_grep "^- \[ \] Send the media plan @anna due:2026-11-25 <!-- id:[0-9a-f]\{7\} -->\$" actual
'

test_expect_success PYTHON '-F - reads standard input, with and without a summary' '
	remember &&
	acct log acme "From stdin" -F - <body.md >out &&
	one_commit "log acme: From stdin" "$(cat out)" &&
	body_of_items "$B/$(cat out)" >actual &&
	test_cmp body.md actual &&
	remember &&
	printf "Stdin summary\nand a body line\n" | acct log acme -F - >out &&
	one_commit "log acme: Stdin summary" "$(cat out)" &&
	entry "$(cat out)" "summary=Stdin summary" &&
	body_of "$B/$(cat out)" >actual &&
	echo "and a body line" >expect &&
	test_cmp expect actual
'

test_expect_success 'standard input is read only with -F -' '
	echo "SECRET FROM STDIN" >stdin.txt &&
	acct log acme "Not from stdin" <stdin.txt >out &&
	test_grep ! SECRET "$B/$(cat out)"
'

test_expect_success PYTHON 'a body in CRLF and with a BOM-less Cyrillic text is kept as it is' '
	printf "Текст\r\n\r\n## Задачи\r\n\r\n- [ ] Позвонить @иван due:2026-12-01\r\n" >crlf.md &&
	acct log ooo "CRLF body" -F crlf.md >out &&
	body_of_items "$B/$(cat out)" >actual &&
	test_cmp crlf.md actual &&
	acct todo ooo --json >todo.json &&
	test_grep "Позвонить @иван due:2026-12-01" todo.json
'

# --- errors: exit code, message, nothing on stdout, the book unchanged --------------

test_expect_success 'no terminal, no summary, no -F: exit 2' '
	write_script ed-mark <<-EOF &&
	echo ran >"$T/editor-ran"
	EOF
	EDITOR="$T/ed-mark" refused 2 "summary" acct log acme &&
	test_path_is_missing "$T/editor-ran"
'

test_expect_success 'a bad --channel, --kind or --direction: exit 2 naming it' '
	refused 2 "fax" acct log acme "x" --channel fax &&
	test_grep -e "--channel" err &&
	refused 2 "Call" acct log acme "x" --channel Call &&
	refused 2 "memo" acct log acme "x" --kind memo &&
	test_grep -e "--kind" err &&
	refused 2 "sideways" acct log acme "x" --direction sideways &&
	test_grep -e "--direction" err &&
	refused 2 "--channel" acct log acme "x" --channel ""
'

test_expect_success 'a bad --date: exit 2' '
	refused 2 "2026-02-30" acct log acme "x" --date 2026-02-30 &&
	refused 2 "2026-02-30" acct log acme "x" --date 2026-02-30T10:00 &&
	refused 2 "25" acct log acme "x" --date 2026-11-20T25:00 &&
	refused 2 "yesterday" acct log acme "x" --date yesterday &&
	refused 2 "" acct log acme "x" --date 2026-11-20T10:00+25:00 &&
	refused 2 "" acct log acme "x" --date ""
'

test_expect_success 'a bad --date is said with the option named' '
	refused 2 "acct: --date: 2026-13-01 is not a date (there is no month 13)" \
		acct log acme "x" --date 2026-13-01 &&
	refused 2 "acct: --date: 2026-02-30 is not a date (February 2026 has 28 days)" \
		acct log acme "x" --date 2026-02-30T10:00 &&
	refused 2 "acct: --date: " acct log acme "x" --date yesterday
'

# A moment with an offset is a day ahead or not in local time (TZ), as
# its file name is, not as written.
test_expect_success '--date with an offset: "ahead" is judged on the local date' '
	acct log acme "Kiritimati" --date 2026-11-25T08:00+14:00 >out &&
	test_grep "/2026-11-24T1800-kiritimati.md$" out &&
	git -C "$B" reset -q --hard HEAD^ &&
	refused 2 "acct: --date 2026-11-26 is in the future (today is 2026-11-23)" \
		acct log acme "x" --date 2026-11-25T20:00-10:00
'

test -f /usr/share/zoneinfo/Europe/Moscow && test_set_prereq MOSCOW
test_expect_success MOSCOW 'the same in Moscow: the local date, not the written one' '
	TZ=Europe/Moscow ACCT_NOW=2026-12-08T10:00:00+03:00 \
		acct log acme "Late" --date 2026-12-10T00:30+14:00 >out &&
	test_grep "/2026-12-09T1330-late.md$" out &&
	git -C "$B" reset -q --hard HEAD^ &&
	refused 2 "acct: --date 2026-12-10 is in the future (today is 2026-12-08)" \
		env TZ=Europe/Moscow ACCT_NOW=2026-12-08T10:00:00+03:00 \
		acct log acme "x" --date 2026-12-10T12:00+14:00
'

# The timeline listed a future entry first, as if it were the latest.
test_expect_success '--date more than a day ahead: exit 2 with a hint, nothing written' '
	refused 2 "acct: --date 2027-12-07 is in the future (today is 2026-11-23)" \
		acct log acme "x" --date 2027-12-07 &&
	test_grep "^hint: record what has happened" "$T/err" &&
	refused 2 "--date 2026-11-25 is in the future" \
		acct log acme "x" --date 2026-11-25T00:00 &&
	refused 2 "--date 2026-11-26 is in the future" \
		acct log acme "x" --date 2026-11-25T20:00-10:00 &&
	echo "Planned" >planned.md &&
	refused 2 "--date 2026-11-25 is in the future" \
		acct log acme -F planned.md --date 2026-11-25
'

test_expect_success PYTHON '--date tomorrow is allowed: a client ahead of us in time' '
	acct log acme "Their morning" --date 2026-11-24T23:59 >out &&
	entry "$(cat out)" date=2026-11-24T23:59+00:00 &&
	acct log acme "Their zone" --date 2026-11-24T09:00+14:00 >out &&
	entry "$(cat out)" date=2026-11-24T09:00+14:00
'

test_expect_success 'a newline or control character in a one-line field: exit 2' '
	nl="$(printf "a\nchannel: email")" &&
	refused 2 "summary" acct log acme "$nl" &&
	refused 2 "summary" acct log acme "$(printf "a\rb")" &&
	refused 2 "summary" acct log acme "$(printf "a\tb")" &&
	refused 2 "summary" acct log acme "$(printf "a\033[31mred")" &&
	refused 2 "summary" acct log acme "$(printf "a\342\200\250b")" &&
	refused 2 "by" acct log acme "x" --by "$(printf "Anna\nAcct-Command: undo")" &&
	refused 2 "summary" acct log acme ""
'

test_expect_success 'a first line with a control character from -F: exit 2' '
	printf "a\033b\nbody\n" >ctl.md &&
	refused 2 "summary" acct log acme -F ctl.md
'

test_expect_success 'a body that is not UTF-8 text: exit 2 "is not UTF-8 text"' '
	refused 2 "is not UTF-8 text" acct log acme "x" -F /bin/ls &&
	test_grep -F "/bin/ls" err &&
	refused 2 "is not UTF-8 text" acct log acme -F /bin/ls &&
	printf "summary\nbody\000more\n" >nul.md &&
	refused 2 "is not UTF-8 text" acct log acme -F nul.md &&
	refused 2 "is not UTF-8 text" acct log acme "x" -F nul.md &&
	printf "Caf\351\n" >latin1.md &&
	refused 2 "is not UTF-8 text" acct log acme "x" -F latin1.md &&
	snapshot &&
	test_expect_code 2 acct log acme "x" -F - <nul.md >out 2>err &&
	test_must_be_empty out &&
	test_grep "is not UTF-8 text" err &&
	unchanged
'

test_expect_success 'an empty -F text and no summary: exit 2' '
	: >empty.md &&
	refused 2 "empty" acct log acme -F empty.md &&
	printf "\n\n   \n\n" >blank.md &&
	refused 2 "empty" acct log acme -F blank.md &&
	snapshot &&
	test_expect_code 2 acct log acme -F - </dev/null >out 2>err &&
	test_must_be_empty out &&
	test_grep "empty" err &&
	unchanged
'

test_expect_success 'a -F body with a bad due date exits 2, nothing written' '
	printf "## Actions\n\n- [ ] pay due:2026-13-01\n" >baddue.md &&
	refused 2 "2026-13-01" acct log acme "Bad due" -F baddue.md
'

test_expect_success 'lone CRs end lines: a -F error names the line cmark counts' '
	printf "Summary\r\r## Actions\r\r- [ ] pay due:2026-13-01\r" >crdue.md &&
	refused 2 "crdue.md:5:3: due:" acct log acme -F crdue.md &&
	printf "Summary\n\n## Actions\n\n- [ ] pay due:2026-13-01\n" >lfdue.md &&
	refused 2 "lfdue.md:5:3: due:" acct log acme -F lfdue.md &&
	printf "\r\r\r## Actions\r- [ ] pay due:2026-13-01\r" >crdue2.md &&
	refused 2 "crdue2.md:5:3: due:" acct log acme "Summary" -F crdue2.md
'

test_expect_success PYTHON '-F text with lone CRs: the first line is the summary' '
	printf "Old Mac notes\rFirst body line\r" >cr.md &&
	remember &&
	acct log acme -F cr.md >out &&
	one_commit "log acme: Old Mac notes" "$(cat out)" &&
	entry "$(cat out)" "summary=Old Mac notes"
'

# --- how much is read (issue 14, point 7) ----------------------------------

test_expect_success '-F /dev/zero: exit 2 naming it and the limit, nothing written' '
	refused 2 "'"'/dev/zero'"' is larger than 8 MiB, the limit for input" \
		timeout 20 acct log acme "Zero" -F /dev/zero &&
	test_grep "limits.input_bytes" "$T/err"
'

test_expect_success '-F - with too much on standard input: exit 2, nothing written' '
	snapshot &&
	{ head -c 9000000 /dev/zero | tr "\0" a |
	  test_expect_code 2 acct log acme "Big" -F - >"$T/out" 2>"$T/err"; } &&
	test_must_be_empty "$T/out" &&
	test_grep "^acct: standard input is larger than 8 MiB" "$T/err" &&
	unchanged
'

test_expect_success '-F from a pipe (process substitution) is read' '
	printf "Piped summary\nPiped body\n" >piped.txt &&
	mkfifo fifo.txt &&
	{ cat piped.txt >fifo.txt & } &&
	remember &&
	acct log acme -F fifo.txt >out &&
	one_commit "log acme: Piped summary" "$(cat out)"
'

test_expect_success 'limits.input_bytes in the config sets the limit' '
	git -C "$B" rev-parse HEAD >limit-head &&
	test_when_finished "git -C \"$B\" reset -q --hard \$(cat limit-head)" &&
	sed -i -e "s/^  input_bytes: 8388608 /  input_bytes: 2048 /" "$B/.acct/config.yaml" &&
	test_grep "input_bytes: 2048 " "$B/.acct/config.yaml" &&
	git -C "$B" commit -q -am "a small limit" &&
	head -c 3000 /dev/zero | tr "\0" a >big.txt &&
	refused 2 "'"'big.txt'"' is larger than 2 KiB, the limit for input" \
		acct log acme "Big" -F big.txt &&
	head -c 2000 /dev/zero | tr "\0" a >fits.txt &&
	acct log acme "Fits" -F fits.txt >/dev/null
'

test_expect_success 'a bad limits.input_bytes: exit 1 naming the config' '
	test_when_finished "git -C \"$B\" checkout -q -- .acct/config.yaml" &&
	sed -i -e "s/^  input_bytes: 8388608 /  input_bytes: 8MB /" "$B/.acct/config.yaml" &&
	test_expect_code 1 acct log acme "x" >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: .acct/config.yaml:[0-9]*:16: .limits.input_bytes. must be a whole number" err
'

test_expect_success 'a missing -F file: exit 2 naming it' '
	refused 2 "no-such.md" acct log acme "x" -F no-such.md
'

test_expect_success 'an unknown or ambiguous client: exit 2' '
	refused 2 "no such client" acct log zz "x" &&
	acct client add "Oolong Tea" >/dev/null &&
	refused 2 "ambiguous" acct log oo "x"
'

test_expect_success 'usage errors: exit 2' '
	refused 2 "" acct log &&
	refused 2 "" acct log acme a b &&
	refused 2 "frobnicate" acct log acme x --frobnicate
'

# --- the editor ---------------------------------------------------------------------

test_expect_success 'setup: editors' '
	write_script ed-good <<-EOF &&
	cp "\$1" "$T/template.seen"
	{ echo "Called about the budget"; cat "\$1"; } >"\$1.new" &&
	mv "\$1.new" "\$1"
	EOF
	write_script ed-full <<-EOF &&
	cat >"\$1" <<-\INNER
	Agreed the banners

	## Decisions

	- Green banners

	## Actions

	- [ ] Send the banners @anna due:2026-11-30
	INNER
	EOF
	write_script ed-empty <<-\EOF
	: >"$1"
	EOF
'

test_expect_success TTY 'on a terminal without a summary: the editor writes the entry' '
	remember &&
	EDITOR="$T/ed-good" script -qec "acct log acme --channel call" /dev/null >tty.out &&
	one_commit "log acme: Called about the budget" \
		clients/acme/log/2026/2026-11-23T0900-called-about-the-budget.md &&
	test_grep "## Decisions" template.seen &&
	test_grep "## Actions" template.seen &&
	test_grep "^kind: postmeet" "$B/clients/acme/log/2026/2026-11-23T0900-called-about-the-budget.md" &&
	acct_tmp >tmp.after &&
	test_must_be_empty tmp.after
'

test_expect_success TTY,PYTHON 'the template'"'"'s empty placeholders are not action items' '
	acct todo acme --json >todo.json &&
	"$PYTHON" -c "
import json, sys
items = json.load(open(\"todo.json\"))[\"items\"]
empty = [i for i in items if not i[\"text\"].strip()]
if empty:
    print(\"empty items:\", empty)
    sys.exit(1)
"
'

test_expect_success TTY 'the editor'"'"'s sections are parsed' '
	EDITOR="$T/ed-full" script -qec "acct log acme" /dev/null >tty.out &&
	git -C "$B" log -1 --format=%s >actual &&
	echo "log acme: Agreed the banners" >expect &&
	test_cmp expect actual &&
	acct todo acme >todo.out &&
	test_grep "Send the banners" todo.out
'

test_expect_success TTY 'a Russian book: the template has the Russian sections' '
	sed "s/^locale: en /locale: ru /" "$B/.acct/config.yaml" >config.new &&
	cp config.new "$B/.acct/config.yaml" &&
	test_grep "^locale: ru" "$B/.acct/config.yaml" &&
	git -C "$B" commit -q -a -m "locale: ru" &&
	EDITOR="$T/ed-good" script -qec "acct log acme" /dev/null >tty.out &&
	test_grep "## Решения" template.seen &&
	test_grep "## Задачи" template.seen &&
	sed "s/^locale: ru /locale: en /" "$B/.acct/config.yaml" >config.new &&
	cp config.new "$B/.acct/config.yaml" &&
	git -C "$B" commit -q -a -m "locale: en"
'

test_expect_success TTY 'on a terminal with a summary: no editor' '
	rm -f "$T/editor-ran" &&
	remember &&
	EDITOR="$T/ed-mark" script -qec "acct log acme \"Quick call\" --channel call" /dev/null >tty.out &&
	test_path_is_missing "$T/editor-ran" &&
	one_commit "log acme: Quick call" clients/acme/log/2026/2026-11-23T0900-quick-call.md
'

test_expect_success TTY 'a failing editor: exit 1, nothing written' '
	snapshot &&
	test_expect_code 1 env EDITOR=false script -qec "acct log acme" /dev/null >tty.out &&
	unchanged
'

test_expect_success TTY 'an editor that empties the text: exit 1, nothing written' '
	snapshot &&
	test_expect_code 1 env EDITOR="$T/ed-empty" script -qec "acct log acme" /dev/null >tty.out &&
	unchanged
'

test_expect_success TTY 'an editor that leaves the template unchanged (no summary): exit 1, nothing written' '
	snapshot &&
	test_expect_code 1 env EDITOR=true script -qec "acct log acme" /dev/null >tty.out &&
	unchanged
'

# --- the subject ---------------------------------------------------------------------

test_expect_success PYTHON 'a 300-character Cyrillic summary: the subject is cut on a character boundary' '
	long=$("$PYTHON" -c "print(\"Ж\" * 150 + \"Щ\" * 150)") &&
	acct log acme "$long" >out &&
	entry "$(cat out)" "summary=$long" &&
	git -C "$B" log -1 --format=%s >subject &&
	"$PYTHON" -c "
import sys
raw = open(\"subject\", \"rb\").read().rstrip(b\"\\n\")
s = raw.decode(\"utf-8\")
want = \"log acme: \" + sys.argv[1]
assert s.startswith(\"log acme: ЖЖЖ\"), s
assert len(s) < len(want), len(s)
assert len(s) <= 100, len(s)
cut = s
for tail in (\"...\", \"…\"):
    if cut.endswith(tail):
        cut = cut[:-len(tail)]
assert want.startswith(cut), s
" "$long"
'

test_expect_success 'no summary becomes a commit trailer' '
	for s in "Acct-Command: undo" "Signed-off-by: Mallory <m@example.com>" \
		"Co-authored-by: Eve <e@example.com>"
	do
		acct log acme "$s" >/dev/null &&
		git -C "$B" log -1 --format=%B >msg &&
		git interpret-trailers --parse <msg >actual &&
		echo "Acct-Command: log" >expect &&
		test_cmp expect actual &&
		echo "log acme: $s" >expect &&
		git -C "$B" log -1 --format=%s >actual &&
		test_cmp expect actual || return 1
	done
'

test_expect_success 'another process holds the index lock: exit 1 naming it, nothing written' '
	remember &&
	find "$B/clients" -type f | sort >files.before &&
	: >"$B/.git/index.lock" &&
	test_when_finished "rm -f \"$B/.git/index.lock\"" &&
	test_expect_code 1 acct log acme "Locked out" >out 2>err &&
	test_must_be_empty out &&
	test_grep "index.lock" err &&
	find "$B/clients" -type f | sort >files.after &&
	test_cmp files.before files.after &&
	git -C "$B" rev-parse HEAD >head.now &&
	test_cmp "$T/old-head" head.now &&
	test_path_is_file "$B/.git/index.lock"
'

test_expect_success 'after all this the book is clean' '
	is_clean
'

test_done
