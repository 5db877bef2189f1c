/* ui: the main loop, layout, tabs, key bar, status line and live-run pacing.
 *
 * Input blocks in getch() while idle, so an idle tutor uses no CPU. During a live
 * run the engine calls back once per statement; the callback records the event and
 * paces the run: at full speed it draws at most 30 frames a second, slowed it
 * waits between statements while still answering keys. Only ui_frame() paints. */
#include "config.h"

#include "ui/ui.h"
#include "ui/input.h"
#include "ui/prompt.h"
#include "util.h"

#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MIN_COLS = 80, MIN_LINES = 24, FRAME_NS = 33000000 };

/* Pause between statements at each speed, slowest last. */
static const int speed_ms[UI_SPEEDS] = { 0, 10, 50, 100, 250 };

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) { got_signal = sig; }

int ui_should_stop(void *ctx)
{
	struct ui *ui = ctx;
	if (got_signal) {
		if (got_signal == SIGINT)
			got_signal = 0; /* Ctrl-C stops the query, not the tutor */
		return 1;
	}
	/* Keys and frames a few times a second: cheap enough to ask often. */
	int64_t now = util_now_ns();
	if (now - ui->last_frame_ns < 100000000)
		return 0;
	ui_message(ui, ROLE_DIM, "running your SQL for %.1f s: Esc or Ctrl-C stops it",
		   (double)(now - ui->sql_start_ns) / 1e9);
	ui_frame(ui);
	timeout(0);
	int ch = getch();
	timeout(-1);
	return ch == 27 || ch == 3;
}

void ui_message(struct ui *ui, enum role r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->message_role = r;
}

/* Panes share the screen: lesson text on the left; counter, log and chart on the
 * right. Extra height goes to the log and chart, extra width to the right side. */
static void layout(struct ui *ui)
{
	ui->too_small = COLS < MIN_COLS || LINES < MIN_LINES;
	if (ui->too_small)
		return;
	/* Presenting: no key bar, a narrower lesson, a counter tall enough for big
	 * digits; the log and the chart get the rest. */
	int body = LINES - (ui->present ? 2 : 3); /* tabs above; status (and keys) below */
	int left = ui->present ? COLS / 4 : COLS * 3 / 8 - 1; /* 29 at 80: the log needs room */
	if (left > 60)
		left = 60;
	int right = COLS - left;
	int chart_h = body >= 30 ? body / 3 : 7;
	int counter_h = ui->present ? 7 : 4;
	ui->tabs = (struct rect){ 0, 0, 1, COLS };
	ui->lesson_r = (struct rect){ 1, 0, body, left };
	ui->counter_r = (struct rect){ 1, left, counter_h, right };
	ui->log_r = (struct rect){ 1 + counter_h, left, body - counter_h - chart_h, right };
	ui->chart_r = (struct rect){ 1 + body - chart_h, left, chart_h, right };
	ui->status_r = (struct rect){ LINES - (ui->present ? 1 : 2), 0, 1, COLS };
	ui->keybar_r = (struct rect){ LINES - 1, 0, ui->present ? 0 : 1, COLS };
}

/* Tabs share the row: each gets an equal share of what is left after the name. */
static int tab_width(const struct ui *ui)
{
	int n = course_count(ui);
	return n ? (COLS - 8) / n : COLS;
}

static void draw_tabs(struct ui *ui)
{
	const struct rect *r = &ui->tabs;
	int x = r->x;
	x += draw_text(r->y, x, r->w, " nplus1 ", ROLE_TITLE);
	for (int i = 0; i < course_count(ui); i++) {
		char label[96];
		course_tab_label(ui, i, tab_width(ui), label, sizeof label);
		enum role role = i == ui->lesson	       ? ROLE_TAB_ACTIVE
				 : !ui->lessons.lessons[i] ? ROLE_ERROR
				 : ui->done[i]		       ? ROLE_TAB_DONE
							       : ROLE_TAB;
		x += draw_text(r->y, x, r->x + r->w - x, label, role);
	}
}

