/* pane_chart: the timing chart. Horizontal bars of the median time per strategy, each split into
 * its parts (database, ORM, network: legend in the title), with the spread up to the slowest run
 * as a whisker and the statement count after each bar. One column per engine and size (SQLAlchemy
 * beside nplus1, 100 and 10,000 rows), each on its own scale: linear, or log with 'L' (the parts
 * then share the bar's length in proportion). Only timed runs (run_bench) reach the chart, never a
 * live, slowed run; d opens the numbers in the inspector. Its own state: the scale and, when the
 * columns do not all fit, the page shown; when a column's strategies do not all fit, the first
 * one shown, and the title says how to see the rest. */
#include "config.h"

#include "strategy.h"
#include "ui/app.h"
#include "ui/keys.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct chart {
	bool log_scale;
	int page;
	int top; /* the first strategy shown when they do not all fit: Up and Down */
};

/* A column: one engine at one size. */
struct group {
	long orders;
	bool sqla;
	const char *version;
};

static bool same(const struct group *g, const struct benchrow *r)
{
	return g->orders == r->orders && g->sqla == benchrow_sqlalchemy(r) &&
	       (!g->sqla || !strcmp(g->version, r->version));
}

static bool in_group(const struct group *g, const struct run_chart_entry *e)
{
	return same(g, &e->row);
}

static double position(const struct chart *s, double v, double lo, double hi, int width)
{
	if (hi <= 0 || width <= 0 || v <= 0)
		return 0;
	if (!s->log_scale)
		return v / hi * width;
	/* log scale over [lo/2, hi]: the fastest bar keeps a visible length */
	double base = lo > 0 ? lo / 2 : hi / 1000;
	return log(v / base) / log(hi / base) * width;
}

/* The bar's cells for each part, adding up to len; a part that is there gets a
 * cell when the bar has room for all three. */
static void split(const struct benchrow *r, int len, int cells[3])
{
	double part[3] = { r->db_ms, r->orm_ms, r->network_ms };
	double sum = part[0] + part[1] + part[2];
	if (sum <= 0) {
		cells[0] = len, cells[1] = cells[2] = 0;
		return;
	}
	int used = 0;
	for (int k = 0; k < 3; k++) {
		cells[k] = (int)lround(part[k] / sum * len);
		if (cells[k] == 0 && part[k] > 0 && len >= 3)
			cells[k] = 1;
		used += cells[k];
	}
	/* rounding: the largest part gives or takes the difference */
	int big = part[1] >= part[0] ? (part[2] > part[1] ? 2 : 1) : (part[2] > part[0] ? 2 : 0);
	cells[big] += len - used;
	if (cells[big] < 0)
		cells[big] = 0;
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
			const struct group *g)
{
	double lo = 0, hi = 0;
	int label_w = 0, n = 0;
	bool legacy = false;
	for (int i = 0; i < run->nchart; i++)
		if (in_group(g, &run->chart[i])) {
			const struct benchrow *t = &run->chart[i].row;
			hi = t->max_ms > hi ? t->max_ms : hi;
			lo = n == 0 || t->min_ms < lo ? t->min_ms : lo;
			int w = (int)strlen(label(t->strategy, &legacy));
			label_w = w > label_w ? w : label_w;
			n++;
		}
	/* "statements" makes way for the legacy mark's key where both do not fit */
	char head[96];
	int len = snprintf(head, sizeof head, "%ld orders, %s%s: ms", g->orders,
			   g->sqla ? "SQLAlchemy " : "nplus1", g->sqla ? g->version : "");
	if (!legacy || len + 21 <= c->w)
		len += snprintf(head + len, sizeof head - (size_t)len, ", statements");
	if (legacy)
		snprintf(head + len, sizeof head - (size_t)len, "; *legacy");
	draw_text(c->y, c->x, c->w, head, ROLE_TITLE);
	/* Rows to spare make the bars thicker, with a row between them, so a big
	 * screen's chart reads from the back of the room. */
	int thick = n > 0 && s->top == 0 ? (c->h - 1) / n : 1;
	thick = thick > 0 ? thick : 1;
	int bar_h = thick > 2 ? thick - 1 : thick;
	int y = c->y + 1, skip = s->top;
	const struct glyphs *gl = theme_glyphs();
	static const enum role roles[3] = { ROLE_BAR, ROLE_BAR_ALT, ROLE_DIM };
	for (int i = 0; i < run->nchart && y < c->y + c->h; i++) {
		const struct benchrow *e = &run->chart[i].row;
		if (!in_group(g, &run->chart[i]) || skip-- > 0)
			continue;
		char tail[48];
		snprintf(tail, sizeof tail, " %.2f %llu", e->median_ms,
			 (unsigned long long)e->queries);
		int tail_w = (int)strlen(tail);
		int bar_w = c->w - label_w - 1 - tail_w - 1; /* and a column off the border */
		int mid = y + (bar_h - 1) / 2;		     /* the words sit at the bar's middle */
		draw_text(mid, c->x, label_w, label(e->strategy, &legacy), ROLE_NORMAL);
		int x0 = c->x + label_w + 1;
		int med = (int)lround(position(s, e->median_ms, lo, hi, bar_w));
		int max = (int)lround(position(s, e->max_ms, lo, hi, bar_w));
		med = med < 1 ? 1 : med > bar_w ? bar_w : med;
		int cells[3];
		split(e, med, cells);
		for (int t = 0; t < bar_h; t++)
			for (int k = 0, x = 0; k < 3; k++)
				for (int j = 0; j < cells[k] && x < bar_w; j++, x++)
					draw_text(y + t, x0 + x, 1, gl->parts[k], roles[k]);
		/* the whisker shows the spread beyond the median, up to the slowest run */
		for (int x = med; x < max && x < bar_w; x++)
			draw_text(mid, x0 + x, 1, x + 1 == max ? gl->tick : gl->whisker, ROLE_DIM);
		int end = (max > med ? max : med);
		end = end < bar_w ? end : bar_w;
		draw_text(mid, x0 + end, c->x + c->w - x0 - end, tail, ROLE_SQL_PARAM);
		y += thick;
	}
}

