/* input: where the tutor's keys come from and where they go. From the keyboard,
 * or from a recording being replayed (--replay), in real time scaled by --speed,
 * with its own controls (space pauses, n steps, < steps back, any other key hands
 * control back); and, with --record, every key pressed is written down with the
 * time since the previous one.
 *
 * Stepping back is exact because the tutor is deterministic: the screen restarts
 * and the events up to the one before are applied again "quietly", with time
 * kept on a virtual clock (a live run advances it by its pacing, so keys that
 * were pressed during a run reach that run again) and nothing drawn. */
#ifndef NPLUS1_UI_INPUT_H
#define NPLUS1_UI_INPUT_H

#include <stdbool.h>

struct ui;

/* Pseudo keys input_key returns besides curses' own. */
enum {
	INPUT_REDRAW = 0x7fff0001,  /* a replay control acted: just draw */
	INPUT_RESTART = 0x7fff0002, /* step back: restart the screen, then go on */
	INPUT_GONE = 0x7fff0003,    /* the terminal went away: quit */
};

/* Load and check a recording before anything starts; 0, or -1 with *err
 * ("file:line: message"). */
int input_replay(struct ui *ui, const char *path, double speed, char **err);
/* Start recording to path; 0, or -1 with *err. */
int input_record(struct ui *ui, const char *path, char **err);
/* Stop recording (flushing) and free the replay; a write error goes to *err. */
int input_done(struct ui *ui, char **err);

/* The next key within timeout_ms (-1: wait as long as it takes), ERR when none
 * came. A live run passes its pacing delay in run_ms so a quiet replay's virtual
 * clock moves as the real one did. */
int input_key(struct ui *ui, int timeout_ms, int run_ms);
/* The last key input_key returned came from the recording. */
bool input_replayed(const struct ui *ui);
/* End the replay (the learner has the keys). */
void input_stop(struct ui *ui, const char *why);
/* A replay is applying events without drawing (stepping back). */
bool input_quiet(const struct ui *ui);
/* After INPUT_RESTART, once the screen is fresh: replay quietly up to the event
 * before the one the learner stepped back from. */
void input_rewind(struct ui *ui);
/* The replay line for the status bar ("replay 12/80 paused: note"), or NULL. */
const char *input_status(const struct ui *ui, char *buf, int size);

#endif
