/* strategy: see strategy.h. The order of the table is the order help screens
 * list the strategies in, and loader.c's hooks follow it. */
#include "config.h"

#include "strategy.h"

#include <stdio.h>
#include <string.h>

static const struct strategy table[] = {
	{ "select", "lazy", "lazyload", "load on first access: one statement per parent (the N+1)",
	  false },
	{ "joined", NULL, "joinedload",
	  "one statement: the parents LEFT OUTER JOIN the related rows", false },
	{ "selectin", NULL, "selectinload",
	  "a second statement: WHERE key IN (...), 500 keys at a time", false },
	{ "subquery", NULL, "subqueryload",
	  "a second statement joining to the parent query (mostly legacy in 2.0)", true },
	{ "immediate", NULL, "immediateload",
	  "the lazy statements, all issued while loading the parents", false },
	{ "raise", NULL, "raiseload", "accessing the attribute raises", false },
	{ "raise_on_sql", NULL, "raiseload(..., sql_only=True)",
	  "raises only when the access would emit SQL", false },
	{ "noload", NULL, "noload",
	  "never loads: None, or an empty collection (legacy since 2.0.31)", true },
};

#define COUNT (sizeof table / sizeof *table)
_Static_assert(COUNT == (size_t)STRATEGY_COUNT, "STRATEGY_COUNT counts the table");

const struct strategy *strategy_at(size_t i) { return i < COUNT ? &table[i] : NULL; }
size_t strategy_index(const struct strategy *s) { return (size_t)(s - table); }
size_t strategy_count(void) { return COUNT; }

const struct strategy *strategy_findn(const char *name, size_t n)
{
	for (const struct strategy *s = table; s < table + COUNT; s++)
		if ((strlen(s->name) == n && !memcmp(s->name, name, n)) ||
		    (s->alias && strlen(s->alias) == n && !memcmp(s->alias, name, n)))
			return s;
	return NULL;
}

const struct strategy *strategy_find(const char *name)
{
	return strategy_findn(name, strlen(name));
}

const char *strategy_names(void)
{
	static char names[256];
	if (!names[0]) {
		size_t at = 0;
		for (const struct strategy *s = table; s < table + COUNT && at < sizeof names; s++)
			at += (size_t)snprintf(names + at, sizeof names - at, "%s%s%s%s%s",
					       at ? ", " : "", s->name, s->alias ? " (or " : "",
					       s->alias ? s->alias : "", s->alias ? ")" : "");
	}
	return names;
}
