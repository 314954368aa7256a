test_description='the test library itself (does not run acct)'
. ./test-lib.sh

test_expect_success 'trash directory, HOME and the environment' '
	test "$PWD" = "$TEST_DIRECTORY/trash.t0000-testlib" &&
	test "$(pwd -P)" = "$(cd "$TRASH_DIRECTORY" && pwd -P)" &&
	test "$HOME" = "$TRASH_DIRECTORY/home" &&
	test_path_is_file "$HOME/.gitconfig" &&
	test "$LANG" = C.UTF-8 &&
	test "$LC_ALL" = C.UTF-8 &&
	test "$TZ" = UTC &&
	test "$EDITOR" = : &&
	test "$GIT_CONFIG_NOSYSTEM" = 1 &&
	test "$ACCT_NOW" = 2026-11-23T09:00+00:00 &&
	for v in GIT_DIR GIT_WORK_TREE ACCT_DIR VISUAL XDG_CONFIG_HOME \
		GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
		GIT_COMMITTER_EMAIL NO_COLOR
	do
		eval "test -z \"\${$v+set}\"" || {
			echo "$v is set"
			return 1
		}
	done &&
	env >env.out &&
	test_grep "^HOME=$HOME\$" env.out &&
	test_grep "^ACCT_NOW=" env.out &&
	test_grep "^TZ=UTC\$" env.out
'

