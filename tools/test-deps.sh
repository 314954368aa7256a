#!/bin/sh
# What the tests use beyond the build, installed with apt-get when missing
# and we may (root, or sudo without a password). When one cannot be, the
# tests that need it say they skipped and everything else runs: no test
# depends on one that skips (make check-prereqs). Never fails.
#
# package          checked by                   used by
# python3-yaml     python3 -c 'import yaml'     cards read back by PyYAML (t1000 t1200 t1210 t2000)
# python3-icalendar  python3 -c 'import icalendar'  the calendar feed read back (t5100)
# groff-base       groff                        man output and the manual rendered without warnings (t6000 t9700)
# man-db           man                          acct help showing a page; man -M on installed pages (t9700 t9710)
# tzdata           /usr/share/zoneinfo/UTC      timezones of clients (t4000 t5000 t5100, test_tz test_ics)
# chromium         chromium                     reports loaded in a real browser (t6900)
# openssh-server   /usr/sbin/sshd               acct sync over ssh (t8000)
# zsh              zsh                          the zsh completion driven through zpty (t9720)
# fish             fish                         the fish completion through complete -C (t9720)
# texlive-latex-recommended, texlive-lang-cyrillic, texlive-fonts-recommended, cm-super-minimal
#                  pdflatex; kpsewhich t2aenc.def russianb.ldf type1ec.sty cm-super-t2a.enc
#                                               LaTeX reports compiled in both locales (t6000)
# locales          /usr/share/i18n/locales/ru_RU  the ru_RU.UTF-8 locale, made with localedef
#                                               when missing: Russian messages (t0010)
missing=
python3 -c 'import yaml' >/dev/null 2>&1 || missing="$missing python3-yaml"
python3 -c 'import icalendar, dateutil.rrule' >/dev/null 2>&1 ||
	missing="$missing python3-icalendar"
command -v groff >/dev/null 2>&1 || missing="$missing groff-base"
command -v man >/dev/null 2>&1 || missing="$missing man-db"
test -f /usr/share/zoneinfo/UTC || missing="$missing tzdata"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
test -x /usr/sbin/sshd || missing="$missing openssh-server"
command -v zsh >/dev/null 2>&1 || missing="$missing zsh"
command -v fish >/dev/null 2>&1 || missing="$missing fish"
# LaTeX reports: pdflatex, the Cyrillic encoding (T2A) and babel's Russian,
# and cm-super's scalable fonts with their Cyrillic encoding (without them
# pdflatex draws Cyrillic with bitmap fonts made on the fly).
if ! command -v pdflatex >/dev/null 2>&1 ||
   ! kpsewhich t2aenc.def russianb.ldf type1ec.sty cm-super-t2a.enc \
	>/dev/null 2>&1; then
	missing="$missing texlive-latex-recommended texlive-lang-cyrillic"
	missing="$missing texlive-fonts-recommended cm-super-minimal"
fi
# ru_RU.UTF-8 for the messages' test: made from the locales package's
# sources when the system lacks it (a fresh Debian has only C.UTF-8).
have_ru () {
	locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$'
}
make_ru () {
	have_ru && return 0
	test -f /usr/share/i18n/locales/ru_RU || return 0
	if [ "$(id -u)" = 0 ]; then
		localedef -i ru_RU -f UTF-8 ru_RU.UTF-8 >/dev/null 2>&1
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo -n localedef -i ru_RU -f UTF-8 ru_RU.UTF-8 >/dev/null 2>&1
	fi
	have_ru || echo "test-deps: could not make the ru_RU.UTF-8 locale; its tests will skip" >&2
}
have_ru || test -f /usr/share/i18n/locales/ru_RU || missing="$missing locales"
if test -z "$missing"; then
	make_ru
	exit 0
fi
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo -n"
else
	echo "test-deps: missing$missing, and not root to install them; their tests will skip" >&2
	make_ru
	exit 0
fi
echo "test-deps: installing$missing for the tests" >&2
export DEBIAN_FRONTEND=noninteractive
# A package's service must not start here: policy-rc.d says no.
policy=/usr/sbin/policy-rc.d
made_policy=
if ! test -e $policy && test -z "$sudo"; then
	printf '#!/bin/sh\nexit 101\n' >$policy && chmod +x $policy && made_policy=t
fi
# One package at a time after the first try, so that one that cannot be
# had does not keep the others out.
install_ () {
	$sudo apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1
}
if ! install_ $missing; then
	$sudo apt-get update -q >/dev/null 2>&1
	for p in $missing; do
		install_ "$p" || echo "test-deps: could not install $p; its tests will skip" >&2
	done
fi
test -n "$made_policy" && rm -f $policy
make_ru
exit 0
