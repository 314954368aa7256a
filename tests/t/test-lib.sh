# test-lib.sh: a small end-to-end test library in the style of git's t/.
#
# A script sets test_description, sources this file from tests/t, runs
# test_expect_success blocks and ends with test_done:
#
#	test_description='acct log'
#	. ./test-lib.sh
#
#	test_expect_success 'setup' 'test_book'
#	test_expect_success 'log makes one commit' '
#		acct client add "Acme" &&
#		...
#	'
#	test_done
#
# Environment: ACCT_BUILD, the directory holding the acct binary to test
# (default ../../build); TEST_VERBOSE=1 (or -v) shows the bodies' output;
# TEST_CHAIN_LINT=0 turns off the broken-&&-chain check.
# Options: -v/--verbose, -i/--immediate (stop at the first failure),
# -d/--debug (keep the trash directory), -x (trace the bodies).

# --- options ------------------------------------------------------------

verbose_=
immediate_=
debug_=
trace_=
test "${TEST_VERBOSE:-0}" = 0 || verbose_=t
for arg_
do
	case $arg_ in
	-v|--verbose) verbose_=t ;;
	-i|--immediate) immediate_=t ;;
	-d|--debug) debug_=t ;;
	-x) trace_=t ;;
	-h|--help)
		echo "${test_description:-}"
		exit 0 ;;
	*)
		echo "error: unknown test option '$arg_'" >&2
		exit 1 ;;
	esac
done

# --- where things are ---------------------------------------------------

TEST_DIRECTORY=$(cd "$(dirname "$0")" && pwd) || exit 1
this_test_=${0##*/}
this_test_=${this_test_%.sh}

# ACCT_BUILD: absolute, whether or not it exists yet.
ACCT_BUILD=${ACCT_BUILD:-$TEST_DIRECTORY/../../build}
case $ACCT_BUILD in
/*) ;;
*) ACCT_BUILD=$(pwd)/$ACCT_BUILD ;;
esac
if test -d "$ACCT_BUILD"
then
	ACCT_BUILD=$(cd "$ACCT_BUILD" && pwd -P)
fi
export ACCT_BUILD
# The system's tools only: no user shims (a pyenv shim costs dozens of
# processes per python3 call), and the same tools on every machine.
PATH=$ACCT_BUILD:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
export PATH

# TEST_TRASH_SUFFIX lets two runs of one script go at once.
TRASH_DIRECTORY=$TEST_DIRECTORY/trash.$this_test_${TEST_TRASH_SUFFIX:-}
TEST_OUT_=$TRASH_DIRECTORY.out
TEST_SANLOG_=$TRASH_DIRECTORY.san

# --- environment --------------------------------------------------------

unset GIT_DIR GIT_WORK_TREE ACCT_DIR VISUAL XDG_CONFIG_HOME \
	GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
	GIT_COMMITTER_EMAIL NO_COLOR
# and other variables that would point git elsewhere or change its output
unset GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
	GIT_CONFIG GIT_CONFIG_GLOBAL GIT_CONFIG_SYSTEM GIT_CONFIG_PARAMETERS \
	GIT_CONFIG_COUNT GIT_NAMESPACE GIT_EDITOR GIT_SEQUENCE_EDITOR \
	GIT_PAGER PAGER GIT_TRACE LANGUAGE CDPATH
for var_ in $(env | sed -n 's/^\(ACCT_[A-Za-z0-9_]*\)=.*/\1/p')
do
	case $var_ in
	ACCT_BUILD) ;;
	*) unset "$var_" ;;
	esac
done

GIT_CONFIG_NOSYSTEM=1
LANG=C.UTF-8
LC_ALL=C.UTF-8
TZ=UTC
EDITOR=:
ACCT_NOW=2026-11-23T09:00+00:00
HOME=$TRASH_DIRECTORY/home
# git (and libgit2 when asked to) must not find /work/main's own repository
# from inside the trash directory.
GIT_CEILING_DIRECTORIES=$TEST_DIRECTORY
export GIT_CONFIG_NOSYSTEM LANG LC_ALL TZ EDITOR ACCT_NOW HOME \
	GIT_CEILING_DIRECTORIES

