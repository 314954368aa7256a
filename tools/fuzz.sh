#!/bin/sh
# tools/fuzz.sh BUILD_DIR SECONDS TARGET...: run each libFuzzer target
# BUILD_DIR/bin/<target> for SECONDS, FUZZ_JOBS (default 2) at a time,
# on its committed seeds (tests/fuzz/corpus/<target>, never written) and
# a working corpus, BUILD_DIR/corpus/<target>, that keeps what the runs
# learn. tests/fuzz/<target>.dict is passed when there is one.
#
# Prints a line per target: executions and libFuzzer's last coverage
# line (cov: edges, ft: features, corp: units/size). A finding is saved
# as BUILD_DIR/crashes/<target>-crash-<sha1> (or -leak-, -timeout-,
# -oom-) and named, with the log in BUILD_DIR/log/<target>.log; then the
# run fails. Reproduce one with: BUILD_DIR/bin/<target> <file>.
#
# FUZZ_FLAGS adds libFuzzer flags (e.g. -jobs, -dict, -only_ascii=1).
# The targets that need a scratch folder (a book, a zone file) get their
# own in $TMPDIR, on /dev/shm when there is one.

if test $# -lt 3
then
	echo "usage: sh tools/fuzz.sh BUILD_DIR SECONDS TARGET..." >&2
	exit 2
fi
build=$1
secs=$2
shift 2
jobs=${FUZZ_JOBS:-2}
top=$(cd "$(dirname "$0")/.." && pwd) || exit 2
case $build in
/*) ;;
*) build=$top/$build ;;
esac

mkdir -p "$build/log" "$build/crashes" || exit 2
if test -d /dev/shm && test -w /dev/shm
then
	scratch=$(mktemp -d /dev/shm/acct-fuzz.XXXXXX)
else
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/acct-fuzz.XXXXXX")
fi || exit 2
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_one TARGET: one libFuzzer run, its exit status in the log folder.
run_one () {
	t=$1
	mkdir -p "$build/corpus/$t" "$scratch/$t"
	dict=
	test -f "$top/tests/fuzz/$t.dict" && dict=-dict=$top/tests/fuzz/$t.dict
	(
		cd "$top" &&
		TMPDIR=$scratch/$t "$build/bin/$t" -max_total_time="$secs" \
			-print_final_stats=1 -timeout=30 -rss_limit_mb=2048 \
			-artifact_prefix="$build/crashes/$t-" $dict $FUZZ_FLAGS \
			"$build/corpus/$t" "tests/fuzz/corpus/$t" \
			>"$build/log/$t.log" 2>&1 </dev/null
		echo $? >"$build/log/$t.code"
	)
}

# Worker k of $jobs takes targets k, k + jobs, ...: they all run as long.
k=0
pids=
while test $k -lt "$jobs"
do
	(
		i=0
		for t in "$@"
		do
			if test $((i % jobs)) = $k
			then
				run_one "$t"
			fi
			i=$((i + 1))
		done
	) &
	pids="$pids $!"
	k=$((k + 1))
done
echo "fuzz: $# targets, $secs s each, $jobs at a time"
for pid in $pids
do
	wait "$pid"
done

failed=0
for t in "$@"
do
	log=$build/log/$t.log
	code=$(cat "$build/log/$t.code" 2>/dev/null || echo none)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if test -z "$execs"
	then
		execs=$(sed -n 's/^#\([0-9][0-9]*\)[[:space:]].*$/\1/p' "$log" | tail -n 1)
	fi
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -n 1)
	found=$(sed -n 's/^.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
	if test "$code" = 0 && test -z "$found"
	then
		status=ok
	else
		failed=$((failed + 1))
		status="FAILED (exit $code)"
		test -n "$found" && status="FOUND ${found#$top/}"
	fi
	printf '%-10s %10s execs  %-40s %s\n' "$t" "${execs:-?}" "${cov:-no coverage line}" "$status"
	if test "$status" != ok
	then
		grep -m 1 -e '^fuzz: finding:' -e 'ERROR: AddressSanitizer' \
			-e 'runtime error:' -e 'ERROR: libFuzzer' "$log" |
			sed 's/^/           /'
		echo "           log: ${log#$top/}"
	fi
done
if test $failed != 0
then
	echo "fuzz: $failed of $# targets failed"
	exit 1
fi
echo "fuzz: no findings"
