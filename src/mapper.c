/* mapper: see mapper.h.
 *
 * The compiler is a handful of clause writers (column lists, FROM, ON, WHERE,
 * ORDER BY, LIMIT) that the statement functions compose; no whole statement is
 * written out as a string. A column list is written in one of three label styles
 * (struct list). Where SQLAlchemy's rendering is irregular (the foreign key listed
 * first by selectinload for a collection, DISTINCT only for a many-to-one
 * subquery, the ORDER BY a subquery keeps only under a page), the rule is stated
 * where it is applied. */
#include "config.h"

#include "mapper.h"
#include "sbuf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void mapper_init(struct mapper *m, bool notes)
{
	memset(m, 0, sizeof *m);
	m->customer = (struct mapper_entity){
		.name = "Customer",
		.table = "customers",
		.columns = { { "id", MAPPER_ID },
			     { "name", MAPPER_NAME },
			     { "notes", MAPPER_NOTES } },
		.ncolumns = notes ? 3 : 2,
	};
	m->order = (struct mapper_entity){
		.name = "Order",
		.table = "orders",
		.columns = { { "id", MAPPER_ID },
			     { "customer_id", MAPPER_CUSTOMER_ID },
			     { "total", MAPPER_TOTAL } },
		.ncolumns = 3,
	};
	m->order_customer = (struct mapper_rel){
		.name = "customer",
		.path = "Order.customer",
		.direction = MAPPER_MANY_TO_ONE,
		.parent = &m->order,
		.target = &m->customer,
		.one = &m->customer,
		.many = &m->order,
		.many_fk = 1,
	};
	m->customer_orders = (struct mapper_rel){
		.name = "orders",
		.path = "Customer.orders",
		.direction = MAPPER_ONE_TO_MANY,
		.parent = &m->customer,
		.target = &m->order,
		.one = &m->customer,
		.many = &m->order,
		.many_fk = 1,
	};
}

void mapper_query_done(struct mapper_query *q)
{
	free(q->sql);
	free(q->form);
	q->sql = q->form = NULL;
}

static void slot(struct mapper_query *q, enum mapper_slot s) { q->slots[q->nslots++] = s; }

int mapper_column(const struct mapper_entity *e, const char *name)
{
	for (int i = 0; name && i < e->ncolumns; i++)
		if (strcmp(e->columns[i].name, name) == 0)
			return i;
	return -1;
}

/* How a column list labels its columns. */
enum label {
	LABEL_QUALIFIED, /* legacy Query: "orders.id AS orders_id" */
	LABEL_BARE,	 /* 2.0 select(): "orders.id"; a name already listed: "AS id_1" */
	LABEL_NAME,	 /* 2.0 select() as a subquery: "customers.id AS id" */
};

/* A select list being written: its buffer, the query's slots, and (for
 * LABEL_BARE) the names already listed, which a repeat must not shadow. */
struct list {
	struct sbuf *b;
	struct mapper_query *q;
	enum label label;
	const char *names[MAPPER_MAX_SLOTS];
	int nnames;
};

/* "qual.prefixcol AS qual_prefixcol" (prefix is the inner label when the column
 * comes through a legacy subquery: "anon_1.customers_id AS anon_1_customers_id"),
 * or in the 2.0 styles "qual.col" and "qual.col AS col". */
static void column(struct list *l, const char *qual, const char *prefix, const char *col)
{
	/* A list continues unless the buffer ends a keyword ("SELECT "). */
	if (l->b->len && l->b->data[l->b->len - 1] != ' ')
		sbuf_add(l->b, ", ");
	if (l->label == LABEL_QUALIFIED) {
		sbuf_addf(l->b, "%s.%s%s AS %s_%s%s", qual, prefix, col, qual, prefix, col);
		return;
	}
	sbuf_addf(l->b, "%s.%s", qual, col);
	if (l->label == LABEL_NAME) {
		sbuf_addf(l->b, " AS %s", col);
		return;
	}
	int seen = 0;
	for (int i = 0; i < l->nnames; i++)
		seen += strcmp(l->names[i], col) == 0;
	if (seen)
		sbuf_addf(l->b, " AS %s_%d", col, seen);
	if (l->nnames < MAPPER_MAX_SLOTS)
		l->names[l->nnames++] = col;
}

/* All of e's columns, qualified by qual (the table name or an alias); through a
 * legacy subquery sub ("anon_1") they carry the inner label as a prefix. */
static void columns(struct list *l, const struct mapper_entity *e, const char *qual, bool sub)
{
	char *prefix =
		sub && l->label == LABEL_QUALIFIED ? util_printf("%s_", e->table) : util_strdup("");
	for (int i = 0; i < e->ncolumns; i++) {
		column(l, qual, prefix, e->columns[i].name);
		slot(l->q, e->columns[i].slot);
	}
	free(prefix);
}