# Commit dates: 2026-11-23 09:00 UTC, a minute later at each test_tick.
test_tick=1795424400
GIT_AUTHOR_DATE="$test_tick +0000"
GIT_COMMITTER_DATE="$test_tick +0000"
export GIT_AUTHOR_DATE GIT_COMMITTER_DATE

test_tick () {
	test_tick=$(($test_tick + 60))
	GIT_AUTHOR_DATE="$test_tick +0000"
	GIT_COMMITTER_DATE="$test_tick +0000"
	export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
}

# Sanitizers: reports also go to files, checked after every test, so
# that an error is caught even when a test hides the exit status or
# stderr (`acct ... | sort`, `2>err`).
case $ACCT_BUILD in
*asan*) sanitized_=t ;;
*) sanitized_= ;;
esac
# (GCC's libubsan ignores log_path next to libasan, and exits 1 on an
# error, like an ordinary failure, unless abort_on_error is set.)
if test -n "$sanitized_"
then
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
	case :$UBSAN_OPTIONS: in
	*:abort_on_error=*) ;;
	*) UBSAN_OPTIONS=$UBSAN_OPTIONS:abort_on_error=1 ;;
	esac
	# Leaks of the libraries acct links, named in tests/lsan.supp.
	LSAN_OPTIONS=suppressions=$TEST_DIRECTORY/../lsan.supp:print_suppressions=0
	export LSAN_OPTIONS
fi
if test -n "${ASAN_OPTIONS:-}${UBSAN_OPTIONS:-}"
then
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$TEST_SANLOG_/asan
	UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$TEST_SANLOG_/ubsan
	export ASAN_OPTIONS UBSAN_OPTIONS
fi

# --- the trash directory ------------------------------------------------

remove_trash_ () {
	chmod -R u+w "$TRASH_DIRECTORY" 2>/dev/null
	rm -rf "$TRASH_DIRECTORY" "$TEST_OUT_" "$TEST_SANLOG_"
}

remove_trash_
if test -e "$TRASH_DIRECTORY"
then
	echo "Bail out! cannot remove $TRASH_DIRECTORY"
	exit 1
fi
mkdir -p "$TRASH_DIRECTORY" "$HOME" "$TEST_SANLOG_" || {
	echo "Bail out! cannot create $TRASH_DIRECTORY"
	exit 1
}
cat >"$HOME/.gitconfig" <<\EOF
[user]
	name = A U Thor
	email = author@example.com
[init]
	defaultBranch = main
EOF
# The tests are about what acct writes, not about the disk: git's
# core.fsync=none, which acct honours too, spares each commit its flushes.
# A script about syncing (faults, signals) sets TEST_FSYNC=t before
# sourcing this file and gets git's and acct's defaults.
if test -z "${TEST_FSYNC:-}"
then
	printf '[core]\n\tfsync = none\n' >>"$HOME/.gitconfig"
fi
cd "$TRASH_DIRECTORY" || exit 1

# fd 7: where the helpers' own messages go (the test's log).
if test -n "$verbose_"
then
	exec 7>&2
else
	exec 7>/dev/null
fi

# --- bookkeeping --------------------------------------------------------

test_count=0
test_success=0
test_failure=0
test_fixed=0
test_broken=0
test_skipped=0
test_done_called_=

BUG () {
	echo "BUG: test-lib.sh: $*" >&2
	test_done_called_=t
	exit 1
}

die_ () {
	code_=$?
	if test -z "$test_done_called_"
	then
		echo "FATAL: unexpected exit with code $code_"
		exit 1
	fi
	exit $code_
}
trap 'die_' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- prerequisites ------------------------------------------------------

prereqs_=" "

# test_set_prereq NAME: an optional prerequisite (a tool, a package, a
# terminal) is here. TEST_HIDE_PREREQS, a list of names separated by
# spaces or commas ("all" for every one), makes it read as missing, so
# that `make check-prereqs` can show that no other test depends on a test
# that skips. TEST_PREREQ_LOG, a file, collects the names set and the
# names tests ask for ("set NAME" and "use NAME" lines).
test_set_prereq () {
	test -z "${TEST_PREREQ_LOG:-}" || echo "set $1" >>"$TEST_PREREQ_LOG"
	case " $(echo "${TEST_HIDE_PREREQS:-}" | tr ',' ' ') " in
	*" $1 "*|*" all "*) return 0 ;;
	esac
	prereqs_="$prereqs_$1 "
}

