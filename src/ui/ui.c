/* ui: the main loop. The loop reads a key, asks the key table what
 * it means (keys.c) and carries the answer out in act(), the one place the
 * tutor's state changes in answer to a key; then it draws a frame. Only
 * frame_draw() (frame.c) paints.
 *
 * Input blocks in getch() while idle, so an idle tutor uses no CPU. A live run or
 * a learner's SQL reads keys and draws through the run's host callbacks below,
 * with the same dispatcher and the same act(). */
#include "config.h"

#include "ui/ui.h"
#include "ui/app.h"
#include "ui/demo.h"
#include "ui/frame.h"
#include "ui/guard.h"
#include "ui/help.h"
#include "ui/input.h"
#include "ui/keys.h"
#include "progress.h"
#include "ui/prompt.h"
#include "util.h"

#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) { got_signal = sig; }

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* An out-of-memory abort prints to a terminal in curses mode: put it back first. */
static void restore_terminal(void) { endwin(); }

/* What each action does. They run in the main loop, or between a live run's
 * statements for the keys a run answers. */
static void act_quit(struct app *a, struct action *x)
{
	(void)x;
	if (a->run.busy == RUN_LIVE) {
		a->quit = !input_replayed(a->input); /* a recording's last q leaves the tutor be */
		run_cancel(&a->run);
	} else if (input_replayed(a->input)) {
		/* the recording ended by quitting: the presenter stays */
		input_stop(a->input, "replay finished: the recording quit here; you have the keys");
	} else {
		a->quit = true;
	}
}

static void act_message(struct app *a, struct action *x)
{
	status_set(&a->status, x->role, "%s", x->text ? x->text : "");
}

static void act_run(struct app *a, struct action *x)
{
	struct run *r = &a->run;
	if (run_live(r, &x->spec))
		course_after_run(&a->course, &r->spec, x->n, r->cancelled, r->count, r->rows,
				 r->error, r->groups);
}

static void act_guess_open(struct app *a, struct action *x)
{
	(void)x, course_guess_open(&a->course);
}

/* Enter ends the guess: r's run goes ahead. */
static void act_guess(struct app *a, struct action *x)
{
	const struct lesson_step *st = course_step(&a->course);
	if (course_guess_key(&a->course, x->n) && st && st->has_run) {
		struct action run = { .act = ACT_RUN, .spec = st->run };
		act_run(a, &run);
	}
}

static void act_bench(struct app *a, struct action *x) { run_bench(&a->run, &x->bench); }
static void act_set(struct app *a, struct action *x) { run_set_defaults(&a->run, &x->spec); }
static void act_sql(struct app *a, struct action *x) { run_sql(&a->run, x->text, x->n); }
static void act_reset_db(struct app *a, struct action *x) { (void)x, run_reset_db(&a->run); }
static void act_ask_reset(struct app *a, struct action *x)
{
	(void)x, course_ask_reset(&a->course);
}
static void act_confirm(struct app *a, struct action *x) { course_confirm_reset(&a->course, x->n); }
static void act_help(struct app *a, struct action *x) { (void)x, a->help = true; }
static void act_help_close(struct app *a, struct action *x) { (void)x, a->help = false; }
static void act_prompt(struct app *a, struct action *x) { (void)x, (void)a, prompt_open(); }
static void act_focus(struct app *a, struct action *x)
{
	a->focus = pane_focus_step(a->focus, x->n);
}
static void act_focus_at(struct app *a, struct action *x) { a->focus = x->n; }
static void act_blank(struct app *a, struct action *x) { (void)x, a->blank = !a->blank; }
static void act_freeze(struct app *a, struct action *x) { (void)x, run_freeze(&a->run); }
static void act_pause(struct app *a, struct action *x) { (void)x, a->run.paused = !a->run.paused; }
static void act_cancel(struct app *a, struct action *x) { (void)x, run_cancel(&a->run); }
static void act_details(struct app *a, struct action *x) { (void)x, run_inspect_bench(&a->run); }
static void act_clear(struct app *a, struct action *x) { (void)x, run_clear_output(&a->run); }
/* A new step starts with nothing ran: the counter, the log and the chart of the
 * last step's runs are forgotten. */
