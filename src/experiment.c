/* experiment: see experiment.h.
 *
 * Timing discipline: a warm-up run first (it fills the statement cache and records
 * the statement sequence for the floor), then the timed runs with no subscriber, so
 * nothing but the ORM and SQLite runs between statements. Each run gets a new
 * Session, as each measurement in DESIGN.md did. */
#include "config.h"

#include "experiment.h"
#include "db.h"
#include "loader.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct experiment {
	struct db *db;
	struct sqllog *log;
	struct mapper mapper;
	struct session *session; /* reused, cleared, by every run */
	int sql_statements;	 /* how many the last experiment_sql ran */
};

struct experiment_facts experiment_facts(const struct spec *s)
{
	struct mapper m;
	mapper_init(&m, false);
	long parents = s->collection ? s->customers : s->orders;
	if (s->limit && s->limit < parents)
		parents = s->limit;
	/* joined for many-to-one, selectin for collections: SQLAlchemy's own advice */
	return (struct experiment_facts){
		.relationship = s->collection ? m.customer_orders.path : m.order_customer.path,
		.fix = s->collection ? "selectinload" : "joinedload",
		.eager_statements =
			2 + (uint64_t)(parents + LOADER_SELECTIN_CHUNK - 1) / LOADER_SELECTIN_CHUNK,
	};
}

struct experiment *experiment_new(size_t log_capacity)
{
	struct experiment *ex = util_calloc(1, sizeof *ex);
	ex->log = sqllog_new(log_capacity);
	return ex;
}

void experiment_free(struct experiment *ex)
{
	if (!ex)
		return;
	session_free(ex->session);
	sqllog_free(ex->log);
	db_close(ex->db);
	free(ex);
}

struct sqllog *experiment_log(struct experiment *ex) { return ex->log; }

/* The database's own statements reach the log's subscriber, uncounted. */
static void setup(void *ctx, const char *sql, long rows) { sqllog_setup(ctx, sql, rows); }

int experiment_prepare(struct experiment *ex, const struct spec *spec, char **err)
{
	struct db_dataset want = { spec->customers, spec->orders, spec->notes };
	if (ex->db && memcmp(db_dataset(ex->db), &want, sizeof want) == 0)
		return 0;
	/* A new database: the old one's statements die with it, and so does every log
	 * entry that borrowed their text, hence the reset. Seeding runs unobserved. */
	experiment_reset(ex);
	if (!(ex->db = db_open(err)))
		return -1;
	if (db_build(ex->db, &want, setup, ex->log, err)) {
		db_close(ex->db);
		ex->db = NULL;
		return -1;
	}
	mapper_init(&ex->mapper, spec->notes > 0);
	ex->session = session_new(ex->db, &ex->mapper, true);
	/* A run makes at most an object per order and per customer: twice that, and
	 * room for rows a learner added, bounds a table shadowed without end. */
	session_set_budget(ex->session, 2 * (size_t)(want.customers + want.orders) + 1000000);
	sqllog_attach(ex->log, ex->db);
	return 0;
}

static const struct mapper_rel *rel_of(struct experiment *ex, const struct spec *spec)
{
	return spec->collection ? &ex->mapper.customer_orders : &ex->mapper.order_customer;
}

/* The parent query a spec asks for, and its values (params, SPEC_MAX_TERMS + 2
 * of them): the WHERE clause's, then the page's. */
static void select_of(const struct spec *spec, struct session_select *sel, struct value *params)
{
	static const char *const dirs[] = {
		[SPEC_DIR_NONE] = "", [SPEC_ASC] = " ASC", [SPEC_DESC] = " DESC"
	};
	struct mapper_shape *how = &sel->shape;
	memset(sel, 0, sizeof *sel);
	how->plain = spec->style == SPEC_SELECT;
	how->innerjoin = spec->innerjoin;
	how->paged = spec_paged(spec);
	for (int i = 0; i < spec->nwhere && i < MAPPER_MAX_TERMS; i++) {
		how->where[how->nwhere++] = (struct mapper_term){ spec->where[i].column,
								  spec_op_text(spec->where[i].op) };
		params[sel->nparams++] = spec->where[i].value;
	}
	for (int i = 0; i < spec->norder && i < MAPPER_MAX_TERMS; i++)
		how->order[how->norder++] =
			(struct mapper_sort){ spec->order[i].column, dirs[spec->order[i].dir] };
	/* The tutor's own page (--limit, limit=) is ordered by primary key. */
	if (!spec->ordered && how->paged)
		how->order[how->norder++] = (struct mapper_sort){ "id", "" };
	if (how->paged) {
		/* The legacy Query's .first() is .limit(1); an offset alone is LIMIT -1. */
		bool first = spec->first && spec->style == SPEC_QUERY;
		params[sel->nparams++] = value_int(first ? 1 : spec->limit > 0 ? spec->limit : -1);
		params[sel->nparams++] = value_int(spec->offset);
	}
	sel->params = params;
	/* 2.0's .first() takes one row and never builds the duplicates. */
	sel->needs_unique = spec->style == SPEC_SELECT && !spec->unique && !spec->first;
	sel->conflict = spec->conflict;
}

