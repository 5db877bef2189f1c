/* pane_counter: statements so far, rows, elapsed, for what ran last: the run in
 * progress or the last one, or the learner's :sql or :explain (its own
 * statements, rows and time). The time is the run's own: the pauses that slow a
 * live run down for watching are left out, and the counter says how long each
 * pause is ("paced 250 ms") while they apply. No state of its own, no keys. Its
 * colour says how the count compares with the best strategy for the same
 * workload: one statement (joinedload), batches of at most 500 keys (selectin,
 * subquery), or one statement per parent (the N+1). Presenting, the digits grow
 * with the pane. */
#include "config.h"

#include "ui/app.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

static enum role verdict(const struct run *r)
{
	if (r->last != RUN_LAST_LIVE)
		return ROLE_NORMAL;
	uint64_t count = r->frozen.on ? r->frozen.count : r->count;
	if (count <= 1)
		return ROLE_COUNTER_GOOD;
	return count <= experiment_facts(&r->spec).eager_statements ? ROLE_COUNTER_WARN
								    : ROLE_COUNTER_BAD;
}

/* Digits on a 3x5 grid, for the back of a room: '#' is a filled cell. Each
 * grid cell is drawn sy rows tall and sx columns wide. */
static const char *const font[10][5] = {
	{ "###", "# #", "# #", "# #", "###" }, { " # ", "## ", " # ", " # ", "###" },
	{ "###", "  #", "###", "#  ", "###" }, { "###", "  #", " ##", "  #", "###" },
	{ "# #", "# #", "###", "  #", "  #" }, { "###", "#  ", "###", "  #", "###" },
	{ "###", "#  ", "###", "# #", "###" }, { "###", "  #", "  #", "  #", "  #" },
	{ "###", "# #", "###", "# #", "###" }, { "###", "# #", "###", "  #", "###" },
};

/* The columns n digits take at cell width sx: a cell's width between digits. */
static int digits_width(int n, int sx) { return n * 4 * sx - sx; }

/* The count in big digits at (y, x), each grid cell sy x sx; returns the
 * columns used. */
static int big_number(int y, int x, int sy, int sx, const char *digits, enum role role)
{
	int used = 0;
	for (const char *d = digits; *d >= '0' && *d <= '9'; d++) {
		for (int row = 0; row < 5 * sy; row++)
			for (int col = 0; col < 3; col++)
				if (font[*d - '0'][row / sy][col] == '#')
					draw_block(y + row, x + used + col * sx, sx, role);
		used += 4 * sx;
	}
	return used - sx;
}

/* The figures beside the big digits, one to a row. */
static void present_text(const struct run *run, int y, int x, int w, double ms, uint64_t rows)
{
	char line[160];
	draw_text(y, x, w, "statements", ROLE_TITLE);
	snprintf(line, sizeof line, "%llu rows, %.1f ms", (unsigned long long)rows, ms);
	draw_text(y + 1, x, w, line, ROLE_NORMAL);
	/* The pacing is the screen's: said apart from the run's own time. */
	int next = y + 2, pace = run_pace_ms(run);
	if (run->paused) {
		draw_text(next++, x, w, "PAUSED", ROLE_ERROR);
	} else if (run->running) {
		snprintf(line, sizeof line, pace ? "running, paced %d ms" : "running", pace);
		draw_text(next++, x, w, line, ROLE_NORMAL);
	}
	if (run->ran && run->last == RUN_LAST_LIVE) {
		snprintf(line, sizeof line, "%s, %ld/%ld", run->spec.strategy->name,
			 run->spec.orders, run->spec.customers);
		draw_text(next, x, w, line, ROLE_DIM);
	}
}

/* Projection: digits as tall as the pane allows (a multiple of five rows), as
 * wide as tall on a screen whose cells are twice as tall as wide, narrowed
 * until the count and its words fit beside each other. */
static void draw_present(const struct run *run, const struct rect *in, const char *count,
			 enum role role, double ms, uint64_t rows)
{
	enum { TEXT_W = 22 };
	int n = (int)strlen(count), sy = in->h / 5, sx = 2 * sy;
	while (sx > 1 && digits_width(n, sx) > in->w - 2 - TEXT_W)
		sx--;
	while (sy > 1 && sx < sy) /* digits too thin for their height: shorter */
		sy--;
	int x = in->x + 1, top = in->y + (in->h - 5 * sy) / 2;
	x += big_number(top, x, sy, sx, count, role) + 2;
	int text_y = in->y + (in->h > 4 ? (in->h - 4) / 2 : 0);
	present_text(run, text_y, x, in->x + in->w - x, ms, rows);
}

static void draw(void *state, const struct app *a, const struct rect *r, bool focused)
{
	(void)state, (void)focused;
	const struct run *run = &a->run;
	draw_frame(r, run->frozen.on ? "statements (FROZEN: f catches up)" : "statements", false);
	struct rect in = draw_inner(r);
	if (in.h <= 0)
		return;
	char line[160];
	uint64_t count = run->frozen.on ? run->frozen.count : run->count;
	uint64_t rows = run->frozen.on ? run->frozen.rows : run->rows;
	int64_t ns = run->frozen.on ? run->frozen.ns : run_elapsed_ns(run);
	double ms = (double)ns / 1e6;
	int x = in.x + 1;
	snprintf(line, sizeof line, "%llu", (unsigned long long)count);
	enum role role = run->ran ? verdict(run) : ROLE_DIM;
	if (a->present && in.h >= 5) {
		draw_present(run, &in, line, role, ms, rows);
		return;
	}
	x += draw_text(in.y, x, in.w - 1, line, role);
	snprintf(line, sizeof line, " statements   %llu rows   %.1f ms%s", (unsigned long long)rows,
		 ms,
		 run->paused	? "   PAUSED"
		 : run->running ? "   running"
				: "");
	draw_text(in.y, x, in.x + in.w - x, line, run->paused ? ROLE_ERROR : ROLE_NORMAL);
	if (in.h > 1 && run->ran && run->last != RUN_LAST_LIVE) {
		draw_text(in.y + 1, in.x + 1, in.w - 1,
			  run->last == RUN_LAST_EXPLAIN ? "your :explain (query plan rows)"
			  : run->last == RUN_LAST_SQL	? "your :sql"
							: "the database, rebuilt",
			  ROLE_DIM);
	} else if (in.h > 1 && run->ran) {
		/* Pacing is said here, apart from the time above, which leaves it out. */
		char pace[48] = "";
		if (run->running && run_pace_ms(run))
			snprintf(pace, sizeof pace, ", paced %d ms", run_pace_ms(run));
		snprintf(line, sizeof line, "%s: %ld orders / %ld customers%s%s%s",
			 run->spec.strategy->name, run->spec.orders, run->spec.customers,
			 run->spec.collection ? ", collection" : "",
			 run->spec.identity_map ? "" : ", no identity map", pace);
		draw_text(in.y + 1, in.x + 1, in.w - 1, line, ROLE_DIM);
	}
}

static struct rect place(const struct layout *l)
{
	return (struct rect){ l->right.y, l->right.x, l->counter_h, l->right.w };
}

const struct pane pane_counter = {
	.name = "counter",
	.place = place,
	.draw = draw,
};
