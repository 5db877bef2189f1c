/* experiment: one measured workload. A spec (dataset, direction, strategy, identity
 * map, page, latency) becomes a result (statements, rows, elapsed time), either as
 * one observed run or as repeated timed runs with min / median / max and the floor:
 * the same statements replayed by raw sqlite3_step with no ORM work.
 *
 * An experiment owns its database and its instrument. The database is rebuilt only
 * when a spec asks for a different dataset, so the prepared-statement cache (and the
 * echo's "[cached since ...]") carries over between runs, as in one SQLAlchemy
 * process. */
#ifndef NPLUS1_EXPERIMENT_H
#define NPLUS1_EXPERIMENT_H

#include "session.h"
#include "spec.h"
#include "sqllog.h"

#include <stdbool.h>
#include <stdint.h>

struct experiment_result {
	enum session_status status;
	uint64_t queries, rows; /* statements executed, rows they returned */
	size_t parents;		/* objects the parent query returned */
	double elapsed_ms;
	char *error; /* the raised message or failure; the caller frees it */
};

/* A timing, per run: each of repeat samples is batch runs back to back (enough
 * to last EXPERIMENT_SAMPLE_MS), and counts their mean processor time. The
 * latency is added, not waited: network_ms = latency x statements. */
struct experiment_timing {
	uint64_t queries, rows;
	double min_ms, median_ms, max_ms; /* each with network_ms */
	double floor_ms; /* median of the same statements stepped raw, with network_ms */
	double overhead; /* median of the samples' ratios, total / floor */
	/* the median run, split: inside sqlite3_step, the latency x statements,
	 * and the rest, the ORM's own work (median - db - network) */
	double db_ms, network_ms, orm_ms;
	int repeat, batch;
};

/* How long a sample lasts at least, and how many runs it may take for it. */
#define EXPERIMENT_SAMPLE_MS 5.0
enum { EXPERIMENT_MAX_BATCH = 100000 };

/* Asked after every timed sample (done of total): the bench loop's progress and
 * its way out. A non-zero return stops the timing ("interrupted"). */
struct experiment_progress {
	int (*sample)(void *ctx, int done, int total);
	void *ctx;
};

/* What the screen says about a workload, from the engine's model rather than
 * hard-coded in a front end. */
struct experiment_facts {
	const char *relationship;  /* the relationship the loop reads: "Order.customer" */
	const char *fix;	   /* the option SQLAlchemy's docs advise for it */
	uint64_t eager_statements; /* the most an eager strategy sends: the parent query
				      and one per selectin chunk of parents */
};
struct experiment_facts experiment_facts(const struct spec *s);

struct experiment;

/* An experiment whose log keeps the last log_capacity statements. */
struct experiment *experiment_new(size_t log_capacity);
void experiment_free(struct experiment *ex);
/* The instrument, for a front end to subscribe to (borrowed). */
struct sqllog *experiment_log(struct experiment *ex);

/* Build the spec's dataset unless it is already there; 0, or -1 with *err. */
int experiment_prepare(struct experiment *ex, const struct spec *spec, char **err);
/* Run the workload once, observed: the log's subscriber sees every statement.
 * Returns the result's status; SESSION_RAISED is the strategy doing its job. */
enum session_status experiment_run(struct experiment *ex, const struct spec *spec,
				   struct experiment_result *res);
/* A timing taken in rounds, so that workloads timed together share the
 * machine's moods: a shared machine slows down for a tenth of a second at a
 * time, which would land on one workload if each were timed to the end before
 * the next, and upset their ratio. The timers of one experiment share its
 * dataset (their statements are its database's): call experiment_prepare with
 * another only once they are freed.
 *
 * A timer: one warm-up run, recording the statements, then a batch size
 * (EXPERIMENT_SAMPLE_MS per sample) from a warm run. SESSION_OK and *out (the
 * caller frees it), or another status with *err (a raising strategy has no time). */
struct experiment_timer;
enum session_status experiment_timer_new(struct experiment *ex, const struct spec *spec, int repeat,
					 struct experiment_timer **out, char **err);
/* A timer of the "raw" row: the workload's rows fetched by one prepared JOIN
 * stepped in C. 0, or -1 with *err. */
int experiment_timer_raw(struct experiment *ex, const struct spec *spec, int repeat,
			 struct experiment_timer **out, char **err);
/* One round, the subscriber detached: a sample of the ORM run, one of its floor
 * and one clocked for the split (the raw row's: one sample). Past repeat rounds
 * it does nothing. 0, or -1 with *err. */
int experiment_timer_round(struct experiment *ex, struct experiment_timer *tm, char **err);
/* The timing of the rounds so far. */
void experiment_timer_result(const struct experiment_timer *tm, struct experiment_timing *t);
void experiment_timer_free(struct experiment_timer *tm);

/* One workload timed alone: a timer and its repeat rounds. SESSION_OK, or
 * another status with *err. progress may be NULL. */
enum session_status experiment_time(struct experiment *ex, const struct spec *spec, int repeat,
				    struct experiment_timing *t, char **err,
				    const struct experiment_progress *progress);
/* Stop a run in progress (from the run's own subscriber): the run returns
 * SESSION_FAILED with "interrupted". The next run starts afresh. */
void experiment_cancel(struct experiment *ex);
/* Run a learner's SQL against the experiment's database (building it first if
 * needed); explain prefixes EXPLAIN QUERY PLAN and takes one statement only
 * (refusing any after it, which would really run). Rows go to row(); stop() (may be
 * NULL), asked now and then, interrupts a runaway query. 0 or -1, *err. */
int experiment_sql(struct experiment *ex, const struct spec *spec, const char *sql, bool explain,
		   void (*row)(void *ctx, int ncol, const char *const *names,
			       const char *const *values),
		   int (*stop)(void *ctx), void *ctx, char **err);
/* How many statements the last experiment_sql ran (an explain: at most one). */
int experiment_sql_statements(const struct experiment *ex);
/* Throw the database away: the next run builds and seeds it anew. */
void experiment_reset(struct experiment *ex);

#endif
