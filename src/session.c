/* session: see session.h.
 *
 * Objects, their strings and their collections' item arrays all come from one
 * arena, freed at once with the session (a growing collection leaves its old array
 * behind: at most as much again). session_clear() keeps the arena and the identity
 * map's tables, so repeated runs do not pay the kernel for fresh pages each time.
 * The lazy loader's statement is rendered and looked up once per relationship per
 * session, as SQLAlchemy's compiled cache would have it. */
#include "config.h"

#include "session.h"
#include "db.h"
#include "idmap.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct chunk {
	struct chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

struct lazy_cache {
	const struct mapper_rel *rel;
	struct mapper_query q;
	struct db_stmt *st;
};

/* Rendered selectin statements: (rel, keys) -> text; replaced round robin. */
enum { SELECTIN_CACHE = 4 };
struct selectin_cache {
	const struct mapper_rel *rel;
	int nkeys;
	struct mapper_query q;
};

struct session {
	struct db *db;
	const struct mapper *mapper;
	bool identity_map;
	struct idmap customers, orders; /* the identity map, one per entity */
	struct chunk *arena;		/* the newest chunk first */
	struct object **result;		/* the last query's parents */
	size_t n_result, cap_result;
	struct lazy_cache lazy[2];
	struct selectin_cache selectin[SELECTIN_CACHE];
	int selectin_next;
	const struct session_loader *strategy; /* the option the last query applied */
	size_t nobjects, max_objects;	       /* made since the last clear; the budget */
	char *fault; /* why the rows cannot be loaded, set by a row callback */
};

static void *arena_alloc(struct session *s, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!s->arena || s->arena->used + n > s->arena->cap) {
		size_t cap = n > 65536 ? n : 65536;
		struct chunk *c = util_malloc(sizeof *c + cap);
		c->next = s->arena, c->used = 0, c->cap = cap;
		s->arena = c;
	}
	void *p = s->arena->data + s->arena->used;
	s->arena->used += n;
	return p;
}

static char *arena_text(struct session *s, const unsigned char *text, int len)
{
	char *p = arena_alloc(s, (size_t)len + 1);
	if (len)
		memcpy(p, text, (size_t)len);
	p[len] = '\0';
	return p;
}

static void free_chunks(struct chunk *c)
{
	for (struct chunk *next; c; c = next) {
		next = c->next;
		free(c);
	}
}

void session_clear(struct session *s, bool identity_map)
{
	/* One chunk as large as all of them: the next run of the same size fits. */
	size_t total = 0;
	for (struct chunk *c = s->arena; c; c = c->next)
		total += c->cap;
	if (s->arena && s->arena->next) {
		free_chunks(s->arena);
		s->arena = util_malloc(sizeof *s->arena + total);
		s->arena->next = NULL, s->arena->cap = total;
	}
	if (s->arena)
		s->arena->used = 0;
	idmap_clear(&s->customers);
	idmap_clear(&s->orders);
	s->identity_map = identity_map;
	s->n_result = 0;
	s->strategy = NULL;
	s->nobjects = 0;
}

void session_set_budget(struct session *s, size_t max_objects) { s->max_objects = max_objects; }

