/* run_bench: the tutor's timed comparison (run.h: r->bench and the chart). The
 * timing runs in child processes (benchproc): nplus1's engine first, then real
 * SQLAlchemy where a python3 has it, never both at once so neither slows the
 * other. The main loop reads their pipes every RUN_BENCH_POLL_MS while a bench
 * goes on, so the tutor answers keys throughout, the chart fills in as rows
 * arrive, and Esc kills the children at once. */
#include "config.h"

#include "ui/run.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

bool run_bench_active(const struct run *r) { return r->bench.engine || r->bench.sqla; }

void run_bench_cancel(struct run *r)
{
	if (!run_bench_active(r))
		return;
	benchproc_free(r->bench.engine);
	benchproc_free(r->bench.sqla);
	r->bench.engine = r->bench.sqla = NULL;
	status_set(r->status, ROLE_ERROR, "bench stopped: the chart keeps what was measured");
}

static void progress(struct run *r)
{
	const char *who = r->bench.engine ? "nplus1" : "SQLAlchemy";
	int done = r->bench.engine ? r->bench.engine_rows : r->bench.sqla_rows;
	status_set(r->status, ROLE_DIM, "timing in %s: %d of %d bars, %.1f s; Esc stops", who, done,
		   r->bench.expected, (double)(util_now_ns() - r->bench.start_ns) / 1e9);
}

int run_bench_wait(const struct run *r, int asked)
{
	if (!run_bench_active(r))
		return asked;
	return asked < 0 || asked > RUN_BENCH_POLL_MS ? RUN_BENCH_POLL_MS : asked;
}

void run_bench(struct run *r, const struct spec_bench *b)
{
	run_bench_cancel(r);
	r->nchart = 0;
	r->bench.plan = *b;
	/* `:set latency=MS` is the learner's network: b times over it too. */
	if (r->defaults.latency_ms > 0)
		r->bench.plan.base.latency_ms = r->defaults.latency_ms;
	r->bench.expected = b->nsizes * b->nstrategies;
	r->bench.engine_rows = r->bench.sqla_rows = 0;
	r->bench.missing = false;
	r->bench.note[0] = r->bench.untimed[0] = '\0';
	r->bench.start_ns = util_now_ns();
	r->bench.engine = benchproc_engine(&r->bench.plan);
	progress(r);
}

/* A strategy that raised has no bar: remembered once, to be said at the end. */
static void untimed(struct run *r, const char *strategy)
{
	char *list = r->bench.untimed;
	size_t n = strlen(list), len = strlen(strategy);
	for (const char *p = list; (p = strstr(p, strategy)); p += len)
		if ((p == list || p[-1] == ' ') && (p[len] == ',' || p[len] == '\0'))
			return;
	snprintf(list + n, sizeof r->bench.untimed - n, "%s%s", n ? ", " : "", strategy);
}

static void add_row(void *ctx, const struct benchrow *row)
{
	struct run *r = ctx;
	bool sqla = benchrow_sqlalchemy(row);
	if (sqla)
		r->bench.sqla_rows++;
	else if (strcmp(row->strategy, "raw") != 0)
		r->bench.engine_rows++;
	if (!sqla && row->error[0] && strcmp(row->strategy, "error") != 0)
		untimed(r, row->strategy);
	/* The raw floor is bench's, not the chart's; a raising strategy has no bar. */
	if (!strcmp(row->strategy, "raw") || row->error[0] || r->nchart >= RUN_CHART_MAX)
		return;
	r->chart[r->nchart++].row = *row;
}

/* nplus1's rows are in: SQLAlchemy's turn. */
static void engine_done(struct run *r, enum benchproc_state st)
{
	if (st == BENCHPROC_FAILED)
		snprintf(r->bench.note, sizeof r->bench.note, "nplus1: %s",
			 benchproc_error(r->bench.engine));
	benchproc_free(r->bench.engine);
	r->bench.engine = NULL;
	r->bench.sqla = benchproc_sqlalchemy(&r->bench.plan);
}

static void sqla_done(struct run *r, enum benchproc_state st)
{
	if (st == BENCHPROC_FAILED) {
		r->bench.missing = benchproc_missing(r->bench.sqla);
		snprintf(r->bench.note, sizeof r->bench.note, "%s", benchproc_error(r->bench.sqla));
	}
	benchproc_free(r->bench.sqla);
	r->bench.sqla = NULL;
	const char *list = r->bench.untimed, *verb = strchr(list, ',') ? "raise" : "raises";
	char why[96] = "";
	if (list[0])
		snprintf(why, sizeof why, "; not timed: %s (%s by design)", list, verb);
	if (r->nchart == 0 && list[0])
		status_set(r->status, ROLE_NORMAL, "nothing to time: %s (%s by design)", list,
			   verb);
	else if (r->bench.missing)
		status_set(r->status, ROLE_NORMAL,
			   "nplus1 only; SQLAlchemy: apt-get install python3-sqlalchemy, or "
			   "NPLUS1_PYTHON%s",
			   why);
	else if (st == BENCHPROC_FAILED)
		status_set(r->status, ROLE_ERROR, "%s%s", r->bench.note, why);
	else
		status_set(r->status, ROLE_NORMAL,
			   "timed in nplus1 and SQLAlchemy, medians; d shows the numbers%s", why);
}

bool run_bench_poll(struct run *r, int timeout_ms)
{
	if (!run_bench_active(r))
		return false;
	if (r->bench.engine) {
		enum benchproc_state st = benchproc_poll(r->bench.engine, timeout_ms, add_row, r);
		if (st != BENCHPROC_RUNNING)
			engine_done(r, st);
		timeout_ms = 0;
	}
	if (r->bench.sqla) {
		enum benchproc_state st = benchproc_poll(r->bench.sqla, timeout_ms, add_row, r);
		if (st != BENCHPROC_RUNNING)
			sqla_done(r, st);
	}
	if (run_bench_active(r))
		progress(r);
	return run_bench_active(r);
}
