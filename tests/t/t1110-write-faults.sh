#!/bin/sh
# shellcheck disable=SC2016

test_description='acct: a failing disk never leaves half a change

The system calls of a writing command are made to fail (tests/fault/fault.c
preloaded: ENOSPC or EIO at a chosen rename, write, fsync, link, open).
Whatever fails, the command exits 1 with a message naming what failed and
the book is either exactly as before or has the whole change, never half
of it: after the branch has moved, a failure to put the index in place
moves the branch back. When even the way back fails, the message says
what state the book is in and the one command that repairs it.'

TEST_FSYNC=t
. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book

# --- helpers ----------------------------------------------------------------

snapshot () {
	test_book_state "$B" >"$T/before"
}

unchanged () {
	test_book_state "$B" >"$T/after" &&
	test_cmp "$T/before" "$T/after" &&
	no_stray
}

# failed PATTERN: the last command (output in $T/out, $T/err) printed
# nothing on stdout, "acct: ..." matching PATTERN and a hint on stderr.
failed () {
	test_must_be_empty "$T/out" &&
	test_grep "^acct: " "$T/err" &&
	test_grep -i -e "$1" "$T/err" &&
	test_grep "^hint: " "$T/err"
}

# entries SUMMARY: how many log entries of the book have SUMMARY.
entries () {
	git -C "$B" grep -l "^summary: $1\$" HEAD -- clients | wc -l
}

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: a book with one client' '
	test_book &&
	acct client add Acme -q &&
	acct log acme "First call" --channel call >/dev/null &&
	is_clean
'

# --- the index after the branch has moved (issue 14, point 3) -----------------

test_expect_success FAULT 'index not put in place (EIO) after the commit: nothing happened' '
	cd "$B" &&
	snapshot &&
	test_expect_code 1 test_fault "rename:.git/index.lock=EIO" \
		acct log acme "Second call" --channel call >"$T/out" 2>"$T/err" &&
	failed "index" &&
	test_grep "Input/output error" "$T/err" &&
	test_grep -i "nothing was changed" "$T/err" &&
	unchanged &&
	test $(entries "Second call") = 0
'

test_expect_success FAULT 'index not put in place (ENOSPC): nothing happened, a re-run logs once' '
	cd "$B" &&
	snapshot &&
	test_expect_code 1 test_fault "rename:.git/index.lock=ENOSPC" \
		acct log acme "Second call" --channel call >"$T/out" 2>"$T/err" &&
	failed "No space left on device" &&
	unchanged &&
	remember &&
	acct log acme "Second call" --channel call >"$T/out" &&
	one_commit "log acme: Second call" "$(cat "$T/out")" &&
	test $(entries "Second call") = 1
'

test_expect_success FAULT 'a changed card whose index fails: the old text is back' '
	cd "$B" &&
	snapshot &&
	test_expect_code 1 test_fault "rename:.git/index.lock=EIO" \
		acct client set acme status paused >"$T/out" 2>"$T/err" &&
	failed "index" &&
	unchanged &&
	test_grep "status: active" clients/acme/client.yaml
'

test_expect_success FAULT 'the branch cannot be updated (ENOSPC): says so, not "another process"' '
	cd "$B" &&
	snapshot &&
	test_expect_code 1 test_fault "rename:refs/heads/main.lock=ENOSPC" \
		acct log acme "Third call" --channel call >"$T/out" 2>"$T/err" &&
	failed "branch" &&
	test_grep "No space left on device" "$T/err" &&
	test_grep ! -i "another process" "$T/err" &&
	test_grep -i "nothing was changed" "$T/err" &&
	unchanged
'

test_expect_success FAULT 'the way back fails: the next writing command also repairs the index' '
	cd "$B" &&
	test_expect_code 1 test_fault \
		"rename:.git/index.lock=EIO rename:refs/heads/main.lock@2=ENOSPC" \
		acct log acme "Fifth call" --channel call >"$T/out" 2>"$T/err" &&
	failed "git reset" &&
	remember &&
	acct log acme "Sixth call" --channel call >"$T/out" &&
	one_commit "log acme: Sixth call" "$(cat "$T/out")" &&
	test $(entries "Fifth call") = 1 &&
	test $(entries "Sixth call") = 1
'

test_expect_success FAULT 'the way back fails too: the message gives the state and git reset' '
	cd "$B" &&
	remember &&
	test_expect_code 1 test_fault \
		"rename:.git/index.lock=EIO rename:refs/heads/main.lock@2=ENOSPC" \
		acct log acme "Fourth call" --channel call >"$T/out" 2>"$T/err" &&
	failed "index" &&
	test_grep "was made" "$T/err" &&
	test_grep "git reset" "$T/err" &&
	test_grep ! -i "nothing was changed" "$T/err" &&
	git log -1 --format=%s >"$T/actual" &&
	echo "log acme: Fourth call" >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git rev-parse HEAD^ >"$T/actual.parent" &&
	test_cmp "$T/old-head" "$T/actual.parent" &&
	test_path_is_missing .git/index.lock &&
	git reset -q &&
	is_clean &&
	test $(entries "Fourth call") = 1
'

# --- what is synced (git's core.fsync) ----------------------------------------

# synced CONFIG: run acct log with core.fsync=CONFIG (unset when empty) in
# the book and list the files it fsynced, relative to the book, in
# $T/synced.
synced () {
	if test -n "$1"
	then
		git -C "$B" config core.fsync "$1"
	else
		git -C "$B" config --unset core.fsync
	fi
	rm -f "$T/calls" &&
	env LD_PRELOAD="$ACCT_BUILD/tests/libfault.so" ACCT_FAULT_LOG="$T/calls" \
		acct log acme "Synced $1 call" --channel call >/dev/null &&
	sed -n "s|^fsync $B/||p" "$T/calls" >"$T/synced"
}

test_expect_success FAULT 'by default the entry and the journal are synced, the index is not' '
	cd "$B" &&
	synced "" &&
	test_grep "^clients/acme/log/.*synced-call\.md\.lock$" "$T/synced" &&
	test_grep "^\.git/acct/journal\.lock$" "$T/synced" &&
	test_grep ! "index" "$T/synced" &&
	synced "committed,index" &&
	test_grep "^clients/acme/log/.*synced-committed-index-call\.md\.lock$" "$T/synced" &&
	is_clean
'

test_expect_success FAULT 'core.fsync=none: nothing is synced; "none,reference" syncs again' '
	cd "$B" &&
	synced none &&
	test_must_be_empty "$T/synced" &&
	synced " none , -pack" &&
	test_must_be_empty "$T/synced" &&
	synced "reference,none" &&
	test_grep "^clients/acme/log/" "$T/synced" &&
	git config --unset core.fsync &&
	is_clean
'

test_done
