#!/bin/sh
# shellcheck disable=SC2016

test_description='acct brief --tick / --untick

One box of the materials checklist, found by a part of its text (any
case, Unicode too), changes in place: one byte, one commit "brief
<slug>: tick <item>", the rest of the file as it was (CRLF too). An
ambiguous part or one that matches nothing exits 2 listing the
candidates; a box acct cannot place exits 1; nothing is changed then.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

# hand_commit PATH: stdin into PATH of the book, committed by hand.
hand_commit () {
	mkdir -p "$(dirname "$B/$1")" &&
	cat >"$B/$1" &&
	git -C "$B" add "$1" &&
	git -C "$B" commit -q -m "by hand: $1"
}

# one_byte FILE: the last commit changed FILE by exactly one byte.
one_byte () {
	git -C "$B" show HEAD^:"$1" >"$T/before" &&
	git -C "$B" show HEAD:"$1" >"$T/after" &&
	cmp -l "$T/before" "$T/after" >"$T/bytes" || :
	test_line_count = 1 "$T/bytes"
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

test_expect_success 'setup: a brief with a materials checklist' '
	acct init -q "$B" &&
	acct client add Acme -q &&
	acct client add Beta -q &&
	acct client add Gamma -q &&
	hand_commit clients/acme/brief.md <<-\EOF &&
	# Brief

	## Audience

	- [ ] Not a material: an audience checklist

	## Materials and accesses

	<!-- what we need from the client -->
	- [ ] Brand book, logos and photos
	- [ ] Access to the ad accounts
	- [ ] Access to Яндекс Метрика
	  - [ ] The goals set up
	- [x] Price list
	- \[ ] escaped, not a box acct can tick

	## Notes

	- [ ] Brand book, logos and photos
	EOF
	printf "## Materials and accesses\r\n\r\n- [ ] Logo\r\n- [ ] Texts\r\n" |
		hand_commit clients/beta/brief.md &&
	printf "## KPIs\n\nCPL\n" | hand_commit clients/gamma/brief.md
'

test_expect_success '--tick: one byte, one commit named after the item' '
	remember &&
	acct brief acme --tick "brand BOOK" >out 2>err &&
	echo "tick Brand book, logos and photos" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	one_commit "brief acme: tick Brand book, logos and photos" \
		clients/acme/brief.md &&
	one_byte clients/acme/brief.md &&
	test_grep "^- \[x\] Brand book, logos and photos" "$B/clients/acme/brief.md" &&
	# the same text in another section is left alone
	tail -n 1 "$B/clients/acme/brief.md" >last &&
	echo "- [ ] Brand book, logos and photos" >expect &&
	test_cmp expect last
'

test_expect_success '--untick, and a Cyrillic part in another case' '
	remember &&
	acct brief acme --untick price >out &&
	echo "untick Price list" >expect &&
	test_cmp expect out &&
	one_commit "brief acme: untick Price list" clients/acme/brief.md &&
	one_byte clients/acme/brief.md &&
	remember &&
	acct brief acme --tick "ЯНДЕКС" &&
	one_commit "brief acme: tick Access to Яндекс Метрика" clients/acme/brief.md &&
	one_byte clients/acme/brief.md &&
	remember &&
	acct brief acme --tick "goals set" &&
	one_commit "brief acme: tick The goals set up" clients/acme/brief.md
'

test_expect_success 'a box ticked already: said, exit 0, no commit' '
	remember &&
	acct brief acme --tick "brand book" >out 2>err &&
	test_must_be_empty out &&
	test_grep "is ticked already" err &&
	no_commit &&
	acct brief acme --untick "Access to the ad" 2>err &&
	test_grep "'"'Access to the ad accounts'"' is not ticked" err &&
	no_commit
'

test_expect_success 'brief --check sees the boxes ticked' '
	test_expect_code 3 acct brief --check acme --json >json &&
	test_grep ! "Brand book" json &&
	test_grep "Access to the ad accounts" json
'

test_expect_success 'ambiguous: exit 2 listing the candidates, nothing changed' '
	refused 2 "--tick '"'"'access'"'"' is ambiguous: 2 items of the materials hold it" \
		acct brief acme --tick access &&
	test_grep "line 11: \[ \] Access to the ad accounts" err &&
	test_grep "line 12: \[x\] Access to Яндекс Метрика" err &&
	test_grep ! "Brand book" err
'

test_expect_success 'no match: exit 2 listing every item, nothing changed' '
	refused 2 "--tick '"'"'invoice'"'"': no item of the materials of acme holds it" \
		acct brief acme --tick invoice &&
	test_grep "line 10: \[x\] Brand book, logos and photos" err &&
	test_grep "line 14: \[ \] Price list" err &&
	test_grep ! "Not a material" err
'

test_expect_success 'no materials checklist, no brief: refused' '
	refused 2 "the brief of gamma has no materials checklist" \
		acct brief gamma --tick logo &&
	acct client add Delta -q &&
	refused 1 "no brief" acct brief delta --tick logo
'

test_expect_success 'a box acct cannot place: exit 1 with its line, nothing changed' '
	refused 1 "clients/acme/brief.md:15: cannot tell where the box of" \
		acct brief acme --tick escaped
'

test_expect_success 'a CRLF brief stays CRLF: one byte' '
	remember &&
	acct brief beta --tick logo &&
	one_commit "brief beta: tick Logo" clients/beta/brief.md &&
	one_byte clients/beta/brief.md &&
	printf "## Materials and accesses\r\n\r\n- [x] Logo\r\n- [ ] Texts\r\n" >expect &&
	test_cmp expect "$B/clients/beta/brief.md"
'

test_expect_success 'a brief changed by hand and not committed is refused' '
	test_when_finished "git -C \"$B\" checkout -q -- clients/beta/brief.md" &&
	printf "\r\nmore\r\n" >>"$B/clients/beta/brief.md" &&
	refused 1 "clients/beta/brief.md" acct brief beta --tick texts
'

test_expect_success 'usage errors: exit 2' '
	refused 2 "needs a part of the item" acct brief acme --tick "" &&
	refused 2 "do not go together" acct brief acme --tick a --untick b &&
	refused 2 "do not go together" acct brief acme --tick a --show &&
	refused 2 "do not go together" acct brief acme --untick a --section kpi -F - </dev/null &&
	refused 2 "no such client" acct brief zzz --tick a
'

test_done
