#!/bin/sh
# test-order: first
# shellcheck disable=SC2016

test_description='acct sync never gets stuck

Records (log entries, NPS answers) that two clones add under one name:
the one already published keeps its name, the one not pushed yet moves,
so a tick after the sync lands where everybody has the item, and three
clones racing for one name (parallel syncs made deterministic with a
pre-push hook, or a push that failed once) converge. One NPS answer
recorded in two clones is one answer; two different scores for it are a
conflict named with both. A book stuck by the old rule (the incoming
record renamed) syncs again by itself. A conflict in a second round puts
the book back; a sync waits for a lock another command holds; the hints
never send anyone to git pull.'

. ./test-lib.sh

T=$TRASH_DIRECTORY

# clone NAME PERSON: a manager's clone of the server, as that person.
clone () {
	git clone -q "$T/srv.git" "$T/$1" &&
	git -C "$T/$1" config user.name "$2" &&
	git -C "$T/$1" config user.email "$(echo "$2" | tr "A-Z " "a-z.")@agency.example"
}

# state DIR: HEAD, the index, status and every file of the work tree.
state () {
	(cd "$1" && git rev-parse HEAD && git ls-files -s && git status --porcelain &&
	 find . -path ./.git -prune -o -type f -print | sort | xargs cat | cksum)
}

# same_trees DIR...: every clone and the server hold one tree.
same_trees () {
	git -C "$T/srv.git" rev-parse main^{tree} >"$T/tree.srv" &&
	for d
	do
		git -C "$T/$d" rev-parse HEAD^{tree} >"$T/tree.$d" &&
		test_cmp "$T/tree.srv" "$T/tree.$d" &&
		git -C "$T/$d" status --porcelain >"$T/st" &&
		test_must_be_empty "$T/st" || return 1
	done &&
	! git -C "$T/srv.git" grep -q -e "<<<<<<<" -e ">>>>>>>" main
}

# item_id FILE TEXT: the stored id of the item with TEXT in FILE.
item_id () {
	sed -n "s/^- \[[ x]\] $2 .*<!-- id:\([0-9a-f]*\) -->.*/\1/p" "$1"
}

# entry CLONE SUMMARY TEXT: an entry at 2026-11-20 10:00 with one item.
entry () {
	printf "%s\n" "Call notes." "" "## Actions" "" "- [ ] $3" |
	acct -C "$T/$1" log acme "$2" --channel call --date 2026-11-20T10:00 -F - -q
}

L=clients/acme/log/2026

test_expect_success 'a book on a server and two clones' '
	git init -q --bare "$T/srv.git" &&
	acct init -q "$T/setup" &&
	acct -C "$T/setup" client add Acme --slug acme --since 2026-01-01 -q &&
	acct -C "$T/setup" sync -q --set-remote "$T/srv.git" &&
	clone a "Anna Petrova" && clone b "Boris Ivanov"
'

test_expect_success 'same name: the published entry stays, ours moves' '
	entry a "Weekly call" "Send the plan from A" &&
	entry b "Weekly call" "Send the plan from B" &&
	acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" sync --json </dev/null >"$T/out" &&
	grep "\"$L/2026-11-20T1000-weekly-call.md -> $L/2026-11-20T1000-weekly-call-2.md\"" "$T/out" &&
	grep "Send the plan from A" "$T/b/$L/2026-11-20T1000-weekly-call.md" &&
	grep "Send the plan from B" "$T/b/$L/2026-11-20T1000-weekly-call-2.md"
'