/* The SQLite work a run may do. A lazy collection scans every order once per
 * customer (there is no index on orders.customer_id), so the bound grows with
 * customers x orders; a view shadowing a table without end passes it within
 * seconds on the tutorial's data (the session's object budget catches one that
 * streams rows). */
static uint64_t work_budget(struct experiment *ex)
{
	const struct db_dataset *d = db_dataset(ex->db);
	return 100000000 + 50 * (uint64_t)(d->customers + 1) * (uint64_t)(d->orders + 1);
}

/* The workload itself, in a session as good as new: load the parents, then touch
 * the relationship of each. */
static enum session_status workload(struct experiment *ex, const struct spec *spec, size_t *parents,
				    char **err)
{
	const struct mapper_rel *rel = rel_of(ex, spec);
	struct session *s = ex->session;
	session_clear(s, spec->identity_map);
	db_set_budget(ex->db, work_budget(ex));
	struct object **objs;
	size_t n = 0;
	volatile size_t sink = 0; /* keeps the reads below from being optimised away */
	struct session_select sel;
	struct value params[SPEC_MAX_TERMS + 2];
	select_of(spec, &sel, params);
	enum session_status st =
		session_query(s, rel, loader_of(spec->strategy), &sel, &objs, &n, err);
	/* .first(): the ORM built every row's object (2.0 fetches them all), but the
	 * loop reads one. */
	*parents = n;
	if (spec->first && n > 1)
		n = 1;
	for (size_t i = 0; st == SESSION_OK && i < n; i++) {
		st = session_access(s, rel, objs[i], err);
		if (st != SESSION_OK)
			break;
		if (rel->direction == MAPPER_MANY_TO_ONE) {
			const struct object *c = objs[i]->u.order.customer;
			/* order.customer.name: either may be None */
			if (c && c->u.customer.name)
				sink += (size_t)c->u.customer.name[0];
		} else { /* len(customer.orders) */
			sink += objs[i]->u.customer.norders;
		}
	}
	(void)sink;
	return st;
}

enum session_status experiment_run(struct experiment *ex, const struct spec *spec,
				   struct experiment_result *res)
{
	memset(res, 0, sizeof *res);
	if (experiment_prepare(ex, spec, &res->error))
		return res->status = SESSION_FAILED;
	db_set_latency(ex->db, (int64_t)(spec->latency_ms * 1e6));
	db_resume(ex->db);
	sqllog_reset(ex->log);
	sqllog_mark(ex->log, SQLLOG_BEGIN);
	int64_t t0 = util_now_ns();
	res->status = workload(ex, spec, &res->parents, &res->error);
	res->elapsed_ms = (double)(util_now_ns() - t0) / 1e6;
	sqllog_mark(ex->log, SQLLOG_ROLLBACK);
	res->queries = sqllog_count(ex->log);
	res->rows = sqllog_rows(ex->log);
	return res->status;
}

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
	db_set_budget(ex->db, work_budget(ex));
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

/* A sample of one kind: batch runs back to back, their mean per run in ms. The
 * clocked kind also gives the shares of its time spent inside sqlite3_step and
 * waiting out the latency (the clock's own cost taken out of both). */
enum sample_kind { SAMPLE_ORM, SAMPLE_FLOOR, SAMPLE_CLOCKED };

