#!/bin/sh
# shellcheck disable=SC2016

test_description='acct: a writing command is safe

A writing command (here "acct client add") makes exactly one commit and
keeps the index in step, or refuses and leaves the book exactly as it was:
a held index.lock, a detached HEAD, a merge, rebase or cherry-pick in
progress, a change by hand on a path to write, a symbolic link on the way,
a read-only book, no git identity, a bad commit date, a signal, and
concurrent writers.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book

# --- helpers ----------------------------------------------------------------

# no_stray [DIR]: no lock, temporary index or temporary object left by acct.
no_stray () {
	(
		cd "${1:-.}" &&
		find . \( -name '*.lock' -o -name 'acct-index*' \
			-o -name 'tmp_object*' -o -name '*.tmp' \) -print \
			>"$T/stray" &&
		test_must_be_empty "$T/stray"
	)
}

# book_clean [DIR]: git status, the staged changes, the work tree against
# the index (by the index's own stat data, with no refresh) all empty.
book_clean () {
	(
		cd "${1:-.}" &&
		git diff-files --name-status >"$T/diff-files" &&
		test_must_be_empty "$T/diff-files" &&
		git diff-index --cached --name-status HEAD >"$T/diff-index" &&
		test_must_be_empty "$T/diff-index" &&
		git --no-optional-locks status --porcelain --untracked-files=all \
			>"$T/status" &&
		test_must_be_empty "$T/status"
	)
}

# snapshot: the book's state, to compare after a refused command.
snapshot () {
	test_book_state >"$T/before"
}

# unchanged: the book is as snapshot saw it, nothing stray.
unchanged () {
	test_book_state >"$T/after" &&
	test_cmp "$T/before" "$T/after" &&
	no_stray
}

# refused CODE PATTERN CMD...: CMD exits CODE, prints nothing on stdout,
# says on stderr "acct: ..." matching PATTERN and a hint; the book is as
# the last snapshot saw it. stdout and stderr are in $T/out and $T/err.
refused () {
	code_r_=$1 pat_r_=$2
	shift 2
	test_expect_code "$code_r_" "$@" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep '^acct: ' "$T/err" &&
	test_grep -i -e "$pat_r_" "$T/err" &&
	test_grep -i '^hint: ' "$T/err" &&
	unchanged
}

# readers_work: the reading commands still work in this state.
readers_work () {
	acct client list >"$T/list" 2>"$T/list.err" &&
	test_grep acme "$T/list" &&
	test_must_be_empty "$T/list.err" &&
	acct client show acme >"$T/show" 2>"$T/show.err" &&
	test_grep 'Acme' "$T/show" &&
	test_must_be_empty "$T/show.err" &&
	acct client list --json >"$T/list.json" &&
	test_grep '"format": *1' "$T/list.json"
}

commits () {
	git rev-list --count HEAD
}

# Background jobs are started by these helpers, outside the test bodies,
# so that the &&-chain check never starts them.

# remove_later SECONDS FILE: remove FILE after SECONDS; its pid in bg_pid.
remove_later () {
	(sleep "$1" && rm -f "$2") &
	bg_pid=$!
}

# add_in_background NAME: acct client add NAME, output in $T/out and
# $T/err; its pid in bg_pid.
add_in_background () {
	acct client add "$1" >"$T/out" 2>"$T/err" &
	bg_pid=$!
}

# parallel_adds N: N adds of "Client <i>" at once; $T/par/{out,err,rc}.<i>.
parallel_adds () {
	rm -rf "$T/par" &&
	mkdir "$T/par" || return 1
	i_=1
	while test $i_ -le "$1"
	do
		(
			acct client add "Client $i_" >"$T/par/out.$i_" \
				2>"$T/par/err.$i_"
			echo $? >"$T/par/rc.$i_"
		) &
		i_=$(($i_ + 1))
	done
	wait
}

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: a book with one client' '
	cd "$T" &&
	test_book &&
	acct client add Acme >"$T/out" &&
	echo acme >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	git tag base &&
	book_clean
'

# --- success: one commit, index in step --------------------------------------

