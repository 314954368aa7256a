#!/bin/sh
# shellcheck disable=SC2016

test_description='acct nps: recording and reporting

acct nps CLIENT SCORE records one answer under
clients/<slug>/nps/<YYYY>/<date>-<respondent>.yaml in one commit; a score
is a whole number 0-10 written plainly in ASCII digits, a CSAT 1-5, else
exit 2 and nothing written; an answer is one client, date and respondent
(anonymous ones are numbered). acct nps [CLIENT] [--period P] shows per
client and pooled: responses, promoters, passives, detractors, NPS
rounded half away from zero ("no data" / null with no answers), CSAT,
the trend per quarter, the last comment of each detractor, and the
floating fee paid by the bands of the config. A bad answer file is named
file:line:col (exit 1) and never counted.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

command -v python3 >/dev/null 2>&1 && test_set_prereq PYTHON
test -f /usr/share/zoneinfo/Asia/Tokyo && test_set_prereq ZONEINFO

# --- helpers ----------------------------------------------------------------

# refused CODE MESSAGE CMD...: CMD exits CODE, prints nothing on stdout,
# says "acct: MESSAGE" (a fixed string) on stderr. The caller takes a
# snapshot before and checks that the book is unchanged after.
refused () {
	code_r_=$1 msg_r_=$2 &&
	shift 2 &&
	test_expect_code "$code_r_" "$@" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep -F -e "acct: $msg_r_" "$T/err"
}

# hand_commit PATH: stdin into PATH of the book, committed by hand.
hand_commit () {
	mkdir -p "$(dirname "$B/$1")" &&
	cat >"$B/$1" &&
	git -C "$B" add "$1" &&
	git -C "$B" commit -q -m "by hand: $1"
}

undo_commit () {
	git -C "$B" reset -q --hard HEAD^
}

# n ARGS...: acct nps ARGS, quietly.
n () {
	acct nps "$@" -q
}

# fee CLIENT AMOUNT CURRENCY PERIOD FLOATING: the card's fee.
fee () {
	acct client set "$1" fee.amount "$2" &&
	acct client set "$1" fee.currency "$3" &&
	acct client set "$1" fee.period "$4" &&
	acct client set "$1" fee.floating "$5"
}

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: clients, fees' '
	acct init book >/dev/null &&
	for c in Acme Beta Gamma Delta Sandbox
	do
		acct client add $c --since 2025-06-01 -q || return 1
	done &&
	fee acme 90000 RUB month 30 &&
	fee gamma 50000 RUB month 30 &&
	cat >expect <<-\EOF &&
	name: Acme
	status: active
	since: 2025-06-01
	manager: A U Thor <author@example.com>
	fee: {amount: 90000, currency: RUB, period: month, floating: 30}
	EOF
	test_cmp expect "$B/clients/acme/client.yaml" &&
	is_clean
'

# --- recording ----------------------------------------------------------------

A1=clients/acme/nps/2026/2026-11-20-ivan-petrov.yaml

test_expect_success 'an answer with every option: its file, its text, one commit' '
	remember &&
	acct nps acme 9 --respondent "Ivan Petrov" --role "Marketing director" \
		--comment "Fast, clear reports" --csat 5 --survey 2026-Q4 \
		--date 2026-11-20 >out 2>err &&
	echo $A1 >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	one_commit "nps acme: 9 from Ivan Petrov" $A1 &&
	cat >expect <<-\EOF &&
	date: 2026-11-20
	respondent: Ivan Petrov
	role: Marketing director
	score: 9
	csat: 5
	survey: "2026-Q4"
	comment: Fast, clear reports
	EOF
	test_cmp expect "$B/$A1"
'

test_expect_success 'the defaults: today, an anonymous respondent; -q prints nothing' '
	S=clients/sandbox/nps/2026 &&
	remember &&
	acct nps sandbox 7 >out 2>err &&
	echo $S/2026-11-23-anonymous-1.yaml >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	one_commit "nps sandbox: 7 from an anonymous respondent" $S/2026-11-23-anonymous-1.yaml &&
	printf "date: 2026-11-23\nscore: 7\n" >expect &&
	test_cmp expect "$B/$S/2026-11-23-anonymous-1.yaml" &&
	remember &&
	acct nps sandbox 0 -q >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	one_commit "nps sandbox: 0 from an anonymous respondent" $S/2026-11-23-anonymous-2.yaml &&
	remember &&
	acct nps sandbox 7 --comment "Same score, other words" >out &&
	echo $S/2026-11-23-anonymous-3.yaml >expect &&
	test_cmp expect out &&
	one_commit "nps sandbox: 7 from an anonymous respondent" $S/2026-11-23-anonymous-3.yaml &&
	remember &&
	acct nps sand 10 --date 2026-11-22 >out &&
	echo $S/2026-11-22-anonymous-1.yaml >expect &&
	test_cmp expect out &&
	one_commit "nps sandbox: 10 from an anonymous respondent" $S/2026-11-22-anonymous-1.yaml
'

