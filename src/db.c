/* db: see db.h.
 *
 * Defensive by construction: SQLITE_DBCONFIG_DEFENSIVE, no extension loading, no
 * attached databases (which also stops VACUUM INTO), and an authorizer that refuses
 * ATTACH, DETACH and load_extension() even if a limit is raised later. */
#include "config.h"

#include "db.h"
#include "cancel.h"
#include "db_printf.h"
#include "idmap.h"
#include "sbuf.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct db {
	sqlite3 *conn;
	struct idmap stmts; /* hash of sql -> chain of struct db_stmt */
	struct idmap forms; /* hash of key -> chain of struct form_node */
	struct db_stmt *current;
	int64_t latency_ns;
	bool clocked;	 /* db_step times sqlite3_step */
	int64_t step_ns; /* summed while clocked, since the last db_clock_read */
	int64_t steps;	 /* sqlite3_step calls clocked in that time */
	struct db_dataset dataset;
	volatile bool interrupted;
	/* The progress handler's: SQLite work done in DB_TICK_OPS steps, the bound
	 * on it (0: none) and whether it was passed; the learner's stop(). */
	uint64_t ticks, budget;
	bool over_budget;
	int (*stop)(void *ctx);
	void *stop_ctx;
	struct db_printf *printf_guard;
};

enum { DB_TICK_OPS = 1000, DB_MAX_LENGTH = 16 << 20 };

struct db_form {
	char *key;
	int64_t created_ns; /* when the form was first prepared */
	int64_t compile_ns; /* how long that took */
	uint64_t executions;
};

struct db_stmt {
	char *sql;
	sqlite3_stmt *stmt;
	struct db_form *form;
	int64_t *params; /* the values bound for the current execution */
	int nparams, params_cap;
	struct value *values; /* their types, when db_begin_values bound them */
	int values_cap;
	bool typed;
	uint64_t rows; /* rows stepped in the current execution */
	struct db_stmt *next_same_hash;
};

struct form_node {
	struct db_form form;
	struct form_node *next;
};

static bool tutorial_table(const char *name)
{
	return name && (strcasecmp(name, "customers") == 0 || strcasecmp(name, "orders") == 0);
}

static bool informational(const char *pragma)
{
	static const char *const ok[] = { "table_info",	       "table_xinfo",
					  "index_list",	       "index_info",
					  "index_xinfo",       "foreign_key_list",
					  "foreign_key_check", "integrity_check",
					  "quick_check",       "table_list" };
	for (size_t i = 0; pragma && i < sizeof ok / sizeof *ok; i++)
		if (strcasecmp(pragma, ok[i]) == 0)
			return true;
	return false;
}

/* What typed SQL may not do: reach outside the in-memory database (ATTACH,
 * extensions), change how SQLite behaves (any PRAGMA that sets something, such
 * as writable_schema), or take the tutorial's tables away. Everything else,
 * including changing their rows, is allowed: :reset puts them back. */
static int authorize(void *ctx, int action, const char *a, const char *b, const char *c,
		     const char *d)
{
	(void)ctx, (void)c, (void)d;
	switch (action) {
	case SQLITE_ATTACH:
	case SQLITE_DETACH: return SQLITE_DENY;
	case SQLITE_FUNCTION:
		return b && strcasecmp(b, "load_extension") == 0 ? SQLITE_DENY : SQLITE_OK;
	case SQLITE_PRAGMA:
		/* b is the argument: reading a setting is fine, setting one is not,
		 * but the pragmas that describe a table take one too. */
		return !b || informational(a) ? SQLITE_OK : SQLITE_DENY;
	case SQLITE_DROP_TABLE:
	case SQLITE_ALTER_TABLE:
		/* ALTER names the table in b (a is the schema) */
		return tutorial_table(action == SQLITE_DROP_TABLE ? a : b) ? SQLITE_DENY
									   : SQLITE_OK;
	}
	return SQLITE_OK;
}

