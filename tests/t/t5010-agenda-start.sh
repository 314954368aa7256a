#!/bin/sh
# shellcheck disable=SC2016

test_description='acct agenda: a new card is not a wall of red

A client that never had a contact, a call, a report, a review or an NPS
answer counts its first one from the later of its card'"'"'s since and the
day the card entered the book (the author date of the commit that added
it, on the first-parent line, following client rename --slug); a weekly
or monthly deadline before that day is not due. Today is Monday
2026-11-23 (ACCT_NOW), 09:00 UTC; the default cadences are contact 3wd,
call 14d, report weekly (Friday), NPS 90d, review 90d.'

. ./test-lib.sh

T=$TRASH_DIRECTORY

# on DAY COMMAND...: COMMAND committed on DAY, 09:00 UTC.
on () {
	on_d_=$1T09:00+00:00 &&
	shift &&
	env GIT_AUTHOR_DATE="$on_d_" GIT_COMMITTER_DATE="$on_d_" "$@"
}

# fresh NAME: a new book $T/NAME, in ACCT_DIR.
fresh () {
	B=$T/$1 &&
	ACCT_DIR=$B &&
	export ACCT_DIR &&
	acct init -q "$B"
}

# full_brief CLIENT: a brief with every section written, committed.
full_brief () {
	for s in brand category audience competitors advantages why \
		business-goals marketing-goals project-goals kpi budget \
		deadlines materials
	do
		echo "Written." | acct brief "$1" --section $s -F - || return 1
	done
}

# agenda ARGS...: acct agenda ARGS into $T/agenda.out, nothing on stderr, the
# runs of spaces squeezed.
agenda () {
	acct agenda "$@" >"$T/raw" 2>"$T/err" &&
	test_must_be_empty "$T/err" &&
	tr -s " " <"$T/raw" >"$T/agenda.out"
}

test_expect_success 'day one: clients added today with a since long past owe nothing yet' '
	fresh day1 &&
	acct client add "Old Friend" --since 2025-01-10 -q &&
	acct client add "Last Summer" --since 2025-06-01 -q &&
	acct client add "This Year" --since 2026-01-05 -q &&
	for c in old-friend last-summer this-year
	do
		full_brief $c || return 1
	done &&
	acct agenda --all --exit-code >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	acct agenda --all --json >out &&
	test_grep "\"items\": \[\]" out
'

test_expect_success 'day one: each first one falls due its cadence after today' '
	# Thursday: three working days after Monday
	agenda --all --date 2026-11-25 &&
	test_must_be_empty "$T/agenda.out" &&
	agenda --all --date 2026-11-26 &&
	cat >expect <<-\EOF &&
	write first last-summer due today no outgoing contact yet acct log last-summer --channel chat
	write first old-friend due today no outgoing contact yet acct log old-friend --channel chat
	write first this-year due today no outgoing contact yet acct log this-year --channel chat
	EOF
	test_cmp expect "$T/agenda.out" &&
	# Friday: the first weekly summary
	agenda --all --date 2026-11-27 &&
	grep "^weekly summary" "$T/agenda.out" >actual &&
	test_line_count = 3 actual &&
	test_grep "^weekly summary old-friend due today the weekly summary" actual &&
	# 14 days: the first call
	agenda --all --date 2026-12-07 &&
	grep "^call old-friend due today no call or meeting yet" "$T/agenda.out" &&
	# 90 days: the first review and survey, on 2027-02-21
	agenda --all --date 2027-02-20 &&
	test_grep ! "quarterly review" "$T/agenda.out" &&
	test_grep ! "NPS survey" "$T/agenda.out" &&
	agenda --all --date 2027-02-21 &&
	grep "^quarterly review old-friend due today the first quarterly review" "$T/agenda.out" &&
	grep "^NPS survey old-friend due today no NPS answer yet" "$T/agenda.out"
'

test_expect_success 'a card that entered in August counts from August, not from its since' '
	fresh august &&
	on 2026-08-20 acct client add "Old Friend" --since 2025-01-10 -q &&
	full_brief old-friend &&
	agenda --all &&
	cat >expect <<-\EOF &&
	write first old-friend 90 days overdue no outgoing contact yet acct log old-friend --channel chat
	call old-friend 81 days overdue no call or meeting yet acct log old-friend --channel call
	weekly summary old-friend 3 days overdue the weekly summary acct log old-friend --kind report
	quarterly review old-friend 5 days overdue the first quarterly review acct log old-friend --channel meeting --kind review
	NPS survey old-friend 5 days overdue no NPS answer yet acct nps old-friend SCORE
	EOF
	test_cmp expect "$T/agenda.out" &&
	acct agenda --all --json >out.json &&
	test_grep "\"due\": \"2026-11-18\"" out.json &&
	test_grep "\"due\": \"2026-08-25\"" out.json &&
	test_grep ! "\"due\": \"2025-" out.json
'

test_expect_success 'looking at a day before the card entered: nothing due' '
	agenda --all --date 2026-08-19 &&
	test_must_be_empty "$T/agenda.out"
'

test_expect_success 'a since later than the day the card entered counts from since' '
	on 2026-08-20 acct client add "Late Start" --since 2026-10-01 -q &&
	full_brief late-start &&
	agenda --all &&
	grep " late-start " "$T/agenda.out" >actual &&
	cat >expect <<-\EOF &&
	write first late-start 48 days overdue no outgoing contact yet acct log late-start --channel chat
	call late-start 39 days overdue no call or meeting yet acct log late-start --channel call
	weekly summary late-start 3 days overdue the weekly summary acct log late-start --kind report
	EOF
	test_cmp expect actual
