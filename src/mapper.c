/* mapper: see mapper.h.
 *
 * The compiler is a handful of clause writers (column lists, FROM, ON, LIMIT) that
 * the statement functions compose; no whole statement is written out as a string.
 * Where SQLAlchemy's rendering is irregular (the foreign key listed first by
 * selectinload for a collection, DISTINCT only for a many-to-one subquery), the
 * rule is stated where it is applied. */
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
		.columns = { { "id", MAPPER_ID }, { "name", MAPPER_NAME }, { "notes", MAPPER_NOTES } },
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

/* "qual.prefixcol AS qual_prefixcol": prefix is the inner label when the column
 * comes through a subquery ("anon_1.customers_id AS anon_1_customers_id"). */
static void column(struct sbuf *b, const char *qual, const char *prefix, const char *col)
{
	sbuf_addf(b, "%s.%s%s AS %s_%s%s", qual, prefix, col, qual, prefix, col);
}

static void columns_from(struct sbuf *b, struct mapper_query *q, const struct mapper_entity *e,
			 const char *qual, const char *prefix, int first)
{
	for (int i = first; i < e->ncolumns; i++) {
		/* A list continues unless the buffer ends a keyword ("SELECT "). */
		if (b->len && b->data[b->len - 1] != ' ')
			sbuf_add(b, ", ");
		column(b, qual, prefix, e->columns[i].name);
		slot(q, e->columns[i].slot);
	}
}

/* All of e's columns, qualified by qual (the table name or an alias). */
static void columns(struct sbuf *b, struct mapper_query *q, const struct mapper_entity *e,
		    const char *qual)
{
	columns_from(b, q, e, qual, "", 0);
}

/* The same columns seen through a subquery "anon_1" over e. */
static void columns_via(struct sbuf *b, struct mapper_query *q, const struct mapper_entity *e,
			const char *sub)
{
	char *prefix = util_printf("%s_", e->table);
	columns_from(b, q, e, sub, prefix, 0);
	free(prefix);
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

/* SQLite's dialect always pairs LIMIT with OFFSET; the page is ordered by the key. */
static void limit_clause(struct sbuf *b, const char *qual, const char *key)
{
	sbuf_addf(b, " ORDER BY %s.%s\n LIMIT ? OFFSET ?", qual, key);
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

void mapper_sql_all(const struct mapper_entity *e, bool limit, struct mapper_query *q)
{
	struct sbuf b;
	start(&b, q);
	columns(&b, q, e, e->table);
	q->split = q->nslots;
	sbuf_addf(&b, " \nFROM %s", e->table);
	if (limit)
		limit_clause(&b, e->table, pk(e));
	finish(&b, q);
}

void mapper_sql_lazy(const struct mapper_rel *r, struct mapper_query *q)
{
	struct sbuf b;
	start(&b, q);
	columns(&b, q, r->target, r->target->table);
	sbuf_addf(&b, " \nFROM %s \nWHERE ", r->target->table);
	/* The parent's side of the join becomes the parameter. */
	if (r->direction == MAPPER_MANY_TO_ONE)
		primaryjoin(&b, r->one->table, pk(r->one), NULL, NULL);
	else
		primaryjoin(&b, NULL, NULL, r->many->table, fk(r));
	finish(&b, q);
}

static char *alias_of(const struct mapper_entity *e) { return util_printf("%s_1", e->table); }

void mapper_sql_joined(const struct mapper_rel *r, bool limit, struct mapper_query *q)
{
	const struct mapper_entity *p = r->parent, *t = r->target;
	char *ta = alias_of(t);
	struct sbuf b;
	start(&b, q);
	/* A collection under LIMIT must page parents, not joined rows: SQLAlchemy wraps
	 * the limited parent query in a subquery and joins to that. */
	bool wrap = limit && r->direction == MAPPER_ONE_TO_MANY;
	const char *pq = wrap ? "anon_1" : p->table;
	char *pk_label = util_printf("%s_%s", p->table, pk(p));
	if (wrap)
		columns_via(&b, q, p, pq);
	else
		columns(&b, q, p, pq);
	q->split = q->nslots;
	columns(&b, q, t, ta);
	sbuf_add(&b, " \nFROM ");
	if (wrap) {
		struct mapper_query inner;
		mapper_sql_all(p, true, &inner);
		sbuf_addf(&b, "(%s) AS %s", inner.sql, pq);
		mapper_query_done(&inner);
	} else {
		sbuf_add(&b, p->table);
	}
	sbuf_addf(&b, " LEFT OUTER JOIN %s AS %s ON ", t->table, ta);
	const char *pcol = wrap ? pk_label : (r->direction == MAPPER_MANY_TO_ONE ? fk(r) : pk(p));
	if (r->direction == MAPPER_MANY_TO_ONE)
		primaryjoin(&b, ta, pk(t), pq, pcol);
	else
		primaryjoin(&b, pq, pcol, ta, fk(r));
	if (wrap)
		sbuf_addf(&b, " ORDER BY %s.%s", pq, pk_label);
	else if (limit)
		limit_clause(&b, p->table, pk(p));
	free(pk_label);
	free(ta);
	finish(&b, q);
}

void mapper_sql_selectin(const struct mapper_rel *r, int nkeys, struct mapper_query *q)
{
	const struct mapper_entity *t = r->target;
	struct sbuf b;
	start(&b, q);
	const char *key;
	if (r->direction == MAPPER_MANY_TO_ONE) {
		columns(&b, q, t, t->table);
		key = pk(t);
	} else {
		/* For a collection the foreign key comes first: it groups the rows. */
		column(&b, t->table, "", fk(r));
		slot(q, t->columns[r->many_fk].slot);
		for (int i = 0; i < t->ncolumns; i++)
			if (i != r->many_fk) {
				sbuf_add(&b, ", ");
				column(&b, t->table, "", t->columns[i].name);
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

void mapper_sql_subquery(const struct mapper_rel *r, bool limit, struct mapper_query *q)
{
	const struct mapper_entity *p = r->parent, *t = r->target;
	bool m2o = r->direction == MAPPER_MANY_TO_ONE;
	/* The parent's join column: orders.customer_id for Order.customer, customers.id
	 * for Customer.orders. */
	const char *pcol = m2o ? fk(r) : pk(p);
	char *link = util_printf("%s_%s", p->table, pcol);
	struct sbuf b;
	start(&b, q);
	columns(&b, q, t, t->table);
	q->split = 0; /* every column belongs to the target; anon_1's says whose it is */
	sbuf_add(&b, ", ");
	column(&b, "anon_1", "", link);
	slot(q, MAPPER_LINK);
	/* The re-stated parent query: DISTINCT when many parents share a target; under
	 * LIMIT it must also carry the ORDER BY column. */
	sbuf_addf(&b, " \nFROM (SELECT %s", m2o ? "DISTINCT " : "");
	column(&b, p->table, "", pcol);
	if (limit && strcmp(pcol, pk(p)) != 0) {
		sbuf_add(&b, ", ");
		column(&b, p->table, "", pk(p));
	}
	sbuf_addf(&b, " \nFROM %s", p->table);
	if (limit)
		limit_clause(&b, p->table, pk(p));
	sbuf_addf(&b, ") AS anon_1 JOIN %s ON ", t->table);
	if (m2o)
		primaryjoin(&b, t->table, pk(t), "anon_1", link);
	else
		primaryjoin(&b, "anon_1", link, t->table, fk(r));
	free(link);
	finish(&b, q);
}
