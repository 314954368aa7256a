#!/bin/sh
# shellcheck disable=SC2016

test_description='acct report: the Results section

A book with three months of metrics written with acct metric (two sources
in one month: 148200.50 + 0.10 is 148200.60), two weeks, and KPIs on the
card and in the brief. The weekly, monthly and quarterly reports, in
Markdown, HTML, man, LaTeX and JSON and in both languages, show the
Results before the work done: each KPI with its target, actual, previous
period and status, the metrics with their change, a chart per KPI. The
portfolio shows each client'"'"'s KPI status; a client with no metrics and
no measurable KPI says so in one line.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

GIT_AUTHOR_NAME="Anna Petrova" GIT_AUTHOR_EMAIL=anna@agency.example
GIT_COMMITTER_NAME="Anna Petrova" GIT_COMMITTER_EMAIL=anna@agency.example
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

command -v groff >/dev/null 2>&1 && test_set_prereq GROFF
command -v pdflatex >/dev/null 2>&1 &&
	kpsewhich t2aenc.def russianb.ldf >/dev/null 2>&1 &&
	test_set_prereq PDFLATEX
test_have_prereq PDFLATEX ||
	echo "# skipped: the LaTeX compile test (pdflatex with T2A and babel-russian is not installed)"

nbsp=$(printf "\302\240")

# section FILE: the Results section of a Markdown report, no-break spaces
# as spaces, up to the next heading of its level.
section () {
	sed -n '/^## \(Results\|Результаты\)$/,/^## [^R]/p' "$1" |
		sed -e '$d' -e "s/$nbsp/ /g"
}

test_expect_success 'a book with three months of metrics and KPIs' '
	acct init -q "$B" &&
	cd "$B" &&
	acct client add "Acme Robotics" --slug acme --since 2026-01-01 \
		--kpi "CPL <= 900 RUB" --kpi "leads >= 200 /month" \
		--kpi "Brand awareness" -q &&
	printf "%s\n" "- ROAS >= 4" "- CTR ≥ 1.5%" "- CPC <= 25 RUB" \
		"- CPL ≤ 900 rub." >"$T/kpi" &&
	acct brief acme --section kpi -F "$T/kpi" &&
	acct metric acme spend=120000 impressions=280000 clicks=4000 \
		leads=150 revenue=400000 --period 2026-08 --currency RUB -q &&
	acct metric acme spend=139000 impressions=300000 clicks=4500 \
		leads=180 revenue=540000 --period 2026-09 --currency RUB -q &&
	acct metric acme spend=148200.50 impressions=310000 clicks=4810 \
		leads=212 revenue=690000 --period 2026-10 \
		--source yandex-direct --currency RUB -q &&
	acct metric acme spend=0,10 --period 2026-10 --source google-ads \
		--currency RUB -q &&
	acct metric acme spend=34000 impressions=70000 clicks=1000 leads=45 \
		revenue=150000 --period 2026-W42 --currency RUB -q &&
	acct metric acme spend=35000 impressions=72000 clicks=1100 leads=50 \
		revenue=160000 --period 2026-W43 --currency RUB -q &&
	acct client add "Beta" --slug beta --since 2026-01-01 -q &&
	acct metric acme --period 2026-10 --json >"$T/m.json" &&
	grep -F "\"spend\": 148200.60," "$T/m.json"
'

