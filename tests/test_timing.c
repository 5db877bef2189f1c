/* test_timing: the timed runs (experiment_time.c). Timers taken in rounds, as
 * bench interleaves a size's strategies: each keeps its own counts and samples,
 * the log's subscriber sees none of the timed runs, a round past the last does
 * nothing, a raising strategy has no timer. The latency is added, never waited:
 * a timing with 11 statements x 200 ms is over in well under a second. The
 * parts of every timing add up to its median. */
#include "config.h"

#include "bench.h"
#include "experiment.h"
#include "tap.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

static int statements_seen;

static void count(void *ctx, enum sqllog_event ev, const struct sqllog_entry *e)
{
	(void)ctx, (void)e;
	if (ev == SQLLOG_STATEMENT)
		statements_seen++;
}

static struct spec workload(const char *strategy, long orders, long customers)
{
	struct spec s = spec_default();
	s.strategy = strategy_find(strategy);
	s.orders = orders;
	s.customers = customers;
	return s;
}

/* The parts of a timing, db + ORM + network, are its median. */
static void parts_add_up(const char *what, const struct experiment_timing *t)
{
	double sum = t->db_ms + t->orm_ms + t->network_ms;
	ok(fabs(sum - t->median_ms) < 1e-9, "%s: db %.4f + ORM %.4f + network %.4f = median %.4f",
	   what, t->db_ms, t->orm_ms, t->network_ms, t->median_ms);
	ok(t->min_ms <= t->median_ms && t->median_ms <= t->max_ms && t->min_ms > 0,
	   "%s: 0 < min <= median <= max", what);
}

static void test_rounds(struct experiment *ex)
{
	struct spec sel = workload("select", 100, 10), joined = workload("joined", 100, 10);
	struct experiment_timer *a, *b, *raw;
	char *err = NULL;
	is_int(experiment_timer_new(ex, &sel, 3, &a, &err), SESSION_OK, "a select timer");
	is_int(experiment_timer_new(ex, &joined, 3, &b, &err), SESSION_OK, "a joined timer");
	is_int(experiment_timer_raw(ex, &joined, 3, &raw, &err), 0, "the raw row's timer");
	int seen = statements_seen;
	for (int i = 0; i < 4; i++) /* one round too many: it does nothing */
		ok(experiment_timer_round(ex, a, &err) == 0 &&
			   experiment_timer_round(ex, b, &err) == 0 &&
			   experiment_timer_round(ex, raw, &err) == 0,
		   "round %d of each", i + 1);
	is_int(statements_seen, seen, "the subscriber sees none of the timed runs");

	struct experiment_timing t;
	experiment_timer_result(a, &t);
	ok(t.queries == 11 && t.rows == 110 && t.repeat == 3 && t.batch >= 1,
	   "select: 11 statements, 110 rows, 3 samples of %d runs", t.batch);
	parts_add_up("select", &t);
	ok(t.db_ms > 0 && t.orm_ms > 0 && t.network_ms == 0, "select: database and ORM time");
	ok(t.overhead > 0.5 && t.floor_ms > 0, "select: a floor and an overhead (%.2f)",
	   t.overhead);
	experiment_timer_result(b, &t);
	ok(t.queries == 1 && t.rows == 100 && t.repeat == 3, "joined: 1 statement, 100 rows");
	parts_add_up("joined", &t);
	experiment_timer_result(raw, &t);
	ok(t.queries == 1 && t.rows == 100 && t.repeat == 3 && t.overhead == 1 && t.orm_ms == 0 &&
		   t.db_ms == t.median_ms,
	   "raw: one JOIN, all of it the database's");
	experiment_timer_free(a);
	experiment_timer_free(b);
	experiment_timer_free(raw);

	struct spec r = workload("raise", 100, 10);
	struct experiment_timer *none = (void *)&r; /* must come back NULL */
	is_int(experiment_timer_new(ex, &r, 3, &none, &err), SESSION_RAISED,
	       "raise: the strategy raises, so no timer");
	ok(none == NULL && err && strstr(err, "lazy='raise'"), "and says why: %s", err ? err : "");
	free(err);
}

static void test_latency(struct experiment *ex)
{
	struct spec s = workload("select", 100, 10);
	s.latency_ms = 200;
	struct experiment_timing t;
	char *err = NULL;
	int64_t t0 = util_now_ns();
	is_int(experiment_time(ex, &s, 2, &t, &err, NULL), SESSION_OK,
	       "select with 200 ms latency");
	double took = (double)(util_now_ns() - t0) / 1e9;
	/* waited out, a warm-up and two samples would take 3 x 11 x 0.2 s at least */
	ok(took < 1.5, "no run waited the latency out (%.2f s)", took);
	ok(t.network_ms == 11 * 200.0, "network: 11 statements x 200 ms = %.1f ms", t.network_ms);
	ok(t.median_ms > t.network_ms && t.median_ms < t.network_ms + 100,
	   "the median is the network's and a run's work (%.3f ms)", t.median_ms);
	ok(t.floor_ms > t.network_ms && t.overhead > 0.9 && t.overhead < 1.1,
	   "the floor pays the network too: overhead %.3f", t.overhead);
	parts_add_up("select with latency", &t);
	free(err);
}

static void count_row(void *ctx, const struct benchrow *r)
{
	(void)r;
	(*(int *)ctx)++;
}

/* glibc gave the top of the heap back whenever 128 KB lay free there, and a run
 * whose allocations straddled that line took it back at once: subquery after
 * joined's warm-up did so on every run, twice as slow as alone. Each time the
 * pages came back new, so the page faults count it. */
static void test_heap_kept(void)
{
	struct spec base = spec_default();
	struct spec_bench plan = spec_bench_default(&base);
	plan.nsizes = 1;
	plan.sizes[0] = 100;
	plan.strategies[0] = strategy_find("joined");
	plan.strategies[1] = strategy_find("subquery");
	plan.nstrategies = 2;
	plan.repeat = 5;
	struct rusage before, after;
	int rows = 0;
	char *err = NULL;
	getrusage(RUSAGE_SELF, &before);
	int rc = bench_engine(&plan, count_row, &rows, NULL, &err);
	getrusage(RUSAGE_SELF, &after);
	long faults = after.ru_minflt - before.ru_minflt;
	ok(rc == 0 && rows == 3, "bench joined,subquery at 100: 3 rows (%s)", err ? err : "ok");
#if defined(__SANITIZE_ADDRESS__)
	/* its allocator is not glibc's, and its quarantine hands out new pages */
	(void)faults;
	ok(1, "the heap is kept # SKIP AddressSanitizer's allocator is not glibc's");
#else
	ok(faults < 1000, "thousands of runs, and the heap is kept: %ld page faults", faults);
#endif
	free(err);
}

int main(void)
{
	struct experiment *ex = experiment_new(16);
	sqllog_subscribe(experiment_log(ex), count, NULL);
	test_rounds(ex);
	test_latency(ex);
	experiment_free(ex);
	test_heap_kept();
	return tap_done();
}
