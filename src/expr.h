/* expr: what the learner types at the tutor's ":" prompt, parsed into a command.
 *
 * Two languages share the prompt. Tutor commands:
 *   run STRATEGY [orders=N] [customers=M] [collection] [noidmap] [notes=B]
 *       [limit=N] [latency=MS]
 *   bench [orders=N,N...] [customers=M] [strategies=S,S...] [repeat=K] [collection]
 *   set latency=MS | set orders=N | set customers=M      (defaults for later runs)
 *   sql STATEMENT      explain STATEMENT      show N      reset [progress]      help
 *   quit
 * and the SQLAlchemy a learner would write (expr_python.c), which runs as the
 * matching experiment, in the legacy Query or the 2.0 style:
 *   session.query(Order).options(selectinload(Order.customer)).all()
 *   session.scalars(select(Customer).options(joinedload(Customer.orders))).unique().all()
 *   session.execute(select(Order).where(Order.id <= 50)).scalars().first()
 *   select(Order).options(joinedload(Order.customer, innerjoin=True))
 * with the loader options (lazyload, joinedload[, innerjoin=True], selectinload,
 * subqueryload, immediateload, raiseload[, sql_only=True], noload), several of
 * them in one .options() or chained; .where()/.filter() comparing a column of
 * the entity with a number or a string (==, !=, <, <=, >, >=); .order_by(Entity.col
 * [.asc()|.desc()]); .limit(N); .offset(N); and the result calls each API has
 * (.unique(), .scalars(), .all(), .first()). A SQLAlchemy expression sets the
 * direction from the queried entity, and the page, filter and order from its own
 * calls (none without them), whatever the defaults say.
 *
 * Pure: no curses, no I/O. Errors are one line naming the column where parsing
 * stopped: "column 27: unknown loader option 'selectload' (expected ...)". */
#ifndef NPLUS1_EXPR_H
#define NPLUS1_EXPR_H

#include "spec.h"

enum expr_kind {
	EXPR_EMPTY,	     /* a blank line: nothing to do */
	EXPR_RUN,	     /* run spec once, live */
	EXPR_BENCH,	     /* timed runs of strategies x sizes, for the chart */
	EXPR_SET,	     /* change the defaults (spec holds the new defaults) */
	EXPR_SQL,	     /* raw SQL against the tutor's database: text */
	EXPR_EXPLAIN,	     /* EXPLAIN QUERY PLAN of text */
	EXPR_SHOW,	     /* statement number of the last run, in the inspector */
	EXPR_RESET,	     /* rebuild and re-seed the database */
	EXPR_RESET_PROGRESS, /* forget the learner's progress, once confirmed */
	EXPR_HELP,
	EXPR_QUIT,
};

struct expr_command {
	enum expr_kind kind;
	struct spec spec;	 /* RUN, SET */
	struct spec_bench bench; /* BENCH */
	bool from_python;	 /* RUN came from a SQLAlchemy expression */
	char *text;		 /* SQL, EXPLAIN: the statement; the caller frees it */
	long number;		 /* SHOW: the statement's number, 1 or more */
};

/* Parse one line. Fields the line does not set come from defaults. 0 on success;
 * -1 with *err (caller frees) naming the column (1-based) where parsing stopped. */
int expr_parse(const char *line, const struct spec *defaults, struct expr_command *out, char **err);
/* Free what expr_parse allocated in c (text). */
void expr_command_done(struct expr_command *c);

/* Completion: the i-th word that could stand where a word beginning with prefix
 * starts at byte offset at of line (the text before at is the context): commands
 * first, then strategies, keywords, entity and option names; NULL when there are
 * no more. Static strings. */
const char *expr_complete(const char *line, size_t at, const char *prefix, size_t i);

#endif