# test_fact_ NAME: a fact about the run (root, a sanitized build), not
# something that can be missing; never hidden.
test_fact_ () {
	prereqs_="$prereqs_$1 "
}

# test_have_prereq 'A,!B': all of them (a leading ! negates one).
test_have_prereq () {
	save_ifs_=$IFS
	IFS=,
	set -- $*
	IFS=$save_ifs_
	for p_
	do
		case $p_ in
		!*)
			case $prereqs_ in
			*" ${p_#!} "*) return 1 ;;
			esac ;;
		*)
			case $prereqs_ in
			*" $p_ "*) ;;
			*) return 1 ;;
			esac ;;
		esac
	done
	return 0
}

test -z "$sanitized_" || test_fact_ SANITIZED
test "$(id -u)" != 0 || test_fact_ ROOT

# --- helpers for test bodies --------------------------------------------

# test_book [NAME]: acct init NAME (default book) and cd into it.
test_book () {
	acct init "${1:-book}" && cd "${1:-book}"
}

# test_must_fail CMD...: CMD must fail in the ordinary way (not succeed,
# not die by a signal, not be missing or unrunnable).
test_must_fail () {
	"$@"
	exit_code_=$?
	if test $exit_code_ -eq 0
	then
		echo >&7 "test_must_fail: command succeeded: $*"
		return 1
	elif test $exit_code_ -gt 128 && test $exit_code_ -le 192
	then
		echo >&7 "test_must_fail: died by signal $(($exit_code_ - 128)): $*"
		return 1
	elif test $exit_code_ -eq 127
	then
		echo >&7 "test_must_fail: command not found: $*"
		return 1
	elif test $exit_code_ -eq 126
	then
		echo >&7 "test_must_fail: command not runnable: $*"
		return 1
	fi
	return 0
}

# test_expect_code N CMD...
test_expect_code () {
	want_code_=$1
	shift
	"$@"
	exit_code_=$?
	if test $exit_code_ = "$want_code_"
	then
		return 0
	fi
	echo >&7 "test_expect_code: command exited with $exit_code_, we wanted $want_code_: $*"
	return 1
}

# test_cmp EXPECT ACTUAL: diff -u on a mismatch.
test_cmp () {
	test $# -eq 2 || BUG "test_cmp needs 2 arguments"
	for f_
	do
		if ! test -f "$f_"
		then
			echo "test_cmp: '$f_' does not exist"
			return 1
		fi
	done
	diff -u "$1" "$2"
}

test_must_be_empty () {
	test $# -eq 1 || BUG "test_must_be_empty needs 1 argument"
	test_path_is_file "$1" || return 1
	if test -s "$1"
	then
		echo "'$1' is not empty, it contains:"
		cat "$1"
		return 1
	fi
}

test_file_not_empty () {
	test $# -eq 1 || BUG "test_file_not_empty needs 1 argument"
	if ! test -s "$1"
	then
		echo "'$1' is not a non-empty file."
		return 1
	fi
}

test_path_is_file () {
	test $# -eq 1 || BUG "test_path_is_file needs 1 argument"
	if ! test -f "$1"
	then
		echo "File $1 doesn't exist"
		return 1
	fi
}

test_path_is_dir () {
	test $# -eq 1 || BUG "test_path_is_dir needs 1 argument"
	if ! test -d "$1"
	then
		echo "Directory $1 doesn't exist"
		return 1
	fi
}

test_path_is_missing () {
	test $# -eq 1 || BUG "test_path_is_missing needs 1 argument"
	if test -e "$1" || test -L "$1"
	then
		echo "Path exists: $1"
		ls -ld "$1"
		return 1
	fi
}

# test_line_count OP N FILE, e.g. test_line_count = 3 actual
test_line_count () {
	test $# -eq 3 || BUG "test_line_count needs 3 arguments"
	if ! test -f "$3"
	then
		echo "test_line_count: '$3' does not exist"
		return 1
	fi
	lines_=$(wc -l <"$3")
	if ! test $lines_ "$1" "$2"
	then
		echo "test_line_count: line count for $3 !$1 $2 (it is $lines_)"
		cat "$3"
		return 1
	fi
}

