/* theme: colours as semantic roles and line-drawing glyphs, chosen once at start-up.
 * A role maps to a colour pair and attributes through one table; without colour
 * (NO_COLOR, --no-color, a monochrome terminal) the same table's mono attributes
 * apply. Glyphs are UTF-8 when the locale is, ASCII otherwise. */
#ifndef NPLUS1_UI_THEME_H
#define NPLUS1_UI_THEME_H

#include <stdbool.h>

enum role {
	ROLE_NORMAL,
	ROLE_DIM,
	ROLE_TITLE,
	ROLE_TAB,
	ROLE_TAB_ACTIVE,
	ROLE_TAB_DONE,
	ROLE_BORDER,
	ROLE_BORDER_FOCUS,
	ROLE_SQL_KEYWORD,
	ROLE_SQL_PARAM,
	ROLE_SQL_NUMBER,
	ROLE_CODE,
	ROLE_COUNTER_GOOD,
	ROLE_COUNTER_WARN,
	ROLE_COUNTER_BAD,
	ROLE_ALERT,
	ROLE_BAR,
	ROLE_BAR_ALT,
	ROLE_KEY,
	ROLE_ERROR,
	ROLE_PROMPT,
	ROLE_COUNT
};

struct glyphs {
	const char *hline, *vline, *tl, *tr, *bl, *br; /* box drawing */
	const char *block, *whisker, *tick;	       /* chart */
	const char *ellipsis, *times, *arrow, *check, *focus, *todo;
	const char *parts[3]; /* a bar's database, ORM and network parts, told apart
				 without colour */
};

/* Choose colours (unless mono) and glyphs (UTF-8 or ASCII); after initscr(). */
void theme_init(bool mono, bool utf8);
/* Projection: the high-contrast theme (bold, bright, reversed bars) on or off. */
void theme_present(bool on);
/* The curses attributes for a role. */
int theme_attr(enum role r);
/* The glyph table (borrowed, static). */
const struct glyphs *theme_glyphs(void);
bool theme_utf8(void);

#endif
