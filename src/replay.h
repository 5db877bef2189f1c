/* replay: recorded keystrokes, as a plain-text file a person can read and edit.
 *
 *   # nplus1 recording          comments and blank lines are ignored
 *   +0 r                        +MS KEY: MS milliseconds after the previous event
 *   +1200 KEY_NPAGE             KEY is one printable character, "SPACE", "ESC",
 *   +300 ^C                     "TAB", "ENTER", "BACKSPACE", "^X" for a control
 *   @pause Look at the counter  key, or an ncurses key name such as KEY_NPAGE,
 *                               KEY_F(1), KEY_RESIZE; "@pause [text]" is a marker
 *                               where replay stops and shows the text.
 *   @start version=0.3.0 lesson=3 step=1 size=80x24 pace=0 present=0
 *                               where the recording started (once, before the
 *                               first event; optional: older recordings have
 *                               none). Unknown NAME=VALUE pairs are skipped, so
 *                               a later version can say more.
 *
 * Pure: no curses. Key names are kept as text and resolved by the screen, which
 * knows ncurses' names (replay_key_code takes the resolver). */
#ifndef NPLUS1_REPLAY_H
#define NPLUS1_REPLAY_H

#include <stddef.h>
#include <stdint.h>

enum replay_kind { REPLAY_KEY, REPLAY_PAUSE };

struct replay_event {
	enum replay_kind kind;
	int64_t delay_ms; /* since the previous event; 0 for a pause */
	int key;	  /* REPLAY_KEY: the key code, resolved at parse time */
	char *text;	  /* REPLAY_KEY: the key as written; REPLAY_PAUSE: the note or "" */
	int line;
};

/* Where and how a recording started, from its @start line. */
struct replay_start {
	int known;	  /* the file had an @start line */
	char version[32]; /* the program's version that recorded it, or "" */
	int lesson, step; /* 1-based; 0: not said */
	int cols, lines;  /* the terminal's size; 0: not said */
	int pace;	  /* the live runs' speed (0 full speed, slower above) */
	int present;	  /* projection mode was on */
};

struct replay {
	struct replay_event *events;
	size_t n, cap;
	struct replay_start start;
};

/* Maps "KEY_NPAGE" (or another ncurses name) to its code, -1 if unknown. */
typedef int (*replay_resolver)(const char *name);

/* Parse a recording; path names it in errors ("path:line: message"). 0, or -1
 * with *err (caller frees). Key names go through resolve. */
int replay_parse(const char *text, const char *path, replay_resolver resolve, struct replay *out,
		 char **err);
/* Read a file (at most 4 MB) and parse it. */
int replay_load(const char *path, replay_resolver resolve, struct replay *out, char **err);
void replay_done(struct replay *r);

/* The text a key is written as: "r", "SPACE", "^C", or name (the screen's
 * ncurses name for codes it does not spell itself); into buf, returns buf. */
char *replay_key_text(int key, const char *name, char *buf, size_t size);

/* Recording: append events to an open file as they happen. */
struct replay_writer;
/* Create path (truncating it) with a header comment; NULL and *err on failure. */
struct replay_writer *replay_writer_open(const char *path, char **err);
/* The @start line; before any event. -1 on a write error (then *err). */
int replay_write_start(struct replay_writer *w, const struct replay_start *start, char **err);
/* One key, ms after the previous event. -1 on a write error (then *err). */
int replay_write_key(struct replay_writer *w, int64_t ms, const char *key_text, char **err);
int replay_write_pause(struct replay_writer *w, const char *note, char **err);
/* Flush and close; -1 with *err if anything was lost. */
int replay_writer_close(struct replay_writer *w, char **err);

#endif
