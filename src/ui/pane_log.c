/* pane_log: the SQL log. One row per statement, newest at the bottom, numbered,
 * keywords coloured and parameters dimmed; the statements that built the
 * database (setup: DDL and seeding) unnumbered among them; the exception a run
 * raised last, as SQLAlchemy's traceback ends. Or one row per group of identical
 * counted statements ("×100 similar"), expandable, with setup summed up apart.
 * Or the rows of the last :sql as a table (an :explain as its plan's tree). An
 * N+1 alert takes the top row when one statement text repeats past the threshold.
 *
 * A statement wider than the pane is shortened by sqltext_line, which keeps what
 * tells statements apart; Enter opens the selected one whole in the inspector.
 *
 * Its own state: grouped or not, the scroll, the selected statement, group or
 * row, the sideways offset of a result, and which groups are expanded; all of it
 * but the view goes back to the start with every new run. */
#include "config.h"

#include "ui/app.h"
#include "ui/sqltext.h"
#include "util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ALERT_THRESHOLD = 10, ERROR_ROWS = 3 };

struct logpane {
	bool grouped;
	int scroll;	/* rows scrolled back from the newest (a :sql result: from the top) */
	size_t sel;	/* the selected statement, counted back from the newest shown */
	size_t cursor;	/* the selected group, or row of a result */
	int x;		/* a result's sideways offset, in display columns */
	bool *expanded; /* by group index */
	size_t nexpanded;
	unsigned forgotten; /* the run's, when the rest was last right */
};

/* A new run starts at the newest statement with every group folded. */
static void follow(struct logpane *s, const struct run *run)
{
	if (s->forgotten == run->forgotten)
		return;
	s->forgotten = run->forgotten;
	s->scroll = s->x = 0;
	s->sel = s->cursor = 0;
	if (s->nexpanded)
		memset(s->expanded, 0, s->nexpanded * sizeof *s->expanded);
}

static bool expanded(const struct logpane *s, size_t i)
{
	return i < s->nexpanded && s->expanded[i];
}

static void toggle(struct logpane *s, size_t i)
{
	if (i >= s->nexpanded) {
		size_t n = i + 16;
		s->expanded = util_realloc(s->expanded, n * sizeof *s->expanded);
		memset(s->expanded + s->nexpanded, 0, (n - s->nexpanded) * sizeof *s->expanded);
		s->nexpanded = n;
	}
	s->expanded[i] = !s->expanded[i];
}

/* SQL with its keywords coloured, shortened to fit want columns if it can, and
 * cut at w with an ellipsis; returns the columns used. */
static int draw_sql(int y, int x, int want, int w, const char *sql)
{
	char line[4096];
	const struct glyphs *g = theme_glyphs();
	sqltext_line(sql, want, g->ellipsis, g->times, line, sizeof line);
	int ew = draw_width(g->ellipsis, strlen(g->ellipsis));
	bool cut = draw_width(line, strlen(line)) > w;
	if (cut)
		w -= ew;
	int used = 0;
	for (const char *s = line; *s && used < w;) {
		size_t n = strcspn(s, " ,()");
		if (n == 0)
			n = 1;
		char tok[512];
		snprintf(tok, sizeof tok, "%.*s", (int)(n < sizeof tok ? n : sizeof tok - 1), s);
		used += draw_text(y, x + used, w - used, tok,
				  sqltext_keyword(s, n) ? ROLE_SQL_KEYWORD : ROLE_NORMAL);
		s += n;
	}
	if (cut)
		used += draw_text(y, x + used, ew, g->ellipsis, ROLE_DIM);
	return used;
}

/* Text cut at w columns, with an ellipsis when cut. */
static int draw_cut(int y, int x, int w, const char *s, enum role role)
{
	const char *e = theme_glyphs()->ellipsis;
	if (draw_width(s, strlen(s)) <= w)
		return draw_text(y, x, w, s, role);
	int ew = draw_width(e, strlen(e));
	int used = draw_text(y, x, w - ew, s, role);
	return used + draw_text(y, x + used, ew, e, ROLE_DIM);
}

