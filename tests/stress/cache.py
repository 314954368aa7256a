#!/usr/bin/env python3
"""The cache of facts answers as the files do (issue 19, "The cache").

A book of a few clients is changed at random, STRESS_CACHE_OPS times
(default 40), in every way a book changes: through acct (log, nps, todo,
client set, metric, brief), through git (commit, reset --hard, checkout of
a path, stash and pop, revert), and by hand (a card edited, broken and
mended; an entry written, removed, or edited and then `git add`ed; files
touched; the cache itself damaged or removed). After each change every
reading command's --json (agenda --all, health, report --all, client
list, client show, timeline, todo, nps, brief --check), and the
portfolio in every other format (md, html, latex, man), is run twice with
the cache (what changed is seen, then the cache as written is read) and
once with ACCT_NO_CACHE=1, and the three must be the same bytes, with the
same messages and exit status.

An entry edited in place by hand and not added is the one change the
cache may show late (the README says so): this script adds every hand
edit of an entry before it compares.

STRESS_CACHE_SEED picks the changes (default: the time); the seed is
printed, and the book is kept under build/stress/cache when a comparison
fails. Prints one summary line.
"""

import json
import os
import random
import shutil
import subprocess
import sys
import time

from common import Book, fail, scratch

OPS = int(os.environ.get("STRESS_CACHE_OPS", "40"))
SEED = int(os.environ.get("STRESS_CACHE_SEED", str(int(time.time()))))
CLIENTS = ["Acme", "Beta Labs", "Gamma", "Delta Foods"]
NAMES = ["Ivan Petrov", "Anna Lee", "Olga", "Sam Stone"]
CHANNELS = ["call", "meeting", "email", "chat", "other"]
KINDS = ["note", "postmeet", "message", "report", "review", "request"]


class Run:
    def __init__(self, book, rng):
        self.book = book
        self.rng = rng
        self.n = 0
        self.day = 0		# days after 2026-09-01 of the next commit
        self.compared = 0
        self.kinds = {}

    def stamp(self):
        """Commits a day or so apart, from September to November 2026."""
        self.day += self.rng.choice([0, 1, 1, 2])
        t = time.gmtime(time.mktime((2026, 9, 1, 10, 0, 0, 0, 0, 0)) +
                        min(self.day, 80) * 86400 + self.n * 60)
        when = time.strftime("%Y-%m-%dT%H:%M:%S+0000", t)
        self.book.env["GIT_AUTHOR_DATE"] = when
        self.book.env["GIT_COMMITTER_DATE"] = when

    def acct(self, *args):
        return self.book.acct(*args)

    def git(self, *args):
        return self.book.run(["git"] + list(args))

    def slugs(self):
        out = self.acct("client", "list", "--names")
        return [s for s in out.stdout.split() if s]

    def entries(self, slug=None):
        found = []
        top = os.path.join(self.book.path, "clients")
        for d, _, files in os.walk(top):
            if "/log/" not in d + "/":
                continue
            if slug and not d.startswith(os.path.join(top, slug) + "/"):
                continue
            found += [os.path.join(d, f) for f in files]
        return sorted(found)


def body(rng):
    lines = ["Talked it over.", "", "## Decisions", "- Keep the budget", "",
             "## Actions"]
    for _ in range(rng.randint(0, 3)):
        due = "2026-%02d-%02d" % (rng.randint(9, 12), rng.randint(1, 28))
        box = rng.choice(["[ ]", "[ ]", "[x]"])
        who = rng.choice(["@anna", "@client", ""])
        lines.append("- %s %s %s due:%s" % (box, rng.choice(
            ["Send the plan", "Call back", "Fix the feed"]), who, due))
    return "\n".join(lines) + "\n"


def op_log(r):
    s = r.rng.choice(r.slugs())
    path = os.path.join(r.book.root, "body.md")
    with open(path, "w") as f:
        f.write(body(r.rng))
    r.acct("log", s, "Talk %d" % r.n, "--channel", r.rng.choice(CHANNELS),
           "--kind", r.rng.choice(KINDS), "--direction",
           r.rng.choice(["out", "in"]), "--date",
           "2026-%02d-%02d" % (r.rng.randint(6, 11), r.rng.randint(1, 22)),
           "-F", path, "-q")


def op_nps(r):
    s = r.rng.choice(r.slugs())
    more = []
    if r.rng.random() < 0.5:
        more = ["--csat", str(r.rng.randint(1, 5)), "--role",
                r.rng.choice(["CMO", "CEO"]), "--survey", "2026-Q4"]
    r.acct("nps", s, str(r.rng.randint(0, 10)), "--respondent",
           r.rng.choice(NAMES), "--comment", "Said %d" % r.n, "--date",
           "2026-%02d-%02d" % (r.rng.randint(3, 11), r.rng.randint(1, 22)),
           *more)


