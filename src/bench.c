/* bench: see bench.h. */
#include "config.h"

#include "bench.h"
#include "sbuf.h"
#include "util.h"

#include <errno.h>
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

int bench_engine(const struct spec_bench *plan, bench_row_fn row, void *ctx,
		 const struct experiment_progress *progress, char **err)
{
	struct experiment *ex = experiment_new(64);
	struct benchrow r;
	struct experiment_timing t;
	int rc = 0;
	for (int i = 0; i < plan->nsizes && rc == 0; i++) {
		struct spec spec = plan->base;
		for (int k = 0; k < plan->nstrategies && rc == 0; k++) {
			char *why = NULL;
			spec = spec_bench_at(plan, i, k);
			enum session_status st =
				experiment_time(ex, &spec, plan->repeat, &t, &why, progress);
			benchrow_init(&r, "nplus1", PACKAGE_VERSION, spec.strategy->name, &spec);
			if (st == SESSION_OK) {
				fill(&r, &t);
				row(ctx, &r);
			} else if (st == SESSION_RAISED) {
				snprintf(r.error, sizeof r.error, "%s", why);
				row(ctx, &r);
			} else {
				*err = util_printf("%s at %ld orders: %s", spec.strategy->name,
						   spec.orders, why);
				rc = -1;
			}
			free(why);
		}
		if (rc == 0 && plan->nstrategies > 0) {
			char *why = NULL;
			if (experiment_time_raw(ex, &spec, plan->repeat, &t, &why) == 0) {
				benchrow_init(&r, "nplus1", PACKAGE_VERSION, "raw", &spec);
				fill(&r, &t);
				row(ctx, &r);
			} else {
				*err = util_printf("raw at %ld orders: %s", spec.orders, why);
				rc = -1;
			}
			free(why);
		}
	}
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
