/* summary: see summary.h. */
#include "config.h"

#include "summary.h"

#include <stdio.h>

struct summary summary_of(const struct lesson *l, const char *name, struct progress *p)
{
	struct summary s = { 0 };
	for (int i = 0; l && i < l->nsteps; i++) {
		const struct lesson_step *st = &l->steps[i];
		bool checked = (st->has_run && st->nexpects > 0) || st->quiz;
		bool passed = checked && progress_passed(p, name, i);
		s.steps += checked;
		s.passed += passed;
		s.by_solution += passed && progress_noted(p, name, i, PROGRESS_BY_SOLUTION);
		s.hints += progress_noted(p, name, i, PROGRESS_HINT);
		if (st->quiz && progress_answer(p, name, i) == st->quiz->answer) {
			s.quizzes++;
			s.quizzes_first += !progress_noted(p, name, i, PROGRESS_QUIZ_WRONG);
		}
		s.started |= passed || progress_answer(p, name, i) >= 0 ||
			     progress_noted(p, name, i, PROGRESS_HINT) ||
			     progress_noted(p, name, i, PROGRESS_SOLUTION);
	}
	s.done = s.steps > 0 && s.passed == s.steps;
	return s;
}

char *summary_text(const struct summary *s, char *buf, size_t size)
{
	if (!s->started) {
		snprintf(buf, size, "not started");
		return buf;
	}
	int n = snprintf(buf, size, "%d/%d steps passed", s->passed, s->steps);
	if (s->by_solution && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, " (%d with the solution)", s->by_solution);
	if (s->quizzes && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, ", quizzes %d/%d right first time",
			      s->quizzes_first, s->quizzes);
	if (n >= 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, ", %d hint%s", s->hints,
			 s->hints == 1 ? "" : "s");
	return buf;
}
