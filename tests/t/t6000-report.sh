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
command -v pdflatex >/dev/null 2>&1 && test_set_prereq PDFLATEX
test_have_prereq PDFLATEX ||
	echo "# skipped: the LaTeX compile test (pdflatex is not installed)"

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
	grep -q "<title>ООО «Ромашка»: 2026-Q4</title>" "$T/r.html" &&
	grep -q "<style>" "$T/r.html" &&
	grep -q "<svg" "$T/r.html" && grep -q "<table>" "$T/r.html" &&
	grep -q "<figcaption>NPS by quarter: 2026-Q1 no data" "$T/r.html" &&
	! grep -i -e "<script" -e "src=\"http" -e "href=\"http" -e "@import" \
		-e "<link" "$T/r.html" &&
	acct report romashka --period 2026-Q4 --format html --locale ru >"$T/r.html" &&
	grep -q "<html lang=\"ru\">" "$T/r.html" &&
	grep -q "<figcaption>NPS по кварталам" "$T/r.html"
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

test_expect_success PDFLATEX 'latex: pdflatex compiles it, Cyrillic included' '
	mkdir -p "$T/tex" &&
	acct report romashka --period 2026-Q4 --format latex --locale ru >"$T/tex/r.tex" &&
	(cd "$T/tex" && pdflatex -interaction=nonstopmode -halt-on-error r.tex >log) &&
	test -s "$T/tex/r.pdf"
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

test_done
