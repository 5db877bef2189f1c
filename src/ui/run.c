/* run: see run.h.
 *
 * During a live run the engine calls back once per statement; the callback
 * records the event and paces the run: at full speed it draws at most 30 frames
 * a second, slowed it waits between statements while still answering keys. A
 * learner's SQL is asked now and then whether to stop, and answers keys a few
 * times a second. Timed runs answer no keys: they are short, and a key waits. */
#include "config.h"

#include "ui/run.h"
#include "cancel.h"
#include "util.h"

#include <stdlib.h>

enum { FRAME_NS = 33000000, SQL_POLL_NS = 100000000 };

/* Pause between statements at each speed, slowest last. */
static const int speed_ms[RUN_SPEEDS] = { 0, 10, 50, 100, 250 };

static void draw(struct run *r)
{
	r->host->frame(r->host->ctx); /* a replay stepping back draws nothing: the host knows */
	r->drawn_ns = util_now_ns();
}

/* Between two statements: draw when a frame is due, wait as the speed says, and
 * stay paused while the learner wants. */
static void wait_between(struct run *r)
{
	const struct run_host *h = r->host;
	int delay_ms = speed_ms[r->speed];
	if (h->quiet(h->ctx)) { /* virtual time: no clock; a paced statement is a frame */
		if (delay_ms > 0)
			draw(r);
		do
			h->poll(h->ctx, r->paused ? -1 : 0, r->paused ? 0 : delay_ms);
		while (r->paused && h->quiet(h->ctx) && !r->cancelled);
		return;
	}
	int64_t now = util_now_ns();
	if (delay_ms == 0 && now - r->drawn_ns < FRAME_NS && !r->paused)
		return;
	int64_t until = now + (int64_t)delay_ms * 1000000;
	do {
		/* A Ctrl-C stops the run and is spent: it does not count towards quitting. */
		if (h->interrupted(h->ctx, true)) {
			run_cancel(r);
			return;
		}
		draw(r);
		int64_t left = until - util_now_ns();
		h->poll(h->ctx, r->paused ? -1 : (int)(left > 0 ? left / 1000000 : 0), 0);
	} while (!r->cancelled && (r->paused || util_now_ns() < until));
}

/* The time spent here is the screen's, not the run's: the counter leaves it out. */
static void pace(struct run *r)
{
	enum run_busy was = r->busy;
	int64_t t0 = util_now_ns();
	r->busy = RUN_LIVE;
	r->pacing_since = t0; /* frames drawn while waiting show the time before it */
	wait_between(r);
	r->busy = was;
	r->pacing_since = 0;
	r->paced_ns += util_now_ns() - t0;
}

static void on_event(void *ctx, enum sqllog_event ev, const struct sqllog_entry *e)
{
	struct run *r = ctx;
	if (r->mute)
		return;
	if (ev == SQLLOG_STATEMENT) {
		r->count = e->seq;
		struct loggroup *g =
			loggroups_add(r->groups, e->seq, e->sql, e->params, e->nparams);
		runlog_add(&r->log, g, e);
		if (r->running)
			pace(r);
	} else if (ev == SQLLOG_SETUP) { /* the tables and rows being made: lesson 1 */
		/* Not counted, so in no group: the grouped view is what the counter counts. */
		runlog_add_setup(&r->log, e->sql, e->rows);
		pace(r);
	} else if (ev == SQLLOG_FINISHED) {
		struct runlog_stmt *last = runlog_last(&r->log);
		if (last && last->seq == e->seq)
			last->rows = e->rows, last->duration_ns = e->duration_ns;
		r->rows += e->rows;
	}
}

/* The engine's poll (cancel.h), inside whatever runs: a run between its
 * statements, a statement, a bench, a dataset being built. Frames and keys go
 * on, the keys of a busy tutor only; a signal stops the work. */
static bool poll_engine(void *ctx)
{
	struct run *r = ctx;
	const struct run_host *h = r->host;
	if (h->interrupted(h->ctx, true))
		return true;
	if (r->busy == RUN_IDLE) {
		int64_t t0 = util_now_ns();
		r->busy = r->running ? RUN_LIVE : RUN_SQL;
		if (!r->timing) /* a timed run pays for a key read, not for a frame */
			draw(r);
		h->poll(h->ctx, 0, CANCEL_POLL_MS);
		r->busy = RUN_IDLE;
		r->paced_ns += util_now_ns() - t0; /* the screen's time, not the run's */
	}
	return r->cancelled || r->sql_stop;
}

void run_init(struct run *r, struct status *status, const struct run_host *host)
{
	*r = (struct run){ .status = status, .host = host };
	r->defaults = spec_default();
	r->ex = experiment_new(4096);
	r->groups = loggroups_new();
	runlog_init(&r->log, 4096);
	sqllog_subscribe(experiment_log(r->ex), on_event, r);
	cancel_set_poll(poll_engine, r);
}

