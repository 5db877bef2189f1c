/* prompt: see prompt.h.
 *
 * Readline keeps global state, so this file does too: the one key being fed, the
 * line readline handed back, and the ui the callbacks act on. Curses decodes
 * function keys itself (keypad mode); they are turned back into the ANSI
 * sequences readline binds by default, so editing works the same on every
 * terminal. Readline never writes to the terminal: its output goes to /dev/null
 * and the prompt pane draws rl_line_buffer. */
#include "config.h"

#include "ui/prompt.h"
#include "expr.h"
#include "util.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <readline/history.h>
#include <readline/readline.h>

static const char prompt_text[] = ":";

static int fed_char;
static bool have_char, line_ready;
static char *line;
static FILE *null_out;
static struct ui *active;

static int feed_getc(FILE *f)
{
	(void)f;
	have_char = false;
	return fed_char;
}

static int feed_available(void) { return have_char; }
static void no_redisplay(void) {}
static void no_prep(int meta) { (void)meta; }
static void no_deprep(void) {}

static void on_line(char *l)
{
	line = l;
	line_ready = true;
	rl_callback_handler_remove();
}

static int word_start; /* where the word being completed starts */

static char *complete_word(const char *text, int state)
{
	static size_t i;
	if (!state)
		i = 0;
	const char *w = expr_complete(rl_line_buffer, (size_t)word_start, text, i++);
	if (!w)
		return NULL;
	/* "joinedload(" and "orders=" take their argument straight after. */
	size_t n = strlen(w);
	if (n && (w[n - 1] == '(' || w[n - 1] == '='))
		rl_completion_suppress_append = 1;
	return util_strdup(w);
}

static char **complete(const char *text, int start, int end)
{
	(void)end;
	word_start = start;
	rl_attempted_completion_over = 1; /* never fall back to file names */
	return rl_completion_matches(text, complete_word);
}

/* Readline would print the candidates below the prompt; show them on the status
 * line of the screen instead. */
static void show_matches(char **matches, int n, int longest)
{
	(void)longest;
	char buf[sizeof active->message];
	size_t at = (size_t)snprintf(buf, sizeof buf, "completions:");
	for (int i = 1; i <= n && at < sizeof buf; i++)
		at += (size_t)snprintf(buf + at, sizeof buf - at, " %s", matches[i]);
	ui_message(active, ROLE_DIM, "%s", buf);
}

char *prompt_history_path(void) { return util_state_path("history"); }

void prompt_init(struct ui *ui)
{
	active = ui;
	rl_readline_name = "nplus1";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_prep_term_function = no_prep;
	rl_deprep_term_function = no_deprep;
	rl_getc_function = feed_getc;
	rl_input_available_hook = feed_available;
	rl_redisplay_function = no_redisplay;
	null_out = fopen("/dev/null", "w");
	rl_outstream = null_out;
	rl_attempted_completion_function = complete;
	rl_completion_display_matches_hook = show_matches;
	rl_initialize(); /* reads ~/.inputrc */
	/* Pasted text must arrive as typed text, never wrapped in escape codes. */
	rl_variable_bind("enable-bracketed-paste", "off");
	rl_variable_bind("bell-style", "none");
	using_history();
	stifle_history(1000);
	char *path = prompt_history_path();
	if (path)
		read_history(path);
	free(path);
}

void prompt_done(struct ui *ui)
{
	(void)ui;
	if (ui->prompt_open)
		rl_callback_handler_remove();
	char *path = prompt_history_path();
	char *why = path ? util_make_parents(path) : NULL;
	if (why)
		fprintf(stderr, "nplus1: cannot save the prompt history: %s\n", why);
	else if (path && write_history(path) != 0)
		fprintf(stderr, "nplus1: cannot save the prompt history to %s\n", path);
	free(why);
	free(path);
	if (null_out)
		fclose(null_out);
	null_out = NULL;
	rl_outstream = NULL;
}

void prompt_open(struct ui *ui)
{
	ui->prompt_open = true;
	line_ready = false;
	rl_callback_handler_install(prompt_text, on_line);
}

void prompt_cancel(struct ui *ui)
{
	ui->prompt_open = false;
	rl_callback_handler_remove();
}

/* Curses' decoded keys, back into the bytes readline expects. */
static const char *key_bytes(int ch)
{
	switch (ch) {
	case KEY_LEFT: return "\033[D";
	case KEY_RIGHT: return "\033[C";
	case KEY_UP: return "\033[A";
	case KEY_DOWN: return "\033[B";
	case KEY_HOME: return "\033[H";
	case KEY_END: return "\033[F";
	case KEY_DC: return "\033[3~";
	case KEY_BACKSPACE: return "\177";
	case KEY_ENTER: return "\r";
	}
	return NULL;
}

static void output_row(void *ctx, int ncol, const char *const *names, const char *const *values)
{
	struct ui *ui = ctx;
	(void)names;
	if (ui->noutput >= 1000) /* enough to read; the message says how many */
		return;
	char *row = NULL;
	for (int i = 0; i < ncol; i++) {
		char *next = util_printf("%s%s%s", row ? row : "", i ? " | " : "",
					 values[i] ? values[i] : "NULL");
		free(row);
		row = next;
	}
	ui->output = util_realloc(ui->output, (ui->noutput + 1) * sizeof *ui->output);
	ui->output[ui->noutput++] = row ? row : util_strdup("");
}