test_expect_success 'a successful add makes exactly one commit' '
	cd "$B" &&
	test_tick &&
	before=$(commits) &&
	old=$(git rev-parse HEAD) &&
	acct client add "Beta Ltd" >"$T/out" 2>"$T/err" &&
	echo beta-ltd >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	test_must_be_empty "$T/err" &&
	test $(commits) = $(($before + 1)) &&
	test "$(git rev-parse HEAD^)" = "$old" &&
	echo "client add beta-ltd: Beta Ltd" >"$T/expect" &&
	git log -1 --format=%s >"$T/actual" &&
	test_cmp "$T/expect" "$T/actual" &&
	git diff-tree -r --no-commit-id --name-status HEAD >"$T/actual" &&
	printf "A\tclients/beta-ltd/client.yaml\n" >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git symbolic-ref HEAD >"$T/actual" &&
	echo refs/heads/main >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual"
'

test_expect_success 'after an add: status, cached diff and stat data clean' '
	cd "$B" &&
	book_clean &&
	git diff --cached >"$T/actual" &&
	test_must_be_empty "$T/actual" &&
	git diff >"$T/actual" &&
	test_must_be_empty "$T/actual" &&
	no_stray
'

test_expect_success 'the index entry of the new file matches HEAD' '
	cd "$B" &&
	git ls-files -s clients/beta-ltd/client.yaml >"$T/actual" &&
	git ls-tree HEAD clients/beta-ltd/client.yaml |
		sed "s/^\([0-7]*\) blob \([0-9a-f]*\)	/\1 \2 0	/" >"$T/expect" &&
	test_file_not_empty "$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git ls-files -s >"$T/idx" &&
	git ls-tree -r HEAD |
		sed "s/^\([0-7]*\) blob \([0-9a-f]*\)	/\1 \2 0	/" >"$T/tree" &&
	test_cmp "$T/tree" "$T/idx" &&
	git hash-object clients/beta-ltd/client.yaml >"$T/actual" &&
	git rev-parse HEAD:clients/beta-ltd/client.yaml >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual"
'

test_expect_success 'a later git commit -a has nothing to commit' '
	cd "$B" &&
	head=$(git rev-parse HEAD) &&
	test_must_fail git commit -a -m "should be empty" >"$T/out" 2>&1 &&
	test_grep "nothing to commit" "$T/out" &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'git fsck is clean after adds' '
	cd "$B" &&
	git fsck --strict --no-dangling >"$T/out" 2>&1 &&
	test_must_be_empty "$T/out"
'

test_expect_success 'a successful add writes no object it does not use' '
	cd "$B" &&
	git fsck --dangling 2>/dev/null | sort >"$T/dangling.before" &&
	acct client add "No Garbage" >/dev/null &&
	git fsck --dangling 2>/dev/null | sort >"$T/dangling.after" &&
	test_cmp "$T/dangling.before" "$T/dangling.after"
'

test_expect_success 'a second add in a row also keeps the index in step' '
	cd "$B" &&
	test_tick &&
	before=$(commits) &&
	acct client add "Gamma" >/dev/null &&
	test $(commits) = $(($before + 1)) &&
	book_clean &&
	git ls-files -s >"$T/idx" &&
	git ls-tree -r HEAD |
		sed "s/^\([0-7]*\) blob \([0-9a-f]*\)	/\1 \2 0	/" >"$T/tree" &&
	test_cmp "$T/tree" "$T/idx" &&
	no_stray
'

test_expect_success 'git itself can commit on top of an acct commit' '
	cd "$B" &&
	test_when_finished "git reset -q --hard HEAD^" &&
	echo hand >hand.txt &&
	git add hand.txt &&
	git commit -q -m "by hand" &&
	git show --name-only --format= HEAD >"$T/actual" &&
	echo hand.txt >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual"
'

# --- commit dates and identity -------------------------------------------------

test_expect_success 'commit dates honour GIT_AUTHOR_DATE and GIT_COMMITTER_DATE' '
	cd "$B" &&
	test_tick &&
	acct client add "Dated One" >/dev/null &&
	echo "$test_tick +0000 $test_tick +0000" >"$T/expect" &&
	git log -1 --format="%ad %cd" --date=raw >"$T/actual" &&
	test_cmp "$T/expect" "$T/actual"
'

test_expect_success 'author and committer dates are taken apart, with offsets' '
	cd "$B" &&
	GIT_AUTHOR_DATE="1795430000 +0300" \
	GIT_COMMITTER_DATE="1795430100 -0130" \
		acct client add "Dated Two" >/dev/null &&
	echo "1795430000 +0300 1795430100 -0130" >"$T/expect" &&
	git log -1 --format="%ad %cd" --date=raw >"$T/actual" &&
	test_cmp "$T/expect" "$T/actual"
