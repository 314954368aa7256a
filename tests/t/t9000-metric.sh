#!/bin/sh
# shellcheck disable=SC2016

test_description='acct metric: recording numbers, KPIs against them

acct metric CLIENT NAME=VALUE... records into
clients/<slug>/metrics/<YYYY>/<period>-<source>.yaml in one commit,
merging into a file that is there; every bad argument is exit 2 naming
it, with nothing written. acct metric [CLIENT] [--period P] [--json]
sums each source (its file for the period, else its days; a quarter
month by month), lets manual override what it names, derives the ratios
(no data on a division by zero) and measures the KPIs of card and
brief. A bad metric file is named file:line:col (exit 1).'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

command -v python3 >/dev/null 2>&1 && test_set_prereq PYTHON

M=clients/acme/metrics

# hand_commit PATH: stdin into PATH of the book, committed by hand.
hand_commit () {
	mkdir -p "$(dirname "$B/$1")" &&
	cat >"$B/$1" &&
	git -C "$B" add "$1" &&
	git -C "$B" commit -q -m "by hand: $1"
}

# json_get FILE EXPR: python3 prints EXPR of the JSON in FILE (as j).
json_get () {
	python3 -c "import json, sys; j = json.load(open(sys.argv[1])); print($2)" "$1"
}

test_expect_success 'setup: a book, clients with KPIs on the card and in the brief' '
	acct init book >/dev/null &&
	acct client add Acme -q --kpi "CPL <= 900 RUB" --kpi "leads >= 200 /month" \
		--kpi "Brand awareness" &&
	acct client add Beta -q &&
	acct client add Gamma -q --status paused --kpi "leads >= 1" &&
	printf -- "- cpl ≤ 900 rub.\n- CTR >= 1.5%%\n" >kpi.md &&
	acct brief acme --section kpi -F kpi.md &&
	is_clean
'

# --- recording ----------------------------------------------------------------

test_expect_success 'record: one file for this month, one commit, its path' '
	remember &&
	acct metric acme spend=148200.50 leads=100 >out 2>err &&
	echo $M/2026/2026-11-manual.yaml >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	one_commit "metric acme: 2026-11 manual: spend=148200.50, leads=100" \
		$M/2026/2026-11-manual.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-11
	source: manual
	values:
	  spend: 148200.50
	  leads: 100
	EOF
	test_cmp expect "$B/$M/2026/2026-11-manual.yaml"
'

test_expect_success 'record: Russian names, decimal commas, space thousands' '
	remember &&
	acct metric acme "выручка=1 200,50" "Звонки=1 000" "заявки=12,5" \
		"impressions=1$(printf "\302\240")500" \
		--period 2026-10-05 --source metrica --currency rub >out &&
	echo $M/2026/2026-10-05-metrica.yaml >expect &&
	test_cmp expect out &&
	one_commit "metric acme: 2026-10-05 metrica: revenue=1200.50, calls=1000, leads=12.5..." \
		$M/2026/2026-10-05-metrica.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-10-05
	source: metrica
	currency: RUB
	values:
	  impressions: 1500
	  leads: 12.5
	  revenue: 1200.50
	  calls: 1000
	EOF
	test_cmp expect "$B/$M/2026/2026-10-05-metrica.yaml"
'

test_expect_success 'record into a file that is there: the named metrics change, others and comments stay' '
	hand_commit $M/2026/2026-W45-google-ads.yaml <<-\EOF &&
	# typed from the weekly screenshot
	period: 2026-W45
	source: google-ads
	values:
	  clicks: 10   # low week
	  spend: 99.5
	EOF
	remember &&
	acct metric acme clicks=12 leads=3 --period 2026-W45 --source google-ads >out &&
	echo $M/2026/2026-W45-google-ads.yaml >expect &&
	test_cmp expect out &&
	one_commit "metric acme: 2026-W45 google-ads: clicks=12, leads=3" \
		$M/2026/2026-W45-google-ads.yaml &&
	cat >expect <<-\EOF &&
	# typed from the weekly screenshot
	period: 2026-W45
	source: google-ads
	values:
	  clicks: 12   # low week
	  spend: 99.5
	  leads: 3
	EOF
	test_cmp expect "$B/$M/2026/2026-W45-google-ads.yaml"
