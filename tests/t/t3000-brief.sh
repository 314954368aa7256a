#!/bin/sh
# shellcheck disable=SC2016

test_description='acct brief

A brief is clients/<slug>/brief.md with fixed "## " sections. acct brief
CLIENT opens it in the editor (from the template when new), checks it and
commits it; --section KEY -F FILE replaces one section and nothing else;
--show prints it (--json: the sections by key); --check lists, per
client, missing and empty sections and unchecked materials, exit 3 when
something is missing. Templates come from the book (templates/brief.<locale>.md,
templates/brief.md) or are built in (English, Russian). Every failure
exits with the right code, prints nothing on stdout and leaves the book
as it was.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR
TEMPLATES=$TEST_DIRECTORY/../../templates
SQ="'"

PYTHON=$(python3 -c "import sys; print(sys.executable)" 2>/dev/null) ||
PYTHON=python3
test -n "$PYTHON" || PYTHON=python3
"$PYTHON" -c "import json" >/dev/null 2>&1 && test_set_prereq PYTHON
script -qec true /dev/null </dev/null >/dev/null 2>&1 && test_set_prereq SCRIPT

# --- helpers ----------------------------------------------------------------

brief () {
	echo "$B/clients/$1/brief.md"
}

# one_commit SUBJECT PATH...: one commit on the remembered HEAD, with
# SUBJECT, changing exactly PATHs; the book clean, .git/acct empty.
one_commit () {
	echo "$1" >"$T/expect.subject" &&
	shift &&
	git -C "$B" log -1 --format=%s >"$T/actual.subject" &&
	test_cmp "$T/expect.subject" "$T/actual.subject" &&
	git -C "$B" rev-parse HEAD^ >"$T/actual.parent" &&
	test_cmp "$T/old-head" "$T/actual.parent" &&
	printf "%s\n" "$@" >"$T/expect.paths" &&
	git -C "$B" diff-tree -r --no-commit-id --name-only HEAD >"$T/actual.paths" &&
	test_cmp "$T/expect.paths" "$T/actual.paths" &&
	is_clean &&
	acct_tmp >"$T/tmp.now" &&
	test_must_be_empty "$T/tmp.now"
}

# snapshot and unchanged (test-lib) compare .git/acct too, caches aside.
book_state_acct=t

# hand_commit PATH: stdin into PATH of the book, committed by hand.
hand_commit () {
	mkdir -p "$(dirname "$B/$1")" &&
	cat >"$B/$1" &&
	git -C "$B" add "$1" &&
	git -C "$B" commit -q -m "by hand: $1"
}

# replace_section TITLE BODYFILE <OLD >NEW: what --section should make of
# OLD, computed here independently: the lines after "## TITLE" up to the
# next "## " heading become a blank line, BODYFILE, and a blank line.
replace_section () {
	awk -v title="$1" -v body="$2" '
	BEGIN { while ((getline line < body) > 0) text = text line "\n" }
	skip && /^##? / { skip = 0; printf "\n" }
	!skip { print }
	$0 == "## " title { skip = 1; if (text != "") printf "\n%s", text }
	'
}

no_editor () {
	(
		unset EDITOR VISUAL
		"$@"
	)
}

# jget PATH <JSON: the value at PATH; a string as it is, else compact JSON.
cat >"$T/jget.py" <<\EOF
import json, sys
d = json.load(sys.stdin)
for k in sys.argv[1].split(".") if sys.argv[1] else []:
    d = d[int(k)] if isinstance(d, list) else d[k]
if isinstance(d, str):
    sys.stdout.write(d + "\n")