test_expect_success 'an entry written by hand moves with the ids its items had' '
	entry a "By hand" "Published item" && acct -C "$T/a" sync -q </dev/null &&
	f=$L/2026-11-20T1000-by-hand.md &&
	printf "%s\n" "---" "date: 2026-11-20T10:00+00:00" "channel: call" \
		"summary: By hand" "by: Boris Ivanov" "---" "" "## Actions" "" \
		"- [ ] Typed by hand @boris" >"$T/b/$f" &&
	git -C "$T/b" add "$f" && git -C "$T/b" commit -q -m "by hand" &&
	acct -C "$T/b" todo --json >"$T/todo.json" &&
	id=$(python3 -c "import json,sys; print([a[\"id\"] for a in json.load(open(sys.argv[1]))[\"items\"] if a[\"text\"].startswith(\"Typed by hand\")][0])" "$T/todo.json") &&
	test -n "$id" &&
	acct -C "$T/b" sync -q </dev/null &&
	grep "^- \[ \] Typed by hand @boris <!-- id:$id -->\$" "$T/b/${f%.md}-2.md" &&
	acct -C "$T/b" todo done "$id" >/dev/null &&
	grep "^- \[x\] Typed by hand" "$T/b/${f%.md}-2.md" &&
	acct -C "$T/b" sync -q </dev/null && acct -C "$T/a" sync -q </dev/null &&
	same_trees a b
'

test_expect_success 'a tick after the rename lands on the ticker'"'"'s item' '
	ida=$(item_id "$T/a/$L/2026-11-20T1000-weekly-call.md" "Send the plan from A") &&
	test -n "$ida" &&
	acct -C "$T/a" todo done "$ida" >/dev/null &&
	acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" sync -q </dev/null &&
	acct -C "$T/a" sync -q </dev/null &&
	same_trees a b &&
	grep "^- \[x\] Send the plan from A" "$T/b/$L/2026-11-20T1000-weekly-call.md" &&
	grep "^- \[ \] Send the plan from B" "$T/b/$L/2026-11-20T1000-weekly-call-2.md"
'

test_expect_success 'identical texts: the tick stays with the item it was given to' '
	entry a "Same text" "Send the same plan" &&
	entry b "Same text" "Send the same plan" &&
	acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" sync -q </dev/null &&
	f=$L/2026-11-20T1000-same-text.md &&
	grep "^by: Anna Petrova" "$T/b/$f" &&
	grep "^by: Boris Ivanov" "$T/b/${f%.md}-2.md" &&
	ida=$(item_id "$T/a/$f" "Send the same plan") &&
	acct -C "$T/a" todo done "$ida" >/dev/null &&
	acct -C "$T/a" sync -q </dev/null && acct -C "$T/b" sync -q </dev/null &&
	same_trees a b &&
	grep "^- \[x\] Send the same plan" "$T/b/$f" &&
	grep "^- \[ \] Send the same plan" "$T/b/${f%.md}-2.md"
'

test_expect_success 'ticks on neighbouring items of one entry in two clones: both kept' '
	printf "%s\n" "Notes." "" "## Actions" "" "- [ ] First item" "- [ ] Second item" |
	acct -C "$T/a" log acme "Two items" --date 2026-11-20T11:00 -F - -q &&
	acct -C "$T/a" sync -q </dev/null && acct -C "$T/b" sync -q </dev/null &&
	f=$L/2026-11-20T1100-two-items.md &&
	acct -C "$T/a" todo done "$(item_id "$T/a/$f" "First item")" >/dev/null &&
	acct -C "$T/b" todo done "$(item_id "$T/b/$f" "Second item")" >/dev/null &&
	acct -C "$T/a" sync -q </dev/null && acct -C "$T/b" sync -q </dev/null &&
	acct -C "$T/a" sync -q </dev/null &&
	same_trees a b &&
	grep "^- \[x\] First item" "$T/a/$f" &&
	grep "^- \[x\] Second item" "$T/a/$f"
'

