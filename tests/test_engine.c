/* test_engine: exact statement counts and exact SQL text for every loader strategy
 * in both directions, as SQLAlchemy 1.4 emits them (DESIGN.md section 1), plus
 * selectin's 500-key chunks, the raise messages, noload, the identity map and its
 * bypass, LIMIT pages, the compiled cache, and the database's defences; and the
 * 2.0 select() workloads (labels, WHERE, ORDER BY, LIMIT/OFFSET, .first(),
 * .unique(), innerjoin, conflicting options) as SQLAlchemy 2.0.52 emits them. */
#include "config.h"

#include "db.h"
#include "experiment.h"
#include "loader.h"
#include "sbuf.h"
#include "session.h"
#include "tap.h"
#include "util.h"

#include <stdlib.h>
#include <unistd.h>

#define ORDER_COLS                                                                                 \
	"orders.id AS orders_id, orders.customer_id AS orders_customer_id, "                       \
	"orders.total AS orders_total"
#define CUSTOMER_COLS "customers.id AS customers_id, customers.name AS customers_name"

static const char SQL_ORDERS[] = "SELECT " ORDER_COLS " \nFROM orders";
static const char SQL_CUSTOMERS[] = "SELECT " CUSTOMER_COLS " \nFROM customers";
static const char SQL_LAZY_M2O[] =
	"SELECT " CUSTOMER_COLS " \nFROM customers \nWHERE customers.id = ?";
static const char SQL_LAZY_O2M[] =
	"SELECT " ORDER_COLS " \nFROM orders \nWHERE ? = orders.customer_id";
static const char SQL_JOINED_M2O[] =
	"SELECT " ORDER_COLS ", customers_1.id AS customers_1_id, customers_1.name AS "
	"customers_1_name \nFROM orders LEFT OUTER JOIN customers AS customers_1 ON "
	"customers_1.id = orders.customer_id";
static const char SQL_JOINED_O2M[] =
	"SELECT " CUSTOMER_COLS ", orders_1.id AS orders_1_id, orders_1.customer_id AS "
	"orders_1_customer_id, orders_1.total AS orders_1_total \nFROM customers LEFT OUTER "
	"JOIN orders AS orders_1 ON customers.id = orders_1.customer_id";
static const char SQL_SUBQUERY_M2O[] =
	"SELECT " CUSTOMER_COLS ", anon_1.orders_customer_id AS anon_1_orders_customer_id "
	"\nFROM (SELECT DISTINCT orders.customer_id AS orders_customer_id \nFROM orders) AS "
	"anon_1 JOIN customers ON customers.id = anon_1.orders_customer_id";
static const char SQL_SUBQUERY_O2M[] =
	"SELECT " ORDER_COLS ", anon_1.customers_id AS anon_1_customers_id \nFROM (SELECT "
	"customers.id AS customers_id \nFROM customers) AS anon_1 JOIN orders ON "
	"anon_1.customers_id = orders.customer_id";
static const char SQL_SELECTIN_M2O[] =
	"SELECT " CUSTOMER_COLS " \nFROM customers \nWHERE customers.id IN (";
static const char SQL_SELECTIN_O2M[] =
	"SELECT orders.customer_id AS orders_customer_id, orders.id AS orders_id, orders.total "
	"AS orders_total \nFROM orders \nWHERE orders.customer_id IN (";

/* Every statement of a run, kept whole (the log's ring would drop old ones). */
struct seen {
	struct stmt {
		char *sql;
		int64_t *params;
		int nparams;
		bool cached;
	} * v;
	size_t n, cap;
};

static void record(void *ctx, enum sqllog_event ev, const struct sqllog_entry *e)
{
	struct seen *s = ctx;
	if (ev != SQLLOG_STATEMENT)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = util_realloc(s->v, s->cap * sizeof *s->v);
	}
	struct stmt *st = &s->v[s->n++];
	st->sql = util_strdup(e->sql);
	st->nparams = e->nparams;
	st->params = util_malloc((size_t)(e->nparams + 1) * sizeof *st->params);
	if (e->nparams)
		memcpy(st->params, e->params, (size_t)e->nparams * sizeof *st->params);
	st->cached = e->cached;
}