static int progress(void *ctx)
{
	struct db *db = ctx;
	if (db->budget && ++db->ticks > db->budget) {
		db->over_budget = true;
		return 1;
	}
	if (db->stop && db->stop(db->stop_ctx))
		return 1;
	return cancel_check();
}

struct db *db_open(char **err)
{
	struct db *db = util_calloc(1, sizeof *db);
	if (sqlite3_open_v2(":memory:", &db->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		*err = util_printf("cannot open an in-memory database: %s",
				   db->conn ? sqlite3_errmsg(db->conn) : "out of memory");
		sqlite3_close(db->conn);
		free(db);
		return NULL;
	}
	/* A defence that cannot be set up is not silently dropped. */
	if (sqlite3_db_config(db->conn, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL) ||
	    sqlite3_db_config(db->conn, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)NULL) ||
	    sqlite3_db_config(db->conn, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL) ||
	    sqlite3_set_authorizer(db->conn, authorize, NULL)) {
		*err = util_printf("cannot secure the database: %s", sqlite3_errmsg(db->conn));
		sqlite3_close(db->conn);
		free(db);
		return NULL;
	}
	sqlite3_limit(db->conn, SQLITE_LIMIT_ATTACHED, 0);
	/* A value or row past this is "string or blob too big" at once, before SQLite
	 * builds it: printf('%.*c', 2000000000, 'x') would take a gigabyte and many
	 * seconds. A customer's widest notes (1 MB) fit many times over. */
	sqlite3_limit(db->conn, SQLITE_LIMIT_LENGTH, DB_MAX_LENGTH);
	if (!(db->printf_guard = db_printf_install(db->conn, DB_MAX_LENGTH))) {
		*err = util_printf("cannot secure the database: %s", sqlite3_errmsg(db->conn));
		sqlite3_close(db->conn);
		free(db);
		return NULL;
	}
	/* Every long statement is asked now and then whether to stop: a budget
	 * passed, the learner's Esc, a signal (cancel.h). */
	sqlite3_progress_handler(db->conn, DB_TICK_OPS, progress, db);
	idmap_init(&db->stmts);
	idmap_init(&db->forms);
	return db;
}

static void free_stmts(struct idmap *m)
{
	for (size_t i = 0; m->slots && i <= m->mask; i++)
		for (struct db_stmt *st = m->slots[i].value, *next; st; st = next) {
			next = st->next_same_hash;
			sqlite3_finalize(st->stmt);
			free(st->sql);
			free(st->params);
			free(st->values);
			free(st);
		}
	idmap_done(m);
}

static void free_forms(struct idmap *m)
{
	for (size_t i = 0; m->slots && i <= m->mask; i++)
		for (struct form_node *f = m->slots[i].value, *next; f; f = next) {
			next = f->next;
			free(f->form.key);
			free(f);
		}
	idmap_done(m);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	free_stmts(&db->stmts);
	free_forms(&db->forms);
	sqlite3_close(db->conn);
	db_printf_free(db->printf_guard);
	free(db);
}

sqlite3 *db_handle(struct db *db) { return db->conn; }
const struct db_dataset *db_dataset(const struct db *db) { return &db->dataset; }
const struct db_stmt *db_current(const struct db *db) { return db->current; }
const char *db_errmsg(const struct db *db)
{
	if (db->over_budget)
		return "stopped: far more SQLite work than the tutorial's data needs (a view "
		       "that recurses without end?)";
	return db->interrupted || cancel_requested() ? "interrupted" : sqlite3_errmsg(db->conn);
}

void db_set_budget(struct db *db, uint64_t steps)
{
	db->budget = steps ? steps / DB_TICK_OPS + 1 : 0;
	db->ticks = 0;
	db->over_budget = false;
}
void db_set_latency(struct db *db, int64_t ns) { db->latency_ns = ns > 0 ? ns : 0; }

