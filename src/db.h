/* db: the tutor's database. One ":memory:" SQLite connection with defensive settings,
 * the tutorial's schema and deterministic data, and the prepared-statement cache.
 *
 * The cache models SQLAlchemy's compiled cache: a statement text is prepared once and
 * reused for the life of the connection. Each statement belongs to a "form" (the text
 * before SQLAlchemy expands an IN list): the first execution of a form is echoed as
 * "[generated in ...]", later ones as "[cached since ... ago]".
 *
 * Invariant: a struct db_stmt lives until db_close(), so its sql may be borrowed. */
#ifndef NPLUS1_DB_H
#define NPLUS1_DB_H

#include "value.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* A cached prepared statement; private to db.c, read through the accessors. */
struct db_stmt;

/* The dataset a database holds; notes is the width of customers.notes, 0 for none. */
struct db_dataset {
	long customers, orders, notes;
};

struct db;

/* Open an empty in-memory database; NULL and *err (caller frees) on failure. */
struct db *db_open(char **err);
void db_close(struct db *db);
/* The connection, for the engine's instrument; front ends never use it. */
sqlite3 *db_handle(struct db *db);

/* Told each setup statement before it runs: the DDL (rows 0), then each INSERT
 * with the number of rows it will insert. */
typedef void (*db_setup_fn)(void *ctx, const char *sql, long rows);
/* Create the schema as SQLAlchemy's create_all() renders it, then insert the
 * deterministic rows, telling setup (may be NULL) as it goes. 0 on success. */
int db_build(struct db *db, const struct db_dataset *ds, db_setup_fn setup, void *ctx, char **err);
/* The dataset db_build() made (all zero before). */
const struct db_dataset *db_dataset(const struct db *db);

/* The cached statement for sql (form: the compiled-cache key, NULL = sql itself),
 * preparing it on first use; NULL and *err on a SQL error. Borrowed. */
struct db_stmt *db_prepare(struct db *db, const char *sql, const char *form, char **err);
/* Start a round trip: reset, bind the integer params, wait the configured latency.
 * Marks st as the statement the instrument attributes the next execution to. */
void db_begin(struct db *db, struct db_stmt *st, const int64_t *params, int nparams);
/* The same, with typed values (a WHERE clause's floats and strings). */
void db_begin_values(struct db *db, struct db_stmt *st, const struct value *values, int nvalues);
/* Step once: SQLITE_ROW, SQLITE_DONE, or an error code (message in db_errmsg). */
int db_step(struct db *db, struct db_stmt *st);
/* Finish the round trip (resets the statement, releasing its read lock). */
void db_end(struct db *db, struct db_stmt *st);
/* The statement being executed, or NULL (borrowed). */
const struct db_stmt *db_current(const struct db *db);
const char *db_errmsg(const struct db *db);

/* A statement's text (borrowed until db_close), its SQLite handle (for reading
 * the row db_step stopped at), the values bound for its current execution
 * (borrowed, *n of them) and the rows stepped in it. */
const char *db_stmt_sql(const struct db_stmt *st);
sqlite3_stmt *db_stmt_handle(const struct db_stmt *st);
const int64_t *db_stmt_params(const struct db_stmt *st, int *n);
uint64_t db_stmt_rows(const struct db_stmt *st);
/* The typed values of the current execution when it began with db_begin_values
 * (its params then hold each integer, 0 for others), else NULL. Borrowed. */
const struct value *db_stmt_values(const struct db_stmt *st);
/* What the echo says of the execution starting now: whether its form was
 * compiled before (then seconds since), or how long compiling it took. */
bool db_stmt_cached(const struct db_stmt *st, double *seconds);

/* Stop the statement running now and refuse the next ones until db_resume():
 * SQLite's interrupt, and a flag, since an interrupt between statements is lost. */
void db_interrupt(struct db *db);
void db_resume(struct db *db);
/* Bound the SQLite work (virtual machine steps, roughly) of what runs next:
 * past it, statements stop and db_errmsg() says so. 0: no bound. */
void db_set_budget(struct db *db, uint64_t steps);

/* Run SQL typed by a learner (every statement in it, or with one only the
 * first, refusing any after it before anything runs), calling row() with each
 * result row's column names and values as text (NULL for NULL), and stop() (may
 * be NULL) now and then: non-zero interrupts. *ran (may be NULL) counts the
 * statements that ran. Guarded by the connection's defences; 0, or -1 with
 * *err naming SQLite's complaint. */
int db_exec_user(struct db *db, const char *sql, bool one,
		 void (*row)(void *ctx, int ncol, const char *const *names,
			     const char *const *values),
		 int (*stop)(void *ctx), void *ctx, int *ran, char **err);

/* Add a real delay of ns nanoseconds before each statement, as a network would. */
void db_set_latency(struct db *db, int64_t ns);
/* Clock the database's own time: while on, db_step sums the time spent inside
 * sqlite3_step (the timed runs' split into database and the rest). Turning it
 * on or off zeroes the sum. */
void db_clock(struct db *db, bool on);
/* The sum since the last read (or db_clock), and the steps clocked, then zero. */
void db_clock_read(struct db *db, int64_t *step_ns, int64_t *steps);

#endif
