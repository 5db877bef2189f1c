/* session: SQLAlchemy's Session, reduced to what loading needs. It owns the objects
 * it loads and the identity map (primary key -> object, one per entity), and it
 * performs attribute access the way the ORM does: a loaded attribute is returned,
 * an unloaded one is handed to the relationship's loader strategy.
 *
 * Objects live until session_free(). Without the identity map (--no-identity-map)
 * every row makes a new object and no lookup ever short-cuts a lazy load, which is
 * how Django and ActiveRecord behave. */
#ifndef NPLUS1_SESSION_H
#define NPLUS1_SESSION_H

#include "mapper.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;

struct object_order {
	int64_t customer_id;
	bool customer_id_null; /* customer_id is None: the customer is None, with no SQL */
	double total;
	struct object *customer; /* NULL is None */
};

struct object_customer {
	char *name, *notes;	/* in the session's arena */
	struct object **orders; /* in the session's arena */
	uint32_t norders, cap;
};

/* An Order or a Customer: the entity is known from where the object was reached. */
struct object {
	int64_t id;
	bool loaded; /* the relationship attribute holds its value */
	union {
		struct object_order order;
		struct object_customer customer;
	} u;
};

/* The result of an operation that may raise as the strategy demands. */
enum session_status { SESSION_FAILED = -1, SESSION_OK = 0, SESSION_RAISED = 1 };

struct session;

/* A new, empty session over db; free with session_free (which frees its objects). */
struct session *session_new(struct db *db, const struct mapper *m, bool identity_map);
void session_free(struct session *s);
/* Forget every object (SQLAlchemy's expunge_all), keeping the memory for reuse;
 * the session then behaves as a new one with or without the identity map. */
void session_clear(struct session *s, bool identity_map);
/* The most objects one run may make (0: no bound). Tables a learner shadowed
 * with a temp view can return rows without end; past this the statement stops
 * and the operation fails saying so, instead of growing until memory runs out. */
void session_set_budget(struct session *s, size_t max_objects);

/* The parent query as the learner's statement shaped it, and how its result is
 * read. */
struct session_select {
	struct mapper_shape shape;
	const struct value *params; /* the WHERE values, then LIMIT and OFFSET if paged */
	int nparams;
	bool needs_unique; /* a 2.0 result read without .unique(): SQLAlchemy refuses
			      one that holds a joined eager collection */
	bool conflict;	   /* two different loader options for the relationship */
};

/* What a loader strategy sees right after the parent rows arrived. */
struct session_load_ctx {
	struct session *s;
	const struct mapper_rel *rel;
	struct object **parents;
	size_t n;
	const struct session_select *sel; /* the parent query, which subquery re-states */
};

/* A loader strategy as the session calls it, at three moments: it shapes the
 * parent query (joined adds the JOIN), it may load right after the parent rows
 * arrived (selectin, subquery, immediate, noload), and it decides what an
 * unloaded attribute access does (lazy load, raise, or return nothing). shape is
 * required; a NULL after_rows does nothing and a NULL on_access loads lazily.
 * loader.c fills one per strategy; the session knows no strategy by name. */
struct session_loader {
	const char *option; /* part of the parent query's cache key: "joinedload" */
	void (*shape)(const struct mapper_rel *rel, const struct mapper_shape *how,
		      struct mapper_query *q);
	enum session_status (*after_rows)(struct session_load_ctx *c, char **err);
	enum session_status (*on_access)(struct session *s, const struct mapper_rel *rel,
					 struct object *parent, char **err);
};

/* session.query(rel->parent).options(<loader>(rel)).all(), or its 2.0 spelling,
 * shaped by sel (NULL: every parent, legacy labels). *out is borrowed from the
 * session. SESSION_RAISED where SQLAlchemy raises: options that conflict (before
 * any SQL), a joined collection read without .unique() (after the query). */
enum session_status session_query(struct session *s, const struct mapper_rel *rel,
				  const struct session_loader *strategy,
				  const struct session_select *sel, struct object ***out, size_t *n,
				  char **err);
/* Read rel on parent (order.customer or customer.orders), loading it if needed. */
enum session_status session_access(struct session *s, const struct mapper_rel *rel,
				   struct object *parent, char **err);

/* For loader strategies. */

/* Whether the session keeps an identity map (not under --no-identity-map). */
bool session_identity_map(const struct session *s);
/* The object of entity e with this key in the identity map, or NULL (always NULL
 * without the identity map). */
struct object *session_identity(struct session *s, const struct mapper_entity *e, int64_t id);
/* The object for the row's columns slots[from, to) of q, found in the identity map
 * or made; NULL when the row has no such object (an outer join's NULLs). */
struct object *session_hydrate(struct session *s, const struct mapper_entity *e, sqlite3_stmt *row,
			       const struct mapper_query *q, int from, int to);
/* The selectin statement for nkeys keys of rel, rendered once per session and
 * kept (SQLAlchemy's compiled cache: a full chunk and a last one are two
 * entries); borrowed until session_free. */
const struct mapper_query *session_selectin_query(struct session *s, const struct mapper_rel *rel,
						  int nkeys);
/* Run q with params, calling row(ctx, stmt) for each row; 0, or -1 with *err. */
int session_execute(struct session *s, const struct mapper_query *q, const int64_t *params,
		    int nparams, void (*row)(void *ctx, sqlite3_stmt *st), void *ctx, char **err);
/* The same with typed values (a WHERE clause's). */
int session_execute_values(struct session *s, const struct mapper_query *q,
			   const struct value *values, int nvalues,
			   void (*row)(void *ctx, sqlite3_stmt *st), void *ctx, char **err);
/* Mark rel loaded on parent, empty (None or no items). */
void session_set_empty(const struct mapper_rel *rel, struct object *parent);
/* Add child to rel on parent (set it, or append to the collection); marks loaded. */
void session_attach(struct session *s, const struct mapper_rel *rel, struct object *parent,
		    struct object *child);
/* The key a parent joins on: its foreign key (many-to-one) or its id (collection). */
int64_t session_join_key(const struct mapper_rel *rel, const struct object *parent);
/* Whether that key is NULL: a many-to-one whose foreign key is None, which
 * SQLAlchemy answers with None and no SQL. */
bool session_join_null(const struct mapper_rel *rel, const struct object *parent);
/* The lazy loader: SQLAlchemy's lazy='select', with its identity-map shortcut. */
enum session_status session_lazy_load(struct session *s, const struct mapper_rel *rel,
				      struct object *parent, char **err);

#endif
