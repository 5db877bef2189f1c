/* prompt: the ":" command line, GNU readline in its callback mode inside curses.
 * The only file that includes readline. Readline's own terminal, signal and
 * environment handling are off; curses delivers keys, readline edits, and the
 * prompt draws readline's buffer on the status line. An entered line comes back
 * as an action: the prompt runs nothing itself. History lives in
 * $XDG_STATE_HOME/nplus1/history (default ~/.local/state/nplus1/history).
 *
 * Readline keeps global state, so the prompt does too: there is one. */
#ifndef NPLUS1_UI_PROMPT_H
#define NPLUS1_UI_PROMPT_H

#include "spec.h"
#include "ui/action.h"
#include "ui/draw.h"

#include <stdbool.h>

struct status;

/* Set readline up and load the history; after initscr(). Completion lists go to
 * status. */
void prompt_init(struct status *status);
/* Save the history and release readline. */
void prompt_done(void);
/* Open the prompt with an empty line. */
void prompt_open(void);
/* Close the prompt, dropping the line being typed. */
void prompt_cancel(void);
bool prompt_is_open(void);
/* A key while the prompt is open (ERR: none came within prompt_wait_ms). An
 * entered line closes the prompt and comes back as what it asks for; commands
 * without settings take defaults'. */
struct action prompt_key(int ch, const struct spec *defaults);
/* How long to wait for the next key before telling prompt_key none came: an
 * Esc waits PROMPT_ESC_MS for the key it may start (Meta keys, arrows); -1
 * otherwise (wait for a key as long as it takes). */
enum { PROMPT_ESC_MS = 100 };
int prompt_wait_ms(void);
/* Draw the prompt line into r, and put the terminal cursor where readline's is. */
void prompt_draw(const struct rect *r);
void prompt_place_cursor(const struct rect *r);
/* The history file's path (caller frees), or NULL when there is no home. */
char *prompt_history_path(void);

#endif