test_expect_success 'ACCT_BUILD is absolute and first on PATH' '
	case $ACCT_BUILD in
	/*) ;;
	*) echo "not absolute: $ACCT_BUILD"; false ;;
	esac &&
	test "${PATH%%:*}" = "$ACCT_BUILD"
'

test_expect_success 'the trash directory is not in a repository' '
	test_must_fail git rev-parse --git-dir
'

test_expect_success 'git identity and default branch' '
	test "$(git config user.name)" = "A U Thor" &&
	test "$(git config user.email)" = author@example.com &&
	git init -q repo &&
	test "$(git -C repo symbolic-ref HEAD)" = refs/heads/main
'

test_expect_success 'commit dates are fixed; test_tick adds a minute' '
	test "$GIT_AUTHOR_DATE" = "1795424400 +0000" &&
	test "$GIT_COMMITTER_DATE" = "1795424400 +0000" &&
	git -C repo commit -q --allow-empty -m one &&
	echo "1795424400 1795424400 A U Thor <author@example.com>" >expect &&
	git -C repo log -1 --format="%at %ct %an <%ae>" >actual &&
	test_cmp expect actual &&
	test_tick &&
	test "$GIT_AUTHOR_DATE" = "1795424460 +0000" &&
	git -C repo commit -q --allow-empty -m two &&
	echo "1795424460 1795424460 2026-11-23T09:01:00+00:00" >expect &&
	git -C repo log -1 --format="%at %ct %aI" >actual &&
	test_cmp expect actual &&
	test_tick &&
	test "$GIT_COMMITTER_DATE" = "1795424520 +0000"
'

test_expect_success 'test_cmp' '
	test_write_lines a b >one &&
	test_write_lines a b >two &&
	test_write_lines a c >three &&
	test_cmp one two &&
	! test_cmp one three >out &&
	test_grep "^-b\$" out &&
	test_grep "^+c\$" out &&
	! test_cmp one missing >out &&
	test_grep "does not exist" out
'

test_expect_success 'test_expect_code' '
	test_expect_code 0 true &&
	test_expect_code 1 false &&
	test_expect_code 3 sh -c "exit 3" &&
	! test_expect_code 3 sh -c "exit 4" &&
	! test_expect_code 2 true
'

test_expect_success 'test_must_fail' '
	test_must_fail false &&
	test_must_fail sh -c "exit 2" &&
	test_must_fail sh -c "exit 125" &&
	! test_must_fail true &&
	! test_must_fail sh -c "exit 126" &&
	! test_must_fail sh -c "exit 127" &&
	! test_must_fail sh -c "kill -TERM \$\$" &&
	! test_must_fail sh -c "kill -ABRT \$\$" &&
	! test_must_fail no-such-command-here
'

test_expect_success 'test_must_fail keeps the command stderr apart' '
	test_must_fail sh -c "echo oops >&2; exit 1" 2>err &&
	echo oops >expect &&
	test_cmp expect err &&
	! test_must_fail true 2>err &&
	test_must_be_empty err
'

test_expect_success 'test_must_be_empty, test_path_is_*, test_line_count' '
	: >empty &&
	echo x >full &&
	mkdir dir &&
	test_must_be_empty empty &&
	! test_must_be_empty full &&
	! test_must_be_empty nothing &&
	test_path_is_file full &&
	! test_path_is_file nothing &&
	! test_path_is_file dir &&
	test_path_is_dir dir &&
	test_path_is_missing nothing &&
	! test_path_is_missing full &&
	! test_path_is_missing dir &&
	test_write_lines 1 2 3 >three &&
	test_line_count = 3 three &&
	test_line_count -gt 2 three &&
	! test_line_count = 2 three &&
	test_line_count = 0 empty &&
	test_file_not_empty full &&
	! test_file_not_empty empty
'

test_expect_success 'test_grep' '
	test_write_lines apple pear >fruit &&
	test_grep pear fruit &&
	test_grep -F "ap" fruit &&
	test_grep ! plum fruit &&
	! test_grep plum fruit &&
	! test_grep ! apple fruit
'

test_expect_success 'bodies read /dev/null' '
	cat >out &&
	test_must_be_empty out
'

test_set_prereq HAVEIT
test_expect_success 'prerequisites' '
	test_have_prereq HAVEIT &&
	! test_have_prereq MISSING &&
	test_have_prereq "!MISSING" &&
	test_have_prereq HAVEIT,!MISSING &&
	! test_have_prereq HAVEIT,MISSING &&
	! test_have_prereq "!HAVEIT"
'

test_expect_success 'TEST_HIDE_PREREQS makes a prerequisite read as missing' '
	(
		TEST_HIDE_PREREQS="OTHER, HIDDEN" &&
		test_set_prereq HIDDEN &&
		test_set_prereq SHOWN &&
		! test_have_prereq HIDDEN &&
		test_have_prereq SHOWN &&
		TEST_HIDE_PREREQS=all &&
		test_set_prereq ANY &&
		! test_have_prereq ANY
	)
'

test_expect_success 'TEST_PREREQ_LOG lists what was set and what was asked for' '
	(
		TEST_PREREQ_LOG=$PWD/prereq.log &&
		test_set_prereq LOGGED &&
		test_prereq_args_ "LOGGED,!OTHER" desc body
	) &&
	test_write_lines "set LOGGED" "use LOGGED" "use OTHER" >expect &&
	test_cmp expect prereq.log
'

test_expect_success HAVEIT 'a test with a prerequisite it has runs' '
	: >ran-with-prereq
'

test_expect_success MISSING 'a test with a missing prerequisite is skipped' '
	: >ran-without-prereq
'

test_expect_success 'only the first of the two ran' '
	test_path_is_file ran-with-prereq &&
	test_path_is_missing ran-without-prereq
'

test_expect_success 'cd in a body persists' '
	mkdir -p sub &&
	cd sub
'

test_expect_success 'into the next test' '
	test "$PWD" = "$TRASH_DIRECTORY/sub" &&
	cd ..
'

test_expect_success 'test_when_finished runs after the test' '
	test_when_finished "rm -f cleanme" &&
	: >cleanme &&
	test_path_is_file cleanme
'

test_expect_success 'test_when_finished ran' '
	test_path_is_missing cleanme
'

test_expect_success 'test_book_state notices changes' '
	rm -rf state &&
	git init -q state &&
	(
		cd state &&
		echo a >file &&
		git add file &&
		git commit -q -m file
	) &&
	test_book_state state >before &&
	test_book_state state >after &&
	test_cmp before after &&
	echo b >state/file &&
	test_book_state state >after &&
	! test_cmp before after &&
	git -C state checkout -q file &&
	test_book_state state >after &&
	test_cmp before after &&
	echo c >state/new &&
	test_book_state state >after &&
	! test_cmp before after &&
	rm state/new &&
	test_tick &&
	git -C state commit -q --allow-empty -m more &&
	test_book_state state >after &&
	! test_cmp before after &&
	git -C state reset -q --hard HEAD^ &&
	test_book_state state >after &&
	test_cmp before after
'

test_expect_success 'test_book_state fails on a stray lock or temporary file' '
	: >state/.git/index.lock &&
	test_must_fail test_book_state state >out &&
	test_grep "index.lock" out &&
	rm state/.git/index.lock &&
	: >state/notes.lock &&
	test_must_fail test_book_state state >out &&
	test_grep "notes.lock" out &&
	rm state/notes.lock &&
	: >state/.git/acct-index.123 &&
	test_must_fail test_book_state state >out &&
	test_grep "stray file: ./.git/acct-index.123" out &&
	rm state/.git/acct-index.123 &&
	: >state/card.yaml.tmp &&
	test_must_fail test_book_state state >out &&
	test_grep "stray file: ./card.yaml.tmp" out &&
	rm state/card.yaml.tmp &&
	mkdir -p state/.git/acct/facts.s &&
	: >state/.git/acct/facts.s/00 &&
	: >state/.git/acct/rescue.yaml &&
	test_book_state state >after &&
	test_cmp before after &&
	test_book_state --acct state >after &&
	test_grep "^acct file: ./.git/acct/rescue.yaml\$" after &&
	test_grep ! "facts" after &&
	rm -r state/.git/acct &&
	test_book_state state >after &&
	test_cmp before after
'

test_expect_success UNSHARE 'test_ro_run mounts a directory read-only' '
	mkdir -p ro &&
	: >ro/old &&
	test_must_fail test_ro_run ro sh -c ": >ro/new" &&
	test_must_fail test_ro_run ro rm ro/old &&
	(cd ro && test_must_fail test_ro_run . sh -c ": >new") &&
	test_ro_run ro cat ro/old &&
	test_path_is_file ro/old &&
	test_path_is_missing ro/new &&
	: >ro/new
'

# A script of our own, run by a copy of test-lib.sh in a subdirectory.
run_sub_test_ () {
	name=$1 &&
	mkdir -p sub-lib &&
	cp "$TEST_DIRECTORY/test-lib.sh" sub-lib/ &&
	{
		echo "test_description=\"$name\"" &&
		echo ". ./test-lib.sh" &&
		cat &&
		echo "test_done"
	} >"sub-lib/$name.sh" &&
	(
		cd sub-lib &&
		sh "$name.sh" >../out 2>../err
		echo $? >../code
	)
}

test_expect_success 'a passing script: TAP, summary, trash removed' '
	run_sub_test_ passing <<-\EOF &&
	test_expect_success "one" "true"
	test_expect_success "two" "test -d ../trash.passing"
	EOF
	cat >expect <<-\EOF &&
	ok 1 - one
	ok 2 - two
	1..2
	# passed 2, failed 0
	EOF
	test_cmp expect out &&
	echo 0 >expect &&
	test_cmp expect code &&
	test_path_is_missing sub-lib/trash.passing
'

test_expect_success 'a failing script: body shown, exit 1, trash kept' '
	run_sub_test_ failing <<-\EOF &&
	test_expect_success "good" "true"
	test_expect_success "bad" "
		echo some output &&
		false
	"
	test_expect_failure "known" "false"
	test_expect_failure "fixed" "true"
	test_expect_success NOPE "skipped" "false"
	test_expect_success "chain" "
		true
		true
	"
	test_expect_success "sanitizer" "
		echo \"x.c:1:2: runtime error: signed integer overflow\"
	"
	test_expect_success "fails cmp" "
		echo a >expect &&
		echo b >actual &&
		test_cmp expect actual
	"
	EOF
	echo 1 >expect &&
	test_cmp expect code &&
	test_grep "^ok 1 - good\$" out &&
	test_grep "^not ok 2 - bad\$" out &&
	test_grep "^#	echo some output &&\$" out &&
	test_grep "^# | some output\$" out &&
	test_grep "^not ok 3 - known # TODO known breakage\$" out &&
	test_grep "^ok 4 - fixed # TODO known breakage vanished\$" out &&
	test_grep "^ok 5 # skip skipped (missing NOPE)\$" out &&
	test_grep "^not ok 6 - chain\$" out &&
	test_grep "broken &&-chain" out &&
	test_grep "^not ok 7 - sanitizer\$" out &&
	test_grep "^not ok 8 - fails cmp\$" out &&
	test_grep "^# | +b\$" out &&
	test_grep "^1\\.\\.8\$" out &&
	test_grep "^# 1 known breakage(s), 1 fixed, 1 skipped\$" out &&
	tail -n 2 out >last &&
	test_grep "^# passed 1, failed 4\$" last &&
	test_path_is_dir sub-lib/trash.failing
'

test_expect_success 'an unexpected exit is reported' '
	run_sub_test_ exiting <<-\EOF &&
	test_expect_success "exits" "exit 0"
	EOF
	echo 1 >expect &&
	test_cmp expect code &&
	test_grep "FATAL: unexpected exit" out &&
	test_grep ! "# passed" out
'

test_expect_success 'a sub-script gets an environment of its own' '
	(
		ACCT_DIR=/elsewhere ACCT_OTHER=x GIT_AUTHOR_NAME=someone \
			GIT_DIR=/nowhere TZ=Europe/Paris \
			ACCT_BUILD=/tmp/somewhere &&
		export ACCT_DIR ACCT_OTHER GIT_AUTHOR_NAME GIT_DIR TZ ACCT_BUILD &&
		run_sub_test_ env <<-\EOF
		test_expect_success "env" "
			test \"\$HOME\" = \"\$TRASH_DIRECTORY/home\" &&
			test -z \"\${ACCT_DIR+set}\" &&
			test -z \"\${ACCT_OTHER+set}\" &&
			test -z \"\${GIT_AUTHOR_NAME+set}\" &&
			test -z \"\${GIT_DIR+set}\" &&
			test \"\$TZ\" = UTC &&
			test \"\$ACCT_BUILD\" = /tmp/somewhere &&
			test \"\${PATH%%:*}\" = /tmp/somewhere
		"
		EOF
	) &&
	test_grep "^ok 1 - env" out
'

# make test printed "test_tpl_spec: 0 passed, 0 failed" and went on green
# when the Mustache spec was missing: a run that proves nothing is a
# failure.
test -x "$ACCT_BUILD/tests/test_tpl_spec" && test_set_prereq SPEC_BINARY

test_expect_success SPEC_BINARY 'the Mustache spec missing: test_tpl_spec fails, and so does the run' '
	mkdir nowhere &&
	test_expect_code 1 env MUSTACHE_SPEC_DIR="$PWD/nowhere" \
		"$ACCT_BUILD/tests/test_tpl_spec" >out 2>err &&
	echo "test_tpl_spec: 0 passed, 1 failed" >expect &&
	test_cmp expect out &&
	test_grep "the Mustache spec is not at $PWD/nowhere" err &&
	MUSTACHE_SPEC_DIR="$PWD/nowhere" TEST_E2E=0 \
		test_expect_code 1 sh "$TEST_DIRECTORY/../run.sh" "$ACCT_BUILD" \
		"$ACCT_BUILD/tests/test_tpl_spec" >run.out 2>&1 &&
	tail -n 1 run.out >last &&
	echo "0 passed, 1 failed" >expect &&
	test_cmp expect last
'

test_expect_success SPEC_BINARY 'a spec without tests fails too' '
	mkdir emptyspec &&
	echo "{\"tests\": []}" >emptyspec/comments.json &&
	test_expect_code 1 env MUSTACHE_SPEC_DIR="$PWD/emptyspec" \
		"$ACCT_BUILD/tests/test_tpl_spec" >out 2>err &&
	tail -n 1 out >last &&
	test_grep "^test_tpl_spec: 0 passed, [1-9][0-9]* failed$" last
'

test_done