test_expect_success 'monthly (en): the Results before the work done' '
	acct report acme --period 2026-10 --locale en >"$T/r.md" &&
	section "$T/r.md" >"$T/actual" &&
	cat >"$T/expect" <<-\EOF &&
	## Results

	4 of 5 KPIs met; missed: CPC \<= 25 RUB.

	```
	Targets and actuals
	KPI                  Target   Oct 2026    Sep 2026    Status
	-------------------  -------  ----------  ----------  --------------
	CPL <= 900 RUB       RUB 900  RUB 699.06  RUB 772.22  met
	leads >= 200 /month      200         212         180  met
	Brand awareness            -           -           -  not measurable
	ROAS >= 4                  4        4.66        3.88  met
	CTR ≥ 1.5%              1.5%       1.55%       1.50%  met
	CPC <= 25 RUB         RUB 25   RUB 30.81   RUB 30.89  missed
	```

	```
	Metrics
	Metric       Oct 2026        Sep 2026     Change
	-----------  --------------  -----------  ---------
	Spend        RUB 148,200.60  RUB 139,000  +9,200.60
	Impressions         310,000      300,000    +10,000
	Clicks                4,810        4,500       +310
	Leads                   212          180        +32
	Revenue         RUB 690,000  RUB 540,000   +150,000
	CTR                   1.55%        1.50%   +0.05 pp
	CPC               RUB 30.81    RUB 30.89      -0.08
	CPL              RUB 699.06   RUB 772.22     -73.16
	CR                    4.41%        4.00%   +0.41 pp
	ROAS                   4.66         3.88      +0.77
	DRR                  21.48%       25.74%   -4.26 pp
	```

	```
	CPL <= 900 RUB, by month (| target RUB 900)
	May 2026  no data                                  |
	Jun 2026  no data                                  |
	Jul 2026  no data                                  |
	Aug 2026  RUB 800.00 ###########################   |
	Sep 2026  RUB 772.22 ##########################    |
	Oct 2026  RUB 699.06 #######################       |
	```

	```
	leads >= 200 /month, by month (| target 200)
	May 2026  no data                             |
	Jun 2026  no data                             |
	Jul 2026  no data                             |
	Aug 2026      150 #####################       |
	Sep 2026      180 #########################   |
	Oct 2026      212 ############################|#
	```

	```
	ROAS >= 4, by month (| target 4)
	May 2026  no data                           |
	Jun 2026  no data                           |
	Jul 2026  no data                           |
	Aug 2026     3.33 #####################     |
	Sep 2026     3.88 ######################### |
	Oct 2026     4.66 ##########################|###
	```

	```
	CTR ≥ 1.5%, by month (| target 1.5%)
	May 2026  no data                              |
	Jun 2026  no data                              |
	Jul 2026  no data                              |
	Aug 2026    1.43% ############################ |
	Sep 2026    1.50% #############################|
	Oct 2026    1.55% #############################|
	```

	```
	CPC <= 25 RUB, by month (| target RUB 25)
	May 2026  no data                           |
	Jun 2026  no data                           |
	Jul 2026  no data                           |
	Aug 2026  RUB 30.00 ########################|####
	Sep 2026  RUB 30.89 ########################|#####
	Oct 2026  RUB 30.81 ########################|#####
	```

	EOF
	test_cmp "$T/expect" "$T/actual" &&
	# Before the work done, after the period.
	grep -n -e "^## " -e "^Period:" "$T/r.md" | head -n 3 >"$T/order" &&
	printf "%s\n" "3:Period: October 2026." "5:## Results" >"$T/expect" &&
	grep -n "^## Work done" "$T/r.md" | sed "s/^[0-9]*/N/" >>"$T/expect" &&
	sed "3s/^[0-9]*/N/" "$T/order" >"$T/actual" &&
	test_cmp "$T/expect" "$T/actual"
'

test_expect_success 'monthly (ru): the same in Russian' '
	acct report acme --period 2026-10 --locale ru >"$T/r.md" &&
	section "$T/r.md" >"$T/s" &&
	grep -F "Выполнено 4 из 5 KPI; не выполнен: CPC \<= 25 RUB." "$T/s" &&
	grep -F "KPI                  Цель   окт. 2026  сент. 2026  Статус" "$T/s" &&
	grep -F "CPL <= 900 RUB       900 ₽   699,06 ₽    772,22 ₽  выполнен" "$T/s" &&
	grep -F "Brand awareness          -          -           -  не измеряется" "$T/s" &&
	grep -F "CPC <= 25 RUB         25 ₽    30,81 ₽     30,89 ₽  не выполнен" "$T/s" &&
	grep -F "Расход      148 200,60 ₽   139 000 ₽     +9200,60" "$T/s" &&
	grep -F "CTR               1,55 %      1,50 %  +0,05 п. п." "$T/s" &&
	grep -F "CPL <= 900 RUB, по месяцам (| цель 900 ₽)" "$T/s" &&
	grep -F "май 2026    нет данных" "$T/s" &&
	grep -F "окт. 2026     699,06 ₽ #######################" "$T/s" &&
	test $(grep -c "по месяцам" "$T/s") = 5 &&
	! grep -e "Target" -e "missed" -e " met" -e "no data" "$T/s"
