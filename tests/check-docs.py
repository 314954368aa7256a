#!/usr/bin/env python3
"""The manual against the program (t9700; git's t0450 in spirit).

usage: check-docs.py ACCT MANDIR TOP [COMMAND,...]

ACCT is the binary, MANDIR the rendered pages (man1/, man5/, man7/), TOP
the source tree (README.md, cmd/). Every command of `acct --list-cmds`
must have cmd/<command>.md, a page acct-<command>.1 with the sections
of a command's page, its NAME line as the command table says it, every
usage line and every option of its -h (and of its verbs' -h) in the
page, and the exit statuses it can return; a row in the README's table;
every variable cmd/ reads from the environment in acct(1)'s
ENVIRONMENT; every acct page a page names under SEE ALSO there. Prints
one line per problem; exits 1 if there is any. With a list of commands,
only their usage and options are compared (each costs a few runs of acct).
"""
import os
import re
import subprocess
import sys

SECTIONS_1 = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS",
              "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"]
SECTIONS_57 = ["NAME", "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "SEE ALSO"]


def run(acct, *args):
    p = subprocess.run([acct, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    return p.returncode, p.stdout


def plain(roff):
    """The text of a page: escapes and fonts resolved, requests kept."""
    s = re.sub(r"\\f(\[[^\]]*\]|.)", "", roff)
    s = re.sub(r"\\\[u([0-9A-F]{4,6})\]", lambda m: chr(int(m[1], 16)), s)
    s = s.replace("\\-", "-").replace("\\&", "").replace("\\~", " ")
    return s.replace("\\e", "\\")


def sections(text):
    """{title: [lines]} of a page's .SH sections (cmark: .SH, then title)."""
    out, title, lines = {}, None, text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line == ".SH" and i + 1 < len(lines):
            title = lines[i + 1].strip()
            out[title] = []
            i += 2
            continue
        if line.startswith(".SH "):
            title = line[4:].strip().strip('"')
            out[title] = []
        elif title is not None:
            out[title].append(line)
        i += 1
    return out


def words(text):
    """The page's text on one line, runs of spaces as one."""
    body = [l for l in text.split("\n") if not l.startswith(".")]
    return " ".join(" ".join(body).split())


def help_of(acct, path):
    """Usage lines, option names and verbs of `acct PATH -h`."""
    rc, out = run(acct, *path, "-h")
    if rc != 0:
        return None
    usage, options, verbs = [], [], []
    lines = out.split("\n")
    for line in lines:
        m = re.match(r"^(usage: |   or: )(.*)$", line)
        if m:
            usage.append(m[2])
            continue
        # "    -F, --file <file>   help", "        --json   help", or
        # the left column alone on its line when it is long.
        if re.match(r"^ {4}(-\S|    --)", line):
            left = line.strip().split("  ")[0]
            options += re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", left)
    if len(usage) == 1 and "<verb>" in usage[0]:
        for line in lines:
            m = re.match(r"^ {4}([a-z][a-z-]*) {2,}\S", line)
            if m:
                verbs.append(m[1])
    return usage, options, verbs


def normal(s):
    return " ".join(s.replace("<", "").replace(">", "").split())


def main():
    acct, mandir, top = sys.argv[1:4]
    only = sys.argv[4].split(",") if len(sys.argv) > 4 else None
    problems = []

    def bad(msg):
        problems.append(msg)

    rc, out = run(acct, "--list-cmds")
    cmds = out.split()
    if rc != 0 or not cmds:
        print("acct --list-cmds gave no commands")
        return 1
    rc, acct_help = run(acct, "--help")
    summary = {}
    for line in acct_help.split("\n"):
        m = re.match(r"^ {4}(\S+) +(.*)$", line)
        if m:
            summary[m[1]] = m[2]
    readme = open(os.path.join(top, "README.md"), encoding="utf-8").read()

    pages = {}
    for sec in ("1", "5", "7"):
        d = os.path.join(mandir, "man" + sec)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if name.endswith("." + sec):
                with open(os.path.join(d, name), encoding="ascii") as f:
                    pages[name] = plain(f.read())
    for need in ("acct.1", "acct-book.5", "acct-templates.7"):
        if need not in pages:
            bad(f"{need}: no such page in {mandir}")

    # The statuses each command can return: 0, 1 and 2 always (a mistake
    # on the command line is 2 everywhere), 3 where its file says so.
    found = set()
    cmd_dir = os.path.join(top, "cmd")
    env_vars = set()
    for name in sorted(os.listdir(cmd_dir)):
        if not name.endswith(".c"):
            continue
        src = open(os.path.join(cmd_dir, name), encoding="utf-8").read()
        env_vars |= set(re.findall(r'\b(?:getenv|env)\("([A-Z_][A-Z0-9_]*)"\)',
                                   src))
        if "EXIT_FOUND" in src:
            for fn in re.findall(r"^int cmd_(\w+)\(", src, re.M):
                found.add(fn.replace("_", "-"))

    for cmd in cmds:
        page = f"acct-{cmd}.1"
        if not os.path.exists(os.path.join(cmd_dir, cmd + ".md")):
            bad(f"cmd/{cmd}.md: missing")
        if not re.search(r"^\| `acct " + re.escape(cmd) + r"[ `]", readme,
                         re.M):
            bad(f"README.md: no row for acct {cmd}")
        if page not in pages:
            bad(f"{page}: missing")
            continue
        text = pages[page]
        secs = sections(text)
        for s in SECTIONS_1:
            if s not in secs:
                bad(f"{page}: no {s} section")
        name_line = words("\n".join(secs.get("NAME", [])))
        want = f"acct-{cmd} - {summary.get(cmd, '?')}"
        if name_line != want:
            bad(f"{page}: NAME is '{name_line}', the command table says "
                f"'{want}'")
        codes = set(l.strip() for l in secs.get("EXIT STATUS", []))
        for code in ["0", "1", "2"] + (["3"] if cmd in found else []):
            if code not in codes:
                bad(f"{page}: exit status {code} is not documented")
        flat = words(text)
        flat_normal = normal(flat)
        names = set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", flat))
        todo, seen = [[cmd]] if only is None or cmd in only else [], set()
        while todo:
            path = todo.pop(0)
            if tuple(path) in seen:
                continue
            seen.add(tuple(path))
            h = help_of(acct, path)
            if h is None:
                bad(f"acct {' '.join(path)} -h failed")
                continue
            usage, options, verbs = h
            for u in usage:
                if normal(u) not in flat_normal:
                    bad(f"{page}: the usage '{u}' is not in SYNOPSIS")
                p = []
                for w in u.split()[1:]:
                    if not re.match(r"^[a-z][a-z-]*$", w):
                        break
                    p.append(w)
                todo.append(p)
            for o in options:
                if o not in names:
                    bad(f"{page}: option {o} of 'acct {' '.join(path)}' "
                        "is not in the page")
            for v in verbs:
                todo.append(path + [v])

    acct1 = pages.get("acct.1", "")
    # acct's own options: main() parses them, and `acct --help` says them.
    usage = re.search(r"^usage: (.*)$", acct_help, re.M)
    if not usage or normal(usage[1]) not in normal(words(acct1)):
        bad("acct.1: the usage of 'acct --help' is not in SYNOPSIS")
    names = set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", words(acct1)))
    for o in re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)",
                        usage[1] if usage else ""):
        if o not in names:
            bad(f"acct.1: option {o} of 'acct --help' is not in the page")
    env_text = words("\n".join(sections(acct1).get("ENVIRONMENT", [])))
    for var in sorted(env_vars):
        if not re.search(r"(?<![\w])" + var + r"(?![\w])", env_text):
            bad(f"acct.1: {var}, read in cmd/, is not in ENVIRONMENT")
    codes = set(l.strip() for l in sections(acct1).get("EXIT STATUS", []))
    for code in "0123":
        if code not in codes:
            bad(f"acct.1: exit status {code} is not documented")
    for name, text in pages.items():
        if name.endswith(".1"):
            continue
        for s in SECTIONS_57:
            if s not in sections(text):
                bad(f"{name}: no {s} section")
    for name, text in pages.items():
        for ref, sec in re.findall(r"\b(acct(?:-[a-z-]+)?)\((\d)\)", text):
            if f"{ref}.{sec}" not in pages:
                bad(f"{name}: names {ref}({sec}), which is no page")

    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
