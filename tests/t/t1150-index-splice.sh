#!/bin/sh
# shellcheck disable=SC2016

test_description='acct: the index spliced, not read and written whole

A writing command puts its new entries into .git/index by splicing them
into the file (lib/index.c) rather than through libgit2, which reads and
writes every entry. Whatever the index looks like (versions 2, 3 and 4,
a cache tree, resolve-undo records, the offset tables of index.threads,
an untracked cache, a file system monitor, a split index), plain git
reads the index afterwards and finds the book clean: git status, git
fsck --strict, git diff-index --cached HEAD, git ls-files -s with the
new blob, git update-index --refresh, git write-tree giving the tree of
HEAD. The kinds the splice does not do go through libgit2 as before; a
split index, which libgit2 cannot read, is refused with nothing changed.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

PYTHON=$(python3 -c "import sys; print(sys.executable)" 2>/dev/null) ||
PYTHON=python3
test -n "$PYTHON" || PYTHON=python3
"$PYTHON" -c "import struct" >/dev/null 2>&1 && test_set_prereq PYTHON

# version: the index's version, from its header.
version () {
	od -An -tu1 -j7 -N1 "$B/.git/index" | tr -d " "
}

# has_ext SIG: the index has extension SIG (its name and size, at least).
has_ext () {
	LC_ALL=C grep -c "$1" "$B/.git/index" >/dev/null
}

# git_reads PATH: plain git reads the index, finds the book clean, and
# has PATH (unless "-") with HEAD's blob.
git_reads () {
	is_clean &&
	git -C "$B" fsck --strict --no-dangling 2>"$T/fsck.err" &&
	test_must_be_empty "$T/fsck.err" &&
	git -C "$B" diff-index --cached HEAD >"$T/di.out" &&
	test_must_be_empty "$T/di.out" &&
	git -C "$B" update-index --refresh >"$T/refresh.out" &&
	test_must_be_empty "$T/refresh.out" &&
	GIT_TEST_CHECK_CACHE_TREE=1 git -C "$B" update-index --force-write-index &&
	test "$(git -C "$B" write-tree)" = "$(git -C "$B" rev-parse HEAD^{tree})" &&
	if test "$1" != -
	then
		echo "100644 $(git -C "$B" rev-parse "HEAD:$1") 0	$1" >"$T/expect.ls" &&
		git -C "$B" ls-files -s -- "$1" >"$T/actual.ls" &&
		test_cmp "$T/expect.ls" "$T/actual.ls"
	fi
}

# root_tree: the id that the index's cache tree holds for the root, or
# "invalid" (git reads the TREE extension; no porcelain shows it).
root_tree () {
	"$PYTHON" - "$B/.git/index" <<-\EOF
	import struct, sys
	d = open(sys.argv[1], "rb").read()
	i = d.find(b"TREE\0")
	while i > 0 and d[i + 8:i + 9] != b"\0":
	    i = d.find(b"TREE", i + 1)
	p = i + 9
	nl = d.index(b"\n", p)
	count = int(d[p:nl].split(b" ")[0])
	print(d[nl + 1:nl + 21].hex() if count >= 0 else "invalid")
	EOF
}

# newest: the path of the file HEAD added or changed last.
newest () {
	git -C "$B" diff-tree -r --no-commit-id --name-only HEAD | tail -n 1
}

# by_splice CMD...: CMD succeeds, writing the index by the splice (no
# private copy of the index made for libgit2); by_libgit2 the other way.
# Without the fault injector, the way is not looked at.
calls_of () {
	rm -f "$T/calls" &&
	if test_have_prereq FAULT
	then
		env LD_PRELOAD="$ACCT_BUILD/tests/libfault.so" \
			ACCT_FAULT_LOG="$T/calls" "$@" >/dev/null
	else
		"$@" >/dev/null && : >"$T/calls"
	fi
}

by_splice () {
	calls_of "$@" &&
	if test_have_prereq FAULT
	then
		test_grep "^open $B/.git/acct-index$" "$T/calls" &&
		test_grep ! "^link $B/.git/index$" "$T/calls"
	fi
}

by_libgit2 () {
	calls_of "$@" &&
	if test_have_prereq FAULT
	then
		test_grep "^link $B/.git/index$" "$T/calls"
	fi
}

test_expect_success 'setup' '
	test_book &&
	for c in Acme Beta Gamma
	do
		acct client add $c -q || return 1
	done &&
	acct log beta "First call" --channel call -q &&
	acct log gamma "First call" --channel call -q &&
	is_clean
'

