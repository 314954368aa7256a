#!/bin/sh
# shellcheck disable=SC2016

test_description='action item ids stored in the entry

An action item made by acct (todo add, log with -F, standard input or the
editor) carries its id in its own line, as an HTML comment at the end of
its text ("<!-- id:a1b2c3d -->"), so the id moves with the item: it
survives client rename --slug, an entry renamed -2 by sync and a hand
edit of the text. The id is unique in the book (a copied comment is
replaced), never shows in the text of todo, timeline or a report, and
todo done finds it. Entries written before keep their path-based ids.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

GIT_AUTHOR_NAME="Anna Petrova" GIT_AUTHOR_EMAIL=anna@agency.example
GIT_COMMITTER_NAME="Anna Petrova" GIT_COMMITTER_EMAIL=anna@agency.example
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

script -qec true /dev/null </dev/null >/dev/null 2>&1 && test_set_prereq TTY

ID='[0-9a-f]\{7\}'

# id_in FILE TEXT: the id comment on the item line of FILE holding TEXT.
id_in () {
	sed -n "s/^ *- \[[ x]\] .*$2.* <!-- id:\($ID\) -->.*/\1/p" "$1"
}

# todo_id TEXT: the id "acct todo" shows for the open item TEXT.
todo_id () {
	acct todo | sed -n "s/^\($ID\) .*$1.*/\1/p"
}

hand_entry () {
	mkdir -p "$B/$(dirname "$1")" &&
	cat >"$B/$1" &&
	git -C "$B" add "$1" &&
	git -C "$B" commit -q -m "by hand: $1"
}

test_expect_success 'setup' '
	acct init -q "$B" &&
	acct client add "Acme" --slug acme --since 2026-01-01 -q
'

test_expect_success 'todo add: the id is in the item'"'"'s line, as todo shows it' '
	acct todo add acme "Call the CFO" --owner boris --due 2026-11-30 >out &&
	f=$B/$(cat out) &&
	test_grep "^- \[ \] Call the CFO @boris due:2026-11-30 <!-- id:$ID -->\$" "$f" &&
	id=$(id_in "$f" "Call the CFO") &&
	test -n "$id" &&
	test "$(todo_id "Call the CFO")" = "$id" &&
	echo "$id" >"$T/cfo.id"
'

test_expect_success 'log -F and standard input: every item gets an id, all different' '
	printf "%s\n" "Weekly sync" "" "## Actions" "" \
		"- [ ] Send the media plan @anna due:2026-11-25" \
		"- [x] Approve the creatives @client" \
		"  - [ ] Nested item" \
		"- [ ] Call the CFO" >"$T/body" &&
	acct log acme -F "$T/body" --channel call >out &&
	f=$B/$(cat out) &&
	test "$(grep -c "<!-- id:$ID -->\$" "$f")" = 4 &&
	printf "%s\n" "From stdin" "" "## Actions" "- [ ] Call the CFO" |
		acct log acme -F - >out &&
	g=$B/$(cat out) &&
	{
		id_in "$f" "Send the media plan" &&
		id_in "$f" "Approve the creatives" &&
		id_in "$f" "Nested item" &&
		id_in "$f" "Call the CFO" &&
		id_in "$g" "Call the CFO" &&
		cat "$T/cfo.id"
	} >ids &&
	test_line_count = 6 ids &&
	sort -u ids >uniq &&
	test_line_count = 6 uniq
'

test_expect_success 'the same text added twice at the same moment: two ids' '
	acct todo add acme "Twin task" >out1 &&
	acct todo add acme "Twin task" >out2 &&
	a=$(id_in "$B/$(cat out1)" "Twin task") &&
	b=$(id_in "$B/$(cat out2)" "Twin task") &&
	test -n "$a" && test -n "$b" && test "$a" != "$b"
'

test_expect_success TTY 'the editor: its items get ids too' '
	write_script ed-items <<-\EOF &&
	cat >"$1" <<-\INNER
	Agreed the banners

	## Actions

	- [ ] Send the banners @anna due:2026-11-30
	INNER
	EOF
	EDITOR="$T/ed-items" script -qec "acct log acme --channel meeting" \
		/dev/null >tty.out &&
	f=$B/clients/acme/log/2026/2026-11-23T0900-agreed-the-banners.md &&
	id=$(id_in "$f" "Send the banners") &&
	test -n "$id" &&
	test "$(todo_id "Send the banners")" = "$id"
'

test_expect_success 'the id shows in no text: todo, timeline, reports' '
	acct todo >todo.out &&
	acct timeline --actions >tl.out &&
	acct timeline --json >tl.json &&
	acct todo --json >todo.json &&
	acct report acme --period 2026-W48 >week.md &&
	acct report acme --period 2026-W48 --format json >week.json &&
	acct report acme --period 2026-W48 --format html >week.html &&
	for f in todo.out tl.out tl.json todo.json week.md week.json week.html
	do
		test_grep ! "id:" $f || return 1
	done &&
	test_grep "Call the CFO" week.md &&
	test_grep "\"text\": \"Call the CFO @boris due:2026-11-30\"" todo.json
'

test_expect_success 'todo done takes the stored id and any prefix of 4 digits' '
	id=$(cat "$T/cfo.id") &&
	acct todo done "$(echo "$id" | cut -c1-4)" >out &&
	echo "done $id Call the CFO" >expect &&
	test_cmp expect out &&
	acct todo reopen "$id" >out &&
	echo "reopened $id Call the CFO" >expect &&
	test_cmp expect out
'