/* A row that cannot be loaded: the statement stops after it (run()). */
__attribute__((format(printf, 2, 3))) static void fault(struct session *s, const char *fmt, ...)
{
	if (s->fault)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s->fault = util_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s->fault, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

struct session *session_new(struct db *db, const struct mapper *m, bool identity_map)
{
	struct session *s = util_calloc(1, sizeof *s);
	s->db = db;
	s->mapper = m;
	s->identity_map = identity_map;
	idmap_init(&s->customers);
	idmap_init(&s->orders);
	return s;
}

void session_free(struct session *s)
{
	if (!s)
		return;
	free(s->result);
	free(s->fault);
	free_chunks(s->arena);
	for (size_t i = 0; i < 2; i++)
		mapper_query_done(&s->lazy[i].q);
	for (size_t i = 0; i < SELECTIN_CACHE; i++)
		if (s->selectin[i].rel)
			mapper_query_done(&s->selectin[i].q);
	idmap_done(&s->customers);
	idmap_done(&s->orders);
	free(s);
}

static struct idmap *map_of(struct session *s, const struct mapper_entity *e)
{
	return e == &s->mapper->customer ? &s->customers : &s->orders;
}

bool session_identity_map(const struct session *s) { return s->identity_map; }

struct object *session_identity(struct session *s, const struct mapper_entity *e, int64_t id)
{
	return s->identity_map ? idmap_get(map_of(s, e), id) : NULL;
}

struct object *session_hydrate(struct session *s, const struct mapper_entity *e, sqlite3_stmt *row,
			       const struct mapper_query *q, int from, int to)
{
	int key_col = -1;
	for (int i = from; i < to && key_col < 0; i++)
		if (q->slots[i] == MAPPER_ID)
			key_col = i;
	if (key_col < 0 || sqlite3_column_type(row, key_col) == SQLITE_NULL)
		return NULL;
	int64_t id = sqlite3_column_int64(row, key_col);
	struct object *o = session_identity(s, e, id);
	if (o)
		return o; /* an identity already present is not refreshed */
	o = arena_alloc(s, sizeof *o);
	memset(o, 0, sizeof *o);
	o->id = id;
	s->nobjects++;
	for (int i = from; i < to; i++) {
		switch (q->slots[i]) {
		case MAPPER_NAME:
		case MAPPER_NOTES: {
			const unsigned char *t = sqlite3_column_text(row, i);
			char *v = t ? arena_text(s, t, sqlite3_column_bytes(row, i)) : NULL;
			*(q->slots[i] == MAPPER_NAME ? &o->u.customer.name : &o->u.customer.notes) =
				v;
			break;
		}
		case MAPPER_CUSTOMER_ID:
			o->u.order.customer_id = sqlite3_column_int64(row, i);
			o->u.order.customer_id_null = sqlite3_column_type(row, i) == SQLITE_NULL;
			break;
		case MAPPER_TOTAL: o->u.order.total = sqlite3_column_double(row, i); break;
		case MAPPER_ID:
		case MAPPER_LINK: break;
		}
	}
	if (s->identity_map)
		idmap_put(map_of(s, e), id, o);
	return o;
}

/* Execute st with either integer params or typed values (the other NULL). */
static int run(struct session *s, struct db_stmt *st, const int64_t *params,
	       const struct value *values, int nparams, void (*row)(void *ctx, sqlite3_stmt *st),
	       void *ctx, char **err)
{
	if (values)
		db_begin_values(s->db, st, values, nparams);
	else
		db_begin(s->db, st, params, nparams);
	int rc;
	while ((rc = db_step(s->db, st)) == SQLITE_ROW) {
		row(ctx, db_stmt_handle(st));
		if (s->max_objects && s->nobjects > s->max_objects)
			fault(s,
			      "the tables returned more rows than the tutorial's data holds "
			      "(over %zu objects): a temp table or view may shadow orders or "
			      "customers",
			      s->max_objects);
		if (s->fault)
			break;
	}
	if (s->fault) {
		*err = s->fault;
		s->fault = NULL;
		rc = SQLITE_ABORT;
	} else if (rc != SQLITE_DONE) {
		*err = util_printf("%s", db_errmsg(s->db));
	}
	db_end(s->db, st);
	return rc == SQLITE_DONE ? 0 : -1;
}

const struct mapper_query *session_selectin_query(struct session *s, const struct mapper_rel *rel,
						  int nkeys)
{
	for (int i = 0; i < SELECTIN_CACHE; i++)
		if (s->selectin[i].rel == rel && s->selectin[i].nkeys == nkeys)
			return &s->selectin[i].q;
	struct selectin_cache *c = &s->selectin[s->selectin_next];
	s->selectin_next = (s->selectin_next + 1) % SELECTIN_CACHE;
	if (c->rel)
		mapper_query_done(&c->q);
	mapper_sql_selectin(rel, nkeys, &c->q);
	c->rel = rel, c->nkeys = nkeys;
	return &c->q;
}

int session_execute(struct session *s, const struct mapper_query *q, const int64_t *params,
		    int nparams, void (*row)(void *ctx, sqlite3_stmt *st), void *ctx, char **err)
{
	struct db_stmt *st = db_prepare(s->db, q->sql, q->form, err);
	return st ? run(s, st, params, NULL, nparams, row, ctx, err) : -1;
}

int session_execute_values(struct session *s, const struct mapper_query *q,
			   const struct value *values, int nvalues,
			   void (*row)(void *ctx, sqlite3_stmt *st), void *ctx, char **err)
{
	static const struct value none;
	struct db_stmt *st = db_prepare(s->db, q->sql, q->form, err);
	return st ? run(s, st, NULL, values ? values : &none, nvalues, row, ctx, err) : -1;
}

void session_set_empty(const struct mapper_rel *rel, struct object *parent)
{
	if (rel->direction == MAPPER_MANY_TO_ONE)
		parent->u.order.customer = NULL;
	else
		parent->u.customer.norders = 0;
	parent->loaded = true;
}

void session_attach(struct session *s, const struct mapper_rel *rel, struct object *parent,
		    struct object *child)
{
	parent->loaded = true;
	if (rel->direction == MAPPER_MANY_TO_ONE) {
		parent->u.order.customer = child;
		return;
	}
	struct object_customer *c = &parent->u.customer;
	if (c->norders == c->cap) {
		struct object **grown = arena_alloc(s, (c->cap ? 2 * c->cap : 4) * sizeof *grown);
		if (c->norders)
			memcpy(grown, c->orders, c->norders * sizeof *grown);
		c->orders = grown;
		c->cap = c->cap ? 2 * c->cap : 4;
	}
	c->orders[c->norders++] = child;
}

int64_t session_join_key(const struct mapper_rel *rel, const struct object *parent)
{
	return rel->direction == MAPPER_MANY_TO_ONE ? parent->u.order.customer_id : parent->id;
}

bool session_join_null(const struct mapper_rel *rel, const struct object *parent)
{
	return rel->direction == MAPPER_MANY_TO_ONE && parent->u.order.customer_id_null;
}

struct load_rows {
	struct session *s;
	const struct mapper_rel *rel;
	const struct mapper_query *q;
	struct object *parent;
};

static void lazy_row(void *ctx, sqlite3_stmt *row)
{
	struct load_rows *l = ctx;
	struct object *child = session_hydrate(l->s, l->rel->target, row, l->q, 0, l->q->nslots);
	if (child)
		session_attach(l->s, l->rel, l->parent, child);
}

enum session_status session_lazy_load(struct session *s, const struct mapper_rel *rel,
				      struct object *parent, char **err)
{
	int64_t key = session_join_key(rel, parent);
	if (session_join_null(rel, parent)) {
		/* A foreign key of None is a customer of None: no SQL. */
		session_set_empty(rel, parent);
		return SESSION_OK;
	}
	if (rel->direction == MAPPER_MANY_TO_ONE) {
		/* The shortcut: a many-to-one whose target is already in the identity map
		 * needs no SQL at all. */
		struct object *hit = session_identity(s, rel->target, key);
		if (hit) {
			session_attach(s, rel, parent, hit);
			return SESSION_OK;
		}
	}
	struct lazy_cache *c = &s->lazy[rel->direction == MAPPER_ONE_TO_MANY];
	if (c->rel != rel) {
		mapper_query_done(&c->q);
		mapper_sql_lazy(rel, &c->q);
		c->rel = rel;
		if (!(c->st = db_prepare(s->db, c->q.sql, c->q.form, err))) {
			c->rel = NULL;
			return SESSION_FAILED;
		}
	}
	session_set_empty(rel, parent);
	struct load_rows l = { s, rel, &c->q, parent };
	if (run(s, c->st, &key, NULL, 1, lazy_row, &l, err) == 0)
		return SESSION_OK;
	parent->loaded = false; /* as in SQLAlchemy, a failed load leaves it unloaded */
	return SESSION_FAILED;
}

struct main_rows {
	struct session *s;
	const struct mapper_rel *rel;
	const struct mapper_query *q;
	struct idmap seen; /* parents already in the result, when rows repeat them */
	bool joined;
};

static void add_result(struct session *s, struct object *o)
{
	if (s->n_result == s->cap_result) {
		s->cap_result = s->cap_result ? 2 * s->cap_result : 256;
		s->result = util_realloc(s->result, s->cap_result * sizeof *s->result);
	}
	s->result[s->n_result++] = o;
}

static void main_row(void *ctx, sqlite3_stmt *row)
{
	struct main_rows *m = ctx;
	const struct mapper_rel *rel = m->rel;
	/* A joined collection repeats the parent once per child: the legacy Query
	 * returns each parent once (2.0-style results need .unique()). A repeat is
	 * recognised by its key before any object is built for it. */
	struct object *p = NULL;
	bool repeats = m->joined && rel->direction == MAPPER_ONE_TO_MANY;
	if (repeats)
		p = idmap_get(&m->seen, sqlite3_column_int64(row, 0));
	bool first = p == NULL;
	if (first)
		p = session_hydrate(m->s, rel->parent, row, m->q, 0, m->q->split);
	if (!p) { /* SQLAlchemy would hand out None, and the loop would fail on it */
		fault(m->s, "a row of %s has a NULL id, which the ORM cannot load as %s %s",
		      rel->parent->table, rel->parent->name[0] == 'O' ? "an" : "a",
		      rel->parent->name);
		return;
	}
	if (!m->joined) {
		add_result(m->s, p);
		return;
	}
	if (repeats && first)
		idmap_put(&m->seen, p->id, p);
	if (first) {
		add_result(m->s, p);
		session_set_empty(rel, p);
	}
	struct object *child =
		session_hydrate(m->s, rel->target, row, m->q, m->q->split, m->q->nslots);
	if (child)
		session_attach(m->s, rel, p, child);
}

/* SQLAlchemy's messages for what it refuses, worded as it words them. */
static enum session_status conflict(const struct mapper_rel *rel, char **err)
{
	*err = util_printf("Loader strategies for ORM Path[Mapper[%s(%s)] -> %s -> "
			   "Mapper[%s(%s)]] conflict",
			   rel->parent->name, rel->parent->table, rel->path, rel->target->name,
			   rel->target->table);
	return SESSION_RAISED;
}

static enum session_status not_unique(char **err)
{
	*err = util_strdup("The unique() method must be invoked on this Result, as it contains "
			   "results that include joined eager loads against collections");
	return SESSION_RAISED;
}

enum session_status session_query(struct session *s, const struct mapper_rel *rel,
				  const struct session_loader *strategy,
				  const struct session_select *sel, struct object ***out, size_t *n,
				  char **err)
{
	static const struct session_select all;
	if (!sel)
		sel = &all;
	*out = NULL;
	*n = 0;
	/* 2.0 refuses conflicting options while compiling: no SQL is sent. */
	if (sel->conflict)
		return conflict(rel, err);
	struct mapper_query q;
	strategy->shape(rel, &sel->shape, &q);
	/* SQLAlchemy's cache key for the parent query includes its loader options:
	 * the same text under another strategy is compiled (and echoed) afresh. */
	char *form = util_printf("%s\n-- %s", q.form, strategy->option);
	free(q.form);
	q.form = form;
	struct main_rows m = { .s = s, .rel = rel, .q = &q, .joined = q.split < q.nslots };
	idmap_init(&m.seen);
	s->n_result = 0;
	s->strategy = strategy;
	int rc = session_execute_values(s, &q, sel->params, sel->nparams, main_row, &m, err);
	idmap_done(&m.seen);
	mapper_query_done(&q);
	if (rc)
		return SESSION_FAILED;
	*out = s->result;
	*n = s->n_result;
	/* The rows were fetched; handing them out as objects is what 2.0 refuses. */
	if (sel->needs_unique && m.joined && rel->direction == MAPPER_ONE_TO_MANY)
		return not_unique(err);
	if (!strategy->after_rows)
		return SESSION_OK;
	struct session_load_ctx c = { s, rel, s->result, s->n_result, sel };
	return strategy->after_rows(&c, err);
}

enum session_status session_access(struct session *s, const struct mapper_rel *rel,
				   struct object *parent, char **err)
{
	if (parent->loaded)
		return SESSION_OK;
	if (!s->strategy || !s->strategy->on_access)
		return session_lazy_load(s, rel, parent, err);
	return s->strategy->on_access(s, rel, parent, err);
}
