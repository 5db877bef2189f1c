/* help: see help.h. A row's text wraps under itself rather than being cut; the
 * overlay is as wide as the screen allows, up to 78 columns. */
#include "config.h"

#include "ui/help.h"
#include "ui/draw.h"
#include "ui/keys.h"

#include <curses.h>
#include <stdio.h>

enum { KEYS_W = 12, GAP = 2 };

/* Row i's text wrapped to w columns from screen row y (drawn while below end);
 * returns the rows it takes. */
static int text_rows(const char *text, int y, int x, int w, int end, bool draw)
{
	int n = 0;
	for (const char *p = text, *next; *p; p = next, n++) {
		size_t len = draw_wrap(p, w, &next);
		if (draw && y + n < end) {
			char line[256];
			snprintf(line, sizeof line, "%.*s", (int)len, p);
			draw_text(y + n, x, w, line, ROLE_NORMAL);
		}
	}
	return n ? n : 1;
}

void help_draw(void)
{
	char keys[64], text[256];
	struct rect r = { 0, 0, 0, COLS < 78 ? COLS : 78 };
	int tw = r.w - 2 - 1 - KEYS_W - GAP, n = 0, rows = 0;
	while (keys_help(n, keys, sizeof keys, text, sizeof text))
		rows += text_rows(text, 0, 0, tw, 0, false), n++;
	r.h = rows + 3;
	if (r.h > LINES)
		r.h = LINES;
	r.y = (LINES - r.h) / 2;
	r.x = (COLS - r.w) / 2;
	draw_clear(&r);
	draw_frame(&r, "keys", true);
	struct rect in = draw_inner(&r);
	int y = in.y, end = in.y + in.h - 1;
	for (int i = 0; i < n && y < end; i++) {
		keys_help(i, keys, sizeof keys, text, sizeof text);
		draw_text(y, in.x + 1, KEYS_W, keys, ROLE_PROMPT);
		y += text_rows(text, y, in.x + 1 + KEYS_W + GAP, tw, end, true);
	}
	draw_centred(&in, in.y + in.h - 1,
		     y < end || rows <= in.h - 1 ? "any key closes this"
						 : "(more keys in man nplus1) any key closes this",
		     ROLE_DIM);
}
