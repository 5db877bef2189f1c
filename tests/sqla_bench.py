#!/usr/bin/env python3
"""Times the workloads of `nplus1 bench` with real SQLAlchemy, for docs/BENCHMARKS.md.

Same data, same workload ("load all orders, read order.customer.name"), a new
Session per run, one warm-up then --repeat timed runs; prints CSV with the median.
"""
import argparse
import statistics
import sys
import time

sys.path.insert(0, __import__("os").path.dirname(__file__))
import sqla_ref  # noqa: E402  (exits 77 if SQLAlchemy is absent)
from sqlalchemy import create_engine  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", default="100,10000")
    ap.add_argument("--strategies", default="select,joined,selectin,subquery")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--collection", action="store_true")
    a = ap.parse_args()
    print("strategy,orders,customers,queries,min_ms,median_ms,max_ms")
    for n in [int(x) for x in a.orders.split(",")]:
        customers = max(1, n // 10) if n <= 100 else n
        Base, Customer, Order = sqla_ref.build_models(0)
        engine = create_engine("sqlite://")
        Base.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(Customer.__table__.insert(),
                         [{"id": i, "name": "Customer %d" % i} for i in range(1, customers + 1)])
            conn.execute(Order.__table__.insert(), [
                {"id": i, "customer_id": (i - 1) % customers + 1, "total": i * 1.5}
                for i in range(1, n + 1)])
        for strategy in a.strategies.split(","):
            opt = sqla_ref.OPTIONS[strategy]
            attr = Customer.orders if a.collection else Order.customer
            parent = Customer if a.collection else Order
            queries = 0

            def workload():
                with Session(engine) as session:
                    for o in session.query(parent).options(opt(attr)).all():
                        if a.collection:
                            len(o.orders)
                        else:
                            o.customer.name

            from sqlalchemy import event

            def count(*args):
                nonlocal queries
                queries += 1
            event.listen(engine, "before_cursor_execute", count)
            workload()  # warm-up, counted
            event.remove(engine, "before_cursor_execute", count)
            ms = []
            for _ in range(a.repeat):
                t0 = time.perf_counter()
                workload()
                ms.append((time.perf_counter() - t0) * 1000)
            print("%s,%d,%d,%d,%.3f,%.3f,%.3f" % (strategy, n, customers, queries, min(ms),
                                                 statistics.median(ms), max(ms)))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