/* Key names and what they do, as the key bar shows them in each state. */
static void draw_keybar(struct ui *ui)
{
	if (ui->keybar_r.h == 0)
		return;
	static const char *const idle[] = { "r", "run", ":", "prompt", "Tab", "focus",
					    "g", "group", "b", "bench", "?", "help", "q", "quit" };
	static const char *const running[] = { "space", "pause", "+/-", "speed", "Esc",
					       "stop", "q", "quit" };
	const char *const *keys = ui->running ? running : idle;
	size_t n = ui->running ? sizeof running / sizeof *running : sizeof idle / sizeof *idle;
	const struct rect *r = &ui->keybar_r;
	int x = r->x;
	for (size_t i = 0; i + 1 < n; i += 2) {
		x += draw_text(r->y, x, r->x + r->w - x, keys[i], ROLE_KEY);
		x += draw_text(r->y, x, r->x + r->w - x, " ", ROLE_NORMAL);
		x += draw_text(r->y, x, r->x + r->w - x, keys[i + 1], ROLE_NORMAL);
		x += draw_text(r->y, x, r->x + r->w - x, "  ", ROLE_NORMAL);
	}
}

static void draw_too_small(void)
{
	struct rect all = { 0, 0, LINES, COLS };
	char msg[96];
	snprintf(msg, sizeof msg, "enlarge the terminal to %d%s%d (now %d%s%d)", MIN_COLS,
		 theme_glyphs()->times, MIN_LINES, COLS, theme_glyphs()->times, LINES);
	draw_centred(&all, LINES / 2, msg, ROLE_ERROR);
	if (LINES > 2)
		draw_centred(&all, LINES / 2 + 1, "q quits", ROLE_DIM);
}

void ui_frame(struct ui *ui)
{
	if (input_quiet(ui))
		return; /* a replay stepping back draws only where it stops */
	erase();
	if (ui->blank) {
		/* a clicker's blank screen: nothing, until b or . again */
	} else if (ui->too_small) {
		draw_too_small();
	} else {
		draw_tabs(ui);
		lessonpane_draw(ui, &ui->lesson_r);
		counter_draw(ui, &ui->counter_r);
		logpane_draw(ui, &ui->log_r);
		chart_draw(ui, &ui->chart_r);
		char replay[256];
		const char *rs = input_status(ui, replay, sizeof replay);
		if (ui->prompt_open)
			prompt_draw(ui, &ui->status_r);
		else if (rs)
			draw_text(ui->status_r.y, 0, COLS, rs, ROLE_PROMPT);
		else
			draw_text(ui->status_r.y, 0, COLS, ui->message, ui->message_role);
		draw_keybar(ui);
		if (ui->help)
			help_draw(ui);
	}
	if (ui->prompt_open && !ui->too_small && !ui->help && !ui->blank)
		prompt_place_cursor(ui, &ui->status_r);
	else
		curs_set(0);
	refresh();
	ui->last_frame_ns = util_now_ns();
}

/* 'f': hold the log and the counter still, so an instructor can point at a
 * statement while the run goes on underneath; again to catch up. */
static void ui_freeze(struct ui *ui)
{
	ui->frozen = !ui->frozen;
	if (!ui->frozen)
		return;
	const struct runlog_stmt *last = runlog_last(&ui->runlog);
	ui->frozen_seq = last ? last->seq : 0;
	ui->frozen_count = ui->count;
	ui->frozen_rows = ui->rows;
	ui->frozen_ns = ui->running ? util_now_ns() - ui->run_start_ns : ui->run_ns;
}

/* Keys a live run answers between statements; everything else waits. */
static void run_key(struct ui *ui, int ch)
{
	switch (ch) {
	case ' ':
		ui->paused = !ui->paused;
		break;
	case '+':
	case '=':
		if (ui->speed > 0)
			ui->speed--;
		break;
	case '-':
		if (ui->speed < UI_SPEEDS - 1)
			ui->speed++;
		break;
	case 'q':
		ui->quit = !input_replayed(ui); /* a recording's last q leaves the tutor be */
		/* fall through */
	case 27: /* Esc */
	case 3:	 /* ^C */
		ui->cancelled = true;
		experiment_cancel(ui->ex);
		break;
	case 'f':
		ui_freeze(ui);
		break;
	case INPUT_RESTART: /* a replay stepping back: stop here, restart after */
		ui->restart = true;
		ui->cancelled = true;
		experiment_cancel(ui->ex);
		break;
	case KEY_RESIZE:
		layout(ui);
		break;
	}
}

