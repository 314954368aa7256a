#!/bin/sh
# The message catalogs against the code (issue 21).
#
#   sh tests/check-po.sh              every message marked in lib/ and cmd/
#                                     translated in each po/*.po, none
#                                     fuzzy, formats as the English ones;
#                                     a warning when po/acct.pot is stale
#   sh tests/check-po.sh --update     make po/acct.pot from the code and
#                                     merge it into each po/*.po (make pot)
#   sh tests/check-po.sh --self-test  the check fails on a missing, an
#                                     untranslated and a fuzzy message
#
# The messages are what xgettext finds in the calls below: _(), N_(),
# Q_() (ngettext), and the functions that translate their format
# themselves (lib/error.c, cmd_usage_error, each file's own error helper,
# health's notes, the agenda's details; named here with the argument that is the format, and
# the plural's for a count). Prints one
# summary line; exit 1 when anything is missing.
set -u
top=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$top" || exit 2
out=${CHECK_PO_DIR:-build/po}

# function:argument holding the message (and the format's flag for each)
calls="acct_error_set:3 acct_error_at:6 acct_error_hint:2 acct_git_error:3
cmd_usage_error:3
bad_arg:2 at:3 bad:2 fail:5 row_error:4 metric_fail_at:4 spec_at:5
node_error:4 refuse:3 tpl_error_at:4 leave_out:2 note_set:4 note_set_n:5,6
agenda_detail:2 agenda_detail_n:3,4"

for t in xgettext msgfmt msgcmp msgmerge msgattrib; do
	command -v $t >/dev/null 2>&1 || {
		echo "check-po: $t is missing (Debian's gettext; tools/deps.sh installs it)" >&2
		exit 1
	}
done

version=$(sed -n 's/^VERSION = //p' Makefile)

extract () {
	set -- -o "$1"
	for c in $calls; do
		a=${c#*:}
		set -- "$@" --keyword="$c" --flag="${c%%:*}:${a%%,*}:c-format"
	done
	xgettext "$@" --keyword=_ --keyword=N_ --keyword=Q_:1,2 \
		--flag=_:1:pass-c-format --flag=N_:1:pass-c-format \
		--flag=Q_:1:pass-c-format --flag=Q_:2:pass-c-format \
		--language=C --from-code=UTF-8 --add-comments=TRANSLATORS: \
		--package-name=acct --package-version="$version" \
		--msgid-bugs-address="acct issue tracker" --sort-by-file \
		lib/*.h lib/*.c cmd/*.c
}

# check PO POT: every message of POT translated in PO, none fuzzy, and
# formats that match (msgfmt --check). Names what is missing on stderr.
check () {
	msgfmt --check -o /dev/null "$1" 2>&1 >/dev/null | sed 's/^/check-po: /' >&2
	msgfmt --check -o /dev/null "$1" 2>/dev/null || return 1
	msgcmp -N "$1" "$2" 2>&1 | grep -v "is not used\|fatal error" |
	while IFS= read -r line; do
		# "FILE:LINE: this message is used but not defined": show it
		f=${line%%:*} rest=${line#*:} n=${rest%%:*}
		case $n in
		''|*[!0-9]*) printf 'check-po: %s\n' "$line" ;;
		*) printf 'check-po: %s lacks %s\n' "$1" "$(awk -v n="$n" '
			/^msgid / { id = substr($0, 7); inid = 1; next }
			inid && /^"/ { id = id " " $0; next }
			{ inid = 0 }
			NR >= n { print id; exit }' "$f")" ;;
		esac
	done >&2
	msgcmp -N "$1" "$2" >/dev/null 2>&1
}

mkdir -p "$out" || exit 1
case ${1:-} in
--update)
	extract po/acct.pot || exit 1
	for po in po/*.po; do
		test -f "$po" || continue
		msgmerge --quiet --update --backup=none --previous "$po" po/acct.pot || exit 1
	done
	echo "check-po: po/acct.pot: $(grep -c '^msgid ' po/acct.pot) messages (less the header); merged into $(ls po/*.po | tr '\n' ' ')"
	exit 0
	;;
--self-test)
	extract "$out/acct.pot" || exit 1
	po=po/ru.po
	{
		cat "$out/acct.pot"
		printf '\nmsgid "self-test: a message no catalog has"\nmsgstr ""\n'
	} >"$out/extra.pot"
	msgattrib --set-fuzzy -o "$out/fuzzy.po" "$po" || exit 1
	msgfilter --keep-header -i "$po" -o "$out/empty.po" sed -e d || exit 1
	bad=
	check "$po" "$out/extra.pot" 2>/dev/null && bad="$bad missing"
	check "$out/fuzzy.po" "$out/acct.pot" 2>/dev/null && bad="$bad fuzzy"
	check "$out/empty.po" "$out/acct.pot" 2>/dev/null && bad="$bad untranslated"
	if test -n "$bad"; then
		echo "check-po: self-test: the check passed with messages:$bad" >&2
		exit 1
	fi
	echo "check-po: self-test: a missing, a fuzzy and an untranslated message each fail"
	exit 0
	;;
'') ;;
*)
	echo "usage: sh tests/check-po.sh [--update | --self-test]" >&2
	exit 2
	;;
esac

extract "$out/acct.pot" || exit 1
n=$(grep -c '^msgid ' "$out/acct.pot")
n=$((n - 1))
status=0
if ! msgcmp -N --use-untranslated po/acct.pot "$out/acct.pot" >/dev/null 2>&1 ||
   ! msgcmp -N --use-untranslated "$out/acct.pot" po/acct.pot >/dev/null 2>&1; then
	# A warning: the catalogs are what the build uses; the template
	# for translators is made again by make pot.
	echo "check-po: warning: po/acct.pot is not the code's messages: run 'make pot'" >&2
fi
for po in po/*.po; do
	test -f "$po" || continue
	if ! check "$po" "$out/acct.pot"; then
		echo "check-po: $po lacks translations: run 'make pot' and translate them (no fuzzy entries)" >&2
		status=1
	fi
done
if test $status = 0; then
	echo "check-po: $n messages, every one translated in $(ls po/*.po | tr '\n' ' ' | sed 's/ $//')"
else
	echo "check-po: $n messages: FAILED"
fi
exit $status