# test_grep [!] [GREP-OPTIONS] PATTERN FILE: shows the file when it fails.
test_grep () {
	if test "$1" = "!"
	then
		shift
		eval "last_arg_=\${$#}"
		grep "$@" && {
			echo "test_grep: found unwanted match in $last_arg_"
			return 1
		}
		return 0
	fi
	eval "last_arg_=\${$#}"
	grep "$@" >/dev/null && return 0
	echo "test_grep: no match in $last_arg_ for: $*"
	cat "$last_arg_"
	return 1
}

# test_write_lines A B C: one argument a line.
test_write_lines () {
	printf '%s\n' "$@"
}

# test_when_finished CMD: run CMD after the current test, pass or fail.
test_when_finished () {
	test -n "$in_test_" || BUG "test_when_finished outside a test"
	# last registered, first run; all of them run, any failure fails
	# the test
	test_cleanup_="{ $*
} || cleanup_failed_=t
$test_cleanup_"
}

# test_book_state [--acct] [DIR]: what "the book is unchanged" compares: HEAD and
# the refs, git status, the index, the files (names and checksums).
# Fails, and says so, when a lock, a temporary index or object or a
# *.tmp file is left anywhere in the book (what no_stray looks for).
# The end-to-end scripts call this about a thousand times, so it keeps
# to five processes: HEAD is read from .git/HEAD (with the refs that is
# what rev-parse and symbolic-ref would say), one find both lists the
# files and looks for strays, and the index is listed, not checksummed.
test_book_state () {
	(
		acct_=
		if test "${1:-}" = --acct
		then
			acct_=t
			shift
		fi
		if test $# -gt 0
		then
			cd "$1" || exit 1
		fi
		if test -f .git/HEAD
		then
			IFS= read -r head_ <.git/HEAD
			echo "HEAD $head_"
		else
			echo "HEAD $(git rev-parse -q --verify HEAD || echo unborn)"
			echo "branch $(git symbolic-ref -q HEAD || echo detached)"
		fi
		git for-each-ref --format='%(objectname) %(refname)'
		echo "status:"
		git --no-optional-locks status --porcelain --ignored=no \
			--untracked-files=all
		echo "index:"
		git ls-files -s
		echo "files and checksums:"
		# With --acct, also the names of what is in .git/acct but
		# acct's caches (as acct_tmp lists them).
		set --
		if test -n "$acct_"
		then
			set -- , \( -path './.git/acct/*' -type f \
				! -path ./.git/acct/facts \
				! -path './.git/acct/facts.d/*' \
				! -path './.git/acct/facts.s/*' \
				! -path ./.git/acct/folderlog \
				! -path ./.git/acct/past ! -path ./.git/acct/ids \
				-printf 'acct file: %p\n' \)
		fi
		files_=$(find . \( -name '*.lock' -o -name 'acct-index*' \
			-o -name 'tmp_object*' -o -name '*.tmp' \) \
			-printf 'stray file: %p\n' \
			, \( -path ./.git -o -path './.git/*' \
			-o -type f -exec cksum {} + -o -print \) "$@" | sort)
		echo "$files_"
		case $files_ in
		*"stray file: "*)
			echo >&7 "test_book_state: stray file(s):" \
				$(echo "$files_" | sed -n 's/^stray file: //p')
			exit 1
			;;
		esac
	)
}

# test_ro_run DIR CMD...: run CMD (a program, not a shell function) with
# DIR bind-mounted read-only in a private mount namespace (prereq
# UNSHARE). Exits 126 if the mount cannot be made.
test_ro_run () {
	test $# -ge 2 || BUG "test_ro_run needs DIR and a command"
	ro_dir_=$(cd "$1" && pwd) || return 126
	shift
	if test "$(id -u)" = 0
	then
		ro_flags_=-m
	else
		ro_flags_=-rm
	fi
	unshare $ro_flags_ --propagation private sh -c '
		d=$1
		shift
		mount --bind "$d" "$d" &&
		mount -o remount,bind,ro "$d" &&
		cd "$PWD" || {
			echo >&2 "test_ro_run: cannot mount $d read-only"
			exit 126
		}
		exec "$@"
	' test_ro_run "$ro_dir_" "$@"
}

