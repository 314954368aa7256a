#!/bin/sh
# shellcheck disable=SC2016

test_description='acct agenda

What is due today, as one digest ordered by urgency: detractors, overdue
actions, write first, calls, weekly and monthly reports, quarterly
reviews, NPS surveys, actions due today, incomplete briefs, overloaded
managers. Only active, unarchived clients are due; the git identity
picks the manager by default (everyone when no card names it), --manager
(any part of a name or e-mail, any case; no match is exit 2) and --all
choose. Working days skip weekends and the holidays of the
config; calls show the local time of the client. --exit-code: 3 when
something is due, 0 when nothing is, 1 on an error (an error beats a
finding). Today is Monday 2026-11-23 (ACCT_NOW), 09:00 UTC.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

script -qec true /dev/null </dev/null >/dev/null 2>&1 && test_set_prereq TTY
test -f /usr/share/zoneinfo/Asia/Almaty &&
test -f /usr/share/zoneinfo/America/Los_Angeles &&
test_set_prereq ZONEINFO

# The command that records zeta's survey: the primary contact, quoted.
NPS_ZETA="acct nps zeta SCORE --respondent 'Ann O'\\''Neil'"

# --- helpers ----------------------------------------------------------------

# hand_commit PATH: stdin into PATH of the book in $B, committed by hand.
hand_commit () {
	mkdir -p "$(dirname "$B/$1")" &&
	cat >"$B/$1" &&
	git -C "$B" add "$1" &&
	git -C "$B" commit -q -m "by hand: $1"
}

# edit_commit PATH SED-SCRIPT: PATH of the book through sed, committed.
edit_commit () {
	sed "$2" "$B/$1" >"$T/edit.tmp" &&
	! cmp -s "$T/edit.tmp" "$B/$1" &&
	cp "$T/edit.tmp" "$B/$1" &&
	git -C "$B" commit -q -m "by hand: $1" -- "$1"
}

# undo_commit: drop the last commit (a test's change to the fixture).
undo_commit () {
	git -C "$B" reset -q --hard HEAD^
}

# lg CLIENT SUMMARY DATE [OPTION...]: one log entry, quietly.
lg () {
	lg_c_=$1 lg_s_=$2 lg_d_=$3 &&
	shift 3 &&
	acct log "$lg_c_" "$lg_s_" --date "$lg_d_" -q "$@"
}

# full_brief CLIENT: a brief with every section written, committed.
full_brief () {
	hand_commit "clients/$1/brief.md" <"$T/brief.md"
}

# settled CLIENT: nothing due by the default cadences on Monday
# 2026-11-23: a full brief, a call that is the weekly report on Friday
# 2026-11-20, a review and a happy NPS answer on 2026-11-02.
settled () {
	full_brief "$1" &&
	lg "$1" "Weekly summary" 2026-11-20T10:00 --channel call --kind report &&
	lg "$1" "Quarterly review" 2026-11-02T10:00 --channel meeting --kind review &&
	acct nps "$1" 9 --respondent "Happy Customer" --date 2026-11-02 -q
}

# agenda ARGS...: acct agenda ARGS into $T/actual; exit 0, nothing on
# stderr.
agenda () {
	acct agenda "$@" >"$T/actual" 2>"$T/err" &&
	test_must_be_empty "$T/err"
}

# line WHAT CLIENT: the lines of $T/actual for WHAT and CLIENT, with the
# runs of spaces squeezed, into $T/line (empty when there is none).
line () {
	{ grep "^$1  *$2  " "$T/actual" || :; } | tr -s " " >"$T/line"
}

# has_line TEXT: $T/line is that one line (spaces squeezed).
has_line () {
	echo "$1" >"$T/line.expect" &&
	test_cmp "$T/line.expect" "$T/line"
}

