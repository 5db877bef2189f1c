/* theme: see theme.h. The table is the whole theme: a role's colours and its
 * monochrome fallback sit side by side, so the two never drift apart. */
#include "config.h"

#include "ui/theme.h"

#include <curses.h>

struct style {
	short fg, bg;
	int attr, mono;
};

static const struct style styles[ROLE_COUNT] = {
	[ROLE_NORMAL] = { -1, -1, 0, 0 },
	[ROLE_DIM] = { -1, -1, A_DIM, A_DIM },
	[ROLE_TITLE] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[ROLE_TAB] = { -1, -1, 0, 0 },
	[ROLE_TAB_ACTIVE] = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE },
	[ROLE_TAB_DONE] = { COLOR_GREEN, -1, 0, A_UNDERLINE },
	[ROLE_BORDER] = { -1, -1, A_DIM, 0 },
	[ROLE_BORDER_FOCUS] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[ROLE_SQL_KEYWORD] = { COLOR_BLUE, -1, A_BOLD, A_BOLD },
	[ROLE_SQL_PARAM] = { -1, -1, A_DIM, A_DIM },
	[ROLE_SQL_NUMBER] = { COLOR_YELLOW, -1, 0, 0 },
	[ROLE_CODE] = { COLOR_GREEN, -1, 0, A_BOLD },
	[ROLE_COUNTER_GOOD] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[ROLE_COUNTER_WARN] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[ROLE_COUNTER_BAD] = { COLOR_RED, -1, A_BOLD, A_BOLD | A_REVERSE },
	[ROLE_ALERT] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE },
	[ROLE_BAR] = { COLOR_CYAN, -1, 0, 0 },
	[ROLE_BAR_ALT] = { COLOR_MAGENTA, -1, 0, A_DIM },
	[ROLE_KEY] = { COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE },
	[ROLE_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[ROLE_PROMPT] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
};

static const struct glyphs utf8_glyphs = {
	"─", "│", "┌", "┐", "└", "┘", "█", "─",
	"┤", "…", "×", "→", "✓", "▸", "☐", { "█", "▒", "░" },
};
static const struct glyphs ascii_glyphs = {
	"-", "|",   "+", "+",  "+", "+", "#", "-",
	"|", "...", "x", "->", "*", ">", "-", { "#", "=", "." },
};

/* Projected, thin and dim text washes out: the present theme makes every role
 * bold, drops dimness, and draws bars and alerts reversed. */
static const int present_extra[ROLE_COUNT] = {
	[ROLE_BAR] = A_REVERSE,		 [ROLE_BAR_ALT] = A_REVERSE,
	[ROLE_COUNTER_GOOD] = A_REVERSE, [ROLE_COUNTER_WARN] = A_REVERSE,
	[ROLE_COUNTER_BAD] = A_REVERSE,
};

static bool use_colour, use_utf8, presenting;

void theme_present(bool on) { presenting = on; }

void theme_init(bool mono, bool utf8)
{
	use_utf8 = utf8;
	use_colour = !mono && has_colors() && start_color() == OK;
	if (!use_colour)
		return;
	use_default_colors();
	for (int r = 1; r < ROLE_COUNT; r++)
		init_pair((short)r, styles[r].fg, styles[r].bg);
}

int theme_attr(enum role r)
{
	int a = use_colour ? styles[r].attr | (r ? (int)COLOR_PAIR(r) : 0) : styles[r].mono;
	if (presenting)
		a = (a & ~(int)A_DIM) | (int)A_BOLD | present_extra[r];
	return a;
}

const struct glyphs *theme_glyphs(void) { return use_utf8 ? &utf8_glyphs : &ascii_glyphs; }
bool theme_utf8(void) { return use_utf8; }