# UNSHARE: test_ro_run works (tried on a probe directory).
mkdir .probe
if (unshare -rm true || { test "$(id -u)" = 0 && unshare -m true; }) \
	>/dev/null 2>&1 &&
	test_ro_run .probe sh -c '! (: >.probe/x) 2>/dev/null' \
	>/dev/null 2>&1 &&
	! test -e .probe/x
then
	test_set_prereq UNSHARE
fi
rm -rf .probe

# test_fault RULES CMD...: run CMD (a program, not a shell function) with
# tests/fault/fault.c preloaded and ACCT_FAULT=RULES: the system calls the
# rules name fail (or get a signal), as on a full or failing disk (prereq
# FAULT).
test_fault () {
	test $# -ge 2 || BUG "test_fault needs RULES and a command"
	fault_rules_=$1
	shift
	env LD_PRELOAD="$ACCT_BUILD/tests/libfault.so" ACCT_FAULT="$fault_rules_" \
		"$@"
}

# stopped_at_lock OUT ERR CMD...: start CMD (a program) in the background,
# stopped (tests/fault: SIGSTOP) just before it takes .git/index.lock; its
# pid in stopped_pid, its output in OUT and ERR. Fails when it does not
# stop within 10 s.
stopped_at_lock () {
	sal_out_=$1 sal_err_=$2
	shift 2
	env LD_PRELOAD="$ACCT_BUILD/tests/libfault.so" \
		ACCT_FAULT="open:.git/index.lock=STOP" "$@" >"$sal_out_" 2>"$sal_err_" &
	stopped_pid=$!
	n_=0
	until test "$(ps -o stat= -p $stopped_pid 2>/dev/null | cut -c1)" = T
	do
		n_=$(($n_ + 1))
		test $n_ -lt 200 || return 1
		sleep 0.05
	done
}

# FAULT: the fault injector is built and works in acct itself (tried on
# the mkdir of acct init).
if test -f "$ACCT_BUILD/tests/libfault.so" &&
	! test_fault "mkdir:.fault-probe=EIO" "$ACCT_BUILD/acct" init .fault-probe \
		>/dev/null 2>&1 &&
	! test -d .fault-probe
then
	test_set_prereq FAULT
fi
rm -rf .fault-probe

# --- running tests ------------------------------------------------------

test_eval_inner_ () {
	if test -n "$trace_"
	then
		set -x
		eval "$1"
		eval_ret_=$?
		set +x
		return $eval_ret_
	fi
	eval "$1"
}

# test_run_ BODY: the body in this shell (a cd persists), its output to
# the log; then the cleanups and the sanitizer check.
test_run_ () {
	test_cleanup_=:
	in_test_=t
	run_ret_=0
	if test "${TEST_CHAIN_LINT:-1}" != 0
	then
		lint_ret_=$(test_eval_inner_ "(exit 117) && $1
" </dev/null >/dev/null 2>&1 7>&1; echo $?)
		if test "$lint_ret_" != 117
		then
			echo "error: broken &&-chain or run-away here-doc" >"$TEST_OUT_"
			in_test_=
			return 1
		fi
	fi
	cleanup_failed_=
	if test -n "$verbose_"
	then
		: >"$TEST_OUT_"
		test_eval_inner_ "$1" </dev/null 7>&2
		run_ret_=$?
		test_eval_inner_ "$test_cleanup_" </dev/null 7>&2
	else
		test_eval_inner_ "$1" </dev/null >"$TEST_OUT_" 2>&1 7>&1
		run_ret_=$?
		test_eval_inner_ "$test_cleanup_" </dev/null >>"$TEST_OUT_" 2>&1 7>&1
	fi
	in_test_=
	if test $run_ret_ = 0 && test -n "$cleanup_failed_"
	then
		echo "error: test_when_finished cleanup failed" >>"$TEST_OUT_"
		run_ret_=1
	fi
	if ! test_sanitizer_clean_
	then
		run_ret_=1
	fi
	return $run_ret_
}

# Sanitizer reports: in the log files (see log_path above) or the output.
test_sanitizer_clean_ () {
	san_ok_=t
	for f_ in "$TEST_SANLOG_"/*
	do
		test -f "$f_" || continue
		{
			echo "error: sanitizer report ${f_##*/}:"
			cat "$f_"
		} >>"$TEST_OUT_"
		test -z "$verbose_" || cat "$f_" >&2
		rm -f "$f_"
		san_ok_=
	done
	if grep -q -e 'runtime error:' -e 'ERROR: AddressSanitizer' \
		-e 'ERROR: LeakSanitizer' "$TEST_OUT_" 2>/dev/null
	then
		san_ok_=
	fi
	test -n "$san_ok_"
}