/* Between two statements: draw when a frame is due, wait as the speed says, and
 * stay paused while the learner wants. */
static void pace(struct ui *ui)
{
	int delay_ms = speed_ms[ui->speed];
	if (input_quiet(ui)) { /* replaying quietly: no clock, no drawing */
		do {
			int ch = input_key(ui, ui->paused ? -1 : 0, ui->paused ? 0 : delay_ms);
			if (ch != ERR && ch != INPUT_REDRAW)
				run_key(ui, ch);
		} while (ui->paused && input_quiet(ui) && !ui->cancelled);
		return;
	}
	int64_t now = util_now_ns();
	if (delay_ms == 0 && now - ui->last_frame_ns < FRAME_NS && !ui->paused)
		return;
	int64_t until = now + (int64_t)delay_ms * 1000000;
	do {
		if (got_signal) {
			run_key(ui, 3);
			return;
		}
		ui_frame(ui);
		int64_t left = until - util_now_ns();
		int ch = input_key(ui, ui->paused ? -1 : (int)(left > 0 ? left / 1000000 : 0), 0);
		if (ch == INPUT_GONE) { /* no terminal: stop the run, then the tutor */
			ui->quit = true;
			ch = 27;
		}
		if (ch != ERR && ch != INPUT_REDRAW)
			run_key(ui, ch);
	} while (!ui->cancelled && (ui->paused || util_now_ns() < until));
}

static void on_event(void *ctx, enum sqllog_event ev, const struct sqllog_entry *e)
{
	struct ui *ui = ctx;
	if (ev == SQLLOG_STATEMENT) {
		ui->count = e->seq;
		struct loggroup *g = loggroups_add(ui->groups, e->seq, e->sql, e->params, e->nparams);
		runlog_add(&ui->runlog, e->seq, g, e->params, e->nparams);
		if (ui->running)
			pace(ui);
	} else if (ev == SQLLOG_SETUP) { /* the tables and rows being made: lesson 1 */
		struct loggroup *g = loggroups_add(ui->groups, 0, e->sql, NULL, 0);
		runlog_add(&ui->runlog, 0, g, NULL, 0)->rows = e->rows;
		pace(ui);
	} else if (ev == SQLLOG_FINISHED) {
		struct runlog_stmt *last = runlog_last(&ui->runlog);
		if (last && last->seq == e->seq)
			last->rows = e->rows, last->duration_ns = e->duration_ns;
		ui->rows += e->rows;
	}
}

void ui_clear_output(struct ui *ui)
{
	for (size_t i = 0; i < ui->noutput; i++)
		free(ui->output[i]);
	free(ui->output);
	ui->output = NULL;
	ui->noutput = 0;
}

void ui_forget_run(struct ui *ui)
{
	ui_clear_output(ui);
	loggroups_reset(ui->groups);
	runlog_clear(&ui->runlog);
	ui->count = ui->rows = 0;
	ui->log_scroll = 0;
	ui->log_cursor = 0;
}

void ui_run(struct ui *ui, const struct spec *spec)
{
	ui_forget_run(ui);
	free(ui->run_error);
	ui->run_error = NULL;
	ui->spec = *spec;
	/* Building a new dataset is not part of the run: do it before the clock. */
	char *err = NULL;
	ui_message(ui, ROLE_DIM, "building %ld orders over %ld customers...", spec->orders,
		   spec->customers);
	ui_frame(ui);
	if (experiment_prepare(ui->ex, spec, &err)) {
		ui_message(ui, ROLE_ERROR, "cannot build the database: %s", err);
		free(err);
		return;
	}
	ui->running = true, ui->paused = false, ui->cancelled = false, ui->ran = true;
	ui->run_start_ns = util_now_ns();
	ui_message(ui, ROLE_DIM, "running %s over %ld orders / %ld customers...",
		   spec->strategy->name, spec->orders, spec->customers);
	ui_frame(ui);
	struct experiment_result res;
	enum session_status st = experiment_run(ui->ex, spec, &res);
	ui->running = false;
	ui->run_ns = util_now_ns() - ui->run_start_ns;
	ui->count = res.queries;
	ui->rows = res.rows;
	if (ui->cancelled)
		ui_message(ui, ROLE_ERROR, "stopped after %llu statements",
			   (unsigned long long)res.queries);
	else if (st == SESSION_RAISED)
		ui_message(ui, ROLE_ERROR, "raised: %s", res.error);
	else if (st == SESSION_FAILED)
		ui_message(ui, ROLE_ERROR, "failed: %s", res.error);
	else
		ui_message(ui, ROLE_NORMAL, "%s: %llu statements, %llu rows in %.1f ms",
			   spec->strategy->name, (unsigned long long)res.queries,
			   (unsigned long long)res.rows, (double)ui->run_ns / 1e6);
	ui->run_error = res.error;
	course_after_run(ui);
}

