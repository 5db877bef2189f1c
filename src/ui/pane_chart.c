/* pane_chart: the timing chart. Horizontal bars of the median time per strategy, with min-max
 * whiskers and the statement count after each bar, one column per workload size (100 and 10,000
 * rows side by side), each column on its own scale: linear, or log with 'L'. Only timed runs
 * (run_bench) reach the chart, never a live, slowed run. Its own state: the scale and, when the
 * sizes do not all fit, the page shown; when a size's strategies do not all fit (more than
 * four at 80x24), the first one shown, and the title says how to see the rest. */
#include "config.h"

#include "strategy.h"
#include "ui/app.h"
#include "ui/keys.h"

#include <curses.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

struct chart {
	bool log_scale;
	int page;
	int top; /* the first strategy shown when they do not all fit: Up and Down */
};

static double position(const struct chart *s, double v, double lo, double hi, int width)
{
	if (hi <= 0 || width <= 0)
		return 0;
	if (!s->log_scale)
		return v / hi * width;
	/* log scale over [lo/2, hi]: the fastest bar keeps a visible length */
	double base = lo > 0 ? lo / 2 : hi / 1000;
	return log(v / base) / log(hi / base) * width;
}

/* A strategy's label: legacy options (subqueryload, noload) carry a mark that the
 * column's heading explains. */
static const char *label(const char *strategy, bool *legacy)
{
	const struct strategy *s = strategy_find(strategy);
	if (!s || !s->legacy)
		return strategy;
	*legacy = true;
	static char buf[32];
	snprintf(buf, sizeof buf, "%s*", strategy);
	return buf;
}

static void draw_column(const struct chart *s, const struct run *run, const struct rect *c,
			long size)
{
	double lo = 0, hi = 0;
	int label_w = 0, n = 0;
	bool legacy = false;
	for (int i = 0; i < run->nchart; i++)
		if (run->chart[i].orders == size) {
			const struct experiment_timing *t = &run->chart[i].t;
			hi = t->max_ms > hi ? t->max_ms : hi;
			lo = n == 0 || t->min_ms < lo ? t->min_ms : lo;
			int w = (int)strlen(label(run->chart[i].strategy, &legacy));
			label_w = w > label_w ? w : label_w;
			n++;
		}
	char head[64];
	snprintf(head, sizeof head, "%ld orders: median ms, statements%s", size,
		 legacy ? "; *legacy" : "");
	draw_text(c->y, c->x, c->w, head, ROLE_TITLE);
	/* Rows to spare make the bars thicker, with a row between them, so a big
	 * screen's chart reads from the back of the room. */
	int thick = n > 0 && s->top == 0 ? (c->h - 1) / n : 1;
	thick = thick > 0 ? thick : 1;
	int bar_h = thick > 2 ? thick - 1 : thick;
	int y = c->y + 1, skip = s->top;
	const struct glyphs *g = theme_glyphs();
	for (int i = 0; i < run->nchart && y < c->y + c->h; i++) {
		const struct run_chart_entry *e = &run->chart[i];
		if (e->orders != size || skip-- > 0)
			continue;
		char tail[48];
		snprintf(tail, sizeof tail, " %.2f %llu", e->t.median_ms,
			 (unsigned long long)e->t.queries);
		int tail_w = (int)strlen(tail);
		int bar_w = c->w - label_w - 1 - tail_w;
		int mid = y + (bar_h - 1) / 2; /* the words sit at the bar's middle */
		draw_text(mid, c->x, label_w, label(e->strategy, &legacy), ROLE_NORMAL);
		int x0 = c->x + label_w + 1;
		int med = (int)lround(position(s, e->t.median_ms, lo, hi, bar_w));
		int max = (int)lround(position(s, e->t.max_ms, lo, hi, bar_w));
		int min = (int)lround(position(s, e->t.min_ms, lo, hi, bar_w));
		med = med < 1 ? 1 : med;
		for (int t = 0; t < bar_h; t++)
			for (int x = 0; x < med && x < bar_w; x++)
				draw_text(y + t, x0 + x, 1, g->block,
					  i % 2 ? ROLE_BAR_ALT : ROLE_BAR);
		/* the whisker shows the spread beyond the median, up to the slowest run */
		for (int x = med; x < max && x < bar_w; x++)
			draw_text(mid, x0 + x, 1, x + 1 == max ? g->tick : g->whisker, ROLE_DIM);
		(void)min;
		int end = (max > med ? max : med);
		end = end < bar_w ? end : bar_w;
		draw_text(mid, x0 + end, c->x + c->w - x0 - end, tail, ROLE_SQL_PARAM);
		y += thick;
	}
}