test_expect_success 'three clones, one name, parallel syncs (a pre-push hook): all three kept' '
	clone c "Clara Smirnova" &&
	entry a "Race" "Item of A" && acct -C "$T/a" sync -q </dev/null &&
	entry b "Race" "Item of B" && entry c "Race" "Item of C" &&
	# B merges A, and while its push runs C syncs: B loses the race.
	cat >"$T/b/.git/hooks/pre-push" <<-EOF &&
	#!/bin/sh
	rm -f "\$0"
	acct -C "$T/c" sync -q </dev/null
	EOF
	chmod +x "$T/b/.git/hooks/pre-push" &&
	acct -C "$T/b" sync --json </dev/null >"$T/out" &&
	grep "\"rounds\": 2" "$T/out" &&
	test_path_is_missing "$T/b/.git/hooks/pre-push" &&
	for d in a b c a b c; do acct -C "$T/$d" sync -q </dev/null || return 1; done &&
	same_trees a b c &&
	f=$L/2026-11-20T1000-race &&
	grep "Item of A" "$T/a/$f.md" &&
	grep "Item of C" "$T/a/$f-2.md" &&
	grep "Item of B" "$T/a/$f-3.md" &&
	for x in A B C
	do
		test $(git -C "$T/a" grep -l "Item of $x" HEAD -- clients | wc -l) = 1 || return 1
	done &&
	# Each ticks its own: every sync goes through, every tick is kept.
	for d in a b c
	do
		x=$(echo $d | tr a-c A-C) &&
		g=$(grep -l "Item of $x" "$T/$d/$L"/2026-11-20T1000-race*.md) &&
		acct -C "$T/$d" todo done "$(item_id "$g" "Item of $x")" >/dev/null || return 1
	done &&
	for d in a b c a b c; do acct -C "$T/$d" sync -q </dev/null || return 1; done &&
	same_trees a b c &&
	test $(git -C "$T/a" grep -h "^- \[x\] Item of" HEAD -- clients | wc -l) = 3
'

test_expect_success 'a push that failed once: the next sync still converges' '
	entry a "Failed push" "From A" && acct -C "$T/a" sync -q </dev/null &&
	entry b "Failed push" "From B" && entry c "Failed push" "From C" &&
	printf "#!/bin/sh\nrm -f \"\$0\"\necho no network >&2\nexit 1\n" >"$T/b/.git/hooks/pre-push" &&
	chmod +x "$T/b/.git/hooks/pre-push" &&
	test_expect_code 1 acct -C "$T/b" sync -q </dev/null 2>"$T/err" &&
	grep "git push origin failed" "$T/err" &&
	acct -C "$T/c" sync -q </dev/null &&
	acct -C "$T/b" sync -q </dev/null &&
	for d in a c a b c; do acct -C "$T/$d" sync -q </dev/null || return 1; done &&
	same_trees a b c &&
	for x in A B C
	do
		test $(git -C "$T/a" grep -l "^- \[ \] From $x" HEAD -- clients | wc -l) = 1 || return 1
	done
'

N=clients/acme/nps/2026

test_expect_success 'one NPS answer recorded in two clones is one answer' '
	acct -C "$T/a" nps acme 9 --respondent "Oleg Sidorov" --comment Great --date 2026-11-20 -q &&
	acct -C "$T/b" nps acme 9 --respondent "Oleg Sidorov" --comment Great --date 2026-11-20 -q &&
	# anonymous: the same answer under another number in B
	acct -C "$T/a" nps acme 10 --comment "Fast team" --date 2026-11-21 -q &&
	acct -C "$T/b" nps acme 6 --comment "Slow reports" --date 2026-11-21 -q &&
	acct -C "$T/b" nps acme 10 --comment "Fast team" --date 2026-11-21 -q &&
	test -f "$T/b/$N/2026-11-21-anonymous-2.yaml" &&
	acct -C "$T/a" sync -q </dev/null && acct -C "$T/b" sync -q </dev/null &&
	acct -C "$T/a" sync -q </dev/null &&
	same_trees a b &&
	test $(git -C "$T/a" grep -l "Fast team" HEAD -- clients | wc -l) = 1 &&
	test $(git -C "$T/a" grep -l "Slow reports" HEAD -- clients | wc -l) = 1 &&
	test $(git -C "$T/a" grep -l "Oleg Sidorov" HEAD -- clients | wc -l) = 1 &&
	grep "Fast team" "$T/a/$N/2026-11-21-anonymous-1.yaml" &&
	acct -C "$T/a" nps acme --period 2026-11 --json >"$T/nps.json" &&
	grep "\"responses\": 3" "$T/nps.json"
