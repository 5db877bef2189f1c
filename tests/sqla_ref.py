#!/usr/bin/env python3
"""Reference runner: the same workloads as `nplus1 run --json`, run by real SQLAlchemy.

Prints one JSON object with the keys nplus1's --json output has (strategy, orders,
customers, collection, identity_map, queries, rows, statements, error), so the
differential test can compare the two field by field. Exit 77 if SQLAlchemy is absent.

  sqla_ref.py STRATEGY [--orders N] ...   session.query(X).options(<opt>(X.rel)).all()
  sqla_ref.py -e EXPR [--orders N] ...    the expression itself, then the lesson loop
  sqla_ref.py --batch                     one argument list (a JSON array) per stdin
                                          line, one JSON object per stdout line: one
                                          process for a whole matrix, since importing
                                          SQLAlchemy costs more than a case
"""
import argparse
import json
import os
import sys

try:
    import sqlalchemy
    from sqlalchemy import create_engine, event, select
    from sqlalchemy.orm import (Session, immediateload, joinedload, lazyload, noload,
                                raiseload, selectinload, subqueryload)
except ImportError:
    print("sqla_ref.py: SQLAlchemy is not installed (apt-get install python3-sqlalchemy)",
          file=sys.stderr)
    sys.exit(77)


# The models are the installed timer's: one definition of the tutorial's schema.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
from sqla_bench import build_models  # noqa: E402


OPTIONS = {
    "select": lazyload, "lazy": lazyload, "joined": joinedload,
    "selectin": selectinload, "subquery": subqueryload, "immediate": immediateload,
    "raise": raiseload, "noload": noload,
    "raise_on_sql": lambda attr: raiseload(attr, sql_only=True),
}


def parser():
    ap = argparse.ArgumentParser()
    ap.add_argument("strategy", nargs="?")
    ap.add_argument("-e", "--expr")
    ap.add_argument("--orders", type=int, default=100)
    ap.add_argument("--customers", type=int, default=10)
    ap.add_argument("--collection", action="store_true")
    ap.add_argument("--no-identity-map", action="store_true")
    ap.add_argument("--notes", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--echo", action="store_true", help="let SQLAlchemy echo to stdout")
    ap.add_argument("--batch", action="store_true")
    return ap


def objects(session, result):
    """What the learner's expression gave, as the list the lesson loop reads: a
    statement runs as session.scalars(stmt).all(), a result or Query is iterated,
    .first() gives one object or None."""
    if hasattr(result, "is_select") or type(result).__name__ == "Select":
        result = session.scalars(result).all()
    if result is None:
        return []
    if isinstance(result, (list, tuple)):
        return list(result)
    if hasattr(result, "__iter__"):
        return list(result)
    return [result]


def run_case(a):
    Base, Customer, Order = build_models(a.notes)
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        note = "x" * a.notes
        rows = [{"id": i, "name": "Customer %d" % i} for i in range(1, a.customers + 1)]
        if a.notes:
            for r in rows:
                r["notes"] = note
        conn.execute(Customer.__table__.insert(), rows)
        conn.execute(Order.__table__.insert(), [
            {"id": i, "customer_id": (i - 1) % a.customers + 1, "total": i * 1.5}
            for i in range(1, a.orders + 1)])

    statements = []

    @event.listens_for(engine, "before_cursor_execute")
    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append({"sql": statement, "params": list(parameters)})

    if a.echo:
        engine.echo = True

    error = None
    rows = 0
    session = Session(engine)
    collection = a.collection
    try:
        if a.expr is not None:
            names = {"session": session, "select": select, "Order": Order,
                     "Customer": Customer}
            names.update((f.__name__, f) for f in (lazyload, joinedload, selectinload,
                                                   subqueryload, immediateload, raiseload,
                                                   noload))
            objs = objects(session, eval(a.expr, {"__builtins__": {}}, names))
            collection = bool(objs) and isinstance(objs[0], Customer)
        else:
            attr = Customer.orders if a.collection else Order.customer
            opt = OPTIONS[a.strategy](attr)
            parent = Customer if a.collection else Order
            q = session.query(parent).options(opt)
            if a.limit:
                q = q.order_by(parent.id).limit(a.limit)
            objs = q.all()
        rows = len(objs)
        for o in objs:
            if collection:
                len(o.orders)
            else:
                c = o.customer
                if c is not None:
                    c.name
                    if a.no_identity_map:
                        # Forget the customer, so the next order's lazy load cannot
                        # find it in the identity map: Django's and Rails' behaviour.
                        session.expunge(c)
    except Exception as e:  # raise / raise_on_sql, and what 2.0 refuses
        error = str(e).split(" (Background on")[0]
    finally:
        session.close()
        engine.dispose()

    out = {"strategy": a.strategy, "orders": a.orders, "customers": a.customers,
           "collection": collection, "identity_map": not a.no_identity_map,
           "queries": len(statements), "rows": rows, "statements": statements,
           "sqlalchemy": sqlalchemy.__version__}
    if error is not None:
        out["error"] = error
    return out


def main():
    ap = parser()
    a = ap.parse_args()
    if a.batch:
        for line in sys.stdin:
            out = run_case(ap.parse_args(json.loads(line)))
            print(json.dumps(out))
            sys.stdout.flush()
        return 0
    if a.strategy is None and a.expr is None:
        ap.error("a STRATEGY or -e EXPR")
    out = run_case(a)
    if not a.echo:
        json.dump(out, sys.stdout, indent=1)
        print()
    return 3 if "error" in out else 0


if __name__ == "__main__":
    sys.exit(main())
