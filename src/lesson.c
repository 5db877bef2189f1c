/* lesson: see lesson.h.
 *
 * One pass over the text, a line at a time. A reader hands out lines (CR
 * stripped, at most LINE_MAX_BYTES); each goes to the open code block, to the
 * open paragraph, or to its directive's handler from a const table. Nothing
 * recurses and every loop consumes a line or a byte, so any input, a fuzzer's
 * included, ends in a lesson or in one error; the text ends at its first NUL.
 *
 * Invariants: the first error wins and stops the parse. A lesson is handed out
 * only whole and checked: every @expect follows its step's @run, every quiz has
 * two or more options and an answer. What the model does not keep (array
 * capacities, the lines of earlier directives, hints being joined) lives in
 * struct lesson_parser, for the current step only. */
#include "config.h"

#include "lesson.h"
#include "lesson_check.h"
#include "lesson_parser.h"
#include "sbuf.h"
#include "util.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LINE_MAX_BYTES = 4096 };

/* The reader: lines of s[0..len), numbered from 1. */
struct reader {
	const char *s;
	size_t pos, len;
	int lineno;
	char line[LINE_MAX_BYTES + 1];
};

/* The next line into r->line: 1, 0 at the end of the text, -1 when it is too long. */
static int reader_next(struct reader *r)
{
	if (r->pos >= r->len)
		return 0;
	const char *at = r->s + r->pos;
	size_t n = strcspn(at, "\n");
	r->pos += n + (r->pos + n < r->len);
	if (r->lineno < INT_MAX)
		r->lineno++;
	if (n > 0 && at[n - 1] == '\r')
		n--;
	if (n > LINE_MAX_BYTES)
		return -1;
	memcpy(r->line, at, n);
	r->line[n] = '\0';
	return 1;
}

int lesson_fail(struct lesson_parser *p, int line, const char *fmt, ...)
{
	if (!p->err) {
		char msg[1024];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
		p->err = util_printf("%s:%d: %s", p->path, line, msg);
	}
	return -1;
}

struct lesson_step *lesson_open_step(struct lesson_parser *p, const char *title, int line)
{
	struct lesson_step *st = &p->l->steps[p->l->nsteps++];
	st->title = util_strdup(title);
	st->line = line;
	p->block_cap = p->expect_cap = p->solution_line = p->answer_line = 0;
	return st;
}

/* The current step; content before the first @step opens step 1, titled like the
 * lesson. Only content does: a body that begins with @step has no empty step 1. */
struct lesson_step *lesson_need_step(struct lesson_parser *p)
{
	if (p->l->nsteps == 0)
		return lesson_open_step(p, p->l->title, 1);
	return &p->l->steps[p->l->nsteps - 1];
}

static void add_block(struct lesson_parser *p, enum lesson_block_kind kind, const char *lang,
		      char *text, int line)
{
	struct lesson_step *st = lesson_need_step(p);
	if (st->nblocks == p->block_cap) {
		p->block_cap = p->block_cap ? 2 * p->block_cap : 8;
		st->blocks = util_realloc(st->blocks, (size_t)p->block_cap * sizeof *st->blocks);
	}
	st->blocks[st->nblocks++] = (struct lesson_block){ kind, util_strdup(lang), text, line };
}

void lesson_flush_para(struct lesson_parser *p)
{
	if (p->para.len)
		add_block(p, LESSON_PROSE, "", sbuf_steal(&p->para), p->para_line);
}

/* Close the current step: its joined texts go into the model, its quiz is checked. */
int lesson_finish_step(struct lesson_parser *p)
{
	lesson_flush_para(p);
	if (p->l->nsteps == 0)
		return 0;
	struct lesson_step *st = &p->l->steps[p->l->nsteps - 1];
	if (p->hint.len)
		st->hint = sbuf_steal(&p->hint);
	if (st->exercise && lesson_check_exercise(p, st))
		return -1;
	/* The chart times the step's run at its own sizes: the memory guard holds
	 * for every one of them, as the prompt's bench and the command line's. */
	if (st->has_chart) {
		struct spec_bench b = lesson_chart_bench(st, &p->dataset);
		struct spec_error e;
		if (spec_bench_check(&b, &e))
			return lesson_fail(p, st->chart.line, "@chart: %s", e.msg);
	}
	struct lesson_quiz *q = st->quiz;
	if (!q)
		return 0;
	if (p->explain.len)
		q->explain = sbuf_steal(&p->explain);
	if (q->noptions < 2)
		return lesson_fail(p, q->line, "@quiz: expected at least 2 @option lines, found %d",
				   q->noptions);
	if (q->answer < 0)
		return lesson_fail(p, q->line,
				   "@quiz: expected an @answer N line after its @option lines");
	return 0;
}

