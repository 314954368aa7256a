#!/bin/sh
# shellcheck disable=SC2016

test_description='acct report

Weekly, monthly and quarterly reports of one client and the portfolio, in
English and Russian, from the built-in templates or the book'"'"'s own: the
Markdown and the JSON data compared with expected files (t6000/), the
HTML, man and LaTeX checked for their structure. A report reads only what
its period needs; --save commits the file once. Every error exits with the
right code, prints nothing on stdout and leaves the book as it was.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
EXPECT=$TEST_DIRECTORY/t6000
export ACCT_DIR

GIT_AUTHOR_NAME="Anna Petrova" GIT_AUTHOR_EMAIL=anna@agency.example
GIT_COMMITTER_NAME="Anna Petrova" GIT_COMMITTER_EMAIL=anna@agency.example
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

command -v groff >/dev/null 2>&1 && test_set_prereq GROFF
# pdflatex with the Cyrillic encoding and babel's Russian (make test
# installs them with tools/test-deps.sh when it can).
command -v pdflatex >/dev/null 2>&1 &&
	kpsewhich t2aenc.def russianb.ldf >/dev/null 2>&1 &&
	test_set_prereq PDFLATEX
test_have_prereq PDFLATEX ||
	echo "# skipped: the LaTeX compile tests (pdflatex with T2A and babel-russian is not installed)"

# on DAY COMMAND...: COMMAND committed on DAY, 09:00 UTC: the agenda in the
# portfolio counts a card's first contact, call, report and review from
# the day it entered the book, so the fixture's cards enter on their since.
on () {
	on_d_=$1T09:00+00:00 &&
	shift &&
	env GIT_AUTHOR_DATE="$on_d_" GIT_COMMITTER_DATE="$on_d_" "$@"
}

test_expect_success 'a fixture book' '
	acct init -q "$B" &&
	cd "$B" &&
	on 2026-03-01 acct client add "ООО «Ромашка»" --slug romashka \
		--since 2026-03-01 -q &&
	acct client set romashka goals.business "Grow app sales by 25% this year" &&
	acct client set romashka goals.kpi --add "CPI <= 80 RUB" &&
	acct client set romashka fee.amount 90000 &&
	acct client set romashka fee.currency RUB &&
	acct client set romashka fee.period month &&
	acct client set romashka fee.floating 30 &&
	acct client contact add romashka "Иван Иванов" --role CMO --primary &&
	on 2025-09-15 acct client add "Acme Robotics" --slug acme --since 2025-09-15 \
		--manager "Boris Ivanov <boris@agency.example>" -q &&
	printf "%s\n" "Discussed the media plan and bids." "" "## Decisions" \
		"- Raise search bids by 15%" "" "## Actions" \
		"- [ ] Send the media plan @anna due:2026-11-25" \
		"- [x] Approve the creatives @client" \
		"- [ ] Confirm the Q1 budget @client due:2026-11-30" >"$T/n1" &&
	acct log romashka "Q4 budget call" -F "$T/n1" --channel call \
		--date 2026-11-17T11:00 -q &&
	acct log romashka "Sent the creatives" --channel email \
		--date 2026-11-19T15:30 -q &&
	acct log romashka "Asked about the report" --channel chat --direction in \
		--date 2026-11-05T10:00 -q &&
	acct log romashka "October report" --channel email --kind report \
		--date 2026-10-30T17:00 -q &&
	acct log romashka "Internal note" --kind note --date 2026-11-18T09:00 -q &&
	acct nps romashka 10 --respondent "Иван Иванов" --csat 5 --date 2026-10-15 -q &&
	acct nps romashka 9 --respondent "Olga" --csat 4 --date 2026-11-16 -q &&
	acct nps romashka 4 --respondent "Petr" --comment "Reports come late" \
		--csat 2 --date 2026-11-20 -q &&
	acct nps romashka 8 --date 2026-08-10 -q &&
	acct nps acme 6 --respondent "John" --date 2026-11-02 -q &&
	printf "%s\n" "- Rival One" "- Rival Two" >"$T/comp" &&
	acct brief romashka --section competitors -F "$T/comp" &&
	printf "%s\n" "- CPC <= 30 RUB" >"$T/kpi" &&
	acct brief romashka --section kpi -F "$T/kpi" &&
	printf "%s\n" "- Launch the Q1 campaign by 2027-01-15" >"$T/dl" &&
	acct brief romashka --section deadlines -F "$T/dl" &&
	git -C "$B" status --porcelain >"$T/st" && test_must_be_empty "$T/st"
