#!/usr/bin/env python3
"""Four writers at once while a fifth kills (issue 14, point 10).

For STRESS_SECONDS (default 60), four writers run random writing commands
on one book: client add, log, nps, todo add, todo done, client set,
brief --section. Each command carries a marker of its own (MKw<writer>n
<number>z) in the text it writes. A fifth process sends SIGINT, SIGTERM or
SIGKILL to one of the running acct processes at random moments. A writer
whose command fails because a killed one left a lock does what the
message says (removes it, once acct says its maker is gone or the lock
is old) and goes on.

Afterwards git fsck --strict and git status are clean, no lock or
temporary file is left, and in the history every command that exited 0
added its marker in exactly one commit, a command that failed in none,
and a killed one in one or none. Prints one summary line; exits 1 when a
rule is broken, keeping the book in build/stress/writers.
"""

import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

from common import Book, check_clean, fail, remove_stale_lock, scratch

SECONDS = float(os.environ.get("STRESS_SECONDS", "60"))
WRITERS = int(os.environ.get("STRESS_WRITERS", "4"))
SEED = int(os.environ.get("STRESS_SEED", str(int(time.time()))))
CLIENTS = ["acme", "beta", "gamma"]
SECTIONS = ["kpi", "audience", "budget", "deadlines", "competitors"]
MARK = re.compile(r"MKw\d+n\d+z")
DONE = re.compile(r"\[x\] [^\n]*?(MKw\d+n\d+z)")


class Shared:
    def __init__(self):
        self.lock = threading.Lock()
        self.running = {}		# pid -> Popen
        self.results = []		# (marker, kind, outcome)
        self.kills = {"SIGINT": 0, "SIGTERM": 0, "SIGKILL": 0}
        self.killed = set()		# pids
        self.stale = 0
        self.any_sigkill = False


def command(rng, w, n, todo, tmp):
    """A random writing command with marker MKw<w>n<n>z: (kind, marker, argv)."""
    mk = "MKw%dn%dz" % (w, n)
    client = rng.choice(CLIENTS)
    kind = rng.choice(["client add", "log", "nps", "todo add", "todo done",
                       "client set", "brief"])
    if kind == "todo done" and not todo:
        kind = "todo add"
    if kind == "client add":
        return kind, mk, ["client", "add", "Stress " + mk, "-q"]
    if kind == "log":
        return kind, mk, ["log", client, "Call " + mk, "--channel", "call"]
    if kind == "nps":
        return kind, mk, ["nps", client, str(rng.randint(0, 10)),
                          "--respondent", mk, "--comment", "Said " + mk]
    if kind == "todo add":
        return kind, mk, ["todo", "add", client, "Do " + mk]
    if kind == "todo done":
        done = todo.pop(rng.randrange(len(todo)))
        return kind, "done " + done, ["todo", "done", done]
    if kind == "client set":
        return kind, mk, ["client", "set", client, "x" + mk, mk]
    path = os.path.join(tmp, mk + ".md")
    with open(path, "w") as f:
        f.write("Text " + mk + "\n")
    return kind, mk, ["brief", client, "--section", rng.choice(SECTIONS),
                      "-F", path]


def todo_id(book, marker):
    """The id of the open action item whose text has `marker`."""
    out = book.acct("todo", "--json")
    m = re.search(r'"id": "([0-9a-f]+)",[^}]*"text": "Do %s"' % marker,
                  out.stdout)
    return m.group(1) if m else None