void run_clear_output(struct run *r)
{
	table_done(&r->output);
	free(r->output_error);
	r->output_error = NULL;
	r->has_output = false;
}

/* A new run starts: the last one's statements, output and error go. */
static void forget(struct run *r)
{
	run_inspect_close(r);
	run_clear_output(r);
	loggroups_reset(r->groups);
	runlog_clear(&r->log);
	r->count = r->rows = 0;
	r->ns = r->paced_ns = 0;
	free(r->error);
	r->error = NULL;
	r->raised = false;
	r->forgotten++;
}

void run_forget(struct run *r)
{
	forget(r);
	r->ran = false;
	r->last = RUN_LAST_NONE;
	run_bench_cancel(r);
	r->nchart = 0;
	r->bench.note[0] = r->bench.untimed[0] = '\0';
	r->frozen.on = false;
}

int run_pace_ms(const struct run *r) { return speed_ms[r->speed]; }

int64_t run_elapsed_ns(const struct run *r)
{
	if (!r->running)
		return r->ns;
	return (r->pacing_since ? r->pacing_since : util_now_ns()) - r->start_ns - r->paced_ns;
}

void run_done(struct run *r)
{
	run_bench_cancel(r);
	forget(r);
	loggroups_free(r->groups);
	runlog_done(&r->log);
	experiment_free(r->ex);
	cancel_set_poll(NULL, NULL);
	*r = (struct run){ 0 };
}

/* A new operation: no stop asked for yet. */
static void begin(struct run *r)
{
	cancel_clear();
	r->cancelled = r->sql_stop = false;
}

bool run_live(struct run *r, const struct spec *spec)
{
	forget(r);
	begin(r);
	r->spec = *spec;
	/* Building a new dataset is not part of the run: do it before the clock. */
	char *err = NULL;
	status_set(r->status, ROLE_DIM, "building %ld orders over %ld customers...", spec->orders,
		   spec->customers);
	draw(r);
	if (experiment_prepare(r->ex, spec, &err)) {
		if (cancel_requested())
			status_set(r->status, ROLE_ERROR, "stopped building the database");
		else
			status_set(r->status, ROLE_ERROR, "cannot build the database: %s", err);
		free(err);
		return false;
	}
	r->running = true, r->paused = false, r->cancelled = false, r->ran = true;
	r->last = RUN_LAST_LIVE;
	r->paced_ns = 0;
	r->start_ns = util_now_ns();
	status_set(r->status, ROLE_DIM, "running %s over %ld orders / %ld customers...",
		   spec->strategy->name, spec->orders, spec->customers);
	draw(r);
	struct experiment_result res;
	enum session_status st = experiment_run(r->ex, spec, &res);
	r->running = false;
	r->ns = util_now_ns() - r->start_ns - r->paced_ns;
	r->count = res.queries;
	r->rows = res.rows;
	r->cancelled = r->cancelled || cancel_requested();
	if (r->cancelled)
		status_set(r->status, ROLE_ERROR, "stopped after %llu statements",
			   (unsigned long long)res.queries);
	else if (st == SESSION_RAISED)
		status_set(r->status, ROLE_ERROR, "raised: %s", res.error);
	else if (st == SESSION_FAILED) /* the learner's :sql may have changed the tables */
		status_set(r->status, ROLE_ERROR,
			   "failed: %s; :reset rebuilds the tutorial's tables", res.error);
	else
		status_set(r->status, ROLE_NORMAL, "%s: %llu statements, %llu rows in %.1f ms",
			   spec->strategy->name, (unsigned long long)res.queries,
			   (unsigned long long)res.rows, (double)r->ns / 1e6);
	r->error = res.error;
	r->raised = st == SESSION_RAISED && !r->cancelled;
	return true;
}

static void output_row(void *ctx, int ncol, const char *const *names, const char *const *values)
{
	struct run *r = ctx;
	table_add(&r->output, ncol, names, values);
}

/* Asked while a learner's SQL runs: non-zero when a key or a signal stops it. */
static int should_stop(void *ctx)
{
	struct run *r = ctx;
	const struct run_host *h = r->host;
	if (h->interrupted(h->ctx, true))
		return 1;
	/* Keys and frames a few times a second: cheap enough to ask often. */
	int64_t now = util_now_ns();
	if (now - r->drawn_ns < SQL_POLL_NS)
		return 0;
	status_set(r->status, ROLE_DIM, "running your SQL for %.1f s: Esc or Ctrl-C stops it",
		   (double)(now - r->sql_start_ns) / 1e9);
	draw(r);
	/* A quiet replay's clock moves by the time the query has taken. */
	h->poll(h->ctx, 0, (int)((now - r->polled_ns) / 1000000));
	r->polled_ns = util_now_ns();
	r->paced_ns += r->polled_ns - now; /* the screen's time, not the query's */
	return r->sql_stop;
}

