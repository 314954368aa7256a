#!/bin/sh
# shellcheck disable=SC2016

test_description='acct timeline

Entries newest first, across clients or for one; --since/--until by the
dates in the file names (files outside the range are not even read),
--channel, --kind, --decisions, --actions, --limit, --reverse, --json
(format 1); a malformed entry among good ones: the good ones are shown,
the bad one named file:line:col on stderr and in "errors", exit 1.'

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

# tl_summaries ARGS...: "acct timeline ARGS --json" (exit 0), one
# "<client> <summary>" a line, in the order shown, into $T/actual.
cat >"$T/sum.py" <<\PY
import json, sys
d = json.load(sys.stdin)
assert d["format"] == 1, d.get("format")
for e in d["entries"]:
    print(e["client"], e["summary"])
PY
tl_summaries () {
	acct timeline "$@" --json >"$T/tl.json" 2>"$T/tl.err" &&
	test_must_be_empty "$T/tl.err" &&
	"$PYTHON" "$T/sum.py" <"$T/tl.json" >"$T/actual"
}

# hand_entry PATH: stdin into PATH of the book, committed by hand.
hand_entry () {
	mkdir -p "$B/$(dirname "$1")" &&
	cat >"$B/$1" &&
	git -C "$B" add "$1" &&
	git -C "$B" commit -q -m "by hand: $1"
}

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: three clients and their entries' '
	acct init book >/dev/null &&
	acct client add Acme >/dev/null &&
	acct client add Beta >/dev/null &&
	acct client add Gamma >/dev/null &&
	cat >body.md <<-\EOF &&
	Met Ivan.

	## Decisions

	- Raise bids by 15%
	- Pause the brand campaign

	## Actions

	- [ ] Send the media plan @anna due:2026-11-25
	- [x] Approve the creatives @client
	EOF
	cat >review.md <<-\EOF &&
	## Решения

	- Продлить договор
	EOF
	acct log acme "Agreed the Q4 budget" --channel call --date 2026-11-22T14:30 -F body.md >/dev/null &&
	acct log beta "Weekly report" --channel email --kind report --date 2026-11-21T10:00 >/dev/null &&
	acct log acme "Internal note" --date 2026-11-20T09:15 >/dev/null &&
	acct log beta "Quarterly review" --channel meeting --kind review --date 2026-10-05T16:00 -F review.md >/dev/null &&
	acct log acme "Year-end request" --channel chat --kind request --direction in --date 2025-12-30T11:00 >/dev/null &&
	acct log beta "Complaint about delays" --channel call --kind complaint --direction in --date 2026-11-22T09:00 >/dev/null &&
	git -C "$B" status --porcelain >status &&
	test_must_be_empty status
'

# --- order, clients ---------------------------------------------------------

test_expect_success PYTHON 'newest first across all clients' '
	tl_summaries &&
	cat >expect <<-\EOF &&
	acme Agreed the Q4 budget
	beta Complaint about delays
	beta Weekly report
	acme Internal note
	beta Quarterly review
	acme Year-end request
	EOF
	test_cmp expect actual
'

test_expect_success 'human output: one line an entry, newest first' '
	acct timeline >out 2>err &&
	test_must_be_empty err &&
	test_line_count = 6 out &&
	head -n 1 out >first &&
	test_grep "Agreed the Q4 budget" first &&
	test_grep "acme" first &&
	test_grep "2026-11-22" first &&
	test_grep "call" first &&
	test_grep "postmeet" first &&
	tail -n 1 out >last &&
	test_grep "Year-end request" last &&
	test_grep ! "Raise bids" out &&
	test_grep ! "Send the media plan" out
'

test_expect_success PYTHON 'one client, by slug or unique prefix' '
	tl_summaries acme &&
	cat >expect <<-\EOF &&
	acme Agreed the Q4 budget
	acme Internal note
	acme Year-end request
	EOF
	test_cmp expect actual &&
	tl_summaries ac &&
	test_cmp expect actual &&
	tl_summaries gamma &&
	test_must_be_empty actual
'

test_expect_success 'a client without entries: exit 0, nothing shown' '
	acct timeline gamma >out 2>err &&
	test_must_be_empty err &&
	test_must_be_empty out
'

