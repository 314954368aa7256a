#!/bin/sh
# shellcheck disable=SC2016

test_description='the cache of facts under .git/acct/

The agenda (and the portfolio, which holds it) reads the facts of every
record from .git/acct/facts, proved current by stat data and by git'"'"'s
index. Whatever changes (through acct, git or by hand), the answer is
the one ACCT_NO_CACHE=1 gives, byte for byte; a cache that is missing,
damaged, of another version, read-only or locked never fails a command
and is never told of. Today is Monday 2026-11-23 (ACCT_NOW).'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR
C=$B/.git/acct

command -v python3 >/dev/null 2>&1 && test_set_prereq PYTHON

# outcome NAME CMD...: CMD'"'"'s stdout and status in $T/NAME, its stderr in
# $T/NAME.err.
outcome () {
	oc_=$1 &&
	shift &&
	{ "$@" >"$T/$oc_" 2>"$T/$oc_.err"; echo "exit $?" >>"$T/$oc_"; }
}

# same: the agenda and the portfolio with the cache (twice: what changed
# is seen, then the cache as written is read) and without it agree, in
# output, messages and exit status.
same () {
	outcome plain env ACCT_NO_CACHE=1 acct agenda --all --json &&
	outcome cold acct agenda --all --json &&
	outcome warm acct agenda --all --json &&
	test_cmp "$T/plain" "$T/cold" &&
	test_cmp "$T/plain" "$T/warm" &&
	test_cmp "$T/plain.err" "$T/cold.err" &&
	test_cmp "$T/plain.err" "$T/warm.err" &&
	outcome rplain env ACCT_NO_CACHE=1 acct report --all --period 2026-11 \
		--format json &&
	outcome rcold acct report --all --period 2026-11 --format json &&
	test_cmp "$T/rplain" "$T/rcold" &&
	test_cmp "$T/rplain.err" "$T/rcold.err"
}

# same_formats (after same): the portfolio in every other format, with
# the cache as same left it and without it, the same.
same_formats () {
	for f in md html latex man
	do
		outcome "fplain.$f" env ACCT_NO_CACHE=1 acct report --all \
			--period 2026-11 --format $f &&
		outcome "fwarm.$f" acct report --all --period 2026-11 \
			--format $f &&
		test_cmp "$T/fplain.$f" "$T/fwarm.$f" &&
		test_cmp "$T/fplain.$f.err" "$T/fwarm.$f.err" || return 1
	done
}

# valid: the facts cache is there and reads (its header names acct).
valid () {
	test_path_is_file "$C/facts" &&
	head -n 3 "$C/facts" >"$T/head" &&
	printf 'acct cache\nfacts 3\n%s\n' "$(acct --version | sed 's/.* //')" \
		>"$T/head.expect" &&
	test_cmp "$T/head.expect" "$T/head"
}

test_expect_success 'setup: clients, entries with actions, answers' '
	acct init book &&
	acct client add Acme --since 2026-01-10 -q &&
	acct client add "Beta Labs" --since 2026-03-01 -q &&
	acct client add Gamma --since 2026-06-01 -q &&
	cat >"$T/body.md" <<-\EOF &&
	They want more leads.

	## Actions
	- [ ] Send the media plan @anna due:2026-11-20
	- [ ] Call back due:2026-11-23
	- [x] Share the access due:2026-11-01
	EOF
	acct log acme "Agreed the budget" --channel call --date 2026-11-02 \
		-F "$T/body.md" -q &&
	acct log beta-labs "Sent the report" --channel email --kind report \
		--date 2026-10-30 -q &&
	acct log gamma "A note" --channel other --kind note \
		--date 2026-11-10 -q &&
	acct nps acme 4 --respondent "Ivan Petrov" --comment "Slow" \
		--date 2026-11-05 &&
	acct nps beta-labs 9 --respondent Anna --date 2026-10-01 &&
	same &&
	same_formats &&
	valid
'

