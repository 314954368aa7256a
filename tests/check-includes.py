#!/usr/bin/env python3
"""The include graph of lib/: no cycles, and nothing of cmd/ (issue 18).

A module is a header of include/acct/ (with its private lib/<name>_int.h)
and the files of lib/ that define what it declares; a module depends on
another when one of its files includes the other's header. The check fails, naming them, on a cycle among lib/'s files and
on a lib/ file that includes a header of cmd/. Prints one summary line.

    python3 tests/check-includes.py [ROOT]
    python3 tests/check-includes.py --self-test   # it can fail

Python 3 standard library only.
"""

import os
import re
import shutil
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
# A function declared in a header: "type name(" at the start of a line
# (or after a line of return type), up to the first "(".
DECL = re.compile(r'^[A-Za-z_][\w\s\*]*?\b(\w+)\s*\(', re.M)
# A function defined in a .c file: its name at the start of a line, after
# the return type, then a parameter list and a body.
DEFN = re.compile(r'^(?:[A-Za-z_][\w\s\*]*?\b)?(\w+)\s*\([^;{]*?\)\s*\{', re.M)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)


def read(path):
    with open(path, encoding="utf-8") as f:
        return COMMENT.sub("", f.read())


def module(header):
    """acct/sync.h and lib's sync_int.h are one module: "sync"."""
    name = os.path.basename(header)[:-2]
    return name[:-4] if name.endswith("_int") else name


def graph(root):
    """The modules of lib/ (a header and the files defining what it
    declares) and which module's files include which module's header."""
    lib = os.path.join(root, "lib")
    inc = os.path.join(root, "include")
    files = sorted(f for f in os.listdir(lib) if f.endswith(".c"))
    defines = {}          # function -> files of lib/
    includes = {}         # file -> headers, as written
    bad = []
    for f in files:
        text = read(os.path.join(lib, f))
        for name in DEFN.findall(text):
            if name not in ("if", "for", "while", "switch", "return", "sizeof"):
                defines.setdefault(name, set()).add(f)
        includes[f] = INCLUDE.findall(text)
        for h in includes[f]:
            local = os.path.exists(os.path.join(lib, h)) or \
                os.path.exists(os.path.join(inc, h))
            if h.startswith("../cmd/") or h.startswith("cmd/") or \
                    (not local and os.path.exists(os.path.join(root, "cmd", h))):
                bad.append("%s includes %s, a header of cmd/" % (f, h))
    members = {}          # module -> files defining what its headers declare
    for f in files:
        for h in includes[f]:
            for base in (inc, lib):
                p = os.path.join(base, h)
                if os.path.exists(p):
                    for name in DECL.findall(read(p)):
                        for g in defines.get(name, ()):
                            members.setdefault(module(h), set()).add(g)
                    break
    edges = {m: set() for m in members}
    for m, fs in members.items():
        for f in fs:
            for h in includes[f]:
                n = module(h)
                if n != m and n in members:
                    edges[m].add(n)
    return sorted(members), edges, bad

def cycles(files, edges):
    """Every cycle found by a depth-first walk, each as a list of files."""
    found, state, stack = [], {}, []

    def walk(f):
        state[f] = 1
        stack.append(f)
        for g in sorted(edges[f]):
            if state.get(g) == 1:
                found.append(stack[stack.index(g):] + [g])
            elif not state.get(g):
                walk(g)
        stack.pop()
        state[f] = 2

    sys.setrecursionlimit(10000)
    for f in files:
        if not state.get(f):
            walk(f)
    return found


def check(root, quiet=False):
    files, edges, bad = graph(root)
    loops = cycles(files, edges)
    for c in loops:
        bad.append("a cycle: " + " -> ".join(c))
    n = sum(len(e) for e in edges.values())
    if bad:
        if quiet:
            return 1
        for b in bad:
            print("check-includes: " + b, file=sys.stderr)
        print("check-includes: %d modules of lib/, %d dependencies: %d problems"
              % (len(files), n, len(bad)))
        return 1
    if quiet:
        return 0
    print("check-includes: %d modules of lib/, %d dependencies, no cycle, "
          "nothing of cmd/" % (len(files), n))
    return 0


def self_test():
    """A tree with a cycle and a cmd/ header must fail; without, pass."""
    top = tempfile.mkdtemp()
    try:
        for d in ("lib", "include/acct", "cmd"):
            os.makedirs(os.path.join(top, d))

        def put(path, text):
            with open(os.path.join(top, path), "w") as f:
                f.write(text)

        put("include/acct/a.h", "int acct_a(void);\n")
        put("include/acct/b.h", "int acct_b(void);\n")
        put("lib/a.c", '#include "acct/a.h"\n#include "acct/b.h"\n'
            "int acct_a(void)\n{\n\treturn acct_b();\n}\n")
        put("lib/b.c", '#include "acct/b.h"\n'
            "int acct_b(void)\n{\n\treturn 0;\n}\n")
        put("cmd/cmd.h", "int cmd_x(void);\n")
        ok = check(top, True) == 0
        put("lib/b.c", '#include "acct/b.h"\n#include "acct/a.h"\n'
            "int acct_b(void)\n{\n\treturn acct_a();\n}\n")
        cyc = check(top, True) == 1
        put("lib/b.c", '#include "acct/b.h"\n#include "cmd.h"\n'
            "int acct_b(void)\n{\n\treturn 0;\n}\n")
        cmd = check(top, True) == 1
    finally:
        shutil.rmtree(top)
    if ok and cyc and cmd:
        print("check-includes: self-test passed (a clean tree passes, a cycle "
              "and a cmd/ header fail)")
        return 0
    print("check-includes: self-test FAILED: clean %s, cycle %s, cmd %s"
          % (ok, cyc, cmd), file=sys.stderr)
    return 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    sys.exit(check(sys.argv[1] if len(sys.argv) > 1 else
                   os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
