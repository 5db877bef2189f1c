/* lesson_fill: measured numbers in a lesson's prose. {median S N}, {ratio A B N}
 * and {faster A B N} become the median ms of strategy S at N orders, how many
 * times A's median is B's, and which of the two was faster, from the chart's
 * measurements: real SQLAlchemy's where it has timed at N orders every strategy
 * nplus1's engine has, the engine's otherwise. {engine N} says whose
 * figures those are at N orders ("SQLAlchemy 2.0.52", "nplus1's engine"), so
 * prose never passes one engine's ranking off as the other's. Pure: no curses,
 * no SQLite. */
#ifndef NPLUS1_LESSON_FILL_H
#define NPLUS1_LESSON_FILL_H

#include <stddef.h>

/* A chart entry the prose placeholders can read. */
struct lesson_measure {
	const char *strategy;
	long orders;
	double median_ms;
	const char *sqlalchemy; /* SQLAlchemy's version when it measured this, else NULL */
};
/* text with {median ...}, {ratio ...}, {faster ...} and {engine ...} filled in from m; a
 * placeholder with no measurement yet becomes "(press b)". Caller frees. */
char *lesson_fill(const char *text, const struct lesson_measure *m, size_t n);

#endif
