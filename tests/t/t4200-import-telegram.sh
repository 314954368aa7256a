#!/bin/sh
# shellcheck disable=SC2016

test_description='acct import telegram

Telegram Desktop'"'"'s JSON export (one chat, or the whole account with
chats.list[]) becomes the client'"'"'s chat entries: one per day of
conversation, the messages as a list with time and author, entities as
Markdown, media named; direction in when the client wrote first. A day of
service messages only makes no entry. A later export adds only the new
messages (their ids are in the front matter), to the day'"'"'s entry when
there is one; all of it one commit, or nothing. A large export is read in
bounded memory.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
FIX=$TEST_DIRECTORY/../fixtures/telegram
L=clients/ooo-romashka/log/2026
ACCT_DIR=$B
export ACCT_DIR

# bad_import STATUS MESSAGE ARGS...: acct import telegram ARGS exits
# STATUS, prints nothing on stdout, its stderr starts "acct: MESSAGE", and
# the book is as it was.
bad_import () {
	bad_status_=$1 bad_msg_=$2 &&
	shift 2 &&
	test_book_state "$B" >"$T/before" &&
	test_expect_code "$bad_status_" acct import telegram "$@" \
		>"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	head -n 1 "$T/err" >"$T/err.first" &&
	echo "acct: $bad_msg_" >"$T/err.expect" &&
	test_cmp "$T/err.expect" "$T/err.first" &&
	test_book_state "$B" >"$T/after" &&
	test_cmp "$T/before" "$T/after"
}

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: clients, with the contacts the chats are named by' '
	acct init book >/dev/null &&
	acct client add "ООО «Ромашка»" --since 2025-01-01 -q &&
	acct client contact add ooo "Иван Иванов" --telegram @ivanov >/dev/null &&
	acct client add Acme --since 2025-01-01 -q &&
	acct client contact add acme "Boris Petrov" >/dev/null &&
	acct client add Beta --since 2025-01-01 -q
'

# --- one chat ----------------------------------------------------------------

test_expect_success 'a one-chat export: an entry per day, one commit' '
	git -C "$B" rev-parse HEAD >head.before &&
	acct import telegram "$FIX/chat-ru.json" --client ooo >out &&
	cat >expect <<-EOF &&
	added  $L/2026-11-16T1015-telegram-dobryi-den-posmotrite-otchet.md  4
	added  $L/2026-11-17T1100-telegram-dobroe-utro-smeta-gotova.md      4
	8 new messages in 2 entries, 0 in the book already
	EOF
	test_cmp expect out &&
	git -C "$B" rev-list HEAD --not $(cat head.before) >commits &&
	test_line_count = 1 commits &&
	echo "import telegram ooo-romashka: 8 messages on 2 days from chat-ru.json" >expect &&
	git -C "$B" log -1 --format=%s >actual &&
	test_cmp expect actual &&
	git -C "$B" status --porcelain >status &&
	test_must_be_empty status
'

