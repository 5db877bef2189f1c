/* loader: SQLAlchemy's relationship loader strategies, one const table entry each.
 *
 * A strategy acts at three moments: it shapes the parent query (joined adds the
 * JOIN), it may load right after the parent rows arrived (selectin, subquery,
 * immediate, noload), and it decides what an unloaded attribute access does (lazy
 * load, raise, or return nothing). shape is required; a NULL after_rows does
 * nothing and a NULL on_access loads lazily. */
#ifndef NPLUS1_LOADER_H
#define NPLUS1_LOADER_H

#include "session.h"

#include <stddef.h>

/* What a strategy sees right after the parent rows arrived. */
struct loader_ctx {
	struct session *s;
	const struct mapper_rel *rel;
	struct object **parents;
	size_t n;
	long limit; /* the parent query's page size, 0 for none */
};

struct loader {
	const char *name;    /* SQLAlchemy's lazy= word: "select" */
	const char *alias;   /* another accepted word, or NULL */
	const char *option;  /* the loader option function: "lazyload" */
	const char *summary; /* one line for help screens */
	void (*shape)(const struct mapper_rel *rel, bool limit, struct mapper_query *q);
	enum session_status (*after_rows)(struct loader_ctx *c, char **err);
	enum session_status (*on_access)(struct session *s, const struct mapper_rel *rel,
					 struct object *parent, char **err);
};

/* selectinload's chunk size: SQLAlchemy's SelectInLoader._chunksize. */
enum { LOADER_SELECTIN_CHUNK = 500 };

/* The strategy named name (or its alias), or NULL. */
const struct loader *loader_find(const char *name);
/* The i-th strategy in the table, or NULL past the end. */
const struct loader *loader_at(size_t i);
/* "select, lazy, joined, ...": every accepted word; a static string. */
const char *loader_names(void);

#endif
