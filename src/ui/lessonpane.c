/* lessonpane: the current step of the current lesson: its prose (with `code`
 * spans) and code blocks wrapped to the pane, what 'r' and 'b' will run, the
 * results of the step's checks, its quiz, and the hint and solution when asked
 * for. Measured numbers in the prose are filled in from the chart.
 *
 * Drawing is done in two passes over the same emitter: one counts the rows, so
 * scrolling stops at the last line, the other draws. */
#include "config.h"

#include "progress.h"
#include "ui/ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct emitter {
	struct rect in;
	int row; /* rows emitted so far */
	int skip; /* rows scrolled away */
	bool draw;
};

/* One wrapped paragraph; backticks switch between prose and code roles. */
static void emit(struct emitter *e, const char *text, enum role role, const char *indent)
{
	bool code = false;
	int iw = draw_width(indent, strlen(indent));
	const char *s = text;
	do {
		const char *next;
		size_t n = draw_wrap(s, e->in.w - iw > 8 ? e->in.w - iw : 8, &next);
		int y = e->row - e->skip;
		if (e->draw && y >= 0 && y < e->in.h) {
			int x = e->in.x + draw_text(e->in.y + y, e->in.x, e->in.w, indent, role);
			for (size_t i = 0; i < n;) {
				if (s[i] == '`' && role == ROLE_NORMAL) {
					code = !code;
					i++;
					continue;
				}
				/* Outside prose a backtick is just a character: draw it, and
				 * always move on. */
				size_t k = strcspn(s + i + 1, "`") + 1;
				k = k < n - i ? k : n - i;
				char buf[512];
				snprintf(buf, sizeof buf, "%.*s", (int)(k < sizeof buf ? k : sizeof buf - 1),
					 s + i);
				x += draw_text(e->in.y + y, x, e->in.x + e->in.w - x, buf,
					       code ? ROLE_CODE : role);
				i += k;
			}
		} else {
			for (size_t i = 0; i < n; i++) /* keep the span state across lines */
				code ^= s[i] == '`' && role == ROLE_NORMAL;
		}
		e->row++;
		s = next;
	} while (*s);
}

static void blank(struct emitter *e) { e->row++; }

static void emit_step(struct ui *ui, struct emitter *e, const struct lesson *l,
		      const struct lesson_step *st)
{
	const struct glyphs *g = theme_glyphs();
	char line[512];
	snprintf(line, sizeof line, "Step %d of %d: %s", ui->step + 1, l->nsteps, st->title);
	emit(e, line, ROLE_TITLE, "");
	size_t nm;
	struct lesson_measure *m = course_measures(ui, &nm);
	for (int i = 0; i < st->nblocks; i++) {
		const struct lesson_block *b = &st->blocks[i];
		if (b->kind == LESSON_CODE) {
			/* each line of code on its own, wrapped with an indent */
			for (const char *s = b->text; *s;) {
				size_t n = strcspn(s, "\n");
				snprintf(line, sizeof line, "%.*s", (int)(n < 511 ? n : 511), s);
				emit(e, line, ROLE_CODE, "");
				s += n + (s[n] == '\n');
			}
		} else {
			blank(e);
			char *filled = lesson_fill(b->text, m, nm);
			emit(e, filled, ROLE_NORMAL, "");
			free(filled);
		}
	}
	free(m);
	blank(e);
	if (st->has_run) {
		snprintf(line, sizeof line, "r runs %s: %ld orders, %ld customers%s%s",
			 st->run.strategy->name, st->run.orders, st->run.customers,
			 st->run.collection ? ", collection" : "",
			 st->run.identity_map ? "" : ", no identity map");
		emit(e, line, ROLE_PROMPT, "");
	}
	if (st->has_chart)
		emit(e, "b times the strategies for the chart", ROLE_PROMPT, "");
	for (int i = 0; i < ui->nchecks; i++) {
		const struct lesson_check *c = &ui->checks[i];
		snprintf(line, sizeof line, "%s %s%s%s", c->met ? g->check : "x", c->text,
			 c->why ? ": " : "", c->why ? c->why : "");
		emit(e, line, c->met ? ROLE_COUNTER_GOOD : ROLE_ERROR, "");
	}
	if (st->quiz) {
		blank(e);
		emit(e, st->quiz->question, ROLE_TITLE, "");
		int chosen = progress_answer(ui->progress, ui->lessons.names[ui->lesson], ui->step);
		for (int i = 0; i < st->quiz->noptions; i++) {
			const char *mark = i != chosen ? " " : i == st->quiz->answer ? g->check : "x";
			snprintf(line, sizeof line, "%s %d %s", mark, i + 1, st->quiz->options[i]);
			emit(e, line, i != chosen ? ROLE_NORMAL
					: i == st->quiz->answer ? ROLE_COUNTER_GOOD : ROLE_ERROR,
			     "");
		}
		if (chosen == st->quiz->answer && st->quiz->explain)
			emit(e, st->quiz->explain, ROLE_DIM, "  ");
		else if (chosen < 0)
			emit(e, "press 1-9 to answer", ROLE_DIM, "");
	}
	if (ui->show_hint && st->hint) {
		blank(e);
		emit(e, "Hint:", ROLE_TITLE, "");
		emit(e, st->hint, ROLE_NORMAL, "  ");
	}
	if (ui->show_solution && st->solution) {
		blank(e);
		emit(e, "Solution:", ROLE_TITLE, "");
		emit(e, st->solution, ROLE_CODE, "  ");
	}
	if ((st->hint && !ui->show_hint) || (st->solution && !ui->show_solution)) {
		snprintf(line, sizeof line, "%s%s%s", st->hint && !ui->show_hint ? "h hint" : "",
			 st->hint && !ui->show_hint && st->solution && !ui->show_solution ? "  " : "",
			 st->solution && !ui->show_solution ? "S solution" : "");
		emit(e, line, ROLE_DIM, "");
	}
}