static void forget_if_moved(struct app *a, int lesson, int step)
{
	if (a->course.lesson != lesson || a->course.step != step)
		run_forget(&a->run);
}
static void act_move(struct app *a, struct action *x)
{
	int lesson = a->course.lesson, step = a->course.step;
	course_move(&a->course, x->n);
	forget_if_moved(a, lesson, step);
}
static void act_lesson(struct app *a, struct action *x)
{
	int lesson = a->course.lesson, step = a->course.step;
	course_goto(&a->course, a->course.lesson + x->n, 0);
	forget_if_moved(a, lesson, step);
}
static void act_goto(struct app *a, struct action *x)
{
	int lesson = a->course.lesson, step = a->course.step;
	course_goto(&a->course, x->n, 0);
	forget_if_moved(a, lesson, step);
}
static void act_inspect(struct app *a, struct action *x)
{
	run_inspect_statement(&a->run, x->n > 0 ? (uint64_t)x->n : 0);
}
static void act_inspect_at(struct app *a, struct action *x)
{
	run_inspect_at(&a->run, (size_t)x->n);
}
static void act_inspect_group(struct app *a, struct action *x)
{
	run_inspect_group(&a->run, (size_t)x->n);
}
static void act_inspect_row(struct app *a, struct action *x)
{
	run_inspect_row(&a->run, (size_t)x->n);
}
static void act_inspect_plan(struct app *a, struct action *x)
{
	(void)x, run_inspect_plan(&a->run);
}
static void act_inspect_close(struct app *a, struct action *x)
{
	(void)x, run_inspect_close(&a->run);
}
static void act_answer(struct app *a, struct action *x) { course_answer(&a->course, x->n); }
static void act_hint(struct app *a, struct action *x) { (void)x, course_toggle_hint(&a->course); }
static void act_solution(struct app *a, struct action *x)
{
	(void)x, course_toggle_solution(&a->course);
}
static void act_relayout(struct app *a, struct action *x) { (void)x, frame_layout(a); }

static void act_present(struct app *a, struct action *x)
{
	a->present = !a->present;
	theme_present(a->present);
	act_relayout(a, x);
}

static void act_speed(struct app *a, struct action *x)
{
	int ms = run_speed(&a->run, x->n);
	if (a->run.busy != RUN_IDLE)
		return;
	if (ms)
		status_set(&a->status, ROLE_NORMAL, "live runs: one statement every %d ms", ms);
	else
		status_set(&a->status, ROLE_NORMAL, "live runs: full speed");
}

static void (*const acts[ACT_COUNT])(struct app *, struct action *) = {
	[ACT_RELAYOUT] = act_relayout,
	[ACT_QUIT] = act_quit,
	[ACT_MESSAGE] = act_message,
	[ACT_RUN] = act_run,
	[ACT_BENCH] = act_bench,
	[ACT_SET] = act_set,
	[ACT_SQL] = act_sql,
	[ACT_RESET_DB] = act_reset_db,
	[ACT_ASK_RESET] = act_ask_reset,
	[ACT_CONFIRM] = act_confirm,
	[ACT_HELP] = act_help,
	[ACT_HELP_CLOSE] = act_help_close,
	[ACT_PROMPT] = act_prompt,
	[ACT_FOCUS] = act_focus,
	[ACT_FOCUS_AT] = act_focus_at,
	[ACT_PRESENT] = act_present,
	[ACT_BLANK] = act_blank,
	[ACT_FREEZE] = act_freeze,
	[ACT_SPEED] = act_speed,
	[ACT_PAUSE] = act_pause,
	[ACT_CANCEL] = act_cancel,
	[ACT_CLEAR_OUTPUT] = act_clear,
	[ACT_MOVE] = act_move,
	[ACT_GOTO] = act_goto,
	[ACT_ANSWER] = act_answer,
	[ACT_HINT] = act_hint,
	[ACT_SOLUTION] = act_solution,
	[ACT_INSPECT] = act_inspect,
	[ACT_INSPECT_AT] = act_inspect_at,
	[ACT_INSPECT_GROUP] = act_inspect_group,
	[ACT_INSPECT_ROW] = act_inspect_row,
	[ACT_INSPECT_PLAN] = act_inspect_plan,
	[ACT_INSPECT_CLOSE] = act_inspect_close,
	[ACT_BENCH_DETAIL] = act_details,
	[ACT_LESSON] = act_lesson,
	[ACT_GUESS_OPEN] = act_guess_open,
	[ACT_GUESS] = act_guess,
};

/* Carry out what a key asked for, and free it. */
static void act(struct app *a, struct action *x)
{
	if (acts[x->act])
		acts[x->act](a, x);
	action_done(x);
}

/* Ctrl-L (the key table's row, in every state): another program may have
 * written over the screen, so the next refresh redraws every cell. */