test_expect_success 'an unknown client: exit 2' '
	test_expect_code 2 acct timeline zz >out 2>err &&
	test_must_be_empty out &&
	test_grep "no such client" err
'

# --- dates -----------------------------------------------------------------

test_expect_success PYTHON '--since, --until (whole days, inclusive), both' '
	tl_summaries --since 2026-11-21 &&
	cat >expect <<-\EOF &&
	acme Agreed the Q4 budget
	beta Complaint about delays
	beta Weekly report
	EOF
	test_cmp expect actual &&
	tl_summaries --until 2026-11-20 &&
	cat >expect <<-\EOF &&
	acme Internal note
	beta Quarterly review
	acme Year-end request
	EOF
	test_cmp expect actual &&
	tl_summaries --since 2026-10-05 --until 2026-11-20 &&
	cat >expect <<-\EOF &&
	acme Internal note
	beta Quarterly review
	EOF
	test_cmp expect actual &&
	tl_summaries acme --since 2026-01-01 --until 2026-12-31 &&
	cat >expect <<-\EOF &&
	acme Agreed the Q4 budget
	acme Internal note
	EOF
	test_cmp expect actual &&
	tl_summaries --since 2027-01-01 &&
	test_must_be_empty actual
'

test_expect_success 'bad --since or --until: exit 2' '
	test_expect_code 2 acct timeline --since 2026-02-30 >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: --since: 2026-02-30 is not a date" err &&
	test_expect_code 2 acct timeline --until yesterday >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: --until: " err
'

test_expect_success 'setup: broken entries far from the rest, and files that are not entries' '
	printf -- "---\ndate: 2026-01-15T10:00+00:00\nsummary: never closed\n" |
		hand_entry clients/beta/log/2026/2026-01-15T1000-broken.md &&
	printf -- "---\ndate: 2024-06-01T10:00+00:00\nchannel: fax\nsummary: x\n---\n" |
		hand_entry clients/acme/log/2024/2024-06-01T1000-broken.md &&
	echo "notes, not an entry" | hand_entry clients/acme/log/README.md &&
	echo "notes, not an entry" | hand_entry clients/acme/log/2026/notes.txt &&
	echo "not an entry either" | hand_entry clients/acme/log/2026/draft.md
'

test_expect_success PYTHON 'entries outside --since/--until are not read: no error' '
	tl_summaries --since 2026-06-01 &&
	test_line_count = 5 actual &&
	tl_summaries --since 2025-01-01 --until 2025-12-31 &&
	echo "acme Year-end request" >expect &&
	test_cmp expect actual &&
	tl_summaries acme --since 2025-01-01 &&
	test_line_count = 3 actual &&
	acct timeline --since 2026-02-01 >out 2>err &&
	test_must_be_empty err &&
	test_line_count = 5 out
'

test_expect_success 'the whole timeline reads them: both named, the rest shown, exit 1' '
	test_expect_code 1 acct timeline >out 2>err &&
	test_line_count = 6 out &&
	test_grep "Agreed the Q4 budget" out &&
	test_grep "Year-end request" out &&
	test_grep "^acct: clients/beta/log/2026/2026-01-15T1000-broken.md:1:1: " err &&
	test_grep "^acct: clients/acme/log/2024/2024-06-01T1000-broken.md:3:10: " err &&
	test_grep "fax" err &&
	test_grep ! "README" err &&
	test_grep ! "notes.txt" err &&
	test_grep ! "draft.md" err
'

test_expect_success PYTHON '--limit stops before an older broken entry' '
	tl_summaries --limit 3 &&
	cat >expect <<-\EOF &&
	acme Agreed the Q4 budget
	beta Complaint about delays
	beta Weekly report
	EOF
	test_cmp expect actual
'

test_expect_success PYTHON '--json: the errors array, file line column message; entries still there' '
	test_expect_code 1 acct timeline --json >tl.json 2>err &&
	"$PYTHON" - <<-\PY
	import json
	d = json.load(open("tl.json", encoding="utf-8"))
	assert d["format"] == 1
	assert len(d["entries"]) == 6, len(d["entries"])
	errs = sorted((e["file"], e["line"], e["column"]) for e in d["errors"])
	assert errs == [("clients/acme/log/2024/2024-06-01T1000-broken.md", 3, 10),
	                ("clients/beta/log/2026/2026-01-15T1000-broken.md", 1, 1)], errs
	for e in d["errors"]:
	    assert isinstance(e["message"], str) and e["message"], e
	PY