'

test_expect_success 'the same numbers again: nothing changed, no commit, exit 0' '
	remember &&
	acct metric acme clicks=12.00 spend=99.50 --period 2026-W45 \
		--source google-ads >out 2>err &&
	echo $M/2026/2026-W45-google-ads.yaml >expect &&
	test_cmp expect out &&
	test_grep "nothing changed" err &&
	no_commit &&
	is_clean
'

test_expect_success 'refused, exit 2, the argument named, nothing written' '
	refused 2 "'"'"'leads=1,2.5'"'"': both a comma and a point" \
		acct metric acme leads=1,2.5 &&
	refused 2 "'"'"'leads=abc'"'"': not a number" acct metric acme spend=1 leads=abc &&
	refused 2 "'"'"'leads=1.23456'"'"': more than 4 decimal places" \
		acct metric acme leads=1.23456 &&
	refused 2 "'"'"'leads=-5'"'"': leads must not be negative" acct metric acme leads=-5 &&
	refused 2 "'"'"'leads='"'"': not a number" acct metric acme leads= &&
	refused 2 "'"'"'Leads=5'"'"': not a metric name" acct metric acme Leads=5 &&
	refused 2 "'"'"'охват=5'"'"': not a metric name" acct metric acme охват=5 &&
	refused 2 "'"'"'my-metric=5'"'"': not a metric name" acct metric acme my-metric=5 &&
	refused 2 "'"'"'ctr=1.5'"'"': ctr is computed (clicks / impressions), never recorded" \
		acct metric acme ctr=1.5 &&
	refused 2 "'"'"'заявки=6'"'"': leads is given twice" \
		acct metric acme leads=5 заявки=6 &&
	refused 2 "'"'"'leads'"'"': expected <name>=<value>" acct metric acme leads &&
	refused 2 "'"'"'=5'"'"': no metric name" acct metric acme =5 &&
	refused 2 "'"'"'leads=5'"'"': expected <client> before" acct metric leads=5 &&
	refused 2 "no such client '"'"'zz'"'"'" acct metric zz leads=5 &&
	refused 2 "--period: '"'"'2026-13'"'"' is not a period" \
		acct metric acme leads=5 --period 2026-13 &&
	refused 2 "--period: 2026-02-30 is not a date" \
		acct metric acme leads=5 --period 2026-02-30 &&
	refused 2 "--period: numbers are recorded for a day, a week or a month, not a quarter (2026-Q4)" \
		acct metric acme leads=5 --period 2026-Q4 &&
	refused 2 "--period: 2026-12 has not begun (today is 2026-11-23)" \
		acct metric acme leads=5 --period 2026-12 &&
	refused 2 "--source must be one of manual, yandex-direct" \
		acct metric acme leads=5 --source bing &&
	refused 2 "--currency must be three letters" \
		acct metric acme leads=5 --currency rubles &&
	refused 2 "the numbers here are in RUB, not USD" \
		acct metric acme leads=5 --period 2026-10-05 --source metrica --currency USD &&
	test_grep "^acct: $M/2026/2026-10-05-metrica.yaml:3:11: " "$T/err" &&
	refused 2 "--json is for showing" acct metric acme leads=5 --json &&
	refused 2 "--source, --currency and -q need" acct metric acme --source csv
'

test_expect_success 'a file changed by hand is not written over' '
	echo "# mine" >>"$B/$M/2026/2026-11-manual.yaml" &&
	test_when_finished "git -C \"$B\" checkout -- $M/2026/2026-11-manual.yaml" &&
	snapshot &&
	test_expect_code 1 acct metric acme leads=101 >out 2>err &&
	test_must_be_empty out &&
	test_grep "2026-11-manual.yaml" err &&
	unchanged
'

test_expect_success 'a broken file: record and show exit 1 naming file:line:col, stdout empty' '
	hand_commit $M/2026/2026-10-csv.yaml <<-\EOF &&
	period: 2026-10
	source: csv
	values:
	  spend: 1 200
	EOF
	test_when_finished "git -C \"$B\" reset -q --hard HEAD^" &&
	refused 1 "$M/2026/2026-10-csv.yaml:4:10: spend must be a plain number with at most 4 decimal places (12, 148200.50), not '"'"'1 200'"'"'" \
		acct metric acme spend=5 --period 2026-10 --source csv &&
	refused 1 "$M/2026/2026-10-csv.yaml:4:10: spend must be" \
		acct metric acme --period 2026-10 &&
	refused 1 "$M/2026/2026-10-csv.yaml:4:10: " acct metric acme --period 2026-Q4 --json &&
	test_grep "^hint: correct the file" "$T/err" &&
	acct metric acme --period 2026-09 >out &&
	test_grep "previous: 2026-08" out
