/* draw: see draw.h. */
#include "config.h"

#include "ui/draw.h"

#include <curses.h>
#include <string.h>
#include <wchar.h>

/* One character of s: its byte length and display width (0 for a NUL). */
static size_t step(const char *s, size_t n, int *cols)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t len = mbrtowc(&wc, s, n, &st);
	if (len == (size_t)-1 || len == (size_t)-2) {
		*cols = 1; /* an invalid byte still takes a cell, as '?' */
		return 1;
	}
	if (len == 0) {
		*cols = 0;
		return 1;
	}
	int w = wcwidth(wc);
	*cols = w < 0 ? 1 : w;
	return len;
}

int draw_width(const char *s, size_t n)
{
	int total = 0, c;
	for (size_t i = 0; i < n && s[i];) {
		i += step(s + i, n - i, &c);
		total += c;
	}
	return total;
}

size_t draw_fit(const char *s, int cols)
{
	/* Only as far as cols columns can reach (a character is at most 4 bytes; a
	 * margin for zero-width ones): wrapping a long paragraph line by line must
	 * not measure all that is left of it each time. */
	size_t i = 0, n = strnlen(s, (size_t)(cols > 0 ? cols : 0) * 8 + 64);
	int used = 0, c;
	while (i < n && s[i] != '\n') {
		size_t len = step(s + i, n - i, &c);
		if (used + c > cols)
			break;
		used += c;
		i += len;
	}
	return i;
}

size_t draw_wrap(const char *s, int cols, const char **next)
{
	size_t fit = draw_fit(s, cols);
	if (s[fit] == '\0' || s[fit] == '\n') {
		*next = s[fit] ? s + fit + 1 : s + fit;
		return fit;
	}
	size_t cut = fit;
	while (cut > 0 && s[cut] != ' ')
		cut--;
	if (cut == 0)
		cut = fit ? fit : 1; /* a word longer than the line: break it */
	const char *n = s + cut;
	while (*n == ' ')
		n++;
	*next = n;
	return cut;
}

int draw_text(int y, int x, int maxw, const char *s, enum role r)
{
	if (maxw <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (x + maxw > COLS)
		maxw = COLS - x;
	size_t n = draw_fit(s, maxw);
	/* Control characters would move the cursor: show them as '?'. */
	char buf[1024];
	size_t k = 0;
	attrset(theme_attr(r));
	move(y, x);
	for (size_t i = 0; i < n; i++) {
		buf[k++] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
		if (k == sizeof buf) {
			addnstr(buf, (int)k);
			k = 0;
		}
	}
	if (k)
		addnstr(buf, (int)k);
	attrset(A_NORMAL);
	return draw_width(s, n);
}

void draw_centred(const struct rect *a, int y, const char *s, enum role r)
{
	int w = draw_width(s, strlen(s));
	int x = a->x + (a->w > w ? (a->w - w) / 2 : 0);
	draw_text(y, x, a->w - (x - a->x), s, r);
}

void draw_block(int y, int x, int w, enum role r)
{
	if (y < 0 || y >= LINES || x < 0)
		return;
	/* A reversed role would turn the block into its own background. */
	attrset(theme_attr(r) & ~A_REVERSE);
	for (int i = 0; i < w && x + i < COLS; i++) {
		if (theme_utf8())
			mvaddstr(y, x + i, theme_glyphs()->block);
		else
			mvaddch(y, x + i, ACS_BLOCK);
	}
	attrset(A_NORMAL);
}

void draw_clear(const struct rect *a)
{
	for (int y = a->y; y < a->y + a->h && y < LINES; y++) {
		move(y, a->x);
		for (int x = a->x; x < a->x + a->w && x < COLS; x++)
			addch(' ');
	}
}

void draw_frame(const struct rect *a, const char *title, bool focus)
{
	if (a->h < 2 || a->w < 2)
		return;
	const struct glyphs *g = theme_glyphs();
	enum role r = focus ? ROLE_BORDER_FOCUS : ROLE_BORDER;
	int bottom = a->y + a->h - 1, right = a->x + a->w - 1;
	for (int x = a->x + 1; x < right; x++) {
		draw_text(a->y, x, 1, g->hline, r);
		draw_text(bottom, x, 1, g->hline, r);
	}
	for (int y = a->y + 1; y < bottom; y++) {
		draw_text(y, a->x, 1, g->vline, r);
		draw_text(y, right, 1, g->vline, r);
	}
	draw_text(a->y, a->x, 1, g->tl, r);
	draw_text(a->y, right, 1, g->tr, r);
	draw_text(bottom, a->x, 1, g->bl, r);
	draw_text(bottom, right, 1, g->br, r);
	if (title && a->w > 6) {
		int x = a->x + 2;
		x += draw_text(a->y, x, 1, " ", r);
		/* Focus shows in the text too, for terminals without colour. */
		if (focus) {
			x += draw_text(a->y, x, 1, g->focus, r);
			x += draw_text(a->y, x, 1, " ", r);
		}
		/* The title stops a space short of the corner, which stays drawn. */
		x += draw_text(a->y, x, right - 1 - x, title,
			       focus ? ROLE_BORDER_FOCUS : ROLE_TITLE);
		draw_text(a->y, x, 1, " ", r);
	}
}

struct rect draw_inner(const struct rect *a)
{
	struct rect in = { a->y + 1, a->x + 1, a->h - 2, a->w - 2 };
	if (in.h < 0)
		in.h = 0;
	if (in.w < 0)
		in.w = 0;
	return in;
}
