/* ui: the tutor's screen, as main.c starts it. Everything else about the screen
 * is private to src/ui: app.h holds its state, ui.c its main loop. */
#ifndef NPLUS1_UI_UI_H
#define NPLUS1_UI_UI_H

#include <stdbool.h>

enum { UI_MAX_LESSONS = 9 };

struct ui_options {
	int lesson; /* 1-based; 0 = resume where the learner left off */
	bool mono;
	bool present;		     /* projection mode from the start */
	const char *lessons_dir;     /* NULL: NPLUS1_LESSONS, else the search path */
	const char *record, *replay; /* files, or NULL */
	double speed;		     /* replay speed, 1 = as recorded */
	bool no_mouse;		     /* leave the mouse to the terminal (selection) */
	const char *cast;	     /* with replay: an asciicast file to render to */
};

/* Run the tutor until the learner quits; returns the exit status. */
int ui_main(const struct ui_options *opt);

#endif