void run_sql(struct run *r, const char *sql, bool explain)
{
	forget(r);
	begin(r);
	char *err = NULL;
	r->sql_start_ns = r->polled_ns = util_now_ns();
	r->drawn_ns = r->sql_start_ns; /* the first progress frame after 100 ms */
	r->ran = true;
	r->last = explain ? RUN_LAST_EXPLAIN : RUN_LAST_SQL;
	r->has_output = true;
	/* should_stop() answers keys and draws the progress; the engine's own poll
	 * stands aside (see poll_engine). */
	r->busy = RUN_SQL;
	int rc =
		experiment_sql(r->ex, &r->defaults, sql, explain, output_row, should_stop, r, &err);
	r->busy = RUN_IDLE;
	/* The counter says the SQL's own figures: its statements, rows and time. */
	r->ns = util_now_ns() - r->sql_start_ns - r->paced_ns;
	r->count = sqllog_count(experiment_log(r->ex));
	r->rows = r->output.total;
	if (rc) {
		status_set(r->status, ROLE_ERROR, "SQLite: %s", err);
		/* the log pane keeps it in view, under any rows that came before */
		r->output_error = err;
	} else {
		int ran = experiment_sql_statements(r->ex);
		status_set(r->status, ROLE_NORMAL, "%s: %zu row%s from %d statement%s in %.1f ms%s",
			   explain ? "query plan" : "sql", r->output.total,
			   r->output.total == 1 ? "" : "s", ran, ran == 1 ? "" : "s",
			   (double)r->ns / 1e6,
			   !explain && r->output.total ? "; Enter shows a row whole, Esc the log"
						       : "; Esc goes back to the log");
	}
}

void run_set_defaults(struct run *r, const struct spec *spec)
{
	r->defaults = *spec;
	status_set(r->status, ROLE_NORMAL, "runs now use %ld orders, %ld customers, %g ms latency",
		   spec->orders, spec->customers, spec->latency_ms);
}

/* The setup statements stream into the log as the database is built at once
 * with the current defaults, as lesson 1 promises. */
void run_reset_db(struct run *r)
{
	experiment_reset(r->ex);
	forget(r);
	begin(r);
	r->ran = true;
	r->last = RUN_LAST_NONE;
	char *err = NULL;
	status_set(r->status, ROLE_DIM, "building %ld orders over %ld customers...",
		   r->defaults.orders, r->defaults.customers);
	draw(r);
	if (experiment_prepare(r->ex, &r->defaults, &err)) {
		status_set(r->status, ROLE_ERROR, "cannot build the database: %s", err);
		free(err);
		return;
	}
	status_set(r->status, ROLE_NORMAL,
		   "the database was rebuilt and re-seeded: %ld orders, %ld customers",
		   r->defaults.orders, r->defaults.customers);
}

void run_cancel(struct run *r)
{
	if (r->busy == RUN_IDLE && run_bench_active(r)) {
		run_bench_cancel(r);
		return;
	}
	cancel_request();
	if (r->busy == RUN_SQL) {
		r->sql_stop = true;
		return;
	}
	r->cancelled = true;
	experiment_cancel(r->ex);
}

int run_speed(struct run *r, int n)
{
	r->speed += n;
	r->speed = r->speed < 0 ? 0 : r->speed >= RUN_SPEEDS ? RUN_SPEEDS - 1 : r->speed;
	return speed_ms[r->speed];
}

/* So an instructor can point at a statement while the run goes on underneath;
 * again to catch up. */
void run_freeze(struct run *r)
{
	r->frozen.on = !r->frozen.on;
	if (!r->frozen.on)
		return;
	const struct runlog_stmt *last = runlog_last(&r->log);
	r->frozen.seq = last ? last->seq : 0;
	r->frozen.count = r->count;
	r->frozen.rows = r->rows;
	r->frozen.ns = run_elapsed_ns(r);
}

struct lesson_measure *run_measures(const struct run *r, size_t *n)
{
	struct lesson_measure *m = util_calloc((size_t)r->nchart + 1, sizeof *m);
	for (int i = 0; i < r->nchart; i++) {
		const struct benchrow *b = &r->chart[i].row;
		m[i] = (struct lesson_measure){ b->strategy, b->orders, b->median_ms,
						benchrow_sqlalchemy(b) ? b->version : NULL };
	}
	*n = (size_t)r->nchart;
	return m;
}
