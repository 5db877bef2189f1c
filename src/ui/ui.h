/* ui: the tutor's screen. One struct ui holds everything the panes draw; the main
 * loop in ui.c owns layout, input and doupdate(). Panes (one file each) draw from
 * the state and turn keys into intents; they never paint from a key handler and
 * never touch SQLite: what they show arrives as the engine's events. */
#ifndef NPLUS1_UI_UI_H
#define NPLUS1_UI_UI_H

#include "experiment.h"
#include "lesson.h"
#include "lesson_check.h"
#include "lesson_fill.h"
#include "lesson_load.h"
#include "loggroup.h"
#include "ui/draw.h"
#include "ui/runlog.h"

#include <stdbool.h>
#include <stdint.h>

enum ui_intent {
	UI_NONE,
	UI_REDRAW,
	UI_RELAYOUT,
	UI_QUIT,
	UI_RUN,	   /* run the current lesson's experiment, live */
	UI_BENCH,  /* timed runs for the chart */
	UI_PROMPT, /* open the ":" prompt */
};

enum ui_focus { FOCUS_LESSON, FOCUS_LOG, FOCUS_CHART, FOCUS_COUNT };

struct ui_options {
	int lesson; /* 1-based; 0 = resume where the learner left off */
	bool mono;
	bool present; /* projection mode from the start */
	const char *lessons_dir; /* NULL: the installed lessons */
	const char *record, *replay; /* files, or NULL */
	double speed;		     /* replay speed, 1 = as recorded */
};

enum { UI_MAX_LESSONS = 9, UI_CHART_MAX = 32, UI_SPEEDS = 5 };

enum ui_confirm { CONFIRM_NONE, CONFIRM_RESET_PROGRESS };

struct ui_chart_entry {
	const char *strategy;
	long orders, customers;
	struct experiment_timing t;
};

struct ui {
	struct ui_options opt;
	struct experiment *ex;
	struct spec defaults; /* what `set` changed */
	struct spec spec;	 /* the last (or running) experiment */

	/* the current or last run */
	bool running, paused, cancelled, ran;
	int speed; /* index into the pacing table: 0 is full speed */
	uint64_t count, rows;
	int64_t run_start_ns, run_ns;
	int64_t sql_start_ns; /* when the running :sql began */
	char *run_error;
	struct loggroups *groups; /* the run's statements by text */
	struct runlog runlog;	  /* the run's newest statements */
	bool grouped;
	int log_scroll; /* rows scrolled back from the newest; 0 follows */
	size_t log_cursor; /* the selected group, in the grouped view */

	struct ui_chart_entry chart[UI_CHART_MAX];
	int nchart;
	bool log_scale;
	int chart_page; /* when the sizes do not all fit */

	struct lesson_set lessons; /* lessons.lessons[i] is NULL where a file failed */
	const char *lessons_dir;
	struct progress *progress;
	int lesson, step; /* 0-based */
	int lesson_scroll;
	bool done[UI_MAX_LESSONS];
	bool show_hint, show_solution;
	struct lesson_check *checks; /* of the current step's last matching run */
	int nchecks;
	enum ui_confirm confirm;

	enum ui_focus focus;
	bool help, prompt_open, quit;
	bool present;	 /* projection: big counter, high contrast, no key bar */
	bool blank;	 /* the screen blanked by a clicker */
	bool frozen;	 /* log and counter held still while a run goes on */
	uint64_t frozen_seq, frozen_count, frozen_rows;
	int64_t frozen_ns;
	bool ephemeral;	 /* recording or replaying: progress is neither read nor saved */
	bool restart;	 /* a replay stepped back during a run */
	struct input *input;
	char message[256]; /* the status line: last error or hint */
	char **output; /* rows of the last sql/explain, shown in the log pane */
	size_t noutput;
	enum role message_role;

	/* layout, recomputed on resize */
	bool too_small;
	struct rect tabs, lesson_r, counter_r, log_r, chart_r, status_r, keybar_r;
	int64_t last_frame_ns;
};

/* Run the tutor until the learner quits; returns the exit status. */
int ui_main(const struct ui_options *opt);

/* For the panes and the prompt. */
void ui_message(struct ui *ui, enum role r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Draw every pane and update the terminal (the one place that calls doupdate). */
void ui_frame(struct ui *ui);
/* Back to the state the tutor started in (for a replay stepping back). */
void ui_restart(struct ui *ui);
/* Asked while a learner's SQL runs: non-zero when Esc or Ctrl-C asked it to stop. */
int ui_should_stop(void *ctx);
/* Forget the last run's statements and output, as a new one starts. */
void ui_forget_run(struct ui *ui);
/* Free the rows of the last :sql. */
void ui_clear_output(struct ui *ui);
/* Run spec live (from a key or the prompt). */
void ui_run(struct ui *ui, const struct spec *spec);
/* Timed runs of b's strategies x sizes into the chart. */
void ui_bench(struct ui *ui, const struct spec_bench *b);

/* Panes: each draws into its rectangle from ui's state. */
void lessonpane_draw(struct ui *ui, const struct rect *r);
enum ui_intent lessonpane_key(struct ui *ui, int ch);

/* Lessons (ui/course.c): loading, navigation, checks and saved progress. */
void course_open(struct ui *ui);
void course_close(struct ui *ui);
int course_count(const struct ui *ui);
/* The tab label of lesson i, at most maxw columns. */
void course_tab_label(const struct ui *ui, int i, int maxw, char *buf, size_t size);
/* The current step, or NULL (no lessons, or the lesson failed to load). */
const struct lesson_step *course_step(const struct ui *ui);
void course_goto(struct ui *ui, int lesson, int step);
/* Next or previous step, crossing into the next or previous lesson. */
void course_move(struct ui *ui, int delta);
/* After a live run: check the current step's expectations if it was its run. */
void course_after_run(struct ui *ui);
/* Answer the current step's quiz (0-based option). */
void course_answer(struct ui *ui, int option);
/* The chart's medians, for lesson_fill. Caller frees. */
struct lesson_measure *course_measures(const struct ui *ui, size_t *n);
void course_reset_progress(struct ui *ui);
void logpane_draw(struct ui *ui, const struct rect *r);
enum ui_intent logpane_key(struct ui *ui, int ch);
void counter_draw(struct ui *ui, const struct rect *r);
void chart_draw(struct ui *ui, const struct rect *r);
enum ui_intent chart_key(struct ui *ui, int ch);
void help_draw(struct ui *ui);

#endif