'

for locale in en ru
do
	for case in "romashka 2026-W47 weekly" "romashka 2026-11 monthly" \
		"romashka 2026-Q4 quarterly" "--all 2026-Q4 portfolio"
	do
		set -- $case
		test_expect_success "$3 ($locale): Markdown and JSON as expected" '
			acct report '"$1"' --period '"$2"' --locale '"$locale"' \
				>"$T/out.md" &&
			test_cmp "$EXPECT/'"$3.$locale"'.md" "$T/out.md" &&
			acct report '"$1"' --period '"$2"' --locale '"$locale"' \
				--format json >"$T/out.json" &&
			test_cmp "$EXPECT/'"$3.$locale"'.json" "$T/out.json"
		'
	done
done

# An e-mail logged without --kind was a "postmeet"; it is a message, a
# contact counted and listed like any other, unlike the internal note.
test_expect_success 'an email or chat entry is a message: listed and counted; a note is not' '
	acct report romashka --period 2026-11 --format json >"$T/j" &&
	python3 - "$T/j" <<-\PY
	import json, sys
	d = json.load(open(sys.argv[1], encoding="utf-8"))
	kinds = {e["summary"]: e["kind"] for e in d["entries"]}
	assert kinds == {"Asked about the report": "message",
	                 "Q4 budget call": "postmeet",
	                 "Sent the creatives": "message"}, kinds
	c = d["contacts"]
	assert (c["total"], c["outgoing"], c["incoming"]) == (3, 2, 1), c
	by = {x["channel"]: x["count"] for x in c["channels"]}
	assert (by["email"], by["chat"], by["call"]) == (1, 1, 1), by
	PY
'

test_expect_success 'dates, weeks and amounts in the reader'"'"'s language' '
	nbsp=$(printf "\302\240") &&
	acct report romashka --period 2026-W47 --locale ru >"$T/w.ru" &&
	grep -F "Период: неделя 47 (16–22 ноября 2026)." "$T/w.ru" &&
	grep -F -- "- 17 ноября 2026, звонок: Q4 budget call" "$T/w.ru" &&
	acct report romashka --period 2026-W47 --locale en >"$T/w.en" &&
	grep -F "Period: week 47 (16–22 Nov 2026)." "$T/w.en" &&
	grep -F "due 25 Nov 2026" "$T/w.en" &&
	acct report romashka --period 2026-Q4 --locale ru >"$T/q.ru" &&
	grep -F "от 90${nbsp}000${nbsp}₽" "$T/q.ru" &&
	grep -F "всего 81${nbsp}900${nbsp}₽" "$T/q.ru" &&
	grep -F "CSAT 3,67" "$T/q.ru" &&
	acct report romashka --period 2026-Q4 --locale en >"$T/q.en" &&
	grep -F "of RUB${nbsp}90,000 per month" "$T/q.en" &&
	grep -F "CSAT 3.67" "$T/q.en" &&
	! grep -E "20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]" "$T/w.ru" "$T/w.en" &&
	acct report romashka --period 2026-Q4 --locale ru --format json >"$T/q.json" &&
	python3 - "$T/q.json" <<-\PY
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["today"] == "2026-11-23" and d["today_text"] == "23 ноября 2026"
	assert d["period"]["since"] == "2026-10-01", d["period"]
	assert d["period"]["text"] == "IV квартал 2026", d["period"]
	p = d["nps"]["payout"]
	assert p["amount"] == 90000 and p["total"] == 81900, p
	assert p["total_text"] == "81\u00a0900\u00a0\u20bd", p
	assert d["nps"]["csat"] == 3.67 and d["nps"]["csat_text"] == "3,67"
	assert d["entries"][0]["day"] == "2026-10-30", d["entries"][0]
	PY
'

