/* lesson_fill: measured numbers and keys in a lesson's prose. {median S N},
 * {ratio A B N} and {faster A B N} become the median ms of strategy S at N
 * orders, how many times A's median is B's, and which of the two was faster,
 * from the chart's measurements: real SQLAlchemy's where it has timed at N
 * orders every strategy nplus1's engine has, the engine's otherwise. {engine N}
 * says whose figures those are at N orders ("SQLAlchemy 2.0.52", "nplus1's
 * engine"), so prose never passes one engine's ranking off as the other's.
 * {key NAME} becomes the key that does NAME in the screen's current mode (the
 * screen's key table says, through a callback). Pure: no curses, no SQLite. */
#ifndef NPLUS1_LESSON_FILL_H
#define NPLUS1_LESSON_FILL_H

#include <stdbool.h>
#include <stddef.h>

/* A chart entry the prose placeholders can read. */
struct lesson_measure {
	const char *strategy;
	long orders;
	double median_ms;
	const char *sqlalchemy; /* SQLAlchemy's version when it measured this, else NULL */
};
/* The key that does what name says ("bench" -> "b"), or NULL for no such name. */
struct lesson_keys {
	const char *(*name)(const void *ctx, const char *name);
	const void *ctx;
};

/* text with {median ...}, {ratio ...}, {faster ...} and {engine ...} filled in from m, and
 * {key NAME} from keys (NULL: left as written); a placeholder with no
 * measurement yet becomes "(press KEY)", KEY the bench key. Caller frees. */
char *lesson_fill_keys(const char *text, const struct lesson_measure *m, size_t n,
		       const struct lesson_keys *keys);
/* lesson_fill_keys without keys: "(press b)". */
char *lesson_fill(const char *text, const struct lesson_measure *m, size_t n);
/* The first {key NAME} in text whose NAME known() does not know, into buf
 * (size bytes); false when every one is known. */
bool lesson_fill_unknown_key(const char *text, bool (*known)(const char *name), char *buf,
			     size_t size);

#endif
