/* pane: the pane table (see pane.h).
 *
 * To add a pane: write src/ui/pane_NAME.c defining `const struct pane pane_NAME`
 * with designated initializers (name, focusable, state_size/done, place, draw, key),
 * declare it below and put it in the table where it should be drawn; add the file
 * to Makefile.am. Keys reach it through keys.c's table by its name. */
#include "config.h"

#include "ui/pane.h"

#include <string.h>

extern const struct pane pane_lesson, pane_counter, pane_log, pane_chart, pane_inspect;

static const struct pane *const table[] = {
	&pane_lesson, &pane_counter, &pane_log,
	&pane_chart,  &pane_inspect, /* over the last three while it is open */
};

#define NPANES ((int)(sizeof table / sizeof *table))
_Static_assert(NPANES <= (int)PANE_MAX, "the app keeps PANE_MAX panes' state");

int pane_count(void) { return NPANES; }

const struct pane *pane_get(int i) { return i >= 0 && i < NPANES ? table[i] : NULL; }

int pane_find(const char *name)
{
	for (int i = 0; i < NPANES; i++)
		if (strcmp(table[i]->name, name) == 0)
			return i;
	return -1;
}

int pane_focus_step(int i, int n)
{
	int dir = n < 0 ? -1 : 1;
	for (int left = n < 0 ? -n : n; left > 0; left--) {
		int k = i;
		do
			k = (k + dir + NPANES) % NPANES;
		while (!table[k]->focusable && k != i);
		i = k;
	}
	return i;
}

int pane_focus_first(void) { return pane_focus_step(NPANES - 1, 1); }

int pane_focusable_at(const struct rect *rects, int y, int x)
{
	for (int i = 0; i < NPANES; i++) {
		const struct rect *r = &rects[i];
		if (table[i]->focusable && y >= r->y && y < r->y + r->h && x >= r->x &&
		    x < r->x + r->w)
			return i;
	}
	return -1;
}
