/* frame: see frame.h. */
#include "config.h"

#include "ui/frame.h"
#include "ui/app.h"
#include "ui/demo.h"
#include "ui/help.h"
#include "ui/input.h"
#include "ui/keys.h"
#include "ui/prompt.h"
#include "ui/tabs.h"

#include <curses.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { REC_W = 5 }; /* " ●REC" */

void frame_layout(struct app *a)
{
	layout_compute(&a->layout, LINES, COLS, a->present);
	if (a->layout.small)
		return;
	/* The REC mark has the corner: the tabs give it room, never a title. */
	if (input_recording(a->input) && a->layout.tabs.w > REC_W)
		a->layout.tabs.w -= REC_W;
	for (int i = 0; i < pane_count(); i++)
		a->rects[i] = pane_get(i)->place(&a->layout);
}

/* The notice wraps to the screen, however narrow. */
static void draw_too_small(void)
{
	struct rect all = { 0, 0, LINES, COLS };
	char msg[96];
	snprintf(msg, sizeof msg, "enlarge the terminal to %d%s%d (now %d%s%d); q quits",
		 LAYOUT_MIN_COLS, theme_glyphs()->times, LAYOUT_MIN_LINES, COLS,
		 theme_glyphs()->times, LINES);
	int n = 0;
	for (const char *p = msg, *next; *p; p = next, n++)
		draw_wrap(p, COLS, &next);
	int y = LINES > n ? (LINES - n) / 2 : 0, i = 0;
	for (const char *p = msg, *next; *p && y + i < LINES; p = next, i++) {
		char line[96];
		size_t len = draw_wrap(p, COLS, &next);
		snprintf(line, sizeof line, "%.*s", (int)len, p);
		draw_centred(&all, y + i, line, ROLE_ERROR);
	}
}

static void draw_keybar(const struct app *a)
{
	const struct rect *r = &a->layout.keybar;
	if (r->h == 0)
		return;
	const char *key[16], *label[16];
	unsigned state = a->run.running		     ? KEYS_RUNNING
			 : run_bench_active(&a->run) ? KEYS_IDLE | KEYS_BENCH
						     : KEYS_IDLE;
	int n = keys_bar(state, key, label, 16);
	int x = r->x;
	for (int i = 0; i < n; i++) {
		x += draw_text(r->y, x, r->x + r->w - x, key[i], ROLE_KEY);
		x += draw_text(r->y, x, r->x + r->w - x, " ", ROLE_NORMAL);
		x += draw_text(r->y, x, r->x + r->w - x, label[i], ROLE_NORMAL);
		x += draw_text(r->y, x, r->x + r->w - x, "  ", ROLE_NORMAL);
	}
}

/* The guess being typed, on the status line, with the cursor after it. */
static void draw_guess(const struct app *a, const struct rect *r)
{
	const struct lesson_step *st = course_step(&a->course);
	char line[160];
	snprintf(line, sizeof line, "Your guess: how many %s will r send? %s",
		 st && st->predict == LESSON_EXPECT_ROWS ? "rows" : "statements",
		 a->course.guess->text);
	int x = draw_text(r->y, 0, COLS, line, ROLE_PROMPT);
	draw_text(r->y, x, COLS - x, "_  (Enter runs; Enter alone skips)", ROLE_DIM);
}

/* The status line; a message wider than the screen wraps onto the key bar's
 * row (returns true then), and ends in an ellipsis only past two rows. */
static bool draw_status(const struct app *a)
{
	const struct rect *r = &a->layout.status;
	char replay[256];
	const char *rs = input_status(a->input, replay, sizeof replay);
	if (prompt_is_open()) {
		prompt_draw(r);
		return false;
	}
	if (a->course.guess && a->course.guess->typing) {
		draw_guess(a, r);
		return false;
	}
	const char *text = rs ? rs : a->status.text;
	enum role role = rs ? ROLE_PROMPT : a->status.role;
	if (draw_width(text, strlen(text)) <= COLS || LINES - r->y < 2) {
		draw_text(r->y, 0, COLS, text, role);
		return false;
	}
	const char *next, *e = theme_glyphs()->ellipsis;
	size_t len = draw_wrap(text, COLS, &next);
	char line[256];
	snprintf(line, sizeof line, "%.*s", (int)len, text);
	draw_text(r->y, 0, COLS, line, role);
	if (draw_width(next, strlen(next)) <= COLS) {
		draw_text(r->y + 1, 0, COLS, next, role);
	} else {
		int ew = draw_width(e, strlen(e));
		int used = draw_text(r->y + 1, 0, COLS - ew, next, role);
		draw_text(r->y + 1, used, ew, e, ROLE_DIM);
	}
	return true;
}

/* Keys already waiting on the terminal, as after a paste: a frame per key would
 * make a paste cost its length squared; the frame after the last key shows all. */
static bool keys_waiting(const struct app *a)
{
	if (input_replaying(a->input))
		return false; /* a replay's keys arrive on its own clock */
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

void frame_draw(struct app *a)
{
	if (input_quiet(a->input))
		return; /* a replay stepping back draws only where it stops */
	if (keys_waiting(a))
		return;
	erase();
	if (a->blank) {
		/* a clicker's blank screen: nothing, until b or . again */
	} else if (a->layout.small) {
		draw_too_small();
	} else {
		tabs_draw(&a->course, &a->layout.tabs);
		for (int i = 0; i < pane_count(); i++)
			pane_get(i)->draw(a->pane_state[i], a, &a->rects[i], i == a->focus);
		if (!draw_status(a))
			draw_keybar(a);
		if (a->help)
			help_draw();
	}
	/* Keys are being written down: say so in the corner, over the tabs. */
	if (input_recording(a->input) && !a->layout.small && !a->blank)
		draw_text(0, COLS - REC_W, REC_W, theme_utf8() ? " ●REC" : " *REC", ROLE_ALERT);
	if (prompt_is_open() && !a->layout.small && !a->help && !a->blank)
		prompt_place_cursor(&a->layout.status);
	else
		curs_set(0);
	refresh();
	demo_cast_frame(a);
}