static bool repaint_key(int ch)
{
	if (ch == ERR || keys_input(ch, 0) != ACT_REPAINT)
		return false;
	clearok(curscr, TRUE);
	return true;
}

/* A key read while something runs: the run's keys, a replay stepping back, or
 * the terminal gone. */
static void host_poll(void *ctx, int timeout_ms, int run_ms)
{
	struct app *a = ctx;
	int ch = input_key(a->input, timeout_ms, run_ms);
	if (ch == ERR || ch == INPUT_REDRAW || repaint_key(ch))
		return;
	if (ch == INPUT_RESTART) { /* stop here, restart after */
		a->restart = true;
		run_cancel(&a->run);
		return;
	}
	struct action x = ch == INPUT_GONE ? action_make(ACT_QUIT, 0) : keys_dispatch(a, ch);
	act(a, &x);
}

static void host_frame(void *ctx) { frame_draw(ctx); }

static bool host_interrupted(void *ctx, bool take_sigint)
{
	(void)ctx;
	if (!got_signal)
		return false;
	if (take_sigint && got_signal == SIGINT)
		got_signal = 0;
	return true;
}

static bool host_quiet(void *ctx) { return input_virtual(((struct app *)ctx)->input); }

static void where(void *ctx, char *buf, size_t size)
{
	const struct app *a = ctx;
	snprintf(buf, size, "lesson %d, step %d", a->course.lesson + 1, a->course.step + 1);
}

/* The run, the lessons and the panes as the tutor starts them. */
static void start(struct app *a, const struct run_host *host)
{
	run_init(&a->run, &a->status, host);
	status_set(&a->status, ROLE_DIM, "press r to run this step's experiment, ? for help");
	course_open(&a->course, &a->status,
		    a->opt.lessons_dir ? a->opt.lessons_dir : lesson_default_dir(), a->opt.lesson,
		    a->opt.record || a->opt.replay);
	demo_start(a);
	for (int i = 0; i < pane_count(); i++)
		a->pane_state[i] =
			pane_get(i)->state_size ? util_calloc(1, pane_get(i)->state_size) : NULL;
	a->focus = pane_focus_first();
}

static void stop(struct app *a)
{
	for (int i = 0; i < pane_count(); i++) {
		if (pane_get(i)->done)
			pane_get(i)->done(a->pane_state[i]);
		free(a->pane_state[i]);
	}
	course_close(&a->course);
	run_done(&a->run);
}

/* Back to the state the tutor started in, for a replay stepping back. */
static void restart(struct app *a)
{
	const struct run_host *host = a->run.host;
	if (prompt_is_open())
		prompt_cancel();
	stop(a);
	a->help = a->blank = a->restart = false;
	a->present = a->opt.present;
	theme_present(a->present);
	start(a, host);
	frame_layout(a);
}

