/* demo: recordings and casts, on the tutor's side. A recording's @start line is
 * written from the tutor's state (lesson, step, size, pace, projection, version)
 * and read back to start a replay where the recording did, with a warning when
 * the version or the terminal's size differ. A cast (--replay FILE --cast OUT)
 * runs the tutor headlessly: curses writes into a temporary file instead of a
 * terminal, and after each frame the bytes it wrote go into OUT with the replay's
 * virtual time. */
#ifndef NPLUS1_UI_DEMO_H
#define NPLUS1_UI_DEMO_H

struct app;
struct demo_cast;

/* Before the course starts: the recording's lesson and projection become the
 * tutor's options. */
void demo_options(struct app *a);
/* Once the course has started (and again after a replay steps back): the
 * recording's step and pace. */
void demo_start(struct app *a);
/* Once the screen is up: write a recording's @start, or warn that a replay's
 * version or size differ. */
void demo_begin(struct app *a);

/* A headless screen for a cast of a's replay into path: the terminal's size and
 * type set, *out and *in the files curses is to use. NULL and *err on failure. */
struct demo_cast *demo_cast_open(struct app *a, const char *path, void **out, void **in,
				 char **err);
/* After curses wrote a frame (or ended): its bytes into the cast, at the replay's
 * virtual time. */
void demo_cast_frame(struct app *a);
/* Finish the cast; -1 with *err if it could not be written whole. */
int demo_cast_close(struct demo_cast *c, char **err);

#endif