test_start_ () {
	test_count=$(($test_count + 1))
}

# test_show_failure_ BODY: the body and the end of its output, as TAP
# comments.
test_show_failure_ () {
	printf '%s\n' "$1" | sed 's/^/#	/'
	if test -s "$TEST_OUT_"
	then
		echo "# output:"
		tail -n 60 "$TEST_OUT_" | sed 's/^/# | /'
	fi
}

test_prereq_args_ () {
	case $# in
	2) test_prereq_= ;;
	3) test_prereq_=$1 ;;
	*) BUG "test_expect_*: want [PREREQ] DESCRIPTION BODY, got $# arguments" ;;
	esac
	if test -n "${TEST_PREREQ_LOG:-}" && test -n "$test_prereq_"
	then
		echo "$test_prereq_" | tr ',' '\n' | sed 's/^!//; s/^/use /' \
			>>"$TEST_PREREQ_LOG"
	fi
}

test_skip_ () {
	test_skipped=$(($test_skipped + 1))
	echo "ok $test_count # skip $1 (missing $test_prereq_)"
}

test_expect_success () {
	test_prereq_args_ "$@"
	test $# = 3 && shift
	test_start_
	if ! test_have_prereq "$test_prereq_"
	then
		test_skip_ "$1"
		return 0
	fi
	if test_run_ "$2"
	then
		test_success=$(($test_success + 1))
		echo "ok $test_count - $1"
	else
		test_failure=$(($test_failure + 1))
		echo "not ok $test_count - $1"
		test_show_failure_ "$2"
		if test -n "$immediate_"
		then
			echo "# failed at the first failure (-i); trash kept in $TRASH_DIRECTORY"
			test_done_called_=t
			exit 1
		fi
	fi
	return 0
}

test_expect_failure () {
	test_prereq_args_ "$@"
	test $# = 3 && shift
	test_start_
	if ! test_have_prereq "$test_prereq_"
	then
		test_skip_ "$1"
		return 0
	fi
	if test_run_ "$2"
	then
		test_fixed=$(($test_fixed + 1))
		echo "ok $test_count - $1 # TODO known breakage vanished"
	else
		test_broken=$(($test_broken + 1))
		echo "not ok $test_count - $1 # TODO known breakage"
	fi
	return 0
}

# Helpers the command scripts share. They work on the book in $B, with
# $T a folder for their scratch files; a script that needs another kind
# defines its own after sourcing this file.

# write_script FILE: a shell script from stdin, made executable.
write_script () {
	{
		echo "#!/bin/sh" &&
		cat
	} >"$1" &&
	chmod +x "$1"
}

# test_utf16le: stdin (ASCII) as UTF-16LE on stdout, with no iconv.
test_utf16le () {
	fmt_=$(od -An -v -to1 | tr -s ' \n' '  ' |
		sed 's/ *$//; s/ *\([0-7][0-7]*\)/\\\1\\000/g') &&
	printf "$fmt_"
}

