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
#include "ui/keys.h"

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
	int spacing; /* rows per line of prose: 2 when presenting and it fits */
	bool prose;  /* emitting a paragraph of the lesson's prose */
};

static bool ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || (unsigned char)c >= 0x80;
}

/* Where to break a line of code to fill at most cols columns: at the last token
 * boundary that fits (never inside a name, a number or a string's word), else
 * mid-token only when one token is wider than the line. *next is where the
 * following line starts. */
static size_t wrap_code(const char *s, int cols, const char **next)
{
	size_t fit = draw_fit(s, cols);
	if (s[fit] == '\0') {
		*next = s + fit;
		return fit;
	}
	/* Best: a space, before a '.', after '(' or ','; else any token boundary;
	 * never inside the line's own indent, nor before what closes or
	 * separates (")]}," stay with what they follow). */
	size_t lead = strspn(s, " "), cut = 0;
	for (size_t i = fit; i > lead && !cut; i--)
		if (!strchr(")]},", s[i]) &&
		    (s[i] == ' ' || s[i] == '.' || s[i - 1] == '(' || s[i - 1] == ','))
			cut = i;
	for (size_t i = fit; i > lead && !cut; i--)
		if (!strchr(")]},", s[i]) && (!ident(s[i - 1]) || !ident(s[i])))
			cut = i;
	if (cut == 0)
		cut = fit ? fit : 1;
	while (cut > 0 && (unsigned char)s[cut] >= 0x80 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--; /* never inside a character */
	const char *n = s + cut;
	while (*n == ' ')
		n++;
	*next = n;
	return cut;
}

/* Where to break prose: after the last space that fits; a word longer than the
 * line (an inline `code` span, say) breaks as code does, between tokens. */
static size_t wrap_prose(const char *s, int cols, const char **next)
{
	size_t fit = draw_fit(s, cols);
	if (s[fit] == '\0' || s[fit] == '\n' || s[fit] == ' ')
		return draw_wrap(s, cols, next);
	for (size_t i = fit; i > 0; i--)
		if (s[i] == ' ')
			return draw_wrap(s, cols, next);
	return wrap_code(s, cols, next);
}

/* Drawing, and already below the pane: the rest of the step would only be
 * wrapped to be thrown away (the counting pass has the step's length). */
static bool past_bottom(const struct emitter *e) { return e->draw && e->row - e->skip >= e->in.h; }

/* One wrapped paragraph; backticks switch between prose and code roles. Lines
 * after the first start hang columns further in, under the text of a list
 * item rather than its mark. */
static void emit_hanging(struct emitter *e, const char *text, enum role role, const char *indent,
			 int hang)
{
	bool code = false;
	int iw = draw_width(indent, strlen(indent)), lead = iw;
	const char *s = text;
	if (past_bottom(e))
		return;
	do {
		const char *next;
		size_t n = wrap_prose(s, e->in.w - lead > 8 ? e->in.w - lead : 8, &next);
		int y = e->row - e->skip;
		if (e->draw && y >= 0 && y < e->in.h) {
			int x = e->in.x + draw_text(e->in.y + y, e->in.x, e->in.w, indent, role) +
				(lead - iw);
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
		s = next;
		e->row += e->prose && *s ? e->spacing : 1; /* spaced between lines */
		lead = iw + hang;
	} while (*s);
}

static void emit(struct emitter *e, const char *text, enum role role, const char *indent)
{
	emit_hanging(e, text, role, indent, 0);
}

/* One line of code: wrapped at token boundaries, the rest of it indented four
 * more than the line itself, so nothing is cut and a name reads whole. */
static void emit_code(struct emitter *e, const char *text, enum role role)
{
	int lead = (int)strspn(text, " "), width = e->in.w > 8 ? e->in.w : 8;
	int cont = lead + 4 < width / 2 ? lead + 4 : width / 2;
	const char *s = text;
	bool first = true;
	if (past_bottom(e))
		return;
	do {
		int indent = first ? 0 : cont;
		const char *next;
		size_t n = wrap_code(s, width - indent, &next);
		int y = e->row - e->skip;
		if (e->draw && y >= 0 && y < e->in.h) {
			char buf[512];
			snprintf(buf, sizeof buf, "%.*s",
				 (int)(n < sizeof buf ? n : sizeof buf - 1), s);
			draw_text(e->in.y + y, e->in.x + indent, e->in.w - indent, buf, role);
		}
		e->row++;
		s = next, first = false;
	} while (*s);
}

static void blank(struct emitter *e) { e->row++; }

/* The key that does name here: lesson text names keys as they work in the mode
 * the screen is in (presenting, b blanks and B times). */
static const char *key_for(const struct app *a, const char *name)
{
	const char *k = keys_name(a, name);
	return k ? k : "?";
}

static const char *key_of(const void *ctx, const char *name) { return keys_name(ctx, name); }

/* Author's text with its {key NAME} (and measurement) placeholders filled.
 * Caller frees. */
static char *fill(const struct app *a, const char *text, const struct lesson_measure *m, size_t n)
{
	const struct lesson_keys keys = { key_of, a };
	return lesson_fill_keys(text, m, n, &keys);
}

/* Author's text, filled, as one paragraph. */
static void emit_filled(const struct app *a, struct emitter *e, const char *text, enum role role,
			const char *indent)
{
	char *filled = fill(a, text, NULL, 0);
	emit(e, filled, role, indent);
	free(filled);
}

/* The step's expectations as a checklist, ticked by the last run that decided
 * them: what was seen beside a task that failed. */
static void emit_tasks(const struct course *c, struct emitter *e, const struct lesson_step *st)
{
	const struct glyphs *g = theme_glyphs();
	char line[512];
	for (int i = 0; i < st->nexpects; i++) {
		const struct lesson_check *k = i < c->nchecks ? &c->checks[i] : NULL;
		char *task = lesson_expect_task(&st->expects[i]);
		const char *mark = !k ? g->todo : k->met ? g->check : "x";
		snprintf(line, sizeof line, "%s %s%s%s", mark, task, k && k->why ? ": " : "",
			 k && k->why ? k->why : "");
		free(task);
		/* wrapped lines start under the task, not under its mark */
		emit_hanging(e, line,
			     !k	      ? ROLE_NORMAL
			     : k->met ? ROLE_COUNTER_GOOD
				      : ROLE_ERROR,
			     "", draw_width(mark, strlen(mark)) + 1);
	}
}

/* A prediction (@predict) beside what was measured. */
static void emit_guess(const struct app *a, struct emitter *e, const struct lesson_step *st)
{
	const struct course *c = &a->course;
	if (!st->has_predict)
		return;
	const char *what = st->predict == LESSON_EXPECT_ROWS ? "rows" : "statements";
	char line[160];
	if (!c->guess->asked)
		snprintf(line, sizeof line, "%s asks for your guess first: how many %s?",
			 key_for(a, "run"), what);
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
static void emit_summary(const struct app *a, struct emitter *e)
{
	const struct course *c = &a->course;
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
	snprintf(line, sizeof line, "%s goes back to the last step; %s quits.", key_for(a, "prev"),
		 key_for(a, "quit"));
	emit(e, line, ROLE_DIM, "");
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
				emit_code(e, line, ROLE_CODE);
				s += n + (s[n] == '\n');
			}
		} else {
			blank(e);
			char *filled = fill(a, b->text, m, nm);
			e->prose = true;
			emit(e, filled, ROLE_NORMAL, "");
			e->prose = false;
			free(filled);
		}
	}
	free(m);
	blank(e);
	if (st->exercise) {
		snprintf(line, sizeof line, "%s runs the starting code: %s", key_for(a, "run"),
			 st->start);
		emit(e, line, ROLE_PROMPT, "");
		emit(e, "Your turn: type the fix at : so that its run shows", ROLE_PROMPT, "");
	} else if (st->has_run) {
		snprintf(line, sizeof line, "%s runs %s: %ld orders, %ld customers%s%s",
			 key_for(a, "run"), st->run.strategy->name, st->run.orders,
			 st->run.customers, st->run.collection ? ", collection" : "",
			 st->run.identity_map ? "" : ", no identity map");
		emit(e, line, ROLE_PROMPT, "");
	}
	if (st->has_chart) {
		snprintf(line, sizeof line, "%s times the strategies for the chart",
			 key_for(a, "bench"));
		emit(e, line, ROLE_PROMPT, "");
	}
	emit_guess(a, e, st);
	emit_tasks(c, e, st);
	if (st->quiz) {
		blank(e);
		emit_filled(a, e, st->quiz->question, ROLE_TITLE, "");
		int chosen = course_chosen(c);
		for (int i = 0; i < st->quiz->noptions; i++) {
			const char *mark = i != chosen		   ? " "
					   : i == st->quiz->answer ? g->check
								   : "x";
			char *option = fill(a, st->quiz->options[i], NULL, 0);
			int hang = snprintf(line, sizeof line, "%s %d ", mark, i + 1);
			hang = draw_width(line, (size_t)hang); /* wrapped: under the option */
			snprintf(line, sizeof line, "%s %d %s", mark, i + 1, option);
			free(option);
			emit_hanging(e, line,
				     i != chosen	     ? ROLE_NORMAL
				     : i == st->quiz->answer ? ROLE_COUNTER_GOOD
							     : ROLE_ERROR,
				     "", hang);
		}
		if (chosen == st->quiz->answer && st->quiz->explain)
			emit_filled(a, e, st->quiz->explain, ROLE_DIM, "  ");
		else if (chosen < 0) {
			snprintf(line, sizeof line, "press 1-%d to answer", st->quiz->noptions);
			emit(e, line, ROLE_DIM, "");
		}
	}
	if (c->show_hint && st->hint) {
		blank(e);
		emit(e, "Hint:", ROLE_TITLE, "");
		emit_filled(a, e, st->hint, ROLE_NORMAL, "  ");
	}
	if (c->show_solution && st->solution) {
		blank(e);
		emit(e, "Solution:", ROLE_TITLE, "");
		emit_code(e, st->solution, ROLE_CODE);
	}
	if ((st->hint && !c->show_hint) || (st->solution && !c->show_solution)) {
		char hint[32] = "", solution[32] = "";
		if (st->hint && !c->show_hint)
			snprintf(hint, sizeof hint, "%s hint", key_for(a, "hint"));
		if (st->solution && !c->show_solution)
			snprintf(solution, sizeof solution, "%s solution", key_for(a, "solution"));
		snprintf(line, sizeof line, "%s%s%s", hint, *hint && *solution ? "  " : "",
			 solution);
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
		emit_summary(a, e);
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
	struct emitter e = { .in = draw_inner(r), .spacing = 1 };
	e.in.x++, e.in.w -= 2; /* a margin reads better */
	if (a->present && e.in.w >= 60)
		e.in.x++, e.in.w -= 2; /* and a wider one from afar */
	if (e.in.h <= 0 || e.in.w <= 0)
		return;
	/* Presenting: prose double-spaced when the whole step still fits. */
	if (a->present) {
		e.spacing = 2;
		emit_all(a, &e);
		if (e.row > e.in.h)
			e.row = 0, e.spacing = 1;
	}
	if (e.spacing == 1)
		emit_all(a, &e);
	int total = e.row, spacing = e.spacing;
	if (s->scroll > total - e.in.h)
		s->scroll = total - e.in.h > 0 ? total - e.in.h : 0;
	e = (struct emitter){ .in = e.in, .skip = s->scroll, .draw = true, .spacing = spacing };
	emit_all(a, &e);
	if (s->scroll + e.in.h < total) {
		char more[32];
		snprintf(more, sizeof more, " more (%s) ", key_for(a, "scroll"));
		int w = draw_width(more, strlen(more));
		draw_text(r->y + r->h - 1, r->x + r->w - w - 2, w, more, ROLE_BORDER_FOCUS);
	}
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
