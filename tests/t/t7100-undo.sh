#!/bin/sh
# shellcheck disable=SC2016

test_description='acct undo

Reverts HEAD when acct made it (its message ends with an Acct-Command
trailer) and it has one parent, as one new commit "undo: <subject>":
modified files get their old content back, added files go, removed files
come back, a moved folder moves back. An undo is an acct commit, so undo
twice redoes. Refused (exit 1, nothing on stdout, the book unchanged) for
a commit made with plain git, the first commit, a merge, and a file with
changes not committed (named; the hand edit is kept byte for byte).'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

PYTHON=$(python3 -c "import sys; print(sys.executable)" 2>/dev/null) ||
PYTHON=python3
"$PYTHON" -c "import json" >/dev/null 2>&1 && test_set_prereq PYTHON

# --- helpers ----------------------------------------------------------------

# undone SUBJECT PATH...: HEAD is one new commit on the remembered one,
# "undo: SUBJECT" with acct's trailer, changing exactly PATHs; the book is
# clean; stdout said "undone: SUBJECT".
undone () {
	echo "undo: $1" >"$T/expect.subject" &&
	echo "undone: $1" >"$T/expect.out" &&
	shift &&
	git -C "$B" log -1 --format=%s >"$T/actual.subject" &&
	test_cmp "$T/expect.subject" "$T/actual.subject" &&
	test_cmp "$T/expect.out" "$T/out" &&
	git -C "$B" log -1 --format=%B >"$T/body" &&
	test_grep "^Acct-Command: undo$" "$T/body" &&
	git -C "$B" rev-parse HEAD^ >"$T/actual.parent" &&
	test_cmp "$T/old-head" "$T/actual.parent" &&
	printf "%s\n" "$@" >"$T/expect.paths" &&
	git -C "$B" diff-tree -r --no-commit-id --name-only HEAD >"$T/actual.paths" &&
	test_cmp "$T/expect.paths" "$T/actual.paths" &&
	is_clean
}

# is_clean: git status empty (untracked files too), no lock left.
is_clean () {
	git -C "$B" status --porcelain --untracked-files=all >"$T/status.out" &&
	test_must_be_empty "$T/status.out" &&
	find "$B" \( -name '*.lock' -o -name 'acct-index*' \) -print >"$T/stray" &&
	test_must_be_empty "$T/stray"
}

# refused MESSAGE CMD...: CMD exits 1, prints nothing on stdout, says
# MESSAGE (a fixed string) on stderr after "acct: ", and leaves the book
# exactly as it was.
refused () {
	msg_r_=$1 &&
	shift &&
	test_book_state "$B" >"$T/state.before" &&
	test_expect_code 1 "$@" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "^acct: " "$T/err" &&
	test_grep -F -e "$msg_r_" "$T/err" &&
	test_book_state "$B" >"$T/state.after" &&
	test_cmp "$T/state.before" "$T/state.after"
}

# hand_commit MESSAGE PATH...: commit PATHs with plain git.
hand_commit () {
	msg_h_=$1 &&
	shift &&
	git -C "$B" add -- "$@" &&
	git -C "$B" commit -q -m "$msg_h_"
}

card () {
	echo "$B/clients/$1/client.yaml"
}

# --- refusals on a fresh book -------------------------------------------------

test_expect_success 'setup: a book' '
	acct init book >/dev/null
'

test_expect_success 'the first commit (init) is refused' '
	refused "is the book'"'"'s first" acct undo &&
	test_grep "init: create the book" err
'

test_expect_success 'init in a repository with history is not undone either' '
	git init -q repo &&
	echo notes >repo/notes.txt &&
	git -C repo add notes.txt &&
	git -C repo commit -q -m "notes" &&
	acct init repo >/dev/null &&
	test_book_state repo >before &&
	test_expect_code 1 acct -C repo undo >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: nothing to undo: .* created the book" err &&
	test_book_state repo >after &&
	test_cmp before after
'

test_expect_success 'usage: no operands (exit 2); -h' '
	test_expect_code 2 acct undo now >out 2>err &&
	test_must_be_empty out &&
	test_grep "usage: acct undo \[-n <count>\] \[--json\]" err &&
	acct undo -h >out &&
	test_grep "usage: acct undo \[-n <count>\] \[--json\]" out
'

# --- undo --------------------------------------------------------------------