'

test_expect_success 'commit dates in @epoch and ISO 8601 forms, as git reads them' '
	cd "$B" &&
	GIT_AUTHOR_DATE="@1795430200 +0000" \
	GIT_COMMITTER_DATE="2026-11-23T12:34:56+05:00" \
		acct client add "Dated Three" >/dev/null &&
	git log -1 --format="%ad %cd" --date=raw >"$T/actual" &&
	GIT_AUTHOR_DATE="@1795430200 +0000" \
	GIT_COMMITTER_DATE="2026-11-23T12:34:56+05:00" \
		git commit-tree -m x HEAD^{tree} >"$T/oid" &&
	git log -1 --format="%ad %cd" --date=raw $(cat "$T/oid") >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual"
'

test_expect_success 'GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL are honoured' '
	cd "$B" &&
	GIT_AUTHOR_NAME="Anna Petrova" GIT_AUTHOR_EMAIL=anna@agency.example \
		acct client add "Authored" >/dev/null &&
	echo "Anna Petrova <anna@agency.example> A U Thor <author@example.com>" \
		>"$T/expect" &&
	git log -1 --format="%an <%ae> %cn <%ce>" >"$T/actual" &&
	test_cmp "$T/expect" "$T/actual"
'

test_expect_success 'invalid GIT_AUTHOR_DATE: refused, nothing written' '
	cd "$B" &&
	snapshot &&
	test_must_fail env GIT_AUTHOR_DATE="not a date" \
		acct client add "Bad Date" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "GIT_AUTHOR_DATE" "$T/err" &&
	test_path_is_missing clients/bad-date &&
	unchanged
'

test_expect_success 'invalid GIT_COMMITTER_DATE: refused, nothing written' '
	cd "$B" &&
	snapshot &&
	test_must_fail env GIT_COMMITTER_DATE="2026-13-45T99:99" \
		acct client add "Bad Date" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "GIT_COMMITTER_DATE" "$T/err" &&
	test_path_is_missing clients/bad-date &&
	unchanged
'

test_expect_success 'missing git identity: exit 1, nothing written' '
	cd "$B" &&
	mkdir -p "$T/empty-home" &&
	snapshot &&
	refused 1 "set git user.name and user.email" \
		env HOME="$T/empty-home" acct client add "Nobody" &&
	test_path_is_missing clients/nobody
'

test_expect_success 'missing git identity with --manager: exit 1, nothing written' '
	cd "$B" &&
	snapshot &&
	refused 1 "set git user.name and user.email" \
		env HOME="$T/empty-home" \
		acct client add "Nobody" --manager "Anna <anna@example.com>" &&
	test_path_is_missing clients/nobody
'

test_expect_success 'no config but GIT_AUTHOR_* and GIT_COMMITTER_* set: works' '
	cd "$B" &&
	env HOME="$T/empty-home" \
		GIT_AUTHOR_NAME=Env GIT_AUTHOR_EMAIL=env@example.com \
		GIT_COMMITTER_NAME=Env GIT_COMMITTER_EMAIL=env@example.com \
		acct client add "From Env" >/dev/null &&
	echo "Env <env@example.com> Env <env@example.com>" >"$T/expect" &&
	git log -1 --format="%an <%ae> %cn <%ce>" >"$T/actual" &&
	test_cmp "$T/expect" "$T/actual" &&
	book_clean
'

# --- .git/index.lock held by another process ----------------------------------

test_expect_success 'index.lock held: waits about 2 s, exits 1 naming it' '
	cd "$B" &&
	snapshot &&
	echo "held by git" >.git/index.lock &&
	test_when_finished "rm -f \"$B/.git/index.lock\"" &&
	start=$(date +%s) &&
	test_expect_code 1 acct client add "Locked Out" >"$T/out" 2>"$T/err" &&
	end=$(date +%s) &&
	elapsed=$(($end - $start)) &&
	echo >&7 "waited $elapsed s" &&
	test $elapsed -ge 1 &&
	test $elapsed -le 5 &&
	test_must_be_empty "$T/out" &&
	test_grep "\.git/index\.lock" "$T/err" &&
	test_grep "^hint: " "$T/err" &&
	echo "held by git" >"$T/expect" &&
	test_cmp "$T/expect" .git/index.lock &&
	test_path_is_missing clients/locked-out &&
	acct client show acme >"$T/show" &&
	test_grep Acme "$T/show" &&
	acct client list >"$T/list" &&
	test_grep acme "$T/list" &&
	rm -f .git/index.lock &&
	unchanged