# ids: the ids of beta's action items, as acct todo shows them (a short
# hash of the entry's path and the item's text).
ids () {
	acct todo beta >"$T/todo" &&
	ID_SEND=$(sed -n "s/^\([0-9a-f]*\) .*Send the media plan.*/\1/p" "$T/todo") &&
	ID_APPROVE=$(sed -n "s/^\([0-9a-f]*\) .*Approve the banners.*/\1/p" "$T/todo") &&
	test ${#ID_SEND} = 7 && test ${#ID_APPROVE} = 7
}

# with_ids FILE: FILE with ID_SEND and ID_APPROVE filled in, on stdout.
with_ids () {
	sed -e "s/ID_SEND/$ID_SEND/g" -e "s/ID_APPROVE/$ID_APPROVE/g" "$1"
}

# on DAY COMMAND...: COMMAND committed on DAY, 09:00 UTC: a card counts
# its first contact, call, report, review and survey from the day it
# entered the book (t5010), so the fixture's cards enter on their since.
on () {
	on_d_=$1T09:00+00:00 &&
	shift &&
	env GIT_AUTHOR_DATE="$on_d_" GIT_COMMITTER_DATE="$on_d_" "$@"
}

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: a book with a client for every kind of item' '
	cat >"$T/brief.md" <<-\EOF &&
	# Brief

	## Brand and positioning

	Written.

	## Category

	Written.

	## Audience

	Written.

	## Competitors

	Written.

	## Key advantages

	Written.

	## Why the project exists

	Written.

	## Business goals

	Written.

	## Marketing goals

	Written.

	## Project goals

	Written.

	## KPIs

	Written.

	## Budget

	Written.

	## Deadlines

	Written.

	## Materials and accesses

	- [x] Brand book, logos and photos
	EOF
	acct init book >/dev/null &&
	for c in Acme Beta Gamma Delta Epsilon Eta
	do
		on 2026-01-05 acct client add $c --since 2026-01-05 -q || return 1
	done &&
	on 2026-01-05 acct client add Zeta --since 2026-01-05 -q \
		--manager "Boris Ivanov <boris@agency.example>" &&
	on 2026-01-05 acct client add Iota --since 2026-01-05 --status paused -q &&
	on 2026-01-05 acct client add Kappa --since 2026-01-05 --status lead -q &&
	on 2026-01-05 acct client add Lambda --since 2026-01-05 --status churned -q &&
	on 2026-01-05 acct client add Mu --since 2026-01-05 -q &&
	acct client archive mu >/dev/null &&

	# acme: a detractor answered after the last contact
	settled acme &&
	acct nps acme 3 --respondent "Ivan Petrov" --comment "Too slow" \
		--date 2026-11-21 -q &&

	# beta: actions overdue, due today, due tomorrow (in note entries)
	settled beta &&
	acct todo add beta "Send the media plan" --due 2026-11-18 >/dev/null &&
	acct todo add beta "Approve the banners" --due 2026-11-23 >/dev/null &&
	acct todo add beta "Book the venue" --due 2026-11-24 >/dev/null &&

	# gamma: the last outgoing contact on Friday 2026-11-13, so write
	# first (3wd) fell due on Wednesday 2026-11-18; its calls came in
	lg gamma "Weekly summary" 2026-11-20T10:00 --channel call --kind report --direction in &&
	lg gamma "Quarterly review" 2026-11-02T10:00 --channel meeting --kind review --direction in &&
	lg gamma "Checked in" 2026-11-13T10:00 --channel chat &&
	acct nps gamma 10 --date 2026-11-02 -q &&
	full_brief gamma &&
	acct client set gamma channels.fast email &&

	# delta: no call since 2026-11-02, no report; in Almaty (UTC+5)
	full_brief delta &&
	acct client set delta timezone Asia/Almaty &&
	acct client set delta hours 09:00-18:00 &&
	lg delta "Quarterly review" 2026-11-02T10:00 --channel meeting --kind review &&
	lg delta "Quick note" 2026-11-20T10:00 --channel email &&
	acct nps delta 9 --date 2026-11-02 -q &&

	# epsilon: monthly reports, the last one in September
	full_brief epsilon &&
	acct client set epsilon cadence.report monthly &&
	lg epsilon "Sync call" 2026-11-20T10:00 --channel call &&
	lg epsilon "Quarterly review" 2026-11-02T10:00 --channel meeting --kind review &&
	lg epsilon "September report" 2026-09-15T10:00 --channel email --kind report &&
	acct nps epsilon 8 --date 2026-11-02 -q &&

	# zeta (Boris): the review and the survey are late
	full_brief zeta &&
	lg zeta "Weekly summary" 2026-11-20T10:00 --channel call --kind report &&
	lg zeta "Quarterly review" 2026-08-20T10:00 --channel meeting --kind review &&
	acct nps zeta 8 --date 2026-08-10 -q &&
	acct client contact add zeta "Jo Smith" >/dev/null &&
	acct client contact add zeta "Ann O'"'"'Neil" --primary >/dev/null &&

	# eta: a brief with a section missing and one empty
	settled eta &&
	edit_commit clients/eta/brief.md \
		"/^## Competitors/,/^Written/d;/^## KPIs/{n;n;d;}" &&

	# the inactive and the archived: everything would be due, and a
	# detractor too
	for c in iota kappa lambda mu
	do
		acct nps $c 0 --date 2026-11-20 -q || return 1
	done &&

	# one client per manager at most: the author holds six
	edit_commit .acct/config.yaml \
		"s/^max_clients_per_manager:.*/max_clients_per_manager: 1/" &&
	is_clean &&
	ids
'

# --- the digest -----------------------------------------------------------------

cat >"$T/expect.all" <<\EOF
detractor         acme     2 days ago       Ivan Petrov scored 3: Too slow                                                           acct log acme --channel call
overdue action    beta     5 days overdue   Send the media plan due:2026-11-18                                                       acct todo done ID_SEND
write first       gamma    5 days overdue   no outgoing contact since the last one (last 2026-11-13)                                 acct log gamma --channel email
call              delta    7 days overdue   no call or meeting since the last one (last 2026-11-02); their time 14:00, within hours  acct log delta --channel call
monthly report    epsilon  24 days overdue  the monthly report (last 2026-09-15)                                                     acct log epsilon --kind report
weekly summary    delta    3 days overdue   the weekly summary                                                                       acct log delta --kind report
quarterly review  zeta     5 days overdue   the quarterly review (last 2026-08-20)                                                   acct log zeta --channel meeting --kind review
NPS survey        zeta     15 days overdue  no NPS answer since the last one (last 2026-08-10)                                       acct nps zeta SCORE --respondent 'Ann O'\''Neil'
action due today  beta     due today        Approve the banners due:2026-11-23                                                       acct todo done ID_APPROVE
brief             eta      -                missing: competitors; empty: kpi                                                         acct brief eta
overload          -        -                A U Thor <author@example.com> has 6 active clients; the limit is 1                       acct client list --status active --manager author@example.com
EOF

cat >"$T/expect.boris" <<\EOF
quarterly review  zeta  5 days overdue   the quarterly review (last 2026-08-20)              acct log zeta --channel meeting --kind review
NPS survey        zeta  15 days overdue  no NPS answer since the last one (last 2026-08-10)  acct nps zeta SCORE --respondent 'Ann O'\''Neil'
EOF

cat >"$T/expect.all.json" <<\EOF
{
  "format": 1,
  "date": "2026-11-23",
  "manager": null,
  "clients": 7,
  "items": [
    {
      "kind": "detractor",
      "what": "detractor",
      "client": "acme",
      "name": "Acme",
      "due": "2026-11-21",
      "overdue": 2,
      "last": null,
      "detail": "Ivan Petrov scored 3: Too slow",
      "ref": "clients/acme/nps/2026/2026-11-21-ivan-petrov.yaml",
      "local_time": null,
      "in_hours": null,
      "contact": null,
      "years": null,
      "command": "acct log acme --channel call"
    },
    {
      "kind": "action",
      "what": "overdue action",
      "client": "beta",
      "name": "Beta",
      "due": "2026-11-18",
      "overdue": 5,
      "last": null,
      "detail": "Send the media plan due:2026-11-18",
      "ref": "ID_SEND",
      "local_time": null,
      "in_hours": null,
      "contact": null,
      "years": null,
      "command": "acct todo done ID_SEND"
    },
    {
      "kind": "contact",
      "what": "write first",
      "client": "gamma",
      "name": "Gamma",
      "due": "2026-11-18",
      "overdue": 5,
      "last": "2026-11-13",
      "detail": "no outgoing contact since the last one",
      "ref": null,
      "local_time": null,
      "in_hours": null,
      "contact": null,
      "years": null,
      "command": "acct log gamma --channel email"
    },
    {
      "kind": "call",
      "what": "call",
      "client": "delta",
      "name": "Delta",
      "due": "2026-11-16",
      "overdue": 7,
      "last": "2026-11-02",
      "detail": "no call or meeting since the last one",
      "ref": null,
      "local_time": "14:00",
      "in_hours": true,
      "contact": null,
      "years": null,
      "command": "acct log delta --channel call"
    },
    {
      "kind": "report",
      "what": "monthly report",
      "client": "epsilon",
      "name": "Epsilon",
      "due": "2026-10-30",
      "overdue": 24,
      "last": "2026-09-15",
      "detail": "the monthly report",
      "ref": "monthly",
      "local_time": null,
      "in_hours": null,
      "contact": null,
      "years": null,
      "command": "acct log epsilon --kind report"
    },
    {
      "kind": "report",
      "what": "weekly summary",
      "client": "delta",
      "name": "Delta",
      "due": "2026-11-20",
      "overdue": 3,
      "last": null,
      "detail": "the weekly summary",
      "ref": "weekly",
      "local_time": null,
      "in_hours": null,
      "contact": null,
      "years": null,
      "command": "acct log delta --kind report"
    },
    {
      "kind": "review",
      "what": "quarterly review",
      "client": "zeta",
      "name": "Zeta",
      "due": "2026-11-18",
      "overdue": 5,
      "last": "2026-08-20",
      "detail": "the quarterly review",
      "ref": null,
      "local_time": null,
      "in_hours": null,
      "contact": null,
      "years": null,
      "command": "acct log zeta --channel meeting --kind review"
    },
    {
      "kind": "nps",
      "what": "NPS survey",
      "client": "zeta",
      "name": "Zeta",
      "due": "2026-11-08",
      "overdue": 15,
      "last": "2026-08-10",
      "detail": "no NPS answer since the last one",
      "ref": null,
      "local_time": null,
      "in_hours": null,
      "contact": null,
      "years": null,
      "command": "acct nps zeta SCORE --respondent 'Ann O'\\''Neil'"
    },
    {
      "kind": "today",
      "what": "action due today",
      "client": "beta",
      "name": "Beta",
      "due": "2026-11-23",
      "overdue": 0,
      "last": null,
      "detail": "Approve the banners due:2026-11-23",
      "ref": "ID_APPROVE",
      "local_time": null,
      "in_hours": null,
      "contact": null,
      "years": null,
      "command": "acct todo done ID_APPROVE"
    },
    {
      "kind": "brief",
      "what": "brief",
      "client": "eta",
      "name": "Eta",
      "due": null,
      "overdue": null,
      "last": null,
      "detail": "missing: competitors; empty: kpi",
      "ref": null,
      "local_time": null,
      "in_hours": null,
      "contact": null,
      "years": null,
      "command": "acct brief eta"
    },
    {
      "kind": "overload",
      "what": "overload",
      "client": null,
      "name": "A U Thor <author@example.com>",
      "due": null,
      "overdue": null,
      "last": null,
      "detail": "A U Thor <author@example.com> has 6 active clients; the limit is 1",
      "ref": null,
      "local_time": null,
      "in_hours": null,
      "contact": null,
      "years": null,
      "command": "acct client list --status active --manager author@example.com"
    }
  ]
}
EOF

test_expect_success 'the digest: every kind of item, most urgent first' '
	ids &&
	with_ids "$T/expect.all" >expect &&
	agenda --all &&
	test_cmp expect "$T/actual"
'

test_expect_success '--json: the same digest, every field' '
	ids &&
	with_ids "$T/expect.all.json" >expect &&
	agenda --all --json &&
	test_cmp expect "$T/actual"
'

test_expect_success 'by default: the clients whose manager is the git identity' '
	ids &&
	with_ids "$T/expect.all" | grep -v "^[a-zA-Z ]*  zeta  " >expect &&
	test_line_count = 9 expect &&
	agenda &&
	test_cmp expect "$T/actual" &&
	agenda --json &&
	sed -n "2,5p" "$T/actual" >head &&
	cat >expect <<-\EOF &&
	  "format": 1,
	  "date": "2026-11-23",
	  "manager": "author@example.com",
	  "clients": 6,
	EOF
	test_cmp expect head &&
	agenda --manager author@example.com &&
	ids &&
	with_ids "$T/expect.all" | grep -v "^[a-zA-Z ]*  zeta  " |
		tr -s " " >expect &&
	tr -s " " <"$T/actual" >squeezed &&
	test_cmp expect squeezed
'

test_expect_success 'no card names the git identity: everyone' '
	test_when_finished "git -C \"$B\" config --unset user.email" &&
	git -C "$B" config user.email nobody@example.com &&
	ids &&
	with_ids "$T/expect.all" >expect &&
	agenda &&
	test_cmp expect "$T/actual" &&
	agenda --json &&
	sed -n "4,5p" "$T/actual" >head &&
	cat >expect <<-\EOF &&
	  "manager": null,
	  "clients": 7,
	EOF
	test_cmp expect head
'

test_expect_success 'the git identity of the book picks its manager' '
	test_when_finished "git -C \"$B\" config --unset user.email" &&
	git -C "$B" config user.email Boris@Agency.Example &&
	agenda &&
	cp "$T/expect.boris" expect &&
	test_cmp expect "$T/actual"
'

test_expect_success '--manager: by e-mail, name or the whole text, in any case' '
	cp "$T/expect.boris" expect &&
	for m in boris@agency.example "Boris Ivanov" "BORIS IVANOV" \
		"Boris Ivanov <boris@agency.example>" " boris@agency.example "
	do
		agenda --manager "$m" &&
		test_cmp expect "$T/actual" || return 1
	done &&
	agenda --manager "Boris Ivanov" --json &&
	sed -n "4,5p" "$T/actual" >head &&
	cat >expect <<-\EOF &&
	  "manager": "Boris Ivanov",
	  "clients": 1,
	EOF
	test_cmp expect head
'

test_expect_success '--manager: any part of the name or e-mail, in any case' '
	cp "$T/expect.boris" expect &&
	for m in boris BORIS ivan agency.example "s Iv" "Boris@Agency"
	do
		agenda --manager "$m" &&
		test_cmp expect "$T/actual" || return 1
	done
'

test_expect_success '--manager: Cyrillic names match in any case too' '
	test_when_finished undo_commit &&
	edit_commit clients/zeta/client.yaml \
		"s/^manager: .*/manager: Борис Иванов <boris@agency.example>/" &&
	sed "s/Boris Ivanov/Борис Иванов/" "$T/expect.boris" >expect &&
	for m in борис БОРИС "иванов" "Борис Иванов"
	do
		agenda --manager "$m" &&
		test_cmp expect "$T/actual" || return 1
	done
'

# A typo in a crontab must never read as "nothing is due".
test_expect_success '--manager that matches no card: exit 2, the managers named' '
	test_book_state "$B" >before &&
	for args in "" "--json" "--exit-code"
	do
		test_expect_code 2 acct agenda --manager boriss $args >out 2>err &&
		test_must_be_empty out &&
		cat >expect <<-\EOF &&
		acct: no client has a manager matching '"'"'boriss'"'"'
		hint: the managers are: A U Thor <author@example.com>, Boris Ivanov <boris@agency.example>
		EOF
		test_cmp expect err || return 1
	done &&
	test_book_state "$B" >after &&
	test_cmp before after
'

test_expect_success '--manager of clients none of which is active: nothing due' '
	test_when_finished undo_commit &&
	edit_commit clients/iota/client.yaml \
		"s/^manager: .*/manager: Carol <carol@agency.example>/" &&
	agenda --manager carol &&
	test_must_be_empty "$T/actual" &&
	agenda --manager carol --json &&
	cat >expect <<-\EOF &&
	{
	  "format": 1,
	  "date": "2026-11-23",
	  "manager": "carol",
	  "clients": 0,
	  "items": []
	}
	EOF
	test_cmp expect "$T/actual"
'

test_expect_success 'only active, unarchived clients are due' '
	agenda --all &&
	test_grep ! -E "  (iota|kappa|lambda|mu)  " "$T/actual" &&
	remember &&
	test_when_finished "git -C \"$B\" reset -q --hard $(cat "$T/old-head")" &&
	acct client set zeta status paused &&
	acct client archive delta >/dev/null &&
	agenda --all &&
	ids &&
	with_ids "$T/expect.all" |
		grep -v -E "^[a-zA-Z ]*  (zeta|delta)  " |
		sed "s/has 6 active/has 5 active/" | tr -s " " >expect &&
	tr -s " " <"$T/actual" >squeezed &&
	test_cmp expect squeezed
'

# --- exit codes and empty output ------------------------------------------------

test_expect_success '--exit-code: 3 when something is due; without it, 0' '
	ids &&
	with_ids "$T/expect.all" >expect &&
	test_expect_code 3 acct agenda --all --exit-code >actual 2>err &&
	test_cmp expect actual &&
	test_must_be_empty err &&
	test_expect_code 3 acct agenda --all --exit-code --json >actual 2>err &&
	with_ids "$T/expect.all.json" >expect &&
	test_cmp expect actual &&
	test_expect_code 3 acct agenda --exit-code >/dev/null &&
	test_expect_code 0 acct agenda --all >/dev/null
'

test_expect_success 'a book where everything is done: empty output, exit 0' '
	(
		B=$T/calm &&
		ACCT_DIR=$B &&
		export ACCT_DIR &&
		acct init "$B" >/dev/null &&
		acct client add Calm --since 2026-01-05 -q &&
		settled calm &&
		acct agenda --exit-code >out 2>err &&
		test_must_be_empty out &&
		test_must_be_empty err &&
		acct agenda --all --exit-code >out 2>err &&
		test_must_be_empty out &&
		test_must_be_empty err &&
		acct agenda --exit-code --json >out 2>err &&
		test_must_be_empty err &&
		cat >expect <<-\EOF &&
		{
		  "format": 1,
		  "date": "2026-11-23",
		  "manager": "author@example.com",
		  "clients": 1,
		  "items": []
		}
		EOF
		test_cmp expect out
	)
'

test_expect_success TTY 'nothing due on a terminal: one line "nothing due"' '
	(
		cd "$T/calm" &&
		unset ACCT_DIR &&
		script -qec "acct agenda --exit-code" /dev/null </dev/null >"$T/tty.out"
	) &&
	tr -d "\r" <tty.out >actual &&
	echo "nothing due" >expect &&
	test_cmp expect actual &&
	(
		cd "$T/calm" &&
		unset ACCT_DIR &&
		script -qec "acct agenda --json" /dev/null </dev/null >"$T/tty.out"
	) &&
	test_grep ! "nothing due" tty.out
'

test_expect_success '--date before the client'"'"'s since: nothing due' '
	(
		B=$T/fresh &&
		ACCT_DIR=$B &&
		export ACCT_DIR &&
		acct init "$B" >/dev/null &&
		on 2026-11-01 acct client add Newco --since 2026-11-01 -q &&
		full_brief newco &&
		test_expect_code 0 acct agenda --exit-code --date 2026-10-31 >out 2>err &&
		test_must_be_empty out &&
		test_must_be_empty err &&
		test_expect_code 0 acct agenda --exit-code --date 2026-11-01 >out 2>err &&
		test_must_be_empty out &&
		test_must_be_empty err &&
		test_expect_code 3 acct agenda --exit-code >out 2>err &&
		test_must_be_empty err &&
		cat >expect <<-\EOF &&
		write first     newco  19 days overdue  no outgoing contact yet  acct log newco --channel chat
		call            newco  8 days overdue   no call or meeting yet   acct log newco --channel call
		weekly summary  newco  3 days overdue   the weekly summary       acct log newco --kind report
		EOF
		test_cmp expect out
	)
'

# --- boundaries -----------------------------------------------------------------

test_expect_success 'due exactly today: "due today"; the day before: nothing' '
	agenda --all --date 2026-11-18 &&
	line "write first" gamma &&
	has_line "write first gamma due today no outgoing contact since the last one (last 2026-11-13) acct log gamma --channel email" &&
	line "quarterly review" zeta &&
	has_line "quarterly review zeta due today the quarterly review (last 2026-08-20) acct log zeta --channel meeting --kind review" &&
	agenda --all --date 2026-11-17 &&
	line "write first" gamma &&
	test_must_be_empty "$T/line" &&
	line "quarterly review" zeta &&
	test_must_be_empty "$T/line" &&

	agenda --all --date 2026-11-16 &&
	line call delta &&
	has_line "call delta due today no call or meeting since the last one (last 2026-11-02); their time 14:00, within hours acct log delta --channel call" &&
	agenda --all --date 2026-11-15 &&
	line call delta &&
	test_must_be_empty "$T/line" &&

	agenda --all --date 2026-11-08 &&
	line "NPS survey" zeta &&
	has_line "NPS survey zeta due today no NPS answer since the last one (last 2026-08-10) $NPS_ZETA" &&
	agenda --all --date 2026-11-07 &&
	line "NPS survey" zeta &&
	test_must_be_empty "$T/line"
'

test_expect_success 'reports: weekly on Fridays, monthly on the last working day' '
	agenda --all --date 2026-11-20 &&
	line "weekly summary" delta &&
	has_line "weekly summary delta due today the weekly summary acct log delta --kind report" &&
	# October 31 is a Saturday: the monthly report was due on Friday 30
	agenda --all --date 2026-10-30 &&
	line "monthly report" epsilon &&
	has_line "monthly report epsilon due today the monthly report (last 2026-09-15) acct log epsilon --kind report" &&
	agenda --all --date 2026-10-29 &&
	line "monthly report" epsilon &&
	test_must_be_empty "$T/line"
'

test_expect_success 'actions: due today, then overdue the day after; detractors: today, then days ago' '
	ids &&
	ID_VENUE=$(sed -n "s/^\([0-9a-f]*\) .*Book the venue.*/\1/p" "$T/todo") &&
	agenda --all --date 2026-11-24 &&
	line "overdue action" beta &&
	cat >expect <<-EOF &&
	overdue action beta 6 days overdue Send the media plan due:2026-11-18 acct todo done $ID_SEND
	overdue action beta 1 day overdue Approve the banners due:2026-11-23 acct todo done $ID_APPROVE
	EOF
	test_cmp expect "$T/line" &&
	line "action due today" beta &&
	has_line "action due today beta due today Book the venue due:2026-11-24 acct todo done $ID_VENUE" &&

	agenda --all --date 2026-11-21 &&
	line detractor acme &&
	has_line "detractor acme today Ivan Petrov scored 3: Too slow acct log acme --channel call" &&
	agenda --all --date 2026-11-22 &&
	line detractor acme &&
	has_line "detractor acme 1 day ago Ivan Petrov scored 3: Too slow acct log acme --channel call" &&
	agenda --all --date 2026-11-20 &&
	line detractor acme &&
	test_must_be_empty "$T/line"
'

test_expect_success 'a log entry after a detractor answer settles it' '
	test_when_finished undo_commit &&
	lg acme "Called Ivan back" 2026-11-22T10:00 --channel call --direction out &&
	agenda --all &&
	line detractor acme &&
	test_must_be_empty "$T/line"
'

test_expect_success 'working days skip weekends and the holidays of the config' '
	test_when_finished undo_commit &&
	edit_commit .acct/config.yaml \
		"s/^holidays:.*/holidays: [2026-10-30, 2026-11-16]/;s/^report_day:.*/report_day: thursday/" &&
	agenda --all &&
	# Friday 2026-11-13 + 3 working days, Monday 16 off: Thursday 19
	line "write first" gamma &&
	has_line "write first gamma 4 days overdue no outgoing contact since the last one (last 2026-11-13) acct log gamma --channel email" &&
	# Friday 2026-10-30 off: the monthly report was due on Thursday 29
	line "monthly report" epsilon &&
	has_line "monthly report epsilon 25 days overdue the monthly report (last 2026-09-15) acct log epsilon --kind report" &&
	# the weekly summary on the report_day of the config
	line "weekly summary" delta &&
	has_line "weekly summary delta 4 days overdue the weekly summary acct log delta --kind report" &&
	agenda --all --json &&
	test_grep "\"due\": \"2026-11-19\"" "$T/actual"
'

test_expect_success 'the cadence of a card overrides the config'"'"'s' '
	remember &&
	test_when_finished "git -C \"$B\" reset -q --hard $(cat "$T/old-head")" &&
	acct client set gamma cadence.contact 1w &&
	acct client set delta cadence.report 2w &&
	acct client set zeta cadence.review 6m &&
	acct client set zeta cadence.nps 120d &&
	agenda --all &&
	line "write first" gamma &&
	has_line "write first gamma 3 days overdue no outgoing contact since the last one (last 2026-11-13) acct log gamma --channel email" &&
	# a report every two weeks, none yet: due two weeks after since
	line report delta &&
	has_line "report delta 308 days overdue the periodic report acct log delta --kind report" &&
	line "weekly summary" delta &&
	test_must_be_empty "$T/line" &&
	test_grep ! "  zeta  " "$T/actual" &&
	agenda --all --json &&
	grep -A 5 "\"detail\": \"the periodic report\"" "$T/actual" >part &&
	test_grep "\"ref\": \"2w\"" part
'

# --- the local time of a call -----------------------------------------------------

test_expect_success ZONEINFO 'a call shows the client'"'"'s time and whether it is within their hours' '
	for t in "2026-11-23T04:00+00:00 09:00, within" \
		"2026-11-23T03:59+00:00 08:59, outside" \
		"2026-11-23T12:59+00:00 17:59, within" \
		"2026-11-23T13:00+00:00 18:00, outside" \
		"2026-11-23T12:00+03:00 14:00, within" \
		"2026-11-22T22:30-05:00 08:30, outside"
	do
		now=${t%% *} &&
		want=${t#* } &&
		ACCT_NOW=$now agenda --all &&
		line call delta &&
		has_line "call delta 7 days overdue no call or meeting since the last one (last 2026-11-02); their time $want hours acct log delta --channel call" ||
		return 1
	done
'

test_expect_success ZONEINFO 'the time zone of the process does not change the client'"'"'s time' '
	for tz in America/Los_Angeles Asia/Almaty UTC
	do
		TZ=$tz agenda --all &&
		line call delta &&
		has_line "call delta 7 days overdue no call or meeting since the last one (last 2026-11-02); their time 14:00, within hours acct log delta --channel call" ||
		return 1
	done
'

test_expect_success ZONEINFO 'today is the local date of the process' '
	ids &&
	TZ=Asia/Tokyo ACCT_NOW=2026-11-23T15:00+00:00 agenda --all --json &&
	sed -n 3p "$T/actual" >date &&
	echo "  \"date\": \"2026-11-24\"," >expect &&
	test_cmp expect date &&
	TZ=Asia/Tokyo ACCT_NOW=2026-11-23T15:00+00:00 agenda --all &&
	line "action due today" beta &&
	has_line "action due today beta due today Book the venue due:2026-11-24 acct todo done $(sed -n "s/^\([0-9a-f]*\) .*Book the venue.*/\1/p" "$T/todo")" &&
	line call delta &&
	has_line "call delta 8 days overdue no call or meeting since the last one (last 2026-11-02); their time 20:00, outside hours acct log delta --channel call"
'

test_expect_success ZONEINFO 'a time zone without hours: the time alone' '
	test_when_finished undo_commit &&
	acct client set delta hours --unset &&
	agenda --all &&
	line call delta &&
	has_line "call delta 7 days overdue no call or meeting since the last one (last 2026-11-02); their time 14:00 acct log delta --channel call" &&
	agenda --all --json &&
	grep -A 4 "\"local_time\": \"14:00\"" "$T/actual" >json.part &&
	test_grep "\"in_hours\": null," json.part
'

test_expect_success 'a time zone that does not exist: exit 1 naming the card, the rest shown' '
	test_when_finished undo_commit &&
	edit_commit clients/delta/client.yaml "s|^timezone:.*|timezone: Mars/Base|" &&
	test_expect_code 1 acct agenda --all >out 2>err &&
	test_line_count = 1 err &&
	test_grep "^acct: clients/delta/client.yaml:5:11: " err &&
	test_grep "Mars/Base" err &&
	ids &&
	with_ids "$T/expect.all" |
	sed "s/ (last 2026-11-02); their time 14:00, within hours/ (last 2026-11-02)/" |
		tr -s " " >expect &&
	tr -s " " <out >actual &&
	test_cmp expect actual &&
	test_expect_code 1 acct agenda --all --exit-code >out 2>err &&
	test_grep "^acct: clients/delta/client.yaml:5:11: " err &&
	test_expect_code 1 acct agenda --all --json >out 2>err &&
	grep -A 6 "\"errors\"" out >errors &&
	cat >expect <<-\EOF &&
	  "errors": [
	    {
	      "file": "clients/delta/client.yaml",
	      "line": 5,
	      "column": 11,
	      "message": "'"'"'Mars/Base'"'"' is not a time zone (no such file in /usr/share/zoneinfo)"
	    }
	EOF
	test_cmp expect errors
'

test_expect_success 'hours that are not HH:MM-HH:MM: exit 1 naming the card' '
	test_when_finished undo_commit &&
	edit_commit clients/delta/client.yaml "s|^hours:.*|hours: 9-18|" &&
	test_expect_code 1 acct agenda --all --exit-code >out 2>err &&
	test_grep "^acct: clients/delta/client.yaml:6:" err &&
	test_grep "call  *delta" out
'

# --- errors -----------------------------------------------------------------------

test_expect_success 'a broken card: exit 1 even with --exit-code, the others shown' '
	test_when_finished undo_commit &&
	printf "name: Broken\nstatus: [active\nsince: 2026-01-05\n" |
		hand_commit clients/broken/client.yaml &&
	test_expect_code 1 acct agenda --all --exit-code >out 2>err &&
	test_grep "^acct: clients/broken/client.yaml:[0-9]*:[0-9]*: " err &&
	ids &&
	with_ids "$T/expect.all" >expect &&
	test_cmp expect out &&
	test_expect_code 1 acct agenda --all --exit-code --json >out 2>err &&
	test_grep "\"file\": \"clients/broken/client.yaml\"" out
'

test_expect_success 'a bad cadence on a card: exit 1 naming it, the others shown' '
	test_when_finished undo_commit &&
	edit_commit clients/gamma/client.yaml "\$a\\
cadence: {contact: 3x}" &&
	test_expect_code 1 acct agenda --all --exit-code >out 2>err &&
	echo "acct: clients/gamma/client.yaml:6:20: cadence.contact: '"'"'3x'"'"' is not a duration; use Nd, Nw, Nm or Nwd (days, weeks, months, working days)" >expect &&
	test_cmp expect err &&
	ids &&
	with_ids "$T/expect.all" | grep -v "^[a-zA-Z ]*  gamma  " |
		sed "s/has 6 active/has 5 active/" | tr -s " " >expect &&
	tr -s " " <out >squeezed &&
	test_cmp expect squeezed
'

test_expect_success 'a bad value in the config: exit 1 naming it, nothing on stdout' '
	test_when_finished undo_commit &&
	edit_commit .acct/config.yaml "s/^holidays:.*/holidays: [2026-02-30]/" &&
	test_expect_code 1 acct agenda --all --exit-code >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: .acct/config.yaml:[0-9]*:[0-9]*: holidays: 2026-02-30 is not a date" err
'

test_expect_success 'a bad NPS answer: exit 1 naming it, never counted' '
	test_when_finished undo_commit &&
	printf "date: 2026-11-22\nscore: nine\n" |
		hand_commit clients/gamma/nps/2026/2026-11-22-bad.yaml &&
	test_expect_code 1 acct agenda --all --exit-code >out 2>err &&
	test_grep "^acct: clients/gamma/nps/2026/2026-11-22-bad.yaml:2:8: " err &&
	ids &&
	with_ids "$T/expect.all" >expect &&
	test_cmp expect out
'

test_expect_success 'usage errors: exit 2, nothing on stdout' '
	for args in "--date 2026-02-30" "--date tomorrow" "--all --manager boris" \
		"--manager=" "today" "--frobnicate"
	do
		test_expect_code 2 acct agenda $args >out 2>err &&
		test_must_be_empty out &&
		test_grep "acct: " err || return 1
	done
'

test_expect_success 'reading leaves the book as it was' '
	test_book_state "$B" >before &&
	acct agenda --all >/dev/null &&
	acct agenda --json >/dev/null &&
	test_expect_code 3 acct agenda --exit-code >/dev/null &&
	test_book_state "$B" >after &&
	test_cmp before after
'

# --- hostile cards (issue 14, point 6) -------------------------------------

test_expect_success 'a card whose aliases multiply: the agenda is quick and short' '
	test_when_finished undo_commit &&
	mkdir -p "$B/clients/bomb" &&
	alias_bomb Bomb >"$B/clients/bomb/client.yaml" &&
	echo "manager: Bomb <bomb@agency.example>" >>"$B/clients/bomb/client.yaml" &&
	git -C "$B" add clients/bomb &&
	git -C "$B" commit -q -m "a bomb by hand" &&
	{ timeout 10 acct agenda --all --exit-code >out 2>err; echo $? >code; } &&
	test "$(cat code)" = 3 &&
	test_must_be_empty err &&
	test $(wc -c <out) -lt 16384 &&
	test_grep "bomb" out &&
	{ timeout 10 acct agenda --all --json >out 2>err; echo $? >code; } &&
	test "$(cat code)" = 0 &&
	test $(wc -c <out) -lt 65536
'

# --- regressions: each comment says what the bug did --------------------

# An action item's text already holds its "@owner"; the digest adds it
# again: "Call the printer @anna due:2026-11-20 @anna".
test_expect_success 'an overdue action names its owner once, as acct todo shows it' '
	test_when_finished undo_commit &&
	acct todo add beta "Call the printer" --owner anna --due 2026-11-20 >/dev/null &&
	agenda --all &&
	grep "Call the printer" "$T/actual" | tr -s " " | cut -d" " -f7- >got &&
	echo "Call the printer @anna due:2026-11-20 acct todo done $(acct todo beta | sed -n "s/^\([0-9a-f]*\) .*Call the printer.*/\1/p")" >expect &&
	test_cmp expect got
'

test_done
