#!/usr/bin/env python3
"""Differential test: nplus1 against real SQLAlchemy, statement by statement.

For every case of a matrix (strategy x direction x sizes x page x notes x identity
map) it runs `nplus1 run --json` and tests/sqla_ref.py with the same arguments and
compares the statement count, each statement's SQL text and parameters, and the
error raised. Prints TAP. Exits 77 when SQLAlchemy cannot be imported.
"""
import itertools
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NPLUS1 = os.environ.get("NPLUS1", os.path.join(HERE, "..", "nplus1"))

try:
    import sqlalchemy  # noqa: F401
except ImportError:
    print("1..0 # SKIP SQLAlchemy is not installed (apt-get install python3-sqlalchemy)")
    sys.exit(77)

STRATEGIES = ["select", "joined", "selectin", "subquery", "immediate", "raise",
              "raise_on_sql", "noload"]


def cases():
    for strategy, collection in itertools.product(STRATEGIES, [False, True]):
        for orders, customers in [(100, 10), (100, 100), (40, 7)]:
            yield [strategy, "--orders", str(orders), "--customers", str(customers)] + \
                (["--collection"] if collection else [])
        yield [strategy, "--limit", "5"] + (["--collection"] if collection else [])
        yield [strategy, "--notes", "8", "--limit", "3"] + (["--collection"] if collection else [])
    # selectin's 500-key chunks around the boundary
    for n in (500, 501, 1001):
        yield ["selectin", "--orders", str(n), "--customers", str(n)]
        yield ["selectin", "--orders", str(n), "--customers", str(n), "--collection"]
    yield ["select", "--no-identity-map"]
    yield ["select", "--orders", "40", "--customers", "3", "--no-identity-map"]


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 3):
        raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), p.returncode, p.stderr.strip()))
    return json.loads(p.stdout)


def compare(args):
    ours = run([NPLUS1, "run", "--json"] + args)
    ref = run([sys.executable, os.path.join(HERE, "sqla_ref.py")] + args)
    if ours["queries"] != ref["queries"]:
        return "queries: nplus1 %d, SQLAlchemy %d" % (ours["queries"], ref["queries"])
    if len(ours["statements"]) != len(ref["statements"]):
        return "statements listed: nplus1 %d, SQLAlchemy %d" % (
            len(ours["statements"]), len(ref["statements"]))
    for i, (a, b) in enumerate(zip(ours["statements"], ref["statements"])):
        if a["sql"] != b["sql"]:
            return "statement %d SQL differs:\n  nplus1:     %r\n  SQLAlchemy: %r" % (
                i + 1, a["sql"], b["sql"])
        if a["params"] != b["params"]:
            return "statement %d params differ: nplus1 %r, SQLAlchemy %r" % (
                i + 1, a["params"][:10], b["params"][:10])
    if ours.get("error") != ref.get("error"):
        return "error: nplus1 %r, SQLAlchemy %r" % (ours.get("error"), ref.get("error"))
    return None


def main():
    all_cases = list(cases())
    print("1..%d" % len(all_cases))
    failed = 0
    for n, args in enumerate(all_cases, 1):
        try:
            problem = compare(args)
        except Exception as e:  # a crash or bad JSON is a failure, not a test error
            problem = str(e)
        label = " ".join(args)
        if problem:
            failed += 1
            print("not ok %d - %s" % (n, label))
            for line in problem.splitlines():
                print("# " + line)
        else:
            print("ok %d - %s" % (n, label))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