static void forget(struct seen *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].sql);
		free(s->v[i].params);
	}
	s->n = 0;
}

static struct experiment *ex;
static struct seen seen;

static enum session_status run(const char *strategy, long orders, long customers, bool collection,
			       struct experiment_result *res)
{
	struct spec spec = spec_default();
	spec.strategy = strategy_find(strategy);
	spec.orders = orders, spec.customers = customers, spec.collection = collection;
	forget(&seen);
	return experiment_run(ex, &spec, res);
}

/* selectin's statement for n keys. */
static char *selectin_sql(bool collection, int n)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, collection ? SQL_SELECTIN_O2M : SQL_SELECTIN_M2O);
	for (int i = 0; i < n; i++)
		sbuf_add(&b, i ? ", ?" : "?");
	sbuf_addc(&b, ')');
	return sbuf_steal(&b);
}

/* Statement i (0-based) of strategy at these sizes must be exactly this text. */
static const char *expected_sql(const char *strategy, bool collection, size_t i, long keys,
				char **scratch)
{
	bool joined = strcmp(strategy, "joined") == 0;
	if (i == 0)
		return joined ? (collection ? SQL_JOINED_O2M : SQL_JOINED_M2O)
			      : (collection ? SQL_CUSTOMERS : SQL_ORDERS);
	if (strcmp(strategy, "subquery") == 0)
		return collection ? SQL_SUBQUERY_O2M : SQL_SUBQUERY_M2O;
	if (strcmp(strategy, "selectin") == 0) {
		long left = keys - (long)(i - 1) * LOADER_SELECTIN_CHUNK;
		free(*scratch);
		*scratch = selectin_sql(collection, left < LOADER_SELECTIN_CHUNK
							    ? (int)left
							    : LOADER_SELECTIN_CHUNK);
		return *scratch;
	}
	return collection ? SQL_LAZY_O2M : SQL_LAZY_M2O;
}

struct count_case {
	const char *strategy;
	long counts[3]; /* at 100/10, 100/100, 10,000/10,000 */
	enum session_status status;
};

static const struct count_case count_cases[] = {
	{ "select", { 11, 101, 10001 }, SESSION_OK },	 { "joined", { 1, 1, 1 }, SESSION_OK },
	{ "selectin", { 2, 2, 21 }, SESSION_OK },	 { "subquery", { 2, 2, 2 }, SESSION_OK },
	{ "immediate", { 11, 101, 10001 }, SESSION_OK }, { "raise", { 1, 1, 1 }, SESSION_RAISED },
	{ "raise_on_sql", { 1, 1, 1 }, SESSION_RAISED }, { "noload", { 1, 1, 1 }, SESSION_OK },
};

static void test_counts_and_sql(void)
{
	const long sizes[3][2] = { { 100, 10 }, { 100, 100 }, { 10000, 10000 } };
	char *scratch = NULL;
	for (size_t c = 0; c < sizeof count_cases / sizeof *count_cases; c++)
		for (int dir = 0; dir < 2; dir++)
			for (int z = 0; z < 3; z++) {
				const struct count_case *k = &count_cases[c];
				long o = sizes[z][0], cu = sizes[z][1];
				const char *d = dir ? "Customer.orders" : "Order.customer";
				struct experiment_result res;
				run(k->strategy, o, cu, dir, &res);
				is_int(res.status, k->status, "%s %s %ld/%ld: status", k->strategy,
				       d, o, cu);
				is_int((int64_t)res.queries, k->counts[z],
				       "%s %s %ld/%ld: %ld statements", k->strategy, d, o, cu,
				       k->counts[z]);
				is_int((int64_t)seen.n, k->counts[z],
				       "%s %s %ld/%ld: subscriber saw each", k->strategy, d, o, cu);
				/* the keys selectin sends: distinct customers, or every customer */
				long keys = cu;
				size_t bad = seen.n;
				for (size_t i = 0; i < seen.n && bad == seen.n; i++)
					if (strcmp(seen.v[i].sql, expected_sql(k->strategy, dir, i,
									       keys, &scratch)))
						bad = i;
				if (!ok(bad == seen.n, "%s %s %ld/%ld: every statement's SQL text",
					k->strategy, d, o, cu)) {
					tap_show("statement:", bad < seen.n ? seen.v[bad].sql : "");
					tap_show("want:     ", expected_sql(k->strategy, dir, bad,
									    keys, &scratch));
				}
				free(res.error);
			}
	free(scratch);
}

