/* layout: see layout.h.
 *
 * Lesson text on the left; counter, log and chart on the right. Extra height goes
 * to the log and chart, extra width to the right side. */
#include "config.h"

#include "ui/layout.h"

void layout_compute(struct layout *l, int lines, int cols, bool present)
{
	l->small = cols < LAYOUT_MIN_COLS || lines < LAYOUT_MIN_LINES;
	if (l->small)
		return;
	int body = lines - (present ? 2 : 3); /* tabs above; status (and keys) below */
	int left = cols * 3 / 8 - 1;	      /* 29 at 80: the log needs room */
	if (left > 60)
		left = 60;
	/* Presenting on a wide screen: a wider measure for lesson text read from afar. */
	if (present && cols >= 120)
		left = cols * 2 / 5 < 90 ? cols * 2 / 5 : 90;
	l->chart_h = body >= 30 ? body / 3 : 7;
	/* Presenting: the counter's big digits grow five rows at a time with the
	 * screen (10 rows at 56 lines), leaving the log and chart their share. */
	l->counter_h = present ? 2 + 5 * (body / 20 > 1 ? body / 20 : 1) : 4;
	l->tabs = (struct rect){ 0, 0, 1, cols };
	l->left = (struct rect){ 1, 0, body, left };
	l->right = (struct rect){ 1, left, body, cols - left };
	l->status = (struct rect){ lines - (present ? 1 : 2), 0, 1, cols };
	l->keybar = (struct rect){ lines - 1, 0, present ? 0 : 1, cols };
}
