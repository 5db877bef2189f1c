/* course: the lessons as the tutor walks them. Loads the lesson set, moves
 * between steps and lessons, checks a step's expectations after a run, takes quiz
 * answers, and records all of it in the progress store. No drawing here; what
 * the learner should read goes to the status line.
 *
 * A step's checks run after a run of that step's own experiment (same strategy,
 * sizes, direction, identity map, notes and page), whether it came from 'r' or
 * was typed at the prompt; on an exercise step (@start) after a run the learner
 * typed; any other run is just an experiment. Hints and solutions seen, passes
 * with the solution and wrong quiz answers are noted for the course summary. */
#ifndef NPLUS1_UI_COURSE_H
#define NPLUS1_UI_COURSE_H

#include "lesson.h"
#include "lesson_check.h"
#include "lesson_load.h"
#include "loggroup.h"
#include "spec.h"
#include "ui/status.h"
#include "ui/ui.h"

#include <stdbool.h>
#include <stdint.h>

struct progress;

struct course {
	struct status *status;
	const char *dir;	   /* the lessons' directory; NULL: the search path */
	char *search;		   /* owned: the search path, when that is where they came from */
	bool ephemeral;		   /* recording or replaying: progress is neither read nor saved */
	struct lesson_set lessons; /* lessons.lessons[i] is NULL where a file failed */
	struct progress *progress;
	int lesson, step; /* 0-based */
	unsigned moves;	  /* counts changes of lesson or step: a pane's scroll resets */
	bool done[UI_MAX_LESSONS];
	bool show_hint, show_solution;
	unsigned reveals;	     /* counts a hint, solution or quiz explanation appearing */
	struct lesson_check *checks; /* of the current step's last matching run */
	int nchecks;
	bool confirm_reset; /* asked whether to forget every lesson's progress */
	bool summary;	    /* past the last step: the course summary */
	/* @predict, per step: the guess being typed, the guess and what was measured. */
	struct course_guess {
		bool typing, asked, measured;
		char text[12];
		long value; /* -1: skipped */
		uint64_t seen;
	} guesses[UI_MAX_LESSONS][LESSON_MAX_STEPS], *guess; /* guess: the current step's */
};

/* Load the lessons from dir (NULL: the search path) and open progress; start at lesson (1-based),
 * or where the learner left off when 0. Messages go to status. */
void course_open(struct course *c, struct status *status, const char *dir, int lesson,
		 bool ephemeral);
void course_close(struct course *c);
int course_count(const struct course *c);
/* Lesson i, or NULL where its file did not load. */
const struct lesson *course_lesson(const struct course *c, int i);
/* The tab label of lesson i, at most maxw columns. */
void course_tab_label(const struct course *c, int i, int maxw, char *buf, size_t size);
/* The current step, or NULL (no lessons, or the lesson failed to load). */
const struct lesson_step *course_step(const struct course *c);
/* The option chosen for the current step's quiz, or -1. */
int course_chosen(const struct course *c);
void course_goto(struct course *c, int lesson, int step);
/* Next or previous step, crossing into the next or previous lesson. */
void course_move(struct course *c, int delta);
/* After a live run of ran (typed: at the prompt, not by r): check the current
 * step's expectations when the run decides them (lesson_check_applies), and
 * set the measured count beside a guess. */
void course_after_run(struct course *c, const struct spec *ran, bool typed, bool cancelled,
		      uint64_t statements, uint64_t rows, const char *error,
		      struct loggroups *groups);
/* Whether r should first ask for a guess (the step has @predict, not asked yet). */
bool course_wants_guess(const struct course *c);
void course_guess_open(struct course *c);
/* A key while the guess is typed: digits, Backspace, Enter (true: run now; an
 * empty guess skips), Esc (closes, no run). */
bool course_guess_key(struct course *c, int ch);
/* Answer the current step's quiz (0-based option). */
void course_answer(struct course *c, int option);
void course_toggle_hint(struct course *c);
void course_toggle_solution(struct course *c);
/* Ask, then take the answer: yes forgets every lesson's progress. */
void course_ask_reset(struct course *c);
void course_confirm_reset(struct course *c, bool yes);

#endif