/* DDL exactly as SQLAlchemy 1.4's create_all() emits it for the tutorial's models. */
static char *customers_ddl(long notes)
{
	return util_printf("\nCREATE TABLE customers (\n\tid INTEGER NOT NULL, \n"
			   "\tname VARCHAR, \n%s\tPRIMARY KEY (id)\n)\n\n",
			   notes ? "\tnotes VARCHAR, \n" : "");
}

static const char orders_ddl[] =
	"\nCREATE TABLE orders (\n\tid INTEGER NOT NULL, \n\tcustomer_id INTEGER, \n"
	"\ttotal FLOAT, \n\tPRIMARY KEY (id), \n"
	"\tFOREIGN KEY(customer_id) REFERENCES customers (id)\n)\n\n";

static int exec(struct db *db, const char *sql, char **err)
{
	char *msg = NULL;
	if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	*err = util_printf("%s", msg ? msg : sqlite3_errmsg(db->conn));
	sqlite3_free(msg);
	return -1;
}

static int insert_rows(struct db *db, const struct db_dataset *ds, db_setup_fn setup, void *ctx,
		       char **err)
{
	sqlite3_stmt *c = NULL, *o = NULL;
	char *notes = NULL;
	int rc = -1;
	const char *csql = ds->notes ? "INSERT INTO customers (id, name, notes) VALUES (?, ?, ?)"
				     : "INSERT INTO customers (id, name) VALUES (?, ?)";
	if (sqlite3_prepare_v2(db->conn, csql, -1, &c, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db->conn,
			       "INSERT INTO orders (id, customer_id, total) VALUES (?, ?, ?)", -1,
			       &o, NULL) != SQLITE_OK)
		goto out;
	if (setup) {
		setup(ctx, csql, ds->customers);
		setup(ctx, sqlite3_sql(o), ds->orders);
	}
	if (ds->notes) {
		notes = util_malloc((size_t)ds->notes);
		memset(notes, 'x', (size_t)ds->notes);
	}
	char name[32];
	for (long i = 1; i <= ds->customers; i++) {
		if (cancel_check())
			goto out;
		int n = snprintf(name, sizeof name, "Customer %ld", i);
		sqlite3_bind_int64(c, 1, i);
		sqlite3_bind_text(c, 2, name, n, SQLITE_STATIC);
		if (notes)
			sqlite3_bind_text(c, 3, notes, (int)ds->notes, SQLITE_STATIC);
		if (sqlite3_step(c) != SQLITE_DONE)
			goto out;
		sqlite3_reset(c);
	}
	for (long i = 1; i <= ds->orders; i++) {
		if (cancel_check())
			goto out;
		sqlite3_bind_int64(o, 1, i);
		sqlite3_bind_int64(o, 2, (i - 1) % ds->customers + 1);
		sqlite3_bind_double(o, 3, (double)i * 1.5);
		if (sqlite3_step(o) != SQLITE_DONE)
			goto out;
		sqlite3_reset(o);
	}
	rc = 0;
out:
	if (rc)
		*err = util_printf("cannot seed the database: %s", db_errmsg(db));
	free(notes);
	sqlite3_finalize(c);
	sqlite3_finalize(o);
	return rc;
}

int db_build(struct db *db, const struct db_dataset *ds, db_setup_fn setup, void *ctx, char **err)
{
	if (ds->customers < 1 || ds->orders < 0 || ds->notes < 0) {
		*err = util_printf("invalid dataset: %ld orders over %ld customers", ds->orders,
				   ds->customers);
		return -1;
	}
	char *cust = customers_ddl(ds->notes);
	const char *steps[] = { cust, orders_ddl };
	int rc = 0;
	for (size_t i = 0; i < 2 && rc == 0; i++) {
		if (setup)
			setup(ctx, steps[i], 0);
		rc = exec(db, steps[i], err);
	}
	free(cust);
	if (rc == 0 && (rc = exec(db, "BEGIN", err)) == 0) {
		rc = insert_rows(db, ds, setup, ctx, err);
		char *ignored = NULL;
		if (exec(db, rc == 0 ? "COMMIT" : "ROLLBACK", rc == 0 ? err : &ignored))
			rc = -1;
		free(ignored);
	}
	if (rc == 0)
		db->dataset = *ds;
	return rc;
}

