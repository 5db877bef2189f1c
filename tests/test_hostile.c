/* test_hostile: the engine against data a learner changed with :sql, and against
 * work that must stay bounded (issue 16). NULLs load as SQLAlchemy loads them
 * (None, and no SQL for a NULL foreign key; counts measured with SQLAlchemy
 * 1.4.46 and 2.0.52); a shape the engine cannot load (a shadowing temp table or
 * view, a NULL primary key, a missing column) is one clear failure, never a
 * crash; a runaway shadowing view stops at a budget. */
#include "config.h"

#include "experiment.h"
#include "tap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static struct experiment *ex;

#define diag(...) (printf("# "), printf(__VA_ARGS__), putchar('\n'))

static int sql(const char *text)
{
	char *err = NULL;
	struct spec spec = spec_default();
	int rc = experiment_sql(ex, &spec, text, false, NULL, NULL, NULL, &err);
	if (rc)
		diag("%s: %s", text, err);
	free(err);
	return rc;
}

static enum session_status run(const char *strategy, bool collection, struct experiment_result *res)
{
	struct spec spec = spec_default();
	spec.strategy = strategy_find(strategy);
	spec.collection = collection;
	return experiment_run(ex, &spec, res);
}

/* Customers 1-3 named NULL, every tenth order (1, 11, ...) with a NULL
 * customer_id, order 2's total NULL: SQLAlchemy's counts for each strategy. */
static void test_nulls(void)
{
	static const struct {
		const char *strategy;
		uint64_t queries;
		enum session_status status;
	} cases[] = {
		{ "select", 10, SESSION_OK },	       { "joined", 1, SESSION_OK },
		{ "selectin", 2, SESSION_OK },	       { "subquery", 2, SESSION_OK },
		{ "immediate", 10, SESSION_OK },       { "raise", 1, SESSION_RAISED },
		{ "raise_on_sql", 1, SESSION_RAISED }, { "noload", 1, SESSION_OK },
	};
	ok(sql("UPDATE customers SET name = NULL WHERE id <= 3") == 0, "names set to NULL");
	ok(sql("UPDATE orders SET customer_id = NULL WHERE id % 10 = 1") == 0,
	   "foreign keys set to NULL");
	ok(sql("UPDATE orders SET total = NULL WHERE id = 2") == 0, "a total set to NULL");
	/* a customer 0 must not stand in for a NULL foreign key */
	ok(sql("INSERT INTO customers (id, name) VALUES (0, 'zero')") == 0, "a customer 0");
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct experiment_result res;
		enum session_status st = run(cases[i].strategy, false, &res);
		is_int(st, cases[i].status, "NULLs, %s: %s", cases[i].strategy,
		       res.error ? res.error : "no error");
		is_int((int64_t)res.queries, (int64_t)cases[i].queries,
		       "NULLs, %s: the statements SQLAlchemy sends", cases[i].strategy);
		free(res.error);
		st = run(cases[i].strategy, true, &res);
		ok(st != SESSION_FAILED, "NULLs, %s collection: loads (%s)", cases[i].strategy,
		   res.error ? res.error : "no error");
		free(res.error);
	}
	experiment_reset(ex);
}

/* Shapes the engine cannot load: one failure each, naming what. */
static void test_shadows(void)
{
	static const struct {
		const char *setup, *want;
	} cases[] = {
		{ "CREATE TEMP TABLE orders(id, customer_id, total);"
		  "INSERT INTO temp.orders VALUES (NULL, 1, 1.0)",
		  "NULL id" },
		{ "CREATE TEMP TABLE orders(id);", "no such column" },
		{ "CREATE TEMP VIEW orders AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
		  "SELECT x + 1 FROM c) SELECT x AS id, 1 AS customer_id, 1.0 AS total FROM c",
		  "more rows than" },
	};
	static const char *const strategies[] = { "select", "joined", "selectin", "subquery" };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		for (size_t k = 0; k < sizeof strategies / sizeof *strategies; k++) {
			experiment_reset(ex);
			ok(sql(cases[i].setup) == 0, "case %zu: set up", i);
			struct experiment_result res;
			enum session_status st = run(strategies[k], false, &res);
			is_int(st, SESSION_FAILED, "case %zu, %s: fails", i, strategies[k]);
			ok(res.error && strstr(res.error, cases[i].want),
			   "case %zu, %s: says '%s' (%s)", i, strategies[k], cases[i].want,
			   res.error ? res.error : "nothing");
			free(res.error);
			st = run(strategies[k], true, &res);
			ok(st != SESSION_OK || i == 0, "case %zu, %s collection: no crash (%s)", i,
			   strategies[k], res.error ? res.error : "ok");
			free(res.error);
		}
	experiment_reset(ex);
}