'

test_expect_success 'setup: remove the broken entries' '
	git -C "$B" rm -q clients/beta/log/2026/2026-01-15T1000-broken.md \
		clients/acme/log/2024/2024-06-01T1000-broken.md &&
	git -C "$B" commit -q -m "by hand: no broken entries"
'

# --- filters -----------------------------------------------------------------

test_expect_success PYTHON '--channel and --kind' '
	tl_summaries --channel call &&
	cat >expect <<-\EOF &&
	acme Agreed the Q4 budget
	beta Complaint about delays
	EOF
	test_cmp expect actual &&
	tl_summaries --kind report &&
	echo "beta Weekly report" >expect &&
	test_cmp expect actual &&
	tl_summaries --kind note &&
	echo "acme Internal note" >expect &&
	test_cmp expect actual &&
	tl_summaries --channel other &&
	echo "acme Internal note" >expect &&
	test_cmp expect actual &&
	tl_summaries --channel call --kind complaint &&
	echo "beta Complaint about delays" >expect &&
	test_cmp expect actual &&
	tl_summaries beta --channel chat &&
	test_must_be_empty actual
'

test_expect_success 'a bad --channel or --kind: exit 2' '
	test_expect_code 2 acct timeline --channel fax >out 2>err &&
	test_must_be_empty out &&
	test_grep "fax" err &&
	test_expect_code 2 acct timeline --kind memo >out 2>err &&
	test_must_be_empty out &&
	test_grep "memo" err
'

test_expect_success PYTHON '--limit N: the N newest, after filtering' '
	tl_summaries --limit 2 &&
	cat >expect <<-\EOF &&
	acme Agreed the Q4 budget
	beta Complaint about delays
	EOF
	test_cmp expect actual &&
	tl_summaries --kind review --limit 1 &&
	echo "beta Quarterly review" >expect &&
	test_cmp expect actual &&
	tl_summaries --limit 100 &&
	test_line_count = 6 actual &&
	acct timeline --limit 1 >out &&
	test_line_count = 1 out
'

test_expect_success 'a bad --limit: exit 2' '
	test_expect_code 2 acct timeline --limit 0 >out 2>err &&
	test_must_be_empty out &&
	test_expect_code 2 acct timeline --limit -3 >out 2>err &&
	test_must_be_empty out &&
	test_expect_code 2 acct timeline --limit many >out 2>err &&
	test_must_be_empty out
'

test_expect_success PYTHON '--reverse: oldest first; with --limit, the newest N reversed' '
	tl_summaries --reverse &&
	cat >expect <<-\EOF &&
	acme Year-end request
	beta Quarterly review
	acme Internal note
	beta Weekly report
	beta Complaint about delays
	acme Agreed the Q4 budget
	EOF
	test_cmp expect actual &&
	tl_summaries --reverse --limit 2 &&
	cat >expect <<-\EOF &&
	beta Complaint about delays
	acme Agreed the Q4 budget
	EOF
	test_cmp expect actual
'

test_expect_success '--decisions shows the decisions under each entry' '
	acct timeline --decisions >out &&
	test_grep "Raise bids by 15%" out &&
	test_grep "Pause the brand campaign" out &&
	test_grep "Продлить договор" out &&
	test_grep ! "Send the media plan" out &&
	acct timeline acme --decisions --until 2026-11-21 >out &&
	test_grep ! "Raise bids" out
'

test_expect_success PYTHON '--actions shows the action items with their ids and boxes' '
	acct timeline --actions >out &&
	test_grep "Send the media plan" out &&
	test_grep "Approve the creatives" out &&
	test_grep -F "[ ]" out &&
	test_grep -F "[x]" out &&
	test_grep ! "Raise bids" out &&
	acct todo --json >todo.json &&
	id=$("$PYTHON" -c "import json; print([i[\"id\"] for i in json.load(open(\"todo.json\"))[\"items\"] if i[\"text\"].startswith(\"Send the media\")][0])") &&
	test_grep "$id" out
'

# --- JSON --------------------------------------------------------------------