static struct db_form *form_for(struct db *db, const char *key, int64_t compile_ns)
{
	int64_t h = idmap_hash_text(key);
	struct form_node *head = idmap_get(&db->forms, h);
	for (struct form_node *f = head; f; f = f->next)
		if (strcmp(f->form.key, key) == 0)
			return &f->form;
	struct form_node *f = util_calloc(1, sizeof *f);
	f->form.key = util_strdup(key);
	f->form.created_ns = util_now_ns();
	f->form.compile_ns = compile_ns;
	f->next = head;
	idmap_put(&db->forms, h, f);
	return &f->form;
}

struct db_stmt *db_prepare(struct db *db, const char *sql, const char *form, char **err)
{
	int64_t h = idmap_hash_text(sql);
	struct db_stmt *head = idmap_get(&db->stmts, h);
	for (struct db_stmt *st = head; st; st = st->next_same_hash)
		if (strcmp(st->sql, sql) == 0)
			return st;

	int64_t t0 = util_now_ns();
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db->conn, sql, -1, &s, NULL);
	if (rc != SQLITE_OK || !s) {
		*err = util_printf("%s", rc != SQLITE_OK ? sqlite3_errmsg(db->conn)
							 : "no statement to run");
		sqlite3_finalize(s);
		return NULL;
	}
	struct db_stmt *st = util_calloc(1, sizeof *st);
	st->sql = util_strdup(sql);
	st->stmt = s;
	st->form = form_for(db, form ? form : sql, util_now_ns() - t0);
	st->next_same_hash = head;
	idmap_put(&db->stmts, h, st);
	return st;
}

/* Reset st for an execution with n parameters: room for them, none typed. */
static void begin(struct db *db, struct db_stmt *st, int n)
{
	sqlite3_reset(st->stmt);
	if (n > st->params_cap) {
		st->params_cap = n;
		st->params = util_realloc(st->params, (size_t)n * sizeof *st->params);
	}
	st->nparams = n;
	st->typed = false;
	st->rows = 0;
	db->current = st;
}

/* In slices, so a long latency can be cancelled. */
static void wait_latency(struct db *db)
{
	if (!db->latency_ns)
		return;
	cancel_wait(db->latency_ns);
}

void db_clock(struct db *db, bool on)
{
	db->clocked = on;
	db->step_ns = db->steps = 0;
}

void db_clock_read(struct db *db, int64_t *step_ns, int64_t *steps)
{
	*step_ns = db->step_ns;
	*steps = db->steps;
	db->step_ns = db->steps = 0;
}

void db_begin(struct db *db, struct db_stmt *st, const int64_t *params, int nparams)
{
	begin(db, st, nparams);
	for (int i = 0; i < nparams; i++)
		sqlite3_bind_int64(st->stmt, i + 1, st->params[i] = params[i]);
	wait_latency(db);
}

void db_begin_values(struct db *db, struct db_stmt *st, const struct value *values, int nvalues)
{
	begin(db, st, nvalues);
	if (nvalues > st->values_cap) {
		st->values_cap = nvalues;
		st->values = util_realloc(st->values, (size_t)nvalues * sizeof *st->values);
	}
	for (int i = 0; i < nvalues; i++) {
		st->values[i] = values[i];
		const struct value *v = &st->values[i];
		st->params[i] = v->kind == VALUE_INT ? v->i : 0;
		if (v->kind == VALUE_REAL)
			sqlite3_bind_double(st->stmt, i + 1, v->r);
		else if (v->kind == VALUE_TEXT)
			sqlite3_bind_text(st->stmt, i + 1, v->text, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st->stmt, i + 1, v->i);
	}
	st->typed = true;
	wait_latency(db);
}

