test_description='acct basics: global options, help, init, finding the book, config, time, identity, stdout'
. ./test-lib.sh

test -w /dev/full && test_set_prereq DEVFULL

# expect_fail_clean CODE MESSAGE DIR CMD...: CMD exits CODE, says MESSAGE
# (a fixed string) on stderr, prints nothing on stdout, and the book in
# DIR is as it was.
expect_fail_clean () {
	want_=$1 msg_=$2 dir_=$3 &&
	shift 3 &&
	test_book_state "$dir_" >state.before &&
	test_expect_code "$want_" "$@" >out 2>err &&
	test_must_be_empty out &&
	test_grep -F -e "$msg_" err &&
	test_book_state "$dir_" >state.after &&
	test_cmp state.before state.after
}

# --- global options -----------------------------------------------------

test_expect_success '--version' '
	acct --version >out 2>err &&
	test_must_be_empty err &&
	test_line_count = 1 out &&
	test_grep "^acct version [0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*" out
'

test_expect_success '-h and --help: usage and the commands on stdout, exit 0' '
	acct -h >out 2>err &&
	test_must_be_empty err &&
	test_grep "^usage: acct" out &&
	for c in client help init
	do
		test_grep "^ *$c  *[a-z]" out || return 1
	done &&
	acct --help >out2 2>err &&
	test_must_be_empty err &&
	test_cmp out out2
'

test_expect_success '--list-cmds: the command names, sorted, one a line' '
	acct --list-cmds >out 2>err &&
	test_must_be_empty err &&
	LC_ALL=C sort -u out >sorted &&
	test_cmp sorted out &&
	for c in client help init
	do
		test_grep -x "$c" out || return 1
	done &&
	test_grep ! " " out
'

test_expect_success 'every listed command is in --help' '
	acct --list-cmds >cmds &&
	acct --help >help &&
	while read c
	do
		test_grep "^ *$c  *[a-z]" help || return 1
	done <cmds
'

test_expect_success 'no command: usage on stderr, exit 2' '
	test_expect_code 2 acct >out 2>err &&
	test_must_be_empty out &&
	test_grep "usage: acct" err
'

test_expect_success 'an unknown command: exit 2, named on stderr' '
	test_expect_code 2 acct frobnicate >out 2>err &&
	test_must_be_empty out &&
	test_grep "frobnicate" err
'

test_expect_success 'an unknown command outside a book is still a usage error' '
	mkdir -p nowhere &&
	(cd nowhere && test_expect_code 2 acct frobnicate) >out 2>err &&
	test_must_be_empty out &&
	test_grep "frobnicate" err &&
	test_grep ! "not in an acct book" err
'

test_expect_success 'an unknown global option: exit 2, named on stderr' '
	test_expect_code 2 acct --frobnicate >out 2>err &&
	test_must_be_empty out &&
	test_grep -e "--frobnicate" err &&
	test_expect_code 2 acct -Z client list >out 2>err &&
	test_must_be_empty out &&
	test_grep -e "-Z" err
'

test_expect_success '-C without a folder: exit 2' '
	test_expect_code 2 acct -C >out 2>err &&
	test_must_be_empty out &&
	test_file_not_empty err
'

# --- help ---------------------------------------------------------------

test_expect_success 'acct help lists the commands on stdout' '
	acct help >out 2>err &&
	test_must_be_empty err &&
	for c in client help init
	do
		test_grep "^ *$c  *[a-z]" out || return 1
	done
'

test_expect_success 'acct help client shows the client verbs' '
	acct help client >out 2>err &&
	test_must_be_empty err &&
	test_grep "acct client" out &&
	for v in add list show
	do
		test_grep "^ *$v  *[a-z]" out || return 1
	done
'

test_expect_success 'acct help client equals acct client -h' '
	acct help client >help &&
	acct client -h >dash-h &&
	test_cmp help dash-h
'

test_expect_success 'acct help init and acct help help' '
	acct help init >out 2>err &&
	test_must_be_empty err &&
	test_grep "acct init" out &&
	acct help help >out 2>err &&
	test_must_be_empty err &&
	test_grep "acct help" out
'

test_expect_success 'acct help of an unknown command: exit 2' '
	test_expect_code 2 acct help frobnicate >out 2>err &&
	test_must_be_empty out &&
	test_grep "frobnicate" err
'

# --- help and completion need no book -----------------------------------

