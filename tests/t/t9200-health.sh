#!/bin/sh
# shellcheck disable=SC2016

test_description='acct health, and the agenda'"'"'s "at risk"

acct health [CLIENT] [--date D] [--explain] [--json]: a score 0-100 per
client from factors anyone can check (contact recency against the
contact cadence, the cadence kept over 90 days, NPS and its trend,
overdue actions, KPIs met last month, the brief written), each with its
value, weight and points; a factor without data is left out and says so,
the weights renormalised over the others; worst first. The weights and
the thresholds come from the config. The agenda says "at risk" below
health.at_risk, or when the score fell by more than health.drop since a
month ago, worked out from the book as it stood then (its history). The
portfolio shows the score. Today is Monday 2026-11-23 (ACCT_NOW).'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

command -v python3 >/dev/null 2>&1 && test_set_prereq PYTHON

# day DATE: the commits that follow are dated DATE, 09:00 UTC.
day () {
	GIT_AUTHOR_DATE="$1T09:00:00+00:00" &&
	GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE &&
	export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
}

# contact CLIENT DATE...: a call on each DATE, each committed that day.
contact () {
	c_c_=$1 &&
	shift &&
	for d_c_
	do
		day "$d_c_" &&
		acct log "$c_c_" "Call on $d_c_" --channel call \
			--date "${d_c_}T10:00" -q || return 1
	done
}

# json_get FILE EXPR: python3 prints EXPR of the JSON in FILE (as j).
json_get () {
	python3 -c "import json, sys; j = json.load(open(sys.argv[1])); print($2)" "$1"
}

# agenda_line KIND CLIENT: the agenda's lines of KIND for CLIENT, spaces
# squeezed, into $T/line.
agenda_line () {
	{ grep "^$1  *$2  " "$T/agenda" || :; } | tr -s " " >"$T/line"
}

# --- setup ---------------------------------------------------------------------

# The book's history in the order of its dates (the score a month ago is
# read from the last commit on or before 2026-10-23):
#
#   acme   a call every two weeks (cadence.contact 14d), a promoter, a KPI
#          met in October, an action due next week, a full brief: 100
#   beta   a card and nothing else: no factor, no score
#   gamma  one call on 2026-09-01, a detractor, two actions overdue
#   delta  a call every week (7d) until 2026-10-20, then silence: 100 on
#          2026-10-23, 54 today
test_expect_success 'setup: a book with a history' '
	cat >"$T/brief.md" <<-\EOF &&
	# Brief

	## Brand and positioning
	Written.
	## Category
	Written.
	## Audience
	Written.
	## Competitors
	Written.
	## Key advantages
	Written.
	## Why the project exists
	Written.
	## Business goals
	Written.
	## Marketing goals
	Written.
	## Project goals
	Written.
	## KPIs
	Written.
	## Budget
	Written.
	## Deadlines
	Written.
	## Materials and accesses
	- [x] Brand book
	EOF
	day 2026-08-01 &&
	acct init book >/dev/null &&
	acct client add Acme --since 2026-08-01 --kpi "leads >= 100 /month" -q &&
	acct client add Beta --since 2026-08-01 -q &&
	acct client add Delta --since 2026-08-01 -q &&
	acct client set acme cadence.contact 14d &&
	acct client set delta cadence.contact 7d &&
	for c in acme delta
	do
		mkdir -p "$B/clients/$c" &&
		cp "$T/brief.md" "$B/clients/$c/brief.md" &&
		git -C "$B" add "clients/$c/brief.md" &&
		git -C "$B" commit -q -m "brief $c: by hand" || return 1
	done &&
	contact delta 2026-08-26 &&
	contact acme 2026-08-27 &&
	day 2026-09-01 &&
	acct client add Gamma --since 2026-09-01 -q &&
	contact gamma 2026-09-01 &&
	contact delta 2026-09-02 2026-09-09 &&
	contact acme 2026-09-10 &&
	contact delta 2026-09-16 2026-09-23 &&
	contact acme 2026-09-24 &&
	contact delta 2026-09-30 &&
	day 2026-10-01 &&
	acct nps delta 10 --respondent "Dora" --date 2026-10-01 -q &&
	contact delta 2026-10-07 &&
	contact acme 2026-10-08 &&
	contact delta 2026-10-14 2026-10-20 &&
	contact acme 2026-10-22 &&
	day 2026-11-02 &&
	acct nps acme 9 --respondent "Ann" --date 2026-11-02 -q &&
	acct metric acme leads=120 --period 2026-10 -q &&
	contact acme 2026-11-05 &&
	day 2026-11-10 &&
	acct nps gamma 3 --respondent "Gus" --comment "Slow" --date 2026-11-10 -q &&
	acct todo add gamma "Send the audit" --due 2026-11-10 >/dev/null &&
	acct todo add gamma "Call the CFO" --due 2026-11-15 >/dev/null &&
	contact acme 2026-11-20 &&
	acct todo add acme "Prepare the plan" --due 2026-11-30 >/dev/null &&
	test_tick &&
	is_clean
