/* loader: see loader.h.
 *
 * The eager strategies gather what they load into a local map keyed by the join
 * key, then hand each parent its value; that grouping is what SQLAlchemy's loaders
 * do with their own dictionaries, and it works with or without the identity map. */
#include "config.h"

#include "loader.h"
#include "idmap.h"
#include "sbuf.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void shape_plain(const struct mapper_rel *rel, const struct mapper_shape *how,
			struct mapper_query *q)
{
	mapper_sql_all(rel->parent, how, q);
}

/* Rows of an eager load: each makes a target object, filed under its join key. */
struct gather {
	struct session *s;
	const struct mapper_rel *rel;
	const struct mapper_query *q;
	struct idmap *by_key; /* many-to-one: key -> target; collection: key -> parent */
};

static int64_t link_of(const struct mapper_query *q, sqlite3_stmt *row, enum mapper_slot want)
{
	for (int i = 0; i < q->nslots; i++)
		if (q->slots[i] == want)
			return sqlite3_column_int64(row, i);
	return 0;
}

static void gather_row(void *ctx, sqlite3_stmt *row)
{
	struct gather *g = ctx;
	const struct mapper_rel *rel = g->rel;
	struct object *child = session_hydrate(g->s, rel->target, row, g->q, 0, g->q->nslots);
	if (!child)
		return;
	if (rel->direction == MAPPER_MANY_TO_ONE) {
		/* With the identity map on, the child is filed there already. */
		if (g->by_key)
			idmap_put(g->by_key, child->id, child);
		return;
	}
	/* A collection's row names its parent: by the foreign key (selectin) or by
	 * anon_1's column (subquery). */
	bool via_link = g->q->slots[g->q->nslots - 1] == MAPPER_LINK;
	int64_t key = link_of(g->q, row, via_link ? MAPPER_LINK : MAPPER_CUSTOMER_ID);
	struct object *parent = idmap_get(g->by_key, key);
	if (parent)
		session_attach(g->s, rel, parent, child);
}

/* Many-to-one: give each parent the target filed under its foreign key (or None).
 * Collection: file the parents by key, each starting empty, before rows arrive. */
static void file_parents(struct session_load_ctx *c, struct idmap *by_key)
{
	for (size_t i = 0; i < c->n; i++)
		if (!c->parents[i]->loaded) {
			session_set_empty(c->rel, c->parents[i]);
			idmap_put(by_key, c->parents[i]->id, c->parents[i]);
		}
}

/* A failed eager load leaves every parent unloaded, as SQLAlchemy would. */
static void unmark(struct session_load_ctx *c)
{
	for (size_t i = 0; i < c->n; i++)
		c->parents[i]->loaded = false;
}

static void hand_out(struct session_load_ctx *c, struct idmap *by_key)
{
	for (size_t i = 0; i < c->n; i++) {
		struct object *p = c->parents[i];
		if (p->loaded)
			continue;
		int64_t key = session_join_key(c->rel, p);
		struct object *t = session_join_null(c->rel, p) ? NULL
				   : by_key			? idmap_get(by_key, key)
					    : session_identity(c->s, c->rel->target, key);
		if (t)
			session_attach(c->s, c->rel, p, t);
		else
			session_set_empty(c->rel, p);
	}
}

