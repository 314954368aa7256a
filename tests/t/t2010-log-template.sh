#!/bin/sh
# shellcheck disable=SC2016

test_description='acct log: the editor'"'"'s template explains itself

Without a summary on a terminal, acct log opens $EDITOR with a template in
the client'"'"'s language (the card'"'"'s locale, else the book'"'"'s): HTML
comment lines say that line 1 is the summary and how decisions and
action items are written; every comment line (a block at the top level
holding nothing but <!-- ... -->) is dropped when the text is saved,
while one in a code block stays. -F files are taken as they are.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

script -qec true /dev/null </dev/null >/dev/null 2>&1 && test_set_prereq TTY

# on_tty CMD: CMD on a terminal made by script(1).
on_tty () {
	script -qec "$1" /dev/null </dev/null >"$T/tty.out"
}

# entry: the newest entry's file, from HEAD.
entry () {
	git -C "$B" show --name-only --format= HEAD >"$T/paths" &&
	cat "$B/$(head -n 1 "$T/paths")"
}

test_expect_success 'setup: a book, an English and a Russian client; editors' '
	acct init -q "$B" &&
	acct client add Acme -q &&
	acct client add "ООО «Ромашка»" --slug romashka -q &&
	acct client set romashka locale ru &&
	# saves what it saw, then puts the summary on line 1
	write_script ed-summary <<-EOF &&
	cp "\$1" "$T/template.seen"
	{ echo "Agreed the banners"; cat "\$1"; } >"\$1.new" &&
	mv "\$1.new" "\$1"
	EOF
	# fills the template in, keeping its comment lines
	write_script ed-fill <<-EOF &&
	sed -e "1s/^\$/Budget call/" \
	    -e "s/^- \$/- Raise the bids by 15%/" \
	    -e "s/^- \[ \] \$/- [ ] Send the plan @anna due:2026-11-30/" \
	    "\$1" >"\$1.new" &&
	mv "\$1.new" "\$1"
	EOF
	# a summary below the hints, a comment of its own, one in a code block
	write_script ed-own <<-\EOF
	cat >"$1" <<-\INNER

	<!-- the template said something here -->

	Called the CMO
	<!-- my own note to self -->
	Text.

	```html
	<!-- a snippet for the site: it stays -->
	```
	INNER
	EOF
'

test_expect_success TTY 'the template says what line 1 is and how to write items' '
	on_tty "EDITOR=$T/ed-summary acct log acme --channel call" &&
	test -z "$(sed -n 1p template.seen)" &&
	test_grep "^<!-- Line 1 is the summary" template.seen &&
	test_grep "dropped when you save" template.seen &&
	test_grep "^## Decisions$" template.seen &&
	test_grep "^## Actions$" template.seen &&
	test_grep "^<!-- One task per line: - \[ \] text @owner due:YYYY-MM-DD" template.seen &&
	# what is saved has no comment line
	entry >saved &&
	test_grep "^summary: Agreed the banners$" saved &&
	test_grep ! "<!--" saved &&
	# and none of its empty items or the headings left empty by them
	test_grep ! "^## " saved &&
	test_grep ! "^- *$" saved &&
	test_grep ! "^- \[ \] *$" saved &&
	acct todo acme >todo &&
	test_must_be_empty todo
'

test_expect_success TTY 'filled in with the hints left in: the hints go, the items stay' '
	on_tty "EDITOR=$T/ed-fill acct log acme --channel call" &&
	git -C "$B" log -1 --format=%s >subject &&
	echo "log acme: Budget call" >expect &&
	test_cmp expect subject &&
	entry >saved &&
	# The hints go; an item keeps the id comment acct gives it (t2300).
	sed "s/ <!-- id:[0-9a-f]\{7\} -->\$//" saved >saved.hints &&
	test_grep ! "<!--" saved.hints &&
	acct timeline acme --decisions --actions --limit 1 >timeline &&
	test_grep "Raise the bids by 15%" timeline &&
	acct todo acme >todo &&
	test_grep "Send the plan" todo
'

test_expect_success TTY 'a summary below the hints; a comment of ones own goes, one in code stays' '
	on_tty "EDITOR=$T/ed-own acct log acme" &&
	git -C "$B" log -1 --format=%s >subject &&
	echo "log acme: Called the CMO" >expect &&
	test_cmp expect subject &&
	entry >saved &&
	test_grep ! "note to self" saved &&
	test_grep ! "the template said" saved &&
	test_grep "<!-- a snippet for the site: it stays -->" saved &&
	test_grep "^Text.$" saved
'

# The template's placeholders ("- ", "- [ ] ") left as they were are no
# decision and no action item; a heading they leave empty goes too, and
# what the user wrote stays byte for byte.
test_expect_success TTY 'empty items go, then a heading left empty; the rest stays as written' '
	write_script ed-half <<-\EOF &&
	printf "%s\n" "Budget call" "Notes,  with two spaces.  " "" \
		"## Decisions" "" "- Raise the bids by 15%" "- " "" \
		"## Actions" "" "- [ ] " "- [x]" "" \
		"## Later" "" "### Empty on purpose" "" \
		"## Own" "" "-  kept  " "*\ttab" >"$1"
	EOF
	on_tty "EDITOR=$T/ed-half acct log acme" &&
	entry >saved &&
	sed "1,/^---\$/d" saved >body &&
	printf "%s\n" "Notes,  with two spaces.  " "" \
		"## Decisions" "" "- Raise the bids by 15%" "" \
		"## Later" "" "### Empty on purpose" "" \
		"## Own" "" "-  kept  " "*\ttab" >expect &&
	test_cmp expect body
'

test_expect_success TTY 'the card'"'"'s locale picks the language: Russian in an English book' '
	on_tty "EDITOR=$T/ed-summary acct log romashka" &&
	test_grep "^<!-- Строка 1 — краткое содержание" template.seen &&
	test_grep "^## Решения$" template.seen &&
	test_grep "^## Задачи$" template.seen &&
	test_grep ! "Line 1 is the summary" template.seen
'

test_expect_success TTY 'the book'"'"'s locale when the card has none; English when the card says so' '
	sed "s/^locale: en /locale: ru /" "$B/.acct/config.yaml" >config &&
	cp config "$B/.acct/config.yaml" &&
	git -C "$B" commit -q -a -m "locale: ru" &&
	on_tty "EDITOR=$T/ed-summary acct log acme" &&
	test_grep "^## Решения$" template.seen &&
	acct client set acme locale en &&
	on_tty "EDITOR=$T/ed-summary acct log acme" &&
	test_grep "^## Decisions$" template.seen &&
	acct client set acme locale --unset
'

test_expect_success TTY 'the template saved as it is: no summary, exit 1, nothing written' '
	test_book_state "$B" >before &&
	test_expect_code 1 env EDITOR=true script -qec "acct log acme" /dev/null \
		</dev/null >tty.out &&
	test_grep "summary" tty.out &&
	test_book_state "$B" >after &&
	test_cmp before after
'

test_expect_success '-F: the file as it is, comments and all' '
	printf "Sent the plan\n<!-- kept: not from the editor -->\nBody.\n" >note &&
	acct log acme -F note -q &&
	entry >saved &&
	test_grep "<!-- kept: not from the editor -->" saved
'

test_done