test_expect_success 'the year folder is the answer'"'"'s; names are transliterated; a taken name gets -2' '
	remember &&
	acct nps sandbox 8 --respondent "Ivan Petrov" --date 2025-12-31 >out &&
	echo clients/sandbox/nps/2025/2025-12-31-ivan-petrov.yaml >expect &&
	test_cmp expect out &&
	one_commit "nps sandbox: 8 from Ivan Petrov" clients/sandbox/nps/2025/2025-12-31-ivan-petrov.yaml &&
	remember &&
	acct nps sandbox 6 --respondent "Иван Петров" --date 2025-12-31 >out &&
	echo clients/sandbox/nps/2025/2025-12-31-ivan-petrov-2.yaml >expect &&
	test_cmp expect out &&
	one_commit "nps sandbox: 6 from Иван Петров" clients/sandbox/nps/2025/2025-12-31-ivan-petrov-2.yaml &&
	printf "date: 2025-12-31\nrespondent: Иван Петров\nscore: 6\n" >expect &&
	test_cmp expect "$B/clients/sandbox/nps/2025/2025-12-31-ivan-petrov-2.yaml"
'

test_expect_success ZONEINFO 'today is the local date (TZ)' '
	remember &&
	TZ=Asia/Tokyo ACCT_NOW=2026-11-21T20:00+00:00 acct nps sandbox 9 >out &&
	echo clients/sandbox/nps/2026/2026-11-22-anonymous-2.yaml >expect &&
	test_cmp expect out &&
	one_commit "nps sandbox: 9 from an anonymous respondent" clients/sandbox/nps/2026/2026-11-22-anonymous-2.yaml &&
	snapshot &&
	refused 2 "the answer'"'"'s date 2026-11-25 is in the future (today is 2026-11-23)" \
		env TZ=Asia/Tokyo ACCT_NOW=2026-11-23T14:59+00:00 acct nps sandbox 9 --date 2026-11-25 &&
	unchanged &&
	remember &&
	TZ=Asia/Tokyo ACCT_NOW=2026-11-23T15:00+00:00 acct nps sandbox 9 --date 2026-11-25 -q &&
	one_commit "nps sandbox: 9 from an anonymous respondent" clients/sandbox/nps/2026/2026-11-25-anonymous-1.yaml &&
	undo_commit
'

test_expect_success PYTHON 'text that YAML would misread is quoted, and reads back as written' '
	cat >values <<-\EOF &&
	yes
	null
	~
	- item
	key: value
	# hash
	  leading
	trailing  
	'"'"'single'"'"' "double"
	Привет, мир
	{a: 1}
	0
	*star
	!bang
	EOF
	i=0 &&
	while IFS= read -r v
	do
		i=$(($i + 1)) &&
		d=$(printf "2026-07-%02d" $i) &&
		n sandbox 0 --respondent "$v" --role "$v" --survey "$v" \
			--comment "$v" --date $d || return 1
	done <values &&
	n sandbox 1 --comment "$(printf "two\nlines\n  indented")" --date 2026-08-01 &&
	printf "date: 2026-08-01\nscore: 1\ncomment: \"two\\\\nlines\\\\n  indented\"\n" >expect &&
	test_cmp expect "$B/clients/sandbox/nps/2026/2026-08-01-anonymous-1.yaml" &&
	acct nps sandbox --period 2026-Q3 --json >q3.json &&
	python3 - <<-\PY
	import json
	values = open("values", encoding="utf-8").read().split("\n")[:-1]
	d = json.load(open("q3.json", encoding="utf-8"))
	got = d["clients"][0]["detractor_comments"]
	want = [(None, None, "two\nlines\n  indented")] + [(v, v, v) for v in reversed(values)]
	got = [(g["respondent"], g["role"], g["comment"]) for g in got]
	assert got == want, (got, want)
	PY
'

test_expect_success 'every bad score: exit 2, the same message, nothing written' '
	snapshot &&
	for s in 11 -1 +9 nine 9.5 " 9" "9 " 09 00 0x9 10abc "" 1e1 \
		"９" "٩" "99999999999999999999" "$(printf "9\nx")"
	do
		test_expect_code 2 acct nps acme "$s" --respondent New \
			--date 2026-11-21 >out 2>err &&
		test_must_be_empty out &&
		echo "acct: score must be a whole number from 0 to 10" >expect &&
		test_cmp expect err || return 1
	done &&
	unchanged
'

test_expect_success 'every bad CSAT: exit 2, the same message, nothing written' '
	snapshot &&
	for c in 0 6 4.5 "" " 3" 03 +3 -1 "３" 10 3.0 1e0 x
	do
		test_expect_code 2 acct nps acme 9 --csat "$c" --respondent New \
			--date 2026-11-21 >out 2>err &&
		test_must_be_empty out &&
		echo "acct: csat must be a whole number from 1 to 5" >expect &&
		test_cmp expect err || return 1
	done &&
	unchanged
'

test_expect_success 'the edges of the scales are taken' '
	remember &&
	n sandbox 0 --csat 1 --respondent Low --date 2026-11-21 &&
	one_commit "nps sandbox: 0 from Low" clients/sandbox/nps/2026/2026-11-21-low.yaml &&
	remember &&
	n sandbox 10 --csat 5 --respondent High --date 2026-11-21 &&
	one_commit "nps sandbox: 10 from High" clients/sandbox/nps/2026/2026-11-21-high.yaml
