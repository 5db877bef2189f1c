/* value: one bound parameter of a statement, typed as the DBAPI receives it: an
 * integer, a float or a string. The engine's keys are integers; a learner's
 * WHERE clause (Order.total > 10.5, Customer.name == "Customer 3") brings the
 * other two. Printed as Python prints them in a parameter tuple (repr), since
 * that is what SQLAlchemy's echo shows.
 *
 * Pure: no engine, no SQLite, no I/O; the parsers link it without the engine. */
#ifndef NPLUS1_VALUE_H
#define NPLUS1_VALUE_H

#include <stddef.h>
#include <stdint.h>

/* The longest string literal a WHERE clause may compare with, in bytes. */
enum { VALUE_TEXT_MAX = 64 };

enum value_kind { VALUE_INT, VALUE_REAL, VALUE_TEXT };

struct value {
	enum value_kind kind;
	int64_t i;		       /* VALUE_INT */
	double r;		       /* VALUE_REAL */
	char text[VALUE_TEXT_MAX + 1]; /* VALUE_TEXT, NUL-terminated, UTF-8 */
};

/* An integer value. */
struct value value_int(int64_t i);
/* v as Python's repr() writes it: 50, 10.5, 1e+16, 'Customer 3', "O'Brien".
 * Into out (sized size, always terminated); returns out. */
char *value_repr(const struct value *v, char *out, size_t size);
/* v as a JSON value: 50, 10.5, "Customer 3". Into out; returns out. */
char *value_json(const struct value *v, char *out, size_t size);
/* A tuple as Python prints it: (), (2,), (1, 'a'); the first kept of n are
 * known, more than kept end in ", " and ellipsis. Into out; returns out. */
char *value_tuple(const struct value *v, int kept, int n, const char *ellipsis, char *out,
		  size_t size);

#endif