/* The columns in the chart: by size, SQLAlchemy's before nplus1's at each. */
static int chart_groups(const struct run *run, struct group *groups)
{
	int n = 0;
	for (int i = 0; i < run->nchart; i++) {
		const struct benchrow *r = &run->chart[i].row;
		int k = 0;
		while (k < n && !same(&groups[k], r))
			k++;
		if (k < n)
			continue;
		struct group g = { r->orders, benchrow_sqlalchemy(r), r->version };
		/* sizes in the order they were timed; within one, SQLAlchemy first */
		int at = n;
		for (int j = 0; j < n; j++)
			if (groups[j].orders == g.orders && g.sqla && !groups[j].sqla) {
				at = j;
				break;
			}
		memmove(&groups[at + 1], &groups[at], (size_t)(n - at) * sizeof *groups);
		groups[at] = g;
		n++;
	}
	return n;
}

static void draw(void *state, const struct app *a, const struct rect *r, bool focused)
{
	struct chart *s = state;
	const struct run *run = &a->run;
	struct group groups[RUN_CHART_MAX];
	int ngroups = chart_groups(run, groups);
	struct rect in = draw_inner(r);
	/* A note (no SQLAlchemy, a failed timer) takes the first row where a column
	 * still fits under it; the status line and d say it anyway. */
	bool note = run->bench.note[0] && run->nchart > 0;
	if (note) {
		in.y++;
		in.h--;
	}
	/* Columns sit side by side when two are wide enough for readable bars,
	 * stack when the height allows, and page (left/right) otherwise. */
	int per = 1;
	for (int k = 0; k < ngroups; k++) {
		int count = 0;
		for (int i = 0; i < run->nchart; i++)
			count += in_group(&groups[k], &run->chart[i]);
		per = count + 1 > per ? count + 1 : per;
	}
	if (note && in.h - 1 < per) {
		note = false;
		in.y--, in.h++;
	}
	int cols = (in.w - 1) / 2 - 1 >= 34 ? 2 : 1;
	int stack = in.h / per > 0 ? in.h / per : 1;
	int slots = cols * stack, pages = ngroups ? (ngroups + slots - 1) / slots : 1;
	if (s->page >= pages)
		s->page = pages - 1;
	/* More strategies than rows: they scroll, never vanish. */
	int shown = in.h - 1, hidden = per - 1 - (shown > 0 ? shown : 0);
	s->top = hidden <= 0 ? 0 : s->top > hidden ? hidden : s->top < 0 ? 0 : s->top;
	const struct glyphs *gl = theme_glyphs();
	char title[160];
	int len = snprintf(title, sizeof title, "timing %sdb %sORM %snet%s", gl->parts[0],
			   gl->parts[1], gl->parts[2], s->log_scale ? ", log" : "");
	if (pages > 1)
		len += snprintf(title + len, sizeof title - (size_t)len, ", left/right %d/%d",
				s->page + 1, pages);
	if (hidden > 0)
		snprintf(title + len, sizeof title - (size_t)len, ", %s",
			 s->top < hidden ? "down" : "up");
	draw_frame(r, title, focused);
	if (in.h <= 0)
		return;
	if (note) {
		/* a note too long for the row is whole in d and on the status line */
		const char *say = run->bench.missing
					  ? "no SQLAlchemy: apt install python3-sqlalchemy"
				  : draw_width(run->bench.note, strlen(run->bench.note)) <= in.w - 1
					  ? run->bench.note
					  : "SQLAlchemy not timed: d says why";
		draw_text(in.y - 1, in.x + 1, in.w - 1, say, ROLE_ERROR);
	}
	if (run->nchart == 0) {
		char line[128];
		const char *bench = keys_name(a, "bench");
		if (run_bench_active(run))
			snprintf(line, sizeof line, "timing... (Esc stops)");
		else if (run->bench.untimed[0])
			snprintf(line, sizeof line, "nothing to time: %s raises by design",
				 strchr(run->bench.untimed, ',') ? "each" : run->bench.untimed);
		else
			snprintf(line, sizeof line, "press %s to time the strategies (or :bench)",
				 bench ? bench : "B");
		draw_text(in.y, in.x + 1, in.w - 1, line, ROLE_DIM);
		return;
	}
	int col_w = (in.w - 1) / cols - (cols > 1);
	for (int k = s->page * slots; k < ngroups && k < (s->page + 1) * slots; k++) {
		int slot = k - s->page * slots;
		/* the page's rows of columns share the chart's height: one row of
		 * them has all of it, and stacked ones thicken their bars too */
		int on_page = ngroups - s->page * slots < slots ? ngroups - s->page * slots : slots;
		int row_h = in.h / ((on_page + cols - 1) / cols);
		struct rect c = { in.y + (slot / cols) * row_h,
				  in.x + 1 + (slot % cols) * (col_w + 1), row_h, col_w };
		if (c.y + c.h > in.y + in.h)
			c.h = in.y + in.h - c.y;
		draw_column(s, run, &c, &groups[k]);
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
