/* prompt: see prompt.h.
 *
 * Readline keeps global state, so this file does too: the bytes being fed, the
 * line readline handed back, whether the prompt is open, an Esc waiting for what
 * follows it, and the status line the completion lists go to. Curses decodes
 * function keys itself (keypad mode); they are turned back into the ANSI
 * sequences readline binds by default, so editing works the same on every
 * terminal. Readline never writes to the terminal: its output goes to /dev/null
 * and the prompt pane draws rl_line_buffer.
 *
 * Esc starts Meta keys (M-b is Esc b) and is vi mode's way to command mode, so
 * it is held until the next key: one that follows at once goes to readline
 * with it; none within PROMPT_ESC_MS makes it a lone Esc, which closes the
 * prompt (in vi mode: switches to command mode, and closes it from there). C-g
 * always closes it. */
#include "config.h"

#include "ui/prompt.h"
#include "expr.h"
#include "ui/status.h"
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

static const char *feed; /* the bytes of one key, being fed to readline */
static size_t feed_left;
static bool line_ready, open_, esc_pending;
static char *line;
static FILE *null_out;
static struct status *status;

static int feed_getc(FILE *f)
{
	(void)f;
	if (!feed_left)
		return EOF; /* readline asked for more than the key had: never while open */
	feed_left--;
	return (unsigned char)*feed++;
}

/* The rest of a key's bytes are "already typed": readline reads Esc [ D as one
 * arrow key, even in vi's insert mode, where an Esc alone changes mode. */
static int feed_available(void) { return feed_left > 0; }
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
	char buf[sizeof status->text];
	size_t at = (size_t)snprintf(buf, sizeof buf, "completions:");
	for (int i = 1; i <= n && at < sizeof buf; i++)
		at += (size_t)snprintf(buf + at, sizeof buf - at, " %s", matches[i]);
	status_set(status, ROLE_DIM, "%s", buf);
}

char *prompt_history_path(void) { return util_state_path("history"); }

void prompt_init(struct status *st)
{
	status = st;
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

void prompt_done(void)
{
	if (open_)
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

bool prompt_is_open(void) { return open_; }

void prompt_open(void)
{
	open_ = true;
	line_ready = esc_pending = false;
	rl_callback_handler_install(prompt_text, on_line);
}

void prompt_cancel(void)
{
	open_ = esc_pending = false;
	rl_callback_sigcleanup(); /* a key sequence or vi command left half typed */
	rl_callback_handler_remove();
}

int prompt_wait_ms(void) { return open_ && esc_pending ? PROMPT_ESC_MS : -1; }

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

/* What a parsed line asks for. */
static struct action command(const struct expr_command *c)
{
	switch (c->kind) {
	case EXPR_EMPTY: break;
	case EXPR_RUN: return (struct action){ .act = ACT_RUN, .spec = c->spec, .n = 1 };
	case EXPR_BENCH: return (struct action){ .act = ACT_BENCH, .bench = c->bench };
	case EXPR_SET: return (struct action){ .act = ACT_SET, .spec = c->spec };
	case EXPR_SQL:
	case EXPR_EXPLAIN:
		return (struct action){ .act = ACT_SQL,
					.n = c->kind == EXPR_EXPLAIN,
					.text = util_strdup(c->text) };
	case EXPR_SHOW: return action_make(ACT_INSPECT, (int)c->number);
	case EXPR_RESET: return action_make(ACT_RESET_DB, 0);
	case EXPR_RESET_PROGRESS: return action_make(ACT_ASK_RESET, 0);
	case EXPR_HELP: return action_make(ACT_HELP, 0);
	case EXPR_QUIT: return action_make(ACT_QUIT, 0);
	}
	return action_make(ACT_NONE, 0);
}

static struct action execute(const char *text, const struct spec *defaults)
{
	struct expr_command c;
	char *err = NULL;
	if (expr_parse(text, defaults, &c, &err)) {
		struct action a = { .act = ACT_MESSAGE, .text = err, .role = ROLE_ERROR };
		return a;
	}
	struct action a = command(&c);
	expr_command_done(&c);
	return a;
}

/* Feed n bytes to readline as one key; true when they ended the line. */
static bool feed_key(const char *bytes, size_t n)
{
	feed = bytes, feed_left = n;
	while (feed_left && !line_ready)
		rl_callback_read_char();
	feed_left = 0;
	return line_ready;
}

/* Vi mode's insert mode, where a lone Esc is readline's (to command mode). */
static bool vi_inserting(void)
{
	return rl_editing_mode == 0 && rl_get_keymap() == vi_insertion_keymap;
}

/* A lone Esc: vi's insert mode goes to command mode; anywhere else it closes
 * the prompt. */
static void lone_escape(void)
{
	if (vi_inserting())
		feed_key("\033", 1);
	else
		prompt_cancel();
}

struct action prompt_key(int ch, const struct spec *defaults)
{
	if (ch == KEY_RESIZE)
		return action_make(ACT_RELAYOUT, 0);
	bool esc = esc_pending;
	esc_pending = false;
	if (ch == 7) { /* C-g */
		prompt_cancel();
		return action_make(ACT_NONE, 0);
	}
	if (ch == 27) { /* what follows says what it is; Esc Esc is two lone ones */
		if (esc)
			lone_escape();
		esc_pending = open_;
		return action_make(ACT_NONE, 0);
	}
	const char *bytes = key_bytes(ch);
	char key[16];
	size_t n = 0;
	if (esc && !bytes && (ch < 0 || ch > 255)) {
		/* Nothing came (ERR), or nothing readline reads (a click): alone. */
		lone_escape();
		return action_make(ACT_NONE, 0);
	}
	if (esc)
		key[n++] = '\033';
	if (bytes)
		n += (size_t)snprintf(key + n, sizeof key - n, "%s", bytes);
	else if (ch >= 0 && ch <= 255)
		key[n++] = (char)ch;
	else
		return action_make(ACT_NONE, 0); /* a function key readline has no use for */
	if (!feed_key(key, n))
		return action_make(ACT_NONE, 0);
	line_ready = false;
	open_ = false;
	struct action a = action_make(ACT_NONE, 0);
	if (line) {
		if (*line)
			add_history(line);
		a = execute(line, defaults);
		free(line);
		line = NULL;
	}
	return a;
}

/* The line scrolls sideways so the cursor stays visible. */
static int scroll_for(const struct rect *r, int cursor_col)
{
	int room = r->w - 1;
	return cursor_col > room ? cursor_col - room : 0;
}

void prompt_draw(const struct rect *r)
{
	const char *buf = rl_line_buffer ? rl_line_buffer : "";
	int cursor =
		draw_width(prompt_text, sizeof prompt_text - 1) + draw_width(buf, (size_t)rl_point);
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

void prompt_place_cursor(const struct rect *r)
{
	const char *buf = rl_line_buffer ? rl_line_buffer : "";
	int cursor =
		draw_width(prompt_text, sizeof prompt_text - 1) + draw_width(buf, (size_t)rl_point);
	move(r->y, r->x + cursor - scroll_for(r, cursor));
	curs_set(1);
}