test_expect_success 'the entry: front matter with the ids, messages as Markdown' '
	cat >expect <<-\EOF &&
	---
	date: 2026-11-16T10:15+00:00
	channel: chat
	direction: in
	kind: message
	summary: "Telegram: Добрый день! Посмотрите отчёт, пожалуйста. Срочно"
	by: A U Thor
	telegram: [{chat: 4242, ids: [2, 3, 4, 5]}]
	---
	- 10:15 **Иван Иванов**: Добрый день! Посмотрите [отчёт](https://romashka.example/report?week=46), пожалуйста. **Срочно**
	- 10:20 **Anna Petrova**: Смотрю. Цена \*не\* изменится, он сказал "\[ok\]" {всё} 😀
	- 10:25 **Иван Иванов**: *(photo photo\_1@16-11-2026\_10-25-00.jpg)*
	- 10:30 **Anna Petrova** (reply to 10:15, edited): Спасибо, [@ivanov](https://t.me/ivanov)! Метка `utm_source` на месте.
	EOF
	test_cmp expect "$B/$L/2026-11-16T1015-telegram-dobryi-den-posmotrite-otchet.md"
'

test_expect_success 'we wrote first: out; forwarded, a file, voice, a sticker; text that looks like Markdown stays text' '
	cat >expect <<-\EOF &&
	---
	date: 2026-11-17T11:00+00:00
	channel: chat
	direction: out
	kind: message
	summary: "Telegram: Доброе утро! Смета готова?"
	by: A U Thor
	telegram: [{chat: 4242, ids: [6, 7, 8, 9]}]
	---
	- 11:00 **Anna Petrova**: Доброе утро! Смета готова?
	- 11:05 **Иван Иванов** (forwarded from Пётр Сидоров): Смета:
	  \# итог 150 000
	  \- без НДС *(file smeta.pdf)*
	- 11:06 **Иван Иванов**: *(voice message, 0:12)*
	- 11:07 **Иван Иванов**: *(sticker 👍)*
	EOF
	test_cmp expect "$B/$L/2026-11-17T1100-telegram-dobroe-utro-smeta-gotova.md" &&
	acct timeline ooo --decisions --actions --json >tl.json &&
	python3 -c "
import json, sys
d = json.load(open(\"tl.json\"))
e = d[\"entries\"]
assert [x[\"summary\"] for x in e] == [\"Telegram: Доброе утро! Смета готова?\",
	\"Telegram: Добрый день! Посмотрите отчёт, пожалуйста. Срочно\"], e
assert all(x[\"channel\"] == \"chat\" and x[\"kind\"] == \"message\" for x in e)
assert [x[\"direction\"] for x in e] == [\"out\", \"in\"]
assert not any(x.get(\"actions\") or x.get(\"decisions\") for x in e), e
"
'

test_expect_success 'a day of service messages only (a pin, a call) makes no entry' '
	ls "$B/$L" >files &&
	test_grep ! 2026-11-18 files &&
	acct import telegram "$FIX/chat-ru.json" --client ooo --json >out.json &&
	python3 -c "
import json
d = json.load(open(\"out.json\"))
assert d[\"format\"] == 1 and d[\"entries\"] == [], d
assert (d[\"messages\"], d[\"known\"], d[\"service\"], d[\"chats\"]) == (0, 8, 3, 1), d
"
'

test_expect_success 'the same export again: nothing new, no commit' '
	git -C "$B" rev-parse HEAD >expect &&
	acct import telegram "$FIX/chat-ru.json" --client ooo >out &&
	echo "nothing new: 8 messages in the book already" >expect.out &&
	test_cmp expect.out out &&
	git -C "$B" rev-parse HEAD >actual &&
	test_cmp expect actual
'

test_expect_success 'a later export: --dry-run writes nothing' '
	test_book_state "$B" >before &&
	acct import telegram "$FIX/chat-ru-later.json" --client ooo --dry-run >out &&
	cat >expect <<-EOF &&
	would update  $L/2026-11-17T1100-telegram-dobroe-utro-smeta-gotova.md  1
	would add     $L/2026-11-19T0845-telegram-hi-anna-can-we.md            3
	dry run: 4 new messages in 2 entries, 4 in the book already
	EOF
	test_cmp expect out &&
	test_book_state "$B" >after &&
	test_cmp before after
'

test_expect_success 'a later export: the same day gets only the new message, a new day an entry' '
	test_tick &&
	acct import telegram "$FIX/chat-ru-later.json" --client ooo >out &&
	git -C "$B" diff HEAD~1 -- "$L/2026-11-17T1100-telegram-dobroe-utro-smeta-gotova.md" |
		sed -n "/^@@/,\$p" | grep "^[-+]" >diff &&
	cat >expect <<-\EOF &&
	-telegram: [{chat: 4242, ids: [6, 7, 8, 9]}]
	+telegram: [{chat: 4242, ids: [6, 7, 8, 9, 12]}]
	+- 16:30 **Иван Иванов**: Ещё вопрос по смете: НДС считаем?
	EOF
	test_cmp expect diff &&
	git -C "$B" diff --name-status HEAD~1 >changed &&
	cat >expect <<-EOF &&
	M	$L/2026-11-17T1100-telegram-dobroe-utro-smeta-gotova.md
	A	$L/2026-11-19T0845-telegram-hi-anna-can-we.md
	EOF
	test_cmp expect changed
'

test_expect_success 'English: bold, links, e-mail, code blocks, quotes; text without text_entities' '
	sed -n "/^---$/,\$p" "$B/$L/2026-11-19T0845-telegram-hi-anna-can-we.md" |
		sed 1,9d >body &&
	cat >expect <<-\EOF &&
	- 08:45 **Иван Иванов**: Hi Anna! Can we move the call to **Friday**? Brief: <https://acme.example/brief> or mail <ivan@romashka.example>
	- 09:10 **Anna Petrova**: *Sure*, Friday 11:00. The query:
	  ```sql
	  SELECT clicks
	  FROM ads
	  ```
	  > move the call
	  > to Friday
	- 09:12 **Иван Иванов**: 1\. OK
	  2\. Thanks \<b\>!\</b\> & see you
	EOF
	test_cmp expect body &&
	test_grep "^summary: \"Telegram: Hi Anna! Can we move the call to Friday? Brief: https://acme…\"$" \
		"$B/$L/2026-11-19T0845-telegram-hi-anna-can-we.md"
'

# --- the whole account ------------------------------------------------------------

test_expect_success 'an account export: the chat named as a contact, known messages known' '
	acct import telegram "$FIX/account.json" --client ooo >out &&
	echo "nothing new: 2 messages in the book already" >expect &&
	test_cmp expect out
'

test_expect_success 'an account export: --chat takes a group, whose messages come before its name' '
	test_tick &&
	acct import telegram "$FIX/account.json" --client ooo --chat "ромашка × agency" >out &&
	cat >expect <<-EOF &&
	updated  $L/2026-11-16T1015-telegram-dobryi-den-posmotrite-otchet.md  2
	added    $L/2026-11-20T0930-telegram-bannery-soglasovany.md           1
	3 new messages in 2 entries, 0 in the book already
	EOF
	test_cmp expect out &&
	f=$B/$L/2026-11-16T1015-telegram-dobryi-den-posmotrite-otchet.md &&
	test_grep -x "telegram: \[{chat: 4242, ids: \[2, 3, 4, 5\]}, {chat: 6006, ids: \[302, 303\]}\]" "$f" &&
	tail -n 2 "$f" >actual &&
	cat >expect <<-\EOF &&
	- 12:00 **Oleg Smirnov** in *Ромашка × Agency*: Коллеги, макеты баннеров в папке.
	- 12:10 **Иван Иванов** in *Ромашка × Agency*: Принято, посмотрим до среды.
	EOF
	test_cmp expect actual &&
	test_grep -x "direction: in" "$B/$L/2026-11-20T0930-telegram-bannery-soglasovany.md"
'

test_expect_success 'another client: its contact names its chat; --chat by id' '
	acct import telegram "$FIX/account.json" --client acme >out &&
	test_grep "^added  clients/acme/log/2026/2026-11-18T1400-telegram-hello-any-news-on.md  2$" out &&
	test_grep -x "direction: in" "$B/clients/acme/log/2026/2026-11-18T1400-telegram-hello-any-news-on.md" &&
	acct import telegram "$FIX/account.json" --client beta --chat 7007 >out &&
	test_grep "^added  clients/beta/log/2026/2026-11-18T2000-telegram-dinner-at-7-sharp.md  1$" out
'

test_expect_success 'a chat listed twice (chats and left_chats): each message once' '
	python3 -c "
import json, sys
chat = json.load(open(sys.argv[1], encoding=\"utf-8\"))
chat[\"name\"] = \"Twice\"
d = {\"chats\": {\"list\": [chat]}, \"left_chats\": {\"list\": [chat]}}
json.dump(d, open(\"twice.json\", \"w\", encoding=\"utf-8\"), ensure_ascii=False)
" "$FIX/chat-ru.json" &&
	acct import telegram twice.json --client beta --chat twice >out &&
	test_grep "^8 new messages in 2 entries, 0 in the book already$" out &&
	acct import telegram twice.json --client beta --chat twice >out &&
	test_grep "^nothing new: 8 messages in the book already$" out &&
	test_grep -x "telegram: \[{chat: 4242, ids: \[2, 3, 4, 5\]}\]" \
		"$B/clients/beta/log/2026/2026-11-16T1015-telegram-dobryi-den-posmotrite-otchet.md"
'

# --- refusals -------------------------------------------------------------------

test_expect_success 'no chat of the client: exit 2 naming the chats there are' '
	bad_import 2 "no chat in $FIX/account.json is Beta'"'"'s: none is named as the card or a contact, or by a contact'"'"'s telegram handle" \
		"$FIX/account.json" --client beta &&
	test_grep "^hint: name the chat with --chat; the export has '"'"'Иван Иванов'"'"', '"'"'Ромашка × Agency'"'"'" "$T/err" &&
	bad_import 2 "no chat '"'"'Nope'"'"' in $FIX/account.json" \
		"$FIX/account.json" --client ooo --chat Nope &&
	printf "{\"chats\": {\"list\": [{\"name\": \"a\\\\u001b[31mb\", \"id\": 5, \"messages\": []}]}}" >esc.json &&
	bad_import 2 "no chat '"'"'Nope'"'"' in esc.json" esc.json --client ooo --chat Nope &&
	test_grep -F "hint: name the chat with --chat; the export has '"'"'a\x1b[31mb'"'"'" "$T/err"
'

test_expect_success 'the command line: --client, one file, telegram' '
	bad_import 2 "import telegram needs --client: whose chats these are" "$FIX/chat-ru.json" &&
	bad_import 2 "no such client '"'"'zz'"'"'" "$FIX/chat-ru.json" --client zz &&
	bad_import 2 "import telegram takes one file, the export'"'"'s result.json" --client ooo &&
	bad_import 2 "cannot open '"'"'nope.json'"'"': No such file or directory" nope.json --client ooo &&
	bad_import 2 "'"'"'$T'"'"' is not a file" "$T" --client ooo &&
	test_expect_code 2 acct import whatsapp x.json --client ooo 2>err &&
	test_grep "^acct: import knows telegram, not '"'"'whatsapp'"'"'" err
'

test_expect_success 'a malformed export: exit 1 naming the byte or the message, nothing written' '
	head -c 3000 "$FIX/chat-ru-later.json" >cut.json &&
	bad_import 1 "cut.json: byte 2198: the file ends (at byte 3000) inside the value that starts here" \
		cut.json --client ooo &&
	sed "s/\"date_unixtime\": \"1795077900\"/\"date_unixtime\": \"soon\"/" \
		"$FIX/chat-ru-later.json" >nodate.json &&
	bad_import 1 "nodate.json: message 13 (byte 2198): no date_unixtime, the time of the message" \
		nodate.json --client ooo &&
	sed "s/\"id\": 14,/\"id\": \"14\",/" "$FIX/chat-ru-later.json" >badid.json &&
	bad_import 1 "badid.json: byte 3103: a message without an integer id" \
		badid.json --client ooo &&
	printf "{\"name\": \"x\", \"id\": 1, \"messages\": [{\"id\": 1, \"date_unixtime\": \"1795165500\", \"text\": \"\\\\ud83d!\"}]}" >lone.json &&
	bad_import 1 "lone.json: byte 94: invalid Unicode '"'"'\\uD83D'"'"' near '"'"'\"\\ud83d!\"'"'"'" \
		lone.json --client ooo &&
	echo "{\"chats\": {\"other\": [1, 2}, \"list\": []}}" >bracket.json &&
	bad_import 1 "bracket.json: byte 25: a bracket that closes nothing open" \
		bracket.json --client ooo &&
	sed "s/\"date_unixtime\": \"1795077900\"/\"date_unixtime\": \"1796122800\"/" \
		"$FIX/chat-ru-later.json" >future.json &&
	bad_import 1 "future.json: message 13 of '"'"'Иван Иванов'"'"' is dated 2026-12-01, after today (2026-11-23)" \
		future.json --client ooo &&
	echo "{\"about\": \"x\"}" >none.json &&
	bad_import 1 "none.json: not a Telegram export: it has no messages and no chats list" \
		none.json --client ooo
'

test_expect_success 'a day entry changed by hand and not committed: refused, nothing written' '
	f=$L/2026-11-19T0845-telegram-hi-anna-can-we.md &&
	cp "$B/$f" saved &&
	test_when_finished "cp saved \"$B/$f\"" &&
	echo "my note" >>"$B/$f" &&
	sed "s/\"id\": 15,/\"id\": 16,/" "$FIX/chat-ru-later.json" >new16.json &&
	test_book_state "$B" >before &&
	test_expect_code 1 acct import telegram new16.json --client ooo >out 2>err &&
	test_must_be_empty out &&
	test_grep "$f" err &&
	test_book_state "$B" >after &&
	test_cmp before after
'

test_expect_success 'ids in the front matter that are not ids: exit 1 at their place' '
	f=$L/2026-11-19T0845-telegram-hi-anna-can-we.md &&
	sed -i "s/^telegram: .*/telegram: [{chat: 4242, ids: [13, x]}]/" "$B/$f" &&
	git -C "$B" commit -qm "by hand" -- "$f" &&
	bad_import 1 "$f:8:35: telegram: must be a list of {chat: <id>, ids: [<id>, ...]}" \
		new16.json --client ooo &&
	git -C "$B" reset -q --hard HEAD~1
'

test_expect_success 'acct undo takes the import back' '
	acct undo >/dev/null &&
	echo "undo: import telegram beta: 8 messages on 2 days from twice.json" >expect &&
	git -C "$B" log -1 --format=%s >actual &&
	test_cmp expect actual &&
	test_path_is_missing "$B/clients/beta/log/2026/2026-11-16T1015-telegram-dobryi-den-posmotrite-otchet.md" &&
	test_path_is_file "$B/clients/beta/log/2026/2026-11-18T2000-telegram-dinner-at-7-sharp.md"
'

# --- a large export ------------------------------------------------------------

# An account export of about 50 MB: the client's chat of two messages,
# then chats of others, their messages with quotes and brackets in the
# text. Written by repeating one block, so that it takes a moment.
test_expect_success 'a 50 MB export is read in bounded memory' '
	python3 - big.json <<-\EOF &&
	import json, sys
	out = open(sys.argv[1], "w", encoding="utf-8")
	def msg(i, t, frm, fid, text):
	    return json.dumps({"id": i, "type": "message", "date": "2026-11-21T10:00:00",
	        "date_unixtime": str(t), "from": frm, "from_id": fid, "text": text,
	        "text_entities": [{"type": "plain", "text": text}]}, ensure_ascii=False)
	out.write("{\"about\": \"\", \"personal_information\": {\"user_id\": 1001},\n"
	          " \"chats\": {\"about\": \"\", \"list\": [\n")
	out.write("{\"name\": \"Иван Иванов\", \"type\": \"personal_chat\", \"id\": 4242, \"messages\": [%s,\n%s]}"
	          % (msg(901, 1795255200, "Иван Иванов", "user4242", "Счёт \"№ 5\" [оплачен] }"),
	             msg(902, 1795255500, "Anna Petrova", "user1001", "Спасибо!")))
	text = "Чужой чат: \"кавычки\" и скобки ]} {[ \\\\ — " * 3
	block = ",\n".join(msg(k, 1795255200 + k, "Someone", "user77", text) for k in range(1, 1001))
	for chat in range(1, 10 ** 6):
	    if out.tell() >= 50 << 20:
	        break
	    out.write(",\n{\"name\": \"Noise %d\", \"type\": \"private_group\", \"id\": %d, \"messages\": [%s]}"
	              % (chat, 9000 + chat, block))
	out.write("\n]}}\n")
	EOF
	test $(wc -c <big.json) -ge 50000000 &&
	python3 -c "
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=open(\"out\", \"w\"))
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(rss, file=open(\"rss\", \"w\"))
sys.exit(r.returncode)
" acct import telegram big.json --client ooo &&
	test_grep "^added  $L/2026-11-21T1000-telegram-schet-no-5-oplachen.md  2$" out &&
	rss=$(cat rss) &&
	echo "# peak RSS of acct on a $(wc -c <big.json)-byte export: $rss KiB" &&
	test "$rss" -lt 40000 &&
	rm big.json
'

test_done
