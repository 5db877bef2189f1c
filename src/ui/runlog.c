/* runlog: see runlog.h. */
#include "config.h"

#include "ui/runlog.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void runlog_init(struct runlog *l, size_t capacity)
{
	l->cap = capacity ? capacity : 1;
	l->ring = util_calloc(l->cap, sizeof *l->ring);
	l->head = l->len = 0;
}

void runlog_done(struct runlog *l)
{
	free(l->ring);
	l->ring = NULL;
}

void runlog_clear(struct runlog *l) { l->head = l->len = 0; }

struct runlog_stmt *runlog_add(struct runlog *l, uint64_t seq, struct loggroup *group,
			       const int64_t *params, int nparams)
{
	struct runlog_stmt *s = &l->ring[l->head];
	l->head = (l->head + 1) % l->cap;
	if (l->len < l->cap)
		l->len++;
	s->seq = seq;
	s->group = group;
	s->nparams = nparams;
	if (nparams)
		memcpy(s->params, params,
		       (size_t)(nparams < RUNLOG_PARAMS ? nparams : RUNLOG_PARAMS) *
			       sizeof *params);
	s->rows = 0;
	s->duration_ns = -1;
	return s;
}

const struct runlog_stmt *runlog_get(const struct runlog *l, size_t i)
{
	return i < l->len ? &l->ring[(l->head + l->cap - l->len + i) % l->cap] : NULL;
}

struct runlog_stmt *runlog_last(struct runlog *l)
{
	return l->len ? &l->ring[(l->head + l->cap - 1) % l->cap] : NULL;
}