'

# --- acct health --------------------------------------------------------------

test_expect_success 'health: a score per client, worst first; no data, no score, last' '
	acct health >actual 2>err &&
	test_must_be_empty err &&
	cat >expect <<-\EOF &&
	9    gamma  Gamma
	54   delta  Delta
	100  acme   Acme
	-    beta   Beta
	EOF
	test_cmp expect actual
'

test_expect_success 'health --explain: each factor with its value, weight, points and note' '
	acct health delta --explain >actual &&
	cat >expect <<-\EOF &&
	54  delta  Delta
	    factors:
	      recency    34 days  weight 25  points 0    last contact 2026-10-20, 34 days ago; cadence 7d: next due 2026-10-27
	      cadence    67%      weight 15  points 67   8 of 12 windows of 7d since 2026-08-26 had a contact
	      nps        NPS 100  weight 15  points 100  NPS 100 from 1 answer since 2026-05-28
	      nps_trend  -        weight 10  left out    no NPS answer from 2025-11-29 to 2026-05-28 to compare with
	      actions    -        weight 10  left out    no action item with a due date
	      kpi        -        weight 15  left out    no measurable KPI
	      brief      100%     weight 10  points 100  13 of 13 sections written
	EOF
	test_cmp expect actual &&
	acct health gamma --explain >actual &&
	test_grep "actions    2 overdue  weight 10  points 50  2 of 2 open action items with a due date overdue" actual &&
	test_grep "cadence    5%         weight 15  points 5   1 of 20 windows of 3wd since 2026-09-01 had a contact" actual &&
	acct health ac --explain >actual &&
	test_grep "^100  acme  Acme$" actual &&
	test_grep "kpi        100%       weight 15  points 100  1 of 1 KPI met in 2026-10" actual &&
	test_grep "actions    0 overdue  weight 10  points 100  0 of 1 open action item with a due date overdue" actual
'

test_expect_success PYTHON 'health --json: the documented fields; the score is the weighted mean of the factors there' '
	acct health --json >out.json &&
	python3 - out.json <<-\PY
	import json, sys
	j = json.load(open(sys.argv[1]))
	assert list(j) == ["format", "date", "clients"], list(j)
	assert j["format"] == 1 and j["date"] == "2026-11-23", j
	assert [c["client"] for c in j["clients"]] == ["gamma", "delta", "acme", "beta"]
	names = ["recency", "cadence", "nps", "nps_trend", "actions", "kpi", "brief"]
	for c in j["clients"]:
	    assert list(c) == ["client", "name", "score", "factors"], list(c)
	    assert [f["name"] for f in c["factors"]] == names, c
	    for f in c["factors"]:
	        assert list(f) == ["name", "value", "weight", "points", "note"], f
	        assert isinstance(f["weight"], int) and f["note"], f
	        assert (f["value"] is None) == (f["points"] is None), f
	    there = [f for f in c["factors"] if f["points"] is not None and f["weight"] > 0]
	    if not there:
	        assert c["score"] is None, c
	        continue
	    w = sum(f["weight"] for f in there)
	    s = sum(f["weight"] * f["points"] for f in there)
	    assert c["score"] == (2 * s + w) // (2 * w), (c["client"], c["score"], s, w)
	    assert 0 <= c["score"] <= 100
	d = {c["client"]: c for c in j["clients"]}
	assert d["delta"]["score"] == 54 and d["acme"]["score"] == 100 and d["gamma"]["score"] == 9
	f = {x["name"]: x for x in d["delta"]["factors"]}
	assert f["recency"] == {"name": "recency", "value": 34, "weight": 25, "points": 0,
	    "note": "last contact 2026-10-20, 34 days ago; cadence 7d: next due 2026-10-27"}, f["recency"]
	assert f["cadence"]["value"] == 67 and f["nps"]["value"] == 100 and f["brief"]["value"] == 100
	PY
