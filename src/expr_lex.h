/* expr_lex: the cursor both of the prompt's grammars walk (expr.c's tutor
 * commands, expr_python.c's SQLAlchemy), its tokens and its one error.
 *
 * Invariants: the cursor never reads at or past end (the line without its
 * trailing whitespace); every helper consumes input or leaves the cursor where it
 * was; the first error wins and names the column (in characters, from 1) where
 * it was found. Internal to the parser: front ends use expr.h. */
#ifndef NPLUS1_EXPR_LEX_H
#define NPLUS1_EXPR_LEX_H

#include <stdbool.h>
#include <stddef.h>

enum { LEX_LIST_MAX = 256 }; /* a list of names in an error */

struct lex {
	const char *s;
	size_t pos, end; /* end: one past the last non-space byte */
	char *err;	 /* the first error, "column N: ..."; the caller frees it */
};

bool lex_is_space(char ch);
bool lex_is_ident(char ch, bool first);
/* Whether w[0..n) is exactly name. */
bool lex_eq(const char *w, size_t n, const char *name);
/* Append to a list for an error message; it is cut, never overrun, at LEX_LIST_MAX. */
void lex_append(char list[LEX_LIST_MAX], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Record the error at at (a pointer into the line) unless one is recorded; -1. */
int lex_fail(struct lex *c, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Where the cursor is. */
const char *lex_here(const struct lex *c);
void lex_skip_space(struct lex *c);
/* Whether only spaces are left. */
bool lex_at_end(struct lex *c);
/* Consume ch after any spaces, if it is there. */
bool lex_accept(struct lex *c, char ch);
/* The same, or an error "expected 'ch'": 0 or -1. */
int lex_expect(struct lex *c, char ch);
/* The identifier (ident) or whitespace-delimited word (!ident) after any spaces:
 * its start in *w, its length as the result (0 when there is none). */
size_t lex_token(struct lex *c, const char **w, bool ident);

#endif
