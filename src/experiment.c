/* experiment: see experiment.h. The datasets, the observed run and the learner's
 * SQL; the timed runs are experiment_time.c's. */
#include "config.h"

#include "experiment.h"
#include "experiment_core.h"
#include "db.h"
#include "loader.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

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

const struct mapper_rel *experiment_rel(struct experiment *ex, const struct spec *spec)
{
	return spec->collection ? &ex->mapper.customer_orders : &ex->mapper.order_customer;
}

void experiment_select(const struct spec *spec, struct session_select *sel, struct value *params)
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
uint64_t experiment_budget(struct experiment *ex)
{
	const struct db_dataset *d = db_dataset(ex->db);
	return 100000000 + 50 * (uint64_t)(d->customers + 1) * (uint64_t)(d->orders + 1);
}

/* The workload itself, in a session as good as new: load the parents, then touch
 * the relationship of each. */
enum session_status experiment_workload(struct experiment *ex, const struct spec *spec,
					size_t *parents, char **err)
{
	const struct mapper_rel *rel = experiment_rel(ex, spec);
	struct session *s = ex->session;
	session_clear(s, spec->identity_map);
	db_set_budget(ex->db, experiment_budget(ex));
	struct object **objs;
	size_t n = 0;
	volatile size_t sink = 0; /* keeps the reads below from being optimised away */
	struct session_select sel;
	struct value params[SPEC_MAX_TERMS + 2];
	experiment_select(spec, &sel, params);
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
	res->status = experiment_workload(ex, spec, &res->parents, &res->error);
	res->elapsed_ms = (double)(util_now_ns() - t0) / 1e6;
	sqllog_mark(ex->log, SQLLOG_ROLLBACK);
	res->queries = sqllog_count(ex->log);
	res->rows = sqllog_rows(ex->log);
	return res->status;
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
