#!/bin/sh

test_description='the portfolio'"'"'s NPS per client, from the facts

The portfolio'"'"'s table gives each active client'"'"'s NPS and responses in
the period from the facts of its answers (the cache, or the files with
ACCT_NO_CACHE=1): the same figures acct nps gives from the files, for
answers named in an earlier quarter of the trend, dated outside the
period, named outside the trend.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

# answer SLUG NAME-DATE DATE SCORE: an answer file written by hand.
answer () {
	mkdir -p "$B/clients/$1/nps/${2%%-*}" &&
	printf "%s\n" "date: $3" "score: $4" \
		>"$B/clients/$1/nps/${2%%-*}/$2-hand.yaml"
}

# figures PERIOD: "slug nps responses" of each active client, from the
# portfolio and from acct nps, in "portfolio" and "nps".
figures () {
	acct report --all --period "$1" --format json >p.json &&
	python3 -c "
import json, sys
for c in json.load(open(\"p.json\"))[\"clients\"]:
    print(c[\"slug\"], c[\"nps\"], c[\"responses\"])
" >portfolio &&
	for s in acme beta
	do
		acct nps $s --period "$1" --json >n.json &&
		python3 -c "
import json
c = json.load(open(\"n.json\"))[\"clients\"][0]
print(c[\"client\"], c[\"nps\"], c[\"responses\"])
" || return 1
	done >nps
}

test_expect_success 'setup: two clients, answers in and around 2026-Q4' '
	acct init -q "$B" &&
	acct client add "Acme" --slug acme --since 2026-01-01 -q &&
	acct client add "Beta" --slug beta --since 2026-01-01 -q &&
	acct nps acme 9 -q &&
	acct nps acme 3 --date 2026-10-02 -q &&
	acct nps beta 10 -q &&
	answer acme 2026-09-30 2026-10-05 10 &&
	answer acme 2026-10-07 2026-09-29 0 &&
	answer acme 2025-06-01 2026-11-01 0 &&
	answer beta 2026-02-01 2026-12-01 8 &&
	git -C "$B" add clients &&
	git -C "$B" commit -q -m "by hand: answers"
'

for period in 2026-Q4 2026-11 2026-10 2026
do
	test_expect_success "the portfolio's figures are acct nps's: $period" '
		figures $period &&
		test_cmp nps portfolio &&
		ACCT_NO_CACHE=1 figures $period &&
		test_cmp nps portfolio
	'
done

test_expect_success 'the figures follow an answer added and one removed' '
	acct nps beta 0 --date 2026-11-20 -q &&
	git -C "$B" rm -q clients/acme/nps/2026/2026-09-30-hand.yaml &&
	git -C "$B" commit -q -m "by hand: one less" &&
	figures 2026-Q4 &&
	test_cmp nps portfolio &&
	test_grep "^acme 0 2$" portfolio &&
	test_grep "^beta 0 3$" portfolio
'

# told NAME: the portfolio with and without the cache (twice: the cache
# written, then read) exits 1 and tells each message once, the same way.
told () {
	for run in plain cold warm
	do
		if test $run = plain
		then
			ACCT_NO_CACHE=1 acct report --all --period 2026-11 \
				>"$1.$run.out" 2>"$1.$run"
		else
			acct report --all --period 2026-11 >"$1.$run.out" \
				2>"$1.$run"
		fi
		test $? = 1 || return 1
	done &&
	test_cmp "$1.plain" "$1.cold" &&
	test_cmp "$1.plain" "$1.warm" &&
	test_cmp "$1.plain.out" "$1.warm.out"
}

test_expect_success 'a broken answer is told once, at its line and column' '
	mkdir -p "$B/clients/acme/nps/2026" &&
	printf "date: 2026-11-03\nscore: [9\n" \
		>"$B/clients/acme/nps/2026/2026-11-03-broken.yaml" &&
	told broken &&
	test_line_count = 1 broken.plain &&
	test_grep "^acct: clients/acme/nps/2026/2026-11-03-broken.yaml:3:1: " \
		broken.plain &&
	git -C "$B" add clients &&
	git -C "$B" commit -q -m "by hand: a broken answer" &&
	told broken2 &&
	test_cmp broken.plain broken2.plain
'

test_expect_success 'so is a broken answer of a paused client, and one named after today' '
	acct client add "Gamma" --slug gamma --since 2026-01-01 \
		--status paused -q &&
	mkdir -p "$B/clients/gamma/nps/2026" &&
	printf "date: 2026-11-04\nscore: 11\n" \
		>"$B/clients/gamma/nps/2026/2026-11-04-high.yaml" &&
	printf "date: 2026-11-25\nscore: x: y\n" \
		>"$B/clients/beta/nps/2026/2026-11-25-later.yaml" &&
	told more &&
	test_line_count = 3 more.plain &&
	test_grep "^acct: clients/gamma/nps/2026/2026-11-04-high.yaml:2:[0-9]*: " \
		more.plain &&
	test_grep "^acct: clients/beta/nps/2026/2026-11-25-later.yaml:2:" \
		more.plain
'

test_expect_success 'a broken card is told once' '
	rm "$B/clients/acme/nps/2026/2026-11-03-broken.yaml" \
		"$B/clients/gamma/nps/2026/2026-11-04-high.yaml" \
		"$B/clients/beta/nps/2026/2026-11-25-later.yaml" &&
	echo "name: [x" >>"$B/clients/gamma/client.yaml" &&
	told card &&
	test_line_count = 1 card.plain &&
	test_grep "^acct: clients/gamma/client.yaml:[0-9]*:[0-9]*: " card.plain
'

test_done