'

test_expect_success 'a file named like no metric file is named, exit 1' '
	hand_commit $M/2026/2026-11-bing.yaml </dev/null &&
	test_when_finished "git -C \"$B\" reset -q --hard HEAD^" &&
	refused 1 "$M/2026/2026-11-bing.yaml: not the name of a metric file of 2026" \
		acct metric acme --period 2026-11
'

# --- showing --------------------------------------------------------------------

test_expect_success 'setup: October in days of two imports, a manual fix, September' '
	for d in 01 02 03
	do
		acct metric beta spend=100 clicks=10 impressions=1000 \
			--period 2026-10-$d --source yandex-direct -q >/dev/null || return 1
	done &&
	acct metric beta spend=148200.50 --period 2026-10-20 --source google-ads >/dev/null &&
	acct metric beta spend=0.10 --period 2026-10-21 --source google-ads >/dev/null &&
	acct metric beta leads=4 clicks=5 --period 2026-10 --source csv >/dev/null &&
	acct metric beta leads=7 --period 2026-10 >/dev/null &&
	acct metric beta leads=5 spend=1000 --period 2026-09 >/dev/null
'

test_expect_success 'exact sums: 148200.50 + 0.10 is 148200.60, in text and in JSON' '
	test_expect_code 2 acct metric beta --period 2026-10-20..2026-10-21 2>err &&
	acct metric beta --period 2026-10 >out &&
	test_grep "^    spend: *148500.60$" out &&
	acct metric beta --period 2026-10 --json >out.json &&
	test_grep "\"spend\": 148500.60,$" out.json &&
	acct metric beta --period 2026-10-20 --json >day.json &&
	test_grep "\"spend\": 148200.50,$" day.json &&
	git -C "$B" rm -q "clients/beta/metrics/2026/2026-10-0[123]-yandex-direct.yaml" &&
	git -C "$B" commit -q -m "no yandex" &&
	test_when_finished "git -C \"$B\" reset -q --hard HEAD^" &&
	acct metric beta --period 2026-10 --json >out.json &&
	test_grep "\"spend\": 148200.60,$" out.json &&
	acct metric beta --period 2026-10 >out &&
	test_grep "^    spend: *148200.60$" out
'

test_expect_success 'manual overrides the metrics it names; the others add up' '
	acct metric beta --period 2026-10 >out &&
	test_grep "^    leads: *7$" out &&
	test_grep "^    clicks: *35$" out &&
	test_grep "^  sources: *csv, google-ads, manual, yandex-direct$" out
'

test_expect_success PYTHON 'show --json: the fields, derived metrics, null for no data' '
	acct metric beta --period 2026-10 --json >out.json &&
	json_get out.json "j[\"format\"], j[\"period\"], j[\"since\"], j[\"until\"], j[\"previous\"], j[\"running\"]" >actual &&
	echo "1 2026-10 2026-10-01 2026-10-31 2026-09 False" >expect &&
	test_cmp expect actual &&
	json_get out.json "[c[\"client\"] for c in j[\"clients\"]]" >actual &&
	echo "[${SQ:-}'"'"'beta'"'"']" >expect &&
	test_cmp expect actual &&
	json_get out.json "sorted(j[\"clients\"][0][\"metrics\"].items())" >actual &&
	cat >expect <<-\EOF &&
	[('"'"'cac'"'"', None), ('"'"'calls'"'"', None), ('"'"'clicks'"'"', 35), ('"'"'cpc'"'"', 4242.8743), ('"'"'cpl'"'"', 21214.3714), ('"'"'cr'"'"', 0.2), ('"'"'ctr'"'"', 0.01167), ('"'"'drr'"'"', None), ('"'"'impressions'"'"', 3000), ('"'"'leads'"'"', 7), ('"'"'revenue'"'"', None), ('"'"'roas'"'"', None), ('"'"'sales'"'"', None), ('"'"'sessions'"'"', None), ('"'"'spend'"'"', 148500.6)]
	EOF
	test_cmp expect actual &&
	json_get out.json "j[\"clients\"][0][\"kpis\"], j[\"clients\"][0][\"currency\"], j[\"clients\"][0][\"sources\"]" >actual &&
	echo "[] None [${SQ:-}'"'"'csv'"'"', '"'"'google-ads'"'"', '"'"'manual'"'"', '"'"'yandex-direct'"'"']" >expect &&
	test_cmp expect actual