static void draw_entry(int y, const struct rect *in, const struct runlog_stmt *st, int digits,
		       bool selected)
{
	char num[24], rows[32], line[1024];
	digits = digits < 20 ? digits : 20;
	/* A setup statement built the database: unnumbered, with the rows it inserted. */
	if (st->seq)
		snprintf(num, sizeof num, "%*llu", digits, (unsigned long long)st->seq);
	else
		snprintf(num, sizeof num, "%*s", digits, "");
	snprintf(rows, sizeof rows, st->rows ? "%llu rows" : "", (unsigned long long)st->rows);
	const char *params = st->seq ? st->params : rows;
	int x = in->x;
	x += draw_text(y, x, in->w, num, ROLE_SQL_NUMBER);
	x += draw_text(y, x, 1, selected ? theme_glyphs()->focus : " ",
		       selected ? ROLE_BORDER_FOCUS : ROLE_NORMAL);
	/* The SQL comes first; the parameters get what is left, if anything. */
	int room = in->x + in->w - x, pw = draw_width(params, strlen(params)) + 1;
	pw = pw < 16 ? pw : 16;
	/* The SQL is shortened to leave the parameters room, but is cut only at the edge. */
	int want = room - pw > 10 ? room - pw : room;
	if (st->seq)
		x += draw_sql(y, x, want, room, runlog_sql(st));
	else /* setup: set apart, dimmed, on one line */
		x += draw_cut(y, x, want,
			      sqltext_line(runlog_sql(st), 1 << 20, "", "", line, sizeof line),
			      ROLE_DIM);
	if (in->x + in->w - x > 4)
		draw_cut(y, x + 1, in->x + in->w - x - 1, params, ROLE_SQL_PARAM);
}

/* Statement numbers take as many columns as the newest needs. */
static int digits_of(const struct run *run)
{
	int d = 1;
	for (uint64_t n = run->count; n >= 10; n /= 10)
		d++;
	return d;
}

/* What the last run raised, as the traceback's last line, wrapped into the
 * bottom rows of in; returns how many rows it takes (drawn when draw). */
static int error_rows(const struct run *run, const struct rect *in, bool draw)
{
	if (run->last != RUN_LAST_LIVE || !run->error || run->running || in->w <= 0)
		return 0;
	char *text = run->raised ? util_printf("sqlalchemy.exc.InvalidRequestError: %s", run->error)
				 : util_printf("error: %s", run->error);
	int n = 0;
	for (const char *p = text, *next; *p && n < ERROR_ROWS; p = next, n++)
		draw_wrap(p, in->w, &next);
	int i = 0;
	for (const char *p = text, *next; draw && *p && i < n; p = next, i++) {
		size_t len = draw_wrap(p, in->w, &next);
		char line[1024];
		snprintf(line, sizeof line, "%.*s", (int)len, p);
		/* the last row ends in an ellipsis if the message goes on */
		if (i == n - 1 && *next)
			draw_cut(in->y + in->h - n + i, in->x, in->w, p, ROLE_ERROR);
		else
			draw_text(in->y + in->h - n + i, in->x, in->w, line, ROLE_ERROR);
	}
	free(text);
	return n;
}

