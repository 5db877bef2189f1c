/* strategy: the names of SQLAlchemy's relationship loader strategies, as the
 * learner types them (the lazy= word, the loader option function) and as help
 * screens describe them. A pure table: no engine, no SQLite, so the parsers of
 * the prompt, the lesson files and the command line link without the engine.
 * The engine's behaviour for each entry is loader.c's, found with loader_of(). */
#ifndef NPLUS1_STRATEGY_H
#define NPLUS1_STRATEGY_H

#include <stdbool.h>
#include <stddef.h>

enum { STRATEGY_COUNT = 8 };

struct strategy {
	const char *name;    /* SQLAlchemy's lazy= word: "select" */
	const char *alias;   /* another accepted word, or NULL */
	const char *option;  /* the loader option function: "lazyload" */
	const char *summary; /* one line for help screens */
	bool legacy;	     /* SQLAlchemy 2.0 calls the option legacy: charts mark it */
};

/* The strategy named name (or its alias), or NULL. */
const struct strategy *strategy_find(const char *name);
/* The strategy named by the n bytes at name, or NULL. */
const struct strategy *strategy_findn(const char *name, size_t n);
/* The i-th strategy in the table, or NULL past the end. */
const struct strategy *strategy_at(size_t i);
/* The position of s in the table. */
size_t strategy_index(const struct strategy *s);
/* How many strategies there are. */
size_t strategy_count(void);
/* "select (or lazy), joined, ...": every accepted word; a static string. */
const char *strategy_names(void);

#endif
