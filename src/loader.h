/* loader: what each of SQLAlchemy's loader strategies does, as the session's
 * hooks (struct session_loader): one const table entry per strategy, in
 * strategy.c's order. The strategies' names live in strategy.c, which the
 * parsers use without the engine. */
#ifndef NPLUS1_LOADER_H
#define NPLUS1_LOADER_H

#include "session.h"
#include "strategy.h"

/* selectinload's chunk size: SQLAlchemy's SelectInLoader._chunksize. */
enum { LOADER_SELECTIN_CHUNK = 500 };

/* The session hooks of strategy s (static). */
const struct session_loader *loader_of(const struct strategy *s);

#endif