test_expect_success 'undo of client add: the folder disappears' '
	test_tick &&
	acct client add "Acme" --tag key >/dev/null &&
	remember &&
	test_tick &&
	acct undo >out 2>err &&
	test_must_be_empty err &&
	undone "client add acme: Acme" clients/acme/client.yaml &&
	test_path_is_missing "$B/clients/acme" &&
	test_expect_code 2 acct client show acme 2>/dev/null
'

test_expect_success 'undo of the undo redoes: the card is back, byte for byte' '
	git -C "$B" show HEAD^:clients/acme/client.yaml >expect &&
	remember &&
	test_tick &&
	acct undo >out &&
	undone "undo: client add acme: Acme" clients/acme/client.yaml &&
	test_cmp expect "$(card acme)"
'

test_expect_success 'undo of client set: the old value is back' '
	cp "$(card acme)" before &&
	test_tick &&
	acct client set acme status paused &&
	remember &&
	test_tick &&
	acct undo >out &&
	undone "client set acme: status=paused" clients/acme/client.yaml &&
	test_cmp before "$(card acme)" &&
	acct client show acme --json >show &&
	test_grep "\"status\": \"active\"" show
'

test_expect_success 'twice in a row: undo, then undo of the undo' '
	test_tick &&
	acct client set acme cadence.contact 7d &&
	cp "$(card acme)" after-set &&
	git -C "$B" rev-parse HEAD^ >before-set &&
	test_tick &&
	acct undo >out &&
	git -C "$B" show "$(cat before-set):clients/acme/client.yaml" >expect &&
	test_cmp expect "$(card acme)" &&
	remember &&
	test_tick &&
	acct undo >out &&
	undone "undo: client set acme: cadence.contact=7d" clients/acme/client.yaml &&
	test_cmp after-set "$(card acme)" &&
	git -C "$B" log -3 --format=%s >actual &&
	cat >expect <<-\EOF &&
	undo: undo: client set acme: cadence.contact=7d
	undo: client set acme: cadence.contact=7d
	client set acme: cadence.contact=7d
	EOF
	test_cmp expect actual
'

test_expect_success 'undo of contact add' '
	cp "$(card acme)" before &&
	test_tick &&
	acct client contact add acme "Ivan Ivanov" --email ivan@acme.example &&
	remember &&
	test_tick &&
	acct undo >out &&
	undone "client contact add acme: Ivan Ivanov" clients/acme/client.yaml &&
	test_cmp before "$(card acme)"
'

test_expect_success 'undo of rename --slug: the folder moves back' '
	echo "a note" >"$B/clients/acme/notes.md" &&
	hand_commit "notes" clients/acme/notes.md &&
	cp "$(card acme)" before &&
	test_tick &&
	acct client rename acme "Acme Corp" --slug acme-corp 2>/dev/null &&
	test_path_is_missing "$B/clients/acme" &&
	remember &&
	test_tick &&
	acct undo >out &&
	undone "client rename acme: slug acme-corp, name Acme Corp" \
		clients/acme-corp/client.yaml clients/acme-corp/notes.md \
		clients/acme/client.yaml clients/acme/notes.md &&
	test_path_is_missing "$B/clients/acme-corp" &&
	test_cmp before "$(card acme)" &&
	echo "a note" >expect &&
	test_cmp expect "$B/clients/acme/notes.md"
'

test_expect_success 'a file the commit removed comes back' '
	git -C "$B" rm -q clients/acme/notes.md &&
	test_tick &&
	git -C "$B" commit -q -m "drop notes" -m "Acct-Command: test" &&
	test_path_is_missing "$B/clients/acme/notes.md" &&
	remember &&
	test_tick &&
	acct undo >out &&
	undone "drop notes" clients/acme/notes.md &&
	echo "a note" >expect &&
	test_cmp expect "$B/clients/acme/notes.md"
'

test_expect_success PYTHON '--json: undone, subject, commit, files' '
	test_tick &&
	acct client set acme status paused &&
	git -C "$B" rev-parse HEAD >undone-id &&
	test_tick &&
	acct undo --json >out &&
	git -C "$B" rev-parse HEAD >new-id &&
	"$PYTHON" -c "
