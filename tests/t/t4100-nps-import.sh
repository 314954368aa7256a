#!/bin/sh
# shellcheck disable=SC2016

test_description='acct nps import

A survey tool'"'"'s CSV export (FILE, or - for standard input): a header row
naming client, date, respondent and score, and optionally role, comment,
csat and survey, in English or Russian; "," or ";" separators, quoted
fields with separators, doubled quotes and line breaks, CRLF, a BOM,
YYYY-MM-DD or DD.MM.YYYY dates. All or nothing: one bad row exits 2
naming FILE:LINE and writes nothing, a broken CSV exits 2 naming
FILE:LINE:COL; otherwise one commit for the whole import. Answers the
book has already (client, date, respondent) are not added again;
--dry-run writes nothing; --json.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

# --- helpers ----------------------------------------------------------------

# bad_import MESSAGE FILE: acct nps import FILE exits 2, prints nothing on
# stdout, and its stderr starts with "acct: MESSAGE" (a fixed string).
# The caller checks that the book is unchanged.
bad_import () {
	test_expect_code 2 acct nps import "$2" >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	head -n 1 "$T/err" >"$T/err.first" &&
	echo "acct: $1" >"$T/err.expect" &&
	test_cmp "$T/err.expect" "$T/err.first"
}

# files_of_head: the files the last commit added, with their text.
files_of_head () {
	for f in $(git -C "$B" diff-tree -r --no-commit-id --name-only HEAD)
	do
		echo "== $f" &&
		cat "$B/$f" || return 1
	done
}

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: three clients' '
	acct init book >/dev/null &&
	acct client add Acme --since 2025-01-01 -q &&
	acct client add "ООО «Ромашка»" --since 2025-01-01 -q &&
	acct client add Beta --since 2025-01-01 -q &&
	acct client list --names >actual &&
	test_write_lines acme beta ooo-romashka >expect &&
	test_cmp expect actual
'

# --- importing ----------------------------------------------------------------

test_expect_success 'an English CSV: one commit for the whole import' '
	cat >en.csv <<-\EOF &&
	client,date,respondent,score,role,comment,csat,survey
	acme,2026-11-20,Ivan Petrov,9,CMO,"Fast, clear ""weekly"" reports",5,2026-Q4
	acme,2026-11-21,,7,,"line one
	line two",,
	ООО «Ромашка»,2026-11-20,Анна,10,директор,,4,
	be,2026-11-19,Petr,3,,Late again,,
	EOF
	remember &&
	acct nps import en.csv >out 2>err &&
	echo "4 new answers, 0 recorded already" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	one_commit "nps import: 4 answers from en.csv" \
		clients/acme/nps/2026/2026-11-20-ivan-petrov.yaml \
		clients/acme/nps/2026/2026-11-21-anonymous-1.yaml \
		clients/beta/nps/2026/2026-11-19-petr.yaml \
		clients/ooo-romashka/nps/2026/2026-11-20-anna.yaml &&
	files_of_head >actual &&
	cat >expect <<-\EOF &&
	== clients/acme/nps/2026/2026-11-20-ivan-petrov.yaml
	date: 2026-11-20
	respondent: Ivan Petrov
	role: CMO
	score: 9
	csat: 5
	survey: "2026-Q4"
	comment: Fast, clear "weekly" reports
	== clients/acme/nps/2026/2026-11-21-anonymous-1.yaml
	date: 2026-11-21
	score: 7
	comment: "line one\nline two"
	== clients/beta/nps/2026/2026-11-19-petr.yaml
	date: 2026-11-19
	respondent: Petr
	score: 3
	comment: Late again
	== clients/ooo-romashka/nps/2026/2026-11-20-anna.yaml
	date: 2026-11-20
	respondent: Анна
	role: директор
	score: 10
	csat: 4
	EOF
	test_cmp expect actual
'

