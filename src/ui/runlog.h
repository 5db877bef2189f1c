/* runlog: the statements of the current run as the screen keeps them, newest
 * last, in a ring of fixed size. The UI's own copy, filled from the engine's
 * events, so timing runs and database rebuilds never pull the log from under the
 * screen. Each statement points at its group (which owns the SQL text, once per
 * distinct text) and keeps its first parameters. */
#ifndef NPLUS1_UI_RUNLOG_H
#define NPLUS1_UI_RUNLOG_H

#include "loggroup.h"

#include <stddef.h>
#include <stdint.h>

enum { RUNLOG_PARAMS = 4 };

struct runlog_stmt {
	uint64_t seq;
	struct loggroup *group; /* borrowed from the run's loggroups */
	int64_t params[RUNLOG_PARAMS];
	int nparams; /* all of them, though at most RUNLOG_PARAMS are kept */
	uint64_t rows;
	int64_t duration_ns; /* -1 while it runs */
};

struct runlog {
	struct runlog_stmt *ring;
	size_t cap, head, len;
};

void runlog_init(struct runlog *l, size_t capacity);
void runlog_done(struct runlog *l);
void runlog_clear(struct runlog *l);
/* Record a statement that is about to run; returns its slot until the next add. */
struct runlog_stmt *runlog_add(struct runlog *l, uint64_t seq, struct loggroup *group,
			       const int64_t *params, int nparams);
/* The i-th kept statement, oldest first, or NULL. */
const struct runlog_stmt *runlog_get(const struct runlog *l, size_t i);
/* The newest statement, or NULL. */
struct runlog_stmt *runlog_last(struct runlog *l);

#endif