def op_set(r):
    s = r.rng.choice(r.slugs())
    key, value = r.rng.choice([("status", "paused"), ("status", "active"),
                               ("status", "active"),
                               ("cadence.contact", "2w"),
                               ("cadence.call", "1m"),
                               ("timezone", "Europe/Berlin"),
                               ("hours", "09:00-18:00"),
                               ("goals.kpi", "leads >= 10 /month")])
    r.acct("client", "set", s, key, value)


def op_todo(r):
    out = r.acct("todo", "--json")
    try:
        items = json.loads(out.stdout).get("items", [])
    except ValueError:
        items = []
    if items:
        it = r.rng.choice(items)
        r.acct("todo", "done" if r.rng.random() < 0.7 else "reopen",
               it.get("id", "x"))
    else:
        r.acct("todo", "add", r.rng.choice(r.slugs()), "Do %d" % r.n,
               "--due", "2026-11-%02d" % r.rng.randint(1, 28))


def op_metric(r):
    r.acct("metric", r.rng.choice(r.slugs()), "leads=%d" % r.rng.randint(1, 30),
           "spend=%d" % r.rng.randint(100, 900), "--period",
           r.rng.choice(["2026-09", "2026-10"]))


def op_brief(r):
    s = r.rng.choice(r.slugs())
    path = os.path.join(r.book.root, "section.md")
    with open(path, "w") as f:
        f.write(r.rng.choice(["Families, 25-45.", "leads >= 20 /month",
                              "CPL <= 900 RUB"]) + "\n")
    r.acct("brief", s, "--section", r.rng.choice(["audience", "kpi",
                                                  "budget"]), "-F", path)


def op_card_by_hand(r):
    s = r.rng.choice(r.slugs())
    path = os.path.join(r.book.path, "clients", s, "client.yaml")
    with open(path) as f:
        text = f.read()
    what = r.rng.choice(["manager", "status", "break", "mend", "since"])
    lines = [l for l in text.splitlines()
             if not l.startswith(("manager:", "status:", "broken", "since:"))]
    if what == "manager":
        lines.append("manager: %s <x%d@agency.example>" % (
            r.rng.choice(NAMES), r.n))
    elif what == "status":
        lines.append("status: %s" % r.rng.choice(["active", "lead", "paused"]))
    elif what == "break":
        lines.append("broken: [unclosed")
    elif what == "since":
        lines.append("since: 2026-0%d-01" % r.rng.randint(1, 9))
    if not any(l.startswith("status:") for l in lines):
        lines.append("status: active")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def op_entry_by_hand(r):
    s = r.rng.choice(r.slugs())
    day = "2026-%02d-%02d" % (r.rng.randint(7, 11), r.rng.randint(1, 22))
    d = os.path.join(r.book.path, "clients", s, "log", day[:4])
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "%sT1%03d-by-hand.md" % (day, r.n % 1000))
    text = ("---\ndate: %sT10:00+00:00\nchannel: %s\nkind: %s\n"
            "summary: By hand %d\n---\n%s" % (
                day, r.rng.choice(CHANNELS), r.rng.choice(KINDS), r.n,
                body(r.rng)))
    if r.rng.random() < 0.2:
        text = "---\ndate: never\n---\n"		# a bad one
    with open(path, "w") as f:
        f.write(text)
    if r.rng.random() < 0.5:
        r.git("add", path)


def op_entry_remove(r):
    files = r.entries()
    if files:
        os.unlink(r.rng.choice(files))


def op_entry_edit_and_add(r):
    files = r.entries()
    if not files:
        return
    path = r.rng.choice(files)
    with open(path) as f:
        text = f.read()
    if "[ ]" in text and r.rng.random() < 0.5:
        text = text.replace("[ ]", "[x]", 1)
    elif "kind: " in text:
        old = text.split("kind: ", 1)[1].split("\n", 1)[0]
        text = text.replace("kind: " + old, "kind: " + r.rng.choice(KINDS), 1)
    else:
        text = text.replace("Talked", "Spoke", 1)
    with open(path, "w") as f:
        f.write(text)
    r.git("add", path)
    if r.rng.random() < 0.5:
        r.git("commit", "-q", "-m", "edit by hand")


def op_git(r):
    what = r.rng.choice(["commit", "reset", "checkout", "stash", "revert"])
    if what == "commit":
        r.git("add", "-A")
        r.git("commit", "-q", "-m", "by hand %d" % r.n)
    elif what == "reset":
        r.git("reset", "-q", "--hard", "HEAD~%d" % r.rng.randint(1, 2))
    elif what == "checkout":
        s = r.rng.choice(r.slugs())
        r.git("checkout", "HEAD~1", "--", "clients/" + s)
    elif what == "stash":
        files = r.entries()
        if files:
            with open(r.rng.choice(files), "a") as f:
                f.write("\nMore words.\n")
        r.git("stash", "-q")
        compare(r, "git stash")
        r.git("stash", "pop", "-q")
        r.git("add", "-A")
    else:
        r.git("revert", "--no-edit", "HEAD")


