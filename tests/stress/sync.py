#!/usr/bin/env python3
"""A team of clones shares one book through a git server (acct sync).

A bare repository, N clones (--clones, default 5: four managers and a
cron job) and one plan of OPS random operations drawn from a seed
(--ops, default 1000; --seed, or --seeds a,b,c, or STRESS_SYNC_SEEDS):

- new clients; log entries at the same minute with the same summary in
  different clones on purpose (their file names collide), half of them
  with an action item (`- [ ] Task MARK @anna`); NPS answers, anonymous
  and named; sometimes the same answer (respondent, client, day, score and
  comment) recorded in two clones, which must end as one answer; rarely
  the same respondent and day with another score in two clones, a real
  conflict; `todo add`; `todo done` of an open item the clone can see,
  whose marker is remembered as ticked; card fields set by each clone on
  a field of its own, and rarely the same field set to two values in two
  clones, a real conflict.
- `acct sync -q` at random moments, about a third of the syncs in
  parallel bursts of 2 or 3 clones; sometimes a sync started while a
  writing command runs in the same clone (the sync waits for the lock).

Every record carries a marker of its own (MK<op>z, MK<op>az ...). Every
command runs with stdin from /dev/null, in a session of its own, with a
timeout (COMMAND_TIMEOUT): a timeout is a prompt or a hang, a failure.

Real conflicts are resolved as the hints say (HINTS below, the one place
that knows acct's wording): a card field conflict by agreeing with the
other side (`acct client set <slug> <field> <theirs>`), the same answer
twice by removing this clone's answer with git (`git rm`, `git commit`);
then sync again. A push that kept being rejected is retried. Anything
else that makes sync exit non-zero is a failure: the run is stuck.

At the end every clone syncs until a round is quiet (two rounds at
least), then: one tree in every clone and on the server; git fsck
--strict clean (dangling objects allowed) in all of them; git status
empty; no lock or temporary file of acct's; every record whose command
exited 0 in exactly one file (an answer a resolution removed in none;
the same answer recorded twice, once); one answer per client, day and
respondent; every card field a clone set has the value it set last;
every ticked item `- [x]`; no conflict markers; and acct reads the book
(client list, timeline, nps --period all, todo).

Prints one summary line per seed; exits 1 at the first broken rule,
keeping the seed's scratch folder (build/stress/sync-<seed>).
Python 3 standard library only.
"""

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time

from common import ACCT, environment, scratch, strays

COMMAND_TIMEOUT = 60.0

# --- what acct says, and what a manager does about it ------------------------
#
# The one place that knows the wording of acct sync's messages.
HINTS = {
    # A card field changed to two values: agree with the other side.
    "card": re.compile(r"^conflict: (clients/([^/\s]+)/client\.yaml): "
                       r"([^:\s]+): here (.*), there (.*)$", re.M),
    # One NPS answer recorded twice with another score: drop ours.
    "nps": re.compile(r"^conflict: (\S+): the same answer twice: "
                      r"score (\d+) here, (\d+) there$", re.M),
    # Someone kept pushing in between: try again.
    "moving": re.compile(r"kept moving"),
    # A writing command that found the book locked (by a sync, say).
    "locked": re.compile(r"\.lock' exists: another acct or git process "
                         r"may be running"),
    # nps: this client, day and respondent have an answer already.
    "recorded": re.compile(r"this answer is recorded already"),
}

MARK = re.compile(r"MK[0-9]+[a-y]?z")	# ERE as well as Python's
ITEM = re.compile(r"^- \[(.)\] .*?(MK[0-9]+[a-y]?z)", re.M)
BASE_CLIENTS = ["acme", "beta", "gamma"]
SUMMARIES = ["Weekly call", "Status call"]
LOG_DAYS = range(16, 21)		# 2026-11-16 .. 20, 10:00
NPS_DAYS = range(16, 24)		# 2026-11-16 .. 23
OWN_FIELDS = ["email", "phone", "telegram", "source"]
CONFLICT_FIELD = "goals.business"
TODO_TEXTS = ["Send the updated media plan", "Check"]

