#!/bin/sh
# shellcheck disable=SC2016

test_description='acct metric import

An ad platform'"'"'s or analytics tool'"'"'s export (FILE, or - for standard
input) becomes metric files: each row given to a client (--client, the
client column by slug, prefix or name, or the campaign on a card'"'"'s
campaigns: list), summed exactly per client, period and metric, one file
per client and period of the export'"'"'s source and grain, all written in
one commit that replaces the source'"'"'s files of the export'"'"'s span. The
same file again changes nothing; a newer export replaces the old numbers
inside its span only. Every refusal names FILE:LINE:COL, writes nothing
and prints nothing on stdout; --dry-run writes nothing; --json.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

FIX=$TEST_DIRECTORY/../fixtures/metrics
M=metrics/2026

# --- setup ------------------------------------------------------------------

test_expect_success 'setup: clients, two of them with campaigns on the card' '
	acct init book >/dev/null &&
	acct client add Acme -q --campaign "Поиск — бренд" &&
	acct client add Beta -q &&
	acct client add Gamma -q &&
	acct client add Delta -q &&
	acct client add Echo -q &&
	acct client add Foxtrot -q &&
	remember &&
	acct client set beta campaigns --add "РСЯ — ретаргетинг" &&
	one_commit "client set beta: campaigns+=РСЯ — ретаргетинг" \
		clients/beta/client.yaml &&
	test_grep -x "campaigns: \[Поиск — бренд\]" "$B/clients/acme/client.yaml" &&
	test_grep -x "campaigns: \[РСЯ — ретаргетинг\]" "$B/clients/beta/client.yaml" &&
	acct client set -h >help &&
	test_grep "^    campaigns  *a list of text: --add and --remove$" help
'

test_expect_success 'client show shows the campaigns; --json as a list' '
	acct client show beta >out &&
	test_grep "^campaigns: *РСЯ — ретаргетинг$" out &&
	acct client show acme --json >out &&
	test_grep -F "\"campaigns\": [" out &&
	test_grep -F "\"Поиск — бренд\"" out &&
	acct client show acme >out &&
	test_grep ! "^extra" out
'

# --- each shape -------------------------------------------------------------

test_expect_success 'Yandex Direct TSV: campaigns go to their cards, one commit' '
	remember &&
	acct metric import "$FIX/yandex-direct.tsv" >out 2>err &&
	cat >expect <<-EOF &&
	added  clients/acme/$M/2026-11-20-yandex-direct.yaml
	added  clients/acme/$M/2026-11-21-yandex-direct.yaml
	added  clients/beta/$M/2026-11-20-yandex-direct.yaml
	3 added, 0 changed, 0 removed, 0 unchanged (yandex-direct, detected)
	EOF
	test_cmp expect out &&
	test_must_be_empty err &&
	one_commit "metric import: 2 days from yandex-direct.tsv" \
		clients/acme/$M/2026-11-20-yandex-direct.yaml \
		clients/acme/$M/2026-11-21-yandex-direct.yaml \
		clients/beta/$M/2026-11-20-yandex-direct.yaml
'

test_expect_success 'Yandex Direct: decimal commas, no-break-space thousands, -- is no data' '
	cat >expect <<-\EOF &&
	period: 2026-11-20
	source: yandex-direct
	currency: RUB
	values:
	  spend: 3456.78
	  impressions: 1234
	  clicks: 56
	  leads: 7
	EOF
	test_cmp expect "$B/clients/acme/$M/2026-11-20-yandex-direct.yaml" &&
	cat >expect <<-\EOF &&
	period: 2026-11-20
	source: yandex-direct
	values:
	  impressions: 12000
	EOF
	test_cmp expect "$B/clients/beta/$M/2026-11-20-yandex-direct.yaml"
'

test_expect_success 'acct metric sums the imported days exactly' '
	acct metric acme --period 2026-11 --json >out &&
	test_grep -F "\"spend\": 6457.28," out &&
	test_grep -F "\"impressions\": 2334," out &&
	test_grep -F "\"clicks\": 106," out &&
	test_grep -F "\"leads\": 12," out &&
	test_grep -F "\"currency\": \"RUB\"," out &&
	test_grep -F "\"yandex-direct\"" out