'

test_expect_success 'the same client, date and respondent again: exit 1 naming the file' '
	snapshot &&
	refused 1 "this answer is recorded already in $A1" \
		acct nps acme 3 --respondent "Ivan Petrov" --date 2026-11-20 &&
	refused 1 "this answer is recorded already in $A1" \
		acct nps acme 9 --respondent "Ivan Petrov" --date 2026-11-20 --csat 5 &&
	refused 1 "this answer is recorded already in clients/sandbox/nps/2026/2026-11-23-anonymous-1.yaml" \
		acct nps sandbox 7 &&
	refused 1 "this answer is recorded already in clients/sandbox/nps/2026/2026-11-23-anonymous-3.yaml" \
		acct nps sandbox 7 --comment "Same score, other words" &&
	unchanged
'

test_expect_success 'other bad input: exit 2, nothing written' '
	snapshot &&
	refused 2 "the answer'"'"'s date 2026-11-25 is in the future (today is 2026-11-23)" \
		acct nps acme 9 --date 2026-11-25 &&
	test_grep "^hint: record what has happened, dated the day it happened; one day ahead is allowed, for time zones$" "$T/err" &&
	refused 2 "--date: 2026-02-30 is not a date" acct nps acme 9 --date 2026-02-30 &&
	refused 2 "" acct nps acme 9 --date yesterday &&
	refused 2 "no such client '"'"'zz'"'"'" acct nps zz 9 &&
	refused 2 "no such client" acct nps zz &&
	refused 2 "respondent must be a single line" \
		acct nps acme 9 --respondent "$(printf "two\nlines")" &&
	refused 2 "expected <client> <score>" acct nps acme 9 10 &&
	refused 2 "--period and --json are for showing scores" \
		acct nps acme 9 --period 2026 &&
	refused 2 "--period and --json are for showing scores" \
		acct nps acme 9 --json &&
	refused 2 "--dry-run is for nps import" acct nps acme 9 --dry-run &&
	refused 2 "--respondent, --role, --comment, --csat, --survey and --date need <client> <score>" acct nps acme --respondent X &&
	refused 2 "--respondent, --role, --comment, --csat, --survey and --date need <client> <score>" acct nps --csat 5 &&
	refused 2 "option '"'"'--frobnicate'"'"' is unknown" acct nps acme 9 --frobnicate &&
	unchanged
'

# --- reporting ----------------------------------------------------------------

# ans CLIENT DATE RESPONDENT SCORE [CSAT [COMMENT]]: an answer file as a
# survey tool or a colleague would write it (RESPONDENT - for none).
ans () {
	ans_f_=clients/$1/nps/${2%%-*}/$2-$(echo "$3" | tr A-Z a-z).yaml &&
	test "$3" != - || ans_f_=clients/$1/nps/${2%%-*}/$2-anonymous-1.yaml
	mkdir -p "$B/${ans_f_%/*}" &&
	{
		echo "date: $2" &&
		{ test "$3" = - || echo "respondent: $3"; } &&
		echo "score: $4" &&
		{ test -z "$5" || echo "csat: $5"; } &&
		{ test -z "$6" || echo "comment: $6"; }
	} >"$B/$ans_f_"
}

test_expect_success 'setup: answers across quarters' '
	# acme, 2026-Q4: 6 promoters, 4 passives, 1 detractor: NPS 45
	ans acme 2026-10-05 Anna 10 4 &&
	ans acme 2026-10-06 Boris 9 &&
	ans acme 2026-10-07 Vera 9 4 &&
	ans acme 2026-10-08 Gleb 10 &&
	ans acme 2026-10-09 Dina 9 &&
	ans acme 2026-10-12 Egor 8 &&
	ans acme 2026-10-13 Zoya 7 &&
	ans acme 2026-10-14 - 8 &&
	ans acme 2026-10-15 - 7 &&
	ans acme 2026-11-02 Oleg 5 2 &&
	# acme, 2026-Q3: NPS 0; 2025-Q4: 100
	ans acme 2026-08-14 Oleg 4 "" "Slow answers" &&
	ans acme 2026-07-10 Anna 9 &&
	ans acme 2025-12-01 Anna 10 &&
	# beta, 2026-Q4: 2 promoters, 1 detractor: NPS 33
	ans beta 2026-11-10 Petr 9 &&
	ans beta 2026-11-11 Olga 10 &&
	ans beta 2026-11-12 - 3 "" "Nobody calls back" &&
	# gamma: no answers; delta and sandbox: archived
	ans delta 2026-11-01 Max 0 &&
	git -C "$B" add clients &&
	git -C "$B" commit -q -m "answers by hand" &&
	acct client archive delta >/dev/null &&
	acct client archive sandbox >/dev/null &&
	is_clean
'