static void test_lazy_params(void)
{
	struct experiment_result res;
	run("select", 100, 10, false, &res);
	bool in_order = seen.n == 11;
	for (size_t i = 1; in_order && i < seen.n; i++)
		in_order = seen.v[i].nparams == 1 && seen.v[i].params[0] == (int64_t)i;
	ok(in_order, "lazy loads ask for customers 1..10 in the order the loop meets them");
	is_int((int64_t)res.rows, 110, "lazy 100/10: 100 order rows + 10 customer rows");
	is_int((int64_t)res.parents, 100, "lazy 100/10: 100 orders loaded");
	ok(!seen.v[1].cached && seen.v[2].cached,
	   "first lazy statement is generated, the second comes from the cache");
	run("select", 100, 10, false, &res);
	ok(seen.v[0].cached && seen.v[1].cached, "a second run finds every form cached");

	run("joined", 100, 10, true, &res);
	is_int((int64_t)res.rows, 100, "joined collection: the JOIN returns 100 rows");
	is_int((int64_t)res.parents, 10, "joined collection: the Query de-duplicates 10 parents");
	run("immediate", 100, 10, false, &res);
	ok(seen.n == 11 && seen.v[10].params[0] == 10, "immediate sends lazy's statements");
}

static void test_selectin_chunks(void)
{
	const long keys[] = { 500, 501, 1001 };
	for (size_t k = 0; k < 3; k++)
		for (int dir = 0; dir < 2; dir++) {
			struct experiment_result res;
			run("selectin", keys[k], keys[k], dir, &res);
			size_t want = 1 + (size_t)(keys[k] + 499) / 500;
			is_int((int64_t)seen.n, (int64_t)want,
			       "selectin %s, %ld keys: %zu statements",
			       dir ? "collection" : "many-to-one", keys[k], want);
			bool sorted = true;
			int64_t next = 1;
			for (size_t i = 1; i < seen.n; i++) {
				long left = keys[k] - (long)(i - 1) * 500;
				sorted &= seen.v[i].nparams == (left < 500 ? left : 500);
				for (int p = 0; p < seen.v[i].nparams; p++)
					sorted &= seen.v[i].params[p] == next++;
			}
			ok(sorted && next == keys[k] + 1,
			   "selectin %s, %ld keys: chunks of 500 ascending keys, then the rest",
			   dir ? "collection" : "many-to-one", keys[k]);
		}
	struct experiment_result res;
	run("selectin", 100, 10, false, &res);
	is_int(seen.n == 2 ? seen.v[1].nparams : -1, 10, "selectin sends distinct keys once");
}

static void test_raise(void)
{
	struct experiment_result res;
	run("raise", 100, 10, false, &res);
	is_str(res.error, "'Order.customer' is not available due to lazy='raise'", "raise message");
	free(res.error);
	run("raise_on_sql", 100, 10, false, &res);
	is_str(res.error, "'Order.customer' is not available due to lazy='raise_on_sql'",
	       "raise_on_sql message");
	free(res.error);
	run("raise", 100, 10, true, &res);
	is_str(res.error, "'Customer.orders' is not available due to lazy='raise'",
	       "raise message, collection");
	free(res.error);
}

/* Session-level checks need a database of their own. */
static struct db *open_db(long orders, long customers)
{
	char *err = NULL;
	struct db *db = db_open(&err);
	struct db_dataset ds = { customers, orders, 0 };
	if (!db || db_build(db, &ds, NULL, NULL, &err)) {
		printf("# cannot build the database: %s\n", err);
		exit(1);
	}
	return db;
}

