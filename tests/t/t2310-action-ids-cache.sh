#!/bin/sh
# shellcheck disable=SC2016

test_description='action item ids are unique in the book, with the cache or not

A new item'"'"'s id is checked against every id in the book. acct log reads
them from .git/acct/ids, brought up to date with the book as the facts
cache is (each client'"'"'s log folders by their stat data, each entry by what
git'"'"'s index records of it), so the ids it makes are those it makes with
ACCT_NO_CACHE=1, which reads every entry: an id already held gets the next
one, an id no longer held is free again, whatever changed the book (acct,
git, a file written by hand and not added, one that does not parse).'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

ID='[0-9a-f]\{7\}'
NOW=2026-11-23T11:00+00:00

# id_in FILE TEXT: the id comment on the item line of FILE holding TEXT.
id_in () {
	sed -n "s/^ *- \[[ x]\] .*$2.* <!-- id:\($ID\) -->.*/\1/p" "$1"
}

# log_plan [ENV=VALUE...]: log the same entry at the same moment; its
# item's id on stdout, the book put back as it was (the commit undone).
log_plan () {
	env ACCT_NOW=$NOW "$@" acct log acme -F "$T/plan" >"$T/out" &&
	id_in "$B/$(cat "$T/out")" "Send the plan" &&
	git -C "$B" reset -q --hard HEAD~1
}

# plant REL ID: an entry of client beta at REL holding an item of id ID,
# written by hand (not added to git).
plant () {
	mkdir -p "$(dirname "$B/$1")" &&
	printf "%s\n" "---" "date: 2026-10-01T10:00+00:00" "summary: Planted" \
		"---" "## Actions" "- [ ] Planted item <!-- id:$2 -->" >"$B/$1"
}

test_expect_success 'setup: a book with two clients and some items' '
	acct init -q "$B" &&
	acct client add "Acme" --slug acme --since 2026-01-01 -q &&
	acct client add "Beta" --slug beta --since 2026-01-01 -q &&
	printf "%s\n" "Weekly sync" "" "## Actions" "- [ ] Send the plan" >"$T/plan" &&
	printf "%s\n" "Other" "" "## Actions" "- [ ] Call back" "- [x] Done" \
		>"$T/other" &&
	acct log beta -F "$T/other" -q &&
	acct log acme -F "$T/other" -q &&
	test_path_is_file "$B/.git/acct/ids"
'

test_expect_success 'the id a free book gives, with the cache and without' '
	log_plan >free &&
	test_line_count = 1 free &&
	log_plan ACCT_NO_CACHE=1 >free.nocache &&
	test_cmp free free.nocache &&
	log_plan >free.again &&
	test_cmp free free.again
'

test_expect_success 'an id held by a committed entry: the next one' '
	X=$(cat free) &&
	plant clients/beta/log/2026/2026-10-01T1000-planted.md "$X" &&
	git -C "$B" add clients &&
	git -C "$B" commit -q -m "by hand: planted" &&
	log_plan >taken &&
	test_line_count = 1 taken &&
	! test_cmp free taken &&
	log_plan ACCT_NO_CACHE=1 >taken.nocache &&
	test_cmp taken taken.nocache
'

test_expect_success 'the holder removed by git: the id is free again' '
	git -C "$B" rm -q clients/beta/log/2026/2026-10-01T1000-planted.md &&
	git -C "$B" commit -q -m "by hand: unplanted" &&
	log_plan >after.rm &&
	test_cmp free after.rm &&
	log_plan ACCT_NO_CACHE=1 >after.rm.nocache &&
	test_cmp free after.rm.nocache
'

test_expect_success 'a holder written by hand, not added, in a new year folder' '
	plant clients/beta/log/2025/2025-10-01T1000-planted.md "$(cat free)" &&
	log_plan >untracked &&
	test_cmp taken untracked &&
	log_plan ACCT_NO_CACHE=1 >untracked.nocache &&
	test_cmp taken untracked.nocache &&
	rm -r "$B/clients/beta/log/2025" &&
	log_plan >untracked.gone &&
	test_cmp free untracked.gone
'

test_expect_success 'a holder that does not parse still holds its id' '
	f=$B/clients/beta/log/2026/2026-10-02T1000-broken.md &&
	printf "%s\n" "---" "date: [broken" "---" \
		"- [ ] Item <!-- id:$(cat free) -->" >"$f" &&
	git -C "$B" add clients &&
	git -C "$B" commit -q -m "by hand: broken" &&
	log_plan >broken &&
	test_cmp taken broken &&
	log_plan ACCT_NO_CACHE=1 >broken.nocache &&
	test_cmp taken broken.nocache &&
	git -C "$B" rm -q clients/beta/log/2026/2026-10-02T1000-broken.md &&
	git -C "$B" commit -q -m "by hand: unbroken" &&
	log_plan >unbroken &&
	test_cmp free unbroken
'

test_expect_success 'an entry edited in place and added: its new id is seen, then free' '
	log_plan >/dev/null &&
	f=$(ls "$B"/clients/beta/log/2026/*.md | head -n 1) &&
	sed "s/\(Call back <!-- id:\)$ID/\1$(cat free)/" "$f" >"$T/new" &&
	cat "$T/new" >"$f" &&
	test_grep "Call back <!-- id:$(cat free) -->" "$f" &&
	git -C "$B" commit -q -a -m "by hand: an id" &&
	log_plan >edited &&
	test_cmp taken edited &&
	log_plan ACCT_NO_CACHE=1 >edited.nocache &&
	test_cmp taken edited.nocache &&
	git -C "$B" reset -q --hard HEAD~1 &&
	log_plan >edited.back &&
	test_cmp free edited.back
'

test_expect_success 'a client renamed: its entries move, their ids stay held' '
	plant clients/beta/log/2026/2026-10-03T1000-planted.md "$(cat free)" &&
	git -C "$B" add clients &&
	git -C "$B" commit -q -m "by hand: planted again" &&
	log_plan >/dev/null &&
	acct client rename beta "Beta Two" --slug beta-two &&
	log_plan >renamed &&
	test_cmp taken renamed &&
	log_plan ACCT_NO_CACHE=1 >renamed.nocache &&
	test_cmp taken renamed.nocache
'

test_expect_success 'a damaged or missing cache is made again: the same ids' '
	printf "garbage" >"$B/.git/acct/ids" &&
	log_plan >damaged &&
	test_cmp taken damaged &&
	rm -f "$B/.git/acct/ids" &&
	log_plan >missing &&
	test_cmp taken missing &&
	test_path_is_file "$B/.git/acct/ids"
'

test_expect_success 'ACCT_NO_CACHE=1 neither reads nor writes the cache' '
	rm -f "$B/.git/acct/ids" &&
	log_plan ACCT_NO_CACHE=1 >nocache &&
	test_cmp taken nocache &&
	test_path_is_missing "$B/.git/acct/ids"
'

test_expect_success 'a read-only cache folder: the command still works' '
	log_plan >/dev/null &&
	chmod a-w "$B/.git/acct" &&
	git -C "$B" rm -q -r clients/beta-two/log &&
	git -C "$B" commit -q -m "by hand: no log" &&
	{ log_plan >readonly; rc=$?; } &&
	chmod u+w "$B/.git/acct" &&
	test $rc = 0 &&
	test_cmp free readonly
'

test_done
