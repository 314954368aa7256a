#!/bin/sh
# shellcheck disable=SC2016

test_description='acct sync

A book shared through real git servers on loopback: a bare repository by
path and by file://, git daemon, sshd reached through a Host alias of an
ssh config file, and an http server that asks for credentials (no
terminal: exit 1 at once, no prompt). Different fields of one card merge;
the same field changed twice stops with nothing written; plain git pull
uses the same driver; hand edits are refused; a push that loses a race
merges again.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
GIT_AUTHOR_NAME="Anna Petrova" GIT_AUTHOR_EMAIL=anna@agency.example
GIT_COMMITTER_NAME="Anna Petrova" GIT_COMMITTER_EMAIL=anna@agency.example
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

free_port () {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_port P: until something listens on 127.0.0.1:P (10 s at most).
wait_port () {
	python3 - "$1" <<-\PY
	import socket, sys, time
	for _ in range(100):
	    try:
	        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()
	        sys.exit(0)
	    except OSError:
	        time.sleep(0.1)
	sys.exit(1)
	PY
}

PIDS=
# bg CMD...: start a server in the background, to be stopped at the end.
bg () {
	"$@" &
	PIDS="$PIDS $!"
}
stop_servers () {
	for p in $PIDS
	do
		kill "$p" 2>/dev/null
	done
	PIDS=
}
trap 'stop_servers' EXIT

# state DIR: HEAD, status and a checksum of the work tree.
state () {
	(cd "$1" && git rev-parse HEAD && git status --porcelain &&
	 find . -path ./.git -prune -o -type f -print | sort | xargs cat | cksum)
}

test_expect_success 'set-remote pushes the book to a bare repository' '
	git init -q --bare "$T/srv.git" &&
	acct init -q "$T/a" &&
	cd "$T/a" &&
	acct client add Acme --slug acme -q &&
	printf "%s\n" "name: Acme" "status: active   # the status" \
		"since: 2026-01-01" "email: a@acme.example" "phone: \"+100\"" \
		"tags: [key]" >clients/acme/client.yaml &&
	git commit -q -am "a card with comments" &&
	acct sync --set-remote "$T/srv.git" >"$T/out" &&
	grep "^pushed: *yes" "$T/out" &&
	git -C "$T/srv.git" rev-parse HEAD >"$T/srv" &&
	git rev-parse HEAD >"$T/mine" && test_cmp "$T/srv" "$T/mine" &&
	git config merge.acct-card.driver >"$T/drv" &&
	echo "acct merge-card %O %A %B %P" >"$T/expect" && test_cmp "$T/expect" "$T/drv" &&
	test_must_fail acct sync --set-remote "$T/srv.git" 2>"$T/err" &&
	grep "remote .origin. already" "$T/err"
'

test_expect_success 'a second manager clones with git; different fields merge' '
	git clone -q "$T/srv.git" "$T/b" &&
	cd "$T/b" &&
	test_must_fail git config merge.acct-card.driver &&
	acct client set acme email b@acme.example &&
	git config merge.acct-card.driver &&
	acct log acme "Call from b" --channel call -q &&
	acct sync -q &&
	cd "$T/a" &&
	acct client set acme phone "+200" &&
	acct log acme "Mail from a" --channel email -q &&
	acct sync --json >"$T/out.json" &&
	grep "\"merge\": \"merge\"" "$T/out.json" &&
	git log -1 --format=%s >"$T/subj" &&
	echo "sync: merge origin/$(git symbolic-ref --short HEAD)" >"$T/expect" &&
	test_cmp "$T/expect" "$T/subj" &&
	cat >"$T/expect" <<-\EOF &&
	name: Acme
	status: active   # the status
	since: 2026-01-01
	email: b@acme.example
	phone: "+200"
	tags: [key]
	EOF
	test_cmp "$T/expect" clients/acme/client.yaml &&
	cd "$T/b" && acct sync -q >"$T/out" && test_must_be_empty "$T/out" &&
	test_cmp "$T/expect" clients/acme/client.yaml &&
	git rev-parse HEAD >"$T/hb" && git -C "$T/a" rev-parse HEAD >"$T/ha" &&
	test_cmp "$T/ha" "$T/hb" &&
	test "$(ls clients/acme/log/2026 | wc -l)" = 2 &&
	git status --porcelain >"$T/st" && test_must_be_empty "$T/st" &&
	git fsck --strict 2>"$T/fsck" && ! grep -v dangling "$T/fsck"
'

# The README told a new colleague that "acct agenda" in a fresh clone sets
# up the card merge driver; only writing commands do. Its clone block is
# run here as written: its acct commands must leave the driver set up.
test_expect_success 'the README'"'"'s clone block sets up the merge driver' '
	python3 - "$TEST_DIRECTORY/../../README.md" >"$T/readme.cmds" <<-\PY &&
	import re, sys
	text = open(sys.argv[1], encoding="utf-8").read()
	at = text.index("A second manager joins with plain git")
	block = re.search(r"```sh\n(.*?)```", text[at:], re.S).group(1)
	for line in block.splitlines():
	    if line.startswith("acct "):
	        print(line.split("#")[0].strip())
	PY
	test_file_not_empty "$T/readme.cmds" &&
	git clone -q "$T/srv.git" "$T/readme" &&
	cd "$T/readme" &&
	test_must_fail git config merge.acct-card.driver &&
	while read -r cmd
	do
		eval "$cmd" >/dev/null || return 1
	done <"$T/readme.cmds" &&
	git config merge.acct-card.driver >"$T/drv" &&
	echo "acct merge-card %O %A %B %P" >"$T/expect" &&
	test_cmp "$T/expect" "$T/drv"
'

# Reading commands write nothing, .git/config included: cron may run them
# on a clone it must not change.
test_expect_success 'reading commands leave a fresh clone'"'"'s .git/config alone' '
	git clone -q "$T/srv.git" "$T/reader" &&
	cd "$T/reader" &&
	cp .git/config "$T/config.before" &&
	acct agenda --all >/dev/null &&
	acct client list >/dev/null &&
	acct todo >/dev/null &&
	acct timeline >/dev/null &&
	test_cmp "$T/config.before" .git/config
'

test_expect_success 'two entries under one name: both kept, ours renamed' '
	cd "$T/a" && acct log acme "Same words" --channel call --date 2026-11-20T10:00 -q &&
	acct sync -q &&
	cd "$T/b" && acct log acme "Same words" --channel chat --date 2026-11-20T10:00 -q &&
	acct sync >"$T/out" &&
	grep "2026-11-20T1000-same-words.md -> .*2026-11-20T1000-same-words-2.md" "$T/out" &&
	grep "channel: call" clients/acme/log/2026/2026-11-20T1000-same-words.md &&
	grep "channel: chat" clients/acme/log/2026/2026-11-20T1000-same-words-2.md &&
	cd "$T/a" && acct sync -q &&
	test -f clients/acme/log/2026/2026-11-20T1000-same-words-2.md
'

test_expect_success 'the same field twice: stop, name both values, nothing written' '
	cd "$T/a" && acct client set acme status paused && acct sync -q &&
	cd "$T/b" && acct client set acme status churned &&
	state "$T/b" >"$T/before" &&
	test_expect_code 1 acct sync </dev/null >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	grep "conflict: clients/acme/client.yaml: status: here churned, there paused" "$T/err" &&
	grep "^hint: nothing was changed here; a card field: set the value to keep here with .acct client set" "$T/err" &&
	! grep "pull" "$T/err" &&
	state "$T/b" >"$T/after" && test_cmp "$T/before" "$T/after" &&
	! grep -r "<<<<<<<" clients
'

test_expect_success 'plain git pull uses the same driver' '
	cd "$T/b" &&
	test_must_fail git pull -q --no-rebase --no-edit 2>"$T/err" &&
	grep "conflict: clients/acme/client.yaml: status" "$T/err" &&
	git show MERGE_HEAD:clients/acme/client.yaml >clients/acme/client.yaml &&
	git add clients/acme/client.yaml && git commit -q --no-edit &&
	acct sync -q &&
	cd "$T/a" && acct sync -q && acct client set acme email c@acme.example &&
	acct sync -q &&
	cd "$T/b" && acct client set acme since 2026-02-01 &&
	git pull -q --no-rebase --no-edit &&
	grep "^email: c@acme.example" clients/acme/client.yaml &&
	grep "^since: 2026-02-01" clients/acme/client.yaml &&
	acct sync -q
'

test_expect_success 'hand edits and a missing remote are refused' '
	cd "$T/b" &&
	echo "# mine" >>clients/acme/client.yaml && echo x >stray.txt &&
	test_expect_code 1 acct sync >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	grep "changes not committed: .*clients/acme/client.yaml" "$T/err" &&
	grep "stray.txt" "$T/err" &&
	git checkout -q clients/acme/client.yaml && rm stray.txt &&
	test_expect_code 1 acct sync --remote nosuch 2>"$T/err" &&
	grep "no remote .nosuch." "$T/err" && grep "set-remote" "$T/err" &&
	test_expect_code 2 acct sync --bogus 2>/dev/null &&
	test_expect_code 2 acct sync extra 2>/dev/null
'

test_expect_success 'nothing to do: merge none, nothing pushed' '
	cd "$T/a" && acct sync -q && acct sync --json >"$T/out" &&
	grep "\"merge\": \"none\"" "$T/out" &&
	grep "\"pushed\": false" "$T/out"
'

test_expect_success 'a branch of another name syncs with its upstream' '
	git clone -q "$T/srv.git" "$T/w" && cd "$T/w" &&
	main=$(git symbolic-ref --short HEAD) &&
	git checkout -q -b work --track "origin/$main" &&
	acct log acme "On branch work" --channel call -q &&
	acct sync -q &&
	test_must_fail git -C "$T/srv.git" rev-parse -q --verify refs/heads/work &&
	git -C "$T/srv.git" log --format=%s -1 "$main" >"$T/log" &&
	grep "On branch work" "$T/log"
'

test_expect_success 'file:// works the same' '
	git clone -q "file://$T/srv.git" "$T/c" && cd "$T/c" &&
	acct log acme "Over file URL" -q --channel email && acct sync -q &&
	cd "$T/a" && acct sync -q && grep -rl "Over file URL" clients >/dev/null
'

test_expect_success 'a push that loses a race merges again' '
	cd "$T/a" && acct sync -q &&
	cat >.git/hooks/pre-push <<-EOF &&
	#!/bin/sh
	test -e "$T/raced" && exit 0
	touch "$T/raced"
	cd "$T/c" && git pull -q --no-rebase --no-edit &&
	ACCT_DIR= acct log acme "Racer" --channel chat -q && git push -q origin HEAD
	EOF
	chmod +x .git/hooks/pre-push &&
	acct log acme "Loser" --channel call -q &&
	acct sync --json >"$T/out" &&
	grep "\"rounds\": 2" "$T/out" &&
	git -C "$T/srv.git" log --format=%s -3 >"$T/log" &&
	grep "sync: merge origin/" "$T/log" &&
	grep -rl "Racer" clients >/dev/null && rm .git/hooks/pre-push
'

test_expect_success 'git daemon with receive-pack' '
	P=$(free_port) &&
	bg git daemon --reuseaddr --base-path="$T" --export-all \
		--enable=receive-pack --listen=127.0.0.1 --port=$P "$T" \
		2>"$T/daemon.log" &&
	wait_port $P &&
	git clone -q "git://127.0.0.1:$P/srv.git" "$T/d" && cd "$T/d" &&
	acct log acme "Over git daemon" --channel call -q &&
	acct sync -q &&
	cd "$T/a" && acct sync -q && grep -rl "Over git daemon" clients >/dev/null
'

test -x /usr/sbin/sshd && command -v ssh-keygen >/dev/null 2>&1 && test_set_prereq SSHD
test_have_prereq SSHD || echo "# skipped: sshd tests (openssh-server is not installed; make test installs it when it can)"

test_expect_success SSHD 'sshd through a Host alias of an ssh config file' '
	P=$(free_port) && me=$(id -un) &&
	ssh-keygen -q -t ed25519 -N "" -f "$T/hostkey" &&
	ssh-keygen -q -t ed25519 -N "" -f "$T/userkey" &&
	cp "$T/userkey.pub" "$T/authorized_keys" && chmod 600 "$T/authorized_keys" &&
	cat >"$T/sshd_config" <<-EOF &&
	ListenAddress 127.0.0.1
	Port $P
	HostKey $T/hostkey
	AuthorizedKeysFile $T/authorized_keys
	PidFile $T/sshd.pid
	StrictModes no
	UsePAM no
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	AllowUsers $me
	EOF
	{ mkdir -p /run/sshd 2>/dev/null || :; } &&
	bg /usr/sbin/sshd -D -e -f "$T/sshd_config" 2>"$T/sshd.log" &&
	wait_port $P &&
	cat >"$T/ssh_config" <<-EOF &&
	Host bookserver
		HostName 127.0.0.1
		Port $P
		User $me
		IdentityFile $T/userkey
		IdentitiesOnly yes
		UserKnownHostsFile $T/known_hosts
		StrictHostKeyChecking accept-new
	EOF
	GIT_SSH_COMMAND="ssh -F $T/ssh_config" &&
	export GIT_SSH_COMMAND &&
	git clone -q "bookserver:$T/srv.git" "$T/e" && cd "$T/e" &&
	acct log acme "Over ssh" --channel email -q &&
	acct sync -q </dev/null &&
	cd "$T/a" && acct sync -q && grep -rl "Over ssh" clients >/dev/null
'

test_expect_success SSHD 'ssh without a usable key fails at once, no prompt' '
	cd "$T/e" &&
	sed "s|IdentityFile .*|IdentityFile $T/nokey|" "$T/ssh_config" >"$T/ssh_config2" &&
	GIT_SSH_COMMAND="ssh -F $T/ssh_config2" &&
	export GIT_SSH_COMMAND &&
	state "$T/e" >"$T/before" &&
	test_expect_code 1 timeout 20 acct sync </dev/null >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	grep "git fetch origin failed: .*Permission denied" "$T/err" &&
	grep "ssh key" "$T/err" &&
	state "$T/e" >"$T/after" && test_cmp "$T/before" "$T/after" &&
	unset GIT_SSH_COMMAND
'

test_expect_success 'an http remote that asks for a password: exit 1 at once' '
	P=$(free_port) &&
	cat >"$T/httpd401.py" <<-\PY &&
	import http.server, sys
	class H(http.server.BaseHTTPRequestHandler):
	    def do_GET(self):
	        self.send_response(401)
	        self.send_header("WWW-Authenticate", "Basic realm=book")
	        self.send_header("Content-Length", "0")
	        self.end_headers()
	    do_POST = do_GET
	    def log_message(self, *a):
	        pass
	http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
	PY
	bg python3 "$T/httpd401.py" $P 2>"$T/http.log" &&
	wait_port $P &&
	cd "$T/a" && git remote add web "http://127.0.0.1:$P/book.git" &&
	state "$T/a" >"$T/before" &&
	test_expect_code 1 timeout 20 acct sync --remote web </dev/null >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	grep "never asks for a password" "$T/err" &&
	grep "credential.helper" "$T/err" &&
	state "$T/a" >"$T/after" && test_cmp "$T/before" "$T/after" &&
	git remote remove web
'

test_expect_success 'acct merge-card on three files' '
	printf "name: X\nstatus: active\nemail: a@x\n" >"$T/base" &&
	printf "name: X\nstatus: paused\nemail: a@x\n" >"$T/ours" &&
	printf "name: X\nstatus: active\nemail: b@x\n" >"$T/theirs" &&
	acct merge-card "$T/base" "$T/ours" "$T/theirs" card.yaml &&
	printf "name: X\nstatus: paused\nemail: b@x\n" >"$T/expect" &&
	test_cmp "$T/expect" "$T/ours" &&
	printf "name: X\nstatus: lead\nemail: a@x\n" >"$T/theirs" &&
	cp "$T/ours" "$T/ours.before" &&
	test_expect_code 1 acct merge-card "$T/base" "$T/ours" "$T/theirs" card.yaml 2>"$T/err" &&
	grep "status: ours paused, theirs lead" "$T/err" &&
	test_cmp "$T/ours.before" "$T/ours" &&
	printf "name: [\n" >"$T/theirs" &&
	test_expect_code 1 acct merge-card "$T/base" "$T/ours" "$T/theirs" 2>"$T/err" &&
	test_cmp "$T/ours.before" "$T/ours" &&
	test_expect_code 2 acct merge-card "$T/base" 2>/dev/null
'

test_expect_success 'acct merge-card on a card whose aliases multiply: refused at once, at the alias' '
	printf "name: X\nstatus: active\n" >"$T/base" &&
	printf "name: X\nstatus: paused\n" >"$T/ours" &&
	cp "$T/ours" "$T/ours.before" &&
	alias_bomb X >"$T/theirs" &&
	test_expect_code 1 timeout 10 acct merge-card "$T/base" "$T/ours" "$T/theirs" \
		clients/x/client.yaml >"$T/out" 2>"$T/err" &&
	test_must_be_empty "$T/out" &&
	grep "^acct: clients/x/client.yaml:11:8: theirs: .*too large to merge" "$T/err" &&
	test_cmp "$T/ours.before" "$T/ours" &&
	alias_bomb X >"$T/base" &&
	{ cat "$T/base" && echo "email: x@example.com"; } >"$T/ours" &&
	sed -e "s/^status: active/status: paused/" "$T/base" >"$T/theirs" &&
	cp "$T/ours" "$T/ours.before" &&
	test_expect_code 1 timeout 10 acct merge-card "$T/base" "$T/ours" "$T/theirs" \
		clients/x/client.yaml 2>"$T/err" &&
	test_cmp "$T/ours.before" "$T/ours" &&
	grep "^acct: clients/x/client.yaml:11:8: base: " "$T/err"
'

stop_servers
test_done
