#!/bin/sh
# shellcheck disable=SC2016

test_description='acct report in a real browser

Reports whose client data is hostile (script elements, event handler
attributes, javascript: links, raw HTML in the brief) are rendered to HTML
and loaded in Debian'"'"'s chromium, headless; the DOM it builds must hold
no script element, no on* attribute and no javascript: URL, and show the
hostile text as text. make test installs chromium when it can; without it
the test says it skipped. It runs once, not again under the sanitizers.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
B=$T/book
ACCT_DIR=$B
export ACCT_DIR

CHROMIUM=$(command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null)
if test -z "$CHROMIUM"
then
	echo "# skipped: chromium is not installed (make test installs it with apt-get when it can)"
fi
test -n "$CHROMIUM" && ! test_have_prereq SANITIZED && test_set_prereq BROWSER
test_have_prereq SANITIZED && echo "# skipped: not again under the sanitizers"

# dom FILE.html OUT: the DOM chromium builds from the page.
dom () {
	timeout 60 "$CHROMIUM" --headless=new --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --no-first-run --user-data-dir="$T/chrome" \
		--dump-dom "file://$1" >"$2" 2>"$T/chrome.err" && test -s "$2"
}

# check_dom OUT TEXT...: no script, no on* attribute, no javascript: URL
# in any attribute; each TEXT appears in the page's visible text.
check_dom () {
	python3 - "$@" <<-\PY
	import sys
	from html.parser import HTMLParser
	path, wanted = sys.argv[1], sys.argv[2:]
	bad = []
	text = []
	class P(HTMLParser):
	    def handle_starttag(self, tag, attrs):
	        if tag in ("script", "iframe", "object", "embed"):
	            bad.append("element <%s>" % tag)
	        for k, v in attrs:
	            if k.lower().startswith("on"):
	                bad.append("attribute %s on <%s>" % (k, tag))
	            if v and "javascript:" in v.replace(" ", "").lower():
	                bad.append("javascript: in %s of <%s>" % (k, tag))
	    def handle_data(self, d):
	        text.append(d)
	p = P(convert_charrefs=True)
	p.feed(open(path, encoding="utf-8").read())
	visible = " ".join(" ".join(text).split())
	for w in wanted:
	    if " ".join(w.split()) not in visible:
	        bad.append("text not shown: %r" % w)
	for b in bad:
	    print(b)
	sys.exit(1 if bad else 0)
	PY
}

test_expect_success BROWSER 'a book full of hostile text' '
	acct init -q "$B" &&
	cd "$B" &&
	acct client add "<script>alert(1)</script> Evil Corp" --slug evil \
		--since 2026-01-01 -q &&
	acct client set evil goals.business "<img src=x onerror=alert(2)>" &&
	acct client set evil goals.kpi --add "[click](javascript:alert(3))" &&
	cat >"$T/body" <<-\EOF &&
	Raw <script>alert(4)</script> in the body.

	## Decisions
	- <a href="javascript:alert(5)">decide</a>
	- [go](javascript:alert(6)) and <b onmouseover=alert(7)>bold</b>

	## Actions
	- [ ] <iframe src=javascript:alert(8)></iframe> @client due:2026-11-27
	- [x] Done <svg onload=alert(9)> @anna
	EOF
	acct log evil "<img src=x onerror=alert(10)>" --channel call \
		--date 2026-11-18T10:00 -F "$T/body" -q &&
	acct nps evil 3 --respondent "<b>Eve</b>" \
		--comment "<script>alert(11)</script>" --date 2026-11-19 -q &&
	cat >"$T/brief" <<-\EOF &&
	<div onclick="alert(12)">raw HTML block</div>

	<script>alert(13)</script>

	- Rival <img src=x onerror=alert(14)> Ltd
	- [Other](javascript:alert(15))
	EOF
	acct brief evil --section competitors -F "$T/brief" &&
	# Respondents and handles are shown only when the book asks: ask, so
	# that their hostile text is rendered too.
	sed "s/^  show_names: false/  show_names: true/" .acct/config.yaml >"$T/c" &&
	cp "$T/c" .acct/config.yaml && grep -q "show_names: true" .acct/config.yaml &&
	git commit -q -m "show names" .acct/config.yaml
'

for period in 2026-W47 2026-11 2026-Q4
do
	test_expect_success BROWSER "the $period report: no script, the text shown" '
		acct report evil --period '"$period"' --format html >"$T/r.html" &&
		grep -q "<title>" "$T/r.html" &&
		dom "$T/r.html" "$T/r.dom" &&
		check_dom "$T/r.dom" "<script>alert(1)</script> Evil Corp"
	'
done

test_expect_success BROWSER 'each hostile value is visible as text' '
	acct report evil --period 2026-11 --format html >"$T/m.html" &&
	dom "$T/m.html" "$T/m.dom" &&
	check_dom "$T/m.dom" "<img src=x onerror=alert(10)>" \
		"<a href=\"javascript:alert(5)\">decide</a>" \
		"go and <b onmouseover=alert(7)>bold</b>" \
		"<script>alert(11)</script>" "<b>Eve</b>" &&
	acct report evil --period 2026-Q4 --format html >"$T/q.html" &&
	dom "$T/q.html" "$T/q.dom" &&
	check_dom "$T/q.dom" "<img src=x onerror=alert(2)>" \
		"[click](javascript:alert(3))" "Rival <img src=x onerror=alert(14)> Ltd"
'

test_expect_success BROWSER 'the portfolio too' '
	acct report --all --period 2026-Q4 --format html >"$T/p.html" &&
	dom "$T/p.html" "$T/p.dom" &&
	check_dom "$T/p.dom" "<script>alert(1)</script> Evil Corp"
'

test_expect_success BROWSER 'the checker itself catches a script' '
	printf "<html><body><p>x</p><script>1</script></body></html>" >"$T/bad.html" &&
	dom "$T/bad.html" "$T/bad.dom" &&
	test_must_fail check_dom "$T/bad.dom" &&
	printf "<html><body><p onclick=x>y</p></body></html>" >"$T/bad2.html" &&
	dom "$T/bad2.html" "$T/bad2.dom" &&
	test_must_fail check_dom "$T/bad2.dom"
'

test_done