# What a manager does in one step, and how often (a cron clone syncs more).
WEIGHTS = [
    ("sync", 14), ("log", 28), ("nps", 10), ("nps-twice", 3),
    ("nps-conflict", 1), ("todo-add", 8), ("todo-done", 10),
    ("set", 12), ("set-conflict", 1.5), ("client-add", 5), ("race", 5),
]
CRON_WEIGHTS = [(k, w * 3 if k == "sync" else w) for k, w in WEIGHTS]
BURST = 0.2		# a sync op is a burst of 2 or 3 clones: ~1/3 of syncs


class Broken(Exception):
    """A rule is broken: the message says which."""


def weighted(rng, table):
    x = rng.uniform(0, sum(w for _, w in table))
    for k, w in table:
        x -= w
        if x < 0:
            return k
    return table[-1][0]


def make_plan(rng, ops, names, skip=()):
    """
    The seed's plan: one dict an operation, fixed before anything runs
    (without the kinds in `skip`, to narrow a failure down).
    """
    managers = [n for n in names if n != "cron"]
    tables = [[(k, 0 if k in skip else w) for k, w in t]
              for t in (WEIGHTS, CRON_WEIGHTS)]
    plan = []
    for i in range(ops):
        clone = rng.choice(names)
        kind = weighted(rng, tables[clone == "cron"])
        if kind in ("nps-twice", "nps-conflict", "set-conflict"):
            clones = rng.sample(managers if kind == "set-conflict" and
                                len(managers) > 1 else names, 2)
        else:
            clones = [clone]
        op = {"i": i, "kind": kind, "clones": clones, "pick": rng.random()}
        if kind == "race":
            op["sub"] = rng.choice(["log", "nps", "todo-add", "set",
                                    "todo-done"])
            op["delay"] = rng.uniform(0, 0.03)
        sub = op.get("sub", kind)
        if kind == "sync" and rng.random() < BURST and len(names) > 1:
            others = [n for n in names if n != clone]
            op["clones"] = [clone] + rng.sample(others, min(len(others),
                                                           rng.choice([1, 2])))
        if sub == "log":
            op["client"] = (rng.choice(BASE_CLIENTS) if rng.random() < 0.85
                            else None)
            op["date"] = "2026-11-%02dT10:00" % rng.choice(LOG_DAYS)
            op["summary"] = rng.choice(SUMMARIES)
            op["actions"] = rng.random() < 0.5
        if sub in ("nps", "nps-twice", "nps-conflict"):
            op["date"] = "2026-11-%02d" % rng.choice(NPS_DAYS)
            op["score"] = rng.randint(0, 10)
            op["score2"] = (op["score"] + rng.randint(1, 10)) % 11
            op["named"] = rng.random() < (1.0 if kind == "nps-conflict"
                                          else 0.5)
            op["client"] = rng.choice(BASE_CLIENTS)
        if sub == "todo-add":
            op["text"] = rng.choice(TODO_TEXTS)
        if kind == "set-conflict":
            op["client"] = rng.choice(BASE_CLIENTS)
        plan.append(op)
    return plan


def describe(op):
    """An operation in words, for a failure's first line."""
    kind = op["kind"]
    if kind == "sync":
        return "a burst of syncs" if len(op["clones"]) > 1 else "sync"
    if kind == "race":
        return "sync while %s runs" % op["sub"]
    return kind


def leftovers_now(top):
    found = []
    for d, _, files in os.walk(top):
        for f in files:
            if (f.endswith((".lock", ".tmp")) or f.startswith("tmp_")
                    or f.endswith(".acct-merge")):
                found.append(os.path.relpath(os.path.join(d, f), top))
    return found


def leftovers(top, wait=30.0):
    """Lock files and temporary files of git's or acct's under `top`.

    git runs `gc --auto` detached after a push or fetch, holding
    gc.log.lock (and gc.pid) while it packs: what such a gc still holds
    is waited for, up to `wait` seconds, before it counts as left behind.
    """
    deadline = time.time() + wait
    while True:
        found = leftovers_now(top)
        gc = os.path.exists(os.path.join(top, "gc.pid")) or \
            os.path.exists(os.path.join(top, ".git", "gc.pid"))
        if not found or time.time() > deadline or not (gc or any(
                os.path.basename(f) == "gc.log.lock" or
                "objects" in f.split(os.sep) for f in found)):
            return found
        time.sleep(0.5)


class Clone:
    def __init__(self, name, path, field):
        self.name = name
        self.path = path
        self.field = field		# the card field this clone sets