'

test_expect_success 'the same file again: nothing changed, no commit, exit 0' '
	remember &&
	snapshot &&
	acct metric import "$FIX/yandex-direct.tsv" >out 2>err &&
	cat >expect <<-EOF &&
	unchanged  clients/acme/$M/2026-11-20-yandex-direct.yaml
	unchanged  clients/acme/$M/2026-11-21-yandex-direct.yaml
	unchanged  clients/beta/$M/2026-11-20-yandex-direct.yaml
	nothing changed: 3 files with these numbers already (yandex-direct, detected)
	EOF
	test_cmp expect out &&
	test_must_be_empty err &&
	no_commit &&
	unchanged
'

test_expect_success 'Yandex Direct with ";", months in Russian, a currency in the header' '
	remember &&
	acct metric import "$FIX/yandex-direct-month.csv" --client gamma >out &&
	one_commit "metric import: 2 months from yandex-direct-month.csv" \
		clients/gamma/$M/2026-10-yandex-direct.yaml \
		clients/gamma/$M/2026-11-yandex-direct.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-11
	source: yandex-direct
	currency: KZT
	values:
	  spend: 175250.5
	  impressions: 12500
	  clicks: 410
	  leads: 15
	EOF
	test_cmp expect "$B/clients/gamma/$M/2026-11-yandex-direct.yaml" &&
	test_grep -x "  spend: 150000.00" "$B/clients/gamma/$M/2026-10-yandex-direct.yaml"
'

test_expect_success 'Google Ads CSV: 1,234 thousands; two campaigns of a day summed' '
	remember &&
	acct metric import "$FIX/google-ads.csv" --client delta >out &&
	one_commit "metric import: 2 days from google-ads.csv" \
		clients/delta/$M/2026-11-20-google-ads.yaml \
		clients/delta/$M/2026-11-21-google-ads.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-11-21
	source: google-ads
	currency: USD
	values:
	  spend: 1945.10
	  impressions: 29870
	  clicks: 995
	  leads: 10.00
	  revenue: 3100.00
	EOF
	test_cmp expect "$B/clients/delta/$M/2026-11-21-google-ads.yaml" &&
	acct metric delta --period 2026-11 --json >out &&
	test_grep -F "\"spend\": 4290.77," out &&
	test_grep -F "\"clicks\": 2229," out &&
	test_grep -F "\"leads\": 22.50," out &&
	test_grep -F "\"revenue\": 7100.00," out
'

test_expect_success 'Google Ads CSV for Excel (UTF-16LE, tabs): months, EUR' '
	remember &&
	acct metric import "$FIX/google-ads-excel.csv" --client fox >out &&
	one_commit "metric import: 2 months from google-ads-excel.csv" \
		clients/foxtrot/$M/2026-10-google-ads.yaml \
		clients/foxtrot/$M/2026-11-google-ads.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-11
	source: google-ads
	currency: EUR
	values:
	  spend: 1650.25
	  impressions: 8800
	  clicks: 1100
	  leads: 10.00
	EOF
	test_cmp expect "$B/clients/foxtrot/$M/2026-11-google-ads.yaml"
'

test_expect_success 'VK Ads: ";", space thousands, "Потрачено, ₽" is spend in RUB' '
	remember &&
	acct metric import "$FIX/vk-ads.csv" --client echo >out &&
	one_commit "metric import: 2 days from vk-ads.csv" \
		clients/echo/$M/2026-11-20-vk-ads.yaml \
		clients/echo/$M/2026-11-21-vk-ads.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-11-20
	source: vk-ads
	currency: RUB
	values:
	  spend: 12345.60
	  impressions: 50000
	  clicks: 400
	EOF
	test_cmp expect "$B/clients/echo/$M/2026-11-20-vk-ads.yaml"
'

