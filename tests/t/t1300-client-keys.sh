#!/bin/sh
# shellcheck disable=SC2016

test_description='acct client: every key the card knows

client show (text and --json) shows channels and goals with the other
known keys, and --json the keys acct does not know under "extra"; client
add sets channels, goals, KPIs and the fee; client set -h lists every key
with what it may hold, from the table that checks the values, and a key
that holds several values names the ones that can be set.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

command -v python3 >/dev/null 2>&1 && test_set_prereq PYTHON

# --- helpers ----------------------------------------------------------------

unchanged () {
	test_book_state "$B" >"$T/state.after" &&
	test_cmp "$T/state.before" "$T/state.after"
}

# refused CODE MESSAGE CMD...: CMD exits CODE, prints nothing on stdout,
# says "acct: MESSAGE" (exactly) on stderr's first line, and the book is
# as it was.
refused () {
	code_r_=$1 msg_r_=$2 &&
	shift 2 &&
	snapshot &&
	test_expect_code "$code_r_" "$@" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	head -n 1 "$T/err" >"$T/err.first" &&
	echo "acct: $msg_r_" >"$T/err.expect" &&
	test_cmp "$T/err.expect" "$T/err.first" &&
	unchanged
}

# jfield FILE EXPR: the Python expression EXPR over the JSON in FILE (as
# d), printed as compact JSON.
jfield () {
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
print(json.dumps(eval(sys.argv[2]), ensure_ascii=False, sort_keys=True))
" "$1" "$2"
}

# --- client add -------------------------------------------------------------

test_expect_success 'setup' '
	acct init book >/dev/null
'

test_expect_success 'client add: channels, goal, KPIs and the fee on the new card' '
	acct client add "ООО «Ромашка»" --since 2026-03-01 \
		--manager "Anna Petrova <anna@agency.example>" \
		--fast-channel telegram --official-channel email \
		--goal "Grow app sales by 25% this year" \
		--kpi "CPL <= 500 RUB" --kpi "leads: 200 a month" \
		--budget 150000 --fee 90000 --floating 30 --currency RUB >out &&
	echo ooo-romashka >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	name: ООО «Ромашка»
	status: active
	since: 2026-03-01
	manager: Anna Petrova <anna@agency.example>
	channels: {fast: telegram, official: email}
	budget: {amount: 150000, currency: RUB, period: month}
	fee: {amount: 90000, currency: RUB, period: month, floating: 30}
	goals: {business: Grow app sales by 25% this year, kpi: [CPL <= 500 RUB, "leads: 200 a month"]}
	EOF
	test_cmp expect "$B/clients/ooo-romashka/client.yaml" &&
	git -C "$B" log -1 --format=%s >subject &&
	echo "client add ooo-romashka: ООО «Ромашка»" >expect &&
	test_cmp expect subject
'

test_expect_success 'client add --fee without --currency: the book'"'"'s currency, period month' '
	acct client add Acme --fee 1500.50 -q &&
	test_grep "^fee: {amount: 1500.50, currency: RUB, period: month}$" \
		"$B/clients/acme/client.yaml" &&
	test_when_finished "git -C \"$B\" reset -q --hard HEAD~2" &&
	sed "s/^currency: .*/currency: EUR/" "$B/.acct/config.yaml" >cfg &&
	cp cfg "$B/.acct/config.yaml" &&
	git -C "$B" commit -q -am "euros" &&
	acct client add Beta --fee 100 --official-channel phone -q &&
	cat >expect <<-\EOF &&
	name: Beta
	status: active
	since: 2026-11-23
	manager: A U Thor <author@example.com>
	channels: {official: phone}
	fee: {amount: 100, currency: EUR, period: month}
	EOF
	test_cmp expect "$B/clients/beta/client.yaml"
'

