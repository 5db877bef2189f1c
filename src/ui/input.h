/* input: where the tutor's keys come from and where they go. From the keyboard,
 * or from a recording being replayed (--replay), in real time scaled by --speed,
 * with its own controls (space pauses, n steps, < steps back, any other key hands
 * control back); and, with --record, every key pressed is written down with the
 * time since the previous one.
 *
 * Stepping back goes back exactly one key (a marker passed on the way is
 * undone with it: it changed nothing on the screen). It is exact because the tutor is
 * deterministic: the screen restarts and the events up to the one before are applied again
 * "quietly", with time kept on a virtual clock (a live run advances it by its pacing, so keys that
 * were pressed during a run reach that run again) and nothing drawn.
 *
 * Which keys control a replay and which key records a marker is the key table's
 * to say (keys.c, layer KEYS_INPUT); this file carries them out. */
#ifndef NPLUS1_UI_INPUT_H
#define NPLUS1_UI_INPUT_H

#include <stdbool.h>
#include <stddef.h>

struct replay_start;
struct status;

/* Pseudo keys input_key returns besides curses' own. */
enum {
	INPUT_REDRAW = 0x7fff0001,  /* a replay control acted: just draw */
	INPUT_RESTART = 0x7fff0002, /* step back: restart the screen, then go on */
	INPUT_GONE = 0x7fff0003,    /* the terminal went away: quit */
};

/* A keyboard; messages (replay finished, recording failed) go to status. */
struct input *input_new(struct status *status);
/* Where a marker is: "lesson 3, step 2", written into buf by where(ctx, ...). */
void input_on_mark(struct input *in, void (*where)(void *ctx, char *buf, size_t size), void *ctx);
/* Load and check a recording before anything starts; 0, or -1 with *err
 * ("file:line: message"). */
int input_replay(struct input *in, const char *path, double speed, char **err);
/* Start recording to path; 0, or -1 with *err. */
int input_record(struct input *in, const char *path, char **err);
/* Write where the recording starts (the tutor's lesson, step, size, pace); a
 * write error stops the recording and says so on the status line. */
void input_record_start(struct input *in, const struct replay_start *start);
/* The recording's @start, or NULL when it has none (an older recording). */
const struct replay_start *input_start(const struct input *in);
/* A one-line warning kept on the replay's status line (a version or size that
 * differs from the recording's). */
void input_warn(struct input *in, const char *text);
/* Stop recording (flushing) and free in; a write error goes to *err. */
int input_done(struct input *in, char **err);

/* The next key within timeout_ms (-1: wait as long as it takes; 0: only one
 * already typed or due), ERR when none came. A live run passes its pacing delay
 * (and a long query the time it took) in run_ms so a quiet replay's virtual
 * clock moves as the real one did. */
int input_key(struct input *in, int timeout_ms, int run_ms);
/* The last key input_key returned came from the recording. */
bool input_replayed(const struct input *in);
/* End the replay (the learner has the keys). */
void input_stop(struct input *in, const char *why);
/* A replay is applying events without drawing (stepping back). */
bool input_quiet(const struct input *in);
/* Replaying, and recording. */
bool input_replaying(const struct input *in);
bool input_recording(const struct input *in);
/* Replay headlessly (--cast): no waiting, time kept on a virtual clock, every
 * frame drawn; the end of the recording reads as INPUT_GONE. */
void input_cast(struct input *in);
/* Time is virtual: a quiet step back or a headless replay. */
bool input_virtual(const struct input *in);
/* A headless replay's time now, in ms since it started. */
double input_clock_ms(const struct input *in);
/* After INPUT_RESTART, once the screen is fresh: replay quietly up to the event
 * before the one the learner stepped back from. */
void input_rewind(struct input *in);
/* The replay line for the status bar ("replay 12/80 paused: note"), or NULL. */
const char *input_status(const struct input *in, char *buf, int size);

#endif