# alias_bomb NAME [map]: a client card named NAME on stdout whose aliases
# multiply (eight levels of nine: 43 million values if expanded; under
# 1 KB), in lists, or in mappings with "map".
alias_bomb () {
	printf "name: %s\nstatus: active\nsince: 2026-01-01\n" "$1"
	if test "${2:-}" = map
	then
		echo "a: &a {k1: lol, k2: lol, k3: lol, k4: lol, k5: lol, k6: lol, k7: lol, k8: lol, k9: lol}"
		for l_a_ in b:a c:b d:c e:d f:e g:f h:g
		do
			n_a_=${l_a_%:*} p_a_=${l_a_#*:}
			echo "$n_a_: &$n_a_ {k1: *$p_a_, k2: *$p_a_, k3: *$p_a_, k4: *$p_a_, k5: *$p_a_, k6: *$p_a_, k7: *$p_a_, k8: *$p_a_, k9: *$p_a_}"
		done
	else
		echo "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"
		for l_a_ in b:a c:b d:c e:d f:e g:f h:g
		do
			n_a_=${l_a_%:*} p_a_=${l_a_#*:}
			echo "$n_a_: &$n_a_ [*$p_a_, *$p_a_, *$p_a_, *$p_a_, *$p_a_, *$p_a_, *$p_a_, *$p_a_, *$p_a_]"
		done
	fi
}

# no_stray: no lock, temporary index or object left anywhere in the book.
no_stray () {
	find "$B" \( -name '*.lock' -o -name 'acct-index*' \
		-o -name 'tmp_object*' -o -name '*.tmp' \) -print >"$T/stray" &&
	test_must_be_empty "$T/stray"
}

# is_clean: git status empty (untracked files too, and staged changes,
# which --porcelain lists as well), nothing stray.
is_clean () {
	git -C "$B" status --porcelain --untracked-files=all >"$T/status.out" &&
	test_must_be_empty "$T/status.out" &&
	no_stray
}

# acct_tmp: what is in .git/acct (the editor's files, rescue files), but
# acct's caches, which any command may write (README, "The cache").
acct_tmp () {
	if test -d "$B/.git/acct"
	then
		(cd "$B/.git/acct" && find . -type f -print | sort |
			grep -v -e "^\./facts\$" -e "^\./facts\.[ds]/" \
				-e "^\./folderlog\$" -e "^\./past\$" \
				-e "^\./ids\$")
	fi
	return 0
}

# snapshot, then unchanged: the book as it was. A script that sets
# book_state_acct=t has them compare .git/acct too, caches aside
# (test_book_state --acct).
snapshot () {
	test_book_state ${book_state_acct:+--acct} "$B" >"$T/state.before"
}

unchanged () {
	test_book_state ${book_state_acct:+--acct} "$B" >"$T/state.after" &&
	test_cmp "$T/state.before" "$T/state.after"
}

# refused CODE MESSAGE CMD...: CMD exits CODE, says "acct: " and MESSAGE
# on stderr, prints nothing on stdout and leaves the book as it was;
# its output is in $T/out and $T/err.
refused () {
	code_r_=$1 msg_r_=$2 &&
	shift 2 &&
	snapshot &&
	test_expect_code "$code_r_" "$@" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "^acct: " "$T/err" &&
	test_grep -F -e "$msg_r_" "$T/err" &&
	unchanged
}

# remember: the current HEAD, for one_commit and no_commit.
remember () {
	git -C "$B" rev-parse HEAD >"$T/old-head"
}

# no_commit: HEAD is still the remembered one.
no_commit () {
	git -C "$B" rev-parse HEAD >"$T/actual.head" &&
	test_cmp "$T/old-head" "$T/actual.head"
}

# one_commit SUBJECT PATH...: exactly one commit on top of the remembered
# HEAD, with SUBJECT, changing exactly PATHs (sorted, as git lists them);
# the book is clean afterwards. One git log says all three.
one_commit () {
	IFS= read -r old_head_ <"$T/old-head" &&
	{
		printf '%s\n%s\n\n' "$1" "$old_head_" &&
		shift &&
		printf '%s\n' "$@"
	} >"$T/expect.commit" &&
	git -C "$B" log -1 --format='%s%n%P' --name-only --no-renames HEAD \
		>"$T/actual.commit" &&
	test_cmp "$T/expect.commit" "$T/actual.commit" &&
	is_clean
}

test_done () {
	test_done_called_=t
	trap - EXIT
	echo "1..$test_count"
	if test $test_fixed != 0 || test $test_broken != 0 ||
		test $test_skipped != 0
	then
		echo "# $test_broken known breakage(s), $test_fixed fixed, $test_skipped skipped"
	fi
	echo "# passed $test_success, failed $test_failure"
	cd "$TEST_DIRECTORY" || exit 1
	if test $test_failure != 0
	then
		echo "# trash kept in $TRASH_DIRECTORY"
		exit 1
	fi
	test -n "$debug_" || remove_trash_
	exit 0
}
