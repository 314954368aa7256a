#!/bin/sh
# shellcheck disable=SC2016

test_description='acct sync: many hands converge

Three managers and a cron job share a book through a bare repository and
do a few hundred random acct operations (new clients, log entries at the
same minute in different clones, NPS answers, card changes on different
fields, action items), syncing now and then. At the end every clone holds
the same tree, git fsck is clean, and every record anyone created is
there exactly once.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
GIT_AUTHOR_NAME="Anna Petrova" GIT_AUTHOR_EMAIL=anna@agency.example
GIT_COMMITTER_NAME="Anna Petrova" GIT_COMMITTER_EMAIL=anna@agency.example
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
OPS=${ACCT_CONVERGE_OPS:-200}

test_expect_success 'a shared book and four clones' '
	git init -q --bare "$T/srv.git" &&
	acct init -q "$T/m1" &&
	(cd "$T/m1" &&
	 for c in acme beta gamma
	 do
		acct client add "$c" --slug $c --since 2026-01-01 -q || exit 1
	 done &&
	 acct sync -q --set-remote "$T/srv.git") &&
	for m in m2 m3 cron
	do
		git clone -q "$T/srv.git" "$T/$m" || return 1
	done
'

# The plan: one line per operation, "CLONE OP ARGS", from a fixed seed.
test_expect_success 'the plan' '
	python3 - "$OPS" >"$T/plan" <<-\PY &&
	import random, sys
	r = random.Random(20261123)
	clones = ["m1", "m2", "m3", "cron"]
	fields = {"m1": "email", "m2": "phone", "m3": "telegram", "cron": "source"}
	for i in range(int(sys.argv[1])):
	    c = r.choice(clones)
	    k = r.random()
	    if k < 0.12:
	        print(c, "sync")
	    elif k < 0.45:
	        # the same minute in every clone: names collide on purpose
	        print(c, "log", r.choice(["acme", "beta", "gamma"]),
	              "2026-11-%02d" % r.randint(16, 20), "mark%d" % i)
	    elif k < 0.6:
	        print(c, "nps", r.choice(["acme", "beta", "gamma"]),
	              r.randint(0, 10), "mark%d" % i)
	    elif k < 0.8:
	        print(c, "set", r.choice(["acme", "beta", "gamma"]), fields[c],
	              "v%d" % i)
	    elif k < 0.9:
	        print(c, "todo", r.choice(["acme", "beta", "gamma"]), "mark%d" % i)
	    else:
	        print(c, "client", "mark%d" % i)
	PY
	test $(wc -l <"$T/plan") = $OPS
'

test_expect_success 'run it' '
	: >"$T/marks" &&
	while read clone op a b c d
	do
		case $op in
		sync)
			acct -C "$T/$clone" sync -q </dev/null ;;
		log)
			acct -C "$T/$clone" log $a "Weekly call" --channel call \
				--date ${b}T10:00 -F - -q <<-EOF && echo $c >>"$T/marks"
			Notes $c.
			EOF
			;;
		nps)
			acct -C "$T/$clone" nps $a $b --comment "$c" -q &&
			echo $c >>"$T/marks" ;;
		set)
			acct -C "$T/$clone" client set $a $b $c ;;
		todo)
			acct -C "$T/$clone" todo add $a "Task $b" >/dev/null &&
			echo $b >>"$T/marks" ;;
		client)
			acct -C "$T/$clone" client add "Client $a" --slug $a -q &&
			echo $a >>"$T/marks" ;;
		esac || { echo "failed: $clone $op $a $b $c"; return 1; }
	done <"$T/plan"
'

test_expect_success 'sync everyone twice: one tree, fsck clean' '
	for round in 1 2
	do
		for m in m1 m2 m3 cron
		do
			acct -C "$T/$m" sync -q </dev/null || return 1
		done
	done &&
	git -C "$T/m1" rev-parse HEAD^{tree} >"$T/tree1" &&
	for m in m2 m3 cron
	do
		git -C "$T/$m" rev-parse HEAD^{tree} >"$T/tree" &&
		test_cmp "$T/tree1" "$T/tree" &&
		git -C "$T/$m" status --porcelain >"$T/st" &&
		test_must_be_empty "$T/st" || return 1
	done &&
	git -C "$T/srv.git" fsck --strict 2>"$T/fsck" &&
	! grep -v "^dangling" "$T/fsck"
'

test_expect_success 'every record is there exactly once' '
	test -s "$T/marks" &&
	cd "$T/m1" &&
	while read mark
	do
		n=$(git grep -l -w -e "$mark" HEAD -- clients | wc -l) &&
		test "$n" = 1 || { echo "$mark found $n times"; return 1; }
	done <"$T/marks" &&
	acct client list >/dev/null && acct timeline >/dev/null &&
	acct nps --period all >/dev/null && acct todo >/dev/null
'

test_done
