#!/bin/sh
# shellcheck disable=SC2016

test_description='acct: every system call of a change, failed or killed in turn

A writing command is run once to list the calls it makes in the book
(open, write, fsync, rename, link, mkdir); then once for each of them,
with that one call failing (ENOSPC), interrupted (SIGINT) or killed
(SIGKILL). Failed (exit 1 with a message and a hint, nothing on stdout)
or interrupted, the book is exactly as before or has the whole change,
nothing stray; killed, the next writing command (once
the stale .git/index.lock it explains is removed) finds the book as
before or with the whole change, and clean. SWEEP_COMMANDS picks the
commands by name (log, set, rename, import), SWEEP_KINDS the faults
(ENOSPC, INT, KILL); make test runs "set" with KILL (a minute of the
machine for all of them: make stress runs them all).'

TEST_FSYNC=t
. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

# --- helpers ----------------------------------------------------------------

# put_back: the book at commit $base_ again, nothing else in it, not even
# the objects the last run wrote (so that every run makes the same calls).
put_back () {
	rm -f "$B/.git/index.lock" "$B/.git/refs/heads/main.lock" &&
	git -C "$B" reset -q --hard "$base_" &&
	git -C "$B" clean -q -fdx &&
	rm -rf "$B/.git/acct" &&
	(cd "$B/.git" && find objects -type f | sort) >"$T/objects.now" &&
	comm -13 "$T/objects.base" "$T/objects.now" >"$T/objects.new" &&
	(cd "$B/.git" && xargs rm -f) <"$T/objects.new" &&
	rm -rf "$B/.git/logs" &&
	cp -R "$T/logs.base" "$B/.git/logs"
}

# sweep_ok NAME KIND: whether SWEEP_COMMANDS and SWEEP_KINDS pick them.
sweep_ok () {
	case " ${SWEEP_COMMANDS:-set} " in
	*" $1 "*) ;;
	*) return 1 ;;
	esac
	case " ${SWEEP_KINDS:-KILL} " in
	*" $2 "*) return 0 ;;
	esac
	return 1
}

# calls CMD...: run CMD once (it must succeed) listing the calls it makes
# in the book in $T/calls; $T/ok-tree is the tree it makes; the book is
# put back.
calls () {
	base_=$(git -C "$B" rev-parse HEAD) &&
	(cd "$B/.git" && find objects -type f | sort) >"$T/objects.base" &&
	rm -rf "$T/logs.base" &&
	cp -R "$B/.git/logs" "$T/logs.base" &&
	rm -f "$T/calls" &&
	env LD_PRELOAD="$ACCT_BUILD/tests/libfault.so" ACCT_FAULT_LOG="$T/calls" \
		"$@" >/dev/null &&
	git -C "$B" rev-parse HEAD^{tree} >"$T/ok-tree" &&
	git -C "$B" rev-parse HEAD^ >"$T/ok-parent" &&
	test "$(cat "$T/ok-parent")" = "$base_" &&
	put_back &&
	test_book_state "$B" >"$T/before"
}

# each_call: "CALL N" for every call $T/calls lists, N its number among
# the calls of its kind in the book.
each_call () {
	for c_ in open write fsync rename link mkdir
	do
		n_=$(grep -c "^$c_ $B/" "$T/calls")
		k_=1
		while test $k_ -le "$n_"
		do
			echo "$c_ $k_"
			k_=$(($k_ + 1))
		done
	done
}

# whole_or_nothing [killed]: the book is as before, or has exactly the
# change (one commit on the base with the tree of a run that succeeded)
# and is clean. After SIGKILL, libgit2's temporary object files may stay,
# as git's own do (git gc removes them): nothing else may.
whole_or_nothing () {
	if test "${1:-}" = killed
	then
		# allowed, and test_book_state would call them stray
		find "$B/.git/objects" -name 'tmp_object_git2_*' -delete
	fi &&
	if test "$(git -C "$B" rev-parse HEAD)" = "$base_"
	then
		test_book_state "$B" >"$T/after" &&
		test_cmp "$T/before" "$T/after"
	else
		test "$(git -C "$B" rev-parse HEAD^)" = "$base_" &&
		git -C "$B" rev-parse HEAD^{tree} >"$T/tree" &&
		test_cmp "$T/ok-tree" "$T/tree" &&
		git -C "$B" status --porcelain --untracked-files=all >"$T/status.out" &&
		test_must_be_empty "$T/status.out" &&
		git -C "$B" diff --cached --quiet
	fi &&
	find "$B" \( -name '*.lock' -o -name 'acct-index*' -o -name '*.tmp' \
		-o -name 'tmp_object*' \) -print >"$T/stray" &&
	test_must_be_empty "$T/stray"
}

