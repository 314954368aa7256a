#!/bin/sh
# tests/check-prereqs.sh BUILD_DIR: no test depends on a test that can skip.
#
# Each tests/t script is run once to learn the optional prerequisites it
# sets and uses (TEST_PREREQ_LOG), then once per such prerequisite with
# that one reported missing (TEST_HIDE_PREREQS), and once with all of them
# missing. A run with a failure means a skipped test was doing set-up that
# a later test needs: the script's output is shown and the check fails.
# A hidden prerequisite that skips no test fails too, since then the check
# proved nothing. t0000-testlib tests the library itself and is left out.
#
# TEST_JOBS (default 2) runs go at once.

if test $# != 1
then
	echo "usage: sh tests/check-prereqs.sh BUILD_DIR" >&2
	exit 2
fi
top=$(cd "$(dirname "$0")/.." && pwd) || exit 2
build=$(cd "$1" && pwd -P) || exit 2
jobs=${TEST_JOBS:-2}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/acct-prereqs.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

scripts=$(cd "$top/tests/t" && ls t[0-9]*.sh | grep -v '^t0000-')

# run_one NAME SCRIPT HIDE: run SCRIPT with HIDE missing; output in
# $tmp/NAME.out, exit status in $tmp/NAME.code.
run_one () {
	(
		cd "$top/tests/t" &&
		ACCT_BUILD=$build TEST_HIDE_PREREQS=$3 \
			TEST_PREREQ_LOG=$tmp/$1.log TEST_TRASH_SUFFIX=.$3 \
			timeout -k 10 600 sh "./$2" >"$tmp/$1.out" 2>&1 </dev/null
		echo $? >"$tmp/$1.code"
	)
}

# in_parallel: read "NAME SCRIPT HIDE" lines and run them, $jobs at once.
in_parallel () {
	n_=0
	while read -r name_ script_ hide_
	do
		run_one "$name_" "$script_" "$hide_" &
		n_=$(($n_ + 1))
		if test $n_ -ge "$jobs"
		then
			wait
			n_=0
		fi
	done
	wait
}

# Pass 1: which optional prerequisites each script sets and uses.
for s in $scripts
do
	echo "${s%.sh}.learn $s none"
done | in_parallel

runs=
for s in $scripts
do
	name=${s%.sh}
	if test "$(cat "$tmp/$name.learn.code")" != 0
	then
		echo "$s: fails with every prerequisite present; fix that first"
		sed 's/^/    /' "$tmp/$name.learn.out" | tail -n 40
		exit 1
	fi
	touch "$tmp/$name.learn.log"
	sed -n 's/^set //p' "$tmp/$name.learn.log" | sort -u >"$tmp/set"
	sed -n 's/^use //p' "$tmp/$name.learn.log" | sort -u >"$tmp/use"
	both=$(comm -12 "$tmp/set" "$tmp/use" | tr '\n' ' ')
	for p in $both
	do
		runs="$runs$name.$p $s $p
"
	done
	test "$(echo $both | wc -w)" -lt 2 ||
	runs="$runs$name.all $s $(echo $both | tr ' ' ',')
"
done

# Pass 2: each one missing, then all of them.
printf '%s' "$runs" | in_parallel

failed=0
count=0
printf '%s' "$runs" | {
	while read -r name script hide
	do
		count=$(($count + 1))
		out=$tmp/$name.out
		code=$(cat "$tmp/$name.code" 2>/dev/null || echo none)
		skipped=$(grep -a -c "^ok [0-9]* # skip .*(missing" "$out")
		summary=$(sed -n 's/^# passed \([0-9]*\), failed \([0-9]*\)$/\1 passed, \2 failed/p' "$out")
		if test "$code" != 0
		then
			failed=$(($failed + 1))
			echo "$script without $hide: FAILED ($summary, exit $code)"
			grep -a -e '^not ok' "$out" | sed 's/^/    /'
		elif test "$skipped" = 0
		then
			failed=$(($failed + 1))
			echo "$script without $hide: no test skipped; the prerequisite is not hidden"
		else
			echo "$script without $hide: $summary, $skipped skipped"
		fi
	done
	echo "check-prereqs: $count runs, $failed failed"
	test "$failed" = 0
}
