#!/bin/sh
# shellcheck disable=SC2016

test_description='shell completion: bash, zsh and fish, asking the binary

The completions keep no lists: they ask acct (--list-cmds, --complete-opts
with what comes next, client list --names, todo --ids, report --templates,
--list-periods, sync --remotes). First those answers, then each shell
driven for real: bash by calling _acct with COMP_WORDS and COMP_CWORD
set, zsh by typing a line and Tab into an interactive zsh on a
pseudo-terminal (zsh/zpty; lib-complete.zsh), fish by complete -C. Today
is 2026-11-23 (ACCT_NOW), in 2026-W48.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
COMPLETIONS=$TEST_DIRECTORY/../../completions

if command -v zsh >/dev/null 2>&1 && zsh -fc 'zmodload zsh/zpty' 2>/dev/null
then
	test_set_prereq ZSH
else
	echo "# skipped: zsh (with zsh/zpty) is not installed (make test installs it with apt-get when it can)"
fi
if command -v fish >/dev/null 2>&1
then
	test_set_prereq FISH
else
	echo "# skipped: fish is not installed (make test installs it with apt-get when it can)"
fi

# next CMD...: the words --complete-opts prints after CMD, one a line.
next () {
	acct "$@" --complete-opts >next.raw 2>next.err &&
	test_must_be_empty next.err &&
	tr ' ' '\n' <next.raw | sed '/^$/d'
}

# open_ids: the ids of the open items `acct todo` lists, sorted.
open_ids () {
	acct todo --json | python3 -c '
import json, sys
for it in json.load(sys.stdin)["items"]:
    print(it["id"][:7])' | sort
}