# Each kind of index: log, client set, nps, undo, then a rename (a move,
# which libgit2 indexes).
writes_all () {
	by_splice acct log acme "Agreed the budget $1" --channel call &&
	git_reads "$(newest)" &&
	by_splice acct client set beta status paused &&
	git_reads clients/beta/client.yaml &&
	by_splice acct client set beta status active &&
	by_splice acct nps gamma 9 --respondent "Ivan $1" &&
	git_reads "$(newest)" &&
	gone=$(newest) &&
	by_splice acct undo &&
	git_reads - &&
	test_must_fail git -C "$B" ls-files --error-unmatch "$gone" 2>/dev/null &&
	by_libgit2 acct client rename gamma "Gamma $1" --slug "gamma-$1" &&
	git_reads "clients/gamma-$1/client.yaml" &&
	by_libgit2 acct client rename "gamma-$1" Gamma --slug gamma &&
	git_reads clients/gamma/client.yaml
}

test_expect_success 'version 2' '
	git update-index --index-version 2 &&
	test "$(version)" = 2 &&
	writes_all v2 &&
	test "$(version)" = 2
'

test_expect_success 'version 3, with a skip-worktree entry' '
	git update-index --skip-worktree .gitattributes &&
	test "$(version)" = 3 &&
	writes_all v3 &&
	test "$(version)" = 3 &&
	git ls-files -v .gitattributes >"$T/actual" &&
	echo "S .gitattributes" >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git update-index --no-skip-worktree .gitattributes &&
	git update-index --index-version 2
'

test_expect_success 'version 4: the names after a change written again' '
	git update-index --index-version 4 &&
	test "$(version)" = 4 &&
	writes_all v4 &&
	test "$(version)" = 4 &&
	git ls-files >"$T/before" &&
	by_splice acct log acme "Inserted before the others" --channel call &&
	git ls-files >"$T/after" &&
	newest >"$T/new" &&
	sort "$T/before" "$T/new" >"$T/expect" &&
	test_cmp "$T/expect" "$T/after" &&
	by_splice acct undo &&
	git ls-files >"$T/after" &&
	test_cmp "$T/before" "$T/after" &&
	git_reads -
'

test_expect_success 'names of 4,095 bytes and more, versions 3 and 4' '
	# No file system has such a path: the entry skips the work tree.
	part=$(printf "%0200d" 0) &&
	long=notes &&
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21
	do
		long=$long/$part
	done &&
	blob=$(echo long | git hash-object -w --stdin) &&
	for v in 3 4
	do
		git update-index --index-version $v &&
		git update-index --add --cacheinfo 100644,$blob,$long &&
		git update-index --skip-worktree "$long" &&
		git commit -q -m "a long name" &&
		git ls-files >"$T/before" &&
		by_splice acct log beta "Long $v" --channel call &&
		test "$(version)" = $v &&
		git ls-files >"$T/actual" &&
		newest >"$T/new" &&
		sort "$T/before" "$T/new" >"$T/expect" &&
		test_cmp "$T/expect" "$T/actual" &&
		git_reads "$long" &&
		git rm -q --cached --sparse "$long" 2>/dev/null &&
		git commit -q -m "no long name" || return 1
	done &&
	git update-index --index-version 2
'

test_expect_success 'the cache tree: valid before, invalid where changed' '
	git write-tree >/dev/null &&
	has_ext TREE &&
	by_splice acct log beta "Tree" --channel call &&
	has_ext TREE &&
	git_reads "$(newest)" &&
	by_splice acct client set acme status paused &&
	git_reads clients/acme/client.yaml &&
	git update-index --index-version 2
'

test_expect_success PYTHON 'the cache tree: HEAD before, the new HEAD after' '
	git read-tree HEAD &&
	test "$(root_tree)" = "$(git rev-parse HEAD^{tree})" &&
	by_splice acct log beta "Kept" --channel call &&
	test "$(root_tree)" = "$(git rev-parse HEAD^{tree})" &&
	git_reads "$(newest)" &&
	by_splice acct client set acme status active &&
	test "$(root_tree)" = "$(git rev-parse HEAD^{tree})" &&
	git_reads clients/acme/client.yaml &&
	gone=$(newest) &&
	by_splice acct undo &&
	test "$(root_tree)" = "$(git rev-parse HEAD^{tree})" &&
	git_reads - &&
	: a folder made: the cache tree invalid on the way to it, as before &&
	by_splice acct log beta "Years ago" --channel call --date 2024-03-02 &&
	test "$(root_tree)" = invalid &&
	git_reads "$(newest)" &&
	: git commit makes it whole again, and acct keeps it &&
	git commit -q --allow-empty -m "write the tree" &&
	test "$(root_tree)" = "$(git rev-parse HEAD^{tree})" &&
	by_splice acct log beta "After" --channel call &&
	test "$(root_tree)" = "$(git rev-parse HEAD^{tree})" &&
	git_reads "$(newest)"
'

