/* app: the tutor's state as the main loop, the key handlers and the panes share
 * it. The lessons (course), what ran (run), the status line, the layout, which
 * pane has the keys and the modes the screen is in. Each pane's own state
 * (scroll positions, the grouped view, the chart's scale) is the pane's, held
 * here only as an opaque pointer. Only ui.c's act() changes an app; everything
 * else reads it through a const pointer. */
#ifndef NPLUS1_UI_APP_H
#define NPLUS1_UI_APP_H

#include "ui/course.h"
#include "ui/layout.h"
#include "ui/pane.h"
#include "ui/run.h"
#include "ui/status.h"
#include "ui/ui.h"

#include <stdbool.h>

struct demo_cast;
struct input;

struct app {
	struct ui_options opt;
	struct status status;
	struct course course;
	struct run run;
	struct input *input;
	struct demo_cast *cast; /* --cast: the headless screen's capture */

	struct layout layout;
	struct rect rects[PANE_MAX]; /* each pane's, from the layout */
	void *pane_state[PANE_MAX];  /* each pane's own, from its init */
	int focus;		     /* the pane that has the keys */

	bool help;    /* the key overlay is open */
	bool present; /* projection: big counter, high contrast, no key bar */
	bool blank;   /* the screen blanked by a clicker */
	bool quit;
	bool restart; /* a replay stepped back: start over, then replay up to there */
};

#endif
