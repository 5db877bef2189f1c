/* run: what the tutor runs and what came of it. A live run (statements stream
 * in through the engine's events and the run is paced so they can be watched),
 * timed runs for the chart, and a learner's SQL; the last run's statements (by
 * text and in order), its counts and time, the rows of the last SQL, and the
 * chart's timings.
 *
 * While a run or a query goes on, the screen still has to be drawn and keys still
 * have to be answered; the run asks its host (the main loop) for both through
 * struct run_host, so it never knows how either is done. */
#ifndef NPLUS1_UI_RUN_H
#define NPLUS1_UI_RUN_H

#include "benchproc.h"
#include "benchrow.h"
#include "experiment.h"
#include "lesson_fill.h"
#include "loggroup.h"
#include "ui/runlog.h"
#include "ui/status.h"
#include "ui/table.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { RUN_CHART_MAX = 64, RUN_SPEEDS = 5 };

/* How often the main loop reads the timers' pipes while a bench goes on. */
#define RUN_BENCH_POLL_MS 20

/* One bar of the chart: a row from either engine. */
struct run_chart_entry {
	struct benchrow row;
};

/* What a run needs from the screen while it goes on. */
struct run_host {
	/* Draw a frame now. */
	void (*frame)(void *ctx);
	/* Read one key within timeout_ms (-1: wait) and carry it out; run_ms is the
	 * pacing delay a quiet replay's clock advances by. */
	void (*poll)(void *ctx, int timeout_ms, int run_ms);
	/* A signal asked the tutor to stop; take_sigint clears a Ctrl-C, which then
	 * stops only what is running. */
	bool (*interrupted)(void *ctx, bool take_sigint);
	/* A replay is applying keys on a virtual clock, without waiting (and, but
	 * for a headless cast, without drawing: frame knows). */
	bool (*quiet)(void *ctx);
	void *ctx;
};

/* Keys are read in the middle of running: between a live run's statements (and
 * while a database is built), or while a learner's SQL runs. */
enum run_busy { RUN_IDLE, RUN_LIVE, RUN_SQL };

/* What the counter's figures are of: nothing yet, a live run, the learner's SQL. */
enum run_last { RUN_LAST_NONE, RUN_LAST_LIVE, RUN_LAST_SQL, RUN_LAST_EXPLAIN };

/* One line of the inspector, before it is wrapped to the pane. */
struct run_line {
	char *text;
	enum role role;
};

/* The statement inspector: one statement, one group of identical statements or
 * one row of a :sql result, in full. Its lines are copied when it opens, so the
 * ring wrapping under a later run cannot change what it shows. */
struct run_inspect {
	bool open;
	unsigned opened; /* counts openings: the pane's scroll resets */
	char *title;
	char *sql; /* what 'e' explains; NULL for a result row */
	bool planned;
	struct run_line *lines;
	size_t nlines;
};

struct run {
	struct experiment *ex;
	struct status *status;
	const struct run_host *host;
	struct spec defaults; /* what `set` changed */
	struct spec spec;     /* the last (or running) experiment */

	bool running, paused, cancelled, ran;
	enum run_last last; /* what count, rows and ns are of */
	bool mute;	    /* the inspector's EXPLAIN: its events are not the run's */
	enum run_busy busy; /* what a key read now interrupts */
	bool sql_stop;	    /* the learner's SQL was asked to stop */
	bool timing;	    /* a bench is timing: polls read keys but draw nothing */
	int speed;	    /* index into the pacing table: 0 is full speed */
	uint64_t count, rows;
	int64_t start_ns, ns; /* ns: the last run's own time, pacing left out */
	int64_t paced_ns;     /* of the run going on: time spent pacing, not running */
	int64_t pacing_since; /* when the pause going on began, 0 between pauses */
	int64_t sql_start_ns, polled_ns;
	int64_t drawn_ns; /* when the last frame of this run was drawn */
	char *error;	  /* the last run's: what it raised or why it failed */
	bool raised;	  /* it raised, as SQLAlchemy would (sqlalchemy.exc.InvalidRequestError) */
	struct loggroups *groups; /* the run's statements by text */
	struct runlog log;	  /* the run's newest statements */
	unsigned forgotten;	  /* counts forgotten runs: a pane's scroll resets */
	struct table output;	  /* rows of the last sql/explain, shown in the log pane */
	bool has_output;	  /* the log pane shows them (else the log) */
	char *output_error;	  /* the SQL's error, under its rows */
	struct run_inspect inspect;

