/* sqllog: the instrument. A sqlite3_trace_v2 hook that fires before each statement
 * runs, as SQLAlchemy's before_cursor_execute does: it counts every statement, keeps
 * the most recent ones (text, bound parameters, duration, rows) in a bounded ring
 * buffer, and tells one subscriber, the front end, about each.
 *
 * Invariant: count is exact however often the ring wraps; entries older than the
 * ring's capacity are gone. Entries borrow their SQL from the db's statement cache
 * (or own a copy, for statements that did not come from it). */
#ifndef NPLUS1_SQLLOG_H
#define NPLUS1_SQLLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "value.h"

struct db;

struct sqllog_entry {
	uint64_t seq; /* 1 for the first statement after a reset */
	const char *sql;
	int64_t *params;
	int nparams;
	struct value *values; /* NULL: every parameter is the integer in params; else
				 each one typed (params then holds 0 for a non-integer) */
	bool cached; /* false: "[generated in cache_s]"; true: "[cached since cache_s ago]" */
	double cache_s;
	int64_t duration_ns; /* -1 until the statement finished */
	uint64_t rows;	     /* rows returned, once finished */
	/* private */
	char *owned_sql;
	int params_cap, values_cap;
	struct value *values_buf;
	const void *handle;
};

enum sqllog_event {
	SQLLOG_BEGIN,	  /* "BEGIN (implicit)": shown, not counted; entry is NULL */
	SQLLOG_STATEMENT, /* about to run: counted */
	SQLLOG_FINISHED,  /* ran: duration and rows are known */
	SQLLOG_ROLLBACK,  /* "ROLLBACK": shown, not counted; entry is NULL */
	SQLLOG_SETUP,	  /* building the database: DDL, or an INSERT of rows rows;
			   * seq is 0, not counted */
};

typedef void (*sqllog_fn)(void *ctx, enum sqllog_event ev, const struct sqllog_entry *e);

struct sqllog;

/* A log keeping the last capacity statements (at least 1); free with sqllog_free. */
struct sqllog *sqllog_new(size_t capacity);
void sqllog_free(struct sqllog *log);
/* Install the hook on db's connection; the log must outlive that use of db. */
void sqllog_attach(struct sqllog *log, struct db *db);
/* Remove the hook; call it before the db it was attached to is closed. */
void sqllog_detach(struct sqllog *log);
/* Count and keep statements (on by default); off, they run unseen. */
void sqllog_enable(struct sqllog *log, bool on);
/* Zero the counter and empty the ring, as a new measurement starts. */
void sqllog_reset(struct sqllog *log);
/* Statements counted since the last reset. */
uint64_t sqllog_count(const struct sqllog *log);
/* Rows returned by the statements counted since the last reset. */
uint64_t sqllog_rows(const struct sqllog *log);
/* How many entries the ring holds now, and the i-th, oldest first (borrowed). */
size_t sqllog_len(const struct sqllog *log);
const struct sqllog_entry *sqllog_get(const struct sqllog *log, size_t i);
/* The one subscriber (NULL to remove it). */
void sqllog_subscribe(struct sqllog *log, sqllog_fn fn, void *ctx);
/* The current subscriber, so a caller can borrow the slot and put it back. */
void sqllog_subscriber(const struct sqllog *log, sqllog_fn *fn, void **ctx);
/* Tell the subscriber a transaction began or rolled back (never counted). */
void sqllog_mark(struct sqllog *log, enum sqllog_event ev);
/* Tell the subscriber about a statement that builds the database (not counted). */
void sqllog_setup(struct sqllog *log, const char *sql, long rows);

/* Parameters as Python prints a tuple, (), (2,), (1, 2), of which the first kept
 * of n are known: more than kept end in ", " and ellipsis. Into out (sized size,
 * always terminated); returns out. */
char *sqllog_params_text(const int64_t *p, int kept, int n, const char *ellipsis, char *out,
			 size_t size);
/* The same for an entry, typed values and all. */
char *sqllog_entry_params_text(const struct sqllog_entry *e, int kept, const char *ellipsis,
			       char *out, size_t size);

#endif