# sweep_fail WHAT CMD...: each call failing with WHAT (an errno name, or
# INT, TERM, HUP for a signal sent there); the command exits 0 with the
# whole change or 1 (a signal: dies of it) with the book as before.
sweep_fail () {
	what_=$1
	shift
	each_call >"$T/each" &&
	echo >&7 "$what_ at each of $(wc -l <"$T/each") calls: $*" &&
	while read -r c_ k_
	do
		test_fault "$c_:$B/@$k_=$what_" "$@" >"$T/out" 2>"$T/err"
		rc_=$?
		case $rc_,$what_ in
		0,*|130,INT|143,TERM|129,HUP) ;;
		1,E*)
			test_must_be_empty "$T/out" &&
			test_grep "^acct: " "$T/err" &&
			test_grep "^hint: " "$T/err" &&
			test "$(git -C "$B" rev-parse HEAD)" = "$base_" || {
				echo "$c_ #$k_ failing with $what_: exit 1, but"
				cat "$T/err"
				return 1
			} ;;
		*)
			echo "$c_ #$k_ failing with $what_: exit $rc_"
			cat "$T/err"
			return 1 ;;
		esac
		whole_or_nothing || {
			echo "$c_ #$k_ failing with $what_ (exit $rc_) left this"
			cat "$T/err"
			return 1
		}
		put_back || return 1
	done <"$T/each"
}

# sweep_kill CMD...: SIGKILL at each call; a writing command then explains
# the stale lock, and once it is removed the next one puts the book right.
sweep_kill () {
	explained_= &&
	each_call >"$T/each" &&
	echo >&7 "SIGKILL at each of $(wc -l <"$T/each") calls: $*" &&
	while read -r c_ k_
	do
		test_fault "$c_:$B/@$k_=KILL" "$@" >"$T/out" 2>"$T/err"
		rc_=$?
		# The stale lock is explained (once: acct waits 2 s for it).
		if test -f "$B/.git/index.lock" && test -z "$explained_"
		then
			test_expect_code 1 acct client add Probe >"$T/out" 2>"$T/err" &&
			test_grep "\.git/index\.lock.* exists" "$T/err" &&
			test_grep "^hint: .*remove '.git/index.lock'" "$T/err" &&
			explained_=t || return 1
		fi
		rm -f "$B/.git/index.lock"
		acct client add Probe -q 2>"$T/err" || {
			echo "$c_ #$k_ killed (exit $rc_): the next command failed"
			cat "$T/err"
			return 1
		}
		git -C "$B" diff-tree -r --no-commit-id --name-only HEAD >"$T/probe" &&
		echo clients/probe/client.yaml >"$T/expect" &&
		test_cmp "$T/expect" "$T/probe" &&
		git -C "$B" reset -q --soft HEAD^ &&
		git -C "$B" rm -q --cached clients/probe/client.yaml &&
		rm -r "$B/clients/probe" &&
		test_path_is_missing "$B/.git/acct/journal" &&
		whole_or_nothing killed || {
			echo "$c_ #$k_ killed (exit $rc_), then put right, left this"
			return 1
		}
		put_back || return 1
	done <"$T/each"
}

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: a book with a client and a log entry' '
	test_book &&
	acct client add Acme -q &&
	acct log acme "First call" --channel call >/dev/null &&
	awk "BEGIN {
		print \"client,date,respondent,score\"
		for (i = 0; i < 20; i++)
			printf \"acme,2026-10-%02d,Person %d,%d\\n\", 1 + i, i, i % 11
	}" >"$T/survey.csv" &&
	is_clean
'

for what in ENOSPC INT KILL
do
	for cmd in log set rename import
	do
		case $cmd in
		log) args='acct log acme "Second call" --channel call' ;;
		set) args='acct client set acme status paused' ;;
		rename) args='acct client rename acme "Acme Two" --slug acme-two' ;;
		import) args='acct nps import "$T/survey.csv"' ;;
		esac
		case $what in
		KILL) how='sweep_kill' ;;
		*) how="sweep_fail $what" ;;
		esac
		sweep_ok $cmd $what || continue
		test_expect_success FAULT "$cmd: $what at each call" "
			calls $args &&
			$how $args
		"
	done
done

test_expect_success 'git fsck is clean at the end' '
	git -C "$B" fsck --strict --no-dangling >"$T/fsck" 2>&1 &&
	test_grep ! -v "^bad sha1 file: .*tmp_object_git2_" "$T/fsck"
'

test_done