int ui_main(const struct ui_options *opt)
{
	struct app a = { .opt = *opt, .present = opt->present };
	const struct run_host host = { host_frame, host_poll, host_interrupted, host_quiet, &a };
	char *err = NULL;
	a.input = input_new(&a.status);
	input_on_mark(a.input, where, &a);
	/* A recording is checked whole before anything starts. */
	if (opt->replay && input_replay(a.input, opt->replay, opt->speed, &err)) {
		fprintf(stderr, "nplus1: %s\n", err);
		free(err);
		input_done(a.input, &err);
		return 2;
	}
	demo_options(&a);
	void *cast_out = NULL, *cast_in = NULL;
	if (opt->cast && !(a.cast = demo_cast_open(&a, opt->cast, &cast_out, &cast_in, &err))) {
		fprintf(stderr, "nplus1: %s\n", err);
		free(err);
		input_done(a.input, &err);
		return 1;
	}
	if (!a.cast && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fputs("nplus1: the tutor needs a terminal; for scripts use "
		      "'nplus1 run STRATEGY' (see 'nplus1 --help')\n",
		      stderr);
		input_done(a.input, &err);
		return 2;
	}
	if (opt->record && input_record(a.input, opt->record, &err)) {
		fprintf(stderr, "nplus1: %s\n", err);
		free(err);
		input_done(a.input, &err);
		return 2;
	}
	/* A terminal that cannot move the cursor would show garbage: say so, as
	 * other curses programs do, before anything is drawn. */
	const char *term = a.cast ? "xterm-256color" : getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		fprintf(stderr,
			"nplus1: the tutor needs a terminal that can move the cursor "
			"(TERM is %s); for scripts use 'nplus1 run STRATEGY'\n",
			term && *term ? term : "not set");
		input_done(a.input, &err);
		return 1;
	}
	start(&a, &host);

	install_signals();
	guard_install();
	if (!(a.cast ? newterm(term, cast_out, cast_in) : newterm(NULL, stdout, stdin))) {
		/* initscr would exit on its own */
		fprintf(stderr, "nplus1: cannot use the terminal type '%s' (TERM)\n", term);
		guard_remove();
		demo_cast_close(a.cast, &err);
		free(err);
		stop(&a);
		input_done(a.input, &err);
		return 1;
	}
	util_on_fatal(restore_terminal);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	/* Clicks and the wheel; while the tutor has the mouse, most terminals
	 * select text with Shift held (--no-mouse leaves it to them). */
	if (!opt->no_mouse)
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED,
			  NULL);
	bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	theme_init(opt->mono, utf8);
	theme_present(a.present);
	prompt_init(&a.status);
	frame_layout(&a);
	demo_begin(&a);

	bool ctrl_c = false;	  /* a Ctrl-C was answered with "again quits" */
	bool interrupted = false; /* the next read may come back empty, once */
	int quit_signal = 0;
	while (!a.quit) {
		/* A SIGTERM or SIGHUP that stopped a run ends the tutor now, without
		 * waiting for a key. */
		if (got_signal && got_signal != SIGINT) {
			quit_signal = got_signal;
			break;
		}
		frame_draw(&a);
		/* An Esc at the prompt waits a moment for the key it may start; that
		 * wait is time a quiet replay must see pass too. A bench's pipes are
		 * read between keys. */
		int asked = prompt_wait_ms(), run_ms = asked > 0 ? asked : 0;
		int ch = input_key(a.input, run_bench_wait(&a.run, asked), run_ms);
		run_bench_poll(&a.run, 0);
		/* Ctrl-C (the signal, or the key where the terminal passes it through)
		 * cancels; only a second one in a row quits. */
		if (got_signal == SIGINT || ch == 3) {
			got_signal = 0;
			if (prompt_is_open() || run_bench_active(&a.run)) { /* that first */
				if (prompt_is_open()) {
					prompt_cancel();
					status_set(&a.status, ROLE_DIM, "line dropped (Ctrl-C)");
				} else {
					run_bench_cancel(&a.run);
				}
				ctrl_c = false, interrupted = true;
				continue;
			}
			if (input_replaying(a.input)) { /* Ctrl-C stops a replay first */
				input_stop(a.input, "replay stopped (Ctrl-C): you have the keys");
				ctrl_c = false, interrupted = true;
				continue;
			}
			if (!ctrl_c) {
				ctrl_c = true;
				status_set(&a.status, ROLE_ERROR, "Ctrl-C again quits; so does q");
				interrupted = true;
				continue;
			}
			quit_signal = SIGINT;
			break;
		}
		/* The read a signal interrupted can come back empty once more: that is
		 * not a terminal gone, after a Ctrl-C that was answered. */
		if (ch == INPUT_GONE && interrupted) {
			interrupted = false;
			continue;
		}
		interrupted = false;
		if (got_signal || ch == INPUT_GONE) {
			quit_signal = got_signal;
			break;
		}
		if (ch != ERR && ch != INPUT_REDRAW)
			ctrl_c = false;
		if (repaint_key(ch))
			continue;
		if (ch != INPUT_RESTART && ch != INPUT_REDRAW && (ch != ERR || asked > 0)) {
			struct action x = keys_dispatch(&a, ch);
			act(&a, &x);
		}
		if (ch == INPUT_RESTART || a.restart) { /* a replay stepped back, maybe mid-run */
			restart(&a);
			input_rewind(a.input);
		}
	}
	prompt_done();
	endwin();
	demo_cast_frame(&a); /* the terminal as endwin leaves it */
	guard_remove();
	util_on_fatal(NULL);
	/* Ended by a signal: the shell's convention, 128 + its number. Progress was
	 * saved as it was made. */
	int status = quit_signal ? 128 + quit_signal : 0;
	if (input_done(a.input, &err)) {
		fprintf(stderr, "nplus1: the recording may be incomplete: %s\n", err);
		free(err);
		status = 1;
	}
	if (demo_cast_close(a.cast, &err)) {
		fprintf(stderr, "nplus1: %s\n", err);
		free(err);
		status = 1;
	}
	/* Progress a locked file missed: written now, or said plainly. */
	char *lost = progress_flush(a.course.progress);
	if (lost) {
		fprintf(stderr, "nplus1: %s\n", lost);
		free(lost);
	}
	stop(&a);
	return status;
}