test_expect_success PYTHON '--json: format 1 and the documented fields, typed' '
	acct timeline --json >tl.json &&
	"$PYTHON" - <<-\PY
	import json
	d = json.load(open("tl.json", encoding="utf-8"))
	assert d["format"] == 1, d
	assert "errors" not in d or d["errors"] == [], d.get("errors")
	es = d["entries"]
	assert len(es) == 6, len(es)
	keys = {"date", "client", "channel", "direction", "kind", "summary", "by",
	        "path", "decisions", "actions"}
	for e in es:
	    assert keys <= set(e), sorted(e)
	    assert e["path"].startswith("clients/%s/log/" % e["client"]), e["path"]
	    assert isinstance(e["decisions"], list) and isinstance(e["actions"], list)
	    assert e["by"] == "A U Thor", e["by"]
	e = es[0]
	assert e["date"] == "2026-11-22T14:30+00:00", e["date"]
	assert (e["client"], e["channel"], e["direction"], e["kind"]) == ("acme", "call", "out", "postmeet"), e
	assert e["path"] == "clients/acme/log/2026/2026-11-22T1430-agreed-the-q4-budget.md", e["path"]
	assert e["decisions"] == ["Raise bids by 15%", "Pause the brand campaign"], e["decisions"]
	a = e["actions"]
	assert len(a) == 2, a
	assert a[0]["text"] == "Send the media plan @anna due:2026-11-25", a[0]
	assert a[0]["owner"] == "anna" and a[0]["due"] == "2026-11-25", a[0]
	assert a[0]["done"] is False and a[1]["done"] is True, a
	assert a[1]["owner"] == "client" and a[1]["due"] is None, a[1]
	for x in a:
	    assert isinstance(x["id"], str) and len(x["id"]) >= 7, x
	    assert all(c in "0123456789abcdef" for c in x["id"]), x
	note = [x for x in es if x["summary"] == "Internal note"][0]
	assert note["kind"] == "note" and note["channel"] == "other", note
	assert note["direction"] is None, note
	req = [x for x in es if x["summary"] == "Year-end request"][0]
	assert req["direction"] == "in" and req["channel"] == "chat", req
	rev = [x for x in es if x["summary"] == "Quarterly review"][0]
	assert rev["decisions"] == ["Продлить договор"], rev
	PY
'

test_expect_success PYTHON '--json on an empty selection: an empty list' '
	acct timeline gamma --json >tl.json &&
	"$PYTHON" -c "