'

test_expect_success 'index.lock released within 2 s: the add succeeds' '
	cd "$B" &&
	before=$(commits) &&
	: >.git/index.lock &&
	test_when_finished "rm -f \"$B/.git/index.lock\"" &&
	remove_later 0.5 "$B/.git/index.lock" &&
	acct client add "Waited" >"$T/out" 2>"$T/err" &&
	wait $bg_pid &&
	echo waited >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	test $(commits) = $(($before + 1)) &&
	git cat-file -e HEAD:clients/waited/client.yaml &&
	book_clean &&
	no_stray
'

test_expect_success 'SIGTERM while waiting for index.lock: nothing of acct left' '
	cd "$B" &&
	snapshot &&
	echo "held by someone else" >.git/index.lock &&
	test_when_finished "rm -f \"$B/.git/index.lock\"" &&
	add_in_background "Terminated" &&
	pid=$bg_pid &&
	sleep 0.3 &&
	kill -TERM $pid &&
	{ wait $pid; st=$?; } &&
	echo >&7 "acct ended with $st" &&
	test $st -ne 0 &&
	echo "held by someone else" >"$T/expect" &&
	test_cmp "$T/expect" .git/index.lock &&
	test_path_is_missing clients/terminated &&
	ls .git >"$T/gitdir" &&
	test_grep ! "acct-index" "$T/gitdir" &&
	rm -f .git/index.lock &&
	unchanged
'

# --- refusing states -----------------------------------------------------------

test_expect_success 'detached HEAD: exit 1, nothing written' '
	cd "$B" &&
	git checkout -q --detach &&
	test_when_finished "cd \"$B\" && git checkout -q main" &&
	snapshot &&
	refused 1 "detached" acct client add "Detached" &&
	test_path_is_missing clients/detached
'

test_expect_success 'detached HEAD: reading commands still work' '
	cd "$B" &&
	git checkout -q --detach &&
	test_when_finished "cd \"$B\" && git checkout -q main" &&
	readers_work
'

test_expect_success 'setup: a branch whose notes.txt conflicts with main' '
	cd "$B" &&
	echo base >notes.txt &&
	git add notes.txt &&
	git commit -q -m "notes" &&
	git checkout -q -b other &&
	echo other >notes.txt &&
	git commit -q -a -m "notes on other" &&
	git checkout -q main &&
	echo main >notes.txt &&
	git commit -q -a -m "notes on main" &&
	book_clean
'

test_expect_success 'merge in progress: exit 1, nothing written' '
	cd "$B" &&
	test_must_fail git merge other >/dev/null 2>&1 &&
	test_when_finished "cd \"$B\" && git merge --abort" &&
	test_path_is_file .git/MERGE_HEAD &&
	snapshot &&
	refused 1 "merge" acct client add "Merging" &&
	test_path_is_missing clients/merging
'

test_expect_success 'merge in progress: reading commands still work' '
	cd "$B" &&
	test_must_fail git merge other >/dev/null 2>&1 &&
	test_when_finished "cd \"$B\" && git merge --abort" &&
	readers_work
'

test_expect_success 'merge without conflicts, not yet committed: refused' '
	cd "$B" &&
	git checkout -q -b side base &&
	echo side >side.txt &&
	git add side.txt &&
	git commit -q -m side &&
	git checkout -q main &&
	test_when_finished "cd \"$B\" && git merge --abort; git branch -q -D side" &&
	git merge -q --no-commit --no-ff side >/dev/null 2>&1 &&
	test_path_is_file .git/MERGE_HEAD &&
	snapshot &&
	refused 1 "merge" acct client add "Merging" &&
	test_path_is_missing clients/merging
'

test_expect_success 'rebase in progress: exit 1, nothing written' '
	cd "$B" &&
	git checkout -q other &&
	test_when_finished "cd \"$B\" && git rebase --abort; git checkout -q main" &&
	test_must_fail git rebase main >/dev/null 2>&1 &&
	test_path_is_dir .git/rebase-merge &&
	snapshot &&
	refused 1 "rebase" acct client add "Rebasing" &&
	test_path_is_missing clients/rebasing
'