'

test_expect_success 'one answer, two scores: a conflict naming both, nothing written' '
	acct -C "$T/a" nps acme 9 --respondent "Ivan Petrov" --date 2026-11-22 -q &&
	acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" nps acme 6 --respondent "Ivan Petrov" --date 2026-11-22 -q &&
	state "$T/b" >"$T/before" &&
	test_expect_code 1 acct -C "$T/b" sync </dev/null >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	grep "^conflict: $N/2026-11-22-ivan-petrov.yaml: the same answer twice: score 6 here, 9 there" "$T/err" &&
	grep "^hint: nothing was changed here; an answer has one score: take this clone.s out with .git -C $T/b rm $N/2026-11-22-ivan-petrov.yaml" "$T/err" &&
	! grep pull "$T/err" &&
	state "$T/b" >"$T/after" && test_cmp "$T/before" "$T/after" &&
	# as the hint says
	git -C "$T/b" rm -q $N/2026-11-22-ivan-petrov.yaml &&
	git -C "$T/b" commit -q -m "nps: take ours out" &&
	acct -C "$T/b" sync -q </dev/null && acct -C "$T/a" sync -q </dev/null &&
	same_trees a b &&
	grep "^score: 9" "$T/b/$N/2026-11-22-ivan-petrov.yaml"
'

test_expect_success 'a record edited both ways in one line: conflict, a hint that leads somewhere safe' '
	f=$L/2026-11-20T1000-weekly-call.md &&
	sed -i "s/^Call notes\./Notes by Anna./" "$T/a/$f" &&
	git -C "$T/a" commit -q -am "by hand" && acct -C "$T/a" sync -q </dev/null &&
	sed -i "s/^Call notes\./Notes by Boris./" "$T/b/$f" &&
	git -C "$T/b" commit -q -am "by hand" &&
	state "$T/b" >"$T/before" &&
	test_expect_code 1 acct -C "$T/b" sync </dev/null >"$T/out" 2>"$T/err" &&
	grep "^conflict: $f: the same record was changed here and there in the same lines" "$T/err" &&
	grep "take their version with .git -C $T/b checkout origin/main -- $f. (or .git -C $T/b rm. it where they removed it) and .git -C $T/b commit., sync, then make this clone.s change again" "$T/err" &&
	! grep pull "$T/err" &&
	state "$T/b" >"$T/after" && test_cmp "$T/before" "$T/after" &&
	git -C "$T/b" checkout origin/main -- $f && git -C "$T/b" commit -q -m "take theirs" &&
	acct -C "$T/b" sync -q </dev/null && acct -C "$T/a" sync -q </dev/null &&
	same_trees a b && grep "Notes by Anna" "$T/b/$f"
'

test_expect_success 'a record removed there and ticked here: named so, and the hint works' '
	entry a "To remove" "Remove me" && acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" sync -q </dev/null &&
	f=$L/2026-11-20T1000-to-remove.md &&
	git -C "$T/a" rm -q "$f" && git -C "$T/a" commit -q -m "not needed" &&
	acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" todo done "$(item_id "$T/b/$f" "Remove me")" >/dev/null &&
	state "$T/b" >"$T/before" &&
	test_expect_code 1 acct -C "$T/b" sync </dev/null >"$T/out" 2>"$T/err" &&
	grep "^conflict: $f: changed here, removed there" "$T/err" &&
	state "$T/b" >"$T/after" && test_cmp "$T/before" "$T/after" &&
	git -C "$T/b" rm -q "$f" && git -C "$T/b" commit -q -m "take theirs" &&
	acct -C "$T/b" sync -q </dev/null && acct -C "$T/a" sync -q </dev/null &&
	same_trees a b && test_path_is_missing "$T/b/$f"