test_expect_success '-h of a command that needs a book works outside a book' '
	mkdir -p outside &&
	(
		cd outside &&
		acct client -h >../out 2>../err &&
		test_must_be_empty ../err &&
		test_grep "usage: acct client" ../out &&
		acct client add -h >../out 2>../err &&
		test_must_be_empty ../err &&
		test_grep "usage: acct client add" ../out &&
		test_grep -e "--slug" ../out &&
		test_grep -e "--currency" ../out &&
		acct client list -h >../out 2>../err &&
		test_must_be_empty ../err &&
		test_grep -e "--json" ../out &&
		acct client show -h >../out 2>../err &&
		test_must_be_empty ../err &&
		test_grep "usage: acct client show" ../out &&
		acct client list --help >../out 2>../err &&
		test_must_be_empty ../err &&
		test_grep -e "--names" ../out
	) &&
	test_path_is_missing outside/.git &&
	test_path_is_missing outside/.acct
'

test_expect_success 'acct init -h prints help and creates nothing' '
	mkdir -p empty-h &&
	(cd empty-h && acct init -h >../out 2>../err) &&
	test_must_be_empty err &&
	test_grep "usage: acct init" out &&
	test_path_is_missing empty-h/.git &&
	test_path_is_missing empty-h/.acct &&
	acct init -h newdir >out 2>err &&
	test_path_is_missing newdir
'

# complete_opts CMD...: the --complete-opts words, one a line, without a
# trailing "=".
complete_opts () {
	acct "$@" --complete-opts >co.raw 2>co.err &&
	test_must_be_empty co.err &&
	tr " " "\n" <co.raw | sed -e "s/=\$//" -e "/^\$/d"
}

test_expect_success '--complete-opts, outside a book' '
	(
		cd outside &&
		complete_opts client add >../words
	) &&
	for o in --slug --status --manager --service --email --phone \
		--telegram --tag --since --budget --currency
	do
		test_grep -x -e "$o" words || return 1
	done &&
	(cd outside && complete_opts client list >../words) &&
	for o in --status --manager --tag --all --json --names
	do
		test_grep -x -e "$o" words || return 1
	done &&
	(cd outside && complete_opts client show >../words) &&
	test_grep -x -e "--json" words &&
	(cd outside && complete_opts client >../words) &&
	for v in add list show
	do
		test_grep -x "$v" words || return 1
	done &&
	test_path_is_missing outside/.git
'

# --- init ---------------------------------------------------------------

test_expect_success 'acct init DIR creates a book' '
	acct init book >out 2>err &&
	test_must_be_empty err &&
	test_path_is_dir book/.git &&
	test_path_is_file book/.acct/config.yaml &&
	test_path_is_file book/.gitattributes &&
	test_grep -x "clients/\*/client.yaml merge=acct-card" book/.gitattributes
'

test_expect_success 'init makes exactly one commit, clean status' '
	git -C book rev-list --count HEAD >count &&
	echo 1 >expect &&
	test_cmp expect count &&
	echo "init: create the book" >expect &&
	git -C book log -1 --format=%s >actual &&
	test_cmp expect actual &&
	git -C book status --porcelain --untracked-files=all >status &&
	test_must_be_empty status &&
	git -C book ls-files >files &&
	test_grep -x ".acct/config.yaml" files &&
	test_grep -x ".gitattributes" files &&
	test "$(git -C book symbolic-ref HEAD)" = refs/heads/main
'

test_expect_success 'init: author and committer from git, dates from GIT_*_DATE' '
	echo "A U Thor <author@example.com> 1795424400 A U Thor <author@example.com> 1795424400" >expect &&
	git -C book log -1 --format="%an <%ae> %at %cn <%ce> %ct" >actual &&
	test_cmp expect actual
'

test_expect_success 'init: the index matches HEAD and no lock is left' '
	git -C book diff --cached --quiet &&
	git -C book diff --quiet &&
	test_path_is_missing book/.git/index.lock &&
	find book -name "*.lock" >locks &&
	test_must_be_empty locks
'

test_expect_success 'the config holds the documented settings' '
	for k in locale report_day cadence holidays max_clients_per_manager nps_payout
	do
		test_grep "^$k:" book/.acct/config.yaml || return 1
	done
'

test_expect_success 'a fresh book lists no clients' '
	acct -C book client list >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success 'acct init with no DIR uses the current folder' '
	mkdir here &&
	(cd here && acct init >/dev/null) &&
	test_path_is_file here/.acct/config.yaml &&
	test "$(git -C here rev-list --count HEAD)" = 1
'