'

test_expect_success PYTHON 'a client without data for a factor leaves it out and says why, never 0' '
	acct health beta --json >beta.json &&
	json_get beta.json "[(f[\"name\"], f[\"points\"], f[\"note\"]) for f in j[\"clients\"][0][\"factors\"]]" >actual &&
	cat >expect <<-\EOF &&
	[('"'"'recency'"'"', None, '"'"'no contact in the log yet'"'"'), ('"'"'cadence'"'"', None, '"'"'no contact in the log yet'"'"'), ('"'"'nps'"'"', None, '"'"'no NPS answer since 2026-05-28'"'"'), ('"'"'nps_trend'"'"', None, '"'"'no NPS answer since 2026-05-28'"'"'), ('"'"'actions'"'"', None, '"'"'no action item with a due date'"'"'), ('"'"'kpi'"'"', None, '"'"'no measurable KPI'"'"'), ('"'"'brief'"'"', None, '"'"'no brief yet'"'"')]
	EOF
	test_cmp expect actual &&
	json_get beta.json "j[\"clients\"][0][\"score\"]" >actual &&
	echo None >expect &&
	test_cmp expect actual &&
	acct health gamma --json >gamma.json &&
	json_get gamma.json "[f[\"name\"] for f in j[\"clients\"][0][\"factors\"] if f[\"points\"] is None]" >actual &&
	echo "['"'"'nps_trend'"'"', '"'"'kpi'"'"', '"'"'brief'"'"']" >expect &&
	test_cmp expect actual
'

test_expect_success 'health: the config'"'"'s weights, renormalised over the factors there' '
	cp "$B/.acct/config.yaml" config.yaml &&
	test_grep "^    recency: 25 " config.yaml &&
	sed -i "s/^    recency: 25 /    recency: 0  /; s/^    brief: 10 /    brief: 40 /" \
		"$B/.acct/config.yaml" &&
	git -C "$B" commit -q -am "weights" &&
	# (67 x 15 + 100 x 15 + 100 x 40) / 70 = 92.9; recency is shown,
	# and weighs nothing.
	acct health delta --explain >actual &&
	test_grep "^93  delta  Delta$" actual &&
	test_grep "recency    34 days  weight 0   points 0" actual &&
	test_grep "brief      100%     weight 40  points 100" actual &&
	# Gamma: (5 x 15 + 0 x 15 + 50 x 10) / 40 = 14.4.
	acct health >actual &&
	head -n 1 actual >first &&
	echo "14   gamma  Gamma" >expect &&
	test_cmp expect first &&
	cp config.yaml "$B/.acct/config.yaml" &&
	git -C "$B" commit -q -am "weights back" &&
	acct health delta >actual &&
	echo "54  delta  Delta" >expect &&
	test_cmp expect actual
'

test_expect_success 'health: a bad weight is named where it is, exit 1' '
	sed -i "s/^    recency: 25 /    recent: 25  /" "$B/.acct/config.yaml" &&
	test_expect_code 1 acct health >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: .acct/config.yaml:[0-9]*:5: health.weights: '"'"'recent'"'"' is not a factor" err &&
	git -C "$B" checkout -q .acct/config.yaml &&
	sed -i "s/^  at_risk: 50 /  at_risk: 101/" "$B/.acct/config.yaml" &&
	test_expect_code 1 acct health 2>err &&
	test_grep "health.at_risk" err &&
	git -C "$B" checkout -q .acct/config.yaml &&
	is_clean