else:
    sys.stdout.write(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n")
EOF
jget () {
	"$PYTHON" "$T/jget.py" "$1"
}

KEYS="brand category audience competitors advantages why business-goals marketing-goals project-goals kpi budget deadlines materials"

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: a book with active, paused, archived clients' '
	acct init book >/dev/null &&
	acct client add "Acme" >/dev/null &&
	acct client add "Beta" >/dev/null &&
	acct client add "Gamma" --status paused >/dev/null &&
	acct client add "Delta" >/dev/null &&
	acct client archive delta &&
	acct client add "Epsilon" --status lead >/dev/null &&
	write_script "$T/seen" <<-EOF &&
	cp "\$1" "$T/seen.txt"
	EOF
	write_script "$T/put" <<-EOF &&
	cp "$T/edited" "\$1"
	EOF
	write_script "$T/marker" <<-EOF &&
	: >"$T/editor-ran"
	EOF
	write_script "$T/emptying" <<-\EOF &&
	: >"$1"
	EOF
	write_script "$T/blanking" <<-\EOF &&
	printf "\n  \n\t\n" >"$1"
	EOF
	is_clean
'

# --- usage ------------------------------------------------------------------

test_expect_success 'brief -h: help on stdout, exit 0, no book needed' '
	(cd "$T" && ACCT_DIR= acct brief -h >"$T/out" 2>"$T/err") &&
	test_grep "usage: acct brief <client>" out &&
	test_grep -e "--section" out &&
	test_grep -e "--check" out &&
	test_must_be_empty err
'

test_expect_success 'usage mistakes exit 2, print nothing on stdout, change nothing' '
	refused 2 "expected one <client>" acct brief &&
	refused 2 "expected one <client>" acct brief acme beta &&
	refused 2 "frobnicate" acct brief acme --frobnicate &&
	refused 2 "--json goes with" acct brief acme --json &&
	refused 2 "-F goes with --section" acct brief acme -F x &&
	refused 2 "--section needs -F" acct brief acme --section kpi &&
	refused 2 "do not go together" acct brief acme --show --check &&
	refused 2 "do not go together" acct brief acme --show --section kpi -F x &&
	refused 2 "at most one <client>" acct brief --check acme beta
'

test_expect_success 'no such client or an ambiguous prefix: exit 2 in every mode' '
	echo kpi >"$T/body" &&
	refused 2 "no such client" acct brief zz &&
	refused 2 "no such client" acct brief zz --show &&
	refused 2 "no such client" acct brief zz --show --json &&
	refused 2 "no such client" acct brief zz --section kpi -F "$T/body" &&
	refused 2 "no such client" acct brief --check zz &&
	refused 2 "no such client" acct brief --check zz --json &&
	acct client add "Acorn" >/dev/null &&
	refused 2 "ambiguous" acct brief ac --show &&
	refused 2 "ambiguous" acct brief --check ac
'

# --- the editor ---------------------------------------------------------------

test_expect_success 'a new brief opens the built-in English template' '
	remember &&
	snapshot &&
	EDITOR="$T/seen" acct brief acme >out 2>err &&
	test_must_be_empty out &&
	test_cmp "$TEMPLATES/brief.en.md" "$T/seen.txt" &&
	test_grep "no changes" err &&
	test_path_is_missing "$(brief acme)" &&
	no_commit &&
	unchanged
'

test_expect_success 'a new brief with one section filled: one commit "create"' '
	echo "Offices in Moscow." >body &&
	replace_section Audience body <"$TEMPLATES/brief.en.md" >edited &&
	remember &&
	EDITOR="$T/put" acct brief acme >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	one_commit "brief acme: create" clients/acme/brief.md &&
	test_cmp edited "$(brief acme)" &&
	git -C "$B" log -1 --format=%B >msg &&
	test_grep "^Acct-Command: brief$" msg
'

test_expect_success 'the editor sees the brief as it is; unchanged: exit 0, no commit' '
	remember &&
	snapshot &&
	EDITOR="$T/seen" acct brief acme >out 2>err &&
	test_must_be_empty out &&
	test_cmp "$(brief acme)" "$T/seen.txt" &&
	test_grep "no changes" err &&
	no_commit &&
	unchanged
'

test_expect_success 'an edit of two sections: the subject names both keys' '
	echo "CPL <= 500 RUB" >kpi.txt &&
	echo "Premium coffee for offices." >brand.txt &&
	replace_section KPIs kpi.txt <"$(brief acme)" >step &&
	replace_section "Brand and positioning" brand.txt <step >edited &&
	remember &&
	EDITOR="$T/put" acct brief acme >out 2>err &&
	test_must_be_empty out &&
	one_commit "brief acme: brand, kpi" clients/acme/brief.md &&
	test_cmp edited "$(brief acme)"
'

test_expect_success 'an edit outside the known sections: "other text"' '
	sed "s/^# Brief$/# Brief: Acme/" "$(brief acme)" >edited &&
	remember &&
	EDITOR="$T/put" acct brief acme &&
	one_commit "brief acme: other text" clients/acme/brief.md
'

test_expect_success 'an editor given with arguments is run as git runs it' '
	remember &&
	EDITOR="sed -i s/^CPL.*/CPL\\ 450\\ RUB/" acct brief acme &&
	one_commit "brief acme: kpi" clients/acme/brief.md &&
	test_grep -x "CPL 450 RUB" "$(brief acme)"
'

test_expect_success 'VISUAL wins over EDITOR' '
	sed "s/^CPL.*/CPL <= 400 RUB/" "$(brief acme)" >edited &&
	remember &&
	VISUAL="$T/put" EDITOR=false acct brief acme &&
	one_commit "brief acme: kpi" clients/acme/brief.md
'

test_expect_success 'an editor that empties the brief: exit 1, nothing changed' '
	refused 1 "empty" env EDITOR="$T/emptying" acct brief acme &&
	refused 1 "empty" env EDITOR="$T/blanking" acct brief acme &&
	refused 1 "empty" env EDITOR="$T/blanking" acct brief beta
'

test_expect_success 'a failing editor: exit 1, nothing changed, nothing kept' '
	refused 1 "false" env EDITOR=false acct brief acme &&
	refused 1 "false" env EDITOR=false acct brief beta
'

test_expect_success 'a known section twice: exit 1 at file:line:col, text kept' '
	cp "$(brief acme)" edited &&
	printf "\n## audience\n\nAgain.\n" >>edited &&
	line=$(grep -n "^## audience" edited | cut -d: -f1) &&
	first=$(grep -n "^## Audience" edited | cut -d: -f1) &&
	snapshot &&
	test_expect_code 1 env EDITOR="$T/put" acct brief acme >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: clients/acme/brief.md:$line:1: section ${SQ}audience${SQ} again (it starts at line $first too)" err &&
	sed -n "s/.*kept in \(.*\)$/\1/p" err >rescue &&
	test_line_count = 1 rescue &&
	test_cmp edited "$(cat rescue)" &&
	rm "$(cat rescue)" &&
	unchanged
'

test_expect_success 'text that is not UTF-8: exit 1 at file:line:col, text kept' '
	cp "$(brief acme)" edited &&
	printf "\n## Notes\n\nab\377\n" >>edited &&
	line=$(($(wc -l <edited))) &&
	snapshot &&
	test_expect_code 1 env EDITOR="$T/put" acct brief acme >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: clients/acme/brief.md:$line:3: not UTF-8 text" err &&
	sed -n "s/.*kept in \(.*\)$/\1/p" err >rescue &&
	test_cmp edited "$(cat rescue)" &&
	rm "$(cat rescue)" &&
	unchanged
'

test_expect_success 'a NUL byte: exit 1, nothing changed' '
	cp "$(brief acme)" edited &&
	printf "x\000y\n" >>edited &&
	snapshot &&
	test_expect_code 1 env EDITOR="$T/put" acct brief acme >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: clients/acme/brief.md:[0-9]*:2: not UTF-8 text (a NUL byte)" err &&
	rm "$(sed -n "s/.*kept in \(.*\)$/\1/p" err)" &&
	unchanged
'

test_expect_success 'no EDITOR nor VISUAL and no terminal: exit 2 saying so' '
	snapshot &&
	test_expect_code 2 no_editor acct brief acme </dev/null >out 2>err &&
	test_must_be_empty out &&
	test_grep "EDITOR" err &&
	test_grep "terminal" err &&
	test_grep -e "--section" err &&
	unchanged
'

test_expect_success 'a brief changed by hand and not committed: exit 1 before the editor runs' '
	test_when_finished "git -C \"$B\" checkout -- clients/acme/brief.md" &&
	echo "by hand" >>"$(brief acme)" &&
	cp "$(brief acme)" hand &&
	rm -f "$T/editor-ran" &&
	remember &&
	test_expect_code 1 env EDITOR="$T/marker" acct brief acme >out 2>err &&
	test_must_be_empty out &&
	test_grep -F "clients/acme/brief.md" err &&
	test_path_is_missing "$T/editor-ran" &&
	no_commit &&
	test_cmp hand "$(brief acme)"
'

test_expect_success 'an untracked brief is not overwritten: exit 1' '
	test_when_finished "rm -f \"$(brief beta)\"" &&
	echo "mine" >"$(brief beta)" &&
	rm -f "$T/editor-ran" &&
	refused 1 "clients/beta/brief.md" env EDITOR="$T/marker" acct brief beta &&
	test_path_is_missing "$T/editor-ran" &&
	echo "Offices." >"$T/body" &&
	refused 1 "clients/beta/brief.md" acct brief beta --section audience -F "$T/body"
'

test_expect_success 'another process holds the index lock: exit 1 naming it' '
	: >"$B/.git/index.lock" &&
	test_when_finished "rm -f \"$B/.git/index.lock\"" &&
	remember &&
	test_expect_code 1 env EDITOR="$T/marker" acct brief acme >out 2>err &&
	test_must_be_empty out &&
	test_grep "index" err &&
	echo x >body &&
	test_expect_code 1 acct brief acme --section kpi -F body >out 2>err &&
	test_must_be_empty out &&
	no_commit
'

# --- --section ---------------------------------------------------------------

test_expect_success '--section replaces one section: only its bytes change' '
	printf "CPL <= 300 RUB\nCPA <= 2000 RUB\n" >kpi.txt &&
	replace_section KPIs kpi.txt <"$(brief acme)" >expect &&
	remember &&
	acct brief acme --section kpi -F kpi.txt >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	one_commit "brief acme: kpi" clients/acme/brief.md &&
	test_cmp expect "$(brief acme)" &&
	git -C "$B" diff -U0 HEAD^ HEAD >diff &&
	grep "^[-+][^-+]" diff >changed &&
	printf "%s\n" "-CPL <= 400 RUB" "+CPL <= 300 RUB" "+CPA <= 2000 RUB" >expect &&
	test_cmp expect changed
'

test_expect_success '--section from standard input; blank lines around it dropped' '
	printf "Offices and coworkings.\n" >aud.txt &&
	replace_section Audience aud.txt <"$(brief acme)" >expect &&
	remember &&
	printf "\n\n  \nOffices and coworkings.\n\n\n" |
		acct brief acme --section audience -F - >out 2>err &&
	test_must_be_empty out &&
	one_commit "brief acme: audience" clients/acme/brief.md &&
	test_cmp expect "$(brief acme)"
'

test_expect_success '--section takes a heading, any case, and the last section' '
	printf -- "- [x] Brand book\n- [ ] Access to Metrica\n" >mat.txt &&
	replace_section "Materials and accesses" mat.txt <"$(brief acme)" >expect &&
	remember &&
	acct brief acme --section "MATERIALS and accesses" -F mat.txt &&
	one_commit "brief acme: materials" clients/acme/brief.md &&
	test_cmp expect "$(brief acme)" &&
	remember &&
	acct brief acme --section KPIs -F kpi.txt 2>err &&
	test_grep "no changes" err &&
	no_commit
'

test_expect_success '--section with the same text: exit 0, no commit' '
	remember &&
	snapshot &&
	acct brief acme --section kpi -F kpi.txt >out 2>err &&
	test_must_be_empty out &&
	test_grep "no changes" err &&
	unchanged
'

test_expect_success '--section with an empty text empties the section' '
	: >empty.txt &&
	replace_section Deadlines empty.txt <"$(brief acme)" >expect &&
	remember &&
	acct brief acme --section deadlines -F empty.txt &&
	one_commit "brief acme: deadlines" clients/acme/brief.md &&
	test_cmp expect "$(brief acme)"
'

test_expect_success '--section on a client without a brief creates it from the template' '
	echo "Startups." >aud.txt &&
	replace_section Audience aud.txt <"$TEMPLATES/brief.en.md" >expect &&
	remember &&
	acct brief beta --section audience -F aud.txt >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	one_commit "brief beta: create" clients/beta/brief.md &&
	test_cmp expect "$(brief beta)"
'

test_expect_success '--section with an unknown key: exit 2 listing the keys' '
	refused 2 "unknown section $SQ" acct brief acme --section nope -F kpi.txt &&
	for k in $KEYS
	do
		test_grep -e "$k" "$T/err" || return 1
	done &&
	refused 2 "unknown section" acct brief zz --section nope -F kpi.txt
'

test_expect_success '--section with a body that is not UTF-8 text: exit 2' '
	refused 2 "${SQ}/bin/ls${SQ} is not UTF-8 text" \
		acct brief acme --section kpi -F /bin/ls &&
	test_grep "/bin/ls. is not UTF-8 text" "$T/err" &&
	printf "a\000b\n" >nul.txt &&
	refused 2 "nul.txt" acct brief acme --section kpi -F nul.txt &&
	test_grep "nul.txt. is not UTF-8 text" "$T/err" &&
	printf "caf\351\n" | refused 2 "standard input is not UTF-8 text" \
		acct brief acme --section kpi -F - &&
	printf "caf\351\n" | refused 2 "standard input is not UTF-8 text" \
		acct brief gamma --section kpi -F -
'

test_expect_success '--section with a file that cannot be read: exit 2' '
	refused 2 "no-such-file" acct brief acme --section kpi -F no-such-file &&
	refused 2 "cannot read" acct brief acme --section kpi -F "$T"
'

test_expect_success '--section with a text that would break other sections: exit 2' '
	printf "x\n\n## Budget\n\nsneaky\n" >bad.txt &&
	refused 2 "would change other sections" acct brief acme --section kpi -F bad.txt &&
	printf "x\n## Notes\n" >bad.txt &&
	refused 2 "would change other sections" acct brief acme --section kpi -F bad.txt &&
	printf "# Title\n" >bad.txt &&
	refused 2 "would change other sections" acct brief acme --section kpi -F bad.txt &&
	printf "\140\140\140\ncode\n" >bad.txt &&
	refused 2 "would change other sections" acct brief acme --section kpi -F bad.txt &&
	printf "<!--\nhidden\n" >bad.txt &&
	refused 2 "would change other sections" acct brief acme --section kpi -F bad.txt
'

test_expect_success '--section: ### headings and code blocks are fine' '
	printf "### Q1\n\n\140\140\140\n## not a heading\n\140\140\140\n" >ok.txt &&
	replace_section Budget ok.txt <"$(brief acme)" >expect &&
	remember &&
	acct brief acme --section budget -F ok.txt &&
	one_commit "brief acme: budget" clients/acme/brief.md &&
	test_cmp expect "$(brief acme)"
'

test_expect_success '--section adds a section the brief lacks, in its place' '
	hand_commit clients/gamma/brief.md <<-\EOF &&
	# Brief

	## Audience

	Banks.

	## Budget

	1 000 000 RUB
	EOF
	remember &&
	echo "Launch in March." >d.txt &&
	acct brief gamma --section deadlines -F d.txt &&
	one_commit "brief gamma: deadlines" clients/gamma/brief.md &&
	cat >expect <<-\EOF &&
	# Brief

	## Audience

	Banks.

	## Budget

	1 000 000 RUB
	## Deadlines

	Launch in March.
	EOF
	test_cmp expect "$(brief gamma)" &&
	git -C "$B" diff -U0 HEAD^ HEAD >diff &&
	grep "^[-+][^-+]" diff >changed &&
	printf "%s\n" "+## Deadlines" "+Launch in March." >expect &&
	test_cmp expect changed &&
	remember &&
	echo "Fintech." >c.txt &&
	acct brief gamma --section category -F c.txt &&
	one_commit "brief gamma: category" clients/gamma/brief.md &&
	sed -n "/^## /p" "$(brief gamma)" >actual &&
	printf "%s\n" "## Category" "## Audience" "## Budget" "## Deadlines" >expect &&
	test_cmp expect actual
'

test_expect_success '--section keeps CRLF line endings' '
	printf "## Audience\r\n\r\nOld\r\n\r\n## KPIs\r\n\r\nK\r\n" |
		hand_commit clients/epsilon/brief.md &&
	remember &&
	printf "New\nLines\n" | acct brief epsilon --section audience -F - &&
	one_commit "brief epsilon: audience" clients/epsilon/brief.md &&
	printf "## Audience\r\n\r\nNew\r\nLines\r\n\r\n## KPIs\r\n\r\nK\r\n" >expect &&
	test_cmp expect "$(brief epsilon)"
'

test_expect_success 'a brief that does not parse in the book: --section and --show exit 1 at file:line:col' '
	printf "## Audience\n\nA\n\n## KPIs\n\n## audience\n" |
		hand_commit clients/epsilon/brief.md &&
	refused 1 "clients/epsilon/brief.md:7:1: section" \
		acct brief epsilon --section kpi -F kpi.txt &&
	refused 1 "clients/epsilon/brief.md:7:1:" acct brief epsilon --show &&
	refused 1 "clients/epsilon/brief.md:7:1:" acct brief epsilon --show --json &&
	refused 1 "clients/epsilon/brief.md:7:1:" acct brief --check epsilon
'

test_expect_success 'such a brief is repaired in the editor' '
	printf "## Audience\n\nA\n\n## KPIs\n\nK\n" >edited &&
	remember &&
	EDITOR="$T/put" acct brief epsilon &&
	one_commit "brief epsilon: repaired" clients/epsilon/brief.md
'

test_expect_success 'a brief that is a symbolic link is neither read nor written' '
	echo "## Audience" >"$T/elsewhere.md" &&
	ln -s "$T/elsewhere.md" "$(brief acorn)" &&
	git -C "$B" add clients/acorn/brief.md &&
	git -C "$B" commit -q -m "by hand: a link" &&
	refused 1 "symbolic link" acct brief acorn --show &&
	refused 1 "symbolic link" env EDITOR="$T/marker" acct brief acorn &&
	refused 1 "symbolic link" acct brief acorn --section kpi -F kpi.txt &&
	git -C "$B" rm -q clients/acorn/brief.md &&
	git -C "$B" commit -q -m "by hand: no link"
'

test_expect_success 'a brief larger than the limit, and -F /dev/zero: refused, naming the limit' '
	{
		echo "## Audience" &&
		head -c 8388608 /dev/zero | tr "\0" a
	} >"$(brief acorn)" &&
	git -C "$B" add clients/acorn/brief.md &&
	git -C "$B" commit -q -m "by hand: a huge brief" &&
	refused 1 "clients/acorn/brief.md: is larger than 8 MiB, the limit for input" \
		acct brief acorn --show &&
	test_expect_code 1 acct brief --check acorn >out 2>err &&
	test_grep "clients/acorn/brief.md: is larger than 8 MiB" err &&
	git -C "$B" rm -q clients/acorn/brief.md &&
	git -C "$B" commit -q -m "by hand: no huge brief" &&
	refused 2 "'"'/dev/zero'"' is larger than 8 MiB" \
		timeout 20 acct brief acorn --section kpi -F /dev/zero
'

# --- --show ----------------------------------------------------------------

test_expect_success '--show prints the brief as it is' '
	acct brief acme --show >out 2>err &&
	test_must_be_empty err &&
	test_cmp "$(brief acme)" out
'

test_expect_success 'a section with a control character is kept as written' '
	printf "Red \033[31malert\nline two\n" | acct brief beta --section why -F - &&
	printf "Red \033[31malert\n" >expect &&
	grep -a "^Red" "$(brief beta)" >actual &&
	test_cmp expect actual
'

test_expect_success SCRIPT '--show on a terminal: control characters escaped, lines kept' '
	script -qec "acct brief beta --show" /dev/null </dev/null >out &&
	test_grep -F "Red \\x1b[31malert" out &&
	test_grep "^line two" out &&
	acct brief beta --show >raw &&
	test_cmp "$(brief beta)" raw
'

test_expect_success '--show of a client without a brief: exit 1, says how to make one' '
	refused 1 "has no brief" acct brief delta --show &&
	test_grep "acct brief delta" "$T/err" &&
	refused 1 "has no brief" acct brief delta --show --json
'

test_expect_success PYTHON '--show --json: the sections by key' '
	acct brief acme --show --json >json &&
	echo 1 >expect && jget format <json >actual && test_cmp expect actual &&
	echo acme >expect && jget client <json >actual && test_cmp expect actual &&
	echo clients/acme/brief.md >expect && jget path <json >actual && test_cmp expect actual &&
	"$PYTHON" - json <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	s = {x["key"]: x for x in d["sections"]}
	keys = "brand category audience competitors advantages why business-goals marketing-goals project-goals kpi budget deadlines materials".split()
	assert [x["key"] for x in d["sections"]] == keys, d["sections"]
	assert s["kpi"]["title"] == "KPIs", s["kpi"]
	assert s["kpi"]["text"] == "CPL <= 300 RUB\nCPA <= 2000 RUB", s["kpi"]
	assert s["kpi"]["empty"] is False
	assert s["audience"]["text"] == "Offices and coworkings."
	assert s["category"]["empty"] is True and s["category"]["text"] == ""
	assert s["deadlines"]["empty"] is True
	assert s["budget"]["text"].startswith("### Q1")
	assert s["materials"]["items"] == [
	    {"text": "Brand book", "checked": True, "line": s["materials"]["items"][0]["line"]},
	    {"text": "Access to Metrica", "checked": False, "line": s["materials"]["items"][1]["line"]}]
	assert isinstance(s["kpi"]["line"], int)
	assert d["missing"] == []
	EOF
'

test_expect_success PYTHON '--show --json: unknown sections have key null; missing ones listed' '
	acct brief gamma --show --json >json &&
	"$PYTHON" - json <<-\EOF &&
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert [x["key"] for x in d["sections"]] == ["category", "audience", "budget", "deadlines"], d
	assert "kpi" in d["missing"] and "audience" not in d["missing"], d
	assert len(d["missing"]) == 9, d
	EOF
	printf "## Notes\n\nCall Ivan.\n" >notes.txt &&
	cat "$(brief gamma)" notes.txt >edited &&
	EDITOR="$T/put" acct brief gamma &&
	acct brief gamma --show --json >json &&
	"$PYTHON" - json <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	n = d["sections"][-1]
	assert n["key"] is None and n["title"] == "Notes" and n["text"] == "Call Ivan.", n
	EOF
'

# --- --check -----------------------------------------------------------------

test_expect_success '--check: active clients not archived; exit 3; one line per finding' '
	snapshot &&
	test_expect_code 3 acct brief --check >out 2>err &&
	test_must_be_empty err &&
	sed -n "/^acme/p" out >actual &&
	test_line_count = 2 actual &&
	test_grep "^acme  *empty  *category, competitors, advantages, why, business-goals, marketing-goals, project-goals, deadlines$" out &&
	test_grep "^acme  *unchecked  *Access to Metrica$" out &&
	test_grep "^acorn  *no brief$" out &&
	test_grep "^beta  *empty  *brand, category, competitors, advantages, business-goals, marketing-goals, project-goals, kpi, budget, deadlines$" out &&
	test_grep "^beta  *unchecked  *Brand book, logos and photos$" out &&
	test_grep ! "^gamma" out &&
	test_grep ! "^delta" out &&
	test_grep ! "^epsilon" out &&
	unchanged
'

test_expect_success '--check CLIENT: that client whatever its status' '
	test_expect_code 3 acct brief --check gamma >out 2>err &&
	test_grep "^gamma  *missing  *brand, competitors, advantages, why, business-goals, marketing-goals, project-goals, kpi, materials$" out &&
	test_expect_code 3 acct brief --check delta >out &&
	test_grep "^delta  *no brief$" out
'

test_expect_success PYTHON '--check --json: per client; a missing brief is every section missing' '
	test_expect_code 3 acct brief --check --json >json &&
	"$PYTHON" - json "$KEYS" <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	keys = sys.argv[2].split()
	assert d["format"] == 1
	assert "errors" not in d, d
	c = {x["client"]: x for x in d["clients"]}
	assert sorted(c) == ["acme", "acorn", "beta"], sorted(c)
	assert c["acorn"]["brief"] is None and c["acorn"]["missing"] == keys, c["acorn"]
	assert c["acorn"]["complete"] is False
	assert c["acorn"]["empty"] == [] and c["acorn"]["unchecked"] == []
	a = c["acme"]
	assert a["brief"] == "clients/acme/brief.md" and a["missing"] == [], a
	assert a["empty"] == ["category", "competitors", "advantages", "why", "business-goals", "marketing-goals", "project-goals", "deadlines"], a
	assert [u["text"] for u in a["unchecked"]] == ["Access to Metrica"], a
	assert isinstance(a["unchecked"][0]["line"], int)
	assert len(c["beta"]["unchecked"]) == 7
	EOF
'

test_expect_success 'filling every section and ticking the boxes makes it complete: exit 0, silent' '
	for k in category competitors advantages why business-goals marketing-goals project-goals deadlines
	do
		echo "Text for $k." | acct brief acme --section $k -F - || return 1
	done &&
	printf -- "- [x] Brand book\n- [X] Access to Metrica\n" |
		acct brief acme --section materials -F - &&
	acct brief --check acme >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	acct brief --check acme --json >json &&
	test_grep "\"complete\": true" json
'

test_expect_success '--check with every active brief complete: exit 0' '
	test_when_finished "acct client set acorn status active && acct client set beta status active" &&
	acct client set acorn status paused &&
	acct client set beta status paused &&
	acct brief --check >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success '--check: a brief that does not parse is an error; the others still show; exit 1' '
	printf "## Audience\nA\n## Audience\nB\n" | hand_commit clients/beta/brief.md &&
	snapshot &&
	test_expect_code 1 acct brief --check >out 2>err &&
	test_grep "^acct: clients/beta/brief.md:3:1: " err &&
	test_grep "^acorn  *no brief$" out &&
	test_grep ! "^beta" out &&
	unchanged
'

test_expect_success PYTHON '--check --json: the error in "errors", exit 1 beats 3' '
	test_expect_code 1 acct brief --check --json >json 2>err &&
	"$PYTHON" - json <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert [e["file"] for e in d["errors"]] == ["clients/beta/brief.md"], d
	assert d["errors"][0]["line"] == 3 and d["errors"][0]["column"] == 1, d
	assert "beta" not in [c["client"] for c in d["clients"]]
	assert "acorn" in [c["client"] for c in d["clients"]]
	EOF
'

test_expect_success '--check: a card that does not load is an error too; exit 1' '
	printf "## Audience\nA\n" | hand_commit clients/beta/brief.md &&
	printf "name: Broken\nstatus: bogus\n" | hand_commit clients/broken/client.yaml &&
	test_expect_code 1 acct brief --check >out 2>err &&
	test_grep "^acct: clients/broken/client.yaml:2:" err &&
	test_grep "^acorn  *no brief$" out &&
	test_grep "^beta  *missing" out &&
	git -C "$B" rm -q -r clients/broken &&
	git -C "$B" commit -q -m "by hand: no broken"
'

# --- templates ------------------------------------------------------------------

test_expect_success 'the book'"'"'s templates/brief.md is used over the built-in' '
	hand_commit templates/brief.md <<-\EOF &&
	# Our brief

	## Audience

	## Budget
	EOF
	remember &&
	echo "Kids." >aud.txt &&
	acct brief delta --section audience -F aud.txt &&
	one_commit "brief delta: create" clients/delta/brief.md &&
	printf "# Our brief\n\n## Audience\n\nKids.\n\n## Budget\n" >expect &&
	test_cmp expect "$(brief delta)"
'

test_expect_success 'templates/brief.<locale>.md wins over templates/brief.md' '
	hand_commit templates/brief.en.md <<-\EOF &&
	# English brief

	## KPIs
	EOF
	acct client add "Zeta" >/dev/null &&
	EDITOR="$T/seen" acct brief zeta 2>err &&
	test_cmp "$B/templates/brief.en.md" "$T/seen.txt"
'

test_expect_success 'a book template that does not parse: exit 1 naming it' '
	printf "## KPIs\n## KPI\n" >"$B/templates/brief.en.md" &&
	git -C "$B" commit -q -a -m "by hand: bad template" &&
	refused 1 "templates/brief.en.md:2:1: section" env EDITOR="$T/marker" acct brief zeta &&
	refused 1 "templates/brief.en.md:2:1:" acct brief zeta --section kpi -F kpi.txt
'

test_expect_success 'a book template linked out of the book is refused' '
	cp "$TEMPLATES/brief.en.md" "$T/outside.md" &&
	rm "$B/templates/brief.en.md" &&
	ln -s "$T/outside.md" "$B/templates/brief.en.md" &&
	git -C "$B" add -A templates &&
	git -C "$B" commit -q -m "by hand: a link out" &&
	rm -f "$T/editor-ran" &&
	refused 1 "templates/brief.en.md: is a symbolic link leading out of the book" \
		env EDITOR="$T/marker" acct brief zeta &&
	test_path_is_missing "$T/editor-ran" &&
	refused 1 "symbolic link leading out of the book" \
		acct brief zeta --section kpi -F kpi.txt &&
	ln -sf ../.git/config "$B/templates/brief.en.md" &&
	refused 1 "symbolic link leading out of the book" \
		acct brief zeta --section kpi -F kpi.txt
'

test_expect_success 'a book template linked inside the book is followed' '
	rm "$B/templates/brief.en.md" &&
	ln -s brief.md "$B/templates/brief.en.md" &&
	git -C "$B" add -A templates &&
	git -C "$B" commit -q -m "by hand: a link in" &&
	EDITOR="$T/seen" acct brief zeta 2>err &&
	test_cmp "$B/templates/brief.md" "$T/seen.txt" &&
	git -C "$B" rm -q -r templates &&
	git -C "$B" commit -q -m "by hand: no templates"
'

test_expect_success 'a Russian book: the built-in Russian template, Russian headings' '
	acct init ru >/dev/null &&
	sed -i "s/^locale:.*/locale: ru/" ru/.acct/config.yaml &&
	grep -q "^locale: ru" ru/.acct/config.yaml &&
	git -C ru commit -q -a -m "by hand: ru" &&
	acct -C ru client add "ООО «Ромашка»" >/dev/null &&
	EDITOR="$T/seen" acct -C ru brief ooo 2>err &&
	test_cmp "$TEMPLATES/brief.ru.md" "$T/seen.txt" &&
	echo "Офисы в Москве." >aud.txt &&
	acct -C ru brief ooo --section "целевая аудитория" -F "$T/aud.txt" &&
	replace_section "Целевая аудитория" aud.txt <"$TEMPLATES/brief.ru.md" >expect &&
	test_cmp expect ru/clients/ooo-romashka/brief.md &&
	git -C ru log -1 --format=%s >actual &&
	echo "brief ooo-romashka: create" >expect &&
	test_cmp expect actual &&
	test_expect_code 3 acct -C ru brief --check >out &&
	test_grep "^ooo-romashka  *unchecked  *Брендбук, логотипы и фотографии$" out
'

test_expect_success 'a Russian book: a missing section is added with its Russian heading' '
	printf "# Бриф\n\n## Бюджет\n\n100 000 ₽\n" >r.md &&
	cp r.md ru/clients/ooo-romashka/brief.md &&
	git -C ru commit -q -a -m "by hand: short" &&
	echo "CPL <= 500 ₽" | acct -C ru brief ooo --section kpi -F - &&
	printf "# Бриф\n\n## KPI\n\nCPL <= 500 ₽\n\n## Бюджет\n\n100 000 ₽\n" >expect &&
	test_cmp expect ru/clients/ooo-romashka/brief.md
'

test_expect_success 'the book is clean and fsck is happy at the end' '
	is_clean &&
	git -C "$B" fsck --strict --no-dangling >out 2>&1 &&
	test_must_be_empty out
'

test_done