int db_step(struct db *db, struct db_stmt *st)
{
	if (db->interrupted || cancel_check())
		return SQLITE_INTERRUPT;
	int rc;
	if (db->clocked) {
		int64_t t0 = util_now_ns();
		rc = sqlite3_step(st->stmt);
		db->step_ns += util_now_ns() - t0;
		db->steps++;
	} else {
		rc = sqlite3_step(st->stmt);
	}
	if (rc == SQLITE_ROW)
		st->rows++;
	return rc;
}

void db_end(struct db *db, struct db_stmt *st)
{
	sqlite3_reset(st->stmt);
	st->form->executions++;
	if (db->current == st)
		db->current = NULL;
}

void db_interrupt(struct db *db)
{
	db->interrupted = true;
	sqlite3_interrupt(db->conn);
}

void db_resume(struct db *db) { db->interrupted = false; }

/* Whether text holds a statement (or something SQLite cannot read as only
 * comments and spaces). */
static bool has_statement(struct db *db, const char *text)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->conn, text, -1, &st, NULL);
	sqlite3_finalize(st);
	return rc != SQLITE_OK || st;
}

int db_exec_user(struct db *db, const char *sql, bool one,
		 void (*row)(void *ctx, int ncol, const char *const *names,
			     const char *const *values),
		 int (*stop)(void *ctx), void *ctx, int *ran, char **err)
{
	const char *tail = sql;
	int rc = SQLITE_OK, count = 0;
	if (ran)
		*ran = 0;
	/* A runaway query (a recursive CTE, a cross join) is stopped from the
	 * outside: the progress handler asks stop() every DB_TICK_OPS steps. */
	db->stop = stop, db->stop_ctx = ctx;
	db->budget = 0;
	while (rc == SQLITE_OK && tail && *tail) {
		sqlite3_stmt *st = NULL;
		rc = sqlite3_prepare_v2(db->conn, tail, -1, &st, &tail);
		if (rc != SQLITE_OK || !st) /* an error, or only a comment left */
			break;
		if (one && has_statement(db, tail)) {
			sqlite3_finalize(st);
			db->stop = NULL, db->stop_ctx = NULL;
			*err = util_strdup("one statement at a time: remove what follows the "
					   "first ';' (nothing ran)");
			return -1;
		}
		count++;
		int ncol = sqlite3_column_count(st);
		const char **names = util_calloc((size_t)ncol + 1, sizeof *names);
		const char **values = util_calloc((size_t)ncol + 1, sizeof *values);
		for (int i = 0; i < ncol; i++)
			names[i] = sqlite3_column_name(st, i);
		while (!db->interrupted && !cancel_check() &&
		       (rc = sqlite3_step(st)) == SQLITE_ROW) {
			for (int i = 0; i < ncol; i++)
				values[i] = (const char *)sqlite3_column_text(st, i);
			if (row)
				row(ctx, ncol, names, values);
		}
		if (db->interrupted || cancel_requested())
			rc = SQLITE_INTERRUPT;
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		free(names);
		free(values);
		sqlite3_finalize(st);
	}
	db->stop = NULL, db->stop_ctx = NULL;
	if (ran)
		*ran = count;
	if (rc != SQLITE_OK) {
		*err = util_printf("%s", rc == SQLITE_INTERRUPT ? "interrupted"
								: sqlite3_errmsg(db->conn));
		return -1;
	}
	return 0;
}

const char *db_stmt_sql(const struct db_stmt *st) { return st->sql; }
sqlite3_stmt *db_stmt_handle(const struct db_stmt *st) { return st->stmt; }
uint64_t db_stmt_rows(const struct db_stmt *st) { return st->rows; }
const struct value *db_stmt_values(const struct db_stmt *st)
{
	return st->typed ? st->values : NULL;
}

const int64_t *db_stmt_params(const struct db_stmt *st, int *n)
{
	*n = st->nparams;
	return st->params;
}

bool db_stmt_cached(const struct db_stmt *st, double *seconds)
{
	bool cached = st->form->executions > 0;
	*seconds = cached ? (double)(util_now_ns() - st->form->created_ns) / 1e9
			  : (double)st->form->compile_ns / 1e9;
	return cached;
}