test_expect_success 'Yandex Metrica: the totals under the header left out' '
	remember &&
	acct metric import "$FIX/metrica.csv" --client echo >out &&
	one_commit "metric import: 2 days from metrica.csv" \
		clients/echo/$M/2026-11-20-metrica.yaml \
		clients/echo/$M/2026-11-21-metrica.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-11-21
	source: metrica
	values:
	  leads: 20
	  revenue: 53456.78
	  sessions: 700
	EOF
	test_cmp expect "$B/clients/echo/$M/2026-11-21-metrica.yaml"
'

test_expect_success 'GA4: "#" lines, 20261120 dates, "1,100"' '
	remember &&
	acct metric import "$FIX/ga4.csv" --client echo >out &&
	one_commit "metric import: 2 days from ga4.csv" \
		clients/echo/$M/2026-11-20-ga4.yaml \
		clients/echo/$M/2026-11-21-ga4.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-11-21
	source: ga4
	values:
	  leads: 10
	  sales: 2
	  revenue: 1200
	  sessions: 1100
	EOF
	test_cmp expect "$B/clients/echo/$M/2026-11-21-ga4.yaml" &&
	acct metric echo --period 2026-11 --json >out &&
	test_grep -F "\"sessions\": 3834," out &&
	test_grep -F "\"revenue\": 126157.28," out
'

test_expect_success 'a generic CSV, one column per metric: the client column, days' '
	remember &&
	acct metric import "$FIX/generic-wide.csv" >out &&
	one_commit "metric import: 2 days from generic-wide.csv" \
		clients/acme/$M/2026-11-20-csv.yaml \
		clients/acme/$M/2026-11-21-csv.yaml \
		clients/beta/$M/2026-11-21-csv.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-11-21
	source: csv
	values:
	  spend: 1000.5
	  clicks: 7
	  calls: 1
	EOF
	test_cmp expect "$B/clients/beta/$M/2026-11-21-csv.yaml"
'

test_expect_success 'a generic long CSV: a month replaces the days of its source inside it' '
	remember &&
	acct metric import "$FIX/generic-long.csv" >out &&
	cat >expect <<-EOF &&
	removed  clients/acme/$M/2026-11-20-csv.yaml
	removed  clients/acme/$M/2026-11-21-csv.yaml
	added    clients/acme/$M/2026-11-csv.yaml
	removed  clients/beta/$M/2026-11-21-csv.yaml
	added    clients/beta/$M/2026-11-csv.yaml
	2 added, 0 changed, 3 removed, 0 unchanged (csv, detected)
	EOF
	test_cmp expect out &&
	one_commit "metric import: 1 month from generic-long.csv" \
		clients/acme/$M/2026-11-20-csv.yaml \
		clients/acme/$M/2026-11-21-csv.yaml \
		clients/acme/$M/2026-11-csv.yaml \
		clients/beta/$M/2026-11-21-csv.yaml \
		clients/beta/$M/2026-11-csv.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-11
	source: csv
	values:
	  spend: 148200.50
	  leads: 160
	  bounce_rate: 0.42
	EOF
	test_cmp expect "$B/clients/acme/$M/2026-11-csv.yaml" &&
	test_grep -x "  leads: 12" "$B/clients/beta/$M/2026-11-csv.yaml" &&
	test_path_is_file "$B/clients/acme/$M/2026-11-20-yandex-direct.yaml"
'

test_expect_success 'the numbers of the month add up across sources, exactly' '
	acct metric acme --period 2026-11 --json >out &&
	test_grep -F "\"spend\": 154657.78," out &&
	test_grep -F "\"leads\": 172," out &&
	test_grep -F "\"bounce_rate\": 0.42," out
'

test_expect_success 'a generic CSV of weeks: --client for an export without clients' '
	remember &&
	acct metric import "$FIX/generic-week.csv" --client gam >out &&
	one_commit "metric import: 2 weeks from generic-week.csv" \
		clients/gamma/$M/2026-W47-csv.yaml \
		clients/gamma/$M/2026-W48-csv.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-W48
	source: csv
	values:
	  leads: 9
	EOF
	test_cmp expect "$B/clients/gamma/$M/2026-W48-csv.yaml"
'

