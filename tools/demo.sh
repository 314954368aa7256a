#!/bin/sh
# make demo: a demo book in demo/ (ignored by git) with a few clients, and
# acct's main job on it, each command shown before its output.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=$top:$PATH
export PATH
book=$top/demo

rm -rf "$book"
# The demo signs its commits itself, so it works where git has no identity.
export GIT_AUTHOR_NAME="Anna Petrova" GIT_AUTHOR_EMAIL="anna@agency.example"
export GIT_COMMITTER_NAME="Anna Petrova" GIT_COMMITTER_EMAIL="anna@agency.example"

run() {
	printf '\n$ %s\n' "$*"
	"$@"
}

# The book was started on 1 September; its clients began earlier (--since),
# and the agenda counts their first review and survey from the day their
# cards entered the book, not from since.
export GIT_AUTHOR_DATE="2026-09-01T10:00+03:00"
export GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"

cd "$top"
run acct init -q demo
cd "$book"
run acct client add "ООО «Ромашка»" --service seo --service context \
	--tag real-estate --tag key --since 2026-03-01 \
	--budget 150000 --currency RUB --telegram @romashka_marketing \
	--fee 90000 --floating 30 --fast-channel telegram \
	--official-channel email --goal "Продажи квартир +25% за год" \
	--kpi "CPL <= 500 RUB" --kpi "заявки >= 200 в месяц" --locale ru
run acct client add "Acme Robotics" --service context --service smm \
	--manager "Boris Ivanov <boris@agency.example>" --since 2025-09-15 \
	--budget 12000 --currency USD --email marketing@acme.example
run acct client add "Пекарня «Хлеб да соль»" --slug khleb --service smm \
	--status lead --tag food
run acct client add "Nordic Fjord Tours" --service seo --status paused \
	--since 2024-05-20 --tag travel
run acct client set ooo cadence.contact 2wd
run acct client contact add ooo "Иван Иванов" --role "marketing director" \
	--email ivan@romashka.example --birthday 1980-11-25 --primary
run acct client set acme status paused
run acct client archive nordic
run acct client list
run acct client list --all
export TZ=Europe/Moscow ACCT_NOW=${ACCT_NOW:-2026-11-23T09:00+03:00}
# What follows is done on the morning of 23 November.
export GIT_AUTHOR_DATE="$ACCT_NOW" GIT_COMMITTER_DATE="$ACCT_NOW"
printf '%s\n' "Созвон по бюджету на Q4" "" \
	"Обсудили медиаплан и ставки." "" \
	"## Решения" "- Поднять ставки в поиске на 15%" "" \
	"## Задачи" "- [ ] Прислать медиаплан @anna due:2026-11-25" \
	"- [x] Согласовать креативы @client" >"$top/demo.note"
run acct log ooo -F "$top/demo.note" --channel call --date 2026-11-20T11:00+03:00
rm -f "$top/demo.note"
run acct log acme "Sent the October report" --channel email --kind report \
	--date 2026-11-21T16:30+03:00
run acct todo add acme "Prepare the Q1 proposal" --owner boris --due 2026-12-05
run acct client set ooo timezone Asia/Almaty
run acct client set ooo hours 09:00-18:00
run acct nps ooo 10 --respondent "Иван Иванов" --role "marketing director" \
	--csat 5 --date 2026-10-15
run acct nps ooo 9 --respondent "Ольга Смирнова" --csat 4 --date 2026-10-16
run acct nps ooo 6 --respondent "Пётр Сидоров" --csat 3 \
	--comment "Отчёты приходят с опозданием" --date 2026-11-16
run acct nps acme 8 --respondent "John Doe" --date 2026-07-10
run acct nps
run acct timeline --decisions --actions
run acct todo
run acct client list --manager anna
run acct client set -h
run acct client show ooo
run acct client show acme --json
printf '%s\n' "- [ ] Brand book and logos" "- [ ] Access to Yandex Direct" \
	"- [ ] Access to Yandex Metrica" >"$top/demo.materials"
run acct brief ooo --section materials -F "$top/demo.materials"
rm -f "$top/demo.materials"
run acct brief ooo --tick "brand book"
run acct brief ooo --tick "access" || true	# two items hold it: exit 2
run acct brief ooo --tick "metrica"
run acct history ooo
# Three months of results: typed by hand (a decimal comma and Russian
# names are fine), October from the Yandex Direct export's totals; a KPI
# in the brief besides the card's two.
run acct metric ooo spend=61250 impressions=214000 clicks=3120 leads=118 \
	revenue=2450000 --period 2026-08 --currency RUB
run acct metric ooo spend=68400.50 impressions=236500 clicks=3390 leads=142 \
	revenue=2900000 --period 2026-09 --currency RUB
run acct metric ooo "расход=70 120,40" показы=241000 клики=3650 заявки=151 \
	выручка=3400000 --period 2026-10 --source yandex-direct --currency RUB
printf '%s\n' "- CTR >= 1.5%" "- CPL <= 500 RUB" >"$top/demo.kpi"
run acct brief ooo --section kpi -F "$top/demo.kpi"
rm -f "$top/demo.kpi"
run acct metric ooo --period last-month
run acct agenda --all
run acct agenda --all --days 7
run acct agenda --all --date 2026-12-01	# 90 days after the cards entered
run acct health --explain
run acct report ooo --period last-week
# The same summary as the e-mail message --mail would hand to sendmail
# (To: the primary contact, From: the manager, the subject encoded).
run acct report ooo --period last-week --format eml
run acct report ooo --period last-month	# the monthly report: Results first
run acct report ooo --period this-quarter
run acct report ooo --period this-quarter --locale en
run acct report ooo --period this-month --format html --save
run acct report --all --period this-quarter
run git log --format='%h %s (%an)'
# What cron rewrites every morning for a calendar app to subscribe to:
# the next 14 days' calls, reports, reviews and surveys at the clients'
# hours in their zones, and the action items with a due date. Written
# whole (the app never sees half a file), kept out of the book's history.
run acct calendar --all -o "$book/.git/calendar.ics"
run cat "$book/.git/calendar.ics"