test_expect_success 'a KPI on the card and in the brief is one row' '
	printf "%s\n" "- CPC <= 30 RUB" "- CPI ≤ 80 rub." "- cpi <= 80 RUB" \
		>"$T/kpi2" &&
	acct brief romashka --section kpi -F "$T/kpi2" &&
	acct report romashka --period 2026-Q4 --locale en >"$T/q" &&
	nbsp=$(printf "\302\240") &&
	sed -n "/^Targets and actuals$/,/^\`\`\`$/p" "$T/q" |
		sed "s/$nbsp/ /g" >"$T/actual" &&
	cat >"$T/expect" <<-\EOF &&
	Targets and actuals
	KPI            Target  Q4 2026  Q3 2026  Status
	-------------  ------  -------  -------  -------
	CPI <= 80 RUB  RUB 80        -        -  no data
	CPC <= 30 RUB  RUB 30        -        -  no data
	```
	EOF
	test_cmp "$T/expect" "$T/actual" &&
	acct report romashka --period 2026-Q4 --format json >"$T/q.json" &&
	python3 - "$T/q.json" <<-\PY &&
	import json, sys
	k = json.load(open(sys.argv[1]))["kpi"]
	assert [x["text"] for x in k] == ["CPI <= 80 RUB", "CPC <= 30 RUB"], k
	assert k[0]["sources"] == ["card", "brief"] and k[0]["source"] == "card", k
	assert k[1]["sources"] == ["brief"], k
	r = json.load(open(sys.argv[1]))["results"]["kpis"]
	assert [x["found_in"] for x in r] == [["card", "brief"], ["brief"]], r
	PY
	acct brief romashka --section kpi -F "$T/kpi"
'

test_expect_success 'a client'"'"'s report names none of the agency'"'"'s people nor respondents' '
	for locale in en ru
	do
		for p in 2026-W47 2026-11 2026-Q4
		do
			for f in md html man latex json
			do
				acct report romashka --period $p --locale $locale \
					--format $f >"$T/r.$f" &&
				! grep -e "@anna" -e "Reports come late" \
					-e "\"owner\": \"anna\"" \
					-e "\"by\": \"Anna" "$T/r.$f" &&
				! grep -w -e "Olga" -e "Petr" "$T/r.$f" || return 1
			done
		done
	done &&
	acct report romashka --period 2026-11 --locale en >"$T/m" &&
	grep -F "NPS for the month: 0 (answers: 2; promoters 1, passives 0, detractors 1); CSAT 3.00." "$T/m" &&
	grep -F -- "- Confirm the Q1 budget (your side), due 30 Nov 2026" "$T/m" &&
	acct report romashka --period 2026-11 --format json >"$T/m.json" &&
	python3 - "$T/m.json" <<-\PY &&
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["show_names"] is False
	assert d["nps"]["answers"] == [] and d["nps"]["responses"] == 2, d["nps"]
	assert d["nps"]["detractors"] == 1 and d["nps"]["nps"] == 0
	PY
	acct report --all --period 2026-Q4 >"$T/p" &&
	grep -F "Petr scored 4: Reports come late" "$T/p"
'

test_expect_success 'reports.show_names: true names them again' '
	cp "$B/.acct/config.yaml" "$T/config.yaml" &&
	sed "s/^  show_names: false/  show_names: true/" "$T/config.yaml" \
		>"$B/.acct/config.yaml" &&
	grep "^  show_names: true" "$B/.acct/config.yaml" &&
	git -C "$B" commit -q -m "show names" .acct/config.yaml &&
	acct report romashka --period 2026-11 --locale en >"$T/m" &&
	grep -F -- "- Send the media plan (\\@anna), due 25 Nov 2026" "$T/m" &&
	acct report romashka --period 2026-11 --locale en --format html >"$T/m.html" &&
	grep -F "<li>Send the media plan (@anna), due 25 Nov 2026</li>" "$T/m.html" &&
	grep -F -- "- 20 Nov 2026: Petr, NPS 4, CSAT 2: Reports come late" "$T/m" &&
	acct report romashka --period 2026-11 --format json >"$T/m.json" &&
	grep -F "\"show_names\": true" "$T/m.json" &&
	grep -F "\"owner\": \"anna\"" "$T/m.json" &&
	cp "$T/config.yaml" "$B/.acct/config.yaml" &&
	git -C "$B" commit -q -m "names hidden" .acct/config.yaml
'

test_expect_success 'the portfolio names each thing due, counts them, says due today' '
	printf "%s\n" "## Actions" "- [ ] Task one @boris due:2026-11-10" \
		"- [ ] Task two due:2026-11-12" "- [ ] Task three due:2026-11-20" \
		"- [ ] Call back due:2026-11-23" >"$T/a1" &&
	acct log acme "Planning call" --channel call --date 2026-11-01T10:00 \
		-F "$T/a1" -q &&
	acct report --all --period 2026-Q4 --format json >"$T/p.json" &&
	acct report --all --period 2026-Q4 --format json --locale ru >"$T/p.ru.json" &&
	python3 - "$T/p.json" "$T/p.ru.json" <<-\PY &&
	import json, sys
	en, ru = (json.load(open(f)) for f in sys.argv[1:])
	cell = lambda d: d["tables"]["clients"]["rows"][0][3]
	assert cell(en) == "detractor, at risk, 3 overdue actions, write first, call, report, quarterly review, action due today, brief", cell(en)
	assert cell(ru) == "критик без ответа, под угрозой, 3 просроченные задачи, написать первым, созвон, отчёт, квартальный обзор, задача на сегодня, бриф", cell(ru)
	assert en["clients"][0]["health"] == 8 and en["tables"]["clients"]["rows"][0][5] == 8, en["clients"][0]
	due = {(x["what"], x["detail"]): x["overdue_text"] for x in en["clients"][0]["due"]}
	assert due[("overdue action", "Task one @boris")] == "13 days overdue", due
	assert due[("action due today", "Call back")] == "due today", due
	assert due[("brief", "no brief yet")] is None, due
	due = {(x["what"], x["detail"]): x["overdue_text"] for x in ru["clients"][0]["due"]}
	assert due[("просроченная задача", "Task one @boris")] == "просрочено на 13 дней", due
	assert due[("просроченная задача", "Task three")] == "просрочено на 3 дня", due
	assert due[("задача на сегодня", "Call back")] == "срок сегодня", due
	assert due[("критик без ответа", "John, оценка 6")] == "просрочено на 21 день", due
	r = ru["clients"][1]["due"][-1]
	assert r["what"] == "бриф" and r["detail"].startswith("пустые разделы: Бренд и позиционирование, Категория"), r
	PY
	acct report --all --period 2026-Q4 --locale ru >"$T/p.ru" &&
	grep -F -- "- просроченная задача: Task two (просрочено на 11 дней)" "$T/p.ru" &&
	grep -F -- "- задача на сегодня: Call back (срок сегодня)" "$T/p.ru" &&
	! grep -F "просрочено на 0" "$T/p.ru" &&
	acct report --all --period 2026-Q4 --locale en >"$T/p.en" &&
	grep -F -- "- action due today: Call back (due today)" "$T/p.en" &&
	! grep -F "0 days overdue" "$T/p.en" &&
	printf "%s\n" "## Actions" "- [ ] Task four due:2026-11-01" \
		"- [ ] Task five due:2026-11-02" >"$T/a2" &&
	acct log acme "Follow-up" --channel email --date 2026-11-01T11:00 \
		-F "$T/a2" -q &&
	acct report --all --period 2026-Q4 --format json --locale ru >"$T/p.ru.json" &&
	grep -F "критик без ответа, под угрозой, 5 просроченных задач, написать первым" "$T/p.ru.json"
'

test_expect_success 'portfolio tables: dates on one line in HTML, 80 columns as text' '
	acct report --all --period 2026-Q4 --format html >"$T/p.html" &&
	grep -F "<td class=\"date\">19 Nov 2026</td>" "$T/p.html" &&
	grep -F "td.date,td.num{white-space:nowrap}" "$T/p.html" &&
	for locale in en ru
	do
		acct report --all --period 2026-Q4 --locale $locale >"$T/p.md" &&
		sed -n "/^\`\`\`$/,/^\`\`\`$/p" "$T/p.md" >"$T/blocks" &&
		test $(wc -L <"$T/blocks") -le 80 || return 1
	done
'

test_expect_success GROFF 'man: the portfolio'"'"'s tables fit 80 columns' '
	for locale in en ru
	do
		acct report --all --period 2026-Q4 --locale $locale --format man >"$T/p.7" &&
		groff -ww -man -Tutf8 -P-cbou "$T/p.7" >"$T/p.txt" 2>"$T/groff.err" &&
		test_must_be_empty "$T/groff.err" &&
		grep -F "Boris Ivanov" "$T/p.txt" &&
		test $(wc -L <"$T/p.txt") -le 80 || return 1
	done
'

test_expect_success 'the default template follows the period' '
	acct report romashka --period 2026-W47 --locale en >"$T/a" &&
	acct report romashka --period 2026-W47 --template weekly --locale en >"$T/b" &&
	test_cmp "$T/a" "$T/b" &&
	acct report romashka --period 2026-11 --format json >"$T/j" &&
	grep -q "\"template\": \"monthly\"" "$T/j" &&
	acct report romashka --period 2026-Q4 --format json >"$T/j" &&
	grep -q "\"template\": \"quarterly\"" "$T/j" &&
	acct report romashka --since 2026-11-16 --until 2026-11-22 --format json >"$T/j" &&
	grep -q "\"template\": \"weekly\"" "$T/j" &&
	grep -q "\"label\": \"2026-11-16..2026-11-22\"" "$T/j"
'

test_expect_success 'html: one standalone page' '
	acct report romashka --period 2026-Q4 --format html >"$T/r.html" &&
	head -n 1 "$T/r.html" >"$T/first" &&
	echo "<!DOCTYPE html>" >"$T/expect" && test_cmp "$T/expect" "$T/first" &&
	grep -q "<html lang=\"en\">" "$T/r.html" &&
	grep -q "<title>ООО «Ромашка»: Q4 2026</title>" "$T/r.html" &&
	grep -q "<style>" "$T/r.html" &&
	grep -q "<svg" "$T/r.html" && grep -q "<table>" "$T/r.html" &&
	grep -q "<figcaption>NPS by quarter: Q1 2026 no data" "$T/r.html" &&
	! grep -i -e "<script" -e "src=\"http" -e "href=\"http" -e "@import" \
		-e "<link" "$T/r.html" &&
	acct report romashka --period 2026-Q4 --format html --locale ru >"$T/r.html" &&
	grep -q "<html lang=\"ru\">" "$T/r.html" &&
	grep -q "<title>ООО «Ромашка»: IV квартал 2026</title>" "$T/r.html" &&
	grep -q "<figcaption>NPS по кварталам: I кв. 2026 нет данных" "$T/r.html"
'

test_expect_success GROFF 'man: a .TH page groff reads without a warning' '
	for p in "romashka --period 2026-W47" "romashka --period 2026-Q4 --locale ru" \
		"--all --period 2026-Q4"
	do
		acct report $p --format man >"$T/r.7" &&
		head -c 4 "$T/r.7" >"$T/first" && printf ".TH " >"$T/expect" &&
		test_cmp "$T/expect" "$T/first" &&
		LC_ALL=C tr -d "\011\012\040-\176" <"$T/r.7" >"$T/nonascii" &&
		test_must_be_empty "$T/nonascii" &&
		groff -ww -z -Tutf8 -man "$T/r.7" 2>"$T/groff.err" &&
		test_must_be_empty "$T/groff.err" || return 1
	done
'

# A long .TH title garbled man's header line: it is the client's name or
# "Portfolio", and the whole title stays in the page's heading.
test_expect_success 'man: the .TH title is short, the heading says it all' '
	acct report acme --period 2026-W47 --format man >"$T/r.7" &&
	head -n 1 "$T/r.7" >"$T/first" &&
	echo ".TH \"Acme Robotics\" 7 \"2026-11-23\" \"acct\" \"Reports\"" >"$T/expect" &&
	test_cmp "$T/expect" "$T/first" &&
	sed -n 2,3p "$T/r.7" >"$T/heading" &&
	printf "%s\n" .SH "Weekly summary: Acme Robotics" >"$T/expect" &&
	test_cmp "$T/expect" "$T/heading" &&
	acct report --all --period 2026-Q4 --format man >"$T/r.7" &&
	head -n 1 "$T/r.7" >"$T/first" &&
	echo ".TH \"Portfolio\" 7 \"2026-11-23\" \"acct\" \"Reports\"" >"$T/expect" &&
	test_cmp "$T/expect" "$T/first" &&
	acct report --all --period 2026-Q4 --format man --locale ru >"$T/r.7" &&
	head -n 1 "$T/r.7" >"$T/first" &&
	test_grep "^\.TH \"\\\\\[u041F\][^ ]*\" 7 " "$T/first"
'

test_expect_success 'latex: a whole document' '
	acct report romashka --period 2026-Q4 --format latex --locale ru >"$T/r.tex" &&
	head -n 1 "$T/r.tex" >"$T/first" &&
	printf "%s\n" "\\documentclass[a4paper,11pt]{article}" >"$T/expect" &&
	test_cmp "$T/expect" "$T/first" &&
	grep -q "T2A" "$T/r.tex" && grep -q "\\\\begin{document}" "$T/r.tex" &&
	tail -n 1 "$T/r.tex" >"$T/last" &&
	printf "%s\n" "\\end{document}" >"$T/expect" &&
	test_cmp "$T/expect" "$T/last" &&
	grep -q "Квартальный обзор" "$T/r.tex"
'

test_expect_success 'latex: Cyrillic and signs in any locale, tables as longtables' '
	acct client add "Сигма" --slug sigma --since 2026-01-01 -q &&
	acct client set sigma goals.kpi --add "CPL ≤ 900 ₽" &&
	acct client set sigma goals.kpi --add "Leads ≥ 200 → Q1" &&
	acct client set sigma fee.amount 120000 &&
	acct client set sigma fee.currency RUB &&
	acct client set sigma fee.floating 20 &&
	printf "%s\n" "Обсудили план ≤ ≥ → ₽ € £ \$ ½ ™ 😀 Ѣ" "" "## Decisions" \
		"- Бюджет ≥ 150 000 ₽ → Q1, CPC ≤ 30 ₽ (Þór, Łódź, Ærø)" "" \
		"## Actions" "- [ ] Прислать медиаплан ≤ 25.11 @anna due:2026-11-30" \
		"- [ ] Utvärdera ~ {x} \\\\ 100% #1 @client due:2026-11-20" >"$T/s1" &&
	acct log sigma "Звонок: бюджет ≤ 150 000 ₽" -F "$T/s1" --channel call \
		--date 2026-11-18T10:00 -q &&
	acct nps sigma 5 --respondent "Ольга" --comment "Отчёты → поздно ≤ ₽" \
		--date 2026-11-19 -q &&
	printf "%s\n" "- Конкурент «Альфа» ≤ 10 000 ₽" "- Rival → Þe ≥ 2" >"$T/s2" &&
	acct brief sigma --section competitors -F "$T/s2" &&
	acct report sigma --period 2026-Q4 --format latex --locale en >"$T/s.tex" &&
	grep -F "\\usepackage[T2A,T1]{fontenc}" "$T/s.tex" &&
	grep -F "\\usepackage[russian,english]{babel}" "$T/s.tex" &&
	grep -F "\\acctcyr{" "$T/s.tex" &&
	grep -F "\\acctmath{\\leq}{<=}" "$T/s.tex" &&
	grep -F "\\begin{longtable}" "$T/s.tex" &&
	! grep -F "verbatim" "$T/s.tex" &&
	acct report sigma --period 2026-W47 --format latex --locale ru >"$T/s.tex" &&
	grep -F "руб." "$T/s.tex" &&
	! grep -F "?" "$T/s.tex" &&
	acct report acme --period 2026-Q4 --format latex --locale en >"$T/a.tex" &&
	grep -F "\\usepackage[T1]{fontenc}" "$T/a.tex" &&
	! grep -F "T2A" "$T/a.tex"
'

test_expect_success PDFLATEX 'latex: pdflatex compiles every built-in report in both locales' '
	mkdir -p "$T/tex" &&
	for locale in en ru
	do
		for p in "sigma --period 2026-W47" "sigma --period 2026-11" \
			"sigma --period 2026-Q4" "romashka --period 2026-Q4" \
			"acme --period 2026-Q4" "--all --period 2026-Q4"
		do
			acct report $p --locale $locale --format latex >"$T/tex/r.tex" &&
			rm -f "$T/tex/r.pdf" &&
			(cd "$T/tex" &&
			 pdflatex -interaction=nonstopmode -halt-on-error r.tex >out) &&
			test -s "$T/tex/r.pdf" &&
			! grep -e "^!" -e "Missing character" "$T/tex/r.log" || {
				echo "failed: $p --locale $locale" &&
				grep -A3 -e "^!" -e "Missing character" "$T/tex/r.log"
				return 1
			}
		done
	done
'

test_expect_success 'a weekly report does not open the whole log' '
	mkdir -p "$B/clients/romashka/log/2025" &&
	printf "not front matter\n" >"$B/clients/romashka/log/2025/2025-01-10T1000-broken.md" &&
	acct report romashka --period 2026-W47 >"$T/w" &&
	test_must_fail acct report romashka --period 2025 >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	grep "2025-01-10T1000-broken.md" "$T/err" &&
	rm -r "$B/clients/romashka/log/2025"
'

test_expect_success '--save writes the report once and commits it' '
	remember &&
	acct report romashka --period 2026-W47 --save >"$T/out" &&
	echo clients/romashka/reports/2026-W47-weekly.md >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	one_commit "report romashka: 2026-W47 weekly (md)" \
		clients/romashka/reports/2026-W47-weekly.md &&
	acct report romashka --period 2026-W47 >"$T/w" &&
	test_cmp "$T/w" "$B/clients/romashka/reports/2026-W47-weekly.md" &&
	remember &&
	acct report romashka --period 2026-W47 --save >"$T/out" &&
	test_cmp "$T/expect" "$T/out" &&
	no_commit &&
	acct report romashka --period 2026-Q4 --format html --save >"$T/out" &&
	echo clients/romashka/reports/2026-Q4-quarterly.html >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	acct report --all --period 2026-Q4 --save >"$T/out" &&
	echo reports/2026-Q4-portfolio.md >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" && is_clean
'

# Saving the Russian report overwrote the English one of the same period.
test_expect_success '--save in another locale: a file of its own, the first kept' '
	cp "$B/clients/romashka/reports/2026-W47-weekly.md" "$T/en.md" &&
	remember &&
	acct report romashka --period 2026-W47 --locale ru --save >"$T/out" &&
	echo clients/romashka/reports/2026-W47-weekly.ru.md >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	one_commit "report romashka: 2026-W47 weekly (ru, md)" \
		clients/romashka/reports/2026-W47-weekly.ru.md &&
	test_cmp "$T/en.md" "$B/clients/romashka/reports/2026-W47-weekly.md" &&
	acct report romashka --period 2026-W47 --locale ru >"$T/ru.md" &&
	test_cmp "$T/ru.md" "$B/clients/romashka/reports/2026-W47-weekly.ru.md" &&
	! test_cmp "$T/en.md" "$T/ru.md" >/dev/null &&
	remember &&
	acct report romashka --period 2026-W47 --locale en --save >"$T/out" &&
	echo clients/romashka/reports/2026-W47-weekly.md >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	no_commit &&
	acct report --all --period 2026-Q4 --locale ru --format html --save >"$T/out" &&
	echo reports/2026-Q4-portfolio.ru.html >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" && is_clean
'

test_expect_success 'a Russian book: the Russian file is the plain name, English gets .en' '
	test_when_finished "git -C \"$B\" reset -q --hard $(git -C "$B" rev-parse HEAD)" &&
	sed "s/^locale: .*/locale: ru/" "$B/.acct/config.yaml" >"$T/cfg" &&
	cp "$T/cfg" "$B/.acct/config.yaml" &&
	git -C "$B" commit -q -am "locale ru" &&
	acct report romashka --period 2026-11 --save >"$T/out" &&
	echo clients/romashka/reports/2026-11-monthly.md >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	acct report romashka --period 2026-11 --locale en --save >"$T/out" &&
	echo clients/romashka/reports/2026-11-monthly.en.md >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	test_grep "^# " "$B/clients/romashka/reports/2026-11-monthly.md" &&
	! cmp -s "$B/clients/romashka/reports/2026-11-monthly.md" \
		"$B/clients/romashka/reports/2026-11-monthly.en.md"
'

# bad_usage CODE MESSAGE ARGS...: exit CODE, MESSAGE on stderr, nothing
# on stdout, no commit.
bad () {
	code=$1 msg=$2 && shift 2 &&
	remember &&
	test_expect_code "$code" acct report "$@" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	grep -F -e "$msg" "$T/err" &&
	no_commit && is_clean
}

test_expect_success 'bad command lines exit 2' '
	bad 2 "is not a period" romashka --period 2026-W54 &&
	grep -F "2026-W47, 2026-11, 2026-Q4, 2026, last-week" "$T/err" &&
	bad 2 "is not a period" romashka --period next-week &&
	bad 2 "which period?" romashka &&
	bad 2 "not both" romashka --period 2026-11 --since 2026-11-01 &&
	bad 2 "is after --until" romashka --since 2026-11-30 --until 2026-11-01 &&
	bad 2 "--format must be" romashka --period 2026-11 --format pdf &&
	bad 2 "--locale must be" romashka --period 2026-11 --locale de &&
	bad 2 "unknown template" romashka --period 2026-11 --template ../x &&
	bad 2 "unknown template" romashka --period 2026-11 --template /etc/passwd &&
	bad 2 "unknown template" romashka --period 2026-11 --template .hidden &&
	bad 2 "unknown template" romashka --period 2026-11 --template nosuch &&
	bad 2 "no such client" nosuch --period 2026-11 &&
	bad 2 "--all takes no" --all romashka --period 2026-11
'

test_expect_success 'the book'"'"'s own template, and a broken one' '
	mkdir -p "$B/templates" &&
	printf "# {{client.name}} in {{period.label}}\n{{> part}}\n" \
		>"$B/templates/mine.md" &&
	printf "{{#entries}}\n- {{summary}}\n{{/entries}}\n" \
		>"$B/templates/part.md" &&
	git -C "$B" add templates && git -C "$B" commit -q -m templates &&
	acct report romashka --period 2026-W47 --template mine >"$T/out" &&
	cat >"$T/expect" <<-\EOF &&
	# ООО «Ромашка» in 2026-W47
	- Q4 budget call
	- Sent the creatives
	EOF
	test_cmp "$T/expect" "$T/out" &&
	printf "line one\n{{#entries}}\n" >"$B/templates/weekly.md" &&
	git -C "$B" add templates && git -C "$B" commit -q -m broken &&
	bad 1 "templates/weekly.md:2:1: section '"'"'entries'"'"' opened here is never closed" \
		romashka --period 2026-W47 &&
	bad 1 "templates/weekly.md:2:1" romashka --period 2026-W47 --save &&
	test_path_is_missing "$B/clients/romashka/reports/2026-W47-weekly.html"
'

test_expect_success 'a card whose aliases multiply: reports are quick and short' '
	mkdir -p "$B/clients/bomb" &&
	alias_bomb Bomb >"$B/clients/bomb/client.yaml" &&
	echo "goals: {business: *h, kpi: *h}" >>"$B/clients/bomb/client.yaml" &&
	git -C "$B" add clients/bomb && git -C "$B" commit -q -m "a bomb by hand" &&
	for f in md html json
	do
		{ timeout 10 acct report bomb --period 2026-Q4 --format $f \
			>out 2>err; echo $? >code; } &&
		case $(cat code) in
		0) test $(wc -c <out) -lt 65536 ;;
		1) test_must_be_empty out &&
		   test_grep "clients/bomb/client.yaml:[0-9]*:[0-9]*: " err ;;
		*) false ;;
		esac || return 1
	done &&
	{ timeout 10 acct report --all --period 2026-Q4 >out 2>err; echo $? >code; } &&
	test "$(cat code)" -le 1 &&
	test $(wc -c <out) -lt 65536
'

test_done