test_expect_success 'a client cell by card name (any case) and by unique prefix' '
	cat >names.csv <<-\EOF &&
	client,date,clicks
	DELTA,2026-11-02,4
	ech,2026-11-02,5
	delta,2026-11-02,6
	EOF
	remember &&
	acct metric import names.csv >out &&
	one_commit "metric import: 1 day from names.csv" \
		clients/delta/$M/2026-11-02-csv.yaml \
		clients/echo/$M/2026-11-02-csv.yaml &&
	test_grep -x "  clicks: 10" "$B/clients/delta/$M/2026-11-02-csv.yaml" &&
	test_grep -x "  clicks: 5" "$B/clients/echo/$M/2026-11-02-csv.yaml"
'

test_expect_success 'campaigns match ignoring case and runs of spaces' '
	acct client set delta campaigns --add "Brand  Search" &&
	cat >camp.csv <<-\EOF &&
	Day,Campaign,Clicks
	2026-11-03,brand search,7
	2026-11-03, BRAND   SEARCH ,8
	EOF
	remember &&
	acct metric import camp.csv >out &&
	one_commit "metric import: 1 day from camp.csv" \
		clients/delta/$M/2026-11-03-csv.yaml &&
	test_grep -x "  clicks: 15" "$B/clients/delta/$M/2026-11-03-csv.yaml"
'

# --- newer exports ----------------------------------------------------------

test_expect_success 'a newer export replaces the old numbers of its source' '
	cat >v1.csv <<-\EOF &&
	date,clicks,leads
	2026-11-10,10,1
	2026-11-11,11,1
	2026-11-12,12,1
	2026-11-13,13,1
	EOF
	acct metric import v1.csv --client echo >out &&
	test_grep -x "4 added, 0 changed, 0 removed, 0 unchanged (csv, detected)" out &&
	cat >v2.csv <<-\EOF &&
	date,clicks,leads
	2026-11-11,11,1
	2026-11-12,20,2
	EOF
	remember &&
	acct metric import v2.csv --client echo >out &&
	cat >expect <<-EOF &&
	unchanged  clients/echo/$M/2026-11-11-csv.yaml
	changed    clients/echo/$M/2026-11-12-csv.yaml
	0 added, 1 changed, 0 removed, 1 unchanged (csv, detected)
	EOF
	test_cmp expect out &&
	one_commit "metric import: 2 days from v2.csv" \
		clients/echo/$M/2026-11-12-csv.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-11-12
	source: csv
	values:
	  clicks: 20
	  leads: 2
	EOF
	test_cmp expect "$B/clients/echo/$M/2026-11-12-csv.yaml"
'

test_expect_success 'a shorter export removes the days it lost, inside its span only' '
	cat >v3.csv <<-\EOF &&
	date,clicks,leads
	2026-11-11,11,1
	2026-11-13,--,--
	EOF
	remember &&
	acct metric import v3.csv --client echo >out &&
	cat >expect <<-EOF &&
	unchanged  clients/echo/$M/2026-11-11-csv.yaml
	removed    clients/echo/$M/2026-11-12-csv.yaml
	removed    clients/echo/$M/2026-11-13-csv.yaml
	0 added, 0 changed, 2 removed, 1 unchanged (csv, detected)
	EOF
	test_cmp expect out &&
	one_commit "metric import: 1 day from v3.csv" \
		clients/echo/$M/2026-11-12-csv.yaml \
		clients/echo/$M/2026-11-13-csv.yaml &&
	test_path_is_file "$B/clients/echo/$M/2026-11-10-csv.yaml" &&
	test_path_is_file "$B/clients/echo/$M/2026-11-11-csv.yaml" &&
	test_path_is_file "$B/clients/echo/$M/2026-11-02-csv.yaml"
'

test_expect_success 'the span is the title'"'"'s dates: a day without a row is removed too' '
	printf "\"Report (10.11.2026 - 12.11.2026)\"\ndate,clicks,leads\n2026-11-11,11,1\n" >v4.csv &&
	remember &&
	acct metric import v4.csv --client echo >out &&
	one_commit "metric import: 1 day from v4.csv" \
		clients/echo/$M/2026-11-10-csv.yaml &&
	test_path_is_file "$B/clients/echo/$M/2026-11-11-csv.yaml"
