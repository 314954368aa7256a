#!/bin/sh
# tests/run.sh BUILD_DIR "UNIT_BINARIES": the unit binaries, then the
# tests/t/t[0-9]*.sh scripts against BUILD_DIR/acct, a line each, the
# whole output of whatever failed, and last of all one line:
# "N passed, N failed" (over unit checks and end-to-end tests).
#
# TEST_E2E=0 runs the unit binaries alone. TEST_JOBS (default 2) scripts
# run at once; TEST_TIMEOUT (default 600)
# seconds is the most one script may take.

if test $# -lt 1 || test $# -gt 2
then
	echo "usage: sh tests/run.sh BUILD_DIR \"UNIT_BINARIES\"" >&2
	exit 2
fi
build=$1
units=${2:-}
jobs=${TEST_JOBS:-2}
limit=${TEST_TIMEOUT:-600}

top=$(cd "$(dirname "$0")/.." && pwd) || exit 2
case $build in
/*) ;;
*) build=$(pwd)/$build ;;
esac
if test -d "$build"
then
	build=$(cd "$build" && pwd -P)
fi

asan_opts_=detect_leaks=1:abort_on_error=1
ubsan_opts_=print_stacktrace=1:halt_on_error=1:abort_on_error=1
case $build in
*asan*)
	ASAN_OPTIONS=$asan_opts_ UBSAN_OPTIONS=$ubsan_opts_
	export ASAN_OPTIONS UBSAN_OPTIONS
	;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/acct-tests.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

total_passed=0
total_failed=0

# count_ NAME OUTFILE CODE PASSED FAILED: add one run to the totals and
# report it; a crash (bad exit status, no summary, a sanitizer report)
# that the run did not count as a failure counts as one.
count_ () {
	name=$1 out=$2 code=$3 passed=$4 failed=$5
	note=
	if test -z "$passed"
	then
		passed=0 failed=1
		note=" (no summary line, exit status $code)"
	elif test "$code" != 0 && test "$failed" = 0
	then
		failed=1
		note=" (exit status $code)"
	elif grep -q -e 'runtime error:' -e 'AddressSanitizer' \
		-e 'LeakSanitizer' "$out" && test "$failed" = 0
	then
		failed=1
		note=" (sanitizer report)"
	fi
	total_passed=$(($total_passed + $passed))
	total_failed=$(($total_failed + $failed))
	extra=$(sed -n 's/^# \([0-9]* known breakage.*\)$/ (\1)/p' "$out" | tail -n 1)
	echo "$name: $passed passed, $failed failed$note$extra"
	if test "$failed" != 0
	then
		echo "--- output of $name:"
		cat "$out"
		echo "--- end of $name"
	fi
}

# --- unit binaries ------------------------------------------------------

# The unit binaries run one after another beside the end-to-end workers
# (started below), each with its output in a file; they are counted and
# reported first once everything has run. A sanitized binary (a path
# under an asan build) runs with the sanitizer options above, whatever
# the end-to-end build is.
run_units () {
	n=0
	for bin in $units
	do
		n=$(($n + 1))
		out=$tmp/unit.$n
		if test -x "$bin"
		then
			case $bin in
			*asan*) ASAN_OPTIONS=$asan_opts_ UBSAN_OPTIONS=$ubsan_opts_ "$bin" ;;
			*) "$bin" ;;
			esac >"$out" 2>&1 </dev/null
			echo $? >"$out.code"
		else
			echo "$bin: not found or not executable" >"$out"
			echo 127 >"$out.code"
		fi
	done
}

run_units &
units_pid=$!

# --- end-to-end scripts -------------------------------------------------

# The scripts, longest first, so that two workers taking the next one as
# they finish end close together: those marked "# test-order: first" (a
# few that run long from a short file), then the biggest file first (a
# fair guess at the rest).
scripts=
if test "${TEST_E2E:-1}" != 0
then
	scripts=$(cd "$top/tests/t" &&
		first=$(grep -l '^# test-order: first$' t[0-9]*.sh 2>/dev/null)
		for s in $first; do echo "$s"; done
		for s in $(ls -S t[0-9]*.sh 2>/dev/null)
		do
			case " $(echo $first) " in
			*" $s "*) ;;
			*) echo "$s" ;;
			esac
		done)
fi

if command -v timeout >/dev/null 2>&1
then
	with_timeout="timeout -k 10 $limit"
else
	with_timeout=
fi

# next_script: the next script no worker has taken, or nothing. A mkdir
# is the lock around the shared counter.
echo 0 >"$tmp/next"
next_script () {
	until mkdir "$tmp/lock" 2>/dev/null
	do
		sleep 0.01
	done
	k_=$(cat "$tmp/next")
	echo $(($k_ + 1)) >"$tmp/next"
	rmdir "$tmp/lock"
	i_=0
	for s_ in $scripts
	do
		if test $i_ = "$k_"
		then
			echo "$s_"
			return
		fi
		i_=$(($i_ + 1))
	done
}

# worker: run scripts until none is left.
worker () {
	while s=$(next_script) && test -n "$s"
	do
		(
			start=$(date +%s)
			cd "$top/tests/t" &&
			ACCT_BUILD=$build $with_timeout sh "./$s" \
				>"$tmp/$s.out" 2>&1 </dev/null
			echo $? >"$tmp/$s.code"
			echo $(($(date +%s) - $start)) >"$tmp/$s.time"
		)
	done
}

k=0
pids=
while test $k -lt "$jobs"
do
	worker &
	pids="$pids $!"
	k=$(($k + 1))
done
for pid in $pids
do
	wait "$pid"
done

wait "$units_pid"
n=0
for bin in $units
do
	n=$(($n + 1))
	out=$tmp/unit.$n
	summary=$(sed -n 's/^.*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p' "$out" | tail -n 1)
	count_ "${bin##*/}" "$out" "$(cat "$out.code")" $summary
done

# Report in name order, whatever order they ran in.
scripts=$(for s in $scripts; do echo "$s"; done | sort)
for s in $scripts
do
	out=$tmp/$s.out
	code=$(cat "$tmp/$s.code" 2>/dev/null || echo "none")
	summary=$(sed -n 's/^# passed \([0-9][0-9]*\), failed \([0-9][0-9]*\)$/\1 \2/p' "$out" | tail -n 1)
	secs=$(cat "$tmp/$s.time" 2>/dev/null || echo "?")
	count_ "$s" "$out" "$code" $summary
	echo "$secs $s" >>"$tmp/times"
done
if test -s "$tmp/times"
then
	echo "slowest: $(sort -rn "$tmp/times" | head -n 5 |
		awk '{ printf "%s%s %ss", (NR > 1 ? ", " : ""), $2, $1 }')"
fi

echo "$total_passed passed, $total_failed failed"
test "$total_failed" = 0
