/* experiment_time: see experiment.h. The timed runs.
 *
 * Timing discipline: a warm-up run first (it fills the statement cache and records
 * the statement sequence for the floor), then the timed runs with no subscriber, so
 * nothing but the ORM and SQLite runs between statements. Each run gets a new
 * Session, as each measurement in DESIGN.md did. */
#include "config.h"

#include "experiment.h"
#include "experiment_core.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The statement sequence of one run, for the floor: copies of SQL and params. */
struct script {
	struct step {
		char *sql;
		int64_t *params;
		struct value *values; /* NULL, or the params typed */
		int nparams;
		struct db_stmt *st;
	} * steps;
	size_t n, cap;
};

static void capture(void *ctx, enum sqllog_event ev, const struct sqllog_entry *e)
{
	struct script *sc = ctx;
	if (ev != SQLLOG_STATEMENT)
		return;
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? 2 * sc->cap : 64;
		sc->steps = util_realloc(sc->steps, sc->cap * sizeof *sc->steps);
	}
	struct step *s = &sc->steps[sc->n++];
	s->sql = util_strdup(e->sql); /* the log's ring may drop its own copy */
	s->nparams = e->nparams;
	s->params = util_malloc((size_t)(e->nparams ? e->nparams : 1) * sizeof *s->params);
	if (e->nparams)
		memcpy(s->params, e->params, (size_t)e->nparams * sizeof *s->params);
	s->values = NULL;
	if (e->values && e->nparams) {
		s->values = util_malloc((size_t)e->nparams * sizeof *s->values);
		memcpy(s->values, e->values, (size_t)e->nparams * sizeof *s->values);
	}
	s->st = NULL;
}

static void script_done(struct script *sc)
{
	for (size_t i = 0; i < sc->n; i++) {
		free(sc->steps[i].sql);
		free(sc->steps[i].params);
		free(sc->steps[i].values);
	}
	free(sc->steps);
}