def writer(book, shared, w, deadline, seed):
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(dir=book.root)
    todo = []			# markers of the items this writer added
    n = 0
    while time.time() < deadline:
        n += 1
        kind, mk, argv = command(rng, w, n, todo, tmp)
        if kind == "todo done":
            marker = mk[5:]
            tid = todo_id(book, marker)
            if not tid:
                continue
            argv = ["todo", "done", tid]
            mk = "done " + marker
        p = subprocess.Popen(["acct"] + argv, cwd=book.path, env=book.env,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
        with shared.lock:
            shared.running[p.pid] = p
        err = p.communicate()[1]
        with shared.lock:
            del shared.running[p.pid]
            killed = p.pid in shared.killed
        if p.returncode == 0:
            outcome = "ok"
            if kind == "todo add":
                todo.append(mk)
        elif p.returncode < 0 or killed:
            outcome = "killed"
        elif p.returncode == 1:
            outcome = "failed"
            if remove_stale_lock(book, err, min_age=5.0):
                with shared.lock:
                    shared.stale += 1
        else:
            outcome = "usage %d: %s" % (p.returncode, err)
        with shared.lock:
            shared.results.append((mk, kind, outcome))


def killer(shared, deadline, rng):
    while time.time() < deadline:
        time.sleep(rng.uniform(0.2, 1.0))
        sig = rng.choice([signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
        with shared.lock:
            if not shared.running:
                continue
            pid = rng.choice(sorted(shared.running))
            shared.running[pid].send_signal(sig)
            shared.killed.add(pid)
            shared.kills[sig.name] += 1
            shared.any_sigkill |= sig == signal.SIGKILL


def added_markers(book):
    """
    How many commits added each marker (and each "done <marker>"): the
    commits where it is on more lines after than before (a diff may show a
    line that only moved as removed and added again).
    """
    log = book.git("log", "-p", "--no-color", "--format=commit %H")
    counts = {}
    net = {}

    def close():
        for k, d in net.items():
            if d > 0:
                counts[k] = counts.get(k, 0) + 1
        net.clear()

    for line in log.splitlines():
        if line.startswith("commit "):
            close()
            continue
        if line[:1] not in "+-" or line.startswith(("+++", "---")):
            continue
        # A ticked box names its item's marker too: that is the done's.
        done = set(DONE.findall(line))
        keys = (set(MARK.findall(line)) - done) | {"done " + m for m in done}
        for k in keys:
            net[k] = net.get(k, 0) + (1 if line[0] == "+" else -1)
    close()
    return counts


def main():
    rng = random.Random(SEED)
    root = scratch("writers")
    book = Book(root)
    for c in CLIENTS:
        book.acct("client", "add", c.capitalize(), "-q")
    shared = Shared()
    start = time.time()
    deadline = start + SECONDS
    threads = [threading.Thread(target=writer, args=(book, shared, w + 1,
                                                     deadline, rng.random()))
               for w in range(WRITERS)]
    threads.append(threading.Thread(target=killer,
                                    args=(shared, deadline, rng)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # What the last kill left: the next writing command explains it.
    for _ in range(4):
        out = book.acct("client", "add", "Final", "-q")
        if out.returncode == 0:
            break
        if not remove_stale_lock(book, out.stderr):
            fail("the book does not take a change any more: " + out.stderr,
                 root)
        shared.stale += 1
    problems = check_clean(book, shared.any_sigkill)
    counts = added_markers(book)
    tally = {}
    for mk, kind, outcome in shared.results:
        tally[outcome] = tally.get(outcome, 0) + 1
        n = counts.get(mk, 0)
        if (outcome == "ok" and n != 1) or (outcome == "failed" and n) or \
           (outcome == "killed" and n > 1) or outcome.startswith("usage"):
            problems.append("%s (%s) exited %s, and %d commits added it"
                            % (mk, kind, outcome, n))
    if problems:
        fail("stress writers:\n" + "\n".join(problems[:20]), root)
    commits = int(book.git("rev-list", "--count", "HEAD"))
    subprocess.run(["rm", "-rf", root])
    print("stress writers: %.0f s, %d writers: %d commands (%d exited 0, "
          "%d failed, %d killed), %d commits; %d kills (%d SIGINT, "
          "%d SIGTERM, %d SIGKILL); %d stale locks removed; every record "
          "once, fsck and status clean (seed %d)" %
          (time.time() - start, WRITERS, len(shared.results),
           tally.get("ok", 0), tally.get("failed", 0),
           tally.get("killed", 0), commits,
           sum(shared.kills.values()), shared.kills["SIGINT"],
           shared.kills["SIGTERM"], shared.kills["SIGKILL"], shared.stale,
           SEED))


if __name__ == "__main__":
    main()
