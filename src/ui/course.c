/* course: the lessons as the tutor walks them. Loads the lesson set, moves
 * between steps and lessons, checks a step's expectations after a run, takes quiz
 * answers, and records all of it in the progress store. No drawing here.
 *
 * A step's checks run only after a run of that step's own experiment (same
 * strategy, sizes, direction, identity map, notes and page), whether it came from
 * 'r' or was typed at the prompt; any other run is just an experiment. */
#include "config.h"

#include "lesson_check.h"
#include "lesson_load.h"
#include "progress.h"
#include "ui/ui.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct lesson *lesson_at(const struct ui *ui, int i)
{
	return i >= 0 && i < ui->lessons.n ? ui->lessons.lessons[i] : NULL;
}

int course_count(const struct ui *ui) { return ui->lessons.n; }

const struct lesson_step *course_step(const struct ui *ui)
{
	const struct lesson *l = lesson_at(ui, ui->lesson);
	return l && ui->step >= 0 && ui->step < l->nsteps ? &l->steps[ui->step] : NULL;
}

static bool step_has_check(const struct lesson_step *st)
{
	return (st->has_run && st->nexpects > 0) || st->quiz;
}

/* Done: every step with a check has passed. */
static bool lesson_done(struct ui *ui, int i)
{
	const struct lesson *l = lesson_at(ui, i);
	if (!l)
		return false;
	bool any = false;
	for (int s = 0; s < l->nsteps; s++)
		if (step_has_check(&l->steps[s])) {
			any = true;
			if (!progress_passed(ui->progress, ui->lessons.names[i], s))
				return false;
		}
	return any;
}

static void warn(struct ui *ui, char *warning)
{
	if (warning) {
		ui_message(ui, ROLE_ERROR, "%s", warning);
		free(warning);
	}
}

static void clear_checks(struct ui *ui)
{
	lesson_checks_free(ui->checks, ui->nchecks);
	ui->checks = NULL;
	ui->nchecks = 0;
}

void course_goto(struct ui *ui, int lesson, int step)
{
	if (course_count(ui) == 0)
		return;
	if (lesson < 0)
		lesson = 0;
	if (lesson >= course_count(ui))
		lesson = course_count(ui) - 1;
	const struct lesson *l = lesson_at(ui, lesson);
	int steps = l ? l->nsteps : 1;
	step = step < 0 ? 0 : step >= steps ? steps - 1 : step;
	if (lesson != ui->lesson || step != ui->step) {
		clear_checks(ui);
		ui->show_hint = ui->show_solution = false;
		ui->lesson_scroll = 0;
	}
	ui->lesson = lesson, ui->step = step;
	char *warning = NULL;
	progress_set_position(ui->progress, lesson, step, &warning);
	warn(ui, warning);
}

void course_move(struct ui *ui, int delta)
{
	const struct lesson *l = lesson_at(ui, ui->lesson);
	int steps = l ? l->nsteps : 1;
	int step = ui->step + delta, lesson = ui->lesson;
	if (step >= steps && lesson + 1 < course_count(ui))
		lesson++, step = 0;
	else if (step < 0 && lesson > 0) {
		lesson--;
		l = lesson_at(ui, lesson);
		step = l ? l->nsteps - 1 : 0;
	}
	course_goto(ui, lesson, step);
}

void course_open(struct ui *ui)
{
	char *err = NULL;
	if (lesson_load_dir(ui->lessons_dir, &ui->lessons, &err)) {
		ui_message(ui, ROLE_ERROR, "%s", err);
		free(err);
		memset(&ui->lessons, 0, sizeof ui->lessons);
	} else {
		for (int i = 0; i < ui->lessons.n; i++)
			if (ui->lessons.errors[i]) {
				ui_message(ui, ROLE_ERROR, "%s", ui->lessons.errors[i]);
				break;
			}
	}
	if (ui->lessons.n > UI_MAX_LESSONS)
		ui->lessons.n = UI_MAX_LESSONS; /* the rest stay loaded, unshown */
	char *path = ui->ephemeral ? NULL : progress_default_path(), *warning = NULL;
	ui->progress = progress_open(path, &warning);
	free(path);
	if (ui->ephemeral) /* recording or replaying: nothing saved, by design */
		free(warning);
	else
		warn(ui, warning);
	for (int i = 0; i < course_count(ui); i++)
		ui->done[i] = lesson_done(ui, i);
	int lesson = 0, step = 0;
	if (ui->opt.lesson > 0)
		lesson = ui->opt.lesson - 1;
	else if (!ui->ephemeral)
		progress_position(ui->progress, &lesson, &step);
	ui->lesson = ui->step = -1; /* so course_goto treats it as a move */
	course_goto(ui, lesson, step);
}