	struct run_chart_entry chart[RUN_CHART_MAX];
	int nchart;

	/* The timed comparison going on in child processes (run_bench.c): nplus1's
	 * engine first, then real SQLAlchemy, never both at once. */
	struct {
		struct benchproc *engine, *sqla;
		struct spec_bench plan;
		int expected; /* rows per engine: strategies x sizes */
		int engine_rows, sqla_rows;
		int64_t start_ns;
		bool missing;	/* no SQLAlchemy: the chart says how to get it */
		char note[200]; /* what the chart says under its title, or empty */
		/* the strategies that raised instead of being timed, comma
		 * separated (raise, raise_on_sql: by design), or empty */
		char untimed[64];
	} bench;

	/* 'f': the log and counter held still while a run goes on */
	struct {
		bool on;
		uint64_t seq, count, rows;
		int64_t ns;
	} frozen;
};

/* A fresh experiment with the default workload; messages go to status. */
void run_init(struct run *r, struct status *status, const struct run_host *host);
void run_done(struct run *r);
/* Run spec live; false when its database could not be built. Counts, time,
 * error and the status line say how it went. */
bool run_live(struct run *r, const struct spec *spec);
/* Start timing b's strategies x sizes for the chart, in the background: rows
 * come in through run_bench_poll. A bench going on is stopped first. */
void run_bench(struct run *r, const struct spec_bench *b);
/* Read what the timers sent, waiting up to timeout_ms; whether one still runs. */
bool run_bench_poll(struct run *r, int timeout_ms);
/* How long the main loop may wait for a key: asked (-1: forever), or less
 * while a bench goes on. */
int run_bench_wait(const struct run *r, int asked);
/* Whether a bench goes on. */
bool run_bench_active(const struct run *r);
/* Stop the bench going on (its timers are killed); the chart keeps its rows. */
void run_bench_cancel(struct run *r);
/* Open the inspector on the chart's numbers: each bar's split. */
void run_inspect_bench(struct run *r);
/* A learner's SQL (EXPLAIN QUERY PLAN with explain); rows into r->output. */
void run_sql(struct run *r, const char *sql, bool explain);
/* Later runs use spec's sizes and latency. */
void run_set_defaults(struct run *r, const struct spec *spec);
/* Throw the database away: the next run builds it anew. */
void run_reset_db(struct run *r);
/* Stop the live run or the running SQL. */
void run_cancel(struct run *r);
/* n steps slower (negative: faster); returns the pause between statements in ms. */
int run_speed(struct run *r, int n);
/* The pause between a live run's statements now, in ms (0: full speed). */
int run_pace_ms(const struct run *r);
/* Hold the log and counter still, or catch up. */
void run_freeze(struct run *r);
/* Forget the rows of the last SQL. */
void run_clear_output(struct run *r);
/* Forget what ran: the counter, the log, the last SQL, the inspector and the
 * chart go back to how the tutor starts (when the learner changes step). */
void run_forget(struct run *r);
/* The time the run going on (or the last) has taken, pacing left out. */
int64_t run_elapsed_ns(const struct run *r);

/* Open the inspector on statement seq (0: the newest), on group i of the log,
 * or on row i of the :sql result; a message says why not. */
void run_inspect_statement(struct run *r, uint64_t seq);
/* ... on the i-th statement the log keeps (oldest first), setup ones too. */
void run_inspect_at(struct run *r, size_t i);
void run_inspect_group(struct run *r, size_t i);
void run_inspect_row(struct run *r, size_t i);
/* Add the inspected statement's EXPLAIN QUERY PLAN to the inspector. */
void run_inspect_plan(struct run *r);
void run_inspect_close(struct run *r);
/* The chart's medians, for lesson_fill. Caller frees. */
struct lesson_measure *run_measures(const struct run *r, size_t *n);

#endif
