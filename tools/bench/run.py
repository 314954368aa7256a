#!/usr/bin/env python3
"""Measure acct against its references on a generated book: `make bench`.

    run.py --acct ACCT --floor FLOOR --book DIR --small DIR [--runs N]
           [--history-runs N] [--only NAME,...]

Each row runs its acct command and its reference side by side: one run of
each to warm up (and to fill acct's cache when it has one), then RUNS runs
each (3 for a row whose warm-up takes over 2 s), alternating, and prints
the medians, their ratio and the issue's target (issue 19). A writing
command (`acct log`) and its reference are measured on the book as
generated: after each run the book is put back (not timed; see
Restore). The peak RSS of each acct command comes from its warm-up run,
made under /usr/bin/time (`%M`). Timings are never asserted: a MISS is
information, and the exit status is 0 unless a command failed.

The environment is pinned: ACCT_NOW (the book's "today"), TZ=UTC,
GIT_AUTHOR_DATE and GIT_COMMITTER_DATE, LANG=C.UTF-8, NO_COLOR=1.
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

NOW = "2026-11-02T09:00+00:00"
PERIOD = "2026-10"
SINCE = "2026-10-01"
TIME = "/usr/bin/time"
# A row whose warm-up takes more than SLOW seconds runs SLOW_RUNS times.
SLOW = 2.0
SLOW_RUNS = 3
ENV = {
    "ACCT_NOW": NOW,
    "TZ": "UTC",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "NO_COLOR": "1",
    "GIT_AUTHOR_DATE": "2026-11-02T09:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-11-02T09:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
}
ENTRY = """The client wants the plan by Friday.

## Decisions
- Raise bids by 15% in search ads

