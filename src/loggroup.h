/* loggroup: the SQL log's grouped view and its N+1 detector.
 *
 * Statements are added in execution order; identical SQL texts fall into one
 * group, the way Django Debug Toolbar groups "similar" queries: the group keeps
 * how many times the text ran, the first and last statement numbers, and the
 * range of its first parameter ("x100 similar, params 1...100").
 *
 * The N+1 signature is one text with exactly one parameter run over and over:
 * loggroup_suspect() returns the first group that reached the threshold.
 *
 * Pure: no curses, no SQLite. Groups own a copy of their SQL text. */
#ifndef NPLUS1_LOGGROUP_H
#define NPLUS1_LOGGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loggroup {
	char *sql;
	uint64_t count;
	uint64_t first_seq, last_seq;
	int nparams;	    /* of the first statement in the group */
	int64_t pmin, pmax; /* range of the first parameter, when nparams > 0 */
};

struct loggroups;

struct loggroups *loggroups_new(void);
void loggroups_free(struct loggroups *g);
/* Forget every group, as a new run starts. */
void loggroups_reset(struct loggroups *g);
/* Add statement number seq with its text and parameters; returns its group
 * (borrowed, valid until the next reset). O(1) expected. */
struct loggroup *loggroups_add(struct loggroups *g, uint64_t seq, const char *sql,
			       const int64_t *params, int nparams);
/* Number of groups, and the i-th in order of first appearance (NULL past the
 * end). The index is stable until the next reset. */
size_t loggroups_len(const struct loggroups *g);
struct loggroup *loggroups_get(struct loggroups *g, size_t i);
/* The group with this statement's text, or NULL. */
struct loggroup *loggroups_find(struct loggroups *g, const char *sql);
/* The first group showing the N+1 signature at least threshold times, or NULL. */
const struct loggroup *loggroups_suspect(const struct loggroups *g, uint64_t threshold);
/* "x100 similar, params 1...100" (with "…" when utf8), into buf; returns buf. */
char *loggroup_summary(const struct loggroup *gr, bool utf8, char *buf, size_t size);

#endif
