#!/usr/bin/env python3
"""Kill an import of 2,000 answers at random moments (issue 14, point 5).

STRESS_RUNS times (default 50), a fresh book gets `acct nps import` of
STRESS_ANSWERS answers (default 2,000), and SIGINT, SIGTERM or SIGKILL in
turn: half of the runs at a random moment of the import's length, half
at a random call of it (the Nth lock file, object, rename; the branch's
move; the index's) through tests/fault/fault.c. Each run must leave the
book as before (no answer) or with the whole import (all of them):
git status and git fsck --strict clean, and after SIGINT or SIGTERM no
lock or temporary file at all. After SIGKILL the next writing command
explains the stale lock; the lock it names is removed, as a user would,
and the command after that must find the book as before or whole.

Prints one summary line; exits 1 at the first run that breaks the rule,
keeping its book in build/stress/kill-import.
"""

import os
import random
import signal
import subprocess
import sys
import time

from common import FAULT, Book, check_clean, fail, remove_stale_lock, scratch

RUNS = int(os.environ.get("STRESS_RUNS", "50"))
ANSWERS = int(os.environ.get("STRESS_ANSWERS", "2000"))
SEED = int(os.environ.get("STRESS_SEED", str(int(time.time()))))
SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL]


def survey(path, n):
    with open(path, "w") as f:
        f.write("client,date,respondent,score,comment\n")
        for i in range(n):
            f.write("acme,2026-%02d-%02d,Respondent %d,%d,comment %d\n"
                    % (1 + i % 10, 1 + i % 28, i, i % 11, i))


def a_call(rng):
    """A rule of fault.c stopping the import at one of its calls."""
    where = rng.choice(["open:.yaml.lock", "write:.yaml.lock",
                        "rename:.yaml.lock", "open:objects/",
                        "rename:refs/heads/main.lock",
                        "rename:.git/index.lock", "open:acct/journal"])
    if where.endswith(".yaml.lock") or where == "open:objects/":
        where += "@%d" % rng.randint(1, ANSWERS)
    return where


def one_run(root, run, rng, length, counts):
    book = Book(root, "run%d" % run)
    if book.acct("client", "add", "Acme", "-q").returncode:
        raise RuntimeError("client add failed")
    csv = os.path.join(root, "survey.csv")
    sig = SIGNALS[run % 3]
    env = dict(book.env)
    timed = run % 2 == 0 or not os.path.exists(FAULT)
    if timed:
        delay = rng.uniform(0, 1.2 * length)
        how = "%s after %.2f s" % (sig.name, delay)
    else:
        rule = a_call(rng)
        env["LD_PRELOAD"] = FAULT
        env["ACCT_FAULT"] = "%s=%s" % (rule, sig.name[3:])
        how = "%s at %s" % (sig.name, rule)
    p = subprocess.Popen(["acct", "nps", "import", csv], cwd=book.path,
                         env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    if timed:
        try:
            p.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            p.send_signal(sig)
    err = p.communicate()[1]
    status = p.returncode
    problems = []
    if status not in (0, -sig):
        problems.append("exit status %d: %s" % (status, err))
    removed = []
    if status == -signal.SIGKILL:
        # The next writing command explains the stale lock(s); remove them.
        for _ in range(4):
            out = book.acct("client", "add", "Probe", "-q")
            if out.returncode == 0:
                break
            gone = remove_stale_lock(book, out.stderr)
            if out.returncode != 1 or not gone:
                problems.append("after SIGKILL: %s" % out.stderr)
                break
            removed.append(gone)
    answers = len(book.files_in_head("clients/acme/nps"))
    if answers not in (0, ANSWERS):
        problems.append("%d answers, not 0 or %d" % (answers, ANSWERS))
    problems += check_clean(book, status == -signal.SIGKILL)
    if problems:
        fail("run %d (%s, exit %s): %s" % (run, how, status,
                                           "\n".join(problems)), root)
    counts[sig.name if status == -sig else "finished first"] += 1
    counts["committed" if answers else "before"] += 1
    counts["timed" if timed else "at a call"] += 1
    counts["stale locks removed"] += len(removed)
    subprocess.run(["rm", "-rf", book.path])


def main():
    rng = random.Random(SEED)
    root = scratch("kill-import")
    survey(os.path.join(root, "survey.csv"), ANSWERS)
    start = time.time()
    # One whole import first: how long one takes, and that it works.
    book = Book(root, "whole")
    book.acct("client", "add", "Acme", "-q")
    t = time.time()
    out = book.acct("nps", "import", os.path.join(root, "survey.csv"))
    length = time.time() - t
    if out.returncode or len(book.files_in_head("clients/acme/nps")) != ANSWERS:
        fail("the import itself failed: " + out.stderr, root)
    subprocess.run(["rm", "-rf", book.path])
    counts = {k: 0 for k in ("SIGINT", "SIGTERM", "SIGKILL",
                             "finished first", "committed",
                             "before", "timed", "at a call",
                             "stale locks removed")}
    for run in range(RUNS):
        one_run(root, run, rng, length, counts)
    subprocess.run(["rm", "-rf", root])
    print("stress kill-import: %d runs of a %d-answer import (%.1f s each), "
          "killed by %d SIGINT, %d SIGTERM, %d SIGKILL (%d at a random "
          "moment, %d at a random call; %d finished first); "
          "%d left as before, %d whole; "
          "%d stale locks explained and removed; all clean "
          "(seed %d, %.0f s)" %
          (RUNS, ANSWERS, length, counts["SIGINT"], counts["SIGTERM"],
           counts["SIGKILL"], counts["timed"], counts["at a call"],
           counts["finished first"], counts["before"], counts["committed"],
           counts["stale locks removed"], SEED, time.time() - start))


if __name__ == "__main__":
    main()