static void emit_all(struct ui *ui, struct emitter *e)
{
	const struct lesson_step *st = course_step(ui);
	if (course_count(ui) == 0) {
		emit(e, "No lessons found. Run nplus1 --lessons DIR, or set NPLUS1_LESSONS.",
		     ROLE_ERROR, "");
		emit(e, ui->lessons_dir ? ui->lessons_dir : "", ROLE_DIM, "");
		return;
	}
	if (!st) { /* the lesson file did not load: say where and why */
		emit(e, "This lesson did not load:", ROLE_ERROR, "");
		emit(e, ui->lessons.errors[ui->lesson], ROLE_NORMAL, "");
		return;
	}
	emit_step(ui, e, ui->lessons.lessons[ui->lesson], st);
}

void lessonpane_draw(struct ui *ui, const struct rect *r)
{
	char title[80] = "lessons";
	if (course_count(ui) > 0) {
		const struct lesson *l = ui->lessons.lessons[ui->lesson];
		snprintf(title, sizeof title, "%d %s", ui->lesson + 1,
			 l ? l->title : ui->lessons.names[ui->lesson]);
	}
	draw_frame(r, title, ui->focus == FOCUS_LESSON);
	struct emitter e = { .in = draw_inner(r) };
	e.in.x++, e.in.w -= 2; /* a margin reads better */
	if (e.in.h <= 0 || e.in.w <= 0)
		return;
	emit_all(ui, &e);
	int total = e.row;
	if (ui->lesson_scroll > total - e.in.h)
		ui->lesson_scroll = total - e.in.h > 0 ? total - e.in.h : 0;
	e = (struct emitter){ .in = e.in, .skip = ui->lesson_scroll, .draw = true };
	emit_all(ui, &e);
	if (ui->lesson_scroll + e.in.h < total)
		draw_text(r->y + r->h - 1, r->x + r->w - 12, 10, " more (j) ", ROLE_BORDER_FOCUS);
}

enum ui_intent lessonpane_key(struct ui *ui, int ch)
{
	switch (ch) {
	case KEY_UP:
	case 'k':
		if (ui->lesson_scroll > 0)
			ui->lesson_scroll--;
		return UI_REDRAW;
	case KEY_DOWN:
	case 'j':
		ui->lesson_scroll++;
		return UI_REDRAW;
	}
	return UI_NONE;
}
