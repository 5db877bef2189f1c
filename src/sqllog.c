/* sqllog: see sqllog.h.
 *
 * SQLITE_TRACE_STMT fires when a statement starts running, before its first row:
 * that is where it is counted. SQLITE_TRACE_PROFILE fires when it finishes, with
 * SQLite's own measure of its run time. The db module tells which cached statement
 * is running, which is how the bound parameters and the compiled-cache state are
 * known without asking SQLite to expand the text. */
#include "config.h"

#include "sqllog.h"
#include "db.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sqllog {
	struct sqllog_entry *ring;
	size_t cap, head, len; /* head: index of the next entry to write */
	uint64_t count, rows;
	bool enabled;
	struct db *db;
	sqllog_fn fn;
	void *ctx;
};

struct sqllog *sqllog_new(size_t capacity)
{
	struct sqllog *log = util_calloc(1, sizeof *log);
	log->cap = capacity ? capacity : 1;
	log->ring = util_calloc(log->cap, sizeof *log->ring);
	log->enabled = true;
	return log;
}

void sqllog_free(struct sqllog *log)
{
	if (!log)
		return;
	sqllog_detach(log);
	for (size_t i = 0; i < log->cap; i++) {
		free(log->ring[i].params);
		free(log->ring[i].values_buf);
		free(log->ring[i].owned_sql);
	}
	free(log->ring);
	free(log);
}

void sqllog_enable(struct sqllog *log, bool on) { log->enabled = on; }
uint64_t sqllog_count(const struct sqllog *log) { return log->count; }
uint64_t sqllog_rows(const struct sqllog *log) { return log->rows; }
size_t sqllog_len(const struct sqllog *log) { return log->len; }

const struct sqllog_entry *sqllog_get(const struct sqllog *log, size_t i)
{
	if (i >= log->len)
		return NULL;
	return &log->ring[(log->head + log->cap - log->len + i) % log->cap];
}

void sqllog_subscribe(struct sqllog *log, sqllog_fn fn, void *ctx)
{
	log->fn = fn;
	log->ctx = ctx;
}

void sqllog_subscriber(const struct sqllog *log, sqllog_fn *fn, void **ctx)
{
	*fn = log->fn;
	*ctx = log->ctx;
}

void sqllog_reset(struct sqllog *log)
{
	log->count = log->rows = 0;
	log->len = log->head = 0;
}

void sqllog_mark(struct sqllog *log, enum sqllog_event ev)
{
	if (log->enabled && log->fn)
		log->fn(log->ctx, ev, NULL);
}

void sqllog_setup(struct sqllog *log, const char *sql, long rows)
{
	if (!log->enabled || !log->fn)
		return;
	struct sqllog_entry e = { .sql = sql, .duration_ns = -1, .rows = (uint64_t)rows };
	log->fn(log->ctx, SQLLOG_SETUP, &e);
}

/* Keep the typed values of a statement that has them (a WHERE clause's). */
static void copy_values(struct sqllog_entry *e, const struct value *v, int n)
{
	if (!v || n == 0)
		return;
	if (n > e->values_cap) {
		free(e->values_buf);
		e->values_cap = n;
		e->values_buf = util_malloc((size_t)n * sizeof *e->values_buf);
	}
	memcpy(e->values_buf, v, (size_t)n * sizeof *v);
	e->values = e->values_buf;
}

static void on_statement(struct sqllog *log, sqlite3_stmt *stmt, const char *text)
{
	const struct db_stmt *st = db_current(log->db);
	if (st && db_stmt_handle(st) != stmt)
		st = NULL;
	struct sqllog_entry *e = &log->ring[log->head];
	log->head = (log->head + 1) % log->cap;
	if (log->len < log->cap)
		log->len++;

	free(e->owned_sql);
	e->owned_sql = NULL;
	e->seq = ++log->count;
	e->handle = stmt;
	e->duration_ns = -1;
	e->rows = 0;
	e->nparams = 0;
	e->values = NULL;
	if (st) {
		int n;
		const int64_t *params = db_stmt_params(st, &n);
		e->sql = db_stmt_sql(st);
		if (n > e->params_cap || e->params_cap > 4 * (n + 16)) {
			/* Shrink too: one 500-key chunk must not pin memory in every slot. */
			free(e->params);
			e->params_cap = n;
			e->params = util_malloc((size_t)e->params_cap * sizeof *e->params);
		}
		if (n)
			memcpy(e->params, params, (size_t)n * sizeof *e->params);
		e->nparams = n;
		copy_values(e, db_stmt_values(st), n);
		e->cached = db_stmt_cached(st, &e->cache_s);
	} else {
		e->sql = e->owned_sql = util_strdup(text ? text : sqlite3_sql(stmt));
		e->cached = false;
		e->cache_s = 0;
	}
	if (log->fn)
		log->fn(log->ctx, SQLLOG_STATEMENT, e);
}

static void on_finished(struct sqllog *log, sqlite3_stmt *stmt, int64_t ns)
{
	/* The statement that finished is almost always the newest; search back a little
	 * in case a front end nests statements. */
	for (size_t i = log->len; i-- > 0 && i + 8 >= log->len;) {
		struct sqllog_entry *e = (struct sqllog_entry *)sqllog_get(log, i);
		if (e->handle == stmt && e->duration_ns < 0) {
			const struct db_stmt *st = db_current(log->db);
			e->duration_ns = ns;
			e->rows = st && db_stmt_handle(st) == stmt ? db_stmt_rows(st) : 0;
			log->rows += e->rows;
			if (log->fn)
				log->fn(log->ctx, SQLLOG_FINISHED, e);
			return;
		}
	}
}

static int trace(unsigned type, void *ctx, void *p, void *x)
{
	struct sqllog *log = ctx;
	if (!log->enabled)
		return 0;
	if (type == SQLITE_TRACE_STMT) {
		const char *text = x;
		/* Statements inside triggers arrive as "-- ..." comments: not round trips. */
		if (text && text[0] == '-' && text[1] == '-')
			return 0;
		on_statement(log, p, NULL);
	} else if (type == SQLITE_TRACE_PROFILE) {
		on_finished(log, p, *(int64_t *)x);
	}
	return 0;
}

void sqllog_detach(struct sqllog *log)
{
	if (log->db)
		sqlite3_trace_v2(db_handle(log->db), 0, NULL, NULL);
	log->db = NULL;
}

void sqllog_attach(struct sqllog *log, struct db *db)
{
	log->db = db;
	sqlite3_trace_v2(db_handle(db), SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE, trace, log);
}

char *sqllog_params_text(const int64_t *p, int kept, int n, const char *ellipsis, char *out,
			 size_t size)
{
	if (kept > n)
		kept = n;
	size_t k = (size_t)snprintf(out, size, "(");
	for (int i = 0; i < kept && k < size; i++)
		k += (size_t)snprintf(out + k, size - k, i ? ", %lld" : "%lld", (long long)p[i]);
	if (k < size)
		snprintf(out + k, size - k, "%s%s%s", n > kept ? ", " : "",
			 n > kept ? ellipsis : "", n == 1 ? ",)" : ")");
	return out;
}

char *sqllog_entry_params_text(const struct sqllog_entry *e, int kept, const char *ellipsis,
			       char *out, size_t size)
{
	if (e->values)
		return value_tuple(e->values, kept, e->nparams, ellipsis, out, size);
	return sqllog_params_text(e->params, kept, e->nparams, ellipsis, out, size);
}
