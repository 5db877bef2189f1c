/* pane_lesson: the lesson text, the current step of the current lesson: its prose (with `code`
 * spans) and code blocks wrapped to the pane, what 'r' and 'b' will run, the
 * results of the step's checks, its quiz, and the hint and solution when asked
 * for. Measured numbers in the prose are filled in from the chart.
 *
 * Drawing is done in two passes over the same emitter: one counts the rows, so
 * scrolling stops at the last line, the other draws. Its own state is the scroll,
 * which goes back to the top whenever the course moves to another step. */
#include "config.h"

#include "ui/app.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct emitter {
	struct rect in;
	int row;  /* rows emitted so far */
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
				snprintf(buf, sizeof buf, "%.*s",
					 (int)(k < sizeof buf ? k : sizeof buf - 1), s + i);
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

static void emit_step(const struct app *a, struct emitter *e, const struct lesson *l,
		      const struct lesson_step *st)
{
	const struct course *c = &a->course;
	const struct glyphs *g = theme_glyphs();
	char line[512];
	snprintf(line, sizeof line, "Step %d of %d: %s", c->step + 1, l->nsteps, st->title);
	emit(e, line, ROLE_TITLE, "");
	size_t nm;
	struct lesson_measure *m = run_measures(&a->run, &nm);
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
	for (int i = 0; i < c->nchecks; i++) {
		const struct lesson_check *k = &c->checks[i];
		snprintf(line, sizeof line, "%s %s%s%s", k->met ? g->check : "x", k->text,
			 k->why ? ": " : "", k->why ? k->why : "");
		emit(e, line, k->met ? ROLE_COUNTER_GOOD : ROLE_ERROR, "");
	}
	if (st->quiz) {
		blank(e);
		emit(e, st->quiz->question, ROLE_TITLE, "");
		int chosen = course_chosen(c);
		for (int i = 0; i < st->quiz->noptions; i++) {
			const char *mark = i != chosen		   ? " "
					   : i == st->quiz->answer ? g->check
								   : "x";
			snprintf(line, sizeof line, "%s %d %s", mark, i + 1, st->quiz->options[i]);
			emit(e, line,
			     i != chosen	     ? ROLE_NORMAL
			     : i == st->quiz->answer ? ROLE_COUNTER_GOOD
						     : ROLE_ERROR,
			     "");
		}
		if (chosen == st->quiz->answer && st->quiz->explain)
			emit(e, st->quiz->explain, ROLE_DIM, "  ");
		else if (chosen < 0)
			emit(e, "press 1-9 to answer", ROLE_DIM, "");
	}
	if (c->show_hint && st->hint) {
		blank(e);
		emit(e, "Hint:", ROLE_TITLE, "");
		emit(e, st->hint, ROLE_NORMAL, "  ");
	}
	if (c->show_solution && st->solution) {
		blank(e);
		emit(e, "Solution:", ROLE_TITLE, "");
		emit(e, st->solution, ROLE_CODE, "  ");
	}
	if ((st->hint && !c->show_hint) || (st->solution && !c->show_solution)) {
		snprintf(line, sizeof line, "%s%s%s", st->hint && !c->show_hint ? "h hint" : "",
			 st->hint && !c->show_hint && st->solution && !c->show_solution ? "  " : "",
			 st->solution && !c->show_solution ? "S solution" : "");
		emit(e, line, ROLE_DIM, "");
	}
}

static void emit_all(const struct app *a, struct emitter *e)
{
	const struct course *c = &a->course;
	const struct lesson_step *st = course_step(c);
	if (course_count(c) == 0) {
		emit(e, "No lessons found. Run nplus1 --lessons DIR, or set NPLUS1_LESSONS.",
		     ROLE_ERROR, "");
		emit(e, c->dir ? c->dir : "", ROLE_DIM, "");
		return;
	}
	if (!st) { /* the lesson file did not load: say where and why */
		emit(e, "This lesson did not load:", ROLE_ERROR, "");
		emit(e, c->lessons.errors[c->lesson], ROLE_NORMAL, "");
		return;
	}
	emit_step(a, e, c->lessons.lessons[c->lesson], st);
}

struct lessonpane {
	int scroll;
	unsigned moves; /* the course's, when scroll was last right */
};

/* A new step starts at its top. */
static void follow(struct lessonpane *s, const struct course *c)
{
	if (s->moves != c->moves)
		s->scroll = 0, s->moves = c->moves;
}

static void draw(void *state, const struct app *a, const struct rect *r, bool focused)
{
	struct lessonpane *s = state;
	const struct course *c = &a->course;
	follow(s, c);
	char title[80] = "lessons";
	if (course_count(c) > 0) {
		const struct lesson *l = c->lessons.lessons[c->lesson];
		snprintf(title, sizeof title, "%d %s", c->lesson + 1,
			 l ? l->title : c->lessons.names[c->lesson]);
	}
	draw_frame(r, title, focused);
	struct emitter e = { .in = draw_inner(r) };
	e.in.x++, e.in.w -= 2; /* a margin reads better */
	if (e.in.h <= 0 || e.in.w <= 0)
		return;
	emit_all(a, &e);
	int total = e.row;
	if (s->scroll > total - e.in.h)
		s->scroll = total - e.in.h > 0 ? total - e.in.h : 0;
	e = (struct emitter){ .in = e.in, .skip = s->scroll, .draw = true };
	emit_all(a, &e);
	if (s->scroll + e.in.h < total)
		draw_text(r->y + r->h - 1, r->x + r->w - 12, 10, " more (j) ", ROLE_BORDER_FOCUS);
}

static struct action key(void *state, const struct app *a, int ch, const struct rect *r)
{
	struct lessonpane *s = state;
	(void)r;
	follow(s, &a->course);
	if (ch == KEY_UP || ch == 'k')
		s->scroll -= s->scroll > 0;
	else if (ch == KEY_DOWN || ch == 'j')
		s->scroll++; /* draw stops it at the last line */
	return action_make(ACT_NONE, 0);
}

static struct rect place(const struct layout *l) { return l->left; }

const struct pane pane_lesson = {
	.name = "lesson",
	.focusable = true,
	.state_size = sizeof(struct lessonpane),
	.place = place,
	.draw = draw,
	.key = key,
};
