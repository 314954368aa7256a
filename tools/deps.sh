#!/bin/sh
# Install what acct needs to build and test, once, then write the compiler
# flags to $1 (build/config.mk). A fresh Debian 12 has gcc, make, git and
# python3 but no pkg-config and no -dev library; this runs before anything
# calls pkg-config. gettext is for msgfmt and xgettext: the build compiles
# the message catalogs (po/*.po), and make pot extracts the messages.
set -eu
out=$1
pkgs="pkg-config libgit2-dev libyaml-dev libcmark-dev libjansson-dev libutf8proc-dev libssl-dev libical-dev libgmime-3.0-dev libxml2-dev gettext"
mods="libgit2 yaml-0.1 libcmark jansson libutf8proc libcrypto libical gmime-3.0 libxml-2.0"

have_all() {
	command -v pkg-config >/dev/null 2>&1 &&
	pkg-config --exists $mods 2>/dev/null &&
	command -v msgfmt >/dev/null 2>&1 &&
	command -v xgettext >/dev/null 2>&1
}

if ! have_all; then
	missing=""
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "install ok installed" || missing="$missing $p"
	done
	echo "deps: installing$missing" >&2
	if [ "$(id -u)" = 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	else
		echo "deps: need root to install:$missing" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q >&2
	$sudo apt-get install -y -q $missing >&2
	have_all || { echo "deps: still missing one of: $mods, msgfmt, xgettext" >&2; exit 1; }
fi

mkdir -p "$(dirname "$out")"
{
	echo "# written by tools/deps.sh; delete to redo"
	echo "DEP_CFLAGS = $(pkg-config --cflags $mods)"
	echo "DEP_LIBS = $(pkg-config --libs $mods)"
} >"$out.tmp"
mv "$out.tmp" "$out"
