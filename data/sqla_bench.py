#!/usr/bin/env python3
"""nplus1's SQLAlchemy timer: `nplus1 bench --sqlalchemy` and the tutor's `b` run it.

Times nplus1's workloads in real SQLAlchemy (1.4 or 2.0) over in-memory SQLite: the
same data (customers 1..C named "Customer <id>", order i belongs to customer
((i-1) % C) + 1, total i * 1.5, no index on orders.customer_id), the same loop
("load all orders, read order.customer.name", or with --collection "load all
customers, read len(customer.orders)"), a new Session per run.

Prints one JSON object per line, one per (strategy, size), as each is measured, in
nplus1's bench row schema (format 1, see nplus1(1)): the median per-run time and
its split. "db_ms" is the time spent inside the DBAPI cursor (execute and fetch:
SQLite's work and the sqlite3 module's), "network_ms" is --latency times the
statements (slept before each, as a round trip), and "orm_ms" is the rest.

Each sample repeats the workload until it lasts at least --target-ms, so short
runs are not lost in the clock's noise; a row reports the median of --repeat
samples, each divided by its batch.

Exit status: 0, 2 for a usage error, 77 when SQLAlchemy cannot be imported.
"""
import argparse
import json
import sqlite3
import statistics
import sys
import time

try:
    import sqlalchemy
    from sqlalchemy import (Column, Float, ForeignKey, Integer, String, create_engine,
                            event)
    from sqlalchemy.orm import (Session, declarative_base, immediateload, joinedload,
                                lazyload, noload, raiseload, relationship,
                                selectinload, subqueryload)
except ImportError:
    print("sqla_bench.py: SQLAlchemy is not installed for %s" % sys.executable,
          file=sys.stderr)
    sys.exit(77)

OPTIONS = {
    "select": lazyload, "lazy": lazyload, "joined": joinedload,
    "selectin": selectinload, "subquery": subqueryload, "immediate": immediateload,
    "raise": raiseload, "noload": noload,
    "raise_on_sql": lambda attr: raiseload(attr, sql_only=True),
}


class Clock:
    """Time inside the DBAPI: every cursor call SQLAlchemy makes adds to db; the
    rows it fetched are counted too."""
    db = 0.0
    wait = 0.0
    rows = 0


def count_rows(result):
    if isinstance(result, list):
        return len(result)
    return 0 if result is None else 1