static void test_session(void)
{
	struct db *db = open_db(100, 10);
	struct mapper m;
	mapper_init(&m, false);
	struct sqllog *log = sqllog_new(64);
	sqllog_attach(log, db);
	char *err = NULL;
	struct object **objs;
	size_t n;

	/* noload: order.customer is None, and no SQL */
	struct session *s = session_new(db, &m, true);
	session_query(s, &m.order_customer, loader_of(strategy_find("noload")), 0, &objs, &n, &err);
	bool none = n == 100;
	for (size_t i = 0; i < n; i++)
		none &= session_access(s, &m.order_customer, objs[i], &err) == SESSION_OK &&
			objs[i]->u.order.customer == NULL;
	ok(none, "noload: every order.customer is None");
	is_int((int64_t)sqllog_count(log), 1, "noload: one statement in all");
	session_free(s);

	/* raise_on_sql returns what the identity map already holds */
	sqllog_reset(log);
	s = session_new(db, &m, true);
	session_query(s, &m.customer_orders, loader_of(strategy_find("select")), 0, &objs, &n,
		      &err);
	session_query(s, &m.order_customer, loader_of(strategy_find("raise_on_sql")), 0, &objs, &n,
		      &err);
	bool all = true;
	for (size_t i = 0; i < n; i++)
		all &= session_access(s, &m.order_customer, objs[i], &err) == SESSION_OK &&
		       objs[i]->u.order.customer->id == objs[i]->u.order.customer_id;
	ok(all, "raise_on_sql: customers already in the identity map are returned");
	is_int((int64_t)sqllog_count(log), 2, "raise_on_sql: no SQL for them");
	session_free(s);

	/* the identity map: one object per key; without it, one per row */
	for (int idmap = 1; idmap >= 0; idmap--) {
		sqllog_reset(log);
		s = session_new(db, &m, idmap);
		session_query(s, &m.order_customer, loader_of(strategy_find("select")), 0, &objs,
			      &n, &err);
		for (size_t i = 0; i < n; i++)
			session_access(s, &m.order_customer, objs[i], &err);
		bool same = objs[0]->u.order.customer == objs[10]->u.order.customer;
		ok(idmap ? same : !same, "%s: orders 1 and 11 share customer 1's object: %s",
		   idmap ? "identity map" : "no identity map", idmap ? "yes" : "no");
		is_int((int64_t)sqllog_count(log), idmap ? 11 : 101, "%s: %d statements",
		       idmap ? "identity map" : "no identity map", idmap ? 11 : 101);
		is_str(objs[99]->u.order.customer->u.customer.name, "Customer 10",
		       "order 100 belongs to Customer 10");
		session_free(s);
	}
	sqllog_free(log);
	db_close(db);
}

static void test_limit(void)
{
	struct spec spec = spec_default();
	spec.strategy = strategy_find("joined");
	spec.collection = true;
	spec.limit = 3;
	struct experiment_result res;
	forget(&seen);
	experiment_run(ex, &spec, &res);
	is_str(seen.n ? seen.v[0].sql : NULL,
	       "SELECT anon_1.customers_id AS anon_1_customers_id, anon_1.customers_name AS "
	       "anon_1_customers_name, orders_1.id AS orders_1_id, orders_1.customer_id AS "
	       "orders_1_customer_id, orders_1.total AS orders_1_total \nFROM (SELECT "
	       "customers.id AS customers_id, customers.name AS customers_name \nFROM customers "
	       "ORDER BY customers.id\n LIMIT ? OFFSET ?) AS anon_1 LEFT OUTER JOIN orders AS "
	       "orders_1 ON anon_1.customers_id = orders_1.customer_id ORDER BY "
	       "anon_1.customers_id",
	       "joined collection under LIMIT wraps the parents in a subquery");
	ok(seen.n == 1 && seen.v[0].nparams == 2 && seen.v[0].params[0] == 3 &&
		   seen.v[0].params[1] == 0,
	   "LIMIT ? OFFSET ? is bound (3, 0)");
	is_int((int64_t)res.parents, 3, "a page of 3 customers");
	is_int((int64_t)res.rows, 30, "with their 30 orders");

	spec.strategy = strategy_find("selectin");
	spec.notes = 16;
	forget(&seen);
	experiment_run(ex, &spec, &res);
	is_str(seen.n ? seen.v[0].sql : NULL,
	       "SELECT customers.id AS customers_id, customers.name AS customers_name, "
	       "customers.notes AS customers_notes \nFROM customers ORDER BY customers.id\n "
	       "LIMIT ? OFFSET ?",
	       "--notes adds customers.notes to the parent query");
	is_int((int64_t)res.queries, 2, "selectin collection page: 2 statements");
}

