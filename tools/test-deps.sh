#!/bin/sh
# What the tests use beyond the build: chromium, for the test that loads
# reports in a real browser (tests/t/t6900-report-browser.sh). Installed
# with apt-get when missing and we may; when it cannot be, the test says
# it skipped and everything else runs. Never fails.
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo -n"
else
	echo "test-deps: chromium is missing and cannot be installed (not root)" >&2
	exit 0
fi
echo "test-deps: installing chromium for the browser test" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 ||
{ $sudo apt-get update -q >/dev/null 2>&1 &&
  $sudo apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1; } ||
echo "test-deps: chromium could not be installed; the browser test will skip" >&2
exit 0
