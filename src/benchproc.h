/* benchproc: a timed comparison running in a child process, read back as JSON
 * lines (struct benchrow) without blocking, so the tutor stays responsive and
 * Esc ends it at once (the child is killed). Two kinds of child:
 *
 *   - real SQLAlchemy: data/sqla_bench.py (installed under $(pkgdatadir);
 *     NPLUS1_SQLA_BENCH names another copy) run by NPLUS1_PYTHON when set, else
 *     by the first of python3 on PATH and /usr/bin/python3 that imports
 *     SQLAlchemy (the script exits 77 where it cannot);
 *   - nplus1's own engine, forked: bench_engine_to_fd.
 *
 * A child runs in its own process group, so the terminal's Ctrl-C reaches the
 * tutor alone, with stdin from /dev/null and its stderr kept for the message
 * when it fails. Owns the child: benchproc_free kills and reaps it. */
#ifndef NPLUS1_BENCHPROC_H
#define NPLUS1_BENCHPROC_H

#include "bench.h"
#include "benchrow.h"
#include "spec.h"

#include <stdbool.h>

enum benchproc_state {
	BENCHPROC_RUNNING,
	BENCHPROC_DONE,	  /* every row is in */
	BENCHPROC_FAILED, /* benchproc_error says why (rows before it were handed on) */
};

struct benchproc;

/* The SQLAlchemy timer for plan, started. Never NULL: when no interpreter can
 * run it, the first poll says so (BENCHPROC_FAILED, BENCHPROC_NO_SQLALCHEMY). */
struct benchproc *benchproc_sqlalchemy(const struct spec_bench *plan);
/* nplus1's engine timing plan in a forked child. */
struct benchproc *benchproc_engine(const struct spec_bench *plan);
/* Hand on every complete row that arrived, waiting up to timeout_ms (-1: until
 * the child has finished) for more. */
enum benchproc_state benchproc_poll(struct benchproc *p, int timeout_ms, bench_row_fn row,
				    void *ctx);
/* Why it failed, one line (borrowed), or NULL. */
const char *benchproc_error(const struct benchproc *p);
/* Whether it failed because no Python with SQLAlchemy was found. */
bool benchproc_missing(const struct benchproc *p);
/* Rows handed on so far. */
int benchproc_rows(const struct benchproc *p);
/* Stop the child (killed if still running) and free everything. NULL is fine. */
void benchproc_free(struct benchproc *p);

/* What a learner is told when SQLAlchemy cannot be found. */
#define BENCHPROC_NO_SQLALCHEMY                                                                    \
	"SQLAlchemy not found: apt-get install python3-sqlalchemy, or set NPLUS1_PYTHON to a "     \
	"python3 that has it"

#endif