/* A 2.0-style (or legacy) workload and what SQLAlchemy 2.0.52 sent for it. */
struct style_case {
	const char *what;
	struct spec spec; /* over spec_default(): only the fields set here */
	uint64_t queries;
	const char *sql;    /* the first statement */
	const char *params; /* its parameters, as echo prints them */
	const char *sql2;   /* the second statement, or NULL */
	const char *error;  /* NULL: the run succeeds */
};

#define SEL	  .style = SPEC_SELECT, .ordered = true
#define QRY	  .style = SPEC_QUERY, .ordered = true
#define O2M_PLAIN "SELECT customers.id, customers.name"
#define O_PLAIN	  "SELECT orders.id, orders.customer_id, orders.total"
#define JOIN_M2O                                                                                   \
	" \nFROM orders LEFT OUTER JOIN customers AS customers_1 ON customers_1.id = "             \
	"orders.customer_id"

static const struct style_case style_cases[] = {
	{ "select(Order)", { SEL }, 11, O_PLAIN " \nFROM orders", "()", SQL_LAZY_M2O, NULL },
	{ "select(Customer)",
	  { SEL, .collection = true },
	  11,
	  O2M_PLAIN " \nFROM customers",
	  "()",
	  SQL_LAZY_O2M,
	  NULL },
	{ "select(Order) joinedload",
	  { SEL, .strategy = &(const struct strategy){ "joined", 0, 0, 0, 0 } },
	  1,
	  O_PLAIN ", customers_1.id AS id_1, customers_1.name" JOIN_M2O,
	  "()",
	  NULL,
	  NULL },
	{ "select(Order) joinedload innerjoin",
	  { SEL, .innerjoin = true, .strategy = &(const struct strategy){ "joined", 0, 0, 0, 0 } },
	  1,
	  O_PLAIN ", customers_1.id AS id_1, customers_1.name \nFROM orders JOIN customers AS "
		  "customers_1 ON customers_1.id = orders.customer_id",
	  "()",
	  NULL,
	  NULL },
	{ "query(Order) joinedload innerjoin",
	  { QRY, .innerjoin = true, .strategy = &(const struct strategy){ "joined", 0, 0, 0, 0 } },
	  1,
	  "SELECT " ORDER_COLS ", customers_1.id AS customers_1_id, customers_1.name AS "
	  "customers_1_name \nFROM orders JOIN customers AS customers_1 ON customers_1.id = "
	  "orders.customer_id",
	  "()",
	  NULL,
	  NULL },
	{ "select(Customer) joinedload without unique()",
	  { SEL, .collection = true, .strategy = &(const struct strategy){ "joined", 0, 0, 0, 0 } },
	  1,
	  O2M_PLAIN ", orders_1.id AS id_1, orders_1.customer_id, orders_1.total \nFROM customers "
		    "LEFT OUTER JOIN orders AS orders_1 ON customers.id = orders_1.customer_id",
	  "()",
	  NULL,
	  "The unique() method must be invoked on this Result, as it contains results that "
	  "include joined eager loads against collections" },
	{ "select(Customer) joinedload .unique()",
	  { SEL, .unique = true, .collection = true,
	    .strategy = &(const struct strategy){ "joined", 0, 0, 0, 0 } },
	  1,
	  NULL,
	  "()",
	  NULL,
	  NULL },
	{ "select(Customer) joinedload .first() needs no unique()",
	  { SEL, .first = true, .collection = true,
	    .strategy = &(const struct strategy){ "joined", 0, 0, 0, 0 } },
	  1,
	  NULL,
	  "()",
	  NULL,
	  NULL },
	{ "select(Customer) joinedload, a page ordered by id",
	  { SEL, .unique = true, .collection = true, .limit = 3, .norder = 1,
	    .order = { { "id", SPEC_DIR_NONE } },
	    .strategy = &(const struct strategy){ "joined", 0, 0, 0, 0 } },
	  1,
	  "SELECT anon_1.id, anon_1.name, orders_1.id AS id_1, orders_1.customer_id, "
	  "orders_1.total \nFROM (SELECT customers.id AS id, customers.name AS name \nFROM "
	  "customers ORDER BY customers.id\n LIMIT ? OFFSET ?) AS anon_1 LEFT OUTER JOIN orders AS "
	  "orders_1 ON anon_1.id = orders_1.customer_id ORDER BY anon_1.id",
	  "(3, 0)",
	  NULL,
	  NULL },
	{ "query(Customer) joinedload, filtered page by name desc",
	  { QRY, .collection = true, .limit = 3, .offset = 1, .norder = 1,
	    .order = { { "name", SPEC_DESC } }, .nwhere = 1,
	    .where = { { "id", SPEC_GT, { .kind = VALUE_INT, .i = 2 } } },
	    .strategy = &(const struct strategy){ "joined", 0, 0, 0, 0 } },
	  1,
	  "SELECT anon_1.customers_id AS anon_1_customers_id, anon_1.customers_name AS "
	  "anon_1_customers_name, orders_1.id AS orders_1_id, orders_1.customer_id AS "
	  "orders_1_customer_id, orders_1.total AS orders_1_total \nFROM (SELECT customers.id AS "
	  "customers_id, customers.name AS customers_name \nFROM customers \nWHERE customers.id > "
	  "? ORDER BY customers.name DESC\n LIMIT ? OFFSET ?) AS anon_1 LEFT OUTER JOIN orders AS "
	  "orders_1 ON anon_1.customers_id = orders_1.customer_id ORDER BY anon_1.customers_name "
	  "DESC",
	  "(2, 3, 1)",
	  NULL,
	  NULL },
	{ "select(Order) joinedload where, order_by desc, limit, offset",
	  { SEL, .limit = 5, .offset = 3, .norder = 1, .order = { { "id", SPEC_DESC } },
	    .nwhere = 1, .where = { { "id", SPEC_LE, { .kind = VALUE_INT, .i = 50 } } },
	    .strategy = &(const struct strategy){ "joined", 0, 0, 0, 0 } },
	  1,
	  O_PLAIN ", customers_1.id AS id_1, customers_1.name" JOIN_M2O
		  " \nWHERE orders.id <= ? ORDER BY orders.id DESC\n LIMIT ? OFFSET ?",
	  "(50, 5, 3)",
	  NULL,
	  NULL },
	{ "select(Order) subqueryload, a page by total desc",
	  { SEL, .limit = 3, .norder = 1, .order = { { "total", SPEC_DESC } },
	    .strategy = &(const struct strategy){ "subquery", 0, 0, 0, 0 } },
	  2,
	  O_PLAIN " \nFROM orders ORDER BY orders.total DESC\n LIMIT ? OFFSET ?",
	  "(3, 0)",
	  "SELECT " CUSTOMER_COLS ", anon_1.orders_customer_id AS anon_1_orders_customer_id \nFROM "
	  "(SELECT DISTINCT orders.customer_id AS orders_customer_id, orders.total AS orders_total "
	  "\nFROM orders ORDER BY orders.total DESC\n LIMIT ? OFFSET ?) AS anon_1 JOIN customers "
	  "ON customers.id = anon_1.orders_customer_id",
	  NULL },
	{ "select(Customer) subqueryload, where, ordered but not paged",
	  { SEL, .collection = true, .norder = 1, .order = { { "id", SPEC_DIR_NONE } }, .nwhere = 1,
	    .where = { { "id", SPEC_LE, { .kind = VALUE_INT, .i = 5 } } },
	    .strategy = &(const struct strategy){ "subquery", 0, 0, 0, 0 } },
	  2,
	  O2M_PLAIN " \nFROM customers \nWHERE customers.id <= ? ORDER BY customers.id",
	  "(5,)",
	  "SELECT " ORDER_COLS ", anon_1.customers_id AS anon_1_customers_id \nFROM (SELECT "
	  "customers.id AS customers_id \nFROM customers \nWHERE customers.id <= ?) AS anon_1 JOIN "
	  "orders ON anon_1.customers_id = orders.customer_id",
	  NULL },
	{ "select(Customer) where name == string",
	  { SEL, .collection = true, .nwhere = 1,
	    .where = { { "name", SPEC_EQ, { .kind = VALUE_TEXT, .text = "Customer 3" } } } },
	  2,
	  O2M_PLAIN " \nFROM customers \nWHERE customers.name = ?",
	  "('Customer 3',)",
	  SQL_LAZY_O2M,
	  NULL },
	{ "select(Order) where total > float, customer_id != int",
	  { SEL, .nwhere = 2,
	    .where = { { "total", SPEC_GT, { .kind = VALUE_REAL, .r = 10.5 } },
		       { "customer_id", SPEC_NE, { .kind = VALUE_INT, .i = 3 } } } },
	  10,
	  O_PLAIN " \nFROM orders \nWHERE orders.total > ? AND orders.customer_id != ?",
	  "(10.5, 3)",
	  SQL_LAZY_M2O,
	  NULL },
	{ "select(Order) offset alone",
	  { SEL, .offset = 10 },
	  11,
	  O_PLAIN " \nFROM orders\n LIMIT ? OFFSET ?",
	  "(-1, 10)",
	  SQL_LAZY_M2O,
	  NULL },
	{ "query(Order).first(): LIMIT 1",
	  { QRY, .first = true },
	  2,
	  "SELECT " ORDER_COLS " \nFROM orders\n LIMIT ? OFFSET ?",
	  "(1, 0)",
	  SQL_LAZY_M2O,
	  NULL },
	{ "query(Order).limit(5).offset(5).first(): the limit becomes 1",
	  { QRY, .first = true, .limit = 5, .offset = 5 },
	  2,
	  "SELECT " ORDER_COLS " \nFROM orders\n LIMIT ? OFFSET ?",
	  "(1, 5)",
	  SQL_LAZY_M2O,
	  NULL },
	{ "select(Order) .first(): no LIMIT, every row fetched",
	  { SEL, .first = true },
	  2,
	  O_PLAIN " \nFROM orders",
	  "()",
	  SQL_LAZY_M2O,
	  NULL },
	{ "select(Order) immediateload .first(): every order's customer loaded",
	  { SEL, .first = true, .strategy = &(const struct strategy){ "immediate", 0, 0, 0, 0 } },
	  11,
	  O_PLAIN " \nFROM orders",
	  "()",
	  SQL_LAZY_M2O,
	  NULL },
	{ "conflicting options: no SQL",
	  { SEL, .conflict = true },
	  0,
	  NULL,
	  NULL,
	  NULL,
	  "Loader strategies for ORM Path[Mapper[Order(orders)] -> Order.customer -> "
	  "Mapper[Customer(customers)]] conflict" },
};