test_expect_success 'acct init in an existing repository keeps its history' '
	git init -q repo &&
	(
		cd repo &&
		echo "notes" >README &&
		echo "*.pdf binary" >.gitattributes &&
		git add README .gitattributes &&
		git commit -q -m "first" &&
		test_tick &&
		echo more >>README &&
		git commit -q -a -m "second"
	) &&
	old=$(git -C repo rev-parse HEAD) &&
	test_tick &&
	acct init repo >/dev/null 2>err &&
	test_must_be_empty err &&
	test "$(git -C repo rev-parse HEAD^)" = "$old" &&
	test "$(git -C repo rev-list --count HEAD)" = 3 &&
	echo "init: create the book" >expect &&
	git -C repo log -1 --format=%s >actual &&
	test_cmp expect actual &&
	test_write_lines "*.pdf binary" "clients/*/client.yaml merge=acct-card" >expect &&
	test_cmp expect repo/.gitattributes &&
	git -C repo show HEAD:.gitattributes >committed &&
	test_cmp expect committed &&
	test_write_lines "notes" "more" >expect &&
	test_cmp expect repo/README &&
	git -C repo status --porcelain --untracked-files=all >status &&
	test_must_be_empty status &&
	git -C repo diff --cached --quiet
'

test_expect_success 'init in a repository: only .acct/ and .gitattributes change' '
	git -C repo diff-tree --no-commit-id --name-status -r HEAD >actual &&
	printf "A\t.acct/config.yaml\nM\t.gitattributes\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'init appends to a .gitattributes without a final newline' '
	git init -q repo2 &&
	(
		cd repo2 &&
		printf "*.pdf binary" >.gitattributes &&
		git add .gitattributes &&
		git commit -q -m first
	) &&
	acct init repo2 >/dev/null &&
	test_write_lines "*.pdf binary" "clients/*/client.yaml merge=acct-card" >expect &&
	test_cmp expect repo2/.gitattributes &&
	git -C repo2 status --porcelain >status &&
	test_must_be_empty status
'

test_expect_success 'init does not repeat a merge line already in .gitattributes' '
	git init -q repo3 &&
	(
		cd repo3 &&
		test_write_lines "clients/*/client.yaml merge=acct-card" >.gitattributes &&
		git add .gitattributes &&
		git commit -q -m first
	) &&
	acct init repo3 >/dev/null &&
	test_write_lines "clients/*/client.yaml merge=acct-card" >expect &&
	test_cmp expect repo3/.gitattributes &&
	git -C repo3 status --porcelain >status &&
	test_must_be_empty status
'

test_expect_success 'init in a folder with files of its own commits only the book files' '
	mkdir -p withfiles &&
	echo "my notes" >withfiles/notes.txt &&
	acct init withfiles >/dev/null &&
	git -C withfiles ls-files >files &&
	test_write_lines .acct/config.yaml .gitattributes >expect &&
	test_cmp expect files &&
	echo "my notes" >expect &&
	test_cmp expect withfiles/notes.txt
'

test_expect_success 'init in a folder with a Cyrillic name and spaces' '
	acct init "Книга клиентов" >/dev/null &&
	test_path_is_file "Книга клиентов/.acct/config.yaml" &&
	acct -C "Книга клиентов" client add "Тест" >out &&
	echo test >expect &&
	test_cmp expect out
'

test_expect_success 'init in an empty repository (no commits yet)' '
	git init -q unborn &&
	acct init unborn >/dev/null &&
	test "$(git -C unborn rev-list --count HEAD)" = 1 &&
	test "$(git -C unborn symbolic-ref HEAD)" = refs/heads/main &&
	git -C unborn status --porcelain >status &&
	test_must_be_empty status
'

test_expect_success 'acct init on an existing book: exit 1, nothing touched' '
	expect_fail_clean 1 "" book acct init book &&
	test_file_not_empty err &&
	test_book_state book >before &&
	(cd book && test_expect_code 1 acct init) >out 2>err &&
	test_must_be_empty out &&
	test_file_not_empty err &&
	test_book_state book >after &&
	test_cmp before after
'

test_expect_success 'acct init with two folders: exit 2' '
	test_expect_code 2 acct init one two >out 2>err &&
	test_must_be_empty out &&
	test_path_is_missing one &&
	test_path_is_missing two
'