test_expect_success 'rebase in progress: reading commands still work' '
	cd "$B" &&
	git checkout -q other &&
	test_when_finished "cd \"$B\" && git rebase --abort; git checkout -q main" &&
	test_must_fail git rebase main >/dev/null 2>&1 &&
	readers_work
'

test_expect_success 'rebase stopped at an edit (no conflict): refused' '
	cd "$B" &&
	git checkout -q -b edit-me main &&
	test_when_finished "cd \"$B\" && git rebase --abort; git checkout -q main && git branch -q -D edit-me" &&
	write_script "$T/edit-first" <<-\EOF &&
	sed "1s/^pick/edit/" "$1" >"$1.new" &&
	mv "$1.new" "$1"
	EOF
	GIT_SEQUENCE_EDITOR="$T/edit-first" \
		git rebase -q -i HEAD~2 >/dev/null 2>&1 &&
	test_path_is_dir .git/rebase-merge &&
	snapshot &&
	test_expect_code 1 acct client add "Rebasing" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "rebase" "$T/err" &&
	unchanged
'

test_expect_success 'cherry-pick in progress: exit 1, nothing written' '
	cd "$B" &&
	test_must_fail git cherry-pick other >/dev/null 2>&1 &&
	test_when_finished "cd \"$B\" && git cherry-pick --abort" &&
	test_path_is_file .git/CHERRY_PICK_HEAD &&
	snapshot &&
	refused 1 "cherry-pick" acct client add "Picking" &&
	test_path_is_missing clients/picking
'

test_expect_success 'cherry-pick in progress: reading commands still work' '
	cd "$B" &&
	test_must_fail git cherry-pick other >/dev/null 2>&1 &&
	test_when_finished "cd \"$B\" && git cherry-pick --abort" &&
	readers_work
'

test_expect_success 'revert in progress: exit 1, nothing written' '
	cd "$B" &&
	git checkout -q other &&
	test_when_finished "cd \"$B\" && git revert --abort; git checkout -q main" &&
	echo again >notes.txt &&
	git commit -q -a -m "notes again" &&
	test_must_fail git revert --no-edit HEAD~1 >/dev/null 2>&1 &&
	test_path_is_file .git/REVERT_HEAD &&
	snapshot &&
	test_expect_code 1 acct client add "Reverting" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "revert" "$T/err" &&
	unchanged
'

test_expect_success 'after the aborted operations the book is clean and works' '
	cd "$B" &&
	git symbolic-ref HEAD >"$T/actual" &&
	echo refs/heads/main >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	book_clean &&
	acct client add "Afterwards" >/dev/null &&
	book_clean &&
	no_stray
'

# --- changes by hand on a path to write ----------------------------------------

test_expect_success 'an untracked client.yaml by hand: refused, kept byte for byte' '
	cd "$B" &&
	mkdir -p clients/delta &&
	printf "name: Delta by hand\r\n# mine\n" >clients/delta/client.yaml &&
	cp clients/delta/client.yaml "$T/hand" &&
	test_when_finished "rm -rf \"$B/clients/delta\"" &&
	snapshot &&
	test_must_fail acct client add Delta >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "clients/delta" "$T/err" &&
	test_cmp "$T/hand" clients/delta/client.yaml &&
	unchanged
'

test_expect_success 'a staged, uncommitted client.yaml: refused, kept' '
	cd "$B" &&
	mkdir -p clients/delta &&
	echo "name: Delta staged" >clients/delta/client.yaml &&
	cp clients/delta/client.yaml "$T/hand" &&
	git add clients/delta/client.yaml &&
	test_when_finished "cd \"$B\" && git rm -q -f --cached clients/delta/client.yaml && rm -rf clients/delta" &&
	snapshot &&
	test_must_fail acct client add Delta >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "clients/delta" "$T/err" &&
	test_cmp "$T/hand" clients/delta/client.yaml &&
	git diff --cached --name-only >"$T/actual" &&
	echo clients/delta/client.yaml >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	unchanged
'

test_expect_success 'a card changed by hand is never touched by an add of its slug' '
	cd "$B" &&
	echo "# my note" >>clients/acme/client.yaml &&
	cp clients/acme/client.yaml "$T/hand" &&
	test_when_finished "cd \"$B\" && git checkout -- clients/acme/client.yaml" &&
	snapshot &&
	test_expect_code 2 acct client add Acme >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "acme" "$T/err" &&
	test_cmp "$T/hand" clients/acme/client.yaml &&
	unchanged
