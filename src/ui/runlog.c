/* runlog: see runlog.h. */
#include "config.h"

#include "ui/runlog.h"
#include "util.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

void runlog_init(struct runlog *l, size_t capacity)
{
	l->cap = capacity ? capacity : 1;
	l->ring = util_calloc(l->cap, sizeof *l->ring);
	l->head = l->len = 0;
}

static void release(struct runlog_stmt *s)
{
	free(s->sql);
	free(s->params);
	*s = (struct runlog_stmt){ 0 };
}

void runlog_clear(struct runlog *l)
{
	for (size_t i = 0; i < l->cap; i++)
		release(&l->ring[i]);
	l->head = l->len = 0;
}

void runlog_done(struct runlog *l)
{
	if (!l->ring)
		return;
	runlog_clear(l);
	free(l->ring);
	l->ring = NULL;
}

/* The next slot, the oldest statement's once the ring is full. */
static struct runlog_stmt *slot(struct runlog *l)
{
	struct runlog_stmt *s = &l->ring[l->head];
	l->head = (l->head + 1) % l->cap;
	if (l->len < l->cap)
		l->len++;
	release(s);
	s->duration_ns = -1;
	return s;
}

struct runlog_stmt *runlog_add(struct runlog *l, struct loggroup *group,
			       const struct sqllog_entry *e)
{
	struct runlog_stmt *s = slot(l);
	s->seq = e->seq;
	s->group = group;
	s->nparams = e->nparams;
	s->cached = e->cached;
	s->cache_s = e->cache_s;
	/* Room for every parameter as repr writes it: a string's quotes and escapes. */
	size_t size = (size_t)e->nparams * (4 * VALUE_TEXT_MAX + 8) + 16;
	s->params = util_malloc(size);
	sqllog_entry_params_text(e, e->nparams, "...", s->params, size);
	return s;
}

struct runlog_stmt *runlog_add_setup(struct runlog *l, const char *sql, uint64_t rows)
{
	struct runlog_stmt *s = slot(l);
	s->sql = util_strdup(sql ? sql : "");
	s->params = util_strdup("()");
	s->rows = rows;
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

const struct runlog_stmt *runlog_find(const struct runlog *l, uint64_t seq)
{
	/* Counted statements are in seq order, setup ones (0) among them. */
	for (size_t i = l->len; seq && i-- > 0;) {
		const struct runlog_stmt *s = runlog_get(l, i);
		if (s->seq == seq)
			return s;
		if (s->seq && s->seq < seq)
			break;
	}
	return NULL;
}

const char *runlog_sql(const struct runlog_stmt *s) { return s->group ? s->group->sql : s->sql; }
