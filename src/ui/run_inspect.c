/* run_inspect: the statement inspector's content (run.h: struct run_inspect).
 * Opening copies what it shows out of the run log, the groups or the :sql
 * result, as lines the inspector pane wraps: the statement as SQLAlchemy's echo
 * writes it (its text with its line breaks, then its cache line and
 * parameters), its rows and time and how often its text ran in this run; for a
 * group, the text once and every parameter set still in the log; for a result
 * row, each column's value whole. 'e' adds the EXPLAIN QUERY PLAN, asked of the
 * engine (experiment_sql) like any :explain, with the run's events muted so the
 * plan's own statement does not enter the log. */
#include "config.h"

#include "ui/run.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *vformat(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	size_t size = (size_t)(n > 0 ? n : 0) + 1;
	char *s = util_malloc(size);
	vsnprintf(s, size, fmt, again);
	va_end(again);
	return s;
}

__attribute__((format(printf, 3, 4))) static void add(struct run_inspect *in, enum role role,
						      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = vformat(fmt, ap);
	va_end(ap);
	in->lines = util_realloc(in->lines, (in->nlines + 1) * sizeof *in->lines);
	in->lines[in->nlines++] = (struct run_line){ text, role };
}

/* The SQL as the echo writes it: one line per line of its text. */
static void add_sql(struct run_inspect *in, const char *sql)
{
	for (const char *s = sql;;) {
		size_t n = strcspn(s, "\n");
		add(in, ROLE_SQL_KEYWORD, "%.*s", (int)n, s);
		if (!s[n])
			break;
		s += n + 1;
	}
}

void run_inspect_close(struct run *r)
{
	struct run_inspect *in = &r->inspect;
	for (size_t i = 0; i < in->nlines; i++)
		free(in->lines[i].text);
	free(in->lines);
	free(in->title);
	free(in->sql);
	unsigned opened = in->opened;
	*in = (struct run_inspect){ .opened = opened };
}