/* The name a parent column has outside the subquery that re-states the parent
 * query: "customers_id" (legacy) or "id" (2.0). The caller frees it. */
static char *outer_name(const struct mapper_entity *e, const char *col, bool plain)
{
	return plain ? util_strdup(col) : util_printf("%s_%s", e->table, col);
}

/* The primaryjoin "one.id = many.fk"; a NULL side is rendered as a bound "?". */
static void primaryjoin(struct sbuf *b, const char *one, const char *one_col, const char *many,
			const char *many_col)
{
	if (one)
		sbuf_addf(b, "%s.%s", one, one_col);
	else
		sbuf_add(b, "?");
	sbuf_add(b, " = ");
	if (many)
		sbuf_addf(b, "%s.%s", many, many_col);
	else
		sbuf_add(b, "?");
}

static const char *pk(const struct mapper_entity *e) { return e->columns[0].name; }
static const char *fk(const struct mapper_rel *r) { return r->many->columns[r->many_fk].name; }

static void where_clause(struct sbuf *b, const char *table, const struct mapper_shape *how)
{
	for (int i = 0; i < how->nwhere; i++)
		sbuf_addf(b, "%s%s.%s %s ?", i ? " AND " : " \nWHERE ", table, how->where[i].column,
			  how->where[i].op);
}

/* ORDER BY over qual's columns; through a subquery (outer) each takes its outer name. */
static void order_clause(struct sbuf *b, const struct mapper_entity *e, const char *qual,
			 bool outer, const struct mapper_shape *how)
{
	for (int i = 0; i < how->norder; i++) {
		char *name = outer ? outer_name(e, how->order[i].column, how->plain)
				   : util_strdup(how->order[i].column);
		sbuf_addf(b, "%s%s.%s%s", i ? ", " : " ORDER BY ", qual, name, how->order[i].dir);
		free(name);
	}
}

/* SQLite's dialect always pairs LIMIT with OFFSET (LIMIT -1 for an offset alone). */
static void limit_clause(struct sbuf *b, const struct mapper_shape *how)
{
	if (how->paged)
		sbuf_add(b, "\n LIMIT ? OFFSET ?");
}

static void finish(struct sbuf *b, struct mapper_query *q)
{
	q->sql = sbuf_steal(b);
	q->form = util_strdup(q->sql);
}

static void start(struct sbuf *b, struct mapper_query *q)
{
	memset(q, 0, sizeof *q);
	sbuf_init(b);
	sbuf_add(b, "SELECT ");
}

/* The parent query into b, its columns labelled as label says. */
static void parent_query(struct sbuf *b, struct mapper_query *q, const struct mapper_entity *e,
			 const struct mapper_shape *how, enum label label)
{
	struct list l = { .b = b, .q = q, .label = label };
	columns(&l, e, e->table, false);
	q->split = q->nslots;
	sbuf_addf(b, " \nFROM %s", e->table);
	where_clause(b, e->table, how);
	order_clause(b, e, e->table, false, how);
	limit_clause(b, how);
}

void mapper_sql_all(const struct mapper_entity *e, const struct mapper_shape *how,
		    struct mapper_query *q)
{
	struct sbuf b;
	start(&b, q);
	parent_query(&b, q, e, how, how->plain ? LABEL_BARE : LABEL_QUALIFIED);
	finish(&b, q);
}

void mapper_sql_lazy(const struct mapper_rel *r, struct mapper_query *q)
{
	struct sbuf b;
	start(&b, q);
	struct list l = { .b = &b, .q = q, .label = LABEL_QUALIFIED };
	columns(&l, r->target, r->target->table, false);
	sbuf_addf(&b, " \nFROM %s \nWHERE ", r->target->table);
	/* The parent's side of the join becomes the parameter. */
	if (r->direction == MAPPER_MANY_TO_ONE)
		primaryjoin(&b, r->one->table, pk(r->one), NULL, NULL);
	else
		primaryjoin(&b, NULL, NULL, r->many->table, fk(r));
	finish(&b, q);
}

static char *alias_of(const struct mapper_entity *e) { return util_printf("%s_1", e->table); }