test_expect_success 'an entry written before: its path-based id still works' '
	p=clients/acme/log/2026/2026-11-20T1000-old.md &&
	hand_entry $p <<-\EOF &&
	---
	date: 2026-11-20T10:00+00:00
	channel: call
	kind: postmeet
	summary: Old call
	---
	## Actions

	- [ ] Old item @anna
	EOF
	want=$(printf "%s\n%s" "$p" "Old item @anna" | git hash-object --stdin | cut -c1-7) &&
	test "$(todo_id "Old item")" = "$want" &&
	echo "$want" >"$T/old.id" &&
	test_grep ! "id:" "$B/$p"
'

test_expect_success 'client rename --slug: the stored ids stay and todo done finds them' '
	acct todo >before &&
	cfo=$(cat "$T/cfo.id") &&
	acct agenda --all --date 2026-11-26 >agenda.before &&
	plan=$(todo_id "Send the media plan") &&
	test_grep "acct todo done $plan" agenda.before &&
	acct client rename acme "Acme Robotics" --slug acme-robotics &&
	acct agenda --all --date 2026-11-26 >agenda.after &&
	test_grep "acct todo done $plan" agenda.after &&
	acct todo >after &&
	sed "s/acme-robotics *\$/acme/; s/ *\$//" after >after.cut &&
	sed "s/ *\$//" before | grep -v "Old item" >before.cut &&
	grep -v "Old item" after.cut >after.stored &&
	test_cmp before.cut after.stored &&
	acct todo done "$cfo" >out &&
	echo "done $cfo Call the CFO" >expect &&
	test_cmp expect out &&
	test_grep "^- \[x\] Call the CFO @boris due:2026-11-30 <!-- id:$cfo -->\$" \
		"$B"/clients/acme-robotics/log/2026/*call-the-cfo.md
'

test_expect_success 'the path-based id of an entry written before changes with the path' '
	test_must_fail acct todo done "$(cat "$T/old.id")" 2>err &&
	test_grep "no action item" err &&
	test -n "$(todo_id "Old item")"
'

test_expect_success 'a hand edit of the text keeps the id' '
	id=$(todo_id "Send the media plan") &&
	f=$(grep -l "Send the media plan" "$B"/clients/acme-robotics/log/2026/*.md) &&
	sed "s/Send the media plan/Send the final media plan/" "$f" >"$f.new" &&
	mv "$f.new" "$f" &&
	git -C "$B" commit -q -a -m "by hand: the wording" &&
	test "$(todo_id "Send the final media plan")" = "$id" &&
	acct todo done "$id" >out &&
	echo "done $id Send the final media plan" >expect &&
	test_cmp expect out
'

test_expect_success 'a copied id comment: the new item gets an id of its own' '
	id=$(todo_id "Nested item") &&
	printf "%s\n" "Carried over" "" "## Actions" \
		"- [ ] Nested item <!-- id:$id -->" >"$T/copy" &&
	acct log acme-robotics -F "$T/copy" >out &&
	f=$B/$(cat out) &&
	new=$(id_in "$f" "Nested item") &&
	test -n "$new" && test "$new" != "$id" &&
	test_grep ! "id:$id" "$f" &&
	acct todo done "$id" >out &&
	echo "done $id Nested item" >expect &&
	test_cmp expect out
'

test_expect_success 'the same id in two entries by hand: todo done names both, exit 1' '
	id=$(todo_id "Twin task" | head -n 1) &&
	src=$(grep -l "id:$id" "$B"/clients/acme-robotics/log/2026/*.md) &&
	p=clients/acme-robotics/log/2026/2026-11-21T1000-copy.md &&
	{
		printf "%s\n" "---" "date: 2026-11-21T10:00+00:00" \
			"summary: Copy by hand" "---" "## Actions" &&
		grep "id:$id" "$src"
	} | hand_entry $p &&
	test_book_state "$B" >state.before &&
	test_expect_code 1 acct todo done "$id" >out 2>err &&
	test_must_be_empty out &&
	test_grep "the id .$id. is in several entries" err &&
	test_grep -F "$p" err &&
	test_grep -F "${src#"$B/"}" err &&
	test_book_state "$B" >state.after &&
	test_cmp state.before state.after
'

test_expect_success 'sync renames an incoming entry -2: its ids stay' '
	git init -q --bare "$T/srv.git" &&
	acct sync -q --set-remote "$T/srv.git" &&
	git clone -q "$T/srv.git" "$T/two" &&
	printf "%s\n" "Same minute" "" "## Actions" "- [ ] Ours here" >"$T/one" &&
	printf "%s\n" "Same minute" "" "## Actions" "- [ ] Theirs there" >"$T/other" &&
	ACCT_NOW=2026-11-23T10:00+00:00 acct log acme-robotics -F "$T/one" >out1 &&
	ACCT_NOW=2026-11-23T10:00+00:00 acct -C "$T/two" log acme-robotics \
		-F "$T/other" >out2 &&
	test_cmp out1 out2 &&
	ours=$(todo_id "Ours here") &&
	test -n "$ours" &&
	acct sync -q &&
	acct -C "$T/two" sync -q &&
	acct sync -q &&
	ls "$B"/clients/acme-robotics/log/2026/ >names &&
	test_grep -- "-same-minute-2.md" names &&
	test "$(todo_id "Ours here")" = "$ours" &&
	acct -C "$T/two" todo >two.todo &&
	test_grep "^$ours .*Ours here" two.todo &&
	(cd "$T/two" && acct todo done "$ours") >out &&
	echo "done $ours Ours here" >expect &&
	test_cmp expect out
'

test_done