void course_close(struct ui *ui)
{
	clear_checks(ui);
	progress_close(ui->progress);
	ui->progress = NULL;
	if (ui->lessons.lessons || ui->lessons.n)
		lesson_set_done(&ui->lessons);
}

void course_tab_label(const struct ui *ui, int i, int maxw, char *buf, size_t size)
{
	const struct lesson *l = lesson_at(ui, i);
	const char *title = l ? l->title : ui->lessons.names[i];
	const char *mark = !l ? "!" : ui->done[i] ? theme_glyphs()->check : "";
	int room = maxw - 4 - draw_width(mark, strlen(mark));
	size_t fit = draw_fit(title, room > 1 ? room : 1);
	snprintf(buf, size, " %d %.*s%s ", i + 1, (int)fit, title, mark);
}

static void passed(struct ui *ui, const char *what)
{
	char *warning = NULL;
	const char *name = ui->lessons.names[ui->lesson];
	bool was_done = ui->done[ui->lesson];
	progress_set_passed(ui->progress, name, ui->step, &warning);
	ui->done[ui->lesson] = lesson_done(ui, ui->lesson);
	if (ui->done[ui->lesson] && !was_done)
		ui_message(ui, ROLE_COUNTER_GOOD, "%s %s: lesson %d done. PgDn for the next step.",
			   theme_glyphs()->check, what, ui->lesson + 1);
	else
		ui_message(ui, ROLE_COUNTER_GOOD, "%s %s. PgDn for the next step.",
			   theme_glyphs()->check, what);
	warn(ui, warning);
}

void course_after_run(struct ui *ui)
{
	const struct lesson_step *st = course_step(ui);
	if (!st || ui->cancelled || !lesson_check_applies(st, &ui->spec, false))
		return;
	clear_checks(ui);
	bool all = lesson_check_run(st, ui->count, ui->rows, ui->run_error, ui->groups,
				    &ui->checks);
	ui->nchecks = st->nexpects;
	if (all)
		passed(ui, "check passed");
	else
		ui_message(ui, ROLE_ERROR, "not yet: a check did not hold (h for a hint)");
}

void course_answer(struct ui *ui, int option)
{
	const struct lesson_step *st = course_step(ui);
	if (!st || !st->quiz || option < 0 || option >= st->quiz->noptions)
		return;
	char *warning = NULL;
	progress_set_answer(ui->progress, ui->lessons.names[ui->lesson], ui->step, option,
			    &warning);
	warn(ui, warning);
	if (option == st->quiz->answer)
		passed(ui, "right");
	else
		ui_message(ui, ROLE_ERROR, "not quite: try another answer (h for a hint)");
}

struct lesson_measure *course_measures(const struct ui *ui, size_t *n)
{
	struct lesson_measure *m = util_calloc((size_t)ui->nchart + 1, sizeof *m);
	for (int i = 0; i < ui->nchart; i++)
		m[i] = (struct lesson_measure){ ui->chart[i].strategy, ui->chart[i].orders,
						ui->chart[i].t.median_ms };
	*n = (size_t)ui->nchart;
	return m;
}

void course_reset_progress(struct ui *ui)
{
	char *warning = NULL;
	if (progress_reset(ui->progress, &warning))
		ui_message(ui, ROLE_NORMAL, "progress forgotten: every lesson starts afresh");
	warn(ui, warning);
	for (int i = 0; i < course_count(ui); i++)
		ui->done[i] = false;
	clear_checks(ui);
}
