#!/usr/bin/env python3
"""Differential test: nplus1 against real SQLAlchemy, statement by statement.

Every case is a SQLAlchemy expression, given to `nplus1 run --json -e EXPR` (so the
prompt's own grammar is what is compared) and to tests/sqla_ref.py -e EXPR, which
evaluates it with real SQLAlchemy and runs the lesson loop over the result; the two
must agree on the statement count, each statement's SQL text and parameters, and
the error raised. The matrix: every loader option in both directions, in the legacy
Query and the 2.0 select() style, at several sizes, pages and widths; then WHERE,
ORDER BY, LIMIT/OFFSET, .first(), .unique(), innerjoin and chained options. Two
cases use `run STRATEGY --no-identity-map`, which no expression can say.

It runs against each SQLAlchemy it finds: the python3 one (Debian's 1.4.46) and the
unmodified 2.0.52 source in ../shared/sqlalchemy2 beside the source tree (or
$NPLUS1_SQLALCHEMY2). Where 1.4 and 2.0 behave differently nplus1 follows 2.0, and
the 1.4 run skips that case saying why. Prints TAP; exits 77 when neither is there.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NPLUS1 = os.environ.get("NPLUS1", os.path.join(HERE, "..", "nplus1"))
# configure's python3 may not be the one with SQLAlchemy (a pyenv shim): try each.
PYTHONS = [p for p in [os.environ.get("PYTHON3"), "/usr/bin/python3", "python3"] if p]
SQLA2 = os.environ.get("NPLUS1_SQLALCHEMY2") or os.path.join(
    os.environ.get("top_srcdir") or os.path.join(HERE, ".."), "..", "shared", "sqlalchemy2")

OPTIONS = ["lazyload", "joinedload", "selectinload", "subqueryload", "immediateload",
           "raiseload", "raiseload(..., sql_only=True)", "noload"]
ENTITIES = [("Order", "Order.customer"), ("Customer", "Customer.orders")]

# 1.4 lets the last of two conflicting options win; 2.0 raises before any SQL.
CONFLICT_14 = "1.4 lets the last option win; nplus1 follows 2.0, which raises"


def option(name, rel, extra=""):
    if name.endswith("sql_only=True)"):
        return "raiseload(%s, sql_only=True%s)" % (rel, extra)
    return "%s(%s%s)" % (name, rel, extra)


def query(entity, chain="", result=".all()"):
    return "session.query(%s)%s%s" % (entity, chain, result)


def scalars(entity, chain="", result=".unique().all()"):
    return "session.scalars(select(%s)%s)%s" % (entity, chain, result)


def matrix():
    """The loader options x direction x sizes x page x width, in both styles."""
    for opt in OPTIONS:
        for entity, rel in ENTITIES:
            chain = ".options(%s)" % option(opt, rel)
            paged = chain + ".order_by(%s.id).limit(%%d)" % entity
            for style in (query, scalars):
                for orders, customers in [(100, 10), (100, 100), (40, 7)]:
                    yield [style(entity, chain), "--orders", str(orders),
                           "--customers", str(customers)], None
                yield [style(entity, paged % 5)], None
                yield [style(entity, paged % 3), "--notes", "8"], None
    # selectin's 500-key chunks around the boundary
    for n in (500, 501, 1001):
        for entity, rel in ENTITIES:
            yield [scalars(entity, ".options(selectinload(%s))" % rel), "--orders", str(n),
                   "--customers", str(n)], None


def statements():
    """The 2.0 statement: its labels, WHERE, ORDER BY, page, results and options."""
    O, C = "Order", "Customer"
    oj, cj = ".options(joinedload(Order.customer))", ".options(joinedload(Customer.orders))"
    yield ["session.scalars(select(Order)).all()"], None
    yield ["session.scalars(select(Customer)).all()"], None
    yield ["select(Order).options(selectinload(Order.customer))"], None
    # a joined collection needs .unique() in 2.0 (and in 1.4's select())
    yield [scalars(C, cj, ".all()")], None
    yield [scalars(C, cj, ".unique().all()")], None
    yield ["session.execute(select(Customer)%s).scalars().all()" % cj], None
    yield ["session.execute(select(Customer)%s).unique().scalars().all()" % cj], None
    yield ["session.execute(select(Customer)%s).scalars().unique().all()" % cj], None
    yield ["select(Customer)%s" % cj], None
    yield [query(C, cj)], None
    # innerjoin
    for entity, rel in ENTITIES:
        inner = ".options(joinedload(%s, innerjoin=True))" % rel
        yield [scalars(entity, inner)], None
        yield [query(entity, inner)], None
        yield [scalars(entity, inner + ".order_by(%s.id).limit(3)" % entity)], None
    # WHERE
    for w in ["Order.id <= 50", "Order.total > 10", "Order.total > 10.5",
              "Order.id <= 50, Order.total > 10", "Order.customer_id != 3",
              "Order.id == 5", "Order.id < 0"]:
        yield [scalars(O, ".where(%s)" % w)], None
        yield [query(O, ".filter(%s)" % w)], None
    for w in ['Customer.name == "Customer 3"', "Customer.name != 'Customer 3'",
              "Customer.id >= 4"]:
        yield [scalars(C, ".where(%s)" % w)], None
        yield [query(C, ".filter(%s)" % w + cj)], None
    # ORDER BY, LIMIT, OFFSET, under every eager strategy that re-states the query
    pages = [".order_by(Order.total.desc())", ".order_by(Order.customer_id, Order.id)",
             ".limit(5)", ".offset(95)", ".order_by(Order.id).limit(5).offset(3)",
             ".where(Order.id <= 50).order_by(Order.total.desc()).limit(3)"]
    cpages = [".order_by(Customer.name)", ".limit(3)", ".offset(7)",
              ".where(Customer.id > 2).order_by(Customer.name.desc()).limit(3).offset(1)"]
    for opt in ["lazyload", "joinedload", "selectinload", "subqueryload"]:
        for p in pages:
            yield [scalars(O, ".options(%s(Order.customer))" % opt + p)], None
            yield [query(O, p + ".options(%s(Order.customer))" % opt)], None
        for p in cpages:
            yield [scalars(C, ".options(%s(Customer.orders))" % opt + p)], None
            yield [query(C, ".options(%s(Customer.orders))" % opt + p)], None
    # .first(): the legacy Query sends LIMIT 1, a 2.0 result fetches every row
    for opt in ["lazyload", "joinedload", "selectinload", "subqueryload", "immediateload"]:
        for entity, rel in ENTITIES:
            chain = ".options(%s(%s))" % (opt, rel)
            yield [query(entity, chain, ".first()")], None
            yield [scalars(entity, chain, ".first()")], None
            yield ["session.execute(select(%s)%s).scalars().first()" % (entity, chain)], None
    yield [query(O, ".filter(Order.id > 5).order_by(Order.id).offset(2)", ".first()")], None
    yield [scalars(O, ".where(Order.id > 995)", ".first()")], None
    # several options for the one relationship
    same = ".options(joinedload(Order.customer), joinedload(Order.customer))"
    yield [scalars(O, same)], None
    yield [scalars(O, ".options(selectinload(Order.customer)).options("
                      "selectinload(Order.customer))")], None
    # raiseload stores nothing for sql_only=False, so these two are the same option
    yield [scalars(O, ".options(raiseload(Order.customer, sql_only=False), "
                      "raiseload(Order.customer))")], None
    for chain in [".options(joinedload(Order.customer), selectinload(Order.customer))",
                  ".options(selectinload(Order.customer)).options(joinedload(Order.customer))",
                  ".options(joinedload(Order.customer), joinedload(Order.customer, "
                  "innerjoin=True))",
                  # joinedload stores an explicit innerjoin=False: not the same as none
                  ".options(joinedload(Order.customer, innerjoin=False), "
                  "joinedload(Order.customer))",
                  ".options(raiseload(Order.customer), raiseload(Order.customer, "
                  "sql_only=True))"]:
        yield [scalars(O, chain)], CONFLICT_14
        yield [query(O, chain)], CONFLICT_14
    yield [scalars(C, ".options(selectinload(Customer.orders), joinedload(Customer.orders))")
           ], CONFLICT_14


def cases():
    for args, skip14 in list(matrix()) + list(statements()):
        yield ["-e"] + args, skip14
    yield ["select", "--no-identity-map"], None
    yield ["select", "--orders", "40", "--customers", "3", "--no-identity-map"], None


def run_nplus1(args):
    p = subprocess.run([NPLUS1, "run", "--json"] + args, capture_output=True, text=True)
    if p.returncode not in (0, 3):
        raise RuntimeError("nplus1 run %s exited %d: %s" % (
            " ".join(args), p.returncode, p.stderr.strip()))
    return json.loads(p.stdout)


def compare(ours, ref):
    if ours["queries"] != ref["queries"]:
        return "queries: nplus1 %d, SQLAlchemy %d" % (ours["queries"], ref["queries"])
    if len(ours["statements"]) != len(ref["statements"]):
        return "statements listed: nplus1 %d, SQLAlchemy %d" % (
            len(ours["statements"]), len(ref["statements"]))
    for i, (a, b) in enumerate(zip(ours["statements"], ref["statements"])):
        if a["sql"] != b["sql"]:
            return "statement %d SQL differs:\n  nplus1:     %r\n  SQLAlchemy: %r" % (
                i + 1, a["sql"], b["sql"])
        if a["params"] != b["params"] or [type(x) for x in a["params"]] != [
                type(x) for x in b["params"]]:
            return "statement %d params differ: nplus1 %r, SQLAlchemy %r" % (
                i + 1, a["params"][:10], b["params"][:10])
    if ours.get("error") != ref.get("error"):
        return "error: nplus1 %r, SQLAlchemy %r" % (ours.get("error"), ref.get("error"))
    return None


def versions():
    """(version, python, environment) for each SQLAlchemy that imports: the first
    python that imports its own, and the first that imports the 2.0 source."""
    base = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    base.pop("PYTHONPATH", None)
    found = []
    for env in [base, dict(base, PYTHONPATH=SQLA2) if os.path.isdir(SQLA2) else None]:
        for python in PYTHONS if env else []:
            try:
                p = subprocess.run([python, "-c",
                                    "import sqlalchemy; print(sqlalchemy.__version__)"],
                                   capture_output=True, text=True, env=env)
            except OSError:
                continue
            version = p.stdout.strip()
            if p.returncode == 0:
                if version not in [v for v, _, _ in found]:
                    found.append((version, python, env))
                break
    return found


def main():
    found = versions()
    if not found:
        print("1..0 # SKIP no SQLAlchemy: apt-get install python3-sqlalchemy, or put "
              "SQLAlchemy 2.0 in %s" % SQLA2)
        return 77
    all_cases = list(cases())
    print("1..%d" % (len(all_cases) * len(found)))
    ours = []
    for args, _ in all_cases:
        try:
            ours.append(run_nplus1(args))
        except Exception as e:  # a crash or bad JSON is a failure, not a test error
            ours.append(e)
    n = failed = 0
    for version, python, env in found:
        ref = subprocess.Popen([python, os.path.join(HERE, "sqla_ref.py"), "--batch"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                               env=env)
        for (args, skip14), mine in zip(all_cases, ours):
            n += 1
            label = "SQLAlchemy %s: %s" % (version, " ".join(args))
            ref.stdin.write(json.dumps(args) + "\n")
            ref.stdin.flush()
            line = ref.stdout.readline()
            if skip14 and version.startswith("1."):
                print("ok %d - %s # SKIP %s" % (n, label, skip14))
                continue
            try:
                if isinstance(mine, Exception):
                    raise mine
                problem = compare(mine, json.loads(line))
            except Exception as e:
                problem = "%s" % e
            if problem:
                failed += 1
                print("not ok %d - %s" % (n, label))
                for text in problem.splitlines():
                    print("# " + text)
            else:
                print("ok %d - %s" % (n, label))
        ref.stdin.close()
        ref.wait()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