test_expect_success 'the imported answers are counted' '
	acct nps --json >nps.json &&
	sed -n "/\"portfolio\"/,/\"csat_responses\"/p" nps.json >actual &&
	cat >expect <<-\EOF &&
	  "portfolio": {
	    "nps": 25,
	    "responses": 4,
	    "promoters": 2,
	    "passives": 1,
	    "detractors": 1,
	    "csat": 4.5,
	    "csat_responses": 2,
	EOF
	test_cmp expect actual
'

test_expect_success 're-importing the same file adds nothing and makes no commit' '
	remember &&
	snapshot &&
	acct nps import en.csv >out 2>err &&
	echo "0 new answers, 4 recorded already" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	no_commit &&
	unchanged
'

test_expect_success 'an answer is its client, date and respondent (anonymous: score and comment too)' '
	cat >same.csv <<-\EOF &&
	client,date,respondent,score,comment
	acme,2026-11-20,Ivan Petrov,3,Changed my mind
	acme,2026-11-21,,7,"line one
	line two"
	acme,2026-11-21,,7,line one
	acme,2026-11-21,,8,"line one
	line two"
	EOF
	remember &&
	acct nps import same.csv >out &&
	echo "2 new answers, 2 recorded already" >expect &&
	test_cmp expect out &&
	git -C "$B" diff-tree -r --no-commit-id --name-only HEAD >actual &&
	test_write_lines \
		clients/acme/nps/2026/2026-11-21-anonymous-2.yaml \
		clients/acme/nps/2026/2026-11-21-anonymous-3.yaml >expect &&
	test_cmp expect actual &&
	git -C "$B" rev-parse HEAD^ >parent &&
	test_cmp "$T/old-head" parent &&
	is_clean
'

test_expect_success 'a row twice in one file: recorded once' '
	cat >twice.csv <<-\EOF &&
	client,date,respondent,score
	acme,2026-11-01,Vera,9
	acme,2026-11-01,Vera,9
	EOF
	acct nps import twice.csv --json >actual &&
	cat >expect <<-\EOF &&
	{
	  "format": 1,
	  "answers": [
	    {
	      "line": 2,
	      "client": "acme",
	      "action": "added",
	      "path": "clients/acme/nps/2026/2026-11-01-vera.yaml"
	    },
	    {
	      "line": 3,
	      "client": "acme",
	      "action": "known",
	      "path": "clients/acme/nps/2026/2026-11-01-vera.yaml"
	    }
	  ],
	  "dry_run": false,
	  "added": 1,
	  "known": 1
	}
	EOF
	test_cmp expect actual &&
	git -C "$B" diff-tree -r --no-commit-id --name-only HEAD >actual &&
	echo clients/acme/nps/2026/2026-11-01-vera.yaml >expect &&
	test_cmp expect actual
'

cat >"$T/more.csv" <<\EOF
client,date,respondent,score
acme,2026-11-20,Ivan Petrov,9
beta,2026-11-02,Olga,10
ooo-romashka,2026-11-03,Boris,6
EOF

test_expect_success '--dry-run: what would be added, nothing written' '
	remember &&
	snapshot &&
	acct nps import more.csv --dry-run >out 2>err &&
	cat >expect <<-\EOF &&
	known      clients/acme/nps/2026/2026-11-20-ivan-petrov.yaml
	would add  clients/beta/nps/2026/2026-11-02-olga.yaml
	would add  clients/ooo-romashka/nps/2026/2026-11-03-boris.yaml
	dry run: 2 new answers, 1 recorded already
	EOF
	test_cmp expect out &&
	test_must_be_empty err &&
	no_commit &&
	unchanged &&
	acct nps import more.csv --dry-run --json >out &&
	cat >expect <<-\EOF &&
	{
	  "format": 1,
	  "answers": [
	    {
	      "line": 2,
	      "client": "acme",
	      "action": "known",
	      "path": "clients/acme/nps/2026/2026-11-20-ivan-petrov.yaml"
	    },
	    {
	      "line": 3,
	      "client": "beta",
	      "action": "would add",
	      "path": "clients/beta/nps/2026/2026-11-02-olga.yaml"
	    },
	    {
	      "line": 4,
	      "client": "ooo-romashka",
	      "action": "would add",
	      "path": "clients/ooo-romashka/nps/2026/2026-11-03-boris.yaml"
	    }
	  ],
	  "dry_run": true,
	  "added": 2,
	  "known": 1
	}
	EOF
	test_cmp expect out &&
	no_commit &&
	unchanged
'

test_expect_success '--json: each row, what became of it, the counts' '
	remember &&
	acct nps import more.csv --json >out 2>err &&
	test_must_be_empty err &&
	cat >expect <<-\EOF &&
	{
	  "format": 1,
	  "answers": [
	    {
	      "line": 2,
	      "client": "acme",
	      "action": "known",
	      "path": "clients/acme/nps/2026/2026-11-20-ivan-petrov.yaml"
	    },
	    {
	      "line": 3,
	      "client": "beta",
	      "action": "added",
	      "path": "clients/beta/nps/2026/2026-11-02-olga.yaml"
	    },
	    {
	      "line": 4,
	      "client": "ooo-romashka",
	      "action": "added",
	      "path": "clients/ooo-romashka/nps/2026/2026-11-03-boris.yaml"
	    }
	  ],
	  "dry_run": false,
	  "added": 2,
	  "known": 1
	}
	EOF
	test_cmp expect out &&
	git -C "$B" diff-tree -r --no-commit-id --name-only HEAD >actual &&
	test_write_lines clients/beta/nps/2026/2026-11-02-olga.yaml \
		clients/ooo-romashka/nps/2026/2026-11-03-boris.yaml >expect &&
	test_cmp expect actual &&
	git -C "$B" rev-parse HEAD^ >parent &&
	test_cmp "$T/old-head" parent &&
	is_clean &&
	remember &&
	acct nps import more.csv --json >out &&
	test_grep "\"added\": 0," out &&
	test_grep "\"known\": 3" out &&
	no_commit
'

test_expect_success 'Russian headers, ";", a BOM, CRLF, DD.MM.YYYY' '
	printf "\357\273\277Клиент;Дата;Респондент;Оценка;Должность;Комментарий;CSAT;Опрос\r\n" >ru.csv &&
	printf "acme;01.11.2026;Борис;8;CEO;\"Хорошо; но \"\"дорого\"\"\r\nи долго\";3;Q4\r\n" >>ru.csv &&
	printf "\"ООО «Ромашка»\";02.11.2026;;6;;\"a, b\";;\r\n" >>ru.csv &&
	printf "\r\n" >>ru.csv &&
	printf "beta;2026-11-03;Ольга Петрова;10;;;5;\r\n" >>ru.csv &&
	remember &&
	acct nps import ru.csv >out 2>err &&
	echo "3 new answers, 0 recorded already" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	one_commit "nps import: 3 answers from ru.csv" \
		clients/acme/nps/2026/2026-11-01-boris.yaml \
		clients/beta/nps/2026/2026-11-03-olga-petrova.yaml \
		clients/ooo-romashka/nps/2026/2026-11-02-anonymous-1.yaml &&
	files_of_head >actual &&
	cat >expect <<-\EOF &&
	== clients/acme/nps/2026/2026-11-01-boris.yaml
	date: 2026-11-01
	respondent: Борис
	role: CEO
	score: 8
	csat: 3
	survey: Q4
	comment: "Хорошо; но \"дорого\"\nи долго"
	== clients/beta/nps/2026/2026-11-03-olga-petrova.yaml
	date: 2026-11-03
	respondent: Ольга Петрова
	score: 10
	csat: 5
	== clients/ooo-romashka/nps/2026/2026-11-02-anonymous-1.yaml
	date: 2026-11-02
	score: 6
	comment: a, b
	EOF
	test_cmp expect actual &&
	remember &&
	acct nps import ru.csv >out &&
	echo "0 new answers, 3 recorded already" >expect &&
	test_cmp expect out &&
	no_commit
'

test_expect_success 'other header names, any case, spaces around, columns in any order, others ignored' '
	printf "%s\n" \
		" Timestamp , NPS ,Name,COMPANY,Position , Дата " \
		"2026-11-05 10:00:01, 9 , Dan ,acme, Buyer ,2026-11-05" \
		"x,7,Eve,Beta,,2026-11-05 14:33" \
		"y,8,Fay,beta,,2026-11-06T09:15" >alt.csv &&
	remember &&
	acct nps import alt.csv >out &&
	echo "3 new answers, 0 recorded already" >expect &&
	test_cmp expect out &&
	files_of_head >actual &&
	cat >expect <<-\EOF &&
	== clients/acme/nps/2026/2026-11-05-dan.yaml
	date: 2026-11-05
	respondent: Dan
	role: Buyer
	score: 9
	== clients/beta/nps/2026/2026-11-05-eve.yaml
	date: 2026-11-05
	respondent: Eve
	score: 7
	== clients/beta/nps/2026/2026-11-06-fay.yaml
	date: 2026-11-06
	respondent: Fay
	score: 8
	EOF
	test_cmp expect actual &&
	printf "клиент,дата,имя,балл,роль,комментарий,опрос\nacme,07.11.2026,Гоша,9,Маркетолог,Ок,Осень\n" >ru2.csv &&
	acct nps import ru2.csv >out &&
	files_of_head >actual &&
	cat >expect <<-\EOF &&
	== clients/acme/nps/2026/2026-11-07-gosha.yaml
	date: 2026-11-07
	respondent: Гоша
	role: Маркетолог
	score: 9
	survey: Осень
	comment: Ок
	EOF
	test_cmp expect actual
'

test_expect_success '- reads standard input' '
	printf "client,date,respondent,score\nacme,2026-11-08,Stdin Person,10\n" >stdin.csv &&
	remember &&
	acct nps import - <stdin.csv >out 2>err &&
	echo "1 new answer, 0 recorded already" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	one_commit "nps import: 1 answer from standard input" \
		clients/acme/nps/2026/2026-11-08-stdin-person.yaml &&
	remember &&
	acct nps import - <stdin.csv >out &&
	echo "0 new answers, 1 recorded already" >expect &&
	test_cmp expect out &&
	no_commit
'

test_expect_success 'a header and no rows: nothing to add' '
	echo "client,date,respondent,score" >header.csv &&
	remember &&
	acct nps import header.csv >out &&
	echo "0 new answers, 0 recorded already" >expect &&
	test_cmp expect out &&
	no_commit
'

# --- all or nothing ------------------------------------------------------------------

test_expect_success 'one bad row: exit 2 naming FILE:LINE, nothing written, no commit' '
	remember &&
	snapshot &&
	good="client,date,respondent,score,csat,comment
acme,2026-11-09,Good One,9,,
beta,2026-11-09,Two,9,,\"two
lines\"" &&
	for s in 11 -1 +9 nine 9.5 09 0x9 10abc "" "９" "٩" 99999999999999999999
	do
		printf "%s\nbeta,2026-11-10,Bad,%s,,\n" "$good" "$s" >bad.csv &&
		bad_import "bad.csv:5: score must be a whole number from 0 to 10" bad.csv ||
		return 1
	done &&
	for c in 0 6 4.5 x
	do
		printf "%s\nbeta,2026-11-10,Bad,9,%s,\n" "$good" "$c" >bad.csv &&
		bad_import "bad.csv:5: csat must be a whole number from 1 to 5" bad.csv ||
		return 1
	done &&
	printf "%s\nzz,2026-11-10,Bad,9,,\n" "$good" >bad.csv &&
	bad_import "bad.csv:5: no client is '"'"'zz'"'"' (by slug, slug prefix or name)" bad.csv &&
	printf "%s\n,2026-11-10,Bad,9,,\n" "$good" >bad.csv &&
	bad_import "bad.csv:5: no client" bad.csv &&
	for d in 2026-02-30 31.11.2026 11/20/2026 2026-11 "" 20.11.26 "2026-11-10 25:00"
	do
		printf "%s\nbeta,%s,Bad,9,,\n" "$good" "$d" >bad.csv &&
		bad_import "bad.csv:5: date must be YYYY-MM-DD (or DD.MM.YYYY), not '"'"'$d'"'"'" bad.csv ||
		return 1
	done &&
	printf "%s\nbeta,2026-11-10,Bad\n" "$good" >bad.csv &&
	bad_import "bad.csv:5: score must be a whole number from 0 to 10" bad.csv &&
	no_commit &&
	unchanged
'

test_expect_success 'a header without a needed column, or with one twice: exit 2 naming FILE:1' '
	snapshot &&
	for c in client date respondent score
	do
		printf "client,date,respondent,score\nacme,2026-11-09,A,9\n" |
			sed "1s/$c/other/" >bad.csv &&
		bad_import "bad.csv:1: no '"'"'$c'"'"' column; the header must name client, date, respondent and score (see acct nps --help)" bad.csv ||
		return 1
	done &&
	printf "client,date,respondent,score,nps\nacme,2026-11-09,A,9,9\n" >bad.csv &&
	bad_import "bad.csv:1: two columns are '"'"'score'"'"'" bad.csv &&
	: >empty.csv &&
	bad_import "empty.csv:1: the file is empty; it needs a header row and answers" empty.csv &&
	unchanged
'

test_expect_success 'a broken CSV: exit 2 naming FILE:LINE:COL' '
	snapshot &&
	printf "client,date,respondent,score\nacme,2026-11-09,A,9\nacme,2026-11-10,\"B,9\nacme,2026-11-11,C,9\n" >broken.csv &&
	bad_import "broken.csv:3:17: quoted field opened here is never closed" broken.csv &&
	printf "client,date,respondent,score\nacme,2026-11-09,A\"B,9\n" >broken.csv &&
	bad_import "broken.csv:2:18: quote inside an unquoted field" broken.csv &&
	printf "client,date,respondent,score\r\nacme,2026-11-09,\"A\"B,9\r\n" >broken.csv &&
	bad_import "broken.csv:2:20: unexpected '"'"'B'"'"' after a closing quote; double a quote inside a quoted field" broken.csv &&
	printf "\357\273\277client,date,respondent,score\nacme,2026-11-09,\"A\nB\nC,9\n" >broken.csv &&
	bad_import "broken.csv:2:17: quoted field opened here is never closed" broken.csv &&
	printf "client,date,respondent,score\nacme,2026-11-09,\377,9\n" >broken.csv &&
	bad_import "broken.csv:2:17: byte 0xff is not UTF-8; the file must be UTF-8 text" broken.csv &&
	printf "\377\376c\000" >broken.csv &&
	bad_import "broken.csv:1:1: the file is UTF-16 text; it must be UTF-8" broken.csv &&
	unchanged
'

test_expect_success 'standard input is named in the errors' '
	snapshot &&
	printf "client,date,respondent,score\nacme,2026-11-09,A,x\n" |
		test_expect_code 2 acct nps import - >out 2>err &&
	test_must_be_empty out &&
	echo "acct: standard input:2: score must be a whole number from 0 to 10" >expect &&
	test_cmp expect err &&
	printf "client,date,respondent,score\nacme,\"x\n" |
		test_expect_code 2 acct nps import - >out 2>err &&
	test_grep "^acct: standard input:2:6: quoted field opened here is never closed" err &&
	unchanged
'

test_expect_success 'more than the input limit on standard input: exit 2, nothing imported' '
	snapshot &&
	{ head -c 9000000 /dev/zero | tr "\0" "\n" |
	  test_expect_code 2 acct nps import - >out 2>err; } &&
	test_must_be_empty out &&
	test_grep "^acct: standard input is larger than 8 MiB, the limit for input" err &&
	unchanged
'

test_expect_success 'usage: a missing file, record options; exit 2' '
	snapshot &&
	test_expect_code 2 acct nps import nonexistent.csv >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: cannot read '"'"'nonexistent.csv'"'"'" err &&
	test_expect_code 2 acct nps import en.csv --respondent X >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: nps import takes only --dry-run and --json" err &&
	test_expect_code 2 acct nps import en.csv --period 2026 >out 2>err &&
	test_must_be_empty out &&
	test_expect_code 2 acct nps import en.csv -q >out 2>err &&
	test_must_be_empty out &&
	unchanged
'

# --- regressions: each comment says what the bug did --------------------

# cmd/nps.c reads argv[1] before it checks the count of arguments:
# "acct nps import" dies with SIGSEGV (139).
test_expect_success 'acct nps import without a file: exit 2, a usage message' '
	test_expect_code 2 acct nps import >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: nps import takes one file" err
'

# The usage error passes a NULL option table, which the usage printer
# walks: "acct nps import a b" prints its message, then dies (139).
test_expect_success 'acct nps import with two files: exit 2, a usage message' '
	test_expect_code 2 acct nps import en.csv more.csv >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: nps import takes one file" err
'

# The subject counts every row of the file, not the answers committed:
# "nps import: 3 answers from more2.csv" for a commit of one file.
test_expect_success 'the commit names the number of answers it adds' '
	cp more.csv more2.csv &&
	echo "acme,2026-11-12,Brand New,9" >>more2.csv &&
	remember &&
	acct nps import more2.csv >out &&
	echo "1 new answer, 3 recorded already" >expect &&
	test_cmp expect out &&
	one_commit "nps import: 1 answer from more2.csv" \
		clients/acme/nps/2026/2026-11-12-brand-new.yaml
'

# The subject is shared: it names the file, not where it lay on this machine.
test_expect_success 'the commit names the file by its base name, not its path' '
	mkdir -p "$T/week" &&
	printf "client,date,respondent,score\nacme,2026-11-13,Far Away,8\n" \
		>"$T/week/survey.csv" &&
	remember &&
	acct nps import "$T/week/survey.csv" >out &&
	one_commit "nps import: 1 answer from survey.csv" \
		clients/acme/nps/2026/2026-11-13-far-away.yaml
'

# Row errors found in lib/ (a date in the future, a control character in
# a name) carry column 0, printed as "FILE:LINE:0:".
test_expect_success 'row errors found when recording name FILE:LINE, without a column 0' '
	snapshot &&
	printf "client,date,respondent,score\nacme,2026-12-01,A,9\n" >future.csv &&
	bad_import "future.csv:2: the answer'"'"'s date 2026-12-01 is in the future (today is 2026-11-23)" future.csv &&
	printf "client,date,respondent,score\nacme,2026-11-09,A\tB,9\n" >tab.csv &&
	bad_import "tab.csv:2: respondent must be a single line of text without control characters (it holds U+0009)" tab.csv &&
	unchanged
'

test_done
