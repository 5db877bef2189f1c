/* expr_python: the SQLAlchemy a learner types at the ":" prompt (and gives to
 * `nplus1 run -e`), parsed into the workload it runs. See expr.h for the grammar.
 * Internal to the parser: front ends use expr.h. */
#ifndef NPLUS1_EXPR_PYTHON_H
#define NPLUS1_EXPR_PYTHON_H

#include "expr.h"
#include "expr_lex.h"

/* The expression after its first word, "session" or (!session) "select", into
 * out (out->spec holds the defaults): 0, or -1 with c's error. */
int expr_python_parse(struct lex *c, bool session, struct expr_command *out);
/* The i-th name completion offers inside an expression ("Order",
 * "joinedload("), or NULL past the end. Static strings. */
const char *expr_python_word(size_t i);

#endif
