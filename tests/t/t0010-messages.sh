#!/bin/sh
# shellcheck disable=SC2016

test_description='acct'"'"'s messages in Russian (issue 21)

The uninstalled binary finds the build'"'"'s catalogs through ACCT_LOCALEDIR.
Under ru_RU.UTF-8 an error, a usage, -h and counts (three plural forms)
are Russian; numbers keep their decimal point; --json, files and commit
messages are the same bytes as in English. LANGUAGE, LC_ALL, LC_MESSAGES
and LANG choose the language as in every GNU program.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
ACCT_LOCALEDIR=$ACCT_BUILD/locale
export ACCT_DIR ACCT_LOCALEDIR

locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$' && test_set_prereq RU_LOCALE

# ru CMD...: acct in Russian: LANG=ru_RU.UTF-8, nothing overriding it.
ru () {
	env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=ru_RU.UTF-8 acct "$@"
}

# en CMD...: acct in the C locale (test-lib's LC_ALL=C.UTF-8).
en () {
	acct "$@"
}

# msg ENV...: the message of an unknown command under the environment
# ENV (each NAME=VALUE), nothing else of the locale set; it exits 2.
msg () {
	env -u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE "$@" \
		acct frobnicate 2>&1 >/dev/null
	test $? = 2
}

# The English and the Russian message of an unknown command.
EN="acct: 'frobnicate' is not an acct command; see 'acct --help'"
RU="acct: «frobnicate» — не команда acct; см. «acct --help»"

test_expect_success 'the build compiled the Russian catalog' '
	test_path_is_file "$ACCT_LOCALEDIR/ru/LC_MESSAGES/acct.mo"
'

test_expect_success 'English without a catalog, and under LC_ALL=C' '
	echo "$EN" >expect &&
	msg LC_ALL=C >actual &&
	test_cmp expect actual &&
	msg LANGUAGE=ru LC_ALL=C >actual &&
	test_cmp expect actual &&
	msg LANGUAGE=ru LC_ALL=C.UTF-8 ACCT_LOCALEDIR=$T/nowhere >actual &&
	test_cmp expect actual
'

test_expect_success 'LANGUAGE chooses the language when the locale is not C' '
	echo "$RU" >expect &&
	msg LANGUAGE=ru LC_ALL=C.UTF-8 >actual &&
	test_cmp expect actual &&
	msg LANGUAGE=de:ru LC_ALL=C.UTF-8 >actual &&
	test_cmp expect actual
'

test_expect_success 'a relative ACCT_LOCALEDIR still holds after -C' '
	ln -s "$ACCT_LOCALEDIR" loc &&
	mkdir elsewhere &&
	echo "$RU" >expect &&
	test_expect_code 2 env ACCT_LOCALEDIR=loc LANGUAGE=ru \
		acct -C elsewhere frobnicate 2>actual &&
	test_cmp expect actual
'

test_expect_success RU_LOCALE 'LC_ALL, then LC_MESSAGES, then LANG; LANGUAGE above them' '
	echo "$RU" >ru.expect &&
	echo "$EN" >en.expect &&
	msg LANG=ru_RU.UTF-8 >actual &&
	test_cmp ru.expect actual &&
	msg LC_MESSAGES=ru_RU.UTF-8 LANG=C.UTF-8 >actual &&
	test_cmp ru.expect actual &&
	msg LC_ALL=ru_RU.UTF-8 LC_MESSAGES=C LANG=C >actual &&
	test_cmp ru.expect actual &&
	msg LC_MESSAGES=C LANG=ru_RU.UTF-8 >actual &&
	test_cmp en.expect actual &&
	msg LC_ALL=C LANG=ru_RU.UTF-8 >actual &&
	test_cmp en.expect actual &&
	msg LANGUAGE=en LANG=ru_RU.UTF-8 >actual &&
	test_cmp en.expect actual &&
	msg LANGUAGE= LANG=ru_RU.UTF-8 >actual &&
	test_cmp ru.expect actual
'

test_expect_success RU_LOCALE 'a book made in Russian: files and commits as in English' '
	ru init "$B" >out &&
	echo "книга создана в $B" >expect &&
	test_cmp expect out &&
	git -C "$B" config user.name "Anna" &&
	git -C "$B" config user.email anna@agency.example &&
	ru client add "Acme" >out &&
	echo acme >expect &&
	test_cmp expect out &&
	git -C "$B" log -1 --format=%s >subject &&
	test_grep "^client add acme" subject &&
	! LC_ALL=C grep "[^ -~]" subject &&
	test_grep "^status: active" "$B/clients/acme/client.yaml"
'

test_expect_success RU_LOCALE 'an error and its hint in Russian, exit status as in English' '
	test_expect_code 2 ru client show zz >out 2>err &&
	test_must_be_empty out &&
	cat >expect <<-\EOF &&
	acct: нет клиента «zz»
	подсказка: клиентов показывает «acct client list»
	EOF
	test_cmp expect err &&
	test_expect_code 2 en client show zz 2>err &&
	test_grep "^acct: no such client '"'"'zz'"'"'" err