/* Step every row and read every column, as any client must, and nothing more. */
static int step_raw(struct db *db, struct db_stmt *st, const int64_t *params,
		    const struct value *values, int nparams)
{
	if (values)
		db_begin_values(db, st, values, nparams);
	else
		db_begin(db, st, params, nparams);
	volatile int64_t sink = 0;
	sqlite3_stmt *h = db_stmt_handle(st);
	int rc, ncol = sqlite3_column_count(h);
	while ((rc = db_step(db, st)) == SQLITE_ROW)
		for (int c = 0; c < ncol; c++) {
			switch (sqlite3_column_type(h, c)) {
			case SQLITE_INTEGER: sink += sqlite3_column_int64(h, c); break;
			case SQLITE_FLOAT: sink += (int64_t)sqlite3_column_double(h, c); break;
			case SQLITE_TEXT:
				sink += sqlite3_column_bytes(h, c);
				sink += sqlite3_column_text(h, c)[0];
				break;
			}
		}
	db_end(db, st);
	(void)sink;
	return rc == SQLITE_DONE ? 0 : -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void summarise(double *ms, int n, struct experiment_timing *t)
{
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	t->min_ms = ms[0];
	t->max_ms = ms[n - 1];
	t->median_ms = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
}

/* Replay the recorded statements raw, every row and column read; -1 on error. */
static int replay(struct experiment *ex, const struct script *sc, char **err)
{
	db_set_budget(ex->db, experiment_budget(ex));
	for (size_t k = 0; k < sc->n; k++)
		if (step_raw(ex->db, sc->steps[k].st, sc->steps[k].params, sc->steps[k].values,
			     sc->steps[k].nparams)) {
			*err = util_printf("%s", db_errmsg(ex->db));
			return -1;
		}
	return 0;
}

/* What one reading of the clock costs, in ns: the clocked run reads it twice
 * per sqlite3_step, and that cost is taken back out of its parts. */
static double clock_cost_ns(void)
{
	static double cost = -1;
	if (cost >= 0)
		return cost;
	cost = 1e9;
	for (int round = 0; round < 5; round++) {
		int64_t t0 = util_now_ns(), sink = 0;
		for (int i = 0; i < 1000; i++)
			sink += util_now_ns();
		double each = (double)(util_now_ns() - t0) / 1001;
		cost = each < cost ? each : cost;
		(void)sink;
	}
	return cost;
}

/* How many runs make a sample last EXPERIMENT_SAMPLE_MS, from the time of one. */
static int batch_for(double once_ms)
{
	double want = EXPERIMENT_SAMPLE_MS / (once_ms > 1e-6 ? once_ms : 1e-6);
	return want < 1 ? 1 : want > EXPERIMENT_MAX_BATCH ? EXPERIMENT_MAX_BATCH : (int)want + 1;
}

struct experiment_timer {
	struct spec spec; /* the workload, its latency zeroed: see experiment_timer_new */
	bool raw;	  /* the raw row: the script is one JOIN, and only its floor is timed */
	struct script sc; /* the statements of one run, replayed for the floor */
	uint64_t queries, rows;
	double network_ms;
	int repeat, batch, rounds;
	double *orm, *floor, *ratio, *share; /* per round: one allocation, at orm */
};

static struct experiment_timer *timer_alloc(const struct spec *spec, int repeat, bool raw)
{
	struct experiment_timer *tm = util_calloc(1, sizeof *tm);
	tm->spec = *spec;
	/* The latency is arithmetic, latency x statements, so no timed run waits
	 * it out: a sleep costs no processor time, and its length is the setting. */
	tm->spec.latency_ms = 0;
	tm->raw = raw;
	tm->repeat = repeat < 1 ? 1 : repeat;
	tm->orm = util_calloc((size_t)tm->repeat * 4, sizeof *tm->orm);
	tm->floor = tm->orm + tm->repeat;
	tm->ratio = tm->orm + 2 * tm->repeat;
	tm->share = tm->orm + 3 * tm->repeat;
	return tm;
}

void experiment_timer_free(struct experiment_timer *tm)
{
	if (!tm)
		return;
	script_done(&tm->sc);
	free(tm->orm);
	free(tm);
}

/* The kinds of run a timing takes: the ORM's, and its floor. */
enum sample_kind { SAMPLE_ORM, SAMPLE_FLOOR };

static int run_once(struct experiment *ex, struct experiment_timer *tm, enum sample_kind kind,
		    char **err)
{
	size_t parents;
	if (kind == SAMPLE_FLOOR)
		return replay(ex, &tm->sc, err);
	return experiment_workload(ex, &tm->spec, &parents, err) == SESSION_OK ? 0 : -1;
}

/* A sample: batch runs back to back, their mean per run in ms of this thread's
 * processor time. The runs do no I/O (the database is in memory and the timed
 * runs wait out no latency), so that is their wall time less what the scheduler
 * gave other programs meanwhile: on a shared machine a 5 ms sample is often
 * interrupted for a whole time slice, which doubled a wall-clock sample. */
static int sample(struct experiment *ex, struct experiment_timer *tm, enum sample_kind kind,
		  int batch, double *ms, char **err)
{
	int64_t t0 = util_cpu_ns();
	for (int b = 0; b < batch; b++)
		if (run_once(ex, tm, kind, err))
			return -1;
	*ms = (double)(util_cpu_ns() - t0) / 1e6 / batch;
	return 0;
}

/* The share of an ORM run spent inside sqlite3_step, from a batch of clocked
 * runs. The step clock is the monotonic one (the processor clock costs a system
 * call, too much per row), so a run the scheduler interrupted, its wall time
 * ahead of its processor time, is left out: the wait would count in whichever
 * part it fell. Each run reads the clock twice per step, and that cost,
 * calibrated once, is taken back out. */
static int db_share(struct experiment *ex, struct experiment_timer *tm, double *share, char **err)
{
	double cost = clock_cost_ns(), run = 0, in_db = 0, any_run = 0, any_db = 0;
	int rc = 0;
	db_clock(ex->db, true);
	for (int b = 0; b < tm->batch && rc == 0; b++) {
		int64_t c0 = util_cpu_ns(), w0 = util_now_ns();
		rc = run_once(ex, tm, SAMPLE_ORM, err);
		int64_t w1 = util_now_ns(), c1 = util_cpu_ns(), step, steps;
		db_clock_read(ex->db, &step, &steps);
		double c = cost * (double)steps, wall = (double)(w1 - w0) - 2 * c;
		double db = (double)step - c;
		any_run += wall;
		any_db += db;
		if ((double)(w1 - w0) - (double)(c1 - c0) < 20000 + wall / 100) {
			run += wall;
			in_db += db;
		}
	}
	db_clock(ex->db, false);
	if (run <= 0) { /* every run was interrupted: better them than nothing */
		run = any_run;
		in_db = any_db;
	}
	*share = run > 0 && in_db > 0 ? in_db / run : 0;
	*share = *share > 1 ? 1 : *share;
	return rc;
}

/* The time of one warm run, to size the batch. The first after the warm-up can
 * still be cold (the allocator, the caches), and a batch sized from it came out
 * several times too small: short runs are timed until two in a row agree within
 * 10%, ten at most. A run as long as a sample needs no batch. */
static int warm_once(struct experiment *ex, struct experiment_timer *tm, enum sample_kind kind,
		     double *ms, char **err)
{
	double prev = 0;
	for (int k = 0; k < 10; k++) {
		if (sample(ex, tm, kind, 1, ms, err))
			return -1;
		if (*ms >= EXPERIMENT_SAMPLE_MS ||
		    (k > 0 && *ms <= 1.1 * prev && prev <= 1.1 * *ms))
			break;
		prev = *ms;
	}
	return 0;
}

/* Prepare the script's statements, warm the floor and size the batch. */
static int timer_ready(struct experiment *ex, struct experiment_timer *tm, char **err)
{
	for (size_t i = 0; i < tm->sc.n; i++)
		if (!(tm->sc.steps[i].st = db_prepare(ex->db, tm->sc.steps[i].sql, NULL, err)))
			return -1;
	double once;
	if (replay(ex, &tm->sc, err) || /* the floor's own warm-up */
	    warm_once(ex, tm, tm->raw ? SAMPLE_FLOOR : SAMPLE_ORM, &once, err))
		return -1;
	tm->batch = batch_for(once);
	return 0;
}

/* The log's subscriber is away while the engine times: nothing but the ORM and
 * SQLite runs between statements. */
struct quiet {
	sqllog_fn fn;
	void *ctx;
};

static struct quiet hush(struct experiment *ex, sqllog_fn fn, void *ctx)
{
	struct quiet q;
	sqllog_subscriber(ex->log, &q.fn, &q.ctx);
	sqllog_subscribe(ex->log, fn, ctx);
	return q;
}

static void unhush(struct experiment *ex, struct quiet q)
{
	sqllog_reset(ex->log);
	sqllog_subscribe(ex->log, q.fn, q.ctx);
}

enum session_status experiment_timer_new(struct experiment *ex, const struct spec *spec, int repeat,
					 struct experiment_timer **out, char **err)
{
	struct experiment_timer *tm = timer_alloc(spec, repeat, false);
	struct experiment_result res;
	*out = NULL;
	struct quiet q = hush(ex, capture, &tm->sc);
	experiment_run(ex, &tm->spec, &res); /* the warm-up, recording the statements */
	sqllog_subscribe(ex->log, NULL, NULL);
	enum session_status rc = res.status;
	if (rc != SESSION_OK) {
		*err = res.error ? res.error : util_strdup("the workload failed");
		res.error = NULL;
	} else if (timer_ready(ex, tm, err)) {
		rc = SESSION_FAILED;
	}
	free(res.error);
	unhush(ex, q);
	tm->queries = res.queries;
	tm->rows = res.rows;
	tm->network_ms = spec->latency_ms * (double)tm->queries;
	if (rc == SESSION_OK)
		*out = tm;
	else
		experiment_timer_free(tm);
	return rc;
}

int experiment_timer_raw(struct experiment *ex, const struct spec *spec, int repeat,
			 struct experiment_timer **out, char **err)
{
	*out = NULL;
	if (experiment_prepare(ex, spec, err))
		return -1;
	struct experiment_timer *tm = timer_alloc(spec, repeat, true);
	struct mapper_query q;
	struct session_select sel;
	struct value params[SPEC_MAX_TERMS + 2];
	experiment_select(spec, &sel, params);
	mapper_sql_joined(experiment_rel(ex, spec), &sel.shape, &q);
	struct step *s = tm->sc.steps = util_calloc(1, sizeof *s);
	tm->sc.n = tm->sc.cap = 1;
	s->sql = util_strdup(q.sql);
	mapper_query_done(&q);
	s->nparams = sel.nparams; /* the values are typed: no int64 params */
	s->values = util_malloc((size_t)(sel.nparams ? sel.nparams : 1) * sizeof *s->values);
	memcpy(s->values, params, (size_t)sel.nparams * sizeof *s->values);
	struct quiet hushed = hush(ex, NULL, NULL);
	db_set_latency(ex->db, 0);
	int rc = timer_ready(ex, tm, err);
	unhush(ex, hushed);
	if (rc) {
		experiment_timer_free(tm);
		return -1;
	}
	tm->queries = 1;
	tm->rows = db_stmt_rows(s->st);
	tm->network_ms = spec->latency_ms;
	*out = tm;
	return 0;
}

int experiment_timer_round(struct experiment *ex, struct experiment_timer *tm, char **err)
{
	if (tm->rounds == tm->repeat)
		return 0;
	int i = tm->rounds, rc;
	struct quiet q = hush(ex, NULL, NULL);
	db_set_latency(ex->db, 0); /* the latency is added, never waited: see timer_alloc */
	if (tm->raw) {
		rc = sample(ex, tm, SAMPLE_FLOOR, tm->batch, &tm->floor[i], err);
		tm->orm[i] = tm->floor[i];
		tm->share[i] = 1;
	} else {
		/* The ORM, its floor, then the ORM with the database's clock on: what
		 * slows the machine for a while slows all three alike, so their ratio
		 * stays honest, and the clock's own cost stays out of the total. */
		rc = sample(ex, tm, SAMPLE_ORM, tm->batch, &tm->orm[i], err) ||
		     sample(ex, tm, SAMPLE_FLOOR, tm->batch, &tm->floor[i], err) ||
		     db_share(ex, tm, &tm->share[i], err);
	}
	unhush(ex, q);
	if (rc)
		return -1;
	double net = tm->network_ms;
	tm->ratio[i] = tm->floor[i] > 0 ? (tm->orm[i] + net) / (tm->floor[i] + net) : 0;
	tm->rounds++;
	return 0;
}

static double median_of(double *v, int n)
{
	struct experiment_timing t;
	summarise(v, n, &t);
	return t.median_ms;
}

void experiment_timer_result(const struct experiment_timer *tm, struct experiment_timing *t)
{
	memset(t, 0, sizeof *t);
	t->queries = tm->queries;
	t->rows = tm->rows;
	t->repeat = tm->rounds;
	t->batch = tm->batch;
	t->network_ms = tm->network_ms;
	int n = tm->rounds;
	if (n == 0)
		return;
	/* summarise sorts: copies, so more rounds can follow */
	double *v = util_calloc((size_t)n, sizeof *v);
	memcpy(v, tm->ratio, (size_t)n * sizeof *v);
	t->overhead = median_of(v, n);
	memcpy(v, tm->floor, (size_t)n * sizeof *v);
	t->floor_ms = median_of(v, n) + t->network_ms;
	memcpy(v, tm->share, (size_t)n * sizeof *v);
	double in_db = median_of(v, n);
	memcpy(v, tm->orm, (size_t)n * sizeof *v);
	summarise(v, n, t);
	free(v);
	/* The split comes from the clocked runs as a share, applied to the unclocked
	 * median: a share within one sample is steadier than two medians of
	 * different runs, and the clock's cost stays out of the bar. */
	t->db_ms = in_db * t->median_ms;
	t->orm_ms = t->median_ms - t->db_ms;
	t->min_ms += t->network_ms;
	t->median_ms += t->network_ms;
	t->max_ms += t->network_ms;
}

/* One workload on its own: its timer, all its rounds. */
static int time_alone(struct experiment *ex, struct experiment_timer *tm,
		      struct experiment_timing *t, char **err,
		      const struct experiment_progress *progress)
{
	for (int i = 0; i < tm->repeat; i++) {
		if (experiment_timer_round(ex, tm, err))
			return -1;
		if (progress && progress->sample &&
		    progress->sample(progress->ctx, i + 1, tm->repeat)) {
			*err = util_strdup("interrupted");
			return -1;
		}
	}
	experiment_timer_result(tm, t);
	return 0;
}

enum session_status experiment_time(struct experiment *ex, const struct spec *spec, int repeat,
				    struct experiment_timing *t, char **err,
				    const struct experiment_progress *progress)
{
	struct experiment_timer *tm;
	memset(t, 0, sizeof *t);
	enum session_status rc = experiment_timer_new(ex, spec, repeat, &tm, err);
	if (rc == SESSION_OK && time_alone(ex, tm, t, err, progress))
		rc = SESSION_FAILED;
	experiment_timer_free(tm);
	return rc;
}
