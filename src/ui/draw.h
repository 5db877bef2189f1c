/* draw: the few drawing primitives every pane uses, on stdscr, measured in display
 * columns (mbrtowc + wcwidth), never in bytes, and clipped to a rectangle. */
#ifndef NPLUS1_UI_DRAW_H
#define NPLUS1_UI_DRAW_H

#include "ui/theme.h"

#include <stddef.h>

struct rect {
	int y, x, h, w;
};

/* Display columns of the first n bytes of s (invalid bytes count one each). */
int draw_width(const char *s, size_t n);
/* Bytes of s that fit in cols display columns, stopping at a newline. */
size_t draw_fit(const char *s, int cols);
/* Where to break s to fill at most cols columns: after the last space that fits,
 * or mid-word when none does. *next is where the following line starts. */
size_t draw_wrap(const char *s, int cols, const char **next);
/* Draw s at (y, x), at most maxw columns, in role r; returns the columns used. */
int draw_text(int y, int x, int maxw, const char *s, enum role r);
/* Draw s centred in row y of rect a. */
void draw_centred(const struct rect *a, int y, const char *s, enum role r);
/* A solid cell w wide at (y, x) in role r's colour: a full block in UTF-8, the
 * terminal's ACS block otherwise (never reversed, so it shows in every theme). */
void draw_block(int y, int x, int w, enum role r);
/* Blank a rectangle. */
void draw_clear(const struct rect *a);
/* A frame around a with a title on its top edge; focus highlights it. */
void draw_frame(const struct rect *a, const char *title, bool focus);
/* The inside of a framed rectangle. */
struct rect draw_inner(const struct rect *a);

#endif