static void draw_statements(struct logpane *s, const struct run *run, const struct rect *in,
			    bool focused)
{
	const struct runlog *log = &run->log;
	size_t len = log->len;
	/* Frozen: the newer statements stay out of view until 'f' again. */
	while (run->frozen.on && len > 0 && runlog_get(log, len - 1)->seq > run->frozen.seq)
		len--;
	int err = error_rows(run, in, false);
	int rows = in->h - err;
	if (rows < 1)
		rows = 1;
	if (len && s->sel >= len)
		s->sel = len - 1;
	/* The selection stays in view. */
	if ((int)s->sel < s->scroll)
		s->scroll = (int)s->sel;
	if ((int)s->sel >= s->scroll + rows)
		s->scroll = (int)s->sel - rows + 1;
	if (s->scroll > (int)len - rows)
		s->scroll = (int)len - rows > 0 ? (int)len - rows : 0;
	size_t end = len - (size_t)s->scroll;
	size_t start = end > (size_t)rows ? end - (size_t)rows : 0;
	int digits = digits_of(run);
	for (size_t i = start; i < end; i++)
		draw_entry(in->y + (int)(i - start), in, runlog_get(log, i), digits,
			   focused && len - 1 - i == s->sel);
	if (len == 0)
		draw_text(in->y, in->x, in->w, run->ran ? "(no statements)" : "press r to run",
			  ROLE_DIM);
	if (err)
		error_rows(run, in, true);
}

/* Setup statements are not counted, so no group holds them: one line says so. */
static int draw_setup_line(const struct run *run, const struct rect *in, int y)
{
	size_t n = 0;
	for (size_t i = 0; i < run->log.len; i++)
		n += runlog_get(&run->log, i)->seq == 0;
	if (!n)
		return 0;
	char line[96];
	snprintf(line, sizeof line, "  setup, not counted: %zu statement%s", n, n == 1 ? "" : "s");
	draw_cut(y, in->x, in->w, line, ROLE_DIM);
	return 1;
}

static void draw_groups(struct logpane *s, const struct run *run, const struct rect *in,
			bool focused)
{
	const struct runlog *log = &run->log;
	size_t n = loggroups_len(run->groups);
	if (s->cursor >= n)
		s->cursor = n ? n - 1 : 0;
	int y = in->y + draw_setup_line(run, in, in->y);
	for (size_t i = 0; i < n && y < in->y + in->h; i++) {
		const struct loggroup *g = loggroups_get(run->groups, i);
		char sum[96];
		loggroup_summary(g, theme_utf8(), sum, sizeof sum);
		bool sel = focused && i == s->cursor;
		int x = in->x;
		x += draw_text(y, x, in->w, sel ? "> " : "  ", ROLE_SQL_NUMBER);
		int sw = draw_width(sum, strlen(sum)) + 2;
		x += draw_sql(y, x, in->x + in->w - x - sw, in->x + in->w - x - sw, g->sql);
		draw_text(y, x + 2, in->x + in->w - x - 2, sum, ROLE_SQL_PARAM);
		y++;
		/* An expanded group lists its members still in the run log's ring. */
		for (size_t k = 0; expanded(s, i) && k < log->len && y < in->y + in->h; k++) {
			const struct runlog_stmt *st = runlog_get(log, k);
			if (st->group == g) {
				struct rect sub = { y, in->x + 2, 1, in->w - 2 };
				draw_entry(y++, &sub, st, digits_of(run), false);
			}
		}
	}
	if (n == 0 && y == in->y)
		draw_text(in->y, in->x, in->w, "press r to run", ROLE_DIM);
}

/* An EXPLAIN QUERY PLAN: its tree, each step wrapped, nothing cut. */
static void draw_plan(struct logpane *s, const struct run *run, const struct rect *in)
{
	const struct table *t = &run->output;
	int y = in->y - s->scroll;
	if (y >= in->y)
		draw_text(y, in->x, in->w, "QUERY PLAN", ROLE_TITLE);
	y++;
	char line[TABLE_MAX_CELL + 64];
	for (size_t r = 0; r < t->nrows && y < in->y + in->h; r++) {
		if (!table_plan_line(t, r, line, sizeof line))
			continue;
		int indent = (int)strspn(line, " ");
		for (const char *p = line + indent, *next; *p; p = next, y++) {
			size_t n = draw_wrap(p, in->w - indent - 3, &next);
			char piece[1024];
			snprintf(piece, sizeof piece, "%.*s", (int)n, p);
			if (y >= in->y && y < in->y + in->h) {
				draw_text(y, in->x + indent, 3, p == line + indent ? "`--" : "   ",
					  ROLE_DIM);
				draw_text(y, in->x + indent + 3, in->w - indent - 3, piece,
					  ROLE_NORMAL);
			}
		}
	}
	if (y < in->y + in->h && run->output_error) {
		snprintf(line, sizeof line, "error: %s", run->output_error);
		draw_cut(y, in->x, in->w, line, ROLE_ERROR);
	}
}