void ui_bench(struct ui *ui, const struct spec_bench *b)
{
	ui->nchart = 0;
	for (int z = 0; z < b->nsizes; z++)
		for (int k = 0; k < b->nstrategies && ui->nchart < UI_CHART_MAX; k++) {
			struct spec spec = spec_bench_at(b, z, k);
			ui_message(ui, ROLE_DIM, "timing %s at %ld orders (%d runs)...",
				   spec.strategy->name, spec.orders, b->repeat);
			ui_frame(ui);
			struct ui_chart_entry *c = &ui->chart[ui->nchart];
			char *err = NULL;
			if (experiment_time(ui->ex, &spec, b->repeat, &c->t, &err) != SESSION_OK) {
				ui_message(ui, ROLE_ERROR, "%s: %s", spec.strategy->name, err);
				free(err);
				continue;
			}
			c->strategy = spec.strategy->name;
			c->orders = spec.orders;
			c->customers = spec.customers;
			ui->nchart++;
		}
	ui_message(ui, ROLE_NORMAL, "timed %d runs each; medians with min-max whiskers",
		   b->repeat);
}

/* A click: on a tab it opens that lesson; in a pane it focuses it. */
static enum ui_intent mouse(struct ui *ui)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || ui->too_small)
		return UI_NONE;
	if (ev.y == ui->tabs.y) {
		int x = draw_width(" nplus1 ", 8);
		for (int i = 0; i < course_count(ui); i++) {
			char label[96];
			course_tab_label(ui, i, tab_width(ui), label, sizeof label);
			int w = draw_width(label, strlen(label));
			if (ev.x >= x && ev.x < x + w) {
				course_goto(ui, i, 0);
				return UI_REDRAW;
			}
			x += w;
		}
		return UI_NONE;
	}
	const struct { const struct rect *r; enum ui_focus f; } panes[] = {
		{ &ui->lesson_r, FOCUS_LESSON },
		{ &ui->log_r, FOCUS_LOG },
		{ &ui->chart_r, FOCUS_CHART },
	};
	for (size_t i = 0; i < sizeof panes / sizeof *panes; i++) {
		const struct rect *r = panes[i].r;
		if (ev.y >= r->y && ev.y < r->y + r->h && ev.x >= r->x && ev.x < r->x + r->w) {
			ui->focus = panes[i].f;
			return UI_REDRAW;
		}
	}
	return UI_NONE;
}