cat >"$T/expect.q4" <<\EOF
period: 2026-Q4
acme:
  name:       Acme
  nps:        45
  answers:    11 (6 promoters, 4 passives, 1 detractor)
  csat:       3.75 (4 answers)
  trend:      2026-Q1 -, 2026-Q2 -, 2026-Q3 0, 2026-Q4 45
  fee:        90000 RUB/month, 30% floating
  payout:     18900 RUB of 27000 (band NPS >= 30 pays 70%), total 81900
  detractors:
    Oleg, 2026-11-02, 5
beta:
  name:       Beta
  nps:        33
  answers:    3 (2 promoters, 0 passives, 1 detractor)
  trend:      2026-Q1 -, 2026-Q2 -, 2026-Q3 -, 2026-Q4 33
  detractors:
    anonymous, 2026-11-12, 3: Nobody calls back
gamma:
  name:       Gamma
  nps:        no data
  answers:    0 (0 promoters, 0 passives, 0 detractors)
  trend:      2026-Q1 -, 2026-Q2 -, 2026-Q3 -, 2026-Q4 -
  fee:        50000 RUB/month, 30% floating
  payout:     unknown: no NPS for the period
all clients:
  nps:     43
  answers: 14 (8 promoters, 4 passives, 2 detractors)
  csat:    3.75 (4 answers)
  trend:   2026-Q1 -, 2026-Q2 -, 2026-Q3 0, 2026-Q4 43
EOF

cat >"$T/expect.q4.json" <<\EOF
{
  "format": 1,
  "period": "2026-Q4",
  "since": "2026-10-01",
  "until": "2026-12-31",
  "clients": [
    {
      "client": "acme",
      "name": "Acme",
      "nps": 45,
      "responses": 11,
      "promoters": 6,
      "passives": 4,
      "detractors": 1,
      "csat": 3.75,
      "csat_responses": 4,
      "trend": [
        {
          "quarter": "2026-Q1",
          "nps": null,
          "responses": 0
        },
        {
          "quarter": "2026-Q2",
          "nps": null,
          "responses": 0
        },
        {
          "quarter": "2026-Q3",
          "nps": 0,
          "responses": 2
        },
        {
          "quarter": "2026-Q4",
          "nps": 45,
          "responses": 11
        }
      ],
      "fee": {
        "amount": 90000,
        "currency": "RUB",
        "period": "month",
        "floating": 30,
        "fixed_amount": 63000,
        "floating_amount": 27000,
        "band_min": 30,
        "pay": 70,
        "payout": 18900,
        "total": 81900
      },
      "detractor_comments": [
        {
          "respondent": "Oleg",
          "role": null,
          "date": "2026-11-02",
          "score": 5,
          "comment": null,
          "path": "clients/acme/nps/2026/2026-11-02-oleg.yaml"
        }
      ]
    },
    {
      "client": "beta",
      "name": "Beta",
      "nps": 33,
      "responses": 3,
      "promoters": 2,
      "passives": 0,
      "detractors": 1,
      "csat": null,
      "csat_responses": 0,
      "trend": [
        {
          "quarter": "2026-Q1",
          "nps": null,
          "responses": 0
        },
        {
          "quarter": "2026-Q2",
          "nps": null,
          "responses": 0
        },
        {
          "quarter": "2026-Q3",
          "nps": null,
          "responses": 0
        },
        {
          "quarter": "2026-Q4",
          "nps": 33,
          "responses": 3
        }
      ],
      "detractor_comments": [
        {
          "respondent": null,
          "role": null,
          "date": "2026-11-12",
          "score": 3,
          "comment": "Nobody calls back",
          "path": "clients/beta/nps/2026/2026-11-12-anonymous-1.yaml"
        }
      ]
    },
    {
      "client": "gamma",
      "name": "Gamma",
      "nps": null,
      "responses": 0,
      "promoters": 0,
      "passives": 0,
      "detractors": 0,
      "csat": null,
      "csat_responses": 0,
      "trend": [
        {
          "quarter": "2026-Q1",
          "nps": null,
          "responses": 0
        },
        {
          "quarter": "2026-Q2",
          "nps": null,
          "responses": 0
        },
        {
          "quarter": "2026-Q3",
          "nps": null,
          "responses": 0
        },
        {
          "quarter": "2026-Q4",
          "nps": null,
          "responses": 0
        }
      ],
      "fee": {
        "amount": 50000,
        "currency": "RUB",
        "period": "month",
        "floating": 30,
        "payout": null
      },
      "detractor_comments": []
    }
  ],
  "portfolio": {
    "nps": 43,
    "responses": 14,
    "promoters": 8,
    "passives": 4,
    "detractors": 2,
    "csat": 3.75,
    "csat_responses": 4,
    "trend": [
      {
        "quarter": "2026-Q1",
        "nps": null,
        "responses": 0
      },
      {
        "quarter": "2026-Q2",
        "nps": null,
        "responses": 0
      },
      {
        "quarter": "2026-Q3",
        "nps": 0,
        "responses": 2
      },
      {
        "quarter": "2026-Q4",
        "nps": 43,
        "responses": 14
      }
    ]
  }
}
EOF

test_expect_success 'acct nps: this quarter, per client and pooled' '
	acct nps >actual 2>err &&
	test_must_be_empty err &&
	test_cmp "$T/expect.q4" actual &&
	acct nps --period 2026-Q4 >actual &&
	test_cmp "$T/expect.q4" actual