'

test_expect_success 'other clients'"'"' files of the source stay' '
	test_path_is_file "$B/clients/delta/$M/2026-11-02-csv.yaml" &&
	test_path_is_file "$B/clients/acme/$M/2026-11-csv.yaml"
'

# --- options ----------------------------------------------------------------

test_expect_success '--source overrides the detection; --json says so' '
	remember &&
	acct metric import "$FIX/vk-ads.csv" --client delta --source metrica \
		--json >out &&
	cat >expect <<-EOF &&
	{
	  "format": 1,
	  "source": "metrica",
	  "detected": false,
	  "dry_run": false,
	  "files": [
	    {
	      "path": "clients/delta/$M/2026-11-20-metrica.yaml",
	      "action": "added",
	      "client": "delta",
	      "period": "2026-11-20"
	    },
	    {
	      "path": "clients/delta/$M/2026-11-21-metrica.yaml",
	      "action": "added",
	      "client": "delta",
	      "period": "2026-11-21"
	    }
	  ],
	  "added": 2,
	  "changed": 0,
	  "removed": 0,
	  "unchanged": 0
	}
	EOF
	test_cmp expect out &&
	one_commit "metric import: 2 days from vk-ads.csv" \
		clients/delta/$M/2026-11-20-metrica.yaml \
		clients/delta/$M/2026-11-21-metrica.yaml
'

test_expect_success '--json of a detected source, changes and removals' '
	printf "date,clicks\n2026-11-11,12\n" >v5.csv &&
	acct metric import v5.csv --client echo --json >out &&
	cat >expect <<-EOF &&
	{
	  "format": 1,
	  "source": "csv",
	  "detected": true,
	  "dry_run": false,
	  "files": [
	    {
	      "path": "clients/echo/$M/2026-11-11-csv.yaml",
	      "action": "changed",
	      "client": "echo",
	      "period": "2026-11-11"
	    }
	  ],
	  "added": 0,
	  "changed": 1,
	  "removed": 0,
	  "unchanged": 0
	}
	EOF
	test_cmp expect out
'

test_expect_success '--period for an export without dates; last-month too' '
	cat >nodate.csv <<-\EOF &&
	Кампания;Показы;Клики
	Поиск — бренд;1 000;50
	Поиск — бренд;500;5
	EOF
	remember &&
	acct metric import nodate.csv --period 2026-09 >out &&
	one_commit "metric import: 1 month from nodate.csv" \
		clients/acme/$M/2026-09-csv.yaml &&
	cat >expect <<-\EOF &&
	period: 2026-09
	source: csv
	values:
	  impressions: 1500
	  clicks: 55
	EOF
	test_cmp expect "$B/clients/acme/$M/2026-09-csv.yaml" &&
	remember &&
	acct metric import nodate.csv --period last-month >out &&
	one_commit "metric import: 1 month from nodate.csv" \
		clients/acme/$M/2026-10-csv.yaml
'

test_expect_success 'standard input: "standard input" in the subject' '
	printf "date,clicks\n2026-11-05,3\n" >stdin.csv &&
	remember &&
	acct metric import - --client beta <stdin.csv >out &&
	test_grep -x "1 added, 0 changed, 0 removed, 0 unchanged (csv, detected)" out &&
	one_commit "metric import: 1 day from standard input" \
		clients/beta/$M/2026-11-05-csv.yaml
'

test_expect_success 'the subject names the base name of a file anywhere' '
	mkdir -p sub/dir &&
	printf "date,clicks\n2026-11-06,3\n" >sub/dir/deep.csv &&
	remember &&
	acct metric import sub/dir/deep.csv --client beta >out &&
	one_commit "metric import: 1 day from deep.csv" \
		clients/beta/$M/2026-11-06-csv.yaml
'

