#!/bin/sh
# shellcheck disable=SC2016

test_description='acct agenda: results against the KPIs

When a month closes, "KPI missed" for each measurable KPI (of the card or
the brief) that last month missed, and at a quarter'"'"'s end for each the
quarter missed, until an entry reports on it (a report for the month, a
review for the quarter); "metrics missing" when a client with a
measurable KPI has no numbers for last month by the first report day of
the month (report_day, Friday by default), since the monthly report needs
them. Only active clients. Today is Monday 2026-11-23 (ACCT_NOW).'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

command -v python3 >/dev/null 2>&1 && test_set_prereq PYTHON

# agenda_lines KIND [ARGS...]: the agenda's lines of KIND, spaces
# squeezed, into $T/lines.
agenda_lines () {
	kind_a_=$1 &&
	shift &&
	acct agenda --all "$@" >"$T/agenda" 2>"$T/err" &&
	test_must_be_empty "$T/err" &&
	{ grep "^$kind_a_  " "$T/agenda" || :; } | tr -s " " >"$T/lines"
}

# jan ARGS...: acct on Tuesday 2027-01-05, a quarter later.
jan () {
	env ACCT_NOW=2027-01-05T09:00+00:00 acct "$@"
}

# json_get FILE EXPR: python3 prints EXPR of the JSON in FILE (as j).
json_get () {
	python3 -c "import json, sys; j = json.load(open(sys.argv[1])); print($2)" "$1"
}

test_expect_success 'setup: clients with KPIs, some with numbers for October' '
	acct init book >/dev/null &&
	acct client add Acme --since 2026-08-01 -q \
		--kpi "leads >= 100 /month" --kpi "CPL <= 900 RUB" &&
	acct metric acme leads=80 spend=60000 --period 2026-10 -q &&
	acct client add Beta --since 2026-08-01 -q --kpi "leads >= 10" &&
	acct client add Gamma --since 2026-08-01 -q --kpi "Brand awareness" &&
	acct client add Delta --since 2026-08-01 -q --kpi "leads >= 10" &&
	acct metric delta leads=20 --period 2026-10 -q &&
	acct client add Eta --since 2026-08-01 -q --status paused --kpi "leads >= 10" &&
	acct client add Zeta --since 2026-08-01 -q &&
	printf "%s\n" "- ROAS >= 4" >kpi.md &&
	acct brief zeta --section kpi -F kpi.md &&
	is_clean
'

test_expect_success 'KPI missed: each KPI last month missed, since the day it closed' '
	agenda_lines "KPI missed" &&
	echo "KPI missed acme 22 days ago leads >= 100 /month: 80 in 2026-10 (target 100) acct log acme --kind report" >expect &&
	test_cmp expect "$T/lines"
'

test_expect_success 'metrics missing: no numbers for last month by the first report day' '
	agenda_lines "metrics missing" &&
	cat >expect <<-\EOF &&
	metrics missing beta 17 days overdue no numbers for 2026-10, which the monthly report needs acct metric beta NAME=VALUE --period 2026-10
	metrics missing zeta 17 days overdue no numbers for 2026-10, which the monthly report needs acct metric zeta NAME=VALUE --period 2026-10
	EOF
	test_cmp expect "$T/lines" &&
	# The day before the first Friday of November: not yet; on it: due.
	agenda_lines "metrics missing" --date 2026-11-05 &&
	test_must_be_empty "$T/lines" &&
	agenda_lines "metrics missing" --date 2026-11-06 &&
	test_grep "^metrics missing beta due today no numbers for 2026-10" "$T/lines" &&
	# Any number for the month will do: the report shows what there is.
	acct metric beta clicks=5 --period 2026-10-15 -q &&
	agenda_lines "metrics missing" &&
	test_line_count = 1 "$T/lines" &&
	test_grep "^metrics missing zeta " "$T/lines" &&
	git -C "$B" reset -q --hard HEAD^
'

test_expect_success 'the report day is the config'"'"'s' '
	sed -i "s/^report_day: friday/report_day: monday/" "$B/.acct/config.yaml" &&
	git -C "$B" commit -q -am "report day" &&
	agenda_lines "metrics missing" --date 2026-11-01 &&
	test_must_be_empty "$T/lines" &&
	agenda_lines "metrics missing" --date 2026-11-02 &&
	test_line_count = 2 "$T/lines" &&
	git -C "$B" reset -q --hard HEAD^
'

test_expect_success 'nothing for a KPI met, one not measurable, a client not active' '
	acct agenda --all >"$T/agenda" &&
	! grep -E "^(KPI missed|metrics missing)  +(gamma|delta|eta) " "$T/agenda" &&
	# Eta would be due if it were active.
	acct client set eta status active &&
	agenda_lines "metrics missing" &&
	test_grep "^metrics missing eta " "$T/lines" &&
	git -C "$B" reset -q --hard HEAD^
'

test_expect_success 'a report logged since the month closed settles its KPI missed' '
	acct log acme "September report, late" --kind report --date 2026-10-31T10:00 -q &&
	agenda_lines "KPI missed" &&
	test_line_count = 1 "$T/lines" &&
	acct log acme "October report" --kind report --date 2026-11-01T10:00 -q &&
	agenda_lines "KPI missed" &&
	test_must_be_empty "$T/lines" &&
	git -C "$B" reset -q --hard HEAD~2
'

test_expect_success 'a month later, the month before is no longer due' '
	agenda_lines "KPI missed" --date 2026-12-01 &&
	test_must_be_empty "$T/lines"
'

