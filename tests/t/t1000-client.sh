test_description='acct client: add, list, show; slugs, names, and reading cards safely'
. ./test-lib.sh

# The main book is "book", found through ACCT_DIR, so that the test's own
# files (out, err, expect ...) stay outside it. Other books use -C.
ACCT_DIR=$TRASH_DIRECTORY/book
export ACCT_DIR

command -v python3 >/dev/null 2>&1 && test_set_prereq PYTHON
script -qec true /dev/null </dev/null >/dev/null 2>&1 && test_set_prereq TTY
python3 -c "import yaml" >/dev/null 2>&1 && test_set_prereq PYYAML

# jcheck @FILE PATH=VALUE... [@FILE PATH=VALUE...]...: in the JSON file
# FILE, each PATH (keys and list indexes joined by ".") holds VALUE: a
# string as it is, anything else as compact JSON (["a","b"], 150000,
# null). One python3 for them all: it is slow to start.
cat >jcheck.py <<\PY
import json, sys
d = None
bad = 0
for arg in sys.argv[1:]:
    if arg.startswith("@"):
        d = json.load(open(arg[1:], encoding="utf-8"))
        continue
    path, want = arg.split("=", 1)
    v = d
    try:
        for k in path.split(".") if path else []:
            v = v[int(k)] if isinstance(v, list) else v[k]
    except (KeyError, IndexError, ValueError, TypeError):
        print("%s: missing" % path)
        bad = 1
        continue
    if isinstance(v, str):
        got = v
    else:
        got = json.dumps(v, ensure_ascii=False, separators=(",", ":"),
                         sort_keys=True)
    if got != want:
        print("%s: want %r, got %r" % (path, want, got))
        bad = 1
sys.exit(bad)
PY
jcheck () {
	python3 "$TRASH_DIRECTORY/jcheck.py" "$@"
}

# names.py LIST: LIST has lines "<slug> <name>"; the file json.<slug>
# (from client show --json) must give exactly that name, byte for byte.
cat >names.py <<\PY
import json, sys
bad = 0
with open(sys.argv[1], encoding="utf-8", newline="\n") as f:
    for line in f:
        slug, want = line.rstrip("\n").split(" ", 1)
        with open("json." + slug, encoding="utf-8") as j:
            got = json.load(j)["client"]["name"]
        if got != want:
            print("%s: want %r, got %r" % (slug, want, got))
            bad = 1
sys.exit(bad)
PY

# expect_refusal_in BOOK CODE MESSAGE CMD...: CMD exits CODE, says MESSAGE
# (a fixed string) on stderr, prints nothing on stdout, and leaves BOOK
# exactly as it was (HEAD, refs, status, index, files).
expect_refusal_in () {
	book_=$1 &&
	shift &&
	test_book_state "$book_" >state.before &&
	fails_with "$@" &&
	test_book_state "$book_" >state.after &&
	test_cmp state.before state.after
}

# expect_refusal CODE MESSAGE CMD...: the same for the main book.
expect_refusal () {
	expect_refusal_in "$ACCT_DIR" "$@"
}

# fails_with CODE MESSAGE CMD...: the same without the book check, for a
# test that runs many and compares the book once (remember_book, then
# book_unchanged): test_book_state is slow.
fails_with () {
	want_=$1 msg_=$2 &&
	shift 2 &&
	test_expect_code "$want_" "$@" >out 2>err &&
	test_must_be_empty out &&
	test_file_not_empty err &&
	test_grep -F -e "$msg_" err
}

remember_book () {
	test_book_state "${1:-$ACCT_DIR}" >state.before
}

book_unchanged () {
	test_book_state "${1:-$ACCT_DIR}" >state.after &&
	test_cmp state.before state.after
}

# write_card BOOK SLUG FORMAT: printf FORMAT into BOOK/clients/SLUG/client.yaml
# and commit it by hand, as another tool would.
write_card () {
	mkdir -p "$1/clients/$2" &&
	printf -- "$3" >"$1/clients/$2/client.yaml" &&
	git -C "$1" add "clients/$2/client.yaml" &&
	git -C "$1" commit -q -m "by hand: $2"
}

# card_from_stdin BOOK SLUG: the same, the card from stdin.
card_from_stdin () {
	mkdir -p "$1/clients/$2" &&
	cat >"$1/clients/$2/client.yaml" &&
	git -C "$1" add "clients/$2/client.yaml" &&
	git -C "$1" commit -q -m "by hand: $2"
}

# is_clean BOOK: nothing to commit, index as HEAD, no lock left.
is_clean () {
	git -C "$1" status --porcelain --untracked-files=all >status.out &&
	test_must_be_empty status.out &&
	git -C "$1" diff --cached --quiet &&
	find "$1" -name "*.lock" >locks.out &&
	test_must_be_empty locks.out
}

test_expect_success 'setup' '
	acct init book >/dev/null
'

# --- client add: the card and the commit --------------------------------

test_expect_success 'client add prints the slug and nothing else' '
	git -C book rev-parse HEAD >old-head &&
	acct client add "ООО «Ромашка»" >out 2>err &&
	echo ooo-romashka >expect &&
	test_cmp expect out &&
	test_must_be_empty err
'

test_expect_success 'client add makes exactly one commit on top' '
	test "$(git -C book rev-parse HEAD^)" = "$(cat old-head)" &&
	test "$(git -C book rev-list --count HEAD)" = 2 &&
	test "$(git -C book symbolic-ref HEAD)" = refs/heads/main
'

test_expect_success 'the commit message is "client add <slug>: <name>"' '
	echo "client add ooo-romashka: ООО «Ромашка»" >expect &&
	git -C book log -1 --format=%s >actual &&
	test_cmp expect actual &&
	git -C book cat-file commit HEAD | sed "1,/^$/d" >body &&
	printf "%s\n\n%s\n" "client add ooo-romashka: ООО «Ромашка»" \
		"Acct-Command: client add" >expect &&
	test_cmp expect body
'

test_expect_success 'the commit adds exactly the card' '
	printf "A\tclients/ooo-romashka/client.yaml\n" >expect &&
	git -C book diff-tree --no-commit-id --name-status -r HEAD >actual &&
	test_cmp expect actual &&
	git -C book ls-tree -r HEAD clients >tree &&
	test_grep "^100644 blob [0-9a-f]*	clients/ooo-romashka/client.yaml\$" tree
'

test_expect_success 'author and committer from git identity, dates from GIT_*_DATE' '
	echo "A U Thor <author@example.com> 1795424400 A U Thor <author@example.com> 1795424400" >expect &&
	git -C book log -1 --format="%an <%ae> %at %cn <%ce> %ct" >actual &&
	test_cmp expect actual
'

test_expect_success 'the book is clean after client add' '
	is_clean book &&
	git -C book diff --quiet
'

test_expect_success 'the card: name as UTF-8 text, defaults filled in' '
	card=book/clients/ooo-romashka/client.yaml &&
	test_grep -x "name: ООО «Ромашка»" $card &&
	test_grep -x "status: active" $card &&
	test_grep -x "since: 2026-11-23" $card &&
	test_grep -x "manager: A U Thor <author@example.com>" $card &&
	test_grep ! -F "\\u" $card &&
	test_grep ! -F "\\x" $card
'

test_expect_success PYTHON 'client show --json of the new client' '
	acct client show ooo-romashka --json >json &&
	jcheck @json format=1 client.slug=ooo-romashka \
		"client.name=ООО «Ромашка»" client.status=active \
		client.since=2026-11-23 \
		"client.manager=A U Thor <author@example.com>"
'

