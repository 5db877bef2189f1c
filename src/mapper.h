/* mapper: the ORM's metadata and its SQL compiler.
 *
 * Two entities, Customer(id, name[, notes]) and Order(id, customer_id, total), and
 * both directions of one relationship: Order.customer (many-to-one) and
 * Customer.orders (one-to-many), joined by customers.id = orders.customer_id.
 * The compiler renders every statement a loader strategy needs from this metadata,
 * byte for byte as SQLAlchemy renders it for SQLite (1.4 and 2.0 agree): the alias
 * "customers_1", the subquery "anon_1", " \nFROM", and the parent query in either
 * label style: the legacy Query's "orders.id AS orders_id" or 2.0 select()'s bare
 * "orders.id" (a repeated name then gets "AS id_1"). The statements the loaders
 * send afterwards (lazy, selectin, subquery) are labelled in both styles.
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

/* How the parent query is shaped, beyond its entity: what the learner's statement
 * said. Columns are named by their bare name ("total"), of the parent entity. */
enum { MAPPER_MAX_TERMS = 4 };

struct mapper_term {
	const char *column; /* "id" */
	const char *op;	    /* "<=": the value is always a bound "?" */
};

struct mapper_sort {
	const char *column;
	const char *dir; /* "", " ASC" or " DESC" */
};

struct mapper_shape {
	bool plain;	/* 2.0 select(): the parent's columns without labels */
	bool innerjoin; /* joinedload(..., innerjoin=True): JOIN, not LEFT OUTER JOIN */
	bool paged;	/* LIMIT ? OFFSET ?, bound after the WHERE values */
	struct mapper_term where[MAPPER_MAX_TERMS];
	int nwhere;
	struct mapper_sort order[MAPPER_MAX_TERMS];
	int norder;
};

/* Fill the metadata; notes adds the customers.notes column. */
void mapper_init(struct mapper *m, bool notes);
void mapper_query_done(struct mapper_query *q);

/* The column of e named name, or -1. */
int mapper_column(const struct mapper_entity *e, const char *name);
/* The parent query: "session.query(entity)" or "select(entity)", shaped by how. */
void mapper_sql_all(const struct mapper_entity *e, const struct mapper_shape *how,
		    struct mapper_query *q);
/* The lazy loader's statement for one parent (one parameter). */
void mapper_sql_lazy(const struct mapper_rel *r, struct mapper_query *q);
/* The parent query with the relationship joined in (joinedload). */
void mapper_sql_joined(const struct mapper_rel *r, const struct mapper_shape *how,
		       struct mapper_query *q);
/* selectinload's statement for nkeys keys. */
void mapper_sql_selectin(const struct mapper_rel *r, int nkeys, struct mapper_query *q);
/* subqueryload's statement, re-stating the parent query (its WHERE, and its
 * ORDER BY and page when paged) as anon_1; its parameters are the parent's. */
void mapper_sql_subquery(const struct mapper_rel *r, const struct mapper_shape *how,
			 struct mapper_query *q);

#endif
