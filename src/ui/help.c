/* help: see help.h. */
#include "config.h"

#include "ui/help.h"
#include "ui/draw.h"
#include "ui/keys.h"

#include <curses.h>

void help_draw(void)
{
	char keys[64], text[256];
	int n = 0;
	while (keys_help(n, keys, sizeof keys, text, sizeof text))
		n++;
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
		keys_help(i, keys, sizeof keys, text, sizeof text);
		draw_text(in.y + i, in.x + 1, 15, keys, ROLE_PROMPT);
		draw_text(in.y + i, in.x + 17, in.w - 18, text, ROLE_NORMAL);
	}
	draw_centred(&in, in.y + in.h - 1, "any key closes this", ROLE_DIM);
}