test_expect_success 'the cache is in the git dir, never in the work tree' '
	test_path_is_dir "$C/facts.s" &&
	test -n "$(ls "$C/facts.s")" &&
	git -C "$B" status --porcelain --untracked-files=all >"$T/st" &&
	test_must_be_empty "$T/st"
'

test_expect_success 'ACCT_NO_CACHE=1 neither reads nor writes it' '
	rm -rf "$C/facts" "$C/facts.s" "$C/past" &&
	ACCT_NO_CACHE=1 acct agenda --all >/dev/null &&
	test_path_is_missing "$C/facts" &&
	test_path_is_missing "$C/facts.s" &&
	test_path_is_missing "$C/past" &&
	ACCT_NO_CACHE=0 acct agenda --all >/dev/null &&
	valid
'

test_expect_success 'a missing cache is made again' '
	rm -f "$C/facts" &&
	same &&
	valid
'

test_expect_success 'a truncated cache is none, and is made again' '
	head -c 200 "$C/facts" >"$T/short" &&
	cp "$T/short" "$C/facts" &&
	same &&
	valid &&
	! cmp -s "$T/short" "$C/facts"
'

test_expect_success 'a damaged cache is none, and is made again' '
	size=$(wc -c <"$C/facts") &&
	printf "\377" | dd of="$C/facts" bs=1 seek=$((size - 5)) \
		conv=notrunc 2>/dev/null &&
	cp "$C/facts" "$T/damaged" &&
	same &&
	valid &&
	! cmp -s "$T/damaged" "$C/facts"
'

test_expect_success 'a cache of another acct version is none' '
	sed "3s/.*/0.0.1/" "$C/facts" >"$T/other" &&
	cp "$T/other" "$C/facts" &&
	same &&
	valid
'