test_expect_success '--dry-run: what would change, nothing written' '
	printf "date,clicks\n2026-11-05,4\n2026-11-07,1\n" >dry.csv &&
	remember &&
	snapshot &&
	acct metric import dry.csv --client beta --dry-run >out 2>err &&
	cat >expect <<-EOF &&
	would change  clients/beta/$M/2026-11-05-csv.yaml
	would remove  clients/beta/$M/2026-11-06-csv.yaml
	would add     clients/beta/$M/2026-11-07-csv.yaml
	dry run: 1 to add, 1 to change, 1 to remove, 0 unchanged (csv, detected)
	EOF
	test_cmp expect out &&
	test_must_be_empty err &&
	no_commit &&
	unchanged &&
	acct metric import dry.csv --client beta --dry-run --json >out &&
	test_grep -F "\"dry_run\": true," out &&
	test_grep -F "\"action\": \"removed\"," out &&
	test_grep -F "\"removed\": 1," out &&
	no_commit &&
	unchanged
'

test_expect_success '--dry-run of what is there already: nothing changed' '
	snapshot &&
	acct metric import "$FIX/yandex-direct.tsv" --dry-run >out &&
	test_grep -x "dry run: nothing changed: 3 files with these numbers already (yandex-direct, detected)" out &&
	unchanged
'

# --- refusals: all or nothing -----------------------------------------------

test_expect_success 'not an export acct knows: exit 2, file:line:col' '
	printf "foo,bar\n1,2\n" >unknown.csv &&
	refused 2 "unknown.csv:1:1: not an export acct knows" \
		acct metric import unknown.csv --client acme
'

test_expect_success 'a bad number, a bad date: exit 2 at the cell, nothing written' '
	printf "date,clicks\n2026-11-20,1\n2026-11-21,12abc\n" >badnum.csv &&
	refused 2 "badnum.csv:3:12: '"'"'12abc'"'"' in column '"'"'clicks'"'"' is not a number" \
		acct metric import badnum.csv --client acme &&
	printf "Дата;Клики\n20.11.2026;1\n31.11.2026;2\n" >baddate.csv &&
	refused 2 "baddate.csv:3:1: '"'"'31.11.2026'"'"' in column '"'"'Дата'"'"' is not a date" \
		acct metric import baddate.csv --client acme
'

test_expect_success 'a row with no client: exit 2 naming file:line and what to give' '
	printf "date,clicks\n2026-11-20,5\n" >noclient.csv &&
	refused 2 "noclient.csv:2:12: no client for these numbers: the export has no client or campaign column" \
		acct metric import noclient.csv &&
	test_grep "^hint: give the client with --client" "$T/err"
'

test_expect_success 'a campaign no card lists: exit 2 at the campaign, nothing written' '
	refused 2 "google-ads.csv:6:12: no client has campaign '"'"'Display'"'"'" \
		acct metric import "$FIX/google-ads.csv" &&
	test_grep "campaigns --add '"'"'Display'"'"'" "$T/err"
'

test_expect_success 'a campaign two cards list: exit 2, both named' '
	acct client set echo campaigns --add "brand search" &&
	test_when_finished "acct client set echo campaigns --remove \"brand search\"" &&
	refused 2 "camp.csv:2:12: campaign '"'"'brand search'"'"' is on the cards of delta, echo" \
		acct metric import camp.csv
'

test_expect_success 'a client cell that names no client: exit 2 at the cell' '
	printf "client,period,metric,value\nacme,2026-11,clicks,1\nzeta,2026-11,clicks,1\n" >zeta.csv &&
	refused 2 "zeta.csv:3:1: no client is '"'"'zeta'"'"' (by slug, slug prefix or name)" \
		acct metric import zeta.csv
'

test_expect_success 'a negative number, currencies mixed in one file: exit 2' '
	printf "date,clicks\n2026-11-20,-5\n" >neg.csv &&
	refused 2 "neg.csv:2:12: clicks is negative" \
		acct metric import neg.csv --client acme &&
	printf "date,campaign,spend\n2026-11-20,A,5 \$\n2026-11-20,B,6 €\n" >cur.csv &&
	refused 2 "cur.csv:3:14: spend 6 is in EUR, but other numbers of acme for 2026-11-20 are in USD" \
		acct metric import cur.csv --client acme
