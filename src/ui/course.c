/* course: see course.h. */
#include "config.h"

#include "ui/course.h"
#include "progress.h"
#include "ui/draw.h"
#include "util.h"

#include <curses.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct lesson *course_lesson(const struct course *c, int i)
{
	return i >= 0 && i < c->lessons.n ? c->lessons.lessons[i] : NULL;
}

int course_count(const struct course *c) { return c->lessons.n; }

const struct lesson_step *course_step(const struct course *c)
{
	const struct lesson *l = course_lesson(c, c->lesson);
	return l && c->step >= 0 && c->step < l->nsteps ? &l->steps[c->step] : NULL;
}

static bool step_has_check(const struct lesson_step *st)
{
	return (st->has_run && st->nexpects > 0) || st->quiz;
}

/* Done: every step with a check has passed. */
static bool lesson_done(struct course *c, int i)
{
	const struct lesson *l = course_lesson(c, i);
	if (!l)
		return false;
	bool any = false;
	for (int s = 0; s < l->nsteps; s++)
		if (step_has_check(&l->steps[s])) {
			any = true;
			if (!progress_passed(c->progress, c->lessons.names[i], s))
				return false;
		}
	return any;
}

static void warn(struct course *c, char *warning)
{
	if (warning) {
		status_set(c->status, ROLE_ERROR, "%s", warning);
		free(warning);
	}
}

static void clear_checks(struct course *c)
{
	lesson_checks_free(c->checks, c->nchecks);
	c->checks = NULL;
	c->nchecks = 0;
}

void course_goto(struct course *c, int lesson, int step)
{
	if (course_count(c) == 0)
		return;
	if (lesson < 0)
		lesson = 0;
	if (lesson >= course_count(c))
		lesson = course_count(c) - 1;
	const struct lesson *l = course_lesson(c, lesson);
	int steps = l ? l->nsteps : 1;
	step = step < 0 ? 0 : step >= steps ? steps - 1 : step;
	if (lesson != c->lesson || step != c->step || c->summary) {
		clear_checks(c);
		c->show_hint = c->show_solution = false;
		c->summary = false;
		c->guess->typing = false;
		c->moves++;
	}
	c->lesson = lesson, c->step = step;
	c->guess = &c->guesses[lesson][step];
	char *warning = NULL;
	progress_set_position(c->progress, lesson, step, &warning);
	warn(c, warning);
}

void course_move(struct course *c, int delta)
{
	const struct lesson *l = course_lesson(c, c->lesson);
	int steps = l ? l->nsteps : 1;
	int step = c->step + delta, lesson = c->lesson;
	if (c->summary && delta < 0) {
		course_goto(c, lesson, c->step); /* back from the summary to the last step */
		return;
	}
	if (step >= steps && lesson + 1 >= course_count(c) && course_count(c) > 0) {
		c->summary = true; /* past the last step of the last lesson */
		c->moves++;
		clear_checks(c);
		return;
	}
	if (step >= steps && lesson + 1 < course_count(c))
		lesson++, step = 0;
	else if (step < 0 && lesson > 0) {
		lesson--;
		l = course_lesson(c, lesson);
		step = l ? l->nsteps - 1 : 0;
	}
	course_goto(c, lesson, step);
}

void course_open(struct course *c, struct status *status, const char *dir, int start,
		 bool ephemeral)
{
	*c = (struct course){ .status = status, .dir = dir, .ephemeral = ephemeral };
	if (!dir)
		c->search = lesson_search_path();
	c->guess = &c->guesses[0][0];
	char *err = NULL;
	if (lesson_load_dir(c->dir, &c->lessons, &err)) {
		status_set(c->status, ROLE_ERROR, "%s", err);
		free(err);
		memset(&c->lessons, 0, sizeof c->lessons);
	} else {
		for (int i = 0; i < c->lessons.n; i++)
			if (c->lessons.errors[i]) {
				status_set(c->status, ROLE_ERROR, "%s", c->lessons.errors[i]);
				break;
			}
	}
	if (c->lessons.n > UI_MAX_LESSONS)
		c->lessons.n = UI_MAX_LESSONS; /* the rest stay loaded, unshown */
	char *path = c->ephemeral ? NULL : progress_default_path(), *warning = NULL;
	c->progress = progress_open(path, &warning);
	free(path);
	if (c->ephemeral) /* recording or replaying: nothing saved, by design */
		free(warning);
	else
		warn(c, warning);
	for (int i = 0; i < course_count(c); i++)
		c->done[i] = lesson_done(c, i);
	int lesson = 0, step = 0;
	if (start > 0)
		lesson = start - 1;
	else if (!c->ephemeral)
		progress_position(c->progress, &lesson, &step);
	c->lesson = c->step = -1; /* so course_goto treats it as a move */
	course_goto(c, lesson, step);
}

