#!/bin/sh
# What `make fuzz` needs beyond the build: clang with libFuzzer and the
# sanitizer runtimes (Debian 12: clang and libclang-rt-14-dev). Checked by
# building a trivial target; installed with apt-get when that fails, as
# tools/deps.sh installs the libraries. Exits 1 when they cannot be had.
set -u
probe() {
	dir=$(mktemp -d "${TMPDIR:-/tmp}/acct-fuzz-deps.XXXXXX") || return 1
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
		'{ (void)d; (void)n; return 0; }' >"$dir/t.c"
	clang -fsanitize=fuzzer,address,undefined -o "$dir/t" "$dir/t.c" \
		>/dev/null 2>&1
	rc=$?
	rm -rf "$dir"
	return $rc
}

command -v clang >/dev/null 2>&1 && probe && exit 0
pkgs="clang libclang-rt-14-dev"
echo "fuzz-deps: installing $pkgs" >&2
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo"
else
	echo "fuzz-deps: need root to install: $pkgs" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q --no-install-recommends $pkgs >&2 ||
{ $sudo apt-get update -q >&2 &&
  $sudo apt-get install -y -q --no-install-recommends $pkgs >&2; } || exit 1
probe || { echo "fuzz-deps: clang still cannot build a libFuzzer target" >&2; exit 1; }
