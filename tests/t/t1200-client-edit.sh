#!/bin/sh
# shellcheck disable=SC2016

test_description='acct client set, edit, rename, archive, unarchive

Every change to a card is one commit that rewrites only the bytes of the
value it changes (comments, blank lines, key order, CRLF and a BOM stay);
a missing key is added where DESIGN.md'"'"'s example order puts it; bad
values exit 2 naming the key and what is allowed; a card changed by hand
and not committed is refused (exit 1) naming the file; anchors and
aliases are refused cleanly; an editor session that changes nothing is no
commit, a failing editor or an invalid result changes nothing (the text is
kept in a rescue file); rename --slug moves the whole folder in one
commit; archived clients are hidden from client list unless --all.'

. ./test-lib.sh

# The book is found through ACCT_DIR; the test's own files (out, err,
# expect ...) stay in the trash directory, outside the book.
T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

# The interpreter itself, not a (slow) version manager's shim.
PYTHON=$(python3 -c "import sys; print(sys.executable)" 2>/dev/null) ||
PYTHON=python3
test -n "$PYTHON" || PYTHON=python3
"$PYTHON" -c "import json" >/dev/null 2>&1 && test_set_prereq PYTHON
"$PYTHON" -c "import yaml" >/dev/null 2>&1 && test_set_prereq PYYAML

# --- helpers ----------------------------------------------------------------

# card SLUG: the path of the card.
card () {
	echo "$B/clients/$1/client.yaml"
}

# hand_card SLUG: stdin into the card of SLUG, committed by hand (git), as
# another tool or a person would.
hand_card () {
	mkdir -p "$B/clients/$1" &&
	cat >"$B/clients/$1/client.yaml" &&
	git -C "$B" add "clients/$1/client.yaml" &&
	git -C "$B" commit -q -m "by hand: $1"
}

# changed_lines SLUG: the removed and added lines of the last commit's
# change to the card of SLUG, without the diff's headers.
changed_lines () {
	git -C "$B" diff HEAD^ HEAD -- "clients/$1/client.yaml" >"$T/diff.out" &&
	sed -e '/^+++ /d' -e '/^--- /d' -e '/^[-+]/!d' "$T/diff.out"
}

# snapshot and unchanged (test-lib) compare .git/acct too, caches aside.
book_state_acct=t

# bad_value KEY VALUE WORD...: "acct client set acme KEY VALUE" exits 2,
# names KEY and every WORD (what is allowed) on stderr, changes nothing.
bad_value () {
	key_b_=$1 val_b_=$2 &&
	shift 2 &&
	refused 2 "$key_b_" acct client set acme "$key_b_" "$val_b_" &&
	for w_b_
	do
		test_grep -F -e "$w_b_" "$T/err" || return 1
	done
}

# no_editor CMD...: CMD with neither EDITOR nor VISUAL in its environment.
no_editor () {
	(
		unset EDITOR VISUAL
		"$@"
	)
}

# ycheck CARD PATH EXPECTED: the card loaded by PyYAML has the string
# EXPECTED at PATH (keys and list indexes joined by "."; -1 the last).
cat >"$T/ycheck.py" <<\EOF
import sys, yaml
card, path, want = sys.argv[1], sys.argv[2], sys.argv[3]
d = yaml.safe_load(open(card, encoding="utf-8-sig"))
for k in path.split("."):
    d = d[int(k)] if isinstance(d, list) else d[k]
if d != want:
    print("at %s: got %r, want %r" % (path, d, want))
    sys.exit(1)
