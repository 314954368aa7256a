#!/bin/sh
test_description='the manual: a page per command, true to its usage, options, exit statuses and environment; groff renders each without a warning; acct help and --help show it'
. ./test-lib.sh

TOP=$(cd "$TEST_DIRECTORY/../.." && pwd)
MANDIR=$ACCT_BUILD/man
command -v groff >/dev/null 2>&1 && test_set_prereq GROFF
command -v man >/dev/null 2>&1 && test_set_prereq MAN
script -qec true /dev/null </dev/null >/dev/null 2>&1 && test_set_prereq TTY

test_expect_success 'the pages were built' '
	test_path_is_file "$MANDIR/man1/acct.1" &&
	test_path_is_file "$MANDIR/man5/acct-book.5" &&
	test_path_is_file "$MANDIR/man7/acct-templates.7"
'

test_expect_success 'every command: its page, README row and -h; the pages say what the code does' '
	python3 "$TOP/tests/check-docs.py" "$ACCT_BUILD/acct" "$MANDIR" "$TOP" >out &&
	test_must_be_empty out
'

test_expect_success 'the check finds a page, a README or a source that drifted' '
	cp -R "$MANDIR" man &&
	mkdir top &&
	cp -R "$TOP/cmd" top/cmd &&
	sed "/^| .acct undo/d" "$TOP/README.md" >top/README.md &&
	printf "static const char *f(void) { return env(\"ACCT_FROB\"); }\n" >top/cmd/frob.c &&
	sed "s/channel/chanel/g" "$MANDIR/man1/acct-log.1" >man/man1/acct-log.1 &&
	grep -v "^.f.B.3.f" "$MANDIR/man1/acct-agenda.1" >man/man1/acct-agenda.1 &&
	sed "s/revert the last acct commit/take it back/" "$MANDIR/man1/acct-undo.1" >man/man1/acct-undo.1 &&
	rm man/man1/acct-history.1 &&
	test_expect_code 1 python3 "$TOP/tests/check-docs.py" "$ACCT_BUILD/acct" \
		man top log,agenda >out &&
	cat >expect <<-\EOT &&
	README.md: no row for acct undo
	acct-agenda.1: exit status 3 is not documented
	acct-history.1: missing
	acct-log.1: option --channel of '"'"'acct log'"'"' is not in the page
	acct-undo.1: NAME is '"'"'acct-undo - take it back'"'"', the command table says '"'"'acct-undo - revert the last acct commit'"'"'
	acct.1: ACCT_FROB, read in cmd/, is not in ENVIRONMENT
	EOT
	grep -v "usage .acct log\|names acct-history(1)" out | sort >actual &&
	test_cmp expect actual &&
	grep "acct-log.1: the usage .acct log <client>" out
'

test_expect_success GROFF 'groff -ww renders every page without a warning' '
	for page in "$MANDIR"/man1/*.1 "$MANDIR"/man5/*.5 "$MANDIR"/man7/*.7
	do
		groff -ww -man -Tutf8 "$page" >/dev/null 2>err &&
		test_must_be_empty err || return 1
	done
'

test_expect_success 'help and --help print the -h text when stdout is no terminal' '
	acct log -h >expect &&
	acct help log >actual &&
	test_cmp expect actual &&
	acct log --help >actual &&
	test_cmp expect actual &&
	acct client add -h >expect &&
	acct client add --help >actual &&
	test_cmp expect actual
'

# A man that says what it was asked; "man -w" fails with FAKE_MAN_MISSING.
mkdir bin
cat >bin/man <<EOF
#!/bin/sh
echo "man \$*" >>"$TRASH_DIRECTORY/man.log"
case " \$* " in
*" -w "*) test -z "\$FAKE_MAN_MISSING" || exit 16 ;;
*) echo "the page of \$*" ;;
esac
EOF
chmod +x bin/man

test_expect_success TTY 'on a terminal, help and --help run man on the page' '
	rm -f man.log &&
	PATH=$TRASH_DIRECTORY/bin:$PATH script -qec \
		"acct help log; acct client add --help; acct -C . todo done x --help" \
		/dev/null >out &&
	cat >expect <<-\EOT &&
	man -w acct-log
	man acct-log
	man -w acct-client
	man acct-client
	man -w acct-todo
	man acct-todo
	EOT
	test_cmp expect man.log &&
	grep "the page of acct-client" out
'

test_expect_success TTY 'ACCT_MANDIR: man looks there alone' '
	rm -f man.log &&
	PATH=$TRASH_DIRECTORY/bin:$PATH ACCT_MANDIR=/the/pages \
		script -qec "acct help undo" /dev/null >out &&
	printf "man -M /the/pages -w acct-undo\nman -M /the/pages acct-undo\n" >expect &&
	test_cmp expect man.log
'

test_expect_success TTY '-h stays the built-in text on a terminal' '
	rm -f man.log &&
	PATH=$TRASH_DIRECTORY/bin:$PATH script -qec "acct log -h" /dev/null >out &&
	test_path_is_missing man.log &&
	grep "usage: acct log" out
'

test_expect_success TTY 'a page man cannot find, or no man: the built-in text' '
	rm -f man.log &&
	PATH=$TRASH_DIRECTORY/bin:$PATH FAKE_MAN_MISSING=1 \
		script -qec "acct help log" /dev/null >out &&
	echo "man -w acct-log" >expect &&
	test_cmp expect man.log &&
	grep "usage: acct log" out &&
	script -qec "PATH=/nowhere \"$ACCT_BUILD/acct\" log --help" /dev/null >out &&
	grep "usage: acct log" out
'

test_expect_success TTY,MAN 'man shows the build'"'"'s page' '
	ACCT_MANDIR=$MANDIR MANPAGER=cat PAGER=cat MANWIDTH=80 \
		script -qec "acct help log" /dev/null >out &&
	grep "record an interaction with a client" out &&
	grep "who reached out first" out
'

test_done
