#!/usr/bin/env python3
"""Reference runner: the same workloads as `nplus1 run --json`, run by real SQLAlchemy.

Prints one JSON object with the keys nplus1's --json output has (strategy, orders,
customers, collection, identity_map, queries, rows, statements, error), so the
differential test can compare the two field by field. Exit 77 if SQLAlchemy is absent.
"""
import argparse
import json
import sys

try:
    import sqlalchemy
    from sqlalchemy import (Column, Float, ForeignKey, Integer, String, create_engine,
                            event)
    from sqlalchemy.orm import (Session, declarative_base, immediateload, joinedload,
                                lazyload, noload, raiseload, relationship,
                                selectinload, subqueryload)
except ImportError:
    print("sqla_ref.py: SQLAlchemy is not installed (apt-get install python3-sqlalchemy)",
          file=sys.stderr)
    sys.exit(77)


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


OPTIONS = {
    "select": lazyload, "lazy": lazyload, "joined": joinedload,
    "selectin": selectinload, "subquery": subqueryload, "immediate": immediateload,
    "raise": raiseload, "noload": noload,
    "raise_on_sql": lambda attr: raiseload(attr, sql_only=True),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("strategy")
    ap.add_argument("--orders", type=int, default=100)
    ap.add_argument("--customers", type=int, default=10)
    ap.add_argument("--collection", action="store_true")
    ap.add_argument("--no-identity-map", action="store_true")
    ap.add_argument("--notes", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--echo", action="store_true", help="let SQLAlchemy echo to stdout")
    a = ap.parse_args()

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

    attr = Customer.orders if a.collection else Order.customer
    opt = OPTIONS[a.strategy](attr)
    parent = Customer if a.collection else Order
    error = None
    rows = 0
    session = Session(engine)
    try:
        q = session.query(parent).options(opt)
        if a.limit:
            q = q.order_by(parent.id).limit(a.limit)
        objs = q.all()
        rows = len(objs)
        for o in objs:
            if a.collection:
                len(o.orders)
            else:
                c = o.customer
                if c is not None:
                    c.name
                    if a.no_identity_map:
                        # Forget the customer, so the next order's lazy load cannot
                        # find it in the identity map: Django's and Rails' behaviour.
                        session.expunge(c)
    except Exception as e:  # raise / raise_on_sql
        error = str(e).split(" (Background on")[0]
    finally:
        session.close()

    out = {"strategy": a.strategy, "orders": a.orders, "customers": a.customers,
           "collection": a.collection, "identity_map": not a.no_identity_map,
           "queries": len(statements), "rows": rows, "statements": statements,
           "sqlalchemy": sqlalchemy.__version__}
    if error is not None:
        out["error"] = error
    if not a.echo:
        json.dump(out, sys.stdout, indent=1)
        print()
    return 3 if error is not None else 0


if __name__ == "__main__":
    sys.exit(main())
