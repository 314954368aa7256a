#!/bin/sh
# shellcheck disable=SC2016

test_description='acct log --eml: a saved e-mail message becomes an entry

The fixtures (tests/fixtures/eml) are in the shape Thunderbird, Outlook,
mutt and Gmail write: UTF-8 quoted-printable format=flowed, windows-1251
base64, KOI8-R 8bit, HTML only, multipart/mixed with attachments, subjects
in adjacent base64 words (GMime 3.2.13 loses them, gmime#133). The client
is named or found by address; direction in or out by From: against the
manager and agency.domains; one Message-ID, one entry; broken headers
change nothing; a 20 MB attachment is counted, not kept.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
FIX=$TEST_DIRECTORY/../fixtures/eml
ACCT_DIR=$B
ACCT_NOW=2026-12-02T12:00+00:00
export ACCT_DIR ACCT_NOW

GIT_AUTHOR_NAME="Anna Petrova" GIT_AUTHOR_EMAIL=anna@agency.example
GIT_COMMITTER_NAME="Anna Petrova" GIT_COMMITTER_EMAIL=anna@agency.example
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

# front KEY FILE: the value of KEY in FILE's front matter.
front () {
	sed -n "2,/^---\$/s/^$1: //p" "$2"
}

test_expect_success 'a book with clients and the agency'"'"'s domain' '
	acct init -q "$B" &&
	cd "$B" &&
	printf "agency:\n  domains: [agency.example]\n" >>.acct/config.yaml &&
	git commit -q -m "agency domains" .acct/config.yaml &&
	acct client add "ООО «Ромашка»" --slug romashka --since 2026-11-01 -q &&
	acct client contact add romashka "Иван Иванов" \
		--email ivan@romashka.example --primary &&
	acct client contact add romashka "Пётр Петров" \
		--email petr@romashka.example &&
	acct client add "Acme Robotics" --slug acme --since 2026-11-01 \
		--email "Acme <Office@Acme.example>" -q &&
	is_clean
'

test_expect_success 'Thunderbird, UTF-8 quoted-printable: found by From:, in' '
	remember &&
	acct log --eml "$FIX/thunderbird-utf8-qp.eml" >"$T/out" &&
	ls clients/romashka/log/2026 >"$T/names" &&
	e=clients/romashka/log/2026/$(cat "$T/names") &&
	echo "$e" >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	one_commit "log romashka: Бюджет на декабрь" "$e" &&
	test "$(front summary "$e")" = "Бюджет на декабрь" &&
	test "$(front date "$e")" = "2026-12-01T10:15+03:00" &&
	test "$(front channel "$e")" = email &&
	test "$(front direction "$e")" = in &&
	test "$(front kind "$e")" = message &&
	test "$(front message_id "$e")" = "<8f2a6c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b@romashka.example>" &&
	test_grep -F -x -e "- From: Иван Иванов <ivan@romashka.example>" "$e" &&
	test_grep -F -x -e "- To: Anna Petrova <anna@agency.example>" "$e" &&
	test_grep -F -x "Бюджет на декабрь согласовали: 150 000 ₽, как в ноябре. Креативы пришлём до пятницы." "$e" &&
	test_grep -F "Иван Иванов" "$e" &&
	test_grep ! "пишет:" "$e" &&
	test_grep ! "Подтвердите" "$e" &&
	test_grep -F "*The quoted text (3 lines) is left out.*" "$e" &&
	echo "$e" >"$T/tb.entry"
'

test_expect_success 'timeline --json: the entry'"'"'s message_id' '
	acct timeline romashka --json >"$T/tl.json" &&
	python3 -c "
import json, sys
e = json.load(open(sys.argv[1]))[\"entries\"]
assert [x[\"message_id\"] for x in e] == [\"<8f2a6c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b@romashka.example>\"], e
assert e[0][\"channel\"] == \"email\" and e[0][\"direction\"] == \"in\", e
" "$T/tl.json"
'

test_expect_success 'the same Message-ID again: already logged, nothing written' '
	snapshot &&
	acct log --eml "$FIX/thunderbird-utf8-qp.eml" >"$T/out" &&
	echo "already logged: $(cat "$T/tb.entry")" >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	acct log romashka --eml "$FIX/thunderbird-utf8-qp.eml" -q >"$T/out" &&
	test_cmp "$T/expect" "$T/out" &&
	unchanged
'

test_expect_success 'procmail'"'"'s pipe, mbox From_ line first: read from standard input' '
	snapshot &&
	cat "$FIX/thunderbird-utf8-qp.eml" | acct log --eml - >"$T/out" &&
	echo "already logged: $(cat "$T/tb.entry")" >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	unchanged &&
	remember &&
	sed "s/^Message-ID: <8f2a/Message-ID: <9f2a/" \
		"$FIX/thunderbird-utf8-qp.eml" | acct log --eml - -q >"$T/out" &&
	test_must_be_empty "$T/out" &&
	git log -1 --format=%s >"$T/subject" &&
	echo "log romashka: Бюджет на декабрь" >"$T/expect" &&
	test_cmp "$T/expect" "$T/subject" &&
	is_clean
'

test_expect_success FAULT 'one message delivered twice at once: one entry' '
	remember &&
	sed "s/^Message-ID: <8f2a/Message-ID: <af2a/" \
		"$FIX/thunderbird-utf8-qp.eml" >"$T/twice.eml" &&
	stopped_at_lock "$T/out1" "$T/err1" acct log --eml "$T/twice.eml" &&
	acct log --eml "$T/twice.eml" >"$T/out2" &&
	kill -CONT $stopped_pid &&
	wait $stopped_pid &&
	echo "already logged: $(cat "$T/out2")" >"$T/expect" &&
	test_cmp "$T/expect" "$T/out1" &&
	git rev-list "$(cat "$T/old-head")"..HEAD >"$T/commits" &&
	test_line_count = 1 "$T/commits" &&
	is_clean
'

test_expect_success 'a Message-ID is looked up among that client'"'"'s entries only' '
	remember &&
	acct log acme --eml "$FIX/thunderbird-utf8-qp.eml" >"$T/out" &&
	test_grep "^clients/acme/log/2026/" "$T/out" &&
	one_commit "log acme: Бюджет на декабрь" "$(cat "$T/out")" &&
	git rm -q "$(cat "$T/out")" && git commit -q -m "not acme" &&
	is_clean
'

test_expect_success 'Outlook, windows-1251 base64: Outlook'"'"'s original message folded away' '
	remember &&
	acct log --eml "$FIX/outlook-1251-base64.eml" >"$T/out" &&
	e=$(cat "$T/out") &&
	one_commit "log romashka: Медиаплан" "$e" &&
	test "$(front date "$e")" = "2026-12-01T06:30:10+00:00" &&
	test "$(front direction "$e")" = in &&
	test_grep -F -x -e "- From: Пётр Петров <petr@romashka.example>" "$e" &&
	test_grep -F -x -e "- Cc: Boris Sidorov <boris@agency.example>" "$e" &&
	test_grep -F -x "Медиаплан посмотрели, по охватам вопросов нет. Просим сдвинуть старт на 7 декабря." "$e" &&
	test_grep ! "Original Message" "$e" &&
	test_grep ! "медиаплан во вложении" "$e" &&
	test_grep ! "^Sent:" "$e"
'

test_expect_success 'mutt, KOI8-R 8bit, from the manager: out, found by To: (any case)' '
	remember &&
	acct log --eml "$FIX/mutt-koi8r-out.eml" >"$T/out" &&
	e=$(cat "$T/out") &&
	case $e in clients/acme/log/2026/2026-12-02T0805-*) ;; *) false ;; esac &&
	one_commit "log acme: Отчёт за ноябрь" "$e" &&
	test "$(front direction "$e")" = out &&
	test_grep -F "заявок 212 при плане 200." "$e"
'

test_expect_success 'a colleague'"'"'s address (agency.domains) is ours: out' '
	remember &&
	sed -e "s/^From: Anna Petrova <anna@/From: Boris <boris@/" \
	    -e "s/^Message-ID: <2026/Message-ID: <boris-2026/" \
		"$FIX/mutt-koi8r-out.eml" >"$T/boris.eml" &&
	acct log --eml "$T/boris.eml" >"$T/out" &&
	test "$(front direction "$(cat "$T/out")")" = out
'

test_expect_success 'multipart/mixed: the attachments listed by name and size, not stored' '
	remember &&
	acct log --eml "$FIX/mixed-attachments.eml" >"$T/out" &&
	e=$(cat "$T/out") &&
	one_commit "log romashka: Materials for the December campaign" "$e" &&
	test_grep -F -x -e "- Attachments: price-list.pdf (2.0 KB), Медиаплан декабрь.xlsx (2.9 KB), Бриф v2.docx (300 bytes), Brief v2.eml (126 bytes)" "$e" &&
	test_grep -F -x "Anna, the materials: the price list, the media plan and the brief." "$e" &&
	test_grep ! "div dir" "$e"
'

test_expect_success 'HTML only: the text as a reader sees it, the quote folded away' '
	remember &&
	acct log --eml "$FIX/html-only.eml" >"$T/out" &&
	e=$(cat "$T/out") &&
	one_commit "log romashka: Отчёт" "$e" &&
	awk "n >= 2; /^---\$/ { n++ }" "$e" >"$T/body" &&
	cat >"$T/expect" <<-\EOF &&
	- From: Иван <ivan@romashka.example>
	- To: anna@agency.example

	Анна, добрый день!

	Отчёт получили, спасибо. Вопросы:

	- почему вырос CPC в поиске?
	- когда запустим ретаргетинг?

	Смета — по ссылке (https://docs.example/smeta). «Ромашка» & Co.

	*The quoted text (3 lines) is left out.*
	EOF
	test_cmp "$T/expect" "$T/body"
'

test_expect_success 'a mail'"'"'s headings are text: it opens no section of the entry' '
	remember &&
	printf "%s\n" "From: ivan@romashka.example" "To: anna@agency.example" \
		"Subject: Notes" "Date: Wed, 2 Dec 2026 11:00 +0300" \
		"Message-ID: <notes@romashka.example>" "" "## Actions" \
		"- [ ] Pay due:someday" "Actions" "-------" "- [ ] Sign due:2026-13-45" \
		"" "Regards" "--" "Ivan" >"$T/notes.eml" &&
	acct log --eml "$T/notes.eml" >"$T/out" &&
	e=$(cat "$T/out") &&
	one_commit "log romashka: Notes" "$e" &&
	test_grep -x -F "\## Actions" "$e" &&
	test_grep -x -F "\-------" "$e" &&
	test_grep -x -F "\--" "$e" &&
	acct todo romashka --json >"$T/todo.json" &&
	test_grep -F "\"items\": []" "$T/todo.json"
'

test_expect_success 'no client has an address of the message: exit 2 naming them' '
	refused 2 "no client has an address of the message: someone@unknown.example" \
		acct log --eml "$FIX/unknown-sender.eml" &&
	test_grep ! "boris@agency.example" "$T/err"
'

test_expect_success 'several clients: exit 2 naming them; named, it logs' '
	refused 2 "are of several clients: acme, romashka" \
		acct log --eml "$FIX/two-clients.eml" &&
	remember &&
	acct log acme --eml "$FIX/two-clients.eml" >"$T/out" &&
	one_commit "log acme: Holidays" "$(cat "$T/out")" &&
	test "$(front direction "$(cat "$T/out")")" = out
'

test_expect_success 'broken headers: a clear error, exit 1, nothing written' '
	refused 1 "the Date: header '"'"'Tuesday morning'"'"' is not a date" \
		acct log --eml "$FIX/broken-date.eml" &&
	refused 1 "broken-header.eml:6: '"'"'This line is no header'"'"' is no header" \
		acct log --eml "$FIX/broken-header.eml" &&
	refused 1 "has no From: header" acct log --eml "$FIX/no-from.eml" &&
	printf "not a message at all\n" >"$T/junk.eml" &&
	refused 1 "is not an e-mail message" acct log --eml "$T/junk.eml" &&
	printf "From: ivan@romashka.example\nDate: Tue, 1 Dec 2026 10:00 +0300\nSubject: =?x-unknown?B?SGVsbG8=?=\n\nx\n" >"$T/cs.eml" &&
	refused 1 "charset '"'"'x-unknown'"'"' is not known" \
		acct log --eml "$T/cs.eml" &&
	printf "From: ivan@romashka.example\nDate: Tue, 1 Dec 2026 10:00 +0300\nContent-Type: text/plain; charset=windows-1251\n\n\230\n" >"$T/bad1251.eml" &&
	refused 1 "is not windows-1251" acct log --eml "$T/bad1251.eml" &&
	printf "From: ivan@romashka.example\nDate: Tue, 1 Dec 2030 10:00 +0300\n\nx\n" >"$T/ahead.eml" &&
	refused 1 "the Date: header 2030-12-01 is in the future" \
		acct log --eml "$T/ahead.eml"
'

test_expect_success '--eml on the command line: usage errors' '
	refused 2 "--eml takes no summary" \
		acct log romashka "A summary" --eml "$FIX/html-only.eml" &&
	refused 2 "do not go with it" \
		acct log romashka --eml "$FIX/html-only.eml" --channel call &&
	refused 2 "cannot read" acct log --eml "$T/missing.eml" &&
	refused 2 "no such client" acct log zz --eml "$FIX/html-only.eml"
'

test_expect_success 'a 20 MB attachment: counted, not kept, quickly' '
	{
		printf "From: ivan@romashka.example\nTo: anna@agency.example\n" &&
		printf "Subject: =?UTF-8?B?0JLQuNC00LXQvg==?= =?UTF-8?B?INC+0YLRh9C10YI=?=\n" &&
		printf "Date: Wed, 2 Dec 2026 10:00:00 +0300\n" &&
		printf "Message-ID: <big@romashka.example>\nMIME-Version: 1.0\n" &&
		printf "Content-Type: multipart/mixed; boundary=b\n\n--b\n" &&
		printf "Content-Type: text/plain; charset=utf-8\n\nThe video.\n--b\n" &&
		printf "Content-Type: video/mp4; name=report.mp4\n" &&
		printf "Content-Transfer-Encoding: base64\n\n" &&
		head -c 20971520 /dev/zero | base64 &&
		printf -- "--b--\n"
	} >"$T/big.eml" &&
	remember &&
	acct log --eml "$T/big.eml" >"$T/out" &&
	e=$(cat "$T/out") &&
	one_commit "log romashka: Видео отчет" "$e" &&
	test_grep -F -x -e "- Attachments: report.mp4 (20.0 MB)" "$e" &&
	test $(wc -c <"$e") -lt 1000 &&
	git count-objects -v >"$T/objects" &&
	loose=$(sed -n "s/^size: //p" "$T/objects") &&
	packed=$(sed -n "s/^size-pack: //p" "$T/objects") &&
	size=$((loose + packed)) &&
	test "$size" -lt 2000 &&
	remember &&
	sed "s/<big@/<big2@/" "$T/big.eml" | acct log --eml - >"$T/out" &&
	test_grep -F -x -e "- Attachments: report.mp4 (20.0 MB)" "$(cat "$T/out")"
'

test_expect_success 'agency.domains must be domains' '
	cp .acct/config.yaml "$T/config.good" &&
	printf "agency:\n  domains: [anna@agency.example]\n" >"$T/bad.yaml" &&
	sed "/^agency:/,\$d" "$T/config.good" >.acct/config.yaml &&
	cat "$T/bad.yaml" >>.acct/config.yaml &&
	test_expect_code 1 acct log --eml "$FIX/html-only.eml" 2>"$T/err" &&
	test_grep "agency.domains: .anna@agency.example. is not a mail domain" "$T/err" &&
	cp "$T/config.good" .acct/config.yaml
'


# GMime and libxml2 are loaded when a mail is read (lib/dl.c), not when
# acct starts; libxml2 only for an HTML-only mail.
gcc --version >/dev/null 2>&1 && test_set_prereq CC

test_expect_success CC,!SANITIZED 'GMime or libxml2 missing or not whole: exit 1, named, nothing written' '
	ldd "$(command -v acct)" >"$T/libs" &&
	test_grep "libgit2" "$T/libs" &&
	test_grep ! "libgmime\|libglib\|libxml2\|libical\|libicu\|liblzma" "$T/libs" &&
	mkdir -p "$T/fakelib" &&
	echo "int acct_fake_lib;" >"$T/fake.c" &&
	gcc -shared -fPIC -Wl,-soname,libgmime-3.0.so.0 \
		-o "$T/fakelib/libgmime-3.0.so.0" "$T/fake.c" &&
	printf "%s\n" "From: ivan@romashka.example" "To: anna@agency.example" \
		"Subject: Plain" "Date: Wed, 2 Dec 2026 11:30 +0300" \
		"Message-ID: <plain@romashka.example>" "" "Plain text." >"$T/plain.eml" &&
	refused 1 "libgmime-3.0.so.0 has no g_mime_init(), which reading and writing e-mail needs" \
		env LD_LIBRARY_PATH="$T/fakelib" acct log --eml "$T/plain.eml" &&
	echo "this is not a library" >"$T/fakelib/libgmime-3.0.so.0" &&
	refused 1 "cannot load libgmime-3.0.so.0, which reading and writing e-mail needs" \
		env LD_LIBRARY_PATH="$T/fakelib" acct log --eml - <"$T/plain.eml" &&
	rm "$T/fakelib/libgmime-3.0.so.0" &&
	gcc -shared -fPIC -Wl,-soname,libxml2.so.2 \
		-o "$T/fakelib/libxml2.so.2" "$T/fake.c" &&
	sed "s/^Message-ID: .*/Message-ID: <html2@romashka.example>/" \
		"$FIX/html-only.eml" >"$T/html2.eml" &&
	test_grep -x "Message-ID: <html2@romashka.example>" "$T/html2.eml" &&
	refused 1 "libxml2.so.2 has no htmlReadMemory(), which the text of an HTML e-mail needs" \
		env LD_LIBRARY_PATH="$T/fakelib" acct log --eml "$T/html2.eml" &&
	echo "this is not a library" >"$T/fakelib/libxml2.so.2" &&
	refused 1 "cannot load libxml2.so.2, which the text of an HTML e-mail needs" \
		env LD_LIBRARY_PATH="$T/fakelib" acct log --eml "$T/html2.eml" &&
	remember &&
	env LD_LIBRARY_PATH="$T/fakelib" acct log --eml "$T/plain.eml" >"$T/out" &&
	one_commit "log romashka: Plain" "$(cat "$T/out")" &&
	remember &&
	acct log --eml "$T/html2.eml" >"$T/out" &&
	one_commit "log romashka: Отчёт" "$(cat "$T/out")"
'

test_done