/* A :sql result: the header stays, the rows scroll down, the columns sideways. */
static void draw_output(struct logpane *s, const struct run *run, const struct rect *in,
			bool focused)
{
	const struct table *t = &run->output;
	if (run->last == RUN_LAST_EXPLAIN && t->ncol && table_plan_line(t, 0, (char[8]){ 0 }, 8)) {
		draw_plan(s, run, in);
		return;
	}
	int foot = (t->total > t->nrows) + (run->output_error != NULL);
	int rows = in->h - 1 - foot;
	if (rows < 1)
		rows = 1;
	int tw = table_width(t);
	if (s->x > tw - in->w)
		s->x = tw - in->w > 0 ? tw - in->w : 0;
	if (s->cursor >= t->nrows)
		s->cursor = t->nrows ? t->nrows - 1 : 0;
	if ((int)s->cursor < s->scroll)
		s->scroll = (int)s->cursor;
	if ((int)s->cursor >= s->scroll + rows)
		s->scroll = (int)s->cursor - rows + 1;
	const char *e = theme_glyphs()->ellipsis;
	char line[4096];
	if (t->ncol)
		draw_text(in->y, in->x, in->w,
			  table_line(t, TABLE_HEADER, s->x, in->w, e, line, sizeof line),
			  ROLE_TITLE);
	else if (!run->output_error)
		draw_text(in->y, in->x, in->w, "(no rows)", ROLE_DIM);
	int y = in->y + (t->ncol > 0);
	for (size_t r = (size_t)s->scroll; r < t->nrows && y < in->y + 1 + rows; r++, y++)
		draw_text(y, in->x, in->w,
			  table_line(t, (long)r, s->x, in->w, e, line, sizeof line),
			  focused && r == s->cursor ? ROLE_TAB_ACTIVE : ROLE_NORMAL);
	if (t->total > t->nrows) {
		snprintf(line, sizeof line, "(the first %zu of %zu rows are kept)", t->nrows,
			 t->total);
		draw_cut(y++, in->x, in->w, line, ROLE_DIM);
	}
	if (run->output_error) {
		snprintf(line, sizeof line, "error: %s", run->output_error);
		draw_cut(y, in->x, in->w, line, ROLE_ERROR);
	}
}

/* "N+1: Order.customer loaded one at a time (×10)", then "fix: joinedload(...)",
 * on one row when it fits, else two. Returns the rows used. */
static int draw_alert(const struct run *run, const struct rect *in)
{
	const struct loggroup *g = loggroups_suspect(run->groups, ALERT_THRESHOLD);
	if (!g || run->has_output)
		return 0;
	struct experiment_facts f = experiment_facts(&run->spec);
	const char *rel = f.relationship, *fix = f.fix;
	char what[128], cure[128], both[256];
	snprintf(what, sizeof what, " N+1: %s loaded one at a time (%s%llu) ", rel,
		 theme_glyphs()->times, (unsigned long long)g->count);
	snprintf(cure, sizeof cure, " fix: %s(%s) ", fix, rel);
	snprintf(both, sizeof both, "%s-%s", what, cure);
	if (draw_width(both, strlen(both)) <= in->w || in->h < 4) {
		draw_text(in->y, in->x, in->w, both, ROLE_ALERT);
		return 1;
	}
	draw_text(in->y, in->x, in->w, what, ROLE_ALERT);
	draw_text(in->y + 1, in->x, in->w, cure, ROLE_ALERT);
	return 2;
}