'

test_expect_success RU_LOCALE 'a mistake on the command line: the message and the usage' '
	test_expect_code 2 ru log --frobnicate 2>err &&
	test_grep "^acct: неизвестный параметр «--frobnicate»$" err &&
	test_grep "^использование: acct log <клиент> \[<тема>\]" err &&
	test_grep "^    -F, --file <файл>  *прочитать текст из <файла>" err &&
	test_expect_code 2 ru nps acme 11 2>err &&
	test_grep "^acct: score должно быть целым числом от 0 до 10$" err
'

test_expect_success RU_LOCALE '-h: usage and option help in Russian, on stdout' '
	ru client add -h >out 2>err &&
	test_must_be_empty err &&
	test_grep "^использование: acct client add <имя>" out &&
	test_grep "^        --slug <слаг>  *идентификатор и папка клиента" out &&
	ru -h >out &&
	test_grep "^    log  *записать общение с клиентом$" out &&
	ru client -h >out &&
	test_grep "^    add  *создать карточку клиента$" out
'

test_expect_success RU_LOCALE 'counts take the three Russian forms' '
	{
		echo "client,date,respondent,score" &&
		for c in one two five eleven twentyone
		do
			ru client add "$c" >/dev/null || return 1
		done &&
		i=0 &&
		for c in one two two five five five five five \
			 $(seq 11 | sed "s/.*/eleven/") \
			 $(seq 21 | sed "s/.*/twentyone/")
		do
			i=$(($i + 1)) &&
			echo "$c,2026-11-20,r$i,10" || return 1
		done &&
		echo "one,2026-11-20,critic,2"
	} >answers.csv &&
	ru nps import answers.csv >out &&
	echo "новых ответов: 41, уже записано: 0" >expect &&
	test_cmp expect out &&
	for c in one two five eleven twentyone
	do
		ru nps "$c" --period 2026-Q4 >"$c.out" || return 1
	done &&
	test_grep "answers: *2 (1 сторонник, 0 нейтралов, 1 критик)$" one.out &&
	test_grep "answers: *2 (2 сторонника, 0 нейтралов, 0 критиков)$" two.out &&
	test_grep "answers: *5 (5 сторонников, 0 нейтралов, 0 критиков)$" five.out &&
	test_grep "answers: *11 (11 сторонников, 0 нейтралов, 0 критиков)$" eleven.out &&
	test_grep "answers: *21 (21 сторонник, 0 нейтралов, 0 критиков)$" twentyone.out &&
	en nps one --period 2026-Q4 >en.out &&
	test_grep "answers: *2 (1 promoter, 0 passives, 1 detractor)$" en.out
'

test_expect_success RU_LOCALE 'numbers are read and written with a point' '
	ru metric acme spend=1500.50 leads=3 --period 2026-11 >/dev/null &&
	ru metric acme --period 2026-11 >out &&
	test_grep "spend: *1500\.50$" out &&
	test_grep "cpl: *500\.17$" out &&
	test_grep ! "[0-9],[0-9]" out &&
	test_expect_code 2 ru metric acme leads=1,2.5 2>err &&
	test_grep "^acct: «leads=1,2.5»: и запятая, и точка$" err
'

test_expect_success RU_LOCALE 'the words of a listing: the agenda, health'"'"'s notes' '
	ru health acme --explain >out &&
	test_grep "brief  *-  *вес 10  *не учтён  *брифа ещё нет$" out &&
	en health acme --explain >out &&
	test_grep "brief  *-  *weight 10  *left out  *no brief yet$" out &&
	ru agenda --date 2026-11-23 >out &&
	test_grep "^бриф  *acme  *-  *брифа ещё нет  *acct brief acme$" out &&
	en agenda --date 2026-11-23 >out &&
	test_grep "^brief  *acme  *-  *no brief yet  *acct brief acme$" out
'

test_expect_success RU_LOCALE '--json is the same bytes in Russian as in English' '
	ru client set acme goals.kpi --add "CPL <= 600 RUB" >/dev/null &&
	ru client set acme goals.kpi --add "leads >= lots" >/dev/null &&
	en metric acme --period 2026-11 --json >en.json &&
	test_grep "\"reason\": \"no number after" en.json &&
	for cmd in "client show acme" "client list" "nps --period 2026-Q4" \
		   "metric acme --period 2026-11" "agenda" "todo" \
		   "timeline" "health --explain" "brief --check"
	do
		ru $cmd --json >ru.json 2>ru.err
		ru_code=$?
		en $cmd --json >en.json 2>en.err
		test $? = $ru_code &&
		test_file_not_empty en.json &&
		test_cmp en.json ru.json || return 1
	done
'

test_done
