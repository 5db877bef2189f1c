/* test_sqllog: the instrument. The counter stays exact when the ring wraps, the
 * ring keeps the newest statements with their parameters, durations and rows,
 * reset starts a new measurement, and the subscriber sees BEGIN, each statement
 * before it runs and after, and ROLLBACK. */
#include "config.h"

#include "experiment.h"
#include "tap.h"

struct events {
	int begin, statement, finished, rollback, setup;
	uint64_t last_seq;
	bool in_order;
};

static void on_event(void *ctx, enum sqllog_event ev, const struct sqllog_entry *e)
{
	struct events *c = ctx;
	switch (ev) {
	case SQLLOG_BEGIN: c->begin++; break;
	case SQLLOG_STATEMENT:
		c->in_order &= e->seq == c->last_seq + 1 && e->duration_ns < 0;
		c->last_seq = e->seq;
		c->statement++;
		break;
	case SQLLOG_FINISHED:
		c->in_order &= e->seq == c->last_seq && e->duration_ns >= 0;
		c->finished++;
		break;
	case SQLLOG_ROLLBACK: c->rollback++; break;
	case SQLLOG_SETUP:
		c->in_order &= e->seq == 0;
		c->setup++;
		break;
	}
}

int main(void)
{
	struct experiment *ex = experiment_new(16);
	struct sqllog *log = experiment_log(ex);
	struct events ev = { .in_order = true };
	sqllog_subscribe(log, on_event, &ev);

	struct spec spec = spec_default();
	spec.orders = spec.customers = 10000;
	struct experiment_result res;
	experiment_run(ex, &spec, &res);

	is_int((int64_t)sqllog_count(log), 10001, "count is exact after the ring wrapped");
	is_int((int64_t)sqllog_len(log), 16, "the ring holds its capacity, 16");
	const struct sqllog_entry *first = sqllog_get(log, 0), *last = sqllog_get(log, 15);
	is_int((int64_t)first->seq, 9986, "oldest kept entry is statement 9986");
	is_int((int64_t)last->seq, 10001, "newest entry is statement 10001");
	is_int(last->nparams == 1 ? last->params[0] : -1, 10000, "it loaded customer 10000");
	is_int((int64_t)last->rows, 1, "and returned one row");
	ok(last->duration_ns >= 0, "with a measured duration");
	ok(sqllog_get(log, 16) == NULL, "nothing past the newest entry");
	is_int((int64_t)sqllog_rows(log), 20000, "rows: 10,000 orders + 10,000 customers");

	is_int(ev.setup, 4, "subscriber: building the database shows 2 CREATE TABLEs, 2 INSERTs");
	is_int(ev.begin, 1, "subscriber: one BEGIN (implicit)");
	is_int(ev.rollback, 1, "subscriber: one ROLLBACK");
	is_int(ev.statement, 10001, "subscriber: every statement, before it runs");
	is_int(ev.finished, 10001, "subscriber: every statement, after it ran");
	ok(ev.in_order, "subscriber: numbered in order, each finished before the next");

	sqllog_reset(log);
	is_int((int64_t)sqllog_count(log), 0, "reset zeroes the counter");
	is_int((int64_t)sqllog_len(log), 0, "reset empties the ring");

	spec.orders = 100, spec.customers = 10;
	spec.strategy = strategy_find("selectin");
	experiment_run(ex, &spec, &res);
	is_int((int64_t)sqllog_count(log), 2, "a new measurement counts from zero");
	is_int(sqllog_get(log, 1)->nparams, 10, "selectin's entry keeps its 10 keys");

	sqllog_enable(log, false);
	experiment_run(ex, &spec, &res);
	is_int((int64_t)sqllog_count(log), 0, "a disabled log counts nothing");

	experiment_free(ex);
	return tap_done();
}
