#!/bin/sh
# shellcheck disable=SC2016

test_description='acct calendar (and acct agenda --format ics)

What falls due as an iCalendar feed (RFC 5545) for a calendar app: a
VEVENT for each call, report, review and NPS survey of the next --days
(14), overdue ones on today; at the client'\''s hours in its zone (with
the VTIMEZONE), floating with hours but no zone, all day without hours;
a VTODO for each open action item with a due date. UIDs come from the
kind, the client and the day it fell due: the same in two runs and two
clones. -o writes the file whole (lock, rename). The feed is read back
with python3-icalendar. Today is Monday 2026-11-23 (ACCT_NOW), 09:00 UTC.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

python3 -c "import icalendar, dateutil.rrule" >/dev/null 2>&1 &&
test_set_prereq ICALENDAR
test -f /usr/share/zoneinfo/Europe/Moscow &&
test -f /usr/share/zoneinfo/Asia/Novosibirsk &&
test -f /usr/share/zoneinfo/America/New_York &&
test_set_prereq ZONEINFO

# on DAY COMMAND...: COMMAND committed on DAY, 09:00 UTC (a card counts
# what it never had from the day it entered the book).
on () {
	on_d_=$1T09:00+00:00 &&
	shift &&
	env GIT_AUTHOR_DATE="$on_d_" GIT_COMMITTER_DATE="$on_d_" "$@"
}

# lg CLIENT SUMMARY DATE [OPTION...]: one log entry, quietly.
lg () {
	lg_c_=$1 lg_s_=$2 lg_d_=$3 &&
	shift 3 &&
	acct log "$lg_c_" "$lg_s_" --date "$lg_d_" -q "$@"
}

# feed FILE [ARGS...]: acct calendar ARGS into FILE; exit 0, no stderr.
feed () {
	feed_f_=$1 &&
	shift &&
	acct calendar "$@" >"$feed_f_" 2>"$T/err" &&
	test_must_be_empty "$T/err"
}

# ics MODE FILE: the feed FILE read by python3-icalendar (see ics.py).
ics () {
	python3 "$T/ics.py" "$@"
}