import json, sys
d = json.load(open(\"out\"))
assert sorted(d) == [\"commit\", \"commits\", \"files\", \"format\", \"subject\", \"undone\"], d
assert d[\"commits\"] == [{\"commit\": d[\"undone\"], \"subject\": d[\"subject\"]}], d
assert d[\"format\"] == 1, d
assert d[\"undone\"] == open(\"undone-id\").read().strip(), d
assert d[\"commit\"] == open(\"new-id\").read().strip(), d
assert d[\"subject\"] == \"client set acme: status=paused\", d
assert d[\"files\"] == [\"clients/acme/client.yaml\"], d
" &&
	git -C "$B" log -1 --format=%s >actual &&
	echo "undo: client set acme: status=paused" >expect &&
	test_cmp expect actual
'

# --- refusals ----------------------------------------------------------------

test_expect_success 'a commit made with plain git on top is refused' '
	echo "hello" >"$B/README.txt" &&
	hand_commit "add a readme" README.txt &&
	refused "it was not made by acct" acct undo &&
	test_grep "add a readme" err &&
	test_grep "^hint: " err &&
	refused "it was not made by acct" acct undo --json
'

test_expect_success 'a trailer in the body but not as a trailer is not enough' '
	test_tick &&
	acct client set acme status lead &&
	git -C "$B" commit -q --allow-empty -m "by hand" \
		-m "Acct-Command: client set and some prose after it." \
		-m "Signed-off-by: Somebody <s@example.com>" &&
	refused "it was not made by acct" acct undo &&
	git -C "$B" reset -q --hard HEAD^
'

test_expect_success 'a merge is refused' '
	git -C "$B" checkout -q -b side &&
	echo side >"$B/side.txt" &&
	hand_commit "side" side.txt &&
	git -C "$B" checkout -q main &&
	test_tick &&
	acct client set acme status paused &&
	git -C "$B" merge -q --no-ff --no-edit side \
		-m "merge side" -m "Acct-Command: sync" &&
	refused "it is a merge" acct undo
'

test_expect_success 'setup: an acct commit on top again' '
	test_tick &&
	acct client set acme status active &&
	cp "$(card acme)" committed
'

test_expect_success 'a file with changes not committed: refused, named, kept' '
	printf "# a note by hand\n" >>"$(card acme)" &&
	cp "$(card acme)" hand &&
	refused "'"'"'clients/acme/client.yaml'"'"' has changes not committed" \
		acct undo &&
	test_cmp hand "$(card acme)"
'

test_expect_success 'a staged change: refused, kept' '
	git -C "$B" add clients/acme/client.yaml &&
	refused "clients/acme/client.yaml" acct undo &&
	test_cmp hand "$(card acme)" &&
	git -C "$B" reset -q &&
	cp committed "$(card acme)"
'

test_expect_success 'a change to a file the commit did not touch does not matter' '
	echo "draft" >"$B/README.txt" &&
	test_when_finished "git -C \"$B\" checkout -q README.txt" &&
	remember &&
	test_tick &&
	acct undo >out &&
	echo "undone: client set acme: status=active" >expect &&
	test_cmp expect out &&
	echo "draft" >expect &&
	test_cmp expect "$B/README.txt" &&
	git -C "$B" status --porcelain >actual &&
	echo " M README.txt" >expect &&
	test_cmp expect actual
'

test_expect_success 'another process holds the index: exit 1, the lock named' '
	: >"$B/.git/index.lock" &&
	test_when_finished "rm -f \"$B/.git/index.lock\"" &&
	test_expect_code 1 acct undo >out 2>err &&
	test_must_be_empty out &&
	test_grep "index" err
'

test_expect_success 'a detached HEAD is refused' '
	git -C "$B" checkout -q --detach &&
	test_when_finished "git -C \"$B\" checkout -q main" &&
	refused "detached" acct undo
'

# --- undo -n ------------------------------------------------------------------

test_expect_success 'undo -n 3: the last three acct commits undone as one commit' '
	git -C "$B" rev-parse HEAD >before-three &&
	test_tick &&
	acct client set acme status lead &&
	test_tick &&
	acct log acme "Call about the budget" --channel call -q &&
	test_tick &&
	acct client set acme tags --add vip &&
	remember &&
	test_tick &&
	acct undo -n 3 >out 2>err &&
	test_must_be_empty err &&
	cat >expect <<-\EOF &&
	undone: client set acme: tags+=vip
	undone: log acme: Call about the budget
	undone: client set acme: status=lead
	EOF
	test_cmp expect out &&
	git -C "$B" log -1 --format=%s >actual &&
	echo "undo: 3 commits (client set acme: tags+=vip; log acme: Call about the budget; client set acme: status=lead)" >expect &&
	test_cmp expect actual &&
	git -C "$B" log -1 --format=%B >body &&
	test_grep "^Acct-Command: undo$" body &&
	git -C "$B" rev-parse HEAD^ >parent &&
	test_cmp "$T/old-head" parent &&
	git -C "$B" diff --quiet "$(cat before-three)" HEAD &&
	is_clean
'

test_expect_success 'undo after undo -n 3 redoes the three' '
	test_tick &&
	acct undo >out &&
	test_grep "^undone: undo: 3 commits (" out &&
	git -C "$B" diff --quiet "$(cat "$T/old-head")" HEAD &&
	is_clean
'

test_expect_success PYTHON 'undo -n 2 --json: every commit undone, newest first' '
	test_tick &&
	acct client set acme phone "+100" &&
	test_tick &&
	acct client set acme email a@acme.example &&
	git -C "$B" log -2 --format=%H >ids &&
	git -C "$B" log -2 --format=%s >subjects &&
	test_tick &&
	acct undo -n 2 --json >out &&
	"$PYTHON" -c "
import json
d = json.load(open(\"out\"))
ids = open(\"ids\").read().split()
subjects = open(\"subjects\").read().splitlines()
assert [c[\"commit\"] for c in d[\"commits\"]] == ids, d
assert [c[\"subject\"] for c in d[\"commits\"]] == subjects, d
assert d[\"undone\"] == ids[0] and d[\"subject\"] == subjects[0], d
" &&
	git -C "$B" reset -q --hard HEAD^
'

test_expect_success 'undo -n: a plain git commit among them is refused, nothing changed' '
	test_tick &&
	acct client set acme status lead &&
	echo "by hand" >"$B/NOTES.txt" &&
	hand_commit "notes by hand" NOTES.txt &&
	test_tick &&
	acct client set acme status active &&
	refused "cannot undo the last 3 commits: commit 2, '"'"'notes by hand'"'"', was not made by acct" \
		acct undo -n 3 &&
	test_grep "^hint: acct undoes only its own commits" err &&
	refused "commit 2, '"'"'notes by hand'"'"', was not made by acct" \
		acct undo -n 2 --json &&
	remember &&
	test_tick &&
	acct undo -n 1 >out &&
	echo "undone: client set acme: status=active" >expect &&
	test_cmp expect out &&
	git -C "$B" reset -q --hard "$(cat "$T/old-head")"
'

test_expect_success 'undo -n: a merge among them is refused' '
	git -C "$B" checkout -q -b side2 &&
	echo side2 >"$B/side2.txt" &&
	hand_commit "side two" side2.txt &&
	git -C "$B" checkout -q main &&
	test_tick &&
	acct client set acme status paused &&
	git -C "$B" merge -q --no-ff --no-edit side2 \
		-m "merge side two" -m "Acct-Command: sync" &&
	test_tick &&
	acct client set acme status active &&
	refused "cannot undo the last 2 commits: commit 2, '"'"'merge side two'"'"', is a merge" \
		acct undo -n 2
'

test_expect_success 'undo -n past the book'"'"'s creation is refused' '
	acct init fresh >/dev/null &&
	acct -C fresh client add Solo -q &&
	test_book_state fresh >before &&
	test_expect_code 1 acct -C fresh undo -n 2 >out 2>err &&
	test_must_be_empty out &&
	echo "acct: cannot undo the last 2 commits: commit 2, '"'"'init: create the book'"'"', is the book'"'"'s first" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual &&
	test_expect_code 1 acct -C fresh undo -n 5 >out 2>err &&
	test_grep "commit 2, .init: create the book., is the book.s first" err &&
	test_book_state fresh >after &&
	test_cmp before after
'

test_expect_success 'undo -n: a count that is not 1 to 1000 exits 2' '
	for n in 0 -1 1001 x ""
	do
		test_book_state "$B" >before &&
		test_expect_code 2 acct undo -n "$n" >out 2>err &&
		test_must_be_empty out &&
		test_grep "^acct: " err &&
		test_book_state "$B" >after &&
		test_cmp before after || return 1
	done
'

test_done
