#!/bin/sh
# shellcheck disable=SC2016

test_description='acct report --format eml, --mail and --due

A report as an e-mail message, read back with Python'"'"'s email package:
the headers decode (encoded words), both parts are there and the HTML part
is --format html byte for byte. --mail hands it to a fake sendmail in PATH
that keeps what it gets, and records it as sent in one commit (with the
saved message under --save); a failing or missing mail command records
nothing. --due sends what the agenda has due, each client on its own.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

GIT_AUTHOR_NAME="Anna Petrova" GIT_AUTHOR_EMAIL=anna@agency.example
GIT_COMMITTER_NAME="Anna Petrova" GIT_COMMITTER_EMAIL=anna@agency.example
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

# Friday of week 48: the weekly summaries are due.
ACCT_NOW=2026-11-27T15:00+00:00
export ACCT_NOW

# The fake mail commands: sendmail keeps each message and its arguments
# in $T/sent (1.eml, 1.args, ...); broken says why on stderr and exits 75.
mkdir -p "$T/bin" "$T/sent"
PATH=$T/bin:$PATH
write_script "$T/bin/sendmail" <<EOF
n=\$(ls "$T/sent" | grep -c '\\.eml\$')
n=\$((n + 1))
printf '%s\\n' "\$@" >"$T/sent/\$n.args"
cat >"$T/sent/\$n.eml"
EOF
write_script "$T/bin/broken-mail" <<EOF
cat >/dev/null
echo "broken-mail: connection refused by smtp.agency.example" >&2
exit 75
EOF

# check_message FILE [SUBJECT TO]: FILE is a message as the issue asks;
# prints its parts to FILE.plain and FILE.html.
check_message () {
	python3 - "$@" <<-\EOF
	import email, email.policy, re, sys
	path = sys.argv[1]
	raw = open(path, "rb").read()
	lines = raw.split(b"\n")
	assert all(len(l) <= 78 for l in lines), max(lines, key=len)
	assert all(b < 128 for b in raw), "8-bit bytes"
	m = email.message_from_bytes(raw, policy=email.policy.default)
	assert m.get_content_type() == "multipart/alternative", m.get_content_type()
	assert m["MIME-Version"] == "1.0"
	parts = list(m.iter_parts())
	assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
	for p in parts:
	    assert p.get_content_charset() in ("utf-8", "us-ascii"), p.get_content_charset()
	    assert p["Content-Transfer-Encoding"] in ("base64", "quoted-printable")
	if len(sys.argv) > 2:
	    assert str(m["Subject"]) == sys.argv[2], str(m["Subject"])
	    assert str(m["To"]) == sys.argv[3], str(m["To"])
	assert str(m["From"]) == "Anna Petrova <anna@agency.example>", str(m["From"])
	assert m["Date"].datetime.isoformat() == "2026-11-27T15:00:00+00:00", m["Date"]
	mid = str(m["Message-ID"])
	assert re.fullmatch(r"<20261127150000\.[0-9a-f]{16}@agency\.example>", mid), mid
	open(path + ".plain", "wb").write(parts[0].get_content().encode())
	open(path + ".html", "wb").write(parts[1].get_content().encode())
	open(path + ".id", "w").write(mid + "\n")
	EOF
}

# mail_command VALUE: mail.command in the book's config set to VALUE.
mail_command () {
	sed "s/^  command: .*/  command: $1/" .acct/config.yaml >"$T/config.new" &&
	mv "$T/config.new" .acct/config.yaml &&
	grep -q "^  command: " .acct/config.yaml
}

RU_SUBJECT="Сводка за неделю: ООО «Ромашка», неделя 48 (23–29 ноября 2026)"