static int sample(struct experiment *ex, const struct spec *spec, const struct script *sc,
		  enum sample_kind kind, int batch, double *ms, double *db_share,
		  double *wait_share, char **err)
{
	size_t parents;
	db_clock(ex->db, kind == SAMPLE_CLOCKED);
	int64_t t0 = util_now_ns();
	for (int b = 0; b < batch; b++)
		if (kind == SAMPLE_FLOOR ? replay(ex, sc, err)
					 : workload(ex, spec, &parents, err) != SESSION_OK)
			return -1;
	int64_t total = util_now_ns() - t0;
	*ms = (double)total / 1e6 / batch;
	if (kind == SAMPLE_CLOCKED) {
		int64_t step, wait, steps;
		db_clock_read(ex->db, &step, &wait, &steps);
		double c = clock_cost_ns() * (double)steps;
		double run = (double)total - 2 * c, in_db = (double)step - c;
		*db_share = run > 0 && in_db > 0 ? in_db / run : 0;
		*wait_share = run > 0 ? (double)wait / run : 0;
		*db_share = *db_share > 1 ? 1 : *db_share;
		*wait_share = *wait_share + *db_share > 1 ? 1 - *db_share : *wait_share;
	}
	db_clock(ex->db, false);
	return 0;
}

static double median_of(double *v, int n)
{
	struct experiment_timing t;
	summarise(v, n, &t);
	return t.median_ms;
}

enum session_status experiment_time(struct experiment *ex, const struct spec *spec, int repeat,
				    struct experiment_timing *t, char **err,
				    const struct experiment_progress *progress)
{
	memset(t, 0, sizeof *t);
	if (repeat < 1)
		repeat = 1;
	sqllog_fn fn;
	void *ctx;
	struct script sc = { 0 };
	struct experiment_result res;
	enum session_status rc = SESSION_FAILED;
	/* per sample: total, floor, their ratio, and the clocked run's shares */
	double *v = util_calloc((size_t)repeat * 6, sizeof *v);
	double *orm = v, *raw = v + repeat, *ratio = v + 2 * repeat, *step = v + 3 * repeat,
	       *wait = v + 4 * repeat, *clocked = v + 5 * repeat;

	sqllog_subscriber(ex->log, &fn, &ctx);
	sqllog_subscribe(ex->log, capture, &sc);
	experiment_run(ex, spec, &res); /* the warm-up, recording the statements */
	sqllog_subscribe(ex->log, NULL, NULL);
	if (res.status != SESSION_OK) {
		*err = res.error ? res.error : util_strdup("the workload failed");
		res.error = NULL;
		rc = res.status;
		goto out;
	}
	t->queries = res.queries;
	t->rows = res.rows;
	t->repeat = repeat;
	for (size_t i = 0; i < sc.n; i++)
		if (!(sc.steps[i].st = db_prepare(ex->db, sc.steps[i].sql, NULL, err)))
			goto out;
	if (replay(ex, &sc, err)) /* the floor's own warm-up */
		goto out;
	/* A run of 100 rows lasts microseconds, less than the clock's and the
	 * scheduler's noise: each sample repeats the run until it lasts
	 * EXPERIMENT_SAMPLE_MS, and counts the mean of its batch. */
	double once, unused;
	if (sample(ex, spec, &sc, SAMPLE_ORM, 1, &once, &unused, &unused, err))
		goto out;
	double want = EXPERIMENT_SAMPLE_MS / (once > 1e-6 ? once : 1e-6);
	int batch = want < 1			  ? 1
		    : want > EXPERIMENT_MAX_BATCH ? EXPERIMENT_MAX_BATCH
						  : (int)want + 1;
	t->batch = batch;
	/* Paired rounds, the ORM, the floor, then the ORM with the database's clock
	 * on: a noisy neighbour slows all three alike, so their ratios stay honest on
	 * a shared machine, and the clock's own cost stays out of the total. */
	for (int i = 0; i < repeat; i++) {
		if (sample(ex, spec, &sc, SAMPLE_ORM, batch, &orm[i], &unused, &unused, err) ||
		    sample(ex, spec, &sc, SAMPLE_FLOOR, batch, &raw[i], &unused, &unused, err) ||
		    sample(ex, spec, &sc, SAMPLE_CLOCKED, batch, &clocked[i], &step[i], &wait[i],
			   err))
			goto out;
		ratio[i] = raw[i] > 0 ? orm[i] / raw[i] : 0;
		if (progress && progress->sample &&
		    progress->sample(progress->ctx, i + 1, repeat)) {
			*err = util_strdup("interrupted");
			goto out;
		}
	}
	t->overhead = median_of(ratio, repeat);
	t->floor_ms = median_of(raw, repeat);
	t->network_ms = spec->latency_ms * (double)t->queries;
	summarise(orm, repeat, t);
	/* The split comes from the clocked runs as shares, applied to the unclocked
	 * median: a share within one sample is steadier than two medians of
	 * different runs, and the clock's cost stays out of the bar. The time the
	 * latency's sleeps overshoot is nobody's work, so ORM leaves it out. */
	double db_share = median_of(step, repeat), wait_share = median_of(wait, repeat);
	t->db_ms = db_share * t->median_ms;
	t->orm_ms = t->median_ms * (1 - db_share - wait_share);
	t->orm_ms = t->orm_ms > 0 ? t->orm_ms : 0;
	rc = SESSION_OK;
out:
	free(res.error);
	sqllog_reset(ex->log);
	sqllog_subscribe(ex->log, fn, ctx);
	script_done(&sc);
	free(v);
	return rc;
}

