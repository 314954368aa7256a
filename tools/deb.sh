#!/bin/sh
# make deb: the Debian package, built by dpkg-buildpackage from debian/
# in a copy of the source (build/deb/acct-VERSION), so that its clean
# (make distclean) never touches this tree's build/. Then lintian on the
# result. Usage: tools/deb.sh BUILD_DIR VERSION
#
# dpkg-dev (dpkg-buildpackage), debhelper (dh) and lintian are installed
# with apt-get when missing and we are root (or may sudo); the build
# dependencies are tools/deps.sh's, which the build has installed.
set -eu
build=$1
version=$2
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$build"
out=$(cd "$build" && pwd)/deb
src=$out/acct-$version

changelog=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version 2>/dev/null ||
	sed -n '1s/^acct (\([^)]*\)).*/\1/p' "$top/debian/changelog")
if [ "$changelog" != "$version" ]; then
	echo "deb: debian/changelog says $changelog, the Makefile $version:" \
		"add a changelog entry (dch -v $version)" >&2
	exit 1
fi

missing=
command -v dpkg-buildpackage >/dev/null 2>&1 || missing="$missing dpkg-dev"
command -v dh >/dev/null 2>&1 || missing="$missing debhelper"
command -v lintian >/dev/null 2>&1 || missing="$missing lintian"
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		sudo=
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo="sudo -n"
	else
		echo "deb: need$missing, and not root to install them" >&2
		exit 1
	fi
	echo "deb: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get install -y -q --no-install-recommends $missing >/dev/null ||
	{ $sudo apt-get update -q >/dev/null &&
	  $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null; }
fi

# The files git knows, as they are in the work tree (uncommitted changes
# too), without build products.
rm -rf "$out"
mkdir -p "$src"
(cd "$top" && git ls-files -z --cached --others --exclude-standard) |
	(cd "$top" && tar --null --ignore-failed-read -T - -cf -) |
	(cd "$src" && tar -xf -)
test -f "$src/debian/rules" || { echo "deb: no debian/ in the copy" >&2; exit 1; }

cd "$src"
dpkg-buildpackage -us -uc -j2 >"$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log" >&2
	echo "deb: dpkg-buildpackage failed; see $out/build.log" >&2
	exit 1
}
cd "$out"
deb=$(ls acct_"$version"_*.deb)
echo "deb: $out/$deb"
# lintian's verdict, all of it: an error fails make deb.
lintian --display-info --display-experimental --pedantic \
	acct_"$version"_*.changes >lintian.out 2>&1 || true
cat lintian.out
if grep -q '^E: ' lintian.out; then
	echo "deb: lintian reports errors" >&2
	exit 1
fi
count () { grep -c "^$1: " lintian.out || true; }
echo "deb: lintian: $(count E) errors, $(count W) warnings, $(count I) notes," \
	"$(count P) pedantic, $(count X) experimental"