/* "```" and nothing but spaces after it. Not trimmed in place: code is verbatim. */
static bool is_fence_end(const char *line)
{
	if (strncmp(line, "```", 3) != 0)
		return false;
	for (line += 3; is_space(*line); line++)
		;
	return !*line;
}

static int parse_line(struct lesson_parser *p, char *line)
{
	if (p->in_code) {
		if (is_fence_end(line)) {
			p->in_code = false;
			add_block(p, LESSON_CODE, p->code_lang, sbuf_steal(&p->code), p->code_line);
		} else {
			if (p->code_lines++)
				sbuf_addc(&p->code, '\n');
			sbuf_add(&p->code, line);
		}
		return 0;
	}
	if (!strncmp(line, "```", 3)) {
		const char *lang = trim(line + 3);
		if (strcmp(lang, "python") && strcmp(lang, "sql") && *lang)
			return lesson_fail(p, p->line,
					   "unknown code block language '%s' (expected python, "
					   "sql or nothing after ```)",
					   util_show(lang, strlen(lang)).s);
		lesson_flush_para(p);
		snprintf(p->code_lang, sizeof p->code_lang, "%s", lang);
		p->in_code = true;
		p->code_line = p->line;
		p->code_lines = 0;
		sbuf_clear(&p->code);
		return 0;
	}
	if (line[0] == '@') {
		lesson_flush_para(p);
		return lesson_directive(p, line + 1);
	}
	const char *t = trim(line);
	if (!*t) {
		lesson_flush_para(p);
		return 0;
	}
	if (p->para.len)
		sbuf_addc(&p->para, ' ');
	else
		p->para_line = p->line;
	sbuf_add(&p->para, t);
	return 0;
}

struct lesson *lesson_parse(const char *text, const char *path, char **err)
{
	struct lesson_parser p = { .path = path ? path : "(lesson)", .line = 1 };
	/* Text from a file reaches the screen and stdout: invalid UTF-8 and control
	 * bytes become U+FFFD before anything else sees them. */
	char *clean = util_clean_text(text ? text : "", text ? strlen(text) : 0);
	struct reader r = { .s = clean };
	r.len = strlen(r.s);
	if (!strncmp(r.s, "\xEF\xBB\xBF", 3)) /* a byte-order mark some editors write */
		r.pos = 3;
	p.l = util_calloc(1, sizeof *p.l);
	p.l->path = util_strdup(p.path);
	p.l->steps = util_calloc(LESSON_MAX_STEPS, sizeof *p.l->steps);
	p.dataset = spec_default();
	sbuf_init(&p.para), sbuf_init(&p.code), sbuf_init(&p.hint), sbuf_init(&p.explain);

	int rc = reader_next(&r);
	const char *title = rc > 0 && r.line[0] == '#' && r.line[1] != '#' ? trim(r.line + 1) : "";
	if (rc < 0)
		lesson_fail(&p, 1, "line longer than %d bytes", LINE_MAX_BYTES);
	else if (!*title)
		lesson_fail(&p, 1, "expected '# Title' on the first line");
	else
		p.l->title = util_strdup(title);
	while (!p.err && (rc = reader_next(&r)) > 0) {
		p.line = r.lineno;
		parse_line(&p, r.line);
	}
	if (rc < 0)
		lesson_fail(&p, r.lineno, "line longer than %d bytes", LINE_MAX_BYTES);
	if (p.in_code)
		lesson_fail(&p, p.code_line, "unterminated code block (opened here)");
	if (!p.err)
		lesson_finish_step(&p);
	if (!p.err && p.l->nsteps == 0)
		lesson_fail(&p, 1,
			    "the lesson has no steps: expected prose or a @step after the title");
	sbuf_done(&p.para), sbuf_done(&p.code), sbuf_done(&p.hint), sbuf_done(&p.explain);
	free(clean);
	if (p.err) {
		lesson_free(p.l);
		p.l = NULL;
	}
	if (err)
		*err = p.err;
	else
		free(p.err);
	return p.l;
}

void lesson_free(struct lesson *l)
{
	if (!l)
		return;
	for (int i = 0; i < l->nsteps; i++) {
		struct lesson_step *st = &l->steps[i];
		for (int b = 0; b < st->nblocks; b++)
			free(st->blocks[b].lang), free(st->blocks[b].text);
		for (int e = 0; e < st->nexpects; e++)
			free(st->expects[e].text);
		if (st->quiz) {
			for (int o = 0; o < st->quiz->noptions; o++)
				free(st->quiz->options[o]);
			free(st->quiz->question), free(st->quiz->explain), free(st->quiz);
		}
		free(st->title), free(st->blocks), free(st->expects), free(st->claims);
		free(st->hint), free(st->solution), free(st->start);
	}
	free(l->steps), free(l->title), free(l->path), free(l);
}
