#!/usr/bin/env python3
"""Measure acct against its references on a generated book: `make bench`.

    run.py --acct ACCT --floor FLOOR --book DIR --small DIR [--runs N]
           [--history-runs N] [--only NAME,...]

Each row runs its acct command and its reference side by side: one run of
each to warm up (and to fill acct's cache when it has one), then RUNS runs
each, alternating, and prints the medians, their ratio and the issue's
target (issue 19). A writing command (`acct log`) and its reference are
measured on the book as generated: after each run the book is put back
with `git reset --hard` (not timed). The peak RSS of each acct command
comes from one more run under /usr/bin/time (`%M`). Timings are never
asserted: a MISS is information, and the exit status is 0 unless a
command failed.

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


class Failed(Exception):
    pass


class Side:
    """One command of a row: how to run it, and what to do after a run."""

    def __init__(self, label, argv, cwd=None, env=None, before=None,
                 after=None, acct=False, ok=(0,)):
        self.label, self.argv, self.cwd = label, argv, cwd
        self.env = dict(os.environ, **ENV, **(env or {}))
        self.before, self.after = before, after
        self.acct, self.ok = acct, ok
        self.times = []
        self.rss = None

    def run_once(self, timed=True):
        if self.before:
            self.before()
        t0 = time.perf_counter()
        for argv in self.argv:
            p = subprocess.run(argv, cwd=self.cwd, env=self.env,
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
            if p.returncode not in self.ok or (self.acct and p.stderr):
                raise Failed("%s: exit %d\n%s" % (
                    " ".join(argv), p.returncode,
                    p.stderr.decode(errors="replace")[:1500]))
        took = time.perf_counter() - t0
        if self.after:
            self.after()
        if timed:
            self.times.append(took)
        return took

    def measure_rss(self, time_bin):
        """The peak RSS of each process of the side, in kB (the largest)."""
        if self.before:
            self.before()
        peak = 0
        with tempfile.NamedTemporaryFile("r") as f:
            for argv in self.argv:
                p = subprocess.run([time_bin, "-f", "%M", "-o", f.name] + argv,
                                   cwd=self.cwd, env=self.env,
                                   stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
                if p.returncode not in self.ok:
                    raise Failed("%s: exit %d" % (" ".join(argv), p.returncode))
                f.seek(0)
                peak = max(peak, int(f.read().split()[-1]))
        if self.after:
            self.after()
        self.rss = peak
        return peak

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


def restore(book, head):
    """The book as generated: HEAD, index and work tree."""
    def go():
        git(book, "reset", "-q", "--hard", head)
    return go


def busiest(book):
    """The slug with the most log entries (ties: the first by name)."""
    counts = {}
    for path in git(book, "ls-files", "clients/*/log/*", capture=True).split():
        slug = path.split("/")[1]
        counts[slug] = counts.get(slug, 0) + 1
    return min(counts, key=lambda s: (-counts[s], s)), counts


def rows(args, book, small):
    acct, floor = os.path.abspath(args.acct), os.path.abspath(args.floor)
    head, _, _, npull = book_facts(book)
    shead = book_facts(small)[0]
    slug, counts = busiest(book)
    sslug = busiest(small)[0]
    nocache = {"ACCT_NO_CACHE": "1"}
    entry = os.path.join(args.tmp, "entry.md")
    with open(entry, "w") as f:
        f.write(ENTRY)
    summary = "Agreed the November budget"

    def log_argv(b, s):
        return [[acct, "-C", b, "log", s, summary, "--channel", "call",
                 "-F", entry, "-q"]]

    # git's side of the log row writes the same file acct writes, at
    # the same path, before the clock starts: then git add and commit.
    probe = Side("probe", log_argv(book, slug), acct=True)
    probe.run_once(timed=False)
    path = git(book, "diff", "--name-only", "HEAD~1", "HEAD", capture=True)
    with open(os.path.join(book, path), "rb") as f:
        text = f.read()
    msg = git(book, "log", "-1", "--format=%B", capture=True)
    restore(book, head)()

    def write_entry():
        os.makedirs(os.path.dirname(os.path.join(book, path)), exist_ok=True)
        with open(os.path.join(book, path), "wb") as f:
            f.write(text)

    back, sback = restore(book, head), restore(small, shead)
    r = []
    r.append(Row("log", "`acct log` / `git add F && git commit` of the same "
                 "entry", Side("acct log", log_argv(book, slug), after=back,
                               acct=True),
                 Side("git add+commit", [["git", "add", path],
                                         ["git", "commit", "-q", "-m", msg]],
                      cwd=book, before=write_entry, after=back),
                 0.10, args.runs))
    r.append(Row("log-1k", "`acct log` on the 100k book / on a 1k-entry book",
                 Side("acct log", log_argv(book, slug), after=back, acct=True),
                 Side("acct log (1k)", log_argv(small, sslug), after=sback,
                      acct=True),
                 2, args.runs))
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
    ap.add_argument("--time", default="/usr/bin/time")
    args = ap.parse_args()
    book, small = os.path.abspath(args.book), os.path.abspath(args.small)
    if not os.access(args.time, os.X_OK):
        sys.exit("bench: %s is missing (apt-get install time)" % args.time)
    args.tmp = tempfile.mkdtemp(prefix="acct-bench.")
    head, commits, files, npull = book_facts(book)
    # A run cut short may have left the book moved: put it back first.
    restore(book, head)()
    restore(small, book_facts(small)[0])()
    try:
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
          "(history %d, pull %d) after a warm-up" % (
              platform.node(), os.cpu_count(), *load,
              subprocess.run(["git", "--version"], capture_output=True,
                             text=True).stdout.strip(),
              args.runs, args.history_runs, args.pull_runs))
    print()
    failed = 0
    t0 = time.monotonic()
    for row in table:
        try:
            row.a.run_once(timed=False)
            row.b.run_once(timed=False)
            for _ in range(row.runs):
                row.a.run_once()
                row.b.run_once()
            for side in (row.a, row.b):
                if side.acct:
                    side.measure_rss(args.time)
        except Failed as e:
            row.error = str(e)
            failed += 1
        sys.stderr.write("bench: %s done (%.0f s)\n" % (
            row.name, time.monotonic() - t0))
    print("| measure | acct ms | reference ms | ratio | target | |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for row in table:
        if row.error:
            print("| %s | | | | <= %g | ERROR |" % (row.what, row.target))
            continue
        ratio = row.ratio()
        print("| %s | %s | %s | %s | <= %g | %s |" % (
            row.what, ms(row.a.median()), ms(row.b.median()),
            "%.2f" % ratio if ratio is not None else "-", row.target,
            "PASS" if ratio is not None and ratio <= row.target else "MISS"))
    rss = {}
    for row in table:
        for side in (row.a, row.b):
            if side.acct and side.rss is not None:
                key = side.label
                rss[key] = max(rss.get(key, 0), side.rss)
    if rss:
        top = max(rss.values())
        print("| peak RSS of any command (%s) | %.1f MB | | | <= 64 MB | %s |" % (
            max(rss, key=rss.get), top / 1024,
            "PASS" if top <= 64 * 1024 else "MISS"))
        print()
        print("| acct command | peak RSS |")
        print("| --- | ---: |")
        for k in sorted(rss, key=lambda k: -rss[k]):
            print("| %s | %.1f MB |" % (k, rss[k] / 1024))
    for row in table:
        if row.error:
            print("\n%s: %s" % (row.name, row.error), file=sys.stderr)
    shutil.rmtree(args.tmp, ignore_errors=True)
    print("\n(took %.0f s)" % (time.monotonic() - t0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