def timed(method, fetch):
    def call(self, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            result = method(self, *args, **kwargs)
        finally:
            Clock.db += time.perf_counter() - t0
        if fetch:
            Clock.rows += count_rows(result)
        return result
    return call


class TimedCursor(sqlite3.Cursor):
    execute = timed(sqlite3.Cursor.execute, False)
    executemany = timed(sqlite3.Cursor.executemany, False)
    fetchone = timed(sqlite3.Cursor.fetchone, True)
    fetchmany = timed(sqlite3.Cursor.fetchmany, True)
    fetchall = timed(sqlite3.Cursor.fetchall, True)
    __next__ = timed(sqlite3.Cursor.__next__, True)


class TimedConnection(sqlite3.Connection):
    def cursor(self, factory=TimedCursor):
        return super().cursor(factory)


def build_models(notes_width):
    Base = declarative_base()

    class Customer(Base):
        __tablename__ = "customers"
        id = Column(Integer, primary_key=True)
        name = Column(String)
        if notes_width:
            notes = Column(String)
        orders = relationship("Order", back_populates="customer", lazy="select")

    class Order(Base):
        __tablename__ = "orders"
        id = Column(Integer, primary_key=True)
        customer_id = Column(Integer, ForeignKey("customers.id"))
        total = Column(Float)
        customer = relationship("Customer", back_populates="orders", lazy="select")

    return Base, Customer, Order


def ints(text):
    try:
        values = [int(x) for x in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError("expected integers separated by commas")
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("expected positive integers")
    return values


def parser():
    ap = argparse.ArgumentParser(description="Time nplus1's workloads in SQLAlchemy.")
    ap.add_argument("--strategies", default="select,joined,selectin,subquery")
    ap.add_argument("--orders", type=ints, default=[100, 10000])
    ap.add_argument("--customers", type=int, default=0,
                    help="customers at every size; 0 pairs as nplus1 does")
    ap.add_argument("--collection", action="store_true")
    ap.add_argument("--no-identity-map", action="store_true")
    ap.add_argument("--notes", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--latency", type=float, default=0.0, help="ms before each statement")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--target-ms", type=float, default=20.0)
    return ap


def reference_customers(customers, orders):
    if customers:
        return customers
    return max(1, orders // 10) if orders <= 100 else orders


def build(a, orders, customers):
    Base, Customer, Order = build_models(a.notes)
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(":memory:", factory=TimedConnection,
                                        check_same_thread=False))
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        rows = [{"id": i, "name": "Customer %d" % i} for i in range(1, customers + 1)]
        if a.notes:
            note = "x" * a.notes
            for r in rows:
                r["notes"] = note
        conn.execute(Customer.__table__.insert(), rows)
        conn.execute(Order.__table__.insert(), [
            {"id": i, "customer_id": (i - 1) % customers + 1, "total": i * 1.5}
            for i in range(1, orders + 1)])
    return engine, Customer, Order


def workload(a, engine, Customer, Order, strategy):
    attr = Customer.orders if a.collection else Order.customer
    parent = Customer if a.collection else Order
    with Session(engine) as session:
        q = session.query(parent).options(OPTIONS[strategy](attr))
        if a.limit:
            q = q.order_by(parent.id).limit(a.limit)
        for o in q.all():
            if a.collection:
                len(o.orders)
            else:
                c = o.customer
                if c is not None:
                    c.name
                    if a.no_identity_map:
                        session.expunge(c)


def measure(a, engine, Customer, Order, strategy, orders, customers):
    counts = {"queries": 0}
    latency = a.latency / 1000.0

    def before(conn, cursor, statement, parameters, context, executemany):
        counts["queries"] += 1
        if latency:
            t0 = time.perf_counter()
            time.sleep(latency)
            Clock.wait += time.perf_counter() - t0

    event.listen(engine, "before_cursor_execute", before)
    row = {"format": 1, "engine": "sqlalchemy", "version": sqlalchemy.__version__,
           "strategy": strategy, "orders": orders, "customers": customers,
           "collection": a.collection, "identity_map": not a.no_identity_map,
           "notes": a.notes, "limit": a.limit, "latency_ms": a.latency}
    try:
        Clock.rows = 0
        t0 = time.perf_counter()
        workload(a, engine, Customer, Order, strategy)  # the warm-up, counted
        once = time.perf_counter() - t0
    except Exception as e:  # raise and raise_on_sql do their job
        row["error"] = str(e).split(" (Background on")[0]
        return row
    finally:
        event.remove(engine, "before_cursor_execute", before)
    queries, rows = counts["queries"], Clock.rows
    event.listen(engine, "before_cursor_execute", before)
    batch = max(1, min(10000, int(a.target_ms / 1000.0 / max(once, 1e-6)) + 1))
    total, db, wait = [], [], []
    for _ in range(a.repeat):
        Clock.db = Clock.wait = 0.0
        t0 = time.perf_counter()
        for _ in range(batch):
            workload(a, engine, Customer, Order, strategy)
        total.append((time.perf_counter() - t0) * 1000.0 / batch)
        db.append(Clock.db * 1000.0 / batch)
        wait.append(Clock.wait * 1000.0 / batch)
    event.remove(engine, "before_cursor_execute", before)
    median = statistics.median(total)
    db_ms = statistics.median(db)
    waited = statistics.median(wait)
    row.update({"queries": queries, "rows": rows, "min_ms": min(total), "median_ms": median,
                "max_ms": max(total), "db_ms": db_ms,
                "orm_ms": max(0.0, median - db_ms - waited),
                "network_ms": a.latency * queries, "repeat": a.repeat, "batch": batch})
    return row


def main():
    a = parser().parse_args()
    strategies = a.strategies.split(",")
    for s in strategies:
        if s not in OPTIONS:
            print("sqla_bench.py: unknown strategy %r (strategies: %s)"
                  % (s, ", ".join(OPTIONS)), file=sys.stderr)
            return 2
    for orders in a.orders:
        customers = reference_customers(a.customers, orders)
        engine, Customer, Order = build(a, orders, customers)
        for s in strategies:
            row = measure(a, engine, Customer, Order, s, orders, customers)
            print(json.dumps(row), flush=True)
        engine.dispose()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (BrokenPipeError, KeyboardInterrupt):
        sys.exit(1)