'

test_expect_success 'health --date: the score then, from the book as it stood then' '
	acct health delta --date 2026-10-23 >actual &&
	echo "100  delta  Delta" >expect &&
	test_cmp expect actual &&
	acct health --date 2026-10-23 --json >then.json &&
	test_grep "\"date\": \"2026-10-23\"" then.json &&
	acct health --date 2026-10-23 >actual &&
	cat >expect <<-\EOF &&
	3    gamma  Gamma
	100  acme   Acme
	100  delta  Delta
	-    beta   Beta
	EOF
	test_cmp expect actual &&
	# Gamma then: no answer, no action item yet.
	acct health gamma --date 2026-10-23 --explain >actual &&
	test_grep "nps        -  *weight 15  left out  *no NPS answer since 2026-04-27" actual &&
	test_grep "actions    -  *weight 10  left out  *no action item with a due date" actual &&
	# Nothing of it is stored: the work tree and .git/acct are as before.
	is_clean &&
	! ls "$B/.git/acct" 2>/dev/null | grep -i health
'

test_expect_success 'health --date: what was not in the book then is not there' '
	# A card that is not in the book then: exit 1 naming it.
	test_expect_code 1 acct health gamma --date 2026-08-15 >out 2>err &&
	test_must_be_empty out &&
	test_grep "clients/gamma/client.yaml" err &&
	# Before the first commit: no book.
	test_expect_code 1 acct health --date 2026-07-31 >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: the book has no commit that old" err &&
	# The future has no score; a date must be one.
	test_expect_code 2 acct health --date 2026-11-24 2>err &&
	test_grep "is in the future" err &&
	test_expect_code 2 acct health --date 2026-13-01 2>err &&
	test_grep "^acct: --date: " err
'

test_expect_success 'health: usage' '
	test_expect_code 2 acct health acme beta 2>err &&
	test_grep "unexpected argument '"'"'beta'"'"'" err &&
	test_expect_code 2 acct health zz 2>err &&
	test_grep "no such client '"'"'zz'"'"'" err &&
	test_expect_code 2 acct health --frobnicate 2>err &&
	acct health -h >out &&
	test_grep "acct health \[<client>\] \[--date <date>\] \[--explain\] \[--json\]" out &&
	acct --list-cmds >out &&
	test_grep "^health$" out
'

test_expect_success 'health: a record that cannot be read is named, the rest shown, exit 1' '
	mkdir -p "$B/clients/gamma/nps/2026" &&
	printf "date: 2026-11-11\nscore: 11\n" >"$B/clients/gamma/nps/2026/2026-11-11-bad.yaml" &&
	test_expect_code 1 acct health >actual 2>err &&
	test_grep "clients/gamma/nps/2026/2026-11-11-bad.yaml:2:8: " err &&
	test_line_count = 4 actual &&
	rm "$B/clients/gamma/nps/2026/2026-11-11-bad.yaml" &&
	is_clean
'

# --- the agenda ---------------------------------------------------------------

test_expect_success 'agenda: "at risk" below health.at_risk' '
	acct agenda --all >"$T/agenda" &&
	agenda_line "at risk" gamma &&
	echo "at risk gamma - health 9, below 50; weakest: recency 0, nps 0 acct health gamma --explain" >expect &&
	test_cmp expect "$T/line" &&
	agenda_line "at risk" acme &&
	test_must_be_empty "$T/line" &&
	agenda_line "at risk" beta &&
	test_must_be_empty "$T/line"
'

test_expect_success 'agenda: "at risk" when it fell by more than health.drop since a month ago' '
	agenda_line "at risk" delta &&
	echo "at risk delta - health 54, down 46 from 100 on 2026-10-23; weakest: recency 0 acct health delta --explain" >expect &&
	test_cmp expect "$T/line" &&
	# Most urgent after the detractor.
	sed -n "1,3p" "$T/agenda" | tr -s " " | cut -d" " -f1-3 >actual &&
	cat >expect <<-\EOF &&
	detractor gamma 13
	at risk delta
	at risk gamma
	EOF
	test_cmp expect actual
