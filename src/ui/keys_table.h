/* keys_table: the key table's entries, as keys.c (the table, the dispatcher)
 * and keys_text.c (the key bar, the help, the man page, the keys lesson text
 * names) share them. Private to src/ui: everything else asks keys.h. */
#ifndef NPLUS1_UI_KEYS_TABLE_H
#define NPLUS1_UI_KEYS_TABLE_H

#include "ui/keys.h"

#include <stdbool.h>
#include <stddef.h>

/* Where an entry stands in the dispatcher's order. */
enum layer {
	L_INPUT,   /* read by input.c as keys arrive: replay controls, markers */
	L_MODAL,   /* the prompt, the help overlay, a small or blank screen */
	L_BUSY,	   /* a live run or a learner's SQL */
	L_GLOBAL,  /* anywhere on the idle screen */
	L_CONFIRM, /* a yes/no question takes any other key */
	L_STEP,	   /* the lesson's steps and quiz */
	L_PANE,	   /* the focused pane */
	L_COUNT
};

enum { ANY = -1, KEYS_MAX = 10 };

struct key {
	const char *name; /* what lesson text calls it: {key NAME} (lessons/README.md) */
	enum layer layer;
	int keys[KEYS_MAX]; /* up to the first 0; ANY matches every key */
	unsigned when, unless;
	const char *focus, *unfocus; /* only when this pane has (or has not) the keys */
	/* What it does: the action act with n, or fn's answer, or the key goes to the
	 * pane named pane ("" for the focused one). */
	enum act act;
	int n;
	struct action (*fn)(const struct app *a, int ch);
	const char *pane;
	/* The help overlay and the man page: label and help (man, when set, says more
	 * in the man page); join adds the entry to the row above ("h  S": "the
	 * step's hint; its solution"). */
	const char *label, *help, *man;
	bool join;
	/* The key bar: its place (1 first, 0 not on it), the key and the word. */
	int bar;
	const char *bar_key, *bar_label;
};

/* The table, in the order the help overlay and the man page list the keys. */
extern const struct key keys_table[];
extern const size_t keys_table_size;

/* Entry k has key ch (or takes any key). */
bool keys_has(const struct key *k, int ch);
/* Entry k applies in state. */
bool keys_applies(const struct key *k, unsigned state);
/* The entry key ch reaches in state with the pane focus has the keys, walking
 * the layers from first on as the dispatcher does; NULL for none. */
const struct key *keys_lookup(int ch, unsigned state, int focus, enum layer first);

#endif