test_expect_success 'the JSON holds UTF-8, not \u escapes' '
	acct client show ooo-romashka --json >json &&
	test_grep -F "\"ООО «Ромашка»\"" json
'

test_expect_success 'client show prints the name byte for byte' '
	acct client show ooo-romashka >out 2>err &&
	test_must_be_empty err &&
	test_grep -F "ООО «Ромашка»" out &&
	test_grep "ooo-romashka" out &&
	test_grep "active" out
'

test_expect_success 'the default manager and the author follow the book'"'"'s git config' '
	test_when_finished "git -C book config --unset user.name; git -C book config --unset user.email" &&
	git -C book config user.name "Anna Petrova" &&
	git -C book config user.email anna@agency.example &&
	acct client add "Config Identity" >out &&
	echo "Anna Petrova <anna@agency.example>" >expect &&
	git -C book log -1 --format="%an <%ae>" >actual &&
	test_cmp expect actual &&
	test_grep -x "manager: Anna Petrova <anna@agency.example>" book/clients/config-identity/client.yaml
'

test_expect_success 'since defaults to the date of ACCT_NOW' '
	ACCT_NOW=2026-03-01T12:00+00:00 acct client add "Spring Co" >out &&
	echo spring-co >expect &&
	test_cmp expect out &&
	test_grep -x "since: 2026-03-01" book/clients/spring-co/client.yaml
'

test_expect_success 'since defaults to the local (TZ) date of ACCT_NOW' '
	TZ=ALMT-5 ACCT_NOW=2026-03-01T22:00+00:00 acct client add "Almaty Co" >out &&
	test_grep -x "since: 2026-03-02" book/clients/almaty-co/client.yaml
'

test_expect_success 'GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL give the author' '
	GIT_AUTHOR_NAME="Борис Иванов" GIT_AUTHOR_EMAIL=boris@agency.example \
		acct client add "Env Author Co" >/dev/null &&
	echo "Борис Иванов <boris@agency.example>" >expect &&
	git -C book log -1 --format="%an <%ae>" >actual &&
	test_cmp expect actual
'

# --- client add: every option -------------------------------------------

test_expect_success 'client add with every option' '
	acct client add "Acme Widgets" --slug acme --status lead \
		--manager "Anna Petrova <anna@agency.example>" \
		--service seo --service context --service smm \
		--email info@acme.example --phone "+7 (999) 123-45-67" \
		--telegram "@acme" --tag key --tag real-estate \
		--since 2024-02-29 --budget 150000 --currency RUB >out &&
	echo acme >expect &&
	test_cmp expect out &&
	echo "client add acme: Acme Widgets" >expect &&
	git -C book log -1 --format=%s >actual &&
	test_cmp expect actual &&
	is_clean book
'

test_expect_success PYTHON 'every option in client show --json' '
	acct client show acme --json >json &&
	jcheck @json "client.name=Acme Widgets" client.status=lead \
		"client.manager=Anna Petrova <anna@agency.example>" \
		"client.services=[\"seo\",\"context\",\"smm\"]" \
		"client.tags=[\"key\",\"real-estate\"]" \
		client.since=2024-02-29 client.budget.amount=150000 \
		client.budget.currency=RUB &&
	test_grep -F "\"info@acme.example\"" json &&
	test_grep -F "\"+7 (999) 123-45-67\"" json &&
	test_grep -F "\"@acme\"" json
'

test_expect_success 'every option is in the card and in client show' '
	card=book/clients/acme/client.yaml &&
	acct client show acme >out &&
	for v in "Acme Widgets" lead "Anna Petrova <anna@agency.example>" \
		seo context smm info@acme.example "+7 (999) 123-45-67" @acme \
		key real-estate 2024-02-29 150000 RUB
	do
		test_grep -F -e "$v" $card &&
		test_grep -F -e "$v" out || return 1
	done
'