/* Idle keys: global ones first, then the focused pane's. */
static enum ui_intent key(struct ui *ui, int ch)
{
	if (ui->help) {
		if (ch != KEY_RESIZE && ch != KEY_MOUSE)
			ui->help = false;
		return ch == KEY_RESIZE ? UI_RELAYOUT : UI_REDRAW;
	}
	if (ui->too_small)
		return ch == 'q' || ch == 3 ? UI_QUIT : ch == KEY_RESIZE ? UI_RELAYOUT : UI_NONE;
	if (ui->present && (ch == 'b' || ch == '.')) { /* a clicker's blank-screen key */
		ui->blank = !ui->blank;
		return UI_REDRAW;
	}
	if (ui->blank)
		return ch == 'q' ? UI_QUIT : ch == KEY_RESIZE ? UI_RELAYOUT : UI_NONE;
	switch (ch) {
	case 'q':
	case 3:
		return UI_QUIT;
	case '?':
	case KEY_F(1):
		ui->help = true;
		return UI_REDRAW;
	case 'r':
		return UI_RUN;
	case 'b':
	case 'B':
		return UI_BENCH;
	case 'P':
		ui->present = !ui->present;
		theme_present(ui->present);
		return UI_RELAYOUT;
	case 'f':
		ui_freeze(ui);
		return UI_REDRAW;
	case ':':
		return UI_PROMPT;
	case '\t':
		ui->focus = (ui->focus + 1) % FOCUS_COUNT;
		return UI_REDRAW;
	case KEY_BTAB:
		ui->focus = (ui->focus + FOCUS_COUNT - 1) % FOCUS_COUNT;
		return UI_REDRAW;
	case '+':
	case '=':
	case '-':
		run_key(ui, ch);
		ui_message(ui, ROLE_NORMAL, "live runs: %s",
			   ui->speed ? "slowed" : "full speed");
		if (ui->speed)
			ui_message(ui, ROLE_NORMAL, "live runs: one statement every %d ms",
				   speed_ms[ui->speed]);
		return UI_REDRAW;
	case 'g':
		ui->grouped = !ui->grouped;
		ui->log_scroll = 0;
		return UI_REDRAW;
	case 'L':
		ui->log_scale = !ui->log_scale;
		return UI_REDRAW;
	case 27: /* Esc: back from the result of :sql to the log */
		ui_clear_output(ui);
		return UI_REDRAW;
	case KEY_RESIZE:
		return UI_RELAYOUT;
	case KEY_MOUSE:
		return mouse(ui);
	}
	if (ui->confirm == CONFIRM_RESET_PROGRESS) {
		ui->confirm = CONFIRM_NONE;
		if (ch == 'y' || ch == 'Y')
			course_reset_progress(ui);
		else
			ui_message(ui, ROLE_NORMAL, "progress kept");
		return UI_REDRAW;
	}
	const struct lesson_step *st = course_step(ui);
	if (ch >= '1' && ch <= '9') {
		/* Digits answer the step's quiz when it has one; else they open a lesson. */
		if (st && st->quiz)
			course_answer(ui, ch - '1');
		else if (ch - '1' < course_count(ui))
			course_goto(ui, ch - '1', 0);
		return UI_REDRAW;
	}
	switch (ch) {
	case 'h':
		ui->show_hint = !ui->show_hint;
		if (st && !st->hint)
			ui_message(ui, ROLE_DIM, "this step has no hint");
		return UI_REDRAW;
	case 'S':
		ui->show_solution = !ui->show_solution;
		if (st && !st->solution)
			ui_message(ui, ROLE_DIM, "this step has no solution to show");
		return UI_REDRAW;
	case KEY_RIGHT:
	case 'l':
	case KEY_LEFT:
		if (ui->focus == FOCUS_CHART)
			break; /* the chart pages with them */
		course_move(ui, ch == KEY_LEFT ? -1 : 1);
		return UI_REDRAW;
	case KEY_NPAGE:
	case KEY_PPAGE:
		if (ui->focus != FOCUS_LOG || ui->present) { /* a clicker walks the steps */
			course_move(ui, ch == KEY_NPAGE ? 1 : -1);
			return UI_REDRAW;
		}
		break;
	}
	switch (ui->focus) {
	case FOCUS_LOG:
		return logpane_key(ui, ch);
	case FOCUS_CHART:
		return chart_key(ui, ch);
	default:
		return lessonpane_key(ui, ch);
	}
}

/* An out-of-memory abort prints to a terminal in curses mode: put it back first. */
static void restore_terminal(void) { endwin(); }

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

/* The experiment, the run and the lesson position as the tutor starts them. */
static void fresh_state(struct ui *ui)
{
	ui->defaults = spec_default();
	ui->spec = (struct spec){ 0 };
	ui->ex = experiment_new(4096);
	sqllog_subscribe(experiment_log(ui->ex), on_event, ui);
	ui_message(ui, ROLE_DIM, "press r to run this step's experiment, ? for help");
	course_open(ui);
}

void ui_restart(struct ui *ui)
{
	if (ui->prompt_open)
		prompt_cancel(ui);
	course_close(ui);
	experiment_free(ui->ex);
	ui_forget_run(ui);
	free(ui->run_error);
	ui->run_error = NULL;
	ui->nchart = ui->chart_page = 0;
	ui->speed = 0;
	ui->ran = ui->running = ui->paused = ui->cancelled = ui->restart = false;
	ui->run_ns = 0;
	ui->grouped = ui->log_scale = ui->help = ui->blank = ui->frozen = false;
	ui->focus = FOCUS_LESSON;
	ui->confirm = CONFIRM_NONE;
	ui->present = ui->opt.present;
	theme_present(ui->present);
	layout(ui);
	fresh_state(ui);
}