'

test_expect_success PYTHON 'agenda --json: kind risk, no day, the command' '
	acct agenda --all --json >agenda.json &&
	json_get agenda.json "[(i[\"kind\"], i[\"what\"], i[\"client\"], i[\"due\"], i[\"overdue\"], i[\"command\"]) for i in j[\"items\"] if i[\"kind\"] == \"risk\"]" >actual &&
	cat >expect <<-\EOF &&
	[('"'"'risk'"'"', '"'"'at risk'"'"', '"'"'delta'"'"', None, None, '"'"'acct health delta --explain'"'"'), ('"'"'risk'"'"', '"'"'at risk'"'"', '"'"'gamma'"'"', None, None, '"'"'acct health gamma --explain'"'"')]
	EOF
	test_cmp expect actual
'

test_expect_success 'agenda: the drop is measured from the history, not from what is stored' '
	# Delta called on 2026-10-21 (logged now, dated then): the book of
	# 2026-10-23 did not hold it, so the score then is still 100, and the
	# call lifts today'"'"'s only a little (9 windows of 12 kept: 56): still
	# down more than 15.
	acct log delta "Late note of a call" --channel call --date 2026-10-21T10:00 -q &&
	acct health delta >actual &&
	echo "56  delta  Delta" >expect &&
	test_cmp expect actual &&
	acct health delta --date 2026-10-23 >actual &&
	echo "100  delta  Delta" >expect &&
	test_cmp expect actual &&
	acct agenda --all >"$T/agenda" &&
	agenda_line "at risk" delta &&
	echo "at risk delta - health 56, down 44 from 100 on 2026-10-23; weakest: recency 0 acct health delta --explain" >expect &&
	test_cmp expect "$T/line" &&
	# A detractor of 2026-10-10, recorded only now: the book of 2026-10-23
	# did not hold it either, so that day still scores 100.
	acct nps delta 0 --respondent "Dan" --date 2026-10-10 -q &&
	acct health delta >actual &&
	echo "44  delta  Delta" >expect &&
	test_cmp expect actual &&
	acct health delta --date 2026-10-23 >actual &&
	echo "100  delta  Delta" >expect &&
	test_cmp expect actual &&
	git -C "$B" reset -q --hard HEAD^ &&
	# A call today: 95, down 5 only: no longer at risk.
	acct log delta "Back in touch" --channel call --date 2026-11-23T08:00 -q &&
	acct agenda --all >"$T/agenda" &&
	agenda_line "at risk" delta &&
	test_must_be_empty "$T/line"
'

test_expect_success 'agenda: the thresholds come from the config' '
	git -C "$B" reset -q --hard HEAD~2 &&
	# Delta fell 46, gamma is at 9: at 5 and 50, neither is at risk ...
	sed -i "s/^  at_risk: 50 /  at_risk: 5  /; s/^  drop: 15 /  drop: 50 /" \
		"$B/.acct/config.yaml" &&
	git -C "$B" commit -q -am "thresholds" &&
	acct agenda --all >"$T/agenda" &&
	! grep "^at risk" "$T/agenda" &&
	# ... at 10 and 45, both are.
	sed -i "s/^  at_risk: 5  /  at_risk: 10 /; s/^  drop: 50 /  drop: 45 /" \
		"$B/.acct/config.yaml" &&
	git -C "$B" commit -q -am "thresholds" &&
	acct agenda --all >"$T/agenda" &&
	grep "^at risk" "$T/agenda" | tr -s " " | cut -d" " -f3-7 >actual &&
	cat >expect <<-\EOF &&
	delta - health 54, down
	gamma - health 9, below
	EOF
	test_cmp expect actual &&
	git -C "$B" reset -q --hard HEAD~2
'