'

test_expect_success 'UTF-16 without a byte order mark, a lone surrogate: exit 2' '
	printf "Day\tClicks\n2026-11-20\t5\n" | test_utf16le >nobom.csv &&
	refused 2 "nobom.csv:1:1: the file looks like UTF-16 without a byte order mark" \
		acct metric import nobom.csv --client acme &&
	{
		printf "\377\376" &&
		printf "Day\tClicks\n2026-11-20\t" | test_utf16le &&
		printf "\075\330" &&
		printf "5\n" | test_utf16le
	} >surrogate.csv &&
	refused 2 "surrogate.csv:2:12: UTF-16 high surrogate U+D83D is not followed by a low surrogate" \
		acct metric import surrogate.csv --client acme &&
	{
		printf "\377\376" &&
		printf "Day\tClicks\n2026-11-20\t5\n" | test_utf16le
	} >withbom.csv &&
	acct metric import withbom.csv --client acme --dry-run >out &&
	test_grep -x "would add  clients/acme/$M/2026-11-20-csv.yaml" out
'

test_expect_success 'a bad row after good ones: nothing of the good ones written' '
	printf "date,clicks\n2026-11-25,1\n2026-11-26,2\n2026-11-27,x\n" >late.csv &&
	refused 2 "late.csv:4:12: '"'"'x'"'"' in column '"'"'clicks'"'"' is not a number" \
		acct metric import late.csv --client acme &&
	test_path_is_missing "$B/clients/acme/$M/2026-11-25-csv.yaml"
'

test_expect_success 'a card that does not load while campaigns are matched: exit 1' '
	mkdir -p "$B/clients/broken" &&
	printf "name: [\n" >"$B/clients/broken/client.yaml" &&
	git -C "$B" add clients/broken/client.yaml &&
	git -C "$B" commit -q -m "a broken card" &&
	test_when_finished "git -C \"$B\" rm -q -r clients/broken && git -C \"$B\" commit -q -m gone" &&
	refused 1 "clients/broken/client.yaml:" \
		acct metric import "$FIX/yandex-direct.tsv" &&
	test_grep "^hint: fix the card" "$T/err" &&
	acct metric import "$FIX/yandex-direct.tsv" --client acme --dry-run >out &&
	test_grep "^would change" out
'

test_expect_success 'the command line: refused before anything is read' '
	refused 2 "metric import takes one file" acct metric import &&
	refused 2 "metric import takes one file" acct metric import a.csv b.csv &&
	refused 2 "metric import takes --client, --source" \
		acct metric import v1.csv --currency RUB &&
	refused 2 "metric import takes --client, --source" \
		acct metric import v1.csv -q &&
	refused 2 "--client and --dry-run are for metric import" \
		acct metric acme leads=1 --dry-run &&
	refused 2 "no such client '"'"'zz'"'"'" \
		acct metric import v1.csv --client zz &&
	refused 2 "unknown source '"'"'manual'"'"'" \
		acct metric import v1.csv --client acme --source manual &&
	refused 2 "--period: numbers are imported for a day, a week or a month, not a quarter (2026-Q4)" \
		acct metric import nodate.csv --period 2026-Q4 &&
	refused 2 "--period is for an export without dates, and v1.csv has a date column" \
		acct metric import v1.csv --client acme --period 2026-11 &&
	refused 2 "nodate.csv:1:1: no date column, and no title that states the dates" \
		acct metric import nodate.csv &&
	refused 2 "'"'"'missing.csv'"'"'" acct metric import missing.csv --client acme
'

test_expect_success 'a metric file changed by hand is not written over: exit 1' '
	echo "# mine" >>"$B/clients/beta/$M/2026-11-05-csv.yaml" &&
	test_when_finished "git -C \"$B\" checkout -- clients/beta/$M/2026-11-05-csv.yaml" &&
	snapshot &&
	test_expect_code 1 acct metric import dry.csv --client beta >out 2>err &&
	test_must_be_empty out &&
	test_grep "2026-11-05-csv.yaml" err &&
	unchanged
'

test_done
