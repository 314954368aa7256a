#!/bin/sh
# shellcheck disable=SC2016

test_description='a client'"'"'s own language: locale on the card

A card'"'"'s locale (en or ru, checked as the config'"'"'s is; set with client
add --locale and client set <c> locale) picks the language of that
client'"'"'s brief template, the headings acct writes for it and its
reports; the book'"'"'s locale is the default, report --locale still
overrides, and report --save names a report in another language than the
client'"'"'s apart. The portfolio stays in the book'"'"'s language.'

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

# json_field FILE KEY...: the value at KEY.KEY... of the JSON in FILE.
json_field () {
	"$PYTHON" - "$@" <<-\PY
	import json, sys
	v = json.load(open(sys.argv[1]))
	for k in sys.argv[2:]:
	    v = v[k]
	print("null" if v is None else v)
	PY
}

test_expect_success 'an English book; client add --locale ru' '
	acct init -q "$B" &&
	remember &&
	acct client add "ООО «Ромашка»" --slug romashka --since 2026-01-01 \
		--fast-channel telegram --locale ru -q &&
	one_commit "client add romashka: ООО «Ромашка»" clients/romashka/client.yaml &&
	sed -n "/^channels:/,/^locale:/p" "$B/clients/romashka/client.yaml" >order &&
	test_line_count = 2 order &&
	test_grep "^locale: ru\$" "$B/clients/romashka/client.yaml" &&
	acct client add "Acme" --slug acme --since 2026-01-01 -q &&
	test_grep ! "^locale:" "$B/clients/acme/client.yaml"
'

test_expect_success 'client show: the card'"'"'s locale, null when the book'"'"'s applies' '
	acct client show romashka >show &&
	test_grep "locale.*ru" show &&
	acct client show romashka --json >r.json &&
	acct client show acme --json >a.json &&
	test "$(json_field r.json client locale)" = ru &&
	test "$(json_field a.json client locale)" = null
'

test_expect_success 'client set locale: en or ru, --unset; client set -h says so' '
	remember &&
	acct client set acme locale ru &&
	one_commit "client set acme: locale=ru" clients/acme/client.yaml &&
	test_grep "^locale: ru\$" "$B/clients/acme/client.yaml" &&
	acct client set acme locale --unset &&
	test_grep ! "^locale:" "$B/clients/acme/client.yaml" &&
	acct client set -h >help &&
	test_grep "locale.*en or ru" help
'

test_expect_success 'a bad locale on the command line: exit 2, nothing changes' '
	refused 2 "locale must be en or ru, not '"'"'de'"'"'" \
		acct client set acme locale de &&
	refused 2 "locale must be en or ru, not '"'"'RU'"'"'" \
		acct client set acme locale RU &&
	refused 2 "--locale must be en or ru, not '"'"'fr'"'"'" \
		acct client add "Beta" --locale fr
'

test_expect_success 'a bad locale on a card: file:line:col, exit 1' '
	mkdir -p "$B/clients/bad" &&
	printf "name: Bad\nlocale: fr\n" >"$B/clients/bad/client.yaml" &&
	git -C "$B" add clients/bad/client.yaml &&
	git -C "$B" commit -q -m "by hand: a bad card" &&
	refused 1 "clients/bad/client.yaml:2:9: locale must be en or ru, not '"'"'fr'"'"'" \
		acct client show bad &&
	refused 1 "clients/bad/client.yaml:2:9:" \
		acct report bad --period 2026-W47 &&
	refused 1 "clients/bad/client.yaml:2:9:" \
		acct brief bad --section audience -F /dev/null &&
	git -C "$B" rm -q -r clients/bad &&
	git -C "$B" commit -q -m "by hand: gone"
'