'

test_expect_success 'weekly: the week'"'"'s numbers, a monthly target scaled to it, six months charted' '
	acct report acme --period 2026-W43 --locale en >"$T/w.md" &&
	section "$T/w.md" >"$T/s" &&
	sed -n "/^Targets and actuals$/,/^\`\`\`$/p" "$T/s" >"$T/actual" &&
	cat >"$T/expect" <<-\EOF &&
	Targets and actuals
	KPI                  Target   19–25 Oct   12–18 Oct   Status
	-------------------  -------  ----------  ----------  --------------
	CPL <= 900 RUB       RUB 900  RUB 700.00  RUB 755.56  met
	leads >= 200 /month    45.16          50          45  met
	Brand awareness            -           -           -  not measurable
	ROAS >= 4                  4        4.57        4.41  met
	CTR ≥ 1.5%              1.5%       1.53%       1.43%  met
	CPC <= 25 RUB         RUB 25   RUB 31.82   RUB 34.00  missed
	```
	EOF
	test_cmp "$T/expect" "$T/actual" &&
	grep -F "Leads                 50           45        +5" "$T/s" &&
	grep -F "leads >= 200 /month, by month (| target 200)" "$T/s" &&
	grep -F "Oct 2026      212 ############################|#" "$T/s" &&
	acct report acme --period 2026-W43 --locale en --format json >"$T/w.json" &&
	python3 - "$T/w.json" <<-\PY &&
	import json, sys
	r = json.load(open(sys.argv[1]))["results"]
	assert r["period"] == "2026-W43" and r["previous"] == "2026-W42", r
	k = r["kpis"][1]
	assert k["target"] == 45.1613 and k["target_text"] == "45.16", k
	assert [s["period"] for s in k["series"]] == ["2026-05", "2026-06",
	    "2026-07", "2026-08", "2026-09", "2026-10"], k["series"]
	PY
	acct report acme --period 2026-W43 --locale ru >"$T/w.ru" &&
	section "$T/w.ru" >"$T/s" &&
	grep -F "leads >= 200 /month  45,16          50          45  выполнен" "$T/s"
'

test_expect_success 'quarterly: a running quarter is on track or behind, four quarters charted' '
	acct report acme --period 2026-Q4 --locale en >"$T/q.md" &&
	section "$T/q.md" >"$T/s" &&
	grep -F "3 of 5 KPIs on track; behind: leads \>= 200 /month, CPC \<= 25 RUB." "$T/s" &&
	grep -F "CPL <= 900 RUB       RUB 900  RUB 699.06  RUB 784.85  on track" "$T/s" &&
	grep -F "leads >= 200 /month      600         212         330  behind" "$T/s" &&
	grep -F "Spend        RUB 148,200.60  RUB 259,000  -110,799.40" "$T/s" &&
	grep -F "leads >= 200 /month, by quarter (| target 600)" "$T/s" &&
	grep -F "Q1 2026  no data" "$T/s" &&
	grep -F "Q3 2026      330 #################" "$T/s" &&
	acct report acme --period 2026-Q4 --locale ru >"$T/q.ru" &&
	section "$T/q.ru" >"$T/s" &&
	grep -F "В графике 3 из 5 KPI; отстают: leads \>= 200 /month, CPC \<= 25 RUB." "$T/s" &&
	grep -F "leads >= 200 /month    600          212           330  отстаёт" "$T/s" &&
	grep -F "CPL <= 900 RUB       900 ₽     699,06 ₽      784,85 ₽  в графике" "$T/s" &&
	grep -F "III кв. 2026" "$T/s" &&
	# The quarterly review opens with its Results, the goal first.
	grep -n "^## " "$T/q.md" | head -n 1 >"$T/first" &&
	echo "5:## Results" >"$T/expect" && test_cmp "$T/expect" "$T/first"
'

test_expect_success 'json: exact figures, statuses, series; in both languages' '
	for locale in en ru
	do
		acct report acme --period 2026-10 --locale $locale --format json \
			>"$T/r.$locale.json" || return 1
	done &&
	grep -F "\"value\": 148200.60," "$T/r.en.json" &&
	grep -F "\"change\": 9200.60," "$T/r.en.json" &&
	! grep -e "148200.6[^0]" -e "148200.60000" "$T/r.en.json" &&
	python3 - "$T/r.en.json" "$T/r.ru.json" <<-\PY
	import json, sys
	en, ru = (json.load(open(f)) for f in sys.argv[1:])
	r = en["results"]
	assert (r["period"], r["previous"], r["running"]) == ("2026-10", "2026-09", False), r
	assert r["currency"] == "RUB" and r["sources"] == ["google-ads", "yandex-direct"], r
	k = {x["text"]: x for x in r["kpis"]}
	assert list(k) == ["CPL <= 900 RUB", "leads >= 200 /month", "Brand awareness",
	    "ROAS >= 4", "CTR ≥ 1.5%", "CPC <= 25 RUB"], list(k)
	c = k["CPL <= 900 RUB"]
	assert (c["metric"], c["op"], c["target"], c["unit"]) == ("cpl", "<=", 900, "RUB"), c
	assert (c["actual"], c["previous"], c["status"]) == (699.0594, 772.2222, "met"), c
	assert c["found_in"] == ["card", "brief"] and c["chart"] == "kpi1", c
	assert c["actual_text"] == "RUB\u00a0699.06" and c["status_text"] == "met", c
	l = k["leads >= 200 /month"]
	assert (l["actual"], l["previous"], l["change"], l["per"]) == (212, 180, 32, "month"), l
	assert [(s["period"], s["actual"], s["target"], s["status"]) for s in l["series"]] == [
	    ("2026-05", None, 200, "no data"), ("2026-06", None, 200, "no data"),
	    ("2026-07", None, 200, "no data"), ("2026-08", 150, 200, "missed"),
	    ("2026-09", 180, 200, "missed"), ("2026-10", 212, 200, "met")], l["series"]
	b = k["Brand awareness"]
	assert b["status"] == "not measurable" and b["reason"].startswith("no comparison"), b
	assert b["metric"] is None and b["actual"] is None and b["chart"] is None, b
	assert k["CPC <= 25 RUB"]["status"] == "missed"
	s = r["summary"]
	assert (s["measurable"], s["met"], s["missed"], s["no_data"]) == (5, 4, 1, 0), s
	assert s["missed_kpis"] == ["CPC <= 25 RUB"], s
	assert s["text"] == "4 of 5 KPIs met; missed: CPC <= 25 RUB", s
	m = {x["name"]: x for x in r["metrics"]}
	assert list(m)[:8] == ["spend", "impressions", "clicks", "leads", "sales",
	    "revenue", "sessions", "calls"], list(m)
	assert (m["spend"]["value"], m["spend"]["previous"]) == (148200.6, 139000), m["spend"]
	assert m["spend"]["value_text"] == "RUB\u00a0148,200.60", m["spend"]
	assert m["sales"]["value"] is None and m["sales"]["known"] is False, m["sales"]
	assert m["cac"]["value"] is None and m["ctr"]["value"] == 0.01552, m
	assert m["ctr"]["value_text"] == "1.55%" and m["ctr"]["change_text"] == "+0.05 pp"
	assert sorted(en["charts"]) == ["contacts", "kpi1", "kpi2", "kpi4", "kpi5",
	    "kpi6", "nps"], sorted(en["charts"])
	p = en["charts"]["kpi1"]["points"][-1]
	assert (p["label"], p["value"], p["target"], p["ok"]) == ("Oct 2026", 699.0594, 900, True), p
	rk = {x["text"]: x for x in ru["results"]["kpis"]}
	assert rk["CPL <= 900 RUB"]["status"] == "met", rk
	assert rk["CPL <= 900 RUB"]["status_text"] == "выполнен", rk
	assert rk["CPC <= 25 RUB"]["status_text"] == "не выполнен", rk
	assert rk["Brand awareness"]["status_text"] == "не измеряется", rk
	assert ru["results"]["summary"]["text"] == "Выполнено 4 из 5 KPI; не выполнен: CPC <= 25 RUB"
	assert ru["results"]["previous_text"] == "сентябрь 2026", ru["results"]
	PY
'

test_expect_success 'html: an SVG chart per KPI with a number, tables of figures' '
	for p in 2026-W43 2026-10 2026-Q4
	do
		for locale in en ru
		do
			acct report acme --period $p --locale $locale --format html \
				>"$T/r.html" &&
			test $(grep -c "<title id=\"chart[0-9]*-t\">[^<]*, \(by\|по\) " \
				"$T/r.html") = 5 &&
			test $(grep -c "stroke-dasharray" "$T/r.html") -ge 20 || {
				echo "failed: $p $locale" && return 1
			}
		done
	done &&
	acct report acme --period 2026-10 --format html >"$T/r.html" &&
	test $(grep -c "<svg" "$T/r.html") = 6 &&
	grep -F "<figcaption>CPL &lt;= 900 RUB, by month: May 2026 no data, Jun 2026 no data, Jul 2026 no data, Aug 2026 RUB${nbsp}800.00, Sep 2026 RUB${nbsp}772.22, Oct 2026 RUB${nbsp}699.06; target RUB${nbsp}900</figcaption>" "$T/r.html" &&
	grep -F "<td>CPC &lt;= 25 RUB</td><td class=\"num\">RUB${nbsp}25</td><td class=\"num\">RUB${nbsp}30.81</td><td class=\"num\">RUB${nbsp}30.89</td><td>missed</td>" "$T/r.html" &&
	grep -F "<td>Spend</td><td class=\"num\">RUB${nbsp}148,200.60</td>" "$T/r.html" &&
	grep -n -e "<h2>Results</h2>" -e "<h2>Work done</h2>" "$T/r.html" |
		cut -d: -f2 >"$T/actual" &&
	printf "%s\n" "<h2>Results</h2>" "<h2>Work done</h2>" >"$T/expect" &&
	test_cmp "$T/expect" "$T/actual" &&
	! grep -i -e "<script" -e "src=\"http" "$T/r.html" &&
	acct report acme --period 2026-10 --format html --locale ru >"$T/r.html" &&
	grep -F "<h2>Результаты</h2>" "$T/r.html" &&
	grep -F "<figcaption>CPL &lt;= 900 RUB, по месяцам: май 2026 нет данных" "$T/r.html" &&
	grep -F "; цель 900${nbsp}₽</figcaption>" "$T/r.html"
'

test_expect_success GROFF 'man: the Results as text groff reads without a warning' '
	for p in 2026-W43 2026-10 2026-Q4
	do
		for locale in en ru
		do
			acct report acme --period $p --locale $locale --format man \
				>"$T/r.7" &&
			groff -ww -man -Tutf8 -P-cbou "$T/r.7" >"$T/r.txt" \
				2>"$T/groff.err" &&
			test_must_be_empty "$T/groff.err" || return 1
		done
	done &&
	acct report acme --period 2026-10 --format man >"$T/r.7" &&
	groff -man -Tutf8 -P-cbou "$T/r.7" 2>/dev/null |
		sed "s/$nbsp/ /g" >"$T/r.txt" &&
	grep -F "Spend        RUB 148,200.60  RUB 139,000  +9,200.60" "$T/r.txt" &&
	grep -F "CPC <= 25 RUB     RUB 25   RUB 30.81   RUB 30.89  missed" "$T/r.txt" &&
	# 64 columns in a man page: the KPI wraps, the figures do not.
	grep -F "leads >= 200         200         212         180  met" "$T/r.txt" &&
	grep -F "Oct 2026      212 ############################|#" "$T/r.txt" &&
	acct report acme --period 2026-10 --format man --locale ru >"$T/r.7" &&
	groff -man -Tutf8 -P-cbou "$T/r.7" 2>/dev/null >"$T/r.txt" &&
	grep -F "не выполнен" "$T/r.txt" &&
	grep -F "Результаты" "$T/r.txt"
'

test_expect_success 'latex: the Results as tables and text' '
	acct report acme --period 2026-10 --format latex >"$T/r.tex" &&
	grep -F "\\subsection{Results}" "$T/r.tex" &&
	grep -F "\\textbf{Targets and actuals}" "$T/r.tex" &&
	grep -F "CPC <= 25 RUB & RUB${nbsp}25 & RUB${nbsp}30.81 & RUB${nbsp}30.89 & missed \\tabularnewline" "$T/r.tex" &&
	grep -F "Spend & RUB${nbsp}148,200.60 & RUB${nbsp}139,000 & +9,200.60 \\tabularnewline" "$T/r.tex" &&
	grep -F "leads~>=~200~/month,~by~month~(|~target~200)" "$T/r.tex" &&
	acct report acme --period 2026-10 --format latex --locale ru >"$T/r.tex" &&
	grep -F "\\subsection{Результаты}" "$T/r.tex" &&
	grep -F "& 30,81${nbsp}руб. & 30,89${nbsp}руб. & не выполнен \\tabularnewline" "$T/r.tex" &&
	grep -F "Расход & 148${nbsp}200,60${nbsp}руб. &" "$T/r.tex"
'

test_expect_success PDFLATEX 'latex: pdflatex compiles the weekly, monthly and quarterly reports' '
	mkdir -p "$T/tex" &&
	for locale in en ru
	do
		for p in "acme --period 2026-W43" "acme --period 2026-10" \
			"acme --period 2026-Q4" "beta --period 2026-10" \
			"--all --period 2026-10"
		do
			acct report $p --locale $locale --format latex >"$T/tex/r.tex" &&
			rm -f "$T/tex/r.pdf" &&
			(cd "$T/tex" &&
			 pdflatex -interaction=nonstopmode -halt-on-error r.tex >out) &&
			test -s "$T/tex/r.pdf" &&
			! grep -e "^!" -e "Missing character" "$T/tex/r.log" || {
				echo "failed: $p --locale $locale" &&
				grep -A3 -e "^!" -e "Missing character" "$T/tex/r.log"
				return 1
			}
		done
	done
'

test_expect_success 'the portfolio: each client'"'"'s KPI status, the missed ones named' '
	acct report --all --period 2026-10 --locale en >"$T/p.md" &&
	sed -n "/^Clients$/,/^\`\`\`$/p" "$T/p.md" | sed "s/$nbsp/ /g" >"$T/actual" &&
	cat >"$T/expect" <<-\EOF &&
	Clients
	Client     Manager                Last       Due         NPS  Health  KPIs
	                                  contact
	---------  ---------------------  ---------  ----------  ---  ------  ----------
	Acme       Anna Petrova           -          KPI         -        54  4 of 5
	Robotics   <anna@agency.example>             missed,                  KPIs met;
	                                             brief                    missed:
	                                                                      CPC <= 25
	                                                                      RUB
	Beta       Anna Petrova           -          brief       -    -       -
	           <anna@agency.example>
	```
	EOF
	test_cmp "$T/expect" "$T/actual" &&
	acct report --all --period 2026-10 --locale ru >"$T/p.ru" &&
	grep "^Клиент .* NPS .* KPI$" "$T/p.ru" &&
	grep -F "Выполнено" "$T/p.ru" &&
	acct report --all --period 2026-10 --locale ru --format json >"$T/p.json" &&
	grep -F "\"Выполнено 4 из 5 KPI; не выполнен: CPC <= 25 RUB\"" "$T/p.json" &&
	acct report --all --period 2026-Q4 --format json >"$T/p.json" &&
	python3 - "$T/p.json" <<-\PY
	import json, sys
	d = json.load(open(sys.argv[1]))
	c = {x["slug"]: x for x in d["clients"]}
	s = c["acme"]["kpi_status"]
	assert s["text"] == "3 of 5 KPIs on track; behind: leads >= 200 /month, CPC <= 25 RUB", s
	assert s["missed_kpis"] == ["leads >= 200 /month", "CPC <= 25 RUB"], s
	assert [k["status"] for k in c["acme"]["kpis"]] == ["on track", "behind",
	    "not measurable", "on track", "on track", "behind"], c["acme"]["kpis"]
	assert c["beta"]["kpis"] == [] and c["beta"]["kpi_status"]["text"] is None, c["beta"]
	rows = {r[0]: r for r in d["tables"]["clients"]["rows"]}
	assert d["tables"]["clients"]["columns"][-1] == "KPIs"
	assert rows["Beta"][-1] == "-", rows
	PY