'

test_expect_success 'a division by zero is no data, never 0 or inf' '
	acct metric beta leads=0 --period 2026-10-01 --source csv -q >/dev/null &&
	acct metric beta --period 2026-10-01 --json >out.json &&
	test_grep "\"cpl\": null," out.json &&
	test_grep "\"cr\": 0," out.json &&
	acct metric beta --period 2026-10-01 >out &&
	test_grep ! "cpl" out &&
	test_grep ! -i "inf\|nan" out.json
'

test_expect_success 'a week: its own file; a month: its days, never the week' '
	acct metric acme clicks=1 --period 2026-11-02 --source google-ads >/dev/null &&
	acct metric acme clicks=2 --period 2026-11-09 --source google-ads >/dev/null &&
	acct metric acme --period 2026-W45 --json >w45.json &&
	test_grep "\"clicks\": 12," w45.json &&
	acct metric acme --period 2026-11 --json >nov.json &&
	test_grep "\"clicks\": 3," nov.json &&
	acct metric acme --period 2026-W46 --json >w46.json &&
	test_grep "\"clicks\": 2," w46.json
'

test_expect_success 'a quarter from its months (and a month without one from its days)' '
	acct metric gamma leads=10 spend=1000.25 --period 2026-07 >/dev/null &&
	acct metric gamma leads=20 --period 2026-08 --source vk-ads >/dev/null &&
	acct metric gamma leads=99 --period 2026-08-15 --source vk-ads >/dev/null &&
	acct metric gamma leads=1 spend=0.75 --period 2026-09-30 --source vk-ads >/dev/null &&
	acct metric gamma --period 2026-Q3 >out &&
	test_grep "^    leads: *31$" out &&
	test_grep "^    spend: *1001.00$" out &&
	acct metric gamma --period 2026-08 >out &&
	test_grep "^    leads: *20$" out
'

# The manual October (spend, leads, clicks, impressions) overrides
# metrica's leads and impressions of 2026-10-05; its revenue and calls
# stay.
test_expect_success 'show text: KPIs of card and brief once each, the unmeasurable ones apart' '
	acct metric acme spend=85050 leads=100 clicks=2000 impressions=100000 \
		--period 2026-10 -q >/dev/null &&
	acct metric acme spend=91000 leads=100 --period 2026-09 >/dev/null &&
	acct metric acme >out 2>err &&
	test_must_be_empty err &&
	cat >expect <<-\EOF &&
	period: 2026-10 (previous: 2026-09)
	acme:
	  name:           Acme
	  kpis:
	    KPI                  target   actual  previous  change  status
	    CPL <= 900 RUB       900 RUB  850.50  910.00    -59.50  met
	    leads >= 200 /month  200      100     100       0       missed
	    CTR >= 1.5%          1.5%     2.00%   -         -       met
	  not measurable:
	    Brand awareness: no comparison (<=, >=, <, >, =)
	  metrics:
	    spend:       85050 RUB
	    impressions: 100000
	    clicks:      2000
	    leads:       100
	    revenue:     1200.50 RUB
	    calls:       1000
	    ctr:         2.00%
	    cpc:         42.52 RUB
	    cpl:         850.50 RUB
	    cr:          5.00%
	    roas:        0.01
	    drr:         7084.55%
	  sources:        manual, metrica
	EOF
	test_cmp expect out
'

test_expect_success 'every line of the text fits 80 columns' '
	acct metric >out &&
	awk "length > 80" out >long &&
	test_must_be_empty long
'