static void draw(void *state, const struct app *a, const struct rect *r, bool focused)
{
	struct logpane *s = state;
	const struct run *run = &a->run;
	follow(s, run);
	char title[96];
	if (run->has_output)
		snprintf(title, sizeof title, "%s, %zu row%s",
			 run->last == RUN_LAST_EXPLAIN ? "query plan" : "SQL result",
			 run->output.total, run->output.total == 1 ? "" : "s");
	else
		snprintf(title, sizeof title, "%s",
			 run->frozen.on ? "SQL log (FROZEN)"
			 : s->grouped	? "SQL log (grouped)"
					: "SQL log");
	draw_frame(r, title, focused);
	struct rect in = draw_inner(r);
	if (in.h <= 0)
		return;
	int alert = draw_alert(run, &in);
	in.y += alert, in.h -= alert;
	if (run->has_output)
		draw_output(s, run, &in, focused);
	else if (s->grouped)
		draw_groups(s, run, &in, focused);
	else
		draw_statements(s, run, &in, focused);
}

/* Enter: the selected line whole in the inspector (the newest when the log has
 * not the keys), a group with every parameter set, or a result's row. */
static struct action inspect(const struct logpane *s, const struct app *a)
{
	const struct run *run = &a->run;
	bool focused = a->focus == pane_find("log");
	if (run->has_output)
		return action_make(ACT_INSPECT_ROW, focused ? (int)s->cursor : 0);
	if (s->grouped && focused)
		return action_make(ACT_INSPECT_GROUP, (int)s->cursor);
	size_t len = run->log.len;
	if (focused && len)
		return action_make(ACT_INSPECT_AT, (int)(len - 1 - (s->sel < len ? s->sel : 0)));
	return action_make(ACT_INSPECT, 0);
}

static void step_by(size_t *v, long by, size_t n)
{
	long to = (long)*v + by;
	*v = to < 0 || n == 0 ? 0 : (size_t)to >= n ? n - 1 : (size_t)to;
}

static struct action key(void *state, const struct app *a, int ch, const struct rect *r)
{
	struct logpane *s = state;
	const struct run *run = &a->run;
	follow(s, run);
	if (ch == 'g') {
		s->grouped = !s->grouped;
		s->scroll = 0;
		return action_make(ACT_NONE, 0);
	}
	if (ch == '\r' || ch == '\n' || ch == KEY_ENTER)
		return inspect(s, a);
	long page = r->h > 4 ? r->h - 3 : 1;
	long by = ch == KEY_UP || ch == 'k'	? -1
		  : ch == KEY_DOWN || ch == 'j' ? 1
		  : ch == KEY_PPAGE		? -page
		  : ch == KEY_NPAGE		? page
		  : ch == KEY_HOME		? -(1L << 30)
		  : ch == KEY_END		? 1L << 30
						: 0;
	if (run->has_output) {
		if (ch == KEY_LEFT || ch == 'h')
			s->x = s->x > 8 ? s->x - 8 : 0;
		else if (ch == KEY_RIGHT || ch == 'l')
			s->x += 8; /* draw keeps it in range */
		else if (run->last == RUN_LAST_EXPLAIN)
			s->scroll = s->scroll + (int)by > 0 ? s->scroll + (int)by : 0;
		else
			step_by(&s->cursor, by, run->output.nrows);
	} else if (s->grouped) {
		if (ch == 'e' && loggroups_len(run->groups))
			toggle(s, s->cursor);
		step_by(&s->cursor, by, loggroups_len(run->groups));
	} else {
		/* sel counts back from the newest: Up is older */
		step_by(&s->sel, -by, run->log.len);
	}
	return action_make(ACT_NONE, 0);
}

static void done(void *state)
{
	struct logpane *s = state;
	free(s->expanded);
}

static struct rect place(const struct layout *l)
{
	return (struct rect){ l->right.y + l->counter_h, l->right.x,
			      l->right.h - l->counter_h - l->chart_h, l->right.w };
}

const struct pane pane_log = {
	.name = "log",
	.focusable = true,
	.state_size = sizeof(struct logpane),
	.done = done,
	.place = place,
	.draw = draw,
	.key = key,
};
