#!/bin/sh
# shellcheck disable=SC2016

test_description='acct report: every action item counts

An action item is counted by reports whatever the kind of its entry: one
added with acct todo add (an entry of kind note) is in the weekly plans,
the monthly open and closed lists and --format json'"'"'s actions_open,
as todo and agenda show it. A note'"'"'s own text (its summary, its
decisions) stays out of reports, and a note is no contact.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

GIT_AUTHOR_NAME="Anna Petrova" GIT_AUTHOR_EMAIL=anna@agency.example
GIT_COMMITTER_NAME="Anna Petrova" GIT_COMMITTER_EMAIL=anna@agency.example
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

PYTHON=python3
"$PYTHON" -c "import json" >/dev/null 2>&1 && test_set_prereq PYTHON

test_expect_success 'a client with a call, a todo add and a note' '
	acct init -q "$B" &&
	acct client add "Acme" --slug acme --since 2026-01-01 -q &&
	printf "%s\n" "Weekly sync" "" "## Actions" \
		"- [ ] Send the media plan @anna due:2026-11-25" >"$T/call" &&
	ACCT_NOW=2026-11-17T10:00+00:00 acct log acme -F "$T/call" \
		--channel call -q &&
	ACCT_NOW=2026-11-18T10:00+00:00 acct todo add acme \
		"Book the photographer" --owner boris --due 2026-11-27 &&
	ACCT_NOW=2026-11-18T11:00+00:00 acct todo add acme \
		"Send the signed contract" --owner client &&
	ACCT_NOW=2026-11-19T10:00+00:00 acct todo add acme "Order the banners" &&
	printf "%s\n" "Secret pricing thoughts" "" "## Decisions" \
		"- Keep the margin at 40%" "" "## Actions" \
		"- [ ] Ask finance about the discount @anna" >"$T/note" &&
	ACCT_NOW=2026-11-19T12:00+00:00 acct log acme -F "$T/note" \
		--kind note -q &&
	acct todo >"$T/todo" &&
	test_grep "Book the photographer" "$T/todo" &&
	test_grep "Ask finance about the discount" "$T/todo"
'

test_expect_success 'todo done on an added item' '
	id=$(acct todo | sed -n "s/^\([0-9a-f]*\) .*Order the banners.*/\1/p") &&
	test -n "$id" &&
	acct todo done "$id" >"$T/out" &&
	test_grep "^done $id Order the banners" "$T/out"
'

test_expect_success 'weekly: the plans hold the added items, the note stays out' '
	acct report acme --period 2026-W47 >"$T/week.md" &&
	sed -n "/^## Plans for next week/,/^## Open questions/p" "$T/week.md" \
		>"$T/plans" &&
	test_grep "^- Send the media plan" "$T/plans" &&
	test_grep "^- Book the photographer, due 27 Nov 2026" "$T/plans" &&
	test_grep "^- Ask finance about the discount" "$T/plans" &&
	sed -n "/^## Open questions/,\$p" "$T/week.md" >"$T/questions" &&
	test_grep "Send the signed contract" "$T/questions" &&
	! grep "Secret pricing" "$T/week.md" &&
	! grep "Keep the margin" "$T/week.md" &&
	sed -n "/^## Done this week/,/^### Decisions/p" "$T/week.md" >"$T/done" &&
	test_grep "Weekly sync" "$T/done" &&
	! grep "Book the photographer" "$T/done"
'

test_expect_success 'monthly: open and closed lists hold them, contacts do not' '
	acct report acme --period 2026-11 >"$T/month.md" &&
	sed -n "/^### Closed/,/^### Open/p" "$T/month.md" >"$T/closed" &&
	test_grep "Order the banners" "$T/closed" &&
	sed -n "/^### Open/,/^## Satisfaction/p" "$T/month.md" >"$T/open" &&
	test_grep "Book the photographer" "$T/open" &&
	test_grep "Send the media plan" "$T/open" &&
	test_grep "^Contacts this month: 1;" "$T/month.md" &&
	! grep "Secret pricing" "$T/month.md"
'

test_expect_success PYTHON 'json: actions_open and actions_done count every item' '
	acct report acme --period 2026-11 --format json >"$T/month.json" &&
	"$PYTHON" - "$T/month.json" <<-\PY
	import json, sys
	d = json.load(open(sys.argv[1]))
	opened = sorted(a["text"] for a in d["actions_open"])
	assert opened == ["Ask finance about the discount", "Book the photographer",
	                  "Send the media plan", "Send the signed contract"], opened
	assert [a["text"] for a in d["actions_done"]] == ["Order the banners"]
	assert [a["text"] for a in d["questions"]] == ["Send the signed contract"]
	# The note'"'"'s own text is not there: no entry, no decision, no summary.
	assert [e["summary"] for e in d["entries"]] == ["Weekly sync"], d["entries"]
	assert d["decisions"] == []
	assert d["contacts"]["total"] == 1
	for a in d["actions_open"] + d["actions_done"]:
	    if a["text"] == "Send the media plan":
	        assert a["entry"] == "Weekly sync", a
	    else:
	        assert a["entry"] is None, a
	text = open(sys.argv[1]).read()
	assert "Secret pricing" not in text and "Keep the margin" not in text
	PY
'

test_expect_success 'the Russian weekly has them too' '
	acct report acme --period 2026-W47 --locale ru >"$T/week.ru.md" &&
	test_grep "Book the photographer" "$T/week.ru.md" &&
	! grep "Secret pricing" "$T/week.ru.md"
'

# Weekly and monthly marked an overdue item; the quarterly plans did not.
test_expect_success 'an overdue item is marked in all three reports, both languages' '
	for p in 2026-W49 2026-12 2026-Q4
	do
		ACCT_NOW=2026-12-07T10:00+00:00 \
			acct report acme --period $p >"$T/late.md" &&
		test_grep "^- Send the media plan.*, due 25 Nov 2026 (overdue)$" \
			"$T/late.md" &&
		test_grep "^- Book the photographer.*, due 27 Nov 2026 (overdue)$" \
			"$T/late.md" &&
		ACCT_NOW=2026-12-07T10:00+00:00 \
			acct report acme --period $p --locale ru >"$T/late.md" &&
		test_grep "^- Send the media plan.*, срок 25 .* 2026 (просрочено)$" \
			"$T/late.md" || return 1
	done
'

test_done