test_expect_success PYTHON 'show --json: a KPI found twice is one, with where it was found' '
	acct metric acme --json >out.json &&
	json_get out.json "[(k[\"text\"], k[\"metric\"], k[\"op\"], k[\"target\"], k[\"unit\"], k[\"per\"], k[\"actual\"], k[\"previous\"], k[\"change\"], k[\"status\"], k[\"found_in\"]) for k in j[\"clients\"][0][\"kpis\"]]" >actual &&
	cat >expect <<-\EOF &&
	[('"'"'CPL <= 900 RUB'"'"', '"'"'cpl'"'"', '"'"'<='"'"', 900, '"'"'RUB'"'"', None, 850.5, 910, -59.5, '"'"'met'"'"', ['"'"'card'"'"', '"'"'brief'"'"']), ('"'"'leads >= 200 /month'"'"', '"'"'leads'"'"', '"'"'>='"'"', 200, None, '"'"'month'"'"', 100, 100, 0, '"'"'missed'"'"', ['"'"'card'"'"']), ('"'"'Brand awareness'"'"', None, None, None, None, None, None, None, None, '"'"'not measurable'"'"', ['"'"'card'"'"']), ('"'"'CTR >= 1.5%'"'"', '"'"'ctr'"'"', '"'"'>='"'"', 1.5, '"'"'%'"'"', None, 2, None, None, '"'"'met'"'"', ['"'"'brief'"'"'])]
	EOF
	test_cmp expect actual &&
	json_get out.json "j[\"clients\"][0][\"kpis\"][2][\"reason\"]" >actual &&
	echo "no comparison (<=, >=, <, >, =)" >expect &&
	test_cmp expect actual
'

test_expect_success 'the running month: on track or behind, projected by the days so far' '
	acct metric acme >/dev/null &&
	acct metric acme --period this-month >out &&
	test_grep "^period: 2026-11 (previous: 2026-10), running: day 23 of 30$" out &&
	test_grep "^    leads >= 200 /month  200  *100  *100  *0  *behind (projected 130.4348)$" out &&
	acct metric acme leads=160 -q >/dev/null &&
	acct metric acme --period this-month >out &&
	test_grep "^    leads >= 200 /month .* on track (projected 208.6957)$" out
'

test_expect_success 'which clients: active ones with numbers or measurable KPIs; one asked for always' '
	acct metric --period 2026-10 --json >out.json &&
	test_grep "\"client\": \"acme\"" out.json &&
	test_grep "\"client\": \"beta\"" out.json &&
	test_grep ! "\"client\": \"gamma\"" out.json &&
	acct client add Delta -q &&
	acct metric --period 2026-10 >out &&
	test_grep ! "^  delta:" out &&
	acct metric delta --period 2026-10 >out &&
	test_grep "^  note: *no numbers for 2026-10$" out &&
	acct metric gamma --period 2026-10 --json >out.json &&
	test_grep "\"status\": \"no data\"" out.json
'

test_expect_success 'a listing with one bad file shows the others, names it, exit 1' '
	hand_commit clients/beta/metrics/2026/2026-10-22-csv.yaml <<-\EOF &&
	period: 2026-10-22
	source: csv
	values: {leads: "3"}
	EOF
	test_when_finished "git -C \"$B\" reset -q --hard HEAD^" &&
	test_expect_code 1 acct metric --period 2026-10 --json >out.json 2>err &&
	test_grep "clients/beta/metrics/2026/2026-10-22-csv.yaml:3:17: leads must be" err &&
	test_grep "\"client\": \"acme\"" out.json &&
	test_grep ! "\"client\": \"beta\"" out.json &&
	test_grep "\"file\": \"clients/beta/metrics/2026/2026-10-22-csv.yaml\"" out.json
'

test_expect_success 'usage: -h from the option table, bad periods, unknown clients' '
	acct metric -h >out &&
	test_grep "^usage: acct metric <client> <name>=<value>" out &&
	test_grep "^ *--period <period>" out &&
	test_grep "^ *--currency <code>" out &&
	refused 2 "--period: '"'"'2026-W60'"'"' is not a period" acct metric --period 2026-W60 &&
	refused 2 "no such client '"'"'zz'"'"'" acct metric zz &&
	refused 2 "--period: '"'"'all'"'"' is not a period" acct metric --period all
'

test_expect_success 'the book is clean after all of this' '
	is_clean
'

test_done
