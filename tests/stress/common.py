"""What the stress scripts share: a clean environment for acct and git, a
book to work in, and the checks every run ends with.

Python 3 standard library only. The environment is the one tests/t's
test-lib.sh gives: HOME in the scratch folder with a git identity, no
system git config, C.UTF-8, TZ=UTC, a fixed "today" (ACCT_NOW).
"""

import os
import re
import shutil
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(os.environ.get("ACCT_BUILD", os.path.join(TOP, "build")))
ACCT = os.path.join(BUILD, "acct")
FAULT = os.path.join(BUILD, "tests", "libfault.so")
NOW = "2026-11-23T09:00+00:00"


def scratch(name, parent=None):
    """A fresh scratch folder <parent>/<name> (parent: build/stress), with
    HOME in it."""
    root = os.path.join(parent or os.path.join(BUILD, "stress"), name)
    shutil.rmtree(root, ignore_errors=True)
    home = os.path.join(root, "home")
    os.makedirs(home)
    with open(os.path.join(home, ".gitconfig"), "w") as f:
        f.write("[user]\n\tname = Stress Test\n\temail = stress@example.com\n"
                "[init]\n\tdefaultBranch = main\n")
    return root


def environment(root):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ACCT_", "GIT_", "LD_PRELOAD"))}
    env.update({
        "PATH": BUILD + ":/usr/local/bin:/usr/bin:/bin",
        "HOME": os.path.join(root, "home"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CEILING_DIRECTORIES": root,
        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC",
        "EDITOR": ":", "ACCT_NOW": NOW,
    })
    env.pop("NO_COLOR", None)
    env.pop("VISUAL", None)
    return env


class Book:
    """A book at `path`, with `env` for every command run in it."""

    def __init__(self, root, name="book"):
        self.root = root
        self.path = os.path.join(root, name)
        self.env = environment(root)
        self.env["ACCT_DIR"] = self.path
        out = self.run(["acct", "init", self.path], cwd=root)
        if out.returncode:
            raise RuntimeError("acct init: " + out.stderr)

    def run(self, argv, cwd=None, env=None, timeout=600):
        return subprocess.run(argv, cwd=cwd or self.path, env=env or self.env,
                              capture_output=True, text=True, timeout=timeout)

    def git(self, *args):
        out = self.run(["git"] + list(args))
        if out.returncode:
            raise RuntimeError("git %s: %s" % (" ".join(args), out.stderr))
        return out.stdout

    def acct(self, *args):
        return self.run(["acct"] + list(args))

    def files_in_head(self, prefix):
        out = self.git("ls-tree", "-r", "--name-only", "HEAD", "--", prefix)
        return [l for l in out.splitlines() if l]


STALE = re.compile(r"remove '([^']+)' and run acct again")


def remove_stale_lock(book, err, min_age=0.0):
    """
    What a user does with the message about a lock a killed acct left:
    remove the file it names. With others still writing, a lock is only
    taken for stale when acct says its maker is no longer running, or
    when it is `min_age` seconds old (no acct holds one that long).
    Returns the path removed, or None.
    """
    m = STALE.search(err)
    if not m or "may be running" not in err and "may be updating" not in err:
        return None
    path = os.path.join(book.path, m.group(1))
    try:
        if ("no longer running" not in err and
                time.time() - os.stat(path).st_mtime < min_age):
            return None
        os.unlink(path)
    except FileNotFoundError:
        pass
    return m.group(1)


def strays(book):
    """Lock files and acct's temporary files anywhere in the book."""
    found = []
    for d, dirs, files in os.walk(book.path):
        for f in files:
            rel = os.path.relpath(os.path.join(d, f), book.path)
            if (f.endswith(".lock") or f.startswith("acct-index")
                    or rel == os.path.join(".git", "acct", "journal")
                    or rel.startswith(os.path.join(".git", "acct", "orig-"))):
                found.append(rel)
    return found


def check_clean(book, killed):
    """
    The checks every run ends with: git status clean, git fsck --strict
    clean, nothing stray. After SIGKILL, libgit2's temporary object files
    may stay, as git's own do (git gc removes them); fsck names them and
    nothing else. Returns a list of problems (empty when all is well).
    """
    problems = []
    st = book.run(["git", "status", "--porcelain", "--untracked-files=all"])
    if st.returncode or st.stdout:
        problems.append("git status is not clean:\n" + st.stdout + st.stderr)
    fsck = book.run(["git", "fsck", "--strict", "--no-dangling"])
    lines = [l for l in (fsck.stdout + fsck.stderr).splitlines()
             if not (killed and re.match(r"bad sha1 file: .*tmp_object_git2_", l))]
    if fsck.returncode or lines:
        problems.append("git fsck --strict:\n" + "\n".join(lines))
    left = strays(book)
    if left:
        problems.append("left behind: " + ", ".join(sorted(left)[:10]))
    return problems


def fail(msg, root):
    print(msg, file=sys.stderr)
    print("the scratch folder is kept: " + root, file=sys.stderr)
    sys.exit(1)
