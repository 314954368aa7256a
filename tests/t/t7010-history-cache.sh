#!/bin/sh
# shellcheck disable=SC2016

test_description='acct history with the folder log kept in .git/acct

acct history describes the commits that changed a card, a brief or a
folder as one walk of the first-parent line found them, kept in
.git/acct/folderlog and brought up to HEAD by the commits made since.
Whatever happened to the book (new commits, reset --hard, an amend, a
rebase, a merge from acct sync, rename --slug) and whatever happened to
the file (damaged, cut short, from another version, not writable), every
client'"'"'s history, text and --json, is the same as with ACCT_NO_CACHE=1,
which reads and writes no cache.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR
LOG=$B/.git/acct/folderlog

# same_all: every client of the book, with the
# kept list and without it, text and --json, byte for byte; also with
# --limit 2. The kept list is used (or made) first.
same_all () {
	for s_a_ in $(ls "$B/clients")
	do
		acct history "$s_a_" >"$T/cached" 2>&1 &&
		ACCT_NO_CACHE=1 acct history "$s_a_" >"$T/walked" 2>&1 &&
		test_cmp "$T/walked" "$T/cached" &&
		acct history "$s_a_" --json >"$T/cached" &&
		ACCT_NO_CACHE=1 acct history "$s_a_" --json >"$T/walked" &&
		test_cmp "$T/walked" "$T/cached" &&
		acct history "$s_a_" --limit 2 >"$T/cached" &&
		ACCT_NO_CACHE=1 acct history "$s_a_" --limit 2 >"$T/walked" &&
		test_cmp "$T/walked" "$T/cached" || return 1
	done 2>/dev/null
}

# kept: the list is there, whole, as the cache format says.
kept () {
	test_path_is_file "$LOG" &&
	head -n 3 "$LOG" >"$T/kept.actual" &&
	printf "acct cache\nfolderlog 2\n%s\n" "$ACCT_VERSION_STRING" \
		>"$T/kept.expect" &&
	test_cmp "$T/kept.expect" "$T/kept.actual"
}

# hand_commit MESSAGE PATH...: commit PATHs with plain git, as Bob.
hand_commit () {
	msg_h_=$1 &&
	shift &&
	git -C "$B" add -A -- "$@" &&
	git -C "$B" -c user.name=Bob -c user.email=bob@example.com \
		commit -q -m "$msg_h_"
}

# card_set SLUG KEY VALUE: a change of the card through acct.
card_set () {
	test_tick &&
	acct client set "$1" "$2" "$3" >/dev/null
}

# rows SLUG: the subjects of the history's rows.
rows () {
	acct history "$1" |
	sed -n "s/^[0-9a-f]\{7\}  [^ ]*  \(A U Thor\|Bob\|Carol\) *//p"
}

ACCT_VERSION_STRING=$(acct --version | sed "s/^acct version //")

test_expect_success 'setup: a book with cards, briefs, entries and a rename' '
	acct init book >/dev/null &&
	for c in Acme Beta Gamma
	do
		test_tick &&
		acct client add "$c" >/dev/null || return 1
	done &&
	card_set acme status paused &&
	test_tick &&
	acct log acme "First call" --channel call -q &&
	printf "# Brief\n\n## Audience\n\nEveryone.\n" >"$B/clients/gamma/brief.md" &&
	test_tick &&
	hand_commit "brief for gamma" clients/gamma/brief.md &&
	card_set beta source referral &&
	test_tick &&
	acct client rename beta --slug beta-co 2>/dev/null &&
	card_set beta-co status lead &&
	echo notes >"$B/notes.txt" &&
	test_tick &&
	hand_commit "notes, not a client" notes.txt
'

test_expect_success 'the first history keeps the list in .git/acct/folderlog' '
	test_path_is_missing "$LOG" &&
	acct history acme >/dev/null &&
	kept &&
	same_all &&
	rows beta-co >actual &&
	cat >expect <<-\EOF &&
	client set beta-co: status=lead
	client rename beta: slug beta-co
	client set beta: source=referral
	client add beta: Beta
	EOF
	test_cmp expect actual
'

test_expect_success 'ACCT_NO_CACHE=1 neither reads nor writes it' '
	rm -rf "$B/.git/acct" &&
	ACCT_NO_CACHE=1 acct history acme >/dev/null &&
	test_path_is_missing "$LOG" &&
	acct history acme >/dev/null &&
	kept &&
	cp "$LOG" before &&
	ACCT_NO_CACHE=1 acct history gamma >/dev/null &&
	test_cmp before "$LOG"
'

test_expect_success 'new commits: the list is brought up to HEAD' '
	acct history acme >/dev/null &&
	cp "$LOG" before &&
	card_set acme status active &&
	test_tick &&
	acct log gamma "A call" --channel call -q &&
	card_set gamma status paused &&
	same_all &&
	! cmp -s before "$LOG" &&
	rows acme | head -n 1 >actual &&
	echo "client set acme: status=active" >expect &&
	test_cmp expect actual
'

test_expect_success 'reset --hard to an older commit, and back' '
	acct history acme >/dev/null &&
	git -C "$B" rev-parse HEAD >tip &&
	git -C "$B" reset -q --hard HEAD~3 &&
	same_all &&
	rows acme | head -n 1 >actual &&
	echo "client set acme: status=paused" >expect &&
	test_cmp expect actual &&
	git -C "$B" reset -q --hard "$(cat tip)" &&
	same_all