test_expect_success 'acct init without a git identity: exit 1, nothing created' '
	mkdir -p noid-home &&
	(
		HOME=$TRASH_DIRECTORY/noid-home &&
		export HOME &&
		test_expect_code 1 acct init noid >out 2>err
	) &&
	test_must_be_empty out &&
	test_grep "user.name" err &&
	test_grep "user.email" err &&
	test_path_is_missing noid
'

test_expect_success 'acct init without a git identity in an empty folder leaves it empty' '
	mkdir -p noid-home noid2 &&
	(
		HOME=$TRASH_DIRECTORY/noid-home &&
		export HOME &&
		cd noid2 &&
		test_expect_code 1 acct init >../out 2>../err
	) &&
	test_must_be_empty out &&
	test_grep "user.name" err &&
	ls -A noid2 >contents &&
	test_must_be_empty contents
'

test_expect_success 'acct init without identity in a repository: no commit, no files' '
	git init -q noid3 &&
	(
		cd noid3 &&
		echo x >file &&
		git add file &&
		git commit -q -m first
	) &&
	test_book_state noid3 >before &&
	(
		HOME=$TRASH_DIRECTORY/noid-home &&
		export HOME &&
		test_expect_code 1 acct init noid3 >out 2>err
	) &&
	test_must_be_empty out &&
	test_grep "user.name" err &&
	test_book_state noid3 >after &&
	test_cmp before after
'

test_expect_success 'acct init with user.name but no user.email: exit 1' '
	mkdir -p halfid-home &&
	printf "[user]\n\tname = A U Thor\n" >halfid-home/.gitconfig &&
	(
		HOME=$TRASH_DIRECTORY/halfid-home &&
		export HOME &&
		test_expect_code 1 acct init halfid >out 2>err
	) &&
	test_must_be_empty out &&
	test_grep "user.email" err &&
	test_path_is_missing halfid
'

test_expect_success 'GIT_AUTHOR_*/GIT_COMMITTER_* give an identity without a config' '
	(
		HOME=$TRASH_DIRECTORY/noid-home &&
		GIT_AUTHOR_NAME="Env Author" &&
		GIT_AUTHOR_EMAIL=env@example.com &&
		GIT_COMMITTER_NAME="Env Committer" &&
		GIT_COMMITTER_EMAIL=committer@example.com &&
		export HOME GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
			GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL &&
		acct init envid >/dev/null
	) &&
	echo "Env Author <env@example.com> Env Committer <committer@example.com>" >expect &&
	git -C envid log -1 --format="%an <%ae> %cn <%ce>" >actual &&
	test_cmp expect actual
'

# --- finding the book ---------------------------------------------------

test_expect_success 'setup: a client in the book' '
	acct -C book client add "Acme" >out &&
	echo acme >expect &&
	test_cmp expect out
'

test_expect_success 'the book is found from a subdirectory' '
	mkdir -p book/clients/acme/deep/er &&
	(
		cd book/clients/acme/deep/er &&
		acct client list --names >"$TRASH_DIRECTORY/out"
	) &&
	rmdir book/clients/acme/deep/er book/clients/acme/deep &&
	echo acme >expect &&
	test_cmp expect out
'

test_expect_success 'the book is found from a subdirectory not in git' '
	mkdir -p book/scratch &&
	(cd book/scratch && acct client list --names >"$TRASH_DIRECTORY/out") &&
	rmdir book/scratch &&
	echo acme >expect &&
	test_cmp expect out
'

test_expect_success '-C DIR finds the book' '
	acct -C book client list --names >out &&
	echo acme >expect &&
	test_cmp expect out &&
	acct -C book/.acct client list --names >out &&
	test_cmp expect out
'

test_expect_success 'ACCT_DIR finds the book' '
	ACCT_DIR=$TRASH_DIRECTORY/book acct client list --names >out &&
	echo acme >expect &&
	test_cmp expect out &&
	ACCT_DIR=book acct client list --names >out &&
	test_cmp expect out
'

test_expect_success 'an empty ACCT_DIR is as if unset' '
	(cd book && ACCT_DIR= acct client list --names) >out &&
	echo acme >expect &&
	test_cmp expect out
'

test_expect_success '-C wins over ACCT_DIR' '
	ACCT_DIR=$TRASH_DIRECTORY/nowhere acct -C book client list --names >out &&
	echo acme >expect &&
	test_cmp expect out
'

test_expect_success 'ACCT_DIR wins over the current folder' '
	(cd here && ACCT_DIR=$TRASH_DIRECTORY/book acct client list --names) >out &&
	echo acme >expect &&
	test_cmp expect out
'