'

test_expect_success 'rename --slug: the card keeps the day it entered' '
	acct client rename old-friend "Old Friend" --slug dear-friend 2>err &&
	agenda --all &&
	grep "^quarterly review dear-friend 5 days overdue the first quarterly review" "$T/agenda.out" &&
	grep "^NPS survey dear-friend 5 days overdue" "$T/agenda.out"
'

test_expect_success 'what the client had counts from then, whenever the card entered' '
	acct log dear-friend "Review" --channel meeting --kind review \
		--date 2026-11-20T10:00 -q &&
	acct nps dear-friend 9 --date 2026-07-01 -q &&
	agenda --all &&
	test_grep ! "quarterly review dear-friend" "$T/agenda.out" &&
	grep "^NPS survey dear-friend 55 days overdue no NPS answer since the last one (last 2026-07-01)" "$T/agenda.out"
'

test_expect_success 'a card without since counts from the day it entered' '
	fresh nosince &&
	mkdir -p "$B/clients/bare" &&
	printf "name: Bare\nstatus: active\n" >"$B/clients/bare/client.yaml" &&
	git -C "$B" add clients/bare/client.yaml &&
	on 2026-08-20 git -C "$B" commit -q -m "by hand: bare" &&
	full_brief bare &&
	agenda --all &&
	grep "^quarterly review bare 5 days overdue the first quarterly review" "$T/agenda.out" &&
	grep "^weekly summary bare 3 days overdue" "$T/agenda.out"
'

test_expect_success 'a card not committed yet owes nothing' '
	mkdir -p "$B/clients/draft" &&
	printf "name: Draft\nsince: 2024-01-01\n" >"$B/clients/draft/client.yaml" &&
	agenda --all &&
	grep " draft " "$T/agenda.out" >actual &&
	echo "brief draft - no brief yet acct brief draft" >expect &&
	test_cmp expect actual &&
	rm -r "$B/clients/draft"
'

test_expect_success 'a card in the first commit of a book made with plain git' '
	mkdir -p "$T/plain/clients/first" &&
	git init -q "$T/plain" &&
	cp -R "$T/day1/.acct" "$T/day1/.gitattributes" "$T/plain/" &&
	printf "name: First\nsince: 2024-01-01\n" >"$T/plain/clients/first/client.yaml" &&
	git -C "$T/plain" add . &&
	on 2026-08-20 git -C "$T/plain" commit -q -m "a book by hand" &&
	B=$T/plain && ACCT_DIR=$B && export ACCT_DIR &&
	full_brief first &&
	agenda --all &&
	grep "^quarterly review first 5 days overdue the first quarterly review" "$T/agenda.out"
'

test_expect_success 'a card merged from a branch entered with the merge' '
	fresh merged &&
	git -C "$B" checkout -q -b side &&
	on 2026-08-20 acct client add "Side Client" --since 2024-01-01 -q &&
	full_brief side-client &&
	git -C "$B" checkout -q - &&
	on 2026-08-21 acct client add "Main Client" --since 2024-01-01 -q &&
	on 2026-09-01 git -C "$B" merge -q --no-ff -m "merge side" side &&
	full_brief main-client &&
	agenda --all --date 2026-11-29 &&
	grep "^quarterly review main-client" "$T/agenda.out" &&
	test_grep ! "quarterly review side-client" "$T/agenda.out" &&
	agenda --all --date 2026-11-30 &&
	grep "^quarterly review side-client due today the first quarterly review" "$T/agenda.out"
'

test_expect_success 'what the walk found is kept in .git/acct/folderlog' '
	B=$T/merged && ACCT_DIR=$B && export ACCT_DIR &&
	rm -rf "$B/.git/acct" &&
	agenda --all --date 2026-11-30 &&
	cp "$T/agenda.out" first &&
	test_path_is_file "$B/.git/acct/folderlog" &&
	head -n 2 "$B/.git/acct/folderlog" >head &&
	printf "acct cache\nfolderlog 2\n" >expect &&
	test_cmp expect head &&
	# the same answer from the cache, from a damaged one, and without
	agenda --all --date 2026-11-30 &&
	test_cmp first "$T/agenda.out" &&
	echo garbage >"$B/.git/acct/folderlog" &&
	agenda --all --date 2026-11-30 &&
	test_cmp first "$T/agenda.out" &&
	ACCT_NO_CACHE=1 acct agenda --all --date 2026-11-30 >raw &&
	tr -s " " <raw >nocache &&
	test_cmp first nocache &&
	# a new commit: the walk stops where the kept list begins
	acct log main-client "Call" --channel call -q &&
	agenda --all --date 2026-11-30 &&
	grep "^quarterly review side-client due today" "$T/agenda.out" &&
	git -C "$B" status --porcelain >status &&
	test_must_be_empty status
'

test_expect_success UNSHARE 'a read-only book: the same agenda, no cache, nothing said' '
	rm -f "$B/.git/acct/folderlog" &&
	test_ro_run "$B" acct agenda --all --date 2026-11-30 >raw 2>err &&
	test_must_be_empty err &&
	tr -s " " <raw >ro &&
	grep "^quarterly review side-client due today" ro &&
	test_path_is_missing "$B/.git/acct/folderlog"
'

test_done