static struct run_inspect *open_on(struct run *r, const char *sql, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static struct run_inspect *open_on(struct run *r, const char *sql, const char *fmt, ...)
{
	run_inspect_close(r);
	struct run_inspect *in = &r->inspect;
	va_list ap;
	va_start(ap, fmt);
	in->title = vformat(fmt, ap);
	va_end(ap);
	in->sql = sql ? util_strdup(sql) : NULL;
	in->open = true;
	in->opened++;
	return in;
}

static const char *plural(uint64_t n) { return n == 1 ? "" : "s"; }

/* "[cached since 0.0008s ago] (2,)", as the echo writes a statement's parameters. */
static void add_echo(struct run_inspect *in, const struct runlog_stmt *st, const char *lead)
{
	if (st->cached)
		add(in, ROLE_SQL_PARAM, "%s[cached since %.4gs ago] %s", lead, st->cache_s,
		    st->params);
	else
		add(in, ROLE_SQL_PARAM, "%s[generated in %.5fs] %s", lead, st->cache_s, st->params);
}

static void add_outcome(struct run_inspect *in, const struct runlog_stmt *st)
{
	if (st->duration_ns < 0)
		add(in, ROLE_DIM, "still running");
	else if (st->duration_ns < 1000000) /* SQLite's profile clock counts whole ms */
		add(in, ROLE_NORMAL, "%llu row%s in under 1 ms", (unsigned long long)st->rows,
		    plural(st->rows));
	else
		add(in, ROLE_NORMAL, "%llu row%s in %.0f ms", (unsigned long long)st->rows,
		    plural(st->rows), (double)st->duration_ns / 1e6);
}

static void entry(struct run *r, const struct runlog_stmt *st)
{
	const char *sql = runlog_sql(st);
	if (!st->seq) {
		struct run_inspect *in = open_on(r, sql, "setup statement (not counted)");
		add(in, ROLE_DIM, "building the database: not part of any run, not counted");
		add_sql(in, sql);
		if (st->rows)
			add(in, ROLE_NORMAL, "%llu row%s inserted", (unsigned long long)st->rows,
			    plural(st->rows));
		return;
	}
	struct run_inspect *in = open_on(r, sql, "statement %llu of %llu",
					 (unsigned long long)st->seq, (unsigned long long)r->count);
	add(in, ROLE_DIM, "this text ran %llu time%s in this run",
	    (unsigned long long)st->group->count, plural(st->group->count));
	add_sql(in, sql);
	add_echo(in, st, "");
	add_outcome(in, st);
}

void run_inspect_statement(struct run *r, uint64_t seq)
{
	const struct runlog_stmt *st = NULL;
	if (seq == 0) { /* the newest counted statement, else the newest of any */
		for (size_t i = r->log.len; i-- > 0 && !st;)
			if (runlog_get(&r->log, i)->seq)
				st = runlog_get(&r->log, i);
		if (!st)
			st = r->log.len ? runlog_get(&r->log, r->log.len - 1) : NULL;
	} else {
		st = runlog_find(&r->log, seq);
	}
	if (!st) {
		if (seq && seq <= r->count)
			status_set(r->status, ROLE_ERROR,
				   "statement %llu is no longer kept: the log keeps the last %zu",
				   (unsigned long long)seq, r->log.cap);
		else if (seq)
			status_set(r->status, ROLE_ERROR, "no statement %llu: this run has %llu",
				   (unsigned long long)seq, (unsigned long long)r->count);
		else
			status_set(r->status, ROLE_DIM, "no statement yet: press r to run");
		return;
	}
	entry(r, st);
}

void run_inspect_at(struct run *r, size_t i)
{
	const struct runlog_stmt *st = runlog_get(&r->log, i);
	if (st)
		entry(r, st);
}

void run_inspect_group(struct run *r, size_t i)
{
	const struct loggroup *g = loggroups_get(r->groups, i);
	if (!g)
		return;
	struct run_inspect *in =
		open_on(r, g->sql, "statements %llu-%llu: one text, %llu run%s",
			(unsigned long long)g->first_seq, (unsigned long long)g->last_seq,
			(unsigned long long)g->count, plural(g->count));
	add(in, ROLE_DIM, "this text ran %llu time%s in this run", (unsigned long long)g->count,
	    plural(g->count));
	add_sql(in, g->sql);
	add(in, ROLE_DIM, "its parameter sets, by statement:");
	uint64_t kept = 0;
	for (size_t k = 0; k < r->log.len; k++) {
		const struct runlog_stmt *st = runlog_get(&r->log, k);
		if (st->group != g)
			continue;
		char lead[32];
		snprintf(lead, sizeof lead, "%llu ", (unsigned long long)st->seq);
		add_echo(in, st, lead);
		kept++;
	}
	if (kept < g->count)
		add(in, ROLE_DIM, "(%llu older sets are no longer kept)",
		    (unsigned long long)(g->count - kept));
}

void run_inspect_row(struct run *r, size_t i)
{
	const struct table *t = &r->output;
	if (i >= t->nrows)
		return;
	struct run_inspect *in = open_on(r, NULL, "row %zu of %zu", i + 1, t->total);
	for (int c = 0; c < t->ncol; c++)
		add(in, c % 2 ? ROLE_NORMAL : ROLE_CODE, "%s: %s", table_cell(t, TABLE_HEADER, c),
		    table_cell(t, (long)i, c));
}

static void plan_row(void *ctx, int ncol, const char *const *names, const char *const *values)
{
	table_add(ctx, ncol, names, values);
}

void run_inspect_plan(struct run *r)
{
	struct run_inspect *in = &r->inspect;
	if (!in->open || !in->sql || in->planned)
		return;
	in->planned = true;
	struct table plan;
	table_init(&plan);
	char *err = NULL;
	r->mute = true;
	/* Over the dataset the statement ran on, so the database is not rebuilt. */
	const struct spec *over = r->last == RUN_LAST_LIVE ? &r->spec : &r->defaults;
	int rc = experiment_sql(r->ex, over, in->sql, true, plan_row, NULL, &plan, &err);
	r->mute = false;
	add(in, ROLE_TITLE, "QUERY PLAN");
	char line[TABLE_MAX_CELL + 64];
	for (size_t k = 0; k < plan.nrows; k++)
		if (table_plan_line(&plan, k, line, sizeof line))
			add(in, ROLE_NORMAL, "%s", line);
	if (rc) {
		add(in, ROLE_ERROR, "SQLite: %s", err);
		free(err);
	}
	table_done(&plan);
	status_set(r->status, ROLE_NORMAL, "the query plan is at the end of the inspector");
}

void run_inspect_bench(struct run *r)
{
	if (r->nchart == 0) {
		status_set(r->status, ROLE_DIM, "no timings yet: b times the strategies");
		return;
	}
	struct run_inspect *in = open_on(r, NULL, "the chart's numbers, median ms per run");
	const struct spec *p = &r->bench.plan.base;
	add(in, ROLE_DIM, "workload: %s, notes=%ld limit=%ld latency=%g ms%s",
	    p->collection ? "customers, len(c.orders)" : "orders, o.customer.name", p->notes,
	    p->limit, p->latency_ms, p->identity_map ? "" : ", no identity map");
	add(in, ROLE_DIM,
	    "total = db (in SQLite) + ORM (the rest) + network (latency x statements)");
	if (r->bench.note[0])
		add(in, ROLE_ERROR, "%s", r->bench.note);
	if (r->bench.untimed[0])
		add(in, ROLE_DIM, "not timed: %s (raise%s by design, so no time)", r->bench.untimed,
		    strchr(r->bench.untimed, ',') ? "" : "s");
	const char *engine = NULL;
	long orders = -1;
	for (int i = 0; i < r->nchart; i++) {
		const struct benchrow *b = &r->chart[i].row;
		char who[48];
		benchrow_engine_label(b, who, sizeof who);
		if (!engine || strcmp(engine, b->engine) || orders != b->orders) {
			add(in, ROLE_TITLE, "%s, %ld orders / %ld customers", who, b->orders,
			    b->customers);
			add(in, ROLE_DIM, "%-9s%6s%8s%8s%8s%8s", "strategy", "stmts", "total", "db",
			    "ORM", "network");
			engine = b->engine, orders = b->orders;
		}
		add(in, ROLE_NORMAL, "%-9s%6llu%8.3f%8.3f%8.3f%8.3f", b->strategy,
		    (unsigned long long)b->queries, b->median_ms, b->db_ms, b->orm_ms,
		    b->network_ms);
		add(in, ROLE_DIM, "%-9s min %.3f max %.3f, %d x %d run%s", "", b->min_ms, b->max_ms,
		    b->repeat, b->batch, b->batch == 1 ? "" : "s");
	}
}
