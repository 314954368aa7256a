#!/bin/sh
# test-order: first
# shellcheck disable=SC2016

test_description='acct sync: a team of clones converges

tests/stress/sync.py, small: three managers and a cron job share a book
through a bare repository and carry out a plan of random operations drawn
from a seed (new clients; log entries at the same minute with the same
summary in different clones, half with an action item; NPS answers, some
recorded twice in two clones, a few the same respondent and day with
another score; todo add and todo done; card fields set per clone and now
and then one field set to two values), syncing now and then, a third of
the syncs in parallel bursts, some while a writing command runs in the
same clone. Real conflicts are resolved as the hints say. At the end
every clone and the server hold one tree, fsck and status are clean,
every record is there exactly once, every ticked item is ticked and acct
reads the book. `make stress-sync` is the same at full size.

ACCT_CONVERGE_SEEDS and ACCT_CONVERGE_OPS change the seeds and the size.'

. ./test-lib.sh

SIM=$TEST_DIRECTORY/../stress/sync.py
SEEDS=${ACCT_CONVERGE_SEEDS:-"8106 8120"}
OPS=${ACCT_CONVERGE_OPS:-100}

test_expect_success 'the simulator is there and knows its options' '
	test_path_is_file "$SIM" &&
	python3 -B "$SIM" --help >help &&
	test_grep -e "--seeds" help &&
	test_grep -e "--clones" help &&
	test_must_fail python3 -B "$SIM" --skip no-such-kind 2>err &&
	test_grep "no kind of operation" err
'

# One test per seed: each run is independent, and a failing seed shows
# its own message (the stuck sync and its stderr, or the broken rules),
# with its scratch folder kept in the trash directory.
for seed in $SEEDS
do
	test_expect_success "seed $seed: $OPS operations in 4 clones converge" '
		python3 -B "$SIM" --dir "$TRASH_DIRECTORY" --seed '"$seed"' \
			--ops $OPS --clones 4 >out-'"$seed"' &&
		cat out-'"$seed"' &&
		test_path_is_missing sync-'"$seed"' &&
		test_grep "^stress sync: seed '"$seed"': $OPS ops, 4 clones" \
			out-'"$seed"' &&
		# the plan did what it is for: bursts, and syncs beside a
		# writing command
		test_grep -E "syncs \([1-9][0-9]* in bursts, [1-9][0-9]* beside" \
			out-'"$seed"'
	'
done

test_done
