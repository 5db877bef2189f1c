/* chart: horizontal bars of the median time per strategy, with min-max whiskers
 * and the statement count after each bar, one column per workload size (100 and
 * 10,000 rows side by side), each column on its own scale: linear, or log with 'L'.
 * Only timed runs (ui_bench) reach the chart, never a live, slowed run. */
#include "config.h"

#include "ui/ui.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static double position(const struct ui *ui, double v, double lo, double hi, int width)
{
	if (hi <= 0 || width <= 0)
		return 0;
	if (!ui->log_scale)
		return v / hi * width;
	/* log scale over [lo/2, hi]: the fastest bar keeps a visible length */
	double base = lo > 0 ? lo / 2 : hi / 1000;
	return log(v / base) / log(hi / base) * width;
}

static void draw_column(struct ui *ui, const struct rect *c, long size)
{
	double lo = 0, hi = 0;
	int label_w = 0, n = 0;
	for (int i = 0; i < ui->nchart; i++)
		if (ui->chart[i].orders == size) {
			const struct experiment_timing *t = &ui->chart[i].t;
			hi = t->max_ms > hi ? t->max_ms : hi;
			lo = n == 0 || t->min_ms < lo ? t->min_ms : lo;
			int w = (int)strlen(ui->chart[i].strategy);
			label_w = w > label_w ? w : label_w;
			n++;
		}
	char head[64];
	snprintf(head, sizeof head, "%ld orders: median ms, statements", size);
	draw_text(c->y, c->x, c->w, head, ROLE_TITLE);
	int y = c->y + 1;
	const struct glyphs *g = theme_glyphs();
	for (int i = 0; i < ui->nchart && y < c->y + c->h; i++) {
		const struct ui_chart_entry *e = &ui->chart[i];
		if (e->orders != size)
			continue;
		char tail[48];
		snprintf(tail, sizeof tail, " %.2f %llu", e->t.median_ms,
			 (unsigned long long)e->t.queries);
		int tail_w = (int)strlen(tail);
		int bar_w = c->w - label_w - 1 - tail_w;
		draw_text(y, c->x, label_w, e->strategy, ROLE_NORMAL);
		int x0 = c->x + label_w + 1;
		int med = (int)lround(position(ui, e->t.median_ms, lo, hi, bar_w));
		int max = (int)lround(position(ui, e->t.max_ms, lo, hi, bar_w));
		int min = (int)lround(position(ui, e->t.min_ms, lo, hi, bar_w));
		med = med < 1 ? 1 : med;
		for (int x = 0; x < med && x < bar_w; x++)
			draw_text(y, x0 + x, 1, g->block, i % 2 ? ROLE_BAR_ALT : ROLE_BAR);
		/* the whisker shows the spread beyond the median, up to the slowest run */
		for (int x = med; x < max && x < bar_w; x++)
			draw_text(y, x0 + x, 1, x + 1 == max ? g->tick : g->whisker, ROLE_DIM);
		(void)min;
		int end = (max > med ? max : med);
		end = end < bar_w ? end : bar_w;
		draw_text(y, x0 + end, c->x + c->w - x0 - end, tail, ROLE_SQL_PARAM);
		y++;
	}
}

/* The distinct sizes in the chart, in the order they were timed. */
static int chart_sizes(const struct ui *ui, long *sizes)
{
	int n = 0;
	for (int i = 0; i < ui->nchart; i++) {
		int k = 0;
		while (k < n && sizes[k] != ui->chart[i].orders)
			k++;
		if (k == n)
			sizes[n++] = ui->chart[i].orders;
	}
	return n;
}

void chart_draw(struct ui *ui, const struct rect *r)
{
	long sizes[UI_CHART_MAX];
	int nsizes = chart_sizes(ui, sizes);
	struct rect in = draw_inner(r);
	/* Sizes sit side by side when two columns are wide enough for readable bars,
	 * stack when the height allows, and page (left/right) otherwise. */
	int per = 1;
	for (int k = 0; k < nsizes; k++) {
		int count = 0;
		for (int i = 0; i < ui->nchart; i++)
			count += ui->chart[i].orders == sizes[k];
		per = count + 1 > per ? count + 1 : per;
	}
	int cols = (in.w - 1) / 2 - 1 >= 34 ? 2 : 1;
	int stack = in.h / per > 0 ? in.h / per : 1;
	int slots = cols * stack, pages = nsizes ? (nsizes + slots - 1) / slots : 1;
	if (ui->chart_page >= pages)
		ui->chart_page = pages - 1;
	char title[96];
	snprintf(title, sizeof title, "timing (%s scale)%s", ui->log_scale ? "log" : "linear",
		 pages > 1 ? ", left/right for more" : "");
	draw_frame(r, title, ui->focus == FOCUS_CHART);
	if (in.h <= 0)
		return;
	if (ui->nchart == 0) {
		draw_text(in.y, in.x + 1, in.w - 1, "press B to time the strategies (or :bench)",
			  ROLE_DIM);
		return;
	}
	int col_w = (in.w - 1) / cols - (cols > 1);
	for (int k = ui->chart_page * slots; k < nsizes && k < (ui->chart_page + 1) * slots; k++) {
		int slot = k - ui->chart_page * slots;
		struct rect c = { in.y + (slot / cols) * per, in.x + 1 + (slot % cols) * (col_w + 1),
				  per, col_w };
		if (c.y + c.h > in.y + in.h)
			c.h = in.y + in.h - c.y;
		draw_column(ui, &c, sizes[k]);
	}
}

enum ui_intent chart_key(struct ui *ui, int ch)
{
	switch (ch) {
	case KEY_LEFT:
	case 'h':
		if (ui->chart_page > 0)
			ui->chart_page--;
		return UI_REDRAW;
	case KEY_RIGHT:
	case 'l':
		ui->chart_page++; /* chart_draw keeps it in range */
		return UI_REDRAW;
	}
	return UI_NONE;
}