test_expect_success 'setup: a book, three clients, their log' '
	cat >"$T/ics.py" <<-\EOF &&
	# ics.py MODE FILE [NOW]: the feed FILE parsed by icalendar, one line
	# a component, sorted. MODE list: UID, start (or due), zone, length,
	# summary; utc: UID, zone, the start in UTC of each event in a zone;
	# zones: the VTIMEZONEs. Checked in all: the frame, DTSTAMP (NOW,
	# default 2026-11-23T09:00, UTC), and each zone used against its
	# VTIMEZONE.
	import datetime, re, sys
	import dateutil.rrule, icalendar

	mode, path = sys.argv[1], sys.argv[2]
	cal = icalendar.Calendar.from_ical(open(path, "rb").read())
	assert cal["VERSION"] == "2.0", cal["VERSION"]
	assert cal["METHOD"] == "PUBLISH", cal["METHOD"]
	assert str(cal["PRODID"]).startswith("-//acct//acct "), cal["PRODID"]
	stamp = datetime.datetime.fromisoformat(
	    sys.argv[3] if len(sys.argv) > 3 else "2026-11-23T09:00").replace(
	    tzinfo=datetime.timezone.utc)
	zones = {str(z["TZID"]): z for z in cal.walk("VTIMEZONE")}

	def vtz_offset(vtz, local):
	    """The offset a VTIMEZONE gives at the local time `local`."""
	    best = None
	    for obs in vtz.subcomponents:
	        start = obs["DTSTART"].dt
	        onset = start if start <= local else None
	        if "RRULE" in obs:
	            rule = obs["RRULE"].to_ical().decode()
	            # dateutil wants a local UNTIL with a local DTSTART.
	            rule = re.sub(r"UNTIL=(\d{8}T\d{6})Z", r"UNTIL=\1", rule)
	            last = dateutil.rrule.rrulestr(rule, dtstart=start).before(
	                local, inc=True)
	            onset = last or onset
	        if onset is not None and (best is None or onset > best[0]):
	            best = (onset, obs["TZOFFSETTO"].td)
	    assert best, "no observance of %s at %s" % (vtz["TZID"], local)
	    return best[1]

	rows = []
	for c in cal.walk():
	    if c.name not in ("VEVENT", "VTODO"):
	        continue
	    assert c["DTSTAMP"].dt == stamp, c["DTSTAMP"].dt
	    if c.name == "VTODO":
	        if mode == "list":
	            rows.append("%s due %s %s %s" % (
	                c["UID"], c["DUE"].dt.isoformat(), c["STATUS"],
	                c["SUMMARY"]))
	        continue
	    start = c["DTSTART"].dt
	    tzid = c["DTSTART"].params.get("TZID")
	    if tzid:
	        # Every zone used has its VTIMEZONE, and it agrees with tzdata.
	        assert tzid in zones, "no VTIMEZONE for " + tzid
	        want = vtz_offset(zones[tzid], start.replace(tzinfo=None))
	        assert start.utcoffset() == want, (c["UID"], start, want)
	    if mode == "utc":
	        if tzid:
	            rows.append("%s %s %s" % (c["UID"], tzid, start.astimezone(
	                datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ")))
	        continue
	    rows.append("%s %s %s %s %s" % (c["UID"], start.isoformat(), tzid or "-",
	                                    c["DURATION"].dt, c["SUMMARY"]))
	if mode == "zones":
	    rows = sorted(zones)
	for r in sorted(rows):
	    print(r)
	EOF
	acct init book >/dev/null &&
	on 2026-09-01 acct client add "ООО «Ромашка»" --since 2026-09-01 -q &&
	on 2026-09-01 acct client add Acme --since 2026-09-01 -q \
		--manager "Boris Ivanov <boris@agency.example>" &&
	on 2026-09-01 acct client add Bare --since 2026-09-01 -q &&
	acct client set ooo-romashka hours 10:00-19:00 >/dev/null &&
	acct client set acme hours 09:00-17:00 >/dev/null &&

	# ooo-romashka: the last call on November 1st (due the 15th), this
	# week'\''s summary sent, review and survey not due for weeks
	lg ooo-romashka "Созвон" 2026-11-01T10:00 --channel call &&
	lg ooo-romashka "Сводка" 2026-11-20T10:00 --channel email --kind report &&
	lg ooo-romashka "Квартальная встреча" 2026-10-01T10:00 --channel meeting --kind review &&
	acct nps ooo-romashka 9 --respondent "Иван" --date 2026-10-01 -q &&
	acct todo add ooo-romashka "Отправить медиаплан, срочно; @anna" --due 2026-11-25 >/dev/null &&
	acct todo add ooo-romashka "Старая задача" --due 2026-11-10 >/dev/null &&
	acct todo add ooo-romashka "Когда-нибудь" >/dev/null &&

	# acme (Boris): a call on Friday, due again on December 4th
	lg acme "Sync" 2026-11-20T10:00 --channel call --kind report &&
	lg acme "Review" 2026-10-01T10:00 --channel meeting --kind review &&
	acct nps acme 10 --date 2026-10-01 -q &&

	# bare: nothing ever; its review and survey fall due on November 30th
	acct client list --names >names &&
	test_write_lines acme bare ooo-romashka >expect &&
	test_cmp expect names
'

test_expect_success 'the feed: PRODID, VERSION, METHOD:PUBLISH, CRLF lines' '
	feed "$T/feed.ics" --all &&
	head -n 5 "$T/feed.ics" | tr -d "\r" >head &&
	cat >expect <<-\EOF &&
	BEGIN:VCALENDAR
	PRODID:-//acct//acct 0.1.0//EN
	VERSION:2.0
	CALSCALE:GREGORIAN
	METHOD:PUBLISH
	EOF
	test_cmp expect head &&
	test "$(tail -c 15 "$T/feed.ics" | od -An -c | tr -d " \n")" = "END:VCALENDAR\r\n" &&
	# every line ends with CRLF and has at most 75 octets
	! grep -v "$(printf "\r")\$" "$T/feed.ics" &&
	! LC_ALL=C grep -E "^.{76}" "$T/feed.ics" &&
	grep "^DTSTAMP:20261123T090000Z" "$T/feed.ics" >stamps &&
	test_line_count = "$(grep -c "^UID:" "$T/feed.ics")" stamps
'

test_expect_success ICALENDAR 'events and to-dos, read by python3-icalendar' '
	ics list "$T/feed.ics" >actual &&
	cat >expect <<-\EOF &&
	action-ooo-romashka-ID_NEW@acct due 2026-11-25 NEEDS-ACTION ООО «Ромашка»: Отправить медиаплан, срочно; @anna
	action-ooo-romashka-ID_OLD@acct due 2026-11-10 NEEDS-ACTION ООО «Ромашка»: Старая задача
	call-acme-20261204@acct 2026-12-04T09:00:00 - 0:30:00 Call: Acme
	call-bare-20260915@acct 2026-11-23 - 1 day, 0:00:00 Call: Bare (overdue since 2026-09-15)
	call-ooo-romashka-20261115@acct 2026-11-23T10:00:00 - 0:30:00 Call: ООО «Ромашка» (overdue since 2026-11-15)
	nps-bare-20261130@acct 2026-11-30 - 1 day, 0:00:00 NPS survey: Bare
	report-acme-20261127@acct 2026-11-27T09:00:00 - 0:30:00 Weekly summary: Acme
	report-acme-20261204@acct 2026-12-04T09:00:00 - 0:30:00 Weekly summary: Acme
	report-bare-20261120@acct 2026-11-23 - 1 day, 0:00:00 Weekly summary: Bare (overdue since 2026-11-20)
	report-bare-20261127@acct 2026-11-27 - 1 day, 0:00:00 Weekly summary: Bare
	report-bare-20261204@acct 2026-12-04 - 1 day, 0:00:00 Weekly summary: Bare
	report-ooo-romashka-20261127@acct 2026-11-27T10:00:00 - 0:30:00 Weekly summary: ООО «Ромашка»
	report-ooo-romashka-20261204@acct 2026-12-04T10:00:00 - 0:30:00 Weekly summary: ООО «Ромашка»
	review-bare-20261130@acct 2026-11-30 - 1 day, 0:00:00 Quarterly review: Bare
	EOF
	acct todo ooo-romashka >todo &&
	new=$(sed -n "s/^\([0-9a-f]*\) .*Отправить.*/\1/p" todo) &&
	old=$(sed -n "s/^\([0-9a-f]*\) .*Старая.*/\1/p" todo) &&
	test ${#new} = 7 && test ${#old} = 7 &&
	sed -e "s/ID_NEW/$new/" -e "s/ID_OLD/$old/" expect | sort >expect.ids &&
	test_cmp expect.ids actual
'

test_expect_success 'text is escaped: , ; and \ in a name' '
	tr -d "\r" <"$T/feed.ics" | sed -e ":a" -e "N" -e "\$!ba" -e "s/\n //g" >unfolded &&
	test_grep "^SUMMARY:ООО «Ромашка»: Отправить медиаплан\\\\, срочно\\\\; @anna\$" unfolded
'

test_expect_success 'acct agenda --format ics is the same feed' '
	acct agenda --format ics --all >actual 2>err &&
	test_must_be_empty err &&
	test_cmp "$T/feed.ics" actual
'

test_expect_success 'two runs at one moment: the same bytes' '
	feed again.ics --all &&
	test_cmp "$T/feed.ics" again.ics
'

test_expect_success 'a run an hour later: the same UIDs and events, a new DTSTAMP' '
	ACCT_NOW=2026-11-23T10:00+00:00 acct calendar --all >later.ics &&
	! test_cmp "$T/feed.ics" later.ics >/dev/null &&
	grep -v "^DTSTAMP:" "$T/feed.ics" >one &&
	grep -v "^DTSTAMP:" later.ics >two &&
	test_cmp one two
'

test_expect_success 'a clone of the book: the same feed, byte for byte' '
	git clone -q "$B" "$T/clone" &&
	acct -C "$T/clone" calendar --all >clone.ics 2>err &&
	test_must_be_empty err &&
	test_cmp "$T/feed.ics" clone.ics
'

test_expect_success 'the next day: yesterday'\''s events keep their UIDs' '
	ACCT_NOW=2026-11-24T09:00+00:00 acct calendar --all >next.ics &&
	grep "^UID:" "$T/feed.ics" | sort >one &&
	grep "^UID:" next.ics | sort >two &&
	comm -23 one two >gone &&
	test_must_be_empty gone &&
	# the overdue call moved to the new today, same UID
	tr -d "\r" <next.ics | grep -A2 "^UID:call-bare-20260915@acct" >call &&
	test_grep "^DTSTART;VALUE=DATE:20261124" call
'

test_expect_success 'no write-first, no findings: only calls, reports, reviews, surveys' '
	grep "^UID:" "$T/feed.ics" | sed "s/^UID:\([a-z]*\)-.*/\1/" | sort -u >kinds &&
	test_write_lines action call nps report review >expect &&
	test_cmp expect kinds
'

test_expect_success '--days: how far ahead; 0 is today alone' '
	feed d0.ics --all --days 0 &&
	grep "^DTSTART" d0.ics | tr -d "\r" | sort -u >starts &&
	cat >expect <<-\EOF &&
	DTSTART:20261123T100000
	DTSTART;VALUE=DATE:20261123
	EOF
	test_cmp expect starts &&
	# every open action item with a due date, whatever the days
	test "$(grep -c "^BEGIN:VTODO" d0.ics)" = 2 &&
	feed d7.ics --all --days 7 &&
	test "$(grep -c "^BEGIN:VEVENT" d7.ics)" = 8 &&
	test "$(grep -c "^BEGIN:VEVENT" "$T/feed.ics")" = 12 &&
	feed d30.ics --all --days 30 &&
	grep "^UID:report-bare" d30.ics | tr -d "\r" >reports &&
	test_line_count = 5 reports
'

test_expect_success '--date: the first day, overdue events on it' '
	feed dated.ics --all --date 2026-12-01 --days 3 &&
	test_grep "^UID:report-acme-20261204@acct" dated.ics &&
	test_grep ! "^UID:report-acme-20261211@acct" dated.ics &&
	tr -d "\r" <dated.ics | grep -A2 "^UID:report-acme-20261127@acct" >late &&
	test_grep "^DTSTART:20261201T090000" late
'

test_expect_success 'bad --days, --date, --manager with --all: exit 2, nothing written' '
	for d in x -1 367 "" 1.5
	do
		test_expect_code 2 acct calendar --days "$d" -o bad.ics >out 2>err &&
		test_must_be_empty out &&
		test_grep -e "--days must be a number of days from 0 to 366" err &&
		test_path_is_missing bad.ics || return 1
	done &&
	test_expect_code 2 acct calendar --date 2026-13-01 >out 2>err &&
	test_must_be_empty out &&
	test_grep -e "--date" err &&
	test_expect_code 2 acct calendar --all --manager anna >out 2>err &&
	test_must_be_empty out &&
	test_expect_code 2 acct calendar extra >out 2>err &&
	test_grep "unexpected argument" err &&
	test_expect_code 2 acct agenda --format ics --json >out 2>err &&
	test_must_be_empty out &&
	test_grep -e "--json" err &&
	test_expect_code 2 acct agenda --format ics --exit-code >out 2>err &&
	test_expect_code 2 acct agenda --format xml >out 2>err &&
	test_grep "text, json or ics" err
'

test_expect_success 'acct agenda --format json and text are the agenda'\''s own' '
	acct agenda --all --json >json &&
	acct agenda --all --format json >json2 &&
	test_cmp json json2 &&
	acct agenda --all >text &&
	acct agenda --all --format text >text2 &&
	test_cmp text text2
'

test_expect_success 'the identity'\''s clients by default; --manager; no such manager: exit 2' '
	feed mine.ics &&
	test_grep ! "^UID:.*-acme-" mine.ics &&
	test_grep "^UID:call-bare-" mine.ics &&
	feed boris.ics --manager boris &&
	test_grep "^UID:call-acme-" boris.ics &&
	test_grep ! "^UID:.*-bare-" boris.ics &&
	test_expect_code 2 acct calendar --manager nobody >out 2>err &&
	test_must_be_empty out &&
	test_grep "nobody" err
'

test_expect_success '-o: the file written whole, by a rename; the book untouched' '
	test_book_state "$B" >before &&
	acct calendar --all -o "$T/cal.ics" >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	test_cmp "$T/feed.ics" "$T/cal.ics" &&
	test_path_is_missing "$T/cal.ics.lock" &&
	ino=$(stat -c %i "$T/cal.ics") &&
	ACCT_NOW=2026-11-24T09:00+00:00 acct calendar --all -o "$T/cal.ics" &&
	test "$(stat -c %i "$T/cal.ics")" != "$ino" &&
	test_cmp next.ics "$T/cal.ics" &&
	test_book_state "$B" >after &&
	test_cmp before after &&
	# relative to the folder acct runs in (-C moves it, as git does)
	(cd "$T" && acct calendar --all --output rel.ics) &&
	test_cmp "$T/feed.ics" "$T/rel.ics"
'

test_expect_success '-o: a lock in place or a folder that is not: exit 1, the file as it was' '
	cp "$T/cal.ics" "$T/cal.before" &&
	: >"$T/cal.ics.lock" &&
	test_expect_code 1 acct calendar --all -o "$T/cal.ics" >out 2>err &&
	test_must_be_empty out &&
	test_grep "cal.ics.lock. exists" err &&
	test_grep "^hint: .*remove" err &&
	test_cmp "$T/cal.before" "$T/cal.ics" &&
	rm "$T/cal.ics.lock" &&
	test_expect_code 1 acct calendar --all -o "$T/no/such/cal.ics" >out 2>err &&
	test_must_be_empty out &&
	test_grep "cannot create" err &&
	test_expect_code 2 acct calendar --all -o "" 2>err &&
	test_grep -e "--output must not be empty" err
'

test_expect_success 'a card with bad hours: named, the rest of the feed written, exit 1' '
	sed "s/^hours: .*/hours: late/" "$B/clients/acme/client.yaml" >card &&
	cp card "$B/clients/acme/client.yaml" &&
	git -C "$B" commit -q -am "by hand: bad hours" &&
	test_when_finished "git -C \"$B\" reset -q --hard HEAD^" &&
	test_expect_code 1 acct calendar --all -o "$T/bad.ics" >out 2>err &&
	test_grep "clients/acme/client.yaml:.*hours must be HH:MM-HH:MM" err &&
	test_line_count = 1 err &&
	# acme all day now; the others as they were
	test_grep "^UID:call-acme-20261204@acct" "$T/bad.ics" &&
	tr -d "\r" <"$T/bad.ics" | grep -A2 "^UID:call-acme" >acme &&
	test_grep "^DTSTART;VALUE=DATE:20261204" acme &&
	test_grep "^UID:call-ooo-romashka-20261115@acct" "$T/bad.ics"
'

test_expect_success 'help, the command list, completion' '
	acct help calendar >help &&
	test_grep "^usage: acct calendar" help &&
	acct --list-cmds >cmds &&
	test_grep -x calendar cmds &&
	acct calendar --complete-opts >opts &&
	for o in --days --date --manager --all --output
	do
		test_grep -e "$o" opts || return 1
	done &&
	acct agenda --complete-opts >opts &&
	test_grep -e "--format" opts
'

# --- time zones: last, so that the book above is the same without them --------

test_expect_success ZONEINFO 'zones on the cards' '
	acct client set ooo-romashka timezone Europe/Moscow >/dev/null &&
	acct client set acme timezone America/New_York >/dev/null &&
	acct client set bare timezone Asia/Novosibirsk >/dev/null
'

test_expect_success ZONEINFO 'a zone without hours: all day, and no VTIMEZONE for it' '
	feed tz0.ics --all &&
	test_grep ! "^TZID:Asia/Novosibirsk" tz0.ics &&
	test_grep "^DTSTART;VALUE=DATE:20261130" tz0.ics &&
	tr -d "\r" <tz0.ics | grep "^TZID:" >tzids &&
	test_write_lines TZID:America/New_York TZID:Europe/Moscow >expect &&
	test_cmp expect tzids
'

test_expect_success ZONEINFO,ICALENDAR 'events at the hours in the zone, each zone with its VTIMEZONE' '
	acct client set bare hours 09:00-18:00 >/dev/null &&
	feed tz.ics --all &&
	ics zones tz.ics >zones &&
	test_write_lines America/New_York Asia/Novosibirsk Europe/Moscow >expect &&
	test_cmp expect zones &&
	ics utc tz.ics >actual &&
	cat >expect <<-\EOF &&
	call-acme-20261204@acct America/New_York 2026-12-04T14:00Z
	call-bare-20260915@acct Asia/Novosibirsk 2026-11-23T02:00Z
	call-ooo-romashka-20261115@acct Europe/Moscow 2026-11-23T07:00Z
	nps-bare-20261130@acct Asia/Novosibirsk 2026-11-30T02:00Z
	report-acme-20261127@acct America/New_York 2026-11-27T14:00Z
	report-acme-20261204@acct America/New_York 2026-12-04T14:00Z
	report-bare-20261120@acct Asia/Novosibirsk 2026-11-23T02:00Z
	report-bare-20261127@acct Asia/Novosibirsk 2026-11-27T02:00Z
	report-bare-20261204@acct Asia/Novosibirsk 2026-12-04T02:00Z
	report-ooo-romashka-20261127@acct Europe/Moscow 2026-11-27T07:00Z
	report-ooo-romashka-20261204@acct Europe/Moscow 2026-12-04T07:00Z
	review-bare-20261130@acct Asia/Novosibirsk 2026-11-30T02:00Z
	EOF
	test_cmp expect actual
'

test_expect_success ZONEINFO,ICALENDAR 'across the change to summer time: the VTIMEZONE says so' '
	ACCT_NOW=2027-03-10T09:00+00:00 acct calendar --manager boris --days 10 >dst.ics &&
	ics utc dst.ics 2027-03-10T09:00 >actual &&
	grep "^report-" actual >reports &&
	cat >expect <<-\EOF &&
	report-acme-20270305@acct America/New_York 2027-03-10T14:00Z
	report-acme-20270312@acct America/New_York 2027-03-12T14:00Z
	report-acme-20270319@acct America/New_York 2027-03-19T13:00Z
	EOF
	test_cmp expect reports &&
	tr -d "\r" <dst.ics | sed -n "/^BEGIN:VTIMEZONE/,/^END:VTIMEZONE/p" >vtz &&
	test_grep "^BEGIN:DAYLIGHT" vtz &&
	test_grep "^TZOFFSETTO:-0400" vtz
'

# Each zone is read once an agenda (lib/agenda_clock.c): what it says,
# or that it cannot be read, holds for every card that names it.
test_expect_success ZONEINFO 'one zone on two cards: both in it, or both told' '
	acct client set bare timezone America/New_York >/dev/null &&
	feed same.ics --all &&
	ics utc same.ics >actual &&
	test_grep "^call-bare-20260915@acct America/New_York " actual &&
	test_grep "^report-acme-20261127@acct America/New_York " actual &&
	for c in acme bare
	do
		sed "s|^timezone:.*|timezone: Mars/Base|" \
			book/clients/$c/client.yaml >card.tmp &&
		cp card.tmp book/clients/$c/client.yaml || return 1
	done &&
	test_expect_code 1 acct calendar --all >bad.ics 2>err &&
	test_line_count = 2 err &&
	test_grep "^acct: clients/acme/client.yaml:[0-9]*:[0-9]*: .*Mars/Base" err &&
	test_grep "^acct: clients/bare/client.yaml:[0-9]*:[0-9]*: .*Mars/Base" err &&
	git -C book checkout -q -- clients/acme/client.yaml \
		clients/bare/client.yaml
'

gcc --version >/dev/null 2>&1 && test_set_prereq CC

# libical is loaded when a feed is made (lib/dl.c), not when acct starts.
test_expect_success CC,!SANITIZED 'libical missing or not whole: exit 1, named' '
	ldd "$(command -v acct)" >libs &&
	test_grep "libgit2" libs &&
	test_grep ! "libical\|libgmime\|libicu" libs &&
	mkdir -p fakelib &&
	echo "int acct_fake_ical;" >fake.c &&
	gcc -shared -fPIC -Wl,-soname,libical.so.3 -o fakelib/libical.so.3 fake.c &&
	test_expect_code 1 env LD_LIBRARY_PATH=$PWD/fakelib \
		acct calendar >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: libical.so.3 has no icalcomponent_new_vcalendar(), which the calendar needs" err &&
	rm fakelib/libical.so.3 &&
	echo "this is not a library" >fakelib/libical.so.3 &&
	test_expect_code 1 env LD_LIBRARY_PATH=$PWD/fakelib \
		acct calendar >out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: cannot load libical.so.3, which the calendar needs" err &&
	acct calendar >out &&
	test_grep "^BEGIN:VCALENDAR" out
'

test_done