EOF
ycheck () {
	"$PYTHON" "$T/ycheck.py" "$@"
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

# --- setup ----------------------------------------------------------------

test_expect_success 'setup: a book and a card written by hand' '
	acct init book >/dev/null &&
	hand_card acme <<-\EOF &&
	# Acme: kept by hand and by acct
	name: Acme Widgets   # as on the contract
	status: active

	since: 2025-01-15
	manager: Anna Petrova <anna@agency.example>
	# what we sell them
	services: [seo, context]
	tags: [key]
	x-crm: ACME-4411   # not acct'"'"'s, kept
	EOF
	is_clean
'

# --- set: scalars, dotted keys, where a new key goes ----------------------------

test_expect_success 'set a scalar: one commit, one line changed, silent' '
	remember &&
	acct client set acme status paused >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	one_commit "client set acme: status=paused" clients/acme/client.yaml &&
	printf "%s\n" "-status: active" "+status: paused" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual
'

test_expect_success 'set cadence.contact: a missing mapping is added after services' '
	remember &&
	acct client set acme cadence.contact 7d >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	one_commit "client set acme: cadence.contact=7d" clients/acme/client.yaml &&
	echo "+cadence: {contact: 7d}" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual &&
	grep -A1 "^services:" "$(card acme)" >actual &&
	printf "%s\n" "services: [seo, context]" "cadence: {contact: 7d}" >expect &&
	test_cmp expect actual
'

test_expect_success 'set budget.amount: added after cadence, as a number' '
	remember &&
	acct client set acme budget.amount 200000 &&
	one_commit "client set acme: budget.amount=200000" clients/acme/client.yaml &&
	echo "+budget: {amount: 200000}" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual
'

test_expect_success 'set fee.floating: added after budget' '
	remember &&
	acct client set acme fee.floating 30 &&
	one_commit "client set acme: fee.floating=30" clients/acme/client.yaml &&
	echo "+fee: {floating: 30}" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual
'

test_expect_success 'set cadence.call: added at the end of the flow mapping' '
	remember &&
	acct client set acme cadence.call 14d &&
	one_commit "client set acme: cadence.call=14d" clients/acme/client.yaml &&
	printf "%s\n" "-cadence: {contact: 7d}" "+cadence: {contact: 7d, call: 14d}" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual
'

test_expect_success 'set timezone, style, source: each lands in DESIGN order' '
	remember &&
	acct client set acme timezone Asia/Almaty &&
	one_commit "client set acme: timezone=Asia/Almaty" clients/acme/client.yaml &&
	echo "+timezone: Asia/Almaty" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual &&
	remember &&
	acct client set acme style formal &&
	one_commit "client set acme: style=formal" clients/acme/client.yaml &&
	echo "+style: formal" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual &&
	remember &&
	acct client set acme source referral &&
	one_commit "client set acme: source=referral" clients/acme/client.yaml &&
	echo "+source: referral" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual
'

test_expect_success 'set since and an unknown key: the comments on their lines stay' '
	remember &&
	acct client set acme since 2025-02-01 &&
	one_commit "client set acme: since=2025-02-01" clients/acme/client.yaml &&
	remember &&
	acct client set acme x-crm ACME-4412 &&
	one_commit "client set acme: x-crm=ACME-4412" clients/acme/client.yaml &&
	printf "%s\n" "-x-crm: ACME-4411   # not acct'"'"'s, kept" \
		"+x-crm: ACME-4412   # not acct'"'"'s, kept" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual
'

test_expect_success 'after all those sets the card is exactly as expected' '
	cat >expect <<-\EOF &&
	# Acme: kept by hand and by acct
	name: Acme Widgets   # as on the contract
	status: paused

	since: 2025-02-01
	manager: Anna Petrova <anna@agency.example>
	# what we sell them
	services: [seo, context]
	style: formal
	timezone: Asia/Almaty
	cadence: {contact: 7d, call: 14d}
	budget: {amount: 200000}
	fee: {floating: 30}
	source: referral
	tags: [key]
	x-crm: ACME-4412   # not acct'"'"'s, kept
	EOF
	test_cmp expect "$(card acme)"
'

test_expect_success PYTHON 'client show --json reads the values set' '
	acct client show acme --json >json &&
	echo 1 >expect && jget format <json >actual && test_cmp expect actual &&
	echo paused >expect && jget client.status <json >actual && test_cmp expect actual &&
	echo 2025-02-01 >expect && jget client.since <json >actual && test_cmp expect actual &&
	echo formal >expect && jget client.style <json >actual && test_cmp expect actual &&
	echo Asia/Almaty >expect && jget client.timezone <json >actual && test_cmp expect actual &&
	echo 200000 >expect && jget client.budget.amount <json >actual && test_cmp expect actual
'

test_expect_success 'setting the same value again: exit 0, no commit, nothing changed' '
	remember &&
	snapshot &&
	acct client set acme status paused >out 2>err &&
	test_must_be_empty out &&
	no_commit &&
	unchanged &&
	acct client set acme cadence.contact 7d >out 2>err &&
	test_must_be_empty out &&
	no_commit &&
	unchanged
'

test_expect_success 'set hours: a value that needs quoting is written so it reads back' '
	remember &&
	acct client set acme hours 09:00-18:00 &&
	one_commit "client set acme: hours=09:00-18:00" clients/acme/client.yaml &&
	changed_lines acme >actual &&
	test_line_count = 1 actual &&
	test_grep "^+hours: " actual &&
	acct client show acme >out &&
	test_grep -F "09:00-18:00" out
'

# --- set on a card with CRLF line endings, a BOM, comments, odd indentation ----

test_expect_success 'setup: a CRLF card with a BOM, comments and Cyrillic, by hand' '
	printf "\357\273\277# Бета: written on Windows\r\n" >beta.yaml &&
	printf "%s\r\n" \
		"name: \"Бета «ООО»\"   # quoted on purpose" \
		"" \
		"status: active # lead | active | paused | churned" \
		"since: 2025-01-15" \
		"" \
		"# что продаём" \
		"services:" \
		"  - seo" \
		"  - smm   # since spring" \
		"cadence: {note: \"звонить утром\", contact: 3wd,  call: 14d}   # spaced by hand" \
		"budget:" \
		"    amount: 150000   # в рублях" \
		"    currency: RUB" \
		"source: referral # who sent them" \
		"tags: [ключ, \"real estate\"]" \
		"x-note: '"'"'kept'"'"'" >>beta.yaml &&
	hand_card beta <beta.yaml &&
	cp beta.yaml beta.orig &&
	is_clean
'

# crlf_change SLUG LINE...: the last commit changed exactly LINEs (each
# "-..." or "+...", given without the CR) of a CRLF card.
crlf_change () {
	slug_c_=$1 &&
	shift &&
	printf "%s\r\n" "$@" >"$T/expect" &&
	changed_lines "$slug_c_" >"$T/actual" &&
	test_cmp "$T/expect" "$T/actual"
}

test_expect_success 'CRLF+BOM: set status changes one line, CR and comment kept' '
	remember &&
	acct client set beta status paused &&
	one_commit "client set beta: status=paused" clients/beta/client.yaml &&
	crlf_change beta "-status: active # lead | active | paused | churned" \
		"+status: paused # lead | active | paused | churned"
'

test_expect_success 'CRLF+BOM: set cadence.contact in a flow mapping after Cyrillic' '
	remember &&
	acct client set beta cadence.contact 7d &&
	one_commit "client set beta: cadence.contact=7d" clients/beta/client.yaml &&
	crlf_change beta \
		"-cadence: {note: \"звонить утром\", contact: 3wd,  call: 14d}   # spaced by hand" \
		"+cadence: {note: \"звонить утром\", contact: 7d,  call: 14d}   # spaced by hand"
'

test_expect_success 'CRLF+BOM: set budget.amount in a block mapping indented by 4' '
	remember &&
	acct client set beta budget.amount 200000 &&
	one_commit "client set beta: budget.amount=200000" clients/beta/client.yaml &&
	crlf_change beta "-    amount: 150000   # в рублях" "+    amount: 200000   # в рублях"
'

test_expect_success 'CRLF+BOM: a new nested key gets the mapping'"'"'s indentation and CRLF' '
	remember &&
	acct client set beta budget.period month &&
	one_commit "client set beta: budget.period=month" clients/beta/client.yaml &&
	crlf_change beta "+    period: month"
'

test_expect_success 'CRLF+BOM: a new top-level key is one added CRLF line' '
	remember &&
	acct client set beta fee.floating 30 &&
	one_commit "client set beta: fee.floating=30" clients/beta/client.yaml &&
	crlf_change beta "+fee: {floating: 30}"
'

test_expect_success 'CRLF+BOM: services --add to a block list' '
	remember &&
	acct client set beta services --add context &&
	one_commit "client set beta: services+=context" clients/beta/client.yaml &&
	crlf_change beta "+  - context"
'

test_expect_success 'CRLF+BOM: services --remove from a block list' '
	remember &&
	acct client set beta services --remove seo &&
	one_commit "client set beta: services-=seo" clients/beta/client.yaml &&
	crlf_change beta "-  - seo"
'

test_expect_success 'CRLF+BOM: tags --add and --remove in a flow list' '
	remember &&
	acct client set beta tags --add new &&
	one_commit "client set beta: tags+=new" clients/beta/client.yaml &&
	crlf_change beta "-tags: [ключ, \"real estate\"]" "+tags: [ключ, \"real estate\", new]" &&
	remember &&
	acct client set beta tags --remove ключ &&
	one_commit "client set beta: tags-=ключ" clients/beta/client.yaml &&
	crlf_change beta "-tags: [ключ, \"real estate\", new]" "+tags: [\"real estate\", new]"
'

test_expect_success 'CRLF+BOM: --unset removes exactly the line' '
	remember &&
	acct client set beta source --unset &&
	one_commit "client set beta: unset source" clients/beta/client.yaml &&
	crlf_change beta "-source: referral # who sent them"
'

test_expect_success 'CRLF+BOM: rename changes only the name on the first line after the BOM' '
	remember &&
	acct client rename beta "Бета Групп" &&
	git -C "$B" log -1 --format=%s >subject &&
	test_grep "^client rename beta: " subject &&
	changed_lines beta >actual &&
	test_line_count = 2 actual &&
	test_grep "^-name: \"Бета «ООО»\"   # quoted on purpose" actual &&
	test_grep "^+name: Бета Групп   # quoted on purpose" actual &&
	is_clean
'

test_expect_success 'CRLF+BOM: the card is the original but for those values' '
	printf "\357\273\277# Бета: written on Windows\r\n" >expect &&
	printf "%s\r\n" \
		"name: Бета Групп   # quoted on purpose" \
		"" \
		"status: paused # lead | active | paused | churned" \
		"since: 2025-01-15" \
		"" \
		"# что продаём" \
		"services:" \
		"  - smm   # since spring" \
		"  - context" \
		"cadence: {note: \"звонить утром\", contact: 7d,  call: 14d}   # spaced by hand" \
		"budget:" \
		"    amount: 200000   # в рублях" \
		"    currency: RUB" \
		"    period: month" \
		"fee: {floating: 30}" \
		"tags: [\"real estate\", new]" \
		"x-note: '"'"'kept'"'"'" >>expect &&
	test_cmp expect "$(card beta)"
'

test_expect_success PYYAML 'CRLF+BOM: the card still loads with the values set' '
	c=$(card beta) &&
	ycheck "$c" name "Бета Групп" &&
	ycheck "$c" cadence.note "звонить утром" &&
	ycheck "$c" cadence.contact 7d &&
	ycheck "$c" budget.period month &&
	ycheck "$c" services.1 context &&
	ycheck "$c" x-note kept
'

# --- set: lists ----------------------------------------------------------------

test_expect_success 'services --add to a flow list; several values in one commit' '
	remember &&
	acct client set acme services --add smm --add web >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	one_commit "client set acme: services+=smm, services+=web" clients/acme/client.yaml &&
	printf "%s\n" "-services: [seo, context]" "+services: [seo, context, smm, web]" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual
'

test_expect_success 'tags --remove the last value of a flow list' '
	remember &&
	acct client set acme tags --remove key &&
	one_commit "client set acme: tags-=key" clients/acme/client.yaml &&
	changed_lines acme >actual &&
	test_line_count = 2 actual &&
	test_grep -x -e "-tags: \[key\]" actual &&
	test_grep "^+tags: *\[ *\]$" actual
'

test_expect_success 'tags --add to a card without tags; services --add without services' '
	acct client add Gamma >/dev/null &&
	remember &&
	acct client set gamma services --add seo &&
	one_commit "client set gamma: services+=seo" clients/gamma/client.yaml &&
	echo "+services: [seo]" >expect &&
	changed_lines gamma >actual &&
	test_cmp expect actual &&
	grep -B1 "^services:" "$(card gamma)" >actual &&
	test_grep "^manager: " actual &&
	remember &&
	acct client set gamma tags --add vip &&
	one_commit "client set gamma: tags+=vip" clients/gamma/client.yaml &&
	echo "+tags: [vip]" >expect &&
	changed_lines gamma >actual &&
	test_cmp expect actual
'

test_expect_success '--add of a value already there: no commit, book unchanged' '
	remember &&
	snapshot &&
	{ acct client set gamma tags --add vip >out 2>err || :; } &&
	test_must_be_empty out &&
	no_commit &&
	unchanged
'

test_expect_success '--unset a key: the line goes, one commit' '
	remember &&
	acct client set acme source --unset &&
	one_commit "client set acme: unset source" clients/acme/client.yaml &&
	echo "-source: referral" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual
'

# --- set: bad values on the command line ------------------------------------------

test_expect_success 'status bogus: exit 2 naming status and the allowed values' '
	bad_value status bogus lead active paused churned
'

test_expect_success 'since 2026-02-30: exit 2, not a date' '
	bad_value since 2026-02-30 "2026-02-30" &&
	test_grep -i "date" "$T/err"
'

test_expect_success 'since 2026-2-3 and since tomorrow: exit 2, strict dates' '
	bad_value since 2026-2-3 "2026-2-3" &&
	bad_value since tomorrow "tomorrow"
'

test_expect_success 'cadence.contact 3x: exit 2 naming the duration forms' '
	bad_value cadence.contact 3x Nd Nw Nm Nwd
'

test_expect_success 'budget.amount abc: exit 2, must be a number' '
	bad_value budget.amount abc abc &&
	test_grep -i "number" "$T/err"
'

test_expect_success 'fee.floating 101: exit 2, a percent from 0 to 100' '
	bad_value fee.floating 101 101 0 100
'

test_expect_success 'style x: exit 2 naming formal and informal' '
	bad_value style x formal informal
'

test_expect_success 'hours 25:00-26:00: exit 2 naming the HH:MM-HH:MM form' '
	bad_value hours 25:00-26:00 "HH:MM"
'

test_expect_success 'a list key set to a scalar: exit 2, use --add or --remove' '
	refused 2 services acct client set acme services seo &&
	test_grep -e "--add" "$T/err" &&
	refused 2 tags acct client set acme tags key
'

test_expect_success 'a mapping key set to a scalar: exit 2' '
	refused 2 budget acct client set acme budget 5 &&
	refused 2 cadence acct client set acme cadence 7d
'

test_expect_success 'a dotted key under a scalar (status.x): exit 2, nothing changed' '
	refused 2 status acct client set acme status.x 1
'

test_expect_success 'a dotted key through a scalar names the path up to it (issue 14, point 4)' '
	git -C "$B" show HEAD:clients/acme/client.yaml >card.before &&
	acct client set acme extra.abc 1 &&
	refused 1 "'"'extra.abc'"' is not a mapping" \
		acct client set acme extra.abc.defghijklmnop v &&
	test_grep ! "defgh" "$T/err" &&
	refused 1 "'"'extra.abc'"' is not a mapping" acct client set acme extra.abc.d v &&
	acct client set acme extra --unset &&
	git -C "$B" show HEAD:clients/acme/client.yaml >card.after &&
	test_cmp card.before card.after
'

test_expect_success '--unset name: exit 2, a card must have a name' '
	refused 2 name acct client set acme name --unset
'

test_expect_success '--remove a value the list lacks: exit 2 naming it' '
	refused 2 zz acct client set acme services --remove zz &&
	test_grep services "$T/err" &&
	refused 2 zz acct client set acme tags --remove zz
'

test_expect_success '--add on a key that is not a list: exit 2' '
	refused 2 status acct client set acme status --add x
'

test_expect_success 'a value together with --unset: exit 2 with the usage' '
	refused 2 usage acct client set acme status paused --unset
'

test_expect_success 'an invalid key: exit 2' '
	refused 2 "a..b" acct client set acme a..b x
'

test_expect_success 'unknown client: exit 2 naming it, for every command' '
	refused 2 "nosuch" acct client set nosuch status paused &&
	refused 2 "nosuch" acct client edit nosuch &&
	refused 2 "nosuch" acct client rename nosuch "New Name" &&
	refused 2 "nosuch" acct client rename nosuch --slug newslug &&
	refused 2 "nosuch" acct client archive nosuch &&
	refused 2 "nosuch" acct client unarchive nosuch
'

test_expect_success 'missing operands: exit 2 with the usage' '
	refused 2 usage acct client set acme &&
	refused 2 usage acct client set acme status &&
	refused 2 usage acct client edit
'

# --- set: hand edits not yet committed ---------------------------------------------

test_expect_success 'a hand edit of the card, not committed: set refused, exit 1, edit kept' '
	c=$(card acme) &&
	test_when_finished "git -C \"$B\" checkout -- clients/acme/client.yaml" &&
	echo "# added by hand" >>"$c" &&
	cp "$c" hand &&
	refused 1 "clients/acme/client.yaml" acct client set acme status active &&
	test_grep "^hint: " "$T/err" &&
	test_cmp hand "$c"
'

test_expect_success 'a hand edit staged but not committed: set refused, exit 1' '
	c=$(card acme) &&
	test_when_finished "git -C \"$B\" reset -q HEAD -- clients/acme/client.yaml && git -C \"$B\" checkout -- clients/acme/client.yaml" &&
	echo "# staged by hand" >>"$c" &&
	git -C "$B" add clients/acme/client.yaml &&
	cp "$c" hand &&
	refused 1 "clients/acme/client.yaml" acct client set acme status active &&
	test_cmp hand "$c"
'

test_expect_success 'a hand edit of the card: every writing command refuses it' '
	c=$(card gamma) &&
	test_when_finished "git -C \"$B\" checkout -- clients/gamma/client.yaml" &&
	echo "# added by hand" >>"$c" &&
	cp "$c" hand &&
	refused 1 "clients/gamma/client.yaml" acct client set gamma tags --add x &&
	refused 1 "clients/gamma/client.yaml" acct client set gamma status --unset &&
	refused 1 "clients/gamma/client.yaml" acct client rename gamma "Gamma Two" &&
	refused 1 "clients/gamma/client.yaml" acct client archive gamma &&
	test_cmp hand "$c"
'

test_expect_success 'a hand edit of the card: rename --slug refuses it naming the card' '
	c=$(card gamma) &&
	test_when_finished "git -C \"$B\" checkout -- clients/gamma/client.yaml" &&
	echo "# added by hand" >>"$c" &&
	cp "$c" hand &&
	refused 1 "clients/gamma/client.yaml" acct client rename gamma --slug gamma-two &&
	test_cmp hand "$c"
'

test_expect_success 'a hand edit of another card does not stop set, and is not committed' '
	c=$(card gamma) &&
	test_when_finished "git -C \"$B\" checkout -- clients/gamma/client.yaml" &&
	echo "# added by hand" >>"$c" &&
	cp "$c" hand &&
	remember &&
	acct client set acme status active &&
	git -C "$B" diff-tree -r --no-commit-id --name-only HEAD >actual &&
	echo clients/acme/client.yaml >expect &&
	test_cmp expect actual &&
	git -C "$B" rev-parse HEAD^ >actual &&
	test_cmp "$T/old-head" actual &&
	git -C "$B" status --porcelain >actual &&
	echo " M clients/gamma/client.yaml" >expect &&
	test_cmp expect actual &&
	test_cmp hand "$c"
'

# --- set: anchors, aliases, tags, UTF-16 ----------------------------------------------

test_expect_success 'setup: a card with anchors, an alias and a tag' '
	hand_card anch <<-\EOF
	name: Anch
	status: active
	base: &b {amount: 100, currency: RUB}
	budget: *b
	fee: &f
	  amount: 5
	tags: &t [a, b]
	EOF
'

test_expect_success 'a change through an alias is refused cleanly with file:line:col' '
	refused 1 "clients/anch/client.yaml:4:" acct client set anch budget.amount 5 &&
	refused 1 "clients/anch/client.yaml:4:" acct client set anch budget.period month
'

test_expect_success 'a change inside an anchored value is refused cleanly' '
	refused 1 "clients/anch/client.yaml:" acct client set anch fee.amount 7 &&
	test_grep -i "anchor" "$T/err" &&
	refused 1 "clients/anch/client.yaml:" acct client set anch tags --add c &&
	refused 1 "clients/anch/client.yaml:" acct client set anch base.amount 1
'

test_expect_success 'a change that does not touch the anchors works' '
	remember &&
	acct client set anch status paused &&
	one_commit "client set anch: status=paused" clients/anch/client.yaml &&
	printf "%s\n" "-status: active" "+status: paused" >expect &&
	changed_lines anch >actual &&
	test_cmp expect actual
'

test_expect_success 'a UTF-16 card is refused for editing, exit 1, nothing changed' '
	printf "\377\376" >u16.yaml &&
	printf "name: U16\nstatus: active\n" | test_utf16le >>u16.yaml &&
	hand_card u16 <u16.yaml &&
	refused 1 "clients/u16/client.yaml" acct client set u16 status paused &&
	test_grep "UTF-16" "$T/err" &&
	test_cmp u16.yaml "$(card u16)" &&
	git -C "$B" rm -q -r clients/u16 &&
	git -C "$B" commit -q -m "by hand: remove u16"
'

# --- set: odd values round trip ----------------------------------------------------

test_expect_success 'setup: a card with a block, a flow mapping and a flow list' '
	hand_card odd <<-\EOF
	name: Odd
	source: plain
	extra: {k: v}
	tags: [t]
	EOF
'

test_expect_success PYYAML 'odd values round trip in block, flow mapping and flow list' '
	cat >vals <<-\EOF &&
	yes
	null
	123
	1e3
	.inf
	2026-01-01
	a: b
	x #y
	"q"
	'"'"'s'"'"'
	 lead
	trail 
	- x
	---
	{}
	[a]
	a, b
	Привет «мир»
	@handle
	%pct
	`tick
	*star
	!bang
	|pipe
	>gt
	#hash
	a\b
	EOF
	printf "%0300d\n" 7 >>vals &&
	i=0 &&
	while IFS= read -r v
	do
		i=$(($i + 1)) &&
		acct client set odd "x-$i" -- "$v" &&
		acct client set odd "extra.k$i" -- "$v" &&
		acct client set odd tags --add "$v" || return 1
	done <vals &&
	"$PYTHON" -c "
import sys, yaml
vals = open(sys.argv[2], encoding=\"utf-8\").read().split(\"\n\")[:-1]
d = yaml.safe_load(open(sys.argv[1], encoding=\"utf-8\"))
bad = []
for i, v in enumerate(vals, 1):
    for where, got in ((\"block\", d.get(\"x-%d\" % i)),
                       (\"flow mapping\", d[\"extra\"].get(\"k%d\" % i)),
                       (\"flow list\", d[\"tags\"][i] if i < len(d[\"tags\"]) else None)):
        if got != v:
            bad.append(\"%s: set %r, read back %r\" % (where, v, got))
if d[\"tags\"][0] != \"t\" or d[\"extra\"][\"k\"] != \"v\" or d[\"source\"] != \"plain\":
    bad.append(\"other values changed: %r\" % d)
print(\"\n\".join(bad))
sys.exit(1 if bad else 0)
" "$(card odd)" vals &&
	acct client set odd tags --remove "a, b" --remove "x #y" --remove "- x" &&
	"$PYTHON" -c "
import sys, yaml
n = len(open(sys.argv[2], encoding=\"utf-8\").read().split(\"\n\")) - 1
t = yaml.safe_load(open(sys.argv[1], encoding=\"utf-8\"))[\"tags\"]
assert len(t) == n + 1 - 3, t
assert not set([\"a, b\", \"x #y\", \"- x\"]) & set(t), t
" "$(card odd)" vals &&
	is_clean
'

test_expect_success 'a control character in a value: exit 2' '
	refused 2 source acct client set odd source "$(printf "a\tb")"
'

# --- edit ---------------------------------------------------------------------------

test_expect_success 'setup: editors' '
	write_script to-lead <<-\EOF &&
	sed -i "s/^status: .*/status: lead/" "$1" &&
	echo "# edited" >>"$1"
	EOF
	write_script to-churned <<-\EOF &&
	sed -i "s/^status: .*/status: churned/" "$1"
	EOF
	write_script broken <<-EOF &&
	printf "name: Acme\\nstatus: active\\nsource: a: b\\n" >"\$1" &&
	cp "\$1" "$T/broken.txt"
	EOF
	write_script bogus-status <<-EOF &&
	sed -i "s/^status: .*/status: bogus/" "\$1" &&
	cp "\$1" "$T/bogus.txt"
	EOF
	write_script emptying <<-\EOF &&
	: >"$1"
	EOF
	write_script blanking <<-\EOF
	printf "\n  \n" >"$1"
	EOF
'

test_expect_success 'edit: an editor that changes a value makes one commit' '
	c=$(card acme) &&
	sed -e "s/^status: .*/status: lead/" "$c" >expect &&
	echo "# edited" >>expect &&
	remember &&
	EDITOR="$T/to-lead" acct client edit acme >out 2>err &&
	test_must_be_empty out &&
	test_cmp expect "$c" &&
	git -C "$B" log -1 --format=%s >subject &&
	test_grep "^client edit acme" subject &&
	git -C "$B" rev-parse HEAD^ >actual &&
	test_cmp "$T/old-head" actual &&
	git -C "$B" diff-tree -r --no-commit-id --name-only HEAD >actual &&
	echo clients/acme/client.yaml >expect &&
	test_cmp expect actual &&
	changed_lines acme >actual &&
	test_line_count = 3 actual &&
	is_clean &&
	acct_tmp >actual &&
	test_must_be_empty actual
'

test_expect_success 'edit: an editor given with arguments is run like git does' '
	remember &&
	EDITOR="sed -i s/^status:.lead/status:\\ paused/" acct client edit acme &&
	test_grep -x "status: paused" "$(card acme)" &&
	git -C "$B" rev-parse HEAD^ >actual &&
	test_cmp "$T/old-head" actual &&
	is_clean
'

test_expect_success 'edit: unchanged (EDITOR=:) exits 0, no commit, nothing left' '
	remember &&
	snapshot &&
	EDITOR=: acct client edit acme >out 2>err &&
	test_must_be_empty out &&
	no_commit &&
	unchanged
'

test_expect_success 'edit: a CRLF+BOM card left unchanged: exit 0, no commit' '
	remember &&
	snapshot &&
	EDITOR=: acct client edit beta >out 2>err &&
	test_must_be_empty out &&
	no_commit &&
	unchanged
'

test_expect_success 'edit: the CRLF+BOM card as the editor left it, byte for byte' '
	write_script crlf-edit <<-\EOF &&
	sed -i "s/^status: paused/status: active/" "$1"
	EOF
	sed "s/^status: paused/status: active/" "$(card beta)" >expect &&
	remember &&
	EDITOR="$T/crlf-edit" acct client edit beta &&
	test_cmp expect "$(card beta)" &&
	crlf_change beta "-status: paused # lead | active | paused | churned" \
		"+status: active # lead | active | paused | churned" &&
	git -C "$B" rev-parse HEAD^ >actual &&
	test_cmp "$T/old-head" actual &&
	is_clean
'

test_expect_success 'edit: EDITOR=false exits 1, nothing written' '
	refused 1 "false" env EDITOR=false acct client edit acme
'

test_expect_success 'edit: invalid YAML exits 1 with file:line:col and a rescue file' '
	c=$(card acme) &&
	cp "$c" card.before &&
	test_book_state "$B" >state.before &&
	test_expect_code 1 env EDITOR="$T/broken" acct client edit acme >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: clients/acme/client.yaml:3:10: " err &&
	test_book_state "$B" >state.after &&
	test_cmp state.before state.after &&
	test_cmp card.before "$c" &&
	no_stray &&
	sed -n "s/.*kept in \(.*\)$/\1/p" err >rescue &&
	test_line_count = 1 rescue &&
	test_path_is_file "$(cat rescue)" &&
	test_cmp broken.txt "$(cat rescue)"
'

test_expect_success 'edit: a valid YAML but invalid card exits 1 at the bad value, rescue kept' '
	c=$(card acme) &&
	cp "$c" card.before &&
	test_book_state "$B" >state.before &&
	test_expect_code 1 env EDITOR="$T/bogus-status" acct client edit acme >out 2>err &&
	test_must_be_empty out &&
	line=$(grep -n "^status:" bogus.txt | cut -d: -f1) &&
	test_grep "^acct: clients/acme/client.yaml:$line:[0-9]*: " err &&
	test_grep "bogus" err &&
	test_book_state "$B" >state.after &&
	test_cmp state.before state.after &&
	test_cmp card.before "$c" &&
	sed -n "s/.*kept in \(.*\)$/\1/p" err >rescue &&
	test_path_is_file "$(cat rescue)" &&
	test_cmp bogus.txt "$(cat rescue)"
'

test_expect_success 'edit: an editor that empties the file exits 1, nothing changed' '
	refused 1 "empty" env EDITOR="$T/emptying" acct client edit acme &&
	refused 1 "empty" env EDITOR="$T/blanking" acct client edit acme
'

test_expect_success 'edit: no EDITOR nor VISUAL and no terminal: exit 2 saying so' '
	snapshot &&
	test_expect_code 2 no_editor acct client edit acme </dev/null >out 2>err &&
	test_must_be_empty out &&
	test_grep "EDITOR" err &&
	test_grep "terminal" err &&
	unchanged
'

test_expect_success 'edit: an empty EDITOR counts as none' '
	snapshot &&
	test_expect_code 2 env EDITOR= VISUAL= acct client edit acme </dev/null >out 2>err &&
	test_must_be_empty out &&
	test_grep "EDITOR" err &&
	unchanged
'

test_expect_success 'edit: VISUAL wins over EDITOR' '
	remember &&
	VISUAL="$T/to-churned" EDITOR=false acct client edit acme &&
	test_grep -x "status: churned" "$(card acme)" &&
	git -C "$B" rev-parse HEAD^ >actual &&
	test_cmp "$T/old-head" actual &&
	is_clean
'

test_expect_success 'edit: a hand edit not committed is refused, exit 1, kept' '
	c=$(card acme) &&
	test_when_finished "git -C \"$B\" checkout -- clients/acme/client.yaml" &&
	echo "# added by hand" >>"$c" &&
	cp "$c" hand &&
	remember &&
	test_expect_code 1 env EDITOR="$T/to-lead" acct client edit acme >out 2>err &&
	test_must_be_empty out &&
	test_grep -F "clients/acme/client.yaml" err &&
	no_commit &&
	test_cmp hand "$c"
'

# --- rename ----------------------------------------------------------------------------

test_expect_success 'setup: a client with a brief, a log entry and an NPS answer' '
	acct client add "Delta Corp" --tag key >/dev/null &&
	d="$B/clients/delta-corp" &&
	mkdir -p "$d/log/2026" "$d/nps/2026" &&
	echo "# Brief" >"$d/brief.md" &&
	printf -- "---\ndate: 2026-11-20T10:00+00:00\nsummary: Call\n---\nText.\n" \
		>"$d/log/2026/2026-11-20T1000-call.md" &&
	printf "date: 2026-11-20\nrespondent: ivan\nscore: 9\n" \
		>"$d/nps/2026/2026-11-20-ivan.yaml" &&
	git -C "$B" add clients/delta-corp &&
	git -C "$B" commit -q -m "by hand: delta files" &&
	is_clean
'

test_expect_success 'rename: the name only; the slug and the folder stay' '
	remember &&
	acct client rename delta-corp "Delta Group" >out 2>err &&
	test_must_be_empty out &&
	one_commit "client rename delta-corp: Delta Corp -> Delta Group" \
		clients/delta-corp/client.yaml &&
	printf "%s\n" "-name: Delta Corp" "+name: Delta Group" >expect &&
	changed_lines delta-corp >actual &&
	test_cmp expect actual &&
	test_path_is_file "$B/clients/delta-corp/brief.md" &&
	acct client show delta-corp >out &&
	test_grep "Delta Group" out
'

test_expect_success 'rename to the same name: exit 0, no commit' '
	remember &&
	snapshot &&
	acct client rename delta-corp "Delta Group" >out 2>err &&
	test_must_be_empty out &&
	no_commit &&
	unchanged
'

test_expect_success 'rename to an empty name: exit 2' '
	refused 2 name acct client rename delta-corp ""
'

test_expect_success 'rename --slug with a taken slug: exit 2, nothing changed' '
	refused 2 "acme" acct client rename delta-corp --slug acme
'

test_expect_success 'rename --slug with an invalid slug: exit 2, nothing changed' '
	refused 2 "Bad/Slug" acct client rename delta-corp --slug Bad/Slug &&
	refused 2 "slug" acct client rename delta-corp --slug ../up &&
	refused 2 "slug" acct client rename delta-corp --slug list &&
	refused 2 "slug" acct client rename delta-corp \
		--slug aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
'

test_expect_success 'rename --slug onto an untracked folder: refused, nothing changed' '
	mkdir -p "$B/clients/omega" &&
	echo scratch >"$B/clients/omega/notes.txt" &&
	test_when_finished "rm -rf \"$B/clients/omega\"" &&
	snapshot &&
	test_must_fail acct client rename delta-corp --slug omega >out 2>err &&
	test_must_be_empty out &&
	test_grep "omega" err &&
	unchanged
'

test_expect_success 'rename --slug with an untracked file in the folder: exit 1 naming it' '
	echo scratch >"$B/clients/delta-corp/notes.txt" &&
	test_when_finished "rm -f \"$B/clients/delta-corp/notes.txt\"" &&
	refused 1 "clients/delta-corp/notes.txt" \
		acct client rename delta-corp --slug omega &&
	test_path_is_file "$B/clients/delta-corp/notes.txt"
'

test_expect_success 'rename (name only) with an untracked file in the folder: works, file left' '
	echo scratch >"$B/clients/delta-corp/notes.txt" &&
	test_when_finished "rm -f \"$B/clients/delta-corp/notes.txt\"" &&
	remember &&
	acct client rename delta-corp "Delta Group Two" &&
	git -C "$B" diff-tree -r --no-commit-id --name-only HEAD >actual &&
	echo clients/delta-corp/client.yaml >expect &&
	test_cmp expect actual &&
	git -C "$B" status --porcelain --untracked-files=all >actual &&
	echo "?? clients/delta-corp/notes.txt" >expect &&
	test_cmp expect actual &&
	acct client rename delta-corp "Delta Group"
'

test_expect_success 'rename --slug with a tracked file changed by hand: exit 1 naming it' '
	echo "more" >>"$B/clients/delta-corp/brief.md" &&
	test_when_finished "git -C \"$B\" checkout -- clients/delta-corp/brief.md" &&
	refused 1 "clients/delta-corp/brief.md" \
		acct client rename delta-corp --slug omega
'

test_expect_success 'rename --slug moves the folder with every file in one commit' '
	remember &&
	acct client rename delta-corp "Omega Group" --slug omega >out 2>err &&
	test_must_be_empty out &&
	git -C "$B" log -1 --format=%s >subject &&
	test_grep "^client rename delta-corp: " subject &&
	git -C "$B" rev-parse HEAD^ >actual &&
	test_cmp "$T/old-head" actual &&
	git -C "$B" diff-tree -r -M --no-commit-id --name-status HEAD >stat &&
	cut -f2- stat | sort >actual &&
	sort >expect <<-\EOF &&
	clients/delta-corp/brief.md	clients/omega/brief.md
	clients/delta-corp/client.yaml	clients/omega/client.yaml
	clients/delta-corp/log/2026/2026-11-20T1000-call.md	clients/omega/log/2026/2026-11-20T1000-call.md
	clients/delta-corp/nps/2026/2026-11-20-ivan.yaml	clients/omega/nps/2026/2026-11-20-ivan.yaml
	EOF
	test_cmp expect actual &&
	test_grep ! -v "^R" stat &&
	git -C "$B" show --stat -M --format= HEAD >show &&
	test_grep "=> omega" show &&
	test_path_is_missing "$B/clients/delta-corp" &&
	test_path_is_file "$B/clients/omega/brief.md" &&
	is_clean
'

test_expect_success 'rename --slug: the commit message names the new slug' '
	git -C "$B" log -1 --format=%B >message &&
	test_grep "Omega Group" message &&
	test_grep "omega" message
'

test_expect_success 'rename --slug: only the name line of the card changed' '
	git -C "$B" diff HEAD^:clients/delta-corp/client.yaml HEAD:clients/omega/client.yaml >diff.out &&
	sed -e "/^+++ /d" -e "/^--- /d" -e "/^[-+]/!d" diff.out >actual &&
	printf "%s\n" "-name: Delta Group" "+name: Omega Group" >expect &&
	test_cmp expect actual
'

test_expect_success 'rename --slug says on stderr that colleagues must sync first' '
	test_grep "colleagues must sync before they log under the old slug" err &&
	test_grep "delta-corp" err
'

test_expect_success 'rename --slug: the old slug no longer resolves, the new one does' '
	test_expect_code 2 acct client show delta-corp >out 2>err &&
	test_must_be_empty out &&
	test_grep "delta-corp" err &&
	test_expect_code 2 acct client show delta >out 2>err &&
	acct client show omega >out &&
	test_grep "Omega Group" out &&
	acct client list --names >names &&
	test_grep -x omega names &&
	test_grep ! -x delta-corp names
'

test_expect_success 'rename --slug only: every file is a pure rename' '
	remember &&
	acct client rename omega --slug omega-group 2>err &&
	git -C "$B" diff-tree -r -M --no-commit-id --name-status HEAD >stat &&
	test_line_count = 4 stat &&
	test_grep ! -v "^R100	" stat &&
	git -C "$B" rev-parse HEAD^ >actual &&
	test_cmp "$T/old-head" actual &&
	is_clean
'

# --- archive and unarchive ------------------------------------------------------------

test_expect_success 'archive: archived: today (from ACCT_NOW), after tags, one commit' '
	cp "$(card acme)" acme.before &&
	remember &&
	acct client archive acme >out 2>err &&
	test_must_be_empty out &&
	git -C "$B" log -1 --format=%s >subject &&
	test_grep "^client archive acme" subject &&
	git -C "$B" rev-parse HEAD^ >actual &&
	test_cmp "$T/old-head" actual &&
	echo "+archived: 2026-11-23" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual &&
	grep -B1 "^archived:" "$(card acme)" >actual &&
	test_grep "^tags:" actual &&
	is_clean
'

test_expect_success 'archive: hidden from client list, shown with --all' '
	acct client list >list &&
	test_grep ! "^acme " list &&
	test_grep "^gamma " list &&
	acct client list --all >list &&
	test_grep "^acme " list &&
	acct client list --names >names &&
	test_grep -x acme names
'

test_expect_success PYTHON 'archive: client list --json hides it, --all --json shows the date' '
	acct client list --json >json &&
	"$PYTHON" -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d[\"format\"] == 1, d
assert \"acme\" not in [c[\"slug\"] for c in d[\"clients\"]], d
" json &&
	acct client list --all --json >json &&
	"$PYTHON" -c "
import json, sys
d = json.load(open(sys.argv[1]))
c = [c for c in d[\"clients\"] if c[\"slug\"] == \"acme\"]
assert len(c) == 1 and c[0][\"archived\"] == \"2026-11-23\", d
" json
'

test_expect_success 'archive twice: exit 1, nothing changed' '
	refused 1 "acme" acct client archive acme &&
	test_grep "archived" "$T/err"
'

test_expect_success 'unarchive removes the key: the card is as before archive' '
	remember &&
	acct client unarchive acme >out 2>err &&
	test_must_be_empty out &&
	git -C "$B" log -1 --format=%s >subject &&
	test_grep "^client unarchive acme" subject &&
	git -C "$B" rev-parse HEAD^ >actual &&
	test_cmp "$T/old-head" actual &&
	echo "-archived: 2026-11-23" >expect &&
	changed_lines acme >actual &&
	test_cmp expect actual &&
	test_cmp acme.before "$(card acme)" &&
	acct client list >list &&
	test_grep "^acme " list &&
	is_clean
'

test_expect_success 'unarchive a client that is not archived: exit 1, nothing changed' '
	refused 1 "acme" acct client unarchive acme &&
	test_grep "not archived" "$T/err"
'

test_expect_success 'archive --date D writes D' '
	remember &&
	acct client archive gamma --date 2026-10-01 &&
	git -C "$B" rev-parse HEAD^ >actual &&
	test_cmp "$T/old-head" actual &&
	echo "+archived: 2026-10-01" >expect &&
	changed_lines gamma >actual &&
	test_cmp expect actual &&
	acct client unarchive gamma
'

test_expect_success 'archive: today is the local (TZ) date of ACCT_NOW' '
	TZ=UTC ACCT_NOW=2026-11-23T23:30-05:00 acct client archive gamma &&
	test_grep -x "archived: 2026-11-24" "$(card gamma)" &&
	acct client unarchive gamma
'

test_expect_success 'archive --date with a bad date: exit 2, nothing changed' '
	refused 2 "2026-13-01" acct client archive gamma --date 2026-13-01 &&
	refused 2 "yesterday" acct client archive gamma --date yesterday
'

test_expect_success 'archive a CRLF+BOM card: one added CRLF line' '
	remember &&
	acct client archive beta --date 2026-10-01 &&
	crlf_change beta "+archived: 2026-10-01" &&
	head -c 3 "$(card beta)" | od -An -tx1 | tr -d " " >actual &&
	echo efbbbf >expect &&
	test_cmp expect actual &&
	is_clean
'

test_expect_success 'the book is clean and fsck is happy at the end' '
	is_clean &&
	git -C "$B" fsck --strict --no-dangling >out 2>&1 &&
	test_must_be_empty out
'

test_done