int experiment_time_raw(struct experiment *ex, const struct spec *spec, int repeat,
			struct experiment_timing *t, char **err)
{
	memset(t, 0, sizeof *t);
	if (repeat < 1)
		repeat = 1;
	if (experiment_prepare(ex, spec, err))
		return -1;
	db_set_latency(ex->db, (int64_t)(spec->latency_ms * 1e6));
	struct mapper_query q;
	struct session_select sel;
	struct value params[SPEC_MAX_TERMS + 2];
	select_of(spec, &sel, params);
	mapper_sql_joined(rel_of(ex, spec), &sel.shape, &q);
	struct db_stmt *st = db_prepare(ex->db, q.sql, q.form, err);
	mapper_query_done(&q);
	if (!st)
		return -1;
	sqllog_fn fn;
	void *ctx;
	sqllog_subscriber(ex->log, &fn, &ctx);
	sqllog_subscribe(ex->log, NULL, NULL);
	double *ms = util_calloc((size_t)repeat, sizeof *ms);
	int64_t t0 = util_now_ns();
	int rc = step_raw(ex->db, st, NULL, params, sel.nparams); /* warm-up */
	double once = (double)(util_now_ns() - t0) / 1e6;
	double want = EXPERIMENT_SAMPLE_MS / (once > 1e-6 ? once : 1e-6);
	int batch = want < 1			  ? 1
		    : want > EXPERIMENT_MAX_BATCH ? EXPERIMENT_MAX_BATCH
						  : (int)want + 1;
	t->queries = 1;
	t->rows = db_stmt_rows(st);
	for (int i = 0; rc == 0 && i < repeat; i++) {
		t0 = util_now_ns();
		for (int b = 0; rc == 0 && b < batch; b++)
			rc = step_raw(ex->db, st, NULL, params, sel.nparams);
		ms[i] = (double)(util_now_ns() - t0) / 1e6 / batch;
	}
	if (rc)
		*err = util_printf("%s", db_errmsg(ex->db));
	else
		summarise(ms, repeat, t);
	t->floor_ms = t->db_ms = t->median_ms;
	t->network_ms = spec->latency_ms;
	t->overhead = 1;
	t->repeat = repeat;
	t->batch = batch;
	free(ms);
	sqllog_reset(ex->log);
	sqllog_subscribe(ex->log, fn, ctx);
	return rc;
}

void experiment_cancel(struct experiment *ex)
{
	if (ex->db)
		db_interrupt(ex->db);
}

int experiment_sql_statements(const struct experiment *ex) { return ex->sql_statements; }

void experiment_reset(struct experiment *ex)
{
	sqllog_detach(ex->log);
	sqllog_reset(ex->log);
	session_free(ex->session);
	ex->session = NULL;
	db_close(ex->db);
	ex->db = NULL;
}

int experiment_sql(struct experiment *ex, const struct spec *spec, const char *sql, bool explain,
		   void (*row)(void *ctx, int ncol, const char *const *names,
			       const char *const *values),
		   int (*stop)(void *ctx), void *ctx, char **err)
{
	if (experiment_prepare(ex, spec, err))
		return -1;
	db_resume(ex->db);
	db_set_latency(ex->db, 0);
	sqllog_reset(ex->log);
	char *text = explain ? util_printf("EXPLAIN QUERY PLAN %s", sql) : util_strdup(sql);
	/* EXPLAIN covers the first statement only: one after it would really run. */
	int rc = db_exec_user(ex->db, text, explain, row, stop, ctx, &ex->sql_statements, err);
	free(text);
	return rc;
}
