/* progress: what a learner has done, kept in a small SQLite database at
 * $XDG_STATE_HOME/nplus1/progress.db (default ~/.local/state/nplus1/progress.db):
 * the current lesson and step, the steps passed, quiz answers, and notes for the
 * course summary (hints seen, solutions used, quizzes missed). Lessons are
 * named by their file name ("03-the-n-plus-1.lesson") so reordering them keeps
 * what was passed.
 *
 * Every change is written in its own transaction at once. Nothing here is ever
 * fatal: a store that cannot be read, is corrupted, read-only or out of space
 * gives one line of warning and the tutor goes on without saving; a file it
 * could not read is never overwritten. A file another program holds locked
 * gives one warning too, but what changes meanwhile is written once it is free
 * (at the next change, or by progress_flush at exit).
 *
 * This is its own SQLite connection, unrelated to the tutor's database. */
#ifndef NPLUS1_PROGRESS_H
#define NPLUS1_PROGRESS_H

#include <stdbool.h>

struct progress;

/* Open (creating the directory and the file if missing) the store at path.
 * Never NULL: when the file cannot be used (or path is NULL or ""), the store
 * keeps progress in memory only, and *warning (caller frees) says why in one line
 * naming the file; the caller adds its own prefix. */
struct progress *progress_open(const char *path, char **warning);
void progress_close(struct progress *p);
/* Whether changes reach the file. */
bool progress_saving(const struct progress *p);
/* The default path (caller frees), or NULL when neither XDG_STATE_HOME nor HOME
 * is set. */
char *progress_default_path(void);

/* Where the learner was: lesson and step (0-based); false when nothing is saved. */
bool progress_position(struct progress *p, int *lesson, int *step);
/* Each setter returns false, and sets *warning once, if the write to the file
 * failed just now; after that the store stops saving (and says so) but keeps the
 * change in memory, and later setters return true. */
bool progress_set_position(struct progress *p, int lesson, int step, char **warning);
bool progress_passed(struct progress *p, const char *lesson, int step);
bool progress_set_passed(struct progress *p, const char *lesson, int step, char **warning);
/* The quiz answer given (0-based), or -1. */
int progress_answer(struct progress *p, const char *lesson, int step);
bool progress_set_answer(struct progress *p, const char *lesson, int step, int answer,
			 char **warning);
/* What else a summary tells of a step: the learner saw its hint, saw its
 * solution, passed it after seeing the solution, answered its quiz wrong. */
enum progress_note {
	PROGRESS_HINT = 1,
	PROGRESS_SOLUTION = 2,
	PROGRESS_BY_SOLUTION = 3,
	PROGRESS_QUIZ_WRONG = 4,
};
bool progress_noted(struct progress *p, const char *lesson, int step, enum progress_note what);
bool progress_note(struct progress *p, const char *lesson, int step, enum progress_note what,
		   char **warning);
/* Before closing: write what a busy file missed, waiting up to a second for
 * its lock. NULL when nothing is left unsaved, else one line saying what could
 * not be saved (caller frees): the tutor prints it at exit. */
char *progress_flush(struct progress *p);
/* Forget everything (the learner confirmed). */
bool progress_reset(struct progress *p, char **warning);

#endif