test_expect_success 'outside a book: exit 1, not in an acct book' '
	(cd nowhere && test_expect_code 1 acct client list) >out 2>err &&
	test_must_be_empty out &&
	test_grep "not in an acct book (or any parent)" err &&
	test_grep "acct init" err
'

test_expect_success 'a git repository without .acct is not a book' '
	git init -q plain &&
	(cd plain && test_expect_code 1 acct client list) >out 2>err &&
	test_must_be_empty out &&
	test_grep "not in an acct book (or any parent)" err
'

test_expect_success 'ACCT_DIR pointing at no book: exit 1' '
	test_expect_code 1 env ACCT_DIR=$TRASH_DIRECTORY/nowhere acct client list >out 2>err &&
	test_must_be_empty out &&
	test_grep "not in an acct book" err
'

test_expect_success '-C pointing at no book: exit 1' '
	test_expect_code 1 acct -C nowhere client list >out 2>err &&
	test_must_be_empty out &&
	test_grep "not in an acct book" err
'

test_expect_success '-C pointing at a missing folder fails' '
	test_must_fail acct -C does-not-exist client list >out 2>err &&
	test_must_be_empty out &&
	test_grep "does-not-exist" err
'

test_expect_success 'client add outside a book: exit 1, nothing created' '
	(cd nowhere && test_expect_code 1 acct client add "Acme") >out 2>err &&
	test_must_be_empty out &&
	test_grep "not in an acct book" err &&
	test_path_is_missing nowhere/clients &&
	test_path_is_missing nowhere/.git
'

# --- the config ---------------------------------------------------------

# with_config TEXT: TEXT (with \n escapes) replaces book/.acct/config.yaml
# until the test ends.
with_config () {
	test_when_finished "git -C book checkout -q .acct/config.yaml" &&
	printf "%b" "$1" >book/.acct/config.yaml
}

test_expect_success 'a malformed config: exit 1, .acct/config.yaml:LINE:COL' '
	with_config "locale: en\n\tfoo: bar\n" &&
	expect_fail_clean 1 ".acct/config.yaml:2:1: " book \
		acct -C book client list
'

test_expect_success 'a malformed config: a token that cannot start' '
	with_config "# settings\nlocale: en\nreport_day: @friday\n" &&
	expect_fail_clean 1 ".acct/config.yaml:3:13: " book \
		acct -C book client list
'

test_expect_success 'a malformed config: an unclosed flow list' '
	with_config "locale: en\nholidays: [2026-01-01\n" &&
	test_expect_code 1 acct -C book client list >out 2>err &&
	test_must_be_empty out &&
	test_grep "\.acct/config\.yaml:[0-9][0-9]*:[0-9][0-9]*: " err
'

test_expect_success 'a malformed config stops client add too, nothing written' '
	with_config "locale: en\n\tfoo: bar\n" &&
	expect_fail_clean 1 ".acct/config.yaml:2:1: " book \
		acct -C book client add "Beta"
'

test_expect_success 'config: locale xx is named with line:col' '
	with_config "# settings\nlocale: xx\n" &&
	expect_fail_clean 1 ".acct/config.yaml:2:9: " book \
		acct -C book client list &&
	test_grep "locale" err &&
	test_grep "xx" err
'

test_expect_success 'config: report_day funday is named with line:col' '
	with_config "locale: en\n# the day\nreport_day: funday\n" &&
	expect_fail_clean 1 ".acct/config.yaml:3:13: " book \
		acct -C book client list &&
	test_grep "funday" err
'

test_expect_success 'config: cadence.contact 3x is named with line:col' '
	with_config "cadence:\n  call: 14d\n  contact: 3x\n" &&
	expect_fail_clean 1 ".acct/config.yaml:3:12: " book \
		acct -C book client list &&
	test_grep "3x" err
'

test_expect_success 'config: a bad date in holidays is named with line:col' '
	with_config "holidays: [2026-01-01, 2026-02-30]\n" &&
	expect_fail_clean 1 ".acct/config.yaml:1:24: " book \
		acct -C book client list &&
	test_grep "2026-02-30 is not a date" err
'

test_expect_success 'config: a bad date in a block list of holidays' '
	with_config "holidays:\n  - 2026-01-01\n  - 2026-13-01\n" &&
	expect_fail_clean 1 ".acct/config.yaml:3:5: " book \
		acct -C book client list &&
	test_grep "2026-13-01" err
'

test_expect_success 'config: a root that is not a mapping' '
	with_config "- locale: en\n" &&
	expect_fail_clean 1 ".acct/config.yaml:1:1: " book \
		acct -C book client list