test_expect_success 'a book with clients to write to' '
	acct init -q "$B" &&
	cd "$B" &&
	acct client add "ООО «Ромашка»" --slug romashka --locale ru \
		--since 2026-11-01 -q &&
	acct client contact add romashka "Пётр Петров" --email petr@romashka.example &&
	acct client contact add romashka "Иван Иванов" --role CMO \
		--email ivan@romashka.example --primary &&
	acct client add "Acme Robotics" --slug acme --since 2026-11-01 \
		--email office@acme.example -q &&
	acct client add "No Mail Ltd" --slug nomail --since 2026-11-01 -q &&
	acct log romashka "Запустили кампанию" --channel call \
		--date 2026-11-24T11:00 -q &&
	git log --oneline >../log.before
'

test_expect_success '--format eml: a ready message, in the client'"'"'s language' '
	acct report romashka --period this-week --format eml >"$T/r.eml" &&
	check_message "$T/r.eml" "$RU_SUBJECT" \
		"Иван Иванов <ivan@romashka.example>" &&
	grep "^Subject: =?UTF-8?" "$T/r.eml" &&
	acct report romashka --period this-week --format html >"$T/r.html" &&
	test_cmp "$T/r.html" "$T/r.eml.html" &&
	acct report romashka --period this-week >"$T/r.md" &&
	test_cmp "$T/r.md" "$T/r.eml.plain" &&
	git log --oneline >../log.after &&
	test_cmp ../log.before ../log.after
'

test_expect_success 'the card'"'"'s email: when no primary contact has one; a new id each time' '
	acct report acme --period this-week --format eml >"$T/a.eml" &&
	check_message "$T/a.eml" "Weekly summary: Acme Robotics, week 48 (23–29 Nov 2026)" \
		"Acme Robotics <office@acme.example>" &&
	acct report acme --period this-week --format eml >"$T/a2.eml" &&
	check_message "$T/a2.eml" &&
	! test_cmp "$T/a.eml.id" "$T/a2.eml.id"
'

test_expect_success 'no address: exit 1 naming what to set' '
	refused 1 "no e-mail address to send nomail" \
		acct report nomail --period this-week --format eml &&
	test_grep "acct client set nomail email" "$T/err"
'

test_expect_success 'eml and the portfolio, --mail with another format: usage' '
	refused 2 "not sent by e-mail" acct report --all --period this-week --format eml &&
	refused 2 "--mail sends an e-mail message" \
		acct report romashka --period this-week --mail --format html &&
	refused 2 "--due finds the clients" acct report romashka --due &&
	refused 2 "--manager goes with --due" acct report romashka \
		--period this-week --manager anna
'

test_expect_success '--mail: sent by sendmail -t -oi, recorded in one commit' '
	remember &&
	acct report romashka --period this-week --mail >"$T/out" &&
	echo "mailed to Иван Иванов <ivan@romashka.example>: $RU_SUBJECT" >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	test_write_lines -t -oi >"$T/expect" &&
	test_cmp "$T/expect" "$T/sent/1.args" &&
	check_message "$T/sent/1.eml" "$RU_SUBJECT" \
		"Иван Иванов <ivan@romashka.example>" &&
	test_cmp "$T/r.html" "$T/sent/1.eml.html" &&
	git rev-list "$(cat "$T/old-head")"..HEAD >"$T/commits" &&
	test_line_count = 1 "$T/commits" &&
	echo "report romashka: mailed 2026-W48 weekly" >"$T/expect" &&
	git log -1 --format=%s >"$T/actual" &&
	test_cmp "$T/expect" "$T/actual" &&
	git diff --name-only HEAD~1 >"$T/files" &&
	test_line_count = 1 "$T/files" &&
	entry=$(cat "$T/files") &&
	test_grep "^kind: report$" "$entry" &&
	test_grep "^channel: email$" "$entry" &&
	test_grep "^direction: out$" "$entry" &&
	test_grep -F "summary: \"$RU_SUBJECT\"" "$entry" &&
	test_grep -F "Message-ID: $(cat "$T/sent/1.eml.id")" "$entry" &&
	is_clean
