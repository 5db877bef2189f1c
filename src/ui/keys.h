/* keys: the key table, the one place that says what every key does, in which
 * state of the screen, and how the key bar, the help overlay and the man page
 * name it. The dispatcher, the key bar, the '?' overlay, the replay controls
 * (input.c) and the KEYS section of nplus1.1.in all read it; tests/test_keys checks
 * the man page against it. */
#ifndef NPLUS1_UI_KEYS_H
#define NPLUS1_UI_KEYS_H

#include "ui/action.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct app;

/* The states a key can apply in, as bits: an entry applies when all of its
 * `when` bits are set and none of its `unless` bits. */
enum keys_state {
	KEYS_IDLE = 1 << 0,	/* nothing runs: the main loop reads the key */
	KEYS_RUNNING = 1 << 1,	/* between a live run's statements */
	KEYS_SQL = 1 << 2,	/* while a learner's SQL runs */
	KEYS_PROMPT = 1 << 3,	/* the ':' line is open */
	KEYS_HELP = 1 << 4,	/* the help overlay is open */
	KEYS_SMALL = 1 << 5,	/* the terminal is under 80x24 */
	KEYS_PRESENT = 1 << 6,	/* projection mode */
	KEYS_BLANK = 1 << 7,	/* a clicker blanked the screen */
	KEYS_CONFIRM = 1 << 8,	/* a yes/no question waits */
	KEYS_REPLAY = 1 << 9,	/* a recording is replaying */
	KEYS_RECORD = 1 << 10,	/* keys are being recorded */
	KEYS_INSPECT = 1 << 11, /* the statement inspector is open */
	KEYS_RESULT = 1 << 12,	/* the log pane shows a :sql result */
	KEYS_GUESS = 1 << 13,	/* the learner types a guess before r runs */
	KEYS_BENCH = 1 << 14,	/* a bench times in the background */
};

/* The state the app is in for a key read now. */
unsigned keys_state(const struct app *a);
/* What key ch asks for in a's state; the caller carries it out (act) and frees
 * it (action_done). */
struct action keys_dispatch(const struct app *a, int ch);
/* What ch does as input.c reads it (replay controls, the recording marker) in
 * state, or ACT_NONE. */
enum act keys_input(int ch, unsigned state);

/* The key that does what name says (a key table entry's name, as lesson text
 * writes {key NAME}) on a's idle screen in its mode: "b", or "B" while
 * presenting, where b blanks. NULL for a name no entry has. Borrowed, static. */
const char *keys_name(const struct app *a, const char *name);
/* Whether an entry of the table has this name. */
bool keys_known(const char *name);
/* Every name, comma separated, into buf (for an error message). */
void keys_names(char *buf, size_t size);

/* The key bar in state (KEYS_IDLE, with KEYS_BENCH while a bench times, or
 * KEYS_RUNNING): up to max key names and labels, in order; returns how many.
 * Borrowed, static strings. */
int keys_bar(unsigned state, const char **key, const char **label, int max);
/* The help overlay's rows: row i's keys and what they do; false past the end. */
bool keys_help(int i, char *keys, size_t keys_size, char *text, size_t text_size);
/* Row i as the man page words it (keys_man.c): a key's longer text where it
 * has one; false past the end. */
bool keys_man_row(int i, char *keys, size_t keys_size, char *text, size_t text_size);

#endif
