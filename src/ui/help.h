/* help: the overlay listing every key, from the key table; opened with '?' or
 * F1, closed by any key. */
#ifndef NPLUS1_UI_HELP_H
#define NPLUS1_UI_HELP_H

/* Draw the overlay over the middle of the screen. */
void help_draw(void);

#endif