static void run_sql(struct ui *ui, const char *sql, bool explain)
{
	ui_forget_run(ui);
	char *err = NULL;
	ui->sql_start_ns = util_now_ns();
	ui->last_frame_ns = ui->sql_start_ns; /* the first progress frame after 100 ms */
	if (experiment_sql(ui->ex, &ui->defaults, sql, explain, output_row, ui_should_stop, ui,
			   &err)) {
		ui_message(ui, ROLE_ERROR, "SQLite: %s", err);
		/* the log pane keeps it in view, with any rows that came before */
		ui->output = util_realloc(ui->output, (ui->noutput + 1) * sizeof *ui->output);
		ui->output[ui->noutput++] = util_printf("error: %s", err);
		free(err);
	} else {
		ui_message(ui, ROLE_NORMAL, "%s: %zu row%s", explain ? "query plan" : "sql",
			   ui->noutput, ui->noutput == 1 ? "" : "s");
	}
	ui->count = sqllog_count(experiment_log(ui->ex));
}

static enum ui_intent execute(struct ui *ui, const char *text)
{
	struct expr_command c;
	char *err = NULL;
	if (expr_parse(text, &ui->defaults, &c, &err)) {
		ui_message(ui, ROLE_ERROR, "%s", err);
		free(err);
		return UI_REDRAW;
	}
	enum ui_intent in = UI_REDRAW;
	switch (c.kind) {
	case EXPR_EMPTY:
		break;
	case EXPR_RUN:
		ui_run(ui, &c.spec);
		break;
	case EXPR_BENCH:
		ui_bench(ui, &c.bench);
		break;
	case EXPR_SET:
		ui->defaults = c.spec;
		ui_message(ui, ROLE_NORMAL, "runs now use %ld orders, %ld customers, %g ms latency",
			   c.spec.orders, c.spec.customers, c.spec.latency_ms);
		break;
	case EXPR_SQL:
	case EXPR_EXPLAIN:
		run_sql(ui, c.text, c.kind == EXPR_EXPLAIN);
		break;
	case EXPR_RESET:
		experiment_reset(ui->ex);
		ui_forget_run(ui);
		ui_message(ui, ROLE_NORMAL, "the database will be rebuilt and re-seeded");
		break;
	case EXPR_RESET_PROGRESS:
		ui->confirm = CONFIRM_RESET_PROGRESS;
		ui_message(ui, ROLE_ERROR, "forget every lesson's progress? y forgets, any other "
					   "key keeps it");
		break;
	case EXPR_HELP:
		ui->help = true;
		break;
	case EXPR_QUIT:
		in = UI_QUIT;
		break;
	}
	expr_command_done(&c);
	return in;
}

enum ui_intent prompt_key(struct ui *ui, int ch)
{
	if (ch == KEY_RESIZE)
		return UI_RELAYOUT;
	if (ch == 27) { /* Esc: curses already decoded every sequence it knows */
		prompt_cancel(ui);
		return UI_REDRAW;
	}
	if (ch == ERR || ch == KEY_MOUSE)
		return UI_NONE;
	const char *bytes = key_bytes(ch);
	char one[2] = { (char)ch, 0 };
	if (!bytes) {
		if (ch < 0 || ch > 255)
			return UI_NONE; /* a function key readline has no use for */
		bytes = one;
	}
	size_t n = bytes == one ? 1 : strlen(bytes);
	for (size_t i = 0; i < n && !line_ready; i++) {
		fed_char = (unsigned char)bytes[i];
		have_char = true;
		rl_callback_read_char();
	}
	if (!line_ready)
		return UI_REDRAW;
	line_ready = false;
	ui->prompt_open = false;
	enum ui_intent in = UI_REDRAW;
	if (line) {
		if (*line)
			add_history(line);
		in = execute(ui, line);
		free(line);
		line = NULL;
	}
	return in;
}

/* The line scrolls sideways so the cursor stays visible. */
static int scroll_for(const struct rect *r, int cursor_col)
{
	int room = r->w - 1;
	return cursor_col > room ? cursor_col - room : 0;
}

void prompt_draw(struct ui *ui, const struct rect *r)
{
	(void)ui;
	const char *buf = rl_line_buffer ? rl_line_buffer : "";
	int cursor = draw_width(prompt_text, sizeof prompt_text - 1) +
		     draw_width(buf, (size_t)rl_point);
	int skip = scroll_for(r, cursor);
	int x = r->x;
	if (skip == 0)
		x += draw_text(r->y, x, r->w, prompt_text, ROLE_PROMPT);
	/* skip display columns of the buffer, then draw what fits */
	const char *s = buf;
	int skipped = draw_width(prompt_text, sizeof prompt_text - 1);
	while (*s && skipped < skip) {
		size_t n = draw_fit(s, 1);
		n = n ? n : 1;
		skipped += draw_width(s, n);
		s += n;
	}
	draw_text(r->y, x, r->x + r->w - x, s, ROLE_NORMAL);
}

void prompt_place_cursor(struct ui *ui, const struct rect *r)
{
	(void)ui;
	const char *buf = rl_line_buffer ? rl_line_buffer : "";
	int cursor = draw_width(prompt_text, sizeof prompt_text - 1) +
		     draw_width(buf, (size_t)rl_point);
	move(r->y, r->x + cursor - scroll_for(r, cursor));
	curs_set(1);
}