test_expect_success 'at a quarter'"'"'s end, the quarter too, until a review' '
	jan metric acme leads=90 spend=45000 --period 2026-11 -q &&
	jan metric acme leads=120 spend=60000 --period 2026-12 -q &&
	jan metric delta leads=20 --period 2026-12 -q &&
	jan metric beta leads=20 --period 2026-12 -q &&
	jan metric zeta revenue=500 spend=100 --period 2026-12 -q &&
	# December met both; the quarter: 80 + 90 + 120 = 290 of 300 leads.
	agenda_lines "KPI missed" --date 2027-01-05 &&
	echo "KPI missed acme 4 days ago leads >= 100 /month: 290 in 2026-Q4 (target 300) acct log acme --channel meeting --kind review" >expect &&
	test_cmp expect "$T/lines" &&
	# A report settles the month, not the quarter ...
	jan log acme "December report" --kind report --date 2027-01-04T10:00 -q &&
	agenda_lines "KPI missed" --date 2027-01-05 &&
	test_cmp expect "$T/lines" &&
	# ... a review does.
	jan log acme "Q4 review" --channel meeting --kind review --date 2027-01-04T11:00 -q &&
	agenda_lines "KPI missed" --date 2027-01-05 &&
	test_must_be_empty "$T/lines" &&
	git -C "$B" reset -q --hard HEAD~2 &&
	# In February the quarter is no longer measured.
	agenda_lines "KPI missed" --date 2027-02-02 &&
	test_must_be_empty "$T/lines"
'

test_expect_success 'a ratio KPI missed shows its figures' '
	# Zeta: ROAS 500 / 100 = 5 in December; 2 in January.
	jan metric zeta revenue=200 spend=100 --period 2027-01-04 -q &&
	agenda_lines "KPI missed" --date 2027-02-01 &&
	echo "KPI missed zeta today ROAS >= 4: 2 in 2027-01 (target 4) acct log zeta --kind report" >expect &&
	test_cmp expect "$T/lines" &&
	git -C "$B" reset -q --hard HEAD~5
'

test_expect_success PYTHON 'agenda --json: kinds kpi and metrics, the period in ref' '
	acct agenda --all --json >a.json &&
	json_get a.json "[(i[\"kind\"], i[\"what\"], i[\"client\"], i[\"due\"], i[\"overdue\"], i[\"ref\"], i[\"detail\"]) for i in j[\"items\"] if i[\"kind\"] in (\"kpi\", \"metrics\")]" >actual &&
	cat >expect <<-\EOF &&
	[('"'"'metrics'"'"', '"'"'metrics missing'"'"', '"'"'beta'"'"', '"'"'2026-11-06'"'"', 17, '"'"'2026-10'"'"', '"'"'no numbers for 2026-10, which the monthly report needs'"'"'), ('"'"'metrics'"'"', '"'"'metrics missing'"'"', '"'"'zeta'"'"', '"'"'2026-11-06'"'"', 17, '"'"'2026-10'"'"', '"'"'no numbers for 2026-10, which the monthly report needs'"'"'), ('"'"'kpi'"'"', '"'"'KPI missed'"'"', '"'"'acme'"'"', '"'"'2026-11-01'"'"', 22, '"'"'2026-10'"'"', '"'"'leads >= 100 /month: 80 in 2026-10 (target 100)'"'"')]
	EOF
	test_cmp expect actual
'

test_expect_success 'the order of urgency: at risk, the numbers, a KPI missed, the brief' '
	acct agenda --all >"$T/agenda" &&
	sed "s/  .*//" "$T/agenda" | uniq >actual &&
	printf "%s\n" "at risk" "metrics missing" "KPI missed" "brief" >expect &&
	test_cmp expect actual &&
	# A quarter later calls and the weekly summary are due too: the
	# numbers come after the calls and before the report, a KPI missed
	# after the report.
	jan metric acme leads=10 --period 2026-12 -q &&
	acct agenda --all --date 2027-01-05 >"$T/agenda" &&
	sed "s/  .*//" "$T/agenda" | uniq |
		grep -E "^(call|metrics missing|weekly summary|KPI missed)$" >actual &&
	printf "%s\n" "call" "metrics missing" "weekly summary" "KPI missed" >expect &&
	test_cmp expect actual &&
	git -C "$B" reset -q --hard HEAD^
'

test_expect_success 'in both languages: the portfolio says them in Russian' '
	acct report --all --period 2026-11 --locale ru >p.ru &&
	test_grep -F -- "- KPI не выполнен: leads \\>= 100 /month: 80 за 2026-10 (цель 100) (просрочено на 22 дня)" p.ru &&
	test_grep -F -- "- нет цифр: за 2026-10, а они нужны для ежемесячного отчёта (просрочено на 17 дней)" p.ru &&
	acct report --all --period 2026-11 --locale en >p.en &&
	test_grep -F -- "- KPI missed: leads \\>= 100 /month: 80 in 2026-10 (target 100) (22 days overdue)" p.en &&
	test_grep -F -- "- metrics missing: no numbers for 2026-10, which the monthly report needs (17 days overdue)" p.en
'

test_expect_success 'a metric file that cannot be read is named; the rest is shown; exit 1' '
	mkdir -p "$B/clients/beta/metrics/2026" &&
	printf "period: 2026-10\nsource: manual\nvalues:\n  leads: -3\n" \
		>"$B/clients/beta/metrics/2026/2026-10-manual.yaml" &&
	test_expect_code 1 acct agenda --all >"$T/agenda" 2>err &&
	test_grep "^acct: clients/beta/metrics/2026/2026-10-manual.yaml:4:10: " err &&
	test_grep "^KPI missed  *acme " "$T/agenda" &&
	rm -r "$B/clients/beta/metrics" &&
	is_clean
'

test_done