'

test_expect_success '--json: every figure' '
	acct nps --json >actual 2>err &&
	test_must_be_empty err &&
	test_cmp "$T/expect.q4.json" actual &&
	acct nps --period this-quarter --json >actual &&
	test_cmp "$T/expect.q4.json" actual
'

test_expect_success 'the payout: 90000 RUB, 30% floating, NPS 45 in band 30 pays 70%' '
	acct nps acme >out &&
	grep "^  payout:" out >actual &&
	echo "  payout:     18900 RUB of 27000 (band NPS >= 30 pays 70%), total 81900" >expect &&
	test_cmp expect actual
'

test_expect_success 'one client (by slug or prefix): its figures, no pooled part' '
	sed -n "1,11p" "$T/expect.q4" >expect &&
	acct nps acme >actual &&
	test_cmp expect actual &&
	acct nps ac >actual &&
	test_cmp expect actual
'

test_expect_success 'an archived client: left out of the listing, shown when named' '
	acct nps delta >actual &&
	cat >expect <<-\EOF &&
	period: 2026-Q4
	delta:
	  name:       Delta
	  nps:        -100
	  answers:    1 (0 promoters, 0 passives, 1 detractor)
	  trend:      2026-Q1 -, 2026-Q2 -, 2026-Q3 -, 2026-Q4 -100
	  detractors:
	    Max, 2026-11-01, 0
	EOF
	test_cmp expect actual
'

test_expect_success 'no data: "no data" in text, null in JSON, no payout' '
	acct nps gamma --json >actual &&
	cat >expect <<-\EOF &&
	{
	  "format": 1,
	  "period": "2026-Q4",
	  "since": "2026-10-01",
	  "until": "2026-12-31",
	  "clients": [
	    {
	      "client": "gamma",
	      "name": "Gamma",
	      "nps": null,
	      "responses": 0,
	      "promoters": 0,
	      "passives": 0,
	      "detractors": 0,
	      "csat": null,
	      "csat_responses": 0,
	      "trend": [
	        {
	          "quarter": "2026-Q1",
	          "nps": null,
	          "responses": 0
	        },
	        {
	          "quarter": "2026-Q2",
	          "nps": null,
	          "responses": 0
	        },
	        {
	          "quarter": "2026-Q3",
	          "nps": null,
	          "responses": 0
	        },
	        {
	          "quarter": "2026-Q4",
	          "nps": null,
	          "responses": 0
	        }
	      ],
	      "fee": {
	        "amount": 50000,
	        "currency": "RUB",
	        "period": "month",
	        "floating": 30,
	        "payout": null
	      },
	      "detractor_comments": []
	    }
	  ],
	  "portfolio": {
	    "nps": null,
	    "responses": 0,
	    "promoters": 0,
	    "passives": 0,
	    "detractors": 0,
	    "csat": null,
	    "csat_responses": 0,
	    "trend": [
	      {
	        "quarter": "2026-Q1",
	        "nps": null,
	        "responses": 0
	      },
	      {
	        "quarter": "2026-Q2",
	        "nps": null,
	        "responses": 0
	      },
	      {
	        "quarter": "2026-Q3",
	        "nps": null,
	        "responses": 0
	      },
	      {
	        "quarter": "2026-Q4",
	        "nps": null,
	        "responses": 0
	      }
	    ]
	  }
	}
	EOF
	test_cmp expect actual
'

test_expect_success '--period 2026: the year; a detractor'"'"'s last comment' '
	acct nps --period 2026 >actual &&
	cat >expect <<-\EOF &&
	period: 2026
	acme:
	  name:       Acme
	  nps:        38
	  answers:    13 (7 promoters, 4 passives, 2 detractors)
	  csat:       3.75 (4 answers)
	  trend:      2026-Q1 -, 2026-Q2 -, 2026-Q3 0, 2026-Q4 45
	  fee:        90000 RUB/month, 30% floating
	  payout:     18900 RUB of 27000 (band NPS >= 30 pays 70%), total 81900
	  detractors:
	    Oleg, 2026-11-02, 5: Slow answers
	beta:
	  name:       Beta
	  nps:        33
	  answers:    3 (2 promoters, 0 passives, 1 detractor)
	  trend:      2026-Q1 -, 2026-Q2 -, 2026-Q3 -, 2026-Q4 33
	  detractors:
	    anonymous, 2026-11-12, 3: Nobody calls back
	gamma:
	  name:       Gamma
	  nps:        no data
	  answers:    0 (0 promoters, 0 passives, 0 detractors)
	  trend:      2026-Q1 -, 2026-Q2 -, 2026-Q3 -, 2026-Q4 -
	  fee:        50000 RUB/month, 30% floating
	  payout:     unknown: no NPS for the period
	all clients:
	  nps:     38
	  answers: 16 (9 promoters, 4 passives, 3 detractors)
	  csat:    3.75 (4 answers)
	  trend:   2026-Q1 -, 2026-Q2 -, 2026-Q3 0, 2026-Q4 43
	EOF
	test_cmp expect actual
'

