#!/bin/sh

test_description='acct nps import: ten thousand answers in one commit

A large agency imports its survey export whole: 10,000 answers are one
commit, with no more than a handful of file descriptors open at once
(ulimit -n 256), every <path>.lock closed once written and gone after.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book

# answers N FILE: a CSV export of N answers for acme, each one its own
# respondent, spread over January to October 2026.
answers () {
	awk -v n="$1" 'BEGIN {
		print "client,date,respondent,score,comment"
		for (i = 0; i < n; i++)
			printf "acme,2026-%02d-%02d,Respondent %d,%d,comment %d\n",
				1 + i % 10, 1 + i % 28, i, i % 11, i
	}' >"$2"
}

test_expect_success 'setup: a book with one client, an export of 10,000 answers' '
	test_book &&
	acct client add Acme -q &&
	answers 10000 "$T/survey.csv" &&
	test_line_count = 10001 "$T/survey.csv"
'

test_expect_success '10,000 answers under ulimit -n 256: one commit, all in' '
	cd "$B" &&
	remember &&
	start=$(date +%s) &&
	(cd "$T" && ulimit -n 256 &&
		ACCT_DIR="$B" acct nps import survey.csv >"$T/out" 2>"$T/err") &&
	end=$(date +%s) &&
	echo >&7 "imported 10,000 answers in $(($end - $start)) s" &&
	test_must_be_empty "$T/err" &&
	git rev-list --count "$(cat "$T/old-head")..HEAD" >"$T/actual" &&
	echo 1 >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git log -1 --format=%s >"$T/actual" &&
	echo "nps import: 10000 answers from survey.csv" >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git ls-tree -r --name-only HEAD -- clients/acme/nps >"$T/files" &&
	test_line_count = 10000 "$T/files" &&
	is_clean
'

test_expect_success 'importing the same export again adds nothing' '
	cd "$B" &&
	remember &&
	(cd "$T" && ulimit -n 256 &&
		ACCT_DIR="$B" acct nps import survey.csv >"$T/out" 2>"$T/err") &&
	no_commit &&
	is_clean
'

test_done