import json
d = json.load(open(\"tl.json\"))
assert d[\"format\"] == 1 and d[\"entries\"] == [], d
"
'

# --- malformed entries among good ones --------------------------------------

test_expect_success 'setup: malformed entries between good ones' '
	printf -- "---\ndate: 2026-11-21T12:00+00:00\nchannel: fax\nsummary: bad channel\n---\n" |
		hand_entry clients/beta/log/2026/2026-11-21T1200-bad-channel.md &&
	printf -- "---\nsummary: bad date\ndate: 2026-02-30\n---\n" |
		hand_entry clients/acme/log/2026/2026-11-20T1200-bad-date.md &&
	printf -- "---\ndate: 2026-11-20T13:00+00:00\nsummary: open\n" |
		hand_entry clients/acme/log/2026/2026-11-20T1300-never-closed.md &&
	printf -- "---\ndate: 2026-11-20T14:00+00:00\nsummary: x\nkind: postmeet\ndirection: up\n---\n" |
		hand_entry clients/acme/log/2026/2026-11-20T1400-bad-direction.md
'

test_expect_success PYTHON 'the good ones are shown, each bad one named at file:line:col, exit 1' '
	test_expect_code 1 acct timeline >out 2>err &&
	test_line_count = 6 out &&
	test_grep "Agreed the Q4 budget" out &&
	test_grep "Internal note" out &&
	test_grep ! "bad channel" out &&
	test_grep "^acct: clients/beta/log/2026/2026-11-21T1200-bad-channel.md:3:10: " err &&
	test_grep "^acct: clients/acme/log/2026/2026-11-20T1200-bad-date.md:3:7: " err &&
	test_grep "^acct: clients/acme/log/2026/2026-11-20T1300-never-closed.md:1:1: " err &&
	test_grep "^acct: clients/acme/log/2026/2026-11-20T1400-bad-direction.md:5:12: " err &&
	test_expect_code 1 acct timeline --json >tl.json 2>err &&
	"$PYTHON" - <<-\PY
	import json
	d = json.load(open("tl.json", encoding="utf-8"))
	assert d["format"] == 1
	assert len(d["entries"]) == 6, [e["summary"] for e in d["entries"]]
	errs = sorted((e["file"].rsplit("/", 1)[1], e["line"], e["column"]) for e in d["errors"])
	assert errs == [("2026-11-20T1200-bad-date.md", 3, 7),
	                ("2026-11-20T1300-never-closed.md", 1, 1),
	                ("2026-11-20T1400-bad-direction.md", 5, 12),
	                ("2026-11-21T1200-bad-channel.md", 3, 10)], errs
	PY
'

test_expect_success PYTHON 'filters skip nothing silently: a bad entry in range is still named' '
	test_expect_code 1 acct timeline beta --channel email >out 2>err &&
	test_grep "Weekly report" out &&
	test_grep "bad-channel.md:3:10" err &&
	acct timeline beta --since 2026-11-22 >out 2>err &&
	test_must_be_empty err &&
	test_grep "Complaint about delays" out
'

test_expect_success 'entries that are no files or too large: named, never waited on' '
	L=clients/acme/log/2026 &&
	mkfifo "$B/$L/2026-11-20T1500-a-fifo.md" &&
	ln -s /dev/zero "$B/$L/2026-11-20T1600-a-link.md" &&
	{
		printf -- "---\ndate: 2026-11-20T17:00+00:00\nsummary: huge\n---\n" &&
		head -c 8388608 /dev/zero | tr "\0" a
	} >"$B/$L/2026-11-20T1700-huge.md" &&
	test_when_finished "rm -f \"$B/$L\"/2026-11-20T1[567]00-*.md" &&
	test_expect_code 1 timeout 20 acct timeline acme >out 2>err &&
	test_grep "Agreed the Q4 budget" out &&
	test_grep "^acct: $L/2026-11-20T1500-a-fifo.md: .*not a regular file" err &&
	test_grep "^acct: $L/2026-11-20T1600-a-link.md: .*symbolic link" err &&
	test_grep "^acct: $L/2026-11-20T1700-huge.md: is larger than 8 MiB, the limit for input" err
'

test_expect_success 'setup: remove the malformed entries' '
	git -C "$B" rm -q clients/beta/log/2026/2026-11-21T1200-bad-channel.md \
		clients/acme/log/2026/2026-11-20T1200-bad-date.md \
		clients/acme/log/2026/2026-11-20T1300-never-closed.md \
		clients/acme/log/2026/2026-11-20T1400-bad-direction.md &&
	git -C "$B" commit -q -m "by hand: clean again"
'

# --- time zones --------------------------------------------------------------

# (Written a few days on, in December: a log entry is never dated more
# than a day ahead.)
test_expect_success PYTHON 'newest first by the moment, whatever the offset it was written in' '
	ACCT_NOW=2026-12-05T09:00+00:00 \
		acct log gamma "Moscow morning" --date 2026-12-01T14:30+03:00 >/dev/null &&
	ACCT_NOW=2026-12-05T09:00+00:00 \
		acct log gamma "London noon" --date 2026-12-01T12:00+00:00 >/dev/null &&
	tl_summaries gamma &&
	cat >expect <<-\EOF &&
	gamma London noon
	gamma Moscow morning
	EOF
	test_cmp expect actual
'

test_expect_success PYTHON '--since/--until are local days (TZ): an entry late on a day in UTC' '
	ACCT_NOW=2026-12-05T09:00+00:00 \
		acct log gamma "Late in Moscow" --date 2026-12-03T01:30+03:00 >/dev/null &&
	tl_summaries gamma --since 2026-12-02 --until 2026-12-02 &&
	echo "gamma Late in Moscow" >expect &&
	test_cmp expect actual
'

test_expect_success 'reading commands leave the book as it was' '
	test_book_state "$B" >before &&
	acct timeline >/dev/null &&
	acct timeline --json --actions --decisions >/dev/null &&
	test_book_state "$B" >after &&
	test_cmp before after
'

test_done
