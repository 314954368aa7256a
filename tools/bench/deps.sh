#!/bin/sh
# What make bench needs beyond the build: GNU time (/usr/bin/time, for
# each command's peak RSS), installed with apt-get when missing and we
# may (root, or sudo without a password); otherwise it says so and fails.
test -x /usr/bin/time && exit 0
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo -n"
else
	echo "bench: /usr/bin/time is missing: apt-get install time" >&2
	exit 1
fi
echo "bench: installing time" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q --no-install-recommends time >/dev/null 2>&1 ||
	{ $sudo apt-get update -q >/dev/null 2>&1 &&
	  $sudo apt-get install -y -q --no-install-recommends time >/dev/null 2>&1; } ||
	{ echo "bench: could not install time" >&2; exit 1; }
