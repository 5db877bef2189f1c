/* pane: one part of the tutor's screen (the lesson text, the counter, the SQL
 * log, the chart), as a const table of functions in the style of htop's Panel:
 * each pane keeps its own state (state_size zeroed bytes, made and freed by the
 * loop; done frees what the pane hung on it), says where it goes
 * in the layout, draws itself from the app's state and its own, and turns the
 * keys it is given into actions. A pane never paints from a key handler and
 * never changes the app's state: it returns an action for act() to carry out.
 *
 * The table is pane.c's: draw order is table order; Tab, Shift-Tab and mouse
 * clicks walk it for the panes that take the focus. Keys reach a pane through
 * the key table (keys.c), which names panes by their name. */
#ifndef NPLUS1_UI_PANE_H
#define NPLUS1_UI_PANE_H

#include "ui/action.h"
#include "ui/draw.h"

#include <stdbool.h>
#include <stddef.h>

struct app;
struct layout;

struct pane {
	const char *name; /* how the key table names it: "log" */
	bool focusable;	  /* Tab and clicks can give it the keys */
	/* Its own state: that many zeroed bytes (0 for none); done (may be NULL)
	 * frees what the pane allocated inside it, not the state itself. */
	size_t state_size;
	void (*done)(void *state);
	/* Its rectangle in the layout. */
	struct rect (*place)(const struct layout *l);
	/* Draw into r; focused when it has the keys. */
	void (*draw)(void *state, const struct app *a, const struct rect *r, bool focused);
	/* A key the key table sent it (NULL: it takes none). */
	struct action (*key)(void *state, const struct app *a, int ch, const struct rect *r);
};

enum { PANE_MAX = 8 };

/* The number of panes, and the i-th in draw order. */
int pane_count(void);
const struct pane *pane_get(int i);
/* The index of the pane called name, or -1. */
int pane_find(const char *name);
/* The focusable pane n steps from i (negative: back), wrapping. */
int pane_focus_step(int i, int n);
/* The first focusable pane: where the focus starts. */
int pane_focus_first(void);
/* The focusable pane whose rectangle holds (y, x) among rects, or -1. */
int pane_focusable_at(const struct rect *rects, int y, int x);

#endif
