/* pane_lesson: the lesson text, the current step of the current lesson: its prose (with `code`
 * spans) and code blocks wrapped to the pane, what 'r' and 'b' will run, the
 * results of the step's checks, its quiz, and the hint and solution when asked
 * for. Measured numbers in the prose are filled in from the chart.
 *
 * Drawing is done in two passes over the same emitter: one counts the rows, so
 * scrolling stops at the last line, the other draws. Its own state is the scroll,
 * which goes back to the top whenever the course moves to another step. */
#include "config.h"

#include "summary.h"
#include "ui/app.h"

#include <curses.h>
#include <stdint.h>
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

/* The step's expectations as a checklist, ticked by the last run that decided
 * them: what was seen beside a task that failed. */
static void emit_tasks(const struct course *c, struct emitter *e, const struct lesson_step *st)
{
	const struct glyphs *g = theme_glyphs();
	char line[512];
	for (int i = 0; i < st->nexpects; i++) {
		const struct lesson_check *k = i < c->nchecks ? &c->checks[i] : NULL;
		char *task = lesson_expect_task(&st->expects[i]);
		snprintf(line, sizeof line, "%s %s%s%s",
			 !k	  ? g->todo
			 : k->met ? g->check
				  : "x",
			 task, k && k->why ? ": " : "", k && k->why ? k->why : "");
		free(task);
		emit(e, line, !k ? ROLE_NORMAL : k->met ? ROLE_COUNTER_GOOD : ROLE_ERROR, "");
	}
}

/* A prediction (@predict) beside what was measured. */
static void emit_guess(const struct course *c, struct emitter *e, const struct lesson_step *st)
{
	if (!st->has_predict)
		return;
	const char *what = st->predict == LESSON_EXPECT_ROWS ? "rows" : "statements";
	char line[160];
	if (!c->guess->asked)
		snprintf(line, sizeof line, "r asks for your guess first: how many %s?", what);
	else if (c->guess->value < 0)
		snprintf(line, sizeof line, "no guess; measured: %llu %s",
			 (unsigned long long)c->guess->seen, what);
	else if (!c->guess->measured)
		snprintf(line, sizeof line, "your guess: %ld %s", c->guess->value, what);
	else
		snprintf(line, sizeof line, "your guess: %ld; measured: %llu %s%s", c->guess->value,
			 (unsigned long long)c->guess->seen, what,
			 (uint64_t)c->guess->value == c->guess->seen ? ". Spot on." : "");
	emit(e, line, c->guess->asked ? ROLE_TITLE : ROLE_DIM, "");
}

/* Past the last step: what the learner did in each lesson, and what to read. */
static void emit_summary(const struct course *c, struct emitter *e)
{
	static const char *const reading[] = {
		"SQLAlchemy: Relationship Loading Techniques (the ORM Querying Guide)",
		"SQLAlchemy: raiseload and lazy=\"raise\" to catch new N+1s in tests",
		"Django: select_related, prefetch_related; Rails: includes, strict_loading",
	};
	char line[256], text[160];
	emit(e, "Course summary", ROLE_TITLE, "");
	for (int i = 0; i < course_count(c); i++) {
		const struct lesson *l = course_lesson(c, i);
		if (!l)
			continue;
		struct summary s = summary_of(l, c->lessons.names[i], c->progress);
		blank(e);
		snprintf(line, sizeof line, "%d %s%s", i + 1, l->title,
			 s.done ? theme_glyphs()->check : "");
		emit(e, line, s.done ? ROLE_COUNTER_GOOD : ROLE_NORMAL, "");
		summary_text(&s, text, sizeof text);
		if (s.started)
			snprintf(line, sizeof line, "%s; %d on your own", text,
				 s.passed - s.by_solution);
		else
			snprintf(line, sizeof line, "%s", text);
		emit(e, line, ROLE_NORMAL, "  ");
	}
	blank(e);
	emit(e, "Read next:", ROLE_TITLE, "");
	for (size_t i = 0; i < sizeof reading / sizeof *reading; i++)
		emit(e, reading[i], ROLE_NORMAL, "  ");
	blank(e);
	emit(e, "Left goes back to the last step; q quits.", ROLE_DIM, "");
}

static void emit_step(const struct app *a, struct emitter *e, const struct lesson *l,
		      const struct lesson_step *st)
{
	const struct course *c = &a->course;
	const struct glyphs *g = theme_glyphs();
	char line[512];
	snprintf(line, sizeof line, "Step %d of %d: %s%s", c->step + 1, l->nsteps, st->title,
		 st->exercise ? " (exercise)" : "");
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
	if (st->exercise) {
		snprintf(line, sizeof line, "r runs the starting code: %s", st->start);
		emit(e, line, ROLE_PROMPT, "");
		emit(e, "Your turn: type the fix at : so that its run shows", ROLE_PROMPT, "");
	} else if (st->has_run) {
		snprintf(line, sizeof line, "r runs %s: %ld orders, %ld customers%s%s",
			 st->run.strategy->name, st->run.orders, st->run.customers,
			 st->run.collection ? ", collection" : "",
			 st->run.identity_map ? "" : ", no identity map");
		emit(e, line, ROLE_PROMPT, "");
	}
	if (st->has_chart)
		emit(e, "b times the strategies for the chart", ROLE_PROMPT, "");
	emit_guess(c, e, st);
	emit_tasks(c, e, st);
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
		else if (chosen < 0) {
			snprintf(line, sizeof line, "press 1-%d to answer", st->quiz->noptions);
			emit(e, line, ROLE_DIM, "");
		}
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
		emit(e, "No lessons found in", ROLE_ERROR, "");
		/* One directory a line: the search path is colon-separated. */
		const char *dirs = c->dir ? c->dir : c->search ? c->search : "";
		for (const char *d = dirs, *end; *d; d = *end ? end + 1 : end) {
			char one[512];
			end = c->dir ? d + strlen(d) : d + strcspn(d, ":");
			snprintf(one, sizeof one, "%.*s", (int)(end - d), d);
			emit(e, one, ROLE_DIM, "  ");
		}
		emit(e, "Add *.lesson files there, or run nplus1 --lessons DIR.", ROLE_ERROR, "");
		return;
	}
	if (c->summary) {
		emit_summary(c, e);
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
	unsigned moves;	  /* the course's, when scroll was last right */
	unsigned reveals; /* the course's: a hint, solution or explanation appeared */
};

/* A new step starts at its top; what was just revealed (at the step's end)
 * scrolls into view. */
static void follow(struct lessonpane *s, const struct course *c)
{
	if (s->moves != c->moves)
		s->scroll = 0, s->moves = c->moves, s->reveals = c->reveals;
	if (s->reveals != c->reveals)
		s->scroll = 1 << 20, s->reveals = c->reveals; /* draw stops it at the end */
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
