/* layout: where things go on the screen, recomputed on every resize. The screen
 * is cut into fixed strips (tabs on top, status line and key bar at the bottom)
 * and two columns between them; the panes carve their own rectangles out of the
 * columns (pane.h: place). */
#ifndef NPLUS1_UI_LAYOUT_H
#define NPLUS1_UI_LAYOUT_H

#include "ui/draw.h"

#include <stdbool.h>

enum { LAYOUT_MIN_COLS = 80, LAYOUT_MIN_LINES = 24 };

struct layout {
	bool small; /* under 80x24: only the notice is drawn */
	struct rect tabs, status, keybar;
	struct rect left, right; /* the lesson's column; the counter, log and chart's */
	int counter_h, chart_h;	 /* of the right column, top and bottom */
};

/* The layout of a lines x cols screen; presenting drops the key bar and gives the
 * counter room for big digits. */
void layout_compute(struct layout *l, int lines, int cols, bool present);

#endif
