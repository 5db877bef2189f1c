/* pane_log: the SQL log. One row per statement, newest at the bottom, numbered,
 * keywords coloured and parameters dimmed; or one row per group of identical
 * statements ("×100 similar"), expandable; or the rows of the last :sql. An N+1
 * alert takes the top row when one statement text repeats past the threshold.
 *
 * A statement wider than the pane keeps its FROM/WHERE tail and elides the column
 * list, since that tail is what tells one statement from another.
 *
 * Its own state: grouped or not, the scroll, the selected group and which groups
 * are expanded; all of it but the view goes back to the start with every new run. */
#include "config.h"

#include "ui/app.h"
#include "util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ALERT_THRESHOLD = 10 };

struct logpane {
	bool grouped;
	int scroll;	/* rows scrolled back from the newest (a :sql result: from the top) */
	size_t cursor;	/* the selected group, in the grouped view */
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
	s->scroll = 0;
	s->cursor = 0;
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

static bool keyword(const char *w, size_t n)
{
	static const char *const words[] = { "SELECT", "FROM",	  "WHERE",  "JOIN",   "LEFT",
					     "OUTER",  "ON",	  "AS",	    "IN",     "DISTINCT",
					     "ORDER",  "BY",	  "LIMIT",  "OFFSET", "AND",
					     "OR",     "INSERT",  "UPDATE", "DELETE", "CREATE",
					     "TABLE",  "EXPLAIN", "QUERY",  "PLAN",   "NULL",
					     "NOT",    "INTO",	  "VALUES" };
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == n && strncmp(words[i], w, n) == 0)
			return true;
	return false;
}

/* "IN (?, ?, ?, ?)" becomes "IN (?×4)": the count is what a reader compares. */
static void collapse_keys(char *s, size_t size)
{
	char *in = strstr(s, "IN (?");
	if (!in)
		return;
	char *p = in + 4;
	int n = 0;
	while (p[0] == '?') {
		n++;
		p += p[1] == ',' && p[2] == ' ' ? 3 : 1;
	}
	if (n < 3 || *p != ')')
		return;
	char rest[1024];
	snprintf(rest, sizeof rest, "%s", p);
	snprintf(in + 4, size - (size_t)(in + 4 - s), "?%s%d%.*s", theme_glyphs()->times, n,
		 (int)(size - (size_t)(in + 4 - s)), rest);
}

/* The statement on one line; when too wide, "SELECT … FROM ...", then "… FROM ...";
 * still too wide, it is cut (and the caller draws an ellipsis). */
static void compact(const char *sql, int width, char *out, size_t size)
{
	size_t k = 0;
	for (const char *s = sql; *s && k + 1 < size; s++)
		if (*s != '\n')
			out[k++] = *s == '\t' ? ' ' : *s;
	out[k] = '\0';
	const char *from = strstr(out, " FROM ");
	if (draw_width(out, k) <= width || strncmp(out, "SELECT ", 7) != 0 || !from)
		return;
	char tail[1024];
	snprintf(tail, sizeof tail, "%s", from);
	collapse_keys(tail, sizeof tail);
	const char *e = theme_glyphs()->ellipsis;
	snprintf(out, size, "SELECT %s%.*s", e, (int)size - 16, tail);
	if (draw_width(out, strlen(out)) > width)
		snprintf(out, size, "%s%.*s", e, (int)size - 16, tail);
}

/* SQL with its keywords coloured, compacted to fit want columns if it can, and
 * cut at w; returns the columns used. */
static int draw_sql(int y, int x, int want, int w, const char *sql)
{
	char line[1024];
	compact(sql, want, line, sizeof line);
	const char *e = theme_glyphs()->ellipsis;
	int ew = draw_width(e, strlen(e));
	bool cut = draw_width(line, strlen(line)) > w;
	if (cut)
		w -= ew;
	int used = 0;
	for (const char *s = line; *s && used < w;) {
		size_t n = strcspn(s, " ,()");
		if (n == 0)
			n = 1;
		char tok[256];
		snprintf(tok, sizeof tok, "%.*s", (int)(n < sizeof tok ? n : sizeof tok - 1), s);
		used += draw_text(y, x + used, w - used, tok,
				  keyword(s, n) ? ROLE_SQL_KEYWORD : ROLE_NORMAL);
		s += n;
	}
	if (cut)
		used += draw_text(y, x + used, ew, e, ROLE_DIM);
	return used;
}

static void draw_entry(int y, const struct rect *in, const struct runlog_stmt *st, int digits)
{
	char num[24], params[96];
	/* Statement 0 built the database: unnumbered, with the rows it inserted. */
	if (st->seq)
		snprintf(num, sizeof num, "%*llu ", digits, (unsigned long long)st->seq);
	else
		snprintf(num, sizeof num, "%*s ", digits, "");
	if (st->seq)
		sqllog_params_text(st->params, RUNLOG_PARAMS, st->nparams, theme_glyphs()->ellipsis,
				   params, sizeof params);
	else
		snprintf(params, sizeof params, st->rows ? "%llu rows" : "",
			 (unsigned long long)st->rows);
	int x = in->x;
	x += draw_text(y, x, in->w, num, ROLE_SQL_NUMBER);
	/* The SQL comes first; the parameters get what is left, if anything. */
	int room = in->x + in->w - x, pw = draw_width(params, strlen(params)) + 1;
	x += draw_sql(y, x, room - pw > 10 ? room - pw : room, room, st->group->sql);
	if (in->x + in->w - x > 4)
		draw_text(y, x + 1, in->x + in->w - x - 1, params, ROLE_SQL_PARAM);
}