'

test_expect_success 'a client without metrics or a measurable KPI: one line' '
	for p in 2026-W43 2026-10 2026-Q4
	do
		acct report beta --period $p --locale en >"$T/b.md" &&
		grep -A2 "^## Results$" "$T/b.md" >"$T/actual" &&
		acct report beta --period $p --locale ru >"$T/b.ru" &&
		grep -A2 "^## Результаты$" "$T/b.ru" >>"$T/actual" || return 1
		case $p in
		*-Q*) printf "%s\n" "## Results" "" "No KPIs are set on the card or in the brief, and no metrics are recorded." \
			"## Результаты" "" "KPI не заданы ни в карточке, ни в брифе, показатели не записаны." ;;
		*) printf "%s\n" "## Results" "" "No metrics are recorded and no KPI can be measured yet." \
			"## Результаты" "" "Показатели не записаны, и ни один KPI пока нельзя измерить." ;;
		esac >"$T/expect" &&
		test_cmp "$T/expect" "$T/actual" || return 1
	done &&
	acct report beta --period 2026-10 --format html >"$T/b.html" &&
	test $(grep -c "<svg" "$T/b.html") = 1 &&
	acct report beta --period 2026-10 --format json >"$T/b.json" &&
	python3 - "$T/b.json" <<-\PY &&
	import json, sys
	r = json.load(open(sys.argv[1]))["results"]
	assert r["any"] is False and r["numbers"] is False and r["kpis"] == [], r
	assert all(m["value"] is None for m in r["metrics"]), r["metrics"]
	PY
	# A KPI that cannot be measured is listed with its source.
	acct client set beta goals.kpi --add "Brand awareness" &&
	acct report beta --period 2026-Q4 >"$T/b.md" &&
	grep -F "None of these KPIs can be measured yet, and no metrics are recorded." "$T/b.md" &&
	grep -F "Brand awareness  card" "$T/b.md"
'

test_expect_success 'a range of days is no period metrics are summed for: no Results' '
	acct report acme --since 2026-10-03 --until 2026-10-12 >"$T/r.md" &&
	! grep -e "^## Results" -e "Targets and actuals" "$T/r.md" &&
	acct report acme --since 2026-10-03 --until 2026-10-12 --format json >"$T/r.json" &&
	grep -F "\"results\": null," "$T/r.json"
'

test_expect_success 'a metric file that cannot be read fails the report, nothing printed' '
	test_when_finished "git -C \"$B\" checkout -q -- clients/acme/metrics" &&
	printf "period: 2026-09\nsource: manual\nvalues:\n  spend: 12abc\n" \
		>"$B/clients/acme/metrics/2026/2026-09-manual.yaml" &&
	test_must_fail acct report acme --period 2026-10 >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	grep -F "clients/acme/metrics/2026/2026-09-manual.yaml:4:" "$T/err"
'

test_done
