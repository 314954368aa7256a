#!/bin/sh
# shellcheck disable=SC2016

test_description='acct agenda: birthdays and anniversaries

A contact may carry birthday: MM-DD or YYYY-MM-DD (client contact add
--birthday, client set contacts.N.birthday, or by hand; checked when the
card is read). The agenda lists a contact'"'"'s birthday and the
anniversary of the card'"'"'s since on the day, and with --days N the next N
days too, saying when; 29 February falls on 28 February in other years.
Today is Monday 2026-11-23 (ACCT_NOW).'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

PYTHON=$(python3 -c "import sys; print(sys.executable)" 2>/dev/null) ||
PYTHON=python3
"$PYTHON" -c "import json" >/dev/null 2>&1 && test_set_prereq PYTHON

# on DAY COMMAND...: COMMAND committed on DAY, 09:00 UTC.
on () {
	on_d_=$1T09:00+00:00 &&
	shift &&
	env GIT_AUTHOR_DATE="$on_d_" GIT_COMMITTER_DATE="$on_d_" "$@"
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

# agenda ARGS...: acct agenda ARGS, the occasions only, spaces squeezed,
# into $T/agenda.out; nothing on stderr.
agenda () {
	acct agenda "$@" >"$T/raw" 2>"$T/err" &&
	test_must_be_empty "$T/err" &&
	{ grep -E "^(birthday|anniversary) " "$T/raw" || :; } |
		tr -s " " >"$T/agenda.out"
}

# refused CODE MESSAGE CMD...: CMD exits CODE, says MESSAGE on stderr,
# prints nothing and leaves the book as it was.
refused () {
	code_r_=$1 msg_r_=$2 &&
	shift 2 &&
	test_book_state "$B" >"$T/state.before" &&
	test_expect_code "$code_r_" "$@" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "^acct: " "$T/err" &&
	test_grep -F -e "$msg_r_" "$T/err" &&
	test_book_state "$B" >"$T/state.after" &&
	test_cmp "$T/state.before" "$T/state.after"
}

test_expect_success 'setup: clients whose cards entered on their since' '
	acct init -q "$B" &&
	on 2023-11-26 acct client add "ООО «Ромашка»" --slug romashka \
		--since 2023-11-26 -q &&
	on 2025-11-24 acct client add "Acme" --since 2025-11-24 -q &&
	on 2024-01-10 acct client add "Paused" --since 2024-01-10 \
		--status paused -q &&
	for c in romashka acme paused
	do
		full_brief $c || return 1
	done &&
	acct client set romashka channels.fast telegram &&
	acct client set acme channels.fast email
'

test_expect_success 'contact add --birthday: MM-DD or YYYY-MM-DD, one commit' '
	remember &&
	acct client contact add romashka "Иван Иванов" --role CMO \
		--birthday 1980-11-23 --primary >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	one_commit "client contact add romashka: Иван Иванов" \
		clients/romashka/client.yaml &&
	test_grep "birthday: 1980-11-23" "$B/clients/romashka/client.yaml" &&
	acct client contact add romashka "Ольга" --birthday 11-25 &&
	acct client contact add acme "Leap Lee" --birthday 2000-02-29 &&
	acct client contact add acme "No Birthday" &&
	acct client contact add paused "Sleepy" --birthday 11-23
'

test_expect_success 'a bad --birthday: exit 2 naming it, nothing written' '
	refused 2 "--birthday: '"'"'17.05'"'"' is not a birthday; use MM-DD or YYYY-MM-DD" \
		acct client contact add acme "Jo" --birthday 17.05 &&
	refused 2 "--birthday: 02-30 is not a day (February has 29 days at most)" \
		acct client contact add acme "Jo" --birthday 02-30 &&
	refused 2 "--birthday: 1981-02-29 is not a day (February 1981 has 28 days)" \
		acct client contact add acme "Jo" --birthday 1981-02-29 &&
	refused 2 "contacts.0.birthday: 13-01 is not a day (there is no month 13)" \
		acct client set acme contacts.0.birthday 13-01
'

test_expect_success 'client set contacts.N.birthday changes the one value' '
	remember &&
	acct client set acme contacts.1.birthday 12-01 &&
	one_commit "client set acme: contacts.1.birthday=12-01" \
		clients/acme/client.yaml &&
	git -C "$B" diff HEAD^ HEAD >diff &&
	test_grep "^+  - {name: No Birthday, birthday: 12-01}" diff &&
	acct client set acme contacts.1.birthday --unset
'

test_expect_success PYTHON 'contact list and client show give the birthday' '
	acct client contact list romashka >out &&
	test_grep "Иван Иванов .*1980-11-23" out &&
	acct client contact list romashka --json >json &&
	"$PYTHON" -c "
import json
d = json.load(open(\"json\", encoding=\"utf-8\"))
assert [c[\"birthday\"] for c in d[\"contacts\"]] == [\"1980-11-23\", \"11-25\"], d
" &&
	acct client show acme --json >json &&
	"$PYTHON" -c "
import json
d = json.load(open(\"json\", encoding=\"utf-8\"))
assert [c[\"birthday\"] for c in d[\"client\"][\"contacts\"]] == [\"2000-02-29\", None], d
"
'

test_expect_success 'on the day: the birthday, the contact and the client' '
	agenda --all &&
	cat >expect <<-\EOF &&
	birthday romashka today Иван Иванов (CMO) turns 46 acct log romashka --channel chat
	EOF
	test_cmp expect "$T/agenda.out" &&
	test_expect_code 3 acct agenda --all --exit-code >/dev/null
'

test_expect_success '--days 7: the week ahead too, saying when' '
	agenda --all --days 7 &&
	cat >expect <<-\EOF &&
	birthday romashka today Иван Иванов (CMO) turns 46 acct log romashka --channel chat
	birthday romashka in 2 days Ольга, on Wednesday 2026-11-25 acct log romashka --channel chat
	anniversary acme tomorrow 1 year together (since 2025-11-24), on Tuesday 2026-11-24 acct log acme --channel email
	anniversary romashka in 3 days 3 years together (since 2023-11-26), on Thursday 2026-11-26 acct log romashka --channel chat
	EOF
	test_cmp expect "$T/agenda.out" &&
	agenda --all --days 1 --date 2026-11-25 &&
	cat >expect <<-\EOF &&
	birthday romashka today Ольга acct log romashka --channel chat
	anniversary romashka tomorrow 3 years together (since 2023-11-26), on Thursday 2026-11-26 acct log romashka --channel chat
	EOF
	test_cmp expect "$T/agenda.out"
'

test_expect_success 'occasions come after the actions due today, before the brief' '
	acct todo add acme "Send the plan" --due 2026-11-23 >/dev/null &&
	echo "<!-- to write -->" | acct brief acme --section brand -F - &&
	acct agenda --all --days 1 >out &&
	sed "s/  .*//" out | uniq |
		grep -E "^(action due today|birthday|anniversary|brief)$" >kinds &&
	cat >expect <<-\EOF &&
	action due today
	birthday
	anniversary
	brief
	EOF
	test_cmp expect kinds
'

test_expect_success '29 February: on 28 February when the year has none' '
	agenda --all --date 2027-02-28 &&
	echo "birthday acme today Leap Lee turns 27 acct log acme --channel email" >expect &&
	test_cmp expect "$T/agenda.out" &&
	agenda --all --date 2027-03-01 &&
	test_must_be_empty "$T/agenda.out" &&
	agenda --all --date 2027-02-20 --days 8 &&
	echo "birthday acme in 8 days Leap Lee turns 27, on Sunday 2027-02-28 acct log acme --channel email" >expect &&
	test_cmp expect "$T/agenda.out" &&
	agenda --all --date 2028-02-29 &&
	echo "birthday acme today Leap Lee turns 28 acct log acme --channel email" >expect &&
	test_cmp expect "$T/agenda.out"
'

test_expect_success 'no anniversary on the day of since itself; none for inactive clients' '
	agenda --all --date 2025-11-24 &&
	test_grep ! "anniversary acme" "$T/agenda.out" &&
	agenda --all --date 2027-01-10 &&
	test_must_be_empty "$T/agenda.out"
'

test_expect_success PYTHON '--json: kind, contact, years, due and days ahead' '
	acct agenda --all --days 3 --json >json &&
	"$PYTHON" -c "
import json
d = json.load(open(\"json\", encoding=\"utf-8\"))
got = [(i[\"kind\"], i[\"what\"], i[\"client\"], i[\"contact\"], i[\"years\"],
        i[\"due\"], i[\"overdue\"]) for i in d[\"items\"]
       if i[\"kind\"] in (\"birthday\", \"anniversary\")]
want = [(\"birthday\", \"birthday\", \"romashka\", \"Иван Иванов\", 46, \"2026-11-23\", 0),
        (\"birthday\", \"birthday\", \"romashka\", \"Ольга\", None, \"2026-11-25\", -2),
        (\"anniversary\", \"anniversary\", \"acme\", None, 1, \"2026-11-24\", -1),
        (\"anniversary\", \"anniversary\", \"romashka\", None, 3, \"2026-11-26\", -3)]
assert got == want, got
for i in d[\"items\"]:
    assert \"contact\" in i and \"years\" in i, i
"
'

test_expect_success 'a bad --days: exit 2' '
	for d in -1 367 x 1.5 ""
	do
		test_expect_code 2 acct agenda --days "$d" >out 2>err &&
		test_must_be_empty out &&
		test_grep "days" err || return 1
	done
'

test_expect_success 'a birthday written badly by hand: the card is named with line and column' '
	test_when_finished "git -C \"$B\" reset -q --hard HEAD^" &&
	sed "s/birthday: 11-25/birthday: 25.11/" "$B/clients/romashka/client.yaml" >card &&
	cp card "$B/clients/romashka/client.yaml" &&
	git -C "$B" commit -q -a -m "by hand" &&
	test_expect_code 1 acct agenda --all >out 2>err &&
	test_grep "^acct: clients/romashka/client.yaml:[0-9]*:[0-9]*: birthday: '"'"'25.11'"'"' is not a birthday" err
'

test_done