'

test_expect_success 'an amend and a rebase that drops commits' '
	card_set acme status lead &&
	acct history acme >/dev/null &&
	echo "source: amended" >>"$B/clients/acme/client.yaml" &&
	git -C "$B" commit -q -a --amend -m "amended by hand" &&
	same_all &&
	rows acme | head -n 1 >actual &&
	echo "amended by hand" >expect &&
	test_cmp expect actual &&
	card_set acme status paused &&
	card_set gamma status active &&
	card_set beta-co status active &&
	acct history acme >/dev/null &&
	git -C "$B" rebase -q --onto HEAD~3 HEAD~2 &&
	same_all &&
	rows acme | head -n 1 >actual &&
	test_cmp expect actual
'

test_expect_success 'a merge from acct sync: first parents, the merge shows' '
	git init -q --bare "$T/srv.git" &&
	acct sync --set-remote "$T/srv.git" >/dev/null &&
	git clone -q "$T/srv.git" "$T/other" &&
	test_tick &&
	(
		ACCT_DIR=$T/other && export ACCT_DIR &&
		git -C "$T/other" config user.name Carol &&
		git -C "$T/other" config user.email carol@example.com &&
		acct client set acme cadence.call 7d >/dev/null &&
		acct sync >/dev/null
	) &&
	acct history acme >/dev/null &&
	card_set gamma status paused &&
	test_tick &&
	acct sync >/dev/null &&
	test $(git -C "$B" rev-list --count --merges HEAD) = 1 &&
	same_all &&
	acct history acme >out &&
	sed -n "2p" out >top &&
	test_grep "cadence.call: (none) -> 7d" out &&
	git -C "$B" log -1 --format=%h --first-parent \
		-- clients/acme/client.yaml >id &&
	git -C "$B" rev-parse --short=7 HEAD >merge &&
	test_cmp merge id &&
	test_grep "^$(cat merge)  " top
'

test_expect_success 'a damaged, cut or foreign list is walked again' '
	ACCT_NO_CACHE=1 acct history acme --json >expect &&
	for how in garbage cut empty version tag old
	do
		acct history acme >/dev/null &&
		case $how in
		garbage) echo garbage >"$LOG" ;;
		cut) head -c 300 "$LOG" >cut && cp cut "$LOG" ;;
		empty) : >"$LOG" ;;
		version) sed -e "3s/.*/0.0.0-other/" "$LOG" >forged &&
			cp forged "$LOG" ;;
		tag) sed -e "2s/.*/folderlog 0/" "$LOG" >forged &&
			cp forged "$LOG" ;;
		old) sed -e "2s/.*/folderlog 1/" "$LOG" >forged &&
			cp forged "$LOG" ;;
		esac &&
		acct history acme --json >actual 2>err &&
		test_must_be_empty err &&
		test_cmp expect actual &&
		kept || return 1
	done &&
	same_all
'

test_expect_success 'a bit changed inside the list is seen' '
	acct history acme >/dev/null &&
	python3 - "$LOG" <<-\EOF &&
	import sys
	p = sys.argv[1]
	b = bytearray(open(p, "rb").read())
	b[-5] ^= 1
	open(p, "wb").write(bytes(b))
	EOF
	ACCT_NO_CACHE=1 acct history acme --json >expect &&
	acct history acme --json >actual &&
	test_cmp expect actual
'

test_expect_success 'hundreds of commits that touch no client, then a reset among them' '
	acct history acme >/dev/null &&
	git -C "$B" rev-parse HEAD >base &&
	{
		i=0 &&
		while test $i -lt 700
		do
			printf "commit refs/heads/main\n" &&
			printf "committer Bob <bob@example.com> %d +0000\n" $((1795000000 + i)) &&
			printf "data 5\nnote\n" &&
			test $i -gt 0 || printf "from %s\n" "$(cat base)" &&
			printf "M 100644 inline notes.txt\ndata %d\n%d\n\n" \
				$((${#i} + 1)) $i || return 1
			i=$((i + 1))
		done
	} >stream &&
	git -C "$B" symbolic-ref HEAD >branch &&
	sed -e "s|refs/heads/main|$(cat branch)|" stream |
		git -C "$B" fast-import --quiet --force &&
	git -C "$B" reset -q --hard &&
	card_set acme status paused &&
	same_all &&
	git -C "$B" reset -q --hard HEAD~400 &&
	same_all &&
	git -C "$B" reset -q --hard HEAD~200 &&
	same_all
'

test_expect_success UNSHARE 'a .git that cannot be written: the same, nothing said' '
	rm -rf "$B/.git/acct" &&
	ACCT_NO_CACHE=1 acct history acme >expect &&
	test_ro_run "$B" acct history acme >actual 2>err &&
	test_must_be_empty err &&
	test_cmp expect actual &&
	test_path_is_missing "$LOG"
'

test_expect_success 'history changes nothing in the book' '
	test_book_state "$B" >before &&
	acct history acme >/dev/null &&
	rm -f "$LOG" &&
	acct history gamma --json >/dev/null &&
	test_book_state "$B" >after &&
	test_cmp before after &&
	git -C "$B" status --porcelain --ignored >status &&
	test_must_be_empty status
'

test_done