'

test_expect_success 'a conflict in the second round: the book is put back' '
	acct -C "$T/a" log acme "Round one" --date 2026-11-22T09:00 -q &&
	acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" client set acme status churned &&
	cat >"$T/b/.git/hooks/pre-push" <<-EOF &&
	#!/bin/sh
	rm -f "\$0"
	acct -C "$T/c" sync -q </dev/null &&
	acct -C "$T/c" client set acme status paused &&
	acct -C "$T/c" sync -q </dev/null
	EOF
	chmod +x "$T/b/.git/hooks/pre-push" &&
	state "$T/b" >"$T/before" &&
	test_expect_code 1 acct -C "$T/b" sync </dev/null >"$T/out" 2>"$T/err" &&
	grep "conflict: clients/acme/client.yaml: status: here churned, there paused" "$T/err" &&
	grep "^hint: nothing was changed here" "$T/err" &&
	state "$T/b" >"$T/after" && test_cmp "$T/before" "$T/after" &&
	acct -C "$T/b" client set acme status paused &&
	acct -C "$T/b" sync -q </dev/null &&
	for d in a c a; do acct -C "$T/$d" sync -q </dev/null || return 1; done &&
	same_trees a b c
'

test_expect_success 'a sync waits for a lock another command holds' '
	acct -C "$T/b" log acme "Wait for me" --date 2026-11-22T10:00 -q &&
	f=$L/2026-11-22T1000-wait-for-me.md &&
	touch "$T/b/.git/index.lock" "$T/b/$f.lock" &&
	{ (sleep 1; rm -f "$T/b/$f.lock" "$T/b/.git/index.lock") & } &&
	acct -C "$T/b" sync -q </dev/null 2>"$T/err" &&
	wait &&
	test_must_be_empty "$T/err" &&
	test_path_is_missing "$T/b/.git/index.lock" &&
	acct -C "$T/a" sync -q </dev/null && same_trees a b &&
	test -f "$T/a/$f"
'

test_expect_success 'a lock left by a killed command is no change by hand' '
	f=$L/2026-11-22T1000-wait-for-me.md &&
	touch "$T/b/$f.lock" &&
	acct -C "$T/a" log acme "After the lock" --date 2026-11-22T11:00 -q &&
	acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" sync -q </dev/null 2>"$T/err" &&
	test_must_be_empty "$T/err" &&
	rm "$T/b/$f.lock" && same_trees a b
'

test_expect_success 'a command that commits while sync fetches: the merge takes it in' '
	acct -C "$T/a" todo add acme "Fetch race task" >/dev/null &&
	acct -C "$T/a" sync -q </dev/null &&
	# git, as sync runs it: the fetch first lets B record the same task
	mkdir -p "$T/bin" &&
	cat >"$T/bin/git" <<-EOF &&
	#!/bin/sh
	for a; do test "\$a" = fetch && test ! -f "$T/raced" && : >"$T/raced" &&
		acct -C "$T/b" todo add acme "Fetch race task" >/dev/null; done
	exec $(command -v git) "\$@"
	EOF
	chmod +x "$T/bin/git" &&
	PATH="$T/bin:$PATH" acct -C "$T/b" sync -q </dev/null &&
	test -f "$T/raced" &&
	acct -C "$T/a" sync -q </dev/null &&
	same_trees a b &&
	test $(git -C "$T/a" grep -l "Fetch race task" HEAD -- clients | wc -l) = 2
'

