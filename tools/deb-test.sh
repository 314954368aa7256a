#!/bin/sh
# make deb-test: the package of make deb installed with dpkg into a
# scratch root (dpkg --root, a database of its own; the host's libraries
# serve its dependencies), then the installed acct run: --version against
# the package's version, a book made and read, its manual read with man
# -M, its Russian catalog read; then removed, leaving no file. Usage: tools/deb-test.sh BUILD_DIR
set -eu
build=$(cd "$1" && pwd)
deb=$(ls "$build"/deb/acct_*.deb 2>/dev/null | head -n 1)
test -n "$deb" || { echo "deb-test: no package in $build/deb; run make deb" >&2; exit 1; }
root=$build/deb/root
rm -rf "$root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
fail () { echo "deb-test: FAILED: $*" >&2; exit 1; }

version=$(dpkg-deb -f "$deb" Version)
# Its dependencies are the host's, not the scratch root's: --force-depends.
dpkg --root="$root" --force-depends --force-script-chrootless \
	-i "$deb" >"$build/deb/dpkg.log" 2>&1 || fail "dpkg -i (see $build/deb/dpkg.log)"
dpkg --root="$root" -s acct | grep -q '^Status: install ok installed' ||
	fail "dpkg does not list acct as installed"

got=$("$root/usr/bin/acct" --version)
test "$got" = "acct version $version" || fail "--version says '$got', the package $version"
echo "deb-test: $got"

home=$build/deb/home
rm -rf "$home"
mkdir -p "$home"
(
	export HOME="$home" GIT_CONFIG_NOSYSTEM=1 ACCT_NOW=2026-11-23T09:00+00:00
	unset ACCT_DIR
	git config --global user.name "Deb Test"
	git config --global user.email deb@test.example
	"$root/usr/bin/acct" init -q "$home/book"
	"$root/usr/bin/acct" -C "$home/book" client add -q "Acme Robotics"
	test "$("$root/usr/bin/acct" -C "$home/book" client list --names)" = acme-robotics
) || fail "the installed acct could not make and read a book"

for page in man1/acct.1 man1/acct-log.1 man5/acct-book.5 man7/acct-templates.7; do
	test -f "$root/usr/share/man/$page.gz" || fail "no /usr/share/man/$page.gz"
done
test -f "$root/usr/share/bash-completion/completions/acct" || fail "no bash completion"
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -M "$root/usr/share/man" acct-log 2>/dev/null |
		grep -q 'record an interaction with a client' || fail "man -M cannot read acct-log(1)"
	echo "deb-test: man -M reads the installed pages"
fi

# The Russian catalog: installed, and read by the installed acct (pointed
# at the scratch root's copy; the compiled-in /usr/share/locale is the
# real system's) when the ru_RU.UTF-8 locale exists.
mo=usr/share/locale/ru/LC_MESSAGES/acct.mo
test -f "$root/$mo" || fail "no /$mo"
if locale -a 2>/dev/null | grep -qix 'ru_RU.utf-\{0,1\}8'; then
	said=$(ACCT_LOCALEDIR="$root/usr/share/locale" LC_ALL=ru_RU.UTF-8 \
		"$root/usr/bin/acct" nosuch 2>&1 >/dev/null || :)
	case $said in
	*"не команда acct"*) echo "deb-test: the installed catalog speaks Russian" ;;
	*) fail "the installed acct with its catalog said: $said" ;;
	esac
fi

dpkg --root="$root" --force-script-chrootless -r acct >>"$build/deb/dpkg.log" 2>&1 ||
	fail "dpkg -r"
left=$(cd "$root" && find . -type f ! -path './var/lib/dpkg/*' ! -path './var/log/*')
test -z "$left" || fail "files left after dpkg -r: $left"
echo "deb-test: $deb installed in $root, ran, and removed cleanly"