test_expect_success 'client add: only the goal, only KPIs, only the fast channel' '
	test_when_finished "git -C \"$B\" reset -q --hard HEAD~3" &&
	acct client add G1 --goal "Be known" -q &&
	test_grep "^goals: {business: Be known}$" "$B/clients/g1/client.yaml" &&
	acct client add G2 --kpi "CTR >= 2%" -q &&
	test_grep "^goals: {kpi: \[CTR >= 2%\]}$" "$B/clients/g2/client.yaml" &&
	acct client add G3 --fast-channel whatsapp -q &&
	test_grep "^channels: {fast: whatsapp}$" "$B/clients/g3/client.yaml"
'

test_expect_success 'client add: bad values exit 2 naming the option, nothing written' '
	refused 2 "--fast-channel must be one of telegram, whatsapp, viber, signal, slack, teams, wechat, vk, max, chat, email, phone, not '"'"'pigeon'"'"'" \
		acct client add X --fast-channel pigeon &&
	refused 2 "--official-channel must be one of telegram, whatsapp, viber, signal, slack, teams, wechat, vk, max, chat, email, phone, not '"'"'Email'"'"'" \
		acct client add X --official-channel Email &&
	refused 2 "--fee must be a number such as 150000 or 99.50, not '"'"'90k'"'"'" \
		acct client add X --fee 90k &&
	refused 2 "--floating must be a whole percent from 0 to 100, not '"'"'101'"'"'" \
		acct client add X --fee 1 --floating 101 &&
	refused 2 "--floating goes with --fee: it is the share of the fee tied to NPS" \
		acct client add X --floating 30 &&
	refused 2 "--currency goes with --budget or --fee" \
		acct client add X --currency RUB &&
	refused 2 "--currency must be a three-letter code such as RUB, EUR or USD, not '"'"'rub'"'"'" \
		acct client add X --fee 1 --currency rub &&
	refused 2 "--goal must not be empty" acct client add X --goal "" &&
	refused 2 "--kpi must not be empty" acct client add X --kpi a --kpi "" &&
	refused 2 "--kpi must be a single line of text" \
		acct client add X --kpi "$(printf "a\nb")"
'

# --- client show ------------------------------------------------------------

test_expect_success 'setup: keys acct does not know, by hand' '
	cat >>"$B/clients/ooo-romashka/client.yaml" <<-\EOF &&
	crm_id: "00123"
	portal: {url: "https://portal.example/a, b", users: [anna, boris]}
	EOF
	sed "s/^goals: {/goals: {horizon: 2027, /" \
		"$B/clients/ooo-romashka/client.yaml" >card &&
	cp card "$B/clients/ooo-romashka/client.yaml" &&
	git -C "$B" commit -q -am "by hand: unknown keys"
'

test_expect_success 'client show: channels and goals with the other keys' '
	acct client show ooo >out 2>err &&
	test_must_be_empty err &&
	cat >expect <<-\EOF &&
	slug:     ooo-romashka
	name:     ООО «Ромашка»
	status:   active
	since:    2026-03-01
	manager:  Anna Petrova <anna@agency.example>
	budget:
	  amount:   150000
	  currency: RUB
	  period:   month
	fee:
	  amount:   90000
	  currency: RUB
	  period:   month
	  floating: 30
	channels:
	  fast:     telegram
	  official: email
	goals:
	  business: Grow app sales by 25% this year
	  kpi:      CPL <= 500 RUB, leads: 200 a month
	extra:
	  goals.horizon: 2027
	  crm_id:        00123
	  portal:        {url: "https://portal.example/a, b", users: [anna, boris]}
	EOF
	test_cmp expect out
'

