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
 * struct parser, for the current step only. */
#include "config.h"

#include "lesson.h"
#include "sbuf.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifdef PKGDATADIR
#define LESSON_DIR PKGDATADIR "/lessons"
#else
#define LESSON_DIR "lessons"
#endif

/* Names echoed in errors are cut to SHOW_MAX characters; a placeholder is short. */
enum { LINE_MAX_BYTES = 4096, FILE_MAX_BYTES = 1 << 20, SHOW_MAX = 40, LIST_MAX = 256 };
enum { WORD_MAX = 32, PLACEHOLDER_MAX = 96 };

#define COUNT(a) (sizeof(a) / sizeof *(a))

static bool is_space(char ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }

/* Trim s in place: the result starts at its first non-space byte. */
static char *trim(char *s)
{
	while (is_space(*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		s[--n] = '\0';
	return s;
}

static bool blank(const char *s)
{
	while (is_space(*s))
		s++;
	return !*s;
}

static size_t word_len(const char *s)
{
	size_t n = 0;
	while (s[n] && !is_space(s[n]))
		n++;
	return n;
}

/* A short printable copy of w[0..n) for an error: control and non-ASCII bytes
 * become '?' so the message stays one line. */
struct shown {
	char s[SHOW_MAX + 4];
};

static struct shown show(const char *w, size_t n)
{
	struct shown b;
	size_t k;
	for (k = 0; k < n && k < SHOW_MAX; k++)
		b.s[k] = w[k] >= ' ' && w[k] < 0x7f ? w[k] : '?';
	strcpy(b.s + k, n > SHOW_MAX ? "..." : "");
	return b;
}

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

struct parser {
	const char *path;
	struct lesson *l;
	char *err;
	int line;			/* the line being parsed */
	struct spec dataset; /* @dataset's defaults, sticky to the end */
	struct sbuf para;		/* the open paragraph */
	int para_line;
	bool in_code;
	struct sbuf code; /* the open code block */
	int code_line, code_lines;
	char code_lang[8];
	/* The current step's bookkeeping, reset by each @step. */
	int block_cap, expect_cap, solution_line, answer_line;
	struct sbuf hint, explain; /* joined here: a step's text is built in linear time */
};

__attribute__((format(printf, 3, 4))) static int fail(struct parser *p, int line, const char *fmt,
						       ...)
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

static struct lesson_step *open_step(struct parser *p, const char *title, int line)
{
	struct lesson_step *st = &p->l->steps[p->l->nsteps++];
	st->title = util_strdup(title);
	st->line = line;
	p->block_cap = p->expect_cap = p->solution_line = p->answer_line = 0;
	return st;
}

/* The current step; content before the first @step opens step 1, titled like the
 * lesson. Only content does: a body that begins with @step has no empty step 1. */
static struct lesson_step *need_step(struct parser *p)
{
	if (p->l->nsteps == 0)
		return open_step(p, p->l->title, 1);
	return &p->l->steps[p->l->nsteps - 1];
}

static void add_block(struct parser *p, enum lesson_block_kind kind, const char *lang, char *text,
		      int line)
{
	struct lesson_step *st = need_step(p);
	if (st->nblocks == p->block_cap) {
		p->block_cap = p->block_cap ? 2 * p->block_cap : 8;
		st->blocks = util_realloc(st->blocks, (size_t)p->block_cap * sizeof *st->blocks);
	}
	st->blocks[st->nblocks++] =
		(struct lesson_block){ kind, util_strdup(lang), text, line };
}

static void flush_para(struct parser *p)
{
	if (p->para.len)
		add_block(p, LESSON_PROSE, "", sbuf_steal(&p->para), p->para_line);
}

/* Close the current step: its joined texts go into the model, its quiz is checked. */
static int finish_step(struct parser *p)
{
	flush_para(p);
	if (p->l->nsteps == 0)
		return 0;
	struct lesson_step *st = &p->l->steps[p->l->nsteps - 1];
	if (p->hint.len)
		st->hint = sbuf_steal(&p->hint);
	struct lesson_quiz *q = st->quiz;
	if (!q)
		return 0;
	if (p->explain.len)
		q->explain = sbuf_steal(&p->explain);
	if (q->noptions < 2)
		return fail(p, q->line, "@quiz: expected at least 2 @option lines, found %d",
			    q->noptions);
	if (q->answer < 0)
		return fail(p, q->line, "@quiz: expected an @answer N line after its @option lines");
	return 0;
}

/* The settings in args for directive dir (ctx's words) into b: how many, or -1. */
static int settings(struct parser *p, const char *dir, enum spec_context ctx, const char *args,
		    struct spec_bench *b)
{
	struct spec_error e;
	int n = spec_parse(args, strlen(args), ctx, dir, b, &e);
	return n < 0 ? fail(p, p->line, "%s: %s", dir, e.msg) : n;
}

static void join(struct sbuf *b, const char *s)
{
	if (b->len)
		sbuf_addc(b, ' ');
	sbuf_add(b, s);
}

static int do_step(struct parser *p, char *args)
{
	if (finish_step(p))
		return -1;
	if (p->l->nsteps == LESSON_MAX_STEPS)
		return fail(p, p->line, "@step: a lesson has at most %d steps", LESSON_MAX_STEPS);
	open_step(p, args, p->line);
	return 0;
}

static int do_dataset(struct parser *p, char *args)
{
	struct spec_bench b = { .base = p->dataset };
	char words[128];
	int n = settings(p, "@dataset", SPEC_DATASET, args, &b);
	if (n == 0)
		return fail(p, p->line, "@dataset: expected %s",
			    spec_words(SPEC_DATASET, " or ", words, sizeof words));
	p->dataset = b.base;
	return n < 0 ? -1 : 0;
}

static int do_run(struct parser *p, char *args)
{
	struct lesson_step *st = need_step(p);
	if (st->has_run)
		return fail(p, p->line, "@run: this step already has a @run (line %d)", st->run_line);
	size_t n = word_len(args);
	struct spec_bench b = { .base = p->dataset };
	struct spec_error e;
	if (n == 0)
		return fail(p, p->line, "@run: expected a strategy (strategies: %s)", strategy_names());
	if (!(b.base.strategy = spec_strategy(args, n, &e)))
		return fail(p, p->line, "@run: %s", e.msg);
	if (settings(p, "@run", SPEC_RUN, args + n, &b) < 0)
		return -1;
	if (spec_check(&b.base, &e))
		return fail(p, p->line, "@run: %s", e.msg);
	st->run = b.base;
	st->has_run = true;
	st->run_line = p->line;
	return 0;
}

static const struct {
	const char *word;
	enum lesson_op op;
} ops[] = { { "=", LESSON_EQ }, { "<", LESSON_LT }, { "<=", LESSON_LE },
	    { ">", LESSON_GT }, { ">=", LESSON_GE } };

/* "text" with \" and \\ escapes at *s, into *out (caller frees); s moves past it. */
static int parse_quoted(struct parser *p, const char *dir, const char **s, char **out)
{
	if (**s != '"')
		return fail(p, p->line, "%s: expected \"text\" in double quotes", dir);
	struct sbuf b;
	sbuf_init(&b);
	const char *c = *s + 1;
	for (; *c && *c != '"'; c++) {
		if (*c == '\\' && (c[1] == '"' || c[1] == '\\'))
			c++;
		sbuf_addc(&b, *c);
	}
	if (*c != '"' || b.len == 0) {
		sbuf_done(&b);
		return fail(p, p->line, *c ? "%s: expected some text between the quotes"
					   : "%s: the \"text\" has no closing quote",
			    dir);
	}
	*s = c + 1;
	*out = sbuf_steal(&b);
	return 0;
}

/* statements OP N | rows OP N: the operator and the count, from s. */
static int parse_count(struct parser *p, const char *dir, const char *s, struct lesson_expect *e)
{
	while (is_space(*s))
		s++;
	size_t n = strspn(s, "<>=!~"), k = 0;
	while (k < COUNT(ops) && !(strlen(ops[k].word) == n && !memcmp(ops[k].word, s, n)))
		k++;
	if (n == 0)
		return fail(p, p->line, "%s: expected an operator (=, <, <=, >, >=) and a count",
			    dir);
	if (k == COUNT(ops))
		return fail(p, p->line, "%s: unknown operator '%s' (expected =, <, <=, >, >=)", dir,
			    show(s, n).s);
	e->op = ops[k].op;
	s += n;
	while (is_space(*s))
		s++;
	n = word_len(s);
	uint64_t v = 0;
	size_t i = 0;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			break;
		v = v * 10 + d;
	}
	if (n == 0 || i < n)
		return fail(p, p->line, "%s: invalid count '%s': expected a non-negative integer",
			    dir, show(s, n).s);
	e->n = v;
	return blank(s + n) ? 0 : fail(p, p->line, "%s: unexpected text after the count", dir);
}

static int do_expect(struct parser *p, char *args)
{
	struct lesson_step *st = need_step(p);
	if (!st->has_run)
		return fail(p, p->line, "@expect needs a @run earlier in this step");
	/* The check is a word of letters: "statements>=2" reads as well as with spaces. */
	size_t n = strspn(args, "abcdefghijklmnopqrstuvwxyz");
	const char *s = args + n;
	struct lesson_expect e = { .op = LESSON_EQ, .line = p->line };
	char dir[WORD_MAX + 8];
	snprintf(dir, sizeof dir, "@expect %.*s", (int)n, args);
	int rc;
	if (n == 10 && !memcmp(args, "statements", n)) {
		e.kind = LESSON_EXPECT_STATEMENTS;
		rc = parse_count(p, dir, s, &e);
	} else if (n == 4 && !memcmp(args, "rows", n)) {
		e.kind = LESSON_EXPECT_ROWS;
		rc = parse_count(p, dir, s, &e);
	} else if (n == 9 && !memcmp(args, "statement", n)) {
		e.kind = LESSON_EXPECT_STATEMENT;
		while (is_space(*s))
			s++;
		if (*s++ != '~')
			return fail(p, p->line, "%s: expected ~ \"text\"", dir);
		while (is_space(*s))
			s++;
		rc = parse_quoted(p, dir, &s, &e.text);
	} else if (n == 6 && !memcmp(args, "raises", n)) {
		e.kind = LESSON_EXPECT_RAISES;
		while (is_space(*s))
			s++;
		rc = *s ? parse_quoted(p, dir, &s, &e.text) : 0;
	} else if (*args) {
		return fail(p, p->line, "@expect: unknown check '%s' (expected statements, rows, "
					"statement or raises)", show(args, word_len(args)).s);
	} else {
		return fail(p, p->line, "@expect: expected statements, rows, statement or raises");
	}
	if (rc == 0 && (e.kind == LESSON_EXPECT_STATEMENT || e.kind == LESSON_EXPECT_RAISES) &&
	    !blank(s))
		rc = fail(p, p->line, "%s: unexpected text after the closing quote", dir);
	if (rc) {
		free(e.text);
		return -1;
	}
	if (st->nexpects == p->expect_cap) {
		p->expect_cap = p->expect_cap ? 2 * p->expect_cap : 4;
		st->expects = util_realloc(st->expects, (size_t)p->expect_cap * sizeof e);
	}
	st->expects[st->nexpects++] = e;
	return 0;
}

static int do_chart(struct parser *p, char *args)
{
	struct lesson_step *st = need_step(p);
	if (st->has_chart)
		return fail(p, p->line, "@chart: this step already has a @chart (line %d)",
			    st->chart.line);
	struct spec zero = { .identity_map = true };
	struct lesson_chart c = { .bench = spec_bench_default(&zero), .line = p->line };
	if (settings(p, "@chart", SPEC_CHART, args, &c.bench) < 0)
		return -1;
	st->chart = c;
	st->has_chart = true;
	return 0;
}

static int do_hint(struct parser *p, char *args)
{
	need_step(p);
	join(&p->hint, args);
	return 0;
}

static int do_solution(struct parser *p, char *args)
{
	struct lesson_step *st = need_step(p);
	if (st->solution)
		return fail(p, p->line, "@solution: this step already has a @solution (line %d)",
			    p->solution_line);
	st->solution = util_strdup(args);
	p->solution_line = p->line;
	return 0;
}

static int do_quiz(struct parser *p, char *args)
{
	struct lesson_step *st = need_step(p);
	if (st->quiz)
		return fail(p, p->line, "@quiz: this step already has a @quiz (line %d)",
			    st->quiz->line);
	st->quiz = util_calloc(1, sizeof *st->quiz);
	st->quiz->question = util_strdup(args);
	st->quiz->answer = -1; /* until @answer: finish_step reports a quiz without one */
	st->quiz->line = p->line;
	return 0;
}

/* The current step's quiz, for @option, @answer and @explain. */
static struct lesson_quiz *need_quiz(struct parser *p, const char *dir)
{
	struct lesson_quiz *q = need_step(p)->quiz;
	if (!q)
		fail(p, p->line, "%s needs a @quiz earlier in this step", dir);
	return q;
}

static int do_option(struct parser *p, char *args)
{
	struct lesson_quiz *q = need_quiz(p, "@option");
	if (!q)
		return -1;
	if (q->noptions == LESSON_MAX_OPTIONS)
		return fail(p, p->line, "@option: a quiz has at most %d options", LESSON_MAX_OPTIONS);
	q->options[q->noptions++] = util_strdup(args);
	return 0;
}

static int do_answer(struct parser *p, char *args)
{
	struct lesson_quiz *q = need_quiz(p, "@answer");
	long n;
	if (!q)
		return -1;
	if (q->answer >= 0)
		return fail(p, p->line, "@answer: this quiz already has an @answer (line %d)",
			    p->answer_line);
	if (q->noptions == 0)
		return fail(p, p->line, "@answer: expected the @option lines first");
	if (util_parse_long(args, 1, q->noptions, &n))
		return fail(p, p->line, "@answer: invalid answer '%s': expected an integer from 1 "
					"to %d (the options so far)", show(args, strlen(args)).s,
			    q->noptions);
	q->answer = (int)n - 1;
	p->answer_line = p->line;
	return 0;
}

static int do_explain(struct parser *p, char *args)
{
	if (!need_quiz(p, "@explain"))
		return -1;
	join(&p->explain, args);
	return 0;
}

static const struct directive {
	const char *name;
	int (*parse)(struct parser *p, char *args); /* args: trimmed */
	const char *needs; /* what args must hold when it cannot be empty, or NULL */
} directives[] = {
	{ "step", do_step, "a title" },
	{ "dataset", do_dataset, NULL },
	{ "run", do_run, NULL },
	{ "expect", do_expect, NULL },
	{ "chart", do_chart, NULL },
	{ "hint", do_hint, "text" },
	{ "solution", do_solution, "what the learner can type" },
	{ "quiz", do_quiz, "a question" },
	{ "option", do_option, "the option's text" },
	{ "answer", do_answer, NULL },
	{ "explain", do_explain, "text" },
};

static int directive(struct parser *p, char *s)
{
	size_t n = word_len(s);
	for (const struct directive *d = directives; d < directives + COUNT(directives); d++) {
		if (strlen(d->name) != n || memcmp(d->name, s, n) != 0)
			continue;
		char *args = trim(s + n);
		if (d->needs && !*args)
			return fail(p, p->line, "@%s: expected %s", d->name, d->needs);
		return d->parse(p, args);
	}
	char list[LIST_MAX] = "";
	for (size_t i = 0; i < COUNT(directives); i++)
		snprintf(list + strlen(list), LIST_MAX - strlen(list), "%s@%s", i ? ", " : "",
			 directives[i].name);
	return fail(p, p->line, "unknown directive '@%s' (directives: %s)", show(s, n).s, list);
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

static int parse_line(struct parser *p, char *line)
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
			return fail(p, p->line, "unknown code block language '%s' (expected python, "
						"sql or nothing after ```)", show(lang, strlen(lang)).s);
		flush_para(p);
		snprintf(p->code_lang, sizeof p->code_lang, "%s", lang);
		p->in_code = true;
		p->code_line = p->line;
		p->code_lines = 0;
		sbuf_clear(&p->code);
		return 0;
	}
	if (line[0] == '@') {
		flush_para(p);
		return directive(p, line + 1);
	}
	const char *t = trim(line);
	if (!*t) {
		flush_para(p);
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
	struct parser p = { .path = path ? path : "(lesson)", .line = 1 };
	struct reader r = { .s = text ? text : "" };
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
		fail(&p, 1, "line longer than %d bytes", LINE_MAX_BYTES);
	else if (!*title)
		fail(&p, 1, "expected '# Title' on the first line");
	else
		p.l->title = util_strdup(title);
	while (!p.err && (rc = reader_next(&r)) > 0) {
		p.line = r.lineno;
		parse_line(&p, r.line);
	}
	if (rc < 0)
		fail(&p, r.lineno, "line longer than %d bytes", LINE_MAX_BYTES);
	if (p.in_code)
		fail(&p, p.code_line, "unterminated code block (opened here)");
	if (!p.err)
		finish_step(&p);
	if (!p.err && p.l->nsteps == 0)
		fail(&p, 1, "the lesson has no steps: expected prose or a @step after the title");
	sbuf_done(&p.para), sbuf_done(&p.code), sbuf_done(&p.hint), sbuf_done(&p.explain);
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
		free(st->title), free(st->blocks), free(st->expects);
		free(st->hint), free(st->solution);
	}
	free(l->steps), free(l->title), free(l->path), free(l);
}

const char *lesson_op_word(enum lesson_op op)
{
	for (size_t k = 0; k < COUNT(ops); k++)
		if (ops[k].op == op)
			return ops[k].word;
	return "?";
}
