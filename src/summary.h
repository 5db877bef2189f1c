/* summary: what a learner has done in a lesson, from the progress store, as the
 * course summary and `nplus1 lessons` tell it (as `rustlings list` does): steps
 * solved alone or with the solution, quizzes right first time, hints used. */
#ifndef NPLUS1_SUMMARY_H
#define NPLUS1_SUMMARY_H

#include "lesson.h"
#include "progress.h"

#include <stdbool.h>
#include <stddef.h>

struct summary {
	int steps;	    /* steps with a check (a run's @expects or a quiz) */
	int passed;	    /* of them, passed */
	int by_solution;    /* of those, passed after the solution was shown */
	int quizzes;	    /* quizzes answered right */
	int quizzes_first;  /* of them, with no wrong answer first */
	int hints;	    /* steps whose hint was shown */
	bool started, done; /* anything recorded; every step with a check passed */
};

/* The summary of lesson l (its file name is name) from p. */
struct summary summary_of(const struct lesson *l, const char *name, struct progress *p);
/* "4/4 steps passed (1 with the solution), quizzes 2/2 right first time, 1 hint",
 * or "not started", into buf; returns buf. */
char *summary_text(const struct summary *s, char *buf, size_t size);

#endif