test_expect_success 'details that do not go with the summary are none' '
	for f in "$C"/facts.s/*; do cp "$f" "$T/shard" && break; done &&
	for f in "$C"/facts.s/*; do cp "$T/shard" "$f"; done &&
	echo "by hand" >"$B/clients/acme/log/2026/notes.txt" &&
	same &&
	rm "$B/clients/acme/log/2026/notes.txt" &&
	same
'

test_expect_success UNSHARE 'a read-only .git never fails a command' '
	rm -rf "$C/facts" "$C/facts.s" &&
	ACCT_NO_CACHE=1 acct agenda --all --json >"$T/expect" &&
	test_ro_run "$B/.git" "$ACCT_BUILD/acct" agenda --all --json \
		>"$T/actual" 2>"$T/err" &&
	test_cmp "$T/expect" "$T/actual" &&
	test_must_be_empty "$T/err" &&
	test_path_is_missing "$C/facts"
'

test_expect_success FAULT 'a full disk never fails a command, leaves nothing' '
	rm -rf "$C/facts" "$C/facts.s" &&
	ACCT_NO_CACHE=1 acct agenda --all --json >"$T/expect" &&
	test_fault "write:acct/facts=ENOSPC" "$ACCT_BUILD/acct" agenda --all \
		--json >"$T/actual" 2>"$T/err" &&
	test_cmp "$T/expect" "$T/actual" &&
	test_must_be_empty "$T/err" &&
	test_path_is_missing "$C/facts" &&
	ls "$C" >"$T/left" &&
	! grep "\.lock" "$T/left" &&
	same
'

test_expect_success 'another process writing it now: left to it' '
	acct agenda --all >/dev/null &&
	valid &&
	touch "$C/facts.lock" &&
	test_when_finished "rm -f \"$C/facts.lock\"" &&
	cp "$C/facts" "$T/before" &&
	acct log gamma "Called" --channel call --date 2026-11-20 -q &&
	acct agenda --all --json >"$T/actual" 2>"$T/err" &&
	test_must_be_empty "$T/err" &&
	test_cmp "$T/before" "$C/facts" &&
	test_path_is_file "$C/facts.lock" &&
	ACCT_NO_CACHE=1 acct agenda --all --json >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual"
'

test_expect_success 'a lock a killed process left a minute ago is removed' '
	touch -d "2 minutes ago" "$C/facts.lock" &&
	cp "$C/facts" "$T/before" &&
	acct agenda --all >/dev/null 2>"$T/err" &&
	test_must_be_empty "$T/err" &&
	test_path_is_missing "$C/facts.lock" &&
	! cmp -s "$T/before" "$C/facts" &&
	same
'

test_expect_success 'two agendas at once: the same answers, a cache whole' '
	ACCT_NO_CACHE=1 acct agenda --all --json >"$T/expect" &&
	for i in 1 2 3 4 5 6
	do
		rm -f "$C/facts" &&
		{ acct agenda --all --json >"$T/a$i" 2>"$T/a$i.err" & } &&
		acct agenda --all --json >"$T/b$i" 2>"$T/b$i.err" &&
		wait &&
		test_cmp "$T/expect" "$T/a$i" &&
		test_cmp "$T/expect" "$T/b$i" &&
		test_must_be_empty "$T/a$i.err" &&
		test_must_be_empty "$T/b$i.err" || return 1
	done &&
	valid &&
	same
'

test_expect_success 'a card edited by hand is seen at once' '
	same &&
	sed "s/^status: active/status: paused/" "$B/clients/gamma/client.yaml" \
		>"$T/card" &&
	cp "$T/card" "$B/clients/gamma/client.yaml" &&
	acct agenda --all --json >"$T/actual" &&
	! grep "\"client\": \"gamma\"" "$T/actual" &&
	same &&
	git -C "$B" checkout -q -- clients/gamma/client.yaml &&
	acct agenda --all --json >"$T/actual" &&
	grep "\"client\": \"gamma\"" "$T/actual" &&
	same
'

test_expect_success 'a card broken by hand is told as before' '
	cp "$B/clients/beta-labs/client.yaml" "$T/card" &&
	echo "broken: [unclosed" >>"$B/clients/beta-labs/client.yaml" &&
	same &&
	same_formats &&
	grep "beta-labs/client.yaml" "$T/cold.err" &&
	cp "$T/card" "$B/clients/beta-labs/client.yaml" &&
	same
'

test_expect_success 'an entry added and removed by hand is seen at once' '
	mkdir -p "$B/clients/gamma/log/2026" &&
	cat >"$B/clients/gamma/log/2026/2026-11-21T1000-by-hand.md" <<-\EOF &&
	---
	date: 2026-11-21T10:00+00:00
	channel: call
	direction: out
	kind: postmeet
	summary: Called by hand
	---
	## Actions
	- [ ] Send it due:2026-11-22
	EOF
	acct agenda --all --json >"$T/actual" &&
	grep "Send it due:2026-11-22" "$T/actual" &&
	same &&
	rm "$B/clients/gamma/log/2026/2026-11-21T1000-by-hand.md" &&
	acct agenda --all --json >"$T/actual" &&
	! grep "Send it" "$T/actual" &&
	same
'

test_expect_success 'a bad entry added by hand is told every time' '
	echo "no front matter" >"$B/clients/acme/log/2026/2026-11-22T0900-bad.md" &&
	same &&
	same_formats &&
	grep "2026-11-22T0900-bad.md" "$T/warm.err" &&
	rm "$B/clients/acme/log/2026/2026-11-22T0900-bad.md" &&
	same
'

test_expect_success 'the answers of a client not active count, as it changes' '
	acct client add Epsilon --since 2026-01-01 --status paused -q &&
	acct nps epsilon 10 --csat 4 --respondent Olga --role CMO \
		--survey 2026-Q4 --date 2026-11-06 -q &&
	same &&
	same_formats &&
	grep "\"csat_text\": \"4.00\"" "$T/rcold" &&
	acct client set epsilon status active >/dev/null &&
	same &&
	acct nps epsilon 2 --csat 1 --date 2026-11-07 -q &&
	acct client set epsilon status churned >/dev/null &&
	same &&
	grep "\"csat_text\": \"2.50\"" "$T/rcold" &&
	acct client archive epsilon >/dev/null &&
	same &&
	! grep "\"csat_text\": \"2.50\"" "$T/rcold"
'

test_expect_success 'an entry edited by hand and added is seen' '
	f=$(ls "$B"/clients/acme/log/2026/*agreed*) &&
	sed "s/- \[ \] Send the media plan/- [x] Send the media plan/" "$f" \
		>"$T/entry" &&
	cp "$T/entry" "$f" &&
	git -C "$B" add "${f#$B/}" &&
	acct agenda --all --json >"$T/actual" &&
	! grep "Send the media plan" "$T/actual" &&
	same &&
	git -C "$B" commit -q -m "by hand: tick" &&
	same
'

test_expect_success 'git reset --hard, checkout, stash and revert are seen' '
	acct log acme "One more" --channel chat --date 2026-11-22 -q &&
	same &&
	git -C "$B" reset -q --hard HEAD^ &&
	same &&
	git -C "$B" checkout -q HEAD~3 -- clients/acme &&
	same &&
	git -C "$B" reset -q --hard &&
	same &&
	f=$(ls "$B"/clients/acme/log/2026/*agreed*) &&
	sed "s/kind: postmeet/kind: note/" "$f" >"$T/entry" &&
	cp "$T/entry" "$f" &&
	git -C "$B" stash -q &&
	same &&
	git -C "$B" stash pop -q &&
	git -C "$B" add -A &&
	same &&
	git -C "$B" commit -q -m "by hand: a note" &&
	git -C "$B" revert --no-edit HEAD >/dev/null &&
	same
'

test_expect_success 'a pull of new entries and a rebase are seen' '
	git clone -q "$B" "$T/clone" &&
	(
		cd "$T/clone" &&
		ACCT_DIR=$T/clone &&
		export ACCT_DIR &&
		acct log beta-labs "Called from the other clone" --channel call \
			--date 2026-11-21 -q &&
		acct log gamma "And wrote" --channel email --date 2026-11-21 -q
	) &&
	acct log acme "Here meanwhile" --channel call --date 2026-11-21 -q &&
	same &&
	git -C "$B" pull -q --rebase "$T/clone" HEAD &&
	acct agenda --all --json >"$T/actual" &&
	same &&
	git -C "$B" log --format=%s -3 >"$T/subjects" &&
	grep "Called from the other clone" "$T/subjects"
'

test_expect_success 'a client gone takes its details with it' '
	acct client add Delta -q &&
	acct log delta "Hello" --channel call --date 2026-11-20 -q &&
	same &&
	grep -l -a "delta" "$C"/facts.s/* >"$T/in" &&
	test_line_count = 1 "$T/in" &&
	git -C "$B" rm -q -r clients/delta &&
	git -C "$B" commit -q -m "by hand: no delta" &&
	same &&
	! grep -l -a "delta" "$C"/facts.s/*
'

test_expect_success 'a renamed client is read under its new name' '
	acct client rename gamma "Gamma Group" --slug gamma-group &&
	same &&
	grep -l -a "gamma-group" "$C"/facts.s/* >"$T/in" &&
	test_line_count = 1 "$T/in"
'

test_expect_success 'the details kept as before (a file a client) go' '
	mkdir -p "$C/facts.d" &&
	echo old >"$C/facts.d/acme" &&
	rm "$C/facts" &&
	same &&
	test_path_is_missing "$C/facts.d"
'

# stress_small: tests/stress/cache.py, a few changes (STRESS_CACHE_OPS).
stress_small () {
	STRESS_CACHE_OPS=${STRESS_CACHE_OPS:-8} \
	STRESS_CACHE_SEED=${STRESS_CACHE_SEED:-9300} ACCT_BUILD=$ACCT_BUILD \
		python3 "$TEST_DIRECTORY/../stress/cache.py"
}

test_expect_success PYTHON 'random changes: with and without the cache the same' '
	outcome stress stress_small &&
	cat "$T/stress.err" &&
	grep "all the same" "$T/stress" &&
	grep "exit 0" "$T/stress"
'

test_done