test_expect_success '--period all: every answer, the trend from the first quarter' '
	acct nps --period all >actual &&
	cat >expect <<-\EOF &&
	period: all
	acme:
	  name:       Acme
	  nps:        43
	  answers:    14 (8 promoters, 4 passives, 2 detractors)
	  csat:       3.75 (4 answers)
	  trend:      2025-Q4 100, 2026-Q1 -, 2026-Q2 -, 2026-Q3 0, 2026-Q4 45
	  fee:        90000 RUB/month, 30% floating
	  payout:     18900 RUB of 27000 (band NPS >= 30 pays 70%), total 81900
	  detractors:
	    Oleg, 2026-11-02, 5: Slow answers
	beta:
	  name:       Beta
	  nps:        33
	  answers:    3 (2 promoters, 0 passives, 1 detractor)
	  trend:      2025-Q4 -, 2026-Q1 -, 2026-Q2 -, 2026-Q3 -, 2026-Q4 33
	  detractors:
	    anonymous, 2026-11-12, 3: Nobody calls back
	gamma:
	  name:       Gamma
	  nps:        no data
	  answers:    0 (0 promoters, 0 passives, 0 detractors)
	  trend:      2025-Q4 -, 2026-Q1 -, 2026-Q2 -, 2026-Q3 -, 2026-Q4 -
	  fee:        50000 RUB/month, 30% floating
	  payout:     unknown: no NPS for the period
	all clients:
	  nps:     41
	  answers: 17 (10 promoters, 4 passives, 3 detractors)
	  csat:    3.75 (4 answers)
	  trend:   2025-Q4 100, 2026-Q1 -, 2026-Q2 -, 2026-Q3 0, 2026-Q4 43
	EOF
	test_cmp expect actual &&
	acct nps --period all --json >actual &&
	sed -n "1,5p" actual >head &&
	cat >expect <<-\EOF &&
	{
	  "format": 1,
	  "period": "all",
	  "since": null,
	  "until": null,
	EOF
	test_cmp expect head
'

test_expect_success '--period last-quarter: 2026-Q3, band 0 pays 40%' '
	acct nps --period last-quarter >actual &&
	cat >expect <<-\EOF &&
	period: 2026-Q3
	acme:
	  name:       Acme
	  nps:        0
	  answers:    2 (1 promoter, 0 passives, 1 detractor)
	  trend:      2025-Q4 100, 2026-Q1 -, 2026-Q2 -, 2026-Q3 0
	  fee:        90000 RUB/month, 30% floating
	  payout:     10800 RUB of 27000 (band NPS >= 0 pays 40%), total 73800
	  detractors:
	    Oleg, 2026-08-14, 4: Slow answers
	beta:
	  name:       Beta
	  nps:        no data
	  answers:    0 (0 promoters, 0 passives, 0 detractors)
	  trend:      2025-Q4 -, 2026-Q1 -, 2026-Q2 -, 2026-Q3 -
	gamma:
	  name:       Gamma
	  nps:        no data
	  answers:    0 (0 promoters, 0 passives, 0 detractors)
	  trend:      2025-Q4 -, 2026-Q1 -, 2026-Q2 -, 2026-Q3 -
	  fee:        50000 RUB/month, 30% floating
	  payout:     unknown: no NPS for the period
	all clients:
	  nps:     0
	  answers: 2 (1 promoter, 0 passives, 1 detractor)
	  trend:   2025-Q4 100, 2026-Q1 -, 2026-Q2 -, 2026-Q3 0
	EOF
	test_cmp expect actual &&
	acct nps --period 2026-Q3 >actual2 &&
	test_cmp actual actual2
'

test_expect_success ZONEINFO 'this quarter is the one of the local date' '
	TZ=Asia/Tokyo ACCT_NOW=2026-12-31T20:00+00:00 acct nps --json >actual &&
	sed -n "3,5p" actual >head &&
	cat >expect <<-\EOF &&
	  "period": "2027-Q1",
	  "since": "2027-01-01",
	  "until": "2027-03-31",
	EOF
	test_cmp expect head
'

test_expect_success 'a bad period: exit 2, nothing on stdout' '
	for p in 2026-Q5 2026-Q0 2026-13 2026-W54 1969 26 foo "" 2026-q4 " 2026"
	do
		test_expect_code 2 acct nps --period "$p" >out 2>err &&
		test_must_be_empty out &&
		test_grep "is not a period" err || return 1
	done &&
	test_expect_code 2 acct nps acme --period foo --json >out 2>err &&
	test_must_be_empty out
'

# --- the arithmetic -----------------------------------------------------------------

# answers SLUG YEAR-MONTH SCORE...: one anonymous answer a day from the
# 1st, written by hand (committed by the caller).
answers () {
	a_slug_=$1 a_month_=$2 a_day_=0 &&
	shift 2 &&
	mkdir -p "$R/clients/$a_slug_/nps/${a_month_%-*}" &&
	for a_score_
	do
		a_day_=$(($a_day_ + 1)) &&
		a_date_=$(printf "%s-%02d" "$a_month_" $a_day_) &&
		printf "date: %s\nscore: %s\n" "$a_date_" "$a_score_" \
			>"$R/clients/$a_slug_/nps/${a_month_%-*}/$a_date_-anonymous-1.yaml" ||
		return 1
	done
}

test_expect_success 'NPS rounds half away from zero' '
	R=$T/round &&
	acct init "$R" >/dev/null &&
	for c in Up Down Third Minus Cents
	do
		acct -C "$R" client add $c --since 2025-01-01 -q || return 1
	done &&
	answers up 2026-10 9 9 0 7 7 7 7 7 &&
	answers down 2026-10 9 0 0 7 7 7 7 7 &&
	answers third 2026-10 9 10 6 &&
	answers minus 2026-10 9 1 2 &&
	git -C "$R" add clients &&
	git -C "$R" commit -q -m "answers by hand" &&
	for c in up down third minus
	do
		acct -C "$R" nps $c | sed -n "s/^  nps: *//p" || return 1
	done >actual &&
	test_write_lines 13 -13 33 -33 >expect &&
	test_cmp expect actual &&
	acct -C "$R" nps >out &&
	sed -n "/^all clients:/,\$p" out >actual &&
	cat >expect <<-\EOF &&
	all clients:
	  nps:     0
	  answers: 22 (6 promoters, 10 passives, 6 detractors)
	  trend:   2026-Q1 -, 2026-Q2 -, 2026-Q3 -, 2026-Q4 0
	EOF
	test_cmp expect actual
'

test_expect_success 'the payout to the cent; no band for the NPS pays nothing' '
	R=$T/round &&
	acct -C "$R" client set cents fee.amount 1000.50 &&
	acct -C "$R" client set cents fee.currency EUR &&
	acct -C "$R" client set cents fee.period month &&
	acct -C "$R" client set cents fee.floating 30 &&
	answers cents 2026-10 9 10 5 &&
	git -C "$R" add clients &&
	git -C "$R" commit -q -m "answers by hand" &&
	acct -C "$R" nps cents >out &&
	sed -n "/^  fee:/,/^  payout:/p" out >actual &&
	cat >expect <<-\EOF &&
	  fee:        1000.50 EUR/month, 30% floating
	  payout:     210.11 EUR of 300.15 (band NPS >= 30 pays 70%), total 910.46
	EOF
	test_cmp expect actual &&
	sed "/min: -100/d" "$R/.acct/config.yaml" >config &&
	cp config "$R/.acct/config.yaml" &&
	git -C "$R" commit -q -am "no band below 0" &&
	answers cents 2026-11 0 0 &&
	git -C "$R" add clients &&
	git -C "$R" commit -q -m "answers by hand" &&
	acct -C "$R" nps cents >out &&
	sed -n "/^  nps:/p;/^  payout:/p" out >actual &&
	cat >expect <<-\EOF &&
	  nps:        -20
	  payout:     0 EUR of 300.15 (no band holds NPS; pays 0%), total 700.35
	EOF
	test_cmp expect actual
'

# --- bad answer files ---------------------------------------------------------------

BAD=clients/beta/nps/2026/2026-11-15-bad.yaml

test_expect_success 'a bad score in an answer file: exit 1 naming file:line:col, never counted' '
	# (not committed: reading does not care)
	test_when_finished "rm -f \"$B/$BAD\"" &&
	for v in 11 nine 9.0 "~" "[9]" "\"9\"" "-1" "{a: 1}"
	do
		printf "date: 2026-11-15\nrespondent: Bad\nscore: %s\n" "$v" >"$B/$BAD" &&
		test_expect_code 1 acct nps >actual 2>err &&
		test_cmp "$T/expect.q4" actual &&
		test_line_count = 1 err &&
		test_grep "^acct: $BAD:3:8: score must be a whole number from 0 to 10" err ||
		return 1
	done &&
	test_expect_code 1 acct nps beta >actual 2>err &&
	test_grep "^acct: $BAD:3:8: " err
'

test_expect_success 'a bad answer file in --json: the good figures and an "errors" array' '
	test_when_finished undo_commit &&
	printf "date: 2026-11-15\nscore: nine\n" |
		hand_commit clients/beta/nps/2026/2026-11-15-bad.yaml &&
	test_expect_code 1 acct nps --json >actual 2>err &&
	test_grep "^acct: clients/beta/nps/2026/2026-11-15-bad.yaml:2:8: " err &&
	cat >errors <<-\EOF &&
	{
	  "format": 1,
	  "errors": [
	    {
	      "file": "clients/beta/nps/2026/2026-11-15-bad.yaml",
	      "line": 2,
	      "column": 8,
	      "message": "score must be a whole number from 0 to 10, not '"'"'nine'"'"'"
	    }
	  ],
	EOF
	sed -n "1,10p" actual >actual.head &&
	test_cmp errors actual.head &&
	sed -n "11,\$p" actual >rest &&
	sed -n "3,\$p" "$T/expect.q4.json" >expect.rest &&
	test_cmp expect.rest rest
'

test_expect_success 'a bad CSAT or date in an answer file is named too' '
	test_when_finished "rm -f \"$B/$BAD\"" &&
	printf "date: 2026-11-15\nscore: 9\ncsat: 4.5\n" >"$B/$BAD" &&
	test_expect_code 1 acct nps >actual 2>err &&
	test_cmp "$T/expect.q4" actual &&
	test_grep "^acct: $BAD:3:7: csat must be a whole number from 1 to 5" err &&
	printf "date: 2026-11-31\nscore: 9\n" >"$B/$BAD" &&
	test_expect_code 1 acct nps >actual 2>err &&
	test_cmp "$T/expect.q4" actual &&
	test_grep "^acct: $BAD:1:7: " err
'

test_expect_success 'recording next to a bad answer file of another day still works' '
	test_when_finished "undo_commit && undo_commit" &&
	printf "date: 2026-11-15\nscore: nine\n" |
		hand_commit clients/beta/nps/2026/2026-11-15-bad.yaml &&
	remember &&
	acct nps beta 9 --respondent Fresh --date 2026-11-16 -q &&
	one_commit "nps beta: 9 from Fresh" clients/beta/nps/2026/2026-11-16-fresh.yaml
'

test_expect_success 'reading leaves the book as it was' '
	test_book_state "$B" >before &&
	acct nps >/dev/null &&
	acct nps --json >/dev/null &&
	acct nps acme --period all >/dev/null &&
	test_book_state "$B" >after &&
	test_cmp before after
'

# --- regressions: each comment says what the bug did --------------------

# The JSON figures go through a C double, and jansson prints 17
# significant digits: "csat": 4.3300000000000001, "fixed_amount":
# 700.35000000000002, "floating_amount": 300.14999999999998,
# "payout": 210.11000000000001, "total": 910.46000000000004.
test_expect_success '--json: CSAT and money are the exact decimals the text shows' '
	R=$T/round &&
	acct -C "$R" client add Csat --since 2025-01-01 -q &&
	mkdir -p "$R/clients/csat/nps/2026" &&
	printf "date: 2026-11-01\nscore: 9\ncsat: 5\n" >"$R/clients/csat/nps/2026/2026-11-01-a.yaml" &&
	printf "date: 2026-11-02\nscore: 9\ncsat: 4\n" >"$R/clients/csat/nps/2026/2026-11-02-b.yaml" &&
	printf "date: 2026-11-03\nscore: 9\ncsat: 4\n" >"$R/clients/csat/nps/2026/2026-11-03-c.yaml" &&
	git -C "$R" add clients &&
	git -C "$R" commit -q -m "answers by hand" &&
	acct -C "$R" nps csat >out &&
	test_grep "^  csat: *4.33 (3 answers)" out &&
	acct -C "$R" nps csat --json >out &&
	grep "\"csat\":" out >actual &&
	cat >expect <<-\EOF &&
	      "csat": 4.33,
	    "csat": 4.33,
	EOF
	test_cmp expect actual &&
	acct -C "$R" nps cents --period 2026-10 --json >out &&
	grep -E "\"(amount|fixed_amount|floating_amount|payout|total)\":" out >actual &&
	cat >expect <<-\EOF &&
	        "amount": 1000.5,
	        "fixed_amount": 700.35,
	        "floating_amount": 300.15,
	        "payout": 210.11,
	        "total": 910.46
	EOF
	test_cmp expect actual
'

# A fee with no currency and no period: "fee: 1000.50 , 30% floating",
# a space before the comma.
test_expect_success 'a fee without currency or period reads "1000.50, 30% floating"' '
	R=$T/round &&
	acct -C "$R" client set cents fee.currency --unset &&
	acct -C "$R" client set cents fee.period --unset &&
	acct -C "$R" nps cents --period 2026-10 >out &&
	sed -n "/^  fee:/,/^  payout:/p" out >actual &&
	cat >expect <<-\EOF &&
	  fee:        1000.50, 30% floating
	  payout:     210.11 of 300.15 (band NPS >= 30 pays 70%), total 910.46
	EOF
	test_cmp expect actual
'

# A sync keeps both clones' answers of one respondent on one day
# (-olga.yaml, -olga-2.yaml); recording another answer that day wrote past
# the end of an array (caught under ASan).
test_expect_success 'two answers of one identity in the book: recording still works' '
	R=$T/twice &&
	acct init -q "$R" &&
	acct -C "$R" client add Twice --slug twice --since 2025-01-01 -q &&
	mkdir -p "$R/clients/twice/nps/2026" &&
	printf "date: 2026-11-20\nrespondent: Olga\nscore: 9\n" \
		>"$R/clients/twice/nps/2026/2026-11-20-olga.yaml" &&
	printf "date: 2026-11-20\nrespondent: Olga\nscore: 6\n" \
		>"$R/clients/twice/nps/2026/2026-11-20-olga-2.yaml" &&
	git -C "$R" add clients && git -C "$R" commit -q -m "kept both" &&
	acct -C "$R" nps twice 7 --respondent Ivan --date 2026-11-20 >out &&
	echo clients/twice/nps/2026/2026-11-20-ivan.yaml >expect &&
	test_cmp expect out &&
	test_expect_code 1 acct -C "$R" nps twice 8 --respondent Olga \
		--date 2026-11-20 2>err &&
	grep "recorded already" err
'

test_done