static void first_value(void *ctx, int ncol, const char *const *names, const char *const *values)
{
	(void)names;
	char **out = ctx;
	if (ncol > 0 && !*out)
		*out = util_strdup(values[0] ? values[0] : "NULL");
}

/* A value SQLite would build a gigabyte for is refused at once. */
static void test_big_values(void)
{
	static const char *const cases[] = {
		"SELECT length(printf('%.*c', 2000000000, 'x'))",
		"SELECT printf('%.*c', 999999999, 'x') FROM orders LIMIT 12",
		"SELECT length(zeroblob(500000000))",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *err = NULL;
		struct spec spec = spec_default();
		int64_t t0 = util_now_ns();
		int rc = experiment_sql(ex, &spec, cases[i], false, NULL, NULL, NULL, &err);
		double s = (double)(util_now_ns() - t0) / 1e9;
		ok(rc != 0 && err && strstr(err, "too big"), "%s: refused (%s)", cases[i],
		   err ? err : "ran");
		ok(s < 1.0, "%s: at once (%.2f s)", cases[i], s);
		free(err);
	}
	char *err = NULL, *got = NULL;
	struct spec spec = spec_default();
	ok(experiment_sql(
		   ex, &spec,
		   "SELECT printf('%5.2f|%s|%*d', 3.14159, 'x', 3, 7) || format('%q', 'a''b')",
		   false, first_value, NULL, &got, &err) == 0,
	   "printf and format still format (%s)", err ? err : "ok");
	is_str(got, " 3.14|x|  7a''b", "as SQLite's own do");
	free(got);
	ok(experiment_sql(ex, &spec, "SELECT length(printf('%.*c', 1000000, 'x'))", false, NULL,
			  NULL, NULL, &err) == 0,
	   "a 1 MB value (a customer's widest notes) is fine (%s)", err ? err : "ok");
	free(err);
}

static void count_row(void *ctx, int ncol, const char *const *names, const char *const *values)
{
	(void)ncol, (void)names, (void)values;
	++*(int *)ctx;
}

/* :explain explains one statement; it never runs a second one. */
static void test_explain(void)
{
	struct spec spec = spec_default();
	char *err = NULL;
	int rows = 0;
	int rc = experiment_sql(ex, &spec, "SELECT 1; DELETE FROM orders", true, NULL, NULL, NULL,
				&err);
	ok(rc != 0 && err && strstr(err, "one statement at a time"),
	   "explain refuses a statement after the first (%s)", err ? err : "ran");
	free(err), err = NULL;
	char *count = NULL;
	experiment_sql(ex, &spec, "SELECT count(*) FROM orders", false, first_value, NULL, &count,
		       &err);
	is_str(count, "100", "and the DELETE did not run: 100 orders");
	free(count), free(err), err = NULL;
	ok(experiment_sql(ex, &spec, "SELECT * FROM orders; -- a comment after", true, count_row,
			  NULL, &rows, &err) == 0,
	   "a comment after the statement is fine (%s)", err ? err : "ok");
	is_int(experiment_sql_statements(ex), 1, "explain ran one statement");
	free(err), err = NULL;
	ok(experiment_sql(ex, &spec, "SELECT 1; SELECT 2;SELECT 3", false, NULL, NULL, NULL,
			  &err) == 0,
	   "sql runs three statements");
	is_int(experiment_sql_statements(ex), 3, "and says so");
	free(err);
}

int main(void)
{
	ex = experiment_new(32);
	test_nulls();
	test_shadows();
	test_big_values();
	test_explain();
	experiment_free(ex);
	return tap_done();
}
