#!/bin/sh
test_description='make install and make uninstall: the binary, the manual and the completion under DESTDIR, each directory variable honoured'
. ./test-lib.sh

TOP=$(cd "$TEST_DIRECTORY/../.." && pwd)
command -v man >/dev/null 2>&1 && test_set_prereq MAN
script -qec true /dev/null </dev/null >/dev/null 2>&1 && test_set_prereq TTY

# make in the source tree, on the build under test (built already), not
# as a part of the make that may be running the tests. LOCALEDIR is
# compiled into acct: the one it was built with, so that no install here
# builds acct again under the tests running beside this one (the last
# test installs the catalogs elsewhere with install-locale alone).
LOCALEDIR_BUILT=$(cat "$ACCT_BUILD/localedir")
test_make () {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		make --no-print-directory -C "$TOP" O="$ACCT_BUILD" \
		LOCALEDIR="$LOCALEDIR_BUILT" "$@" >>make.out 2>&1
}

test_expect_success 'make install puts the binary and every page under DESTDIR and PREFIX' '
	test_make install DESTDIR="$PWD/root" PREFIX=/usr &&
	test_path_is_file root/usr/bin/acct &&
	test -x root/usr/bin/acct &&
	root/usr/bin/acct --list-cmds >cmds &&
	test_file_not_empty cmds &&
	while read cmd
	do
		test_path_is_file root/usr/share/man/man1/acct-$cmd.1 || return 1
	done <cmds &&
	test_path_is_file root/usr/share/man/man1/acct.1 &&
	test_path_is_file root/usr/share/man/man5/acct-book.5 &&
	test_path_is_file root/usr/share/man/man7/acct-templates.7 &&
	test_path_is_file root/usr/share/bash-completion/completions/acct &&
	test_path_is_file "root$LOCALEDIR_BUILT/ru/LC_MESSAGES/acct.mo" &&
	test_path_is_missing root/usr/local/bin &&
	test_path_is_missing root/usr/local/share/man
'

test_expect_success 'the installed binary runs' '
	echo "acct version $(acct --version | sed "s/.* //")" >expect &&
	root/usr/bin/acct --version >actual &&
	test_cmp expect actual &&
	root/usr/bin/acct init -q book &&
	root/usr/bin/acct -C book client add -q "Acme Robotics" &&
	root/usr/bin/acct -C book client list --names >actual &&
	echo acme-robotics >expect &&
	test_cmp expect actual
'

test_expect_success MAN 'man -M reads the installed pages' '
	man -M "$PWD/root/usr/share/man" -w acct-log >actual &&
	echo "$PWD/root/usr/share/man/man1/acct-log.1" >expect &&
	test_cmp expect actual &&
	MANWIDTH=80 man -M "$PWD/root/usr/share/man" acct-book >out 2>err &&
	grep "the files of an acct book" out &&
	MANWIDTH=80 man -M "$PWD/root/usr/share/man" 7 acct-templates >out &&
	grep "the templates of acct" out
'

test_expect_success MAN,TTY 'the installed acct help shows the installed page (MANPATH)' '
	MANPATH=$PWD/root/usr/share/man MANPAGER=cat MANWIDTH=80 \
		script -qec "root/usr/bin/acct help undo" /dev/null >out &&
	grep "revert the last acct commit" out
'

test_expect_success 'make uninstall removes exactly what make install put' '
	mkdir -p root/usr/share/man/man1 &&
	echo other >root/usr/share/man/man1/other.1 &&
	test_make uninstall DESTDIR="$PWD/root" PREFIX=/usr &&
	find root -type f >actual &&
	echo root/usr/share/man/man1/other.1 >expect &&
	test_cmp expect actual
'

test_expect_success 'each directory variable is honoured by install and uninstall' '
	test_path_is_file "$ACCT_BUILD/acct" &&
	cp "$ACCT_BUILD/acct" acct.before &&
	dirs="PREFIX=/opt/acct BINDIR=/opt/bin MAN1DIR=/opt/m1 MAN5DIR=/opt/m5 MAN7DIR=/opt/m7 BASHCOMPDIR=/opt/bc" &&
	test_make install DESTDIR="$PWD/r2" $dirs &&
	test_path_is_file r2/opt/bin/acct &&
	test_path_is_file r2/opt/m1/acct-log.1 &&
	test_path_is_file r2/opt/m5/acct-book.5 &&
	test_path_is_file r2/opt/m7/acct-templates.7 &&
	test_path_is_file r2/opt/bc/acct &&
	test_path_is_missing r2/opt/acct/bin &&
	test_path_is_missing r2/opt/acct/share/man &&
	test_path_is_missing r2/usr/bin &&
	test_path_is_missing r2/usr/share &&
	test_path_is_file "r2$LOCALEDIR_BUILT/ru/LC_MESSAGES/acct.mo" &&
	test_make uninstall DESTDIR="$PWD/r2" $dirs &&
	find r2 -type f >actual &&
	test_must_be_empty actual &&
	test_make install DESTDIR="$PWD/r3" PREFIX=/opt/acct MANDIR=/opt/man &&
	test_path_is_file r3/opt/acct/bin/acct &&
	test_path_is_file r3/opt/man/man1/acct.1 &&
	test_path_is_file r3/opt/man/man7/acct-templates.7 &&
	test_make install-locale DESTDIR="$PWD/r4" LOCALEDIR=/opt/loc &&
	test_path_is_file r4/opt/loc/ru/LC_MESSAGES/acct.mo &&
	test_make uninstall-locale DESTDIR="$PWD/r4" LOCALEDIR=/opt/loc &&
	find r4 -type f >actual &&
	test_must_be_empty actual &&
	cmp acct.before "$ACCT_BUILD/acct"
'

test_done