/* The distinct sizes in the chart, in the order they were timed. */
static int chart_sizes(const struct run *run, long *sizes)
{
	int n = 0;
	for (int i = 0; i < run->nchart; i++) {
		int k = 0;
		while (k < n && sizes[k] != run->chart[i].orders)
			k++;
		if (k == n)
			sizes[n++] = run->chart[i].orders;
	}
	return n;
}

static void draw(void *state, const struct app *a, const struct rect *r, bool focused)
{
	struct chart *s = state;
	const struct run *run = &a->run;
	long sizes[RUN_CHART_MAX];
	int nsizes = chart_sizes(run, sizes);
	struct rect in = draw_inner(r);
	/* Sizes sit side by side when two columns are wide enough for readable bars,
	 * stack when the height allows, and page (left/right) otherwise. */
	int per = 1;
	for (int k = 0; k < nsizes; k++) {
		int count = 0;
		for (int i = 0; i < run->nchart; i++)
			count += run->chart[i].orders == sizes[k];
		per = count + 1 > per ? count + 1 : per;
	}
	int cols = (in.w - 1) / 2 - 1 >= 34 ? 2 : 1;
	int stack = in.h / per > 0 ? in.h / per : 1;
	int slots = cols * stack, pages = nsizes ? (nsizes + slots - 1) / slots : 1;
	if (s->page >= pages)
		s->page = pages - 1;
	/* More strategies than rows: they scroll, never vanish. */
	int shown = in.h - 1, hidden = per - 1 - (shown > 0 ? shown : 0);
	s->top = hidden <= 0 ? 0 : s->top > hidden ? hidden : s->top < 0 ? 0 : s->top;
	char title[96];
	const char *scale = s->log_scale ? "log" : "linear",
		   *more = s->top < hidden ? "down" : "up";
	if (pages > 1 && hidden > 0)
		snprintf(title, sizeof title, "timing (%s), left/right, %s: more", scale, more);
	else
		snprintf(title, sizeof title, "timing (%s scale)%s%s%s", scale,
			 pages > 1 ? ", left/right for more" : "", hidden > 0 ? ", " : "",
			 hidden > 0 ? more : "");
	if (hidden > 0 && pages <= 1)
		snprintf(title + strlen(title), sizeof title - strlen(title), " for more");
	draw_frame(r, title, focused);
	if (in.h <= 0)
		return;
	if (run->nchart == 0) {
		char line[80];
		const char *bench = keys_name(a, "bench");
		snprintf(line, sizeof line, "press %s to time the strategies (or :bench)",
			 bench ? bench : "B");
		draw_text(in.y, in.x + 1, in.w - 1, line, ROLE_DIM);
		return;
	}
	int col_w = (in.w - 1) / cols - (cols > 1);
	for (int k = s->page * slots; k < nsizes && k < (s->page + 1) * slots; k++) {
		int slot = k - s->page * slots;
		/* one row of columns: each column has the chart's whole height */
		struct rect c = { in.y + (slot / cols) * per,
				  in.x + 1 + (slot % cols) * (col_w + 1),
				  nsizes <= cols ? in.h : per, col_w };
		if (c.y + c.h > in.y + in.h)
			c.h = in.y + in.h - c.y;
		draw_column(s, run, &c, sizes[k]);
	}
}

static struct action key(void *state, const struct app *a, int ch, const struct rect *r)
{
	struct chart *s = state;
	(void)a, (void)r;
	if (ch == KEY_LEFT || ch == 'h')
		s->page -= s->page > 0;
	else if (ch == KEY_RIGHT || ch == 'l')
		s->page++; /* draw keeps it in range */
	else if (ch == 'L')
		s->log_scale = !s->log_scale;
	else if (ch == KEY_UP || ch == 'k')
		s->top--; /* draw keeps it in range */
	else if (ch == KEY_DOWN || ch == 'j')
		s->top++;
	return action_make(ACT_NONE, 0);
}

static struct rect place(const struct layout *l)
{
	return (struct rect){ l->right.y + l->right.h - l->chart_h, l->right.x, l->chart_h,
			      l->right.w };
}

const struct pane pane_chart = {
	.name = "chart",
	.focusable = true,
	.state_size = sizeof(struct chart),
	.place = place,
	.draw = draw,
	.key = key,
};
