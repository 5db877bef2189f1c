/* bench: see bench.h. */
#include "config.h"

#include "bench.h"
#include "sbuf.h"
#include "util.h"

#include <errno.h>
#if defined(HAVE_MALLOC_H) && defined(HAVE_MALLOPT)
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void fill(struct benchrow *r, const struct experiment_timing *t)
{
	r->queries = t->queries;
	r->rows = t->rows;
	r->min_ms = t->min_ms;
	r->median_ms = t->median_ms;
	r->max_ms = t->max_ms;
	r->db_ms = t->db_ms;
	r->orm_ms = t->orm_ms;
	r->network_ms = t->network_ms;
	r->floor_ms = t->floor_ms;
	r->overhead = t->overhead;
	r->repeat = t->repeat;
	r->batch = t->batch;
}

/* One size of the plan: a timer per strategy, then the raw row's, timed in
 * rounds (every timer once per round), then their rows in the plan's order.
 * 0, or -1 with *err. */
static int bench_size(struct experiment *ex, const struct spec_bench *plan, int size,
		      bench_row_fn row, void *ctx, const struct experiment_progress *progress,
		      char **err)
{
	int n = plan->nstrategies, rc = 0;
	struct experiment_timer *tm[SPEC_MAX_LIST + 1] = { 0 };
	char *why[SPEC_MAX_LIST + 1] = { 0 };
	struct spec spec[SPEC_MAX_LIST + 1];
	for (int k = 0; k < n && rc == 0; k++) {
		spec[k] = spec_bench_at(plan, size, k);
		/* raise and raise_on_sql raise by design: no timer, an error row */
		if (experiment_timer_new(ex, &spec[k], plan->repeat, &tm[k], &why[k]) ==
		    SESSION_FAILED) {
			*err = util_printf("%s at %ld orders: %s", spec[k].strategy->name,
					   spec[k].orders, why[k]);
			rc = -1;
		}
	}
	if (rc == 0) {
		spec[n] = spec[n - 1];
		if (experiment_timer_raw(ex, &spec[n], plan->repeat, &tm[n], &why[n])) {
			*err = util_printf("raw at %ld orders: %s", spec[n].orders, why[n]);
			rc = -1;
		}
	}
	int timers = 0;
	for (int k = 0; k <= n; k++)
		timers += tm[k] != NULL;
	for (int i = 0, done = 0; i < plan->repeat && rc == 0; i++)
		for (int k = 0; k <= n && rc == 0; k++) {
			if (!tm[k])
				continue;
			if (experiment_timer_round(ex, tm[k], &why[k])) {
				*err = util_printf("%s at %ld orders: %s",
						   k < n ? spec[k].strategy->name : "raw",
						   spec[k].orders, why[k]);
				rc = -1;
			} else if (progress && progress->sample &&
				   progress->sample(progress->ctx, ++done, plan->repeat * timers)) {
				*err = util_strdup("interrupted");
				rc = -1;
			}
		}
	for (int k = 0; k <= n; k++) {
		if (rc == 0) {
			struct benchrow r;
			struct experiment_timing t;
			benchrow_init(&r, "nplus1", PACKAGE_VERSION,
				      k < n ? spec[k].strategy->name : "raw", &spec[k]);
			if (tm[k]) {
				experiment_timer_result(tm[k], &t);
				fill(&r, &t);
			} else {
				snprintf(r.error, sizeof r.error, "%s", why[k]);
			}
			row(ctx, &r);
		}
		experiment_timer_free(tm[k]);
		free(why[k]);
	}
	return rc;
}

/* A timed run must not pay the allocator for handing memory back to the system
 * and taking it again. glibc trims the heap whenever 128 KB lie free at its
 * top, and a run whose allocations straddle that line made two system calls
 * each time: subquery at 100 rows timed 2x slower after joined's warm-up than
 * before it. The process that benches keeps what it takes (a bench is a
 * command or a child of the tutor, and ends), and allocates blocks of up to
 * 32 MB from the heap too, which the same rule would otherwise map and unmap
 * on every run. */
static void keep_heap(void)
{
#if defined(HAVE_MALLOC_H) && defined(HAVE_MALLOPT) && defined(M_TRIM_THRESHOLD)
	mallopt(M_TRIM_THRESHOLD, 1 << 30);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

int bench_engine(const struct spec_bench *plan, bench_row_fn row, void *ctx,
		 const struct experiment_progress *progress, char **err)
{
	keep_heap();
	struct experiment *ex = experiment_new(64);
	int rc = 0;
	for (int i = 0; i < plan->nsizes && rc == 0 && plan->nstrategies > 0; i++)
		rc = bench_size(ex, plan, i, row, ctx, progress, err);
	experiment_free(ex);
	return rc;
}

/* All of buf to fd, through interrupted and partial writes. */
static int write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

struct to_fd {
	int fd;
	bool broken; /* the reader went away: no more writes */
};

static void row_to_fd(void *ctx, const struct benchrow *r)
{
	struct to_fd *o = ctx;
	struct sbuf b;
	sbuf_init(&b);
	benchrow_json(r, &b);
	sbuf_addc(&b, '\n');
	if (!o->broken && write_all(o->fd, b.data, b.len))
		o->broken = true;
	sbuf_done(&b);
}

/* Stop early once the reader is gone. */
static int reader_gone(void *ctx, int done, int total)
{
	(void)done, (void)total;
	return ((struct to_fd *)ctx)->broken;
}

int bench_engine_to_fd(const struct spec_bench *plan, int fd)
{
	struct to_fd o = { fd, false };
	struct experiment_progress p = { reader_gone, &o };
	char *err = NULL;
	int rc = bench_engine(plan, row_to_fd, &o, &p, &err);
	if (rc && !o.broken) {
		/* the parent shows it: an error row, then the end of the stream */
		struct benchrow r;
		benchrow_init(&r, "nplus1", PACKAGE_VERSION, "error", &plan->base);
		snprintf(r.error, sizeof r.error, "%s", err);
		row_to_fd(&o, &r);
	}
	free(err);
	return rc;
}
