#!/bin/sh
# What the tests use beyond the build: chromium, for the test that loads
# reports in a real browser (t6900), and openssh-server, for acct sync
# over ssh (t8000). Installed with apt-get when missing and we may; when
# one cannot be, its tests say they skipped and everything else runs.
# Never fails.
missing=
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
test -x /usr/sbin/sshd || missing="$missing openssh-server"
test -z "$missing" && exit 0
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo -n"
else
	echo "test-deps: missing$missing, and not root to install them" >&2
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
$sudo apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 ||
{ $sudo apt-get update -q >/dev/null 2>&1 &&
  $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; } ||
echo "test-deps: could not install$missing; their tests will skip" >&2
test -n "$made_policy" && rm -f $policy
exit 0