void course_close(struct course *c)
{
	clear_checks(c);
	progress_close(c->progress);
	c->progress = NULL;
	if (c->lessons.lessons || c->lessons.n)
		lesson_set_done(&c->lessons);
	free(c->search);
	c->search = NULL;
}

void course_tab_label(const struct course *c, int i, int maxw, char *buf, size_t size)
{
	const struct lesson *l = course_lesson(c, i);
	const char *title = l ? l->title : c->lessons.names[i];
	const char *mark = !l ? "!" : c->done[i] ? theme_glyphs()->check : "";
	int room = maxw - 4 - draw_width(mark, strlen(mark));
	size_t fit = draw_fit(title, room > 1 ? room : 1);
	snprintf(buf, size, " %d %.*s%s ", i + 1, (int)fit, title, mark);
}

static const char *name_of(const struct course *c) { return c->lessons.names[c->lesson]; }

static void note(struct course *c, enum progress_note what)
{
	char *warning = NULL;
	progress_note(c->progress, name_of(c), c->step, what, &warning);
	warn(c, warning);
}

static void passed(struct course *c, const char *what)
{
	char *warning = NULL;
	bool was_done = c->done[c->lesson];
	progress_set_passed(c->progress, name_of(c), c->step, &warning);
	c->done[c->lesson] = lesson_done(c, c->lesson);
	if (c->done[c->lesson] && !was_done)
		status_set(c->status, ROLE_COUNTER_GOOD,
			   "%s %s: lesson %d done. Right or PgDn: the next step.",
			   theme_glyphs()->check, what, c->lesson + 1);
	else
		status_set(c->status, ROLE_COUNTER_GOOD, "%s %s. Right or PgDn: the next step.",
			   theme_glyphs()->check, what);
	warn(c, warning);
}

/* What the first unmet check wants and what was seen, for the status line. */
static void not_yet(struct course *c, const struct lesson_step *st)
{
	for (int k = 0; k < c->nchecks; k++)
		if (!c->checks[k].met) {
			char *task = lesson_expect_task(&st->expects[k]);
			status_set(c->status, ROLE_ERROR, "not yet: %s (%s); h for a hint", task,
				   c->checks[k].why ? c->checks[k].why : "not met");
			free(task);
			return;
		}
}

void course_after_run(struct course *c, const struct spec *ran, bool typed, bool cancelled,
		      uint64_t statements, uint64_t rows, const char *error,
		      struct loggroups *groups)
{
	const struct lesson_step *st = course_step(c);
	if (!st || cancelled || c->summary)
		return;
	c->reveals++; /* the guess, the checklist: the pane shows the step's end */
	if (c->guess->asked && !c->guess->measured && !typed) {
		c->guess->measured = true;
		c->guess->seen = st->predict == LESSON_EXPECT_ROWS ? rows : statements;
	}
	if (st->exercise && !typed) {
		status_set(
			c->status, ROLE_NORMAL,
			"that was the starting code: now type your fix at : (h hint, S solution)");
		return;
	}
	if (!lesson_check_applies(st, ran, typed))
		return;
	clear_checks(c);
	bool all = lesson_check_run(st, statements, rows, error, groups, &c->checks);
	c->nchecks = st->nexpects;
	if (!all) {
		not_yet(c, st);
		return;
	}
	bool by_solution = st->exercise &&
			   (c->show_solution ||
			    progress_noted(c->progress, name_of(c), c->step, PROGRESS_SOLUTION));
	if (by_solution)
		note(c, PROGRESS_BY_SOLUTION);
	passed(c, !st->exercise ? "check passed"
		  : by_solution ? "solved, with the solution"
				: "solved: your fix meets every check");
}