'

test_expect_success 'config: duplicate keys' '
	with_config "locale: en\nlocale: ru\n" &&
	expect_fail_clean 1 ".acct/config.yaml:2:" book \
		acct -C book client list
'

test_expect_success 'config: a minimal valid config works' '
	with_config "locale: ru\n" &&
	acct -C book client list --names >out &&
	echo acme >expect &&
	test_cmp expect out
'

test_expect_success 'the config was restored' '
	git -C book status --porcelain >status &&
	test_must_be_empty status &&
	acct -C book client list --names >out
'

# --- ACCT_NOW -----------------------------------------------------------

test_expect_success 'an invalid ACCT_NOW: exit 2, named' '
	test_expect_code 2 env ACCT_NOW=yesterday acct -C book client list >out 2>err &&
	test_must_be_empty out &&
	test_grep "ACCT_NOW" err
'

test_expect_success 'ACCT_NOW with an impossible date: exit 2' '
	test_expect_code 2 env ACCT_NOW=2026-02-30T09:00+00:00 acct -C book client list >out 2>err &&
	test_must_be_empty out &&
	test_grep "ACCT_NOW" err &&
	test_grep "2026-02-30" err
'

test_expect_success 'an invalid ACCT_NOW stops client add, nothing written' '
	(
		ACCT_NOW=2026-11-23T25:00+00:00 &&
		export ACCT_NOW &&
		expect_fail_clean 2 "ACCT_NOW" book acct -C book client add "Beta"
	)
'

test_expect_success 'an invalid ACCT_NOW stops init, nothing created' '
	test_expect_code 2 env ACCT_NOW=garbage acct init nowbook >out 2>err &&
	test_must_be_empty out &&
	test_grep "ACCT_NOW" err &&
	test_path_is_missing nowbook
'

test_expect_success 'ACCT_NOW gives today: client add --since defaults to its date' '
	ACCT_NOW=2026-03-01T12:00+00:00 acct -C book client add "Now Co" >out &&
	echo now-co >expect &&
	test_cmp expect out &&
	acct -C book client show now-co --json >json &&
	test_grep "\"since\": \"2026-03-01\"" json
'

# --- stdout is checked --------------------------------------------------

test_expect_success DEVFULL 'client list to /dev/full: exit 1, write error' '
	test_expect_code 1 acct -C book client list >/dev/full 2>err &&
	test_grep "write error" err
'

test_expect_success DEVFULL 'client list --json to /dev/full: exit 1, write error' '
	test_expect_code 1 acct -C book client list --json >/dev/full 2>err &&
	test_grep "write error" err
'

test_expect_success DEVFULL 'client show to /dev/full: exit 1, write error' '
	test_expect_code 1 acct -C book client show acme >/dev/full 2>err &&
	test_grep "write error" err
'

test_expect_success DEVFULL '--version, --help and --list-cmds to /dev/full: exit 1' '
	test_expect_code 1 acct --version >/dev/full 2>err &&
	test_grep "write error" err &&
	test_expect_code 1 acct --help >/dev/full 2>err &&
	test_grep "write error" err &&
	test_expect_code 1 acct --list-cmds >/dev/full 2>err &&
	test_grep "write error" err &&
	test_expect_code 1 acct client add -h >/dev/full 2>err &&
	test_grep "write error" err
'

test_expect_success 'a closed pipe is not an error' '
	long=$(printf "%02000d" 0 | tr 0 x) &&
	for i in 1 2 3 4 5 6 7 8 9 10
	do
		acct -C book client add --slug "pipe-$i" "Pipe $i $long$long$long$long" >/dev/null || return 1
	done &&
	{ acct -C book client list --json 2>err; echo $? >code; } | head -c 10 >out &&
	test_must_be_empty err &&
	case $(cat code) in
	0|141) ;;
	*) echo "exit status $(cat code)"; false ;;
	esac
'

test_expect_success 'standard input is not read when not asked for' '
	rm -f fifo &&
	mkfifo fifo &&
	timeout 5 acct -C book client list <>fifo >out &&
	test_grep "^acme " out &&
	timeout 5 acct -C book client add "Stdin Co" <>fifo >out &&
	echo stdin-co >expect &&
	test_cmp expect out
'

test_expect_success 'no colour when stdout is not a terminal' '
	acct -C book client list >out &&
	printf "\033" >esc &&
	test_grep ! -F -f esc out
'

