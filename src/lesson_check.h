/* lesson_check: whether a run met a lesson step's expectations, and which timed
 * comparison a step's @chart asks for. The one place the tutor and `nplus1
 * lessons --check` decide both, so a lesson checks the same in either.
 *
 * Pure: no curses, no SQLite; the caller runs the experiment. */
#ifndef NPLUS1_LESSON_CHECK_H
#define NPLUS1_LESSON_CHECK_H

#include "lesson.h"
#include "lesson_fill.h"
#include "loggroup.h"
#include "spec.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a run produced, for checking expectations. */
struct lesson_outcome {
	uint64_t statements, rows;
	const char *error;	/* the raised message, or NULL */
	const char *const *sql; /* the distinct statement texts */
	size_t nsql;
};

/* Whether e holds for o; *why (caller frees) says what was seen when it fails. */
bool lesson_expect_met(const struct lesson_expect *e, const struct lesson_outcome *o, char **why);
/* "statements = 11", "raises \"text\"": the expectation as the learner reads it
 * (caller frees). */
char *lesson_expect_text(const struct lesson_expect *e);

/* The expectation as a task on the step's checklist, worded for the learner:
 * "1 statement", "at most 2 statements", "\"LEFT OUTER JOIN\" in the SQL",
 * "the run raises \"lazy='raise'\"" (caller frees). */
char *lesson_expect_task(const struct lesson_expect *e);

/* One expectation of a step, checked. */
struct lesson_check {
	char *text; /* lesson_expect_text */
	char *why;  /* what was seen instead, or NULL */
	bool met;
	int line; /* the @expect's line */
};

/* Whether a run of ran decides the step's checks. On an exercise step, any run
 * the learner typed does (r only shows the starting code); on another step, a
 * run of the step's own experiment does, typed or not (same strategy, sizes,
 * direction, identity map, notes and page). */
bool lesson_check_applies(const struct lesson_step *st, const struct spec *ran, bool typed);
/* An exercise's solution as the run it asks for (over the @start workload);
 * false when the step is no exercise (the parser has checked the rest). */
bool lesson_solution_run(const struct lesson_step *st, struct spec *out);
/* Check every @expect of st against a run: its counts, its raised message (or
 * NULL) and its statements by text. *out (caller frees with lesson_checks_free)
 * gets st->nexpects checks; returns whether all held. */
bool lesson_check_run(const struct lesson_step *st, uint64_t statements, uint64_t rows,
		      const char *error, struct loggroups *groups, struct lesson_check **out);
void lesson_checks_free(struct lesson_check *c, int n);

/* The comparison st's @chart asks for: its strategies, sizes, customers, repeat
 * and direction, over the step's @run workload (defaults when it has none). */
struct spec_bench lesson_chart_bench(const struct lesson_step *st, const struct spec *defaults);

/* "joined faster than selectin at 10000 orders (nplus1)": the claim as the
 * check reports it (caller frees). */
char *lesson_claim_text(const struct lesson_claim *c);
/* Whether the chart's measurements m (the latest per strategy, size and engine)
 * show claim c: 1 yes, 0 no, -1 not measured by c's engine. *seen (caller frees,
 * may be NULL) says what was measured: "joined 2.10 ms, selectin 3.42 ms (1.6x)". */
int lesson_claim_check(const struct lesson_claim *c, const struct lesson_measure *m, size_t n,
		       char **seen);

#endif
