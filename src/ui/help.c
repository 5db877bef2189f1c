/* help: the overlay listing every key, opened with '?' or F1, closed by any key. */
#include "config.h"

#include "ui/ui.h"

#include <curses.h>
#include <string.h>

static const char *const keys[][2] = {
	{ "r", "run this step's experiment, live" },
	{ "space", "pause / resume a live run" },
	{ "+ / -", "faster / slower runs (down to 1 statement per 250 ms)" },
	{ "Esc", "stop a live run; leave a :sql result" },
	{ "b  B", "time the strategies for the chart" },
	{ ":", "prompt: run bench set sql explain reset, or SQLAlchemy" },
	{ "1-9", "go to a lesson; on a quiz step, answer" },
	{ "Left Right", "previous / next step (PgUp PgDn too: a clicker)" },
	{ "Up Down", "scroll the focused pane (PgUp PgDn page a log)" },
	{ "Tab", "focus the next pane: lesson, log, chart" },
	{ "g  Enter", "group identical statements; expand a group" },
	{ "L", "chart: linear / log scale" },
	{ "h  S", "the step's hint; its solution" },
	{ "P", "projection: big counter, high contrast" },
	{ "f", "freeze log and counter; f again catches up" },
	{ "b  .", "presenting: blank / unblank the screen" },
	{ "M", "recording: a marker where replay will pause" },
	{ "space n <", "replaying: pause, step one, step back one" },
	{ "? F1  q", "this help; quit (Ctrl-C too)" },
};

void help_draw(struct ui *ui)
{
	(void)ui;
	int n = (int)(sizeof keys / sizeof *keys);
	struct rect r = { 0, 0, n + 4, 70 };
	if (r.w > COLS)
		r.w = COLS;
	if (r.h > LINES)
		r.h = LINES;
	r.y = (LINES - r.h) / 2;
	r.x = (COLS - r.w) / 2;
	draw_clear(&r);
	draw_frame(&r, "keys", true);
	struct rect in = draw_inner(&r);
	for (int i = 0; i < n && i < in.h - 1; i++) {
		draw_text(in.y + i, in.x + 1, 15, keys[i][0], ROLE_PROMPT);
		draw_text(in.y + i, in.x + 17, in.w - 18, keys[i][1], ROLE_NORMAL);
	}
	draw_centred(&in, in.y + in.h - 1, "any key closes this", ROLE_DIM);
}