# --- commit identity and dates ------------------------------------------

# git_dates_for DATE: what git itself records for GIT_AUTHOR_DATE=DATE.
git_dates_for () {
	rm -rf oracle &&
	git init -q oracle &&
	GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 \
		git -C oracle commit -q --allow-empty -m oracle &&
	git -C oracle log -1 --format="%at %ai %ct %ci"
}

# acct_dates_for DATE SLUG: the same, for acct client add.
acct_dates_for () {
	GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 \
		acct -C book client add "$2" >/dev/null &&
	git -C book log -1 --format="%at %ai %ct %ci"
}

test_expect_success 'GIT_*_DATE as "<epoch> +hhmm"' '
	echo "1700000000 2023-11-15 01:13:20 +0300 1700000000 2023-11-15 01:13:20 +0300" >expect &&
	acct_dates_for "1700000000 +0300" "Date One" >actual &&
	test_cmp expect actual &&
	git_dates_for "1700000000 +0300" >oracle.out &&
	test_cmp expect oracle.out
'

test_expect_success 'GIT_*_DATE with a negative offset' '
	git_dates_for "1700000000 -0730" >expect &&
	acct_dates_for "1700000000 -0730" "Date Two" >actual &&
	test_cmp expect actual &&
	test_grep -e "-0730" actual
'

test_expect_success 'GIT_*_DATE as "@epoch"' '
	git_dates_for "@1700000000" >expect &&
	acct_dates_for "@1700000000" "Date Three" >actual &&
	test_cmp expect actual &&
	test_grep "^1700000000 " actual
'

test_expect_success 'GIT_*_DATE as ISO 8601 with T and an offset' '
	echo "1767312245 2026-01-02 03:04:05 +0300 1767312245 2026-01-02 03:04:05 +0300" >expect &&
	acct_dates_for "2026-01-02T03:04:05+03:00" "Date Four" >actual &&
	test_cmp expect actual &&
	git_dates_for "2026-01-02T03:04:05+03:00" >oracle.out &&
	test_cmp expect oracle.out
'

test_expect_success 'GIT_*_DATE as ISO 8601 with a space' '
	git_dates_for "2026-01-02 03:04:05 +0300" >expect &&
	acct_dates_for "2026-01-02 03:04:05 +0300" "Date Five" >actual &&
	test_cmp expect actual
'

test_expect_success 'GIT_AUTHOR_DATE and GIT_COMMITTER_DATE apart' '
	GIT_AUTHOR_DATE="1700000000 +0100" GIT_COMMITTER_DATE="1800000000 -0200" \
		acct -C book client add "Date Six" >/dev/null &&
	echo "1700000000 +0100 1800000000 -0200" >expect &&
	git -C book log -1 --format="%at %ai %ct %ci" |
		sed "s/^\([0-9]*\) [^ ]* [^ ]* \([-+][0-9]*\) \([0-9]*\) [^ ]* [^ ]* \([-+][0-9]*\)\$/\1 \2 \3 \4/" >actual &&
	test_cmp expect actual
'

test_expect_success 'GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL are honoured' '
	GIT_AUTHOR_NAME="Anna Petrova" GIT_AUTHOR_EMAIL=anna@agency.example \
		acct -C book client add "Ident One" >/dev/null &&
	echo "Anna Petrova <anna@agency.example> A U Thor <author@example.com>" >expect &&
	git -C book log -1 --format="%an <%ae> %cn <%ce>" >actual &&
	test_cmp expect actual
'

test_expect_success 'GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL are honoured' '
	GIT_COMMITTER_NAME="Cron Job" GIT_COMMITTER_EMAIL=cron@agency.example \
		acct -C book client add "Ident Two" >/dev/null &&
	echo "A U Thor <author@example.com> Cron Job <cron@agency.example>" >expect &&
	git -C book log -1 --format="%an <%ae> %cn <%ce>" >actual &&
	test_cmp expect actual
'

test_expect_success 'Cyrillic GIT_AUTHOR_NAME byte for byte' '
	GIT_AUTHOR_NAME="Анна Петрова" \
		acct -C book client add "Ident Three" >/dev/null &&
	echo "Анна Петрова <author@example.com>" >expect &&
	git -C book log -1 --format="%an <%ae>" >actual &&
	test_cmp expect actual
'