'

test_expect_success 'a changed .gitattributes does not stop an add and stays unstaged' '
	cd "$B" &&
	echo "*.md diff" >>.gitattributes &&
	cp .gitattributes "$T/attr" &&
	test_when_finished "cd \"$B\" && git checkout -- .gitattributes" &&
	before=$(commits) &&
	acct client add "Epsilon" >"$T/out" &&
	echo epsilon >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	test $(commits) = $(($before + 1)) &&
	git diff-tree -r --no-commit-id --name-only HEAD >"$T/actual" &&
	echo clients/epsilon/client.yaml >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	test_cmp "$T/attr" .gitattributes &&
	git status --porcelain >"$T/actual" &&
	echo " M .gitattributes" >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git diff --cached >"$T/actual" &&
	test_must_be_empty "$T/actual" &&
	git diff --name-only >"$T/actual" &&
	echo .gitattributes >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	no_stray
'

test_expect_success 'an unrelated untracked file does not stop an add and is left' '
	cd "$B" &&
	echo scratch >scratch.txt &&
	test_when_finished "rm -f \"$B/scratch.txt\"" &&
	acct client add "Zeta" >/dev/null &&
	git status --porcelain >"$T/actual" &&
	echo "?? scratch.txt" >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git cat-file -e HEAD:clients/zeta/client.yaml &&
	test_must_fail git cat-file -e HEAD:scratch.txt
'

# --- symbolic links ---------------------------------------------------------------

test_expect_success 'setup: a fresh book without clients/ and a folder outside' '
	cd "$T" &&
	acct init links >/dev/null &&
	mkdir "$T/outside" &&
	echo "not yours" >"$T/outside/keep.txt" &&
	find "$T/outside" | sort >"$T/outside.before"
'

test_expect_success 'clients is a link to a folder outside: refused' '
	cd "$T/links" &&
	ln -s "$T/outside" clients &&
	test_when_finished "rm -f \"$T/links/clients\"" &&
	snapshot &&
	refused 1 "clients" acct client add Acme &&
	test_grep -i "link" "$T/err" &&
	find "$T/outside" | sort >"$T/outside.after" &&
	test_cmp "$T/outside.before" "$T/outside.after" &&
	echo "not yours" >"$T/expect" &&
	test_cmp "$T/expect" "$T/outside/keep.txt"
'

test_expect_success 'clients/acme is a link to a folder outside: refused' '
	cd "$T/links" &&
	mkdir clients &&
	ln -s "$T/outside" clients/acme &&
	test_when_finished "rm -rf \"$T/links/clients\"" &&
	snapshot &&
	refused 1 "clients/acme" acct client add Acme &&
	test_grep -i "link" "$T/err" &&
	find "$T/outside" | sort >"$T/outside.after" &&
	test_cmp "$T/outside.before" "$T/outside.after"
'

test_expect_success 'clients/acme/client.yaml is a dangling link outside: refused' '
	cd "$T/links" &&
	mkdir -p clients/acme &&
	ln -s "$T/outside/client.yaml" clients/acme/client.yaml &&
	test_when_finished "rm -rf \"$T/links/clients\"" &&
	snapshot &&
	refused 1 "clients/acme/client.yaml" acct client add Acme &&
	test_grep -i "link" "$T/err" &&
	test_path_is_missing "$T/outside/client.yaml" &&
	find "$T/outside" | sort >"$T/outside.after" &&
	test_cmp "$T/outside.before" "$T/outside.after"
'

test_expect_success 'a committed clients link to outside: refused' '
	cd "$T/links" &&
	ln -s "$T/outside" clients &&
	git add clients &&
	git commit -q -m "link by hand" &&
	test_when_finished "cd \"$T/links\" && git reset -q --hard HEAD^" &&
	snapshot &&
	refused 1 "link" acct client add Acme &&
	find "$T/outside" | sort >"$T/outside.after" &&
	test_cmp "$T/outside.before" "$T/outside.after"
'

test_expect_success 'the links book still works once the links are gone' '
	cd "$T/links" &&
	test_path_is_missing clients &&
	acct client add Acme >/dev/null &&
	test_path_is_file clients/acme/client.yaml &&
	book_clean
'

# --- read-only book ---------------------------------------------------------------

