/* bench: a timed comparison in nplus1's own engine, as rows. Every strategy of
 * a plan at every size, then the size's `raw` row (the same rows fetched by one
 * prepared JOIN stepped in C). A size's workloads are timed together, in rounds
 * (experiment_timer), and its rows handed on as struct benchrows once they all
 * are measured. The headless `bench` prints them; the tutor's `b` runs this
 * in a child process and reads them back as JSON lines, so it stays responsive.
 *
 * The loop is structured around one per-sample callback (struct
 * experiment_progress): progress and cancelling hook in there. */
#ifndef NPLUS1_BENCH_H
#define NPLUS1_BENCH_H

#include "benchrow.h"
#include "experiment.h"
#include "spec.h"

/* Receives each row; a strategy that raised (raise, raise_on_sql) comes with
 * .error set and no timing. */
typedef void (*bench_row_fn)(void *ctx, const struct benchrow *r);

/* Time plan in the engine. 0, or -1 with *err (caller frees) when the engine
 * failed or progress stopped it ("interrupted"); rows measured before that were
 * handed on. progress may be NULL. */
int bench_engine(const struct spec_bench *plan, bench_row_fn row, void *ctx,
		 const struct experiment_progress *progress, char **err);

/* Write each row of bench_engine(plan) to fd as a JSON line, for a parent to
 * read (the tutor's child process). 0, or -1 when the engine failed. */
int bench_engine_to_fd(const struct spec_bench *plan, int fd);

#endif