class Sim:
    def __init__(self, seed, ops, nclones, verbose=False, skip=(),
                 parent=None):
        self.seed = seed
        self.ops = ops
        self.skip = skip
        self.verbose = verbose
        self.root = scratch("sync-%s" % seed, parent)
        self.env = environment(self.root)
        self.server = os.path.join(self.root, "srv.git")
        self.tmp = os.path.join(self.root, "tmp")
        os.makedirs(self.tmp)
        names = ["m%d" % (k + 1) for k in range(max(1, nclones - 1))]
        if nclones > 1:
            names.append("cron")
        self.clones = {}
        for k, n in enumerate(names):
            field = OWN_FIELDS[k] if k < len(OWN_FIELDS) else "field%d" % k
            self.clones[n] = Clone(n, os.path.join(self.root, n), field)
        self.names = names
        self.rng = random.Random("%s" % seed)
        # bookkeeping
        self.expect = {}		# marker -> 1 (there once) or 0 (not there)
        self.what = {}		# marker -> what made it
        self.removed = set()	# markers of answers a resolution removed
        self.ticked = set()
        self.last_set = {}		# (client, field) -> value
        self.sync_times = []
        self.syncs = 0
        self.burst_syncs = 0
        self.races = 0
        self.merges = 0
        self.renamed = 0
        self.resolved = {"card": 0, "nps": 0, "moving": 0}
        self.refused = {"locked": 0, "recorded": 0}
        self.lock = threading.Lock()

    # --- running commands ---------------------------------------------------

    def start(self, clone, argv):
        if self.verbose:
            print("  %s$ %s" % (clone.name, " ".join(argv)), file=sys.stderr)
        p = subprocess.Popen(argv, cwd=clone.path, env=self.env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
        p.started = time.time()
        p.argv = argv
        p.clone = clone
        return p

    def finish(self, p):
        """Wait for `p`: (returncode, stdout, stderr, seconds)."""
        left = p.started + COMMAND_TIMEOUT - time.time()
        try:
            out, err = p.communicate(timeout=max(left, 0.1))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            out, err = p.communicate()
            raise Broken("%s: %s: no answer in %.0f s (a prompt or a hang)"
                         "\nstdout: %s\nstderr: %s"
                         % (p.clone.name, " ".join(p.argv), COMMAND_TIMEOUT,
                            out, err))
        return p.returncode, out, err, time.time() - p.started

    def run(self, clone, argv):
        return self.finish(self.start(clone, argv))

    def must(self, clone, argv):
        rc, out, err, _ = self.run(clone, argv)
        if rc:
            raise Broken("%s: %s exited %d:\n%s%s"
                         % (clone.name, " ".join(argv), rc, out, err))
        return out

    def wait_all(self, procs):
        """Wait for processes running at once, each timed on its own."""
        results = [None] * len(procs)
        errors = []

        def one(k, p):
            try:
                results[k] = self.finish(p)
            except Broken as e:
                errors.append(e)

        threads = [threading.Thread(target=one, args=(k, p))
                   for k, p in enumerate(procs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise errors[0]
        return results

    # --- setting up ---------------------------------------------------------

    def setup(self):
        """The server, the first clone's book with three clients, the
        other clones."""
        here = Clone("setup", self.root, None)
        first = self.clones[self.names[0]]
        self.must(here, ["git", "init", "-q", "--bare", self.server])
        self.must(here, ["acct", "init", "-q", first.path])
        self.identity(first)
        for c in BASE_CLIENTS:
            self.must(first, ["acct", "client", "add", c.capitalize(),
                              "--slug", c, "--since", "2026-01-01", "-q"])
        self.must(first, ["acct", "sync", "-q", "--set-remote", self.server])
        for n in self.names[1:]:
            self.must(here, ["git", "clone", "-q", self.server,
                             self.clones[n].path])
            self.identity(self.clones[n])
            # The first thing to run in a new clone (README).
            self.must(self.clones[n], ["acct", "sync", "-q"])

    def identity(self, clone):
        who = "cron" if clone.name == "cron" else "Manager " + clone.name
        self.must(clone, ["git", "config", "user.name", who])
        self.must(clone, ["git", "config", "user.email",
                          clone.name + "@agency.example"])

    # --- the operations -----------------------------------------------------

    def visible_clients(self, clone):
        return sorted(os.listdir(os.path.join(clone.path, "clients")))

    def pick(self, op, seq):
        return seq[int(op["pick"] * len(seq)) % len(seq)]

    def writing(self, clone, op, kind, suffix=""):
        """
        The command of a writing operation: (argv, marker, what), or None
        when there is nothing to do (no open item to tick).
        """
        i = op["i"]
        mk = "MK%d%sz" % (i, suffix)
        if kind == "log":
            client = op["client"] or self.pick(op, self.visible_clients(clone))
            text = os.path.join(self.tmp, mk + ".md")
            with open(text, "w") as f:
                if op["actions"]:
                    f.write("Notes from the call.\n\n## Actions\n"
                            "- [ ] Task %s @anna\n" % mk)
                else:
                    f.write("Notes %s.\n" % mk)
            return (["acct", "log", client, op["summary"], "--channel",
                     "call", "--date", op["date"], "-F", text, "-q"],
                    mk, "log %s %s" % (client, op["date"]))
        if kind in ("nps", "nps-twice", "nps-conflict"):
            score = op["score2"] if suffix == "b" else op["score"]
            if kind == "nps-twice":
                mk = "MK%dz" % i	# the same answer: one marker
            argv = ["acct", "nps", op["client"], str(score), "--comment",
                    "Said " + mk, "--date", op["date"], "-q"]
            if op["named"]:
                who = ("Rival %d" if kind != "nps" else "Guest %d") % i
                argv[4:4] = ["--respondent", who]
            return argv, mk, "nps %s %s" % (op["client"], op["date"])
        if kind == "todo-add":
            client = self.pick(op, self.visible_clients(clone))
            return (["acct", "todo", "add", client,
                     "%s %s" % (op["text"], mk)], mk, "todo add " + client)
        if kind == "set":
            client = self.pick(op, self.visible_clients(clone))
            value = "v%d" % i
            return (["acct", "client", "set", client, clone.field, value],
                    None, (client, clone.field, value))
        if kind == "set-conflict":
            value = "g%d%s" % (i, suffix)
            return (["acct", "client", "set", op["client"], CONFLICT_FIELD,
                     value], None, None)
        if kind == "client-add":
            return (["acct", "client", "add", "Client " + mk, "--slug",
                     "k%d" % i, "--since", "2026-01-01", "-q"], mk,
                    "client add")
        if kind == "todo-done":
            out = self.must(clone, ["acct", "todo", "--json"])
            items = [(it["id"], MARK.search(it["text"]).group(0))
                     for it in json.loads(out)["items"]
                     if MARK.search(it["text"])]
            if not items:
                return None
            tid, mk = self.pick(op, items)
            return ["acct", "todo", "done", tid], None, ("tick", mk)
        raise AssertionError(kind)

    def outcome(self, clone, cmd, result):
        """Book-keeping of a writing command's result."""
        argv, mk, what = cmd
        rc, out, err, _ = result
        if rc == 0:
            if mk:
                with self.lock:
                    self.expect[mk] = 1
                    self.what[mk] = "%s in %s" % (what, clone.name)
            elif isinstance(what, tuple) and what[0] == "tick":
                self.ticked.add(what[1])
            elif what:
                self.last_set[what[:2]] = what[2]
            return
        for k in ("locked", "recorded"):
            if rc == 1 and HINTS[k].search(err):
                self.refused[k] += 1
                if mk:
                    self.expect.setdefault(mk, 0)
                    self.what.setdefault(mk, "%s in %s (refused)"
                                         % (what, clone.name))
                return
        raise Broken("%s: %s exited %d:\n%s%s"
                     % (clone.name, " ".join(argv), rc, out, err))

    def do_write(self, clone, op, kind, suffix=""):
        cmd = self.writing(clone, op, kind, suffix)
        if cmd:
            self.outcome(clone, cmd, self.run(clone, cmd[0]))

    # --- sync ---------------------------------------------------------------

    SYNC = ["acct", "sync", "-q", "--json"]

    def counted(self, result, burst=False):
        with self.lock:
            self.syncs += 1
            self.burst_syncs += burst
            self.sync_times.append(result[3])

    def settle(self, clone, result):
        """
        A sync's result, and what the manager does until sync exits 0.
        Returns the parsed JSON of the last sync.
        """
        for _ in range(12):
            rc, out, err, _ = result
            if rc == 0:
                try:
                    r = json.loads(out)
                except ValueError:
                    raise Broken("%s: acct sync --json printed no JSON:\n%s"
                                 % (clone.name, out))
                self.merges += r["merge"] == "merge"
                self.renamed += len(r["renamed"])
                return r
            nps = HINTS["nps"].findall(err)
            card = HINTS["card"].findall(err)
            if rc == 1 and (nps or card):
                for path, _, _ in nps:
                    self.drop_answer(clone, path)
                for _, slug, field, _, theirs in card:
                    self.must(clone, ["acct", "client", "set", slug, field,
                                      theirs])
                    self.resolved["card"] += 1
            elif rc == 1 and HINTS["moving"].search(err):
                self.resolved["moving"] += 1
            else:
                raise Broken("stuck: %s: %s exited %d:\n%s"
                             % (clone.name, " ".join(self.SYNC), rc, err))
            result = self.run(clone, self.SYNC)
            self.counted(result)
        raise Broken("stuck: %s: acct sync still fails after 12 tries:\n%s"
                     % (clone.name, result[2]))

    def drop_answer(self, clone, path):
        """Remove this clone's answer, as the hint says, with git."""
        try:
            with open(os.path.join(clone.path, path)) as f:
                text = f.read()
        except OSError as e:
            raise Broken("%s: the conflict names %s: %s"
                         % (clone.name, path, e))
        for mk in MARK.findall(text):
            self.removed.add(mk)
        self.must(clone, ["git", "rm", "-q", path])
        self.must(clone, ["git", "commit", "-q", "-m",
                          "nps: drop our answer, theirs stands"])
        self.resolved["nps"] += 1

    def sync(self, clone):
        result = self.run(clone, self.SYNC)
        self.counted(result)
        return self.settle(clone, result)

    def burst(self, clones):
        procs = [self.start(c, self.SYNC) for c in clones]
        results = self.wait_all(procs)
        for c, r in zip(clones, results):
            self.counted(r, burst=True)
        for c, r in zip(clones, results):
            self.settle(c, r)

    def race(self, clone, op):
        """A writing command, and a sync in the same clone while it runs."""
        cmd = self.writing(clone, op, op["sub"])
        if not cmd:
            return
        self.races += 1
        w = self.start(clone, cmd[0])
        time.sleep(op["delay"])
        s = self.start(clone, self.SYNC)
        wr, sr = self.wait_all([w, s])
        self.counted(sr)
        self.outcome(clone, cmd, wr)
        self.settle(clone, sr)

    # --- the run ------------------------------------------------------------

    def step(self, op):
        kind = op["kind"]
        clones = [self.clones[n] for n in op["clones"]]
        if kind == "sync":
            if len(clones) > 1:
                self.burst(clones)
            else:
                self.sync(clones[0])
        elif kind == "race":
            self.race(clones[0], op)
        elif kind in ("nps-twice", "nps-conflict", "set-conflict"):
            # Two clones, one after the other, before either syncs.
            self.do_write(clones[0], op, kind, "a" if kind != "nps-twice"
                          else "")
            self.do_write(clones[1], op, kind, "b" if kind != "nps-twice"
                          else "")
        else:
            self.do_write(clones[0], op, kind)

    def settle_all(self):
        """Everyone syncs until a round is quiet (two rounds at least)."""
        for rnd in range(1, 7):
            quiet = True
            for n in self.names:
                r = self.sync(self.clones[n])
                if r["merge"] != "none" or r["pushed"]:
                    quiet = False
            if quiet and rnd >= 2:
                return rnd
        raise Broken("six rounds of sync in every clone and still not quiet")

    # --- the checks ---------------------------------------------------------

    def git(self, where, *args):
        rc, out, err, _ = self.run(Clone(where, where, None),
                                   ["git"] + list(args))
        return rc, out, err

    def check(self):
        problems = []
        trees = {}
        for n in self.names:
            trees[n] = self.git(self.clones[n].path, "rev-parse",
                                "HEAD^{tree}")[1].strip()
        trees["server"] = self.git(self.server, "rev-parse",
                                   "main^{tree}")[1].strip()
        if len(set(trees.values())) != 1:
            problems.append("not one tree: " + ", ".join(
                "%s %s" % (k, v[:12]) for k, v in trees.items()))
        for where in [self.server] + [c.path for c in self.clones.values()]:
            rc, out, err = self.git(where, "fsck", "--strict")
            bad = [l for l in (out + err).splitlines()
                   if l and not l.startswith("dangling ")]
            if rc or bad:
                problems.append("git fsck --strict in %s:\n%s"
                                % (where, "\n".join(bad[:10])))
        for c in self.clones.values():
            rc, out, err = self.git(c.path, "status", "--porcelain",
                                    "--untracked-files=all")
            if rc or out:
                problems.append("git status in %s is not clean:\n%s%s"
                                % (c.name, out, err))
            left = strays(c) + leftovers(c.path)
            if left:
                problems.append("left behind in %s: %s"
                                % (c.name, ", ".join(sorted(set(left))[:10])))
        left = leftovers(self.server)
        if left:
            problems.append("left behind on the server: "
                            + ", ".join(sorted(left)[:10]))
        if problems:
            return problems		# the rest compares one tree
        book = self.clones[self.names[0]].path
        problems += self.check_records(book)
        problems += self.check_answers(book)
        problems += self.check_cards(book)
        rc, out, _ = self.git(book, "grep", "-n", "-E", "^(<<<<<<<|>>>>>>>)",
                              "HEAD")
        if out:
            problems.append("conflict markers:\n" + out[:2000])
        for argv in (["client", "list"], ["timeline"],
                     ["nps", "--period", "all"], ["todo"]):
            rc, out, err, _ = self.run(self.clones[self.names[0]],
                                       ["acct"] + argv)
            if rc:
                problems.append("acct %s exited %d:\n%s"
                                % (" ".join(argv), rc, err))
        return problems

    def check_records(self, book):
        problems = []
        rc, out, err = self.git(book, "grep", "-c", "-E", MARK.pattern,
                                "HEAD", "--", "clients/")
        if rc > 1:
            return ["git grep: " + err]
        files = {}			# path -> text, of files holding markers
        for line in out.splitlines():
            path = line.split(":")[1]
            files[path] = None
        found = {}			# marker -> files
        ticks = {}			# marker -> lines of action items
        for path in files:
            with open(os.path.join(book, path)) as f:
                text = f.read()
            for mk in set(MARK.findall(text)):
                found.setdefault(mk, []).append(path)
            for m in ITEM.finditer(text):
                ticks.setdefault(m.group(2), []).append(m.group(0))
        for mk in sorted(self.expect, key=lambda m: int(re.sub(r"\D", "", m))):
            want = 0 if mk in self.removed else self.expect[mk]
            got = found.get(mk, [])
            if len(got) != want:
                problems.append("%s (%s%s) is in %d files, not %d: %s"
                                % (mk, self.what[mk],
                                   ", removed by a resolution"
                                   if mk in self.removed else "",
                                   len(got), want, " ".join(got)))
        for mk in sorted(set(found) - set(self.expect)):
            problems.append("%s is in %s, but no command made it"
                            % (mk, " ".join(found[mk])))
        for mk in sorted(self.ticked):
            lines = ticks.get(mk, [])
            if not lines or any(not l.startswith("- [x]") for l in lines):
                problems.append("%s was ticked, but its line is: %s"
                                % (mk, " | ".join(lines) or "(missing)"))
        return problems

    def check_answers(self, book):
        """One answer per client, day and respondent (or anonymous text)."""
        seen = {}
        problems = []
        clients = os.path.join(book, "clients")
        for slug in sorted(os.listdir(clients)):
            top = os.path.join(clients, slug, "nps")
            for d, _, names in os.walk(top):
                for f in sorted(names):
                    path = os.path.join(d, f)
                    with open(path) as fh:
                        fields = dict(re.findall(r"^(\w+): (.*)$", fh.read(),
                                                 re.M))
                    who = fields.get("respondent")
                    key = ((slug, fields.get("date"), who) if who else
                           (slug, fields.get("date"), "", fields.get("score"),
                            fields.get("comment")))
                    seen.setdefault(key, []).append(
                        os.path.relpath(path, book))
        for key, paths in sorted(seen.items()):
            if len(paths) > 1:
                problems.append("one answer in %d files: %s"
                                % (len(paths), " ".join(paths)))
        return problems

    def check_cards(self, book):
        problems = []
        for (client, field), value in sorted(self.last_set.items()):
            try:
                with open(os.path.join(book, "clients", client,
                                       "client.yaml")) as f:
                    text = f.read()
            except OSError as e:
                problems.append("%s: %s" % (client, e))
                continue
            m = re.search(r"^%s: *(.*)$" % re.escape(field), text, re.M)
            got = m.group(1).strip("'\"") if m else None
            if got != value:
                problems.append("clients/%s/client.yaml: %s is %s, but the "
                                "last set was %s" % (client, field, got,
                                                     value))
        return problems

    def main(self):
        start = time.time()
        self.setup()
        plan = make_plan(self.rng, self.ops, self.names, self.skip)
        for op in plan:
            try:
                self.step(op)
            except Broken as e:
                raise Broken("at operation %d of %d (%s in %s):\n%s"
                             % (op["i"] + 1, self.ops, describe(op),
                                ", ".join(op["clones"]), e))
        try:
            rounds = self.settle_all()
        except Broken as e:
            raise Broken("in the last rounds of sync:\n%s" % e)
        problems = self.check()
        if problems:
            more = len(problems) - 20
            raise Broken("\n".join(problems[:20]) +
                          ("\n... and %d more" % more if more > 0 else ""))
        t = sorted(self.sync_times)
        return ("stress sync: seed %s: %d ops, %d clones, %d syncs (%d in "
                "bursts, %d beside a writing command), %d merges, %d "
                "renamed, %d conflicts resolved (%d card, %d nps), %d pushes "
                "retried, %d writes refused (%d locked, %d recorded "
                "already), quiet after %d rounds; %.0f s, sync median %.2f s, "
                "max %.2f s; one tree, fsck clean, every record once"
                % (self.seed, self.ops, len(self.names), self.syncs,
                   self.burst_syncs, self.races, self.merges, self.renamed,
                   self.resolved["card"] + self.resolved["nps"],
                   self.resolved["card"], self.resolved["nps"],
                   self.resolved["moving"],
                   sum(self.refused.values()), self.refused["locked"],
                   self.refused["recorded"], rounds, time.time() - start,
                   statistics.median(t) if t else 0, t[-1] if t else 0))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ops", type=int,
                    default=int(os.environ.get("STRESS_SYNC_OPS", "1000")))
    ap.add_argument("--clones", type=int,
                    default=int(os.environ.get("STRESS_SYNC_CLONES", "5")))
    ap.add_argument("--seed")
    ap.add_argument("--seeds",
                    default=os.environ.get("STRESS_SYNC_SEEDS", ""))
    ap.add_argument("--dir", help="where the scratch folders go "
                    "(default: build/stress)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the scratch folder of a seed that passed")
    ap.add_argument("--skip", default="",
                    help="leave these kinds of operation out of the plan "
                    "(comma-separated: %s)" % ", ".join(k for k, _ in WEIGHTS))
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="show every command")
    args = ap.parse_args()
    if args.clones < 2:
        ap.error("--clones must be 2 or more")
    if not os.access(ACCT, os.X_OK):
        ap.error("no acct to test at %s (make builds it; ACCT_BUILD is "
                 "its folder)" % ACCT)
    skip = [k for k in args.skip.split(",") if k]
    for k in skip:
        if k not in dict(WEIGHTS):
            ap.error("--skip: no kind of operation '%s'" % k)
    seeds = ([args.seed] if args.seed else
             [s for s in args.seeds.replace(" ", ",").split(",") if s] or
             [str(int(time.time()))])
    for seed in seeds:
        sim = Sim(seed, args.ops, args.clones, args.verbose, skip,
                  args.dir and os.path.abspath(args.dir))
        try:
            line = sim.main()
        except Broken as e:
            print("stress sync: seed %s, %d ops, %d clones: FAILED\n%s"
                  % (seed, args.ops, len(sim.names), e), file=sys.stderr)
            print("the scratch folder is kept: " + sim.root, file=sys.stderr)
            sys.exit(1)
        print(line, flush=True)
        if not args.keep:
            subprocess.run(["rm", "-rf", sim.root], stdin=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
