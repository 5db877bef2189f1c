/* prompt: the ":" command line, GNU readline in its callback mode inside curses.
 * The only file that includes readline. Readline's own terminal, signal and
 * environment handling are off; curses delivers keys, readline edits, and the
 * prompt pane draws readline's buffer. History lives in
 * $XDG_STATE_HOME/nplus1/history (default ~/.local/state/nplus1/history). */
#ifndef NPLUS1_UI_PROMPT_H
#define NPLUS1_UI_PROMPT_H

#include "ui/ui.h"

/* Set readline up and load the history; after initscr(). */
void prompt_init(struct ui *ui);
/* Save the history and release readline. */
void prompt_done(struct ui *ui);
/* Open the prompt with an empty line. */
void prompt_open(struct ui *ui);
/* Close the prompt, dropping the line being typed. */
void prompt_cancel(struct ui *ui);
/* A key while the prompt is open; an entered line is carried out here. */
enum ui_intent prompt_key(struct ui *ui, int ch);
/* Draw the prompt line into r, and put the terminal cursor where readline's is. */
void prompt_draw(struct ui *ui, const struct rect *r);
void prompt_place_cursor(struct ui *ui, const struct rect *r);
/* The history file's path (caller frees), or NULL when there is no home. */
char *prompt_history_path(void);

#endif
