/* logpane: the SQL log. One row per statement, newest at the bottom, numbered,
 * keywords coloured and parameters dimmed; or one row per group of identical
 * statements ("×100 similar"), expandable; or the rows of the last :sql. An N+1
 * alert takes the top row when one statement text repeats past the threshold.
 *
 * A statement wider than the pane keeps its FROM/WHERE tail and elides the column
 * list, since that tail is what tells one statement from another. */
#include "config.h"

#include "ui/ui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

enum { ALERT_THRESHOLD = 10 };

static bool keyword(const char *w, size_t n)
{
	static const char *const words[] = { "SELECT", "FROM", "WHERE", "JOIN", "LEFT", "OUTER",
					     "ON", "AS", "IN", "DISTINCT", "ORDER", "BY",
					     "LIMIT", "OFFSET", "AND", "OR", "INSERT", "UPDATE",
					     "DELETE", "CREATE", "TABLE", "EXPLAIN", "QUERY",
					     "PLAN", "NULL", "NOT", "INTO", "VALUES" };
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
		snprintf(params, sizeof params, st->rows ? "%llu rows" : "", (unsigned long long)st->rows);
	int x = in->x;
	x += draw_text(y, x, in->w, num, ROLE_SQL_NUMBER);
	/* The SQL comes first; the parameters get what is left, if anything. */
	int room = in->x + in->w - x, pw = draw_width(params, strlen(params)) + 1;
	x += draw_sql(y, x, room - pw > 10 ? room - pw : room, room, st->group->sql);
	if (in->x + in->w - x > 4)
		draw_text(y, x + 1, in->x + in->w - x - 1, params, ROLE_SQL_PARAM);
}

/* Statement numbers take as many columns as the newest needs. */
static int digits_of(struct runlog *log)
{
	const struct runlog_stmt *last = runlog_last(log);
	int d = 1;
	for (uint64_t n = last ? last->seq : 1; n >= 10; n /= 10)
		d++;
	return d;
}

static void draw_statements(struct ui *ui, const struct rect *in)
{
	struct runlog *log = &ui->runlog;
	size_t len = log->len;
	/* Frozen: the newer statements stay out of view until 'f' again. */
	while (ui->frozen && len > 0 && runlog_get(log, len - 1)->seq > ui->frozen_seq)
		len--;
	int rows = in->h;
	if (ui->log_scroll > (int)len - rows)
		ui->log_scroll = (int)len - rows > 0 ? (int)len - rows : 0;
	size_t end = len - (size_t)ui->log_scroll;
	size_t start = end > (size_t)rows ? end - (size_t)rows : 0;
	int digits = digits_of(log);
	for (size_t i = start; i < end; i++)
		draw_entry(in->y + (int)(i - start), in, runlog_get(log, i), digits);
	if (len == 0)
		draw_text(in->y, in->x, in->w, ui->ran ? "(no statements)" : "press r to run",
			  ROLE_DIM);
}

static void draw_groups(struct ui *ui, const struct rect *in)
{
	struct runlog *log = &ui->runlog;
	size_t n = loggroups_len(ui->groups);
	if (ui->log_cursor >= n)
		ui->log_cursor = n ? n - 1 : 0;
	int y = in->y;
	for (size_t i = 0; i < n && y < in->y + in->h; i++) {
		struct loggroup *g = loggroups_get(ui->groups, i);
		char sum[96];
		loggroup_summary(g, theme_utf8(), sum, sizeof sum);
		bool sel = ui->focus == FOCUS_LOG && i == ui->log_cursor;
		int x = in->x;
		x += draw_text(y, x, in->w, sel ? "> " : "  ", ROLE_SQL_NUMBER);
		int sw = draw_width(sum, strlen(sum)) + 2;
		x += draw_sql(y, x, in->x + in->w - x - sw, in->x + in->w - x - sw, g->sql);
		draw_text(y, x + 2, in->x + in->w - x - 2, sum, ROLE_SQL_PARAM);
		y++;
		/* An expanded group lists its members still in the run log's ring. */
		for (size_t k = 0; g->expanded && k < log->len && y < in->y + in->h; k++) {
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

static void draw_output(struct ui *ui, const struct rect *in)
{
	int rows = in->h;
	if (ui->log_scroll > (int)ui->noutput - rows)
		ui->log_scroll = (int)ui->noutput - rows > 0 ? (int)ui->noutput - rows : 0;
	size_t start = (size_t)ui->log_scroll;
	for (size_t i = start; i < ui->noutput && (int)(i - start) < rows; i++)
		draw_text(in->y + (int)(i - start), in->x, in->w, ui->output[i], ROLE_NORMAL);
}

/* "N+1: Order.customer loaded one at a time (×10)", then "fix: joinedload(...)",
 * on one row when it fits, else two. Returns the rows used. */
static int draw_alert(struct ui *ui, const struct rect *in)
{
	const struct loggroup *g = loggroups_suspect(ui->groups, ALERT_THRESHOLD);
	if (!g || ui->noutput)
		return 0;
	struct experiment_facts f = experiment_facts(&ui->spec);
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

void logpane_draw(struct ui *ui, const struct rect *r)
{
	const char *title = ui->noutput ? "SQL result"
			    : ui->frozen ? "SQL log (FROZEN)"
			    : ui->grouped ? "SQL log (grouped)"
					  : "SQL log";
	draw_frame(r, title, ui->focus == FOCUS_LOG);
	struct rect in = draw_inner(r);
	if (in.h <= 0)
		return;
	int alert = draw_alert(ui, &in);
	in.y += alert, in.h -= alert;
	if (ui->noutput)
		draw_output(ui, &in);
	else if (ui->grouped)
		draw_groups(ui, &in);
	else
		draw_statements(ui, &in);
}

enum ui_intent logpane_key(struct ui *ui, int ch)
{
	int page = ui->log_r.h > 4 ? ui->log_r.h - 3 : 1;
	if (ui->grouped && !ui->noutput) {
		size_t n = loggroups_len(ui->groups);
		switch (ch) {
		case KEY_UP:
		case 'k':
			if (ui->log_cursor > 0)
				ui->log_cursor--;
			return UI_REDRAW;
		case KEY_DOWN:
		case 'j':
			if (ui->log_cursor + 1 < n)
				ui->log_cursor++;
			return UI_REDRAW;
		case '\r':
		case '\n':
		case KEY_ENTER:
		case 'e':
			if (n) {
				struct loggroup *g = loggroups_get(ui->groups, ui->log_cursor);
				g->expanded = !g->expanded;
			}
			return UI_REDRAW;
		}
		return UI_NONE;
	}
	/* log_scroll counts rows back from the newest (the output view: from the top) */
	int dir = ui->noutput ? -1 : 1;
	switch (ch) {
	case KEY_UP:
	case 'k':
		ui->log_scroll += dir;
		break;
	case KEY_DOWN:
	case 'j':
		ui->log_scroll -= dir;
		break;
	case KEY_PPAGE:
		ui->log_scroll += dir * page;
		break;
	case KEY_NPAGE:
		ui->log_scroll -= dir * page;
		break;
	case KEY_HOME:
		ui->log_scroll = ui->noutput ? 0 : 1 << 30;
		break;
	case KEY_END:
		ui->log_scroll = ui->noutput ? 1 << 30 : 0;
		break;
	default:
		return UI_NONE;
	}
	if (ui->log_scroll < 0)
		ui->log_scroll = 0;
	return UI_REDRAW;
}