test_expect_success 'agenda: a book younger than a month has no drop, and no error' '
	mkdir young && (
		cd young &&
		acct init book >/dev/null &&
		acct -C book client add Solo -q &&
		acct -C book log solo "Hello" --channel call -q &&
		acct -C book health >out &&
		echo "100  solo  Solo" >expect &&
		test_cmp expect out &&
		acct -C book agenda --all >out 2>err &&
		test_must_be_empty err &&
		! grep "at risk" out &&
		test_expect_code 1 acct -C book health --date 2026-10-23 2>err &&
		test_grep "no commit that old" err
	)
'

test_expect_success 'agenda: the scores a month ago of many clients, a few at a time' '
	# Nine clients (more than a batch of the prefetch), each called
	# weekly from 2026-08-20 until a week of its own, then silent: the
	# score each had on 2026-10-23 depends on when it stopped, and the
	# agenda tells each drop (of more than 5 here) with the scores acct
	# health gives, then and now.
	mkdir many && (
		cd many &&
		day 2026-08-01 &&
		acct init book >/dev/null &&
		sed -i "s/^  at_risk: 50 /  at_risk: 10 /; s/^  drop: 15 /  drop: 5  /" \
			book/.acct/config.yaml &&
		git -C book commit -q -am "thresholds" &&
		for k in 1 2 3 4 5 6 7 8 9
		do
			acct -C book client add "Client $k" --since 2026-08-01 -q &&
			acct -C book client set "client-$k" cadence.contact 7d ||
			return 1
		done &&
		w=0 &&
		for d in 08-20 08-27 09-03 09-10 09-17 09-24 10-01 10-08 10-15 10-22
		do
			w=$((w + 1)) &&
			day "2026-$d" &&
			for k in 1 2 3 4 5 6 7 8 9
			do
				test "$w" -le $((10 - (k - 1) % 3 * 2)) || continue
				acct -C book log "client-$k" "Call" --channel call \
					--date "2026-${d}T10:00" -q || return 1
			done || return 1
		done &&
		acct -C book agenda --all >agenda &&
		grep "^at risk" agenda | tr -s " " >risk &&
		for k in 1 2 3 4 5 6 7 8 9
		do
			then=$(acct -C book health "client-$k" --date 2026-10-23 |
			       cut -d" " -f1) &&
			now=$(acct -C book health "client-$k" | cut -d" " -f1) &&
			echo "$then" >>thens &&
			test_grep "^at risk client-$k - health $now, down $((then - now)) from $then on 2026-10-23;" risk ||
			return 1
		done &&
		sort -u thens >distinct &&
		test_line_count = 3 distinct &&
		test_line_count = 9 risk
	)
'

# --- the portfolio ----------------------------------------------------------------

test_expect_success PYTHON 'the portfolio shows each client'"'"'s score' '
	acct report --all --period 2026-11 --format json >p.json &&
	json_get p.json "[(c[\"slug\"], c[\"health\"]) for c in j[\"clients\"]]" >actual &&
	echo "[('"'"'acme'"'"', 100), ('"'"'beta'"'"', None), ('"'"'delta'"'"', 54), ('"'"'gamma'"'"', 9)]" >expect &&
	test_cmp expect actual &&
	json_get p.json "j[\"tables\"][\"clients\"][\"columns\"][-2], [r[-2] for r in j[\"tables\"][\"clients\"][\"rows\"]]" >actual &&
	echo "Health [100, '"'"'-'"'"', 54, 9]" >expect &&
	test_cmp expect actual &&
	acct report --all --period 2026-11 --locale ru --format json >p.ru.json &&
	json_get p.ru.json "j[\"tables\"][\"clients\"][\"columns\"][-2]" >actual &&
	echo "Здоровье" >expect &&
	test_cmp expect actual &&
	acct report --all --period 2026-11 --locale ru >p.ru.md &&
	test_grep -F "под угрозой: индекс здоровья 54, упал на 46 с 100 (2026-10-23)" p.ru.md &&
	test_grep -F "под угрозой: индекс здоровья 9, ниже 50" p.ru.md
'

test_done