test_expect_success 'a new brief starts from the client'"'"'s template' '
	echo "Офисы в Москве" >aud &&
	acct brief romashka --section audience -F aud &&
	test_grep "^# Бриф" "$B/clients/romashka/brief.md" &&
	test_grep "^## Целевая аудитория" "$B/clients/romashka/brief.md" &&
	echo "Offices in Boston" >aud &&
	acct brief acme --section audience -F aud &&
	test_grep "^# Brief" "$B/clients/acme/brief.md" &&
	test_grep "^## Audience" "$B/clients/acme/brief.md"
'

test_expect_success 'a heading added to a brief is in the client'"'"'s language' '
	printf "# Brief\n\n## Audience\n\nOffices in Boston\n" \
		>"$B/clients/acme/brief.md" &&
	git -C "$B" commit -q -a -m "by hand: a short brief" &&
	acct client set acme locale ru &&
	echo "Rival One" >comp &&
	acct brief acme --section competitors -F comp &&
	test_grep "^## Конкуренты" "$B/clients/acme/brief.md" &&
	acct client set acme locale --unset
'

test_expect_success 'todo add writes the Actions heading in the client'"'"'s language' '
	acct todo add romashka "Позвонить Ивану" >out &&
	test_grep "^## Задачи" "$B/$(cat out)" &&
	acct todo add acme "Call John" >out &&
	test_grep "^## Actions" "$B/$(cat out)"
'

test_expect_success 'reports are in the client'"'"'s language; --locale overrides' '
	acct log romashka "Созвон" --channel call --date 2026-11-17T10:00 -q &&
	acct log acme "A call" --channel call --date 2026-11-17T10:00 -q &&
	acct report romashka --period 2026-W47 >ru.md &&
	test_grep "^# Сводка за неделю" ru.md &&
	acct report romashka --period 2026-W47 --locale en >en.md &&
	test_grep "^# Weekly summary" en.md &&
	acct report acme --period 2026-W47 >acme.md &&
	test_grep "^# Weekly summary" acme.md
'

test_expect_success PYTHON 'the JSON says the report'"'"'s locale' '
	acct report romashka --period 2026-W47 --format json >r.json &&
	test "$(json_field r.json locale)" = ru &&
	acct report romashka --period 2026-W47 --format json --locale en >e.json &&
	test "$(json_field e.json locale)" = en
'

test_expect_success '--save: the client'"'"'s language gets the plain name' '
	acct report romashka --period 2026-W47 --save >out &&
	echo clients/romashka/reports/2026-W47-weekly.md >expect &&
	test_cmp expect out &&
	test_grep "^# Сводка за неделю" "$B/clients/romashka/reports/2026-W47-weekly.md" &&
	acct report romashka --period 2026-W47 --save --locale en >out &&
	echo clients/romashka/reports/2026-W47-weekly.en.md >expect &&
	test_cmp expect out &&
	git -C "$B" log -1 --format=%s >subject &&
	echo "report romashka: 2026-W47 weekly (en, md)" >expect &&
	test_cmp expect subject &&
	acct report acme --period 2026-W47 --save >out &&
	echo clients/acme/reports/2026-W47-weekly.md >expect &&
	test_cmp expect out
'

test_expect_success 'the portfolio is in the book'"'"'s language' '
	acct report --all --period 2026-Q4 >all.md &&
	test_grep "^# Portfolio" all.md
'

test_expect_success 'a Russian book with an English client' '
	sed "s/^locale: en /locale: ru /" "$B/.acct/config.yaml" >config.new &&
	cp config.new "$B/.acct/config.yaml" &&
	git -C "$B" commit -q -a -m "by hand: a Russian book" &&
	acct client set acme locale en &&
	acct report acme --period 2026-W47 >acme.md &&
	test_grep "^# Weekly summary" acme.md &&
	acct client set acme locale --unset &&
	acct report acme --period 2026-W47 >acme.md &&
	test_grep "^# Сводка за неделю" acme.md &&
	acct report --all --period 2026-Q4 >all.md &&
	test_grep ! "^# Portfolio" all.md
'

test_done