test_expect_success 'resolve-undo records of other paths kept' '
	blob=$(git rev-parse HEAD:.gitattributes) &&
	printf "100644 %s 1\tnotes.txt\n100644 %s 2\tnotes.txt\n100644 %s 3\tnotes.txt\n" \
		$blob $blob $blob | git update-index --index-info &&
	cp .gitattributes notes.txt &&
	git add notes.txt &&
	git commit -q -m "notes, resolved" &&
	git ls-files --resolve-undo >"$T/expect" &&
	test_file_not_empty "$T/expect" &&
	has_ext REUC &&
	by_splice acct log acme "After a resolved conflict" --channel call &&
	git_reads "$(newest)" &&
	git ls-files --resolve-undo >"$T/actual" &&
	test_cmp "$T/expect" "$T/actual"
'

test_expect_success 'the offset tables of index.threads (EOIE, IEOT)' '
	git -c index.threads=2 -c index.recordOffsetTable=true \
		-c index.recordEndOfIndexEntries=true \
		update-index --force-write-index &&
	has_ext EOIE &&
	has_ext IEOT &&
	by_splice acct log acme "Threads" --channel call &&
	git -c index.threads=2 ls-files >"$T/actual" &&
	git ls-files >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git_reads "$(newest)"
'

test_expect_success 'version 4 with offset tables: a block written anew' '
	git update-index --index-version 4 &&
	git -c index.threads=2 -c index.recordOffsetTable=true \
		update-index --force-write-index &&
	has_ext IEOT &&
	git ls-files >"$T/before" &&
	by_splice acct log acme "Threads v4" --channel call &&
	git -c index.threads=2 ls-files >"$T/actual" &&
	newest >"$T/new" &&
	sort "$T/before" "$T/new" >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git_reads "$(newest)" &&
	git update-index --index-version 2
'

test_expect_success 'an untracked cache: libgit2, as before' '
	git config core.untrackedCache true &&
	git update-index --untracked-cache &&
	git status >/dev/null &&
	has_ext UNTR &&
	by_libgit2 acct log acme "Untracked cache" --channel call &&
	git_reads "$(newest)" &&
	git status >/dev/null &&
	by_libgit2 acct client set beta status paused &&
	git_reads clients/beta/client.yaml &&
	git config core.untrackedCache false &&
	git update-index --no-untracked-cache &&
	by_splice acct client set beta status active &&
	git_reads clients/beta/client.yaml
'

test_expect_success 'a file system monitor: libgit2, as before' '
	write_script "$T/fsmonitor" <<-\EOF &&
	# hook version 2: a new token, and every path may have changed
	printf "token-%s\0/\0" "$(date +%s)"
	EOF
	git config core.fsmonitor "$T/fsmonitor" &&
	git config core.fsmonitorHookVersion 2 &&
	git update-index --fsmonitor &&
	git status >/dev/null &&
	has_ext FSMN &&
	by_libgit2 acct log acme "Monitored" --channel call &&
	git_reads "$(newest)" &&
	git config --unset core.fsmonitor &&
	git config --unset core.fsmonitorHookVersion &&
	git update-index --no-fsmonitor &&
	by_splice acct log acme "Not monitored" --channel call &&
	git_reads "$(newest)"
'

test_expect_success 'a split index: refused, nothing changed' '
	git config core.splitIndex true &&
	git update-index --split-index &&
	has_ext link &&
	refused 1 "unsupported mandatory extension" \
		acct log acme "Split" --channel call &&
	git config --unset core.splitIndex &&
	git update-index --no-split-index &&
	by_splice acct log acme "Whole again" --channel call &&
	git_reads "$(newest)"
'

test_expect_success 'a racy entry changed since is smudged, as git does' '
	git config core.trustctime false &&
	f=clients/beta/client.yaml &&
	git update-index --refresh &&
	stamp=$(stat -c %y $f) &&
	# The same size, the same time, another text, and the index written
	# in that same second: only the content tells.
	tr a-y b-z <$f >"$T/changed" &&
	test "$(wc -c <"$T/changed")" = "$(wc -c <$f)" &&
	cat "$T/changed" >$f &&
	touch -d "$stamp" $f .git/index &&
	by_splice acct log acme "Racy" --channel call &&
	git status --porcelain >"$T/actual" &&
	echo " M $f" >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	git checkout -- $f &&
	git config --unset core.trustctime &&
	git_reads -
'

test_expect_success 'no index at all: libgit2, as before' '
	rm .git/index &&
	git status --porcelain >"$T/actual" &&
	test_file_not_empty "$T/actual" &&
	test_must_fail acct client set acme status active 2>"$T/err" &&
	test_grep "staged" "$T/err" &&
	git reset -q &&
	git_reads -
'

test_done
