#!/bin/sh
# shellcheck disable=SC2016

test_description='acct: a change never undoes one made meanwhile

A writing command reads the file it changes (the card, the brief, a log
entry) before it takes .git/index.lock. When another command commits a
change of that file in between, writing the text read before would undo
it without a word. The first command is stopped (SIGSTOP from
tests/fault/fault.c) just before it takes the lock, another changes the
same file, and when the first goes on it must refuse, exit 1 and change
nothing; a change of another file does not stop it.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

# go_on: let the stopped command go on; its exit status in go_on_status.
go_on () {
	kill -CONT $stopped_pid &&
	{ wait $stopped_pid; go_on_status=$?; }
}

test_expect_success 'setup' '
	test_book &&
	acct client add Acme -q &&
	acct client add Beta -q &&
	printf "CPL 500\n" >"$T/kpi" &&
	printf "Offices in Moscow\n" >"$T/audience" &&
	acct brief acme --section kpi -F "$T/kpi" &&
	is_clean
'

test_expect_success FAULT 'client set, and another set of the card meanwhile: refused' '
	stopped_at_lock "$T/out" "$T/err" acct client set acme status paused &&
	acct client set acme phone "+7 495 000-00-00" &&
	remember &&
	go_on &&
	test $go_on_status = 1 &&
	test_must_be_empty "$T/out" &&
	test_grep "^acct: .*clients/acme/client.yaml.* changed by another" "$T/err" &&
	test_grep "^hint: nothing was changed" "$T/err" &&
	no_commit &&
	test_grep "^phone: " clients/acme/client.yaml &&
	test_grep "^status: active" clients/acme/client.yaml &&
	is_clean
'

test_expect_success FAULT 'brief --section, and another section meanwhile: refused' '
	stopped_at_lock "$T/out" "$T/err" acct brief acme --section audience -F "$T/audience" &&
	printf "CPL 400\n" >"$T/kpi" &&
	acct brief acme --section kpi -F "$T/kpi" &&
	remember &&
	go_on &&
	test $go_on_status = 1 &&
	test_grep "changed by another" "$T/err" &&
	no_commit &&
	test_grep "CPL 400" clients/acme/brief.md &&
	is_clean
'

test_expect_success FAULT 'a change of another file meanwhile does not stop it' '
	stopped_at_lock "$T/out" "$T/err" acct client set acme status paused &&
	acct client set beta status paused &&
	go_on &&
	test $go_on_status = 0 &&
	test_grep "^status: paused" clients/acme/client.yaml &&
	test_grep "^status: paused" clients/beta/client.yaml &&
	is_clean
'

test_done
