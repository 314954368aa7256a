#!/bin/sh
# shellcheck disable=SC2016

test_description='the bench book generator (tools/bench/genbook.py)

make bench measures acct on books made by git fast-import rather than by
acct; so that the generator cannot rot, a tiny book of its is read here
by acct'"'"'s commands without a word on stderr, is made the same twice,
and its records are byte for byte what acct itself writes: each entry
and NPS answer made again with acct log and acct nps in a fresh book
gives the same file at the same path under the same commit message, and
each client'"'"'s name gives its folder'"'"'s slug.'

. ./test-lib.sh

T=$TRASH_DIRECTORY
GEN=$TEST_DIRECTORY/../../tools/bench/genbook.py

command -v python3 >/dev/null 2>&1 && test_set_prereq PYTHON

# The bench's "today" and environment (tools/bench/run.py).
ACCT_NOW=2026-11-02T09:00+00:00
export ACCT_NOW

test_expect_success PYTHON 'a tiny book is made and checked' '
	python3 -B "$GEN" --clients 6 --entries 60 --nps 12 --pull 5 \
		--check "$ACCT_BUILD/acct" "$T/tiny" >out 2>err &&
	test_must_be_empty err &&
	test_grep "6 clients, 60 entries, 12 NPS answers" out &&
	test_path_is_missing "$T/tiny.tmp"
'

test_expect_success PYTHON 'one commit a record, the pull branch on top' '
	git -C "$T/tiny" rev-list --count master >n &&
	n=$(cat n) &&
	git -C "$T/tiny" ls-files "clients/*/log/*" >entries &&
	test_line_count = 60 entries &&
	git -C "$T/tiny" ls-files "clients/*/nps/*" >answers &&
	test_line_count = 12 answers &&
	git -C "$T/tiny" ls-files "clients/*/client.yaml" >cards &&
	test_line_count = 6 cards &&
	git -C "$T/tiny" ls-files "clients/*/brief.md" "clients/*/metrics/*" >more &&
	test $n = $((1 + 60 + 12 + 6 + $(wc -l <more))) &&
	git -C "$T/tiny" rev-list --count master..bench-pull >actual &&
	echo 5 >expect &&
	test_cmp expect actual
'

test_expect_success PYTHON 'git status is clean, fsck is clean' '
	git -C "$T/tiny" status --porcelain >st &&
	test_must_be_empty st &&
	git -C "$T/tiny" fsck --strict --no-progress 2>err &&
	test_must_be_empty err
'

test_expect_success PYTHON 'acct reads the book without a word on stderr' '
	# The client with the most entries, as the bench takes.
	git -C "$T/tiny" ls-files "clients/*/log/*" | cut -d/ -f2 |
		uniq -c | sort -k1,1nr -k2 >counts &&
	slug=$(sed -n "1s/.* //p" counts) &&
	for cmd in "agenda --all" "report --all --period 2026-10" \
		"history $slug" "timeline $slug --since 2024-01-01" "todo" \
		"nps" "client list --all" "health" "metric"
	do
		acct -C "$T/tiny" $cmd >out 2>err &&
		test_must_be_empty err &&
		test_file_not_empty out || return 1
	done
'

test_expect_success PYTHON 'the book after the pull is read too' '
	git clone -q "$T/tiny" "$T/pulled" &&
	git -C "$T/pulled" merge -q --ff-only origin/bench-pull &&
	acct -C "$T/pulled" agenda --all >out 2>err &&
	test_must_be_empty err
'

test_expect_success PYTHON 'the same arguments make the same commits' '
	python3 -B "$GEN" --clients 6 --entries 60 --nps 12 --pull 5 \
		"$T/again" >out &&
	git -C "$T/tiny" rev-parse master bench-pull >expect &&
	git -C "$T/again" rev-parse master bench-pull >actual &&
	test_cmp expect actual &&
	git -C "$T/tiny" rev-parse master >expect &&
	python3 -B "$GEN" --clients 6 --entries 60 --nps 12 --seed 7 \
		"$T/other" >out &&
	git -C "$T/other" rev-parse master >actual &&
	! test_cmp expect actual 2>/dev/null
'