/* Statement numbers take as many columns as the newest needs. */
static int digits_of(const struct runlog *log)
{
	const struct runlog_stmt *last = log->len ? runlog_get(log, log->len - 1) : NULL;
	int d = 1;
	for (uint64_t n = last ? last->seq : 1; n >= 10; n /= 10)
		d++;
	return d;
}

static void draw_statements(struct logpane *s, const struct run *run, const struct rect *in)
{
	const struct runlog *log = &run->log;
	size_t len = log->len;
	/* Frozen: the newer statements stay out of view until 'f' again. */
	while (run->frozen.on && len > 0 && runlog_get(log, len - 1)->seq > run->frozen.seq)
		len--;
	int rows = in->h;
	if (s->scroll > (int)len - rows)
		s->scroll = (int)len - rows > 0 ? (int)len - rows : 0;
	size_t end = len - (size_t)s->scroll;
	size_t start = end > (size_t)rows ? end - (size_t)rows : 0;
	int digits = digits_of(log);
	for (size_t i = start; i < end; i++)
		draw_entry(in->y + (int)(i - start), in, runlog_get(log, i), digits);
	if (len == 0)
		draw_text(in->y, in->x, in->w, run->ran ? "(no statements)" : "press r to run",
			  ROLE_DIM);
}

static void draw_groups(struct logpane *s, const struct run *run, const struct rect *in,
			bool focused)
{
	const struct runlog *log = &run->log;
	size_t n = loggroups_len(run->groups);
	if (s->cursor >= n)
		s->cursor = n ? n - 1 : 0;
	int y = in->y;
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
				draw_entry(y++, &sub, st, digits_of(log));
			}
		}
	}
	if (n == 0)
		draw_text(in->y, in->x, in->w, "press r to run", ROLE_DIM);
}

static void draw_output(struct logpane *s, const struct run *run, const struct rect *in)
{
	int rows = in->h;
	if (s->scroll > (int)run->noutput - rows)
		s->scroll = (int)run->noutput - rows > 0 ? (int)run->noutput - rows : 0;
	size_t start = (size_t)s->scroll;
	for (size_t i = start; i < run->noutput && (int)(i - start) < rows; i++)
		draw_text(in->y + (int)(i - start), in->x, in->w, run->output[i], ROLE_NORMAL);
}

/* "N+1: Order.customer loaded one at a time (×10)", then "fix: joinedload(...)",
 * on one row when it fits, else two. Returns the rows used. */
static int draw_alert(const struct run *run, const struct rect *in)
{
	const struct loggroup *g = loggroups_suspect(run->groups, ALERT_THRESHOLD);
	if (!g || run->noutput)
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
	const char *title = run->noutput     ? "SQL result"
			    : run->frozen.on ? "SQL log (FROZEN)"
			    : s->grouped     ? "SQL log (grouped)"
					     : "SQL log";
	draw_frame(r, title, focused);
	struct rect in = draw_inner(r);
	if (in.h <= 0)
		return;
	int alert = draw_alert(run, &in);
	in.y += alert, in.h -= alert;
	if (run->noutput)
		draw_output(s, run, &in);
	else if (s->grouped)
		draw_groups(s, run, &in, focused);
	else
		draw_statements(s, run, &in);
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
	int page = r->h > 4 ? r->h - 3 : 1;
	if (s->grouped && !run->noutput) {
		size_t n = loggroups_len(run->groups);
		switch (ch) {
		case KEY_UP:
		case 'k':
			if (s->cursor > 0)
				s->cursor--;
			break;
		case KEY_DOWN:
		case 'j':
			if (s->cursor + 1 < n)
				s->cursor++;
			break;
		case '\r':
		case '\n':
		case KEY_ENTER:
		case 'e':
			if (n)
				toggle(s, s->cursor);
			break;
		}
		return action_make(ACT_NONE, 0);
	}
	/* the output view scrolls from the top, the log from the newest */
	int dir = run->noutput ? -1 : 1;
	switch (ch) {
	case KEY_UP:
	case 'k': s->scroll += dir; break;
	case KEY_DOWN:
	case 'j': s->scroll -= dir; break;
	case KEY_PPAGE: s->scroll += dir * page; break;
	case KEY_NPAGE: s->scroll -= dir * page; break;
	case KEY_HOME: s->scroll = run->noutput ? 0 : 1 << 30; break;
	case KEY_END: s->scroll = run->noutput ? 1 << 30 : 0; break;
	}
	if (s->scroll < 0)
		s->scroll = 0;
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