## Actions
- [ ] Send the media plan @anna due:2026-11-06
- [ ] Update the price feed @client due:2026-11-09
"""
PLAIN = "The plan for the week is in the shared folder.\n"


class Failed(Exception):
    pass


def spawn(argv, cwd, env, rss=None):
    """
    Runs argv: (seconds, exit status, stderr). With rss, a file, under
    /usr/bin/time, which writes the peak RSS (kB) there. Not ru_maxrss
    from our own wait4(): a child of this Python counts Python's pages,
    copied by fork or lent by vfork, until its exec.
    """
    if rss:
        argv = [TIME, "-f", "%M", "-o", rss] + argv
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.run(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=err)
        took = time.perf_counter() - t0
        err.seek(0)
        return took, p.returncode, err.read()


class Side:
    """One command of a row: how to run it, and what to do after a run."""

    def __init__(self, label, argv, cwd=None, env=None, before=None,
                 after=None, acct=False):
        self.label, self.argv, self.cwd = label, argv, cwd
        self.env = dict(os.environ, **ENV, **(env or {}))
        self.before, self.after = before, after
        self.acct = acct
        self.times = []
        self.rss = 0

    def run_once(self, timed=True):
        """
        One run (each of its commands); its seconds. The untimed one (the
        warm-up) of an acct command runs under /usr/bin/time for its peak
        RSS.
        """
        if self.before:
            self.before()
        took = 0
        with tempfile.NamedTemporaryFile("r") as f:
            for argv in self.argv:
                t, code, err = spawn(argv, self.cwd, self.env,
                                     f.name if self.acct and not timed
                                     else None)
                if code or (self.acct and err):
                    raise Failed("%s: exit %d\n%s" % (
                        " ".join(argv), code,
                        err.decode(errors="replace")[:1500]))
                took += t
                if self.acct and not timed:
                    f.seek(0)
                    self.rss = max(self.rss, int(f.read().split()[-1]))
        if self.after:
            self.after()
        if timed:
            self.times.append(took)
        return took

    def median(self):
        return statistics.median(self.times) if self.times else None


class Row:
    def __init__(self, name, what, a, b, target, runs):
        self.name, self.what, self.a, self.b = name, what, a, b
        self.target, self.runs = target, runs
        self.error = None

    def ratio(self):
        ma, mb = self.a.median(), self.b.median()
        return ma / mb if ma is not None and mb else None


def git(book, *args, capture=False):
    p = subprocess.run(["git", "-C", book] + list(args), env=dict(
        os.environ, **ENV), stdout=subprocess.PIPE if capture else
        subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode:
        raise Failed("git %s: %s" % (" ".join(args), p.stderr.strip()))
    return p.stdout.strip() if capture else None


def book_facts(book):
    head = git(book, "rev-parse", "master", capture=True)
    commits = int(git(book, "rev-list", "--count", "master", capture=True))
    files = len(git(book, "ls-files", capture=True).splitlines())
    try:
        pull = int(git(book, "rev-list", "--count", "master..bench-pull",
                       capture=True))
    except Failed:
        pull = 0
    return head, commits, files, pull


class Restore:
    """
    Puts the book back as generated after a writing run: HEAD, index and
    work tree. `git reset --hard` on 110,000 files costs seconds, so when
    all that changed since `head` is files added (acct log, git commit,
    a fast-forward of entries), those files are removed, the branch is
    moved back and the index saved at the start is put back (its stat
    data still matches every other file); anything else is reset.
    """

    def __init__(self, book, head, tmp):
        self.book, self.head = book, head
        git(book, "reset", "-q", "--hard", head)
        if git(book, "status", "--porcelain", capture=True):
            raise Failed("%s: not clean after git reset --hard" % book)
        self.index = os.path.join(git(book, "rev-parse", "--git-dir",
                                      capture=True), "index")
        if not os.path.isabs(self.index):
            self.index = os.path.join(book, self.index)
        self.saved = os.path.join(tmp, "index.%d" % id(self))
        shutil.copy2(self.index, self.saved)

    def __call__(self):
        z = git(self.book, "diff", "-z", "--name-status", "--no-renames",
                self.head, "HEAD", capture=True).split("\0")
        status, paths = z[0:-1:2], z[1::2]
        if any(st != "A" for st in status):
            git(self.book, "reset", "-q", "--hard", self.head)
            shutil.copy2(self.index, self.saved)
            return
        for p in paths:
            path = os.path.join(self.book, p)
            os.unlink(path)
            d = os.path.dirname(path)
            while d != self.book and not os.listdir(d):
                os.rmdir(d)
                d = os.path.dirname(d)
        git(self.book, "update-ref", "HEAD", self.head)
        shutil.copy2(self.saved, self.index + ".bench")
        os.replace(self.index + ".bench", self.index)

    def check(self):
        """The book is as generated (git status: this one costs)."""
        if git(self.book, "rev-parse", "HEAD", capture=True) != self.head or \
                git(self.book, "status", "--porcelain", capture=True):
            raise Failed("%s: not as generated after the bench" % self.book)


def busiest(book):
    """The slug with the most log entries (ties: the first by name)."""
    counts = {}
    for path in git(book, "ls-files", "clients/*/log/*", capture=True).split():
        slug = path.split("/")[1]
        counts[slug] = counts.get(slug, 0) + 1
    return min(counts, key=lambda s: (-counts[s], s)), counts


def kname(n):
    """100000 as 100k, 1000 as 1k."""
    return "%dk" % (n // 1000) if n >= 1000 and n % 1000 == 0 else str(n)


def rows(args, book, small):
    acct, floor = os.path.abspath(args.acct), os.path.abspath(args.floor)
    npull = book_facts(book)[3]
    back, sback = args.back, args.sback
    slug, counts = busiest(book)
    sslug = busiest(small)[0]
    nocache = {"ACCT_NO_CACHE": "1"}
    r = []
    args.big_name = kname(sum(counts.values()))
    args.small_name = kname(len(git(small, "ls-files", "clients/*/log/*",
                                    capture=True).split()))

    def log_rows(name, body, summary, channel):
        """The rows of acct log of one entry: beside git, beside 1k."""
        entry = os.path.join(args.tmp, name + ".md")
        with open(entry, "w") as f:
            f.write(body)

        def log_argv(b, s):
            return [[acct, "-C", b, "log", s, summary, "--channel", channel,
                     "-F", entry, "-q"]]

        # git's side writes the file acct writes, at the same path, before
        # the clock starts; then git add and git commit with its message.
        Side("probe", log_argv(book, slug), acct=True).run_once(timed=False)
        path = git(book, "diff", "--name-only", "HEAD~1", "HEAD", capture=True)
        with open(os.path.join(book, path), "rb") as f:
            text = f.read()
        msg = git(book, "log", "-1", "--format=%B", capture=True)
        back()

        def write_entry():
            os.makedirs(os.path.dirname(os.path.join(book, path)),
                        exist_ok=True)
            with open(os.path.join(book, path), "wb") as f:
                f.write(text)
        what = "a post-meeting note with action items" if name == "log" \
            else "a message without action items"
        label = "acct log" if name == "log" else "acct log, no actions"
        r.append(Row(name, "`acct log` / `git add F && git commit` of the "
                     "same entry (%s)" % what,
                     Side(label, log_argv(book, slug), after=back,
                          acct=True),
                     Side("git add+commit",
                          [["git", "add", path],
                           ["git", "commit", "-q", "-m", msg]],
                          cwd=book, before=write_entry, after=back),
                     0.10, args.runs))
        r.append(Row(name + "-1k", "`acct log` on the %s book / on a %s-entry "
                     "book (%s)" % (args.big_name, args.small_name, what),
                     Side(label, log_argv(book, slug), after=back,
                          acct=True),
                     Side("%s (%s book)" % (label, args.small_name),
                          log_argv(small, sslug), after=sback, acct=True),
                     2, args.runs))

    log_rows("log", ENTRY, "Agreed the November budget", "call")
    log_rows("log-plain", PLAIN, "Sent the weekly plan", "chat")
    r.append(Row("agenda", "`acct agenda --all`, warm / the floor (each card "
                 "+ newest entry)",
                 Side("acct agenda", [[acct, "-C", book, "agenda", "--all"]],
                      acct=True),
                 Side("floor agenda", [[floor, "agenda", book]]),
                 1.5, args.runs))
    r.append(Row("agenda-nocache", "`acct agenda --all`, ACCT_NO_CACHE=1 / "
                 "`git grep -c '^direction:' -- 'clients/*/log/*'`",
                 Side("acct agenda (no cache)",
                      [[acct, "-C", book, "agenda", "--all"]], env=nocache,
                      acct=True),
                 Side("git grep -c", [["git", "grep", "-c", "^direction:",
                                       "--", "clients/*/log/*"]], cwd=book),
                 1, args.runs))
    r.append(Row("report", "`acct report --all --period %s`, warm / the "
                 "floor (each card + the month's entries)" % PERIOD,
                 Side("acct report", [[acct, "-C", book, "report", "--all",
                                       "--period", PERIOD]], acct=True),
                 Side("floor report", [[floor, "report", book, PERIOD]]),
                 2, args.runs))
    r.append(Row("history", "`acct history %s` / `git log --format=%%H -- "
                 "clients/%s`" % (slug, slug),
                 Side("acct history", [[acct, "-C", book, "history", slug]],
                      acct=True),
                 Side("git log", [["git", "log", "--format=%H", "--",
                                   "clients/%s" % slug]], cwd=book),
                 1, args.history_runs))
    r.append(Row("show", "`acct client show %s` / `git rev-parse HEAD`" % slug,
                 Side("acct client show", [[acct, "-C", book, "client", "show",
                                            slug]], acct=True),
                 Side("git rev-parse", [["git", "rev-parse", "HEAD"]], cwd=book),
                 3, args.runs))
    r.append(Row("timeline", "`acct timeline %s --since %s` / `git rev-parse "
                 "HEAD`" % (slug, SINCE),
                 Side("acct timeline", [[acct, "-C", book, "timeline", slug,
                                         "--since", SINCE]], acct=True),
                 Side("git rev-parse", [["git", "rev-parse", "HEAD"]], cwd=book),
                 3, args.runs))
    if npull:
        agenda = [[acct, "-C", book, "agenda", "--all"]]

        def pull():
            git(book, "merge", "-q", "--ff-only", "bench-pull")

        def unpull():
            # Back to the book as generated, and acct warm on it again.
            back()
            subprocess.run(agenda[0], env=dict(os.environ, **ENV),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        r.append(Row("pull", "the first `acct agenda --all` after `git pull` of "
                     "%s new entries / warm" % format(npull, ","),
                     Side("acct agenda after pull", agenda, before=pull,
                          after=unpull, acct=True),
                     Side("acct agenda warm", agenda, acct=True),
                     3, args.pull_runs))
    return r, slug, counts[slug]


def ms(s):
    if s is None:
        return "-"
    v = s * 1000
    return format(round(v), ",") if v >= 100 else "%.1f" % v


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--acct", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--book", required=True)
    ap.add_argument("--small", required=True)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--history-runs", type=int, default=3)
    ap.add_argument("--pull-runs", type=int, default=5)
    ap.add_argument("--only", help="the rows to run: log,agenda,...")
    args = ap.parse_args()
    book, small = os.path.abspath(args.book), os.path.abspath(args.small)
    args.tmp = tempfile.mkdtemp(prefix="acct-bench.")
    if not os.access(TIME, os.X_OK):
        sys.exit("bench: %s is missing (apt-get install time)" % TIME)
    head, commits, files, npull = book_facts(book)
    try:
        # A run cut short may have left a book moved: back first.
        args.back = Restore(book, head, args.tmp)
        args.sback = Restore(small, book_facts(small)[0], args.tmp)
        table, slug, nslug = rows(args, book, small)
    except Failed as e:
        sys.exit("bench: %s" % e)
    if args.only:
        keep = args.only.split(",")
        table = [t for t in table if t.name in keep]
    load = os.getloadavg()
    print("acct bench: %s, %s commits, %s files; HEAD %s; %s entries of "
          "%s; today %s" % (book, format(commits, ","), format(files, ","),
                            head[:12], nslug, slug, NOW))
    print("%s, %d CPUs, load %.2f %.2f %.2f; %s; medians of %d runs "
          "(history %d, pull %d; %d when the warm-up takes over %g s) "
          "after a warm-up" % (
              platform.node(), os.cpu_count(), *load,
              subprocess.run(["git", "--version"], capture_output=True,
                             text=True).stdout.strip(),
              args.runs, args.history_runs, args.pull_runs, SLOW_RUNS, SLOW))
    print()
    failed = 0
    t0 = time.monotonic()
    for row in table:
        try:
            warm = max(row.a.run_once(timed=False),
                       row.b.run_once(timed=False))
            # A row of seconds a run: its noise is small beside it.
            if warm > SLOW:
                row.runs = min(row.runs, SLOW_RUNS)
            for _ in range(row.runs):
                row.a.run_once()
                row.b.run_once()
        except Failed as e:
            row.error = str(e)
            failed += 1
        sys.stderr.write("bench: %s done (%.0f s)\n" % (
            row.name, time.monotonic() - t0))
    print("| measure | runs | acct ms | reference ms | ratio | target | |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for row in table:
        if row.error:
            print("| %s | | | | | <= %g | ERROR |" % (row.what, row.target))
            continue
        ratio = row.ratio()
        print("| %s | %d | %s | %s | %s | <= %g | %s |" % (
            row.what, row.runs, ms(row.a.median()), ms(row.b.median()),
            "%.2f" % ratio if ratio is not None else "-", row.target,
            "PASS" if ratio is not None and ratio <= row.target else "MISS"))
    rss = {}
    for row in table:
        for side in (row.a, row.b):
            if side.acct and side.rss:
                key = side.label
                rss[key] = max(rss.get(key, 0), side.rss)
    if rss:
        top = max(rss.values())
        print("| peak RSS of any acct command (%s) | | %.1f MB | | | <= 64 MB | %s |" % (
            max(rss, key=rss.get), top / 1024,
            "PASS" if top <= 64 * 1024 else "MISS"))
        print()
        print("| acct command | peak RSS |")
        print("| --- | ---: |")
        for k in sorted(rss, key=lambda k: -rss[k]):
            print("| %s | %.1f MB |" % (k, rss[k] / 1024))
    for back in (args.back, args.sback):
        try:
            back.check()
        except Failed as e:
            print("bench: %s" % e, file=sys.stderr)
            failed += 1
    for row in table:
        if row.error:
            print("\n%s: %s" % (row.name, row.error), file=sys.stderr)
    shutil.rmtree(args.tmp, ignore_errors=True)
    print("\n(took %.0f s; load at the end %.2f %.2f %.2f)" % (
        time.monotonic() - t0, *os.getloadavg()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
