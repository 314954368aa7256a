#!/bin/sh
# shellcheck disable=SC2016

test_description='acct: a signal never leaves half a change

A writing command gets SIGINT, SIGTERM, SIGHUP or SIGKILL at a chosen
moment (tests/fault/fault.c sends it at the Nth lock file, rename ...).
Before the renames begin, a catchable signal removes every lock and
temporary file and the book is as before; during the renames it waits
until the change is whole. After SIGKILL the next command explains the
stale .git/index.lock as git does, and once it is removed the next
writing command puts back what the killed one left.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

# --- helpers ----------------------------------------------------------------

snapshot () {
	test_book_state "$B" >"$T/before"
}

unchanged () {
	test_book_state "$B" >"$T/after" &&
	test_cmp "$T/before" "$T/after" &&
	no_stray
}

# survey N NAME: an export of N answers for acme, respondents NAME-<i>.
survey () {
	awk -v n="$1" -v name="$2" 'BEGIN {
		print "client,date,respondent,score"
		for (i = 0; i < n; i++)
			printf "acme,2026-%02d-%02d,%s %d,%d\n",
				1 + i % 10, 1 + i % 28, name, i, i % 11
	}' >"$T/$2.csv"
}

# answers NAME: how many answers of respondents NAME-<i> HEAD has.
answers () {
	git -C "$B" ls-tree -r --name-only HEAD -- clients/acme/nps |
		grep -c -e "-$1-[0-9]*\.yaml\$"
}

# stale_lock_explained: a writing command now exits 1 naming the lock
# the killed command left and saying what to do.
stale_lock_explained () {
	test_expect_code 1 acct client add "Probe" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "^acct: .*\.git/index\.lock" "$T/err" &&
	test_grep -i "another acct .*process may be running" "$T/err" &&
	test_grep "^hint: .*remove" "$T/err" &&
	test_path_is_missing "$B/clients/probe"
}

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: a book with one client' '
	test_book &&
	acct client add Acme -q &&
	is_clean
'

# --- catchable signals --------------------------------------------------------

test_expect_success FAULT 'SIGINT while writing the 80th of 100 lock files: all gone' '
	survey 100 int &&
	snapshot &&
	test_expect_code 130 test_fault "open:.yaml.lock@80=INT" \
		acct nps import "$T/int.csv" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	unchanged
'

test_expect_success FAULT 'SIGHUP while writing a lock file: all gone' '
	survey 100 hup &&
	snapshot &&
	test_expect_code 129 test_fault "write:.yaml.lock@5=HUP" \
		acct nps import "$T/hup.csv" >"$T/out" 2>"$T/err" &&
	unchanged
'

test_expect_success FAULT 'SIGTERM in the middle of the renames: the change is whole' '
	survey 100 term &&
	remember &&
	test_expect_code 143 test_fault "rename:.yaml.lock@50=TERM" \
		acct nps import "$T/term.csv" >"$T/out" 2>"$T/err" &&
	git -C "$B" log -1 --format=%s >"$T/actual" &&
	test_grep "^nps import: 100 answers from " "$T/actual" &&
	test $(answers term) = 100 &&
	is_clean
'

test_expect_success FAULT 'SIGINT as the branch moves: the change is whole' '
	survey 10 late &&
	remember &&
	test_expect_code 130 test_fault "rename:refs/heads/main.lock=INT" \
		acct nps import "$T/late.csv" >"$T/out" 2>"$T/err" &&
	test $(answers late) = 10 &&
	is_clean
'

# --- SIGKILL ------------------------------------------------------------------

test_expect_success FAULT 'SIGKILL among the lock files: the stale lock is explained' '
	survey 100 kill1 &&
	remember &&
	test_expect_code 137 test_fault "open:.yaml.lock@50=KILL" \
		acct nps import "$T/kill1.csv" >"$T/out" 2>"$T/err" &&
	test_path_is_file "$B/.git/index.lock" &&
	stale_lock_explained
'

test_expect_success FAULT 'once the lock is removed, the next command puts the book back' '
	rm "$B/.git/index.lock" &&
	remember &&
	acct client add Beta -q &&
	one_commit "client add beta: Beta" clients/beta/client.yaml &&
	test $(answers kill1) = 0 &&
	acct nps import "$T/kill1.csv" >"$T/out" &&
	test $(answers kill1) = 100 &&
	is_clean
'

test_expect_success FAULT 'SIGKILL in the middle of the renames: put back by the next command' '
	survey 100 kill2 &&
	remember &&
	test_expect_code 137 test_fault "rename:.yaml.lock@50=KILL" \
		acct nps import "$T/kill2.csv" >"$T/out" 2>"$T/err" &&
	no_commit &&
	stale_lock_explained &&
	rm "$B/.git/index.lock" &&
	acct client add Gamma -q &&
	one_commit "client add gamma: Gamma" clients/gamma/client.yaml &&
	test $(answers kill2) = 0
'

test_expect_success FAULT 'SIGKILL after the branch moved: completed by the next command' '
	survey 10 kill3 &&
	remember &&
	test_expect_code 137 test_fault "rename:.git/index.lock=KILL" \
		acct nps import "$T/kill3.csv" >"$T/out" 2>"$T/err" &&
	test $(answers kill3) = 10 &&
	stale_lock_explained &&
	rm "$B/.git/index.lock" &&
	remember &&
	acct client add Delta -q &&
	one_commit "client add delta: Delta" clients/delta/client.yaml &&
	test $(answers kill3) = 10
'

test_expect_success FAULT 'SIGKILL of a card change: the old card is back' '
	remember &&
	cp "$B/clients/acme/client.yaml" "$T/card" &&
	test_expect_code 137 test_fault "rename:refs/heads/main.lock=KILL" \
		acct client set acme status paused >"$T/out" 2>"$T/err" &&
	rm "$B/.git/index.lock" &&
	acct client add Epsilon -q &&
	one_commit "client add epsilon: Epsilon" clients/epsilon/client.yaml &&
	test_cmp "$T/card" "$B/clients/acme/client.yaml"
'

test_done