/* What an intent asks for, beyond redrawing. */
static void act(struct ui *ui, enum ui_intent in)
{
	switch (in) {
	case UI_QUIT:
		ui->quit = true;
		break;
	case UI_RUN: {
		const struct lesson_step *st = course_step(ui);
		if (st && st->has_run)
			ui_run(ui, &st->run);
		else
			ui_message(ui, ROLE_DIM, "this step has no experiment; : opens the prompt "
						 "to run your own");
		break;
	}
	case UI_BENCH: {
		const struct lesson_step *st = course_step(ui);
		struct spec_bench b = st && st->has_chart ? lesson_chart_bench(st, &ui->defaults)
							  : spec_bench_default(&ui->defaults);
		ui_bench(ui, &b);
		break;
	}
	case UI_PROMPT:
		prompt_open(ui);
		break;
	default:
		break;
	}
}

int ui_main(const struct ui_options *opt)
{
	struct ui ui = { .opt = *opt };
	char *err = NULL;
	/* A recording is checked whole before anything starts. */
	if (opt->replay && input_replay(&ui, opt->replay, opt->speed, &err)) {
		fprintf(stderr, "nplus1: %s\n", err);
		free(err);
		input_done(&ui, &err);
		return 2;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("nplus1: the tutor needs a terminal; for scripts use "
		      "'nplus1 run STRATEGY' (see 'nplus1 --help')\n", stderr);
		input_done(&ui, &err);
		return 2;
	}
	if (opt->record && input_record(&ui, opt->record, &err)) {
		fprintf(stderr, "nplus1: %s\n", err);
		free(err);
		input_done(&ui, &err);
		return 2;
	}
	/* Recording and replaying start from the same place every time. */
	ui.ephemeral = opt->record || opt->replay;
	ui.present = opt->present;
	ui.lessons_dir = opt->lessons_dir ? opt->lessons_dir : lesson_default_dir();
	ui.groups = loggroups_new();
	runlog_init(&ui.runlog, 4096);
	fresh_state(&ui);

	install_signals();
	if (!initscr()) {
		fputs("nplus1: cannot initialise the terminal (is TERM set?)\n", stderr);
		return 1;
	}
	util_on_fatal(restore_terminal);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
	bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	theme_init(opt->mono, utf8);
	theme_present(ui.present);
	prompt_init(&ui);
	layout(&ui);

	enum ui_intent in = UI_REDRAW;
	while (!ui.quit) {
		if (in == UI_RELAYOUT)
			layout(&ui);
		ui_frame(&ui);
		int ch = input_key(&ui, -1, 0);
		if (got_signal || ch == INPUT_GONE)
			break;
		if (ch == INPUT_RESTART || ui.restart) {
			ui_restart(&ui);
			input_rewind(&ui);
			in = UI_RELAYOUT;
			continue;
		}
		if (ch == INPUT_REDRAW || ch == ERR) {
			in = UI_REDRAW;
			continue;
		}
		in = ui.prompt_open ? prompt_key(&ui, ch) : key(&ui, ch);
		if (in == UI_QUIT && input_replayed(&ui)) {
			/* the recording ended by quitting: the presenter stays */
			input_stop(&ui, "replay finished: the recording quit here; you have the keys");
			in = UI_REDRAW;
		}
		act(&ui, in);
		if (ui.restart) { /* stepped back during a run */
			ui_restart(&ui);
			input_rewind(&ui);
			in = UI_RELAYOUT;
		}
	}
	prompt_done(&ui);
	endwin();
	util_on_fatal(NULL);
	int status = 0;
	if (input_done(&ui, &err)) {
		fprintf(stderr, "nplus1: the recording may be incomplete: %s\n", err);
		free(err);
		status = 1;
	}
	course_close(&ui);
	ui_clear_output(&ui);
	free(ui.run_error);
	loggroups_free(ui.groups);
	runlog_done(&ui.runlog);
	experiment_free(ui.ex);
	return status;
}