'

test_expect_success 'the agenda sees the summary as sent' '
	acct agenda --json >"$T/agenda.json" &&
	python3 -c "
import json, sys
items = json.load(open(\"$T/agenda.json\"))[\"items\"]
due = sorted(i[\"client\"] for i in items if i[\"kind\"] == \"report\")
assert due == [\"acme\", \"nomail\"], due
"
'

test_expect_success '--mail --save: the message saved with the entry, one commit' '
	remember &&
	acct report acme --period this-week --mail --save >"$T/out" &&
	test_write_lines clients/acme/reports/2026-W48-weekly.eml \
		"mailed to Acme Robotics <office@acme.example>: Weekly summary: Acme Robotics, week 48 (23–29 Nov 2026)" >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	test_cmp "$T/sent/2.eml" clients/acme/reports/2026-W48-weekly.eml &&
	git rev-list "$(cat "$T/old-head")"..HEAD >"$T/commits" &&
	test_line_count = 1 "$T/commits" &&
	echo "report acme: mailed 2026-W48 weekly, saved" >"$T/expect" &&
	git log -1 --format=%s >"$T/actual" &&
	test_cmp "$T/expect" "$T/actual" &&
	git diff --name-only HEAD~1 >"$T/files" &&
	test_line_count = 2 "$T/files" &&
	test_grep "^clients/acme/reports/2026-W48-weekly.eml$" "$T/files" &&
	test_grep "^clients/acme/log/2026/2026-11-27T1500-" "$T/files" &&
	is_clean
'

test_expect_success '--format eml --save without --mail: the message saved, nothing sent' '
	ls "$T/sent" >"$T/sent.before" &&
	acct report acme --period last-week --format eml --save >"$T/out" &&
	echo clients/acme/reports/2026-W47-weekly.eml >"$T/expect" &&
	test_cmp "$T/expect" "$T/out" &&
	cp clients/acme/reports/2026-W47-weekly.eml "$T/w47.eml" &&
	check_message "$T/w47.eml" &&
	ls "$T/sent" >"$T/sent.after" &&
	test_cmp "$T/sent.before" "$T/sent.after"
'

test_expect_success 'a failing mail command: exit 1 with its stderr, nothing recorded' '
	mail_command "[broken-mail, -t]" &&
	git commit -qm "broken mail" .acct/config.yaml &&
	refused 1 "broken-mail: connection refused by smtp.agency.example" \
		acct report romashka --period this-week --mail --save &&
	test_grep "exit 75" "$T/err" &&
	test_grep "not sent" "$T/err" &&
	test_path_is_missing clients/romashka/reports &&
	git reset -q --hard HEAD~1
'

test_expect_success 'a mail command not in PATH: exit 1 naming mail.command and PATH' '
	mail_command "[no-such-mailer]" &&
	git commit -qm "missing mail" .acct/config.yaml &&
	refused 1 "the mail command '"'"'no-such-mailer'"'"' was not found in PATH (mail.command)" \
		acct report romashka --period this-week --mail &&
	git reset -q --hard HEAD~1
'

test_expect_success 'mail.command is an argument vector: no shell' '
	mail_command "[sendmail, -f, \"anna@agency.example\", \"two words; echo no\"]" &&
	git commit -qm "mail args" .acct/config.yaml &&
	acct report romashka --period last-week --mail >"$T/out" &&
	test_write_lines -f anna@agency.example "two words; echo no" >"$T/expect" &&
	test_cmp "$T/expect" "$T/sent/3.args" &&
	git reset -q --hard HEAD~2
'

test_expect_success 'mail.command as a string: refused at its line and column' '
	cp .acct/config.yaml "$T/config.good" &&
	mail_command "sendmail -t -oi" &&
	line=$(grep -n "command: sendmail -t" .acct/config.yaml | cut -d: -f1) &&
	test_expect_code 1 acct report romashka --period this-week --mail \
		>"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "config.yaml:$line:12: mail.command must be a list" "$T/err" &&
	cp "$T/config.good" .acct/config.yaml
'

test_expect_success 'sent but the commit failed: it says so, and how to record it' '
	remember &&
	: >.git/index.lock &&
	test_when_finished "rm -f \"$B/.git/index.lock\"" &&
	test_expect_code 1 acct report romashka --period last-week --mail \
		>"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "the report WAS sent to Иван Иванов <ivan@romashka.example> but not recorded" "$T/err" &&
	test_grep -F "hint: do not send it again; record it with: acct log romashka --kind report --channel email --direction out '"'"'Сводка за неделю: ООО «Ромашка», неделя 47 (16–22 ноября 2026)'"'"'" "$T/err" &&
	test_path_is_file "$T/sent/4.eml" &&
	no_commit
'

test_expect_success '--due --mail: each due client on its own; one failing stops none' '
	rm -f .git/index.lock &&
	ls "$T/sent" | grep -c "\\.eml$" >"$T/n.before" &&
	test_expect_code 1 acct report --due --mail >"$T/out" 2>"$T/err" &&
	test_grep "nomail" "$T/err" &&
	test_grep "1 of 1 reports due failed: nomail" "$T/err" &&
	ls "$T/sent" | grep -c "\\.eml$" >"$T/n.after" &&
	test_cmp "$T/n.before" "$T/n.after" &&
	is_clean
'

test_expect_success '--due next Friday: every client due, each in its language' '
	ACCT_NOW=2026-12-04T15:00+00:00 &&
	export ACCT_NOW &&
	remember &&
	n0=$(ls "$T/sent" | grep -c "\\.eml$") &&
	test_expect_code 1 acct report --due --mail >"$T/out" 2>"$T/err" &&
	test_grep "1 of 3 reports due failed: nomail" "$T/err" &&
	test_grep "mailed to Acme Robotics <office@acme.example>: Weekly summary: Acme Robotics, week 49" "$T/out" &&
	test_grep "mailed to Иван Иванов <ivan@romashka.example>: Сводка за неделю: ООО «Ромашка», неделя 49" "$T/out" &&
	test_line_count = 2 "$T/out" &&
	n1=$(ls "$T/sent" | grep -c "\\.eml$") &&
	test $n1 = $((n0 + 2)) &&
	git rev-list "$(cat "$T/old-head")"..HEAD >"$T/commits" &&
	test_line_count = 2 "$T/commits" &&
	# Sent once: the agenda sees them, and the next run sends nothing new.
	test_expect_code 1 acct report --due --mail >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	test_grep "1 of 1 reports due failed: nomail" "$T/err" &&
	n2=$(ls "$T/sent" | grep -c "\\.eml$") &&
	test $n2 = $n1 &&
	is_clean
'

test_expect_success '--due without --mail prints the reports; --format eml asks for --mail or --save' '
	ACCT_NOW=2026-12-11T15:00+00:00 &&
	export ACCT_NOW &&
	acct client set nomail email hello@nomail.example &&
	acct report --due >"$T/out" &&
	test_grep "^# Weekly summary: Acme Robotics" "$T/out" &&
	test_grep "^# Weekly summary: No Mail Ltd" "$T/out" &&
	test_grep "^# Сводка за неделю: ООО «Ромашка»" "$T/out" &&
	refused 2 "add --mail or --save" acct report --due --format eml
'

test_expect_success '--due --manager: only that manager'"'"'s clients' '
	acct client set acme manager "Boris Ivanov <boris@agency.example>" &&
	acct report --due --manager boris >"$T/out" &&
	test_grep "^# Weekly summary: Acme Robotics" "$T/out" &&
	! grep "No Mail" "$T/out" &&
	refused 2 "no client has a manager matching" acct report --due --manager nobody
'

test_done