bool course_wants_guess(const struct course *c)
{
	const struct lesson_step *st = course_step(c);
	return st && c->guess && st->has_predict && !c->guess->asked && !c->summary;
}

void course_guess_open(struct course *c)
{
	memset(c->guess, 0, sizeof *c->guess);
	c->guess->typing = true;
}

bool course_guess_key(struct course *c, int ch)
{
	size_t n = strlen(c->guess->text);
	if (ch >= '0' && ch <= '9' && n + 1 < sizeof c->guess->text) {
		c->guess->text[n] = (char)ch;
		c->guess->text[n + 1] = '\0';
	} else if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && n > 0) {
		c->guess->text[n - 1] = '\0';
	} else if (ch == 27 || ch == 3) {
		c->guess->typing = false;
		status_set(c->status, ROLE_DIM, "no guess: r asks again");
	} else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER) {
		c->guess->typing = false;
		c->guess->asked = true;
		c->guess->value = n ? strtol(c->guess->text, NULL, 10) : -1;
		return true;
	}
	return false;
}

void course_answer(struct course *c, int option)
{
	const struct lesson_step *st = course_step(c);
	if (!st || !st->quiz)
		return;
	if (option < 0 || option >= st->quiz->noptions) {
		status_set(c->status, ROLE_ERROR, "answer with 1-%d", st->quiz->noptions);
		return;
	}
	int chosen = course_chosen(c);
	if (chosen == st->quiz->answer) { /* a right answer stands */
		status_set(c->status, ROLE_DIM, "answered: %d is right", chosen + 1);
		return;
	}
	char *warning = NULL;
	progress_set_answer(c->progress, name_of(c), c->step, option, &warning);
	warn(c, warning);
	c->reveals++;
	if (option == st->quiz->answer) {
		passed(c, "right");
	} else {
		note(c, PROGRESS_QUIZ_WRONG);
		status_set(c->status, ROLE_ERROR, "not quite: try another answer (h for a hint)");
	}
}

int course_chosen(const struct course *c)
{
	return progress_answer(c->progress, name_of(c), c->step);
}

/* Show or hide one of the step's helps (text, NULL when the step has none); one
 * shown is noted for the summary and scrolled into view. */
static void toggle(struct course *c, bool *shown, const char *text, const char *none,
		   enum progress_note what)
{
	*shown = !*shown;
	if (!course_step(c) || c->summary)
		return;
	if (!text)
		status_set(c->status, ROLE_DIM, "%s", none);
	else if (*shown)
		note(c, what), c->reveals++;
}

void course_toggle_hint(struct course *c)
{
	const struct lesson_step *st = course_step(c);
	toggle(c, &c->show_hint, st ? st->hint : NULL, "this step has no hint", PROGRESS_HINT);
}

void course_toggle_solution(struct course *c)
{
	const struct lesson_step *st = course_step(c);
	toggle(c, &c->show_solution, st ? st->solution : NULL, "this step has no solution to show",
	       PROGRESS_SOLUTION);
}

void course_ask_reset(struct course *c)
{
	c->confirm_reset = true;
	status_set(c->status, ROLE_ERROR,
		   "forget every lesson's progress? y forgets, any other "
		   "key keeps it");
}

static void reset_progress(struct course *c)
{
	char *warning = NULL;
	if (progress_reset(c->progress, &warning))
		status_set(c->status, ROLE_NORMAL,
			   "progress forgotten: every lesson starts afresh");
	warn(c, warning);
	for (int i = 0; i < course_count(c); i++)
		c->done[i] = false;
	clear_checks(c);
}

void course_confirm_reset(struct course *c, bool yes)
{
	c->confirm_reset = false;
	if (yes)
		reset_progress(c);
	else
		status_set(c->status, ROLE_NORMAL, "progress kept");
}