test_expect_success PYTHON 'client show --json: channels, goals and extra' '
	acct client show ooo --json >json &&
	jfield json "d[\"client\"][\"channels\"]" >actual &&
	echo "{\"fast\": \"telegram\", \"official\": \"email\"}" >expect &&
	test_cmp expect actual &&
	jfield json "d[\"client\"][\"goals\"]" >actual &&
	echo "{\"business\": \"Grow app sales by 25% this year\", \"kpi\": [\"CPL <= 500 RUB\", \"leads: 200 a month\"], \"marketing\": null, \"project\": null}" >expect &&
	test_cmp expect actual &&
	jfield json "d[\"client\"][\"extra\"]" >actual &&
	echo "{\"crm_id\": \"00123\", \"goals.horizon\": \"2027\", \"portal\": \"{url: \\\"https://portal.example/a, b\\\", users: [anna, boris]}\"}" >expect &&
	test_cmp expect actual &&
	jfield json "sorted(d[\"client\"])" >actual &&
	echo "[\"archived\", \"budget\", \"cadence\", \"campaigns\", \"channels\", \"contacts\", \"email\", \"extra\", \"fee\", \"goals\", \"hours\", \"locale\", \"manager\", \"name\", \"phone\", \"services\", \"since\", \"slug\", \"source\", \"status\", \"style\", \"tags\", \"telegram\", \"timezone\"]" >expect &&
	test_cmp expect actual
'

test_expect_success PYTHON 'client show --json: a card without them has null and {}' '
	acct client show acme --json >json &&
	jfield json "[d[\"client\"][k] for k in (\"channels\", \"goals\", \"extra\")]" >actual &&
	echo "[null, null, {}]" >expect &&
	test_cmp expect actual
'

# --- client set -------------------------------------------------------------

test_expect_success 'client set channels on a card without channels names the keys to set' '
	refused 2 "channels holds several values: set one of them: channels.fast, channels.official" \
		acct client set acme channels "telegram, email" &&
	test_grep "^hint: '"'"'acct client set -h'"'"' lists the keys and what each may hold$" "$T/err" &&
	refused 2 "goals holds several values: set one of them: goals.business, goals.kpi, goals.marketing, goals.project" \
		acct client set acme goals "Grow" &&
	refused 2 "channels.fast must be one of telegram, whatsapp, viber, signal, slack, teams, wechat, vk, max, chat, email, phone, not '"'"'telegram, email'"'"'" \
		acct client set acme channels.fast "telegram, email"
'

test_expect_success 'client set channels.fast and goals.business: in the card, shown' '
	acct client set acme channels.fast telegram &&
	acct client set acme goals.business "Twice the leads" &&
	acct client show acme >out &&
	test_grep "^  fast: *telegram$" out &&
	test_grep "^  business: *Twice the leads$" out
'

test_expect_success 'client set -h lists every key with what it may hold' '
	acct client set -h >out 2>err &&
	test_must_be_empty err &&
	sed -n "/^The keys and what each may hold:/,\$p" out >keys &&
	for line in \
		"status  *one of lead, active, paused, churned" \
		"channels.fast  *one of telegram, whatsapp, viber, signal, slack, teams, wechat, vk, max, chat, email, phone" \
		"channels.official  *one of telegram, whatsapp," \
		"goals.business  *text" \
		"goals.kpi  *a list of text: --add and --remove" \
		"fee.floating  *a whole percent from 0 to 100" \
		"cadence.report  *weekly, monthly or a duration" \
		"since  *a date, YYYY-MM-DD" \
		"style  *formal or informal" \
		"hours  *working hours as HH:MM-HH:MM"
	do
		test_grep "^    $line" keys || return 1
	done &&
	test_grep "^Other keys are kept as text.$" keys &&
	test_grep ! "^    channels  " keys &&
	acct client set --complete-opts >opts &&
	echo "--add= --remove= --unset <client>" >expect &&
	test_cmp expect opts
'

# The help and the check come from one table: each listed "one of" or
# "a ..." is what a bad value is told.
test_expect_success 'client set: a bad value is told what client set -h says' '
	for key in status style channels.fast channels.official fee.period \
		budget.period fee.floating fee.amount budget.currency hours
	do
		allowed=$(sed -n "s/^    $key  *//p" keys) &&
		test -n "$allowed" &&
		refused 2 "$key must be $allowed, not '"'"'bogus'"'"'" \
			acct client set acme "$key" bogus || return 1
	done
'

test_done