def op_touch(r):
    files = r.entries()
    for path in r.rng.sample(files, min(3, len(files))):
        os.utime(path, None)


def op_cache(r):
    top = os.path.join(r.book.path, ".git", "acct")
    facts = os.path.join(top, "facts")
    what = r.rng.choice(["remove", "truncate", "flip", "detail", "version"])
    if not os.path.exists(facts):
        return
    if what == "remove":
        os.unlink(facts)
    elif what == "truncate":
        with open(facts, "r+b") as f:
            f.truncate(os.path.getsize(facts) // 2)
    elif what == "flip":
        with open(facts, "r+b") as f:
            f.seek(os.path.getsize(facts) // 2)
            b = f.read(1)
            f.seek(-1, 1)
            f.write(bytes([b[0] ^ 0x40]))
    elif what == "detail":
        d = os.path.join(top, "facts.s")
        names = sorted(os.listdir(d)) if os.path.isdir(d) else []
        if len(names) > 1:
            # Another shard of details in its place: it must not match.
            shutil.copy(os.path.join(d, names[0]), os.path.join(d, names[1]))
    else:
        with open(facts, "r+b") as f:
            text = f.read()
            f.seek(0)
            f.write(text.replace(b"\n0.", b"\n9.", 1))


OPERATIONS = [
    (op_log, 6), (op_nps, 3), (op_set, 3), (op_todo, 2), (op_metric, 1),
    (op_brief, 1), (op_card_by_hand, 3), (op_entry_by_hand, 3),
    (op_entry_remove, 2), (op_entry_edit_and_add, 3), (op_git, 3),
    (op_touch, 1), (op_cache, 2),
]


def readers(r):
    slugs = r.slugs()
    argvs = [["agenda", "--all", "--json"], ["health", "--json"],
             ["report", "--all", "--period", "2026-11", "--format", "json"],
             ["report", "--all", "--period", "2026-11", "--format", "md"],
             ["report", "--all", "--period", "2026-Q4", "--format", "html"],
             ["report", "--all", "--period", "2026-11", "--format", "latex"],
             ["report", "--all", "--period", "2026-10", "--format", "man"],
             ["client", "list", "--json"], ["todo", "--json"],
             ["nps", "--json"], ["brief", "--check", "--json"]]
    for s in slugs[:2]:
        argvs += [["client", "show", s, "--json"],
                  ["timeline", s, "--json"], ["health", s, "--json"]]
    return argvs


def outcome(r, argv, cache):
    env = dict(r.book.env)
    if not cache:
        env["ACCT_NO_CACHE"] = "1"
    out = r.book.run(["acct"] + argv, env=env)
    return (out.returncode, out.stdout, out.stderr)


def compare(r, what):
    for argv in readers(r):
        cold = outcome(r, argv, True)
        warm = outcome(r, argv, True)
        plain = outcome(r, argv, False)
        for name, got in (("with the cache", cold),
                          ("with the cache written", warm)):
            if got != plain:
                diff = "\n".join(
                    "%s: %r\n  no cache: %r" % (k, str(a)[:600], str(b)[:600])
                    for k, a, b in zip(("status", "stdout", "stderr"),
                                       got, plain) if a != b)
                fail("cache.py: seed %d, after change %d (%s): acct %s "
                     "differs %s from ACCT_NO_CACHE=1:\n%s" % (
                         SEED, r.n, what, " ".join(argv), name, diff),
                     r.book.root)
        r.compared += 1


def main():
    root = scratch("cache")
    book = Book(root)
    rng = random.Random(SEED)
    r = Run(book, rng)
    r.stamp()
    for i, name in enumerate(CLIENTS):
        r.acct("client", "add", name, "--since", "2026-0%d-01" % (i + 1),
               "-q")
    ops, weights = zip(*OPERATIONS)
    for r.n in range(1, OPS + 1):
        r.stamp()
        op = rng.choices(ops, weights)[0]
        op(r)
        name = op.__name__[3:]
        r.kinds[name] = r.kinds.get(name, 0) + 1
        compare(r, name)
    shutil.rmtree(root, ignore_errors=True)
    print("stress cache: seed %d, %d changes (%s), %d comparisons of "
          "--json with and without the cache: all the same" % (
              SEED, OPS, ", ".join("%s %d" % kv for kv in
                                   sorted(r.kinds.items())), r.compared))


if __name__ == "__main__":
    main()