# bash_complete WORD...: what _acct offers for the words (the last one is
# being typed; "" for a new one), a match a line. bash splits at "=":
# "--period=la" is --period = la. (Its status means nothing to bash.)
bash_complete () {
	bash --norc --noprofile -c '
		. "$1" && shift &&
		COMP_WORDS=("$@") && COMP_CWORD=$(($# - 1)) &&
		{ _acct; :; } &&
		if test ${#COMPREPLY[@]} != 0
		then
			printf "%s\n" "${COMPREPLY[@]}"
		fi' _ "$COMPLETIONS/acct.bash" "$@"
}

# offered FILE LINE WORD...: zsh's or fish's answers in FILE ("LINE<TAB>
# MATCH" lines) offer each WORD for LINE.
offered () {
	off_f_=$1 off_l_=$2 &&
	shift 2 &&
	for w_
	do
		grep -F -x -q "$off_l_	$w_" "$off_f_" || {
			echo "'$off_l_' does not offer '$w_':" &&
			grep -F "$off_l_	" "$off_f_"
			return 1
		}
	done
}

# not_offered FILE LINE WORD...: none of them.
not_offered () {
	noff_f_=$1 noff_l_=$2 &&
	shift 2 &&
	for w_
	do
		! grep -F -x -q "$noff_l_	$w_" "$noff_f_" || {
			echo "'$noff_l_' offers '$w_'"
			return 1
		}
	done
}

# zsh_complete LINE...: what zsh offers for each LINE, "LINE<TAB>MATCH".
zsh_complete () {
	timeout 60 zsh -f "$TEST_DIRECTORY/lib-complete.zsh" "$COMPLETIONS" \
		"$T/zcompdump" "$@"
}

# fish_complete LINE...: the same from fish's complete -C.
fish_complete () {
	timeout 60 fish --no-config -c '
		source $argv[1]
		for line in $argv[2..-1]
			echo $line\t
			for m in (complete -C $line)
				echo $line\t$m
			end
		end' "$COMPLETIONS/acct.fish" "$@"
}

test_expect_success 'setup: clients, open items, templates, remotes' '
	acct init book -q &&
	cd "$B" &&
	acct client add Acme -q &&
	acct client add "ООО «Ромашка»" -q &&
	acct client add "Old Co" -q &&
	printf "## Actions\n- [ ] Send the plan due:2026-11-25\n- [ ] Call them back\n- [x] Done already\n" >"$T/body.md" &&
	acct log acme "Kick-off" -F "$T/body.md" -q &&
	acct todo add ooo "Позвонить Ивану" >/dev/null &&
	acct todo add old "Hand over" >/dev/null &&
	acct client archive old-co >/dev/null &&
	mkdir templates &&
	echo "# {{client.name}}" >templates/mine.md &&
	git remote add origin "$T/server.git" &&
	git remote add backup "$T/backup.git" &&
	open_ids >"$T/ids" &&
	test_line_count = 3 "$T/ids"
'

# --- what the binary says ----------------------------------------------

test_expect_success '--complete-opts: the options, then what comes next' '
	cd "$B" &&
	next log >words &&
	test_grep -x -e "--channel=" words &&
	test_grep -x -e "--kind=" words &&
	test_grep -x "<client>" words &&
	next log acme >words &&
	test_grep -x "<summary>" words &&
	test_grep ! -x "<client>" words &&
	next todo >words &&
	for w in done reopen add "<client>" --ids
	do
		test_grep -x -e "$w" words || return 1
	done &&
	next todo done >words &&
	test_grep -x "<id>" words &&
	next nps >words &&
	test_grep -x import words &&
	test_grep -x "<client>" words &&
	next nps import >words &&
	test_grep -x "<file>" words &&
	test_grep ! -x "<score>" words &&
	next help >words &&
	test_grep -x "<command>" words &&
	next client >words &&
	test_grep -x show words &&
	next client contact >words &&
	test_grep -x rm words &&
	next undo >words &&
	test_grep -x -e "-n=" words &&
	next report --period x acme >words &&
	test_grep ! -x "<client>" words &&
	next >words &&
	test_grep -x -e "--list-cmds" words
'

test_expect_success '--complete-opts after an option value: no operand yet' '
	cd "$B" &&
	next log --channel call >words &&
	test_grep -x "<client>" words
'

test_expect_success 'acct --list-periods: the words and the recent periods, each a period' '
	acct --list-periods >"$T/periods" &&
	for p in this-week last-week this-month last-month this-quarter \
		last-quarter this-year last-year 2026-W48 2026-W44 2026-11 \
		2025-11 2026-Q4 2025-Q4 2026 2025
	do
		test_grep -x "$p" "$T/periods" || return 1
	done &&
	test_line_count = 33 "$T/periods" &&
	# Each one parses (test_nps checks them all); a sample here.
	cd "$B" &&
	acct report acme --period "$(sed -n 9p "$T/periods")" --format json \
		>/dev/null &&
	acct nps --period "$(sed -n 33p "$T/periods")" >/dev/null
'

test_expect_success 'acct report --templates: the book'\''s and the built-ins, no brief' '
	cd "$B" &&
	acct report --templates >actual &&
	test_write_lines mine monthly portfolio quarterly weekly >expect &&
	test_cmp expect actual &&
	test_expect_code 2 acct report --templates --all 2>err &&
	test_grep "takes nothing else" err
'

test_expect_success 'acct sync --remotes: the git remotes, nothing synced' '
	cd "$B" &&
	acct sync --remotes >actual &&
	test_write_lines backup origin >expect &&
	test_cmp expect actual &&
	test_expect_code 2 acct sync --remotes --remote origin 2>err
'

test_expect_success 'acct todo --ids: the open items, archived clients'\'' not' '
	cd "$B" &&
	acct todo --ids >out &&
	cut -f1 out | sort >actual &&
	test_cmp "$T/ids" actual &&
	test_grep "	Call them back (acme)$" out &&
	test_grep "	Позвонить Ивану (ooo-romashka)$" out &&
	test_grep ! "Done already" out &&
	test_grep ! "Hand over" out &&
	ACCT_NO_CACHE=1 acct todo --ids >nocache &&
	test_cmp out nocache &&
	test_expect_code 2 acct todo --ids acme 2>err &&
	test_grep "takes nothing else" err
'

test_expect_success 'acct todo --ids: an entry added by hand, one that does not load' '
	cd "$B" &&
	printf -- "---\ndate: 2026-11-20T10:00+00:00\nsummary: By hand\n---\n## Actions\n- [ ] Typed by hand\n" \
		>clients/acme/log/2026/2026-11-20T1000-by-hand.md &&
	acct todo --ids >out &&
	test_grep "	Typed by hand (acme)$" out &&
	echo "no front matter" >clients/acme/log/2026/2026-11-21T1000-bad.md &&
	test_expect_code 1 acct todo --ids >out 2>err &&
	test_grep "2026-11-21T1000-bad.md" err &&
	test_grep "Call them back" out &&
	rm clients/acme/log/2026/2026-11-20T1000-by-hand.md \
		clients/acme/log/2026/2026-11-21T1000-bad.md &&
	acct todo --ids >out &&
	test_grep ! "Typed by hand" out
'

# --- bash ----------------------------------------------------------------

test_expect_success 'bash: complete -p names _acct' '
	bash --norc --noprofile -c ". \"\$1\" && complete -p acct" _ \
		"$COMPLETIONS/acct.bash" >actual &&
	echo "complete -F _acct acct" >expect &&
	test_cmp expect actual
'

test_expect_success 'bash: commands, verbs, options' '
	cd "$B" &&
	bash_complete acct cl >actual &&
	echo client >expect &&
	test_cmp expect actual &&
	bash_complete acct "" >actual &&
	acct --list-cmds >expect &&
	test_cmp expect actual &&
	bash_complete acct client sh >actual &&
	echo show >expect &&
	test_cmp expect actual &&
	bash_complete acct client contact "" >actual &&
	test_write_lines add list rm >expect &&
	test_cmp expect actual &&
	bash_complete acct nps im >actual &&
	echo import >expect &&
	test_cmp expect actual &&
	bash_complete acct log --ch >actual &&
	echo "--channel=" >expect &&
	test_cmp expect actual &&
	bash_complete acct undo - >actual &&
	test_write_lines -n --json >expect &&
	test_cmp expect actual &&
	bash_complete acct help ti >actual &&
	echo timeline >expect &&
	test_cmp expect actual
'

test_expect_success 'bash: client names, the Russian client by its slug' '
	cd "$B" &&
	bash_complete acct log "" >actual &&
	test_write_lines acme old-co ooo-romashka >expect &&
	test_cmp expect actual &&
	bash_complete acct client show oo >actual &&
	echo ooo-romashka >expect &&
	test_cmp expect actual &&
	bash_complete acct log acme "" >actual &&
	test_must_be_empty actual &&
	bash_complete acct todo "" >actual &&
	test_grep -x done actual &&
	test_grep -x acme actual &&
	bash_complete acct metric import x.csv --client a >actual &&
	echo acme >expect &&
	test_cmp expect actual
'

test_expect_success 'bash: todo done takes the open ids, reopen not them' '
	cd "$B" &&
	bash_complete acct todo done "" >out &&
	sort out >actual &&
	test_cmp "$T/ids" actual &&
	bash_complete acct todo reopen "" >actual &&
	test_must_be_empty actual
'

test_expect_success 'bash: --period, --template, --remote values' '
	cd "$B" &&
	bash_complete acct report acme --period "" >actual &&
	test_cmp "$T/periods" actual &&
	bash_complete acct report acme --period = la >actual &&
	test_write_lines last-week last-month last-quarter last-year >expect &&
	test_cmp expect actual &&
	# Where "=" breaks no word: the matches are whole words.
	bash_complete acct report acme --period=last-q >actual &&
	echo --period=last-quarter >expect &&
	test_cmp expect actual &&
	bash_complete acct nps --period 2026-Q >actual &&
	test_write_lines 2026-Q4 2026-Q3 2026-Q2 2026-Q1 >expect &&
	test_cmp expect actual &&
	bash_complete acct report acme --template "" >actual &&
	test_write_lines mine monthly portfolio quarterly weekly >expect &&
	test_cmp expect actual &&
	bash_complete acct report --period = last-week acme --template = w >actual &&
	echo weekly >expect &&
	test_cmp expect actual &&
	bash_complete acct sync --remote "" >actual &&
	test_write_lines backup origin >expect &&
	test_cmp expect actual
'

test_expect_success 'bash: -C and $ACCT_DIR choose the book; outside one, nothing and no error' '
	mkdir -p "$T/outside" &&
	cd "$T/outside" &&
	bash_complete acct log "" >actual 2>err &&
	test_must_be_empty actual &&
	test_must_be_empty err &&
	bash_complete acct todo done "" >actual 2>err &&
	test_must_be_empty actual &&
	test_must_be_empty err &&
	bash_complete acct report acme --template "" >actual 2>err &&
	test_must_be_empty actual &&
	test_must_be_empty err &&
	bash_complete acct -C "$B" log a >actual 2>err &&
	echo acme >expect &&
	test_cmp expect actual &&
	test_must_be_empty err &&
	(
		ACCT_DIR=$B &&
		export ACCT_DIR &&
		bash_complete acct sync --remote o >actual
	) &&
	echo origin >expect &&
	test_cmp expect actual &&
	bash_complete acct cl >actual 2>err &&
	echo client >expect &&
	test_cmp expect actual &&
	test_must_be_empty err
'

# --- zsh -------------------------------------------------------------------

test_expect_success ZSH 'zsh: commands, verbs, options, values, ids' '
	cd "$B" &&
	zsh_complete "acct cl" "acct client " "acct client contact " \
		"acct log --ch" "acct nps imp" "acct log " "acct log oo" \
		"acct todo done " "acct report acme --period " \
		"acct report acme --period=last-q" "acct report acme --template " \
		"acct sync --remote " "acct -C $B log a" "acct undo -" \
		"acct log acme " "acct todo reopen " >"$T/zsh.out" 2>err &&
	test_must_be_empty err &&
	offered "$T/zsh.out" "acct cl" client &&
	offered "$T/zsh.out" "acct client " add show contact unarchive &&
	offered "$T/zsh.out" "acct client contact " add list rm &&
	offered "$T/zsh.out" "acct log --ch" "--channel=" &&
	offered "$T/zsh.out" "acct nps imp" import &&
	offered "$T/zsh.out" "acct log " acme old-co ooo-romashka &&
	not_offered "$T/zsh.out" "acct log " add show &&
	offered "$T/zsh.out" "acct log oo" ooo-romashka &&
	offered "$T/zsh.out" "acct todo done " $(cat "$T/ids") &&
	offered "$T/zsh.out" "acct report acme --period " last-week 2026-Q4 2026-W48 &&
	offered "$T/zsh.out" "acct report acme --period=last-q" "--period=last-quarter" &&
	offered "$T/zsh.out" "acct report acme --template " mine weekly &&
	not_offered "$T/zsh.out" "acct report acme --template " brief &&
	offered "$T/zsh.out" "acct sync --remote " origin backup &&
	offered "$T/zsh.out" "acct -C $B log a" acme &&
	offered "$T/zsh.out" "acct undo -" -n --json &&
	test "$(grep -c "^acct log acme 	." "$T/zsh.out")" = 0 &&
	test "$(grep -c "^acct todo reopen 	." "$T/zsh.out")" = 0
'

test_expect_success ZSH 'zsh: outside a book, commands still; nothing else, no error' '
	cd "$T/outside" &&
	zsh_complete "acct he" "acct log " >"$T/zsh.out" 2>err &&
	test_must_be_empty err &&
	offered "$T/zsh.out" "acct he" health help &&
	test "$(grep -c "^acct log 	." "$T/zsh.out")" = 0
'

# --- fish ------------------------------------------------------------------

test_expect_success FISH 'fish: commands, verbs, options, values, ids' '
	cd "$B" &&
	fish_complete "acct cl" "acct client " "acct client contact " \
		"acct log --ch" "acct nps imp" "acct log " "acct log oo" \
		"acct report acme --period " "acct report acme --period=last-q" \
		"acct report acme --template " "acct sync --remote " \
		"acct -C $B log a" "acct undo -" "acct log acme " \
		>"$T/fish.out" 2>err &&
	test_must_be_empty err &&
	offered "$T/fish.out" "acct cl" client &&
	offered "$T/fish.out" "acct client " add show contact unarchive &&
	offered "$T/fish.out" "acct client contact " add list rm &&
	offered "$T/fish.out" "acct log --ch" "--channel=" &&
	offered "$T/fish.out" "acct nps imp" import &&
	offered "$T/fish.out" "acct log " acme old-co ooo-romashka &&
	offered "$T/fish.out" "acct log oo" ooo-romashka &&
	offered "$T/fish.out" "acct report acme --period " last-week 2026-Q4 2026-W48 &&
	offered "$T/fish.out" "acct report acme --period=last-q" "--period=last-quarter" &&
	offered "$T/fish.out" "acct report acme --template " mine weekly &&
	not_offered "$T/fish.out" "acct report acme --template " brief &&
	offered "$T/fish.out" "acct sync --remote " origin backup &&
	offered "$T/fish.out" "acct -C $B log a" acme &&
	offered "$T/fish.out" "acct undo -" -n --json &&
	test "$(grep -c "^acct log acme 	." "$T/fish.out")" = 0
'

test_expect_success FISH 'fish: todo done offers the ids with their text' '
	cd "$B" &&
	fish_complete "acct todo done " "acct todo reopen " >"$T/fish.out" &&
	grep "^acct todo done 	" "$T/fish.out" | cut -f2 | sed "/^\$/d" |
		sort >actual &&
	test_cmp "$T/ids" actual &&
	test "$(grep -c "^acct todo reopen 	." "$T/fish.out")" = 0 &&
	test_grep "	Позвонить Ивану (ooo-romashka)$" "$T/fish.out"
'

test_expect_success FISH 'fish: loaded from vendor_completions.d, where make install puts it' '
	mkdir -p "$T/share/fish/vendor_completions.d" &&
	cp "$COMPLETIONS/acct.fish" "$T/share/fish/vendor_completions.d/" &&
	cd "$B" &&
	XDG_DATA_DIRS=$T/share timeout 60 fish -c "complete -C \"acct cl\"" \
		>actual &&
	echo client >expect &&
	test_cmp expect actual
'

test_expect_success FISH 'fish: outside a book, commands still; nothing else, no error' '
	cd "$T/outside" &&
	fish_complete "acct he" "acct log " >"$T/fish.out" 2>err &&
	test_must_be_empty err &&
	offered "$T/fish.out" "acct he" health help &&
	test "$(grep -c "^acct log 	." "$T/fish.out")" = 0
'

test_done