# A book stuck by acct before 2026-12, which renamed the incoming record:
# made here with git as that acct made it.
test_expect_success 'stuck by the old rule: our tick of a record they renamed' '
	entry a "Old rule" "Item of Anna" && acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" sync -q </dev/null &&
	f=$L/2026-11-20T1000-old-rule.md &&
	# B, as the old acct merged: its own record at the name, A'"'"'s at -2
	cp "$T/b/$f" "$T/b/${f%.md}-2.md" &&
	printf "%s\n" "---" "date: 2026-11-20T10:00+00:00" "channel: call" \
		"summary: Old rule" "by: Boris Ivanov" "---" "Other notes." "" \
		"## Actions" "" "- [ ] Item of Boris" >"$T/b/$f" &&
	git -C "$T/b" add -A && git -C "$T/b" commit -q -m "sync: merge (old rule)" &&
	git -C "$T/b" push -q origin main &&
	# A ticks its item where it has it, and would be stuck for good
	acct -C "$T/a" todo done "$(item_id "$T/a/$f" "Item of Anna")" >/dev/null &&
	acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" sync -q </dev/null &&
	same_trees a b &&
	grep "^- \[ \] Item of Boris" "$T/a/$f" &&
	grep "^- \[x\] Item of Anna" "$T/a/${f%.md}-2.md" &&
	test $(git -C "$T/a" grep -l "Item of Anna" HEAD -- clients | wc -l) = 1
'

test_expect_success 'stuck by the old rule: our rename not pushed, their tick published' '
	entry a "Old rule two" "Item of Anna, two" && acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" sync -q </dev/null &&
	f=$L/2026-11-20T1000-old-rule-two.md &&
	cp "$T/b/$f" "$T/b/${f%.md}-2.md" &&
	printf "%s\n" "---" "date: 2026-11-20T10:00+00:00" "channel: call" \
		"summary: Old rule two" "by: Boris Ivanov" "---" "Other notes." "" \
		"## Actions" "" "- [ ] Item of Boris, two" >"$T/b/$f" &&
	git -C "$T/b" add -A && git -C "$T/b" commit -q -m "sync: merge (old rule)" &&
	acct -C "$T/a" todo done "$(item_id "$T/a/$f" "Item of Anna, two")" >/dev/null &&
	acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" sync -q </dev/null &&
	acct -C "$T/a" sync -q </dev/null &&
	same_trees a b &&
	grep "^- \[x\] Item of Anna, two" "$T/a/$f" &&
	grep "^- \[ \] Item of Boris, two" "$T/a/${f%.md}-2.md" &&
	test $(git -C "$T/a" grep -l "Item of Anna, two" HEAD -- clients | wc -l) = 1 &&
	test $(git -C "$T/a" grep -l "Item of Boris, two" HEAD -- clients | wc -l) = 1
'

test_expect_success 'stuck by the old rule: two clones renamed the same record' '
	entry a "Old three" "Item of Anna, three" && acct -C "$T/a" sync -q </dev/null &&
	acct -C "$T/b" sync -q </dev/null && acct -C "$T/c" sync -q </dev/null &&
	f=$L/2026-11-20T1000-old-three.md &&
	for d in b c
	do
		cp "$T/$d/$f" "$T/$d/${f%.md}-2.md" &&
		printf "%s\n" "---" "date: 2026-11-20T10:00+00:00" "channel: call" \
			"summary: Old three" "by: $d" "---" "" "## Actions" "" \
			"- [ ] Item of $d, three" >"$T/$d/$f" &&
		git -C "$T/$d" add -A && git -C "$T/$d" commit -q -m "old rule" || return 1
	done &&
	git -C "$T/b" push -q origin main &&
	acct -C "$T/c" sync -q </dev/null &&
	for d in a b c a; do acct -C "$T/$d" sync -q </dev/null || return 1; done &&
	same_trees a b c &&
	for x in Anna b c
	do
		test $(git -C "$T/a" grep -l "Item of $x, three" HEAD -- clients | wc -l) = 1 || return 1
	done &&
	grep "Item of b" "$T/a/$f" && grep "Item of Anna, three" "$T/a/${f%.md}-2.md" &&
	grep "Item of c, three" "$T/a/${f%.md}-3.md"
'

test_done