test_expect_success PYYAML 'the card written by acct reads back the same in another YAML reader' '
	python3 -c "
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding=\"utf-8\"))
assert d[\"name\"] == \"Acme Widgets\", d
assert d[\"status\"] == \"lead\", d
assert d[\"services\"] == [\"seo\", \"context\", \"smm\"], d
assert d[\"tags\"] == [\"key\", \"real-estate\"], d
assert \"+7 (999) 123-45-67\" in repr(d), d
assert \"@acme\" in repr(d), d
" book/clients/acme/client.yaml
'

test_expect_success 'options before the name, --opt=value, and -- before a name' '
	acct client add --status=paused --slug=opt-first "Options First" >out &&
	echo opt-first >expect &&
	test_cmp expect out &&
	test_grep -x "status: paused" book/clients/opt-first/client.yaml &&
	acct client add --slug dashed -- "-Dashed Name" >out &&
	echo dashed >expect &&
	test_cmp expect out &&
	test_grep -F "Dashed Name" book/clients/dashed/client.yaml
'

test_expect_success 'each status is accepted' '
	for s in lead active paused churned
	do
		acct client add "Status $s" --status $s >/dev/null &&
		test_grep -x "status: $s" book/clients/status-$s/client.yaml || return 1
	done
'

test_expect_success 'a budget without a currency is fine' '
	acct client add "Budget Only" --budget 5000 >/dev/null &&
	test_grep "5000" book/clients/budget-only/client.yaml
'

test_expect_success 'a budget with a fraction' '
	acct client add "Budget Fraction" --budget 99.50 --currency USD >/dev/null &&
	test_grep "99.5" book/clients/budget-fraction/client.yaml
'

test_expect_success 'a slug of 64 bytes is fine' '
	s64=$(printf "%064d" 0 | tr 0 a) &&
	acct client add "Long Slug" --slug "$s64" >out &&
	echo "$s64" >expect &&
	test_cmp expect out
'

# --- slugs --------------------------------------------------------------

# slug_is NAME SLUG: client add NAME prints SLUG.
slug_is () {
	acct client add "$1" >out &&
	echo "$2" >expect &&
	test_cmp expect out
}

test_expect_success 'Russian names by the documented table (ICAO 9303)' '
	slug_is "Щукин и сыновья" shchukin-i-synovia &&
	slug_is "Ёлка Жук Хор Цех Чай" elka-zhuk-khor-tsekh-chai &&
	slug_is "Подъезд Ильич Юла Мышь Эхо" podieezd-ilich-iula-mysh-ekho
'

test_expect_success 'Ukrainian and Kazakh letters' '
	slug_is "Їжак Ґанок Єва Іра" izhak-ganok-ieva-ira &&
	slug_is "Қазақ Әлем Ұлы Өнер Үй Һ Ғ Ң" kazak-alem-uly-oner-ui-h-g-n
'

test_expect_success 'Latin accents are stripped' '
	slug_is "Café Crème Müller" cafe-creme-muller &&
	slug_is "Ærø Straße Łódź" aero-strasse-lodz
'

test_expect_success 'punctuation separates, runs collapse, ends are trimmed' '
	slug_is "  --Foo!!!  &&  Bar??  " foo-bar &&
	slug_is "Agency #1 (2026)" agency-1-2026
'

test_expect_success 'a decomposed Й gives the same slug as the composed one' '
	acct init nfc >/dev/null &&
	acct init nfd >/dev/null &&
	composed=$(printf "\320\231\320\276\320\263\320\260") &&
	decomposed=$(printf "\320\230\314\206\320\276\320\263\320\260") &&
	test "$composed" != "$decomposed" &&
	acct -C nfc client add "$composed" >slug.nfc &&
	acct -C nfd client add "$decomposed" >slug.nfd &&
	echo ioga >expect &&
	test_cmp expect slug.nfc &&
	test_cmp expect slug.nfd
'

test_expect_success PYTHON 'a decomposed name is stored as given, not normalised' '
	decomposed=$(printf "\320\230\314\206\320\276\320\263\320\260") &&
	acct -C nfd client show ioga --json >json.ioga &&
	echo "ioga $decomposed" >list &&
	python3 names.py list &&
	test_grep -F "$decomposed" nfd/clients/ioga/client.yaml
'

test_expect_success 'the composed name after the decomposed one: a taken slug' '
	composed=$(printf "\320\231\320\276\320\263\320\260") &&
	expect_refusal_in nfd 2 "ioga" acct -C nfd client add "$composed"
'

test_expect_success 'a long name: a slug of at most 64 bytes, cut at a "-"' '
	slug_is "alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike" \
		alpha-bravo-charlie-delta-echo-foxtrot-golf-hotel-india-juliett
'

test_expect_success 'a long Cyrillic name: at most 64 bytes, no trailing "-"' '
	acct client add "Общество с ограниченной ответственностью Научно-производственное объединение Восток" >out &&
	slug=$(cat out) &&
	test ${#slug} -le 64 &&
	test_grep -x "obshchestvo-s-ogranichennoi-[a-z0-9-]*[a-z0-9]" out
'

test_expect_success 'a verb-like name with --slug is fine' '
	acct client add "List" --slug list-agency >out &&
	echo list-agency >expect &&
	test_cmp expect out
'

# --- names round-trip ----------------------------------------------------

test_expect_success 'awkward names: added with --slug, one commit each' '
	i=0 &&
	: >names.list &&
	: >slugs.out &&
	for name in "He said \"hi\"" "it'"'"'s" "a: b" "a #b" "#hash" "-leading" \
		"yes" "NO" "off" "~" "null" "123" "0x1F" "1e3" "2026-01-01" \
		"[x]" "{a: b}" "&anchor" "*alias" "!tag" "%pct" "@at" "\`tick\`" \
		"|pipe" ">fold" "a\\b" "trailing space " " leading space" \
		"ends with:" "? q" "---" "..." "Ω ≈ ç √ ∫" "emoji 🚀 mid" \
		"\"quoted\"" "'"'"'single'"'"'" "a, b" "x: {y: z}" "<<" "=" \
		"True" "FALSE" "Null" "0o17" ".inf" "-.5" "+1" "0"
	do
		i=$(($i + 1)) &&
		acct client add --slug "odd-$i" -- "$name" >>slugs.out &&
		printf "%s\n" "odd-$i $name" >>names.list || return 1
	done &&
	sed "s/ .*//" names.list >expect &&
	test_cmp expect slugs.out
'

test_expect_success 'awkward names in the commit subjects' '
	sed -e "s/^\([^ ]*\) /client add \1: /" -e "s/ *\$//" names.list >expect &&
	git -C book log --format=%s -$(wc -l <names.list) | sed "1!G;h;\$!d" >actual &&
	test_cmp expect actual
'

test_expect_success PYTHON 'awkward names come back byte for byte: show --json, list --json, list' '
	for slug in odd-1 odd-2 odd-3 odd-4 odd-6 odd-7 odd-8 odd-12 odd-15 \
		odd-26 odd-27 odd-28 odd-39
	do
		acct client show $slug --json >json.$slug || return 1
	done &&
	grep -E "^odd-(1|2|3|4|6|7|8|12|15|26|27|28|39) " names.list >some.list &&
	python3 names.py some.list &&
	acct client list --json >json.list &&
	acct client list >human.list &&
	python3 -c "
import json
d = {c[\"slug\"]: c[\"name\"] for c in json.load(open(\"json.list\", encoding=\"utf-8\"))[\"clients\"]}
human = {l.split(\" \", 1)[0]: l for l in open(\"human.list\", encoding=\"utf-8\").read().split(\"\n\")}
bad = 0
for line in open(\"names.list\", encoding=\"utf-8\"):
    slug, want = line.rstrip(\"\n\").split(\" \", 1)
    if d.get(slug) != want:
        print(\"list --json\", slug, repr(want), repr(d.get(slug)))
        bad = 1
    if want not in human.get(slug, \"\"):
        print(\"list\", slug, repr(want), repr(human.get(slug)))
        bad = 1
raise SystemExit(bad)
"
'

test_expect_success 'client show prints awkward names byte for byte' '
	for slug in odd-1 odd-3 odd-8 odd-26 odd-28 odd-33
	do
		acct client show $slug >shown &&
		name=$(sed -n "s/^$slug //p" names.list) &&
		test_grep -F -e "$name" shown || return 1
	done
'

test_expect_success PYYAML 'awkward names read back the same in another YAML reader' '
	python3 -c "
import yaml
bad = 0
for line in open(\"names.list\", encoding=\"utf-8\"):
    slug, want = line.rstrip(\"\n\").split(\" \", 1)
    try:
        got = yaml.safe_load(open(\"book/clients/%s/client.yaml\" % slug, encoding=\"utf-8\"))[\"name\"]
    except yaml.YAMLError as e:
        got = \"error: %s\" % str(e).splitlines()[0]
    if got != want:
        print(slug, repr(want), repr(got))
        bad = 1
raise SystemExit(bad)
"
'

test_expect_success 'an emoji name with --slug is stored byte for byte' '
	acct client add "🚀🎉" --slug rocket >out &&
	echo rocket >expect &&
	test_cmp expect out &&
	acct client show rocket >shown &&
	test_grep -F "🚀🎉" shown &&
	test_grep -F "🚀🎉" book/clients/rocket/client.yaml
'

test_expect_success 'a Cyrillic name survives client list' '
	acct client list >out &&
	test_grep -F "ООО «Ромашка»" out
'

# --- client add: refusals ------------------------------------------------
#
# Each test runs a family of bad commands: every one must exit with its
# code, say why on stderr and print nothing on stdout, and together they
# must leave the book exactly as it was (test_book_state is slow, so it
# is taken once a test).

test_expect_success 'a name that is not a single line of text: exit 2' '
	nl="
" &&
	remember_book &&
	for bad in "$(printf "Two\nLines")" "Trailing$nl" \
		"$(printf "Carriage\rReturn")" "$(printf "Bell\007Co")" \
		"$(printf "Esc\033[31mRed")" "$(printf "Del\177Co")" \
		"$(printf "Tab\tCo")" "$(printf "Nel\302\205Co")" \
		"$(printf "Line\342\200\250Sep")"
	do
		fails_with 2 "must be a single line of text" \
			acct client add "$bad" || return 1
	done &&
	book_unchanged
'

test_expect_success 'an option value that is not a single line of text: exit 2' '
	remember_book &&
	fails_with 2 "must be a single line of text" \
		acct client add "Fine Name" --manager "$(printf "Anna\nPetrova")" &&
	fails_with 2 "must be a single line of text" \
		acct client add "Fine Name" --email "$(printf "a@b\nc")" &&
	fails_with 2 "must be a single line of text" \
		acct client add "Fine Name" --phone "$(printf "1\r2")" &&
	fails_with 2 "must be a single line of text" \
		acct client add "Fine Name" --telegram "$(printf "@x\033")" &&
	fails_with 2 "must be a single line of text" \
		acct client add "Fine Name" --tag "$(printf "x\ny")" &&
	fails_with 2 "must be a single line of text" \
		acct client add "Fine Name" --service "$(printf "seo\001")" &&
	book_unchanged
'

test_expect_success 'a name that is not UTF-8, empty or blank: exit 2' '
	remember_book &&
	fails_with 2 "UTF-8" acct client add "$(printf "Caf\351")" &&
	fails_with 2 "" acct client add "" &&
	fails_with 2 "" acct client add "   " &&
	book_unchanged
'

test_expect_success 'a name with nothing to make a slug of: exit 2, give a slug' '
	remember_book &&
	for bad in "🚀🎉" "«—»" "中文"
	do
		fails_with 2 "cannot make a slug from this name; give one with --slug" \
			acct client add "$bad" || return 1
	done &&
	book_unchanged
'

test_expect_success 'a taken slug: exit 2, naming the client, card untouched' '
	cksum book/clients/acme/client.yaml >before &&
	remember_book &&
	fails_with 2 "acme" acct client add "ACME!" &&
	test_grep "Acme Widgets" err &&
	fails_with 2 "acme" acct client add "Other Name" --slug acme &&
	fails_with 2 "acme" acct client add "Acme Widgets" --slug acme --status churned &&
	fails_with 2 "ooo-romashka" acct client add "ООО «Ромашка»" &&
	book_unchanged &&
	cksum book/clients/acme/client.yaml >after &&
	test_cmp before after &&
	test_grep -x "status: lead" book/clients/acme/client.yaml
'

test_expect_success 'bad --slug values: exit 2' '
	s65=$(printf "%065d" 0 | tr 0 b) &&
	remember_book &&
	for bad in ACME Acme ../x a/b -x .x .. a.b "a b" ёж "" "$s65" \
		add list show
	do
		fails_with 2 "" acct client add "Bad Slug" --slug="$bad" || return 1
	done &&
	book_unchanged
'

test_expect_success 'a slug made from the name is never a verb: exit 2' '
	remember_book &&
	for bad in List ADD "Show!" Done Import
	do
		fails_with 2 "slug" acct client add "$bad" &&
		test_grep -e "--slug" err || return 1
	done &&
	book_unchanged
'

test_expect_success 'an impossible --since: exit 2 with the reason' '
	remember_book &&
	fails_with 2 "2026-02-30 is not a date (February 2026 has 28 days)" \
		acct client add "Bad Since" --since 2026-02-30 &&
	fails_with 2 "2025-02-29 is not a date (February 2025 has 28 days)" \
		acct client add "Bad Since" --since 2025-02-29 &&
	fails_with 2 "2026-04-31 is not a date (April 2026 has 30 days)" \
		acct client add "Bad Since" --since 2026-04-31 &&
	fails_with 2 "1900-02-29" \
		acct client add "Bad Since" --since 1900-02-29 &&
	for d in 2026-13-01 2026-00-10 2026-01-00 2026-01-32 2026-1-5 26-01-05 \
		1969-12-31 10000-01-01 2026-01-05x " 2026-01-05" tomorrow "" \
		2026/01/05 2026-01-05T10:00 +2026-01-05 ２０２６-01-05
	do
		fails_with 2 "" acct client add "Bad Since" --since "$d" || return 1
	done &&
	book_unchanged
'

test_expect_success 'the years 1970 and 9999 are fine; 2024-02-29 and 2000-02-29 too' '
	acct client add "Old Since" --since 1970-01-01 >/dev/null &&
	acct client add "Far Since" --since 9999-12-31 >/dev/null &&
	acct client add "Leap Since" --since 2000-02-29 >/dev/null &&
	test_grep -x "since: 2000-02-29" book/clients/leap-since/client.yaml &&
	test_grep -x "since: 2024-02-29" book/clients/acme/client.yaml
'

test_expect_success 'a bad --status, --budget, or --currency alone: exit 2' '
	remember_book &&
	fails_with 2 "gone" acct client add "Bad Status" --status gone &&
	fails_with 2 "Active" acct client add "Bad Status" --status Active &&
	fails_with 2 "" acct client add "Bad Status" --status "" &&
	for b in abc "" -100 12abc 1,5 0x10 " 100" NaN inf 1e400
	do
		fails_with 2 "" acct client add "Bad Budget" --budget "$b" || return 1
	done &&
	fails_with 2 "currency" acct client add "No Budget" --currency RUB &&
	book_unchanged
'

test_expect_success 'usage errors: exit 2' '
	remember_book &&
	fails_with 2 "--frobnicate" acct client add "Acme Two" --frobnicate &&
	test_grep "usage: acct client add" err &&
	fails_with 2 "-x" acct client add -x "Acme Two" &&
	fails_with 2 "--slug" acct client add "Acme Two" --slug &&
	fails_with 2 "usage: acct client add" acct client add &&
	fails_with 2 "usage: acct client add" acct client add --status lead &&
	fails_with 2 "usage: acct client add" acct client add One Two &&
	fails_with 2 "frobnicate" acct client frobnicate &&
	fails_with 2 "add" acct client &&
	book_unchanged
'

test_expect_success 'client add -h: help on stdout, exit 0, nothing written' '
	remember_book &&
	acct client add -h >out 2>err &&
	test_must_be_empty err &&
	test_grep "usage: acct client add" out &&
	acct client add "Not Added" -h >out 2>err &&
	test_grep "usage: acct client add" out &&
	book_unchanged
'

test_expect_success 'the book is still clean' '
	is_clean book
'

# --- client list ---------------------------------------------------------

test_expect_success 'setup: a small book to list' '
	acct init lb >/dev/null &&
	acct -C lb client add "Acme" --manager "Anna Petrova <anna@agency.example>" --tag key --tag seo >/dev/null &&
	acct -C lb client add "Acorn Ltd" --slug acorn --status lead --manager "Борис Иванов <boris@agency.example>" --tag seo >/dev/null &&
	acct -C lb client add "ООО «Ромашка»" --status paused --manager "Анна Смирнова <anna.s@agency.example>" --tag key >/dev/null &&
	acct -C lb client add "Zeta" --status churned >/dev/null &&
	test_tick &&
	printf "archived: 2026-10-01\n" >>lb/clients/zeta/client.yaml &&
	git -C lb commit -q -a -m "archive zeta by hand"
'

test_expect_success 'client list: a table, one client a line, sorted by slug' '
	acct -C lb client list >out 2>err &&
	test_must_be_empty err &&
	test_line_count = 3 out &&
	sed -n 1p out >line && test_grep "^acme  *Acme  *active  *Anna Petrova" line &&
	sed -n 2p out >line && test_grep "^acorn  *Acorn Ltd  *lead  *Борис Иванов" line &&
	sed -n 3p out >line && test_grep "^ooo-romashka  *ООО «Ромашка»  *paused  *Анна Смирнова" line
'

test_expect_success PYTHON 'client list: columns line up (in characters, not bytes)' '
	python3 -c "
lines = open(\"out\", encoding=\"utf-8\").read().splitlines()
cols = {l.index(w) for l, w in zip(lines, (\"active\", \"lead\", \"paused\"))}
assert len(cols) == 1, cols
"
'

test_expect_success PYTHON 'client list --json: format 1 and a clients array' '
	acct -C lb client list --json >json 2>err &&
	test_must_be_empty err &&
	python3 -c "
import json
d = json.load(open(\"json\", encoding=\"utf-8\"))
assert d[\"format\"] == 1
c = d[\"clients\"]
assert [x[\"slug\"] for x in c] == [\"acme\", \"acorn\", \"ooo-romashka\"], c
assert [x[\"name\"] for x in c] == [\"Acme\", \"Acorn Ltd\", \"ООО «Ромашка»\"], c
assert [x[\"status\"] for x in c] == [\"active\", \"lead\", \"paused\"], c
assert c[0][\"manager\"] == \"Anna Petrova <anna@agency.example>\"
assert \"errors\" not in d or d[\"errors\"] == [], d
"
'

test_expect_success 'client list --status' '
	acct -C lb client list --status lead >out &&
	test_line_count = 1 out &&
	test_grep "^acorn " out &&
	acct -C lb client list --status churned >out &&
	test_must_be_empty out &&
	acct -C lb client list --status churned --all >out &&
	test_line_count = 1 out &&
	test_grep "^zeta " out
'

test_expect_success 'client list usage errors: exit 2' '
	remember_book lb &&
	fails_with 2 "gone" acct -C lb client list --status gone &&
	fails_with 2 "acme" acct -C lb client list acme &&
	fails_with 2 "--frobnicate" acct -C lb client list --frobnicate &&
	book_unchanged lb
'

test_expect_success 'client list --manager: a substring, in any case' '
	acct -C lb client list --manager petrova >out &&
	test_line_count = 1 out &&
	test_grep "^acme " out &&
	acct -C lb client list --manager ANNA >out &&
	test_line_count = 2 out &&
	test_grep "^acme " out &&
	test_grep "^ooo-romashka " out &&
	acct -C lb client list --manager agency.example >out &&
	test_line_count = 3 out
'

test_expect_success 'client list --manager that no card names: exit 2, the managers named' '
	remember_book lb &&
	for j in "" --json
	do
		fails_with 2 "" acct -C lb client list --manager nobody $j &&
		cat >expect <<-\EOF &&
		acct: no client has a manager matching '"'"'nobody'"'"'
		hint: the managers are: A U Thor <author@example.com>, Anna Petrova <anna@agency.example>, Анна Смирнова <anna.s@agency.example>, Борис Иванов <boris@agency.example>
		EOF
		test_cmp expect err || return 1
	done &&
	fails_with 2 "--manager must not be empty" acct -C lb client list --manager "" &&
	book_unchanged lb
'

test_expect_success 'client list --manager of hidden clients only: an empty list, exit 0' '
	acct -C lb client list --manager author >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	acct -C lb client list --manager author --all >out &&
	test_grep "^zeta " out
'

test_expect_success 'client list --manager: Cyrillic, in any case' '
	acct -C lb client list --manager иванов >out &&
	test_line_count = 1 out &&
	test_grep "^acorn " out &&
	acct -C lb client list --manager БОРИС >out &&
	test_line_count = 1 out &&
	test_grep "^acorn " out &&
	acct -C lb client list --manager "анна" >out &&
	test_line_count = 1 out &&
	test_grep "^ooo-romashka " out
'

test_expect_success 'client list --tag: the whole tag' '
	acct -C lb client list --tag key >out &&
	test_line_count = 2 out &&
	test_grep "^acme " out &&
	test_grep "^ooo-romashka " out &&
	acct -C lb client list --tag seo >out &&
	test_line_count = 2 out &&
	acct -C lb client list --tag ke >out &&
	test_must_be_empty out
'

test_expect_success 'client list --json --no-json is the table' '
	acct -C lb client list >expect &&
	acct -C lb client list --json --no-json >actual &&
	test_cmp expect actual
'

test_expect_success 'client list: filters combine' '
	acct -C lb client list --tag key --manager anna --status paused >out &&
	test_line_count = 1 out &&
	test_grep "^ooo-romashka " out
'

test_expect_success 'client list --names: the slugs, one a line' '
	acct -C lb client list --names >out 2>err &&
	test_must_be_empty err &&
	test_grep -x acme out &&
	test_grep -x acorn out &&
	test_grep -x ooo-romashka out &&
	test_grep ! " " out &&
	LC_ALL=C sort out >sorted &&
	test_cmp sorted out
'

test_expect_success 'an archived client is hidden, shown with --all' '
	acct -C lb client list >out &&
	test_grep ! zeta out &&
	acct -C lb client list --all >out &&
	test_line_count = 4 out &&
	test_grep "^zeta  *Zeta" out
'

test_expect_success PYTHON 'client list --all --json says when it was archived' '
	acct -C lb client list --all --json >json &&
	python3 -c "
import json
d = json.load(open(\"json\", encoding=\"utf-8\"))
z = [c for c in d[\"clients\"] if c[\"slug\"] == \"zeta\"]
assert len(z) == 1, d
assert z[0][\"archived\"] == \"2026-10-01\", z
" &&
	acct -C lb client list --json >json &&
	test_grep ! zeta json
'

test_expect_success 'an archived client can still be shown' '
	acct -C lb client show zeta >out &&
	test_grep "2026-10-01" out
'

test_expect_success 'client list in a book with no clients: nothing, exit 0' '
	acct init empty >/dev/null &&
	acct -C empty client list >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success PYTHON 'client list --json in a book with no clients' '
	acct -C empty client list --json >json &&
	jcheck @json format=1 "clients=[]"
'

test_expect_success 'client list and show do not write to the book' '
	remember_book lb &&
	acct -C lb client list --all --json >/dev/null &&
	acct -C lb client show acme >/dev/null &&
	book_unchanged lb
'

test_expect_success 'setup: bad cards among good ones' '
	cp -R lb lbad &&
	write_card lbad broken "name: Broken\nstatus: [active\n" &&
	write_card lbad broken2 "status: active\n"
'

test_expect_success 'client list: the good ones on stdout, the bad ones on stderr, exit 1' '
	remember_book lbad &&
	test_expect_code 1 acct -C lbad client list >out 2>err &&
	test_line_count = 3 out &&
	test_grep "^acme " out &&
	test_grep "^acorn " out &&
	test_grep "^ooo-romashka " out &&
	test_grep "clients/broken/client.yaml:[0-9][0-9]*:[0-9][0-9]*: " err &&
	test_grep "clients/broken2/client.yaml:[0-9][0-9]*:[0-9][0-9]*: " err &&
	test_grep ! "^acme" err &&
	book_unchanged lbad
'

test_expect_success PYTHON 'client list --json: the good ones and an errors array' '
	test_expect_code 1 acct -C lbad client list --json >json 2>err &&
	python3 -c "
import json
d = json.load(open(\"json\", encoding=\"utf-8\"))
assert d[\"format\"] == 1
assert [c[\"slug\"] for c in d[\"clients\"]] == [\"acme\", \"acorn\", \"ooo-romashka\"], d
e = d[\"errors\"]
assert isinstance(e, list) and len(e) == 2, e
text = json.dumps(e)
assert \"clients/broken/client.yaml\" in text, e
assert \"clients/broken2/client.yaml\" in text, e
" &&
	test_grep "clients/broken/client.yaml" err
'

test_expect_success 'client list with filters still reports a bad card' '
	test_expect_code 1 acct -C lbad client list --status lead >out 2>err &&
	test_line_count = 1 out &&
	test_grep "clients/broken/client.yaml" err
'

test_expect_success 'client show of a bad card: exit 1 with file:line:col' '
	expect_refusal_in lbad 1 "clients/broken/client.yaml:" acct -C lbad client show broken &&
	test_grep "^acct: clients/broken/client.yaml:[0-9]*:[0-9]*: " err
'

test_expect_success 'client show of a good card next to a bad one works' '
	acct -C lbad client show acme >out &&
	test_grep "Acme" out
'

test_expect_success 'client add next to a bad card works' '
	acct -C lbad client add "New Next To Bad" >out &&
	echo new-next-to-bad >expect &&
	test_cmp expect out &&
	is_clean lbad
'

# --- client show ---------------------------------------------------------

test_expect_success 'setup: acme, acorn, acme-2, beta' '
	acct init sb >/dev/null &&
	acct -C sb client add "Acme" >/dev/null &&
	acct -C sb client add "Acorn" >/dev/null &&
	acct -C sb client add "Acme Two" --slug acme-2 >/dev/null &&
	acct -C sb client add "Beta" >/dev/null
'

test_expect_success 'client show by slug' '
	acct -C sb client show beta >out 2>err &&
	test_must_be_empty err &&
	test_grep "Beta" out
'

test_expect_success 'client show by a unique prefix' '
	acct -C sb client show b >out &&
	test_grep "Beta" out &&
	acct -C sb client show aco >out &&
	test_grep "Acorn" out
'

test_expect_success 'an exact slug wins over being a prefix' '
	acct -C sb client show acme --json >json &&
	test_grep "\"slug\": \"acme\"" json
'

test_expect_success 'an ambiguous prefix: exit 2, listing the candidates' '
	remember_book sb &&
	fails_with 2 "'"'"'ac'"'"' is ambiguous: acme, acme-2, acorn" \
		acct -C sb client show ac &&
	fails_with 2 "'"'"'acm'"'"' is ambiguous: acme, acme-2" \
		acct -C sb client show acm &&
	book_unchanged sb
'

test_expect_success 'an ambiguous prefix of two' '
	acct init sb2 >/dev/null &&
	acct -C sb2 client add "Acme" >/dev/null &&
	acct -C sb2 client add "Acorn" >/dev/null &&
	expect_refusal_in sb2 2 "'"'"'ac'"'"' is ambiguous: acme, acorn" \
		acct -C sb2 client show ac
'

test_expect_success 'an unknown client, or a path: exit 2' '
	remember_book sb &&
	fails_with 2 "no such client '"'"'x'"'"'" acct -C sb client show x &&
	fails_with 2 "no such client '"'"'acme-3'"'"'" acct -C sb client show acme-3 &&
	fails_with 2 "no such client" acct -C sb client show ACME &&
	fails_with 2 "no such client" acct -C sb client show cme &&
	for c in ../x ../sb/clients/acme clients/acme acme/ /etc/passwd . .. \
		"" acme/client.yaml ./acme "*" "a*" "acm?" "acme/../beta"
	do
		fails_with 2 "" acct -C sb client show "$c" || return 1
	done &&
	book_unchanged sb
'

test_expect_success PYTHON 'client show --json' '
	acct -C sb client show acme-2 --json >json 2>err &&
	test_must_be_empty err &&
	jcheck @json format=1 client.slug=acme-2 "client.name=Acme Two" \
		client.status=active client.since=2026-11-23 \
		"client.manager=A U Thor <author@example.com>"
'

test_expect_success 'client show --json before the client' '
	acct -C sb client show --json beta >json &&
	test_grep "\"name\": \"Beta\"" json
'

test_expect_success 'client show usage errors: exit 2' '
	remember_book sb &&
	fails_with 2 "usage: acct client show" acct -C sb client show &&
	fails_with 2 "usage: acct client show" acct -C sb client show acme beta &&
	fails_with 2 "--frobnicate" acct -C sb client show acme --frobnicate &&
	fails_with 2 "no such client" acct -C sb client show -- -x &&
	book_unchanged sb
'

# --- hand-written cards that must load -----------------------------------

test_expect_success 'setup: a book for hand-written cards' '
	acct init tb >/dev/null &&
	: >tb.names
'

# shows_name SLUG NAME: client show SLUG works and shows NAME; the JSON
# check of every NAME comes in one go at the end (python3 is slow).
shows_name () {
	acct -C tb client show "$1" >shown 2>show.err &&
	test_must_be_empty show.err &&
	test_grep -F -e "$2" shown &&
	printf "%s\n" "$1 $2" >>tb.names
}

test_expect_success 'a card with a UTF-8 BOM' '
	write_card tb bom "\357\273\277name: Bom Co\nstatus: active\n" &&
	shows_name bom "Bom Co"
'

test_expect_success 'a card with CRLF line endings' '
	write_card tb crlf "name: Crlf Co\r\nstatus: lead\r\ntags: [a, b]\r\n" &&
	shows_name crlf "Crlf Co" &&
	test_grep "lead" shown
'

test_expect_success 'a card with CR line endings' '
	write_card tb cr "name: Cr Co\rstatus: paused\r" &&
	shows_name cr "Cr Co" &&
	test_grep "paused" shown
'

test_expect_success 'a card with a BOM and CRLF' '
	write_card tb bomcrlf "\357\273\277# hello\r\nname: Both Co\r\n" &&
	shows_name bomcrlf "Both Co"
'

test_expect_success 'a card with comments everywhere' '
	card_from_stdin tb comments <<-\EOF &&
	# a comment first
	  # an indented one
	name: Commented Co   # after the name
	# between
	status: active # after the status
	tags: [a, # inside a flow list
	  b]
	services:   # before a block list
	  # inside it
	  - seo     # after an item
	# last
	EOF
	shows_name comments "Commented Co"
'

test_expect_success 'a card in flow style' '
	write_card tb flow "{name: Flow Co, status: paused, tags: [x, y], budget: {amount: 10, currency: EUR}}\n" &&
	shows_name flow "Flow Co" &&
	test_grep "paused" shown
'

test_expect_success 'a card with anchors and aliases' '
	card_from_stdin tb alias <<-\EOF &&
	x-people: &anna Anna Petrova <anna@agency.example>
	name: &n Alias Co
	source: *n
	manager: *anna
	tags: &t [one, two]
	x-tags-again: *t
	EOF
	shows_name alias "Alias Co" &&
	test_grep "Anna Petrova <anna@agency.example>" shown
'

test_expect_success 'YAML 1.1 words stay text: name: NO' '
	write_card tb no "name: NO\nstatus: active\n" &&
	shows_name no "NO"
'

test_expect_success 'more words and numbers that stay text' '
	write_card tb w-off "name: off\n" && shows_name w-off "off" &&
	write_card tb w-yes "name: Yes\n" && shows_name w-yes "Yes" &&
	write_card tb w-num "name: 123\n" && shows_name w-num "123" &&
	write_card tb w-hex "name: 0x1F\n" && shows_name w-hex "0x1F" &&
	write_card tb w-oct "name: 0o17\n" && shows_name w-oct "0o17" &&
	write_card tb w-float "name: 1.50\n" && shows_name w-float "1.50" &&
	write_card tb w-under "name: 1_000\n" && shows_name w-under "1_000" &&
	write_card tb w-date "name: 2026-01-01\n" && shows_name w-date "2026-01-01" &&
	write_card tb w-sexa "name: 1:20\n" && shows_name w-sexa "1:20"
'

test_expect_success 'tags: !!str' '
	write_card tb str-tag "name: !!str 2026-01-01\ntags: [!!str yes, !!str 12]\n" &&
	shows_name str-tag "2026-01-01"
'

test_expect_success 'quoted and block scalars' '
	write_card tb quoted "name: \"Quoted \\\\\"Co\\\\\" \\\\u00e9\"\n" &&
	shows_name quoted "Quoted \"Co\" é" &&
	write_card tb single "name: '"'"'It'"'"''"'"'s Co'"'"'\n" &&
	shows_name single "It'"'"'s Co" &&
	write_card tb folded "name: >-\n  Folded\n  Co\n" &&
	shows_name folded "Folded Co"
'

test_expect_success 'document markers, unknown keys, a fee' '
	write_card tb markers "%%YAML 1.1\n---\nname: Markers Co\nx-custom: {deep: [1, 2, {a: b}]}\nfee: {amount: 90000, currency: RUB, period: month, floating: 30}\n...\n" &&
	shows_name markers "Markers Co"
'

test_expect_success 'a Cyrillic name written by hand' '
	write_card tb ru "name: \"ИП Сидоров\"\nmanager: Анна\n" &&
	shows_name ru "ИП Сидоров"
'

test_expect_success 'a bidi override in a name: raw bytes when piped' '
	write_card tb bidi "name: \"Evil \\\\u202Egnp.exe Co\"\n" &&
	printf "Evil \342\200\256gnp.exe Co" >bidi-name &&
	shows_name bidi "$(cat bidi-name)"
'

test_expect_success TTY 'on a terminal, a bidi override is shown escaped' '
	script -qec "acct -C tb client show bidi" /dev/null >tty.out &&
	test_grep "Evil" tty.out &&
	printf "\342\200\256" >rlo &&
	test_grep ! -F -f rlo tty.out &&
	script -qec "acct -C tb client list" /dev/null >tty.out &&
	test_grep "Evil" tty.out &&
	test_grep ! -F -f rlo tty.out
'

test_expect_success TTY 'NO_COLOR: no colour on a terminal' '
	printf "\033" >esc &&
	NO_COLOR=1 script -qec "acct -C tb client list" /dev/null >tty.out &&
	test_grep "bom" tty.out &&
	test_grep ! -F -f esc tty.out &&
	NO_COLOR=1 script -qec "acct -C tb client show bom" /dev/null >tty.out &&
	test_grep "Bom Co" tty.out &&
	test_grep ! -F -f esc tty.out
'

test_expect_success 'no colour when stdout is not a terminal' '
	printf "\033" >esc &&
	acct -C tb client list >out &&
	test_grep ! -F -f esc out &&
	acct -C tb client show bom >out &&
	test_grep ! -F -f esc out
'

test_expect_success PYTHON 'hand-written cards: every name byte for byte in --json' '
	acct -C tb client list --json >json.tb &&
	python3 -c "
import json
d = {c[\"slug\"]: c[\"name\"] for c in json.load(open(\"json.tb\", encoding=\"utf-8\"))[\"clients\"]}
bad = 0
for line in open(\"tb.names\", encoding=\"utf-8\", newline=\"\\n\"):
    slug, want = line.rstrip(\"\\n\").split(\" \", 1)
    if d.get(slug) != want:
        print(slug, repr(want), repr(d.get(slug)))
        bad = 1
raise SystemExit(bad)
"
'

test_expect_success PYTHON 'hand-written cards: the other fields in --json' '
	for slug in crlf cr comments flow alias str-tag
	do
		acct -C tb client show $slug --json >json.$slug || return 1
	done &&
	jcheck @json.crlf client.status=lead "client.tags=[\"a\",\"b\"]" \
		@json.cr client.status=paused \
		@json.comments "client.tags=[\"a\",\"b\"]" "client.services=[\"seo\"]" \
		@json.flow client.status=paused "client.tags=[\"x\",\"y\"]" \
		@json.alias "client.manager=Anna Petrova <anna@agency.example>" \
		"client.tags=[\"one\",\"two\"]" \
		@json.str-tag "client.tags=[\"yes\",\"12\"]"
'

test_expect_success 'client list shows every good hand-written card, exit 0' '
	acct -C tb client list >out 2>err &&
	test_must_be_empty err &&
	while read slug name
	do
		test_grep "^$slug " out || return 1
	done <tb.names
'

# --- hand-written cards that must fail ------------------------------------

test_expect_success 'setup: a book for bad cards' '
	acct init xb >/dev/null &&
	acct -C xb client add "Good Co" >/dev/null &&
	: >xb.bad
'

# bad_card SLUG WHERE: client show SLUG exits 1 naming
# clients/SLUG/client.yaml:WHERE: (WHERE a grep pattern, "3:1" or
# "[0-9]*:[0-9]*") and prints nothing on stdout. (That nothing changes,
# and what client list says, is checked once for all of them below:
# test_book_state is slow.)
bad_card () {
	fails_with 1 "" acct -C xb client show "$1" &&
	test_grep "^acct: clients/$1/client\.yaml:$2: [^ ]" err &&
	echo "$1 $2" >>xb.bad
}

test_expect_success 'duplicate keys' '
	write_card xb dup "name: A\nstatus: active\nname: B\n" &&
	bad_card dup "3:1"
'

test_expect_success 'duplicate keys in a nested mapping' '
	write_card xb dup2 "name: A\nbudget: {amount: 1, amount: 2}\n" &&
	bad_card dup2 "2:[0-9]*"
'

test_expect_success 'two documents' '
	write_card xb twodocs "name: A\n---\nname: B\n" &&
	bad_card twodocs "[23]:[0-9]*"
'

test_expect_success 'a root that is a list' '
	write_card xb rootlist "- name: A\n" &&
	bad_card rootlist "1:1"
'

test_expect_success 'a root that is a scalar' '
	write_card xb rootscalar "just some text\n" &&
	bad_card rootscalar "1:1"
'

test_expect_success 'an empty card' '
	write_card xb emptycard "" &&
	bad_card emptycard "[0-9]*:[0-9]*"
'

test_expect_success 'a card of only comments' '
	write_card xb onlycomments "# nothing here\n" &&
	bad_card onlycomments "[0-9]*:[0-9]*"
'

test_expect_success 'the name missing' '
	write_card xb noname "status: active\nmanager: Anna\n" &&
	bad_card noname "1:1"
'

test_expect_success 'the name empty' '
	write_card xb emptyname "name: \"\"\n" &&
	bad_card emptyname "1:7"
'

test_expect_success 'the name null' '
	write_card xb nullname "name:\nstatus: active\n" &&
	bad_card nullname "1:[0-9]*" &&
	write_card xb tildename "name: ~\n" &&
	bad_card tildename "1:7"
'

test_expect_success 'the name a list' '
	write_card xb listname "status: active\nname: [a, b]\n" &&
	bad_card listname "2:7"
'

test_expect_success 'the name a mapping' '
	write_card xb mapname "name:\n  first: A\n" &&
	bad_card mapname "2:3"
'

test_expect_success 'the name holding a NUL (an escape)' '
	write_card xb nulname "name: \"a\\\\0b\"\n" &&
	bad_card nulname "1:7"
'

test_expect_success 'the name holding a control character (an escape)' '
	write_card xb ctrl "name: \"a\\\\u0007b\"\n" &&
	bad_card ctrl "1:7"
'

test_expect_success 'a syntax error names its line and column' '
	write_card xb syntax "name: A\nstatus: active\n\tbad: tab\n" &&
	bad_card syntax "3:1"
'

test_expect_success 'an unclosed quote' '
	write_card xb unclosed "name: \"A\nstatus: active\n" &&
	bad_card unclosed "[0-9]*:[0-9]*"
'

test_expect_success 'an undefined alias' '
	write_card xb noalias "name: *nothing\n" &&
	bad_card noalias "1:7"
'

test_expect_success 'a bad status in a card' '
	write_card xb badstatus "name: A\nstatus: gone\n" &&
	bad_card badstatus "2:9"
'

test_expect_success 'an impossible date in a card' '
	write_card xb baddate "name: A\nsince: 2026-02-30\n" &&
	bad_card baddate "2:8" &&
	test_grep "2026-02-30 is not a date (February 2026 has 28 days)" err
'

# laughs KEY LAST: a billion laughs (10^9 "lol"s when expanded) under keys
# KEY0..KEY9, then the line LAST.
laughs () {
	printf "%s0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" "$1" &&
	for i in 1 2 3 4 5 6 7 8 9
	do
		p=$(($i - 1)) &&
		printf "%s$i: &a$i [*a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p]\n" "$1" ||
		return 1
	done &&
	printf "%s\n" "$2"
}

test_expect_success 'a billion-laughs name finishes fast and fails' '
	laughs x "name: *a9" >bomb &&
	card_from_stdin xb laughs <bomb &&
	fails_with 1 "clients/laughs/client.yaml:" timeout 5 acct -C xb client show laughs &&
	test_grep "clients/laughs/client.yaml:[0-9]*:[0-9]*: " err &&
	echo "laughs [0-9]*:[0-9]*" >>xb.bad
'

test_expect_success 'a billion laughs in tags: fails fast' '
	laughs x "tags: *a9" >bomb &&
	{ echo "name: Tag Laughs" && cat bomb; } | card_from_stdin xb taglaughs &&
	fails_with 1 "clients/taglaughs/client.yaml:" timeout 5 acct -C xb client show taglaughs &&
	echo "taglaughs [0-9]*:[0-9]*" >>xb.bad
'

test_expect_success 'a billion laughs under an unknown key: fast, no blow-up' '
	acct init lol >/dev/null &&
	laughs x-lol "name: Laughing Co" >bomb &&
	card_from_stdin lol laughing <bomb &&
	{ timeout 5 acct -C lol client show laughing --json >out 2>err; echo $? >code; } &&
	case $(cat code) in
	0) test_grep "Laughing Co" out ;;
	1) test_grep "clients/laughing/client.yaml:[0-9]*:[0-9]*: " err ;;
	*) echo "exit status $(cat code)"; cat err; false ;;
	esac &&
	{ timeout 5 acct -C lol client list >out 2>err; echo $? >code; } &&
	case $(cat code) in
	0|1) ;;
	*) echo "exit status $(cat code)"; cat err; false ;;
	esac
'

test_expect_success 'an alias inside the value it names: refused at its place' '
	printf "name: Cycle\nx-loop: &x [a, *x]\n" | card_from_stdin xb cycle &&
	fails_with 1 "clients/cycle/client.yaml:2:16: alias inside the value it names" \
		timeout 5 acct -C xb client show cycle &&
	echo "cycle 2:16" >>xb.bad
'

test_expect_success '10000 nested [ finish fast and fail' '
	{
		printf "name: " &&
		printf "%010000d" 0 | tr 0 "[" &&
		printf "\n"
	} >deep-card &&
	card_from_stdin xb nested <deep-card &&
	fails_with 1 "clients/nested/client.yaml:" timeout 5 acct -C xb client show nested &&
	test_grep "clients/nested/client.yaml:[0-9]*:[0-9]*: " err &&
	echo "nested [0-9]*:[0-9]*" >>xb.bad
'

test_expect_success '10000 nested and closed [ ] under an unknown key: no crash' '
	acct init deep >/dev/null &&
	{
		printf "name: Deep Co\nx-deep: " &&
		printf "%010000d" 0 | tr 0 "[" &&
		printf "%010000d" 0 | tr 0 "]" &&
		printf "\n"
	} >deep-card &&
	card_from_stdin deep deep <deep-card &&
	{ timeout 5 acct -C deep client show deep >out 2>err; echo $? >code; } &&
	case $(cat code) in
	0) test_grep "Deep Co" out ;;
	1) test_grep "clients/deep/client.yaml:[0-9]*:[0-9]*: " err ;;
	*) echo "exit status $(cat code)"; cat err; false ;;
	esac
'

test_expect_success '10000 nested flow mappings: no crash' '
	acct init deep3 >/dev/null &&
	{
		printf "name: Deep Map\nx-deep: " &&
		i=0 &&
		while test $i -lt 100
		do
			printf "{a: {a: {a: {a: {a: {a: {a: {a: {a: {a: " &&
			i=$(($i + 1)) || return 1
		done &&
		printf "x" &&
		printf "%01000d" 0 | tr 0 "}" &&
		printf "\n"
	} >deep-card &&
	card_from_stdin deep3 deep <deep-card &&
	{ timeout 5 acct -C deep3 client show deep >out 2>err; echo $? >code; } &&
	case $(cat code) in
	0) test_grep "Deep Map" out ;;
	1) test_grep "clients/deep/client.yaml:[0-9]*:[0-9]*: " err ;;
	*) echo "exit status $(cat code)"; cat err; false ;;
	esac
'

test_expect_success 'a UTF-16 card with a BOM' '
	printf "\377\376" >utf16 &&
	printf "name: Sixteen Co\nstatus: active\n" | test_utf16le >>utf16 &&
	card_from_stdin xb utf16 <utf16 &&
	bad_card utf16 "[0-9]*:[0-9]*"
'

test_expect_success 'a UTF-16 card without a BOM' '
	printf "name: Sixteen Co\nstatus: active\n" | test_utf16le >utf16le &&
	card_from_stdin xb utf16le <utf16le &&
	bad_card utf16le "1:[0-9]*"
'

test_expect_success 'invalid UTF-8, named at its line and column' '
	write_card xb latin1 "# a comment\nstatus: active\nname: Caf\351\n" &&
	bad_card latin1 "3:10"
'

test_expect_success 'a truncated UTF-8 sequence at the end' '
	write_card xb trunc "name: Caf\303" &&
	bad_card trunc "1:[0-9]*"
'

test_expect_success 'an overlong UTF-8 encoding' '
	write_card xb overlong "name: a\300\257b\n" &&
	bad_card overlong "1:[0-9]*"
'

test_expect_success 'a NUL byte in a card' '
	write_card xb nul "name: a\000b\nstatus: active\n" &&
	bad_card nul "1:[0-9]*"
'

test_expect_success 'a NUL byte on a later line' '
	write_card xb nul2 "status: active\nname: ab\n# x\000\n" &&
	bad_card nul2 "3:[0-9]*"
'

test_expect_success 'every bad card is named by client list, the good one shown' '
	remember_book xb &&
	test_expect_code 1 acct -C xb client list >out 2>err &&
	test_line_count = 1 out &&
	test_grep "^good-co " out &&
	while read slug where
	do
		test_grep "^acct: clients/$slug/client\.yaml:$where: [^ ]" err || return 1
	done <xb.bad &&
	grep "^acct: " err >errors &&
	test_line_count = $(wc -l <xb.bad) errors &&
	book_unchanged xb
'

test_expect_success PYTHON 'client list --json: every bad card in "errors"' '
	test_expect_code 1 acct -C xb client list --json >json 2>err &&
	python3 -c "
import json
d = json.load(open(\"json\", encoding=\"utf-8\"))
assert [c[\"slug\"] for c in d[\"clients\"]] == [\"good-co\"], d
text = json.dumps(d[\"errors\"])
want = [l.split()[0] for l in open(\"xb.bad\")]
assert len(d[\"errors\"]) == len(want), (len(d[\"errors\"]), len(want))
for slug in want:
    assert (\"clients/%s/client.yaml\" % slug) in text, slug
"
'

test_expect_success 'client show of bad cards changes nothing' '
	remember_book xb &&
	for slug in dup twodocs laughs nested utf16 latin1 nul
	do
		test_expect_code 1 acct -C xb client show $slug >out 2>err &&
		test_must_be_empty out || return 1
	done &&
	book_unchanged xb
'

test_expect_success 'client add still works in a book with bad cards' '
	acct -C xb client add "Another Good" >out &&
	echo another-good >expect &&
	test_cmp expect out &&
	is_clean xb
'

test_expect_success 'every book is clean at the end' '
	for b in book nfc nfd lb lbad sb sb2 tb xb
	do
		is_clean $b || return 1
	done
'

test_done
