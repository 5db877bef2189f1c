#!/usr/bin/env python3
"""nplus1's SQLAlchemy timer: `nplus1 bench --sqlalchemy` and the tutor's `b` run it.

Times nplus1's workloads in real SQLAlchemy (1.4 or 2.0) over in-memory SQLite: the
same data (customers 1..C named "Customer <id>", order i belongs to customer
((i-1) % C) + 1, total i * 1.5, no index on orders.customer_id), the same loop
("load all orders, read order.customer.name", or with --collection "load all
customers, read len(customer.orders)"), a new Session per run.

Prints one JSON object per line, one per (strategy, size), in nplus1's bench
row schema (format 1, see nplus1(1)): the median per-run time and its split.
Times are this thread's processor time (time.thread_time): the runs do no I/O,
so that is their wall time less what other programs took meanwhile. "db_ms" is
the time spent inside the DBAPI cursor (execute and fetch: SQLite's work and the
sqlite3 module's), "network_ms" is --latency times the statements (added, not
slept: a sleep costs no processor time), and "orm_ms" is the rest.

Each sample repeats the workload until it lasts at least --target-ms, so short
runs are not lost in the clock's noise; a row reports the median of --repeat
samples, each divided by its batch. A size's strategies are timed in rounds,
one sample of each per round, so a spell when the machine is slow lands on
them all alike, and their rows follow together.

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
    rows = 0


def count_rows(result):
    if isinstance(result, list):
        return len(result)
    return 0 if result is None else 1


def timed(method, fetch):
    def call(self, *args, **kwargs):
        t0 = time.thread_time()
        try:
            result = method(self, *args, **kwargs)
        finally:
            Clock.db += time.thread_time() - t0
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
    ap.add_argument("--latency", type=float, default=0.0,
                    help="ms of round trip per statement, added to its time")
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


class Timing:
    """One strategy's timing at one size: its warm-up, then a sample per round."""

    def __init__(self, a, engine, Customer, Order, strategy, orders, customers):
        self.args = (a, engine, Customer, Order, strategy)
        self.latency = a.latency
        self.row = {"format": 1, "engine": "sqlalchemy", "version": sqlalchemy.__version__,
                    "strategy": strategy, "orders": orders, "customers": customers,
                    "collection": a.collection, "identity_map": not a.no_identity_map,
                    "notes": a.notes, "limit": a.limit, "latency_ms": a.latency}
        self.total, self.db = [], []
        counts = {"queries": 0}

        def before(conn, cursor, statement, parameters, context, executemany):
            counts["queries"] += 1

        # The counter stays on in the timed runs, as the lessons' own hook is on
        # in the learner's program (and nplus1's trace in its engine).
        self.engine, self.before = engine, before
        event.listen(engine, "before_cursor_execute", before)
        try:
            Clock.rows = 0
            workload(*self.args)  # the warm-up, counted
        except Exception as e:  # raise and raise_on_sql do their job
            self.row["error"] = str(e).split(" (Background on")[0]
            return
        finally:
            event.remove(engine, "before_cursor_execute", before)
        self.queries, self.rows = counts["queries"], Clock.rows
        # The first runs after the warm-up can still be cold: a short run's batch
        # is sized from one that agrees with the run before it within 10% (ten
        # at most). A run as long as a sample needs no batch.
        prev = None
        for _ in range(10):
            t0 = time.thread_time()
            workload(*self.args)
            once = time.thread_time() - t0
            if once * 1000.0 >= a.target_ms or (
                    prev is not None and once <= 1.1 * prev and prev <= 1.1 * once):
                break
            prev = once
        self.batch = max(1, min(10000, int(a.target_ms / 1000.0 / max(once, 1e-6)) + 1))

    def sample(self):
        if "error" in self.row:
            return
        event.listen(self.engine, "before_cursor_execute", self.before)
        Clock.db = 0.0
        t0 = time.thread_time()
        for _ in range(self.batch):
            workload(*self.args)
        self.total.append((time.thread_time() - t0) * 1000.0 / self.batch)
        self.db.append(Clock.db * 1000.0 / self.batch)
        event.remove(self.engine, "before_cursor_execute", self.before)

    def result(self):
        if "error" in self.row:
            return self.row
        network = self.latency * self.queries
        median = statistics.median(self.total)
        db_ms = statistics.median(self.db)
        self.row.update({"queries": self.queries, "rows": self.rows,
                         "min_ms": min(self.total) + network, "median_ms": median + network,
                         "max_ms": max(self.total) + network, "db_ms": db_ms,
                         "orm_ms": max(0.0, median - db_ms), "network_ms": network,
                         "repeat": len(self.total), "batch": self.batch})
        return self.row


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
        timings = [Timing(a, engine, Customer, Order, s, orders, customers)
                   for s in strategies]
        for _ in range(a.repeat):
            for t in timings:
                t.sample()
        for t in timings:
            print(json.dumps(t.result()), flush=True)
        engine.dispose()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (BrokenPipeError, KeyboardInterrupt):
        sys.exit(1)