void mapper_sql_joined(const struct mapper_rel *r, const struct mapper_shape *how,
		       struct mapper_query *q)
{
	const struct mapper_entity *p = r->parent, *t = r->target;
	char *ta = alias_of(t);
	struct sbuf b;
	start(&b, q);
	/* A collection under a page must page parents, not joined rows: SQLAlchemy
	 * wraps the paged parent query in a subquery and joins to that. */
	bool wrap = how->paged && r->direction == MAPPER_ONE_TO_MANY;
	const char *pq = wrap ? "anon_1" : p->table;
	struct list l = { .b = &b, .q = q, .label = how->plain ? LABEL_BARE : LABEL_QUALIFIED };
	columns(&l, p, pq, wrap);
	q->split = q->nslots;
	columns(&l, t, ta, false);
	sbuf_add(&b, " \nFROM ");
	if (wrap) {
		struct mapper_query inner;
		struct sbuf ib;
		start(&ib, &inner);
		parent_query(&ib, &inner, p, how, how->plain ? LABEL_NAME : LABEL_QUALIFIED);
		sbuf_addf(&b, "(%s) AS %s", sbuf_str(&ib), pq);
		sbuf_done(&ib);
	} else {
		sbuf_add(&b, p->table);
	}
	sbuf_addf(&b, " %s %s AS %s ON ", how->innerjoin ? "JOIN" : "LEFT OUTER JOIN", t->table,
		  ta);
	char *pcol = wrap ? outer_name(p, pk(p), how->plain)
			  : util_strdup(r->direction == MAPPER_MANY_TO_ONE ? fk(r) : pk(p));
	if (r->direction == MAPPER_MANY_TO_ONE)
		primaryjoin(&b, ta, pk(t), pq, pcol);
	else
		primaryjoin(&b, pq, pcol, ta, fk(r));
	if (wrap) {
		/* The page's WHERE and LIMIT stay inside; its order is re-stated outside. */
		order_clause(&b, p, pq, true, how);
	} else {
		where_clause(&b, p->table, how);
		order_clause(&b, p, p->table, false, how);
		limit_clause(&b, how);
	}
	free(pcol);
	free(ta);
	finish(&b, q);
}

void mapper_sql_selectin(const struct mapper_rel *r, int nkeys, struct mapper_query *q)
{
	const struct mapper_entity *t = r->target;
	struct sbuf b;
	start(&b, q);
	struct list l = { .b = &b, .q = q, .label = LABEL_QUALIFIED };
	const char *key;
	if (r->direction == MAPPER_MANY_TO_ONE) {
		columns(&l, t, t->table, false);
		key = pk(t);
	} else {
		/* For a collection the foreign key comes first: it groups the rows. */
		column(&l, t->table, "", fk(r));
		slot(q, t->columns[r->many_fk].slot);
		for (int i = 0; i < t->ncolumns; i++)
			if (i != r->many_fk) {
				column(&l, t->table, "", t->columns[i].name);
				slot(q, t->columns[i].slot);
			}
		key = fk(r);
	}
	sbuf_addf(&b, " \nFROM %s \nWHERE %s.%s IN (", t->table, t->table, key);
	size_t at = b.len;
	sbuf_add(&b, "__[POSTCOMPILE_primary_keys])");
	char *form = util_strdup(sbuf_str(&b));
	b.len = at;
	for (int i = 0; i < nkeys; i++)
		sbuf_add(&b, i ? ", ?" : "?");
	sbuf_addc(&b, ')');
	finish(&b, q);
	free(q->form);
	q->form = form;
}

void mapper_sql_subquery(const struct mapper_rel *r, const struct mapper_shape *how,
			 struct mapper_query *q)
{
	const struct mapper_entity *p = r->parent, *t = r->target;
	bool m2o = r->direction == MAPPER_MANY_TO_ONE;
	/* The parent's join column: orders.customer_id for Order.customer, customers.id
	 * for Customer.orders. */
	const char *pcol = m2o ? fk(r) : pk(p);
	char *link = util_printf("%s_%s", p->table, pcol);
	struct sbuf b;
	start(&b, q);
	struct list l = { .b = &b, .q = q, .label = LABEL_QUALIFIED };
	columns(&l, t, t->table, false);
	q->split = 0; /* every column belongs to the target; anon_1's says whose it is */
	column(&l, "anon_1", "", link);
	slot(q, MAPPER_LINK);
	/* The re-stated parent query, always labelled: DISTINCT when many parents
	 * share a target. Its ORDER BY matters only to a page, so only a page keeps
	 * it, and under DISTINCT the ordering columns must be selected too. */
	sbuf_addf(&b, " \nFROM (SELECT %s", m2o ? "DISTINCT " : "");
	column(&l, p->table, "", pcol);
	for (int i = 0; how->paged && m2o && i < how->norder; i++)
		if (strcmp(how->order[i].column, pcol) != 0)
			column(&l, p->table, "", how->order[i].column);
	sbuf_addf(&b, " \nFROM %s", p->table);
	where_clause(&b, p->table, how);
	if (how->paged)
		order_clause(&b, p, p->table, false, how);
	limit_clause(&b, how);
	sbuf_addf(&b, ") AS anon_1 JOIN %s ON ", t->table);
	if (m2o)
		primaryjoin(&b, t->table, pk(t), "anon_1", link);
	else
		primaryjoin(&b, "anon_1", link, t->table, fk(r));
	free(link);
	finish(&b, q);
}
