/* tabs: the row of lesson tabs across the top, and which tab a click hit. Each
 * title whole when they fit; else the current one whole and the rest by number. */
#ifndef NPLUS1_UI_TABS_H
#define NPLUS1_UI_TABS_H

#include "ui/draw.h"

struct course;

/* Draw the tabs into r. */
void tabs_draw(const struct course *c, const struct rect *r);
/* The lesson (0-based) whose tab covers column x of r, or -1. */
int tabs_at(const struct course *c, const struct rect *r, int x);

#endif