static void test_styles(void)
{
	for (size_t i = 0; i < sizeof style_cases / sizeof *style_cases; i++) {
		const struct style_case *k = &style_cases[i];
		struct spec spec = k->spec;
		struct spec def = spec_default();
		/* The table names strategies by name: find the real entry. */
		spec.strategy = strategy_find(spec.strategy ? spec.strategy->name : "select");
		spec.orders = def.orders, spec.customers = def.customers;
		spec.identity_map = true;
		struct experiment_result res;
		forget(&seen);
		experiment_run(ex, &spec, &res);
		is_int((int64_t)res.queries, (int64_t)k->queries, "%s: %llu statements", k->what,
		       (unsigned long long)k->queries);
		if (k->error)
			is_str(res.error, k->error, "%s: raises", k->what);
		else if (!ok(res.error == NULL, "%s: no error", k->what))
			tap_show("error:", res.error);
		if (k->sql)
			is_str(seen.n ? seen.v[0].sql : NULL, k->sql, "%s: the parent query",
			       k->what);
		if (k->sql2)
			is_str(seen.n > 1 ? seen.v[1].sql : NULL, k->sql2,
			       "%s: the second statement", k->what);
		if (k->params) {
			const struct sqllog_entry *e = NULL;
			for (size_t j = 0; j < sqllog_len(experiment_log(ex)); j++)
				if (sqllog_get(experiment_log(ex), j)->seq == 1)
					e = sqllog_get(experiment_log(ex), j);
			char text[128] = "(no statement)";
			if (e)
				sqllog_entry_params_text(e, 8, "...", text, sizeof text);
			is_str(text, k->params, "%s: its parameters", k->what);
		}
		free(res.error);
	}
}

