/* mapper: the ORM's metadata and its SQL compiler.
 *
 * Two entities, Customer(id, name[, notes]) and Order(id, customer_id, total), and
 * both directions of one relationship: Order.customer (many-to-one) and
 * Customer.orders (one-to-many), joined by customers.id = orders.customer_id.
 * The compiler renders every statement a loader strategy needs from this metadata,
 * byte for byte as SQLAlchemy 1.4 renders it for SQLite (labels "orders.id AS
 * orders_id", the alias "customers_1", the subquery "anon_1", " \nFROM").
 *
 * Each rendered query says which object attribute each result column fills (its
 * slots) and where the related entity's columns start, so hydration is generic. */
#ifndef NPLUS1_MAPPER_H
#define NPLUS1_MAPPER_H

#include <stdbool.h>

enum mapper_slot {
	MAPPER_ID,	    /* the primary key of either entity */
	MAPPER_NAME,	    /* customers.name */
	MAPPER_NOTES,	    /* customers.notes (only with --notes) */
	MAPPER_CUSTOMER_ID, /* orders.customer_id */
	MAPPER_TOTAL,	    /* orders.total */
	MAPPER_LINK,	    /* subqueryload's anon_1 column: the parent's join key */
};

enum { MAPPER_MAX_COLUMNS = 4, MAPPER_MAX_SLOTS = 2 * MAPPER_MAX_COLUMNS + 1 };

struct mapper_column {
	const char *name;
	enum mapper_slot slot;
};

struct mapper_entity {
	const char *name;  /* "Customer" */
	const char *table; /* "customers" */
	struct mapper_column columns[MAPPER_MAX_COLUMNS];
	int ncolumns; /* the primary key "id" is always column 0 */
};

enum mapper_direction { MAPPER_MANY_TO_ONE, MAPPER_ONE_TO_MANY };

struct mapper_rel {
	const char *name; /* "customer" */
	const char *path; /* "Order.customer" */
	enum mapper_direction direction;
	const struct mapper_entity *parent, *target;
	/* primaryjoin: one.id = many.fk, written in that order in either direction */
	const struct mapper_entity *one, *many;
	int many_fk; /* column index of the foreign key in many */
};

struct mapper {
	struct mapper_entity customer, order;
	struct mapper_rel order_customer, customer_orders;
};

/* A rendered statement; sql and form are the caller's to free (mapper_query_done). */
struct mapper_query {
	char *sql;
	char *form; /* SQLAlchemy's compiled-cache key: sql before IN-list expansion */
	enum mapper_slot slots[MAPPER_MAX_SLOTS];
	int nslots;
	int split; /* slots from here on belong to the related (target) entity */
};

/* Fill the metadata; notes adds the customers.notes column. */
void mapper_init(struct mapper *m, bool notes);
void mapper_query_done(struct mapper_query *q);

/* "Session.query(entity).all()", or with limit a page ordered by primary key. */
void mapper_sql_all(const struct mapper_entity *e, bool limit, struct mapper_query *q);
/* The lazy loader's statement for one parent (one parameter). */
void mapper_sql_lazy(const struct mapper_rel *r, struct mapper_query *q);
/* The parent query with the relationship joined in (joinedload). */
void mapper_sql_joined(const struct mapper_rel *r, bool limit, struct mapper_query *q);
/* selectinload's statement for nkeys keys. */
void mapper_sql_selectin(const struct mapper_rel *r, int nkeys, struct mapper_query *q);
/* subqueryload's statement, re-stating the parent query as anon_1. */
void mapper_sql_subquery(const struct mapper_rel *r, bool limit, struct mapper_query *q);

#endif