# remake.py GENERATED FRESH: every client, entry, NPS answer and metric
# file of the GENERATED book made again in the FRESH book by acct, from
# the fields of the generated file; prints each difference in the file,
# its path or its commit message, and "remade N" at the end.
cat >"$T/remake.py" <<'EOF'
import os, re, subprocess, sys
gen, fresh = sys.argv[1], sys.argv[2]
ID = re.compile(r" <!-- id:[0-9a-f]+ -->")

def git(book, *a):
    return subprocess.run(["git", "-C", book] + list(a), check=True,
                          capture_output=True, text=True).stdout

def acct(*a, inp=None):
    p = subprocess.run(["acct", "-C", fresh] + list(a), input=inp,
                       capture_output=True, text=True)
    if p.returncode or p.stderr:
        print("acct %s: %d %s" % (" ".join(a), p.returncode, p.stderr))
    return p.stdout.strip()

def fields(text):
    d = {}
    for line in text.splitlines():
        k, _, v = line.partition(": ")
        d[k] = v[1:-1] if v.startswith('"') else v
    return d

def compare(path, made):
    want = open(os.path.join(gen, path), encoding="utf-8").read()
    got = open(os.path.join(fresh, made), encoding="utf-8").read()
    if made != path:
        print("path: %s made as %s" % (path, made))
    if ID.sub("", want) != ID.sub("", got):
        print("text of %s:\n%s\n--- acct wrote:\n%s" % (path, want, got))
    # The subject (and the trailer) of the commit that added it.
    w = git(gen, "log", "--format=%B", "--diff-filter=A", "-1", "--", path)
    g = git(fresh, "log", "--format=%B", "-1")
    if w != g:
        print("commit of %s: %r, acct: %r" % (path, w, g))

n = 0
files = git(gen, "ls-files", "clients").split()
for card in [f for f in files if f.endswith("/client.yaml")]:
    slug = card.split("/")[1]
    name = fields(open(os.path.join(gen, card), encoding="utf-8").read())["name"]
    made = acct("client", "add", name, "--since", "2024-01-01")
    if made != slug:
        print("slug of %r: acct %s, generator %s" % (name, made, slug))
    n += 1
# In the order of their commits, as "-2" names and anonymous-<n> go.
order = git(gen, "log", "--reverse", "--format=", "--name-only",
            "--diff-filter=A", "master").split()
for path in [p for p in order if p.startswith("clients/")]:
    slug = path.split("/")[1]
    text = open(os.path.join(gen, path), encoding="utf-8").read()
    if "/log/" in path:
        _, head, body = text.split("---\n", 2)
        f = fields(head)
        args = ["log", slug, f["summary"], "--channel", f["channel"],
                "--kind", f["kind"], "--by", f["by"], "-q",
                "--date", f["date"], "-F", "-"]
        if "direction" in f:
            args += ["--direction", f["direction"]]
        acct(*args, inp=ID.sub("", body))
    elif "/nps/" in path:
        f = fields(text)
        args = ["nps", slug, f["score"], "-q", "--date", f["date"]]
        for k in ("respondent", "role", "comment", "csat", "survey"):
            if k in f:
                args += ["--" + k, f[k]]
        acct(*args)
    elif "/metrics/" in path:
        f = fields(text)
        vals = ["%s=%s" % (k.strip(), v) for k, v in
                (l.split(": ") for l in text.splitlines() if l.startswith("  "))]
        acct("metric", slug, *vals, "--period", f["period"], "--source",
             f["source"], "--currency", f["currency"], "-q")
    else:
        continue
    made = git(fresh, "diff", "--name-only", "HEAD~1", "HEAD").strip()
    compare(path, made)
    n += 1
print("remade %d" % n)
EOF

test_expect_success PYTHON 'each record is what acct writes' '
	acct init "$T/fresh" >/dev/null &&
	python3 -B "$T/remake.py" "$T/tiny" "$T/fresh" >out &&
	git -C "$T/tiny" ls-files "clients/*/client.yaml" "clients/*/log/*" \
		"clients/*/nps/*" "clients/*/metrics/*" >records &&
	echo "remade $(wc -l <records)" >expect &&
	test_cmp expect out
'

test_done
