/* help: the overlay listing every key, opened with '?' or F1, closed by any key. */
#include "config.h"

#include "ui/ui.h"

#include <curses.h>
#include <string.h>

static const char *const keys[][2] = {
	{ "r", "run this lesson's experiment, live" },
	{ "space", "pause / resume a live run" },
	{ "+ / -", "faster / slower (down to 1 statement per 250 ms)" },
	{ "Esc", "stop a live run" },
	{ "b", "time the strategies at 100 and 10,000 rows (chart)" },
	{ ":", "prompt: run, bench, set, sql, explain, reset, help, quit," },
	{ "", "  or SQLAlchemy: session.query(Order).options(...)" },
	{ "1-5", "go to lesson" },
	{ "h / l, arrows", "previous / next lesson; scroll the focused pane" },
	{ "PgUp / PgDn", "page the log, or previous / next lesson" },
	{ "Tab", "focus the next pane (lesson, log, chart)" },
	{ "g", "group identical statements in the log" },
	{ "Enter", "expand a group (grouped log)" },
	{ "L", "chart: linear / log scale" },
	{ "?  F1", "this help" },
	{ "q", "quit (Ctrl-C too)" },
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