test_expect_success UNSHARE 'read-only book: exit 1 with a message, nothing changed' '
	cd "$B" &&
	snapshot &&
	test_expect_code 1 test_ro_run "$B" acct client add "Read Only" \
		>"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "^acct: " "$T/err" &&
	test_grep -i "read-only" "$T/err" &&
	test_path_is_missing clients/read-only &&
	unchanged
'

test_expect_success UNSHARE 'read-only book: reading commands still work' '
	cd "$B" &&
	test_ro_run "$B" acct client show acme >"$T/out" 2>"$T/err" &&
	test_grep Acme "$T/out" &&
	test_must_be_empty "$T/err" &&
	test_ro_run "$B" acct client list >"$T/out" 2>"$T/err" &&
	test_grep acme "$T/out" &&
	test_must_be_empty "$T/err"
'

test_expect_success UNSHARE 'read-only work tree but writable .git: refused, nothing written' '
	cd "$B" &&
	snapshot &&
	test_must_fail test_ro_run "$B/clients" acct client add "Read Only" \
		>"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "^acct: " "$T/err" &&
	test_path_is_missing clients/read-only &&
	unchanged
'

# --- another branch ---------------------------------------------------------------

test_expect_success 'HEAD on a branch other than main: the commit goes there' '
	cd "$B" &&
	git checkout -q -b work &&
	test_when_finished "cd \"$B\" && git checkout -q main" &&
	main=$(git rev-parse main) &&
	old=$(git rev-parse HEAD) &&
	acct client add "On Work" >/dev/null &&
	test "$(git rev-parse main)" = "$main" &&
	test "$(git rev-parse work^)" = "$old" &&
	git symbolic-ref HEAD >"$T/actual" &&
	echo refs/heads/work >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git cat-file -e work:clients/on-work/client.yaml &&
	test_must_fail git cat-file -e main:clients/on-work/client.yaml &&
	book_clean &&
	no_stray
'

test_expect_success 'an unborn branch with an empty index: the first commit has no parent' '
	cd "$B" &&
	git checkout -q --orphan fresh &&
	git rm -r -q --cached . &&
	test_when_finished "cd \"$B\" && git checkout -q -f main && git clean -q -fdx && git branch -q -D fresh" &&
	acct client add "Fresh" >/dev/null &&
	git rev-list --count fresh >"$T/actual" &&
	echo 1 >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git ls-files -s >"$T/idx" &&
	git ls-tree -r HEAD |
		sed "s/^\([0-7]*\) blob \([0-9a-f]*\)	/\1 \2 0	/" >"$T/tree" &&
	test_cmp "$T/tree" "$T/idx"
'

# --- concurrency -------------------------------------------------------------------

test_expect_success 'five adds in parallel: each commits once or fails cleanly' '
	cd "$B" &&
	git status --porcelain >"$T/actual" &&
	test_must_be_empty "$T/actual" &&
	before=$(commits) &&
	parallel_adds 5 &&
	ok=0 &&
	for i in 1 2 3 4 5
	do
		rc=$(cat "$T/par/rc.$i") &&
		if test "$rc" = 0
		then
			ok=$(($ok + 1)) &&
			echo "client-$i" >"$T/expect" &&
			test_cmp "$T/expect" "$T/par/out.$i" &&
			git cat-file -e "HEAD:clients/client-$i/client.yaml" ||
			return 1
		else
			echo >&7 "add $i exited $rc: $(cat "$T/par/err.$i")" &&
			test "$rc" = 1 &&
			test_must_be_empty "$T/par/out.$i" &&
			test_grep "\.git/index\.lock" "$T/par/err.$i" &&
			test_path_is_missing "clients/client-$i" ||
			return 1
		fi
	done &&
	echo >&7 "$ok of 5 succeeded" &&
	test $ok -ge 1 &&
	test $(commits) = $(($before + $ok)) &&
	git log --format=%s -$ok >"$T/subjects" &&
	test_line_count = $ok "$T/subjects" &&
	test_grep ! -v "^client add client-[1-5]: Client [1-5]$" "$T/subjects" &&
	book_clean &&
	no_stray &&
	git fsck --strict --no-dangling >"$T/out" 2>&1 &&
	test_must_be_empty "$T/out"
'

test_expect_success 'git fsck is clean at the end' '
	cd "$B" &&
	git fsck --strict --no-dangling >"$T/out" 2>&1 &&
	test_must_be_empty "$T/out" &&
	no_stray
'

test_done