static void test_defences(void)
{
	struct db *db = open_db(1, 1);
	const char *attacks[] = {
		"ATTACH DATABASE '/tmp/nplus1-attack.db' AS evil",
		"VACUUM INTO '/tmp/nplus1-attack.db'",
		"SELECT load_extension('/tmp/nplus1-attack.so')",
	};
	for (size_t i = 0; i < 3; i++) {
		char *msg = NULL;
		int rc = sqlite3_exec(db_handle(db), attacks[i], NULL, NULL, &msg);
		ok(rc != SQLITE_OK, "refused: %s (%s)", attacks[i], msg ? msg : "");
		sqlite3_free(msg);
	}
	ok(access("/tmp/nplus1-attack.db", F_OK) != 0, "no file was written");
	db_close(db);

	/* What the prompt's :sql may and may not do. */
	struct experiment *x = experiment_new(8);
	struct spec spec = spec_default();
	const struct {
		const char *sql;
		bool allowed;
	} cases[] = {
		{ "PRAGMA writable_schema=1", false },
		{ "PRAGMA foreign_keys=OFF", false },
		{ "PRAGMA table_info(orders)", true },
		{ "DROP TABLE orders", false },
		{ "ALTER TABLE customers RENAME TO c2", false },
		{ "CREATE TABLE scratch(x)", true },
		{ "DROP TABLE scratch", true },
		{ "UPDATE customers SET name = 'x' WHERE id = 1", true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *err = NULL;
		int rc = experiment_sql(x, &spec, cases[i].sql, false, NULL, NULL, NULL, &err);
		ok((rc == 0) == cases[i].allowed, "%s: %s%s", cases[i].sql,
		   cases[i].allowed ? "allowed" : "refused", err ? "" : "");
		free(err);
	}
	/* a 1 MB statement is just a statement */
	size_t big = 1 << 20;
	char *sql = util_malloc(big + 32);
	strcpy(sql, "SELECT 1 -- ");
	memset(sql + 12, 'x', big);
	sql[12 + big] = '\0';
	char *err = NULL;
	ok(experiment_sql(x, &spec, sql, false, NULL, NULL, NULL, &err) == 0,
	   "a 1 MB statement runs (%s)", err ? err : "ok");
	free(err);
	free(sql);
	experiment_free(x);
}

int main(void)
{
	ex = experiment_new(32);
	sqllog_subscribe(experiment_log(ex), record, &seen);
	test_counts_and_sql();
	test_lazy_params();
	test_selectin_chunks();
	test_raise();
	test_limit();
	test_styles();
	test_session();
	test_defences();
	forget(&seen);
	free(seen.v);
	experiment_free(ex);
	return tap_done();
}
