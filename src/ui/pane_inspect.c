/* pane_inspect: the statement inspector. While it is open (run.h: struct
 * run_inspect) it takes the place of the counter, the log and the chart, so a
 * statement of 500 columns reads whole at 80x24 beside the lesson text: its
 * lines wrapped to the pane, scrolled with the arrows and the page keys; the
 * bottom edge names its keys and says when there is more below. Its own state:
 * the scroll, back at the top with every opening, and at the plan once 'e'
 * added it. */
#include "config.h"

#include "ui/app.h"
#include "ui/sqltext.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

struct inspector {
	int scroll;
	int max; /* the last scroll that still fills the pane, from the last frame */
	unsigned opened;
	bool planned;
};

/* One wrapped piece of a line, keywords coloured on SQL lines. */
static void piece(int y, int x, int w, const char *s, size_t n, enum role role)
{
	char buf[1024];
	snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), s);
	if (role != ROLE_SQL_KEYWORD) {
		draw_text(y, x, w, buf, role);
		return;
	}
	int used = 0;
	for (const char *p = buf; *p && used < w;) {
		size_t k = strcspn(p, " ,()");
		k = k ? k : 1;
		char tok[512];
		snprintf(tok, sizeof tok, "%.*s", (int)(k < sizeof tok ? k : sizeof tok - 1), p);
		used += draw_text(y, x + used, w - used, tok,
				  sqltext_keyword(p, k) ? ROLE_SQL_KEYWORD : ROLE_NORMAL);
		p += k;
	}
}

/* Every line wrapped to w, from row first on, drawn into in; returns the rows. */
static int lay_out(const struct run_inspect *ins, const struct rect *in, int first, bool draw)
{
	int row = 0;
	for (size_t i = 0; i < ins->nlines; i++) {
		const char *p = ins->lines[i].text;
		do {
			const char *next;
			size_t n = draw_wrap(p, in->w, &next);
			if (draw && row >= first && row - first < in->h)
				piece(in->y + row - first, in->x, in->w, p, n, ins->lines[i].role);
			row++;
			p = next;
		} while (*p);
	}
	return row;
}

static void draw(void *state, const struct app *a, const struct rect *r, bool focused)
{
	struct inspector *s = state;
	const struct run_inspect *ins = &a->run.inspect;
	(void)focused;
	if (!ins->open)
		return;
	if (s->opened != ins->opened)
		*s = (struct inspector){ .opened = ins->opened };
	draw_clear(r);
	draw_frame(r, ins->title, true);
	struct rect in = draw_inner(r);
	if (in.h <= 0 || in.w <= 0)
		return;
	int total = lay_out(ins, &in, 0, false);
	s->max = total > in.h ? total - in.h : 0;
	if (ins->planned && !s->planned) /* show the plan 'e' just added */
		s->planned = true, s->scroll = s->max;
	s->scroll = s->scroll < 0 ? 0 : s->scroll > s->max ? s->max : s->scroll;
	lay_out(ins, &in, s->scroll, true);
	char keys[96];
	snprintf(keys, sizeof keys, " %s%sEsc closes%s ",
		 ins->sql && !ins->planned ? "e plan  " : "", s->max ? "Up/Down  " : "",
		 s->scroll < s->max ? "  more below" : "");
	int w = draw_width(keys, strlen(keys));
	draw_text(r->y + r->h - 1, r->x + (r->w > w + 2 ? r->w - w - 2 : 1), r->w - 2, keys,
		  ROLE_BORDER_FOCUS);
}

static struct action key(void *state, const struct app *a, int ch, const struct rect *r)
{
	struct inspector *s = state;
	(void)a;
	int page = r->h > 3 ? r->h - 3 : 1;
	switch (ch) {
	case KEY_UP:
	case 'k': s->scroll--; break;
	case KEY_DOWN:
	case 'j': s->scroll++; break;
	case KEY_PPAGE: s->scroll -= page; break;
	case KEY_NPAGE: s->scroll += page; break;
	case KEY_HOME: s->scroll = 0; break;
	case KEY_END: s->scroll = s->max; break;
	}
	return action_make(ACT_NONE, 0); /* draw keeps the scroll in range */
}

/* Over the counter, the log and the chart: the whole right-hand column. */
static struct rect place(const struct layout *l) { return l->right; }

const struct pane pane_inspect = {
	.name = "inspect",
	.state_size = sizeof(struct inspector),
	.place = place,
	.draw = draw,
	.key = key,
};