test_expect_success 'an invalid GIT_AUTHOR_DATE: fails, nothing written' '
	(
		GIT_AUTHOR_DATE="not a date at all" &&
		export GIT_AUTHOR_DATE &&
		test_book_state book >before &&
		test_must_fail acct -C book client add "Bad Date" >out 2>err &&
		test_book_state book >after &&
		test_cmp before after &&
		test_must_be_empty out &&
		test_grep "GIT_AUTHOR_DATE" err
	)
'

# --- JSON that cannot be written (issue 14, point 8) -------------------------

# A json_dumps() that fails as it does when memory runs out, put in front
# of libjansson with LD_PRELOAD (not under the sanitizers' runtime).
gcc --version >/dev/null 2>&1 && test_set_prereq CC

test_expect_success CC,!SANITIZED 'setup: a json_dumps that returns NULL' '
	cat >nodump.c <<-\EOF &&
	#include <stddef.h>
	char *json_dumps(const void *json, size_t flags);
	char *json_dumps(const void *json, size_t flags)
	{
		(void)json;
		(void)flags;
		return NULL;
	}
	EOF
	gcc -shared -fPIC -o nodump.so nodump.c &&
	LD_PRELOAD=$PWD/nodump.so acct -C book client list --names >out &&
	test_grep "^acme$" out
'

test_expect_success CC,!SANITIZED 'JSON that cannot be written: exit 1, nothing on stdout' '
	test_expect_code 1 env LD_PRELOAD=$PWD/nodump.so \
		acct -C book report acme --period 2026-11 --format json \
		>out 2>err &&
	test_must_be_empty out &&
	test_grep "^acct: cannot write .* as JSON" err
'

# The printer of every --json (cmd/out.c) writes JSON itself, as jansson
# would: no json_dumps() to fail; memory that runs out stops acct before
# anything is printed (the result is written at once, at the end).
test_expect_success CC,!SANITIZED 'the --json printer needs no json_dumps' '
	for cmd in "client list --json" "client show acme --json" \
		"history acme --json" "timeline --json" "todo --json" \
		"agenda --all --json" "nps --json" "brief --check --json" \
		"metric acme --json"
	do
		acct -C book $cmd >expect 2>/dev/null
		echo "exit $?" >>expect
		env LD_PRELOAD=$PWD/nodump.so acct -C book $cmd >out \
			2>/dev/null
		echo "exit $?" >>out &&
		test_grep "\"format\": 1" out &&
		test_cmp expect out || return 1
	done
'

test_expect_success !SANITIZED 'libgit2 parses no CA bundle: its loader is the program'"'"'s (cmd/tls.c)' '
	LD_DEBUG=bindings acct -C book client list --names 2>debug >out &&
	test_grep "^acme$" out &&
	if grep "libgit2.*normal symbol .mbedtls_x509_crt_parse_file" debug >bind
	then
		test_grep "to [^ ]*acct \[0\]: normal symbol" bind
	else
		say "# libgit2 loads no certificates through mbedTLS here"
	fi
'

test_expect_success !SANITIZED 'libgit2 starts without HAVEGE or OpenSSL'"'"'s error strings (cmd/tls.c)' '
	LD_DEBUG=bindings acct -C book client show acme >out 2>debug &&
	test_grep "^name: *Acme$" out &&
	for sym in mbedtls_havege_init mbedtls_havege_poll
	do
		if grep "normal symbol .$sym." debug >bind
		then
			test_grep "to [^ ]*acct \[0\]: normal symbol" bind &&
			! grep -v "to [^ ]*acct \[0\]: normal symbol" bind ||
			return 1
		else
			say "# nothing here calls $sym"
		fi
	done &&
	if grep "normal symbol .libssh2_init." debug >bind
	then
		: libgit2 calls the program'"'"'s, which calls libssh2'"'"'s &&
		test_grep "libgit2[^ ]* \[0\] to [^ ]*acct \[0\]" bind &&
		test_grep "acct \[0\] to [^ ]*libssh2[^ ]* \[0\]" bind
	else
		say "# nothing here calls libssh2_init"
	fi
'

test_expect_success !SANITIZED 'libcrypto and libc are the first libraries looked in' '
	LD_DEBUG=libs acct --version >out 2>debug &&
	sed -n "s/.*find library=\\([^ ;]*\\).*/\\1/p" debug >libs &&
	head -n 2 libs >first &&
	printf "%s\n" libcrypto.so.3 libc.so.6 >expect &&
	test_cmp expect first
'

test_expect_success 'the book is clean after all of this' '
	git -C book status --porcelain --untracked-files=all >status &&
	test_must_be_empty status &&
	git -C book diff --cached --quiet
'

test_done