static int cmp_key(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The keys to send: a collection's parent ids in load order; a many-to-one's
 * distinct foreign keys, sorted ascending. The caller frees the array. */
static int64_t *selectin_keys(struct session_load_ctx *c, size_t *n)
{
	int64_t *keys = util_malloc((c->n ? c->n : 1) * sizeof *keys);
	size_t k = 0;
	for (size_t i = 0; i < c->n; i++)
		if (!c->parents[i]->loaded && !session_join_null(c->rel, c->parents[i]))
			keys[k++] = session_join_key(c->rel, c->parents[i]);
	if (c->rel->direction == MAPPER_MANY_TO_ONE && k) {
		/* Parents often arrive in key order already; then sorting is a no-op. */
		size_t run = 1;
		while (run < k && keys[run - 1] <= keys[run])
			run++;
		if (run < k)
			qsort(keys, k, sizeof *keys, cmp_key);
		size_t d = 1;
		for (size_t i = 1; i < k; i++)
			if (keys[i] != keys[d - 1])
				keys[d++] = keys[i];
		k = d;
	}
	*n = k;
	return keys;
}

static enum session_status after_selectin(struct session_load_ctx *c, char **err)
{
	size_t n;
	int64_t *keys = selectin_keys(c, &n);
	struct idmap by_key;
	idmap_init(&by_key);
	bool m2o = c->rel->direction == MAPPER_MANY_TO_ONE;
	/* A many-to-one's targets are found by their primary key: the identity map
	 * holds them already, when it is on, so no second map is built. */
	bool own_map = !m2o || !session_identity_map(c->s);
	if (own_map)
		idmap_reserve(&by_key, m2o ? n : c->n);
	if (!m2o)
		file_parents(c, &by_key);
	int rc = 0;
	for (size_t at = 0; at < n && rc == 0; at += LOADER_SELECTIN_CHUNK) {
		int chunk = (int)(n - at < LOADER_SELECTIN_CHUNK ? n - at : LOADER_SELECTIN_CHUNK);
		const struct mapper_query *q = session_selectin_query(c->s, c->rel, chunk);
		struct gather g = { c->s, c->rel, q, own_map ? &by_key : NULL };
		rc = session_execute(c->s, q, keys + at, chunk, gather_row, &g, err);
	}
	if (m2o && rc == 0)
		hand_out(c, own_map ? &by_key : NULL);
	if (rc)
		unmark(c);
	idmap_done(&by_key);
	free(keys);
	return rc ? SESSION_FAILED : SESSION_OK;
}

static enum session_status after_subquery(struct session_load_ctx *c, char **err)
{
	struct mapper_query q;
	mapper_sql_subquery(c->rel, &c->sel->shape, &q);
	struct idmap by_key;
	idmap_init(&by_key);
	idmap_reserve(&by_key, c->n); /* at most one entry per parent */
	bool m2o = c->rel->direction == MAPPER_MANY_TO_ONE;
	if (!m2o)
		file_parents(c, &by_key);
	struct gather g = { c->s, c->rel, &q, &by_key };
	/* The re-stated parent query binds the parent's values again. */
	int rc = session_execute_values(c->s, &q, c->sel->params, c->sel->nparams, gather_row, &g,
					err);
	if (m2o && rc == 0)
		hand_out(c, &by_key);
	if (rc)
		unmark(c);
	idmap_done(&by_key);
	mapper_query_done(&q);
	return rc ? SESSION_FAILED : SESSION_OK;
}

/* immediateload: the lazy loader's statements, all issued while loading. */
static enum session_status after_immediate(struct session_load_ctx *c, char **err)
{
	for (size_t i = 0; i < c->n; i++) {
		enum session_status st = session_lazy_load(c->s, c->rel, c->parents[i], err);
		if (st != SESSION_OK)
			return st;
	}
	return SESSION_OK;
}

static enum session_status after_noload(struct session_load_ctx *c, char **err)
{
	(void)err;
	for (size_t i = 0; i < c->n; i++)
		session_set_empty(c->rel, c->parents[i]);
	return SESSION_OK;
}

static enum session_status raise_for(const struct mapper_rel *rel, const char *lazy, char **err)
{
	*err = util_printf("'%s' is not available due to lazy='%s'", rel->path, lazy);
	return SESSION_RAISED;
}

static enum session_status access_raise(struct session *s, const struct mapper_rel *rel,
					struct object *parent, char **err)
{
	(void)s, (void)parent;
	return raise_for(rel, "raise", err);
}

/* raise_on_sql raises only when SQL would be needed: a many-to-one target that is
 * already in the identity map is simply returned. */
static enum session_status access_raise_on_sql(struct session *s, const struct mapper_rel *rel,
					       struct object *parent, char **err)
{
	/* A NULL foreign key raises too (measured: SQLAlchemy 1.4 and 2.0). */
	if (rel->direction == MAPPER_MANY_TO_ONE && !session_join_null(rel, parent)) {
		struct object *hit =
			session_identity(s, rel->target, session_join_key(rel, parent));
		if (hit) {
			session_attach(s, rel, parent, hit);
			return SESSION_OK;
		}
	}
	return raise_for(rel, "raise_on_sql", err);
}

static enum session_status access_noload(struct session *s, const struct mapper_rel *rel,
					 struct object *parent, char **err)
{
	(void)s, (void)err;
	session_set_empty(rel, parent);
	return SESSION_OK;
}

/* One entry per strategy, in strategy.c's order. */
static const struct session_loader loaders[] = {
	{ .option = "lazyload", .shape = shape_plain },
	{ .option = "joinedload", .shape = mapper_sql_joined },
	{ .option = "selectinload", .shape = shape_plain, .after_rows = after_selectin },
	{ .option = "subqueryload", .shape = shape_plain, .after_rows = after_subquery },
	{ .option = "immediateload", .shape = shape_plain, .after_rows = after_immediate },
	{ .option = "raiseload", .shape = shape_plain, .on_access = access_raise },
	{ .option = "raiseload(..., sql_only=True)",
	  .shape = shape_plain,
	  .on_access = access_raise_on_sql },
	{ .option = "noload",
	  .shape = shape_plain,
	  .after_rows = after_noload,
	  .on_access = access_noload },
};

_Static_assert(sizeof loaders / sizeof *loaders == STRATEGY_COUNT, "one loader per strategy");

const struct session_loader *loader_of(const struct strategy *s)
{
	size_t i = strategy_index(s);
	return i < sizeof loaders / sizeof *loaders ? &loaders[i] : NULL;
}
