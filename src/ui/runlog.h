/* runlog: the statements of the current run as the screen keeps them, newest
 * last, in a ring of fixed size. The UI's own copy, filled from the engine's
 * events, so timing runs and database rebuilds never pull the log from under the
 * screen. A counted statement points at its group (which owns the SQL text, once
 * per distinct text); a setup statement (DDL, seeding: seq 0, never counted)
 * belongs to no group and owns its text. Each keeps all its parameters, typed,
 * as Python prints them, and its echo's cache line. */
#ifndef NPLUS1_UI_RUNLOG_H
#define NPLUS1_UI_RUNLOG_H

#include "loggroup.h"
#include "sqllog.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct runlog_stmt {
	uint64_t seq;		/* 0: a setup statement */
	struct loggroup *group; /* borrowed from the run's loggroups; NULL for setup */
	char *sql;		/* owned, setup statements only */
	char *params;		/* owned: "(10,)", "('Customer 3',)", "()" */
	int nparams;
	bool cached;	     /* the echo's "[cached since ...]" rather than "[generated in ...]" */
	double cache_s;	     /* its seconds */
	uint64_t rows;	     /* returned (setup: inserted) */
	int64_t duration_ns; /* -1 while it runs */
};

struct runlog {
	struct runlog_stmt *ring;
	size_t cap, head, len;
};

void runlog_init(struct runlog *l, size_t capacity);
void runlog_done(struct runlog *l);
void runlog_clear(struct runlog *l);
/* Record a counted statement that is about to run (e: the engine's entry, its
 * parameters copied); returns its slot until the next add. */
struct runlog_stmt *runlog_add(struct runlog *l, struct loggroup *group,
			       const struct sqllog_entry *e);
/* Record a setup statement (text copied) that made rows rows. */
struct runlog_stmt *runlog_add_setup(struct runlog *l, const char *sql, uint64_t rows);
/* The i-th kept statement, oldest first, or NULL. */
const struct runlog_stmt *runlog_get(const struct runlog *l, size_t i);
/* The newest statement, or NULL. */
struct runlog_stmt *runlog_last(struct runlog *l);
/* The kept statement numbered seq, or NULL (setup statements have none). */
const struct runlog_stmt *runlog_find(const struct runlog *l, uint64_t seq);
/* A statement's SQL text, as SQLAlchemy's echo writes it (borrowed). */
const char *runlog_sql(const struct runlog_stmt *s);

#endif
